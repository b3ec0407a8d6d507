//! "وهذا نص البيان:" closing a paragraph: the statement quoted in full after it.
//!
//! **Reads**: "وهذا نص البيان:" then the paragraphs that follow, up to the end of the article's
//! block and at most `max-quote-bytes`.
//! **Not**: "نص" elsewhere ("نص القانون على …").
//! **Data**: `text-of` in `data/ar-function.tsv`, media nouns of `data/ar-media.tsv`.
//! **Fixture**: `tests/fixtures/ar-text-of.txt`.

use isnad_core::QuoteKind;

use crate::draft::{Draft, trim_content};
use crate::lexicon::{Class, Role};
use crate::view::View;

/// "وهذا نص البيان:" closing a paragraph: the paragraphs after it, up to the end of the article
/// body, are the statement quoted in full.
pub(super) fn claim(v: &View<'_>, i: usize, max_bytes: usize) -> Option<Draft> {
    let media = i + 1;
    if media >= v.len() || !v.has(media, Role::Media) {
        return None;
    }
    let colon = v.tags[media].last as usize + 1;
    if colon >= v.len() || !v.is_punct(colon, &[':']) || v.paragraph_end(colon) != colon {
        return None;
    }
    let first = colon + 1;
    if first >= v.len() || v.block(first) != v.block(i) {
        return None;
    }
    let start = v.toks[first].span.start();
    let mut last = v.paragraph_end(first);
    while last + 1 < v.len()
        && v.block(last + 1) == v.block(i)
        && v.toks[v.paragraph_end(last + 1)].span.end() - start <= max_bytes
    {
        last = v.paragraph_end(last + 1);
    }
    let (a, b) = trim_content(v, start, v.toks[last].span.end());
    Some(Draft {
        cue: (i, v.tags[media].last as usize),
        content: (a, b),
        kind: QuoteKind::Direct,
        speaker: None,
        implicit: true,
        medium: Some(v.bytes(media, v.tags[media].last as usize)),
        confidence: 0.7,
        class: Class::Speech,
        block: v.block(i),
    })
}
