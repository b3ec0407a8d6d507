//! What a warning is about: the noun phrase after the من of "حذّر من", wherever the من stands.
//!
//! **Reads**: "وحذرت النقابات من موجة تسريح", with the subject, its apposition and a
//! circumstance between the verb and من ("حذرت النقابات العمالية في الميناء، في بيان مشترك صدر
//! مساء الأحد، من موجة تسريح …"), an addressee ("حذرت الشرطة المواطنين من الاقتراب"), a
//! partitive subject ("حذر عدد من الخبراء من ارتفاع الأسعار": the first من is "of the experts"),
//! a quotation after من ("من "كارثة إنسانية""). What follows من, whatever its head, is what is
//! warned of; "حذر من أن" is left to the complementiser.
//! **Not**: "من جهته" (a stop phrase); a من after a quantifier (عدد، مجموعة، بعض …); a من past a
//! complementiser, a clause, another cue or a relative pronoun without commas.
//! **Data**: frame `np-من` in `data/ar-cues.tsv`; `partitive`, `stop`, `comp`, `clause`, `rel` in
//! `data/ar-function.tsv`.
//! **Fixture**: `tests/fixtures/ar-warning-of.txt`.

use super::introducer::Intro;
use super::{COMMAS, definite_word};
use crate::lexicon::Role;
use crate::view::View;

/// Most tokens between the cue and its من.
const WINDOW: usize = 20;

/// The introducer of a warning whose cue ends at `cue_last`: the complementiser after من, or the
/// head of what is warned of.
pub(super) fn warned_of(v: &View<'_>, cue_last: usize, sent_end: usize) -> Option<Intro> {
    let mut candidates = Vec::new();
    let mut k = cue_last + 1;
    while k < sent_end.min(cue_last + WINDOW) {
        if v.has(k, Role::Rel) && v.is_punct(k - 1, COMMAS) {
            // (", الذي …،": a relative clause about the subject; its words are its own)
            match (k + 2..sent_end.min(k + 12)).find(|&t| v.is_punct(t, COMMAS)) {
                Some(close) => {
                    k = close + 1;
                    continue;
                }
                None => break,
            }
        }
        let ends = v.has(k, Role::Comp)
            || v.has(k, Role::Clause)
            || v.has(k, Role::Rel)
            || (k > cue_last + 1 && v.tags[k].cue.is_some());
        if ends {
            break;
        }
        if v.is_word(k) && v.folded(k) == "من" && v.tags[k].prefix == 0 && !v.has(k, Role::Stop) {
            candidates.push(k);
        }
        k += 1;
    }
    // The first من that does not continue the noun before it: right after the cue, a comma or
    // a definite word; else the last one that follows no quantifier ("حذر خبراء من ارتفاع").
    let after_quantifier = |m: usize| v.has(m - 1, Role::Partitive);
    let opens_object = |m: usize| {
        m == cue_last + 1
            || v.is_punct(m - 1, COMMAS)
            || (definite_word(v.folded(m - 1)) && !after_quantifier(m))
    };
    let min = candidates
        .iter()
        .copied()
        .find(|&m| opens_object(m))
        .or_else(|| candidates.last().copied().filter(|&m| !after_quantifier(m)))?;
    let head = min + 1;
    if head > sent_end || v.para[head] != v.para[min] {
        return None;
    }
    if v.has(head, Role::Comp) {
        return Some(Intro::Comp(head));
    }
    let word_or_quote = v.is_word(head) || v.opening(head).is_some();
    (word_or_quote && !v.has(head, Role::Stop)).then_some(Intro::Nominal(head))
}
