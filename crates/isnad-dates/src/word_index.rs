//! Whole-word matching of the vocabulary's entries of three letters or more, with Arabic clitic
//! prefixes: the same matches as [`isnad_text::Lexicon::find_all`], found faster.
//!
//! Why not the lexicon's automaton: an overlapping aho-corasick search reports every occurrence
//! of every entry anywhere in the text ("may" in "mayor", "امس" in "الهمس", "day" in "today") and
//! checks word boundaries afterwards; on date vocabulary that was most of the stage's time. But a
//! match that survives the check starts where a word starts, or just after an Arabic clitic chain
//! at the start of a word (و ف ب ل ك س ال: at most four letters), or, for an entry that does not
//! begin with a letter or digit, at that character. And it ends where a word ends: an entry made
//! of letters and digits only is the rest of the word after the chain, and a longer one ("a.m.",
//! "كانون الثاني") begins with that rest. So each word of the text costs a few lookups of its
//! rest (after each chain its first letters allow) in a table of entries by their first run of
//! word characters, most of them answered by a small bit filter without hashing. Among matches at
//! a word, the rule of the lexicon picks: the longest, then the one with the shorter chain. A
//! test checks both agree.

use isnad_text::is_clitic_chain;

use crate::letters::char_at;
use isnad_text::normalize::{is_arabic_letter, is_word_char};
use rustc_hash::FxHashMap;

/// No entry.
const NONE: u32 = u32::MAX;

/// Bits of the filter in front of the table (a power of two).
const FILTER_BITS: usize = 1 << 16;

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

/// The entries whose first run of word characters is a given string.
#[derive(Clone, Copy, Debug)]
struct Slot {
    /// The entry that is exactly the run, or [`NONE`].
    whole: u32,
    /// The entries that go on after the run: `multi[first..first + len]`.
    first: u32,
    len: u32,
}

/// The matches found at a word so far (see [`Words::at_word`]).
#[derive(Default)]
struct AtWord {
    /// The longest match that goes on past the word.
    longer: Option<WordMatch>,
    /// The match that is the word (or its rest after the shortest chain).
    whole: Option<WordMatch>,
}

/// The entries, indexed by their first run of word characters.
pub(crate) struct Words {
    entries: Vec<Box<str>>,
    /// The runs' slots, by run: open addressing on [`RunKey::hash`] (a power of two of
    /// buckets, at most half full).
    table: Vec<Bucket>,
    slots: Vec<Slot>,
    /// The runs, by slot (compared in full only when longer than sixteen bytes).
    runs: Vec<Box<str>>,
    multi: Vec<u32>,
    /// A bit per run of `table` (from its hash): nearly every other word misses it.
    filter: Vec<u64>,
    /// Per entry: it starts with an Arabic letter (only those take clitic prefixes).
    arabic: Vec<bool>,
    /// Per entry: it ends with a word character (so the text must not go on with one).
    last_word: Vec<bool>,
    /// Entries that do not begin with a word character (they may start anywhere), and their
    /// first bytes.
    odd: Vec<u32>,
    odd_first: [bool; 256],
    /// The clitic chains.
    pub(crate) chains: Chains,
    /// [`is_word_char`] of ASCII bytes and of the Arabic block U+0600-U+06FF, by low byte.
    ascii_word: [bool; 128],
    arabic_word: [bool; 256],
    /// The scanner's letters ([`crate::letters::is_letter`]) of the Arabic block, by low byte.
    arabic_letter: [bool; 256],
}

/// The letters clitic chains are made of (see [`is_clitic_chain`]), numbered from 1.
const CHAIN_LETTERS: [char; 7] = ['و', 'ف', 'ب', 'ل', 'ك', 'س', 'ا'];

/// The number of a chain letter, or 0.
#[inline(always)]
fn chain_digit(c: char) -> usize {
    match c {
        'و' => 1,
        'ف' => 2,
        'ب' => 3,
        'ل' => 4,
        'ك' => 5,
        'س' => 6,
        'ا' => 7,
        _ => 0,
    }
}

