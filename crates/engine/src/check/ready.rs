//! "Ready" means ready to send: a template with an empty body never is; one
//! with error-level findings is only by an explicit override that lists
//! those errors and records why; and an edit that changes its findings makes
//! it a draft again.

use serde::{Deserialize, Serialize};

use crate::check::{Diagnostic, Message, Severity};
use crate::library::model::{Status, Template};

/// How a template became ready: when, with which findings, and the errors it
/// was let through with; all empty while it is a draft. Flat, of plain
/// strings: it is decoded wherever a template is, the page included.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadyMark {
    /// UTC milliseconds.
    pub at_ms: i64,
    /// The findings it had then, as [`fingerprint`] writes them.
    pub findings: String,
    /// The rule ids of the errors it was marked ready despite (the override);
    /// empty when it had none.
    #[serde(default)]
    pub errors: Vec<String>,
    /// Why, in the user's words; empty without an override.
    #[serde(default)]
    pub reason: String,
}

/// Why a template cannot simply be marked ready.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Nothing to send: never ready.
    EmptyBody,
    /// Error-level findings: ready only with a reason (an override).
    Errors(Vec<Diagnostic>),
}

impl Refusal {
    pub fn message(&self) -> Message {
        match self {
            Refusal::EmptyBody => Message::new("正文是空的，不能标记为可发布。", "The body is empty: there is nothing to send, so it cannot be marked ready."),
            Refusal::Errors(errors) => Message::new(
                format!("还有 {} 个错误。仍要标记为可发布，请写明原因；原因会记入历史，并随导出一起保存。", errors.len()),
                format!(
                    "There {} still {} {}. To mark it ready anyway, give the reason; it is kept in the history and in exports.",
                    if errors.len() == 1 { "is" } else { "are" },
                    errors.len(),
                    if errors.len() == 1 { "error" } else { "errors" }
                ),
            ),
        }
    }
}

/// What stands between `template`, whose current findings are `diagnostics`,
/// and "ready"; `None` when nothing does.
pub fn refusal(template: &Template, diagnostics: &[Diagnostic]) -> Option<Refusal> {
    if template.body.trim().is_empty() {
        return Some(Refusal::EmptyBody);
    }
    let errors: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
    (!errors.is_empty()).then_some(Refusal::Errors(errors))
}

/// Marks `template` ready at `now_ms`; `diagnostics` are its findings and
/// `findings` their [`fingerprint`] (the engine worker's, in the page). With
/// errors it takes a `reason` (the override, which lists them); an empty body
/// is refused whatever the reason.
pub fn mark(template: &mut Template, diagnostics: &[Diagnostic], findings: &str, reason: &str, now_ms: i64) -> Result<(), Refusal> {
    let (errors, reason) = match refusal(template, diagnostics) {
        None => (Vec::new(), String::new()),
        Some(Refusal::Errors(errors)) if !reason.trim().is_empty() => {
            (errors.iter().map(|d| d.rule.as_str().to_owned()).collect(), reason.trim().to_owned())
        }
        Some(refused) => return Err(refused),
    };
    template.status = Status::Ready;
    template.ready = ReadyMark { at_ms: now_ms, findings: findings.to_owned(), errors, reason };
    Ok(())
}

/// Makes `template` a draft (by hand, or after an edit changed its findings).
pub fn unmark(template: &mut Template) {
    template.status = Status::Draft;
    template.ready = ReadyMark::default();
}

/// Whether `template` may stay as it is after an edit that left it with
/// findings of [`fingerprint`] `findings`: a draft may, a ready one only with
/// the findings it was marked ready with (one marked before the marks were
/// kept, never).
pub fn holds(template: &Template, findings: &str) -> bool {
    template.status != Status::Ready || (!template.ready.findings.is_empty() && template.ready.findings == findings)
}

/// After an edit of `template`: a draft again unless it [`holds`]. Whether it changed.
pub fn revisit(template: &mut Template, findings: &str) -> bool {
    let drop = !holds(template, findings);
    if drop {
        unmark(template);
    }
    drop
}

