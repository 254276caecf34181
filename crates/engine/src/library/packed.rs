//! Text packed small for local storage: deflated against an optional preset
//! dictionary, then written 15 bits to a character.
//!
//! Local storage counts UTF-16 code units, two bytes each, so JSON stored as
//! is costs two bytes per ASCII character. A deflated value written as
//! Base64 would carry 6 bits per unit; here every unit is one character of
//! U+3400..=U+B3FF (32,768 code points, none a surrogate, a control or a
//! character JSON escapes), which carries 15. Templates of one library share
//! most of their words and fields, so each is deflated against a dictionary
//! cut from the library itself (deflate can refer 32 KiB back, into it).

use miniz_oxide::deflate::core::{compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus};
use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// The Adler-32 checksum of `bytes` (zlib's): small code, unlike a CRC-32's
/// tables, and enough to tell damaged storage from intact.
pub fn checksum(bytes: &[u8]) -> u32 {
    adler2::adler32_slice(bytes)
}

/// The first of the 32,768 characters a unit is written with.
const FIRST_UNIT: u32 = 0x3400;
const UNIT_BITS: u32 = 15;
/// Deflate's window: a dictionary longer than this could not be referred to.
pub const MAX_DICTIONARY_BYTES: usize = 32 * 1024;
const LEVEL: i32 = 9;
/// Deflate's best ratio: a 258-byte match costs at least two bits, so no
/// stream yields more than 1,032 bytes per byte.
const MAX_DEFLATE_RATIO: usize = 1032;

/// `raw` deflated against `dictionary` (which may be empty) and written as
/// characters; [`unpack`] with the same dictionary and `raw.len()` gives it back.
pub fn pack(raw: &[u8], dictionary: &[u8]) -> String {
    let dictionary = &dictionary[dictionary.len().saturating_sub(MAX_DICTIONARY_BYTES)..];
    let mut compressor = CompressorOxide::new(create_comp_flags_from_zip_params(LEVEL, -15, 0));
    // The dictionary goes through the compressor first, so that the value's
    // matches can point into it; a sync flush ends it on a byte boundary,
    // where the value's own blocks begin. Only those are kept.
    let mut prefix = Vec::new();
    deflate(&mut compressor, dictionary, &mut prefix, TDEFLFlush::Sync);
    let mut deflated = Vec::new();
    deflate(&mut compressor, raw, &mut deflated, TDEFLFlush::Finish);
    to_units(&deflated)
}

fn deflate(compressor: &mut CompressorOxide, mut input: &[u8], out: &mut Vec<u8>, flush: TDEFLFlush) {
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let (status, read, written) = compress(compressor, input, &mut buffer, flush);
        out.extend_from_slice(&buffer[..written]);
        input = &input[read..];
        // Done (or a flush complete with all input read); Okay with a full
        // buffer means more output is pending. BadParam/PutBufFailed cannot
        // occur with a buffer of our own.
        let pending = status == TDEFLStatus::Okay && (written == buffer.len() || !input.is_empty());
        if !pending {
            break;
        }
    }
}

fn to_units(bytes: &[u8]) -> String {
    let mut text = String::with_capacity((bytes.len() * 8).div_ceil(UNIT_BITS as usize) * 3);
    let (mut bits, mut count) = (0u32, 0u32);
    for &byte in bytes {
        bits = (bits << 8) | u32::from(byte);
        count += 8;
        if count >= UNIT_BITS {
            count -= UNIT_BITS;
            text.push(unit(bits >> count));
            bits &= (1 << count) - 1;
        }
    }
    if count > 0 {
        text.push(unit(bits << (UNIT_BITS - count)));
    }
    text
}

fn unit(value: u32) -> char {
    // FIRST_UNIT + a 15-bit value stays below the surrogates (U+D800).
    char::from_u32(FIRST_UNIT + value).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// What [`unpack`] found wrong: the value is damaged or needs another dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnpackError {
    /// A character outside the packed alphabet.
    NotPacked,
    /// The deflated data is cut short or invalid, or does not give `size` bytes.
    Damaged,
}

/// The `size` bytes [`pack`] was given, from its text and the same
/// dictionary. The output is written after the dictionary, so that matches
/// reaching back before the value read from it; `dictionary` is that
/// window, reused from one value to the next and left as it was.
pub fn unpack(packed: &str, dictionary: &mut Vec<u8>, size: usize) -> Result<Vec<u8>, UnpackError> {
    let deflated = from_units(packed)?;
    // A damaged size must not make us allocate what no deflate stream this
    // long could produce (an allocation failure aborts the page).
    if size > deflated.len().saturating_mul(MAX_DEFLATE_RATIO) {
        return Err(UnpackError::Damaged);
    }
    let start = dictionary.len();
    dictionary.resize(start + size, 0);
    let mut decompressor = DecompressorOxide::new();
    let (status, _, written) = decompress(&mut decompressor, &deflated, dictionary, start, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF);
    let out = dictionary.split_off(start);
    if status != TINFLStatus::Done || written != size {
        return Err(UnpackError::Damaged);
    }
    Ok(out)
}

