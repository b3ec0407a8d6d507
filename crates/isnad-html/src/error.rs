//! Why a report could not be written.

use thiserror::Error;

/// A report that could not be written. Problems of one article (records that do not match their
/// text, a record without its text) are not errors: they are shown on that article.
#[derive(Debug, Error)]
pub enum HtmlError {
    /// Writing the output failed.
    #[error("cannot write the HTML report: {0}")]
    Write(#[from] std::io::Error),
    /// A template failed to render (a bug in this crate's templates).
    #[error("cannot render template {name}: {source}")]
    Template {
        /// The template's file name under `templates/`.
        name: &'static str,
        /// What minijinja said.
        source: minijinja::Error,
    },
}
