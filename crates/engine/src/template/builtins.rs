//! Jinja2's builtin filters and tests where minijinja's differ from them or
//! are missing, written to Jinja2 3.1's definitions (argument for argument,
//! positional or by keyword), so a template prints here what it prints there.
//! Proven by `tests/jinja2_suite.rs` on the cases of Jinja2's own test suite
//! and by the conformance cases Jinja2 renders.

use minijinja::value::{Kwargs, Rest, ValueKind};
use minijinja::{Environment, Error, ErrorKind, State, Value};

use crate::template::python;
use crate::template::render::MAX_OUTPUT_BYTES;

/// A filter given its value and its arguments bound to its parameters.
type Filter = fn(&State, Value, Args) -> Result<Value, Error>;

/// A filter's arguments, one per parameter in Jinja2's order (`None`: not given).
struct Args {
    params: &'static [&'static str],
    values: Vec<Option<Value>>,
}

impl Args {
    /// By keyword, for minijinja's builtins that take them so.
    fn into_kwargs(self) -> Kwargs {
        self.params.iter().zip(self.values).filter_map(|(name, value)| Some((*name, value?))).collect()
    }
}

/// Each filter with its parameters in Jinja2's order. One signature for all
/// keeps minijinja's argument glue to one copy in the wasm.
const FILTERS: &[(&str, &[&str], Filter)] = &[
    ("escape", &[], |_, value, _| Ok(escape(value))),
    ("e", &[], |_, value, _| Ok(escape(value))),
    ("forceescape", &[], |_, value, _| Ok(forceescape(&value))),
    ("int", &["default", "base"], int),
    ("float", &["default"], float),
    ("indent", &["width", "first", "blank"], indent),
    ("center", &["width"], center),
    ("filesizeformat", &["binary"], filesizeformat),
    ("wordcount", &[], |_, value, _| Ok(Value::from(wordcount(&python::str(&value))))),
    ("striptags", &[], striptags),
    ("xmlattr", &["autospace"], xmlattr),
    ("pprint", &[], |_, value, _| Ok(Value::from(python::pformat(&value)))),
    ("tojson", &["indent"], tojson),
    ("urlencode", &[], urlencode),
    ("sort", &["reverse", "case_sensitive", "attribute"], |state, value, args| minijinja::filters::sort(state, value, args.into_kwargs())),
    ("dictsort", &["case_sensitive", "by", "reverse"], |_, value, args| minijinja::filters::dictsort(&value, args.into_kwargs())),
    ("unique", &["case_sensitive", "attribute"], |state, value, args| minijinja::filters::unique(state, value, args.into_kwargs())),
    ("groupby", &["attribute", "default", "case_sensitive"], groupby),
];

pub fn register(env: &mut Environment<'_>) {
    for &(name, params, filter) in FILTERS {
        env.add_filter(name, move |state: &State, value: Value, positional: Rest<Value>, kwargs: Kwargs| {
            filter(state, value, bind(params, positional.0, &kwargs)?)
        });
    }
    env.add_test("sequence", |v: Value| v.is_undefined() || matches!(v.kind(), ValueKind::String | ValueKind::Seq | ValueKind::Map));
    env.add_test("iterable", |v: Value| v.is_undefined() || (!v.is_none() && v.try_iter().is_ok()));
    env.add_test("callable", |v: Value| v.kind() == ValueKind::Plain);
}

/// Binds arguments as Python does: by position in `params` order, or by name.
fn bind(params: &'static [&'static str], positional: Vec<Value>, kwargs: &Kwargs) -> Result<Args, Error> {
    if positional.len() > params.len() {
        return Err(Error::new(ErrorKind::TooManyArguments, format!("takes at most {} arguments", params.len())));
    }
    let mut bound: Vec<Option<Value>> = positional.into_iter().map(Some).collect();
    bound.resize(params.len(), None);
    for key in kwargs.args() {
        let Some(at) = params.iter().position(|p| *p == key) else {
            return Err(Error::new(ErrorKind::TooManyArguments, format!("unexpected keyword argument '{key}'")));
        };
        if bound[at].is_some() {
            return Err(Error::new(ErrorKind::TooManyArguments, format!("got multiple values for argument '{key}'")));
        }
        bound[at] = Some(kwargs.get::<Value>(key)?);
    }
    Ok(Args { params, values: bound })
}

/// A width or indentation in characters, no wider than a render may print.
fn width(value: &Value) -> Result<usize, Error> {
    let width = usize::try_from(value.clone())?;
    if width > MAX_OUTPUT_BYTES { Err(crate::template::render::output_too_long()) } else { Ok(width) }
}

fn flag(arg: Option<&Value>, default: bool) -> bool {
    arg.map_or(default, Value::is_true)
}

fn no_kwargs() -> Kwargs {
    Kwargs::from_iter(std::iter::empty::<(&str, Value)>())
}

/// `groupby(attribute, default=none, case_sensitive=false)`; the attribute
/// may be a position (`groupby(0)` on pairs), as in Jinja2.
fn groupby(_: &State, value: Value, mut args: Args) -> Result<Value, Error> {
    let attribute = args.values[0].take().map(|a| a.as_str().map_or_else(|| a.to_string(), str::to_owned));
    minijinja::filters::groupby(value, attribute.as_deref(), args.into_kwargs())
}

