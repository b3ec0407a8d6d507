//! A document seen through the linker's lexicon: tokens with their folded forms and the lexicon
//! entries that start at them.

use isnad_core::{Document, Normalized, Sentence, Span, Token, TokenKind};

use crate::lexicon::{Cat, Entry, LangLex, Words};
use crate::morph;

/// The two languages the linker knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Ar,
    En,
}

/// A lexicon entry found at a token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    pub entry: Entry,
    /// Index of the token the entry starts at (`== the token` unless this is a continuation).
    pub first: u32,
    /// Number of tokens the entry covers.
    pub len: u32,
    /// True when a preposition clitic (ب ل ك) stands before the entry ("بمؤسسة", "للملك"): the
    /// word is then governed by something before it.
    pub governed: bool,
}

/// Per-document view used by every step of the linker.
pub(crate) struct Ctx<'d> {
    pub text: &'d str,
    pub norm: &'d Normalized,
    pub tokens: &'d [Token],
    pub sentences: &'d [Sentence],
    pub lang: Lang,
    pub lex: &'static LangLex,
    /// For each token, the lexicon entry covering it.
    pub hits: Vec<Option<Hit>>,
}

impl<'d> Ctx<'d> {
    pub fn new(doc: &'d Document, norm: &'d Normalized, lang: Lang, lex: &'static LangLex) -> Ctx<'d> {
        let tokens = &doc.layers.tokens[..];
        // (The folded words are sliced as the lexicon asks for them: a vector of them all cost
        // as much again as the lookups.)
        let words = Folded { tokens, text: &norm.text };
        let mut hits: Vec<Option<Hit>> = vec![None; tokens.len()];
        let mut i = 0;
        while i < tokens.len() {
            if tokens[i].kind != TokenKind::Word {
                i += 1;
                continue;
            }
            let Some(m) = lex.match_at(&words, i) else {
                i += 1;
                continue;
            };
            let prefix = &words.word(i)[..m.prefix];
            let governed = prefix.trim_start_matches(['و', 'ف']).starts_with(['ب', 'ل', 'ك']);
            for slot in &mut hits[i..i + m.len] {
                *slot = Some(Hit { entry: m.entry, first: i as u32, len: m.len as u32, governed });
            }
            i += m.len;
        }
        Ctx { text: &doc.text, norm, tokens, sentences: &doc.layers.sentences, lang, lex, hits }
    }

    /// The folded form of token `i`.
    pub fn folded(&self, i: usize) -> &'d str {
        let t = &self.tokens[i];
        &self.norm.text[t.norm.0 as usize..t.norm.1 as usize]
    }

    /// The original text of token `i`.
    pub fn orig(&self, i: usize) -> &'d str {
        self.tokens[i].span.slice(self.text)
    }

    /// True for letter or number tokens.
    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.tokens[i].kind, TokenKind::Word | TokenKind::Number)
    }

    /// The category of the lexicon entry covering token `i`.
    pub fn cat(&self, i: usize) -> Option<Cat> {
        self.hits[i].map(|h| h.entry.cat)
    }

    /// True when an entry starts at token `i` (not a continuation of a longer entry).
    pub fn starts_entry(&self, i: usize) -> bool {
        self.hits[i].is_some_and(|h| h.first as usize == i)
    }

    /// The comparison key of token `i`.
    pub fn key(&self, i: usize) -> String {
        morph::word_key(self.folded(i))
    }

    /// True when token `i` carries the Arabic article.
    pub fn definite(&self, i: usize) -> bool {
        self.lang == Lang::Ar && morph::is_definite(self.folded(i))
    }

    /// True when token `i` starts with an upper-case letter (English names).
    pub fn capitalized(&self, i: usize) -> bool {
        self.orig(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Indices of the tokens inside `span`.
    pub fn token_range(&self, span: Span) -> std::ops::Range<usize> {
        let a = self.tokens.partition_point(|t| t.span.end() <= span.start());
        // Tokens are sorted and do not overlap, so the end is searched from `a` on, galloping
        // (mentions and cues end a few tokens on); same result as a search over all tokens.
        let rest = &self.tokens[a..];
        let inside = |t: &Token| t.span.start() < span.end();
        let mut hi = 1;
        while hi <= rest.len() && inside(&rest[hi - 1]) {
            hi *= 2;
        }
        let lo = hi / 2;
        let b = a + lo + rest[lo..hi.min(rest.len())].partition_point(inside);
        a..b.max(a)
    }

    /// Index of the sentence holding byte `at`.
    pub fn sentence_of(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end() <= at);
        (i < self.sentences.len() && self.sentences[i].span.start() <= at).then_some(i)
    }

    /// The original text from the start of token `a` to the end of token `b` (inclusive).
    pub fn slice(&self, a: usize, b: usize) -> &'d str {
        &self.text[self.tokens[a].span.start()..self.tokens[b].span.end()]
    }

    /// The span from the start of token `a` to the end of token `b` (inclusive).
    pub fn span(&self, a: usize, b: usize) -> Span {
        self.tokens[a].span.cover(self.tokens[b].span)
    }
}

