//! Names that hold date words: outlets and programmes («صحيفة الفجر», «تركيا اليوم», "The Mail
//! on Sunday", "Sunday With Laura Kuenssberg", "the Today programme"), and in Arabic streets,
//! squares and movements named for a day («شارع 26 يوليو», «حركة 6 أبريل»: the `outlet` class
//! holds their nouns too). An expression found inside one is part of the name, not a date, and
//! the stage drops it.
//!
//! Which words name an outlet is data (`data/{ar,en}-classes.tsv`: `outlet`, `outlet-after`,
//! `title-joiner`, `edition-day`); how a name shows is here, read on the original text (capitals matter):
//! - an outlet noun in the construct state right before the expression, or before the quotation
//!   the expression is in: «صحيفة الفجر», «لصحيفة «الفجر الجديد»», `the newspaper "Today"` (with
//!   the article the noun is no construct: «قالت الصحيفة اليوم» is a date);
//! - an outlet noun right after a capitalised expression: "the Today programme";
//! - a title-case joiner right after the expression, then a capitalised word: "Sunday With
//!   Laura Kuenssberg";
//! - a title opened by a capitalised "The" in the middle of a sentence, one capitalised word,
//!   "on" and the day a weekly edition is named for: "told The Mail on Sunday" ("The President on
//!   Sunday said", at the start of a sentence, stays a date; "told the Mail on Sunday", without
//!   the capital, is still read as a date).

use crate::classes::{Class, WordClasses};
use crate::language::Lang;

/// Arabic one-letter clitics that may come before an outlet noun (لصحيفة، وقناة، بجريدة).
const AR_CLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// Opening and closing quotation marks.
const OPEN_QUOTES: [char; 4] = ['«', '"', '“', '\''];
const CLOSE_QUOTES: [char; 4] = ['»', '"', '”', '\''];

/// How far back (in characters) an opening quotation mark may be for a quoted name.
const QUOTED_NAME_CHARS: usize = 40;

/// Whether `text[s..e]`, a found expression, is part of an outlet's or a programme's name.
pub(crate) fn in_name(text: &str, s: usize, e: usize, lang: Lang, classes: &WordClasses) -> bool {
    let before = &text[..s];
    let after = &text[e..];
    let outlet_before =
        |head: &str| last_word(head).is_some_and(|w| is_outlet_noun(w, lang, classes));
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // «صحيفة الفجر», "the newspaper Today": the noun right before (in English, before a
    // capitalised name: "the newspaper on Sunday" is a date)
    if outlet_before(before) && (lang != Lang::En || capitalised(&text[s..e])) {
        return true;
    }
    // «صحيفة «الفجر الجديد»», «صحيفة «تركيا اليوم»»: the noun before the quotation
    if let Some(q) = open_quote_before(before) {
        let inside_closes =
            after.chars().take(QUOTED_NAME_CHARS).any(|c| CLOSE_QUOTES.contains(&c));
        if inside_closes && outlet_before(&before[..q]) {
            return true;
        }
    }
    if lang != Lang::En {
        return false;
    }
    // (a name's next word comes after a space: "Sunday, With…" is no title)
    if after.starts_with(' ') {
        let mut next = after.split_whitespace();
        let (n1, n2) = (next.next().map(trim_punct), next.next().map(trim_punct));
        // "the Today programme"
        if text[s..e].split_whitespace().last().is_some_and(capitalised)
            && n1.is_some_and(|w| has_en(w, Class::OutletAfter, classes))
        {
            return true;
        }
        // "Sunday With Laura Kuenssberg"
        if let (Some(j), Some(w)) = (n1, n2)
            && capitalised(j)
            && has_en(j, Class::TitleJoiner, classes)
            && capitalised(w)
        {
            return true;
        }
    }
    // "told The Mail on Sunday"
    text[s..e]
        .split_whitespace()
        .last()
        .is_some_and(|w| has_en(trim_punct(w), Class::EditionDay, classes))
        && mid_sentence_title(text, s, e)
}

