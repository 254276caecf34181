//! What every rule family gets: the template, the library, and the template
//! rendered once per sample profile (rendered here, once, for all families).

use std::collections::BTreeSet;

use minijinja::{Environment, Value};

use super::{Message, Part};
use crate::library::model::{Channel, Shared, Template};
use crate::template::render::{self, Limit, RenderError, RenderErrorKind};
use crate::template::scan::{self, Segment};
use crate::template::sample::{self, SampleError};

pub use crate::template::render::Rendered;

/// Name of the profile checks make up when a template has no samples.
pub const GENERATED_PROFILE: &str = "generated";

/// The template rendered for one sample profile.
#[derive(Clone, Debug)]
pub struct ProfileRender {
    pub profile: String,
    /// Generated because neither the template nor the library has samples; its values say
    /// nothing about real customers.
    pub synthetic: bool,
    /// The record rendered; `Err` when the profile's JSON is invalid (nothing was rendered).
    pub data: Result<Value, SampleError>,
    pub body: Option<Result<Rendered, RenderError>>,
    pub subject: Option<Result<Rendered, RenderError>>,
}

impl ProfileRender {
    pub fn output(&self, part: Part) -> Option<&Rendered> {
        match part {
            Part::Body => self.body.as_ref()?.as_ref().ok(),
            Part::Subject => self.subject.as_ref()?.as_ref().ok(),
        }
    }
}

pub struct Context<'a> {
    pub template: &'a Template,
    pub library: &'a Shared,
    /// The checking environment (library partials, empty-value marks).
    pub env: Environment<'static>,
    /// Each part's source split into text and tags, for the rules that read
    /// the source once per profile.
    segments: Vec<(Part, Vec<Segment>)>,
    /// Parts whose source does not parse, with the error.
    pub syntax_errors: Vec<(Part, RenderError)>,
    /// Context paths each parsed part reads (`customer.name`), without
    /// template-local names and globals.
    pub used_paths: Vec<(Part, BTreeSet<String>)>,
    /// One per sample profile, the template's then the library's (or one
    /// generated); empty when nothing parses.
    pub renders: Vec<ProfileRender>,
    /// The profiles are a merge's recipients, whose values
    /// `recipients::record` has judged already.
    pub recipients: bool,
}

impl<'a> Context<'a> {
    /// The text `render` gave for `part`, or why there is none: the profile's
    /// data, the render or the part's syntax failed (an empty message when
    /// the part was not rendered at all).
    pub fn rendered_text(&self, render: &ProfileRender, part: Part) -> Result<String, Message> {
        if let Err(err) = &render.data {
            return Err(Message::both(|lang| err.message(lang)));
        }
        let rendered = match part {
            Part::Body => &render.body,
            Part::Subject => &render.subject,
        };
        match rendered {
            Some(Ok(rendered)) => Ok(rendered.text.clone()),
            Some(Err(err)) => Err(Message::both(|lang| err.message(lang))),
            None => {
                let syntax = self.syntax_errors.iter().find(|(p, _)| *p == part).map(|(_, err)| Message::both(|lang| err.message(lang)));
                Err(syntax.unwrap_or_else(|| Message::new("", "")))
            }
        }
    }

