//! `missing-greeting`, `not-personalized`, `missing-action`, `missing-closing`,
//! `missing-contact`: does a notification contain what brief.md says a good one
//! contains, in this order: a personal greeting, a call to action, a closing and
//! contact details?
//!
//! Presence is judged on the rendered body (closings and contact blocks often
//! come from partials or variables), for the first profile that renders; whether
//! the greeting is personal is judged on its line in the source. Precision over
//! recall: an element is reported missing only when none of its signs is found.

use std::ops::Range;
use std::sync::LazyLock;

use super::{Context, Location, Message, Origin, Part, RuleId, Sink};
use crate::library::model::Channel;
use crate::template::scan::{self, Segment, SegmentKind};
use crate::text::{char_offset, is_cjk, is_letter_or_digit, word_occurrences, Phrases, Span};

// Phrase lists, in lower case. English phrases match case-insensitively on
// word boundaries; Chinese phrases match anywhere.

// Greetings (brief.md: "a greeting that addresses the customer personally").
const ZH_GREETINGS: &[&str] =
    &["尊敬的", "亲爱的", "您好", "你好", "各位", "大家好", "早上好", "上午好", "中午好", "下午好", "晚上好"];
const EN_GREETINGS: &[&str] =
    &["dear", "hi", "hello", "hey", "greetings", "good morning", "good afternoon", "good evening"];
/// Honorifics after a name that make a greeting when followed by `TITLE_PUNCTUATION` (王先生：, 李总，).
const ZH_TITLES: &[&str] = &["先生", "女士", "小姐", "老师", "总", "经理"];
const TITLE_PUNCTUATION: &[char] = &['：', ':', '，', ','];
/// A wish that contains a greeting word but greets nobody (祝您好运).
const GREETING_FALSE_FRIENDS: &[&str] = &["您好运", "你好运"];

// Calls to action (brief.md: "what the customer should do next").
const ZH_ACTIONS: &[&str] = &[
    "点击", "立即", "登录", "回复", "访问", "前往", "查看", "联系", "预约", "填写", "扫码", "升级", "续费",
    "确认", "办理", "参与", "领取", "拨打", "致电", "下载",
];
const EN_ACTIONS: &[&str] = &[
    "please", "click", "tap", "visit", "log in", "login", "sign in", "reply", "call", "book", "update", "renew",
    "confirm", "download", "register", "sign up", "learn more", "contact",
];
/// 请 followed by a Chinese character is an instruction (请于、请点击), except in these words.
const ZH_REQUEST: &str = "请";
const REQUEST_FALSE_FRIENDS: &[&str] = &["申请", "请求"];

// Closings (brief.md: "an invitation to ask or give feedback, a wish suited to the occasion").
const ZH_CLOSINGS: &[&str] =
    &["祝", "感谢", "谢谢", "如有疑问", "如有任何问题", "欢迎", "期待", "此致", "敬礼", "敬请"];
const EN_CLOSINGS: &[&str] = &[
    "thank", "thanks", "regards", "sincerely", "best wishes", "feel free", "any questions", "questions?", "look forward",
    "looking forward", "happy holidays", "merry", "wishing you", "have a great", "have a good", "have a wonderful",
];
/// Celebrating is not wishing (庆祝 contains 祝).
const CLOSING_FALSE_FRIENDS: &[&str] = &["庆祝"];

// Contact details (brief.md: "hotline, e-mail, website or the account manager's role").
const ZH_CONTACT_ROLES: &[&str] = &["客服", "客户经理", "热线", "服务专员"];
const EN_CONTACT_ROLES: &[&str] =
    &["account manager", "support team", "customer service", "customer support", "help desk", "helpdesk"];
const LINK_STARTS: &[&str] = &["http://", "https://", "www."];

/// The greeting must start within this many characters of its line (about 20,
/// with room for a long name before 先生/女士).
const GREETING_WINDOW: usize = 24;
/// A name before an honorific is at most this long (欧阳娜娜, Alexander Smith).
const MAX_NAME_CHARS: usize = 16;
/// A line this short that does not end a sentence may be a title or header line.
const MAX_HEADER_CHARS: usize = 30;
/// The words a Chinese official document's title ends with (its genre, 文种).
const DOCUMENT_GENRES: &[&str] = &["通知", "公告", "通告", "通报", "声明", "决定", "办法", "规定", "函"];
const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?', '.', '，', ',', '；', ';', '…'];
/// Punctuation that ends a greeting (亲爱的客户们：, Dear customer,).
const CLAUSE_END: &[char] = &['：', ':', '，', ',', '！', '!', '。'];
/// Source lines searched for the greeting beyond the rendered opening lines
/// (lines that render nothing, such as a lone `{% if %}`).
const SOURCE_SLACK: usize = 4;
/// What to tell the user when something is missing: what is wrong and what to
/// add (the Chinese text ends with "，" so the example follows), with an example
/// in the template's own language.
struct Advice {
    zh: &'static str,
    en: &'static str,
    zh_example: &'static str,
    en_example: &'static str,
}

impl Advice {
    fn message(&self, chinese: bool) -> Message {
        let example = if chinese { self.zh_example } else { self.en_example };
        Message::new(format!("{}例如“{}”", self.zh, example), format!("{} Example: “{}”", self.en, example))
    }
}

const GREETING_ADVICE: Advice = Advice {
    zh: "开头没有称呼。建议在正文开头称呼客户，",
    en: "The message does not start with a greeting. Address the customer at the start.",
    zh_example: "尊敬的{{ customer.name }}：",
    en_example: "Dear {{ customer.name }},",
};
const PERSONAL_ADVICE: Advice = Advice {
    zh: "称呼没有使用客户信息，每位客户看到的都一样。建议写上客户的姓名或称谓，",
    en: "The greeting uses no customer field, so every customer sees the same words. Address the customer by name.",
    zh_example: "尊敬的{{ customer.name }}：",
    en_example: "Dear {{ customer.name }},",
};
const ACTION_ADVICE: Advice = Advice {
    zh: "没有行动指引，客户不知道下一步该做什么。建议写明要做的事，流程有变时分步骤说明，",
    en: "No call to action: the customer is not told what to do next. Say what to do, in steps if a process changes.",
    zh_example: "请点击下方链接完成续费",
    en_example: "Please click the link below to renew.",
};
const CLOSING_ADVICE: Advice = Advice {
    zh: "缺少结束语。建议在结尾邀请客户提问或反馈，并送上祝福，",
    en: "There is no closing. End with an invitation to ask questions or give feedback, and a good wish.",
    zh_example: "如有疑问，欢迎随时联系我们。祝您工作顺利！",
    en_example: "If you have any questions, feel free to contact us. Best wishes,",
};
const CONTACT_ADVICE: Advice = Advice {
    zh: "没有联系方式。建议写明客服热线、邮箱、网址或客户经理，",
    en: "There are no contact details. Give a hotline, an e-mail address, a website or the account manager.",
    zh_example: "客服热线：400-800-1234",
    en_example: "Customer service: 400-800-1234",
};

