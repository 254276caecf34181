//! Zip archives: writing the library export and reading it (or any zip a user
//! made of it) back, with the limits an upload from a stranger needs.
//!
//! Only what a template library uses: stored and deflated entries with UTF-8
//! names, no encryption, no multi-disk archives, and zip64 only in the end
//! records of written archives with more than 65,535 entries (read: never). Limits are checked
//! before anything is inflated (declared sizes) and again while inflating
//! (the real sizes), so a zip bomb stops at the limit instead of filling memory.

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

/// Inflated bytes one archive may hold in all.
pub const MAX_UNPACKED: usize = 64 * 1024 * 1024;
/// Entries one archive may hold.
pub const MAX_ENTRIES: usize = 20_000;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL: u32 = 0x0605_4b50;
const ZIP64_END_OF_CENTRAL: u32 = 0x0606_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
/// General purpose flag: names and comments are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;

/// One file of an archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Relative path with `/` separators.
    pub name: String,
    pub data: Vec<u8>,
}

/// Why an archive was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// Not a zip, or a damaged one; `detail` says where.
    Damaged(String),
    /// A feature this reader does not support (encryption, zip64, a method).
    Unsupported { name: String, feature: String },
    /// A name that would land outside the folder the archive is unpacked into.
    PathEscapes(String),
    /// More inflated data or entries than the limits allow.
    TooLarge,
}

/// A zip archive of `entries`, each deflated unless that would not make it smaller.
pub fn write(entries: &[Entry]) -> Vec<u8> {
    let mut writer = ZipWriter::default();
    let mut out = Vec::new();
    for entry in entries {
        out.extend(writer.add(entry));
    }
    out.extend(writer.finish());
    out
}

/// A zip written piece by piece, for archives too big to hold at once (a
/// mail merge's 100,000 messages): [`ZipWriter::add`] gives each entry's
/// bytes to write out at once, [`ZipWriter::finish`] the directory to end
/// with; only the directory is kept meanwhile. Over 65,535 entries the end
/// records are zip64's (which Python's zipfile, 7-Zip and macOS read); each
/// entry and the whole archive must stay under 4 GiB.
#[derive(Default)]
pub struct ZipWriter {
    written: u64,
    entries: u64,
    central: Vec<u8>,
}

impl ZipWriter {
    /// The local header and data of `entry`, deflated unless that would not make it smaller.
    pub fn add(&mut self, entry: &Entry) -> Vec<u8> {
        let deflated = compress_to_vec(&entry.data, 6);
        let (method, data) = if deflated.len() < entry.data.len() { (DEFLATED, deflated.as_slice()) } else { (STORED, entry.data.as_slice()) };
        let crc = crc32fast::hash(&entry.data);
        let name = entry.name.as_bytes();
        // The fields local and central headers share, from "version needed" to the name's length.
        let mut common = Vec::with_capacity(26);
        for field in [20u16, UTF8_NAMES, method, 0, 0x21] {
            common.extend_from_slice(&field.to_le_bytes()); // version, flags, method, time 00:00, date 1980-01-01
        }
        for field in [crc, data.len() as u32, entry.data.len() as u32] {
            common.extend_from_slice(&field.to_le_bytes());
        }
        common.extend_from_slice(&(name.len() as u16).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra field length

        let mut out = Vec::with_capacity(30 + name.len() + data.len());
        out.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name);
        out.extend_from_slice(data);

        self.central.extend_from_slice(&CENTRAL_HEADER.to_le_bytes());
        self.central.extend_from_slice(&0x031eu16.to_le_bytes()); // made by: Unix, spec 3.0
        self.central.extend_from_slice(&common);
        self.central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        self.central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // a regular file, rw-r--r--
        self.central.extend_from_slice(&(self.written as u32).to_le_bytes());
        self.central.extend_from_slice(name);
        self.written += out.len() as u64;
        self.entries += 1;
        out
    }

