//! `undefined-variable`, `unused-field` and `field-format`: do the template's
//! placeholders match the fields customer records have, and are the sample
//! profiles' values real values of their fields' formats?
//!
//! Declared paths are the schema's field paths plus every path in the sample
//! profiles. The paths a template uses come from minijinja's own scope
//! analysis, so loop variables, `loop`, macros and `{% set %}` names are never
//! mistaken for fields.

use std::collections::{BTreeSet, HashSet};

use super::{Context, Fix, Location, Message, Origin, Part, RuleId, Sink};
use crate::template::scan;
use crate::text::Span;
use crate::lang::Lang;
use crate::library::model::label_in;
use crate::check::validate;

pub(super) fn check(cx: &Context, sink: &mut Sink) {
    field_formats(cx, sink);
    let declared = declared_paths(cx);
    // Fields a misspelled name was probably meant to be: used, in intent.
    let mut suggested = BTreeSet::new();
    if sink.wants(RuleId::UndefinedVariable) && !declared.is_empty() {
        for (part, used) in &cx.used_paths {
            for path in used {
                if !is_declared(path, &declared) {
                    let suggestion = nearest(path, &declared);
                    suggested.extend(suggestion.map(str::to_owned));
                    report_undefined(sink, *part, cx.source(*part), path, suggestion);
                }
            }
        }
    }
    // A part that does not parse reads nothing we can see; saying its fields
    // are unused would be wrong.
    if sink.wants(RuleId::UnusedField) && cx.syntax_errors.is_empty() {
        let used = paths_including_partials(cx);
        for field in cx.library.schema.fields.iter().filter(|f| f.required) {
            let is_used = suggested.contains(&field.path)
                || used.iter().any(|p| p == &field.path || field.path.starts_with(&format!("{p}.")));
            if !is_used {
                let label = if field.label.is_empty() { " ".to_owned() } else { format!("（{}）", field.label) };
                let label_en = if field.label.is_empty() { String::new() } else { format!(" ({})", field.label) };
                let message = Message::new(
                    format!("必填字段 {}{label}在模板中没有用到", field.path),
                    format!("The required field {}{label_en} is not used in the template", field.path),
                );
                sink.report(RuleId::UnusedField, message, None, None, None);
            }
        }
    }
}

/// Values of formatted fields in the sample profiles that are no real value
/// of the format (a mobile number `12345678901`, a date `2026-02-30`): the
/// preview would show customers who cannot exist. A merge's recipients have
/// their values judged as rows instead.
fn field_formats(cx: &Context, sink: &mut Sink) {
    if cx.recipients || !sink.wants(RuleId::FieldFormat) {
        return;
    }
    for SampleFlaw { profile, path, label, value, flaw } in sample_flaws(cx) {
        let (zh, en) = (label_in(&label, &path, Lang::Zh), label_in(&label, &path, Lang::En));
        let message = Message::new(
            format!("样例中“{zh}”（{path}）的值“{value}”有误：{}", flaw.zh),
            format!("The sample's “{en}” ({path}) “{value}” is wrong: {}", flaw.en),
        );
        sink.report(RuleId::FieldFormat, message, None, Some(&profile), None);
    }
}

/// A sample profile's value that is no real value of its field's format.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleFlaw {
    pub profile: String,
    pub path: String,
    /// The field's label ("中文 · English", or empty).
    pub label: String,
    pub value: String,
    /// What is wrong with the value.
    pub flaw: Message,
}

/// Every formatted field's value in the (real) sample profiles that fails its
/// format: for the `field-format` rule, and for the sample form beside the input.
pub fn sample_flaws(cx: &Context) -> Vec<SampleFlaw> {
    let formatted: Vec<_> = cx.library.schema.fields.iter().filter_map(|f| f.format.map(|format| (f, format))).collect();
    let mut flaws = Vec::new();
    for render in cx.renders.iter().filter(|r| !r.synthetic) {
        let Ok(data) = &render.data else { continue };
        for (field, format) in &formatted {
            let value = field.path.split('.').try_fold(data.clone(), |value, key| value.get_attr(key).ok().filter(|v| !v.is_undefined()));
            let Some(text) = value.as_ref().and_then(|v| v.as_str()).map(str::trim).filter(|t| !t.is_empty()) else { continue };
            if let Err(flaw) = validate::value(*format, text) {
                flaws.push(SampleFlaw {
                    profile: render.profile.clone(),
                    path: field.path.clone(),
                    label: field.label.clone(),
                    value: text.to_owned(),
                    flaw: flaw.message(),
                });
            }
        }
    }
    flaws
}

