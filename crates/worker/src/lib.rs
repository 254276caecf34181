//! The engine's web workers, two wasm modules built from this crate:
//! `notice-worker` renders and checks (it starts with the page) and
//! `notice-files` makes and reads export files (it starts when the user first
//! exports or imports, so the file formats never weigh on the checks).
//!
//! Both speak the same way: once started a worker posts `true` (ready); the
//! page then posts requests as JSON text, or, when files go with them, an
//! array of the JSON text and one `Uint8Array` per file; each answer comes
//! back in the same shape.

/// Runs the worker's message loop: every request goes to `answer`, with the
/// bytes of the files beside it. A request `answer` cannot decode gets no
/// answer; the page only ever sends what `protocol` defines.
#[cfg(target_arch = "wasm32")]
pub fn serve(mut answer: impl FnMut(&str, Vec<Vec<u8>>) -> Option<(String, Vec<Vec<u8>>)> + 'static) {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let (text, blobs) = if Array::is_array(&data) {
            let parts: Array = data.unchecked_into();
            (parts.get(0).as_string(), parts.iter().skip(1).map(|blob| Uint8Array::new(&blob).to_vec()).collect())
        } else {
            (data.as_string(), Vec::new())
        };
        let Some((response, blobs)) = text.and_then(|text| answer(&text, blobs)) else { return };
        let _ = if blobs.is_empty() {
            reply.post_message(&JsValue::from_str(&response))
        } else {
            // The bytes are handed over, not copied again: a merge sends
            // megabytes of results per second.
            let (parts, handed) = (Array::of1(&JsValue::from_str(&response)), Array::new());
            for blob in blobs {
                let bytes = Uint8Array::from(blob.as_slice());
                handed.push(&bytes.buffer());
                parts.push(&bytes);
            }
            reply.post_message_with_transfer(&parts, &handed)
        };
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages posted before the handler existed were dropped: the page
    // waits for this signal before it sends anything.
    let _ = scope.post_message(&JsValue::TRUE);
}
