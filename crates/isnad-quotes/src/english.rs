//! Reported speech in English news.
//!
//! English puts the reporting clause before the content ("Clinton said that …", "He told
//! reporters: “…”"), after it ("“…,” Clinton said on Thursday." / "…, officials said." /
//! "“…,” said Mr. Smith."), or inside it ("The plan, he said, will fail."). The rules find a cue
//! (a verb form from `data/en-cues.tsv`), check that it is used as a verb (not "the report", "a
//! call"), read the source noun phrase to its left (over auxiliaries: "has also said") or, in
//! "said Smith", to its right, and decide from what follows the cue whether the content comes
//! after it (a that-clause, a colon, a quotation, a clause) or before it (nothing but adverbials up
//! to the end of the sentence). A direct quotation that ends a claim takes in the quotations of
//! the next sentences of its paragraph that have no cue of their own ("“…,” Clinton added. “…”"),
//! and the next paragraphs that are one such quotation and nothing else.
//! "according to X" attributes the rest of its sentence to X.

mod act;
mod aside;
mod bare_verb;
mod claim;
mod colon_name;
mod colon_quote;
mod court_side;
mod dateline;
mod follow_quotes;
mod headline;
mod in_survey;
mod raising;
mod relative_source;
mod reportedly;
mod setting;
mod speaker_phrase;
mod transcript;

use isnad_core::{Act, QuoteKind, TokenKind};

use crate::QuotesConfig;
use crate::draft::{Draft, content_kind, trim_content};
use crate::lexicon::{Class, Cue, Form, Frame, Role};
use crate::view::View;

pub(crate) use act::{act, asks};
use bare_verb::plural_subject_verb;
use claim::claim_at;
use follow_quotes::follow_quotes;

/// Titles that take a period without ending a noun phrase, and company suffixes whose period
/// belongs to the name ("Northvale Dairies Inc. said": the speaker, not a sentence end).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr", "sr", "prof",
    "rev", "u.s", "sgt", "capt", "adm", "maj", "inc", "corp", "ltd", "co", "llc",
];

fn is_title_period(v: &View<'_>, j: usize) -> bool {
    j > 0
        && v.is_punct(j, &['.'])
        && (TITLES.contains(&v.folded(j - 1)) || {
            // An initial: "George W. Bush".
            let mut c = v.original(j - 1).chars();
            matches!((c.next(), c.next()), (Some(c), None) if c.is_ascii_uppercase())
        })
}

/// True when `i` is a cue used as an attribution verb, judged from its neighbours.
fn verbal(v: &View<'_>, i: usize, cue: Cue) -> bool {
    let (form, frame) = (cue.form, cue.frame);
    let last = v.tags[i].last as usize;
    if last + 1 < v.len() && v.is_word(last + 1) {
        let next = v.folded(last + 1);
        // A passive with its agent ("was criticized by"): the agent is no subject here.
        if next == "by" {
            return false;
        }
        // "continues to face", "said to be": an infinitive after a verb of saying is no content.
        if next == "to"
            && cue.class == Class::Speech
            && frame != Frame::Object
            && last + 2 < v.len()
            && v.is_word(last + 2)
            && !starts_upper(v, last + 2)
            && !v.has(last + 2, Role::Det)
            && !v.has(last + 2, Role::Pronoun)
            // "said to reporters", "said to cheers": a plural noun, not an infinitive.
            && (!v.folded(last + 2).ends_with('s') || v.folded(last + 2).ends_with("ss"))
        {
            return false;
        }
    }
    // "called in the ambassador", "called off the strike": the particle makes another verb (but
    // "called in a statement for calm" is the verb of saying and its medium).
    if cue.phrasal
        && last + 1 < v.len()
        && v.has(last + 1, Role::Particle)
        && !(last + 2..(last + 4).min(v.len())).any(|t| v.has(t, Role::Media))
    {
        return false;
    }
    // "spoke about the economy" reports a topic; "spoke at a rally" reports nothing.
    if frame == Frame::About
        && !(last + 1 < v.len()
            && v.is_word(last + 1)
            && matches!(v.folded(last + 1), "about" | "of" | "on" | "against"))
    {
        return false;
    }
    let Some(prev) = i.checked_sub(1) else {
        return matches!(form, Form::En3sg | Form::EnPast) && !cue.noun;
    };
    // "The committee plans to invite …": an infinitive after the -s form makes it the verb.
    let infinitive_after = form == Form::En3sg
        && last + 2 < v.len()
        && v.folded(last + 1) == "to"
        && v.is_word(last + 2)
        && !starts_upper(v, last + 2)
        && !v.has(last + 2, Role::Det);
    let verb_by_infinitive = infinitive_after && !v.has(prev, Role::Det);
    if plural_subject_verb(v, prev, last, cue) {
        return true;
    }
    if cue.noun
        && matches!(form, Form::EnBase | Form::En3sg)
        && !verb_by_infinitive
        && !evidence_verb(v, prev, last, cue)
    {
        // "reports", "plans", "calls": a noun unless a subject stands right before.
        let subject = v.is_word(prev)
            && (v.has(prev, Role::Pronoun)
                || v.has(prev, Role::Aux)
                || starts_upper(v, prev)
                || matches!(v.folded(prev), "that" | "which" | "who"));
        if !subject
            || (form == Form::EnBase
                && !(v.has(prev, Role::Aux)
                    || matches!(v.folded(prev), "they" | "we" | "i" | "you" | "to")))
        {
            return false;
        }
    }
    if form == Form::EnIng
        && v.is_word(prev)
        && matches!(v.folded(prev), "most" | "more" | "very" | "so" | "less" | "least")
    {
        // "the most telling promise": a degree adverb makes the participle an adjective.
        return false;
    }
    if form == Form::EnIng && !participle_ok(v, prev, cue) {
        return false;
    }
    if v.is_wordish(prev) {
        let p = v.folded(prev);
        // "the report", "his call", "a statement of support".
        if v.has(prev, Role::Det) {
            return false;
        }
        if matches!(
            p,
            "for"
                | "with"
                | "in"
                | "on"
                | "at"
                | "by"
                | "from"
                | "into"
                | "about"
                | "against"
                | "under"
                | "over"
                | "without"
        ) {
            return false;
        }
        // "so-called", "well-known", "much-anticipated".
        if matches!(p, "so" | "well" | "much" | "widely" | "long") && form == Form::EnPast {
            return false;
        }
        match form {
            Form::EnBase => {
                // The bare form is a verb after a plural subject, a modal or "to".
                v.has(prev, Role::Pronoun) && !matches!(p, "he" | "she" | "it")
                    || v.has(prev, Role::Aux)
                    || p == "to"
                    // "Audit files from the vendor show that …", "Data show that …"
                    || evidence_verb(v, prev, last, cue)
                    || (frame != Frame::Object && p.ends_with('s') && !p.ends_with("ss"))
                    // Polls: "52 percent say", "most say", "Democrats in Ohio on Tuesday say".
                    || (frame != Frame::Object
                        && !cue.noun
                        && (matches!(p, "percent" | "most" | "many" | "some" | "others" | "both" | "few" | "majority" | "all")
                            || starts_upper(v, prev)))
            }
            Form::En3sg => {
                frame != Frame::Object || v.has(prev, Role::Pronoun) || starts_upper(v, prev)
            }
            Form::EnPast | Form::EnIng => true,
            _ => false,
        }
    } else {
        // After punctuation: a participle after a comma ("…, saying"), a past form in "…,” he
        // said" is read later with its source; a bare form after punctuation is a noun or an
        // imperative; but "42% say", "Others, however, say", "a quarter, 26 percent, say": a
        // quantity or a plural subject before it (over a short aside) makes it the verb.
        matches!(form, Form::EnIng | Form::EnPast | Form::En3sg)
            || (form == Form::EnBase
                && frame != Frame::Object
                && !cue.noun
                && (v.is_punct(prev, &['%']) || aside_after_plural(v, prev)))
    }
}

