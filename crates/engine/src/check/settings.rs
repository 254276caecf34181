//! Check settings: which rules run at what severity, per library and per
//! channel, and the thresholds and word lists the rules use.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{RuleId, Severity};
use crate::library::model::Channel;

/// An override of one rule: switch it off, or give it another severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSetting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Shared-wide overrides.
    pub rules: BTreeMap<RuleId, RuleSetting>,
    /// Per-channel overrides; they win over the library-wide ones.
    pub channels: BTreeMap<Channel, BTreeMap<RuleId, RuleSetting>>,
    pub thresholds: Thresholds,
    pub words: WordLists,
    /// The SMS platform the library sends through: its review rules
    /// (`platform-*`) run on SMS templates. Left out when none is chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<crate::convert::sms::Platform>,
}

/// Rules that only cry wolf on a channel, off there unless a library turns
/// them back on. Built in rather than stored, so libraries saved before a
/// rule joined this list get it too.
fn off_by_default(rule: RuleId, channel: Channel) -> bool {
    match channel {
        // An SMS has no room for a closing line, its 【signature】 already
        // names the sender, and it says one thing: the library's schema
        // holds many fields a one-line message rightly leaves out.
        Channel::Sms => matches!(rule, RuleId::MissingClosing | RuleId::MissingContact | RuleId::UnusedField),
        Channel::Email | Channel::Inapp | Channel::Notice => false,
    }
}

impl Settings {
    /// The severity `rule` runs at for `channel`, or `None` when it is off:
    /// the built-in channel default, then the library-wide override, then
    /// the library's override for the channel.
    pub fn severity(&self, rule: RuleId, channel: Channel) -> Option<Severity> {
        let mut enabled = !off_by_default(rule, channel);
        let mut severity = rule.default_severity();
        let layers = [self.rules.get(&rule), self.channels.get(&channel).and_then(|rules| rules.get(&rule))];
        for setting in layers.into_iter().flatten() {
            enabled = setting.enabled.unwrap_or(enabled);
            severity = setting.severity.unwrap_or(severity);
        }
        enabled.then_some(severity)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// E-mail body length in characters.
    pub body_min_chars: usize,
    pub body_max_chars: usize,
    /// E-mail subject length in characters (a Chinese character counts 1).
    pub subject_max_chars: usize,
    /// A paragraph may run to this many lines of `line_width` Chinese
    /// characters (a Latin letter, digit or space takes half the room).
    pub paragraph_max_lines: usize,
    pub line_width: usize,
    /// SMS parts a message may need.
    pub sms_max_segments: usize,
    /// Signature length inside 【】, in characters.
    pub sms_signature_min_chars: usize,
    pub sms_signature_max_chars: usize,
    /// Marketing quiet hours, local time, as hours: from `quiet_from` to `quiet_until`.
    pub quiet_from_hour: u32,
    pub quiet_until_hour: u32,
    /// Holiday greetings go out this many days before the holiday.
    pub lead_min_days: i64,
    pub lead_max_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            body_min_chars: 300,
            body_max_chars: 561,
            subject_max_chars: 50,
            paragraph_max_lines: 3,
            line_width: 40,
            sms_max_segments: 2,
            sms_signature_min_chars: 2,
            sms_signature_max_chars: 12,
            quiet_from_hour: 21,
            quiet_until_hour: 8,
            lead_min_days: 3,
            lead_max_days: 5,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WordLists {
    /// Absolute claims the library adds to `absolute-term`'s grammar (which
    /// knows the Advertising Law's forms, Art. 9(3)).
    #[serde(deserialize_with = "extra_absolute_terms")]
    pub absolute_terms: Vec<String>,
    /// Ordinary words that contain an absolute term but are no claim.
    pub false_friends: Vec<String>,
    /// The library's own list of words to avoid.
    pub sensitive_words: Vec<String>,
    /// Promotional wording that does not belong in a service notice.
    pub marketing_words: Vec<String>,
    /// Accepted SMS opt-out wording.
    pub sms_opt_out: Vec<String>,
    /// Accepted e-mail unsubscribe wording (a link containing "unsubscribe" counts too).
    pub email_opt_out: Vec<String>,
    /// Link hosts that are allowed; empty allows every host.
    pub link_hosts: Vec<String>,
}

/// The word list libraries stored before the grammar, as its default: read
/// as no extra terms (its bare 第一, 最高, 唯一 would fire on 第一时间, 最高额度,
/// 唯一标识).
const FORMER_ABSOLUTE_TERMS: [&str; 26] = [
    "最高级", "国家级", "最佳", "顶级", "极品", "第一品牌", "绝无仅有", "顶尖", "万能", "销量冠军", "最具", "最高", "全国首家", "首选",
    "空前绝后", "绝对", "最大", "世界领先", "唯一", "巅峰", "最先进", "世界级", "最好", "最便宜", "独家", "第一",
];

fn extra_absolute_terms<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let terms = Vec::<String>::deserialize(deserializer)?;
    Ok(if terms == FORMER_ABSOLUTE_TERMS { Vec::new() } else { terms })
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_owned()).collect()
}

