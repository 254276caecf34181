//! The check corpus: every template in tests/corpus is checked, its
//! diagnostics compared with a reviewed snapshot (insta), and the rules its
//! sidecar says must fire (`expect`) or must stay silent (`expect_not`)
//! asserted, so a rule that breaks fails here by name.
//!
//! The cases and their sidecars are described in `support/corpus.rs`.
//! Review new snapshots, then accept them with `INSTA_UPDATE=always cargo test`.

mod support {
    pub mod corpus;
}

use notice_engine::check::{self, Context, RuleId, Settings};
use notice_engine::lang::Lang;
use notice_engine::files::report;
use support::corpus;

fn rule_ids(ids: &[String], file: &str) -> Vec<RuleId> {
    ids.iter().map(|id| RuleId::parse(id).unwrap_or_else(|| panic!("{file}: unknown rule id {id:?}"))).collect()
}

#[test]
fn corpus_diagnostics_match_their_snapshots_and_expectations() {
    let library = corpus::shared();
    let mut cases = 0;
    insta::glob!("corpus/*.j2", |path| {
        cases += 1;
        let corpus::Case { file, template, expect, expect_not } = corpus::case(path);
        let file = file.as_str();
        let cx = Context::new(&template, &library);
        let (diagnostics, _) = check::review(&cx, &Settings::default());

        let fired: Vec<RuleId> = diagnostics.iter().map(|d| d.rule).collect();
        for rule in rule_ids(&expect, file) {
            assert!(fired.contains(&rule), "{file}: expected {} to fire; fired {fired:?}", rule.as_str());
        }
        for rule in rule_ids(&expect_not, file) {
            assert!(!fired.contains(&rule), "{file}: expected {} to stay silent", rule.as_str());
        }

        let mut snapshot = report::text(file, &cx, &diagnostics, Lang::En);
        for d in &diagnostics {
            snapshot += &format!("zh[{}] {}\n", d.rule.as_str(), d.message.zh);
        }
        insta::assert_snapshot!(snapshot);
    });
    assert!(cases >= 60, "the corpus has {cases} cases; it needs at least 60");
}
