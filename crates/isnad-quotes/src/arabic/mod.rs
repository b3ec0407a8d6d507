//! Reported speech in news Arabic.
//!
//! News Arabic reports speech verb-first: `[و]قال|أكد|أشار … <speaker NP> <circumstances>
//! (إلى|على|عن)? أنّ|إنّ <content>`, or with a colon and a quotation, or with a ḥāl participle that
//! continues the same speaker (", مشيرا إلى أن …"). The rules read that order off the tokens:
//!
//! 1. a cue (a verb or participle from `data/ar-cues.tsv`, with its proclitics و/ف);
//! 2. going right, the first *introducer*: a complementiser (أن، إنه، بأن …), a nominal head that
//!    states a proposition by itself (ضرورة، عدم), a colon, or a quotation of at least
//!    `min-quote-words` words; stops at the sentence end, at a relative pronoun and at another
//!    finite cue;
//! 3. between cue and introducer: the speaker noun phrase first (up to a preposition, a time word
//!    or a media noun with لـ), then the circumstances, where the medium is;
//! 4. the content from the introducer to the end of the sentence, cut before ", مشيرا …" or
//!    ", وأضاف …" which start the next claim.
//!
//! Without an introducer, a cue followed only by a short noun phrase at the end of its sentence
//! reports what came before it ("… تقول صحيفة يسرائيل هيوم."). Attribution by preposition (بحسب،
//! وفقا لـ، نقلا عن) gives the rest of the sentence to the noun phrase after it. A subject before
//! the cue is found after كان: "وكان الرئيس … قد أكد أن".
//!
//! # Code map
//! The constructions, in the order [`find`] tries them at a token:
//! - `filters.rs`: headlines and the author's own voice, where no construction applies;
//! - `by_preposition.rs`: "بحسب وكالة …، …", "…، وفقا للبيان";
//! - `text_of.rs`: "وهذا نص البيان:" and the paragraphs after it;
//! - `came_in.rs`: "وجاء في البيان أن …", a document that states what follows;
//! - `verb_first.rs`: a reporting verb and its introducer (the main construction), helped by
//!   `introducer.rs` (which introducer a cue has; `warning.rs`, what "حذر من" warns of;
//!   `call.rs`, what "دعا إلى" calls for; `blame.rs`, whom "حمّل … مسؤولية" blames),
//!   `nominal.rs` (a noun phrase object that
//!   states what was said; `insertion.rs`, a circumstance between its subject and it),
//!   `speaker.rs` (the speaker noun phrase around
//!   the cue; `shared_subject.rs`, the object of a verb that goes on with the subject before
//!   it) and `content.rs` (where a content ends);
//! - `saying.rs`: "ويقول المثل إن …", a proverb that no one states (no claim);
//! - `postposed.rs`: "… تقول صحيفة يسرائيل هيوم.", a cue closing the sentence it reports.
//!
//! Before them, when the view is built, `verb_or_preposition.rs` tags «بيّن» where it is the
//! verb and not the preposition بين, and `verbal_noun.rs` reads a bare past form after a word that
//! governs a noun as the verbal noun it is spelt like ("رفضت ذكر اسمها").
//!
//! After all tokens: `continuation.rs` adds the paragraphs that only go on quoting the previous
//! paragraph's speaker; noun phrase objects inside another claim's content are dropped
//! ([`drop_nested_objects`]), `coordinated.rs` adds a claim for each "وأن" after a content, and
//! `content::cut_at_next_claim` keeps a content from running into the next reporting clause.

mod amounts_to;
mod blame;
mod by_preposition;
mod call;
mod came_in;
mod content;
mod continuation;
mod coordinated;
mod filters;
mod insertion;
mod introducer;
pub(crate) mod madda;
mod nominal;
mod not_speech;
mod postposed;
mod relay_aside;
mod saying;
mod shared_subject;
mod speaker;
mod text_of;
mod verb_first;
pub(crate) mod verb_or_preposition;
mod verbal_noun;
mod warning;

