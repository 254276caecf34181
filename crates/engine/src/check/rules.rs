//! The rule registry: every rule id of shared/rules.md with its default
//! severity and title. The ids are a public contract (CLI output, JSON reports, settings).

use serde::{Deserialize, Serialize};

use super::Severity;
use crate::lang::Lang;

macro_rules! rules {
    ($($variant:ident = $id:literal, $severity:ident, $zh:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum RuleId {
            $(#[serde(rename = $id)] $variant,)*
        }

        impl RuleId {
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The public id, such as `undefined-variable`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }

            /// What the rule looks for, in a few words of `lang`: the heading
            /// its findings are grouped under.
            pub fn title(self, lang: Lang) -> &'static str {
                match self {
                    $(RuleId::$variant => lang.pick($zh, $en),)*
                }
            }

            pub fn default_severity(self) -> Severity {
                match self {
                    $(RuleId::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

rules! {
    // Template correctness
    Syntax = "syntax", Error, "语法错误", "Syntax error";
    UndefinedVariable = "undefined-variable", Error, "未声明的字段", "Undeclared field";
    UnusedField = "unused-field", Info, "未使用的必填字段", "Required field not used";
    RenderError = "render-error", Error, "渲染失败", "Rendering fails";
    RenderLimit = "render-limit", Error, "超出渲染上限", "Rendering limit reached";
    Jinja2Compat = "jinja2-compat", Warning, "与 Jinja2 不一致", "Differs from Jinja2";
    FieldFormat = "field-format", Warning, "字段格式", "Field format";
    // Structure and personalisation
    MissingGreeting = "missing-greeting", Warning, "缺少称呼", "No greeting";
    MissingAction = "missing-action", Warning, "缺少行动指引", "No call to action";
    MissingClosing = "missing-closing", Info, "缺少结束语", "No closing";
    MissingContact = "missing-contact", Warning, "缺少联系方式", "No contact details";
    NotPersonalized = "not-personalized", Warning, "称呼未个性化", "Greeting not personalised";
    // Length and layout
    BodyLength = "body-length", Warning, "正文长度", "Body length";
    SubjectLength = "subject-length", Warning, "主题过长", "Subject too long";
    ParagraphLength = "paragraph-length", Info, "段落过长", "Paragraph too long";
    SmsSegments = "sms-segments", Warning, "短信条数", "SMS parts";
    EmptyValue = "empty-value", Error, "空值", "Empty value";
    PlaceholderLeftover = "placeholder-leftover", Error, "残留占位内容", "Placeholder left in";
    // Wording and compliance
    AbsoluteTerm = "absolute-term", Warning, "绝对化用语", "Absolute claim";
    SensitiveWord = "sensitive-word", Warning, "敏感词", "Sensitive word";
    UnmaskedSensitiveField = "unmasked-sensitive-field", Warning, "敏感字段未脱敏", "Sensitive field unmasked";
    MarketingInNotification = "marketing-in-notification", Warning, "通知中含营销内容", "Marketing in a notification";
    SmsSignature = "sms-signature", Error, "短信签名", "SMS signature";
    SmsUnsubscribe = "sms-unsubscribe", Error, "短信退订方式", "SMS opt-out";
    EmailUnsubscribe = "email-unsubscribe", Error, "邮件退订方式", "E-mail unsubscribe";
    AdLabel = "ad-label", Warning, "广告标识", "Ad label";
    InsecureLink = "insecure-link", Warning, "不安全的链接", "Insecure link";
    VariableInLink = "variable-in-link", Warning, "链接中含变量", "Variable in a link";
    Typography = "typography", Info, "中文排版", "Chinese typography";
    // Timing
    SendWindow = "send-window", Warning, "发送时段", "Send window";
    LeadTime = "lead-time", Info, "提前天数", "Lead time";
    // The review rules of the SMS platform a library sends through (settings' platform)
    PlatformBrackets = "platform-brackets", Error, "平台：正文中的【】", "Platform: 【】 in the content";
    PlatformSymbols = "platform-symbols", Error, "平台：不接受的符号", "Platform: refused symbol";
    PlatformOptOut = "platform-opt-out", Error, "平台：推广短信的退订", "Platform: opt-out of a promotion";
    PlatformOptOutInNotification = "platform-opt-out-in-notification", Error, "平台：通知中的退订字样", "Platform: opt-out in a notification";
    PlatformAdjacentVariables = "platform-adjacent-variables", Error, "平台：相邻的变量", "Platform: variables side by side";
    PlatformLinkVariable = "platform-link-variable", Error, "平台：变量值中的链接", "Platform: link in a value";
    PlatformValueLength = "platform-value-length", Error, "平台：变量值长度", "Platform: value length";
    PlatformVerification = "platform-verification", Error, "平台：验证码规则", "Platform: verification code";
    PlatformLength = "platform-length", Error, "平台：模板长度", "Platform: template length";
    PlatformContactNumbers = "platform-contact-numbers", Warning, "平台：联系电话", "Platform: contact numbers";
}

impl RuleId {
    pub fn parse(id: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|rule| rule.as_str() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_json() {
        assert_eq!(RuleId::ALL.len(), 41);
        for &rule in RuleId::ALL {
            assert_eq!(RuleId::parse(rule.as_str()), Some(rule));
            assert_eq!(serde_json::to_string(&rule).unwrap(), format!("\"{}\"", rule.as_str()));
        }
    }
}