/// True when the comma at `comma` closes a short aside ("however", "26 percent") after a plural
/// noun or a quantity: "Others, however, say …".
pub(super) fn aside_after_plural(v: &View<'_>, comma: usize) -> bool {
    if !v.is_punct(comma, &[',']) {
        return false;
    }
    let lo = comma.saturating_sub(5).max(start_of(v, comma));
    let Some(open) = (lo..comma).rev().find(|&t| v.is_punct(t, &[','])) else { return false };
    if open == 0
        || open + 1 == comma
        || !(open + 1..comma).all(|t| {
            (v.is_wordish(t)
                && v.tags[t].cue.is_none()
                && !v.has(t, Role::Pronoun)
                && !v.has(t, Role::Aux))
                || v.is_punct(t, &['%'])
        })
    {
        return false;
    }
    let w = open - 1;
    if !v.is_wordish(w) || v.has(w, Role::Pronoun) || v.tags[w].cue.is_some() {
        return false;
    }
    let p = v.folded(w);
    // (Not a number: in "Maria Lopez, 34, a nurse, said" an age stands before an apposition.)
    let quantity = matches!(
        p,
        "half" | "majority" | "most" | "many" | "others" | "some" | "quarter" | "third" | "both"
    );
    let plural = p.len() > 3
        && p.ends_with('s')
        && !p.ends_with("ss")
        && !p.ends_with("us")
        && !p.contains(['\'', '’']);
    quantity || plural
}

/// True when the -ing form of a cue after token `prev` can be the verb: after a comma, an
/// auxiliary or a subordinator for a cue that is also a noun; after an auxiliary, or (for a verb
/// taking an object) right after its noun, for a cue of a view held.
fn participle_ok(v: &View<'_>, prev: usize, cue: Cue) -> bool {
    // "…, saying that": a participle continues a clause; "a strong showing" is a noun.
    let ok = v.is_punct(prev, &[',', '—', '–', ';'])
        || (v.is_word(prev)
            && (v.has(prev, Role::Aux)
                || matches!(v.folded(prev), "while" | "when" | "after" | "before" | "by" | "and")));
    // "super PACs backing Bush", "voters supporting her": a participle of holding a view
    // right after its noun.
    let belief_ok = v.is_word(prev)
        && (v.has(prev, Role::Aux) || cue.frame == Frame::Object && after_noun(v, prev));
    !((cue.class == Class::Belief && !belief_ok) || (cue.class != Class::Belief && !ok && cue.noun))
}

/// True when word `j` can end a noun phrase: no function word, cue, adverb or capital-less
/// -ing/-ed form.
fn after_noun(v: &View<'_>, j: usize) -> bool {
    let w = v.folded(j);
    [Role::Det, Role::Bound, Role::Intro, Role::Aux, Role::Comp, Role::Time, Role::After]
        .iter()
        .all(|&r| !v.has(j, r))
        && (!v.has(j, Role::Pronoun) || matches!(w, "who" | "those"))
        && v.tags[j].cue.is_none()
        && !(w.len() > 4 && (w.ends_with("ly") || w.ends_with("ing") || w.ends_with("ed")))
}

/// "the emails show that …", "a new poll shows Trump leading": a verb of evidence that is also a
/// noun ("the shows") is the verb after a common noun when a clause or its subject follows (a
/// complementiser, a determiner, a name or a number), as a noun would not be followed.
fn evidence_verb(v: &View<'_>, prev: usize, last: usize, cue: Cue) -> bool {
    if cue.act != Act::Perception || cue.frame != Frame::Clause || last + 1 >= v.len() {
        return false;
    }
    // ("Data show that …": a capital that only opens the sentence.)
    let noun_before = v.is_word(prev)
        && (!starts_upper(v, prev) || prev == v.sentence_start(prev))
        && !v.has(prev, Role::Det)
        && !v.has(prev, Role::Pronoun)
        && !v.has(prev, Role::Aux)
        && !matches!(v.folded(prev), "of" | "for" | "with" | "in" | "on" | "at" | "by" | "from");
    // A subject: a determiner, a pronoun, a name or a number ("that" then a verb is the
    // relative of "the cooking shows that aired").
    let subject_at = |j: usize| {
        j < v.len()
            && v.is_wordish(j)
            && (v.has(j, Role::Det)
                || v.has(j, Role::Pronoun)
                || starts_upper(v, j)
                || v.toks[j].kind == TokenKind::Number)
    };
    let n = last + 1;
    // ("the footage shows that several students …": after "that", any word but a verb or a
    // preposition opens the clause; "the cooking shows that aired" has a verb there.)
    let clause_after = (v.is_word(n)
        && v.has(n, Role::Comp)
        && (subject_at(n + 1)
            || n + 1 < v.len()
                && v.is_word(n + 1)
                && !finite_like(v, n + 1)
                && !v.has(n + 1, Role::Bound)
                && !v.has(n + 1, Role::Intro)))
        || (!v.has(n, Role::Pronoun) && subject_at(n));
    noun_before && clause_after
}

/// True when token `j` is a dash: an em or en dash, or a double hyphen.
fn is_dash(v: &View<'_>, j: usize) -> bool {
    v.is_punct(j, &['—', '–'])
        || (!v.is_wordish(j) && v.original(j) == "--")
        // "--" written as two hyphen tokens
        || (v.is_punct(j, &['-']) && (j > 0 && v.is_punct(j - 1, &['-']) || j + 1 < v.len() && v.is_punct(j + 1, &['-'])))
}

/// True when a clause can begin right after token `t`: a comma, semicolon, colon, dash, opening
/// parenthesis or quotation mark.
fn opens_clause_after(v: &View<'_>, t: usize) -> bool {
    v.is_punct(t, &[',', ';', ':', '—', '–', '(']) || v.is_quote_mark(t)
}

/// First token of the clause of the sentence of token `i` (after a wire dateline: "VIENNA, May
/// 14 (Reuters) -- …").
fn start_of(v: &View<'_>, i: usize) -> usize {
    let sentence = v.sentence_start(i);
    let clause = dateline::clause_start(v, sentence);
    if clause <= i { clause } else { sentence }
}

/// True when token `j` touches the tokens on both sides (the hyphen of "Jean-Marie", not the
/// spaced one of "BRANFORD - The").
fn glued(v: &View<'_>, j: usize) -> bool {
    j > 0
        && j + 1 < v.len()
        && v.toks[j - 1].span.end() == v.toks[j].span.start()
        && v.toks[j].span.end() == v.toks[j + 1].span.start()
}

/// True for the forms of "be" that make a past participle passive.
fn is_be(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "isn't"
            | "wasn't"
            | "aren't"
            | "weren't"
    )
}

/// Last token of the cue at `i`.
fn last_of(v: &View<'_>, i: usize) -> usize {
    v.tags[i].last as usize
}

fn starts_upper(v: &View<'_>, j: usize) -> bool {
    // (An ASCII first byte is decided on the byte: the rules ask this of most tokens they read.)
    let first = v.text.as_bytes()[v.toks[j].span.start()];
    if first.is_ascii() {
        return first.is_ascii_uppercase();
    }
    v.original(j).starts_with(|c: char| c.is_uppercase())
}

