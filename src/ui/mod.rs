//! Leptos components. They hold signals and wire engine calls to views;
//! they compute nothing the engine computes.

mod app;
mod checks;
mod complete;
mod coverage;
mod editor;
mod find;
mod gallery;
mod history;
mod insert;
mod layout;
pub mod i18n;
mod library;
pub mod merge;
mod partials;
mod preview;
mod ready;
mod sample_form;
mod schema;
mod splitter;
mod studio;
mod transfer;

pub fn start() {
    crate::browser::crash::install();
    leptos::mount::mount_to_body(app::App);
}
