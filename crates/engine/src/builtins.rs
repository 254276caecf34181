//! Jinja2's builtin filters and tests where minijinja's differ from them or
//! are missing, written to Jinja2 3.1's definitions (argument for argument,
//! positional or by keyword), so a template prints here what it prints there.
//! Proven by `tests/jinja2_suite.rs` on the cases of Jinja2's own test suite.

use minijinja::value::{Kwargs, Rest, ValueKind};
use minijinja::{Environment, Error, ErrorKind, State, Value};

use crate::python;

pub fn register(env: &mut Environment<'_>) {
    env.add_filter("escape", escape);
    env.add_filter("e", escape);
    env.add_filter("forceescape", forceescape);
    env.add_filter("int", int);
    env.add_filter("float", float);
    env.add_filter("indent", indent);
    env.add_filter("center", center);
    env.add_filter("filesizeformat", filesizeformat);
    env.add_filter("wordcount", wordcount);
    env.add_filter("striptags", striptags);
    env.add_filter("xmlattr", xmlattr);
    env.add_filter("pprint", |value: Value| python::pformat(&value));
    env.add_filter("sort", sort);
    env.add_filter("dictsort", dictsort);
    env.add_filter("unique", unique);
    env.add_filter("groupby", groupby);
    env.add_test("sequence", |v: Value| v.is_undefined() || matches!(v.kind(), ValueKind::String | ValueKind::Seq | ValueKind::Map));
    env.add_test("iterable", |v: Value| v.is_undefined() || (!v.is_none() && v.try_iter().is_ok()));
    env.add_test("callable", |v: Value| v.kind() == ValueKind::Plain);
}

/// A parameter Jinja2 takes by position or by name (`indent(2, true)` and
/// `indent(width=2, first=true)` alike).
fn param<'a, T: minijinja::value::ArgType<'a, Output = T>>(
    positional: Option<T>,
    kwargs: &'a Kwargs,
    name: &'a str,
) -> Result<Option<T>, Error> {
    match positional {
        Some(_) if kwargs.has(name) => {
            Err(Error::new(ErrorKind::TooManyArguments, format!("got multiple values for argument '{name}'")))
        }
        Some(value) => Ok(Some(value)),
        None => kwargs.get::<Option<T>>(name).map(|v| v),
    }
}

/// minijinja's builtin takes these parameters by name only: name the
/// positional ones in Jinja2's order and pass everything on by keyword.
fn by_name(names: &[&str], positional: Rest<Value>, kwargs: Kwargs) -> Result<Kwargs, Error> {
    if positional.len() > names.len() {
        return Err(Error::new(ErrorKind::TooManyArguments, format!("takes at most {} arguments", names.len())));
    }
    let mut named: Vec<(String, Value)> = names.iter().zip(positional.0).map(|(name, v)| ((*name).to_owned(), v)).collect();
    for key in kwargs.args().map(str::to_owned).collect::<Vec<_>>() {
        if named.iter().any(|(name, _)| *name == key) {
            return Err(Error::new(ErrorKind::TooManyArguments, format!("got multiple values for argument '{key}'")));
        }
        let value = kwargs.get::<Value>(&key)?;
        named.push((key, value));
    }
    Ok(named.into_iter().collect())
}

fn sort(state: &State, value: Value, positional: Rest<Value>, kwargs: Kwargs) -> Result<Value, Error> {
    minijinja::filters::sort(state, value, by_name(&["reverse", "case_sensitive", "attribute"], positional, kwargs)?)
}

fn dictsort(value: Value, positional: Rest<Value>, kwargs: Kwargs) -> Result<Value, Error> {
    minijinja::filters::dictsort(&value, by_name(&["case_sensitive", "by", "reverse"], positional, kwargs)?)
}

fn unique(state: &State, value: Value, positional: Rest<Value>, kwargs: Kwargs) -> Result<Value, Error> {
    minijinja::filters::unique(state, value, by_name(&["case_sensitive", "attribute"], positional, kwargs)?)
}

/// `groupby(attribute, default=none, case_sensitive=false)`; an attribute
/// may be a position (`groupby(0)` on pairs), as in Jinja2.
fn groupby(value: Value, positional: Rest<Value>, kwargs: Kwargs) -> Result<Value, Error> {
    let mut positional = positional.0.into_iter();
    let attribute = positional.next().map(|a| if a.is_integer() { Value::from(a.to_string()) } else { a });
    let kwargs = by_name(&["default", "case_sensitive"], Rest(positional.collect()), kwargs)?;
    let attribute = match attribute {
        Some(a) => Some(a),
        None => kwargs.get::<Option<Value>>("attribute")?,
    };
    let attribute = attribute.map(|a| if a.is_integer() { a.to_string() } else { a.as_str().map(str::to_owned).unwrap_or_default() });
    minijinja::filters::groupby(value, attribute.as_deref(), kwargs)
}

/// markupsafe's escaping: `&#34;` and `&#39;` for quotes, nothing for `/`;
/// text already marked safe is left alone.
fn escape(value: Value) -> Value {
    if value.is_safe() { value } else { forceescape(value) }
}

