//! Reading HTML e-mail bodies the way a reader sees them.

use crate::model::Channel;

/// HTML elements whose content is not shown in the text.
const HIDDEN_ELEMENTS: &[&str] = &["head", "style", "script", "title"];
/// HTML elements that start a new line.
const BLOCK_ELEMENTS: &[&str] = &[
    "p", "br", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "header",
    "footer", "blockquote", "body", "html",
];

/// A rendered body as a mail client gets it: the text a reader sees, and the
/// HTML itself when `channel` is e-mail and the body has markup.
pub fn email_parts(channel: Channel, rendered: String) -> (String, Option<String>) {
    let plain = visible_text(&rendered);
    let html = (channel == Channel::Email && plain != rendered).then_some(rendered);
    (plain, html)
}

/// The text a reader sees: HTML tags taken out (block elements end a line),
/// comments and the content of `<head>`, `<style>`, `<script>` dropped. Plain
/// text comes back unchanged.
pub fn visible_text(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = text[at..].find('<') {
        let lt = at + found;
        out.push_str(&text[at..lt]);
        match html_tag(&lower, lt) {
            Some((end, breaks_line)) => {
                if breaks_line {
                    out.push('\n');
                }
                at = end;
            }
            None => {
                out.push('<');
                at = lt + 1;
            }
        }
    }
    out.push_str(&text[at..]);
    out
}

/// The HTML tag (or comment, or hidden element) starting at `lt` in the
/// lower-cased text: where it ends and whether it starts a new line. `None`
/// when `<` starts no tag (`a < b`, `<5%`).
fn html_tag(lower: &str, lt: usize) -> Option<(usize, bool)> {
    let rest = &lower[lt..];
    if rest.starts_with("<!--") {
        // An unclosed comment hides the rest, as in a browser.
        return Some((rest.find("-->").map_or(lower.len(), |end| lt + end + 3), false));
    }
    let next = rest[1..].chars().next()?;
    if !(next.is_ascii_alphabetic() || next == '/' || next == '!') {
        return None;
    }
    let end = lt + rest.find('>')? + 1;
    let name_start = rest[1..].trim_start_matches('/');
    let name_len = name_start.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name_start.len());
    let name = &name_start[..name_len];
    if next != '/' && HIDDEN_ELEMENTS.contains(&name) {
        let close = format!("</{name}");
        let end = lower[end..].find(&close).map_or(lower.len(), |close_at| {
            let after = end + close_at;
            lower[after..].find('>').map_or(lower.len(), |gt| after + gt + 1)
        });
        return Some((end, false));
    }
    Some((end, BLOCK_ELEMENTS.contains(&name)))
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_drops_markup_only() {
        assert_eq!(visible_text("<p>Dear <b>Ann</b>,</p><!-- x -->Hi"), "\nDear Ann,\nHi");
        assert_eq!(visible_text("a < b, <5% and <张三>"), "a < b, <5% and <张三>");
        assert_eq!(visible_text("x<style>p{}</style>y<script>"), "xy");
        assert_eq!(visible_text("<!-- open"), "");
        assert_eq!(visible_text("<b"), "<b");
    }
}
