//! Notice Studio, the web app: Leptos components (`ui`) over small browser
//! adapters (`browser`), both compiled for wasm32 only. Everything they show
//! is computed by `notice_engine`.

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
