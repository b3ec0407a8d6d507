//! Word lexicons compiled into one automaton and matched against folded text.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, packed};
use rustc_hash::FxHashMap;
use thiserror::Error;

use crate::chars::{is_arabic_letter, is_word_char};
use crate::normalize::fold;

/// Lexicons of at most this many entries search with a packed (SIMD) searcher.
const PACKED_MAX: usize = 48;

/// A lexicon that cannot be built.
#[derive(Debug, Error)]
pub enum LexiconError {
    /// An entry folds to nothing (only diacritics or spaces).
    #[error("lexicon entry '{0}' is empty once folded")]
    EmptyEntry(String),
    /// The automaton could not be built (too many or too long entries).
    #[error("cannot build lexicon automaton: {0}")]
    Build(#[from] aho_corasick::BuildError),
}

/// A match of a lexicon entry in folded text, in folded byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexMatch<'a, V> {
    /// Where the word starts, clitic prefixes included.
    pub start: usize,
    /// Where the entry itself starts (after the clitic prefixes; `== start` when there are none).
    pub word_start: usize,
    /// One past the end of the entry.
    pub end: usize,
    /// The entry's value.
    pub value: &'a V,
}

impl<V> LexMatch<'_, V> {
    /// The clitic prefix chain before the entry (empty when none), e.g. `"و"`, `"وال"`, `"لل"`.
    pub fn prefix<'t>(&self, folded: &'t str) -> &'t str {
        &folded[self.start..self.word_start]
    }
}

/// Entries matched as whole words in folded text, with Arabic clitic prefixes allowed before them.
///
/// Why one automaton instead of per-token lookups: news text is scanned once at hundreds of MB/s
/// by an aho-corasick DFA whatever the lexicon size, and multi-word entries ("وفقا ل", "according
/// to", "المتحدث باسم") need no special handling. Whole-word and clitic checks run only on the few
/// candidate matches.
///
/// Clitic prefixes (و ف ب ل ك س and the article ال, in the orders Arabic allows: وال، بال، فب، لل،
/// وس…) are accepted before an entry that starts with an Arabic letter. Which prefixes make sense
/// depends on the entry (a verb takes و/ف/س, a noun takes ال/ب/ل): callers filter with
/// [`LexMatch::prefix`]. Entries are folded with [`fold`]; two entries that fold alike keep the
/// first one's value.
#[derive(Debug, Clone)]
pub struct Lexicon<V> {
    automaton: AhoCorasick,
    /// For lexicons of a few entries: a SIMD searcher (Teddy) that finds where the leftmost
    /// occurrence of any entry starts, much faster than stepping the automaton over every byte.
    /// `None` when the lexicon is larger or the CPU has no support.
    packed: Option<packed::Searcher>,
    /// The folded entries, by index.
    patterns: Vec<String>,
    values: Vec<V>,
    arabic: Vec<bool>,
    /// Folded entry to its index, for [`Lexicon::get`]: Fx rather than SipHash, as callers look up
    /// every word of a text (several times with clitics stripped) and the keys are our own data.
    index: FxHashMap<String, usize>,
}

