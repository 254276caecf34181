//! `typography`: Chinese copywriting conventions in the text the author wrote
//! (literal text of the source, so every finding can carry an edit):
//! - a space between Chinese and Latin letters or digits ("使用 iPhone 15 购买");
//! - full-width punctuation in Chinese sentences ("您好，" not "您好,");
//! - no doubled punctuation ("！！", "??", "。。").
//!
//! URLs, e-mail addresses and HTML tags are left alone, and half-width
//! punctuation only counts right after a Chinese character, so English
//! sentences, times (10:30), decimals (3.5), file names (报告.pdf) and list
//! markers ("1.") are not findings.

use std::ops::Range;

use super::{Context, Fix, Location, Message, Origin, RuleId, Sink};
use crate::library::model::Channel;
use crate::template::scan;
use crate::text::{is_cjk, is_latin_or_digit, Span};

pub(super) fn check(cx: &Context, sink: &mut Sink) {
    if !sink.wants(RuleId::Typography) {
        return;
    }
    // In an SMS every space costs a character of the 70, and the platforms'
    // own wording ("拒收请回复R", 【签名】) is written without spaces.
    let spacing = cx.template.channel != Channel::Sms;
    for part in cx.parts() {
        let source = cx.source(part);
        for (at, text) in scan::literals(source) {
            for issue in issues(text, spacing) {
                let shift = |range: Range<usize>| at.start + range.start..at.start + range.end;
                let span = Span::of(source, shift(issue.span.clone()));
                let message = issue.message(&text[issue.span.clone()]);
                let fix = issue.edit.map(|(range, replacement)| Fix {
                    title: fix_title(&replacement),
                    part,
                    range: shift(range),
                    replacement,
                });
                let location = Location { part, origin: Origin::Source, span };
                sink.report(RuleId::Typography, message, Some(location), None, fix);
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    MissingSpace,
    HalfWidth,
    Ellipsis,
    Doubled,
}

/// One finding in a piece of literal text (ranges are in that text).
#[derive(Debug, PartialEq, Eq)]
struct Issue {
    kind: Kind,
    /// What to underline.
    span: Range<usize>,
    /// How the underlined text should read.
    suggestion: String,
    /// The edit, when it is unambiguous.
    edit: Option<(Range<usize>, String)>,
}

impl Issue {
    fn message(&self, found: &str) -> Message {
        let fixed = &self.suggestion;
        match self.kind {
            Kind::MissingSpace => Message::new(
                format!("中文与英文字母或数字之间宜加一个空格：“{found}”→“{fixed}”。"),
                format!("Put a space between Chinese and Latin letters or digits: “{found}” → “{fixed}”."),
            ),
            Kind::HalfWidth => Message::new(
                format!("中文句子里应使用全角标点：把“{found}”改为“{fixed}”。"),
                format!("Use full-width punctuation in Chinese text: replace “{found}” with “{fixed}”."),
            ),
            Kind::Ellipsis => Message::new(
                format!("中文省略号应写作“……”，不要用“{found}”。"),
                format!("In Chinese text write the ellipsis as “……”, not “{found}”."),
            ),
            Kind::Doubled => Message::new(
                format!("标点“{found}”重复了，用一个“{fixed}”即可。"),
                format!("Repeated punctuation “{found}”: one “{fixed}” is enough."),
            ),
        }
    }
}

fn fix_title(replacement: &str) -> Message {
    if replacement == " " {
        Message::new("插入空格", "Insert a space")
    } else {
        Message::new(format!("改为“{replacement}”"), format!("Replace with “{replacement}”"))
    }
}

/// Every finding in `text`, in order.
fn issues(text: &str, spacing: bool) -> Vec<Issue> {
    let non_prose = NonProse::of(text);
    let mut found = Vec::new();
    if spacing {
        found.extend(missing_spaces(text, &non_prose));
    }
    found.extend(punctuation_issues(text, &non_prose));
    found.sort_by_key(|issue| issue.span.start);
    found
}

// ---------------------------------------------------------------- spacing

fn missing_spaces(text: &str, non_prose: &NonProse) -> Vec<Issue> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    chars
        .windows(2)
        .filter_map(|pair| {
            let [(a_at, a), (b_at, b)] = [pair[0], pair[1]];
            let mixed = (is_cjk(a) && is_latin_or_digit(b)) || (is_latin_or_digit(a) && is_cjk(b));
            if !mixed || non_prose.contains(a_at) || non_prose.contains(b_at) || is_filler_x(text, b_at) {
                return None;
            }
            Some(Issue {
                kind: Kind::MissingSpace,
                span: a_at..b_at + b.len_utf8(),
                suggestion: format!("{a} {b}"),
                edit: Some((b_at..b_at, " ".to_owned())),
            })
        })
        .collect()
}


// ---------------------------------------------------------------- punctuation

const HALF_WIDTH: &str = ",.!?:;";
const FULL_WIDTH: &str = "，。！？：；";

fn is_punctuation(c: char) -> bool {
    HALF_WIDTH.contains(c) || FULL_WIDTH.contains(c) || c == '、'
}

fn to_full_width(c: char) -> char {
    HALF_WIDTH.chars().position(|h| h == c).and_then(|i| FULL_WIDTH.chars().nth(i)).unwrap_or(c)
}

/// Whether the Latin side of the pair meeting at `b_at` is filler such as
/// `XXX` (尊敬的XXX先生): placeholder-leftover reports that; no space is owed.
fn is_filler_x(text: &str, b_at: usize) -> bool {
    let is_x = |c: &char| matches!(c, 'X' | 'x');
    let after = text[b_at..].chars().take_while(is_x).count();
    let before = text[..b_at].chars().rev().take_while(is_x).count();
    after >= 3 || before >= 3
}

/// Runs of punctuation marks, each judged as a whole ("!!" is one finding).
fn punctuation_issues(text: &str, non_prose: &NonProse) -> Vec<Issue> {
    let mut found = Vec::new();
    let mut rest = text.char_indices().peekable();
    while let Some((start, c)) = rest.next() {
        if !is_punctuation(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = rest.peek() {
            if !is_punctuation(next) {
                break;
            }
            end = at + next.len_utf8();
            rest.next();
        }
        if non_prose.contains(start) {
            continue;
        }
        if let Some((kind, suggestion, fixable)) = run_issue(&text[..start], &text[start..end], &text[end..]) {
            let edit = fixable.then(|| (start..end, suggestion.clone()));
            found.push(Issue { kind, span: start..end, suggestion, edit });
        }
    }
    found
}

/// What is wrong with the punctuation `run` between `before` and `after`:
/// the kind, the suggested text, and whether replacing the run by it is safe.
fn run_issue(before: &str, run: &str, after: &str) -> Option<(Kind, String, bool)> {
    let chinese = before.chars().next_back().is_some_and(is_cjk);
    if run.len() >= 3 && run.chars().all(|c| c == '.') {
        return chinese.then(|| (Kind::Ellipsis, "……".to_owned(), true));
    }
    if let Some(single) = without_repeats(run) {
        let suggestion = if chinese { single.chars().map(to_full_width).collect() } else { single };
        // "。。。" may have meant an ellipsis rather than one full stop.
        let fixable = run.matches('。').count() < 3;
        return Some((Kind::Doubled, suggestion, fixable));
    }
    let half_width = chinese && run.chars().any(|c| HALF_WIDTH.contains(c));
    if !half_width || is_name_dot(run, after) || is_list_marker(before, run) {
        return None;
    }
    Some((Kind::HalfWidth, run.chars().map(to_full_width).collect(), true))
}

/// `run` with repeated marks ("!!", "？?", "，，") kept once, or `None` when
/// no mark repeats. A colon pair is no typo (C++ names, IPv6).
fn without_repeats(run: &str) -> Option<String> {
    let mut kept = String::new();
    let mut repeated = false;
    for c in run.chars() {
        let repeats = kept.chars().next_back().is_some_and(|last| to_full_width(last) == to_full_width(c));
        if repeats && c != ':' {
            repeated = true;
        } else {
            kept.push(c);
        }
    }
    repeated.then_some(kept)
}

/// The dot of a file name or domain written after Chinese: 报告.pdf, 京东.com.
fn is_name_dot(run: &str, after: &str) -> bool {
    run == "." && after.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// A numbered-list marker at the start of a line: "一." or "十二.".
fn is_list_marker(before: &str, run: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十〇零百".contains(c);
    let marker: Vec<char> = before.chars().rev().take_while(|&c| numeral(c)).take(4).collect();
    if run != "." || !(1..=3).contains(&marker.len()) {
        return false;
    }
    let indent = &before[..before.len() - marker.iter().map(|c| c.len_utf8()).sum::<usize>()];
    indent.chars().rev().take_while(|&c| c != '\n').all(char::is_whitespace)
}

// ---------------------------------------------------------------- text that is not prose

/// The parts of a text that are not prose: HTML tags, style sheets and
/// scripts, URLs and e-mail addresses. The word rules skip them too.
pub(super) struct NonProse(Vec<Range<usize>>);

impl NonProse {
    pub(super) fn of(text: &str) -> NonProse {
        let mut ranges = Vec::new();
        if text.contains('<') {
            ranges.extend(html_tags(text));
            ranges.extend(html_blocks(text, "style"));
            ranges.extend(html_blocks(text, "script"));
        }
        ranges.extend(urls(text));
        ranges.extend(email_addresses(text));
        // Sorted and merged, so `contains` can search.
        ranges.sort_by_key(|range| range.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        NonProse(merged)
    }

    pub(super) fn contains(&self, at: usize) -> bool {
        let after = self.0.partition_point(|range| range.start <= at);
        after.checked_sub(1).and_then(|i| self.0.get(i)).is_some_and(|range| range.contains(&at))
    }
}

fn html_tags(text: &str) -> Vec<Range<usize>> {
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('<').map(|i| from + i) {
        from = open + 1;
        if !text[from..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            continue;
        }
        let Some(len) = text[open..].find('>') else { break }; // no '>' later: no more tags
        tags.push(open..open + len + 1);
        from = open + len + 1;
    }
    tags
}

/// `<name …>…</name>` blocks ("微软雅黑," in a font list is no Chinese sentence).
fn html_blocks(text: &str, name: &str) -> Vec<Range<usize>> {
    // ASCII lower-casing keeps every byte offset.
    let lower = text.to_ascii_lowercase();
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut blocks = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find(&open).map(|i| from + i) {
        let end = lower[start..].find(&close).map_or(text.len(), |len| start + len + close.len());
        blocks.push(start..end);
        from = end.max(start + 1);
    }
    blocks
}

/// URLs from their scheme (or `www.`) to the first character a URL cannot
/// hold in running text: a space, a quote, an angle bracket or a non-ASCII one.
fn urls(text: &str) -> Vec<Range<usize>> {
    const STARTS: [&str; 5] = ["http://", "https://", "ftp://", "mailto:", "www."];
    let url_char = |c: char| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>');
    let mut found: Vec<Range<usize>> = Vec::new();
    for (at, c) in text.char_indices() {
        // Every start begins with one of these letters: most characters need no more look.
        if !matches!(c.to_ascii_lowercase(), 'h' | 'f' | 'm' | 'w') {
            continue;
        }
        let inside_last = found.last().is_some_and(|last| at < last.end);
        let starts = STARTS.iter().any(|s| text.get(at..at + s.len()).is_some_and(|t| t.eq_ignore_ascii_case(s)));
        if inside_last || !starts || text[..at].ends_with(|c: char| c.is_ascii_alphanumeric()) {
            continue;
        }
        found.push(at..text[at..].find(|c: char| !url_char(c)).map_or(text.len(), |len| at + len));
    }
    found
}

fn email_addresses(text: &str) -> Vec<Range<usize>> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    text.match_indices('@')
        .filter_map(|(at, _)| {
            // Both parts are ASCII, so characters counted are bytes.
            let start = at - text[..at].chars().rev().take_while(|&c| local(c)).count();
            let end = at + 1 + text[at + 1..].chars().take_while(|&c| domain(c)).count();
            (start < at && text[at + 1..end].contains('.')).then_some(start..end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Diagnostic, Part, RuleSetting, Settings};
    use crate::library::model::{Shared, Template};

    fn run(template: &Template, settings: &Settings) -> Vec<Diagnostic> {
        let library = Shared::default();
        let cx = Context::new(template, &library);
        let mut sink = Sink::new(settings, template.channel);
        check(&cx, &mut sink);
        sink.into_diagnostics()
    }

    fn in_channel(channel: Channel, body: &str) -> Vec<Diagnostic> {
        run(&Template { channel, body: body.into(), ..Template::default() }, &Settings::default())
    }

    /// (column, underlined text, replacement) of each finding in a one-line e-mail body.
    fn findings(body: &str) -> Vec<(usize, String, Option<String>)> {
        in_channel(Channel::Email, body)
            .into_iter()
            .map(|d| {
                assert_eq!(d.rule, RuleId::Typography);
                let location = d.location.expect("typography points into the source");
                assert_eq!((location.part, location.origin, location.span.line), (Part::Body, Origin::Source, 1));
                let fix = d.fix.map(|fix| fix.replacement);
                (location.span.column, body[location.span.range].to_owned(), fix)
            })
            .collect()
    }

    fn finding(column: usize, found: &str, fix: Option<&str>) -> (usize, String, Option<String>) {
        (column, found.to_owned(), fix.map(str::to_owned))
    }

    fn with_fixes_applied(body: &str) -> String {
        let mut fixes: Vec<Fix> = in_channel(Channel::Email, body).into_iter().filter_map(|d| d.fix).collect();
        fixes.sort_by_key(|fix| std::cmp::Reverse(fix.range.start));
        let mut fixed = body.to_owned();
        for fix in fixes {
            fixed.replace_range(fix.range, &fix.replacement);
        }
        fixed
    }

    #[test]
    fn filler_xxx_owes_no_space_it_is_reported_as_a_leftover() {
        assert_eq!(findings("尊敬的XXX先生"), vec![]);
        assert_eq!(findings("尊敬的xxxx先生"), vec![]);
        assert_eq!(findings("型号XX1"), vec![finding(2, "号X", Some(" "))]);
    }

    #[test]
    fn cjk_means_ideographs_and_kana_not_punctuation_or_latin() {
        for c in ['中', '〇', '㐀', '𠀀', 'の', 'カ'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '1', '，', '。', '【', '￥', '·', ' ', 'é'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn a_missing_space_between_chinese_and_latin_fires_once_per_place() {
        assert_eq!(
            findings("使用iPhone购买共3件"),
            vec![
                finding(2, "用i", Some(" ")),
                finding(8, "e购", Some(" ")),
                finding(11, "共3", Some(" ")),
                finding(12, "3件", Some(" "))
            ]
        );
        let diagnostics = in_channel(Channel::Email, "使用iPhone");
        let fix = diagnostics[0].fix.clone().unwrap();
        assert_eq!(fix.range, 6..6, "inserts between 用 and i");
        assert_eq!(diagnostics[0].message.zh, "中文与英文字母或数字之间宜加一个空格：“用i”→“用 i”。");
    }

    #[test]
    fn spaced_text_percent_degree_and_currency_ask_for_nothing() {
        assert_eq!(findings("使用 iPhone 15 购买，50% 的用户，售价¥100，温度 25° 以上"), vec![]);
        assert_eq!(findings("50%的用户"), vec![]);
        assert_eq!(findings("Café 很好"), vec![]);
        assert_eq!(findings("Café很好"), vec![finding(4, "é很", Some(" "))]);
    }

    #[test]
    fn half_width_punctuation_after_chinese_fires() {
        assert_eq!(
            findings("您好,请注意:明天停机;谢谢!"),
            vec![
                finding(3, ",", Some("，")),
                finding(7, ":", Some("：")),
                finding(12, ";", Some("；")),
                finding(15, "!", Some("！")),
            ]
        );
        assert_eq!(findings("真的吗?!"), vec![finding(4, "?!", Some("？！"))], "one finding per run");
        let message = &in_channel(Channel::Email, "您好,")[0].message;
        assert!(message.zh.contains("“,”改为“，”") && message.en.contains("replace “,” with “，”"));
    }

    #[test]
    fn half_width_punctuation_in_english_times_decimals_and_names_is_fine() {
        assert_eq!(findings("Hello, world. Wait... OK! Really?!"), vec![]);
        assert_eq!(findings("会议时间 10:30，价格 3.5 元，详见 报告.pdf 或 京东.com"), vec![]);
        assert_eq!(findings("OK,好的"), vec![], "only after a Chinese character");
    }

    #[test]
    fn numbered_list_markers_are_fine() {
        let body = "步骤：\n1. 登录账户\n2.修改密码\n一.备份数据\n  十二. 完成";
        assert_eq!(in_channel(Channel::Email, body), vec![]);
    }

    #[test]
    fn urls_email_addresses_and_html_tags_are_left_alone() {
        assert_eq!(findings("访问https://example.com/a活动"), vec![]);
        assert_eq!(findings("请联系support@acme.com获取帮助"), vec![]);
        assert_eq!(findings("<a title=\"详情:点击\" href=\"https://x.cn\">查看</a>"), vec![]);
        assert_eq!(findings("<img alt=\"logo图\">"), vec![]);
        assert_eq!(findings("www.acme.com上线了"), vec![]);
        assert_eq!(findings("<STYLE>p{font-family:微软雅黑,Arial}</STYLE>您好,"), vec![finding(43, ",", Some("，"))]);
    }

    #[test]
    fn doubled_punctuation_fires_once_per_run() {
        assert_eq!(findings("太好了！！"), vec![finding(4, "！！", Some("！"))]);
        assert_eq!(findings("什么??"), vec![finding(3, "??", Some("？"))], "full-width in Chinese text");
        assert_eq!(findings("Really??"), vec![finding(7, "??", Some("?"))]);
        assert_eq!(findings("好，，走"), vec![finding(2, "，，", Some("，"))]);
        assert_eq!(findings("好的。。"), vec![finding(3, "。。", Some("。"))]);
        assert_eq!(findings("好的。。。"), vec![finding(3, "。。。", None)], "may have meant an ellipsis");
        assert_eq!(findings("什么？！"), vec![], "different marks are no repetition");
        assert_eq!(findings("std::vector"), vec![]);
    }

    #[test]
    fn a_half_width_ellipsis_after_chinese_fires() {
        assert_eq!(findings("请稍候..."), vec![finding(4, "...", Some("……"))]);
        assert_eq!(findings("请稍候……"), vec![]);
    }

    #[test]
    fn applying_the_fixes_leaves_nothing_to_fix() {
        let body = "使用iPhone购买,太好了!!请稍候...";
        let fixed = with_fixes_applied(body);
        assert_eq!(fixed, "使用 iPhone 购买，太好了！请稍候……");
        assert_eq!(findings(&fixed), vec![]);
    }

    #[test]
    fn positions_are_in_the_source_and_tags_are_not_text() {
        let diagnostics = in_channel(Channel::Email, "{{ x }}您好,欢迎\n{{ name }},您好{% if vip %}VIP{% endif %}");
        let spans: Vec<_> =
            diagnostics.iter().map(|d| d.location.clone().unwrap().span).map(|s| (s.line, s.column)).collect();
        assert_eq!(spans, vec![(1, 10)], "“,” after a placeholder may follow anything");
    }

    #[test]
    fn the_subject_is_checked_too() {
        let template = Template {
            channel: Channel::Email,
            subject: "新品上市!".into(),
            body: "您好".into(),
            ..Template::default()
        };
        let diagnostics = run(&template, &Settings::default());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].location.clone().unwrap().part, Part::Subject);
        assert_eq!(diagnostics[0].fix.clone().unwrap().part, Part::Subject);
    }

    #[test]
    fn sms_skips_spacing_but_not_punctuation() {
        let diagnostics = in_channel(Channel::Sms, "【星河】会员日8折,回T退订");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].fix.clone().unwrap().replacement, "，");
        assert_eq!(in_channel(Channel::Inapp, "会员日8折").len(), 2);
    }

    #[test]
    fn switched_off_reports_nothing() {
        let mut settings = Settings::default();
        settings.rules.insert(RuleId::Typography, RuleSetting { enabled: Some(false), severity: None });
        let template = Template { body: "您好,iPhone!!".into(), ..Template::default() };
        assert_eq!(run(&template, &settings), vec![]);
    }

    #[test]
    fn odd_text_never_panics() {
        for text in
            ["😀a中,。。..！？@@<", "@", "a@", "@.", "<", "<a", "www.", "中.", "..", "中\n.", "é@中.cn", "\u{0}中a"]
        {
            let _ = issues(text, true);
            let _ = in_channel(Channel::Email, text);
        }
    }
}
