//! Reading exports back: the bundle, the zip, or single `.j2` files (with
//! their `.json` sidecars), as the user picked or dropped them.
//!
//! Import happens in two steps so that a bad file changes nothing: [`read`]
//! decodes and validates every file into [`Contents`] or fails naming the file
//! and the place; [`plan`] says what each template, partial, field and the
//! settings would do to the library (add, unchanged, clash), and only
//! [`apply`], with the user's choice for each clash, changes it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde::de::DeserializeOwned;

use crate::check::Settings;
use crate::files::export::tree::{self, Manifest, SamplesFile};
use crate::files::export::{SIDECAR_FORMAT, SIDECAR_VERSION, Selection, Sidecar, bundle};
use crate::lang::Lang;
use crate::library::Library;
use crate::library::model::{Channel, Field, FieldSchema, SampleProfile, Shared, Template};
use crate::files::zip::{self, ZipError};

/// The largest file an import reads.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Everything the picked files hold, validated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contents {
    /// Templates in file order; a `.j2` without sidecar has an empty id.
    pub templates: Vec<Template>,
    /// Where each template came from, one per template, as reports name it:
    /// `library.zip › templates/renewal/续费.email.j2` (its file in the zip),
    /// `library.json › 续费.email.j2` (`NAME.CHANNEL.j2` in a bundle), or the `.j2` file.
    pub origins: Vec<String>,
    pub partials: BTreeMap<String, String>,
    pub fields: Vec<Field>,
    /// Library-wide sample profiles.
    pub profiles: Vec<SampleProfile>,
    pub settings: Option<Settings>,
    /// What the export said it holds, when it said.
    pub selection: Option<Selection>,
}

/// Why an import was refused. `file` names the picked file, and for a zip
/// the entry inside it (`library.zip › manifest.json`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge { file: String },
    Zip { file: String, error: ZipError },
    /// JSON that does not parse or does not have the expected shape.
    Json { file: String, place: Place, detail: String },
    /// JSON of some other kind than our exports.
    NotAnExport { file: String },
    NewerVersion { file: String, version: u32 },
    UnknownVersion { file: String, version: u32 },
    /// A file the manifest names is not in the zip.
    Missing { file: String, path: String },
    NotUtf8 { file: String },
    /// Neither a bundle, a zip nor a `.j2` template.
    UnknownKind { file: String },
    /// Two templates with one id among the picked files.
    DuplicateId { file: String, id: String },
}

/// Where in a JSON file the problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Line { line: usize, column: usize },
    /// A JSON path, `templates[2]`.
    Path(String),
}

impl Contents {
    /// Each template with where it came from.
    pub fn named(&self) -> impl Iterator<Item = (&str, &Template)> {
        self.origins.iter().map(String::as_str).zip(&self.templates)
    }

    /// The schema fields, partials and library-wide profiles the templates came with, as a library's shared parts.
    pub fn shared(&self) -> Shared {
        Shared { schema: FieldSchema { fields: self.fields.clone() }, partials: self.partials.clone(), profiles: self.profiles.clone() }
    }
}

/// Whether the file `name` holding `data` is a whole exported library (a
/// `.zip`, or a `.json` that is a bundle) rather than one template or sidecar.
pub fn is_library(name: &str, data: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Format {
        format: String,
    }
    let lower = name.to_lowercase();
    lower.ends_with(".zip")
        || (lower.ends_with(".json") && utf8(name, data).ok().and_then(|text| serde_json::from_str::<Format>(text).ok()).is_some_and(|f| f.format == bundle::FORMAT))
}

