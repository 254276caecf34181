//! Checks: what is wrong with a template, precisely and early.
//!
//! `check()` renders the template once per sample profile, then hands the
//! source and the renders to one module per rule family. Each family reports
//! through a [`Sink`], which applies the settings (rule off, other severity),
//! so families never look at settings for that themselves.

mod absolute;
mod compat;
mod compliance;
mod context;
mod length;
mod links;
mod privacy;
pub mod ready;
pub mod rules;
pub mod settings;
pub mod sms;
mod structure;
mod syntax;
mod timing;
mod typography;
pub mod validate;
mod variables;
mod wording;

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use context::{Context, ProfileRender, Rendered};
pub use variables::{sample_flaws, SampleFlaw};
pub use rules::RuleId;
pub use settings::{RuleSetting, Settings, Thresholds, WordLists};

use crate::lang::Lang;
use crate::library::model::{Shared, Template};
use crate::text::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A message in both UI languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Message {
        Message { zh: zh.into(), en: en.into() }
    }

    /// The message in both languages, from one function of the language.
    pub fn both(message: impl Fn(Lang) -> String) -> Message {
        Message::new(message(Lang::Zh), message(Lang::En))
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// Which text of a template a position refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Subject,
    Body,
}

/// Whether a span points into the template source or into rendered output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Source,
    Output,
}

/// Where a diagnostic points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct Location {
    pub part: Part,
    pub origin: Origin,
    pub span: Span,
}

/// An edit that resolves a diagnostic: replace `range` of the source `part`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct Fix {
    pub title: Message,
    pub part: Part,
    pub range: Range<usize>,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct Diagnostic {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: Message,
    /// `None` for findings about the template as a whole (a missing closing,
    /// a send time).
    pub location: Option<Location>,
    /// The sample profiles (or merge recipients) whose output shows this
    /// finding, in their order; empty for findings about the template itself.
    #[serde(default)]
    pub profiles: Vec<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The profiles it shows in, in words ("样例 王女士、李先生", "profiles A, B");
    /// `None` for a finding about the template itself.
    pub fn profiles_label(&self, lang: Lang) -> Option<String> {
        match self.profiles.as_slice() {
            [] => None,
            [one] => Some(format!("{} {one}", lang.pick("样例", "profile"))),
            many => Some(format!("{} {}", lang.pick("样例", "profiles"), many.join(lang.pick("、", ", ")))),
        }
    }
}

