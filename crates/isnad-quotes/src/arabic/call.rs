//! A call: "دعا X إلى …", "حث X على …", "طالب X بـ …", what is called for after the preposition
//! of the call; and an announcement, "أعلن X عن …", what is made known after عن.
//!
//! **Reads**: the subject, an apposition, a circumstance and the addressee before the
//! preposition ("دعا وزير النقل، سامر الحلبي، شركات الشحن إلى الالتزام بالمواعيد", "وطالب نواب في
//! لجنة النقل الحكومة بعرض دراسة", "ودعت المنظمة، في بيان، الحكومة إلى تكثيف الحملات"); what
//! follows it is called for, whatever its head (the gold of the corpus counts such calls, mostly
//! as optional claims); "وكان الوزير قد أعلن الأسبوع الماضي عن خطة لتوسيع الرصيف". An addressee after a definite word of the subject ("ودعت الأمم المتحدة
//! الأطراف المتنازعة إلى") is no part of the speaker.
//! **Not**: a complementiser ("دعا إلى أن", "طالب بأن": the general rules); a preposition past
//! another cue, a clause or a relative pronoun without commas; "بشدة" and other stop words
//! glued to ب.
//! **Data**: flags `call-إلى`, `call-على`, `call-ب`, `call-عن` in `data/ar-cues.tsv`; `addressee`, `stop`,
//! `comp`, `clause`, `rel` in `data/ar-function.tsv`.
//! **Fixture**: `tests/fixtures/ar-calls.txt`.

use super::introducer::Intro;
use super::{COMMAS, definite_word};
use crate::lexicon::{CallPrep, Role};
use crate::view::View;

/// Most tokens between the cue and the preposition of the call.
const WINDOW: usize = 20;

/// The head of what the call of the cue ending at `cue_last` asks for.
pub(super) fn called_for(
    v: &View<'_>,
    prep: CallPrep,
    cue_last: usize,
    sent_end: usize,
) -> Option<Intro> {
    if prep == CallPrep::Blame {
        return super::blame::blamed(v, cue_last, sent_end);
    }
    let mut k = cue_last + 1;
    while k <= sent_end.min(cue_last + WINDOW) {
        if v.has(k, Role::Rel) && v.is_punct(k - 1, COMMAS) {
            k = (k + 2..sent_end.min(k + 12)).find(|&t| v.is_punct(t, COMMAS))? + 1;
            continue;
        }
        let ends = v.has(k, Role::Comp)
            || v.has(k, Role::Clause)
            || v.has(k, Role::Rel)
            || v.is_punct(k, &[':'])
            || (k > cue_last + 1 && v.tags[k].cue.is_some());
        if ends {
            return None;
        }
        if v.is_word(k) && !v.has(k, Role::Stop) {
            match prep {
                CallPrep::Ila | CallPrep::Ala | CallPrep::An => {
                    let word = match prep {
                        CallPrep::Ila => "الي",
                        CallPrep::Ala => "علي",
                        _ => "عن",
                    };
                    // (على folds to علي, also the name Ali: only the spelling with ى)
                    let spelt = v.original(k).ends_with('ى') || prep != CallPrep::Ala;
                    if v.folded(k) == word && spelt && v.tags[k].prefix == 0 {
                        let head = k + 1;
                        let ok = head <= sent_end
                            && !v.has(head, Role::Comp)
                            && (v.is_word(head) || v.opening(head).is_some());
                        return ok.then_some(Intro::Nominal(head));
                    }
                }
                CallPrep::Blame => return None,
                CallPrep::Bi => {
                    let glued = v.original(k).trim_start_matches(['و', 'ف']).starts_with('ب')
                        && v.folded(k).chars().count() > 3
                        && !v.has(k, Role::Comp)
                        && !v.has(k, Role::Media)
                        && !v.has(k, Role::Manner);
                    if glued && k > cue_last + 1 {
                        return Some(Intro::Nominal(k));
                    }
                }
            }
        }
        k += 1;
    }
    None
}

/// The speaker tokens `(a, b)` of a call without its addressee: the words from an addressee noun
/// after a definite word on ("الأمم المتحدة | الأطراف المتنازعة", "المفوضية | أطراف النزاع"),
/// or from a definite sound feminine plural after a definite word that is none ("الوالي |
/// المقاولات المكلفة"): an adjective agrees with its noun, and one of a thing's plural is a
/// feminine singular, so the plural opens a noun phrase of its own (not after و: "وزير الثقافة
/// والاتصال والعلاقات مع البرلمان" goes on coordinating).
pub(super) fn without_addressee(v: &View<'_>, (a, b): (usize, usize)) -> (usize, usize) {
    let plural = |w: &str| w.ends_with("ات");
    let addressee = (a + 1..=b).find(|&t| {
        let prev = v.folded(t - 1);
        v.is_word(t - 1)
            && definite_word(prev)
            && (v.has(t, Role::Addressee)
                || (v.folded(t).starts_with("ال") && plural(v.folded(t)) && !plural(prev)))
    });
    match addressee {
        Some(t) => (a, t - 1),
        None => (a, b),
    }
}
