//! One claim read around one cue: its subject, then what follows the cue, then the content.
//!
//! **Reads**, in this order:
//! 1. the subject on the cue's left ([`left_subject`]): a plain noun phrase over auxiliaries
//!    ("Clinton has also said"), a relative antecedent ("a new ad that urges", "Paradis, who
//!    volunteered …, says"), a name before an aside or an apposition ("Trump, speaking at a rally,
//!    warned", "Graham, a former candidate, told"), one before a dashed apposition, a coordinated
//!    verb's unwritten subject ("… and said"), a participle's noun phrase ("a chorus of Democrats
//!    urging");
//! 2. no speaker at all ([`impersonal`], [`passive`]): "it was reported", "Trump is expected to",
//!    "a group called";
//! 3. what follows the cue: an inverted subject ("said Mr. Smith", [`inverted_subject`]), the hearer
//!    of "told" ([`after_hearer`]), then a complementiser, a colon or a quotation
//!    ([`complement`]);
//! 4. the content: before the cue when only adverbials follow it ([`content_before`]: "“…,” he
//!    said on Tuesday", "The plan, he said, will fail"), else a quotation after it
//!    ([`quotation_after`]: "he said, “…”") or a clause after it ([`clause_after`]).
//!
//! **Not**: a passive's subject (what was said, not who said it); a naming participle (no claim
//! at all: "a firm called Northwind"); a bare object of a verb that takes only a that-clause
//! ("wrote the letter").
//!
//! **Fixtures**: `tests/fixtures/en-*.txt` (every English construction passes here).

use isnad_core::{Act, QuoteKind};

use crate::draft::{Draft, content_kind, has_quote, medium, trim_content};
use crate::lexicon::{Class, Cue, Form, Frame, Role};
use crate::view::View;

use super::setting::{self, Opens};
use super::{
    apposition_subject, aside, before_aux, follow_quotes, is_be, is_dash, is_title_period, last_of,
    long_source_postposed, opens_adverbial, plain_word, reduced_relative_subject, relative_source,
    skippable, source_left, speaker_phrase, start_of, starts_upper,
};

/// The cue and its sentence, and whether anybody speaks: what every draft of the cue shares.
struct Reading {
    cue: Cue,
    /// First and last token of the cue.
    i: usize,
    last: usize,
    sent_start: usize,
    sent_end: usize,
    /// An impersonal passive ("it was reported"): no speaker, and none to look for.
    agentless: bool,
    /// A passive or a naming participle: the subject is what was said, not who said it.
    passive: bool,
}

impl Reading {
    /// Where a medium after the cue must end: within a few words, and before a clause content
    /// that follows the cue ("said he would reply in a letter" names no medium of the saying).
    /// A noun-phrase content may run over the medium of its verb ("criticized the budget at a
    /// town hall"), which is still found there.
    fn medium_end(&self, v: &View<'_>, content: (usize, usize)) -> usize {
        let end = (self.last + 8).min(self.sent_end + 1);
        if content.0 < v.toks[self.last].span.end() {
            return end;
        }
        let Some(first) = (self.last + 1..end).find(|&t| v.toks[t].span.start() >= content.0)
        else {
            return end;
        };
        let clause = v.has(first, Role::Comp)
            || (first..end.min(first + 6)).any(|t| {
                v.toks[t].span.start() < content.1
                    && (v.has(t, Role::Finite) || speaker_phrase::clause_verb(v, t))
            });
        if clause { first } else { end }
    }

    fn draft(
        &self,
        v: &View<'_>,
        content: (usize, usize),
        kind: QuoteKind,
        speaker: Option<(usize, usize)>,
        implicit: bool,
        confidence: f32,
    ) -> Draft {
        Draft {
            cue: (self.i, self.last),
            content,
            kind,
            speaker: if self.passive { None } else { speaker },
            implicit: implicit && !self.agentless && !self.passive,
            medium: medium(v, self.last + 1, self.medium_end(v, content)),
            confidence,
            class: self.cue.class,
            block: v.block(self.i),
        }
    }
}

/// The subject found on the cue's left.
struct LeftSubject {
    /// The token before the cue's auxiliaries.
    left: Option<usize>,
    /// The subject's first and last token.
    source: Option<(usize, usize)>,
    /// The token before the subject: where a content before the reporting clause ends.
    edge: Option<usize>,
    /// A coordinated verb ("… and said"): the subject is the first verb's, unwritten here.
    coordinated: bool,
}

impl LeftSubject {
    /// Takes `source` as the subject, its edge the token before it (inside the sentence).
    fn set(&mut self, source: Option<(usize, usize)>, sent_start: usize) {
        self.source = source;
        self.edge = source.and_then(|(s, _)| s.checked_sub(1)).filter(|&e| e >= sent_start);
    }
}

/// What the cue is followed by: `k` is the first token after the cue, its inverted subject and
/// its hearer; the content opens at a complementiser, a colon or a quotation when there is one.
struct Complement {
    k: usize,
    right_source: Option<(usize, usize)>,
    comp: Option<usize>,
    colon: Option<usize>,
    quote: Option<usize>,
    /// A clause without a complementiser after the saying's own time or place ("said on Friday
    /// the council had …"): its first token.
    clause: Option<usize>,
}