/// The noun phrase ending at `end` (inclusive), read leftwards: the source of a cue.
fn source_left(v: &View<'_>, end: usize, floor: usize) -> Option<(usize, usize)> {
    // The word next to the verb heads the subject: a participle or an adverb there ("drawn huge
    // crowds", "stopped", "at last") means the verb has no written subject.
    if v.is_word(end) && !starts_upper(v, end) {
        let w = v.folded(end);
        let adverb = w.ends_with("ly") && !v.has(end, Role::NounLy);
        // ("those polled say": a participle after "those" ends its noun phrase.)
        let after_those = end > floor && v.folded(end - 1) == "those";
        // ("People at the meeting said", "the campaign's polling shows": an -ing word after a
        // determiner or a possessive is a noun.)
        let ing_noun = w.ends_with("ing")
            && end > floor
            && (v.has(end - 1, Role::Det) && v.folded(end - 1) != "of"
                || v.is_punct(end - 1, &['’', '\''])
                || v.folded(end - 1).ends_with("'s")
                || v.folded(end - 1).ends_with("’s"));
        if (w.len() > 4
            && (w.ends_with("ed") || w.ends_with("ing") || adverb)
            && !after_those
            && !ing_noun)
            || matches!(w, "last" | "being" | "been")
        {
            return None;
        }
    }
    // A subject pronoun is the whole noun phrase: in "told reporters he thought" the words
    // before it belong to another clause ("an office he's wanted": also when contracted).
    if v.is_word(end)
        && (v.has(end, Role::Pronoun)
            && matches!(v.folded(end), "he" | "she" | "they" | "we" | "i")
            || speaker_phrase::personal_contraction(v, end))
    {
        return Some((end, end));
    }
    let mut j = end;
    let mut start = None;
    let mut words = 0;
    loop {
        // "Rep. Elijah Cummings (D-Md.) said": a short parenthesis belongs to the name.
        if v.is_punct(j, &[')'])
            && j > floor
            && let Some(open) =
                (j.saturating_sub(8).max(floor)..j).rev().find(|&t| v.is_punct(t, &['(']))
            && open > floor
        {
            start = Some(open);
            j = open - 1;
            continue;
        }
        // "the House Ways and Means Committee": "and" inside a name.
        let name_and = v.is_word(j)
            && v.folded(j) == "and"
            && j > floor
            && starts_upper(v, j - 1)
            && j < end
            && starts_upper(v, j + 1);
        let ok = if v.is_wordish(j) {
            (!v.has(j, Role::Bound) || name_and)
                && !v.has(j, Role::Comp)
                && !v.has(j, Role::Aux)
                // A cue form that is also a noun may head the source ("the congressional report said").
                && v.tags[j].cue.is_none_or(|c| c.noun)
                // Prepositions that open an adverbial, not a part of a name ("for", "of" may be).
                && !matches!(v.folded(j), "during" | "with" | "into" | "over" | "through" | "despite" | "against" | "amid" | "up")
        } else {
            v.mark_of[j].is_none()
                && (is_title_period(v, j)
                    || v.is_punct(j, &['’', '\'', '&', '%'])
                    || v.is_punct(j, &['-']) && glued(v, j))
        };
        if !ok {
            if start.is_some() && j > floor && source_link(v, j) {
                // "close to", "familiar with": the phrase after the head noun goes on
                start = Some(j);
                j -= 1;
                continue;
            }
            break;
        }
        if v.is_wordish(j) {
            words += 1;
        }
        start = Some(j);
        if words >= 12 || j == floor {
            break;
        }
        j -= 1;
    }
    let mut start = start?;
    // A phrase that starts at a preposition is no subject: "by a campaign surrogate who" is "a
    // campaign surrogate who", "of Democrats" (after "85%") stays whole.
    while start < end
        && v.is_word(start)
        && !starts_upper(v, start)
        && (v.has(start, Role::Intro) || v.has(start, Role::Bound))
        && !v.has(start, Role::Pronoun)
    {
        start += 1;
    }
    Some((start, end))
}

/// Whether the preposition at `j` inside a source read leftwards belongs to a modifier of its
/// head noun: "a person close to the minister said" is the person, not the minister; "people
/// familiar with the talks", "sources with knowledge of the deal" (`source-link` words in
/// `data/en-function.tsv`).
fn source_link(v: &View<'_>, j: usize) -> bool {
    let preposition = v.is_word(j) && (v.has(j, Role::Intro) || v.has(j, Role::Bound));
    let linked_before = v.is_word(j - 1) && v.has(j - 1, Role::SourceLink);
    let linked_after = v.folded(j) == "with"
        && j + 1 < v.toks.len()
        && v.is_word(j + 1)
        && v.has(j + 1, Role::SourceLink);
    preposition && (linked_before || linked_after)
}

/// The noun phrase ending at `end` that a participle right after it describes ("a sign saying",
/// "Democrats urging", "with Donald Trump tweeting"), or `None` when the participle belongs to
/// the clause's subject: after a statement or an email a verb sent ("issued a statement
/// saying", "sent an email Wednesday saying"), after the time a verb spends ("spent much of his
/// campaign attacking"), after a preposition ("by telling").
fn reduced_relative_subject(v: &View<'_>, end: usize, floor: usize) -> Option<(usize, usize)> {
    let mut last = end;
    // "an email Wednesday saying": a time word after the noun.
    while last > floor && v.is_word(last) && v.has(last, Role::Time) && starts_upper(v, last) {
        last -= 1;
    }
    if !v.is_wordish(last) || v.has(last, Role::Intro) || v.has(last, Role::Bound) {
        return None;
    }
    let start = relative_source::noun_phrase_start(v, last, floor)?;
    let before = start.checked_sub(1).filter(|&b| b >= floor && v.is_word(b));
    // "Sanders was on CNN talking about …": a noun phrase after a preposition is no subject
    // (but "with Donald Trump tweeting": "with" gives the participle its own).
    if before.is_some_and(|b| {
        (v.has(b, Role::Intro) || v.has(b, Role::Bound))
            && v.folded(b) != "with"
            && !starts_upper(v, b)
    }) {
        return None;
    }
    let sent = v.has(last, Role::Media) && before.is_some_and(|b| speaker_phrase::verb_like(v, b));
    let spent = before.is_some_and(|b| v.has(b, Role::Spend))
        || (start..=last).any(|t| v.has(t, Role::Spend));
    (!sent && !spent && speaker_phrase::is_noun_phrase(v, start, last)).then_some((start, last))
}

/// Skips auxiliaries and adverbs left of a cue ("has also said"): the token before them.
fn before_aux(v: &View<'_>, i: usize, floor: usize) -> Option<usize> {
    let mut j = i.checked_sub(1)?;
    loop {
        while j > floor && v.is_word(j) && skippable(v, j) {
            j -= 1;
        }
        // "He went on to say the plan …": "went on to" carries the subject over to the cue.
        if j > floor + 2
            && v.is_word(j)
            && v.folded(j) == "to"
            && v.folded(j - 1) == "on"
            && matches!(v.folded(j - 2), "went" | "go" | "goes" | "going" | "gone")
        {
            j -= 3;
            continue;
        }
        // A time adverbial between the subject and its verb: "Wells Fargo just this month
        // announced", "officials on Tuesday said", "the State Department two weeks ago said".
        if j > floor + 1 && v.is_word(j) && v.has(j, Role::Time) {
            let prev = v.folded(j - 1);
            if v.folded(j) == "ago" {
                // "two weeks ago", "a year ago"
                let unit = j - 1;
                if unit > floor + 1
                    && v.has(unit, Role::Time)
                    && (v.toks[unit - 1].kind == isnad_core::TokenKind::Number
                        || matches!(
                            v.folded(unit - 1),
                            "a" | "an" | "few" | "several" | "two" | "three"
                        ))
                    && keeps_subject(v, unit - 2)
                {
                    j = unit - 2;
                    continue;
                }
            } else if matches!(prev, "this" | "last" | "next" | "on" | "earlier") {
                // "this month", "last week", "on Tuesday"
                if keeps_subject(v, j - 2) {
                    j -= 2;
                    continue;
                }
            } else if prev == "the"
                && j > floor + 2
                && matches!(v.folded(j - 2), "in" | "over" | "during" | "for")
            {
                // "have in the past said", "over the weekend said"
                if keeps_subject(v, j - 3) {
                    j -= 3;
                    continue;
                }
            } else if v.has(j, Role::After) {
                // "officials Tuesday said", "Clinton yesterday said"
                if keeps_subject(v, j - 1) {
                    j -= 1;
                    continue;
                }
            }
        }
        break;
    }
    if j < floor || (v.is_word(j) && skippable(v, j)) {
        return None;
    }
    Some(j)
}

