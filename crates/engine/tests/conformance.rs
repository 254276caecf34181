//! Renders every case in tests/conformance/cases with the engine and requires
//! the exact bytes of its .out file. tests/conformance/jinja2_conformance.py
//! holds Python Jinja2 to the same files.

use std::fs;
use std::path::Path;

use notice_engine::template::{render, sample};

#[test]
fn engine_renders_every_case_byte_for_byte() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/cases");
    let mut templates: Vec<_> = fs::read_dir(&cases)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "j2"))
        .collect();
    templates.sort();
    assert!(templates.len() >= 8, "conformance cases missing from {cases:?}");

    let mut failures = Vec::new();
    for path in &templates {
        let source = fs::read_to_string(path).unwrap();
        let data = sample::parse(&fs::read_to_string(path.with_extension("json")).unwrap()).unwrap();
        let expected = fs::read_to_string(path.with_extension("out")).unwrap();
        match render::render(&source, &data) {
            Ok(actual) if actual == expected => {}
            other => failures.push(format!("{}: expected {expected:?}, got {other:?}", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
