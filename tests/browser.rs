//! Browser adapter tests, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

use gloo_storage::{LocalStorage, Storage};
use notice_engine::lang::Lang;
use notice_engine::store::{self, DecodeError, Draft};
use notice_studio::browser::storage::{self, SaveError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn draft() -> Draft {
    Draft { body: "尊敬的{{ customer.name }}：".into(), sample: "{\"customer\": {\"name\": \"张三\"}}".into(), ..Draft::default() }
}

#[wasm_bindgen_test]
fn first_visit_has_no_draft() {
    LocalStorage::clear();
    let loaded = storage::load_draft();
    assert_eq!(loaded.draft, None);
    assert_eq!(loaded.quarantined, None);
}

#[wasm_bindgen_test]
fn saved_draft_loads_back() {
    LocalStorage::clear();
    storage::save_draft(&draft()).unwrap();
    let loaded = storage::load_draft();
    assert_eq!(loaded.draft, Some(draft()));
    assert_eq!(loaded.quarantined, None);
}

#[wasm_bindgen_test]
fn corrupted_draft_is_moved_aside_unchanged() {
    LocalStorage::clear();
    let planted = "{\"format\":\"notice-studio/draft\",\"version\":1,\"body\":";
    LocalStorage::raw().set_item(store::DRAFT_KEY, planted).unwrap();

    let loaded = storage::load_draft();
    assert_eq!(loaded.draft, None);
    assert!(matches!(loaded.quarantined, Some(DecodeError::Corrupt(_))));
    let raw = LocalStorage::raw();
    assert_eq!(raw.get_item(&store::quarantine_key(store::DRAFT_KEY)).unwrap().as_deref(), Some(planted));
    assert_eq!(raw.get_item(store::DRAFT_KEY).unwrap(), None);
}

#[wasm_bindgen_test]
fn draft_from_a_newer_release_is_kept_not_overwritten() {
    LocalStorage::clear();
    let planted = r#"{"format":"notice-studio/draft","version":99,"body":"x","sample":""}"#;
    LocalStorage::raw().set_item(store::DRAFT_KEY, planted).unwrap();
    assert_eq!(storage::load_draft().quarantined, Some(DecodeError::NewerVersion(99)));
    assert_eq!(
        LocalStorage::raw().get_item(&store::quarantine_key(store::DRAFT_KEY)).unwrap().as_deref(),
        Some(planted)
    );
}

#[wasm_bindgen_test]
fn full_storage_is_reported_with_the_space_used() {
    LocalStorage::clear();
    let raw = LocalStorage::raw();
    // Fill storage to the last few bytes with ever smaller chunks.
    let mut filler = 0;
    for chunk in [1 << 20, 1 << 16, 1 << 10, 16] {
        let value = "x".repeat(chunk);
        while raw.set_item(&format!("filler-{filler}"), &value).is_ok() {
            filler += 1;
        }
    }
    let result = storage::save_draft(&Draft { body: "x".repeat(10_000), ..Draft::default() });
    LocalStorage::clear();
    match result {
        Err(SaveError::Full { used_bytes }) => assert!(used_bytes > 1_000_000, "used {used_bytes}"),
        other => panic!("expected a full-storage error, got {other:?}"),
    }
    assert!(SaveError::Full { used_bytes: 5 << 20 }.message(Lang::Zh).contains("5120 KB"));
}

#[wasm_bindgen_test]
fn language_choice_is_remembered() {
    LocalStorage::clear();
    assert_eq!(storage::load_lang(), None);
    storage::save_lang(Lang::En);
    assert_eq!(storage::load_lang(), Some(Lang::En));
    LocalStorage::raw().set_item(store::LANG_KEY, "\"klingon\"").unwrap();
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
