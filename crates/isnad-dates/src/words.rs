//! Whole-word matching of the vocabulary's entries of three letters or more, with Arabic clitic
//! prefixes: the same matches as [`isnad_text::Lexicon::find_all`], found faster.
//!
//! Why not the lexicon's automaton: an overlapping aho-corasick search reports every occurrence
//! of every entry anywhere in the text ("may" in "mayor", "امس" in "الهمس", "day" in "today") and
//! checks word boundaries afterwards; on date vocabulary that is most of the stage's time. But a
//! match that survives the check can only start where a word starts, or just after an Arabic
//! clitic chain at the start of a word (و ف ب ل ك س ال: at most four letters), or, for an entry
//! that does not begin with a letter or digit, at that character. So this walks a trie of the
//! entries from those few positions only and keeps, per start, the longest match whose end is a
//! word boundary; the rule that picks among overlapping matches (the leftmost, then the longest,
//! then the one with the shorter clitic prefix) is the lexicon's. A test checks both agree.

use isnad_text::is_clitic_chain;
use isnad_text::normalize::{is_arabic_letter, is_word_char};

/// No entry ends at this node.
const NONE: u32 = u32::MAX;

/// A match, in bytes of the text (as [`isnad_text::LexMatch`], with the entry's index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WordMatch {
    /// Where the word starts, clitic prefixes included.
    pub start: usize,
    /// Where the entry starts (after the clitic prefixes).
    pub word_start: usize,
    /// One past the end of the entry.
    pub end: usize,
    /// The entry (index in the order given to [`Words::new`]).
    pub id: u32,
}

/// A byte trie over folded entries with dense, byte-class-compressed transitions.
pub(crate) struct Words {
    /// Byte -> class (0: the byte occurs in no entry).
    class: [u8; 256],
    /// Classes per node (row length of `next`).
    stride: usize,
    /// `next[node * stride + class]`: the child, or 0 (the root is never a child).
    next: Vec<u32>,
    /// The entry ending at each node, or [`NONE`].
    accept: Vec<u32>,
    /// Per entry: it starts with an Arabic letter (only those take clitic prefixes).
    arabic: Vec<bool>,
    /// Per entry: it ends with a word character (so the text must not go on with one).
    last_word: Vec<bool>,
    /// Per byte: some entry starts with this byte and with a character that is not a word
    /// character (such entries may start anywhere, not only at word starts).
    odd_first: [bool; 256],
}

/// The character at byte `i` of `s` (which must be a char boundary) and its length.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

impl Words {
    /// Builds the trie; `patterns` are folded and distinct (a repeated one keeps its first index).
    pub(crate) fn new<S: AsRef<str>>(patterns: &[S]) -> Words {
        let mut class = [0u8; 256];
        let mut n = 0usize;
        for p in patterns {
            for &b in p.as_ref().as_bytes() {
                if class[b as usize] == 0 {
                    n += 1;
                    class[b as usize] = n as u8;
                }
            }
        }
        // (at most 255 distinct bytes can occur: a class fits in a byte)
        let stride = n + 1;
        let mut next = vec![0u32; stride];
        let mut accept = vec![NONE];
        let mut arabic = Vec::with_capacity(patterns.len());
        let mut last_word = Vec::with_capacity(patterns.len());
        let mut odd_first = [false; 256];
        for (id, p) in patterns.iter().enumerate() {
            let p = p.as_ref();
            let first = p.chars().next().unwrap_or(' ');
            arabic.push(is_arabic_letter(first));
            last_word.push(p.chars().next_back().is_some_and(is_word_char));
            if !is_word_char(first) {
                odd_first[p.as_bytes()[0] as usize] = true;
            }
            let mut node = 0usize;
            for &b in p.as_bytes() {
                let slot = node * stride + class[b as usize] as usize;
                if next[slot] == 0 {
                    next[slot] = accept.len() as u32;
                    accept.push(NONE);
                    next.extend(std::iter::repeat_n(0, stride));
                }
                node = next[slot] as usize;
            }
            if accept[node] == NONE {
                accept[node] = id as u32;
            }
        }
        Words { class, stride, next, accept, arabic, last_word, odd_first }
    }

    /// Every entry that matches `text` from byte `from` on and ends at a word boundary, longest
    /// last: calls `f(id, end)` for each, shortest first.
    #[inline]
    fn walk(&self, text: &str, from: usize, mut f: impl FnMut(u32, usize)) {
        let bytes = text.as_bytes();
        let mut node = 0usize;
        for (k, &b) in bytes[from..].iter().enumerate() {
            let c = self.class[b as usize] as usize;
            if c == 0 {
                return;
            }
            node = self.next[node * self.stride + c] as usize;
            if node == 0 {
                return;
            }
            let id = self.accept[node];
            if id != NONE {
                let end = from + k + 1;
                let joined = self.last_word[id as usize] && end < text.len() && is_word_char(char_at(text, end).0);
                if !joined {
                    f(id, end);
                }
            }
        }
    }