fn from_units(packed: &str) -> Result<Vec<u8>, UnpackError> {
    let mut bytes = Vec::with_capacity(packed.len() / 3 * 2);
    let (mut bits, mut count) = (0u32, 0u32);
    for c in packed.chars() {
        let value = (c as u32).checked_sub(FIRST_UNIT).filter(|v| *v < 1 << UNIT_BITS).ok_or(UnpackError::NotPacked)?;
        bits = (bits << UNIT_BITS) | value;
        count += UNIT_BITS;
        while count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
        }
        bits &= (1 << count) - 1;
    }
    // Left-over padding bits are zero; a deflate stream ends by itself, so
    // a zero byte too many after it is never read.
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`unpack`], checking that it leaves the dictionary as it was.
    fn unpacked(packed: &str, dictionary: &[u8], size: usize) -> Result<Vec<u8>, UnpackError> {
        let mut window = dictionary.to_vec();
        let out = unpack(packed, &mut window, size);
        assert_eq!(window, dictionary);
        out
    }

    #[test]
    fn round_trips_with_and_without_a_dictionary() {
        let text = "尊敬的{{ customer.name }}：感谢您一直以来的支持。\"引号\" \\ 😀".repeat(20);
        for dictionary in ["".as_bytes(), "感谢您一直以来的支持。尊敬的".as_bytes()] {
            let packed = pack(text.as_bytes(), dictionary);
            assert_eq!(unpacked(&packed, dictionary, text.len()).as_deref(), Ok(text.as_bytes()));
        }
        assert_eq!(unpacked(&pack(b"", b""), b"", 0), Ok(Vec::new()));
    }

    #[test]
    fn a_dictionary_of_shared_words_makes_the_value_smaller() {
        let shared = "如有疑问，请致电客服热线 400-800-1234（工作日 9:00—18:00），我们将竭诚为您服务。";
        let text = format!("尊敬的王先生：您的套餐即将到期。{shared}");
        assert!(pack(text.as_bytes(), shared.as_bytes()).chars().count() * 2 < pack(text.as_bytes(), b"").chars().count());
    }

    #[test]
    fn the_checksum_is_zlibs_adler_32() {
        assert_eq!(checksum(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(checksum(b""), 1);
    }

    #[test]
    fn units_are_storage_safe_characters() {
        let packed = pack(&(0..=255u8).cycle().take(5000).collect::<Vec<_>>(), b"");
        assert!(packed.chars().all(|c| ('\u{3400}'..='\u{B3FF}').contains(&c)));
        assert_eq!(serde_json::to_string(&packed).unwrap().chars().count(), packed.chars().count() + 2, "nothing escaped");
    }

    #[test]
    fn damage_is_an_error_not_a_panic() {
        let text = "续费提醒：您的服务将于 12 月 31 日到期。".repeat(5);
        let packed = pack(text.as_bytes(), b"");
        assert_eq!(unpacked("abc", b"", 3), Err(UnpackError::NotPacked));
        assert!(unpacked(&packed, b"", text.len() + 1).is_err(), "wrong size");
        assert_eq!(unpacked(&packed, b"", usize::MAX), Err(UnpackError::Damaged), "refused before allocating");
        let zeros = vec![0; 1 << 20];
        assert_eq!(unpacked(&pack(&zeros, b""), b"", zeros.len()), Ok(zeros), "the best ratio deflate reaches is allowed");
        let cut: String = packed.chars().take(packed.chars().count() / 2).collect();
        assert!(unpacked(&cut, b"", text.len()).is_err(), "cut short");
        assert!(unpacked(&packed, b"another dictionary", text.len()).is_ok_and(|out| out == text.as_bytes()), "no reference into it");
        let with = pack(text.as_bytes(), text.as_bytes());
        assert_ne!(unpacked(&with, &vec![b'x'; text.len()], text.len()).ok().as_deref(), Some(text.as_bytes()), "wrong dictionary");
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_round_trip(raw in proptest::collection::vec(proptest::num::u8::ANY, 0..3000), dictionary in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let packed = pack(&raw, &dictionary);
            proptest::prop_assert_eq!(unpacked(&packed, &dictionary, raw.len()), Ok(raw));
        }

        #[test]
        fn any_text_unpacks_to_an_error_or_bytes(packed in "\\PC{0,40}", size in 0usize..200) {
            let _ = unpacked(&packed, b"dictionary", size);
        }
    }
}
