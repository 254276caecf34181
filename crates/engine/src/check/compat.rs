//! `jinja2-compat`: where Python Jinja2, given the same template and data,
//! would print something else than the preview, or fail where it renders (or
//! render where it fails). Everything else renders to the same bytes: the
//! conformance tests and Jinja2's own test suite (`tests/jinja2_suite.rs`)
//! prove it, and every case of that suite that differs is flagged here.

use std::ops::Range;

use minijinja::Value;

use super::{Context, Fix, Location, Message, Origin, Part, RuleId, Sink};
use crate::template::scan::{self, SegmentKind};
use crate::text::Span;

/// Filters minijinja has and Jinja2 does not (our masking filters are not
/// here: exports ship them for Jinja2 in notice_filters.py).
const MINIJINJA_ONLY_FILTERS: &[(&str, &str, &str)] = &[
    ("split", "用 .split() 方法代替，例如 {{ text.split(\",\") }}", "use the .split() method instead, e.g. {{ text.split(\",\") }}"),
    ("lines", "用 .splitlines() 方法代替", "use the .splitlines() method instead"),
    ("bool", "用 {% if x %} 判断真假", "test truth with {% if x %}"),
    ("chain", "用 + 连接列表", "join lists with +"),
    ("zip", "用 loop.index0 按下标取值", "index with loop.index0"),
];
/// Jinja2 filters the preview does not run: what each prints there.
const JINJA2_ONLY_FILTERS: &[(&str, &str, &str)] = &[
    ("urlize", "把文字里的网址和邮箱变成 <a> 链接", "turns the URLs and e-mail addresses in the text into <a> links"),
    ("wordwrap", "按宽度把文字折成多行（Python textwrap）", "wraps the text into lines of the width (Python's textwrap)"),
    ("random", "每次随机取一项，预览无法预知", "picks an item at random, which no preview can foresee"),
];
/// Tests minijinja has and Jinja2 does not.
const MINIJINJA_ONLY_TESTS: &[&str] = &["safe"];
/// Python methods that change a list or mapping in place: Jinja2 runs them,
/// the preview's values cannot be changed.
const MUTATING_METHODS: &[&str] = &["append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault", "popitem", "sort", "reverse"];
/// Methods every Python dict has: Jinja2 looks attributes up before keys, so
/// `order.items` is the method, never the key "items".
const DICT_METHODS: &[&str] = &["items", "keys", "values", "get", "copy", "pop", "update", "clear", "setdefault", "popitem", "fromkeys"];

pub(super) fn check(cx: &Context, sink: &mut Sink) {
    if !sink.wants(RuleId::Jinja2Compat) {
        return;
    }
    for part in cx.parts() {
        let source = cx.source(part);
        let mut report = |range: Range<usize>, message: Message, profile: Option<&str>| {
            let fix = key_fix(source, part, &range);
            let location = Some(Location { part, origin: Origin::Source, span: Span::of(source, range) });
            sink.report(RuleId::Jinja2Compat, message, location, profile, fix);
        };
        for (range, message) in differences(source) {
            report(range, message, None);
        }
        // Data the profiles hold: a loop over a value that is null.
        for (range, path) in loops_over_paths(source) {
            for render in &cx.renders {
                let Ok(data) = &render.data else { continue };
                if value_at(data, &path).is_some_and(|v| v.is_none()) {
                    let message = Message::new(
                        format!("{path} 的值是 null：Jinja2 在这里会出错（TypeError: 'NoneType' object is not iterable），预览却什么也不显示；请用 {{% for … in {path} or [] %}}"),
                        format!("{path} is null: Jinja2 fails here (TypeError: 'NoneType' object is not iterable) where the preview shows nothing; write {{% for … in {path} or [] %}}"),
                    );
                    report(range.clone(), message, Some(&render.profile));
                }
            }
        }
    }
}

