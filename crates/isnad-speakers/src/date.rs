//! When a claim was made.
//!
//! The date of a claim is the resolved date expression of its own clause ("أكد أمس", "said on
//! Tuesday", "في بيانها الصادر أمس الخميس"), otherwise the publication date. The clause is the
//! claim's sentence without the contents of any claim, so a date inside what was said ("the
//! meeting on Friday") never dates the saying. Of several, the one nearest the cue wins.
//!
//! "في تصريحات سابقة", "في وقت سابق", "earlier", "previously" and the Arabic pluperfect
//! ("وكان … قد أكد") say that the statement is older than the article: with no date expression
//! the publication date is then only an upper bound, and `before` is set. With one, the
//! expression locates the statement and `before` stays false.

use isnad_core::{Claim, ClaimDate, DateSource, Span, Timex};

use crate::ctx::{Ctx, Lang, SpanIndex, is_comma};
use crate::lexicon::Cat;

/// Longest stretch of a sentence, in tokens on each side of the cue, read for a claim's date: a
/// sentence of a whole page without punctuation is read around the cue only.
const MAX_CLAUSE_TOKENS: usize = 400;

/// What dating asks of all claims and timexes at once, indexed so that dating a claim never
/// loops over all of them.
pub(crate) struct Dating<'a> {
    contents: &'a SpanIndex,
    mentions: &'a SpanIndex,
    /// The timexes, by start.
    timexes: Vec<&'a Timex>,
}

impl<'a> Dating<'a> {
    /// `contents` and `mentions`: the claims' contents and speaker mentions.
    pub fn new(contents: &'a SpanIndex, mentions: &'a SpanIndex, timexes: &'a [Timex]) -> Self {
        let mut timexes: Vec<&Timex> = timexes.iter().collect();
        timexes.sort_by_key(|t| t.span.start());
        Dating { contents, mentions, timexes }
    }

    /// The timexes inside `span`, in text order.
    fn timexes_in(&self, span: Span) -> impl Iterator<Item = &'a Timex> + '_ {
        let from = self.timexes.partition_point(|t| t.span.start() < span.start());
        let to = self.timexes.partition_point(|t| t.span.start() <= span.end());
        self.timexes[from..to.max(from)].iter().copied().filter(move |t| span.contains(t.span))
    }
}

/// The sentence of the cue, cut to `MAX_CLAUSE_TOKENS` tokens on each side of it.
fn clause_of(ctx: &Ctx<'_>, cue: Span) -> Option<Span> {
    let sent = ctx.sentences[ctx.sentence_of(cue.start())?].span;
    let toks = ctx.token_range(sent);
    if toks.len() <= 2 * MAX_CLAUSE_TOKENS {
        return Some(sent);
    }
    let at = ctx.token_range(cue).start.clamp(toks.start, toks.end - 1);
    let first = at.saturating_sub(MAX_CLAUSE_TOKENS).max(toks.start);
    let last = (at + MAX_CLAUSE_TOKENS).min(toks.end - 1);
    Some(ctx.span(first, last).cover(cue))
}

/// The date of `claim`, or `None` when neither a date expression nor a publication date is known.
/// `published` is the publication date as written in records (`Published::date`), formatted once
/// per document.
pub(crate) fn claim_date(
    ctx: &Ctx<'_>,
    claim: &Claim,
    dating: &Dating<'_>,
    published: Option<&str>,
) -> Option<ClaimDate> {
    let cue = claim.cue;
    let sentence = clause_of(ctx, cue);
    let in_content = |s: Span| dating.contents.overlaps(s);
    // "The IMF, which lent Kenya $3.6 billion last year, said …": a date in a relative clause
    // of a speaker mention dates what the clause tells, not the saying ("تقرير … الصادر في 3
    // نوفمبر", a participle, still dates the report that speaks).
    let in_relative = |s: Span| {
        dating.mentions.containing(s).any(|m| {
            ctx.token_range(m)
                .take_while(|&i| ctx.tokens[i].span.end() <= s.start())
                .any(|i| RELATIVES.contains(&ctx.folded(i)))
        })
    };
    let timex = sentence.and_then(|sent| {
        dating
            .timexes_in(sent)
            .filter(|t| !in_content(t.span) && !in_relative(t.span))
            .filter(|t| !in_relative_aside(ctx, sent, t.span, cue))
            .filter(|t| t.value.is_some() || t.from.is_some())
            .min_by_key(|t| {
                if t.span.end() <= cue.start() {
                    cue.start() - t.span.end()
                } else {
                    t.span.start().saturating_sub(cue.end())
                }
            })
    });
    if let Some(t) = timex {
        let value = t.value.clone().or_else(|| t.from.clone())?;
        return Some(ClaimDate { value, source: DateSource::Timex, before: false });
    }
    let published = published?;
    let before = sentence.is_some_and(|sent| says_before(ctx, sent, cue));
    Some(ClaimDate { value: published.to_string(), source: DateSource::Published, before })
}

