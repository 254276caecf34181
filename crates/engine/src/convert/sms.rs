//! SMS templates for the create-template APIs of Aliyun (`CreateSmsTemplate`),
//! Tencent Cloud (`AddSmsTemplate`) and Huawei Cloud (CreateTemplate).
//!
//! Platforms only substitute values: the template must be text and `{{ … }}`
//! (includes inlined), every expression one placeholder, evaluated by our
//! engine at send time (`variables` says which). The leading 【signature】
//! leaves the content for the request's signature field. Round trip: putting
//! each expression's value in its placeholder gives our render without the
//! signature (tested for every corpus template and profile).

use minijinja::machinery::ast;
use serde::Serialize;
use serde_json::{json, Value};

use super::{included, parse, statement_name, At, Input, Refusal};
use crate::check::Message;
use crate::lang::Lang;
use crate::library::model::Purpose;

/// A sending platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Aliyun,
    Tencent,
    Huawei,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Aliyun, Platform::Tencent, Platform::Huawei];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Aliyun => "aliyun",
            Platform::Tencent => "tencent",
            Platform::Huawei => "huawei",
        }
    }

    pub fn parse(name: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.as_str() == name)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Platform::Aliyun => lang.pick("阿里云短信", "Aliyun SMS"),
            Platform::Tencent => lang.pick("腾讯云短信", "Tencent Cloud SMS"),
            Platform::Huawei => lang.pick("华为云短信", "Huawei Cloud SMS"),
        }
    }

    /// The placeholder of the `index`-th variable (from 0), named `name` where names count.
    fn placeholder(self, index: usize, name: &str) -> String {
        match self {
            Platform::Aliyun => format!("${{{name}}}"),
            Platform::Tencent => format!("{{{}}}", index + 1),
            Platform::Huawei => format!("${{{}}}", index + 1),
        }
    }
}

/// What the platforms' review tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmsKind {
    Verification,
    Notification,
    Marketing,
}

/// Words that make a template a verification-code template on every platform.
pub const CODE_WORDS: [&str; 4] = ["验证码", "注册码", "校验码", "动态码"];

impl SmsKind {
    pub fn of(text: &str, purpose: Purpose) -> SmsKind {
        if CODE_WORDS.iter().any(|w| text.contains(w)) {
            SmsKind::Verification
        } else if purpose == Purpose::Marketing {
            SmsKind::Marketing
        } else {
            SmsKind::Notification
        }
    }
}

/// A placeholder and the Jinja expression whose value fills it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Variable {
    pub placeholder: String,
    pub expression: String,
}

/// What the request needs besides the template.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    pub name: &'a str,
    pub purpose: Purpose,
    /// The template rendered with a sample profile, for the reviewer.
    pub example: Option<&'a str>,
}

