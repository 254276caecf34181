//! Recipient lists for a mail merge, as people export them from spreadsheets
//! and CRMs: CSV (UTF-8 with or without a byte-order mark, or GBK, which
//! spreadsheets in China save; comma, semicolon or tab; quoted fields with
//! doubled quotes and line breaks) and JSON Lines. A list reads into columns
//! and rows; rows that cannot be read are reported by their line and left
//! out. Columns map to schema fields (by path, label or last name, or the
//! column's own name), and each row becomes the record a template renders
//! with, checked for the required fields the template reads and for formats.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lang::Lang;
use crate::library::model::{label_in, Field, FieldSchema, FieldType};
use crate::template::sample;
use crate::check::validate::{self, Flaw};

/// How the file's bytes were text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    Utf8,
    /// GBK (read as GB 18030, its superset).
    Gbk,
}

/// A recipient list, read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Recipients {
    /// CSV header cells, or the dotted paths of JSON Lines objects in order of first appearance.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// Lines that could not be read as a row; they are not in `rows`.
    pub problems: Vec<LineProblem>,
    pub encoding: Option<Encoding>,
}

/// One recipient: a cell per column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The line of the file the row starts on (1-based).
    pub line: usize,
    pub values: Vec<Cell>,
}

/// One value of a row, kept small: a list of 100,000 recipients is over a
/// million cells, and a boxed text is a quarter the size of a JSON value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    /// Not in this row (a JSON Lines object without that key).
    Missing,
    /// A CSV field.
    Text(Box<str>),
    /// A JSON Lines value, as JSON text.
    Json(Box<str>),
}

