//! A noun phrase object that states what was said: "وأكد حرص الدولة على …", "نافيًا إمكانية …".
//!
//! **Reads**: the object of a cue marked `np` (أكد، نفى، أشار إلى، شدد على، أعرب عن، أدان …) when
//! its head is a verbal or abstract noun: right after the cue ("وأكد حرص الدولة"), after the
//! preposition of its frame ("وأشار إلى حرص الحكومة", "أعربت عن قلقها"), glued to ب ("أفادت صحف
//! بنشوب خلاف"), or after a short subject ("أكد الاتحاد الأوروبي استمرار دعمه"). After a
//! participle, which has no subject of its own, any noun phrase right after it is the object
//! ("مستنكرة الزج باسم الكويت"). A demonstrative heads one too ("معتبرا هذا إخلالا جسيما").
//! **Not**: the subject ("أكد وزير التعليم", "أعلن الاتحاد"): a verbal noun right after a finite
//! cue must be indefinite (a subject with the article is a body or its head), and one right after
//! an indefinite noun is that noun's genitive; what a refusal takes ("رفض التعليق"); an object
//! behind a circumstance ("خلال افتتاح المعرض"). A clause, a colon or a quotation anywhere in the
//! window is preferred over a noun phrase (see `introducer.rs`).
//! **Data**: `data/ar-verbal-nouns.tsv` (first-form verbal nouns; the derived forms by their
//! patterns below), `frame` of `data/ar-cues.tsv`, `demonstrative`, `not-content`, `prep` of
//! `data/ar-function.tsv`, organisation heads of `data/ar-names.tsv`. A verb of condemning
//! (flag `condemn`) also takes a noun of role `event` («الهجوم»), and a definite object right
//! after a definite subject («أدانت الجمعية الوطنية الاعتداء»).
//! After the subject and a circumstance (`insertion.rs`), the object follows ("وأكد الملك خلال
//! لقائه وفدا من البنك الدولي أهمية الشراكة"); right behind the preposition of the cue's frame,
//! an indefinite noun is the object whatever its head ("حذرت من أزمة مياه حادة").
//! **Fixture**: `tests/fixtures/ar-nominal-complement.txt`, `ar-interposed-complement.txt`.

use super::COMMAS;
use super::insertion::{Insertion, circumstance};
use crate::lexicon::{Class, Cue, Form, Frame, Role};
use crate::view::View;