/// The template as the platform's create-template request body plus
/// `variables`, or why it cannot be.
pub fn convert(input: &Input<'_>, platform: Platform, options: &Options<'_>) -> Result<Value, Refusal> {
    let mut pieces = Vec::new();
    walk(&parse(input.body, None)?, input, None, &mut pieces)?;
    let (signature, pieces) = signature(pieces).ok_or_else(|| whole(Message::new(
        "短信开头没有【签名】：平台要求签名，请以【公司名】开头",
        "the SMS does not start with a 【signature】, which the platforms require: start it with 【company name】",
    )))?;
    let text: String = pieces.iter().filter_map(|p| match p {
        Piece::Text(text) => Some(text.as_str()),
        Piece::Value { .. } => None,
    }).collect();
    let kind = SmsKind::of(&text, options.purpose);

    let mut content = String::new();
    let mut variables = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut previous_was_value = false;
    for piece in &pieces {
        match piece {
            Piece::Text(text) => {
                if let Some(clash) = placeholder_lookalike(text, platform) {
                    return Err(whole(Message::new(
                        format!("固定文字中的“{clash}”会被平台当作变量"),
                        format!("the fixed text “{clash}” would be read by the platform as a variable"),
                    )));
                }
                content.push_str(text);
                previous_was_value = false;
            }
            Piece::Value { expression, name, at } => {
                if previous_was_value {
                    return Err(at.refuse(Message::new(
                        "两个变量紧挨着：平台不接受相邻的变量；请在中间加上文字，或合成一个变量，如 {{ a ~ b }}",
                        "two variables are next to each other, which the platforms refuse: put text between them, or make them one, as in {{ a ~ b }}",
                    )));
                }
                let name = unique(name, &names);
                let placeholder = platform.placeholder(variables.len(), &name);
                content.push_str(&placeholder);
                names.push(name);
                variables.push(Variable { placeholder, expression: expression.clone() });
                previous_was_value = true;
            }
        }
    }
    refuse_what_the_platform_rejects(platform, kind, &variables, &content, options)?;

    let remark = match options.example {
        Some(example) => format!("示例：{}", without_signature(example)).chars().take(500).collect(),
        None => String::new(),
    };
    let mut request = match platform {
        Platform::Aliyun => {
            let mut request = json!({
                "TemplateName": options.name,
                "TemplateContent": content,
                "TemplateType": match kind { SmsKind::Verification => 0, SmsKind::Notification => 1, SmsKind::Marketing => 2 },
                "RelatedSignName": signature,
                "Remark": remark,
            });
            if let (SmsKind::Verification, [only]) = (kind, names.as_slice()) {
                request["TemplateRule"] = Value::String(json!({ only: "numberCaptcha" }).to_string());
            }
            request
        }
        Platform::Tencent => json!({
            "TemplateName": options.name,
            "TemplateContent": content,
            "SmsType": match kind { SmsKind::Marketing => 1, SmsKind::Notification => 2, SmsKind::Verification => 3 },
            "International": 0,
            "Remark": remark,
            "SignName": signature,
        }),
        Platform::Huawei => json!({
            "template_name": options.name,
            "template_content": content,
            "template_type": match kind { SmsKind::Verification => "VERIFY_CODE_TYPE", SmsKind::Notification => "NOTIFY_TYPE", SmsKind::Marketing => "PROMOTION_TYPE" },
            "region": "cn",
            "brackets": "CN",
            "template_desc": remark,
            "sign_name": signature,
        }),
    };
    request["variables"] = serde_json::to_value(&variables).unwrap_or_default();
    Ok(request)
}

/// The rendered text without its leading 【signature】, as the platform sends
/// it before adding the signature back.
pub fn without_signature(text: &str) -> &str {
    let trimmed = text.trim_start();
    match trimmed.strip_prefix('【').and_then(|rest| rest.split_once('】')) {
        Some((_, rest)) => rest,
        None => text,
    }
}

fn refuse_what_the_platform_rejects(platform: Platform, kind: SmsKind, variables: &[Variable], content: &str, options: &Options<'_>) -> Result<(), Refusal> {
    let max_name = 30;
    if options.name.trim().is_empty() || (platform != Platform::Tencent && options.name.chars().count() > max_name) {
        return Err(whole(Message::new(
            format!("模板名称须为 1 到 {max_name} 个字符"),
            format!("the template name must be 1 to {max_name} characters"),
        )));
    }
    let length = content.chars().count();
    if length > 500 {
        return Err(whole(Message::new(
            format!("模板内容有 {length} 个字符，平台最多接受 500 个"),
            format!("the content has {length} characters; the platforms take at most 500"),
        )));
    }
    if platform == Platform::Huawei && kind == SmsKind::Marketing && !variables.is_empty() {
        return Err(whole(Message::new(
            "华为云的推广短信模板不能有变量，只能是固定文字",
            "Huawei Cloud's promotional templates take no variables, only fixed text",
        )));
    }
    if platform != Platform::Tencent && kind == SmsKind::Verification && variables.len() != 1 {
        return Err(whole(Message::new(
            format!("验证码模板只能有 1 个变量（验证码本身），这里有 {} 个", variables.len()),
            format!("a verification-code template takes exactly 1 variable (the code), and this one has {}", variables.len()),
        )));
    }
    Ok(())
}

/// A refusal about the template as a whole.
fn whole(message: Message) -> Refusal {
    Refusal { message, partial: None, span: None }
}

enum Piece<'a> {
    Text(String),
    Value { expression: String, name: String, at: At<'a> },
}

