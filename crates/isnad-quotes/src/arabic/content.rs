//! Where a content ends.
//!
//! **Reads**: a content after أنّ/إنّ runs to its sentence end, over quotations, and stops before
//! ", مشيرا …", ", وأضاف …" and "على حد قوله"; unmarked speech after a colon (or after an opening
//! mark that never closes) ends with the speaker's sentence; no content runs into the next
//! reporting clause.
//! **Not**: a reporting verb inside quoted words, or far from its own complementiser (a clause of
//! a relative: "التقرير الذي بثته القناة وذكرت فيه …، …").
//! **Data**: `aside` in `data/ar-function.tsv`; cue forms of `data/ar-cues.tsv`.
//! **Fixture**: `tests/fixtures/ar-colon-speech.txt`, `ar-participles.txt`.

use isnad_core::QuoteKind;

use super::COMMAS;
use crate::draft::{Draft, trim_content};
use crate::lexicon::{Form, Role};
use crate::view::View;

/// True when token `j` starts a new reported clause: a participle cue, or a finite cue with a
/// conjunction (وأضاف، كما أكد).
pub(super) fn starts_new_claim(v: &View<'_>, j: usize) -> bool {
    let Some(cue) = v.tags[j].cue else { return false };
    match cue.form {
        Form::ArParticiple => true,
        Form::ArPast | Form::ArPresent => {
            v.tags[j].prefix > 0 || (j > 0 && v.folded(j - 1) == "كما")
        }
        _ => false,
    }
}

/// Token index where the content starting at `s` ends (inclusive); never more than `max_bytes`
/// after its start, so a sentence without a period cannot make one claim swallow a page.
pub(super) fn content_end(v: &View<'_>, s: usize, max_bytes: usize) -> usize {
    let mut e = v.sentence_end(s);
    let mut t = s;
    while t <= e {
        if too_long(v, s, t, max_bytes) {
            return t.saturating_sub(1).max(s);
        }
        // "لم تكن عادلة؛ خاصة أن …": a semicolon goes on with the same statement, unless a new
        // reporting clause follows it.
        if t == e
            && v.is_punct(e, &['؛'])
            && e < v.paragraph_end(e)
            && !starts_new_claim(v, e + 1)
            && !v.has(e + 1, Role::Author)
        {
            e = v.sentence_end(e + 1);
        }
        // "أن جهود الكويت متواصلة وأنها تقف …": a coordinated complementiser opens a second
        // claim of the same cue (see `coordinated.rs`).
        if t > s && coordinated_complementiser(v, t) && !(s..t).any(|k| bare_complementiser(v, k)) {
            return last_word_before(v, s, t);
        }
        // "…، إلا أن مسؤول الإعلام … نفى ذلك": a contrast whose clause has a reporting verb of
        // its own is the author's, and another claim.
        if v.is_punct(t, COMMAS) && t < e && contrast_with_claim(v, t + 1, e) {
            return t.saturating_sub(1).max(s);
        }
        if let Some(qi) = v.opening(t) {
            let last = v.quotes[qi as usize].last_tok();
            if last > e {
                e = v.sentence_end(last);
            }
            t = last + 1;
            continue;
        }
        if v.is_punct(t, COMMAS) && t < e && v.has(t + 1, Role::Aside) {
            return t.saturating_sub(1).max(s);
        }
        if v.is_punct(t, COMMAS) && t < e {
            let next = if v.folded(t + 1) == "كما" && t + 2 <= e { t + 2 } else { t + 1 };
            if starts_new_claim(v, next) {
                return t.saturating_sub(1).max(s);
            }
        }
        if t > s
            && t < e
            && v.tags[t].cue.is_some_and(|c| c.form != Form::ArParticiple)
            && v.tags[t].prefix > 0
            && v.is_punct(t - 1, COMMAS)
        {
            return t.saturating_sub(2).max(s);
        }
        t += 1;
    }
    e
}

/// True when token `t` is و or ف with a complementiser ("وأن", "وأنها", "وبأن") outside any
/// quotation.
pub(super) fn coordinated_complementiser(v: &View<'_>, t: usize) -> bool {
    v.has(t, Role::Comp)
        && v.tags[t].prefix > 0
        && v.folded(t).starts_with(['و', 'ف'])
        && !v.folded(t).starts_with("فان")
        && v.quote_of[t].is_none()
}

/// True when token `k` is a complementiser without و: inside a content it opens a nested
/// claim's, and a "وأن" after it is coordinated with that one ("الأنباء التي أشارت إلى أن …
/// وأن …").
fn bare_complementiser(v: &View<'_>, k: usize) -> bool {
    v.has(k, Role::Comp) && v.tags[k].prefix == 0
}

/// The last word or number in `s..t` (or `s`).
fn last_word_before(v: &View<'_>, s: usize, t: usize) -> usize {
    (s..t).rev().find(|&k| v.is_wordish(k) || v.closing(k).is_some()).unwrap_or(s)
}

