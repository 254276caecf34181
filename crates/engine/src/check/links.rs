//! Links: `insecure-link` (plain http, a bare IP address, a host off the
//! allow-list) and `variable-in-link` (a placeholder inside an SMS link).
//!
//! One finder, [`find_links`], serves both rules and both kinds of text (the
//! template's literal text and the rendered output).

use std::collections::BTreeSet;
use std::ops::Range;

use super::{Context, Fix, Location, Message, Origin, Part, RuleId, Sink, WordLists};
use crate::library::model::Channel;
use crate::template::scan::{self, Segment, SegmentKind};
use crate::text::{excerpt, Span};

pub(super) fn check(cx: &Context, sink: &mut Sink, words: &WordLists) {
    if sink.wants(RuleId::InsecureLink) {
        for part in cx.parts() {
            insecure_links(cx, sink, part, &words.link_hosts);
        }
    }
    if cx.template.channel == Channel::Sms && sink.wants(RuleId::VariableInLink) {
        variables_in_links(cx, sink);
    }
}

// ---------------------------------------------------------------------------
// The link finder

/// A link in a text; all ranges are byte ranges in that text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Link {
    range: Range<usize>,
    /// Where the link's characters end before trailing punctuation is dropped
    /// (`https://x.cn/a?u=` at the end of a literal goes on in a placeholder).
    raw_end: usize,
    /// `http://` or `https://` (any case), when the link has a scheme.
    scheme: Option<Range<usize>>,
    /// The host, without user info or port; may be empty (`https://{{ host }}`).
    host: Range<usize>,
}

impl Link {
    fn is_plain_http(&self, text: &str) -> bool {
        self.scheme.clone().is_some_and(|scheme| text[scheme].eq_ignore_ascii_case("http://"))
    }
}

/// Top-level domains a link without scheme may end its host in (`t.cn/abc`,
/// `dwz.cn/x`): enough for short links, few enough that `v1.2/3` or a file
/// name is never mistaken for one.
const BARE_LINK_TLDS: [&str; 22] = [
    "cn", "com", "net", "org", "io", "cc", "co", "me", "top", "xyz", "info", "vip", "link", "ly", "gl", "im", "tv",
    "biz", "app", "dev", "hk", "so",
];

/// Every link in `text`: `http://…` and `https://…` in any case; `www.…`;
/// without scheme, a host with a known top-level domain followed by a path
/// (`t.cn/abc`), or an IPv4 address followed by a port or a path
/// (`10.0.0.1:8080`, so that a version number `2.1.0.3` is not one).
fn find_links(text: &str) -> Vec<Link> {
    let bytes = text.as_bytes();
    let mut links = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // A link starts with an ASCII letter or digit (so `i` is a character
        // boundary) that does not continue a word, an address or a path.
        let starts_link = bytes[i].is_ascii_alphanumeric()
            && (i == 0 || !(is_host_char(char::from(bytes[i - 1])) || matches!(bytes[i - 1], b'@' | b'/')));
        let link = if starts_link { link_at(text, i) } else { None };
        match link {
            Some(link) => {
                i = link.raw_end.max(i + 1);
                links.push(link);
            }
            None => i += 1,
        }
    }
    links
}

/// The link starting at byte `start` of `text`, if one does.
fn link_at(text: &str, start: usize) -> Option<Link> {
    let rest = &text.as_bytes()[start..];
    let scheme_len = ["https://", "http://"]
        .into_iter()
        .find(|s| rest.len() >= s.len() && rest[..s.len()].eq_ignore_ascii_case(s.as_bytes()))
        .map(str::len);
    let raw_end = start + text[start..].find(|c: char| !is_url_char(c)).unwrap_or(text.len() - start);
    // Without a scheme a link needs a dot (www., a domain, an IPv4 address):
    // this turns away ordinary words before any further look.
    if raw_end == start || (scheme_len.is_none() && !text[start..raw_end].contains('.')) {
        return None;
    }
    let end = trim_trailing_punctuation(text, start..raw_end);
    let host_start = start + scheme_len.unwrap_or(0);
    let host = host_of(text, host_start..end.max(host_start));
    let link = Link { range: start..end.max(host_start), raw_end, scheme: scheme_len.map(|n| start..start + n), host };
    if scheme_len.is_some() {
        return Some(link);
    }
    let host_text = &text[link.host.clone()];
    let after_host = text[link.host.end..link.range.end].chars().next();
    let www = host_text.len() > 4 && host_text[..4].eq_ignore_ascii_case("www.");
    let short_link =
        after_host == Some('/') && tld_of(host_text).is_some_and(|tld| BARE_LINK_TLDS.contains(&tld.as_str()));
    let ip_with_port_or_path = is_ipv4(host_text) && matches!(after_host, Some('/' | ':'));
    (www || short_link || ip_with_port_or_path).then_some(link)
}

