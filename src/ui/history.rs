//! The history panel: the open template's snapshots, newest first, a line
//! diff of the chosen one against the current text, and restore.

use leptos::prelude::*;
use notice_engine::editor::diff::{diff_lines, DiffKind};
use notice_engine::library::history::SnapshotKind;
use notice_engine::lang::Lang;
use wasm_bindgen::JsValue;

use crate::ui::i18n::{t, Msg};
use crate::ui::studio::Studio;

#[component]
pub fn HistoryPanel(studio: Studio) -> impl IntoView {
    let lang = studio.lang;
    let chosen = RwSignal::new(None::<usize>);
    let label = RwSignal::new(String::new());
    // Newest first: (index, time, kind, label).
    let rows = Memo::new(move |_| {
        studio.history.with(|h| {
            h.snapshots.iter().enumerate().rev().map(|(i, s)| (i, s.at_ms, s.kind, s.label.clone())).collect::<Vec<_>>()
        })
    });
    let diff = move || {
        let index = chosen.get()?;
        let old = studio.history.with(|h| h.snapshots.get(index).map(|s| s.template.body.clone()))?;
        let new = studio.working.with(|w| w.as_ref().map(|t| t.body.clone()))?;
        Some(diff_lines(&old, &new))
    };
    let save = move || {
        studio.save_version(label.get_untracked().trim().to_owned());
        label.set(String::new());
    };
    view! {
        <div class="save-version">
            <input type="text" aria-label=move || t(lang.get(), Msg::VersionLabel) placeholder=move || t(lang.get(), Msg::VersionLabel)
                data-testid="version-label" prop:value=label on:input:target=move |ev| label.set(ev.target().value())
                on:keydown=move |ev| if ev.key() == "Enter" { save() } />
            <button type="button" data-testid="save-version" on:click=move |_| save()>{move || t(lang.get(), Msg::SaveVersion)}</button>
        </div>
        <details class="history" data-testid="history">
            <summary>{move || format!("{} ({})", t(lang.get(), Msg::HistoryHeading), rows.with(Vec::len))}</summary>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="hint">{move || t(lang.get(), Msg::HistoryEmpty)}</p>
            </Show>
            <ol class="snapshots" data-testid="snapshots">
                <For each=move || rows.get() key=|row| (row.0, row.1) let((index, at_ms, kind, label))>
                    <li class:chosen=move || chosen.get() == Some(index)>
                        <button type="button" class="link" aria-pressed=move || (chosen.get() == Some(index)).to_string()
                            on:click=move |_| chosen.set(Some(index))>
                            <time>{move || local_time(lang.get(), at_ms)}</time>
                            " · "
                            {move || match (label.is_empty(), kind) {
                                (true, _) => kind_name(lang.get(), kind).to_owned(),
                                // Marked ready with errors: the reason given, as such.
                                (false, SnapshotKind::Ready) => format!("{} · {label}", kind_name(lang.get(), kind)),
                                (false, _) => label.clone(),
                            }}
                        </button>
                    </li>
                </For>
            </ol>
            {move || diff().map(|lines| {
                let same = lines.iter().all(|l| l.kind == DiffKind::Same);
                let shown = lines
                    .into_iter()
                    .map(|line| {
                        let (class, mark) = match line.kind {
                            DiffKind::Same => ("same", "  "),
                            DiffKind::Added => ("added", "+ "),
                            DiffKind::Removed => ("removed", "- "),
                        };
                        view! { <div class=class>{mark}{line.text}</div> }
                    })
                    .collect_view();
                view! {
                    <h3>{move || t(lang.get(), Msg::DiffHeading)}</h3>
                    <Show when=move || same>
                        <p class="hint">{move || t(lang.get(), Msg::NoDifference)}</p>
                    </Show>
                    <pre class="diff" data-testid="diff">{shown}</pre>
                    <button type="button" data-testid="restore-version" on:click=move |_| {
                        if let Some(index) = chosen.get_untracked() {
                            studio.restore_snapshot(index);
                            chosen.set(None);
                        }
                    }>{move || t(lang.get(), Msg::RestoreVersion)}</button>
                }
            })}
        </details>
    }
}

fn kind_name(lang: Lang, kind: SnapshotKind) -> &'static str {
    t(lang, match kind {
        SnapshotKind::Manual => Msg::SnapshotManual,
        SnapshotKind::Ready => Msg::SnapshotReady,
        SnapshotKind::Auto => Msg::SnapshotAuto,
        SnapshotKind::BeforeRestore => Msg::SnapshotBeforeRestore,
    })
}

/// A snapshot's time as the browser writes local dates in `lang`.
pub(super) fn local_time(lang: Lang, at_ms: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at_ms as f64));
    String::from(date.to_locale_string(lang.tag(), &JsValue::UNDEFINED))
}