pub(super) fn claim_at(v: &View<'_>, i: usize, min_words: u32) -> Option<Draft> {
    let cue = v.tags[i].cue?;
    let last = v.tags[i].last as usize;
    let sent_start = start_of(v, i);
    let sent_end = v.sentence_end(i);
    let mut ls = left_subject(v, i, cue, sent_start);
    // "“…, who knows?” Trump told …": the segmenter ends a sentence after "?”", but the
    // quotation before it is still what the reporting clause reports.
    let opens_sentence = ls.source.map_or(ls.left.is_none(), |(s, _)| s == sent_start);
    if ls.edge.is_none() && opens_sentence && sent_start > 0 && v.para[sent_start - 1] == v.para[i]
    {
        let e = sent_start - 1;
        // (Only after "?" or "!": a quotation ending with a full stop ended its sentence, and
        // "“… loves you.” She says they are going ahead" reports what follows "says".)
        if v.is_quote_mark(e) && v.closing(e).is_some() && e > 0 && v.is_punct(e - 1, &['?', '!']) {
            ls.edge = Some(e);
        }
    }
    let agentless = impersonal(v, i, ls.source);
    if agentless {
        ls.source = None;
    }
    // "a data firm called Northwind": a name given, not a report (`en-naming.txt`).
    if cue.form == Form::EnPast && cue.class == Class::Speech && naming(v, i, sent_start) {
        return None;
    }
    // "wants the coast declared a disaster area": what is wanted, no saying.
    if cue.form == Form::EnPast && object_participle(v, i, sent_start) {
        return None;
    }
    let passive = cue.form == Form::EnPast && passive(v, i, sent_start);
    let r = Reading { cue, i, last, sent_start, sent_end, agentless, passive };
    let after_punct = ls.left.is_some_and(|l| !v.is_wordish(l));
    let c = complement(v, &r, &ls, after_punct, min_words);
    let speaker = ls.source.or(c.right_source);
    if postposed(v, &r, &ls, &c, after_punct, min_words) {
        return content_before(v, &r, &ls, c.k, speaker);
    }
    if let Some(qi) = c.quote {
        return Some(quotation_after(v, &r, qi, ls.edge, speaker));
    }
    clause_after(v, &r, &ls, &c, after_punct, min_words)
}

/// The subject on the left of cue `i`, over its auxiliaries; "who" points one phrase further
/// back.
fn left_subject(v: &View<'_>, i: usize, cue: Cue, sent_start: usize) -> LeftSubject {
    let left = before_aux(v, i, sent_start);
    let mut ls = LeftSubject { left, source: None, edge: left, coordinated: false };
    let Some(l) = left else { return ls };
    if relative_source::medium_relative(v, l, sent_start) {
        // "said in a statement that read: “…”": the subject is the earlier verb's (the quote
        // stage's `find` gives it), not the statement.
        ls.edge = Some(l);
    } else if relative_pronoun(v, l, sent_start) {
        // The mention runs from the antecedent to "who", both being the subject.
        ls.set(relative_source::relative_source(v, l, sent_start), sent_start);
    } else if let Some(w) = (l > sent_start && v.is_punct(l, &[',']))
        .then(|| {
            (sent_start + 1..l).rev().find(|&w| relative_who(v, w) && v.is_punct(w - 1, &[',']))
        })
        .flatten()
        .filter(|&w| l - w <= 16)
    {
        // "Paradis, who volunteered for Bill Clinton in 1992, says …", "The fund's critics,
        // who've argued …, welcomed …": the main verb's subject is the antecedent; "who" and its
        // clause belong to the relative clause's own cue.
        if w >= sent_start + 2 {
            // ("X, who, on a press call Friday, criticized …": an aside right after "who" puts
            // the cue in the relative clause, whose subject runs to "who".)
            let inside = v.is_punct(w + 1, &[',']);
            let end = if inside { w } else { w - 2 };
            let mut source = source_left(v, w - 2, sent_start).map(|(a, _)| (a, end));
            // "Donna Rawlings, 59, of Ashton, Md., who watched …, said": a name with its
            // appositions before the relative clause.
            if let Some((hs, _)) = apposition_subject(v, l, sent_start)
                .filter(|&(hs, _)| source.is_none_or(|(a, _)| hs < a))
            {
                source = Some((hs, end));
            }
            ls.set(source, sent_start);
        }
    } else if v.is_punct(l, &[',']) && l > sent_start {
        comma_subject(v, i, cue, l, sent_start, &mut ls);
    } else if is_dash(v, l) && l > sent_start + 2 {
        dash_subject(v, l, sent_start, &mut ls);
    } else if v.is_punct(l, &[')']) {
        // "Sen. Ted Cruz (R-Texas) said".
        ls.set(source_left(v, l, sent_start), sent_start);
    } else if v.is_wordish(l) && matches!(v.folded(l), "and" | "but") {
        // "Rubio thanked Miami and said …": the subject of the first verb, unwritten here.
        ls.coordinated = true;
    } else if cue.form == Form::EnIng && (l + 1..i).all(|t| !(v.is_word(t) && v.has(t, Role::Aux)))
    {
        // A participle right after a noun phrase: "a chorus of Democrats urging him to …",
        // "with Donald Trump tweeting that …" (that phrase says it); but "Al Jazeera issued a
        // statement saying …" and "Trump spent the day attacking …" go on the clause's own
        // subject (only "is saying", over an auxiliary, has its subject on its left).
        ls.source = reduced_relative_subject(v, l, sent_start);
        ls.edge = Some(ls.source.map_or(l, |(s, _)| s.saturating_sub(1)));
    } else if v.is_wordish(l) || is_title_period(v, l) || v.is_punct(l, &['%']) {
        // (a name ending with an initial's period: "the F.B.I. has said"; a share: "58% say")
        ls.source = source_left(v, l, sent_start);
        ls.edge = match ls.source {
            Some((s, _)) if s > sent_start => Some(s - 1),
            Some(_) => None,
            None => Some(l),
        };
    }
    ls
}

/// True when token `w` is "who", also contracted ("who've", "who's").
fn relative_who(v: &View<'_>, w: usize) -> bool {
    v.is_word(w) && v.folded(w).split(['\'', '’']).next() == Some("who")
}

