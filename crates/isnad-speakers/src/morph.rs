//! Word shapes: comparison keys of name and role words, and the agreement a cue verb shows.

use std::borrow::Cow;

use crate::lexicon::{Agr, LangLex};

/// Byte length of the article chain at the start of a folded Arabic word (و/ف, then ب/ك/ل, then
/// ال; or لل), when what is left is at least two letters; 0 when the word is not definite.
pub(crate) fn article_len(folded: &str) -> usize {
    let mut rest = folded;
    if let Some(r) = rest.strip_prefix('و').or_else(|| rest.strip_prefix('ف')) {
        rest = r;
    }
    let stem = if let Some(r) = rest.strip_prefix("لل") {
        r
    } else {
        if let Some(r) = ['ب', 'ك', 'ل'].iter().find_map(|&c| rest.strip_prefix(c)) {
            rest = r;
        }
        match rest.strip_prefix("ال") {
            Some(r) => r,
            None => return 0,
        }
    };
    if stem.chars().count() < 2 {
        return 0;
    }
    folded.len() - stem.len()
}

/// True when the folded Arabic word carries the article (الرئيس, والوزير, بالمفوضية, للصحيفة).
pub(crate) fn is_definite(folded: &str) -> bool {
    article_len(folded) > 0
}

/// The key a name or role word is compared by: folded, without the article chain, and for
/// English without a possessive. "الأنصاري" and "أنصاري" compare equal; so do "Trump's" and
/// "Trump". "عبد" names are written both joined and apart ("عبدالعزيز", "عبد العزيز"): callers
/// join a lone "عبد" with the next key.
pub(crate) fn word_key(folded: &str) -> String {
    word_key_ref(folded).into_owned()
}

/// `word_key`, borrowing from `folded` when the key is a piece of it (all but joined "عبد"
/// names): keys only compared or reshaped need no string of their own.
pub(crate) fn word_key_ref(folded: &str) -> Cow<'_, str> {
    let w = folded.trim_matches(|c: char| !isnad_text::normalize::is_word_char(c));
    let w = w.strip_suffix("'s").unwrap_or(w);
    let stem = &w[article_len(w)..];
    if let Some(rest) = stem.strip_prefix("عبدال")
        && rest.chars().count() >= 2
    {
        return Cow::Owned(format!("عبد{rest}"));
    }
    Cow::Borrowed(stem)
}

/// The singular stem of an Arabic plural or dual head, so that "وزيرا الخارجية" and "الوزيران",
/// "مسؤولون" and "المسؤولين" compare equal: ـون ـين ـان ـات, or a final ـا/ـو of the construct
/// state, removed when three letters remain.
pub(crate) fn number_stem(key: &str) -> String {
    for suffix in ["ون", "ين", "ان", "ات", "ا", "و"] {
        if let Some(stem) = key.strip_suffix(suffix)
            && stem.chars().count() >= 3
        {
            return stem.to_string();
        }
    }
    key.to_string()
}

/// The consonant skeleton of a key: long vowels and hamza seats dropped after the first letter.
/// Used to compare role words spelled several ways ("الأوروبية" / "الاوربية").
pub(crate) fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for (i, c) in key.chars().enumerate() {
        if i > 0 && matches!(c, 'ا' | 'و' | 'ي' | 'ء') {
            continue;
        }
        out.push(c);
    }
    out
}

