//! The document model of isnad and the contract every stage implements.
//!
//! isnad turns news articles into *claims*: who said what, when, through which outlet. Every part
//! of that work is a [`Stage`] that reads some layers of a [`Document`] and adds others. This crate
//! holds only the shared vocabulary: no I/O, no configuration formats, no threads. That keeps it
//! small enough that stage crates and plugins can depend on it without pulling in the runner.
//!
//! # Standoff layers
//! A document's `text` is never changed after it is read. Everything a stage finds is stored beside
//! it as *standoff* annotation: a [`Span`] of byte offsets into `text` plus typed data. Byte offsets
//! make slicing free and exact inside Rust; the output writer converts them to Unicode code points
//! (what Python's `text[a:b]` and most NLP corpora use) with [`CharIndex`].
//!
//! # Why typed layers and an extensions map
//! The built-in stages talk through typed layers ([`Layers`]) so that a speaker linker can rely on
//! the shape of a quotation. Plugins cannot share Rust types across a C ABI, so they get
//! [`Layers::extensions`], a map of JSON values keyed by plugin-chosen names, and per-claim
//! [`Claim::ext`] fields.
#![deny(missing_docs)]

mod document;
mod error;
mod layers;
mod offsets;
mod published;
mod span;
mod stage;
pub mod work;

pub use document::{Document, Lang, Meta};
pub use error::{SpanError, StageError};
pub use layers::{
    Act, Block, Calendar, Claim, ClaimDate, DateSource, Entity, EntityKind, Grain, Layer, Layers,
    Mention, MentionKind, Normalized, Paragraph, QuoteKind, Sentence, Speaker, Timex, Timex3,
    Timex3Type, TimexEnd, TimexKind, Token, TokenKind,
};
pub use offsets::CharIndex;
pub use published::{Published, PublishedError};
pub use span::Span;
pub use stage::Stage;
