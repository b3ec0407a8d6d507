//! A court report's side before its speaker: "Defending, Rachel Kim said …", "Prosecuting, Helen
//! Ward told the court …", "Mitigating, the barrister said …".
//!
//! **Reads**: a participle alone before a comma at the start of a sentence names the side the
//! speaker after it speaks for ("for the defence"); it reports nothing itself, and the verb after
//! the speaker is the cue.
//! **Not**: a participle with a quotation after the comma ("Adding, “…”"), which is its own
//! content; a participle with a complement ("Speaking after the hearing, …").
//! **Data**: the participles of `data/en-cues.tsv`.
//! **Fixture**: `tests/fixtures/en-court-sides.txt`.

use super::start_of;
use crate::lexicon::{Cue, Form};
use crate::view::View;

/// True when the cue `cue` at `here` is a participle alone before a comma opening its sentence,
/// with no quotation after the comma.
pub(super) fn side_participle(v: &View<'_>, here: usize, cue: Cue) -> bool {
    cue.form == Form::EnIng
        && here == start_of(v, here)
        && here + 2 < v.len()
        && v.is_punct(here + 1, &[','])
        && v.opening(here + 2).is_none()
}
