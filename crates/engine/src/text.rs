//! Positions in text as the user sees them: 1-based lines and columns counted
//! in characters, with the byte range alongside for editing.

use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters (a Chinese character is one).
    pub column: usize,
    /// Byte range in the source.
    pub range: Range<usize>,
}

impl Span {
    /// The span of `range` in `source`. A range past the end, or one that
    /// does not fall on character boundaries, is clamped so it always points
    /// into the text.
    pub fn of(source: &str, range: Range<usize>) -> Span {
        let start = floor_char_boundary(source, range.start);
        let end = floor_char_boundary(source, range.end.max(start));
        let before = &source[..start];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Span {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            range: start..end,
        }
    }

    /// The span of the first character of 1-based `line` (clamped to the text).
    pub fn at_line(source: &str, line: usize) -> Span {
        let start = source
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        Span::of(source, start..start)
    }
}

fn floor_char_boundary(source: &str, index: usize) -> usize {
    let mut index = index.min(source.len());
    while !source.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Whether `c` is a CJK ideograph or kana: a letter of Chinese (or Japanese)
/// running text, as opposed to Latin letters, digits and punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{3007}' // 〇
            | '\u{3041}'..='\u{3096}' // Hiragana
            | '\u{30A1}'..='\u{30FA}' // Katakana
            | '\u{3400}'..='\u{4DBF}' // Extension A
            | '\u{4E00}'..='\u{9FFF}' // Unified Ideographs
            | '\u{F900}'..='\u{FAFF}' // Compatibility Ideographs
            | '\u{20000}'..='\u{3134F}' // Extensions B–G
    )
}

/// A Latin letter (with the accents of Latin-1 and Latin Extended) or an
/// ASCII digit: the characters a Latin-script word is made of.
pub fn is_latin_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || (('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷')
}

/// A letter or digit of the scripts our users write (Latin and CJK). Unlike
/// `char::is_alphanumeric` it needs no Unicode tables, which would cost the
/// wasm bundle tens of kilobytes.
pub fn is_letter_or_digit(c: char) -> bool {
    is_latin_or_digit(c) || is_cjk(c)
}

/// Byte ranges where `term` occurs in `lowered`, a text whose ASCII letters
/// are lower-cased (which keeps every byte offset), so Latin words match in
/// any case. An end of the term that is a Latin letter or digit must sit on a
/// word boundary, so "sale" is not found in "wholesale"; Chinese has no word
/// boundaries to check.
pub fn word_occurrences(lowered: &str, term: &str) -> Vec<Range<usize>> {
    if term.trim().is_empty() {
        return Vec::new();
    }
    let term = term.to_ascii_lowercase();
    lowered.match_indices(&term).map(|(start, _)| start..start + term.len()).filter(|range| stands_alone(lowered, range)).collect()
}

/// Whether the occurrence `range` of a term in `lowered` is not part of a
/// longer Latin word at either end that is a Latin letter or digit.
fn stands_alone(lowered: &str, range: &Range<usize>) -> bool {
    let term = &lowered[range.clone()];
    let joined_before = term.starts_with(is_word_char) && lowered[..range.start].ends_with(is_word_char);
    let joined_after = term.ends_with(is_word_char) && lowered[range.end..].starts_with(is_word_char);
    !joined_before && !joined_after
}

/// A fixed list of phrases, found in one pass over a text: the checks look
/// for the same lists in every rendered message of a mail merge, and one
/// substring search per phrase was most of a merge's time. Matches as
/// [`word_occurrences`] does, except that occurrences of one phrase may
/// overlap.
pub struct Phrases {
    /// ASCII-lowercased phrases grouped by the low byte of their first
    /// character, shortest first in each group, so the occurrences at one
    /// place come in order of end.
    phrases: Vec<String>,
    /// Group `b` is `phrases[starts[b]..starts[b + 1]]`.
    starts: Vec<usize>,
    longest: usize,
}

impl Phrases {
    pub fn new(lists: &[&[&str]]) -> Phrases {
        let mut phrases: Vec<String> =
            lists.iter().flat_map(|list| list.iter()).filter(|p| !p.trim().is_empty()).map(|p| p.to_ascii_lowercase()).collect();
        phrases.sort_by(|a, b| (a.chars().next().map_or(0, bucket), a.len(), a).cmp(&(b.chars().next().map_or(0, bucket), b.len(), b)));
        phrases.dedup();
        let starts = (0..=256).map(|b| phrases.partition_point(|p| p.chars().next().map_or(0, bucket) < b)).collect();
        let longest = phrases.iter().map(String::len).max().unwrap_or(0);
        Phrases { phrases, starts, longest }
    }

    /// Every occurrence in `lowered` (a text whose ASCII letters are
    /// lower-cased), in order of start, then end.
    pub fn occurrences<'a>(&'a self, lowered: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.occurrences_within(lowered, 0..lowered.len())
    }

    /// The occurrences that start in `starts`, which begins at a character boundary.
    fn occurrences_within<'a>(&'a self, lowered: &'a str, starts: Range<usize>) -> impl Iterator<Item = Range<usize>> + 'a {
        // A plain loop rather than adapters: this runs for every character
        // of every rendered message.
        let from = starts.start;
        let mut chars = lowered[from..].char_indices().map(move |(at, c)| (from + at, c)).take_while(move |&(at, _)| at < starts.end);
        let (mut start, mut next, mut end) = (0, 0, 0);
        std::iter::from_fn(move || loop {
            while next < end {
                let phrase = &self.phrases[next];
                next += 1;
                if lowered.as_bytes()[start..].starts_with(phrase.as_bytes()) {
                    let range = start..start + phrase.len();
                    if stands_alone(lowered, &range) {
                        return Some(range);
                    }
                }
            }
            let (at, c) = chars.next()?;
            (start, next, end) = (at, self.starts[bucket(c)], self.starts[bucket(c) + 1]);
        })
    }

    /// Whether an occurrence in `lowered` contains `range`: the false friend
    /// that a hit is part of (庆祝 around 祝).
    pub fn cover(&self, lowered: &str, range: &Range<usize>) -> bool {
        let mut from = range.end.saturating_sub(self.longest).min(range.start);
        while !lowered.is_char_boundary(from) {
            from += 1;
        }
        self.occurrences_within(lowered, from..range.start + 1).any(|found| found.end >= range.end)
    }
}

