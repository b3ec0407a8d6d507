//! Shared by the database tests: indexing the linking fixtures into a real file.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use isnad_index::{DocRows, Index, WriteSummary};
use isnad_runner::{Input, Processed, Reader, Registry, RunError, RunOptions};

/// The fixtures directory of the linking corpus.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/linking")
}

/// A fresh path for a database file under the target directory.
pub fn fresh_db(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("isnad-index-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// Indexes `inputs` with the fixtures' pipeline (default stages, the fixtures' gazetteer).
pub fn index(db: &Path, inputs: &[PathBuf]) -> WriteSummary {
    let registry = Registry::builtin();
    let pipeline = isnad_runner::load_file(&fixtures().join("pipeline.toml"), &registry).unwrap();
    let inputs: Vec<Input> = inputs.iter().map(|p| Input::parse(&p.to_string_lossy())).collect();
    let reader = Reader::open(&inputs).unwrap();
    let mut index = Index::open(db).unwrap();
    let mut written = WriteSummary::default();
    let to_rows = |p: Processed| match p.doc {
        Some(doc) => DocRows::from_document(doc, p.errors),
        None => DocRows::unreadable(p.id, p.errors),
    };
    isnad_runner::run_each(
        &pipeline,
        reader,
        &RunOptions { jobs: Some(1), ..RunOptions::default() },
        &to_rows,
        &mut |rows: Vec<DocRows>| {
            written += index.write(&rows).map_err(|e| RunError::Sink(Box::new(e)))?;
            Ok(())
        },
        &mut |_| {},
    )
    .unwrap();
    index.finish().unwrap();
    written
}

/// The linking corpus.
pub fn corpus() -> PathBuf {
    fixtures().join("corpus.jsonl")
}
