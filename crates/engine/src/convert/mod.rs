//! Converting a template for the systems that send it: e-mail services that
//! render Liquid ([`liquid`]) or Handlebars ([`handlebars`]), and the template
//! APIs of Chinese SMS platforms ([`sms`]).
//!
//! A conversion is faithful or refused. The template is parsed by minijinja's
//! own parser (the `unstable_machinery` feature, pinned by Cargo.lock), so the
//! text between tags is exactly what the renderer prints (whitespace control
//! and the dropped final newline already applied). [`lower`] turns it into a
//! small tree of what both Liquid and Handlebars can express, refusing every
//! construct whose meaning would change and every value whose type the field
//! schema and the sample data do not pin down (a number may print `2.0` in
//! Jinja and `2` in Liquid; an empty string is true in Liquid). Each target
//! then writes the tree or refuses what its own syntax lacks.

pub mod handlebars;
pub mod liquid;
pub mod sms;
mod types;

use std::collections::BTreeMap;

use minijinja::machinery::{self, ast};
use minijinja::syntax::SyntaxConfig;

use crate::check::Message;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};

use crate::library::model::{Channel, FieldSchema, Purpose, Shared, Template};
use crate::template::render;
use crate::text::Span;
use types::{DataStep, Kind, Types};

/// Where an export goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    Liquid,
    Handlebars,
    AliyunSms,
    TencentSms,
    HuaweiSms,
}

impl Target {
    pub const ALL: [Target; 5] = [Target::Liquid, Target::Handlebars, Target::AliyunSms, Target::TencentSms, Target::HuaweiSms];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Liquid => "liquid",
            Target::Handlebars => "handlebars",
            Target::AliyunSms => "aliyun-sms",
            Target::TencentSms => "tencent-sms",
            Target::HuaweiSms => "huawei-sms",
        }
    }

    pub fn parse(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The SMS platform it is the template API of.
    pub fn platform(self) -> Option<sms::Platform> {
        match self {
            Target::Liquid | Target::Handlebars => None,
            Target::AliyunSms => Some(sms::Platform::Aliyun),
            Target::TencentSms => Some(sms::Platform::Tencent),
            Target::HuaweiSms => Some(sms::Platform::Huawei),
        }
    }

    /// The name a user knows it by.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, self.platform()) {
            (_, Some(platform)) => platform.label(lang),
            (Target::Liquid, _) => "Liquid (Braze, Customer.io, Knock, Novu)",
            _ => "Handlebars (SendGrid, Mailgun)",
        }
    }
}

/// What a conversion reads: the template, the partials it may include, and
/// what tells the types of its values.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    pub body: &'a str,
    pub partials: &'a BTreeMap<String, String>,
    pub schema: &'a FieldSchema,
    /// The sample profiles' data, parsed.
    pub profiles: &'a [serde_json::Map<String, serde_json::Value>],
}

/// The template converted for `target`: the Liquid or Handlebars source, or
/// the SMS platform's request body as indented JSON. SMS requests carry the
/// first profile's render as the reviewer's example; `name` and `purpose` are
/// the SMS template's.
pub fn export(input: &Input<'_>, target: Target, name: &str, purpose: Purpose) -> Result<String, Refusal> {
    let Some(platform) = target.platform() else {
        return if target == Target::Liquid { liquid::convert(input) } else { handlebars::convert(input) };
    };
    let example = match input.profiles.first() {
        Some(profile) => {
            let env = render::environment(input.partials);
            let data = crate::template::sample::record_value(profile);
            // The message names the line and column itself.
            Some(render::render_in(&env, input.body, &data).map_err(|err| Refusal { message: Message::both(|lang| err.message(lang)), partial: None, span: None })?)
        }
        None => None,
    };
    let options = sms::Options { name, purpose, example: example.as_deref() };
    let request = sms::convert(input, platform, &options)?;
    Ok(serde_json::to_string_pretty(&request).unwrap_or_default() + "\n")
}

/// A template converted: its body and, for an e-mail going to Liquid or
/// Handlebars, its subject (a template too), each converted or refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Converted {
    pub subject: Option<Result<String, Refusal>>,
    pub body: Result<String, Refusal>,
}

