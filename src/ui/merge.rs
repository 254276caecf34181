//! The mail-merge page (`merge.html`, a wasm module of its own, so the
//! editor's first load carries none of it): pick a template of the library
//! and a recipient list, check which field each column fills, merge in the
//! files worker with progress and cancel, filter the results, preview one
//! recipient, download the results CSV (and for e-mail the messages' zip).
//! Recipient data stays in this page's memory; nothing of it is stored
//! unless the user saves the list (one list, `store::MERGE_LIST_KEY`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use notice_engine::check::{Message, RuleId};
use notice_engine::lang::Lang;
use notice_engine::library::Library;
use notice_engine::files::recipients::Fixed;
use notice_engine::library::model::{label_in, Field};
use notice_engine::merge::{self, RowResult, RowStatus, Source, Tally};
use notice_engine::library::model::Channel;
use notice_engine::protocol::{ChunkSummary, Common, FilesRequest, ListSummary, MergeRequest, MergeResponse, RowVerdict};
use notice_engine::library::store::{self, SavedList};
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::engine::{EngineFailure, EngineWorker};
use crate::browser::{files, location, storage};
use crate::ui::history::local_time;
use crate::ui::i18n::channel_name;
use crate::ui::studio::now_ms;

/// The files worker of the editor's build, one folder up.
const WORKER: &str = "../notice-files_loader.js";
/// The largest list read (a list of 100,000 rows is about 10 MB).
const MAX_LIST_BYTES: usize = 100 * 1024 * 1024;
/// Result rows the table shows at once.
const SHOWN_ROWS: usize = 200;

pub fn start() {
    crate::browser::crash::install();
    leptos::mount::mount_to_body(MergePage);
}

/// This page's words, in both languages (kept out of the editor's catalogue).
fn m(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    lang.pick(zh, en)
}

#[derive(Clone, Debug, PartialEq)]
enum State {
    /// Waiting for a list.
    Idle,
    Working(&'static str, &'static str),
    /// A list read, not merged yet.
    Ready,
    Running { done: usize, total: usize, started_ms: i64 },
    /// Finished, cancelled or stopped, with what to say.
    Ended(Message),
    Failed(String),
}

