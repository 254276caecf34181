//! Checks: what is wrong with a template, precisely and early.
//!
//! `check()` renders the template once per sample profile, then hands the
//! source and the renders to one module per rule family. Each family reports
//! through a [`Sink`], which applies the settings (rule off, other severity),
//! so families never look at settings for that themselves.

mod compat;
mod compliance;
mod context;
mod length;
mod links;
mod privacy;
pub mod rules;
pub mod settings;
mod structure;
mod syntax;
mod timing;
mod typography;
mod variables;
mod wording;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use context::{Context, ProfileRender, Rendered};
pub use rules::RuleId;
pub use settings::{RuleSetting, Settings, Thresholds, WordLists};

use crate::lang::Lang;
use crate::model::{Shared, Template};
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
    /// The sample profile a finding about rendered output came from.
    pub profile: Option<String>,
    pub fix: Option<Fix>,
}

/// Collects diagnostics, applying the settings for the template's channel.
pub struct Sink<'a> {
    settings: &'a Settings,
    channel: crate::model::Channel,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(settings: &'a Settings, channel: crate::model::Channel) -> Sink<'a> {
        Sink { settings, channel, diagnostics: Vec::new() }
    }

    /// Whether `rule` runs at all; lets a family skip work for a rule that is off.
    pub fn wants(&self, rule: RuleId) -> bool {
        self.settings.severity(rule, self.channel).is_some()
    }

    pub fn report(&mut self, rule: RuleId, message: Message, location: Option<Location>, profile: Option<&str>, fix: Option<Fix>) {
        if let Some(severity) = self.settings.severity(rule, self.channel) {
            let profile = profile.map(str::to_owned);
            self.diagnostics.push(Diagnostic { rule, severity, message, location, profile, fix });
        }
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Checks `template` against every enabled rule. Deterministic: the same
/// input gives the same diagnostics in the same order.
pub fn check(template: &Template, library: &Shared, settings: &Settings) -> Vec<Diagnostic> {
    check_context(&Context::new(template, library), settings)
}

/// [`check`] on a prepared context, for callers that also show its renders
/// (the CLI quotes the output lines findings point into).
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
    diagnostics.sort_by(|a, b| {
        // Positioned findings first, in reading order; then the template-wide ones.
        let key = |d: &Diagnostic| {
            let position = d.location.as_ref().map(|l| (l.part, l.origin == Origin::Output, l.span.range.start));
            (position.is_none(), position, d.profile.clone(), d.rule)
        };
        key(a).cmp(&key(b))
    });
    diagnostics
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
