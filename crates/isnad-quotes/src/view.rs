//! The document as the quote rules read it: tokens with their folded forms, tags from the
//! lexicons, sentence and paragraph of each token, and the paired quotation marks.

use isnad_core::{Block, Document, Normalized, Paragraph, Token, TokenKind};

use crate::QuotesConfig;
use crate::lexicon::{Lexicons, Role, Tag};
use crate::marks::{self, Quote};

/// One document prepared for the rules. Token indexes are the common currency.
pub(crate) struct View<'a> {
    /// The original text.
    pub text: &'a str,
    /// The folded text tokens point into.
    pub folded: &'a str,
    /// Tokens of the segment stage.
    pub toks: &'a [Token],
    /// Lexicon tags per token.
    pub tags: Vec<Tag>,
    /// Paragraph index per token.
    pub para: Vec<u32>,
    /// Sentence index per token (`u32::MAX` when a token lies in no sentence).
    pub sent: Vec<u32>,
    /// Paragraphs of the document.
    pub paragraphs: &'a [Paragraph],
    /// Quotations found from the marks, in text order.
    pub quotes: Vec<Quote>,
    /// For each token strictly inside a quotation: its index in `quotes`.
    pub quote_of: Vec<Option<u32>>,
    /// For each quotation mark token that opens or closes a quotation: its index.
    pub mark_of: Vec<Option<u32>>,
    /// First and last token of the sentence of each token (see [`View::ends_sentence`]),
    /// computed once so that no rule walks a sentence to find its ends.
    sent_bounds: Vec<(u32, u32)>,
    /// Last token of the paragraph of each token.
    para_last: Vec<u32>,
    /// Byte spans of the time expressions of the `dates` stage, when it ran before (sorted).
    timexes: Vec<(usize, usize)>,
}

