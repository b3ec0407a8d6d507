//! A validated, ready pipeline.

use std::panic::{AssertUnwindSafe, catch_unwind};

use isnad_core::{Document, Lang, Stage};

/// The language a pipeline assumes for documents that do not state one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Language {
    /// Detect it (the `segment` stage does).
    Auto,
    /// Assume this one.
    Fixed(Lang),
}

/// Stages in order, built once and shared by all worker threads.
pub struct Pipeline {
    name: String,
    language: Language,
    stages: Vec<Box<dyn Stage>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("name", &self.name)
            .field("language", &self.language)
            .field("stages", &self.stages.iter().map(|s| s.name()).collect::<Vec<_>>())
            .finish()
    }
}

impl Pipeline {
    /// A pipeline of already validated stages (use [`crate::load_file`] to get one from TOML).
    pub fn new(name: String, language: Language, stages: Vec<Box<dyn Stage>>) -> Pipeline {
        Pipeline { name, language, stages }
    }

    /// The pipeline's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The language assumed for documents without one.
    pub fn language(&self) -> &Language {
        &self.language
    }

    /// The stages, in order.
    pub fn stages(&self) -> impl Iterator<Item = &dyn Stage> {
        self.stages.iter().map(|s| s.as_ref())
    }

    /// Runs every stage on `doc` and returns the errors (empty when all went well).
    ///
    /// A stage that fails or panics stops the pipeline for this document only: its message is
    /// returned, the layers earlier stages added are kept, and the caller goes on with other
    /// documents. Catching panics here means one bad document can never take a run down, whatever
    /// a stage does with it.
    pub fn process(&self, doc: &mut Document) -> Vec<String> {
        if doc.meta.lang.is_none()
            && let Language::Fixed(lang) = &self.language
        {
            doc.meta.lang = Some(lang.clone());
        }
        // No stage reads a language it does not know: say so rather than give an empty record.
        if let Some(Lang::Other(code)) = &doc.meta.lang {
            return vec![format!(
                "unsupported language '{code}': isnad reads \"ar\" (Arabic) and \"en\" \
                 (English); give one of them in \"lang\", or leave \"lang\" out to detect it"
            )];
        }
        for stage in &self.stages {
            let result = catch_unwind(AssertUnwindSafe(|| stage.process(doc)));
            match result {
                Ok(Ok(())) => {
                    doc.layers.provided.extend(stage.provides().iter().cloned());
                }
                Ok(Err(e)) => return vec![format!("stage '{}': {e}", stage.name())],
                Err(panic) => {
                    let msg = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".to_string());
                    return vec![format!(
                        "stage '{}' panicked: {msg} (this is a bug in the stage; please report it with the document)",
                        stage.name()
                    )];
                }
            }
        }
        Vec::new()
    }
}
