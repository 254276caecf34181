//! Liquid, as LiquidJS and Shopify Liquid read it (Braze, Customer.io, Knock,
//! Novu). Text is written as Jinja printed it; tags print nothing, so no
//! whitespace control is needed. Conditions are rewritten for Liquid's truth,
//! where only nil and false are false: a text or list is tested with `!= empty`.

use super::{cannot, lower, Cond, For, If, Input, Kind, Literal, Node, Path, Print, Refusal, Root, Step};

const TARGET: &str = "Liquid";

/// Names Liquid gives a meaning of its own.
const RESERVED: [&str; 9] = ["empty", "blank", "nil", "null", "true", "false", "forloop", "tablerowloop", "continue"];

/// The template in Liquid, or why it cannot be.
pub fn convert(input: &Input<'_>) -> Result<String, Refusal> {
    let nodes = lower(input, TARGET)?;
    let mut out = String::new();
    write_nodes(&nodes, &mut out)?;
    Ok(out)
}

fn write_nodes(nodes: &[Node<'_>], out: &mut String) -> Result<(), Refusal> {
    nodes.iter().try_for_each(|node| write_node(node, out))
}

fn write_node(node: &Node<'_>, out: &mut String) -> Result<(), Refusal> {
    match node {
        Node::Text(text) if text.contains("{%") && text.contains("endraw") => {
            return Err(Refusal {
                message: crate::check::Message::new("文字中写有 {% endraw %}，Liquid 无法原样输出", "the text holds {% endraw %}, which Liquid cannot print as it is"),
                partial: None,
                span: None,
            });
        }
        Node::Text(text) if text.contains("{{") || text.contains("{%") => {
            out.push_str("{% raw %}");
            out.push_str(text);
            out.push_str("{% endraw %}");
        }
        Node::Text(text) => out.push_str(text),
        Node::Print(print) => write_print(print, out)?,
        Node::If(choice) => write_if(choice, "if", out)?,
        Node::For(each) => write_for(each, out)?,
    }
    Ok(())
}

fn write_print(print: &Print<'_>, out: &mut String) -> Result<(), Refusal> {
    out.push_str("{{ ");
    out.push_str(&path(&print.path, print)?);
    for filter in &print.filters {
        out.push_str(" | ");
        out.push_str(filter.name);
        for (i, arg) in filter.args.iter().enumerate() {
            out.push_str(if i == 0 { ": " } else { ", " });
            out.push_str(&quoted(arg).ok_or_else(|| refuse_quotes(print))?);
        }
    }
    out.push_str(" }}");
    Ok(())
}

fn refuse_quotes(print: &Print<'_>) -> Refusal {
    cannot(&print.at, print.at.text(), TARGET, "文字同时含有单引号和双引号", "the text holds both kinds of quotes")
}

fn write_if(choice: &If<'_>, keyword: &str, out: &mut String) -> Result<(), Refusal> {
    let (test, _) = condition(&choice.cond).ok_or_else(|| {
        cannot(&choice.at, choice.at.text(), TARGET, "Liquid 的 and/or 从右向左计算，没有括号，这样组合的条件意思会变", "Liquid evaluates and/or right to left without parentheses, so this combination would mean something else")
    })?;
    let test = test.map_err(|()| refuse_path(&choice.at))?;
    out.push_str(&format!("{{% {keyword} {test} %}}"));
    write_nodes(&choice.then, out)?;
    match choice.otherwise.as_slice() {
        [] => {}
        [Node::If(next)] => return write_if(next, "elsif", out),
        otherwise => {
            out.push_str("{% else %}");
            write_nodes(otherwise, out)?;
        }
    }
    out.push_str("{% endif %}");
    Ok(())
}

fn write_for(each: &For<'_>, out: &mut String) -> Result<(), Refusal> {
    if RESERVED.contains(&each.item.as_str()) {
        return Err(refuse_path(&each.at));
    }
    let list = path_text(&each.list).ok_or_else(|| refuse_path(&each.at))?;
    out.push_str(&format!("{{% for {} in {list} %}}", each.item));
    write_nodes(&each.body, out)?;
    if !each.otherwise.is_empty() {
        out.push_str("{% else %}");
        write_nodes(&each.otherwise, out)?;
    }
    out.push_str("{% endfor %}");
    Ok(())
}

fn refuse_path(at: &super::At<'_>) -> Refusal {
    cannot(at, at.text(), TARGET, "用到的名字在 Liquid 中有特殊含义（如 empty、nil、forloop）", "a name it uses means something else in Liquid (such as empty, nil, forloop)")
}

fn path(path: &Path, print: &Print<'_>) -> Result<String, Refusal> {
    path_text(path).ok_or_else(|| refuse_path(&print.at))
}

/// `customer.name`, `items[0]["full name"]`, `forloop.index`; `None` for a
/// name Liquid reserves.
fn path_text(path: &Path) -> Option<String> {
    let mut out = match &path.root {
        Root::Data(name) | Root::Item { name, .. } if !RESERVED.contains(&name.as_str()) => name.clone(),
        Root::Loop { .. } => "forloop".to_owned(),
        _ => return None,
    };
    for step in &path.steps {
        match step {
            Step::Name(name) if matches!(path.root, Root::Loop { .. }) => {
                out.push('.');
                out.push_str(match name.as_str() {
                    "revindex" => "rindex",
                    "revindex0" => "rindex0",
                    other => other,
                });
            }
            Step::Name(name) if is_identifier(name) => {
                out.push('.');
                out.push_str(name);
            }
            Step::Name(name) => out.push_str(&format!("[{}]", quoted(name)?)),
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    Some(out)
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RESERVED.contains(&name)
}

/// A Liquid string literal; `None` when the text holds both quote kinds.
fn quoted(text: &str) -> Option<String> {
    if !text.contains('"') {
        Some(format!("\"{text}\""))
    } else if !text.contains('\'') {
        Some(format!("'{text}'"))
    } else {
        None
    }
}

/// How a condition joins its parts at the top.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joined {
    Alone,
    And,
    Or,
}

/// The Liquid test for `cond` (`Err(())` for a reserved name), or `None`
/// when and/or would mix: Liquid has no parentheses.
fn condition(cond: &Cond) -> Option<(Result<String, ()>, Joined)> {
    Some(match cond {
        Cond::Truthy { path, kind, negated } => {
            let Some(p) = path_text(path) else { return Some((Err(()), Joined::Alone)) };
            match (kind, negated) {
                (Kind::Bool, false) => (Ok(p), Joined::Alone),
                (Kind::Bool, true) => (Ok(format!("{p} != true")), Joined::Alone),
                (Kind::Number, false) => (Ok(format!("{p} and {p} != 0")), Joined::And),
                (Kind::Number, true) => (Ok(format!("{p} == nil or {p} == 0")), Joined::Or),
                (_, false) => (Ok(format!("{p} and {p} != empty")), Joined::And),
                (_, true) => (Ok(format!("{p} == nil or {p} == empty")), Joined::Or),
            }
        }
        Cond::Compare { path, op, value } => {
            let Some(p) = path_text(path) else { return Some((Err(()), Joined::Alone)) };
            let value = match value {
                Literal::Text(text) => quoted(text)?,
                Literal::Int(n) => n.to_string(),
            };
            (Ok(format!("{p} {} {value}", op.as_str())), Joined::Alone)
        }
        Cond::All(parts) | Cond::Any(parts) => {
            let join = if matches!(cond, Cond::All(_)) { Joined::And } else { Joined::Or };
            let mut texts = Vec::new();
            for part in parts {
                let (text, joined) = condition(part)?;
                if joined != Joined::Alone && joined != join {
                    return None;
                }
                texts.push(text.ok()?);
            }
            (Ok(texts.join(if join == Joined::And { " and " } else { " or " })), join)
        }
    })
}
