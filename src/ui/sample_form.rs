//! Sample data as a form: one input per field the template uses, then the
//! rest of the schema folded away, typed from the schema. An edit rewrites the profile's
//! JSON at that path and keeps the rest (`sample::set_in_text`); JSON that
//! does not parse shows its error instead, and stays as typed.

use leptos::html::Input;
use leptos::prelude::*;
use notice_engine::check::Message;
use notice_engine::lang::Lang;
use notice_engine::library::model::{Field, FieldType};
use notice_engine::template::sample::{self, FormFields, SampleError};
use serde_json::{Map, Value};

use crate::ui::i18n::{t, Msg};
use crate::ui::studio::Studio;

type Record = Result<Map<String, Value>, SampleError>;

/// The form of sample data `data`; `write(path, value)` sets a value.
/// `flaws`: what is wrong with a value, by path (`validate`, in the worker).
pub fn sample_form(
    studio: Studio,
    data: Memo<String>,
    skeleton: Memo<String>,
    flaws: Memo<Vec<(String, Message)>>,
    write: impl Fn(String, Value) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = studio.lang;
    let record = Memo::new(move |_| data.with(|d| sample::record(d)));
    let fields = Memo::new(move |_| {
        record.with(|r| {
            let Ok(values) = r else { return FormFields::default() };
            let used = skeleton.with(|s| sample::record(s).unwrap_or_default());
            studio.library.with(|l| sample::form_fields(&l.shared.schema, &used, values))
        })
    });
    // Built again only for a new error (or none), another set of fields or
    // another language, not for each edit; so its texts need no reactivity.
    let error = Memo::new(move |_| record.with(|r| r.as_ref().err().map(|e| format!("{} {}", e.message(lang.get()), t(lang.get(), Msg::FormNeedsJson)))));
    move || {
        let lang = lang.get();
        match error.get() {
            Some(error) => view! { <p class="problem" role="alert" data-testid="sample-form-error">{error}</p> }.into_any(),
            None => view! {
                <div class="sample-form" data-testid="sample-form">
                    <p class="hint" hidden=move || fields.with(|f| !f.used.is_empty() || !f.others.is_empty())>{t(lang, Msg::NoFields)}</p>
                    {move || fields.with(|f| f.used.clone()).into_iter().map(|field| form_row(record, flaws, lang, field, write)).collect_view()}
                    // The rest of the schema, out of the way of what this template needs.
                    {move || {
                        let others = fields.with(|f| f.others.clone());
                        (!others.is_empty()).then(|| view! {
                            <details class="other-fields" data-testid="other-fields">
                                <summary>{format!("{} ({})", t(lang, Msg::OtherFields), others.len())}</summary>
                                {others.into_iter().map(|field| form_row(record, flaws, lang, field, write)).collect_view()}
                            </details>
                        })
                    }}
                </div>
            }
            .into_any(),
        }
    }
}

fn form_row(record: Memo<Record>, flaws: Memo<Vec<(String, Message)>>, lang: Lang, field: Field, write: impl Fn(String, Value) + Copy + Send + Sync + 'static) -> impl IntoView {
    let Field { path, label, kind, sensitive, .. } = field;
    let flaw = {
        let path = path.clone();
        move || flaws.with(|f| f.iter().find(|(p, _)| *p == path).map(|(_, m)| m.get(lang).to_owned()))
    };
    let input = NodeRef::<Input>::new();
    // One effect keeps the input in step with the record. The text is
    // written only when it does not already stand for the value: text being
    // typed ("1.", "a, b,") stays as it is, caret and all. A value a form
    // cannot edit (a record) leaves the input disabled.
    Effect::new({
        let path = path.clone();
        move |_| {
            let Some(el) = input.get() else { return };
            let shown = record.with(|r| r.as_ref().ok().and_then(|r| sample::form_text(sample::value_at(r, &path))));
            el.set_disabled(shown.is_none());
            el.set_title(if shown.is_none() { t(lang, Msg::EditInJson) } else { "" });
            if kind == FieldType::Bool {
                el.set_checked(shown.as_deref() == Some("true"));
            } else if sample::form_value(kind, &el.value()).and_then(|v| sample::form_text(Some(&v))) != shown {
                el.set_value(shown.as_deref().unwrap_or_default());
            }
        }
    });
    let input_type = match kind {
        FieldType::Number => "number",
        FieldType::Bool => "checkbox",
        FieldType::Date => "date",
        FieldType::String | FieldType::List => "text",
    };
    let caption = if label.is_empty() { None } else { Some(label) };
    let code = path.clone();
    view! {
        <label class="form-field">
            <span>
                {caption}" "<code>{code}</code>
                {sensitive.then(|| view! { <span class="badge">{t(lang, Msg::FieldSensitive)}</span> })}
            </span>
            <input type=input_type step=(kind == FieldType::Number).then_some("any") node_ref=input
                on:input:target=move |ev| {
                let el = ev.target();
                let text = if kind == FieldType::Bool { el.checked().to_string() } else { el.value() };
                if let Some(value) = sample::form_value(kind, &text) {
                    write(path.clone(), value);
                }
            } />
            {move || flaw().map(|flaw| view! { <span class="problem" role="alert" data-testid="field-flaw">{flaw}</span> })}
        </label>
    }
}
