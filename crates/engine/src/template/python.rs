//! Python's own text forms of values, for the places Jinja2 prints what Python
//! prints: `repr()` of floats and strings, `str.splitlines()`, and
//! `pprint.pformat()` (width 80, dict keys sorted), over template values.

use minijinja::value::ValueKind;
use minijinja::Value;

/// The value when it is a float (not an integer).
pub fn as_float(value: &Value) -> Option<f64> {
    (value.kind() == ValueKind::Number && !value.is_integer()).then(|| f64::try_from(value.clone()).ok()).flatten()
}

/// `repr(x)` of a Python float: the shortest digits that read back as `x`,
/// positional when the decimal exponent is in -4..16, else `1.5e+16`.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-4..16).contains(&exponent) {
        let positional = format!("{x}");
        if positional.contains('.') { positional } else { positional + ".0" }
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
    }
}

/// `repr(s)` of a Python string: single quotes unless the text has a single
/// quote and no double one; printable characters (Chinese included) as they are.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` for one character, close enough for text:
/// controls, separators other than the space, and unassigned surrogate-like
/// private ranges are not printable.
fn is_printable(c: char) -> bool {
    !(c.is_control() || (c.is_whitespace() && c != ' ') || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{e000}'..='\u{f8ff}'))
}

/// Python's line boundaries (`str.splitlines`), wider than Rust's `lines`.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `s.splitlines(keepends)`: `\r\n` is one break.
pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = at + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
            chars.next();
            end += 1;
        }
        lines.push(&s[start..if keepends { end } else { at }]);
        start = end;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// `str()` of a template value as Python would print the same data.
pub fn str(value: &Value) -> String {
    match value.kind() {
        ValueKind::Undefined => String::new(),
        ValueKind::String => value.as_str().unwrap_or_default().to_owned(),
        _ => repr(value),
    }
}

/// Python's `int(text, base)`: surrounding whitespace, a sign, `_` between
/// digits, the base's prefix (`0x`, `0o`, `0b`), ASCII and full-width digits.
pub fn parse_int(text: &str, base: u32) -> Option<i128> {
    let text = text.trim();
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = digits.get(..2).map(str::to_ascii_lowercase);
    let digits = match (base, lower.as_deref()) {
        (16, Some("0x")) | (8, Some("0o")) | (2, Some("0b")) => digits[2..].strip_prefix('_').unwrap_or(&digits[2..]),
        _ => digits,
    };
    if !(2..=36).contains(&base) || digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    let mut n: i128 = 0;
    for c in digits.chars().filter(|&c| c != '_') {
        let d = fullwidth_to_ascii(c).to_digit(base)?;
        n = n.checked_mul(i128::from(base))?.checked_add(i128::from(d))?;
    }
    Some(if negative { -n } else { n })
}

/// Python's `float(text)`: whitespace around, `_` between digits, `inf` and
/// `nan`, full-width digits.
pub fn parse_float(text: &str) -> Option<f64> {
    let text = text.trim();
    let plain: String = text.chars().map(fullwidth_to_ascii).collect();
    let bytes = plain.as_bytes();
    let underscores_ok = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'_' || (i > 0 && i + 1 < bytes.len() && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit())
    });
    if !underscores_ok || plain.is_empty() {
        return None;
    }
    plain.replace('_', "").parse().ok()
}

fn fullwidth_to_ascii(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        c => c,
    }
}

/// `repr()` of a template value as Python would print the same data.
pub fn repr(value: &Value) -> String {
    match value.kind() {
        ValueKind::Undefined => "Undefined".to_owned(),
        ValueKind::None => "None".to_owned(),
        ValueKind::Bool => if value.is_true() { "True" } else { "False" }.to_owned(),
        ValueKind::Number => as_float(value).map_or_else(|| value.to_string(), float_repr),
        ValueKind::String => str_repr(value.as_str().unwrap_or_default()),
        ValueKind::Seq | ValueKind::Iterable => {
            let items: Vec<String> = value.try_iter().into_iter().flatten().map(|v| repr(&v)).collect();
            format!("[{}]", items.join(", "))
        }
        ValueKind::Map => {
            let items: Vec<String> = sorted_items(value).iter().map(|(k, v)| format!("{}: {}", repr(k), repr(v))).collect();
            format!("{{{}}}", items.join(", "))
        }
        _ => value.to_string(),
    }
}

/// `json.dumps(value, sort_keys=True, indent=indent)`: ASCII only, Python's
/// separators and float forms. A missing value cannot be written, as in Python.
pub fn json_dumps(value: &Value, indent: Option<&str>) -> Result<String, minijinja::Error> {
    let mut out = String::new();
    write_json(&mut out, value, indent, 0)?;
    Ok(out)
}

