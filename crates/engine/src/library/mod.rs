//! The library of templates: creating, copying, renaming and trashing them,
//! searching and counting them, and which journey stages each channel covers.
//!
//! Beside it, in this folder: the template model, the stored encoding, the
//! two-tab protocol, histories and the starter gallery.
//!
//! Everything here is pure: ids and times are parameters (the app makes the
//! ids and reads the clock), so the same calls give the same library.

pub mod gallery;
pub mod history;
pub mod model;
pub mod packed;
pub mod store;
pub mod sync;

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::check::Settings;
use crate::lang::Lang;
use crate::library::gallery::{Gallery, Starter};
use crate::library::model::{Channel, Shared, Stage, Status, Template};
use crate::template::scan;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Library {
    /// Every template, including those in the trash.
    pub templates: Vec<Template>,
    pub shared: Shared,
    pub settings: Settings,
}

/// What the template list shows: every condition that is set must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must each occur in the name, subject, body or a tag, ignoring case.
    pub text: String,
    pub channel: Option<Channel>,
    pub scenario: Option<String>,
    pub status: Option<Status>,
    pub stage: Option<Stage>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Name,
    /// Most recently edited first.
    LastEdit,
}

/// How many active templates each filter choice has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub active: usize,
    pub trashed: usize,
    pub channels: BTreeMap<Channel, usize>,
    pub statuses: BTreeMap<Status, usize>,
    pub stages: BTreeMap<Stage, usize>,
    /// Only templates with a scenario; the key is the scenario id or text.
    pub scenarios: BTreeMap<String, usize>,
}

/// Which journey stages have templates on which channels (active templates;
/// those with no stage in a row of their own, so none is left out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    // Indexed by the declaration order of `Stage` and `Channel`, which is their `ALL` order.
    cells: [[CoverageCell; Channel::ALL.len()]; Stage::ALL.len()],
    unstaged: [CoverageCell; Channel::ALL.len()],
}

/// The ids of the templates of one stage and channel, in name order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoverageCell {
    pub ready: Vec<String>,
    pub draft: Vec<String>,
}

impl Library {
    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Template> {
        self.templates.iter_mut().find(|t| t.id == id)
    }

    /// The templates not in the trash.
    pub fn active(&self) -> impl Iterator<Item = &Template> {
        self.templates.iter().filter(|t| !t.is_trashed())
    }

    pub fn trashed(&self) -> impl Iterator<Item = &Template> {
        self.templates.iter().filter(|t| t.is_trashed())
    }

    /// Adds a blank template written in `lang`. `None` when `id` is empty or
    /// already taken: two templates under one id would share a storage key.
    pub fn create(&mut self, id: String, name: String, channel: Channel, lang: Lang, now_ms: i64) -> Option<&Template> {
        let template = Template { id, name, channel, locale: lang, created_ms: now_ms, updated_ms: now_ms, ..Template::default() };
        self.add(template)
    }

    /// Adds a copy of template `id` under `new_id`, named as a copy in `lang`.
    /// `None` when there is no template `id` or `new_id` is empty or taken.
    pub fn duplicate(&mut self, id: &str, new_id: String, now_ms: i64, lang: Lang) -> Option<&Template> {
        let original = self.get(id)?;
        let name = self.copy_name(&original.name, lang);
        let copy = Template { name, ..copy_of(original, new_id, now_ms, lang) };
        self.add(copy)
    }

    /// A name for a copy of `name` that no template in the library has:
    /// "春节问候（副本）", then "春节问候（副本 2）", and so on.
    fn copy_name(&self, name: &str, lang: Lang) -> String {
        let taken = |candidate: &str| self.active().any(|t| t.name == candidate);
        let first = format!("{name}{}", lang.pick("（副本）", " (copy)"));
        if !taken(&first) {
            return first;
        }
        let numbered = |n: usize| match lang {
            Lang::Zh => format!("{name}（副本 {n}）"),
            Lang::En => format!("{name} (copy {n})"),
        };
        (2..).map(numbered).find(|candidate| !taken(candidate)).unwrap_or(first)
    }

    /// Whether there was a template `id`.
    pub fn rename(&mut self, id: &str, name: &str, now_ms: i64) -> bool {
        let Some(template) = self.get_mut(id) else { return false };
        template.name = name.trim().to_owned();
        template.updated_ms = now_ms;
        true
    }

    /// Moves template `id` to the trash; whether it was in the library.
    pub fn trash(&mut self, id: &str, now_ms: i64) -> bool {
        match self.get_mut(id) {
            Some(t) if !t.is_trashed() => {
                t.deleted_ms = Some(now_ms);
                true
            }
            _ => false,
        }
    }

