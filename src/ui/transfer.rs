//! Export and import: the dialogs behind the library's "Export" and "Import"
//! buttons. The files worker makes and reads the files (formats, zip,
//! validation) and converts the open template for a sending system; this
//! module picks, reads and downloads them, shows a conversion to copy or why
//! there is none, shows what an import would do, and lets the user settle
//! each clash before anything changes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use notice_engine::check::Message;
use notice_engine::check::Part;
use notice_engine::convert::{Converted, Refusal, Target};
use notice_engine::files::export::Selection;
use notice_engine::files::export::rendered::Output;
use notice_engine::files::import::{self, Action, Contents, Kind, PlanItem, Resolution};
use notice_engine::library::model::Channel;
use notice_engine::protocol::{Common, ExportRequest, FilesRequest, FilesResponse};

use crate::browser::engine::{EngineFailure, EngineWorker, FILES_WORKER};
use crate::browser::files::{self, ReadError};
use crate::browser::selection::utf16_offset;
use crate::ui::i18n::{import_summary, t, Msg};
use crate::ui::layout::{Layout, Pane};
use crate::ui::studio::{now_ms, Studio};

/// Which dialog is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transfer {
    Export,
    Import,
}

/// Where a file job stands.
#[derive(Clone, Debug, PartialEq)]
enum Progress {
    Idle,
    /// Making files, or reading picked ones (what to say).
    Working(Msg),
    /// Files made and handed to the browser to download.
    Made,
    /// An import read and planned, waiting for the user's choices.
    Planned(Contents, Vec<PlanItem>),
    Done(String),
    Failed(String),
}