/// markupsafe's escaping: `&#34;` and `&#39;` for quotes, nothing for `/`;
/// text already marked safe is left alone.
fn escape(value: Value) -> Value {
    if value.is_safe() { value } else { forceescape(&value) }
}

fn forceescape(value: &Value) -> Value {
    let text = python::str(value);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Value::from_safe_string(out)
}

/// `int(default=0, base=10)`: text Python's `int()` reads, else its `float()`
/// truncated, else the default; never an error.
fn int(state: &State, value: Value, args: Args) -> Result<Value, Error> {
    let [default, base]: [Option<Value>; 2] = args.values.try_into().unwrap_or_default();
    let base = base.map(u32::try_from).transpose()?.unwrap_or(10);
    let Some(text) = value.as_str() else {
        return minijinja::filters::int(state, &value, default, Some(base), no_kwargs());
    };
    let parsed = python::parse_int(text, base).map(Value::from).or_else(|| {
        python::parse_float(text).filter(|x| x.is_finite() && x.abs() < 1.7e38).map(|x| Value::from(x.trunc() as i128))
    });
    Ok(parsed.unwrap_or_else(|| default.unwrap_or(Value::from(0))))
}

/// `float(default=0.0)`: text Python's `float()` reads, else the default.
fn float(state: &State, value: Value, mut args: Args) -> Result<Value, Error> {
    let default = args.values[0].take();
    let Some(text) = value.as_str() else {
        return minijinja::filters::float(state, &value, default, no_kwargs());
    };
    Ok(python::parse_float(text).map_or_else(|| default.unwrap_or(Value::from(0.0)), Value::from))
}

/// Jinja2's `indent(width=4, first=false, blank=false)`, trailing-newline
/// quirk included; `width` may be the indentation text itself.
fn indent(_: &State, value: Value, args: Args) -> Result<Value, Error> {
    let args = args.values;
    let indention = match &args[0] {
        Some(w) if w.kind() == ValueKind::String => python::str(w),
        Some(w) => " ".repeat(width(w)?),
        None => "    ".to_owned(),
    };
    let text = python::str(&value) + "\n";
    let lines = python::splitlines(&text, false);
    if text.len() + (lines.len() + 1) * indention.len() > MAX_OUTPUT_BYTES {
        return Err(crate::template::render::output_too_long());
    }
    let mut out = String::new();
    if flag(args[2].as_ref(), false) {
        out = lines.join(&format!("\n{indention}"));
    } else if let Some((head, rest)) = lines.split_first() {
        out.push_str(head);
        for line in rest {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&indention);
            }
            out.push_str(line);
        }
    }
    Ok(Value::from(if flag(args[1].as_ref(), false) { indention + &out } else { out }))
}

/// Python's `str.center(width=80)`: the odd space goes left when `width` is odd.
fn center(_: &State, value: Value, args: Args) -> Result<Value, Error> {
    let width = args.values[0].as_ref().map(width).transpose()?.unwrap_or(80);
    let text = python::str(&value);
    let margin = width.saturating_sub(text.chars().count());
    let left = margin / 2 + (margin & width & 1);
    Ok(Value::from(format!("{}{text}{}", " ".repeat(left), " ".repeat(margin - left))))
}

fn filesizeformat(_: &State, value: Value, args: Args) -> Result<Value, Error> {
    let binary = flag(args.values[0].as_ref(), false);
    let bytes = match value.as_str() {
        Some(text) => python::parse_float(text),
        None => f64::try_from(value.clone()).ok(),
    }
    .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("could not convert {} to a number", python::repr(&value))))?;
    let base: f64 = if binary { 1024.0 } else { 1000.0 };
    let prefixes = if binary { ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] } else { ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"] };
    if bytes == 1.0 {
        return Ok(Value::from("1 Byte"));
    }
    if bytes < base {
        return Ok(Value::from(format!("{} Bytes", bytes.trunc() as i128)));
    }
    // Units are exact integers in Python; past the last prefix it is kept
    // (1e30 bytes are "1000000.0 YB").
    let mut unit: u128 = base as u128;
    for (i, prefix) in prefixes.iter().enumerate() {
        unit *= base as u128;
        if bytes < unit as f64 || i + 1 == prefixes.len() {
            return Ok(Value::from(format!("{:.1} {prefix}", base * bytes / unit as f64)));
        }
    }
    Ok(Value::from(""))
}

/// `len(re.findall(r"\w+", s))`.
fn wordcount(text: &str) -> usize {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).count()
}

