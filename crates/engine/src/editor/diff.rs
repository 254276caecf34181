//! A line diff, for comparing a template with one of its snapshots.
//!
//! Lines are the text split at `\n`, so a trailing newline is a last, empty
//! line and shows as added or removed like any other; the empty text has no
//! lines. Joining the Same and Removed lines with `\n` gives the old text back,
//! the Same and Added lines the new one.
//!
//! The lines both texts start and end with are set aside first; the rest is
//! diffed with Myers' algorithm, which finds a minimal diff (fewest added plus
//! removed lines) in time about (N + M) · D and memory about D², D being the
//! number of differing lines. Past [`MAX_EDITS`] differing lines it stops and
//! shows the whole differing middle as removed, then added: still a correct
//! diff, just a coarse one, and texts that different read no worse that way.

use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: DiffKind,
    /// The line without its `\n`.
    pub text: String,
}

/// The most differing lines diffed exactly; beyond, the diff is coarse. Keeps
/// the worst case (two unrelated 5,000-line texts) to milliseconds and a few MB.
pub const MAX_EDITS: usize = 1000;

pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    let (old, new) = (lines(old), lines(new));
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..].iter().rev().zip(new[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (old_middle, new_middle) = (&old[prefix..old.len() - suffix], &new[prefix..new.len() - suffix]);

    let mut diff = Vec::with_capacity(old.len().max(new.len()));
    diff.extend(old[..prefix].iter().map(|text| line(DiffKind::Same, text)));
    let (old_ids, new_ids) = intern(old_middle, new_middle);
    match shortest_edit(&old_ids, &new_ids, MAX_EDITS) {
        Some(edits) => {
            let (mut old_lines, mut new_lines) = (old_middle.iter(), new_middle.iter());
            for kind in edits {
                let text = match kind {
                    DiffKind::Same => old_lines.next().zip(new_lines.next()).map(|(old, _)| old),
                    DiffKind::Removed => old_lines.next(),
                    DiffKind::Added => new_lines.next(),
                };
                diff.extend(text.map(|text| line(kind, text)));
            }
        }
        None => {
            diff.extend(old_middle.iter().map(|text| line(DiffKind::Removed, text)));
            diff.extend(new_middle.iter().map(|text| line(DiffKind::Added, text)));
        }
    }
    diff.extend(old[old.len() - suffix..].iter().map(|text| line(DiffKind::Same, text)));
    diff
}

fn lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').collect()
    }
}

fn line(kind: DiffKind, text: &str) -> DiffLine {
    DiffLine { kind, text: text.to_owned() }
}

/// Numbers the distinct lines, so the diff compares numbers, not strings.
fn intern<'a>(old: &[&'a str], new: &[&'a str]) -> (Vec<usize>, Vec<usize>) {
    let mut ids: HashMap<&'a str, usize> = HashMap::new();
    let mut number = |lines: &[&'a str]| -> Vec<usize> {
        lines
            .iter()
            .map(|&text| {
                let next = ids.len();
                *ids.entry(text).or_insert(next)
            })
            .collect()
    };
    (number(old), number(new))
}

/// Myers' greedy algorithm: the edits turning `a` into `b`, in order, or
/// `None` when they are more than `max_edits`.
fn shortest_edit(a: &[usize], b: &[usize], max_edits: usize) -> Option<Vec<DiffKind>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let limit = (a.len() + b.len()).min(max_edits) as isize;
    // v[k + offset]: how far along diagonal k (x − y = k) the best path with d edits gets.
    let offset = limit + 1;
    let mut v = vec![0_isize; 2 * limit as usize + 3];
    // Before each d, the part of v the backtrack reads: diagonals −d−1 ..= d+1.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=limit {
        trace.push(v[(offset - d - 1) as usize..=(offset + d + 1) as usize].to_vec());
        for k in (-d..=d).step_by(2) {
            let down = k == -d || (k != d && v[(offset + k - 1) as usize] < v[(offset + k + 1) as usize]);
            let mut x = if down { v[(offset + k + 1) as usize] } else { v[(offset + k - 1) as usize] + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(offset + k) as usize] = x;
            if x >= n && y >= m {
                return Some(backtrack(&trace, n, m));
            }
        }
    }
    None
}

