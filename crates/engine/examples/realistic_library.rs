//! Prints a realistic library as the local-storage entries the app would
//! hold: one JSON object of key → stored value, for seeding a browser
//! benchmark (`Object.entries(fixture).forEach(([k, v]) => localStorage.setItem(k, v))`).
//!
//!     cargo run -p notice-engine --example realistic_library -- [COUNT] > library.json
//!
//! COUNT is the number of templates (default 1000); the same COUNT gives the same bytes.

#[path = "../tests/support/realistic.rs"]
mod realistic;

use std::collections::BTreeMap;
use std::process::ExitCode;

use notice_engine::library::store::{self, Session};

fn main() -> ExitCode {
    let count = match std::env::args().nth(1).map(|arg| arg.parse::<usize>()) {
        None => 1000,
        Some(Ok(count)) => count,
        Some(Err(_)) => {
            eprintln!("usage: realistic_library [COUNT]");
            return ExitCode::FAILURE;
        }
    };
    let library = realistic::library(count);
    let session = Session { open: library.templates.first().map(|t| t.id.clone()), profile: None };
    let entries: serde_json::Map<String, serde_json::Value> = store::encode_entries(&library, &BTreeMap::new(), &session)
        .into_iter()
        .map(|(key, value)| (key, serde_json::Value::String(value)))
        .collect();
    match serde_json::to_string(&entries) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
