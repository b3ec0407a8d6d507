//! The text the full-text index holds, and search queries turned into FTS5 queries.
//!
//! Both sides go through [`search_form`], so a query matches what the stages would match:
//! the text is folded with `isnad_text::fold` (hamza and alef forms, ى/ي, ة/ه, diacritics,
//! tatweel, case, curly quotes: «الإتفاق» and «الاتفاق» are one word), cut into words at every
//! character that is not a word character ("Peskov's" is "peskov" then "s"), and each Arabic word
//! loses its proclitic chain (و ف ب ل ك س and the article) when at least three letters remain,
//! as the stages' lexicons allow clitics before an entry: «والاتفاق», «بالاتفاق» and «اتفاق» all
//! index as «اتفاق». Stripping is a function of the word alone, so a wrong cut («وزير» as و +
//! «زير») is made the same way in the query and cannot lose a match; it can only let «زير» find
//! «وزير».
//!
//! Latin letters also lose their accents here ("José" indexes as "jose"), though the stages keep
//! them: a reader types names without accents more often than with them, and the index should
//! find "José Mujica" either way.

use isnad_text::normalize::{is_arabic_letter, is_word_char};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::IndexError;

/// The index form of `text`: folded words without Arabic proclitics, separated by spaces.
pub fn search_form(text: &str) -> String {
    search_form_of_folded(&isnad_text::fold(text))
}

/// [`search_form`] of a text from its folded form: `search_form(text)` is
/// `search_form_of_folded(folded)` for any `folded` that holds the same characters as
/// `isnad_text::fold(text)` but for whitespace (which only separates words here): the slice of
/// the document's folded text (the `normalized` layer) that a claim's content maps to is one, and
/// taking it spares folding every claim again ([`folded_span`]).
///
/// Words are cut byte by byte where the folded text is ASCII (a letter or digit goes on the word,
/// anything else ends it), by a table for the two-byte characters of the Arabic block, and by
/// [`is_word_char`] elsewhere: this runs on every claim `isnad index` writes, and splitting by a
/// character predicate was most of its time. Each word is classed as it is cut (ASCII only,
/// Arabic block only, or other), so that the common words are pushed without looking at their
/// characters again ([`push_word`]).
pub(crate) fn search_form_of_folded(folded: &str) -> String {
    let bytes = folded.as_bytes();
    let mut out = String::with_capacity(folded.len());
    let mut at = 0;
    while at < bytes.len() {
        let (class, len) = char_at(folded, at);
        let Some(mut holds) = class else {
            at += len;
            continue;
        };
        let from = at;
        at += len;
        loop {
            // The rest of a run of the word's class, without classing each character.
            match holds {
                WordClass::Arabic => {
                    while at + 1 < bytes.len() && is_arabic_word_char(bytes[at], bytes[at + 1]) {
                        at += 2;
                    }
                }
                WordClass::Ascii => {
                    while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
                        at += 1;
                    }
                }
                WordClass::Other => {}
            }
            if at == bytes.len() {
                break;
            }
            let (class, len) = char_at(folded, at);
            let Some(class) = class else { break };
            if class != holds {
                holds = WordClass::Other;
            }
            at += len;
        }
        push_word(&folded[from..at], holds, &mut out);
    }
    out
}

/// Whether the two bytes `b0 b1` are a word character of the Arabic block (U+0600–U+06FF).
#[inline]
fn is_arabic_word_char(b0: u8, b1: u8) -> bool {
    // Two bytes, the low eight bits of the code point in the table.
    (0xD8..=0xDB).contains(&b0)
        && ARABIC_WORD_CHAR[(usize::from(b0 & 0x03) << 6) | usize::from(b1 & 0x3F)]
}

/// What the characters of a word are: how [`push_word`] can push it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordClass {
    /// ASCII letters and digits only: pushed as they are.
    Ascii,
    /// Two-byte characters of the Arabic block only (U+0600–U+06FF): pushed without their
    /// proclitics, cut on bytes.
    Arabic,
    /// Anything else (Latin accents, other scripts, a mix).
    Other,
}

/// The character of `folded` at byte `at`: its class when it is a word character (`None` when
/// it separates words), and its length in bytes.
#[inline]
fn char_at(folded: &str, at: usize) -> (Option<WordClass>, usize) {
    let bytes = folded.as_bytes();
    let b = bytes[at];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric().then_some(WordClass::Ascii), 1)
    } else if (0xD8..=0xDB).contains(&b) && at + 1 < bytes.len() {
        (is_arabic_word_char(b, bytes[at + 1]).then_some(WordClass::Arabic), 2)
    } else {
        let c = folded[at..].chars().next().expect("at is a char boundary");
        (is_word_char(c).then_some(WordClass::Other), c.len_utf8())
    }
}

