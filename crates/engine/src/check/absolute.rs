//! The grammar of `absolute-term`: the forms of claim that Advertising Law
//! Art. 9(3) forbids ("国家级", "最高级", "最佳" and terms of the same
//! meaning), as regulators read them, rather than a list of words.
//!
//! A claim is one of
//! - a superlative that always praises (最佳, 最优惠, 最受欢迎 …), or one that
//!   praises in context (最低价, 质量最好的, 最新科技 but not 最低起送价,
//!   最好当面验货, 最新发车时间);
//! - a scope and a superlative or ranking after it (全网最低, 史上最强, 全国第一,
//!   行业领先, 全国首家, with 销量 / 排名 / 的 between them);
//! - a ranking (销量第一, 第一品牌, No.1, TOP1, 销量冠军, 领导品牌, 首选);
//! - a grade (国家级, 世界级, 顶级, 极品, 王牌, 至尊, 万能 …);
//! - an all-time form (前所未有, 空前绝后, 史无前例 …);
//! - a guarantee (100% 有效, 百分百保证, 绝对安全, 永久免费, 零风险, 保证治愈);
//! - the English equivalents (the best, lowest, the most …, No.1, world-class,
//!   100% guaranteed, risk-free …).
//!
//! Ordinary words that share the characters stay quiet because a form asks
//! for its context: 最近, 最后一天, 最晚, 最多 (a limit), 第一时间, 第一次, 首次,
//! 唯一标识, 绝对值, 100% 退回原账户, best regards, your most recent payment.

use std::ops::Range;

use crate::text::{is_cjk, word_occurrences};

/// Superlatives that praise wherever they stand.
const ALWAYS: &[&str] = &[
    "最佳", "最优", "最强", "最便宜", "最划算", "最实惠", "最受欢迎", "最畅销", "最热销", "最先进", "最专业", "最权威", "最正宗",
    "最具", "最全", "最安全", "最可靠", "最高级", "最顶级", "最好用", "最好吃", "最好喝", "最好看", "最火", "最牛",
];

/// Superlatives that praise when what follows makes them a claim.
const IN_CONTEXT: &[(&str, &[&str])] = &[
    ("最低", &["价", "的", "，", "。", "！", "!", ",", "\n"]),
    ("最高", &["的", "，", "。", "！", "!", ",", "\n"]),
    ("最大", &["的", "，", "。", "！", "!", ",", "\n"]),
    ("最好", &["的", "，", "。", "！", "!", ",", "\n"]),
    ("最新", &["科技", "技术"]),
];

/// Where a superlative or a ranking is claimed over: "全网最低", "行业第一".
const SCOPES: &[&str] = &[
    "全网", "全国", "全球", "全世界", "全城", "全市", "全省", "全店", "全场", "全年", "年度", "行业", "业内", "业界", "同类",
    "史上", "世界", "中国", "国内", "市面上", "市场上", "本市", "本地",
];

/// Words that may stand between a scope and its claim: 全国销量第一, 全网的最低价.
const FILLERS: &[&str] = &["销量", "排名", "品类", "范围内", "的", "上", " "];

/// What, after a scope, makes the claim (最 + any character but those of a limit or a time).
const AFTER_SCOPE: &[&str] = &["第一", "领先", "首家", "独家", "冠军", "no.1", "no. 1", "top1", "top 1"];

/// 最 + one of these is a limit or a time, not praise.
const NOT_PRAISE: &[char] = &['近', '后', '终', '少', '早', '晚', '迟', '多', '长', '短', '新', '初', '末'];

/// Words that claim wherever they stand, with the words that, right after
/// them, make them ordinary language.
const WORDS: &[(&str, &[&str])] = &[
    ("国家级", &[]),
    ("世界级", &[]),
    ("顶级", &[]),
    ("极品", &[]),
    ("顶尖", &[]),
    ("巅峰", &[]),
    ("王牌", &[]),
    ("至尊", &[]),
    ("万能", &[]),
    ("前所未有", &[]),
    ("空前绝后", &[]),
    ("绝无仅有", &[]),
    ("史无前例", &[]),
    ("独一无二", &[]),
    ("只此一家", &[]),
    ("独家", &[]),
    ("第一品牌", &[]),
    ("销量第一", &[]),
    ("排名第一", &[]),
    ("销量冠军", &[]),
    ("领导品牌", &[]),
    ("领先品牌", &[]),
    ("世界领先", &[]),
    ("首选", &["项"]),
    ("零风险", &[]),
    ("无风险", &[]),
    ("保证治愈", &[]),
    ("包治", &[]),
    ("永不复发", &[]),
    ("唯一", &["标识", "识别", "编号", "的订单", "码", "id"]),
    ("no.1", &[]),
    ("no. 1", &[]),
    ("top1", &[]),
    ("top 1", &[]),
    ("#1", &[]),
    ("number one", &[]),
    // English superlatives and grades.
    ("the best", &[]),
    ("best price", &[]),
    ("best prices", &[]),
    ("world's best", &[]),
    ("lowest", &[]),
    ("cheapest", &[]),
    ("highest", &[]),
    ("world-class", &[]),
    ("world class", &[]),
    ("top-tier", &[]),
    ("top-notch", &[]),
    ("first choice", &[]),
    ("unprecedented", &[]),
    ("of all time", &[]),
    ("risk-free", &[]),
    ("risk free", &[]),
    ("lifetime free", &[]),
    ("exclusive", &[]),
    ("guaranteed to cure", &[]),
];