#[component]
pub fn TransferDialog(studio: Studio, worker: StoredValue<Option<EngineWorker>, LocalStorage>, open: RwSignal<Option<Transfer>>) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    let progress = RwSignal::new(Progress::Idle);
    let converted = RwSignal::new(None::<(Target, Converted)>);
    let close = move || {
        progress.set(Progress::Idle);
        converted.set(None);
        open.set(None);
    };
    let failed = move |why: EngineFailure| {
        let EngineFailure::Stopped(why) = why;
        progress.set(Progress::Failed(format!("{}{why}", t(lang.get_untracked(), Msg::EngineStopped))));
    };
    // The files worker answers only jobs, each to its own callback.
    let run = move |request: FilesRequest, files: Vec<wasm_bindgen::JsValue>, done: Box<dyn FnOnce(FilesResponse, Vec<wasm_bindgen::JsValue>)>| {
        let Ok(request) = serde_json::to_string(&request) else { return };
        worker.update_value(|worker| {
            let worker = worker.get_or_insert_with(|| EngineWorker::spawn(FILES_WORKER, |_| {}));
            worker.run_job(request, files, Box::new(move |answer| match answer {
                Ok((text, files)) => match serde_json::from_str(&text) {
                    Ok(response) => done(response, files),
                    Err(_) => failed(EngineFailure::Stopped(text)),
                },
                Err(why) => failed(why),
            }));
        });
    };
    let export = move |request: ExportRequest| {
        progress.set(Progress::Working(Msg::Preparing));
        run(FilesRequest::Export(request), Vec::new(), Box::new(move |response, contents| match response {
                FilesResponse::Made(Ok(names)) => {
                    for (file, bytes) in names.iter().zip(&contents) {
                        let _ = files::download_contents(&file.name, &file.mime, bytes);
                    }
                    progress.set(Progress::Made);
                }
                FilesResponse::Made(Err(why)) => progress.set(Progress::Failed(why.get(lang.get_untracked()).to_owned())),
                FilesResponse::Imported(_) | FilesResponse::Converted(_) => {}
        }));
    };
    let convert = move |target: Target| {
        studio.flush();
        let Some(template) = studio.working.get_untracked() else { return };
        let common = studio.library.with_untracked(Common::of);
        converted.set(None);
        progress.set(Progress::Working(Msg::Converting));
        run(FilesRequest::Convert { template, common, target }, Vec::new(), Box::new(move |response, _| {
            if let FilesResponse::Converted(result) = response {
                progress.set(Progress::Idle);
                converted.set(Some((target, result)));
                // Below the buttons, off a phone's screen: bring it into view.
                request_animation_frame(|| {
                    if let Some(result) = document().get_element_by_id(CONVERTED_ID) {
                        result.scroll_into_view();
                    }
                });
            }
        }));
    };
    let read = move |list: Vec<web_sys::File>| {
        if list.is_empty() {
            return;
        }
        progress.set(Progress::Working(Msg::Reading));
        spawn_local(async move {
            let lang_now = lang.get_untracked();
            let picked = match files::read_all(list, import::MAX_FILE_BYTES).await {
                Ok(picked) => picked,
                Err(ReadError::TooLarge(file)) => return progress.set(Progress::Failed(format!("{file}{}", t(lang_now, Msg::FileTooLarge)))),
                Err(ReadError::Unreadable(file, why)) => return progress.set(Progress::Failed(format!("{file}: {why}"))),
            };
            let names = picked.iter().map(|p| p.name.clone()).collect();
            let bytes = picked.into_iter().map(|p| p.bytes).collect();
            run(FilesRequest::Import { names }, bytes, Box::new(move |response, _| match response {
                FilesResponse::Imported(Ok(contents)) => {
                    let plan = studio.library.with_untracked(|l| import::plan(l, &contents));
                    progress.set(Progress::Planned(contents, plan));
                }
                FilesResponse::Imported(Err(why)) => progress.set(Progress::Failed(imported_failure(lang.get_untracked(), &why))),
                FilesResponse::Made(_) | FilesResponse::Converted(_) => {}
            }));
        });
    };

    view! {
        <div class="dialog transfer" role="dialog" aria-modal="true" aria-labelledby="transfer-title" data-testid="transfer"
            on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <h2 id="transfer-title">{move || t(lang.get(), if open.get() == Some(Transfer::Import) { Msg::Import } else { Msg::Export })}</h2>
            {move || match open.get() {
                Some(Transfer::Import) => view! { <ImportForm studio=studio progress=progress read=read /> }.into_any(),
                _ => view! { <ExportForm studio=studio export=export convert=convert /> <Converted studio=studio converted=converted progress=progress close=close /> }.into_any(),
            }}
            <div class="transfer-status" role="status" data-testid="transfer-status">
                // One paragraph for every state, so the dialog carries one view type.
                <p class=move || progress.with(|p| if matches!(p, Progress::Failed(_)) { "error" } else { "" })>
                    {move || progress.with(|p| match p {
                        Progress::Idle | Progress::Planned(..) => String::new(),
                        Progress::Working(what) => t(lang.get(), *what).to_owned(),
                        Progress::Made => t(lang.get(), Msg::Downloaded).to_owned(),
                        Progress::Done(text) | Progress::Failed(text) => text.clone(),
                    })}
                </p>
            </div>
            <button type="button" data-testid="transfer-close" on:click=move |_| close()>{msg(Msg::Close)}</button>
        </div>
    }
}

fn imported_failure(lang: notice_engine::lang::Lang, why: &Message) -> String {
    format!("{}{}", t(lang, Msg::ImportFailed), why.get(lang))
}

#[component]
fn ExportForm(studio: Studio, export: impl Fn(ExportRequest) + Copy + Send + Sync + 'static, convert: impl Fn(Target) + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    let selection = RwSignal::new(Selection::All);
    let library = move |zip: bool| {
        let library = studio.library.get_untracked();
        export(ExportRequest::Library { library, selection: selection.get_untracked(), zip, now_ms: now_ms() });
    };
    let open_channel = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(|t| t.channel)));
    let template = move |output: Output| {
        studio.flush();
        let Some(template) = studio.working.get_untracked() else { return };
        let common = studio.library.with_untracked(Common::of);
        export(ExportRequest::Template { template, common, profile: studio.profile.get_untracked(), output, lang: lang.get_untracked(), now_ms: now_ms() });
    };
    let choice = move |value: Selection, label: Msg| view! {
        <label><input type="radio" name="export-selection" prop:checked=move || selection.get() == value on:change=move |_| selection.set(value) />{msg(label)}</label>
    };
    let output = move |kind: Output, label: Msg| view! { <button type="button" on:click=move |_| template(kind)>{msg(label)}</button> };
    view! {
        <fieldset>
            <legend>{msg(Msg::ExportLibraryHeading)}</legend>
            {choice(Selection::All, Msg::SelectionAll)}
            {choice(Selection::Ready, Msg::SelectionReady)}
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| library(true)>{msg(Msg::ExportZip)}</button>
                <button type="button" on:click=move |_| library(false)>{msg(Msg::ExportBundle)}</button>
            </div>
        </fieldset>
        {move || open_channel.get().map(|channel| view! {
            <fieldset>
                <legend>{msg(Msg::ExportTemplateHeading)}</legend>
                <div class="actions">
                    {output(Output::Source, Msg::ExportSource)}
                    {output(Output::Text, Msg::ExportText)}
                    {output(Output::Html, Msg::ExportHtml)}
                    {(channel == Channel::Email).then(|| output(Output::Eml, Msg::ExportEml))}
                    {output(Output::ReportMarkdown, Msg::ExportReportMarkdown)}
                    {output(Output::ReportJson, Msg::ExportReportJson)}
                </div>
            </fieldset>
            <fieldset data-testid="export-for">
                <legend>{msg(Msg::ExportFor)}</legend>
                <p class="hint">{msg(Msg::ExportForHint)}</p>
                <div class="actions">
                    {targets(channel).iter().map(|&target| view! {
                        <button type="button" data-target=target.as_str() on:click=move |_| convert(target)>{move || target.label(lang.get())}</button>
                    }).collect_view()}
                </div>
            </fieldset>
        })}
    }
}

