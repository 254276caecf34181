//! A rendered e-mail notification as a message file (`.eml`: RFC 5322 with
//! MIME, RFC 2045–2047), so a user can open the preview in a real mail client
//! and see what the recipients will see.
//!
//! The file is 7-bit ASCII with CRLF line endings: non-ASCII header text goes
//! into RFC 2047 encoded-words and both bodies into base64, which every client
//! reads and which no line length or character set can break.

use crate::time::Date;

/// The sender of a template with no sender line. `.invalid` can never be a
/// real domain (RFC 2606), so a reply to a preview goes nowhere.
pub const PLACEHOLDER_NAME: &str = "Notice Studio";
pub const PLACEHOLDER_ADDRESS: &str = "preview@notice-studio.invalid";

/// Header lines are at most this long (RFC 5322 §2.1.1).
const HEADER_WIDTH: usize = 78;
/// An encoded-word is at most this long (RFC 2047 §2).
const WORD_WIDTH: usize = 75;
/// `=?UTF-8?B?` and `?=` around the base64 of an encoded-word.
const WORD_FRAME: usize = 12;
/// Base64 body lines are at most this long (RFC 2045 §6.8).
const BASE64_WIDTH: usize = 76;
/// Separates the parts. It must not occur in them (RFC 2046 §5.1.1): both
/// parts are base64, whose alphabet has no `_`, and their headers are fixed.
const BOUNDARY: &str = "=_notice-studio_alternative";

/// What goes into the message: the rendered subject and bodies of one sample
/// profile.
#[derive(Clone, Copy, Debug)]
pub struct Email<'a> {
    /// The template's sender line: `Acme 客服 <service@acme.example>`, a bare
    /// address, or empty for the placeholder sender.
    pub from: &'a str,
    /// The recipient, `Name <address>` or an address; empty: no `To` header
    /// (a message exported to look at, not one of a mail merge).
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    /// The HTML body; `None` for a plain-text template, whose text is then
    /// shown as preformatted HTML too.
    pub html: Option<&'a str>,
    /// When the message is dated: UTC milliseconds since 1970-01-01.
    pub date_ms: i64,
}

/// The message file: `Date`, `From`, `Subject` and a `multipart/alternative`
/// body of `text/plain` then `text/html` (the last part is the one clients
/// prefer), both UTF-8 in base64.
pub fn eml(email: &Email) -> String {
    let mut out = format!("Date: {}\r\n", date(email.date_ms));
    out += &mailbox_header("From", email.from);
    if !email.to.trim().is_empty() {
        out += &mailbox_header("To", email.to);
    }
    out += &subject(email.subject);
    out += "MIME-Version: 1.0\r\n";
    out += &format!("Content-Type: multipart/alternative; boundary=\"{BOUNDARY}\"\r\n\r\n");
    let html = email.html.map_or_else(|| text_as_html(email.text), str::to_owned);
    for (subtype, body) in [("plain", email.text), ("html", html.as_str())] {
        out += &format!("--{BOUNDARY}\r\nContent-Type: text/{subtype}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        let encoded = base64(crlf(body).as_bytes());
        if encoded.is_empty() {
            // The delimiter's own CRLF follows the empty body, not the blank line.
            out += "\r\n";
        }
        for line in encoded.as_bytes().chunks(BASE64_WIDTH) {
            out += std::str::from_utf8(line).expect("base64 is ASCII");
            out += "\r\n";
        }
    }
    out += &format!("--{BOUNDARY}--\r\n");
    out
}

/// RFC 5322 date-time in UTC: `Mon, 23 Nov 2026 14:00:00 +0000`.
fn date(ms: i64) -> String {
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let seconds = ms.div_euclid(1000);
    let (days, time) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let day = Date::from_days_since_epoch(days);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
        WEEKDAYS[day.weekday() as usize - 1],
        day.day,
        MONTHS[day.month as usize - 1],
        day.year,
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

/// The `From` field. A non-ASCII display name goes into encoded-words, an
/// ASCII one with specials (`Acme, Inc.`) into quotes; the address stays as is.
/// A `From` or `To` header of a mailbox line, its name encoded and folded.
fn mailbox_header(field: &str, line: &str) -> String {
    let (name, address) = mailbox(line);
    let mut tokens = if name.is_empty() { Vec::new() } else { phrase(&name, HEADER_WIDTH - field.len() - 2) };
    tokens.push(if tokens.is_empty() { address.to_owned() } else { format!("<{address}>") });
    fold(field, &tokens)
}

/// Display name and address of a sender line: `Name <address>`, `<address>`
/// or `address`. A line with no usable address gets the placeholder address
/// and is shown whole as the name, so the preview still shows what it says.
fn mailbox(sender: &str) -> (String, &str) {
    let sender = sender.trim();
    if sender.is_empty() {
        return (PLACEHOLDER_NAME.to_owned(), PLACEHOLDER_ADDRESS);
    }
    let (name, address) = match sender.strip_suffix('>').and_then(|s| s.rsplit_once('<')) {
        Some((name, address)) => (unquote(name.trim()), address.trim()),
        None => (String::new(), sender),
    };
    if is_address(address) { (name, address) } else { (sender.to_owned(), PLACEHOLDER_ADDRESS) }
}

/// `"Acme, Inc."` without its quotes and backslash escapes; other text as is.
fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else { return name.to_owned() };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '\\' { chars.next().unwrap_or(c) } else { c });
    }
    out
}

