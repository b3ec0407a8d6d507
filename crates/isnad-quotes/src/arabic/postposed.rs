//! A cue closing the sentence it reports: "… للمرة الأولى يفحص الاتحاد … تقول صحيفة يسرائيل هيوم."
//!
//! **Reads**: a cue with no introducer, followed only by a short noun phrase (its subject) before
//! the sentence end; the content is the sentence before the cue.
//! **Not**: a verb after a particle (قد يقول، لن يقول) or in the future (ستعلن); a sentence that
//! already reports something; a noun phrase behind a preposition (بالسيطرة، للصحيفة).
//! **Data**: `particle`, `prep-attrib` in `data/ar-function.tsv`.
//! **Fixture**: `tests/fixtures/ar-postposed.txt`.

use isnad_core::QuoteKind;

use crate::draft::{Draft, trim_content};
use crate::lexicon::{Class, Form, Role};
use crate::view::View;

/// "… للمرة الأولى يفحص الاتحاد … تقول صحيفة يسرائيل هيوم." — a cue and a short noun phrase
/// closing a sentence report the sentence before them.
pub(super) fn postposed(
    v: &View<'_>,
    i: usize,
    cue_last: usize,
    sent_end: usize,
    min_words: u32,
) -> Option<Draft> {
    // After a particle (قد، لن، لم، لا) the verb is the sentence's own predicate; after حسبما it
    // points back to a claim already made; with the future prefix (ستعلن) it is no report.
    if i > 0 && (v.has(i - 1, Role::Particle) || v.has(i - 1, Role::AttribPrep)) {
        return None;
    }
    if v.folded(i)[..v.tags[i].prefix as usize].contains('س') {
        return None;
    }
    // A sentence that already reports something has its content there, not before this verb.
    if (v.sentence_start(i)..i).any(|t| v.tags[t].cue.is_some_and(|c| c.form != Form::ArParticiple))
    {
        return None;
    }
    // The speaker is a noun phrase: its first word takes no preposition (بالسيطرة، للصحيفة).
    if cue_last < sent_end && v.is_word(cue_last + 1) {
        let first = v.folded(cue_last + 1);
        if first.starts_with(['ب', 'ل', 'ك']) && !first.starts_with("ال")
            || v.has(cue_last + 1, Role::Pronoun)
        {
            return None;
        }
    }
    let mut words = 0;
    for k in cue_last + 1..=sent_end {
        if v.is_wordish(k) {
            if v.has(k, Role::Stop)
                || v.has(k, Role::Prep)
                || v.has(k, Role::Comp)
                || v.tags[k].cue.is_some()
            {
                return None;
            }
            words += 1;
        } else if !(k == sent_end || v.is_punct(k, &['(', ')'])) {
            return None;
        }
    }
    if !(1..=6).contains(&words) {
        return None;
    }
    let mut s = v.sentence_start(i);
    // A dateline label ("الرابعة نيوز:") is not part of the content.
    for k in s..i.min(s + 5) {
        if v.is_punct(k, &[':']) {
            s = k + 1;
            break;
        }
    }
    let content_words = (s..i).filter(|&k| v.is_wordish(k)).count();
    if content_words < 4 || i == 0 || s >= i {
        return None;
    }
    let (a, b) = trim_content(v, v.toks[s].span.start(), v.toks[i - 1].span.end());
    let direct = v.quote_before(a).is_some_and(|q| q.end >= b && q.words >= min_words);
    let speaker_end = if v.is_wordish(sent_end) { sent_end } else { sent_end - 1 };
    Some(Draft {
        cue: (i, cue_last),
        content: (a, b),
        kind: if direct { QuoteKind::Direct } else { QuoteKind::Indirect },
        speaker: Some((cue_last + 1, speaker_end)),
        implicit: false,
        medium: None,
        confidence: 0.6,
        class: v.tags[i].cue.map_or(Class::Speech, |c| c.class),
        block: v.block(i),
    })
}