impl Cell {
    pub fn value(&self) -> Option<Value> {
        match self {
            Cell::Missing => None,
            Cell::Text(text) => Some(Value::String(text.to_string())),
            Cell::Json(json) => serde_json::from_str(json).ok(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    pub line: usize,
    pub kind: LineProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineProblemKind {
    /// A CSV row with another number of fields than the header.
    FieldCount { expected: usize, found: usize },
    /// A quoted CSV field that never closes: the rest of the file is inside it.
    UnclosedQuote,
    /// A JSON Lines line that is not JSON (column in characters, serde's detail).
    Json { column: usize, detail: String },
    /// A JSON Lines line that is JSON but not an object.
    NotAnObject,
}

/// Why a file is no recipient list at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Neither UTF-8 nor GBK text.
    NotText,
    /// No header and no rows.
    Empty,
}

impl ReadError {
    pub fn message(&self, file: &str, lang: Lang) -> String {
        match (self, lang) {
            (ReadError::NotText, Lang::Zh) => format!("{file}：既不是 UTF-8 也不是 GBK 编码的文本，无法读取收件人"),
            (ReadError::NotText, Lang::En) => format!("{file}: neither UTF-8 nor GBK text; no recipients read"),
            (ReadError::Empty, Lang::Zh) => format!("{file}：文件是空的，没有表头也没有收件人"),
            (ReadError::Empty, Lang::En) => format!("{file}: the file is empty: no header and no recipients"),
        }
    }
}

impl LineProblem {
    pub fn message(&self, lang: Lang) -> String {
        let line = self.line;
        match (&self.kind, lang) {
            (LineProblemKind::FieldCount { expected, found }, Lang::Zh) => format!("第 {line} 行：有 {found} 个字段，表头有 {expected} 个"),
            (LineProblemKind::FieldCount { expected, found }, Lang::En) => format!("line {line}: {found} fields where the header has {expected}"),
            (LineProblemKind::UnclosedQuote, Lang::Zh) => format!("第 {line} 行：引号没有闭合，此后的内容都无法读取"),
            (LineProblemKind::UnclosedQuote, Lang::En) => format!("line {line}: a quote that never closes; nothing after it could be read"),
            (LineProblemKind::Json { column, detail }, Lang::Zh) => format!("第 {line} 行第 {column} 列：不是有效的 JSON（{detail}）"),
            (LineProblemKind::Json { column, detail }, Lang::En) => format!("line {line}, column {column}: not valid JSON ({detail})"),
            (LineProblemKind::NotAnObject, Lang::Zh) => format!("第 {line} 行：应为一个 JSON 对象"),
            (LineProblemKind::NotAnObject, Lang::En) => format!("line {line}: expected a JSON object"),
        }
    }
}

/// Decodes GBK bytes, or says they are not GBK. Natively that is
/// [`decode_gbk`] (encoding_rs); the web worker passes the browser's own
/// `TextDecoder`, which keeps 140 KB of decoding tables out of its wasm.
pub type GbkDecoder = fn(&[u8]) -> Option<String>;

/// GBK (as GB 18030, its superset) by encoding_rs; `None` when `data` is not GBK.
#[cfg(feature = "gbk")]
pub fn decode_gbk(data: &[u8]) -> Option<String> {
    encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(data).map(std::borrow::Cow::into_owned)
}

/// Reads the recipient list `name` holding `data`: JSON Lines when named
/// `.jsonl` / `.ndjson` or starting with `{`, CSV otherwise; text that is
/// not UTF-8 is decoded with `gbk`.
pub fn read(name: &str, data: &[u8], gbk: GbkDecoder) -> Result<Recipients, ReadError> {
    let (text, encoding) = decode(data, gbk)?;
    read_text(name, &text, encoding)
}

/// [`read`] for a list already [`decode`]d from `encoding`.
pub fn read_text(name: &str, text: &str, encoding: Encoding) -> Result<Recipients, ReadError> {
    let lower = name.to_lowercase();
    let mut recipients = if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || text.trim_start().starts_with('{') {
        read_json_lines(text)
    } else {
        read_csv(text)
    };
    if recipients.columns.is_empty() && recipients.rows.is_empty() && recipients.problems.is_empty() {
        return Err(ReadError::Empty);
    }
    recipients.encoding = Some(encoding);
    Ok(recipients)
}

/// The file's text: UTF-8 (a byte-order mark dropped; read in place), else GBK.
pub fn decode(data: &[u8], gbk: GbkDecoder) -> Result<(Cow<'_, str>, Encoding), ReadError> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    match std::str::from_utf8(data) {
        Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(_) => gbk(data).map(|text| (Cow::Owned(text), Encoding::Gbk)).ok_or(ReadError::NotText),
    }
}

/// The delimiter of the header line: whichever of `,` `;` tab appears most outside quotes.
fn delimiter(text: &str) -> char {
    let (mut counts, mut quoted) = ([0usize; 3], false);
    for c in text.chars() {
        match c {
            '\n' | '\r' if !quoted => break,
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    [',', ';', '\t'][best]
}

/// Hands each CSV record of `text` (RFC 4180, any line ending) to `record`
/// with the line it starts on, as it is read; blank lines are skipped. An
/// unclosed quote ends the reading: its line is returned.
fn csv_records(text: &str, delimiter: char, mut record: impl FnMut(usize, Vec<String>)) -> Option<usize> {
    let (mut fields, mut field) = (Vec::new(), String::new());
    let (mut line, mut start, mut quoted, mut at_field_start) = (1, 1, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                fields.push(std::mem::take(&mut field));
                if !(fields.len() == 1 && fields[0].is_empty()) {
                    record(start, std::mem::take(&mut fields));
                }
                fields.clear();
                line += 1;
                start = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Some(start);
    }
    fields.push(field);
    if !(fields.len() == 1 && fields[0].is_empty()) {
        record(start, fields);
    }
    None
}

fn read_csv(text: &str) -> Recipients {
    let mut recipients = Recipients::default();
    let mut header = true;
    // Each record becomes a row as it is read: the list is never held twice.
    let unclosed = csv_records(text, delimiter(text), |line, fields| {
        if std::mem::take(&mut header) {
            recipients.columns = fields
                .iter()
                .enumerate()
                .map(|(i, name)| match name.trim() {
                    "" => format!("column {}", i + 1),
                    name => name.to_owned(),
                })
                .collect();
        } else if fields.len() == recipients.columns.len() {
            recipients.rows.push(Row { line, values: fields.into_iter().map(|f| Cell::Text(f.into_boxed_str())).collect() });
        } else {
            let kind = LineProblemKind::FieldCount { expected: recipients.columns.len(), found: fields.len() };
            recipients.problems.push(LineProblem { line, kind });
        }
    });
    if let Some(line) = unclosed {
        recipients.problems.push(LineProblem { line, kind: LineProblemKind::UnclosedQuote });
    }
    recipients
}

fn read_json_lines(text: &str) -> Recipients {
    let mut recipients = Recipients::default();
    for (i, line_text) in text.lines().enumerate() {
        let line = i + 1;
        if line_text.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line_text) {
            Ok(Value::Object(object)) => {
                let mut leaves = Vec::new();
                flatten("", object, &mut leaves);
                let mut values = vec![Cell::Missing; recipients.columns.len()];
                for (path, value) in leaves {
                    let at = match recipients.columns.iter().position(|c| *c == path) {
                        Some(at) => at,
                        None => {
                            recipients.columns.push(path);
                            values.push(Cell::Missing);
                            recipients.columns.len() - 1
                        }
                    };
                    values[at] = Cell::Json(value.to_string().into_boxed_str());
                }
                recipients.rows.push(Row { line, values });
            }
            Ok(_) => recipients.problems.push(LineProblem { line, kind: LineProblemKind::NotAnObject }),
            Err(e) => {
                let detail = e.to_string();
                let detail = detail.split(" at line ").next().unwrap_or(&detail).to_owned();
                recipients.problems.push(LineProblem { line, kind: LineProblemKind::Json { column: e.column(), detail } });
            }
        }
    }
    // Rows read before a column first appeared lack it.
    let width = recipients.columns.len();
    recipients.rows.iter_mut().for_each(|row| row.values.resize(width, Cell::Missing));
    recipients
}

/// The leaves of `object` by dotted path (arrays are leaves).
fn flatten(prefix: &str, object: Map<String, Value>, out: &mut Vec<(String, Value)>) {
    for (key, value) in object {
        let path = if prefix.is_empty() { key } else { format!("{prefix}.{key}") };
        match value {
            Value::Object(inner) => flatten(&path, inner, out),
            leaf => out.push((path, leaf)),
        }
    }
}

/// The field path each column fills, guessed: a field whose path, last name
/// or label (either side of a bilingual `客户姓名 · Customer name`) is the
/// column's name, ignoring case and spaces; else one whose label ends with
/// it (`客户姓名` for `姓名`); else the column's own name when it is a
/// dotted path; `None` leaves it out.
pub fn auto_mapping(columns: &[String], schema: &FieldSchema) -> Vec<Option<String>> {
    let norm = |s: &str| s.trim().to_lowercase();
    let names = |f: &Field| {
        let last = f.path.rsplit('.').next().unwrap_or_default();
        [f.path.as_str(), last].into_iter().chain(f.label.split('·')).map(norm).filter(|n| !n.is_empty()).collect::<Vec<_>>()
    };
    columns
        .iter()
        .map(|column| {
            let wanted = norm(column);
            let exact = schema.fields.iter().find(|f| names(f).contains(&wanted));
            // Two characters at least, so a column `名` matches nothing by ending.
            let ending = || schema.fields.iter().find(|f| wanted.chars().count() >= 2 && f.label.split('·').any(|l| norm(l).ends_with(&wanted)));
            exact
                .or_else(ending)
                .map(|f| f.path.clone())
                .or_else(|| FieldSchema::default().path_problem(None, column.trim()).is_none().then(|| column.trim().to_owned()))
        })
        .collect()
}

/// One value every recipient of a merge shares, for a field no column fills
/// (a sender's name, a deadline for everyone); read as a column's text is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fixed {
    pub path: String,
    pub value: String,
}

/// Why a row's record is not fit to send; each names the field by its label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowProblem {
    /// A required field the template reads is missing or blank.
    Missing { path: String, label: String },
    /// A value that is not of its field's format (or type), and why.
    Format { path: String, label: String, value: String, flaw: Flaw },
}

impl RowProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RowProblem::Missing { path, label }, Lang::Zh) => format!("缺少必填字段“{}”（{path}）", label_in(label, path, lang)),
            (RowProblem::Missing { path, label }, Lang::En) => format!("the required field “{}” ({path}) is missing", label_in(label, path, lang)),
            (RowProblem::Format { path, label, value, flaw }, Lang::Zh) => {
                format!("“{}”（{path}）的值“{value}”有误：{}", label_in(label, path, lang), flaw.message().zh)
            }
            (RowProblem::Format { path, label, value, flaw }, Lang::En) => {
                format!("“{}” ({path}) “{value}” is wrong: {}", label_in(label, path, lang), flaw.message().en)
            }
        }
    }
}