/// Each profile's output is judged on its own: a greeting or a contact line
/// that a field or a condition leaves out is missing for those customers.
pub(super) fn check(cx: &Context, sink: &mut Sink) {
    for (render, rendered) in cx.outputs(Part::Body) {
        if rendered.text.trim().is_empty() {
            continue;
        }
        let profile = Some(render.profile.as_str());
        let visible = rendered.visible();
        let chinese = is_chinese(visible);
        check_greeting(cx, visible, chinese, profile, sink);
        report_if_missing(sink, RuleId::MissingAction, || has_action(visible), &ACTION_ADVICE, chinese, profile);
        report_if_missing(sink, RuleId::MissingClosing, || has_closing(visible), &CLOSING_ADVICE, chinese, profile);
        // Links and mailto: addresses may sit in HTML attributes, so the markup counts too.
        let contact = || has_contact(&rendered.text) || (visible != rendered.text && has_contact(visible));
        report_if_missing(sink, RuleId::MissingContact, contact, &CONTACT_ADVICE, chinese, profile);
    }
}

/// Reports `rule` for `profile` when it is on and `present` finds nothing.
fn report_if_missing(sink: &mut Sink, rule: RuleId, present: impl FnOnce() -> bool, advice: &Advice, chinese: bool, profile: Option<&str>) {
    if sink.wants(rule) && !present() {
        sink.report(rule, advice.message(chinese), None, profile, None);
    }
}

fn check_greeting(cx: &Context, visible: &str, chinese: bool, profile: Option<&str>, sink: &mut Sink) {
    if !sink.wants(RuleId::MissingGreeting) && !sink.wants(RuleId::NotPersonalized) {
        return;
    }
    let channel = cx.template.channel;
    let source = cx.source(Part::Body);
    let Some(greeting) = find_greeting(visible, channel) else {
        if !opens_with_name_variable(source, cx.segments(Part::Body)) {
            sink.report(RuleId::MissingGreeting, GREETING_ADVICE.message(chinese), None, profile, None);
        }
        return;
    };
    let lines = header_lines(channel) + 1 + SOURCE_SLACK;
    if let Some(span) = impersonal_greeting(source, cx.segments(Part::Body), greeting, lines) {
        let location = Location { part: Part::Body, origin: Origin::Source, span };
        sink.report(RuleId::NotPersonalized, PERSONAL_ADVICE.message(chinese), Some(location), profile, None);
    }
}

// ---------------------------------------------------------------------------
// Phrase matching, shared by every rule of this family.

// Each list is made a matcher once: the rules look for them in every rendered message.
static GREETINGS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[ZH_GREETINGS, EN_GREETINGS]));
static NOT_GREETINGS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[GREETING_FALSE_FRIENDS]));
static TITLES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[ZH_TITLES]));
static ACTIONS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[ZH_ACTIONS, EN_ACTIONS]));
static REQUESTS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[&[ZH_REQUEST]]));
static NOT_REQUESTS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[REQUEST_FALSE_FRIENDS]));
static CLOSINGS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[ZH_CLOSINGS, EN_CLOSINGS]));
static NOT_CLOSINGS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[CLOSING_FALSE_FRIENDS]));
static CONTACTS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[LINK_STARTS, ZH_CONTACT_ROLES, EN_CONTACT_ROLES]));
static NOTHING: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&[]));

/// Where the first of `phrases` occurs in `text`.
fn find_phrase(text: &str, phrases: &Phrases, false_friends: &Phrases) -> Option<Range<usize>> {
    // ASCII lower-casing keeps every byte offset, so ranges hold for `text`.
    let lower = text.to_ascii_lowercase();
    let first = hits_in(&lower, phrases, false_friends).next();
    first
}

/// Every occurrence of `phrases` in `text`, in order.
fn phrase_hits(text: &str, phrases: &Phrases, false_friends: &Phrases) -> Vec<Range<usize>> {
    let lower = text.to_ascii_lowercase();
    hits_in(&lower, phrases, false_friends).collect()
}

/// The occurrences of `phrases` in `lower` (ASCII letters compared
/// case-insensitively, an English phrase never inside a longer word) that
/// are not part of one of `false_friends`.
fn hits_in<'a>(lower: &'a str, phrases: &'a Phrases, false_friends: &'a Phrases) -> impl Iterator<Item = Range<usize>> + 'a {
    phrases.occurrences(lower).filter(move |hit| !false_friends.cover(lower, hit))
}

/// Whether the text is mainly Chinese: at least as many Chinese characters as
/// English words (a URL or a product name does not make a Chinese text English).
fn is_chinese(text: &str) -> bool {
    let (mut cjk, mut words, mut in_word) = (0, 0, false);
    for c in text.chars() {
        cjk += usize::from(is_cjk(c));
        words += usize::from(!in_word && c.is_ascii_alphabetic());
        in_word = c.is_ascii_alphabetic();
    }
    cjk > 0 && cjk >= words
}

// ---------------------------------------------------------------------------
// Rendered text.

// ---------------------------------------------------------------------------
// Greeting.

/// Non-empty lines that may come before the greeting: a formal notice's header
/// (company, title, version, dates), an e-mail's title line; none in an SMS.
fn header_lines(channel: Channel) -> usize {
    match channel {
        Channel::Notice => 6,
        Channel::Sms => 0,
        Channel::Email | Channel::Inapp => 2,
    }
}

