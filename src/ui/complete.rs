//! Completion in the body: typing inside `{{ … ` offers the schema's field
//! paths, and after `|` the filters, filtered as you type. ↑/↓ choose,
//! Enter or Tab take the choice, Escape closes the list.

use std::ops::Range;

use leptos::ev::KeyboardEvent;
use leptos::html::Textarea;
use leptos::prelude::*;
use notice_engine::editor::complete::{self, Kind};
use web_sys::HtmlTextAreaElement;

use crate::browser::selection::{selected_range, utf16_offset};
use crate::ui::insert::insert_at_cursor;
use crate::ui::i18n::{t, Msg};
use crate::ui::studio::Studio;

/// How many candidates the list shows.
const SHOWN: usize = 8;

#[derive(Clone, Copy)]
pub struct Completion {
    offered: RwSignal<Vec<String>>,
    chosen: RwSignal<usize>,
    /// Byte range of the word the candidates would replace.
    word: StoredValue<Range<usize>>,
    kind: RwSignal<Kind>,
}

impl Completion {
    pub fn new() -> Completion {
        Completion { offered: RwSignal::new(Vec::new()), chosen: RwSignal::new(0), word: StoredValue::new(0..0), kind: RwSignal::new(Kind::Path) }
    }

    /// After typing: what, if anything, the caret is in the middle of writing.
    pub fn update(self, studio: Studio, area: &HtmlTextAreaElement, body: &str) {
        let caret = selected_range(area, body).start;
        let offered = complete::word_at(body, caret).map(|word| {
            let paths: Vec<String> = studio.library.with_untracked(|l| l.shared.schema.fields.iter().map(|f| f.path.clone()).collect());
            let offered: Vec<String> = complete::candidates(body, &word, &paths, SHOWN).into_iter().map(str::to_owned).collect();
            self.word.set_value(word.range);
            self.kind.set(word.kind);
            offered
        });
        self.chosen.set(0);
        self.offered.set(offered.unwrap_or_default());
    }

    /// Whether the list shows (tracked).
    pub fn is_open(self) -> bool {
        !self.offered.with(Vec::is_empty)
    }

    /// The id of the chosen option, for the textarea's `aria-activedescendant` (tracked).
    pub fn active_option(self) -> Option<String> {
        self.is_open().then(|| format!("completion-{}", self.chosen.get()))
    }

    pub fn close(self) {
        self.offered.update(Vec::clear);
    }

    /// ↑/↓, Enter / Tab and Escape while the list is open; whether the key was used.
    pub fn on_key(self, ev: &KeyboardEvent, studio: Studio, editor: NodeRef<Textarea>) -> bool {
        let count = self.offered.with_untracked(Vec::len);
        if count == 0 {
            return false;
        }
        match ev.key().as_str() {
            "ArrowDown" => self.chosen.update(|i| *i = (*i + 1) % count),
            "ArrowUp" => self.chosen.update(|i| *i = (*i + count - 1) % count),
            "Enter" | "Tab" => self.accept(self.chosen.get_untracked(), studio, editor),
            "Escape" => self.close(),
            _ => return false,
        }
        ev.prevent_default();
        true
    }

    fn accept(self, index: usize, studio: Studio, editor: NodeRef<Textarea>) {
        let Some(choice) = self.offered.with_untracked(|o| o.get(index).cloned()) else { return };
        let Some(area) = editor.get_untracked() else { return };
        let body = studio.working.with_untracked(|w| w.as_ref().map(|t| t.body.clone())).unwrap_or_default();
        let word = self.word.get_value();
        // The typed part is selected and replaced, as an inserted field would be.
        let _ = area.set_selection_range(utf16_offset(&body, word.start), utf16_offset(&body, word.end));
        insert_at_cursor(studio, editor, &choice);
        self.close();
    }
}

/// The list under the body, tied to the textarea for screen readers.
#[component]
pub fn CompletionList(completion: Completion, studio: Studio, editor: NodeRef<Textarea>) -> impl IntoView {
    let lang = studio.lang;
    view! {
        <ul id="completion" role="listbox" class="completion" data-testid="completion"
            aria-label=move || t(lang.get(), if completion.kind.get() == Kind::Filter { Msg::CompleteFilters } else { Msg::CompleteFields })
            hidden=move || !completion.is_open()>
            {move || completion.offered.get().into_iter().enumerate().map(|(i, choice)| view! {
                <li role="option" id=format!("completion-{i}") aria-selected=move || (completion.chosen.get() == i).to_string()
                    // Keeps the focus (and the caret) in the body.
                    on:mousedown=move |ev| {
                        ev.prevent_default();
                        completion.accept(i, studio, editor);
                    }>{choice}</li>
            }).collect_view()}
        </ul>
    }
}
