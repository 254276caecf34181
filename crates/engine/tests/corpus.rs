//! The check corpus: every template in tests/corpus is checked, its
//! diagnostics compared with a reviewed snapshot (insta), and the rules its
//! sidecar says must fire (`expect`) or must stay silent (`expect_not`)
//! asserted, so a rule that breaks fails here by name.
//!
//! A case is `NAME.CHANNEL.j2` plus an optional `NAME.CHANNEL.json` sidecar:
//! `{"purpose", "audience", "subject", "send_at", "holiday", "profiles": {NAME: {…}},
//!   "expect": [rule ids], "expect_not": [rule ids]}`.
//! `schema.json` and `partials/*.j2` form the library every case shares.
//! Review new snapshots, then accept them with `INSTA_UPDATE=always cargo test`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use notice_engine::check::{self, Context, RuleId, Settings};
use notice_engine::lang::Lang;
use notice_engine::model::{Channel, FieldSchema, Shared, SampleProfile, Template};
use notice_engine::report;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Sidecar {
    purpose: Option<notice_engine::model::Purpose>,
    audience: Option<notice_engine::model::Audience>,
    subject: String,
    send_at: Option<notice_engine::time::DateTime>,
    holiday: Option<notice_engine::time::Date>,
    profiles: serde_json::Map<String, serde_json::Value>,
    expect: Vec<String>,
    expect_not: Vec<String>,
    /// Why this case exists, for the reader of the corpus.
    #[allow(dead_code)]
    note: String,
}

fn corpus() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus"))
}

fn library() -> Shared {
    let schema: FieldSchema = serde_json::from_str(&fs::read_to_string(corpus().join("schema.json")).unwrap()).unwrap();
    let partials = fs::read_dir(corpus().join("partials"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "j2"))
        .map(|path| (path.file_stem().unwrap().to_str().unwrap().to_owned(), fs::read_to_string(&path).unwrap()))
        .collect::<BTreeMap<_, _>>();
    Shared { schema, partials }
}

fn rule_ids(ids: &[String], file: &str) -> Vec<RuleId> {
    ids.iter().map(|id| RuleId::parse(id).unwrap_or_else(|| panic!("{file}: unknown rule id {id:?}"))).collect()
}

#[test]
fn corpus_diagnostics_match_their_snapshots_and_expectations() {
    let library = library();
    let mut cases = 0;
    insta::glob!("corpus/*.j2", |path| {
        cases += 1;
        let file = path.file_name().unwrap().to_str().unwrap();
        let channel = file.trim_end_matches(".j2").rsplit_once('.').and_then(|(_, c)| Channel::parse(c));
        let channel = channel.unwrap_or_else(|| panic!("{file}: name it NAME.CHANNEL.j2"));
        let sidecar_path = path.with_extension("json");
        let sidecar: Sidecar = match fs::read_to_string(&sidecar_path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", sidecar_path.display())),
            Err(_) => Sidecar::default(),
        };
        let template = Template {
            name: file.to_owned(),
            channel,
            purpose: sidecar.purpose.unwrap_or_default(),
            audience: sidecar.audience.unwrap_or_default(),
            subject: sidecar.subject.clone(),
            body: fs::read_to_string(path).unwrap(),
            samples: sidecar.profiles.iter().map(|(name, data)| SampleProfile { name: name.clone(), data: data.to_string() }).collect(),
            send_at: sidecar.send_at,
            holiday: sidecar.holiday,
            ..Template::default()
        };
        let cx = Context::new(&template, &library);
        let diagnostics = check::check_context(&cx, &Settings::default());

        let fired: Vec<RuleId> = diagnostics.iter().map(|d| d.rule).collect();
        for rule in rule_ids(&sidecar.expect, file) {
            assert!(fired.contains(&rule), "{file}: expected {} to fire; fired {fired:?}", rule.as_str());
        }
        for rule in rule_ids(&sidecar.expect_not, file) {
            assert!(!fired.contains(&rule), "{file}: expected {} to stay silent", rule.as_str());
        }

        let mut snapshot = report::text(file, &cx, &diagnostics, Lang::En);
        for d in &diagnostics {
            snapshot += &format!("zh[{}] {}\n", d.rule.as_str(), d.message.zh);
        }
        insta::assert_snapshot!(snapshot);
    });
    assert!(cases >= 60, "the corpus has {cases} cases; it needs at least 60");
}
