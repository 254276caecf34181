//! The messages between the page and the engine worker.
//!
//! The page sends the template being edited; the worker renders it for every
//! sample profile and checks it, and answers with the previews and the
//! diagnostics. It also hands out the starter gallery. A second worker,
//! started only when the user exports or imports, makes and reads files
//! ([`Files`]). Messages travel as JSON text (file contents beside it
//! as bytes), so the page never links minijinja, the rules, the gallery's
//! data or the file formats: they load in the workers, after the page is usable.

use serde::{Deserialize, Serialize};

use crate::convert::{self, Converted, Target};
use crate::check::{self, Context, Diagnostic, IgnoredFinding, Message, Part, ProfileRender, Readiness, Settings, Severity};
use crate::files::export::rendered::{self, Output};
use crate::files::export::tree::{self, UnsafePartialName};
use crate::files::export::{self, File, Selection, bundle};
use crate::library::gallery::Gallery;
use crate::files::import::{self, Contents};
use crate::lang::Lang;
use crate::library::Library;
use crate::library::model::{Channel, FieldSchema, Shared, Template};
use crate::template::render::{self, RenderError};
use crate::merge::{self, Merge};
use crate::files::recipients::{self, Fixed, Recipients};
use crate::files::zip::ZipWriter;
use crate::check::sms;
use crate::library::store;
use crate::template::sample;

/// What the page asks the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    Check(CheckRequest),
    Gallery,
    /// How a shared partial, as edited, leaves each template that includes it.
    CheckIncluders(IncludersRequest),
}

/// What the worker answers, one per request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    Check(CheckResponse),
    Gallery(Gallery),
    Includers(Vec<IncluderVerdict>),
}

/// What the page asks the files worker, which loads only when the user
/// exports or imports: the file formats stay out of the checking worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FilesRequest {
    Export(ExportRequest),
    /// Read the files sent beside the request (their names here, their bytes
    /// in the same order) as an import.
    Import { names: Vec<String> },
    Merge(MergeRequest),
    /// One template converted for a sending system (`convert::export_template`).
    Convert { template: Template, common: Common, target: Target },
}

/// A mail merge, driven by the page one chunk at a time (each answered with
/// a [`MergeResponse`], not a [`FilesResponse`]): it shows progress
/// after each and stops by sending no more `Next` (so cancelling takes at
/// most one chunk), while the recipients stay in the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MergeRequest {
    /// Read the recipient list whose bytes go beside the request, and guess
    /// which of `schema`'s fields each column fills.
    Load { name: String, schema: FieldSchema },
    /// Merge the loaded list anew with `template`: `mapping[i]` is the field
    /// column `i` fills; `fields` are the recipient fields the results file
    /// shows; with `eml` (e-mail only) each chunk also brings its part of a
    /// zip of `.eml` files, dated `now_ms`.
    /// `fixed` are campaign-wide values for fields no column fills.
    Start {
        template: Template,
        common: Common,
        mapping: Vec<Option<String>>,
        #[serde(default)]
        fixed: Vec<Fixed>,
        fields: Vec<String>,
        lang: Lang,
        eml: bool,
        now_ms: i64,
    },
    /// Render and check the next chunk of rows.
    Next,
    /// Recipient `row` (1-based) in full, for the preview.
    Row { row: usize },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MergeResponse {
    Loaded(Result<ListSummary, Message>),
    /// A chunk done; its lines of the results CSV go beside (the first chunk's
    /// start with the header and the unread lines), and with `eml` its part of
    /// the messages' zip (the last one ends it): concatenated, the parts are the files.
    Chunk(ChunkSummary),
    Row(Option<merge::RowResult>),
    /// `Next` or `Row` before a list was loaded and started.
    NotStarted,
}