/// True when the word before a time adverbial can end the subject: not a participle ("a poll
/// released Wednesday found" keeps the time in its noun phrase).
fn keeps_subject(v: &View<'_>, j: usize) -> bool {
    let w = v.folded(j);
    !(v.is_word(j)
        && !starts_upper(v, j)
        && w.len() > 4
        && (w.ends_with("ed") || w.ends_with("ing")))
}

/// Auxiliaries and adverbs between a subject and its verb ("has also said", "basically said").
fn skippable(v: &View<'_>, j: usize) -> bool {
    let w = v.folded(j);
    // ("She has since said": "since" after an auxiliary is an adverb.)
    let since = w == "since" && j > 0 && v.is_word(j - 1) && v.has(j - 1, Role::Aux);
    let adverb = w.len() > 4 && w.ends_with("ly") && !starts_upper(v, j) && !v.has(j, Role::NounLy);
    v.has(j, Role::Aux) || since || adverb
}

/// Last token of the content that starts at `s`: the end of the sentence (or of a quotation that
/// runs past it), cut before a participle that opens the next claim (", adding that …") and
/// before ", according to".
fn content_end(v: &View<'_>, s: usize, cue: usize) -> usize {
    let mut e = v.sentence_end(s);
    // The cue's subject is a relative pronoun after a comma ("X, who said …, did …").
    // ("X, who, on a call on Friday, said …": over an aside between commas after "who".)
    let in_relative = before_aux(v, cue, v.sentence_start(cue)).is_some_and(|l| {
        let relative = |w: usize| {
            w > 0
                && v.is_punct(w - 1, &[','])
                && v.folded(w)
                    .split(['\'', '’'])
                    .next()
                    .is_some_and(|w| matches!(w, "who" | "which"))
        };
        relative(l)
            || (v.is_punct(l, &[','])
                && (l.saturating_sub(12).max(v.sentence_start(cue))..l)
                    .any(|w| relative(w) && v.is_punct(w + 1, &[','])))
    });
    let mut t = s;
    while t <= e {
        if let Some(qi) = v.opening(t) {
            let last = v.quotes[qi as usize].last_tok();
            if last > e {
                e = v.sentence_end(last);
            }
            // "…,” adding that …": the participle after the quotation starts a new claim.
            if last < e && v.tags[last + 1].cue.is_some_and(|c| c.form == Form::EnIng) {
                return last;
            }
            t = last + 1;
            continue;
        }
        if t > s && t < e && (v.is_punct(t, &[',', ';', '—']) || v.is_quote_mark(t)) {
            let n = t + 1;
            let next_cue = v.tags[n].cue.is_some_and(|c| c.form == Form::EnIng);
            if next_cue || v.has(n, Role::AttribPrep) {
                return if v.is_quote_mark(t) { t } else { t - 1 };
            }
        }
        // "The fund's critics, who've argued that the fees are too high, welcomed the review":
        // in a relative clause after a comma, a comma and a finite verb with its object return
        // to the main clause.
        if t > s
            && t < e
            && in_relative
            && v.is_punct(t, &[','])
            && speaker_phrase::clause_verb(v, t + 1)
        {
            return t - 1;
        }
        // "…, though Mrs. Fiorina said …", "…, but for Republicans it is …": a contrastive clause
        // after a comma is the writer's, not the reported content.
        if t > s
            && t < e
            && v.is_punct(t, &[',', ';'])
            && v.is_word(t + 1)
            && matches!(v.folded(t + 1), "though" | "although" | "but" | "whereas" | "while")
        {
            return t - 1;
        }
        // "Asked whether …, Mr. Trump said: …", "Barkley, who said …, said …": a comma, a short
        // subject and a finite reporting verb start the main clause, which is not this content.
        if t > s && t < e && v.is_punct(t, &[',']) {
            let mut n = t + 1;
            while n <= e
                && n - t <= 7
                && (v.is_wordish(n) || is_title_period(v, n))
                && v.tags[n].cue.is_none()
                && !v.has(n, Role::Bound)
                && !v.has(n, Role::Comp)
            {
                n += 1;
            }
            while n <= e && v.is_word(n) && skippable(v, n) {
                n += 1;
            }
            if n <= e
                && v.tags[n]
                    .cue
                    .is_some_and(|c| matches!(c.form, Form::En3sg | Form::EnPast) && !c.noun)
            {
                return t - 1;
            }
        }
        // "… and says he introduced legislation": a second reporting verb of the same subject
        // starts its own claim.
        if t > s && t < e && v.is_word(t) && matches!(v.folded(t), "and" | "but") {
            let mut n = t + 1;
            while n < e && v.is_word(n) && v.has(n, Role::Aux) {
                n += 1;
            }
            let finite =
                v.tags[n].cue.is_some_and(|c| matches!(c.form, Form::En3sg | Form::EnPast));
            let ing = v.tags[n].cue.is_some_and(|c| c.form == Form::EnIng);
            let participle = ing && v.is_punct(t - 1, &[',']);
            // "adding that … and warning that …": participles side by side, each with its clause.
            let parallel = ing
                && v.tags[cue].cue.is_some_and(|c| c.form == Form::EnIng)
                && n < e
                && v.is_word(n + 1)
                && v.has(n + 1, Role::Comp);
            if finite || participle || parallel {
                return if participle { t.saturating_sub(2).max(s) } else { t - 1 };
            }
            // "One in three said … and one in four said …": a short subject and the same
            // reporting verb again make a parallel report, not part of this content. (Only the
            // same verb: in "said the mayor and the governor agreed" the subject is coordinated.)
            let mut m = t + 1;
            while m < e
                && m - t <= 6
                && v.is_wordish(m)
                && v.tags[m].cue.is_none()
                && !v.has(m, Role::Bound)
                && !v.has(m, Role::Comp)
            {
                m += 1;
            }
            while m < e && v.is_word(m) && skippable(v, m) {
                m += 1;
            }
            if m > t + 1
                && m <= e
                && v.tags[m]
                    .cue
                    .is_some_and(|c| matches!(c.form, Form::En3sg | Form::EnPast) && !c.noun)
                && v.folded(m) == v.folded(cue)
            {
                return t - 1;
            }
        }
        t += 1;
    }
    e
}

/// True when token `j` shows that the words before it are the subject of a clause: an
/// auxiliary or adverb, a finite reporting verb, a listed finite verb, or a lower-case -ed form.
fn finite_like(v: &View<'_>, j: usize) -> bool {
    if !v.is_word(j) || starts_upper(v, j) {
        return false;
    }
    let w = v.folded(j);
    v.has(j, Role::Aux)
        || v.has(j, Role::Verb)
        || v.tags[j].cue.is_some_and(|c| matches!(c.form, Form::En3sg | Form::EnPast))
        || (w.len() > 4 && w.ends_with("ed"))
}