/// `template` converted for `target` (see [`export`]), with the library's
/// partials and schema, and its sample profiles as the page shows them.
pub fn export_template(template: &Template, shared: &Shared, target: Target) -> Converted {
    // A profile whose JSON does not parse proves nothing; its own check says so.
    let profiles: Vec<_> = shared.profiles_for(template).filter_map(|p| crate::template::sample::record(&p.data).ok()).collect();
    let input = |text| Input { body: text, partials: &shared.partials, schema: &shared.schema, profiles: &profiles };
    let has_subject = template.channel == Channel::Email && target.platform().is_none() && !template.subject.trim().is_empty();
    Converted {
        subject: has_subject.then(|| export(&input(&template.subject), target, &template.name, template.purpose)),
        body: export(&input(&template.body), target, &template.name, template.purpose),
    }
}

/// Why a template cannot be converted faithfully, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub message: Message,
    /// The partial the construct is in; `None` for the template itself.
    pub partial: Option<String>,
    pub span: Option<Span>,
}

impl Refusal {
    /// The refusal as one line: where, then why.
    pub fn text(&self, lang: Lang) -> String {
        let place = match (&self.partial, &self.span, lang) {
            (Some(name), Some(span), Lang::Zh) => format!("片段“{name}”第 {} 行第 {} 列：", span.line, span.column),
            (Some(name), Some(span), Lang::En) => format!("partial “{name}” line {}, column {}: ", span.line, span.column),
            (None, Some(span), Lang::Zh) => format!("第 {} 行第 {} 列：", span.line, span.column),
            (None, Some(span), Lang::En) => format!("line {}, column {}: ", span.line, span.column),
            (_, None, _) => String::new(),
        };
        format!("{place}{}", self.message.get(lang))
    }
}

/// Where a construct is: which source, and the span in it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At<'a> {
    partial: Option<&'a str>,
    source: &'a str,
    span: machinery::Span,
}

impl At<'_> {
    pub(crate) fn refuse(&self, message: Message) -> Refusal {
        let range = self.span.start_offset as usize..self.span.end_offset as usize;
        Refusal { message, partial: self.partial.map(str::to_owned), span: Some(Span::of(self.source, range)) }
    }

    /// The construct's own text, as written.
    pub(crate) fn text(&self) -> &str {
        self.source.get(self.span.start_offset as usize..self.span.end_offset as usize).unwrap_or("")
    }
}

/// A refusal naming the construct, with the reason in both languages.
pub(crate) fn cannot(at: &At<'_>, construct: &str, target: &str, why_zh: &str, why_en: &str) -> Refusal {
    at.refuse(Message::new(
        format!("{construct} 无法原样转换为 {target}：{why_zh}"),
        format!("{construct} cannot be converted to {target} as it is: {why_en}"),
    ))
}

/// A template parsed with minijinja's parser, exactly as it renders.
pub(crate) fn parse<'s>(source: &'s str, partial: Option<&'s str>) -> Result<ast::Stmt<'s>, Refusal> {
    // As the renderer does: a long elif chain would overflow the worker's stack.
    if let Some(range) = crate::template::scan::elif_beyond(source, render::RECURSION_LIMIT) {
        return Err(Refusal {
            message: Message::new(
                format!("一个 if 中有超过 {} 个 elif", render::RECURSION_LIMIT),
                format!("more than {} elif branches in one if", render::RECURSION_LIMIT),
            ),
            partial: partial.map(str::to_owned),
            span: Some(Span::of(source, range)),
        });
    }
    machinery::parse(source, partial.unwrap_or("<template>"), SyntaxConfig::default()).map_err(|err| {
        let span = err.range().map(|range| Span::of(source, range));
        let detail = err.detail().unwrap_or("").to_owned();
        Refusal {
            message: Message::new(format!("模板有语法错误：{detail}"), format!("the template has a syntax error: {detail}")),
            partial: partial.map(str::to_owned),
            span,
        }
    })
}

