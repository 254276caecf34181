//! Reading HTML e-mail bodies the way a reader sees them.

use crate::library::model::Channel;

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


/// Named character references decoded by [`unescape`]: those mail and notice
/// text uses. The first seven are also read without their `;`, as browsers do.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("nbsp", '\u{a0}'), ("copy", '©'), ("reg", '®'),
    ("apos", '\''), ("trade", '™'), ("hellip", '…'), ("mdash", '—'), ("ndash", '–'), ("lsquo", '‘'),
    ("rsquo", '’'), ("ldquo", '“'), ("rdquo", '”'), ("laquo", '«'), ("raquo", '»'), ("middot", '·'),
    ("times", '×'), ("divide", '÷'), ("yen", '¥'), ("euro", '€'), ("pound", '£'), ("cent", '¢'), ("deg", '°'),
    ("plusmn", '±'), ("sect", '§'), ("para", '¶'), ("bull", '•'), ("ensp", '\u{2002}'), ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'), ("shy", '\u{ad}'), ("zwj", '\u{200d}'), ("zwnj", '\u{200c}'),
];
const WITHOUT_SEMICOLON: usize = 7;
/// What HTML reads `&#128;`..`&#159;` as (Windows-1252), 0 where it keeps the code.
const WINDOWS_1252: [u16; 32] = [
    0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0, 0,
    0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178,
];

/// Python's `html.unescape` for text: numeric references, and the named ones
/// of [`ENTITIES`]. Another name followed by `;` is an `Err` with that name,
/// since HTML5 may define it and the preview would print it undecoded.
pub fn unescape(text: &str) -> Result<String, &str> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (decoded, used) = if let Some(number) = after.strip_prefix('#') {
            let hex = number.starts_with(['x', 'X']);
            let digits = &number[usize::from(hex)..];
            let len = digits.find(|c: char| !if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).unwrap_or(digits.len());
            if len == 0 {
                (None, 0)
            } else {
                let code = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
                let semicolon = usize::from(digits[len..].starts_with(';'));
                (Some(character_reference(code)), 1 + usize::from(hex) + len + semicolon)
            }
        } else {
            let len = after.find(|c: char| matches!(c, '\t' | '\n' | '\u{c}' | ' ' | '<' | '&' | '#' | ';')).unwrap_or(after.len());
            let name = &after[..len];
            if after[len..].starts_with(';') && len > 0 {
                match ENTITIES.iter().find(|(n, _)| *n == name) {
                    Some((_, c)) => (Some(Some(*c)), len + 1),
                    None => return Err(name),
                }
            } else {
                match ENTITIES[..WITHOUT_SEMICOLON].iter().find(|(n, _)| name.starts_with(n)) {
                    Some((n, c)) => (Some(Some(*c)), n.len()),
                    None => (None, 0),
                }
            }
        };
        match decoded {
            Some(c) => out.extend(c),
            None => out.push('&'),
        }
        rest = &after[used..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The character `&#code;` stands for; `None` for the codes HTML drops.
fn character_reference(code: u32) -> Option<char> {
    match code {
        0x80..=0x9f => match WINDOWS_1252[(code - 0x80) as usize] {
            0 => char::from_u32(code),
            mapped => char::from_u32(mapped.into()),
        },
        0 | 0xd800..=0xdfff | 0x110000.. => Some('\u{fffd}'),
        0x1..=0x8 | 0xb | 0xe..=0x1f | 0x7f | 0xfdd0..=0xfdef => None,
        c if c & 0xfffe == 0xfffe => None,
        c => char::from_u32(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_reads_references_as_python_html_unescape_does() {
        // Expected values from CPython 3.11's html.unescape.
        assert_eq!(unescape("AT&T &copy2024 a &amp b").unwrap(), "AT&T ©2024 a & b");
        assert_eq!(unescape("&#65;&#x42;&#128;&#0;&amp;&lt;&nbsp;x").unwrap(), "AB€\u{fffd}&<\u{a0}x");
        assert_eq!(unescape("&#129;&#1;x"), Ok("\u{81}x".to_owned()));
        assert_eq!(unescape("&hearts; &"), Err("hearts"));
    }

    #[test]
    fn visible_text_drops_markup_only() {
        assert_eq!(visible_text("<p>Dear <b>Ann</b>,</p><!-- x -->Hi"), "\nDear Ann,\nHi");
        assert_eq!(visible_text("a < b, <5% and <张三>"), "a < b, <5% and <张三>");
        assert_eq!(visible_text("x<style>p{}</style>y<script>"), "xy");
        assert_eq!(visible_text("<!-- open"), "");
        assert_eq!(visible_text("<b"), "<b");
    }
}