fn write_json(out: &mut String, value: &Value, indent: Option<&str>, depth: usize) -> Result<(), minijinja::Error> {
    let (open, close, items): (char, char, Vec<(Option<Value>, Value)>) = match value.kind() {
        ValueKind::Undefined => {
            return Err(minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, "Object of type Undefined is not JSON serializable"));
        }
        ValueKind::None => return Ok(out.push_str("null")),
        ValueKind::Bool => return Ok(out.push_str(if value.is_true() { "true" } else { "false" })),
        ValueKind::Number => {
            let text = match as_float(value) {
                Some(x) if x.is_nan() => "NaN".to_owned(),
                Some(x) if x.is_infinite() => if x > 0.0 { "Infinity" } else { "-Infinity" }.to_owned(),
                Some(x) => float_repr(x),
                None => value.to_string(),
            };
            return Ok(out.push_str(&text));
        }
        ValueKind::String => return Ok(json_string(out, value.as_str().unwrap_or_default())),
        ValueKind::Map => ('{', '}', sorted_items(value).into_iter().map(|(k, v)| (Some(k), v)).collect()),
        _ => ('[', ']', value.try_iter()?.map(|v| (None, v)).collect()),
    };
    out.push(open);
    for (i, (key, item)) in items.iter().enumerate() {
        if out.len() > crate::template::render::MAX_OUTPUT_BYTES {
            return Err(crate::template::render::output_too_long());
        }
        match indent {
            Some(step) => {
                out.push_str(if i > 0 { ",\n" } else { "\n" });
                out.push_str(&step.repeat(depth + 1));
            }
            None if i > 0 => out.push_str(", "),
            None => {}
        }
        if let Some(key) = key {
            json_string(out, &str(key));
            out.push_str(": ");
        }
        write_json(out, item, indent, depth + 1)?;
    }
    if let (Some(step), false) = (indent, items.is_empty()) {
        out.push('\n');
        out.push_str(&step.repeat(depth));
    }
    out.push(close);
    Ok(())
}

/// A JSON string with `json.dumps`' escapes: everything outside ASCII as
/// `\uXXXX` (surrogate pairs beyond the BMP).
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// A mapping's pairs sorted by key, as `pformat` orders them.
fn sorted_items(map: &Value) -> Vec<(Value, Value)> {
    let mut items: Vec<(Value, Value)> =
        map.try_iter().into_iter().flatten().map(|key| (key.clone(), map.get_item(&key).unwrap_or_default())).collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    items
}

/// `pprint.pformat(value)`: the repr if it fits in 80 columns, else lists,
/// mappings and long strings broken over lines as Python breaks them.
pub fn pformat(value: &Value) -> String {
    let mut out = String::new();
    format_into(&mut out, value, 0, 0, 1);
    out
}

const WIDTH: usize = 80;

fn format_into(out: &mut String, value: &Value, indent: usize, allowance: usize, level: usize) {
    let rep = repr(value);
    if rep.chars().count() <= WIDTH.saturating_sub(indent + allowance) {
        out.push_str(&rep);
        return;
    }
    match value.kind() {
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('[');
            let items: Vec<Value> = value.try_iter().into_iter().flatten().collect();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                    out.push_str(&" ".repeat(indent + 1));
                }
                let last = i + 1 == items.len();
                format_into(out, item, indent + 1, if last { allowance + 1 } else { 1 }, level + 1);
            }
            out.push(']');
        }
        ValueKind::Map => {
            out.push('{');
            let items = sorted_items(value);
            for (i, (key, item)) in items.iter().enumerate() {
                let key = repr(key);
                out.push_str(&key);
                out.push_str(": ");
                let last = i + 1 == items.len();
                format_into(out, item, indent + 1 + key.chars().count() + 2, if last { allowance + 1 } else { 1 }, level + 1);
                if !last {
                    out.push_str(",\n");
                    out.push_str(&" ".repeat(indent + 1));
                }
            }
            out.push('}');
        }
        ValueKind::String => format_str(out, value.as_str().unwrap_or_default(), indent, allowance, level),
        _ => out.push_str(&rep),
    }
}

