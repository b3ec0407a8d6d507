//! isnad's shared language layer: what the quote, date and speaker stages all need.
//!
//! - [`normalize()`] folds Arabic and Latin text for matching (hamza and alef forms, ى/ي, ة/ه,
//!   diacritics, tatweel, Persian letters, Arabic-Indic digits, case, curly quotes) and keeps a map
//!   back to the original offsets, so nothing downstream ever reports a folded offset.
//! - [`Lexicon`] compiles word lists from data files into one aho-corasick automaton and matches
//!   whole words, allowing Arabic clitic prefixes (و ف ب ل ك س ال) before an entry.
//! - [`chars`] decides what is a letter, a digit, a space, an Arabic letter or mark: one place
//!   for every stage.
//! - [`segment`] splits paragraphs (with page-furniture blocks), sentences and tokens.
//! - [`lang::detect`] tells Arabic from English when the input does not say.
//! - [`SegmentStage`] runs all of it as the pipeline's first stage.
#![deny(missing_docs)]

pub mod arabic;
pub mod chars;
pub mod data;
pub mod lang;
mod lexicon;
pub mod normalize;
pub mod segment;
mod stage;

pub use lexicon::{LexMatch, Lexicon, LexiconError, is_clitic_chain};
pub use normalize::{fold, normalize};
pub use stage::{SegmentConfig, SegmentStage};
