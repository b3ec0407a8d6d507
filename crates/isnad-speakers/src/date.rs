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

use isnad_core::{Claim, ClaimDate, DateSource, Published, Span, Timex};

use crate::ctx::{Ctx, Lang};
use crate::lexicon::Cat;

/// The date of `claim`, or `None` when neither a date expression nor a publication date is known.
pub(crate) fn claim_date(
    ctx: &Ctx<'_>,
    claim: &Claim,
    claims: &[Claim],
    timexes: &[Timex],
    published: Option<&Published>,
) -> Option<ClaimDate> {
    let cue = claim.cue;
    let sentence = ctx.sentence_of(cue.start()).map(|i| ctx.sentences[i].span);
    let in_content = |s: Span| claims.iter().any(|c| c.content.overlaps(s));
    // "The IMF, which lent Kenya $3.6 billion last year, said …": a date in a relative clause
    // of a speaker mention dates what the clause tells, not the saying ("تقرير … الصادر في 3
    // نوفمبر", a participle, still dates the report that speaks).
    let in_relative = |s: Span| {
        claims.iter().filter_map(|c| c.speaker.mention).any(|m| {
            m.contains(s)
                && ctx
                    .token_range(m)
                    .take_while(|&i| ctx.tokens[i].span.end() <= s.start())
                    .any(|i| matches!(ctx.folded(i), "who" | "which" | "whose" | "that" | "الذي" | "التي" | "الذين"))
        })
    };
    let timex = sentence.and_then(|sent| {
        timexes
            .iter()
            .filter(|t| sent.contains(t.span) && !in_content(t.span) && !in_relative(t.span))
            .filter(|t| t.value.is_some() || t.from.is_some())
            .min_by_key(|t| {
                if t.span.end() <= cue.start() { cue.start() - t.span.end() } else { t.span.start().saturating_sub(cue.end()) }
            })
    });
    if let Some(t) = timex {
        let value = t.value.clone().or_else(|| t.from.clone())?;
        return Some(ClaimDate { value, source: DateSource::Timex, before: false });
    }
    let published = published?;
    let before = sentence.is_some_and(|sent| says_before(ctx, sent, cue, claims));
    Some(ClaimDate { value: published.date().to_string(), source: DateSource::Published, before })
}

/// True when the clause of the cue marks the statement as older than the article.
fn says_before(ctx: &Ctx<'_>, sent: Span, cue: Span, claims: &[Claim]) -> bool {
    let toks = ctx.token_range(sent);
    let outside = |i: usize| !claims.iter().any(|c| c.content.contains(ctx.tokens[i].span));
    if toks.clone().any(|i| ctx.cat(i) == Some(Cat::Before) && outside(i)) {
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
                if prev == "قد" && (toks.start..c - 1).any(|i| matches!(ctx.folded(i), "كان" | "وكان" | "كانت" | "وكانت")) {
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
