//! A light lexer over Jinja source: splits it into literal text, `{{ }}`
//! expressions, `{% %}` statements and `{# #}` comments, with byte ranges.
//! Checks use it to look at the words a template writes (literal text) and
//! at where names are used, without a full parse.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SegmentKind {
    /// Text written out as is (including the body of `{% raw %}`).
    Literal,
    /// `{{ … }}`; the range covers the delimiters.
    Expression,
    /// `{% … %}`; the range covers the delimiters.
    Statement,
    /// `{# … #}`.
    Comment,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub kind: SegmentKind,
    pub range: Range<usize>,
}

/// Splits `source` into segments that cover it exactly, in order. An unclosed
/// tag runs to the end of the text (the parser reports the syntax error).
pub fn segments(source: &str) -> Vec<Segment> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut literal_start = 0;
    let mut i = 0;
    let mut in_raw = false;
    while i + 1 < bytes.len() {
        let kind = match (bytes[i], bytes[i + 1]) {
            (b'{', b'{') => SegmentKind::Expression,
            (b'{', b'%') => SegmentKind::Statement,
            (b'{', b'#') => SegmentKind::Comment,
            _ => {
                i += 1;
                continue;
            }
        };
        let end = tag_end(bytes, i, kind);
        let is_raw_tag = |name: &str| kind == SegmentKind::Statement && tag_word(&source[i..end]) == name;
        if in_raw {
            if is_raw_tag("endraw") {
                push(&mut out, SegmentKind::Literal, literal_start..i);
                out.push(Segment { kind, range: i..end });
                literal_start = end;
                in_raw = false;
            }
            i = end.max(i + 1);
            continue;
        }
        push(&mut out, SegmentKind::Literal, literal_start..i);
        out.push(Segment { kind, range: i..end });
        in_raw = is_raw_tag("raw");
        literal_start = end;
        i = end;
    }
    push(&mut out, SegmentKind::Literal, literal_start..source.len());
    out
}

fn push(out: &mut Vec<Segment>, kind: SegmentKind, range: Range<usize>) {
    if !range.is_empty() {
        out.push(Segment { kind, range });
    }
}

