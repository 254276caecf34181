//! The studio's state: the library, the open template as it is being
//! edited, and the actions on them. Components read these signals and call
//! these actions; every write to storage goes through here, and every
//! decision (revisions, conflicts, history, trash) is the engine's.

use std::time::Duration;

use leptos::prelude::*;
use notice_engine::library::gallery::Gallery;
use notice_engine::library::history::{History, Snapshot, SnapshotKind};
use notice_engine::files::import::{self, Applied, Contents, Resolution as ImportResolution};
use notice_engine::lang::Lang;
use notice_engine::library::{self, Library};
use notice_engine::convert::sms::Platform;
use notice_engine::check::Diagnostic;
use notice_engine::library::model::{Channel, Shared, Stage, Status, Template};
use notice_engine::library::PartialNameProblem;
use notice_engine::check::ready;
use notice_engine::library::store::{self, Quarantined, Session, StoredKey};
use notice_engine::library::sync::{self, Incoming, Resolution, WriteDecision};
use notice_engine::editor::undo::{Change, UndoStack};

use crate::browser::storage::{self, SaveError};
use crate::ui::i18n::{t, Msg};

/// Snapshots dropped at a time when storage is too full for an edit.
const ROOM_SNAPSHOTS: usize = 10;
/// How long typing may pause before the edit is written.
const SAVE_DELAY: Duration = Duration::from_millis(500);

#[derive(Clone, Copy)]
pub struct Studio {
    pub lang: RwSignal<Lang>,
    pub library: RwSignal<Library>,
    /// The open template as edited; `None` when the library is empty.
    pub working: RwSignal<Option<Template>>,
    /// The sample profile the preview shows, by name.
    pub profile: RwSignal<Option<String>>,
    /// The open template's snapshots.
    pub history: RwSignal<History>,
    /// Another tab's version of the open template, while both changed it.
    pub conflict: RwSignal<Option<Template>>,
    pub save_error: RwSignal<Option<SaveError>>,
    /// Values start-up found damaged and moved aside.
    pub quarantine: RwSignal<Vec<Quarantined>>,
    pub used_bytes: RwSignal<usize>,
    /// The template just moved to the trash, for the undo offer.
    pub trashed: RwSignal<Option<String>>,
    /// A first visit: the gallery was just installed, so say hello.
    pub welcome: RwSignal<bool>,
    /// Old snapshots dropped to make room for an edit when storage was full.
    pub pruned: RwSignal<usize>,
    /// The starter gallery, once the engine worker has sent it.
    pub gallery: RwSignal<Option<Gallery>>,
    /// Something is waiting for the gallery: the app asks the worker.
    pub gallery_needed: RwSignal<bool>,
    /// A first visit: the gallery is installed when it arrives.
    install_on_arrival: StoredValue<bool>,
    sync: StoredValue<SyncState>,
    /// Undo and redo of the open template's body.
    undo: StoredValue<UndoStack>,
    /// A ready template was edited: the next check of it decides whether it
    /// stays ready (`ready::revisit`).
    ready_edited: StoredValue<bool>,
    /// A recount of `used_bytes` is due after the current burst of storage events.
    recount_due: StoredValue<bool>,
}

/// What this tab knows about the open template's stored value.
#[derive(Default)]
struct SyncState {
    /// The revision this tab last read or wrote.
    base_revision: u64,
    /// Edits not yet written.
    dirty: bool,
    timer: Option<TimeoutHandle>,
}

