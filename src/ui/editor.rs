//! The editor pane: the open template's fields, body and sample profiles,
//! with the library actions on it (duplicate, delete, mark ready) and its
//! history. Every input writes through `Studio::edit`.

use leptos::html::{Details, Pre, Textarea};
use leptos::prelude::*;
use notice_engine::check::{Diagnostic, Origin, Part};
use notice_engine::editor::highlight::{self, Found, Line};
use notice_engine::lang::Lang;
use notice_engine::protocol::CheckResponse;
use notice_engine::template::scan::SegmentKind;
use notice_engine::editor::snippets::{snippet, Section};
use notice_engine::library::model::{Audience, Channel, Purpose, SampleProfile, Stage, Template, SCENARIOS};
use notice_engine::template::sample;
use notice_engine::time::{Date, DateTime};
use notice_engine::editor::undo::Change;

use crate::ui::checks::UndeclaredFields;
use crate::ui::find::{Find, FindBar};
use crate::ui::complete::{Completion, CompletionList};
use crate::ui::insert::insert_at_cursor;
use crate::ui::layout::{Layout, BODY_ID};
use crate::ui::history::HistoryPanel;
use crate::ui::ready::ReadyButton;
use crate::ui::i18n::{audience_name, channel_name, purpose_name, scenario_name, stage_name, status_name, t, Msg};
use crate::ui::sample_form::sample_form;
use crate::ui::schema::SchemaEditor;
use crate::ui::studio::Studio;