/// The partial `{% include %}` names, parsed; `Ok(None)` when it is missing
/// and the tag says `ignore missing` (Jinja then prints nothing).
pub(crate) fn included<'p>(
    include: &ast::Include<'_>,
    at: &At<'_>,
    partials: &'p BTreeMap<String, String>,
) -> Result<Option<(&'p str, ast::Stmt<'p>)>, Refusal> {
    let name = match &include.name {
        ast::Expr::Const(c) => c.value.as_str().map(str::to_owned),
        _ => None,
    };
    let Some(name) = name else {
        return Err(at.refuse(Message::new(
            "{% include %} 的片段名不是固定的文字，无法内联",
            "{% include %} names its partial with an expression, so it cannot be inlined",
        )));
    };
    match partials.get_key_value(&name) {
        Some((key, source)) => Ok(Some((key.as_str(), parse(source, Some(key))?))),
        None if include.ignore_missing => Ok(None),
        None => Err(at.refuse(Message::new(format!("找不到片段“{name}”"), format!("the partial “{name}” is not found")))),
    }
}

/// What Liquid and Handlebars can both express, with the types proven.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node<'a> {
    Text(String),
    Print(Print<'a>),
    If(If<'a>),
    For(For<'a>),
}

/// A value printed, after its filters.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Print<'a> {
    pub path: Path,
    pub filters: Vec<Filter>,
    pub at: At<'a>,
}

impl PartialEq for At<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.partial == other.partial && self.span.start_offset == other.span.start_offset
    }
}

/// A Jinja filter every Liquid has a twin of, with constant arguments.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Filter {
    pub name: &'static str,
    pub args: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct If<'a> {
    pub cond: Cond,
    pub then: Vec<Node<'a>>,
    pub otherwise: Vec<Node<'a>>,
    pub at: At<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct For<'a> {
    pub item: String,
    pub list: Path,
    pub body: Vec<Node<'a>>,
    pub otherwise: Vec<Node<'a>>,
    pub at: At<'a>,
}

/// A condition whose truth is the same in the target as in Jinja.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cond {
    /// Jinja's truth of a value of a known kind (`negated`: `not value`).
    Truthy { path: Path, kind: Kind, negated: bool },
    /// `value == "text"`, `count > 3`.
    Compare { path: Path, op: CompareOp, value: Literal },
    All(Vec<Cond>),
    Any(Vec<Cond>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CompareOp {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}

impl CompareOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Lte => "<=",
            CompareOp::Gt => ">",
            CompareOp::Gte => ">=",
        }
    }

    fn negated(self) -> CompareOp {
        match self {
            CompareOp::Eq => CompareOp::Ne,
            CompareOp::Ne => CompareOp::Eq,
            CompareOp::Lt => CompareOp::Gte,
            CompareOp::Lte => CompareOp::Gt,
            CompareOp::Gt => CompareOp::Lte,
            CompareOp::Gte => CompareOp::Lt,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Literal {
    Text(String),
    Int(i64),
}

/// A value reached from the data, a loop's item or a loop's `loop`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Path {
    pub root: Root,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Root {
    Data(String),
    /// The item of the loop at this depth (1 = outermost), by its Jinja name.
    Item { depth: usize, name: String },
    /// `loop` of the loop at this depth.
    Loop { depth: usize },
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Step {
    Name(String),
    Index(i64),
}

/// `loop.…` attributes with a twin in Liquid's `forloop`.
const LOOP_ATTRIBUTES: [&str; 7] = ["index", "index0", "first", "last", "length", "revindex", "revindex0"];

/// Lowers a template (its includes inlined) into what Liquid and Handlebars
/// can express, or refuses the first construct that cannot be.
pub(crate) fn lower<'a>(input: &Input<'a>, target: &str) -> Result<Vec<Node<'a>>, Refusal> {
    let root = parse(input.body, None)?;
    let mut lowering = Lowering { input: *input, target: target.to_owned(), types: Types::new(input.schema, input.profiles), loops: Vec::new(), proven: Vec::new() };
    let mut out = Vec::new();
    lowering.stmt(&root, input.body, None, &mut out)?;
    Ok(out)
}

struct Lowering<'a> {
    input: Input<'a>,
    target: String,
    types: Types<'a>,
    /// The loops around the node being lowered: each item's name and where its values are in the data.
    loops: Vec<(String, Vec<DataStep>)>,
    /// Paths the `{% if %}`s around the node being lowered have proven true, so not null.
    proven: Vec<Path>,
}

