//! Measures the stage on the team's gold data in `../shared` when it is there (it is not part of
//! the project, so without it these tests say "skipped" and pass). The floors sit a little under the
//! figures measured when they were last raised, and at the targets of issue 3: falling below one
//! is a regression.
//!
//! `ISNAD_VERBOSE=1 cargo test -p isnad-quotes --test shared_eval -- --nocapture` lists the
//! misses and false positives with their text.

use std::path::{Path, PathBuf};

use isnad_core::{Act, Document, Stage};
use isnad_eval::quotes::{Options, QuotesReport, evaluate};
use isnad_quotes::{QuotesConfig, QuotesStage};
use isnad_text::{SegmentConfig, SegmentStage};

/// `../shared` beside the project checkout.
fn shared() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let found = root.join("corpus").is_dir();
    if !found {
        eprintln!("skipped: ../shared not found");
    }
    found.then_some(root)
}

fn run(path: PathBuf) -> QuotesReport {
    run_with(path, QuotesConfig::default())
}

fn run_with(path: PathBuf, config: QuotesConfig) -> QuotesReport {
    let segment =
        SegmentStage::new(SegmentConfig::default(), Path::new(".")).expect("segment stage");
    let quotes = QuotesStage::new(config, Path::new(".")).expect("quotes stage");
    let process = |mut doc: Document| {
        segment.process(&mut doc).expect("segment");
        quotes.process(&mut doc).expect("quotes");
        doc
    };
    let verbose = std::env::var_os("ISNAD_VERBOSE").is_some();
    let report =
        evaluate(std::slice::from_ref(&path), &process, &Options { verbose, ..Options::default() })
            .expect("gold readable");
    println!("== {}\n{report}", path.display());
    report
}

#[test]
fn seed_gold() {
    let Some(root) = shared() else { return };
    let r = run(root.join("corpus/ar"));
    assert!(r.at30.f1 >= 0.95, "seed F1@30 {:.3}", r.at30.f1);
    assert_eq!(r.not_claims_extracted, 0, "seed not_claims extracted: {:?}", r.extracted);
}

#[test]
fn arabic_dev() {
    let Some(root) = shared() else { return };
    let r = run(root.join("corpus/ar-dev"));
    assert!(r.at30.f1 >= 0.95, "ar-dev F1@30 {:.3}", r.at30.f1);
    assert!(
        r.mention_correct as f64 >= 0.95 * r.mention_total as f64,
        "ar-dev speaker mentions {}/{}",
        r.mention_correct,
        r.mention_total
    );
}

#[test]
fn polnear_dev() {
    let Some(root) = shared() else { return };
    // PolNeAR annotates beliefs, intentions and perceptions too: scored with every act, as
    // `isnad eval` scores it with pipelines/attribution-en.toml.
    let all_acts = QuotesConfig { acts: Act::ALL.to_vec(), ..QuotesConfig::default() };
    let r = run_with(root.join("eval/quotes/polnear-dev.jsonl"), all_acts);
    assert!(r.at30.f1 >= 0.70, "polnear-dev F1@30 {:.3}", r.at30.f1);
    let mention = r.mention_correct as f64 / r.mention_total.max(1) as f64;
    assert!(mention >= 0.87, "polnear-dev speaker mention accuracy {mention:.3}");
}
