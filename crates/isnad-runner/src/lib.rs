//! Builds isnad pipelines from TOML files and runs them over documents.
//!
//! - [`Registry`]: the explicit list of stages a pipeline can `use`, with their configuration docs.
//! - [`load_file`] / [`load_str`]: two-phase loading. The TOML is parsed keeping positions, each
//!   stage is looked up and its table deserialised into the stage's own configuration type, and
//!   the order of layers is checked; **every** problem is reported at once, each with file, line
//!   and stage, because fixing a pipeline one error per run is slow.
//! - [`Reader`]: documents from `.txt` files, JSONL, directories and stdin, read lazily; a bad
//!   document becomes an item with an error, never a dropped one.
//! - [`run()`]: the executor: bounded read-ahead, documents streamed through worker threads,
//!   records in input order, the output of one document bounded.
//! - [`Record`]: the output format, with code-point offsets; [`timeml_document`]: a processed
//!   document as TimeML, its text with inline TIMEX3 elements.
#![deny(missing_docs)]

#[doc(hidden)]
pub mod fuzzing;
mod input;
mod output;
mod pipeline;
mod plugins;
mod registry;
mod run;
mod spec;
pub mod testing;
mod timeml;

pub use input::{DEFAULT_MAX_DOCUMENT_BYTES, Input, InputError, Item, Reader};
pub use output::{OutClaim, OutEntity, OutSpan, OutSpeaker, OutTimex, Record};
pub use pipeline::{Language, Pipeline};
pub use registry::{FieldDoc, Registry, StageDoc, plugin_doc};
pub use run::{
    DEFAULT_MAX_OUTPUT_RATIO, Processed, Progress, RunError, RunOptions, Summary, process_item,
    process_to_json, processed_to_json, run, run_document, run_each,
};
pub use spec::{PipelineError, Problem, load_file, load_str};
pub use timeml::timeml_document;

/// The pipeline `isnad run` uses without `--pipeline`: every built-in stage, language detected per
/// document. Its text is `pipelines/default.toml`.
pub const DEFAULT_PIPELINE: &str = include_str!("../../../pipelines/default.toml");

/// Builds the default pipeline (relative paths in it resolve against `pipelines/`).
pub fn default_pipeline(registry: &Registry) -> Result<Pipeline, PipelineError> {
    load_str(DEFAULT_PIPELINE, "<default pipeline>", std::path::Path::new("pipelines"), registry)
}
