//! Paragraphs, sentences and tokens.

use std::sync::LazyLock;

use isnad_core::{Block, Normalized, Paragraph, Sentence, Span, Token, TokenKind};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::chars::{is_alphanumeric, is_arabic_letter, is_digit, is_space, is_word_char};
use crate::lexicon::{Lexicon, is_clitic_chain};
use crate::normalize::{first_folded_word, fold};

/// Characters that end a sentence. The Arabic comma does not: Arabic news runs whole arguments
/// together with commas, and a reporting verb is often separated from its content by one.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…' | '।')
}

/// Closing marks that stay with the sentence they close (`."`, `.»`, `?)`).
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '“')
}

/// What an English abbreviation's period may mean (`data/en-abbreviations.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Abbreviation {
    /// Never ends a sentence ("Mr. Smith").
    Inside,
    /// Ends one before a sentence starter ("… in the U.S. He said"), not before other words.
    MayEnd,
    /// "No." and "Nos.": "number" before a digit, the word "no" elsewhere.
    Number,
}

/// English words that take a period without ending a sentence, by [`abbreviation_key`].
static ABBREVIATIONS: LazyLock<FxHashMap<u64, Abbreviation>> = LazyLock::new(|| {
    let mut map = FxHashMap::default();
    for (line, f) in crate::data::lines(include_str!("../data/en-abbreviations.tsv")) {
        let kind = match f.get(1).copied() {
            Some("inside") => Abbreviation::Inside,
            Some("may-end") => Abbreviation::MayEnd,
            Some("number") => Abbreviation::Number,
            other => panic!(
                "data/en-abbreviations.tsv:{line}: kind {other:?} is not one of inside, may-end, number"
            ),
        };
        let key = abbreviation_key(f[0])
            .filter(|_| f[0].bytes().all(|b| b.is_ascii_lowercase() || b == b'.'))
            .unwrap_or_else(|| {
                panic!("data/en-abbreviations.tsv:{line}: {:?} is not lower-case ASCII of at most 8 bytes", f[0])
            });
        map.insert(key, kind);
    }
    map
});

/// A lower-case word of at most eight bytes packed into a number: the key of [`ABBREVIATIONS`]
/// (one multiply to hash, one comparison to match, where a string key would hash and compare
/// bytes: this is asked at every period of English text). `None` for longer words, which are no
/// abbreviation.
fn abbreviation_key(lower: &str) -> Option<u64> {
    let bytes = lower.as_bytes();
    let mut key = [0u8; 8];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u64::from_le_bytes(key))
}

/// Words that typically open an English sentence, for abbreviations that may also end one.
static SENTENCE_STARTERS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    crate::data::lines(include_str!("../data/en-sentence-starters.tsv"))
        .map(|(_, f)| f[0].to_string())
        .collect()
});

static BLOCK_MARKERS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    let entries =
        crate::data::lines(include_str!("../data/blocks.tsv")).map(|(_, f)| (f[0].to_string(), ()));
    Lexicon::new(entries).expect("data/blocks.tsv is a valid lexicon")
});

/// The first word of each block marker once folded (its leading run of word characters), for a
/// quick test before folding a paragraph's start and searching it for markers. `None` when some
/// marker does not start with a word character (then the test cannot be made).
static MARKER_FIRST_WORDS: LazyLock<Option<FxHashSet<String>>> = LazyLock::new(|| {
    let mut words = FxHashSet::default();
    for (_, f) in crate::data::lines(include_str!("../data/blocks.tsv")) {
        let folded = fold(f[0]);
        let end = folded.find(|c: char| !is_word_char(c)).unwrap_or(folded.len());
        if end == 0 {
            return None;
        }
        words.insert(folded[..end].to_string());
    }
    Some(words)
});

/// Splits `text` into paragraphs: non-blank lines, trimmed, with their block and heading flags.
///
/// A paragraph starting with a related-content marker (`data/blocks.tsv`) is furniture; when the
/// marker stands alone it heads a list and the rest of the document is furniture too.
pub fn paragraphs(text: &str, detect_blocks: bool) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut rest_related = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed_start = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        let s = start + trimmed_start;
        let span = Span::in_text(text, s, s + body.len()).expect("line trimmed on char boundaries");
        let mut block = if rest_related { Block::Related } else { Block::Main };
        if detect_blocks && !rest_related {
            match marker(body) {
                Some(MarkerScope::Rest) => {
                    rest_related = true;
                    block = Block::Related;
                }
                Some(MarkerScope::Line) => block = Block::Related,
                None => {}
            }
        }
        out.push(Paragraph { span, block, heading: is_heading(body) });
    }
    out
}