use crate::QuotesConfig;
use crate::draft::Draft;
use crate::lexicon::Role;
use crate::view::View;

pub(crate) use nominal::POSSESSIVES;

/// Clears the cue readings that the words around a cue rule out, in one pass over the cues: a
/// verbal noun after a word governing a noun (`verbal_noun.rs`), «تبلغ» before a quantity
/// (`amounts_to.rs`), a gesture or an inscription (`not_speech.rs`); a relaying verb in an aside
/// about the source (`relay_aside.rs`) opens a circumstance instead, as a stop word does.
pub(crate) fn clear_non_cues(
    tags: &mut [crate::lexicon::Tag],
    toks: &[isnad_core::Token],
    folded: &str,
) {
    for i in 0..tags.len() {
        if tags[i].cue.is_none() {
            continue;
        }
        if relay_aside::aside(tags, toks, folded, i) {
            tags[i].cue = None;
            tags[i].roles |= Role::Stop.bit();
        } else if verbal_noun::verbal_noun(tags, toks, i)
            || amounts_to::amount(tags, toks, folded, i)
            || not_speech::not_speech(tags, toks, folded, i)
        {
            tags[i].cue = None;
        }
    }
}

/// Commas, Arabic and Latin.
const COMMAS: &[char] = &['،', ','];

/// True for a folded word with the article, over و/ف (الوزارة، والوزارة، للوزارة).
fn definite_word(w: &str) -> bool {
    let rest = w.trim_start_matches(['و', 'ف']);
    rest.starts_with("ال") || rest.starts_with("لل")
}

/// Finds the claims of an Arabic document.
pub(crate) fn find(v: &View<'_>, cfg: &QuotesConfig) -> Vec<Draft> {
    let mut out = Vec::new();
    // Cues of claims whose content is a noun phrase object (token of the cue).
    let mut objects = Vec::new();
    for i in 0..v.len() {
        if cfg.skip_headings && v.paragraph(i).heading && !filters::body_line(v, i) {
            continue;
        }
        if v.has(i, Role::AttribPrep) {
            out.extend(by_preposition::claim(v, i));
        } else if v.has(i, Role::TextOf) {
            out.extend(text_of::claim(v, i, cfg.max_quote_bytes));
        } else if v.has(i, Role::TextIn) {
            out.extend(came_in::claim(v, i, cfg));
        } else if let Some((d, object)) = verb_first::claim(v, i, cfg) {
            if object {
                objects.push(d.cue.0);
            }
            out.push(d);
        }
    }
    drop_nested_objects(v, &mut out, &objects);
    let more = continuation::claims(v, &out, cfg.min_quote_words as u32);
    out.extend(more);
    coordinated::split(v, &mut out, cfg.max_quote_bytes);
    content::cut_at_next_claim(v, &mut out);
    out
}

/// A noun phrase object reported inside another claim's content ("قال الوالي إن الاجتماع شدد
/// على أهمية …", a statement quoted in full that "يشترط … وجود مرافق") is part of what that claim
/// says, not a statement of its own: only a clause or a quotation makes a nested claim.
fn drop_nested_objects(v: &View<'_>, out: &mut Vec<Draft>, objects: &[usize]) {
    if objects.is_empty() {
        return;
    }
    let mut contents: Vec<(usize, usize)> = out.iter().map(|d| d.content).collect();
    contents.sort_unstable();
    let longest = contents.iter().map(|c| c.1 - c.0).max().unwrap_or(0);
    out.retain(|d| {
        if objects.binary_search(&d.cue.0).is_err() {
            return true;
        }
        let at = v.toks[d.cue.0].span.start();
        let upto = contents.partition_point(|c| c.0 <= at);
        !contents[..upto]
            .iter()
            .rev()
            .take_while(|c| at - c.0 <= longest)
            .any(|c| *c != d.content && at < c.1)
    });
}