/// True when token `j` opens a sentence adverbial rather than a subject ("In May", "Likewise",
/// "Speaking at …", "Once he was president").
fn opens_adverbial(v: &View<'_>, j: usize) -> bool {
    let w = v.folded(j);
    // (A capitalised -ly or -ing word before another capitalised one is a name: "Carly
    // Fiorina", "Peyton Manning".)
    let name = starts_upper(v, j)
        && j + 1 < v.len()
        && v.is_word(j + 1)
        && starts_upper(v, j + 1)
        && !v.has(j + 1, Role::After)
        && !v.has(j + 1, Role::Time);
    v.has(j, Role::Intro)
        || v.has(j, Role::After)
        || v.has(j, Role::AttribPrep)
        || (!name
            && w.len() > 4
            && (w.ends_with("ing") || w.ends_with("ly") && !v.has(j, Role::NounLy)))
}

/// The noun phrase starting at `p` that is the subject of a clause: a pronoun, or a run of
/// capitalised words (with determiners, titles and "of"), or a determiner and up to three
/// lower-case words, directly followed (over a parenthesis or a short aside between commas) by
/// a finite-looking verb before `limit`.
fn subject_at(v: &View<'_>, p: usize, limit: usize) -> Option<(usize, usize)> {
    if p >= limit
        || !v.is_wordish(p)
        || opens_adverbial(v, p)
        || v.tags[p].cue.is_some_and(|c| !c.noun)
    {
        return None;
    }
    let e = if v.has(p, Role::Pronoun) {
        if matches!(v.folded(p), "it" | "you" | "i" | "we") {
            return None;
        }
        p
    } else if v.has(p, Role::Det) && v.folded(p) != "of" {
        let mut e = p;
        // ("The Manitoba Teachers' Society": a plural possessive inside a name.)
        let name_apostrophe = |t: usize| {
            v.is_punct(t, &['’', '\''])
                && t + 1 < limit
                && v.is_word(t + 1)
                && starts_upper(v, t + 1)
        };
        while e + 1 < limit
            && e - p < 5
            && (v.is_wordish(e + 1) || name_apostrophe(e + 1))
            && !finite_like(v, e + 1)
            && !v.has(e + 1, Role::Bound)
            && !v.has(e + 1, Role::Comp)
        {
            e += 1;
        }
        if e == p {
            return None;
        }
        e
    } else if starts_upper(v, p) {
        let mut e = p;
        while e + 1 < limit
            && e - p < 8
            && (v.is_wordish(e + 1)
                && (starts_upper(v, e + 1)
                    || (v.folded(e + 1) == "of" && e + 2 < limit && starts_upper(v, e + 2)))
                || is_title_period(v, e + 1)
                || v.is_punct(e + 1, &['’', '\'', '-']) && e + 2 < limit && v.is_wordish(e + 2))
        {
            e += 1;
        }
        // "Federal investigators have", "Democratic voters are": a capitalised modifier and
        // its noun.
        let mut f = e;
        while f + 1 < limit
            && f - e < 2
            && v.is_word(f + 1)
            && !starts_upper(v, f + 1)
            && !finite_like(v, f + 1)
            && plain_word(v, f + 1)
            && !skippable(v, f + 1)
        {
            f += 1;
        }
        // "Opposition leader Marcus Hale called": a capitalised modifier, its noun, then the
        // name the noun is the title of.
        let mut g = f;
        while f > e
            && g + 1 < limit
            && g - f < 4
            && v.is_word(g + 1)
            && starts_upper(v, g + 1)
            && !v.has(g + 1, Role::Time)
            && !v.has(g + 1, Role::After)
        {
            g += 1;
        }
        if f > e && f + 1 < limit && finite_like(v, f + 1) {
            e = f;
        } else if g > f && g + 1 < limit && finite_like(v, g + 1) {
            e = g;
        }
        e
    } else {
        return None;
    };
    // What follows the phrase: a parenthesis ("Sen. Bernie Sanders (I-Vt.)"), a short aside
    // between commas ("Trump, meanwhile, was"), then the verb.
    let mut n = e + 1;
    if n < limit && v.is_punct(n, &['(']) {
        n = (n..limit.min(n + 9)).find(|&t| v.is_punct(t, &[')']))? + 1;
    }
    if n + 1 < limit && v.is_punct(n, &[',']) {
        n = if finite_like(v, n + 1) {
            n + 1
        } else {
            (n + 1..limit.min(n + 6)).find(|&t| v.is_punct(t, &[',']))? + 1
        };
    }
    while n < limit && v.is_word(n) && skippable(v, n) && !v.has(n, Role::Aux) {
        n += 1;
    }
    (n < limit && finite_like(v, n)).then_some((p, e))
}

/// "prompted Anderson Cooper to accuse", "urged them to reject": a name or an object pronoun
/// between a verb and "to" (at `to`) is the subject of the infinitive.
fn infinitive_object(v: &View<'_>, start: usize, to: usize) -> Option<(usize, usize)> {
    let e = to.checked_sub(1).filter(|&e| e > start && v.is_word(e))?;
    if matches!(v.folded(e), "him" | "her" | "them" | "us" | "me") {
        return (finite_like(v, e - 1)).then_some((e, e));
    }
    if !starts_upper(v, e) {
        return None;
    }
    let mut s = e;
    while s > start
        && s + 5 > e
        && (v.is_word(s - 1) && starts_upper(v, s - 1) || is_title_period(v, s - 1))
    {
        s -= 1;
    }
    (s > start && finite_like(v, s - 1)).then_some((s, e))
}

/// A lower-case content word: no function word of the lexicon, no cue.
fn plain_word(v: &View<'_>, j: usize) -> bool {
    [Role::Det, Role::Bound, Role::Intro, Role::Comp, Role::After, Role::Pronoun]
        .iter()
        .all(|&r| !v.has(j, r))
        && v.tags[j].cue.is_none()
}

/// The subject of the sentence's main clause: the first noun phrase after any sentence
/// adverbials ("In May, a judge sided …, saying"; "Speaking at a town hall, Trump went after
/// Bush, calling …"): a pronoun or a run of capitalised words (with determiners and titles), or a
/// determiner and its noun.
fn main_subject(v: &View<'_>, start: usize, before: usize) -> Option<(usize, usize)> {
    let mut p = start;
    for _ in 0..3 {
        if p < before && v.is_word(p) && matches!(v.folded(p), "but" | "and" | "so" | "yet") {
            p += 1;
        }
        // "Hours later, Trump …", "A few days ago, …": a short time phrase before a comma.
        let time_phrase =
            (p + 1..before.min(p + 6)).find(|&t| v.is_punct(t, &[','])).filter(|&c| {
                v.is_word(c - 1)
                    && (v.has(c - 1, Role::Intro) || v.has(c - 1, Role::Time))
                    && (p..c).all(|t| v.is_wordish(t))
            });
        if let Some(c) = time_phrase {
            p = c + 1;
            continue;
        }
        if p < before && v.is_wordish(p) && opens_adverbial(v, p) {
            // "Then he cut into Bush, calling …": an adverb straight before a pronoun subject.
            if p + 1 < before
                && v.is_word(p + 1)
                && v.has(p + 1, Role::Pronoun)
                && !matches!(v.folded(p + 1), "it" | "you" | "i" | "we")
            {
                return Some((p + 1, p + 1));
            }
            // "Last week Stumpf … appeared to blame", "Early Sunday morning Mr. Trump made …": a
            // time phrase without its comma, then the subject.
            let mut q = p + 1;
            while q < before
                && q - p < 4
                && v.is_word(q)
                && (v.has(q, Role::Time) || v.has(q, Role::After))
            {
                q += 1;
            }
            if q > p + 1
                && q < before
                && v.is_word(q)
                && (starts_upper(v, q) || v.has(q, Role::Pronoun))
            {
                p = q;
                continue;
            }
            p = (p + 1..before).find(|&t| v.is_punct(t, &[',']))? + 1;
        } else {
            break;
        }
    }
    if p >= before || !v.is_wordish(p) || opens_adverbial(v, p) {
        return None;
    }
    if v.has(p, Role::Pronoun) {
        return (!matches!(v.folded(p), "it" | "you" | "i" | "we")).then_some((p, p));
    }
    if let Some(np) = subject_at(v, p, before) {
        return Some(np);
    }
    let mut e = p;
    let mut named = starts_upper(v, p) && !v.has(p, Role::Det);
    while e + 1 < before
        && (v.is_wordish(e + 1)
            && (starts_upper(v, e + 1)
                || v.has(e + 1, Role::Det)
                || v.original(e + 1).contains('’'))
            || is_title_period(v, e + 1))
    {
        e += 1;
        named |= starts_upper(v, e) && !v.has(e, Role::Det);
    }
    (named && e - p < 8).then_some((p, e))
}