/// The findings as what they say (rule, severity, message, profiles), not
/// where: an edit that only moves a finding leaves it the same finding.
/// FNV-1a over that, in hex: short enough to keep with the template.
pub fn fingerprint(diagnostics: &[Diagnostic]) -> String {
    let mut said: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{}\u{1f}{}\u{1f}{}\u{1f}{}", d.rule.as_str(), d.severity.as_str(), d.message.en, d.profiles.join("\u{1e}")))
        .collect();
    said.sort_unstable();
    let hash = said.join("\u{1d}").bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{self, Settings};
    use crate::library::model::{Channel, Shared};

    use crate::check::RuleId;

    fn checked(body: &str) -> (Template, Vec<Diagnostic>) {
        let template = Template { channel: Channel::Sms, body: body.into(), ..Template::default() };
        let diagnostics = check::check(&template, &Shared::default(), &Settings::default());
        (template, diagnostics)
    }

    fn mark_checked(template: &mut Template, diagnostics: &[Diagnostic], reason: &str, now_ms: i64) -> Result<(), Refusal> {
        mark(template, diagnostics, &fingerprint(diagnostics), reason, now_ms)
    }

    fn findings_of(template: &Template) -> String {
        fingerprint(&check::check(template, &Shared::default(), &Settings::default()))
    }

    const GOOD: &str = "【星河科技】您好，您的服务将于本周六 02:00 升级，届时暂停两小时，请提前安排。详询 400-800-1234";

    #[test]
    fn an_empty_body_is_never_ready() {
        for body in ["", "  \n "] {
            let (mut template, diagnostics) = checked(body);
            assert_eq!(mark_checked(&mut template, &diagnostics, "老板说可以", 1), Err(Refusal::EmptyBody));
            assert_eq!((template.status, template.ready), (Status::Draft, ReadyMark::default()));
        }
    }

    #[test]
    fn errors_need_a_reason_which_is_kept_with_the_errors() {
        let (mut template, diagnostics) = checked("您好，您的服务将于本周六升级。详询 400-800-1234");
        assert!(diagnostics.iter().any(|d| d.rule == RuleId::SmsSignature));
        assert!(matches!(mark_checked(&mut template, &diagnostics, " ", 1), Err(Refusal::Errors(e)) if e.len() == 1));
        assert_eq!(template.status, Status::Draft);
        mark_checked(&mut template, &diagnostics, " 平台侧自动加签名 ", 7).unwrap();
        assert_eq!(template.status, Status::Ready);
        let mark = template.ready.clone();
        assert_eq!((mark.at_ms, mark.reason.as_str(), mark.errors.as_slice()), (7, "平台侧自动加签名", [RuleId::SmsSignature.as_str().to_owned()].as_slice()));
    }

    #[test]
    fn without_errors_it_is_ready_with_no_override() {
        let (mut template, diagnostics) = checked(GOOD);
        assert_eq!(refusal(&template, &diagnostics), None, "{diagnostics:?}");
        mark_checked(&mut template, &diagnostics, "", 3).unwrap();
        assert_eq!((template.ready.errors.is_empty(), template.ready.reason.is_empty(), template.ready.at_ms), (true, true, 3));
    }

    #[test]
    fn an_edit_that_changes_the_findings_makes_it_a_draft_again() {
        let (mut template, diagnostics) = checked(GOOD);
        mark_checked(&mut template, &diagnostics, "", 3).unwrap();
        // A new word that moves nothing else: the same findings, still ready.
        template.body = GOOD.replace("请提前安排", "请您提前安排");
        let same = findings_of(&template);
        assert!(!revisit(&mut template, &same));
        assert_eq!(template.status, Status::Ready);
        // The signature taken out: an error appears, a draft again.
        template.body = GOOD.replace("【星河科技】", "");
        let worse = findings_of(&template);
        assert!(revisit(&mut template, &worse));
        assert_eq!((template.status, template.ready.clone()), (Status::Draft, ReadyMark::default()));
    }

    #[test]
    fn the_fingerprint_ignores_places_and_order() {
        let (_, diagnostics) = checked("您好，{{ name }}。");
        let mut moved = diagnostics.clone();
        moved.reverse();
        for d in &mut moved {
            if let Some(location) = &mut d.location {
                location.span.line += 3;
            }
        }
        assert_eq!(fingerprint(&moved), fingerprint(&diagnostics));
        assert_ne!(fingerprint(&diagnostics[1..]), fingerprint(&diagnostics));
    }
}
