//! How much of local storage a library of 10,000 realistic templates takes,
//! and that it loads back whole. Run with `--nocapture` for the numbers.
//!
//! Sizes are UTF-16 bytes of key and value, as `store::stored_size_utf16`
//! counts them. Chromium gives an origin 10 MiB of those; 5 MiB is the
//! conservative budget (what older browsers give). Unpacked, such a template
//! (about 3 KB of body and 3.6 KB of two pretty-printed sample customers in
//! UTF-16) took more than the 0.5 KB a template may take in 5 MiB; packed
//! against the library's dictionary (`store::Dictionaries`) it takes less.

mod support {
    pub mod realistic;
}

use std::collections::BTreeMap;

use notice_engine::library::history::{History, Snapshot, SnapshotKind, MAX_SNAPSHOTS};
use notice_engine::lang::Lang;
use notice_engine::library::model::{Channel, Template};
use notice_engine::library::store::{self, Dictionaries, Session};
use support::realistic;

const TEMPLATES: usize = 10_000;
const CHROMIUM_QUOTA_BYTES: usize = 10 * 1024 * 1024;
const CONSERVATIVE_BUDGET_BYTES: usize = 5 * 1024 * 1024;

fn utf16_bytes(text: &str) -> usize {
    text.encode_utf16().count() * 2
}

/// What the user typed: name, subject, preheader, body, tags and sample profiles.
fn text_bytes(template: &Template) -> usize {
    let samples: usize = template.samples.iter().map(|p| utf16_bytes(&p.name) + utf16_bytes(&p.data)).sum();
    let tags: usize = template.tags.iter().map(|t| utf16_bytes(t)).sum();
    [&template.name, &template.subject, &template.preheader, &template.body].map(|t| utf16_bytes(t)).iter().sum::<usize>()
        + tags
        + samples
}

#[test]
fn ten_thousand_realistic_templates_fit_the_conservative_budget_and_load_back() {
    let library = realistic::library(TEMPLATES);
    let body_utf8: usize = library.templates.iter().map(|t| t.body.len()).sum::<usize>() / TEMPLATES;
    let chinese = library.templates.iter().filter(|t| t.locale == Lang::Zh).count();
    let channels: Vec<usize> = Channel::ALL.iter().map(|&c| library.templates.iter().filter(|t| t.channel == c).count()).collect();
    assert!((1900..2600).contains(&body_utf8), "about 2 KB of body each: {body_utf8}");
    assert!((6000..8000).contains(&chinese), "mostly Chinese: {chinese}");
    assert!(channels.iter().all(|&n| n > 500), "every channel: {channels:?}");

    let session = Session { open: Some(library.templates[0].id.clone()), profile: None };
    let entries = store::encode_entries(&library, &BTreeMap::new(), &session);
    let total: usize = entries.iter().map(|(key, value)| store::stored_size_utf16(key, value)).sum();
    let text: usize = library.templates.iter().map(text_bytes).sum();
    let per_template = total / TEMPLATES;
    eprintln!(
        "{TEMPLATES} templates ({chinese} Chinese, {body_utf8} B of body each in UTF-8): {total} B in {} keys, {per_template} B each \
         (for {} B of typed text); {:.1}% of Chromium's {CHROMIUM_QUOTA_BYTES} B, {:.1}% of the conservative {CONSERVATIVE_BUDGET_BYTES} B, \
         which holds {} such templates",
        entries.len(),
        text / TEMPLATES,
        total as f64 * 100.0 / CHROMIUM_QUOTA_BYTES as f64,
        total as f64 * 100.0 / CONSERVATIVE_BUDGET_BYTES as f64,
        CONSERVATIVE_BUDGET_BYTES / per_template,
    );
    assert!(total < CONSERVATIVE_BUDGET_BYTES, "{total} bytes");
    assert!(total * 2 < CHROMIUM_QUOTA_BYTES, "{total} bytes");

    let loaded = store::load(entries, Lang::Zh, realistic::EPOCH_MS, || unreachable!("nothing to migrate"));
    assert!(loaded.quarantine.is_empty());
    assert_eq!(loaded.library.templates.len(), TEMPLATES);
    assert_eq!(loaded.library, library);
    assert_eq!(loaded.repack, None, "stored as the library is kept");
    assert_eq!(loaded.session, session);
}

/// Not a budget of its own: how much room a full history takes, for the
/// storage meter. Its snapshots repeat each other, which packing folds away.
#[test]
fn a_full_history_takes_a_few_times_its_template() {
    let library = realistic::library(1);
    let template = &library.templates[0];
    let mut history = History::default();
    for i in 0..MAX_SNAPSHOTS as i64 {
        let mut edited = template.clone();
        edited.body.push_str(&i.to_string());
        history.push(Snapshot { at_ms: realistic::EPOCH_MS + i * 600_000, kind: SnapshotKind::Auto, label: String::new(), template: edited });
    }
    let dictionaries = Dictionaries::default();
    let one = store::stored_size_utf16(&store::template_key(&template.id), &dictionaries.encode_template(template));
    let full = store::stored_size_utf16(&store::history_key(&template.id), &dictionaries.encode_history(&history));
    eprintln!("one template: {one} B; its full history ({MAX_SNAPSHOTS} snapshots): {full} B");
    assert!(full > one && full < one * 4, "{one} {full}");
}