/// An ASCII `local@domain` with no space or special that would need quoting.
/// Not a full RFC 5322 parser: enough to keep a header well formed.
fn is_address(address: &str) -> bool {
    let plain = address.bytes().all(|b| b.is_ascii_graphic() && !b"<>()[]\\,;:\"".contains(&b));
    plain && address.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty() && !domain.contains('@'))
}

/// A display name as header tokens: its words when they are plain atoms,
/// a quoted string for other ASCII, encoded-words for anything else or
/// anything too long to sit on one line.
fn phrase(name: &str, first: usize) -> Vec<String> {
    let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b);
    let words: Vec<&str> = name.split(' ').collect();
    let fits = |token: &str| token.len() <= first;
    if !name.contains("=?") && words.iter().all(|w| !w.is_empty() && w.bytes().all(atext) && fits(w)) {
        return words.into_iter().map(str::to_owned).collect();
    }
    if name.bytes().all(|b| matches!(b, b' '..=b'~')) {
        let quoted = format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""));
        if fits(&quoted) {
            return vec![quoted];
        }
    }
    encoded_words(name, first)
}

/// The `Subject` field. A subject is one line in every inbox, so line breaks
/// become spaces. Printable ASCII stays readable and folds at its spaces;
/// anything else becomes encoded-words.
fn subject(subject: &str) -> String {
    let text = subject.split(['\r', '\n']).map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join(" ");
    let first = HEADER_WIDTH - "Subject: ".len();
    let words: Vec<&str> = text.split(' ').collect();
    // `=?` would read as the start of an encoded-word.
    let plain = text.bytes().all(|b| matches!(b, b' '..=b'~')) && !text.contains("=?") && words.iter().all(|w| w.len() <= first);
    let tokens = if text.is_empty() {
        Vec::new()
    } else if plain {
        words.into_iter().map(str::to_owned).collect()
    } else {
        encoded_words(&text, first)
    };
    fold("Subject", &tokens)
}

/// `name:` and the tokens, separated by a space or, where the next token
/// would pass the line width, by a line break and a space (RFC 5322 folding:
/// unfolding takes the line break out and keeps the space).
fn fold(name: &str, tokens: &[String]) -> String {
    let mut out = format!("{name}:");
    let mut line = out.len();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 && line + 1 + token.len() > HEADER_WIDTH {
            out += "\r\n";
            line = 0;
        }
        out.push(' ');
        out += token;
        line += 1 + token.len();
    }
    out + "\r\n"
}

