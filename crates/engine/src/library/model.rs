//! What a template is, and what templates share.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::time::{Date, DateTime};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    #[default]
    Email,
    Sms,
    Inapp,
    /// A formal notice (policy or system notice).
    Notice,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Email, Channel::Sms, Channel::Inapp, Channel::Notice];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Inapp => "inapp",
            Channel::Notice => "notice",
        }
    }

    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    #[default]
    Notification,
    Marketing,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Notification => "notification",
            Purpose::Marketing => "marketing",
        }
    }

    pub fn parse(name: &str) -> Option<Purpose> {
        [Purpose::Notification, Purpose::Marketing].into_iter().find(|p| p.as_str() == name)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Business,
    Retail,
    #[default]
    All,
}

/// A named stand-in customer record the template is previewed and checked with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleProfile {
    pub name: String,
    /// JSON text exactly as typed.
    pub data: String,
}

/// Ids of the scenarios of the brief; a template's scenario may also be any
/// text the user typed.
pub const SCENARIOS: [&str; 16] = [
    "care",
    "holiday",
    "after-sales",
    "product-update",
    "survey",
    "no-reply-follow-up",
    "software-update",
    "service-change",
    "promotion",
    "apology",
    "service-reminder",
    "renewal",
    "birthday",
    "welcome",
    "complaint-resolved",
    "policy-notice",
];

/// The stage of the customer journey a template serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Awareness,
    Consideration,
    Purchase,
    Onboarding,
    Service,
    Renewal,
    WinBack,
}

impl Stage {
    pub const ALL: [Stage; 7] =
        [Stage::Awareness, Stage::Consideration, Stage::Purchase, Stage::Onboarding, Stage::Service, Stage::Renewal, Stage::WinBack];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Awareness => "awareness",
            Stage::Consideration => "consideration",
            Stage::Purchase => "purchase",
            Stage::Onboarding => "onboarding",
            Stage::Service => "service",
            Stage::Renewal => "renewal",
            Stage::WinBack => "win-back",
        }
    }

    pub fn parse(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// Whether a template is still being written or may be sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Draft,
    Ready,
}

impl Status {
    pub const ALL: [Status; 2] = [Status::Draft, Status::Ready];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Ready => "ready",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// The header a formal notice carries: who publishes it, what it is, and from when it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoticeHeader {
    pub company: String,
    pub title: String,
    pub version: String,
    pub published: Option<Date>,
    pub effective: Option<Date>,
}

/// A finding the user accepted at one place, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ignore {
    /// The rule id, e.g. `absolute-term`.
    pub rule: String,
    /// What the finding points at (`check::anchor`): the source text of its
    /// span, so the ignore follows the text when lines move.
    pub anchor: String,
    pub reason: String,
}

