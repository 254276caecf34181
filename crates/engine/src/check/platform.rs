//! `platform-*`: the review rules of the SMS platform a library sends through
//! (`Settings::platform`, `notice check --platform`), as the platforms
//! document them (shared/platforms.md), so a template is fixed before a
//! human review takes hours to reject it. SMS templates only.
//!
//! Fixed text is read from the source (with line and column); values are each
//! `{{ … }}` evaluated for each sample profile, as the platform receives them.

use std::ops::Range;

use super::{Context, Fix, Location, Message, Origin, Part, RuleId, Sink};
use crate::convert::sms::{Platform, SmsKind};
use crate::library::model::Channel;
use crate::template::render;
use crate::template::scan::{self, SegmentKind};
use crate::text::Span;

pub(super) fn check(cx: &Context, sink: &mut Sink, platform: Option<Platform>) {
    let Some(platform) = platform else { return };
    if cx.template.channel != Channel::Sms {
        return;
    }
    let source = cx.source(Part::Body);
    let segments = cx.segments(Part::Body);
    let literal: String = segments.iter().filter(|s| s.kind == SegmentKind::Literal).map(|s| &source[s.range.clone()]).collect();
    let kind = SmsKind::of(&literal, cx.template.purpose);
    let name = platform_name(platform);
    let at = |range: Range<usize>| Some(Location { part: Part::Body, origin: Origin::Source, span: Span::of(source, range) });
    let signature_end = signature_end(source);

    // Fixed text, character by character.
    for segment in segments.iter().filter(|s| s.kind == SegmentKind::Literal) {
        for (offset, c) in source[segment.range.clone()].char_indices() {
            let start = segment.range.start + offset;
            let range = start..start + c.len_utf8();
            if start < signature_end {
                continue;
            }
            if c == '【' || c == '】' || (platform == Platform::Huawei && (c == '[' || c == ']')) {
                let replacement = if c == '【' || c == '[' { "（" } else { "）" };
                sink.report(
                    RuleId::PlatformBrackets,
                    Message::new(
                        format!("{name}不接受正文中的“{c}”：签名括号只能用于开头的签名，发送时由平台加上"),
                        format!("{} refuses “{c}” in the content: these brackets are for the leading signature, which the platform adds when sending", name_en(platform)),
                    ),
                    at(range.clone()),
                    None,
                    Some(Fix { title: Message::new(format!("改为“{replacement}”"), format!("Use “{replacement}”")), part: Part::Body, range, replacement: replacement.to_owned() }),
                );
            } else if let Some(symbol) = forbidden_symbol(platform, &source[start..]) {
                let range = start..start + symbol.len();
                sink.report(
                    RuleId::PlatformSymbols,
                    Message::new(format!("{name}不接受符号“{symbol}”"), format!("{} refuses the symbol “{symbol}”", name_en(platform))),
                    at(range.clone()),
                    None,
                    Some(Fix { title: Message::new(format!("删除“{symbol}”"), format!("Remove “{symbol}”")), part: Part::Body, range, replacement: String::new() }),
                );
            }
        }
    }

    // Placeholders next to each other.
    for pair in segments.windows(2) {
        if pair[0].kind == SegmentKind::Expression && pair[1].kind == SegmentKind::Expression {
            sink.report(
                RuleId::PlatformAdjacentVariables,
                Message::new(
                    format!("{name}不接受相邻的两个变量：请在中间加上文字，或合成一个变量，如 {{{{ a ~ b }}}}"),
                    format!("{} refuses two variables next to each other: put text between them, or make them one, as in {{{{ a ~ b }}}}", name_en(platform)),
                ),
                at(pair[1].range.clone()),
                None,
                None,
            );
        }
    }

    let placeholders: Vec<(Range<usize>, &str)> = segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Expression)
        .map(|s| (s.range.clone(), expression_of(&source[s.range.clone()])))
        .collect();
    opt_out(sink, platform, kind, source, &literal);
    if kind == SmsKind::Verification && platform != Platform::Tencent && placeholders.len() != 1 {
        sink.report(
            RuleId::PlatformVerification,
            Message::new(
                format!("{name}的验证码短信只能有 1 个变量（验证码本身），这里有 {} 个", placeholders.len()),
                format!("{} takes exactly 1 variable (the code) in a verification-code SMS; this one has {}", name_en(platform), placeholders.len()),
            ),
            None,
            None,
            None,
        );
    }
    if platform != Platform::Tencent {
        // The template as submitted: each placeholder stands for itself.
        let length = source[signature_end..].chars().filter(|c| *c != '\n').count();
        if length > 500 {
            sink.report(
                RuleId::PlatformLength,
                Message::new(
                    format!("{name}的模板内容最多 500 个字符，这里约有 {length} 个；请删减，或拆成两个模板"),
                    format!("{} takes at most 500 characters of content; this has about {length}: shorten it, or split it into two templates", name_en(platform)),
                ),
                None,
                None,
                None,
            );
        }
    }
    if platform == Platform::Tencent {
        // The whole message as sent: signature and values included.
        for (profile, rendered) in cx.outputs(Part::Body) {
            let length = rendered.text.chars().count();
            if length > 500 {
                sink.report(
                    RuleId::PlatformLength,
                    Message::new(
                        format!("腾讯云的短信连同签名和变量值最多 500 个字符，这里有 {length} 个；请删减，或拆成两个模板"),
                        format!("Tencent Cloud takes at most 500 characters with the signature and values; this has {length}: shorten it, or split it into two templates"),
                    ),
                    None,
                    Some(&profile.profile),
                    None,
                );
            }
        }
    }
    if platform == Platform::Aliyun && kind == SmsKind::Notification {
        contact_numbers(sink, source, segments, at);
    }
    values(cx, sink, platform, kind, &placeholders, source);
}