impl<'a> Lowering<'a> {
    fn cannot(&self, at: &At<'_>, construct: &str, why_zh: &str, why_en: &str) -> Refusal {
        cannot(at, construct, &self.target, why_zh, why_en)
    }

    fn stmt(&mut self, stmt: &ast::Stmt<'a>, source: &'a str, partial: Option<&'a str>, out: &mut Vec<Node<'a>>) -> Result<(), Refusal> {
        let at = |span| At { partial, source, span };
        match stmt {
            ast::Stmt::Template(t) => self.stmts(&t.children, source, partial, out),
            ast::Stmt::EmitRaw(raw) => {
                push_text(out, raw.raw);
                Ok(())
            }
            ast::Stmt::EmitExpr(emit) => self.output(&emit.expr, &at(emit.span()), out),
            ast::Stmt::IfCond(cond) => {
                // Refusals point at the condition, not the whole block.
                let at = at(cond.expr.span());
                let test = self.cond(&cond.expr, &at)?;
                let mut then = Vec::new();
                self.guarded(&test, |this| this.stmts(&cond.true_body, source, partial, &mut then))?;
                let mut otherwise = Vec::new();
                self.stmts(&cond.false_body, source, partial, &mut otherwise)?;
                out.push(Node::If(If { cond: test, then, otherwise, at }));
                Ok(())
            }
            ast::Stmt::ForLoop(each) => self.for_loop(each, &at(each.span()), source, partial, out),
            ast::Stmt::Include(include) => {
                let at = at(include.span());
                let partials = self.input.partials;
                match included(include, &at, partials)? {
                    Some((name, parsed)) => {
                        let source = partials.get(name).map(String::as_str).unwrap_or("");
                        // The parsed tree borrows the partial's text, which lives as long as the input.
                        let parsed: ast::Stmt<'a> = parsed;
                        self.stmt(&parsed, source, Some(name), out)
                    }
                    None => Ok(()),
                }
            }
            other => {
                let (span, construct) = statement_name(other);
                Err(self.cannot(&at(span), construct, "目标语言没有与之等价的写法", "the target has nothing that means the same"))
            }
        }
    }

    /// Runs `lower` with the paths `cond` proves true (and so not null) known.
    fn guarded<T>(&mut self, cond: &Cond, lower: impl FnOnce(&mut Self) -> T) -> T {
        let before = self.proven.len();
        let parts = match cond {
            Cond::All(parts) => parts.as_slice(),
            one => std::slice::from_ref(one),
        };
        for part in parts {
            if let Cond::Truthy { path, negated: false, .. } = part {
                self.proven.push(path.clone());
            }
        }
        let result = lower(self);
        self.proven.truncate(before);
        result
    }

