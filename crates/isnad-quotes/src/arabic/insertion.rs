//! A circumstance between a cue's subject and its noun phrase object.
//!
//! **Reads**: "كما طالب الرئيس الفرنسي إيمانويل ماكرون، في اتصال هاتفي مع نظيره اللبناني،
//! بانسحاب …" (an insertion between commas), "أكد رئيس الوزراء، فيصل الخطيب، خلال لقائه وفدا …،
//! أهمية الشراكة" (a name in apposition before it, or alone before the object), "وأكد الملك خلال لقائه وفدا من البنك الدولي أهمية
//! الشراكة" (a circumstance without commas, opened by a stop word), "ونفت الشركة، في بيان مقتضب،
//! الأنباء …"; a role or a body that names its place before a comma, then its holder's name or a
//! circumstance between commas ("نفى مدير عام نقل الطاقة في المنطقة الوسطى، المهندس حسين
//! الربيعي، الأنباء …", "أعلن مكتب الصحة في محافظة تعز، الثلاثاء، ارتفاع …": the place is the
//! subject's, not a circumstance). Verb, subject, circumstance, object is the order of the clause: what follows the
//! circumstance is the object.
//! **Not**: a subject holding a frame preposition, a relative pronoun, a complementiser or another
//! clause; a comma that opens no circumstance ("قال مصدر، طلب عدم الكشف عن اسمه، إن" is an aside
//! about the speaker, whose verb opens it); a circumstance of more than eight words.
//! **Data**: `stop`, `prep`, `rel`, `comp`, `clause` in `data/ar-function.tsv`.
//! **Fixture**: `tests/fixtures/ar-interposed-complement.txt`.

use super::COMMAS;
use crate::lexicon::Role;
use crate::view::View;

/// How the circumstance is set off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Insertion {
    /// Between two commas: the object follows the second, whatever its head.
    Commas,
    /// Without commas, from its stop word to the object.
    Bare,
}

/// Most words of the subject, and of the circumstance.
const MAX_WORDS: usize = 8;

/// The circumstance in tokens `from..to`, after a subject of one to eight words: it opens with a
/// stop word (في، خلال، عقب، أمس), maybe after a comma, and runs to `to` (or to a comma right
/// before `to` when it opened with one).
pub(super) fn circumstance(v: &View<'_>, from: usize, to: usize) -> Option<Insertion> {
    // (a name in quotes stays in the subject: "وكالة "رويترز" للأنباء")
    let opener =
        (from..to).find(|&t| (!v.is_word(t) && !v.is_quote_mark(t)) || v.has(t, Role::Stop))?;
    let subject = |t| plain(v, t, true) || v.is_quote_mark(t);
    if opener == from || opener - from > MAX_WORDS || !(from..opener).all(subject) {
        return None;
    }
    // "مدير عام نقل الطاقة في المنطقة الوسطى، …": the place a role names is part of it.
    let opener = role_place_end(v, opener, to).unwrap_or(opener);
    // "رئيس الوزراء، فيصل الخطيب، خلال لقائه …،": a name in apposition between commas is part
    // of the subject; the circumstance, if any, follows its closing comma.
    let opener = match apposition_end(v, opener, to) {
        Some(close) if close + 1 == to => return Some(Insertion::Commas),
        Some(close) => close,
        None => opener,
    };
    let commas = v.is_punct(opener, COMMAS);
    let (start, end) = if commas { (opener + 1, to.checked_sub(1)?) } else { (opener, to) };
    if start >= end || !v.has(start, Role::Stop) || (commas && !v.is_punct(end, COMMAS)) {
        return None;
    }
    let fits = end - start <= MAX_WORDS + 2
        && (start..end).all(|t| plain(v, t, false) || v.is_quote_mark(t));
    fits.then_some(if commas { Insertion::Commas } else { Insertion::Bare })
}

/// The comma that closes the place named by a role-phrase preposition at `p` ("مكتب الصحة في
/// محافظة تعز،", "مدير عام نقل الطاقة في المنطقة الوسطى،"): the preposition is part of the
/// subject, and a name in apposition or a circumstance may follow the comma.
fn role_place_end(v: &View<'_>, p: usize, to: usize) -> Option<usize> {
    if !v.has(p, Role::TitlePrep) {
        return None;
    }
    let c = (p + 1..to).find(|&t| !plain(v, t, true) || v.has(t, Role::Stop))?;
    (c > p + 1 && c - p <= MAX_WORDS && v.is_punct(c, COMMAS)).then_some(c)
}

/// The closing comma of a name in apposition opened by the comma at `c` (one to four words, no
/// stop word or preposition), before `to`.
fn apposition_end(v: &View<'_>, c: usize, to: usize) -> Option<usize> {
    if !v.is_punct(c, COMMAS) {
        return None;
    }
    let close = (c + 1..to).find(|&t| !plain(v, t, true) || v.has(t, Role::Stop))?;
    (close > c + 1 && close - c <= 5 && v.is_punct(close, COMMAS)).then_some(close)
}

/// True when token `t` is a word that opens no clause of its own; in the subject
/// (`subject`), no frame preposition either.
fn plain(v: &View<'_>, t: usize, subject: bool) -> bool {
    let clause = [Role::Rel, Role::Comp, Role::Clause].iter().any(|&r| v.has(t, r))
        || v.tags[t].cue.is_some();
    v.is_word(t) && !clause && !(subject && v.has(t, Role::Prep))
}
