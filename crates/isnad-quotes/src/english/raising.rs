//! "The senator seemed to soften his stance", "the plan appears doomed": a verb of seeming
//! (frame `raising` in `data/en-cues.tsv`) reports how things look, to the writer or to no one
//! named. Its subject is not who perceives but part of what is perceived, so the claim has no
//! speaker and its content is the subject with the complement ("the senator … to soften his
//! stance").
//!
//! When what seems is itself an attitude of the subject towards something ("seemed to blame the
//! contractors", "appeared pleased with the verdict"), the subject holds it and is the speaker, the
//! something the content.
//!
//! **Reads**: the verb followed by an infinitive ("seemed to be shrinking"), a clause ("it
//! appears that …", "as if", "as though", "like"), or an adjective or participle, over adverbs
//! ("seems equally unperturbed", "appeared paralyzed", "appears likely").
//!
//! **Not**: the verb of showing up or being in a place ("appeared on television", "appeared at
//! the rally", "appeared before the committee", "appeared together"): a preposition, a determiner,
//! a name, a number or nothing after it; the -ing form ("her seeming calm"); the verb inside a
//! quotation.
//!
//! **Data**: `data/en-cues.tsv` (frame `raising`); `data/en-function.tsv` (bound, intro, det,
//! time: what cannot open the complement).
//!
//! **Fixture**: `tests/fixtures/en-seeming.txt`.

use crate::draft::{Draft, trim_content};
use crate::lexicon::{Cue, Form, Frame, Role};
use crate::view::View;

use super::{before_aux, content_end, source_left, start_of, starts_upper};

/// The claim of the verb of seeming at `i`, or `None` when it is not followed by what seems.
pub(super) fn claim(v: &View<'_>, i: usize, cue: Cue) -> Option<Draft> {
    if cue.form == Form::EnIng {
        return None;
    }
    let last = v.tags[i].last as usize;
    let first = complement_start(v, last + 1)?;
    let sent_start = start_of(v, i);
    // The subject, over auxiliaries ("has seemed", "would appear"): part of what seems.
    let subject = before_aux(v, i, sent_start)
        .filter(|&l| v.is_wordish(l))
        .and_then(|l| source_left(v, l, sent_start))
        .filter(|&(s, _)| !matches!(v.folded(s), "it" | "there"));
    let end = content_end(v, first, i);
    if end < first {
        return None;
    }
    // "seemed to blame the network", "appeared pleased with the verdict": when what seems is
    // itself an attitude of the subject towards something, the subject holds it and the
    // something is the content.
    if let Some(np) = subject
        && let Some(object) = attitude_object(v, first)
        && object <= end
    {
        let (a, b) = trim_content(v, v.toks[object].span.start(), v.toks[end].span.end());
        return (a < b).then(|| Draft::indirect(v, (i, last), (a, b), Some(np), cue.class));
    }
    let start = subject.map_or(first, |(s, _)| s);
    let (a, b) = trim_content(v, v.toks[start].span.start(), v.toks[end].span.end());
    if v.text[a..b].split_whitespace().count() < 3 {
        return None;
    }
    Some(Draft::indirect(v, (i, last), (a, b), None, cue.class))
}

/// The first token of what seems, from `n` right after the verb: an infinitive, a clause opener
/// or an adjective (over adverbs in -ly), else `None`.
fn complement_start(v: &View<'_>, mut n: usize) -> Option<usize> {
    let word = |t: usize| t < v.len() && v.is_word(t);
    // "seemed equally unperturbed", "appears increasingly likely".
    let mut adverbs = 0;
    while word(n) && adverbs < 2 && is_adverb(v, n) && word(n + 1) {
        n += 1;
        adverbs += 1;
    }
    if !word(n) {
        return None;
    }
    let w = v.folded(n);
    let lower_word = |t: usize| word(t) && !starts_upper(v, t) && !v.has(t, Role::Det);
    match w {
        "to" => lower_word(n + 1).then_some(n),
        "that" | "like" => Some(n),
        "as" => (word(n + 1) && matches!(v.folded(n + 1), "if" | "though")).then_some(n),
        _ => {
            let function = [
                Role::Det,
                Role::Bound,
                Role::Intro,
                Role::Aux,
                Role::Pronoun,
                Role::Time,
                Role::After,
                Role::Comp,
                Role::Particle,
            ]
            .iter()
            .any(|&r| v.has(n, r));
            let adjective = !function
                && !starts_upper(v, n)
                // ("seemed worried", "appeared pleased": a cue's participle is an adjective here.)
                && v.tags[n].cue.is_none_or(|c| c.form == Form::EnPast)
                && (!is_adverb(v, n) || matches!(w, "likely" | "unlikely"))
                // "appeared together", "appeared onstage": adverbs of place and company.
                && !matches!(w, "together" | "onstage" | "alongside" | "here" | "there")
                // Something must follow the adjective or end the clause with it.
                && (n + 1 >= v.len() || !v.is_word(n + 1) || !v.has(n + 1, Role::Det));
            adjective.then_some(n)
        }
    }
}

/// Where the object of an attitude starts, when the complement at `first` is one: a cue verb
/// ("to blame", "to be worried about") or an adjective with its preposition ("pleased with",
/// "unhappy about").
fn attitude_object(v: &View<'_>, first: usize) -> Option<usize> {
    let word = |t: usize| t < v.len() && v.is_word(t);
    let mut h = first;
    if v.folded(h) == "to" {
        h += 1;
    }
    if word(h) && v.folded(h) == "be" {
        h += 1;
    }
    if !word(h) {
        return None;
    }
    let prep = |t: usize| word(t) && matches!(v.folded(t), "with" | "about" | "by" | "over" | "of");
    if prep(h + 1) && !starts_upper(v, h) {
        return Some(h + 2).filter(|&t| word(t));
    }
    let verb = v.tags[h].cue.is_some_and(|c| c.form == Form::EnBase && c.frame != Frame::Raising);
    let last = v.tags[h].last as usize;
    (verb && h > first && last + 1 < v.len()).then_some(last + 1)
}

/// An adverb in -ly ("equally", "increasingly"), not a noun in -ly ("rally").
fn is_adverb(v: &View<'_>, t: usize) -> bool {
    let w = v.folded(t);
    w.len() > 4 && w.ends_with("ly") && !v.has(t, Role::NounLy)
}