impl ImportError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            ImportError::TooLarge { file } if zh => format!("{file}：文件超过 20 MB，未导入。"),
            ImportError::TooLarge { file } => format!("{file}: the file is over 20 MB; nothing was imported."),
            ImportError::Zip { file, error } => zip_message(file, error, lang),
            ImportError::Json { file, place: Place::Line { line, column }, detail } if zh => format!("{file}：第 {line} 行第 {column} 列不是有效的导出内容（{detail}）。"),
            ImportError::Json { file, place: Place::Line { line, column }, detail } => format!("{file}: line {line}, column {column} is not a valid export ({detail})."),
            ImportError::Json { file, place: Place::Path(path), detail } if zh => format!("{file}：{path} 不是有效的导出内容（{detail}）。"),
            ImportError::Json { file, place: Place::Path(path), detail } => format!("{file}: {path} is not a valid export ({detail})."),
            ImportError::NotAnExport { file } if zh => format!("{file}：不是 Notice Studio 导出的模板库、模板或其说明文件。"),
            ImportError::NotAnExport { file } => format!("{file}: not a library, template or sidecar exported by Notice Studio."),
            ImportError::NewerVersion { file, version } if zh => format!("{file}：来自更新版本的 Notice Studio（格式版本 {version}），请用该版本导入。"),
            ImportError::NewerVersion { file, version } => format!("{file}: written by a newer Notice Studio (format version {version}); import it there."),
            ImportError::UnknownVersion { file, version } if zh => format!("{file}：未知的格式版本 {version}。"),
            ImportError::UnknownVersion { file, version } => format!("{file}: unknown format version {version}."),
            ImportError::Missing { file, path } if zh => format!("{file}：清单列出的 {path} 不在压缩包中。"),
            ImportError::Missing { file, path } => format!("{file}: {path}, listed in the manifest, is not in the archive."),
            ImportError::NotUtf8 { file } if zh => format!("{file}：不是 UTF-8 文本。"),
            ImportError::NotUtf8 { file } => format!("{file}: not UTF-8 text."),
            ImportError::UnknownKind { file } if zh => format!("{file}：只能导入 .json 模板库、.zip 压缩包或 .j2 模板。"),
            ImportError::UnknownKind { file } => format!("{file}: only a .json library bundle, a .zip or .j2 templates can be imported."),
            ImportError::DuplicateId { file, id } if zh => format!("{file}：模板 {id} 在所选文件中出现了两次，请只选其中一份。"),
            ImportError::DuplicateId { file, id } => format!("{file}: template {id} is in the picked files twice; pick one copy only."),
        }
    }
}

fn zip_message(file: &str, error: &ZipError, lang: Lang) -> String {
    match (error, lang) {
        (ZipError::Damaged(at), Lang::Zh) => format!("{file}：压缩包已损坏（{at}），未导入。"),
        (ZipError::Damaged(at), Lang::En) => format!("{file}: the archive is damaged ({at}); nothing was imported."),
        (ZipError::Unsupported { name, feature }, Lang::Zh) => format!("{file}：{name} 使用了不支持的 {feature}。"),
        (ZipError::Unsupported { name, feature }, Lang::En) => format!("{file}: {name} uses {feature}, which is not supported."),
        (ZipError::PathEscapes(name), Lang::Zh) => format!("{file}：路径 {name} 指向压缩包之外，已拒绝。"),
        (ZipError::PathEscapes(name), Lang::En) => format!("{file}: the path {name} points outside the archive; refused."),
        (ZipError::TooLarge, Lang::Zh) => format!("{file}：解压后超过 64 MB 或 20000 个文件，已拒绝（可能是压缩炸弹）。"),
        (ZipError::TooLarge, Lang::En) => format!("{file}: unpacks to over 64 MB or 20,000 files; refused (it may be a zip bomb)."),
    }
}

