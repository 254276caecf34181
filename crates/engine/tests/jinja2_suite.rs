//! Jinja2's own test suite, as far as it is template + JSON data + a default
//! Environment (tests/conformance/jinja2_suite/cases.json, extracted and
//! rendered by real Jinja2 with extract.py): every case must render as Jinja2
//! renders it, or be flagged by `jinja2-compat` where the difference is written.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use notice_engine::check::{self, RuleId, Settings};
use notice_engine::library::model::{Shared, Template};
use notice_engine::template::render::{self, RenderError, RenderErrorKind};
use notice_engine::template::sample;
use serde::Deserialize;

#[derive(Deserialize)]
struct Suite {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    test: String,
    source: String,
    templates: BTreeMap<String, String>,
    globals: serde_json::Map<String, serde_json::Value>,
    context: serde_json::Value,
    output: Option<String>,
    error: Option<String>,
}

fn suite() -> Suite {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/jinja2_suite/cases.json");
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn ours(case: &Case) -> Result<String, RenderError> {
    let mut env = render::environment(&case.templates);
    for (name, value) in &case.globals {
        env.add_global(name.clone(), sample::to_value(value));
    }
    render::render_in(&env, &case.source, &sample::to_value(&case.context))
}

fn flagged(case: &Case) -> bool {
    let template = Template { body: case.source.clone(), ..Template::default() };
    let shared = Shared { partials: case.templates.clone(), ..Shared::default() };
    check::check(&template, &shared, &Settings::default()).iter().any(|d| d.rule == RuleId::Jinja2Compat)
}

/// How a case came out: the same as in Jinja2, or different and said so.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Identical,
    /// `jinja2-compat` reports the difference where it is written.
    Flagged,
    /// The preview stopped at a safety limit (COMPATIBILITY.md), with its error.
    Limit,
    Unflagged(String),
}

fn outcome(case: &Case) -> Outcome {
    let difference = match (ours(case), &case.output) {
        (Ok(out), Some(expected)) if &out == expected => return Outcome::Identical,
        (Err(_), None) => return Outcome::Identical,
        (Err(err), Some(_)) if matches!(err.kind, RenderErrorKind::Limit(_)) => return Outcome::Limit,
        (Ok(out), Some(expected)) => format!("silent difference: Jinja2 {expected:?}, ours {out:?}"),
        (Err(err), Some(expected)) => format!("false error: Jinja2 {expected:?}, ours {}", err.detail),
        (Ok(out), None) => format!("missed error: Jinja2 {}, ours {out:?}", case.error.as_deref().unwrap_or("")),
    };
    if flagged(case) { Outcome::Flagged } else { Outcome::Unflagged(difference) }
}

#[test]
fn every_case_renders_as_jinja2_or_is_flagged() {
    let suite = suite();
    // A deep elif chain needs more stack in a debug build than a test thread has.
    let outcomes = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || suite.cases.iter().map(|case| (outcome(case), case.test.clone(), case.source.clone())).collect::<Vec<_>>())
        .unwrap()
        .join()
        .unwrap();
    let count = |wanted: Outcome| outcomes.iter().filter(|(o, ..)| *o == wanted).count();
    let unflagged: Vec<String> = outcomes
        .iter()
        .filter_map(|(o, test, source)| match o {
            Outcome::Unflagged(what) => Some(format!("{test}\n  {source:?}\n  {what}")),
            _ => None,
        })
        .collect();
    let figure = format!(
        "{} of {} cases of Jinja2's own test suite identical; {} flagged by jinja2-compat, {} stopped at a safety limit",
        count(Outcome::Identical),
        outcomes.len(),
        count(Outcome::Flagged),
        count(Outcome::Limit),
    );
    println!("{figure}");
    assert!(unflagged.is_empty(), "{} unflagged differences:\n{}", unflagged.len(), unflagged.join("\n"));
    // The figure the README and COMPATIBILITY.md state is this one.
    for doc in ["README.md", "COMPATIBILITY.md"] {
        let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(doc)).unwrap();
        assert!(text.contains(&figure), "{doc} must state the measured figure: {figure}");
    }
}
