//! The iterator `process_many` returns: documents read a chunk at a time, processed on a rayon
//! pool without the GIL, records handed back in input order.
//!
//! The thread holding the GIL reads the next chunk from Python and turns the records of the
//! finished one into dicts while the workers process the chunks in flight. At most
//! [`IN_FLIGHT`] chunks are being processed and one is being handed out, each of at most
//! [`CHUNK_DOCS`] documents or about [`CHUNK_BYTES`] of text, so memory does not grow with the
//! length of the input.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use isnad_core::Published;
use isnad_runner::{Item, Record, process_to_json};
use pyo3::prelude::*;
use pyo3::types::PyIterator;
use rayon::prelude::*;

use crate::documents;
use crate::pipeline::record_object;
use crate::records::StringCache;
use crate::tape::Tape;

/// Documents per chunk: enough for every worker to have work, few enough that the first records
/// come back soon.
const CHUNK_DOCS: usize = 256;
/// Text per chunk, for corpora of long documents.
const CHUNK_BYTES: usize = 4 << 20;
/// Chunks processed while the records of an earlier one are handed out.
const IN_FLIGHT: usize = 2;
/// How often a wait for the workers looks for Ctrl-C.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// The records of ``Pipeline.process_many``, in input order, as they are ready.
///
/// An iterator: use it in a ``for`` loop, ``list()`` it, or stop early (the documents read
/// ahead are then dropped). If the input iterable raises, the records of the documents before
/// the error come first, then the error.
#[pyclass(module = "isnad")]
pub(crate) struct Records {
    pipeline: Arc<isnad_runner::Pipeline>,
    pool: Arc<rayon::ThreadPool>,
    published: Option<Published>,
    as_json: bool,
    /// The input, until it is exhausted or raised.
    docs: Option<Py<PyIterator>>,
    /// Documents read so far (the next one's position).
    position: usize,
    /// What the input raised, handed on after the records before it.
    pending_error: Option<PyErr>,
    /// Chunks being processed, oldest first (a `Mutex` only to make the class `Sync`: the
    /// methods take `&mut self`, so it is never contended).
    in_flight: Mutex<VecDeque<Chunk>>,
    /// Records of the oldest finished chunk, not yet handed out.
    ready: std::vec::IntoIter<Tape>,
    strings: StringCache,
}

/// A chunk being processed: its documents' ids (to still give one record each should a worker
/// die) and where its records will arrive.
struct Chunk {
    ids: Vec<String>,
    records: Receiver<Vec<Tape>>,
}

impl Records {
    pub(crate) fn new(
        pipeline: Arc<isnad_runner::Pipeline>,
        pool: Arc<rayon::ThreadPool>,
        docs: Bound<'_, PyIterator>,
        published: Option<Published>,
        as_json: bool,
    ) -> Records {
        let strings = StringCache::new(docs.py());
        Records {
            pipeline,
            pool,
            published,
            as_json,
            docs: Some(docs.unbind()),
            position: 0,
            pending_error: None,
            in_flight: Mutex::new(VecDeque::new()),
            ready: Vec::new().into_iter(),
            strings,
        }
    }

    /// Reads and submits chunks until [`IN_FLIGHT`] are being processed or the input ends.
    fn fill(&mut self, py: Python<'_>) {
        while self.in_flight().len() < IN_FLIGHT {
            let Some(items) = self.read_chunk(py) else { return };
            let chunk = self.submit(items);
            self.in_flight().push_back(chunk);
        }
    }

    fn in_flight(&mut self) -> &mut VecDeque<Chunk> {
        self.in_flight.get_mut().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next chunk of documents, or None when the input is exhausted.
    fn read_chunk(&mut self, py: Python<'_>) -> Option<Vec<Item>> {
        let mut docs = self.docs.as_ref()?.bind(py).clone();
        let mut items = Vec::new();
        let mut bytes = 0;
        while items.len() < CHUNK_DOCS && bytes < CHUNK_BYTES {
            match docs.next() {
                Some(Ok(doc)) => {
                    let item = documents::item(&doc, self.position);
                    self.position += 1;
                    bytes += item.bytes;
                    items.push(item);
                }
                Some(Err(e)) => {
                    self.pending_error = Some(e);
                    self.docs = None;
                    break;
                }
                None => {
                    self.docs = None;
                    break;
                }
            }
        }
        (!items.is_empty()).then_some(items)
    }

    /// Hands a chunk to the pool; its records come back on the chunk's channel.
    fn submit(&self, items: Vec<Item>) -> Chunk {
        let ids = items.iter().map(|item| item.id.clone()).collect();
        let (send, records) = sync_channel(1);
        let pipeline = Arc::clone(&self.pipeline);
        let published = self.published.clone();
        let parse = !self.as_json;
        self.pool.spawn(move || {
            let tapes = items
                .into_par_iter()
                .map(|item| {
                    let (line, _failed) = process_to_json(&pipeline, item, published.as_ref());
                    if parse { Tape::parse(line) } else { Tape::unparsed(line) }
                })
                .collect();
            // The iterator may have been dropped meanwhile: then nobody wants these records.
            let _ = send.send(tapes);
        });
        Chunk { ids, records }
    }

    /// Waits for a chunk's records with the GIL released, looking for Ctrl-C now and then.
    fn wait(py: Python<'_>, chunk: Chunk) -> PyResult<Vec<Tape>> {
        let Chunk { ids, mut records } = chunk;
        loop {
            let (back, got) = py.detach(move || {
                let got = records.recv_timeout(SIGNAL_CHECK);
                (records, got)
            });
            records = back;
            match got {
                Ok(tapes) => return Ok(tapes),
                Err(RecvTimeoutError::Timeout) => py.check_signals()?,
                Err(RecvTimeoutError::Disconnected) => return Ok(lost(ids)),
            }
        }
    }
}

/// Records for a chunk whose worker died (a bug: stages' panics are caught per document).
fn lost(ids: Vec<String>) -> Vec<Tape> {
    ids.into_iter()
        .map(|id| {
            let error = "isnad's worker thread stopped before this document was done (a bug, \
                         please report it)";
            let record = Record::failed(id, vec![error.to_string()]);
            Tape::parse(serde_json::to_vec(&record).unwrap_or_default())
        })
        .collect()
}

#[pymethods]
impl Records {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        loop {
            if let Some(tape) = self.ready.next() {
                return record_object(py, tape, self.as_json, &mut self.strings).map(Some);
            }
            self.fill(py);
            let Some(chunk) = self.in_flight().pop_front() else {
                return match self.pending_error.take() {
                    Some(e) => Err(e),
                    None => Ok(None),
                };
            };
            // Read the next chunk before waiting, so that the workers never run dry.
            self.fill(py);
            self.ready = Records::wait(py, chunk)?.into_iter();
        }
    }
}