fn walk<'a>(stmt: &ast::Stmt<'a>, input: &Input<'a>, partial: Option<&'a str>, out: &mut Vec<Piece<'a>>) -> Result<(), Refusal> {
    let source = partial.and_then(|name| input.partials.get(name)).map_or(input.body, String::as_str);
    let at = |span| At { partial, source, span };
    match stmt {
        ast::Stmt::Template(t) => t.children.iter().try_for_each(|child| walk(child, input, partial, out)),
        ast::Stmt::EmitRaw(raw) => {
            push_text(out, raw.raw);
            Ok(())
        }
        ast::Stmt::EmitExpr(emit) => {
            match &emit.expr {
                ast::Expr::Const(c) if c.value.as_str().is_some() || c.value.is_integer() => push_text(out, &c.value.to_string()),
                expr => {
                    // The statement's span is the whole expression; a filter's own is its name.
                    let here = at(emit.span());
                    out.push(Piece::Value { expression: here.text().trim().to_owned(), name: name_of(expr), at: here });
                }
            }
            Ok(())
        }
        ast::Stmt::Include(include) => match included(include, &at(include.span()), input.partials)? {
            Some((name, parsed)) => walk(&parsed, input, Some(name), out),
            None => Ok(()),
        },
        other => {
            let (span, construct) = statement_name(other);
            Err(at(span).refuse(Message::new(
                format!("{construct} 无法用于短信平台的模板：平台只替换变量的值，不执行条件、循环或赋值；请为每种情况各写一个模板"),
                format!("{construct} cannot go into an SMS platform's template: platforms only put values in, with no conditions, loops or assignments; write one template per case"),
            )))
        }
    }
}

fn push_text(out: &mut Vec<Piece<'_>>, text: &str) {
    match out.last_mut() {
        Some(Piece::Text(last)) => last.push_str(text),
        _ if text.is_empty() => {}
        _ => out.push(Piece::Text(text.to_owned())),
    }
}

/// Takes the leading 【signature】 out of the first text.
fn signature(mut pieces: Vec<Piece<'_>>) -> Option<(String, Vec<Piece<'_>>)> {
    let Some(Piece::Text(first)) = pieces.first_mut() else { return None };
    let (name, rest) = first.trim_start().strip_prefix('【')?.split_once('】')?;
    if name.trim().is_empty() {
        return None;
    }
    let (name, rest) = (name.to_owned(), rest.to_owned());
    if rest.is_empty() {
        pieces.remove(0);
    } else {
        *first = rest;
    }
    Some((name, pieces))
}

/// Fixed text the platform would take for a placeholder.
fn placeholder_lookalike(text: &str, platform: Platform) -> Option<String> {
    match platform {
        Platform::Aliyun | Platform::Huawei => text.find("${").map(|i| text[i..].chars().take(8).collect()),
        Platform::Tencent => text.match_indices('{').find_map(|(i, _)| {
            let digits = text[i + 1..].chars().take_while(char::is_ascii_digit).count();
            (digits > 0 && text[i + 1 + digits..].starts_with('}')).then(|| text[i..i + digits + 2].to_owned())
        }),
    }
}

/// Names Aliyun's older console refused.
const ALIYUN_RESERVED: [&str; 5] = ["email", "mobile", "id", "nick", "site"];

/// An Aliyun variable name for the value `expr` prints: its last attribute
/// (`customer.name` → `name`), letters, digits and `_`, starting with a letter.
fn name_of(expr: &ast::Expr<'_>) -> String {
    let mut inner = expr;
    while let ast::Expr::Filter(f) = inner {
        match &f.expr {
            Some(e) => inner = e,
            None => break,
        }
    }
    let (last, parent) = match inner {
        ast::Expr::GetAttr(attr) => (attr.name, match &attr.expr {
            ast::Expr::GetAttr(p) => Some(p.name),
            ast::Expr::Var(v) => Some(v.id),
            _ => None,
        }),
        ast::Expr::Var(v) => (v.id, None),
        _ => ("value", None),
    };
    let clean = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>();
    let mut name = clean(last);
    if ALIYUN_RESERVED.contains(&name.to_ascii_lowercase().as_str()) {
        name = match parent.map(clean).filter(|p| !p.is_empty()) {
            Some(p) => format!("{p}_{name}"),
            None => format!("{name}_value"),
        };
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name = format!("var{name}");
    }
    name
}

/// `name`, or `name2`, `name3`… when taken: Aliyun allows a variable once.
fn unique(name: &str, taken: &[String]) -> String {
    let mut candidate = name.to_owned();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{name}{n}");
    }
    candidate
}
