//! Writes a sample message file and what it must decode to, for
//! tests/conformance/eml_check.py, which reads it back with Python's standard
//! `email` package: an independent parser proves the file is standard.

use std::fs;
use std::path::Path;

use notice_engine::files::eml::{self, Email};

const SUBJECT: &str = "【星河科技】您的订单已发货，预计明天上午九点至十二点送达，请保持电话畅通；如有疑问请联系客服 🚚";
const NAME: &str = "星河科技 客服中心";
const ADDRESS: &str = "service@xinghe.example.com";
/// A mail merge's recipient.
const TO_NAME: &str = "欧阳娜娜";
const TO_ADDRESS: &str = "nana.ouyang@example.com";
const TEXT: &str = "尊敬的张三：\n\n您的订单 20261123-0001 已发货 📦，预计明天送达。\n\n  快递单号：SF1234567890\n\n星河科技 客服中心\n";
const HTML: &str = "<!DOCTYPE html>\n<html><body>\n<p>尊敬的<b>张三</b>：</p>\n<p>您的订单 20261123-0001 已发货 📦，预计明天送达。</p>\n<p style=\"color:#666\">星河科技 客服中心 &amp; 售后 🎉</p>\n</body></html>\n";
/// 2026-11-23 14:00:00 UTC.
const DATE_MS: i64 = 1_795_442_400_000;

#[test]
fn a_sample_message_is_written_for_the_python_check() {
    let from = format!("{NAME} <{ADDRESS}>");
    assert!(SUBJECT.chars().count() > 40);
    let to = format!("{TO_NAME} <{TO_ADDRESS}>");
    let message = eml::eml(&Email { from: &from, to: &to, subject: SUBJECT, text: TEXT, html: Some(HTML), date_ms: DATE_MS });
    assert!(message.is_ascii());
    // Not CARGO_TARGET_TMPDIR: the Python check looks in the repository's
    // target directory whatever CARGO_TARGET_DIR says.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/tmp");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("sample.eml"), &message).unwrap();
    let expected = serde_json::json!({
        "subject": SUBJECT,
        "from_name": NAME,
        "from_address": ADDRESS,
        "to_name": TO_NAME,
        "to_address": TO_ADDRESS,
        "text": TEXT,
        "html": HTML,
        "date_ms": DATE_MS,
    });
    fs::write(dir.join("sample.eml.json"), serde_json::to_string_pretty(&expected).unwrap()).unwrap();
}
