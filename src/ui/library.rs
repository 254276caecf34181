//! The library sidebar: search, filters, sort and the template list; the
//! trash; and the switch to the touchpoint coverage view.

use leptos::prelude::*;
use notice_engine::lang::Lang;
use notice_engine::library::{Counts, Filter, SortBy};
use notice_engine::library::model::{Channel, Stage, Status};

use crate::ui::i18n::{channel_name, scenario_name, stage_name, status_name, t, Msg};
use crate::ui::layout::{Layout, SEARCH_ID};
use crate::ui::studio::Studio;
use crate::ui::transfer::Transfer;

/// What the main area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Templates,
    Trash,
    Coverage,
    Gallery,
    Partials,
}

#[component]
pub fn LibraryPane(studio: Studio, view: RwSignal<View>, transfer: RwSignal<Option<Transfer>>, layout: Layout) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    let tab = move |v: View, m: Msg| {
        view! {
            <button type="button" role="tab" aria-selected=move || (view.get() == v).to_string() on:click=move |_| view.set(v)>
                {msg(m)}
            </button>
        }
    };
    let counts = Memo::new(move |_| studio.library.with(|l| l.counts()));
    view! {
        <nav class="pane library-pane" aria-label=msg(Msg::LibraryHeading)>
            <div class="library-top">
                <h2>{msg(Msg::LibraryHeading)}</h2>
                <button type="button" class="primary" data-testid="new-template" on:click=move |_| {
                    view.set(View::Templates);
                    studio.create();
                    layout.edit();
                }>{msg(Msg::NewTemplate)}</button>
            </div>
            <div class="library-transfer">
                <button type="button" data-testid="export" on:click=move |_| transfer.set(Some(Transfer::Export))>{msg(Msg::Export)}</button>
                <button type="button" data-testid="import" on:click=move |_| transfer.set(Some(Transfer::Import))>{msg(Msg::Import)}</button>
                // A page of its own: the editor's first load carries none of the merge.
                <a class="button" href=move || format!("merge/?lang={}", studio.lang.get().tag()) data-testid="mail-merge" on:click=move |_| studio.flush()>{msg(Msg::MailMerge)}</a>
            </div>
            <div class="tabs" role="tablist">
                {tab(View::Templates, Msg::TemplatesTab)}
                {tab(View::Gallery, Msg::GalleryTab)}
                {tab(View::Coverage, Msg::CoverageTab)}
                <button type="button" role="tab" data-testid="partials-tab" aria-selected=move || (view.get() == View::Partials).to_string()
                    on:click=move |_| view.set(View::Partials)>
                    {move || format!("{} ({})", t(lang.get(), Msg::PartialsTab), studio.library.with(|l| l.shared.partials.len()))}
                </button>
                <button type="button" role="tab" data-testid="trash-tab" aria-selected=move || (view.get() == View::Trash).to_string()
                    on:click=move |_| view.set(View::Trash)>
                    {move || format!("{} ({})", t(lang.get(), Msg::TrashTab), counts.with(|c| c.trashed))}
                </button>
            </div>
            {move || match view.get() {
                View::Trash => view! { <TrashList studio=studio /> }.into_any(),
                _ => view! { <TemplateList studio=studio view=view layout=layout /> }.into_any(),
            }}
        </nav>
    }
}

