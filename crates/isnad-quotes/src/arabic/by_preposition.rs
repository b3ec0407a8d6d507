//! Attribution by a preposition: the noun phrase after it is the source of the sentence.
//!
//! **Reads**: "بحسب وكالة …، …" (the source first, the content after the comma), "…، وفقا للبيان"
//! (the content before), "وبحسب ما أفادت الوكالة، فإن …".
//! **Not**: manner adverbials ("جرى وفق جدول معلن", "حسب الخطة"); "حسبما ذكرت" closing a sentence
//! whose report is another cue's; the preposition inside another claim's content.
//! **Data**: `prep-attrib`, `non-source`, `dated`, `date-word` in `data/ar-function.tsv`.
//! **Fixture**: `tests/fixtures/ar-attribution-prepositions.txt`, `ar-attribution-dates.txt`.

use isnad_core::QuoteKind;

use super::COMMAS;
use crate::draft::{Draft, trim_content};
use crate::lexicon::{Class, Role};
use crate::view::View;

/// "بحسب وكالة …، …" / "…، وفقا للبيان": the noun phrase after the preposition is the source of
/// the rest of the sentence.
pub(super) fn claim(v: &View<'_>, i: usize) -> Option<Draft> {
    let last = v.tags[i].last as usize;
    let sent_start = v.sentence_start(i);
    let sent_end = v.sentence_end(i);
    let lead = (sent_start..i).all(|k| !v.is_wordish(k) || v.folded(k) == "و");
    // "…، حسبما ذكرت الوكالة" closing a sentence points back to what was said: a medium, not a
    // claim. Opening one ("وبحسب ما أفادت الوكالة، فإن …") it attributes what follows.
    let mut np_start = last + 1;
    if last < sent_end && v.tags[last + 1].cue.is_some() {
        if !lead {
            return None;
        }
        np_start = last + 2;
    }
    // "جرى وفق جدول معلن", "حسب الخطة": a rule or a plan after the preposition makes it a manner
    // adverbial, not an attribution.
    if np_start <= sent_end && v.has(np_start, Role::NonSource) {
        return None;
    }
    // Inside a reported clause ("قالت … إن …، لافتة إلى أن الملء جرى وفق …") the preposition
    // belongs to that content: the content before it is another cue's, not this phrase's.
    if !lead && (sent_start..i).any(|t| v.tags[t].cue.is_some()) {
        return None;
    }
    let mut e = np_start;
    let mut np_end = None;
    while e <= sent_end && e - last <= 8 {
        // The source ends before its date: "بيان صادر عن الاتحاد اليوم الاثنين"، "تقرير المنظمة
        // الصادر في 3 نوفمبر".
        if e > np_start && (v.in_timex(e) || dated(v, e, sent_end) || date_stop(v, e)) {
            break;
        }
        if v.is_wordish(e) {
            np_end = Some(e);
        } else if !v.is_punct(e, &['(', ')']) {
            break;
        }
        e += 1;
    }
    let np_end = np_end?;
    let (a, b) = if lead {
        let mut s = np_end + 1;
        // A date or participle phrase left after the source ends at the comma before the content.
        if s <= sent_end
            && v.is_wordish(s)
            && let Some(c) = (s..=sent_end.min(s + 10)).find(|&t| v.is_punct(t, COMMAS))
        {
            s = c + 1;
        }
        while s <= sent_end && !v.is_wordish(s) {
            s += 1;
        }
        // "…، فإن الاشتباكات …": the particle only links the attribution to its content.
        if s <= sent_end && matches!(v.folded(s), "فان" | "فانه" | "فانها") {
            s += 1;
        }
        if s > sent_end {
            return None;
        }
        trim_content(v, v.toks[s].span.start(), v.toks[sent_end].span.end())
    } else {
        trim_content(v, v.toks[sent_start].span.start(), v.toks[i - 1].span.end())
    };
    let words = v.text[a..b].split_whitespace().count();
    if words < 3 {
        return None;
    }
    Some(Draft {
        cue: (i, last),
        content: (a, b),
        kind: QuoteKind::Indirect,
        speaker: Some((np_start, np_end)),
        implicit: false,
        medium: None,
        confidence: 0.7,
        class: Class::Speech,
        block: v.block(i),
    })
}

/// True when token `e` is a dating participle (الصادر، الصادرة) followed by a date: a number, a
/// time word or a time expression, over في or بتاريخ.
fn dated(v: &View<'_>, e: usize, sent_end: usize) -> bool {
    if !v.has(e, Role::Dated) {
        return false;
    }
    let mut n = e + 1;
    while n <= sent_end
        && n <= e + 2
        && v.is_word(n)
        && (v.has(n, Role::Stop) && !v.has(n, Role::Time) || v.folded(n) == "بتاريخ")
    {
        n += 1;
    }
    n <= sent_end
        && (v.toks[n].kind == isnad_core::TokenKind::Number
            || v.has(n, Role::Time)
            || v.in_timex(n)
            || date_stop(v, n))
}

/// Words of the date (اليوم، أمس، the days of the week): a source phrase never runs on
/// over one.
fn date_stop(v: &View<'_>, e: usize) -> bool {
    v.is_word(e) && v.has(e, Role::DateWord)
}
