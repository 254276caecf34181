//! `notice-files`: makes export files, reads imported ones and runs mail
//! merges (`protocol::FilesRequest`), started the first time the user needs one.

#[cfg(target_arch = "wasm32")]
fn main() {
    let mut files = notice_engine::protocol::Files::new(gbk);
    notice_worker::serve(move |request, blobs| files.answer(request, blobs));
}

/// GBK by the browser's own decoder (`fatal`: `None` when the bytes are not GBK).
#[cfg(target_arch = "wasm32")]
fn gbk(data: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    web_sys::TextDecoder::new_with_label_and_options("gbk", &options).ok()?.decode_with_u8_array(data).ok()
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