impl Studio {
    /// Loads the library from storage (a first visit gets a starter template).
    pub fn load(lang: RwSignal<Lang>) -> Studio {
        let studio = Studio {
            lang,
            library: RwSignal::new(Library::default()),
            working: RwSignal::new(None),
            profile: RwSignal::new(None),
            history: RwSignal::new(History::default()),
            conflict: RwSignal::new(None),
            save_error: RwSignal::new(None),
            quarantine: RwSignal::new(Vec::new()),
            used_bytes: RwSignal::new(0),
            trashed: RwSignal::new(None),
            welcome: RwSignal::new(false),
            pruned: RwSignal::new(0),
            gallery: RwSignal::new(None),
            gallery_needed: RwSignal::new(false),
            install_on_arrival: StoredValue::new(false),
            sync: StoredValue::new(SyncState::default()),
            undo: StoredValue::new(UndoStack::default()),
            ready_edited: StoredValue::new(false),
            recount_due: StoredValue::new(false),
        };
        let lang_now = lang.get_untracked();
        match storage::load(lang_now, now_ms(), new_id) {
            Ok(loaded) => {
                studio.library.set(loaded.library);
                studio.quarantine.set(loaded.quarantine);
                let open = studio.library.with_untracked(|l| {
                    let active = |id: &String| l.get(id).is_some_and(|t| !t.is_trashed());
                    loaded.session.open.filter(active).or_else(|| l.active().next().map(|t| t.id.clone()))
                });
                match open {
                    Some(id) => studio.open_with_profile(&id, loaded.session.profile),
                    None if studio.library.with_untracked(|l| l.templates.is_empty()) => {
                        studio.install_on_arrival.set_value(true);
                        studio.gallery_needed.set(true);
                    }
                    None => {}
                }
            }
            Err(err) => studio.save_error.set(Some(err)),
        }
        studio.used_bytes.set(storage::used_bytes());
        studio
    }

    /// The gallery arrived from the engine worker.
    pub fn receive_gallery(self, gallery: Gallery) {
        self.gallery.set(Some(gallery));
        if self.install_on_arrival.try_update_value(std::mem::take).unwrap_or(false) {
            self.install_gallery();
        }
    }

    /// A first visit: the gallery's templates in the UI's language, with the
    /// presets and partials they use, and the first one opened (unless the
    /// user opened one of their own meanwhile).
    fn install_gallery(self) {
        let first = self.add_missing_gallery().into_iter().next();
        if let Some(id) = first.filter(|_| self.working.with_untracked(Option::is_none)) {
            self.open(&id);
        }
        self.welcome.set(true);
    }

    /// Adds a copy of gallery template `slug` to the library and opens it.
    pub fn new_from_gallery(self, slug: &str) {
        self.flush();
        let id = new_id();
        let added = self.gallery.with_untracked(|gallery| {
            let gallery = gallery.as_ref()?;
            let starter = gallery.starter(slug)?;
            let lang = self.lang.get_untracked();
            self.library.try_update(|l| l.copy_starter(gallery, starter, id.clone(), now_ms(), lang).is_some())
        });
        if added == Some(true) {
            self.write_shared();
            self.store_library_template(&id);
            self.open(&id);
        }
    }

    /// Brings back the gallery templates in the UI's language that the library
    /// no longer has; how many.
    pub fn restore_gallery(self) -> usize {
        self.flush();
        let added = self.add_missing_gallery();
        if self.working.with_untracked(Option::is_none) {
            if let Some(id) = added.first() {
                self.open(id);
            }
        }
        added.len()
    }

    /// Adds and stores the gallery templates in the UI's language that the
    /// library lacks, with the presets and partials they use; their ids.
    fn add_missing_gallery(self) -> Vec<String> {
        let lang = self.lang.get_untracked();
        let added = self.gallery.with_untracked(|gallery| {
            let gallery = gallery.as_ref()?.in_language(lang);
            self.library.try_update(|l| l.restore_gallery(&gallery, new_id, now_ms()))
        });
        let added = added.unwrap_or_default();
        self.write_shared();
        for id in &added {
            self.store_library_template(id);
        }
        added
    }

    /// Brings read files into the library, settling each clash as
    /// `resolutions` says (see `import::apply`), and stores what changed in
    /// one go. The open template, if it was replaced, is reopened as imported;
    /// with none open, the first new one opens.
    pub fn import(self, contents: Contents, resolutions: &[ImportResolution]) -> Applied {
        self.flush();
        let lang = self.lang.get_untracked();
        let applied = self.library.try_update(|l| import::apply(l, contents, resolutions, new_id, now_ms(), lang)).unwrap_or_default();
        if applied.shared {
            self.write_shared();
        }
        for id in &applied.templates {
            self.store_library_template(id);
        }
        match self.open_id() {
            Some(open) if applied.templates.contains(&open) => self.open(&open),
            None => {
                if let Some(first) = applied.templates.first() {
                    self.open(first);
                }
            }
            Some(_) => {}
        }
        applied
    }

    /// Writes what templates share (field presets, partials, settings).
    fn write_shared(self) {
        let written = self.library.with_untracked(|l| storage::write(store::LIBRARY_KEY, &store::encode_library(l)));
        if let Err(err) = written {
            self.save_error.set(Some(err));
        }
    }