/// A recipient list as read: what the page shows before the merge starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListSummary {
    pub columns: Vec<String>,
    /// The field each column fills, guessed from the schema (the user may change it).
    pub mapping: Vec<Option<String>>,
    pub rows: usize,
    /// Lines that could not be read, as messages.
    pub unread: Vec<Message>,
    pub gbk: bool,
    /// The list as UTF-8 text, for the user to save in the browser; `None`
    /// when it is larger than [`store::MAX_SAVED_LIST_BYTES`].
    pub text: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChunkSummary {
    /// Rows done so far, of `total`.
    pub done: usize,
    pub total: usize,
    pub tally: merge::Tally,
    /// This chunk's rows, for the results table and its filters.
    pub rows: Vec<RowVerdict>,
    /// The template's own findings (sent with the last chunk).
    pub template: Vec<Diagnostic>,
    /// Why the merge stopped before `total` (the template runs away); no `Next` follows.
    pub stopped: Option<Message>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowVerdict {
    pub row: usize,
    pub line: usize,
    /// The recipient's name and number or address (`merge::recipient`).
    #[serde(default)]
    pub recipient: String,
    pub status: merge::RowStatus,
    pub rules: Vec<check::RuleId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FilesResponse {
    /// The files made, their bytes beside the answer in the same order; or why none.
    Made(Result<Vec<FileName>, Message>),
    Imported(Result<Contents, Message>),
    Converted(Converted),
}

/// Files to make for the user to download.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ExportRequest {
    /// The library as a bundle (`zip: false`) or a zip.
    Library { library: Library, selection: Selection, zip: bool, now_ms: i64 },
    /// One template, as `output`, for sample profile `profile`.
    Template { template: Template, common: Common, profile: Option<String>, output: Output, lang: Lang, now_ms: i64 },
}

/// A file made in the worker, its bytes sent beside.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileName {
    pub name: String,
    pub mime: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckRequest {
    /// Increases with every request, so the page can drop stale answers.
    pub seq: u64,
    pub template: Template,
    /// Sent to a new worker and whenever it changes; `None` keeps the one
    /// sent last, so a keystroke does not carry the whole schema and partials.
    pub common: Option<Common>,
}

/// The templates that include a partial, checked with the partials as
/// edited: a partial is checked where it is used. `common` goes whole and is
/// not remembered, so the open template's checks keep theirs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncludersRequest {
    pub templates: Vec<Template>,
    pub common: Common,
}

/// One including template's verdict, as its own checks would give it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncluderVerdict {
    pub id: String,
    pub readiness: Readiness,
    /// The first error found, if any: what a glance at the list should say.
    pub first_error: Option<Message>,
}

impl IncludersRequest {
    pub fn verdicts(&self) -> Vec<IncluderVerdict> {
        let verdicts = self.templates.iter().map(|template| {
            let cx = Context::new(template, &self.common.shared);
            let (diagnostics, _) = check::review(&cx, &self.common.settings);
            let first_error = diagnostics.iter().find(|d| d.severity == Severity::Error).map(|d| d.message.clone());
            IncluderVerdict { id: template.id.clone(), readiness: Readiness::of(&diagnostics), first_error }
        });
        verdicts.collect()
    }
}

/// What every template of a library is checked with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Common {
    pub shared: Shared,
    pub settings: Settings,
}

impl Common {
    /// What `library`'s templates are checked with, as it stands.
    pub fn of(library: &Library) -> Common {
        Common { shared: library.shared.clone(), settings: library.settings.clone() }
    }
}

/// The worker's side of the conversation: it remembers the last [`Common`].
#[derive(Default)]
pub struct Checker {
    common: Common,
}

impl Checker {
    pub fn check(&mut self, request: CheckRequest) -> CheckResponse {
        if let Some(common) = request.common {
            self.common = common;
        }
        answer(request.seq, &request.template, &self.common)
    }

    /// A [`Request`] answered from and to JSON text, as the worker receives
    /// and sends it. A request that does not decode (a version mismatch
    /// between page and worker) is answered with `None`: there is no
    /// sequence number to answer.
    pub fn answer_json(&mut self, request: &str) -> Option<String> {
        let response = match serde_json::from_str(request).ok()? {
            Request::Check(request) => Response::Check(self.check(request)),
            Request::Gallery => Response::Gallery(Gallery::load()),
            Request::CheckIncluders(request) => Response::Includers(request.verdicts()),
        };
        serde_json::to_string(&response).ok()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckResponse {
    pub seq: u64,
    /// One per sample profile, in the template's order (or one generated).
    pub previews: Vec<Preview>,
    /// The findings to show: those the template ignores are in `ignored`.
    pub diagnostics: Vec<Diagnostic>,
    pub ignored: Vec<IgnoredFinding>,
    /// `ready::fingerprint` of `diagnostics`: what a ready template is held to.
    pub findings: String,
    /// Sample values that fail their field's format, for the sample form:
    /// (profile, field path, what is wrong).
    pub flaws: Vec<(String, String, Message)>,
    /// A sample record with every field the template reads, typed from the
    /// schema (pretty JSON): "Generate from template".
    pub skeleton: String,
}

/// What one profile renders to, or why it cannot be shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub profile: String,
    /// Made up from the template because it has no sample profiles.
    pub synthetic: bool,
    pub body: Result<String, Message>,
    /// Present for e-mail with a subject.
    pub subject: Option<Result<String, Message>>,
    /// Present for e-mail with a preheader (it may hold placeholders too).
    pub preheader: Option<Result<String, Message>>,
    /// Present for SMS: how the rendered body is counted and billed.
    pub sms: Option<SmsCount>,
}

/// An SMS body's length as networks count it and as mainland carriers bill it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsCount {
    /// UCS-2 (70 / 67 per part) rather than GSM-7 (160 / 153).
    pub ucs2: bool,
    pub chars: usize,
    pub segments: usize,
    pub china_chars: usize,
    pub china_segments: usize,
}

