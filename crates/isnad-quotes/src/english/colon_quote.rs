//! A quotation in the body introduced by its speaker's name and a colon.
//!
//! **Reads**: "Olsen: “Purifiers are a bandage. The buildings are the problem.”", "Clinton:
//! "Our goal is to defeat ISIS." Bush: "…"", "Sen. Mary Holt: “…”": a sentence that opens with
//! a name, then a colon and a quotation at once. News prints a speaker's words this way when
//! it sets two positions side by side or repeats a speaker just introduced. Speaker: the name;
//! content: the quotation (direct).
//!
//! **Not**: the title (see [`super::headline`]); a name of one word that the article does not
//! name in full elsewhere ("Update: “…”", "Iowa: “…”"; "Olsen" after "Nathan Olsen" is one);
//! a lower-case word, a cue ("She said at the hearing: “…”"), a label, a time word, a
//! determiner, a wh-word or a preposition before the colon; more than four words before it; a
//! colon that text, not the quotation mark, follows ("Mayor Vale: we will …" is a transcript's
//! shape, see [`super::transcript`]); a quotation left open.
//!
//! **Data**: `data/en-function.tsv` (`label`, `time`, `det`, `question`).
//!
//! **Fixture**: `tests/fixtures/en-colon-quote.txt`.

use isnad_core::QuoteKind;

use crate::draft::{Draft, trim_content};
use crate::lexicon::{Class, Role};
use crate::view::View;

use super::colon_name::{ColonName, MAX_NAME_WORDS, name_before_colon};
use super::headline::{is_preposition, named_in_body};
use super::starts_upper;

/// The first token and the word count of the name that ends right before `colon` and opens a
/// sentence or a paragraph, or follows a closing quotation mark ("…ISIS." Bush: "…") or a dash
/// ("… contests - Philip Bump: “…”"); the longest such name.
fn name_start(v: &View<'_>, colon: usize, title_end: usize) -> Option<(usize, usize)> {
    let roles = [Role::Label, Role::Time, Role::Det, Role::Question, Role::AttribPrep];
    let preposition = |t: usize| v.is_word(t) && is_preposition(v.folded(t));
    let opens = |k: usize| {
        v.para[k - 1] != v.para[k]
            || v.ends_sentence(k - 1)
            || v.closing(k - 1).is_some()
            || v.is_punct(k - 1, &['-', '–', '—'])
    };
    let mut best = None;
    let lowest = colon.saturating_sub(2 * MAX_NAME_WORDS).max(title_end + 1);
    for k in (lowest..colon).rev() {
        if v.is_word(k) && !starts_upper(v, k) {
            break;
        }
        if opens(k)
            && let Some(ColonName { colon: c, words, .. }) =
                name_before_colon(v, k, colon, &roles, preposition)
            && c == colon
            && words > 0
        {
            best = Some((k, words));
        }
    }
    best
}

/// The body's quotations that a name and a colon introduce.
pub(crate) fn claims(v: &View<'_>, min_words: u32) -> Vec<Draft> {
    let mut out = Vec::new();
    if v.len() == 0 {
        return out;
    }
    let title_end = v.paragraph_end(0);
    for q in &v.quotes {
        let (Some(_), open) = (q.close, q.open) else { continue };
        if open < 2 || open <= title_end + 1 || !v.is_punct(open - 1, &[':']) {
            continue;
        }
        let colon = open - 1;
        let Some((s, words)) = name_start(v, colon, title_end) else { continue };
        // One word must be the last of a full name the article gives elsewhere.
        if words == 1 && !named_in_body(v, s, title_end) {
            continue;
        }
        let (a, b) = trim_content(v, q.start, q.end);
        if v.text[a..b].split_whitespace().count() < 3.max(min_words as usize) {
            continue;
        }
        out.push(Draft {
            kind: QuoteKind::Direct,
            confidence: 0.6,
            ..Draft::indirect(v, (colon, colon), (a, b), Some((s, colon - 1)), Class::Speech)
        });
    }
    out
}
