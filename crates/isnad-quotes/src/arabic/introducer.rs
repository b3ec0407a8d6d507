//! Which introducer a cue has: a complementiser, a nominal head, a colon or a quotation.
//!
//! **Reads**: going right from the cue, the first of: أنّ/إنّ and their forms ("أكد أن"، "قال
//! إنه"); a head that states a proposition by itself ("شدد على ضرورة"); a denial's object ("نفى
//! المصدر الأنباء"، "نفت الهيئة ما تداولته"); a colon; a quotation long enough to be speech.
//! **Not**: the conditional "إن قال"; a quoted name ("لـ"الجريدة""); anything past another
//! reporting verb or a clause opener (لكن، حيث).
//! **Data**: `comp`, `prep`, `nominal`, `reports`, `not-relative`, `clause` in
//! `data/ar-function.tsv`; media and organisation heads before a quoted name.
//! **Fixture**: `tests/fixtures/ar-indirect-complementiser.txt`, `ar-nominal-complement.txt`,
//! `ar-denial-relative-ma.txt`, `ar-direct-quotes.txt`.

use super::{COMMAS, call, nominal, warning};
use crate::lexicon::{CallPrep, Class, Cue, Form, Frame, Role};
use crate::view::View;

pub(super) enum Intro {
    /// Complementiser at this token: content starts after it.
    Comp(usize),
    /// Nominal head at this token: content starts with it.
    Nominal(usize),
    /// Colon at this token.
    Colon(usize),
    /// Quotation (index into `View::quotes`).
    Quote(usize),
}

/// The introducer of the cue `cue` at tokens `cue_last` (its last token) onwards, within the
/// sentence ending at `sent_end`.
pub(super) fn find(
    v: &View<'_>,
    cue: Cue,
    cue_last: usize,
    sent_end: usize,
    min_words: u32,
) -> Option<Intro> {
    if cue.frame == Frame::Reject {
        return rejected(v, cue_last, sent_end);
    }
    if let Some(prep) = cue.call {
        let intro = call::called_for(v, prep, cue_last, sent_end);
        // A charge of blame reports nothing without «مسؤولية» ("حمل المتظاهرون لافتات").
        if intro.is_some() || prep == CallPrep::Blame {
            return intro;
        }
    }
    if cue.frame == Frame::Warning
        && let Some(intro) = warning::warned_of(v, cue_last, sent_end)
    {
        return Some(intro);
    }
    // A noun phrase object ("وأكد حرص الدولة") is taken only when no clause, colon or quotation
    // follows within the window.
    let mut object = None;
    // "دونباس التي يشترط بوتين السيطرة عليها": in a relative clause the object is the antecedent.
    let first = (0..=cue_last).rev().find(|&t| v.tags[t].cue.is_some()).unwrap_or(cue_last);
    let relative = first > 0 && v.has(first - 1, Role::Rel);
    let mut k = cue_last + 1;
    while k <= sent_end && k - cue_last <= 32 {
        if v.has(k, Role::Comp) && v.tags[k].prefix == 0 && !conditional(v, k) && !subordinate(v, k)
        {
            return Some(Intro::Comp(k));
        }
        if object.is_none() && !relative && nominal::object_head(v, cue, cue_last, k) {
            object = Some(k);
        }
        // A nominal head right after the cue or its preposition ("شدد على ضرورة"), or after a
        // short subject ("أكد الوزير ضرورة"), but not inside a relative clause ("المصدر الذي
        // فضل عدم الكشف").
        // "نفى المصدر الأنباء التي …": a denial's object names what is denied.
        // (Not the genitive of the subject's head: "نفى وزير الصحة" is the minister of health.)
        if cue.class == Class::Denial
            && v.has(k, Role::Reports)
            && k - cue_last <= 8
            && !nominal::genitive_of_indefinite(v, cue_last, k)
        {
            return Some(Intro::Nominal(k));
        }
        // "نفت الهيئة ما تداولته مواقع التواصل", "أكد الوزير ما ذكرته الصحيفة": the object of a
        // denial (or of a confirmation of a report) is a relative ما clause, the content.
        // (A confirmation needs the verb of the ما clause to carry the pronoun that refers
        // back to ما, as reports do: ذكرته، نشرته، أوردتها.)
        if k - cue_last <= 8
            && relative_ma(v, k)
            && (cue.class == Class::Denial || resumptive(v, k + 1))
        {
            return Some(Intro::Nominal(k));
        }
        // (Not after a comma: "قال مصدر، طلب عدم الكشف عن اسمه، إن" is an aside.)
        if v.has(k, Role::Nominal)
            && (k == cue_last + 1
                || v.has(k - 1, Role::Prep) && !(cue_last + 1..k).any(|t| v.is_punct(t, COMMAS))
                || (k - cue_last <= 6
                    && (cue_last + 1..k).all(|t| !v.has(t, Role::Rel) && !v.is_punct(t, COMMAS))))
        {
            return Some(Intro::Nominal(k));
        }
        if v.is_punct(k, &[':']) {
            // "قال لـ"الجريدة": إن …" — the colon only announces the complementiser.
            return Some(if k + 1 < v.len() && v.has(k + 1, Role::Comp) {
                Intro::Comp(k + 1)
            } else {
                Intro::Colon(k)
            });
        }
        if let Some(qi) = v.opening(k) {
            if let Some(qi) = speech_quote(v, k, min_words) {
                return Some(Intro::Quote(qi));
            }
            // A quoted name: step over it.
            k = v.quotes[qi as usize].close.unwrap_or(k) + 1;
            continue;
        }
        // "وقالت الموظفة، التي رفضت ذكر اسمها، إن": a relative clause set off by commas
        // describes the speaker; a verb in it is its own, the introducer comes after it.
        if let Some(close) = relative_aside(v, k, sent_end) {
            k = close + 1;
            continue;
        }
        // Another reporting verb ends the search: its complementiser is its own. (A relative
        // clause does not: "وذكر التقرير الذي نشرته المنظمة أن …".)
        if (v.tags[k].cue.is_some() && k > cue_last + 1) || v.has(k, Role::Clause) {
            break;
        }
        k += 1;
    }
    object.map(Intro::Nominal)
}

