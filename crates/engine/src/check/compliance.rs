//! `sms-signature`, `sms-unsubscribe`, `email-unsubscribe`, `ad-label`: what
//! the law and the SMS platforms require a message to carry.
//!
//! These look at the rendered output, because signatures and opt-out footers
//! often come from variables or `{% include %}` partials. Each profile (each
//! recipient of a merge) is judged on its own output alone; `check::group`
//! shows a finding several profiles share once.

use std::ops::Range;

use super::wording::contains_term;
use super::{Context, Fix, Location, Message, Origin, Part, ProfileRender, Rendered, RuleId, Settings, Sink};
use super::{Thresholds, WordLists};
use crate::lang::Lang;
use crate::library::model::{Channel, Purpose};
use crate::template::scan::{self, SegmentKind};
use crate::check::sms;
use crate::text::{is_cjk, is_latin_or_digit, is_letter_or_digit, Span};

pub(super) fn check(cx: &Context, sink: &mut Sink, settings: &Settings) {
    let marketing = cx.template.purpose == Purpose::Marketing;
    match cx.template.channel {
        Channel::Sms => {
            if sink.wants(RuleId::SmsSignature) {
                sms_signature(cx, sink, &settings.thresholds);
            }
            if marketing && sink.wants(RuleId::SmsUnsubscribe) {
                sms_unsubscribe(cx, sink, &settings.words);
            }
        }
        Channel::Email if marketing => {
            if sink.wants(RuleId::EmailUnsubscribe) {
                email_unsubscribe(cx, sink, &settings.words);
            }
            if sink.wants(RuleId::AdLabel) {
                ad_label(cx, sink);
            }
        }
        _ => {}
    }
}

/// A render of a part with a problem.
struct Failure<'c, P> {
    render: &'c ProfileRender,
    output: &'c Rendered,
    problem: P,
}

impl<P> Failure<'_, P> {
    /// Points at `range` of this render's output of `part`.
    fn location(&self, part: Part, range: Range<usize>) -> Location {
        Location { part, origin: Origin::Output, span: Span::of(&self.output.text, range) }
    }

    fn profile(&self) -> Option<&str> {
        Some(&self.render.profile)
    }
}

/// Whether every render of `part` fails: then an edit of the template's own
/// text is the remedy (a fix), not one of the data. A fix is advice on the
/// template from all its samples; a merge row's verdict does not carry it.
fn everywhere<P>(cx: &Context, part: Part, failing: &[Failure<P>]) -> bool {
    !failing.is_empty() && failing.len() == cx.outputs(part).count()
}

/// Runs `problem` on every successful render of `part` (nothing rendered:
/// the syntax and render checks report that).
fn failures<'c, P>(
    cx: &'c Context,
    part: Part,
    problem: impl Fn(&ProfileRender, &Rendered) -> Option<P>,
) -> impl Iterator<Item = Failure<'c, P>> {
    cx.outputs(part).filter_map(move |(render, output)| problem(render, output).map(|problem| Failure { render, output, problem }))
}

#[derive(Clone, Copy)]
enum Edge {
    Start,
    End,
}

/// Whether a render cannot tell that text is missing at `edge` of `source`:
/// in the record generated for a template without samples, placeholders print
/// made-up values, so when a placeholder is what the text starts (or ends)
/// with, the real signature, label or footer may well come from it. Real
/// sample profiles always tell.
fn made_up_at(render: &ProfileRender, source: &str, edge: Edge) -> bool {
    if !render.synthetic {
        return false;
    }
    let mut printing = scan::segments(source).into_iter().filter(|segment| match segment.kind {
        SegmentKind::Literal => source.get(segment.range.clone()).is_some_and(|text| !text.trim().is_empty()),
        SegmentKind::Expression => true,
        SegmentKind::Statement | SegmentKind::Comment => false,
    });
    let segment = match edge {
        Edge::Start => printing.next(),
        Edge::End => printing.next_back(),
    };
    segment.is_some_and(|segment| segment.kind == SegmentKind::Expression)
}