impl<'a> View<'a> {
    /// Builds the view; `None` when the document lacks the layers the stage needs.
    ///
    /// A sentence longer than `cfg.max_sentence_tokens` is read as consecutive windows of that
    /// many tokens: every rule looks at most at its cue's sentence, so this bounds the work per
    /// cue, and with it makes the stage linear in the document whatever the input.
    pub fn new(
        doc: &'a Document,
        lex: &Lexicons,
        english: bool,
        cfg: &QuotesConfig,
    ) -> Option<View<'a>> {
        let norm: &Normalized = doc.layers.normalized.as_ref()?;
        let toks = &doc.layers.tokens[..];
        let paragraphs = &doc.layers.paragraphs[..];
        let sentences = &doc.layers.sentences[..];
        // Tokens without paragraphs (a plugin that provides only tokens) cannot be read.
        if paragraphs.is_empty() && !toks.is_empty() {
            return None;
        }
        let mut para = Vec::with_capacity(toks.len());
        let mut sent = Vec::with_capacity(toks.len());
        let (mut pi, mut si) = (0usize, 0usize);
        for t in toks {
            while pi + 1 < paragraphs.len() && paragraphs[pi].span.end() <= t.span.start() {
                pi += 1;
            }
            while si < sentences.len() && sentences[si].span.end() <= t.span.start() {
                si += 1;
            }
            para.push(pi as u32);
            let inside = sentences.get(si).is_some_and(|s| s.span.start() <= t.span.start());
            sent.push(if inside { si as u32 } else { u32::MAX });
        }
        let mut tags = lex.tag(english, &norm.text, &doc.text, toks);
        if !english {
            crate::arabic::clear_non_cues(&mut tags, toks, &norm.text);
        }
        let quotes = marks::pair(&doc.text, toks, &para, cfg.max_quote_bytes);
        let mut quote_of = vec![None; toks.len()];
        let mut mark_of = vec![None; toks.len()];
        for (qi, q) in quotes.iter().enumerate() {
            mark_of[q.open] = Some(qi as u32);
            if let Some(c) = q.close {
                mark_of[c] = Some(qi as u32);
            }
            for slot in &mut quote_of[q.open + 1..q.end_tok] {
                *slot = Some(qi as u32);
            }
        }
        let mut view = View {
            text: &doc.text,
            folded: &norm.text,
            toks,
            tags,
            para,
            sent,
            paragraphs,
            quotes,
            quote_of,
            mark_of,
            sent_bounds: Vec::new(),
            para_last: Vec::new(),
            timexes: doc.layers.timexes.iter().map(|t| (t.span.start(), t.span.end())).collect(),
        };
        view.timexes.sort_unstable();
        let n = view.len();
        let mut bounds = vec![(0u32, 0u32); n];
        let mut start = 0;
        let window = cfg.max_sentence_tokens.max(1);
        for i in 0..n {
            if view.sentence_break(i) || i + 1 - start >= window {
                for b in &mut bounds[start..=i] {
                    *b = (start as u32, i as u32);
                }
                start = i + 1;
            }
        }
        let mut para_last = vec![0u32; n];
        for i in (0..n).rev() {
            para_last[i] = if i + 1 < n && view.para[i + 1] == view.para[i] {
                para_last[i + 1]
            } else {
                i as u32
            };
        }
        view.sent_bounds = bounds;
        view.para_last = para_last;
        if !english {
            crate::arabic::verb_or_preposition::tag(&mut view, &lex.ar);
        }
        Some(view)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The folded form of token `i`.
    pub fn folded(&self, i: usize) -> &'a str {
        isnad_core::work::tick();
        let (s, e) = self.toks[i].norm;
        &self.folded[s as usize..e as usize]
    }

    /// The original text of token `i`.
    pub fn original(&self, i: usize) -> &'a str {
        isnad_core::work::tick();
        self.toks[i].span.slice(self.text)
    }

    /// True when token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        isnad_core::work::tick();
        self.toks[i].kind == TokenKind::Word
    }

    /// True when token `i` is a word or a number.
    pub fn is_wordish(&self, i: usize) -> bool {
        isnad_core::work::tick();
        matches!(self.toks[i].kind, TokenKind::Word | TokenKind::Number)
    }

    /// True when token `i` is the single punctuation character `c` (folded).
    ///
    /// (Decided on the bytes: a token of one byte is an ASCII character; a longer one is a single
    /// character exactly when its first byte announces that length. Rules ask this of nearly every
    /// token they look at.)
    #[inline]
    pub fn is_punct(&self, i: usize, set: &[char]) -> bool {
        isnad_core::work::tick();
        let t = &self.toks[i];
        if t.kind == TokenKind::Word {
            return false;
        }
        let b = &self.text.as_bytes()[t.span.start()..t.span.end()];
        match b.len() {
            1 => set.contains(&char::from(b[0])),
            2..=4 if utf8_len(b[0]) == b.len() => {
                self.original(i).chars().next().is_some_and(|c| set.contains(&c))
            }
            _ => false,
        }
    }

    /// True when token `i` has lexicon role `r`.
    pub fn has(&self, i: usize, r: Role) -> bool {
        isnad_core::work::tick();
        self.tags[i].roles & r.bit() != 0
    }

    /// The quotation that token `t` opens, if it opens one (its index in `quotes`).
    pub fn opening(&self, t: usize) -> Option<u32> {
        isnad_core::work::tick();
        self.mark_of[t].filter(|&q| self.quotes[q as usize].open == t)
    }

    /// The quotation that token `t` closes, if it closes one (its index in `quotes`).
    pub fn closing(&self, t: usize) -> Option<u32> {
        isnad_core::work::tick();
        self.mark_of[t].filter(|&q| self.quotes[q as usize].close == Some(t))
    }

    /// True when token `i` is any quotation mark character.
    pub fn is_quote_mark(&self, i: usize) -> bool {
        isnad_core::work::tick();
        self.toks[i].kind != TokenKind::Word
            && (self.mark_of[i].is_some()
                || self.original(i).chars().next().is_some_and(marks::is_double_mark))
    }

    /// The paragraph token `i` belongs to.
    pub fn paragraph(&self, i: usize) -> &'a Paragraph {
        &self.paragraphs[self.para[i] as usize]
    }

    /// The block of token `i`'s paragraph.
    pub fn block(&self, i: usize) -> Block {
        self.paragraphs.get(self.para[i] as usize).map_or(Block::Main, |p| p.block)
    }

    /// True when token `i` ends a sentence (it is terminal punctuation at a sentence end, or the
    /// last token of its paragraph).
    pub fn ends_sentence(&self, i: usize) -> bool {
        isnad_core::work::tick();
        self.sent_bounds[i].1 as usize == i
    }

    /// The rule behind [`View::ends_sentence`], evaluated once per token.
    fn sentence_break(&self, i: usize) -> bool {
        if i + 1 >= self.len() || self.para[i + 1] != self.para[i] {
            return true;
        }
        if self.sent[i] != self.sent[i + 1] {
            // An Arabic one-letter abbreviation ("د. بول مرقص", "م. أحمد") does not end one.
            let abbrev = i > 0
                && self.is_punct(i, &['.'])
                && self.is_word(i - 1)
                && self
                    .original(i - 1)
                    .chars()
                    .filter(|&c| isnad_text::normalize::is_arabic_letter(c))
                    .count()
                    == 1;
            return !abbrev;
        }
        // A period glued between two Arabic words ("خطيرا.وقال") ends a sentence even without the
        // space the segmenter waits for (it keeps "3.5" and "U.S." whole).
        i > 0
            && self.quote_of[i].is_none()
            && self.is_punct(i, &['.', '!', '؟', '?'])
            && self.original(i + 1).chars().count() > 2
            && self.toks[i - 1].span.end() == self.toks[i].span.start()
            && self.toks[i].span.end() == self.toks[i + 1].span.start()
            && self.original(i - 1).ends_with(isnad_text::normalize::is_arabic_letter)
            && self.original(i + 1).starts_with(isnad_text::normalize::is_arabic_letter)
    }

    /// True when a sentence starts at token `i`.
    pub fn starts_sentence(&self, i: usize) -> bool {
        i == 0 || self.ends_sentence(i - 1)
    }

    /// First token of the sentence of token `i`.
    pub fn sentence_start(&self, i: usize) -> usize {
        isnad_core::work::tick();
        self.sent_bounds[i].0 as usize
    }

    /// Last token of the sentence of token `i`.
    pub fn sentence_end(&self, i: usize) -> usize {
        isnad_core::work::tick();
        self.sent_bounds[i].1 as usize
    }

    /// First token of the paragraph of token `i`.
    pub fn paragraph_start(&self, i: usize) -> usize {
        let p = self.para[i];
        self.para.partition_point(|&x| x < p)
    }

    /// Last token of the paragraph of token `i`.
    pub fn paragraph_end(&self, i: usize) -> usize {
        isnad_core::work::tick();
        self.para_last[i] as usize
    }

    /// Quotations whose content starts in `start..=end` (bytes), by binary search: the
    /// quotations are sorted, so no rule ever scans them all.
    pub fn quotes_starting_in(&self, start: usize, end: usize) -> &[Quote] {
        let a = self.quotes.partition_point(|q| q.start < start);
        let b = self.quotes.partition_point(|q| q.start <= end);
        &self.quotes[a..b.max(a)]
    }

    /// The quotation whose content starts nearest before or at byte `at`.
    pub fn quote_before(&self, at: usize) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.start <= at);
        i.checked_sub(1).map(|i| &self.quotes[i])
    }

    /// True when token `i` lies inside a time expression found by the `dates` stage.
    pub fn in_timex(&self, i: usize) -> bool {
        isnad_core::work::tick();
        let (s, e) = (self.toks[i].span.start(), self.toks[i].span.end());
        let k = self.timexes.partition_point(|t| t.0 <= s);
        k > 0 && self.timexes[k - 1].1 >= e
    }

    /// Byte range covering tokens `a..=b`.
    pub fn bytes(&self, a: usize, b: usize) -> (usize, usize) {
        (self.toks[a].span.start(), self.toks[b].span.end())
    }
}