fn forceescape(value: Value) -> Value {
    let text = python::str(&value);
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
fn int(state: &State, value: Value, default: Option<Value>, base: Option<u32>, kwargs: Kwargs) -> Result<Value, Error> {
    let default = param(default, &kwargs, "default")?;
    let base = param(base, &kwargs, "base")?.unwrap_or(10);
    let Some(text) = value.as_str() else {
        return minijinja::filters::int(state, &value, default, Some(base), Kwargs::from_iter(Vec::<(String, Value)>::new()));
    };
    let parsed = python::parse_int(text, base).map(Value::from).or_else(|| {
        python::parse_float(text).filter(|x| x.is_finite() && x.abs() < 1.7e38).map(|x| Value::from(x.trunc() as i128))
    });
    Ok(parsed.unwrap_or_else(|| default.unwrap_or(Value::from(0))))
}

/// `float(default=0.0)`: text Python's `float()` reads, else the default.
fn float(state: &State, value: Value, default: Option<Value>, kwargs: Kwargs) -> Result<Value, Error> {
    let default = param(default, &kwargs, "default")?;
    let Some(text) = value.as_str() else {
        let no_kwargs = Kwargs::from_iter(Vec::<(String, Value)>::new());
        return minijinja::filters::float(state, &value, default, no_kwargs);
    };
    Ok(python::parse_float(text).map_or_else(|| default.unwrap_or(Value::from(0.0)), Value::from))
}

/// Jinja2's `indent(width=4, first=false, blank=false)`, trailing-newline
/// quirk included; `width` may be the indentation text itself.
fn indent(value: String, width: Option<Value>, first: Option<bool>, blank: Option<bool>, kwargs: Kwargs) -> Result<String, Error> {
    let width = param(width, &kwargs, "width")?;
    let first = param(first, &kwargs, "first")?.unwrap_or(false);
    let blank = param(blank, &kwargs, "blank")?.unwrap_or(false);
    let indention = match width {
        Some(w) if w.as_str().is_some() => w.as_str().unwrap_or_default().to_owned(),
        Some(w) => " ".repeat(usize::try_from(w).map_err(|_| Error::new(ErrorKind::InvalidOperation, "width must be a number or text"))?),
        None => "    ".to_owned(),
    };
    let text = value + "\n";
    let lines = python::splitlines(&text, false);
    let mut out = String::new();
    if blank {
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
    Ok(if first { indention + &out } else { out })
}

/// Python's `str.center(width)`: the odd space goes left when `width` is odd.
fn center(value: Value, width: Option<usize>, kwargs: Kwargs) -> Result<String, Error> {
    let width = param(width, &kwargs, "width")?.unwrap_or(80);
    let text = python::str(&value);
    let margin = width.saturating_sub(text.chars().count());
    let left = margin / 2 + (margin & width & 1);
    Ok(format!("{}{text}{}", " ".repeat(left), " ".repeat(margin - left)))
}

fn filesizeformat(value: Value, binary: Option<bool>, kwargs: Kwargs) -> Result<String, Error> {
    let binary = param(binary, &kwargs, "binary")?.unwrap_or(false);
    let bytes = match value.as_str() {
        Some(text) => python::parse_float(text),
        None => f64::try_from(value.clone()).ok(),
    }
    .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("could not convert {} to a number", python::repr(&value))))?;
    let base: f64 = if binary { 1024.0 } else { 1000.0 };
    let prefixes = if binary { ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] } else { ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"] };
    if bytes == 1.0 {
        return Ok("1 Byte".to_owned());
    }
    if bytes < base {
        return Ok(format!("{} Bytes", bytes.trunc() as i128));
    }
    let mut unit = base;
    for prefix in prefixes {
        unit *= base;
        if bytes < unit || prefix.starts_with('Y') {
            return Ok(format!("{:.1} {prefix}", base * bytes / unit));
        }
    }
    unreachable!("the loop returns at its last prefix")
}

/// `len(re.findall(r"\w+", s))`.
fn wordcount(value: Value) -> usize {
    let text = python::str(&value);
    let word = |c: char| c.is_alphanumeric() || c == '_';
    text.split(|c: char| !word(c)).filter(|w| !w.is_empty()).count()
}

/// markupsafe's `striptags`: comments, then tags, taken out; whitespace
/// collapsed; entities decoded.
fn striptags(value: Value) -> Result<String, Error> {
    let mut text = python::str(&value);
    for (open, close) in [("<!--", "-->"), ("<", ">")] {
        while let Some(start) = text.find(open) {
            let Some(end) = text[start..].find(close) else { break };
            text.replace_range(start..start + end + close.len(), "");
        }
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::html::unescape(&collapsed).map_err(|entity| {
        Error::new(ErrorKind::InvalidOperation, format!("striptags: the preview does not know the entity &{entity}; (Jinja2 decodes every HTML5 entity)"))
    })
}

/// `xmlattr(autospace=true)`: ` key="value"` for each pair whose value is
/// neither none nor missing, both escaped.
fn xmlattr(value: Value, autospace: Option<bool>, kwargs: Kwargs) -> Result<String, Error> {
    let autospace = param(autospace, &kwargs, "autospace")?.unwrap_or(true);
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
        items.push(format!("{}=\"{}\"", forceescape(key), forceescape(item)));
    }
    let joined = items.join(" ");
    Ok(if autospace && !joined.is_empty() { format!(" {joined}") } else { joined })
}
