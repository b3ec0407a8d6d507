//! A relaying verb in an aside about the source: «نفى مصدر عسكري، نقلت عنه وكالة "سانا"،
//! استهداف …».
//!
//! **Reads**: right after a comma, a bare past of a verb that relays a source (frame `relay`:
//! نقل) with «عن» and the pronoun of the noun before it («عنه»، «عنها»، «عنهم») describes that
//! source, as a relative clause without a relative pronoun does after an indefinite noun ("a
//! source whom the agency quoted"): it reports nothing of its own. It is no cue, and it opens a
//! circumstance between commas, as «في بيان» does, after which the object of the main verb
//! follows; the outlet in it is the medium.
//! **Not**: «ونقلت الوكالة عن مصدر …» (with و, or with a name after عن: the relaying clause
//! itself).
//! **Data**: `frame` of `data/ar-cues.tsv`.
//! **Fixture**: `tests/fixtures/ar-relay-aside.txt`.

use isnad_core::{Token, TokenKind};

use super::COMMAS;
use crate::lexicon::{Form, Frame, Tag};

/// True when the cue at `i` is a relaying verb in an aside about the source before it.
pub(super) fn aside(tags: &[Tag], toks: &[Token], folded: &str, i: usize) -> bool {
    let Some(cue) = tags[i].cue else { return false };
    let word = |k: usize| &folded[toks[k].norm.0 as usize..toks[k].norm.1 as usize];
    let last = tags[i].last as usize;
    cue.frame == Frame::Relay
        && cue.form == Form::ArPast
        && tags[i].prefix == 0
        && i >= 1
        && toks[i - 1].kind != TokenKind::Word
        && word(i - 1).chars().all(|c| COMMAS.contains(&c))
        && last + 1 < toks.len()
        && matches!(word(last + 1), "عنه" | "عنها" | "عنهم" | "عنهما")
}
