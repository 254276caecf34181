//! The library's field schema, edited in place: one row per field (path,
//! label, type, required, format, sensitive, example), add and delete. A path
//! is saved only when it is valid; every write goes through `Studio::edit_shared`.

use leptos::prelude::*;
use notice_engine::lang::Lang;
use notice_engine::library::model::{Field, FieldFormat, FieldSchema, FieldType, PathProblem};

use crate::ui::i18n::{field_format_name, field_type_name, of_field, path_problem_text, t, Msg};
use crate::ui::studio::Studio;

const FORMATS: [Option<FieldFormat>; 9] = [
    None,
    Some(FieldFormat::Phone),
    Some(FieldFormat::Mobile),
    Some(FieldFormat::Email),
    Some(FieldFormat::Date),
    Some(FieldFormat::Url),
    Some(FieldFormat::IdNumber),
    Some(FieldFormat::BankCard),
    Some(FieldFormat::Amount),
];

const COLUMNS: [Msg; 7] =
    [Msg::FieldPath, Msg::FieldLabel, Msg::FieldTypeLabel, Msg::FieldRequired, Msg::FieldFormatLabel, Msg::FieldSensitive, Msg::FieldExample];

#[component]
pub fn SchemaEditor(studio: Studio) -> impl IntoView {
    let lang = studio.lang;
    let count = Memo::new(move |_| studio.library.with(|l| l.shared.schema.fields.len()));
    // The panel is built only while open (a library has dozens of fields),
    // and again for another language, so its texts need no reactivity.
    let open = RwSignal::new(false);
    let new_path = RwSignal::new(String::new());
    let new_problem = RwSignal::new(None::<PathProblem>);
    let add = move || {
        let path = new_path.get_untracked();
        let problem = studio.library.with_untracked(|l| l.shared.schema.path_problem(None, &path));
        new_problem.set(problem);
        if problem.is_none() {
            studio.edit_shared(|s| s.schema.fields.push(Field { path, ..Field::default() }));
            new_path.set(String::new());
        }
    };
    let panel = move || {
        let lang = lang.get();
        open.get().then(|| view! {
            <p class="hint">{t(lang, Msg::SchemaHint)}</p>
            <div class="schema-table">
                <table data-testid="schema-fields">
                    <thead>
                        <tr>{COLUMNS.into_iter().map(|m| view! { <th scope="col">{t(lang, m)}</th> }).collect_view()}<td></td></tr>
                    </thead>
                    <tbody>{move || (0..count.get()).map(|i| field_row(studio, lang, i)).collect_view()}</tbody>
                </table>
            </div>
            <form class="add-field" on:submit=move |ev| {
                ev.prevent_default();
                add();
            }>
                <input type="text" id="new-field-path" data-testid="new-field-path" aria-label=t(lang, Msg::NewFieldPath) placeholder=t(lang, Msg::NewFieldPath)
                    aria-describedby="new-field-problem" aria-invalid=move || new_problem.with(Option::is_some).to_string()
                    prop:value=new_path on:input:target=move |ev| {
                        new_path.set(ev.target().value());
                        new_problem.set(None);
                    } />
                <button type="submit" data-testid="add-field">{t(lang, Msg::AddField)}</button>
            </form>
            {problem_note(lang, "new-field-problem".to_owned(), new_problem)}
        })
    };
    view! {
        <details class="palette schema" data-testid="schema-editor" on:toggle:target=move |ev| open.set(ev.target().open())>
            <summary>{move || format!("{} ({})", t(lang.get(), Msg::SchemaHeading), count.get())}</summary>
            {panel}
        </details>
    }
}

/// Why the value beside it was not saved, while it was not.
fn problem_note(lang: Lang, id: String, problem: RwSignal<Option<PathProblem>>) -> impl IntoView {
    view! {
        <p class="problem" id=id.clone() data-testid=id role="alert" hidden=move || problem.with(Option::is_none)>
            {move || problem.get().map(|p| path_problem_text(lang, p))}
        </p>
    }
}

