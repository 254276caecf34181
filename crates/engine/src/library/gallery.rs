//! The starter gallery: templates, sample profiles, field presets and
//! partials written for this product. They are data files under
//! `crates/engine/gallery/`, embedded at build time (`build.rs`), so adding a
//! template is adding a file:
//!
//! - `templates/<slug>.j2`: a header comment of `key: value` lines, then the
//!   body. Keys: `name`, `channel`, `purpose`, `audience`, `locale`, `stage`,
//!   `scenario`, `tags` (comma-separated), `profiles` (a profile set),
//!   `subject`, `preheader`, `frequency`, `send-window`, `lead-time`,
//!   `holiday`, `notice-company`, `notice-title`, `notice-version`,
//!   `notice-published`, `notice-effective`.
//! - `profiles/<set>.json`: `{"profile name": {record}, …}`, in order.
//! - `partials/<lang>/<name>.j2`: included as `{% include "<lang>/<name>" %}`.
//! - `schema/*.json`: arrays of fields (`model::Field`), merged in file order.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::library::model::{Audience, Channel, Field, FieldSchema, Purpose, SampleProfile, Shared, Stage, Template};
use crate::time::Date;

include!(concat!(env!("OUT_DIR"), "/gallery_files.rs"));

/// The gallery as the page receives it from the engine worker: the data
/// lives only in the worker's module, so the first load does not carry it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gallery {
    pub starters: Vec<Starter>,
    /// The field presets and partials the starters use.
    pub shared: Shared,
}

impl Gallery {
    /// The embedded gallery: every template that reads, with its presets.
    pub fn load() -> Gallery {
        Gallery { starters: starters(), shared: shared() }
    }

    pub fn starter(&self, slug: &str) -> Option<&Starter> {
        self.starters.iter().find(|s| s.slug == slug)
    }

    /// The starters written in `lang`, with every shared part: the examples a
    /// library in that UI language is given, so its list speaks one language.
    pub fn in_language(&self, lang: Lang) -> Gallery {
        let starters = self.starters.iter().filter(|s| s.template.locale == lang).cloned().collect();
        Gallery { starters, shared: self.shared.clone() }
    }
}

/// A gallery template, ready to be copied into a library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Starter {
    pub slug: String,
    /// With `gallery` set to the slug and no id: the caller gives it one.
    pub template: Template,
}

/// A gallery file that does not read: a bug in the gallery, which the
/// gallery test reports; the app leaves such a template out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GalleryError {
    pub file: String,
    pub problem: String,
}

impl fmt::Display for GalleryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.problem)
    }
}

/// Every gallery template that reads, in file order.
pub fn starters() -> Vec<Starter> {
    read_all().0
}

/// The gallery's templates and the problems of those that do not read.
pub fn read_all() -> (Vec<Starter>, Vec<GalleryError>) {
    let mut starters = Vec::new();
    let mut problems = Vec::new();
    for (path, text) in files("templates/") {
        let Some(slug) = path.strip_suffix(".j2") else { continue };
        match parse_template(slug, text) {
            Ok(template) => starters.push(Starter { slug: slug.to_owned(), template }),
            Err(problem) => problems.push(GalleryError { file: format!("templates/{path}"), problem }),
        }
    }
    (starters, problems)
}

/// The field presets and partials gallery templates use.
pub fn shared() -> Shared {
    let fields = files("schema/").flat_map(|(_, text)| serde_json::from_str::<Vec<Field>>(text).unwrap_or_default()).collect();
    let partials = files("partials/").filter_map(|(path, text)| Some((path.strip_suffix(".j2")?.to_owned(), text.to_owned()))).collect();
    Shared { schema: FieldSchema { fields }, partials, ..Shared::default() }
}

/// Whether every schema and profile file reads; the gallery test's check on
/// what [`shared`] and profile lookups silently skip.
pub fn data_problems() -> Vec<GalleryError> {
    let schema = files("schema/").filter_map(|(path, text)| {
        serde_json::from_str::<Vec<Field>>(text).err().map(|e| GalleryError { file: format!("schema/{path}"), problem: e.to_string() })
    });
    let profiles = files("profiles/").filter_map(|(path, _)| {
        let set = path.strip_suffix(".json")?;
        profiles(set).err().map(|problem| GalleryError { file: format!("profiles/{path}"), problem })
    });
    schema.chain(profiles).collect()
}

/// Gallery files under `dir`, with paths relative to it.
fn files(dir: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    GALLERY_FILES.iter().filter_map(move |(path, text)| Some((path.strip_prefix(dir)?, *text)))
}