/// Decodes every picked file (`name`, bytes) into one [`Contents`], or the first error.
pub fn read(files: &[(String, Vec<u8>)]) -> Result<Contents, ImportError> {
    let mut contents = Contents::default();
    let mut sidecars = BTreeMap::new();
    let mut sources = Vec::new();
    for (name, data) in files {
        if data.len() > MAX_FILE_BYTES {
            return Err(ImportError::TooLarge { file: name.clone() });
        }
        let lower = name.to_lowercase();
        if lower.ends_with(".zip") || data.starts_with(b"PK\x03\x04") {
            read_zip(name, data, &mut contents)?;
        } else if lower.ends_with(".json") {
            let text = utf8(name, data)?;
            let header: Header = json(name, text)?;
            match header.format.as_str() {
                bundle::FORMAT => read_bundle(name, text, header.version, &mut contents)?,
                SIDECAR_FORMAT => {
                    version(name, header.version, SIDECAR_VERSION)?;
                    let stem = name.rsplit('/').next().unwrap_or(name).trim_end_matches(".json").to_owned();
                    sidecars.insert(stem, (name.clone(), json::<Sidecar>(name, text)?));
                }
                _ => return Err(ImportError::NotAnExport { file: name.clone() }),
            }
        } else if lower.ends_with(".j2") || lower.ends_with(".jinja") || lower.ends_with(".jinja2") {
            sources.push((name.clone(), utf8(name, data)?.to_owned()));
        } else {
            return Err(ImportError::UnknownKind { file: name.clone() });
        }
    }
    for (name, body) in sources {
        let base = name.rsplit('/').next().unwrap_or(&name);
        let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
        let template = match sidecars.remove(stem) {
            Some((sidecar_name, sidecar)) => {
                contents.partials.extend(sidecar.partials);
                contents.fields.extend(sidecar.fields);
                add_profiles(&mut contents.profiles, sidecar.profiles);
                template_from(&sidecar_name, "template".into(), sidecar.template, body)?
            }
            None => {
                // A bare `NAME.CHANNEL.j2` (or `NAME.j2`, an e-mail): a new draft.
                let (name, channel) = stem.rsplit_once('.').and_then(|(name, channel)| Some((name, Channel::parse(channel)?))).unwrap_or((stem, Channel::Email));
                Template { name: name.to_owned(), channel, body, ..Template::default() }
            }
        };
        contents.origins.push(name.clone());
        contents.templates.push(template);
    }
    let mut ids = BTreeSet::new();
    if let Some(twice) = contents.templates.iter().find(|t| !t.id.is_empty() && !ids.insert(t.id.as_str())) {
        return Err(ImportError::DuplicateId { file: files.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(", "), id: twice.id.clone() });
    }
    Ok(contents)
}

#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

fn read_bundle(name: &str, text: &str, found: u32, contents: &mut Contents) -> Result<(), ImportError> {
    version(name, found, bundle::VERSION)?;
    let bundle: bundle::Bundle = json(name, text)?;
    contents.origins.extend(bundle.templates.iter().map(|t| format!("{name} › {}.{}.j2", t.name, t.channel.as_str())));
    contents.templates.extend(bundle.templates);
    contents.partials.extend(bundle.shared.partials);
    contents.fields.extend(bundle.shared.schema.fields);
    add_profiles(&mut contents.profiles, bundle.shared.profiles);
    contents.settings = Some(bundle.settings);
    contents.selection = Some(bundle.selection);
    Ok(())
}

fn read_zip(name: &str, data: &[u8], contents: &mut Contents) -> Result<(), ImportError> {
    let entries = zip::read(data).map_err(|error| ImportError::Zip { file: name.to_owned(), error })?;
    // A zip of the export's folder has the files one level down: find the manifest.
    let manifest_at = entries.iter().map(|e| e.name.as_str()).filter(|n| n.rsplit('/').next() == Some(tree::MANIFEST)).min_by_key(|n| n.len());
    let Some(manifest_at) = manifest_at else { return Err(ImportError::NotAnExport { file: name.to_owned() }) };
    let root = manifest_at.trim_end_matches(tree::MANIFEST).to_owned();
    let files: BTreeMap<&str, &[u8]> = entries.iter().filter_map(|e| Some((e.name.strip_prefix(root.as_str())?, e.data.as_slice()))).collect();
    let inner = |path: &str| format!("{name} › {path}");
    let text_of = |path: &str| -> Result<&str, ImportError> {
        let data = files.get(path).ok_or_else(|| ImportError::Missing { file: name.to_owned(), path: path.to_owned() })?;
        utf8(&inner(path), data)
    };

    let manifest_text = text_of(tree::MANIFEST)?;
    let header: Header = json(&inner(tree::MANIFEST), manifest_text)?;
    if header.format != tree::FORMAT {
        return Err(ImportError::NotAnExport { file: inner(tree::MANIFEST) });
    }
    version(&inner(tree::MANIFEST), header.version, tree::VERSION)?;
    let manifest: Manifest = json(&inner(tree::MANIFEST), manifest_text)?;
    for (index, entry) in manifest.templates.into_iter().enumerate() {
        let body = text_of(&entry.file)?.to_owned();
        let samples: SamplesFile = json(&inner(&entry.samples), text_of(&entry.samples)?)?;
        let mut fields = entry.template;
        fields.insert("samples".into(), serde_json::to_value(samples).unwrap_or_default());
        contents.templates.push(template_from(&inner(tree::MANIFEST), format!("templates[{index}].template"), fields, body)?);
        contents.origins.push(inner(&entry.file));
    }
    for (path, _) in files.iter().filter(|(path, _)| path.starts_with(tree::PARTIALS)) {
        contents.partials.insert(path[tree::PARTIALS.len()..].to_owned(), text_of(path)?.to_owned());
    }
    if let Some(path) = &manifest.profiles {
        let profiles: SamplesFile = json(&inner(path), text_of(path)?)?;
        add_profiles(&mut contents.profiles, profiles);
    }
    if files.contains_key(tree::SCHEMA) {
        let schema: crate::library::model::FieldSchema = json(&inner(tree::SCHEMA), text_of(tree::SCHEMA)?)?;
        contents.fields.extend(schema.fields);
    }
    contents.settings = Some(manifest.settings);
    contents.selection = Some(manifest.selection);
    Ok(())
}

