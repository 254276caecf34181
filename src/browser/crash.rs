//! What the user sees when the page panics. A panic aborts the wasm module:
//! nothing of the app runs after it, so the hook builds its message with plain
//! DOM calls, in the page's language (`<html lang>`), over the dead page, with
//! a button that reloads it. Storage holds what was last saved: every write is
//! one whole value, so a panic leaves none half written.

use notice_engine::lang::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Installs the panic hook: the panic goes to the console, the message to the user.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let _ = show_recovery();
    }));
    // Only a build made with NOTICE_CRASH_TEST set (the end-to-end test's) can
    // be made to panic; in any other build this is compiled out.
    if option_env!("NOTICE_CRASH_TEST").is_some() {
        panic_when_typed();
    }
}

fn show_recovery() -> Option<()> {
    let document = web_sys::window()?.document()?;
    let lang = document.document_element().and_then(|root| Lang::from_tag(&root.get_attribute("lang")?)).unwrap_or_default();
    let element = |tag: &str, text: &str| {
        let element = document.create_element(tag).ok()?;
        element.set_text_content(Some(text));
        Some(element)
    };
    let dialog = document.create_element("div").ok()?;
    for (name, value) in [("class", "crash"), ("role", "alertdialog"), ("aria-modal", "true"), ("aria-labelledby", "crash-title"), ("data-testid", "crash")] {
        dialog.set_attribute(name, value).ok()?;
    }
    let panel = document.create_element("div").ok()?;
    let title = element("h2", lang.pick("Notice Studio 遇到内部错误，已停止运行", "Notice Studio stopped because of an internal error"))?;
    title.set_id("crash-title");
    let saved = element(
        "p",
        lang.pick(
            "您的模板已保存到出错前的最后一次自动保存（最多是出错前半秒的输入）。重新加载页面即可继续工作；请不要在此页继续输入。",
            "Your templates are kept as of the last automatic save (at most the last half second of typing is missing). Reload the page to go on; do not keep typing in this one.",
        ),
    )?;
    let reload: web_sys::HtmlElement = element("button", lang.pick("重新加载", "Reload"))?.dyn_into().ok()?;
    reload.set_attribute("type", "button").ok()?;
    let on_click = Closure::<dyn Fn()>::new(|| {
        let _ = web_sys::window().map(|w| w.location().reload());
    });
    reload.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref()).ok()?;
    // Lives as long as the page, which is not long now.
    on_click.forget();
    panel.append_with_node_3(&title, &saved, &reload).ok()?;
    dialog.append_child(&panel).ok()?;
    document.body()?.append_child(&dialog).ok()?;
    reload.focus().ok()
}

/// The crash test's trigger: typing `panic!!` at the end of any field.
fn panic_when_typed() {
    let on_input = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let typed = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|input| input.value());
        if typed.is_some_and(|value| value.ends_with("panic!!")) {
            panic!("crash test: panic!! typed");
        }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
    }
    on_input.forget();
}
