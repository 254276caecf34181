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
mod platform;
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
            [one] => Some(format!("{} {}", lang.pick("样例", "profile"), profile_name(one, lang))),
            many => {
                let names: Vec<&str> = many.iter().map(|p| profile_name(p, lang)).collect();
                Some(format!("{} {}", lang.pick("样例", "profiles"), names.join(lang.pick("、", ", "))))
            }
        }
    }
}

/// A sample profile's name as the page shows it: the record made from the
/// schema's examples (a template without profiles) has none of its own.
pub fn profile_name(profile: &str, lang: Lang) -> &str {
    if profile == context::GENERATED_PROFILE {
        lang.pick("字段表示例", "schema examples")
    } else {
        profile
    }
}

/// The findings of one rule, as the checks panel lists them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RuleGroup {
    pub rule: RuleId,
    /// The gravest severity among them.
    pub severity: Severity,
    pub diagnostics: Vec<Diagnostic>,
}

/// `diagnostics` grouped by rule: the group with the gravest finding first,
/// then the rule found first; the findings in their own order within a group.
pub fn by_rule(diagnostics: &[Diagnostic]) -> Vec<RuleGroup> {
    let mut groups: Vec<RuleGroup> = Vec::new();
    for d in diagnostics {
        match groups.iter_mut().find(|g| g.rule == d.rule) {
            Some(group) => {
                group.severity = group.severity.min(d.severity);
                group.diagnostics.push(d.clone());
            }
            None => groups.push(RuleGroup { rule: d.rule, severity: d.severity, diagnostics: vec![d.clone()] }),
        }
    }
    // Stable: groups of one severity keep the order their rules were found in.
    groups.sort_by_key(|g| g.severity);
    groups
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
    platform::check(cx, &mut sink, settings.platform);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: RuleId, severity: Severity, text: &str) -> Diagnostic {
        Diagnostic { rule, severity, message: Message::new(text, text), location: None, profiles: Vec::new(), fix: None }
    }

    #[test]
    fn by_rule_puts_the_gravest_group_first_and_keeps_each_groups_order() {
        let found = [
            finding(RuleId::Typography, Severity::Info, "t1"),
            finding(RuleId::MissingGreeting, Severity::Warning, "g1"),
            finding(RuleId::Typography, Severity::Info, "t2"),
            finding(RuleId::AbsoluteTerm, Severity::Warning, "a1"),
            // One finding raised to an error makes its whole group come first.
            finding(RuleId::AbsoluteTerm, Severity::Error, "a2"),
        ];
        let groups = by_rule(&found);
        let shape: Vec<(RuleId, Severity, Vec<&str>)> =
            groups.iter().map(|g| (g.rule, g.severity, g.diagnostics.iter().map(|d| d.message.zh.as_str()).collect())).collect();
        assert_eq!(
            shape,
            vec![
                (RuleId::AbsoluteTerm, Severity::Error, vec!["a1", "a2"]),
                (RuleId::MissingGreeting, Severity::Warning, vec!["g1"]),
                (RuleId::Typography, Severity::Info, vec!["t1", "t2"]),
            ]
        );
        assert!(by_rule(&[]).is_empty());
    }

    #[test]
    fn the_generated_profile_is_named_in_the_language_asked() {
        let mut d = finding(RuleId::MissingAction, Severity::Warning, "m");
        d.profiles = vec![context::GENERATED_PROFILE.to_owned()];
        assert_eq!(d.profiles_label(Lang::Zh).as_deref(), Some("样例 字段表示例"));
        d.profiles.push("王芳".into());
        assert_eq!(d.profiles_label(Lang::En).as_deref(), Some("profiles schema examples, 王芳"));
    }

    #[test]
    fn every_rule_has_a_title_in_both_languages() {
        for &rule in RuleId::ALL {
            let (zh, en) = (rule.title(Lang::Zh), rule.title(Lang::En));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{rule:?}");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{rule:?}: {zh}");
        }
    }
}
