//! Where a sentence's clause starts: after the dateline of a wire story.
//!
//! **Reads**: "VIENNA, May 14 (Reuters) -- Austrian Foreign Minister Katrin Adler said …",
//! "Washington (AFP) – Democrat Hillary Clinton …, saying …", "HALIFAX -- City council voted …",
//! "March 2 (Xinhua) -- Slovak Foreign Minister Juraj Blanar said …": the clause, and so the
//! subject of its verb, starts after the dash.
//!
//! **Not**: an apposition between dashes ("Jason Sims — a teacher from Mount Pleasant — says"), a
//! name with its party ("Sen. Ted Cruz (R-Texas) — who …"), a sentence whose words before the dash
//! are lower case ("The plan — first floated in May — is dead").
//!
//! **Data**: none (the shape of the dateline: capitals, numbers, a one-word agency in brackets).
//!
//! **Fixture**: `tests/fixtures/en-datelines.txt`.

use crate::view::View;

use super::starts_upper;

/// The first token of the clause of the sentence starting at `sent_start`: the token after a
/// dateline's dash, or `sent_start`.
pub(crate) fn clause_start(v: &View<'_>, sent_start: usize) -> usize {
    dateline_end(v, sent_start).map_or(sent_start, |dash_last| dash_last + 1)
}

/// The last token of the dash that ends a dateline opening the sentence at `start`.
fn dateline_end(v: &View<'_>, start: usize) -> Option<usize> {
    let end = v.sentence_end(start);
    if !v.is_word(start) || !starts_upper(v, start) {
        return None;
    }
    let mut marked = false; // a capitalised place, a number or a bracketed agency
    let mut t = start;
    while t < end && t < start + 14 {
        if let Some(last) = dash_at(v, t) {
            let after = last + 1;
            let apposition = (after..=end).any(|k| dash_at(v, k).is_some());
            return (marked && t > start && after <= end && v.is_wordish(after) && !apposition)
                .then_some(last);
        }
        if v.is_word(t) {
            if !starts_upper(v, t) {
                return None;
            }
            let word = v.original(t);
            marked |= word.len() >= 3 && word.chars().all(|c| c.is_uppercase());
        } else if v.is_wordish(t) {
            marked = true;
        } else if v.is_punct(t, &['(']) {
            // "(Reuters)", "(AFP)": one capitalised word in brackets.
            let agency = t + 2 <= end
                && v.is_word(t + 1)
                && starts_upper(v, t + 1)
                && v.is_punct(t + 2, &[')']);
            if !agency {
                return None;
            }
            marked = true;
            t += 2;
        } else if !v.is_punct(t, &[',', '.']) {
            return None;
        }
        t += 1;
    }
    None
}

/// The last token of a dash starting at `t`: an em or en dash, a double hyphen (one token or
/// two), or a hyphen with spaces on both sides ("BRANFORD - The …").
fn dash_at(v: &View<'_>, t: usize) -> Option<usize> {
    if v.is_wordish(t) {
        return None;
    }
    if v.is_punct(t, &['—', '–']) || v.original(t) == "--" {
        return Some(t);
    }
    if v.is_punct(t, &['-']) {
        if t + 1 < v.len() && v.is_punct(t + 1, &['-']) {
            return Some(t + 1);
        }
        let spaced_before = t > 0 && v.toks[t - 1].span.end() < v.toks[t].span.start();
        let spaced_after = t + 1 < v.len() && v.toks[t].span.end() < v.toks[t + 1].span.start();
        if spaced_before && spaced_after {
            return Some(t);
        }
    }
    None
}