/// The folded forms of a document's tokens, as the lexicon reads them.
struct Folded<'d> {
    tokens: &'d [Token],
    text: &'d str,
}

impl Words for Folded<'_> {
    fn count(&self) -> usize {
        self.tokens.len()
    }

    #[inline]
    fn word(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.text[t.norm.0 as usize..t.norm.1 as usize]
    }
}

/// A set of byte positions given as spans (the speaker mentions and contents of claims), merged
/// into sorted disjoint intervals: "is this position inside any of them?" is then one binary
/// search, not a pass over every span for every candidate word.
pub(crate) struct Cover {
    intervals: Vec<(usize, usize)>,
}

impl Cover {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Cover {
        let mut spans: Vec<(usize, usize)> =
            spans.into_iter().filter(|s| s.start() < s.end()).map(|s| (s.start(), s.end())).collect();
        spans.sort_unstable();
        let mut intervals: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match intervals.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => intervals.push((a, b)),
            }
        }
        Cover { intervals }
    }

    /// True when some span has `start <= at < end`.
    pub fn contains(&self, at: usize) -> bool {
        let k = self.intervals.partition_point(|&(_, end)| end <= at);
        k < self.intervals.len() && self.intervals[k].0 <= at
    }
}

/// True for a quotation mark or bracket token, which delimits an alias or a quoted name.
pub(crate) fn is_quote_or_bracket(s: &str) -> bool {
    matches!(s, "\"" | "'" | "“" | "”" | "„" | "«" | "»" | "‘" | "’" | "(" | ")" | "[" | "]")
}

/// True for a comma of either script.
pub(crate) fn is_comma(s: &str) -> bool {
    matches!(s, "," | "،")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_is_any_span_containing() {
        // Overlapping, nested, touching, empty and out-of-order spans.
        let raw = [(10, 20), (15, 30), (40, 45), (45, 50), (60, 60), (70, 80), (72, 75), (5, 8), (100, 101)];
        let spans: Vec<Span> = raw.iter().map(|&(a, b)| Span::new(a, b).unwrap()).collect();
        let cover = Cover::new(spans.iter().copied());
        for at in 0..120 {
            let slow = spans.iter().any(|s| s.start() <= at && at < s.end());
            assert_eq!(cover.contains(at), slow, "{at}");
        }
        assert!(!Cover::new(std::iter::empty()).contains(0));
    }

    #[test]
    fn token_range_gallops_to_the_same_end() {
        use isnad_core::Lang as DocLang;
        let text = "The mayor, Jane Doe, said on Tuesday that the city would \"act soon\" (or later).";
        let mut doc = Document::new("t", text);
        doc.meta.lang = Some(DocLang::En);
        let seg = isnad_text::SegmentStage::new(isnad_text::SegmentConfig::default(), std::path::Path::new(".")).unwrap();
        isnad_core::Stage::process(&seg, &mut doc).unwrap();
        let norm = doc.layers.normalized.clone().unwrap();
        let ctx = Ctx::new(&doc, &norm, Lang::En, crate::lexicon::english().unwrap());
        let slow = |span: Span| {
            let a = ctx.tokens.partition_point(|t| t.span.end() <= span.start());
            let b = ctx.tokens.partition_point(|t| t.span.start() < span.end());
            a..b.max(a)
        };
        for a in 0..=text.len() {
            for b in a..=text.len() {
                if let Ok(span) = Span::new(a, b) {
                    assert_eq!(ctx.token_range(span), slow(span), "{a}..{b}");
                }
            }
        }
    }
}