/// markupsafe's `striptags`: comments, then tags, taken out; whitespace
/// collapsed; entities decoded.
fn striptags(_: &State, value: Value, _: Args) -> Result<Value, Error> {
    let mut text = python::str(&value);
    for (open, close) in [("<!--", "-->"), ("<", ">")] {
        while let Some(start) = text.find(open) {
            let Some(end) = text[start..].find(close) else { break };
            text.replace_range(start..start + end + close.len(), "");
        }
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::html::unescape(&collapsed).map(Value::from).map_err(|entity| {
        Error::new(ErrorKind::InvalidOperation, format!("striptags: the preview does not know the entity &{entity}; (Jinja2 decodes every HTML5 entity)"))
    })
}

/// `xmlattr(autospace=true)`: ` key="value"` for each pair whose value is
/// neither none nor missing, both escaped.
fn xmlattr(_: &State, value: Value, args: Args) -> Result<Value, Error> {
    let mut items = Vec::new();
    for key in value.try_iter()? {
        let item = value.get_item(&key)?;
        if item.is_none() || item.is_undefined() {
            continue;
        }
        let name = python::str(&key);
        if name.chars().any(|c| c.is_ascii_whitespace() || matches!(c, '/' | '>' | '=')) {
            return Err(Error::new(ErrorKind::InvalidOperation, format!("Invalid character in attribute name: {}", python::str_repr(&name))));
        }
        items.push(format!("{}=\"{}\"", forceescape(&key), forceescape(&item)));
    }
    let joined = items.join(" ");
    let spaced = flag(args.values[0].as_ref(), true) && !joined.is_empty();
    Ok(Value::from(if spaced { format!(" {joined}") } else { joined }))
}

/// `tojson(indent=none)`: Python's `json.dumps(value, sort_keys=True)`
/// with `<`, `>`, `&` and `'` escaped for HTML, marked safe.
fn tojson(_: &State, value: Value, args: Args) -> Result<Value, Error> {
    let indent = match &args.values[0] {
        Some(w) if w.kind() == ValueKind::String => Some(python::str(w)),
        Some(w) if !w.is_none() => Some(" ".repeat(width(w)?)),
        _ => None,
    };
    let json = python::json_dumps(&value, indent.as_deref())?;
    if json.len() > MAX_OUTPUT_BYTES {
        return Err(crate::template::render::output_too_long());
    }
    let safe = json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026").replace('\'', "\\u0027");
    Ok(Value::from_safe_string(safe))
}

/// `urlencode`: text percent-encoded as UTF-8 (`/` kept); a mapping or a
/// list of pairs as a query string (`+` for spaces).
fn urlencode(_: &State, value: Value, _: Args) -> Result<Value, Error> {
    let pairs: Vec<(Value, Value)> = match value.kind() {
        ValueKind::String | ValueKind::Number | ValueKind::Bool | ValueKind::None | ValueKind::Undefined => {
            return Ok(Value::from(url_quote(&python::str(&value), false)));
        }
        ValueKind::Map => value.try_iter()?.map(|k| (k.clone(), value.get_item(&k).unwrap_or_default())).collect(),
        _ => value.try_iter()?.map(|pair| (pair.get_item(&Value::from(0)).unwrap_or_default(), pair.get_item(&Value::from(1)).unwrap_or_default())).collect(),
    };
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", url_quote(&python::str(k), true), url_quote(&python::str(v), true)))
        .collect();
    Ok(Value::from(query.join("&")))
}

/// Jinja2's `url_quote`: UTF-8 bytes, unreserved ones (and `/` outside a
/// query) kept, the rest `%XX`; in a query a space is `+`.
fn url_quote(text: &str, for_query: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => out.push(char::from(byte)),
            b'/' if !for_query => out.push('/'),
            b' ' if for_query => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_bind_by_position_or_name_as_in_python() {
        let kwargs = Kwargs::from_iter([("blank", Value::from(true))]);
        let bound = bind(&["width", "first", "blank"], vec![Value::from(2)], &kwargs).unwrap();
        assert_eq!(bound.values, [Some(Value::from(2)), None, Some(Value::from(true))]);
        let twice = Kwargs::from_iter([("width", Value::from(3))]);
        assert!(bind(&["width"], vec![Value::from(2)], &twice).is_err());
        assert!(bind(&["width"], vec![Value::from(2), Value::from(3)], &no_kwargs()).is_err());
        let unknown = Kwargs::from_iter([("depth", Value::from(3))]);
        assert!(bind(&["width"], vec![], &unknown).is_err());
    }

    #[test]
    fn widths_past_the_output_limit_are_refused_before_they_are_built() {
        use crate::template::render::{render, Limit, RenderErrorKind};
        let data = Value::from(());
        for source in ["{{ 'x'|center(2000000000) }}", "{{ 'a\nb'|indent(2000000000) }}", "{{ [1, 2]|tojson(2000000000) }}"] {
            let err = render(source, &data).unwrap_err();
            assert_eq!(err.kind, RenderErrorKind::Limit(Limit::OutputSize), "{source}: {err:?}");
        }
    }

    #[test]
    fn urls_are_quoted_as_jinja2_quotes_them() {
        // Python: jinja2.utils.url_quote("a b/c?&=您", for_qs=...)
        assert_eq!(url_quote("a b/c?&=您", false), "a%20b/c%3F%26%3D%E6%82%A8");
        assert_eq!(url_quote("a b/c?&=您", true), "a+b%2Fc%3F%26%3D%E6%82%A8");
    }
}