impl Default for WordLists {
    fn default() -> Self {
        WordLists {
            absolute_terms: Vec::new(),
            false_friends: strings(&[
                "最近", "最后", "最终", "最少", "最早", "最晚", "最新", "第一次", "第一步", "第一天", "第一个", "第一时间",
                "第一期", "第一条", "第一项", "第一章", "第一节", "第一季度", "第一批", "唯一标识", "唯一识别", "唯一编号",
                "绝对值", "首选项", "最大限度", "最大程度", "最大化", "最高额度", "最好在", "最好先",
                // Enumerations that open a clause (…：第一，…；第二，…), not 销量第一，
                // and the legal name of a tax relief.
                "：第一，", "。第一，", "；第一，", "\n第一，", "：第一、", "\n第一、", "税收优惠",
            ]),
            // A starter list of promises that financial and health advertising
            // may not make (Advertising Law Art. 16, 25); libraries add their own.
            sensitive_words: strings(&[
                "稳赚不赔", "稳赚", "保本保息", "保证收益", "零风险", "无风险", "包赚", "躺赚", "一夜暴富", "根治", "药到病除",
                "保证通过", "100% 通过", "100%通过",
            ]),
            marketing_words: strings(&[
                "优惠", "折扣", "促销", "限时", "抢购", "特价", "满减", "领券", "优惠券", "秒杀", "买一送一", "大促", "低至",
                "包邮", "返现", "清仓", "sale", "discount", "coupon", "promo code", "% off", "limited time", "buy now",
            ]),
            sms_opt_out: strings(&["拒收请回复R", "回T退订", "回TD退订", "回N退订", "退订回T", "退订回TD", "退订回N"]),
            email_opt_out: strings(&["退订", "取消订阅", "unsubscribe", "opt out", "opt-out"]),
            link_hosts: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_registry() {
        let settings = Settings::default();
        assert_eq!(settings.severity(RuleId::Syntax, Channel::Email), Some(Severity::Error));
        assert_eq!(settings.severity(RuleId::MissingClosing, Channel::Email), Some(Severity::Info));
        assert_eq!(settings.severity(RuleId::MissingClosing, Channel::Sms), None);
        assert_eq!(settings.severity(RuleId::UnusedField, Channel::Sms), None);
        assert_eq!(settings.severity(RuleId::UnusedField, Channel::Email), Some(Severity::Info));
    }

    #[test]
    fn a_library_turns_a_channel_default_back_on_and_stored_settings_get_new_defaults() {
        let on = RuleSetting { enabled: Some(true), severity: None };
        let mut settings = Settings::default();
        settings.rules.insert(RuleId::UnusedField, on);
        assert_eq!(settings.severity(RuleId::UnusedField, Channel::Sms), Some(Severity::Info));
        // What libraries stored before the SMS defaults were built in.
        let stored = r#"{"channels": {"sms": {"missing-closing": {"enabled": false}, "missing-contact": {"enabled": false}}}}"#;
        let stored: Settings = serde_json::from_str(stored).unwrap();
        assert_eq!(stored.severity(RuleId::UnusedField, Channel::Sms), None);
        assert_eq!(stored.severity(RuleId::MissingContact, Channel::Email), Some(Severity::Warning));
    }

    #[test]
    fn channel_overrides_win_over_library_overrides() {
        let mut settings = Settings::default();
        settings.rules.insert(RuleId::AbsoluteTerm, RuleSetting { enabled: None, severity: Some(Severity::Error) });
        settings.channels.entry(Channel::Sms).or_default().insert(RuleId::AbsoluteTerm, RuleSetting { enabled: Some(false), severity: None });
        settings.channels.entry(Channel::Email).or_default().insert(RuleId::AbsoluteTerm, RuleSetting { enabled: None, severity: Some(Severity::Info) });
        assert_eq!(settings.severity(RuleId::AbsoluteTerm, Channel::Inapp), Some(Severity::Error));
        assert_eq!(settings.severity(RuleId::AbsoluteTerm, Channel::Sms), None);
        assert_eq!(settings.severity(RuleId::AbsoluteTerm, Channel::Email), Some(Severity::Info));
    }

    #[test]
    fn settings_round_trip_as_json_and_fill_in_defaults() {
        let settings: Settings = serde_json::from_str(r#"{"thresholds": {"sms_max_segments": 3}}"#).unwrap();
        assert_eq!(settings.thresholds.sms_max_segments, 3);
        assert_eq!(settings.thresholds.body_max_chars, 561);
        // The grammar knows the claims; a library's list adds to it, and the
        // list every library stored before the grammar reads as no addition.
        assert!(settings.words.absolute_terms.is_empty());
        let former = serde_json::json!({"words": {"absolute_terms": FORMER_ABSOLUTE_TERMS}});
        assert!(serde_json::from_value::<Settings>(former).unwrap().words.absolute_terms.is_empty());
        let own: Settings = serde_json::from_value(serde_json::json!({"words": {"absolute_terms": ["最佳", "天花板"]}})).unwrap();
        assert_eq!(own.words.absolute_terms, ["最佳", "天花板"]);
        let json = serde_json::to_string(&Settings::default()).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), Settings::default());
    }
}
