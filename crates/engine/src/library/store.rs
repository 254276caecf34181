//! The encoding of what the app keeps in the browser's local storage.
//!
//! Every stored value is a JSON object that names its format and version, so a
//! later release can migrate it forward and an older release can refuse a newer
//! value rather than overwrite it. Decoding never panics: anything that does not
//! decode is an error the app moves aside (quarantines) instead of losing it.
//!
//! # Format versions
//! 1. One key, `notice-studio.draft`:
//!    `{"format":"notice-studio/draft","version":1,"body":…,"sample":…}`, the
//!    template text and the sample JSON exactly as typed.
//! 2. The same key; adds `channel` and `purpose` (a version 1 draft was an
//!    e-mail notification).
//! 3. A library, one key per value, so that an edit rewrites only its own template:
//!
//!    | key | value |
//!    | --- | --- |
//!    | `notice-studio.library` | `{"format":"notice-studio/library","version":3,"shared":…,"settings":…}` |
//!    | `notice-studio.template.<id>` | `{"format":"notice-studio/template","version":3,…}` with the fields of [`Template`] |
//!    | `notice-studio.history.<id>` | `{"format":"notice-studio/history","version":3,"snapshots":[…]}` |
//!    | `notice-studio.session` | `{"format":"notice-studio/session","version":3,"open":id or null,"profile":name or null}` |
//!
//!    A version 1 or 2 draft becomes one template of the library ([`load`]);
//!    its key is removed once that template is stored.
//! 4. Template and history values packed (deflated, 15 bits to a character;
//!    [`crate::library::packed`]) against a dictionary cut from the library itself,
//!    which stores in about a third of the room:
//!
//!    | key | value |
//!    | --- | --- |
//!    | `notice-studio.template.<id>`, `notice-studio.history.<id>` | `{"format":…,"version":4,"dictionary":id or "","size":N,"adler32":C,"data":…}`: the version 3 fields as JSON, `size` bytes of it with that Adler-32 checksum, packed |
//!    | `notice-studio.dictionary.<id>` | `{"format":"notice-studio/dictionary","version":1,"dictionary":"","size":N,"adler32":C,"data":…}`: the dictionary's bytes, packed without one; `id` is their Adler-32 checksum in hex |
//!
//!    [`load`] reads versions 3 and 4 and repacks every template and history
//!    not packed with the current dictionary (cutting one when the library
//!    has none and is large enough). A dictionary is never changed or
//!    removed: values that name it stay readable.
//!
//! The merge page keeps at most one recipient list, and only when the user
//! saves it: `notice-studio.merge-list` holds
//! `{"format":"notice-studio/merge-list","version":1,"name":…,"saved_ms":…,"text":…}`
//! (the list as UTF-8 text, at most [`MAX_SAVED_LIST_BYTES`]). No other key
//! holds recipient data.
//!
//! Keys that stay as they were: `notice-studio.lang` (the UI language as a JSON
//! string, `"zh-CN"` or `"en"`) and `notice-studio.quarantine.<key>` (the raw
//! value of `<key>` that did not decode).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::check::Settings;
use crate::library::history::History;
use crate::lang::Lang;
use crate::library::Library;
use crate::library::model::{Channel, Purpose, SampleProfile, Shared, Template};
use crate::library::packed;

/// Storage key of the library's shared parts and settings.
pub const LIBRARY_KEY: &str = "notice-studio.library";
/// Storage key of what was open: restored exactly on reload.
pub const SESSION_KEY: &str = "notice-studio.session";
/// Storage key of the single draft of versions 1 and 2; read only to migrate it.
pub const DRAFT_KEY: &str = "notice-studio.draft";
/// Storage key of the chosen UI language (a JSON string such as `"en"`).
pub const LANG_KEY: &str = "notice-studio.lang";
/// Storage key of the chosen colour theme (a JSON string, `"light"` or
/// `"dark"`); absent when the page follows the system.
pub const THEME_KEY: &str = "notice-studio.theme";
/// Storage key of the recipient list the user saved on the merge page.
pub const MERGE_LIST_KEY: &str = "notice-studio.merge-list";
/// The largest recipient list saved, in bytes of UTF-8: local storage holds
/// about 5 MB for the whole library, and a list takes twice its size there.
pub const MAX_SAVED_LIST_BYTES: usize = 1024 * 1024;
const TEMPLATE_KEY_PREFIX: &str = "notice-studio.template.";
const HISTORY_KEY_PREFIX: &str = "notice-studio.history.";
const QUARANTINE_KEY_PREFIX: &str = "notice-studio.quarantine.";
const DICTIONARY_KEY_PREFIX: &str = "notice-studio.dictionary.";

pub fn template_key(id: &str) -> String {
    format!("{TEMPLATE_KEY_PREFIX}{id}")
}

pub fn history_key(id: &str) -> String {
    format!("{HISTORY_KEY_PREFIX}{id}")
}

pub fn dictionary_key(id: &str) -> String {
    format!("{DICTIONARY_KEY_PREFIX}{id}")
}

/// Where a value that failed to decode is kept, so the user can still export it.
pub fn quarantine_key(key: &str) -> String {
    format!("{QUARANTINE_KEY_PREFIX}{key}")
}

/// What a storage key holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoredKey<'a> {
    Library,
    Session,
    Draft,
    Lang,
    /// A template, by id.
    Template(&'a str),
    /// A template's history, by id.
    History(&'a str),
    /// A compression dictionary, by id.
    Dictionary(&'a str),
    /// A value that did not decode, by the key it was under.
    Quarantine(&'a str),
    /// Not ours, or written by a newer release: left alone.
    Other,
}

impl StoredKey<'_> {
    pub fn parse(key: &str) -> StoredKey<'_> {
        match key {
            LIBRARY_KEY => StoredKey::Library,
            SESSION_KEY => StoredKey::Session,
            DRAFT_KEY => StoredKey::Draft,
            LANG_KEY => StoredKey::Lang,
            _ => {
                if let Some(id) = key.strip_prefix(TEMPLATE_KEY_PREFIX) {
                    StoredKey::Template(id)
                } else if let Some(id) = key.strip_prefix(HISTORY_KEY_PREFIX) {
                    StoredKey::History(id)
                } else if let Some(id) = key.strip_prefix(DICTIONARY_KEY_PREFIX) {
                    StoredKey::Dictionary(id)
                } else if let Some(original) = key.strip_prefix(QUARANTINE_KEY_PREFIX) {
                    StoredKey::Quarantine(original)
                } else {
                    StoredKey::Other
                }
            }
        }
    }
}

/// The bytes local storage counts for one entry: key and value in UTF-16.
pub fn stored_size_utf16(key: &str, value: &str) -> usize {
    (key.encode_utf16().count() + value.encode_utf16().count()) * 2
}

/// Current version of the library and session values, and the version of
/// unpacked template and history values.
pub const VERSION: u32 = 3;
/// Current version of template and history values: packed.
pub const PACKED_VERSION: u32 = 4;
/// Current version of the dictionary value.
pub const DICTIONARY_VERSION: u32 = 1;
/// Last version of the draft, which version 3 replaced with the library.
pub const DRAFT_VERSION: u32 = 2;

/// The kinds of stored value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Library,
    Template,
    History,
    Session,
    Draft,
    MergeList,
    Dictionary,
}

impl Item {
    fn format(self) -> &'static str {
        match self {
            Item::Library => "notice-studio/library",
            Item::Template => "notice-studio/template",
            Item::History => "notice-studio/history",
            Item::Session => "notice-studio/session",
            Item::Draft => "notice-studio/draft",
            Item::MergeList => "notice-studio/merge-list",
            Item::Dictionary => "notice-studio/dictionary",
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        match self {
            Item::Library => lang.pick("模板库设置", "library settings"),
            Item::Template => lang.pick("模板", "template"),
            Item::History => lang.pick("模板的版本历史", "template history"),
            Item::Session => lang.pick("上次打开的模板和样例", "last open template and sample"),
            Item::Draft => lang.pick("草稿", "draft"),
            Item::MergeList => lang.pick("保存的收件人名单", "saved recipient list"),
            Item::Dictionary => lang.pick("模板库的压缩字典", "library's compression dictionary"),
        }
    }
}