    /// Changes what templates share (the field schema, library-wide
    /// profiles) and writes it at once: the checks, the field palette and the
    /// sample form follow it.
    pub fn edit_shared(self, change: impl FnOnce(&mut Shared)) {
        self.library.update(|l| change(&mut l.shared));
        self.write_shared();
    }

    /// Chooses the SMS platform the library sends through: its review rules
    /// join the checks of every SMS template.
    pub fn set_platform(self, platform: Option<Platform>) {
        self.library.update(|l| l.settings.platform = platform);
        self.write_shared();
    }

    /// Renames shared partial `old` and rewrites the includes of it; the
    /// templates changed are stored, and the open one, if changed, reopened.
    pub fn rename_partial(self, old: &str, new: &str) -> Result<(), PartialNameProblem> {
        self.flush();
        let changed = self.library.try_update(|l| l.rename_partial(old, new, now_ms())).unwrap_or(Err(PartialNameProblem::Missing))?;
        self.write_shared();
        for id in &changed {
            self.store_library_template(id);
        }
        if let Some(open) = self.open_id().filter(|id| changed.contains(id)) {
            self.open(&open);
        }
        Ok(())
    }

    /// Declares `path` in the schema and gives the open template's samples a value for it.
    pub fn declare_field(self, path: &str) {
        self.edit(|t| self.library.update(|l| library::declare_field(&mut l.shared, t, path)));
        self.write_shared();
    }

    /// Moves the open template's profile `name` into the library (`share`)
    /// or the library's into the open template, and shows it.
    pub fn share_profile(self, name: &str, share: bool) {
        let mut moved = None;
        self.edit(|t| {
            self.library.update(|l| {
                moved = if share { l.shared.share_profile(t, name) } else { l.shared.unshare_profile(t, name) };
            });
        });
        if moved.is_some() {
            self.write_shared();
            self.select_profile(moved);
        }
    }

    pub fn open(self, id: &str) {
        self.open_with_profile(id, None);
    }

    fn open_with_profile(self, id: &str, profile: Option<String>) {
        self.flush();
        let Some(template) = self.library.with_untracked(|l| l.get(id).cloned()) else { return };
        let profile = self.library.with_untracked(|l| {
            let names: Vec<&String> = l.shared.profiles_for(&template).map(|s| &s.name).collect();
            profile.filter(|p| names.contains(&p)).or_else(|| names.first().map(|n| (*n).clone()))
        });
        self.sync.update_value(|s| *s = SyncState { base_revision: template.revision, ..SyncState::default() });
        self.undo.set_value(UndoStack::default());
        let history = storage::read(&store::history_key(id)).and_then(|raw| storage::decode_history(&raw).ok()).unwrap_or_default();
        self.history.set(history);
        self.conflict.set(None);
        self.working.set(Some(template));
        self.select_profile(profile);
    }

    pub fn select_profile(self, profile: Option<String>) {
        self.profile.set(profile.clone());
        let session = Session { open: self.working.with_untracked(|w| w.as_ref().map(|t| t.id.clone())), profile };
        // The session is a convenience: failing to write it loses no work.
        let _ = storage::write(store::SESSION_KEY, &store::encode_session(&session));
    }

    /// Changes the open template; the change is written after a pause.
    pub fn edit(self, change: impl FnOnce(&mut Template)) {
        let mut changed = false;
        self.working.update(|w| {
            if let Some(template) = w {
                if template.status == Status::Ready {
                    self.ready_edited.set_value(true);
                }
                change(template);
                changed = true;
            }
        });
        if changed {
            self.sync.update_value(|s| {
                s.dirty = true;
                if let Some(timer) = s.timer.take() {
                    timer.clear();
                }
                s.timer = set_timeout_with_handle(move || self.flush(), SAVE_DELAY).ok();
            });
        }
    }

    /// Changes the open template's body, as one undo step or part of a burst of typing.
    pub fn edit_body(self, body: String, change: Change) {
        let Some(before) = self.working.with_untracked(|w| w.as_ref().map(|t| t.body.clone())) else { return };
        self.undo.update_value(|u| u.record(&before, change, now_ms()));
        self.edit(|t| t.body = body);
    }