/// True when token `l` before the cue is a relative pronoun: "who", "which", "whom", and
/// "that" after a noun ("a new ad that urges voters …").
fn relative_pronoun(v: &View<'_>, l: usize, sent_start: usize) -> bool {
    let relative_that = v.is_wordish(l)
        && v.folded(l) == "that"
        && l > sent_start
        && v.is_wordish(l - 1)
        && v.tags[l - 1].cue.is_none()
        && !v.has(l - 1, Role::Comp)
        && !v.has(l - 1, Role::Aux)
        && !v.has(l - 1, Role::Bound)
        && !v.has(l - 1, Role::Pronoun);
    let relative = v.is_wordish(l)
        && (matches!(v.folded(l), "who" | "which" | "whom")
            || v.folded(l).split_once(['\'', '’']).is_some_and(|(w, _)| w == "who"));
    relative || relative_that
}

/// The subject before the comma `l` right before cue `i`: a name before an aside or an
/// apposition.
fn comma_subject(
    v: &View<'_>,
    i: usize,
    cue: Cue,
    l: usize,
    sent_start: usize,
    ls: &mut LeftSubject,
) {
    // "Trump, speaking at a rally in Wilmington, N.C., warned …": an aside.
    if let Some((hs, he)) =
        aside::aside_subject(v, l, sent_start, |end| source_left(v, end, sent_start))
    {
        ls.source = Some((hs, he));
        ls.edge = hs.checked_sub(1).filter(|&e| e >= sent_start);
    // "Graham, a former candidate, told …": a name, then an apposition between commas.
    } else if let Some((as_, _)) = source_left(v, l - 1, sent_start) {
        let head_end = as_ > sent_start + 1 && v.is_punct(as_ - 1, &[',']);
        if head_end
            && (starts_upper(v, as_ - 2)
                || v.is_punct(as_ - 2, &[')'])
                || v.is_wordish(as_ - 2) && starts_upper(v, as_))
            && let Some((hs, _)) = source_left(v, as_ - 2, sent_start)
            && v.is_wordish(hs)
            && (starts_upper(v, hs) || v.has(hs, Role::Det) || v.has(hs, Role::Pronoun))
        {
            ls.source = Some((hs, l - 1));
            ls.edge = hs.checked_sub(1).filter(|&e| e >= sent_start);
        }
    }
    // A longer apposition ("Bob Friedman, a talk show host and operations manager at the oldest
    // black-owned radio station in Alabama, said"), unless a name follows the cue ("…, said
    // Smith").
    let n = last_of(v, i) + 1;
    // (The name after "told" is the hearer: "Graham, a former candidate, told CBS News".)
    let named_after = n < v.len()
        && v.is_word(n)
        && starts_upper(v, n)
        && !v.has(n, Role::After)
        && !matches!(cue.frame, Frame::Tell | Frame::Object);
    if ls.source.is_none()
        && !named_after
        && let Some((hs, he)) = apposition_subject(v, l, sent_start)
    {
        // A relative clause in it is no part of the name ("Ana Ruiz, a nurse, who has worked
        // … for twenty years, said"): the mention ends before its comma.
        let he = (hs + 1..he)
            .find(|&w| v.is_punct(w - 1, &[',']) && relative_who(v, w))
            .map_or(he, |w| w - 2);
        ls.source = Some((hs, he));
        ls.edge = hs.checked_sub(1).filter(|&e| e >= sent_start);
    }
    // "Just under a third, 31 percent, say": the quantity in the aside.
    if ls.source.is_none() && cue.form == Form::EnBase && super::aside_after_plural(v, l) {
        ls.set(source_left(v, l - 1, sent_start), sent_start);
    }
}

/// "Jason Sims — a teacher from Mount Pleasant — says": the subject before an apposition
/// between dashes, the second of which is `l`.
fn dash_subject(v: &View<'_>, l: usize, sent_start: usize, ls: &mut LeftSubject) {
    // (a double hyphen is two tokens: step over its first half on both sides)
    let close = if l > 0 && is_dash(v, l - 1) { l - 1 } else { l };
    let Some(mut d) =
        (close.saturating_sub(25).max(sent_start + 1)..close).rev().find(|&t| is_dash(v, t))
    else {
        return;
    };
    if d > sent_start + 1 && is_dash(v, d - 1) {
        d -= 1;
    }
    if let Some((hs, _)) = source_left(v, d - 1, sent_start) {
        // ("insiders in the next two states — Nevada and South Carolina — said")
        if starts_upper(v, hs)
            || v.has(hs, Role::Det)
            || v.is_word(hs) && !opens_adverbial(v, hs) && !v.has(hs, Role::Bound)
        {
            ls.source = Some((hs, close - 1));
            ls.edge = hs.checked_sub(1).filter(|&e| e >= sent_start);
        }
    }
}

/// "It was reported that …", "it is expected": an impersonal passive has no speaker.
fn impersonal(v: &View<'_>, i: usize, source: Option<(usize, usize)>) -> bool {
    source.is_some_and(|(a, b)| {
        a == b
            && v.folded(a) == "it"
            && (a + 1..i).any(|t| matches!(v.folded(t), "was" | "is" | "has" | "been" | "were"))
    })
}

/// True when the past form `i` is a passive or a naming participle: nobody speaks.
///
/// "Blumenthal was asked …", "Trump is expected to …", "No deal was announced": a past
/// participle after a form of "be" is a passive; its subject is what was said or asked about,
/// and the one who said it is unwritten.
fn passive(v: &View<'_>, i: usize, sent_start: usize) -> bool {
    let mut j = i;
    while j > sent_start && v.is_word(j - 1) && skippable(v, j - 1) && !is_be(v.folded(j - 1)) {
        j -= 1;
    }
    let passive = j > sent_start && v.is_word(j - 1) && is_be(v.folded(j - 1));
    passive || naming(v, i, sent_start)
}

