//! Every stage is linear in its input: the work of each stage (steps counted by
//! `isnad_core::work`, not time) on documents of one, two and four times a size, generated to
//! be hard (a chain of reporting clauses without a full stop, colon speech, dates) and made of
//! the project's own fixture articles (as paragraphs, and run together as one line). Done when
//! four times the input takes at most five times the work, in every stage. The same figures, and
//! instruction counts that agree, are in docs/performance.md (`bench/scaling.sh`).

use std::path::PathBuf;

use isnad_core::{Document, Lang};
use isnad_runner::{Registry, default_pipeline};

mod common;
use common::root;

/// The fixture articles of one language, each a few paragraphs.
fn fixtures(lang: &str) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures").join(lang))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

/// `pieces` repeated in turn, joined by `sep`, until the text holds `bytes`.
fn fill(pieces: &[String], sep: &str, bytes: usize) -> String {
    let mut out = String::new();
    for piece in pieces.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(piece);
        out.push_str(sep);
    }
    out
}

/// Steps of each stage of the default pipeline on `text`.
fn work(text: &str, lang: Lang) -> Vec<(String, u64)> {
    let registry = Registry::builtin();
    let pipeline = default_pipeline(&registry).unwrap();
    let mut doc = Document::new("scaling", text);
    doc.meta.lang = Some(lang);
    doc.meta.published = Some("2025-02-19".parse().unwrap());
    let mut out = Vec::new();
    for stage in pipeline.stages() {
        let before = isnad_core::work::count();
        stage.process(&mut doc).unwrap();
        doc.layers.provided.extend(stage.provides().iter().cloned());
        out.push((stage.name().to_string(), isnad_core::work::count() - before));
    }
    out
}

struct Case {
    name: &'static str,
    lang: Lang,
    pieces: Vec<String>,
    sep: &'static str,
}

fn cases() -> Vec<Case> {
    let one = |s: &str| vec![s.to_string()];
    let line = |lang: &str| fixtures(lang).iter().map(|t| t.replace('\n', " ")).collect();
    vec![
        Case { name: "said-en", lang: Lang::En, pieces: one("He said that "), sep: "" },
        Case { name: "said-ar", lang: Lang::Ar, pieces: one("قال إن "), sep: "" },
        Case {
            name: "colon-ar",
            lang: Lang::Ar,
            pieces: one(
                "وقال وزير الخارجية: نحن منفتحون على الحوار. وأضاف أن الجولة المقبلة ستعقد قريبا. ",
            ),
            sep: "",
        },
        Case {
            name: "dates-en",
            lang: Lang::En,
            pieces: one("on Tuesday, 12 March 2025 at 3 p.m. and last week "),
            sep: "",
        },
        Case {
            name: "dates-ar",
            lang: Lang::Ar,
            pieces: one("أمس الخميس 12 فبراير الجاري و15 رمضان 1446هـ "),
            sep: "",
        },
        Case { name: "articles-en", lang: Lang::En, pieces: fixtures("en"), sep: "\n\n" },
        Case { name: "articles-ar", lang: Lang::Ar, pieces: fixtures("ar"), sep: "\n\n" },
        Case { name: "one-line-en", lang: Lang::En, pieces: line("en"), sep: " " },
        Case { name: "one-line-ar", lang: Lang::Ar, pieces: line("ar"), sep: " " },
    ]
}

#[test]
fn four_times_the_input_is_at_most_five_times_the_work_in_every_stage() {
    const { assert!(isnad_core::work::ENABLED, "the dev-dependency turns the counter on") };
    const SIZE: usize = 24_000;
    let mut failures = Vec::new();
    eprintln!("{:<12} {:<9} {:>10} {:>6} {:>6}", "input", "stage", "steps 1x", "2x", "4x");
    for case in cases() {
        let runs: Vec<Vec<(String, u64)>> = [1, 2, 4]
            .iter()
            .map(|k| work(&fill(&case.pieces, case.sep, SIZE * k), case.lang.clone()))
            .collect();
        for (s, (stage, base)) in runs[0].iter().enumerate() {
            let ratio = |k: usize| runs[k][s].1 as f64 / (*base).max(1) as f64;
            let (r2, r4) = (ratio(1), ratio(2));
            eprintln!("{:<12} {:<9} {:>10} {:>6.2} {:>6.2}", case.name, stage, base, r2, r4);
            // A stage with next to nothing to do on an input is not measured there.
            if *base >= 1000 && (r2 > 2.5 || r4 > 5.0) {
                failures.push(format!("{} {stage}: 2x {r2:.2}, 4x {r4:.2}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "superlinear: {failures:#?}");
}