/// What the library key holds: the parts templates share and the check settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LibraryRecord {
    pub shared: Shared,
    pub settings: Settings,
}

/// What was open when the page was left.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// The id of the open template.
    pub open: Option<String>,
    /// The name of the selected sample profile.
    pub profile: Option<String>,
}

/// The recipient list saved on the merge page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedList {
    /// The file name it was picked as (it tells CSV from JSON Lines).
    pub name: String,
    pub saved_ms: i64,
    /// The list as UTF-8 text (a GBK file is saved decoded).
    pub text: String,
}

/// Version of the saved recipient list value.
pub const MERGE_LIST_VERSION: u32 = 1;

pub fn encode_saved_list(list: &SavedList) -> String {
    encode(Item::MergeList, MERGE_LIST_VERSION, list)
}

pub fn decode_saved_list(stored: &str) -> Result<SavedList, DecodeError> {
    decode(Item::MergeList, MERGE_LIST_VERSION, stored)
}

/// The template being written and the sample data it is previewed with: the
/// whole stored state of versions 1 and 2.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub body: String,
    /// Sample data exactly as typed (possibly not yet valid JSON).
    pub sample: String,
    pub channel: Channel,
    pub purpose: Purpose,
}

#[derive(Deserialize)]
struct DraftV1 {
    body: String,
    sample: String,
}

impl From<DraftV1> for Draft {
    fn from(v1: DraftV1) -> Draft {
        Draft { body: v1.body, sample: v1.sample, channel: Channel::Email, purpose: Purpose::Notification }
    }
}

#[derive(Serialize)]
struct Envelope<'a, T> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    value: &'a T,
}

/// The first fields of every stored value, and a packed value's packed
/// fields (version 4 templates and histories, dictionaries), read in one
/// pass: the data is borrowed from the stored text, not scanned twice and
/// copied. A value's own fields follow in the same object and are skipped here.
#[derive(Deserialize)]
struct Header<'a> {
    format: String,
    version: u32,
    #[serde(default, borrow)]
    dictionary: Cow<'a, str>,
    size: Option<usize>,
    adler32: Option<u32>,
    #[serde(default, borrow)]
    data: Cow<'a, str>,
}

impl Header<'_> {
    /// The bytes packed in the value, checked against its size and checksum.
    fn unpack(&self, item: Item, dictionary: &mut Vec<u8>) -> Result<Vec<u8>, DecodeError> {
        let (Some(size), Some(adler32)) = (self.size, self.adler32) else {
            return Err(corrupt(item, "its size or checksum is missing"));
        };
        let raw = packed::unpack(&self.data, dictionary, size).map_err(|_| corrupt(item, "the packed data is damaged"))?;
        if packed::checksum(&raw) != adler32 {
            return Err(corrupt(item, "the packed data does not match its checksum"));
        }
        Ok(raw)
    }
}

fn encode<T: Serialize>(item: Item, version: u32, value: &T) -> String {
    let envelope = Envelope { format: item.format(), version, value };
    serde_json::to_string(&envelope).expect("stored values have string keys and infallible fields, so they always serialize")
}

pub fn encode_library(library: &Library) -> String {
    encode(Item::Library, VERSION, &LibraryRecord { shared: library.shared.clone(), settings: library.settings.clone() })
}

pub fn encode_session(session: &Session) -> String {
    encode(Item::Session, VERSION, session)
}

/// Writes a version 2 draft, as releases before the library did: only tests
/// write drafts now, to prove they migrate.
#[cfg(test)]
fn encode_draft(draft: &Draft) -> String {
    encode(Item::Draft, DRAFT_VERSION, draft)
}

pub fn decode_library(stored: &str) -> Result<LibraryRecord, DecodeError> {
    decode(Item::Library, VERSION, stored)
}

pub fn decode_session(stored: &str) -> Result<Session, DecodeError> {
    decode(Item::Session, VERSION, stored)
}

/// Reads a draft of version 1 or 2.
pub fn decode_draft(stored: &str) -> Result<Draft, DecodeError> {
    let item = Item::Draft;
    match header(item, stored)?.version {
        1 => parse::<DraftV1>(item, stored).map(Draft::from),
        DRAFT_VERSION => parse(item, stored),
        newer if newer > DRAFT_VERSION => Err(DecodeError::NewerVersion { item, version: newer }),
        unknown => Err(unknown_version(item, unknown)),
    }
}

/// An `item` of the `current` version.
fn decode<T: DeserializeOwned>(item: Item, current: u32, stored: &str) -> Result<T, DecodeError> {
    expect_version(item, current, header(item, stored)?.version)?;
    parse(item, stored)
}

/// The header of `stored`, once it is known to be an `item`.
fn header(item: Item, stored: &str) -> Result<Header<'_>, DecodeError> {
    let header: Header = parse(item, stored)?;
    if header.format != item.format() {
        return Err(corrupt(item, format!("unexpected format {:?}", header.format)));
    }
    Ok(header)
}

fn expect_version(item: Item, current: u32, version: u32) -> Result<(), DecodeError> {
    match version {
        version if version == current => Ok(()),
        newer if newer > current => Err(DecodeError::NewerVersion { item, version: newer }),
        unknown => Err(unknown_version(item, unknown)),
    }
}

fn parse<'a, T: Deserialize<'a>>(item: Item, stored: &'a str) -> Result<T, DecodeError> {
    serde_json::from_str(stored).map_err(|e| corrupt(item, e.to_string()))
}

fn unknown_version(item: Item, version: u32) -> DecodeError {
    corrupt(item, format!("unknown version {version}"))
}

fn corrupt(item: Item, detail: impl Into<String>) -> DecodeError {
    DecodeError::Corrupt { item, detail: detail.into() }
}

/// The fields of a packed value after its format and version, as written
/// ([`Header`] reads them).
#[derive(Serialize)]
struct Packed {
    /// The id of the dictionary it was packed against; empty for none.
    dictionary: String,
    /// Length and Adler-32 checksum of the bytes packed: damage that still inflates is caught.
    size: usize,
    adler32: u32,
    data: String,
}

impl Packed {
    fn new(raw: &[u8], dictionary_id: &str, dictionary: &[u8]) -> Packed {
        Packed { dictionary: dictionary_id.to_owned(), size: raw.len(), adler32: packed::checksum(raw), data: packed::pack(raw, dictionary) }
    }
}

/// How much of the library a new dictionary holds: all deflate can reach
/// back (measured better than leaving room for the value in the window).
const DICTIONARY_BYTES: usize = packed::MAX_DICTIONARY_BYTES;
/// A dictionary is cut only from at least this much text.
const MIN_DICTIONARY_BYTES: usize = 4 * 1024;
/// Templates a dictionary is chosen from, spread over the library.
const DICTIONARY_CANDIDATES: usize = 16;

/// The compression dictionaries packed values name, and the one new values
/// are packed with. Each is stored once under [`dictionary_key`] and never
/// changed, so its id (the Adler-32 checksum of its bytes) names the same bytes in
/// every tab.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dictionaries {
    known: BTreeMap<String, Vec<u8>>,
    /// None until the library was large enough to cut one: values are then
    /// packed without a dictionary.
    current: Option<String>,
}

impl Dictionaries {
    pub fn encode_template(&self, template: &Template) -> String {
        self.encode(Item::Template, template)
    }

    pub fn encode_history(&self, history: &History) -> String {
        self.encode(Item::History, history)
    }

    fn encode<T: Serialize>(&self, item: Item, value: &T) -> String {
        let raw = serde_json::to_vec(value).expect("stored values have string keys and infallible fields, so they always serialize");
        let current = self.current.as_ref().and_then(|id| Some((id.as_str(), self.known.get(id)?.as_slice())));
        let (id, dictionary) = current.unwrap_or(("", &[]));
        encode(item, PACKED_VERSION, &Packed::new(&raw, id, dictionary))
    }