fn platform_name(platform: Platform) -> &'static str {
    match platform {
        Platform::Aliyun => "阿里云",
        Platform::Tencent => "腾讯云",
        Platform::Huawei => "华为云",
    }
}

fn name_en(platform: Platform) -> &'static str {
    match platform {
        Platform::Aliyun => "Aliyun",
        Platform::Tencent => "Tencent Cloud",
        Platform::Huawei => "Huawei Cloud",
    }
}

/// Where the leading 【signature】 ends (0 without one).
fn signature_end(source: &str) -> usize {
    source.len() - crate::convert::sms::without_signature(source).len()
}

/// The symbol at the start of `text` that `platform` refuses.
fn forbidden_symbol(platform: Platform, text: &str) -> Option<&'static str> {
    let symbols: &[&'static str] = match platform {
        Platform::Aliyun => &["『", "』", "「", "」", "〖", "〗", "m²", "•", "①", "★", "※", "→"],
        Platform::Tencent => &["¥", "★", "^_^", "&", "☞", "✓", "※"],
        Platform::Huawei => &["¥", "★", "^_^", "&", "√", "※"],
    };
    symbols.iter().copied().find(|s| text.starts_with(s))
}

/// The expression inside `{{ … }}`, without whitespace control.
fn expression_of(tag: &str) -> &str {
    let inner = tag.strip_prefix("{{").unwrap_or(tag);
    let inner = inner.strip_suffix("}}").unwrap_or(inner);
    inner.trim_start_matches(['-', '+']).trim_end_matches(['-', '+']).trim()
}