/// End (exclusive) of the tag opening at `start`, skipping string literals in code.
fn tag_end(bytes: &[u8], start: usize, kind: SegmentKind) -> usize {
    let close: &[u8] = match kind {
        SegmentKind::Expression => b"}}",
        SegmentKind::Statement => b"%}",
        _ => b"#}",
    };
    let mut i = start + 2;
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (Some(q), b'\\') if q != b'#' => i += 1,
            (Some(q), c) if c == q => quote = None,
            (None, q @ (b'"' | b'\'')) if kind != SegmentKind::Comment => quote = Some(q),
            (None, _) if bytes[i..].starts_with(close) => return i + 2,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The first word inside a statement tag: `{%- raw %}` → `raw`.
pub fn tag_word(tag: &str) -> &str {
    let inner = tag.trim_start_matches("{%").trim_start_matches(['-', '+']).trim_start();
    let end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(inner.len());
    &inner[..end]
}

/// The literal text of `source` with its byte ranges.
pub fn literals(source: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    segments(source)
        .into_iter()
        .filter(|s| s.kind == SegmentKind::Literal)
        .map(move |s| (s.range.clone(), &source[s.range]))
}

/// Where the dotted name `path` (such as `customer.name`) is written as a
/// name inside `{{ }}` or `{% %}` tags: whole names only, so `customer.name`
/// is not found in `customer.names`, `x.customer.name` or a string literal.
pub fn path_occurrences(source: &str, path: &str) -> Vec<Range<usize>> {
    // Template names are ASCII (minijinja without its `unicode` feature).
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    segments(source)
        .into_iter()
        .filter(|s| matches!(s.kind, SegmentKind::Expression | SegmentKind::Statement))
        .flat_map(|segment| {
            let code = &source[segment.range.clone()];
            let strings = string_literals(code);
            code.match_indices(path)
                .filter(move |&(at, _)| {
                    let before = code[..at].chars().next_back();
                    let after = code[at + path.len()..].chars().next();
                    !before.is_some_and(|c| is_name_char(c) || c == '.')
                        && !after.is_some_and(is_name_char)
                        && !strings.iter().any(|s| s.contains(&at))
                })
                .map(move |(at, _)| segment.range.start + at..segment.range.start + at + path.len())
        })
        .collect()
}

/// Byte ranges of the quoted strings in a tag's code.
fn string_literals(code: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut escaped = false;
    for (i, c) in code.char_indices() {
        match open {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some((start, q)) if c == q => {
                found.push(start..i + 1);
                open = None;
            }
            Some(_) => {}
            None if c == '"' || c == '\'' => open = Some((i, c)),
            None => {}
        }
    }
    found.extend(open.map(|(start, _)| start..code.len()));
    found
}

/// The blocks open at a point of a template, innermost last, as its tags are
/// read in order: a tag opens a block (`{% if %}`, `{% set x %}`…) or closes
/// the innermost open one of its kind (`{% endif %}`).
#[derive(Debug, Default)]
pub struct OpenBlocks<'s> {
    open: Vec<(Range<usize>, &'s str)>,
}

impl<'s> OpenBlocks<'s> {
    const BLOCKS: &'static [&'static str] = &["if", "for", "macro", "call", "filter", "block", "with", "autoescape", "raw"];

    /// Reads the `{% … %}` tag `tag`, written at `range`.
    pub fn read(&mut self, tag: &'s str, range: Range<usize>) {
        let word = tag_word(tag);
        // `{% set x %}…{% endset %}` is a block; `{% set x = 1 %}` is not.
        let is_block_set = word == "set" && !tag.contains('=');
        if Self::BLOCKS.contains(&word) || is_block_set {
            self.open.push((range, word));
        } else if let Some(closed) = word.strip_prefix("end") {
            if let Some(at) = self.open.iter().rposition(|(_, w)| *w == closed) {
                self.open.truncate(at);
            }
        }
    }

    /// Whether a `{% word %}` block is open here.
    pub fn inside(&self, word: &str) -> bool {
        self.open.iter().any(|(_, w)| *w == word)
    }
}

/// The block tag that is opened and never closed (`{% if x %}` without
/// `{% endif %}`): its range and its keyword. Used to point a "template ended
/// too early" error at its cause rather than at the end of the text.
pub fn unclosed_block(source: &str) -> Option<(Range<usize>, &str)> {
    let mut blocks = OpenBlocks::default();
    for segment in segments(source).into_iter().filter(|s| s.kind == SegmentKind::Statement) {
        blocks.read(&source[segment.range.clone()], segment.range);
    }
    blocks.open.pop()
}

/// The first `{% elif %}` past `limit` in one `{% if %}`, if any: minijinja
/// parses an elif chain by recursion its depth limit does not count, so a long
/// one would overflow the stack (1,000 elifs do in 1 MiB).
pub fn elif_beyond(source: &str, limit: usize) -> Option<Range<usize>> {
    let mut elifs: Vec<usize> = Vec::new();
    for segment in segments(source).into_iter().filter(|s| s.kind == SegmentKind::Statement) {
        match tag_word(&source[segment.range.clone()]) {
            "if" => elifs.push(0),
            "endif" => drop(elifs.pop()),
            "elif" => {
                let count = elifs.last_mut()?;
                *count += 1;
                if *count > limit {
                    return Some(segment.range);
                }
            }
            _ => {}
        }
    }
    None
}

/// The other templates a source names literally, with the tag naming them:
/// `{% include "contact" %}`, `{% import "macros" as m %}`, `{% from "m"
/// import x %}`, `{% extends "layout" %}`, and each name of
/// `{% include ["a", "b"] %}`. The tag's range tells a missing one where.
pub fn partials_used(source: &str) -> Vec<(String, Range<usize>)> {
    partial_names(source).into_iter().map(|(name, tag)| (source[name].to_owned(), tag)).collect()
}

