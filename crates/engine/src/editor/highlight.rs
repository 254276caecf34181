//! What the body editor paints under the text: the source cut into lines and
//! pieces, each piece with its Jinja kind (literal, `{{ }}`, `{% %}`,
//! `{# #}`), the most severe finding that covers it and whether it is part
//! of a match of the find bar; each line with the most severe finding on it,
//! for the gutter.

use std::ops::Range;

use crate::check::Severity;
use crate::template::scan::{self, SegmentKind};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Piece {
    pub text: String,
    pub kind: SegmentKind,
    /// The most severe finding whose span covers this piece.
    pub mark: Option<Severity>,
    /// Whether the piece is inside a match of the find bar.
    pub found: Option<Found>,
}

/// A piece inside a match of the find bar: the current match, or another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Found {
    Match,
    Current,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Line {
    pub pieces: Vec<Piece>,
    /// The most severe finding that touches this line.
    pub mark: Option<Severity>,
}

/// Cuts `source` into lines of pieces; `marks` are findings' byte ranges in
/// `source`, `matches` the find bar's (in order, not overlapping, as
/// `find::occurrences` gives them) and `current` the index of the current
/// one. Ranges off the text or off character boundaries are ignored. There
/// is always one line more than the text has line breaks, as in the editor.
pub fn lines(source: &str, marks: &[(Range<usize>, Severity)], matches: &[Range<usize>], current: Option<usize>) -> Vec<Line> {
    let in_text = |r: &Range<usize>| r.start <= r.end && source.get(r.clone()).is_some();
    let marks: Vec<&(Range<usize>, Severity)> = marks.iter().filter(|(r, _)| in_text(r)).collect();
    // With their indices, so the current one is still known after the filter.
    let matches: Vec<(usize, &Range<usize>)> = matches.iter().enumerate().filter(|(_, r)| r.start < r.end && in_text(r)).collect();
    let segments = scan::segments(source);
    // Every place a piece may end: segment, mark, match and line boundaries.
    let mut cuts: Vec<usize> = segments.iter().flat_map(|s| [s.range.start, s.range.end]).collect();
    cuts.extend(marks.iter().flat_map(|(r, _)| [r.start, r.end]));
    cuts.extend(matches.iter().flat_map(|(_, r)| [r.start, r.end]));
    cuts.extend(source.match_indices('\n').flat_map(|(i, _)| [i, i + 1]));
    cuts.extend([0, source.len()]);
    cuts.sort_unstable();
    cuts.dedup();

    let most_severe = |covering: &dyn Fn(&Range<usize>) -> bool| marks.iter().filter(|(r, _)| covering(r)).map(|(_, s)| *s).min();
    let mut lines = vec![Line::default()];
    for window in cuts.windows(2) {
        let (start, end) = (window[0], window[1]);
        let text = &source[start..end];
        if text == "\n" {
            lines.push(Line::default());
            continue;
        }
        let kind = segments.iter().find(|s| s.range.start <= start && end <= s.range.end).map_or(SegmentKind::Literal, |s| s.kind);
        let mark = most_severe(&|r: &Range<usize>| r.start < end && start < r.end);
        // Matches are cut at, so a piece lies wholly inside one or outside all.
        let found = matches.get(matches.partition_point(|(_, r)| r.end <= start)).filter(|(_, r)| r.start < end).map(|&(i, _)| {
            if Some(i) == current { Found::Current } else { Found::Match }
        });
        let line = lines.last_mut().expect("starts with one line");
        line.pieces.push(Piece { text: text.to_owned(), kind, mark, found });
    }
    // A line's mark also counts findings that are empty ranges (a missing tag).
    let mut line_start = 0;
    for line in &mut lines {
        let line_end = line_start + line.pieces.iter().map(|p| p.text.len()).sum::<usize>();
        line.mark = most_severe(&|r: &Range<usize>| r.start <= line_end && line_start <= r.end && !(r.start == line_end && r.end > line_end));
        line_start = line_end + 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &Line) -> Vec<(&str, SegmentKind, Option<Severity>)> {
        line.pieces.iter().map(|p| (p.text.as_str(), p.kind, p.mark)).collect()
    }

    #[test]
    fn pieces_follow_the_jinja_kinds_and_the_lines() {
        let lines = lines("您好，{{ name }}\n{% if vip %}贵宾{% endif %}{# 注 #}\n", &[], &[], None);
        assert_eq!(lines.len(), 3, "a final line break opens an empty last line");
        assert_eq!(kinds(&lines[0]), [("您好，", SegmentKind::Literal, None), ("{{ name }}", SegmentKind::Expression, None)]);
        assert_eq!(
            kinds(&lines[1]),
            [
                ("{% if vip %}", SegmentKind::Statement, None),
                ("贵宾", SegmentKind::Literal, None),
                ("{% endif %}", SegmentKind::Statement, None),
                ("{# 注 #}", SegmentKind::Comment, None),
            ]
        );
        assert!(lines[2].pieces.is_empty());
    }

    #[test]
    fn findings_mark_their_pieces_and_lines_most_severe_first() {
        let source = "Dear {{ nme }},\n最佳 deal";
        let typo = source.find("nme").unwrap();
        let claim = source.find("最佳").unwrap();
        let marks = [(typo..typo + 3, Severity::Error), (claim..claim + "最佳".len(), Severity::Warning), (0..source.len(), Severity::Info)];
        let lines = lines(source, &marks, &[], None);
        assert_eq!(lines[0].mark, Some(Severity::Error));
        assert_eq!(lines[1].mark, Some(Severity::Warning));
        let nme = lines[0].pieces.iter().find(|p| p.text == "nme").unwrap();
        assert_eq!((nme.kind, nme.mark), (SegmentKind::Expression, Some(Severity::Error)));
        let text: String = lines.iter().map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect::<String>()).collect::<Vec<_>>().join("\n");
        assert_eq!(text, source, "the pieces give back the text exactly");
    }

    #[test]
    fn marks_off_the_text_are_ignored() {
        let lines = lines("您好", &[(1..2, Severity::Error), (0..99, Severity::Error)], &[1..2, 0..99], Some(0));
        assert_eq!(lines[0].mark, None);
        assert_eq!(lines[0].pieces.len(), 1);
        assert_eq!(lines[0].pieces[0].found, None);
    }

    #[test]
    fn find_matches_mark_their_pieces_and_the_current_one_apart() {
        let source = "Dear {{ name }},\nyour name: Name";
        let matches = crate::editor::find::occurrences(source, "name");
        let lines = lines(source, &[], &matches, Some(1));
        let found: Vec<(&str, Option<Found>)> = lines.iter().flat_map(|l| &l.pieces).map(|p| (p.text.as_str(), p.found)).collect();
        assert_eq!(
            found,
            [
                ("Dear ", None),
                ("{{ ", None),
                ("name", Some(Found::Match)),
                (" }}", None),
                (",", None),
                ("your ", None),
                ("name", Some(Found::Current)),
                (": ", None),
                ("Name", Some(Found::Match)),
            ]
        );
        let name = lines[0].pieces.iter().find(|p| p.text == "name").unwrap();
        assert_eq!(name.kind, SegmentKind::Expression, "a match keeps its Jinja kind");
    }

    #[test]
    fn a_match_across_a_line_break_marks_both_lines() {
        let lines = lines("ab\ncd", &[], &[1..4], Some(0));
        assert_eq!(lines[0].pieces.iter().map(|p| (p.text.as_str(), p.found)).collect::<Vec<_>>(), [("a", None), ("b", Some(Found::Current))]);
        assert_eq!(lines[1].pieces.iter().map(|p| (p.text.as_str(), p.found)).collect::<Vec<_>>(), [("c", Some(Found::Current)), ("d", None)]);
    }

    #[test]
    fn moving_the_current_match_changes_only_the_lines_it_leaves_and_enters() {
        let source = "one x\ntwo\nthree x\nfour x";
        let matches = crate::editor::find::occurrences(source, "x");
        let (before, after) = (lines(source, &[], &matches, Some(0)), lines(source, &[], &matches, Some(1)));
        let changed: Vec<usize> = (0..before.len()).filter(|&i| before[i] != after[i]).collect();
        assert_eq!(changed, [0, 2], "the editor keys its lines by content, so the others are not painted again");
    }
}
