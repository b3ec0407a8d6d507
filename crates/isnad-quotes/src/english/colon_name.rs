//! The name before a colon that opens a paragraph: "Mayor Vale: …" in a title, "LEO BRANDT: …"
//! in a transcript.
//!
//! **Reads**: capitalised words, with a title's period, an apostrophe or a hyphen inside
//! ("Sen. Mary Ellen Holt", "O'Neill", "Jean-Paul"), up to the colon.
//!
//! **Not**: a lower-case word, a cue word, or a word with one of the caller's roles (labels,
//! time words, determiners …) before the colon; more than [`MAX_NAME_WORDS`] words.
//!
//! Used by [`super::headline`] and [`super::transcript`], which add their own tests of what the
//! name may be.

use crate::lexicon::Role;
use crate::view::View;

use super::{is_title_period, starts_upper};

/// Most words a speaker's name takes before the colon ("Sen. Mary Ellen Holt").
pub(super) const MAX_NAME_WORDS: usize = 4;

/// A name read up to its colon.
pub(super) struct ColonName {
    /// The colon's token.
    pub colon: usize,
    /// Words of the name.
    pub words: usize,
    /// Every word in capitals ("LEO BRANDT").
    pub all_caps: bool,
}

/// The name from token `start` to a colon at or before `para_end`, or `None` when a token before
/// the colon cannot be part of a name: not capitalised, a cue, a word with a role of `excluded`,
/// or one that `refuse` turns down.
pub(super) fn name_before_colon(
    v: &View<'_>,
    start: usize,
    para_end: usize,
    excluded: &[Role],
    refuse: impl Fn(usize) -> bool,
) -> Option<ColonName> {
    let mut t = start;
    let mut words = 0;
    let mut all_caps = true;
    while t <= para_end && !v.is_punct(t, &[':']) {
        if v.is_wordish(t) {
            if !starts_upper(v, t)
                || v.tags[t].cue.is_some()
                || excluded.iter().any(|&r| v.has(t, r))
                || refuse(t)
            {
                return None;
            }
            words += 1;
            all_caps &= v.original(t).chars().all(|c| !c.is_lowercase());
        } else if !(is_title_period(v, t) || v.is_punct(t, &['’', '\'', '-'])) {
            return None;
        }
        if words > MAX_NAME_WORDS {
            return None;
        }
        t += 1;
    }
    (t <= para_end).then_some(ColonName { colon: t, words, all_caps })
}
