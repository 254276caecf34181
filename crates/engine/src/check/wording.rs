use super::{Context, Sink, WordLists};

pub(super) fn check(_cx: &Context, _sink: &mut Sink, _words: &WordLists) {}
