//! What kind of value a path holds, as far as the field schema and the sample
//! data prove it: a conversion is only faithful for values whose kind is known.

use crate::library::model::{FieldSchema, FieldType};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    String,
    Number,
    Bool,
    List,
    Map,
    /// Nothing says, or the samples disagree.
    Unknown,
}

impl Kind {
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::String => "文字",
            Kind::Number => "数字",
            Kind::Bool => "是非值",
            Kind::List => "列表",
            Kind::Map => "对象",
            Kind::Unknown => "类型未知的值",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Kind::String => "text",
            Kind::Number => "a number",
            Kind::Bool => "a yes/no value",
            Kind::List => "a list",
            Kind::Map => "an object",
            Kind::Unknown => "a value of unknown type",
        }
    }
}

/// One step from a record to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DataStep {
    Key(String),
    Index(i64),
    /// Every item of a list.
    Each,
}

pub(crate) struct Types<'a> {
    schema: &'a FieldSchema,
    profiles: &'a [serde_json::Map<String, serde_json::Value>],
}

impl<'a> Types<'a> {
    pub fn new(schema: &'a FieldSchema, profiles: &'a [serde_json::Map<String, serde_json::Value>]) -> Types<'a> {
        Types { schema, profiles }
    }

    /// The kind the field schema declares for a dotted path.
    pub fn declared(&self, dotted: &str) -> Option<Kind> {
        self.schema.field(dotted).map(|field| match field.kind {
            // Dates arrive as text (COMPATIBILITY.md).
            FieldType::String | FieldType::Date => Kind::String,
            FieldType::Number => Kind::Number,
            FieldType::Bool => Kind::Bool,
            FieldType::List => Kind::List,
        })
    }

    /// The one kind every sample value at `steps` has, and whether any is null.
    /// No value at all, or values of different kinds, is [`Kind::Unknown`].
    pub fn kind(&self, steps: &[DataStep]) -> (Kind, bool) {
        let mut values = Vec::new();
        for profile in self.profiles {
            if let Some((DataStep::Key(first), rest)) = steps.split_first() {
                if let Some(value) = profile.get(first) {
                    collect(value, rest, &mut values);
                }
            }
        }
        let nullable = values.iter().any(|v| v.is_null());
        let mut kinds = values.iter().filter(|v| !v.is_null()).map(|value| match value {
            serde_json::Value::String(_) => Kind::String,
            serde_json::Value::Number(_) => Kind::Number,
            serde_json::Value::Bool(_) => Kind::Bool,
            serde_json::Value::Array(_) => Kind::List,
            serde_json::Value::Object(_) => Kind::Map,
            serde_json::Value::Null => Kind::Unknown,
        });
        let first = kinds.next().unwrap_or(Kind::Unknown);
        (if kinds.all(|k| k == first) { first } else { Kind::Unknown }, nullable)
    }
}

fn collect<'v>(value: &'v serde_json::Value, steps: &[DataStep], out: &mut Vec<&'v serde_json::Value>) {
    let Some((step, rest)) = steps.split_first() else {
        out.push(value);
        return;
    };
    match (step, value) {
        (DataStep::Key(key), serde_json::Value::Object(map)) => {
            if let Some(next) = map.get(key) {
                collect(next, rest, out);
            }
        }
        (DataStep::Index(i), serde_json::Value::Array(items)) => {
            if let Some(next) = usize::try_from(*i).ok().and_then(|i| items.get(i)) {
                collect(next, rest, out);
            }
        }
        (DataStep::Each, serde_json::Value::Array(items)) => items.iter().for_each(|item| collect(item, rest, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::model::Field;

    fn record(json: &str) -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_schema_decides_and_else_every_sample_must_agree() {
        let schema = FieldSchema { fields: vec![Field { path: "order.total".into(), kind: FieldType::Number, ..Field::default() }] };
        let profiles = [record(r#"{"order": {"total": "12", "items": [{"name": "a"}, {"name": "b"}]}, "vip": true}"#), record(r#"{"vip": "yes", "nick": null}"#)];
        let types = Types::new(&schema, &profiles);
        assert_eq!(types.declared("order.total"), Some(Kind::Number));
        let key = |k: &str| DataStep::Key(k.into());
        assert_eq!(types.kind(&[key("order"), key("items"), DataStep::Each, key("name")]), (Kind::String, false));
        assert_eq!(types.kind(&[key("order"), key("items"), DataStep::Index(1), key("name")]), (Kind::String, false));
        assert_eq!(types.kind(&[key("vip")]), (Kind::Unknown, false));
        assert_eq!(types.kind(&[key("nick")]), (Kind::Unknown, true));
        assert_eq!(types.kind(&[key("missing")]), (Kind::Unknown, false));
    }
}
