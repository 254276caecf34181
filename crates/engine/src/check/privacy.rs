//! `unmasked-sensitive-field`: a field the schema marks sensitive (phone, ID
//! number, bank card …) printed without one of our masking filters.

use super::{Context, Fix, Location, Message, Origin, RuleId, Sink};
use crate::template::filters;
use crate::library::model::{Field, FieldFormat, FieldType};
use crate::template::scan::{self, SegmentKind};
use crate::text::Span;

pub(super) fn check(cx: &Context, sink: &mut Sink) {
    if !sink.wants(RuleId::UnmaskedSensitiveField) {
        return;
    }
    let sensitive: Vec<&Field> = cx.library.schema.fields.iter().filter(|f| f.sensitive).collect();
    for part in cx.parts() {
        let source = cx.source(part);
        let segments = scan::segments(source);
        // Names that hold a sensitive field: its path, and `{% set x = path %}` aliases.
        let mut names: Vec<(String, &Field)> = sensitive.iter().map(|f| (f.path.clone(), *f)).collect();
        names.extend(segments.iter().filter(|s| s.kind == SegmentKind::Statement).filter_map(|s| alias(&source[s.range.clone()], &sensitive)));
        for segment in segments.into_iter().filter(|s| s.kind == SegmentKind::Expression) {
            let code = &source[segment.range.clone()];
            let (value, filter_names) = split_filters(code);
            if filter_names.iter().any(|name| filters::is_mask_filter(name)) {
                continue;
            }
            for (name, field) in &names {
                // Occurrences inside the value part of this `{{ }}` only.
                for range in scan::path_occurrences(code, name).into_iter().filter(|r| r.end <= value.len()) {
                    let at = segment.range.start + range.start..segment.range.start + range.end;
                    let location = Location { part, origin: Origin::Source, span: Span::of(source, at.clone()) };
                    let Some(filter) = mask_filter_for(field) else {
                        // An amount or an internal figure: no mask makes it fit for a customer message.
                        let message = Message::new(
                            format!("敏感字段 {} 属于内部信息（如合同金额），不宜出现在客户消息中；请确认是否必须保留。", field.path),
                            format!("The sensitive field {} is internal information (such as a contract amount) that customer messages should not carry; make sure it must stay.", field.path),
                        );
                        sink.report(RuleId::UnmaskedSensitiveField, message, Some(location), None, None);
                        continue;
                    };
                    let message = Message::new(
                        format!("敏感字段 {} 未脱敏就直接输出，可能泄露客户个人信息。建议使用 | {filter}，按惯例只显示部分字符。", field.path),
                        format!("The sensitive field {} is printed unmasked and may expose personal data. Use | {filter} to show only part of it, as is customary.", field.path),
                    );
                    let fix = Fix {
                        title: Message::new(format!("添加 | {filter}"), format!("Add | {filter}")),
                        part,
                        range: at.end..at.end,
                        replacement: format!(" | {filter}"),
                    };
                    sink.report(RuleId::UnmaskedSensitiveField, message, Some(location), None, Some(fix));
                }
            }
        }
    }
}

/// `{% set name = customer.phone %}` (without a mask) makes `name` hold the
/// sensitive field.
fn alias<'f>(tag: &str, sensitive: &[&'f Field]) -> Option<(String, &'f Field)> {
    let inner = tag.trim_start_matches("{%").trim_end_matches("%}").trim_matches(['-', '+', ' ', '\n']);
    let (name, value) = inner.strip_prefix("set ")?.split_once('=')?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let (value, filter_names) = split_filters(value);
    if filter_names.iter().any(|f| filters::is_mask_filter(f)) {
        return None;
    }
    let field = sensitive.iter().find(|f| !scan::path_occurrences(&format!("{{{{ {value} }}}}"), &f.path).is_empty())?;
    Some((name.to_owned(), *field))
}

