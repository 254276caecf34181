//! Rendering: the one place a minijinja environment is configured, so the
//! preview, the checks and the CLI all render the same way, and so the way
//! matches Python Jinja2's defaults (see COMPATIBILITY.md).

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::ops::Range;

use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value};

use crate::html;
use crate::lang::Lang;
use crate::template::scan;
use crate::text::Span;

/// Instruction budget for one render. A long notification with loops over a
/// few thousand items needs well under a tenth of it; a runaway loop exhausts
/// it in about 30 ms natively (`make bench`), inside the 100 ms the page allows.
pub const FUEL: u64 = 1_000_000;
/// Nesting depth of includes, macros and blocks. Low enough that the 1 MiB
/// wasm stack never overflows, high enough for any real template.
pub const RECURSION_LIMIT: usize = 100;
/// Largest output one render may produce (notifications are a few KB).
pub const MAX_OUTPUT_BYTES: usize = 1 << 20;

/// The error of a filter refusing to build text longer than a render may
/// print (it is a [`Limit::OutputSize`]), before it takes the memory.
pub(crate) fn output_too_long() -> minijinja::Error {
    minijinja::Error::new(ErrorKind::InvalidOperation, format!("output exceeds {MAX_OUTPUT_BYTES} bytes"))
}

/// Builds the environment every render uses, with the library's partials
/// available to `{% include %}` and our custom filters registered.
pub fn environment(partials: &BTreeMap<String, String>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_debug(true);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    // Jinja2's defaults: missing values render as empty text, nothing is escaped.
    env.set_undefined_behavior(UndefinedBehavior::Lenient);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    for (name, source) in partials {
        // A partial that does not parse fails the render that includes it,
        // with its own error; it must not stop the others from loading.
        if scan::elif_beyond(source, RECURSION_LIMIT).is_none() {
            let _ = env.add_template_owned(name.clone(), source.clone());
        }
    }
    // Jinja2 runs Python methods on values; core minijinja does not.
    env.set_unknown_method_callback(crate::template::methods::call);
    crate::template::builtins::register(&mut env);
    crate::template::filters::register(&mut env);
    env.set_formatter(write_value);
    env
}

/// Prints a value as Jinja2 does: floats as Python's `repr` (`2.5e+100`,
/// `1e-05`), the rest as minijinja prints them.
fn write_value(out: &mut minijinja::Output<'_>, state: &mut minijinja::State<'_, '_>, value: &Value) -> Result<(), minijinja::Error> {
    match crate::template::python::as_float(value) {
        Some(x) => out.write_str(&crate::template::python::float_repr(x)).map_err(|_| minijinja::Error::from(ErrorKind::WriteFailure)),
        None => minijinja::escape_formatter(out, state, value),
    }
}

/// Renders `source` with `data` as its context (no partials).
pub fn render(source: &str, data: &Value) -> Result<String, RenderError> {
    render_in(&environment(&BTreeMap::new()), source, data)
}

/// Renders `source` in `env`.
pub fn render_in(env: &Environment<'_>, source: &str, data: &Value) -> Result<String, RenderError> {
    run(&compile(env, source)?, data)
}

/// Compiles `source` once, to render it for many profiles.
pub fn compile<'env, 'source>(
    env: &'env Environment<'env>,
    source: &'source str,
) -> Result<minijinja::Template<'env, 'source>, RenderError> {
    if let Some(range) = scan::elif_beyond(source, RECURSION_LIMIT) {
        return Err(RenderError {
            kind: RenderErrorKind::Limit(Limit::Recursion),
            detail: format!("more than {RECURSION_LIMIT} elif branches in one if"),
            span: Some(Span::of(source, range)),
            advice: Some((String::new(), format!("more than {RECURSION_LIMIT} elif branches in one if"))),
        });
    }
    env.template_from_str(source).map_err(|err| RenderError::from_minijinja(source, &err))
}

