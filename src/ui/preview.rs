//! The preview pane: the open template as its customers will see it, in
//! the channel's own shape (an e-mail with subject and preheader at desktop
//! or phone width, an SMS bubble with its count, an in-app card, a notice
//! with its header), for one sample profile or all side by side.

use leptos::html::Pre;
use leptos::prelude::*;
use notice_engine::check::{self, Message, RuleId};
use notice_engine::html;
use notice_engine::lang::Lang;
use notice_engine::library::model::Channel;
use notice_engine::protocol::{CheckResponse, Preview, SmsCount};

use crate::ui::i18n::{t, Msg};
use crate::ui::studio::Studio;

#[component]
pub fn PreviewPane(studio: Studio, answer: RwSignal<Option<CheckResponse>>, preview_pre: NodeRef<Pre>) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    let mobile = RwSignal::new(false);
    let all = RwSignal::new(false);
    let channel = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(|t| t.channel).unwrap_or_default()));
    // While a tag is being typed the template does not parse: the last
    // previews that rendered stay, marked stale, instead of a blank pane.
    let shown = Memo::new(move |last: Option<&(Option<String>, Vec<Preview>, bool)>| {
        let id = studio.working.with(|w| w.as_ref().map(|t| t.id.clone()));
        answer.with(|a| {
            let Some(a) = a else { return (id, Vec::new(), false) };
            let unparsed = a.diagnostics.iter().any(|d| d.rule == RuleId::Syntax) && a.previews.iter().all(|p| p.body.is_err());
            match last {
                Some((last_id, kept, _)) if unparsed && *last_id == id && !kept.is_empty() => (id, kept.clone(), true),
                _ => (id, a.previews.clone(), false),
            }
        })
    });
    let previews = Memo::new(move |_| shown.with(|(_, previews, _)| previews.clone()));
    let stale = Memo::new(move |_| shown.with(|(_, _, stale)| *stale));
    // The chosen profile's preview (the first when the choice is gone).
    let chosen = Memo::new(move |_| {
        let profile = studio.profile.get();
        previews.with(|ps| ps.iter().find(|p| Some(&p.profile) == profile.as_ref()).or(ps.first()).cloned())
    });
    // What the view's shape depends on, so that a new answer's text does not rebuild it.
    let profile_count = Memo::new(move |_| previews.with(Vec::len));
    let has_preview = Memo::new(move |_| chosen.with(Option::is_some));
    let names = Memo::new(move |_| previews.with(|ps| ps.iter().filter(|p| !p.synthetic).map(|p| p.profile.clone()).collect::<Vec<_>>()));
    let profile_choice = move || {
        let names = names.get();
        (names.len() > 1).then(|| {
            view! {
                <label>
                    {msg(Msg::ProfileLabel)}
                    <select data-testid="preview-profile" on:change:target=move |ev| studio.select_profile(Some(ev.target().value()))>
                        {names.into_iter().map(|name| {
                            let selected = name.clone();
                            view! { <option value=name.clone() selected=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.profile == selected))>{name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="toggle">
                    <input type="checkbox" data-testid="all-profiles" prop:checked=all on:change:target=move |ev| all.set(ev.target().checked()) />
                    {msg(Msg::AllProfiles)}
                </label>
            }
        })
    };
    view! {
        <div class="preview-controls">
            {profile_choice}
            <Show when=move || channel.get() == Channel::Email>
                <div class="lang-switch" role="group" aria-label=msg(Msg::PreviewWidth)>
                    <button type="button" data-testid="width-desktop" aria-pressed=move || (!mobile.get()).to_string() on:click=move |_| mobile.set(false)>
                        {msg(Msg::Desktop)}
                    </button>
                    <button type="button" data-testid="width-mobile" aria-pressed=move || mobile.get().to_string() on:click=move |_| mobile.set(true)>
                        {msg(Msg::Mobile)}
                    </button>
                </div>
            </Show>
        </div>
        {move || stale.get().then(|| view! { <p class="hint stale" role="status" data-testid="preview-stale">{msg(Msg::PreviewStale)}</p> })}
        // The panes are built again only when their shape changes (another
        // channel, one profile or all); each keystroke's answer updates text.
        {move || {
            let channel = channel.get();
            if all.get() {
                let shown = (0..profile_count.get()).map(|i| {
                    let preview = Memo::new(move |_| previews.with(|ps| ps.get(i).cloned()));
                    message(studio, channel, mobile, preview, None)
                });
                view! { <div class="side-by-side" data-testid="all-previews">{shown.collect_view()}</div> }.into_any()
            } else if !has_preview.get() {
                view! { <p class="hint" data-testid="preview-loading">{t(lang.get(), Msg::EngineLoading)}</p> }.into_any()
            } else {
                message(studio, channel, mobile, chosen, Some(preview_pre)).into_any()
            }
        }}
    }
}

/// One profile's message in the shape of `channel`. `node` marks the text
/// findings in the output are selected in (the single-profile view).
fn message(studio: Studio, channel: Channel, mobile: RwSignal<bool>, preview: Memo<Option<Preview>>, node: Option<NodeRef<Pre>>) -> impl IntoView {
    let lang = studio.lang;
    let field = move |get: fn(&Preview) -> Option<Result<String, Message>>| Memo::new(move |_| preview.with(|p| p.as_ref().and_then(get)));
    // The text a reader sees, and the HTML itself when the body is an HTML e-mail.
    let body = Memo::new(move |_| {
        preview.with(|p| {
            p.as_ref().map(|p| p.body.clone()).unwrap_or(Ok(String::new())).map(|text| html::email_parts(channel, text))
        })
    });
    let is_html = Memo::new(move |_| body.with(|b| matches!(b, Ok((_, Some(_))))));
    let plain = move || body.with(|b| b.as_ref().map(|(plain, _)| plain.clone()).unwrap_or_default());
    let problem = Memo::new(move |_| body.with(|b| b.as_ref().err().cloned()));
    let body_view = move || match problem.get() {
        None => {
            // An HTML e-mail is shown rendered, in a frame that may run nothing
            // and reach nothing of this page, with the text a reader sees beside it.
            let frame = is_html.get().then(|| {
                let html = move || body.with(|b| b.as_ref().ok().and_then(|(_, html)| html.clone()).unwrap_or_default());
                view! { <iframe class="html-preview" sandbox="" srcdoc=html title=move || t(lang.get(), Msg::HtmlPreview) data-testid="preview-html"></iframe> }
            });
            let pre = match node {
                Some(node) => view! { <pre class="preview" data-testid="preview" node_ref=node>{plain}</pre> }.into_any(),
                None => view! { <pre class="preview">{plain}</pre> }.into_any(),
            };
            view! { {frame} {pre} }.into_any()
        }
        Some(problem) => view! { <p class="problem" role="alert" data-testid="preview-error">{move || problem.get(lang.get()).to_owned()}</p> }.into_any(),
    };
    let line = move |class: &'static str, id: &'static str, part: Memo<Option<Result<String, Message>>>| {
        move || {
            part.get().map(|part| match part {
                Ok(text) => view! { <p class=class data-testid=id>{text}</p> }.into_any(),
                Err(problem) => view! { <p class="problem" role="alert">{move || problem.get(lang.get()).to_owned()}</p> }.into_any(),
            })
        }
    };
    // The sender is shown as written: it holds no placeholders.
    let sender = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(|t| t.sender.trim().to_owned()).filter(|s| !s.is_empty())));
    let header = match channel {
        Channel::Email => view! {
            <div class="email-head">
                {move || sender.get().map(|from| view! { <p class="sender" data-testid="preview-sender">{move || t(lang.get(), Msg::SenderLabel)}": "{from}</p> })}
                {line("subject", "preview-subject", field(|p| p.subject.clone()))}
                {line("preheader", "preview-preheader", field(|p| p.preheader.clone()))}
            </div>
        }
        .into_any(),
        Channel::Notice => notice_header(studio).into_any(),
        _ => ().into_any(),
    };
    let sms = Memo::new(move |_| preview.with(|p| p.as_ref().and_then(|p| p.sms)));
    let footer = move || sms.get().map(|count| view! { <p class="sms-count" data-testid="sms-count">{move || sms_count(lang.get(), count)}</p> });
    let class = match channel {
        Channel::Email => "message email",
        Channel::Sms => "message sms",
        Channel::Inapp => "message inapp",
        Channel::Notice => "message notice",
    };
    let profile = Memo::new(move |_| preview.with(|p| p.as_ref().map(|p| p.profile.clone()).unwrap_or_default()));
    view! {
        <article class=class class:mobile=move || mobile.get() data-profile=profile>
            <p class="profile-name">{move || profile.with(|p| check::profile_name(p, lang.get()).to_owned())}</p>
            {header}
            {body_view}
            {footer}
        </article>
    }
}