/// "a group called …", "the contests known as Super Tuesday", "best known for": a naming
/// participle after a common noun or a degree adverb names a thing; nobody speaks, and nothing
/// is reported. "Known" after a noun is always such a participle; "called", "named" only after
/// an indefinite noun phrase ("a website called …"), as "the president called …" is a verb.
fn naming(v: &View<'_>, i: usize, sent_start: usize) -> bool {
    let lower_before = i > sent_start
        && v.is_word(i - 1)
        && !starts_upper(v, i - 1)
        && !v.has(i - 1, Role::Pronoun)
        && !v.has(i - 1, Role::Aux);
    let indefinite = (i.saturating_sub(4).max(sent_start)..i)
        .rev()
        .find(|&t| !(v.is_word(t) && !starts_upper(v, t) && plain_word(v, t)))
        .is_some_and(|t| v.is_word(t) && matches!(v.folded(t), "a" | "an") && t + 1 < i);
    v.has(i, Role::Naming) && lower_before && (v.folded(i) == "known" || indefinite)
}

/// What follows the cue, up to where its content opens.
fn complement(
    v: &View<'_>,
    r: &Reading,
    ls: &LeftSubject,
    after_punct: bool,
    min_words: u32,
) -> Complement {
    let mut k = r.last + 1;
    let right_source = inverted_subject(v, r, ls, after_punct, &mut k);
    // "Residents were told the road would close": a passive's hearer is its subject, and what
    // follows the cue is the content ("the road" is no hearer).
    if r.cue.frame == Frame::Tell && !r.passive {
        k = after_hearer(v, k, r.sent_end);
    } else if let Some(h) = hearer_after_to(v, r, k) {
        k = h;
    }
    // Hearers and adverbials before the content: "told reporters on Tuesday that".
    let mut c = Complement { k, right_source, comp: None, colon: None, quote: None, clause: None };
    let sent_end = r.sent_end;
    let mut j = c.k;
    // "he said, “…”": a comma before the quotation.
    if j < sent_end && v.is_punct(j, &[',']) && v.opening(j + 1).is_some() {
        j += 1;
        c.k = j;
    }
    // "said on Friday the council had …", "testified before the inquiry that …": the saying's
    // own time or place, then the content.
    let takes_clause = matches!(r.cue.frame, Frame::Clause | Frame::That | Frame::Tell);
    if let Some(opens) =
        setting::content_after_setting(v, j, sent_end, min_words).filter(|_| takes_clause)
    {
        match opens {
            // (Read by the loop below as if right after the cue: a relative "that", a colon
            // ending the paragraph.)
            Opens::Comp(t) | Opens::Colon(t) => j = t,
            Opens::Quote(t) => {
                c.quote = v.opening(t).map(|q| q as usize);
                return c;
            }
            Opens::Clause(t) => {
                c.clause = Some(t);
                return c;
            }
        }
    }
    while j <= sent_end && j < c.k + 10 {
        if v.has(j, Role::Comp) && v.is_word(j) {
            if !relative_that(v, r, j) {
                c.comp = Some(j);
            }
            break;
        }
        if v.is_punct(j, &[':']) {
            c.colon = Some(j);
            // "In a speech in 1963, he declared: ¶ “…”": a colon ending the paragraph, and the
            // next paragraph opens with the quotation that is the content.
            if j == v.paragraph_end(j)
                && j + 1 < v.len()
                && let Some(qi) = v.opening(j + 1).filter(|&q| {
                    v.quotes[q as usize].words >= min_words && v.block(j + 1) == v.block(j)
                })
            {
                c.quote = Some(qi as usize);
            }
            break;
        }
        if let Some(qi) = v.opening(j) {
            // Only a quotation right after the cue is the content ("said, “…”"); one further on
            // sits inside an indirect content ("says Americans are “right to be angry”").
            let nothing_between = (c.k..j).all(|t| !v.is_wordish(t));
            if v.quotes[qi as usize].words >= min_words && nothing_between {
                c.quote = Some(qi as usize);
            }
            break;
        }
        if in_medium(v, c.k, j) {
            j += 1;
            continue;
        }
        if let Some(comp) = comma_adverbial_then_that(v, j, sent_end) {
            c.comp = Some(comp);
            break;
        }
        if v.tags[j].cue.is_some()
            || v.has(j, Role::Bound)
            || v.is_punct(j, &[',', ';', '(', ')', '.', '?', '!'])
            || object_then_relative(v, r.cue, c.k, j, sent_end)
        {
            break;
        }
        j += 1;
    }
    c
}

/// "said in a documentary that showed …", "told a crowd that spilled onto the street": "that"
/// at `j` straight before a verb, after a noun phrase, relativises the noun; it opens no content
/// ("He said that was wrong": nothing between, a pronoun). "said in a statement that read:
/// “…”": a verb of saying after such a "that" is the relative clause's own (a claim of its own,
/// the statement's words).
fn relative_that(v: &View<'_>, r: &Reading, j: usize) -> bool {
    v.folded(j) == "that"
        && j > r.last + 1
        && (r.last + 1..j).any(|t| v.is_word(t) && v.has(t, Role::Det))
        && j < r.sent_end
        && (past_or_aux(v, j + 1)
            || v.tags[j + 1].cue.is_some_and(|c| c.class == Class::Speech && !c.noun)
                && !starts_upper(v, j + 1))
}

/// True when the token at `j` belongs to a medium phrase opened by a preposition between the
/// cue (content may open from `k`) and its content: the medium noun itself, which may also be a
/// cue ("said in a research note that": the noun "note", not the verb), and "to" naming whom the
/// medium was addressed to ("wrote in a letter to shareholders that"), which elsewhere ends the
/// search as an infinitive ("said to be").
fn in_medium(v: &View<'_>, k: usize, j: usize) -> bool {
    let prep = |t: usize| v.is_word(t) && matches!(v.folded(t), "in" | "on" | "via" | "through");
    if !v.is_word(j) {
        return false;
    }
    if v.has(j, Role::Media) {
        return (k..j).any(prep);
    }
    v.folded(j) == "to" && (k..j).any(|t| v.has(t, Role::Media)) && (k..j).any(prep)
}