/// The sending systems a channel's templates go to.
fn targets(channel: Channel) -> &'static [Target] {
    match channel {
        Channel::Sms => &[Target::AliyunSms, Target::TencentSms, Target::HuaweiSms],
        _ => &[Target::Liquid, Target::Handlebars],
    }
}

/// A conversion to copy, or why there is none, with the way to its line: the
/// e-mail subject (when it has one) and the body, each on its own.
#[component]
fn Converted(
    studio: Studio,
    converted: RwSignal<Option<(Target, Converted)>>,
    progress: RwSignal<Progress>,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    let layout = use_context::<Layout>();
    // One part: its caption, then the text to copy or the refusal.
    let part = move |part: Part, target: Target, result: Result<String, Refusal>| {
        let caption = move || {
            let lang = lang.get();
            let subject = if part == Part::Subject { format!("{} · ", t(lang, Msg::SubjectLabel)) } else { String::new() };
            format!("{subject}{}{}", target.label(lang), lang.pick("：", ":"))
        };
        let id = if part == Part::Subject { "subject" } else { "body" };
        match result {
            Ok(text) => {
                let copy = {
                    let text = text.clone();
                    move |_| {
                        if let Some(window) = web_sys::window() {
                            let _ = window.navigator().clipboard().write_text(&text);
                            progress.set(Progress::Done(t(lang.get_untracked(), Msg::Copied).to_owned()));
                        }
                    }
                };
                let rows = if part == Part::Subject { "2" } else { "10" };
                view! {
                    <label class="hint">{caption}<textarea class="converted" readonly rows=rows data-testid=format!("converted-{id}") prop:value=text></textarea></label>
                    <div class="actions"><button type="button" class="primary" data-testid=format!("copy-{id}") on:click=copy>{msg(Msg::CopyConverted)}</button></div>
                }.into_any()
            }
            Err(refusal) => {
                // The body's own text: select the construct there.
                let at = refusal.span.clone().filter(|_| part == Part::Body && refusal.partial.is_none());
                let show = at.map(|span| view! {
                    <button type="button" data-testid="show-refusal" on:click=move |_| {
                        let body = studio.working.with_untracked(|w| w.as_ref().map(|t| t.body.clone()).unwrap_or_default());
                        close();
                        if let Some(layout) = layout {
                            layout.pane.set(Pane::Editor);
                        }
                        let range = span.range.clone();
                        // After the dialog has given the focus back to its opener.
                        request_animation_frame(move || select_in_body(&body, range));
                    }>{msg(Msg::ShowInEditor)}</button>
                });
                view! {
                    <p class="hint">{caption}</p>
                    <p class="error" role="alert" data-testid=format!("refusal-{id}")>{move || refusal.text(lang.get())}</p>
                    {show}
                }.into_any()
            }
        }
    };
    view! {
        <div id=CONVERTED_ID class="converted-result">
            {move || converted.get().map(|(target, Converted { subject, body })| view! {
                {subject.map(|subject| part(Part::Subject, target, subject))}
                {part(Part::Body, target, body)}
            })}
        </div>
    }
}

