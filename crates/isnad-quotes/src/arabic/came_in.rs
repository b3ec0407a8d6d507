//! "وجاء في البيان أن …": a document states what follows.
//!
//! **Reads**: "جاء في" or "ورد في", a noun phrase naming a document ("البيان", "بيان للوزارة",
//! "التقرير الصادر عن الهيئة"), then a complementiser, a colon or a quotation; the document is
//! the speaker (the speakers stage reads its author).
//! **Not**: "جاء في المرتبة الأولى" with nothing reported after it; anything past another
//! reporting verb or a clause opener.
//! **Data**: `text-in` in `data/ar-function.tsv`.
//! **Fixture**: `tests/fixtures/ar-came-in.txt`.

use super::introducer::Intro;
use super::verb_first::content;
use crate::QuotesConfig;
use crate::draft::Draft;
use crate::lexicon::{Class, Role};
use crate::view::View;

/// The claim of "جاء في" at token `i`, if a document and a content follow.
pub(super) fn claim(v: &View<'_>, i: usize, cfg: &QuotesConfig) -> Option<Draft> {
    let last = v.tags[i].last as usize;
    let sent_end = v.sentence_end(i);
    let mut intro = None;
    let mut k = last + 1;
    while k <= sent_end && k <= last + 16 {
        if v.has(k, Role::Comp) && v.tags[k].prefix == 0 {
            intro = Some(Intro::Comp(k));
            break;
        }
        if v.is_punct(k, &[':']) {
            intro = Some(Intro::Colon(k));
            break;
        }
        if let Some(qi) = v.opening(k) {
            let q = &v.quotes[qi as usize];
            if q.words >= cfg.min_quote_words as u32 {
                intro = Some(Intro::Quote(qi as usize));
                break;
            }
            k = q.close.unwrap_or(k) + 1;
            continue;
        }
        if v.tags[k].cue.is_some() || v.has(k, Role::Clause) || v.is_punct(k, &['.']) {
            return None;
        }
        k += 1;
    }
    let intro = intro?;
    let intro_tok = match intro {
        Intro::Comp(t) | Intro::Colon(t) | Intro::Nominal(t) => t,
        Intro::Quote(qi) => v.quotes[qi].open,
    };
    let speaker_end =
        (last + 1..intro_tok).rev().find(|&t| v.is_wordish(t) || v.closing(t).is_some())?;
    let (content, kind, confidence) = content(v, i, &intro, cfg.max_quote_bytes)?;
    (content.1 > content.0).then_some(Draft {
        cue: (i, last),
        content,
        kind,
        speaker: Some((last + 1, speaker_end)),
        implicit: false,
        medium: None,
        confidence: confidence.min(0.8),
        class: Class::Speech,
        block: v.block(i),
    })
}
