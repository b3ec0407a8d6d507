//! isnad's records laid over their articles, as HTML for people to review.
//!
//! A fact-checker checks an attribution by reading it in the article: JSON offsets are for
//! programs. This crate renders each article with every claim's content highlighted in its
//! speaker's colour, the cue marked, the speaker's mention underlined and the dates marked; a
//! hover or keyboard focus tells who said it, how, when and with what confidence. It is what
//! `isnad html` writes and what `isnad serve` shows.
//!
//! ```
//! use isnad_html::{Article, Report};
//! # let record: isnad_runner::Record = serde_json::from_str(
//! #     r#"{"id":"a","lang":"en","published":null,"claims":[],"entities":[],"timexes":[],"errors":[]}"#,
//! # ).unwrap();
//! let mut out = Vec::new();
//! let mut report = Report::begin(&mut out, "My articles")?;
//! report.article(&Article { record, text: Some("The minister said so.".into()) })?;
//! report.finish()?;
//! assert!(String::from_utf8(out).unwrap().contains("The minister said so."));
//! # Ok::<(), isnad_html::HtmlError>(())
//! ```
//!
//! # Why it is built this way
//!
//! - **One self-contained file.** The report is read offline, mailed, archived: styles and the
//!   small script are inline (`templates/report.css`, `templates/report.js`), nothing is fetched.
//! - **Templates, not string building.** Markup lives in `templates/*.html` (minijinja), which
//!   escapes every value it prints: an article that contains `<script>` shows it as text. The Rust
//!   side only builds a view model ([`view`]) of plain strings.
//! - **Spans become properly nested elements.** A date inside a claim, a claim inside a claim, a
//!   speaker mention shared by two claims, or a quotation running over two paragraphs would
//!   overlap as ranges; HTML needs a tree. [`nesting`] sweeps each paragraph and closes and reopens
//!   elements where ranges cross, so any set of spans gives valid markup (the later pieces of a
//!   split element are marked as continuations and are not separate keyboard stops).
//! - **Offsets are checked, not trusted.** Records count code points (`docs/output.md`); each span
//!   is converted back to bytes and compared with the text it says it covers ([`offsets`]). Records
//!   from another version of the text show their problems on the article instead of highlighting
//!   the wrong words.
//! - **Direction per paragraph.** Each paragraph gets `dir` and `lang` from its own letters
//!   ([`paragraphs`]): an English quotation inside an Arabic article is laid out left to right, and
//!   the browser's bidirectional algorithm places embedded numbers and Latin names inside Arabic.
//! - **Streaming.** [`Report`] writes one article at a time, so a report of a large corpus needs
//!   the memory of one article, not of the whole file.
#![deny(missing_docs)]

mod error;
pub mod nesting;
pub mod offsets;
pub mod paragraphs;
mod report;
pub mod view;

pub use error::HtmlError;
pub use report::{Article, Report, SCRIPT, STYLE, Shown, render_article};
