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

/// A byte trie over the entries.
///
/// Layout for few cache misses (a walk is a chain of dependent loads, at every word of the
/// text): nodes are numbered breadth first, so the shallow ones most walks visit sit together; a
/// node's fields share one record; its children are a sorted run of (byte, child) in two flat
/// arrays, or, for the few nodes with many children (the root, after an Arabic lead byte), a
/// table by byte.
pub(crate) struct Words {
    nodes: Vec<Node>,
    /// Children of nodes with few of them: `edge_byte[n.edges..n.edges + n.len]` (sorted) and
    /// the child at the same index of `edge_to`.
    edge_byte: Vec<u8>,
    edge_to: Vec<u32>,
    /// Children of nodes with many: 256 entries per node (0: none; the root is never a child).
    table: Vec<u32>,
    /// Per entry: it starts with an Arabic letter (only those take clitic prefixes).
    arabic: Vec<bool>,
    /// Per entry: it ends with a word character (so the text must not go on with one).
    last_word: Vec<bool>,
    /// Per byte: some entry starts with this byte and with a character that is not a word
    /// character (such entries may start anywhere, not only at word starts).
    odd_first: [bool; 256],
}

/// Nodes with more children than this get a table.
const FEW: usize = 6;

#[derive(Clone, Copy, Debug)]
struct Node {
    /// The entry ending here, or [`NONE`].
    accept: u32,
    /// First child in `edge_byte`/`edge_to`, or the row in `table` when `len` is above [`FEW`].
    edges: u32,
    /// Number of children.
    len: u32,
}

/// The character at byte `i` of `s` (which must be a char boundary) and its length, with the
/// one- and two-byte forms (ASCII, Arabic) decoded inline.
#[inline(always)]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let bytes = s.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    if b < 0xE0 {
        // a two-byte sequence (the text is valid UTF-8, so the next byte exists)
        let c = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
        return (char::from_u32(c).unwrap_or(' '), 2);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// A letter that can begin a clitic chain (see [`is_clitic_chain`]).
#[inline]
fn chain_letter(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'س' | 'ا')
}

impl Words {
    /// Builds the trie; `patterns` are folded and distinct (a repeated one keeps its first index).
    pub(crate) fn new<S: AsRef<str>>(patterns: &[S]) -> Words {
        // a trie with child lists first, flattened below
        let mut kids: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
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
            for b in p.bytes() {
                node = match kids[node].iter().find(|(x, _)| *x == b) {
                    Some(&(_, n)) => n as usize,
                    None => {
                        let n = accept.len();
                        kids[node].push((b, n as u32));
                        kids.push(Vec::new());
                        accept.push(NONE);
                        n
                    }
                };
            }
            if accept[node] == NONE {
                accept[node] = id as u32;
            }
        }
        // breadth-first numbering, children sorted by byte
        let mut order = vec![0u32];
        let mut new_id = vec![0u32; kids.len()];
        let mut k = 0;
        while k < order.len() {
            let old = order[k] as usize;
            kids[old].sort_unstable();
            for &(_, c) in &kids[old] {
                new_id[c as usize] = order.len() as u32;
                order.push(c);
            }
            k += 1;
        }
        let mut nodes = Vec::with_capacity(order.len());
        let mut edge_byte = Vec::new();
        let mut edge_to = Vec::new();
        let mut table = Vec::new();
        for &old in &order {
            let old = old as usize;
            let ks = &kids[old];
            let edges = if ks.len() > FEW {
                let row = table.len() / 256;
                table.resize(table.len() + 256, 0);
                for &(b, c) in ks {
                    table[row * 256 + b as usize] = new_id[c as usize];
                }
                row
            } else {
                let at = edge_byte.len();
                edge_byte.extend(ks.iter().map(|e| e.0));
                edge_to.extend(ks.iter().map(|e| new_id[e.1 as usize]));
                at
            };
            nodes.push(Node { accept: accept[old], edges: edges as u32, len: ks.len() as u32 });
        }
        Words { nodes, edge_byte, edge_to, table, arabic, last_word, odd_first }
    }

    /// The child of `node` by byte `b`.
    #[inline(always)]
    fn child(&self, node: &Node, b: u8) -> Option<&Node> {
        let len = node.len as usize;
        let e = node.edges as usize;
        let to = if len > FEW {
            match self.table[e * 256 + b as usize] {
                0 => return None,
                n => n,
            }
        } else {
            let k = self.edge_byte[e..e + len].iter().position(|&x| x == b)?;
            self.edge_to[e + k]
        };
        Some(&self.nodes[to as usize])
    }

    /// The longest entry that matches `text` from byte `from` on and ends at a word boundary
    /// (only Arabic entries when `arabic_only`), as (end, entry).
    #[inline]
    fn longest(&self, text: &str, from: usize, arabic_only: bool) -> Option<(usize, u32)> {
        let bytes = text.as_bytes();
        let mut node = self.child(&self.nodes[0], bytes[from])?;
        let mut best = None;
        let mut end = from + 1;
        loop {
            let id = node.accept;
            if id != NONE && (!arabic_only || self.arabic[id as usize]) {
                let joined = self.last_word[id as usize] && end < text.len() && is_word_char(char_at(text, end).0);
                if !joined {
                    best = Some((end, id));
                }
            }
            let Some(&b) = bytes.get(end) else { break };
            match self.child(node, b) {
                Some(n) => node = n,
                None => break,
            }
            end += 1;
        }
        best
    }

    /// The match kept at word start `w`: the longest, and of equally long ones the one with the
    /// shorter clitic prefix.
    fn at_word(&self, text: &str, w: usize, c: char) -> Option<WordMatch> {
        let mut best = self.longest(text, w, false).map(|(end, id)| WordMatch { start: w, word_start: w, end, id });
        if chain_letter(c) {
            // entries after a clitic chain inside the word (only Arabic ones take clitics)
            let mut q = w;
            for _ in 0..4 {
                let (c, len) = char_at(text, q);
                if !is_word_char(c) {
                    break;
                }
                q += len;
                if q >= text.len() {
                    break;
                }
                if is_clitic_chain(&text[w..q])
                    && let Some((end, id)) = self.longest(text, q, true)
                    && best.is_none_or(|b| end > b.end)
                {
                    best = Some(WordMatch { start: w, word_start: q, end, id });
                }
            }
        }
        best
    }

    /// All whole-word matches of `text`, leftmost first, none overlapping (into `out`, cleared).
    pub(crate) fn find_all(&self, text: &str, out: &mut Vec<WordMatch>) {
        out.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut prev_word = false;
        while i < bytes.len() {
            let (c, len) = char_at(text, i);
            let word = is_word_char(c);
            let m = if word && !prev_word {
                self.at_word(text, i, c)
            } else if !word && self.odd_first[bytes[i] as usize] {
                self.longest(text, i, false).map(|(end, id)| WordMatch { start: i, word_start: i, end, id })
            } else {
                None
            };
            if let Some(m) = m {
                out.push(m);
                // a match that starts inside this one is never kept: go on after it (whose
                // last character is a word character or not as the entry's)
                i = m.end;
                prev_word = self.last_word[m.id as usize];
                continue;
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