/// The subject a participle, an infinitive or a coordinated verb at `before` shares with the
/// clause it hangs on ("Trump launched an attack, calling …", "Mr. Cruz pledged to oppose …",
/// "when Rubio thanked Miami and said …"): the nearest noun phrase before it that opens a
/// clause (at the sentence start or after a comma, a conjunction or a closing quotation) and is
/// followed by a finite verb. With `complements` off, a clause after "that" is skipped: a verb coordinated after it ("rejected
/// the idea that the changes amounted to a shake-up and said") belongs to the main clause.
///
/// With `subordinate` off, only clauses opening the sentence or following punctuation count,
/// not those after a conjunction or a wh-word ("what he was talking about").
fn nearest_subject(
    v: &View<'_>,
    start: usize,
    before: usize,
    complements: bool,
    subordinate: bool,
) -> Option<(usize, usize)> {
    let mut p = before;
    while p > start {
        p -= 1;
        let opener = p == start || {
            let q = p - 1;
            opens_clause_after(v, q)
                || (subordinate
                    && v.is_word(q)
                    && q >= start
                    && (v.has(q, Role::Bound) || complements && v.has(q, Role::Comp))
                    && !matches!(v.folded(q), "to" | "of" | "than"))
        };
        if opener && let Some(np) = subject_at(v, p, before) {
            return Some(np);
        }
    }
    None
}

/// "Marley Anderson, 21, a junior from Las Vegas, said …": the subject of a cue right after a
/// comma is a name that opens the clause (at the sentence start, after a sentence adverbial or
/// a closing quotation) followed by its apposition; the mention is the name with the apposition.
fn apposition_subject(v: &View<'_>, comma: usize, sent_start: usize) -> Option<(usize, usize)> {
    let lo = comma.saturating_sub(45).max(sent_start);
    let mut floor = (lo..comma)
        .rev()
        .find(|&t| v.is_quote_mark(t) || v.is_punct(t, &[':', ';']))
        .map_or(sent_start, |t| t + 1);
    if floor == sent_start && comma - sent_start > 45 {
        return None;
    }
    while floor < comma && !v.is_wordish(floor) {
        floor += 1;
    }
    if floor < comma && v.is_word(floor) && matches!(v.folded(floor), "but" | "and" | "so" | "yet")
    {
        floor += 1;
    }
    let mut p = floor;
    for _ in 0..2 {
        let c = (p + 1..comma).find(|&t| v.is_punct(t, &[','])).unwrap_or(comma);
        if opens_adverbial(v, p) {
            // "In an interview on Tuesday, Clinton, 35, said": the subject comes after.
            if c == comma {
                return None;
            }
            p = c + 1;
            continue;
        }
        let words = (p..c).filter(|&t| v.is_wordish(t)).count();
        let head_ok = (p..c).all(|t| {
            (v.is_wordish(t)
                && !v.has(t, Role::Aux)
                && !v.has(t, Role::Comp)
                && !finite_like(v, t)
                && v.tags[t].cue.is_none_or(|c| c.noun))
                || is_title_period(v, t)
                || v.is_punct(t, &['(', ')', '-', '’', '\'', '.'])
        });
        let last_word = (p..c).rev().find(|&t| v.is_wordish(t))?;
        // A lone name before the cue's comma must be a name with a title or a parenthesis
        // ("Sen. Jack Reed (D-R.I.), said"), not the end of a fronted content. A head without a
        // name ("Many recent studies of the minimum wage, often conducted …, have found") is a
        // noun phrase opening the sentence, with no verb in it.
        let nominal = p == floor
            && (v.has(p, Role::Det) || starts_upper(v, p))
            && !(p..c)
                .any(|t| v.is_word(t) && v.folded(t).ends_with("ing") && v.folded(t).len() > 4);
        let named = (starts_upper(v, last_word) || v.is_punct(c - 1, &[')']) || nominal)
            && (c < comma || v.is_punct(c - 1, &[')']));
        // No comma in an apposition is followed by a verb: in "The union's general secretary,
        // Fiona Gallagher, said the strike would go ahead on Monday, adding …" the name's comma
        // is followed by its clause (an apposition may hold a relative clause, not this).
        let opens_verb = (c..comma).any(|t| {
            v.is_punct(t, &[','])
                && t + 1 < comma
                && v.is_word(t + 1)
                && (v.has(t + 1, Role::Aux) || v.tags[t + 1].cue.is_some_and(|q| !q.noun))
        });
        if head_ok && words <= 8 && named && v.is_wordish(p) && !opens_verb {
            return Some((p, comma - 1));
        }
        // "The head of the super PAC backing Jeb Bush, Mike Murphy, praised …": a description,
        // then the name in apposition right before the cue's comma.
        if c < comma {
            let name = c + 1;
            let ok = comma - name <= 5
                && (name..comma).all(|t| {
                    v.is_wordish(t) && starts_upper(v, t) && !opens_adverbial(v, t)
                        || is_title_period(v, t)
                        || v.is_punct(t, &['-', '’', '\''])
                })
                && (name..comma).any(|t| v.is_wordish(t));
            if ok && (c + 1..comma).all(|t| !v.is_punct(t, &[','])) {
                return Some((name, comma - 1));
            }
        }
        return None;
    }
    None
}