/// The object of a rejection (frame `reject`): a noun naming a report or claim, with the
/// demonstrative before it ("ورفض المتحدث باسم الوزارة، يوسف العلمي، هذه الادعاءات"), or a
/// relative ما ("رفض ما وصفه بـ…"), behind the subject and its apposition; nothing past a
/// complementiser ("رفض أن يحدد موعدا": "refused to set a date"), a verbal noun ("رفض التعليق على
/// الأنباء"), a preposition, a clause or another cue.
fn rejected(v: &View<'_>, cue_last: usize, sent_end: usize) -> Option<Intro> {
    for k in cue_last + 1..=sent_end.min(cue_last + 14) {
        // ("رفض المسؤول التعليق على الأنباء": what he refused is to comment)
        let refusal = v.has(k, Role::NotContent) || v.has(k, Role::VerbalNoun);
        let ends = [Role::Comp, Role::Clause, Role::Prep].iter().any(|&r| v.has(k, r));
        if ends || refusal || v.tags[k].cue.is_some() {
            return None;
        }
        if v.has(k, Role::Reports) {
            let demonstrative = k > cue_last + 1 && v.has(k - 1, Role::Demonstrative);
            return Some(Intro::Nominal(if demonstrative { k - 1 } else { k }));
        }
        if relative_ma(v, k) {
            return Some(Intro::Nominal(k));
        }
    }
    None
}

/// The closing comma of a relative clause opening at `k` right after a comma (", التي رفضت ذكر
/// اسمها،"), at most twelve tokens on and within the sentence.
fn relative_aside(v: &View<'_>, k: usize, sent_end: usize) -> Option<usize> {
    if !(k > 0 && v.has(k, Role::Rel) && v.is_punct(k - 1, COMMAS)) {
        return None;
    }
    (k + 2..=sent_end.min(k + 12)).find(|&t| v.is_punct(t, COMMAS))
}