/// What a merge in progress updates, chunk by chunk.
#[derive(Clone, Copy)]
struct Run {
    state: RwSignal<State>,
    rows: RwSignal<Vec<RowVerdict>>,
    tally: RwSignal<Tally>,
    cancelled: StoredValue<bool>,
    /// Each chunk's results as a Blob (the browser keeps Blob data out of the page's heap).
    results: StoredValue<js_sys::Array, LocalStorage>,
    messages: StoredValue<js_sys::Array, LocalStorage>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filter {
    All,
    Status(RowStatus),
    Rule(RuleId),
}

#[component]
fn MergePage() -> impl IntoView {
    let lang = RwSignal::new(location::lang_from_url().or_else(storage::load_lang).or_else(location::lang_from_browser).unwrap_or_default());
    // Read only: this page writes nothing to storage but the list the user saves.
    let loaded = store::load(storage::entries(), lang.get_untracked(), 0, String::new);
    let library: StoredValue<Library> = StoredValue::new(loaded.library);
    let first = library.with_value(|l| loaded.session.open.filter(|id| l.get(id).is_some()).or_else(|| l.active().next().map(|t| t.id.clone())));
    let template_id = RwSignal::new(first.unwrap_or_default());
    let worker = StoredValue::new_local(None::<EngineWorker>);
    let state = RwSignal::new(State::Idle);
    let list = RwSignal::new(None::<ListSummary>);
    // The file name of the list read (saved with it).
    let list_name = StoredValue::new(String::new());
    let mapping = RwSignal::new(Vec::<Option<String>>::new());
    // Campaign-wide values, for fields no column fills.
    let fixed = RwSignal::new(Vec::<Fixed>::new());
    let rows = RwSignal::new(Vec::<RowVerdict>::new());
    let tally = RwSignal::new(Tally::default());
    let filter = RwSignal::new(Filter::All);
    let preview = RwSignal::new(None::<RowResult>);
    let cancelled = StoredValue::new(false);
    let results = StoredValue::new_local(js_sys::Array::new());
    let messages = StoredValue::new_local(js_sys::Array::new());
    let saved = RwSignal::new(storage::read(store::MERGE_LIST_KEY).map(|stored| store::decode_saved_list(&stored)));
    // What saving or deleting the saved list said.
    let saved_note = RwSignal::new(None::<Message>);
    let text = move |zh: &'static str, en: &'static str| move || m(lang.get(), zh, en);
    // Screen readers, and the panic message, go by the page's language.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().tag());
        }
    });
    let template_channel = move || library.with_value(|l| l.get(&template_id.get()).map(|t| t.channel));

    let ask = move |request: MergeRequest, files: Vec<JsValue>, done: Box<dyn FnOnce(MergeResponse, Vec<JsValue>)>| {
        let Ok(request) = serde_json::to_string(&FilesRequest::Merge(request)) else { return };
        worker.update_value(|worker| {
            let worker = worker.get_or_insert_with(|| EngineWorker::spawn(WORKER, |_| {}));
            worker.run_job(request, files, Box::new(move |answer| match answer.map(|(text, files)| (serde_json::from_str(&text), files)) {
                Ok((Ok(response), files)) => done(response, files),
                Ok((Err(_), _)) => state.set(State::Failed(m(lang.get_untracked(), "合并引擎没有应答", "The merge engine did not answer").to_owned())),
                Err(EngineFailure::Stopped(why)) => {
                    state.set(State::Failed(format!("{}{why}", m(lang.get_untracked(), "合并引擎停止了，请重新开始：", "The merge engine stopped; start again: "))))
                }
            }));
        });
    };

    // A list's bytes to the worker, which reads it and guesses the mapping.
    let load = move |name: String, bytes: JsValue| {
        list_name.set_value(name.clone());
        let schema = library.with_value(|l| l.shared.schema.clone());
        ask(MergeRequest::Load { name, schema }, vec![bytes], Box::new(move |response, _| match response {
            MergeResponse::Loaded(Ok(summary)) => {
                mapping.set(summary.mapping.clone());
                list.set(Some(summary));
                state.set(State::Ready);
            }
            MergeResponse::Loaded(Err(why)) => state.set(State::Failed(why.get(lang.get_untracked()).to_owned())),
            _ => {}
        }));
    };
    let forget_list = move || {
        state.set(State::Working("正在读取收件人名单……", "Reading the recipient list…"));
        list.set(None);
        rows.set(Vec::new());
        preview.set(None);
        saved_note.set(None);
    };
    let read = move |picked: Vec<web_sys::File>| {
        let Some(file) = picked.into_iter().next() else { return };
        forget_list();
        spawn_local(async move {
            let lang_now = lang.get_untracked();
            let picked = match files::read_all(vec![file], MAX_LIST_BYTES).await {
                Ok(mut picked) => picked.remove(0),
                Err(files::ReadError::TooLarge(name)) => return state.set(State::Failed(format!("{name}{}", m(lang_now, "：文件超过 100 MB", ": the file is over 100 MB")))),
                Err(files::ReadError::Unreadable(name, why)) => return state.set(State::Failed(format!("{name}: {why}"))),
            };
            load(picked.name, picked.bytes);
        });
    };
    let use_saved = move || {
        let Some(Ok(list)) = saved.get_untracked() else { return };
        forget_list();
        load(list.name, js_sys::Uint8Array::from(list.text.as_bytes()).into());
    };
    let save_list = move || {
        let Some(text) = list.with_untracked(|l| l.as_ref().and_then(|l| l.text.clone())) else { return };
        let kept = SavedList { name: list_name.get_value(), saved_ms: now_ms(), text };
        match storage::write(store::MERGE_LIST_KEY, &store::encode_saved_list(&kept)) {
            Ok(()) => {
                saved.set(Some(Ok(kept)));
                saved_note.set(Some(Message::new("名单已保存在此浏览器中，直到您删除它。", "The list is saved in this browser until you delete it.")));
            }
            Err(storage::SaveError::Full { used_bytes }) => saved_note.set(Some(Message::new(
                format!("浏览器存储空间不足（已用 {} KB），名单未保存；它仍在本页中可用。", used_bytes / 1024),
                format!("The browser's storage has no room for the list ({} KB used), so it was not saved; it is still loaded on this page.", used_bytes / 1024),
            ))),
            Err(storage::SaveError::Unavailable) => saved_note.set(Some(Message::new(
                "浏览器不允许本页保存数据（可能处于隐私模式），名单未保存。",
                "The browser does not let this page save data (private mode?), so the list was not saved.",
            ))),
        }
    };
    let delete_saved = move || {
        storage::remove(store::MERGE_LIST_KEY);
        saved.set(None);
        saved_note.set(Some(Message::new("已从此浏览器中删除保存的名单。", "The saved list is deleted from this browser.")));
    };

    // One chunk's answer: keep its results, show progress, ask for the next.
    fn on_chunk(
        chunk: ChunkSummary,
        blobs: Vec<JsValue>,
        run: Run,
        next: impl FnOnce() + 'static,
    ) {
        let Run { state, rows, tally, cancelled, results, messages } = run;
        for (blob, into) in blobs.iter().zip([results, messages]) {
            if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(blob)) {
                into.with_value(|parts| parts.push(&blob));
            }
        }
        rows.update(|rows| rows.extend(chunk.rows));
        tally.set(chunk.tally);
        let started_ms = match state.get_untracked() {
            State::Running { started_ms, .. } => started_ms,
            _ => now_ms(),
        };
        if let Some(why) = chunk.stopped {
            state.set(State::Ended(why));
        } else if chunk.done >= chunk.total {
            state.set(State::Ended(Message::new("合并完成。", "The merge is done.")));
        } else if cancelled.get_value() {
            state.set(State::Ended(Message::new(format!("已取消：完成 {} / {}。", chunk.done, chunk.total), format!("Cancelled after {} of {}.", chunk.done, chunk.total))));
        } else {
            state.set(State::Running { done: chunk.done, total: chunk.total, started_ms });
            next();
        }
    }
    let signals = Run { state, rows, tally, cancelled, results, messages };
    fn next_chunk(
        ask: impl Fn(MergeRequest, Vec<JsValue>, Box<dyn FnOnce(MergeResponse, Vec<JsValue>)>) + Copy + 'static,
        signals: Run,
        request: MergeRequest,
    ) {
        ask(request, Vec::new(), Box::new(move |response, blobs| {
            if let MergeResponse::Chunk(chunk) = response {
                on_chunk(chunk, blobs, signals, move || next_chunk(ask, signals, MergeRequest::Next));
            }
        }));
    }
    let start = move || {
        let Some(template) = library.with_value(|l| l.get(&template_id.get_untracked()).cloned()) else { return };
        let common = library.with_value(Common::of);
        let fields: Vec<String> = mapping.get_untracked().into_iter().flatten().collect();
        let eml = template.channel == Channel::Email;
        cancelled.set_value(false);
        results.set_value(js_sys::Array::new());
        messages.set_value(js_sys::Array::new());
        rows.set(Vec::new());
        preview.set(None);
        state.set(State::Running { done: 0, total: list.with_untracked(|l| l.as_ref().map_or(0, |l| l.rows)), started_ms: now_ms() });
        let request = MergeRequest::Start {
            template,
            common,
            mapping: mapping.get_untracked(),
            fixed: fixed.get_untracked(),
            fields,
            lang: lang.get_untracked(),
            eml,
            now_ms: now_ms(),
        };
        next_chunk(ask, signals, request);
    };
    let show_row = move |row: usize| {
        ask(MergeRequest::Row { row }, Vec::new(), Box::new(move |response, _| {
            if let MergeResponse::Row(result) = response {
                preview.set(result);
            }
        }));
    };
    let download = move |parts: StoredValue<js_sys::Array, LocalStorage>, name: &str, mime: &str| {
        let blob = parts.with_value(|parts| web_sys::Blob::new_with_blob_sequence(parts));
        if let Ok(blob) = blob {
            let _ = files::download_contents(name, mime, blob.unchecked_ref());
        }
    };

    let shown = Memo::new(move |_| {
        let wanted = filter.get();
        rows.with(|rows| {
            rows.iter()
                .filter(|r| match wanted {
                    Filter::All => true,
                    Filter::Status(status) => r.status == status,
                    Filter::Rule(rule) => r.rules.contains(&rule),
                })
                .take(SHOWN_ROWS)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let fired = Memo::new(move |_| {
        let mut fired: Vec<RuleId> = rows.with(|rows| rows.iter().flat_map(|r| r.rules.iter().copied()).collect());
        fired.sort_unstable();
        fired.dedup();
        fired
    });
    let running = move || matches!(state.get(), State::Running { .. } | State::Working(..));
    let schema_fields = library.with_value(|l| l.shared.schema.fields.clone());
    // Each field the template reads with where its value comes from, and the columns it reads nothing from.
    let sources = Memo::new(move |_| {
        let (mapping, fixed) = (mapping.get(), fixed.get());
        library.with_value(|l| {
            let Some(template) = l.get(&template_id.get()) else { return (Vec::new(), Vec::new()) };
            let (fields, unused) = merge::sources(template, &l.shared, &mapping, &fixed);
            (fields.into_iter().map(|(f, s)| (f.clone(), s)).collect::<Vec<(Field, Source)>>(), unused)
        })
    });

    view! {
        <main class="merge-page">
            <header class="app-header">
                <h1>{text("邮件合并", "Mail merge")}</h1>
                <a href="../" data-testid="back">{text("返回编辑器", "Back to the editor")}</a>
                <button type="button" on:click=move |_| lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })>
                    {move || m(lang.get(), "English", "中文")}
                </button>
            </header>
            <p class="hint" data-testid="privacy">{text(
                "收件人数据只保存在本页内存中，不会离开本页；除非您选择保存名单，否则不会写入浏览器存储，关闭页面即清除。",
                "Recipient data stays in this page's memory and never leaves the page: unless you choose to save the list, nothing of it is written to the browser's storage, and closing the page clears it.",
            )}</p>
            {move || saved.get().map(|kept| match kept {
                Ok(kept) => {
                    let size = kept.text.len().div_ceil(1024);
                    view! {
                        <p class="actions" data-testid="saved-list">
                            <span>{move || format!("{}{} · {size} KB · {}", m(lang.get(), "此浏览器中保存的名单：", "Saved in this browser: "), kept.name, local_time(lang.get(), kept.saved_ms))}</span>
                            <button type="button" data-testid="use-saved-list" disabled=running on:click=move |_| use_saved()>{text("使用这份名单", "Use this list")}</button>
                            <button type="button" data-testid="delete-saved-list" on:click=move |_| delete_saved()>{text("删除", "Delete it")}</button>
                        </p>
                    }.into_any()
                }
                Err(why) => view! {
                    <p class="actions" data-testid="saved-list">
                        <span class="error">{move || why.message(lang.get())}</span>
                        <button type="button" data-testid="delete-saved-list" on:click=move |_| delete_saved()>{text("删除", "Delete it")}</button>
                    </p>
                }.into_any(),
            })}
            {move || saved_note.get().map(|note| view! { <p role="status" data-testid="saved-note">{move || note.get(lang.get()).to_owned()}</p> })}
            <label>
                {text("模板", "Template")}
                <select data-testid="merge-template" on:change:target=move |ev| template_id.set(ev.target().value())>
                    {library.with_value(|l| l.active().map(|t| {
                        let id = t.id.clone();
                        let selected = id == template_id.get_untracked();
                        let (name, channel) = (t.name.clone(), t.channel);
                        view! { <option value=id selected=selected>{move || format!("{name} · {}", channel_name(lang.get(), channel))}</option> }
                    }).collect_view())}
                </select>
            </label>
            <div class="drop-zone" data-testid="merge-drop"
                on:dragover=move |ev| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    read(files::dropped(&ev));
                }>
                <label class="button primary">
                    {text("选择收件人名单（CSV 或 JSON Lines）", "Choose a recipient list (CSV or JSON Lines)")}
                    <input type="file" accept=".csv,.txt,.tsv,.jsonl,.ndjson" data-testid="merge-file" class="visually-hidden"
                        on:change:target=move |ev| read(files::take_picked(&ev.target())) />
                </label>
                <span class="hint">{text("或拖放到这里", "or drop it here")}</span>
            </div>
            {move || list.get().map(|summary| view! {
                <section aria-labelledby="mapping-heading" data-testid="mapping">
                    <h2 id="mapping-heading">{move || format!("{} · {}{}{}", m(lang.get(), "字段对应", "Columns"), summary.rows, m(lang.get(), " 位收件人", " recipients"),
                        if summary.gbk { m(lang.get(), "（GBK 编码）", " (GBK)") } else { "" })}</h2>
                    {if summary.text.is_some() {
                        view! {
                            <p class="actions">
                                <button type="button" data-testid="save-list" on:click=move |_| save_list()>{text("在此浏览器中保存名单", "Save the list in this browser")}</button>
                                <span class="hint">{text("保存后，客户数据会留在此浏览器的存储中，直到您删除它。", "Saved, the customer data stays in this browser's storage until you delete it.")}</span>
                            </p>
                        }.into_any()
                    } else {
                        view! { <p class="hint">{text("超过 1 MB 的名单不能保存在浏览器中。", "Lists over 1 MB cannot be saved in the browser.")}</p> }.into_any()
                    }}
                    <ul class="unread" data-testid="unread">
                        {summary.unread.iter().map(|why| { let why = why.clone(); view! { <li>{move || why.get(lang.get()).to_owned()}</li> } }).collect_view()}
                    </ul>
                    <FieldSources lang=lang sources=sources fixed=fixed columns=summary.columns.clone() />
                    <h3>{text("每一列填入的字段", "The field each column fills")}</h3>
                    <table>
                        <tbody>
                            {summary.columns.iter().enumerate().map(|(i, column)| {
                                let fields = schema_fields.clone();
                                let current = mapping.with_untracked(|m| m.get(i).cloned().flatten());
                                view! {
                                    <tr>
                                        <th scope="row">{column.clone()}</th>
                                        <td>
                                            <select aria-label=column.clone() data-testid="column-field" on:change:target=move |ev| {
                                                let value = ev.target().value();
                                                mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = (!value.is_empty()).then_some(value) });
                                            }>
                                                <option value="" selected=current.is_none()>{move || m(lang.get(), "（不使用）", "(not used)")}</option>
                                                {current.iter().filter(|c| !fields.iter().any(|f| &f.path == *c)).map(|c| view! { <option value=c.clone() selected=true>{c.clone()}</option> }).collect_view()}
                                                // By label, the path beside it: a 截止日期 column shows which date field it fills.
                                                {fields.into_iter().map(|f| {
                                                    let selected = current.as_deref() == Some(f.path.as_str());
                                                    let value = f.path.clone();
                                                    view! { <option value=value selected=selected>{move || format!("{} · {}", label_in(&f.label, &f.path, lang.get()), f.path)}</option> }
                                                }).collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            })}
            <div class="actions">
                <button type="button" class="primary" data-testid="merge-start" disabled=move || running() || list.with(Option::is_none) on:click=move |_| start()>
                    {text("开始合并", "Start the merge")}
                </button>
                <button type="button" data-testid="merge-cancel" disabled=move || !running() on:click=move |_| cancelled.set_value(true)>
                    {text("取消", "Cancel")}
                </button>
            </div>
            <div role="status" data-testid="merge-status">
                {move || match state.get() {
                    State::Running { done, total, started_ms } => {
                        let rate = (done as i64 * 1000).checked_div(now_ms() - started_ms).unwrap_or(0);
                        view! {
                            <progress max=total.to_string() value=done.to_string() data-testid="merge-progress"></progress>
                            <span>{format!("{done} / {total} · {rate} {}", m(lang.get(), "行/秒", "rows/s"))}</span>
                        }.into_any()
                    }
                    State::Working(zh, en) => view! { <span>{m(lang.get(), zh, en)}</span> }.into_any(),
                    State::Ended(why) => view! { <span>{why.get(lang.get()).to_owned()}</span> }.into_any(),
                    State::Failed(why) => view! { <span class="error">{why}</span> }.into_any(),
                    State::Idle | State::Ready => ().into_any(),
                }}
            </div>
            <Show when=move || !rows.with(Vec::is_empty)>
                <section aria-labelledby="results-heading" data-testid="merge-results">
                    <h2 id="results-heading">{move || tally.with(|t| format!("{} · {} {} · {} {} · {} {}", m(lang.get(), "结果", "Results"),
                        t.ok, m(lang.get(), "正常", "ok"), t.warning, m(lang.get(), "警告", "warnings"), t.error, m(lang.get(), "错误", "errors")))}</h2>
                    <div class="actions">
                        <label>
                            {text("筛选", "Show")}
                            <select data-testid="merge-filter" on:change:target=move |ev| {
                                let value = ev.target().value();
                                filter.set(match value.as_str() {
                                    "" => Filter::All,
                                    "errors" => Filter::Status(RowStatus::Error),
                                    "warnings" => Filter::Status(RowStatus::Warning),
                                    rule => RuleId::parse(rule).map_or(Filter::All, Filter::Rule),
                                });
                            }>
                                <option value="">{text("全部", "All rows")}</option>
                                <option value="errors">{text("只看错误", "Errors only")}</option>
                                <option value="warnings">{text("只看警告", "Warnings only")}</option>
                                {move || fired.get().into_iter().map(|rule| view! { <option value=rule.as_str()>{rule.as_str()}</option> }).collect_view()}
                            </select>
                        </label>
                        <button type="button" data-testid="merge-download" on:click=move |_| download(results, "merge-results.csv", "text/csv;charset=utf-8")>
                            {text("下载结果 CSV", "Download results (CSV)")}
                        </button>
                        <Show when=move || template_channel() == Some(Channel::Email)>
                            <button type="button" data-testid="merge-download-eml" on:click=move |_| download(messages, "merge-messages.zip", "application/zip")>
                                {text("下载邮件（.eml 压缩包）", "Download the e-mails (.eml zip)")}
                            </button>
                        </Show>
                    </div>
                    <table data-testid="merge-rows">
                        <thead><tr>
                            <th scope="col">{text("行", "Row")}</th><th scope="col">{text("文件行号", "Line")}</th>
                            <th scope="col">{text("收件人", "Recipient")}</th>
                            <th scope="col">{text("状态", "Status")}</th><th scope="col">{text("规则", "Rules")}</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || shown.get() key=|r| r.row let:r>
                                <tr data-status=r.status.as_str()>
                                    <td><button type="button" class="link" on:click=move |_| show_row(r.row)>{r.row}</button></td>
                                    <td>{r.line}</td>
                                    <td>{r.recipient.clone()}</td>
                                    <td>{move || match r.status {
                                        RowStatus::Ok => m(lang.get(), "正常", "ok"),
                                        RowStatus::Warning => m(lang.get(), "警告", "warning"),
                                        RowStatus::Error => m(lang.get(), "错误", "error"),
                                    }}</td>
                                    <td>{r.rules.iter().map(|rule| rule.as_str()).collect::<Vec<_>>().join(" ")}</td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </section>
            </Show>
            {move || preview.get().map(|r| view! {
                <section aria-labelledby="recipient-heading" data-testid="merge-preview">
                    <h2 id="recipient-heading">{move || format!("{} {}", m(lang.get(), "收件人", "Recipient"), r.row)}</h2>
                    {r.subject.clone().map(|s| view! { <p><strong>{s}</strong></p> })}
                    <pre class="message">{r.body.clone().unwrap_or_default()}</pre>
                    <ul>{r.problems.iter().map(|p| { let p = p.clone(); view! { <li>{move || p.message(lang.get())}</li> } }).collect_view()}</ul>
                    <ul>{r.diagnostics.iter().map(|d| { let d = d.clone(); view! { <li data-rule=d.rule.as_str()>{move || format!("{}: {}", d.rule.as_str(), d.message.get(lang.get()))}</li> } }).collect_view()}</ul>
                </section>
            })}
        </main>
    }
}

/// Before the merge: each field the template reads, by label, with the column
/// that fills it, or else a campaign-wide value to type and, until there is
/// one, the warning that every message would go without it.
#[component]
fn FieldSources(lang: RwSignal<Lang>, sources: Memo<(Vec<(Field, Source)>, Vec<usize>)>, fixed: RwSignal<Vec<Fixed>>, columns: Vec<String>) -> impl IntoView {
    // Keyed by field and column, so typing a value does not rebuild its row.
    let rows = move || sources.with(|(fields, _)| {
        fields.iter().map(|(f, s)| (f.clone(), if let Source::Column(i) = s { Some(*i) } else { None })).collect::<Vec<_>>()
    });
    let names = columns.clone();
    let unused = move || sources.with(|(_, unused)| {
        let unused: Vec<&str> = unused.iter().filter_map(|&i| names.get(i).map(String::as_str)).collect();
        (!unused.is_empty()).then(|| merge::unread_columns(&unused))
    });
    view! {
        <h3 id="sources-heading">{move || m(lang.get(), "模板用到的字段", "The fields the template reads")}</h3>
        <table data-testid="field-sources" aria-labelledby="sources-heading">
            <tbody>
                <For each=rows key=|(f, column)| (f.path.clone(), *column) children=move |(field, column)| {
                    let path = field.path.clone();
                    let label = field.label.clone();
                    let source = match column {
                        Some(i) => {
                            let name = columns.get(i).cloned().unwrap_or_default();
                            view! { <span data-testid="source-column">{move || format!("{}“{name}”", m(lang.get(), "列", "column "))}</span> }.into_any()
                        }
                        None => {
                            let (typed, warned) = (path.clone(), path.clone());
                            let warning = move || sources.with(|(fields, _)| {
                                fields.iter().find(|(f, _)| f.path == warned).and_then(|(f, s)| s.warning(f)).map(|w| w.get(lang.get()).to_owned())
                            });
                            let (label, path) = (label.clone(), path.clone());
                            view! {
                                <input type="text" data-testid="fixed-value"
                                    aria-label=move || format!("{}{}", label_in(&label, &path, lang.get()), m(lang.get(), "：统一值", ": campaign-wide value"))
                                    placeholder=move || m(lang.get(), "统一值（每位收件人相同）", "One value for every recipient")
                                    on:input:target=move |ev| {
                                        let value = ev.target().value();
                                        fixed.update(|all| {
                                            all.retain(|f| f.path != typed);
                                            if !value.trim().is_empty() {
                                                all.push(Fixed { path: typed.clone(), value });
                                            }
                                        });
                                    } />
                                <p class="error" data-testid="source-warning">{warning}</p>
                            }.into_any()
                        }
                    };
                    let row_path = field.path.clone();
                    view! {
                        <tr data-path=row_path>
                            <th scope="row">{move || label_in(&field.label, &field.path, lang.get()).to_owned()}" "<code>{path.clone()}</code></th>
                            <td>{source}</td>
                        </tr>
                    }
                } />
            </tbody>
        </table>
        {move || unused().map(|why| view! { <p class="hint" data-testid="unused-columns">{move || why.get(lang.get()).to_owned()}</p> })}
    }
}
