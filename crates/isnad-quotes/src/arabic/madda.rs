//! A word written with the madda «آ» is never a complementiser. Folding writes «آ», «أ» and «إ»
//! alike, so the given name «آن» (Anne) reads as «أن»: «ونقلت الوكالة عن ممثلة المنظمة، السيدة
//! آن ماري دوبوا، قولها إن …» had its content open at «آن». No complementiser of the function
//! lexicon is spelled with a madda, so the original spelling settles it.

use isnad_core::Token;

/// True when token `tok` of `text` begins, after و or ف, with «آ». (Asked by the tagger of
/// `lexicon.rs` of the few words that read as a complementiser, not of every token.)
pub(crate) fn madda_initial(tok: &Token, text: &str) -> bool {
    tok.span.slice(text).trim_start_matches(['و', 'ف']).starts_with('آ')
}
