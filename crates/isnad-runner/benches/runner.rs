//! Throughput of the runner: the `segment` stage alone and the whole news pipelines, on 1 and 2
//! threads, and each stage of the pipeline on its own.
//!
//! `cargo bench -p isnad-runner --bench runner` prints MB/s (bytes of article text) and
//! documents/s. The corpus is made of the project's own fixtures (`tests/fixtures/{ar,en}/*.txt`):
//! each document joins eight consecutive fixtures (wrapping round, a different start each time)
//! into an article of about 1.5–2 KB, like a short news story; 400 documents per language.
//!
//! - `segment_{ar,en}(threads)`: a pipeline of `segment` only.
//! - `pipeline_{ar,en}(threads)`: `pipelines/news-{ar,en}.toml` (segment, dates, quotes, speakers),
//!   as `isnad run` runs it, without the reading and JSON writing.
//! - `stage_{ar,en}(stage)`: one stage of the news pipeline alone, on one thread, on documents
//!   that already went through the stages before it (the preparation is not timed): where the
//!   time goes.
//!
//! Threads come from a rayon pool of that size over the documents, as in `isnad_runner::run`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use isnad_core::{Document, Lang, Stage};
use isnad_runner::{Pipeline, Registry, load_file, load_str};
use rayon::prelude::*;

/// The allocator of the `isnad` binary, so that the figures are those of `isnad run`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const DOCS: usize = 400;
const PER_DOC: usize = 8;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The corpus of one language: `DOCS` articles built from the fixtures.
fn corpus(lang: &str) -> &'static [String] {
    static AR: OnceLock<Vec<String>> = OnceLock::new();
    static EN: OnceLock<Vec<String>> = OnceLock::new();
    let cell = if lang == "ar" { &AR } else { &EN };
    cell.get_or_init(|| {
        let dir = root().join("tests/fixtures").join(lang);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("fixture directory")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        let texts: Vec<String> =
            files.iter().map(|p| std::fs::read_to_string(p).unwrap().trim().to_string()).collect();
        assert!(texts.len() >= PER_DOC, "need at least {PER_DOC} fixtures in {}", dir.display());
        (0..DOCS)
            .map(|i| {
                (0..PER_DOC)
                    .map(|k| texts[(i * 3 + k) % texts.len()].as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .collect()
    })
}

fn bytes(texts: &[String]) -> usize {
    texts.iter().map(String::len).sum()
}

fn lang_of(lang: &str) -> Lang {
    if lang == "ar" { Lang::Ar } else { Lang::En }
}

fn docs(lang: &str) -> Vec<Document> {
    corpus(lang)
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut d = Document::new(format!("{lang}-{i}"), t.clone());
            d.meta.lang = Some(lang_of(lang));
            d.meta.published = Some("2025-03-12".parse().unwrap());
            d
        })
        .collect()
}

fn news(lang: &str) -> &'static Pipeline {
    static AR: OnceLock<Pipeline> = OnceLock::new();
    static EN: OnceLock<Pipeline> = OnceLock::new();
    let cell = if lang == "ar" { &AR } else { &EN };
    cell.get_or_init(|| {
        load_file(&root().join(format!("pipelines/news-{lang}.toml")), &Registry::builtin())
            .unwrap()
    })
}

fn segment_only() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        load_str(
            "[pipeline]\nname = \"segment-only\"\n\n[[stage]]\nuse = \"segment\"\n",
            "<bench>",
            Path::new("."),
            &Registry::builtin(),
        )
        .unwrap()
    })
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
}

/// Runs `pipeline` over the corpus of `lang` on `threads` threads; documents are made from the
/// text inside the timed loop, as the runner does after reading.
fn run_pipeline(bencher: Bencher<'_, '_>, pipeline: &Pipeline, lang: &'static str, threads: usize) {
    let texts = corpus(lang);
    let pool = pool(threads);
    let published: isnad_core::Published = "2025-03-12".parse().unwrap();
    bencher.counter(BytesCount::new(bytes(texts))).counter(ItemsCount::new(texts.len())).bench(
        || {
            pool.install(|| {
                texts.par_iter().for_each(|t| {
                    let mut d = Document::new("d", t.clone());
                    d.meta.lang = Some(lang_of(lang));
                    d.meta.published = Some(published.clone());
                    let errors = pipeline.process(&mut d);
                    debug_assert!(errors.is_empty(), "{errors:?}");
                    divan::black_box(&d);
                })
            })
        },
    );
}

#[divan::bench(args = [1, 2], sample_count = 20)]
fn segment_ar(bencher: Bencher<'_, '_>, threads: usize) {
    run_pipeline(bencher, segment_only(), "ar", threads);
}

#[divan::bench(args = [1, 2], sample_count = 20)]
fn segment_en(bencher: Bencher<'_, '_>, threads: usize) {
    run_pipeline(bencher, segment_only(), "en", threads);
}

#[divan::bench(args = [1, 2], sample_count = 20)]
fn pipeline_ar(bencher: Bencher<'_, '_>, threads: usize) {
    run_pipeline(bencher, news("ar"), "ar", threads);
}

#[divan::bench(args = [1, 2], sample_count = 20)]
fn pipeline_en(bencher: Bencher<'_, '_>, threads: usize) {
    run_pipeline(bencher, news("en"), "en", threads);
}

/// One stage of the news pipeline alone, on documents prepared by the stages before it.
fn one_stage(bencher: Bencher<'_, '_>, lang: &'static str, name: &str) {
    let pipeline = news(lang);
    let stages: Vec<&dyn Stage> = pipeline.stages().collect();
    let at = stages
        .iter()
        .position(|s| s.name() == name)
        .unwrap_or_else(|| panic!("news-{lang} has no stage {name}"));
    let mut prepared = docs(lang);
    for d in &mut prepared {
        for s in &stages[..at] {
            s.process(d).unwrap();
            d.layers.provided.extend(s.provides().iter().cloned());
        }
    }
    let stage = stages[at];
    bencher
        .counter(BytesCount::new(bytes(corpus(lang))))
        .counter(ItemsCount::new(prepared.len()))
        .with_inputs(|| prepared.clone())
        .bench_local_values(|mut docs: Vec<Document>| {
            for d in &mut docs {
                stage.process(d).unwrap();
            }
            docs
        });
}

#[divan::bench(args = ["segment", "dates", "quotes", "speakers"], sample_count = 20)]
fn stage_ar(bencher: Bencher<'_, '_>, stage: &str) {
    one_stage(bencher, "ar", stage);
}

#[divan::bench(args = ["segment", "dates", "quotes", "speakers"], sample_count = 20)]
fn stage_en(bencher: Bencher<'_, '_>, stage: &str) {
    one_stage(bencher, "en", stage);
}
