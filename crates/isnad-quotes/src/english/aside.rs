//! A subject, then an aside between commas, then the cue: the subject is before the aside.
//!
//! **Reads**: "Trump, speaking at a rally in Wilmington, N.C., warned that …" (Trump), "Mr.
//! Trump, in an interview on Friday, said …" (Mr. Trump), "Murphy, though, said …" (Murphy),
//! "Pantucci, at the Royal United Services Institute, said …" (Pantucci), "One former
//! employee, speaking on condition of anonymity, said …" (One former employee).
//!
//! **Not**: an apposition ("Graham, a former candidate, told …": read with the name), a relative
//! clause ("Barkley, who said …, said": read by the relative rules), a capitalised word after the
//! comma ("Wilmington, N.C."), a noun phrase that does not open its clause.
//!
//! **Data**: `data/en-function.tsv` (`intro` and `bound`: prepositions and sentence adverbs that
//! open an aside).
//!
//! **Fixture**: `tests/fixtures/en-asides.txt`.

use crate::lexicon::Role;
use crate::view::View;

use super::speaker_phrase::{is_noun_phrase, verb_like};

/// The subject before an aside that ends at the comma `comma` right before a cue.
pub(crate) fn aside_subject(
    v: &View<'_>,
    comma: usize,
    floor: usize,
    source_left: impl Fn(usize) -> Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let lower = |t: usize| !v.original(t).starts_with(|c: char| c.is_uppercase());
    let lo = comma.saturating_sub(20).max(floor + 1);
    for open in (lo..comma).rev().filter(|&t| v.is_punct(t, &[','])) {
        let first = open + 1;
        let participle = |t: usize| {
            v.is_word(t)
                && lower(t)
                && verb_like(v, t)
                && (v.folded(t).ends_with("ing") || v.folded(t).ends_with("ed"))
        };
        // (A subordinator opens a clause of its own, not an aside, unless a participle follows
        // ("while speaking to reporters") or it stands alone ("Okafor, though, said").)
        let subordinator = v.has(first, Role::Bound);
        let opener = v.is_word(first)
            && lower(first)
            && (v.has(first, Role::Intro)
                && (!subordinator || participle(first + 1) || first + 1 == comma)
                || participle(first));
        if !opener || matches!(v.folded(first), "who" | "which" | "that") {
            continue;
        }
        let (start, end) = source_left(open - 1)?;
        // The subject opens its clause (the sentence, or after a comma or "and"/"but") and names
        // someone: a name, a determiner and its noun, a pronoun.
        let opens = start == floor
            || start.checked_sub(1).is_some_and(|b| {
                v.is_punct(b, &[',', ';', ':'])
                    || v.is_word(b) && matches!(v.folded(b), "and" | "but")
            });
        let names = (start..=end)
            .any(|t| v.is_word(t) && (!lower(t) || v.has(t, Role::Det) || v.has(t, Role::Pronoun)));
        let ok = opens && names && end + 1 == open && is_noun_phrase(v, start, end);
        return ok.then_some((start, end));
    }
    None
}