/// Participles continue the previous speaker: their introducer must follow at once, behind the
/// preposition of their frame ("مشيرا إلى أن"), or behind a short object or circumstance without
/// a comma ("مطمئنا المواطنين بأن", "مؤكدة في الوقت ذاته أن").
pub(super) fn near_participle(v: &View<'_>, intro: &Intro, cue_last: usize) -> bool {
    match *intro {
        Intro::Comp(k) => {
            k == cue_last + 1
                || (k <= cue_last + 5
                    && (cue_last + 1..k).all(|t| v.is_word(t) && v.tags[t].cue.is_none()))
        }
        Intro::Nominal(k) => {
            k == cue_last + 1
                || (k == cue_last + 2 && v.has(cue_last + 1, Role::Prep))
                // "داعيا الأسر إلى التوجه …", "مطالبا الحكومة بفتح …": the addressee of a call,
                // then its preposition (a word of its own, or ب glued to the head)
                || (k <= cue_last + 4
                    && (v.has(k - 1, Role::Prep)
                        || v.original(k).trim_start_matches(['و', 'ف']).starts_with('ب'))
                    && (cue_last + 1..k).all(|t| v.is_word(t) && v.tags[t].cue.is_none()))
        }
        Intro::Colon(k) => k == cue_last + 1,
        Intro::Quote(qi) => v.quotes[qi].open == cue_last + 1,
    }
}

/// True when أن at `k` belongs to a conjunction before it ("في حين أن", "رغم أن", "بعد أن",
/// "إلا أن"): it opens an adverbial clause, not what the cue reports.
fn subordinate(v: &View<'_>, k: usize) -> bool {
    k > 0 && v.is_word(k - 1) && v.has(k - 1, Role::Subordinator)
}

/// True when a bare إن or أن at `k` is followed at once by a verb in the past: "إن قال" is the
/// conditional "if he said", "بعد أن قال" a time clause; the complementiser إنّ/أنّ takes a noun or
/// a pronoun, never a verb, right after it.
fn conditional(v: &View<'_>, k: usize) -> bool {
    v.folded(k) == "ان"
        && k + 1 < v.len()
        && v.tags[k + 1].cue.is_some_and(|c| c.form == Form::ArPast)
        && v.tags[k + 1].prefix == 0
}

/// A quotation at `k` that is long enough to be speech and not the name of an outlet or body.
fn speech_quote(v: &View<'_>, k: usize, min_words: u32) -> Option<usize> {
    let qi = v.mark_of[k]? as usize;
    let q = &v.quotes[qi];
    if q.open != k || q.words < min_words {
        return None;
    }
    if k > 0
        && (v.has(k - 1, Role::Media) || v.has(k - 1, Role::NameHead) || v.folded(k - 1) == "ل")
        && q.words <= 4
    {
        return None;
    }
    Some(qi)
}

/// True when token `k` is the relative ما ("what") opening a clause: a bare ما followed by a
/// verb, not the negation of ما زال/ما دام, not "ما يلي" (the following) and not a ما after a
/// preposition.
fn relative_ma(v: &View<'_>, k: usize) -> bool {
    if !(v.is_word(k)
        && v.folded(k) == "ما"
        && k + 1 < v.len()
        && v.is_word(k + 1)
        && v.sent[k] == v.sent[k + 1])
    {
        return false;
    }
    let blocked =
        [Role::NotRelative, Role::Stop, Role::Prep, Role::Comp].iter().any(|&r| v.has(k + 1, r));
    let after_prep = k > 0 && v.has(k - 1, Role::Prep);
    !(blocked || after_prep)
}

/// True when token `k` carries an object pronoun that refers back to a relative ما ("ما ذكرته
/// الصحيفة", "ما أوردتها الوكالة"): it ends in ه or ها as written (a ة folds to ه, so the original
/// text is read).
fn resumptive(v: &View<'_>, k: usize) -> bool {
    v.is_word(k) && v.original(k).ends_with('ه') && v.original(k).chars().count() > 3
}
