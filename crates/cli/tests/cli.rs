//! Runs the built `notice` binary the way a CI pipeline would.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use notice_engine::files::export::{Selection, bundle, tree};
use notice_engine::lang::Lang;
use notice_engine::library::Library;
use notice_engine::library::model::{Channel, FieldSchema, SampleProfile, Template};
use notice_engine::protocol::{self, Common};

#[path = "../../engine/tests/support/corpus.rs"]
mod corpus;

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("notice-cli-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn file(&self, name: &str, data: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        fs::write(&path, data).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn notice(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_notice")).args(args).env("LANG", "en_US.UTF-8").output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

const SCHEMA: &str = r#"{"fields":[
  {"path":"customer.name","label":"姓名","type":"string","required":true,"format":null,"sensitive":false},
  {"path":"customer.phone","label":"手机","type":"string","required":false,"format":"phone","sensitive":true}]}"#;

#[test]
fn check_reports_like_a_compiler_and_exits_1_on_errors() {
    let dir = Dir::new("text");
    let template = dir.file("renewal.email.j2", "尊敬的{{ customer.nmae }}：\n请续费。");
    let schema = dir.file("schema.json", SCHEMA);
    let output = notice(&["check", "--schema", &schema, &template]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let expected = format!(
        "{template}:1:7: error[undefined-variable] The variable customer.nmae is not declared: neither the field schema nor the sample data has it. Did you mean customer.name?\n  |\n1 | 尊敬的{{{{ customer.nmae }}}}：\n  |          ^^^^^^^^^^^^^\n"
    );
    assert!(text.starts_with(&expected), "{text}");
}

#[test]
fn check_takes_the_channel_from_the_file_name_and_prints_json() {
    let dir = Dir::new("json");
    let template = dir.file("promo.sms.j2", "本店最佳产品，今日特价！");
    let output = notice(&["check", "--purpose", "marketing", "--format", "json", &template]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = json["files"][0]["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"sms-signature"), "an SMS rule fired, so the channel came from .sms.j2: {rules:?}");
    assert!(rules.contains(&"absolute-term"), "{rules:?}");
    assert_eq!(json["files"][0]["file"], template.as_str());
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_clean_template_exits_0() {
    let dir = Dir::new("clean");
    let template = dir.file(
        "hello.inapp.j2",
        "尊敬的{{ customer.name }}：\n您的服务已升级，请登录查看新功能。\n感谢您的支持！如有疑问请致电客服热线 400-800-1234。",
    );
    let data = dir.file("p.json", r#"{"customer": {"name": "王芳"}}"#);
    let output = notice(&["check", "--data", &data, &template]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn settings_switch_rules_off_and_re_level_them_per_channel() {
    let dir = Dir::new("settings");
    let template = dir.file("promo.sms.j2", "本店最佳产品,今日特价！");
    let fired = |settings: Option<&str>| {
        let mut args = vec!["check", "--purpose", "marketing", "--format", "json"];
        let path;
        if let Some(text) = settings {
            path = dir.file("settings.json", text);
            args.extend(["--settings", path.as_str()]);
        }
        args.push(&template);
        let json: serde_json::Value = serde_json::from_slice(&notice(&args).stdout).unwrap();
        json["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{}:{}", d["rule"].as_str().unwrap(), d["severity"].as_str().unwrap()))
            .collect::<Vec<_>>()
    };
    let defaults = fired(None);
    assert!(defaults.contains(&"absolute-term:warning".to_owned()), "{defaults:?}");
    assert!(defaults.contains(&"typography:info".to_owned()), "{defaults:?}");
    let tuned = fired(Some(r#"{"rules": {"typography": {"enabled": false}}, "channels": {"sms": {"absolute-term": {"severity": "error"}}}}"#));
    assert!(tuned.contains(&"absolute-term:error".to_owned()), "{tuned:?}");
    assert!(!tuned.iter().any(|r| r.starts_with("typography")), "{tuned:?}");

    let bad = dir.file("bad.json", r#"{"rules": {"no-such-rule": {}}}"#);
    let output = notice(&["check", "--settings", &bad, &template]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("bad.json"));
}

#[test]
fn render_prints_the_chosen_profile() {
    let dir = Dir::new("render");
    let template = dir.file("t.j2", "您好，{{ customer.name }}");
    let data = dir.file("p.json", r#"{"profiles": {"a": {"customer": {"name": "甲"}}, "b": {"customer": {"name": "乙"}}}}"#);
    let output = notice(&["render", &template, "--data", &data, "--profile", "b"]);
    assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(0), "您好，乙"));
}

#[test]
fn render_errors_go_to_stderr_with_line_and_column() {
    let dir = Dir::new("render-error");
    let template = dir.file("t.j2", "ok\n{{ 1 + }}");
    let output = notice(&["render", &template]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("Template syntax error (line 2, column"), "{stderr}");
}

#[test]
fn unreadable_input_and_bad_usage_exit_2_with_a_message() {
    let missing = Path::new("/nonexistent/x.j2").to_str().unwrap();
    let output = notice(&["check", missing]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("cannot read /nonexistent/x.j2"));

    let dir = Dir::new("bad-json");
    let template = dir.file("t.j2", "x");
    let data = dir.file("p.json", "{\n  \"a\": 1,\n}");
    let output = notice(&["check", "--data", &data, &template]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("(line 3, column 1)"));

    let output = notice(&["check", "--format", "xml", "x.j2"]);
    assert_eq!(output.status.code(), Some(2));
}

const NOW: i64 = 1_795_000_000_000;

/// A library as the app exports it: a clean in-app notice with two sample
/// profiles and the schema it reads, and, with `broken`, an SMS whose body
/// does not parse.
fn library(broken: bool) -> Library {
    let mut library = Library::default();
    library.shared.schema = serde_json::from_str::<FieldSchema>(SCHEMA).unwrap();
    let profile = |name: &str, customer: &str| SampleProfile { name: name.into(), data: format!(r#"{{"customer": {{"name": "{customer}"}}}}"#) };
    library.templates.push(Template {
        id: "t1".into(),
        name: "升级通知".into(),
        channel: Channel::Inapp,
        scenario: "care".into(),
        body: "尊敬的{{ customer.name }}：\n您的服务已升级，请登录查看新功能。\n感谢您的支持！如有疑问请致电客服热线 400-800-1234。".into(),
        samples: vec![profile("a", "甲"), profile("b", "乙")],
        ..Template::default()
    });
    if broken {
        library.templates.push(Template { id: "t2".into(), name: "到账提醒".into(), channel: Channel::Sms, body: "{{ name ".into(), ..Template::default() });
    }
    library
}

/// The library exported as a bundle and as a zip into `dir`: (path, how reports name its templates).
fn exports(dir: &Dir, library: &Library) -> [(String, [String; 2]); 2] {
    let json = dir.file("library.json", bundle::encode(library, Selection::All, NOW));
    let zip = dir.file("library.zip", tree::encode(library, Selection::All, NOW).unwrap());
    [
        (json.clone(), [format!("{json} › 升级通知.inapp.j2"), format!("{json} › 到账提醒.sms.j2")]),
        (zip.clone(), [format!("{zip} › templates/care/升级通知.inapp.j2"), format!("{zip} › templates/general/到账提醒.sms.j2")]),
    ]
}

#[test]
fn check_takes_a_bundle_or_a_zip_template_by_template() {
    let dir = Dir::new("library");
    for (archive, [clean, broken]) in exports(&dir, &library(true)) {
        let output = notice(&["check", &archive]);
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(1), "{text}");
        assert!(text.contains(&format!("{broken}:1:")) && text.contains("error[syntax]"), "{text}");
        assert!(!text.contains(&clean), "the clean template has no findings: {text}");

        let output = notice(&["check", "--format", "json", &archive]);
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let files: Vec<&str> = json["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
        assert_eq!(files, [clean.as_str(), broken.as_str()]);
        assert_eq!(json["files"][0]["diagnostics"].as_array().unwrap().len(), 0, "{json}");
        assert_eq!(json["files"][1]["diagnostics"][0]["rule"], "syntax");
        assert_eq!(output.status.code(), Some(1));
    }
}

#[test]
fn a_clean_library_exits_0_with_its_own_schema_and_settings() {
    let dir = Dir::new("clean-library");
    let mut library = library(false);
    // Without samples the template is checked against the library's schema alone.
    library.templates[0].samples.clear();
    for (archive, _) in exports(&dir, &library) {
        let output = notice(&["check", &archive]);
        assert_eq!(output.status.code(), Some(0), "{archive}: {}", stdout(&output));
        // --schema stands in for the library's: without customer.name, its use is an error.
        let other = dir.file("other.json", r#"{"fields": [{"path": "order.id", "label": "订单号", "type": "string", "required": false, "format": null, "sensitive": false}]}"#);
        let output = notice(&["check", "--schema", &other, &archive]);
        assert!(stdout(&output).contains("error[undefined-variable]"), "{}", stdout(&output));
        assert_eq!(output.status.code(), Some(1));
    }

    // The library's settings apply unless --settings is given.
    library.templates[0].body = "本店最佳产品,今日特价！".into();
    library.templates[0].purpose = notice_engine::library::model::Purpose::Marketing;
    library.settings = serde_json::from_str(r#"{"rules": {"typography": {"enabled": false}}}"#).unwrap();
    for (archive, _) in exports(&dir, &library) {
        let rules = |extra: &[&str]| {
            let mut args = vec!["check", "--format", "json"];
            args.extend(extra);
            args.push(&archive);
            let json: serde_json::Value = serde_json::from_slice(&notice(&args).stdout).unwrap();
            json["files"][0]["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
        };
        let own = rules(&[]);
        assert!(own.contains(&"absolute-term".to_owned()) && !own.contains(&"typography".to_owned()), "{own:?}");
        let defaults = dir.file("defaults.json", "{}");
        assert!(rules(&["--settings", &defaults]).contains(&"typography".to_owned()));
    }
}

#[test]
fn a_damaged_archive_exits_2_naming_it() {
    let dir = Dir::new("damaged");
    let zip = tree::encode(&library(false), Selection::All, NOW).unwrap();
    let damaged = dir.file("damaged.zip", &zip[..zip.len() / 2]);
    let output = notice(&["check", &damaged]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(&format!("{damaged}: the archive is damaged")), "{stderr}");

    let output = notice(&["render", &damaged, "--lang", "zh-CN"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(&format!("{damaged}：压缩包已损坏")), "{stderr}");

    // A bundle of a newer format: refused by name, not checked as text.
    let newer = dir.file("newer.json", bundle::encode(&library(false), Selection::All, NOW).replacen("\"version\": 1", "\"version\": 9", 1));
    let output = notice(&["check", &newer]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("newer.json: written by a newer Notice Studio"));
}

#[test]
fn render_prints_every_template_with_each_profile() {
    let dir = Dir::new("render-library");
    for (archive, [clean, broken]) in exports(&dir, &library(true)) {
        let output = notice(&["render", &archive]);
        let expected = format!(
            "==> {clean} [profile a] <==\n尊敬的甲：\n您的服务已升级，请登录查看新功能。\n感谢您的支持！如有疑问请致电客服热线 400-800-1234。\n\n==> {clean} [profile b] <==\n尊敬的乙：\n您的服务已升级，请登录查看新功能。\n感谢您的支持！如有疑问请致电客服热线 400-800-1234。\n"
        );
        assert_eq!(stdout(&output), expected);
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.starts_with(&format!("{broken}: Template syntax error")), "{stderr}");
        assert_eq!(output.status.code(), Some(1));

        let output = notice(&["render", &archive, "--profile", "b"]);
        assert!(stdout(&output).starts_with(&format!("==> {clean} [profile b] <==\n尊敬的乙：")), "{}", stdout(&output));
        assert_eq!(output.status.code(), Some(0), "the broken template has no profile b, so it is not rendered");
        let output = notice(&["render", &archive, "--profile", "c"]);
        assert_eq!(output.status.code(), Some(2));
        let output = notice(&["render", &archive, "--data", &dir.file("p.json", "{}")]);
        assert_eq!(output.status.code(), Some(2));
    }
}

#[test]
fn render_and_check_take_the_librarys_own_profiles_after_each_templates() {
    let dir = Dir::new("library-profiles");
    let mut library = library(false);
    let profile = |name: &str, data: &str| SampleProfile { name: name.into(), data: data.into() };
    // "a" is the template's own too: its own stands in for the library's.
    library.shared.profiles = vec![profile("VIP", r#"{"customer": {"name": "周"}}"#), profile("a", r#"{"customer": {"name": "库"}}"#)];
    for (archive, [clean, _]) in exports(&dir, &library) {
        let output = notice(&["render", &archive]);
        let text = stdout(&output);
        let titles: Vec<&str> = text.lines().filter(|l| l.starts_with("==> ")).collect();
        assert_eq!(titles, [format!("==> {clean} [profile a] <=="), format!("==> {clean} [profile b] <=="), format!("==> {clean} [profile VIP] <==")], "{text}");
        assert!(text.contains("尊敬的周：") && !text.contains("尊敬的库："), "{text}");

        // A library profile with an empty name is an empty-value error in every template it reaches.
        let mut empty = library.clone();
        empty.shared.profiles[0].data = r#"{"customer": {"name": ""}}"#.into();
        let dir = Dir::new("library-profiles-empty");
        for (archive, _) in exports(&dir, &empty) {
            let output = notice(&["check", "--format", "json", &archive]);
            let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            let found: Vec<(&str, &serde_json::Value)> = json["files"][0]["diagnostics"].as_array().unwrap().iter().map(|d| (d["rule"].as_str().unwrap(), &d["profiles"])).collect();
            assert!(found.contains(&("empty-value", &serde_json::json!(["VIP"]))), "{found:?}");
            assert_eq!(output.status.code(), Some(1));
        }
    }
}

#[test]
fn merge_writes_a_line_per_recipient_and_exits_1_when_one_has_an_error() {
    let dir = Dir::new("merge");
    let template = dir.file("notice.sms.j2", "【星河科技】{{ customer.name }}您好，您的服务将于本周六升级，届时暂停两小时，请提前安排。详询 400-800-1234");
    let schema = dir.file("schema.json", r#"{"fields": [{"path": "customer.name", "label": "姓名", "required": true}, {"path": "customer.phone", "label": "手机", "format": "phone"}]}"#);
    // GBK, as a spreadsheet in China saves it: a good row, one without a name, one with too few fields.
    let (gbk, _, _) = encoding_rs::GBK.encode("姓名,手机\n张伟,13800138000\n,13900139000\n李娜\n");
    let list = dir.file("list.csv", gbk.as_ref());
    let out = dir.0.join("results.csv").to_str().unwrap().to_owned();
    let output = notice(&["merge", &template, "--recipients", &list, "--out", &out, "--schema", &schema, "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    // Before the merge: the column the template does not read.
    let (before, after) = stderr.split_once('\n').unwrap();
    assert_eq!(before, format!("{list}: Columns the template does not read: 手机"));
    assert!(after.starts_with("2 recipients: 1 ok, 0 with warnings, 1 with errors; 1 lines unread."), "{stderr}");
    let results = fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = results.lines().collect();
    assert_eq!(lines[0], "\u{feff}row,line,customer.name,customer.phone,subject,body,sms_segments,status,rules,problems");
    assert_eq!(lines[1], ",4,,,,,,error,,line 4: 1 fields where the header has 2");
    assert!(lines[2].starts_with("1,2,张伟,13800138000,,【星河科技】张伟您好") && lines[2].ends_with(",1,ok,,"), "{}", lines[2]);
    assert!(lines[3].starts_with("2,3,,13900139000,") && lines[3].ends_with(",error,empty-value,the required field “姓名” (customer.name) is missing"), "{}", lines[3]);

    let clean = dir.file("clean.csv", "姓名,手机\n张伟,13800138000\n");
    let output = notice(&["merge", &template, "--recipients", &clean, "--out", &out, "--schema", &schema, "--fields", "customer.name"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(fs::read_to_string(&out).unwrap().lines().nth(1).unwrap().starts_with("1,2,张伟,,【星河科技】"));

    let output = notice(&["merge", &template, "--recipients", &dir.file("empty.csv", ""), "--out", &out]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("the file is empty"));
}

#[test]
fn merge_writes_an_eml_per_recipient_of_an_e_mail_template() {
    let dir = Dir::new("merge-eml");
    let template = dir.file("bill.email.j2", "尊敬的{{ customer.name }}：\n您本月的账单已出，请登录查看。如有疑问请致电 400-800-1234。");
    let schema = dir.file("schema.json", r#"{"fields": [{"path": "customer.name", "label": "姓名"}, {"path": "customer.email", "label": "邮箱", "format": "email"}]}"#);
    let list = dir.file("list.csv", "姓名,邮箱\n张伟,zw@example.com\n李娜,ln@example.com\n");
    let (out, eml) = (dir.0.join("r.csv").to_str().unwrap().to_owned(), dir.0.join("m.zip").to_str().unwrap().to_owned());
    let output = notice(&["merge", &template, "--recipients", &list, "--out", &out, "--schema", &schema, "--eml", &eml]);
    assert!(output.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&output.stderr));
    let entries = notice_engine::files::zip::read(&fs::read(&eml).unwrap()).unwrap();
    assert_eq!(entries.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["00001.eml", "00002.eml"]);
    let second = String::from_utf8(entries[1].data.clone()).unwrap();
    assert!(second.contains("\r\nTo: ln@example.com\r\n"), "{second}");

    let sms = dir.file("n.sms.j2", "x");
    let output = notice(&["merge", &sms, "--recipients", &list, "--out", &out, "--eml", &eml]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("--eml is for e-mail templates"));
}

#[test]
fn a_field_no_column_fills_is_named_before_the_merge_and_set_takes_one_value_for_everyone() {
    let dir = Dir::new("merge-set");
    let template = dir.file("t.email.j2", "尊敬的{{ customer.name }}：\n请于 {{ deadline }} 前完成续费。\n{{ sender.name }}");
    let schema = dir.file("schema.json", r#"{"fields": [{"path": "customer.name", "label": "姓名 · Name"}, {"path": "deadline", "label": "截止日期 · Deadline"}, {"path": "sender.name", "label": "发件人 · Sender", "required": true}]}"#);
    let list = dir.file("list.csv", "姓名,截止日期\n张伟,2026-12-31\n李娜,2027-01-15\n");
    let out = dir.0.join("r.csv").to_str().unwrap().to_owned();
    let output = notice(&["merge", &template, "--recipients", &list, "--out", &out, "--schema", &schema, "--lang", "zh-CN"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with(&format!("{list}: 字段“发件人”（sender.name）没有对应的列，也没有统一值：每条消息里它都是空的。\n")), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "the required sender is missing in every row");

    let output = notice(&["merge", &template, "--recipients", &list, "--out", &out, "--schema", &schema, "--set", "sender.name=星河科技客服部", "--lang", "en"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("campaign-wide"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let results = fs::read_to_string(&out).unwrap();
    assert_eq!(results.matches("星河科技客服部").count(), 2, "{results}");
    assert!(results.contains("2027-01-15"), "each row keeps its own deadline: {results}");
}

#[test]
fn a_runaway_template_stops_the_merge_at_once() {
    let dir = Dir::new("merge-runaway");
    let template = dir.file("loop.sms.j2", "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}");
    let rows: String = (0..2000).map(|i| format!("客户{i}\n")).collect();
    let list = dir.file("list.csv", format!("name\n{rows}"));
    let out = dir.0.join("r.csv").to_str().unwrap().to_owned();
    let output = notice(&["merge", &template, "--recipients", &list, "--out", &out, "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("\n1 of 2000 recipients: 0 ok, 0 with warnings, 1 with errors;"), "{stderr}");
    assert!(stderr.contains("the merge stopped"), "{stderr}");
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 2, "the header and the first recipient");
}

/// One code path per verdict: every template of the check corpus, checked
/// by `notice check` from an exported bundle and by the engine worker's
/// answer to the page, gets the same diagnostics (rule, severity, place,
/// profiles, words).
#[test]
fn the_cli_and_the_page_judge_the_corpus_alike() {
    let mut library = Library::default();
    library.shared = corpus::shared();
    for (i, case) in corpus::cases().into_iter().enumerate() {
        library.templates.push(Template { id: format!("t{i}"), ..case.template });
    }
    let dir = Dir::new("same-judgement");
    let bundle = dir.file("library.json", bundle::encode(&library, Selection::All, NOW));
    let output = notice(&["check", "--format", "json", "--lang", "en", &bundle]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), library.templates.len());
    let common = Common::of(&library);
    for (template, file) in library.templates.iter().zip(files) {
        let page: Vec<serde_json::Value> = protocol::answer(0, template, &common)
            .diagnostics
            .iter()
            .map(|d| {
                serde_json::json!([d.rule.as_str(), d.severity.as_str(), d.location.as_ref().map(|l| (l.span.line, l.span.column)), d.profiles, d.message.get(Lang::En)])
            })
            .collect();
        let cli: Vec<serde_json::Value> = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| serde_json::json!([d["rule"], d["severity"], d["line"].as_u64().map(|l| (l, d["column"].as_u64().unwrap())), d["profiles"], d["message"]]))
            .collect();
        assert_eq!(cli, page, "{}", template.name);
    }
    // A leading placeholder is no signature, in both.
    assert!(files.iter().any(|f| f["diagnostics"].as_array().unwrap().iter().any(|d| d["rule"] == "sms-signature")));
}

/// tests/conformance/loader: a template that extends, imports and includes
/// files of its folder and of a search path, with CRLF line endings; its
/// .out is what Jinja2's FileSystemLoader renders (jinja2_conformance.py).
fn loader_case(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/loader").join(name).to_str().unwrap().to_owned()
}

#[test]
fn render_finds_included_imported_and_extended_files_as_jinja2_does() {
    let (template, shared, data) = (loader_case("welcome.j2"), loader_case("shared"), loader_case("welcome.json"));
    let output = notice(&["render", &template, "--search-path", &shared, "--data", &data]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout(&output), fs::read_to_string(loader_case("welcome.out")).unwrap());
}

#[test]
fn a_missing_file_is_named_with_the_folders_searched() {
    let (template, data) = (loader_case("welcome.j2"), loader_case("welcome.json"));
    let output = notice(&["render", &template, "--data", &data]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(message.contains("line 2 names the template “macros.j2”"), "{message}");
    let folder = loader_case("");
    assert!(message.contains(&format!("not in any folder searched: {}", folder.trim_end_matches('/'))), "{message}");
    let output = Command::new(env!("CARGO_BIN_EXE_notice")).args(["check", &template]).env("LANG", "zh_CN.UTF-8").output().unwrap();
    assert!(String::from_utf8(output.stderr).unwrap().contains("第 2 行引用的模板“macros.j2”找不到"));
}

#[test]
fn check_and_merge_read_the_same_files() {
    let (template, shared) = (loader_case("welcome.j2"), loader_case("shared"));
    let output = notice(&["check", "--format", "json", "--search-path", &shared, &template]);
    let text = stdout(&output);
    assert!(!text.contains("render-error") && !text.contains("syntax-error"), "{text}");
    let dir = Dir::new("loader-merge");
    let list = dir.file("list.csv", "customer.name,order.amount\n王女士,128.5\n");
    let out = dir.0.join("out.csv");
    let output = notice(&["merge", &template, "--search-path", &shared, "--recipients", &list, "--out", out.to_str().unwrap()]);
    assert!(output.status.code() != Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    let rows = fs::read_to_string(out).unwrap();
    assert!(rows.contains("如有疑问，请致电 95555。"), "{rows}");
}

#[test]
fn export_prints_liquid_handlebars_or_a_platform_request_with_includes_inlined() {
    let dir = Dir::new("export");
    dir.file("sig.j2", "星河科技客服 {{ company.hotline }}\n");
    let email = dir.file("shipped.email.j2", "{{ customer.name }}您好：\n{% if order.note %}备注：{{ order.note }}\n{% endif %}{% include \"sig.j2\" %}\n");
    let data = dir.file("p.json", r#"{"customer": {"name": "王芳"}, "order": {"note": "加急"}, "company": {"hotline": "400-800-1234"}}"#);
    let liquid = notice(&["export", &email, "--to", "liquid", "--data", &data]);
    assert_eq!(liquid.status.code(), Some(0), "{}", String::from_utf8_lossy(&liquid.stderr));
    assert_eq!(stdout(&liquid), "{{ customer.name }}您好：\n{% if order.note and order.note != empty %}备注：{{ order.note }}\n{% endif %}星河科技客服 {{ company.hotline }}");
    let handlebars = notice(&["export", &email, "--to", "handlebars", "--data", &data]);
    assert_eq!(stdout(&handlebars), "{{{customer.name}}}您好：\n{{#if order.note}}备注：{{{order.note}}}\n{{/if}}星河科技客服 {{{company.hotline}}}");

    let sms = dir.file("shipped.sms.j2", "【星河科技】{{ customer.name }}您好，您的订单已发货。");
    let tencent = notice(&["export", &sms, "--to", "tencent-sms", "--data", &data]);
    assert_eq!(tencent.status.code(), Some(0));
    let request: serde_json::Value = serde_json::from_str(&stdout(&tencent)).unwrap();
    assert_eq!(request["TemplateName"], "shipped");
    assert_eq!(request["TemplateContent"], "{1}您好，您的订单已发货。");
    assert_eq!(request["Remark"], "示例：王芳您好，您的订单已发货。");
    assert_eq!(request["variables"], serde_json::json!([{"placeholder": "{1}", "expression": "customer.name"}]));
    let named = notice(&["export", &sms, "--to", "aliyun-sms", "--name", "发货通知", "--purpose", "notification"]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&stdout(&named)).unwrap()["TemplateName"], "发货通知");
}

#[test]
fn export_refuses_with_exit_1_naming_the_construct_and_its_line() {
    let dir = Dir::new("export-refused");
    let template = dir.file("t.sms.j2", "【星河科技】您好，\n{% if vip %}尊贵的会员{% endif %}");
    let output = notice(&["export", &template, "--to", "huawei-sms"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with(&format!("{template}:2:")) && stderr.contains("{% if %} cannot go into an SMS platform's template"), "{stderr}");

    let total = dir.file("t.email.j2", "合计 {{ order.total }} 元");
    let data = dir.file("p.json", r#"{"order": {"total": 12.5}}"#);
    let output = notice(&["export", &total, "--to", "liquid", "--data", &data, "--lang", "zh-CN"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8(output.stderr).unwrap().contains("“order.total”是数字"));

    let [(bundle, _), _] = exports(&dir, &library(false));
    let output = notice(&["export", &bundle, "--to", "liquid"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("export takes one .j2 template file"));
    assert_eq!(notice(&["export", &template, "--to", "fax"]).status.code(), Some(2));
}

#[test]
fn check_with_a_platform_adds_its_review_rules() {
    let dir = Dir::new("platform");
    let template = dir.file("promo.sms.j2", "【星河科技】年终会员日，全场八折★");
    let plain = stdout(&notice(&["check", "--purpose", "marketing", "--format", "json", &template]));
    assert!(!plain.contains("\"platform-"));
    let output = notice(&["check", "--purpose", "marketing", "--platform", "tencent", "--format", "json", &template]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert!(report.contains("\"platform-symbols\"") && report.contains("\"platform-opt-out\""), "{report}");
}