/// Walks the trace back from (x, y) = (n, m) to (0, 0), one edit per d.
fn backtrack(trace: &[Vec<isize>], mut x: isize, mut y: isize) -> Vec<DiffKind> {
    let mut edits = Vec::new();
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let at = |k: isize| v[(k + d + 1) as usize];
        let k = x - y;
        let (prev_x, prev_y) = if d == 0 {
            (0, 0)
        } else {
            let prev_k = if k == -d || (k != d && at(k - 1) < at(k + 1)) { k + 1 } else { k - 1 };
            (at(prev_k), at(prev_k) - prev_k)
        };
        while x > prev_x && y > prev_y {
            edits.push(DiffKind::Same);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            edits.push(if x == prev_x { DiffKind::Added } else { DiffKind::Removed });
        }
        (x, y) = (prev_x, prev_y);
    }
    edits.reverse();
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    use DiffKind::{Added, Removed, Same};

    fn assert_diff(old: &str, new: &str, expected: &[(DiffKind, &str)]) {
        let result = diff_lines(old, new);
        let found: Vec<(DiffKind, &str)> = result.iter().map(|l| (l.kind, l.text.as_str())).collect();
        assert_eq!(found, expected, "{old:?} → {new:?}");
    }

    /// The old and new texts the diff describes.
    fn sides(diff: &[DiffLine]) -> (String, String) {
        let side = |skip: DiffKind| diff.iter().filter(|l| l.kind != skip).map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
        (side(Added), side(Removed))
    }

    fn lcs_len(a: &[&str], b: &[&str]) -> usize {
        let mut row = vec![0; b.len() + 1];
        for x in a {
            let mut diagonal = 0;
            for (j, y) in b.iter().enumerate() {
                let above = row[j + 1];
                row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
                diagonal = above;
            }
        }
        row[b.len()]
    }

    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, below: usize) -> usize {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % below
        }
    }

    #[test]
    fn equal_texts_are_all_same() {
        assert_diff("a\nb", "a\nb", &[(Same, "a"), (Same, "b")]);
        assert_diff("", "", &[]);
    }

    #[test]
    fn empty_sides_are_all_added_or_all_removed() {
        assert_diff("", "a\nb", &[(Added, "a"), (Added, "b")]);
        assert_diff("a\nb", "", &[(Removed, "a"), (Removed, "b")]);
        assert_diff("", "\n", &[(Added, ""), (Added, "")]);
    }

    #[test]
    fn a_trailing_newline_is_a_last_empty_line() {
        assert_diff("a\nb", "a\nb\n", &[(Same, "a"), (Same, "b"), (Added, "")]);
        assert_diff("a\nb\n", "a\nb", &[(Same, "a"), (Same, "b"), (Removed, "")]);
        assert_diff("a\n", "a\n", &[(Same, "a"), (Same, "")]);
    }

    #[test]
    fn a_changed_line_is_removed_then_added() {
        assert_diff("a\nb\nc", "a\nB\nc", &[(Same, "a"), (Removed, "b"), (Added, "B"), (Same, "c")]);
        assert_diff("x", "y", &[(Removed, "x"), (Added, "y")]);
    }

    #[test]
    fn chinese_lines_compare_whole() {
        let old = "尊敬的{{ customer.name }}：\n您的服务将于下月到期。\n祝好！";
        let new = "尊敬的{{ customer.name }}：\n您的服务将于 3 天后到期，请及时续费。\n如有疑问请致电 400-800-1234。\n祝好！";
        assert_diff(old, new, &[
            (Same, "尊敬的{{ customer.name }}："),
            (Removed, "您的服务将于下月到期。"),
            (Added, "您的服务将于 3 天后到期，请及时续费。"),
            (Added, "如有疑问请致电 400-800-1234。"),
            (Same, "祝好！"),
        ]);
    }

    #[test]
    fn repeated_lines_give_a_minimal_diff() {
        // The example of Myers' paper: ABCABBA → CBABAC takes 5 edits, keeping 4 lines.
        let (old, new) = ("a\nb\nc\na\nb\nb\na", "c\nb\na\nb\na\nc");
        let result = diff_lines(old, new);
        assert_eq!(sides(&result), (old.to_owned(), new.to_owned()));
        assert_eq!(result.iter().filter(|l| l.kind == Same).count(), 4);
        assert_eq!(result.len(), 9);
    }

    #[test]
    fn random_pairs_round_trip_and_are_minimal() {
        let mut rng = Lcg(3);
        let vocabulary = ["", "a", "b", "c", "您好", "{{ x }}"];
        for _ in 0..500 {
            let mut text = || {
                let len = rng.next(12);
                (0..len).map(|_| vocabulary[rng.next(vocabulary.len())]).collect::<Vec<_>>()
            };
            let (a, b) = (text(), text());
            let (old, new) = (a.join("\n"), b.join("\n"));
            let result = diff_lines(&old, &new);
            assert_eq!(sides(&result), (old.clone(), new.clone()), "{old:?} → {new:?}");
            let same = result.iter().filter(|l| l.kind == Same).count();
            assert_eq!(same, lcs_len(&lines(&old), &lines(&new)), "{old:?} → {new:?}");
        }
    }

    #[test]
    fn past_the_edit_limit_the_middle_is_removed_then_added() {
        let old: String = (0..MAX_EDITS).map(|i| format!("old {i}\n")).collect();
        let new: String = (0..MAX_EDITS).map(|i| format!("new {i}\n")).collect();
        let (old, new) = (format!("head\n{old}tail"), format!("head\n{new}tail"));
        let result = diff_lines(&old, &new);
        assert_eq!(sides(&result), (old, new));
        let kinds: Vec<DiffKind> = result.iter().map(|l| l.kind).collect();
        let mut expected = vec![Same];
        expected.extend([Removed; MAX_EDITS]);
        expected.extend([Added; MAX_EDITS]);
        expected.push(Same);
        assert_eq!(kinds, expected);
    }

    #[test]
    fn just_under_the_edit_limit_is_still_exact() {
        let old: String = (0..MAX_EDITS / 2).map(|i| format!("{i}\n")).collect();
        let new: String = (0..MAX_EDITS / 2).map(|i| if i % 3 == 0 { format!("{i}\n") } else { format!("x{i}\n") }).collect();
        let result = diff_lines(&old, &new);
        assert_eq!(sides(&result), (old.clone(), new.clone()));
        assert_eq!(result.iter().filter(|l| l.kind == Same).count(), lcs_len(&lines(&old), &lines(&new)));
    }

    #[test]
    fn pathological_five_thousand_line_pairs_finish_fast() {
        let mut rng = Lcg(11);
        let unrelated = |rng: &mut Lcg| (0..5000).map(|_| rng.next(1_000_000).to_string()).collect::<Vec<_>>().join("\n");
        let repetitive_old = ["a", "b"].repeat(2500).join("\n");
        let repetitive_new = ["b", "a", "a"].repeat(1667).join("\n");
        let pairs = [(unrelated(&mut rng), unrelated(&mut rng)), (repetitive_old, repetitive_new)];
        for (old, new) in &pairs {
            let started = Instant::now();
            let result = diff_lines(old, new);
            // Generous for an unoptimised build on a busy machine; it takes milliseconds.
            assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
            assert_eq!(sides(&result), (old.clone(), new.clone()));
        }
    }
}
