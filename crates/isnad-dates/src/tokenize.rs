//! Cutting folded text into the tokens the date grammar reads.
//!
//! The vocabulary's entries are looked up at each word start (with Arabic clitic prefixes), and
//! the longest known word or phrase there becomes one token; everything else is cut into numbers,
//! unknown words (short entries are looked up whole) and punctuation. Latin letters
//! glued to digits ("3pm", "15h30", "18q4", "21st") are split from them, so that suffixes are
//! ordinary vocabulary entries.

use crate::letters::{ascii_letters_end, char_at, is_letter};
use crate::vocab::{Entry, Sense, Vocab, features};
use crate::word_index::WordMatch;

/// What a token is.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind<'v> {
    /// ASCII digits: value and number of digits.
    Num(u32, u8),
    /// A vocabulary entry with its senses (a thin pointer: tokens are made by the million).
    Lex(&'v Entry),
    /// A word the vocabulary does not know.
    Word,
    /// One punctuation or symbol character.
    Punct(char),
    /// A line break: expressions never cross one.
    Break,
}

/// A token of folded text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok<'v> {
    /// Start in folded bytes (clitic prefixes included).
    pub start: usize,
    /// End in folded bytes.
    pub end: usize,
    /// What it is.
    pub kind: Kind<'v>,
    /// Whitespace separates it from the token before.
    pub space: bool,
    /// An Arabic clitic و/ف precedes the word ("وعشرين", "وأمس").
    pub conj: bool,
    /// The Arabic article (ال) or a particle with it precedes the word.
    pub al: bool,
    /// Any clitic prefix (و ف ب ل ك ال) precedes the word.
    pub clitic: bool,
    /// The [`features`] bits of its senses; for a number, [`features::TRIGGER`].
    pub features: u64,
}

impl<'v> Tok<'v> {
    pub(crate) fn senses(&self) -> &'v [Sense] {
        match self.kind {
            Kind::Lex(e) => &e.senses,
            _ => &[],
        }
    }

    pub(crate) fn num(&self) -> Option<(u32, u8)> {
        match self.kind {
            Kind::Num(v, d) => Some((v, d)),
            _ => None,
        }
    }

    pub(crate) fn punct(&self) -> Option<char> {
        match self.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }
}

/// Buffers [`tokenize`] reuses from one sentence to the next.
#[derive(Default)]
pub(crate) struct Scratch<'v> {
    matches: Vec<WordMatch>,
    /// The tokens of the last sentence scanned.
    pub toks: Vec<Tok<'v>>,
}

/// A token with no clitic and no senses.
fn plain<'v>(start: usize, end: usize, kind: Kind<'v>, space: bool) -> Tok<'v> {
    Tok { start, end, kind, space, conj: false, al: false, clitic: false, features: 0 }
}

/// A vocabulary match as a token (its clitic chain is `prefix`).
fn lex<'v>(start: usize, end: usize, entry: &'v Entry, prefix: &str, space: bool) -> Tok<'v> {
    Tok {
        start,
        end,
        kind: Kind::Lex(entry),
        space,
        conj: prefix.starts_with('و') || prefix.starts_with('ف'),
        al: prefix.ends_with("ال") || prefix.ends_with("لل"),
        clitic: !prefix.is_empty(),
        features: entry.features,
    }
}

/// The number token at `i` (an ASCII digit).
fn number<'v>(bytes: &[u8], i: usize, space: bool) -> Tok<'v> {
    let mut j = i;
    let mut v: u64 = 0;
    loop {
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            v = (v * 10 + u64::from(bytes[j] - b'0')).min(u64::from(u32::MAX));
            j += 1;
        }
        // thousands separators: "100,000" is one number, never "100" and "000"
        let group = bytes.get(j) == Some(&b',')
            && bytes.get(j + 1..j + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !bytes.get(j + 4).is_some_and(u8::is_ascii_digit);
        if !group {
            break;
        }
        j += 1;
    }
    let digits = (j - i).min(255) as u8;
    Tok { features: features::TRIGGER, ..plain(i, j, Kind::Num(v as u32, digits), space) }
}

