//! A document seen through the linker's lexicon: tokens with their folded forms and the lexicon
//! entries that start at them.

use std::cell::Cell;

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
#[derive(Clone, Copy, Debug, PartialEq)]
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
///
/// Tagging every token with the lexicon is the largest single cost of the stage, and much of the
/// text is what speakers said, which the linker reads only where a mention or a name runs into
/// it. So the tokens are tagged stretch by stretch, a stretch being the tokens between two tokens
/// that can neither start nor continue a lexicon entry (punctuation, numbers: see
/// `LangLex::rests_have_letters`); leftmost-longest matching gives the same tags whether it runs
/// over the whole document or over each stretch on its own. Stretches wholly inside a claim's
/// content are tagged the first time one of their tokens is asked about (`hit`), the others at
/// once.
pub(crate) struct Ctx<'d> {
    pub text: &'d str,
    pub norm: &'d Normalized,
    pub tokens: &'d [Token],
    pub sentences: &'d [Sentence],
    pub lang: Lang,
    pub lex: &'static LangLex,
    /// The contents of the claims, merged.
    pub contents: Cover,
    /// The contents of the claims, for "is this span inside one of them?".
    pub containers: Containers,
    /// The cues of the claims: a reporting verb is never part of a name ("المدرب حديثه قائلا").
    pub cues: Cover,
    /// For each token, the lexicon entry covering it; `None` while its stretch is untagged.
    hits: Vec<Cell<Option<Option<Hit>>>>,
    /// The tokens where an entry starts, in order, outside the contents (see `entry_starts`).
    starts: Vec<u32>,
    /// Byte spans of the time expressions of the `dates` stage when it ran before, by start.
    timexes: Vec<(usize, usize)>,
}

