//! A reporting verb and what it introduces: the main construction of news Arabic.
//!
//! **Reads**: "قال وزير الخارجية للصحيفة إن …" (cue, speaker, medium, complementiser, content),
//! "وأضاف: «…»", "وأكد الوزير ضرورة …", ", مشيرا إلى أن …" (a participle continuing the previous
//! speaker), "ونقلت وكالة رويترز عن مصدر حكومي قوله إن …" (the source after عن, the agency the
//! medium); without an introducer, the postposed construction of `postposed.rs`.
//! **Not**: a belief verb in a relative clause ("والذي يُتوقع
//! أن"); cues in the author's voice.
//! **Data**: `data/ar-cues.tsv`; the roles of `data/ar-function.tsv` used by the helpers.
//! **Fixture**: `tests/fixtures/ar-indirect-complementiser.txt`, `ar-direct-quotes.txt`,
//! `ar-participles.txt`, `ar-medium.txt`, `ar-mixed.txt`.

use isnad_core::QuoteKind;

use super::content::{colon_speech_end, content_end};
use super::introducer::{self, Intro};
use super::nominal::{self, content_start};
use super::speaker::{
    clause_subject, speaker_np, subject_after_complementiser, subject_before, topic_subject,
};
use super::{call, definite_word, filters, postposed, saying, shared_subject};
use crate::QuotesConfig;
use crate::draft::{Draft, has_quote, medium, trim_content};
use crate::lexicon::{CallPrep, Class, Cue, Form, Frame, Role};
use crate::view::View;

/// The claim of the cue at token `i`, if it has one, and whether what it reports is a noun
/// phrase object ("وأكد حرص الدولة …") rather than a clause or a quotation.
pub(super) fn claim(v: &View<'_>, i: usize, cfg: &QuotesConfig) -> Option<(Draft, bool)> {
    let cue = v.tags[i].cue?;
    if filters::in_author_voice(v, i) {
        return None;
    }
    // "والذي يُتوقع أن": a belief verb in a relative clause is the passive "is expected",
    // with no one holding the belief.
    if cue.class == Class::Belief && i > 0 && v.has(i - 1, Role::Rel) {
        return None;
    }
    // "رفضت الشركة أن تكشف عن أرباحها": a present after أن is what someone does or is to do
    // ("to disclose"), not a report.
    if cue.form == Form::ArPresent
        && v.tags[i].prefix == 0
        && i > 0
        && v.has(i - 1, Role::Comp)
        && v.folded(i - 1) == "ان"
    {
        return None;
    }
    // "اتفاقات تطالب الشاباك بالعمل", "بيان يدعو السكان إلى": a call in the present right after
    // an indefinite noun describes it ("agreements that require"); nobody calls.
    if cue.call.is_some_and(|p| p != CallPrep::An)
        && cue.form == Form::ArPresent
        && v.tags[i].prefix == 0
        && i > 0
        && v.is_word(i - 1)
        && v.tags[i - 1].roles == 0
        && !definite_word(v.folded(i - 1))
    {
        return None;
    }
    // "هل يعترف العالم بسيطرة روسيا؟": a question asks, it reports nothing.
    if i > 0 && v.has(i - 1, Role::Question) {
        return None;
    }
    let min_words = cfg.min_quote_words as u32;
    let cue_last = v.tags[i].last as usize;
    let sent_end = v.sentence_end(i);
    let intro = introducer::find(v, cue, cue_last, sent_end, min_words);
    if cue.form == Form::ArParticiple
        && !intro.as_ref().is_some_and(|x| introducer::near_participle(v, x, cue_last))
    {
        return None;
    }
    let Some(intro) = intro else {
        if cue.form == Form::ArParticiple {
            return None;
        }
        return postposed::postposed(v, i, cue_last, sent_end, min_words).map(|d| (d, false));
    };
    if let Intro::Colon(k) = intro
        && filters::byline(v, i, k)
    {
        return None;
    }
    // "تبين أنه لم يصب أحد": the impersonal "it turned out", no speaker's words.
    if let Intro::Comp(k) = intro
        && k == cue_last + 1
        && v.has(i, Role::Impersonal)
    {
        return None;
    }
    let intro_tok = match intro {
        Intro::Comp(k) | Intro::Nominal(k) | Intro::Colon(k) => k,
        Intro::Quote(qi) => v.quotes[qi].open,
    };
    // The preposition of the cue's frame (أشار إلى أن) is not part of the speaker.
    let stretch_end = if intro_tok > cue_last + 1 && v.has(intro_tok - 1, Role::Prep) {
        intro_tok - 1
    } else {
        intro_tok
    };
    // "وأبدى الصالح استعداد منظمته …: «…»", "وجدد الوزير تأكيده أن": the object of the cue's
    // frame, before the quotation or the clause, ends the speaker.
    let stretch_end = (cue_last + 2..stretch_end)
        .find(|&k| nominal::object_head(v, cue, cue_last, k))
        .unwrap_or(stretch_end);
    let (speaker, medium) = speaker_and_medium(v, i, cue_last, stretch_end, cue);
    if speaker.is_some_and(|s| saying::is_saying(v, s)) {
        return None;
    }
    let (content, kind, confidence) = content(v, i, &intro, cfg.max_quote_bytes)?;
    if content.1 <= content.0 {
        return None;
    }
    let implicit = speaker.is_none() && cue.class != Class::Agentless;
    let object = matches!(intro, Intro::Nominal(_));
    let draft = Draft {
        cue: (i, cue_last),
        content,
        kind,
        speaker,
        implicit,
        medium,
        confidence,
        class: cue.class,
        block: v.block(i),
    };
    Some((draft, object))
}

