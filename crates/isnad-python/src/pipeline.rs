//! `isnad.Pipeline`: a pipeline file loaded once, then documents in and records out.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use isnad_core::{Lang, Published};
use isnad_runner::{Item, PipelineError as LoadError, Registry, process_to_json};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

use crate::PipelineError;
use crate::documents;
use crate::records::{self, StringCache};
use crate::stream::Records;
use crate::tape::Tape;

/// A pipeline: the stages of a pipeline file (or of the built-in default pipeline), built once.
///
/// ``Pipeline()`` is the pipeline ``isnad run`` uses without ``--pipeline``: every built-in stage,
/// language detected per document. ``Pipeline("my.toml")`` loads a pipeline file; paths in it
/// (plugins, gazetteers) are relative to the file, as on the command line. A file with problems
/// raises ``isnad.PipelineError`` listing every problem with its line, as ``isnad check`` does.
///
/// A pipeline is safe to share between threads, and its methods release the GIL while they work.
/// Records are the ones ``isnad run`` writes (see docs/output.md): offsets count code points, so
/// ``text[span["start"]:span["end"]] == span["text"]``.
#[pyclass(frozen, module = "isnad")]
pub(crate) struct Pipeline {
    inner: Arc<isnad_runner::Pipeline>,
    /// The file as given, for `repr` and `path`.
    path: Option<PathBuf>,
    /// The same file as an absolute path, for pickling to another working directory.
    absolute: Option<PathBuf>,
    /// The worker pool of the last `process_jsonl` call and its size, reused by the next one
    /// (Spark calls it once per batch).
    pool: Mutex<Option<(usize, Arc<rayon::ThreadPool>)>>,
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (path=None))]
    fn new(py: Python<'_>, path: Option<PathBuf>) -> PyResult<Pipeline> {
        let loaded = py.detach(|| {
            let registry = Registry::builtin();
            match &path {
                Some(path) => isnad_runner::load_file(path, &registry),
                None => isnad_runner::default_pipeline(&registry),
            }
        });
        let inner = loaded.map_err(|e| pipeline_error(py, &e))?;
        let absolute = path.as_ref().map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()));
        Ok(Pipeline { inner: Arc::new(inner), path, absolute, pool: Mutex::new(None) })
    }

    /// The pipeline's name (its ``[pipeline] name``).
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The names of its stages, in order (a plugin stage is named by its plugin).
    #[getter]
    fn stages(&self) -> Vec<String> {
        self.inner.stages().map(|s| s.name().to_string()).collect()
    }

    /// The language assumed for documents that give none: ``"ar"``, ``"en"``, or ``"auto"``
    /// (detected per document).
    #[getter]
    fn language(&self) -> String {
        match self.inner.language() {
            isnad_runner::Language::Auto => "auto".to_string(),
            isnad_runner::Language::Fixed(lang) => lang.code().to_string(),
        }
    }

    /// The pipeline file, or None for the built-in default pipeline.
    #[getter]
    fn path(&self) -> Option<PathBuf> {
        self.path.clone()
    }

    /// Processes one document and returns its record, a dict (or, with ``as_json=True``, the
    /// record's JSON line exactly as ``isnad run`` writes it).
    ///
    /// ``id`` names the record (default ``"0"``), ``lang`` is ``"ar"``, ``"en"`` or another code
    /// (default: the pipeline's language, else detected), ``published`` is the publication date
    /// relative dates are resolved against (``"2025-02-19"``, ``"2025-02-19T10:00+03:00"``, or a
    /// ``datetime.date``/``datetime``); a date that cannot be read raises ``ValueError``.
    /// A document the stages fail on still gives its record, with the reason in ``errors``.
    #[pyo3(signature = (text, *, id=None, lang=None, published=None, as_json=false))]
    fn process(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        id: Option<String>,
        lang: Option<String>,
        published: Option<&Bound<'_, PyAny>>,
        as_json: bool,
    ) -> PyResult<Py<PyAny>> {
        if text.cast::<PyString>().is_err() {
            return Err(PyTypeError::new_err(format!(
                "text must be a str, not {}",
                text.get_type().name()?
            )));
        }
        let published = published.map(parse_published).transpose()?;
        let mut item = documents::item(text, 0);
        if let Some(id) = id {
            item.id.clone_from(&id);
            if let Some(doc) = &mut item.doc {
                doc.id = id;
            }
        }
        if let Some(doc) = &mut item.doc {
            doc.meta.lang = lang.filter(|l| !l.trim().is_empty()).map(|l| Lang::from_code(&l));
            doc.meta.published = published;
        }
        let pipeline = &self.inner;
        let tape = py.detach(|| {
            let (line, _failed) = process_to_json(pipeline, item, None);
            if as_json { Tape::unparsed(line) } else { Tape::parse(line) }
        });
        record_object(py, tape, as_json, &mut StringCache::new(py))
    }

    /// Processes documents in parallel and yields their records in input order, as they are
    /// ready.
    ///
    /// ``docs`` is any iterable (a list, a generator, a file's lines turned into dicts) of
    /// ``str`` (a document's text) or dicts with the fields of an ``isnad run`` JSONL line:
    /// ``text``, and optionally ``id``, ``lang``, ``published``, ``source``, ``url``, ``title``;
    /// other fields are kept in the record's ``meta``. A document without an ``id`` is named by
    /// its position, from ``"0"``. Every input gives exactly one record: one that cannot be
    /// read (not a str or dict, no ``text``, a bad ``published``) gives a record whose
    /// ``errors`` say why.
    ///
    /// ``jobs`` worker threads process the documents (default: one per core) while the GIL is
    /// released; the iterable is read a few hundred documents ahead, never more, so memory stays
    /// flat on a generator of any length. ``published`` is the date for documents that give
    /// none (``isnad run --published``). ``as_json=True`` yields the JSON lines instead of dicts.
    #[pyo3(signature = (docs, *, jobs=None, published=None, as_json=false))]
    fn process_many(
        &self,
        docs: &Bound<'_, PyAny>,
        jobs: Option<usize>,
        published: Option<&Bound<'_, PyAny>>,
        as_json: bool,
    ) -> PyResult<Records> {
        let published = published.map(parse_published).transpose()?;
        let docs = docs.try_iter()?;
        let pool = new_pool(jobs)?;
        Ok(Records::new(Arc::clone(&self.inner), pool, docs, published, as_json))
    }

    /// Processes a batch of documents (a sequence, as for ``process_many``) in parallel and
    /// returns their records as JSON Lines: one ``\n``-terminated line per document, in order,
    /// the bytes ``isnad run`` writes. Made for batch engines (``isnad.spark`` reads it with
    /// ``pyarrow.json``); the whole batch is held in memory, so stream with ``process_many``.
    #[pyo3(signature = (docs, *, jobs=None, published=None))]
    fn process_jsonl<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        jobs: Option<usize>,
        published: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let published = published.map(parse_published).transpose()?;
        let items: Vec<Item> = docs
            .try_iter()?
            .enumerate()
            .map(|(position, doc)| doc.map(|doc| documents::item(&doc, position)))
            .collect::<PyResult<_>>()?;
        let pool = self.pool_of(jobs)?;
        let pipeline = &self.inner;
        let out = py.detach(|| {
            let lines: Vec<Vec<u8>> = pool.install(|| {
                items
                    .into_par_iter()
                    .map(|item| process_to_json(pipeline, item, published.as_ref()).0)
                    .collect()
            });
            let mut out = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
            for line in lines {
                out.extend_from_slice(&line);
                out.push(b'\n');
            }
            out
        });
        Ok(PyBytes::new(py, &out))
    }

    fn __repr__(&self) -> String {
        match &self.path {
            Some(path) => format!("isnad.Pipeline({:?})", path.display().to_string()),
            None => "isnad.Pipeline()".to_string(),
        }
    }

    /// Pickled as its file's path (loaded again where it is unpickled), so that a pipeline can be
    /// handed to multiprocessing or a Spark task.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let path = slf.get().absolute.clone();
        (slf.get_type(), (path,)).into_pyobject(py)
    }
}