impl<'d> Ctx<'d> {
    /// `contents`: the contents of the claims.
    pub fn new(
        doc: &'d Document,
        norm: &'d Normalized,
        lang: Lang,
        lex: &'static LangLex,
        contents: &[Span],
    ) -> Ctx<'d> {
        let tokens = &doc.layers.tokens[..];
        let n = tokens.len();
        let mut ctx = Ctx {
            text: &doc.text,
            norm,
            tokens,
            sentences: &doc.layers.sentences,
            lang,
            lex,
            contents: Cover::new(contents.iter().copied()),
            containers: Containers::new(contents),
            cues: Cover::new(doc.layers.claims.iter().map(|c| c.cue)),
            hits: vec![Cell::new(Some(None)); n],
            starts: Vec::new(),
            timexes: doc.layers.timexes.iter().map(|t| (t.span.start(), t.span.end())).collect(),
        };
        ctx.timexes.sort_unstable();
        let mut starts = Vec::with_capacity(n / 2);
        if !lex.rests_have_letters || ctx.contents.is_empty() {
            ctx.tag(0, n, Some(&mut starts));
            ctx.starts = starts;
            return ctx;
        }
        let mut s = 0;
        while s < n {
            let mut e = s;
            while e < n && !ctx.is_boundary(e) {
                e += 1;
            }
            if e > s {
                if ctx.contents.covers(tokens[s].span.start(), tokens[e - 1].span.end()) {
                    for cell in &ctx.hits[s..e] {
                        cell.set(None);
                    }
                } else {
                    ctx.tag(s, e, Some(&mut starts));
                }
            }
            s = e + 1;
        }
        ctx.starts = starts;
        ctx
    }

    /// The tokens where a lexicon entry starts, in order: all of them except in stretches inside
    /// the contents (whose tokens the scans for names pass over anyway).
    pub fn entry_starts(&self) -> &[u32] {
        &self.starts
    }

    /// True when token `i` can neither start nor continue a lexicon entry.
    fn is_boundary(&self, i: usize) -> bool {
        self.tokens[i].kind != TokenKind::Word && !self.folded(i).chars().any(char::is_alphabetic)
    }

    /// Tags tokens `s..e` (a whole stretch, or the whole document) leftmost-longest; adds the
    /// tokens where an entry starts to `starts`.
    fn tag(&self, s: usize, e: usize, mut starts: Option<&mut Vec<u32>>) {
        let words = Folded { tokens: self.tokens, text: &self.norm.text };
        for cell in &self.hits[s..e] {
            cell.set(Some(None));
        }
        let mut i = s;
        while i < e {
            if self.tokens[i].kind != TokenKind::Word {
                i += 1;
                continue;
            }
            let Some(mut m) = self.lex.match_at(&words, i) else {
                i += 1;
                continue;
            };
            // «وإلى», «والى»: "and to", not the governor «والي» (written with a dotted ي).
            if m.prefix == 0
                && m.entry.cat == Cat::Title
                && words.word(i) == "والي"
                && self.orig(i) != "والي"
            {
                match self.lex.lookup(&words, i, "الي", 'و'.len_utf8()) {
                    Some(stop) => m = stop,
                    None => {
                        i += 1;
                        continue;
                    }
                }
            }
            if m.entry.cat == Cat::Title && m.len == 1 && self.given_name_title(&words, i, m.prefix)
            {
                i += 1;
                continue;
            }
            if m.entry.cat == Cat::Stop && self.not_the_stop_word(i) {
                i += 1;
                continue;
            }
            let prefix = &words.word(i)[..m.prefix];
            let governed = prefix.trim_start_matches(['و', 'ف']).starts_with(['ب', 'ل', 'ك'])
                || (m.prefix == 0 && self.after_detached_preposition(i));
            for cell in &self.hits[i..i + m.len] {
                cell.set(Some(Some(Hit {
                    entry: m.entry,
                    first: i as u32,
                    len: m.len as u32,
                    governed,
                })));
            }
            if let Some(starts) = starts.as_deref_mut() {
                starts.push(i as u32);
            }
            i += m.len;
        }
    }

    /// True when token `i` is a preposition of one letter written apart, with a tatweel, before a
    /// quoted or bracketed name: «لـ"مرصد العدالة"», «بـ(الأونروا)».
    pub fn detached_preposition(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word
            && matches!(self.folded(i), "ل" | "ب" | "ك" | "ول" | "وب")
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind != TokenKind::Word && is_quote_or_bracket(self.orig(i + 1)))
    }

    /// True when word `i` follows a detached preposition and the quote or bracket it opens.
    pub fn after_detached_preposition(&self, i: usize) -> bool {
        // (most entries follow a word: that test comes first, the tagger pays it on every entry)
        i >= 2
            && self.tokens[i - 1].kind != TokenKind::Word
            && is_quote_or_bracket(self.orig(i - 1))
            && self.detached_preposition(i - 2)
    }

    /// True when the one-word title at token `i` (its clitics `prefix` bytes long) is a given
    /// name (`given` of `data/ar.tsv`). Bare, when a family name with the article or «بن»
    /// follows it («سلطان العنزي»، «سلطان بن سلمان»), where a title would take its place or
    /// country without the article («سلطان عمان»), or right after a comma, where a name stands
    /// in apposition. With the article alone, right after a word of a name that no lexicon
    /// entry covers («محمد الأمين»).
    fn given_name_title(&self, words: &Folded<'_>, i: usize, prefix: usize) -> bool {
        let w = words.word(i);
        if !self.lex.given.contains(&w[prefix..]) {
            return false;
        }
        if prefix == 0 {
            let next = i + 1 < self.tokens.len()
                && self.tokens[i + 1].kind == TokenKind::Word
                && (self.definite(i + 1) || matches!(words.word(i + 1), "بن" | "ابن"));
            let after_comma = i > 0 && is_comma(self.orig(i - 1));
            return next || after_comma;
        }
        &w[..prefix] == "ال"
            && i > 0
            && self.tokens[i - 1].kind == TokenKind::Word
            && !self.definite(i - 1)
            && matches!(self.hits[i - 1].get(), Some(None))
    }

    /// True when the word `o` is written «علي» with a dotted final ي: the given name ʿAlī, which
    /// folding makes look like the preposition «على» (the stop word). News spelling keeps the two
    /// apart («وزير الكهرباء زياد علي فاضل»); a name written «على», as Egyptian spelling does, stays
    /// ambiguous and is read as the preposition.
    fn given_name_ali(o: &str) -> bool {
        o.strip_prefix('و').unwrap_or(o) == "علي"
    }

    /// True when the stop word found at token `i` is another word that folding made look like
    /// it: «علي» (`given_name_ali`) or a word with the madda («آن»: `isnad_text::arabic::
    /// madda_initial`). The original spelling is read once for both.
    fn not_the_stop_word(&self, i: usize) -> bool {
        let o = self.tokens[i].span.slice(self.text);
        Self::given_name_ali(o) || isnad_text::arabic::madda_initial(o)
    }

    /// True when token `i` lies inside a time expression of the `dates` stage («مساء الاثنين»).
    pub fn in_timex(&self, i: usize) -> bool {
        let t = self.tokens[i].span;
        let k = self.timexes.partition_point(|&(s, _)| s <= t.start());
        k > 0 && self.timexes[k - 1].1 >= t.end()
    }

    /// The lexicon entry covering token `i` (`Some`) when its stretch is tagged; `None` when not yet.
    pub fn peek(&self, i: usize) -> Option<Option<Hit>> {
        self.hits[i].get()
    }

    /// The end of the untagged stretch holding token `i`.
    pub fn untagged_end(&self, i: usize) -> usize {
        let mut e = i;
        while e < self.hits.len() && self.hits[e].get().is_none() {
            e += 1;
        }
        e
    }

    /// The lexicon entry covering token `i`, tagging its stretch first when that was put off.
    pub fn hit(&self, i: usize) -> Option<Hit> {
        isnad_core::work::tick();
        if let Some(h) = self.hits[i].get() {
            return h;
        }
        // Untagged cells are exactly whole stretches (boundary tokens are always tagged).
        let mut s = i;
        while s > 0 && self.hits[s - 1].get().is_none() {
            s -= 1;
        }
        let mut e = i + 1;
        while e < self.hits.len() && self.hits[e].get().is_none() {
            e += 1;
        }
        self.tag(s, e, None);
        self.hits[i].get().flatten()
    }

    /// The folded form of token `i`.
    pub fn folded(&self, i: usize) -> &'d str {
        isnad_core::work::tick();
        let t = &self.tokens[i];
        &self.norm.text[t.norm.0 as usize..t.norm.1 as usize]
    }

    /// The original text of token `i`.
    pub fn orig(&self, i: usize) -> &'d str {
        self.tokens[i].span.slice(self.text)
    }

    /// True for letter or number tokens.
    pub fn is_word(&self, i: usize) -> bool {
        isnad_core::work::tick();
        matches!(self.tokens[i].kind, TokenKind::Word | TokenKind::Number)
    }

    /// The category of the lexicon entry covering token `i`.
    pub fn cat(&self, i: usize) -> Option<Cat> {
        self.hit(i).map(|h| h.entry.cat)
    }

    /// True when an entry starts at token `i` (not a continuation of a longer entry).
    pub fn starts_entry(&self, i: usize) -> bool {
        self.hit(i).is_some_and(|h| h.first as usize == i)
    }

    /// The comparison key of token `i`.
    pub fn key(&self, i: usize) -> String {
        morph::word_key(self.folded(i))
    }

    /// `key`, borrowed when it can be.
    pub fn key_ref(&self, i: usize) -> std::borrow::Cow<'d, str> {
        morph::word_key_ref(self.folded(i))
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
        let mut spans: Vec<(usize, usize)> = spans
            .into_iter()
            .filter(|s| s.start() < s.end())
            .map(|s| (s.start(), s.end()))
            .collect();
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
    #[cfg(test)]
    pub fn contains(&self, at: usize) -> bool {
        let k = self.intervals.partition_point(|&(_, end)| end <= at);
        k < self.intervals.len() && self.intervals[k].0 <= at
    }

    /// True when token `t` lies inside the spans.
    pub fn covers_token(&self, tokens: &[Token], t: usize) -> bool {
        tokens.get(t).is_some_and(|tok| self.covers(tok.span.start(), tok.span.end()))
    }

    /// True when the bytes `a..b` lie inside the spans (inside one merged interval).
    pub fn covers(&self, a: usize, b: usize) -> bool {
        let k = self.intervals.partition_point(|&(_, end)| end <= a);
        k < self.intervals.len() && self.intervals[k].0 <= a && b <= self.intervals[k].1
    }

    pub fn is_empty(&self) -> bool {
        self.intervals.is_empty()
    }

    /// A reader for positions given in increasing order (one pass instead of a search each).
    pub fn cursor(&self) -> CoverCursor<'_> {
        CoverCursor { intervals: &self.intervals, k: 0 }
    }
}