const CONVERTED_ID: &str = "converted-result";

/// Selects `range` of the body in the editor and puts the focus there.
fn select_in_body(body: &str, range: std::ops::Range<usize>) {
    use wasm_bindgen::JsCast;
    let textarea = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(crate::ui::layout::BODY_ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let Some(textarea) = textarea {
        let _ = textarea.focus();
        let _ = textarea.set_selection_range(utf16_offset(body, range.start), utf16_offset(body, range.end));
    }
}

#[component]
fn ImportForm(studio: Studio, progress: RwSignal<Progress>, read: impl Fn(Vec<web_sys::File>) + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        read(files::dropped(&ev));
    };
    view! {
        <p class="hint">{msg(Msg::ImportHint)}</p>
        <div class="drop-zone" class:dragging=dragging data-testid="drop-zone"
            on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <label class="button primary">
                {msg(Msg::ChooseFiles)}
                <input type="file" multiple accept=".json,.zip,.j2,.jinja,.jinja2" data-testid="import-files" class="visually-hidden"
                    on:change:target=move |ev| read(files::take_picked(&ev.target())) />
            </label>
            <span>{msg(Msg::DropFiles)}</span>
        </div>
        {move || match progress.get() {
            Progress::Planned(contents, plan) => view! { <ImportPlan studio=studio progress=progress contents=contents plan=plan /> }.into_any(),
            _ => ().into_any(),
        }}
    }
}

/// What the import would do, one row per thing, and what to do with clashes.
#[component]
fn ImportPlan(studio: Studio, progress: RwSignal<Progress>, contents: Contents, plan: Vec<PlanItem>) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    let policy = RwSignal::new(Resolution::Replace);
    let clashes = plan.iter().any(|item| item.action == Action::Clash);
    let items = plan.len();
    let contents = StoredValue::new(contents);
    let confirm = move |_| {
        let applied = studio.import(contents.get_value(), &vec![policy.get_untracked(); items]);
        progress.set(Progress::Done(import_summary(lang.get_untracked(), applied.added, applied.replaced, applied.skipped, applied.unchanged)));
    };
    let rows = plan.into_iter().map(|item| {
        let kind = match item.kind { Kind::Template => Msg::KindTemplate, Kind::Partial => Msg::KindPartial, Kind::Field => Msg::KindField, Kind::Profile => Msg::KindProfile, Kind::Settings => Msg::KindSettings };
        let action = match item.action { Action::Add => Msg::PlanAdd, Action::Unchanged => Msg::PlanUnchanged, Action::Clash => Msg::PlanClash };
        view! {
            <tr data-action=format!("{:?}", item.action).to_lowercase()>
                <td>{msg(kind)}</td><td>{item.name}</td><td>{msg(action)}</td>
            </tr>
        }
    }).collect_view();
    // Keep both applies to templates; a clashing partial, field or the settings is then replaced.
    let choices = [(Resolution::Replace, Msg::ResolveReplace), (Resolution::KeepBoth, Msg::ResolveKeepBoth), (Resolution::Skip, Msg::ResolveSkip)];
    view! {
        <div class="plan-scroll">
            <table class="import-plan" data-testid="import-plan"><tbody>{rows}</tbody></table>
        </div>
        {clashes.then(|| view! {
            <fieldset class="clash-policy" data-testid="clash-policy">
                <legend>{msg(Msg::EveryClash)}</legend>
                {choices.into_iter().map(|(value, label)| view! {
                    <label><input type="radio" name="clash-policy" value=resolution_value(value) prop:checked=move || policy.get() == value
                        on:change=move |_| policy.set(value) />{msg(label)}</label>
                }).collect_view()}
            </fieldset>
        })}
        <div class="actions">
            <button type="button" class="primary" data-testid="confirm-import" on:click=confirm>{msg(Msg::ConfirmImport)}</button>
            <button type="button" on:click=move |_| progress.set(Progress::Idle)>{msg(Msg::Cancel)}</button>
        </div>
    }
}

fn resolution_value(resolution: Resolution) -> &'static str {
    match resolution {
        Resolution::Replace => "replace",
        Resolution::KeepBoth => "keep-both",
        Resolution::Skip => "skip",
    }
}
