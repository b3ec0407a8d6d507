//! Coordinated complements: one cue, two statements.
//!
//! **Reads**: "مؤكدة أن جهود الكويت متواصلة وأنها تقف على مسافة واحدة من الجميع" gives two claims
//! of مؤكدة, "جهود الكويت متواصلة" and "تقف على مسافة واحدة من الجميع"; a third "وأن" a third.
//! **Not**: وأن inside a quotation (the speaker's own words); فإن (a consequence, not a second
//! statement).
//! **Data**: `comp` of `data/ar-function.tsv` (after و).
//! **Fixture**: `tests/fixtures/ar-coordinated-complements.txt`.

use super::content::{content_end, coordinated_complementiser};
use crate::draft::{Draft, content_kind, trim_content};
use crate::lexicon::Role;
use crate::view::View;
use isnad_core::QuoteKind;

/// Adds a claim for each complementiser coordinated after a claim's content.
pub(super) fn split(v: &View<'_>, out: &mut Vec<Draft>, max_bytes: usize) {
    let mut more = Vec::new();
    for d in out.iter().filter(|d| d.kind != QuoteKind::Direct && !nests_a_clause(v, d)) {
        let mut content = d.content;
        // (each round starts a claim after the previous one's end: at most one per token)
        for _ in 0..8 {
            let Some(t) = next_word(v, content.1) else { break };
            if !coordinated_complementiser(v, t)
                || v.para[t] != v.para[d.cue.0]
                || t + 1 >= v.len()
                || v.para[t + 1] != v.para[t]
            {
                break;
            }
            let e = content_end(v, t + 1, max_bytes);
            let (a, b) = trim_content(v, v.toks[t + 1].span.start(), v.toks[e].span.end());
            if b <= a {
                break;
            }
            let kind = content_kind(v, a, b, 2);
            more.push(Draft { content: (a, b), kind, ..d.clone() });
            content = (a, b);
        }
    }
    out.extend(more);
}

/// True when the content holds a complementiser of its own (a nested claim's): a "وأن" after
/// it continues that one.
fn nests_a_clause(v: &View<'_>, d: &Draft) -> bool {
    let first = v.toks.partition_point(|t| t.span.start() < d.content.0);
    let last = v.toks.partition_point(|t| t.span.start() < d.content.1);
    (first..last).any(|k| v.has(k, Role::Comp) && v.tags[k].prefix == 0)
}

/// The first word token starting at or after byte `at`, across punctuation.
fn next_word(v: &View<'_>, at: usize) -> Option<usize> {
    let k = v.toks.partition_point(|t| t.span.start() < at);
    (k..v.len().min(k + 3)).find(|&t| v.is_word(t))
}
