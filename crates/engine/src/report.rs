//! Check reports as text (like a compiler's) and as JSON: one format, shared
//! by the CLI and the snapshot tests.

use serde::Serialize;

use crate::check::{Context, Diagnostic, Origin, Part};
use crate::lang::Lang;

/// `file:line:column: severity[rule] message`, then the source line and a caret
/// under the span. Findings in rendered output name the profile and quote the
/// output line from `cx`'s renders; findings about the template as a whole
/// have no position.
pub fn text(file: &str, cx: &Context, diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let head = format!("{}[{}]", d.severity.as_str(), d.rule.as_str());
        let message = d.message.get(lang);
        let profile = d.profile.as_deref().map(|p| lang.pick("样例", "profile").to_owned() + " " + p);
        match &d.location {
            Some(location) if location.origin == Origin::Source => {
                let part = if location.part == Part::Subject { lang.pick(" (主题)", " (subject)") } else { "" };
                out += &format!("{file}:{}:{}:{part} {head} {message}", location.span.line, location.span.column);
                if let Some(profile) = profile {
                    out += &format!(" [{profile}]");
                }
                out.push('\n');
                out += &excerpt(cx.source(location.part), location.span.line, location.span.column, location.span.range.len());
            }
            Some(location) => {
                let part = if location.part == Part::Subject { lang.pick("主题输出", "subject output") } else { lang.pick("输出", "output") };
                let shown = profile.unwrap_or_default();
                out += &format!("{file}: {head} [{shown}, {part} {}:{}] {message}\n", location.span.line, location.span.column);
                let output = cx.renders.iter().find(|r| Some(&r.profile) == d.profile.as_ref()).and_then(|r| r.output(location.part));
                if let Some(output) = output {
                    out += &excerpt(&output.text, location.span.line, location.span.column, location.span.range.len());
                }
            }
            None => {
                out += &format!("{file}: {head} {message}");
                if let Some(profile) = profile {
                    out += &format!(" [{profile}]");
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The quoted line with a caret under `width` bytes from `column`.
fn excerpt(text: &str, line: usize, column: usize, width: usize) -> String {
    let Some(line_text) = text.lines().nth(line - 1) else { return String::new() };
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    // Carets count display columns: a CJK character is two columns wide.
    let display_width = |s: &str| s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum::<usize>();
    let before: String = line_text.chars().take(column - 1).collect();
    let marked: String = line_text.chars().skip(column - 1).scan(0, |bytes, c| {
        *bytes += c.len_utf8();
        (*bytes <= width.max(1)).then_some(c)
    }).collect();
    format!(
        "{pad} |\n{number} | {line_text}\n{pad} | {}{}\n",
        " ".repeat(display_width(&before)),
        "^".repeat(display_width(&marked).max(1))
    )
}

/// Characters a terminal shows two columns wide: CJK and full-width forms.
fn is_wide(c: char) -> bool {
    crate::text::is_cjk(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}')
}

#[derive(Serialize)]
pub struct JsonReport {
    pub files: Vec<JsonFile>,
}

#[derive(Serialize)]
pub struct JsonFile {
    pub file: String,
    pub diagnostics: Vec<JsonDiagnostic>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub rule: &'static str,
    pub severity: &'static str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// `source` or `output` (line and column then count in the rendered text).
    pub origin: Option<Origin>,
    pub part: Option<Part>,
    pub message: String,
    pub profile: Option<String>,
}

impl JsonFile {
    pub fn new(file: &str, diagnostics: &[Diagnostic], lang: Lang) -> JsonFile {
        let diagnostics = diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                rule: d.rule.as_str(),
                severity: d.severity.as_str(),
                line: d.location.as_ref().map(|l| l.span.line),
                column: d.location.as_ref().map(|l| l.span.column),
                origin: d.location.as_ref().map(|l| l.origin),
                part: d.location.as_ref().map(|l| l.part),
                message: d.message.get(lang).to_owned(),
                profile: d.profile.clone(),
            })
            .collect();
        JsonFile { file: file.to_owned(), diagnostics }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Location, Message, RuleId, Severity};
    use crate::model::{Shared, SampleProfile, Template};
    use crate::text::Span;

    fn context<'a>(template: &'a Template, library: &'a Shared) -> Context<'a> {
        Context::new(template, library)
    }

    fn diagnostic(location: Option<Location>, profile: Option<&str>) -> Diagnostic {
        Diagnostic {
            rule: RuleId::AbsoluteTerm,
            severity: Severity::Warning,
            message: Message::new("中文", "English"),
            location,
            profile: profile.map(str::to_owned),
            fix: None,
        }
    }

    #[test]
    fn source_findings_quote_the_line_with_a_caret_under_wide_characters() {
        let body = "第一行\n本店最佳产品";
        let at = body.find("最佳").unwrap();
        let location = Location { part: Part::Body, origin: Origin::Source, span: Span::of(body, at..at + "最佳".len()) };
        let (template, library) = (Template { body: body.into(), ..Template::default() }, Shared::default());
        let report = text("a.email.j2", &context(&template, &library), &[diagnostic(Some(location), None)], Lang::En);
        assert_eq!(report, "a.email.j2:2:3: warning[absolute-term] English\n  |\n2 | 本店最佳产品\n  |     ^^^^\n");
    }

    #[test]
    fn output_findings_name_the_profile_and_quote_the_output_line() {
        let template = Template {
            body: "尊敬的{{ name }}：\n您好".into(),
            samples: vec![SampleProfile { name: "张三".into(), data: r#"{"name": "XXX"}"#.into() }],
            ..Template::default()
        };
        let library = Shared::default();
        let output = "尊敬的XXX：\n您好";
        let at = output.find("XXX").unwrap();
        let location = Location { part: Part::Body, origin: Origin::Output, span: Span::of(output, at..at + 3) };
        let report = text("a.sms.j2", &context(&template, &library), &[diagnostic(Some(location), Some("张三")), diagnostic(None, None)], Lang::Zh);
        assert_eq!(
            report,
            "a.sms.j2: warning[absolute-term] [样例 张三, 输出 1:4] 中文\n  |\n1 | 尊敬的XXX：\n  |       ^^^\na.sms.j2: warning[absolute-term] 中文\n"
        );
    }

    #[test]
    fn json_has_the_documented_fields() {
        let location = Location { part: Part::Body, origin: Origin::Source, span: Span::of("ab", 1..2) };
        let json = serde_json::to_value(JsonFile::new("f.j2", &[diagnostic(Some(location), None)], Lang::En)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"file": "f.j2", "diagnostics": [{"rule": "absolute-term", "severity": "warning", "line": 1, "column": 2,
                "origin": "source", "part": "body", "message": "English", "profile": null}]})
        );
    }
}