fn bucket(c: char) -> usize {
    (c as u32 & 0xFF) as usize
}

/// A character of a Latin-script word (Chinese characters do not form words
/// that "sale" could be part of).
fn is_word_char(c: char) -> bool {
    is_latin_or_digit(c) || c == '_'
}

/// Byte offset of the `n`th character of `text` (its length when shorter).
pub fn char_offset(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(at, _)| at)
}

/// At most `chars` characters of `text`, with "…" when it was cut: for
/// quoting user text in a message.
pub fn excerpt(text: &str, chars: usize) -> String {
    let cut = char_offset(text, chars);
    if cut < text.len() {
        format!("{}…", &text[..cut])
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_digits_of_our_scripts() {
        for c in ['a', 'Z', '0', 'é', 'ß', 'ž', '中', 'か'] {
            assert!(is_letter_or_digit(c), "{c}");
        }
        for c in [' ', '_', '-', '，', '。', '×', '【', '€', '😀'] {
            assert!(!is_letter_or_digit(c), "{c}");
        }
        assert!(!is_latin_or_digit('中'));
    }

    #[test]
    fn phrases_match_as_word_occurrences_do() {
        let phrases = Phrases::new(&[&["sale", "祝", "Log in", " "], &["祝您"]]);
        let text = "wholesale sale, 祝您 log in祝".to_ascii_lowercase();
        let found: Vec<_> = phrases.occurrences(&text).collect();
        assert_eq!(found, [10..14, 16..19, 16..22, 23..29, 29..32]);
        for term in ["sale", "祝", "log in"] {
            for range in word_occurrences(&text, term) {
                assert!(found.contains(&range), "{term} at {range:?}");
            }
        }
        assert_eq!(Phrases::new(&[&["aa"]]).occurrences("aaa").count(), 0, "inside a longer word");
        assert_eq!(Phrases::new(&[&["啊啊"]]).occurrences("啊啊啊").collect::<Vec<_>>(), [0..6, 3..9], "overlapping");
        let friends = Phrases::new(&[&["庆祝", "祝福语"]]);
        let text = "庆祝后，祝福";
        assert!(friends.cover(text, &(3..6)), "祝 of 庆祝");
        assert!(!friends.cover(text, &(12..15)), "祝 of 祝福: 祝福语 is not all there");
        assert!(friends.cover(text, &(0..3)), "庆 of 庆祝");
        assert!(!friends.cover(text, &(3..9)), "祝后 overlaps 庆祝 but is not inside it");
    }

    proptest::proptest! {
        /// The buckets only speed the search up: every place where a phrase
        /// starts and stands alone is found, in order, and nothing else.
        #[test]
        fn phrases_find_every_place_a_phrase_stands_alone(
            text in "[aAbx 祝庆é_]{0,24}",
            phrases in proptest::collection::vec("[abx 祝庆é]{1,3}", 0..6),
        ) {
            let lowered = text.to_ascii_lowercase();
            let lists: Vec<&str> = phrases.iter().map(String::as_str).collect();
            let found: Vec<Range<usize>> = Phrases::new(&[&lists]).occurrences(&lowered).collect();
            let mut expected: Vec<Range<usize>> = lowered
                .char_indices()
                .flat_map(|(start, _)| lists.iter().filter(|p| !p.trim().is_empty()).map(move |p| (start..start + p.len(), *p)))
                .filter(|(r, p)| lowered.get(r.clone()) == Some(p) && stands_alone(&lowered, r))
                .map(|(r, _)| r)
                .collect();
            expected.sort_by_key(|r| (r.start, r.end));
            expected.dedup();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn counts_columns_in_characters_not_bytes() {
        let source = "尊敬的{{ name }}\n您好，{{ x";
        let start = source.find("{{ x").unwrap();
        let span = Span::of(source, start..source.len());
        assert_eq!((span.line, span.column), (2, 4));
        assert_eq!(span.range, start..source.len());
    }

    #[test]
    fn first_character_is_line_one_column_one() {
        assert_eq!(Span::of("abc", 0..1), Span { line: 1, column: 1, range: 0..1 });
    }

    #[test]
    fn clamps_ranges_outside_the_text_or_inside_a_character() {
        let source = "中文";
        assert_eq!(Span::of(source, 1..2).range, 0..0);
        assert_eq!(Span::of(source, 10..20), Span { line: 1, column: 3, range: 6..6 });
    }

    #[test]
    fn at_line_points_at_the_start_of_that_line() {
        let source = "one\n两\nthree";
        let span = Span::at_line(source, 3);
        assert_eq!((span.line, span.column, span.range.start), (3, 1, 8));
        assert_eq!(Span::at_line(source, 99).line, 3);
    }
}
