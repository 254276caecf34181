//! Adapters to the browser. Each is small, speaks in engine types and is
//! tested in headless Chromium (tests/browser.rs).

pub mod crash;
pub mod engine;
pub mod files;
pub mod location;
pub mod selection;
pub mod storage;
pub mod timing;
