//! A charge of blame: "حمّل X Y مسؤولية Z", X holds Y responsible for Z. It reports what X
//! says of Y, as «اتهم» does, but with no preposition before what it reports: the object Y comes
//! between the subject and «مسؤولية», and the content is Y and what it is blamed for.
//!
//! **Reads**: "حمّلت لجنة الطاقة النيابية الشركات المنفذة مسؤولية التأخر" (an addressee noun
//! after a definite word of the subject starts the object, as in a call), "حمّل مدرب النصر، فهد
//! الدوسري، الحكم مسؤولية الخسارة" (after the subject's apposition or a circumstance set off by
//! commas, the object), "حملت بلدية طرابلس المركز مجلسي النواب … مسؤولية" (a word without the
//! article after a definite word past the subject's first word), "حملت الوزارة الاحتلال
//! المسؤولية الكاملة عن …" (otherwise the one word before «مسؤولية»); the participle "،
//! محمّلا الحكومة مسؤولية …".
//! **Not**: «حمل» without «مسؤولية» in its clause ("حمل المتظاهرون لافتات": they carried
//! banners); the present (تحمّل, "bore", is spelt as its feminine: the cue has no present);
//! «مسؤولية» past a complementiser, a clause, a relative pronoun or another cue.
//! **Data**: flag `blame` of «حمل» in `data/ar-cues.tsv`; `addressee`, `comp`, `clause`, `rel` in
//! `data/ar-function.tsv`.
//! **Fixture**: `tests/fixtures/ar-blame.txt`.

use super::introducer::Intro;
use super::{COMMAS, definite_word};
use crate::lexicon::{Form, Role};
use crate::view::View;

/// Most tokens between the cue and «مسؤولية».
const WINDOW: usize = 16;

/// The start of what the charge of blame of the cue ending at `cue_last` reports: the object
/// before «مسؤولية», or «مسؤولية» itself when the object cannot be told from the subject.
pub(super) fn blamed(v: &View<'_>, cue_last: usize, sent_end: usize) -> Option<Intro> {
    let k = (cue_last + 1..=sent_end.min(cue_last + WINDOW))
        .take_while(|&k| {
            !(v.has(k, Role::Comp)
                || v.has(k, Role::Clause)
                || v.has(k, Role::Rel)
                || v.is_punct(k, &[':'])
                || (k > cue_last + 1 && v.tags[k].cue.is_some()))
        })
        .find(|&k| responsibility(v.folded(k)))?;
    // "محمّلا الشرطة مسؤولية …": a participle has no subject of its own, all is the object.
    if v.tags[cue_last].cue.is_some_and(|c| c.form == Form::ArParticiple) {
        return (k > cue_last + 1).then_some(Intro::Nominal(cue_last + 1));
    }
    let before = cue_last + 1..k;
    // After the subject's apposition or a circumstance: "الدوسري، الحكم مسؤولية".
    let after_comma =
        before.clone().rev().find(|&t| v.is_punct(t, COMMAS)).map(|t| t + 1).filter(|&t| t < k);
    let addressee = || {
        (cue_last + 2..k).find(|&t| {
            v.has(t, Role::Addressee) && v.is_word(t - 1) && definite_word(v.folded(t - 1))
        })
    };
    // "بلدية طرابلس المركز مجلسي النواب …": a word without the article after a definite word
    // is neither its adjective nor its genitive; it opens the object, unless the definite word
    // opens the subject (a title before a name: "الوزير أحمد").
    let indefinite = || {
        (cue_last + 3..k).find(|&t| {
            v.is_word(t)
                && v.is_word(t - 1)
                && definite_word(v.folded(t - 1))
                && !definite_word(v.folded(t))
        })
    };
    // Otherwise the object is the word before «مسؤولية» when a subject is left before it.
    let last_word = || (k >= cue_last + 3 && v.is_word(k - 1)).then_some(k - 1);
    let start = after_comma.or_else(addressee).or_else(indefinite).or_else(last_word).unwrap_or(k);
    Some(Intro::Nominal(start))
}

/// «مسؤولية» and «المسؤولية», with or without a pronoun (مسؤوليتها), in its folded spellings.
fn responsibility(folded: &str) -> bool {
    folded.strip_prefix("ال").unwrap_or(folded).starts_with("مسءولي")
}
