//! `notice-worker`: renders and checks the template being edited, and hands
//! out the starter gallery (`protocol::Request`). Minijinja and the rules
//! live only here, so the page loads without them and a slow template never
//! blocks typing.

#[cfg(target_arch = "wasm32")]
fn main() {
    let mut checker = notice_engine::protocol::Checker::default();
    notice_worker::serve(move |request, _| Some((checker.answer_json(request)?, Vec::new())));
}

// Natively there is no worker; `cargo test --workspace` builds this as a no-op.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
