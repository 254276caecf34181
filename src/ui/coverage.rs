//! The touchpoint coverage view: journey stages × channels, each cell with
//! its templates, so the gaps in a library are seen at a glance.

use leptos::prelude::*;
use notice_engine::library::model::{Channel, Stage};

use crate::ui::i18n::{channel_name, stage_name, t, Msg};
use crate::ui::library::View;
use crate::ui::studio::Studio;

#[component]
pub fn CoverageView(studio: Studio, view: RwSignal<View>) -> impl IntoView {
    let lang = studio.lang;
    let coverage = Memo::new(move |_| studio.library.with(|l| l.coverage()));
    let name_of = move |id: &str| studio.library.with(|l| l.get(id).map(|t| t.name.clone()).unwrap_or_default());
    let cell = move |stage: Stage, channel: Channel| {
        move || {
            let cell = coverage.with(|c| c.cell(stage, channel).clone());
            let state = if !cell.ready.is_empty() {
                "ready"
            } else if !cell.draft.is_empty() {
                "draft"
            } else {
                "empty"
            };
            let links = cell
                .ready
                .into_iter()
                .chain(cell.draft)
                .map(|id| {
                    let name = name_of(&id);
                    view! {
                        <li>
                            <button type="button" class="link" on:click=move |_| {
                                studio.open(&id);
                                view.set(View::Templates);
                            }>{name}</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <td class=format!("cell {state}") data-stage=stage.as_str() data-channel=channel.as_str() data-state=state>
                    <Show when=move || state == "empty">
                        <span class="gap">{move || t(lang.get(), Msg::CoverageEmptyCell)}</span>
                    </Show>
                    <ul>{links}</ul>
                </td>
            }
        }
    };
    view! {
        <section class="pane coverage-pane" aria-labelledby="coverage-heading">
            <h2 id="coverage-heading">{move || t(lang.get(), Msg::CoverageTab)}</h2>
            <p class="hint">{move || t(lang.get(), Msg::CoverageHint)}</p>
            <table class="coverage" data-testid="coverage">
                <thead>
                    <tr>
                        <th scope="col">{move || t(lang.get(), Msg::StageLabel)}</th>
                        {Channel::ALL.into_iter().map(|c| view! { <th scope="col">{move || channel_name(lang.get(), c)}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {Stage::ALL.into_iter().map(|stage| view! {
                        <tr>
                            <th scope="row">{move || stage_name(lang.get(), stage)}</th>
                            {Channel::ALL.into_iter().map(|channel| cell(stage, channel)).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
