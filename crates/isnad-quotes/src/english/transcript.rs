//! A transcript line: a paragraph that opens with a speaker's name and a colon.
//!
//! **Reads**: "DANA ORTIZ: We never promised a new bridge." and "Marta Quinn: The figures are
//! wrong." (speaker: the name; content: the rest of the paragraph, direct speech), also inside
//! an opening quotation mark ("“Leo Brandt: We will not …”": the content ends where the
//! quotation closes). Interviews and panels are printed this way, one turn a paragraph, with no
//! verb of saying. An interview's "A: …" paragraphs, when a "Q: …" paragraph asks, are answers:
//! direct speech whose speaker the introduction names (no mention in the turn itself).
//!
//! **Not**: one capitalised word that is not all capitals ("Trump: Iowa is next" is a
//! headline's shape, not a turn); the first paragraph (the title); capitals opening the first
//! paragraph after it ("WASHINGTON: The Senate voted …": a dateline); a name with a determiner, a
//! poll or an outlet in it ("The Latest:", "AP Poll:"); a label ("UPDATE:", "Video
//! Transcript:", "Editor's note:", role `label`); a wh-word ("WHY IT MATTERS:", "WHAT COMES
//! NEXT:": the headings of an explainer, role `question`); a time word ("Monday:"); a content of fewer
//! than three words; a heading (the caller skips those); an interview's "Q: …" (the
//! interviewer's question), and "A: …" with no "Q: …" in the document.
//!
//! **Data**: `data/en-function.tsv` (`label`).
//!
//! **Fixture**: `tests/fixtures/en-transcript.txt`.

use isnad_core::QuoteKind;

use crate::draft::{Draft, trim_content};
use crate::lexicon::{Class, Role};
use crate::view::View;

use super::colon_name::{ColonName, name_before_colon};

/// The turns of the document's transcript: the paragraphs that open with a speaker's name and a
/// colon (headings skipped with `skip_headings`), when there are two or more — one "NAME: …"
/// paragraph alone is a dateline or a label ("BEIJING: …"), not an interview.
pub(crate) fn turns(v: &View<'_>, skip_headings: bool, min_words: u32) -> Vec<Draft> {
    let opens = |t: usize| t == 0 || v.para[t - 1] != v.para[t];
    // (A paragraph that a cue or an attribution word opens is read by the cue rules.)
    let cue_word = |t: usize| {
        v.tags[t].cue.is_some()
            || [Role::AttribPrep, Role::Survey, Role::ReportAdverb].iter().any(|&r| v.has(t, r))
    };
    let starts: Vec<usize> = (0..v.len()).filter(|&t| opens(t)).collect();
    let interview = starts.iter().any(|&t| labelled(v, t, "Q"));
    let turns: Vec<Draft> = starts
        .into_iter()
        .filter(|&t| !cue_word(t) && (!skip_headings || !v.paragraph(t).heading))
        .filter_map(|t| {
            if interview && labelled(v, t, "A") { answer(v, t) } else { claim(v, t, min_words) }
        })
        .collect();
    if turns.len() >= 2 { turns } else { Vec::new() }
}

/// The claim of the paragraph that starts at token `p`, when it is a transcript turn.
fn claim(v: &View<'_>, p: usize, min_words: u32) -> Option<Draft> {
    // (The first paragraph is the article's title: "Mayor Vale: ‘We Will Rebuild’".)
    if v.para[p] == 0 {
        return None;
    }
    let para_end = v.paragraph_end(p);
    // "“Leo Brandt: …”": the turn quoted whole.
    let (s, quote_close) = match v.opening(p) {
        Some(qi) => (p + 1, v.quotes[qi as usize].close),
        None => (p, None),
    };
    let roles = [Role::Label, Role::Time, Role::Det, Role::Survey, Role::Media, Role::Question];
    let ColonName { colon, words, all_caps } =
        name_before_colon(v, s, para_end, &roles, |_| false)?;
    let one_word_ok = all_caps && v.original(s).chars().count() >= 3;
    if colon >= para_end || words == 0 || (words == 1 && !one_word_ok) {
        return None;
    }
    // "WASHINGTON: The Senate voted …", "NEW DELHI: …": capitals before a colon opening the
    // first paragraph after the title are a dateline, not a speaker.
    if all_caps && v.para[p] == 1 {
        return None;
    }
    let last = quote_close.filter(|&c| c > colon && c <= para_end).map_or(para_end, |c| c - 1);
    if last <= colon {
        return None;
    }
    let (a, b) = trim_content(v, v.toks[colon + 1].span.start(), v.toks[last].span.end());
    if v.text[a..b].split_whitespace().count() < 3.max(min_words as usize) {
        return None;
    }
    Some(Draft {
        kind: QuoteKind::Direct,
        confidence: 0.75,
        ..Draft::indirect(v, (colon, colon), (a, b), Some((s, colon - 1)), Class::Speech)
    })
}

/// True when the paragraph at token `p` opens with the one letter `letter` and a colon ("Q:",
/// "A:"), an interview's labels for the question and the answer.
fn labelled(v: &View<'_>, p: usize, letter: &str) -> bool {
    p + 1 < v.len() && v.original(p) == letter && v.is_punct(p + 1, &[':'])
}

/// "Q: Will prices fall? ¶ A: Not this year.": the answer is the interviewee's speech (direct,
/// its speaker named only in the article's introduction); the question is the interviewer's and
/// no claim.
fn answer(v: &View<'_>, p: usize) -> Option<Draft> {
    let colon = p + 1;
    let last = v.paragraph_end(p);
    if last <= colon {
        return None;
    }
    let (a, b) = trim_content(v, v.toks[colon + 1].span.start(), v.toks[last].span.end());
    if a >= b {
        return None;
    }
    Some(Draft {
        kind: QuoteKind::Direct,
        confidence: 0.75,
        ..Draft::indirect(v, (colon, colon), (a, b), None, Class::Speech)
    })
}