/// The length of the UTF-8 sequence that `first` starts (1 for a continuation byte, never seen
/// at a token start).
#[inline]
fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_core::Stage;

    #[test]
    fn is_punct_on_bytes_agrees_with_chars() {
        let segment = isnad_text::SegmentStage::new(
            isnad_text::SegmentConfig::default(),
            std::path::Path::new("."),
        )
        .unwrap();
        let text =
            "قال: «نعم»، — “no” ... ؟ ?! x.y ؛ (a) 💬 €5 ++ -- ‘q’ …\n\"Who,\" she said; 'yes'.";
        let mut doc = Document::new("p", text);
        segment.process(&mut doc).unwrap();
        let lex = Lexicons::load().unwrap();
        let cfg = QuotesConfig { max_quote_bytes: 10_000, ..QuotesConfig::default() };
        let v = View::new(&doc, &lex, false, &cfg).unwrap();
        let sets: [&[char]; 6] = [
            &[','],
            &['،', ','],
            &['.', '!', '؟', '?'],
            &['—', '-'],
            &['💬', '€'],
            &['«', '»', '“', '”', '"', '\''],
        ];
        let mut hits = 0;
        for i in 0..v.len() {
            for set in sets {
                let mut ch = v.original(i).chars();
                let by_chars = !v.is_word(i)
                    && matches!((ch.next(), ch.next()), (Some(c), None) if set.contains(&c));
                assert_eq!(v.is_punct(i, set), by_chars, "{:?} in {set:?}", v.original(i));
                hits += usize::from(by_chars);
            }
        }
        assert!(hits > 10, "the text exercises the sets ({hits})");
    }
}
