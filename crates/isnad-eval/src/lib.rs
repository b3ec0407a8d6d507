//! Scoring isnad against gold data.
//!
//! Each module reads one gold format, runs documents through a [`Processor`] (in the CLI: a
//! pipeline built by the runner) and returns a report. Reports print as a human table
//! ([`std::fmt::Display`]), serialise to JSON for scripts, and expose their headline figures as
//! named [`Report::metrics`] so that one generic gate (`isnad eval … --min name=value`) can fail a
//! CI run when a figure drops.
//!
//! The crate depends on the document model only, not on the runner: whoever calls it decides
//! which pipeline processes the documents.
#![deny(missing_docs)]

pub mod dates;
pub mod quotes;
pub mod tempeval;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use isnad_core::Document;
use serde::Serialize;
use thiserror::Error;

/// Runs a document through a pipeline and returns it with its layers.
///
/// Errors of individual documents are the caller's to report; the scorer sees the document as
/// far as it was processed.
pub type Processor<'a> = dyn Fn(Document) -> Document + Sync + 'a;

/// A scoring result.
pub trait Report: fmt::Display + Serialize {
    /// The headline figures by name (`f1@30`, `accuracy`, …), as fractions from 0 to 1.
    fn metrics(&self) -> BTreeMap<String, f64>;
}

/// Why gold data could not be scored.
#[derive(Debug, Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A gold file is not in the expected format.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when the whole file is at fault).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Nothing to score.
    #[error("no gold data found in {0}")]
    Empty(String),
}
