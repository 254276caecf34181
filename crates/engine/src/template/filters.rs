//! Our custom template filters: masking of sensitive fields, following the
//! customary masks of PIPL practice (see shared/rules.md). Exports ship the
//! same filters for Python Jinja2, so they must stay simple and exact.

use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, Value};

/// The masking filters, by name, and the format each suits.
pub const MASK_FILTERS: &[(&str, MaskFormat)] = &[
    ("mask_phone", MaskFormat::Phone),
    ("mask_id", MaskFormat::IdNumber),
    ("mask_card", MaskFormat::BankCard),
    ("mask_email", MaskFormat::Email),
    ("mask_name", MaskFormat::Name),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaskFormat {
    Phone,
    IdNumber,
    BankCard,
    Email,
    Name,
}

impl MaskFormat {
    fn parse(name: &str) -> Option<MaskFormat> {
        Some(match name {
            "phone" => MaskFormat::Phone,
            "id-number" | "id" => MaskFormat::IdNumber,
            "bank-card" | "card" => MaskFormat::BankCard,
            "email" => MaskFormat::Email,
            "name" => MaskFormat::Name,
            _ => return None,
        })
    }

    /// Guesses the format from the value itself, for `mask` without argument.
    fn infer(text: &str) -> MaskFormat {
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        if text.contains('@') {
            MaskFormat::Email
        } else if (compact.len() == 15 || compact.len() == 18) && compact.as_bytes()[..compact.len() - 1].iter().all(u8::is_ascii_digit) {
            MaskFormat::IdNumber
        } else if (16..=19).contains(&digits) && digits == compact.len() {
            MaskFormat::BankCard
        } else if digits >= 7 && digits * 10 >= compact.chars().count() * 8 {
            MaskFormat::Phone
        } else {
            MaskFormat::Name
        }
    }
}

/// Masks `text` as `format` requires.
pub fn mask(text: &str, format: MaskFormat) -> String {
    match format {
        MaskFormat::Phone => keep_ends(text, 3, 4),
        MaskFormat::IdNumber => keep_ends(text, 1, 2),
        MaskFormat::BankCard => keep_ends(text, 4, 4),
        MaskFormat::Name => keep_ends(text, 1, 0),
        MaskFormat::Email => match text.split_once('@') {
            Some((local, domain)) => format!("{}***@{domain}", local.chars().next().map(String::from).unwrap_or_default()),
            None => keep_ends(text, 1, 0),
        },
    }
}

/// Keeps the first `first` and last `last` characters and stars the rest
/// (at least two stars, so a mask never shows how short a value is). A value
/// too short to keep that much keeps only its first character.
fn keep_ends(text: &str, first: usize, last: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (first, last) = if chars.len() > first + last { (first, last) } else { (usize::from(chars.len() > 1), 0) };
    let hidden = (chars.len() - first - last).max(2);
    let mut masked: String = chars[..first].iter().collect();
    masked.push_str(&"*".repeat(hidden));
    masked.extend(&chars[chars.len() - last..]);
    masked
}

fn apply(value: &Value, format: Option<MaskFormat>) -> Value {
    if value.is_undefined() || value.is_none() {
        return value.clone();
    }
    let text = value.to_string();
    Value::from(mask(&text, format.unwrap_or_else(|| MaskFormat::infer(&text))))
}

/// Jinja2's `truncate`, argument for argument (`leeway` by keyword only):
/// cut to `length` characters including `end`, at a word boundary unless
/// `killwords`, and not at all when within `leeway` of the limit.
fn truncate(
    value: String,
    length: Option<usize>,
    killwords: Option<bool>,
    end: Option<String>,
    kwargs: Kwargs,
) -> Result<String, Error> {
    let length = length.or(kwargs.get("length")?).unwrap_or(255);
    let killwords = killwords.or(kwargs.get("killwords")?).unwrap_or(false);
    let end = end.or(kwargs.get("end")?).unwrap_or_else(|| "...".to_owned());
    let leeway = kwargs.get::<Option<usize>>("leeway")?.unwrap_or(5);
    kwargs.assert_all_used()?;
    let chars: Vec<char> = value.chars().collect();
    let end_len = end.chars().count();
    if length < end_len {
        return Err(Error::new(ErrorKind::InvalidOperation, "truncate: length is shorter than the end marker"));
    }
    if chars.len() <= length + leeway {
        return Ok(value);
    }
    let head: String = chars[..length - end_len].iter().collect();
    let kept = if killwords { head.as_str() } else { head.rsplit_once(' ').map_or(head.as_str(), |(before, _)| before) };
    Ok(format!("{kept}{end}"))
}

pub fn register(env: &mut Environment<'static>) {
    env.add_filter("truncate", truncate);
    for &(name, format) in MASK_FILTERS {
        env.add_filter(name, move |value: Value| apply(&value, Some(format)));
    }
    env.add_filter("mask", |value: Value, format: Option<String>| -> Result<Value, Error> {
        let format = match format.as_deref() {
            None => None,
            Some(name) => Some(MaskFormat::parse(name).ok_or_else(|| {
                Error::new(ErrorKind::InvalidOperation, format!("unknown mask format {name:?} (use phone, id-number, bank-card, email or name)"))
            })?),
        };
        Ok(apply(&value, format))
    });
}

/// Whether `env` has `name` as a masking filter (used by the privacy check).
pub fn is_mask_filter(name: &str) -> bool {
    name == "mask" || MASK_FILTERS.iter().any(|(n, _)| *n == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::render::render;
    use crate::template::sample;

    #[test]
    fn customary_masks() {
        assert_eq!(mask("13812341234", MaskFormat::Phone), "138****1234");
        assert_eq!(mask("110101199003071234", MaskFormat::IdNumber), "1***************34");
        assert_eq!(mask("6222020200112233445", MaskFormat::BankCard), "6222***********3445");
        assert_eq!(mask("张三丰", MaskFormat::Name), "张**");
        assert_eq!(mask("张三", MaskFormat::Name), "张**");
        assert_eq!(mask("zhang.san@example.com", MaskFormat::Email), "z***@example.com");
    }

    #[test]
    fn short_values_never_come_out_whole() {
        assert_eq!(mask("12345", MaskFormat::Phone), "1****");
        assert_eq!(mask("王", MaskFormat::Name), "**");
        assert_eq!(mask("", MaskFormat::Phone), "**");
    }

    #[test]
    fn mask_infers_the_format_from_the_value() {
        for (value, masked) in [
            ("13812341234", "138****1234"),
            ("11010119900307123X", "1***************3X"),
            ("6222020200112233", "6222********2233"),
            ("ann@example.com", "a***@example.com"),
            ("李雷", "李**"),
            // 15 bytes of UTF-8, as long as an ID number: once a panic.
            ("上海市浦东", "上****"),
        ] {
            assert_eq!(mask(value, MaskFormat::infer(value)), masked, "{value}");
        }
    }

    #[test]
    fn truncate_follows_jinja2() {
        let data = sample::parse("{}").unwrap();
        let cases = [
            ("{{ 'Your subscription renews automatically' | truncate(20) }}", "Your..."),
            ("{{ 'Your subscription renews automatically' | truncate(20, true) }}", "Your subscription..."),
            ("{{ 'Your subscription renews automatically' | truncate(length=20, killwords=true, end='…') }}", "Your subscription r…"),
            ("{{ 'short enough' | truncate(10) }}", "short enough"),
            ("{{ '尊敬的客户您好感谢您长期以来的支持与信任' | truncate(10, leeway=0) }}", "尊敬的客户您好..."),
        ];
        for (source, expected) in cases {
            assert_eq!(render(source, &data).unwrap(), expected, "{source}");
        }
    }

    #[test]
    fn filters_work_in_templates_and_keep_missing_values_missing() {
        let data = sample::parse(r#"{"c": {"phone": 13812341234, "email": "ann@example.com"}}"#).unwrap();
        assert_eq!(render("{{ c.phone | mask_phone }} {{ c.email | mask }} [{{ c.none | mask_name }}]", &data).unwrap(), "138****1234 a***@example.com []");
        assert_eq!(render(r#"{{ "13812341234" | mask("phone") }}"#, &data).unwrap(), "138****1234");
        let err = render(r#"{{ "x" | mask("shoe-size") }}"#, &data).unwrap_err();
        assert!(err.detail.contains("unknown mask format"), "{err:?}");
    }
}