/// The record `row` stands for, with `mapping[i]` the field path column `i`
/// fills: CSV text typed by its field's type; and what is wrong with it: a
/// required field of `used` (the schema fields the template reads) missing,
/// or a value of any mapped field not of its format (a phone number the
/// message goes to matters even when the template does not print it).
pub fn record(row: &Row, mapping: &[Option<String>], fixed: &[Fixed], schema: &FieldSchema, used: &[&Field]) -> (Map<String, Value>, Vec<RowProblem>) {
    let mut record = Map::new();
    let mut problems = Vec::new();
    let cells = row.values.iter().zip(mapping).filter_map(|(cell, path)| Some((cell.value()?, path.as_ref()?)));
    // The campaign-wide values first, so that a column for the same field wins.
    let fixed = fixed.iter().map(|f| (Value::String(f.value.clone()), &f.path));
    for (value, path) in fixed.chain(cells) {
        let field = schema.field(path);
        let label = || field.map(|f| f.label.clone()).unwrap_or_default();
        let typed = match (&value, field.map(|f| f.kind)) {
            (Value::String(text), Some(kind @ (FieldType::Number | FieldType::Bool | FieldType::List))) if !text.trim().is_empty() => {
                let typed = match kind {
                    FieldType::Bool => bool_of(text).map(Value::Bool),
                    _ => sample::form_value(kind, text),
                };
                let shown = text.trim().to_owned();
                typed.unwrap_or_else(|| {
                    let flaw = if kind == FieldType::Bool { Flaw::NotYesNo } else { Flaw::NotNumber };
                    problems.push(RowProblem::Format { path: path.clone(), label: label(), value: shown, flaw });
                    value
                })
            }
            _ => value,
        };
        if let (Some(format), Value::String(text)) = (field.and_then(|f| f.format), &typed) {
            if !text.trim().is_empty() {
                if let Err(flaw) = validate::value(format, text) {
                    problems.push(RowProblem::Format { path: path.clone(), label: label(), value: text.trim().to_owned(), flaw });
                }
            }
        }
        sample::insert_path(&mut record, path, typed);
    }
    for field in used.iter().filter(|f| f.required) {
        let value = sample::value_at(&record, &field.path);
        if matches!(value, None | Some(Value::Null)) || value.and_then(Value::as_str).is_some_and(|t| t.trim().is_empty()) {
            problems.push(RowProblem::Missing { path: field.path.clone(), label: field.label.clone() });
        }
    }
    (record, problems)
}

