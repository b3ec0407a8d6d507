//! What an English claim attributes: the act of its cue, or `topic` when the cue's object is only
//! what the speech was about.
//!
//! **Reads**: "talked about climate change" (topic), "criticized the plan" (topic), "thanked the
//! volunteers" (topic), "was asked whether Slovenia would seek damages" (topic);
//! "accused the Liberals of wasting $2 billion" (speech: a statement about them), "described
//! the deal as a disaster" (speech), "called the increase “a tax on the poor”" (speech),
//! "criticized the plan, saying …" (the participle is the statement); "testified before the
//! panel last week", "reported from Washington" (topic: a verb of saying with only where, when
//! or how long it was said, no clause); "were told of the delay", "warned the staff about the
//! cuts" (topic: what the hearer was told of); "has not said when the bill will reach the
//! floor", "did not say the plan had failed" (topic: a negated cue of saying states nothing; a
//! claim of speech would give the speaker words they did not say. PolNeAR annotates such
//! attributions with the negation in the cue, so the attribution pipeline keeps them as topics;
//! a negated belief or plan keeps its act); "Karoo Cement reported a 31% fall in half-year
//! profit" (perception: results disclosed, as figures show them; fixture
//! `tests/fixtures/en-reported-results.txt`).
//!
//! **Not**: a cue of another act keeps it ("plans to invite": intention); "according to" is
//! speech.
//!
//! **Data**: `data/en-cues.tsv` (class, frame `object` / `about`, flags `question`, `charge`);
//! `data/en-function.tsv` (`question`: whether, what, about …; `told-of`: of, about;
//! `negation`; `aux`; `comp`; `setting`: before, at, for, from …; `finite`, `verb`;
//! `result-verb`, `result`).
//!
//! **Fixture**: `tests/fixtures/en-topics.txt`.

use isnad_core::{Act, QuoteKind};

use crate::draft::Draft;
use crate::lexicon::{Frame, Role};
use crate::view::View;

/// The act of a draft found by the English rules.
pub(crate) fn act(v: &View<'_>, d: &Draft) -> Act {
    let Some(cue) = v.tags[d.cue.0].cue else {
        // "In the new poll, …": what a survey found.
        let survey = d.speaker.is_some_and(|(_, e)| v.has(e, Role::Survey))
            && v.is_word(d.cue.0)
            && v.folded(d.cue.0) == "in";
        return if survey { Act::Perception } else { Act::Speech };
    };
    if cue.act != Act::Speech {
        return cue.act;
    }
    // "did not say the plan had failed", "has not said when …": nothing was stated.
    if negated(v, d.cue.0) {
        return Act::Topic;
    }
    // Quoted words are always something said.
    if d.kind != QuoteKind::Indirect {
        return Act::Speech;
    }
    let Some(first) = first_content_word(v, d) else { return Act::Speech };
    // "asked whether …", "asked about the polls": what was asked, not an answer.
    if cue.question && v.has(first, Role::Question) {
        return Act::Topic;
    }
    // "testified before the panel last week", "reported from Washington": where or when the
    // speaker spoke, and no clause of what was said.
    if cue.frame == Frame::Clause
        && first == d.cue.1 + 1
        && v.has(first, Role::Setting)
        && !holds_clause(v, d, first)
    {
        return Act::Topic;
    }
    // "Karoo Cement reported a 31% fall in half-year profit": results disclosed, as figures
    // show them.
    if reports_results(v, d, first) {
        return Act::Perception;
    }
    match cue.frame {
        // "talked about the economy", "spoke of his childhood".
        Frame::About => Act::Topic,
        // "Parents were told of the delay", "warned staff about the cuts": what the hearer
        // learnt about, not what was said.
        Frame::Tell if v.has(first, Role::ToldOf) => Act::Topic,
        // "explained how the fund works": what was explained, not a statement (the wh-word
        // right after the cue: in "What comes next is unclear, she wrote" it opens the content).
        Frame::That if v.has(first, Role::Question) && first == d.cue.1 + 1 => Act::Topic,
        Frame::Object if !states_something(v, d, first, cue.charge) => Act::Topic,
        _ => Act::Speech,
    }
}