/// The words of the greeting the text opens with, as they appear in the text.
fn find_greeting(visible: &str, channel: Channel) -> Option<&str> {
    for line in opening_lines(visible).take(header_lines(channel) + 1) {
        if let Some(range) = greeting_in(line) {
            return Some(&line[range]);
        }
        if channel == Channel::Notice && is_addressee_line(line) {
            return Some(line);
        }
        let header = looks_like_header(line) || (channel == Channel::Notice && is_document_title(line));
        if !header {
            break;
        }
    }
    None
}

/// A formal notice's addressee line (主送: "各部门、各分公司：", "全体员工："):
/// short, one clause, ending in a colon.
fn is_addressee_line(line: &str) -> bool {
    let Some(addressee) = line.strip_suffix(['：', ':']) else { return false };
    !addressee.is_empty() && addressee.chars().count() <= MAX_HEADER_CHARS && !addressee.contains(SENTENCE_END)
}

/// A document title, however long: "关于印发《…》的通知".
fn is_document_title(line: &str) -> bool {
    DOCUMENT_GENRES.iter().any(|genre| line.ends_with(genre)) && !line.contains(SENTENCE_END)
}

/// The non-empty lines of `text`, trimmed, without a leading 【signature】.
fn opening_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(|line| skip_signature(line.trim())).filter(|line| !line.is_empty())
}

fn skip_signature(line: &str) -> &str {
    match line.strip_prefix('【').and_then(|rest| rest.find('】').map(|close| &rest[close + '】'.len_utf8()..])) {
        Some(rest) => rest.trim_start(),
        None => line,
    }
}

/// A short line that does not end a sentence: a title, a company name, a date.
fn looks_like_header(line: &str) -> bool {
    line.chars().count() <= MAX_HEADER_CHARS && !line.ends_with(SENTENCE_END)
}

/// The greeting near the start of `line`: a greeting word, or a name with an honorific.
fn greeting_in(line: &str) -> Option<Range<usize>> {
    // A salutation line ("…研发中心各位同事：") addresses its readers however
    // long the name before the greeting word is.
    let window = if line.ends_with(['：', ':']) { line.len() } else { char_offset(line, GREETING_WINDOW) };
    let word = find_phrase(line, &GREETINGS, &NOT_GREETINGS);
    [word, titled_name(line)].into_iter().flatten().filter(|r| r.start < window).min_by_key(|r| r.start)
}

/// An honorific after a name at the start of the line, with its punctuation:
/// the `先生：` of `王先生：`.
fn titled_name(line: &str) -> Option<Range<usize>> {
    phrase_hits(line, &TITLES, &NOTHING).into_iter().find_map(|title| {
        let mark = line[title.end..].chars().next().filter(|c| TITLE_PUNCTUATION.contains(c))?;
        let name = &line[..title.start];
        let length = name.chars().count();
        let is_name =
            (1..=MAX_NAME_CHARS).contains(&length) && name.chars().all(|c| (is_letter_or_digit(c) && !c.is_ascii_digit()) || c == ' ' || c == '·');
        is_name.then(|| title.start..title.end + mark.len_utf8())
    })
}

/// Whether the source opens with a variable that addresses the reader on its
/// own: `{{ customer.name }}：` or `{{ customer.name }},` ending its line (a
/// name alone is a salutation; rendered, it looks like any other word).
fn opens_with_name_variable(source: &str, segments: &[Segment]) -> bool {
    let mut opening = segments.iter().skip_while(|s| match s.kind {
        SegmentKind::Statement | SegmentKind::Comment => true,
        SegmentKind::Literal => skip_signature(source[s.range.clone()].trim()).is_empty(),
        SegmentKind::Expression => false,
    });
    let (Some(first), Some(next)) = (opening.next(), opening.next()) else { return false };
    if first.kind != SegmentKind::Expression || next.kind != SegmentKind::Literal {
        return false;
    }
    let after = &source[next.range.clone()];
    let ends_line = |rest: &str| rest.lines().next().is_none_or(|line| line.trim().is_empty());
    after.starts_with(['：', ':']) || after.strip_prefix(['，', ',']).is_some_and(ends_line)
}

/// Where the greeting `words` are written in the opening `lines` of the source,
/// when nothing on that line is filled in from the data and no `{% if %}`
/// chooses it. `None` when it is personal, or when it is not literal text of
/// this template (it comes from a variable or a partial).
fn impersonal_greeting(source: &str, segments: &[Segment], words: &str, lines: usize) -> Option<Span> {
    let end = opening_end(source, segments, lines);
    let (segment, hit) =
        segments.iter().filter(|s| s.kind == SegmentKind::Literal && s.range.start < end).find_map(|s| {
            let found = word_occurrences(&source[s.range.clone()].to_ascii_lowercase(), words).into_iter().next()?;
            Some((s, s.range.start + found.start..s.range.start + found.end))
        })?;
    if hit.start >= end {
        return None;
    }
    let line = line_around(source, hit.start);
    if is_personalised(source, segments, &line) {
        return None;
    }
    let start = greeting_start(source, line.start.max(segment.range.start), hit.start);
    Some(Span::of(source, start..clause_end(source, &hit, line.end)))
}

/// Byte offset where the first `lines` source lines with visible content end
/// (a line holding only `{% … %}` tags or comments shows nothing).
fn opening_end(source: &str, segments: &[Segment], lines: usize) -> usize {
    let mut seen = 0;
    let mut first = 0;
    let mut start = 0;
    for text in source.split_inclusive('\n') {
        let line = start..start + text.len();
        start = line.end;
        while first < segments.len() && segments[first].range.end <= line.start {
            first += 1;
        }
        let shows = segments[first..].iter().take_while(|s| s.range.start < line.end).any(|s| match s.kind {
            SegmentKind::Expression => true,
            SegmentKind::Literal => !source[s.range.start.max(line.start)..s.range.end.min(line.end)].trim().is_empty(),
            SegmentKind::Statement | SegmentKind::Comment => false,
        });
        if shows {
            seen += 1;
            if seen >= lines {
                return line.end;
            }
        }
    }
    source.len()
}

/// The line (without its newline) that contains byte `at`.
fn line_around(source: &str, at: usize) -> Range<usize> {
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    start..end
}

