//! Telling Arabic from English when the input does not say.

use std::sync::LazyLock;

use isnad_core::Lang;

use crate::chars::is_arabic_letter;

/// Frequent English function words (`data/en-detect.tsv`): Latin-script text without them is not
/// treated as English.
static ENGLISH_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    crate::data::lines(include_str!("../data/en-detect.tsv"))
        .map(|(_, f)| f[0].to_string())
        .collect()
});

/// Guesses the language of `text` from its first 20,000 bytes.
///
/// Arabic when Arabic letters outnumber Latin ones; English when Latin letters dominate and at
/// least one word in eight is an English function word; otherwise `und` (undetermined), which
/// language-specific stages skip. Script counting is enough here because isnad only has knowledge
/// of these two languages: the question is which knowledge to apply, not which of 100 languages
/// the text is in.
pub fn detect(text: &str) -> Lang {
    let mut end = text.len().min(20_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in sample.chars() {
        if is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() || (c.is_alphabetic() && (c as u32) < 0x0250) {
            latin += 1;
        }
    }
    if arabic == 0 && latin == 0 {
        return Lang::Other("und".into());
    }
    if arabic >= latin {
        return Lang::Ar;
    }
    let (mut words, mut function) = (0usize, 0usize);
    for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        if ENGLISH_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            function += 1;
        }
    }
    if function * 8 >= words { Lang::En } else { Lang::Other("und".into()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects() {
        assert_eq!(detect("قال المتحدث باسم الكرملين إن الاتصال مهم (G7)"), Lang::Ar);
        assert_eq!(
            detect("The Kremlin spokesman said on Tuesday that the call was useful."),
            Lang::En
        );
        assert_eq!(
            detect("Le porte-parole du Kremlin a déclaré mardi que l'appel était utile."),
            Lang::Other("und".into())
        );
        assert_eq!(detect("12345 !!"), Lang::Other("und".into()));
    }
}