#[component]
pub fn EditorPane(
    studio: Studio,
    editor: NodeRef<Textarea>,
    skeleton: Memo<String>,
    diagnostics: Memo<Vec<Diagnostic>>,
    answer: RwSignal<Option<CheckResponse>>,
    checked: Memo<bool>,
    layout: Layout,
) -> impl IntoView {
    let lang = studio.lang;
    let msg = move |m: Msg| move || t(lang.get(), m);
    // Each field reads the template through a memo of its own, so a keystroke
    // in the body does not touch every other field's DOM.
    let read = move |get: fn(&Template) -> String| Memo::new(move |_| studio.working.with(|w| w.as_ref().map(get).unwrap_or_default()));
    let channel = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(|t| t.channel)));
    let status = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(|t| t.status)));
    let guidance = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(|t| t.guidance.clone())));
    // The body's highlighting, line numbers and finding marks, painted under
    // the (transparent) text of the editor and scrolled with it.
    let overlay = NodeRef::<Pre>::new();
    let settings = NodeRef::<Details>::new();
    let completion = Completion::new();
    let sync_scroll = move || {
        if let (Some(area), Some(overlay)) = (editor.get_untracked(), overlay.get_untracked()) {
            overlay.set_scroll_top(area.scroll_top());
        }
    };
    let find = Find::new(studio, editor, overlay);
    // Keyed by position and content, so a keystroke repaints only its own line.
    let painted = move || {
        let marks: Vec<_> = diagnostics.with(|d| {
            d.iter()
                .filter_map(|d| d.location.as_ref().filter(|l| l.part == Part::Body && l.origin == Origin::Source).map(|l| (l.span.range.clone(), d.severity)))
                .collect()
        });
        let current = find.current.get();
        let lines = find.matches.with(|matches| {
            studio.working.with(|w| w.as_ref().map(|t| highlight::lines(&t.body, &marks, matches, current)).unwrap_or_default())
        });
        lines.into_iter().enumerate().collect::<Vec<_>>()
    };
    // The body is written into the editor only when it differs from what the
    // editor holds (an undo, a fix, another tab): setting a 2 KB text on every
    // keystroke would lay the editor out again each time.
    Effect::new(move |_| {
        let body = studio.working.with(|w| w.as_ref().map(|t| t.body.clone())).unwrap_or_default();
        if let Some(area) = editor.get() {
            if area.value() != body {
                area.set_value(&body);
            }
        }
    });
    view! {
        <section class="pane editor-pane" aria-label=msg(Msg::TemplateHeading) on:keydown=move |ev| find.open_on_shortcut(&ev)>
            <div class="toolbar">
                <span class="status" data-testid="status">{move || status.get().map(|s| status_name(lang.get(), s))}</span>
                // The name heads the template like a document's title.
                <input type="text" class="name-input" data-testid="name" aria-label=msg(Msg::NameLabel) placeholder=msg(Msg::NameLabel)
                    prop:value=read(|t| t.name.clone())
                    on:input:target=move |ev| {
                        let value = ev.target().value();
                        studio.edit(|t| t.name = value);
                    } />
                <ReadyButton studio=studio answer=answer checked=checked />
                <button type="button" data-testid="duplicate" on:click=move |_| {
                    studio.duplicate();
                    layout.edit();
                }>{msg(Msg::Duplicate)}</button>
                <button type="button" class="danger" data-testid="delete" on:click=move |_| {
                    if let Some(id) = studio.open_id() {
                        studio.trash(&id);
                    }
                }>{msg(Msg::Delete)}</button>
            </div>
            // What a reader sees first sits with the body; the rest folds away.
            <div class="headline">
                <Show when=move || channel.get() == Some(Channel::Email)>
                    {text_input(studio, Msg::SubjectLabel, "subject", |t| t.subject.clone(), |t, v| t.subject = v)}
                    {text_input(studio, Msg::PreheaderLabel, "preheader", |t| t.preheader.clone(), |t, v| t.preheader = v)}
                </Show>
            </div>
            <details class="template-details" data-testid="template-details" node_ref=settings prop:open=move || layout.settings_open.get()
                on:toggle=move |_| if let Some(settings) = settings.get_untracked() { layout.settings_open.set(settings.open()) }>
                <summary>
                    {msg(Msg::TemplateDetails)}
                    <span class="hint">{move || {
                        let lang = lang.get();
                        studio.working.with(|w| w.as_ref().map(|t| {
                            format!("{} · {} · {}", channel_name(lang, t.channel), purpose_name(lang, t.purpose), t.locale.pick("中文", "English"))
                        }))
                    }}</span>
                </summary>
                <div class="meta">
                    {choice(studio, Msg::ChannelLabel, "channel", &Channel::ALL, |t| t.channel, |t, c| t.channel = c, Channel::as_str, channel_name)}
                    {choice(studio, Msg::PurposeLabel, "purpose", &[Purpose::Notification, Purpose::Marketing], |t| t.purpose, |t, p| t.purpose = p,
                        Purpose::as_str, purpose_name)}
                    {choice(studio, Msg::AudienceLabel, "audience", &[Audience::All, Audience::Business, Audience::Retail], |t| t.audience,
                        |t, a| t.audience = a, audience_as_str, audience_name)}
                    {choice(studio, Msg::LocaleLabel, "locale", &[Lang::Zh, Lang::En], |t| t.locale, |t, l| t.locale = l, Lang::tag, lang_name)}
                    {choice(studio, Msg::StageLabel, "stage", &STAGES, |t| t.stage, |t, s| t.stage = s, stage_as_str, stage_label)}
                    <ScenarioField studio=studio />
                </div>
                {move || {
                    let guidance = guidance.get().filter(|g| !g.frequency.is_empty());
                    guidance.map(|g| {
                        let lang = lang.get();
                        let colon = lang.pick("：", ": ");
                        view! {
                            <p class="hint guidance" data-testid="guidance">
                                {t(lang, Msg::GuidanceFrequency)}{colon}{g.frequency}" · "
                                {t(lang, Msg::GuidanceWindow)}{colon}{g.send_window}" · "
                                {t(lang, Msg::GuidanceLead)}{colon}{g.lead_time}
                            </p>
                        }
                    })
                }}
                {text_input(studio, Msg::TagsLabel, "tags", |t| t.tags.join(", "), |t, v| {
                    t.tags = v.split([',', '，']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
                })}
                <label class="field">
                    <span>{msg(Msg::SendAtLabel)}</span>
                    <input type="datetime-local" data-testid="send-at"
                        prop:value=read(|t| t.send_at.map(|d| d.to_string()).unwrap_or_default())
                        on:change:target=move |ev| {
                            let value = ev.target().value();
                            studio.edit(|t| t.send_at = DateTime::parse(&value));
                        } />
                </label>
                <Show when=move || channel.get() == Some(Channel::Email)>
                    {text_input(studio, Msg::SenderLabel, "sender", |t| t.sender.clone(), |t, v| t.sender = v)}
                </Show>
                <Show when=move || channel.get() == Some(Channel::Notice)>
                    <fieldset class="notice-header">
                        {text_input(studio, Msg::NoticeCompany, "notice-company", |t| t.notice.company.clone(), |t, v| t.notice.company = v)}
                        {text_input(studio, Msg::NoticeTitle, "notice-title", |t| t.notice.title.clone(), |t, v| t.notice.title = v)}
                        {text_input(studio, Msg::NoticeVersion, "notice-version", |t| t.notice.version.clone(), |t, v| t.notice.version = v)}
                        {date_input(studio, Msg::NoticePublished, |t| t.notice.published, |t, d| t.notice.published = d)}
                        {date_input(studio, Msg::NoticeEffective, |t| t.notice.effective, |t, d| t.notice.effective = d)}
                    </fieldset>
                </Show>
            </details>
            <div class="body-head">
                <label for="template-body"><h2>{msg(Msg::TemplateHeading)}</h2></label>
                <p class="hint" id="template-hint">{msg(Msg::TemplateHint)}</p>
            </div>
            <FindBar find=find />
            <div class="code-stack">
                <pre class="code highlight" aria-hidden="true" node_ref=overlay>
                    <For each=painted key=|line| line.clone() children=|(_, line)| paint_line(line) />
                </pre>
                <textarea
                    id=BODY_ID
                    node_ref=editor
                    data-testid="template-body"
                    class="code"
                    on:scroll=move |_| sync_scroll()
                    spellcheck="false"
                    aria-describedby="template-hint"
                    aria-autocomplete="list"
                    aria-controls="completion"
                    aria-activedescendant=move || completion.active_option()
                    on:input:target=move |ev| {
                        let (area, body) = (ev.target(), ev.target().value());
                        studio.edit_body(body.clone(), Change::Typing);
                        completion.update(studio, &area, &body);
                    }
                    on:blur=move |_| completion.close()
                    on:keydown=move |ev| {
                        if completion.on_key(&ev, studio, editor) {
                            return;
                        }
                        // The browser's own undo is lost whenever the page sets the
                        // text (a quick fix, an inserted field), so the studio keeps its own.
                        let key = ev.key().to_lowercase();
                        if !(ev.ctrl_key() || ev.meta_key()) || (key != "z" && key != "y") {
                            return;
                        }
                        ev.prevent_default();
                        if key == "y" || ev.shift_key() { studio.redo_body() } else { studio.undo_body() }
                    }
                ></textarea>
            </div>
            <UndeclaredFields diagnostics=diagnostics checked=checked studio=studio />
            <CompletionList completion=completion studio=studio editor=editor />
            <div class="palettes">
                <FieldPalette studio=studio editor=editor />
                <SectionSnippets studio=studio editor=editor />
            </div>
            <SchemaEditor studio=studio />
            <Samples studio=studio skeleton=skeleton answer=answer />
            <HistoryPanel studio=studio />
        </section>
    }
}

