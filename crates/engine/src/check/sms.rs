//! SMS length: encoding (GSM-7 or UCS-2), characters and segments.
//!
//! Two ways of counting exist and both are exposed:
//! - [`measure`]: what the network does (3GPP TS 23.038, "GSM 03.38"). Text made
//!   only of GSM-7 characters travels in 7-bit units: 160 in a single message,
//!   153 per part of a concatenated one (the user-data header takes the rest);
//!   extension characters (`| ^ € { } [ ] ~ \` and form feed) are an escape plus
//!   a character, so they count twice. Any other character makes the whole
//!   message UCS-2 (UTF-16): 70 units single, 67 per part, and a character
//!   outside the Basic Multilingual Plane (most emoji) takes 2 units.
//! - [`measure_china`]: how mainland Chinese carriers and SMS platforms bill:
//!   every character counts as one, whatever it is, the 【signature】 included;
//!   70 for one message, 67 per part, at most 500 characters.
//!
//! The `sms-segments` check counts segments with [`measure`], the encoding the
//! message really travels in. For Chinese text the two agree (UCS-2, 70/67, one
//! unit per character) except for emoji and other characters outside the BMP;
//! the check also enforces the mainland 500-character maximum and mentions the
//! mainland count when it differs.

use std::ops::Range;

/// GSM-7 units of a single message, and per part of a concatenated one.
pub const GSM7_SINGLE: usize = 160;
pub const GSM7_PART: usize = 153;
/// UTF-16 units of a single UCS-2 message, and per part of a concatenated one.
pub const UCS2_SINGLE: usize = 70;
pub const UCS2_PART: usize = 67;
/// Mainland China: characters of a single message, per part, and at most.
pub const CHINA_SINGLE: usize = 70;
pub const CHINA_PART: usize = 67;
pub const CHINA_MAX_CHARS: usize = 500;

/// The GSM 03.38 default alphabet, indexed by its 7-bit code. 0x1B is the
/// escape to the extension table, not a character of its own.
const GSM7_BASIC: [char; 128] = [
    '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å', //
    'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', ESCAPE, 'Æ', 'æ', 'ß', 'É', //
    ' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', //
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?', //
    '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', //
    'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§', //
    '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', //
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à', //
];

const ESCAPE: char = '\u{1B}';

/// The characters of the GSM 03.38 extension table (sent as escape + code).
const GSM7_EXTENSION: [char; 10] = ['\u{0C}', '^', '{', '}', '\\', '[', '~', ']', '|', '€'];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }

    /// Units one message holds when the text fits in one.
    pub fn single_capacity(self) -> usize {
        match self {
            Encoding::Gsm7 => GSM7_SINGLE,
            Encoding::Ucs2 => UCS2_SINGLE,
        }
    }

    /// Units each part holds when the text is split.
    pub fn part_capacity(self) -> usize {
        match self {
            Encoding::Gsm7 => GSM7_PART,
            Encoding::Ucs2 => UCS2_PART,
        }
    }

    /// Units `c` takes in this encoding.
    fn units(self, c: char) -> usize {
        match self {
            Encoding::Gsm7 => gsm7_units(c).unwrap_or(2),
            Encoding::Ucs2 => c.len_utf16(),
        }
    }
}

/// The length of an SMS as the network counts it (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SmsLength {
    pub encoding: Encoding,
    /// Billable characters: GSM-7 units (an extension character counts 2) or
    /// UTF-16 units (an emoji counts 2).
    pub chars: usize,
    /// Messages the text is sent as; 0 for empty text (nothing is sent).
    pub segments: usize,
    /// GSM-7 extension characters in the text (each counts twice); 0 in UCS-2.
    pub extension_chars: usize,
    /// The first character that is not GSM-7, with its byte offset: the reason
    /// the message is UCS-2.
    pub ucs2_reason: Option<(usize, char)>,
    /// The same text counted the mainland-China way.
    pub china: ChinaLength,
}

/// The length of an SMS as mainland Chinese carriers bill it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChinaLength {
    /// Characters, each counting one (the signature and its 【】 included).
    pub chars: usize,
    /// Messages billed: 1 up to 70 characters, else one per 67; 0 for empty text.
    pub segments: usize,
}

impl ChinaLength {
    /// Whether platforms refuse the text as longer than [`CHINA_MAX_CHARS`].
    pub fn over_limit(self) -> bool {
        self.chars > CHINA_MAX_CHARS
    }
}