    /// The match kept at word start `w`: the longest, and of equally long ones the one with the
    /// shorter clitic prefix.
    fn at_word(&self, text: &str, w: usize) -> Option<WordMatch> {
        let mut best: Option<WordMatch> = None;
        let mut consider = |q: usize, id: u32, end: usize| {
            if best.is_none_or(|b| end > b.end) {
                best = Some(WordMatch { start: w, word_start: q, end, id });
            }
        };
        self.walk(text, w, |id, end| consider(w, id, end));
        // entries after a clitic chain inside the word (only Arabic ones take clitics)
        if text.as_bytes()[w] >= 0x80 {
            let mut q = w;
            for _ in 0..4 {
                let (c, len) = char_at(text, q);
                if !is_word_char(c) {
                    break;
                }
                q += len;
                if q >= text.len() || !is_word_char(char_at(text, q).0) {
                    break;
                }
                if is_clitic_chain(&text[w..q]) {
                    self.walk(text, q, |id, end| {
                        if self.arabic[id as usize] {
                            consider(q, id, end)
                        }
                    });
                }
            }
        }
        best
    }

    /// The match kept at `i`, a character that is not a word character.
    fn at_other(&self, text: &str, i: usize) -> Option<WordMatch> {
        let mut best: Option<WordMatch> = None;
        self.walk(text, i, |id, end| {
            if best.is_none_or(|b| end > b.end) {
                best = Some(WordMatch { start: i, word_start: i, end, id });
            }
        });
        best
    }

    /// All whole-word matches of `text`, leftmost first, none overlapping (into `out`, cleared).
    pub(crate) fn find_all(&self, text: &str, out: &mut Vec<WordMatch>) {
        out.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut prev_word = false;
        let mut kept_end = 0;
        while i < bytes.len() {
            let (c, len) = char_at(text, i);
            let word = is_word_char(c);
            if i >= kept_end {
                let m = if word && !prev_word {
                    self.at_word(text, i)
                } else if !word && self.odd_first[bytes[i] as usize] {
                    self.at_other(text, i)
                } else {
                    None
                };
                if let Some(m) = m {
                    kept_end = m.end;
                    out.push(m);
                }
            }
            prev_word = word;
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::{fold, Lexicon};

    fn both(entries: &[&str], texts: &[&str]) {
        let folded: Vec<String> = entries.iter().map(|e| fold(e)).collect();
        let lex = Lexicon::new(folded.iter().enumerate().map(|(i, e)| (e.clone(), i as u32))).unwrap();
        let words = Words::new(&folded);
        let mut out = Vec::new();
        for t in texts {
            let t = fold(t);
            let slow: Vec<(usize, usize, usize, u32)> =
                lex.find_all(&t).into_iter().map(|m| (m.start, m.word_start, m.end, *m.value)).collect();
            words.find_all(&t, &mut out);
            let fast: Vec<(usize, usize, usize, u32)> = out.iter().map(|m| (m.start, m.word_start, m.end, m.id)).collect();
            assert_eq!(fast, slow, "text: {t}");
        }
    }

    #[test]
    fn agrees_with_the_lexicon() {
        both(
            &["may", "may day", "mayor", "day", "today", "a.m.", "o'clock", "امس", "الامس", "اليوم", "يوم", "-day", "'s"],
            &[
                "the mayor said today may day was a day. at 3 a.m. o'clock, 5a.m.x",
                "may days, mayday, todays today's  -day x-day 's it's",
                "وقال امس والامس بالامس وبالامس فبالامس كالامس الهمس امسية اليوم واليوم لليوم يومين وليوم",
                "والليوم 3امس امس3 ابالامس وبالامسx",
            ],
        );
    }

    #[test]
    fn agrees_on_the_shipped_vocabularies() {
        let texts = [
            include_str!("../tests/fixtures/ar-news.txt"),
            include_str!("../tests/fixtures/ar-news-2.txt"),
            include_str!("../tests/fixtures/ar-families.txt"),
            include_str!("../tests/fixtures/en-news.txt"),
            include_str!("../tests/fixtures/en-duckling-style.txt"),
            include_str!("../tests/fixtures/en-festivals.txt"),
        ];
        for data in [include_str!("../data/ar.tsv"), include_str!("../data/en.tsv")] {
            let mut entries: Vec<String> = Vec::new();
            for (_, fields) in isnad_text::data::lines(data) {
                let s = fold(fields[0]);
                if s.chars().count() > 2 && !entries.contains(&s) {
                    entries.push(s);
                }
            }
            let refs: Vec<&str> = entries.iter().map(String::as_str).collect();
            both(&refs, &texts);
        }
    }
}
