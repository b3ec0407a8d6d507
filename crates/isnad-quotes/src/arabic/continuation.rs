//! A paragraph that is only a quotation, after a paragraph that quotes someone: the same speaker
//! goes on.
//!
//! **Reads**: 'وقال الوزير: «…».' then a paragraph '«…».' with no reporting verb of its own: a
//! direct claim whose speaker is unwritten (the speakers stage gives it the previous speaker).
//! **Not**: a quotation running on over paragraphs with its mark repeated (one quotation, see
//! `marks.rs`); a quoted paragraph after a paragraph that quotes nobody (a title, a slogan);
//! a paragraph with its own reporting verb outside the quotation; headings and related
//! articles.
//! **Data**: none (quotation marks, cues).
//! **Fixture**: `tests/fixtures/ar-continuation.txt`.

use isnad_core::{Block, QuoteKind};

use crate::draft::Draft;
use crate::lexicon::Class;
use crate::view::View;

/// Claims for the paragraphs that only continue the quotation of the paragraph before them.
pub(super) fn claims(v: &View<'_>, out: &[Draft], min_words: u32) -> Vec<Draft> {
    let mut more = Vec::new();
    for first in (0..v.len()).filter(|&t| t == 0 || v.para[t - 1] != v.para[t]) {
        if v.paragraph(first).heading || v.block(first) != Block::Main || first == 0 {
            continue;
        }
        let Some(qi) = v.opening(first) else { continue };
        let q = &v.quotes[qi as usize];
        let last = v.paragraph_end(first);
        // The quotation is the whole paragraph (up to its final punctuation).
        let closes_paragraph = q.close.is_some_and(|c| (c + 1..=last).all(|t| !v.is_wordish(t)));
        if q.words < min_words || !closes_paragraph {
            continue;
        }
        let cue_outside =
            (first..=last).any(|t| v.tags[t].cue.is_some() && v.quote_of[t].is_none());
        if cue_outside {
            continue;
        }
        // The paragraph before quotes someone.
        let prev_para = v.para[first - 1];
        let quoting = out.iter().any(|d| {
            v.para[d.cue.0] == prev_para && matches!(d.kind, QuoteKind::Direct | QuoteKind::Mixed)
        });
        if !quoting {
            continue;
        }
        more.push(Draft {
            cue: (first, first),
            content: (q.start, q.end),
            kind: QuoteKind::Direct,
            speaker: None,
            implicit: true,
            medium: None,
            confidence: 0.5,
            class: Class::Speech,
            block: v.block(first),
        });
    }
    more
}