/// For `order.items` read as a key: `order["items"]`, which Jinja2 reads so too.
fn key_fix(source: &str, part: Part, name: &Range<usize>) -> Option<Fix> {
    let key = &source[name.clone()];
    let dot = name.start.checked_sub(1).filter(|_| source[..name.start].ends_with('.'))?;
    let called = source[name.end..].trim_start().starts_with('(');
    (DICT_METHODS.contains(&key) && !called).then(|| Fix {
        title: Message::new(format!("改为 [\"{key}\"]"), format!("Write [\"{key}\"]")),
        part,
        range: dot..name.end,
        replacement: format!("[\"{key}\"]"),
    })
}

fn value_at(data: &Value, path: &str) -> Option<Value> {
    path.split('.').try_fold(data.clone(), |value, key| value.get_attr(key).ok().filter(|v| !v.is_undefined()))
}

/// Every difference `source` shows whatever the data: the range it is written
/// at, and what Jinja2 does there.
fn differences(source: &str) -> Vec<(Range<usize>, Message)> {
    let mut found = Vec::new();
    let mut open = scan::OpenBlocks::default();
    for segment in scan::segments(source) {
        let (inner, code) = match segment.kind {
            SegmentKind::Expression | SegmentKind::Statement => inside(source, segment.range.clone()),
            SegmentKind::Literal => {
                if let Some(at) = source[segment.range.clone()].find('\r') {
                    let start = segment.range.start + at;
                    found.push((start..start + 1, Message::new(
                        "这里有回车符（\\r）：Jinja2 读模板时把 \\r\\n 和 \\r 都换成 \\n，预览则原样保留",
                        "a carriage return (\\r): Jinja2 reads \\r\\n and \\r in a template as \\n, the preview keeps them",
                    )));
                }
                continue;
            }
            _ => continue,
        };
        let tokens = tokens(code);
        let at = |r: &Range<usize>| inner.start + r.start..inner.start + r.end;
        for (range, message) in in_code(&tokens) {
            found.push((at(&range), message));
        }
        if segment.kind == SegmentKind::Statement {
            for (range, message) in in_statement(&tokens, &open) {
                found.push((at(&range), message));
            }
            open.read(&source[segment.range.clone()], segment.range);
        }
    }
    found
}

/// A tag's code: the text between its delimiters and whitespace markers.
fn inside(source: &str, range: Range<usize>) -> (Range<usize>, &str) {
    let mut start = (range.start + 2).min(range.end);
    let mut end = if source[range.clone()].ends_with("}}") || source[range.clone()].ends_with("%}") { range.end - 2 } else { range.end };
    end = end.max(start);
    if source[start..end].starts_with(['-', '+']) {
        start += 1;
    }
    if end > start && source[start..end].ends_with(['-', '+']) {
        end -= 1;
    }
    (start..end, &source[start..end])
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Name,
    Number,
    Text,
    Symbol,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    range: Range<usize>,
}

/// A tag's code as Jinja tokens: names, numbers, quoted text, symbols.
fn tokens(code: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = code[i..].chars().next() {
        let len = if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        } else if c == '"' || c == '\'' {
            let mut end = i + 1;
            while let Some(d) = code[end..].chars().next() {
                end += d.len_utf8();
                if d == '\\' {
                    end += code[end..].chars().next().map_or(0, char::len_utf8);
                } else if d == c {
                    break;
                }
            }
            out.push(Token { kind: Kind::Text, text: &code[i..end], range: i..end });
            i = end;
            continue;
        } else if c.is_ascii_alphabetic() || c == '_' {
            code[i..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(code.len() - i)
        } else if c.is_ascii_digit() {
            code[i..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).unwrap_or(code.len() - i)
        } else if ["**", "//", "==", "!=", "<=", ">="].iter().any(|op| code[i..].starts_with(op)) {
            2
        } else {
            c.len_utf8()
        };
        let kind = match c {
            c if c.is_ascii_digit() => Kind::Number,
            c if c.is_ascii_alphabetic() || c == '_' => Kind::Name,
            _ => Kind::Symbol,
        };
        out.push(Token { kind, text: &code[i..i + len], range: i..i + len });
        i += len;
    }
    out
}

