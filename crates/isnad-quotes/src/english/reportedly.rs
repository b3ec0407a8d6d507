//! "reportedly": a clause that others, unnamed, report.
//!
//! **Reads**: "The club has reportedly offered the coach a new contract" (content: the clause;
//! no speaker: whoever reported it is not written), "…, and the hackers reportedly reached more
//! than 100 accounts" (the clause after the last comma before the adverb).
//!
//! **Not**: a clause of fewer than four words; "allegedly" (a charge, not a report, and mostly
//! a writer's hedge).
//!
//! **Data**: `data/en-function.tsv` (`report-adverb`).
//!
//! **Fixture**: `tests/fixtures/en-reportedly.txt`.

use crate::draft::{Draft, content_kind, trim_content};
use crate::lexicon::Class;
use crate::view::View;

use super::{opens_clause_after, start_of};

/// The claim of the adverb at `i`: its clause, from the last clause boundary before it to the
/// end of the sentence (or a semicolon).
pub(crate) fn claim(v: &View<'_>, i: usize, min_words: u32) -> Option<Draft> {
    let sent_start = start_of(v, i);
    let sent_end = v.sentence_end(i);
    let from =
        (sent_start..i).rev().find(|&t| opens_clause_after(v, t)).map_or(sent_start, |t| t + 1);
    // (", and the union reportedly walked out": the conjunction joins, it is not reported.)
    let from = if from < i && v.is_word(from) && matches!(v.folded(from), "and" | "but") {
        from + 1
    } else {
        from
    };
    let to = (i + 1..=sent_end).find(|&t| v.is_punct(t, &[';'])).map_or(sent_end, |t| t - 1);
    if from >= i || to <= i {
        return None;
    }
    let (a, b) = trim_content(v, v.toks[from].span.start(), v.toks[to].span.end());
    if v.text[a..b].split_whitespace().count() < 4 {
        return None;
    }
    let kind = content_kind(v, a, b, min_words);
    Some(Draft { kind, ..Draft::indirect(v, (i, i), (a, b), None, Class::Agentless) })
}
