//! Reporting verbs used for acts that are not speech.
//!
//! **Reads**: a hand or the head with ب right after the verb is a gesture («أشار فاضل بيده إلى
//! التوربينات»: he pointed, he said nothing); على with a pronoun right after a bare كتب is the
//! passive كُتِبَ عليه, an inscription («لافتات كتب عليها «القمح أمن قومي»»); a relative «ما»
//! standing for a fact right before the verb is its subject («وهو ما يؤكد أن النيران امتدت»،
//! «مما يشير إلى …»: the author infers, nobody speaks); a force of nature or the light of day as
//! the subject right after the verb shows or brings, it does not speak («كشفت شمس الصباح حجم
//! الأضرار»، «أكدت الأمطار …»). None is a cue.
//! **Not**: «أشار بيان الوزارة إلى أن …», «كتب على حسابه أن …» (a subject, or a noun after على).
//! **Data**: `gesture`, `surface`, `nature` and `fact` in `data/ar-function.tsv`.
//! **Fixture**: `tests/fixtures/ar-not-speech.txt`.

use isnad_core::{Token, TokenKind};

use crate::lexicon::{Form, Role, Tag};

/// True when the cue at `i` is followed by a gesture, or is a bare كتب followed by على with a
/// pronoun.
pub(super) fn not_speech(tags: &[Tag], toks: &[Token], folded: &str, i: usize) -> bool {
    let Some(cue) = tags[i].cue else { return false };
    if i + 1 >= tags.len() || toks[i + 1].kind != TokenKind::Word {
        return false;
    }
    // (after the verb or after a one-word subject: «أشار فاضل بيده»)
    let gesture = (i + 1..tags.len().min(i + 3))
        .take_while(|&k| toks[k].kind == TokenKind::Word)
        .any(|k| tags[k].roles & Role::Gesture.bit() != 0);
    // (a bare past only: «كتب»; «كتبت الوزيرة عليها» is not how news writes a post)
    let inscription = tags[i + 1].roles & Role::Surface.bit() != 0
        && cue.form == Form::ArPast
        && tags[i].prefix == 0;
    // (the subject right after the verb: «كشفت شمس الصباح حجم الأضرار»)
    let nature = tags[i + 1].roles & Role::Nature.bit() != 0;
    gesture || inscription || nature || fact(tags, toks, folded, i)
}

/// True when the word before the cue at `i` is «مما», or «ما» after «هو»، «هي»، «هذا» (with و).
fn fact(tags: &[Tag], toks: &[Token], folded: &str, i: usize) -> bool {
    let is_fact = |k: usize| tags[k].roles & Role::Fact.bit() != 0;
    let word = |k: usize| &folded[toks[k].norm.0 as usize..toks[k].norm.1 as usize];
    i >= 1
        && toks[i - 1].kind == TokenKind::Word
        && ((is_fact(i - 1) && word(i - 1) == "مما")
            || (i >= 2 && word(i - 1) == "ما" && is_fact(i - 2)))
}