/// The files worker's side: it keeps the loaded recipient list and the
/// merge in progress between requests.
pub struct Files {
    gbk: recipients::GbkDecoder,
    list: Option<Recipients>,
    merge: Option<MergeJob>,
}

struct MergeJob {
    template: Template,
    common: Common,
    mapping: Vec<Option<String>>,
    fixed: Vec<Fixed>,
    fields: Vec<String>,
    lang: Lang,
    done: usize,
    tally: merge::Tally,
    /// The messages' zip, when asked for.
    zip: Option<ZipWriter>,
    now_ms: i64,
}

impl Files {
    /// `gbk` decodes recipient lists that are not UTF-8.
    pub fn new(gbk: recipients::GbkDecoder) -> Files {
        Files { gbk, list: None, merge: None }
    }

    /// A [`FilesRequest`] as JSON text with the bytes of its files beside it,
    /// answered the same way (`None` for a request that does not decode).
    pub fn answer(&mut self, request: &str, blobs: Vec<Vec<u8>>) -> Option<(String, Vec<Vec<u8>>)> {
        let (response, blobs) = match serde_json::from_str(request).ok()? {
            FilesRequest::Export(request) => match export_files(request) {
                Ok(files) => {
                    let names = files.iter().map(|f| FileName { name: f.name.clone(), mime: f.mime.to_owned() }).collect();
                    (FilesResponse::Made(Ok(names)), files.into_iter().map(|f| f.data).collect())
                }
                Err(why) => (FilesResponse::Made(Err(why)), Vec::new()),
            },
            FilesRequest::Import { names } => {
                let files: Vec<(String, Vec<u8>)> = names.into_iter().zip(blobs).collect();
                (FilesResponse::Imported(import::read(&files).map_err(|e| Message::both(|lang| e.message(lang)))), Vec::new())
            }
            FilesRequest::Convert { template, common, target } => {
                (FilesResponse::Converted(convert::export_template(&template, &common.shared, target)), Vec::new())
            }
            // Answered as a MergeResponse of its own: the page's export and
            // import code then never links the merge's types.
            FilesRequest::Merge(request) => {
                let (response, blobs) = self.merge(request, blobs);
                return Some((serde_json::to_string(&response).ok()?, blobs));
            }
        };
        Some((serde_json::to_string(&response).ok()?, blobs))
    }

    fn merge(&mut self, request: MergeRequest, blobs: Vec<Vec<u8>>) -> (MergeResponse, Vec<Vec<u8>>) {
        match request {
            MergeRequest::Load { name, schema } => {
                self.merge = None;
                self.list = None;
                let data = blobs.into_iter().next().unwrap_or_default();
                let read = recipients::decode(&data, self.gbk)
                    .and_then(|(text, encoding)| {
                        let list = recipients::read_text(&name, &text, encoding)?;
                        // Small lists go back as text, for the user to save.
                        Ok((list, (text.len() <= store::MAX_SAVED_LIST_BYTES).then(|| text.into_owned())))
                    })
                    .map_err(|e| Message::both(|lang| e.message(&name, lang)));
                drop(data);
                let summary = read.map(|(list, text)| {
                    let summary = ListSummary {
                        columns: list.columns.clone(),
                        mapping: recipients::auto_mapping(&list.columns, &schema),
                        rows: list.rows.len(),
                        unread: list.problems.iter().map(|p| Message::both(|lang| p.message(lang))).collect(),
                        gbk: list.encoding == Some(recipients::Encoding::Gbk),
                        text,
                    };
                    // Kept, not copied: a list of 100,000 recipients is tens of megabytes.
                    self.list = Some(list);
                    summary
                });
                (MergeResponse::Loaded(summary), Vec::new())
            }
            MergeRequest::Start { template, common, mapping, fixed, fields, lang, eml, now_ms } => {
                let zip = (eml && template.channel == Channel::Email).then(ZipWriter::default);
                self.merge = Some(MergeJob { template, common, mapping, fixed, fields, lang, done: 0, tally: merge::Tally::default(), zip, now_ms });
                self.next_chunk()
            }
            MergeRequest::Next => self.next_chunk(),
            MergeRequest::Row { row } => match (&self.list, &self.merge) {
                (Some(list), Some(job)) if (1..=list.rows.len()).contains(&row) => {
                    let merge = Merge::new(&job.template, &job.common.shared, &job.common.settings, list, &job.mapping).with_fixed(&job.fixed);
                    (MergeResponse::Row(merge.chunk(row - 1..row).rows.pop()), Vec::new())
                }
                (Some(_), Some(_)) => (MergeResponse::Row(None), Vec::new()),
                _ => (MergeResponse::NotStarted, Vec::new()),
            },
        }
    }

