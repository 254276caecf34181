//! Handlebars as SendGrid and Mailgun run it: no custom helpers, so only
//! values, `#if`, `#unless` and `#each`. Values print with `{{{ }}}`, which
//! does not escape, as Jinja here does not.
//!
//! Handlebars removes a "standalone" block tag's line (the tag alone on its
//! line, with its newline), which Jinja keeps. An empty comment `{{!}}` right
//! before a tag that starts a line and may end it makes it not standalone: the
//! comment is not text, so the tag has no whitespace-only text before it.

use super::{cannot, lower, At, Cond, For, If, Input, Kind, Node, Path, Print, Refusal, Root, Step};

const TARGET: &str = "Handlebars";

/// Built-in helpers and keywords: a value of one of these names would call
/// the helper or mean the keyword.
const RESERVED: [&str; 13] =
    ["if", "unless", "each", "with", "lookup", "log", "helperMissing", "blockHelperMissing", "this", "else", "true", "false", "null"];

/// The template in Handlebars, or why it cannot be.
pub fn convert(input: &Input<'_>) -> Result<String, Refusal> {
    let nodes = lower(input, TARGET)?;
    let mut writer = Writer { out: String::new(), depth: 0 };
    writer.nodes(&nodes)?;
    Ok(writer.out)
}

struct Writer {
    out: String,
    /// How many `#each` blocks are open: each changes the context.
    depth: usize,
}