#[derive(Debug, PartialEq, Eq)]
enum MarkerScope {
    Line,
    Rest,
}

fn marker(body: &str) -> Option<MarkerScope> {
    let lead = body.trim_start_matches(|c: char| !is_word_char(c));
    // Markers are short: fold only the start of the line, not the whole paragraph.
    let mut cut = lead.len().min(80);
    while !lead.is_char_boundary(cut) {
        cut -= 1;
    }
    if !may_start_with_marker(lead, cut) {
        return None;
    }
    marker_at(lead, cut)
}

/// [`marker`] after the quick test: folds the start of the line and looks.
fn marker_at(lead: &str, cut: usize) -> Option<MarkerScope> {
    let folded = fold(&lead[..cut]);
    if cut < lead.len() && folded.len() < 60 {
        // A marker cut off at 80 bytes cannot be complete and alone on its line; fall back.
        return marker_folded(&fold(lead));
    }
    marker_folded(&folded)
}

/// False when no marker can match at the start of `fold(lead)` (or of `fold(&lead[..cut])`): a match
/// there that [`marker_folded`] accepts begins the folded text with a whole word made of a clitic
/// chain (possibly empty) and the marker's first word, so the first folded word must end with one
/// of [`MARKER_FIRST_WORDS`] after a clitic chain. Most paragraphs are ruled out without folding.
fn may_start_with_marker(lead: &str, cut: usize) -> bool {
    let Some(first_words) = MARKER_FIRST_WORDS.as_ref() else {
        return true;
    };
    let mut buf = [0u8; 96];
    let Some(len) = first_folded_word(lead, cut, &mut buf) else {
        return true;
    };
    let word = std::str::from_utf8(&buf[..len]).expect("whole characters");
    // The word is a clitic chain and then a marker's first word: try each cut whose head is a
    // chain (the empty one first; chains are a few letters, so few cuts get to the lookup).
    (0..=word.len())
        .filter(|&k| word.is_char_boundary(k))
        .any(|k| is_clitic_chain(&word[..k]) && first_words.contains(&word[k..]))
}

fn marker_folded(folded: &str) -> Option<MarkerScope> {
    let m = BLOCK_MARKERS.find_all(folded).into_iter().next()?;
    if m.start != 0 {
        return None;
    }
    let after = folded[m.end..].trim_start();
    let mut chars = after.chars();
    match chars.next() {
        None => Some(MarkerScope::Rest),
        Some(':' | '-' | '–' | '—' | '|' | '.' | '»' | '>' | '：') => {
            let tail =
                after.trim_start_matches([':', '-', '–', '—', '|', '.', '»', '>', '：', ' ']);
            if tail.is_empty() { Some(MarkerScope::Rest) } else { Some(MarkerScope::Line) }
        }
        Some(_) => None,
    }
}

/// A line that reads as a headline, label or list item title: short and without final punctuation.
fn is_heading(body: &str) -> bool {
    let last = body.trim_end_matches(|c: char| c.is_whitespace()).chars().next_back();
    // The last character first: most paragraphs end in punctuation and need no word count. Only
    // "at most 14" matters: stop counting at 15.
    !last.is_some_and(|c| {
        is_terminal(c) || matches!(c, ':' | '،' | ',' | '"' | '\'' | '»' | '”' | '’')
    }) && count_words(body, 15) <= 14
}

/// `s.split_whitespace().take(max).count()`, on the bytes: ASCII whitespace is decided by value,
/// and only characters with a lead byte that starts some Unicode whitespace (C2 for U+0085 and
/// U+00A0, E1, E2, E3 for U+1680, U+2000–U+205F, U+3000) are decoded; continuation bytes
/// belong to the character before them.
fn count_words(s: &str, max: usize) -> usize {
    let bytes = s.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    for (i, &b) in bytes.iter().enumerate() {
        let space = match b {
            b' ' | b'\t'..=b'\r' => true,
            0x80..=0xBF => continue,
            0xC2 | 0xE1..=0xE3 => is_space(char_at(s, i).0),
            _ => false,
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words == max {
                break;
            }
        }
    }
    words
}

