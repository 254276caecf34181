//! The shared partials (contact lines, signatures, opt-outs) that templates
//! include: each listed with how many templates include it; one open to
//! edit and rename (its includes follow), with the templates that use it.
//! An edit reaches the checks of the open template at once (it is part of
//! what the engine worker is sent), and each including template's verdict
//! beside its name a moment after typing stops.

use std::time::Duration;

use leptos::prelude::*;
use notice_engine::protocol::{Common, IncluderVerdict, IncludersRequest, Request, Response};

use crate::browser::engine::EngineWorker;
use crate::ui::i18n::{counts, t, Msg};
use crate::ui::layout::Layout;
use crate::ui::library::View;
use crate::ui::studio::Studio;

#[component]
pub fn PartialsView(studio: Studio, view: RwSignal<View>, layout: Layout, engine: StoredValue<EngineWorker, LocalStorage>) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    // Each partial's name with how many templates include it.
    let partials = Memo::new(move |_| {
        studio.library.with(|l| l.partial_use_counts().into_iter().map(|(name, count)| (name.clone(), count)).collect::<Vec<_>>())
    });
    let chosen = RwSignal::new(partials.with_untracked(|p| p.first().map(|(name, _)| name.clone())));
    let text = Memo::new(move |_| chosen.with(|c| c.as_ref().and_then(|c| studio.library.with(|l| l.shared.partials.get(c).cloned()))));
    let users = Memo::new(move |_| {
        chosen.with(|c| c.as_ref().map(|c| studio.library.with(|l| l.partial_users(c).iter().map(|t| (t.id.clone(), t.name.clone())).collect::<Vec<_>>())))
    });
    let new_name = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<notice_engine::library::PartialNameProblem>);
    let rename = move || {
        let Some(old) = chosen.get_untracked() else { return };
        let new = new_name.get_untracked();
        match studio.rename_partial(&old, &new) {
            Ok(()) => {
                chosen.set(Some(new.trim().to_owned()));
                problem.set(None);
            }
            Err(why) => problem.set(Some(why)),
        }
    };
    Effect::new(move |_| new_name.set(chosen.get().unwrap_or_default()));
    let verdicts = includer_verdicts(studio, users, engine);
    view! {
        <section class="pane partials-pane" aria-labelledby="partials-heading" data-testid="partials">
            <h2 id="partials-heading">{msg(Msg::PartialsTab)}</h2>
            <p class="hint">{msg(Msg::PartialsHint)}</p>
            <ul class="partial-list" data-testid="partial-list">
                <For each=move || partials.get() key=|p| p.clone() let((name, count))>
                    {
                        let current = name.clone();
                        let label = name.clone();
                        view! {
                            <li>
                                <button type="button" class="template-item" aria-current=move || chosen.with(|c| c.as_deref() == Some(current.as_str())).then_some("true")
                                    on:click=move |_| chosen.set(Some(name.clone()))>
                                    <code>{label}</code>
                                    <span class="tags">{move || format!("{} {count}", t(lang.get(), Msg::PartialUsedBy))}</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || chosen.get().map(|_| view! {
                <div class="partial-editor">
                    <div class="add-field">
                        <input type="text" data-testid="partial-name" aria-label=msg(Msg::PartialName) prop:value=move || new_name.get()
                            on:input:target=move |ev| new_name.set(ev.target().value())
                            on:keydown=move |ev| if ev.key() == "Enter" { rename() } />
                        <button type="button" data-testid="rename-partial" on:click=move |_| rename()>{msg(Msg::RenamePartial)}</button>
                    </div>
                    {move || problem.get().map(|why| view! { <p class="problem" role="alert" data-testid="partial-problem">{why.message(lang.get())}</p> })}
                    <textarea class="code partial-text" data-testid="partial-text" spellcheck="false" aria-label=msg(Msg::PartialText)
                        prop:value=move || text.get().unwrap_or_default()
                        on:input:target=move |ev| {
                            let (Some(name), value) = (chosen.get_untracked(), ev.target().value()) else { return };
                            studio.edit_shared(|shared| {
                                shared.partials.insert(name, value);
                            });
                        }></textarea>
                    <h3>{msg(Msg::PartialUsers)}</h3>
                    <ul data-testid="partial-users">
                        {move || users.get().unwrap_or_default().into_iter().map(|(id, name)| {
                            let verdict = {
                                let id = id.clone();
                                move || {
                                    let lang = lang.get();
                                    let (class, text) = verdicts.with(|v| match v.as_ref().map(|v| v.iter().find(|v| v.id == id)) {
                                        None => Some(("verdict", t(lang, Msg::CheckingPartial).to_owned())),
                                        Some(None) => None,
                                        Some(Some(v)) if v.readiness.is_ready() => Some(("verdict ready", t(lang, Msg::Ready).to_owned())),
                                        Some(Some(IncluderVerdict { readiness: r, first_error, .. })) => {
                                            let why = first_error.as_ref().map(|m| format!(" · {}", m.get(lang))).unwrap_or_default();
                                            Some(("verdict not-ready", counts(lang, r.errors, r.warnings, r.infos) + &why))
                                        }
                                    })?;
                                    Some(view! { <span class=class>{text}</span> })
                                }
                            };
                            view! {
                                <li data-testid="partial-user">
                                    <button type="button" class="link" on:click=move |_| {
                                        studio.open(&id);
                                        view.set(View::Templates);
                                        layout.edit();
                                    }>{name}</button>" "{verdict}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {move || users.with(|u| u.as_ref().is_some_and(Vec::is_empty)).then(|| view! { <p class="hint" data-testid="no-partial-users">{msg(Msg::NoPartialUsers)}</p> })}
                </div>
            })}
        </section>
    }
}

/// The chosen partial's including templates (`users`: id and name), checked
/// in the engine worker with the partials as they now read; `None` while that
/// check is under way, so no verdict of an earlier text is shown as the current one.
fn includer_verdicts(
    studio: Studio,
    users: Memo<Option<Vec<(String, String)>>>,
    engine: StoredValue<EngineWorker, LocalStorage>,
) -> RwSignal<Option<Vec<IncluderVerdict>>> {
    // Typing in the partial asks once it pauses, not per keystroke.
    const PAUSE: Duration = Duration::from_millis(300);
    let verdicts = RwSignal::new(None);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let asked = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let Some(request) = users.with(|users| {
            let users = users.as_ref()?;
            Some(studio.library.with(|l| IncludersRequest {
                templates: users.iter().filter_map(|(id, _)| l.get(id).cloned()).collect(),
                common: Common::of(l),
            }))
        }) else {
            return;
        };
        let generation = asked.get_value() + 1;
        asked.set_value(generation);
        verdicts.set(None);
        if let Some(earlier) = timer.get_value() {
            earlier.clear();
        }
        let ask = move || {
            let Ok(text) = serde_json::to_string(&Request::CheckIncluders(request)) else { return };
            let answered = Box::new(move |answer: Result<(String, Vec<wasm_bindgen::JsValue>), _>| {
                // A later edit or a closed view wants no answer to this one.
                if asked.try_get_value() != Some(generation) {
                    return;
                }
                if let Some(Ok(Response::Includers(answer))) = answer.ok().map(|(text, _)| serde_json::from_str(&text)) {
                    verdicts.try_set(Some(answer));
                }
            });
            engine.with_value(|engine| engine.run_job(text, Vec::new(), answered));
        };
        timer.set_value(set_timeout_with_handle(ask, PAUSE).ok());
    });
    on_cleanup(move || {
        if let Some(pending) = timer.try_get_value().flatten() {
            pending.clear();
        }
    });
    verdicts
}
