use super::{Context, Settings, Sink};

pub(super) fn check(_cx: &Context, _sink: &mut Sink, _settings: &Settings) {}