/// Renders a compiled template within the output limit.
pub fn run(template: &minijinja::Template<'_, '_>, data: &Value) -> Result<String, RenderError> {
    let mut out = CappedOutput { bytes: Vec::new(), overflowed: false };
    let rendered = template.render_captured_to(data.clone(), &mut out).map(drop);
    match rendered {
        // minijinja writes whole `str`s, so the bytes are always UTF-8.
        Ok(()) => Ok(String::from_utf8_lossy(&out.bytes).into_owned()),
        Err(_) if out.overflowed => Err(RenderError {
            kind: RenderErrorKind::Limit(Limit::OutputSize),
            detail: format!("output exceeds {MAX_OUTPUT_BYTES} bytes"),
            span: None,
            advice: None,
        }),
        Err(err) => Err(RenderError::from_minijinja(template.source(), &err)),
    }
}

// Private-use characters that bracket every placeholder whose value is empty
// when rendering for checks; `render_marked` takes them out again.
const EMPTY_OPEN: char = '\u{E000}';
const EMPTY_CLOSE: char = '\u{E001}';

/// Output of a render for checks: the text exactly as `render` produces it,
/// and where placeholders printed nothing useful (empty, `None`, `null`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub empty_values: Vec<Range<usize>>,
    /// [`html::visible_text`] of `text`, made when a rule first asks: several
    /// rules read it for every recipient of a merge.
    visible: OnceCell<String>,
}

impl Rendered {
    /// The text a reader sees: `text` without HTML tags, comments, styles and scripts.
    pub fn visible(&self) -> &str {
        self.visible.get_or_init(|| html::visible_text(&self.text))
    }
}

/// Builds the checking environment: the rendering one, plus the marking of
/// empty placeholder values.
pub fn marking_environment(partials: &BTreeMap<String, String>) -> Environment<'static> {
    let mut env = environment(partials);
    env.set_formatter(|out, state, value| {
        let empty = is_empty_value(value);
        let mark = |out: &mut minijinja::Output<'_>, c: char| {
            out.write_char(c).map_err(|_| minijinja::Error::from(ErrorKind::WriteFailure))
        };
        if empty {
            mark(out, EMPTY_OPEN)?;
        }
        write_value(out, state, value)?;
        if empty {
            mark(out, EMPTY_CLOSE)?;
        }
        Ok(())
    });
    env
}

fn is_empty_value(value: &Value) -> bool {
    value.is_undefined()
        || value.is_none()
        || value.as_str().is_some_and(|s| matches!(s.trim(), "" | "None" | "none" | "null" | "NULL" | "undefined" | "nil"))
}

/// Renders a template compiled in a [`marking_environment`] and takes the
/// marks out.
pub fn render_marked(template: &minijinja::Template<'_, '_>, data: &Value) -> Result<Rendered, RenderError> {
    let marked = run(template, data)?;
    let mut text = String::with_capacity(marked.len());
    let mut empty_values = Vec::new();
    let mut open = None;
    let mut copied = 0;
    // Whole runs between marks are copied at once: a mail merge strips the
    // marks of every recipient's message.
    for (at, mark) in marked.match_indices([EMPTY_OPEN, EMPTY_CLOSE]) {
        text.push_str(&marked[copied..at]);
        copied = at + mark.len();
        if mark.starts_with(EMPTY_OPEN) {
            open = Some(text.len());
        } else {
            empty_values.extend(open.take().map(|start| start..text.len()));
        }
    }
    text.push_str(&marked[copied..]);
    Ok(Rendered { text, empty_values, visible: OnceCell::new() })
}

