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
//! - `verb_first.rs`: a reporting verb and its introducer (the main construction), helped by
//!   `introducer.rs` (which introducer a cue has), `speaker.rs` (the speaker noun phrase around
//!   the cue) and `content.rs` (where a content ends);
//! - `postposed.rs`: "… تقول صحيفة يسرائيل هيوم.", a cue closing the sentence it reports.
//!
//! After all tokens, `content::cut_at_next_claim` keeps a content from running into the next
//! reporting clause.

mod by_preposition;
mod content;
mod filters;
mod introducer;
mod postposed;
mod speaker;
mod text_of;
mod verb_first;

use crate::QuotesConfig;
use crate::draft::Draft;
use crate::lexicon::Role;
use crate::view::View;

/// Commas, Arabic and Latin.
const COMMAS: &[char] = &['،', ','];

/// Finds the claims of an Arabic document.
pub(crate) fn find(v: &View<'_>, cfg: &QuotesConfig) -> Vec<Draft> {
    let mut out = Vec::new();
    for i in 0..v.len() {
        if cfg.skip_headings && v.paragraph(i).heading && !filters::body_line(v, i) {
            continue;
        }
        if v.has(i, Role::AttribPrep) {
            out.extend(by_preposition::claim(v, i));
        } else if v.has(i, Role::TextOf) {
            out.extend(text_of::claim(v, i, cfg.max_quote_bytes));
        } else {
            out.extend(verb_first::claim(v, i, cfg));
        }
    }
    content::cut_at_next_claim(v, &mut out);
    out
}
