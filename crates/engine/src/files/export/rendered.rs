//! One template's rendered output and check report as files: what the
//! preview and the checks panel show, to attach to a review or open in a
//! mail client.

use serde::{Deserialize, Serialize};

use super::{File, JSON, file_stem, pretty, slug};
use crate::check::{self, Context, Message, Part, Settings};
use crate::files::eml::{self, Email};
use crate::html;
use crate::lang::Lang;
use crate::library::model::{Channel, Shared, Template};
use crate::files::report;

/// What to make of one template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Output {
    /// `NAME.CHANNEL.j2` and its `.json` sidecar.
    Source,
    /// The body as text (an HTML body as the text a reader sees).
    Text,
    /// The body as an HTML page (a plain body escaped, its lines kept).
    Html,
    /// An e-mail message file with both.
    Eml,
    ReportMarkdown,
    ReportJson,
}

/// `output` of `template` for sample profile `profile` (the first when
/// `None` or gone). Fails, with the reason, when that profile does not render.
pub fn files(template: &Template, shared: &Shared, settings: &Settings, profile: Option<&str>, output_kind: Output, lang: Lang, now_ms: i64) -> Result<Vec<File>, Message> {
    let stem = file_stem(template, &mut Default::default());
    let cx = Context::new(template, shared);
    let report = || check::review(&cx, settings).0;
    let render = cx.renders.iter().find(|r| Some(r.profile.as_str()) == profile).or(cx.renders.first());
    let rendered = |part| render.map_or_else(|| Err(Message::new("", "")), |r| cx.rendered_text(r, part));
    // Files of rendered output name the profile: each profile renders differently.
    let named = |ext: &str| match render.map(|r| slug(&r.profile)).filter(|p| !p.is_empty()) {
        Some(profile) => format!("{stem}.{profile}.{ext}"),
        None => format!("{stem}.{ext}"),
    };
    Ok(match output_kind {
        Output::Source => super::template_files(template, shared).into(),
        Output::Text => vec![File::text(named("txt"), "text/plain;charset=utf-8", html::email_parts(template.channel, rendered(Part::Body)?).0)],
        Output::Html => {
            let (plain, html) = html::email_parts(template.channel, rendered(Part::Body)?);
            vec![File::text(named("html"), "text/html;charset=utf-8", html.unwrap_or_else(|| eml::text_as_html(&plain)))]
        }
        Output::Eml => {
            let (text, html) = html::email_parts(Channel::Email, rendered(Part::Body)?);
            let subject = if template.subject.trim().is_empty() { String::new() } else { rendered(Part::Subject)? };
            let email = Email { from: &template.sender, to: "", subject: &subject, text: &text, html: html.as_deref(), date_ms: now_ms };
            vec![File::text(named("eml"), "message/rfc822", eml::eml(&email))]
        }
        Output::ReportMarkdown => {
            vec![File::text(format!("{stem}.report.md"), "text/markdown;charset=utf-8", report::markdown(&format!("{stem}.j2"), &report(), lang))]
        }
        Output::ReportJson => {
            let json = report::JsonReport { files: vec![report::JsonFile::new(&format!("{stem}.j2"), &report(), lang)] };
            vec![File::text(format!("{stem}.report.json"), JSON, pretty(&json))]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::model::SampleProfile;

    fn template(body: &str) -> Template {
        Template {
            name: "续费提醒".into(),
            channel: Channel::Email,
            subject: "{{ name }}，您的服务即将到期".into(),
            sender: "Acme 客服 <service@acme.example>".into(),
            body: body.into(),
            samples: vec![SampleProfile { name: "张三".into(), data: r#"{"name": "张三"}"#.into() }, SampleProfile { name: "Li Si".into(), data: r#"{"name": "李四"}"#.into() }],
            ..Template::default()
        }
    }

    fn one(template: &Template, profile: Option<&str>, output: Output) -> File {
        let mut files = files(template, &Shared::default(), &Settings::default(), profile, output, Lang::Zh, 0).unwrap();
        assert_eq!(files.len(), 1);
        files.remove(0)
    }

    fn text(file: &File) -> &str {
        std::str::from_utf8(&file.data).unwrap()
    }

    #[test]
    fn rendered_files_are_of_the_chosen_profile() {
        let template = template("<p>尊敬的{{ name }}：</p><p>您好</p>");
        let txt = one(&template, Some("Li Si"), Output::Text);
        assert_eq!((txt.name.as_str(), text(&txt)), ("续费提醒.email.li-si.txt", "\n尊敬的李四：\n\n您好\n"));
        let html = one(&template, None, Output::Html);
        assert_eq!((html.name.as_str(), text(&html)), ("续费提醒.email.张三.html", "<p>尊敬的张三：</p><p>您好</p>"));
        let eml = one(&template, Some("张三"), Output::Eml);
        assert!(text(&eml).contains("Subject: =?UTF-8?B?"), "{}", text(&eml));
        assert!(text(&eml).contains("multipart/alternative"));
    }

    #[test]
    fn a_plain_body_becomes_an_html_page_that_shows_the_same_text() {
        let html = one(&template("尊敬的{{ name }}：\n<您好>"), None, Output::Html);
        assert!(text(&html).contains("尊敬的张三：\n&lt;您好&gt;"), "{}", text(&html));
    }

    #[test]
    fn a_template_that_does_not_render_says_why() {
        let broken = template("{{ name ");
        let error = files(&broken, &Shared::default(), &Settings::default(), None, Output::Text, Lang::En, 0).unwrap_err();
        assert!(!error.en.is_empty());
        // The report still comes out: it is where the error is explained.
        let report = one(&broken, None, Output::ReportMarkdown);
        assert!(report.name.ends_with(".report.md") && text(&report).contains("syntax"), "{}", text(&report));
        let json = one(&broken, None, Output::ReportJson);
        assert!(text(&json).contains("\"rule\": \"syntax\""), "{}", text(&json));
    }
}