    fn stmts(&mut self, stmts: &[ast::Stmt<'a>], source: &'a str, partial: Option<&'a str>, out: &mut Vec<Node<'a>>) -> Result<(), Refusal> {
        stmts.iter().try_for_each(|stmt| self.stmt(stmt, source, partial, out))
    }

    fn for_loop(&mut self, each: &ast::ForLoop<'a>, at: &At<'a>, source: &'a str, partial: Option<&'a str>, out: &mut Vec<Node<'a>>) -> Result<(), Refusal> {
        let ast::Expr::Var(item) = &each.target else {
            return Err(self.cannot(at, "{% for a, b in … %}", "只能逐项循环一个列表", "only a loop over the items of one list converts"));
        };
        if each.filter_expr.is_some() || each.recursive {
            return Err(self.cannot(at, "{% for … if … %} / recursive", "目标语言的循环没有过滤或递归", "the target's loops neither filter nor recurse"));
        }
        let list = self.path(&each.iter, at)?;
        let (kind, _) = self.kind(&list);
        if kind != Kind::List {
            return Err(self.kind_refusal(at, &each.iter, kind, "列表", "a list"));
        }
        let mut data = self.data_steps(&list);
        data.push(DataStep::Each);
        let mut otherwise = Vec::new();
        self.stmts(&each.else_body, source, partial, &mut otherwise)?;
        self.loops.push((item.id.to_owned(), data));
        let mut body = Vec::new();
        let lowered = self.stmts(&each.body, source, partial, &mut body);
        self.loops.pop();
        lowered?;
        out.push(Node::For(For { item: item.id.to_owned(), list, body, otherwise, at: *at }));
        Ok(())
    }

    /// `{{ … }}`: text for constants, a print for values, and the pieces of `~` and `a if c else b`.
    fn output(&mut self, expr: &ast::Expr<'a>, at: &At<'a>, out: &mut Vec<Node<'a>>) -> Result<(), Refusal> {
        let here = At { span: expr.span(), ..*at };
        match expr {
            ast::Expr::Const(c) => match constant(&c.value) {
                Some(Literal::Text(text)) => push_text(out, &text),
                Some(Literal::Int(n)) => push_text(out, &n.to_string()),
                None => return Err(self.cannot(&here, here.text(), "Jinja 打印 None、True 和小数的方式与目标语言不同", "Jinja prints None, True and decimals differently from the target")),
            },
            ast::Expr::BinOp(op) if matches!(op.op, ast::BinOpKind::Concat) => {
                self.output(&op.left, at, out)?;
                self.output(&op.right, at, out)?;
            }
            ast::Expr::IfExpr(choice) => {
                let cond = self.cond(&choice.test_expr, &here)?;
                let mut then = Vec::new();
                self.guarded(&cond, |this| this.output(&choice.true_expr, at, &mut then))?;
                let mut otherwise = Vec::new();
                if let Some(other) = &choice.false_expr {
                    self.output(other, at, &mut otherwise)?;
                }
                out.push(Node::If(If { cond, then, otherwise, at: here }));
            }
            _ => out.push(Node::Print(self.print(expr, &here)?)),
        }
        Ok(())
    }

    fn print(&mut self, expr: &ast::Expr<'a>, at: &At<'a>) -> Result<Print<'a>, Refusal> {
        let mut filters = Vec::new();
        let mut inner = expr;
        while let ast::Expr::Filter(f) = inner {
            filters.push(f);
            inner = f.expr.as_ref().ok_or_else(|| self.cannot(at, at.text(), "过滤器没有输入", "a filter without input"))?;
        }
        filters.reverse();
        let path = self.path(inner, at)?;
        let (mut kind, nullable) = self.kind(&path);
        let mut nullable = nullable && !self.proven.contains(&path);
        let mut list_items = {
            let mut data = self.data_steps(&path);
            data.push(DataStep::Each);
            self.types.kind(&data).0
        };
        let mut lowered = Vec::new();
        for f in filters {
            let here = At { span: f.span(), ..*at };
            let args = f.args.iter().map(|arg| match arg {
                ast::CallArg::Pos(ast::Expr::Const(c)) => c.value.as_str().map(str::to_owned),
                _ => None,
            }).collect::<Option<Vec<String>>>();
            let construct = format!("|{}", f.name);
            let (name, input, output) = match (f.name, args.as_deref()) {
                ("upper", Some([])) => ("upcase", Kind::String, Kind::String),
                ("lower", Some([])) => ("downcase", Kind::String, Kind::String),
                ("capitalize", Some([])) => ("capitalize", Kind::String, Kind::String),
                ("trim", Some([])) => ("strip", Kind::String, Kind::String),
                ("length" | "count", Some([])) => ("size", Kind::List, Kind::Number),
                ("join", Some([_])) if list_items == Kind::String => ("join", Kind::List, Kind::String),
                ("replace", Some([old, _])) if !old.is_empty() => ("replace", Kind::String, Kind::String),
                ("default" | "d", _) => {
                    return Err(self.cannot(&here, &construct, "Jinja 只替换未定义的值，Liquid 还替换空字符串、空列表和 false，Handlebars 没有它", "Jinja replaces only undefined values; Liquid also replaces empty text, empty lists and false; Handlebars has no default"))
                }
                _ => return Err(self.cannot(&here, &construct, "目标语言没有结果相同的过滤器（或参数不是固定文字）", "the target has no filter with the same result (or its arguments are not fixed text)")),
            };
            if kind != input || nullable {
                return Err(self.kind_refusal(&here, inner, kind, input.label_zh(), input.label_en()));
            }
            lowered.push(Filter { name, args: args.unwrap_or_default() });
            (kind, nullable, list_items) = (output, false, Kind::Unknown);
        }
        // Whole numbers print the same: loop counters and lengths are integers.
        let printable = kind == Kind::String || (kind == Kind::Number && (matches!(path.root, Root::Loop { .. }) || !lowered.is_empty()));
        if !printable || nullable {
            return Err(self.kind_refusal(at, inner, if nullable { Kind::Unknown } else { kind }, "文字", "text"));
        }
        Ok(Print { path, filters: lowered, at: *at })
    }