    /// The template rendered for each of its sample profiles.
    pub fn new(template: &'a Template, library: &'a Shared) -> Context<'a> {
        Context::build(template, library, None)
    }

    /// The template rendered for each of `records` (name, data) instead of
    /// its sample profiles: a mail merge's recipients.
    pub fn with_records(template: &'a Template, library: &'a Shared, records: Vec<(String, Value)>) -> Context<'a> {
        Context::build(template, library, Some(records))
    }

    fn build(template: &'a Template, library: &'a Shared, records: Option<Vec<(String, Value)>>) -> Context<'a> {
        let env = render::marking_environment(&library.partials);
        let recipients = records.is_some();
        let (syntax_errors, used_paths, renders) = {
            // Each part is compiled once and rendered for every profile.
            let compiled: Vec<(Part, Result<minijinja::Template<'_, '_>, RenderError>)> =
                Context::parts_of(template).map(|part| (part, render::compile(&env, source_of(template, part)))).collect();
            let syntax_errors: Vec<(Part, RenderError)> =
                compiled.iter().filter_map(|(part, t)| t.as_ref().err().map(|err| (*part, err.clone()))).collect();
            let used_paths: Vec<(Part, BTreeSet<String>)> = compiled
                .iter()
                .filter_map(|(part, t)| t.as_ref().ok().map(|t| (*part, context_paths(&env, t))))
                .collect();
            // Sample profiles share one work budget: once a part runs out of
            // fuel for one, it is not run again for the next (five profiles of
            // a runaway template would take five times as long to stop).
            // Recipients of a merge each get their own: each row's verdict
            // must be its own.
            let share_fuel = records.is_none();
            let mut ran_out: Vec<(Part, RenderError)> = Vec::new();
            let mut render_part = |part: Part, data: &Value| {
                if let Some((_, err)) = ran_out.iter().find(|(p, _)| *p == part) {
                    return Some(Err(err.clone()));
                }
                let rendered = compiled.iter().find(|(p, _)| *p == part).and_then(|(_, t)| t.as_ref().ok()).map(|t| render::render_marked(t, data));
                if let Some(Err(err)) = &rendered {
                    if share_fuel && err.kind == RenderErrorKind::Limit(Limit::Fuel) {
                        ran_out.push((part, err.clone()));
                    }
                }
                rendered
            };
            let mut profiles: Vec<(String, bool, Result<Value, SampleError>)> = match records {
                Some(records) => records.into_iter().map(|(name, data)| (name, false, Ok(data))).collect(),
                None => library.profiles_for(template).map(|p| (p.name.clone(), false, sample::parse(&p.data))).collect(),
            };
            if profiles.is_empty() {
                let all_used = used_paths.iter().flat_map(|(_, paths)| paths.iter().map(String::as_str));
                profiles.push((GENERATED_PROFILE.to_owned(), true, Ok(generated_record(all_used, library))));
            }
            let renders = profiles
                .into_iter()
                .map(|(profile, synthetic, data)| match data {
                    Ok(data) => {
                        let body = render_part(Part::Body, &data);
                        let subject = render_part(Part::Subject, &data);
                        ProfileRender { profile, synthetic, data: Ok(data), body, subject }
                    }
                    Err(err) => ProfileRender { profile, synthetic, data: Err(err), body: None, subject: None },
                })
                .collect();
            (syntax_errors, used_paths, renders)
        };
        let segments = Context::parts_of(template).map(|part| (part, scan::segments(source_of(template, part)))).collect();
        Context { template, library, env, segments, syntax_errors, used_paths, renders, recipients }
    }

    /// Context paths `source` reads; empty when it does not parse.
    pub fn paths_read_by(&self, source: &str) -> BTreeSet<String> {
        render::compile(&self.env, source).map(|t| context_paths(&self.env, &t)).unwrap_or_default()
    }

    /// The parts this template has: the body, and the subject for e-mail.
    fn parts_of(template: &Template) -> impl Iterator<Item = Part> {
        let subject = template.channel == Channel::Email && !template.subject.trim().is_empty();
        [Part::Body].into_iter().chain(subject.then_some(Part::Subject))
    }

    pub fn parts(&self) -> impl Iterator<Item = Part> {
        Context::parts_of(self.template)
    }

    pub fn source(&self, part: Part) -> &'a str {
        source_of(self.template, part)
    }

    /// [`scan::segments`] of [`Context::source`]`(part)`; none for a part the template lacks.
    pub fn segments(&self, part: Part) -> &[Segment] {
        self.segments.iter().find(|(p, _)| *p == part).map_or(&[], |(_, segments)| segments)
    }

    /// Successful renders of `part`, with their profile.
    pub fn outputs(&self, part: Part) -> impl Iterator<Item = (&ProfileRender, &Rendered)> {
        self.renders.iter().filter_map(move |r| r.output(part).map(|out| (r, out)))
    }
}

fn source_of(template: &Template, part: Part) -> &str {
    match part {
        Part::Body => &template.body,
        Part::Subject => &template.subject,
    }
}

/// Context paths a compiled template reads, from minijinja's own scope
/// analysis (so loop variables, `loop`, macros and `{% set %}` names are not
/// among them), without the environment's globals (`range`, `namespace` …).
fn context_paths(env: &Environment<'_>, template: &minijinja::Template<'_, '_>) -> BTreeSet<String> {
    template
        .undeclared_variables(true)
        .into_iter()
        .filter(|path| env.globals().all(|(name, _)| Some(name) != path.split('.').next()))
        .map(|path| match path.rsplit_once('.') {
            // `notes.text.split(…)` reads `notes.text`; `split` is a method.
            Some((value, method)) if crate::template::methods::NAMES.contains(&method) => value.to_owned(),
            _ => path,
        })
        .collect()
}