fn is(token: Option<&Token<'_>>, text: &str) -> bool {
    token.is_some_and(|t| t.text == text && t.kind != Kind::Text)
}

/// The index after the bracket group opening at `open`.
fn after_group(tokens: &[Token<'_>], open: usize) -> usize {
    let mut depth = 0;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token.text {
            "(" | "[" | "{" if token.kind == Kind::Symbol => depth += 1,
            ")" | "]" | "}" if token.kind == Kind::Symbol => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// Differences inside any `{{ }}` or `{% %}`.
fn in_code(tokens: &[Token<'_>]) -> Vec<(Range<usize>, Message)> {
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let previous = i.checked_sub(1).and_then(|p| tokens.get(p));
        let next = tokens.get(i + 1);
        let name = token.text;
        if token.kind == Kind::Name && is(previous, "|") {
            if let Some((_, zh, en)) = MINIJINJA_ONLY_FILTERS.iter().find(|(n, ..)| *n == name) {
                found.push((token.range.clone(), Message::new(
                    format!("过滤器 {name} 在 Python Jinja2 中不存在，导出后将无法渲染：{zh}"),
                    format!("Python Jinja2 has no filter {name}, so the export will not render there: {en}"),
                )));
            }
            if let Some((_, zh, en)) = JINJA2_ONLY_FILTERS.iter().find(|(n, ..)| *n == name) {
                found.push((token.range.clone(), Message::new(
                    format!("预览不支持过滤器 {name}；Jinja2 中它{zh}"),
                    format!("the preview cannot run the filter {name}; in Jinja2 it {en}"),
                )));
            }
            let after = if is(next, "(") { after_group(tokens, i + 1) } else { i + 1 };
            if is(tokens.get(after), "(") && after > i + 1 {
                found.push((token.range.start..tokens[after].range.end, Message::new(
                    "Jinja2 可以调用过滤器的结果（…|f(x)(…)），预览不能：请先把结果 {% set %} 到变量里",
                    "Jinja2 can call what a filter returns (…|f(x)(…)), the preview cannot: {% set %} the result first",
                )));
            }
        }
        let after_is = is(previous, "is") || (is(previous, "not") && is(i.checked_sub(2).and_then(|p| tokens.get(p)), "is"));
        if token.kind == Kind::Name && name != "not" && after_is {
            if MINIJINJA_ONLY_TESTS.contains(&name) {
                found.push((token.range.clone(), Message::new(
                    format!("测试 is {name} 在 Python Jinja2 中不存在，导出后将无法渲染"),
                    format!("Python Jinja2 has no test “is {name}”, so the export will not render there"),
                )));
            }
            if is(next, "is") {
                found.push((token.range.start..next.map_or(token.range.end, |n| n.range.end), Message::new(
                    "Jinja2 不允许连写两个 is 测试（语法错误），预览却照常渲染：请用 and 连接",
                    "Jinja2 refuses two “is” tests in a row (a syntax error) where the preview renders: join them with “and”",
                )));
            }
        }
        if token.kind == Kind::Name && name.starts_with("__") && is(previous, ".") {
            found.push((token.range.clone(), Message::new(
                format!("{name} 是 Python 的内部属性：Jinja2 能读到，预览不能"),
                format!("{name} is a Python internal: Jinja2 reads it, the preview cannot"),
            )));
        }
        if token.kind == Kind::Name && is(previous, ".") && is(next, "(") && MUTATING_METHODS.contains(&name) {
            found.push((token.range.clone(), Message::new(
                format!(".{name}() 在 Jinja2 中会改动这个列表或字典，预览不能改动数据，因此无法执行"),
                format!(".{name}() changes the list or mapping in Jinja2; the preview cannot change data, so it does not run"),
            )));
        }
        if token.kind == Kind::Name && is(previous, ".") && !is(next, "(") && DICT_METHODS.contains(&name) {
            found.push((token.range.clone(), Message::new(
                format!("Jinja2 把 .{name} 读作字典的 {name}() 方法，而不是键“{name}”：取这个键请写 [\"{name}\"]"),
                format!("Jinja2 reads .{name} as the mapping's method {name}(), not the key “{name}”: write [\"{name}\"] for the key"),
            )));
        }
        let starts_operand = previous.is_none_or(|p| p.kind == Kind::Symbol && !matches!(p.text, ")" | "]" | "}") || matches!(p.text, "and" | "or" | "not" | "in" | "if" | "else"));
        if token.text == "+" && token.kind == Kind::Symbol && starts_operand {
            found.push((token.range.clone(), Message::new(
                "Jinja2 接受数字前的正号（+3），预览不接受：请去掉 +",
                "Jinja2 accepts a plus sign before a number (+3), the preview does not: leave the + out",
            )));
        }
        if token.text == "**" && token.kind == Kind::Symbol {
            let base = previous.filter(|t| t.kind == Kind::Number).and_then(|t| t.text.replace('_', "").parse::<i128>().ok());
            let exponent = next.filter(|t| t.kind == Kind::Number).and_then(|t| t.text.replace('_', "").parse::<u32>().ok());
            if let (Some(base), Some(exponent)) = (base, exponent) {
                if base.checked_pow(exponent).is_none() {
                    found.push((token.range.clone(), Message::new(
                        "结果超出预览能表示的整数范围（约 38 位）；Python 的整数没有上限，Jinja2 能算出来",
                        "the result is beyond the integers the preview can hold (about 38 digits); Python's integers have no limit, so Jinja2 computes it",
                    )));
                }
            }
        }
    }
    found
}

/// Differences a statement makes, given the blocks it is inside.
fn in_statement(tokens: &[Token<'_>], open: &scan::OpenBlocks<'_>) -> Vec<(Range<usize>, Message)> {
    let mut found = Vec::new();
    let Some(first) = tokens.first() else { return found };
    let keyword = first.text;
    let whole = first.range.start..tokens.last().map_or(first.range.end, |t| t.range.end);
    let inside = |block: &str| open.inside(block);
    let has = |words: &[&str]| tokens.windows(words.len()).any(|w| w.iter().zip(words).all(|(t, word)| t.text == *word));
    match keyword {
        "for" => {
            let recursive = tokens.last().is_some_and(|t| t.text == "recursive");
            if recursive && has(&["if"]) {
                found.push((whole.clone(), Message::new(
                    "带 if 筛选的递归循环：Jinja2 在每一层都按条件筛选，预览只筛选第一层",
                    "a filtered recursive loop: Jinja2 applies the condition on every level, the preview only on the first",
                )));
            }
            if let Some(in_at) = tokens.iter().position(|t| t.text == "in") {
                if is(tokens.get(in_at + 1), "none") && tokens.get(in_at + 2).is_none_or(|t| matches!(t.text, "if" | "recursive")) {
                    found.push((tokens[in_at + 1].range.clone(), Message::new(
                        "Jinja2 不能遍历 none（TypeError），预览却当作空列表",
                        "Jinja2 cannot loop over none (TypeError), where the preview takes it as an empty list",
                    )));
                }
            }
        }
        "macro" => {
            let params = tokens.iter().position(|t| t.text == "(").map_or(&tokens[..0], |at| &tokens[at..]);
            for (i, token) in params.iter().enumerate() {
                let separated = i > 0 && matches!(params[i - 1].text, "(" | ",");
                if token.text == "caller" && separated && !is(params.get(i + 1), "=") {
                    found.push((token.range.clone(), Message::new(
                        "Jinja2 不允许宏的参数名为 caller（除非给它默认值），预览却接受",
                        "Jinja2 refuses a macro parameter named caller without a default, where the preview accepts it",
                    )));
                }
            }
        }
        "block" if inside("macro") => found.push((whole.clone(), Message::new(
            "Jinja2 允许在宏里写 {% block %}，预览不允许",
            "Jinja2 allows {% block %} inside a macro, the preview does not",
        ))),
        "include" => {
            if inside("macro") {
                found.push((whole.clone(), Message::new(
                    "宏里的 include：Jinja2 让被引用的片段看到宏的参数，预览看不到",
                    "include inside a macro: Jinja2 lets the included template see the macro's arguments, the preview does not",
                )));
            }
            if has(&["without", "context"]) {
                found.push((whole.clone(), Message::new(
                    "without context：Jinja2 中被引用的片段看不到模板的数据，预览却能看到",
                    "without context: in Jinja2 the included template cannot see the data, in the preview it can",
                )));
            }
        }
        "import" | "from" if !has(&["with", "context"]) => found.push((whole.clone(), Message::new(
            "Jinja2 默认不把模板的数据带进 import 的宏里（预览会带进去）：宏只该用自己的参数，或写 with context",
            "Jinja2 imports without the template's data by default (the preview passes it): use only the macro's arguments, or write “with context”",
        ))),
        "set" if inside("autoescape") => found.push((whole.clone(), Message::new(
            "{% autoescape %} 里 set 的变量在 Jinja2 中出了这个块就失效，预览中仍然有效",
            "a variable set inside {% autoescape %} ends with the block in Jinja2, but lives on in the preview",
        ))),
        "with" => {
            // Jinja2 evaluates every value before assigning any; the preview one by one.
            let mut assigned: Vec<&str> = Vec::new();
            let mut depth = 0;
            for (i, token) in tokens.iter().enumerate().skip(1) {
                match token.text {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" => depth -= 1,
                    _ => {}
                }
                let target = depth == 0 && token.kind == Kind::Name && is(tokens.get(i + 1), "=") && matches!(tokens[i - 1].text, "with" | ",");
                if target {
                    assigned.push(token.text);
                } else if token.kind == Kind::Name && !is(tokens.get(i - 1), ".") && assigned.contains(&token.text) {
                    found.push((token.range.clone(), Message::new(
                        format!("在 Jinja2 中这里的 {0} 是 with 之前的 {0}，不是同一个 with 里刚赋的值（预览用的是后者）", token.text),
                        format!("in Jinja2 this {0} is the {0} from before the with, not the one this with just set (which the preview uses)", token.text),
                    )));
                }
            }
        }
        _ => {}
    }
    found
}

/// `{% for … in PATH %}` loops over a dotted path of names: where PATH is
/// written, and PATH.
fn loops_over_paths(source: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    for segment in scan::segments(source) {
        if segment.kind != SegmentKind::Statement {
            continue;
        }
        let (inner, code) = inside(source, segment.range);
        let tokens = tokens(code);
        if !is(tokens.first(), "for") {
            continue;
        }
        let Some(in_at) = tokens.iter().position(|t| t.text == "in") else { continue };
        let mut end = in_at + 1;
        while tokens.get(end).is_some_and(|t| t.kind == Kind::Name) && (end == in_at + 1 || is(tokens.get(end - 1), ".")) {
            end += if is(tokens.get(end + 1), ".") { 2 } else { 1 };
        }
        let path_end = if is(tokens.get(end.saturating_sub(1)), ".") { end - 1 } else { end };
        let closes = tokens.get(path_end).is_none_or(|t| matches!(t.text, "if" | "recursive"));
        if path_end > in_at + 1 && closes && tokens[in_at + 1].text != "none" {
            let range = tokens[in_at + 1].range.start..tokens[path_end - 1].range.end;
            found.push((inner.start + range.start..inner.start + range.end, code[range].to_owned()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check, Diagnostic, Settings};
    use crate::library::model::{SampleProfile, Shared, Template};

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
        let texts: Vec<&str> = tokens("\"\\。\" | split").iter().map(|t| t.text).collect();
        assert_eq!(texts, ["\"\\。\"", "|", "split"]);
    }

    #[test]
    fn each_difference_is_flagged_where_it_is_written() {
        for (body, flagged) in [
            ("{{ foo|attr(\"items\")()|list }}", "attr(\"items\")("),
            ("{% for item in none %}{% endfor %}", "none"),
            ("{% with a=1, c=a %}{{ c }}{% endwith %}", "a"),
            ("{% autoescape true %}{% set x = 1 %}{% endautoescape %}", "set x = 1"),
            ("{{ foo().__class__ }}", "__class__"),
            ("{{ '1'|urlize }}{{ s|wordwrap(20) }}", "urlize"),
            ("{% import 'm' as m %}", "import 'm' as m"),
            ("{% include 'h' without context %}", "include 'h' without context"),
            ("{% macro o(x) %}{% include 'p' %}{% endmacro %}", "include 'p'"),
            ("1\r\n2", "\r"),
            ("{{ +3 }}", "+"),
            ("{{ foo is string is sequence }}", "string is"),
            ("{% macro x(caller) %}{% endmacro %}", "caller"),
            ("{% macro x() %}{% block b %}{% endblock %}{% endmacro %}", "block b"),
            ("{% for p in ps if p.ok recursive %}{% endfor %}", "for p in ps if p.ok recursive"),
            ("{{ l.pop() }}", "pop"),
            ("{{ 10 ** 100 }}", "**"),
            ("{% for i in order.items %}{% endfor %}", "items"),
        ] {
            let found = findings(body);
            let span = &found.first().unwrap_or_else(|| panic!("{body}: not flagged")).location.as_ref().unwrap().span;
            assert_eq!(&body[span.range.clone()], flagged, "{body}");
        }
    }

    #[test]
    fn a_key_read_as_a_method_comes_with_its_fix() {
        let body = "{% for line in order.items %}{{ line }}{% endfor %}{{ d.pop() }}";
        let found = findings(body);
        let fix = found[0].fix.as_ref().expect("order.items has a fix");
        let mut fixed = body.to_owned();
        fixed.replace_range(fix.range.clone(), &fix.replacement);
        assert!(fixed.starts_with("{% for line in order[\"items\"] %}"), "{fixed}");
        assert!(found[1].fix.is_none(), "a call is not a key: {found:#?}");
        assert!(findings(&fixed).iter().all(|d| !d.message.en.contains("method items()")));
    }

    #[test]
    fn a_flag_right_after_a_wide_character_is_safe() {
        // Found by the fuzzer: a flagged place right after a Chinese character.
        assert_eq!(findings("您\r\n好{{ 订单.items }}").len(), 2);
    }

    #[test]
    fn what_renders_alike_is_not_flagged() {
        for body in [
            "{% import 'm' as m with context %}{% with a=1, b=2 %}{{ a + b }}{% endwith %}",
            "{{ loop.index + 1 }}{{ -3 }}{{ 2 ** 10 }}{{ x is defined and y is none }}",
            "{% macro x(caller=none) %}{% endmacro %}{% for i in items if i %}{% endfor %}",
            "{% set x = 1 %}{{ d.items() }}{{ order['items'] }}{{ items }}",
        ] {
            assert_eq!(findings(body), vec![], "{body}");
        }
    }

    #[test]
    fn a_loop_over_a_null_in_the_samples_is_flagged_for_that_profile() {
        let template = Template {
            body: "{% for o in customer.orders %}{{ o }}{% endfor %}".into(),
            samples: vec![
                SampleProfile { name: "有订单".into(), data: r#"{"customer": {"orders": [1]}}"#.into() },
                SampleProfile { name: "空".into(), data: r#"{"customer": {"orders": null}}"#.into() },
            ],
            ..Template::default()
        };
        let found: Vec<_> = check(&template, &Shared::default(), &Settings::default()).into_iter().filter(|d| d.rule == RuleId::Jinja2Compat).collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].profiles, ["空"]);
        assert!(found[0].message.en.contains("customer.orders is null"));
    }
}
