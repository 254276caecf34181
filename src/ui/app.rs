use leptos::prelude::*;
use notice_engine::check::Settings;
use notice_engine::lang::Lang;
use notice_engine::model::{Channel, Purpose, SampleProfile, Shared, Template};
use notice_engine::protocol::{CheckRequest, CheckResponse};
use notice_engine::store::Draft;

use crate::browser::engine::{EngineFailure, EngineWorker};
use crate::browser::{location, storage};
use crate::ui::checks::Checks;
use crate::ui::i18n::{channel_name, purpose_name, starter_draft, t, Msg};

#[component]
pub fn App() -> impl IntoView {
    // `?lang=` wins over the remembered choice, which wins over the browser's.
    let lang = RwSignal::new(
        location::lang_from_url().or_else(storage::load_lang).or_else(location::lang_from_browser).unwrap_or_default(),
    );
    let loaded = storage::load_draft();
    let quarantined = loaded.quarantined.is_some();
    let draft = loaded.draft.unwrap_or_else(|| {
        let (body, sample) = starter_draft(lang.get_untracked());
        Draft { body: body.to_owned(), sample: sample.to_owned(), ..Draft::default() }
    });
    let body = RwSignal::new(draft.body);
    let sample_json = RwSignal::new(draft.sample);
    let channel = RwSignal::new(draft.channel);
    let purpose = RwSignal::new(draft.purpose);

    // Rendering and checking happen in the engine worker; every edit sends
    // the template there and the answer fills the preview and checks.
    let answer = RwSignal::new(None::<CheckResponse>);
    let engine_stopped = RwSignal::new(None::<String>);
    let engine = EngineWorker::spawn(move |result| match result {
        Ok(response) => {
            engine_stopped.set(None);
            answer.set(Some(response));
        }
        Err(EngineFailure::Stopped(why)) => engine_stopped.set(Some(why)),
    });
    let mut seq = 0;
    Effect::new(move |_| {
        seq += 1;
        let template = Template {
            channel: channel.get(),
            purpose: purpose.get(),
            body: body.get(),
            samples: vec![SampleProfile { name: t(lang.get(), Msg::SampleProfileName).to_owned(), data: sample_json.get() }],
            ..Template::default()
        };
        // The foundation slice has no shared schema or settings yet.
        engine.submit(&CheckRequest { seq, template, shared: Shared::default(), settings: Settings::default() });
    });
    let diagnostics = Memo::new(move |_| answer.with(|a| a.as_ref().map(|a| a.diagnostics.clone()).unwrap_or_default()));
    let preview = Memo::new(move |_| answer.with(|a| a.as_ref().and_then(|a| a.previews.first()).map(|p| p.body.clone())));

    // Persistence: every change of the draft is written at once.
    let save_result = RwSignal::new(Ok(()));
    Effect::new(move |_| {
        let draft = Draft { body: body.get(), sample: sample_json.get(), channel: channel.get(), purpose: purpose.get() };
        save_result.set(storage::save_draft(&draft));
    });
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });

    let msg = move |m: Msg| move || t(lang.get(), m);
    let editor = NodeRef::<leptos::html::Textarea>::new();
    let preview_pre = NodeRef::<leptos::html::Pre>::new();

    view! {
        <header class="app-header">
            <div>
                <h1>"Notice Studio"</h1>
                <p class="tagline">{msg(Msg::Tagline)}</p>
            </div>
            <LanguageSwitch lang=lang />
        </header>
        <Show when=move || quarantined>
            <p class="banner warning" role="alert" data-testid="quarantine-notice">{msg(Msg::QuarantinedDraft)}</p>
        </Show>
        <main class="workspace">
            <section class="pane editor-pane">
                <div class="meta">
                    <label>
                        {msg(Msg::ChannelLabel)}
                        <select data-testid="channel" on:change:target=move |ev| {
                            if let Some(c) = Channel::parse(&ev.target().value()) { channel.set(c) }
                        }>
                            {Channel::ALL.into_iter().map(|c| view! {
                                <option value=c.as_str() selected=move || channel.get() == c>{move || channel_name(lang.get(), c)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        {msg(Msg::PurposeLabel)}
                        <select data-testid="purpose" on:change:target=move |ev| {
                            if let Some(p) = Purpose::parse(&ev.target().value()) { purpose.set(p) }
                        }>
                            {[Purpose::Notification, Purpose::Marketing].into_iter().map(|p| view! {
                                <option value=p.as_str() selected=move || purpose.get() == p>{move || purpose_name(lang.get(), p)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <label for="template-body"><h2>{msg(Msg::TemplateHeading)}</h2></label>
                <p class="hint" id="template-hint">{msg(Msg::TemplateHint)}</p>
                <textarea
                    id="template-body"
                    node_ref=editor
                    data-testid="template-body"
                    class="code"
                    spellcheck="false"
                    aria-describedby="template-hint"
                    bind:value=body
                ></textarea>
                <label for="sample-data"><h2>{msg(Msg::SampleHeading)}</h2></label>
                <p class="hint" id="sample-hint">{msg(Msg::SampleHint)}</p>
                <textarea
                    id="sample-data"
                    data-testid="sample-data"
                    class="code sample"
                    spellcheck="false"
                    aria-describedby="sample-hint"
                    bind:value=sample_json
                ></textarea>
            </section>
            <section class="pane preview-pane" aria-live="polite">
                <h2>{msg(Msg::PreviewHeading)}</h2>
                <Show when=move || engine_stopped.with(Option::is_some)>
                    <p class="problem" role="alert" data-testid="engine-stopped">
                        {move || format!("{}{}", t(lang.get(), Msg::EngineStopped), engine_stopped.get().unwrap_or_default())}
                    </p>
                </Show>
                {move || match preview.get() {
                    None => view! { <p class="hint" data-testid="preview-loading">{t(lang.get(), Msg::EngineLoading)}</p> }.into_any(),
                    Some(Ok(text)) => view! { <pre class="preview" data-testid="preview" node_ref=preview_pre>{text}</pre> }.into_any(),
                    Some(Err(problem)) => view! {
                        <p class="problem" role="alert" data-testid="preview-error">{problem.get(lang.get()).to_owned()}</p>
                    }
                    .into_any(),
                }}
                <Checks diagnostics=diagnostics lang=lang body=body editor=editor preview=preview_pre />
                <p class="save-status" data-testid="save-status">
                    {move || match save_result.get() {
                        Ok(()) => t(lang.get(), Msg::Saved).to_owned(),
                        Err(err) => err.message(lang.get()),
                    }}
                </p>
            </section>
        </main>
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