/// Characters a link is made of: printable ASCII except spaces, quotes,
/// angle brackets and the braces of template code. Anything else (a Chinese
/// character, full-width punctuation) ends the link, as mail clients do.
fn is_url_char(c: char) -> bool {
    c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '{' | '}' | '`' | '\\' | '^' | '|')
}

fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
}

/// Drops sentence punctuation a link is followed by (`见 https://x.cn.`),
/// keeping a closing bracket the link itself opened.
fn trim_trailing_punctuation(text: &str, range: Range<usize>) -> usize {
    let mut end = range.end;
    while end > range.start {
        let last = char::from(text.as_bytes()[end - 1]);
        let link = &text[range.start..end];
        let unbalanced =
            |open: char, close: char| last == close && link.matches(open).count() < link.matches(close).count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?') || unbalanced('(', ')') || unbalanced('[', ']') {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// The host in the authority starting `range`: without `user@` and `:port`.
fn host_of(text: &str, range: Range<usize>) -> Range<usize> {
    let authority = &text[range.clone()];
    let authority_len = authority.find(['/', '?', '#']).unwrap_or(authority.len());
    let authority = &authority[..authority_len];
    let host_start = authority.rfind('@').map_or(0, |i| i + 1);
    let host = &authority[host_start..];
    let host_len = if host.starts_with('[') {
        host.find(']').map_or(host.len(), |i| i + 1)
    } else {
        host.find(':').unwrap_or(host.len())
    };
    range.start + host_start..range.start + host_start + host_len
}

/// The last label of `host`, lower case, when the host has at least two.
fn tld_of(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.');
    let (name, tld) = host.rsplit_once('.')?;
    (!name.is_empty() && !tld.is_empty()).then(|| tld.to_ascii_lowercase())
}

fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

fn is_ip_address(host: &str) -> bool {
    is_ipv4(host) || host.starts_with('[')
}

/// Whether `host` is allowed: any host when the list is empty, else a host
/// on it or a subdomain of one (`m.example.com` under `example.com`). List
/// entries may be written as links or with a leading `*.`.
fn host_allowed(host: &str, allowed: &[String]) -> bool {
    if allowed.is_empty() {
        return true;
    }
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    allowed
        .iter()
        .map(|entry| normalize_host(entry))
        .filter(|entry| !entry.is_empty())
        .any(|entry| host == entry || host.strip_suffix(entry.as_str()).is_some_and(|sub| sub.ends_with('.')))
}

/// `https://*.Example.com/path` → `example.com`.
fn normalize_host(entry: &str) -> String {
    let entry = entry.trim();
    let entry = entry.split_once("://").map_or(entry, |(_, rest)| rest);
    let entry = entry.trim_start_matches("*.").trim_start_matches('.');
    let host = host_of(entry, 0..entry.len());
    entry[host].trim_end_matches('.').to_ascii_lowercase()
}

// ---------------------------------------------------------------------------
// insecure-link

/// Links in the template's literal text are reported at the source (with a
/// fix for `http://`); links that only the outputs have (they come from data)
/// at each profile that shows them. Each distinct link once per profile.
fn insecure_links(cx: &Context, sink: &mut Sink, part: Part, allowed: &[String]) {
    let source = cx.source(part);
    let segments = scan::segments(source);
    let mut source_links: Vec<(String, bool)> = Vec::new();
    let mut reported = BTreeSet::new();
    for (index, segment) in segments.iter().enumerate() {
        if segment.kind != SegmentKind::Literal {
            continue;
        }
        let literal = &source[segment.range.clone()];
        for link in find_links(literal) {
            let text = &literal[link.range.clone()];
            let templated = followed_by_placeholder(&segments, index, literal, &link) && !link.host.is_empty();
            source_links.push((text.to_owned(), templated));
            let Some(message) = insecurity(literal, &link, allowed) else { continue };
            if !reported.insert(text.to_owned()) {
                continue;
            }
            let at = segment.range.start;
            let range = at + link.range.start..at + link.range.end;
            let fix = link.is_plain_http(literal).then(|| Fix {
                title: Message::new("改为 https://", "Change to https://"),
                part,
                range: at + link.range.start..at + link.range.start + "http://".len(),
                replacement: "https://".to_owned(),
            });
            let location = Location { part, origin: Origin::Source, span: Span::of(source, range) };
            sink.report(RuleId::InsecureLink, message, Some(location), None, fix);
        }
    }
    // What the source writes (or begins and a placeholder completes) is done.
    let from_source =
        |url: &str| source_links.iter().any(|(s, templated)| url == s || (*templated && url.starts_with(s.as_str())));
    for (render, out) in cx.outputs(part) {
        // Each profile is judged on its own output.
        let mut in_output = BTreeSet::new();
        for link in find_links(&out.text) {
            let text = &out.text[link.range.clone()];
            if from_source(text) || reported.contains(text) || !in_output.insert(text) {
                continue;
            }
            let Some(message) = insecurity(&out.text, &link, allowed) else { continue };
            let location = Location { part, origin: Origin::Output, span: Span::of(&out.text, link.range.clone()) };
            sink.report(RuleId::InsecureLink, message, Some(location), Some(&render.profile), None);
        }
    }
}

/// Why `link` is unsafe to send, as a message; `None` when it is fine.
fn insecurity(text: &str, link: &Link, allowed: &[String]) -> Option<Message> {
    let host = &text[link.host.clone()];
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if link.is_plain_http(text) {
        zh.push("使用 http，传输不加密，内容可能被篡改或劫持".to_owned());
        en.push("it uses http, which is not encrypted and can be tampered with".to_owned());
    }
    if is_ip_address(host) {
        zh.push(format!("直接使用 IP 地址 {host}，收件人无法辨认来源，容易被当作钓鱼链接"));
        en.push(format!(
            "it points at the bare IP address {host}, which recipients cannot recognise and filters treat as phishing"
        ));
    } else if !host.is_empty() && !host_allowed(host, allowed) {
        zh.push(format!("域名 {host} 不在允许的域名列表中"));
        en.push(format!("the host {host} is not on the list of allowed hosts"));
    }
    if zh.is_empty() {
        return None;
    }
    let url = excerpt(&text[link.range.clone()], 60);
    Some(Message::new(
        format!("链接“{url}”不安全：{}。请使用 https 和公司官方域名（或官方短链接）。", zh.join("；")),
        format!(
            "The link “{url}” is not safe: {}. Use https and the company's official domain (or official short links).",
            en.join("; ")
        ),
    ))
}


// ---------------------------------------------------------------------------
// variable-in-link

/// SMS links must be fixed text: platforms approve templates with fixed links
/// only, and a link assembled from data can point anywhere.
fn variables_in_links(cx: &Context, sink: &mut Sink) {
    let source = cx.source(Part::Body);
    let segments = scan::segments(source);
    // End of the last link reported: a placeholder inside it is not reported again.
    let mut reported_until = 0;
    for (index, segment) in segments.iter().enumerate() {
        if segment.range.start < reported_until {
            continue;
        }
        if segment.kind == SegmentKind::Expression && starts_a_path(source, segments.get(index + 1)) {
            // `{{ company.website }}/renew`: the placeholder is the link's host.
            let end = templated_link_end(source, &segments, index);
            report_variable_link(sink, source, segment.range.start..end, &source[segment.range.clone()]);
            reported_until = end;
            continue;
        }
        if segment.kind != SegmentKind::Literal {
            continue;
        }
        let literal = &source[segment.range.clone()];
        for link in find_links(literal) {
            if !followed_by_placeholder(&segments, index, literal, &link) {
                continue;
            }
            let start = segment.range.start + link.range.start;
            let end = templated_link_end(source, &segments, index + 1);
            let placeholder = &source[segments[index + 1].range.clone()];
            report_variable_link(sink, source, start..end, placeholder);
            reported_until = end;
        }
    }
}

fn report_variable_link(sink: &mut Sink, source: &str, range: Range<usize>, placeholder: &str) {
    let url = excerpt(&source[range.clone()], 60);
    let message = Message::new(
        format!("短信链接“{url}”里有变量 {placeholder}：短信中的链接必须是固定文本（平台只审核通过固定链接），请改用固定的短链接"),
        format!(
            "The SMS link “{url}” contains the placeholder {placeholder}: links in SMS must be fixed text \
             (platforms approve fixed links only); use a fixed short link"
        ),
    );
    let location = Location { part: Part::Body, origin: Origin::Source, span: Span::of(source, range) };
    sink.report(RuleId::VariableInLink, message, Some(location), None, None);
}

/// Whether the literal `next` continues a placeholder into a URL path
/// (`/renew`, `/a?id=1`).
fn starts_a_path(source: &str, next: Option<&Segment>) -> bool {
    next.is_some_and(|next| {
        let text = &source[next.range.clone()];
        next.kind == SegmentKind::Literal && text.starts_with('/') && text[1..].starts_with(|c: char| is_url_char(c) && c != '/')
    })
}

/// Whether `link`, found in the literal `segments[index]`, runs to the end of
/// that literal and a `{{ … }}` placeholder comes right after it.
fn followed_by_placeholder(segments: &[Segment], index: usize, literal: &str, link: &Link) -> bool {
    link.raw_end == literal.len() && segments.get(index + 1).is_some_and(|next| next.kind == SegmentKind::Expression)
}

/// Where a link that continues into the placeholder `segments[from]` ends:
/// through placeholders and the link characters of literals between them.
fn templated_link_end(source: &str, segments: &[Segment], from: usize) -> usize {
    let mut end = segments.get(from).map_or(source.len(), |s| s.range.end);
    for segment in segments.iter().skip(from + 1) {
        match segment.kind {
            SegmentKind::Expression => end = segment.range.end,
            SegmentKind::Literal => {
                let literal = &source[segment.range.clone()];
                let len = literal.find(|c: char| !is_url_char(c)).unwrap_or(literal.len());
                end = trim_trailing_punctuation(source, segment.range.start..segment.range.start + len).max(end);
                if len < literal.len() {
                    break;
                }
            }
            SegmentKind::Statement | SegmentKind::Comment => break,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Diagnostic, Settings};
    use crate::library::model::{Shared, SampleProfile, Template};

    fn links(text: &str) -> Vec<&str> {
        find_links(text).into_iter().map(|l| &text[l.range]).collect()
    }

    fn hosts(text: &str) -> Vec<&str> {
        find_links(text).into_iter().map(|l| &text[l.host]).collect()
    }

    fn template(channel: Channel, body: &str, samples: &[(&str, &str)]) -> Template {
        let samples =
            samples.iter().map(|(name, data)| SampleProfile { name: (*name).into(), data: (*data).into() }).collect();
        Template { channel, body: body.into(), samples, ..Template::default() }
    }

    /// Runs this family alone with `hosts` allowed.
    fn run(template: &Template, allowed: &[&str], rule: RuleId) -> Vec<Diagnostic> {
        let mut settings = Settings::default();
        settings.words.link_hosts = allowed.iter().map(|h| (*h).to_owned()).collect();
        let library = Shared::default();
        let cx = Context::new(template, &library);
        let mut sink = Sink::new(&settings, template.channel);
        check(&cx, &mut sink, &settings.words);
        crate::check::group(sink.into_diagnostics()).into_iter().filter(|d| d.rule == rule).collect()
    }

    fn marked<'t>(diagnostics: &[Diagnostic], text: &'t str) -> Vec<&'t str> {
        diagnostics.iter().map(|d| &text[d.location.as_ref().unwrap().span.range.clone()]).collect()
    }

    // The finder ---------------------------------------------------------

    #[test]
    fn finds_links_with_and_without_scheme() {
        assert_eq!(links("详见 https://x.cn/a?b=1&c=2。谢谢"), vec!["https://x.cn/a?b=1&c=2"]);
        assert_eq!(links("HTTP://Example.COM/x, www.example.com."), vec!["HTTP://Example.COM/x", "www.example.com"]);
        assert_eq!(links("短链 t.cn/A6xYz 或 dwz.cn/abc"), vec!["t.cn/A6xYz", "dwz.cn/abc"]);
        assert_eq!(links("登录 10.0.0.1:8080/login 查看"), vec!["10.0.0.1:8080/login"]);
        assert_eq!(links("(see https://en.wikipedia.org/wiki/A_(b))."), vec!["https://en.wikipedia.org/wiki/A_(b)"]);
        assert_eq!(links("<a href=\"https://x.cn/p\">"), vec!["https://x.cn/p"]);
    }

    #[test]
    fn ordinary_text_has_no_links() {
        for text in [
            "版本 2.1.0.3 已发布",
            "邮箱 service@example.com",
            "比例 3.5/5",
            "v1.2/3",
            "e.g. this",
            "report.pdf",
            "example.com",
        ] {
            assert!(links(text).is_empty(), "{text}: {:?}", links(text));
        }
    }

    #[test]
    fn extracts_the_host_without_user_info_or_port() {
        assert_eq!(hosts("https://user:pw@Shop.example.com:8443/x?y#z"), vec!["Shop.example.com"]);
        assert_eq!(hosts("http://[::1]:80/"), vec!["[::1]"]);
        assert_eq!(hosts("https://x.cn?q=1"), vec!["x.cn"]);
        assert_eq!(hosts("https://"), vec![""]);
    }

    #[test]
    fn allow_list_accepts_subdomains_only_of_listed_hosts() {
        let allowed = vec!["example.com".to_owned(), "https://*.Short.CN/".to_owned()];
        assert!(host_allowed("example.com", &allowed));
        assert!(host_allowed("m.Example.com", &allowed));
        assert!(host_allowed("a.short.cn", &allowed));
        assert!(!host_allowed("badexample.com", &allowed));
        assert!(!host_allowed("example.com.evil.io", &allowed));
        assert!(host_allowed("anything.io", &[]));
        assert!(is_ipv4("192.168.1.1") && !is_ipv4("256.1.1.1") && !is_ipv4("1.2.3") && !is_ipv4("1.2.3.4.5"));
    }

    // insecure-link ------------------------------------------------------

    #[test]
    fn https_link_on_the_allow_list_is_fine() {
        let t =
            template(Channel::Email, "请访问 https://www.example.com/help 或 https://example.com。", &[("p", "{}")]);
        assert!(run(&t, &["example.com"], RuleId::InsecureLink).is_empty());
        assert!(run(&t, &[], RuleId::InsecureLink).is_empty(), "an empty list allows every host");
    }

    #[test]
    fn http_link_in_the_source_fires_once_with_a_fix() {
        let body = "您好 {{ name }}，\n请访问 http://example.com/a 完成升级。";
        let t = template(Channel::Email, body, &[("a", r#"{"name":"王"}"#), ("b", r#"{"name":"欧阳"}"#)]);
        let found = run(&t, &[], RuleId::InsecureLink);
        assert_eq!(found.len(), 1);
        let location = found[0].location.as_ref().unwrap();
        assert_eq!((location.origin, location.span.line, location.span.column), (Origin::Source, 2, 5));
        assert_eq!(marked(&found, body), vec!["http://example.com/a"]);
        assert_eq!(found[0].profiles, Vec::<String>::new());
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!((&body[fix.range.clone()], fix.replacement.as_str()), ("http://", "https://"));
        assert!(found[0].message.zh.contains("http"), "{}", found[0].message.zh);
    }

    #[test]
    fn bare_ip_and_unlisted_hosts_fire() {
        let body = "A https://192.168.1.10/login B https://evil.io/x C https://m.example.com/ok";
        let t = template(Channel::Email, body, &[("p", "{}")]);
        let found = run(&t, &["example.com"], RuleId::InsecureLink);
        assert_eq!(marked(&found, body), vec!["https://192.168.1.10/login", "https://evil.io/x"]);
        assert!(found[0].message.zh.contains("IP 地址 192.168.1.10"), "{}", found[0].message.zh);
        assert!(found[1].message.en.contains("evil.io is not on the list"), "{}", found[1].message.en);
        assert!(found.iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn links_from_data_fire_in_the_output_once_per_url() {
        let body = "详情：{{ url }}";
        let samples = [
            ("safe", r#"{"url":"https://example.com/a"}"#),
            ("http", r#"{"url":"http://example.com/a"}"#),
            ("http again", r#"{"url":"http://example.com/a"}"#),
        ];
        let found = run(&template(Channel::Sms, body, &samples), &[], RuleId::InsecureLink);
        assert_eq!(found.len(), 1);
        let location = found[0].location.as_ref().unwrap();
        assert_eq!((location.origin, location.span.column), (Origin::Output, 4));
        assert_eq!(found[0].profiles.first().map(String::as_str), Some("http"));
    }

    #[test]
    fn a_source_link_completed_by_a_placeholder_is_reported_at_the_source_only() {
        let body = "点击 http://x.cn/a?u={{ id }} 查看";
        let samples = [("a", r#"{"id":"1"}"#), ("b", r#"{"id":"2"}"#)];
        let found = run(&template(Channel::Email, body, &samples), &[], RuleId::InsecureLink);
        assert_eq!(marked(&found, body), vec!["http://x.cn/a?u="]);
        assert_eq!(found[0].location.as_ref().unwrap().origin, Origin::Source);
    }

    #[test]
    fn links_in_the_subject_are_checked() {
        let t = Template { subject: "见 http://x.cn/a".into(), ..template(Channel::Email, "正文", &[("p", "{}")]) };
        let found = run(&t, &[], RuleId::InsecureLink);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location.as_ref().unwrap().part, Part::Subject);
    }

    // variable-in-link ---------------------------------------------------

    #[test]
    fn a_placeholder_as_the_link_host_fires() {
        let body = "【星河】请访问 {{ company.website }}/renew 续费，或见 {{ a }}/ 与 {{ b }} / 页面。";
        let found = run(&template(Channel::Sms, body, &[("p", "{}")]), &[], RuleId::VariableInLink);
        assert_eq!(marked(&found, body), vec!["{{ company.website }}/renew"]);
    }

    #[test]
    fn placeholder_inside_or_right_after_an_sms_link_fires() {
        let body = "【星河】订单详情 https://x.cn/a?u={{ id }}&t={{ token }} 查看；退订回T";
        let found = run(&template(Channel::Sms, body, &[("p", "{}")]), &[], RuleId::VariableInLink);
        assert_eq!(marked(&found, body), vec!["https://x.cn/a?u={{ id }}&t={{ token }}"]);
        assert_eq!(found[0].location.as_ref().unwrap().origin, Origin::Source);
        assert!(found[0].message.zh.contains("{{ id }}"), "{}", found[0].message.zh);

        let body = "点击 t.cn/{{ code }}。";
        let found = run(&template(Channel::Sms, body, &[("p", "{}")]), &[], RuleId::VariableInLink);
        assert_eq!(marked(&found, body), vec!["t.cn/{{ code }}"]);

        let body = "https://{{ host }}/path";
        let found = run(&template(Channel::Sms, body, &[("p", "{}")]), &[], RuleId::VariableInLink);
        assert_eq!(marked(&found, body), vec!["https://{{ host }}/path"]);
    }

    #[test]
    fn fixed_sms_links_and_other_channels_do_not_fire() {
        for body in [
            "详情见 https://x.cn/a {{ name }}",
            "详情见 https://x.cn/a，{{ name }}",
            "{% if vip %}https://x.cn/v{% else %}https://x.cn/n{% endif %}",
            "{{ short_link }}",
        ] {
            let found = run(&template(Channel::Sms, body, &[("p", "{}")]), &[], RuleId::VariableInLink);
            assert!(found.is_empty(), "{body}: {found:?}");
        }
        let email = template(Channel::Email, "https://x.cn/a?u={{ id }}", &[("p", "{}")]);
        assert!(run(&email, &[], RuleId::VariableInLink).is_empty());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in
            ["http://", "https://@", "www.", "http://[", "1.1.1.1:", "h", "链接http://中文.cn/路径", "http://x.cn/{{"]
        {
            let _ = find_links(text);
            let t = template(Channel::Sms, text, &[("p", r#"{"x":"http://[::1"}"#)]);
            let _ = run(&t, &["example.com"], RuleId::InsecureLink);
            let _ = run(&t, &[], RuleId::VariableInLink);
        }
        assert_eq!(normalize_host("  "), "");
        assert!(!host_allowed("x.cn", &["".to_owned()]));
    }
}
