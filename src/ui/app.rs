use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use notice_engine::lang::Lang;
use notice_engine::protocol::{CheckResponse, Common, Response};
use notice_engine::library::store;

use crate::browser::engine::{EngineFailure, EngineWorker, CHECK_WORKER};
use crate::browser::{files, location, storage, timing};
use crate::ui::checks::Checks;
use crate::ui::coverage::CoverageView;
use crate::ui::editor::EditorPane;
use crate::ui::gallery::GalleryView;
use crate::ui::i18n::{t, Msg};
use crate::ui::layout::{self, Layout, Pane};
use crate::ui::library::{LibraryPane, View};
use crate::ui::partials::PartialsView;
use crate::ui::preview::PreviewPane;
use crate::ui::splitter::Splitter;
use crate::ui::studio::{Choice, Studio};
use crate::ui::transfer::{Transfer, TransferDialog};

#[component]
pub fn App() -> impl IntoView {
    // `?lang=` wins over the remembered choice, which wins over the browser's.
    let lang = RwSignal::new(
        location::lang_from_url().or_else(storage::load_lang).or_else(location::lang_from_browser).unwrap_or_default(),
    );
    let studio = timing::measured("notice-studio:library-load", || Studio::load(lang));
    let view = RwSignal::new(View::Templates);
    let layout = Layout::new();

    // Rendering and checking happen in the engine worker; every edit sends
    // the open template there and the answer fills the preview and checks.
    let answer = RwSignal::new(None::<CheckResponse>);
    let engine_stopped = RwSignal::new(None::<String>);
    let engine = EngineWorker::spawn(CHECK_WORKER, move |result| match result {
        Ok(Response::Check(response)) => {
            engine_stopped.set(None);
            answer.set(Some(response));
        }
        Ok(Response::Gallery(gallery)) => studio.receive_gallery(gallery),
        // Asked for as a job (the partials view), so answered to its callback.
        Ok(Response::Includers(_)) => {}
        Err(EngineFailure::Stopped(why)) => engine_stopped.set(Some(why)),
    });
    let transfer = RwSignal::new(None::<Transfer>);
    // Started on the first export or import.
    let files_worker = StoredValue::new_local(None::<EngineWorker>);
    let engine_jobs = StoredValue::new_local(engine.clone());
    Effect::new({
        let engine = engine.clone();
        move |_| {
            if studio.gallery_needed.get() && studio.gallery.with(Option::is_none) {
                engine.request_gallery();
            }
        }
    });
    // Only a change of what templates share re-checks, not every library save.
    let common = Memo::new(move |_| studio.library.with(|l| Arc::new(Common::of(l))));
    let submitted = RwSignal::new(0_u64);
    Effect::new(move |_| {
        let Some(template) = studio.working.get() else { return };
        let seq = submitted.get_untracked() + 1;
        submitted.set(seq);
        engine.submit(seq, template, common.get());
    });
    // Whether the answer is the check of the template as it is now.
    let checked = Memo::new(move |_| answer.with(|a| a.as_ref().map(|a| a.seq)) == Some(submitted.get()));
    // The check after an edit of a ready template decides whether it stays ready.
    Effect::new(move |_| {
        answer.with(|a| {
            if let Some(a) = a.as_ref().filter(|a| a.seq == submitted.get_untracked()) {
                studio.revisit_ready(&a.findings);
            }
        })
    });
    let diagnostics = Memo::new(move |_| answer.with(|a| a.as_ref().map(|a| a.diagnostics.clone()).unwrap_or_default()));
    let ignored = Memo::new(move |_| answer.with(|a| a.as_ref().map(|a| a.ignored.clone()).unwrap_or_default()));
    let skeleton = Memo::new(move |_| answer.with(|a| a.as_ref().map(|a| a.skeleton.clone()).unwrap_or_else(|| "{}".to_owned())));
    // Unwritten edits are written at once when the page is hidden or closed.
    let _ = window_event_listener_untyped("pagehide", move |_| studio.flush());
    let _ = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            studio.flush();
        }
    });
    storage::watch(move |key, value| studio.on_storage_event(&key, value));
    let shortcuts = RwSignal::new(false);
    let _ = window_event_listener(ev::keydown, move |event| {
        let key = event.key();
        if (event.ctrl_key() || event.meta_key()) && key.eq_ignore_ascii_case("s") {
            event.prevent_default();
            studio.save_version(String::new());
        } else if (event.ctrl_key() || event.meta_key()) && key.eq_ignore_ascii_case("k") {
            event.prevent_default();
            view.set(View::Templates);
            layout.find_template();
        } else if key == "Escape" {
            shortcuts.set(false);
        } else if key == "?" && !typing_in_a_field(&event) {
            shortcuts.update(|open| *open = !*open);
        }
    });
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });

    let msg = move |m: Msg| move || t(lang.get(), m);
    // Through a memo, so a keystroke does not build the panes again.
    let template_open = Memo::new(move |_| studio.working.with(Option::is_some));
    // Pane sizes: the library's width in pixels, the editor's share of the rest.
    // Whole pixels and percent: the page formats no floating-point number (it saves the code that does).
    let library_width = RwSignal::new(256);
    let editor_share = RwSignal::new(50);
    let editor = NodeRef::<leptos::html::Textarea>::new();
    let preview_pre = NodeRef::<leptos::html::Pre>::new();

    layout::focus_dialog(move || transfer.with(Option::is_some), "[data-testid=transfer]");
    layout::focus_dialog(move || shortcuts.get(), "[data-testid=shortcuts]");
    let problems = Memo::new(move |_| diagnostics.with(Vec::len));
    let pane_tab = move |pane: Pane| {
        let label = move || match pane {
            Pane::Library => t(lang.get(), Msg::LibraryHeading).to_owned(),
            Pane::Editor => t(lang.get(), Msg::EditorTab).to_owned(),
            Pane::Preview => t(lang.get(), Msg::PreviewHeading).to_owned(),
            Pane::Checks => format!("{} ({})", t(lang.get(), Msg::ChecksTab), problems.get()),
        };
        view! {
            <button type="button" data-testid=format!("pane-{}", pane.as_str()) aria-pressed=move || (layout.pane.get() == pane).to_string()
                on:click=move |_| {
                    // The gallery, coverage and partials views stand in the editor's place: its tabs bring the template back.
                    if pane != Pane::Library && matches!(view.get_untracked(), View::Coverage | View::Gallery | View::Partials) {
                        view.set(View::Templates);
                    }
                    layout.pane.set(pane);
                }>{label}</button>
        }
    };

    view! {
        // The first stop of the keyboard: straight to the body (or, with no template open, the library's search).
        <a class="skip-link" href="#template-body" data-testid="skip-link" on:click=move |ev| {
            ev.prevent_default();
            if template_open.get_untracked() { layout.edit() } else { layout.find_template() }
        }>{msg(Msg::SkipToEditor)}</a>
        <header class="app-header">
            <div>
                <h1>"Notice Studio"</h1>
                <p class="tagline">{msg(Msg::Tagline)}</p>
            </div>
            <StorageMeter studio=studio />
            <ThemeSwitch lang=lang />
            <LanguageSwitch lang=lang />
        </header>
        <Banners studio=studio />
        // Above the panes: without the worker there is no preview, no checks and no gallery.
        <Show when=move || engine_stopped.with(Option::is_some)>
            <p class="banner error" role="alert" data-testid="engine-stopped">
                {move || format!("{}{}", t(lang.get(), Msg::EngineStopped), engine_stopped.get().unwrap_or_default())}
            </p>
        </Show>
        <Show when=move || shortcuts.get()>
            <ShortcutSheet lang=lang open=shortcuts />
        </Show>
        {move || transfer.get().is_some().then(|| view! { <TransferDialog studio=studio worker=files_worker open=transfer /> })}
        // A narrow screen shows one pane at a time; this bar (hidden when wider) picks it.
        <nav class="pane-tabs" aria-label=msg(Msg::PaneTabs) data-testid="pane-tabs">
            {Pane::ALL.into_iter().map(pane_tab).collect_view()}
        </nav>
        <main class="studio" data-pane=move || layout.pane.get().as_str() style=move || format!(
            "--library-width: {}px; --editor-share: {}fr; --preview-share: {}fr",
            library_width.get(), editor_share.get(), 100 - editor_share.get(),
        )>
            <LibraryPane studio=studio view=view transfer=transfer layout=layout />
            <Splitter lang=lang label=Msg::ResizeLibrary value=library_width min=180 max=480 step=16
                from_pointer=|x, before, _| x - before.left() />
            {move || match (view.get(), template_open.get()) {
                (View::Coverage, _) => view! { <CoverageView studio=studio view=view layout=layout /> }.into_any(),
                (View::Gallery, _) => view! { <GalleryView studio=studio view=view layout=layout /> }.into_any(),
                (View::Partials, _) => view! { <PartialsView studio=studio view=view layout=layout engine=engine_jobs /> }.into_any(),
                (_, false) => view! {
                    <section class="pane empty-pane"><p class="hint">{msg(Msg::NoTemplateOpen)}</p></section>
                }.into_any(),
                (_, true) => view! {
                    <EditorPane studio=studio editor=editor skeleton=skeleton diagnostics=diagnostics answer=answer checked=checked layout=layout />
                    <Splitter lang=lang label=Msg::ResizeEditor value=editor_share min=25 max=75 step=5
                        from_pointer=|x, before, after| 100.0 * (x - before.left()) / (after.right() - before.left()) />
                    <div class="pane preview-pane">
                        <section class="preview-section" aria-labelledby="preview-heading">
                            <h2 id="preview-heading">{msg(Msg::PreviewHeading)}</h2>
                            <PreviewPane studio=studio answer=answer preview_pre=preview_pre />
                        </section>
                        <section class="checks-section" aria-labelledby="checks-heading">
                            <Checks diagnostics=diagnostics ignored=ignored studio=studio editor=editor preview=preview_pre />
                        </section>
                        <p class="save-status" data-testid="save-status">
                            {move || match studio.save_error.get() {
                                None => t(lang.get(), Msg::Saved).to_owned(),
                                Some(err) => err.message(lang.get()),
                            }}
                        </p>
                    </div>
                }.into_any(),
            }}
        </main>
    }
}

