//! The library bundle: one JSON file with every selected template, the shared
//! schema, partials and library-wide sample profiles, and the check settings. Its format is versioned and
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
use crate::library::model::{Shared, Template};

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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::*;
    use crate::check::settings::RuleSetting;
    use crate::check::{RuleId, Severity};
    use crate::lang::Lang;
    use crate::library::model::{Audience, Channel, Field, FieldFormat, FieldType, Ignore, Purpose, SampleProfile, Stage, Status};

    fn schema() -> Value {
        serde_json::from_str(SCHEMA).expect("bundle.schema.json is JSON")
    }

    #[test]
    fn the_schema_is_of_this_format_and_version() {
        let schema = schema();
        assert_eq!(schema["properties"]["format"]["const"], FORMAT);
        assert_eq!(schema["properties"]["version"]["const"], VERSION);
    }

    #[test]
    fn the_schema_enums_name_every_variant_as_serialized() {
        fn names<T: Serialize>(values: impl IntoIterator<Item = T>) -> Value {
            values.into_iter().map(|v| serde_json::to_value(v).unwrap()).collect()
        }
        let schema = schema();
        for (def, variants) in [
            ("RuleId", names(RuleId::ALL)),
            ("Channel", names(Channel::ALL)),
            ("Stage", names(Stage::ALL)),
            ("Status", names(Status::ALL)),
            ("FieldType", names(FieldType::ALL)),
            ("FieldFormat", names(FieldFormat::ALL)),
            ("Lang", names(Lang::ALL)),
            ("Purpose", names([Purpose::Notification, Purpose::Marketing])),
            ("Audience", names([Audience::Business, Audience::Retail, Audience::All])),
            ("Severity", names([Severity::Error, Severity::Warning, Severity::Info])),
            ("Selection", names([Selection::Ready, Selection::All])),
        ] {
            assert_eq!(schema["$defs"][def]["enum"], variants, "{def}");
        }
    }

    /// A bundle with something in every list, as `encode` writes it.
    fn full_bundle() -> Value {
        let mut settings = Settings::default();
        settings.rules.insert(RuleId::AbsoluteTerm, RuleSetting { enabled: Some(true), severity: Some(Severity::Error) });
        settings.platform = Some(crate::convert::sms::Platform::Tencent);
        let template = Template {
            samples: vec![SampleProfile { name: "Ann".into(), data: "{}".into() }],
            ignored: vec![Ignore { rule: "absolute-term".into(), anchor: "最佳".into(), reason: "a quote".into() }],
            ready: crate::check::ready::ReadyMark {
                at_ms: 1,
                findings: "0123456789abcdef".into(),
                errors: vec![RuleId::SmsSignature.as_str().into()],
                reason: "signed by the platform".into(),
            },
            ..Template::default()
        };
        let shared = Shared {
            schema: crate::library::model::FieldSchema { fields: vec![Field { path: "customer.name".into(), ..Field::default() }] },
            profiles: vec![SampleProfile { name: "VIP".into(), data: "{}".into() }],
            ..Shared::default()
        };
        let bundle = Bundle { format: FORMAT.into(), version: VERSION, selection: Selection::All, exported_ms: 1, shared, settings, templates: vec![template] };
        serde_json::to_value(&bundle).unwrap()
    }

    /// Every object of the bundle, by JSON pointer, with the schema part describing it.
    const OBJECTS: [(&str, &str); 15] = [
        ("", ""),
        ("/shared", "Shared"),
        ("/shared/schema", "FieldSchema"),
        ("/shared/schema/fields/0", "Field"),
        ("/shared/profiles/0", "SampleProfile"),
        ("/settings", "Settings"),
        ("/settings/rules/absolute-term", "RuleSetting"),
        ("/settings/thresholds", "Thresholds"),
        ("/settings/words", "WordLists"),
        ("/templates/0", "Template"),
        ("/templates/0/samples/0", "SampleProfile"),
        ("/templates/0/notice", "NoticeHeader"),
        ("/templates/0/guidance", "Guidance"),
        ("/templates/0/ignored/0", "Ignore"),
        ("/templates/0/ready", "ReadyMark"),
    ];

    /// The schema's `required` and `properties` match serde: exports write
    /// every property the schema names and no other; an object reduced to
    /// its required keys decodes; without any one of them it does not.
    #[test]
    fn the_schema_requires_and_names_the_keys_serde_does() {
        let schema = schema();
        let checked: BTreeSet<&str> = OBJECTS.iter().map(|(_, def)| *def).filter(|def| !def.is_empty()).collect();
        let objects: BTreeSet<&str> = schema["$defs"].as_object().unwrap().iter().filter(|(_, def)| def.get("properties").is_some()).map(|(name, _)| name.as_str()).collect();
        assert_eq!(checked, objects, "every object the schema describes is checked here");
        let full = full_bundle();
        let decodes = |bundle: &Value| serde_json::from_value::<Bundle>(bundle.clone()).is_ok();
        assert!(decodes(&full));
        for (pointer, def) in OBJECTS {
            let part = if def.is_empty() { &schema } else { &schema["$defs"][def] };
            let required: Vec<&str> = part.get("required").map_or(vec![], |r| r.as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect());
            let properties: Vec<&String> = part["properties"].as_object().unwrap().keys().collect();
            let written: Vec<&String> = full.pointer(pointer).unwrap().as_object().unwrap().keys().collect();
            assert_eq!(written, properties, "{def}: the keys written, in order");

            let mut reduced = full.clone();
            reduced.pointer_mut(pointer).unwrap().as_object_mut().unwrap().retain(|key, _| required.contains(&key.as_str()));
            assert!(decodes(&reduced), "{def} with only {required:?} decodes");
            for key in &required {
                let mut without = full.clone();
                without.pointer_mut(pointer).unwrap().as_object_mut().unwrap().remove(*key);
                assert!(!decodes(&without), "{def} without {key} does not decode");
            }
        }
    }
}
