//! Two tabs editing one library: who may write, and what a tab does when
//! another tab wrote.
//!
//! Every stored write of a template increases its `revision`. A tab remembers,
//! for the template it has open, the revision it last read or wrote (its
//! *base*) and whether it has changes not yet written (*dirty*). A write goes
//! ahead only while the stored revision is still the base; otherwise another
//! tab wrote in between, and the user chooses which version to keep, or both.
//! Nothing is overwritten unseen.

use crate::lang::Lang;
use crate::library::copy_of;
use crate::library::model::Template;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteDecision {
    /// Store the template with this revision, which becomes the new base.
    Write { revision: u64 },
    /// Another tab wrote since our base: do not write; ask the user.
    Conflict,
}

/// What to do when another tab changed the stored template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Incoming {
    /// Show theirs; its revision becomes the base.
    Refresh(Template),
    /// Both tabs changed it: ask the user ([`resolve`]).
    Conflict { theirs: Template },
    /// Another tab deleted it for good: close it.
    Deleted,
    /// Nothing new for this tab.
    Ignore,
}

/// How the user settles a conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    KeepMine,
    TakeTheirs,
    /// Theirs stays; mine becomes a copy under `new_id`, which no template
    /// may have (the copy is stored under it).
    KeepBoth { new_id: String },
}

/// Before writing: `stored` is what storage holds now under the template's key.
/// A template that is not stored (new, or deleted meanwhile) is written, so
/// unsaved work is never dropped.
pub fn on_write(stored: Option<&Template>, base_revision: u64) -> WriteDecision {
    match stored {
        Some(stored) if stored.revision != base_revision => WriteDecision::Conflict,
        _ => WriteDecision::Write { revision: base_revision.saturating_add(1) },
    }
}

/// When another tab changed the stored value of the template this tab has
/// open (`local`): `incoming` is what is stored now, `None` when it was removed.
pub fn on_storage_event(local: &Template, dirty: bool, base_revision: u64, incoming: Option<Template>) -> Incoming {
    match incoming {
        // Deleted while we have unsaved changes: our next write stores it again.
        None if dirty => Incoming::Ignore,
        None => Incoming::Deleted,
        Some(theirs) if theirs.revision == base_revision => Incoming::Ignore,
        Some(theirs) if !dirty => Incoming::Refresh(theirs),
        // Unsaved, but they stored just what we have (say, both tabs settled a
        // conflict alike): nothing of ours is lost by taking theirs.
        Some(theirs) if theirs.same_content(local) && theirs.status == local.status => Incoming::Refresh(theirs),
        Some(theirs) => Incoming::Conflict { theirs },
    }
}

/// The templates to keep after a conflict, to be stored and shown. With
/// KeepMine, mine takes their revision, so that its write goes on top of theirs.
pub fn resolve(mine: Template, theirs: Template, resolution: Resolution, now_ms: i64, lang: Lang) -> Vec<Template> {
    match resolution {
        Resolution::KeepMine => vec![Template { revision: theirs.revision, ..mine }],
        Resolution::TakeTheirs => vec![theirs],
        Resolution::KeepBoth { new_id } => {
            let copy = copy_of(&mine, new_id, now_ms, lang);
            vec![theirs, copy]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::model::Status;

    fn template(body: &str, revision: u64) -> Template {
        Template { id: "t".into(), name: "续费提醒".into(), body: body.into(), revision, ..Template::default() }
    }

    #[test]
    fn writes_on_top_of_our_base_only() {
        assert_eq!(on_write(None, 0), WriteDecision::Write { revision: 1 }, "new template");
        assert_eq!(on_write(Some(&template("a", 4)), 4), WriteDecision::Write { revision: 5 });
        assert_eq!(on_write(Some(&template("a", 5)), 4), WriteDecision::Conflict, "another tab wrote");
        assert_eq!(on_write(Some(&template("a", 3)), 4), WriteDecision::Conflict, "storage went back");
        assert_eq!(on_write(None, 4), WriteDecision::Write { revision: 5 }, "deleted meanwhile: keep the work");
        assert_eq!(on_write(None, u64::MAX), WriteDecision::Write { revision: u64::MAX }, "no overflow");
    }

    #[test]
    fn a_clean_tab_follows_the_other_tab_silently() {
        let local = template("a", 4);
        assert_eq!(on_storage_event(&local, false, 4, Some(template("b", 5))), Incoming::Refresh(template("b", 5)));
        assert_eq!(on_storage_event(&local, false, 4, None), Incoming::Deleted);
    }

    #[test]
    fn a_dirty_tab_is_asked_when_the_other_tab_wrote_something_else() {
        let local = template("mine", 4);
        assert_eq!(on_storage_event(&local, true, 4, Some(template("theirs", 5))), Incoming::Conflict { theirs: template("theirs", 5) });
        let same = Template { status: Status::Ready, ..template("mine", 5) };
        assert_eq!(on_storage_event(&local, true, 4, Some(same.clone())), Incoming::Conflict { theirs: same }, "ours is unsaved");
    }

    #[test]
    fn a_dirty_tab_takes_a_write_of_just_what_it_has_without_asking() {
        let local = template("mine", 4);
        let same = Template { updated_ms: 9, ..template("mine", 5) };
        assert_eq!(on_storage_event(&local, true, 4, Some(same.clone())), Incoming::Refresh(same));
    }

    #[test]
    fn our_own_revision_and_deletions_under_unsaved_work_are_ignored() {
        let local = template("a", 4);
        assert_eq!(on_storage_event(&local, true, 4, Some(template("a", 4))), Incoming::Ignore);
        assert_eq!(on_storage_event(&local, false, 4, Some(template("x", 4))), Incoming::Ignore);
        assert_eq!(on_storage_event(&local, true, 4, None), Incoming::Ignore);
    }

    #[test]
    fn keep_mine_goes_on_top_of_theirs() {
        let (mine, theirs) = (template("mine", 4), template("theirs", 7));
        let kept = resolve(mine, theirs.clone(), Resolution::KeepMine, 100, Lang::Zh);
        assert_eq!(kept, [template("mine", 7)]);
        assert_eq!(on_write(Some(&theirs), kept[0].revision), WriteDecision::Write { revision: 8 });
    }

    #[test]
    fn take_theirs_drops_mine() {
        assert_eq!(resolve(template("mine", 4), template("theirs", 7), Resolution::TakeTheirs, 100, Lang::Zh), [template("theirs", 7)]);
    }

    #[test]
    fn keep_both_makes_mine_a_named_copy() {
        let kept = resolve(template("mine", 4), template("theirs", 7), Resolution::KeepBoth { new_id: "t2".into() }, 100, Lang::En);
        assert_eq!(kept[0], template("theirs", 7));
        let copy = &kept[1];
        assert_eq!((copy.id.as_str(), copy.name.as_str(), copy.body.as_str()), ("t2", "续费提醒 (copy)", "mine"));
        assert_eq!((copy.revision, copy.created_ms, copy.updated_ms), (0, 100, 100));
    }
}
