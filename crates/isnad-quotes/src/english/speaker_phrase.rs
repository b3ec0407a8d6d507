//! Whether the words the rules took for a speaker make a noun phrase: a name, a role, an
//! organisation, a group, a pronoun — never a stray word of the clause around it.
//!
//! **Reads** (kept): "Slovak Foreign Minister Juraj Blanar", "the union's general secretary,
//! Fiona Gallagher", "Sanders, who endorsed Canova", "officials", "One of them".
//!
//! **Not** (dropped: the claim keeps no mention and a lower confidence): a contraction ("It's
//! worth", "That's", "no one's"), a phrase that starts with a preposition ("on CNN", "in the
//! past"), with a verb ("spent much of his campaign", "emailed a news article") or with a
//! sentence adverb or conjunction alone ("Even", "And"), one that ends with a determiner or a
//! preposition ("Cool the"), and one with a finite verb of its own outside a relative clause
//! ("Gates described the nonprofit's role").
//!
//! **Data**: `data/en-function.tsv` (`det`, `bound` and `intro` for prepositions and adverbs,
//! `aux`, `pron`, `verb`).
//!
//! **Fixture**: `tests/fixtures/en-speaker-phrases.txt`.

use crate::draft::Draft;
use crate::lexicon::{Form, Role};
use crate::view::View;

/// Drops a speaker that is no noun phrase: the claim keeps no speaker and a lower confidence.
pub(super) fn keep_noun_phrase(v: &View<'_>, d: &mut Draft) {
    if let Some((a, b)) = d.speaker
        && !is_noun_phrase(v, a, b)
    {
        d.speaker = None;
        d.implicit = false;
        d.confidence *= 0.8;
    }
}

/// True when tokens `first..=last` can name a speaker.
pub(crate) fn is_noun_phrase(v: &View<'_>, first: usize, last: usize) -> bool {
    let mut words: Vec<usize> = (first..=last).filter(|&t| v.is_wordish(t)).collect();
    // "the resolution which", "a campaign surrogate who": the antecedent is the phrase ("each
    // of whom": a quantifier of it).
    if words.len() > 1 && words.last().is_some_and(|&t| is_relative(v, t)) {
        words.pop();
        if words.len() == 2 && v.folded(words[1]) == "of" {
            return true;
        }
    }
    let (Some(&head), Some(&tail)) = (words.first(), words.last()) else { return false };
    // "It's worth", "That's": a contraction in a phrase; "he's", "they've" alone are the subject.
    let personal = words.len() == 1 && personal_contraction(v, words[0]);
    if !personal && words.iter().any(|&t| contraction(v, t).is_some_and(|base| base != "who")) {
        return false;
    }
    let lower = |t: usize| !v.original(t).starts_with(|c: char| c.is_uppercase());
    // "on CNN", "in the past": a prepositional phrase is no subject.
    let preposition = v.has(head, Role::Bound) || v.has(head, Role::Intro);
    if preposition && lower(head) && !v.has(head, Role::Pronoun) {
        return false;
    }
    // "spent much of his campaign", "emailed a news article": a verb and its object ("retired
    // neurosurgeon Ben Carson", "undecided voter": an adjective before a noun).
    let object_after = |t: usize| {
        words.get(1).is_some_and(|&n| {
            n == t + 1 && (v.has(n, Role::Det) || v.has(n, Role::Pronoun) || v.folded(n) == "much")
        })
    };
    let verb_head = v.has(head, Role::Verb) || v.tags[head].cue.is_some_and(|c| !c.noun);
    if lower(head) && verb_like(v, head) && (verb_head || object_after(head)) {
        return false;
    }
    // "Even", "And", "Together": only adverbs and conjunctions.
    let function = |t: usize| {
        v.has(t, Role::Intro) || v.has(t, Role::Aux) || (v.has(t, Role::Bound) && lower(t))
    };
    if words.iter().all(|&t| function(t) && !v.has(t, Role::Pronoun)) {
        return false;
    }
    // "Cool the", "the head of": a noun phrase ends with its noun.
    if words.len() > 1 && (v.has(tail, Role::Det) || (v.has(tail, Role::Bound) && lower(tail))) {
        return false;
    }
    // "Gates described the nonprofit's role": a clause, unless the verb is in a relative clause
    // ("Sanders, who endorsed Canova").
    let mut relative = false;
    for &t in &words[1..] {
        relative |= is_relative(v, t);
        let finite = clause_verb(v, t);
        if finite && !relative && lower(t) {
            return false;
        }
    }
    true
}

/// "he's", "they've", "I'm": a personal pronoun glued to its auxiliary, a subject by itself.
pub(crate) fn personal_contraction(v: &View<'_>, t: usize) -> bool {
    contraction(v, t)
        .is_some_and(|base| matches!(base, "he" | "she" | "they" | "we" | "i" | "you" | "who"))
}

/// "who", "which", "that", "whose", "whom".
fn is_relative(v: &View<'_>, t: usize) -> bool {
    let w = v.folded(t);
    // ("who's", "who've": the pronoun glued to its auxiliary.)
    let w = w.split_once(['\'', '’']).map_or(w, |(base, _)| base);
    matches!(w, "who" | "which" | "that" | "whose" | "whom")
}

/// True when token `n` is a verb that makes the noun phrase before it a clause's subject: a
/// finite auxiliary ("China and Russia have established"), or a finite verb with its object
/// after it ("Gates described the role"), not a participle ("a source involved in", "the base
/// chief known as Bob").
pub(crate) fn clause_verb(v: &View<'_>, n: usize) -> bool {
    if !v.is_word(n) || v.original(n).starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    if v.has(n, Role::Finite) {
        return true;
    }
    // ("a study published this week": a time phrase, no object.)
    let time_after = n + 2 < v.len() && v.has(n + 2, Role::Time);
    let object = n + 1 < v.len()
        && v.is_word(n + 1)
        && (v.has(n + 1, Role::Det) && v.folded(n + 1) != "of" && !time_after
            || v.has(n + 1, Role::Pronoun)
            || v.has(n + 1, Role::Comp));
    let w = v.folded(n);
    let verb = v.has(n, Role::Verb)
        || v.tags[n].cue.is_some_and(|c| matches!(c.form, Form::En3sg | Form::EnPast) && !c.noun)
        || (w.len() > 4 && w.ends_with("ed"));
    verb && object
}

/// "It's", "That’s", "there's", "I'm", "one's": a pronoun or a demonstrative glued to a verb;
/// returns the pronoun.
pub(crate) fn contraction<'a>(v: &View<'a>, t: usize) -> Option<&'a str> {
    let w = v.folded(t);
    let (base, rest) = w.split_once(['\'', '’'])?;
    let glued = matches!(rest, "s" | "m" | "re" | "ll" | "ve" | "d")
        && matches!(
            base,
            "it" | "that"
                | "there"
                | "here"
                | "what"
                | "one"
                | "i"
                | "he"
                | "she"
                | "we"
                | "they"
                | "you"
                | "who"
        );
    glued.then_some(base)
}

/// A lower-case word that reads as a verb: a listed finite verb, an -ed or -ing form, a verb
/// form of a cue.
pub(crate) fn verb_like(v: &View<'_>, t: usize) -> bool {
    let w = v.folded(t);
    v.has(t, Role::Verb)
        || v.tags[t].cue.is_some_and(|c| !c.noun)
        || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing")))
}