/// Adds `profiles` to `to`, each name once (the last file picked wins, as for partials).
fn add_profiles(to: &mut Vec<SampleProfile>, profiles: Vec<SampleProfile>) {
    for profile in profiles {
        match to.iter_mut().find(|p| p.name == profile.name) {
            Some(old) => *old = profile,
            None => to.push(profile),
        }
    }
}

/// A template from its fields less the body, and the body.
fn template_from(file: &str, path: String, mut fields: serde_json::Map<String, serde_json::Value>, body: String) -> Result<Template, ImportError> {
    fields.insert("body".into(), serde_json::Value::String(body));
    serde_json::from_value(serde_json::Value::Object(fields))
        .map_err(|e| ImportError::Json { file: file.to_owned(), place: Place::Path(path), detail: e.to_string() })
}

fn version(file: &str, found: u32, known: u32) -> Result<(), ImportError> {
    match found {
        v if v == known => Ok(()),
        v if v > known => Err(ImportError::NewerVersion { file: file.to_owned(), version: v }),
        v => Err(ImportError::UnknownVersion { file: file.to_owned(), version: v }),
    }
}

fn utf8<'a>(file: &str, data: &'a [u8]) -> Result<&'a str, ImportError> {
    let text = std::str::from_utf8(data).map_err(|_| ImportError::NotUtf8 { file: file.to_owned() })?;
    // Editors on Windows like to start UTF-8 with a byte-order mark.
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

fn json<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, ImportError> {
    serde_json::from_str(text).map_err(|e| ImportError::Json { file: file.to_owned(), place: Place::Line { line: e.line(), column: e.column() }, detail: e.to_string() })
}

/// What an import would do to one thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// New to the library.
    Add,
    /// The library already has it, the same (for a template: by its id, or
    /// under another id).
    Unchanged,
    /// The library has a different one by that id, name or path: the user chooses.
    Clash,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Template,
    Partial,
    Field,
    /// A library-wide sample profile.
    Profile,
    Settings,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanItem {
    pub kind: Kind,
    /// What the user knows it by: template name, partial name, field path.
    pub name: String,
    pub action: Action,
}

/// The user's choice for a clash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Resolution {
    #[default]
    Replace,
    /// For templates: import as a new template beside the existing one.
    KeepBoth,
    Skip,
}

/// What [`apply`] would do with each thing in `contents`: templates in order,
/// then partials, fields, library-wide profiles and the settings.
pub fn plan(library: &Library, contents: &Contents) -> Vec<PlanItem> {
    let action = |existing: Option<bool>| match existing {
        None => Action::Add,
        Some(true) => Action::Unchanged,
        Some(false) => Action::Clash,
    };
    let mut items: Vec<PlanItem> = contents
        .templates
        .iter()
        .map(|t| {
            let by_id = library.get(&t.id).filter(|_| !t.id.is_empty()).map(|old| same_template(old, t));
            // The same template under another id (the gallery's examples in a new browser) is not added twice.
            let elsewhere = || library.active().any(|old| same_template(old, t)).then_some(true);
            PlanItem { kind: Kind::Template, name: t.name.clone(), action: action(by_id.or_else(elsewhere)) }
        })
        .collect();
    items.extend(contents.partials.iter().map(|(name, text)| PlanItem { kind: Kind::Partial, name: name.clone(), action: action(library.shared.partials.get(name).map(|old| old == text)) }));
    items.extend(contents.fields.iter().map(|f| PlanItem { kind: Kind::Field, name: f.path.clone(), action: action(library.shared.schema.field(&f.path).map(|old| old == f)) }));
    items.extend(contents.profiles.iter().map(|p| PlanItem {
        kind: Kind::Profile,
        name: p.name.clone(),
        action: action(library.shared.profiles.iter().find(|old| old.name == p.name).map(|old| old == p)),
    }));
    if let Some(settings) = &contents.settings {
        let existing = (library.settings != Settings::default()).then_some(&library.settings == settings);
        let action = if existing.is_none() && settings == &Settings::default() { Action::Unchanged } else { action(existing) };
        items.push(PlanItem { kind: Kind::Settings, name: String::new(), action });
    }
    items
}

