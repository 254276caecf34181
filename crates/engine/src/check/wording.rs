//! `absolute-term`, `sensitive-word`, `marketing-in-notification`: words the
//! author wrote (literal text of the subject and body source), so the editor can
//! underline them where they were typed.
//!
//! All three share one matcher, [`find_terms`], and it is precise on purpose: a
//! term inside an ordinary word from the false-friend list (最高 is a claim, but
//! 第一 in 第一次 is not) never fires, and Latin words match whole words only.

use std::cell::OnceCell;
use std::ops::Range;

use super::absolute;
use super::typography::NonProse;
use super::{Context, Location, Message, Origin, RuleId, Sink, WordLists};
use crate::library::model::Purpose;
use crate::template::scan;
use crate::text::{word_occurrences, Span};

pub(super) fn check(cx: &Context, sink: &mut Sink, words: &WordLists) {
    let friends = &words.false_friends;
    // The grammar's claims, and the library's own extra terms.
    let claims = |text: &str| {
        let lowered = text.to_ascii_lowercase();
        let mut uses = absolute::claims(text);
        uses.extend(words.absolute_terms.iter().flat_map(|term| word_occurrences(&lowered, term)));
        real_uses(&lowered, uses, friends)
    };
    report_terms(cx, sink, RuleId::AbsoluteTerm, claims, absolute_term_message);
    let sensitive = |text: &str| find_terms(text, &words.sensitive_words, friends);
    report_terms(cx, sink, RuleId::SensitiveWord, sensitive, sensitive_word_message);
    if cx.template.purpose == Purpose::Notification {
        let marketing = |text: &str| find_terms(text, &words.marketing_words, friends);
        report_terms(cx, sink, RuleId::MarketingInNotification, marketing, marketing_message);
    }
}

/// Reports `rule` at every range `find` finds in the literal prose of the
/// subject and body.
fn report_terms(cx: &Context, sink: &mut Sink, rule: RuleId, find: impl Fn(&str) -> Vec<Range<usize>>, message: fn(&str) -> Message) {
    if !sink.wants(rule) {
        return;
    }
    for part in cx.parts() {
        let source = cx.source(part);
        for range in in_literals(source, find(source)) {
            let location = Location { part, origin: Origin::Source, span: Span::of(source, range.clone()) };
            sink.report(rule, message(&source[range]), Some(location), None, None);
        }
    }
}

/// The `found` ranges of `source` that lie in its literal prose: not in Jinja
/// tags, and not in HTML markup, URLs or e-mail addresses (class="sale-banner"
/// or sale@shop.com is no promotion the reader sees). Terms are searched in the
/// whole source at once (one pass per term, not one per literal piece) and
/// then kept when they lie inside a piece of prose.
fn in_literals(source: &str, found: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if found.is_empty() {
        return found;
    }
    let pieces: Vec<(Range<usize>, &str)> = scan::literals(source).collect();
    // Markup is looked for only in the pieces a term was found in.
    let markup: Vec<OnceCell<NonProse>> = pieces.iter().map(|_| OnceCell::new()).collect();
    found
        .into_iter()
        .filter(|found| {
            let piece = pieces.partition_point(|(at, _)| at.end <= found.start);
            pieces.get(piece).is_some_and(|(at, text)| {
                at.start <= found.start
                    && found.end <= at.end
                    && !markup[piece].get_or_init(|| NonProse::of(text)).contains(found.start - at.start)
            })
        })
        .collect()
}

/// Occurrences of `terms` in `text` that are real uses of a term, in order:
/// one inside an occurrence of a false friend is ordinary language and is
/// dropped, and of nested terms (最高 inside 最高级) only the longest is kept,
/// so one word gives one finding.
fn find_terms(text: &str, terms: &[String], false_friends: &[String]) -> Vec<Range<usize>> {
    let lowered = text.to_ascii_lowercase();
    let uses = terms.iter().flat_map(|term| word_occurrences(&lowered, term)).collect();
    real_uses(&lowered, uses, false_friends)
}