    fn cond(&mut self, expr: &ast::Expr<'a>, at: &At<'a>) -> Result<Cond, Refusal> {
        let here = At { span: expr.span(), ..*at };
        match expr {
            ast::Expr::UnaryOp(op) if matches!(op.op, ast::UnaryOpKind::Not) => match self.cond(&op.expr, at)? {
                Cond::Truthy { path, kind, negated } => Ok(Cond::Truthy { path, kind, negated: !negated }),
                Cond::Compare { path, op, value } => Ok(Cond::Compare { path, op: op.negated(), value }),
                _ => Err(self.cannot(&here, here.text(), "not 只能用于一个值或一个比较", "not converts only before one value or one comparison")),
            },
            ast::Expr::BinOp(op) if matches!(op.op, ast::BinOpKind::ScAnd | ast::BinOpKind::ScOr) => {
                let (left, right) = (self.cond(&op.left, at)?, self.cond(&op.right, at)?);
                let all = matches!(op.op, ast::BinOpKind::ScAnd);
                let mut parts = Vec::new();
                for part in [left, right] {
                    match part {
                        Cond::All(inner) if all => parts.extend(inner),
                        Cond::Any(inner) if !all => parts.extend(inner),
                        other => parts.push(other),
                    }
                }
                Ok(if all { Cond::All(parts) } else { Cond::Any(parts) })
            }
            ast::Expr::BinOp(op) => {
                let op_kind = match op.op {
                    ast::BinOpKind::Eq => CompareOp::Eq,
                    ast::BinOpKind::Ne => CompareOp::Ne,
                    ast::BinOpKind::Lt => CompareOp::Lt,
                    ast::BinOpKind::Lte => CompareOp::Lte,
                    ast::BinOpKind::Gt => CompareOp::Gt,
                    ast::BinOpKind::Gte => CompareOp::Gte,
                    _ => return Err(self.cannot(&here, here.text(), "条件中只能比较一个值和一个常量", "a condition converts only when it compares one value with a constant")),
                };
                let (path_expr, value, op_kind) = match (&op.left, &op.right) {
                    (path, ast::Expr::Const(c)) => (path, constant(&c.value), op_kind),
                    (ast::Expr::Const(c), path) => (path, constant(&c.value), flipped(op_kind)),
                    _ => return Err(self.cannot(&here, here.text(), "条件中只能比较一个值和一个常量", "a condition converts only when it compares one value with a constant")),
                };
                let path = self.path(path_expr, &here)?;
                let (kind, _) = self.kind(&path);
                match (value, kind, op_kind) {
                    (Some(Literal::Text(text)), Kind::String, CompareOp::Eq | CompareOp::Ne) => Ok(Cond::Compare { path, op: op_kind, value: Literal::Text(text) }),
                    (Some(Literal::Int(n)), Kind::Number, _) => Ok(Cond::Compare { path, op: op_kind, value: Literal::Int(n) }),
                    _ => Err(self.cannot(&here, here.text(), "比较的值与常量类型不同或类型未知，结果可能不同", "the value's type is unknown or not the constant's, so the comparison may differ")),
                }
            }
            _ => {
                let path = self.path(expr, &here)?;
                let (kind, _) = self.kind(&path);
                match kind {
                    Kind::String | Kind::List | Kind::Bool | Kind::Number => Ok(Cond::Truthy { path, kind, negated: false }),
                    _ => Err(self.kind_refusal(&here, expr, kind, "文字、数字、是非或列表", "text, a number, yes/no or a list")),
                }
            }
        }
    }

