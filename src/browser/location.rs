//! What the page's address and the browser say about the user's language.

use notice_engine::lang::Lang;

/// `?lang=en` / `?lang=zh-CN` in the address, when present and known.
pub fn lang_from_url() -> Option<Lang> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    Lang::from_tag(&params.get("lang")?)
}

/// The browser's preferred language, when it is one we speak.
pub fn lang_from_browser() -> Option<Lang> {
    Lang::from_tag(&web_sys::window()?.navigator().language()?)
}
