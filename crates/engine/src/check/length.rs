//! Length and layout of the rendered output, per sample profile:
//! `body-length`, `subject-length`, `paragraph-length`, `sms-segments`,
//! `empty-value` and `placeholder-leftover`.
//!
//! Lengths are counted on the output as rendered, trimmed of the whitespace at
//! its ends (template layout, not text the reader sees). Different customers
//! give different lengths, so findings are per profile, each profile's from its
//! own output alone.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{Context, Location, Message, Origin, Part, RuleId, Sink, Thresholds};
use crate::library::model::Channel;
use crate::template::scan;
use crate::check::sms::{self, Encoding};
use crate::text::{char_offset, excerpt, is_cjk, is_letter_or_digit, Span};

pub(super) fn check(cx: &Context, sink: &mut Sink, thresholds: &Thresholds) {
    let mut reporter = Reporter { sink };
    let channel = cx.template.channel;
    if channel == Channel::Email {
        body_length(cx, &mut reporter, thresholds);
        subject_length(cx, &mut reporter, thresholds);
    }
    // An SMS is one short block; its length is `sms-segments`' business.
    if channel != Channel::Sms {
        paragraph_length(cx, &mut reporter, thresholds);
    }
    if channel == Channel::Sms {
        sms_segments(cx, &mut reporter, thresholds);
    }
    empty_value(cx, &mut reporter);
    placeholder_leftover(cx, &mut reporter);
}

/// Reports through the sink with a location in the source or in an output.
struct Reporter<'r, 's> {
    sink: &'r mut Sink<'s>,
}

impl Reporter<'_, '_> {
    fn wants(&self, rule: RuleId) -> bool {
        self.sink.wants(rule)
    }

    /// A finding about `range` of rendered `text`, for `profile`.
    fn output(&mut self, rule: RuleId, part: Part, text: &str, range: Range<usize>, profile: &str, message: Message) {
        self.report(rule, part, Origin::Output, text, range, Some(profile), message);
    }

    /// A finding about `range` of the template source of `part`.
    fn source(&mut self, rule: RuleId, part: Part, source: &str, range: Range<usize>, message: Message) {
        self.report(rule, part, Origin::Source, source, range, None, message);
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &mut self,
        rule: RuleId,
        part: Part,
        origin: Origin,
        text: &str,
        range: Range<usize>,
        profile: Option<&str>,
        message: Message,
    ) {
        let span = Span::of(text, range);
        self.sink.report(rule, message, Some(Location { part, origin, span }), profile, None);
    }
}

// ---------------------------------------------------------------------------
// body-length, subject-length

fn body_length(cx: &Context, reporter: &mut Reporter, thresholds: &Thresholds) {
    if !reporter.wants(RuleId::BodyLength) {
        return;
    }
    let (min, max) = (thresholds.body_min_chars, thresholds.body_max_chars);
    for (render, out) in cx.outputs(Part::Body) {
        // An HTML body is as long as the text a reader sees.
        let visible = out.visible();
        let body = trimmed(&out.text);
        let chars = visible.trim().chars().count();
        let (range, message) = if chars > max {
            let excess = if visible == out.text { body.start + char_offset(&out.text[body.start..], max)..body.end } else { body };
            let message = Message::new(
                format!("正文 {chars} 字，超出建议的 {min}–{max} 字；标出的是超出的部分"),
                format!("The body has {chars} characters, more than the recommended {min}–{max}; the excess is marked"),
            );
            (excess, message)
        } else if chars < min {
            let message = Message::new(
                format!("正文仅 {chars} 字，少于建议的 {min}–{max} 字，内容可能不够完整"),
                format!("The body has only {chars} characters, fewer than the recommended {min}–{max}; it may say too little"),
            );
            (body, message)
        } else {
            continue;
        };
        reporter.output(RuleId::BodyLength, Part::Body, &out.text, range, &render.profile, message);
    }
}

fn subject_length(cx: &Context, reporter: &mut Reporter, thresholds: &Thresholds) {
    if !reporter.wants(RuleId::SubjectLength) {
        return;
    }
    let max = thresholds.subject_max_chars;
    for (render, out) in cx.outputs(Part::Subject) {
        let subject = trimmed(&out.text);
        let chars = out.text[subject.clone()].chars().count();
        if chars <= max {
            continue;
        }
        let excess = subject.start + char_offset(&out.text[subject.start..], max)..subject.end;
        let message = Message::new(
            format!("主题 {chars} 字，超过建议的 {max} 字（汉字计 1 字）；收件箱里会被截断"),
            format!("The subject has {chars} characters, more than the recommended {max}; inboxes will cut it off"),
        );
        reporter.output(RuleId::SubjectLength, Part::Subject, &out.text, excess, &render.profile, message);
    }
}

/// The byte range of `text` without the whitespace at its ends.
fn trimmed(text: &str) -> Range<usize> {
    let start = text.len() - text.trim_start().len();
    start..start + text.trim().len()
}

// ---------------------------------------------------------------------------
// paragraph-length

