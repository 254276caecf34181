//! What local storage holds (possibly damaged, or written by another
//! release): loaded as the page loads it, and the merge page's saved list.
#![no_main]

use libfuzzer_sys::fuzz_target;
use notice_engine::lang::Lang;
use notice_engine::library::store;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Values separated by \u{1}, given to the keys in turn.
    let keys = [store::LIBRARY_KEY.to_owned(), store::template_key("a"), store::history_key("a"), store::SESSION_KEY.to_owned(), store::DRAFT_KEY.to_owned(), store::template_key("b"), store::dictionary_key("00000001")];
    let entries: Vec<(String, String)> = text.split('\u{1}').zip(keys.iter().cycle()).map(|(value, key)| (key.clone(), value.to_owned())).collect();
    let mut ids = 0;
    let _ = store::load(entries, Lang::Zh, 1_795_000_000_000, || {
        ids += 1;
        format!("id{ids}")
    });
    let _ = store::decode_saved_list(&text);
});