/// Spans for the question "does one of them contain this span?" (`Span::contains`), answered
/// with one binary search: sorted by start, with the furthest end reached so far.
pub(crate) struct Containers {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Containers {
    pub fn new(spans: &[Span]) -> Containers {
        let mut spans: Vec<(usize, usize)> = spans.iter().map(|s| (s.start(), s.end())).collect();
        spans.sort_unstable();
        let mut reach = Vec::with_capacity(spans.len());
        let mut far = 0;
        for &(_, end) in &spans {
            far = far.max(end);
            reach.push(far);
        }
        Containers { starts: spans.into_iter().map(|(start, _)| start).collect(), reach }
    }

    /// True when some span contains `s`.
    pub fn contain(&self, s: Span) -> bool {
        let k = self.starts.partition_point(|&start| start <= s.start());
        k > 0 && self.reach[k - 1] >= s.end()
    }
}

/// Spans sorted by start, with the length of the longest: "which of them contain (or share a
/// byte with) this span?" looks only at the spans starting within that length before it, not at
/// all of them, so that a question per claim stays cheap however many claims a document has.
pub(crate) struct SpanIndex {
    spans: Vec<Span>,
    longest: usize,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanIndex {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort_unstable();
        let longest = spans.iter().map(Span::len).max().unwrap_or(0);
        SpanIndex { spans, longest }
    }

