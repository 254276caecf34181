//! The encoding of what the app keeps in the browser's local storage.
//!
//! Every stored value is a JSON object that names its format and version, so a
//! later release can migrate it forward and an older release can refuse a newer
//! value rather than overwrite it. Decoding never panics: anything that does not
//! decode is an error the app moves aside (quarantines) instead of losing it.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::model::{Channel, Purpose};

/// Storage key of the working draft.
pub const DRAFT_KEY: &str = "notice-studio.draft";
/// Storage key of the chosen UI language (a JSON string such as `"en"`).
pub const LANG_KEY: &str = "notice-studio.lang";

/// Where a value that failed to decode is kept, so the user can still export it.
pub fn quarantine_key(key: &str) -> String {
    format!("notice-studio.quarantine.{key}")
}

const DRAFT_FORMAT: &str = "notice-studio/draft";
/// Current version of the draft encoding. Versions:
/// 1. `body`, `sample`.
/// 2. adds `channel` and `purpose` (a version 1 draft was an e-mail notification).
pub const DRAFT_VERSION: u32 = 2;

/// The template being written and the sample data it is previewed with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub body: String,
    /// Sample data exactly as typed (possibly not yet valid JSON).
    pub sample: String,
    pub channel: Channel,
    pub purpose: Purpose,
}

#[derive(Deserialize)]
struct DraftV1 {
    body: String,
    sample: String,
}

impl From<DraftV1> for Draft {
    fn from(v1: DraftV1) -> Draft {
        Draft { body: v1.body, sample: v1.sample, channel: Channel::Email, purpose: Purpose::Notification }
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    format: String,
    version: u32,
    #[serde(flatten)]
    value: T,
}

pub fn encode_draft(draft: &Draft) -> String {
    let envelope = Envelope { format: DRAFT_FORMAT.to_owned(), version: DRAFT_VERSION, value: draft };
    serde_json::to_string(&envelope).expect("a draft of strings always serializes")
}

pub fn decode_draft(stored: &str) -> Result<Draft, DecodeError> {
    let header: Envelope<serde_json::Value> = serde_json::from_str(stored).map_err(|e| DecodeError::Corrupt(e.to_string()))?;
    if header.format != DRAFT_FORMAT {
        return Err(DecodeError::Corrupt(format!("unexpected format {:?}", header.format)));
    }
    let corrupt = |e: serde_json::Error| DecodeError::Corrupt(e.to_string());
    match header.version {
        1 => serde_json::from_value::<DraftV1>(header.value).map(Draft::from).map_err(corrupt),
        DRAFT_VERSION => serde_json::from_value(header.value).map_err(corrupt),
        newer if newer > DRAFT_VERSION => Err(DecodeError::NewerVersion(newer)),
        unknown => Err(DecodeError::Corrupt(format!("unknown version {unknown}"))),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not something this app wrote, or damaged.
    Corrupt(String),
    /// Written by a newer release of the app.
    NewerVersion(u32),
}

impl DecodeError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DecodeError::Corrupt(detail), Lang::Zh) => format!("已保存的草稿已损坏，无法读取（{detail}）"),
            (DecodeError::Corrupt(detail), Lang::En) => format!("The saved draft is damaged and cannot be read ({detail})"),
            (DecodeError::NewerVersion(v), Lang::Zh) => {
                format!("已保存的草稿来自更新版本的 Notice Studio（格式版本 {v}），请使用新版本打开")
            }
            (DecodeError::NewerVersion(v), Lang::En) => {
                format!("The saved draft was written by a newer Notice Studio (format version {v}); open it with that version")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            body: "尊敬的{{ customer.name }}：\n\"引号\" 与 \\ 反斜杠".into(),
            sample: "{\"customer\": {\"name\": \"张三\"".into(),
            channel: Channel::Sms,
            purpose: Purpose::Marketing,
        }
    }

    #[test]
    fn round_trips_any_text_including_invalid_sample_json() {
        assert_eq!(decode_draft(&encode_draft(&draft())), Ok(draft()));
    }

    #[test]
    fn encoding_names_its_format_and_version() {
        let stored: serde_json::Value = serde_json::from_str(&encode_draft(&draft())).unwrap();
        assert_eq!(stored["format"], "notice-studio/draft");
        assert_eq!(stored["version"], 2);
        assert_eq!(stored["channel"], "sms");
    }

    #[test]
    fn version_1_as_written_by_the_first_release_decodes() {
        let stored = r#"{"format":"notice-studio/draft","version":1,"body":"Hi {{ name }}","sample":"{}"}"#;
        let migrated = Draft { body: "Hi {{ name }}".into(), sample: "{}".into(), channel: Channel::Email, purpose: Purpose::Notification };
        assert_eq!(decode_draft(stored), Ok(migrated));
    }

    #[test]
    fn version_2_as_written_by_this_release_decodes() {
        let stored = r#"{"format":"notice-studio/draft","version":2,"body":"x","sample":"","channel":"inapp","purpose":"marketing"}"#;
        assert_eq!(decode_draft(stored).map(|d| (d.channel, d.purpose)), Ok((Channel::Inapp, Purpose::Marketing)));
    }

    #[test]
    fn newer_version_is_refused_not_guessed() {
        let stored = r#"{"format":"notice-studio/draft","version":7,"body":"x","sample":""}"#;
        assert_eq!(decode_draft(stored), Err(DecodeError::NewerVersion(7)));
    }

    #[test]
    fn damaged_values_are_errors_not_panics() {
        for stored in [
            "",
            "{",
            "null",
            "[]",
            r#"{"format":"other","version":1}"#,
            r#"{"format":"notice-studio/draft","version":1,"body":3}"#,
            r#"{"format":"notice-studio/draft","version":0,"body":"","sample":""}"#,
            r#"{"format":"notice-studio/draft","version":2,"body":"","sample":"","channel":"fax","purpose":"marketing"}"#,
            "\u{0}",
        ] {
            assert!(matches!(decode_draft(stored), Err(DecodeError::Corrupt(_))), "{stored:?}");
        }
        assert!(DecodeError::Corrupt("x".into()).message(Lang::Zh).contains("损坏"));
    }
}