impl<V> Lexicon<V> {
    /// Builds a lexicon from surface forms and their values.
    pub fn new(entries: impl IntoIterator<Item = (String, V)>) -> Result<Lexicon<V>, LexiconError> {
        let mut patterns = Vec::new();
        let mut values = Vec::new();
        let mut arabic = Vec::new();
        let mut seen: FxHashMap<String, usize> = FxHashMap::default();
        for (surface, value) in entries {
            let folded = fold(&surface);
            if folded.is_empty() {
                return Err(LexiconError::EmptyEntry(surface));
            }
            if seen.contains_key(&folded) {
                continue;
            }
            seen.insert(folded.clone(), patterns.len());
            arabic.push(folded.chars().next().is_some_and(is_arabic_letter));
            patterns.push(folded);
            values.push(value);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns))?;
        let packed = if patterns.len() <= PACKED_MAX {
            packed::Config::new()
                .match_kind(packed::MatchKind::LeftmostFirst)
                .only_teddy(true)
                .builder()
                .extend(&patterns)
                .build()
        } else {
            None
        };
        Ok(Lexicon { automaton, packed, patterns, values, arabic, index: seen })
    }

    /// Number of distinct entries.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when the lexicon has no entry.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// All whole-word matches in `folded`, leftmost first; overlapping candidates resolve to the
    /// longest one starting first.
    pub fn find_all<'a>(&'a self, folded: &str) -> Vec<LexMatch<'a, V>> {
        match &self.packed {
            Some(packed) => self.select(folded, self.occurrences_packed(packed, folded)),
            None => self.select(folded, self.occurrences(folded)),
        }
    }

    /// Every occurrence of every entry, as `(entry, start, end)`, by the automaton.
    fn occurrences(&self, folded: &str) -> Vec<(usize, usize, usize)> {
        self.automaton
            .find_overlapping_iter(folded)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect()
    }

    /// The same occurrences (in another order) by the packed searcher: it returns where the
    /// leftmost occurrence of any entry starts; every entry is then tried at that position, and the
    /// search goes on from the next byte. All occurrences start at positions it visits.
    fn occurrences_packed(
        &self,
        packed: &packed::Searcher,
        folded: &str,
    ) -> Vec<(usize, usize, usize)> {
        let bytes = folded.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let Some(m) = packed.find_in(bytes, aho_corasick::Span::from(at..bytes.len())) else {
                break;
            };
            let start = m.start();
            for (id, p) in self.patterns.iter().enumerate() {
                if bytes[start..].starts_with(p.as_bytes()) {
                    out.push((id, start, start + p.len()));
                }
            }
            at = start + 1;
        }
        out
    }

    /// The whole-word matches among `occurrences`, leftmost first, overlaps resolved to the longest
    /// one starting first.
    fn select<'a>(
        &'a self,
        folded: &str,
        occurrences: Vec<(usize, usize, usize)>,
    ) -> Vec<LexMatch<'a, V>> {
        let mut found: Vec<LexMatch<'a, V>> = Vec::new();
        for (id, s, e) in occurrences {
            if let Some(start) = self.word_start(folded, s, e, self.arabic[id]) {
                found.push(LexMatch { start, word_start: s, end: e, value: &self.values[id] });
            }
        }
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut kept: Vec<LexMatch<'a, V>> = Vec::with_capacity(found.len());
        for m in found {
            if kept.last().is_none_or(|last| m.start >= last.end) {
                kept.push(m);
            }
        }
        kept
    }

    /// Iterator form of [`Lexicon::find_all`].
    pub fn find_iter<'a>(&'a self, folded: &str) -> impl Iterator<Item = LexMatch<'a, V>> + 'a {
        self.find_all(folded).into_iter()
    }

    /// The entry matching exactly `folded_word` (already folded), clitics not allowed.
    pub fn get(&self, folded_word: &str) -> Option<&V> {
        self.index.get(folded_word).map(|&i| &self.values[i])
    }

    /// Checks word boundaries of a candidate at `start..end`; returns where its word starts.
    fn word_start(&self, text: &str, start: usize, end: usize, arabic: bool) -> Option<usize> {
        let last = text[..end].chars().next_back()?;
        if is_word_char(last) && text[end..].chars().next().is_some_and(is_word_char) {
            return None;
        }
        let first = text[start..].chars().next()?;
        let before = &text[..start];
        match before.chars().next_back() {
            Some(c) if is_word_char(first) && is_word_char(c) => {
                if !arabic {
                    return None;
                }
                let word_start = before
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| is_word_char(c))
                    .last()
                    .map(|(i, _)| i)?;
                is_clitic_chain(&text[word_start..start]).then_some(word_start)
            }
            _ => Some(start),
        }
    }
}