/// A writer that refuses to grow past [`MAX_OUTPUT_BYTES`].
struct CappedOutput {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl io::Write for CappedOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.overflowed = true;
            return Err(io::Error::other("output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderError {
    pub kind: RenderErrorKind,
    /// minijinja's own description (English), for the technically minded.
    pub detail: String,
    /// Where in the template, when known.
    pub span: Option<Span>,
    /// What the error means and how to fix it, in Chinese and English, for
    /// the errors users commonly make; `None` shows `detail` instead.
    pub advice: Option<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenderErrorKind {
    /// The template does not parse.
    Syntax,
    /// The template parses but fails for this data.
    Render,
    /// Rendering stopped at a safety limit.
    Limit(Limit),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    Fuel,
    Recursion,
    OutputSize,
}

impl RenderError {
    fn from_minijinja(source: &str, err: &minijinja::Error) -> RenderError {
        let detail = err.detail().map_or_else(|| err.kind().to_string(), str::to_owned);
        let kind = match err.kind() {
            ErrorKind::SyntaxError | ErrorKind::BadEscape | ErrorKind::InvalidDelimiter => RenderErrorKind::Syntax,
            ErrorKind::OutOfFuel => RenderErrorKind::Limit(Limit::Fuel),
            ErrorKind::InvalidOperation if detail.contains("recursion limit") => {
                RenderErrorKind::Limit(Limit::Recursion)
            }
            // A filter refusing to build more than a render may print.
            ErrorKind::InvalidOperation if detail.starts_with("output exceeds") => RenderErrorKind::Limit(Limit::OutputSize),
            // minijinja refuses ranges over 100,000 items up front: a work limit.
            ErrorKind::InvalidOperation if detail.contains("range has too many elements") => {
                RenderErrorKind::Limit(Limit::Fuel)
            }
            _ => RenderErrorKind::Render,
        };
        let mut span = match (err.range(), err.line()) {
            (Some(range), _) => Some(Span::of(source, range)),
            (None, Some(line)) => Some(Span::at_line(source, line)),
            (None, None) => None,
        };
        let mut advice = advice_for(err.kind(), &detail);
        if kind == RenderErrorKind::Syntax && detail.starts_with("unexpected end of input") {
            // The text ended inside a block: point at the block left open.
            if let Some((range, word)) = scan::unclosed_block(source) {
                span = Some(Span::of(source, range));
                advice = Some((
                    format!("{{% {word} %}} 没有闭合：请在它的内容结束处加上 {{% end{word} %}}"),
                    format!("{{% {word} %}} is never closed: add {{% end{word} %}} where its content ends"),
                ));
            }
        }
        if kind == RenderErrorKind::Syntax && (advice.is_none() || detail.starts_with("unexpected end of input, expected")) {
            // A tag still being typed: say so, at the tag, not at the text after it.
            let at = err.range().map_or(source.len(), |r| r.start);
            if let Some(open) = scan::unfinished_tag(source, at) {
                let (zh, en) = if source[open.clone()].starts_with("{{") {
                    ("这个 {{ 还没有写完：占位符要以 }} 结尾，例如 {{ customer.name }}", "this {{ is not finished: a placeholder ends with }}, e.g. {{ customer.name }}")
                } else {
                    ("这个 {% 还没有写完：标签要以 %} 结尾，例如 {% if customer.vip %}", "this {% is not finished: a tag ends with %}, e.g. {% if customer.vip %}")
                };
                span = Some(Span::of(source, open));
                advice = Some((zh.to_owned(), en.to_owned()));
            }
        }
        // Every error speaks the user's language: minijinja's English detail
        // stays for the English screen only.
        let advice = advice.or_else(|| {
            // A limit's heading says it all; its detail is for the English screen.
            let zh = if matches!(kind, RenderErrorKind::Limit(_)) { String::new() } else { in_chinese(err.kind(), &detail) };
            Some((zh, detail.clone()))
        });
        RenderError { kind, detail, span, advice }
    }

    /// One line for the user: what went wrong, where, and minijinja's detail.
    pub fn message(&self, lang: Lang) -> String {
        let what = match self.kind {
            RenderErrorKind::Syntax => lang.pick("模板语法错误", "Template syntax error"),
            RenderErrorKind::Render => lang.pick("渲染失败", "Rendering failed"),
            RenderErrorKind::Limit(Limit::Fuel) => {
                lang.pick("渲染已停止：模板运算量超出安全上限（可能是死循环或超大循环）", "Rendering stopped: the template does too much work (a runaway or very large loop?)")
            }
            RenderErrorKind::Limit(Limit::Recursion) => {
                lang.pick("渲染已停止：嵌套或递归层数超出安全上限", "Rendering stopped: nesting or recursion is too deep")
            }
            RenderErrorKind::Limit(Limit::OutputSize) => {
                lang.pick("渲染已停止：输出超过 1 MB 安全上限", "Rendering stopped: the output exceeds the 1 MB safety limit")
            }
        };
        let detail = self.advice.as_ref().map_or(self.detail.as_str(), |(zh, en)| lang.pick(zh, en));
        match (&self.span, lang) {
            (Some(Span { line, column, .. }), Lang::Zh) if detail.is_empty() => format!("{what}（第 {line} 行第 {column} 列）"),
            (None, Lang::Zh) if detail.is_empty() => what.to_owned(),
            (Some(Span { line, column, .. }), Lang::Zh) => format!("{what}（第 {line} 行第 {column} 列）：{detail}"),
            (Some(Span { line, column, .. }), Lang::En) => format!("{what} (line {line}, column {column}): {detail}"),
            (None, Lang::Zh) => format!("{what}：{detail}"),
            (None, Lang::En) => format!("{what}: {detail}"),
        }
    }
}

/// minijinja's `detail` in Chinese words, for the errors [`advice_for`] has no
/// advice for: its syntax messages by their pattern, the rest by their kind.
fn in_chinese(kind: ErrorKind, detail: &str) -> String {
    let word = |w: &str| -> String {
        match w.trim() {
            "end of input" => "模板结尾".to_owned(),
            "end of variable block" => "}}".to_owned(),
            "end of block" => "%}".to_owned(),
            "end of comment" | "end of comment block" => "#}".to_owned(),
            "expression" => "表达式".to_owned(),
            "identifier" => "名称".to_owned(),
            "identifier or integer" => "名称或数字".to_owned(),
            "string" => "字符串".to_owned(),
            "character" => "模板不认识的字符".to_owned(),
            other => format!("“{}”", other.trim_matches('`')),
        }
    };
    match kind {
        ErrorKind::SyntaxError => match detail.strip_prefix("unexpected ") {
            Some(rest) => match rest.split_once(", expected ") {
                Some((found, wanted)) => format!("这里出现了{}，此处应为{}", word(found), word(wanted)),
                None if rest.starts_with("character") => "这里有模板不认识的字符：{{ }} 和 {% %} 里只能写字段名、数字、引号里的文字和运算符".to_owned(),
                None => format!("这里不应出现{}", word(rest)),
            },
            None => match detail.strip_prefix("unknown statement ") {
                Some(name) => format!("没有“{}”这种标签", name.trim_matches('`')),
                None => "模板写法有误：请对照 {{ 占位符 }} 和 {% 标签 %} 的写法检查这一处".to_owned(),
            },
        },
        ErrorKind::BadEscape => "字符串里的转义写法有误（例如 \\ 后面跟了不认识的字母）".to_owned(),
        ErrorKind::UndefinedError => "用到了没有值的变量或属性".to_owned(),
        ErrorKind::InvalidOperation => "这个值不支持这样的运算".to_owned(),
        ErrorKind::TooManyArguments => "传给过滤器或函数的参数太多".to_owned(),
        ErrorKind::MissingArgument => "过滤器或函数缺少参数".to_owned(),
        ErrorKind::UnknownFunction => "没有这个函数".to_owned(),
        ErrorKind::TemplateNotFound => "找不到引用的片段或模板".to_owned(),
        ErrorKind::CannotUnpack => "无法把这个值拆开赋给多个变量".to_owned(),
        ErrorKind::NonKey | ErrorKind::NonPrimitive => "这个值不能这样使用".to_owned(),
        _ => "渲染时出错".to_owned(),
    }
}

/// Plain words for the errors users commonly make; `None` for the rest,
/// which keep minijinja's own detail.
fn advice_for(kind: ErrorKind, detail: &str) -> Option<(String, String)> {
    let quoted = |s: &str| s.split('"').nth(1).map(str::to_owned);
    Some(match kind {
        ErrorKind::SyntaxError if detail.starts_with("unexpected end of input, expected end of variable block") => (
            "{{ 没有对应的 }}：占位符应写成 {{ customer.name }}".to_owned(),
            "{{ has no matching }}: write placeholders as {{ customer.name }}".to_owned(),
        ),
        ErrorKind::SyntaxError if detail.starts_with("unexpected `}`, expected end of variable block") => (
            "占位符的右花括号不成对：应写成 {{ … }}（两个右花括号）".to_owned(),
            "the placeholder's closing braces do not match: write {{ … }} (two closing braces)".to_owned(),
        ),
        ErrorKind::SyntaxError if detail.contains("expected end of block") => (
            "{% … %} 标签应以 %} 结尾".to_owned(),
            "a {% … %} tag must end with %}".to_owned(),
        ),
        ErrorKind::InvalidOperation if detail.contains("operator on unsupported types") => (
            "不能对这两种值做这种运算（例如把文字和数字相加）；连接文字请用 ~，例如 {{ amount ~ \"元\" }}".to_owned(),
            "this operation does not work on these two kinds of value (such as adding text and a number); join text with ~, e.g. {{ amount ~ \" USD\" }}".to_owned(),
        ),
        ErrorKind::UnknownFilter => {
            let name = detail.strip_prefix("filter ").and_then(|d| d.strip_suffix(" is unknown")).unwrap_or("?");
            (
                format!("没有过滤器 {name}；可用的有 upper、lower、default、join、truncate、mask_phone 等"),
                format!("there is no filter {name}; available ones include upper, lower, default, join, truncate, mask_phone"),
            )
        }
        ErrorKind::UnknownTest => {
            let name = detail.strip_prefix("test ").and_then(|d| d.strip_suffix(" is unknown")).unwrap_or("?");
            (
                format!("没有测试 is {name}；可用的有 defined、none、number、string、sequence、mapping 等"),
                format!("there is no test “is {name}”; available ones include defined, none, number, string, sequence, mapping"),
            )
        }
        ErrorKind::UnknownMethod => (
            "没有这个方法；可用的有 upper()、strip()、split()、replace()、items()、get() 等".to_owned(),
            "there is no such method; available ones include upper(), strip(), split(), replace(), items(), get()".to_owned(),
        ),
        ErrorKind::InvalidOperation if detail.starts_with("unknown mask format") => {
            let name = quoted(detail).unwrap_or_default();
            (
                format!("未知的脱敏格式“{name}”，可用 phone、id-number、bank-card、email、name"),
                format!("unknown mask format “{name}”; use phone, id-number, bank-card, email or name"),
            )
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::sample;

    fn render_with(source: &str, json: &str) -> Result<String, RenderError> {
        render(source, &sample::parse(json).unwrap())
    }

    #[test]
    fn renders_nested_fields() {
        let out = render_with("尊敬的{{ customer.name }}{{ customer.honorific }}：", r#"{"customer":{"name":"王","honorific":"女士"}}"#);
        assert_eq!(out.unwrap(), "尊敬的王女士：");
    }

    #[test]
    fn missing_values_render_empty_like_jinja2() {
        assert_eq!(render_with("[{{ customer.nmae }}]", r#"{"customer":{}}"#).unwrap(), "[]");
    }

    #[test]
    fn nothing_is_html_escaped_like_jinja2() {
        assert_eq!(render_with("{{ x }}", r#"{"x":"<b>&</b>"}"#).unwrap(), "<b>&</b>");
    }

    #[test]
    fn marked_render_gives_the_plain_text_and_where_values_were_empty() {
        let env = marking_environment(&BTreeMap::new());
        let template = env.template_from_str("尊敬的{{ a }}{{ b }}，{{ c }}先生{{ d }}").unwrap();
        let data = sample::parse(r#"{"a":"","b":"张","c":null}"#).unwrap();
        let marked = render_marked(&template, &data).unwrap();
        assert_eq!(marked.text, "尊敬的张，None先生");
        let (a, c) = ("尊敬的".len(), "尊敬的张，".len());
        assert_eq!(marked.empty_values, vec![a..a, c..c + "None".len(), marked.text.len()..marked.text.len()]);
    }

    #[test]
    fn syntax_error_has_line_and_character_column() {
        let err = render_with("第一行\n您好，{{ customer.name }\n", "{}").unwrap_err();
        assert_eq!(err.kind, RenderErrorKind::Syntax);
        let span = err.span.clone().unwrap();
        assert_eq!(span.line, 2);
        assert_eq!(span.column, 21, "points at the lone `}}`: {err:?}");
        assert!(err.message(Lang::Zh).starts_with("模板语法错误（第 2 行第 21 列）："), "{}", err.message(Lang::Zh));
        assert!(err.message(Lang::En).starts_with("Template syntax error (line 2, column 21): "));
    }

    #[test]
    fn an_unclosed_block_is_pointed_at_where_it_opens() {
        let err = render_with("您好\n{% if x %}yes\n{% for i in l %}{% endfor %}\n再见", "{}").unwrap_err();
        assert_eq!(err.kind, RenderErrorKind::Syntax);
        let span = err.span.clone().unwrap();
        assert_eq!((span.line, span.column), (2, 1));
        assert_eq!(err.message(Lang::Zh), "模板语法错误（第 2 行第 1 列）：{% if %} 没有闭合：请在它的内容结束处加上 {% endif %}");
        assert!(err.message(Lang::En).ends_with("{% if %} is never closed: add {% endif %} where its content ends"));
    }

    #[test]
    fn common_mistakes_are_explained_in_both_languages() {
        let err = render_with("{{ a + '元' }}", r#"{"a": 5}"#).unwrap_err();
        assert!(err.message(Lang::Zh).contains("连接文字请用 ~"), "{}", err.message(Lang::Zh));
        let err = render_with("{{ a | shout }}", "{}").unwrap_err();
        assert!(err.message(Lang::Zh).contains("没有过滤器 shout"), "{}", err.message(Lang::Zh));
        let err = render_with("{{ a is loud }}", "{}").unwrap_err();
        assert!(err.message(Lang::En).contains("there is no test “is loud”"), "{}", err.message(Lang::En));
        let err = render_with("{{ a }", "{}").unwrap_err();
        assert!(err.message(Lang::En).contains("two closing braces"), "{}", err.message(Lang::En));
        let err = render_with("{{ x | mask('mobile') }}", r#"{"x": "1"}"#).unwrap_err();
        assert!(err.message(Lang::Zh).contains("未知的脱敏格式“mobile”"), "{}", err.message(Lang::Zh));
    }

    #[test]
    fn bad_operation_is_a_render_error_at_its_expression() {
        let source = "金额：{{ amount + \"元\" }}";
        let err = render_with(source, r#"{"amount": 5}"#).unwrap_err();
        assert_eq!(err.kind, RenderErrorKind::Render);
        let span = err.span.unwrap();
        assert_eq!(&source[span.range.clone()], "amount + \"元\"");
        assert_eq!((span.line, span.column), (1, 7));
    }

    #[test]
    fn runaway_loop_stops_at_the_fuel_limit() {
        let source = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}";
        let err = render_with(source, "{}").unwrap_err();
        assert_eq!(err.kind, RenderErrorKind::Limit(Limit::Fuel), "{err:?}");
        assert!(err.message(Lang::En).starts_with("Rendering stopped"));
    }

    #[test]
    fn a_real_list_of_thousands_of_items_renders_within_the_budget() {
        let source = "{% for order in range(5000) %}{{ loop.index }}. 订单 {{ order }}{% if not loop.last %}，{% endif %}{% endfor %}";
        assert!(render_with(source, "{}").unwrap().ends_with("5000. 订单 4999"));
    }

    #[test]
    fn huge_range_is_a_work_limit() {
        let err = render_with("{% for i in range(1000000000) %}x{% endfor %}", "{}").unwrap_err();
        assert_eq!(err.kind, RenderErrorKind::Limit(Limit::Fuel), "{err:?}");
    }

    #[test]
    fn runaway_recursion_stops_at_the_recursion_limit() {
        let source = "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}";
        let err = render_with(source, "{}").unwrap_err();
        assert_eq!(err.kind, RenderErrorKind::Limit(Limit::Recursion), "{err:?}");
    }

    #[test]
    fn a_thousand_elifs_stop_at_the_recursion_limit_not_the_stack() {
        let chain = |elifs: usize| {
            let branches: String = (1..=elifs).map(|i| format!("{{% elif a == {i} %}}{i}")).collect();
            format!("{{% if a == 0 %}}0{branches}{{% endif %}}")
        };
        let err = render_with(&chain(999), r#"{"a": 3}"#).unwrap_err();
        assert_eq!(err.kind, RenderErrorKind::Limit(Limit::Recursion), "{err:?}");
        assert_eq!(render_with(&chain(RECURSION_LIMIT), r#"{"a": 3}"#).unwrap(), "3");
    }

    #[test]
    fn output_explosion_stops_at_the_size_limit() {
        let err = render_with("{{ 'x' * 2000000 }}", "{}").unwrap_err();
        assert_eq!(err.kind, RenderErrorKind::Limit(Limit::OutputSize), "{err:?}");
    }

    #[test]
    fn output_just_under_the_limit_renders() {
        let out = render_with("{{ 'x' * 1048576 }}", "{}").unwrap();
        assert_eq!(out.len(), MAX_OUTPUT_BYTES);
    }

    #[test]
    fn a_placeholder_typed_key_by_key_is_called_unfinished_in_the_users_language() {
        let env = environment(&Default::default());
        let full = "您好，{{ customer.vip_level }}。详询 400-800-1234";
        let tail = "。详询 400-800-1234";
        let start = full.find("{{").unwrap();
        let end = full.find(tail).unwrap();
        // Typed at the end of the text, and in the middle of a message.
        for typed in (start + 1..end).filter(|&i| full.is_char_boundary(i)).flat_map(|i| [full[..i].to_owned(), format!("{}{tail}", &full[..i])]) {
            let Err(err) = compile(&env, &typed) else { continue };
            let zh = err.message(Lang::Zh);
            assert!(!zh.contains("unexpected") && !zh.contains("expected"), "{typed}: {zh}");
            if !typed.contains('}') {
                assert!(zh.contains("这个 {{ 还没有写完"), "{typed}: {zh}");
                assert_eq!(err.span.as_ref().map(|s| s.range.clone()), Some(start..start + 2), "{typed}");
            } else {
                assert!(zh.contains("右花括号"), "{typed}: {zh}");
            }
        }
        // Other syntax errors get Chinese words too, and keep minijinja's for English.
        let err = compile(&env, "{{ 客户 }}").unwrap_err();
        assert!(err.message(Lang::Zh).contains("模板不认识的字符"), "{}", err.message(Lang::Zh));
        assert!(err.message(Lang::En).contains("unexpected character"), "{}", err.message(Lang::En));
    }
}
