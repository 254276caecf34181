//! The engine worker: once started it posts `true` (ready); then the page
//! posts `protocol::Request`s as JSON text and gets each `Response` back.
//! A request or answer with files (an export, an import) travels as an array:
//! the JSON text, then one `Uint8Array` per file. Rendering, checking and
//! file formats (minijinja, the rules, zip) live only here, so the page loads
//! without them and a slow template never blocks typing.

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let mut checker = notice_engine::protocol::Checker::default();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let (text, blobs) = if Array::is_array(&data) {
            let parts: Array = data.unchecked_into();
            (parts.get(0).as_string(), parts.iter().skip(1).map(|blob| Uint8Array::new(&blob).to_vec()).collect())
        } else {
            (data.as_string(), Vec::new())
        };
        // A request that does not decode gets no answer; the page only
        // ever sends what `protocol` defines.
        let Some((response, blobs)) = text.and_then(|text| checker.answer(&text, blobs)) else { return };
        let _ = if blobs.is_empty() {
            reply.post_message(&JsValue::from_str(&response))
        } else {
            let parts = Array::of1(&JsValue::from_str(&response));
            for blob in blobs {
                parts.push(&Uint8Array::from(blob.as_slice()));
            }
            reply.post_message(&parts)
        };
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