/// Finds the claims of an English document.
pub(crate) fn find(v: &View<'_>, cfg: &QuotesConfig) -> Vec<Draft> {
    let mut out = Vec::new();
    let min_words = cfg.min_quote_words as u32;
    let mut i = 0;
    while i < v.len() {
        let here = i;
        i += 1;
        // Only a cue or an attribution preposition starts a claim (every test below ends in
        // `continue` without one): most tokens stop here.
        if v.tags[here].cue.is_none()
            && !v.has(here, Role::AttribPrep)
            && !v.has(here, Role::Survey)
            && !v.has(here, Role::ReportAdverb)
        {
            continue;
        }
        // A short line ending with a closing quotation mark ('' as in the NYT archive) is a
        // sentence, not a headline.
        if cfg.skip_headings && v.paragraph(here).heading && !v.is_quote_mark(v.paragraph_end(here))
        {
            continue;
        }
        if v.quote_of[here].is_some() {
            continue;
        }
        if v.has(here, Role::AttribPrep) {
            if let Some(d) = according_to(v, here) {
                out.push(d);
            }
            continue;
        }
        let Some(cue) = v.tags[here].cue else {
            out.extend(without_cue(v, here, min_words));
            continue;
        };
        if cue.frame != Frame::Raising && !verbal(v, here, cue) {
            continue;
        }
        // "It is worth noting that X reported …": the author's own voice, and what it goes on to
        // tell is background the author vouches for, not an attribution.
        if (start_of(v, here)..=here).any(|k| v.has(k, Role::Author)) {
            continue;
        }
        if cue.frame == Frame::Raising {
            out.extend(raising::claim(v, here, cue));
            continue;
        }
        if court_side::side_participle(v, here, cue) {
            continue;
        }
        if let Some(mut d) = claim_at(v, here, min_words) {
            view_holder(v, here, cue, &mut d);
            // "I think", "you know", "we want" outside quotations: a writer's or a transcript's
            // own voice, not an attributed belief.
            if cue.class == Class::Belief
                && d.speaker
                    .is_some_and(|(a, b)| a == b && matches!(v.folded(a), "i" | "you" | "we"))
            {
                continue;
            }
            if cue.frame == Frame::Tell {
                told_outlet(v, here, &mut d);
            }
            // "Trump defended the plan, saying …": in English the participle's subject is written,
            // as the subject of the clause it hangs on.
            // The same holds for a verb coordinated with an earlier one ("Wilson praised Rubio and
            // said …").
            // (over auxiliaries: "has attacked loopholes and has called for …")
            let coordinated = before_aux(v, here, start_of(v, here))
                .is_some_and(|l| v.is_word(l) && matches!(v.folded(l), "and" | "but"));
            let serial = coordinated
                && before_aux(v, here, start_of(v, here))
                    .is_some_and(|l| l > 0 && v.is_punct(l - 1, &[',']));
            // "Mr. Cruz pledged to oppose …": an infinitive's subject is that of the verb it
            // completes.
            let infinitive = here > 0 && v.is_word(here - 1) && v.folded(here - 1) == "to";
            // "Clinton paused, then revealed why …": a finite verb after a comma (over adverbs)
            // with its content after it continues the clause before the comma.
            let after_comma = matches!(cue.form, Form::EnPast | Form::En3sg)
                && d.content.0 > v.toks[here].span.start()
                && before_aux(v, here, start_of(v, here)).is_some_and(|l| v.is_punct(l, &[',']));
            let coordinated = coordinated || after_comma;
            through_medium(v, here, &out, &mut d);
            // "After saying …, the man …", "While talking …, Cruz …": a participle opening the
            // sentence (after a subordinator) has the subject of the main clause after it.
            let opens = (start_of(v, here)..here).all(|t| v.is_word(t) && opens_adverbial(v, t));
            if cue.form == Form::EnIng && opens && d.speaker.is_none() && d.implicit {
                d.speaker = main_subject(v, start_of(v, here), v.sentence_end(here));
                d.implicit = d.speaker.is_none();
            }
            if cue.form == Form::EnPast && d.speaker.is_none() && d.implicit {
                elliptic_clause(v, here, &mut d);
            }
            fronted_clause(v, here, &mut d);
            parenthetical_participle(v, here, &mut d);
            if (cue.form == Form::EnIng || coordinated || infinitive)
                && d.speaker.is_none()
                && d.implicit
            {
                let start = start_of(v, here);
                // (Drafts come in cue order: the search stops at the sentence start.)
                let earlier = out
                    .iter()
                    .rev()
                    .take_while(|p| p.cue.0 >= start)
                    .find(|p| p.cue.0 < here && p.speaker.is_some());
                // A participle hangs on the main clause; a coordinated verb or an infinitive on
                // the nearest clause.
                d.speaker = if cue.form == Form::EnIng && here == start {
                    // "Recalling that moment, David Axelrod … said": the subject follows.
                    main_subject(v, start, v.sentence_end(here))
                } else if cue.form == Form::EnIng && !coordinated {
                    earlier
                        .and_then(|p| p.speaker)
                        .or_else(|| main_subject(v, start, here))
                        .or_else(|| nearest_subject(v, start, here, true, true))
                } else if serial {
                    // "Farage said the President did not know what he was talking about, and
                    // accused …": after a comma, "and" joins the verb to the main clause, not to
                    // the last clause inside its complement.
                    nearest_subject(v, start, here, false, false)
                        .or_else(|| nearest_subject(v, start, here, false, true))
                        .or_else(|| main_subject(v, start, here))
                        .or_else(|| earlier.and_then(|p| p.speaker))
                } else {
                    let object =
                        if infinitive { infinitive_object(v, start, here - 1) } else { None };
                    object
                        .or_else(|| nearest_subject(v, start, here, infinitive, true))
                        .or_else(|| main_subject(v, start, here))
                        .or_else(|| earlier.and_then(|p| p.speaker))
                };
                d.implicit = d.speaker.is_none();
            }
            speaker_phrase::keep_noun_phrase(v, &mut d);
            out.push(d);
        }
    }
    // "DANA ORTIZ: We never promised …": transcript turns, which no cue opens.
    out.extend(transcript::turns(v, cfg.skip_headings, min_words));
    // "Olsen: “Purifiers are a bandage.”": a body quotation after its speaker's name and a colon.
    out.extend(colon_quote::claims(v, min_words));
    // "Okafor: Audit was rigged": a title that sums up the words of a speaker of the article.
    if let Some(d) = headline::claim(v, &out, min_words) {
        out.insert(0, d);
    }
    out
}

/// "the cooperative said in a statement that read: “…”": the statement's words are those of the
/// subject of the verb it was made through (the latest speaker of the sentence so far).
fn through_medium(v: &View<'_>, here: usize, out: &[Draft], d: &mut Draft) {
    let start = start_of(v, here);
    if here > 0 && d.speaker.is_none() && relative_source::medium_relative(v, here - 1, start) {
        d.speaker = out.iter().rev().take_while(|p| p.cue.0 >= start).find_map(|p| p.speaker);
        d.implicit = d.speaker.is_none();
    }
}

/// The claim a word other than a cue opens: "reportedly", or a survey noun after "in".
fn without_cue(v: &View<'_>, here: usize, min_words: u32) -> Option<Draft> {
    if v.has(here, Role::ReportAdverb) {
        reportedly::claim(v, here, min_words)
    } else {
        in_survey::claim(v, here, min_words)
    }
}

/// "a group backing Bush", "donors supporting her": the participle of a view held describes
/// the noun phrase right before it, whatever the clause's subject.
fn view_holder(v: &View<'_>, here: usize, cue: Cue, d: &mut Draft) {
    if cue.form == Form::EnIng
        && cue.class == Class::Belief
        && here > 0
        && v.is_word(here - 1)
        && !v.has(here - 1, Role::Aux)
    {
        let np = relative_source::noun_phrase_start(v, here - 1, start_of(v, here));
        d.speaker = np.map(|s| (s, here - 1));
        d.implicit = false;
    }
}

/// "told CNN", "told The Washington Post": a named hearer of "told" is the outlet.
fn told_outlet(v: &View<'_>, here: usize, d: &mut Draft) {
    let first = v.tags[here].last as usize + 1;
    let mut e = first;
    while e < v.len()
        && (v.is_word(e)
            && starts_upper(v, e)
            && !v.has(e, Role::Pronoun)
            && !v.has(e, Role::After)
            || e > first && is_title_period(v, e))
    {
        e += 1;
    }
    if e > first && v.sentence_end(first) >= e - 1 {
        d.medium = Some(v.bytes(first, e - 1));
    }
}

/// The first comma after the cue at `here`, in its sentence and outside quotations: where a
/// clause the cue stands in gives way to the next one.
fn comma_after_cue(v: &View<'_>, here: usize) -> Option<usize> {
    let last = v.tags[here].last as usize;
    (last + 1..v.sentence_end(here)).find(|&t| v.is_punct(t, &[',']) && v.quote_of[t].is_none())
}

