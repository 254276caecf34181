//! Local storage through gloo-storage. The engine decides what the values
//! mean (`notice_engine::library::store`); this adapter only moves them and turns
//! browser failures into values.

use std::cell::RefCell;

use gloo_storage::{LocalStorage, Storage};
use notice_engine::library::history::History;
use notice_engine::lang::Lang;
use notice_engine::library::model::Template;
use notice_engine::library::store::{self, DecodeError, Dictionaries, Loaded, Quarantined, Repack, StoredKey};
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The dictionaries stored templates and histories are packed with: set
    /// by [`load`], added to when another tab's value names a new one.
    static DICTIONARIES: RefCell<Dictionaries> = RefCell::default();
}

/// What local storage allows one origin in Chromium and Firefox: keys and
/// values together, in UTF-16 code units (measured in Chromium 156).
pub const LIMIT_BYTES: usize = 5 * 1024 * 1024 * 2;

/// Reads the whole stored state. Values that do not decode are moved to
/// their quarantine keys first, so nothing the user wrote is ever
/// overwritten unseen; an old draft is written as a template of the library
/// and removed only once that write succeeded.
pub fn load(lang: Lang, now_ms: i64, new_id: impl FnMut() -> String) -> Result<Loaded, SaveError> {
    let mut loaded = store::load(entries(), lang, now_ms, new_id);
    for Quarantined { key, .. } in &loaded.quarantine {
        if let Some(raw) = read(key) {
            // If the copy fails (storage full), the original stays where it
            // is: the next write of that key then fails loudly, not erases it.
            if write(&store::quarantine_key(key), &raw).is_ok() {
                remove(key);
            }
        }
    }
    if let Some(migration) = loaded.migration.take() {
        for (key, value) in &migration.writes {
            write(key, value)?;
        }
        for key in &migration.removals {
            remove(key);
        }
    }
    if let Some(repack) = loaded.repack.take() {
        apply(repack, &mut loaded.dictionaries);
    }
    DICTIONARIES.set(loaded.dictionaries.clone());
    Ok(loaded)
}

/// Stores the new dictionary, then the values packed with it. When storage
/// refuses the dictionary nothing is packed with it; when it refuses a value
/// (full), that value and the rest stay as they were, readable.
fn apply(repack: Repack, dictionaries: &mut Dictionaries) {
    if let Some((key, value)) = &repack.dictionary {
        if write(key, value).is_err() {
            if let StoredKey::Dictionary(id) = StoredKey::parse(key) {
                dictionaries.forget(id);
            }
            return;
        }
    }
    for (key, value) in &repack.values {
        if write(key, value).is_err() {
            return;
        }
    }
}

pub fn encode_template(template: &Template) -> String {
    DICTIONARIES.with_borrow(|d| d.encode_template(template))
}

pub fn encode_history(history: &History) -> String {
    DICTIONARIES.with_borrow(|d| d.encode_history(history))
}

/// A stored template; a dictionary it names that this page has not read
/// yet (another tab stored it) is read from storage.
pub fn decode_template(stored: &str) -> Result<Template, DecodeError> {
    DICTIONARIES.with_borrow_mut(|d| d.decode_template(stored, read))
}

pub fn decode_history(stored: &str) -> Result<History, DecodeError> {
    DICTIONARIES.with_borrow_mut(|d| d.decode_history(stored, read))
}

/// Every (key, value) of this page's storage that is ours, quarantined
/// values included: what a backup holds.
pub fn entries() -> Vec<(String, String)> {
    entries_where(|key| key != StoredKey::Other)
}

/// Every key of this page's storage.
fn keys() -> impl Iterator<Item = String> {
    let storage = LocalStorage::raw();
    (0..storage.length().unwrap_or(0)).filter_map(move |i| storage.key(i).ok().flatten())
}

fn entries_where(wanted: impl Fn(StoredKey) -> bool) -> Vec<(String, String)> {
    keys().filter(|key| wanted(StoredKey::parse(key))).filter_map(|key| read(&key).map(|value| (key, value))).collect()
}