/// The row of field `i`; after a delete the rows are built again, so `i` stays its index.
fn field_row(studio: Studio, lang: Lang, i: usize) -> impl IntoView {
    let delete_id = format!("schema-delete-{i}");
    let delete = move |_| {
        studio.edit_shared(|s| {
            if i < s.schema.fields.len() {
                s.schema.fields.remove(i);
            }
        });
        // Focus stays in the table for keyboard users: on the next field's delete, or on adding one.
        request_animation_frame(move || {
            let next = document().get_element_by_id(&format!("schema-delete-{i}")).or_else(|| document().get_element_by_id("new-field-path"));
            if let Some(next) = next.and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok()) {
                let _ = next.focus();
            }
        });
    };
    view! {
        <tr>
            {text_cell(studio, lang, i, Msg::FieldPath, |f| f.path.clone(), |s, i, path| s.path_problem(Some(i), path), |f, path| f.path = path)}
            {text_cell(studio, lang, i, Msg::FieldLabel, |f| f.label.clone(), |_, _, _| None, |f, label| f.label = label)}
            {select_cell(studio, lang, i, Msg::FieldTypeLabel, &FieldType::ALL, |f| f.kind, |f, kind| f.kind = kind, FieldType::as_str, field_type_name)}
            {check_cell(studio, lang, i, Msg::FieldRequired, |f| f.required, |f, on| f.required = on)}
            {select_cell(studio, lang, i, Msg::FieldFormatLabel, &FORMATS, |f| f.format, |f, format| f.format = format,
                |format| format.map_or("", FieldFormat::as_str), field_format_name)}
            {check_cell(studio, lang, i, Msg::FieldSensitive, |f| f.sensitive, |f, on| f.sensitive = on)}
            {text_cell(studio, lang, i, Msg::FieldExample, |f| f.example.clone().unwrap_or_default(), |_, _, _| None,
                |f, example| f.example = Some(example).filter(|e| !e.is_empty()))}
            <td>
                <button type="button" class="danger" id=delete_id aria-label=of_field(lang, Msg::Delete, i + 1) on:click=delete>{t(lang, Msg::Delete)}</button>
            </td>
        </tr>
    }
}

/// What `get` reads of field `i`, tracked.
fn field<T>(studio: Studio, i: usize, get: fn(&Field) -> T) -> Option<T> {
    studio.library.with(|l| l.shared.schema.fields.get(i).map(get))
}

fn write(studio: Studio, i: usize, change: impl FnOnce(&mut Field)) {
    studio.edit_shared(|s| {
        if let Some(field) = s.schema.fields.get_mut(i) {
            change(field);
        }
    });
}

/// A text input of field `i`; a value `check` finds a problem with is shown
/// with the problem and not saved.
#[allow(clippy::too_many_arguments)]
fn text_cell(
    studio: Studio,
    lang: Lang,
    i: usize,
    what: Msg,
    get: fn(&Field) -> String,
    check: fn(&FieldSchema, usize, &str) -> Option<PathProblem>,
    set: fn(&mut Field, String),
) -> impl IntoView {
    // Its own memo: a change to another field does not put the saved value
    // back over a value being corrected here.
    let value = Memo::new(move |_| field(studio, i, get).unwrap_or_default());
    let problem = RwSignal::new(None::<PathProblem>);
    let problem_id = format!("schema-problem-{i}-{}", what as u8);
    view! {
        <td>
            <input type="text" aria-label=of_field(lang, what, i + 1) prop:value=value
                aria-invalid=move || problem.with(Option::is_some).to_string() aria-describedby=problem_id.clone()
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    let found = studio.library.with_untracked(|l| check(&l.shared.schema, i, &text));
                    problem.set(found);
                    if found.is_none() {
                        write(studio, i, |f| set(f, text));
                    }
                } />
            {problem_note(lang, problem_id, problem)}
        </td>
    }
}

fn check_cell(studio: Studio, lang: Lang, i: usize, what: Msg, get: fn(&Field) -> bool, set: fn(&mut Field, bool)) -> impl IntoView {
    view! {
        <td>
            <input type="checkbox" aria-label=of_field(lang, what, i + 1)
                prop:checked=move || field(studio, i, get).unwrap_or_default()
                on:change:target=move |ev| {
                    let on = ev.target().checked();
                    write(studio, i, |f| set(f, on));
                } />
        </td>
    }
}

#[allow(clippy::too_many_arguments)]
fn select_cell<T: Copy + PartialEq + Send + Sync + 'static>(
    studio: Studio,
    lang: Lang,
    i: usize,
    what: Msg,
    options: &'static [T],
    get: fn(&Field) -> T,
    set: fn(&mut Field, T),
    as_str: fn(T) -> &'static str,
    name: fn(Lang, T) -> &'static str,
) -> impl IntoView {
    view! {
        <td>
            <select aria-label=of_field(lang, what, i + 1) on:change:target=move |ev| {
                let value = ev.target().value();
                if let Some(chosen) = options.iter().copied().find(|o| as_str(*o) == value) {
                    write(studio, i, |f| set(f, chosen));
                }
            }>
                {options.iter().map(|&o| view! { <option value=as_str(o) selected=move || field(studio, i, get) == Some(o)>{name(lang, o)}</option> }).collect_view()}
            </select>
        </td>
    }
}