/// Sending advice a scenario comes with, in the template's language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Guidance {
    /// How often, e.g. "1–2 a month".
    pub frequency: String,
    /// When in the day or week, e.g. "working days 10:00–11:30".
    pub send_window: String,
    /// How long before the occasion, e.g. "3–5 days before the holiday".
    pub lead_time: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// Chosen by the app when the template is created; names its storage keys.
    #[serde(default)]
    pub id: String,
    pub name: String,
    pub channel: Channel,
    pub purpose: Purpose,
    pub audience: Audience,
    pub locale: Lang,
    /// One of [`SCENARIOS`] or the user's own text; empty when not set.
    #[serde(default)]
    pub scenario: String,
    #[serde(default)]
    pub stage: Option<Stage>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub status: Status,
    /// How it became ready (when, its findings then, an override of errors
    /// with its reason); empty (the default) while a draft.
    #[serde(default)]
    pub ready: crate::check::ready::ReadyMark,
    /// E-mail subject (a template too); empty for other channels.
    pub subject: String,
    /// E-mail preheader: the line inboxes show after the subject.
    #[serde(default)]
    pub preheader: String,
    /// E-mail sender as inboxes show it: `星河科技 <service@xinghe.example.com>`.
    #[serde(default)]
    pub sender: String,
    pub body: String,
    pub samples: Vec<SampleProfile>,
    /// Planned send time, local time.
    pub send_at: Option<DateTime>,
    /// For holiday greetings: the holiday the greeting is for.
    pub holiday: Option<Date>,
    /// For formal notices.
    #[serde(default)]
    pub notice: NoticeHeader,
    /// When and how often to send, from the scenario it was written for.
    #[serde(default)]
    pub guidance: Guidance,
    /// The starter-gallery template this one was created from (its slug).
    #[serde(default)]
    pub gallery: Option<String>,
    /// Findings accepted here, each with the reason ("ignore here").
    #[serde(default)]
    pub ignored: Vec<Ignore>,
    /// UTC milliseconds, given by the caller: the engine never reads a clock.
    #[serde(default)]
    pub created_ms: i64,
    #[serde(default)]
    pub updated_ms: i64,
    /// Increases with every stored write, so two tabs can tell whose write is newer.
    #[serde(default)]
    pub revision: u64,
    /// When it was moved to the trash; `None` while it is in the library.
    #[serde(default)]
    pub deleted_ms: Option<i64>,
}

impl Template {
    /// Whether `self` and `other` say the same thing: everything the user
    /// wrote, not the bookkeeping (id, times, revision, trash) nor the status
    /// and how it became ready.
    pub fn same_content(&self, other: &Template) -> bool {
        // Destructured so that a new field has to be sorted into content or bookkeeping here.
        let Template {
            id: _,
            name,
            channel,
            purpose,
            audience,
            locale,
            scenario,
            stage,
            tags,
            status: _,
            ready: _,
            subject,
            preheader,
            sender,
            body,
            samples,
            send_at,
            holiday,
            notice,
            guidance,
            gallery: _,
            ignored,
            created_ms: _,
            updated_ms: _,
            revision: _,
            deleted_ms: _,
        } = self;
        (name, channel, purpose, audience, locale, scenario, stage, tags)
            == (&other.name, &other.channel, &other.purpose, &other.audience, &other.locale, &other.scenario, &other.stage, &other.tags)
            && (subject, preheader, sender, body, samples, send_at, holiday, notice, guidance, ignored)
                == (
                    &other.subject,
                    &other.preheader,
                    &other.sender,
                    &other.body,
                    &other.samples,
                    &other.send_at,
                    &other.holiday,
                    &other.notice,
                    &other.guidance,
                    &other.ignored,
                )
    }

    pub fn is_trashed(&self) -> bool {
        self.deleted_ms.is_some()
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    #[default]
    String,
    Number,
    Date,
    Bool,
    List,
}

impl FieldType {
    pub const ALL: [FieldType; 5] = [FieldType::String, FieldType::Number, FieldType::Date, FieldType::Bool, FieldType::List];

    /// The name in stored schemas (`"type": "number"`).
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Bool => "bool",
            FieldType::List => "list",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldFormat {
    /// A mobile, a landline with its area code, or a service number.
    Phone,
    /// A mobile number only: what an SMS goes to.
    Mobile,
    Email,
    Date,
    Url,
    IdNumber,
    BankCard,
    Amount,
}

impl FieldFormat {
    pub const ALL: [FieldFormat; 8] = [
        FieldFormat::Phone,
        FieldFormat::Mobile,
        FieldFormat::Email,
        FieldFormat::Date,
        FieldFormat::Url,
        FieldFormat::IdNumber,
        FieldFormat::BankCard,
        FieldFormat::Amount,
    ];