    /// A template value of version 3 or 4. A dictionary it names that is not
    /// known yet is read with `read` (given its storage key) and kept.
    pub fn decode_template(&mut self, stored: &str, read: impl FnOnce(&str) -> Option<String>) -> Result<Template, DecodeError> {
        self.decode(Item::Template, stored, read).map(|(template, _)| template)
    }

    /// A history value of version 3 or 4, as [`Dictionaries::decode_template`].
    pub fn decode_history(&mut self, stored: &str, read: impl FnOnce(&str) -> Option<String>) -> Result<History, DecodeError> {
        self.decode(Item::History, stored, read).map(|(history, _)| history)
    }

    /// The value and, when it was packed, the id of its dictionary.
    fn decode<T: DeserializeOwned>(
        &mut self,
        item: Item,
        stored: &str,
        read: impl FnOnce(&str) -> Option<String>,
    ) -> Result<(T, Option<String>), DecodeError> {
        let header = header(item, stored)?;
        match header.version {
            VERSION => parse(item, stored).map(|value| (value, None)),
            PACKED_VERSION => {
                let id = &*header.dictionary;
                if !id.is_empty() && !self.known.contains_key(id) {
                    // A damaged dictionary shows as the values that need it.
                    let _ = read(&dictionary_key(id)).map(|value| self.learn(id, &value));
                }
                let mut none = Vec::new();
                let dictionary = match id {
                    "" => &mut none,
                    id => self.known.get_mut(id).ok_or_else(|| corrupt(item, format!("its dictionary {id} is missing")))?,
                };
                let raw = header.unpack(item, dictionary)?;
                // From text, as version 3 values are read: one deserializer per type in the page.
                let text = String::from_utf8(raw).map_err(|e| corrupt(item, e.to_string()))?;
                let value = parse(item, &text)?;
                Ok((value, Some(header.dictionary.into_owned())))
            }
            newer if newer > PACKED_VERSION => Err(DecodeError::NewerVersion { item, version: newer }),
            unknown => Err(unknown_version(item, unknown)),
        }
    }

    /// Keeps the dictionary stored under `id`'s key.
    pub fn learn(&mut self, id: &str, stored: &str) -> Result<(), DecodeError> {
        let header = header(Item::Dictionary, stored)?;
        expect_version(Item::Dictionary, DICTIONARY_VERSION, header.version)?;
        let bytes = header.unpack(Item::Dictionary, &mut Vec::new())?;
        if dictionary_id(&bytes) != id {
            return Err(corrupt(Item::Dictionary, "its content does not match its key"));
        }
        self.known.insert(id.to_owned(), bytes);
        Ok(())
    }

    /// The dictionary new values are packed with, if any.
    pub fn current(&self) -> Option<&str> {
        self.current.as_deref()
    }

    /// Stops packing with the dictionary `id`: its value could not be stored.
    pub fn forget(&mut self, id: &str) {
        self.known.remove(id);
        if self.current.as_deref() == Some(id) {
            self.current = None;
        }
    }

    /// Packs new values with the longest known dictionary (of equals, the
    /// first id), which every tab that reads the same keys picks alike.
    fn choose_current(&mut self) {
        self.current = self.known.iter().rev().max_by_key(|(_, bytes)| bytes.len()).map(|(id, _)| id.clone());
    }

    /// Cuts a dictionary from `templates` and makes it the current one: the
    /// entry to store it under. None when the current one is full already,
    /// or the templates would give no longer one than it or than
    /// [`MIN_DICTIONARY_BYTES`] (a few short templates are not worth one).
    fn cut(&mut self, templates: &[Template]) -> Option<(String, String)> {
        let current = self.current.as_ref().and_then(|id| self.known.get(id)).map_or(0, Vec::len);
        if current >= DICTIONARY_BYTES {
            return None;
        }
        // Candidates from across the library; each round adds the one the
        // dictionary so far helps least, so that it covers what differs
        // (languages, channels), not one kind of template many times.
        let step = (templates.len() / DICTIONARY_CANDIDATES).max(1);
        let mut candidates: Vec<Vec<u8>> = templates.iter().step_by(step).filter_map(|t| serde_json::to_vec(t).ok()).collect();
        let mut bytes = Vec::new();
        while bytes.len() < DICTIONARY_BYTES && !candidates.is_empty() {
            let window = &bytes[bytes.len().saturating_sub(DICTIONARY_BYTES)..];
            let novel = (0..candidates.len()).max_by_key(|&i| packed::pack(&candidates[i], window).len()).unwrap_or(0);
            bytes.extend(candidates.swap_remove(novel));
        }
        // Deflate finds the nearest match first: the end is what it uses most.
        bytes.drain(..bytes.len().saturating_sub(DICTIONARY_BYTES));
        if bytes.len() < MIN_DICTIONARY_BYTES || bytes.len() <= current {
            return None;
        }
        let id = dictionary_id(&bytes);
        let value = encode(Item::Dictionary, DICTIONARY_VERSION, &Packed::new(&bytes, "", &[]));
        self.known.insert(id.clone(), bytes);
        self.current = Some(id.clone());
        Some((dictionary_key(&id), value))
    }
}

fn dictionary_id(bytes: &[u8]) -> String {
    format!("{:08x}", packed::checksum(bytes))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not something this app wrote, or damaged.
    Corrupt { item: Item, detail: String },
    /// Written by a newer release of the app.
    NewerVersion { item: Item, version: u32 },
}

impl DecodeError {
    /// Says which item could not be read, why, and that it was kept aside.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DecodeError::Corrupt { item, detail }, Lang::Zh) => {
                format!("已保存的{}已损坏，无法读取（{detail}）。原数据已另行保存，未作改动。", item.name(lang))
            }
            (DecodeError::Corrupt { item, detail }, Lang::En) => {
                format!("Could not read the saved {} ({detail}). It was kept aside, unchanged.", item.name(lang))
            }
            (DecodeError::NewerVersion { item, version }, Lang::Zh) => format!(
                "已保存的{}来自更新版本的 Notice Studio（格式版本 {version}）。原数据已另行保存，未作改动；请用新版本打开。",
                item.name(lang)
            ),
            (DecodeError::NewerVersion { item, version }, Lang::En) => format!(
                "The saved {} was written by a newer Notice Studio (format version {version}). It was kept aside, unchanged; open it with that version.",
                item.name(lang)
            ),
        }
    }
}

/// A stored value that did not decode: the app moves it to
/// [`quarantine_key`]`(key)` before writing anything, and tells the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    pub key: String,
    pub error: DecodeError,
}

/// Stored values to write, then keys to remove once every write succeeded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Migration {
    pub writes: Vec<(String, String)>,
    pub removals: Vec<String>,
}

/// Values to store again, packed with the current dictionary: the new
/// dictionary first, when one was cut. Best effort: a value not rewritten
/// stays readable as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Repack {
    pub dictionary: Option<(String, String)>,
    pub values: Vec<(String, String)>,
}

/// What start-up found in storage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Templates in order of creation (ties by id).
    pub library: Library,
    /// By template id; a history whose template did not load is kept too.
    pub histories: BTreeMap<String, History>,
    /// `open` is cleared when it names no template of the library.
    pub session: Session,
    /// In key order.
    pub quarantine: Vec<Quarantined>,
    /// Present when a version 1 or 2 draft was made a template of the library.
    pub migration: Option<Migration>,
    /// What values are packed with from now on.
    pub dictionaries: Dictionaries,
    /// Present when some template or history is not packed with the current dictionary.
    pub repack: Option<Repack>,
}