fn paragraph_length(cx: &Context, reporter: &mut Reporter, thresholds: &Thresholds) {
    if !reporter.wants(RuleId::ParagraphLength) {
        return;
    }
    let (max, width) = (thresholds.paragraph_max_lines, thresholds.line_width.max(1));
    let letters = 2 * width;
    for (render, out) in cx.outputs(Part::Body) {
        // HTML paragraphs are measured in the text a reader sees, and marked
        // where their first line stands in the markup.
        let visible = out.visible();
        let mut cursor = 0;
        for paragraph in paragraphs(visible) {
            let lines = display_lines(&visible[paragraph.clone()], width);
            let first_line = visible[paragraph.clone()].lines().next().unwrap_or_default().trim();
            let at = out.text.get(cursor..).and_then(|rest| rest.find(first_line)).map_or(cursor, |i| cursor + i);
            cursor = at + first_line.len();
            if lines <= max {
                continue;
            }
            let paragraph = if visible == out.text { paragraph } else { at..at + first_line.len() };
            let message = Message::new(
                format!(
                    "这一段约占 {lines} 行（每行 {width} 个汉字或 {letters} 个字母），建议每段不超过 {max} 行；可以拆分成几段或改用要点列表"
                ),
                format!(
                    "This paragraph runs to about {lines} lines of {letters} letters ({width} Chinese characters); keep \
                     paragraphs to {max} lines or fewer (split it or use bullet points)"
                ),
            );
            reporter.output(RuleId::ParagraphLength, Part::Body, &out.text, paragraph, &render.profile, message);
        }
    }
}

/// Byte ranges of the paragraphs of `text`: runs of lines that are not blank,
/// from the first character of the first line to the last of the last.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = trimmed(line);
        if content.is_empty() {
            found.extend(current.take());
        } else {
            let range = start + content.start..start + content.end;
            current = Some(match current.take() {
                Some(open) => open.start..range.end,
                None => range,
            });
        }
        start += line.len();
    }
    found.extend(current);
    found
}

/// Lines `paragraph` fills at `width` Chinese characters a line: each hard
/// line takes ceil(columns / 2·width) lines, where a Chinese character or
/// full-width mark takes two columns and a Latin letter, digit or space one,
/// as a mail client sets them. Counting a letter as a whole character would
/// wrap English at 40 letters, half a real line, and flag ordinary paragraphs.
fn display_lines(paragraph: &str, width: usize) -> usize {
    let columns = |line: &str| line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum::<usize>();
    paragraph.lines().map(|line| columns(line.trim()).div_ceil(2 * width).max(1)).sum()
}

/// A character set in a full (double) column: CJK, and CJK and full-width punctuation.
fn is_wide(c: char) -> bool {
    is_cjk(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}')
}

// ---------------------------------------------------------------------------
// sms-segments

fn sms_segments(cx: &Context, reporter: &mut Reporter, thresholds: &Thresholds) {
    if !reporter.wants(RuleId::SmsSegments) {
        return;
    }
    let max = thresholds.sms_max_segments;
    for (render, out) in cx.outputs(Part::Body) {
        let sms_range = trimmed(&out.text);
        let text = &out.text[sms_range.clone()];
        let length = sms::measure(text);
        let too_many = length.segments > max;
        if !too_many && !length.china.over_limit() {
            continue;
        }
        // Mark what does not fit: the parts past the limit, or else the
        // characters past the mainland maximum.
        let overflow_start = if too_many {
            sms::split(text).get(max).map_or(text.len(), |part| part.start)
        } else {
            char_offset(text, sms::CHINA_MAX_CHARS)
        };
        let range = sms_range.start + overflow_start..sms_range.end;
        reporter.output(RuleId::SmsSegments, Part::Body, &out.text, range, &render.profile, sms_message(&length, max));
    }
}

/// Says the encoding and why, the characters, the segments and the limit.
fn sms_message(length: &sms::SmsLength, max: usize) -> Message {
    let encoding = length.encoding;
    let (single, part) = (encoding.single_capacity(), encoding.part_capacity());
    let (why_zh, why_en) = match (encoding, length.ucs2_reason) {
        (Encoding::Ucs2, Some((_, c))) => {
            let c = describe_char(c);
            (format!("（因含 {c}，GSM-7 无法编码）"), format!(" because {c} is not a GSM-7 character"))
        }
        (Encoding::Gsm7, _) if length.extension_chars > 0 => (
            format!("（其中 {} 个扩展字符 | ^ € {{ }} [ ] ~ \\ 各计 2 个字符）", length.extension_chars),
            format!(" ({} extension characters such as | ^ € {{ }} [ ] ~ \\ count 2 each)", length.extension_chars),
        ),
        _ => (String::new(), String::new()),
    };
    let (chars, segments, name) = (length.chars, length.segments, encoding.as_str());
    let mut zh = format!("短信按 {name} 编码{why_zh}，共 {chars} 个字符，需分 {segments} 条发送（单条 {single} 个字符，长短信每条 {part} 个）");
    let mut en = format!(
        "The SMS is encoded as {name}{why_en}: {chars} characters, sent as {segments} messages ({single} characters \
         for one message, {part} per part when split)"
    );
    if segments > max {
        zh.push_str(&format!("，超过上限 {max} 条"));
        en.push_str(&format!(", more than the limit of {max}"));
    }
    let china = length.china;
    if china.segments != segments {
        zh.push_str(&format!("；国内运营商按每字计 1 计费：{} 字，{} 条", china.chars, china.segments));
        en.push_str(&format!(
            "; mainland Chinese carriers count every character as one: {} characters, {} messages",
            china.chars, china.segments
        ));
    }
    if china.over_limit() {
        let limit = sms::CHINA_MAX_CHARS;
        zh.push_str(&format!("；共 {} 字，超过国内短信 {limit} 字的上限，平台会拒绝发送", china.chars));
        en.push_str(&format!(
            "; at {} characters it exceeds the {limit}-character maximum of mainland SMS platforms",
            china.chars
        ));
    }
    zh.push('。');
    en.push('.');
    Message::new(zh, en)
}

/// A character as a reader can recognise it: quoted, or its code point when
/// it is invisible (a tab, a no-break space).
fn describe_char(c: char) -> String {
    if c.is_whitespace() || c.is_control() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("“{c}”")
    }
}

// ---------------------------------------------------------------------------
// empty-value

