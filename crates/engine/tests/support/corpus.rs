//! The check corpus as templates: `tests/corpus/NAME.CHANNEL.j2` plus an
//! optional `NAME.CHANNEL.json` sidecar:
//! `{"purpose", "audience", "subject", "send_at", "holiday", "profiles": {NAME: {…}},
//!   "expect": [rule ids], "expect_not": [rule ids]}`.
//! `schema.json` and `partials/*.j2` form the library every case shares.
//! Read by the corpus test (checks) and the export test (Jinja2 conformance).

// Each test crate compiles this module and uses a part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use notice_engine::library::model::{Channel, FieldSchema, SampleProfile, Shared, Template};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Sidecar {
    purpose: Option<notice_engine::library::model::Purpose>,
    audience: Option<notice_engine::library::model::Audience>,
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

pub struct Case {
    /// `NAME.CHANNEL.j2`.
    pub file: String,
    pub template: Template,
    /// Rule ids that must fire, and that must stay silent.
    pub expect: Vec<String>,
    pub expect_not: Vec<String>,
}

pub fn dir() -> &'static Path {
    // From the engine's tests and the CLI's alike (both crates sit in crates/).
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../engine/tests/corpus"))
}

pub fn shared() -> Shared {
    let schema: FieldSchema = serde_json::from_str(&fs::read_to_string(dir().join("schema.json")).unwrap()).unwrap();
    let partials = fs::read_dir(dir().join("partials"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "j2"))
        .map(|path| (path.file_stem().unwrap().to_str().unwrap().to_owned(), fs::read_to_string(&path).unwrap()))
        .collect::<BTreeMap<_, _>>();
    Shared { schema, partials, ..Shared::default() }
}

/// The case of the template file at `path`.
pub fn case(path: &Path) -> Case {
    let file = path.file_name().unwrap().to_str().unwrap().to_owned();
    let channel = file.trim_end_matches(".j2").rsplit_once('.').and_then(|(_, c)| Channel::parse(c));
    let channel = channel.unwrap_or_else(|| panic!("{file}: name it NAME.CHANNEL.j2"));
    let sidecar_path = path.with_extension("json");
    let sidecar: Sidecar = match fs::read_to_string(&sidecar_path) {
        Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", sidecar_path.display())),
        Err(_) => Sidecar::default(),
    };
    let template = Template {
        name: file.clone(),
        channel,
        purpose: sidecar.purpose.unwrap_or_default(),
        audience: sidecar.audience.unwrap_or_default(),
        subject: sidecar.subject,
        body: fs::read_to_string(path).unwrap(),
        samples: sidecar.profiles.iter().map(|(name, data)| SampleProfile { name: name.clone(), data: data.to_string() }).collect(),
        send_at: sidecar.send_at,
        holiday: sidecar.holiday,
        ..Template::default()
    };
    Case { file, template, expect: sidecar.expect, expect_not: sidecar.expect_not }
}

/// Every case, by file name.
pub fn cases() -> Vec<Case> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "j2")).collect();
    paths.sort();
    paths.iter().map(|p| case(p)).collect()
}
