//! Cutting folded text into the tokens the date grammar reads.
//!
//! The vocabulary automaton finds every known word or phrase in one pass (with Arabic clitic
//! prefixes); everything between is cut into numbers, unknown words and punctuation. Latin letters
//! glued to digits ("3pm", "15h30", "18q4", "21st") are split from them, so that suffixes are
//! ordinary vocabulary entries.

use crate::vocab::{feat, Sem, Vocab};
use crate::words::{char_at, WordMatch};

/// What a token is.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind<'v> {
    /// ASCII digits: value and number of digits.
    Num(u32, u8),
    /// A vocabulary entry with its senses.
    Lex(&'v [Sem]),
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
    /// The [`feat`] bits of its senses; for a number, [`feat::TRIGGER`].
    pub feat: u64,
}

impl<'v> Tok<'v> {
    pub(crate) fn sems(&self) -> &'v [Sem] {
        match self.kind {
            Kind::Lex(s) => s,
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

/// A letter of a word. Arabic and ASCII are decided by range (the folded text has no diacritics
/// and only ASCII digits), which keeps the scan off the slow Unicode tables; other scripts ask them.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06FA}'..='\u{06FF}' => true,
        '\u{0600}'..='\u{06FF}' => false,
        c => c.is_alphabetic(),
    }
}

/// Buffers [`scan`] reuses from one sentence to the next.
#[derive(Default)]
pub(crate) struct Scratch<'v> {
    matches: Vec<WordMatch>,
    /// The tokens of the last sentence scanned.
    pub toks: Vec<Tok<'v>>,
}

/// Tokens of `text` (already folded), into `scratch.toks`.
pub(crate) fn scan<'v>(text: &str, vocab: &'v Vocab, scratch: &mut Scratch<'v>) {
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
            let prefix = &text[lm.start..lm.word_start];
            let entry = &vocab.values[lm.id as usize];
            out.push(Tok {
                start: lm.start,
                end: lm.end,
                kind: Kind::Lex(&entry.sems),
                feat: entry.feat,
                space,
                conj: prefix.starts_with('و') || prefix.starts_with('ف'),
                al: prefix.ends_with("ال") || prefix.ends_with("لل"),
                clitic: !prefix.is_empty(),
            });
            space = false;
            i = lm.end;
            m += 1;
            continue;
        }
        let (c, len) = char_at(text, i);
        if c == '\n' {
            out.push(Tok { start: i, end: i + 1, kind: Kind::Break, space, conj: false, al: false, clitic: false, feat: 0 });
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
            let mut j = i;
            let mut v: u64 = 0;
            loop {
                while j < text.len() && bytes[j].is_ascii_digit() {
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
            out.push(Tok { start: i, end: j, kind: Kind::Num(v as u32, digits), space, conj: false, al: false, clitic: false, feat: feat::TRIGGER });
            space = false;
            i = j;
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
            // A word that starts in the middle of a longer match was already skipped; here the
            // whole run is unknown unless it is itself an entry (only reached for glued forms).
            let word = &text[i..j];
            // "afternoonish": a known word with the English hedge suffix
            let glued = i > 0 && bytes[i - 1].is_ascii_digit() || bytes.get(j).is_some_and(u8::is_ascii_digit);
            let found = vocab
                .word(word, glued)
                .or_else(|| word.strip_suffix("ish").and_then(|w| vocab.word(w, true)));
            let (kind, pre, feat) = match found {
                Some((e, pre)) => (Kind::Lex(&e.sems), &word[..pre], e.feat),
                None => (Kind::Word, "", 0),
            };
            out.push(Tok {
                start: i,
                end: j,
                kind,
                feat,
                space,
                conj: pre.starts_with('و') || pre.starts_with('ف'),
                al: pre.ends_with("ال") || pre.ends_with("لل"),
                clitic: !pre.is_empty(),
            });
            space = false;
            i = j;
            continue;
        }
        out.push(Tok { start: i, end: i + len, kind: Kind::Punct(c), space, conj: false, al: false, clitic: false, feat: 0 });
        space = false;
        i += len;
    }
}
