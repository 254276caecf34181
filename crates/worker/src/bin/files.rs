//! `notice-files`: makes export files and reads imported ones
//! (`protocol::FilesRequest`), started the first time the user exports or imports.

#[cfg(target_arch = "wasm32")]
fn main() {
    notice_worker::serve(notice_engine::protocol::answer_files);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