/// The platform's opt-out: required at its place in marketing, refused in notifications.
fn opt_out(sink: &mut Sink, platform: Platform, kind: SmsKind, source: &str, literal: &str) {
    let squeezed: String = literal.chars().filter(|c| !c.is_whitespace()).collect();
    let (phrase, has_it) = match platform {
        Platform::Aliyun => ("拒收请回复R", squeezed.contains("拒收请回复R")),
        Platform::Tencent => ("回T退订", ["回T退订", "回TD退订", "回N退订", "回复T退订", "回复TD退订", "回复N退订", "退订回T", "退订回N"].iter().any(|p| squeezed.contains(p))),
        Platform::Huawei => ("回R退订", ["回R退订", "回复R退订", "拒收请回复R", "退订回R"].iter().any(|p| squeezed.contains(p))),
    };
    let name = platform_name(platform);
    let end = source.trim_end().len();
    match kind {
        SmsKind::Marketing if !has_it => sink.report(
            RuleId::PlatformOptOut,
            Message::new(format!("{name}要求推广短信带退订方式“{phrase}”"), format!("{} requires a promotional SMS to carry the opt-out “{phrase}”", name_en(platform))),
            None,
            None,
            Some(Fix { title: Message::new(format!("在末尾加上“{phrase}”"), format!("Append “{phrase}”")), part: Part::Body, range: end..end, replacement: phrase.to_owned() }),
        ),
        SmsKind::Marketing if platform == Platform::Aliyun && !squeezed.trim_end_matches(['。', '.', '！', '!']).ends_with(phrase) => {
            let at = source.find(phrase).map(|i| Location { part: Part::Body, origin: Origin::Source, span: Span::of(source, i..i + phrase.len()) });
            sink.report(
                RuleId::PlatformOptOut,
                Message::new(format!("阿里云要求“{phrase}”放在短信的最后"), format!("Aliyun requires “{phrase}” at the very end of the SMS")),
                at,
                None,
                None,
            );
        }
        SmsKind::Notification | SmsKind::Verification if has_it || squeezed.contains("退订") => {
            let found = ["拒收请回复R", "退订"].iter().find_map(|p| source.find(p).map(|i| i..i + p.len()));
            sink.report(
                RuleId::PlatformOptOutInNotification,
                Message::new(
                    format!("{name}的通知短信不能带退订字样：带退订的短信会被当作推广短信审核；请删掉它，若这是推广短信，把用途改为营销"),
                    format!("{}'s notification SMS must not carry opt-out wording: with it, the SMS is reviewed as promotional; remove it, or if this is a promotion, set the purpose to marketing", name_en(platform)),
                ),
                found.map(|range| Location { part: Part::Body, origin: Origin::Source, span: Span::of(source, range) }),
                None,
                None,
            );
        }
        _ => {}
    }
}

/// Phone numbers in fixed text: Aliyun's notifications take at most two, landlines, 400 or 95 numbers only.
fn contact_numbers(sink: &mut Sink, source: &str, segments: &[scan::Segment], at: impl Fn(Range<usize>) -> Option<Location>) {
    let mut numbers = Vec::new();
    for segment in segments.iter().filter(|s| s.kind == SegmentKind::Literal) {
        let text = &source[segment.range.clone()];
        let mut i = 0;
        while i < text.len() {
            let run = text[i..].find(|c: char| c.is_ascii_digit()).map(|start| {
                let from = i + start;
                let len = text[from..].find(|c: char| !(c.is_ascii_digit() || c == '-')).unwrap_or(text.len() - from);
                from..from + len
            });
            let Some(run) = run else { break };
            let digits: String = text[run.clone()].chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 5 && (digits.starts_with('0') || digits.starts_with("400") || digits.starts_with("95") || (digits.len() == 11 && digits.starts_with('1'))) {
                numbers.push((segment.range.start + run.start..segment.range.start + run.end, digits));
            }
            i = run.end.max(i + 1);
        }
    }
    for (range, digits) in &numbers {
        if digits.len() == 11 && digits.starts_with('1') {
            sink.report(
                RuleId::PlatformContactNumbers,
                Message::new(
                    "阿里云的通知短信只接受固定电话、400 或 95 开头的号码，不接受手机号；请改用客服电话",
                    "Aliyun's notification SMS takes landline, 400 or 95 numbers only, not mobile numbers: give the service line instead",
                ),
                at(range.clone()),
                None,
                None,
            );
        }
    }
    if numbers.len() > 2 {
        sink.report(
            RuleId::PlatformContactNumbers,
            Message::new(
                format!("阿里云的通知短信最多 2 个联系电话，这里有 {} 个；请只留两个", numbers.len()),
                format!("Aliyun's notification SMS takes at most 2 contact numbers; this one has {}: keep two", numbers.len()),
            ),
            at(numbers[2].0.clone()),
            None,
            None,
        );
    }
}

