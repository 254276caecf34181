//! `absolute-term` on a corpus of real-looking promotional and service
//! sentences whose verdicts were written from the Advertising Law, not from
//! this checker's output (`absolute_corpus.tsv`). Prints its recall and false
//! alarms (`make bench` copies the line into BENCHMARKS.md) and holds them to
//! their floors.

use notice_engine::check::{self, RuleId, Settings};
use notice_engine::library::model::{Channel, Purpose, Shared, Template};

#[test]
fn the_claim_grammar_finds_the_claims_and_keeps_quiet_on_ordinary_words() {
    let corpus = include_str!("absolute_corpus.tsv");
    let (mut claims, mut found, mut ordinary, mut false_alarms) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for line in corpus.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut cells = line.split('\t');
        let (verdict, sentence) = (cells.next().unwrap(), cells.next().unwrap_or_else(|| panic!("no sentence: {line}")));
        let template = Template { channel: Channel::Inapp, purpose: Purpose::Marketing, body: sentence.into(), ..Template::default() };
        let fired = check::check(&template, &Shared::default(), &Settings::default()).iter().any(|d| d.rule == RuleId::AbsoluteTerm);
        match verdict {
            "claim" => {
                claims += 1;
                found += usize::from(fired);
            }
            "ok" => {
                ordinary += 1;
                false_alarms += usize::from(fired);
            }
            other => panic!("unknown verdict {other}: {line}"),
        }
        if fired != (verdict == "claim") {
            wrong.push(format!("{verdict}\t{sentence}"));
        }
    }
    println!(
        "absolute-term corpus: {found} of {claims} claims found (recall {:.1} %), {false_alarms} false alarms in {ordinary} ordinary sentences",
        100.0 * found as f64 / claims as f64
    );
    assert!(claims + ordinary >= 200, "the corpus has {} sentences", claims + ordinary);
    // Floors: every claim but a handful found, almost no ordinary sentence flagged.
    assert!(claims - found <= 3 && false_alarms <= 2, "missed or false:\n{}", wrong.join("\n"));
}
