//! The history of one template: snapshots of it, oldest first.
//!
//! A snapshot is taken when the user saves a version, when the template is
//! marked ready, automatically while editing (at most every
//! [`AUTO_INTERVAL_MS`]), and of the current state before an older snapshot
//! is restored, so a restore can itself be undone.

use serde::{Deserialize, Serialize};

use crate::library::model::Template;

/// Snapshots kept per template; Ready ones are never pruned (see [`History::push`]).
pub const MAX_SNAPSHOTS: usize = 50;
/// The least time between automatic snapshots: ten minutes.
pub const AUTO_INTERVAL_MS: i64 = 10 * 60 * 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SnapshotKind {
    /// The user saved a version.
    Manual,
    /// The template was marked ready.
    Ready,
    /// Taken while editing.
    Auto,
    /// The state a restore replaced.
    BeforeRestore,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// UTC milliseconds.
    pub at_ms: i64,
    pub kind: SnapshotKind,
    /// The user's name for a saved version; empty for the others.
    #[serde(default)]
    pub label: String,
    pub template: Template,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct History {
    /// Oldest first.
    pub snapshots: Vec<Snapshot>,
}

impl History {
    /// Adds `snapshot` as the newest. Beyond [`MAX_SNAPSHOTS`] the oldest are
    /// pruned first, except Ready ones (the versions that were sent) and the
    /// new one, so only a history of Ready versions can grow past the limit.
    pub fn push(&mut self, snapshot: Snapshot) {
        self.prune_oldest((self.snapshots.len() + 1).saturating_sub(MAX_SNAPSHOTS));
        self.snapshots.push(snapshot);
    }

    /// Drops up to `count` of the oldest snapshots that are not Ready, and
    /// says how many it dropped: also for making room when storage is full.
    pub fn prune_oldest(&mut self, count: usize) -> usize {
        let mut left = count;
        self.snapshots.retain(|s| {
            let prune = left > 0 && s.kind != SnapshotKind::Ready;
            left -= usize::from(prune);
            !prune
        });
        count - left
    }

    /// Whether an automatic snapshot of `template` is due: the last snapshot is
    /// at least ten minutes old (or there is none) and says something else.
    pub fn wants_auto(&self, template: &Template, now_ms: i64) -> bool {
        match self.snapshots.last() {
            None => true,
            Some(last) => now_ms.saturating_sub(last.at_ms) >= AUTO_INTERVAL_MS && !last.template.same_content(template),
        }
    }

    /// Brings back snapshot `index`: `current` becomes a BeforeRestore
    /// snapshot first, then the snapshot's content comes back under the
    /// current template's identity (id, creation, revision, trash), edited now.
    /// `None` (and nothing recorded) when there is no snapshot `index`.
    pub fn restore(&mut self, index: usize, current: &Template, now_ms: i64) -> Option<Template> {
        let restored = self.snapshots.get(index)?.template.clone();
        self.push(Snapshot { at_ms: now_ms, kind: SnapshotKind::BeforeRestore, label: String::new(), template: current.clone() });
        Some(Template {
            id: current.id.clone(),
            created_ms: current.created_ms,
            updated_ms: now_ms,
            revision: current.revision,
            deleted_ms: current.deleted_ms,
            ..restored
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::model::Status;

    const T0: i64 = 1_780_000_000_000;
    const MINUTE: i64 = 60_000;

    fn template(body: &str) -> Template {
        Template { id: "t".into(), body: body.into(), created_ms: T0, updated_ms: T0, ..Template::default() }
    }

    fn snapshot(kind: SnapshotKind, at_ms: i64, body: &str) -> Snapshot {
        Snapshot { at_ms, kind, label: String::new(), template: template(body) }
    }

    fn bodies(history: &History) -> Vec<&str> {
        history.snapshots.iter().map(|s| s.template.body.as_str()).collect()
    }

    #[test]
    fn push_keeps_at_most_fifty_pruning_the_oldest() {
        let mut history = History::default();
        for i in 0..60 {
            history.push(snapshot(SnapshotKind::Auto, T0 + i, &i.to_string()));
        }
        assert_eq!(history.snapshots.len(), MAX_SNAPSHOTS);
        assert_eq!(history.snapshots[0].template.body, "10");
        assert_eq!(history.snapshots[49].template.body, "59");
    }

    #[test]
    fn push_never_prunes_a_ready_snapshot() {
        let mut history = History::default();
        history.push(snapshot(SnapshotKind::Ready, T0, "sent"));
        history.push(snapshot(SnapshotKind::Manual, T0 + 1, "saved"));
        for i in 0..60 {
            history.push(snapshot(SnapshotKind::Auto, T0 + 2 + i, &i.to_string()));
        }
        assert_eq!(history.snapshots.len(), MAX_SNAPSHOTS);
        assert_eq!(bodies(&history)[..2], ["sent", "11"], "the Manual one was older than every Auto kept");
    }

    #[test]
    fn a_history_of_ready_versions_outgrows_the_limit_but_keeps_only_the_newest_other() {
        let mut history = History::default();
        for i in 0..MAX_SNAPSHOTS as i64 {
            history.push(snapshot(SnapshotKind::Ready, T0 + i, "ready"));
        }
        history.push(snapshot(SnapshotKind::Manual, T0 + 100, "one"));
        history.push(snapshot(SnapshotKind::Auto, T0 + 101, "two"));
        assert_eq!(history.snapshots.len(), MAX_SNAPSHOTS + 1);
        assert_eq!(history.snapshots.last().unwrap().template.body, "two");
        assert!(history.snapshots.iter().filter(|s| s.kind == SnapshotKind::Ready).count() == MAX_SNAPSHOTS);
    }

    #[test]
    fn prune_oldest_makes_room_without_touching_ready_snapshots() {
        let mut history = History::default();
        for (i, kind) in [SnapshotKind::Ready, SnapshotKind::Auto, SnapshotKind::Manual, SnapshotKind::Ready].into_iter().enumerate() {
            history.push(snapshot(kind, T0 + i as i64, &i.to_string()));
        }
        assert_eq!(history.prune_oldest(1), 1);
        assert_eq!(bodies(&history), ["0", "2", "3"]);
        assert_eq!(history.prune_oldest(5), 1);
        assert_eq!(bodies(&history), ["0", "3"]);
        assert_eq!(history.prune_oldest(5), 0);
    }

    #[test]
    fn auto_snapshot_is_due_after_ten_minutes_of_changed_content() {
        let mut history = History::default();
        assert!(history.wants_auto(&template("a"), T0), "no snapshot yet");
        history.push(snapshot(SnapshotKind::Auto, T0, "a"));
        assert!(!history.wants_auto(&template("b"), T0 + 9 * MINUTE), "too soon");
        assert!(history.wants_auto(&template("b"), T0 + 10 * MINUTE));
        assert!(!history.wants_auto(&template("a"), T0 + 60 * MINUTE), "nothing changed");
        let bookkeeping_only = Template { revision: 5, updated_ms: T0 + 60 * MINUTE, status: Status::Ready, ..template("a") };
        assert!(!history.wants_auto(&bookkeeping_only, T0 + 60 * MINUTE));
        assert!(!history.wants_auto(&template("b"), T0 - 60 * MINUTE), "the clock went back");
        assert!(!history.wants_auto(&template("b"), i64::MIN), "no overflow");
    }

    #[test]
    fn any_kind_of_snapshot_restarts_the_auto_interval() {
        let mut history = History::default();
        history.push(snapshot(SnapshotKind::Auto, T0, "a"));
        history.push(snapshot(SnapshotKind::Manual, T0 + 8 * MINUTE, "b"));
        assert!(!history.wants_auto(&template("c"), T0 + 12 * MINUTE));
        assert!(history.wants_auto(&template("c"), T0 + 18 * MINUTE));
    }

    #[test]
    fn restore_records_the_current_state_and_keeps_identity() {
        let mut history = History::default();
        history.push(Snapshot { label: "v1".into(), ..snapshot(SnapshotKind::Manual, T0, "old") });
        let current = Template { revision: 7, updated_ms: T0 + MINUTE, deleted_ms: None, ..template("new") };
        let restored = history.restore(0, &current, T0 + 2 * MINUTE).unwrap();
        assert_eq!(restored, Template { revision: 7, updated_ms: T0 + 2 * MINUTE, ..template("old") });
        assert_eq!(bodies(&history), ["old", "new"]);
        let before = &history.snapshots[1];
        assert_eq!((before.kind, before.at_ms, &before.template), (SnapshotKind::BeforeRestore, T0 + 2 * MINUTE, &current));

        // The restore itself can be undone.
        let undone = history.restore(1, &restored, T0 + 3 * MINUTE).unwrap();
        assert_eq!(undone.body, "new");
        assert_eq!(undone.updated_ms, T0 + 3 * MINUTE);
    }

    #[test]
    fn restore_takes_identity_from_the_current_template_not_the_snapshot() {
        let mut history = History::default();
        let foreign = Template { id: "other".into(), created_ms: 1, revision: 99, deleted_ms: Some(3), ..template("x") };
        history.push(Snapshot { template: foreign, ..snapshot(SnapshotKind::Auto, T0, "") });
        let restored = history.restore(0, &template("y"), T0 + 1).unwrap();
        assert_eq!((restored.id.as_str(), restored.created_ms, restored.revision, restored.deleted_ms), ("t", T0, 0, None));
    }

    #[test]
    fn restore_of_a_missing_snapshot_changes_nothing() {
        let mut history = History::default();
        history.push(snapshot(SnapshotKind::Auto, T0, "a"));
        assert_eq!(history.restore(1, &template("b"), T0 + 1), None);
        assert_eq!(history.snapshots.len(), 1);
    }

    #[test]
    fn restore_at_the_limit_still_finds_the_snapshot_it_was_asked_for() {
        let mut history = History::default();
        for i in 0..MAX_SNAPSHOTS {
            history.push(snapshot(SnapshotKind::Auto, T0 + i as i64, &i.to_string()));
        }
        let restored = history.restore(0, &template("current"), T0 + 100).unwrap();
        assert_eq!(restored.body, "0", "taken before pruning made room");
        assert_eq!(history.snapshots.len(), MAX_SNAPSHOTS);
        assert_eq!(history.snapshots.last().unwrap().template.body, "current");
    }

    #[test]
    fn encodes_kinds_in_kebab_case_and_round_trips() {
        let mut history = History::default();
        history.push(snapshot(SnapshotKind::BeforeRestore, T0, "正文"));
        let json = serde_json::to_value(&history).unwrap();
        assert_eq!(json["snapshots"][0]["kind"], "before-restore");
        assert_eq!(serde_json::from_value::<History>(json).unwrap(), history);
    }
}
