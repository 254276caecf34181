//! Completion while typing `{{ …`: which word is being typed at the caret (a
//! field path, or a filter after `|`) and the candidates that start with it.

use std::ops::Range;

use crate::template::filters::MASK_FILTERS;

/// Filters that render the same in minijinja and Python Jinja2, offered after `|`.
const PORTABLE_FILTERS: &[&str] = &[
    "capitalize", "default", "first", "join", "last", "length", "lower", "replace", "round", "title", "trim", "truncate", "upper",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Path,
    Filter,
}

/// The word being completed: what it is and where it lies in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub kind: Kind,
    /// Byte range of the typed part (empty right after `{{ ` or `|`).
    pub range: Range<usize>,
}

/// The word at byte `caret` of `text`, when the caret is inside an unclosed
/// `{{` and right after a path being typed or a `|`.
pub fn word_at(text: &str, caret: usize) -> Option<Word> {
    let before = text.get(..caret)?;
    let open = before.rfind("{{")?;
    if before[open..].contains("}}") {
        return None;
    }
    let start = before.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.').len();
    let typed = &before[start..];
    if typed.starts_with(|c: char| c.is_ascii_digit()) || start < open + 2 {
        return None;
    }
    let kind = match before[open + 2..start].trim_end().chars().last() {
        None => Kind::Path,
        Some('|') if !typed.contains('.') => Kind::Filter,
        _ => return None,
    };
    Some(Word { kind, range: start..caret })
}

/// At most `limit` candidates for `word` in `text`: field `paths` or filters
/// starting with what is typed (case-insensitively), the typed word itself excluded.
pub fn candidates<'a>(text: &str, word: &Word, paths: &'a [String], limit: usize) -> Vec<&'a str> {
    let typed = text.get(word.range.clone()).unwrap_or_default().to_ascii_lowercase();
    let offered: Box<dyn Iterator<Item = &'a str>> = match word.kind {
        Kind::Path => Box::new(paths.iter().map(String::as_str)),
        Kind::Filter => Box::new(PORTABLE_FILTERS.iter().copied().chain(["mask"]).chain(MASK_FILTERS.iter().map(|(name, _)| *name))),
    };
    offered.filter(|c| c.to_ascii_lowercase().starts_with(&typed) && c.len() > typed.len()).take(limit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Option<(Kind, &str)> {
        word_at(text, text.len()).map(|w| (w.kind, &text[w.range]))
    }

    #[test]
    fn a_path_or_filter_is_completed_only_inside_an_open_expression() {
        assert_eq!(word("Hi {{ cust"), Some((Kind::Path, "cust")));
        assert_eq!(word("Hi {{customer.na"), Some((Kind::Path, "customer.na")));
        assert_eq!(word("Hi {{ "), Some((Kind::Path, "")));
        assert_eq!(word("Hi {{ name | up"), Some((Kind::Filter, "up")));
        assert_eq!(word("Hi {{ name|"), Some((Kind::Filter, "")));
        assert_eq!(word("Hi {{ name }} cust"), None, "closed");
        assert_eq!(word("Hi cust"), None, "no expression");
        assert_eq!(word("{{ name ~ x"), None, "not right after {{ or |");
        assert_eq!(word("{{ 12"), None, "a number");
        assert_eq!(word("{{ a | b.c"), None);
    }

    #[test]
    fn candidates_start_with_the_typed_word() {
        let paths = vec!["customer.name".to_owned(), "customer.phone".to_owned(), "company.name".to_owned()];
        let text = "{{ Cust";
        let w = word_at(text, text.len()).unwrap();
        assert_eq!(candidates(text, &w, &paths, 8), ["customer.name", "customer.phone"]);
        assert_eq!(candidates(text, &w, &paths, 1), ["customer.name"]);
        let text = "{{ x | mask_p";
        let w = word_at(text, text.len()).unwrap();
        assert_eq!(candidates(text, &w, &paths, 8), ["mask_phone"]);
        let text = "{{ customer.name";
        let w = word_at(text, text.len()).unwrap();
        assert!(candidates(text, &w, &paths, 8).is_empty(), "nothing left to complete");
    }
}
