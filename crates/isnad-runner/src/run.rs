//! Running a pipeline over a stream of documents in parallel, in input order, in bounded memory.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, channel, sync_channel};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use isnad_core::Published;
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
    /// At most this many documents are read ahead of the last record written.
    pub chunk_docs: usize,
    /// At most about this many bytes of input are read ahead of the last record written (a
    /// single larger document is still read, alone).
    pub chunk_bytes: usize,
    /// A record longer than this many times its document's input (plus 64 KiB) is replaced by
    /// a record with an error: the bound on the output of one document.
    pub max_output_ratio: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            jobs: None,
            published: None,
            chunk_docs: 512,
            chunk_bytes: 8 << 20,
            max_output_ratio: DEFAULT_MAX_OUTPUT_RATIO,
        }
    }
}

/// The default of [`RunOptions::max_output_ratio`]: news gives records of about twice their
/// input, the densest fixtures six times.
pub const DEFAULT_MAX_OUTPUT_RATIO: usize = 20;

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

/// A run that could not go on (writing the output failed, or the worker threads could not start).
#[derive(Debug, Error)]
pub enum RunError {
    /// The output could not be written.
    #[error("cannot write output: {0}")]
    Write(#[from] io::Error),
    /// The worker threads could not be started.
    #[error("cannot start worker threads: {0}")]
    Pool(#[source] io::Error),
    /// The consumer of [`run_each`] failed (its message says how).
    #[error("{0}")]
    Sink(Box<dyn std::error::Error + Send + Sync>),
}

/// Documents read but whose records are not written yet: the reader waits while they exceed
/// the read-ahead bounds, so that memory stays bounded whatever the input.
///
/// A document larger than the byte bound is let through on its own account (it is in memory
/// already), at most one per worker. While large documents are in flight the read-ahead grows by
/// their size, so that the other workers go on with the documents after them for as long as
/// they take: a large document holds the others back no longer than its own processing. Memory
/// stays within a small multiple of the byte bound plus the large documents in flight.
struct InFlight {
    max_docs: usize,
    max_bytes: usize,
    max_large: usize,
    state: Mutex<Counts>,
    changed: Condvar,
}

#[derive(Default)]
struct Counts {
    docs: usize,
    bytes: usize,
    large: usize,
    large_bytes: usize,
    stopped: bool,
}

impl InFlight {
    fn new(max_docs: usize, max_bytes: usize, max_large: usize) -> InFlight {
        InFlight {
            max_docs: max_docs.max(1),
            max_bytes: max_bytes.max(1),
            max_large: max_large.max(1),
            state: Mutex::new(Counts::default()),
            changed: Condvar::new(),
        }
    }

    fn is_large(&self, bytes: usize) -> bool {
        bytes > self.max_bytes
    }

    /// Waits until one more document of `bytes` fits (always when nothing is in flight), then
    /// counts it. False when the run is stopping.
    fn admit(&self, bytes: usize) -> bool {
        let large = self.is_large(bytes);
        let mut c = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            // (A waiting record of a small document costs a few hundred bytes besides its text.)
            let full = c.docs >= self.max_docs + c.large_bytes / 256
                || if large {
                    c.large >= self.max_large
                } else {
                    c.bytes + bytes > self.max_bytes + c.large_bytes
                };
            if c.stopped || c.docs == 0 || !full {
                break;
            }
            c = self.changed.wait(c).unwrap_or_else(|e| e.into_inner());
        }
        c.docs += 1;
        if large {
            c.large += 1;
            c.large_bytes += bytes;
        } else {
            c.bytes += bytes;
        }
        !c.stopped
    }

    fn release(&self, bytes: usize) {
        let mut c = self.state.lock().unwrap_or_else(|e| e.into_inner());
        c.docs -= 1;
        if self.is_large(bytes) {
            c.large -= 1;
            c.large_bytes -= bytes;
        } else {
            c.bytes -= bytes;
        }
        self.changed.notify_all();
    }

    fn stop(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).stopped = true;
        self.changed.notify_all();
    }
}

