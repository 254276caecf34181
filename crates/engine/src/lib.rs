//! Notice Studio's engine: everything that decides what a template means,
//! renders to and is stored as. It has no browser or UI code (no leptos,
//! web-sys or js-sys), so it runs and is tested natively, and the web app and
//! the command-line tool call the very same functions.

mod builtins;
pub mod check;
pub mod complete;
pub mod diff;
pub mod eml;
pub mod export;
pub mod filters;
pub mod find;
pub mod gallery;
pub mod history;
pub mod highlight;
pub mod html;
pub mod import;
pub mod lang;
pub mod library;
pub mod merge;
pub mod methods;
pub mod model;
pub mod packed;
pub mod protocol;
pub mod python;
pub mod ready;
pub mod recipients;
pub mod render;
pub mod report;
pub mod sample;
pub mod sms;
pub mod snippets;
pub mod scan;
pub mod store;
pub mod sync;
pub mod text;
pub mod time;
pub mod undo;
pub mod validate;
pub mod zip;