/// Whether `line` prints a `{{ … }}` expression, or an `{% if %}` chooses it
/// (on the line itself or around it).
fn is_personalised(source: &str, segments: &[Segment], line: &Range<usize>) -> bool {
    let on_line =
        segments.iter().filter(|s| s.range.start < line.end && line.start < s.range.end).any(|s| match s.kind {
            SegmentKind::Expression => true,
            SegmentKind::Statement => matches!(scan::tag_word(&source[s.range.clone()]), "if" | "elif" | "else"),
            SegmentKind::Literal | SegmentKind::Comment => false,
        });
    on_line || inside_if(source, segments, line.start)
}

/// Whether byte `at` lies inside an `{% if %}` block.
fn inside_if(source: &str, segments: &[Segment], at: usize) -> bool {
    let depth =
        segments.iter().filter(|s| s.kind == SegmentKind::Statement && s.range.end <= at).fold(0usize, |depth, s| {
            match scan::tag_word(&source[s.range.clone()]) {
                "if" => depth + 1,
                "endif" => depth.saturating_sub(1),
                _ => depth,
            }
        });
    depth > 0
}

/// Where the greeting starts: at `from`, past blanks, HTML tags and a 【signature】.
fn greeting_start(source: &str, from: usize, hit: usize) -> usize {
    let mut at = from;
    loop {
        let rest = &source[at..hit];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        let skip = if trimmed.starts_with('【') {
            trimmed.find('】').map(|close| close + '】'.len_utf8())
        } else if trimmed.starts_with('<') {
            trimmed.find('>').map(|close| close + 1)
        } else {
            None
        };
        match skip {
            Some(length) => at += length,
            None => return at,
        }
    }
}

/// Where the greeting clause ends: after its punctuation (`：`, `,`), before a
/// tag, or at the end of the line.
fn clause_end(source: &str, hit: &Range<usize>, line_end: usize) -> usize {
    if source[hit.clone()].ends_with(CLAUSE_END) {
        return hit.end;
    }
    let rest = &source[hit.end..line_end];
    for (i, c) in rest.char_indices() {
        if CLAUSE_END.contains(&c) {
            return hit.end + i + c.len_utf8();
        }
        if c == '<' || c == '{' {
            return hit.end + rest[..i].trim_end().len();
        }
    }
    hit.end + rest.trim_end().len()
}

// ---------------------------------------------------------------------------
// Call to action, closing, contact.

fn has_action(text: &str) -> bool {
    find_phrase(text, &ACTIONS, &NOTHING).is_some() || has_request(text)
}

/// 请 followed by a Chinese character: 请于、请点击、请您.
fn has_request(text: &str) -> bool {
    phrase_hits(text, &REQUESTS, &NOT_REQUESTS).into_iter().any(|hit| text[hit.end..].chars().next().is_some_and(is_cjk))
}

fn has_closing(text: &str) -> bool {
    find_phrase(text, &CLOSINGS, &NOT_CLOSINGS).is_some()
}

fn has_contact(text: &str) -> bool {
    find_phrase(text, &CONTACTS, &NOTHING).is_some()
        || has_email_address(text)
        || has_phone_number(text)
}

fn has_email_address(text: &str) -> bool {
    let local_char = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    text.match_indices('@').any(|(at, _)| {
        let has_local = text[..at].chars().next_back().is_some_and(local_char);
        let rest = &text[at + 1..];
        let domain_end =
            rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')).unwrap_or(rest.len());
        has_local && is_domain(rest[..domain_end].trim_end_matches('.'))
    })
}

/// `example.com`, `mail.example.com.cn`: labels, the last of two or more letters.
fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let top = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && top.len() >= 2
        && top.chars().all(|c| c.is_ascii_alphabetic())
}

fn has_phone_number(text: &str) -> bool {
    phone_candidates(text).into_iter().any(|run| is_phone_number(run) || run.split_whitespace().any(is_phone_number))
}

fn is_phone_start(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '+' | '(' | '（')
}

fn is_phone_char(c: char) -> bool {
    is_phone_start(c) || matches!(c, ' ' | '-' | ')' | '）')
}

/// Runs of digits with the separators phone numbers are written with
/// (`+86 138 0013 8000`, `(021) 1234 5678`, `400-800-1234`), not inside a
/// longer word or number.
fn phone_candidates(text: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), '\0'))) {
        match start {
            Some(from) if !is_phone_char(c) => {
                let run = text[from..at].trim_end_matches(|d: char| !d.is_ascii_digit());
                let glued = run.len() == at - from && c.is_ascii_alphanumeric();
                if !run.is_empty() && !glued {
                    runs.push(run);
                }
                start = None;
            }
            None if is_phone_start(c) && !previous.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.') => {
                start = Some(at);
            }
            _ => {}
        }
        previous = Some(c);
    }
    runs
}