/// Of `uses` (ranges of `lowered`), those that are not inside an occurrence
/// of a false friend nor inside another use, in order.
fn real_uses(lowered: &str, uses: Vec<Range<usize>>, false_friends: &[String]) -> Vec<Range<usize>> {
    let friends = false_friends.iter().flat_map(|friend| word_occurrences(lowered, friend)).map(|range| (range, false));
    let mut all: Vec<(Range<usize>, bool)> = friends.chain(uses.into_iter().map(|range| (range, true))).collect();
    // Enclosing ranges first, and a false friend before a term of the same range.
    all.sort_by_key(|(range, is_term)| (range.start, std::cmp::Reverse(range.end), *is_term));
    let mut kept = Vec::new();
    let mut reached = 0;
    for (range, is_term) in all {
        // Every range before this one starts no later, so one that reaches as
        // far encloses it.
        let enclosed = range.end <= reached;
        reached = reached.max(range.end);
        if is_term && !enclosed {
            kept.push(range);
        }
    }
    kept
}

/// Whether `text` contains `phrase` as the word rules match a term.
pub(super) fn contains_term(text: &str, phrase: &str) -> bool {
    !word_occurrences(&text.to_ascii_lowercase(), phrase).is_empty()
}

fn absolute_term_message(word: &str) -> Message {
    Message::new(
        format!(
            "“{word}”是绝对化用语。《广告法》第九条第三项禁止在广告中使用“国家级”“最高级”“最佳”及含义相同的用语，\
             违者可处 20 万至 100 万元罚款。这是风险提示，不是定论：请结合语境判断，或改用客观、可以证实的说法。"
        ),
        format!(
            "“{word}” is an absolute claim. Advertising Law Art. 9(3) forbids “national-level”, “highest grade”, \
             “best” and terms of the same meaning in advertising (fines of 200,000–1,000,000 RMB). This is a risk, \
             not a verdict: judge it in context, or use a factual wording that can be proven."
        ),
    )
}

fn sensitive_word_message(word: &str) -> Message {
    Message::new(
        format!("“{word}”在本模板库的敏感词列表中。请换一种说法；若这个词并无不妥，可在设置中调整敏感词列表。"),
        format!(
            "“{word}” is on this library's list of words to avoid. Use other wording; if the word is fine here, \
             change the list in the settings."
        ),
    )
}

