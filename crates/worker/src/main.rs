//! The engine worker: once started it posts `true` (ready); then the page
//! posts a `protocol::CheckRequest` as JSON text and gets the `CheckResponse`
//! back. Rendering and checking (minijinja and
//! the rules) live only here, so the page loads without them and a slow
//! template never blocks typing.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let mut checker = notice_engine::protocol::Checker::default();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // A request that does not decode gets no answer; the page only
        // ever sends what `protocol` defines.
        if let Some(response) = event.data().as_string().and_then(|text| checker.answer_json(&text)) {
            let _ = reply.post_message(&JsValue::from_str(&response));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages posted before the handler existed were dropped: the page
    // waits for this signal before it sends anything.
    let _ = scope.post_message(&JsValue::TRUE);
}

// Natively there is no worker; `cargo test --workspace` builds this as a no-op.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