    /// The central directory and the end records.
    pub fn finish(self) -> Vec<u8> {
        let mut out = self.central;
        let (size, offset) = (out.len() as u64, self.written);
        let zip64 = self.entries > 0xfffe;
        if zip64 {
            out.extend_from_slice(&ZIP64_END_OF_CENTRAL.to_le_bytes());
            out.extend_from_slice(&44u64.to_le_bytes()); // size of the rest of this record
            out.extend_from_slice(&45u16.to_le_bytes()); // made by: spec 4.5
            out.extend_from_slice(&45u16.to_le_bytes()); // version needed
            out.extend_from_slice(&[0; 8]); // this disk, disk with the directory
            for field in [self.entries, self.entries, size, offset] {
                out.extend_from_slice(&field.to_le_bytes());
            }
            out.extend_from_slice(&ZIP64_LOCATOR.to_le_bytes());
            out.extend_from_slice(&0u32.to_le_bytes()); // disk with the zip64 record
            out.extend_from_slice(&(offset + size).to_le_bytes());
            out.extend_from_slice(&1u32.to_le_bytes()); // disks in all
        }
        let count = if zip64 { 0xffff } else { self.entries as u16 };
        out.extend_from_slice(&END_OF_CENTRAL.to_le_bytes());
        out.extend_from_slice(&[0; 4]); // this disk, disk with the directory
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&(size as u32).to_le_bytes());
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        out
    }
}

/// The files of `archive`, in their order; folders are left out.
pub fn read(archive: &[u8]) -> Result<Vec<Entry>, ZipError> {
    let end = (0..archive.len().saturating_sub(21))
        .rev()
        .take(22 + u16::MAX as usize)
        .find(|&at| u32_at(archive, at) == Some(END_OF_CENTRAL))
        .ok_or_else(|| ZipError::Damaged("no end of central directory".into()))?;
    let count = usize::from(u16_at(archive, end + 10).unwrap_or(0));
    let mut at = u32_at(archive, end + 16).unwrap_or(0) as usize;
    if count == 0xffff || at == 0xffff_ffff {
        return Err(ZipError::Unsupported { name: String::new(), feature: "zip64".into() });
    }
    if count > MAX_ENTRIES {
        return Err(ZipError::TooLarge);
    }
    let mut entries = Vec::with_capacity(count);
    let mut unpacked = 0usize;
    for index in 0..count {
        let damaged = || ZipError::Damaged(format!("central directory entry {}", index + 1));
        if u32_at(archive, at) != Some(CENTRAL_HEADER) {
            return Err(damaged());
        }
        let field16 = |offset| u16_at(archive, at + offset).ok_or_else(damaged);
        let field32 = |offset| u32_at(archive, at + offset).ok_or_else(damaged);
        let (flags, method) = (field16(8)?, field16(10)?);
        let (crc, packed, size) = (field32(16)?, field32(20)? as usize, field32(24)? as usize);
        let (name_len, extra_len, comment_len) = (usize::from(field16(28)?), usize::from(field16(30)?), usize::from(field16(32)?));
        let local = field32(42)? as usize;
        let name_bytes = archive.get(at + 46..at + 46 + name_len).ok_or_else(damaged)?;
        // Names are UTF-8 when flagged; zips from other tools mostly are anyway.
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        at += 46 + name_len + extra_len + comment_len;

        let unsupported = |feature: &str| ZipError::Unsupported { name: name.clone(), feature: feature.to_owned() };
        if flags & 1 != 0 {
            return Err(unsupported("encryption"));
        }
        if packed == 0xffff_ffff || size == 0xffff_ffff {
            return Err(unsupported("zip64"));
        }
        if name.ends_with('/') {
            continue;
        }
        check_path(&name)?;
        unpacked = unpacked.checked_add(size).filter(|&total| total <= MAX_UNPACKED).ok_or(ZipError::TooLarge)?;

        let damaged = || ZipError::Damaged(name.clone());
        if u32_at(archive, local) != Some(LOCAL_HEADER) {
            return Err(damaged());
        }
        let start = local + 30 + usize::from(u16_at(archive, local + 26).ok_or_else(damaged)?) + usize::from(u16_at(archive, local + 28).ok_or_else(damaged)?);
        let stored = archive.get(start..start.checked_add(packed).ok_or_else(damaged)?).ok_or_else(damaged)?;
        let data = match method {
            STORED => stored.to_vec(),
            // The declared size bounds inflating, so a lying header cannot make a bomb.
            DEFLATED => decompress_to_vec_with_limit(stored, size).map_err(|_| damaged())?,
            other => return Err(unsupported(&format!("compression method {other}"))),
        };
        if data.len() != size || crc32fast::hash(&data) != crc {
            return Err(damaged());
        }
        entries.push(Entry { name, data });
    }
    Ok(entries)
}

