//! TODO(family): see rules.md.

use super::{Context, Sink};

pub(super) fn check(_cx: &Context, _sink: &mut Sink) {}
