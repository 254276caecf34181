//! The library as a zip laid out for git and for Jinja2's `FileSystemLoader`:
//!
//! ```text
//! manifest.json                         format, version, selection, settings, and per template
//!                                       its fields (less body and samples) with its file names
//! schema.json                           the shared field schema
//! templates/<scenario>/<name>.<channel>.j2   each body, exactly
//! partials/<partial name>               each partial, named as templates include it
//! samples/<name>.<channel>.json         each template's sample profiles
//! profiles.json                         the library-wide sample profiles (when there are any)
//! notice_filters.py                     our filters (masking) for Python Jinja2
//! README.md                             how to render the files with Jinja2
//! ```
//!
//! With `FileSystemLoader([root, root + "/partials"])` and the filters
//! installed, Jinja2 renders every template as the preview did (the test
//! suite proves it on every gallery and corpus template).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{FILTERS_PY, Selection, file_stem, pretty, selected, slug, without_body};
use crate::check::Settings;
use crate::library::Library;
use crate::library::model::SampleProfile;
use crate::files::zip::{self, Entry};

pub const FORMAT: &str = "notice-studio/zip";
pub const VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
pub const SCHEMA: &str = "schema.json";
pub const PARTIALS: &str = "partials/";
pub const PROFILES: &str = "profiles.json";

#[derive(Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub format: String,
    pub version: u32,
    pub selection: Selection,
    pub exported_ms: i64,
    /// How to load the files in Jinja2, for people and scripts reading the zip.
    #[serde(default)]
    pub jinja2: Jinja2,
    pub settings: Settings,
    pub templates: Vec<ManifestTemplate>,
    /// The library-wide sample profiles file, when the library has any:
    /// every template renders with its own samples, then these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiles: Option<String>,
}

#[derive(Default, Serialize, Deserialize)]
pub(crate) struct Jinja2 {
    pub searchpath: Vec<String>,
    pub filters: String,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct ManifestTemplate {
    /// The body, relative to the zip's root.
    pub file: String,
    /// The sample profiles (`[{"name", "data"}]`, data as typed).
    pub samples: String,
    /// Every other field of the template.
    pub template: serde_json::Map<String, serde_json::Value>,
}

/// Why a library cannot be laid out as files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsafePartialName(pub String);

/// The zip of the templates `selection` takes from `library`.
pub fn encode(library: &Library, selection: Selection, now_ms: i64) -> Result<Vec<u8>, UnsafePartialName> {
    let mut entries = Vec::new();
    let mut manifest = Manifest {
        format: FORMAT.to_owned(),
        version: VERSION,
        selection,
        exported_ms: now_ms,
        jinja2: Jinja2 { searchpath: vec![".".into(), "partials".into()], filters: "notice_filters.py".into() },
        settings: library.settings.clone(),
        templates: Vec::new(),
        profiles: None,
    };
    let mut taken = BTreeSet::new();
    for template in selected(library, selection) {
        let stem = file_stem(template, &mut taken);
        let folder = match slug(&template.scenario) {
            scenario if scenario.is_empty() => "general".to_owned(),
            scenario => scenario,
        };
        let file = format!("templates/{folder}/{stem}.j2");
        let samples = format!("samples/{stem}.json");
        let mut fields = without_body(template);
        fields.remove("samples");
        entries.push(Entry { name: file.clone(), data: template.body.clone().into_bytes() });
        entries.push(Entry { name: samples.clone(), data: pretty(&template.samples).into_bytes() });
        manifest.templates.push(ManifestTemplate { file, samples, template: fields });
    }
    for (name, text) in &library.shared.partials {
        let path = format!("{PARTIALS}{name}");
        zip::check_path(&path).map_err(|_| UnsafePartialName(name.clone()))?;
        entries.push(Entry { name: path, data: text.clone().into_bytes() });
    }
    if !library.shared.profiles.is_empty() {
        entries.push(Entry { name: PROFILES.to_owned(), data: pretty(&library.shared.profiles).into_bytes() });
        manifest.profiles = Some(PROFILES.to_owned());
    }
    entries.push(Entry { name: SCHEMA.to_owned(), data: pretty(&library.shared.schema).into_bytes() });
    entries.push(Entry { name: "notice_filters.py".to_owned(), data: FILTERS_PY.as_bytes().to_vec() });
    entries.push(Entry { name: "README.md".to_owned(), data: README.as_bytes().to_vec() });
    entries.insert(0, Entry { name: MANIFEST.to_owned(), data: pretty(&manifest).into_bytes() });
    Ok(zip::write(&entries))
}

/// A sample profiles file: one template's, or the library-wide ones.
pub(crate) type SamplesFile = Vec<SampleProfile>;

const README: &str = "\
# Notice Studio templates

Exported from Notice Studio. Each template's body is a Jinja file under
`templates/`; its subject, preheader and other fields are in `manifest.json`,
its sample customer records in `samples/` (and the library's own sample
customers, shared by every template, in `profiles.json` when it has any).
Render them with Python Jinja2 as the preview did:

```python
import json, jinja2, notice_filters

env = jinja2.Environment(loader=jinja2.FileSystemLoader([\".\", \"partials\"]))
notice_filters.install(env)
manifest = json.load(open(\"manifest.json\", encoding=\"utf-8\"))
shared = json.load(open(manifest[\"profiles\"], encoding=\"utf-8\")) if \"profiles\" in manifest else []
for entry in manifest[\"templates\"]:
    own = json.load(open(entry[\"samples\"], encoding=\"utf-8\"))
    profiles = own + [p for p in shared if p[\"name\"] not in {o[\"name\"] for o in own}]
    data = json.loads(profiles[0][\"data\"] or \"{}\") if profiles else {}
    print(env.get_template(entry[\"file\"]).render(data))
    print(env.from_string(entry[\"template\"][\"subject\"]).render(data))
```

Jinja2's defaults are the settings the preview uses (no autoescape, one final
newline dropped). Drop this folder, zipped, onto Notice Studio to import it.
";
