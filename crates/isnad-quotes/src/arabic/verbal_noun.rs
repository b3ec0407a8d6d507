//! A reporting verb's bare past form read as its verbal noun.
//!
//! **Reads**: "التي رفضت ذكر اسمها", "طلب عدم ذكر اسمه", "دون ذكر التفاصيل", "تم ذكر سوريا": after
//! a word that governs a noun (عدم، دون، تم، a verb of refusing or asking), ذكر is ذِكْر "mention",
//! كشف is كَشْف "disclosure", not the verbs "he mentioned", "he disclosed". Two finite verbs do not
//! follow each other without و or a subject between them, so the second is a noun.
//! **Not**: a cue with و or ف ("رفض وذكر"), or after a comma.
//! **Data**: `governs-noun` in `data/ar-function.tsv`.
//! **Fixture**: `tests/fixtures/ar-verbal-noun-after-verb.txt`.

use isnad_core::{Token, TokenKind};

use crate::lexicon::{Form, Role, Tag};

/// True when the cue at `i` is a bare past form after a word governing a noun: a verbal noun.
pub(super) fn verbal_noun(tags: &[Tag], toks: &[Token], i: usize) -> bool {
    let bare_past = tags[i].cue.is_some_and(|c| c.form == Form::ArPast) && tags[i].prefix == 0;
    bare_past
        && i > 0
        && toks[i - 1].kind == TokenKind::Word
        && tags[i - 1].roles & Role::GovernsNoun.bit() != 0
}
