//! The starter gallery is an example to follow, so it must be flawless: every
//! file reads, it covers the scenarios and channels issue #7 lists, and every
//! template passes its own checks with no error and no warning for every one
//! of its sample profiles.

use std::collections::BTreeSet;

use notice_engine::check::{self, Severity, Settings};
use notice_engine::library::gallery::{self, Starter};
use notice_engine::lang::Lang;
use notice_engine::library::model::{Channel, Purpose, SCENARIOS};
use notice_engine::files::report;

fn starters() -> Vec<Starter> {
    let (starters, problems) = gallery::read_all();
    let problems: Vec<String> = problems.iter().chain(&gallery::data_problems()).map(ToString::to_string).collect();
    assert!(problems.is_empty(), "gallery files that do not read:\n{}", problems.join("\n"));
    starters
}

#[test]
fn every_template_passes_its_checks_for_every_profile() {
    let shared = gallery::shared();
    let mut failures = Vec::new();
    for starter in starters() {
        let cx = check::Context::new(&starter.template, &shared);
        let diagnostics = check::check_context(&cx, &Settings::default());
        let serious: Vec<_> = diagnostics.into_iter().filter(|d| d.severity != Severity::Info).collect();
        if !serious.is_empty() {
            failures.push(report::text(&format!("templates/{}.j2", starter.slug), &cx, &serious, Lang::Zh));
        }
    }
    assert!(failures.is_empty(), "{} gallery templates have errors or warnings:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_gallery_covers_the_scenarios_and_channels_of_the_issue() {
    let starters = starters();
    let has = |scenario: &str, channel: Channel, purpose: Purpose| {
        starters.iter().any(|s| s.template.scenario == scenario && s.template.channel == channel && s.template.purpose == purpose)
    };
    use Channel::*;
    use Purpose::*;
    let wanted = [
        ("software-update", Email, Notification),
        ("software-update", Inapp, Notification),
        ("service-change", Email, Notification),
        ("service-change", Sms, Notification),
        ("promotion", Email, Marketing),
        ("promotion", Sms, Marketing),
        ("apology", Email, Notification),
        ("apology", Sms, Notification),
        ("service-reminder", Sms, Notification),
        ("service-reminder", Email, Notification),
        ("holiday", Email, Notification),
        ("holiday", Sms, Notification),
        ("after-sales", Email, Notification),
        ("no-reply-follow-up", Email, Notification),
        ("survey", Email, Notification),
        ("renewal", Email, Notification),
        ("renewal", Sms, Notification),
        ("birthday", Sms, Notification),
        ("welcome", Email, Notification),
        ("welcome", Inapp, Notification),
        ("complaint-resolved", Email, Notification),
        ("policy-notice", Notice, Notification),
    ];
    let missing: Vec<_> = wanted.iter().filter(|(s, c, p)| !has(s, *c, *p)).collect();
    assert!(missing.is_empty(), "no gallery template for {missing:?}");

    let chinese = starters.iter().filter(|s| s.template.locale == Lang::Zh).count();
    let english: BTreeSet<_> = starters.iter().filter(|s| s.template.locale == Lang::En).map(|s| &s.template.scenario).collect();
    assert!(chinese >= 18, "{chinese} Chinese templates");
    assert!(english.len() >= 6, "English versions of {} scenarios", english.len());
}

#[test]
fn every_template_is_complete_and_built_from_the_shared_parts() {
    let shared = gallery::shared();
    let mut with_conditionals = 0;
    for Starter { slug, template } in starters() {
        let t = &template;
        assert!(SCENARIOS.contains(&t.scenario.as_str()), "{slug}: scenario {:?}", t.scenario);
        assert!(t.stage.is_some(), "{slug}: no journey stage");
        let g = &t.guidance;
        assert!(!g.frequency.is_empty() && !g.send_window.is_empty() && !g.lead_time.is_empty(), "{slug}: guidance {g:?}");
        assert!((2..=4).contains(&t.samples.len()), "{slug}: {} profiles", t.samples.len());
        assert!(t.body.contains("{% include"), "{slug}: uses no partial");
        for name in included(&t.body) {
            assert!(shared.partials.contains_key(name), "{slug}: includes unknown partial {name:?}");
        }
        if t.purpose == Purpose::Marketing {
            assert!(t.body.contains("optout\" %}"), "{slug}: a marketing message without the opt-out partial");
        }
        if t.channel == Channel::Email {
            assert!(!t.subject.is_empty() && !t.preheader.is_empty(), "{slug}: e-mail without subject or preheader");
        }
        if t.channel == Channel::Notice {
            let n = &t.notice;
            assert!(!n.company.is_empty() && !n.title.is_empty() && !n.version.is_empty(), "{slug}: notice header {n:?}");
            assert!(n.published.is_some() && n.effective.is_some(), "{slug}: notice dates {n:?}");
        }
        with_conditionals += usize::from(t.body.contains("{% if"));
    }
    assert!(with_conditionals >= 6, "only {with_conditionals} templates adapt to the customer with {{% if %}}");
}

#[test]
fn field_presets_mark_personal_data_sensitive() {
    let schema = gallery::shared().schema;
    for path in ["customer.phone", "customer.email", "customer.id_number", "customer.contract_amount"] {
        assert!(schema.field(path).is_some_and(|f| f.sensitive), "{path} must be a sensitive preset");
    }
    let paths: BTreeSet<_> = schema.fields.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths.len(), schema.fields.len(), "a field path is defined twice");
}

/// The partial names `{% include "…" %}` reads in `body`.
fn included(body: &str) -> impl Iterator<Item = &str> {
    body.split("{% include \"").skip(1).filter_map(|rest| rest.split('"').next())
}
