//! The `segment` stage.

use std::path::Path;

use isnad_core::{Document, Layer, Stage, StageError};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::{lang, normalize, segment};

/// Configuration of the `segment` stage.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SegmentConfig {
    /// Guess the language of documents that arrive without `lang` (Arabic or English by script and
    /// function words; anything else is marked `und` and skipped by language-specific stages).
    pub detect_language: bool,
    /// Mark page furniture ("إقرأ أيضاً", "Read more", "Related", tag lists) as `related` blocks so
    /// that claims found there can be told apart from the article's own.
    pub related_blocks: bool,
}

impl Default for SegmentConfig {
    fn default() -> Self {
        SegmentConfig { detect_language: true, related_blocks: true }
    }
}

/// Normalisation, paragraphs, sentences and tokens: what every language stage reads.
#[derive(Debug, Clone, Default)]
pub struct SegmentStage {
    config: SegmentConfig,
}

impl SegmentStage {
    /// Builds the stage. `_base_dir` is unused: the stage reads no files besides its built-in data.
    pub fn new(config: SegmentConfig, _base_dir: &Path) -> Result<SegmentStage, StageError> {
        Ok(SegmentStage { config })
    }
}

const PROVIDES: &[Layer] = &[Layer::Normalized, Layer::Sentences, Layer::Tokens];

impl Stage for SegmentStage {
    fn name(&self) -> &str {
        "segment"
    }

    fn requires(&self) -> &[Layer] {
        &[]
    }

    fn provides(&self) -> &[Layer] {
        PROVIDES
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        if doc.meta.lang.is_none() && self.config.detect_language {
            doc.meta.lang = Some(lang::detect(&doc.text));
        }
        let norm = normalize::normalize(&doc.text);
        let paragraphs = segment::paragraphs(&doc.text, self.config.related_blocks);
        let sentences = segment::sentences(&doc.text, &paragraphs);
        let tokens = segment::tokens(&doc.text, &paragraphs, &norm);
        doc.layers.normalized = Some(norm);
        doc.layers.paragraphs = paragraphs;
        doc.layers.sentences = sentences;
        doc.layers.tokens = tokens;
        Ok(())
    }
}
