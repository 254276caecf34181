//! Showing a place in the page's text: the DOM counts text positions in UTF-16
//! units, the engine in UTF-8 bytes.

use std::ops::Range;

use wasm_bindgen::JsValue;

/// UTF-16 offset of byte `byte` of `text` (clamped to the text).
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    let byte = (0..=byte.min(text.len())).rev().find(|&b| text.is_char_boundary(b)).unwrap_or(0);
    text[..byte].encode_utf16().count() as u32
}

/// Byte offset of UTF-16 unit `unit` of `text`, the inverse of
/// [`utf16_offset`]; clamped to the text, and a unit inside a character
/// (an emoji's second half) gives that character's start.
pub fn byte_offset(text: &str, unit: u32) -> usize {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        units += c.len_utf16() as u32;
        if units > unit {
            return byte;
        }
    }
    text.len()
}

/// The selection of `area` as a byte range of `text`, the text it holds.
pub fn selected_range(area: &web_sys::HtmlTextAreaElement, text: &str) -> Range<usize> {
    let start = byte_offset(text, area.selection_start().ok().flatten().unwrap_or(0));
    let end = byte_offset(text, area.selection_end().ok().flatten().unwrap_or(0)).max(start);
    start..end
}

/// Selects UTF-16 units `start..end` of the text inside `element` (one text
/// node, as in the preview) and scrolls it into view.
pub fn select_text(element: &web_sys::Element, start: u32, end: u32) -> Result<(), JsValue> {
    let node = element.first_child().ok_or_else(|| JsValue::from_str("no text to select"))?;
    let document = element.owner_document().ok_or_else(|| JsValue::from_str("detached element"))?;
    let range = document.create_range()?;
    range.set_start(&node, start)?;
    range.set_end(&node, end)?;
    let selection = web_sys::window()
        .and_then(|window| window.get_selection().ok().flatten())
        .ok_or_else(|| JsValue::from_str("no selection"))?;
    selection.remove_all_ranges()?;
    selection.add_range(&range)?;
    element.scroll_into_view();
    Ok(())
}