/// Each value as the platform receives it, for each profile.
fn values(cx: &Context, sink: &mut Sink, platform: Platform, kind: SmsKind, placeholders: &[(Range<usize>, &str)], source: &str) {
    if placeholders.is_empty() {
        return;
    }
    let env = render::environment(&cx.library.partials);
    let name = platform_name(platform);
    for profile in &cx.renders {
        let Ok(data) = &profile.data else { continue };
        for (range, expression) in placeholders {
            let Ok(value) = render::render_in(&env, &format!("{{{{ {expression} }}}}"), data) else { continue };
            let at = Some(Location { part: Part::Body, origin: Origin::Source, span: Span::of(source, range.clone()) });
            let length = value.chars().count();
            let report = |sink: &mut Sink, rule, zh: String, en: String| sink.report(rule, Message::new(zh, en), at.clone(), Some(&profile.profile), None);
            if kind != SmsKind::Verification && (has_link(&value) || (platform == Platform::Huawei && has_phone(&value))) {
                report(
                    sink,
                    RuleId::PlatformLinkVariable,
                    format!("{name}不接受变量的值中有链接{}：“{value}”；请把它写成固定文字", if platform == Platform::Huawei { "或电话号码" } else { "" }),
                    format!("{} refuses a link{} in a variable's value: “{value}”; write it as fixed text", name_en(platform), if platform == Platform::Huawei { " or phone number" } else { "" }),
                );
            }
            if kind == SmsKind::Verification {
                // With more than one variable, which is the code is anyone's guess
                // (and platform-verification has said so already).
                if placeholders.len() != 1 {
                    continue;
                }
                let digits_only = !value.is_empty() && value.chars().all(|c| c.is_ascii_digit());
                let letters_and_digits = value.chars().all(|c| c.is_ascii_alphanumeric());
                let fits = match platform {
                    Platform::Aliyun => (4..=6).contains(&length) && letters_and_digits,
                    Platform::Tencent => length <= 6 && digits_only,
                    Platform::Huawei => length <= 8 && digits_only,
                };
                if !fits {
                    let rule = match platform {
                        Platform::Aliyun => ("4 到 6 位数字或字母", "4 to 6 digits or letters"),
                        Platform::Tencent => ("至多 6 位数字", "at most 6 digits"),
                        Platform::Huawei => ("至多 8 位数字", "at most 8 digits"),
                    };
                    report(
                        sink,
                        RuleId::PlatformVerification,
                        format!("{name}的验证码须为{}，这里是“{value}”", rule.0),
                        format!("{}'s verification code must be {}; this one is “{value}”", name_en(platform), rule.1),
                    );
                }
                continue;
            }
            let limit = match platform {
                Platform::Aliyun => Some(35),
                Platform::Huawei => Some(20),
                Platform::Tencent => None,
            };
            if let Some(limit) = limit.filter(|&limit| length == 0 || length > limit) {
                report(
                    sink,
                    RuleId::PlatformValueLength,
                    format!("{name}的变量值须为 1 到 {limit} 个字符，这里有 {length} 个：“{value}”；请缩短它，或把这部分写成固定文字"),
                    format!("{} takes variable values of 1 to {limit} characters; this one has {length}: “{value}”; shorten it, or write that part as fixed text", name_en(platform)),
                );
            }
        }
    }
}

fn has_link(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    lower.contains("http://") || lower.contains("https://") || lower.contains("www.")
}

