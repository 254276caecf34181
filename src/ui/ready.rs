//! "Mark ready" and its override: a template with errors is marked ready
//! only after the user has read the errors and written why (`ready::mark`
//! decides; this asks). An empty body is refused outright.

use leptos::html::{Button, Input};
use leptos::prelude::*;
use notice_engine::library::model::Status;
use notice_engine::protocol::CheckResponse;
use notice_engine::check::ready::Refusal;

use crate::ui::i18n::{t, Msg};
use crate::ui::studio::Studio;

/// The toolbar's "Mark ready" / "Back to draft" button and, when marking is
/// refused, the dialog that says why. `checked`: `answer` is the check of the
/// template as it is now (not of an earlier keystroke); until it is, the
/// button waits.
#[component]
pub fn ReadyButton(studio: Studio, answer: RwSignal<Option<CheckResponse>>, checked: Memo<bool>) -> impl IntoView {
    let lang = studio.lang;
    let ready = Memo::new(move |_| studio.working.with(|w| w.as_ref().is_some_and(|t| t.status == Status::Ready)));
    let refused = RwSignal::new(None::<Refusal>);
    let reason = RwSignal::new(String::new());
    let button = NodeRef::<Button>::new();
    let reason_box = NodeRef::<Input>::new();
    let cancel = NodeRef::<Button>::new();
    let close = move || {
        refused.set(None);
        reason.set(String::new());
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    let mark = move |why: &str| {
        let marked = answer.with_untracked(|a| a.as_ref().map(|a| studio.mark_ready(&a.diagnostics, &a.findings, why)));
        match marked {
            Some(Err(refusal)) => {
                refused.set(Some(refusal));
                // Into the dialog: to the reason, or to Cancel when nothing can be overridden.
                request_animation_frame(move || {
                    let _ = match (reason_box.get_untracked(), cancel.get_untracked()) {
                        (Some(input), _) => input.focus(),
                        (_, Some(cancel)) => cancel.focus(),
                        _ => Ok(()),
                    };
                });
            }
            _ => close(),
        }
    };
    view! {
        // "Mark ready" waits for the check of the latest edit: a verdict must be of this text.
        <button type="button" data-testid=move || if ready.get() { "mark-draft" } else { "mark-ready" } node_ref=button
            disabled=move || !ready.get() && !checked.get()
            on:click=move |_| if ready.get_untracked() { studio.mark_draft() } else { mark("") }>
            {move || t(lang.get(), if ready.get() { Msg::MarkDraft } else { Msg::MarkReady })}
        </button>
        {move || refused.get().map(|refusal| {
            let lang = lang.get();
            let errors = match &refusal {
                Refusal::Errors(errors) => errors.clone(),
                Refusal::EmptyBody => Vec::new(),
            };
            let overridable = !errors.is_empty();
            view! {
                <div class="dialog ready" role="dialog" aria-modal="true" aria-labelledby="ready-title" data-testid="ready-dialog"
                    on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                    <h2 id="ready-title">{t(lang, Msg::MarkReady)}</h2>
                    <p role="alert">{refusal.message().get(lang).to_owned()}</p>
                    <ul>{errors.into_iter().map(|d| view! { <li data-rule=d.rule.as_str()>{d.message.get(lang).to_owned()}</li> }).collect_view()}</ul>
                    {overridable.then(|| view! {
                        <label class="field">
                            <span>{t(lang, Msg::ReadyReason)}</span>
                            <input type="text" data-testid="ready-reason" node_ref=reason_box prop:value=reason on:input:target=move |ev| reason.set(ev.target().value()) />
                        </label>
                        <button type="button" class="danger" data-testid="ready-override" disabled=move || reason.with(|r| r.trim().is_empty())
                            on:click=move |_| mark(&reason.get_untracked())>{t(lang, Msg::ReadyAnyway)}</button>
                    })}
                    <button type="button" data-testid="ready-cancel" node_ref=cancel on:click=move |_| close()>{t(lang, Msg::Cancel)}</button>
                </div>
            }
        })}
    }
}
