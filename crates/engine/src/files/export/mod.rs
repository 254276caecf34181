//! What leaves the app as files: the library as a JSON bundle ([`bundle`]) or
//! as a zip laid out for git and Jinja2's `FileSystemLoader` ([`tree`]), and
//! one template as its Jinja source with a JSON sidecar ([`template_files`]).
//! [`crate::files::import`] reads all of them back.
//!
//! Exports are deterministic: the same library, selection and time give the
//! same bytes, so exporting twice and diffing shows only real changes.

pub mod bundle;
pub mod rendered;
pub mod tree;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::library::Library;
use crate::library::model::{Field, SampleProfile, Shared, Status, Template};
use crate::template::scan;

/// Our filters for Python Jinja2, shipped in every zip (`notice_filters.py`).
pub const FILTERS_PY: &str = include_str!("notice_filters.py");

/// Which templates an export holds; recorded in it, so an importer knows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Selection {
    /// Only templates marked ready: what may be handed to a sending system.
    Ready,
    /// Every template outside the trash, drafts included.
    #[default]
    All,
}

impl Selection {
    pub fn includes(self, template: &Template) -> bool {
        !template.is_trashed() && (self == Selection::All || template.status == Status::Ready)
    }
}

/// A file to hand to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub mime: &'static str,
    pub data: Vec<u8>,
}

impl File {
    pub fn text(name: String, mime: &'static str, text: String) -> File {
        File { name, mime, data: text.into_bytes() }
    }
}

pub const JSON: &str = "application/json";
pub const JINJA: &str = "text/plain;charset=utf-8";

/// The templates `selection` takes from `library`, in library order.
pub fn selected(library: &Library, selection: Selection) -> impl Iterator<Item = &Template> {
    library.templates.iter().filter(move |t| selection.includes(t))
}

/// A file-name-safe form of `text`: letters and digits of any script kept
/// (lowercased), every run of anything else one `-`.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    // Keeps names well under the 255 bytes file systems allow.
    slug.chars().take(60).collect()
}

/// `NAME.CHANNEL`, unique among `taken` (which it joins): a second template
/// of the same name and channel becomes `NAME-2.CHANNEL`.
pub fn file_stem(template: &Template, taken: &mut BTreeSet<String>) -> String {
    let base = match slug(&template.name) {
        slug if slug.is_empty() => "template".to_owned(),
        slug => slug,
    };
    let channel = template.channel.as_str();
    let stem = (1..)
        .map(|n| if n == 1 { format!("{base}.{channel}") } else { format!("{base}-{n}.{channel}") })
        .find(|stem| !taken.contains(stem))
        .unwrap_or_default();
    taken.insert(stem.clone());
    stem
}

/// The partials `source` includes, directly or through other partials, that `shared` has.
pub fn used_partials<'a>(source: &str, shared: &'a Shared) -> Vec<(&'a String, &'a String)> {
    let mut seen = BTreeSet::new();
    let mut waiting = scan::partials_used(source).into_iter().map(|(name, _)| name).collect::<Vec<_>>();
    while let Some(name) = waiting.pop() {
        if let Some((name, text)) = shared.partials.get_key_value(&name) {
            if seen.insert(name) {
                waiting.extend(scan::partials_used(text).into_iter().map(|(name, _)| name));
            }
        }
    }
    seen.into_iter().map(|name| (name, &shared.partials[name])).collect()
}

/// The schema fields `template` reads (in its body, subject or preheader, or its partials).
pub fn used_fields<'a>(template: &Template, shared: &'a Shared) -> Vec<&'a Field> {
    let reads = reads(template, shared);
    shared.schema.fields.iter().filter(|field| reads(&field.path)).collect()
}

/// Whether `template` reads a path, in its body, subject or preheader, or its partials.
pub fn reads<'a>(template: &'a Template, shared: &'a Shared) -> impl Fn(&str) -> bool + 'a {
    let mut sources = vec![template.body.as_str(), template.subject.as_str(), template.preheader.as_str()];
    sources.extend(used_partials(&template.body, shared).into_iter().map(|(_, text)| text.as_str()));
    move |path| sources.iter().any(|source| !scan::path_occurrences(source, path).is_empty())
}

/// What the sidecar of one exported template holds.
#[derive(Serialize, Deserialize)]
pub(crate) struct Sidecar {
    pub format: String,
    pub version: u32,
    /// Every field of the template but its body (which is the `.j2` file).
    pub template: serde_json::Map<String, serde_json::Value>,
    /// The schema fields the template reads.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// The partials it includes, by the name it includes them by.
    #[serde(default)]
    pub partials: std::collections::BTreeMap<String, String>,
    /// The library-wide sample profiles it is previewed with (those its own do not stand in for).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<SampleProfile>,
}

pub(crate) const SIDECAR_FORMAT: &str = "notice-studio/template-file";
pub(crate) const SIDECAR_VERSION: u32 = 1;

/// One template as `NAME.CHANNEL.j2` (its body exactly) and
/// `NAME.CHANNEL.json`: its other fields (subject and preheader templates,
/// sample profiles, metadata), the schema fields it reads, the partials
/// it includes and the library-wide profiles it is previewed with, so the
/// pair renders on its own.
pub fn template_files(template: &Template, shared: &Shared) -> [File; 2] {
    let stem = file_stem(template, &mut BTreeSet::new());
    let sidecar = Sidecar {
        format: SIDECAR_FORMAT.to_owned(),
        version: SIDECAR_VERSION,
        template: without_body(template),
        fields: used_fields(template, shared).into_iter().cloned().collect(),
        partials: used_partials(&template.body, shared).into_iter().map(|(name, text)| (name.clone(), text.clone())).collect(),
        profiles: shared.profiles_for(template).skip(template.samples.len()).cloned().collect(),
    };
    [File::text(format!("{stem}.j2"), JINJA, template.body.clone()), File::text(format!("{stem}.json"), JSON, pretty(&sidecar))]
}

/// `template`'s fields as a JSON object, less the body.
pub(crate) fn without_body(template: &Template) -> serde_json::Map<String, serde_json::Value> {
    let serde_json::Value::Object(mut fields) = serde_json::to_value(template).unwrap_or_default() else { return Default::default() };
    fields.remove("body");
    fields
}

/// Indented JSON with a final newline: exports are read and diffed by people.
pub(crate) fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}