/// "said, in a statement, that …", "said, on Monday, that …": an adverbial between commas after
/// the cue, then the complementiser; its index, when the comma at `j` opens such an adverbial.
fn comma_adverbial_then_that(v: &View<'_>, j: usize, sent_end: usize) -> Option<usize> {
    if !v.is_punct(j, &[',']) || j + 1 >= sent_end || !v.is_word(j + 1) {
        return None;
    }
    let opens = v.has(j + 1, Role::Time)
        || matches!(v.folded(j + 1), "in" | "on" | "at" | "during" | "after" | "via" | "through");
    if !opens {
        return None;
    }
    let close = (j + 2..sent_end.min(j + 10)).find(|&t| !v.is_word(t))?;
    (v.is_punct(close, &[',']) && v.is_word(close + 1) && v.has(close + 1, Role::Comp))
        .then_some(close + 1)
}

/// "wrote to the council that …", "tweeted to her followers on Friday, “…”": a hearer after
/// "to" between a verb of saying and its content; the token where the content opens (a "that",
/// a colon, a quotation after a comma), over time adverbials, or `None` when no content opens
/// there ("wrote to the council about the road", "said to be").
fn hearer_after_to(v: &View<'_>, r: &Reading, k: usize) -> Option<usize> {
    let sent_end = r.sent_end;
    if r.cue.class != Class::Speech
        || r.cue.frame == Frame::Object
        || k + 1 >= sent_end
        || !v.is_word(k)
        || v.folded(k) != "to"
    {
        return None;
    }
    let mut h = after_hearer(v, k + 1, sent_end);
    if h == k + 1 {
        return None;
    }
    let mut adverbials = 0;
    while h < sent_end && adverbials < 3 && (v.has(h, Role::After) || v.has(h, Role::Time)) {
        h += 1;
        adverbials += 1;
    }
    let opens = v.has(h, Role::Comp)
        || v.is_punct(h, &[':'])
        || v.opening(h).is_some()
        || (h < sent_end && v.is_punct(h, &[',']) && v.opening(h + 1).is_some());
    opens.then_some(h)
}

/// True when a determiner at `j` opens the cue's object (right after the cue and its particles,
/// from `k`) and the "that" after it relativises that object: "ruling out a move that economists
/// had urged" (what follows "that" describes the move; it is not what was said). After a
/// content noun the clause is the content ("denied the claim that …", `content-noun` in
/// `data/en-function.tsv`); a time phrase is an adverbial ("said the same day that"); an object
/// of a preposition is no object of the cue ("wrote in a court file that"); a hearer ("told the
/// committee that") is read before this point.
fn object_then_relative(v: &View<'_>, cue: Cue, k: usize, j: usize, sent_end: usize) -> bool {
    if cue.frame == Frame::Tell || !v.is_word(j) || !v.has(j, Role::Det) || v.folded(j) == "of" {
        return false;
    }
    // (A particle that also opens an adverbial, "in", is read as the adverbial: "wrote in a court
    // file that".)
    if !(k..j).all(|t| v.is_word(t) && v.has(t, Role::Particle) && !v.has(t, Role::Intro)) {
        return false;
    }
    let Some(comp) = (j + 1..=sent_end.min(j + 6)).find(|&t| v.is_word(t) && v.has(t, Role::Comp))
    else {
        return false;
    };
    let time = (j + 1..comp).any(|t| v.is_word(t) && v.has(t, Role::Time));
    !time && !v.has(comp - 1, Role::ContentNoun)
}

/// A past form or an auxiliary at `t`: the verb of a relative clause ("a film that showed", "a
/// list that included", "a crowd that had gathered"). A plural noun or a 3rd-person form is left
/// out ("on a conference call that orders had picked up": "orders" is the subject).
fn past_or_aux(v: &View<'_>, t: usize) -> bool {
    v.is_word(t)
        && !starts_upper(v, t)
        && (v.has(t, Role::Aux)
            || v.tags[t].cue.is_some_and(|c| c.form == Form::EnPast)
            || v.folded(t).len() > 4 && v.folded(t).ends_with("ed"))
}

/// "said Smith" / "said Mr. Smith, the spokesman": a source on the right of the cue when
/// nothing is on the left; `k` moves past it.
fn inverted_subject(
    v: &View<'_>,
    r: &Reading,
    ls: &LeftSubject,
    after_punct: bool,
    k: &mut usize,
) -> Option<(usize, usize)> {
    let (cue, sent_end) = (r.cue, r.sent_end);
    let k0 = *k;
    // A title may open it in lower case: "said presumptive Republican nominee Donald Trump".
    let named_soon = (k0..=sent_end.min(k0 + 5)).any(|t| v.is_wordish(t) && starts_upper(v, t));
    let quote_before = ls.left.is_some_and(|l| {
        let l = if v.is_punct(l, &[',']) && l > 0 { l - 1 } else { l };
        v.is_quote_mark(l) && v.closing(l).is_some()
    });
    // (Only a verb of saying inverts: "attacked Rubio" has its object there, not its subject.)
    let inverts = ls.source.is_none()
        && after_punct
        && cue.frame != Frame::Object
        && cue.form != Form::EnIng
        && k0 <= sent_end
        && v.is_wordish(k0)
        && !v.has(k0, Role::After)
        && !v.has(k0, Role::Pronoun)
        && !v.has(k0, Role::Comp)
        // "said after a lunch on Tuesday that …": an adverbial, not a source.
        && !v.has(k0, Role::Bound)
        && !v.has(k0, Role::Intro)
        && (starts_upper(v, k0) || named_soon || quote_before);
    if !inverts {
        return None;
    }
    let mut e = k0;
    // "said a former official who oversaw …": the relative clause is no part of the name.
    while e < sent_end
        && (v.is_wordish(e + 1)
            && !v.has(e + 1, Role::After)
            && !v.has(e + 1, Role::Comp)
            && !v.has(e + 1, Role::Bound)
            && v.folded(e + 1) != "who"
            && !speaker_phrase::clause_verb(v, e + 1)
            || is_title_period(v, e + 1))
    {
        e += 1;
    }
    // "said Gates described the role", "said China and Russia have …": a noun phrase with a
    // verb of its own after it is the subject of the content, not an inverted source.
    let mut n = e + 1;
    while n < sent_end
        && n <= e + 6
        && (v.is_word(n) && (v.folded(n) == "and" || starts_upper(v, n)) || v.is_punct(n, &[',']))
    {
        n += 1;
    }
    let clause_follows = n <= sent_end && speaker_phrase::clause_verb(v, n);
    if e - k0 < 8 && !clause_follows {
        *k = e + 1;
        return Some((k0, e));
    }
    None
}

