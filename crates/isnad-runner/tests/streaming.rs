//! The executor streams: a large document holds the records after it back only while it is
//! processed (the other workers go on with the documents after it), records stay in input
//! order, and the output of one document is bounded.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use isnad_core::{Document, Layer, Stage, StageError};
use isnad_runner::{Input, Language, Pipeline, Reader, Record, RunOptions, run};

/// Counts the small documents processed; the large one ("big") waits until all of them are,
/// and fails if that does not happen within a minute (the executor held them back).
struct Barrier {
    small: usize,
    done: AtomicUsize,
}

impl Stage for Barrier {
    fn name(&self) -> &str {
        "barrier"
    }
    fn requires(&self) -> &[Layer] {
        &[]
    }
    fn provides(&self) -> &[Layer] {
        &[]
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        if doc.id != "big" {
            self.done.fetch_add(1, Ordering::SeqCst);
            return Ok(());
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.done.load(Ordering::SeqCst) < self.small {
            if Instant::now() > deadline {
                return Err(StageError::Failed("the small documents were held back".into()));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }
}

fn jsonl(name: &str, lines: &[String]) -> std::path::PathBuf {
    let path =
        std::env::temp_dir().join(format!("isnad-streaming-{}-{name}.jsonl", std::process::id()));
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

fn records(pipeline: &Pipeline, path: &std::path::Path, opts: &RunOptions) -> Vec<Record> {
    let mut out = Vec::new();
    run(pipeline, Reader::open(&[Input::Path(path.into())]).unwrap(), &mut out, opts, &mut |_| {})
        .unwrap();
    String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn a_large_document_does_not_hold_back_the_documents_after_it() {
    let small = 200;
    let mut lines =
        vec![format!(r#"{{"id":"big","lang":"en","text":"{}"}}"#, "word ".repeat(40_000))];
    lines.extend((0..small).map(|i| format!(r#"{{"id":"s{i}","lang":"en","text":"small {i}"}}"#)));
    let path = jsonl("large", &lines);
    let stage = Barrier { small, done: AtomicUsize::new(0) };
    let pipeline = Pipeline::new("barrier".into(), Language::Auto, vec![Box::new(stage)]);
    // A read-ahead of 4 documents or 1 KB: far less than what comes after the large document.
    let opts =
        RunOptions { jobs: Some(2), chunk_docs: 4, chunk_bytes: 1000, ..RunOptions::default() };
    let recs = records(&pipeline, &path, &opts);
    std::fs::remove_file(&path).ok();
    assert_eq!(recs.len(), small + 1);
    assert!(recs[0].errors.is_empty(), "{:?}", recs[0].errors);
    let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids[0], "big");
    assert!(ids[1..].iter().enumerate().all(|(i, id)| *id == format!("s{i}")), "input order");
}

#[test]
fn a_record_over_the_output_ratio_is_replaced_by_an_error() {
    // The built-in pipeline on a dense Arabic claim gives a record far longer than a ratio of 1.
    let text = "وقال الوزير إن الحكومة ستعقد الجولة المقبلة من المحادثات قريبا. ".repeat(2000);
    let lines = vec![format!(r#"{{"id":"dense","lang":"ar","text":"{text}"}}"#)];
    let path = jsonl("ratio", &lines);
    let registry = isnad_runner::Registry::builtin();
    let pipeline = isnad_runner::default_pipeline(&registry).unwrap();
    let loose = records(&pipeline, &path, &RunOptions::default());
    assert!(loose[0].errors.is_empty(), "{:?}", loose[0].errors);
    assert!(!loose[0].claims.is_empty());
    let tight = RunOptions { max_output_ratio: 1, ..RunOptions::default() };
    let bounded = records(&pipeline, &path, &tight);
    std::fs::remove_file(&path).ok();
    assert_eq!(bounded[0].id, "dense");
    assert!(bounded[0].claims.is_empty());
    assert!(bounded[0].errors[0].contains("--max-output-ratio"), "{:?}", bounded[0].errors);
}
