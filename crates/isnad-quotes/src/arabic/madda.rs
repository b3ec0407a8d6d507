//! A word written with the madda «آ» is never a complementiser. Folding writes «آ», «أ» and «إ»
//! alike, so the given name «آن» (Anne) reads as «أن»: «ونقلت الوكالة عن ممثلة المنظمة، السيدة
//! آن ماري دوبوا، قولها إن …» had its content open at «آن». No complementiser of the function
//! lexicon is spelled with a madda, so the original spelling settles it.

use isnad_core::Token;

use crate::lexicon::Role;

/// `roles` without the complementiser's bit when token `tok` of `text` is spelled with an
/// initial «آ» (`isnad_text::arabic::madda_initial`). (Asked by the tagger of `lexicon.rs` only
/// of the few words that read as a complementiser, not of every token.)
pub(crate) fn without_madda_comp(roles: u64, tok: &Token, text: &str) -> u64 {
    let comp = Role::Comp.bit();
    if roles & comp != 0 && isnad_text::arabic::madda_initial(tok.span.slice(text)) {
        roles & !comp
    } else {
        roles
    }
}