/// True when a contrast opens at `c` ("إلا أن", "غير أن", "بيد أن", "لكن", "فيما", "بينما", "في
/// حين") and a finite reporting verb follows in its clause, within a few words and no comma: "إلا
/// أن المسؤول نفى ذلك", "فيما قالت الخارجية إنها …". (Without a reporting verb the clause is
/// part of what was said: "إن الإنتاج ارتفع، فيما تراجعت المبيعات".)
fn contrast_with_claim(v: &View<'_>, c: usize, e: usize) -> bool {
    if !v.has(c, Role::Contrast) {
        return false;
    }
    // ("في حين" is one opener of two words)
    let c = (v.tags[c].last as usize).min(e);
    // ("إلا أن", "غير أن": the contrast ends with its أن; "لكن", "لكنها" stand alone)
    let opener = if c < e && v.has(c + 1, Role::Comp) { c + 1 } else { c };
    (opener + 1..=e.min(opener + 14))
        .take_while(|&k| !v.is_punct(k, COMMAS))
        .any(|k| v.tags[k].cue.is_some_and(|q| q.form != Form::ArParticiple))
}

/// True when content running from token `s` to token `t` would be longer than `max_bytes`.
fn too_long(v: &View<'_>, s: usize, t: usize, max_bytes: usize) -> bool {
    t > s && v.toks[t].span.end() - v.toks[s].span.start() > max_bytes
}

/// Where unmarked direct speech after a colon ends (inclusive), or speech after an opening mark
/// that never closes: "وقال الوزير: نحن منفتحون على الحوار. وأضاف أن …". The speaker's words end
/// with the sentence, before the next reporting clause (وأضاف، مضيفا), at a stray closing mark,
/// or at the paragraph end, whichever comes first, and never run past `max_bytes`.
///
/// A closing mark with no opening one later in the paragraph (": رئيس الحكومة أشار … الفتنة".")
/// marks where the speech ends, over several sentences.
pub(super) fn colon_speech_end(v: &View<'_>, s: usize, max_bytes: usize) -> usize {
    let pe = v.paragraph_end(s);
    for t in s + 1..=pe {
        if too_long(v, s, t, max_bytes) {
            break;
        }
        if v.is_quote_mark(t) && v.mark_of[t].is_none() {
            return t - 1;
        }
    }
    let e = v.sentence_end(s).min(pe);
    for t in s + 1..=e {
        if too_long(v, s, t, max_bytes) || starts_new_claim(v, t) {
            // (a comma or a conjunction before the next clause belongs to neither)
            let mut end = t - 1;
            while end > s && (v.is_punct(end, COMMAS) || v.is_quote_mark(end)) {
                end -= 1;
            }
            return end;
        }
    }
    e
}

/// A content never runs into the next reporting clause: "… أن الجولة ستعقد في الشهر القادم
/// وقال الوزير: …" ends before "وقال", whose clause is a claim of its own. The next clause is a
/// claim's cue that opens a new clause (a participle, or a finite cue with و/ف or after كما) and
/// lies outside any quotation (a participle inside quoted words is the speaker's own).
/// Contents are bounded (a sentence or `max-quote-bytes`), and each looks up only the next such
/// cue, so the pass is linear.
pub(super) fn cut_at_next_claim(v: &View<'_>, out: &mut [Draft]) {
    let mut cues: Vec<(usize, usize)> = out
        .iter()
        .filter(|d| tight(v, d))
        .map(|d| d.cue.0)
        .filter(|&c| starts_new_claim(v, c) && v.quote_of[c].is_none())
        .map(|c| (v.toks[c].span.start(), c))
        .collect();
    cues.sort_unstable();
    // (Direct speech is cut by its marks or by `colon_speech_end`, not here.)
    for d in out.iter_mut().filter(|d| d.kind != QuoteKind::Direct) {
        let (a, b) = d.content;
        let k = cues.partition_point(|&(at, _)| at <= a);
        let Some(&(at, c)) = cues.get(k) else { continue };
        if at >= b || c <= d.cue.1 {
            continue;
        }
        let (na, nb) = trim_content(v, a, at);
        if nb > na {
            d.content = (na, nb);
        }
    }
}

/// True when a claim's content follows its cue closely, across a few words and no comma
/// ("وأضاف أن", "وقال وزير الخارجية:"): a clause of its own. A cue whose complementiser is far
/// off ("وذكرت فيه الكويت، هو إيصال رسالة أن …", a clause of a relative) may not be one.
fn tight(v: &View<'_>, d: &Draft) -> bool {
    let mut gap = 0;
    for t in d.cue.1 + 1..v.len() {
        if v.toks[t].span.start() >= d.content.0 {
            return true;
        }
        gap += 1;
        if gap > 8 || v.is_punct(t, COMMAS) {
            return false;
        }
    }
    false
}