/// The word token of the letter run `text[i..j]` (which no long entry matched).
///
/// (Inlined: returned through the stack, the token was read back before the stores that wrote
/// it had landed, a stall at every word of the text.)
#[inline(always)]
fn word<'v>(text: &str, i: usize, j: usize, vocab: &'v Vocab, space: bool) -> Tok<'v> {
    let bytes = text.as_bytes();
    // A word that starts in the middle of a longer match was already skipped; here the
    // whole run is unknown unless it is itself an entry (only reached for glued forms).
    let word = &text[i..j];
    // "afternoonish": a known word with the English hedge suffix
    let glued =
        i > 0 && bytes[i - 1].is_ascii_digit() || bytes.get(j).is_some_and(u8::is_ascii_digit);
    let found = vocab
        .word(word, glued)
        .or_else(|| word.strip_suffix("ish").and_then(|w| vocab.word(w, true)));
    match found {
        Some((e, pre)) => lex(i, j, e, &word[..pre], space),
        None => plain(i, j, Kind::Word, space),
    }
}

/// Tokens of `text` (already folded), into `scratch.toks`.
///
/// One pass that asks the vocabulary for its long entries at each word start it meets
/// ([`scan_fused`]); where that pass cannot be sure to give what matching the whole text first
/// would ([`scan_matched`], the definition), the latter runs.
/// (Not inlined: inlined into `DatesStage::find_with` it ran some 1.5 M instructions more per
/// MB of English news, a matter of code layout only.)
#[inline(never)]
pub(crate) fn tokenize<'v>(text: &str, vocab: &'v Vocab, scratch: &mut Scratch<'v>) {
    if !(vocab.fusable && scan_fused(text, vocab, &mut scratch.toks)) {
        scan_matched(text, vocab, scratch);
    }
}

/// [`scan_matched`] without the separate matching pass: the long entries are looked up at each
/// word start as the scan reaches it. Exact when no long entry starts with anything but a letter
/// (`Vocab::fusable`): then a match can only start where the scan starts a letter run after a
/// non-word character, which are all the places the matching pass would keep one, except inside
/// a letter run broken by a letter that is not a word character (U+06FD, U+06FE), where this
/// gives up (false) and the caller runs [`scan_matched`].
fn scan_fused<'v>(text: &str, vocab: &'v Vocab, out: &mut Vec<Tok<'v>>) -> bool {
    out.clear();
    let words = &vocab.words;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space = true;
    // the character before `i` is a word character
    let mut after_word = false;
    while i < bytes.len() {
        let b = bytes[i];
        // the commonest characters first: Latin and Arabic letters (none of them is a line
        // break, a space or a digit, so the order of the tests does not matter for them)
        let letter = b.is_ascii_alphabetic()
            || (0xD8..=0xDB).contains(&b) && words.arabic_block(b, bytes[i + 1]).0;
        if !letter {
            if b == b' ' {
                space = true;
                after_word = false;
                i += 1;
                continue;
            }
            let (c, len) = char_at(text, i);
            if c == '\n' {
                out.push(plain(i, i + 1, Kind::Break, space));
                space = true;
                after_word = false;
                i += 1;
                continue;
            }
            if c.is_whitespace() {
                space = true;
                after_word = false;
                i += len;
                continue;
            }
            if c.is_ascii_digit() {
                let t = number(bytes, i, space);
                i = t.end;
                out.push(t);
                space = false;
                after_word = true;
                continue;
            }
            if !is_letter(c) {
                out.push(plain(i, i + len, Kind::Punct(c), space));
                space = false;
                after_word = words.word_char_at(text, i).0;
                i += len;
                continue;
            }
        }
        {
            let mut j = i;
            if b.is_ascii_alphabetic() {
                j = ascii_letters_end(bytes, i + 1);
            } else {
                // non-ASCII letters, stopping at anything else
                while j < bytes.len() {
                    let bj = bytes[j];
                    let (letter, word, l) = if (0xD8..=0xDB).contains(&bj) {
                        let (letter, word) = words.arabic_block(bj, bytes[j + 1]);
                        (letter, word, 2)
                    } else if bj < 0x80 {
                        break;
                    } else {
                        let (ch, l) = char_at(text, j);
                        (is_letter(ch), words.word_char_at(text, j).0, l)
                    };
                    if !letter {
                        break;
                    }
                    if !word {
                        return false;
                    }
                    j += l;
                }
            }
            if !after_word {
                // a word starts here: its long entries, up to the end of its word characters
                let mut e = j;
                while e < bytes.len() {
                    let (w, l) = words.word_char_at(text, e);
                    if !w {
                        break;
                    }
                    e += l;
                }
                if let Some(m) = words.at_word(text, i, e) {
                    out.push(lex(
                        m.start,
                        m.end,
                        &vocab.values[m.id as usize],
                        &text[m.start..m.word_start],
                        space,
                    ));
                    space = false;
                    after_word = words.ends_with_word_char(m.id);
                    i = m.end;
                    continue;
                }
            }
            out.push(word(text, i, j, vocab, space));
            space = false;
            after_word = true;
            i = j;
        }
    }
    true
}