/// Reads every `(key, value)` entry of local storage. Values that do not
/// decode are listed for quarantine and the rest loads; keys that are not
/// ours are left alone. A version 1 or 2 draft becomes a template named by
/// `lang`, with an id from `new_id`, created at `now_ms`, and opened.
/// Templates and histories not packed with the current dictionary (cut
/// here when the library has outgrown the one it has) are to be repacked.
pub fn load(entries: impl IntoIterator<Item = (String, String)>, lang: Lang, now_ms: i64, mut new_id: impl FnMut() -> String) -> Loaded {
    let entries: Vec<(String, String)> = entries.into_iter().collect();
    let mut loaded = Loaded::default();
    // Dictionaries first: packed values name them.
    for (key, value) in &entries {
        if let StoredKey::Dictionary(id) = StoredKey::parse(key) {
            if let Err(error) = loaded.dictionaries.learn(id, value) {
                loaded.quarantine.push(Quarantined { key: key.clone(), error });
            }
        }
    }
    loaded.dictionaries.choose_current();
    let mut draft = None;
    let mut session = None;
    let mut packed_with = PackedWith::new();
    for (key, value) in entries {
        let result = match StoredKey::parse(&key) {
            StoredKey::Library => decode_library(&value).map(|record| {
                loaded.library.shared = record.shared;
                loaded.library.settings = record.settings;
            }),
            StoredKey::Session => decode_session(&value).map(|s| session = Some(s)),
            StoredKey::Draft => decode_draft(&value).map(|d| draft = Some(d)),
            StoredKey::Template(id) => with_id(Item::Template, id).and_then(|id| {
                let (template, dictionary) = loaded.dictionaries.decode::<Template>(Item::Template, &value, |_| None)?;
                packed_with.push((Item::Template, id.clone(), dictionary));
                // The key decides: it is where this template's writes go.
                loaded.library.templates.push(Template { id, ..template });
                Ok(())
            }),
            StoredKey::History(id) => with_id(Item::History, id).and_then(|id| {
                let (history, dictionary) = loaded.dictionaries.decode(Item::History, &value, |_| None)?;
                packed_with.push((Item::History, id.clone(), dictionary));
                loaded.histories.insert(id, history);
                Ok(())
            }),
            StoredKey::Lang | StoredKey::Dictionary(_) | StoredKey::Quarantine(_) | StoredKey::Other => Ok(()),
        };
        if let Err(error) = result {
            loaded.quarantine.push(Quarantined { key, error });
        }
    }
    loaded.quarantine.sort_by(|a, b| a.key.cmp(&b.key));
    loaded.library.templates.sort_by(|a, b| a.created_ms.cmp(&b.created_ms).then_with(|| a.id.cmp(&b.id)));
    loaded.session = session.unwrap_or_default();
    if loaded.session.open.as_deref().is_some_and(|id| loaded.library.get(id).is_none()) {
        loaded.session.open = None;
    }
    if let Some(draft) = draft {
        loaded.migration = migrate_draft(&mut loaded, &mut packed_with, draft, lang, now_ms, &mut new_id);
    }
    loaded.repack = repack(&mut loaded, packed_with);
    loaded
}

/// Templates and histories (by id) with the dictionary each is stored
/// packed with: `Some("")` for none, `None` when stored unpacked.
type PackedWith = Vec<(Item, String, Option<String>)>;

/// Cuts a dictionary when the library has outgrown its own, and encodes
/// again every value not packed with the current one.
fn repack(loaded: &mut Loaded, packed_with: PackedWith) -> Option<Repack> {
    let dictionary = loaded.dictionaries.cut(&loaded.library.templates);
    let current = loaded.dictionaries.current().unwrap_or("");
    let values: Vec<(String, String)> = packed_with
        .into_iter()
        .filter(|(_, _, dictionary)| dictionary.as_deref() != Some(current))
        .filter_map(|(item, id, _)| match item {
            Item::Template => loaded.library.get(&id).map(|t| (template_key(&id), loaded.dictionaries.encode_template(t))),
            _ => loaded.histories.get(&id).map(|h| (history_key(&id), loaded.dictionaries.encode_history(h))),
        })
        .collect();
    (dictionary.is_some() || !values.is_empty()).then_some(Repack { dictionary, values })
}

fn with_id(item: Item, id: &str) -> Result<String, DecodeError> {
    if id.is_empty() {
        return Err(corrupt(item, "no id in the key"));
    }
    Ok(id.to_owned())
}

/// Makes `draft` a template of the library and opens it when nothing else is
/// open. A draft some template already says (a migration that stopped before
/// removing the draft) is only removed. `None`, leaving the draft where it is,
/// when `new_id` keeps giving ids that are taken.
fn migrate_draft(
    loaded: &mut Loaded,
    packed_with: &mut PackedWith,
    draft: Draft,
    lang: Lang,
    now_ms: i64,
    new_id: &mut impl FnMut() -> String,
) -> Option<Migration> {
    let template = Template {
        name: lang.pick("草稿", "Draft").to_owned(),
        channel: draft.channel,
        purpose: draft.purpose,
        locale: lang,
        body: draft.body,
        samples: vec![SampleProfile { name: lang.pick("样例", "Sample").to_owned(), data: draft.sample }],
        created_ms: now_ms,
        updated_ms: now_ms,
        ..Template::default()
    };
    let mut migration = Migration { writes: Vec::new(), removals: vec![DRAFT_KEY.to_owned()] };
    let id = match loaded.library.templates.iter().find(|t| t.same_content(&template)) {
        Some(existing) => existing.id.clone(),
        None => {
            const ATTEMPTS: usize = 8;
            let id = (0..ATTEMPTS).map(|_| new_id()).find(|id| !id.is_empty() && loaded.library.get(id).is_none())?;
            let template = Template { id: id.clone(), ..template };
            migration.writes.push((template_key(&id), loaded.dictionaries.encode_template(&template)));
            // Packed with the current dictionary, which a repack may change.
            packed_with.push((Item::Template, id.clone(), Some(loaded.dictionaries.current().unwrap_or("").to_owned())));
            loaded.library.templates.push(template);
            id
        }
    };
    if loaded.session.open.is_none() {
        let profile = loaded.library.get(&id).and_then(|t| t.samples.first()).map(|p| p.name.clone());
        loaded.session = Session { open: Some(id), profile };
        migration.writes.push((SESSION_KEY.to_owned(), encode_session(&loaded.session)));
    }
    Some(migration)
}

/// Every entry that stores `library`, `histories` and `session` as a
/// library of this size comes to be stored: what [`load`] reads back.
pub fn encode_entries(library: &Library, histories: &BTreeMap<String, History>, session: &Session) -> Vec<(String, String)> {
    let mut dictionaries = Dictionaries::default();
    let mut entries = vec![(LIBRARY_KEY.to_owned(), encode_library(library)), (SESSION_KEY.to_owned(), encode_session(session))];
    entries.extend(dictionaries.cut(&library.templates));
    entries.extend(library.templates.iter().map(|t| (template_key(&t.id), dictionaries.encode_template(t))));
    entries.extend(histories.iter().map(|(id, history)| (history_key(id), dictionaries.encode_history(history))));
    entries
}

