//! A headline that gives a speaker's words after their name and a colon.
//!
//! **Reads**: the title "Mayor Vale: We will rebuild the pier" or "Okafor: ‘The audit was
//! rigged’" when the article's own claims name that speaker ("…, Okafor said"), or the body
//! names them by a full name ending with that word ("council leader Dana Okafor pressed …"), or
//! the word is a poll ("Poll: Voters back the bridge"): the outlet sums up what the speaker
//! said, and a fact-checker checks it against them. Speaker: the name before the colon; content:
//! the rest of the title.
//!
//! **Not**: a title whose name neither speaks nor is named by a full name in the article ("Iowa:
//! What to watch tonight", "Brexit: the deal explained", "Leeds: …" over "in Leeds, West
//! Yorkshire"): then the words before the colon are a topic or a place, not a speaker; a label
//! ("UPDATE:", "Watch:", role `label`), a time word, a determiner ("The Latest:"), a wh-word, a
//! cue ("Senator Slams Rival: …") or a preposition ("Minister On Rates: …") before the colon;
//! more than four words before it; a content of fewer than three words; any paragraph but the
//! first.
//!
//! **Data**: `data/en-function.tsv` (`label`, `time`, `det`, `question`, `survey`).
//!
//! **Fixtures**: `tests/fixtures/en-headline*.txt`.

use isnad_core::QuoteKind;

use crate::draft::{Draft, content_kind, trim_content};
use crate::lexicon::{Class, Role};
use crate::view::View;

use super::colon_name::{ColonName, name_before_colon};
use super::starts_upper;

/// The headline's claim, when the title names a speaker of `body` (the claims found in the
/// rest of the article) before a colon.
pub(crate) fn claim(v: &View<'_>, body: &[Draft], min_words: u32) -> Option<Draft> {
    if v.len() == 0 || v.para[0] != 0 {
        return None;
    }
    let para_end = v.paragraph_end(0);
    let roles = [Role::Label, Role::Time, Role::Det, Role::Question, Role::AttribPrep];
    let preposition =
        |t: usize| v.is_word(t) && v.original(t).len() <= 4 && is_preposition(v.folded(t));
    let ColonName { colon, words, .. } = name_before_colon(v, 0, para_end, &roles, preposition)?;
    if colon >= para_end || words == 0 {
        return None;
    }
    // The name speaks in the article: its last word ends a body claim's speaker ("Okafor" for
    // "Councillor Dana Okafor"). A title word inside a speaker's phrase is not enough: "Minister:"
    // over "Transport Minister Adrian Kell said" would make "Minister" a speaker of its own.
    let last_word = (0..colon).rev().find(|&k| v.is_wordish(k))?;
    let key = v.folded(last_word);
    let speaks = body.iter().any(|d| {
        v.para[d.cue.0] != 0
            && d.speaker.is_some_and(|(a, b)| {
                (a..=b).rev().find(|&k| v.is_wordish(k)).is_some_and(|k| v.folded(k) == key)
            })
    });
    if !speaks && !named_in_body(v, last_word, para_end) && !v.has(last_word, Role::Survey) {
        return None;
    }
    let (a, b) = trim_content(v, v.toks[colon + 1].span.start(), v.toks[para_end].span.end());
    if v.text[a..b].split_whitespace().count() < 3.max(min_words as usize) {
        return None;
    }
    // "Okafor: ‘The audit was rigged’": the title quotes the speaker.
    let quoted = v.quotes_starting_in(a, a).first().is_some_and(|q| q.end == b);
    Some(Draft {
        kind: if quoted { QuoteKind::Direct } else { content_kind(v, a, b, min_words) },
        confidence: 0.6,
        ..Draft::indirect(v, (colon, colon), (a, b), Some((0, colon - 1)), Class::Speech)
    })
}

/// True when the headline's last name word ends a name of two or more capitalised words in the
/// body ("Lynch: …" over "Attorney General Loretta Lynch told …"): a person or a body the article
/// names, not a place or a topic ("Iowa: …" over "Des Moines, Iowa").
pub(super) fn named_in_body(v: &View<'_>, last_word: usize, para_end: usize) -> bool {
    let key = v.folded(last_word);
    (para_end + 2..v.len()).any(|k| {
        v.is_word(k)
            && v.folded(k) == key
            && starts_upper(v, k)
            && v.is_word(k - 1)
            && starts_upper(v, k - 1)
            && !v.starts_sentence(k - 1)
    })
}

/// Short prepositions that join a headline's topic to its subject ("Minister On Rates").
pub(super) fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "on" | "of" | "in" | "at" | "to" | "for" | "from" | "with" | "about" | "over" | "vs"
    )
}