/// `text` as RFC 2047 `B` encoded-words of whole UTF-8 characters (a word
/// must decode on its own): the first at most `first` long, the rest at most
/// 75. Readers join adjacent encoded-words without the space between them.
fn encoded_words(text: &str, first: usize) -> Vec<String> {
    let width = |bytes: usize| WORD_FRAME + bytes.div_ceil(3) * 4;
    let word = |part: &str| format!("=?UTF-8?B?{}?=", base64(part.as_bytes()));
    let mut words = Vec::new();
    let (mut start, mut room) = (0, first.min(WORD_WIDTH));
    for (at, c) in text.char_indices() {
        if at > start && width(at + c.len_utf8() - start) > room {
            words.push(word(&text[start..at]));
            (start, room) = (at, WORD_WIDTH);
        }
    }
    words.push(word(&text[start..]));
    words
}

/// Every line break as CRLF, the canonical form of text in MIME (RFC 2045 §6.8).
fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n")
}

/// Plain text as an HTML page that shows it the same way: escaped, with its
/// line breaks and spaces kept.
pub fn text_as_html(text: &str) -> String {
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div style=\"white-space:pre-wrap\">{escaped}</div></body></html>")
}

/// Standard base64 with padding (RFC 4648 §4), unwrapped.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test-only decoder, to read the encoder's output back.
    fn unbase64(text: &str) -> Vec<u8> {
        let value = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        };
        let mut out = Vec::new();
        for chunk in text.as_bytes().chunks(4) {
            let digits: Vec<u8> = chunk.iter().copied().filter(|&c| c != b'=').map(value).collect();
            let n = digits.iter().enumerate().fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
            out.extend((0..digits.len() - 1).map(|i| (n >> (16 - 8 * i)) as u8));
        }
        out
    }

    /// The header fields of a message, each unfolded, as (name, value).
    fn headers(message: &str) -> Vec<(String, String)> {
        let head = message.split("\r\n\r\n").next().unwrap();
        let unfolded = head.replace("\r\n ", " ");
        unfolded.split("\r\n").map(|line| line.split_once(": ").map_or((line.trim_end_matches(':').into(), String::new()), |(n, v)| (n.into(), v.into()))).collect()
    }

    fn header(message: &str, name: &str) -> String {
        headers(message).into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name} in\n{message}")).1
    }

    /// Decodes a header value of encoded-words, each checked to hold whole
    /// UTF-8 characters and to be at most 75 long.
    fn decode_words(value: &str) -> String {
        value
            .split(' ')
            .map(|word| {
                assert!(word.len() <= WORD_WIDTH, "{word} is {} long", word.len());
                let payload = word.strip_prefix("=?UTF-8?B?").and_then(|w| w.strip_suffix("?=")).unwrap_or_else(|| panic!("not an encoded-word: {word}"));
                String::from_utf8(unbase64(payload)).unwrap_or_else(|_| panic!("{word} splits a character"))
            })
            .collect()
    }

    fn email<'a>(from: &'a str, subject: &'a str, text: &'a str, html: Option<&'a str>) -> Email<'a> {
        Email { from, to: "", subject, text, html, date_ms: 1_795_442_400_000 }
    }

    /// The decoded bodies of the parts, with their content types.
    fn parts(message: &str) -> Vec<(String, String)> {
        let delimiter = format!("\r\n--{BOUNDARY}");
        let body = message.split_once("\r\n\r\n").unwrap().1;
        let body = format!("\r\n{body}");
        let (inside, closing) = body.rsplit_once(&delimiter).unwrap();
        assert_eq!(closing, "--\r\n");
        inside
            .split(&delimiter)
            .skip(1)
            .map(|part| {
                let (head, encoded) = part.strip_prefix("\r\n").unwrap().split_once("\r\n\r\n").unwrap();
                let content_type = head.lines().find_map(|l| l.strip_prefix("Content-Type: ")).unwrap().to_owned();
                (content_type, String::from_utf8(unbase64(&encoded.replace("\r\n", ""))).unwrap())
            })
            .collect()
    }

    fn assert_well_formed(message: &str) {
        assert!(message.is_ascii(), "not 7-bit:\n{message}");
        assert!(message.ends_with("\r\n"));
        for line in message.strip_suffix("\r\n").unwrap().split("\r\n") {
            assert!(!line.contains(['\r', '\n']), "a bare line break in {line:?}");
            assert!(line.len() <= HEADER_WIDTH, "{} long: {line}", line.len());
        }
    }

    #[test]
    fn base64_matches_the_rfc_4648_vectors() {
        for (input, expected) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(input.as_bytes()), expected, "{input}");
            assert_eq!(unbase64(expected), input.as_bytes());
        }
        assert_eq!(base64("中文".as_bytes()), "5Lit5paH");
        assert_eq!(base64(&[0xFF, 0xFE, 0x00]), "//4A");
    }

    #[test]
    fn dates_are_rfc_5322_in_utc() {
        assert_eq!(date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(date(1_795_442_400_000), "Mon, 23 Nov 2026 14:00:00 +0000");
        assert_eq!(date(1_709_210_096_000), "Thu, 29 Feb 2024 12:34:56 +0000", "a leap day");
        assert_eq!(date(951_868_799_999), "Tue, 29 Feb 2000 23:59:59 +0000", "a leap day of a year divisible by 400; milliseconds dropped");
        assert_eq!(date(-1), "Wed, 31 Dec 1969 23:59:59 +0000");
    }

    #[test]
    fn ascii_subjects_stay_readable_and_fold_at_spaces() {
        let subject = "Your order 12345 has shipped and will arrive on Monday between nine and twelve, please keep your phone on";
        let message = eml(&email("", subject, "x", None));
        assert_well_formed(&message);
        assert!(message.contains("\r\nSubject: Your order 12345 has shipped"), "{message}");
        assert!(message.split("\r\n").any(|line| line.starts_with(' ')), "not folded:\n{message}");
        assert_eq!(header(&message, "Subject"), subject);
        // Line breaks of a rendered subject become spaces.
        assert_eq!(header(&eml(&email("", "\n Hello\nAnn \n", "x", None)), "Subject"), "Hello Ann");
        // `=?` is not left to be read as an encoded-word.
        assert_eq!(decode_words(&header(&eml(&email("", "a =?x?= b", "x", None)), "Subject")), "a =?x?= b");
    }

    #[test]
    fn non_ascii_subjects_become_encoded_words_of_whole_characters() {
        let subjects = [
            "【星河科技】您的订单已发货，预计明天上午送达，请保持电话畅通，如有疑问请联系客服热线 400-123-4567",
            "🎉🎉🎉 限时优惠 🎁 最后一天！Last day — 50% off everything, 仅限今日 🛒🛒🛒🛒🛒🛒🛒🛒🛒🛒🛒🛒🛒🛒",
            "é",
        ];
        for subject in subjects {
            let message = eml(&email("", subject, "x", None));
            assert_well_formed(&message);
            let value = header(&message, "Subject");
            assert_eq!(decode_words(&value), subject);
        }
        // Every split point of a long mixed-width text still decodes on its own.
        let long: String = "a中😀é".repeat(40);
        assert_eq!(decode_words(&encoded_words(&long, 69).join(" ")), long);
        assert!(encoded_words(&long, 69)[0].len() <= 69);
    }

    #[test]
    fn senders_keep_the_address_and_encode_or_quote_the_name() {
        let from = |sender| header(&eml(&email(sender, "s", "x", None)), "From");
        let chinese = from("星河科技 客服中心 <service@xinghe.example.com>");
        let (name, address) = chinese.rsplit_once(' ').unwrap();
        assert_eq!((decode_words(name).as_str(), address), ("星河科技 客服中心", "<service@xinghe.example.com>"));
        assert_eq!(from("Acme Support <help@acme.example>"), "Acme Support <help@acme.example>");
        assert_eq!(from("\"Acme, Inc.\" <help@acme.example>"), "\"Acme, Inc.\" <help@acme.example>");
        assert_eq!(from("Acme, Inc. <help@acme.example>"), "\"Acme, Inc.\" <help@acme.example>");
        assert_eq!(from("Say \"hi\" <a@b.example>"), "\"Say \\\"hi\\\"\" <a@b.example>");
        assert_eq!(from("service@acme.example"), "service@acme.example");
        assert_eq!(from("<service@acme.example>"), "service@acme.example");
        assert_eq!(from(""), "Notice Studio <preview@notice-studio.invalid>");
        // No usable address: the line shows as the name of the placeholder address.
        assert_eq!(from("Acme"), "Acme <preview@notice-studio.invalid>");
        assert_eq!(decode_words(from("客服 <客服@acme.example>").rsplit_once(' ').unwrap().0), "客服 <客服@acme.example>");
        let long = "星河科技有限公司客户服务中心华东区域分中心第三服务站夜间值班组";
        let message = eml(&email(&format!("{long} <service@xinghe.example.com>"), "s", "x", None));
        assert_well_formed(&message);
        assert_eq!(decode_words(header(&message, "From").rsplit_once(' ').unwrap().0), long);
    }

    #[test]
    fn the_message_is_multipart_alternative_text_then_html() {
        let text = "尊敬的张三：\n您的订单已发货。🚚\n";
        let html = "<p>尊敬的张三：</p>\n<p>您的订单已发货。🚚</p>";
        let message = eml(&email("Acme <a@acme.example>", "发货通知", text, Some(html)));
        assert_well_formed(&message);
        assert!(message.starts_with("Date: Mon, 23 Nov 2026 14:00:00 +0000\r\nFrom: Acme <a@acme.example>\r\n"));
        assert_eq!(header(&message, "MIME-Version"), "1.0");
        assert_eq!(header(&message, "Content-Type"), format!("multipart/alternative; boundary=\"{BOUNDARY}\""));
        assert_eq!(
            parts(&message),
            [
                ("text/plain; charset=utf-8".to_owned(), "尊敬的张三：\r\n您的订单已发货。🚚\r\n".to_owned()),
                ("text/html; charset=utf-8".to_owned(), "<p>尊敬的张三：</p>\r\n<p>您的订单已发货。🚚</p>".to_owned()),
            ]
        );
    }

    #[test]
    fn a_plain_text_template_is_shown_as_escaped_preformatted_html_too() {
        let message = eml(&email("", "s", "a < b & \"c\" > d\n  indented", None));
        let html = &parts(&message)[1].1;
        assert_eq!(
            html,
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div style=\"white-space:pre-wrap\">a &lt; b &amp; &quot;c&quot; &gt; d\r\n  indented</div></body></html>"
        );
    }

    #[test]
    fn the_boundary_never_occurs_in_the_parts() {
        let hostile = format!("--{BOUNDARY}\n--{BOUNDARY}--\n{}", "=_".repeat(100));
        let message = eml(&email("", "s", &hostile, Some(&hostile)));
        let boundary_lines = message.split("\r\n").filter(|line| line.contains(BOUNDARY)).collect::<Vec<_>>();
        assert_eq!(boundary_lines.len(), 4, "the Content-Type header, two delimiters and the closing one");
        assert_eq!(parts(&message)[0].1, crlf(&hostile));
        let empty = eml(&email("", "", "", Some("")));
        assert_well_formed(&empty);
        assert!(empty.contains("\r\nSubject:\r\n"));
        assert_eq!(parts(&empty).iter().map(|(_, body)| body.as_str()).collect::<Vec<_>>(), ["", ""]);
    }
}
