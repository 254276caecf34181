//! File formats in and out: exports (source, rendered, bundle, zip), imports,
//! `.eml` messages, recipient lists, check reports.

pub mod eml;
pub mod export;
pub mod import;
pub mod recipients;
pub mod report;
pub mod zip;