    /// The spans that contain `s` (`Span::contains`), nearest start first.
    pub fn containing(&self, s: Span) -> impl Iterator<Item = Span> + '_ {
        let k = self.spans.partition_point(|m| m.start() <= s.start());
        let floor = s.end().saturating_sub(self.longest);
        self.spans[..k]
            .iter()
            .rev()
            .take_while(move |m| m.start() >= floor)
            .inspect(|_| isnad_core::work::tick())
            .copied()
            .filter(move |m| m.contains(s))
    }

    /// True when one of the spans shares a byte with `s` (`Span::overlaps`).
    pub fn overlaps(&self, s: Span) -> bool {
        let k = self.spans.partition_point(|m| m.start() < s.end());
        self.spans[..k]
            .iter()
            .rev()
            .take_while(|m| m.start() + self.longest > s.start())
            .inspect(|_| isnad_core::work::tick())
            .any(|m| m.overlaps(s))
    }

    /// True when `s` is one of the spans.
    pub fn has(&self, s: Span) -> bool {
        self.spans.binary_search(&s).is_ok()
    }
}

/// See `Cover::cursor`.
pub(crate) struct CoverCursor<'c> {
    intervals: &'c [(usize, usize)],
    k: usize,
}

impl CoverCursor<'_> {
    /// `Cover::contains(at)`, for `at` not smaller than at the previous call.
    pub fn contains(&mut self, at: usize) -> bool {
        while self.k < self.intervals.len() && self.intervals[self.k].1 <= at {
            self.k += 1;
        }
        self.k < self.intervals.len() && self.intervals[self.k].0 <= at
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
pub(crate) mod tests {
    use super::*;

    /// A document of `text` in `lang` after the segment stage, as the speakers stage receives it.
    pub(crate) fn segmented(text: &str, lang: isnad_core::Lang) -> Document {
        let mut doc = Document::new("t", text);
        doc.meta.lang = Some(lang);
        let seg = isnad_text::SegmentStage::new(
            isnad_text::SegmentConfig::default(),
            std::path::Path::new("."),
        )
        .unwrap();
        isnad_core::Stage::process(&seg, &mut doc).unwrap();
        doc
    }

    #[test]
    fn cover_is_any_span_containing() {
        // Overlapping, nested, touching, empty and out-of-order spans.
        let raw = [
            (10, 20),
            (15, 30),
            (40, 45),
            (45, 50),
            (60, 60),
            (70, 80),
            (72, 75),
            (5, 8),
            (100, 101),
        ];
        let spans: Vec<Span> = raw.iter().map(|&(a, b)| Span::new(a, b).unwrap()).collect();
        let cover = Cover::new(spans.iter().copied());
        for at in 0..120 {
            let slow = spans.iter().any(|s| s.start() <= at && at < s.end());
            assert_eq!(cover.contains(at), slow, "{at}");
        }
        assert!(!Cover::new(std::iter::empty()).contains(0));
        let containers = Containers::new(&spans);
        let index = SpanIndex::new(spans.iter().copied());
        for a in 0..120 {
            for b in a..122 {
                let t = Span::new(a, b).unwrap();
                assert_eq!(containers.contain(t), spans.iter().any(|s| s.contains(t)), "{a}..{b}");
                let mut slow: Vec<Span> = spans.iter().copied().filter(|s| s.contains(t)).collect();
                let mut fast: Vec<Span> = index.containing(t).collect();
                slow.sort_unstable();
                fast.sort_unstable();
                assert_eq!(fast, slow, "{a}..{b}");
                assert_eq!(index.overlaps(t), spans.iter().any(|s| s.overlaps(t)), "{a}..{b}");
                assert_eq!(index.has(t), spans.contains(&t), "{a}..{b}");
            }
        }
    }

    #[test]
    fn token_range_gallops_to_the_same_end() {
        use isnad_core::Lang as DocLang;
        let text =
            "The mayor, Jane Doe, said on Tuesday that the city would \"act soon\" (or later).";
        let doc = segmented(text, DocLang::En);
        let norm = doc.layers.normalized.clone().unwrap();
        let ctx = Ctx::new(&doc, &norm, Lang::En, crate::lexicon::english().unwrap(), &[]);
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

    /// Tagging stretch by stretch, some of them only when asked, gives the tags of one pass
    /// over the whole document, whatever order the tokens are asked in.
    #[test]
    fn deferred_tags_are_the_tags_of_one_pass() {
        use isnad_core::Lang as DocLang;
        let texts = [
            (
                DocLang::En,
                "Officials said the plan \"will cut costs, the prime minister's office said, and White House spokesman Josh Earnest agreed\" on Tuesday. \"The State Department, 2 officials, and the minister of foreign affairs,\" he said.",
            ),
            (
                DocLang::Ar,
                "وقال وزير الخارجية أحمد سالم إن \"الأمين العام لحلف شمال الأطلسي، والرئيس الروسي، ووزارة الخارجية الروسية في تصريحات سابقة 3 قالوا\" وأضاف المتحدث باسم الكرملين: «رئيس الحكومة والناطق الرسمي باسم الوزارة، نواف سلام، قال».",
            ),
        ];
        for (lang, text) in texts {
            let doc = segmented(text, lang.clone());
            let norm = doc.layers.normalized.clone().unwrap();
            let (l, lex) = match lang {
                DocLang::Ar => (Lang::Ar, crate::lexicon::arabic().unwrap()),
                _ => (Lang::En, crate::lexicon::english().unwrap()),
            };
            let eager = Ctx::new(&doc, &norm, l, lex, &[]);
            let all: Vec<Option<Hit>> = (0..eager.tokens.len()).map(|i| eager.hit(i)).collect();
            assert!(
                all.iter().filter(|h| h.is_some_and(|h| h.len > 1)).count() >= 2,
                "multi-word entries in {text}"
            );
            // Every quoted stretch as a content, and spans starting and ending inside words too.
            let quoted: Vec<Span> = text
                .match_indices(['"', '«', '»'])
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
                .chunks(2)
                .filter(|c| c.len() == 2)
                .map(|c| Span::new(c[0], c[1]).unwrap())
                .collect();
            let cuts = [(0, text.len()), (5, text.len() - 3), (text.len() / 3, 2 * text.len() / 3)];
            let mut contents = vec![quoted.clone()];
            contents.extend(cuts.iter().map(|&(a, b)| {
                let a = (a..text.len()).find(|&k| text.is_char_boundary(k)).unwrap();
                let b = (b..=text.len()).find(|&k| text.is_char_boundary(k)).unwrap();
                vec![Span::new(a, b).unwrap()]
            }));
            for spans in contents {
                for order in 0..3 {
                    let lazy = Ctx::new(&doc, &norm, l, lex, &spans);
                    let n = lazy.tokens.len();
                    let pending = lazy.hits.iter().filter(|c| c.get().is_none()).count();
                    assert!(pending > 0 && pending < n, "{pending} of {n} deferred in {text}");
                    let idx: Vec<usize> = match order {
                        0 => (0..n).collect(),
                        1 => (0..n).rev().collect(),
                        _ => (0..n).map(|k| (k * 7) % n).collect(),
                    };
                    for i in idx {
                        assert_eq!(lazy.hit(i), all[i], "token {i} ({:?}) of {text}", lazy.orig(i));
                    }
                }
            }
        }
    }
}