    fn next_chunk(&mut self) -> (MergeResponse, Vec<Vec<u8>>) {
        let (Some(list), Some(job)) = (&self.list, &mut self.merge) else { return (MergeResponse::NotStarted, Vec::new()) };
        let merge = Merge::new(&job.template, &job.common.shared, &job.common.settings, list, &job.mapping).with_fixed(&job.fixed);
        let mut csv = String::new();
        if job.done == 0 {
            csv.push_str(&merge::csv_header(&job.fields));
            for problem in &list.problems {
                csv.push_str(&merge::csv_unread(problem, job.fields.len(), job.lang));
            }
        }
        let chunk = merge.chunk(merge.range_after(job.done));
        let stopped = if job.done == 0 { Merge::runaway(&chunk) } else { None };
        let mut rows = Vec::with_capacity(chunk.rows.len());
        let mut messages = Vec::new();
        for result in &chunk.rows {
            job.tally.add(result.status);
            csv.push_str(&merge::csv_row(result, &job.fields, job.lang));
            if let Some(zip) = &mut job.zip {
                if let Some(entry) = merge::eml_entry(result, &job.template, &job.common.shared.schema, job.now_ms) {
                    messages.extend(zip.add(&entry));
                }
            }
            let recipient = merge::recipient(&result.record, &job.common.shared.schema);
            rows.push(RowVerdict { row: result.row, line: result.line, recipient, status: result.status, rules: result.rules() });
        }
        job.done += chunk.rows.len();
        let last = job.done >= list.rows.len() || stopped.is_some();
        let mut blobs = vec![csv.into_bytes()];
        if job.zip.is_some() {
            if last {
                messages.extend(job.zip.take().map(ZipWriter::finish).unwrap_or_default());
            }
            blobs.push(messages);
        }
        let ended = stopped.is_some();
        let summary = ChunkSummary { done: job.done, total: list.rows.len(), tally: job.tally, rows, template: if last { chunk.template } else { Vec::new() }, stopped };
        if ended {
            // A `Next` after this finds no merge rather than running on.
            self.merge = None;
        }
        (MergeResponse::Chunk(summary), blobs)
    }
}

fn export_files(request: ExportRequest) -> Result<Vec<File>, Message> {
    match request {
        ExportRequest::Library { library, selection, zip: false, now_ms } => {
            Ok(vec![File::text("notice-templates.json".into(), export::JSON, bundle::encode(&library, selection, now_ms))])
        }
        ExportRequest::Library { library, selection, zip: true, now_ms } => match tree::encode(&library, selection, now_ms) {
            Ok(data) => Ok(vec![File { name: "notice-templates.zip".into(), mime: "application/zip", data }]),
            Err(UnsafePartialName(name)) => Err(Message::both(|lang| match lang {
                Lang::Zh => format!("片段名 {name} 不能用作文件路径（含 .. 、反斜杠或以 / 开头），请先改名。"),
                Lang::En => format!("The partial name {name} cannot be a file path (it has .., a backslash or a leading /); rename it first."),
            })),
        },
        ExportRequest::Template { template, common, profile, output, lang, now_ms } => {
            rendered::files(&template, &common.shared, &common.settings, profile.as_deref(), output, lang, now_ms)
        }
    }
}

