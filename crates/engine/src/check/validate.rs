//! Field formats: whether a value is a real phone number, e-mail address,
//! date, resident ID … and, when it is not, what is wrong with it in words.
//! The one judge of values for sample profiles (the `field-format` check),
//! mail-merge rows and the forms that edit them.

use crate::check::Message;
use crate::library::model::FieldFormat;
use crate::time::{days_in_month, Date};

/// What is wrong with a value of a format.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Flaw {
    /// A character no value of the format has.
    Character(char),
    /// 11 digits from 1 but not a mainland mobile prefix (13x–19x).
    MobilePrefix(String),
    /// A mobile number of another length than 11 digits.
    MobileLength(usize),
    /// A landline whose number after the area code is not 7–8 digits.
    LandlineLength { area: String, digits: usize },
    /// A 400 / 800 number of another length than 10 digits.
    ServiceLength { prefix: String, digits: usize },
    /// Neither a mobile, a landline with area code nor a service number.
    NotPhone,
    NotMobile,
    /// An international number (`+` and a country code) of another length than 8–15 digits.
    International(usize),
    EmailAt,
    EmailLocal,
    EmailDomain(String),
    /// Not written as year, month and day.
    DateShape,
    /// Written as a date, but no such day exists.
    NoSuchDate { year: i32, month: u32, day: u32 },
    Url,
    IdLength(usize),
    /// The birth date in digits 7–14 does not exist.
    IdBirth(String),
    /// The GB 11643 check character should be this.
    IdCheck(char),
    CardLength(usize),
    CardCheck,
    Amount,
    /// A number field's value that is no number.
    NotNumber,
    /// A yes / no field's value that is neither.
    NotYesNo,
}

/// Whether `text` (trimmed) is a valid value of `format`.
pub fn value(format: FieldFormat, text: &str) -> Result<(), Flaw> {
    let text = text.trim();
    match format {
        FieldFormat::Phone => phone(text, true),
        FieldFormat::Mobile => phone(text, false),
        FieldFormat::Email => email(text),
        FieldFormat::Date => date(text).map(|_| ()),
        FieldFormat::Url => url(text),
        FieldFormat::IdNumber => id_number(text),
        FieldFormat::BankCard => bank_card(text),
        FieldFormat::Amount => amount(text),
    }
}

/// Digits of a number written with spaces, hyphens, dots or brackets
/// (`(010) 6688-1234`, `138 0013 8000`); `Err` at any other character.
fn phone_digits(text: &str) -> Result<String, Flaw> {
    let mut digits = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '（' | '）' | '\u{a0}' => {}
            other => return Err(Flaw::Character(other)),
        }
    }
    Ok(digits)
}

