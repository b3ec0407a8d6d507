//! A poll or survey as the source of what a sentence reports "in" it.
//!
//! **Reads**: "In the new Post-ABC poll, the mayor wins about one in three voters" (source: the
//! new Post-ABC poll; content: the clause after its comma), "In a survey conducted in March,
//! …" (over the participle's phrase), "The governor took just 6 percent in a poll released
//! Sunday" (content: what comes before "in").
//!
//! **Not**: a phrase with a verb in it ("in what the poll found"); a content of fewer than three
//! words ("she rose in the polls"); a clause before "in" that a verb of saying reports ("he
//! said the senator trails in most polls"): the content starts at the clause's boundary.
//!
//! The act is `perception`: what a survey found, as with "the poll shows".
//!
//! **Data**: `data/en-function.tsv` (`survey`: poll, survey and their plurals).
//!
//! **Fixture**: `tests/fixtures/en-in-survey.txt`.

use crate::draft::{Draft, content_kind, trim_content};
use crate::lexicon::{Class, Role};
use crate::view::View;

use super::{is_title_period, opens_adverbial, opens_clause_after, start_of, starts_upper};

/// The claim of the survey noun at `n` when "in" opens its phrase.
pub(crate) fn claim(v: &View<'_>, n: usize, min_words: u32) -> Option<Draft> {
    let sent_start = start_of(v, n);
    let sent_end = v.sentence_end(n);
    // "in" within eight tokens before the noun, with only the words of a noun phrase between.
    let mut i = n.checked_sub(1)?;
    loop {
        if i < sent_start || n - i > 8 {
            return None;
        }
        if v.is_word(i) && v.folded(i) == "in" {
            break;
        }
        let word_ok = v.is_wordish(i)
            && v.tags[i].cue.is_none_or(|c| c.noun)
            && (starts_upper(v, i)
                || v.has(i, Role::Det)
                || v.folded(i) == "and"
                || !(v.has(i, Role::Bound)
                    || v.has(i, Role::Intro)
                    || v.has(i, Role::Comp)
                    || v.has(i, Role::Aux)
                    || v.has(i, Role::Pronoun)));
        let punct_ok = v.is_punct(i, &['-', '’', '\'']) || is_title_period(v, i);
        if !(word_ok || punct_ok) {
            return None;
        }
        i = i.checked_sub(1)?;
    }
    // The phrase ends at the noun, or at the comma after a participle ("a poll conducted in
    // March,"), or with the sentence.
    let next = n + 1;
    let pp_end = if next > sent_end || !v.is_wordish(next) {
        n
    } else {
        let w = v.folded(next);
        if !(w.ends_with("ed") || w == "taken") {
            return None;
        }
        (next..=sent_end)
            .find(|&t| v.is_punct(t, &[',']) && v.quote_of[t].is_none())
            .map_or(sent_end, |c| c - 1)
    };
    let lead = (sent_start..i).all(|k| !v.is_wordish(k));
    let (a, b) = if lead {
        let s = pp_end + 1;
        if s >= sent_end {
            return None;
        }
        trim_content(v, v.toks[s].span.start(), v.toks[sent_end].span.end())
    } else {
        // The clause "in" ends: from the last clause boundary before it, and nothing that
        // another verb of saying reports ("Sanders said …, where he trails in most polls").
        let from = (sent_start..i)
            .rev()
            .find(|&t| {
                opens_clause_after(v, t)
                    || v.is_word(t)
                        && matches!(v.folded(t), "who" | "which" | "where" | "that" | "as")
            })
            .map_or(sent_start, |t| t + 1);
        // ("Despite his low standing in the polls, …": a phrase, not a clause.)
        let phrase = v.is_wordish(from)
            && opens_adverbial(v, from)
            && !(v.has(from, Role::Intro) && v.folded(from) == "but");
        // (Only a cue used as a verb: "a 24-point lead" has the noun "point" in it.)
        let reported =
            (from..i).any(|t| v.tags[t].cue.is_some_and(|c| !c.noun && super::verbal(v, t, c)));
        if from >= i || phrase || reported {
            return None;
        }
        trim_content(v, v.toks[from].span.start(), v.toks[i - 1].span.end())
    };
    if v.text[a..b].split_whitespace().count() < 3 {
        return None;
    }
    let kind = content_kind(v, a, b, min_words);
    Some(Draft { kind, ..Draft::indirect(v, (i, i), (a, b), Some((i + 1, n)), Class::Speech) })
}
