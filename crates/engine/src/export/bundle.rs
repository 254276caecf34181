//! The library bundle: one JSON file with every selected template, the shared
//! schema and partials, and the check settings. Its format is versioned and
//! described by `bundle.schema.json` (JSON Schema, draft 2020-12), which the
//! test suite validates exports against.
//!
//! ```json
//! {"format": "notice-studio/bundle", "version": 1, "selection": "all",
//!  "exported_ms": 1795000000000, "shared": {"schema": …, "partials": …},
//!  "settings": …, "templates": [{"id": …, "name": …, "body": …, …}]}
//! ```

use serde::{Deserialize, Serialize};

use super::{Selection, pretty, selected};
use crate::check::Settings;
use crate::library::Library;
use crate::model::{Shared, Template};

pub const FORMAT: &str = "notice-studio/bundle";
pub const VERSION: u32 = 1;
/// The JSON Schema of [`VERSION`].
pub const SCHEMA: &str = include_str!("bundle.schema.json");

#[derive(Serialize, Deserialize)]
pub(crate) struct Bundle {
    pub format: String,
    pub version: u32,
    pub selection: Selection,
    pub exported_ms: i64,
    pub shared: Shared,
    pub settings: Settings,
    pub templates: Vec<Template>,
}

/// The bundle of the templates `selection` takes from `library`.
pub fn encode(library: &Library, selection: Selection, now_ms: i64) -> String {
    pretty(&Bundle {
        format: FORMAT.to_owned(),
        version: VERSION,
        selection,
        exported_ms: now_ms,
        shared: library.shared.clone(),
        settings: library.settings.clone(),
        templates: selected(library, selection).cloned().collect(),
    })
}
