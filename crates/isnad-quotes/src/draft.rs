//! A claim while the rules build it, and the steps shared by both languages.

use isnad_core::{Block, QuoteKind};

use crate::lexicon::{Class, Role};
use crate::view::View;

/// A claim found by a rule, in token and byte terms.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    /// First and last token of the cue.
    pub cue: (usize, usize),
    /// Content bytes.
    pub content: (usize, usize),
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// First and last token of the speaker mention.
    pub speaker: Option<(usize, usize)>,
    /// True when the subject is unwritten.
    pub implicit: bool,
    /// Medium bytes.
    pub medium: Option<(usize, usize)>,
    /// How sure the rule is.
    pub confidence: f32,
    /// What the cue reports.
    pub class: Class,
    /// Block of the cue's paragraph.
    pub block: Block,
}

impl Draft {
    /// A claim whose content a rule read without a medium or an unwritten subject: indirect,
    /// with the middle confidence of the English rules (callers change what differs: the kind
    /// when the content holds a quotation, a surer confidence).
    pub(crate) fn indirect(
        v: &View<'_>,
        cue: (usize, usize),
        content: (usize, usize),
        speaker: Option<(usize, usize)>,
        class: Class,
    ) -> Draft {
        Draft {
            cue,
            content,
            kind: QuoteKind::Indirect,
            speaker,
            implicit: false,
            medium: None,
            confidence: 0.6,
            class,
            block: v.block(cue.0),
        }
    }
}

const TRAILING: &[char] = &['.', ',', '،', '؛', ';', ':', ' ', '\n', '-', '–', '—', '…'];

/// Trims punctuation and space from both ends of a byte range; when what is left is exactly one
/// quotation, returns its inside.
pub(crate) fn trim_content(v: &View<'_>, start: usize, end: usize) -> (usize, usize) {
    if end <= start {
        return (start, start);
    }
    let s = &v.text[start..end];
    let lead = s.len() - s.trim_start_matches(TRAILING).len();
    let body = s.trim_start_matches(TRAILING).trim_end_matches(TRAILING);
    let (mut a, mut b) = (start + lead, start + lead + body.len());
    // A content that is one whole quotation: keep the inside. The mark sits just before the
    // quotation's content, so only quotations starting within a few bytes of `a` qualify.
    if let Some(q) = v.quotes_starting_in(a, a + 4).first()
        && v.toks[q.open].span.start() == a
    {
        if q.close.is_none() {
            // An opening mark that never closes: the content starts after it.
            a = q.start.min(b);
        } else {
            let close_end = v.toks[q.close.unwrap_or(q.open)].span.end();
            if close_end >= b {
                a = q.start;
                b = q.end;
                let inner = &v.text[a..b];
                let t = inner.trim_end_matches(TRAILING);
                b = a + t.len();
            }
        }
    }
    if a > b { (start, start) } else { (a, b) }
}

/// True when a quotation inside `start..end` is long enough to count as quoted words.
pub(crate) fn has_quote(v: &View<'_>, start: usize, end: usize, min_words: u32) -> bool {
    v.quotes_starting_in(start, end).iter().any(|q| q.end <= end + 3 && q.words >= min_words)
}

/// The kind of an unquoted-cue content: mixed when it holds a long enough quotation, else indirect.
pub(crate) fn content_kind(v: &View<'_>, start: usize, end: usize, min_words: u32) -> QuoteKind {
    if has_quote(v, start, end, min_words) { QuoteKind::Mixed } else { QuoteKind::Indirect }
}

/// Picks the medium phrase in tokens `from..to`: a media noun and the words after it, or the
/// quoted name right after it ("لـ "صدى البلد"", "وكالة أنباء "تاس"").
pub(crate) fn medium(v: &View<'_>, from: usize, to: usize) -> Option<(usize, usize)> {
    let mut j = from;
    while j < to.min(v.len()) {
        let media = v.has(j, Role::Media);
        let lam = v.folded(j) == "ل" && j + 1 < v.len() && v.mark_of[j + 1].is_some();
        if media || lam {
            let last = v.tags[j].last as usize;
            // A quoted name shortly after the noun is the outlet's name.
            let mut k = last + 1;
            while k < to.min(v.len()) && k <= last + 3 {
                if let Some(q) =
                    v.opening(k).map(|qi| &v.quotes[qi as usize]).filter(|q| q.words <= 5)
                {
                    return Some((q.start, q.end));
                }
                if !v.is_word(k) {
                    break;
                }
                k += 1;
            }
            if lam {
                return None;
            }
            let mut e = last;
            while e + 1 < to.min(v.len())
                && v.is_wordish(e + 1)
                && !v.has(e + 1, Role::Stop)
                && !v.has(e + 1, Role::Comp)
                && !v.has(e + 1, Role::Prep)
                && e + 1 - j < 6
            {
                e += 1;
            }
            return Some(v.bytes(j, e));
        }
        j += 1;
    }
    None
}
