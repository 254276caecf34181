//! Python methods on template values (`name.upper()`, `plan.items()`). Jinja2
//! runs them as Python; core minijinja does not know them. This is the set
//! notification templates use, written for our bundle: no Unicode tables, and
//! minijinja's own filters where one does the same job. The conformance tests
//! hold it to Jinja2's output.

use minijinja::value::{from_args, ValueKind};
use minijinja::{Error, ErrorKind, State, Value};

/// The names [`call`] knows, for the checks that must tell a method call from
/// a field (`notes.split(",")` reads `notes`).
pub const NAMES: &[&str] = &[
    "capitalize", "count", "endswith", "find", "format", "get", "items", "join", "keys", "lower", "lstrip", "replace",
    "rstrip", "split", "splitlines", "startswith", "strip", "title", "upper", "values",
];

/// minijinja's unknown-method callback.
pub fn call(_state: &mut State, value: &Value, method: &str, args: &[Value]) -> Result<Value, Error> {
    if let Some(s) = value.as_str() {
        return string_method(s, method, args);
    }
    if value.kind() == ValueKind::Map {
        return map_method(value, method, args);
    }
    Err(Error::from(ErrorKind::UnknownMethod))
}

fn string_method(s: &str, method: &str, args: &[Value]) -> Result<Value, Error> {
    Ok(match method {
        "upper" => no_args(args).map(|()| s.to_uppercase().into())?,
        "lower" => no_args(args).map(|()| s.to_lowercase().into())?,
        "title" => no_args(args).map(|()| minijinja::filters::title(s.into()).into())?,
        "capitalize" => no_args(args).map(|()| {
            let mut chars = s.chars();
            chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars.as_str().to_lowercase().chars()).collect()).into()
        })?,
        "strip" | "lstrip" | "rstrip" => {
            let (chars,): (Option<&str>,) = from_args(args)?;
            let strip = |c: char| chars.map_or(c.is_whitespace(), |set| set.contains(c));
            match method {
                "strip" => s.trim_matches(strip),
                "lstrip" => s.trim_start_matches(strip),
                _ => s.trim_end_matches(strip),
            }
            .into()
        }
        "replace" => {
            let (old, new, count): (&str, &str, Option<i64>) = from_args(args)?;
            match count.and_then(|n| usize::try_from(n).ok()) {
                Some(n) => s.replacen(old, new, n),
                None => s.replace(old, new),
            }
            .into()
        }
        "split" => {
            let (sep, maxsplit): (Option<&str>, Option<i64>) = from_args(args)?;
            let limit = maxsplit.and_then(|n| usize::try_from(n).ok()).map_or(usize::MAX, |n| n.saturating_add(1));
            match sep {
                Some("") => return Err(Error::new(ErrorKind::InvalidOperation, "empty separator")),
                Some(sep) => s.splitn(limit, sep).map(Value::from).collect(),
                // Python: runs of whitespace separate, and no empty pieces.
                None => split_whitespace(s, limit).into_iter().map(Value::from).collect(),
            }
        }
        "splitlines" => no_args(args).map(|()| crate::template::python::splitlines(s, false).into_iter().map(Value::from).collect())?,
        "startswith" | "endswith" => {
            let (affix,): (&str,) = from_args(args)?;
            Value::from(if method == "startswith" { s.starts_with(affix) } else { s.ends_with(affix) })
        }
        "count" => {
            let (sub,): (&str,) = from_args(args)?;
            Value::from(if sub.is_empty() { s.chars().count() + 1 } else { s.matches(sub).count() })
        }
        "find" => {
            let (sub,): (&str,) = from_args(args)?;
            Value::from(s.find(sub).map_or(-1, |at| s[..at].chars().count() as i64))
        }
        "join" => {
            let (items,): (Value,) = from_args(args)?;
            let parts: Vec<String> = items.try_iter()?.map(|item| item.to_string()).collect();
            Value::from(parts.join(s))
        }
        "format" => format(s, args)?.into(),
        _ => return Err(Error::from(ErrorKind::UnknownMethod)),
    })
}

fn map_method(map: &Value, method: &str, args: &[Value]) -> Result<Value, Error> {
    match method {
        "items" => no_args(args).and_then(|()| minijinja::filters::items(map)),
        "keys" => no_args(args).and_then(|()| Ok(map.try_iter()?.collect())),
        "values" => {
            no_args(args)?;
            Ok(map.try_iter()?.map(|key| map.get_item(&key).unwrap_or_default()).collect())
        }
        "get" => {
            let (key, default): (Value, Option<Value>) = from_args(args)?;
            let found = map.get_item(&key)?;
            Ok(if found.is_undefined() { default.unwrap_or(Value::from(())) } else { found })
        }
        _ => Err(Error::from(ErrorKind::UnknownMethod)),
    }
}