/// For U+0600 + i: [`is_word_char`] (a unit test holds the table to it): the letters, digits and
/// marks of the Arabic block, by the same ranges.
static ARABIC_WORD_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = 0x600 + i as u32;
        t[i] = matches!(c, 0x0621..=0x064A | 0x0660..=0x0669 | 0x066E..=0x06D3 | 0x06D5
            | 0x06F0..=0x06FC | 0x06FF)
            // The Arabic marks of `isnad_text::is_arabic_mark`: tatweel and the diacritics.
            || matches!(c, 0x0640 | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED);
        i += 1;
    }
    t
};

/// The slice of a document's folded text (`normalized`: the text and, per folded byte plus one
/// past the end, the original byte it came from) that the original bytes `bytes` fold to: the
/// folded bytes whose origin is in the range. `None` when the map does not fit a text of
/// `text_len` bytes (a layer some other stage made), and the caller folds the text itself.
///
/// Folding is character by character (only runs of whitespace collapse, into a space that maps to
/// the run's start), so these bytes are the folded characters of the span's characters, in order,
/// whitespace aside: what [`search_form_of_folded`] needs.
pub(crate) fn folded_span<'a>(
    folded: &'a str,
    map: &[u32],
    text_len: usize,
    bytes: std::ops::Range<usize>,
) -> Option<&'a str> {
    if map.len() != folded.len() + 1 || map.last().is_none_or(|&end| end as usize != text_len) {
        return None;
    }
    // The map never decreases: each folded character maps to where it came from, in text order.
    let from = map.partition_point(|&o| (o as usize) < bytes.start);
    let to = map.partition_point(|&o| (o as usize) < bytes.end).max(from);
    folded.get(from..to)
}

/// Pushes one folded word of a search form, after a space when it is not the first. `holds` says
/// what its characters are ([`search_form_of_folded`] knows it from cutting the word).
fn push_word(word: &str, holds: WordClass, out: &mut String) {
    if !out.is_empty() {
        out.push(' ');
    }
    match holds {
        WordClass::Ascii => out.push_str(word),
        // Every character two bytes, none of them a Latin letter: what `strip_proclitics` does,
        // with the character counts as byte counts.
        WordClass::Arabic => out.push_str(strip_arabic_proclitics(word)),
        WordClass::Other => {
            if word.is_ascii() {
                out.push_str(word);
                return;
            }
            let word = strip_proclitics(word);
            if word.starts_with(is_arabic_letter) {
                out.push_str(word);
            } else {
                push_without_latin_accents(word, out);
            }
        }
    }
}

/// [`strip_proclitics`] of a word whose characters are all two bytes long (the Arabic block): a
/// cut after `cut` bytes leaves at least three letters when `cut + 6` bytes are there, and falls
/// on a character boundary. A word that does not begin with an Arabic letter has no clitic chain
/// ([`isnad_text::is_clitic_chain`] accepts only clitic letters), so it is not asked.
fn strip_arabic_proclitics(word: &str) -> &str {
    let len = word.len();
    for cut in [8, 6, 4, 2] {
        if len >= cut + 6 && isnad_text::is_clitic_chain(&word[..cut]) {
            return &word[cut..];
        }
    }
    word
}

/// Pushes `word` with each Latin letter that has an accent as its base letter ("é" as "e"); other
/// letters (Arabic, Greek, "ß", "ø", which have no canonical decomposition) as they are.
fn push_without_latin_accents(word: &str, out: &mut String) {
    for c in word.chars() {
        if !('\u{C0}'..='\u{24F}').contains(&c) && !('\u{1E00}'..='\u{1EFF}').contains(&c) {
            out.push(c);
            continue;
        }
        decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                out.push(part);
            }
        });
    }
}

/// `word` (folded) without its longest proclitic chain that leaves at least three letters.
pub(crate) fn strip_proclitics(word: &str) -> &str {
    if !word.chars().next().is_some_and(is_arabic_letter) {
        return word;
    }
    // A chain is at most four letters (و + ب + ال), each two bytes in UTF-8: the cuts to try are
    // after 8, 6, 4 and 2 bytes, longest first ([`isnad_text::is_clitic_chain`] accepts only
    // those letters, so a cut after other characters is never a chain). On bytes: this runs for
    // every Arabic word of every claim.
    let bytes = word.as_bytes();
    for cut in [8, 6, 4, 2] {
        if cut < bytes.len()
            && word.is_char_boundary(cut)
            && isnad_text::is_clitic_chain(&word[..cut])
            && word[cut..].chars().nth(2).is_some()
        {
            return &word[cut..];
        }
    }
    word
}