fn empty_value(cx: &Context, reporter: &mut Reporter) {
    if !reporter.wants(RuleId::EmptyValue) {
        return;
    }
    for part in cx.parts() {
        // A synthetic profile's gaps are missing schema examples, not customers.
        for (render, out) in cx.outputs(part).filter(|(render, _)| !render.synthetic) {
            for range in &out.empty_values {
                let shown = out.text.get(range.clone()).unwrap_or("").trim();
                let message = if shown.is_empty() {
                    Message::new(
                        "占位符渲染为空：这位客户的数据缺少该值，或变量名拼错了；请补全数据、检查拼写，或用 default 过滤器给出默认值",
                        "A placeholder renders empty: this customer's data lacks the value, or the name is misspelled; \
                         fill it in, check the spelling, or give a fallback with the default filter",
                    )
                } else {
                    Message::new(
                        format!(
                            "占位符渲染为“{shown}”：这位客户的数据缺少该值；请补全数据，或用 default 过滤器给出默认值"
                        ),
                        format!(
                            "A placeholder renders as “{shown}”: this customer's data lacks the value; fill it in or \
                             give a fallback with the default filter"
                        ),
                    )
                };
                reporter.output(RuleId::EmptyValue, part, &out.text, range.clone(), &render.profile, message);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// placeholder-leftover

/// What kind of filler a leftover is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Leftover {
    /// `XXX`, `***`, `TODO`, `TBD`.
    Filler,
    /// A bracketed slot such as `【公司名称】` or `[Name]`.
    Slot,
    /// Template code in the output: `{{ … }}` or `{% … %}`.
    Code,
}

/// Leftovers in literal template text are reported once, at the source, where
/// the user fixes them; the outputs add those that come from data or are
/// assembled by the template (identical text found in the source is skipped).
fn placeholder_leftover(cx: &Context, reporter: &mut Reporter) {
    if !reporter.wants(RuleId::PlaceholderLeftover) {
        return;
    }
    for part in cx.parts() {
        let source = cx.source(part);
        let mut in_source = BTreeSet::new();
        for (literal_range, literal) in scan::literals(source) {
            for (range, kind) in find_leftovers(literal) {
                let found = &literal[range.clone()];
                in_source.insert(found.to_owned());
                let range = literal_range.start + range.start..literal_range.start + range.end;
                reporter.source(RuleId::PlaceholderLeftover, part, source, range, leftover_message(kind, found));
            }
        }
        for (render, out) in cx.outputs(part) {
            for (range, kind) in find_leftovers(&out.text) {
                let found = &out.text[range.clone()];
                if !in_source.contains(found) {
                    let message = leftover_message(kind, found);
                    reporter.output(RuleId::PlaceholderLeftover, part, &out.text, range, &render.profile, message);
                }
            }
        }
    }
}

fn leftover_message(kind: Leftover, found: &str) -> Message {
    let found = excerpt(found, 30);
    match kind {
        Leftover::Filler => Message::new(
            format!("留有占位文字“{found}”，发出前请替换为实际内容"),
            format!("Filler “{found}” is left in the text; replace it with the real content before sending"),
        ),
        Leftover::Slot => Message::new(
            format!("留有待填写的“{found}”，发出前请填入实际内容"),
            format!("The slot “{found}” was never filled in; put the real content there before sending"),
        ),
        Leftover::Code => Message::new(
            format!("输出中出现未渲染的模板代码“{found}”（多半来自客户数据），收件人会原样看到"),
            format!("Unrendered template code “{found}” appears in the output (probably from the data); recipients would see it as is"),
        ),
    }
}


/// Every leftover in `text`, in order; a match inside another (the `XXX` of
/// `【XXX公司】`) is dropped.
fn find_leftovers(text: &str) -> Vec<(Range<usize>, Leftover)> {
    // Which ASCII markers occur at all, in one pass: most messages have
    // none, and a mail merge asks for every recipient.
    let mut present = [false; 128];
    for b in text.bytes().filter(u8::is_ascii) {
        present[usize::from(b)] = true;
    }
    let has = |markers: &[u8]| markers.iter().any(|&b| present[usize::from(b)]);
    let mut found: Vec<(Range<usize>, Leftover)> = Vec::new();
    if has(b"xX") {
        found.extend(filler_runs(text, 'x').into_iter().map(|r| (r, Leftover::Filler)));
    }
    if has(b"*") {
        found.extend(filler_runs(text, '*').into_iter().map(|r| (r, Leftover::Filler)));
    }
    if has(b"TF") {
        found.extend(filler_words(text).into_iter().map(|r| (r, Leftover::Filler)));
    }
    found.extend(slots(text).into_iter().map(|r| (r, Leftover::Slot)));
    if has(b"{") {
        found.extend(template_code(text).into_iter().map(|r| (r, Leftover::Code)));
    }
    found.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut kept: Vec<(Range<usize>, Leftover)> = Vec::new();
    for (range, kind) in found {
        if !kept.iter().any(|(outer, _)| outer.start <= range.start && range.end <= outer.end) {
            kept.push((range, kind));
        }
    }
    kept
}

/// Runs of three or more `x`/`X` (when `mark` is `x`) or `*` that stand alone.
///
/// `XXX` is filler unless it touches ASCII letters or digits (`138xxxx1234`);
/// next to Chinese it is the classic `尊敬的XXX先生`. Stars are also how masks
/// look, so `***` counts only when no letter, digit, `@` or `.` touches it
/// (`138****1234`, `z***@example.com`, `张***` are masks), when no digit or
/// further stars sit one space or hyphen away (`6222 **** **** 1234`), and when
/// it is not a line of its own (a separator).
fn filler_runs(text: &str, mark: char) -> Vec<Range<usize>> {
    let is_mark = |c: char| if mark == 'x' { c == 'x' || c == 'X' } else { c == mark };
    // Most outputs have no three marks in a row: a byte scan (the marks are
    // ASCII, which no multi-byte character contains) skips the char-by-char
    // search for them (a mail merge runs this for every recipient).
    let mut in_row = 0;
    if !text.bytes().any(|b| {
        in_row = if is_mark(char::from(b)) { in_row + 1 } else { 0 };
        in_row >= 3
    }) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for run in runs(text, is_mark) {
        if text[run.clone()].chars().count() < 3 {
            continue;
        }
        let (before, after) = (text[..run.start].chars().next_back(), text[run.end..].chars().next());
        let filler = if mark == 'x' {
            !touches(before, after, |c| c.is_ascii_alphanumeric() || c == '_')
                && !near_digit(text, &run, |c| c.is_ascii_digit())
        } else {
            !touches(before, after, |c| is_letter_or_digit(c) || matches!(c, '@' | '.' | '_'))
                && !near_digit(text, &run, |c| c.is_ascii_digit() || c == '*')
                && !is_whole_line(text, &run)
        };
        if filler {
            found.push(run);
        }
    }
    found
}

/// Maximal runs of characters matching `pred`.
fn runs(text: &str, pred: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (pred(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                found.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    found.extend(start.map(|s| s..text.len()));
    found
}

fn touches(before: Option<char>, after: Option<char>, pred: impl Fn(char) -> bool) -> bool {
    before.is_some_and(&pred) || after.is_some_and(&pred)
}

/// Whether, one space or hyphen away from `run`, a character matches `pred`
/// (the digit groups of a masked card number).
fn near_digit(text: &str, run: &Range<usize>, pred: impl Fn(char) -> bool) -> bool {
    let gap = |c: Option<char>| matches!(c, Some(' ' | '-'));
    let mut before = text[..run.start].chars().rev();
    let mut after = text[run.end..].chars();
    (gap(before.next()) && before.next().is_some_and(&pred)) || (gap(after.next()) && after.next().is_some_and(&pred))
}

fn is_whole_line(text: &str, run: &Range<usize>) -> bool {
    let line_start = text[..run.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[run.end..].find('\n').map_or(text.len(), |i| run.end + i);
    text[line_start..run.start].trim().is_empty() && text[run.end..line_end].trim().is_empty()
}

/// `TODO`, `TBD`, `FIXME` as words of their own (upper case: the way notes
/// to oneself are written, unlike the word "todo" in a sentence).
fn filler_words(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for word in ["TODO", "TBD", "FIXME"] {
        for (start, _) in text.match_indices(word) {
            let range = start..start + word.len();
            let (before, after) = (text[..range.start].chars().next_back(), text[range.end..].chars().next());
            if !touches(before, after, |c| c.is_ascii_alphanumeric() || c == '_') {
                found.push(range);
            }
        }
    }
    found
}

/// Bracket pairs a slot is written in.
const SLOT_BRACKETS: [(char, char); 3] = [('【', '】'), ('[', ']'), ('［', '］')];
/// A slot holds at most this many characters; longer brackets are text.
const SLOT_MAX_CHARS: usize = 20;
/// How surely a bracket's words make it a slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SlotWords {
    /// Filler or an instruction (`【____】`, `【请填写】`, `【XX银行】`): a slot wherever it stands.
    Always,
    /// A name (`【公司名称】`, `[Customer Name]`): a slot unless a colon follows,
    /// as in the label `【产品名称】：智能手表`.
    Name,
    /// A detail (`【日期】`, `[date]`): a slot unless it is a label, followed
    /// by a colon or heading a line that goes on (`【活动时间】11月11日…`).
    Detail,
}

/// Chinese words that make a bracket a slot, by tier.
const CHINESE_SLOT_WORDS: [(&str, SlotWords); 9] = [
    ("填写", SlotWords::Always),
    ("填入", SlotWords::Always),
    ("名称", SlotWords::Name),
    ("姓名", SlotWords::Name),
    ("公司名", SlotWords::Name),
    ("产品名", SlotWords::Name),
    ("日期", SlotWords::Detail),
    ("时间", SlotWords::Detail),
    ("金额", SlotWords::Detail),
];
/// 链接 too, kept apart: `[点击链接](…)` is excluded as a Markdown link first.
const CHINESE_LINK_WORD: &str = "链接";
/// English words a slot is made of (`[Your Company Name]`, `[Insert link
/// here]`); a bracket is a slot only when all its words are from this list,
/// so `[Limited time offer]` or `[Update]` are not.
const ENGLISH_SLOT_WORDS: [&str; 24] = [
    "insert",
    "placeholder",
    "name",
    "company",
    "product",
    "date",
    "time",
    "amount",
    "link",
    "url",
    "email",
    "phone",
    "address",
    "number",
    "id",
    "title",
    "your",
    "customer",
    "first",
    "last",
    "full",
    "here",
    "the",
    "order",
];

/// Bracketed slots: `【公司名称】`, `[Name]`, `【____】`, `[***]`. A signature
/// such as `【星河科技】` names no slot and is not one; a Markdown link
/// `[点击链接](…)` is not one either.
fn slots(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for (open, close) in SLOT_BRACKETS {
        for (start, _) in text.match_indices(open) {
            let inner_start = start + open.len_utf8();
            let Some(inner_len) = text[inner_start..]
                .char_indices()
                .take(SLOT_MAX_CHARS + 1)
                .take_while(|&(_, c)| c != '\n' && c != open)
                .find(|&(_, c)| c == close)
                .map(|(i, _)| i)
            else {
                continue;
            };
            let inner = &text[inner_start..inner_start + inner_len];
            let range = start..inner_start + inner_len + close.len_utf8();
            if is_slot(text, inner, &range, open) {
                found.push(range);
            }
        }
    }
    found
}

fn is_slot(text: &str, inner: &str, range: &Range<usize>, open: char) -> bool {
    let rest = &text[range.end..];
    if rest.starts_with('(') {
        return false; // a Markdown link
    }
    let content = inner.trim();
    let labelled = matches!(rest.trim_start_matches([' ', '\t']).chars().next(), Some('：' | ':'));
    let heads_line = {
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_goes_on = rest.split('\n').next().is_some_and(|line| !line.trim().is_empty());
        text[line_start..range.start].trim().is_empty() && line_goes_on
    };
    match slot_words(content) {
        // `[]` and `[ ]` are more often checkboxes than slots.
        Some(SlotWords::Always) => !content.is_empty() || open != '[',
        Some(SlotWords::Name) => !labelled,
        Some(SlotWords::Detail) => !labelled && !heads_line,
        None => false,
    }
}

/// The surest tier the words of a bracket's `content` reach, if any.
fn slot_words(content: &str) -> Option<SlotWords> {
    let only_filler = content.chars().all(|c| matches!(c, '*' | '_' | '＿' | 'x' | 'X' | ' ' | '　' | '.' | '…'));
    if only_filler || has_x_filler(content) {
        return Some(SlotWords::Always);
    }
    let chinese = CHINESE_SLOT_WORDS.iter().filter(|(word, _)| content.contains(word)).map(|&(_, tier)| tier);
    let link = content.contains(CHINESE_LINK_WORD).then_some(SlotWords::Detail);
    let english = english_slot_words(content);
    let tiers: Vec<SlotWords> = chinese.chain(link).chain(english).collect();
    [SlotWords::Always, SlotWords::Name, SlotWords::Detail].into_iter().find(|tier| tiers.contains(tier))
}

/// Whether `content` has `xx` or `XX` (or longer) that is not part of an
/// English word: `【XX银行】`, `[xx公司]`, but not `[Exxon]`.
fn has_x_filler(content: &str) -> bool {
    runs(content, |c| c == 'x' || c == 'X').into_iter().any(|run| {
        let (before, after) = (content[..run.start].chars().next_back(), content[run.end..].chars().next());
        run.len() >= 2 && !touches(before, after, |c| c.is_ascii_alphabetic())
    })
}

/// The tier of an English slot such as `[Customer Name]`: all its words are
/// slot words, and it names something.
fn english_slot_words(content: &str) -> Option<SlotWords> {
    let words: Vec<String> = content
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let known = !words.is_empty() && words.iter().all(|w| ENGLISH_SLOT_WORDS.contains(&w.as_str()));
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if !known || !content.is_ascii() {
        None
    } else if has(&["insert", "placeholder"]) {
        Some(SlotWords::Always)
    } else if has(&["name", "company", "product", "title"]) {
        Some(SlotWords::Name)
    } else if has(&["date", "time", "amount", "link", "url", "email", "phone", "address", "number", "id"]) {
        Some(SlotWords::Detail)
    } else {
        None
    }
}

/// `{{ … }}` and `{% … %}` in rendered text (on one line, at most 200 bytes):
/// template code that came in through the data, or a raw block.
fn template_code(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for (open, close) in [("{{", "}}"), ("{%", "%}")] {
        for (start, _) in text.match_indices(open) {
            if found.iter().any(|r: &Range<usize>| r.contains(&start)) {
                continue;
            }
            let inner_start = start + open.len();
            let window = text[inner_start..].split('\n').next().unwrap_or("");
            if let Some(end) = window.find(close).filter(|&end| end <= 200) {
                found.push(start..inner_start + end + close.len());
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Diagnostic, Settings};
    use crate::library::model::{Shared, SampleProfile, Template};

    fn profile(name: &str, data: &str) -> SampleProfile {
        SampleProfile { name: name.into(), data: data.into() }
    }

    fn template(channel: Channel, subject: &str, body: &str, samples: Vec<SampleProfile>) -> Template {
        Template { channel, subject: subject.into(), body: body.into(), samples, ..Template::default() }
    }

    /// Runs this family alone (other families are not under test here).
    fn run_with(template: &Template, settings: &Settings, rule: RuleId) -> Vec<Diagnostic> {
        let library = Shared::default();
        let cx = Context::new(template, &library);
        let mut sink = Sink::new(settings, template.channel);
        check(&cx, &mut sink, &settings.thresholds);
        crate::check::group(sink.into_diagnostics()).into_iter().filter(|d| d.rule == rule).collect()
    }

    fn run(template: &Template, rule: RuleId) -> Vec<Diagnostic> {
        run_with(template, &Settings::default(), rule)
    }

    /// One sample profile named "p" with `data` (an empty record when empty).
    fn one(data: &str) -> Vec<SampleProfile> {
        vec![profile("p", if data.is_empty() { "{}" } else { data })]
    }

    fn email(body: &str) -> Template {
        template(Channel::Email, "", body, one(""))
    }

    fn sms(body: &str) -> Template {
        template(Channel::Sms, "", body, one(""))
    }

    /// The marked text of each finding, as the output or source shows it.
    fn marked<'t>(diagnostics: &[Diagnostic], text: &'t str) -> Vec<&'t str> {
        diagnostics.iter().map(|d| &text[d.location.as_ref().unwrap().span.range.clone()]).collect()
    }

    fn leftovers(text: &str) -> Vec<&str> {
        find_leftovers(text).into_iter().map(|(r, _)| &text[r]).collect()
    }

    // body-length -------------------------------------------------------

    #[test]
    fn body_in_range_is_fine_and_bounds_are_inclusive() {
        for n in [300, 450, 561] {
            assert!(run(&email(&"字".repeat(n)), RuleId::BodyLength).is_empty(), "{n}");
        }
        // Whitespace at the ends does not count; inside it does.
        let body = format!("\n\n  {}\n\n", "字".repeat(300));
        assert!(run(&email(&body), RuleId::BodyLength).is_empty());
    }

    #[test]
    fn long_body_fires_and_marks_the_excess() {
        let body = format!("  {}{}", "字".repeat(561), "多".repeat(51));
        let found = run(&email(&body), RuleId::BodyLength);
        assert_eq!(found.len(), 1);
        let location = found[0].location.as_ref().unwrap();
        assert_eq!((location.part, location.origin), (Part::Body, Origin::Output));
        assert_eq!(&body[location.span.range.clone()], "多".repeat(51));
        assert_eq!((location.span.line, location.span.column), (1, 564));
        assert_eq!(found[0].profiles.first().map(String::as_str), Some("p"));
        assert!(found[0].message.zh.contains("正文 612 字，超出建议的 300–561 字"), "{}", found[0].message.zh);
        assert!(found[0].message.en.contains("612 characters"));
    }

    #[test]
    fn short_body_fires_with_newlines_counted() {
        let body = "您好\n\n请查收。"; // 8 characters with the two newlines
        let found = run(&email(body), RuleId::BodyLength);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("正文仅 8 字"), "{}", found[0].message.zh);
        assert_eq!(marked(&found, body), vec![body]);
    }

    #[test]
    fn body_length_is_for_email_only() {
        assert!(run(&sms("短"), RuleId::BodyLength).is_empty());
        assert!(run(&template(Channel::Inapp, "", "短", one("")), RuleId::BodyLength).is_empty());
    }

    #[test]
    fn body_length_is_per_profile_and_reported_once_when_identical() {
        let body = format!("{{{{ name }}}}{}", "字".repeat(298));
        let samples = vec![
            profile("short name", r#"{"name":"王"}"#),
            profile("long name", r#"{"name":"欧阳娜娜"}"#),
            profile("same short", r#"{"name":"李"}"#),
        ];
        let found = run(&template(Channel::Email, "", &body, samples), RuleId::BodyLength);
        // 299 characters for both one-character names (one finding), 302 is fine.
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].profiles.first().map(String::as_str), Some("short name"));
    }

    // subject-length ----------------------------------------------------

    #[test]
    fn subject_over_the_limit_fires_chinese_counting_one() {
        let ok = template(Channel::Email, &"题".repeat(50), &"字".repeat(300), one(""));
        assert!(run(&ok, RuleId::SubjectLength).is_empty());
        let subject = format!("{{{{ name }}}}{}", "题".repeat(50));
        let long = template(Channel::Email, &subject, &"字".repeat(300), one(r#"{"name":"王"}"#));
        let found = run(&long, RuleId::SubjectLength);
        assert_eq!(found.len(), 1);
        let location = found[0].location.as_ref().unwrap();
        assert_eq!((location.part, location.origin), (Part::Subject, Origin::Output));
        assert_eq!(location.span.range, 50 * 3..51 * 3, "the last character is the excess");
        assert!(found[0].message.zh.contains("主题 51 字"), "{}", found[0].message.zh);
    }

    // paragraph-length --------------------------------------------------

    #[test]
    fn paragraphs_are_split_at_blank_lines() {
        let text = "a\nb\n\n  \nc\n";
        assert_eq!(paragraphs(text).into_iter().map(|r| &text[r]).collect::<Vec<_>>(), vec!["a\nb", "c"]);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs(" \n\n").is_empty());
    }

    #[test]
    fn display_lines_round_each_hard_line_up() {
        assert_eq!(display_lines(&"字".repeat(40), 40), 1);
        assert_eq!(display_lines(&"字".repeat(41), 40), 2);
        assert_eq!(display_lines(&format!("{}\nab\ncd", "a".repeat(80)), 40), 3);
        // A letter takes half the room of a Chinese character.
        assert_eq!(display_lines(&"a".repeat(81), 40), 2);
        assert_eq!(display_lines(&format!("{}{}", "字".repeat(20), "a".repeat(40)), 40), 1);
        assert_eq!(display_lines("字，字。", 1), 4);
    }

    #[test]
    fn an_english_paragraph_of_three_mail_lines_is_fine() {
        // About 200 letters: three lines of a mail client at 80 letters, though five of 40.
        let paragraph = "Thank you for renewing your subscription with us this year. Your new plan starts on \
                         1 January and includes priority support, monthly reports and two training sessions for \
                         your team at no extra cost.";
        let body = format!("Dear Ann,\n\n{paragraph}\n\nBest regards");
        assert!(run(&email(&body), RuleId::ParagraphLength).is_empty());
        let long = format!("{paragraph} {paragraph}");
        let found = run(&email(&format!("Dear Ann,\n\n{long}\n\nBest regards")), RuleId::ParagraphLength);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.en.contains("lines of 80 letters (40 Chinese characters)"), "{}", found[0].message.en);
    }

    #[test]
    fn long_paragraph_fires_short_ones_do_not() {
        let long = "字".repeat(121);
        let body = format!("您好：\n\n{}\n\n{}\n\n此致", "字".repeat(120), long);
        let found = run(&email(&body), RuleId::ParagraphLength);
        assert_eq!(marked(&found, &body), vec![long.as_str()]);
        assert!(found[0].message.zh.contains("约占 4 行"), "{}", found[0].message.zh);
        // Four short hard lines are four lines too.
        let body = "一\n二\n三\n四";
        assert_eq!(run(&email(body), RuleId::ParagraphLength).len(), 1);
        assert!(run(&email("一\n二\n三"), RuleId::ParagraphLength).is_empty());
    }

    #[test]
    fn paragraph_length_follows_the_thresholds_and_skips_sms() {
        let mut settings = Settings::default();
        settings.thresholds.line_width = 10;
        settings.thresholds.paragraph_max_lines = 2;
        let body = "字".repeat(21);
        assert_eq!(run_with(&email(&body), &settings, RuleId::ParagraphLength).len(), 1);
        assert!(run_with(&email(&"字".repeat(20)), &settings, RuleId::ParagraphLength).is_empty());
        assert!(run_with(&email(&"a".repeat(40)), &settings, RuleId::ParagraphLength).is_empty());
        assert!(run(&sms(&"字".repeat(200)), RuleId::ParagraphLength).is_empty());
    }

    // sms-segments ------------------------------------------------------

    #[test]
    fn sms_within_the_limit_is_fine() {
        assert!(run(&sms(&"字".repeat(134)), RuleId::SmsSegments).is_empty());
        assert!(run(&sms(&"a".repeat(306)), RuleId::SmsSegments).is_empty());
    }

    #[test]
    fn sms_over_the_limit_fires_with_encoding_characters_and_segments() {
        let body = format!("【星河科技】{}", "字".repeat(130)); // 136 characters: 3 parts of 67
        let found = run(&sms(&body), RuleId::SmsSegments);
        assert_eq!(found.len(), 1);
        let location = found[0].location.as_ref().unwrap();
        assert_eq!(location.span.range, 134 * 3..body.len(), "the third part is marked");
        let zh = &found[0].message.zh;
        assert!(
            zh.contains("UCS-2") && zh.contains("“【”") && zh.contains("136 个字符") && zh.contains("3 条"),
            "{zh}"
        );
        assert!(zh.contains("上限 2 条"), "{zh}");
        let en = &found[0].message.en;
        assert!(en.contains("UCS-2 because “【” is not a GSM-7 character: 136 characters"), "{en}");
    }

    #[test]
    fn gsm_sms_message_mentions_extension_characters_and_the_mainland_count() {
        let body = format!("{}€", "a".repeat(305)); // 307 units: 3 parts of 153
        let found = run(&sms(&body), RuleId::SmsSegments);
        assert_eq!(found.len(), 1);
        let en = &found[0].message.en;
        assert!(en.contains("GSM-7") && en.contains("307 characters") && en.contains("3 messages"), "{en}");
        assert!(en.contains("1 extension characters"), "{en}");
        assert!(
            en.contains("mainland Chinese carriers count every character as one: 306 characters, 5 messages"),
            "{en}"
        );
    }

    #[test]
    fn sms_segments_follows_the_setting_and_the_mainland_maximum() {
        let mut settings = Settings::default();
        settings.thresholds.sms_max_segments = 10;
        assert!(run_with(&sms(&"字".repeat(500)), &settings, RuleId::SmsSegments).is_empty());
        let found = run_with(&sms(&"字".repeat(501)), &settings, RuleId::SmsSegments);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location.as_ref().unwrap().span.range, 500 * 3..501 * 3);
        assert!(found[0].message.zh.contains("500 字的上限"), "{}", found[0].message.zh);
        assert!(run(&email(&"字".repeat(600)), RuleId::SmsSegments).is_empty(), "SMS only");
    }

    #[test]
    fn an_emoji_in_an_sms_is_named_as_the_reason() {
        let body = format!("Hello 😀 {}", "a".repeat(140));
        let found = run(&sms(&body), RuleId::SmsSegments);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.zh.contains("“😀”"), "{}", found[0].message.zh);
        assert_eq!(describe_char('\u{A0}'), "U+00A0");
    }

    // empty-value -------------------------------------------------------

    #[test]
    fn empty_values_fire_per_real_profile() {
        let body = "尊敬的{{ name }}{{ title }}：";
        let samples = vec![
            profile("full", r#"{"name":"王","title":"女士"}"#),
            profile("no title", r#"{"name":"王","title":null}"#),
            profile("no name", r#"{"title":"先生"}"#),
        ];
        let found = run(&template(Channel::Email, "", body, samples), RuleId::EmptyValue);
        let got: Vec<_> =
            found.iter().map(|d| (d.profiles.first().map(String::as_str).unwrap(), d.location.as_ref().unwrap().span.column)).collect();
        assert_eq!(got, vec![("no title", 5), ("no name", 4)]);
        assert!(found[0].message.zh.contains("“None”"), "{}", found[0].message.zh);
        assert!(found[1].message.zh.starts_with("占位符渲染为空"), "{}", found[1].message.zh);
    }

    #[test]
    fn empty_values_of_a_synthetic_profile_do_not_fire() {
        let template = template(Channel::Email, "", "尊敬的{{ name }}：", vec![]);
        assert!(run(&template, RuleId::EmptyValue).is_empty());
    }

    #[test]
    fn identical_empty_values_are_reported_once() {
        let samples = vec![profile("a", "{}"), profile("b", "{}")];
        let found = run(&template(Channel::Sms, "", "您好{{ name }}", samples), RuleId::EmptyValue);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].profiles.first().map(String::as_str), Some("a"));
    }

    #[test]
    fn empty_values_in_the_subject_fire_too() {
        let t = template(Channel::Email, "{{ product }}升级通知", &"字".repeat(300), one("{}"));
        let found = run(&t, RuleId::EmptyValue);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location.as_ref().unwrap().part, Part::Subject);
    }

    // placeholder-leftover ----------------------------------------------

    #[test]
    fn finds_filler_tokens() {
        assert_eq!(leftovers("尊敬的XXX先生"), vec!["XXX"]);
        assert_eq!(leftovers("Dear xxx, see www.xxxx.com"), vec!["xxx", "xxxx"]);
        assert_eq!(leftovers("联系人：***，电话 ***"), vec!["***", "***"]);
        assert_eq!(leftovers("TODO: 补充日期；时间 TBD"), vec!["TODO", "TBD"]);
        assert_eq!(leftovers("{{ name }} 与 {%if x%}"), vec!["{{ name }}", "{%if x%}"]);
    }

    #[test]
    fn masks_and_ordinary_words_are_not_filler() {
        for text in [
            "手机号 138****1234",
            "邮箱 z***@example.com",
            "卡号 6222 **** **** 1234",
            "卡号 6222-****-****-****-123",
            "客户 张**，尾号 xxxx1234",
            "***",
            "正文\n  ****  \n结尾",
            "Boxer, Exxon, taxxx, TODOS, todo list, MyTBD",
            "加粗 **重点**",
            "{ not code }",
        ] {
            assert!(leftovers(text).is_empty(), "{text}: {:?}", leftovers(text));
        }
    }

    #[test]
    fn finds_bracketed_slots() {
        assert_eq!(leftovers("【公司名称】提醒您"), vec!["【公司名称】"]);
        assert_eq!(leftovers("请于[日期]前付款"), vec!["[日期]"]);
        assert_eq!(leftovers("【XX银行】您好"), vec!["【XX银行】"]);
        assert_eq!(leftovers("金额：【____】元，签名：［***］"), vec!["【____】", "［***］"]);
        assert_eq!(leftovers("Dear [Customer Name], pay by [date]."), vec!["[Customer Name]", "[date]"]);
        assert_eq!(leftovers("落款\n【日期】"), vec!["【日期】"]);
        assert_eq!(leftovers("【请填写】"), vec!["【请填写】"]);
        assert_eq!(leftovers("[Customer Name], thank you"), vec!["[Customer Name]"]);
        assert_eq!(
            leftovers("From [Your Company] at [Insert link here]"),
            vec!["[Your Company]", "[Insert link here]"]
        );
        assert_eq!(leftovers("【xx公司】"), vec!["【xx公司】"]);
    }

    #[test]
    fn signatures_labels_and_links_are_not_slots() {
        for text in [
            "【星河科技】您的订单已发货",
            "【产品名称】：智能手表",
            "【活动时间】11月11日至11月13日",
            "【订单金额】: 99 元",
            "[点击链接](https://example.com)",
            "[Update] new version",
            "Get it now [limited time offer]",
            "[Exxon] [Important] [Action required]",
            "[Date]: 2026-11-24",
            "[ ] done",
            "【这段文字很长很长很长很长很长很长很长很长很长很长很长很长很长名称】",
        ] {
            assert!(leftovers(text).is_empty(), "{text}: {:?}", leftovers(text));
        }
    }

    #[test]
    fn a_match_inside_a_slot_is_reported_once() {
        assert_eq!(leftovers("【XXX公司】"), vec!["【XXX公司】"]);
    }

    #[test]
    fn leftover_in_the_source_is_reported_once_at_the_source() {
        let body = "尊敬的{{ name }}：\n请于【日期】前续费。";
        let samples = vec![profile("a", r#"{"name":"王"}"#), profile("b", r#"{"name":"欧阳"}"#)];
        let found = run(&template(Channel::Sms, "", body, samples), RuleId::PlaceholderLeftover);
        assert_eq!(found.len(), 1);
        let location = found[0].location.as_ref().unwrap();
        assert_eq!(location.origin, Origin::Source);
        assert_eq!(&body[location.span.range.clone()], "【日期】");
        assert_eq!((location.span.line, location.span.column), (2, 3));
        assert_eq!(found[0].profiles, Vec::<String>::new());
    }

    #[test]
    fn leftover_from_data_is_reported_in_the_output_of_its_profile() {
        let body = "尊敬的{{ name }}：您好";
        let samples = vec![
            profile("fine", r#"{"name":"王女士"}"#),
            profile("filler", r#"{"name":"XXX"}"#),
            profile("code", r#"{"name":"{{ customer.name }}"}"#),
        ];
        let found = run(&template(Channel::Sms, "", body, samples), RuleId::PlaceholderLeftover);
        let got: Vec<_> = found
            .iter()
            .map(|d| {
                let location = d.location.as_ref().unwrap();
                (d.profiles.first().map(String::as_str).unwrap(), location.origin, location.span.column, location.span.range.len())
            })
            .collect();
        assert_eq!(got, vec![("filler", Origin::Output, 4, 3), ("code", Origin::Output, 4, 19)]);
        assert!(
            found[1].message.en.contains("Unrendered template code “{{ customer.name }}”"),
            "{}",
            found[1].message.en
        );
    }

    #[test]
    fn masked_phone_from_a_filter_is_not_a_leftover() {
        let body = "您的手机 {{ phone | mask_phone }} 已绑定";
        let found =
            run(&template(Channel::Sms, "", body, one(r#"{"phone":"13812341234"}"#)), RuleId::PlaceholderLeftover);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn leftovers_are_found_in_the_subject_too() {
        let t = template(Channel::Email, "TODO 标题", &"字".repeat(300), one("{}"));
        let found = run(&t, RuleId::PlaceholderLeftover);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location.as_ref().unwrap().part, Part::Subject);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["【", "】", "[", "{{", "{%", "x", "**", "【😀", "a\u{0}b", "\u{FEFF}XXX", "[[[]]]", "【【】】"]
        {
            let _ = find_leftovers(text);
            let _ = paragraphs(text);
            let _ = run(&email(text), RuleId::PlaceholderLeftover);
            let _ = run(&sms(text), RuleId::SmsSegments);
        }
        assert_eq!(excerpt(&"长".repeat(40), 30), format!("{}…", "长".repeat(30)));
        assert_eq!(char_offset("ab", 5), 2);
    }
}
