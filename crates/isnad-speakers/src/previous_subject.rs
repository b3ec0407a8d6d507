//! English: a pronoun opening a sentence continues the subject of the sentence before it.
//!
//! **Reads**: "Millbrook captain Ben Hollis was unhappy with the refereeing. He claimed the free
//! kick should never have been given." — «He» is Ben Hollis, the titled name that opens the
//! sentence before, though he said nothing there; the nearest earlier *speaker* (a player quoted
//! two paragraphs up) is the wrong person. News prose introduces a person in one sentence and
//! reports their words with a pronoun in the next; the subject of the sentence before is the
//! pronoun's first candidate (its "center"), ahead of speakers further back. A title may have
//! lowercase words before it after a capitalised one ("Local swim coach Dean Pappas believes
//! … He said …").
//! **Not**: a name inside the previous sentence rather than opening it ("The league fined Ben
//! Hollis. He said …" may be the league's spokesman as well as Hollis: the walk's speakers decide);
//! a previous sentence with a claim of its own (its speaker is nearer and comes first anyway); a
//! pronoun that does not open its sentence; "they" and "it" (organisations and groups are
//! resolved from the speakers as before); Arabic, whose unwritten subjects carry the last
//! speaker over ("وتابع") and whose participles continue their own sentence (`host_subject`).
//! **Data**: the titled names of `mention::scan` (`title`, `honorific` of `data/en.tsv`).
//! **Fixture**: `tests/fixtures/en-previous-subject.toml`.

use crate::ctx::{Ctx, Lang, is_comma};

/// Words that may stand between a sentence's start and its subject: articles and a possessive
/// ("The Millbrook captain", "Millbrook's captain, Ben Hollis"), a sentence connective before
/// the pronoun ("But he said").
const OPENERS: &[&str] = &["the", "a", "an", "'s", "’s", "'", "’", "but", "and", "yet", "still"];

/// The entity of the titled name opening the sentence before `sentence` (the one holding
/// `at`), when `at` (a pronoun) opens its own sentence and no speaker was found at or after the
/// previous sentence's start (`last_speaker`: the position of the nearest earlier speaker).
/// `scanned`: titled names outside any content as (position, entity, sentence), in text order.
pub(crate) fn previous_subject(
    ctx: &Ctx<'_>,
    scanned: &[(usize, usize, Option<usize>)],
    sentence: Option<usize>,
    at: usize,
    last_speaker: Option<usize>,
) -> Option<usize> {
    if ctx.lang != Lang::En {
        return None;
    }
    let s = sentence?;
    let prev = s.checked_sub(1)?;
    let here = ctx.sentences[s].span;
    let before = ctx.sentences[prev].span;
    if last_speaker.is_some_and(|p| p >= before.start()) || !opens(ctx, here.start(), at) {
        return None;
    }
    let first = scanned.partition_point(|(pos, _, _)| *pos < before.start());
    let &(pos, idx, sentence) = scanned.get(first)?;
    (sentence == Some(prev) && opens(ctx, before.start(), pos)).then_some(idx)
}

/// True when only capitalised words, commas and `OPENERS` stand between `start` and `at`:
/// whatever is at `at` opens the sentence (its subject, or a title of it).
fn opens(ctx: &Ctx<'_>, start: usize, at: usize) -> bool {
    if at <= start {
        return true;
    }
    let Ok(span) = isnad_core::Span::new(start, at) else { return false };
    let tokens = ctx.token_range(span);
    let opener = |t: usize| {
        let w = ctx.folded(t);
        is_comma(w) || OPENERS.contains(&w) || (ctx.is_word(t) && ctx.capitalized(t))
    };
    // "Local swim coach Dean Pappas believes …": up to two lowercase words just before the
    // title modify it, when a capitalised word that is no opener of `OPENERS` stands before them
    // ("The board sacked coach …" is a clause, its subject the board).
    let lower = tokens.clone().rev().take_while(|&t| ctx.is_word(t) && !ctx.capitalized(t)).count();
    let modified_title = (1..=2).contains(&lower)
        && tokens.len() > lower
        && tokens.clone().rev().nth(lower).is_some_and(|t| {
            ctx.is_word(t) && ctx.capitalized(t) && !OPENERS.contains(&ctx.folded(t))
        });
    let head = tokens.len() - if modified_title { lower } else { 0 };
    tokens.len() <= 6 && tokens.take(head).all(opener)
}
