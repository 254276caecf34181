//! Where the user's attention goes: which pane a narrow screen shows (one at
//! a time, chosen by the tab bar), and the keyboard focus after an action.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The pane a screen of 1000 px or less shows; a wider one shows them all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Library,
    Editor,
    Preview,
    Checks,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Library, Pane::Editor, Pane::Preview, Pane::Checks];

    pub fn as_str(self) -> &'static str {
        match self {
            Pane::Library => "library",
            Pane::Editor => "editor",
            Pane::Preview => "preview",
            Pane::Checks => "checks",
        }
    }
}

#[derive(Clone, Copy)]
pub struct Layout {
    pub pane: RwSignal<Pane>,
    /// Whether the editor's folded template settings are open: opened once,
    /// they stay open from template to template.
    pub settings_open: RwSignal<bool>,
}

impl Layout {
    pub fn new() -> Layout {
        Layout { pane: RwSignal::new(Pane::Editor), settings_open: RwSignal::new(false) }
    }

    /// A template was opened, created or copied by the user: the editor comes
    /// forward and the caret goes into its body.
    pub fn edit(self) {
        self.pane.set(Pane::Editor);
        focus_soon(BODY_ID);
    }

    /// Ctrl/⌘+K: the library's search, to find a template by name.
    pub fn find_template(self) {
        self.pane.set(Pane::Library);
        focus_soon(SEARCH_ID);
    }
}

pub const BODY_ID: &str = "template-body";
pub const SEARCH_ID: &str = "library-search";

/// Focuses element `id` once the views have caught up with the change that
/// made it (Leptos updates the DOM in a microtask, before the next frame).
pub fn focus_soon(id: &'static str) {
    request_animation_frame(move || focus(id));
}

pub fn focus(id: &str) {
    if let Some(element) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Moves the keyboard into the dialog matched by `selector` when `open`
/// becomes true (to its first control), and back to what had it when the
/// dialog closes. (`autofocus` works once per page, not per dialog.)
pub fn focus_dialog(open: impl Fn() -> bool + 'static, selector: &'static str) {
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open();
        if is_open && was_open != Some(true) {
            opener.set_value(document().active_element().and_then(|e| e.dyn_into().ok()));
            request_animation_frame(move || {
                let dialog = document().query_selector(selector).ok().flatten();
                let control = dialog.as_ref().and_then(|d| d.query_selector("button, input, select, textarea, [href]").ok().flatten());
                if let Some(target) = control.or(dialog).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = target.focus();
                }
            });
        } else if !is_open && was_open == Some(true) {
            if let Some(opener) = opener.try_update_value(Option::take).flatten() {
                let _ = opener.focus();
            }
        }
        is_open
    });
}