/// Which sequences of up to four chain letters [`is_clitic_chain`] accepts, by their letters'
/// numbers read in base 8 (a bit set of 4096): a chain is only ever made of those letters and at
/// most four long, so a prefix is tested by a few additions and one bit instead of string work.
pub(crate) struct Chains([u64; 64]);

impl Chains {
    fn new() -> Chains {
        let mut bits = [0u64; 64];
        let mut level: Vec<(usize, String)> = vec![(0, String::new())];
        for _ in 0..4 {
            let mut next = Vec::new();
            for (code, p) in &level {
                for (d, &c) in CHAIN_LETTERS.iter().enumerate() {
                    let (code, p) = (code * 8 + d + 1, format!("{p}{c}"));
                    if is_clitic_chain(&p) {
                        bits[code / 64] |= 1 << (code % 64);
                    }
                    next.push((code, p));
                }
            }
            level = next;
        }
        Chains(bits)
    }

    #[inline(always)]
    fn has(&self, code: usize) -> bool {
        self.0[code / 64] & (1 << (code % 64)) != 0
    }

    /// [`is_clitic_chain`] of a non-empty prefix.
    #[inline]
    pub(crate) fn is_chain(&self, prefix: &str) -> bool {
        let mut code = 0;
        for (k, c) in prefix.chars().enumerate() {
            let d = chain_digit(c);
            if d == 0 || k == 4 {
                return false;
            }
            code = code * 8 + d;
        }
        code != 0 && self.has(code)
    }
}

/// A run's length and its first and last eight bytes (four for shorter runs; the three that
/// cover a run under four), read without a loop: for runs of up to sixteen bytes, most words,
/// they are the run itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RunKey {
    len: u64,
    head: u64,
    tail: u64,
}

impl RunKey {
    #[inline(always)]
    fn of(run: &[u8]) -> RunKey {
        let n = run.len();
        let (head, tail) = if n >= 8 {
            let head = u64::from_le_bytes(run[..8].try_into().unwrap_or_default());
            let tail = u64::from_le_bytes(run[n - 8..].try_into().unwrap_or_default());
            (head, tail)
        } else if n >= 4 {
            let head = u32::from_le_bytes(run[..4].try_into().unwrap_or_default());
            let tail = u32::from_le_bytes(run[n - 4..].try_into().unwrap_or_default());
            (u64::from(head), u64::from(tail))
        } else {
            (u64::from(run[0]) | u64::from(run[n / 2]) << 8 | u64::from(run[n - 1]) << 16, 0)
        };
        RunKey { len: n as u64, head, tail }
    }

