//! The rule registry: every rule id of shared/rules.md with its default
//! severity. The ids are a public contract (CLI output, JSON reports, settings).

use serde::{Deserialize, Serialize};

use super::Severity;

macro_rules! rules {
    ($($variant:ident = $id:literal, $severity:ident;)*) => {
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
    Syntax = "syntax", Error;
    UndefinedVariable = "undefined-variable", Error;
    UnusedField = "unused-field", Info;
    RenderError = "render-error", Error;
    RenderLimit = "render-limit", Error;
    Jinja2Compat = "jinja2-compat", Warning;
    FieldFormat = "field-format", Warning;
    // Structure and personalisation
    MissingGreeting = "missing-greeting", Warning;
    MissingAction = "missing-action", Warning;
    MissingClosing = "missing-closing", Info;
    MissingContact = "missing-contact", Warning;
    NotPersonalized = "not-personalized", Warning;
    // Length and layout
    BodyLength = "body-length", Warning;
    SubjectLength = "subject-length", Warning;
    ParagraphLength = "paragraph-length", Info;
    SmsSegments = "sms-segments", Warning;
    EmptyValue = "empty-value", Error;
    PlaceholderLeftover = "placeholder-leftover", Error;
    // Wording and compliance
    AbsoluteTerm = "absolute-term", Warning;
    SensitiveWord = "sensitive-word", Warning;
    UnmaskedSensitiveField = "unmasked-sensitive-field", Warning;
    MarketingInNotification = "marketing-in-notification", Warning;
    SmsSignature = "sms-signature", Error;
    SmsUnsubscribe = "sms-unsubscribe", Error;
    EmailUnsubscribe = "email-unsubscribe", Error;
    AdLabel = "ad-label", Warning;
    InsecureLink = "insecure-link", Warning;
    VariableInLink = "variable-in-link", Warning;
    Typography = "typography", Info;
    // Timing
    SendWindow = "send-window", Warning;
    LeadTime = "lead-time", Info;
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
        assert_eq!(RuleId::ALL.len(), 31);
        for &rule in RuleId::ALL {
            assert_eq!(RuleId::parse(rule.as_str()), Some(rule));
            assert_eq!(serde_json::to_string(&rule).unwrap(), format!("\"{}\"", rule.as_str()));
        }
    }
}
