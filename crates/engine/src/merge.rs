//! Mail merge: one template rendered and checked for every recipient of a
//! list. Work goes in chunks of rows, so a caller can show progress, stop
//! between chunks, and write results out as they come (a CSV line per
//! recipient) without holding 100,000 messages at once.
//!
//! Each chunk is one [`Context`] whose profiles are the chunk's recipients:
//! the template is compiled once per chunk, every rule family runs on every
//! recipient's output exactly as it runs on sample profiles, and a finding
//! that names a profile belongs to that recipient. Findings of the template
//! itself (its source, its metadata) name none: they hold for every message,
//! so each row carries them too, and the summary names them once. A row's
//! verdict thus depends on its own data and the template alone, never on its
//! neighbours, its chunk or the order of the list.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::check::{self, Context, Diagnostic, Message, Part, RuleId, Severity, Settings};
use crate::files::eml::{self, Email};
use crate::lang::Lang;
use crate::library::model::{label_in, Channel, Field, FieldFormat, FieldSchema, Shared, Template};
use crate::files::recipients::{self, Fixed, LineProblem, Recipients, RowProblem};
use crate::files::zip::Entry;
use crate::check::{sms, validate};
use crate::files::export;
use crate::html;
use crate::template::sample;

/// Rows per chunk: small enough for progress several times a second, large
/// enough that compiling the template per chunk does not show.
pub const CHUNK_ROWS: usize = 250;

/// A merge job: what to render, for whom.
pub struct Merge<'a> {
    template: &'a Template,
    shared: &'a Shared,
    settings: &'a Settings,
    recipients: &'a Recipients,
    mapping: &'a [Option<String>],
    /// Campaign-wide values, the same for every row.
    fixed: &'a [Fixed],
    /// The schema fields the template reads: the ones each row must have right.
    used: Vec<&'a Field>,
}

/// Where a field the template reads takes its value from in a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Column `i` of the list.
    Column(usize),
    /// A campaign-wide value.
    Fixed,
    /// Nowhere: every message would go without it.
    Nowhere,
}

impl Source {
    /// What to tell the user before the merge about `field` coming from here,
    /// if anything: a field from nowhere goes out empty in every message.
    pub fn warning(self, field: &Field) -> Option<Message> {
        (self == Source::Nowhere).then(|| {
            Message::both(|lang| {
                let label = label_in(&field.label, &field.path, lang);
                match lang {
                    Lang::Zh => format!("字段“{label}”（{}）没有对应的列，也没有统一值：每条消息里它都是空的。", field.path),
                    Lang::En => format!("No column and no campaign-wide value fills “{label}” ({}): every message would go without it.", field.path),
                }
            })
        })
    }
}

/// The columns of a list the template reads nothing from, by name.
pub fn unread_columns(names: &[&str]) -> Message {
    Message::new(format!("模板不读取这些列：{}", names.join("、")), format!("Columns the template does not read: {}", names.join(", ")))
}

/// Who a row is for, as the results table shows it: the recipient's name
/// (the first field labelled 姓名 or read as `….name` of a customer) and
/// their number or address (the first field of a phone or e-mail format).
pub fn recipient(record: &Map<String, Value>, schema: &FieldSchema) -> String {
    let text = |f: &&Field| sample::value_at(record, &f.path).and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty());
    let is_name = |f: &&Field| f.label.contains("姓名") || f.path == "customer.name" || f.path == "name";
    let is_contact = |f: &&Field| matches!(f.format, Some(FieldFormat::Mobile | FieldFormat::Phone | FieldFormat::Email));
    let name = schema.fields.iter().filter(is_name).find_map(|f| text(&f));
    let contact = schema.fields.iter().filter(is_contact).find_map(|f| text(&f));
    name.into_iter().chain(contact).collect::<Vec<_>>().join(" · ")
}