    /// A variable with attributes and constant subscripts.
    fn path(&self, expr: &ast::Expr<'a>, at: &At<'a>) -> Result<Path, Refusal> {
        let here = At { span: expr.span(), ..*at };
        match expr {
            ast::Expr::Var(var) => {
                let depth = self.loops.iter().rposition(|(name, _)| name == var.id);
                Ok(Path {
                    root: match depth {
                        Some(i) => Root::Item { depth: i + 1, name: var.id.to_owned() },
                        None if var.id == "loop" && !self.loops.is_empty() => Root::Loop { depth: self.loops.len() },
                        None => Root::Data(var.id.to_owned()),
                    },
                    steps: Vec::new(),
                })
            }
            ast::Expr::GetAttr(attr) => {
                let mut path = self.path(&attr.expr, at)?;
                if matches!(path.root, Root::Loop { .. }) && (!path.steps.is_empty() || !LOOP_ATTRIBUTES.contains(&attr.name)) {
                    return Err(self.cannot(&here, here.text(), "目标语言的循环变量没有它", "the target's loop variable has no such attribute"));
                }
                path.steps.push(Step::Name(attr.name.to_owned()));
                Ok(path)
            }
            ast::Expr::GetItem(item) => {
                let mut path = self.path(&item.expr, at)?;
                match &item.subscript_expr {
                    ast::Expr::Const(c) => match constant(&c.value) {
                        Some(Literal::Text(key)) => path.steps.push(Step::Name(key)),
                        Some(Literal::Int(i)) if i >= 0 => path.steps.push(Step::Index(i)),
                        _ => return Err(self.cannot(&here, here.text(), "负数或非整数下标的含义不同", "negative or non-whole subscripts mean something else there")),
                    },
                    _ => return Err(self.cannot(&here, here.text(), "下标必须是固定的文字或数字", "the subscript must be a fixed name or number")),
                }
                Ok(path)
            }
            _ => Err(self.cannot(&here, here.text(), "目标语言只能原样输出字段，不能计算（运算、函数、方法、切片）", "the target can print a field but not compute one (operators, calls, methods, slices)")),
        }
    }

    /// Where `path`'s values are in each profile's data.
    fn data_steps(&self, path: &Path) -> Vec<DataStep> {
        let mut steps = match &path.root {
            Root::Data(name) => vec![DataStep::Key(name.clone())],
            Root::Item { depth, .. } => self.loops[depth - 1].1.clone(),
            Root::Loop { .. } => return Vec::new(),
        };
        steps.extend(path.steps.iter().map(|step| match step {
            Step::Name(name) => DataStep::Key(name.clone()),
            Step::Index(i) => DataStep::Index(*i),
        }));
        steps
    }

    /// The kind of `path`'s values and whether any is null.
    fn kind(&self, path: &Path) -> (Kind, bool) {
        match (&path.root, path.steps.as_slice()) {
            (Root::Loop { .. }, [Step::Name(name)]) if name == "first" || name == "last" => (Kind::Bool, false),
            (Root::Loop { .. }, [_]) => (Kind::Number, false),
            (Root::Loop { .. }, _) => (Kind::Unknown, false),
            (Root::Data(_), _) => {
                let steps = self.data_steps(path);
                let dotted = steps.iter().map(|s| match s {
                    DataStep::Key(k) => Some(k.as_str()),
                    _ => None,
                }).collect::<Option<Vec<&str>>>();
                // The schema says the kind; a null in a sample still prints None.
                let (sampled, nullable) = self.types.kind(&steps);
                (dotted.and_then(|keys| self.types.declared(&keys.join("."))).unwrap_or(sampled), nullable)
            }
            (Root::Item { .. }, _) => self.types.kind(&self.data_steps(path)),
        }
    }

