//! Find in the body editor: every occurrence of what was typed, ignoring case,
//! as byte ranges of the text, and stepping through them with wrap-around.

use std::ops::Range;

/// Every occurrence of `query` in `text`, in order and not overlapping, as
/// byte ranges of `text`. Case is ignored through Unicode lowercase, which may
/// change a character's length ("İ" lowercases to two), so the comparison
/// runs on a lowercased copy and its matches are mapped back; a match that
/// starts or ends inside one character's lowercase is not one. An empty query
/// finds nothing.
pub fn occurrences(text: &str, query: &str) -> Vec<Range<usize>> {
    let needle: String = query.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut lowered = String::with_capacity(text.len());
    // (byte in `lowered`, byte in `text`) where each character starts, and both ends.
    let mut starts = Vec::with_capacity(text.len() + 1);
    for (byte, c) in text.char_indices() {
        starts.push((lowered.len(), byte));
        lowered.extend(c.to_lowercase());
    }
    starts.push((lowered.len(), text.len()));
    let in_text = |at: usize| starts.binary_search_by_key(&at, |&(lowered, _)| lowered).ok().map(|i| starts[i].1);

    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = lowered[from..].find(&needle).map(|i| from + i) {
        let end = at + needle.len();
        if let (Some(start), Some(text_end)) = (in_text(at), in_text(end)) {
            found.push(start..text_end);
            from = end;
        } else {
            from = at + lowered[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// The index of the first of `found` that starts at or after byte `at`, or
/// past the last one, the first (wrapping around); `None` if there is none.
pub fn at_or_after(found: &[Range<usize>], at: usize) -> Option<usize> {
    (!found.is_empty()).then(|| found.partition_point(|r| r.start < at) % found.len())
}

/// The index after `current` (or before it, not `forward`) among `count`,
/// wrapping around; from none, the first (or the last).
pub fn step(current: Option<usize>, count: usize, forward: bool) -> Option<usize> {
    if count == 0 {
        return None;
    }
    Some(match (current, forward) {
        (None, true) => 0,
        (None, false) => count - 1,
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i % count + count - 1) % count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, found: &[Range<usize>]) -> Vec<&'a str> {
        found.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn finds_every_occurrence_ignoring_case() {
        let text = "Dear {{ name }}, NAME your Name.";
        assert_eq!(texts(text, &occurrences(text, "name")), ["name", "NAME", "Name"]);
        assert_eq!(occurrences(text, "nAmE")[1], 17..21);
        assert!(occurrences(text, "missing").is_empty());
    }

    #[test]
    fn an_empty_query_finds_nothing() {
        assert!(occurrences("anything", "").is_empty());
        assert!(occurrences("", "").is_empty());
    }

    #[test]
    fn occurrences_do_not_overlap() {
        assert_eq!(occurrences("aaaa", "aa"), [0..2, 2..4]);
    }

    #[test]
    fn ranges_are_bytes_of_the_original_text_across_chinese_and_case_changes() {
        let text = "您好，ÄRGER über Ärger";
        assert_eq!(texts(text, &occurrences(text, "ärger")), ["ÄRGER", "Ärger"]);
        assert_eq!(texts(text, &occurrences(text, "您好")), ["您好"]);
        // "İ" lowercases to "i" and a combining dot: longer than itself.
        let text = "İstanbul ist";
        assert_eq!(texts(text, &occurrences(text, "i")), ["i"], "half of İ's lowercase is not a match");
        assert!(occurrences(text, "\u{307}st").is_empty(), "nor is its other half");
        assert_eq!(texts(text, &occurrences(text, "İst")), ["İst"]);
        assert_eq!(texts(text, &occurrences(text, "STANBUL")), ["stanbul"]);
    }

    #[test]
    fn the_match_at_or_after_an_offset_wraps_to_the_first() {
        let found = [2..4, 10..12, 20..22];
        assert_eq!(at_or_after(&found, 0), Some(0));
        assert_eq!(at_or_after(&found, 2), Some(0), "a match starting at the offset counts");
        assert_eq!(at_or_after(&found, 3), Some(1));
        assert_eq!(at_or_after(&found, 20), Some(2));
        assert_eq!(at_or_after(&found, 21), Some(0), "past the last one: the first");
        assert_eq!(at_or_after(&[], 0), None);
    }

    #[test]
    fn steps_wrap_around_both_ways() {
        assert_eq!(step(Some(0), 3, true), Some(1));
        assert_eq!(step(Some(2), 3, true), Some(0));
        assert_eq!(step(Some(0), 3, false), Some(2));
        assert_eq!(step(Some(2), 3, false), Some(1));
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(None, 3, false), Some(2));
        assert_eq!(step(Some(0), 0, true), None);
        assert_eq!(step(Some(7), 3, false), Some(0), "a stale index still lands on a match");
        assert_eq!(step(Some(7), 3, true), Some(2));
    }
}
