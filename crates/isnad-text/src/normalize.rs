//! Folding text for matching while keeping a map back to the original offsets.
//!
//! News Arabic spells one word many ways: أكد / اكد, مسؤول / مسئول, الجارية / الجاريه, with or
//! without diacritics and tatweel, with Persian ی and ک in text that passed through Persian
//! keyboards, with Arabic-Indic digits. Lexicons should not have to list every spelling, so both
//! the text and the lexicon entries are *folded* the same way, and matches found in the folded text
//! are mapped back to the original with [`Normalized::to_original`].

use isnad_core::Normalized;

/// What one original character folds to.
enum Fold {
    /// Dropped (diacritics, tatweel, bidi controls, zero-width joiners).
    Drop,
    /// One character.
    One(char),
    /// Several characters (Latin lower-casing may expand; ligatures).
    Many(&'static str),
    /// Whitespace (collapsed with its neighbours).
    Space { newline: bool },
}

fn fold_char(c: char) -> Fold {
    match c {
        // Arabic letter variants.
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Fold::One('ا'),
        'ى' | 'ی' | 'ې' => Fold::One('ي'),
        'ة' => Fold::One('ه'),
        'ؤ' | 'ئ' => Fold::One('ء'),
        'ک' => Fold::One('ك'),
        'ﻻ' | 'ﻼ' => Fold::Many("لا"),
        'ﻷ' | 'ﻸ' | 'ﻹ' | 'ﻺ' | 'ﻵ' | 'ﻶ' => Fold::Many("لا"),
        // Tatweel, harakat, Quranic marks, superscript alef.
        'ـ' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => Fold::Drop,
        // Bidi controls, zero-width characters, BOM.
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}'
        | '\u{FEFF}' | '\u{00AD}' => Fold::Drop,
        // Digits of the Arabic script.
        '٠'..='٩' => Fold::One(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => Fold::One(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
        // Quotation marks: one double and one single form.
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '＂' => Fold::One('"'),
        '‘' | '’' | '‚' | '‛' | '′' | '`' => Fold::One('\''),
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Fold::Space { newline: true },
        c if c.is_whitespace() => Fold::Space { newline: false },
        'A'..='Z' => Fold::One(c.to_ascii_lowercase()),
        c if c.is_ascii() => Fold::One(c),
        // The rest of the Arabic blocks has no case: skip the Unicode case tables.
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => Fold::One(c),
        c if c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Fold::One(l),
                _ => Fold::Many(lower_many(c)),
            }
        }
        c => Fold::One(c),
    }
}

/// The rare upper-case letters whose lower case is more than one character.
fn lower_many(c: char) -> &'static str {
    match c {
        'İ' => "i",
        _ => "",
    }
}

