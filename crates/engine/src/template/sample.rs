//! Sample data: the JSON a user types to stand in for a customer record.

use minijinja::Value;

use crate::lang::Lang;
use crate::library::model::{Field, FieldSchema, FieldType, SampleProfile};
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
    record(json).map(|fields| record_value(&fields))
}

/// Reads a profiles file: one record, or `{"profiles": {"NAME": {…}, …}}`.
pub fn profiles(json: &str) -> Result<Vec<SampleProfile>, SampleError> {
    let mut fields = record(json)?;
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

/// Parses sample data as the JSON record it is; blank text is an empty one.
pub fn record(json: &str) -> Result<serde_json::Map<String, serde_json::Value>, SampleError> {
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

/// Converts a JSON object to a template value (see [`to_value`]).
pub fn record_value(fields: &serde_json::Map<String, serde_json::Value>) -> Value {
    Value::from_pairs(fields.iter().map(|(k, v)| (k.as_str(), to_value(v))))
}

/// Converts JSON to a template value, keeping every JSON type distinct.
pub fn to_value(json: &serde_json::Value) -> Value {
    use serde_json::Value as Json;
    match json {
        Json::Null => Value::from(()),
        Json::Bool(b) => Value::from(*b),
        Json::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::from(i),
            (None, Some(u)) => Value::from(u),
            (None, None) => Value::from(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(s) => Value::from(s.as_str()),
        Json::Array(items) => Value::from(items.iter().map(to_value).collect::<Vec<_>>()),
        Json::Object(fields) => record_value(fields),
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
    let Some((parent, name)) = parent_of(root, path) else { return };
    if !parent.get(name).is_some_and(serde_json::Value::is_object) {
        parent.insert(name.to_owned(), value);
    }
}

/// The object holding the last name of dotted `path`, and that name; the
/// objects on the way are made where missing, and replace what is not one.
fn parent_of<'m, 'p>(root: &'m mut serde_json::Map<String, serde_json::Value>, path: &'p str) -> Option<(&'m mut serde_json::Map<String, serde_json::Value>, &'p str)> {
    let Some((parents, name)) = path.rsplit_once('.') else { return Some((root, path)) };
    let mut node = root;
    for key in parents.split('.') {
        let child = node.entry(key.to_owned()).or_insert_with(|| serde_json::Value::Object(Default::default()));
        if !child.is_object() {
            *child = serde_json::Value::Object(Default::default());
        }
        node = child.as_object_mut()?;
    }
    Some((node, name))
}

/// The value at dotted `path` in `record`, if it has one.
pub fn value_at<'r>(record: &'r serde_json::Map<String, serde_json::Value>, path: &str) -> Option<&'r serde_json::Value> {
    let mut keys = path.split('.');
    let first = record.get(keys.next()?)?;
    keys.try_fold(first, |node, key| node.as_object()?.get(key))
}

/// Sample data `json` with `value` at dotted `path` (a form's edit): every
/// other key stays, in its order. Text on one line stays on one line;
/// otherwise it is indented as generated profiles are.
pub fn set_in_text(json: &str, path: &str, value: serde_json::Value) -> Result<String, SampleError> {
    let mut fields = record(json)?;
    if let Some((parent, name)) = parent_of(&mut fields, path) {
        parent.insert(name.to_owned(), value);
    }
    let fields = serde_json::Value::Object(fields);
    let one_line = !json.trim().is_empty() && !json.trim().contains('\n');
    Ok(if one_line { fields.to_string() } else { serde_json::to_string_pretty(&fields).unwrap_or_default() })
}

/// The fields a form of sample data shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormFields {
    /// The paths the template uses, in the skeleton's order.
    pub used: Vec<Field>,
    /// The rest of the schema, in its order.
    pub others: Vec<Field>,
}

/// The fields a form of sample data shows: the paths the template uses (the
/// leaves of its skeleton `used`), then the rest of the schema. A used path
/// the schema lacks is typed from its value in `record`; a path other fields
/// are under (`customer` beside `customer.name`) is no field of its own.
pub fn form_fields(schema: &FieldSchema, used: &serde_json::Map<String, serde_json::Value>, record: &serde_json::Map<String, serde_json::Value>) -> FormFields {
    let mut paths = Vec::new();
    leaf_paths(used, "", &mut paths);
    let used_count = paths.len();
    let mut fields: Vec<Field> = Vec::with_capacity(paths.len() + schema.fields.len());
    let described = paths.into_iter().map(|path| match schema.field(&path) {
        Some(field) => field.clone(),
        None => Field { kind: value_at(record, &path).map_or(FieldType::String, kind_of), path, ..Field::default() },
    });
    for field in described.chain(schema.fields.iter().cloned()) {
        if !fields.iter().any(|f| f.path == field.path) {
            fields.push(field);
        }
    }
    // The used leaves are distinct and come first, so the first
    // `used_count` fields are the used ones.
    let others = fields.split_off(used_count.min(fields.len()));
    let paths: Vec<String> = fields.iter().chain(&others).map(|f| f.path.clone()).collect();
    let is_leaf = |f: &Field| !paths.iter().any(|p| p.strip_prefix(f.path.as_str()).is_some_and(|rest| rest.starts_with('.')));
    FormFields { used: fields.into_iter().filter(is_leaf).collect(), others: others.into_iter().filter(is_leaf).collect() }
}

/// The dotted paths of the values in `map` that are not objects.
fn leaf_paths(map: &serde_json::Map<String, serde_json::Value>, prefix: &str, out: &mut Vec<String>) {
    for (key, value) in map {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            serde_json::Value::Object(children) => leaf_paths(children, &path, out),
            _ => out.push(path),
        }
    }
}