fn paint_line(line: Line) -> impl IntoView {
    let class = match line.mark {
        Some(severity) => format!("line {}", severity.as_str()),
        None => "line".to_owned(),
    };
    let empty = line.pieces.is_empty();
    let pieces = line
        .pieces
        .into_iter()
        .map(|piece| {
            let kind = match piece.kind {
                SegmentKind::Literal => "text",
                SegmentKind::Expression => "expr",
                SegmentKind::Statement => "stmt",
                SegmentKind::Comment => "comment",
            };
            let found = match piece.found {
                Some(Found::Current) => " find-hit find-current",
                Some(Found::Match) => " find-hit",
                None => "",
            };
            let class = match piece.mark {
                Some(severity) => format!("{kind} mark-{}{found}", severity.as_str()),
                None => format!("{kind}{found}"),
            };
            view! { <span class=class>{piece.text}</span> }
        })
        .collect_view();
    // An empty line still takes a line's height.
    view! { <div class=class>{pieces}{empty.then_some("\u{200b}")}</div> }
}

const STAGES: [Option<Stage>; 8] = [
    None,
    Some(Stage::Awareness),
    Some(Stage::Consideration),
    Some(Stage::Purchase),
    Some(Stage::Onboarding),
    Some(Stage::Service),
    Some(Stage::Renewal),
    Some(Stage::WinBack),
];

fn stage_as_str(stage: Option<Stage>) -> &'static str {
    stage.map_or("", Stage::as_str)
}

fn stage_label(lang: Lang, stage: Option<Stage>) -> &'static str {
    stage.map_or_else(|| t(lang, Msg::NoStage), |s| stage_name(lang, s))
}