/// Folds `text` for matching and records where every folded byte came from.
///
/// The rules: Arabic alef forms (أ إ آ ٱ) become ا, ى and Persian ی become ي, ة becomes ه, ؤ and ئ
/// become ء, Persian ک becomes ك, lam-alef ligatures are spelled out; tatweel, diacritics, bidi
/// controls and zero-width characters are dropped; Arabic-Indic and Persian digits become ASCII;
/// Latin letters are lower-cased; curly, low and angle quotation marks become `"` or `'`; a run of
/// whitespace becomes one space, or one `\n` when it holds a line break. Everything else is kept.
pub fn normalize(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut map: Vec<u32> = Vec::with_capacity(text.len() + 1);
    // Pending whitespace run: its start in the original and whether it holds a newline.
    let mut space: Option<(usize, bool)> = None;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Fast path: a run of ASCII that folds to itself (lower-case letters, digits, most
        // punctuation) is copied whole, with its map entries in one extend.
        let run = bytes[at..].iter().take_while(|&&b| is_ascii_identity(b)).count();
        if run > 0 {
            if let Some((start, nl)) = space.take() {
                push(&mut out, &mut map, if nl { '\n' } else { ' ' }, start);
            }
            out.push_str(&text[at..at + run]);
            map.extend(at as u32..(at + run) as u32);
            at += run;
            continue;
        }
        let c = text[at..].chars().next().expect("at is a char boundary below the end");
        let here = at;
        at += c.len_utf8();
        let at = here;
        let fold = fold_char(c);
        if let Fold::Space { newline } = fold {
            space = Some(match space {
                Some((start, nl)) => (start, nl || newline),
                None => (at, newline),
            });
            continue;
        }
        if let Some((start, nl)) = space.take() {
            push(&mut out, &mut map, if nl { '\n' } else { ' ' }, start);
        }
        match fold {
            Fold::Drop | Fold::Space { .. } => {}
            Fold::One(f) => push(&mut out, &mut map, f, at),
            Fold::Many(s) => {
                for f in s.chars() {
                    push(&mut out, &mut map, f, at);
                }
            }
        }
    }
    if let Some((start, nl)) = space {
        push(&mut out, &mut map, if nl { '\n' } else { ' ' }, start);
    }
    map.push(text.len() as u32);
    // Dropped characters after the last kept one belong to it: make the end of a folded range
    // that ends a word cover its trailing diacritics. `map[i]` for the byte after a character is
    // the start of the next kept character, which already includes them.
    Normalized { text: out, map }
}

/// ASCII bytes that fold to themselves: everything but upper-case letters, whitespace and '`'.
#[inline]
fn is_ascii_identity(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_uppercase() && !b.is_ascii_whitespace() && b != b'`' && b >= 0x20 && b != 0x7f
}

fn push(out: &mut String, map: &mut Vec<u32>, c: char, orig: usize) {
    let len = c.len_utf8();
    out.push(c);
    for _ in 0..len {
        map.push(orig as u32);
    }
}

/// Folds a string the way [`normalize`] folds text, without the map (lexicon entries, gold text).
pub fn fold(s: &str) -> String {
    normalize(s).text.trim().to_string()
}

/// True for characters that make up words in either script (letters, digits, combining marks).
///
/// ASCII and the main Arabic block are decided by ranges: the general Unicode tables behind
/// `char::is_alphanumeric` are a slow search for every non-ASCII character, and this runs on
/// every character of the text.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06F0}'..='\u{06FC}' | '\u{06FF}' => true,
        '\u{0600}'..='\u{06FF}' => is_arabic_mark(c),
        _ => c.is_alphanumeric() || is_arabic_mark(c),
    }
}

/// Arabic diacritics and tatweel: they sit inside words.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, 'ـ' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// True for letters of the Arabic script.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}') {
        return true;
    }
    if c.is_ascii() {
        return false;
    }
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_arabic_variants() {
        assert_eq!(fold("أكّد"), "اكد");
        assert_eq!(fold("مسؤولية"), fold("مسئوليه"));
        assert_eq!(fold("الجارية"), "الجاريه");
        assert_eq!(fold("بوتین"), "بوتين");
        assert_eq!(fold("موسکو"), "موسكو");
        assert_eq!(fold("عـــاجل"), "عاجل");
        assert_eq!(fold("١٢ فبراير ٢٠٢٥"), "12 فبراير 2025");
        assert_eq!(fold("“Said” «قال»"), "\"said\" \"قال\"");
        assert_eq!(fold("a \t b\r\n\n c"), "a b\nc");
    }

    #[test]
    fn maps_back_to_original() {
        let text = "وأكّدَ  «اليوم»";
        let n = normalize(text);
        let at = n.text.find("اكد").unwrap();
        let (s, e) = n.to_original(at, at + "اكد".len());
        // The trailing fatha is covered because the next kept character starts after it.
        assert_eq!(&text[s..e], "أكّدَ  ".trim_end_matches(' '));
        let at = n.text.find("اليوم").unwrap();
        let (s, e) = n.to_original(at, at + "اليوم".len());
        assert_eq!(&text[s..e], "اليوم");
        assert_eq!(n.map.len(), n.text.len() + 1);
    }
}
