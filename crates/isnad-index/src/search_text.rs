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
///
/// Words are cut byte by byte where the folded text is ASCII (a letter or digit goes on the word,
/// anything else ends it) and by [`is_word_char`] elsewhere: this runs on every claim `isnad
/// index` writes, and splitting by a character predicate was most of its time on English.
pub fn search_form(text: &str) -> String {
    let folded = isnad_text::fold(text);
    let bytes = folded.as_bytes();
    let mut out = String::with_capacity(folded.len());
    let mut start: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let (in_word, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = folded[at..].chars().next().expect("at is a char boundary");
            (is_word_char(c), c.len_utf8())
        };
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                push_word(&folded[from..at], &mut out);
                start = None;
            }
            _ => {}
        }
        at += len;
    }
    if let Some(from) = start {
        push_word(&folded[from..], &mut out);
    }
    out
}

/// Pushes one folded word of a search form, after a space when it is not the first.
fn push_word(word: &str, out: &mut String) {
    if !out.is_empty() {
        out.push(' ');
    }
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
    // A chain is at most four letters (و + ب + ال). The cuts after each of the first four
    // letters, in a fixed array: this runs for every Arabic word of every claim.
    let mut cuts = [0usize; 4];
    let mut n = 0;
    for (i, _) in word.char_indices().skip(1).take(4) {
        cuts[n] = i;
        n += 1;
    }
    for &cut in cuts[..n].iter().rev() {
        if word[cut..].chars().nth(2).is_some() && isnad_text::is_clitic_chain(&word[..cut]) {
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