/// What needs the user's attention: values kept aside, a full storage, a
/// conflict with another tab, the undo of a delete.
#[component]
fn Banners(studio: Studio) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    let export_library = move |_| {
        let entries = storage::entries();
        let _ = files::download("notice-studio-backup.json", "application/json", &store::encode_backup(&entries));
    };
    view! {
        <Show when=move || studio.welcome.get()>
            <div class="banner" role="status" data-testid="welcome">
                <p>{msg(Msg::Welcome)}</p>
                <button type="button" on:click=move |_| studio.welcome.set(false)>{msg(Msg::Dismiss)}</button>
            </div>
        </Show>
        <Show when=move || !studio.quarantine.with(Vec::is_empty)>
            <div class="banner warning" role="alert" data-testid="quarantine-notice">
                <p>{msg(Msg::QuarantinedValues)}</p>
                <ul>
                    {move || studio.quarantine.get().into_iter().map(|q| view! {
                        <li><code>{q.key.clone()}</code>" — "{q.error.message(lang.get())}</li>
                    }).collect_view()}
                </ul>
                <button type="button" data-testid="export-quarantine" on:click=move |_| {
                    let entries = storage::quarantined();
                    let _ = files::download("notice-studio-unreadable.json", "application/json", &store::encode_backup(&entries));
                }>{msg(Msg::ExportQuarantine)}</button>
            </div>
        </Show>
        <Show when=move || studio.pruned.get() != 0>
            <div class="banner warning" role="status" data-testid="history-pruned">
                <p>{move || format!("{}{}", t(lang.get(), Msg::HistoryPruned), studio.pruned.get())}</p>
                <button type="button" data-testid="export-library" on:click=export_library>{msg(Msg::ExportLibrary)}</button>
                <button type="button" on:click=move |_| studio.pruned.set(0)>{msg(Msg::Dismiss)}</button>
            </div>
        </Show>
        <Show when=move || studio.save_error.with(Option::is_some)>
            <div class="banner error" role="alert" data-testid="save-error">
                <p>{move || studio.save_error.get().map(|e| e.message(lang.get()))}</p>
                <button type="button" data-testid="export-library" on:click=export_library>{msg(Msg::ExportLibrary)}</button>
            </div>
        </Show>
        <Show when=move || studio.conflict.with(Option::is_some)>
            <div class="banner warning" role="alertdialog" aria-labelledby="conflict-title" data-testid="conflict">
                <p id="conflict-title"><strong>{msg(Msg::ConflictTitle)}</strong></p>
                <p>{msg(Msg::ConflictText)}</p>
                <button type="button" data-testid="keep-mine" on:click=move |_| studio.resolve(Choice::KeepMine)>{msg(Msg::KeepMine)}</button>
                <button type="button" data-testid="take-theirs" on:click=move |_| studio.resolve(Choice::TakeTheirs)>{msg(Msg::TakeTheirs)}</button>
                <button type="button" data-testid="keep-both" on:click=move |_| studio.resolve(Choice::KeepBoth)>{msg(Msg::KeepBoth)}</button>
            </div>
        </Show>
        {move || studio.trashed.get().map(|id| {
            let name = studio.library.with(|l| l.get(&id).map(|t| t.name.clone()).unwrap_or_default());
            view! {
                <div class="banner" role="status" data-testid="undo-delete">
                    {move || t(lang.get(), Msg::MovedToTrash)}<strong>{name}</strong>" "
                    <button type="button" data-testid="undo" on:click=move |_| studio.restore(&id)>{msg(Msg::Undo)}</button>
                    <button type="button" on:click=move |_| studio.trashed.set(None)>{msg(Msg::Dismiss)}</button>
                </div>
            }
        })}
    }
}