/// The agreement an Arabic cue word shows about its unwritten subject.
///
/// Perfect verbs: ـت feminine (قالت, أضافت) unless the root ends in ت (لفت), ـوا plural (قالوا),
/// ـا/ـتا dual (قالا) counted as plural; imperfect ي masculine (يقول), ت feminine (تقول, تشير);
/// participles: م… masculine (مشيرا, مؤكدا), م…ة feminine (مشددة), م…ين/ون plural, and the
/// فاعل pattern (قائلا, لافتا). A leading و/ف is the conjunction. Anything else is masculine
/// singular, the unmarked form (قال, أكد, أوضح).
pub(crate) fn arabic_cue_agr(folded_cue: &str, lex: &LangLex) -> Agr {
    let first = folded_cue.split(' ').next().unwrap_or("");
    // (Digits are dropped; Arabic letters are never numeric, so the Unicode table is asked only
    // about other characters.)
    let numeric = |c: char| {
        if c.is_ascii() {
            c.is_ascii_digit()
        } else {
            !isnad_text::normalize::is_arabic_letter(c) && c.is_numeric()
        }
    };
    let mut word: Vec<char> =
        first.chars().filter(|&c| !c.is_ascii_punctuation() && !numeric(c)).collect();
    if word.len() > 3 && matches!(word[0], 'و' | 'ف') {
        word.remove(0);
    }
    let n = word.len();
    if n < 2 {
        return Agr::NONE;
    }
    let s: String = word.iter().collect();
    let ends = |suffix: &str| s.ends_with(suffix);
    // Participles.
    if word[0] == 'م' && n >= 4 {
        if ends("ين") || ends("ون") {
            return Agr::PL;
        }
        if ends("ات") {
            return Agr { plural: Some(true), ..Agr::F };
        }
        if ends("ه") {
            return Agr::F;
        }
        return Agr::M;
    }
    // A perfect with the pronoun of its object (the cues of ar-cues.tsv that take one: وصفته،
    // وصفوها): the ending before the pronoun is the subject's.
    if n >= 5 {
        if ends("ته") || ends("تها") {
            return Agr::F;
        }
        if ends("وه") || ends("وها") {
            return Agr::PL;
        }
        if ends("ها") {
            return Agr::M;
        }
    }
    if ends("وا") {
        return Agr::PL;
    }
    if n >= 5 && word[1] == 'ا' && !ends("ت") {
        if ends("ا") {
            return Agr::M;
        }
        if ends("ه") {
            return Agr::F;
        }
    }
    if ends("وا") {
        return Agr::PL;
    }
    if ends("تا") && n >= 4 {
        return Agr::PL;
    }
    if ends("ا") && n >= 4 {
        return Agr::PL;
    }
    if ends("ت") && !lex.tfinal.contains(&s) {
        return Agr::F;
    }
    match word[0] {
        'ي' if n >= 3 => {
            if ends("ون") {
                Agr::PL
            } else {
                Agr::M
            }
        }
        'ت' => {
            if word[1] == 'ا' {
                // تفاعل: a perfect (تابع, تساءل).
                Agr::M
            } else if n == 3 || word[1] == 'ء' || (n == 4 && matches!(word[2], 'و' | 'ي')) || n >= 5
            {
                // Imperfect of the feminine (ترى, تؤكد, تقول, تشير, تعتبر).
                Agr::F
            } else {
                // تفعّل: a perfect (تحدث, توقع).
                Agr::M
            }
        }
        _ => Agr::M,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::fold;

    #[test]
    fn keys() {
        assert_eq!(word_key(&fold("الأنصاري")), "انصاري");
        assert_eq!(word_key(&fold("بالمفوضية")), "مفوضيه");
        assert_eq!(word_key(&fold("للصحيفة")), "صحيفه");
        assert_eq!(word_key(&fold("عبدالعزيز")), "عبدعزيز");
        assert_eq!(word_key("trump's"), "trump");
        assert_eq!(word_key(&fold("بوتين")), "بوتين");
        assert_eq!(skeleton(&word_key(&fold("الأوروبية"))), skeleton(&word_key(&fold("الاوربية"))));
    }

    #[test]
    fn cue_agreement() {
        let lex = crate::lexicon::arabic().unwrap();
        let agr = |w: &str| arabic_cue_agr(&fold(w), lex);
        for m in [
            "قال",
            "وأكد",
            "وتابع",
            "لفت",
            "مشيرا",
            "مؤكداً",
            "قائلاً",
            "لافتا",
            "يقول",
            "وأضاف",
            "تحدث",
            "دعا",
            "نفى",
        ] {
            assert_eq!(agr(m), Agr::M, "{m}");
        }
        for f in
            ["قالت", "وأضافت", "مشددة", "تقول", "تشير", "نفت", "وأكدت", "أوردت", "ووصفته", "وصفتها"]
        {
            assert_eq!(agr(f), Agr::F, "{f}");
        }
        assert_eq!(agr("ووصفها"), Agr::M);
        for p in ["قالوا", "أوضحوا", "مشيرين", "أكدا", "ووصفوه"] {
            assert_eq!(agr(p).plural, Some(true), "{p}");
        }
    }
}