/// True when token `k` heads the noun phrase object of the cue ending at `cue_last`.
pub(super) fn object_head(v: &View<'_>, cue: Cue, cue_last: usize, k: usize) -> bool {
    if !matches!(cue.frame, Frame::Object | Frame::ObjectBi | Frame::Warning)
        || k <= cue_last
        || !v.is_word(k)
    {
        return false;
    }
    let blocked = [Role::NameHead, Role::Media, Role::NotContent, Role::Hearer, Role::Time];
    if blocked.iter().any(|&r| v.has(k, r)) || v.tags[k].cue.is_some() {
        return false;
    }
    let word = Word::at(v, k);
    let after_participle = cue.form == Form::ArParticiple && k == cue_last + 1;
    if after_participle {
        // "، مستنكرة الزج باسم الكويت": the object of a ḥāl participle (which follows its clause
        // after a comma or و), whatever its head. ("في خطوة لافتة تعكس …" is an adjective.)
        let halal = participle_after_clause(v, cue_last);
        return halal && !v.has(k, Role::Stop) && !v.has(k, Role::Prep) && !v.has(k, Role::Comp);
    }
    // "بالتعاون" after "أكد": the ب is another word's ("التزامهما بالتعاون"), not the cue's.
    if word.preposition && cue.frame != Frame::ObjectBi {
        return false;
    }
    // "نفى ذلك": a demonstrative alone is what a denial denies; elsewhere it heads a phrase
    // ("معتبرا هذا إخلالا"), but not right after a finite verb, where it opens the subject
    // ("واتهمت هذه الدول الشركة بـ").
    let demonstrative = v.has(k, Role::Demonstrative)
        && (cue.class == Class::Denial
            || (k + 1 < v.len() && v.is_word(k + 1) && k > cue_last + 1));
    // "نفت الشركة أي علاقة لها بالصفقة": "any" after a denial opens what is denied.
    let any =
        cue.class == Class::Denial && v.has(k, Role::Any) && k + 1 < v.len() && v.is_word(k + 1);
    // "ونفت الشركة، في بيان مقتضب، الأنباء": after the subject and an insertion between commas,
    // the object, whatever its head.
    let insertion = (k > cue_last + 2).then(|| circumstance(v, cue_last + 1, k)).flatten();
    if after_manner_adverb(v, cue_last, k) || insertion == Some(Insertion::Commas) {
        return !v.has(k, Role::Stop) && !v.has(k, Role::Prep) && !v.has(k, Role::Comp);
    }
    // "حذرت من أزمة مياه": right behind the من of a warning's frame, an indefinite noun is what
    // is warned of, whatever its head (a clause after أن is found first). Not after إلى/على,
    // where only a proposition's head is a claim ("أشار إلى أهمية التمييز" points at a topic).
    let warning_of = v.has(cue_last + 1, Role::Prep)
        && !v.has(cue_last + 1, Role::Stop)
        && v.folded(cue_last + 1) == "من"
        && cue.form != Form::ArParticiple;
    if k == cue_last + 2 && warning_of && v.tags[k].roles == 0 {
        let w = Word::at(v, k);
        if !w.definite && !w.preposition && v.tags[k].prefix == 0 {
            return true;
        }
    }
    let head = v.has(k, Role::VerbalNoun)
        || v.has(k, Role::Reports)
        // (a finite verb only: "وناقش الجانبان …، مشددين على أهمية …" is how they discussed)
        || (cue.stress && cue.form != Form::ArParticiple && v.has(k, Role::Evaluation))
        || (derived_verbal_noun_with_suffix(word.stem) && !plural_afal(v.original(k)))
        || demonstrative
        || any
        || (cue.condemn && v.has(k, Role::Event));
    if !head {
        return false;
    }
    if k == cue_last + 1 {
        // "وأكد حرص الدولة", "أفاد بنشوب": the subject slot holds a body ("أكد الاتحاد")
        // unless the noun is indefinite or governed by the frame's ب.
        return !word.definite || word.preposition;
    }
    let prev = k - 1;
    if v.has(prev, Role::Prep) {
        // "وأشار إلى حرص", "أشار البيان إلى الاتفاق", "لفت الوزير، بعد لقائه …، إلى تزايد".
        return prev == cue_last + 1
            || subject_stretch(v, cue_last + 1, prev)
            || (prev > cue_last + 2
                && circumstance(v, cue_last + 1, prev) == Some(Insertion::Commas));
    }
    // (after the subject, a circumstance: "وأكد الملك خلال لقائه وفدا من البنك الدولي أهمية")
    if !subject_stretch(v, cue_last + 1, k) && insertion.is_none() {
        return false;
    }
    // After a subject: "أكدت الشرطة الإسبانية سقوط قتيل", "أفادت صحف إسرائيلية بنشوب"; not the
    // genitive of an indefinite noun ("أكد وزير التعليم"), nor a noun glued to ل, "for", which
    // completes the subject's name ("دعت رئيسة الجمعية المغربية لحماية المستهلك"): no reporting
    // verb takes its object with ل.
    if lam_glued(v.folded(k)) {
        return false;
    }
    let prev_definite =
        Word::of(v.folded(prev)).definite || v.is_quote_mark(prev) || v.original(prev) == ")";
    word.preposition || (prev_definite && (!word.definite || condemned(v, cue, k, &word)))
}