/// A guarantee: one of these right before a word of effect.
const GUARANTEES: &[(&str, &[&str])] = &[
    ("100%", &["有效", "满意", "保证", "好评", "正品", "安全", "成功", "治愈", "见效", "guaranteed", "effective", "safe", "satisf"]),
    ("百分之百", &["有效", "满意", "保证", "好评", "正品", "安全", "成功", "治愈", "见效"]),
    ("百分百", &["有效", "满意", "保证", "好评", "正品", "安全", "成功", "治愈", "见效"]),
    ("绝对", &["有效", "安全", "正品", "保证", "放心", "无", "不会", "没有", "靠谱", "最"]),
    ("absolutely", &["safe", "effective", "guaranteed", "no risk"]),
    ("永久", &["免费", "有效", "保修", "包修", "使用"]),
];

/// "the most" + a word is praise but for these.
const MOST_ORDINARY: &[&str] = &["recent", "likely", "important", "common", "frequently", "of"];

/// Byte ranges of the claims in `text`, in order, overlapping ones joined.
pub fn claims(text: &str) -> Vec<Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<Range<usize>> = Vec::new();
    let after = |at: usize| lower[at..].trim_start_matches(' ');
    let starts_any = |at: usize, words: &[&str]| words.iter().any(|w| after(at).starts_with(w));
    for word in ALWAYS {
        found.extend(word_occurrences(&lower, word));
    }
    for (word, followers) in IN_CONTEXT {
        for range in word_occurrences(&lower, word) {
            // The claim takes in a word that makes it one (最新科技), not punctuation.
            match followers.iter().find(|f| lower[range.end..].starts_with(**f)) {
                Some(follower) if follower.starts_with(is_cjk) && *follower != "的" => found.push(range.start..range.end + follower.len()),
                Some(_) => found.push(range),
                None if range.end == lower.len() => found.push(range),
                None => {}
            }
        }
    }
    for scope in SCOPES {
        for range in word_occurrences(&lower, scope) {
            if let Some(end) = claim_after_scope(&lower, range.end) {
                found.push(range.start..end);
            }
        }
    }
    for (word, unless) in WORDS {
        let yours = |r: &Range<usize>| *word == "唯一" && is_yours(&lower, r.start);
        found.extend(word_occurrences(&lower, word).into_iter().filter(|r| !starts_any(r.end, unless) && !yours(r)));
    }
    for (word, effects) in GUARANTEES {
        found.extend(word_occurrences(&lower, word).into_iter().filter(|r| starts_any(r.end, effects)));
    }
    for range in word_occurrences(&lower, "the most") {
        let gap = lower[range.end..].len() - after(range.end).len();
        let next: String = after(range.end).chars().take_while(char::is_ascii_alphabetic).collect();
        if !next.is_empty() && !MOST_ORDINARY.contains(&next.as_str()) {
            found.push(range.start..range.end + gap + next.len());
        }
    }
    join(found)
}

/// Where a claim after a scope ends (scope, fillers, then 最 + a praising
/// character or a ranking), if there is one.
fn claim_after_scope(lower: &str, mut at: usize) -> Option<usize> {
    while let Some(filler) = FILLERS.iter().find(|f| lower[at..].starts_with(**f)) {
        at += filler.len();
    }
    let rest = &lower[at..];
    if let Some(word) = AFTER_SCOPE.iter().find(|w| rest.starts_with(**w)) {
        return Some(at + word.len());
    }
    let mut chars = rest.char_indices();
    match (chars.next(), chars.next()) {
        (Some((_, '最')), Some((i, c))) if is_cjk(c) && !NOT_PRAISE.contains(&c) => Some(at + i + c.len_utf8()),
        _ => None,
    }
}

/// 您唯一的 / 你的唯一: the customer's own identifier, not a claim.
fn is_yours(lower: &str, at: usize) -> bool {
    let before = &lower[..at];
    before.ends_with('您') || before.ends_with('你') || before.ends_with("您的") || before.ends_with("你的")
}

/// Sorted, with overlapping or touching ranges made one.
fn join(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match joined.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => joined.push(range),
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<&str> {
        claims(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn each_form_of_claim_is_found_whole() {
        assert_eq!(shown("全网最低价，仅限今天"), ["全网最低价"]);
        assert_eq!(shown("史上最强福利季"), ["史上最强"]);
        assert_eq!(shown("全国销量第一的座椅"), ["全国销量第一"]);
        assert_eq!(shown("本店承诺全店最低，买贵退差价"), ["全店最低"]);
        assert_eq!(shown("质量最好的国产手机"), ["最好"]);
        assert_eq!(shown("床垫采用最新科技"), ["最新科技"]);
        assert_eq!(shown("100%有效祛痘"), ["100%"]);
        assert_eq!(shown("纯天然，绝对安全"), ["绝对"]);
        assert_eq!(shown("扫地机器人 NO.1，下单"), ["NO.1"]);
        assert_eq!(shown("The best price ever"), ["The best price"]);
        assert_eq!(shown("The most popular milk tea"), ["The most popular"]);
    }

    #[test]
    fn ordinary_words_that_share_the_characters_stay_quiet() {
        for text in [
            "预计最晚 5 月 18 日送达",
            "您最近一笔消费已入账",
            "今天是最后一天",
            "每人最多领取 2 张",
            "我们会在第一时间为您处理",
            "感谢您第一次下单",
            "首次预订可领券",
            "每台设备都有唯一标识码",
            "这是您唯一的订单号",
            "差额按绝对值计算",
            "退款将 100% 退回到原支付账户",
            "完成度 100%，已提交",
            "最新发车时间以公告为准",
            "建议您最好当面开箱验货",
            "最低起送价 20 元",
            "全场满 300 减 50",
            "Best regards, the team",
            "Your most recent payment was received",
            "Be among the first to try",
            "Congratulations on winning first place",
        ] {
            assert!(claims(text).is_empty(), "{text}: {:?}", shown(text));
        }
    }
}