/// True when the cue at `i` is a form of "add" whose object, from `s`, is a figure followed by
/// "to" within a few words ("added EC$1.2 million to the ministry's spending").
fn adds_figure(v: &View<'_>, i: usize, s: usize, sent_end: usize) -> bool {
    let end = sent_end.min(s + 6);
    v.has(i, Role::SumVerb)
        && (s..=end.min(s + 3)).any(|t| v.original(t).bytes().any(|b| b.is_ascii_digit()))
        && (s..=end).any(|t| v.is_word(t) && v.folded(t) == "to")
}

/// "The association wants the coast declared a disaster area": a past form right after the
/// object of a verb of wanting (an intention cue, then a determiner and up to four words) is a
/// passive participle: what is wanted, no claim (not before "that" or a quotation).
fn object_participle(v: &View<'_>, i: usize, sent_start: usize) -> bool {
    let mut j = i;
    while j > sent_start
        && i - j < 5
        && v.is_word(j - 1)
        && v.tags[j - 1].cue.is_none()
        && !v.has(j - 1, Role::Aux)
        && !v.has(j - 1, Role::Comp)
        && !v.has(j - 1, Role::Bound)
        && !v.has(j - 1, Role::Pronoun)
    {
        j -= 1;
        if v.has(j, Role::Det) {
            break;
        }
    }
    let next_opens = i + 1 < v.len() && (v.has(i + 1, Role::Comp) || v.opening(i + 1).is_some());
    j < i
        && j > sent_start
        && v.has(j, Role::Det)
        && v.tags[j - 1].cue.is_some_and(|c| c.act == Act::Intention)
        && !next_opens
}

/// The first token after the hearer of "told" that starts at `k`: "told CBS News on Tuesday",
/// "told reporters that".
fn after_hearer(v: &View<'_>, k: usize, sent_end: usize) -> usize {
    let mut h = k;
    let name_and = |h: usize| v.folded(h) == "and" && h < sent_end && starts_upper(v, h + 1);
    // (A subject pronoun or a verb ends it: "told reporters he thought …" reports a clause
    // without "that".)
    let opens_clause = |h: usize| {
        // "was asked about the delays": the topic, not a hearer.
        (v.is_word(h) && v.has(h, Role::Question))
            || h > k
                && v.is_word(h)
                && (matches!(v.folded(h), "he" | "she" | "they" | "we" | "i")
                    || v.tags[h].cue.is_some_and(|c| !c.noun)
                    || v.has(h, Role::Aux)
                    // "told reporters the race was over": a determiner opens the clause's
                    // subject (not "a group of students").
                    || v.has(h, Role::Det) && v.folded(h) != "of" && !v.has(h - 1, Role::Det))
    };
    while h <= sent_end
        && h < k + 7
        && (v.is_wordish(h) || is_title_period(v, h))
        && !v.has(h, Role::Comp)
        && !v.has(h, Role::After)
        && (!v.has(h, Role::Bound) || name_and(h))
        && !opens_clause(h)
    {
        h += 1;
    }
    if h > k && !(h <= sent_end && v.has(h, Role::Bound) && v.folded(h) == "to") { h } else { k }
}

/// True when the content comes before the reporting clause: nothing but adverbials follow the
/// cue, or a quotation closes right before it. A participle ("…, referring to …") always has its
/// content after it.
fn postposed(
    v: &View<'_>,
    r: &Reading,
    ls: &LeftSubject,
    c: &Complement,
    after_punct: bool,
    min_words: u32,
) -> bool {
    let (cue, k, sent_end) = (r.cue, c.k, r.sent_end);
    // "…,” Ramos said, referring to …": after a comma comes a new phrase, not the content
    // (a quotation after the comma is the content: "he said, “…”").
    // "…, the council confirmed yesterday, in a move unions called “…”": a time adverbial may
    // come first; a quotation further on belongs to a phrase of its own.
    let comma = past_time_words(v, k, sent_end);
    let comma_tail = comma <= sent_end
        && v.is_punct(comma, &[','])
        && !(comma < sent_end && v.opening(comma + 1).is_some());
    // "is expected to declassify …", "plans to run …": a belief or intention with an
    // infinitive has its content after it.
    let infinitive_tail = cue.class == Class::Belief
        && k < sent_end
        && v.is_word(k)
        && v.folded(k) == "to"
        && v.is_word(k + 1)
        && !starts_upper(v, k + 1)
        && !v.has(k + 1, Role::Det)
        && !v.has(k + 1, Role::Pronoun);
    let tail_is_adverbial =
        (adverbial_tail(v, k, sent_end, c.comp, min_words) || comma_tail) && !infinitive_tail;
    let before_comma = ls.edge.is_some_and(|e| {
        v.is_punct(e, &[',', '—', '–']) || (v.is_quote_mark(e) && v.closing(e).is_some())
    });
    // A quotation closing right before the reporting clause is its content, whatever follows
    // ("“…,” Sarandon told MSNBC Monday when asked about …"); but a short one after words of the
    // sentence is a title in an opening phrase ("On Radio Leeds’s “Early Shift,” Gill said if
    // …"), and the content follows the cue.
    let after_quote = ls.edge.is_some_and(|e| {
        let e = if v.is_punct(e, &[',']) && e > 0 { e - 1 } else { e };
        v.is_quote_mark(e)
            && v.closing(e).is_some_and(|qi| {
                let q = &v.quotes[qi as usize];
                q.words >= min_words || (r.sent_start..q.open).all(|t| !v.is_wordish(t))
            })
    });
    cue.form != Form::EnIng
        && (tail_is_adverbial
            && (before_comma || (ls.source.is_none() && after_punct) || c.right_source.is_some())
            || after_quote && c.comp.is_none())
        && c.comp.is_none()
        && c.colon.is_none()
        && c.quote.is_none()
}