/// True when the definite word `k` after a definite subject is what a verb of condemning
/// condemns («أدانت الجمعية الوطنية الاعتداء»، «استنكرت منظمة "…" القصف»): an event noun or a
/// verbal noun, which no adjective of the subject is; not a word in ـية, which may be a relative
/// adjective («أدانت الخارجية الأمريكية»).
fn condemned(v: &View<'_>, cue: Cue, k: usize, word: &Word<'_>) -> bool {
    cue.condemn
        && !word.stem.ends_with("يه")
        && (v.has(k, Role::Event)
            || v.has(k, Role::VerbalNoun)
            || v.has(k, Role::Reports)
            || derived_verbal_noun_with_suffix(word.stem))
}

/// True when token `k` is the genitive of an indefinite noun after the cue ending at
/// `cue_last`: the second word of a construct ("وزير الصحة", "وزارة الصحة"), part of the noun
/// phrase before it, not a phrase of its own. The noun before is a word of the subject (not the
/// cue, a preposition, "أي" or a demonstrative) without the article or a glued preposition, and
/// no relative adjective in ـي/ـية ("نفى مصدر حكومي الأنباء": the adjective closes the subject).
pub(super) fn genitive_of_indefinite(v: &View<'_>, cue_last: usize, k: usize) -> bool {
    let Some(prev) = k.checked_sub(1).filter(|&p| p > cue_last) else { return false };
    let before = Word::at(v, prev);
    let nisba = ["ي", "ى", "يه", "ية"].iter().any(|e| before.stem.ends_with(e));
    let function = [Role::Prep, Role::Any, Role::Demonstrative, Role::Stop];
    v.is_word(prev)
        && v.tags[prev].cue.is_none()
        && !function.iter().any(|&r| v.has(prev, r))
        && !before.definite
        && !before.preposition
        && !nisba
        && Word::at(v, k).definite
}

/// True for a folded word glued to the preposition ل without the article ("لحماية", "لفريق"):
/// at least four letters after it.
fn lam_glued(folded: &str) -> bool {
    let rest = folded.trim_start_matches(['و', 'ف']);
    rest.strip_prefix('ل').is_some_and(|r| !r.starts_with('ل') && r.chars().count() >= 4)
}

/// True when token `k` follows a manner adverb that follows the cue ending at `cue_last`, either
/// at once or behind a short subject: "أدانت اللجنة بشدة الاعتداء", "ندد بشدة بالقرار". Verb,
/// subject, adverb, object is the order of the clause, so whatever noun phrase follows the
/// adverb is the object, whatever its head.
fn after_manner_adverb(v: &View<'_>, cue_last: usize, k: usize) -> bool {
    let Some(adverb) = k.checked_sub(1) else { return false };
    adverb > cue_last
        && v.has(adverb, Role::Manner)
        && (adverb == cue_last + 1 || subject_stretch(v, cue_last + 1, adverb))
}

/// True when the participle ending at `cue_last` follows a comma or carries و: a ḥāl after its
/// clause ("…، مؤكدا", "ومؤكدا"), not an adjective after a noun ("خطوة لافتة").
fn participle_after_clause(v: &View<'_>, cue_last: usize) -> bool {
    let first = (0..=cue_last).rev().find(|&t| v.tags[t].cue.is_some()).unwrap_or(cue_last);
    v.tags[first].prefix > 0 || first.checked_sub(1).is_some_and(|p| v.is_punct(p, COMMAS))
}

/// True when a word of the shape إفعال is written with the hamza above, أفعال: a broken plural
/// ("أجزاء", "أطراف", "أسعار"), not a verbal noun ("إطلاق", "إنهاء").
fn plural_afal(original: &str) -> bool {
    let rest = original.trim_start_matches(['و', 'ف']);
    let rest = rest.strip_prefix('ب').unwrap_or(rest);
    let rest = rest.strip_prefix("ال").unwrap_or(rest);
    rest.starts_with('أ')
}

