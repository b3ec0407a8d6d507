//! The bare form of a cue as the verb of the noun phrase before it: "party leaders hope that
//! …", "the women say …", "two-thirds fear …".
//!
//! **Reads**: a plural noun, a poll's quantity or (for a cue that is never a noun) any noun
//! phrase's last word right before the bare form, when what follows opens its complement (for a
//! verb of regarding, flag `as`: an object and "as", "developers see golf courses as wasted
//! space").
//!
//! **Not**: after a determiner, a preposition, an auxiliary or a pronoun; after an adverb, an
//! infinitive or a contraction ("may well endorse", "to help defend", "you'll find").
//!
//! **Fixture**: `tests/fixtures/en-plural-subjects.txt`.

use isnad_core::{Act, TokenKind};

use crate::lexicon::{Cue, Form, Frame, Role};
use crate::view::View;

use super::{speaker_phrase, start_of, starts_upper};

/// "party leaders hope that …", "most voters support a ban", "three-quarters fear …", "new
/// fundraising reports show.": the bare form right after a plural noun or a poll's quantity is
/// the verb of that subject (a noun would need a determiner, or would take the plural itself)
/// when what follows opens its complement: "that", a determiner, a subject pronoun, a name, an
/// infinitive, or (for a verb of evidence) the end of the sentence whose content went before.
pub(super) fn plural_subject_verb(v: &View<'_>, prev: usize, last: usize, cue: Cue) -> bool {
    if cue.form != Form::EnBase || cue.frame == Frame::About || !v.is_wordish(prev) {
        return false;
    }
    if [Role::Det, Role::Bound, Role::Intro, Role::Aux, Role::Pronoun, Role::Comp, Role::Time]
        .iter()
        .any(|&r| v.has(prev, r))
        || v.tags[prev].cue.is_some()
    {
        return false;
    }
    let p = v.folded(prev);
    let quantity = v.toks[prev].kind == TokenKind::Number
        || matches!(p, "half" | "majority" | "majorities" | "percent" | "most" | "many")
        || p.ends_with("-thirds")
        || p.ends_with("-quarters");
    // (Not a possessive: "Trump's plan to …".)
    let plural = p.len() > 3
        && p.ends_with('s')
        && !p.ends_with("ss")
        && !p.ends_with("us")
        && !p.contains(['\'', '’']);
    // "the women say", "those surveyed say", "a third believe": a verb that is never a noun
    // ("say" is one after a determiner only: "have the final say", which the complement test
    // below turns down too) is the verb after a lower-case word that ends a noun phrase: not
    // an adverb, and not a word after an auxiliary, "to", a pronoun or another verb, where it is
    // a verb or an adverb itself ("may well endorse", "to help defend", "you'll find").
    let adverb = p.len() > 4 && p.ends_with("ly");
    let before = (prev > start_of(v, prev)).then(|| prev - 1).filter(|&b| v.is_wordish(b));
    let verb_before = |b: usize| {
        v.has(b, Role::Aux)
            || v.has(b, Role::Pronoun)
            || v.tags[b].cue.is_some()
            || v.folded(b) == "to"
            || speaker_phrase::personal_contraction(v, b)
    };
    let head = !cue.noun
        && !starts_upper(v, prev)
        && !adverb
        && !speaker_phrase::personal_contraction(v, prev)
        && before.is_some_and(|b| !verb_before(b));
    if !(quantity || plural || head) {
        return false;
    }
    let n = last + 1;
    if n >= v.len() {
        return false;
    }
    if !v.is_wordish(n) {
        return cue.act == Act::Perception
            && v.is_punct(n, &['.'])
            && n == v.sentence_end(n)
            && v.sentence_start(n) + 3 < prev;
    }
    let w = v.folded(n);
    // "developers see golf courses as wasted space": the object, then "as".
    if cue.regard && as_follows(v, n) {
        return true;
    }
    v.has(n, Role::Comp)
        || (v.has(n, Role::Det) && !matches!(w, "for" | "of"))
        || matches!(w, "he" | "she" | "they" | "it" | "we" | "i")
        || (starts_upper(v, n) && !v.has(n, Role::Time))
        || (w == "to"
            && n + 1 < v.len()
            && v.is_word(n + 1)
            && !starts_upper(v, n + 1)
            && !v.has(n + 1, Role::Det))
}

/// An "as" after a short object starting at `n`, in the same clause: "see golf courses as …".
fn as_follows(v: &View<'_>, n: usize) -> bool {
    let end = v.sentence_end(n).min(n + 8);
    (n + 1..=end)
        .take_while(|&t| v.is_wordish(t) && v.tags[t].cue.is_none() && !v.has(t, Role::Comp))
        .any(|t| v.folded(t) == "as")
}