/// A stand-in record for templates without samples: every path the template
/// reads and every schema field, with the schema's example where there is one
/// and otherwise a value of the field's type (a text field shows its label),
/// so the checks can still render.
fn generated_record<'p>(used: impl Iterator<Item = &'p str>, library: &Shared) -> Value {
    let mut root = sample::skeleton(used, &library.schema);
    for field in &library.schema.fields {
        sample::insert_path(&mut root, &field.path, sample::example_of(field));
    }
    sample::record_value(&root)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::model::{Field, FieldType};
    use crate::library::model::SampleProfile;

    #[test]
    fn renders_every_profile_and_marks_empty_values() {
        let template = Template {
            body: "您好，{{ customer.name }}{{ customer.title }}".into(),
            samples: vec![
                SampleProfile { name: "full".into(), data: r#"{"customer":{"name":"王","title":"女士"}}"#.into() },
                SampleProfile { name: "no title".into(), data: r#"{"customer":{"name":"王","title":null}}"#.into() },
                SampleProfile { name: "broken".into(), data: "{".into() },
            ],
            ..Template::default()
        };
        let library = Shared::default();
        let cx = Context::new(&template, &library);
        let outputs: Vec<_> = cx.outputs(Part::Body).map(|(r, out)| (r.profile.as_str(), out.text.as_str(), out.empty_values.clone())).collect();
        assert_eq!(outputs, vec![("full", "您好，王女士", vec![]), ("no title", "您好，王None", vec![std::ops::Range { start: 12, end: 16 }])]);
        assert!(cx.renders[2].data.is_err());
    }

    #[test]
    fn sample_profiles_share_one_work_budget_but_merge_recipients_each_have_their_own() {
        let body = "{% for i in range(n) %}{% for j in range(n) %}x{% endfor %}{% endfor %}";
        let profile = |name: &str, n: u32| SampleProfile { name: name.into(), data: format!(r#"{{"n": {n}}}"#) };
        let template = Template { body: body.into(), samples: vec![profile("runaway", 100_000), profile("tiny", 1)], ..Template::default() };
        let library = Shared::default();
        let out_of_fuel = |render: &ProfileRender| matches!(&render.body, Some(Err(e)) if e.kind == RenderErrorKind::Limit(Limit::Fuel));
        let cx = Context::new(&template, &library);
        assert!(cx.renders.iter().all(out_of_fuel), "the second profile is not run once the first ran out");

        let records = [("runaway", 100_000), ("tiny", 1)].map(|(name, n)| (name.to_owned(), sample::parse(&format!(r#"{{"n": {n}}}"#)).unwrap()));
        let cx = Context::with_records(&template, &library, records.into());
        assert!(out_of_fuel(&cx.renders[0]));
        assert_eq!(cx.renders[1].output(Part::Body).map(|out| out.text.as_str()), Some("x"));
    }

    #[test]
    fn without_samples_renders_a_record_generated_from_schema_and_template() {
        let template = Template {
            body: "{{ customer.name }}/{{ customer.phone }}/{{ customer.level }}/{{ order.total }}/{% for i in range(2) %}{{ i }}{% endfor %}".into(),
            ..Template::default()
        };
        let mut library = Shared::default();
        library.schema.fields = vec![
            Field { path: "customer.name".into(), example: Some("张伟".into()), ..Field::default() },
            Field { path: "customer.phone".into(), label: "手机".into(), ..Field::default() },
            Field { path: "order.total".into(), kind: FieldType::Number, ..Field::default() },
        ];
        let cx = Context::new(&template, &library);
        assert_eq!(cx.renders.len(), 1);
        assert!(cx.renders[0].synthetic);
        assert_eq!(cx.renders[0].profile, GENERATED_PROFILE);
        assert_eq!(cx.renders[0].output(Part::Body).unwrap().text, "张伟/手机/level/100/01");
    }

    #[test]
    fn renders_the_templates_profiles_then_the_librarys() {
        let profile = |name: &str, data: &str| SampleProfile { name: name.into(), data: data.into() };
        let template = Template { body: "{{ name }}".into(), samples: vec![profile("own", r#"{"name": "王"}"#)], ..Template::default() };
        let library = Shared { profiles: vec![profile("VIP", r#"{"name": "李"}"#), profile("own", r#"{"name": "shadowed"}"#)], ..Shared::default() };
        let cx = Context::new(&template, &library);
        let renders: Vec<(&str, bool, &str)> =
            cx.renders.iter().map(|r| (r.profile.as_str(), r.synthetic, r.output(Part::Body).unwrap().text.as_str())).collect();
        assert_eq!(renders, [("own", false, "王"), ("VIP", false, "李")]);
        // A template without profiles of its own is checked with the library's, not a generated record.
        let bare = Template { body: "{{ name }}".into(), ..Template::default() };
        let cx = Context::new(&bare, &library);
        assert_eq!(cx.renders.iter().map(|r| r.profile.as_str()).collect::<Vec<_>>(), ["VIP", "own"]);
    }

    #[test]
    fn method_calls_read_the_value_not_a_field() {
        let template = Template { body: "{{ notes.text.split(',') | join('/') }}{{ plan.items() | list | length }}".into(), ..Template::default() };
        let library = Shared::default();
        let cx = Context::new(&template, &library);
        let paths: Vec<&str> = cx.used_paths[0].1.iter().map(String::as_str).collect();
        assert_eq!(paths, ["notes.text", "plan"]);
    }

    #[test]
    fn a_part_that_does_not_parse_is_not_rendered() {
        let template = Template {
            channel: Channel::Email,
            subject: "{{ broken".into(),
            body: "fine".into(),
            ..Template::default()
        };
        let library = Shared::default();
        let cx = Context::new(&template, &library);
        assert_eq!(cx.syntax_errors.len(), 1);
        assert_eq!(cx.syntax_errors[0].0, Part::Subject);
        assert!(cx.renders[0].subject.is_none());
        assert_eq!(cx.renders[0].output(Part::Body).unwrap().text, "fine");
    }
}
