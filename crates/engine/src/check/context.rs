//! What every rule family gets: the template, the library, and the template
//! rendered once per sample profile (rendered here, once, for all families).

use minijinja::Value;

use super::Part;
use crate::model::{Channel, FieldSchema, Library, Template};
use crate::render::{self, RenderError};
use crate::sample::{self, SampleError};

pub use crate::render::Rendered;

/// The template rendered for one sample profile.
#[derive(Clone, Debug)]
pub struct ProfileRender {
    pub profile: String,
    /// Made up from the schema's examples because the template has no
    /// samples; its empty values say nothing about real customers.
    pub synthetic: bool,
    /// `Err` when the profile's JSON is invalid (nothing was rendered).
    pub data: Result<(), SampleError>,
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
    pub library: &'a Library,
    /// Parts whose source does not parse, with the error.
    pub syntax_errors: Vec<(Part, RenderError)>,
    /// One per sample profile (or one synthetic); empty when nothing parses.
    pub renders: Vec<ProfileRender>,
}

impl<'a> Context<'a> {
    pub fn new(template: &'a Template, library: &'a Library) -> Context<'a> {
        let env = render::marking_environment(&library.partials);
        let parts: Vec<Part> = Context::parts_of(template).collect();
        let syntax_errors: Vec<(Part, RenderError)> = parts
            .iter()
            .filter_map(|&part| render::parse(&env, source_of(template, part)).err().map(|err| (part, err)))
            .collect();
        let parses = |part| !syntax_errors.iter().any(|(p, _)| *p == part);
        let render_part = |part: Part, data: &Value| {
            (parts.contains(&part) && parses(part)).then(|| render::render_marked(&env, source_of(template, part), data))
        };

        let profiles: Vec<(String, bool, Result<Value, SampleError>)> = if template.samples.is_empty() {
            vec![("schema examples".to_owned(), true, Ok(examples(&library.schema)))]
        } else {
            template.samples.iter().map(|p| (p.name.clone(), false, sample::parse(&p.data))).collect()
        };
        let renders = profiles
            .into_iter()
            .map(|(profile, synthetic, data)| match data {
                Ok(data) => ProfileRender {
                    profile,
                    synthetic,
                    data: Ok(()),
                    body: render_part(Part::Body, &data),
                    subject: render_part(Part::Subject, &data),
                },
                Err(err) => ProfileRender { profile, synthetic, data: Err(err), body: None, subject: None },
            })
            .collect();
        Context { template, library, syntax_errors, renders }
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

/// A record built from the schema's example values, nested by path.
fn examples(schema: &FieldSchema) -> Value {
    let mut root = serde_json::Map::new();
    for field in &schema.fields {
        let Some(example) = &field.example else { continue };
        let mut node = &mut root;
        let mut keys = field.path.split('.').peekable();
        while let Some(key) = keys.next() {
            if keys.peek().is_none() {
                node.insert(key.to_owned(), serde_json::Value::String(example.clone()));
                break;
            }
            let child = node.entry(key.to_owned()).or_insert_with(|| serde_json::Value::Object(Default::default()));
            if !child.is_object() {
                *child = serde_json::Value::Object(Default::default());
            }
            node = child.as_object_mut().expect("made an object just above");
        }
    }
    sample::to_value(serde_json::Value::Object(root))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, SampleProfile};

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
        let library = Library::default();
        let cx = Context::new(&template, &library);
        let outputs: Vec<_> = cx.outputs(Part::Body).map(|(r, out)| (r.profile.as_str(), out.text.as_str(), out.empty_values.clone())).collect();
        assert_eq!(outputs, vec![("full", "您好，王女士", vec![]), ("no title", "您好，王None", vec![12..16])]);
        assert!(cx.renders[2].data.is_err());
    }

    #[test]
    fn without_samples_renders_the_schema_examples() {
        let template = Template { body: "{{ customer.name }}/{{ customer.phone }}".into(), ..Template::default() };
        let mut library = Library::default();
        library.schema.fields = vec![
            Field { path: "customer.name".into(), example: Some("张伟".into()), ..Field::default() },
            Field { path: "customer.phone".into(), example: Some("13800000000".into()), ..Field::default() },
        ];
        let cx = Context::new(&template, &library);
        assert_eq!(cx.renders.len(), 1);
        assert!(cx.renders[0].synthetic);
        assert_eq!(cx.renders[0].output(Part::Body).unwrap().text, "张伟/13800000000");
    }

    #[test]
    fn a_part_that_does_not_parse_is_not_rendered() {
        let template = Template {
            channel: Channel::Email,
            subject: "{{ broken".into(),
            body: "fine".into(),
            ..Template::default()
        };
        let library = Library::default();
        let cx = Context::new(&template, &library);
        assert_eq!(cx.syntax_errors.len(), 1);
        assert_eq!(cx.syntax_errors[0].0, Part::Subject);
        assert!(cx.renders[0].subject.is_none());
        assert_eq!(cx.renders[0].output(Part::Body).unwrap().text, "fine");
    }
}