fn audience_as_str(audience: Audience) -> &'static str {
    match audience {
        Audience::Business => "business",
        Audience::Retail => "retail",
        Audience::All => "all",
    }
}

fn lang_name(_: Lang, locale: Lang) -> &'static str {
    locale.pick("中文", "English")
}

/// A labelled text input bound to one string of the open template.
fn text_input(studio: Studio, label: Msg, id: &'static str, get: fn(&Template) -> String, set: fn(&mut Template, String)) -> impl IntoView {
    let lang = studio.lang;
    view! {
        <label class="field">
            <span>{move || t(lang.get(), label)}</span>
            <input type="text" data-testid=id aria-label=move || t(lang.get(), label)
                prop:value=Memo::new(move |_| studio.working.with(|w| w.as_ref().map(get).unwrap_or_default()))
                on:input:target=move |ev| {
                    let value = ev.target().value();
                    studio.edit(|t| set(t, value));
                } />
        </label>
    }
}

fn date_input(studio: Studio, label: Msg, get: fn(&Template) -> Option<Date>, set: fn(&mut Template, Option<Date>)) -> impl IntoView {
    let lang = studio.lang;
    view! {
        <label class="field">
            <span>{move || t(lang.get(), label)}</span>
            <input type="date"
                prop:value=Memo::new(move |_| studio.working.with(|w| w.as_ref().and_then(get).map(|d| d.to_string()).unwrap_or_default()))
                on:change:target=move |ev| {
                    let value = ev.target().value();
                    studio.edit(|t| set(t, Date::parse(&value)));
                } />
        </label>
    }
}

