//! Where no construction applies: headlines and the author's own voice.
//!
//! **Reads**: a short line without final punctuation is a headline ("الوزير يقول إن …"), unless it
//! opens like body text ("وأضاف أن …"); a cue inside "يُذكر أن" or "والجدير بالذكر" is the
//! author speaking.
//! **Not**: body paragraphs that lack a final period.
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