    /// Takes template `id` out of the trash; whether it was in the trash.
    pub fn restore(&mut self, id: &str) -> bool {
        self.get_mut(id).and_then(|t| t.deleted_ms.take()).is_some()
    }

    /// Deletes every template in the trash for good and returns their ids, so
    /// the app can remove their stored values.
    pub fn empty_trash(&mut self) -> Vec<String> {
        let (trashed, kept): (Vec<Template>, Vec<Template>) = std::mem::take(&mut self.templates).into_iter().partition(Template::is_trashed);
        self.templates = kept;
        trashed.into_iter().map(|t| t.id).collect()
    }

    /// Puts `template` in the library, replacing the one with its id: for
    /// templates another tab wrote and for the outcome of a conflict.
    pub fn upsert(&mut self, template: Template) {
        match self.get_mut(&template.id) {
            Some(existing) => *existing = template,
            None => self.templates.push(template),
        }
    }

    /// Takes template `id` out of the library (another tab deleted it).
    pub fn remove(&mut self, id: &str) -> Option<Template> {
        let index = self.templates.iter().position(|t| t.id == id)?;
        Some(self.templates.remove(index))
    }

    /// The active templates that pass `filter`, in `sort` order.
    pub fn list(&self, filter: &Filter, sort: SortBy) -> Vec<&Template> {
        let terms: Vec<String> = filter.text.split_whitespace().map(str::to_lowercase).collect();
        let mut found: Vec<&Template> = self.active().filter(|t| filter.admits(t, &terms)).collect();
        match sort {
            SortBy::Name => found.sort_by(|a, b| compare_names(&a.name, &b.name).then_with(|| a.id.cmp(&b.id))),
            SortBy::LastEdit => found.sort_by(|a, b| b.updated_ms.cmp(&a.updated_ms).then_with(|| a.id.cmp(&b.id))),
        }
        found
    }

    pub fn counts(&self) -> Counts {
        let mut counts = Counts { trashed: self.trashed().count(), ..Counts::default() };
        for t in self.active() {
            counts.active += 1;
            *counts.channels.entry(t.channel).or_default() += 1;
            *counts.statuses.entry(t.status).or_default() += 1;
            if let Some(stage) = t.stage {
                *counts.stages.entry(stage).or_default() += 1;
            }
            if !t.scenario.is_empty() {
                *counts.scenarios.entry(t.scenario.clone()).or_default() += 1;
            }
        }
        counts
    }

    pub fn coverage(&self) -> Coverage {
        let mut coverage = Coverage::default();
        for t in self.list(&Filter::default(), SortBy::Name) {
            let cell = match t.stage {
                Some(stage) => &mut coverage.cells[stage as usize][t.channel as usize],
                None => &mut coverage.unstaged[t.channel as usize],
            };
            match t.status {
                Status::Ready => cell.ready.push(t.id.clone()),
                Status::Draft => cell.draft.push(t.id.clone()),
            }
        }
        coverage
    }

    /// Adds a copy of gallery template `starter` under `id`, and the field
    /// presets and partials of `gallery` (see [`Library::adopt`]).
    fn add_starter(&mut self, gallery: &Gallery, starter: &Starter, id: String, now_ms: i64) -> Option<&Template> {
        self.adopt(gallery.shared.clone());
        self.add(Template { id, created_ms: now_ms, updated_ms: now_ms, ..starter.template.clone() })
    }

    /// Adds a copy of gallery template `starter` made by the user: not an
    /// example (no gallery origin, so no badge), under its own name unless a
    /// template has it, else a copy's name (see [`Library::copy_name`]).
    pub fn copy_starter(&mut self, gallery: &Gallery, starter: &Starter, id: String, now_ms: i64, lang: Lang) -> Option<&Template> {
        let name = &starter.template.name;
        let name = if self.active().any(|t| &t.name == name) { self.copy_name(name, lang) } else { name.clone() };
        self.adopt(gallery.shared.clone());
        self.add(Template { id, name, gallery: None, created_ms: now_ms, updated_ms: now_ms, ..starter.template.clone() })
    }

    /// Adds the templates of `gallery` the library no longer has (by origin,
    /// trash not counted), each under an id from `new_id`; returns the ids
    /// added, in gallery order.
    pub fn restore_gallery(&mut self, gallery: &Gallery, mut new_id: impl FnMut() -> String, now_ms: i64) -> Vec<String> {
        let present: Vec<String> = self.active().filter_map(|t| t.gallery.clone()).collect();
        let missing = gallery.starters.iter().filter(|s| !present.contains(&s.slug));
        missing.filter_map(|starter| self.add_starter(gallery, starter, new_id(), now_ms).map(|t| t.id.clone())).collect()
    }