#[component]
fn TemplateList(studio: Studio, view: RwSignal<View>, layout: Layout) -> impl IntoView {
    let lang = studio.lang;
    let text = RwSignal::new(String::new());
    let channel = RwSignal::new(None::<Channel>);
    let scenario = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<Status>);
    let stage = RwSignal::new(None::<Stage>);
    let sort = RwSignal::new(SortBy::Name);
    let counts = Memo::new(move |_| studio.library.with(|l| l.counts()));
    // (id, name, channel, status, override reason, from the gallery) of the listed templates: the list re-renders
    // only when one of these changes, not on every saved keystroke.
    let rows = Memo::new(move |_| {
        let filter = Filter { text: text.get(), channel: channel.get(), scenario: scenario.get(), status: status.get(), stage: stage.get() };
        studio.library.with(|l| {
            l.list(&filter, sort.get())
                .into_iter()
                .map(|t| {
                    let overridden = (!t.ready.reason.is_empty()).then(|| t.ready.reason.clone());
                    (t.id.clone(), t.name.clone(), t.channel, t.status, overridden, t.gallery.is_some())
                })
                .collect::<Vec<_>>()
        })
    });
    let open_id = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(|t| t.id.clone())));
    view! {
        <input type="search" class="search" id=SEARCH_ID data-testid="search" aria-label=move || t(lang.get(), Msg::SearchLabel)
            placeholder=move || t(lang.get(), Msg::Search) prop:value=text on:input:target=move |ev| text.set(ev.target().value()) />
        <div class="filters">
            {enum_filter(lang, counts, channel, Msg::AllChannels, "filter-channel", &Channel::ALL, Channel::as_str, channel_name, |n, c| n.channels.get(c).copied())}
            <select aria-label=move || t(lang.get(), Msg::AllScenarios) data-testid="filter-scenario"
                on:change:target=move |ev| scenario.set(Some(ev.target().value()).filter(|s| !s.is_empty()))>
                <option value="">{move || t(lang.get(), Msg::AllScenarios)}</option>
                {move || counts.with(|n| n.scenarios.iter().map(|(s, count)| {
                    let label = format!("{} ({count})", scenario_name(lang.get(), s));
                    view! { <option value=s.clone()>{label}</option> }
                }).collect_view())}
            </select>
            {enum_filter(lang, counts, status, Msg::AllStatuses, "filter-status", &Status::ALL, Status::as_str, status_name, |n, s| n.statuses.get(s).copied())}
            {enum_filter(lang, counts, stage, Msg::AllStages, "filter-stage", &Stage::ALL, Stage::as_str, stage_name, |n, s| n.stages.get(s).copied())}
            <select aria-label=move || t(lang.get(), Msg::SortLabel) data-testid="sort"
                on:change:target=move |ev| sort.set(if ev.target().value() == "edit" { SortBy::LastEdit } else { SortBy::Name })>
                <option value="name">{move || t(lang.get(), Msg::SortByName)}</option>
                <option value="edit">{move || t(lang.get(), Msg::SortByEdit)}</option>
            </select>
        </div>
        <p class="hint" data-testid="library-count">
            {move || format!("{} / {} {}", rows.with(Vec::len), counts.with(|c| c.active), t(lang.get(), Msg::TemplateCount))}
        </p>
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="hint">{move || t(lang.get(), Msg::NoMatches)}</p>
        </Show>
        <ul class="template-list" data-testid="template-list">
            <For each=move || rows.get() key=|row| row.clone() let((id, name, channel, status, overridden, example))>
                {
                    let current = {
                        let id = id.clone();
                        move || open_id.with(|open| open.as_deref() == Some(id.as_str()))
                    };
                    view! {
                        <li>
                            <button type="button" class="template-item" aria-current=move || current().then_some("true")
                                on:click=move |_| {
                                    view.set(View::Templates);
                                    studio.open(&id);
                                    layout.edit();
                                }>
                                <span class="name">
                                    {move || if name.trim().is_empty() { t(lang.get(), Msg::UntitledTemplate).to_owned() } else { name.clone() }}
                                </span>
                                <span class="tags">
                                    {move || channel_name(lang.get(), channel)} " · " {move || status_name(lang.get(), status)}
                                    // Marked ready despite errors: the reason is a hover away, the fact always shown.
                                    {overridden.map(|reason| view! {
                                        <span class="badge warn" data-testid="ready-overridden" title=reason>{move || t(lang.get(), Msg::ReadyOverridden)}</span>
                                    })}
                                    {example.then(|| view! { <span class="badge">{move || t(lang.get(), Msg::ExampleBadge)}</span> })}
                                </span>
                            </button>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

/// A filter select over the values of an enum, each with its count; the
/// empty first option ("all") clears the filter.
#[allow(clippy::too_many_arguments)]
fn enum_filter<T: Copy + PartialEq + Send + Sync + 'static>(
    lang: RwSignal<Lang>,
    counts: Memo<Counts>,
    chosen: RwSignal<Option<T>>,
    all: Msg,
    id: &'static str,
    values: &[T],
    as_str: fn(T) -> &'static str,
    name: fn(Lang, T) -> &'static str,
    count: fn(&Counts, &T) -> Option<usize>,
) -> impl IntoView {
    let values = values.to_vec();
    let parse = {
        let values = values.clone();
        move |text: &str| values.iter().copied().find(|v| as_str(*v) == text)
    };
    view! {
        <select aria-label=move || t(lang.get(), all) data-testid=id on:change:target=move |ev| chosen.set(parse(&ev.target().value()))>
            <option value="">{move || t(lang.get(), all)}</option>
            {values.into_iter().map(|v| view! {
                <option value=as_str(v)>{move || format!("{} ({})", name(lang.get(), v), counts.with(|n| count(n, &v).unwrap_or(0)))}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn TrashList(studio: Studio) -> impl IntoView {
    let lang = studio.lang;
    let confirming = RwSignal::new(false);
    let rows = Memo::new(move |_| studio.library.with(|l| l.trashed().map(|t| (t.id.clone(), t.name.clone())).collect::<Vec<_>>()));
    view! {
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="hint">{move || t(lang.get(), Msg::TrashEmpty)}</p>
        </Show>
        <ul class="template-list" data-testid="trash-list">
            <For each=move || rows.get() key=|row| row.clone() let((id, name))>
                <li class="trashed">
                    <span class="name">{name}</span>
                    <button type="button" on:click=move |_| studio.restore(&id)>{move || t(lang.get(), Msg::Restore)}</button>
                </li>
            </For>
        </ul>
        <Show when=move || !rows.with(Vec::is_empty)>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="danger" data-testid="empty-trash" on:click=move |_| confirming.set(true)>
                        {move || t(lang.get(), Msg::EmptyTrash)}
                    </button>
                }
            >
                <div class="confirm" role="alertdialog" aria-label=move || t(lang.get(), Msg::EmptyTrash)>
                    <p>{move || t(lang.get(), Msg::EmptyTrashConfirm)}</p>
                    <button type="button" class="danger" data-testid="confirm-empty-trash" on:click=move |_| {
                        confirming.set(false);
                        studio.empty_trash();
                    }>{move || t(lang.get(), Msg::ConfirmDelete)}</button>
                    <button type="button" on:click=move |_| confirming.set(false)>{move || t(lang.get(), Msg::Cancel)}</button>
                </div>
            </Show>
        </Show>
    }
}