/// pprint's `_pprint_str`: each line, and a line too long split after its
/// spaces, as adjacent string literals (in parentheses at the top level).
fn format_str(out: &mut String, s: &str, mut indent: usize, mut allowance: usize, level: usize) {
    let width = |r: &String| r.chars().count();
    if level == 1 {
        indent += 1;
        allowance += 1;
    }
    let max_width = WIDTH.saturating_sub(indent);
    let mut max_width1 = max_width;
    let mut chunks = Vec::new();
    let lines = splitlines(s, true);
    for (i, line) in lines.iter().enumerate() {
        let rep = str_repr(line);
        let last_line = i + 1 == lines.len();
        if last_line {
            max_width1 = max_width1.saturating_sub(allowance);
        }
        if width(&rep) <= max_width1 {
            chunks.push(rep);
            continue;
        }
        let parts = words_with_spaces(line);
        let mut max_width2 = max_width;
        let mut current = String::new();
        for (j, part) in parts.iter().enumerate() {
            let candidate = format!("{current}{part}");
            if last_line && j + 1 == parts.len() {
                max_width2 = max_width2.saturating_sub(allowance);
            }
            if width(&str_repr(&candidate)) > max_width2 {
                if !current.is_empty() {
                    chunks.push(str_repr(&current));
                }
                current = (*part).to_owned();
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() {
            chunks.push(str_repr(&current));
        }
    }
    if chunks.len() == 1 {
        out.push_str(&str_repr(s));
        return;
    }
    if level == 1 {
        out.push('(');
    }
    for (i, chunk) in chunks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(chunk);
    }
    if level == 1 {
        out.push(')');
    }
}

/// `re.findall(r"\S*\s*", line)` without its final empty match.
fn words_with_spaces(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (at, c) in line.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            parts.push(&line[start..at]);
            start = at;
            in_space = false;
        }
    }
    if start < line.len() {
        parts.push(&line[start..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected strings are what CPython 3.11 prints for the same values.
    #[test]
    fn floats_print_as_python_repr_prints_them() {
        for (x, python) in [
            (2.5e100, "2.5e+100"),
            (25.6e-10, "2.56e-09"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-3.0, "-3.0"),
            (42.0, "42.0"),
            (f64::INFINITY, "inf"),
        ] {
            assert_eq!(float_repr(x), python, "{x}");
        }
    }

    #[test]
    fn strings_print_as_python_repr_prints_them() {
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(str_repr("您好\n\t\u{7}"), "'您好\\n\\t\\x07'");
    }

    #[test]
    fn numbers_are_read_as_python_reads_them() {
        assert_eq!(parse_int(" 42 ", 10), Some(42));
        assert_eq!(parse_int("1_000", 10), Some(1000));
        assert_eq!(parse_int("0x33", 16), Some(51));
        assert_eq!(parse_int("0x33Z", 16), None);
        assert_eq!(parse_int("１２", 10), Some(12));
        assert_eq!(parse_int("42.23", 10), None);
        assert_eq!(parse_int("1__0", 10), None);
        assert_eq!(parse_float("42.23"), Some(42.23));
        assert_eq!(parse_float("1e10000"), Some(f64::INFINITY));
        assert_eq!(parse_float("abc"), None);
        assert_eq!(parse_float("1_0.5"), Some(10.5));
        assert_eq!(parse_float("_1"), None);
    }

    #[test]
    fn json_is_written_as_python_json_dumps_writes_it() {
        // Expected: json.dumps(..., sort_keys=True) in CPython 3.11.
        let value = Value::from_pairs([("b", Value::from("您<\n😀")), ("a", Value::from(vec![Value::from(1), Value::from(2.5), Value::from(()), Value::from(true)]))]);
        assert_eq!(json_dumps(&value, None).unwrap(), r#"{"a": [1, 2.5, null, true], "b": "\u60a8<\n\ud83d\ude00"}"#);
        let nested = Value::from_pairs([("a", Value::from_pairs(Vec::<(&str, Value)>::new())), ("b", Value::from(vec![Value::from(1)]))]);
        assert_eq!(json_dumps(&nested, Some("  ")).unwrap(), "{\n  \"a\": {},\n  \"b\": [\n    1\n  ]\n}");
        assert!(json_dumps(&Value::UNDEFINED, None).is_err());
    }

    #[test]
    fn splitlines_knows_pythons_line_breaks() {
        assert_eq!(splitlines("a\r\nb\rc\u{2028}d\n", false), ["a", "b", "c", "d"]);
        assert_eq!(splitlines("a\r\nb\n\n", true), ["a\r\n", "b\n", "\n"]);
        assert_eq!(splitlines("", false), Vec::<&str>::new());
    }

    #[test]
    fn pformat_breaks_long_values_as_python_does() {
        let numbers = Value::from((0..30).collect::<Vec<i64>>());
        let python: Vec<String> = (0..30).map(|i| i.to_string()).collect();
        assert_eq!(pformat(&numbers), format!("[{}]", python.join(",\n ")));
        let map = Value::from_pairs([("b", Value::from("x".repeat(50))), ("a", Value::from("y".repeat(50)))]);
        assert_eq!(pformat(&map), format!("{{'a': '{}',\n 'b': '{}'}}", "y".repeat(50), "x".repeat(50)));
        let text = Value::from("word ".repeat(20));
        assert_eq!(pformat(&text), format!("('{}'\n '{}')", "word ".repeat(15), "word ".repeat(5)));
        assert_eq!(pformat(&Value::from(vec!["a", "b"])), "['a', 'b']");
    }
}