    /// The active templates that include partial `name`, directly or through
    /// other partials, in name order.
    pub fn partial_users(&self, name: &str) -> Vec<&Template> {
        let mut users: Vec<&Template> = self
            .active()
            .filter(|t| crate::files::export::used_partials(&t.body, &self.shared).iter().any(|(used, _)| used.as_str() == name))
            .collect();
        users.sort_by(|a, b| compare_names(&a.name, &b.name));
        users
    }

    /// How many active templates include each shared partial, directly or
    /// through other partials, in name order: one pass over the templates
    /// (the partials list recounts on every edit of a partial).
    pub fn partial_use_counts(&self) -> Vec<(&String, usize)> {
        let mut counts: Vec<(&String, usize)> = self.shared.partials.keys().map(|name| (name, 0)).collect();
        for template in self.active() {
            for (name, _) in crate::files::export::used_partials(&template.body, &self.shared) {
                if let Ok(at) = counts.binary_search_by(|(counted, _)| counted.cmp(&name)) {
                    counts[at].1 += 1;
                }
            }
        }
        counts
    }

    /// Renames partial `old` to `new` and rewrites every include of it in the
    /// templates (trash too, so a restored one still finds it) and the other
    /// partials; the ids of the templates changed, to be stored.
    pub fn rename_partial(&mut self, old: &str, new: &str, now_ms: i64) -> Result<Vec<String>, PartialNameProblem> {
        let new = new.trim();
        if new.is_empty() || new.contains(['"', '\'', '\\']) || new.chars().any(char::is_whitespace) {
            return Err(PartialNameProblem::Invalid);
        }
        if new != old && self.shared.partials.contains_key(new) {
            return Err(PartialNameProblem::Taken);
        }
        let Some(text) = self.shared.partials.remove(old) else { return Err(PartialNameProblem::Missing) };
        self.shared.partials.insert(new.to_owned(), text);
        for text in self.shared.partials.values_mut() {
            if let Some(renamed) = scan::rename_partial(text, old, new) {
                *text = renamed;
            }
        }
        let mut changed = Vec::new();
        for template in &mut self.templates {
            if let Some(renamed) = scan::rename_partial(&template.body, old, new) {
                template.body = renamed;
                template.updated_ms = now_ms;
                changed.push(template.id.clone());
            }
        }
        Ok(changed)
    }

    /// Takes the schema fields and partials of `shared` that this library
    /// lacks; what the user already has (a field, a partial by name) is kept.
    /// Whether anything was added.
    pub fn adopt(&mut self, shared: Shared) -> bool {
        let before = (self.shared.schema.fields.len(), self.shared.partials.len());
        for field in shared.schema.fields {
            if self.shared.schema.field(&field.path).is_none() {
                self.shared.schema.fields.push(field);
            }
        }
        for (name, text) in shared.partials {
            self.shared.partials.entry(name).or_insert(text);
        }
        before != (self.shared.schema.fields.len(), self.shared.partials.len())
    }

    fn add(&mut self, template: Template) -> Option<&Template> {
        if template.id.is_empty() || self.get(&template.id).is_some() {
            return None;
        }
        self.templates.push(template);
        self.templates.last()
    }
}

impl Filter {
    /// Whether `template` passes; `terms` are the lowercased words of `self.text`.
    fn admits(&self, template: &Template, terms: &[String]) -> bool {
        self.channel.is_none_or(|c| c == template.channel)
            && self.scenario.as_ref().is_none_or(|s| *s == template.scenario)
            && self.status.is_none_or(|s| s == template.status)
            && self.stage.is_none_or(|s| Some(s) == template.stage)
            && (terms.is_empty() || contains_all(template, terms))
    }
}

fn contains_all(template: &Template, terms: &[String]) -> bool {
    let texts: Vec<String> = [&template.name, &template.subject, &template.body]
        .into_iter()
        .chain(&template.tags)
        .map(|text| text.to_lowercase())
        .collect();
    terms.iter().all(|term| texts.iter().any(|text| text.contains(term.as_str())))
}

impl Coverage {
    pub fn cell(&self, stage: Stage, channel: Channel) -> &CoverageCell {
        &self.cells[stage as usize][channel as usize]
    }