/// A mainland mobile (optionally +86 / 0086), and with `landline` also a
/// landline with its area code (an extension after 转, ext or x) or a
/// 400 / 800 / 95xxx service number; an international number after `+`.
fn phone(text: &str, landline: bool) -> Result<(), Flaw> {
    let extension = ["ext", "EXT", "Ext", "转", "x", "X"].iter().find_map(|mark| text.split_once(mark));
    let main = match landline.then_some(extension).flatten() {
        Some((main, extension)) => {
            let extension = extension.trim_start_matches(['.', ':', '：', ' ']);
            if extension.is_empty() || !extension.bytes().all(|b| b.is_ascii_digit()) || extension.len() > 6 {
                return Err(Flaw::NotPhone);
            }
            main
        }
        None => text,
    };
    let (international, rest) = match main.trim_start().strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, main),
    };
    let mut digits = phone_digits(rest)?;
    if international || digits.starts_with("0086") {
        if international && !digits.starts_with("86") {
            return if (8..=15).contains(&digits.len()) && !digits.starts_with('0') { Ok(()) } else { Err(Flaw::International(digits.len())) };
        }
        digits = digits.trim_start_matches("00").strip_prefix("86").unwrap_or_default().to_owned();
        // +86 10 6688 1234: the area code loses its 0.
        if landline && !digits.starts_with('1') || digits.starts_with("10") && digits.len() != 11 {
            digits.insert(0, '0');
        }
    }
    let mobile = |digits: &str| match (digits.len(), digits.as_bytes().get(1)) {
        (11, Some(b'3'..=b'9')) => Ok(()),
        (11, _) => Err(Flaw::MobilePrefix(digits[..3].to_owned())),
        (n, _) => Err(Flaw::MobileLength(n)),
    };
    if !landline {
        return if digits.starts_with('1') { mobile(&digits) } else { Err(Flaw::NotMobile) };
    }
    if digits.starts_with('1') {
        return mobile(&digits);
    }
    if let Some(rest) = digits.strip_prefix('0') {
        // 010 and 020–029 are two digits after the 0; the other area codes three.
        let area_len = if rest.starts_with(['1', '2']) { 2 } else { 3 };
        if rest.len() <= area_len {
            return Err(Flaw::NotPhone);
        }
        let (area, number) = rest.split_at(area_len);
        return if (7..=8).contains(&number.len()) { Ok(()) } else { Err(Flaw::LandlineLength { area: format!("0{area}"), digits: number.len() }) };
    }
    for prefix in ["400", "800"] {
        if digits.starts_with(prefix) {
            return if digits.len() == 10 { Ok(()) } else { Err(Flaw::ServiceLength { prefix: prefix.to_owned(), digits: digits.len() }) };
        }
    }
    if digits.starts_with("95") && digits.len() == 5 {
        return Ok(());
    }
    Err(Flaw::NotPhone)
}

fn email(text: &str) -> Result<(), Flaw> {
    if let Some(c) = text.chars().find(|c| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '>' | '"' | '，' | '；')) {
        return Err(Flaw::Character(c));
    }
    let Some((local, domain)) = text.rsplit_once('@') else { return Err(Flaw::EmailAt) };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.contains('@');
    if !local_ok {
        return Err(Flaw::EmailLocal);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld_ok = labels.last().is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    if labels.len() < 2 || !labels.iter().all(label_ok) || !tld_ok {
        return Err(Flaw::EmailDomain(domain.to_owned()));
    }
    Ok(())
}

/// `2026-03-15`, `2026/3/15`, `2026.03.15` or `2026年3月15日`.
pub fn date(text: &str) -> Result<Date, Flaw> {
    let normal = text.replace(['年', '月'], "-").replace('日', "").replace(['/', '.'], "-");
    let parts: Vec<&str> = normal.trim().split('-').collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok()).flatten()).collect();
    let [year, month, day] = numbers.as_deref().unwrap_or_default() else { return Err(Flaw::DateShape) };
    if parts[0].len() != 4 {
        return Err(Flaw::DateShape);
    }
    let (year, month, day) = (*year as i32, *month, *day);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(Flaw::NoSuchDate { year, month, day });
    }
    Ok(Date { year, month, day })
}