/// True when `prefix` (folded) is a sequence of Arabic proclitics allowed before a word:
/// an optional conjunction (و ف), then an optional preposition or particle (ب ل ك س), then an
/// optional article (ال, or ل after ل as in لل).
pub fn is_clitic_chain(prefix: &str) -> bool {
    // On the UTF-8 bytes: every letter involved is two bytes (و D9 88, ف D9 81, ب D8 A8,
    // ل D9 84, ك D9 83, س D8 B3, ا D8 A7). This runs for every Arabic word, several times.
    let mut rest = prefix.as_bytes();
    if let [0xD9, 0x88 | 0x81, r @ ..] = rest {
        rest = r;
    }
    match rest {
        [] => return true,
        [0xD9, 0x84, 0xD9, 0x84, r @ ..] => return r.is_empty(),
        [0xD8, 0xA8 | 0xB3, r @ ..] | [0xD9, 0x84 | 0x83, r @ ..] => {
            if r.is_empty() {
                return true;
            }
            rest = r;
        }
        _ => {}
    }
    rest == "ال".as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_with_clitics() {
        let lex =
            Lexicon::new([("قال".to_string(), 1), ("أكد".to_string(), 2), ("said".into(), 3)])
                .unwrap();
        let text = fold("وقال إنه فأكد والقالب said saidx");
        let found: Vec<_> = lex
            .find_all(&text)
            .into_iter()
            .map(|m| (m.prefix(&text).to_string(), *m.value))
            .collect();
        assert_eq!(found, vec![("و".to_string(), 1), ("ف".to_string(), 2), (String::new(), 3)]);
    }

    #[test]
    fn longest_entry_wins() {
        let lex =
            Lexicon::new([("المتحدث".to_string(), 1), ("المتحدث باسم".to_string(), 2)]).unwrap();
        let text = fold("وقال المتحدث باسم الكرملين");
        let found: Vec<_> = lex.find_all(&text).into_iter().map(|m| *m.value).collect();
        assert_eq!(found, vec![2]);
    }

    #[test]
    fn clitic_chains() {
        for ok in ["", "و", "ف", "وال", "بال", "لل", "ولل", "وب", "فس", "ال", "وبال"]
        {
            assert!(is_clitic_chain(ok), "{ok}");
        }
        for bad in ["ز", "وو", "الو", "بب", "ا"] {
            assert!(!is_clitic_chain(bad), "{bad}");
        }
    }

    #[test]
    fn exact_lookup() {
        let lex = Lexicon::new([("قال".to_string(), 1)]).unwrap();
        assert_eq!(lex.get("قال"), Some(&1));
        assert_eq!(lex.get("قالت"), None);
    }

    #[test]
    fn clitic_chains_on_bytes_as_on_chars() {
        fn reference(prefix: &str) -> bool {
            let mut rest = prefix;
            if let Some(r) = rest.strip_prefix('و').or_else(|| rest.strip_prefix('ف')) {
                rest = r;
            }
            if rest.is_empty() {
                return true;
            }
            if let Some(r) = rest.strip_prefix("لل") {
                return r.is_empty();
            }
            if let Some(r) = ['ب', 'ل', 'ك', 'س'].iter().find_map(|&c| rest.strip_prefix(c)) {
                rest = r;
                if rest.is_empty() {
                    return true;
                }
            }
            rest == "ال"
        }
        for prefix in crate::normalize::tests::enumerated_strings("وفبلكسالمنهxى", 6, 200_000)
        {
            assert_eq!(is_clitic_chain(&prefix), reference(&prefix), "{prefix}");
        }
    }

    #[test]
    fn packed_search_finds_what_the_automaton_finds() {
        let mut seed = 0x853C_49E6_748F_EA9Bu64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        // Few letters, so that entries overlap, share prefixes and suffixes, and follow clitics.
        let letters: Vec<char> = "وفبلاقمن اxy".chars().collect();
        let word = |len: usize, next: &mut dyn FnMut() -> u64| -> String {
            (0..len).map(|_| letters[(next() % letters.len() as u64) as usize]).collect()
        };
        let mut packed_used = 0;
        for round in 0..300 {
            let n = 1 + (next() % 20) as usize;
            let entries: Vec<(String, usize)> = (0..n)
                .map(|i| (word(1 + (next() % 5) as usize, &mut next), i))
                .filter(|(w, _)| !fold(w).is_empty())
                .collect();
            let Ok(lex) = Lexicon::new(entries) else { continue };
            packed_used += usize::from(lex.packed.is_some());
            for _ in 0..20 {
                let len = (next() % (if round % 2 == 0 { 12 } else { 120 })) as usize;
                let text = fold(&word(len, &mut next));
                let key = |ms: Vec<LexMatch<'_, usize>>| {
                    ms.iter().map(|m| (m.start, m.word_start, m.end, *m.value)).collect::<Vec<_>>()
                };
                let by_automaton = key(lex.select(&text, lex.occurrences(&text)));
                assert_eq!(key(lex.find_all(&text)), by_automaton, "{text:?}");
            }
        }
        assert!(
            packed_used > 100,
            "the packed searcher should be available on this CPU ({packed_used})"
        );
    }
}