/// Processes every document from `reader` and writes one JSON line per document to `out`, in input
/// order.
///
/// Documents stream through: a reader thread reads ahead at most `chunk_docs` documents or
/// `chunk_bytes` bytes beyond the last record written, worker threads take them one at a time,
/// and this thread writes each record as soon as every earlier one is written. A very large
/// document therefore holds the records after it back only while it is processed: the other
/// workers go on with the documents after it (within the read-ahead), and their records follow
/// it at once. Records are serialised on the workers, so only the writing is sequential.
pub fn run(
    pipeline: &Pipeline,
    reader: Reader,
    out: &mut dyn Write,
    opts: &RunOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, RunError> {
    let ratio = opts.max_output_ratio;
    // Records cut down by the output bound: their document had no error before the cut.
    let mut cut_clean = 0;
    let mut summary = run_each(
        pipeline,
        reader,
        opts,
        &|processed| to_bounded_line(processed, ratio),
        &mut |lines| {
            for (line, cut_a_clean_record) in lines {
                out.write_all(&line)?;
                out.write_all(b"\n")?;
                cut_clean += usize::from(cut_a_clean_record);
            }
            Ok(())
        },
        progress,
    )?;
    out.flush()?;
    summary.failed += cut_clean;
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
    /// The document's size in the input, in bytes.
    pub bytes: usize,
}

/// The engine of [`run`] for other outputs (a database, a report): every document from `reader`
/// goes through the pipeline and then `map` on the worker threads; `sink` receives the mapped
/// values in input order on the calling thread, in batches of those ready.
///
/// Documents stream through as in [`run`]: a reader thread reads ahead at most `chunk_docs`
/// documents or `chunk_bytes` bytes beyond the last value handed to `sink`, worker threads take
/// them one at a time, so a large document holds back the others only while it is processed. An
/// error from `sink` stops the run and is returned. A document counts as failed in the
/// [`Summary`] when it has errors before `map`.
pub fn run_each<T: Send>(
    pipeline: &Pipeline,
    reader: Reader,
    opts: &RunOptions,
    map: &(dyn Fn(Processed) -> T + Sync),
    sink: &mut dyn FnMut(Vec<T>) -> Result<(), RunError>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, RunError> {
    let jobs = opts
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let start = Instant::now();
    let in_flight = InFlight::new(opts.chunk_docs, opts.chunk_bytes, jobs);
    let (work_tx, work_rx) = sync_channel::<(usize, Item)>(jobs);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = channel::<Done<T>>();
    let mut summary = Summary::default();
    std::thread::scope(|scope| -> Result<(), RunError> {
        let in_flight = &in_flight;
        std::thread::Builder::new()
            .name("isnad-reader".into())
            .spawn_scoped(scope, move || {
                for (seq, item) in reader.enumerate() {
                    if !in_flight.admit(item.bytes) || work_tx.send((seq, item)).is_err() {
                        return;
                    }
                }
            })
            .map_err(RunError::Pool)?;
        for i in 0..jobs {
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            let worker = move || {
                loop {
                    let next = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((seq, item)) = next else { return };
                    let processed = process_item(pipeline, item, opts.published.as_ref());
                    let (failed, bytes) = (!processed.errors.is_empty(), processed.bytes);
                    let done = Done { seq, value: map(processed), failed, bytes };
                    if done_tx.send(done).is_err() {
                        // The run stopped (the sink failed, e.g. a closed stdout). The reader may
                        // be waiting on a full channel: take and drop what it still hands over
                        // until it sees the stop and closes the channel, or it would wait for
                        // ever and the run never end (seen: `isnad run | head` hung).
                        while work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv().is_ok() {}
                        return;
                    }
                }
            };
            if let Err(e) = std::thread::Builder::new()
                .name(format!("isnad-worker-{i}"))
                .spawn_scoped(scope, worker)
            {
                in_flight.stop();
                return Err(RunError::Pool(e));
            }
        }
        drop(done_tx);
        let result = hand_over_in_order(done_rx, sink, in_flight, &mut summary, &mut |s| {
            progress(Progress { documents: s.documents, bytes: s.bytes, elapsed: start.elapsed() })
        });
        // On a sink error the reader must not wait for room that will never be made, and the
        // workers end when the channels close.
        in_flight.stop();
        result
    })?;
    Ok(summary)
}

/// A document's mapped value, back from a worker.
struct Done<T> {
    seq: usize,
    value: T,
    failed: bool,
    bytes: usize,
}

/// Hands the values arriving from the workers to `sink` in input order (holding back the ones
/// that arrive early), releasing each document's read-ahead once handed over.
fn hand_over_in_order<T>(
    done: Receiver<Done<T>>,
    sink: &mut dyn FnMut(Vec<T>) -> Result<(), RunError>,
    in_flight: &InFlight,
    summary: &mut Summary,
    progress: &mut dyn FnMut(&Summary),
) -> Result<(), RunError> {
    let mut waiting: BTreeMap<usize, Done<T>> = BTreeMap::new();
    let mut next = 0usize;
    let mut last_report = Instant::now();
    for item in done {
        waiting.insert(item.seq, item);
        let mut ready = Vec::new();
        while let Some(Done { value, failed, bytes, .. }) = waiting.remove(&next) {
            ready.push(value);
            next += 1;
            summary.documents += 1;
            summary.failed += usize::from(failed);
            summary.bytes += bytes as u64;
            in_flight.release(bytes);
        }
        if !ready.is_empty() {
            sink(ready)?;
        }
        if last_report.elapsed() >= Duration::from_millis(100) {
            progress(summary);
            last_report = Instant::now();
        }
    }
    progress(summary);
    Ok(())
}

/// Processes one item and returns its record as one line of JSON (without the newline), the bytes
/// `isnad run` writes for it with the default output bound, and whether the record carries an
/// error. `published` is the date for a document that gives none (`--published`). This is what
/// the Python package calls, so that its records are the command's, byte for byte.
pub fn process_to_json(
    pipeline: &Pipeline,
    item: Item,
    published: Option<&Published>,
) -> (Vec<u8>, bool) {
    processed_to_json(process_item(pipeline, item, published))
}

/// One item through the pipeline (an unreadable one keeps its errors); `published` is the date
/// for a document that gives none. With [`processed_to_json`], the two halves of
/// [`process_to_json`], for callers that make something else of most records (the Python
/// package builds its objects straight from the document).
pub fn process_item(pipeline: &Pipeline, item: Item, published: Option<&Published>) -> Processed {
    let Item { doc, id, mut errors, bytes } = item;
    let doc = doc.map(|mut doc| {
        if doc.meta.published.is_none() {
            doc.meta.published = published.cloned();
        }
        errors.extend(pipeline.process(&mut doc));
        doc
    });
    Processed { id, doc, errors, bytes }
}

/// A processed item's record as [`process_to_json`] gives it: the JSON line `isnad run` writes
/// (without the newline), cut down to its errors when longer than [`DEFAULT_MAX_OUTPUT_RATIO`]
/// times the input (plus 64 KiB), and whether it carries an error.
pub fn processed_to_json(processed: Processed) -> (Vec<u8>, bool) {
    let failed = !processed.errors.is_empty();
    let (line, cut_a_clean_record) = to_bounded_line(processed, DEFAULT_MAX_OUTPUT_RATIO);
    (line, failed || cut_a_clean_record)
}

/// A processed document's JSON line (without the newline), cut down to its errors when it would
/// be longer than `max_output_ratio` times its input (plus 64 KiB); the flag says the cut added
/// the first error of a record.
fn to_bounded_line(processed: Processed, max_output_ratio: usize) -> (Vec<u8>, bool) {
    let Processed { id, doc, mut errors, bytes } = processed;
    let Some(mut doc) = doc else { return (failed_line(id, errors), false) };
    // What `Record::from_document` then serde_json would write, without the copies.
    // A record of news is about twice its text (the text, then each claim's content and
    // spans): reserving that once saves growing the line two or three times.
    let mut line = Vec::with_capacity(doc.text.len() * 5 / 2 + 512);
    write_record(&doc, &errors, &mut line);
    let input = bytes.max(doc.text.len());
    let limit = input.saturating_mul(max_output_ratio).saturating_add(64 << 10);
    if line.len() <= limit {
        return (line, false);
    }
    let clean = errors.is_empty();
    errors.push(format!(
        "the record would be {} bytes, more than {max_output_ratio} times the document's {input} \
         bytes (--max-output-ratio): its claims are left out; raise the ratio, or lower the \
         pipeline's max-content-bytes or nesting-depth",
        line.len(),
    ));
    line.clear();
    doc.layers = Default::default();
    write_record(&doc, &errors, &mut line);
    (line, clean)
}

/// The record of a document that could not be read.
fn failed_line(id: String, errors: Vec<String>) -> Vec<u8> {
    let record = Record::failed(id, errors);
    serde_json::to_vec(&record).unwrap_or_else(|e| {
        // Serialising our own types cannot fail short of a bug; still, never lose the record.
        serde_json::json!({ "id": record.id, "claims": [], "entities": [], "timexes": [],
            "errors": [format!("cannot serialise record: {e}")] })
        .to_string()
        .into_bytes()
    })
}

/// Runs one in-memory document through a pipeline and returns its record (for tests and tools).
pub fn run_document(pipeline: &Pipeline, mut doc: isnad_core::Document) -> Record {
    let errors = pipeline.process(&mut doc);
    Record::from_document(&doc, errors)
}
