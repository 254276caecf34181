//! Local storage through gloo-storage. The engine decides what the bytes
//! mean (`notice_engine::store`); this adapter only moves them and turns
//! browser failures into values.

use gloo_storage::{LocalStorage, Storage};
use notice_engine::lang::Lang;
use notice_engine::store::{self, DecodeError, Draft};
use wasm_bindgen::JsCast;

/// What start-up found in storage.
pub struct LoadedDraft {
    /// The stored draft, or `None` on a first visit or after a quarantine.
    pub draft: Option<Draft>,
    /// Set when the stored value did not decode and was moved aside.
    pub quarantined: Option<DecodeError>,
}

/// Reads the draft. A value that does not decode is moved to its quarantine
/// key first, so nothing the user wrote is ever overwritten unseen.
pub fn load_draft() -> LoadedDraft {
    let Some(raw) = get_raw(store::DRAFT_KEY) else {
        return LoadedDraft { draft: None, quarantined: None };
    };
    match store::decode_draft(&raw) {
        Ok(draft) => LoadedDraft { draft: Some(draft), quarantined: None },
        Err(err) => {
            let storage = LocalStorage::raw();
            // If the copy fails too (storage full), leave the original where
            // it is: the save that follows will then fail loudly, not erase it.
            if storage.set_item(&store::quarantine_key(store::DRAFT_KEY), &raw).is_ok() {
                let _ = storage.remove_item(store::DRAFT_KEY);
            }
            LoadedDraft { draft: None, quarantined: Some(err) }
        }
    }
}

pub fn save_draft(draft: &Draft) -> Result<(), SaveError> {
    LocalStorage::raw().set_item(store::DRAFT_KEY, &store::encode_draft(draft)).map_err(|err| {
        let name = err.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
        if name == "QuotaExceededError" {
            SaveError::Full { used_bytes: used_bytes() }
        } else {
            SaveError::Unavailable
        }
    })
}

fn get_raw(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Bytes local storage holds for this page (keys and values, UTF-16).
pub fn used_bytes() -> usize {
    let storage = LocalStorage::raw();
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .map(|key| (key.encode_utf16().count() + get_raw(&key).map_or(0, |v| v.encode_utf16().count())) * 2)
        .sum()
}

pub fn load_lang() -> Option<Lang> {
    LocalStorage::get(store::LANG_KEY).ok()
}

pub fn save_lang(lang: Lang) {
    // The language is a convenience; failing to remember it loses no work.
    let _ = LocalStorage::set(store::LANG_KEY, lang);
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
                "浏览器存储空间已满（已用 {} KB），最近的修改未能保存。修改仍在本页中，请勿关闭页面；可先复制模板内容另行保存。",
                used_bytes / 1024
            ),
            (SaveError::Full { used_bytes }, Lang::En) => format!(
                "The browser's storage is full ({} KB used), so your latest changes were not saved. They are still on this page: keep it open, and copy the template somewhere safe.",
                used_bytes / 1024
            ),
            (SaveError::Unavailable, Lang::Zh) => "浏览器不允许本页保存数据（可能处于隐私模式），关闭页面后修改将丢失。".to_owned(),
            (SaveError::Unavailable, Lang::En) => {
                "The browser does not let this page save data (private mode?); changes will be lost when the page closes.".to_owned()
            }
        }
    }
}