/// Before a merge runs: each schema field the template reads, with where its
/// value comes from, and the columns of the list that it reads nothing from.
pub fn sources<'a>(template: &Template, shared: &'a Shared, mapping: &[Option<String>], fixed: &[Fixed]) -> (Vec<(&'a Field, Source)>, Vec<usize>) {
    let fields = export::used_fields(template, shared)
        .into_iter()
        .map(|field| {
            let column = mapping.iter().position(|path| path.as_deref() == Some(field.path.as_str()));
            let source = match column {
                Some(i) => Source::Column(i),
                None if fixed.iter().any(|f| f.path == field.path && !f.value.trim().is_empty()) => Source::Fixed,
                None => Source::Nowhere,
            };
            (field, source)
        })
        .collect();
    let reads = export::reads(template, shared);
    let unused = mapping.iter().enumerate().filter(|(_, path)| !path.as_deref().is_some_and(&reads)).map(|(i, _)| i).collect();
    (fields, unused)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RowStatus {
    Ok,
    Warning,
    Error,
}

impl RowStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RowStatus::Ok => "ok",
            RowStatus::Warning => "warning",
            RowStatus::Error => "error",
        }
    }
}

/// One recipient's message and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowResult {
    /// 1-based among the list's rows.
    pub row: usize,
    /// The file line the row starts on.
    pub line: usize,
    pub record: Map<String, Value>,
    pub subject: Option<String>,
    /// `None` when the body did not render (a `render-error` says why).
    pub body: Option<String>,
    pub sms_segments: Option<usize>,
    /// Findings in this recipient's message: those of its own output, then
    /// those of the template itself.
    pub diagnostics: Vec<Diagnostic>,
    /// Missing required fields and values of the wrong format.
    pub problems: Vec<RowProblem>,
    pub status: RowStatus,
}

impl RowResult {
    /// The rules that fired in this recipient's output, each once, by name.
    pub fn rules(&self) -> Vec<RuleId> {
        let mut rules: Vec<RuleId> = self.diagnostics.iter().map(|d| d.rule).collect();
        rules.sort_unstable_by_key(|r| r.as_str());
        rules.dedup();
        rules
    }
}

/// What one chunk gave.
pub struct Chunk {
    pub rows: Vec<RowResult>,
    /// Findings of the template itself (the same for every chunk).
    pub template: Vec<Diagnostic>,
}