    /// Ctrl+Z in the body: back one step.
    pub fn undo_body(self) {
        self.step_body(UndoStack::undo);
    }

    /// Ctrl+Shift+Z or Ctrl+Y in the body: forward one step.
    pub fn redo_body(self) {
        self.step_body(UndoStack::redo);
    }

    fn step_body(self, step: fn(&mut UndoStack, &str) -> Option<String>) {
        let Some(current) = self.working.with_untracked(|w| w.as_ref().map(|t| t.body.clone())) else { return };
        if let Some(body) = self.undo.try_update_value(|u| step(u, &current)).flatten() {
            self.edit(|t| t.body = body);
        }
    }

    /// Writes the open template now if it has unwritten edits: after a
    /// pause, before anything else happens to the library, and when the
    /// page is hidden or closed.
    pub fn flush(self) {
        let dirty = self.sync.with_value(|s| s.dirty);
        if !dirty || self.conflict.with_untracked(Option::is_some) {
            return;
        }
        let Some(mut template) = self.working.get_untracked() else { return };
        let key = store::template_key(&template.id);
        let stored = storage::read(&key).and_then(|raw| storage::decode_template(&raw).ok());
        let base = self.sync.with_value(|s| s.base_revision);
        match sync::on_write(stored.as_ref(), base) {
            WriteDecision::Conflict => self.conflict.set(stored),
            WriteDecision::Write { revision } => {
                template.revision = revision;
                template.updated_ms = now_ms();
                if self.write_template(&template) {
                    self.sync.update_value(|s| {
                        s.base_revision = revision;
                        s.dirty = false;
                    });
                    self.working.update_untracked(|w| *w = Some(template.clone()));
                    self.take_auto_snapshot(&template);
                    self.library.update(|l| l.upsert(template));
                }
            }
        }
    }

    /// Writes `template` under its key; false (with the error shown) when
    /// storage refused, in which case the edit stays in memory.
    fn write_template(self, template: &Template) -> bool {
        let key = store::template_key(&template.id);
        let value = storage::encode_template(template);
        let mut written = storage::write(&key, &value);
        if matches!(written, Err(SaveError::Full { .. })) && self.make_room(&template.id) {
            written = storage::write(&key, &value);
        }
        let ok = written.is_ok();
        self.save_error.set(written.err());
        self.used_bytes.set(storage::used_bytes());
        ok
    }

    /// Storage is full: the open template's oldest snapshots (never a Ready
    /// one) give way to the edit itself. Whether any was dropped.
    fn make_room(self, id: &str) -> bool {
        if self.open_id().as_deref() != Some(id) {
            return false;
        }
        let dropped = self.history.try_update(|h| h.prune_oldest(ROOM_SNAPSHOTS)).unwrap_or(0);
        if dropped > 0 {
            self.write_history();
            self.pruned.update(|n| *n += dropped);
        }
        dropped > 0
    }

    /// Writes a template of the library that is not being edited (created,
    /// trashed, restored), on top of whatever revision is stored.
    fn store_library_template(self, id: &str) {
        let stored_revision = storage::read(&store::template_key(id)).and_then(|raw| storage::decode_template(&raw).ok()).map(|t| t.revision);
        let template = self.library.try_update(|l| {
            let template = l.get_mut(id)?;
            template.revision = stored_revision.unwrap_or(template.revision) + 1;
            Some(template.clone())
        });
        if let Some(Some(template)) = template {
            self.write_template(&template);
            if self.working.with_untracked(|w| w.as_ref().is_some_and(|w| w.id == id)) {
                self.sync.update_value(|s| s.base_revision = template.revision);
            }
        }
    }

    /// Fills in a just-created template, then writes it.
    fn store_new(self, id: &str, fill: impl FnOnce(&mut Template)) {
        self.library.update(|l| {
            if let Some(template) = l.get_mut(id) {
                fill(template);
            }
        });
        self.store_library_template(id);
    }

    pub fn create(self) {
        self.create_for(None, Channel::Email);
    }

    /// A new template for a gap of the coverage matrix: that stage, that channel.
    pub fn create_for(self, stage: Option<Stage>, channel: Channel) {
        self.flush();
        let lang = self.lang.get_untracked();
        let id = new_id();
        self.library.update(|l| {
            l.create(id.clone(), t(lang, Msg::UntitledTemplate).to_owned(), channel, lang, now_ms());
        });
        self.store_new(&id, |t| t.stage = stage);
        self.open(&id);
    }