/// The comma after the reporting clause's time adverbials ("yesterday,", "on Friday,"; at most
/// four words) when there is one, otherwise `k`.
fn past_time_words(v: &View<'_>, k: usize, sent_end: usize) -> usize {
    (k..=sent_end.min(k + 4))
        .find(|&t| !(v.is_word(t) && (v.has(t, Role::After) || v.has(t, Role::Time))))
        .filter(|&t| v.is_punct(t, &[',']))
        .unwrap_or(k)
}

/// Is there content after the cue at all? Only adverbials from `k` to the end of the sentence
/// mean the content came before ("…, officials said on Tuesday.").
fn adverbial_tail(
    v: &View<'_>,
    k: usize,
    sent_end: usize,
    comp: Option<usize>,
    min_words: u32,
) -> bool {
    let mut t = k;
    let mut ok = true;
    let mut words = 0;
    while t <= sent_end {
        // "…, the cooperative said in a statement that read: “…”": a relative clause with a verb
        // of saying of its own, and what follows is its content.
        if t > k
            && v.tags[t].cue.is_some_and(|c| c.class == Class::Speech && !c.noun)
            && v.is_word(t - 1)
            && matches!(v.folded(t - 1), "that" | "which")
        {
            break;
        }
        if v.is_wordish(t) {
            words += 1;
        } else if v.is_quote_mark(t)
            && v.opening(t).is_some_and(|q| v.quotes[q as usize].words >= min_words)
        {
            // A quotation after the cue is content; a quoted title ("on MSNBC’s “Morning
            // Joe”") is not.
            ok = false;
            break;
        }
        t += 1;
    }
    let first_prep = (k..=sent_end).find(|&t| v.is_wordish(t)).is_some_and(|t| {
        matches!(
            v.folded(t),
            "during" | "in" | "at" | "on" | "after" | "while" | "when" | "before" | "from"
        )
    });
    ok && (words == 0
        || (words <= if first_prep { 25 } else { 12 }
            && (k..=sent_end).filter(|&t| v.is_wordish(t)).take(1).all(|t| {
                // ("told reporters this was the only chance": "this" is a time adverbial only
                // before a time word, as in "said this week".)
                (v.has(t, Role::After)
                    && !(v.has(t, Role::Det) && !(t < sent_end && v.has(t + 1, Role::Time))))
                    || v.has(t, Role::Media)
                    || matches!(v.folded(t), "during" | "when" | "while" | "after" | "before" | "of" | "as" | "to" | "from")
                    // "said matter-of-factly", "said quietly"
                    || (v.folded(t).ends_with("ly") && !starts_upper(v, t))
            })
            && comp.is_none()))
}

/// The content before the reporting clause: a quotation closing right before it (direct speech,
/// possibly opened sentences earlier), or the sentence up to the subject, with what follows an
/// interposed clause ("The plan, he said, will fail").
fn content_before(
    v: &View<'_>,
    r: &Reading,
    ls: &LeftSubject,
    k: usize,
    speaker: Option<(usize, usize)>,
) -> Option<Draft> {
    let (sent_start, sent_end) = (r.sent_start, r.sent_end);
    let edge = ls.edge.or(ls.left)?;
    if edge <= sent_start && !v.is_quote_mark(edge) {
        return None;
    }
    // A quotation closing right before: direct speech, possibly opened sentences earlier.
    let close_tok = if v.is_quote_mark(edge) {
        Some(edge)
    } else if edge > 0 && v.is_quote_mark(edge - 1) {
        Some(edge - 1)
    } else {
        None
    };
    if let Some(c) = close_tok
        && let Some(qi) = v.closing(c)
    {
        let q = &v.quotes[qi as usize];
        // Direct speech when the quotation is the whole of what comes before (it may have
        // opened sentences earlier); "Trump is a “change agent,” Cole said" is mixed.
        let whole = q.open <= sent_start || (sent_start..q.open).all(|t| !v.is_wordish(t));
        if whole && q.words >= 1 {
            let end_tok = follow_quotes(v, sent_end);
            let mut b = q.end;
            if end_tok > sent_end {
                b = v.toks[end_tok].span.start();
            }
            let content = trim_content(v, q.start, b.max(q.end));
            return Some(r.draft(v, content, QuoteKind::Direct, speaker, speaker.is_none(), 0.9));
        }
    }
    let s = sent_start;
    if edge <= s {
        return None;
    }
    let (a, b) = trim_content(v, v.toks[s].span.start(), v.toks[edge - 1].span.end());
    // An interposed clause ("The plan, he said, will fail"; "Still, he said, officials …"):
    // the content goes on after it.
    // ("The difference now, he told me on Friday, is that …": over the time adverbials; but
    // after a whole clause, a phrase a preposition opens there is the reporting clause's own:
    // "The library will close, the council confirmed yesterday, in a move …".)
    let skipped = past_time_words(v, k, sent_end);
    let whole_clause =
        (s..edge).any(|t| v.is_word(t) && v.has(t, Role::Aux)) && !opens_adverbial(v, s);
    let after =
        if skipped != k && skipped < sent_end && whole_clause && opens_adverbial(v, skipped + 1) {
            k
        } else {
            skipped
        };
    let participle_next = after < sent_end
        && v.tags[after + 1].cue.is_some_and(|c| c.form == Form::EnIng)
        || after < sent_end && v.is_word(after + 1) && v.folded(after + 1).ends_with("ing");
    let rest = (after < sent_end && v.is_punct(after, &[',']) && !participle_next)
        .then(|| trim_content(v, v.toks[after + 1].span.start(), v.toks[sent_end].span.end()));
    let words = |(x, y): (usize, usize)| v.text[x..y].split_whitespace().count();
    // "Her party, she said, would …", "It, he said, was …": a short subject, not an adverb.
    let subject_first = v.is_word(s) && (v.has(s, Role::Det) || v.has(s, Role::Pronoun));
    let (a, mut b) = match rest {
        // Only a sentence adverb before the reporting clause: the content is what follows.
        Some(r) if words((a, b)) < 3 && !subject_first && words(r) >= 3 => r,
        Some(r) if words((a, b)) >= 3 || subject_first => (a, r.1.max(b)),
        _ if words((a, b)) >= 3 => (a, b),
        _ => return None,
    };
    // "But the gain is “ten times the loss,” he said. “…”": a content that ends with a
    // quotation goes on over the quotations after it, as direct speech does.
    if rest.is_none() && close_tok.is_some() {
        let end_tok = follow_quotes(v, sent_end);
        if end_tok > sent_end {
            b = v.toks[end_tok].span.start();
        }
    }
    let kind = content_kind(v, a, b, 2);
    Some(r.draft(v, (a, b), kind, speaker, speaker.is_none(), 0.75))
}