impl<'a> Merge<'a> {
    /// `mapping[i]` is the field path column `i` of `recipients` fills.
    pub fn new(template: &'a Template, shared: &'a Shared, settings: &'a Settings, recipients: &'a Recipients, mapping: &'a [Option<String>]) -> Merge<'a> {
        Merge { template, shared, settings, recipients, mapping, fixed: &[], used: export::used_fields(template, shared) }
    }

    /// The same merge with campaign-wide values for fields no column fills.
    pub fn with_fixed(self, fixed: &'a [Fixed]) -> Merge<'a> {
        Merge { fixed, ..self }
    }

    pub fn rows(&self) -> usize {
        self.recipients.rows.len()
    }

    /// The rows to do after the first `done`: the first recipient alone
    /// (a probe: a template that runs away does so at once, see
    /// [`Merge::runaway`]), then [`CHUNK_ROWS`] at a time; empty when all are done.
    pub fn range_after(&self, done: usize) -> Range<usize> {
        let size = if done == 0 { 1 } else { CHUNK_ROWS };
        done.min(self.rows())..(done + size).min(self.rows())
    }

    /// The chunks' row ranges, in order.
    pub fn chunks(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut done = 0;
        std::iter::from_fn(move || {
            let range = self.range_after(done);
            done = range.end;
            (!range.is_empty()).then_some(range)
        })
    }

    /// Whether `probe` (the first chunk, [`Merge::range_after`]`(0)`) shows
    /// the template hitting the render limits: then every recipient would
    /// take the limit's full time, and the merge should stop with this
    /// message instead of running for minutes.
    pub fn runaway(probe: &Chunk) -> Option<Message> {
        let hit = probe.rows.first()?.diagnostics.iter().any(|d| d.rule == RuleId::RenderLimit);
        hit.then(|| {
            Message::new(
                "模板为第一位收件人渲染时就超出了安全上限（循环过多、递归过深或输出过长），合并已停止。请先修正模板。",
                "The template hit the rendering limits for the first recipient (too many loops, too deep, or too much output); the merge stopped. Fix the template first.",
            )
        })
    }

    /// Renders and checks rows `range`.
    pub fn chunk(&self, range: Range<usize>) -> Chunk {
        let rows = &self.recipients.rows[range.clone()];
        let mut records = Vec::with_capacity(rows.len());
        let mut results: Vec<RowResult> = Vec::with_capacity(rows.len());
        for (i, row) in range.clone().zip(rows) {
            let (record, problems) = recipients::record(row, self.mapping, self.fixed, &self.shared.schema, &self.used);
            records.push((profile_name(i), sample::record_value(&record)));
            results.push(RowResult { row: i + 1, line: row.line, record, subject: None, body: None, sms_segments: None, diagnostics: Vec::new(), problems, status: RowStatus::Ok });
        }
        let cx = Context::with_records(self.template, self.shared, records);
        let (diagnostics, _) = check::split_ignored(self.template, check::check_context(&cx, self.settings));
        for (result, render) in results.iter_mut().zip(&cx.renders) {
            result.body = render.output(Part::Body).map(|r| r.text.clone());
            result.subject = render.output(Part::Subject).map(|r| r.text.clone());
            result.sms_segments = (self.template.channel == Channel::Sms).then(|| result.body.as_deref().map(|b| sms::measure(b).segments)).flatten();
        }
        let mut template = Vec::new();
        for mut diagnostic in diagnostics {
            // A fix is advice on the template from all of a context's
            // profiles; a row's verdict is its own message's alone.
            diagnostic.fix = None;
            let row = match diagnostic.profiles.as_slice() {
                [profile] => profile.parse::<usize>().ok().and_then(|n| n.checked_sub(range.start + 1)),
                _ => None,
            };
            match row.and_then(|at| results.get_mut(at)) {
                Some(result) => result.diagnostics.push(diagnostic),
                None => template.push(diagnostic),
            }
        }
        for result in &mut results {
            result.diagnostics.extend(template.iter().cloned());
            let worst = result.diagnostics.iter().map(|d| d.severity).min_by_key(|s| match s {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            });
            result.status = if !result.problems.is_empty() || result.body.is_none() || worst == Some(Severity::Error) {
                RowStatus::Error
            } else if worst == Some(Severity::Warning) {
                RowStatus::Warning
            } else {
                RowStatus::Ok
            };
        }
        Chunk { rows: results, template }
    }
}

/// The profile name row `index` (0-based) renders under: its 1-based number.
fn profile_name(index: usize) -> String {
    (index + 1).to_string()
}

/// Counts by status, for the summary line and the progress display.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub ok: usize,
    pub warning: usize,
    pub error: usize,
}

impl Tally {
    pub fn add(&mut self, status: RowStatus) {
        match status {
            RowStatus::Ok => self.ok += 1,
            RowStatus::Warning => self.warning += 1,
            RowStatus::Error => self.error += 1,
        }
    }
}

/// The results file's first line (with a byte-order mark, so spreadsheets
/// read it as UTF-8): row id, line, the recipient fields chosen, subject,
/// body, SMS segments, status, rules fired, problems.
pub fn csv_header(fields: &[String]) -> String {
    let mut cells = vec!["row".to_owned(), "line".to_owned()];
    cells.extend(fields.iter().cloned());
    cells.extend(["subject", "body", "sms_segments", "status", "rules", "problems"].map(String::from));
    format!("\u{feff}{}", csv_line_of(&cells))
}

/// The results line of one recipient.
pub fn csv_row(result: &RowResult, fields: &[String], lang: Lang) -> String {
    let mut cells = vec![result.row.to_string(), result.line.to_string()];
    cells.extend(fields.iter().map(|path| match sample::value_at(&result.record, path) {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }));
    let rules: Vec<&str> = result.rules().into_iter().map(RuleId::as_str).collect();
    cells.extend([
        result.subject.clone().unwrap_or_default(),
        result.body.clone().unwrap_or_default(),
        result.sms_segments.map(|s| s.to_string()).unwrap_or_default(),
        result.status.as_str().to_owned(),
        rules.join(" "),
        result.problems.iter().map(|p| p.message(lang)).collect::<Vec<_>>().join("; "),
    ]);
    csv_line_of(&cells)
}

/// Recipient `result`'s e-mail as a `.eml` file named by its row
/// (`00042.eml`), addressed `To` the first field of format e-mail that holds
/// a valid address; `None` when its body did not render.
pub fn eml_entry(result: &RowResult, template: &Template, schema: &FieldSchema, now_ms: i64) -> Option<Entry> {
    let body = result.body.clone()?;
    let to = schema
        .fields
        .iter()
        .filter(|f| f.format == Some(FieldFormat::Email))
        .find_map(|f| sample::value_at(&result.record, &f.path)?.as_str().map(str::trim).filter(|a| validate::value(FieldFormat::Email, a).is_ok()))
        .unwrap_or_default();
    let (text, html) = html::email_parts(Channel::Email, body);
    let subject = result.subject.as_deref().unwrap_or_default();
    let email = Email { from: &template.sender, to, subject, text: &text, html: html.as_deref(), date_ms: now_ms };
    Some(Entry { name: format!("{:05}.eml", result.row), data: eml::eml(&email).into_bytes() })
}

/// The results line of a line of the list that could not be read: no row,
/// status `error`, the reason in `problems`.
pub fn csv_unread(problem: &LineProblem, fields: usize, lang: Lang) -> String {
    let mut cells = vec![String::new(), problem.line.to_string()];
    cells.extend(std::iter::repeat_n(String::new(), fields + 3));
    cells.extend(["error".to_owned(), String::new(), problem.message(lang)]);
    csv_line_of(&cells)
}

/// One CSV line (CRLF), each cell quoted when it holds a comma, quote or line break.
fn csv_line_of(cells: &[String]) -> String {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        if cell.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
            line.push('"');
            for (i, part) in cell.split('"').enumerate() {
                if i > 0 {
                    line.push_str("\"\"");
                }
                line.push_str(part);
            }
            line.push('"');
        } else {
            line.push_str(cell);
        }
    }
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::RuleId;
    use crate::library::model::{FieldSchema, Purpose};

    fn schema() -> FieldSchema {
        serde_json::from_str(r#"{"fields": [{"path": "customer.name", "label": "姓名", "required": true}, {"path": "customer.phone", "label": "手机", "format": "phone"}]}"#).unwrap()
    }

    fn sms() -> Template {
        Template {
            channel: Channel::Sms,
            purpose: Purpose::Notification,
            body: "【星河科技】{{ customer.name }}您好，您的服务将于本周六升级，届时暂停两小时，请提前安排。详询 400-800-1234".into(),
            ..Template::default()
        }
    }

    fn run(template: &Template, csv: &str) -> (Vec<RowResult>, Vec<Diagnostic>) {
        let shared = Shared { schema: schema(), ..Shared::default() };
        let recipients = recipients::read("list.csv", csv.as_bytes(), recipients::decode_gbk).unwrap();
        let mapping = recipients::auto_mapping(&recipients.columns, &shared.schema);
        let settings = Settings::default();
        let merge = Merge::new(template, &shared, &settings, &recipients, &mapping);
        let (mut rows, mut findings) = (Vec::new(), Vec::new());
        for range in merge.chunks() {
            let chunk = merge.chunk(range);
            rows.extend(chunk.rows);
            findings = chunk.template;
        }
        (rows, findings)
    }

    #[test]
    fn every_recipient_gets_a_message_and_a_verdict() {
        let (rows, _) = run(&sms(), "姓名,手机\n张伟,13800138000\n,13900139000\n李娜,12345\n");
        let verdicts: Vec<(usize, usize, RowStatus)> = rows.iter().map(|r| (r.row, r.line, r.status)).collect();
        assert_eq!(verdicts, [(1, 2, RowStatus::Ok), (2, 3, RowStatus::Error), (3, 4, RowStatus::Error)]);
        assert!(rows[0].body.as_deref().unwrap().starts_with("【星河科技】张伟您好"));
        assert_eq!(rows[0].sms_segments, Some(1));
        // The empty name: an empty-value finding in that recipient's output, and a missing required field.
        assert!(rows[1].diagnostics.iter().any(|d| d.rule == RuleId::EmptyValue), "{:?}", rows[1].diagnostics);
        assert_eq!(rows[1].problems, [RowProblem::Missing { path: "customer.name".into(), label: "姓名".into() }]);
        assert_eq!(rows[2].problems, [RowProblem::Format { path: "customer.phone".into(), label: "手机".into(), value: "12345".into(), flaw: crate::check::validate::Flaw::MobileLength(5) }]);
        assert!(rows[0].diagnostics.is_empty(), "{:?}", rows[0].diagnostics);
    }

    #[test]
    fn before_a_merge_each_field_says_where_it_comes_from_and_unread_columns_are_named() {
        let template = Template { body: "【星河科技】{{ customer.name }}您好，请致电 {{ customer.phone }}。".into(), ..sms() };
        let shared = Shared { schema: schema(), ..Shared::default() };
        let columns: Vec<String> = ["备注", "姓名", "城市"].map(String::from).to_vec();
        let mapping = recipients::auto_mapping(&columns, &shared.schema);
        let named = |(fields, unused): (Vec<(&Field, Source)>, Vec<usize>)| (fields.into_iter().map(|(f, s)| (f.path.clone(), s)).collect::<Vec<_>>(), unused);
        assert_eq!(
            named(sources(&template, &shared, &mapping, &[])),
            (vec![("customer.name".to_owned(), Source::Column(1)), ("customer.phone".to_owned(), Source::Nowhere)], vec![0, 2])
        );
        let fixed = [Fixed { path: "customer.phone".into(), value: "13800138000".into() }];
        assert_eq!(named(sources(&template, &shared, &mapping, &fixed)).0[1], ("customer.phone".to_owned(), Source::Fixed));

        // The merge fills the field from the shared value in every row.
        let list = recipients::read("l.csv", "备注,姓名,城市
甲,张伟,北京
乙,李娜,上海
".as_bytes(), recipients::decode_gbk).unwrap();
        let settings = Settings::default();
        let merge = Merge::new(&template, &shared, &settings, &list, &mapping).with_fixed(&fixed);
        let rows = merge.chunk(0..2).rows;
        assert!(rows.iter().all(|r| r.body.as_deref().is_some_and(|b| b.contains("请致电 13800138000"))), "{rows:?}");
        assert_eq!(rows[1].record["customer"]["name"], "李娜");
    }

    #[test]
    fn a_row_is_shown_by_its_recipients_name_and_number() {
        let mut schema = schema();
        schema.fields[1].format = Some(FieldFormat::Mobile);
        let record = |v: Value| v.as_object().cloned().unwrap();
        assert_eq!(recipient(&record(serde_json::json!({"customer": {"name": "张伟", "phone": "13800138000"}})), &schema), "张伟 · 13800138000");
        assert_eq!(recipient(&record(serde_json::json!({"customer": {"phone": "13800138000"}})), &schema), "13800138000");
        assert_eq!(recipient(&record(serde_json::json!({"customer": {"name": " "}})), &schema), "");
    }

    #[test]
    fn a_long_name_makes_one_sms_too_long_and_only_that_one() {
        let long = "欧阳".repeat(50);
        let (rows, _) = run(&sms(), &format!("姓名\n王芳\n{long}\n"));
        assert_eq!(rows.iter().map(|r| r.sms_segments).collect::<Vec<_>>(), [Some(1), Some(3)]);
        assert!(rows[1].diagnostics.iter().any(|d| d.rule == RuleId::SmsSegments));
        assert_eq!((rows[0].status, rows[1].status), (RowStatus::Ok, RowStatus::Warning));
    }

    #[test]
    fn findings_of_the_template_itself_hold_for_every_row_and_are_summed_up_once() {
        let template = Template { body: "{{ customer.nmae }}您好".into(), ..sms() };
        let csv = format!("姓名\n{}", "张伟\n".repeat(CHUNK_ROWS + 3));
        let (rows, findings) = run(&template, &csv);
        assert_eq!(rows.len(), CHUNK_ROWS + 3);
        assert_eq!(rows.last().unwrap().row, CHUNK_ROWS + 3);
        assert_eq!(findings.iter().filter(|d| d.rule == RuleId::UndefinedVariable).count(), 1);
        assert!(rows.iter().all(|r| r.status == RowStatus::Error && r.rules().contains(&RuleId::UndefinedVariable)));
    }

    #[test]
    fn a_runaway_template_stops_the_merge_after_the_first_recipient() {
        let template = Template { body: "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}".into(), ..sms() };
        let shared = Shared { schema: schema(), ..Shared::default() };
        let list = recipients::read("l.csv", "姓名\n张伟\n李娜\n".as_bytes(), recipients::decode_gbk).unwrap();
        let mapping = recipients::auto_mapping(&list.columns, &shared.schema);
        let settings = Settings::default();
        let merge = Merge::new(&template, &shared, &settings, &list, &mapping);
        assert_eq!(merge.chunks().collect::<Vec<_>>(), [0..1, 1..2]);
        let probe = merge.chunk(merge.range_after(0));
        assert!(Merge::runaway(&probe).is_some_and(|m| m.en.contains("the merge stopped")));
        assert!(Merge::runaway(&merge.chunk(0..1)).is_some());
        let (fine, _) = run(&sms(), "姓名\n张伟\n");
        assert_eq!(fine.len(), 1);
        let probe = Merge::new(&sms(), &shared, &settings, &list, &mapping).chunk(0..1);
        assert_eq!(Merge::runaway(&probe), None);
    }

    #[test]
    fn a_template_that_does_not_parse_fails_every_row() {
        let template = Template { body: "{{ customer.name ".into(), ..sms() };
        let (rows, findings) = run(&template, "姓名\n张伟\n李娜\n");
        assert!(rows.iter().all(|r| r.status == RowStatus::Error && r.body.is_none()));
        assert!(findings.iter().any(|d| d.rule == RuleId::Syntax));
    }

    #[test]
    fn e_mails_are_eml_files_to_the_recipients_address_in_a_zip_of_any_size() {
        let template = Template { channel: Channel::Email, subject: "{{ customer.name }}，您的账单".into(), body: "<p>尊敬的{{ customer.name }}：</p>".into(), sender: "星河科技 <bill@xinghe.example.com>".into(), ..Template::default() };
        let shared = Shared { schema: serde_json::from_str(r#"{"fields": [{"path": "customer.name", "label": "姓名"}, {"path": "customer.email", "label": "邮箱", "format": "email"}]}"#).unwrap(), ..Shared::default() };
        let list = recipients::read("l.csv", "姓名,邮箱\n张伟,zw@example.com\n李娜,not-an-address\n".as_bytes(), recipients::decode_gbk).unwrap();
        let mapping = recipients::auto_mapping(&list.columns, &shared.schema);
        let settings = Settings::default();
        let merge = Merge::new(&template, &shared, &settings, &list, &mapping);
        let rows = merge.chunk(0..2).rows;
        let first = eml_entry(&rows[0], &template, &shared.schema, 0).unwrap();
        assert_eq!(first.name, "00001.eml");
        let text = String::from_utf8(first.data).unwrap();
        assert!(text.contains("\r\nTo: zw@example.com\r\n") && text.contains("\r\nFrom: "), "{text}");
        let second = String::from_utf8(eml_entry(&rows[1], &template, &shared.schema, 0).unwrap().data).unwrap();
        assert!(!second.contains("\r\nTo: "), "an invalid address is not a recipient: {second}");

        // 70,000 entries: more than a plain zip holds; the end records are zip64's.
        let mut writer = crate::files::zip::ZipWriter::default();
        let mut size = 0;
        for i in 0..70_000 {
            size += writer.add(&Entry { name: format!("{i:05}.eml"), data: b"x".to_vec() }).len();
        }
        let end = writer.finish();
        assert_eq!(&end[end.len() - 22 - 20 - 56..][..4], &0x0606_4b50u32.to_le_bytes(), "zip64 end of central directory");
        assert!(size > 0);
    }

    #[test]
    fn results_are_csv_lines_a_spreadsheet_opens() {
        let (rows, _) = run(&sms(), "姓名,手机\n\"张,伟\",13800138000\n,1\n");
        let fields = vec!["customer.name".to_owned(), "customer.phone".to_owned()];
        assert_eq!(csv_header(&fields), "\u{feff}row,line,customer.name,customer.phone,subject,body,sms_segments,status,rules,problems\r\n");
        let line = csv_row(&rows[0], &fields, Lang::En);
        assert!(line.starts_with("1,2,\"张,伟\",13800138000,,\"【星河科技】张,伟您好"), "{line}");
        assert!(line.ends_with(",1,ok,,\r\n"), "{line}");
        let line = csv_row(&rows[1], &fields, Lang::En);
        assert!(line.ends_with(",error,empty-value,\"“手机” (customer.phone) “1” is wrong: a mobile number has 11 digits, this has 1; the required field “姓名” (customer.name) is missing\"\r\n"), "{line}");
        let unread = LineProblem { line: 9, kind: recipients::LineProblemKind::UnclosedQuote };
        assert_eq!(csv_unread(&unread, 2, Lang::En), ",9,,,,,,error,,line 9: a quote that never closes; nothing after it could be read\r\n");
    }
}