/// Renders and checks `template` (request `seq`).
pub fn answer(seq: u64, template: &Template, common: &Common) -> CheckResponse {
    let cx = Context::new(template, &common.shared);
    let (diagnostics, ignored) = check::review(&cx, &common.settings);
    let preheader = (template.channel == Channel::Email && !template.preheader.trim().is_empty())
        .then(|| render::compile(&cx.env, &template.preheader));
    let mut previews: Vec<Preview> = cx
        .renders
        .iter()
        .map(|render| {
            let body = cx.rendered_text(render, Part::Body);
            let sms = (template.channel == Channel::Sms).then(|| body.as_ref().map(|text| sms_count(text)).ok()).flatten();
            Preview {
                profile: render.profile.clone(),
                synthetic: render.synthetic,
                subject: cx.parts().any(|p| p == Part::Subject).then(|| cx.rendered_text(render, Part::Subject)),
                preheader: preheader.as_ref().and_then(|compiled| preheader_for(&cx, render, compiled)),
                body,
                sms,
            }
        })
        .collect();
    if previews.is_empty() {
        // Nothing rendered because nothing parses: the preview shows why.
        let body = cx.syntax_errors.first().map(|(_, err)| Err(Message::both(|lang| err.message(lang))));
        let body = body.unwrap_or(Ok(String::new()));
        previews.push(Preview { profile: String::new(), synthetic: true, body, subject: None, preheader: None, sms: None });
    }
    let used = cx.used_paths.iter().flat_map(|(_, paths)| paths.iter().map(String::as_str));
    let skeleton = serde_json::to_string_pretty(&sample::skeleton(used, &common.shared.schema)).unwrap_or_default();
    let findings = crate::check::ready::fingerprint(&diagnostics);
    let flaws = check::sample_flaws(&cx).into_iter().map(|f| (f.profile, f.path, f.flaw)).collect();
    CheckResponse { seq, previews, diagnostics, ignored, findings, flaws, skeleton }
}

/// The preheader rendered with `render`'s profile; `None` for the generated
/// profile, whose record only the checks see.
fn preheader_for(
    cx: &Context,
    render: &ProfileRender,
    compiled: &Result<minijinja::Template<'_, '_>, RenderError>,
) -> Option<Result<String, Message>> {
    let profile = cx.library.profiles_for(cx.template).find(|p| p.name == render.profile)?;
    let data = sample::parse(&profile.data).ok()?;
    let rendered = compiled.as_ref().map_err(Clone::clone).and_then(|t| render::render_marked(t, &data));
    Some(rendered.map(|r| r.text).map_err(|err| Message::both(|lang| err.message(lang))))
}

