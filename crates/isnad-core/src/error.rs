//! Error types shared by all stages.

use thiserror::Error;

/// A span that does not fit its text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SpanError {
    /// `start` lies after `end`.
    #[error("span start {start} is after its end {end}")]
    Reversed {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
    /// The span reaches past the end of the text.
    #[error("span {start}..{end} reaches past the end of a text of {len} bytes")]
    OutOfBounds {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
        /// Length of the text in bytes.
        len: usize,
    },
    /// An end of the span falls inside a multi-byte character.
    #[error("span offset {at} falls inside a UTF-8 character")]
    NotCharBoundary {
        /// The offending offset.
        at: usize,
    },
}

/// Why a stage could not process a document (or could not be built).
///
/// A `StageError` from [`crate::Stage::process`] fails that document only: the runner writes the
/// message into the document's `errors` and goes on with the rest.
#[derive(Debug, Error)]
pub enum StageError {
    /// A layer the stage needs is absent (the pipeline should have caught this; a plugin may not).
    #[error("layer '{0}' is missing: add a stage that provides it earlier in the pipeline")]
    MissingLayer(String),
    /// A span produced by the stage does not fit the text.
    #[error("invalid span: {0}")]
    Span(#[from] SpanError),
    /// The stage's configuration is unusable.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The document cannot be processed by this stage (bad metadata, unsupported input).
    #[error("{0}")]
    Input(String),
    /// Anything else that went wrong inside the stage.
    #[error("{0}")]
    Failed(String),
}
