//! The contract every pipeline stage implements.

use crate::{Document, Layer, StageError};

/// One step of a pipeline: reads some layers of a document and adds others.
///
/// # Contract
/// - A stage is built once from its configuration and then shared by all worker threads, so
///   `process` takes `&self` and must be safe to call concurrently (hence `Send + Sync`).
/// - `process` may add to or enrich `doc.layers`; it must never change `doc.text`, and every span
///   it stores must fit the text (use [`Document::span`]).
/// - `requires` names the layers that must have been provided by an earlier stage; the runner
///   checks this when it builds the pipeline, not per document.
/// - An `Err` fails this document only: the runner records the message in the document's
///   `errors`, skips the remaining stages for it and goes on with the other documents.
pub trait Stage: Send + Sync {
    /// The name the stage is registered under (`segment`, `quotes`, a plugin's name, …).
    fn name(&self) -> &str;

    /// Layers that must exist before this stage runs.
    fn requires(&self) -> &[Layer];

    /// Layers this stage adds.
    fn provides(&self) -> &[Layer];

    /// Processes one document.
    fn process(&self, doc: &mut Document) -> Result<(), StageError>;
}