impl Writer {
    fn nodes(&mut self, nodes: &[Node<'_>]) -> Result<(), Refusal> {
        nodes.iter().enumerate().try_for_each(|(i, node)| self.node(node, nodes.get(i + 1)))
    }

    /// `node`, then `next` in the same list (what follows its closing tag).
    fn node(&mut self, node: &Node<'_>, next: Option<&Node<'_>>) -> Result<(), Refusal> {
        match node {
            Node::Text(text) => {
                if text.contains("\\{{") {
                    return Err(self.refuse_text());
                }
                self.out.push_str(&text.replace("{{", "\\{{"));
                Ok(())
            }
            Node::Print(print) => self.print(print),
            Node::If(choice) => self.choice(choice, next),
            Node::For(each) => self.each(each, next),
        }
    }

    fn refuse_text(&self) -> Refusal {
        Refusal {
            message: crate::check::Message::new(
                "文字中有紧跟着 {{ 的反斜杠 \\，在 Handlebars 中无法原样表达",
                "the text has a backslash right before {{, which Handlebars cannot write as it is",
            ),
            partial: None,
            span: None,
        }
    }

    /// A `{{…}}` after the text so far; a backslash there would escape it.
    fn mustache(&mut self, at: &At<'_>, tag: &str) -> Result<(), Refusal> {
        if self.out.ends_with('\\') {
            return Err(cannot(at, at.text(), TARGET, "前面的文字以反斜杠 \\ 结尾，会让 Handlebars 把它当作普通文字", "the text before it ends with a backslash, which would make Handlebars print it as text"));
        }
        self.out.push_str(tag);
        Ok(())
    }

    /// A block tag followed by `next`, made not standalone when it starts a
    /// line and `next` does not show that something else is on the line.
    fn block_tag(&mut self, at: &At<'_>, tag: &str, next: Option<&Node<'_>>) -> Result<(), Refusal> {
        let line_start = self.out.rfind('\n').map_or(0, |i| i + 1);
        let starts_line = self.out[line_start..].chars().all(|c| c == ' ' || c == '\t');
        let may_end_line = match next {
            None => true,
            Some(Node::Text(text)) => text.trim_start_matches([' ', '\t']).starts_with(['\n', '\r']),
            Some(_) => false,
        };
        if starts_line && may_end_line {
            self.out.push_str("{{!}}");
        }
        self.mustache(at, tag)
    }

    fn print(&mut self, print: &Print<'_>) -> Result<(), Refusal> {
        if !print.filters.is_empty() {
            return Err(cannot(&print.at, print.at.text(), TARGET, "SendGrid 和 Mailgun 不允许自定义 helper，过滤器无处可去", "SendGrid and Mailgun allow no custom helpers, so a filter has nowhere to go"));
        }
        let path = self.path(&print.path, &print.at)?;
        self.mustache(&print.at, &format!("{{{{{{{path}}}}}}}"))
    }

    fn choice(&mut self, choice: &If<'_>, after: Option<&Node<'_>>) -> Result<(), Refusal> {
        let (helper, test) = self.test(&choice.cond, &choice.at)?;
        self.block_tag(&choice.at, &format!("{{{{#{helper} {test}}}}}"), choice.then.first())?;
        self.chain(choice)?;
        self.block_tag(&choice.at, &format!("{{{{/{helper}}}}}"), after)
    }

    /// The branches after `{{#if}}`: `{{else if …}}` for an `elif`.
    fn chain(&mut self, choice: &If<'_>) -> Result<(), Refusal> {
        self.nodes(&choice.then)?;
        match choice.otherwise.as_slice() {
            [] => Ok(()),
            [Node::If(next)] => {
                let (helper, test) = self.test(&next.cond, &next.at)?;
                self.block_tag(&next.at, &format!("{{{{else {helper} {test}}}}}"), next.then.first())?;
                self.chain(next)
            }
            otherwise => {
                self.block_tag(&choice.at, "{{else}}", otherwise.first())?;
                self.nodes(otherwise)
            }
        }
    }

    /// `("if", path)` or `("unless", path)`: Handlebars tests one value, and
    /// its falsy values (false, null, undefined, "", 0, []) are Jinja's for
    /// text, numbers, yes/no values and lists.
    fn test(&self, cond: &Cond, at: &At<'_>) -> Result<(&'static str, String), Refusal> {
        match cond {
            Cond::Truthy { path, kind: Kind::String | Kind::Number | Kind::Bool | Kind::List, negated } => {
                Ok((if *negated { "unless" } else { "if" }, self.path(path, at)?))
            }
            _ => Err(cannot(at, at.text(), TARGET, "Handlebars 的 #if 只检验一个值，没有比较、and、or（SendGrid 和 Mailgun 不允许自定义 helper）", "Handlebars' #if tests one value, with no comparisons, and or or (SendGrid and Mailgun allow no custom helpers)")),
        }
    }

    fn each(&mut self, each: &For<'_>, after: Option<&Node<'_>>) -> Result<(), Refusal> {
        let list = self.path(&each.list, &each.at)?;
        self.block_tag(&each.at, &format!("{{{{#each {list}}}}}"), each.body.first())?;
        self.depth += 1;
        let body = self.nodes(&each.body);
        self.depth -= 1;
        body?;
        if !each.otherwise.is_empty() {
            // `{{else}}` of `#each` runs in the outer context.
            self.block_tag(&each.at, "{{else}}", each.otherwise.first())?;
            self.nodes(&each.otherwise)?;
        }
        self.block_tag(&each.at, "{{/each}}", after)
    }

    /// The path from the current context: `../` climbs out of an `#each`,
    /// `this` is its item, `@index`, `@first`, `@last` its counters.
    fn path(&self, path: &Path, at: &At<'_>) -> Result<String, Refusal> {
        let refuse = |zh: &str, en: &str| cannot(at, at.text(), TARGET, zh, en);
        let (mut out, steps) = match &path.root {
            Root::Data(name) => {
                if RESERVED.contains(&name.as_str()) || name.starts_with('@') {
                    return Err(refuse("这个名字在 Handlebars 中是 helper 或关键字", "this name is a helper or keyword in Handlebars"));
                }
                (format!("{}{}", "../".repeat(self.depth), segment(name).ok_or_else(|| refuse("名字中有 ] 字符", "the name holds a ]"))?), &path.steps[..])
            }
            Root::Item { depth, .. } if *depth == self.depth => ("this".to_owned(), &path.steps[..]),
            Root::Item { depth, .. } => match path.steps.split_first() {
                Some((Step::Name(first), rest)) => {
                    (format!("{}{}", "../".repeat(self.depth - depth), segment(first).ok_or_else(|| refuse("名字中有 ] 字符", "the name holds a ]"))?), rest)
                }
                _ => return Err(refuse("外层循环的当前项只能通过它的属性引用", "an outer loop's item converts only through its attributes")),
            },
            Root::Loop { depth } => {
                let name = match path.steps.as_slice() {
                    [Step::Name(name)] if *depth == self.depth => name.as_str(),
                    _ => "",
                };
                return match name {
                    "index0" => Ok("@index".to_owned()),
                    "first" => Ok("@first".to_owned()),
                    "last" => Ok("@last".to_owned()),
                    _ => Err(refuse("Handlebars 的 #each 只有 @index（从 0 起）、@first 和 @last", "Handlebars' #each has only @index (from 0), @first and @last")),
                };
            }
        };
        for step in steps {
            out.push('.');
            match step {
                Step::Name(name) => out.push_str(&segment(name).ok_or_else(|| refuse("名字中有 ] 字符", "the name holds a ]"))?),
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        Ok(out)
    }
}

/// A path segment: as it is when Handlebars reads it as one id, else in `[ ]`.
fn segment(name: &str) -> Option<String> {
    let plain = name.chars().all(|c| c.is_alphanumeric() || c == '_') && !name.chars().next().is_some_and(|c| c.is_ascii_digit());
    if plain && !RESERVED.contains(&name) {
        Some(name.to_owned())
    } else if name.contains(']') {
        None
    } else {
        Some(format!("[{name}]"))
    }
}