/// Relative pronouns: a date in the clause one opens tells of its antecedent, not of the saying.
const RELATIVES: &[&str] =
    &["who", "which", "whose", "that", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"];

/// True when `t` sits in a relative clause set off by a comma after the speaker, outside the
/// cue's own clause: "Daniel Price, who has led the party since 2022, accused …" (closed by a
/// comma before the cue), «وأوضح المسؤول، الذي يشغل المنصب منذ عام 2021، أن …» (after the cue and
/// its subject). What the clause dates is the speaker's past, not the saying. ("Price, who on
/// Monday said …": no comma between the date and the cue, so the cue is in that clause and the
/// date is the saying's. The speaker mention itself ends before the comma, so `in_relative`
/// does not see these.)
fn in_relative_aside(ctx: &Ctx<'_>, sent: Span, t: Span, cue: Span) -> bool {
    let toks = ctx.token_range(sent);
    let comma = |i: usize| is_comma(ctx.orig(i));
    let first = |at: usize| toks.clone().find(|&i| ctx.tokens[i].span.start() >= at);
    let (Some(t_first), Some(cue_tok)) = (first(t.start()), first(cue.start())) else {
        return false;
    };
    let before_cue = t.end() <= cue.start();
    if before_cue && !(first(t.end()).unwrap_or(cue_tok)..cue_tok).any(comma) {
        return false;
    }
    let floor = if before_cue { toks.start } else { cue_tok };
    (floor + 1..t_first)
        .rev()
        .take_while(|&i| !comma(i))
        .any(|i| comma(i - 1) && RELATIVES.contains(&ctx.folded(i)))
}

/// True when the clause of the cue marks the statement as older than the article.
fn says_before(ctx: &Ctx<'_>, sent: Span, cue: Span) -> bool {
    let toks = ctx.token_range(sent);
    // (`ctx.containers` holds the contents of `claims`. The contents' tokens are passed over
    // before their lexicon entry is asked for: see `Ctx`.)
    if before_word_outside(ctx, toks.clone()) {
        return true;
    }
    // Pluperfect: "وكان X قد أكد", "had said".
    let cue_tok = toks.clone().find(|&i| ctx.tokens[i].span.start() >= cue.start());
    if let Some(c) = cue_tok
        && c > toks.start
    {
        let prev = ctx.folded(c - 1);
        match ctx.lang {
            Lang::Ar => {
                if prev == "قد"
                    && (toks.start..c - 1)
                        .any(|i| matches!(ctx.folded(i), "كان" | "وكان" | "كانت" | "وكانت"))
                {
                    return true;
                }
            }
            Lang::En => {
                if prev == "had" {
                    return true;
                }
            }
        }
    }
    false
}

/// True when a token of `toks` outside every claim's content is a "before" word ("في تصريحات
/// سابقة", "earlier"). Tokens not yet tagged (stretches inside the contents, see `Ctx`) are
/// passed over by the stretch when one content holds the stretch, so they stay untagged.
fn before_word_outside(ctx: &Ctx<'_>, toks: std::ops::Range<usize>) -> bool {
    let outside = |i: usize| !ctx.containers.contain(ctx.tokens[i].span);
    let mut i = toks.start;
    while i < toks.end {
        match ctx.peek(i) {
            Some(hit) => {
                if hit.is_some_and(|h| h.entry.cat == Cat::Before) && outside(i) {
                    return true;
                }
                i += 1;
            }
            None => {
                let e = ctx.untagged_end(i).min(toks.end);
                if ctx.containers.contain(ctx.span(i, e - 1)) {
                    i = e;
                    continue;
                }
                if outside(i) && ctx.cat(i) == Some(Cat::Before) {
                    return true;
                }
                i += 1;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctx::Lang;
    use isnad_core::Lang as DocLang;

    /// The stretch-by-stretch walk answers as a test of every token would.
    #[test]
    fn before_word_outside_is_any_outside_before_word() {
        let text = "وقال الوزير في تصريحات سابقة إن \"الحكومة في تصريحات سابقة أكدت، في وقت سابق، ذلك\" وأضاف: «سابقا في وقت سابق قال» earlier.";
        let doc = crate::ctx::tests::segmented(text, DocLang::Ar);
        let norm = doc.layers.normalized.clone().unwrap();
        let lex = crate::lexicon::arabic().unwrap();
        let q: Vec<usize> = text.match_indices(['"', '«', '»']).map(|(i, _)| i).collect();
        let span = |a: usize, b: usize| Span::new(a, b).unwrap();
        let variants = vec![
            vec![span(q[0], q[1]), span(q[2], q[3])],
            // Overlapping contents: a token can be in both's union but in neither.
            vec![span(q[0], q[1]), span(q[0] + 10, q[3])],
            vec![span(0, text.len())],
            vec![],
        ];
        for contents in variants {
            let ctx = Ctx::new(&doc, &norm, Lang::Ar, lex, &contents);
            let eager = Ctx::new(&doc, &norm, Lang::Ar, lex, &[]);
            let n = ctx.tokens.len();
            for a in 0..n {
                for b in a..=n {
                    let slow = (a..b).any(|i| {
                        eager.cat(i) == Some(Cat::Before)
                            && !contents.iter().any(|c| c.contains(eager.tokens[i].span))
                    });
                    assert_eq!(before_word_outside(&ctx, a..b), slow, "{a}..{b} {contents:?}");
                }
            }
        }
    }
}
