//! The subject of a cue inside a relative clause: the antecedent of "who", "which" or "that".
//!
//! **Reads**: "a rise from the 1 percent who preferred him" (the 1 percent who), "among those
//! who considered themselves conservative" (those who), "each of whom echoed a theme" (each of
//! whom), "remarks made by a campaign surrogate who said" (a campaign surrogate who), "the
//! resolution which said" (the resolution which), "Sanders, who endorsed Canova" (Sanders, who).
//!
//! **Not**: the words of the clause before the antecedent ("That's a sharp rise from", "made
//! by"): the antecedent is the nearest noun phrase, which a preposition, a verb or a clause
//! boundary ends.
//!
//! **Data**: `data/en-function.tsv` (`det`, `intro` and `bound` for prepositions, `aux`,
//! `verb`).
//!
//! **Fixture**: `tests/fixtures/en-relative-subjects.txt`.

use crate::lexicon::Role;
use crate::view::View;

use super::speaker_phrase::{contraction, verb_like};

/// The mention of a cue whose subject is the relative pronoun at `rel`: from the antecedent to
/// the pronoun.
pub(crate) fn relative_source(v: &View<'_>, rel: usize, floor: usize) -> Option<(usize, usize)> {
    let mut k = rel.checked_sub(1).filter(|&k| k >= floor)?;
    // "each of whom", "all of which".
    if v.is_word(k)
        && v.folded(k) == "of"
        && k > floor
        && v.is_word(k - 1)
        && v.has(k - 1, Role::Det)
        || (k > floor
            && v.folded(k) == "of"
            && matches!(
                v.folded(k - 1),
                "each" | "all" | "both" | "most" | "many" | "none" | "one" | "some"
            ))
    {
        return Some((k - 1, rel));
    }
    // "Sanders, who …": the name before the comma.
    if v.is_punct(k, &[',']) {
        k = k.checked_sub(1).filter(|&k| k >= floor)?;
    }
    let start = noun_phrase_start(v, k, floor)?;
    Some((start, rel))
}

/// First token of the noun phrase ending at `end`: capitalised words and titles, numbers and
/// "%", lower-case nouns and adjectives back to a determiner (which it takes), "of" between
/// capitalised words ("Secretary of State"); a preposition, a verb, an auxiliary or a
/// punctuation mark other than a title's period ends it.
pub(crate) fn noun_phrase_start(v: &View<'_>, end: usize, floor: usize) -> Option<usize> {
    let upper = |t: usize| v.original(t).starts_with(|c: char| c.is_uppercase());
    let mut start = None;
    let mut j = end;
    loop {
        let ok = if v.is_wordish(j) {
            let w = v.folded(j);
            let preposition = (v.has(j, Role::Intro) || v.has(j, Role::Bound)) && !upper(j);
            let of_in_name = w == "of" && j < end && upper(j + 1) && j > floor && upper(j - 1);
            // ("O'Donnell, who": an apostrophe in a name; "the left, who": a head noun that is
            // also a verb form.)
            let contracted = contraction(v, j).is_some();
            let function_word =
                (preposition && !of_in_name) || v.has(j, Role::Aux) || v.has(j, Role::Comp);
            !contracted && (upper(j) || !(function_word || (j < end && verb_like(v, j))))
        } else {
            // ("Donald Trump Jr., who": the period of an abbreviation ends the name.)
            let abbreviation = j == end && j > floor && v.is_punct(j, &['.']) && v.is_word(j - 1);
            abbreviation
                || v.is_punct(j, &['%', '.', '-']) && v.mark_of[j].is_none() && start.is_some()
        };
        if !ok {
            break;
        }
        start = Some(j);
        // A determiner opens the phrase.
        if v.has(j, Role::Det) && v.folded(j) != "of" || j == floor || end - j >= 10 {
            break;
        }
        j -= 1;
    }
    let start = start?;
    (start..=end).any(|t| v.is_wordish(t)).then_some(start)
}

/// True when the relative pronoun at `rel` hangs on a medium that a verb of saying earlier in
/// the sentence spoke through: "the cooperative said in a statement that read: “…”", "she wrote
/// on Facebook in a post that said …". The statement's words are the speaker's, so the relative
/// clause's cue takes the earlier verb's subject, not "a statement that".
pub(crate) fn medium_relative(v: &View<'_>, rel: usize, floor: usize) -> bool {
    if rel < floor + 3 || !v.is_word(rel) || !matches!(v.folded(rel), "that" | "which") {
        return false;
    }
    let head = rel - 1;
    if !v.is_word(head) || !v.has(head, Role::Media) {
        return false;
    }
    // A determiner (and at most two modifiers) before the head, a preposition before that.
    let Some(det) = (head.saturating_sub(3).max(floor)..head).rev().find(|&t| v.has(t, Role::Det))
    else {
        return false;
    };
    det > floor
        && v.is_word(det - 1)
        && matches!(v.folded(det - 1), "in" | "on" | "via" | "through")
        && (floor..det - 1)
            .any(|t| v.tags[t].cue.is_some_and(|c| c.class == crate::lexicon::Class::Speech))
}
