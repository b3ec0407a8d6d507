//! Runs the Duckling date corpora and the gold articles through segment + dates, when the shared
//! evaluation data is present (`../shared` beside the repository), and prints the figures.
//! It never fails for missing data: the data is third-party and lives outside the project.

use std::path::{Path, PathBuf};

use isnad_core::{Document, Stage};
use isnad_dates::{Bare, DatesConfig, DatesStage};
use isnad_eval::dates::{Options, evaluate, evaluate_gold};
use isnad_text::{SegmentConfig, SegmentStage};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

fn pipeline(bare: Bare) -> impl Fn(Document) -> Document + Sync {
    let seg = SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap();
    let dates =
        DatesStage::new(DatesConfig { bare, ..DatesConfig::default() }, Path::new(".")).unwrap();
    move |mut doc: Document| {
        if seg.process(&mut doc).is_ok() {
            for l in seg.provides() {
                doc.layers.provided.insert(l.clone());
            }
            let _ = dates.process(&mut doc);
        }
        doc
    }
}

#[test]
fn duckling_corpora() {
    let Some(root) = shared() else { return };
    let dir = root.join("eval/dates");
    let verbose = std::env::var("DATES_VERBOSE").is_ok();
    let process = pipeline(Bare::Future);
    for name in ["duckling_time_ar.jsonl", "duckling_time_en.jsonl", "duckling_time_negative.jsonl"]
    {
        let p = dir.join(name);
        if !p.exists() {
            continue;
        }
        let r = evaluate(&[p], &process, &Options { verbose }).unwrap();
        println!("== {name}\n{r}");
    }
}

#[test]
fn gold_articles() {
    let Some(root) = shared() else { return };
    let verbose = std::env::var("DATES_VERBOSE").is_ok();
    for (dir, bare) in [
        ("corpus/ar", Bare::Tense),
        ("corpus/ar-dev", Bare::Tense),
        ("corpus/ar-dev", Bare::Past),
        ("corpus/ar-dev", Bare::Nearest),
    ] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.retain(|p| p.to_string_lossy().ends_with(".gold.json"));
        paths.sort();
        if paths.is_empty() {
            continue;
        }
        let r = evaluate_gold(&paths, &pipeline(bare), &Options { verbose }).unwrap();
        println!("== {dir} (bare = {bare:?})\n{r}");
    }
}