/// Where `partials_used` finds each name: the name's own bytes (inside its
/// quotes) and the tag's.
fn partial_names(source: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut found = Vec::new();
    for segment in segments(source).into_iter().filter(|s| s.kind == SegmentKind::Statement) {
        let tag = &source[segment.range.clone()];
        let word = tag_word(tag);
        if !matches!(word, "include" | "import" | "from" | "extends") {
            continue;
        }
        // The names come before `as`, `import`, `ignore`, `with` or `without`.
        let mut at = tag.find(word).map_or(0, |at| at + word.len());
        while let Some(start) = tag[at..].find(['"', '\'']).map(|start| at + start) {
            let before = &tag[at..start];
            if ["as", "import", "ignore", "with", "without"].iter().any(|k| before.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == *k)) {
                break;
            }
            let quote = tag[start..].chars().next().unwrap_or('"');
            let Some(len) = tag[start + 1..].find(quote) else { break };
            let name = segment.range.start + start + 1;
            found.push((name..name + len, segment.range.clone()));
            at = start + 2 + len;
        }
    }
    found
}

/// `source` with every literal `{% include %}` (import, from, extends) of
/// partial `old` naming `new` instead; `None` when it names `old` nowhere.
pub fn rename_partial(source: &str, old: &str, new: &str) -> Option<String> {
    let names: Vec<Range<usize>> = partial_names(source).into_iter().map(|(name, _)| name).filter(|name| &source[name.clone()] == old).collect();
    let last = names.last()?.end;
    let mut renamed = String::with_capacity(source.len() + names.len() * new.len());
    let mut at = 0;
    for name in names {
        renamed.push_str(&source[at..name.start]);
        renamed.push_str(new);
        at = name.end;
    }
    renamed.push_str(&source[last..]);
    Some(renamed)
}