    pub fn duplicate(self) {
        self.flush();
        let Some(id) = self.open_id() else { return };
        let copy = new_id();
        let lang = self.lang.get_untracked();
        let added = self.library.try_update(|l| l.duplicate(&id, copy.clone(), now_ms(), lang).is_some()).unwrap_or(false);
        if added {
            self.store_library_template(&copy);
            self.open(&copy);
        }
    }

    pub fn trash(self, id: &str) {
        self.flush();
        if !self.library.try_update(|l| l.trash(id, now_ms())).unwrap_or(false) {
            return;
        }
        self.store_library_template(id);
        self.trashed.set(Some(id.to_owned()));
        if self.open_id().as_deref() == Some(id) {
            self.open_first_active();
        }
    }

    pub fn restore(self, id: &str) {
        if self.library.try_update(|l| l.restore(id)).unwrap_or(false) {
            self.store_library_template(id);
            if self.trashed.get_untracked().as_deref() == Some(id) {
                self.trashed.set(None);
            }
            if self.working.with_untracked(Option::is_none) {
                self.open(id);
            }
        }
    }

    pub fn empty_trash(self) {
        for id in self.library.try_update(Library::empty_trash).unwrap_or_default() {
            storage::remove(&store::template_key(&id));
            storage::remove(&store::history_key(&id));
        }
        self.trashed.set(None);
        self.used_bytes.set(storage::used_bytes());
    }

    /// Keeps the open template as it is now in its history.
    pub fn save_version(self, label: String) {
        self.flush();
        self.snapshot(SnapshotKind::Manual, label);
    }

    /// Marks the open template ready, its findings being `diagnostics` (the
    /// check of its current text, `findings` their fingerprint); with errors
    /// only with a `reason`, which the history keeps. Refused as `ready::mark` refuses.
    pub fn mark_ready(self, diagnostics: &[Diagnostic], findings: &str, reason: &str) -> Result<(), ready::Refusal> {
        let Some(mut template) = self.working.get_untracked() else { return Ok(()) };
        ready::mark(&mut template, diagnostics, findings, reason, now_ms())?;
        self.edit(|t| *t = template);
        self.ready_edited.set_value(false);
        self.flush();
        self.snapshot(SnapshotKind::Ready, reason.trim().to_owned());
        Ok(())
    }

    pub fn mark_draft(self) {
        self.edit(ready::unmark);
    }

    /// The check of the open template after an edit (`findings`, the
    /// fingerprint of its findings): a ready template whose findings changed
    /// becomes a draft again.
    pub fn revisit_ready(self, findings: &str) {
        if !self.ready_edited.get_value() {
            return;
        }
        self.ready_edited.set_value(false);
        if !self.working.with_untracked(|w| w.as_ref().is_none_or(|t| ready::holds(t, findings))) {
            self.edit(ready::unmark);
            self.ready_edited.set_value(false);
        }
    }

    /// Brings back snapshot `index`; the current state is kept as a snapshot first.
    pub fn restore_snapshot(self, index: usize) {
        let Some(current) = self.working.get_untracked() else { return };
        let restored = self.history.try_update(|h| h.restore(index, &current, now_ms())).flatten();
        if let Some(restored) = restored {
            self.undo.update_value(|u| u.record(&current.body, Change::Whole, now_ms()));
            self.write_history();
            self.edit(|t| *t = restored);
            self.flush();
        }
    }

    fn snapshot(self, kind: SnapshotKind, label: String) {
        let Some(template) = self.working.get_untracked() else { return };
        self.history.update(|h| h.push(Snapshot { at_ms: now_ms(), kind, label, template }));
        self.write_history();
    }

    fn take_auto_snapshot(self, template: &Template) {
        let now = now_ms();
        if self.history.with_untracked(|h| h.wants_auto(template, now)) {
            self.history.update(|h| h.push(Snapshot { at_ms: now, kind: SnapshotKind::Auto, label: String::new(), template: template.clone() }));
            self.write_history();
        }
    }

    fn write_history(self) {
        let Some(id) = self.open_id() else { return };
        let written = self.history.with_untracked(|h| storage::write(&store::history_key(&id), &storage::encode_history(h)));
        if let Err(err) = written {
            self.save_error.set(Some(err));
        }
    }

