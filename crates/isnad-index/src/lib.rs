//! A claims database for a whole corpus: isnad's records in SQLite, with the people and
//! organisations linked across articles, full-text search, and a Parquet export.
//!
//! A fact-checker's question is rarely about one article ("everything Peskov said about the
//! talks in February"), and in the output records the same person is `e1` in one article and
//! `e4` in the next. This crate keeps every record of a corpus in one SQLite file that the
//! `sqlite3` shell can read (the schema is documented in `docs/database.md`), links each
//! article's entities to **actors** of the corpus, and answers the questions back.
//!
//! # Writing
//! [`DocRows::from_document`] turns a processed document into its rows (code-point offsets, the
//! search form of each claim, the link keys of each entity) on the worker thread that processed
//! it; [`Index::write`] writes a batch of them in one transaction. So
//!
//! - **each document is whole or absent**: a process killed mid-batch leaves the batches before
//!   it; SQLite's write-ahead log makes that hold for `kill -9` too;
//! - **indexing is idempotent**: a document id already in the database is replaced, with
//!   everything that hangs on it; a second corpus adds to the first;
//! - **memory does not grow with the corpus**: linking looks its keys up in an indexed table
//!   (`link_keys`) rather than in a map held in memory, and SQLite's page cache has a fixed size.
//!
//! # Linking across articles
//! Module `link` has the rules: the same gazetteer id, the same proper full name, an alias, or a
//! surname together with a role. Every link records which rule made it and by which key, and the
//! rules are conservative: two people who share only a first name or a title stay apart. What
//! counts as a proper name (not "the agency", not «مصدر أمني») is module `names`. The figures
//! against hand-made gold are in `docs/database.md`; [`eval`] computes them.
//!
//! # Searching
//! Claim contents are indexed with SQLite's FTS5 in the form [`search_form`] gives them: folded
//! as the stages fold text (so «الاتفاق» finds «الإتفاق» and diacritised spellings), cut into
//! words at punctuation (so "Peskov" finds "Peskov's"), Arabic proclitics taken off (so
//! «الاتفاق» finds «والاتفاق»). [`fts_query`] turns what a user types into a query that cannot
//! be FTS5 syntax.
//!
//! # Reading
//! [`Database`] is the read API: [`Database::claims`] (by speaker, period, text, language,
//! outlet; newest first), [`Database::actors`] and [`Database::actor`] (names in every language,
//! roles, counts), [`Database::document`] (an article with its claims, entities, mentions and
//! timexes). With the `parquet` feature (on by default), [`export_parquet`] writes every table as
//! a Parquet file.
//!
//! ```no_run
//! use isnad_index::{ClaimQuery, Database};
//! let db = Database::open("claims.sqlite".as_ref())?;
//! let query = ClaimQuery {
//!     speaker: Some("Peskov".into()),
//!     from: Some("2025-02".into()),
//!     search: Some("talks".into()),
//!     limit: 20,
//!     ..ClaimQuery::default()
//! };
//! for hit in db.claims(&query)? {
//!     println!("{} {} {}", hit.date.unwrap_or_default(), hit.document, hit.content.text);
//! }
//! # Ok::<(), isnad_index::IndexError>(())
//! ```
#![deny(missing_docs)]

mod error;
pub mod eval;
#[cfg(feature = "parquet")]
mod export;
mod link;
mod names;
mod page;
mod raw_insert;
mod read;
mod rows;
mod schema;
mod search_text;
mod writer;

pub use error::IndexError;
#[cfg(feature = "parquet")]
pub use export::export_parquet;
pub use read::{
    Actor, ClaimHit, ClaimQuery, Database, DocumentView, EntityView, MentionView, NameUse,
    SpanText, Stats, TimexView,
};
pub use rows::DocRows;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use search_text::{fts_query, search_form};
pub use writer::{Index, WriteSummary};
