//! Running a pipeline over a stream of documents in parallel, in input order, in bounded memory.

use std::io::{self, Write};
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use isnad_core::Published;
use rayon::prelude::*;
use thiserror::Error;

use crate::input::{Item, Reader};
use crate::output::{Record, write_record};
use crate::pipeline::Pipeline;

/// How to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Worker threads (default: one per core).
    pub jobs: Option<usize>,
    /// Publication date for documents that do not give one.
    pub published: Option<Published>,
    /// At most this many documents are read ahead and processed together.
    pub chunk_docs: usize,
    /// At most about this many bytes of input are read ahead and processed together.
    pub chunk_bytes: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { jobs: None, published: None, chunk_docs: 512, chunk_bytes: 8 << 20 }
    }
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records written.
    pub documents: usize,
    /// Records with at least one error.
    pub failed: usize,
    /// Input bytes read.
    pub bytes: u64,
}

/// Progress so far, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Records written.
    pub documents: usize,
    /// Input bytes processed.
    pub bytes: u64,
    /// Time since the start.
    pub elapsed: Duration,
}

/// A run that could not go on (writing the output failed, or the thread pool could not start).
#[derive(Debug, Error)]
pub enum RunError {
    /// The output could not be written.
    #[error("cannot write output: {0}")]
    Write(#[from] io::Error),
    /// The worker pool could not be built.
    #[error("cannot start worker threads: {0}")]
    Pool(#[from] rayon::ThreadPoolBuildError),
    /// The consumer of [`run_each`] failed (its message says how).
    #[error("{0}")]
    Sink(Box<dyn std::error::Error + Send + Sync>),
}

/// Processes every document from `reader` and writes one JSON line per document to `out`, in input
/// order.
///
/// Memory stays bounded whatever the input size: a reader thread reads ahead at most two chunks
/// (by document count and bytes, see [`RunOptions`]), and each chunk is processed by the rayon pool
/// and written before the next is taken. Records are serialised on the workers too, so only the
/// writing is sequential.
pub fn run(
    pipeline: &Pipeline,
    reader: Reader,
    out: &mut dyn Write,
    opts: &RunOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, RunError> {
    let summary = run_each(
        pipeline,
        reader,
        opts,
        &to_line,
        &mut |lines| {
            for line in lines {
                out.write_all(&line)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        },
        progress,
    )?;
    out.flush()?;
    Ok(summary)
}

/// One input document after the pipeline: its layers, or why it could not be read.
#[derive(Debug)]
pub struct Processed {
    /// The document id (also for a document that could not be read).
    pub id: String,
    /// The processed document; `None` when it could not be read.
    pub doc: Option<isnad_core::Document>,
    /// What went wrong, reading or in a stage (empty when all went well).
    pub errors: Vec<String>,
}

/// The engine of [`run`] for other outputs (a database, a report): every document from `reader`
/// goes through the pipeline and then `map` on the worker threads; `sink` receives the mapped
/// values chunk by chunk, in input order, on the calling thread.
///
/// The same bounded read-ahead as [`run`]: at most a few chunks of documents are alive at once. An
/// error from `sink` stops the run and is returned.
pub fn run_each<T: Send>(
    pipeline: &Pipeline,
    reader: Reader,
    opts: &RunOptions,
    map: &(dyn Fn(Processed) -> T + Sync),
    sink: &mut dyn FnMut(Vec<T>) -> Result<(), RunError>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, RunError> {
    let mut builder = rayon::ThreadPoolBuilder::new().thread_name(|i| format!("isnad-worker-{i}"));
    if let Some(jobs) = opts.jobs {
        builder = builder.num_threads(jobs.max(1));
    }
    let pool = builder.build()?;
    let start = Instant::now();
    let (tx, rx) = sync_channel::<Vec<Item>>(1);
    let (chunk_docs, chunk_bytes) = (opts.chunk_docs.max(1), opts.chunk_bytes.max(1));
    let mut summary = Summary::default();
    std::thread::scope(|scope| -> Result<(), RunError> {
        scope.spawn(move || {
            let mut chunk = Vec::new();
            let mut bytes = 0;
            for item in reader {
                bytes += item.bytes;
                chunk.push(item);
                if chunk.len() >= chunk_docs || bytes >= chunk_bytes {
                    if tx.send(std::mem::take(&mut chunk)).is_err() {
                        return;
                    }
                    bytes = 0;
                }
            }
            if !chunk.is_empty() {
                let _ = tx.send(chunk);
            }
        });
        for chunk in rx {
            let done: Vec<(T, bool, usize)> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|item| {
                        let bytes = item.bytes;
                        let processed = process_item(pipeline, item, opts);
                        let failed = !processed.errors.is_empty();
                        (map(processed), failed, bytes)
                    })
                    .collect()
            });
            let mut values = Vec::with_capacity(done.len());
            for (value, failed, bytes) in done {
                values.push(value);
                summary.documents += 1;
                summary.failed += usize::from(failed);
                summary.bytes += bytes as u64;
            }
            sink(values)?;
            progress(Progress {
                documents: summary.documents,
                bytes: summary.bytes,
                elapsed: start.elapsed(),
            });
        }
        Ok(())
    })?;
    Ok(summary)
}

/// One item through the pipeline (an unreadable one keeps its errors).
fn process_item(pipeline: &Pipeline, item: Item, opts: &RunOptions) -> Processed {
    let Item { doc, id, mut errors, .. } = item;
    let doc = doc.map(|mut doc| {
        if doc.meta.published.is_none() {
            doc.meta.published = opts.published.clone();
        }
        errors.extend(pipeline.process(&mut doc));
        doc
    });
    Processed { id, doc, errors }
}

/// A processed document's JSON line (without the newline).
fn to_line(processed: Processed) -> Vec<u8> {
    let Processed { id, doc, errors } = processed;
    let mut line = Vec::new();
    match doc {
        None => {
            let record = Record::failed(id, errors);
            serde_json::to_writer(&mut line, &record).unwrap_or_else(|e| {
                // Serialising our own types cannot fail short of a bug; still, never lose the record.
                line = serde_json::json!({ "id": record.id, "claims": [], "entities": [], "timexes": [],
                    "errors": [format!("cannot serialise record: {e}")] })
                .to_string()
                .into_bytes();
            });
        }
        Some(doc) => {
            // What `Record::from_document` then serde_json would write, without the copies.
            // A record of news is about twice its text (the text, then each claim's content and
            // spans): reserving that once saves growing the line two or three times.
            line.reserve(doc.text.len() * 5 / 2 + 512);
            write_record(&doc, &errors, &mut line);
        }
    }
    line
}

/// Runs one in-memory document through a pipeline and returns its record (for tests and tools).
pub fn run_document(pipeline: &Pipeline, mut doc: isnad_core::Document) -> Record {
    let errors = pipeline.process(&mut doc);
    Record::from_document(&doc, errors)
}