/// Refuses names that are absolute, climb out with `..`, or use `\` (which
/// some systems read as a separator and others do not).
pub fn check_path(name: &str) -> Result<(), ZipError> {
    let escapes = name.is_empty()
        || name.starts_with('/')
        || name.contains('\\')
        || name.contains(':')
        || name.split('/').any(|part| part == ".." || part == "." || part.is_empty());
    if escapes { Err(ZipError::PathEscapes(name.to_owned())) } else { Ok(()) }
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, data: &[u8]) -> Entry {
        Entry { name: name.to_owned(), data: data.to_vec() }
    }

    #[test]
    fn what_is_written_reads_back() {
        let entries = vec![
            entry("manifest.json", b"{}"),
            entry("templates/续费提醒/renewal.email.j2", "尊敬的{{ name }}：\n".repeat(50).as_bytes()),
            entry("empty.txt", b""),
        ];
        let archive = write(&entries);
        assert_eq!(read(&archive).unwrap(), entries);
        // The repeated entry was deflated, the tiny ones stored.
        assert!(archive.len() < 600, "{}", archive.len());
    }

    #[test]
    fn names_that_escape_are_refused() {
        for name in ["../evil.j2", "/etc/passwd", "a/../../b", "a\\b", "C:/x", "a//b"] {
            assert_eq!(read(&write(&[entry(name, b"x")])), Err(ZipError::PathEscapes(name.to_owned())), "{name}");
        }
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        // Two entries of 40 MB of zeros: each deflates to a few KB, together they exceed the limit.
        let zeros = vec![0u8; 40 * 1024 * 1024];
        let archive = write(&[entry("a", &zeros), entry("b", &zeros)]);
        assert!(archive.len() < 200 * 1024);
        assert_eq!(read(&archive), Err(ZipError::TooLarge));
    }

    #[test]
    fn a_header_that_understates_the_size_cannot_inflate_more() {
        let mut archive = write(&[entry("a", &vec![b'x'; 10_000])]);
        // Claim 10 bytes in the central directory's uncompressed size.
        let central = archive.windows(4).position(|w| w == CENTRAL_HEADER.to_le_bytes()).unwrap();
        archive[central + 24..central + 28].copy_from_slice(&10u32.to_le_bytes());
        assert!(matches!(read(&archive), Err(ZipError::Damaged(_))));
    }

    #[test]
    fn damage_is_reported_not_panicked_on() {
        let archive = write(&[entry("a.txt", b"hello hello hello hello hello")]);
        assert!(matches!(read(b"not a zip at all, just text"), Err(ZipError::Damaged(_))));
        for cut in [archive.len() - 1, archive.len() / 2, 10] {
            assert!(read(&archive[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = archive.clone();
        flipped[40] ^= 0xff; // inside the data: the CRC no longer matches
        assert!(read(&flipped).is_err());
    }

    #[test]
    fn encrypted_entries_are_refused() {
        let mut archive = write(&[entry("secret.txt", b"x")]);
        let central = archive.windows(4).position(|w| w == CENTRAL_HEADER.to_le_bytes()).unwrap();
        archive[central + 8] |= 1;
        assert!(matches!(read(&archive), Err(ZipError::Unsupported { feature, .. }) if feature == "encryption"));
    }
}
