//! A word written with the madda «آ» is never a complementiser. Folding writes «آ», «أ» and «إ»
//! alike, so the given name «آن» (Anne) reads as «أن»: «ونقلت الوكالة عن ممثلة المنظمة، السيدة
//! آن ماري دوبوا، قولها إن …» had its content open at «آن». No complementiser of the function
//! lexicon is spelled with a madda, so the original spelling settles it.

use isnad_core::Token;

use crate::lexicon::{Role, Tag};

/// Clears the complementiser reading of words that begin, after و or ف, with «آ».
pub(crate) fn clear(tags: &mut [Tag], toks: &[Token], text: &str) {
    let comp = Role::Comp.bit();
    for (tag, tok) in tags.iter_mut().zip(toks) {
        if tag.roles & comp != 0
            && tok.span.slice(text).trim_start_matches(['و', 'ف']).starts_with('آ')
        {
            tag.roles &= !comp;
        }
    }
}