fn url(text: &str) -> Result<(), Flaw> {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")).ok_or(Flaw::Url)?;
    if let Some(c) = rest.chars().find(|c| c.is_whitespace()) {
        return Err(Flaw::Character(c));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    let ok = labels.len() >= 2 && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    if ok { Ok(()) } else { Err(Flaw::Url) }
}

/// GB 11643: six digits of region, the birth date `YYYYMMDD`, three of
/// sequence, and a check character from the weighted sum of the 17 digits.
fn id_number(text: &str) -> Result<(), Flaw> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() != 18 {
        return Err(Flaw::IdLength(chars.len()));
    }
    if let Some(&c) = chars[..17].iter().find(|c| !c.is_ascii_digit()) {
        return Err(Flaw::Character(c));
    }
    let birth: String = chars[6..14].iter().collect();
    let real_birth = date(&format!("{}-{}-{}", &birth[..4], &birth[4..6], &birth[6..])).is_ok_and(|d| d.year >= 1900);
    if !real_birth {
        return Err(Flaw::IdBirth(birth));
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = chars[..17].iter().zip(WEIGHTS).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    if chars[17].to_ascii_uppercase() == check { Ok(()) } else { Err(Flaw::IdCheck(check)) }
}

/// 12 to 19 digits passing the Luhn check.
fn bank_card(text: &str) -> Result<(), Flaw> {
    let mut digits = Vec::with_capacity(19);
    for c in text.chars() {
        match c.to_digit(10) {
            Some(d) => digits.push(d),
            None if c == ' ' || c == '-' => {}
            None => return Err(Flaw::Character(c)),
        }
    }
    if !(12..=19).contains(&digits.len()) {
        return Err(Flaw::CardLength(digits.len()));
    }
    let sum: u32 = digits.iter().rev().enumerate().map(|(i, &d)| if i % 2 == 1 { (d * 2).div_euclid(10) + (d * 2) % 10 } else { d }).sum();
    if sum % 10 == 0 { Ok(()) } else { Err(Flaw::CardCheck) }
}

/// A sum of money: an optional currency sign (¥ ￥ $ RMB) or 元 after it, an
/// optional minus, digits (thousands grouped by commas, if at all, in
/// threes) and at most two decimals.
fn amount(text: &str) -> Result<(), Flaw> {
    let text = text.strip_prefix(['¥', '￥', '$']).or_else(|| text.strip_prefix("RMB")).unwrap_or(text).trim_start();
    let text = text.strip_suffix('元').unwrap_or(text).trim_end();
    let text = text.strip_prefix('-').unwrap_or(text);
    let (whole, cents) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let groups: Vec<&str> = whole.split(',').collect();
    let whole_ok = match groups.as_slice() {
        [one] => digits(one),
        [first, rest @ ..] => digits(first) && first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g)),
        [] => false,
    };
    let cents_ok = !text.contains('.') || (digits(cents) && cents.len() <= 2);
    if whole_ok && cents_ok { Ok(()) } else { Err(Flaw::Amount) }
}

