//! The handles between the panes: drag them, or focus one and use the arrow
//! keys (Home/End for the limits). A narrow window stacks the panes and
//! hides the handles (see `.studio` in the style sheet).

use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::ui::i18n::{t, Msg};
use notice_engine::lang::Lang;

/// One handle. `value` is kept between `min` and `max`; `from_pointer` turns
/// the pointer's x into a value, given the panes before and after the handle.
#[component]
pub fn Splitter(
    lang: RwSignal<Lang>,
    label: Msg,
    value: RwSignal<i32>,
    min: i32,
    max: i32,
    step: i32,
    from_pointer: fn(x: f64, before: &web_sys::DomRect, after: &web_sys::DomRect) -> f64,
) -> impl IntoView {
    let set = move |v: i32| value.set(v.clamp(min, max));
    let dragging = RwSignal::new(false);
    let on_key = move |ev: KeyboardEvent| {
        let v = value.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowLeft" => v - step,
            "ArrowRight" => v + step,
            "Home" => min,
            "End" => max,
            _ => return,
        };
        ev.prevent_default();
        set(next);
    };
    let on_move = move |ev: PointerEvent| {
        if !dragging.get_untracked() {
            return;
        }
        let Some(handle) = ev.current_target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        if let (Some(before), Some(after)) = (handle.previous_element_sibling(), handle.next_element_sibling()) {
            set(from_pointer(f64::from(ev.client_x()), &before.get_bounding_client_rect(), &after.get_bounding_client_rect()) as i32);
        }
    };
    view! {
        <div class="splitter" role="separator" aria-orientation="vertical" tabindex="0"
            aria-label=move || t(lang.get(), label)
            aria-valuemin=min.to_string() aria-valuemax=max.to_string() aria-valuenow=move || value.get().to_string()
            on:keydown=on_key
            on:pointerdown=move |ev: PointerEvent| {
                if let Some(handle) = ev.current_target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    let _ = handle.set_pointer_capture(ev.pointer_id());
                }
                dragging.set(true);
            }
            on:pointermove=on_move
            on:pointerup=move |_| dragging.set(false)
            on:pointercancel=move |_| dragging.set(false)
        ></div>
    }
}
