//! Leptos components. They hold signals and wire engine calls to views;
//! they compute nothing the engine computes.

mod app;
mod checks;
pub mod i18n;

pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