/// Tokens of `text`: the vocabulary's long entries matched over the whole text first
/// ([`crate::word_index::Words::find_all`]), everything between cut into numbers, words and
/// punctuation.
fn scan_matched<'v>(text: &str, vocab: &'v Vocab, scratch: &mut Scratch<'v>) {
    let matches = &mut scratch.matches;
    vocab.words.find_all(text, matches);
    let out = &mut scratch.toks;
    out.clear();
    let bytes = text.as_bytes();
    let mut m = 0;
    let mut i = 0;
    let mut space = true;
    while i < text.len() {
        while m < matches.len() && matches[m].start < i {
            m += 1;
        }
        if m < matches.len() && matches[m].start == i {
            let lm = &matches[m];
            out.push(lex(
                lm.start,
                lm.end,
                &vocab.values[lm.id as usize],
                &text[lm.start..lm.word_start],
                space,
            ));
            space = false;
            i = lm.end;
            m += 1;
            continue;
        }
        let (c, len) = char_at(text, i);
        if c == '\n' {
            out.push(plain(i, i + 1, Kind::Break, space));
            space = true;
            i += 1;
            continue;
        }
        if c == ' ' || c.is_whitespace() {
            space = true;
            i += len;
            continue;
        }
        if c.is_ascii_digit() {
            let t = number(bytes, i, space);
            i = t.end;
            out.push(t);
            space = false;
            continue;
        }
        if is_letter(c) {
            // A word: Latin letters stop at digits; Arabic words run to the next non-letter.
            let latin = c.is_ascii_alphabetic();
            let mut j = i;
            if latin {
                while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                    j += 1;
                }
            } else {
                while j < bytes.len() {
                    let (ch, l) = char_at(text, j);
                    if !is_letter(ch) || ch.is_ascii() {
                        break;
                    }
                    j += l;
                }
            }
            out.push(word(text, i, j, vocab, space));
            space = false;
            i = j;
            continue;
        }
        out.push(plain(i, i + len, Kind::Punct(c), space));
        space = false;
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(t: &Tok<'_>) -> String {
        format!(
            "{}..{} {:?} {} {} {} {} {}",
            t.start, t.end, t.kind, t.space, t.conj, t.al, t.clitic, t.features
        )
    }

    /// The one-pass scan gives the tokens of the definition (or gives up where it must).
    #[test]
    fn fused_scan_agrees_with_matching_first() {
        let holidays =
            crate::holidays::Holidays::parse(include_str!("../data/holidays.tsv")).unwrap();
        let ar = Vocab::build("ar.tsv", include_str!("../data/ar.tsv"), &holidays.names).unwrap();
        let en = Vocab::build("en.tsv", include_str!("../data/en.tsv"), &holidays.names).unwrap();
        assert!(ar.fusable && en.fusable);
        let texts: Vec<&str> = crate::FIXTURE_TEXTS.into_iter().chain([
            "at 3pm, 3 p.m. and 5a.m.x on 12/03 — 100,000 people; 100,000may 2020 café2 may ²may ৩امس",
            "وامس والامس بالامس 3امس امس3 ١٥ مارس ۽امس امس۽ ومارس۾ الخميس الماضي، السبت: 12 فبراير",
            "mid-march, mid march, the 21st, 2nd of may, a quarter past 3, o'clock, 24/7, may-day",
        ])
        .collect();
        for vocab in [&ar, &en] {
            for &text in &texts {
                let text = isnad_text::fold(text);
                for line in text.split(['.', '\n']).chain([text.as_str()]) {
                    let mut slow = Scratch::default();
                    scan_matched(line, vocab, &mut slow);
                    let mut fast = Vec::new();
                    if scan_fused(line, vocab, &mut fast) {
                        let (a, b): (Vec<String>, Vec<String>) =
                            (fast.iter().map(key).collect(), slow.toks.iter().map(key).collect());
                        assert_eq!(a, b, "text: {line}");
                    } else {
                        assert!(line.contains(['\u{06FD}', '\u{06FE}']), "gave up on: {line}");
                    }
                }
            }
        }
    }
}
