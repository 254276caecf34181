//! The touchpoint coverage view: journey stages × channels, each cell with
//! its templates, so the gaps in a library are seen at a glance, and each gap
//! a button that starts its template; templates with no stage in a last row.

use leptos::prelude::*;
use notice_engine::library::model::{Channel, Stage};
use notice_engine::library::CoverageCell;

use crate::ui::i18n::{channel_name, stage_name, t, Msg};
use crate::ui::layout::Layout;
use crate::ui::library::View;
use crate::ui::studio::Studio;

#[component]
pub fn CoverageView(studio: Studio, view: RwSignal<View>, layout: Layout) -> impl IntoView {
    let lang = studio.lang;
    let coverage = Memo::new(move |_| studio.library.with(|l| l.coverage()));
    let name_of = move |id: &str| studio.library.with(|l| l.get(id).map(|t| t.name.clone()).unwrap_or_default());
    // `None`: the row of templates with no stage, where an empty cell is no gap.
    let cell = move |stage: Option<Stage>, channel: Channel| {
        move || {
            let cell: CoverageCell = coverage.with(|c| stage.map_or_else(|| c.unstaged(channel), |s| c.cell(s, channel)).clone());
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
                                layout.edit();
                            }>{name}</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <td class=format!("cell {state}") data-stage=stage.map_or("", Stage::as_str) data-channel=channel.as_str() data-state=state>
                    {(state == "empty" && stage.is_some()).then(|| view! {
                        <button type="button" class="link gap" data-testid="create-in-cell"
                            aria-label=move || {
                                let lang = lang.get();
                                let stage = stage.map_or("", |s| stage_name(lang, s));
                                format!("{}{}{stage} · {}", t(lang, Msg::CoverageCreate), lang.pick("：", ": "), channel_name(lang, channel))
                            }
                            on:click=move |_| {
                                studio.create_for(stage, channel);
                                view.set(View::Templates);
                                layout.edit();
                            }>{move || t(lang.get(), Msg::CoverageCreate)}</button>
                    })}
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
                            {Channel::ALL.into_iter().map(|channel| cell(Some(stage), channel)).collect_view()}
                        </tr>
                    }).collect_view()}
                    <tr data-testid="unstaged">
                        <th scope="row">{move || t(lang.get(), Msg::NoStage)}</th>
                        {Channel::ALL.into_iter().map(|channel| cell(None, channel)).collect_view()}
                    </tr>
                </tbody>
            </table>
        </section>
    }
}