/// Splits each paragraph into sentences.
pub fn sentences(text: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let body = p.span.slice(text);
        let bytes = body.as_bytes();
        let base = p.span.start();
        let mut start = 0;
        let mut i = 0;
        let mut terminals = Terminals::new(body);
        while let Some((at, c)) = terminals.next_from(i) {
            isnad_core::work::tick();
            i = at;
            // Take the run of terminal marks and closers ("?!", "...", '."').
            let mut end = i + c.len_utf8();
            while end < bytes.len() {
                let (d, len) = char_at(body, end);
                if is_terminal(d) || is_closer(d) {
                    end += len;
                } else {
                    break;
                }
            }
            let next_at = i;
            i = end;
            let next = body[end..].chars().next();
            if next.is_some_and(|n| !n.is_whitespace())
                && !glued_arabic_sentence(&body[..next_at], &body[end..])
            {
                continue; // "3.5", "U.S.", "example.com", "العربية.نت"
            }
            let after = body[end..].trim_start();
            // '"Go!" she said.': a lower-case continuation is never a new sentence.
            if after.starts_with(char::is_lowercase) {
                continue;
            }
            if c == '.' && !ends_sentence_at_period(&body[start..next_at], after) {
                continue;
            }
            push_sentence(text, &mut out, base + start, base + end, pi);
            start = end;
        }
        push_sentence(text, &mut out, base + start, base + body.len(), pi);
    }
    out
}

fn push_sentence(text: &str, out: &mut Vec<Sentence>, start: usize, end: usize, paragraph: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if body.is_empty() {
        return;
    }
    let span = Span::in_text(text, start + lead, start + lead + body.len())
        .expect("trimmed on boundaries");
    out.push(Sentence { span, paragraph });
}

/// A terminal mark glued between two Arabic words, as careless typing leaves it ("خطيرا.وقال"):
/// a sentence end when both sides are Arabic words and the next one is longer than two letters
/// (which keeps domain-like names such as "العربية.نت" together).
fn glued_arabic_sentence(before: &str, after: &str) -> bool {
    if !before.chars().next_back().is_some_and(is_arabic_letter) {
        return false;
    }
    let mut letters = 0;
    for c in after.chars().take_while(|&c| is_word_char(c)) {
        if !is_arabic_letter(c) && c.is_alphabetic() {
            return false;
        }
        letters += 1;
    }
    letters > 2
}

/// Decides whether a period after `before` ends the sentence, given the text after it.
fn ends_sentence_at_period(before: &str, after: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_alphanumeric(c) || c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    // The word lower-cased, when that can be an abbreviation (all of which are short ASCII): short
    // ASCII words in a stack buffer; words with the Kelvin sign the Unicode way (the one non-ASCII
    // character that lower-cases to ASCII only); `None` for the rest, which cannot be one.
    let mut buf = [0u8; 16];
    let owned;
    let lower: Option<&str> = if word.is_ascii() {
        (word.len() <= buf.len()).then(|| {
            buf[..word.len()].copy_from_slice(word.as_bytes());
            buf[..word.len()].make_ascii_lowercase();
            std::str::from_utf8(&buf[..word.len()]).expect("ASCII")
        })
    } else if word.contains('\u{212A}') {
        owned = word.to_lowercase();
        Some(&owned)
    } else {
        None
    };
    let next = after.chars().next();
    // A lower-case continuation is never a new English sentence.
    if next.is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    if let Some(kind) = lower.and_then(abbreviation_key).and_then(|key| ABBREVIATIONS.get(&key)) {
        return match kind {
            // "No. 3", "Nos. 4 and 5" go on; "the candidate said no. But he …" ends: "no"
            // abbreviates "number" only before one.
            Abbreviation::Number => !after.trim_start().starts_with(|c: char| c.is_ascii_digit()),
            // "Mr. Smith" goes on: an abbreviation before a capital is far more often a title.
            Abbreviation::Inside => false,
            // "… in the U.S. He said" ends before a word that typically starts a sentence; "U.S.
            // Army" and "Acme Inc. Chairman" go on.
            Abbreviation::MayEnd => {
                let next_word = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                SENTENCE_STARTERS.contains(next_word)
            }
        };
    }
    // An initial or a one-letter abbreviation: one Latin capital ("J. Smith") or one Arabic letter
    // ("د. بول مرقص" for الدكتور, "م. أحمد" for المهندس).
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && (c.is_ascii_uppercase() || is_arabic_letter(c))
    {
        return false;
    }
    true
}

/// Finds the sentence-ending characters ([`is_terminal`]) of one paragraph in order, with
/// vectorised byte searches (`memchr3`) rather than a walk over every character.
///
/// The terminal marks are ASCII (`.` `!` `?`), or end in a byte that is rare in Arabic text
/// (U+061B is D8 9B, U+061F is D8 9F), or start with a lead byte rare in both languages (U+2026
/// is E2 80 A6, U+0964 is E0 A5 A4). Each group is searched on its own and the nearest hit wins;
/// hits of the rare bytes that are not terminal marks are skipped.
struct Terminals<'a> {
    bytes: &'a [u8],
    /// Next hit of `.` `!` `?` at or after the last position asked for (`len` when none).
    ascii: usize,
    /// Next hit of 0x9B, 0x9F or 0xE2.
    rare: usize,
    /// Next hit of 0xE0.
    e0: usize,
    /// Where the cached hits were searched from.
    from: usize,
}