/// True when the draft reports a question ("asked whether …", "asked what he would tell …"):
/// a cue inside it is part of what was asked, not a report of its own.
pub(crate) fn asks(v: &View<'_>, d: &Draft) -> bool {
    v.tags[d.cue.0].cue.is_some_and(|c| c.question)
        && first_content_word(v, d)
            .is_some_and(|w| v.has(w, Role::Question) && v.folded(w) != "about")
}

/// True when a negation stands among the auxiliaries right before the cue at `i` ("has not
/// said", "didn't say", "never said").
fn negated(v: &View<'_>, i: usize) -> bool {
    (i.saturating_sub(3)..i)
        .rev()
        .take_while(|&t| v.is_word(t) && v.has(t, Role::Aux))
        .any(|t| v.has(t, Role::Negation))
}

/// True when the draft's content from `first` on holds a clause or a quotation: a
/// complementiser, a finite auxiliary, a verb ("on Twitter Trump raised $4 million") or quoted
/// words.
fn holds_clause(v: &View<'_>, d: &Draft, first: usize) -> bool {
    if !v.quotes_starting_in(d.content.0, d.content.1).is_empty() {
        return true;
    }
    (first..v.len()).take_while(|&t| v.toks[t].span.end() <= d.content.1).any(|t| {
        let w = v.folded(t);
        v.is_word(t)
            && (v.has(t, Role::Comp)
                || v.has(t, Role::Finite)
                || v.has(t, Role::Verb)
                || v.tags[t].cue.is_some()
                || w.len() > 4 && w.ends_with("ed"))
    })
}

/// True when the cue is a verb that also discloses results ("reported") and its content, right
/// after it, is an object with a result noun in its first five words and no clause: "reported a
/// 31% fall in half-year profit" ("reported that profit fell" holds a clause: a statement).
fn reports_results(v: &View<'_>, d: &Draft, first: usize) -> bool {
    v.has(d.cue.1, Role::ResultVerb)
        && first == d.cue.1 + 1
        && !holds_clause(v, d, first)
        && (first..v.len())
            .take_while(|&t| v.toks[t].span.end() <= d.content.1)
            .filter(|&t| v.is_word(t))
            .take(5)
            .any(|t| v.has(t, Role::Result))
}

/// The first word of the draft's content.
fn first_content_word(v: &View<'_>, d: &Draft) -> Option<usize> {
    let at = v.toks.partition_point(|t| t.span.start() < d.content.0);
    (at..v.len()).take_while(|&t| v.toks[t].span.start() < d.content.1).find(|&t| v.is_word(t))
}

/// True when the object of a verb like "criticize" comes with what is said of it: a clause
/// ("that …"), a description ("as reckless"), a quoted word ("called the plan a “disaster”"), a
/// charge or a reason ("of wasting …", "for ignoring …"; for a verb flagged `charge`, "of" or
/// "for" whatever follows: "accused the agency of a cover-up").
fn states_something(v: &View<'_>, d: &Draft, first: usize, charge: bool) -> bool {
    if !v.quotes_starting_in(d.content.0, d.content.1).is_empty() {
        return true;
    }
    let words = (first..v.len())
        .take_while(|&t| v.toks[t].span.end() <= d.content.1)
        .filter(|&t| v.is_word(t));
    let mut prev_links = false;
    for t in words {
        let w = v.folded(t);
        if v.has(t, Role::Comp) || w == "as" {
            return true;
        }
        // "of wasting", "for ignoring": a gerund after the object's preposition.
        if prev_links && w.len() > 4 && w.ends_with("ing") {
            return true;
        }
        prev_links = matches!(w, "of" | "for");
        if prev_links && charge {
            return true;
        }
    }
    false
}