/// Whether the expression ("on Sunday", or "Sunday" after "on") ends a title opened by a
/// capitalised "The" in mid-sentence over one capitalised word: "told The Mail on Sunday" (the
/// Sunday editions' names; "an article in The New York Times on Friday" is a date, and so,
/// wrongly, would be "The Times on Sunday" read as a name).
fn mid_sentence_title(text: &str, s: usize, e: usize) -> bool {
    let head = if text[s..e].starts_with("on ") {
        &text[..s]
    } else {
        match text[..s].strip_suffix("on ") {
            Some(h) => h,
            None => return false,
        }
    };
    // the capitalised words before "on", back to "The"
    let mut words = head.trim_end().rsplit(' ');
    let mut names = 0;
    for w in words.by_ref() {
        if w == "The" {
            break;
        }
        if names == 1 || !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        names += 1;
    }
    if names == 0 {
        return false;
    }
    // "The" in mid-sentence: a word before it that does not end a sentence
    words.next().is_some_and(|w| !w.is_empty() && !w.ends_with(['.', '!', '?', '\n', '"', '”']))
}

/// The last word of `head` (after spaces and an opening quotation mark), if `head` ends with one.
fn last_word(head: &str) -> Option<&str> {
    let head = head.trim_end();
    let head = head.strip_suffix(OPEN_QUOTES).unwrap_or(head).trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &head[start..];
    (!w.is_empty()).then_some(w)
}

/// Where the quotation that `before` is inside of opens (the byte of its mark), if one opens
/// within [`QUOTED_NAME_CHARS`] characters and does not close again.
fn open_quote_before(before: &str) -> Option<usize> {
    // (most expressions have no quotation mark near them: a look at the bytes first, « and “
    // beginning with C2 and E2)
    let window = &before.as_bytes()[before.len().saturating_sub(2 * QUOTED_NAME_CHARS)..];
    if !window.iter().any(|&b| matches!(b, b'"' | 0xC2 | 0xE2)) {
        return None;
    }
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if n >= QUOTED_NAME_CHARS || c == '\n' {
            return None;
        }
        if OPEN_QUOTES.contains(&c) && c != '\'' {
            return Some(i);
        }
        if CLOSE_QUOTES.contains(&c) {
            return None;
        }
    }
    None
}

/// Whether `w` is an outlet noun in the construct state (with its clitics, without the article).
fn is_outlet_noun(w: &str, lang: Lang, classes: &WordClasses) -> bool {
    if lang == Lang::En {
        return has_en(w, Class::Outlet, classes);
    }
    let folded = isnad_text::fold(w);
    if classes.has(&folded, Class::Outlet) {
        return true;
    }
    // one or two clitics: لصحيفة، ولصحيفة
    let mut rest = folded.as_str();
    for _ in 0..2 {
        let Some(c) = rest.chars().next().filter(|c| AR_CLITICS.contains(c)) else { break };
        rest = &rest[c.len_utf8()..];
        if classes.has(rest, Class::Outlet) {
            return true;
        }
    }
    false
}

/// Whether the English word `w` (any case) is of `class`, without allocating: the words of the
/// classes asked here are short and ASCII, so a longer or non-ASCII word is of none.
fn has_en(w: &str, class: Class, classes: &WordClasses) -> bool {
    let mut buf = [0u8; 16];
    if w.len() > buf.len() || !w.is_ascii() {
        return false;
    }
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|l| classes.has(l, class))
}

fn trim_punct(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_word_skips_spaces_and_an_opening_quote() {
        assert_eq!(last_word("قالت صحيفة «"), Some("صحيفة"));
        assert_eq!(last_word("the newspaper \""), Some("newspaper"));
        assert_eq!(last_word(""), None);
    }

    #[test]
    fn a_quotation_opens_before_only_when_not_closed() {
        assert_eq!(open_quote_before("صحيفة «تركيا "), Some("صحيفة ".len()));
        assert_eq!(open_quote_before("«كلام» ثم "), None);
    }
}
