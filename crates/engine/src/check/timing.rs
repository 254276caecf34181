use super::{Context, Sink, Thresholds};

pub(super) fn check(_cx: &Context, _sink: &mut Sink, _thresholds: &Thresholds) {}