    /// The templates of `channel` that have no journey stage yet.
    pub fn unstaged(&self, channel: Channel) -> &CoverageCell {
        &self.unstaged[channel as usize]
    }
}

impl CoverageCell {
    pub fn is_empty(&self) -> bool {
        self.ready.is_empty() && self.draft.is_empty()
    }
}

/// Why a partial cannot take a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartialNameProblem {
    /// Empty, or with quotes, backslashes or spaces, which an include's string cannot carry plainly.
    Invalid,
    /// Another partial has it.
    Taken,
    /// There is no partial of the old name.
    Missing,
}

impl PartialNameProblem {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            PartialNameProblem::Invalid => lang.pick("片段名不能为空，也不能含空格、引号或反斜杠。", "A partial's name cannot be empty or hold spaces, quotes or backslashes."),
            PartialNameProblem::Taken => lang.pick("已有同名的片段。", "Another partial has that name."),
            PartialNameProblem::Missing => lang.pick("这个片段已不存在。", "That partial no longer exists."),
        }
    }
}

/// A new draft with the content of `template`, named as its copy in `lang`.
pub(crate) fn copy_of(template: &Template, new_id: String, now_ms: i64, lang: Lang) -> Template {
    Template {
        id: new_id,
        name: format!("{}{}", template.name, lang.pick("（副本）", " (copy)")),
        status: Status::Draft,
        created_ms: now_ms,
        updated_ms: now_ms,
        revision: 0,
        deleted_ms: None,
        ..template.clone()
    }
}

/// Orders names as people read them: ignoring case, and runs of digits by
/// their value, so "第2期" comes before "第10期". Chinese goes by code point
/// (roughly by radical), not by pinyin, which would need a large table.
fn compare_names(a: &str, b: &str) -> Ordering {
    let mut a = a.chars().flat_map(char::to_lowercase).peekable();
    let mut b = b.chars().flat_map(char::to_lowercase).peekable();
    loop {
        let (x, y) = match (a.peek(), b.peek()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(&x), Some(&y)) => (x, y),
        };
        let order = if x.is_ascii_digit() && y.is_ascii_digit() {
            let (x, y) = (digit_run(&mut a), digit_run(&mut b));
            let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
            x.len().cmp(&y.len()).then_with(|| x.cmp(y))
        } else {
            a.next();
            b.next();
            x.cmp(&y)
        };
        if order != Ordering::Equal {
            return order;
        }
    }
}

fn digit_run(chars: &mut std::iter::Peekable<impl Iterator<Item = char>>) -> String {
    let mut run = String::new();
    while let Some(digit) = chars.next_if(char::is_ascii_digit) {
        run.push(digit);
    }
    run
}

