//! Find in the body (Ctrl+F): a bar above the body whose matches are painted
//! in the editor's overlay and selected in the editor one at a time, while
//! the typing stays in the bar.

use std::ops::Range;

use leptos::html::{Input, Pre, Textarea};
use leptos::prelude::*;
use notice_engine::editor::find;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

use crate::browser::selection::{selected_range, utf16_offset};
use crate::ui::i18n::{match_count, t, Msg};
use crate::ui::studio::Studio;

/// The find bar's state, shared by the bar and the editor's overlay.
#[derive(Clone, Copy)]
pub struct Find {
    studio: Studio,
    editor: NodeRef<Textarea>,
    overlay: NodeRef<Pre>,
    input: NodeRef<Input>,
    open: RwSignal<bool>,
    query: RwSignal<String>,
    /// Every match in the body as byte ranges, while the bar is open.
    pub matches: Memo<Vec<Range<usize>>>,
    /// The index in `matches` of the current match.
    pub current: RwSignal<Option<usize>>,
}

impl Find {
    pub fn new(studio: Studio, editor: NodeRef<Textarea>, overlay: NodeRef<Pre>) -> Find {
        let open = RwSignal::new(false);
        let query = RwSignal::new(String::new());
        let matches = Memo::new(move |_| {
            if !open.get() {
                return Vec::new();
            }
            query.with(|q| studio.working.with(|w| w.as_ref().map(|t| find::occurrences(&t.body, q)).unwrap_or_default()))
        });
        let find = Find { studio, editor, overlay, input: NodeRef::new(), open, query, matches, current: RwSignal::new(None) };
        // An edit of the body moves the matches; the current one is then the
        // one at or after the caret, left unselected so as not to break into
        // the typing (Enter selects it).
        Effect::new(move |_| {
            matches.track();
            let at = find.at_or_after_caret();
            if find.current.get_untracked() != at {
                find.current.set(at);
            }
        });
        find
    }

    /// Ctrl+F (Cmd+F) anywhere in the editor pane: opens the bar, or goes back to it.
    pub fn open_on_shortcut(self, ev: &KeyboardEvent) {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || !ev.key().eq_ignore_ascii_case("f") {
            return;
        }
        ev.prevent_default();
        self.open.set(true);
        // Once the bar is drawn; a query kept from before is selected, to type over.
        request_animation_frame(move || {
            if let Some(input) = self.input.get_untracked() {
                let _ = input.focus();
                input.select();
            }
        });
    }

    fn search(self, query: String) {
        self.query.set(query);
        self.show(self.at_or_after_caret());
    }

    /// Enter and Shift+Enter: the next or previous match. A current match not
    /// selected yet (the body was edited) is the next one.
    fn step(self, forward: bool) {
        let current = self.current.get_untracked();
        let selected = self.editor.get_untracked().zip(self.current_range()).is_some_and(|(area, range)| {
            self.studio.working.with_untracked(|w| w.as_ref().is_some_and(|t| selected_range(&area, &t.body) == range))
        });
        let next = match current {
            Some(_) if forward && !selected => current,
            _ => find::step(current, self.matches.with_untracked(Vec::len), forward),
        };
        self.show(next);
    }

    /// Escape: back to the body, where the current match stays selected.
    fn close(self) {
        self.open.set(false);
        if let Some(area) = self.editor.get_untracked() {
            let _ = area.focus();
        }
    }

    fn at_or_after_caret(self) -> Option<usize> {
        let area = self.editor.get_untracked()?;
        let caret = self.studio.working.with_untracked(|w| w.as_ref().map(|t| selected_range(&area, &t.body).start))?;
        self.matches.with_untracked(|m| find::at_or_after(m, caret))
    }

    fn current_range(self) -> Option<Range<usize>> {
        self.current.get_untracked().and_then(|i| self.matches.with_untracked(|m| m.get(i).cloned()))
    }

    /// Makes match `index` the current one: selected in the editor (which
    /// does not take the focus from the bar) and scrolled into its view.
    fn show(self, index: Option<usize>) {
        self.current.set(index);
        let (Some(area), Some(range)) = (self.editor.get_untracked(), self.current_range()) else { return };
        self.studio.working.with_untracked(|w| {
            if let Some(t) = w {
                let _ = area.set_selection_range(utf16_offset(&t.body, range.start), utf16_offset(&t.body, range.end));
            }
        });
        // The overlay lays the text out as the editor does, so where it paints
        // the current match is where the editor has to scroll to.
        request_animation_frame(move || {
            let Some(overlay) = self.overlay.get_untracked() else { return };
            let Some(piece) = overlay.query_selector(".find-current").ok().flatten().and_then(|e| e.dyn_into::<HtmlElement>().ok()) else { return };
            // A piece's offset counts from its line (positioned), the line's from the overlay.
            let line_top = piece.parent_element().and_then(|e| e.dyn_into::<HtmlElement>().ok()).map_or(0, |line| line.offset_top());
            let (top, height) = (line_top + piece.offset_top(), piece.offset_height());
            let (scroll, view) = (area.scroll_top(), area.client_height());
            if top < scroll || top + height > scroll + view {
                // A third of the way down, with the text before it in sight;
                // the editor's scroll event brings the overlay along.
                area.set_scroll_top(top - view / 3);
            }
        });
    }
}

/// The bar: the query, which match is current, previous / next, close.
#[component]
pub fn FindBar(find: Find) -> impl IntoView {
    let lang = find.studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    let count = move || {
        let total = find.matches.with(Vec::len);
        match find.current.get() {
            _ if find.query.with(String::is_empty) => String::new(),
            Some(i) if total > 0 => match_count(lang.get(), i + 1, total),
            _ => t(lang.get(), Msg::FindNone).to_owned(),
        }
    };
    view! {
        // Hidden rather than taken out when closed, so the query stays typed in.
        <div class="find-bar" role="search" aria-label=msg(Msg::Find) data-testid="find-bar" hidden=move || !find.open.get() on:keydown=move |ev| {
            if ev.key() == "Escape" {
                ev.prevent_default();
                find.close();
            }
        }>
            <input type="text" node_ref=find.input aria-label=msg(Msg::Find) placeholder=msg(Msg::Find) spellcheck="false"
                on:input:target=move |ev| find.search(ev.target().value())
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                        find.step(!ev.shift_key());
                    }
                } />
            <span class="find-count" role="status" data-testid="find-count">{count}</span>
            <button type="button" on:click=move |_| find.step(false)>{msg(Msg::FindPrevious)}</button>
            <button type="button" on:click=move |_| find.step(true)>{msg(Msg::FindNext)}</button>
            <button type="button" on:click=move |_| find.close()>{msg(Msg::Close)}</button>
        </div>
    }
}