/// Where the content of an object headed at `k` starts (bytes): after the preposition ب glued
/// to the head ("بنشوب" → "نشوب"; "بالإفراج" → "الإفراج").
pub(super) fn content_start(v: &View<'_>, k: usize) -> usize {
    let start = v.toks[k].span.start();
    if !Word::at(v, k).preposition {
        return start;
    }
    let o = v.original(k);
    let lead = o.strip_prefix(['و', 'ف']).unwrap_or(o);
    match lead.strip_prefix('ب') {
        Some(rest) if !rest.is_empty() => start + (o.len() - rest.len()),
        _ => start,
    }
}

/// A short subject between a cue and what follows it: up to eight words (with circumstances of
/// place and time: "مسؤول بالمفوضية الأوروبية في القدس ،(السبت)"), no comma outside a bracketed
/// aside, no frame preposition, relative pronoun, complementiser or other clause.
fn subject_stretch(v: &View<'_>, from: usize, to: usize) -> bool {
    if to <= from || to - from > 12 {
        return false;
    }
    let mut words = 0;
    let mut depth = 0i32;
    for t in from..to {
        if v.is_word(t) {
            let bad =
                [Role::Prep, Role::Rel, Role::Comp, Role::Clause].iter().any(|&r| v.has(t, r))
                    || v.tags[t].cue.is_some();
            if bad {
                return false;
            }
            words += 1;
        } else if v.is_punct(t, &['(']) {
            depth += 1;
        } else if v.is_punct(t, &[')']) {
            depth -= 1;
        } else if v.is_punct(t, COMMAS) {
            // (a comma only right before a bracketed aside: "في القدس ،(السبت)")
            if depth == 0 && !(t + 1 < to && v.is_punct(t + 1, &['('])) {
                return false;
            }
        } else if !v.is_quote_mark(t) && v.toks[t].kind != isnad_core::TokenKind::Number {
            return false;
        }
    }
    words <= 8 && depth == 0
}

/// A folded word with its proclitics told apart.
struct Word<'a> {
    /// The word without و/ف, a preposition and the article.
    stem: &'a str,
    /// It carries the article (ال، لل).
    definite: bool,
    /// It carries the preposition ب or ل.
    preposition: bool,
}

