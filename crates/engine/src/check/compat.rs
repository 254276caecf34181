//! `jinja2-compat`: constructs the preview renders but Python Jinja2 does not
//! know, so an exported template would fail there. Everything else the
//! preview renders, Jinja2 renders to the same bytes (COMPATIBILITY.md, and the
//! conformance tests that prove it).

use super::{Context, Location, Message, Origin, RuleId, Sink};
use crate::scan::{self, SegmentKind};
use crate::text::Span;

/// Filters minijinja has and Jinja2 does not (our masking filters are not
/// here: exports ship them for Jinja2 in notice_filters.py).
const MINIJINJA_ONLY_FILTERS: &[(&str, &str)] = &[
    ("split", "用 .split() 方法代替，例如 {{ text.split(\",\") }}"),
    ("lines", "用 .splitlines() 方法代替"),
    ("bool", "用 {% if x %} 判断真假"),
    ("chain", "用 + 连接列表"),
    ("zip", "用 loop.index0 按下标取值"),
];
const MINIJINJA_ONLY_FILTERS_EN: &[&str] = &[
    "use the .split() method instead, e.g. {{ text.split(\",\") }}",
    "use the .splitlines() method instead",
    "test truth with {% if x %}",
    "join lists with +",
    "index with loop.index0",
];
/// Tests minijinja has and Jinja2 does not.
const MINIJINJA_ONLY_TESTS: &[&str] = &["safe"];

pub(super) fn check(cx: &Context, sink: &mut Sink) {
    if !sink.wants(RuleId::Jinja2Compat) {
        return;
    }
    for part in cx.parts() {
        let source = cx.source(part);
        for segment in scan::segments(source) {
            if !matches!(segment.kind, SegmentKind::Expression | SegmentKind::Statement) {
                continue;
            }
            for (at, word, kind) in filters_and_tests(&source[segment.range.clone()]) {
                let start = segment.range.start + at;
                let span = Span::of(source, start..start + word.len());
                let location = Some(Location { part, origin: Origin::Source, span });
                let message = match kind {
                    Usage::Filter => match MINIJINJA_ONLY_FILTERS.iter().position(|(name, _)| *name == word) {
                        Some(i) => Message::new(
                            format!("过滤器 {word} 在 Python Jinja2 中不存在，导出后将无法渲染：{}", MINIJINJA_ONLY_FILTERS[i].1),
                            format!("Python Jinja2 has no filter {word}, so the export will not render there: {}", MINIJINJA_ONLY_FILTERS_EN[i]),
                        ),
                        None => continue,
                    },
                    Usage::Test if MINIJINJA_ONLY_TESTS.contains(&word) => Message::new(
                        format!("测试 is {word} 在 Python Jinja2 中不存在，导出后将无法渲染"),
                        format!("Python Jinja2 has no test “is {word}”, so the export will not render there"),
                    ),
                    Usage::Test => continue,
                };
                sink.report(RuleId::Jinja2Compat, message, location, None, None);
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Usage {
    Filter,
    Test,
}

/// Filter names (after `|`) and test names (after `is` / `is not`) in a tag's
/// code, outside string literals, with their byte offsets.
fn filters_and_tests(code: &str) -> Vec<(usize, &str, Usage)> {
    let mut found = Vec::new();
    let mut quote = None;
    let mut previous_word: Option<&str> = None;
    let mut pending = None;
    let mut i = 0;
    while i < code.len() {
        let c = code[i..].chars().next().unwrap_or(' ');
        if let Some(q) = quote {
            if c == '\\' {
                // Skip the escaped character, whatever its length.
                i += code[i + 1..].chars().next().map_or(0, char::len_utf8);
            } else if c == q {
                quote = None;
            }
        } else if c == '"' || c == '\'' {
            quote = Some(c);
            pending = None;
        } else if c == '|' && !code[i + 1..].starts_with('|') {
            pending = Some(Usage::Filter);
        } else if c.is_ascii_alphabetic() || c == '_' {
            let len = code[i..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(code.len() - i);
            let word = &code[i..i + len];
            match (pending.take(), word) {
                (Some(Usage::Test), "not") if previous_word == Some("is") => pending = Some(Usage::Test),
                (Some(usage), _) => found.push((i, word, usage)),
                (None, "is") => pending = Some(Usage::Test),
                _ => {}
            }
            previous_word = Some(word);
            i += len;
            continue;
        } else if !c.is_whitespace() {
            pending = None;
        }
        i += c.len_utf8();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check, Diagnostic, Settings};
    use crate::model::{Shared, Template};

    fn findings(body: &str) -> Vec<Diagnostic> {
        let template = Template { body: body.into(), ..Template::default() };
        check(&template, &Shared::default(), &Settings::default()).into_iter().filter(|d| d.rule == RuleId::Jinja2Compat).collect()
    }

    #[test]
    fn minijinja_only_filters_and_tests_are_flagged_where_written() {
        let found = findings("您好\n{{ tags | split(',') | join('/') }}{% if x is not safe %}{% endif %}");
        assert_eq!(found.len(), 2, "{found:#?}");
        let span = &found[0].location.as_ref().unwrap().span;
        assert_eq!((span.line, span.column), (2, 11));
        assert!(found[0].message.en.starts_with("Python Jinja2 has no filter split"));
        assert!(found[1].message.en.contains("“is safe”"));
    }

    #[test]
    fn jinja2_filters_strings_and_names_are_fine() {
        for body in [
            "{{ name | upper | truncate(10) }}",
            "{{ 'a | split' }}",
            "{{ text.split(',') }}",
            "{{ a or b }}{% if x is defined %}{% endif %}",
            "{{ phone | mask_phone }}",
            "{{ split }}",
        ] {
            assert_eq!(findings(body), vec![], "{body}");
        }
    }

    #[test]
    fn an_escaped_wide_character_in_a_string_is_skipped_whole() {
        assert_eq!(filters_and_tests("{{ \"\\。\" | split }}"), vec![(12, "split", Usage::Filter)]);
    }

    #[test]
    fn scanner_reads_filters_and_tests() {
        assert_eq!(
            filters_and_tests("{{ a | b(c | d) }}{% if e is not f %}"),
            vec![(7, "b", Usage::Filter), (13, "d", Usage::Filter), (33, "f", Usage::Test)]
        );
    }
}