/// The `{{` or `{%` before byte `at` that is not finished: no `}}` (or
/// `%}`) follows it before the next tag opens or the text ends. This is what
/// a tag being typed looks like (`{{ customer.vip_` with the rest of the
/// message after it), so a syntax error at `at` is best explained by it.
pub fn unfinished_tag(source: &str, at: usize) -> Option<Range<usize>> {
    // A tag opening right at `at` counts too.
    let end = (at + 2).min(source.len());
    let before = &source[..(0..=end).rev().find(|&i| source.is_char_boundary(i))?];
    let open = before.rfind("{{").into_iter().chain(before.rfind("{%")).max()?;
    let close = if source[open..].starts_with("{{") { "}}" } else { "%}" };
    let rest = &source[open + 2..];
    let closed = rest.find(close);
    let next_open = ["{{", "{%", "{#"].iter().filter_map(|o| rest.find(o)).min();
    match (closed, next_open) {
        (Some(closed), Some(next)) if next < closed => Some(open..open + 2),
        (Some(_), _) => None,
        (None, _) => Some(open..open + 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SegmentKind::*;

    fn kinds(source: &str) -> Vec<(SegmentKind, &str)> {
        segments(source).into_iter().map(|s| (s.kind, &source[s.range])).collect()
    }

    #[test]
    fn splits_text_and_tags() {
        assert_eq!(
            kinds("您好，{{ name }}！{% if vip %}贵宾{% endif %}{# note #}"),
            vec![
                (Literal, "您好，"),
                (Expression, "{{ name }}"),
                (Literal, "！"),
                (Statement, "{% if vip %}"),
                (Literal, "贵宾"),
                (Statement, "{% endif %}"),
                (Comment, "{# note #}"),
            ]
        );
    }

    #[test]
    fn closers_inside_strings_do_not_end_a_tag() {
        assert_eq!(kinds(r#"{{ "}}" ~ '%}' }}x"#), vec![(Expression, r#"{{ "}}" ~ '%}' }}"#), (Literal, "x")]);
    }

    #[test]
    fn raw_blocks_are_literal() {
        assert_eq!(
            kinds("{% raw %}{{ not a tag }}{% endraw %}"),
            vec![(Statement, "{% raw %}"), (Literal, "{{ not a tag }}"), (Statement, "{% endraw %}")]
        );
    }

    #[test]
    fn unclosed_tag_runs_to_the_end_and_segments_cover_the_text() {
        let source = "a {{ b";
        assert_eq!(kinds(source), vec![(Literal, "a "), (Expression, "{{ b")]);
        let covered: usize = segments(source).iter().map(|s| s.range.len()).sum();
        assert_eq!(covered, source.len());
    }

    #[test]
    fn finds_whole_paths_in_tags_only() {
        let source = "customer.name {{ customer.name }} {{ customer.names }} {{ x.customer.name }} {{ 'customer.name' }} {% if customer.name %}";
        let found = path_occurrences(source, "customer.name");
        assert_eq!(found.len(), 2);
        assert_eq!(&source[found[0].clone()], "customer.name");
        assert_eq!(found[0].start, 17);
    }

    #[test]
    fn finds_the_block_left_open() {
        let source = "{% if a %}x{% endif %}\n{% for i in l %}{% if i %}y{% endif %}\n{% set x = 1 %}";
        let (range, word) = unclosed_block(source).unwrap();
        assert_eq!((&source[range], word), ("{% for i in l %}", "for"));
        assert_eq!(unclosed_block("{% if a %}{% endif %}{% set b %}t{% endset %}"), None);
    }

    #[test]
    fn finds_the_partials_a_source_names() {
        let names = |source: &str| partials_used(source).into_iter().map(|(name, _)| name).collect::<Vec<_>>();
        assert_eq!(names(r#"a{% include "contact" %}{%- include 'sig' -%}{{ include }}"#), vec!["contact", "sig"]);
        assert_eq!(
            names(r#"{% extends "layout.j2" %}{% import "m.j2" as m %}{% from 'f.j2' import x as y %}{% include ["a", "b"] ignore missing %}"#),
            vec!["layout.j2", "m.j2", "f.j2", "a", "b"]
        );
        assert_eq!(names(r#"{% include "h" with context %}{% import "m" as m with context %}"#), vec!["h", "m"]);
    }

    #[test]
    fn renaming_a_partial_rewrites_the_names_of_it_and_nothing_else() {
        let source = r#"联系{{ "zh/contact" }}{% include "zh/contact" %}{%- include 'zh/contact' -%}{% include ["zh/contactx", "zh/contact"] %}{% import "m" as zh %}"#;
        assert_eq!(
            rename_partial(source, "zh/contact", "zh/联系方式").as_deref(),
            Some(r#"联系{{ "zh/contact" }}{% include "zh/联系方式" %}{%- include 'zh/联系方式' -%}{% include ["zh/contactx", "zh/联系方式"] %}{% import "m" as zh %}"#)
        );
        assert_eq!(rename_partial("{% include \"a\" %}", "b", "c"), None, "not named: nothing to rewrite");
    }

    #[test]
    fn literals_yield_text_with_ranges() {
        let found: Vec<_> = literals("A{{x}}B").collect();
        assert_eq!(found, vec![(0..1, "A"), (6..7, "B")]);
    }

    #[test]
    fn a_tag_being_typed_is_unfinished_wherever_the_error_is_found() {
        let typed = "您好，{{ customer.vip_";
        assert_eq!(unfinished_tag(typed, typed.len()), Some(9..11));
        // Typed in the middle of a message: the parser stumbles on the text after it.
        let middle = "您好，{{ customer.vip。详询 {{ hotline }}";
        assert_eq!(unfinished_tag(middle, middle.find('。').unwrap()), Some(9..11));
        let one_brace = "{{ customer.vip_level }。";
        assert_eq!(unfinished_tag(one_brace, 21), Some(0..2));
        assert_eq!(unfinished_tag("{% if x ", 8), Some(0..2));
        // A finished tag with a mistake inside is no unfinished tag.
        assert_eq!(unfinished_tag("{{ customer.name | }} 您好", 18), None);
        assert_eq!(unfinished_tag("没有标签", 3), None);
    }
}