/// The formal notice's header, from the template's fields.
fn notice_header(studio: Studio) -> impl IntoView {
    let lang = studio.lang;
    let notice = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(|t| t.notice.clone()).unwrap_or_default()));
    let date = |d: Option<notice_engine::time::Date>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned());
    view! {
        <header class="notice-head" data-testid="notice-header">
            <p class="company">{move || notice.with(|n| n.company.clone())}</p>
            <h3>{move || notice.with(|n| n.title.clone())}</h3>
            <p class="hint">
                {move || notice.with(|n| format!(
                    "{} {} · {} {} · {} {}",
                    t(lang.get(), Msg::NoticeVersion), n.version,
                    t(lang.get(), Msg::NoticePublished), date(n.published),
                    t(lang.get(), Msg::NoticeEffective), date(n.effective),
                ))}
            </p>
        </header>
    }
}

/// "71 字 · UCS-2 · 2 条（国内按 71 字计 2 条）" / "71 characters · UCS-2 · 2 parts …".
fn sms_count(lang: Lang, count: SmsCount) -> String {
    let encoding = if count.ucs2 { "UCS-2" } else { "GSM-7" };
    match lang {
        Lang::Zh => format!(
            "{} 字 · {encoding} · {} 条（国内运营商按 {} 字计费，{} 条）",
            count.chars, count.segments, count.china_chars, count.china_segments
        ),
        Lang::En => format!(
            "{} characters · {encoding} · {} part(s) (mainland carriers bill {} characters, {} part(s))",
            count.chars, count.segments, count.china_chars, count.china_segments
        ),
    }
}