    /// Settles a conflict with another tab the way the user chose.
    pub fn resolve(self, choice: Choice) {
        let (Some(mine), Some(theirs)) = (self.working.get_untracked(), self.conflict.get_untracked()) else { return };
        let resolution = match choice {
            Choice::KeepMine => Resolution::KeepMine,
            Choice::TakeTheirs => Resolution::TakeTheirs,
            Choice::KeepBoth => Resolution::KeepBoth { new_id: new_id() },
        };
        let mut kept = sync::resolve(mine, theirs, resolution, now_ms(), self.lang.get_untracked()).into_iter();
        let Some(shown) = kept.next() else { return };
        self.conflict.set(None);
        let revision = shown.revision;
        self.sync.update_value(|s| {
            s.base_revision = revision;
            s.dirty = choice == Choice::KeepMine;
        });
        self.working.set(Some(shown.clone()));
        self.library.update(|l| l.upsert(shown));
        for copy in kept {
            let id = copy.id.clone();
            self.library.update(|l| l.upsert(copy));
            self.store_library_template(&id);
        }
        self.flush();
    }

    /// Another tab wrote `key` (`None`: removed it).
    pub fn on_storage_event(self, key: &str, value: Option<String>) {
        match StoredKey::parse(key) {
            StoredKey::Template(id) => {
                let incoming = value.and_then(|raw| storage::decode_template(&raw).ok());
                if self.open_id().as_deref() == Some(id) {
                    let (dirty, base) = self.sync.with_value(|s| (s.dirty, s.base_revision));
                    let Some(local) = self.working.get_untracked() else { return };
                    match sync::on_storage_event(&local, dirty, base, incoming) {
                        Incoming::Refresh(theirs) if theirs.is_trashed() => {
                            // The other tab deleted it: close it here too.
                            self.library.update(|l| l.upsert(theirs));
                            self.open_first_active();
                        }
                        Incoming::Refresh(theirs) => {
                            self.sync.update_value(|s| s.base_revision = theirs.revision);
                            self.working.set(Some(theirs.clone()));
                            self.library.update(|l| l.upsert(theirs));
                        }
                        Incoming::Conflict { theirs } => self.conflict.set(Some(theirs)),
                        Incoming::Deleted => {
                            self.library.update(|l| {
                                l.remove(id);
                            });
                            self.open_first_active();
                        }
                        Incoming::Ignore => {}
                    }
                } else if self.library.with_untracked(|l| l.get(id) != incoming.as_ref()) {
                    // Only a change is applied: a repack in the other tab rewrites
                    // every template as it was, and the list need not redraw.
                    self.library.update(|l| match incoming {
                        Some(template) => l.upsert(template),
                        None => {
                            l.remove(id);
                        }
                    });
                }
            }
            StoredKey::Library => {
                if let Some(record) = value.and_then(|raw| store::decode_library(&raw).ok()) {
                    self.library.update(|l| {
                        l.shared = record.shared;
                        l.settings = record.settings;
                    });
                }
            }
            _ => {}
        }
        self.recount_used_bytes_soon();
    }

    /// Recounts the stored bytes at most once per 100 ms of storage events:
    /// counting reads every key, and a repack in another tab is one event per
    /// template, so counting per event would be quadratic in the library.
    fn recount_used_bytes_soon(self) {
        if self.recount_due.get_value() {
            return;
        }
        self.recount_due.set_value(true);
        set_timeout(
            move || {
                self.recount_due.set_value(false);
                self.used_bytes.set(storage::used_bytes());
            },
            Duration::from_millis(100),
        );
    }

    /// Closes the open template and opens the first one not in the trash, if any.
    fn open_first_active(self) {
        self.working.set(None);
        self.sync.update_value(|s| *s = SyncState::default());
        if let Some(next) = self.library.with_untracked(|l| l.active().next().map(|t| t.id.clone())) {
            self.open(&next);
        }
    }

    pub fn open_id(self) -> Option<String> {
        self.working.with_untracked(|w| w.as_ref().map(|t| t.id.clone()))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    KeepMine,
    TakeTheirs,
    KeepBoth,
}

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A template id: the time and a random part, so two tabs never pick the same.
fn new_id() -> String {
    format!("t{:x}{:06x}", now_ms(), (js_sys::Math::random() * f64::from(1 << 24)) as u32)
}
