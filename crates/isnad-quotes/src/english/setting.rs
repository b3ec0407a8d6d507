//! The reporting clause's own time or place between its cue and its content: "said on Friday
//! the council had run out of money", "testified before the inquiry that …", "said at the
//! hearing: “…”", "told the committee on Tuesday that …", "said at a news conference the state
//! would appeal".
//!
//! **Reads**: after the cue (and its hearer), a time word ("Tuesday", "last week") or a
//! preposition of time or place ("on", "at", "in", "before", "during", "after") with a short
//! noun phrase, and then where the content opens: a complementiser, a colon, a quotation, or a
//! clause (a determiner, a pronoun or a name straight after a noun, with a verb within a few
//! words). The phrase is the saying's setting, not part of what was said.
//! **Not**: a phrase with a verb in it or a conjunction ("said last year was the hottest", "said
//! on Monday as the cabinet met"), "at least" and "at most" (they belong to the figure after
//! them), a phrase that runs on over a comma (the older readings keep those).
//! **Data**: the roles `after`, `time`, `setting`, `told-of`, `det`, `pron`, `bound`, `comp` of
//! `data/en-function.tsv`.
//! **Fixture**: `tests/fixtures/en-setting-before-content.txt`.

use super::{finite_like, starts_upper};
use crate::lexicon::{Form, Role};
use crate::view::View;

/// Where the content opens after the setting phrase.
pub(super) enum Opens {
    /// A complementiser ("that"), the content's first token.
    Comp(usize),
    /// A colon; the content follows it.
    Colon(usize),
    /// The token opening a quotation that is the content.
    Quote(usize),
    /// The first token of a clause without a complementiser.
    Clause(usize),
}

/// A time word ("Tuesday", "last", "yesterday") or a preposition that opens where or when
/// someone spoke ("on", "at", "before", "during", "under"; not "of" or "about", which give a
/// topic, nor "with", which gives what a reply was: "responded with the lawsuit Lynch
/// announced").
fn opens_setting(v: &View<'_>, t: usize) -> bool {
    v.has(t, Role::After)
        || v.has(t, Role::Time)
        || v.has(t, Role::Setting) && !v.has(t, Role::ToldOf) && v.folded(t) != "with"
}

/// A word that keeps the phrase going: a preposition or a determiner ("a visit to Ohio", "the
/// annual meeting of the club").
fn continues_phrase(v: &View<'_>, t: usize) -> bool {
    v.has(t, Role::Det) || v.has(t, Role::Setting) || matches!(v.folded(t), "to" | "by")
}

/// True when a clause opens at `t`: a determiner, a subject pronoun or a name (not a time word)
/// after a noun of the setting, with a finite verb within four words, before any punctuation or
/// complementiser ("said in an interview CNN aired Monday that": no clause opens at "CNN" if a
/// relative "that" were there; "to help the affected residents": an "-ed" word straight after
/// the determiner is an adjective).
fn clause_opens(v: &View<'_>, t: usize, sent_end: usize) -> bool {
    let name = starts_upper(v, t)
        && !starts_upper(v, t - 1)
        && !v.has(t, Role::Time)
        && !v.has(t, Role::After);
    let opener = v.has(t, Role::Det) && v.folded(t) != "of"
        || v.has(t, Role::Pronoun) && v.folded(t) != "who"
        || name;
    opener
        && !continues_phrase(v, t - 1)
        && (t + 1..=sent_end.min(t + 4)).take_while(|&n| v.is_word(n) && !v.has(n, Role::Comp)).any(
            |n| {
                v.has(n, Role::Finite)
                    || v.has(n, Role::Aux)
                    || n > t + 1 && finite_like(v, n)
                    || v.tags[n].cue.is_some_and(|c| !c.noun && c.form != Form::EnIng)
            },
        )
}

/// The setting phrase after the cue, from `k` (the first token after the cue and its hearer),
/// and where the content opens after it; `None` when no such phrase is there or no content
/// follows it.
pub(super) fn content_after_setting(
    v: &View<'_>,
    k: usize,
    sent_end: usize,
    min_words: u32,
) -> Option<Opens> {
    if k >= sent_end || !v.is_word(k) || !opens_setting(v, k) || v.has(k, Role::Pronoun) {
        return None;
    }
    if v.folded(k) == "at" && matches!(v.folded(k + 1), "least" | "most") {
        return None;
    }
    let mut t = k + 1;
    while t <= sent_end && t <= k + 8 {
        if let Some(qi) = v.opening(t) {
            let q = &v.quotes[qi as usize];
            return (q.words >= min_words && !continues_phrase(v, t - 1))
                .then_some(Opens::Quote(t));
        }
        if !v.is_word(t) {
            return v.is_punct(t, &[':']).then_some(Opens::Colon(t));
        }
        if v.has(t, Role::Comp) {
            return Some(Opens::Comp(t));
        }
        if clause_opens(v, t, sent_end) {
            return Some(Opens::Clause(t));
        }
        // A verb, a gerund or a conjunction: the words after the cue are a clause of their own
        // ("planning on voting for …"); "about" gives a topic ("reported recently about").
        let after_det = v.has(t - 1, Role::Det);
        let gerund = v.folded(t).ends_with("ing") && !starts_upper(v, t);
        if v.has(t, Role::Bound) && !continues_phrase(v, t)
            || v.folded(t) == "about"
            || !after_det && (finite_like(v, t) || gerund || v.tags[t].cue.is_some_and(|c| !c.noun))
        {
            return None;
        }
        t += 1;
    }
    None
}
