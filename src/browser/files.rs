//! Files the user takes away (downloads through object URLs) and brings in
//! (picked or dropped files read as bytes for the engine worker).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, FileList, HtmlAnchorElement, Url};

/// Offers `text` as a file named `file_name`.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    download_contents(file_name, mime, &JsValue::from_str(text))
}

/// Offers `contents` (text or a `Uint8Array`) as a file named `file_name`.
pub fn download_contents(file_name: &str, mime: &str, contents: &JsValue) -> Result<(), JsValue> {
    let url = object_url(mime, contents)?;
    save(file_name, &url)?;
    // Revoked later: some browsers read the blob after `click` returns.
    leptos::prelude::set_timeout(move || forget_url(&url), std::time::Duration::from_secs(60));
    Ok(())
}

/// A URL for `contents` (text or a `Uint8Array`) as a file of type `mime`;
/// it holds the data until [`forget_url`].
pub fn object_url(mime: &str, contents: &JsValue) -> Result<String, JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(contents), &options)?;
    Url::create_object_url_with_blob(&blob)
}

/// Starts the download of `url` as `file_name`.
fn save(file_name: &str, url: &str) -> Result<(), JsValue> {
    let anchor: HtmlAnchorElement = leptos::prelude::document().create_element("a")?.unchecked_into();
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.click();
    Ok(())
}

pub fn forget_url(url: &str) {
    let _ = Url::revoke_object_url(url);
}

/// A picked or dropped file: its name, and its bytes as a `Uint8Array`.
pub struct Picked {
    pub name: String,
    pub bytes: JsValue,
}

/// Why picked files were not read.
pub enum ReadError {
    /// Over `limit` bytes: refused before reading it into memory.
    TooLarge(String),
    /// The browser could not read it (its message).
    Unreadable(String, String),
}

/// The files of `list`, taken out of it: an input's list empties when its value is reset.
fn files_of(list: &FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The files picked in a file input, which is then reset: picking the same
/// file again must fire `change` again.
pub fn take_picked(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let picked = input.files().map(|list| files_of(&list)).unwrap_or_default();
    input.set_value("");
    picked
}

/// The files dropped with `event` (none when it carries no files).
pub fn dropped(event: &web_sys::DragEvent) -> Vec<web_sys::File> {
    event.data_transfer().and_then(|data| data.files()).map(|list| files_of(&list)).unwrap_or_default()
}

/// Reads every file, refusing any over `limit` bytes before reading anything.
pub async fn read_all(files: Vec<web_sys::File>, limit: usize) -> Result<Vec<Picked>, ReadError> {
    if let Some(big) = files.iter().find(|f| f.size() > limit as f64) {
        return Err(ReadError::TooLarge(big.name()));
    }
    let mut picked = Vec::with_capacity(files.len());
    for file in files {
        let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| ReadError::Unreadable(file.name(), format!("{e:?}")))?;
        picked.push(Picked { name: file.name(), bytes: js_sys::Uint8Array::new(&buffer).into() });
    }
    Ok(picked)
}
