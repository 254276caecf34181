//! Prints every template we hold (the starter gallery, the check corpus and
//! the export cases of `tests/exports/cases.json`) converted to Liquid and
//! Handlebars, with our render for each sample profile, as one JSON array:
//!
//!     cargo run -p notice-engine --example export_cases > cases.json
//!
//! `tests/e2e/exports.test.mjs` renders each conversion with LiquidJS and
//! Handlebars.js on the same profiles and requires the same bytes.

#[path = "../tests/support/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;

use notice_engine::convert::{self, Target};
use notice_engine::lang::Lang;
use notice_engine::library::gallery;
use notice_engine::library::model::{FieldSchema, SampleProfile, Shared, Template};
use notice_engine::template::{render, sample};
use serde::Deserialize;
use serde_json::{json, Value};

/// A case written for the conversions: a body, its schema, partials and profiles.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportCase {
    name: String,
    body: String,
    #[serde(default)]
    schema: FieldSchema,
    #[serde(default)]
    partials: BTreeMap<String, String>,
    profiles: serde_json::Map<String, Value>,
}

fn main() {
    let mut out = Vec::new();
    let gallery_shared = gallery::shared();
    for starter in gallery::starters() {
        cases(&mut out, &format!("gallery/{}", starter.slug), &starter.template, &gallery_shared);
    }
    let corpus_shared = corpus::shared();
    for case in corpus::cases() {
        cases(&mut out, &format!("corpus/{}", case.file), &case.template, &corpus_shared);
    }
    let written: Vec<ExportCase> = serde_json::from_str(include_str!("../tests/exports/cases.json")).expect("tests/exports/cases.json");
    for case in written {
        let template = Template {
            body: case.body,
            samples: case.profiles.iter().map(|(name, data)| SampleProfile { name: name.clone(), data: data.to_string() }).collect(),
            ..Template::default()
        };
        let shared = Shared { schema: case.schema, partials: case.partials, ..Shared::default() };
        cases(&mut out, &format!("exports/{}", case.name), &template, &shared);
    }
    println!("{}", Value::Array(out));
}

/// The template converted to Liquid and to Handlebars, with our render of
/// every profile; an e-mail's subject as a case of its own.
fn cases(out: &mut Vec<Value>, name: &str, template: &Template, shared: &Shared) {
    let env = render::environment(&shared.partials);
    let profiles: Vec<(String, serde_json::Map<String, Value>)> = shared
        .profiles_for(template)
        .filter_map(|p| Some((p.name.clone(), sample::record(&p.data).ok()?)))
        .collect();
    let renders = |source: &str| -> Vec<Value> {
        profiles
            .iter()
            .map(|(profile, data)| {
                let output = render::render_in(&env, source, &sample::record_value(data)).ok();
                json!({ "profile": profile, "data": data, "output": output })
            })
            .collect()
    };
    for target in [Target::Liquid, Target::Handlebars] {
        let converted = convert::export_template(template, shared, target);
        let parts = [(name.to_owned(), Some(&converted.body), &template.body), (format!("{name} (subject)"), converted.subject.as_ref(), &template.subject)];
        for (case, result, source) in parts {
            let Some(result) = result else { continue };
            out.push(json!({
                "case": case,
                "target": target.as_str(),
                "converted": result.as_ref().ok(),
                "refusal": result.as_ref().err().map(|r| r.text(Lang::En)),
                "renders": renders(source),
            }));
        }
    }
}