/// Turns a user's search into an FTS5 query over [`search_form`]s.
///
/// The syntax is small on purpose: words must all occur (in any order); `"several words"` must
/// occur together in this order; a word ending in `*` matches any word it begins; `OR` between
/// two terms accepts either. Everything else is text, never FTS5 syntax, so no input can make a
/// query fail to parse.
pub fn fts_query(text: &str) -> Result<String, IndexError> {
    let mut terms: Vec<String> = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (term, after) = if let Some(inner) = rest.strip_prefix('"') {
            match inner.find('"') {
                Some(end) => (phrase(&inner[..end], false), &inner[end + 1..]),
                None => (phrase(inner, false), ""),
            }
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            let term = if word == "OR" {
                Some("OR".to_string())
            } else if let Some(stem) = word.strip_suffix('*') {
                phrase(stem, true)
            } else {
                phrase(word, false)
            };
            (term, &rest[end..])
        };
        terms.extend(term);
        rest = after.trim_start();
    }
    // An OR needs a term on each side.
    while terms.first().is_some_and(|t| t == "OR") {
        terms.remove(0);
    }
    while terms.last().is_some_and(|t| t == "OR") {
        terms.pop();
    }
    terms.dedup_by(|a, b| a == "OR" && b == "OR");
    if terms.is_empty() {
        return Err(IndexError::Search {
            text: text.to_string(),
            why: "it holds no word to look for".to_string(),
        });
    }
    Ok(terms.join(" "))
}

