//! The native part of the `isnad` Python package (`isnad._isnad`; `python/isnad/` is the rest).
//!
//! - [`pipeline`]: `isnad.Pipeline`, loaded with the runner's own `load_file`/`default_pipeline`
//!   and processing documents with the runner's `process_to_json`, so that its records are the
//!   bytes `isnad run` writes;
//! - [`stream`]: the iterator of `process_many`, parallel on rayon with the GIL released, in
//!   bounded memory;
//! - [`documents`]: Python values (a str, a dict shaped like a JSONL line) to documents;
//! - [`tape`]: a record's JSON line read on the worker that wrote it, off the GIL;
//! - [`records`]: the read line turned into Python dicts and lists.
//!
//! The package is built with maturin (`pip install ./crates/isnad-python`); the Python tests in
//! `tests/` are run by `.ci/run`. See the crate's README.md.

use pyo3::prelude::*;

mod documents;
mod pipeline;
mod records;
mod stream;
mod tape;

/// The stages allocate and free small vectors and strings for every document; mimalloc's
/// thread-local free lists make that a small fraction of what the system allocator costs, as in
/// the `isnad` binary. It serves the Rust side only: Python objects use Python's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pyo3::create_exception!(
    isnad,
    PipelineError,
    pyo3::exceptions::PyValueError,
    "A pipeline file that cannot be used.\n\n\
     ``str(error)`` is what ``isnad check`` prints: every problem on its own line, with file, line \
     and stage. ``error.problems`` holds them as dicts with the keys ``file``, ``line``, ``stage`` \
     (1-based, or None), ``stage_name`` and ``message``."
);

/// The native module; `isnad/__init__.py` re-exports what users need.
#[pymodule]
fn _isnad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<pipeline::Pipeline>()?;
    m.add_class::<stream::Records>()?;
    m.add("PipelineError", m.py().get_type::<PipelineError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
