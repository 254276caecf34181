//! `syntax`, `render-error`, `render-limit`: does the template parse, and does
//! it render for every sample profile within the safety limits?

use super::{Context, Location, Message, Origin, Part, RuleId, Sink};
use crate::lang::Lang;
use crate::template::render::{RenderError, RenderErrorKind};

pub(super) fn check(cx: &Context, sink: &mut Sink) {
    for (part, err) in &cx.syntax_errors {
        // A limit met while parsing (an elif chain too long) is a limit, not a mistake.
        let rule = if matches!(err.kind, RenderErrorKind::Limit(_)) { RuleId::RenderLimit } else { RuleId::Syntax };
        sink.report(rule, localized(err), location(*part, err), None, None);
    }
    for render in &cx.renders {
        if let Err(err) = &render.data {
            let message = Message::new(
                format!("样例“{}”的数据无法使用：{}", render.profile, err.message(Lang::Zh)),
                format!("Sample profile “{}” cannot be used: {}", render.profile, err.message(Lang::En)),
            );
            sink.report(RuleId::RenderError, message, None, Some(&render.profile), None);
        }
        for part in [Part::Body, Part::Subject] {
            let result = match part {
                Part::Body => render.body.as_ref(),
                Part::Subject => render.subject.as_ref(),
            };
            if let Some(Err(err)) = result {
                let rule = match err.kind {
                    RenderErrorKind::Limit(_) => RuleId::RenderLimit,
                    _ => RuleId::RenderError,
                };
                sink.report(rule, localized(err), location(part, err), Some(&render.profile), None);
            }
        }
    }
}

fn localized(err: &RenderError) -> Message {
    Message::new(err.message(Lang::Zh), err.message(Lang::En))
}

fn location(part: Part, err: &RenderError) -> Option<Location> {
    err.span.clone().map(|span| Location { part, origin: Origin::Source, span })
}