type Tokens = Option<(usize, usize)>;

/// The speaker (tokens) and the medium (bytes) of a cue at `i` whose introducer's stretch ends
/// at `stretch_end`.
fn speaker_and_medium(
    v: &View<'_>,
    i: usize,
    cue_last: usize,
    stretch_end: usize,
    cue: Cue,
) -> (Tokens, Option<(usize, usize)>) {
    let frame = cue.frame;
    let mut speaker = None;
    if cue.form != Form::ArParticiple {
        speaker = speaker_np(v, cue_last + 1, stretch_end);
        if cue.call.is_some() || frame == Frame::Warning {
            speaker = speaker.map(|s| call::without_addressee(v, s));
        }
        // "، واتهم الحكومة بإهدار …": the verb goes on with the subject before it.
        if speaker.is_some_and(|s| shared_subject::object_not_speaker(v, i, cue, s, stretch_end)) {
            return (None, medium(v, cue_last + 1, stretch_end));
        }
        if speaker.is_none() {
            speaker = subject_before(v, i)
                .or_else(|| clause_subject(v, i))
                .or_else(|| topic_subject(v, i))
                .or_else(|| subject_after_complementiser(v, i));
        }
    }
    // "ونقلت وكالة رويترز عن مصدر حكومي قوله إن", "نقلت الصحيفة عن مصادر أمنية أن": the source
    // is after عن, the outlet that relays it is the medium.
    let mut quoted_medium = None;
    let saying = stretch_end > cue_last + 1
        && v.is_word(stretch_end - 1)
        && v.folded(stretch_end - 1).starts_with("قول");
    if (saying || frame == Frame::Relay)
        && let Some(a) = (cue_last + 1..stretch_end).find(|&t| v.is_word(t) && v.folded(t) == "عن")
    {
        let source_end = if saying { stretch_end - 2 } else { stretch_end - 1 };
        if a < source_end {
            quoted_medium = speaker.map(|(x, y)| v.bytes(x, y));
            speaker = speaker_np(v, a + 1, source_end + 1).or(Some((a + 1, source_end)));
        }
    }
    let sent_start = v.sentence_start(i);
    // Before the cue only a circumstance can hold the medium ("وفي تصريحات نقلتها وكالة …،
    // أوضح"): a media noun there may be the subject itself ("وكانت الصحيفة أوردت").
    let medium = medium(v, cue_last + 1, stretch_end).or_else(|| {
        (sent_start..i)
            .find(|&t| v.has(t, Role::Stop) && t + 1 < i && v.has(t + 1, Role::Media))
            .and_then(|t| medium(v, t + 1, i))
    });
    (speaker, quoted_medium.or(medium))
}

/// The content (bytes), kind and confidence of the claim of the cue at `i`.
pub(super) fn content(
    v: &View<'_>,
    i: usize,
    intro: &Intro,
    max_bytes: usize,
) -> Option<((usize, usize), QuoteKind, f32)> {
    Some(match *intro {
        Intro::Comp(k) | Intro::Nominal(k) => {
            let s = if matches!(intro, Intro::Comp(_)) { k + 1 } else { k };
            if s >= v.len() || v.para[s] != v.para[i] {
                return None;
            }
            let e = content_end(v, s, max_bytes);
            let start = if matches!(intro, Intro::Nominal(_)) {
                content_start(v, s)
            } else {
                v.toks[s].span.start()
            };
            let (a, b) = trim_content(v, start, v.toks[e].span.end());
            let kind = if has_quote(v, a, b, 2) || v.opening(s).is_some() {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            };
            let conf = if matches!(intro, Intro::Comp(_)) { 0.9 } else { 0.6 };
            ((a, b), kind, conf)
        }
        Intro::Colon(k) => {
            let mut s = k + 1;
            if s >= v.len() {
                return None;
            }
            let closed = v.opening(s).filter(|&qi| v.quotes[qi as usize].close.is_some());
            if let Some(qi) = closed {
                let q = &v.quotes[qi as usize];
                ((q.start, q.end), QuoteKind::Direct, 0.9)
            } else {
                if v.para[s] != v.para[k] {
                    return None;
                }
                // An unmarked quotation, or one whose closing mark is missing: the speaker's
                // sentence (see `colon_speech_end`).
                while s < v.paragraph_end(k) && v.is_quote_mark(s) {
                    s += 1;
                }
                let e = colon_speech_end(v, s, max_bytes);
                let (a, b) = trim_content(v, v.toks[s].span.start(), v.toks[e].span.end());
                ((a, b), QuoteKind::Direct, 0.7)
            }
        }
        Intro::Quote(qi) => {
            let q = &v.quotes[qi];
            ((q.start, q.end), QuoteKind::Direct, 0.9)
        }
    })
}
