//! «بيّن» ("made clear") is written بين, as the preposition "between" is, so its bare past is not
//! listed in `data/ar-cues.tsv` (its other forms are: بينت، يبين، مبينا). Here a بين the lexicon
//! left untagged becomes the verb when the writer marked it as one, or when it stands where the
//! verb stands in news Arabic:
//! - with the shadda: «بيّن», «وبيّن» (the preposition never carries one);
//! - first in its sentence (after و or ف, or after كما), with a complementiser (أن، إن …) within
//!   the next eight words, no other punctuation than commas and no other reporting verb before
//!   it: «وبين البطي أن المرحلة …», «كما بين المتحدث أن …». The preposition at a sentence's start
//!   opens a place or a span of time («وبين عامي 2010 و2020 …») with no complementiser after it,
//!   or one that belongs to a verb of its own («وبين الحين والآخر، تعلن الوزارة أن …»).

use crate::lexicon::{LangLex, Role};
use crate::view::View;

/// The ambiguous past form (folded), and a form of the same verb whose cue reading it takes.
const FORM: &str = "بين";
const LIKE: &str = "بينت";

/// How many words after the verb its complementiser may come (the speaker and a circumstance).
const COMP_WITHIN: usize = 8;

const SHADDA: char = '\u{651}';

/// Tags the verb readings of [`FORM`] in an Arabic view.
pub(crate) fn tag(v: &mut View<'_>, lex: &LangLex) {
    let Some(cue) = lex.cue_of(LIKE) else { return };
    let folded = v.folded.as_bytes();
    // (Every token passes here: byte tests only, since the form is three letters, with a
    // conjunction four, two bytes each.)
    for i in 0..v.len() {
        let (s, e) = v.toks[i].norm;
        let w = &folded[s as usize..e as usize];
        let prefix = match w.len() {
            6 => 0,
            8 if w.starts_with("و".as_bytes()) || w.starts_with("ف".as_bytes()) => 2,
            _ => continue,
        };
        if &w[prefix..] != FORM.as_bytes() || v.tags[i].cue.is_some() || !v.is_word(i) {
            continue;
        }
        if v.original(i).contains(SHADDA) || verb_position(v, i) {
            v.tags[i].cue = Some(cue);
            v.tags[i].prefix = prefix as u8;
        }
    }
}

/// True when token `i` opens its sentence and a complementiser follows within
/// [`COMP_WITHIN`] words, over words and commas only.
fn verb_position(v: &View<'_>, i: usize) -> bool {
    let start = v.sentence_start(i);
    let mut before = (start..i).filter(|&t| v.is_word(t));
    let opens = match (before.next(), before.next()) {
        (None, _) => true,
        (Some(t), None) => v.folded(t) == "كما",
        _ => false,
    };
    if !opens {
        return false;
    }
    let end = v.sentence_end(i);
    let mut words = 0;
    for t in i + 1..=end {
        if v.is_word(t) {
            if v.has(t, Role::Comp) {
                return true;
            }
            if v.tags[t].cue.is_some() {
                return false;
            }
            words += 1;
            if words > COMP_WITHIN {
                return false;
            }
        } else if !v.is_punct(t, &['،', ',']) {
            return false;
        }
    }
    false
}