fn marketing_message(word: &str) -> Message {
    Message::new(
        format!(
            "“{word}”是促销用语，而这是一则服务通知。服务和关怀类消息里不宜推销：请删去促销内容；\
             若这本来就是营销消息，请把模板用途改为“营销”（营销消息须带退订方式和广告标识）。"
        ),
        format!(
            "“{word}” is promotional wording, but this template is a service notification, and care or service \
             messages should not push sales. Remove the promotion; if this is a marketing message, set the \
             template's purpose to marketing (marketing messages need an opt-out and an ad label)."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Diagnostic, Part, Settings};
    use crate::library::model::{Channel, Shared, Template};

    fn run_with(template: &Template, settings: &Settings) -> Vec<Diagnostic> {
        let library = Shared::default();
        let cx = Context::new(template, &library);
        let mut sink = Sink::new(settings, template.channel);
        check(&cx, &mut sink, &settings.words);
        sink.into_diagnostics()
    }

    fn body(text: &str) -> Template {
        Template { body: text.into(), ..Template::default() }
    }

    fn marketing(text: &str) -> Template {
        Template { purpose: Purpose::Marketing, ..body(text) }
    }

    /// (rule, line, column, the source text underlined) of every finding.
    fn findings(template: &Template) -> Vec<(RuleId, usize, usize, String)> {
        run_with(template, &Settings::default())
            .into_iter()
            .map(|d| {
                let location = d.location.expect("word findings point into the source");
                assert_eq!(location.origin, Origin::Source);
                assert_eq!(d.profiles, Vec::<String>::new());
                let source = match location.part {
                    Part::Body => &template.body,
                    Part::Subject => &template.subject,
                };
                let word = source[location.span.range.clone()].to_owned();
                (d.rule, location.span.line, location.span.column, word)
            })
            .collect()
    }

    fn absolute(line: usize, column: usize, word: &str) -> (RuleId, usize, usize, String) {
        (RuleId::AbsoluteTerm, line, column, word.to_owned())
    }

    fn promo(line: usize, column: usize, word: &str) -> (RuleId, usize, usize, String) {
        (RuleId::MarketingInNotification, line, column, word.to_owned())
    }

    #[test]
    fn absolute_terms_fire_with_line_and_character_column() {
        let template = marketing("尊敬的{{ customer.name }}：\n我们提供业内最佳的服务，是您的首选。");
        // The claim is the whole form: a scope and its superlative.
        assert_eq!(findings(&template), vec![absolute(2, 5, "业内最佳"), absolute(2, 16, "首选")]);
    }

    #[test]
    fn the_message_names_the_word_cites_the_law_and_says_it_is_a_risk() {
        let diagnostics = run_with(&marketing("国家级品质"), &Settings::default());
        assert_eq!(diagnostics.len(), 1);
        let message = &diagnostics[0].message;
        assert!(message.zh.contains("“国家级”") && message.zh.contains("第九条第三项") && message.zh.contains("风险"));
        assert!(
            message.en.contains("“国家级”")
                && message.en.contains("Art. 9(3)")
                && message.en.contains("risk, not a verdict")
        );
    }

    #[test]
    fn false_friends_never_fire() {
        let text = "最近您的账户有更新。最后，第一次登录请完成第一步：核对唯一标识。最少需要 3 天，最终以短信为准。\
                    我们将在第一时间通知您；第一季度账单已出。";
        assert_eq!(findings(&marketing(text)), vec![]);
    }

    #[test]
    fn a_term_next_to_a_false_friend_still_fires() {
        // 第一 inside 第一次 is ordinary; the 第一 of 第一品牌 right after it is a claim.
        assert_eq!(findings(&marketing("第一次购买第一品牌")), vec![absolute(1, 6, "第一品牌")]);
        assert_eq!(findings(&marketing("最近推出最新最好的产品")), vec![absolute(1, 7, "最好")]);
    }

    #[test]
    fn a_false_friend_must_enclose_the_term() {
        let mut settings = Settings::default();
        settings.words.false_friends.push("佳品".into());
        let fired = |settings: &Settings| run_with(&marketing("最佳品质"), settings).len();
        assert_eq!(fired(&settings), 1, "佳品 overlaps 最佳 without enclosing it");
        settings.words.false_friends.push("最佳".into());
        assert_eq!(fired(&settings), 0, "a false friend equal to the term silences it");
    }

    #[test]
    fn nested_terms_give_one_finding_for_the_longest() {
        assert_eq!(findings(&marketing("最高级会员")), vec![absolute(1, 1, "最高级")]);
        assert_eq!(findings(&marketing("第一品牌")), vec![absolute(1, 1, "第一品牌")]);
    }

    #[test]
    fn every_occurrence_is_reported() {
        assert_eq!(findings(&marketing("顶级面料，顶级做工")), vec![absolute(1, 1, "顶级"), absolute(1, 6, "顶级")]);
    }

    #[test]
    fn words_inside_tags_and_comments_are_not_literal_text() {
        let template = marketing("{{ best.最佳 }}{% if 最高 %}好{% endif %}{# 第一品牌 #}");
        assert_eq!(findings(&template), vec![]);
    }

    #[test]
    fn words_in_markup_links_and_addresses_are_not_prose() {
        let text = "<div class=\"sale-banner\">您的订单已发货</div>\n详情见 https://shop.example.com/sale 或写信给 sale@shop.com";
        assert_eq!(findings(&body(text)), vec![]);
        assert_eq!(findings(&body("<b>Sale</b>")), vec![promo(1, 4, "Sale")], "text between tags is prose");
    }

    #[test]
    fn positions_count_from_the_start_of_the_source_across_tags() {
        let template = marketing("{{ name }}，独家");
        assert_eq!(findings(&template), vec![absolute(1, 12, "独家")]);
    }

    #[test]
    fn the_subject_is_checked_too() {
        let template = Template { channel: Channel::Email, subject: "年度最佳".into(), ..marketing("您好") };
        let diagnostics = run_with(&template, &Settings::default());
        assert_eq!(diagnostics.len(), 1);
        let location = diagnostics[0].location.clone().unwrap();
        assert_eq!((location.part, location.span.range), (Part::Subject, 0..12));
    }

    #[test]
    fn sensitive_words_come_from_the_library_list() {
        let sensitive = |diagnostics: &[Diagnostic]| diagnostics.iter().filter(|d| d.rule == RuleId::SensitiveWord).count();
        assert_eq!(sensitive(&run_with(&body("100% guaranteed"), &Settings::default())), 0, "not on the default list");
        let defaults = run_with(&body("稳赚不赔"), &Settings::default());
        assert_eq!(defaults.iter().map(|d| d.rule).collect::<Vec<_>>(), vec![RuleId::SensitiveWord], "on the default list");
        let mut settings = Settings::default();
        settings.words.sensitive_words = vec!["保证收益".into(), "Guaranteed".into()];
        let diagnostics = run_with(&body("本产品保证收益。\n100% guaranteed!"), &settings);
        let found: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.rule == RuleId::SensitiveWord).collect();
        assert_eq!(found.iter().map(|d| d.location.clone().unwrap().span.line).collect::<Vec<_>>(), [1, 2]);
        assert!(found[1].message.en.contains("“guaranteed”"), "names the word as written");
    }

    #[test]
    fn sensitive_words_respect_false_friends() {
        let mut settings = Settings::default();
        settings.words.sensitive_words = vec!["绝对".into()];
        assert_eq!(run_with(&body("请输入绝对值"), &settings), vec![]);
    }

    #[test]
    fn marketing_words_fire_in_notifications_only() {
        let text = "您的订单已发货。限时优惠券已发放！";
        assert_eq!(findings(&body(text)), vec![promo(1, 9, "限时"), promo(1, 11, "优惠券")]);
        assert_eq!(findings(&marketing(text)), vec![]);
    }

    #[test]
    fn latin_words_match_whole_words_ignoring_case() {
        assert_eq!(findings(&body("Big SALE today")), vec![promo(1, 5, "SALE")]);
        assert_eq!(findings(&body("限时sale")), vec![promo(1, 1, "限时"), promo(1, 3, "sale")]);
        assert_eq!(findings(&body("Our wholesale team and the sales desk")), vec![]);
        assert_eq!(
            findings(&body("Use Promo Code WELCOME, 20% OFF")),
            vec![promo(1, 5, "Promo Code"), promo(1, 27, "% OFF")]
        );
        assert_eq!(findings(&body("20% offer")), vec![], "“% off” needs a word boundary after off");
    }

    #[test]
    fn switched_off_rules_report_nothing() {
        let mut settings = Settings::default();
        settings.rules.insert(RuleId::AbsoluteTerm, crate::check::RuleSetting { enabled: Some(false), severity: None });
        assert_eq!(run_with(&marketing("最佳"), &settings), vec![]);
    }

    #[test]
    fn find_terms_gives_byte_ranges_and_ignores_blank_terms() {
        let terms = vec!["Café".to_owned(), "最佳".to_owned(), String::new(), " ".to_owned()];
        let found = find_terms("CAFé 最佳 ", &terms, &[]);
        assert_eq!(found, vec![0..5, 6..12]);
    }

    #[test]
    fn contains_term_uses_the_same_matching() {
        assert!(contains_term("如需退订，请点击 Unsubscribe", "unsubscribe"));
        assert!(!contains_term("unsubscribed", "unsubscribe"));
        assert!(contains_term("拒收请回复R", "拒收请回复R"));
    }
}