/// Splits `{{ value | f1(..) | f2 }}` into the value text (from the start of
/// the tag) and the filter names, ignoring `|` inside strings and brackets.
fn split_filters(tag: &str) -> (&str, Vec<&str>) {
    let inner = tag.strip_prefix("{{").unwrap_or(tag);
    let offset = tag.len() - inner.len();
    let mut pipes = Vec::new();
    let mut depth = 0i32;
    let mut quote = None;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, '|') if depth == 0 => pipes.push(offset + i),
            _ => {}
        }
    }
    let value_end = pipes.first().copied().unwrap_or(tag.len());
    let names = pipes
        .iter()
        .map(|&at| {
            let rest = tag[at + 1..].trim_start();
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect();
    (&tag[..value_end], names)
}

/// The masking filter for `field`; `None` for numbers without a format
/// (amounts, internal figures), which masking cannot make meaningful.
fn mask_filter_for(field: &Field) -> Option<&'static str> {
    Some(match field.format {
        Some(FieldFormat::Phone) => "mask_phone",
        Some(FieldFormat::IdNumber) => "mask_id",
        Some(FieldFormat::BankCard) => "mask_card",
        Some(FieldFormat::Email) => "mask_email",
        _ if field.kind == FieldType::Number => return None,
        _ if field.path.ends_with("name") => "mask_name",
        _ => "mask",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check, Diagnostic, Settings};
    use crate::library::model::{Shared, Template};

    fn library() -> Shared {
        let mut library = Shared::default();
        library.schema.fields = vec![
            Field { path: "customer.phone".into(), sensitive: true, format: Some(FieldFormat::Phone), ..Field::default() },
            Field { path: "customer.id_number".into(), sensitive: true, format: Some(FieldFormat::IdNumber), ..Field::default() },
            Field { path: "customer.name".into(), ..Field::default() },
        ];
        library
    }

    fn findings(body: &str) -> Vec<Diagnostic> {
        let template = Template { body: body.into(), ..Template::default() };
        check(&template, &library(), &Settings::default()).into_iter().filter(|d| d.rule == RuleId::UnmaskedSensitiveField).collect()
    }

    #[test]
    fn unmasked_phone_is_found_with_a_fix_that_masks_it() {
        let body = "您的手机：{{ customer.phone }}";
        let found = findings(body);
        assert_eq!(found.len(), 1);
        let location = found[0].location.as_ref().unwrap();
        assert_eq!((location.span.line, location.span.column), (1, 9));
        let fix = found[0].fix.as_ref().unwrap();
        let mut fixed = body.to_owned();
        fixed.replace_range(fix.range.clone(), &fix.replacement);
        assert_eq!(fixed, "您的手机：{{ customer.phone | mask_phone }}");
        assert!(findings(&fixed).is_empty());
    }

    #[test]
    fn masked_or_non_sensitive_fields_are_fine() {
        for body in [
            "{{ customer.phone | mask_phone }}",
            "{{ customer.phone | default('') | mask }}",
            "{{ customer.id_number | mask('id-number') }}",
            "{{ customer.name }}",
            "{{ 'customer.phone' }}",
        ] {
            assert_eq!(findings(body), vec![], "{body}");
        }
    }

    #[test]
    fn a_filter_that_is_not_a_mask_does_not_count() {
        let found = findings("{{ customer.id_number | upper }}");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fix.as_ref().unwrap().replacement, " | mask_id");
    }

    #[test]
    fn an_alias_made_with_set_is_traced() {
        let body = "{% set mobile = customer.phone %}您的手机：{{ mobile }}";
        let found = findings(body);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].fix.as_ref().unwrap().replacement, " | mask_phone");
        assert_eq!(&body[found[0].location.as_ref().unwrap().span.range.clone()], "mobile");
        assert_eq!(findings("{% set mobile = customer.phone | mask_phone %}{{ mobile }}"), vec![]);
        assert_eq!(findings("{% set mobile = customer.phone %}{{ mobile | mask }}"), vec![]);
    }

    #[test]
    fn pipes_inside_strings_and_calls_are_not_filters() {
        assert_eq!(split_filters("{{ a ~ '|' | upper }}"), ("{{ a ~ '|' ", vec!["upper"]));
        assert_eq!(split_filters("{{ f(x | mask) }}"), ("{{ f(x | mask) }}", vec![]));
    }
}
