//! The checks panel: the readiness summary and every diagnostic grouped by
//! rule, each a button that takes the cursor to its place, with its quick fix.

use leptos::html::{Pre, Textarea};
use leptos::prelude::*;
use notice_engine::check::{self, Diagnostic, IgnoredFinding, Origin, Part, Readiness, RuleGroup, RuleId};
use notice_engine::convert::sms::Platform;
use notice_engine::library::model::{Channel, Ignore};
use notice_engine::lang::Lang;
use notice_engine::editor::undo::Change;

use crate::browser::selection::{select_text, utf16_offset};
use crate::ui::i18n::{counts, severity_name, t, Msg};
use crate::ui::studio::Studio;

#[component]
pub fn Checks(
    diagnostics: Memo<Vec<Diagnostic>>,
    ignored: Memo<Vec<IgnoredFinding>>,
    studio: Studio,
    editor: NodeRef<Textarea>,
    preview: NodeRef<Pre>,
) -> impl IntoView {
    let lang = studio.lang;
    let readiness = move || diagnostics.with(|d| Readiness::of(d));
    let groups = Memo::new(move |_| diagnostics.with(|d| check::by_rule(d)));
    // Alt+↓ / Alt+↑: the next / previous finding, in the panel's order.
    let current = RwSignal::new(None::<usize>);
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let step: isize = match ev.key().as_str() {
            "ArrowDown" if ev.alt_key() => 1,
            "ArrowUp" if ev.alt_key() => -1,
            _ => return,
        };
        ev.prevent_default();
        let ordered: Vec<Diagnostic> = groups.with_untracked(|g| g.iter().flat_map(|g| g.diagnostics.iter().cloned()).collect());
        if ordered.is_empty() {
            return;
        }
        let len = ordered.len() as isize;
        let next = current.get_untracked().map_or(if step > 0 { 0 } else { len - 1 }, |i| (i as isize + step).rem_euclid(len));
        current.set(Some(next as usize));
        show(&ordered[next as usize], studio, editor, preview);
    });
    on_cleanup(move || handle.remove());
    let is_sms = Memo::new(move |_| studio.working.with(|w| w.as_ref().is_some_and(|t| t.channel == Channel::Sms)));
    let platform = Memo::new(move |_| studio.library.with(|l| l.settings.platform));
    view! {
        <h2 id="checks-heading">{move || t(lang.get(), Msg::ChecksHeading)}</h2>
        // SMS only: the platform's review rules (platform-*) join the checks.
        <Show when=move || is_sms.get()>
            <label class="platform-choice">
                {move || t(lang.get(), Msg::SendingPlatform)}
                <select data-testid="sending-platform" on:change:target=move |ev| studio.set_platform(Platform::parse(&ev.target().value()))>
                    <option value="" prop:selected=move || platform.get().is_none()>{move || t(lang.get(), Msg::NoPlatform)}</option>
                    {Platform::ALL.map(|p| view! {
                        <option value=p.as_str() prop:selected=move || platform.get() == Some(p)>{move || p.label(lang.get())}</option>
                    })}
                </select>
            </label>
        </Show>
        <p class="readiness" data-testid="readiness" class:ready=move || readiness().is_ready()>
            {move || {
                let r = readiness();
                let verdict = t(lang.get(), if r.is_ready() { Msg::Ready } else { Msg::NotReady });
                format!("{verdict} · {}", counts(lang.get(), r.errors, r.warnings, r.infos))
            }}
        </p>
        <Show when=move || diagnostics.with(Vec::is_empty)>
            <p class="hint">{move || t(lang.get(), Msg::NoProblems)}</p>
        </Show>
        // Grouped by rule, the gravest group first (`check::by_rule`); in
        // reading order within a group.
        <div class="diagnostics" data-testid="diagnostics">
            // Keyed by the group, so an answer that changes one rule's findings redraws that group.
            <For each=move || groups.get() key=RuleGroup::clone
                children=move |group| {
                    let RuleGroup { rule, severity, diagnostics } = group;
                    let count = diagnostics.len();
                    view! {
                        <section class="rule-group" data-rule-group=rule.as_str()>
                            <h3 class=format!("group {}", severity.as_str())>
                                {move || format!("{} ({count})", rule.title(lang.get()))}
                                " "<code class="rule">{rule.as_str()}</code>
                            </h3>
                            <ul>
                                {diagnostics.into_iter().map(|d| view! { <DiagnosticItem diagnostic=d studio=studio editor=editor preview=preview /> }).collect_view()}
                            </ul>
                        </section>
                    }
                } />
        </div>
        <Show when=move || !ignored.with(Vec::is_empty)>
            <details class="ignored" data-testid="ignored">
                <summary>{move || format!("{} ({})", t(lang.get(), Msg::IgnoredHeading), ignored.with(Vec::len))}</summary>
                <ul>
                    {move || ignored.get().into_iter().map(|IgnoredFinding { diagnostic, reason }| {
                        let rule = diagnostic.rule.as_str();
                        let anchor = studio.working.with_untracked(|w| w.as_ref().map(|t| check::anchor(t, &diagnostic))).unwrap_or_default();
                        let message = diagnostic.message.clone();
                        view! {
                            <li data-rule=rule>
                                <code class="rule">{rule}</code>" "{move || message.get(lang.get()).to_owned()}
                                <p class="reason">{move || format!("{}{}", t(lang.get(), Msg::IgnoreReason), lang.get().pick("：", ": "))}{reason}</p>
                                <button type="button" class="fix" data-testid="stop-ignoring" on:click=move |_| {
                                    let anchor = anchor.clone();
                                    studio.edit(|t| t.ignored.retain(|i| !(i.rule == rule && i.anchor == anchor)));
                                }>{move || t(lang.get(), Msg::StopIgnoring)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        </Show>
    }
}

/// Under the body: each field the body reads that the schema does not
/// declare (a field just typed, say), with one click to declare it and give
/// the samples a value. Shown only while the check is of the text on screen,
/// so a path is never read from a stale span.
#[component]
pub fn UndeclaredFields(diagnostics: Memo<Vec<Diagnostic>>, checked: Memo<bool>, studio: Studio) -> impl IntoView {
    let lang = studio.lang;
    let paths = Memo::new(move |_| {
        if !checked.get() {
            return Vec::new();
        }
        let mut paths: Vec<String> = Vec::new();
        diagnostics.with(|d| {
            let undeclared = d.iter().filter(|d| d.rule == RuleId::UndefinedVariable && d.location.as_ref().is_some_and(|l| l.part == Part::Body && l.origin == Origin::Source));
            for path in undeclared.filter_map(|d| studio.working.with_untracked(|w| w.as_ref().map(|t| check::anchor(t, d)))) {
                if !paths.contains(&path) {
                    paths.push(path);
                }
            }
        });
        paths
    });
    move || {
        let paths = paths.get();
        (!paths.is_empty()).then(|| view! {
            <ul class="undeclared" data-testid="undeclared-fields">
                {paths.into_iter().map(|path| {
                    let declare = path.clone();
                    view! {
                        <li>
                            {t(lang.get(), Msg::UndeclaredField)}" "<code>{path}</code>" "
                            <button type="button" class="fix" on:click=move |_| studio.declare_field(&declare)>
                                {t(lang.get(), Msg::DeclareField)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    }
}

/// "Ignore here": asks why, then keeps the finding's rule and anchor with the
/// template, so it stays out of the list and the readiness count.
#[component]
fn IgnoreHere(diagnostic: Diagnostic, studio: Studio) -> impl IntoView {
    let lang = studio.lang;
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let confirm = move || {
        let why = reason.get_untracked().trim().to_owned();
        if why.is_empty() {
            return;
        }
        let rule = diagnostic.rule.as_str().to_owned();
        let anchor = studio.working.with_untracked(|w| w.as_ref().map(|t| check::anchor(t, &diagnostic))).unwrap_or_default();
        studio.edit(|t| t.ignored.push(Ignore { rule, anchor, reason: why }));
    };
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class="fix quiet" data-testid="ignore-here" on:click=move |_| asking.set(true)>
                    {move || t(lang.get(), Msg::IgnoreHere)}
                </button>
            }
        >
            <div class="ignore-form">
                <input type="text" data-testid="ignore-reason" aria-label=move || t(lang.get(), Msg::IgnoreReason)
                    placeholder=move || t(lang.get(), Msg::IgnoreReason) prop:value=reason
                    on:input:target=move |ev| reason.set(ev.target().value())
                    on:keydown={
                        let confirm = confirm.clone();
                        move |ev| if ev.key() == "Enter" { confirm() }
                    } />
                <button type="button" class="fix" data-testid="confirm-ignore" disabled=move || reason.with(|r| r.trim().is_empty())
                    on:click={
                        let confirm = confirm.clone();
                        move |_| confirm()
                    }>{move || t(lang.get(), Msg::Ignore)}</button>
                <button type="button" class="fix quiet" on:click=move |_| asking.set(false)>{move || t(lang.get(), Msg::Cancel)}</button>
            </div>
        </Show>
    }
}

#[component]
fn DiagnosticItem(diagnostic: Diagnostic, studio: Studio, editor: NodeRef<Textarea>, preview: NodeRef<Pre>) -> impl IntoView {
    let lang = studio.lang;
    let severity = diagnostic.severity;
    let rule = diagnostic.rule.as_str();
    let place = {
        let diagnostic = diagnostic.clone();
        move || place(lang.get(), &diagnostic)
    };
    let message = {
        let diagnostic = diagnostic.clone();
        move || diagnostic.message.get(lang.get()).to_owned()
    };
    let jump = {
        let diagnostic = diagnostic.clone();
        move |_| show(&diagnostic, studio, editor, preview)
    };
    let fix = diagnostic.fix.clone().filter(|f| f.part == Part::Body).map(|fix| {
        let title = fix.title.clone();
        let apply = move |_| {
            let Some(mut text) = studio.working.with_untracked(|w| w.as_ref().map(|t| t.body.clone())) else { return };
            if fix.range.end <= text.len() && text.is_char_boundary(fix.range.start) && text.is_char_boundary(fix.range.end) {
                text.replace_range(fix.range.clone(), &fix.replacement);
                studio.edit_body(text, Change::Whole);
            }
        };
        view! {
            <button type="button" class="fix" data-testid="apply-fix" on:click=apply>
                {move || {
                    let lang = lang.get();
                    format!("{}{}{}", t(lang, Msg::ApplyFix), lang.pick("：", ": "), title.get(lang))
                }}
            </button>
        }
    });
    // A field nobody declared (just typed, say): one click declares it and
    // gives the samples a value. The finding's span is the path as written.
    let add_field = (diagnostic.rule == RuleId::UndefinedVariable && diagnostic.location.is_some()).then(|| {
        let path = studio.working.with_untracked(|w| w.as_ref().map(|t| check::anchor(t, &diagnostic))).unwrap_or_default();
        view! {
            <button type="button" class="fix" data-testid="declare-field" on:click=move |_| studio.declare_field(&path)>
                {move || t(lang.get(), Msg::DeclareField)}
            </button>
        }
    });
    view! {
        <li class=format!("diagnostic {}", severity.as_str()) data-rule=rule>
            <button type="button" class="jump" on:click=jump>
                <span class="severity">{move || severity_name(lang.get(), severity)}</span>
                <span class="place">{place}</span>
                <span class="message">{message}</span>
            </button>
            {fix}
            {add_field}
            <IgnoreHere diagnostic=diagnostic studio=studio />
        </li>
    }
}

/// Shows where `diagnostic` points: its span selected in the editor, or for
/// rendered output, the preview switched to its profile with the span selected.
fn show(diagnostic: &Diagnostic, studio: Studio, editor: NodeRef<Textarea>, preview: NodeRef<Pre>) {
    let Some(location) = diagnostic.location.as_ref().filter(|l| l.part == Part::Body) else { return };
    let range = location.span.range.clone();
    match location.origin {
        Origin::Source => {
            if let Some(textarea) = editor.get_untracked() {
                let text = studio.working.with_untracked(|w| w.as_ref().map(|t| t.body.clone()).unwrap_or_default());
                let _ = textarea.focus();
                let _ = textarea.set_selection_range(utf16_offset(&text, range.start), utf16_offset(&text, range.end));
            }
        }
        Origin::Output => {
            // The group's location is its first profile's.
            let first = diagnostic.profiles.first().cloned();
            if first.is_some() && first != studio.profile.get_untracked() {
                studio.select_profile(first);
            }
            // After the preview shows that profile.
            request_animation_frame(move || {
                if let Some(pre) = preview.get_untracked() {
                    let text = pre.text_content().unwrap_or_default();
                    let _ = select_text(&pre, utf16_offset(&text, range.start), utf16_offset(&text, range.end));
                }
            });
        }
    }
}

/// Where a finding is, in words: "第 3 行第 5 列", "样例 张三 · 输出第 2 行".
fn place(lang: Lang, d: &Diagnostic) -> String {
    let profile = d.profiles_label(lang);
    let at = d.location.as_ref().map(|l| {
        let subject = l.part == Part::Subject;
        match (lang, l.origin) {
            (Lang::Zh, Origin::Source) => format!("{}第 {} 行第 {} 列", if subject { "主题 " } else { "" }, l.span.line, l.span.column),
            (Lang::En, Origin::Source) => format!("{}line {}, column {}", if subject { "subject " } else { "" }, l.span.line, l.span.column),
            (Lang::Zh, Origin::Output) => format!("输出第 {} 行第 {} 列", l.span.line, l.span.column),
            (Lang::En, Origin::Output) => format!("output line {}, column {}", l.span.line, l.span.column),
        }
    });
    match (profile, at) {
        (Some(p), Some(a)) => format!("{p} · {a}"),
        (Some(p), None) => p,
        (None, Some(a)) => a,
        (None, None) => t(lang, Msg::Whole).to_owned(),
    }
}