fn parse_template(slug: &str, text: &str) -> Result<Template, String> {
    let rest = text.strip_prefix("{#").ok_or("the file must start with a {# header #}")?;
    let (header, body) = rest.split_once("#}").ok_or("the header comment is not closed")?;
    let header = header.trim_start_matches('-').trim_end_matches('-');
    let mut template = Template { gallery: Some(slug.to_owned()), body: body.trim_start_matches('\n').to_owned(), ..Template::default() };
    let mut profile_set = None;
    for line in header.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (key, value) = line.split_once(':').ok_or_else(|| format!("not a `key: value` line: {line:?}"))?;
        let value = value.trim().to_owned();
        let bad = |what: &str| format!("{key}: {value:?} is not {what}");
        match key.trim() {
            "name" => template.name = value,
            "channel" => template.channel = Channel::parse(&value).ok_or_else(|| bad("a channel"))?,
            "purpose" => template.purpose = Purpose::parse(&value).ok_or_else(|| bad("a purpose"))?,
            "audience" => {
                template.audience = match value.as_str() {
                    "business" => Audience::Business,
                    "retail" => Audience::Retail,
                    "all" => Audience::All,
                    _ => return Err(bad("an audience")),
                }
            }
            "locale" => template.locale = Lang::from_tag(&value).ok_or_else(|| bad("zh-CN or en"))?,
            "stage" => template.stage = Some(Stage::parse(&value).ok_or_else(|| bad("a journey stage"))?),
            "scenario" => template.scenario = value,
            "tags" => template.tags = value.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect(),
            "profiles" => profile_set = Some(value),
            "subject" => template.subject = value,
            "preheader" => template.preheader = value,
            "frequency" => template.guidance.frequency = value,
            "send-window" => template.guidance.send_window = value,
            "lead-time" => template.guidance.lead_time = value,
            "holiday" => template.holiday = Some(Date::parse(&value).ok_or_else(|| bad("a date (YYYY-MM-DD)"))?),
            "notice-company" => template.notice.company = value,
            "notice-title" => template.notice.title = value,
            "notice-version" => template.notice.version = value,
            "notice-published" => template.notice.published = Some(Date::parse(&value).ok_or_else(|| bad("a date (YYYY-MM-DD)"))?),
            "notice-effective" => template.notice.effective = Some(Date::parse(&value).ok_or_else(|| bad("a date (YYYY-MM-DD)"))?),
            other => return Err(format!("unknown header key {other:?}")),
        }
    }
    if template.name.is_empty() {
        return Err("the header has no name".into());
    }
    let set = profile_set.ok_or("the header names no `profiles` set")?;
    template.samples = profiles(&set)?;
    Ok(template)
}

/// The sample profiles of set `set`, each record pretty-printed as a user
/// would type it.
fn profiles(set: &str) -> Result<Vec<SampleProfile>, String> {
    let path = format!("{set}.json");
    let (_, text) = files("profiles/").find(|(p, _)| *p == path).ok_or_else(|| format!("no profile set {set:?}"))?;
    let records: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text).map_err(|e| format!("profiles/{path}: {e}"))?;
    if records.is_empty() {
        return Err(format!("profiles/{path} has no profile"));
    }
    records
        .into_iter()
        .map(|(name, record)| {
            if !record.is_object() {
                return Err(format!("profiles/{path}: {name:?} is not an object"));
            }
            Ok(SampleProfile { name, data: serde_json::to_string_pretty(&record).map_err(|e| e.to_string())? })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_sets_metadata_and_the_body_follows_it() {
        let text = "{#-\nname: 续费提醒\nchannel: sms\npurpose: notification\naudience: business\nlocale: zh-CN\nstage: renewal\n\
                    scenario: renewal\ntags: 续费, 短信\nprofiles: care.zh\nfrequency: 到期前一次\nsend-window: 工作日 10:00–11:30\n\
                    lead-time: 到期前 15 天\n-#}\n【星河】您好，{{ customer.name }}。";
        let template = parse_template("renewal.sms.zh", text).unwrap();
        assert_eq!(template.name, "续费提醒");
        assert_eq!((template.channel, template.audience, template.locale, template.stage), (Channel::Sms, Audience::Business, Lang::Zh, Some(Stage::Renewal)));
        assert_eq!(template.tags, ["续费", "短信"]);
        assert_eq!(template.guidance.lead_time, "到期前 15 天");
        assert_eq!(template.body, "【星河】您好，{{ customer.name }}。");
        assert_eq!(template.gallery.as_deref(), Some("renewal.sms.zh"));
        assert!(!template.samples.is_empty());
    }

    #[test]
    fn a_bad_header_says_what_is_wrong() {
        assert!(parse_template("x", "no header").unwrap_err().contains("{#"));
        assert!(parse_template("x", "{# name: x\nchannel: fax #}").unwrap_err().contains("channel"));
        assert!(parse_template("x", "{# name: x\ncolour: red #}").unwrap_err().contains("colour"));
        assert!(parse_template("x", "{# name: x #}").unwrap_err().contains("profiles"));
        assert!(parse_template("x", "{# name: x\nprofiles: nowhere #}").unwrap_err().contains("nowhere"));
    }
}