/// Byte offset of the first visible character (leading line breaks from
/// `{% %}` tags are not part of what a reader sees first).
fn visible_start(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

// ---------------------------------------------------------------- sms-signature

enum SignatureProblem {
    Missing,
    Unclosed,
    Length(String),
    Symbol(String, char),
}

/// The signature must be literal text: platforms register it apart from the
/// content, so one that a placeholder would print is missing, even in a
/// generated record.
fn sms_signature(cx: &Context, sink: &mut Sink, thresholds: &Thresholds) {
    for failure in failures(cx, Part::Body, |_, output| signature_problem(&output.text, thresholds)) {
        report_signature(&failure, sink, thresholds);
    }
}

fn report_signature(failure: &Failure<SignatureProblem>, sink: &mut Sink, thresholds: &Thresholds) {
    let (min, max) = (thresholds.sms_signature_min_chars, thresholds.sms_signature_max_chars);
    let text = &failure.output.text;
    let start = visible_start(text);
    let (zh, en, range) = match &failure.problem {
        SignatureProblem::Missing => {
            // 【】 are not GSM-7: adding them makes a Latin-only SMS UCS-2, 70 characters a part.
            let (zh_note, en_note) = if sms::measure(text).encoding == sms::Encoding::Gsm7 {
                (
                    "注意：加上【】后整条短信改按 UCS-2 计费（每条 70 字），可能需要更多条。",
                    " Note: 【】 make the whole SMS UCS-2 (70 characters a part), so it may need more parts.",
                )
            } else {
                ("", "")
            };
            (
                format!(
                    "短信必须以【签名】开头，例如“【星河科技】您好……”：签名是公司或产品名，{min}–{max} 个字，\
                     写在全角方括号【】里（不要用 [ ] 或 ( )）。{zh_note}"
                ),
                format!(
                    "An SMS must begin with its signature, e.g. “【Acme】Hello …”: the company or product name, \
                     {min}–{max} characters, in full-width brackets 【】 (not [ ] or ( )).{en_note}"
                ),
                start..start,
            )
        }
        SignatureProblem::Unclosed => (
            "短信开头的签名缺少右括号“】”，请补上，例如“【星河科技】”。".to_owned(),
            "The signature at the start of the SMS lacks its closing “】”; add it, e.g. “【Acme】”.".to_owned(),
            start..start + '【'.len_utf8(),
        ),
        SignatureProblem::Length(signature) => {
            let n = signature.chars().count();
            (
                format!(
                    "签名“【{signature}】”有 {n} 个字，短信平台要求 {min}–{max} 个字，请改用合适长度的公司或产品名。"
                ),
                format!(
                    "The signature “【{signature}】” has {n} characters; SMS platforms require {min}–{max}. \
                     Use a company or product name of that length."
                ),
                start..start + signature_len(signature),
            )
        }
        SignatureProblem::Symbol(signature, symbol) => (
            format!("签名“【{signature}】”含有符号或空格“{symbol}”。短信平台要求签名只用汉字、字母或数字，请删去它。"),
            format!(
                "The signature “【{signature}】” contains the symbol or space “{symbol}”. SMS platforms allow only \
                 letters, digits and Chinese characters in a signature; remove it."
            ),
            start..start + signature_len(signature),
        ),
    };
    let location = failure.location(Part::Body, range);
    sink.report(RuleId::SmsSignature, Message::new(zh, en), Some(location), failure.profile(), None);
}

/// Bytes of `【signature】`.
fn signature_len(signature: &str) -> usize {
    '【'.len_utf8() + signature.len() + '】'.len_utf8()
}

fn signature_problem(text: &str, thresholds: &Thresholds) -> Option<SignatureProblem> {
    let Some(rest) = text.trim_start().strip_prefix('【') else { return Some(SignatureProblem::Missing) };
    let Some(end) = rest.find('】') else { return Some(SignatureProblem::Unclosed) };
    let signature = &rest[..end];
    let length = signature.chars().count();
    if length < thresholds.sms_signature_min_chars || length > thresholds.sms_signature_max_chars {
        return Some(SignatureProblem::Length(signature.to_owned()));
    }
    let symbol = signature.chars().find(|&c| !is_letter_or_digit(c))?;
    Some(SignatureProblem::Symbol(signature.to_owned(), symbol))
}

// ---------------------------------------------------------------- sms-unsubscribe

fn sms_unsubscribe(cx: &Context, sink: &mut Sink, words: &WordLists) {
    let phrases: Vec<&str> = words.sms_opt_out.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
    let Some(&first_phrase) = phrases.first() else { return }; // nothing counts as opt-out: nothing to ask for
    let source = cx.source(Part::Body);
    let has_opt_out = |text: &str| phrases.iter().any(|phrase| has_sms_opt_out(text, phrase));
    let examples = phrases.join("、");
    let message = Message::new(
        format!("营销短信必须写明如何拒收，例如在末尾加上“{first_phrase}”。可用的写法：{examples}。"),
        format!(
            "A marketing SMS must say how to refuse further messages: add e.g. “{first_phrase}” at the end. \
             Accepted wordings: {examples}."
        ),
    );
    let missing = |render: &ProfileRender, output: &Rendered| (!has_opt_out(&output.text) && !made_up_at(render, source, Edge::End)).then_some(());
    let failing: Vec<_> = failures(cx, Part::Body, missing).collect();
    // Appending is the obvious edit only when no customer gets an opt-out yet.
    let fix = everywhere(cx, Part::Body, &failing).then(|| append_opt_out(source, first_phrase));
    for failure in failing {
        sink.report(RuleId::SmsUnsubscribe, message.clone(), None, failure.profile(), fix.clone());
    }
}

/// Opt-out wording, whatever spaces were put in it (回 T 退订 is 回T退订).
fn has_sms_opt_out(text: &str, phrase: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    contains_term(&squeeze(text), &squeeze(phrase))
}

/// Appends `phrase` at the end of the SMS source (platforms want it last),
/// after a full stop when the text ends in Chinese, or a space when it ends in
/// a word or a placeholder (so a link there does not run into the phrase).
fn append_opt_out(source: &str, phrase: &str) -> Fix {
    let end = source.trim_end().len();
    let separator = match source[..end].chars().next_back() {
        Some(c) if is_cjk(c) => "。",
        Some(c) if is_letter_or_digit(c) || c == '}' => " ",
        _ => "",
    };
    Fix {
        title: Message::new(format!("在末尾加上“{phrase}”"), format!("Append “{phrase}”")),
        part: Part::Body,
        range: end..end,
        replacement: format!("{separator}{phrase}"),
    }
}

// ---------------------------------------------------------------- email-unsubscribe

fn email_unsubscribe(cx: &Context, sink: &mut Sink, words: &WordLists) {
    let source = cx.source(Part::Body);
    let message = Message::new(
        "营销邮件必须提供退订方式（《互联网电子邮件服务管理办法》第十四条）：请在正文中加入退订链接或退订说明，\
         例如“如不想再收到此类邮件，请点击此处退订”。"
            .to_owned(),
        "A marketing e-mail must offer a way to refuse further mail (China's e-mail regulation Art. 14, CAN-SPAM, \
         GDPR): add an unsubscribe link or instruction to the body, e.g. “Don't want these e-mails? Unsubscribe here.”"
    );
    let missing = |render: &ProfileRender, output: &Rendered| {
        let offers_opt_out = has_unsubscribe_link(&output.text)
            || words.email_opt_out.iter().any(|phrase| contains_term(&output.text, phrase));
        (!offers_opt_out && !made_up_at(render, source, Edge::End)).then_some(())
    };
    for failure in failures(cx, Part::Body, missing) {
        sink.report(RuleId::EmailUnsubscribe, message.clone(), None, failure.profile(), None);
    }
}

/// Whether `text` has a link (URL, `mailto:`, `www.` or an `href` value) with
/// "unsubscribe" in it.
fn has_unsubscribe_link(text: &str) -> bool {
    let separator = |c: char| c.is_whitespace() || !c.is_ascii() || matches!(c, '"' | '\'' | '<' | '>' | '(' | ')');
    let mut after_href = false;
    text.split(separator).filter(|token| !token.is_empty()).any(|token| {
        let token = token.to_ascii_lowercase();
        let is_link = after_href || token.contains("://") || token.starts_with("mailto:") || token.starts_with("www.");
        after_href = token.ends_with("href=");
        is_link && token.contains("unsubscribe")
    })
}

// ---------------------------------------------------------------- ad-label

fn ad_label(cx: &Context, sink: &mut Sink) {
    let zh =
        "营销邮件的主题必须以“广告”或“AD”开头（《互联网电子邮件服务管理办法》第十三条），例如“【广告】会员日专享”。";
    let en = "The subject of a marketing e-mail must begin with “广告” or “AD” (China's e-mail regulation Art. 13), \
              e.g. “[AD] Members' week”.";
    if cx.template.subject.trim().is_empty() {
        sink.report(RuleId::AdLabel, Message::new(zh, en), None, None, None);
        return;
    }
    let source = cx.source(Part::Subject);
    let missing = |render: &ProfileRender, output: &Rendered| (!has_ad_label(&output.text) && !made_up_at(render, source, Edge::Start)).then_some(());
    let failing: Vec<_> = failures(cx, Part::Subject, missing).collect();
    // Prepending is the obvious edit only when no customer gets a label yet.
    let fix = everywhere(cx, Part::Subject, &failing).then(|| prepend_ad_label(cx.template.locale));
    for failure in failing {
        let start = visible_start(&failure.output.text);
        let location = failure.location(Part::Subject, start..start);
        sink.report(RuleId::AdLabel, Message::new(zh, en), Some(location), failure.profile(), fix.clone());
    }
}

/// 广告 or AD at the start, perhaps in brackets: 【广告】, [AD], (AD), "AD:".
/// AD must be a word of its own ("ADVANCED" is no label) and upper case, as the
/// regulation writes it.
fn has_ad_label(subject: &str) -> bool {
    const OPENERS: [char; 10] = ['【', '[', '(', '（', '［', '〔', '<', '《', '「', '『'];
    let subject = subject.trim_start();
    let subject = subject.strip_prefix(OPENERS).unwrap_or(subject).trim_start();
    let ad_word =
        subject.strip_prefix("AD").is_some_and(|rest| !rest.starts_with(is_latin_or_digit));
    subject.starts_with("广告") || ad_word
}

fn prepend_ad_label(locale: Lang) -> Fix {
    let label = locale.pick("【广告】", "[AD] ");
    Fix {
        title: Message::new(format!("在主题前加上“{label}”"), format!("Put “{}” before the subject", label.trim_end())),
        part: Part::Subject,
        range: 0..0,
        replacement: label.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::check::context::GENERATED_PROFILE;
    use crate::check::Diagnostic;
    use crate::library::model::{Shared, SampleProfile, Template};

    fn run_in(template: &Template, library: &Shared, settings: &Settings) -> Vec<Diagnostic> {
        let cx = Context::new(template, library);
        let mut sink = Sink::new(settings, template.channel);
        check(&cx, &mut sink, settings);
        crate::check::group(sink.into_diagnostics())
    }

    fn run(template: &Template) -> Vec<Diagnostic> {
        run_in(template, &Shared::default(), &Settings::default())
    }

    fn rules(diagnostics: &[Diagnostic]) -> Vec<RuleId> {
        diagnostics.iter().map(|d| d.rule).collect()
    }

    fn sms(purpose: Purpose, body: &str) -> Template {
        Template { channel: Channel::Sms, purpose, body: body.into(), ..Template::default() }
    }

    fn email(purpose: Purpose, subject: &str, body: &str) -> Template {
        Template { channel: Channel::Email, purpose, subject: subject.into(), body: body.into(), ..Template::default() }
    }

    fn profile(name: &str, data: &str) -> SampleProfile {
        SampleProfile { name: name.into(), data: data.into() }
    }

    fn with_fix_applied(template: &Template, fix: &Fix) -> Template {
        let mut fixed = template.clone();
        let source = match fix.part {
            Part::Body => &mut fixed.body,
            Part::Subject => &mut fixed.subject,
        };
        source.replace_range(fix.range.clone(), &fix.replacement);
        fixed
    }

    const OPT_OUT: &str = "拒收请回复R";

    // ------------------------------------------------------------ sms-signature

    #[test]
    fn sms_without_signature_fires_once_at_the_start_of_the_output() {
        let diagnostics = run(&sms(Purpose::Notification, "您的验证码是 1234，5 分钟内有效。"));
        assert_eq!(rules(&diagnostics), vec![RuleId::SmsSignature]);
        let d = &diagnostics[0];
        let location = d.location.clone().unwrap();
        assert_eq!(
            (location.part, location.origin, location.span.line, location.span.column),
            (Part::Body, Origin::Output, 1, 1)
        );
        assert_eq!(d.profiles.first().map(String::as_str), Some(GENERATED_PROFILE));
        assert!(d.message.zh.contains("【签名】") && d.message.en.contains("2–12"));
        assert_eq!(d.fix, None);
    }

    #[test]
    fn adding_a_signature_to_a_latin_sms_warns_about_ucs2() {
        let latin = run(&sms(Purpose::Notification, "Your parcel ships today. Reply STOP to opt out."));
        assert!(latin[0].message.en.contains("make the whole SMS UCS-2"), "{}", latin[0].message.en);
        assert!(latin[0].message.zh.contains("UCS-2"));
        let chinese = run(&sms(Purpose::Notification, "您的包裹今天发出。"));
        assert!(!chinese[0].message.en.contains("UCS-2"), "already UCS-2: {}", chinese[0].message.en);
    }

    #[test]
    fn sms_with_a_good_signature_passes_for_both_purposes() {
        for purpose in [Purpose::Notification, Purpose::Marketing] {
            let diagnostics = run(&sms(purpose, &format!("\n【星河科技】您的订单已发货。{OPT_OUT}")));
            assert_eq!(rules(&diagnostics), vec![], "{purpose:?}");
        }
        assert_eq!(rules(&run(&sms(Purpose::Notification, "【ACME】Your code is 1234"))), vec![]);
    }

    #[test]
    fn signature_in_other_brackets_is_missing() {
        for body in ["[星河科技]您好", "（星河科技）您好", "您好【星河科技】"] {
            let diagnostics = run(&sms(Purpose::Notification, body));
            assert_eq!(rules(&diagnostics), vec![RuleId::SmsSignature], "{body}");
            assert!(diagnostics[0].message.zh.contains("全角方括号"), "{body}");
        }
    }

    #[test]
    fn signature_length_is_checked_against_the_thresholds() {
        let short = run(&sms(Purpose::Notification, "【星】您好"));
        assert_eq!(rules(&short), vec![RuleId::SmsSignature]);
        assert_eq!(short[0].location.clone().unwrap().span.range, 0..9, "underlines 【星】");
        assert!(short[0].message.zh.contains("有 1 个字"));
        let long = run(&sms(Purpose::Notification, "【星河科技有限公司客户服务中心】您好"));
        assert!(long[0].message.en.contains("has 14 characters"), "{}", long[0].message.en);
        assert_eq!(rules(&run(&sms(Purpose::Notification, "【星河】您好"))), vec![]);

        let mut settings = Settings::default();
        settings.thresholds.sms_signature_max_chars = 3;
        let diagnostics = run_in(&sms(Purpose::Notification, "【星河科技】您好"), &Shared::default(), &settings);
        assert_eq!(rules(&diagnostics), vec![RuleId::SmsSignature]);
    }

    #[test]
    fn signature_with_symbols_or_spaces_fires() {
        for (body, symbol) in [("【星河·科技】您好", '·'), ("【Star Tech】Hello", ' '), ("【星河-科技】您好", '-')]
        {
            let diagnostics = run(&sms(Purpose::Notification, body));
            assert_eq!(rules(&diagnostics), vec![RuleId::SmsSignature], "{body}");
            assert!(diagnostics[0].message.zh.contains(&format!("“{symbol}”")), "{body}");
        }
    }

    #[test]
    fn unclosed_signature_fires() {
        let diagnostics = run(&sms(Purpose::Notification, "【星河科技 您好"));
        assert_eq!(rules(&diagnostics), vec![RuleId::SmsSignature]);
        assert!(diagnostics[0].message.zh.contains("右括号"));
    }

    #[test]
    fn signature_from_a_variable_names_the_profiles_without_it() {
        let mut template = sms(Purpose::Notification, "【{{ brand }}】您好，{{ name }}");
        template.samples = vec![
            profile("有品牌", r#"{"brand": "星河", "name": "王"}"#),
            profile("缺品牌", r#"{"name": "李"}"#),
            profile("也缺", r#"{"name": "赵"}"#),
        ];
        let diagnostics = run(&template);
        assert_eq!(rules(&diagnostics), vec![RuleId::SmsSignature], "shown once, naming the profiles");
        assert_eq!(diagnostics[0].profiles, ["缺品牌", "也缺"]);
    }

    #[test]
    fn failing_everywhere_is_one_finding_naming_every_profile() {
        let mut template = sms(Purpose::Notification, "您好，{{ name }}");
        template.samples = vec![profile("甲", r#"{"name": "王"}"#), profile("乙", r#"{"name": "李"}"#)];
        let diagnostics = run(&template);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].profiles, ["甲", "乙"]);
    }

    #[test]
    fn signature_from_a_partial_counts() {
        let library = Shared {
            partials: BTreeMap::from([("sig".to_owned(), "【星河科技】".to_owned())]),
            ..Shared::default()
        };
        let template = sms(Purpose::Notification, "{% include 'sig' %}您的订单已发货。");
        assert_eq!(rules(&run_in(&template, &library, &Settings::default())), vec![]);
    }

    #[test]
    fn a_placeholder_is_no_signature_even_without_samples() {
        // Platforms register the signature apart from the content: it must be literal text.
        for body in ["{% if x %}{% endif %}\n{{ sms.signature }}您好", "{{ customer.name }}您好，您的工单已处理完毕。", "您好，{{ sms.signature }}"] {
            let found = run(&sms(Purpose::Notification, body));
            assert_eq!(rules(&found), vec![RuleId::SmsSignature], "{body}");
            assert_eq!(found[0].profiles, [GENERATED_PROFILE]);
        }
        // A real profile tells.
        let mut template = sms(Purpose::Notification, "{{ sms.signature }}您好");
        template.samples = vec![profile("无签名", r#"{"sms": {"signature": ""}}"#)];
        assert_eq!(run(&template)[0].profiles.first().map(String::as_str), Some("无签名"));
    }

    #[test]
    fn nothing_rendered_means_nothing_to_report() {
        assert_eq!(rules(&run(&sms(Purpose::Marketing, "{{ broken"))), vec![]);
    }

    #[test]
    fn other_channels_need_no_signature() {
        assert_eq!(rules(&run(&email(Purpose::Notification, "订单通知", "您的订单已发货"))), vec![]);
        let inapp = Template { channel: Channel::Inapp, body: "您好".into(), ..Template::default() };
        assert_eq!(rules(&run(&inapp)), vec![]);
    }

    // ------------------------------------------------------------ sms-unsubscribe

    #[test]
    fn marketing_sms_without_opt_out_fires_once_with_a_fix_that_works() {
        let template = sms(Purpose::Marketing, "【星河】会员日全场 8 折。\n");
        let diagnostics = run(&template);
        assert_eq!(rules(&diagnostics), vec![RuleId::SmsUnsubscribe]);
        let d = &diagnostics[0];
        assert_eq!((d.location.clone(), d.profiles.as_slice()), (None, [GENERATED_PROFILE.to_owned()].as_slice()));
        assert!(d.message.zh.contains(OPT_OUT) && d.message.en.contains("回T退订"));
        let fix = d.fix.clone().expect("appending the opt-out is obvious");
        assert_eq!((fix.part, fix.range.clone(), fix.replacement.as_str()), (Part::Body, 36..36, OPT_OUT));
        assert_eq!(rules(&run(&with_fix_applied(&template, &fix))), vec![]);
    }

    #[test]
    fn the_fix_separates_the_opt_out_from_chinese_text_and_links() {
        let fix = |body: &str| {
            let template = Template {
                samples: vec![profile("甲", r#"{"link": "https://t.cn/x"}"#)],
                ..sms(Purpose::Marketing, body)
            };
            run(&template)[0].fix.clone().unwrap().replacement
        };
        assert_eq!(fix("【星河】会员日全场八折"), format!("。{OPT_OUT}"));
        assert_eq!(fix("【星河】详情 https://t.cn/abc"), format!(" {OPT_OUT}"));
        assert_eq!(fix("【星河】详情{{ link }}"), format!(" {OPT_OUT}"));
    }

    #[test]
    fn any_configured_opt_out_wording_counts_with_any_spacing_or_case() {
        for footer in ["回T退订", "回TD退订", "退订回td", "拒收请回复 R", "回 T 退订"] {
            let diagnostics = run(&sms(Purpose::Marketing, &format!("【星河】会员日全场八折，{footer}")));
            assert_eq!(rules(&diagnostics), vec![], "{footer}");
        }
        let mut settings = Settings::default();
        settings.words.sms_opt_out = vec!["回0退订".into()];
        let diagnostics = run_in(&sms(Purpose::Marketing, "【星河】八折，回T退订"), &Shared::default(), &settings);
        assert_eq!(rules(&diagnostics), vec![RuleId::SmsUnsubscribe]);
    }

    #[test]
    fn opt_out_from_a_partial_counts() {
        let library =
            Shared { partials: BTreeMap::from([("footer".to_owned(), OPT_OUT.to_owned())]), ..Shared::default() };
        let template = sms(Purpose::Marketing, "【星河】会员日全场八折。{% include 'footer' %}");
        assert_eq!(rules(&run_in(&template, &library, &Settings::default())), vec![]);
    }

    #[test]
    fn opt_out_missing_for_some_profiles_names_the_first_and_offers_no_fix() {
        let mut template = sms(Purpose::Marketing, "【星河】八折。{% if consented %}回T退订{% endif %}");
        template.samples =
            vec![profile("同意", r#"{"consented": true}"#), profile("未同意", r#"{"consented": false}"#)];
        let diagnostics = run(&template);
        assert_eq!(rules(&diagnostics), vec![RuleId::SmsUnsubscribe]);
        assert_eq!(diagnostics[0].profiles.first().map(String::as_str), Some("未同意"));
        assert_eq!(diagnostics[0].fix, None);
    }

    #[test]
    fn without_samples_a_closing_placeholder_may_be_the_opt_out() {
        assert_eq!(rules(&run(&sms(Purpose::Marketing, "【星河】八折。{{ footer }}\n"))), vec![]);
        assert_eq!(rules(&run(&sms(Purpose::Marketing, "【星河】{{ name }}，八折。"))), vec![RuleId::SmsUnsubscribe]);
    }

    #[test]
    fn notification_sms_needs_no_opt_out_and_an_empty_list_asks_for_none() {
        assert_eq!(rules(&run(&sms(Purpose::Notification, "【星河】您的订单已发货"))), vec![]);
        let mut settings = Settings::default();
        settings.words.sms_opt_out = vec![" ".into()];
        assert_eq!(rules(&run_in(&sms(Purpose::Marketing, "【星河】八折"), &Shared::default(), &settings)), vec![]);
    }

    // ------------------------------------------------------------ email-unsubscribe

    const LABELLED: &str = "【广告】会员日专享";

    #[test]
    fn marketing_email_without_unsubscribe_fires_once() {
        let mut template = email(Purpose::Marketing, LABELLED, "您好 {{ name }}，会员日全场八折。");
        template.samples = vec![profile("甲", r#"{"name": "王"}"#), profile("乙", r#"{"name": "李"}"#)];
        let diagnostics = run(&template);
        assert_eq!(rules(&diagnostics), vec![RuleId::EmailUnsubscribe]);
        assert_eq!((diagnostics[0].location.clone(), diagnostics[0].profiles.as_slice()), (None, ["甲".to_owned(), "乙".to_owned()].as_slice()));
        assert!(diagnostics[0].message.zh.contains("退订") && diagnostics[0].message.en.contains("unsubscribe"));
    }

    #[test]
    fn unsubscribe_wording_or_link_counts() {
        for body in [
            "会员日全场八折。如不想再收到此类邮件，请点击退订。",
            "Members' week. To opt out, reply STOP.",
            "Members' week. Unsubscribe: https://acme.com/u",
            "会员日全场八折。<a href=\"https://acme.com/mail/unsubscribe?u={{ id }}\">点这里</a>",
        ] {
            assert_eq!(rules(&run(&email(Purpose::Marketing, LABELLED, body))), vec![], "{body}");
        }
    }

    #[test]
    fn a_link_with_unsubscribe_counts_even_without_the_wording() {
        let mut settings = Settings::default();
        settings.words.email_opt_out.clear();
        let run_body =
            |body: &str| rules(&run_in(&email(Purpose::Marketing, LABELLED, body), &Shared::default(), &settings));
        assert_eq!(run_body("点<a href='https://acme.com/UnsubscribeMe'>这里</a>"), vec![]);
        assert_eq!(run_body("管理订阅：www.acme.com/unsubscribe"), vec![]);
        assert_eq!(run_body("Just the word unsubscribe, no link"), vec![RuleId::EmailUnsubscribe]);
    }

    #[test]
    fn an_unsubscribe_placeholder_in_a_link_counts() {
        let body = "八折。<a href=\"{{ unsubscribe_url }}\">点这里</a>不再接收。{{ company.name }}";
        assert_eq!(rules(&run(&email(Purpose::Marketing, LABELLED, body))), vec![]);
    }

    #[test]
    fn unsubscribe_is_a_whole_word() {
        let body = "You were unsubscribed by mistake? Visit https://acme.com/prefs";
        assert_eq!(rules(&run(&email(Purpose::Marketing, LABELLED, body))), vec![RuleId::EmailUnsubscribe]);
    }

    #[test]
    fn notification_email_needs_no_unsubscribe_nor_label() {
        assert_eq!(rules(&run(&email(Purpose::Notification, "订单已发货", "您的订单已发货。"))), vec![]);
    }

    // ------------------------------------------------------------ ad-label

    const UNSUBSCRIBE: &str = "会员日全场八折。点此退订：https://acme.com/unsubscribe";

    #[test]
    fn marketing_subject_without_label_fires_with_a_fix_that_works() {
        let template = email(Purpose::Marketing, "会员日专享", UNSUBSCRIBE);
        let diagnostics = run(&template);
        assert_eq!(rules(&diagnostics), vec![RuleId::AdLabel]);
        let d = &diagnostics[0];
        let location = d.location.clone().unwrap();
        assert_eq!((location.part, location.origin, location.span.column), (Part::Subject, Origin::Output, 1));
        assert_eq!(d.profiles.first().map(String::as_str), Some(GENERATED_PROFILE));
        let fix = d.fix.clone().unwrap();
        assert_eq!((fix.part, fix.range.clone(), fix.replacement.as_str()), (Part::Subject, 0..0, "【广告】"));
        assert_eq!(rules(&run(&with_fix_applied(&template, &fix))), vec![]);
    }

    #[test]
    fn english_templates_get_an_english_label() {
        let template = Template { locale: Lang::En, ..email(Purpose::Marketing, "Members' week", UNSUBSCRIBE) };
        let fix = run(&template)[0].fix.clone().unwrap();
        assert_eq!(fix.replacement, "[AD] ");
        assert_eq!(rules(&run(&with_fix_applied(&template, &fix))), vec![]);
    }

    #[test]
    fn accepted_label_forms() {
        for subject in [
            "【广告】会员日",
            "广告：会员日",
            "[AD] Members' week",
            "(AD) Members",
            "AD: Members",
            "AD双十一",
            "  （广告）会员日",
        ] {
            assert_eq!(rules(&run(&email(Purpose::Marketing, subject, UNSUBSCRIBE))), vec![], "{subject}");
        }
    }

    #[test]
    fn rejected_label_forms() {
        for subject in ["ADVANCED members' offer", "Ad hoc offer", "关于广告投放", "会员日【广告】", "[ADV] offer"]
        {
            assert_eq!(
                rules(&run(&email(Purpose::Marketing, subject, UNSUBSCRIBE))),
                vec![RuleId::AdLabel],
                "{subject}"
            );
        }
    }

    #[test]
    fn label_from_a_variable_names_the_first_profile_without_it() {
        let mut template = email(Purpose::Marketing, "{{ prefix }}会员日专享", UNSUBSCRIBE);
        template.samples = vec![profile("带标识", r#"{"prefix": "【广告】"}"#), profile("无标识", "{}")];
        let diagnostics = run(&template);
        assert_eq!(rules(&diagnostics), vec![RuleId::AdLabel]);
        assert_eq!(diagnostics[0].profiles.first().map(String::as_str), Some("无标识"));
        assert_eq!(diagnostics[0].fix, None, "prepending would double the label for other customers");
    }

    #[test]
    fn an_empty_subject_has_no_label() {
        let diagnostics = run(&email(Purpose::Marketing, " ", UNSUBSCRIBE));
        assert_eq!(rules(&diagnostics), vec![RuleId::AdLabel]);
        assert_eq!((diagnostics[0].location.clone(), diagnostics[0].profiles.first()), (None, None));
    }

    #[test]
    fn a_subject_that_does_not_parse_is_left_to_the_syntax_check() {
        assert_eq!(rules(&run(&email(Purpose::Marketing, "{{ broken", UNSUBSCRIBE))), vec![]);
    }

    #[test]
    fn marketing_sms_needs_no_ad_label() {
        assert_eq!(rules(&run(&sms(Purpose::Marketing, &format!("【星河】八折{OPT_OUT}")))), vec![]);
    }
}