    /// The name in stored schemas (`"format": "id-number"`).
    pub fn as_str(self) -> &'static str {
        match self {
            FieldFormat::Phone => "phone",
            FieldFormat::Mobile => "mobile",
            FieldFormat::Email => "email",
            FieldFormat::Date => "date",
            FieldFormat::Url => "url",
            FieldFormat::IdNumber => "id-number",
            FieldFormat::BankCard => "bank-card",
            FieldFormat::Amount => "amount",
        }
    }
}

/// One field customer records have, by dotted path (`customer.name`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Field {
    pub path: String,
    #[serde(default)]
    pub label: String,
    #[serde(default, rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub format: Option<FieldFormat>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub example: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSchema {
    pub fields: Vec<Field>,
}

/// The side of a field's "中文 · English" label for `lang`; the path when
/// it has no label.
pub fn label_in<'l>(label: &'l str, path: &'l str, lang: Lang) -> &'l str {
    match label.split_once('·') {
        Some((zh, en)) => lang.pick(zh, en).trim(),
        None if label.trim().is_empty() => path,
        None => label.trim(),
    }
}

impl FieldSchema {
    pub fn field(&self, path: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.path == path)
    }

    /// Why `path` cannot be the path of field `index` (`None`: of a field
    /// about to be added), if it cannot: templates reach a field only by
    /// names joined with dots, and two fields with one path would shadow each other.
    pub fn path_problem(&self, index: Option<usize>, path: &str) -> Option<PathProblem> {
        let is_name = |name: &str| {
            let mut chars = name.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        if path.is_empty() {
            Some(PathProblem::Empty)
        } else if !path.split('.').all(is_name) {
            Some(PathProblem::NotNames)
        } else if self.fields.iter().enumerate().any(|(i, f)| Some(i) != index && f.path == path) {
            Some(PathProblem::Taken)
        } else {
            None
        }
    }
}

/// Why a path cannot be a field's path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathProblem {
    Empty,
    /// Not names (ASCII letters, digits and `_`, not starting with a digit) joined by dots.
    NotNames,
    /// Another field has it.
    Taken,
}

/// What templates share: the field schema, partials (`{% include "name" %}`)
/// and the sample profiles every template is previewed and checked with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    pub schema: FieldSchema,
    pub partials: BTreeMap<String, String>,
    /// Library-wide sample profiles (typical customers of the whole company),
    /// shown for every template after its own. Left out when empty, so
    /// libraries without them are stored and exported as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<SampleProfile>,
}

impl Shared {
    /// The sample profiles `template` is previewed and checked with: its own,
    /// then the library's, except those whose name one of its own already has
    /// (a template's own profile stands in for the library's of that name).
    pub fn profiles_for<'a>(&'a self, template: &'a Template) -> impl Iterator<Item = &'a SampleProfile> {
        let shadowed = |p: &SampleProfile| template.samples.iter().any(|own| own.name == p.name);
        template.samples.iter().chain(self.profiles.iter().filter(move |p| !shadowed(p)))
    }

    /// Whether `name` is one of the library's profiles as `template` sees it
    /// (not shadowed by a profile of its own).
    pub fn is_library_profile(&self, template: &Template, name: &str) -> bool {
        !template.samples.iter().any(|p| p.name == name) && self.profiles.iter().any(|p| p.name == name)
    }

    /// Moves `template`'s own profile `name` into the library, for every
    /// template; renamed `name 2`, `name 3` … when the library already has
    /// one by that name, so nothing is overwritten. Returns its new name.
    pub fn share_profile(&mut self, template: &mut Template, name: &str) -> Option<String> {
        move_profile(&mut template.samples, &mut self.profiles, name)
    }

    /// Moves the library's profile `name` into `template` alone: the other
    /// templates no longer see it. Returns its name in the template.
    pub fn unshare_profile(&mut self, template: &mut Template, name: &str) -> Option<String> {
        move_profile(&mut self.profiles, &mut template.samples, name)
    }
}

