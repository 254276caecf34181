//! Sample data: the JSON a user types to stand in for a customer record.

use minijinja::Value;

use crate::lang::Lang;
use crate::model::{Field, FieldSchema, FieldType, SampleProfile};
use crate::text::Span;

/// Why sample data could not be used, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleError {
    pub kind: SampleErrorKind,
    pub span: Span,
    /// The JSON parser's own words (English), without its position suffix.
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleErrorKind {
    /// The text is not JSON.
    Syntax,
    /// The text is JSON, but not an object of named fields.
    NotAnObject,
}

impl SampleError {
    pub fn message(&self, lang: Lang) -> String {
        let Span { line, column, .. } = self.span;
        match (self.kind, lang) {
            (SampleErrorKind::Syntax, Lang::Zh) => {
                format!("样例数据不是有效的 JSON（第 {line} 行第 {column} 列）：{}", self.detail)
            }
            (SampleErrorKind::Syntax, Lang::En) => {
                format!("Sample data is not valid JSON (line {line}, column {column}): {}", self.detail)
            }
            (SampleErrorKind::NotAnObject, Lang::Zh) => {
                "样例数据必须是一个 JSON 对象，例如 {\"customer\": {\"name\": \"张三\"}}".to_owned()
            }
            (SampleErrorKind::NotAnObject, Lang::En) => {
                "Sample data must be a JSON object, such as {\"customer\": {\"name\": \"Ann\"}}".to_owned()
            }
        }
    }
}

/// Parses sample data into the value templates render with. Blank text is an
/// empty record, so a new draft previews before any data is typed.
pub fn parse(json: &str) -> Result<Value, SampleError> {
    parse_object(json).map(|fields| to_value(serde_json::Value::Object(fields)))
}

/// Reads a profiles file: one record, or `{"profiles": {"NAME": {…}, …}}`.
pub fn profiles(json: &str) -> Result<Vec<SampleProfile>, SampleError> {
    let mut fields = parse_object(json)?;
    let named = match fields.remove("profiles") {
        Some(serde_json::Value::Object(named)) if fields.is_empty() => named,
        Some(other) => {
            fields.insert("profiles".to_owned(), other);
            return Ok(vec![single(fields)]);
        }
        None => return Ok(vec![single(fields)]),
    };
    named
        .into_iter()
        .map(|(name, data)| match data {
            serde_json::Value::Object(_) => Ok(SampleProfile { name, data: data.to_string() }),
            _ => Err(SampleError { kind: SampleErrorKind::NotAnObject, span: Span::of(json, 0..0), detail: name }),
        })
        .collect()
}

fn single(fields: serde_json::Map<String, serde_json::Value>) -> SampleProfile {
    SampleProfile { name: "sample".to_owned(), data: serde_json::Value::Object(fields).to_string() }
}

fn parse_object(json: &str) -> Result<serde_json::Map<String, serde_json::Value>, SampleError> {
    if json.trim().is_empty() {
        return Ok(serde_json::Map::new());
    }
    match serde_json::from_str(json).map_err(|err| syntax_error(json, &err))? {
        serde_json::Value::Object(fields) => Ok(fields),
        _ => Err(SampleError { kind: SampleErrorKind::NotAnObject, span: Span::of(json, 0..json.len()), detail: String::new() }),
    }
}

fn syntax_error(json: &str, err: &serde_json::Error) -> SampleError {
    // serde_json counts columns in bytes; turn its position into a byte offset
    // so the span counts characters like every other position we show.
    let line_start = Span::at_line(json, err.line()).range.start;
    let offset = line_start + err.column().saturating_sub(1);
    let full = err.to_string();
    let detail = match full.rfind(" at line ") {
        Some(cut) => full[..cut].to_owned(),
        None => full,
    };
    SampleError { kind: SampleErrorKind::Syntax, span: Span::of(json, offset..offset), detail }
}

/// Converts JSON to a template value, keeping every JSON type distinct.
pub fn to_value(json: serde_json::Value) -> Value {
    use serde_json::Value as Json;
    match json {
        Json::Null => Value::from(()),
        Json::Bool(b) => Value::from(b),
        Json::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::from(i),
            (None, Some(u)) => Value::from(u),
            (None, None) => Value::from(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(s) => Value::from(s),
        Json::Array(items) => Value::from(items.into_iter().map(to_value).collect::<Vec<_>>()),
        Json::Object(fields) => Value::from_pairs(fields.into_iter().map(|(k, v)| (k, to_value(v)))),
    }
}

/// A record holding every path of `used`, typed and filled from the
/// examples of `schema` (a path the schema lacks gets its last name as its
/// value): "Generate from template", and the start of the record checks make
/// up for a template without samples.
pub fn skeleton<'p>(used: impl IntoIterator<Item = &'p str>, schema: &FieldSchema) -> serde_json::Map<String, serde_json::Value> {
    let mut root = serde_json::Map::new();
    for path in used {
        let value = match schema.field(path) {
            Some(field) => example_of(field),
            None => serde_json::Value::String(path.rsplit('.').next().unwrap_or_default().to_owned()),
        };
        insert_path(&mut root, path, value);
    }
    root
}