fn sms_count(text: &str) -> SmsCount {
    let length = sms::measure(text);
    SmsCount {
        ucs2: length.encoding == sms::Encoding::Ucs2,
        chars: length.chars,
        segments: length.segments,
        china_chars: length.china.chars,
        china_segments: length.china.segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::RuleId;
    use crate::library::model::SampleProfile;

    fn request(body: &str, samples: &[(&str, &str)]) -> CheckRequest {
        let template = Template {
            channel: Channel::Sms,
            body: body.into(),
            samples: samples.iter().map(|(name, data)| SampleProfile { name: (*name).into(), data: (*data).into() }).collect(),
            ..Template::default()
        };
        CheckRequest { seq: 7, template, common: Some(Common::default()) }
    }

    fn answer(request: &CheckRequest) -> CheckResponse {
        Checker::default().check(request.clone())
    }

    #[test]
    fn renders_every_profile_and_checks_once() {
        let response = answer(&request("您好，{{ name }}。", &[("甲", r#"{"name":"张三"}"#), ("乙", r#"{"name":"李四"}"#)]));
        assert_eq!(response.seq, 7);
        assert_eq!(response.skeleton, "{\n  \"name\": \"name\"\n}");
        let bodies: Vec<_> = response.previews.iter().map(|p| (p.profile.as_str(), p.body.clone())).collect();
        assert_eq!(bodies, [("甲", Ok("您好，张三。".to_owned())), ("乙", Ok("您好，李四。".to_owned()))]);
        assert!(response.previews.iter().all(|p| p.subject.is_none()));
    }

    #[test]
    fn a_bad_profile_and_a_syntax_error_say_why_in_both_languages() {
        let response = answer(&request("{{ name }}", &[("bad", "{")]));
        let Err(message) = &response.previews[0].body else { panic!("{response:?}") };
        assert!(!message.zh.is_empty() && !message.en.is_empty());

        let response = answer(&request("{% if x %}", &[("a", "{}")]));
        let Err(message) = &response.previews[0].body else { panic!("{response:?}") };
        assert!(message.en.contains("if"), "{message:?}");
        assert!(response.diagnostics.iter().any(|d| d.rule == RuleId::Syntax));
    }

    #[test]
    fn sms_previews_are_counted_and_email_preheaders_rendered() {
        let response = answer(&request("【星河】{{ name }}您好，续费提醒。", &[("甲", r#"{"name":"张三"}"#)]));
        let count = response.previews[0].sms.unwrap();
        assert!(count.ucs2);
        assert_eq!((count.chars, count.segments, count.china_chars, count.china_segments), (14, 1, 14, 1));
        assert_eq!(response.previews[0].preheader, None);

        let mut email = request("Hi {{ name }}", &[("a", r#"{"name":"Ann"}"#)]);
        email.template.channel = Channel::Email;
        email.template.preheader = "For {{ name }} only".into();
        let response = answer(&email);
        assert_eq!(response.previews[0].preheader, Some(Ok("For Ann only".to_owned())));
        assert_eq!(response.previews[0].sms, None);
    }

    #[test]
    fn an_ignored_finding_moves_aside_with_its_reason_and_follows_its_text() {
        let mut sent = request("您好，{{ nme }}。", &[("a", r#"{"name":"张三"}"#)]);
        let typo = answer(&sent).diagnostics.into_iter().find(|d| d.rule == RuleId::UndefinedVariable).unwrap();
        let anchor = check::anchor(&sent.template, &typo);
        assert_eq!(anchor, "nme");
        sent.template.ignored.push(crate::library::model::Ignore { rule: "undefined-variable".into(), anchor, reason: "对方系统会补上".into() });
        sent.template.body = format!("第一行\n{}", sent.template.body);
        let response = answer(&sent);
        assert!(response.diagnostics.iter().all(|d| d.rule != RuleId::UndefinedVariable), "still ignored after the line moved");
        assert_eq!(response.ignored.len(), 1);
        assert_eq!(response.ignored[0].reason, "对方系统会补上");
    }

    #[test]
    fn travels_as_json_both_ways() {
        let sent = request("Hi {{ nme }}", &[("a", r#"{"name":"Ann"}"#)]);
        let text = serde_json::to_string(&Request::Check(sent.clone())).unwrap();
        let back: Response = serde_json::from_str(&Checker::default().answer_json(&text).unwrap()).unwrap();
        let Response::Check(back) = back else { panic!("{back:?}") };
        assert_eq!(back, answer(&sent));
        assert!(back.diagnostics.iter().any(|d| d.rule == RuleId::UndefinedVariable && d.location.is_some()));
        assert_eq!(Checker::default().answer_json("{\"Check\":{\"seq\":1}}"), None);
    }

    #[test]
    fn includers_are_checked_with_the_partial_as_edited() {
        let including = |id: &str, body: &str| Template { id: id.into(), channel: Channel::Sms, body: body.into(), ..Template::default() };
        let mut common = Common::default();
        common.shared.partials.insert("contact".into(), "客服电话 95555。".into());
        let request = IncludersRequest {
            templates: vec![including("a", "【星河】您的订单已发货。{% include \"contact\" %}"), including("b", "【星河】{% include \"contact\" %}")],
            common,
        };
        let text = serde_json::to_string(&Request::CheckIncluders(request.clone())).unwrap();
        let back: Response = serde_json::from_str(&Checker::default().answer_json(&text).unwrap()).unwrap();
        assert_eq!(back, Response::Includers(request.verdicts()));
        let verdicts = request.verdicts();
        assert_eq!(verdicts.iter().map(|v| (v.id.as_str(), v.readiness.errors)).collect::<Vec<_>>(), [("a", 0), ("b", 0)]);

        // A broken partial breaks every template that includes it, and says why.
        let mut broken = request.clone();
        broken.common.shared.partials.insert("contact".into(), "客服电话 {% if %}".into());
        let verdicts = broken.verdicts();
        assert!(verdicts.iter().all(|v| v.readiness.errors > 0), "{verdicts:?}");
        let why = verdicts[0].first_error.as_ref().unwrap();
        assert!(!why.zh.is_empty() && !why.en.is_empty());
        // The worker's remembered `common` is not the includers' one.
        let mut checker = Checker::default();
        checker.answer_json(&serde_json::to_string(&Request::CheckIncluders(broken)).unwrap()).unwrap();
        assert_eq!(checker.common, Common::default());
    }

    #[test]
    fn the_gallery_comes_from_the_worker() {
        let back: Response = serde_json::from_str(&Checker::default().answer_json("\"Gallery\"").unwrap()).unwrap();
        assert_eq!(back, Response::Gallery(Gallery::load()));
        let Response::Gallery(gallery) = back else { unreachable!() };
        assert!(gallery.starters.len() > 10 && !gallery.shared.partials.is_empty());
    }

    #[test]
    fn a_request_without_common_keeps_the_last_one_sent() {
        let mut checker = Checker::default();
        let mut first = request("{% include \"sign\" %}", &[("a", "{}")]);
        let mut common = Common::default();
        common.shared.partials.insert("sign".into(), "星河客服".into());
        first.common = Some(common);
        assert_eq!(checker.check(first.clone()).previews[0].body, Ok("星河客服".to_owned()));
        let next = CheckRequest { seq: 8, common: None, ..first };
        assert_eq!(checker.check(next.clone()).previews[0].body, Ok("星河客服".to_owned()));
        // A new worker has only what it is sent.
        assert!(Checker::default().check(next).previews[0].body.is_err());
    }

    #[test]
    fn an_exported_zip_comes_back_as_bytes_and_imports_as_the_same_templates() {
        let mut library = Library::default();
        library.templates.push(Template { id: "t1".into(), name: "欢迎".into(), body: "您好 {{ name }}".into(), ..Template::default() });
        let export = FilesRequest::Export(ExportRequest::Library { library: library.clone(), selection: Selection::All, zip: true, now_ms: 0 });
        let (answer, blobs) = Files::new(recipients::decode_gbk).answer(&serde_json::to_string(&export).unwrap(), Vec::new()).unwrap();
        let Ok(FilesResponse::Made(Ok(names))) = serde_json::from_str(&answer) else { panic!("{answer}") };
        assert_eq!(names, [FileName { name: "notice-templates.zip".into(), mime: "application/zip".into() }]);
        assert!(blobs[0].starts_with(b"PK"));

        let import = serde_json::to_string(&FilesRequest::Import { names: vec!["notice-templates.zip".into()] }).unwrap();
        let (answer, blobs) = Files::new(recipients::decode_gbk).answer(&import, blobs).unwrap();
        let Ok(FilesResponse::Imported(Ok(contents))) = serde_json::from_str(&answer) else { panic!("{answer}") };
        assert_eq!((contents.templates, blobs.len()), (library.templates, 0));

        let (answer, _) = Files::new(recipients::decode_gbk).answer(&import, vec![b"PK\x03\x04 broken".to_vec()]).unwrap();
        let Ok(FilesResponse::Imported(Err(why))) = serde_json::from_str(&answer) else { panic!("{answer}") };
        assert!(why.en.starts_with("notice-templates.zip: the archive is damaged"), "{}", why.en);
    }

    #[test]
    fn a_merge_goes_chunk_by_chunk_until_every_recipient_is_done() {
        let mut files = Files::new(recipients::decode_gbk);
        let ask = |files: &mut Files, request: MergeRequest, blobs: Vec<Vec<u8>>| {
            let (answer, blobs) = files.answer(&serde_json::to_string(&FilesRequest::Merge(request)).unwrap(), blobs).unwrap();
            (serde_json::from_str::<MergeResponse>(&answer).unwrap(), blobs)
        };
        assert_eq!(ask(&mut files, MergeRequest::Next, vec![]).0, MergeResponse::NotStarted);
        let schema: FieldSchema = serde_json::from_str(r#"{"fields": [{"path": "customer.name", "label": "姓名", "required": true}]}"#).unwrap();
        let rows = merge::CHUNK_ROWS + 10;
        let mut csv = "姓名\n".to_owned();
        for i in 0..rows {
            csv.push_str(if i == 3 { "\n" } else { "张伟\n" });
        }
        csv.push_str("\"不闭合\n");
        let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
        let (loaded, _) = ask(&mut files, MergeRequest::Load { name: "名单.csv".into(), schema: schema.clone() }, vec![gbk.to_vec()]);
        let MergeResponse::Loaded(Ok(summary)) = loaded else { panic!("{loaded:?}") };
        // The blank line is skipped: rows - 1 recipients.
        assert_eq!((summary.columns.as_slice(), summary.mapping.as_slice(), summary.rows, summary.gbk), (["姓名".to_owned()].as_slice(), [Some("customer.name".to_owned())].as_slice(), rows - 1, true));
        assert_eq!(summary.unread.len(), 1);
        // Offered for saving as UTF-8 text, decoded; a list too large to save is not.
        assert_eq!(summary.text.as_deref(), Some(csv.as_str()));
        let large = format!("姓名\n{}", "张伟\n".repeat(store::MAX_SAVED_LIST_BYTES / 7 + 1));
        let (loaded, _) = ask(&mut files, MergeRequest::Load { name: "large.csv".into(), schema: schema.clone() }, vec![large.into_bytes()]);
        let MergeResponse::Loaded(Ok(large)) = loaded else { panic!("{loaded:?}") };
        assert_eq!(large.text, None);
        let (loaded, _) = ask(&mut files, MergeRequest::Load { name: "名单.csv".into(), schema: schema.clone() }, vec![gbk.into_owned()]);
        assert!(matches!(loaded, MergeResponse::Loaded(Ok(_))));

        let template = Template { channel: Channel::Sms, body: "【星河】{{ customer.name }}您好，服务已升级。详询 400-800-1234".into(), ..Template::default() };
        let common = Common { shared: Shared { schema, ..Shared::default() }, settings: Settings::default() };
        let start = MergeRequest::Start { template, common, mapping: summary.mapping, fixed: vec![], fields: vec!["customer.name".into()], lang: Lang::En, eml: false, now_ms: 0 };
        let (first, csv) = ask(&mut files, start, vec![]);
        let MergeResponse::Chunk(first) = first else { panic!("{first:?}") };
        // The first chunk is the first recipient alone: the probe for a template that runs away.
        assert_eq!((first.done, first.total, first.rows.len(), first.stopped.clone()), (1, rows - 1, 1, None));
        let text = String::from_utf8(csv.concat()).unwrap();
        assert!(text.starts_with("\u{feff}row,line,customer.name,"), "{text}");
        assert!(text.lines().nth(1).unwrap().ends_with("a quote that never closes; nothing after it could be read"));
        assert!(first.template.is_empty(), "the template's findings come with the last chunk");
        let (second, _) = ask(&mut files, MergeRequest::Next, vec![]);
        let MergeResponse::Chunk(second) = second else { panic!("{second:?}") };
        assert_eq!(second.done, 1 + merge::CHUNK_ROWS);
        let (last, _) = ask(&mut files, MergeRequest::Next, vec![]);
        let MergeResponse::Chunk(last) = last else { panic!("{last:?}") };
        assert_eq!((last.done, last.rows.len(), last.tally.ok), (rows - 1, rows - 2 - merge::CHUNK_ROWS, rows - 1));
        let (row, _) = ask(&mut files, MergeRequest::Row { row: 2 }, vec![]);
        let MergeResponse::Row(Some(row)) = row else { panic!("{row:?}") };
        assert_eq!((row.line, row.body.as_deref()), (3, Some("【星河】张伟您好，服务已升级。详询 400-800-1234")));
        assert_eq!(ask(&mut files, MergeRequest::Row { row: rows + 5 }, vec![]).0, MergeResponse::Row(None));

        // An e-mail merge with its messages: the chunks' second parts make one zip.
        let template = Template { channel: Channel::Email, body: "尊敬的{{ customer.name }}：".into(), ..Template::default() };
        let common = Common { shared: Shared { schema: FieldSchema::default(), ..Shared::default() }, settings: Settings::default() };
        let mapping = vec![Some("customer.name".to_owned())];
        let start = MergeRequest::Start { template, common, mapping, fixed: vec![], fields: vec![], lang: Lang::Zh, eml: true, now_ms: 0 };
        let (mut answer, mut blobs) = ask(&mut files, start, vec![]);
        let mut zip = Vec::new();
        loop {
            assert_eq!(blobs.len(), 2, "results and messages");
            zip.extend(blobs.pop().unwrap());
            let MergeResponse::Chunk(chunk) = answer else { panic!("{answer:?}") };
            if chunk.done == chunk.total {
                break;
            }
            (answer, blobs) = ask(&mut files, MergeRequest::Next, vec![]);
        }
        let entries = crate::files::zip::read(&zip).unwrap();
        assert_eq!(entries.len(), rows - 1);
        assert_eq!(entries[0].name, "00001.eml");

        // A template that runs away stops the merge after the first recipient, and says why.
        let template = Template { body: "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}".into(), ..Template::default() };
        let start = MergeRequest::Start { template, common: Common::default(), mapping: vec![None], fixed: vec![], fields: vec![], lang: Lang::Zh, eml: false, now_ms: 0 };
        let (answer, _) = ask(&mut files, start, vec![]);
        let MergeResponse::Chunk(chunk) = answer else { panic!("{answer:?}") };
        assert_eq!(chunk.done, 1);
        assert!(chunk.stopped.is_some_and(|m| m.zh.contains("合并已停止")));
        assert_eq!(ask(&mut files, MergeRequest::Next, vec![]).0, MergeResponse::NotStarted);
    }
}