/// A backup file of stored entries, exactly as stored (damaged ones too):
/// `{"format":"notice-studio/backup","version":1,"entries":{key: value}}`.
/// Offered when storage is full or values were quarantined, so nothing the
/// browser holds is lost with it.
pub fn encode_backup(entries: &[(String, String)]) -> String {
    let entries: serde_json::Map<String, serde_json::Value> =
        entries.iter().map(|(key, value)| (key.clone(), serde_json::Value::String(value.clone()))).collect();
    serde_json::json!({ "format": "notice-studio/backup", "version": 1, "entries": entries }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::history::{Snapshot, SnapshotKind};
    use crate::library::model::{SampleProfile, Stage, Status};

    const NOW: i64 = 1_780_000_000_000;

    fn draft() -> Draft {
        Draft {
            body: "尊敬的{{ customer.name }}：\n\"引号\" 与 \\ 反斜杠".into(),
            sample: "{\"customer\": {\"name\": \"张三\"".into(),
            channel: Channel::Sms,
            purpose: Purpose::Marketing,
        }
    }

    fn template(id: &str, created_ms: i64) -> Template {
        Template {
            id: id.into(),
            name: format!("模板 {id}"),
            scenario: "holiday".into(),
            stage: Some(Stage::Renewal),
            tags: vec!["节日".into(), "VIP".into()],
            status: Status::Ready,
            body: "尊敬的{{ customer.name }}：\n\"引号\" 与 \\ 反斜杠 😀".into(),
            samples: vec![SampleProfile { name: "样例".into(), data: "{\"customer\": {\"name\": \"张三\"".into() }],
            created_ms,
            updated_ms: created_ms + 1,
            revision: 3,
            ..Template::default()
        }
    }

    fn history() -> History {
        let mut history = History::default();
        history.push(Snapshot { at_ms: NOW, kind: SnapshotKind::Manual, label: "第一版".into(), template: template("a", NOW) });
        history
    }

    fn library() -> Library {
        let mut library = Library { templates: vec![template("a", NOW), template("b", NOW + 1)], ..Library::default() };
        library.shared.partials.insert("contact".into(), "客服热线 400-800-1234".into());
        library.shared.profiles.push(SampleProfile { name: "VIP".into(), data: r#"{"customer": {"name": "周敏"}}"#.into() });
        library.settings.words.absolute_terms.push("顶级".into());
        library
    }

    fn encode_template(template: &Template) -> String {
        Dictionaries::default().encode_template(template)
    }

    fn encode_history(history: &History) -> String {
        Dictionaries::default().encode_history(history)
    }

    fn decode_template(stored: &str) -> Result<Template, DecodeError> {
        Dictionaries::default().decode_template(stored, |_| None)
    }

    fn decode_history(stored: &str) -> Result<History, DecodeError> {
        Dictionaries::default().decode_history(stored, |_| None)
    }

    /// A template as releases before packing wrote it.
    fn encode_template_v3(template: &Template) -> String {
        encode(Item::Template, VERSION, template)
    }

    fn no_ids() -> impl FnMut() -> String {
        || panic!("no id needed")
    }

    fn entries(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn every_value_round_trips() {
        let library = library();
        let record = LibraryRecord { shared: library.shared.clone(), settings: library.settings.clone() };
        assert_eq!(decode_library(&encode_library(&library)), Ok(record));
        assert_eq!(decode_template(&encode_template(&template("a", NOW))), Ok(template("a", NOW)));
        assert_eq!(decode_history(&encode_history(&history())), Ok(history()));
        let session = Session { open: Some("a".into()), profile: Some("样例".into()) };
        assert_eq!(decode_session(&encode_session(&session)), Ok(session));
        assert_eq!(decode_draft(&encode_draft(&draft())), Ok(draft()));
    }

    #[test]
    fn values_name_their_format_and_version_first() {
        let stored = encode_template(&template("a", NOW));
        assert!(stored.starts_with(r#"{"format":"notice-studio/template","version":4,"dictionary":"","size":"#), "{stored}");
        let library: serde_json::Value = serde_json::from_str(&encode_library(&library())).unwrap();
        assert_eq!((library["format"].as_str(), library["version"].as_u64()), (Some("notice-studio/library"), Some(3)));
        assert!(library.get("templates").is_none(), "templates have their own keys");
        assert!(encode_history(&history()).starts_with(r#"{"format":"notice-studio/history","version":4,"dictionary":"","#));
        assert_eq!(encode_session(&Session::default()), r#"{"format":"notice-studio/session","version":3,"open":null,"profile":null}"#);
        let draft: serde_json::Value = serde_json::from_str(&encode_draft(&draft())).unwrap();
        assert_eq!((draft["format"].as_str(), draft["version"].as_u64(), draft["channel"].as_str()), (Some("notice-studio/draft"), Some(2), Some("sms")));
    }

    #[test]
    fn version_3_values_as_written_by_this_release_decode() {
        let stored = r#"{"format":"notice-studio/template","version":3,"id":"t","name":"n","channel":"inapp","purpose":"notification",
            "audience":"all","locale":"en","scenario":"","stage":"win-back","tags":[],"status":"draft","subject":"","preheader":"",
            "body":"b","samples":[],"send_at":null,"holiday":null,"notice":{"company":"","title":"","version":"","published":null,
            "effective":null},"created_ms":1,"updated_ms":2,"revision":3,"deleted_ms":null}"#;
        let template = decode_template(stored).unwrap();
        assert_eq!((template.channel, template.stage, template.revision), (Channel::Inapp, Some(Stage::WinBack), 3));
        assert_eq!(decode_session(r#"{"format":"notice-studio/session","version":3}"#), Ok(Session::default()));
        assert_eq!(decode_library(r#"{"format":"notice-studio/library","version":3}"#), Ok(LibraryRecord::default()));
    }

    #[test]
    fn a_template_packed_by_zlib_itself_decodes() {
        // Python: zlib.compressobj(9, zlib.DEFLATED, -15) over a version 3
        // template's fields, written 15 bits to a unit, zlib.adler32.
        let stored = r#"{"format":"notice-studio/template","version":4,"dictionary":"","size":411,"adler32":1711573936,"data":"动䋓貆㔋ꉓ循㐈꡻㻂䦄ꍨ呡髟粞詐繇嚧ꃙꠜ㐅鐹囤㡧㵂꾟实牧琵跂㸄䁸䈤鰅脏捉꣡矜敆岰蜌烺蓸旁蕠ꯐ蚭翤稝渧㔅閇幚垱辐離䒮詰峖胾饲ꃓ剅㶒꒼玬杔環棝筊㫦ꂞ飊伍㣽撒ꄤ櫛㒝㚾厯ꎷ꿏꛲ꮓ꣄鴬摐酫糡ꂿ䏋馭ꀒ䇒鳏䒷䟊奯筚ꠁ곢ꉱꅕ覴领㶃㘿轆岩涬眂垥詞ꇤꅝ枏漧釧衵涗埭唑密唑榕儇飞亨鳿棶铂峛饭ꆯ㔥埝懓돀㐀"}"#;
        let template = decode_template(stored).unwrap();
        assert_eq!((template.body.as_str(), template.stage, template.revision), ("尊敬的{{ customer.name }}：b", Some(Stage::WinBack), 3));
    }

    #[test]
    fn version_1_draft_as_written_by_the_first_release_decodes() {
        let stored = r#"{"format":"notice-studio/draft","version":1,"body":"Hi {{ name }}","sample":"{}"}"#;
        let migrated = Draft { body: "Hi {{ name }}".into(), sample: "{}".into(), channel: Channel::Email, purpose: Purpose::Notification };
        assert_eq!(decode_draft(stored), Ok(migrated));
    }

    #[test]
    fn version_2_draft_decodes() {
        let stored = r#"{"format":"notice-studio/draft","version":2,"body":"x","sample":"","channel":"inapp","purpose":"marketing"}"#;
        assert_eq!(decode_draft(stored).map(|d| (d.channel, d.purpose)), Ok((Channel::Inapp, Purpose::Marketing)));
    }

    #[test]
    fn newer_versions_are_refused_not_guessed() {
        let newer = |item: Item| DecodeError::NewerVersion { item, version: 7 };
        assert_eq!(decode_draft(r#"{"format":"notice-studio/draft","version":7,"body":"x","sample":""}"#), Err(newer(Item::Draft)));
        assert_eq!(decode_template(r#"{"format":"notice-studio/template","version":7,"body":{}}"#), Err(newer(Item::Template)));
        assert_eq!(decode_history(r#"{"format":"notice-studio/history","version":7}"#), Err(newer(Item::History)));
        assert_eq!(decode_session(r#"{"format":"notice-studio/session","version":7}"#), Err(newer(Item::Session)));
        assert_eq!(decode_library(r#"{"format":"notice-studio/library","version":7}"#), Err(newer(Item::Library)));
        assert_eq!(decode_saved_list(r#"{"format":"notice-studio/merge-list","version":7}"#), Err(newer(Item::MergeList)));
    }

    #[test]
    fn a_saved_recipient_list_reads_back_and_nothing_else_passes_for_one() {
        let list = SavedList { name: "客户.csv".into(), saved_ms: NOW, text: "姓名,手机\n张伟,13800000000\n".into() };
        let stored = encode_saved_list(&list);
        assert!(stored.starts_with(r#"{"format":"notice-studio/merge-list","version":1,"#), "{stored}");
        assert_eq!(decode_saved_list(&stored), Ok(list));
        // A template under the list's key is not a list.
        let template = encode_template(&template("a", NOW));
        assert!(matches!(decode_saved_list(&template), Err(DecodeError::Corrupt { item: Item::MergeList, .. })));
        assert!(matches!(decode_saved_list(r#"{"format":"notice-studio/merge-list","version":1}"#), Err(DecodeError::Corrupt { .. })));
        assert_eq!(StoredKey::parse(MERGE_LIST_KEY), StoredKey::Other, "load leaves the saved list alone");
    }

    #[test]
    fn packed_data_written_with_json_escapes_reads_the_same() {
        // Our own values never escape a unit, but any JSON writer may.
        let packed = encode_template(&template("a", NOW));
        let data_at = packed.find(r#""data":""#).unwrap() + 8;
        let unit = packed[data_at..].chars().next().unwrap();
        let escaped = format!("{}\\u{:04x}{}", &packed[..data_at], unit as u32, &packed[data_at + unit.len_utf8()..]);
        assert_ne!(escaped, packed);
        assert_eq!(decode_template(&escaped), Ok(template("a", NOW)));
    }

    #[test]
    fn damaged_values_are_errors_not_panics() {
        let packed = encode_template(&template("a", NOW));
        let template = encode_template_v3(&template("a", NOW));
        let data_at = packed.find(r#""data":""#).unwrap() + 8;
        let mut flipped = packed.clone();
        let unit = flipped[data_at..].chars().nth(3).unwrap();
        let at = data_at + flipped[data_at..].char_indices().nth(3).unwrap().0;
        flipped.replace_range(at..at + unit.len_utf8(), &char::from_u32(unit as u32 ^ 1).unwrap().to_string());
        for stored in [
            "",
            "{",
            "null",
            "[]",
            "\u{0}",
            r#"{"format":"other","version":3}"#,
            r#"{"format":"notice-studio/template","version":"3"}"#,
            r#"{"format":"notice-studio/template","version":-3}"#,
            r#"{"format":"notice-studio/template","version":2,"name":"n"}"#,
            r#"{"format":"notice-studio/template","version":3}"#,
            r#"{"format":"notice-studio/history","version":3,"snapshots":[]}"#,
            &template.replace(r#""channel":"email""#, r#""channel":"fax""#),
            &template.replace(r#""revision":3"#, r#""revision":-1"#),
            &template.chars().take(200).collect::<String>(),
            &flipped,
            &packed.replacen(r#""size":"#, r#""size":1"#, 1),
            &packed.replacen(r#""adler32":"#, r#""adler32":1"#, 1),
            &packed.replacen(r#""size":"#, r#""length":"#, 1),
            &packed.replacen(r#""adler32":"#, r#""crc":"#, 1),
            &packed.replacen(r#""dictionary":"""#, r#""dictionary":"0badf00d""#, 1),
            &packed.replacen(r#""data":""#, r#""data":"abc"#, 1),
            &packed.chars().take(packed.chars().count() - 20).chain("\"}".chars()).collect::<String>(),
            r#"{"format":"notice-studio/template","version":4,"dictionary":"","size":0,"adler32":0}"#,
        ] {
            assert!(matches!(decode_template(stored), Err(DecodeError::Corrupt { item: Item::Template, .. })), "{stored:?}");
        }
        for stored in [
            r#"{"format":"notice-studio/draft","version":1,"body":3}"#,
            r#"{"format":"notice-studio/draft","version":0,"body":"","sample":""}"#,
            r#"{"format":"notice-studio/draft","version":2,"body":"","sample":"","channel":"fax","purpose":"marketing"}"#,
        ] {
            assert!(matches!(decode_draft(stored), Err(DecodeError::Corrupt { item: Item::Draft, .. })), "{stored:?}");
        }
        assert!(decode_history(r#"{"format":"notice-studio/history","version":3,"snapshots":[{"at_ms":1}]}"#).is_err());
        assert!(decode_session(r#"{"format":"notice-studio/session","version":3,"open":5}"#).is_err());
    }

    #[test]
    fn messages_say_which_item_and_that_it_was_kept() {
        let corrupt = DecodeError::Corrupt { item: Item::History, detail: "EOF".into() };
        assert_eq!(corrupt.message(Lang::Zh), "已保存的模板的版本历史已损坏，无法读取（EOF）。原数据已另行保存，未作改动。");
        assert_eq!(corrupt.message(Lang::En), "Could not read the saved template history (EOF). It was kept aside, unchanged.");
        let newer = DecodeError::NewerVersion { item: Item::Template, version: 4 };
        assert!(newer.message(Lang::Zh).contains("模板") && newer.message(Lang::Zh).contains("4"));
        assert!(newer.message(Lang::En).contains("saved template was written by a newer Notice Studio (format version 4)"));
        for item in [Item::Library, Item::Template, Item::History, Item::Session, Item::Draft] {
            for lang in Lang::ALL {
                let text = DecodeError::Corrupt { item, detail: String::new() }.message(lang);
                assert!(text.contains(item.name(lang)) && text.contains(lang.pick("另行保存", "kept aside")), "{text}");
            }
        }
    }

    #[test]
    fn keys_say_what_they_hold() {
        assert_eq!(StoredKey::parse(&template_key("x.1")), StoredKey::Template("x.1"));
        assert_eq!(StoredKey::parse(&history_key("中文")), StoredKey::History("中文"));
        assert_eq!(StoredKey::parse(&quarantine_key(&template_key("x"))), StoredKey::Quarantine("notice-studio.template.x"));
        assert_eq!(StoredKey::parse(LIBRARY_KEY), StoredKey::Library);
        assert_eq!(StoredKey::parse(SESSION_KEY), StoredKey::Session);
        assert_eq!(StoredKey::parse(DRAFT_KEY), StoredKey::Draft);
        assert_eq!(StoredKey::parse(LANG_KEY), StoredKey::Lang);
        assert_eq!(StoredKey::parse("notice-studio.folders"), StoredKey::Other);
        assert_eq!(StoredKey::parse("other-app.template.x"), StoredKey::Other);
    }

    #[test]
    fn sizes_count_utf16_bytes_of_key_and_value() {
        assert_eq!(stored_size_utf16("ab", "cd"), 8);
        assert_eq!(stored_size_utf16("", "模板"), 4);
        assert_eq!(stored_size_utf16("", "😀"), 4, "a surrogate pair");
    }

    #[test]
    fn load_reads_back_what_encode_entries_stored() {
        let mut library = library();
        library.trash("b", NOW + 5);
        let histories = BTreeMap::from([("a".to_owned(), history())]);
        let session = Session { open: Some("a".into()), profile: Some("样例".into()) };
        let mut stored = encode_entries(&library, &histories, &session);
        stored.reverse();
        stored.push((LANG_KEY.into(), "\"en\"".into()));
        let loaded = load(stored, Lang::Zh, NOW, no_ids());
        assert_eq!(loaded, Loaded { library, histories, session, quarantine: Vec::new(), migration: None, ..Loaded::default() });
    }

    /// `count` templates of about 2 KB that share most of their text, as a library's do.
    fn grown_library(count: usize) -> Library {
        let templates = (0..count)
            .map(|i| Template {
                body: format!("尊敬的{{{{ customer.name }}}}：您的第 {i} 号订单已发货。").repeat(3)
                    + &"如有疑问，请致电客服热线 400-800-1234（工作日 9:00—18:00），我们将竭诚为您服务。".repeat(12),
                ..template(&format!("t{i:03}"), NOW + i as i64)
            })
            .collect();
        Library { templates, ..Library::default() }
    }

    /// `entries` after `repack` was written, as storage holds them then.
    fn with_repack(mut entries: Vec<(String, String)>, repack: Repack) -> Vec<(String, String)> {
        let mut written: BTreeMap<String, String> = repack.dictionary.into_iter().chain(repack.values).collect();
        for (key, value) in &mut entries {
            if let Some(new) = written.remove(key) {
                *value = new;
            }
        }
        entries.extend(written);
        entries
    }

    fn total_size(entries: &[(String, String)]) -> usize {
        entries.iter().map(|(key, value)| stored_size_utf16(key, value)).sum()
    }

    #[test]
    fn version_3_templates_and_histories_are_repacked_and_read_back_the_same() {
        let library = library();
        let histories = BTreeMap::from([("a".to_owned(), history())]);
        let mut v3 = vec![(SESSION_KEY.to_owned(), encode_session(&Session::default()))];
        v3.extend(library.templates.iter().map(|t| (template_key(&t.id), encode_template_v3(t))));
        v3.push((history_key("a"), encode(Item::History, VERSION, &history())));
        let loaded = load(v3.clone(), Lang::Zh, NOW, no_ids());
        assert_eq!((&loaded.library.templates, &loaded.histories), (&library.templates, &histories));
        let repack = loaded.repack.expect("version 3 values are repacked");
        assert_eq!(repack.dictionary, None, "two short templates are not worth a dictionary");
        let keys: Vec<&str> = repack.values.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, [template_key("a"), template_key("b"), history_key("a")]);
        assert!(repack.values.iter().all(|(_, value)| value.contains(r#""version":4,"dictionary":"""#)));

        let again = load(with_repack(v3, repack), Lang::Zh, NOW, no_ids());
        assert_eq!((&again.library.templates, &again.histories, again.repack), (&library.templates, &histories, None));
    }

    #[test]
    fn a_grown_library_gets_a_dictionary_stored_before_the_values_that_need_it() {
        let library = grown_library(40);
        let v3: Vec<(String, String)> = library.templates.iter().map(|t| (template_key(&t.id), encode_template_v3(t))).collect();
        let loaded = load(v3.clone(), Lang::Zh, NOW, no_ids());
        let repack = loaded.repack.clone().unwrap();
        let (key, _) = repack.dictionary.clone().expect("a dictionary is cut");
        let id = key.strip_prefix(DICTIONARY_KEY_PREFIX).unwrap();
        assert_eq!(loaded.dictionaries.current(), Some(id));
        assert_eq!(repack.values.len(), 40);
        assert!(repack.values.iter().all(|(_, value)| value.contains(&format!(r#""dictionary":"{id}""#))));
        assert_eq!(load(v3.clone(), Lang::En, NOW, no_ids()).repack, Some(repack.clone()), "another tab cuts the same one");

        let packed = with_repack(v3.clone(), repack);
        let plain: Vec<(String, String)> = library.templates.iter().map(|t| (template_key(&t.id), encode_template(t))).collect();
        assert!(total_size(&packed) * 2 < total_size(&plain), "{} vs {} without a dictionary", total_size(&packed), total_size(&plain));
        assert!(total_size(&plain) * 2 < total_size(&v3), "{} vs {} unpacked", total_size(&plain), total_size(&v3));
        let again = load(packed.clone(), Lang::Zh, NOW, no_ids());
        assert_eq!((again.library, again.repack, again.dictionaries.current()), (library, None, Some(id)));
        assert_eq!(encode_entries(&loaded.library, &BTreeMap::new(), &Session::default()).len(), 2 + 1 + 40);
    }

    #[test]
    fn a_small_dictionary_gives_way_to_a_full_one_once_the_library_grew() {
        let small = grown_library(3);
        let first = load(small.templates.iter().map(|t| (template_key(&t.id), encode_template_v3(t))), Lang::Zh, NOW, no_ids());
        let (old_key, _) = first.repack.as_ref().and_then(|r| r.dictionary.clone()).expect("a short dictionary for three templates");
        let grown = grown_library(40);
        let mut entries = with_repack(small.templates.iter().map(|t| (template_key(&t.id), encode_template_v3(t))).collect(), first.repack.unwrap());
        entries.extend(grown.templates[3..].iter().map(|t| (template_key(&t.id), first.dictionaries.encode_template(t))));
        let loaded = load(entries.clone(), Lang::Zh, NOW, no_ids());
        let repack = loaded.repack.clone().unwrap();
        let (new_key, _) = repack.dictionary.clone().expect("a full one");
        assert_ne!(new_key, old_key);
        assert_eq!(repack.values.len(), 40);
        let again = load(with_repack(entries, repack), Lang::Zh, NOW, no_ids());
        assert_eq!((again.library, again.repack), (grown, None), "the old dictionary stays, unused");
    }

    #[test]
    fn a_value_whose_dictionary_is_missing_or_damaged_is_quarantined_not_guessed() {
        let library = grown_library(20);
        let entries = encode_entries(&library, &BTreeMap::new(), &Session::default());
        let (dictionary_key, dictionary) = entries.iter().find(|(key, _)| matches!(StoredKey::parse(key), StoredKey::Dictionary(_))).cloned().unwrap();
        let without: Vec<_> = entries.iter().filter(|(key, _)| *key != dictionary_key).cloned().collect();
        let loaded = load(without, Lang::Zh, NOW, no_ids());
        assert_eq!((loaded.library.templates.len(), loaded.quarantine.len()), (0, 20));
        assert!(loaded.quarantine[0].error.message(Lang::En).contains("dictionary"), "{:?}", loaded.quarantine[0]);
        assert!(loaded.repack.is_none(), "nothing is rewritten over them");

        let other_bytes = dictionary.replacen(r#""data":""#, r#""data":"㐀"#, 1);
        let damaged: Vec<_> = entries.iter().map(|(key, value)| (key.clone(), if *key == dictionary_key { other_bytes.clone() } else { value.clone() })).collect();
        let loaded = load(damaged, Lang::Zh, NOW, no_ids());
        assert_eq!((loaded.library.templates.len(), loaded.quarantine.len()), (0, 21));
        assert_eq!(loaded.quarantine[0].key, dictionary_key);
    }

    #[test]
    fn a_tab_reads_a_dictionary_another_tab_stored_when_a_value_names_it() {
        let library = grown_library(20);
        let entries = encode_entries(&library, &BTreeMap::new(), &Session::default());
        let stored: BTreeMap<String, String> = entries.into_iter().collect();
        let mut dictionaries = Dictionaries::default();
        let key = template_key(&library.templates[5].id);
        let read = |key: &str| stored.get(key).cloned();
        assert!(dictionaries.decode_template(&stored[&key], |_| None).is_err(), "not known and not read");
        assert_eq!(dictionaries.decode_template(&stored[&key], read), Ok(library.templates[5].clone()));
        assert_eq!(dictionaries.decode_template(&stored[&key], |_| unreachable!("known now")), Ok(library.templates[5].clone()));
        assert_eq!(dictionaries.current(), None, "reading one does not pack with it");
    }

    #[test]
    fn a_dictionary_that_could_not_be_stored_is_not_packed_with() {
        let library = grown_library(20);
        let mut loaded = load(library.templates.iter().map(|t| (template_key(&t.id), encode_template_v3(t))), Lang::Zh, NOW, no_ids());
        let id = loaded.dictionaries.current().unwrap().to_owned();
        loaded.dictionaries.forget(&id);
        assert_eq!(loaded.dictionaries.current(), None);
        assert!(loaded.dictionaries.encode_template(&library.templates[0]).contains(r#""dictionary":"""#));
    }

    #[test]
    fn load_sorts_templates_by_creation_and_the_key_names_the_id() {
        let stored = vec![
            (template_key("late"), encode_template(&template("late", NOW + 9))),
            (template_key("early"), encode_template(&template("other", NOW))),
            (template_key("b"), encode_template(&template("b", NOW + 9))),
        ];
        let loaded = load(stored, Lang::Zh, NOW, no_ids());
        let ids: Vec<_> = loaded.library.templates.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["early", "b", "late"]);
    }

    #[test]
    fn load_lists_what_does_not_decode_and_loads_the_rest() {
        let stored = entries(&[
            (&template_key("good"), &encode_template(&template("good", NOW))),
            (&template_key("bad"), "{"),
            (&template_key(""), &encode_template(&template("", NOW))),
            (&history_key("good"), r#"{"format":"notice-studio/history","version":9}"#),
            (LIBRARY_KEY, r#"{"format":"notice-studio/template","version":3}"#),
            (SESSION_KEY, "null"),
            (LANG_KEY, "not json at all"),
            (&quarantine_key(&template_key("old")), "{"),
            ("other-app.key", "{"),
            ("notice-studio.folders", "{"),
        ]);
        let loaded = load(stored, Lang::Zh, NOW, no_ids());
        let quarantined: Vec<(&str, &DecodeError)> = loaded.quarantine.iter().map(|q| (q.key.as_str(), &q.error)).collect();
        assert_eq!(quarantined.len(), 5);
        assert_eq!(quarantined.iter().map(|q| q.0).collect::<Vec<_>>(), [
            "notice-studio.history.good",
            "notice-studio.library",
            "notice-studio.session",
            "notice-studio.template.",
            "notice-studio.template.bad",
        ]);
        assert_eq!(quarantined[0].1, &DecodeError::NewerVersion { item: Item::History, version: 9 });
        assert!(matches!(quarantined[1].1, DecodeError::Corrupt { item: Item::Library, .. }));
        assert_eq!(loaded.library.templates, [template("good", NOW)]);
        assert_eq!((loaded.library.shared.clone(), loaded.library.settings.clone()), (Shared::default(), Settings::default()));
        assert!(loaded.histories.is_empty());
    }

    #[test]
    fn load_forgets_an_open_template_that_is_not_there() {
        let session = Session { open: Some("gone".into()), profile: Some("p".into()) };
        let loaded = load([(SESSION_KEY.to_owned(), encode_session(&session))], Lang::Zh, NOW, no_ids());
        assert_eq!(loaded.session, Session { open: None, profile: Some("p".into()) });
    }

    #[test]
    fn a_draft_migrated_as_a_dictionary_is_cut_is_repacked_with_it() {
        let library = grown_library(20);
        let mut stored: Vec<(String, String)> = library.templates.iter().map(|t| (template_key(&t.id), encode_template_v3(t))).collect();
        stored.push((DRAFT_KEY.to_owned(), encode_draft(&draft())));
        let loaded = load(stored, Lang::Zh, NOW, || "migrated".to_owned());
        let written = &loaded.migration.as_ref().unwrap().writes[0];
        assert_eq!((written.0.as_str(), written.1.contains(r#""dictionary":"""#)), (template_key("migrated").as_str(), true));
        let repack = loaded.repack.unwrap();
        let id = loaded.dictionaries.current().unwrap();
        let again = repack.values.iter().find(|(key, _)| *key == template_key("migrated")).expect("repacked with the new dictionary");
        assert!(again.1.contains(&format!(r#""dictionary":"{id}""#)), "{}", again.1);
        assert_eq!(repack.values.len(), 21);
    }

    #[test]
    fn a_version_1_draft_becomes_an_open_template() {
        let stored = entries(&[(DRAFT_KEY, r#"{"format":"notice-studio/draft","version":1,"body":"Hi {{ name }}","sample":"{\"name\":\"Ann\"}"}"#)]);
        let loaded = load(stored, Lang::En, NOW, || "t1".to_owned());
        let expected = Template {
            id: "t1".into(),
            name: "Draft".into(),
            locale: Lang::En,
            body: "Hi {{ name }}".into(),
            samples: vec![SampleProfile { name: "Sample".into(), data: "{\"name\":\"Ann\"}".into() }],
            created_ms: NOW,
            updated_ms: NOW,
            ..Template::default()
        };
        assert_eq!(loaded.library.templates, std::slice::from_ref(&expected));
        let session = Session { open: Some("t1".into()), profile: Some("Sample".into()) };
        assert_eq!(loaded.session, session);
        assert_eq!(loaded.migration, Some(Migration {
            writes: vec![(template_key("t1"), encode_template(&expected)), (SESSION_KEY.into(), encode_session(&session))],
            removals: vec![DRAFT_KEY.into()],
        }));
    }

    #[test]
    fn a_version_2_draft_keeps_channel_purpose_and_its_exact_text() {
        let loaded = load([(DRAFT_KEY.to_owned(), encode_draft(&draft()))], Lang::Zh, NOW, || "t1".to_owned());
        let template = &loaded.library.templates[0];
        assert_eq!((template.name.as_str(), template.channel, template.purpose), ("草稿", Channel::Sms, Purpose::Marketing));
        assert_eq!((template.body.as_str(), template.samples[0].name.as_str(), template.samples[0].data.as_str()), (
            draft().body.as_str(),
            "样例",
            draft().sample.as_str()
        ));
    }

    #[test]
    fn a_draft_migrated_before_is_only_removed_and_an_open_template_stays_open() {
        let first = load([(DRAFT_KEY.to_owned(), encode_draft(&draft()))], Lang::Zh, NOW, || "t1".to_owned());
        // The writes went through, the removal did not, and the user opened another template.
        let mut stored = first.migration.unwrap().writes;
        stored.retain(|(key, _)| key != SESSION_KEY);
        stored.push((template_key("t2"), encode_template(&template("t2", NOW))));
        stored.push((SESSION_KEY.into(), encode_session(&Session { open: Some("t2".into()), profile: None })));
        stored.push((DRAFT_KEY.into(), encode_draft(&draft())));
        let again = load(stored, Lang::Zh, NOW + 1, no_ids());
        assert_eq!(again.library.templates.len(), 2);
        assert_eq!(again.migration, Some(Migration { writes: Vec::new(), removals: vec![DRAFT_KEY.into()] }));
        assert_eq!(again.session.open.as_deref(), Some("t2"));
    }

    #[test]
    fn a_draft_opens_in_place_of_an_open_template_that_is_not_there() {
        let stored = [
            (SESSION_KEY.to_owned(), encode_session(&Session { open: Some("gone".into()), profile: None })),
            (DRAFT_KEY.to_owned(), encode_draft(&draft())),
        ];
        let loaded = load(stored, Lang::Zh, NOW, || "t1".to_owned());
        assert_eq!(loaded.session, Session { open: Some("t1".into()), profile: Some("样例".into()) });
    }

    #[test]
    fn a_draft_gets_a_free_id_or_stays_where_it_is() {
        let taken = [(template_key("t1"), encode_template(&template("t1", NOW))), (DRAFT_KEY.to_owned(), encode_draft(&draft()))];
        let mut ids = ["", "t1", "t2"].into_iter().map(str::to_owned);
        let loaded = load(taken.clone(), Lang::Zh, NOW, || ids.next().unwrap_or_default());
        assert_eq!(loaded.session.open.as_deref(), Some("t2"));

        let loaded = load(taken, Lang::Zh, NOW, || "t1".to_owned());
        assert_eq!((loaded.migration, loaded.library.templates.len(), loaded.session.open), (None, 1, None));
    }

    #[test]
    fn a_damaged_draft_is_quarantined_like_any_value() {
        let loaded = load(entries(&[(DRAFT_KEY, "{")]), Lang::Zh, NOW, no_ids());
        assert_eq!(loaded.quarantine.len(), 1);
        assert_eq!(loaded.migration, None);
    }

    #[test]
    fn a_backup_keeps_every_value_verbatim() {
        let entries = vec![(template_key("a"), "{\"format\":".to_owned()), (LANG_KEY.to_owned(), "\"en\"".to_owned())];
        let backup: serde_json::Value = serde_json::from_str(&encode_backup(&entries)).unwrap();
        assert_eq!(backup["format"], "notice-studio/backup");
        assert_eq!(backup["entries"][template_key("a")], "{\"format\":");
        assert_eq!(backup["entries"][LANG_KEY], "\"en\"");
    }
}