#[component]
fn StorageMeter(studio: Studio) -> impl IntoView {
    let lang = studio.lang;
    let percent = move || (studio.used_bytes.get() * 100).div_ceil(storage::LIMIT_BYTES).min(100);
    view! {
        <div class="storage-meter" data-testid="storage-meter">
            <label for="storage-meter">{move || t(lang.get(), Msg::StorageUsed)}</label>
            <meter id="storage-meter" min="0" max=storage::LIMIT_BYTES.to_string() high=(storage::LIMIT_BYTES / 10 * 8).to_string()
                value=move || studio.used_bytes.get().to_string()></meter>
            // A phone shows only the percentage.
            <span class="used-mb">{move || {
                let tenths = studio.used_bytes.get() * 10 / 1_048_576;
                format!("{}.{} / {} MB", tenths / 10, tenths % 10, storage::LIMIT_BYTES / 1_048_576)
            }}</span>
            <span>{move || format!("({}%)", percent())}</span>
        </div>
    }
}

/// Whether a key press is text being typed (so `?` is a character, not the sheet).
fn typing_in_a_field(event: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Every keyboard shortcut, opened with `?`.
#[component]
fn ShortcutSheet(lang: RwSignal<Lang>, open: RwSignal<bool>) -> impl IntoView {
    let rows = [
        ("Ctrl+S", Msg::SaveVersion),
        ("Ctrl+Z", Msg::ShortcutUndo),
        ("Ctrl+Shift+Z / Ctrl+Y", Msg::ShortcutRedo),
        ("Ctrl+F", Msg::ShortcutFind),
        ("Alt+↓ / Alt+↑", Msg::ShortcutFindings),
        ("Ctrl+K / ⌘K", Msg::ShortcutFindTemplate),
        ("?", Msg::ShortcutSheet),
        ("Esc", Msg::Dismiss),
    ];
    view! {
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts">
            <h2 id="shortcuts-title">{move || t(lang.get(), Msg::ShortcutSheet)}</h2>
            <table>
                {rows.into_iter().map(|(keys, what)| view! { <tr><th scope="row"><kbd>{keys}</kbd></th><td>{move || t(lang.get(), what)}</td></tr> }).collect_view()}
            </table>
            <button type="button" on:click=move |_| open.set(false)>{move || t(lang.get(), Msg::Dismiss)}</button>
        </div>
    }
}

/// Light, dark, or the system's choice; remembered in this browser.
#[component]
fn ThemeSwitch(lang: RwSignal<Lang>) -> impl IntoView {
    let theme = RwSignal::new(storage::load_theme());
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = match theme.get() {
                Some(theme) => root.set_attribute("data-theme", &theme),
                None => root.remove_attribute("data-theme"),
            };
        }
    });
    let choose = move |value: String| {
        let choice = (value == "light" || value == "dark").then_some(value);
        storage::save_theme(choice.as_deref());
        theme.set(choice);
    };
    let option = move |value: &'static str, label: Msg| {
        view! { <option value=value selected=move || theme.with(|t| t.as_deref().unwrap_or("system") == value)>{move || t(lang.get(), label)}</option> }
    };
    view! {
        <select class="theme-switch" data-testid="theme" aria-label=move || t(lang.get(), Msg::Theme) on:change:target=move |ev| choose(ev.target().value())>
            {option("system", Msg::ThemeSystem)}
            {option("light", Msg::ThemeLight)}
            {option("dark", Msg::ThemeDark)}
        </select>
    }
}

#[component]
fn LanguageSwitch(lang: RwSignal<Lang>) -> impl IntoView {
    let choose = move |choice: Lang| {
        lang.set(choice);
        storage::save_lang(choice);
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || t(lang.get(), Msg::LanguageSwitch)>
            <button type="button" data-testid="lang-zh" aria-pressed=move || (lang.get() == Lang::Zh).to_string() on:click=move |_| choose(Lang::Zh)>
                "中文"
            </button>
            <button type="button" data-testid="lang-en" aria-pressed=move || (lang.get() == Lang::En).to_string() on:click=move |_| choose(Lang::En)>
                "English"
            </button>
        </div>
    }
}