/// A labelled select over `options`, bound to one field of the open template.
#[allow(clippy::too_many_arguments)]
fn choice<T: Copy + PartialEq + Send + Sync + 'static>(
    studio: Studio,
    label: Msg,
    id: &'static str,
    options: &[T],
    get: fn(&Template) -> T,
    set: fn(&mut Template, T),
    as_str: fn(T) -> &'static str,
    name: fn(Lang, T) -> &'static str,
) -> impl IntoView {
    let lang = studio.lang;
    let current = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(get)));
    let options = options.to_vec();
    let parse = {
        let options = options.clone();
        move |value: &str| options.iter().copied().find(|o| as_str(*o) == value)
    };
    view! {
        <label>
            {move || t(lang.get(), label)}
            <select data-testid=id aria-label=move || t(lang.get(), label) on:change:target=move |ev| {
                if let Some(value) = parse(&ev.target().value()) {
                    studio.edit(|t| set(t, value));
                }
            }>
                {options.into_iter().map(|o| view! {
                    <option value=as_str(o) selected=move || current.get() == Some(o)>
                        {move || name(lang.get(), o)}
                    </option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// The scenario: one of the known ones, or the user's own words.
#[component]
fn ScenarioField(studio: Studio) -> impl IntoView {
    let lang = studio.lang;
    let scenario = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(|t| t.scenario.clone()).unwrap_or_default()));
    let custom = move || scenario.with(|s| !s.is_empty() && !SCENARIOS.contains(&s.as_str()));
    // Choosing "custom" keeps whatever was typed before, or starts empty.
    let custom_chosen = RwSignal::new(false);
    view! {
        <label>
            {move || t(lang.get(), Msg::ScenarioLabel)}
            <select data-testid="scenario" on:change:target=move |ev| {
                let value = ev.target().value();
                custom_chosen.set(value == "custom");
                if value != "custom" {
                    studio.edit(|t| t.scenario = value);
                }
            }>
                <option value="" selected=move || scenario.with(String::is_empty) && !custom_chosen.get()>{move || t(lang.get(), Msg::NoStage)}</option>
                {SCENARIOS.into_iter().map(|s| view! {
                    <option value=s selected=move || scenario.with(|c| c == s)>{move || scenario_name(lang.get(), s)}</option>
                }).collect_view()}
                <option value="custom" selected=move || custom() || custom_chosen.get()>{move || t(lang.get(), Msg::CustomScenario)}</option>
            </select>
        </label>
        <Show when=move || custom() || custom_chosen.get()>
            <input type="text" data-testid="custom-scenario" aria-label=move || t(lang.get(), Msg::CustomScenario)
                prop:value=move || scenario.get()
                on:input:target=move |ev| {
                    let value = ev.target().value();
                    studio.edit(|t| t.scenario = value);
                } />
        </Show>
    }
}

/// Section snippets suited to the channel and the template's language.
#[component]
fn SectionSnippets(studio: Studio, editor: NodeRef<Textarea>) -> impl IntoView {
    let lang = studio.lang;
    let shape = Memo::new(move |_| studio.working.with(|w| w.as_ref().map(|t| (t.channel, t.locale)).unwrap_or_default()));
    let name = |section: Section| match section {
        Section::Greeting => Msg::SectionGreeting,
        Section::Core => Msg::SectionCore,
        Section::Action => Msg::SectionAction,
        Section::Closing => Msg::SectionClosing,
        Section::Contact => Msg::SectionContact,
        Section::OptOut => Msg::SectionOptOut,
    };
    view! {
        <details class="palette" data-testid="section-snippets">
            <summary>{move || t(lang.get(), Msg::InsertSection)}</summary>
            <div class="chips">
                {Section::ALL.into_iter().map(|section| view! {
                    <button type="button" class="chip" on:click=move |_| {
                        let (channel, locale) = shape.get_untracked();
                        insert_at_cursor(studio, editor, snippet(section, channel, locale));
                    }>{move || t(lang.get(), name(section))}</button>
                }).collect_view()}
            </div>
        </details>
    }
}

/// The library's fields: a click puts `{{ path }}` at the cursor in the body.
#[component]
fn FieldPalette(studio: Studio, editor: NodeRef<Textarea>) -> impl IntoView {
    let lang = studio.lang;
    let fields = Memo::new(move |_| studio.library.with(|l| l.shared.schema.fields.iter().map(|f| (f.path.clone(), f.label.clone())).collect::<Vec<_>>()));
    view! {
        <details class="palette" data-testid="field-palette">
            <summary>{move || format!("{} ({})", t(lang.get(), Msg::InsertField), fields.with(Vec::len))}</summary>
            <div class="chips">
                {move || fields.get().into_iter().map(|(path, label)| {
                    let text = path.clone();
                    view! { <button type="button" class="chip" title=label on:click=move |_| insert_at_cursor(studio, editor, &format!("{{{{ {path} }}}}"))>{text}</button> }
                }).collect_view()}
            </div>
        </details>
    }
}

/// The sample profiles the template is previewed with, its own then the
/// library's: choose one, name it, edit its JSON (as text or as a form),
/// add another, share it with every template or make it this one's own.
#[component]
fn Samples(studio: Studio, skeleton: Memo<String>, answer: RwSignal<Option<CheckResponse>>) -> impl IntoView {
    let lang = studio.lang;
    // Each profile's name, with whether it is the library's.
    let names = Memo::new(move |_| {
        studio.library.with(|l| {
            studio.working.with(|w| {
                w.as_ref().map(|t| l.shared.profiles_for(t).enumerate().map(|(i, p)| (p.name.clone(), i >= t.samples.len())).collect::<Vec<_>>())
            })
        })
        .unwrap_or_default()
    });
    let index = Memo::new(move |_| {
        let profile = studio.profile.get();
        names.with(|names| profile.and_then(|p| names.iter().position(|(n, _)| *n == p)).unwrap_or(0))
    });
    let shown = Memo::new(move |_| studio.library.with(|l| studio.working.with(|w| w.as_ref().and_then(|t| l.shared.profiles_for(t).nth(index.get()).cloned()))));
    let shared = Memo::new(move |_| names.with(|names| names.get(index.get()).is_some_and(|(_, shared)| *shared)));
    let field = move |get: fn(&SampleProfile) -> String| Memo::new(move |_| shown.with(|p| p.as_ref().map(get).unwrap_or_default()));
    let t_name = move || t(lang.get_untracked(), Msg::SampleProfileName).to_owned();
    // Adds a profile named "<kind> <n>" holding `data`, and shows it.
    let add_profile = move |kind: Msg, data: String| {
        let name = format!("{} {}", t(lang.get_untracked(), kind), names.with_untracked(Vec::len) + 1);
        studio.edit({
            let name = name.clone();
            move |t| t.samples.push(SampleProfile { name, data })
        });
        studio.select_profile(Some(name));
    };
    let data = field(|p| p.data.clone());
    let field_name = field(|p| p.name.clone());
    // The shown profile's values that fail their field's format, by path.
    let flaws = Memo::new(move |_| {
        let name = field_name.get();
        answer.with(|a| a.as_ref().map(|a| a.flaws.iter().filter(|(profile, ..)| *profile == name).map(|(_, path, flaw)| (path.clone(), flaw.clone())).collect()).unwrap_or_default())
    });
    let as_form = RwSignal::new(false);
    let edit_profile = move |change: Box<dyn FnOnce(&mut SampleProfile)>| {
        if shared.get_untracked() {
            // A library-wide profile: every template sees the change.
            let name = field_name.get_untracked();
            studio.edit_shared(|s| {
                if let Some(profile) = s.profiles.iter_mut().find(|p| p.name == name) {
                    change(profile);
                }
            });
            return;
        }
        let i = index.get_untracked();
        studio.edit(|t| {
            if t.samples.is_empty() {
                t.samples.push(SampleProfile { name: t_name(), data: String::new() });
            }
            if let Some(profile) = t.samples.get_mut(i) {
                change(profile);
            }
        });
    };
    view! {
        <div class="samples">
            <label for="sample-data"><h2>{move || t(lang.get(), Msg::SampleHeading)}</h2></label>
            <div class="meta">
                <label>
                    {move || t(lang.get(), Msg::ProfileToEdit)}
                    <select data-testid="profile" on:change:target=move |ev| studio.select_profile(Some(ev.target().value()))>
                        {move || names.get().into_iter().enumerate().map(|(i, (name, shared))| {
                            let text = if shared { format!("{name} · {}", t(lang.get(), Msg::LibraryProfileMark)) } else { name.clone() };
                            view! { <option value=name selected=move || index.get() == i>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    {move || t(lang.get(), Msg::ProfileNameLabel)}
                    <input type="text" data-testid="profile-name" prop:value=field_name
                        on:change:target=move |ev| {
                            let name = ev.target().value();
                            edit_profile(Box::new({
                                let name = name.clone();
                                move |p| p.name = name
                            }));
                            studio.select_profile(Some(name));
                        } />
                </label>
                <button type="button" data-testid="add-profile" on:click=move |_| {
                    // A copy of the profile shown, to edit into another customer.
                    let data = shown.with_untracked(|p| p.as_ref().map(|p| p.data.clone()));
                    add_profile(Msg::SampleProfileName, data.unwrap_or_else(|| "{}".to_owned()));
                }>{move || t(lang.get(), Msg::AddProfile)}</button>
                <button type="button" data-testid="generate-profile" on:click=move |_| {
                    add_profile(Msg::GeneratedProfile, skeleton.get_untracked());
                }>{move || t(lang.get(), Msg::GenerateProfile)}</button>
                <label class="check">
                    <input type="checkbox" data-testid="profile-shared" prop:checked=shared disabled=move || names.with(Vec::is_empty)
                        on:change:target=move |ev| studio.share_profile(&field_name.get_untracked(), ev.target().checked()) />
                    {move || t(lang.get(), Msg::ShareProfile)}
                </label>
            </div>
            <p class="hint" id="sample-hint">{move || t(lang.get(), Msg::SampleHint)}</p>
            <div class="lang-switch" role="group" aria-label=move || t(lang.get(), Msg::SampleViewLabel)>
                <button type="button" data-testid="sample-view-json" aria-pressed=move || (!as_form.get()).to_string() on:click=move |_| as_form.set(false)>
                    {move || t(lang.get(), Msg::JsonView)}
                </button>
                <button type="button" data-testid="sample-view-form" aria-pressed=move || as_form.get().to_string() on:click=move |_| as_form.set(true)>
                    {move || t(lang.get(), Msg::FormView)}
                </button>
            </div>
            // Hidden, not removed, while the form shows: the text stays as typed.
            <textarea
                id="sample-data"
                data-testid="sample-data"
                class="code sample"
                spellcheck="false"
                aria-describedby="sample-hint"
                hidden=as_form
                prop:value=data
                on:input:target=move |ev| {
                    let value = ev.target().value();
                    edit_profile(Box::new(move |p| p.data = value));
                }
            ></textarea>
            <Show when=move || as_form.get()>
                {sample_form(studio, data, skeleton, flaws, move |path, value| {
                    edit_profile(Box::new(move |p| {
                        if let Ok(data) = sample::set_in_text(&p.data, &path, value) {
                            p.data = data;
                        }
                    }));
                })}
            </Show>
        </div>
    }
}