/// A mainland mobile (1[3-9] and 9 digits), a 400/800 service number, a
/// landline with its area code (010, 02x, 0xxx), or an international number
/// written with `+`.
fn is_phone_number(run: &str) -> bool {
    let digits: String = run.chars().filter(char::is_ascii_digit).collect();
    if run.starts_with('+') {
        return (8..=15).contains(&digits.len());
    }
    let d = digits.as_bytes();
    let mobile = d.len() == 11 && d[0] == b'1' && (b'3'..=b'9').contains(&d[1]);
    let service = d.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"));
    let landline = d.len() >= 2
        && d[0] == b'0'
        && match d[1] {
            b'1' => digits.starts_with("010") && d.len() == 11,
            b'2' => d.len() == 11,
            b'3'..=b'9' => d.len() == 11 || d.len() == 12,
            _ => false,
        };
    mobile || service || landline
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::check::{Diagnostic, Settings};
    use crate::library::model::{Shared, SampleProfile, Template};

    const SAMPLE: &str = r#"{"customer": {"name": "张伟", "vip": false}, "name": "张伟", "greeting": "尊敬的客户"}"#;

    const GOOD_ZH_EMAIL: &str = "尊敬的{{ customer.name }}：

您好！您使用的星河云盘将于 6 月 1 日升级到 3.0 版本，同步速度提升一倍，误删的文件可以在 90 天内找回。

请在 5 月 31 日前登录客户端，点击“设置 > 检查更新”完成升级。

如有疑问，欢迎随时联系我们。祝您工作顺利！

客服热线：400-800-1234
邮箱：support@example.com
";

    const GOOD_EN_EMAIL: &str = "Dear {{ customer.name }},

Your cloud drive moves to version 3.0 on 1 June: syncing is twice as fast and deleted files can be restored for 90 days.

Please log in before 31 May and choose Settings > Check for updates.

If you have any questions, feel free to reply to this e-mail.

Best regards,
Customer Service, +44 20 7946 0958
";

    fn template(channel: Channel, body: &str) -> Template {
        Template {
            channel,
            body: body.into(),
            samples: vec![SampleProfile { name: "张伟".into(), data: SAMPLE.into() }],
            ..Template::default()
        }
    }

    const FAMILY: &[RuleId] = &[
        RuleId::MissingGreeting,
        RuleId::NotPersonalized,
        RuleId::MissingAction,
        RuleId::MissingClosing,
        RuleId::MissingContact,
    ];

    /// This family's findings with the default settings. Runs the family alone,
    /// so that work in progress on other families cannot break these tests;
    /// `runs_inside_the_checker` shows the same through `check::check`.
    fn run(template: &Template, library: &Shared) -> Vec<Diagnostic> {
        run_with(template, library, &Settings::default())
    }

    fn run_with(template: &Template, library: &Shared, settings: &Settings) -> Vec<Diagnostic> {
        let cx = Context::new(template, library);
        let mut sink = Sink::new(settings, template.channel);
        check(&cx, &mut sink);
        crate::check::group(sink.into_diagnostics())
    }

    fn with_partial(name: &str, source: &str) -> Shared {
        Shared { partials: BTreeMap::from([(name.to_owned(), source.to_owned())]), ..Shared::default() }
    }

    fn rules(channel: Channel, body: &str) -> Vec<RuleId> {
        run(&template(channel, body), &Shared::default()).into_iter().map(|d| d.rule).collect()
    }

    fn fires(rule: RuleId, channel: Channel, body: &str) -> bool {
        rules(channel, body).contains(&rule)
    }

    fn email_fires(rule: RuleId, body: &str) -> bool {
        fires(rule, Channel::Email, body)
    }

    /// The one `not-personalized` finding: its line, column and underlined text.
    fn impersonal(channel: Channel, body: &str) -> (usize, usize, String) {
        let found: Vec<Diagnostic> = run(&template(channel, body), &Shared::default())
            .into_iter()
            .filter(|d| d.rule == RuleId::NotPersonalized)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        let location = found[0].location.clone().expect("points at the greeting");
        assert_eq!((location.part, location.origin), (Part::Body, Origin::Source));
        let span = location.span;
        (span.line, span.column, body[span.range].to_owned())
    }

    // -- whole messages

    #[test]
    fn a_complete_chinese_email_fires_nothing() {
        assert_eq!(rules(Channel::Email, GOOD_ZH_EMAIL), vec![]);
    }

    #[test]
    fn a_complete_english_email_fires_nothing() {
        assert_eq!(rules(Channel::Email, GOOD_EN_EMAIL), vec![]);
    }

    #[test]
    fn runs_inside_the_checker() {
        let family = |body: &str, channel| -> Vec<RuleId> {
            let found = crate::check::check(&template(channel, body), &Shared::default(), &Settings::default());
            let mut rules: Vec<RuleId> =
                found.into_iter().map(|d| d.rule).filter(|rule| FAMILY.contains(rule)).collect();
            rules.sort();
            rules
        };
        assert_eq!(family(GOOD_ZH_EMAIL, Channel::Email), vec![]);
        let bare = vec![RuleId::MissingGreeting, RuleId::MissingAction, RuleId::MissingClosing, RuleId::MissingContact];
        assert_eq!(family("您的订单已发货。", Channel::Email), bare);
        assert_eq!(
            family("亲爱的客户们：\n您的订单已发货。", Channel::Sms),
            vec![RuleId::MissingAction, RuleId::NotPersonalized]
        );
    }

    #[test]
    fn a_bare_message_fires_every_missing_element_once_naming_the_profiles() {
        let found = run(&template(Channel::Email, "您的订单已发货。"), &Shared::default());
        let ids: Vec<RuleId> = found.iter().map(|d| d.rule).collect();
        assert_eq!(
            ids,
            vec![RuleId::MissingGreeting, RuleId::MissingAction, RuleId::MissingClosing, RuleId::MissingContact]
        );
        assert!(found.iter().all(|d| d.location.is_none() && d.profiles == ["张伟"]));
        let two_samples = Template {
            samples: vec![
                SampleProfile { name: "a".into(), data: SAMPLE.into() },
                SampleProfile { name: "b".into(), data: SAMPLE.into() },
            ],
            ..template(Channel::Email, "您的订单已发货。")
        };
        let found = run(&two_samples, &Shared::default());
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|d| d.profiles == ["a", "b"]));
    }

    #[test]
    fn a_salutation_line_greets_after_a_long_name() {
        let body = "上海张江研发中心客户成功与实施交付部（含外包驻场团队）各位同事：\n请于本周五前完成培训。";
        let found = run(&template(Channel::Notice, body), &Shared::default());
        assert!(found.iter().all(|d| d.rule != RuleId::MissingGreeting), "{found:?}");
    }

    #[test]
    fn each_profile_is_judged_on_its_own_output() {
        // The greeting comes from a field one customer lacks.
        let template = Template {
            samples: vec![
                SampleProfile { name: "有称呼".into(), data: r#"{"greeting": "尊敬的王女士："}"#.into() },
                SampleProfile { name: "无称呼".into(), data: "{}".into() },
            ],
            ..template(Channel::Email, "{{ greeting }}\n您的订单已发货，请点击链接查看。如有疑问请致电 400-800-1234。祝好！")
        };
        let found = run(&template, &Shared::default());
        let greeting: Vec<&Diagnostic> = found.iter().filter(|d| d.rule == RuleId::MissingGreeting).collect();
        assert_eq!(greeting.len(), 1, "{found:?}");
        assert_eq!(greeting[0].profiles, ["无称呼"]);
    }

    #[test]
    fn messages_say_what_to_add_in_both_languages_with_an_example_in_the_template_language() {
        let zh = run(&template(Channel::Email, "您的订单已发货。"), &Shared::default());
        let greeting = &zh[0].message;
        assert!(greeting.zh.contains("称呼") && greeting.zh.contains("尊敬的{{ customer.name }}："), "{greeting:?}");
        assert!(
            greeting.en.contains("greeting") && greeting.en.contains("尊敬的{{ customer.name }}："),
            "{greeting:?}"
        );
        let en = run(&template(Channel::Email, "Your order has shipped."), &Shared::default());
        assert!(en[0].message.en.contains("Dear {{ customer.name }},"), "{:?}", en[0].message);
        assert!(en[0].message.zh.contains("Dear {{ customer.name }},"), "{:?}", en[0].message);
    }

    #[test]
    fn without_a_successful_render_the_family_is_silent() {
        for body in ["您的订单{{ 已发货", "您的订单 {{ customer.name.first.x }}"] {
            let template = template(Channel::Email, body);
            let library = Shared::default();
            assert_eq!(Context::new(&template, &library).outputs(Part::Body).count(), 0, "{body} must not render");
            assert_eq!(run(&template, &library), vec![], "{body}");
        }
        let broken_sample = Template {
            samples: vec![SampleProfile { name: "broken".into(), data: "{".into() }],
            ..template(Channel::Email, "您的订单已发货。")
        };
        assert_eq!(run(&broken_sample, &Shared::default()), vec![]);
    }

    #[test]
    fn an_empty_body_is_not_judged_yet() {
        assert_eq!(rules(Channel::Email, ""), vec![]);
        assert_eq!(rules(Channel::Email, "  \n{# draft #}\n"), vec![]);
    }

    #[test]
    fn switched_off_rules_stay_silent() {
        let mut settings = Settings::default();
        let off = crate::check::RuleSetting { enabled: Some(false), severity: None };
        settings.rules.insert(RuleId::MissingGreeting, off);
        settings.rules.insert(RuleId::NotPersonalized, off);
        let found = run_with(&template(Channel::Email, "您的订单已发货。"), &Shared::default(), &settings);
        assert!(!found.iter().any(|d| d.rule == RuleId::MissingGreeting || d.rule == RuleId::NotPersonalized));
        assert!(found.iter().any(|d| d.rule == RuleId::MissingAction));
    }

    // -- missing-greeting

    #[test]
    fn chinese_greetings_count() {
        for body in [
            "尊敬的{{ name }}：",
            "亲爱的{{ name }}，",
            "{{ name }}，您好！",
            "你好，{{ name }}",
            "各位{{ name }}：",
            "早上好，{{ name }}！",
            "下午好{{ name }}",
            "{{ name }}先生：",
            "{{ name }}女士，",
            "王总，最近好吗",
            "{{ name }}经理:",
            "Hi {{ name }}，",
            "Hello，{{ name }}",
        ] {
            assert!(!email_fires(RuleId::MissingGreeting, &format!("{body}\n您的订单已发货。")), "{body}");
        }
    }

    #[test]
    fn english_greetings_count() {
        for body in
            ["Dear {{ name }},", "Hi {{ name }},", "HELLO {{ name }}!", "Hey {{ name }},", "Good morning {{ name }},"]
        {
            assert!(!email_fires(RuleId::MissingGreeting, &format!("{body}\nYour order has shipped.")), "{body}");
        }
    }

    #[test]
    fn no_greeting_at_the_start_fires() {
        for body in [
            "您的订单已发货。",
            "您的订单已发货。\n尊敬的{{ name }}，感谢您的支持。",
            "本次系统升级将带来更快的同步速度与更稳定的连接体验，亲爱的用户",
            "总计：100 元。",
            "本季度共 3 位客户经理：张三、李四。",
            "祝您好运！",
            "Your order has shipped.",
            "This week: your order has shipped.",
            "Hiking gear update: your order has shipped.",
            "Dearborn store: your order has shipped.",
        ] {
            assert!(email_fires(RuleId::MissingGreeting, body), "{body}");
        }
    }

    #[test]
    fn a_name_variable_alone_is_a_greeting() {
        for body in [
            "{{ customer.name }}：\n您的订单已发货。",
            "{# 2024 #}\n{{ customer.name }}:\n您的订单已发货。",
            "【星河科技】{{ name }}：您的订单已发货。",
            "{{ customer.name }},\nYour order has shipped.",
        ] {
            let found = rules(Channel::Email, body);
            assert!(!found.contains(&RuleId::MissingGreeting) && !found.contains(&RuleId::NotPersonalized), "{body}");
        }
        for body in ["{{ date }}，系统将维护。", "{{ customer.name }}的订单已发货。", "订单：{{ id }}：已发货。"]
        {
            assert!(email_fires(RuleId::MissingGreeting, body), "{body}");
        }
    }

    #[test]
    fn a_title_line_may_come_before_the_greeting() {
        assert!(!email_fires(RuleId::MissingGreeting, "星河云盘升级通知\n\n尊敬的{{ name }}：\n您好！"));
        let notice =
            "星河科技有限公司\n关于调整服务条款的通知\n版本：2.0\n发布日期：2024年5月1日\n生效日期：2024年6月1日\n\n\
                      尊敬的{{ customer.name }}：\n我们将调整服务条款。";
        assert!(!fires(RuleId::MissingGreeting, Channel::Notice, notice));
        assert!(fires(
            RuleId::MissingGreeting,
            Channel::Notice,
            "我们将于下月调整服务条款，请知悉。\n尊敬的{{ name }}："
        ));
    }

    #[test]
    fn a_formal_notice_greets_by_its_addressee_line_after_a_long_title() {
        // A document title runs long and still is a header; the addressee
        // line (主送) is a formal notice's salutation.
        let header = "星河科技有限公司\n关于印发《客户管理制度（2026 年修订版）》及配套实施细则的通知\n星河客发〔2026〕12 号\n\n";
        for addressee in ["各部门、各分公司：", "尊敬的{{ customer.name }}：", "全体员工："] {
            let body = format!("{header}{addressee}\n为统一客户服务标准，现将制度印发给你们，请认真遵照执行。");
            assert!(!fires(RuleId::MissingGreeting, Channel::Notice, &body), "{body}");
        }
        // A notice that goes straight to its matter still has no greeting,
        // and a sentence ending in a colon is no addressee line.
        assert!(fires(RuleId::MissingGreeting, Channel::Notice, &format!("{header}为统一客户服务标准，现将制度印发给你们。")));
        assert!(fires(RuleId::MissingGreeting, Channel::Notice, "为统一客户服务标准，现将主要内容通知如下：\n一、目标"));
        // In an e-mail a line ending in a colon is a label, not a greeting.
        assert!(email_fires(RuleId::MissingGreeting, "订单详情：\n您的订单已发货。"));
    }

    #[test]
    fn an_sms_greeting_may_follow_the_signature() {
        assert!(!fires(RuleId::MissingGreeting, Channel::Sms, "【星河科技】尊敬的{{ name }}，您的套餐将于明日到期。"));
        assert!(!fires(RuleId::NotPersonalized, Channel::Sms, "【星河科技】尊敬的{{ name }}，您的套餐将于明日到期。"));
        let signature_line = "【星河科技】\n尊敬的{{ name }}，您的套餐将于明日到期。";
        assert!(!fires(RuleId::MissingGreeting, Channel::Sms, signature_line));
        assert!(fires(RuleId::MissingGreeting, Channel::Sms, "【星河科技】您的验证码是 1234。"));
        assert!(fires(RuleId::MissingGreeting, Channel::Sms, "星河云盘\n尊敬的{{ name }}，您的套餐将于明日到期。"));
    }

    #[test]
    fn html_markup_is_looked_through() {
        let html = "<html><head><title>通知</title><style>p { color: red }</style></head><body>\n\
                    <p>Dear <b>{{ name }}</b>,</p><p>Your order has shipped.</p></body></html>";
        assert!(!email_fires(RuleId::MissingGreeting, html));
        assert!(email_fires(RuleId::MissingGreeting, "<p>Your order has shipped.</p>"));
    }

    // -- not-personalized

    #[test]
    fn a_greeting_without_a_variable_is_not_personal() {
        assert_eq!(impersonal(Channel::Email, "亲爱的客户们：\n您的订单已发货。"), (1, 1, "亲爱的客户们：".into()));
        assert_eq!(
            impersonal(Channel::Email, "Dear customer,\nYour order has shipped."),
            (1, 1, "Dear customer,".into())
        );
        assert_eq!(impersonal(Channel::Email, "\n\n  各位客户：\n您好"), (3, 3, "各位客户：".into()));
        assert_eq!(impersonal(Channel::Email, "王先生：您好，您的订单已发货。"), (1, 1, "王先生：".into()));
    }

    #[test]
    fn the_greeting_is_found_after_a_title_a_signature_or_a_tag() {
        assert_eq!(impersonal(Channel::Email, "{# v2 #}\n升级通知\n\n尊敬的用户：\n…"), (4, 1, "尊敬的用户：".into()));
        assert_eq!(impersonal(Channel::Sms, "【星河科技】亲爱的客户，您的账单已出。"), (1, 7, "亲爱的客户，".into()));
        assert_eq!(impersonal(Channel::Email, "<p>Hello there</p>\n<p>Your order</p>"), (1, 4, "Hello there".into()));
        assert_eq!(impersonal(Channel::Email, "{% set x = 1 %}尊敬的客户：\n…"), (1, 16, "尊敬的客户：".into()));
    }

    #[test]
    fn a_greeting_with_a_variable_is_personal() {
        for body in [
            "尊敬的{{ customer.name }}：\n您好",
            "{{ customer.name | default('客户') }}，您好！",
            "Dear {{ customer.name }},",
            "【星河科技】尊敬的{{ name }}，您的账单已出。",
        ] {
            assert!(!email_fires(RuleId::NotPersonalized, body), "{body}");
        }
    }

    #[test]
    fn a_greeting_chosen_by_if_is_personal() {
        let inline = "{% if customer.vip %}尊敬的贵宾：{% else %}尊敬的客户：{% endif %}\n您好";
        let block = "{% if customer.vip %}\n尊敬的贵宾：\n{% else %}\n尊敬的客户：\n{% endif %}\n您好";
        assert!(!email_fires(RuleId::NotPersonalized, inline));
        assert!(!email_fires(RuleId::NotPersonalized, block));
        let after_if = "{% if customer.vip %}VIP{% endif %}\n尊敬的客户：\n您好";
        assert!(email_fires(RuleId::NotPersonalized, after_if));
    }

    #[test]
    fn a_greeting_from_a_variable_or_partial_is_not_judged() {
        assert!(!email_fires(RuleId::NotPersonalized, "{{ greeting }}：\n您的订单已发货。祝您好运！"));
        let library = with_partial("hello", "尊敬的客户：");
        let found = run(&template(Channel::Email, "{% include 'hello' %}\n您的订单已发货。"), &library);
        assert!(
            !found.iter().any(|d| d.rule == RuleId::MissingGreeting || d.rule == RuleId::NotPersonalized),
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_greeting_is_not_also_impersonal() {
        assert_eq!(
            rules(Channel::Email, "您的订单已发货。").iter().filter(|&&r| r == RuleId::NotPersonalized).count(),
            0
        );
    }

    // -- missing-action

    #[test]
    fn chinese_instructions_count() {
        for body in [
            "请于 5 月 31 日前完成续费",
            "点击下方链接",
            "立即体验新版本",
            "欢迎回复本邮件",
            "扫码参与问卷",
            "请您留意",
        ] {
            assert!(!email_fires(RuleId::MissingAction, body), "{body}");
        }
    }

    #[test]
    fn english_instructions_count() {
        for body in [
            "Please note the new hours.",
            "CLICK the link below.",
            "Log in to see it.",
            "Renew by Friday.",
            "Sign up today.",
        ] {
            assert!(!email_fires(RuleId::MissingAction, body), "{body}");
        }
    }

    #[test]
    fn no_instruction_fires() {
        for body in [
            "尊敬的{{ name }}：您的订单已发货。",
            "尊敬的{{ name }}：您的申请已通过。",
            "尊敬的{{ name }}：您的请求已处理。",
            "尊敬的{{ name }}：我们会尽快处理，请。",
            "Dear {{ name }}, we are pleased to tell you your order has shipped.",
            "Dear {{ name }}, your bookings and calls are logged.",
        ] {
            assert!(email_fires(RuleId::MissingAction, body), "{body}");
        }
    }

    // -- missing-closing

    #[test]
    fn closings_count() {
        for body in [
            "祝您生活愉快！",
            "感谢您的支持。",
            "如有疑问，请回复。",
            "期待您的反馈。",
            "此致\n敬礼",
            "Thank you for your patience.",
            "Thanks!",
            "Best regards,",
            "Sincerely,",
            "We look forward to hearing from you.",
        ] {
            assert!(!email_fires(RuleId::MissingClosing, body), "{body}");
        }
    }

    #[test]
    fn no_closing_fires_but_not_for_sms() {
        for body in [
            "尊敬的{{ name }}：您的订单已发货。",
            "为庆祝周年，活动开启。",
            "Dear {{ name }}, your order has shipped. Thankfully on time.",
        ] {
            assert!(email_fires(RuleId::MissingClosing, body), "{body}");
        }
        assert!(!fires(RuleId::MissingClosing, Channel::Sms, "【星河科技】您的订单已发货。"));
        assert!(fires(RuleId::MissingClosing, Channel::Inapp, "您的订单已发货。"));
    }

    // -- missing-contact

    #[test]
    fn contact_details_count() {
        for body in [
            "电话：13812345678",
            "热线 400-800-1234",
            "拨打 4008001234 咨询",
            "电话：010-12345678",
            "电话：(021) 1234 5678",
            "电话：（0755）8765 4321",
            "Call +86 138 0013 8000",
            "Call +44 20 7946 0958",
            "邮箱 support@example.com.cn。",
            "详见 https://example.com/x",
            "详见 www.example.com",
            "请联系您的客户经理",
            "Your account manager will reach out.",
            "Write to our support team.",
            "<a href=\"https://example.com\">官网</a>",
        ] {
            assert!(!email_fires(RuleId::MissingContact, body), "{body}");
        }
    }

    #[test]
    fn numbers_that_are_no_phone_fire() {
        for body in [
            "订单号 2024051200001 已发货。",
            "订单号 A13812345678 已发货。",
            "金额 1380.00 元，日期 2024-05-01 13:00。",
            "编号 12345678901。",
            "电话 00012345678。",
            "版本 3.0.13812345678",
            "提到 @张伟 和 user@localhost。",
            "Your order has shipped.",
        ] {
            assert!(email_fires(RuleId::MissingContact, body), "{body}");
        }
    }

    #[test]
    fn a_contact_block_from_a_partial_counts() {
        let library = with_partial("contact", "客服热线：400-800-1234");
        let body = "尊敬的{{ name }}：\n您的订单已发货。\n{% include \"contact\" %}";
        let found = run(&template(Channel::Email, body), &library);
        assert!(!found.iter().any(|d| d.rule == RuleId::MissingContact), "{found:?}");
        assert!(email_fires(RuleId::MissingContact, "尊敬的{{ name }}：\n您的订单已发货。"));
    }

    #[test]
    fn contact_from_sample_data_counts() {
        assert!(!email_fires(RuleId::MissingContact, "尊敬的{{ name }}：\n您的客户经理 {{ name }} 会联系您。"));
        assert!(!fires(RuleId::MissingContact, Channel::Sms, "【星河科技】您的订单已发货。"));
    }

    // -- helpers and robustness

    #[test]
    fn phrase_matching_is_case_insensitive_on_word_boundaries() {
        let hi = Phrases::new(&[&["hi"]]);
        assert_eq!(find_phrase("Oh, HELLO there", &GREETINGS, &NOTHING), Some(4..9));
        assert_eq!(find_phrase("this chip", &hi, &NOTHING), None);
        assert_eq!(find_phrase("Hi张伟", &hi, &NOTHING), Some(0..2));
        assert_eq!(find_phrase("为庆祝周年", &CLOSINGS, &NOT_CLOSINGS), None);
        assert_eq!(find_phrase("庆祝后，祝您快乐", &CLOSINGS, &NOT_CLOSINGS), Some(12..15));
        assert_eq!(find_phrase("张Dear", &GREETINGS, &NOTHING), Some(3..7));
        assert_eq!(find_phrase("İDear", &GREETINGS, &NOTHING), None, "İ is a Latin letter: one word");
    }

    #[test]
    fn phone_numbers_are_recognised_by_shape() {
        for phone in [
            "13812345678",
            "138 1234 5678",
            "400-800-1234",
            "800 820 8820",
            "010-12345678",
            "(021) 1234 5678",
            "0755-1234567",
        ] {
            assert!(is_phone_number(phone), "{phone}");
        }
        for other in ["12812345678", "1381234567", "4001234", "011-12345678", "0101234567", "20240501", "+86 1"] {
            assert!(!is_phone_number(other), "{other}");
        }
        assert_eq!(phone_candidates("电话:138 1234 5678。ID13800000000 x"), vec!["138 1234 5678"]);
    }

    #[test]
    fn odd_input_never_panics() {
        let odd = [
            "", "【", "【】", "【星河", "<", "<a", "<!--", "<style", "<p", "请", "1", "+", "(", "@", "@.", "a@", "a@b",
            "a@b.", "{{", "{%", "{#", "}}", "{{ x }}", "{{ x }}，", "{{ x }}：", "\u{0}", "é́", "👩‍👩‍👧", "İ", "ǅear",
            "尊敬的", "先生：", "：", "\r\n\r\n", "Dear\r\n", "{% if x %}尊敬的", "{% raw %}尊敬的客户{% endraw %}",
        ];
        for text in odd {
            for channel in Channel::ALL {
                let _ = run(&template(channel, text), &Shared::default());
            }
            let _ = (crate::html::visible_text(text), find_greeting(text, Channel::Email), has_contact(text), has_action(text));
            let segments = scan::segments(text);
            let _ = impersonal_greeting(text, &segments, "尊敬的", 3);
            let _ = (impersonal_greeting(text, &segments, "", 3), opens_with_name_variable(text, &segments));
        }
    }
}
