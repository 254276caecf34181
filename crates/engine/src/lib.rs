//! Notice Studio's engine: everything that decides what a template means,
//! renders to and is stored as. It has no browser or UI code (no leptos,
//! web-sys or js-sys), so it runs and is tested natively, and the web app and
//! the command-line tool call the very same functions.

pub mod check;
pub mod convert;
pub mod editor;
pub mod files;
pub mod html;
pub mod lang;
pub mod library;
pub mod merge;
pub mod protocol;
pub mod template;
pub mod text;
pub mod time;
