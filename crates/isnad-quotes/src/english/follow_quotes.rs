//! A direct content that ends with a quotation goes on over the quotations after it.
//!
//! **Reads**: "“…,” Clinton added. “…”" (the next sentences of the paragraph that open with a
//! quotation and have no cue of their own) and "“…,” Okafor said on Friday. ¶ “…”" (the next
//! paragraphs that are one quotation of four words or more and nothing else).
//! **Not**: a sentence or paragraph with its own cue; a paragraph with words outside its
//! quotation; a short quoted slogan or title; headings and page furniture.
//! **Fixtures**: `tests/fixtures/en-postposed-direct.txt`, `en-follow-on-quotes.txt`.

use isnad_core::Block;

use crate::marks::Quote;
use crate::view::View;

/// Extends a content that ends with a quotation over the quotations that open the following
/// sentences of the paragraph without a cue of their own, and over the next paragraphs when each
/// is one such quotation and nothing else ("“…,” Espinoza said Friday. ¶ “…”": the speaker goes
/// on; a paragraph with a cue of its own, or with words outside its quotation, stops it).
pub(super) fn follow_quotes(v: &View<'_>, mut last: usize) -> usize {
    loop {
        let n = last + 1;
        if n >= v.len() {
            return last;
        }
        let Some(qi) = v.opening(n) else { return last };
        let q = &v.quotes[qi as usize];
        let Some(close) = q.close else { return last };
        if v.para[n] != v.para[last] && !quoted_paragraph(v, last, n, q) {
            return last;
        }
        let sent_end = v.sentence_end(close);
        // A cue after the quotation makes it its own claim.
        if (close + 1..=sent_end).any(|k| v.tags[k].cue.is_some()) {
            return last;
        }
        last = close;
    }
}

/// Whether the paragraph opening at `first` with quotation `q` only goes on quoting the speaker
/// of the paragraph whose content read so far ends at `last`: nothing but punctuation follows
/// `last` in its paragraph, the quotation (of four words or more: not a slogan or a title) is the
/// whole paragraph, and neither paragraph is a heading or page furniture.
fn quoted_paragraph(v: &View<'_>, last: usize, first: usize, q: &Quote) -> bool {
    let Some(close) = q.close else { return false };
    q.words >= 4
        && (last + 1..=v.paragraph_end(last)).all(|t| !v.is_wordish(t))
        && (close + 1..=v.paragraph_end(first)).all(|t| !v.is_wordish(t))
        && !v.paragraph(first).heading
        && v.block(first) == Block::Main
        && v.block(last) == Block::Main
}