impl<'a> Terminals<'a> {
    fn new(s: &'a str) -> Terminals<'a> {
        let mut t = Terminals { bytes: s.as_bytes(), ascii: 0, rare: 0, e0: 0, from: 0 };
        t.search_all(0);
        t
    }

    fn search_all(&mut self, from: usize) {
        let (bytes, len) = (self.bytes, self.bytes.len());
        self.ascii = memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map_or(len, |i| from + i);
        self.rare = memchr::memchr3(0x9B, 0x9F, 0xE2, &bytes[from..]).map_or(len, |i| from + i);
        self.e0 = memchr::memchr(0xE0, &bytes[from..]).map_or(len, |i| from + i);
        self.from = from;
    }

    /// The first terminal mark at or after byte `from` (a char boundary), with its position.
    fn next_from(&mut self, mut from: usize) -> Option<(usize, char)> {
        let bytes = self.bytes;
        let len = bytes.len();
        if from < self.from {
            // Asked to go back: search afresh.
            self.search_all(from);
        }
        self.from = from;
        loop {
            if self.ascii < from {
                self.ascii =
                    memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map_or(len, |i| from + i);
            }
            if self.rare < from {
                self.rare =
                    memchr::memchr3(0x9B, 0x9F, 0xE2, &bytes[from..]).map_or(len, |i| from + i);
            }
            if self.e0 < from {
                self.e0 = memchr::memchr(0xE0, &bytes[from..]).map_or(len, |i| from + i);
            }
            let at = self.ascii.min(self.rare).min(self.e0);
            if at >= len {
                return None;
            }
            let found = match bytes[at] {
                b'.' => Some((at, '.')),
                b'!' => Some((at, '!')),
                b'?' => Some((at, '?')),
                0x9B if at > from && bytes[at - 1] == 0xD8 => Some((at - 1, '؛')),
                0x9F if at > from && bytes[at - 1] == 0xD8 => Some((at - 1, '؟')),
                0xE2 if bytes[at + 1..].starts_with(&[0x80, 0xA6]) => Some((at, '…')),
                0xE0 if bytes[at + 1..].starts_with(&[0xA5, 0xA4]) => Some((at, '।')),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
            // A rare byte that is not a terminal mark: search on after it.
            from = at + 1;
            self.from = from;
        }
    }
}

/// The first sentence-ending character at or after byte `from` of `s` (for tests: the stateful
/// [`Terminals`] does the work).
#[cfg(test)]
fn next_terminal(s: &str, from: usize) -> Option<(usize, char)> {
    Terminals::new(s).next_from(from)
}

/// The character starting at byte `i` of `s` (a char boundary below the end) and its length,
/// decoded from the bytes (which are valid UTF-8, `s` being a `str`).
#[inline(always)]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes();
    let b0 = b[i];
    let (cp, len) = if b0 < 0x80 {
        return (b0 as char, 1);
    } else if b0 < 0xE0 {
        (((b0 as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        (((b0 as u32 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F), 3)
    } else {
        let cp = ((b0 as u32 & 0x07) << 18)
            | ((b[i + 1] as u32 & 0x3F) << 12)
            | ((b[i + 2] as u32 & 0x3F) << 6)
            | (b[i + 3] as u32 & 0x3F);
        (cp, 4)
    };
    (char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER), len)
}

/// Splits the text of each paragraph into tokens and links them to the folded text.
pub fn tokens(text: &str, paragraphs: &[Paragraph], norm: &Normalized) -> Vec<Token> {
    // News text has a token every 5 to 6 bytes in English (spaces and punctuation included) and
    // every 6 to 7 in Arabic: reserving for one every 4 avoids growing (and copying) the vector
    // on nearly every document, for a few kilobytes of slack.
    let mut out = Vec::with_capacity(text.len() / 4 + 8);
    let mut folded = MapCursor::new(&norm.map);
    for p in paragraphs {
        let body = p.span.slice(text);
        let len = body.len();
        let base = p.span.start();
        let mut i = 0;
        while i < len {
            isnad_core::work::tick();
            let (c, clen) = char_at(body, i);
            if is_space(c) {
                i += clen;
                continue;
            }
            let kind;
            let mut end = i + clen;
            if is_digit(c) {
                kind = TokenKind::Number;
                while end < len {
                    let (d, dlen) = char_at(body, end);
                    // Digits, and separators between digits ("3.5", "12:30", "1,000", "١٢٫٥").
                    let separator = matches!(d, '.' | ',' | ':' | '/' | '٫' | '٬')
                        && body[end + dlen..].chars().next().is_some_and(is_digit);
                    if is_digit(d) || separator {
                        end += dlen;
                    } else {
                        break;
                    }
                }
            } else if is_word_char(c) {
                kind = TokenKind::Word;
                let latin_start = !is_arabic_letter(c);
                let bytes = body.as_bytes();
                while end < len {
                    // Fast path for the letters that make up nearly all words: ASCII letters, and
                    // U+0621–U+065F (letters, tatweel and harakat), all word characters and not
                    // digits. Anything else takes the general rule below.
                    // (One test for both lead bytes D8 and D9: the letters alternate between them
                    // unpredictably.)
                    let b = bytes[end];
                    if b.is_ascii_alphabetic() {
                        end += 1;
                        // Then eight bytes at a time while they are ASCII letters (most English
                        // words end within one step, without a mispredicted branch per letter;
                        // Arabic words never get here).
                        while let Some(chunk) = bytes.get(end..end + 8) {
                            let n = ascii_letters_prefix(u64::from_le_bytes(
                                chunk.try_into().expect("eight bytes"),
                            ));
                            end += n;
                            if n < 8 {
                                break;
                            }
                        }
                        continue;
                    }
                    // Any other ASCII character but a joiner ends the word: the rule below takes
                    // only word characters that are not digits, and in ASCII those are letters.
                    if b < 0x80 && b != b'\'' && b != b'-' {
                        break;
                    }
                    if b & 0xFE == 0xD8 && end + 1 < len {
                        // The code point minus U+0600.
                        let low = (u32::from(b & 1) << 6) | u32::from(bytes[end + 1] & 0x3F);
                        if low.wrapping_sub(0x21) <= 0x5F - 0x21 {
                            end += 2;
                            continue;
                        }
                    }
                    let (d, dlen) = char_at(body, end);
                    let take = if matches!(d, '\'' | '’' | '-' | '\u{200C}') {
                        // A joiner (never a word character itself) inside a non-Arabic word.
                        latin_start
                            && body[end + dlen..]
                                .chars()
                                .next()
                                .is_some_and(|n| n.is_alphabetic() && !is_arabic_letter(n))
                    } else {
                        is_word_char(d) && !is_digit(d)
                    };
                    if take {
                        end += dlen;
                    } else {
                        break;
                    }
                }
            } else if c.is_ascii_punctuation() || is_punct(c) {
                kind = TokenKind::Punct;
            } else {
                kind = TokenKind::Symbol;
            }
            let span = Span::new(base + i, base + end).expect("start before end");
            debug_assert!(span.check(text).is_ok(), "token on char boundaries");
            let ns = folded.first_at_or_after(span.start());
            let ne = folded.first_at_or_after(span.end()).max(ns);
            let ne = ne.min(norm.text.len());
            let form = &norm.text[ns..ne];
            let clitic_max = if kind == TokenKind::Word && form.starts_with(is_arabic_letter) {
                clitic_max(form)
            } else {
                0
            };
            out.push(Token { span, norm: (ns as u32, ne as u32), kind, clitic_max });
            i = end;
        }
    }
    out
}

/// How many of the eight bytes of `w` (in memory order) are ASCII letters before the first that
/// is not: 8 when all are. SWAR: each byte with its high bit cleared and the case bit set is
/// compared with `a` and `{` by adding to it (no carry leaves a byte, as it stays below 0x80),
/// and bytes with the high bit set (non-ASCII) never count.
#[inline(always)]
fn ascii_letters_prefix(w: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let x = (w & !HIGH) | (ONES * 0x20);
    let at_least_a = x + ONES * (0x80 - u64::from(b'a'));
    let past_z = x + ONES * (0x80 - u64::from(b'{'));
    let letters = at_least_a & !past_z & !w & HIGH;
    ((!letters & HIGH).trailing_zeros() / 8) as usize
}

/// Finds `map.partition_point(|&o| o < offset)` for offsets that mostly grow, by walking forward
/// from the previous answer instead of searching the whole map for every token (the map is sorted:
/// folded text keeps the order of the original).
struct MapCursor<'a> {
    map: &'a [u32],
    /// The previous answer.
    at: usize,
    /// `map[at]` (`usize::MAX` at the end) and `map[at - 1]` (0 at the start), kept so that the
    /// next call does not wait for loads that depend on `at`.
    here: usize,
    prev: usize,
}

impl<'a> MapCursor<'a> {
    fn new(map: &'a [u32]) -> MapCursor<'a> {
        let mut cursor = MapCursor { map, at: 0, here: 0, prev: 0 };
        cursor.refresh();
        cursor
    }

    fn refresh(&mut self) {
        self.here = self.map.get(self.at).map_or(usize::MAX, |&o| o as usize);
        self.prev = if self.at > 0 { self.map[self.at - 1] as usize } else { 0 };
    }

    #[inline(always)]
    fn first_at_or_after(&mut self, offset: usize) -> usize {
        let map = self.map;
        if self.at > 0 && self.prev >= offset {
            // Went back (paragraphs out of order): search afresh.
            self.at = map.partition_point(|&o| (o as usize) < offset);
            self.refresh();
            return self.at;
        }
        // Everything before `at` is below `offset`.
        if self.here >= offset {
            return self.at;
        }
        // Where folding kept byte lengths since `at` (most text), the answer is `offset` bytes on.
        let guess = self.at + (offset - self.here);
        if guess < map.len() {
            let (here, prev) = (map[guess] as usize, map[guess - 1] as usize);
            if here >= offset && prev < offset {
                (self.at, self.here, self.prev) = (guess, here, prev);
                return guess;
            }
        }
        self.gallop(offset)
    }

    /// Gallops forward from `at`, then finishes with a binary search in the last step.
    #[inline(never)]
    fn gallop(&mut self, offset: usize) -> usize {
        let map = self.map;
        let mut step = 1;
        let mut lo = self.at;
        while lo + step <= map.len() && (map[lo + step - 1] as usize) < offset {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step).min(map.len());
        self.at = lo + map[lo..hi].partition_point(|&o| (o as usize) < offset);
        self.refresh();
        self.at
    }
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '،' | '؛'
            | '؟'
            | '«'
            | '»'
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '…'
            | '–'
            | '—'
            | '٪'
            | '•'
            | '·'
    ) || c.is_ascii_punctuation()
}

/// The longest clitic chain a folded Arabic word may start with, leaving at least two letters.
///
/// On the bytes: every letter of a chain (و ف ب ل ك س, and ا ل of the article) is two bytes, so
/// the prefixes to try end at bytes 2, 4, 6 and 8, and none longer than the first letter that
/// cannot be in a chain.
fn clitic_max(folded: &str) -> u8 {
    let b = folded.as_bytes();
    let mut best = 0;
    let mut at = 0;
    while at < 8 {
        if !matches!(
            b.get(at..at + 2),
            Some([0xD9, 0x88 | 0x81 | 0x84 | 0x83] | [0xD8, 0xA8 | 0xB3 | 0xA7])
        ) {
            break;
        }
        at += 2;
        // At least two characters must follow the prefix.
        let rest = &b[at..];
        let first_len = match rest.first() {
            None => break,
            Some(&lead) if lead < 0x80 => 1,
            Some(&lead) if lead < 0xE0 => 2,
            Some(&lead) if lead < 0xF0 => 3,
            Some(_) => 4,
        };
        if rest.len() <= first_len {
            break;
        }
        if is_clitic_chain(&folded[..at]) {
            best = at;
        }
    }
    best as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn sents(text: &str) -> Vec<&str> {
        let ps = paragraphs(text, true);
        sentences(text, &ps).iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn english_sentences() {
        assert_eq!(
            sents(
                "Mr. Smith paid $3.50 in the U.S. on Jan. 5. He left. \"Go!\" she said. J. Doe agreed."
            ),
            vec![
                "Mr. Smith paid $3.50 in the U.S. on Jan. 5.",
                "He left.",
                "\"Go!\" she said.",
                "J. Doe agreed."
            ]
        );
        assert_eq!(
            sents("Troops left the U.S. He said the U.S. Army and Acme Inc. Chairman Lee agreed."),
            vec![
                "Troops left the U.S.",
                "He said the U.S. Army and Acme Inc. Chairman Lee agreed."
            ]
        );
        assert_eq!(
            sents("Asked about it, he said no. But he backed Resolution No. 4 and Nos. 5 and 6."),
            vec!["Asked about it, he said no.", "But he backed Resolution No. 4 and Nos. 5 and 6."]
        );
    }

    #[test]
    fn arabic_sentences() {
        assert_eq!(
            sents("قال بيسكوف، إن الاتصال مهم. وأضاف: «سنتحدث عن السلام»؛ ثم غادر؟ نعم\nسطر جديد"),
            vec![
                "قال بيسكوف، إن الاتصال مهم.",
                "وأضاف: «سنتحدث عن السلام»؛",
                "ثم غادر؟",
                "نعم",
                "سطر جديد"
            ]
        );
        assert_eq!(
            sents(
                "لفت الوزير د. بول مرقص إلى أن الوضع خطير.وقال المصدر إن موقع العربية.نت نشر الخبر."
            ),
            vec![
                "لفت الوزير د. بول مرقص إلى أن الوضع خطير.",
                "وقال المصدر إن موقع العربية.نت نشر الخبر."
            ]
        );
    }

    #[test]
    fn related_blocks() {
        let text = "قال الوزير إن الأمر مهم.\nاقرأ أيضا: عنوان آخر\nوأضاف أنه سيعود.\nإقرأ أيضاً:\nعنوان\nعنوان ثان";
        let blocks: Vec<Block> = paragraphs(text, true).iter().map(|p| p.block).collect();
        use Block::*;
        assert_eq!(blocks, vec![Main, Related, Main, Related, Related, Related]);
    }

    #[test]
    fn tokens_with_clitics() {
        let text = "وقال بيسكوف: ١٢٫٥% U.S.-backed don't";
        let ps = paragraphs(text, true);
        let n = normalize(text);
        let toks = tokens(text, &ps, &n);
        let shown: Vec<(&str, &str, u8)> = toks
            .iter()
            .map(|t| {
                (t.span.slice(text), &n.text[t.norm.0 as usize..t.norm.1 as usize], t.clitic_max)
            })
            .collect();
        assert_eq!(
            shown,
            vec![
                ("وقال", "وقال", 2),
                ("بيسكوف", "بيسكوف", 2),
                (":", ":", 0),
                ("١٢٫٥", "12٫5", 0),
                ("%", "%", 0),
                ("U", "u", 0),
                (".", ".", 0),
                ("S", "s", 0),
                (".", ".", 0),
                ("-", "-", 0),
                ("backed", "backed", 0),
                ("don't", "don't", 0),
            ]
        );
    }

    #[test]
    fn byte_scans_agree_with_char_scans() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
        }
        for text in crate::normalize::tests::tricky_strings() {
            let by_char: Vec<(usize, char)> = text.char_indices().collect();
            let mut terminals = Terminals::new(&text);
            for (i, &(at, c)) in by_char.iter().enumerate() {
                assert_eq!(char_at(&text, at), (c, c.len_utf8()));
                let expected = by_char[i..].iter().copied().find(|&(_, c)| is_terminal(c));
                assert_eq!(next_terminal(&text, at), expected, "{text:?} from {at}");
                // The same with the hits cached from the earlier positions, and after going back.
                assert_eq!(terminals.next_from(at), expected, "{text:?} from {at}");
                if i % 3 == 2 {
                    assert_eq!(
                        terminals.next_from(0),
                        by_char.iter().copied().find(|&(_, c)| is_terminal(c))
                    );
                }
            }
        }
        let long = "قال الوزير، في بيان، إن «الاتصال» مفيد جدا ومهم للجميع هنا وهناك؟ ".repeat(3)
            + "end… x";
        let expected: Vec<usize> =
            long.char_indices().filter(|&(_, c)| is_terminal(c)).map(|(i, _)| i).collect();
        let mut found = Vec::new();
        let mut from = 0;
        let mut terminals = Terminals::new(&long);
        while let Some((at, c)) = terminals.next_from(from) {
            found.push(at);
            from = at + c.len_utf8();
        }
        assert_eq!(found, expected);
    }

    #[test]
    fn marker_first_word_test_agrees_with_suffix_scan() {
        let first_words = MARKER_FIRST_WORDS.as_ref().expect("markers start with words");
        let mut words: Vec<String> = first_words.iter().cloned().collect();
        for w in first_words {
            for prefix in ["و", "ف", "ب", "ال", "وال", "فبال", "لل", "x", "ي"] {
                words.push(format!("{prefix}{w}"));
            }
            words.push(format!("{w}x"));
            words.push(w.chars().skip(1).collect());
        }
        words.extend(["", "related", "read", "اقرا", "واقرا", "said", "مقالات"].map(String::from));
        let mut hits = 0;
        for word in &words {
            let lead = format!("{word} and more");
            let slow = first_words
                .iter()
                .any(|m| word.strip_suffix(m.as_str()).is_some_and(is_clitic_chain));
            if word.is_empty() {
                continue;
            }
            assert_eq!(may_start_with_marker(&lead, lead.len()), slow, "{word:?}");
            hits += usize::from(slow);
        }
        assert!(hits > first_words.len(), "clitic forms are accepted ({hits})");
    }

    #[test]
    fn ascii_letters_prefix_agrees_with_a_byte_loop() {
        let interesting: Vec<u8> = (0..=255u8).collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for round in 0..200_000 {
            // Mostly letters, with every byte value showing up at every position.
            let mut bytes = [0u8; 8];
            for (k, b) in bytes.iter_mut().enumerate() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *b = if (state >> 8) & 3 == 0 {
                    interesting[((state >> 16) as usize + round + k) % 256]
                } else {
                    b'a' + (state % 26) as u8 - if state & 64 == 0 { 32 } else { 0 }
                };
            }
            let expected = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            assert_eq!(ascii_letters_prefix(u64::from_le_bytes(bytes)), expected, "{bytes:?}");
        }
        for b in 0..=255u8 {
            let mut bytes = *b"abcdefgh";
            bytes[3] = b;
            let expected = if b.is_ascii_alphabetic() { 8 } else { 3 };
            assert_eq!(ascii_letters_prefix(u64::from_le_bytes(bytes)), expected, "{b}");
        }
    }

    #[test]
    fn map_cursor_agrees_with_binary_search() {
        for text in crate::normalize::tests::tricky_strings().iter().step_by(7) {
            let map = normalize(text).map;
            let mut cursor = MapCursor::new(&map);
            // Growing offsets (as tokens come), then a jump back (paragraphs out of order).
            let offsets: Vec<usize> = (0..=text.len() + 1).chain([0, text.len() / 2, 1]).collect();
            for offset in offsets {
                let expected = map.partition_point(|&o| (o as usize) < offset);
                assert_eq!(cursor.first_at_or_after(offset), expected, "{text:?} at {offset}");
            }
        }
    }

    #[test]
    fn clitic_max_without_allocating() {
        fn reference(folded: &str) -> u8 {
            let chars: Vec<(usize, char)> = folded.char_indices().take(5).collect();
            let total = folded.chars().count();
            let mut best = 0;
            for (n, &(at, _)) in chars.iter().enumerate().skip(1) {
                if total - n < 2 {
                    break;
                }
                if is_clitic_chain(&folded[..at]) {
                    best = at;
                }
            }
            best as u8
        }
        for word in crate::normalize::tests::enumerated_strings("وفبلكسامنهx€😀", 8, 300_000)
        {
            assert_eq!(clitic_max(&word), reference(&word), "{word}");
        }
    }

    #[test]
    fn marker_quick_test_rules_out_only_non_markers() {
        let markers: Vec<String> = crate::data::lines(include_str!("../data/blocks.tsv"))
            .map(|(_, f)| f[0].to_string())
            .collect();
        let mut lines: Vec<String> =
            crate::normalize::tests::tricky_strings().into_iter().step_by(3).collect();
        for m in &markers {
            for prefix in ["", "و", "وال", "ف", "ب", "x", "ـ", "\u{200F}", "َ", "• ", "ال"]
            {
                for suffix in
                    ["", ":", " :", ": عنوان", " x", "x", "\u{200F}", "َ", " - ", "ـ", " »"]
                {
                    lines.push(format!("{prefix}{m}{suffix}"));
                    lines.push(format!("{prefix}{}{suffix}", m.to_uppercase()));
                }
            }
            lines.push(format!("{} {m}", "ك".repeat(45)));
            lines.push(format!("{}{m}", "َ".repeat(45)));
        }
        for line in &lines {
            let lead = line.trim_start_matches(|c: char| !is_word_char(c));
            let mut cut = lead.len().min(80);
            while !lead.is_char_boundary(cut) {
                cut -= 1;
            }
            assert_eq!(marker(line), marker_at(lead, cut), "{line:?}");
        }
        // The quick test does let the markers through.
        assert!(lines.iter().filter(|l| marker(l).is_some()).count() > markers.len() * 10);
    }

    #[test]
    fn word_counts_and_classes_without_unicode_tables() {
        for text in crate::normalize::tests::tricky_strings() {
            for max in [1, 3, 15] {
                assert_eq!(
                    count_words(&text, max),
                    text.split_whitespace().take(max).count(),
                    "{text:?}"
                );
            }
        }
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_digit(c), c.is_numeric(), "{c:?}");
            // What ends_sentence_at_period relies on: only the Kelvin sign lower-cases to ASCII.
            if !c.is_ascii() && c != '\u{212A}' {
                assert!(!c.to_lowercase().all(|l| l.is_ascii()), "{c:?}");
            }
        }
    }
}
