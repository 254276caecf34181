//! A recipient list for a mail merge: CSV (UTF-8 or GBK) or JSON Lines, its
//! columns mapped to a schema, every row made a record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use notice_engine::library::model::{Field, FieldFormat, FieldSchema};
use notice_engine::files::recipients;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let name = if pick & 1 == 0 { "客户.csv" } else { "customers.jsonl" };
    let Ok(list) = recipients::read(name, rest, recipients::decode_gbk) else { return };
    let schema = FieldSchema {
        fields: vec![
            Field { path: "customer.name".into(), label: "姓名".into(), required: true, ..Field::default() },
            Field { path: "customer.phone".into(), label: "手机".into(), format: Some(FieldFormat::Phone), ..Field::default() },
        ],
    };
    let mapping = recipients::auto_mapping(&list.columns, &schema);
    let used: Vec<&Field> = schema.fields.iter().collect();
    for row in &list.rows {
        let _ = recipients::record(row, &mapping, &[], &schema, &used);
    }
});
