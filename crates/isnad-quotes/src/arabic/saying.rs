//! A proverb as the speaker: "ويقول المثل الشعبي إن "الكهرباء بتجي بكرا"" quotes common wisdom,
//! not anyone's statement, so it is no claim.
//!
//! **Reads**: a speaker phrase whose first word is a saying noun (المثل، الحكمة، المقولة).
//! **Not**: a person who quotes a proverb ("واستشهد الوزير بالمثل القائل …": the speaker is the
//! minister, and the saying is no complement of a cue).
//! **Data**: `saying` in `data/ar-function.tsv`. The present of the agentless قيل (يقال, "it is
//! said") is no cue either (`data/ar-cues.tsv`): it states a commonplace, not a report.
//! **Fixture**: `tests/fixtures/ar-sayings.txt`.

use crate::lexicon::Role;
use crate::view::View;

/// True when the speaker phrase `(a, _)` is headed by a saying noun.
pub(super) fn is_saying(v: &View<'_>, (a, _): (usize, usize)) -> bool {
    v.has(a, Role::Saying)
}