/// The field type a value the schema does not describe looks like.
fn kind_of(value: &serde_json::Value) -> FieldType {
    match value {
        serde_json::Value::Number(_) => FieldType::Number,
        serde_json::Value::Bool(_) => FieldType::Bool,
        serde_json::Value::Array(_) => FieldType::List,
        _ => FieldType::String,
    }
}

/// What a form input shows of `value` (a list as its items joined by
/// commas); `None` when a form cannot edit it (a record, a list of records).
pub fn form_text(value: Option<&serde_json::Value>) -> Option<String> {
    use serde_json::Value as Json;
    match value {
        None | Some(Json::Null) => Some(String::new()),
        Some(Json::String(text)) => Some(text.clone()),
        Some(Json::Object(_)) => None,
        Some(Json::Array(items)) => {
            let items: Option<Vec<String>> = items.iter().map(|item| if item.is_object() || item.is_array() { None } else { form_text(Some(item)) }).collect();
            items.map(|items| items.join(", "))
        }
        Some(other) => Some(other.to_string()),
    }
}

/// The value a form input's `text` stands for in a field of `kind`: a
/// number (`null` when blank), `true`/`false`, a list of the comma-separated
/// items, or the text. `None` when the text is no number yet ("1e").
pub fn form_value(kind: FieldType, text: &str) -> Option<serde_json::Value> {
    use serde_json::Value as Json;
    match kind {
        // JSON's own number syntax, which a number input's value follows;
        // it also keeps the page free of a second float parser.
        FieldType::Number if text.trim().is_empty() => Some(Json::Null),
        FieldType::Number => match serde_json::from_str(text.trim()) {
            Ok(Json::Number(number)) => Some(Json::Number(number)),
            _ => None,
        },
        FieldType::Bool => Some(Json::Bool(text == "true")),
        FieldType::List => Some(Json::Array(text.split([',', '，']).map(str::trim).filter(|item| !item.is_empty()).map(|item| Json::String(item.to_owned())).collect())),
        FieldType::String | FieldType::Date => Some(Json::String(text.to_owned())),
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
    fn setting_a_path_keeps_every_other_key_in_its_order() {
        let json = "{\n  \"order\": {\"id\": \"A1\", \"total\": 5},\n  \"customer\": {\"vip\": true, \"name\": \"Ann\", \"tags\": [\"a\"]},\n  \"z\": null\n}";
        let edited = set_in_text(json, "customer.name", serde_json::json!("Bo")).unwrap();
        assert_eq!(edited, "{\n  \"order\": {\n    \"id\": \"A1\",\n    \"total\": 5\n  },\n  \"customer\": {\n    \"vip\": true,\n    \"name\": \"Bo\",\n    \"tags\": [\n      \"a\"\n    ]\n  },\n  \"z\": null\n}");
        // A number stays a number, a new path goes at the end of its object.
        let edited = set_in_text(&edited, "order.total", serde_json::json!(12.5)).unwrap();
        let edited = set_in_text(&edited, "order.paid", serde_json::json!(false)).unwrap();
        let record = record(&edited).unwrap();
        assert_eq!(serde_json::Value::Object(record.clone()), serde_json::json!({
            "order": {"id": "A1", "total": 12.5, "paid": false},
            "customer": {"vip": true, "name": "Bo", "tags": ["a"]},
            "z": null
        }));
        assert_eq!(record["order"].as_object().unwrap().keys().collect::<Vec<_>>(), ["id", "total", "paid"]);
    }

    #[test]
    fn setting_a_path_makes_the_objects_on_the_way_and_keeps_one_line_text_on_one_line() {
        assert_eq!(set_in_text(r#"{"b": 1, "a": 2}"#, "coupon.code", serde_json::json!("X")).unwrap(), r#"{"b":1,"a":2,"coupon":{"code":"X"}}"#);
        assert_eq!(set_in_text("", "customer.name", serde_json::json!("Ann")).unwrap(), "{\n  \"customer\": {\n    \"name\": \"Ann\"\n  }\n}");
        // A value that is not an object gives way to the object the path needs.
        assert_eq!(set_in_text(r#"{"customer": "Ann"}"#, "customer.name", serde_json::json!("Ann")).unwrap(), r#"{"customer":{"name":"Ann"}}"#);
        assert_eq!(set_in_text(r#"{"top": 1}"#, "top", serde_json::json!(2)).unwrap(), r#"{"top":2}"#);
    }

    #[test]
    fn text_that_is_not_a_record_is_left_alone_with_its_error() {
        let err = set_in_text("{\n  \"a\": 1,\n}", "a", serde_json::json!(2)).unwrap_err();
        assert_eq!((err.kind, err.span.line, err.span.column), (SampleErrorKind::Syntax, 3, 1));
        assert_eq!(set_in_text("[1]", "a", serde_json::json!(2)).unwrap_err().kind, SampleErrorKind::NotAnObject);
    }

    #[test]
    fn reading_a_path() {
        let record = record(r#"{"customer": {"name": "Ann", "orders": [1, 2]}, "flat": 3, "text": "x"}"#).unwrap();
        assert_eq!(value_at(&record, "customer.name"), Some(&serde_json::json!("Ann")));
        assert_eq!(value_at(&record, "customer.orders"), Some(&serde_json::json!([1, 2])));
        assert_eq!(value_at(&record, "flat"), Some(&serde_json::json!(3)));
        assert_eq!(value_at(&record, "customer"), Some(&serde_json::json!({"name": "Ann", "orders": [1, 2]})));
        assert_eq!(value_at(&record, "customer.email"), None);
        assert_eq!(value_at(&record, "text.length"), None);
        assert_eq!(value_at(&record, "nobody.name"), None);
    }

    #[test]
    fn form_fields_are_the_used_paths_first_then_the_schema() {
        let schema: FieldSchema = serde_json::from_str(
            r#"{"fields": [
                {"path": "company.name", "label": "Company"},
                {"path": "customer.name", "label": "Name"},
                {"path": "order", "label": "Order"},
                {"path": "order.total", "type": "number"}
            ]}"#,
        )
        .unwrap();
        let used = record(r#"{"customer": {"name": "x"}, "visits": 1, "coupon": {"code": "c", "valid": true}}"#).unwrap();
        let data = record(r#"{"visits": 3, "coupon": {"valid": false}}"#).unwrap();
        let FormFields { used: fields, others } = form_fields(&schema, &used, &data);
        let shown: Vec<_> = fields.iter().map(|f| (f.path.as_str(), f.kind)).collect();
        assert_eq!(shown, [
            ("customer.name", FieldType::String),
            ("visits", FieldType::Number),
            ("coupon.code", FieldType::String),
            ("coupon.valid", FieldType::Bool),
        ]);
        let shown: Vec<_> = others.iter().map(|f| (f.path.as_str(), f.kind)).collect();
        assert_eq!(shown, [("company.name", FieldType::String), ("order.total", FieldType::Number)]);
        assert_eq!(fields[0].label, "Name", "a used path the schema has keeps its description");
    }

    #[test]
    fn form_inputs_show_and_give_typed_values() {
        use serde_json::json;
        assert_eq!(form_text(None), Some(String::new()));
        assert_eq!(form_text(Some(&json!(null))), Some(String::new()));
        assert_eq!(form_text(Some(&json!("Ann"))), Some("Ann".to_owned()));
        assert_eq!(form_text(Some(&json!(12.5))), Some("12.5".to_owned()));
        assert_eq!(form_text(Some(&json!(["a", 2]))), Some("a, 2".to_owned()));
        assert_eq!(form_text(Some(&json!([{"name": "cup"}]))), None);
        assert_eq!(form_text(Some(&json!({"name": "Ann"}))), None);

        assert_eq!(form_value(FieldType::Number, "42"), Some(json!(42)));
        assert_eq!(form_value(FieldType::Number, " 1.50 "), Some(json!(1.5)));
        assert_eq!(form_value(FieldType::Number, ""), Some(json!(null)));
        assert_eq!(form_value(FieldType::Number, "1e"), None);
        assert_eq!(form_value(FieldType::Number, "NaN"), None);
        assert_eq!(form_value(FieldType::Number, "-4"), Some(json!(-4)));
        assert_eq!(form_value(FieldType::Number, "2e3"), Some(json!(2000.0)));
        assert_eq!(form_value(FieldType::Bool, "true"), Some(json!(true)));
        assert_eq!(form_value(FieldType::Bool, "false"), Some(json!(false)));
        assert_eq!(form_value(FieldType::List, "a, b，c, "), Some(json!(["a", "b", "c"])));
        assert_eq!(form_value(FieldType::Date, "2026-01-05"), Some(json!("2026-01-05")));
        assert_eq!(form_value(FieldType::String, "42"), Some(json!("42")));
    }

    #[test]
    fn a_list_is_not_a_record() {
        let err = parse("[1, 2]").unwrap_err();
        assert_eq!(err.kind, SampleErrorKind::NotAnObject);
        assert!(err.message(Lang::En).starts_with("Sample data must be a JSON object"));
    }
}