    /// A hash of the key (the filter bit takes its top 16 bits, the table's bucket its low ones).
    #[inline(always)]
    fn hash(self) -> u64 {
        let k = self.head.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ self.tail.rotate_left(29).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ self.len;
        k.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// A bucket of the table of runs: the run's key and its slot (`slot == NONE`: empty).
#[derive(Clone, Copy, Debug)]
struct Bucket {
    key: RunKey,
    slot: u32,
}

impl Words {
    /// Indexes `patterns` (folded, distinct; a repeated one keeps its first index).
    pub(crate) fn new<S: AsRef<str>>(patterns: &[S]) -> Words {
        let mut entries = Vec::with_capacity(patterns.len());
        let mut arabic = Vec::with_capacity(patterns.len());
        let mut last_word = Vec::with_capacity(patterns.len());
        let mut odd = Vec::new();
        let mut odd_first = [false; 256];
        let mut groups: FxHashMap<Box<str>, (u32, Vec<u32>)> = FxHashMap::default();
        let mut runs: Vec<Box<str>> = Vec::new();
        for (id, p) in patterns.iter().enumerate() {
            let p = p.as_ref();
            let id = id as u32;
            entries.push(Box::<str>::from(p));
            let first = p.chars().next().unwrap_or(' ');
            arabic.push(is_arabic_letter(first));
            last_word.push(p.chars().next_back().is_some_and(is_word_char));
            if p.is_empty() || entries[..id as usize].iter().any(|e| **e == *p) {
                continue;
            }
            if !is_word_char(first) {
                odd.push(id);
                odd_first[p.as_bytes()[0] as usize] = true;
                continue;
            }
            let run_end =
                p.char_indices().find(|&(_, c)| !is_word_char(c)).map_or(p.len(), |(k, _)| k);
            let run = &p[..run_end];
            let g = groups.entry(run.into()).or_insert_with(|| {
                runs.push(run.into());
                (NONE, Vec::new())
            });
            if run_end == p.len() {
                g.0 = id;
            } else {
                g.1.push(id);
            }
        }
        let mut multi = Vec::new();
        let mut filter = vec![0u64; FILTER_BITS / 64];
        let size = (runs.len() * 2).next_power_of_two().max(16);
        let mut table = vec![Bucket { key: RunKey { len: 0, head: 0, tail: 0 }, slot: NONE }; size];
        let mut slots = Vec::with_capacity(runs.len());
        for run in &runs {
            let (whole, more) = groups.remove(run).unwrap_or((NONE, Vec::new()));
            slots.push(Slot { whole, first: multi.len() as u32, len: more.len() as u32 });
            multi.extend(more);
            let key = RunKey::of(run.as_bytes());
            let h = key.hash();
            let bit = (h >> 48) as usize;
            filter[bit / 64] |= 1 << (bit % 64);
            let mut b = h as usize & (size - 1);
            while table[b].slot != NONE {
                b = (b + 1) & (size - 1);
            }
            table[b] = Bucket { key, slot: slots.len() as u32 - 1 };
        }
        let ascii_word = std::array::from_fn(|b| is_word_char(b as u8 as char));
        let arabic_word =
            std::array::from_fn(|b| char::from_u32(0x600 + b as u32).is_some_and(is_word_char));
        let arabic_letter = std::array::from_fn(|b| {
            char::from_u32(0x600 + b as u32).is_some_and(crate::letters::is_letter)
        });
        Words {
            entries,
            table,
            slots,
            runs,
            multi,
            filter,
            arabic,
            last_word,
            odd,
            odd_first,
            chains: Chains::new(),
            ascii_word,
            arabic_word,
            arabic_letter,
        }
    }

    /// Whether entry `id` ends with a word character.
    pub(crate) fn ends_with_word_char(&self, id: u32) -> bool {
        self.last_word[id as usize]
    }

    /// Whether every entry begins with a letter (see `tokenize::scan_fused`): `starts_ok` says
    /// which first characters are letters there.
    pub(crate) fn all_begin_with(&self, starts_ok: impl Fn(char) -> bool) -> bool {
        self.odd.is_empty() && self.entries.iter().all(|e| e.chars().next().is_some_and(&starts_ok))
    }

    /// For a character of the Arabic block (U+0600-U+06FF) from its two bytes: whether it is a
    /// letter of the scanner, and whether it is a word character.
    #[inline(always)]
    pub(crate) fn arabic_block(&self, lead: u8, next: u8) -> (bool, bool) {
        let k = (usize::from(lead & 3) << 6) | usize::from(next & 0x3F);
        (self.arabic_letter[k], self.arabic_word[k])
    }

    /// Whether the character at `i` is a word character, and its length.
    #[inline(always)]
    pub(crate) fn word_char_at(&self, text: &str, i: usize) -> (bool, usize) {
        let bytes = text.as_bytes();
        let b = bytes[i];
        if b < 0x80 {
            (self.ascii_word[b as usize], 1)
        } else if (0xD8..=0xDB).contains(&b) {
            // U+0600-U+06FF
            (self.arabic_word[(usize::from(b & 3) << 6) | usize::from(bytes[i + 1] & 0x3F)], 2)
        } else {
            let (c, len) = char_at(text, i);
            (is_word_char(c), len)
        }
    }

    /// The slot of a run (of key `key` and hash `h`).
    #[inline]
    fn slot(&self, key: RunKey, h: u64, run: &[u8]) -> Option<&Slot> {
        let mask = self.table.len() - 1;
        let mut b = h as usize & mask;
        loop {
            let bucket = &self.table[b];
            if bucket.slot == NONE {
                return None;
            }
            if bucket.key == key
                && (run.len() <= 16 || self.runs[bucket.slot as usize].as_bytes() == run)
            {
                return Some(&self.slots[bucket.slot as usize]);
            }
            b = (b + 1) & mask;
        }
    }

    /// Whether the entry `id` matches `text` at `q` and ends at a word boundary; its end.
    #[inline]
    fn matches_at(&self, text: &str, q: usize, id: u32) -> Option<usize> {
        let e = self.entries[id as usize].as_bytes();
        let end = q + e.len();
        // (the last byte first: it tells most entries of a common first word apart cheaply)
        let bytes = text.as_bytes();
        if end > bytes.len() || bytes[end - 1] != e[e.len() - 1] || bytes[q..end] != *e {
            return None;
        }
        let joined =
            self.last_word[id as usize] && end < text.len() && self.word_char_at(text, end).0;
        (!joined).then_some(end)
    }

    /// Matches of the entries whose first run is `text[q..e]` (a word, or the rest of one after
    /// a clitic chain when `chained`): the longest one going on after the run into `longer`, the
    /// one that is the run into `whole` (the first found stays: chains are tried shortest first).
    ///
    /// (The filter test is inlined into the caller, the rest is not: most words stop at the
    /// filter, and a call with its stack frame at every word of the text cost more than the test.)
    #[inline(always)]
    fn try_run(
        &self,
        text: &str,
        (w, q, e): (usize, usize, usize),
        chained: bool,
        found: &mut AtWord,
    ) {
        let run = &text.as_bytes()[q..e];
        let key = RunKey::of(run);
        let h = key.hash();
        let bit = (h >> 48) as usize;
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return;
        }
        self.try_slot(text, (w, q, e), chained, found, key, h);
    }

    /// [`Words::try_run`] past the filter.
    #[inline(never)]
    fn try_slot(
        &self,
        text: &str,
        (w, q, e): (usize, usize, usize),
        chained: bool,
        found: &mut AtWord,
        key: RunKey,
        h: u64,
    ) {
        let AtWord { longer, whole } = found;
        let run = &text.as_bytes()[q..e];
        let Some(slot) = self.slot(key, h, run) else { return };
        let ok = |id: u32| !chained || self.arabic[id as usize];
        if slot.whole != NONE && whole.is_none() && ok(slot.whole) {
            *whole = Some(WordMatch { start: w, word_start: q, end: e, id: slot.whole });
        }
        for &id in &self.multi[slot.first as usize..(slot.first + slot.len) as usize] {
            if ok(id)
                && let Some(end) = self.matches_at(text, q, id)
                && longer.is_none_or(|b| end > b.end)
            {
                *longer = Some(WordMatch { start: w, word_start: q, end, id });
            }
        }
    }

    /// The match kept at the word `text[w..e]`: the longest, and of equally long ones the one
    /// with the shorter clitic chain.
    pub(crate) fn at_word(&self, text: &str, w: usize, e: usize) -> Option<WordMatch> {
        let mut found = AtWord::default();
        self.try_run(text, (w, w, e), false, &mut found);
        if text.as_bytes()[w] < 0x80 {
            // (clitic chains are Arabic letters: a word that begins with ASCII has none)
            return found.longer.or(found.whole);
        }
        // entries after each clitic chain the word begins with
        let mut q = w;
        let mut code = 0;
        for _ in 0..4 {
            let (c, len) = char_at(text, q);
            let d = chain_digit(c);
            if d == 0 {
                // (a chain is made of chain letters only: no longer prefix is one)
                break;
            }
            code = code * 8 + d;
            q += len;
            if q >= e {
                break;
            }
            if self.chains.has(code) {
                self.try_run(text, (w, q, e), true, &mut found);
            }
        }
        // an entry going on past the word ends after one that ends with it
        found.longer.or(found.whole)
    }

    /// The match kept at `i`, a character that is not a word character.
    fn at_other(&self, text: &str, i: usize) -> Option<WordMatch> {
        let mut best: Option<WordMatch> = None;
        for &id in &self.odd {
            if let Some(end) = self.matches_at(text, i, id)
                && best.is_none_or(|b| end > b.end)
            {
                best = Some(WordMatch { start: i, word_start: i, end, id });
            }
        }
        best
    }

    /// All whole-word matches of `text`, leftmost first, none overlapping (into `out`, cleared).
    pub(crate) fn find_all(&self, text: &str, out: &mut Vec<WordMatch>) {
        out.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let (word, len) = self.word_char_at(text, i);
            let m = if word {
                // a word starts here (the loop steps over whole words): find its end
                let mut e = i + len;
                while e < bytes.len() {
                    let (w, l) = self.word_char_at(text, e);
                    if !w {
                        break;
                    }
                    e += l;
                }
                match self.at_word(text, i, e) {
                    Some(m) => Some(m),
                    None => {
                        i = e;
                        continue;
                    }
                }
            } else if self.odd_first[bytes[i] as usize] {
                self.at_other(text, i)
            } else {
                None
            };
            match m {
                Some(m) => {
                    out.push(m);
                    // a match that starts inside this one is never kept: go on after it; a
                    // word character there starts a word only if the entry ends with none
                    i = m.end;
                    if self.last_word[m.id as usize] {
                        while i < bytes.len() {
                            let (w, l) = self.word_char_at(text, i);
                            if !w {
                                break;
                            }
                            i += l;
                        }
                    }
                }
                None => i += len,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::{Lexicon, fold};

    fn both(entries: &[&str], texts: &[&str]) {
        let folded: Vec<String> = entries.iter().map(|e| fold(e)).collect();
        let lex =
            Lexicon::new(folded.iter().enumerate().map(|(i, e)| (e.clone(), i as u32))).unwrap();
        let words = Words::new(&folded);
        let mut out = Vec::new();
        for t in texts {
            let t = fold(t);
            let slow: Vec<(usize, usize, usize, u32)> = lex
                .find_all(&t)
                .into_iter()
                .map(|m| (m.start, m.word_start, m.end, *m.value))
                .collect();
            words.find_all(&t, &mut out);
            let fast: Vec<(usize, usize, usize, u32)> =
                out.iter().map(|m| (m.start, m.word_start, m.end, m.id)).collect();
            assert_eq!(fast, slow, "text: {t}");
        }
    }

    #[test]
    fn chains_agree_with_the_definition() {
        let chains = Chains::new();
        let letters = ['و', 'ف', 'ب', 'ل', 'ك', 'س', 'ا', 'م', 'a'];
        let mut all = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> =
                all.iter().flat_map(|p| letters.iter().map(move |c| format!("{p}{c}"))).collect();
            for p in &longer {
                assert_eq!(chains.is_chain(p), is_clitic_chain(p), "{p}");
            }
            all = longer;
        }
    }

    #[test]
    fn agrees_with_the_lexicon() {
        both(
            &[
                "may",
                "may day",
                "mayor",
                "day",
                "today",
                "a.m.",
                "o'clock",
                "امس",
                "الامس",
                "اليوم",
                "يوم",
                "-day",
                "'s",
            ],
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
        let texts = crate::FIXTURE_TEXTS;
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