/// One FTS5 phrase (a quoted string, so nothing in it is syntax), or `None` for no words.
fn phrase(text: &str, prefix: bool) -> Option<String> {
    let form = search_form(text);
    if form.is_empty() {
        return None;
    }
    Some(format!("\"{}\"{}", form.replace('"', "\"\""), if prefix { "*" } else { "" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_fold_and_strip() {
        let cases = [
            ("الإتفاق", "اتفاق"),
            ("الاتفاق", "اتفاق"),
            ("والاتفاقُ", "اتفاق"),
            ("بالاتفاق", "اتفاق"),
            ("اتفاق", "اتفاق"),
            ("Peskov's remarks", "peskov s remarks"),
            ("Peskov’s", "peskov s"),
            ("José Peña", "jose pena"),
            ("Đặng Thị Ngọc", "đang thi ngoc"),
            ("Straße Ørsted", "straße ørsted"),
            ("كان", "كان"),
            ("والي", "الي"),
            ("قال: «لن نقبل»", "قال لن نقبل"),
        ];
        for (text, want) in cases {
            assert_eq!(search_form(text), want, "{text}");
        }
    }

    /// The form as first written: fold, split at every character that is not a word character.
    fn search_form_by_chars(text: &str) -> String {
        let folded = isnad_text::fold(text);
        let mut out = String::new();
        for word in folded.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            let word = strip_proclitics(word);
            if word.is_ascii() || word.starts_with(is_arabic_letter) {
                out.push_str(word);
            } else {
                push_without_latin_accents(word, &mut out);
            }
        }
        out
    }

    #[test]
    fn byte_split_is_char_split() {
        let texts = [
            "Peskov's remarks, «قال» والاتفاقُ: José Peña (2025) — Đặng_x ٣ Ørsted's",
            "  والي بالاتفاق   Mélenchon «لن نقبل» 'quoted' ",
            "A\u{0301}b ﻻ ـــ عـاجل x\u{200C}y émigré's naïve",
            "",
        ];
        for text in texts {
            assert_eq!(search_form(text), search_form_by_chars(text), "{text}");
        }
        // The project's fixture articles, both languages.
        let mut read = 0;
        for lang in ["ar", "en"] {
            let dir = format!("{}/../../tests/fixtures/{lang}", env!("CARGO_MANIFEST_DIR"));
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "txt") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    assert_eq!(search_form(&text), search_form_by_chars(&text), "{path:?}");
                    read += 1;
                }
            }
        }
        assert!(read > 20, "only {read} fixture articles read");
    }

    /// The proclitic cut as first written: after each of the first four characters, longest first.
    fn strip_proclitics_by_chars(word: &str) -> &str {
        if !word.chars().next().is_some_and(is_arabic_letter) {
            return word;
        }
        let cuts: Vec<usize> = word.char_indices().skip(1).take(4).map(|(i, _)| i).collect();
        for &cut in cuts.iter().rev() {
            if word[cut..].chars().nth(2).is_some() && isnad_text::is_clitic_chain(&word[..cut]) {
                return &word[cut..];
            }
        }
        word
    }

    /// Every word of up to six characters over the clitic letters, a few others (a one-byte, a
    /// three-byte, a mark) and ت, and every word of the fixture articles; for the words of
    /// Arabic-block characters only, the byte cut of `strip_arabic_proclitics` too.
    #[test]
    fn byte_cuts_are_char_cuts() {
        let alphabet = ['و', 'ف', 'ب', 'ل', 'ك', 'س', 'ا', 'ت', 'x', '\u{FEFB}', '\u{064E}'];
        let mut words = vec![String::new()];
        let mut checked = 0;
        for _ in 0..6 {
            let mut longer = Vec::new();
            for w in &words {
                for &c in &alphabet {
                    let mut w = w.clone();
                    w.push(c);
                    assert_eq!(strip_proclitics(&w), strip_proclitics_by_chars(&w), "{w}");
                    if w.chars().all(|c| ('\u{600}'..='\u{6FF}').contains(&c)) {
                        assert_eq!(strip_arabic_proclitics(&w), strip_proclitics(&w), "{w}");
                    }
                    checked += 1;
                    longer.push(w);
                }
            }
            words = longer;
        }
        for lang in ["ar", "en"] {
            let dir = format!("{}/../../tests/fixtures/{lang}", env!("CARGO_MANIFEST_DIR"));
            for entry in std::fs::read_dir(dir).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
                for w in isnad_text::fold(&text).split(|c: char| !is_word_char(c)) {
                    assert_eq!(strip_proclitics(w), strip_proclitics_by_chars(w), "{w}");
                    if w.chars().all(|c| ('\u{600}'..='\u{6FF}').contains(&c)) {
                        assert_eq!(strip_arabic_proclitics(w), strip_proclitics(w), "{w}");
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 1_000_000, "{checked}");
    }

    #[test]
    fn arabic_table_is_word_char() {
        for i in 0..256u32 {
            let c = char::from_u32(0x600 + i).unwrap();
            assert_eq!(ARABIC_WORD_CHAR[i as usize], is_word_char(c), "{c:?}");
        }
    }

    /// A span's slice of the document's folded text gives the span's search form: every span
    /// between two character boundaries of a few kinds of text (whitespace runs, marks, ligatures,
    /// case that grows, accents), and every sentence-sized span of the fixture articles.
    #[test]
    fn folded_span_gives_the_search_form() {
        let texts = [
            "Peskov's  remarks,\n\n «قال» والاتفاقُ:   José Peña (2025) — Đặng_x ٣ Ørsted's",
            " \t والي بالاتفاق \u{00A0} Mélenchon «لن نقبل» 'quoted'  ",
            "A\u{0301}b ﻻ ـــ عـاجل x\u{200C}y émigré's naïve İstanbul ﷲ",
        ];
        let mut checked = 0;
        let mut check_all = |text: &str, starts: usize, ends: usize, most: usize| {
            let norm = isnad_text::normalize(text);
            let bounds: Vec<usize> =
                text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            for (i, &from) in bounds.iter().enumerate().step_by(starts) {
                for &to in bounds[i..].iter().step_by(ends).take(most) {
                    let slice = folded_span(&norm.text, &norm.map, text.len(), from..to).unwrap();
                    let span = &text[from..to];
                    assert_eq!(search_form_of_folded(slice), search_form(span), "{span:?}");
                    checked += 1;
                }
            }
        };
        for text in texts {
            check_all(text, 1, 1, usize::MAX);
        }
        for lang in ["ar", "en"] {
            let dir = format!("{}/../../tests/fixtures/{lang}", env!("CARGO_MANIFEST_DIR"));
            for entry in std::fs::read_dir(dir).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
                check_all(&text, 3, 2, 60);
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    #[test]
    fn queries_are_never_syntax() {
        let cases = [
            ("الاتفاق", Some("\"اتفاق\"")),
            ("Peskov talks", Some("\"peskov\" \"talks\"")),
            ("\"dam talks\" OR السد", Some("\"dam talks\" OR \"السد\"")),
            ("negot*", Some("\"negot\"*")),
            ("NEAR( a\"b", Some("\"near\" \"a b\"")),
            ("OR", None),
            ("«»", None),
        ];
        for (text, want) in cases {
            assert_eq!(fts_query(text).ok().as_deref(), want, "{text}");
        }
    }
}