/// Seven or more digits in a row (with - or spaces): a phone number, not an amount or a date.
fn has_phone(value: &str) -> bool {
    let mut run = 0;
    for c in value.chars() {
        match c {
            '0'..='9' => {
                run += 1;
                if run >= 7 {
                    return true;
                }
            }
            '-' | ' ' if run > 0 => {}
            _ => run = 0,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check, Settings};
    use crate::library::model::{Purpose, SampleProfile, Shared, Template};

    /// The `platform-*` findings of an SMS on `platform`: (rule id, line:column or "-", profiles).
    fn findings(platform: Platform, purpose: Purpose, body: &str, sample: &str) -> Vec<(&'static str, String)> {
        let template = Template {
            channel: Channel::Sms,
            purpose,
            body: body.to_owned(),
            samples: vec![SampleProfile { name: "甲".into(), data: sample.to_owned() }],
            ..Template::default()
        };
        let settings = Settings { platform: Some(platform), ..Settings::default() };
        check(&template, &Shared::default(), &settings)
            .into_iter()
            .filter(|d| d.rule.as_str().starts_with("platform-"))
            .map(|d| (d.rule.as_str(), d.location.map_or("-".to_owned(), |l| format!("{}:{}", l.span.line, l.span.column))))
            .collect()
    }

    use Platform::{Aliyun, Huawei, Tencent};
    use Purpose::{Marketing, Notification};

    const CLEAN_NOTICE: &str = "【星河科技】{{ customer.name }}您好，您的订单已发货，预计明天送达。详询 400-800-1234";
    const CUSTOMER: &str = r#"{"customer": {"name": "王芳"}}"#;

    #[test]
    fn a_clean_notification_passes_every_platform() {
        for platform in Platform::ALL {
            assert_eq!(findings(platform, Notification, CLEAN_NOTICE, CUSTOMER), vec![], "{platform:?}");
        }
    }

    #[test]
    fn a_clean_promotion_passes_with_each_platforms_opt_out() {
        let body = |opt_out: &str| format!("【星河科技】年终会员日，全场八折，12月31日截止。{opt_out}");
        assert_eq!(findings(Aliyun, Marketing, &body("拒收请回复R"), "{}"), vec![]);
        assert_eq!(findings(Tencent, Marketing, &body("回T退订"), "{}"), vec![]);
        assert_eq!(findings(Huawei, Marketing, &body("回R退订"), "{}"), vec![]);
    }

    #[test]
    fn opt_outs_are_required_placed_and_kept_out_of_notifications() {
        let promo = "【星河科技】年终会员日，全场八折。";
        for platform in Platform::ALL {
            assert_eq!(findings(platform, Marketing, promo, "{}"), vec![("platform-opt-out", "-".to_owned())], "{platform:?}");
        }
        // Aliyun wants it last.
        assert_eq!(findings(Aliyun, Marketing, "【星河科技】拒收请回复R。年终会员日，全场八折。", "{}"), vec![("platform-opt-out", "1:7".to_owned())]);
        // Tencent's T/TD/N is not Aliyun's R.
        assert_eq!(findings(Tencent, Marketing, "【星河科技】年终会员日，全场八折。拒收请回复R", "{}"), vec![("platform-opt-out", "-".to_owned())]);
        assert_eq!(findings(Aliyun, Notification, "【星河科技】您的订单已发货。拒收请回复R", "{}"), vec![("platform-opt-out-in-notification", "1:15".to_owned())]);
    }

    #[test]
    fn brackets_and_symbols_in_the_content() {
        assert_eq!(findings(Tencent, Notification, "【星河科技】您的【订单】已发货。", "{}"), vec![("platform-brackets", "1:9".to_owned()), ("platform-brackets", "1:12".to_owned())]);
        assert_eq!(findings(Huawei, Notification, "【星河科技】订单[123]已发货。", "{}"), vec![("platform-brackets", "1:9".to_owned()), ("platform-brackets", "1:13".to_owned())]);
        assert_eq!(findings(Aliyun, Notification, "【星河科技】订单[123]已发货。", "{}"), vec![]);
        assert_eq!(findings(Tencent, Notification, "【星河科技】积分&优惠券已到账★", "{}"), vec![("platform-symbols", "1:9".to_owned()), ("platform-symbols", "1:16".to_owned())]);
        assert_eq!(findings(Aliyun, Notification, "【星河科技】积分&优惠券已到账※", "{}"), vec![("platform-symbols", "1:16".to_owned())]);
    }

    #[test]
    fn adjacent_variables_are_refused() {
        assert_eq!(
            findings(Aliyun, Notification, "【星河科技】{{ customer.name }}{{ customer.honorific }}，您的订单已发货。", r#"{"customer": {"name": "王芳", "honorific": "女士"}}"#),
            vec![("platform-adjacent-variables", "1:26".to_owned())]
        );
    }

    #[test]
    fn values_are_judged_as_the_platform_receives_them() {
        let body = "【星河科技】{{ customer.name }}您好，您的订单已发货。";
        let long = r#"{"customer": {"name": "一个非常非常长的名字一个非常非常长的名字一个非常非常长的名字一个非常非常长的名字"}}"#;
        assert_eq!(findings(Aliyun, Notification, body, long), vec![("platform-value-length", "1:7".to_owned())]);
        assert_eq!(findings(Huawei, Notification, body, long), vec![("platform-value-length", "1:7".to_owned())]);
        assert_eq!(findings(Tencent, Notification, body, long), vec![]);
        let link = r#"{"customer": {"name": "https://x.cn"}}"#;
        assert_eq!(findings(Tencent, Notification, body, link), vec![("platform-link-variable", "1:7".to_owned())]);
        let phone = r#"{"customer": {"name": "138 0000 1234"}}"#;
        assert_eq!(findings(Huawei, Notification, body, phone), vec![("platform-link-variable", "1:7".to_owned())]);
        assert_eq!(findings(Aliyun, Notification, body, phone), vec![]);
    }

    #[test]
    fn verification_codes_follow_each_platforms_rule() {
        let body = "【星河科技】您的验证码是{{ code }}，5分钟内有效。";
        for (platform, code, ok) in [(Aliyun, "1234", true), (Aliyun, "123", false), (Aliyun, "A1B2C3", true), (Tencent, "123456", true), (Tencent, "1234567", false), (Huawei, "12345678", true), (Huawei, "12a4", false)] {
            let found = findings(platform, Notification, body, &format!(r#"{{"code": "{code}"}}"#));
            assert_eq!(found.is_empty(), ok, "{platform:?} {code}: {found:?}");
        }
        assert_eq!(findings(Aliyun, Notification, "【星河科技】验证码{{ code }}，用于{{ action }}。", r#"{"code": "1234", "action": "登录"}"#), vec![("platform-verification", "-".to_owned())]);
    }

    #[test]
    fn contact_numbers_in_an_aliyun_notification() {
        assert_eq!(findings(Aliyun, Notification, "【星河科技】您的订单已发货，请联系 13800001111。", "{}"), vec![("platform-contact-numbers", "1:19".to_owned())]);
        assert_eq!(findings(Aliyun, Notification, "【星河科技】详询 400-800-1234、010-66881234 或 95555。", "{}"), vec![("platform-contact-numbers", "1:38".to_owned())]);
        assert_eq!(findings(Tencent, Notification, "【星河科技】详询 400-800-1234、010-66881234 或 95555。", "{}"), vec![]);
    }

    #[test]
    fn length_counts_the_template_or_the_message() {
        let body = format!("【星河科技】{}", "很".repeat(501));
        assert_eq!(findings(Aliyun, Notification, &body, "{}"), vec![("platform-length", "-".to_owned())]);
        assert_eq!(findings(Tencent, Notification, &body, "{}"), vec![("platform-length", "-".to_owned())]);
    }

    #[test]
    fn without_a_platform_or_outside_sms_nothing_runs() {
        let template = Template { channel: Channel::Sms, body: "【星河科技】您的【订单】已发货★".into(), ..Template::default() };
        assert!(check(&template, &Shared::default(), &Settings::default()).iter().all(|d| !d.rule.as_str().starts_with("platform-")));
        let email = Template { channel: Channel::Email, body: "您的【订单】已发货★".into(), ..Template::default() };
        let settings = Settings { platform: Some(Tencent), ..Settings::default() };
        assert!(check(&email, &Shared::default(), &settings).iter().all(|d| !d.rule.as_str().starts_with("platform-")));
    }
}