/// "Add it": a field `template` reads that nobody declared (`customer.vip_level`
/// typed just now) joins the library's schema, and each of the template's own
/// sample profiles that parses and lacks it gets the field's example value,
/// so the preview shows something and the check stops asking.
pub fn declare_field(shared: &mut Shared, template: &mut Template, path: &str) {
    if shared.schema.field(path).is_none() {
        shared.schema.fields.push(crate::library::model::Field { path: path.to_owned(), ..crate::library::model::Field::default() });
    }
    let Some(field) = shared.schema.field(path) else { return };
    let example = crate::template::sample::example_of(field);
    for profile in &mut template.samples {
        let lacks = crate::template::sample::record(&profile.data).is_ok_and(|record| crate::template::sample::value_at(&record, path).is_none());
        if lacks {
            if let Ok(data) = crate::template::sample::set_in_text(&profile.data, path, example.clone()) {
                profile.data = data;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::model::Field;

    const NOW: i64 = 1_780_000_000_000;

    fn library() -> Library {
        let mut library = Library::default();
        for (id, name, channel, lang) in [
            ("a", "春节问候", Channel::Email, Lang::Zh),
            ("b", "Renewal reminder", Channel::Sms, Lang::En),
            ("c", "apology for the outage", Channel::Email, Lang::En),
            ("d", "售后回访", Channel::Inapp, Lang::Zh),
        ] {
            library.create(id.into(), name.into(), channel, lang, NOW).unwrap();
        }
        library
    }

    fn names<'a>(templates: &[&'a Template]) -> Vec<&'a str> {
        templates.iter().map(|t| t.name.as_str()).collect()
    }

    fn edit(library: &mut Library, id: &str, change: impl FnOnce(&mut Template)) {
        change(library.get_mut(id).unwrap());
    }

    #[test]
    fn create_makes_a_blank_template_in_the_language() {
        let mut library = Library::default();
        let t = library.create("x".into(), "Welcome".into(), Channel::Sms, Lang::En, NOW).unwrap().clone();
        assert_eq!(t, Template {
            id: "x".into(),
            name: "Welcome".into(),
            channel: Channel::Sms,
            locale: Lang::En,
            created_ms: NOW,
            updated_ms: NOW,
            ..Template::default()
        });
        assert!(library.create("x".into(), "again".into(), Channel::Sms, Lang::En, NOW).is_none(), "taken id");
        assert!(library.create(String::new(), "no id".into(), Channel::Sms, Lang::En, NOW).is_none(), "empty id");
        assert_eq!(library.templates.len(), 1);
    }

    #[test]
    fn duplicate_is_a_fresh_draft_named_as_a_copy() {
        let mut library = library();
        edit(&mut library, "a", |t| {
            t.body = "正文".into();
            t.status = Status::Ready;
            t.revision = 9;
            t.tags = vec!["节日".into()];
        });
        let copy = library.duplicate("a", "a2".into(), NOW + 5, Lang::Zh).unwrap().clone();
        assert_eq!(copy.name, "春节问候（副本）");
        assert_eq!((copy.id.as_str(), copy.status, copy.revision, copy.created_ms, copy.updated_ms), ("a2", Status::Draft, 0, NOW + 5, NOW + 5));
        assert!(copy.same_content(&Template { name: copy.name.clone(), ..library.get("a").unwrap().clone() }));
        assert_eq!(library.duplicate("b", "b2".into(), NOW, Lang::En).unwrap().name, "Renewal reminder (copy)");
        assert!(library.duplicate("missing", "z".into(), NOW, Lang::En).is_none());
        assert_eq!(library.duplicate("a", "a3".into(), NOW, Lang::Zh).unwrap().name, "春节问候（副本 2）", "a second copy is told apart");
        assert_eq!(library.duplicate("a", "a4".into(), NOW, Lang::Zh).unwrap().name, "春节问候（副本 3）");
        assert!(library.duplicate("a", "b".into(), NOW, Lang::En).is_none(), "taken id");
        assert_eq!(library.templates.len(), 8);
    }

    #[test]
    fn rename_trims_and_touches() {
        let mut library = library();
        assert!(library.rename("b", "  Renewal, 30 days  ", NOW + 1));
        assert_eq!((library.get("b").unwrap().name.as_str(), library.get("b").unwrap().updated_ms), ("Renewal, 30 days", NOW + 1));
        assert!(!library.rename("missing", "x", NOW));
    }

    #[test]
    fn trash_restore_and_empty() {
        let mut library = library();
        assert!(library.trash("a", NOW + 1));
        assert!(!library.trash("a", NOW + 2), "already in the trash");
        assert!(library.trash("c", NOW + 3));
        assert_eq!(library.get("a").unwrap().deleted_ms, Some(NOW + 1));
        assert_eq!(library.active().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["b", "d"]);
        assert_eq!(library.trashed().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        assert!(library.restore("c"));
        assert!(!library.restore("c"), "not in the trash");
        assert!(!library.restore("missing"));
        assert_eq!(library.empty_trash(), ["a"]);
        assert_eq!(library.templates.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["b", "c", "d"]);
        assert!(library.empty_trash().is_empty());
    }

    #[test]
    fn upsert_replaces_by_id_or_adds_and_remove_takes_out() {
        let mut library = library();
        library.upsert(Template { id: "b".into(), name: "theirs".into(), revision: 4, ..Template::default() });
        library.upsert(Template { id: "e".into(), name: "new".into(), ..Template::default() });
        assert_eq!(library.get("b").unwrap().revision, 4);
        assert_eq!(library.templates.len(), 5);
        assert_eq!(library.remove("e").map(|t| t.name), Some("new".into()));
        assert_eq!(library.remove("e"), None);
    }

    #[test]
    fn list_sorts_by_name_ignoring_case_with_numbers_by_value() {
        let mut library = Library::default();
        for (id, name) in [("1", "b"), ("2", "B"), ("3", "第10期"), ("4", "第2期"), ("5", "a"), ("6", "售后"), ("7", "Zeta"), ("8", "b")] {
            library.create(id.into(), name.into(), Channel::Email, Lang::Zh, NOW).unwrap();
        }
        let sorted = library.list(&Filter::default(), SortBy::Name);
        assert_eq!(names(&sorted), ["a", "b", "B", "b", "Zeta", "售后", "第2期", "第10期"]);
        assert_eq!(sorted[1..4].iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["1", "2", "8"], "ties by id");
        assert_eq!(compare_names("v007", "v7"), Ordering::Equal);
        assert_eq!(compare_names("v7", "v7a"), Ordering::Less);
        assert_eq!(compare_names("", "a"), Ordering::Less);
    }

    #[test]
    fn list_by_last_edit_is_newest_first_and_skips_the_trash() {
        let mut library = library();
        edit(&mut library, "c", |t| t.updated_ms = NOW + 20);
        edit(&mut library, "b", |t| t.updated_ms = NOW + 10);
        library.trash("d", NOW + 30);
        let ids: Vec<_> = library.list(&Filter::default(), SortBy::LastEdit).iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["c", "b", "a"]);
    }

    #[test]
    fn text_search_covers_name_subject_body_tags_in_any_case_and_chinese() {
        let mut library = library();
        edit(&mut library, "c", |t| t.subject = "We are SORRY".into());
        edit(&mut library, "d", |t| {
            t.body = "感谢您对我们的信任，请对本次维修服务评分。".into();
            t.tags = vec!["NPS".into()];
        });
        let find = |text: &str| {
            let filter = Filter { text: text.into(), ..Filter::default() };
            library.list(&filter, SortBy::Name).iter().map(|t| t.id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(find("sorry"), ["c"]);
        assert_eq!(find("RENEWAL"), ["b"]);
        assert_eq!(find("维修"), ["d"]);
        assert_eq!(find("nps"), ["d"]);
        assert_eq!(find("春节"), ["a"]);
        assert_eq!(find("  维修   评分 "), ["d"], "every word must occur");
        assert!(find("维修 sorry").is_empty());
        assert_eq!(find("   ").len(), 4);
    }

    #[test]
    fn filters_combine() {
        let mut library = library();
        edit(&mut library, "a", |t| {
            t.scenario = "holiday".into();
            t.stage = Some(Stage::Service);
            t.status = Status::Ready;
        });
        edit(&mut library, "c", |t| {
            t.scenario = "apology".into();
            t.stage = Some(Stage::Service);
        });
        let ids = |filter: Filter| library.list(&filter, SortBy::Name).iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(Filter { channel: Some(Channel::Email), ..Filter::default() }), ["c", "a"]);
        assert_eq!(ids(Filter { stage: Some(Stage::Service), status: Some(Status::Draft), ..Filter::default() }), ["c"]);
        assert_eq!(ids(Filter { scenario: Some("holiday".into()), ..Filter::default() }), ["a"]);
        assert!(ids(Filter { scenario: Some("holiday".into()), channel: Some(Channel::Sms), ..Filter::default() }).is_empty());
        assert_eq!(ids(Filter { status: Some(Status::Draft), ..Filter::default() }), ["c", "b", "d"]);
    }

    #[test]
    fn counts_cover_active_templates_only() {
        let mut library = library();
        edit(&mut library, "a", |t| {
            t.scenario = "holiday".into();
            t.stage = Some(Stage::Renewal);
            t.status = Status::Ready;
        });
        edit(&mut library, "b", |t| t.scenario = "我的场景".into());
        library.trash("d", NOW);
        let counts = library.counts();
        assert_eq!((counts.active, counts.trashed), (3, 1));
        assert_eq!(counts.channels, BTreeMap::from([(Channel::Email, 2), (Channel::Sms, 1)]));
        assert_eq!(counts.statuses, BTreeMap::from([(Status::Draft, 2), (Status::Ready, 1)]));
        assert_eq!(counts.stages, BTreeMap::from([(Stage::Renewal, 1)]));
        assert_eq!(counts.scenarios, BTreeMap::from([("holiday".into(), 1), ("我的场景".into(), 1)]));
    }

    #[test]
    fn coverage_places_staged_active_templates_by_stage_and_channel() {
        let mut library = library();
        edit(&mut library, "a", |t| {
            t.stage = Some(Stage::WinBack);
            t.status = Status::Ready;
        });
        edit(&mut library, "c", |t| t.stage = Some(Stage::WinBack));
        edit(&mut library, "b", |t| t.stage = Some(Stage::Awareness));
        edit(&mut library, "d", |t| t.stage = Some(Stage::Service));
        library.trash("d", NOW);
        library.create("e".into(), "未定阶段".into(), Channel::Sms, Lang::Zh, NOW);
        let coverage = library.coverage();
        assert_eq!(coverage.cell(Stage::WinBack, Channel::Email), &CoverageCell { ready: vec!["a".into()], draft: vec!["c".into()] });
        assert_eq!(coverage.cell(Stage::Awareness, Channel::Sms).draft, ["b"]);
        assert!(coverage.cell(Stage::Service, Channel::Inapp).is_empty(), "trashed");
        let filled = Stage::ALL.iter().flat_map(|&s| Channel::ALL.map(|c| coverage.cell(s, c))).filter(|c| !c.is_empty()).count();
        assert_eq!(filled, 2);
        // The rest have no stage: their own row, none left out.
        assert_eq!(coverage.unstaged(Channel::Sms).draft, ["e"]);
        assert!(Channel::ALL.iter().all(|&c| c == Channel::Sms || coverage.unstaged(c).is_empty()));
    }

    #[test]
    fn coverage_indexes_follow_the_all_order() {
        assert!(Stage::ALL.iter().enumerate().all(|(i, &s)| s as usize == i));
        assert!(Channel::ALL.iter().enumerate().all(|(i, &c)| c as usize == i));
    }

    #[test]
    fn library_round_trips_and_older_encodings_decode() {
        let mut library = library();
        library.trash("a", NOW);
        let json = serde_json::to_string(&library).unwrap();
        assert_eq!(serde_json::from_str::<Library>(&json).unwrap(), library);
        assert_eq!(serde_json::from_str::<Library>("{}").unwrap(), Library::default());
    }

    #[test]
    fn starters_come_with_the_presets_they_need_and_the_gallery_can_be_restored() {
        let mut library = Library::default();
        let gallery = Gallery::load();
        let starters = &gallery.starters;
        let first = &starters[0];
        let added = library.add_starter(&gallery, first, "g1".into(), 5).unwrap();
        assert_eq!((added.id.as_str(), added.created_ms, added.gallery.as_deref()), ("g1", 5, Some(first.slug.as_str())));
        assert_eq!(library.shared, gallery.shared, "presets and partials adopted");

        library.trash("g1", 6);
        let mut n = 0;
        let restored = library.restore_gallery(
            &gallery,
            || {
                n += 1;
                format!("r{n}")
            },
            7,
        );
        assert_eq!(restored.len(), starters.len(), "a trashed starter counts as missing");
        assert_eq!((restored[0].as_str(), restored.last().map(String::as_str)), ("r1", Some(format!("r{}", starters.len()).as_str())));
        assert!(library.restore_gallery(&gallery, || "never".into(), 8).is_empty(), "nothing is missing any more");
    }

    #[test]
    fn a_copy_from_the_gallery_is_no_example_and_is_told_apart_by_name() {
        let mut library = Library::default();
        let gallery = Gallery::load();
        let starter = gallery.starters.iter().find(|s| s.template.locale == Lang::Zh).unwrap();
        let name = starter.template.name.clone();
        library.add_starter(&gallery, starter, "example".into(), 5).unwrap();
        let names: Vec<_> = ["c1", "c2", "c3"]
            .into_iter()
            .map(|id| library.copy_starter(&gallery, starter, id.into(), 6, Lang::Zh).map(|t| (t.name.clone(), t.gallery.clone())).unwrap())
            .collect();
        assert_eq!(names, [(format!("{name}（副本）"), None), (format!("{name}（副本 2）"), None), (format!("{name}（副本 3）"), None)]);
        assert_eq!(library.get("example").unwrap().gallery.as_deref(), Some(starter.slug.as_str()), "the example keeps its origin");

        let mut empty = Library::default();
        let copy = empty.copy_starter(&gallery, starter, "c".into(), 6, Lang::En).unwrap();
        assert_eq!((copy.name.as_str(), copy.gallery.as_ref()), (name.as_str(), None), "a free name is kept");
        assert_eq!(empty.shared, gallery.shared, "presets and partials adopted");
    }

    #[test]
    fn a_library_in_one_language_is_given_the_examples_written_in_it() {
        let gallery = Gallery::load();
        for lang in [Lang::Zh, Lang::En] {
            let mut library = Library::default();
            let mut n = 0;
            let added = library.restore_gallery(&gallery.in_language(lang), || { n += 1; n.to_string() }, 5);
            let expected = gallery.starters.iter().filter(|s| s.template.locale == lang).count();
            assert!(expected >= 5, "{lang:?}: the gallery has examples in this language");
            assert_eq!(added.len(), expected);
            assert!(library.active().all(|t| t.locale == lang), "{lang:?}: only examples in the UI's language");
        }
    }

    #[test]
    fn a_partial_knows_its_users_and_a_rename_rewrites_every_include() {
        let mut library = library();
        library.shared.partials.insert("zh/contact".into(), "客服热线 400-800-1234".into());
        library.shared.partials.insert("zh/signature".into(), "{% include \"zh/contact\" %}\n星河科技".into());
        edit(&mut library, "a", |t| t.body = "您好{% include \"zh/contact\" %}".into());
        edit(&mut library, "b", |t| t.body = "您好{% include \"zh/signature\" %}".into());
        edit(&mut library, "c", |t| t.body = "您好".into());
        let users = |l: &Library, name: &str| l.partial_users(name).iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        let mut expected = vec!["a".to_owned(), "b".to_owned()];
        expected.sort_by(|x, y| compare_names(&library.get(x).unwrap().name, &library.get(y).unwrap().name));
        assert_eq!(users(&library, "zh/contact"), expected, "b through the signature");
        assert_eq!(users(&library, "zh/signature"), ["b"]);
        let counts: Vec<(&str, usize)> = library.partial_use_counts().into_iter().map(|(name, n)| (name.as_str(), n)).collect();
        assert_eq!(counts, [("zh/contact", 2), ("zh/signature", 1)]);

        assert_eq!(library.rename_partial("zh/contact", "zh/signature", NOW), Err(PartialNameProblem::Taken));
        assert_eq!(library.rename_partial("zh/contact", "zh contact", NOW), Err(PartialNameProblem::Invalid));
        assert_eq!(library.rename_partial("zh/nothing", "zh/x", NOW), Err(PartialNameProblem::Missing));
        assert_eq!(library.rename_partial("zh/contact", " zh/联系方式 ", NOW + 1), Ok(vec!["a".to_owned()]));
        assert_eq!(library.get("a").unwrap().body, "您好{% include \"zh/联系方式\" %}");
        assert_eq!(library.get("a").unwrap().updated_ms, NOW + 1);
        assert_eq!(library.shared.partials["zh/signature"], "{% include \"zh/联系方式\" %}\n星河科技");
        assert!(!library.shared.partials.contains_key("zh/contact"));
        assert_eq!(users(&library, "zh/联系方式"), expected, "the users follow the new name");
    }

    #[test]
    fn adopting_keeps_what_the_user_changed() {
        let mut library = Library::default();
        library.shared.partials.insert("zh/signature".into(), "我们的签名".into());
        let mut presets = crate::library::gallery::shared();
        let extra = presets.schema.fields[0].clone();
        library.shared.schema.fields.push(Field { label: "我的标签".into(), ..extra });
        assert!(library.adopt(presets.clone()));
        assert_eq!(library.shared.partials["zh/signature"], "我们的签名");
        assert_eq!(library.shared.schema.fields[0].label, "我的标签");
        presets.partials.clear();
        assert!(!library.adopt(presets), "adopting twice adds nothing");
    }

    #[test]
    fn an_unknown_field_is_declared_and_given_to_the_samples_that_lack_it() {
        use crate::check::{self, RuleId};
        use crate::library::model::SampleProfile;
        let mut shared = Shared::default();
        shared.schema.fields.push(crate::library::model::Field { path: "customer.name".into(), ..crate::library::model::Field::default() });
        let profile = |name: &str, data: &str| SampleProfile { name: name.into(), data: data.into() };
        let mut template = Template {
            body: "{{ customer.name }}，您的等级：{{ customer.vip_level }}".into(),
            samples: vec![profile("a", r#"{"customer": {"name": "王"}}"#), profile("broken", "{")],
            ..Template::default()
        };
        let rules = |t: &Template, s: &Shared| check::check(t, s, &Settings::default()).iter().map(|d| d.rule).collect::<Vec<_>>();
        assert!(rules(&template, &shared).contains(&RuleId::UndefinedVariable));
        template.samples.insert(1, profile("b", r#"{"customer": {"name": "李", "vip_level": "金卡"}}"#));
        declare_field(&mut shared, &mut template, "customer.vip_level");
        declare_field(&mut shared, &mut template, "customer.vip_level");
        assert_eq!(shared.schema.fields.iter().filter(|f| f.path == "customer.vip_level").count(), 1, "declared once");
        assert_eq!(template.samples[0].data, r#"{"customer":{"name":"王","vip_level":"customer.vip_level"}}"#);
        assert_eq!(template.samples[1].data, r#"{"customer": {"name": "李", "vip_level": "金卡"}}"#, "a value it has stays");
        assert_eq!(template.samples[2].data, "{", "a profile that does not parse is left for its own error");
        let after = rules(&template, &shared);
        assert!(!after.contains(&RuleId::UndefinedVariable) && !after.contains(&RuleId::EmptyValue), "{after:?}");
    }
}