impl Flaw {
    /// What is wrong, for a message that names the field first.
    pub fn message(&self) -> Message {
        match self {
            Flaw::Character(c) => Message::new(format!("含有不应出现的字符“{c}”"), format!("it contains the character “{c}”, which does not belong there")),
            Flaw::MobilePrefix(prefix) => Message::new(
                format!("“{prefix}”不是手机号段：手机号以 13–19 开头"),
                format!("“{prefix}” is no mobile prefix: mainland mobile numbers begin with 13 to 19"),
            ),
            Flaw::MobileLength(n) => Message::new(format!("手机号应为 11 位数字，这里是 {n} 位"), format!("a mobile number has 11 digits, this has {n}")),
            Flaw::LandlineLength { area, digits } => Message::new(
                format!("区号 {area} 之后应为 7–8 位号码，这里是 {digits} 位"),
                format!("after the area code {area} come 7 or 8 digits, this has {digits}"),
            ),
            Flaw::ServiceLength { prefix, digits } => Message::new(
                format!("{prefix} 号码应为 10 位数字，这里是 {digits} 位"),
                format!("a {prefix} number has 10 digits, this has {digits}"),
            ),
            Flaw::NotPhone => Message::new(
                "不是电话号码：手机号为 1 开头的 11 位数字，固定电话要带区号（如 010-6688 1234），服务号码以 400、800 或 95 开头",
                "not a phone number: a mobile has 11 digits from 1, a landline needs its area code (e.g. 010-6688 1234), a service number begins with 400, 800 or 95",
            ),
            Flaw::NotMobile => Message::new("不是手机号：手机号为 1 开头的 11 位数字", "not a mobile number: those have 11 digits beginning with 1"),
            Flaw::International(n) => Message::new(
                format!("国际号码（+ 国家代码）应为 8–15 位数字，这里是 {n} 位"),
                format!("an international number (+ country code) has 8 to 15 digits, this has {n}"),
            ),
            Flaw::EmailAt => Message::new("缺少“@”", "the “@” is missing"),
            Flaw::EmailLocal => Message::new("“@”前的用户名为空或写法不对", "the name before the “@” is empty or malformed"),
            Flaw::EmailDomain(domain) => Message::new(
                format!("域名“{domain}”不完整（应如 example.com）"),
                format!("the domain “{domain}” is incomplete (it should look like example.com)"),
            ),
            Flaw::DateShape => Message::new("不是日期：应写作 2026-03-15 或 2026年3月15日", "not a date: write it as 2026-03-15"),
            Flaw::NoSuchDate { year, month, day } => Message::new(
                format!("日历上没有 {year} 年 {month} 月 {day} 日"),
                format!("there is no day {year}-{month:02}-{day:02} in the calendar"),
            ),
            Flaw::Url => Message::new("网址应以 https:// 开头并带完整域名", "a URL begins with https:// and has a full domain"),
            Flaw::IdLength(n) => Message::new(format!("身份证号应为 18 位，这里是 {n} 位"), format!("a resident ID has 18 characters, this has {n}")),
            Flaw::IdBirth(birth) => Message::new(
                format!("第 7–14 位的出生日期 {birth} 不存在"),
                format!("the birth date {birth} in characters 7 to 14 does not exist"),
            ),
            Flaw::IdCheck(check) => Message::new(
                format!("校验位不对（按 GB 11643 应为 {check}），号码可能有位抄错了"),
                format!("the check character is wrong (GB 11643 gives {check}); a digit was probably mistyped"),
            ),
            Flaw::CardLength(n) => Message::new(format!("银行卡号应为 12–19 位数字，这里是 {n} 位"), format!("a bank card number has 12 to 19 digits, this has {n}")),
            Flaw::CardCheck => Message::new("卡号校验不通过（Luhn），可能有位抄错了", "the number fails the card check (Luhn); a digit was probably mistyped"),
            Flaw::NotNumber => Message::new("不是数字", "not a number"),
            Flaw::NotYesNo => Message::new("应为“是”或“否”", "it should be yes or no"),
            Flaw::Amount => Message::new("不是金额：应为数字，最多两位小数，如 1280.50 或 ¥1,280.50", "not an amount: a number with at most two decimals, e.g. 1280.50 or ¥1,280.50"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(format: FieldFormat, values: &[&str]) {
        for v in values {
            assert_eq!(value(format, v), Ok(()), "{v} should be a valid {}", format.as_str());
        }
    }

    fn bad(format: FieldFormat, cases: &[(&str, Flaw)]) {
        for (v, flaw) in cases {
            assert_eq!(value(format, v).as_ref(), Err(flaw), "{v}");
        }
    }

    #[test]
    fn mobile_numbers_need_a_real_prefix_and_eleven_digits() {
        ok(FieldFormat::Mobile, &["13800138000", "138 0013 8000", "138-0013-8000", "+86 139 0013 9000", "+8613900139000", "008619912345678", "16612345678", "+1 415 555 2671"]);
        bad(
            FieldFormat::Mobile,
            &[
                ("12345678901", Flaw::MobilePrefix("123".into())),
                ("11012345678", Flaw::MobilePrefix("110".into())),
                ("1380013800", Flaw::MobileLength(10)),
                ("138001380001", Flaw::MobileLength(12)),
                ("010-66881234", Flaw::NotMobile),
                ("138 0013 800O", Flaw::Character('O')),
                ("+86 123 4567 8901", Flaw::MobilePrefix("123".into())),
                ("+1 415", Flaw::International(4)),
            ],
        );
    }

    #[test]
    fn phone_numbers_are_mobiles_landlines_with_area_code_or_service_numbers() {
        ok(
            FieldFormat::Phone,
            &["13800138000", "010-6688 1234", "(010) 66881234", "0755-8765432", "0571 8888 6666", "021-6688 1234 转 8021", "010-66881234 ext 12", "+86 10 6688 1234", "400-800-1234", "4008001234", "800 820 8820", "95588"],
        );
        bad(
            FieldFormat::Phone,
            &[
                ("12345678901", Flaw::MobilePrefix("123".into())),
                ("66881234", Flaw::NotPhone),
                ("010-668812", Flaw::LandlineLength { area: "010".into(), digits: 6 }),
                ("0755-876543210", Flaw::LandlineLength { area: "0755".into(), digits: 9 }),
                ("400-800-123", Flaw::ServiceLength { prefix: "400".into(), digits: 9 }),
                ("955888", Flaw::NotPhone),
                ("010-6688 1234 转", Flaw::NotPhone),
                ("电话 13800138000", Flaw::Character('电')),
            ],
        );
    }

    #[test]
    fn e_mail_addresses_need_a_name_and_a_full_domain() {
        ok(FieldFormat::Email, &["zw@example.com", "wang.fang+vip@mail.example.com.cn", "li@例子.中国"]);
        bad(
            FieldFormat::Email,
            &[
                ("zw.example.com", Flaw::EmailAt),
                ("@example.com", Flaw::EmailLocal),
                ("a..b@example.com", Flaw::EmailLocal),
                ("zw@example", Flaw::EmailDomain("example".into())),
                ("zw@example.", Flaw::EmailDomain("example.".into())),
                ("zw@-x.com", Flaw::EmailDomain("-x.com".into())),
                ("zw@example.c0m", Flaw::EmailDomain("example.c0m".into())),
                ("zw @example.com", Flaw::Character(' ')),
                ("a@b.com,c@d.com", Flaw::Character(',')),
            ],
        );
    }

    #[test]
    fn dates_must_exist_in_the_calendar() {
        ok(FieldFormat::Date, &["2026-03-15", "2026/3/15", "2026.03.15", "2026年3月15日", "2024-02-29"]);
        bad(
            FieldFormat::Date,
            &[
                ("2026-02-30", Flaw::NoSuchDate { year: 2026, month: 2, day: 30 }),
                ("2025-02-29", Flaw::NoSuchDate { year: 2025, month: 2, day: 29 }),
                ("2026-13-01", Flaw::NoSuchDate { year: 2026, month: 13, day: 1 }),
                ("2026-04-31", Flaw::NoSuchDate { year: 2026, month: 4, day: 31 }),
                ("15/03/2026", Flaw::DateShape),
                ("下周一", Flaw::DateShape),
                ("2026-03", Flaw::DateShape),
            ],
        );
    }

    #[test]
    fn resident_ids_have_a_real_birth_date_and_the_gb_11643_check_character() {
        // Check characters computed by hand from GB 11643's weights.
        ok(FieldFormat::IdNumber, &["11010519491231002X", "11010519491231002x", "440524198001010013"]);
        bad(
            FieldFormat::IdNumber,
            &[
                ("110105194912310021", Flaw::IdCheck('X')),
                ("11010519491331002X", Flaw::IdBirth("19491331".into())),
                ("110105202602300026", Flaw::IdBirth("20260230".into())),
                ("11010519491231002", Flaw::IdLength(17)),
                ("1101051949123100AX", Flaw::Character('A')),
            ],
        );
    }

    #[test]
    fn bank_cards_pass_the_luhn_check_and_amounts_have_at_most_two_decimals() {
        ok(FieldFormat::BankCard, &["6222 0200 0000 0000 000", "4111 1111 1111 1111", "4111-1111-1111-1111"]);
        bad(FieldFormat::BankCard, &[("4111 1111 1111 1112", Flaw::CardCheck), ("4111", Flaw::CardLength(4))]);
        ok(FieldFormat::Amount, &["1280", "1280.5", "1280.50", "¥1,280.50", "￥ 99", "-35.00", "1,234,567.89", "99元", "RMB 100"]);
        for bad_amount in ["12.345", "1,28,0", "一百元", "1.2.3", "", "$", "12,34"] {
            assert_eq!(value(FieldFormat::Amount, bad_amount), Err(Flaw::Amount), "{bad_amount}");
        }
    }

    #[test]
    fn urls_need_a_scheme_and_a_host_with_a_dot() {
        ok(FieldFormat::Url, &["https://example.com", "http://x.example.com/a?b=1", "https://例子.中国/路径"]);
        bad(FieldFormat::Url, &[("example.com", Flaw::Url), ("https://localhost", Flaw::Url), ("https://a.com/x y", Flaw::Character(' '))]);
    }
}