impl<'a> Word<'a> {
    /// Token `k`: when the lexicons found an entry after a clitic chain ("بنشوب" → نشوب), that
    /// chain; otherwise the clitics a derived pattern or the article show.
    fn at(v: &View<'a>, k: usize) -> Word<'a> {
        let folded = v.folded(k);
        let p = v.tags[k].prefix as usize;
        if p > 0 && p < folded.len() && v.tags[k].cue.is_none() {
            let prefix = folded[..p].trim_start_matches(['و', 'ف']);
            let definite = prefix.ends_with("ال") || prefix == "لل";
            // (only ب belongs to a cue's frame: "أفاد بـ"; ل is "for", "to": "لوقف الحرب")
            let preposition = prefix.starts_with('ب');
            return Word { stem: &folded[p..], definite, preposition };
        }
        Word::of(folded)
    }

    fn of(folded: &'a str) -> Word<'a> {
        let mut rest = folded;
        if let Some(r) = rest.strip_prefix(['و', 'ف'])
            && r.chars().count() >= 4
        {
            rest = r;
        }
        if let Some(r) = rest.strip_prefix("لل") {
            return Word { stem: r, definite: true, preposition: false };
        }
        let mut preposition = false;
        if let Some(r) = rest.strip_prefix(['ب', 'ل'])
            && r.starts_with("ال")
        {
            rest = r;
            preposition =
                rest.len() < folded.len() && folded.trim_start_matches(['و', 'ف']).starts_with('ب');
        } else if let Some(r) = rest.strip_prefix('ب')
            && derived_verbal_noun(r)
        {
            // "بتعزيز": the preposition of the frame glued to a derived verbal noun.
            return Word { stem: r, definite: false, preposition: true };
        }
        match rest.strip_prefix("ال") {
            Some(r) if r.chars().count() >= 2 => Word { stem: r, definite: true, preposition },
            _ => Word { stem: rest, definite: false, preposition },
        }
    }
}

/// [`derived_verbal_noun`] of a stem that may carry a possessive pronoun ("التزامهما",
/// "استعدادها"; "تنميتها" with ة written ت before it).
fn derived_verbal_noun_with_suffix(stem: &str) -> bool {
    if derived_verbal_noun(stem) {
        return true;
    }
    POSSESSIVES.iter().any(|suffix| {
        stem.strip_suffix(suffix).is_some_and(|base| {
            derived_verbal_noun(base)
                || base.strip_suffix('ت').is_some_and(|b| derived_verbal_noun(&format!("{b}ه")))
        })
    })
}

/// Possessive pronouns a noun may end with (folded), longest first.
pub(crate) const POSSESSIVES: &[&str] = &["هما", "هم", "هن", "ها", "نا", "كم", "ه", "ي", "ك"];

/// True when a folded stem has the pattern of a derived verbal noun or an abstract noun:
/// تفعيل (تحقيق), تفعلة (تنمية), مفاعلة (مواصلة), إفعال (إطلاق), إفالة (إعادة), انفعال (انسحاب),
/// افتعال (احترام), استفعال (استمرار), استفالة (استعادة), تفاعل (تعاون), and nouns in ـية
/// (إمكانية، أهمية). (Folded: ة is ه, أ and إ are ا.)
fn derived_verbal_noun(stem: &str) -> bool {
    let c: Vec<char> = stem.chars().collect();
    let n = c.len();
    let at = |i: usize, x: char| c.get(i) == Some(&x);
    let last_consonant = c.last().is_some_and(|&l| !matches!(l, 'ا' | 'ي' | 'و' | 'ه'));
    match n {
        5 => {
            (at(0, 'ت') && at(3, 'ي') && last_consonant)
                || (at(0, 'ت') && at(4, 'ه') && !at(2, 'ا'))
                || (at(0, 'ت') && at(2, 'ا') && last_consonant)
                || (at(0, 'ا') && at(3, 'ا') && last_consonant)
                || (at(0, 'ا') && at(2, 'ا') && at(4, 'ه'))
        }
        6 => {
            (at(0, 'م') && at(2, 'ا') && at(5, 'ه'))
                || (at(0, 'ا') && at(1, 'ن') && at(4, 'ا') && last_consonant)
                || (at(0, 'ا') && at(2, 'ت') && at(4, 'ا') && last_consonant)
                || (at(4, 'ي') && at(5, 'ه'))
        }
        7 => {
            stem.starts_with("است") && (at(5, 'ا') && last_consonant || at(4, 'ا') && at(6, 'ه'))
                || (at(5, 'ي') && at(6, 'ه'))
        }
        _ => n > 7 && stem.ends_with("يه"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_of_verbal_nouns() {
        for w in [
            "تحقيق",
            "تنميه",
            "مواصله",
            "اطلاق",
            "اعاده",
            "انسحاب",
            "احترام",
            "استمرار",
            "استعاده",
            "تعاون",
            "امكانيه",
            "مسووليه",
        ] {
            assert!(derived_verbal_noun(w), "{w}");
        }
        for w in ["تركيا", "وزير", "رئيس", "مصادر", "متحدث", "حكومه", "شرطه", "ماكرون", "مدير"]
        {
            assert!(!derived_verbal_noun(w), "{w}");
        }
        for w in ["التزامهما", "استعدادها", "تنميتها", "دعمه"] {
            assert_eq!(derived_verbal_noun_with_suffix(w), w != "دعمه", "{w}");
        }
    }

    #[test]
    fn proclitics() {
        let w = Word::of("بالافراج");
        assert!(w.definite && w.preposition);
        assert_eq!(w.stem, "افراج");
        let w = Word::of("للاتفاق");
        assert!(w.definite && !w.preposition);
        let w = Word::of("وتعزيز");
        assert!(!w.definite && !w.preposition);
        assert_eq!(w.stem, "تعزيز");
        let w = Word::of("بتعزيز");
        assert!(w.preposition && w.stem == "تعزيز");
        assert!(Word::of("الاتفاق").definite);
    }
}