fn report_undefined(sink: &mut Sink, part: Part, source: &str, path: &str, suggestion: Option<&str>) {
    let hint_zh = suggestion.map(|s| format!("您是不是想写 {s}？")).unwrap_or_else(|| "请在字段表中添加它，或检查拼写。".to_owned());
    let hint_en = suggestion.map(|s| format!("Did you mean {s}?")).unwrap_or_else(|| "Add it to the field schema or check the spelling.".to_owned());
    let message = Message::new(
        format!("变量 {path} 未声明：字段表和样例数据中都没有它。{hint_zh}"),
        format!("The variable {path} is not declared: neither the field schema nor the sample data has it. {hint_en}"),
    );
    let occurrences = scan::path_occurrences(source, path);
    if occurrences.is_empty() {
        sink.report(RuleId::UndefinedVariable, message, None, None, None);
        return;
    }
    for range in occurrences {
        let fix = suggestion.map(|s| Fix {
            title: Message::new(format!("改为 {s}"), format!("Change to {s}")),
            part,
            range: range.clone(),
            replacement: s.to_owned(),
        });
        let location = Location { part, origin: Origin::Source, span: Span::of(source, range) };
        sink.report(RuleId::UndefinedVariable, message.clone(), Some(location), None, fix);
    }
}

/// Paths used by the template's parts and by the partials they include.
fn paths_including_partials(cx: &Context) -> BTreeSet<String> {
    let mut used: BTreeSet<String> = cx.used_paths.iter().flat_map(|(_, paths)| paths.iter().cloned()).collect();
    let mut pending: Vec<String> = cx.parts().flat_map(|part| scan::partials_used(cx.source(part))).map(|(name, _)| name).collect();
    let mut seen = HashSet::new();
    while let Some(name) = pending.pop() {
        if let Some(partial) = cx.library.partials.get(&name).filter(|_| seen.insert(name.clone())) {
            used.extend(cx.paths_read_by(partial));
            pending.extend(scan::partials_used(partial).into_iter().map(|(name, _)| name));
        }
    }
    used
}

fn declared_paths(cx: &Context) -> BTreeSet<String> {
    let mut declared: BTreeSet<String> = cx.library.schema.fields.iter().map(|f| f.path.clone()).collect();
    for profile in cx.library.profiles_for(cx.template) {
        if let Ok(serde_json::Value::Object(fields)) = serde_json::from_str(&profile.data) {
            collect_paths("", &serde_json::Value::Object(fields), &mut declared);
        }
    }
    declared
}

fn collect_paths(prefix: &str, value: &serde_json::Value, out: &mut BTreeSet<String>) {
    if let serde_json::Value::Object(fields) = value {
        for (key, child) in fields {
            let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
            collect_paths(&path, child, out);
            out.insert(path);
        }
    }
}

/// A used path is declared when it is a declared path or a parent of one
/// (`customer` when `customer.name` is declared).
fn is_declared(path: &str, declared: &BTreeSet<String>) -> bool {
    declared.contains(path) || declared.range(format!("{path}.")..).next().is_some_and(|d| d.starts_with(&format!("{path}.")))
}

