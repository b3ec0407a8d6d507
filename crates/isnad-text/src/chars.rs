//! Character classes: what is a letter, a digit, a space, an Arabic letter or mark, a word
//! character. The one place that decides it for every stage.
//!
//! Each predicate answers as its `char` counterpart where it has one (tests below check every
//! code point), but decides ASCII and the Arabic block by ranges first: the general Unicode tables
//! behind `char::is_alphabetic` and friends are a slow search for every non-ASCII character, and
//! these run on every character of the text.
//!
//! Not switched yet (issue 16): `isnad-dates/src/letters.rs` (`is_letter`, `is_alphabetic`),
//! `isnad-speakers/src/mention.rs` (`is_letter`) and `plugins/check-worthiness` (`is_word_char`)
//! keep their own copies.

/// `char::is_alphabetic`: a letter of any script, or a mark Unicode counts as alphabetic (most
/// Arabic diacritics are).
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        '\0'..='\u{7F}' => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`: a letter ([`is_letter`]) or a digit ([`is_digit`]).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphanumeric(),
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_numeric`: digits of any script (Western, Arabic-Indic, Persian, …) and other
/// numeric characters.
#[inline]
pub fn is_digit(c: char) -> bool {
    match c {
        '0'..='9' | '٠'..='٩' | '۰'..='۹' => true,
        // No digits among these (and General Punctuation, the curly quotes and dashes).
        '\0'..='\u{7F}'
        | '\u{0600}'..='\u{065F}'
        | '\u{066A}'..='\u{06EF}'
        | '\u{2000}'..='\u{206F}' => false,
        _ => c.is_numeric(),
    }
}

/// `char::is_whitespace` (there is no whitespace below U+1680 but ASCII's, U+0085 and U+00A0).
#[inline]
pub fn is_space(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_whitespace() || c == '\u{0B}',
        '\u{80}'..='\u{167F}' => c == '\u{85}' || c == '\u{A0}',
        _ => c.is_whitespace(),
    }
}

/// A letter of the Arabic script, in any of its blocks: not its digits or punctuation, nor its
/// diacritics but two that Unicode counts as letters, tatweel and the superscript alef (which
/// [`is_arabic_mark`] also counts).
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    // (ASCII first: every token of English text is asked this.)
    if c.is_ascii() {
        return false;
    }
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}')
    {
        return true;
    }
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

/// Arabic diacritics and tatweel: they sit inside words.
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, 'ـ' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// A character that makes up words in either script: letters, digits, Arabic marks
/// ([`is_arabic_mark`]), and the alphanumerics of other scripts.
///
/// `char::is_alphanumeric` or an Arabic mark, but for a few characters of the Arabic block that
/// Unicode calls alphabetic and this does not: the honorific signs U+0610–U+061A and the rare
/// letters U+0620, U+06EE and U+06EF (a test lists them).
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        '\u{0621}'..='\u{064A}'
        | '\u{0660}'..='\u{0669}'
        | '\u{066E}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06F0}'..='\u{06FC}'
        | '\u{06FF}' => true,
        '\u{0600}'..='\u{06FF}' => is_arabic_mark(c),
        _ => c.is_alphanumeric() || is_arabic_mark(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_char() -> impl Iterator<Item = char> {
        (0..=0x10FFFF).filter_map(char::from_u32)
    }

    /// The fast paths give `char`'s answers on every code point.
    #[test]
    fn agree_with_std_everywhere() {
        for c in every_char() {
            assert_eq!(is_letter(c), c.is_alphabetic(), "is_letter {c:?} U+{:04X}", c as u32);
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "is_alphanumeric U+{:04X}",
                c as u32
            );
            assert_eq!(is_digit(c), c.is_numeric(), "is_digit U+{:04X}", c as u32);
            assert_eq!(is_space(c), c.is_whitespace(), "is_space U+{:04X}", c as u32);
        }
    }

    /// Every Arabic letter is a word character and a letter; no mark but tatweel and the
    /// superscript alef is an Arabic letter; the word characters are the alphanumerics and the Arabic marks, but for the
    /// listed exceptions.
    #[test]
    fn arabic_classes_nest() {
        let not_word_chars = |u: u32| matches!(u, 0x0610..=0x061A | 0x0620 | 0x06EE | 0x06EF);
        for c in every_char() {
            let u = c as u32;
            if is_arabic_letter(c) {
                assert!(is_letter(c) && is_word_char(c), "U+{u:04X}");
                assert!(!is_arabic_mark(c) || matches!(c, 'ـ' | '\u{0670}'), "U+{u:04X}");
            }
            let unicode = c.is_alphanumeric() || is_arabic_mark(c);
            assert_eq!(is_word_char(c), unicode && !not_word_chars(u), "U+{u:04X}");
        }
    }

    #[test]
    fn examples() {
        let classes = |c: char| {
            [is_letter(c), is_digit(c), is_space(c), is_arabic_letter(c), is_arabic_mark(c)]
        };
        // letter, digit, space, Arabic letter, Arabic mark
        for (c, want) in [
            ('a', [true, false, false, false, false]),
            ('ب', [true, false, false, true, false]),
            ('ی', [true, false, false, true, false]),
            ('٣', [false, true, false, false, false]),
            ('۳', [false, true, false, false, false]),
            ('\u{A0}', [false, false, true, false, false]),
            ('\u{064E}', [true, false, false, false, true]),
            // Tatweel is both: a letter to Unicode, a mark to folding.
            ('ـ', [true, false, false, true, true]),
            ('،', [false, false, false, false, false]),
            ('ﻻ', [true, false, false, true, false]),
        ] {
            assert_eq!(classes(c), want, "{c:?}");
        }
    }
}