fn no_args(args: &[Value]) -> Result<(), Error> {
    from_args(args)
}

fn split_whitespace(s: &str, limit: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if pieces.len() + 1 == limit {
            pieces.push(rest.trim_end());
            break;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        pieces.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    pieces
}

/// `"{}年{}月".format(2026, 11)` and `"{0}/{1}"`: positional fields only;
/// `{{` and `}}` are literal braces, as in Python.
fn format(template: &str, args: &[Value]) -> Result<String, Error> {
    let mut out = String::with_capacity(template.len());
    let mut next = 0;
    let mut chars = template.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' if chars.peek().is_some_and(|&(_, c)| c == '{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek().is_some_and(|&(_, c)| c == '}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let close = template[at..].find('}').ok_or_else(|| bad_format("a “{” is not closed"))? + at;
                let field = &template[at + 1..close];
                let index = if field.is_empty() {
                    next += 1;
                    next - 1
                } else {
                    field.parse::<usize>().map_err(|_| bad_format("only positional fields such as {} or {0} are supported"))?
                };
                let arg = args.get(index).ok_or_else(|| bad_format("fewer arguments than fields"))?;
                out.push_str(&arg.to_string());
                while chars.peek().is_some_and(|&(i, _)| i <= close) {
                    chars.next();
                }
            }
            '}' => return Err(bad_format("a lone “}”")),
            c => out.push(c),
        }
    }
    Ok(out)
}

fn bad_format(why: &str) -> Error {
    Error::new(ErrorKind::InvalidOperation, format!("format: {why}"))
}

#[cfg(test)]
mod tests {
    use crate::template::render::render;
    use crate::template::sample;

    fn run(source: &str) -> String {
        let data = sample::parse(r#"{"s": "  Hello World  ", "m": {"b": 2, "a": 1}, "csv": "a,b,,c"}"#).unwrap();
        render(source, &data).unwrap_or_else(|e| format!("<{}>", e.detail))
    }

    #[test]
    fn string_methods_behave_like_python() {
        assert_eq!(run("{{ s.strip() }}|{{ s.lstrip() }}|{{ s.rstrip() }}|{{ 'xxhixx'.strip('x') }}"), "Hello World|Hello World  |  Hello World|hi");
        assert_eq!(run("{{ s.strip().upper() }} {{ s.strip().lower() }} {{ 'ann lee'.title() }} {{ 'hELLO'.capitalize() }}"), "HELLO WORLD hello world Ann Lee Hello");
        assert_eq!(run("{{ csv.split(',') | join('/') }} {{ csv.split(',', 1) | join('/') }} {{ ' a  b '.split() | join('|') }}"), "a/b//c a/b,,c a|b");
        assert_eq!(run("{{ 'aaa'.replace('a', 'b', 2) }} {{ 'x'.startswith('x') }} {{ 'x'.endswith('y') }} {{ 'banana'.count('an') }} {{ '中文ab'.find('a') }}"), "bba True False 2 2");
        assert_eq!(run("{{ '{}年{}月'.format(2026, 11) }} {{ '{1}-{0}'.format('a', 'b') }} {{ '{{x}}'.format() }} {{ ', '.join(['a', 'b']) }}"), "2026年11月 b-a {x} a, b");
        assert_eq!(run("{{ 'l1\\nl2'.splitlines() | length }}"), "2");
    }

    #[test]
    fn map_methods_behave_like_python() {
        assert_eq!(run("{% for k, v in m.items() %}{{ k }}={{ v }};{% endfor %}"), "b=2;a=1;");
        assert_eq!(run("{{ m.keys() | join(',') }} {{ m.values() | join(',') }} {{ m.get('a') }} {{ m.get('z', 0) }} {{ m.get('z') }}"), "b,a 2,1 1 0 None");
    }

    #[test]
    fn bad_calls_are_errors_not_panics() {
        assert_eq!(run("{{ '{'.format() }}"), "<format: a “{” is not closed>");
        assert_eq!(run("{{ '{0}'.format() }}"), "<format: fewer arguments than fields>");
        assert_eq!(run("{{ 'x'.split('') }}"), "<empty separator>");
        assert!(run("{{ s.shout() }}").starts_with('<'));
        assert!(run("{{ s.upper(1) }}").starts_with('<'));
    }
}