/// Collects diagnostics, applying the settings for the template's channel.
pub struct Sink<'a> {
    settings: &'a Settings,
    channel: crate::library::model::Channel,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(settings: &'a Settings, channel: crate::library::model::Channel) -> Sink<'a> {
        Sink { settings, channel, diagnostics: Vec::new() }
    }

    /// Whether `rule` runs at all; lets a family skip work for a rule that is off.
    pub fn wants(&self, rule: RuleId) -> bool {
        self.settings.severity(rule, self.channel).is_some()
    }

    pub fn report(&mut self, rule: RuleId, message: Message, location: Option<Location>, profile: Option<&str>, fix: Option<Fix>) {
        if let Some(severity) = self.settings.severity(rule, self.channel) {
            let profiles = profile.map(str::to_owned).into_iter().collect();
            self.diagnostics.push(Diagnostic { rule, severity, message, location, profiles, fix });
        }
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Checks `template` against every enabled rule, for every sample profile; a
/// finding several profiles share is one diagnostic naming them all, and
/// findings the template ignores are left out.
/// Deterministic: the same input gives the same diagnostics in the same order.
pub fn check(template: &Template, library: &Shared, settings: &Settings) -> Vec<Diagnostic> {
    review(&Context::new(template, library), settings).0
}

/// What a reader is shown of a prepared context, in the page, the CLI and the
/// exported reports alike: the findings grouped across profiles ([`group`]),
/// those the template ignores apart ([`split_ignored`]).
pub fn review(cx: &Context, settings: &Settings) -> (Vec<Diagnostic>, Vec<IgnoredFinding>) {
    let (kept, ignored) = split_ignored(cx.template, check_context(cx, settings));
    (group(kept), ignored)
}

/// Every finding of every rule on a prepared context, one diagnostic per
/// profile it shows in: each profile's findings come from its own output
/// alone, whatever the other profiles are (a merge's verdict per recipient).
/// [`group`] makes them what a reader wants to see.
pub fn check_context(cx: &Context, settings: &Settings) -> Vec<Diagnostic> {
    let mut sink = Sink::new(settings, cx.template.channel);
    syntax::check(cx, &mut sink);
    variables::check(cx, &mut sink);
    compat::check(cx, &mut sink);
    structure::check(cx, &mut sink);
    length::check(cx, &mut sink, &settings.thresholds);
    wording::check(cx, &mut sink, &settings.words);
    compliance::check(cx, &mut sink, settings);
    privacy::check(cx, &mut sink);
    links::check(cx, &mut sink, &settings.words);
    typography::check(cx, &mut sink);
    timing::check(cx, &mut sink, &settings.thresholds);
    let mut diagnostics = sink.into_diagnostics();
    // Positioned findings first, in reading order; then the template-wide
    // ones; a place's findings in the order of the profiles.
    let order: HashMap<&str, usize> = cx.renders.iter().enumerate().map(|(i, r)| (r.profile.as_str(), i)).collect();
    diagnostics.sort_by_cached_key(|d| {
        let position = d.location.as_ref().map(|l| (l.part, l.origin == Origin::Output, l.span.range.start));
        let profile = d.profiles.first().and_then(|p| order.get(p.as_str()).copied());
        (position.is_none(), position, profile, d.rule)
    });
    diagnostics
}

/// One diagnostic per finding, naming every profile it shows in: findings of
/// different profiles that say the same (rule, severity, message, fix, and
/// the same source place, or the same part of the output) are merged, the
/// n-th such finding of one profile with the n-th of each other. The first
/// profile's location stands for the group.
pub fn group(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // The diagnostic each one joins: itself when it leads a group.
    let leaders: Vec<usize> = {
        let mut leaders = Vec::with_capacity(diagnostics.len());
        let mut groups: HashMap<(GroupKey, usize), usize> = HashMap::new();
        let mut seen: HashMap<(GroupKey, &str), usize> = HashMap::new();
        for (i, d) in diagnostics.iter().enumerate() {
            let [profile] = d.profiles.as_slice() else {
                leaders.push(i);
                continue;
            };
            let key = GroupKey::of(d);
            let occurrence = seen.entry((key.clone(), profile)).or_default();
            leaders.push(*groups.entry((key, *occurrence)).or_insert(i));
            *occurrence += 1;
        }
        leaders
    };
    let mut grouped: Vec<Option<Diagnostic>> = diagnostics.into_iter().map(Some).collect();
    for (i, &leader) in leaders.iter().enumerate() {
        if leader != i {
            if let Some(member) = grouped[i].take() {
                if let Some(lead) = grouped[leader].as_mut() {
                    lead.profiles.extend(member.profiles);
                }
            }
        }
    }
    grouped.into_iter().flatten().collect()
}

/// What makes two profiles' findings the same finding.
#[derive(Clone, PartialEq, Eq, Hash)]
struct GroupKey<'d> {
    rule: RuleId,
    severity: Severity,
    message: &'d Message,
    fix: &'d Option<Fix>,
    /// The part and origin, with the range when it is in the source (an
    /// output range moves with each profile's values).
    place: Option<(Part, Origin, Option<&'d Range<usize>>)>,
}

impl GroupKey<'_> {
    fn of(d: &Diagnostic) -> GroupKey<'_> {
        let place = d.location.as_ref().map(|l| (l.part, l.origin, (l.origin == Origin::Source).then_some(&l.span.range)));
        GroupKey { rule: d.rule, severity: d.severity, message: &d.message, fix: &d.fix, place }
    }
}

/// What an "ignore here" of `diagnostic` keeps to recognise it: the source
/// text its span covers, or its English message when it points at rendered
/// output or at the whole template.
pub fn anchor(template: &Template, diagnostic: &Diagnostic) -> String {
    match &diagnostic.location {
        Some(location) if location.origin == Origin::Source => {
            let source = match location.part {
                Part::Body => &template.body,
                Part::Subject => &template.subject,
            };
            source.get(location.span.range.clone()).unwrap_or_default().to_owned()
        }
        _ => diagnostic.message.en.clone(),
    }
}

/// A finding the template ignores, with the user's reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IgnoredFinding {
    pub diagnostic: Diagnostic,
    pub reason: String,
}

/// Takes out of `diagnostics` those the template ignores (same rule, same
/// anchor); readiness counts only the rest.
pub fn split_ignored(template: &Template, diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, Vec<IgnoredFinding>) {
    let mut ignored = Vec::new();
    let kept = diagnostics
        .into_iter()
        .filter_map(|diagnostic| {
            let anchor = anchor(template, &diagnostic);
            match template.ignored.iter().find(|i| i.rule == diagnostic.rule.as_str() && i.anchor == anchor) {
                Some(ignore) => {
                    ignored.push(IgnoredFinding { diagnostic, reason: ignore.reason.clone() });
                    None
                }
                None => Some(diagnostic),
            }
        })
        .collect();
    (kept, ignored)
}

/// Counts by severity; a template is ready only when it has no errors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Readiness {
    pub fn of(diagnostics: &[Diagnostic]) -> Readiness {
        let count = |severity| diagnostics.iter().filter(|d| d.severity == severity).count();
        Readiness { errors: count(Severity::Error), warnings: count(Severity::Warning), infos: count(Severity::Info) }
    }

    pub fn is_ready(self) -> bool {
        self.errors == 0
    }
}