impl Pipeline {
    /// The pool of `jobs` threads, kept for the next call that asks for the same number.
    fn pool_of(&self, jobs: Option<usize>) -> PyResult<Arc<rayon::ThreadPool>> {
        let want = jobs.unwrap_or(0);
        let mut cached = self.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((size, pool)) = cached.as_ref()
            && *size == want
        {
            return Ok(Arc::clone(pool));
        }
        let pool = new_pool(jobs)?;
        *cached = Some((want, Arc::clone(&pool)));
        Ok(pool)
    }
}

/// A worker pool of `jobs` threads (default: one per core, or `RAYON_NUM_THREADS`).
pub(crate) fn new_pool(jobs: Option<usize>) -> PyResult<Arc<rayon::ThreadPool>> {
    if jobs == Some(0) {
        return Err(PyValueError::new_err("jobs must be at least 1 (or None: one per core)"));
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .thread_name(|i| format!("isnad-worker-{i}"))
        // A panic outside the stages (which catch their own) would be a bug; without a handler
        // rayon aborts the whole Python process. The chunk's records then say what happened.
        .panic_handler(|_| eprintln!("isnad: a worker thread panicked (a bug, please report it)"))
        .build()
        .map(Arc::new)
        .map_err(|e| PyValueError::new_err(format!("cannot start worker threads: {e}")))
}

/// A record as Python gets it: a dict, or its JSON line as a str.
pub(crate) fn record_object(
    py: Python<'_>,
    tape: Tape,
    as_json: bool,
    strings: &mut StringCache,
) -> PyResult<Py<PyAny>> {
    if as_json {
        return Ok(PyString::new(py, &tape.into_line()).into_any().unbind());
    }
    Ok(records::to_python(py, &tape, strings)?.unbind())
}

/// A `published` argument: a string, or anything with `isoformat()` (dates, datetimes).
fn parse_published(value: &Bound<'_, PyAny>) -> PyResult<Published> {
    let text = match value.cast::<PyString>() {
        Ok(s) => s.extract::<String>()?,
        Err(_) => value.call_method0("isoformat")?.extract::<String>().map_err(|_| {
            PyTypeError::new_err("published must be a str or a datetime.date/datetime")
        })?,
    };
    text.parse::<Published>().map_err(|e| PyValueError::new_err(e.to_string()))
}

/// `isnad.PipelineError` with the message `isnad check` prints and each problem as a dict.
fn pipeline_error(py: Python<'_>, error: &LoadError) -> PyErr {
    let err = PipelineError::new_err(error.to_string());
    let problems = error.problems.iter().map(|p| {
        let dict = PyDict::new(py);
        dict.set_item("file", &p.file)?;
        dict.set_item("line", p.line)?;
        dict.set_item("stage", p.stage.as_ref().map(|(n, _)| *n))?;
        dict.set_item("stage_name", p.stage.as_ref().map(|(_, name)| name.as_str()))?;
        dict.set_item("message", &p.message)?;
        Ok(dict)
    });
    let problems: PyResult<Vec<_>> = problems.collect();
    let attached = problems
        .and_then(|problems| PyList::new(py, problems))
        .and_then(|list| err.value(py).setattr("problems", list));
    match attached {
        Ok(()) => err,
        Err(e) => e,
    }
}