    fn kind_refusal(&self, at: &At<'_>, expr: &ast::Expr<'_>, kind: Kind, wanted_zh: &str, wanted_en: &str) -> Refusal {
        let written = At { span: expr.span(), ..*at };
        let name = written.text();
        let (zh, en) = match kind {
            Kind::Unknown => (
                format!("无法确定“{name}”是{wanted_zh}（字段表和样例数据都没有说明，或样例里有空值 null）；请在字段表中声明它的类型"),
                format!("nothing proves “{name}” is {wanted_en} (neither the field schema nor the sample data says, or a sample holds null); declare its type in the field schema"),
            ),
            Kind::Number => (
                format!("“{name}”是数字：Jinja 把整数值的小数打印为 2.0，目标语言打印 2；请把它存为文字"),
                format!("“{name}” is a number: Jinja prints a whole decimal as 2.0, the target as 2; store it as text"),
            ),
            other => (
                format!("“{name}”是{}，这里需要{wanted_zh}", other.label_zh()),
                format!("“{name}” is {}, and {wanted_en} is needed here", other.label_en()),
            ),
        };
        at.refuse(Message::new(format!("{} 无法原样转换为 {}：{zh}", at.text(), self.target), format!("{} cannot be converted to {} as it is: {en}", at.text(), self.target)))
    }
}

fn flipped(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Lt => CompareOp::Gt,
        CompareOp::Lte => CompareOp::Gte,
        CompareOp::Gt => CompareOp::Lt,
        CompareOp::Gte => CompareOp::Lte,
        same => same,
    }
}

/// A constant both languages print alike: text or a whole number.
fn constant(value: &minijinja::Value) -> Option<Literal> {
    if let Some(text) = value.as_str() {
        return Some(Literal::Text(text.to_owned()));
    }
    value.is_integer().then(|| value.as_i64()).flatten().map(Literal::Int)
}

fn push_text(out: &mut Vec<Node<'_>>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Node::Text(last)) => last.push_str(text),
        _ => out.push(Node::Text(text.to_owned())),
    }
}

/// A statement's span and how a user writes it.
pub(crate) fn statement_name(stmt: &ast::Stmt<'_>) -> (machinery::Span, &'static str) {
    match stmt {
        ast::Stmt::Template(s) => (s.span(), "template"),
        ast::Stmt::EmitExpr(s) => (s.span(), "{{ … }}"),
        ast::Stmt::EmitRaw(s) => (s.span(), "text"),
        ast::Stmt::ForLoop(s) => (s.span(), "{% for %}"),
        ast::Stmt::IfCond(s) => (s.span(), "{% if %}"),
        ast::Stmt::WithBlock(s) => (s.span(), "{% with %}"),
        ast::Stmt::Set(s) => (s.span(), "{% set %}"),
        ast::Stmt::SetBlock(s) => (s.span(), "{% set %}"),
        ast::Stmt::AutoEscape(s) => (s.span(), "{% autoescape %}"),
        ast::Stmt::FilterBlock(s) => (s.span(), "{% filter %}"),
        ast::Stmt::Block(s) => (s.span(), "{% block %}"),
        ast::Stmt::Import(s) => (s.span(), "{% import %}"),
        ast::Stmt::FromImport(s) => (s.span(), "{% from … import %}"),
        ast::Stmt::Extends(s) => (s.span(), "{% extends %}"),
        ast::Stmt::Include(s) => (s.span(), "{% include %}"),
        ast::Stmt::Macro(s) => (s.span(), "{% macro %}"),
        ast::Stmt::CallBlock(s) => (s.span(), "{% call %}"),
        ast::Stmt::Do(s) => (s.span(), "{% do %}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runaway_elif_chain_is_refused_before_it_is_parsed() {
        let mut body = String::from("{% if x == 0 %}0");
        for i in 1..=1000 {
            body.push_str(&format!("{{% elif x == {i} %}}{i}"));
        }
        body.push_str("{% endif %}");
        let (partials, schema) = (BTreeMap::new(), FieldSchema::default());
        let input = Input { body: &body, partials: &partials, schema: &schema, profiles: &[] };
        for target in Target::ALL {
            let refusal = export(&input, target, "t", Purpose::Notification).unwrap_err();
            assert!(refusal.message.en.contains("more than 100 elif branches"), "{target:?}: {refusal:?}");
            assert_eq!(refusal.span.map(|s| s.line), Some(1));
        }
    }
}