/// Moves profile `name` from `from` to the end of `to`, renamed when `to`
/// has one by that name; returns its name there.
fn move_profile(from: &mut Vec<SampleProfile>, to: &mut Vec<SampleProfile>, name: &str) -> Option<String> {
    let at = from.iter().position(|p| p.name == name)?;
    let mut profile = from.remove(at);
    profile.name = unique_name(&profile.name, |n| to.iter().any(|p| p.name == n));
    let new_name = profile.name.clone();
    to.push(profile);
    Some(new_name)
}

/// `name`, or `name 2`, `name 3` … the first that `taken` says is free.
fn unique_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    std::iter::once(name.to_owned()).chain((2..).map(|n| format!("{name} {n}"))).find(|candidate| !taken(candidate)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(name: &str, data: &str) -> SampleProfile {
        SampleProfile { name: name.into(), data: data.into() }
    }

    #[test]
    fn a_template_sees_its_own_profiles_then_the_librarys_not_shadowed() {
        let shared = Shared { profiles: vec![profile("VIP", "{}"), profile("张伟", r#"{"lib": 1}"#)], ..Shared::default() };
        let template = Template { samples: vec![profile("张伟", r#"{"own": 1}"#), profile("新客户", "{}")], ..Template::default() };
        let seen: Vec<(&str, &str)> = shared.profiles_for(&template).map(|p| (p.name.as_str(), p.data.as_str())).collect();
        assert_eq!(seen, [("张伟", r#"{"own": 1}"#), ("新客户", "{}"), ("VIP", "{}")]);
        assert!(shared.is_library_profile(&template, "VIP"));
        assert!(!shared.is_library_profile(&template, "张伟"), "shadowed by the template's own");
        assert!(!shared.is_library_profile(&template, "新客户"));
        let bare = Template::default();
        assert_eq!(shared.profiles_for(&bare).count(), 2);
    }

    #[test]
    fn profiles_move_between_a_template_and_the_library_without_overwriting() {
        let mut shared = Shared { profiles: vec![profile("VIP", "{}")], ..Shared::default() };
        let mut template = Template { samples: vec![profile("VIP", r#"{"own": 1}"#), profile("新客户", "{}")], ..Template::default() };
        assert_eq!(shared.share_profile(&mut template, "VIP").as_deref(), Some("VIP 2"));
        assert_eq!(shared.profiles, [profile("VIP", "{}"), profile("VIP 2", r#"{"own": 1}"#)]);
        assert_eq!(template.samples, [profile("新客户", "{}")]);
        assert_eq!(shared.share_profile(&mut template, "nobody"), None);

        let mut other = Template { samples: vec![profile("VIP", "[]")], ..Template::default() };
        assert_eq!(shared.unshare_profile(&mut other, "VIP").as_deref(), Some("VIP 2"), "its own VIP stays");
        assert_eq!(other.samples, [profile("VIP", "[]"), profile("VIP 2", "{}")]);
        assert_eq!(shared.profiles, [profile("VIP 2", r#"{"own": 1}"#)]);
        assert_eq!(shared.unshare_profile(&mut other, "VIP"), None);
    }

    #[test]
    fn shared_without_profiles_is_written_as_before_and_reads_either_way() {
        let shared = Shared::default();
        assert_eq!(serde_json::to_string(&shared).unwrap(), r#"{"schema":{"fields":[]},"partials":{}}"#);
        let read: Shared = serde_json::from_str(r#"{"schema":{"fields":[]},"partials":{}}"#).unwrap();
        assert_eq!(read, shared);
        let with = Shared { profiles: vec![profile("VIP", "{}")], ..Shared::default() };
        assert_eq!(serde_json::from_str::<Shared>(&serde_json::to_string(&with).unwrap()).unwrap(), with);
    }

    #[test]
    fn stages_and_statuses_round_trip_by_name() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
            assert_eq!(serde_json::to_value(stage).unwrap(), stage.as_str());
        }
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        assert_eq!(Stage::parse("win-back"), Some(Stage::WinBack));
        assert_eq!(Stage::parse("WinBack"), None);
        assert_eq!(Status::default(), Status::Draft);
    }

    #[test]
    fn scenario_ids_are_distinct_kebab_case() {
        let mut ids = SCENARIOS.to_vec();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SCENARIOS.len());
        assert!(SCENARIOS.iter().all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
    }

    #[test]
    fn a_template_written_before_the_library_decodes_with_defaults() {
        let older = r#"{"name":"n","channel":"sms","purpose":"marketing","audience":"retail","locale":"en",
            "subject":"","body":"Hi","samples":[],"send_at":null,"holiday":null}"#;
        let template: Template = serde_json::from_str(older).unwrap();
        assert_eq!(template, Template {
            name: "n".into(),
            channel: Channel::Sms,
            purpose: Purpose::Marketing,
            audience: Audience::Retail,
            locale: Lang::En,
            body: "Hi".into(),
            ..Template::default()
        });
    }

    #[test]
    fn new_fields_round_trip() {
        let template = Template {
            id: "t1".into(),
            scenario: "holiday".into(),
            stage: Some(Stage::WinBack),
            tags: vec!["春节".into()],
            status: Status::Ready,
            preheader: "预览".into(),
            notice: NoticeHeader {
                company: "星河科技".into(),
                title: "隐私政策更新".into(),
                version: "v2.1".into(),
                published: Date::parse("2026-01-05"),
                effective: Date::parse("2026-02-01"),
            },
            created_ms: 1,
            updated_ms: 2,
            revision: 3,
            deleted_ms: Some(4),
            ..Template::default()
        };
        let json = serde_json::to_value(&template).unwrap();
        assert_eq!(json["stage"], "win-back");
        assert_eq!(json["notice"]["effective"], "2026-02-01");
        assert_eq!(serde_json::from_value::<Template>(json).unwrap(), template);
    }

    #[test]
    fn a_field_path_is_dotted_names_and_unique() {
        let schema = FieldSchema { fields: vec![Field { path: "customer.name".into(), ..Field::default() }, Field { path: "order.total".into(), ..Field::default() }] };
        assert_eq!(schema.path_problem(None, "customer.email"), None);
        assert_eq!(schema.path_problem(None, "_private.x1"), None);
        assert_eq!(schema.path_problem(None, ""), Some(PathProblem::Empty));
        for bad in ["customer.", ".name", "customer..name", "1st.name", "customer name", " customer", "客户.姓名", "customer-name", "a.b[0]"] {
            assert_eq!(schema.path_problem(None, bad), Some(PathProblem::NotNames), "{bad}");
        }
        assert_eq!(schema.path_problem(None, "customer.name"), Some(PathProblem::Taken));
        assert_eq!(schema.path_problem(Some(1), "customer.name"), Some(PathProblem::Taken));
        // A field keeps its own path.
        assert_eq!(schema.path_problem(Some(0), "customer.name"), None);
    }

    #[test]
    fn field_types_and_formats_are_named_as_stored() {
        for kind in FieldType::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        for format in FieldFormat::ALL {
            assert_eq!(serde_json::to_value(format).unwrap(), format.as_str());
        }
    }

    #[test]
    fn same_content_ignores_bookkeeping_only() {
        let a = Template { id: "a".into(), body: "x".into(), ..Template::default() };
        let b = Template { id: "b".into(), created_ms: 5, updated_ms: 6, revision: 7, deleted_ms: Some(8), status: Status::Ready, ..a.clone() };
        assert!(a.same_content(&b));
        assert!(!a.same_content(&Template { body: "y".into(), ..a.clone() }));
        assert!(!a.same_content(&Template { tags: vec!["t".into()], ..a.clone() }));
        assert!(!a.same_content(&Template { notice: NoticeHeader { version: "2".into(), ..NoticeHeader::default() }, ..a.clone() }));
    }
}
