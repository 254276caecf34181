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
    let bounded_start = term.starts_with(is_word_char);
    let bounded_end = term.ends_with(is_word_char);
    lowered
        .match_indices(&term)
        .map(|(start, _)| start..start + term.len())
        .filter(|range| {
            let joined_before = bounded_start && lowered[..range.start].ends_with(is_word_char);
            let joined_after = bounded_end && lowered[range.end..].starts_with(is_word_char);
            !joined_before && !joined_after
        })
        .collect()
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