/// A spreadsheet's yes / no.
fn bool_of(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "是" | "对" => Some(true),
        "false" | "no" | "n" | "0" | "否" | "不" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(recipients: &Recipients) -> Vec<Vec<String>> {
        recipients.rows.iter().map(|r| r.values.iter().map(|c| c.value().map_or("∅".into(), |v| v.as_str().map_or(v.to_string(), str::to_owned))).collect()).collect()
    }

    #[test]
    fn csv_with_quotes_doubled_quotes_and_line_breaks_inside_fields() {
        let text = "name,note,city\r\n张伟,\"说 \"\"你好\"\", 再见\",上海\r\n\"Li,\nSi\",,北京\r\n\r\n";
        let r = read("list.csv", text.as_bytes(), decode_gbk).unwrap();
        assert_eq!(r.columns, ["name", "note", "city"]);
        assert_eq!(cells(&r), [vec!["张伟", "说 \"你好\", 再见", "上海"], vec!["Li,\nSi", "", "北京"]]);
        assert_eq!(r.rows.iter().map(|row| row.line).collect::<Vec<_>>(), [2, 3]);
        assert!(r.problems.is_empty());
        assert_eq!(r.encoding, Some(Encoding::Utf8));
    }

    #[test]
    fn the_delimiter_is_found_in_the_header_and_a_bom_is_dropped() {
        let r = read("list.csv", "\u{feff}name;amount\nAnn;1,5\n".as_bytes(), decode_gbk).unwrap();
        assert_eq!((r.columns.as_slice(), cells(&r)), (["name".to_owned(), "amount".to_owned()].as_slice(), vec![vec!["Ann".to_owned(), "1,5".to_owned()]]));
        let r = read("list.tsv", b"a\tb\n1\t2", decode_gbk).unwrap();
        assert_eq!(cells(&r), [["1", "2"]]);
    }

    #[test]
    fn gbk_files_from_chinese_spreadsheets_are_decoded() {
        // "姓名,城市\n张伟,上海\n" as GBK bytes.
        let (bytes, _, _) = encoding_rs::GBK.encode("姓名,城市\n张伟,上海\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        let r = read("list.csv", &bytes, decode_gbk).unwrap();
        assert_eq!((r.encoding, r.columns.clone(), cells(&r)), (Some(Encoding::Gbk), vec!["姓名".to_owned(), "城市".to_owned()], vec![vec!["张伟".to_owned(), "上海".to_owned()]]));
        assert_eq!(read("x.csv", &[0xff, 0xfe, 0x00, 0x81], decode_gbk), Err(ReadError::NotText));
        assert_eq!(read("x.csv", b"", decode_gbk), Err(ReadError::Empty));
    }

    #[test]
    fn malformed_rows_are_reported_by_line_and_left_out() {
        let r = read("list.csv", b"a,b\n1,2\n3\n4,5,6\n7,8\n\"9,10\n11,12\n", decode_gbk).unwrap();
        assert_eq!(cells(&r), [["1", "2"], ["7", "8"]]);
        let problems: Vec<String> = r.problems.iter().map(|p| p.message(Lang::En)).collect();
        assert_eq!(problems, [
            "line 3: 1 fields where the header has 2",
            "line 4: 3 fields where the header has 2",
            "line 6: a quote that never closes; nothing after it could be read",
        ]);
        assert_eq!(r.problems[0].message(Lang::Zh), "第 3 行：有 1 个字段，表头有 2 个");
    }

    #[test]
    fn json_lines_flatten_to_dotted_columns_and_bad_lines_are_reported() {
        let text = "{\"customer\": {\"name\": \"张伟\", \"level\": 3}}\n\n[1]\n{\"customer\": {\"name\": \"Ann\"}, \"tags\": [\"a\"]}\n{oops\n";
        let r = read("list.jsonl", text.as_bytes(), decode_gbk).unwrap();
        assert_eq!(r.columns, ["customer.name", "customer.level", "tags"]);
        assert_eq!(cells(&r), [vec!["张伟", "3", "∅"], vec!["Ann", "∅", "[\"a\"]"]]);
        assert_eq!(r.rows[1].line, 4);
        let problems: Vec<String> = r.problems.iter().map(|p| p.message(Lang::En)).collect();
        assert_eq!(problems, ["line 3: expected a JSON object", "line 5, column 2: not valid JSON (key must be a string)"]);
    }

    fn schema() -> FieldSchema {
        serde_json::from_str(
            r#"{"fields": [
                {"path": "customer.name", "label": "姓名", "required": true},
                {"path": "customer.phone", "label": "手机", "format": "phone"},
                {"path": "order.total", "type": "number"},
                {"path": "customer.vip", "type": "bool"}
            ]}"#,
        )
        .unwrap()
    }

    #[test]
    fn columns_map_by_path_label_or_last_name_else_by_their_own_name() {
        let columns: Vec<String> = ["姓名", "PHONE", "order.total", "city", "备注 1"].map(String::from).to_vec();
        assert_eq!(auto_mapping(&columns, &schema()), [
            Some("customer.name".to_owned()),
            Some("customer.phone".to_owned()),
            Some("order.total".to_owned()),
            Some("city".to_owned()),
            None,
        ]);
        // Bilingual labels, as the gallery's presets have them; a column a label ends with.
        let gallery: FieldSchema = serde_json::from_str(r#"{"fields": [
            {"path": "customer.name", "label": "客户姓名 · Customer name"},
            {"path": "customer.phone", "label": "手机号 · Mobile"}
        ]}"#).unwrap();
        let columns: Vec<String> = ["姓名", "mobile", "Customer name", "手机号", "名"].map(String::from).to_vec();
        assert_eq!(auto_mapping(&columns, &gallery), [
            Some("customer.name".to_owned()),
            Some("customer.phone".to_owned()),
            Some("customer.name".to_owned()),
            Some("customer.phone".to_owned()),
            None,
        ]);
    }

    #[test]
    fn a_row_becomes_a_typed_record_and_its_problems_are_named() {
        let schema = schema();
        let used: Vec<&Field> = schema.fields.iter().collect();
        let columns: Vec<String> = ["姓名", "手机", "order.total", "customer.vip"].map(String::from).to_vec();
        let mapping = auto_mapping(&columns, &schema);
        let row = |values: [&str; 4]| Row { line: 2, values: values.iter().map(|v| Cell::Text((*v).into())).collect() };
        let (record, problems) = record(&row(["张伟", "138 0013 8000", "12.5", "是"]), &mapping, &[], &schema, &used);
        assert_eq!(Value::Object(record), serde_json::json!({"customer": {"name": "张伟", "phone": "138 0013 8000", "vip": true}, "order": {"total": 12.5}}));
        assert!(problems.is_empty(), "{problems:?}");
        let (_, problems) = super::record(&row([" ", "12345", "lots", ""]), &mapping, &[], &schema, &used);
        let messages: Vec<String> = problems.iter().map(|p| p.message(Lang::En)).collect();
        assert_eq!(
            messages,
            [
                "“手机” (customer.phone) “12345” is wrong: a mobile number has 11 digits, this has 5",
                "“order.total” (order.total) “lots” is wrong: not a number",
                "the required field “姓名” (customer.name) is missing",
            ]
        );
        assert_eq!(problems[2].message(Lang::Zh), "缺少必填字段“姓名”（customer.name）");
        // 11 digits from 1 are no mobile number without a real prefix.
        let (_, problems) = super::record(&row(["张伟", "12345678901", "1", "否"]), &mapping, &[], &schema, &used);
        assert_eq!(problems[0].message(Lang::Zh), "“手机”（customer.phone）的值“12345678901”有误：“123”不是手机号段：手机号以 13–19 开头");
    }

    #[test]
    fn a_campaign_wide_value_fills_every_record_is_typed_and_checked_and_gives_way_to_a_column() {
        let schema = schema();
        let used: Vec<&Field> = schema.fields.iter().collect();
        let columns: Vec<String> = ["姓名"].map(String::from).to_vec();
        let mapping = auto_mapping(&columns, &schema);
        let fixed = |path: &str, value: &str| Fixed { path: path.into(), value: value.into() };
        let row = Row { line: 2, values: vec![Cell::Text("张伟".into())] };
        let shared = [fixed("order.total", "99"), fixed("customer.phone", "13800138000"), fixed("customer.name", "不该出现")];
        let (record, problems) = record(&row, &mapping, &shared, &schema, &used);
        assert_eq!(Value::Object(record), serde_json::json!({"customer": {"name": "张伟", "phone": "13800138000"}, "order": {"total": 99}}));
        assert!(problems.is_empty(), "{problems:?}");
        let (_, problems) = super::record(&row, &mapping, &[fixed("customer.phone", "12345")], &schema, &used);
        assert_eq!(problems.len(), 1, "a wrong shared value is reported like a column's: {problems:?}");
    }
}