/// Ends the draft's content before the comma at `comma` when the content runs over it (and
/// something of it is left: the comma is not right after the cue at `here`).
fn cut_at_comma(v: &View<'_>, here: usize, comma: usize, d: &mut Draft) {
    let cut = v.toks[comma].span.start();
    if comma > v.tags[here].last as usize + 1 && d.content.0 < cut && d.content.1 > cut {
        d.content = trim_content(v, d.content.0, cut);
    }
}

/// Subordinators that open a clause whose verb may stand without its subject and auxiliary
/// ("When asked about …", "If elected, …", "Once confirmed, …").
const ELLIPTIC_OPENERS: &[&str] = &[
    "when", "whenever", "if", "once", "after", "before", "while", "unless", "until", "though",
    "although",
];

/// "When asked about the polls, Cruz said …", "Asked whether …, she said …": a past participle
/// opening the sentence, alone or after a subordinator, is a passive clause without its subject
/// and "be". What it reports ends at the comma before the main clause (whose own claim then
/// stands), and its speaker is unwritten: the main clause's subject is the one asked.
fn elliptic_clause(v: &View<'_>, here: usize, d: &mut Draft) {
    let start = start_of(v, here);
    let end = v.sentence_end(here);
    // ("Asked about the polls, Cruz said …": the participle may open the sentence itself.)
    if here != start {
        let Some(l) = before_aux(v, here, start) else { return };
        if !(v.is_word(l) && ELLIPTIC_OPENERS.contains(&v.folded(l))) {
            return;
        }
        let clause_start = l == start
            || v.is_punct(l - 1, &[',', ';', '—', '–'])
            || (l - 1 == start
                && v.is_word(l - 1)
                && matches!(v.folded(l - 1), "and" | "but" | "so"));
        if !clause_start {
            return;
        }
    }
    let last = v.tags[here].last as usize;
    let Some(comma) = comma_after_cue(v, here) else { return };
    if main_subject(v, comma + 1, end).is_none() {
        return;
    }
    // The participle is a passive: the main clause's subject is the one asked or told, and
    // whoever asked is not written.
    d.speaker = None;
    d.implicit = false;
    if comma > last + 1 {
        d.content = trim_content(v, v.toks[last + 1].span.start(), v.toks[comma].span.start());
    }
}

/// "The Gazette, citing internal memos, reported that …": a participle between the subject and
/// its verb reports only what lies before the comma that returns to the main clause.
fn parenthetical_participle(v: &View<'_>, here: usize, d: &mut Draft) {
    let cue = match v.tags[here].cue {
        Some(c) if c.form == Form::EnIng => c,
        _ => return,
    };
    if cue.frame != Frame::Object || here == 0 || !v.is_punct(here - 1, &[',']) {
        return;
    }
    let Some(comma) = comma_after_cue(v, here) else { return };
    if comma < v.sentence_end(here) && finite_like(v, comma + 1) {
        cut_at_comma(v, here, comma, d);
    }
}

/// Subordinators whose clause, opening a sentence, ends at the comma before the main clause.
/// ("As he said, …" is left out: there the main clause is what was said.)
const FRONTED_OPENERS: &[&str] = &[
    "when", "whenever", "if", "after", "before", "since", "although", "though", "while", "because",
    "unless", "until", "once",
];

/// "Ever since she endorsed Mrs. Clinton this month, Ms. Warren has been …": a cue inside a
/// subordinate clause that opens the sentence reports no more than that clause; its content ends
/// at the comma that closes it.
fn fronted_clause(v: &View<'_>, here: usize, d: &mut Draft) {
    let start = start_of(v, here);
    let mut p = start;
    if p < here && v.is_word(p) && matches!(v.folded(p), "and" | "but" | "ever" | "even") {
        p += 1;
    }
    if !(p < here && v.is_word(p) && FRONTED_OPENERS.contains(&v.folded(p))) {
        return;
    }
    // The clause must still be open at the cue: no comma or quotation between its opener and the cue.
    if (p + 1..here).any(|t| v.is_punct(t, &[',', ';', ':']) || v.is_quote_mark(t)) {
        return;
    }
    if let Some(comma) = comma_after_cue(v, here) {
        cut_at_comma(v, here, comma, d);
    }
}

/// Content bytes, kind and source tokens of a claim read leftwards.
type Postposed = ((usize, usize), QuoteKind, (usize, usize));

/// "CONTENT, SOURCE VERB." with a source too long for [`source_left`]: the content is the
/// sentence up to its last comma, the source what lies between that comma and the cue.
fn long_source_postposed(
    v: &View<'_>,
    i: usize,
    sent_start: usize,
    min_words: u32,
) -> Option<Postposed> {
    let end = before_aux(v, i, sent_start)?;
    let comma = (sent_start + 1..end).rev().find(|&t| v.is_punct(t, &[',']))?;
    if end - comma > 14 || !v.is_wordish(comma + 1) {
        return None;
    }
    // "…, a move that economists had urged.": a subject after a relative pronoun makes the cue
    // the verb of a relative clause whose object is the noun before the pronoun (what was urged),
    // not a reporting clause after its content.
    if let Some(rel) = (comma + 1..end)
        .rev()
        .find(|&t| v.is_word(t) && matches!(v.folded(t), "that" | "which" | "whom"))
        && speaker_phrase::is_noun_phrase(v, rel + 1, end)
    {
        return None;
    }
    let (a, b) = trim_content(v, v.toks[sent_start].span.start(), v.toks[comma - 1].span.end());
    if v.text[a..b].split_whitespace().count() < 3 {
        return None;
    }
    let kind = content_kind(v, a, b, min_words);
    // "…, he is also the most able candidate Viguerie argues": a clause before the cue's own
    // noun phrase is no part of the source.
    let source = if speaker_phrase::is_noun_phrase(v, comma + 1, end) {
        (comma + 1, end)
    } else {
        source_left(v, end, comma + 1)?
    };
    Some(((a, b), kind, source))
}

/// "According to X, …" / "…, according to X." and "quoting X". ("Citing X" is a participle cue:
/// X is what the subject of its clause cites, the content.)
fn according_to(v: &View<'_>, i: usize) -> Option<Draft> {
    let last = v.tags[i].last as usize;
    let sent_start = start_of(v, i);
    let sent_end = v.sentence_end(i);
    let mut e = last + 1;
    let mut np_end = None;
    while e <= sent_end && e - last <= 10 {
        if v.is_wordish(e) || is_title_period(v, e) || v.is_punct(e, &['’', '\'', '-']) {
            np_end = Some(e);
        } else {
            break;
        }
        e += 1;
    }
    let np_end = np_end?;
    let lead = (sent_start..i).all(|k| !v.is_wordish(k));
    let (a, b) = if lead {
        let s = np_end + 1;
        if s > sent_end {
            return None;
        }
        trim_content(v, v.toks[s].span.start(), v.toks[sent_end].span.end())
    } else {
        let b = if np_end < sent_end && v.is_punct(np_end + 1, &[',']) {
            // "…, according to X, …": the content goes on after the phrase.
            v.toks[sent_end].span.end()
        } else {
            v.toks[i - 1].span.end()
        };
        let (a, b1) = trim_content(v, v.toks[sent_start].span.start(), b);
        (a, b1)
    };
    if v.text[a..b].split_whitespace().count() < 3 {
        return None;
    }
    let d = Draft::indirect(v, (i, last), (a, b), Some((last + 1, np_end)), Class::Speech);
    Some(Draft { confidence: 0.8, ..d })
}
