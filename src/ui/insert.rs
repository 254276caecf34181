//! Putting text into the body at the caret: what snippets, field chips and
//! completions do, apart from the editor that shows them.

use leptos::html::Textarea;
use leptos::prelude::*;
use notice_engine::editor::undo::Change;

use crate::browser::selection::{selected_range, utf16_offset};
use crate::ui::studio::Studio;

/// Puts `snippet` in the body in place of the selection, as one undo step,
/// with the caret after it.
pub fn insert_at_cursor(studio: Studio, editor: NodeRef<Textarea>, snippet: &str) {
    let Some(area) = editor.get_untracked() else { return };
    let mut body = studio.working.with_untracked(|w| w.as_ref().map(|t| t.body.clone())).unwrap_or_default();
    let selected = selected_range(&area, &body);
    let start = selected.start;
    body.replace_range(selected, snippet);
    let caret = utf16_offset(&body, start + snippet.len());
    // Written here, with the caret, rather than left to the view: a new value
    // moves the caret to the end, and a caret put back a frame later lands
    // wherever the user has typed since. The view then writes the same text,
    // which moves nothing.
    area.set_value(&body);
    let _ = area.focus();
    let _ = area.set_selection_range(caret, caret);
    studio.edit_body(body, Change::Whole);
}
