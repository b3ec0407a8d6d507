//! Records as Python objects: a record's [`Tape`] turned into dicts, lists, str, int, float,
//! bool and None, exactly what `json.loads` makes of the line (same keys in the same order).
//!
//! Why not `json.loads`: the objects can only be made by the thread holding the GIL, one at a
//! time, while the stages run on all the others. Reading the line is left to the worker that
//! wrote it (`tape.rs`), and the keys and short repeated values ("direct", "c1", "2025-02-19")
//! are one shared object each instead of one per record.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use rustc_hash::FxHashMap;

use crate::tape::{KNOWN, Node, Tape, known_index};

/// The record as Python objects.
pub(crate) fn to_python<'py>(
    py: Python<'py>,
    tape: &Tape,
    strings: &mut StringCache,
) -> PyResult<Bound<'py, PyAny>> {
    let mut at = 0;
    value(py, tape, &mut at, strings)
}

fn value<'py>(
    py: Python<'py>,
    tape: &Tape,
    at: &mut usize,
    strings: &mut StringCache,
) -> PyResult<Bound<'py, PyAny>> {
    let node = tape.nodes()[*at];
    *at += 1;
    Ok(match node {
        Node::Null => py.None().into_bound(py),
        Node::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
        Node::Int(n) => PyInt::new(py, n).into_any(),
        Node::UInt(n) => PyInt::new(py, n).into_any(),
        Node::Float(x) => PyFloat::new(py, x).into_any(),
        Node::Known(k) => strings.known(py, k).into_any(),
        Node::Raw { .. } | Node::Unescaped { .. } => strings.get(py, tape.str(node)).into_any(),
        Node::List { len } => {
            let mut items = Vec::with_capacity(len as usize);
            for _ in 0..len {
                items.push(value(py, tape, at, strings)?);
            }
            PyList::new(py, items)?.into_any()
        }
        Node::Dict { len } => {
            let dict = PyDict::new(py);
            for _ in 0..len {
                let key = match tape.nodes()[*at] {
                    Node::Known(k) => strings.known(py, k),
                    other => strings.get(py, tape.str(other)),
                };
                *at += 1;
                dict.set_item(key, value(py, tape, at, strings)?)?;
            }
            dict.into_any()
        }
    })
}

/// Python strings already made: the tape's [`KNOWN`] strings (interned), and short values seen
/// before, so that they are one object each instead of one per record. Short strings only, and
/// at most a few thousand: the cache stays small whatever the input.
pub(crate) struct StringCache {
    known: Vec<Py<PyString>>,
    strings: FxHashMap<Box<str>, Py<PyString>>,
}

impl StringCache {
    const MAX_LEN: usize = 16;
    const MAX_ENTRIES: usize = 4096;

    pub(crate) fn new(py: Python<'_>) -> StringCache {
        debug_assert!(
            KNOWN.iter().enumerate().all(|(i, k)| known_index(k.as_bytes()) == Some(i as u8)),
            "tape::known_index disagrees with tape::KNOWN"
        );
        let known = KNOWN.iter().map(|k| PyString::intern(py, k).unbind()).collect();
        StringCache { known, strings: FxHashMap::default() }
    }

    fn known<'py>(&self, py: Python<'py>, index: u8) -> Bound<'py, PyString> {
        self.known[usize::from(index)].bind(py).clone()
    }

    fn get<'py>(&mut self, py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        if s.len() > Self::MAX_LEN {
            return PyString::new(py, s);
        }
        if let Some(cached) = self.strings.get(s) {
            return cached.bind(py).clone();
        }
        let made = PyString::new(py, s);
        if self.strings.len() < Self::MAX_ENTRIES {
            self.strings.insert(s.into(), made.clone().unbind());
        }
        made
    }
}
