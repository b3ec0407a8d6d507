//! A verb that goes on in its sentence after a comma shares the subject of the clause before it:
//! the noun phrase after it is its object, whom it accuses, calls on or urges.
//!
//! **Reads**: "اعتبر النائب رامي الحاج أن الخطة ترقيع، واتهم الحكومة بإهدار مليار دولار" (the
//! deputy accuses the government), "دعت المفوضية الأطراف إلى فتح ممرات، كما حثت المانحين على
//! الوفاء بتعهداتهم" (the commission urges the donors): a cue with an object before its
//! preposition (frame `np-ب` or a call flag in `data/ar-cues.tsv`), after a comma with و or a
//! subordinator (كما، حيث، إذ), in a sentence with an earlier cue, and a single noun phrase
//! between the cue and its preposition.
//! After a contrast that carries the subject as a pronoun ("…، لكنه طالب الأمانة بتعويض …"), the
//! noun phrase after the verb is its object too.
//! **Not**: a subject and an addressee ("، وطالب النواب الحكومة بعرض دراسة": the speaker phrase
//! ends before the addressee); a subject with its circumstances ("، ودعت المنظمة، في بيان،
//! الحكومة إلى"); a verb that opens its sentence.
//! **Data**: `subordinator` in `data/ar-function.tsv`; frames and flags of `data/ar-cues.tsv`.
//! **Fixture**: `tests/fixtures/ar-shared-subject.txt`.

use super::COMMAS;
use crate::lexicon::{Cue, Frame, Role};
use crate::view::View;

/// True when the speaker phrase `(a, b)` found after the cue at `i` (ending at `cue_last`) is
/// the object of a verb that shares the subject before it: it fills the whole stretch up to
/// `stretch_end`, where the preposition or the object's head is.
pub(super) fn object_not_speaker(
    v: &View<'_>,
    i: usize,
    cue: Cue,
    (a, b): (usize, usize),
    stretch_end: usize,
) -> bool {
    let takes_object = cue.call.is_some() || cue.frame == Frame::ObjectBi;
    if !takes_object || b + 1 != stretch_end || a == 0 {
        return false;
    }
    let Some(before) = i.checked_sub(1) else { return false };
    let after_comma = v.tags[i].prefix > 0 && v.is_punct(before, COMMAS);
    let after_subordinator = v.has(before, Role::Subordinator)
        && v.tags[before].prefix == 0
        && before.checked_sub(1).is_some_and(|c| v.is_punct(c, COMMAS));
    // "، لكنه طالب الأمانة بتعويض …": the pronoun on the contrast is the subject.
    if v.has(before, Role::Contrast) && isnad_text::arabic::contrast_with_pronoun(v.folded(before))
    {
        return true;
    }
    if !(after_comma || after_subordinator) {
        return false;
    }
    let start = v.sentence_start(i);
    (start..before).any(|t| v.tags[t].cue.is_some())
}