pub fn read(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

pub fn write(key: &str, value: &str) -> Result<(), SaveError> {
    LocalStorage::raw().set_item(key, value).map_err(|err| {
        let name = err.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
        if name == "QuotaExceededError" {
            SaveError::Full { used_bytes: used_bytes() }
        } else {
            SaveError::Unavailable
        }
    })
}

pub fn remove(key: &str) {
    let _ = LocalStorage::raw().remove_item(key);
}

/// The quarantined values under their quarantine keys (`notice-studio.quarantine.<key>`), for the user to export.
pub fn quarantined() -> Vec<(String, String)> {
    entries_where(|key| matches!(key, StoredKey::Quarantine(_)))
}

/// Bytes local storage holds for this page (keys and values, UTF-16). The
/// lengths are read on the JS side, so no value is copied into wasm: with a
/// thousand templates this runs after every save.
pub fn used_bytes() -> usize {
    let storage = LocalStorage::raw();
    keys()
        .map(|key| {
            // `storage[key]`, unless the key names a Storage method ("length", "key").
            let value = js_sys::Reflect::get(&storage, &JsValue::from_str(&key)).ok().and_then(|v| v.dyn_into::<js_sys::JsString>().ok());
            let units = value.map(|v| v.length() as usize).unwrap_or_else(|| read(&key).map_or(0, |v| v.encode_utf16().count()));
            (key.encode_utf16().count() + units) * 2
        })
        .sum()
}

/// Calls `changed(key, new value)` whenever another tab (or frame) of this
/// page changes local storage; `None` when a key was removed.
pub fn watch(changed: impl Fn(String, Option<String>) + 'static) {
    // Dropping the handle keeps the listener: it watches for the page's life.
    let _ = leptos::prelude::window_event_listener(leptos::ev::storage, move |event| {
        if let Some(key) = event.key() {
            changed(key, event.new_value());
        }
    });
}

pub fn load_lang() -> Option<Lang> {
    LocalStorage::get(store::LANG_KEY).ok()
}

pub fn save_lang(lang: Lang) {
    // The language is a convenience; failing to remember it loses no work.
    let _ = LocalStorage::set(store::LANG_KEY, lang);
}

/// The chosen colour theme, `"light"` or `"dark"`; `None` follows the system.
pub fn load_theme() -> Option<String> {
    LocalStorage::get::<String>(store::THEME_KEY).ok().filter(|t| t == "light" || t == "dark")
}

pub fn save_theme(theme: Option<&str>) {
    // A convenience, like the language: failing to remember it loses no work.
    match theme {
        Some(theme) => drop(LocalStorage::set(store::THEME_KEY, theme)),
        None => LocalStorage::delete(store::THEME_KEY),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser's storage quota is used up.
    Full { used_bytes: usize },
    /// Storage refused for another reason (disabled, private mode).
    Unavailable,
}

impl SaveError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SaveError::Full { used_bytes }, Lang::Zh) => format!(
                "浏览器存储空间已满（已用 {} KB，上限约 {} KB），最近的修改未能保存。修改仍在本页中，请勿关闭页面：先导出模板库，再删除不用的模板或清空回收站。",
                used_bytes / 1024,
                LIMIT_BYTES / 1024
            ),
            (SaveError::Full { used_bytes }, Lang::En) => format!(
                "The browser's storage is full ({} KB used of about {} KB), so your latest changes were not saved. They are still on this page: keep it open, export the library, then delete templates you do not need or empty the trash.",
                used_bytes / 1024,
                LIMIT_BYTES / 1024
            ),
            (SaveError::Unavailable, Lang::Zh) => "浏览器不允许本页保存数据（可能处于隐私模式），关闭页面后修改将丢失。请先导出模板库。".to_owned(),
            (SaveError::Unavailable, Lang::En) => {
                "The browser does not let this page save data (private mode?); changes will be lost when the page closes. Export the library first.".to_owned()
            }
        }
    }
}
