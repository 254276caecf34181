//! Browser adapter tests, run by wasm-bindgen-test in headless Chromium.
//!
//! Every storage test starts from `LocalStorage::clear()`: the tests share one
//! page (and so one storage area), and wasm-bindgen-test runs them one at a time.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;
use std::pin::pin;

use futures::channel::mpsc::{self, UnboundedReceiver};
use futures::future::{self, Either};
use futures::StreamExt;
use gloo_storage::{LocalStorage, Storage};
use notice_engine::library::history::{History, Snapshot, SnapshotKind};
use notice_engine::lang::Lang;
use notice_engine::library::model::{Channel, Purpose, SampleProfile, Template};
use notice_engine::library::store::{self, DecodeError, Item, Loaded, Session};
use notice_studio::browser::storage::{self, SaveError};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: i64 = 1_780_000_000_000;
/// The id a migrated draft gets.
const MIGRATED_ID: &str = "migrated";

fn template(id: &str) -> Template {
    Template {
        id: id.into(),
        name: "发货通知".into(),
        channel: Channel::Sms,
        tags: vec!["物流".into()],
        body: "尊敬的{{ customer.name }}：\n您的订单 {{ order.id }} 已发货 😀".into(),
        samples: vec![
            SampleProfile { name: "普通客户".into(), data: r#"{"customer": {"name": "张三"}, "order": {"id": "A-1"}}"#.into() },
            // Sample data is kept exactly as typed, even when it is not JSON yet.
            SampleProfile { name: "缺少订单".into(), data: r#"{"customer": {"name": "李四"#.into() },
        ],
        created_ms: NOW,
        updated_ms: NOW + 1,
        revision: 2,
        ..Template::default()
    }
}

/// Puts a value in storage without going through the adapter, as an old
/// release, a damaged disk or another tab would have left it.
fn plant(key: &str, value: &str) {
    LocalStorage::raw().set_item(key, value).unwrap();
}

/// What storage holds under `key`, read without the adapter.
fn stored(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).unwrap()
}

fn load() -> Loaded {
    storage::load(Lang::Zh, NOW, || MIGRATED_ID.to_owned()).expect("storage has room")
}

/// Runs `f` with storage filled to its last few bytes, then empties storage
/// again, before the caller asserts anything: a failing assertion must not
/// leave the next test without room.
fn while_full<T>(f: impl FnOnce() -> T) -> T {
    // Ever smaller chunks, so what is left is smaller than the smallest.
    let mut filler = 0;
    for chunk in [1 << 20, 1 << 16, 1 << 10, 16] {
        let value = "x".repeat(chunk);
        while LocalStorage::raw().set_item(&format!("filler-{filler}"), &value).is_ok() {
            filler += 1;
        }
    }
    let out = f();
    LocalStorage::clear();
    out
}

#[wasm_bindgen_test]
fn first_visit_loads_an_empty_library_and_writes_nothing() {
    LocalStorage::clear();
    assert_eq!(load(), Loaded::default());
    assert_eq!(LocalStorage::raw().length().unwrap(), 0);
}

#[wasm_bindgen_test]
fn a_stored_template_history_and_session_load_back() {
    LocalStorage::clear();
    let id = "订单-1";
    let history = History {
        snapshots: vec![Snapshot { at_ms: NOW, kind: SnapshotKind::Manual, label: "第一版".into(), template: template(id) }],
    };
    let session = Session { open: Some(id.into()), profile: Some("缺少订单".into()) };
    storage::write(&store::template_key(id), &storage::encode_template(&template(id))).unwrap();
    storage::write(&store::history_key(id), &storage::encode_history(&history)).unwrap();
    storage::write(store::SESSION_KEY, &store::encode_session(&session)).unwrap();

    let loaded = load();
    assert_eq!(loaded.library.templates, [template(id)]);
    assert_eq!(loaded.histories, BTreeMap::from([(id.to_owned(), history)]));
    assert_eq!(loaded.session, session);
    assert_eq!(loaded.quarantine, []);
}

#[wasm_bindgen_test]
fn values_that_do_not_decode_are_moved_aside_unchanged() {
    LocalStorage::clear();
    let intact = storage::encode_template(&template("intact"));
    let damaged_template: String = intact.chars().take(120).collect();
    let newer_template = r#"{"format":"notice-studio/template","version":9,"body":{"blocks":[]}}"#;
    let damaged_history = r#"{"format":"notice-studio/history","version":3,"snapshots":[{"at_ms":1}]}"#;
    let planted = [
        (store::history_key("intact"), damaged_history),
        (store::template_key("damaged"), damaged_template.as_str()),
        (store::template_key("newer"), newer_template),
    ];
    for (key, value) in &planted {
        plant(key, value);
    }
    plant(&store::template_key("intact"), &intact);

    let loaded = load();
    assert_eq!(loaded.library.templates, [template("intact")]);
    assert!(loaded.histories.is_empty());
    // In key order, which is the order of `planted`.
    let keys: Vec<&str> = loaded.quarantine.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(keys, planted.iter().map(|(key, _)| key.as_str()).collect::<Vec<_>>());
    assert!(matches!(loaded.quarantine[0].error, DecodeError::Corrupt { item: Item::History, .. }));
    assert!(matches!(loaded.quarantine[1].error, DecodeError::Corrupt { item: Item::Template, .. }));
    assert_eq!(loaded.quarantine[2].error, DecodeError::NewerVersion { item: Item::Template, version: 9 });
    for (key, value) in &planted {
        assert_eq!(stored(key), None, "{key} was moved");
        assert_eq!(stored(&store::quarantine_key(key)).as_deref(), Some(*value), "{key} was kept byte for byte");
    }
    assert_eq!(stored(&store::template_key("intact")), Some(intact));

    let mut kept = storage::quarantined();
    kept.sort();
    let expected: Vec<(String, String)> = planted.iter().map(|(key, value)| (store::quarantine_key(key), value.to_string())).collect();
    assert_eq!(kept, expected);
    // Quarantined values are not read again, so the next start-up reports nothing new.
    assert_eq!(load().quarantine, []);
}

/// A template as releases before packing (format version 3) stored it.
fn version_3(template: &Template) -> String {
    let fields = serde_json::to_string(template).unwrap();
    format!(r#"{{"format":"notice-studio/template","version":3,{}"#, &fields[1..])
}

/// Enough templates sharing their text for the library to get a dictionary.
fn grown_library() -> Vec<Template> {
    (0..12)
        .map(|i| Template { body: format!("{i}：").repeat(20) + &"您的订单已发货，请留意查收。如有疑问，请致电 400-800-1234。".repeat(20), ..template(&format!("t{i:02}")) })
        .collect()
}

fn plant_version_3(templates: &[Template]) {
    for t in templates {
        plant(&store::template_key(&t.id), &version_3(t));
    }
}

#[wasm_bindgen_test]
fn a_version_3_library_is_packed_in_place_with_a_dictionary_stored_first() {
    LocalStorage::clear();
    let templates = grown_library();
    plant_version_3(&templates);
    let before = storage::used_bytes();

    let loaded = load();
    assert_eq!(loaded.library.templates, templates);
    let id = loaded.dictionaries.current().expect("a dictionary was cut").to_owned();
    assert!(stored(&store::dictionary_key(&id)).is_some());
    for t in &templates {
        let value = stored(&store::template_key(&t.id)).unwrap();
        assert!(value.contains(&format!(r#""version":4,"dictionary":"{id}""#)), "{value}");
    }
    assert!(storage::used_bytes() * 3 < before, "{} of {before} bytes", storage::used_bytes());
    let again = load();
    assert_eq!((again.library.templates, again.dictionaries.current()), (templates, Some(id.as_str())));
}

#[wasm_bindgen_test]
fn when_storage_refuses_the_dictionary_nothing_is_packed_with_it() {
    LocalStorage::clear();
    let templates = grown_library();
    plant_version_3(&templates);

    let (loaded, values, written) = while_full(|| {
        let loaded = load();
        let values: Vec<Option<String>> = templates.iter().map(|t| stored(&store::template_key(&t.id))).collect();
        (loaded, values, storage::encode_template(&templates[0]))
    });
    assert_eq!(loaded.library.templates, templates);
    assert_eq!(loaded.dictionaries.current(), None);
    assert_eq!(values, templates.iter().map(|t| Some(version_3(t))).collect::<Vec<_>>(), "left as they were");
    assert!(written.contains(r#""dictionary":"""#), "{written}");
}

#[wasm_bindgen_test]
fn a_dictionary_another_tab_stored_is_read_when_a_value_names_it() {
    LocalStorage::clear();
    load();
    // Another tab packs a grown library: its dictionary and values appear.
    let templates = grown_library();
    let entries = store::encode_entries(&notice_engine::library::Library { templates: templates.clone(), ..Default::default() }, &BTreeMap::new(), &Session::default());
    for (key, value) in &entries {
        plant(key, value);
    }
    let value = stored(&store::template_key(&templates[3].id)).unwrap();
    assert!(!value.contains(r#""dictionary":"""#), "packed with a dictionary");
    assert_eq!(storage::decode_template(&value), Ok(templates[3].clone()));
}

/// Plants a draft as releases before the library wrote it, loads, and checks
/// that it became the one stored, open template; returns that template.
fn migrates(draft: &str, body: &str, sample: &str) -> Template {
    LocalStorage::clear();
    plant(store::DRAFT_KEY, draft);

    let loaded = load();
    let [template] = loaded.library.templates.as_slice() else { panic!("one template, got {:?}", loaded.library.templates) };
    assert_eq!((template.id.as_str(), template.body.as_str()), (MIGRATED_ID, body));
    assert_eq!(template.samples, [SampleProfile { name: "样例".into(), data: sample.into() }]);
    assert_eq!(stored(&store::template_key(MIGRATED_ID)).map(|s| storage::decode_template(&s)), Some(Ok(template.clone())));
    assert_eq!(stored(store::SESSION_KEY).map(|s| store::decode_session(&s)), Some(Ok(loaded.session.clone())));
    assert_eq!(loaded.session.open.as_deref(), Some(MIGRATED_ID));
    assert_eq!(stored(store::DRAFT_KEY), None);
    assert_eq!(loaded.quarantine, []);
    // Once migrated, start-up finds the same library and migrates nothing again.
    assert_eq!(load().library, loaded.library);
    template.clone()
}

#[wasm_bindgen_test]
fn a_version_1_draft_becomes_an_email_notification_template() {
    let template = migrates(
        r#"{"format":"notice-studio/draft","version":1,"body":"尊敬的{{ customer.name }}：\n订单已发货","sample":"{\"customer\": {\"name\": \"张三\""}"#,
        "尊敬的{{ customer.name }}：\n订单已发货",
        r#"{"customer": {"name": "张三""#,
    );
    assert_eq!((template.channel, template.purpose), (Channel::Email, Purpose::Notification));
}

#[wasm_bindgen_test]
fn a_version_2_draft_keeps_its_channel_and_purpose() {
    let template = migrates(
        r#"{"format":"notice-studio/draft","version":2,"body":"双十一 {{ coupon }} 😀","sample":"{\"coupon\": \"满100减20\"}","channel":"sms","purpose":"marketing"}"#,
        "双十一 {{ coupon }} 😀",
        r#"{"coupon": "满100减20"}"#,
    );
    assert_eq!((template.channel, template.purpose), (Channel::Sms, Purpose::Marketing));
}

#[wasm_bindgen_test]
fn full_storage_is_reported_and_the_stored_value_kept() {
    LocalStorage::clear();
    let key = store::template_key("a");
    let before = storage::encode_template(&template("a"));
    storage::write(&key, &before).unwrap();
    // Text that does not compress: packing must not make it fit.
    let mut seed = 7u32;
    let noise: String = (0..10_000)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from_u32(0x4E00 + (seed >> 16) % 20_000).unwrap_or('x')
        })
        .collect();
    let bigger = storage::encode_template(&Template { body: noise, ..template("a") });

    let (result, after) = while_full(|| (storage::write(&key, &bigger), stored(&key)));
    match result {
        // At most the limit the message quotes: Chromium stops 2 bytes short of it.
        Err(SaveError::Full { used_bytes }) => {
            assert!(used_bytes > 1_000_000 && used_bytes <= storage::LIMIT_BYTES, "used {used_bytes}")
        }
        other => panic!("expected a full-storage error, got {other:?}"),
    }
    assert_eq!(after, Some(before), "a failed write replaces nothing");
    assert!(SaveError::Full { used_bytes: 5 << 20 }.message(Lang::Zh).contains("5120 KB"));
}

#[wasm_bindgen_test]
fn a_draft_stays_until_its_template_could_be_written() {
    LocalStorage::clear();
    let draft = r#"{"format":"notice-studio/draft","version":1,"body":"Hi {{ name }}","sample":"{}"}"#;
    plant(store::DRAFT_KEY, draft);

    let (result, draft_after, template_after) = while_full(|| {
        (storage::load(Lang::Zh, NOW, || MIGRATED_ID.to_owned()), stored(store::DRAFT_KEY), stored(&store::template_key(MIGRATED_ID)))
    });
    assert!(matches!(result, Err(SaveError::Full { .. })), "{result:?}");
    assert_eq!((draft_after.as_deref(), template_after), (Some(draft), None));
}

#[wasm_bindgen_test]
fn a_value_that_cannot_be_quarantined_stays_where_it_is() {
    LocalStorage::clear();
    let key = store::template_key("damaged");
    plant(&key, "{\"format\":");

    let (loaded, original, copy) = while_full(|| (load(), stored(&key), stored(&store::quarantine_key(&key))));
    assert_eq!(loaded.quarantine.iter().map(|q| q.key.as_str()).collect::<Vec<_>>(), [key.as_str()], "still reported");
    assert_eq!((original.as_deref(), copy), (Some("{\"format\":"), None));
}

#[wasm_bindgen_test]
fn used_bytes_counts_every_entry_in_utf16() {
    LocalStorage::clear();
    assert_eq!(storage::used_bytes(), 0);
    storage::write(&store::template_key("模板😀"), &storage::encode_template(&template("模板😀"))).unwrap();
    storage::write(store::SESSION_KEY, &store::encode_session(&Session::default())).unwrap();
    storage::save_lang(Lang::En);
    let ours: usize = storage::entries().iter().map(|(key, value)| store::stored_size_utf16(key, value)).sum();
    assert_eq!(storage::entries().len(), 3);
    assert_eq!(storage::used_bytes(), ours);

    // The quota is the origin's, so another app's keys count too, though
    // they are not ours to back up; "length" also names a Storage property,
    // which `storage[key]` would read instead of the value.
    plant("length", "其他");
    assert_eq!(storage::entries().len(), 3);
    assert_eq!(storage::used_bytes(), ours + store::stored_size_utf16("length", "其他"));
}

/// A promise that resolves after `ms` milliseconds.
fn sleep(ms: i32) -> JsFuture {
    JsFuture::from(js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    }))
}

/// The next change `storage::watch` reported, or a failure after two seconds.
async fn next_change(changes: &mut UnboundedReceiver<(String, Option<String>)>) -> (String, Option<String>) {
    match future::select(changes.next(), pin!(sleep(2_000))).await {
        Either::Left((Some(change), _)) => change,
        _ => panic!("no storage event within two seconds"),
    }
}

#[wasm_bindgen_test]
async fn changes_from_another_document_are_reported() {
    LocalStorage::clear();
    let (sender, mut changes) = mpsc::unbounded();
    // The listener stays for the page's life; once this test is over its
    // sends fail, which is harmless.
    storage::watch(move |key, value| {
        let _ = sender.unbounded_send((key, value));
    });
    // An about:blank frame has this page's origin, so it shares its storage
    // and stands in for another tab.
    let document = web_sys::window().unwrap().document().unwrap();
    let frame: web_sys::HtmlIFrameElement = document.create_element("iframe").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&frame).unwrap();
    let other_tab = frame.content_window().unwrap().local_storage().unwrap().unwrap();

    // This document's own writes raise no event, so the app's saves never
    // look like another tab's.
    storage::write(store::SESSION_KEY, &store::encode_session(&Session::default())).unwrap();
    let key = store::template_key("a");
    let value = storage::encode_template(&template("a"));
    other_tab.set_item(&key, &value).unwrap();
    assert_eq!(next_change(&mut changes).await, (key.clone(), Some(value)));
    other_tab.remove_item(&key).unwrap();
    assert_eq!(next_change(&mut changes).await, (key, None));

    frame.remove();
}

#[wasm_bindgen_test]
fn language_choice_is_remembered() {
    LocalStorage::clear();
    assert_eq!(storage::load_lang(), None);
    storage::save_lang(Lang::En);
    assert_eq!(storage::load_lang(), Some(Lang::En));
    plant(store::LANG_KEY, "\"klingon\"");
    assert_eq!(storage::load_lang(), None);
}

#[wasm_bindgen_test]
fn utf16_offsets_count_like_the_dom() {
    use notice_studio::browser::selection::utf16_offset;
    let text = "尊敬的😀Ann";
    assert_eq!(utf16_offset(text, 0), 0);
    assert_eq!(utf16_offset(text, "尊敬的".len()), 3);
    assert_eq!(utf16_offset(text, "尊敬的😀".len()), 5, "an emoji is two UTF-16 units");
    assert_eq!(utf16_offset(text, text.len() + 10), 8, "clamped to the text");
    assert_eq!(utf16_offset(text, 1), 0, "inside a character: its start");
}

#[wasm_bindgen_test]
fn byte_offsets_invert_utf16_offsets() {
    use notice_studio::browser::selection::{byte_offset, utf16_offset};
    let text = "尊敬的😀Ann";
    for byte in [0, "尊".len(), "尊敬的".len(), "尊敬的😀".len(), text.len()] {
        assert_eq!(byte_offset(text, utf16_offset(text, byte)), byte);
    }
    assert_eq!(byte_offset(text, 4), "尊敬的".len(), "inside the emoji: its start");
    assert_eq!(byte_offset(text, 99), text.len(), "clamped to the text");
}

fn file(name: &str, bytes: &[u8]) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

#[wasm_bindgen_test]
async fn picked_files_are_read_as_their_bytes_and_big_ones_refused_unread() {
    use notice_studio::browser::files::{self, ReadError};
    let zip = [0x50, 0x4b, 0x03, 0x04, 0x00, 0xff];
    let picked = files::read_all(vec![file("lib.zip", &zip), file("欢迎.sms.j2", "您好 {{ name }}".as_bytes())], 1024).await.ok().unwrap();
    let read: Vec<(String, Vec<u8>)> = picked.into_iter().map(|p| (p.name, js_sys::Uint8Array::new(&p.bytes).to_vec())).collect();
    assert_eq!(read, [("lib.zip".to_owned(), zip.to_vec()), ("欢迎.sms.j2".to_owned(), "您好 {{ name }}".as_bytes().to_vec())]);
    let refused = files::read_all(vec![file("small.j2", b"x"), file("big.json", &[b' '; 2048])], 1024).await;
    assert!(matches!(refused, Err(ReadError::TooLarge(name)) if name == "big.json"));
}

#[wasm_bindgen_test]
async fn a_download_holds_exactly_the_bytes_given() {
    let bytes: Vec<u8> = (0..=255).collect();
    let url = notice_studio::browser::files::object_url("application/zip", &js_sys::Uint8Array::from(bytes.as_slice())).unwrap();
    let response: web_sys::Response = JsFuture::from(web_sys::window().unwrap().fetch_with_str(&url)).await.unwrap().unchecked_into();
    let buffer = JsFuture::from(response.array_buffer().unwrap()).await.unwrap();
    assert_eq!(js_sys::Uint8Array::new(&buffer).to_vec(), bytes);
    assert_eq!(response.headers().get("content-type").unwrap().as_deref(), Some("application/zip"));
    notice_studio::browser::files::forget_url(&url);
}