/// A plausible value of `field`: its example, typed.
pub fn example_of(field: &Field) -> serde_json::Value {
    use serde_json::Value as Json;
    let text = || field.example.clone().unwrap_or_else(|| if field.label.is_empty() { field.path.clone() } else { field.label.clone() });
    match field.kind {
        FieldType::Number => field.example.as_deref().and_then(|e| serde_json::from_str(e).ok()).unwrap_or(Json::from(100)),
        FieldType::Bool => Json::Bool(field.example.as_deref() != Some("false")),
        FieldType::List => Json::Array(vec![Json::String(text())]),
        FieldType::String | FieldType::Date => Json::String(text()),
    }
}

/// Sets `path` (dotted) in `root`; objects already there win over leaves, so
/// `customer` and `customer.name` both used keep `customer` an object.
pub fn insert_path(root: &mut serde_json::Map<String, serde_json::Value>, path: &str, value: serde_json::Value) {
    let mut node = root;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        if keys.peek().is_none() {
            if !node.get(key).is_some_and(serde_json::Value::is_object) {
                node.insert(key.to_owned(), value);
            }
            return;
        }
        let child = node.entry(key.to_owned()).or_insert_with(|| serde_json::Value::Object(Default::default()));
        if !child.is_object() {
            *child = serde_json::Value::Object(Default::default());
        }
        let serde_json::Value::Object(map) = child else { return };
        node = map;
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skeleton_holds_every_used_path_typed_from_the_schema() {
        let schema: FieldSchema = serde_json::from_str(
            r#"{"fields": [
                {"path": "customer.name", "example": "张伟"},
                {"path": "order.total", "type": "number", "example": "99.5"},
                {"path": "order.items", "type": "list", "example": "保温杯"},
                {"path": "unused.field", "example": "never"}
            ]}"#,
        )
        .unwrap();
        let used = ["customer.name", "customer", "order.total", "order.items", "coupon.code"];
        let skeleton = serde_json::Value::Object(skeleton(used, &schema));
        assert_eq!(
            skeleton,
            serde_json::json!({
                "customer": {"name": "张伟"},
                "order": {"total": 99.5, "items": ["保温杯"]},
                "coupon": {"code": "code"}
            })
        );
    }

    #[test]
    fn blank_text_is_an_empty_record() {
        let value = parse("  \n").unwrap();
        assert_eq!(value.len(), Some(0));
    }

    #[test]
    fn nested_fields_and_types_survive() {
        let value = parse(r#"{"customer": {"name": "张三", "vip": true, "orders": [1, 2.5], "note": null}}"#).unwrap();
        let customer = value.get_attr("customer").unwrap();
        assert_eq!(customer.get_attr("name").unwrap().as_str(), Some("张三"));
        assert!(customer.get_attr("vip").unwrap().is_true());
        assert_eq!(customer.get_attr("orders").unwrap().len(), Some(2));
        assert!(customer.get_attr("note").unwrap().is_none());
    }

    #[test]
    fn syntax_error_points_at_line_and_character_column() {
        let err = parse("{\n  \"姓名\": \"张三\"\n  \"x\": 1\n}").unwrap_err();
        assert_eq!(err.kind, SampleErrorKind::Syntax);
        assert_eq!((err.span.line, err.span.column), (3, 3));
        assert_eq!(err.detail, "expected `,` or `}`");
        assert!(err.message(Lang::Zh).contains("第 3 行第 3 列"), "{}", err.message(Lang::Zh));
        assert!(err.message(Lang::En).contains("line 3, column 3"));
    }

    #[test]
    fn profiles_file_is_one_record_or_named_records() {
        let one = profiles(r#"{"customer": {"name": "王"}}"#).unwrap();
        assert_eq!(one, vec![SampleProfile { name: "sample".into(), data: r#"{"customer":{"name":"王"}}"#.into() }]);
        let named = profiles(r#"{"profiles": {"新客户": {"a": 1}, "老客户": {"a": 2}}}"#).unwrap();
        assert_eq!(named.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["新客户", "老客户"]);
        assert_eq!(named[1].data, r#"{"a":2}"#);
        // A record that merely has a field called "profiles" stays one record.
        assert_eq!(profiles(r#"{"profiles": 3, "x": 1}"#).unwrap().len(), 1);
        assert_eq!(profiles(r#"{"profiles": {"bad": 3}}"#).unwrap_err().kind, SampleErrorKind::NotAnObject);
    }

    #[test]
    fn a_list_is_not_a_record() {
        let err = parse("[1, 2]").unwrap_err();
        assert_eq!(err.kind, SampleErrorKind::NotAnObject);
        assert!(err.message(Lang::En).starts_with("Sample data must be a JSON object"));
    }
}
