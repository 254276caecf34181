//! Templates as Jinja2 reads them: the one minijinja environment and its
//! renders, Jinja2's builtins and Python's methods and text forms where
//! minijinja differs, our filters, a light lexer of the source, and the sample
//! data a template renders with.

mod builtins;
pub mod filters;
pub mod methods;
pub mod python;
pub mod render;
pub mod sample;
pub mod scan;