/// The declared path closest to `path` by edit distance, when close enough
/// to be a likely typo.
fn nearest<'a>(path: &str, declared: &'a BTreeSet<String>) -> Option<&'a str> {
    let limit = (path.chars().count() / 3).max(1);
    declared
        .iter()
        .map(|candidate| (edit_distance(path, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| candidate.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check, Diagnostic, Settings};
    use crate::library::model::{Field, Shared, SampleProfile, Template};

    fn library(fields: &[(&str, bool)]) -> Shared {
        let mut library = Shared::default();
        library.schema.fields = fields.iter().map(|&(path, required)| Field { path: path.into(), required, ..Field::default() }).collect();
        library
    }

    fn findings(template: &Template, library: &Shared, rule: RuleId) -> Vec<Diagnostic> {
        check(template, library, &Settings::default()).into_iter().filter(|d| d.rule == rule).collect()
    }

    fn body(body: &str) -> Template {
        Template { body: body.into(), ..Template::default() }
    }

    #[test]
    fn a_sample_value_not_of_its_format_is_named_by_the_label_in_each_language() {
        let mut library = Shared::default();
        library.schema.fields = vec![Field {
            path: "customer.phone".into(),
            label: "手机号 · Mobile".into(),
            format: Some(crate::library::model::FieldFormat::Mobile),
            ..Field::default()
        }];
        let template = Template {
            samples: vec![SampleProfile { name: "王".into(), data: r#"{"customer": {"phone": "12345678901"}}"#.into() }],
            ..body("{{ customer.phone }}")
        };
        let found = findings(&template, &library, RuleId::FieldFormat);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].profiles, ["王"]);
        assert!(found[0].message.zh.starts_with("样例中“手机号”（customer.phone）的值“12345678901”有误："), "{}", found[0].message.zh);
        assert!(found[0].message.en.starts_with("The sample's “Mobile” (customer.phone) “12345678901” is wrong:"), "{}", found[0].message.en);
    }

    #[test]
    fn typo_in_a_nested_path_is_found_with_a_suggestion_and_fix() {
        let library = library(&[("customer.name", true), ("customer.phone", false)]);
        let source = "尊敬的{{ customer.nmae }}：\n{% if customer.nmae %}x{% endif %}";
        let found = findings(&body(source), &library, RuleId::UndefinedVariable);
        assert_eq!(found.len(), 2, "{found:#?}");
        let first = found[0].location.as_ref().unwrap();
        assert_eq!((first.span.line, first.span.column), (1, 7));
        assert!(found[0].message.en.contains("Did you mean customer.name?"), "{}", found[0].message.en);
        assert!(found[0].message.zh.contains("您是不是想写 customer.name？"));
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!((&source[fix.range.clone()], fix.replacement.as_str()), ("customer.nmae", "customer.name"));
        assert_eq!(found[1].location.as_ref().unwrap().span.line, 2);
    }

    #[test]
    fn local_names_loop_macros_set_and_globals_are_not_undeclared() {
        let library = library(&[("customer.name", true), ("orders", false)]);
        let source = "{% set greeting = \"您好\" %}{% macro line(x) %}{{ x }}{% endmacro %}\
                      {{ greeting }}{{ customer.name }}{% for order in orders %}{{ loop.index }}{{ order.id }}{{ line(order) }}{% endfor %}\
                      {% for i in range(3) %}{{ i }}{% endfor %}{{ customer }}";
        assert_eq!(findings(&body(source), &library, RuleId::UndefinedVariable), vec![]);
    }

    #[test]
    fn sample_profile_keys_declare_paths() {
        let template = Template {
            body: "{{ coupon.code }} {{ coupon.cod }}".into(),
            samples: vec![SampleProfile { name: "a".into(), data: r#"{"coupon": {"code": "X1"}}"#.into() }],
            ..Template::default()
        };
        let found = findings(&template, &Shared::default(), RuleId::UndefinedVariable);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.en.starts_with("The variable coupon.cod is not declared"));
    }

    #[test]
    fn no_suggestion_when_nothing_is_close() {
        let library = library(&[("customer.name", true)]);
        let found = findings(&body("{{ weather }}"), &library, RuleId::UndefinedVariable);
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
        assert!(found[0].message.en.ends_with("Add it to the field schema or check the spelling."));
    }

    #[test]
    fn with_nothing_declared_the_rule_stays_silent() {
        assert_eq!(findings(&body("{{ anything.at.all }}"), &Shared::default(), RuleId::UndefinedVariable), vec![]);
    }

    #[test]
    fn unused_required_fields_are_reported_and_partials_count_as_use() {
        let mut library = library(&[("customer.name", true), ("manager.phone", true), ("customer.vip", false), ("company", true)]);
        library.partials.insert("contact".into(), "{{ manager.phone }}".into());
        let found = findings(&body("{{ customer.name }}{% include \"contact\" %}"), &library, RuleId::UnusedField);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].message.en, "The required field company is not used in the template");
        // A one-line SMS rightly leaves most of a library's fields out.
        let sms = Template { channel: crate::library::model::Channel::Sms, ..body("{{ customer.name }}") };
        assert_eq!(findings(&sms, &library, RuleId::UnusedField), vec![]);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("customer.nmae", "customer.name"), 2);
        assert_eq!(edit_distance("客户.名字", "客户.名称"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