/// "he said, “…”": the quotation `qi` after the cue, with the quotations of the next sentences
/// that have no cue of their own.
fn quotation_after(
    v: &View<'_>,
    r: &Reading,
    qi: usize,
    edge: Option<usize>,
    speaker: Option<(usize, usize)>,
) -> Draft {
    let q = &v.quotes[qi];
    let close = q.last_tok();
    let end_tok = follow_quotes(v, close);
    let b = if end_tok > close { v.toks[end_tok].span.start() } else { q.end };
    // "“It is a mistake,” he said, “and …”": the quotation before the reporting clause is
    // the first half of the same statement.
    let mut a = q.start;
    if let Some(e) = edge.filter(|&e| v.is_quote_mark(e))
        && let Some(p) = v.closing(e).map(|p| &v.quotes[p as usize])
        && (p.open <= r.sent_start || (r.sent_start..p.open).all(|t| !v.is_wordish(t)))
    {
        a = p.start;
    }
    let content = trim_content(v, a, b.max(q.end));
    r.draft(v, content, QuoteKind::Direct, speaker, speaker.is_none(), 0.9)
}

/// The content after the cue: a that-clause, what follows a colon, or a clause or an object
/// straight after the cue.
fn clause_after(
    v: &View<'_>,
    r: &Reading,
    ls: &LeftSubject,
    c: &Complement,
    after_punct: bool,
    min_words: u32,
) -> Option<Draft> {
    let (cue, sent_end) = (r.cue, r.sent_end);
    let speaker = ls.source.or(c.right_source);
    let s = if let Some(comp) = c.comp {
        comp
    } else if let Some(colon) = c.colon {
        colon + 1
    } else {
        c.clause.unwrap_or(c.k)
    };
    // "Supporters cheered as the motorcade passed": a conjunction right after the verb opens an
    // adverbial clause, not the content.
    if c.comp.is_none()
        && c.colon.is_none()
        && cue.frame == Frame::Object
        && s <= sent_end
        && v.is_word(s)
        && matches!(
            v.folded(s),
            "while" | "after" | "before" | "since" | "until" | "though" | "although"
        )
    {
        return None;
    }
    if s > sent_end || (s == sent_end && !v.is_wordish(s)) {
        // "…, records compiled by the center show.": nothing after the cue, a long source
        // after the last comma, and the content before it.
        return long_source_postposed(v, r.i, r.sent_start, min_words)
            .map(|(content, kind, speaker)| r.draft(v, content, kind, Some(speaker), false, 0.6));
    }
    // "has already added EC$1.2 million to the ministry's spending": a figure added to
    // another, not words added to a statement.
    if c.comp.is_none() && c.colon.is_none() && adds_figure(v, r.i, s, sent_end) {
        return None;
    }
    // A clause straight after the cue: the verb must not be the end of a noun phrase ("the
    // statement said nothing") — require a cue with a clause frame or an object frame.
    let e = super::content_end(v, s, r.i);
    let (a, b) = trim_content(v, v.toks[s].span.start(), v.toks[e].span.end());
    let words = v.text[a..b].split_whitespace().count();
    if words < 2 {
        return None;
    }
    // "explained how the fund works", "wrote why she left": a wh-clause is what the text or the
    // talk was about (act `topic`, see `act.rs`).
    let wh = v.is_word(s) && v.has(s, Role::Question) && !matches!(v.folded(s), "about" | "which");
    if c.comp.is_none()
        && c.colon.is_none()
        && c.clause.is_none()
        && cue.frame == Frame::That
        && !wh
    {
        // "wrote the letter": the object of such a verb is not what was said.
        return None;
    }
    if c.comp.is_none()
        && c.colon.is_none()
        && cue.frame == Frame::Clause
        && ls.source.is_none()
        && cue.form != Form::EnIng
    {
        // No subject, no complementiser: too weak ("Said to be …", a headline fragment).
        if c.right_source.is_none() && !after_punct && !ls.coordinated {
            return None;
        }
    }
    let whole_quote = v.quote_before(a).is_some_and(|q| q.start == a && q.end >= b);
    let kind = if c.colon.is_some() && whole_quote {
        QuoteKind::Direct
    } else if has_quote(v, a, b, 2) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    };
    let conf = if c.comp.is_some() || c.colon.is_some() { 0.85 } else { 0.6 };
    Some(r.draft(v, (a, b), kind, speaker, speaker.is_none(), conf))
}