/// Measures `text` as sent over the network (GSM 03.38 / UCS-2).
pub fn measure(text: &str) -> SmsLength {
    let ucs2_reason = text.char_indices().find(|&(_, c)| gsm7_units(c).is_none());
    let encoding = if ucs2_reason.is_some() { Encoding::Ucs2 } else { Encoding::Gsm7 };
    let chars = text.chars().map(|c| encoding.units(c)).sum();
    let extension_chars = match encoding {
        Encoding::Gsm7 => text.chars().filter(|c| GSM7_EXTENSION.contains(c)).count(),
        Encoding::Ucs2 => 0,
    };
    SmsLength { encoding, chars, segments: split(text).len(), extension_chars, ucs2_reason, china: measure_china(text) }
}

/// Measures `text` the mainland-China way: every character counts one.
pub fn measure_china(text: &str) -> ChinaLength {
    let chars = text.chars().count();
    let segments = match chars {
        0 => 0,
        n if n <= CHINA_SINGLE => 1,
        n => n.div_ceil(CHINA_PART),
    };
    ChinaLength { chars, segments }
}

/// The byte ranges of `text` that travel as separate messages. A character
/// is never split between two parts: phones keep an escape with its extension
/// character and a surrogate pair together, so a part may hold one unit less.
pub fn split(text: &str) -> Vec<Range<usize>> {
    if text.is_empty() {
        return Vec::new();
    }
    let encoding = if text.chars().all(|c| gsm7_units(c).is_some()) { Encoding::Gsm7 } else { Encoding::Ucs2 };
    let total: usize = text.chars().map(|c| encoding.units(c)).sum();
    if total <= encoding.single_capacity() {
        let whole = 0..text.len();
        return vec![whole];
    }
    let capacity = encoding.part_capacity();
    let mut parts = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, c) in text.char_indices() {
        let units = encoding.units(c);
        if used + units > capacity {
            parts.push(start..i);
            start = i;
            used = 0;
        }
        used += units;
    }
    parts.push(start..text.len());
    parts
}

