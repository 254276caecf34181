//! The body editor's logic, free of the DOM: find, undo, completion,
//! highlighting, section snippets and the diff of two versions.

pub mod complete;
pub mod diff;
pub mod find;
pub mod highlight;
pub mod snippets;
pub mod undo;
