//! Check reports as text (like a compiler's), as JSON and as Markdown: one
//! format each, shared by the CLI and the snapshot tests.

use serde::Serialize;

use crate::check::{Context, Diagnostic, Origin, Part, Readiness, Severity};
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
        let profile = d.profiles_label(lang);
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
                let output = cx.renders.iter().find(|r| d.profiles.first() == Some(&r.profile)).and_then(|r| r.output(location.part));
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

/// A Markdown report of one file, to paste into an issue or a review: a
/// heading with the file name, the counts by severity, then a table of the
/// findings (severity, rule, where, message).
pub fn markdown(file: &str, diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut out = format!("# {}`{file}`\n\n", lang.pick("检查报告：", "Check report: "));
    if diagnostics.is_empty() {
        return out + lang.pick("没有发现问题。\n", "No findings.\n");
    }
    let counts = Readiness::of(diagnostics);
    out += &match lang {
        Lang::Zh => format!("{} 个错误，{} 个警告，{} 个提示。\n\n", counts.errors, counts.warnings, counts.infos),
        Lang::En => {
            let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            format!("{}, {}, {}.\n\n", count(counts.errors, "error", "errors"), count(counts.warnings, "warning", "warnings"), count(counts.infos, "note", "notes"))
        }
    };
    out += lang.pick("| 级别 | 规则 | 位置 | 说明 |\n", "| severity | rule | where | message |\n");
    out += "| --- | --- | --- | --- |\n";
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => lang.pick("错误", "error"),
            Severity::Warning => lang.pick("警告", "warning"),
            Severity::Info => lang.pick("提示", "info"),
        };
        out += &format!("| {severity} | `{}` | {} | {} |\n", d.rule.as_str(), cell(&place(d, lang)), cell(d.message.get(lang)));
    }
    out
}

/// Where a finding points, for the Markdown table: `line:column` in the
/// source, `output line:column [profile]` in a render, `—` for the template
/// as a whole.
fn place(d: &Diagnostic, lang: Lang) -> String {
    let profile = (!d.profiles.is_empty()).then(|| format!("[{}]", d.profiles.join(lang.pick("、", ", "))));
    let Some(location) = &d.location else { return profile.unwrap_or_else(|| "—".to_owned()) };
    let part = match (location.origin, location.part) {
        (Origin::Source, Part::Body) => "",
        (Origin::Source, Part::Subject) => lang.pick("主题 ", "subject "),
        (Origin::Output, Part::Body) => lang.pick("输出 ", "output "),
        (Origin::Output, Part::Subject) => lang.pick("主题输出 ", "subject output "),
    };
    let at = format!("{part}{}:{}", location.span.line, location.span.column);
    match profile {
        Some(profile) => format!("{at} {profile}"),
        None => at,
    }
}

/// Text that stays inside one table cell and shows as written: `|` escaped
/// (and backslashes, so one cannot escape the escape), line breaks as `<br>`,
/// `<` as `&lt;` so markup a message quotes is not rendered.
fn cell(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('|', "\\|").replace('<', "&lt;");
    escaped.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "<br>")
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
    /// The sample profiles whose output shows it; empty for the template's own.
    pub profiles: Vec<String>,
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
                profiles: d.profiles.clone(),
            })
            .collect();
        JsonFile { file: file.to_owned(), diagnostics }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Location, Message, RuleId, Severity};
    use crate::library::model::{Shared, SampleProfile, Template};
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
            profiles: profile.map(str::to_owned).into_iter().collect(),
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
    fn markdown_tables_the_findings_in_both_languages() {
        let source = Location { part: Part::Body, origin: Origin::Source, span: Span::of("ab\ncd", 4..5) };
        let output = Location { part: Part::Subject, origin: Origin::Output, span: Span::of("xyz", 2..3) };
        let mut error = diagnostic(Some(source), None);
        error.severity = Severity::Error;
        let findings = [error, diagnostic(Some(output), Some("张三")), diagnostic(None, None)];
        assert_eq!(
            markdown("a.email.j2", &findings, Lang::En),
            "# Check report: `a.email.j2`\n\n1 error, 2 warnings, 0 notes.\n\n| severity | rule | where | message |\n| --- | --- | --- | --- |\n\
             | error | `absolute-term` | 2:2 | English |\n\
             | warning | `absolute-term` | subject output 1:3 [张三] | English |\n\
             | warning | `absolute-term` | — | English |\n"
        );
        assert_eq!(
            markdown("a.email.j2", &findings, Lang::Zh),
            "# 检查报告：`a.email.j2`\n\n1 个错误，2 个警告，0 个提示。\n\n| 级别 | 规则 | 位置 | 说明 |\n| --- | --- | --- | --- |\n\
             | 错误 | `absolute-term` | 2:2 | 中文 |\n\
             | 警告 | `absolute-term` | 主题输出 1:3 [张三] | 中文 |\n\
             | 警告 | `absolute-term` | — | 中文 |\n"
        );
    }

    #[test]
    fn markdown_cells_escape_pipes_and_line_breaks() {
        let mut d = diagnostic(None, Some("A|B"));
        d.message = Message::new("x", "a | b\\|c\r\nd\ne <b>");
        let report = markdown("f.j2", &[d], Lang::En);
        assert_eq!(report.lines().last().unwrap(), "| warning | `absolute-term` | [A\\|B] | a \\| b\\\\\\|c<br>d<br>e &lt;b> |");
        assert_eq!(report.lines().filter(|l| l.starts_with('|')).count(), 3, "one row per finding");
    }

    #[test]
    fn markdown_of_no_findings_says_so() {
        assert_eq!(markdown("f.j2", &[], Lang::En), "# Check report: `f.j2`\n\nNo findings.\n");
        assert_eq!(markdown("f.j2", &[], Lang::Zh), "# 检查报告：`f.j2`\n\n没有发现问题。\n");
    }

    #[test]
    fn json_has_the_documented_fields() {
        let location = Location { part: Part::Body, origin: Origin::Source, span: Span::of("ab", 1..2) };
        let json = serde_json::to_value(JsonFile::new("f.j2", &[diagnostic(Some(location), None)], Lang::En)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"file": "f.j2", "diagnostics": [{"rule": "absolute-term", "severity": "warning", "line": 1, "column": 2,
                "origin": "source", "part": "body", "message": "English", "profiles": []}]})
        );
    }
}