fn same_template(old: &Template, new: &Template) -> bool {
    old.same_content(new) && old.status == new.status && !old.is_trashed()
}

/// What [`apply`] did to templates (counts) and to the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: usize,
    pub replaced: usize,
    pub skipped: usize,
    pub unchanged: usize,
    /// Ids of the templates added or replaced: what must be stored.
    pub templates: Vec<String>,
    /// Whether partials, fields, library-wide profiles or settings changed.
    pub shared: bool,
}

/// Brings `contents` into `library` as [`plan`] said, with `resolutions[i]`
/// deciding the i-th item where it clashes. New ids come from `new_id`.
pub fn apply(library: &mut Library, contents: Contents, resolutions: &[Resolution], mut new_id: impl FnMut() -> String, now_ms: i64, lang: Lang) -> Applied {
    let items = plan(library, &contents);
    let mut applied = Applied::default();
    let mut choices = items.iter().zip(resolutions.iter().copied().chain(std::iter::repeat(Resolution::Replace))).map(|(item, resolution)| match item.action {
        Action::Clash => Some(resolution),
        Action::Add => Some(Resolution::Replace),
        Action::Unchanged => None,
    });
    for mut template in contents.templates {
        let choice = choices.next().flatten();
        match choice {
            None => applied.unchanged += 1,
            Some(Resolution::Skip) => applied.skipped += 1,
            Some(_) => {}
        }
        let existing = library.templates.iter().position(|t| !template.id.is_empty() && t.id == template.id);
        match (choice, existing) {
            (None | Some(Resolution::Skip), _) => continue,
            (Some(Resolution::Replace), Some(at)) => {
                // Above the stored revision, so other open tabs take it as news.
                template.revision = library.templates[at].revision + 1;
                applied.templates.push(template.id.clone());
                library.templates[at] = template;
                applied.replaced += 1;
                continue;
            }
            (Some(Resolution::KeepBoth), Some(_)) => {
                template.name = format!("{}{}", template.name, lang.pick("（导入）", " (imported)"));
                template.id = String::new();
            }
            _ => {}
        }
        if template.id.is_empty() {
            template.id = std::iter::repeat_with(&mut new_id).find(|id| !id.is_empty() && library.get(id).is_none()).unwrap_or_default();
            template.created_ms = now_ms;
            template.updated_ms = now_ms;
            template.revision = 0;
        }
        applied.templates.push(template.id.clone());
        library.templates.push(template);
        applied.added += 1;
    }
    for (name, text) in contents.partials {
        let choice = choices.next().flatten();
        if matches!(choice, Some(Resolution::Replace | Resolution::KeepBoth)) {
            library.shared.partials.insert(name, text);
            applied.shared = true;
        }
    }
    for field in contents.fields {
        let choice = choices.next().flatten();
        if matches!(choice, Some(Resolution::Replace | Resolution::KeepBoth)) {
            match library.shared.schema.fields.iter_mut().find(|f| f.path == field.path) {
                Some(old) => *old = field,
                None => library.shared.schema.fields.push(field),
            }
            applied.shared = true;
        }
    }
    for profile in contents.profiles {
        let choice = choices.next().flatten();
        if matches!(choice, Some(Resolution::Replace | Resolution::KeepBoth)) {
            add_profiles(&mut library.shared.profiles, vec![profile]);
            applied.shared = true;
        }
    }
    if let Some(settings) = contents.settings {
        let choice = choices.next().flatten();
        if matches!(choice, Some(Resolution::Replace | Resolution::KeepBoth)) {
            library.settings = settings;
            applied.shared = true;
        }
    }
    applied
}