/// GSM-7 units of `c`: 1 in the default alphabet, 2 in the extension table,
/// `None` when GSM-7 cannot carry it.
pub fn gsm7_units(c: char) -> Option<usize> {
    if c != ESCAPE && GSM7_BASIC.contains(&c) {
        Some(1)
    } else if GSM7_EXTENSION.contains(&c) {
        Some(2)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_basic_alphabet_has_128_distinct_codes_in_the_standard_order() {
        for (i, a) in GSM7_BASIC.iter().enumerate() {
            assert!(!GSM7_BASIC[i + 1..].contains(a), "{a:?} twice");
        }
        // Spot checks against the 3GPP TS 23.038 table.
        assert_eq!(GSM7_BASIC[0x00], '@');
        assert_eq!(GSM7_BASIC[0x02], '$');
        assert_eq!(GSM7_BASIC[0x11], '_');
        assert_eq!(GSM7_BASIC[0x24], '¤');
        assert_eq!(GSM7_BASIC[0x40], '¡');
        assert_eq!(GSM7_BASIC[0x5F], '§');
        assert_eq!(GSM7_BASIC[0x60], '¿');
        assert_eq!(GSM7_BASIC[0x7F], 'à');
    }

    #[test]
    fn classifies_characters_exactly() {
        for c in [
            'A', 'z', '0', '@', '$', '_', '£', '¥', 'è', 'Ç', 'Δ', 'Ω', 'ß', 'É', '¤', '¡', '¿', '§', 'à', '\n', '\r',
            ' ',
        ] {
            assert_eq!(gsm7_units(c), Some(1), "{c:?}");
        }
        for c in ['|', '^', '€', '{', '}', '[', ']', '~', '\\', '\u{0C}'] {
            assert_eq!(gsm7_units(c), Some(2), "{c:?}");
        }
        // Look-alikes that GSM-7 does not have: backtick, lower-case ç, á,
        // the escape itself, tab, full-width punctuation, Chinese, emoji.
        for c in ['`', 'ç', 'á', 'Ó', '\u{1B}', '\t', '，', '！', '（', '您', '😀', '\u{A0}'] {
            assert_eq!(gsm7_units(c), None, "{c:?}");
        }
    }

    #[test]
    fn gsm7_text_is_160_single_and_153_per_part() {
        let m = measure(&"a".repeat(160));
        assert_eq!((m.encoding, m.chars, m.segments), (Encoding::Gsm7, 160, 1));
        let m = measure(&"a".repeat(161));
        assert_eq!((m.encoding, m.chars, m.segments), (Encoding::Gsm7, 161, 2));
        assert_eq!(measure(&"a".repeat(306)).segments, 2);
        assert_eq!(measure(&"a".repeat(307)).segments, 3);
    }

    #[test]
    fn extension_characters_count_twice() {
        let m = measure("Price: 5€");
        assert_eq!((m.encoding, m.chars, m.extension_chars), (Encoding::Gsm7, 10, 1));
        let m = measure(&format!("{}€", "a".repeat(158)));
        assert_eq!((m.chars, m.segments), (160, 1));
        let m = measure(&format!("{}€", "a".repeat(159)));
        assert_eq!((m.chars, m.segments), (161, 2));
        assert_eq!(measure("{[|]}").chars, 10);
    }

    #[test]
    fn an_extension_character_is_not_split_between_parts() {
        // 152 units, then € (2) would straddle the 153 boundary: it moves on.
        let text = format!("{}€{}", "a".repeat(152), "b".repeat(10));
        let parts = split(&text);
        assert_eq!(parts.len(), 2);
        assert_eq!(&text[parts[0].clone()], "a".repeat(152));
        assert!(text[parts[1].clone()].starts_with('€'));
    }

    #[test]
    fn any_other_character_makes_the_whole_message_ucs2() {
        let m = measure(&format!("{}您", "a".repeat(60)));
        assert_eq!((m.encoding, m.chars, m.segments), (Encoding::Ucs2, 61, 1));
        assert_eq!(m.ucs2_reason, Some((60, '您')));
        let m = measure("Hello，world");
        assert_eq!((m.encoding, m.ucs2_reason), (Encoding::Ucs2, Some((5, '，'))));
        // In UCS-2 the euro is an ordinary character.
        assert_eq!((measure("您€").chars, measure("您€").extension_chars), (2, 0));
    }

    #[test]
    fn chinese_text_is_70_single_and_67_per_part() {
        let m = measure(&"您".repeat(70));
        assert_eq!((m.encoding, m.chars, m.segments), (Encoding::Ucs2, 70, 1));
        let m = measure(&"您".repeat(71));
        assert_eq!((m.chars, m.segments), (71, 2));
        let parts = split(&"您".repeat(71));
        assert_eq!(parts, vec![0..67 * 3, 67 * 3..71 * 3]);
        assert_eq!(measure(&"您".repeat(134)).segments, 2);
        assert_eq!(measure(&"您".repeat(135)).segments, 3);
    }

    #[test]
    fn an_emoji_forces_ucs2_and_counts_two() {
        let m = measure("Hi 😀");
        assert_eq!((m.encoding, m.chars, m.segments), (Encoding::Ucs2, 5, 1));
        assert_eq!(m.ucs2_reason, Some((3, '😀')));
        assert_eq!(m.china.chars, 4);
        // 69 characters + an emoji = 71 units: two parts, the emoji kept whole.
        let text = format!("{}😀", "您".repeat(69));
        let m = measure(&text);
        assert_eq!((m.chars, m.segments, m.china.segments), (71, 2, 1));
        let text = format!("{}😀", "您".repeat(66));
        assert_eq!(split(&text).len(), 1);
        let text = format!("{}😀x", "您".repeat(66)); // 69 units, still one message
        assert_eq!(split(&text).len(), 1);
        let text = format!("{}😀{}", "您".repeat(66), "x".repeat(3)); // 71 units
        let parts = split(&text);
        assert_eq!(parts.len(), 2);
        assert_eq!(&text[parts[1].clone()], "😀xxx");
    }

    #[test]
    fn mainland_china_counts_every_character_once_up_to_500() {
        let text = format!("【星河科技】{}", "a".repeat(64));
        let china = measure_china(&text);
        assert_eq!((china.chars, china.segments), (70, 1));
        assert_eq!(measure_china(&format!("{text}b")).segments, 2);
        // English text the network sends as one GSM-7 message is 2 there.
        let english = "a".repeat(100);
        assert_eq!((measure(&english).segments, measure(&english).china.segments), (1, 2));
        assert!(!measure_china(&"您".repeat(500)).over_limit());
        assert!(measure_china(&"您".repeat(501)).over_limit());
    }

    #[test]
    fn empty_text_needs_no_message() {
        let m = measure("");
        assert_eq!((m.encoding, m.chars, m.segments, m.china.segments), (Encoding::Gsm7, 0, 0, 0));
        assert!(split("").is_empty());
    }

    #[test]
    fn parts_cover_the_text_on_character_boundaries() {
        for text in ["a€😀您".repeat(50), "x".repeat(500), "€".repeat(200), "😀".repeat(100)] {
            let parts = split(&text);
            assert_eq!(parts.first().map(|r| r.start), Some(0));
            assert_eq!(parts.last().map(|r| r.end), Some(text.len()));
            for pair in parts.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
            }
            for part in &parts {
                let encoding = measure(&text).encoding;
                let units: usize = text[part.clone()].chars().map(|c| encoding.units(c)).sum();
                assert!(units <= encoding.part_capacity(), "{units}");
            }
        }
    }
}
