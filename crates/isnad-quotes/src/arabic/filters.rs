//! Where no construction applies: headlines and the author's own voice.
//!
//! **Reads**: a short line without final punctuation is a headline ("الوزير يقول إن …"), unless it
//! opens like body text ("وأضاف أن …"); a cue inside "يُذكر أن" or "والجدير بالذكر" is the
//! author speaking; a byline ("كتب: سامي يوسف") names the author of the article, not a speaker.
//! **Not**: body paragraphs that lack a final period; a short quotation after a colon ("وأضاف:
//! لا تعليق.", with its period or its marks).
//! **Data**: `author` phrases of `data/ar-function.tsv`.
//! **Fixture**: `tests/fixtures/ar-not-claims.txt`, `ar-body-line-without-period.txt`.

use crate::lexicon::{Form, Role};
use crate::view::View;

/// A short line without final punctuation is a headline, except when it opens with a reporting
/// verb carrying و or ف ("وأضاف أن …") or in the past tense, after the first line: headlines do
/// not start that way, sloppy body paragraphs without a final period do.
pub(super) fn body_line(v: &View<'_>, i: usize) -> bool {
    let first = v.paragraph_start(i);
    let Some(cue) = v.tags[first].cue else { return false };
    // Headlines put the subject first and the verb in the present ("الوزير يقول إن …"); a line
    // that opens with a past reporting verb ("قال الوزير إن …") is body text.
    let conj = v.tags[first].prefix > 0 && v.folded(first).starts_with(['و', 'ف']);
    first > 0 && v.block(first) == isnad_core::Block::Main && (conj || cue.form == Form::ArPast)
}

/// True when the cue at `i` lies inside an author's-voice phrase (يُذكر أن، والجدير بالذكر).
pub(super) fn in_author_voice(v: &View<'_>, i: usize) -> bool {
    let floor = i.saturating_sub(3);
    (floor..=i).any(|k| v.has(k, Role::Author) && v.tags[k].last as usize >= i)
}

/// True when the cue at `i` opens a byline: the cue first in its paragraph, then a colon, then
/// one to four words that end the paragraph with no punctuation at all ("كتب: سامي يوسف",
/// "كتبت : هدى علي"). Speech after a colon ends with a period or sits in quotation marks.
pub(super) fn byline(v: &View<'_>, i: usize, colon: usize) -> bool {
    let first = v.paragraph_start(i);
    let last = v.paragraph_end(i);
    let words = last.saturating_sub(colon);
    first == i
        && v.tags[i].last as usize + 1 == colon
        && (1..=4).contains(&words)
        && (colon + 1..=last).all(|t| v.is_word(t))
}
