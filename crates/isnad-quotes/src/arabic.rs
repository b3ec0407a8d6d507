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

use isnad_core::QuoteKind;

use crate::QuotesConfig;
use crate::draft::{Draft, has_quote, medium, trim_content};
use crate::lexicon::{Class, Form, Role};
use crate::view::View;

enum Intro {
    /// Complementiser at this token: content starts after it.
    Comp(usize),
    /// Nominal head at this token: content starts with it.
    Nominal(usize),
    /// Colon at this token.
    Colon(usize),
    /// Quotation (index into `View::quotes`).
    Quote(usize),
}

const COMMAS: &[char] = &['،', ','];

/// True when token `j` starts a new reported clause: a participle cue, or a finite cue with a
/// conjunction (وأضاف، كما أكد).
fn starts_new_claim(v: &View<'_>, j: usize) -> bool {
    let Some(cue) = v.tags[j].cue else { return false };
    match cue.form {
        Form::ArParticiple => true,
        Form::ArPast | Form::ArPresent => v.tags[j].prefix > 0 || (j > 0 && v.f(j - 1) == "كما"),
        _ => false,
    }
}

/// Token index where the content starting at `s` ends (inclusive).
fn content_end(v: &View<'_>, s: usize) -> usize {
    let mut e = v.sentence_end(s);
    let mut t = s;
    while t <= e {
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
            let next = if v.f(t + 1) == "كما" && t + 2 <= e { t + 2 } else { t + 1 };
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

/// A quotation at `k` that is long enough to be speech and not the name of an outlet or body.
fn speech_quote(v: &View<'_>, k: usize, min_words: u32) -> Option<usize> {
    let qi = v.mark_of[k]? as usize;
    let q = &v.quotes[qi];
    if q.open != k || q.words < min_words {
        return None;
    }
    if k > 0
        && (v.has(k - 1, Role::Media) || v.has(k - 1, Role::NameHead) || v.f(k - 1) == "ل")
        && q.words <= 4
    {
        return None;
    }
    Some(qi)
}

/// The speaker noun phrase in tokens `from..to`: up to the first stop word.
fn speaker_np(v: &View<'_>, from: usize, to: usize) -> Option<(usize, usize)> {
    let mut j = from;
    while j < to && v.is_punct(j, COMMAS) {
        j += 1;
    }
    let start = j;
    let mut last = None;
    while j < to {
        // على folds to علي, which is also the name Ali: only the spelling with ى is the preposition.
        let prep = v.has(j, Role::Prep) && (v.f(j) != "علي" || v.o(j).ends_with('ى'));
        let stop = v.has(j, Role::Stop)
            || prep
            || (j == start && v.has(j, Role::Time))
            || v.has(j, Role::Comp)
            || (v.has(j, Role::Media)
                && v.f(j)[..v.tags[j].prefix as usize].starts_with(['ل', 'ب']))
            || v.is_quote_mark(j)
            || v.is_punct(j, &[':', '-', '–', '—', '؛'])
            || (v.is_punct(j, &['.'])
                && !(j > from && v.is_word(j - 1) && v.f(j - 1).chars().count() == 1))
            || v.tags[j].cue.is_some();
        if stop {
            // "رئيسة قسم الأوبئة في جامعة الخليج الطبية، نورة القحطاني،": a role with its
            // prepositional phrase, then the name in apposition, is one speaker phrase.
            if last.is_some()
                && v.has(j, Role::Stop)
                && matches!(v.f(j), "في" | "فى")
                && let Some(e) = role_pp_name(v, j, to)
            {
                last = Some(e);
            }
            break;
        }
        if v.is_wordish(j) || v.is_punct(j, &['(', ')']) {
            last = Some(j);
        } else if !v.is_punct(j, COMMAS) && !v.is_punct(j, &['.']) {
            // (a period that got here is an abbreviation's: "د. بول مرقص")
            break;
        }
        if j - start > 14 {
            break;
        }
        j += 1;
    }
    last.map(|l| (start, l))
}

/// "في جامعة الخليج الطبية، نورة القحطاني،": the prepositional phrase at `pp` (a few words without
/// another stop) up to a comma, then a name of two to four words closed by a comma: its last
/// token. A name carries no article on its first word and no function word or cue.
/// Without the commas ("مدير التعليم في المحافظة إياد سليمان للصحيفة إن"), the phrase ends on a
/// definite word and the name (two to four words, the first without the article) runs up to
/// what ends a speaker phrase: the stretch's end, a comma, a complementiser, a cue or a medium
/// after ل or ب.
fn role_pp_name(v: &View<'_>, pp: usize, to: usize) -> Option<usize> {
    let plain = |t: usize| {
        v.is_wordish(t)
            && !v.has(t, Role::Stop)
            && !v.has(t, Role::Prep)
            && !v.has(t, Role::Comp)
            && !v.has(t, Role::Rel)
            && !v.has(t, Role::Time)
            && v.tags[t].cue.is_none()
    };
    let c1 = (pp + 1..to.min(pp + 9)).find(|&t| !plain(t));
    if c1.is_none_or(|c| !v.is_punct(c, COMMAS)) {
        return pp_name_no_comma(v, pp, to, &plain);
    }
    let c1 = c1?;
    if c1 < pp + 2 || !v.is_punct(c1, COMMAS) {
        return None;
    }
    let c2 = (c1 + 1..to.min(c1 + 6)).find(|&t| !plain(t))?;
    let words = c2 - c1 - 1;
    if !(2..=4).contains(&words) || !v.is_punct(c2, COMMAS) || v.f(c1 + 1).starts_with("ال") {
        return None;
    }
    Some(c2 - 1)
}

/// True for a word with the article, over a clitic chain (التعليم، والتعليم، بالمحافظة، للوزارة).
fn definite(w: &str) -> bool {
    let rest = w.trim_start_matches(['و', 'ف']);
    let rest = rest.strip_prefix(['ب', 'ك']).unwrap_or(rest);
    rest.starts_with("ال") || rest.starts_with("لل")
}

/// The comma-less form of [`role_pp_name`]: the last token of the name, if there is one.
fn pp_name_no_comma(
    v: &View<'_>,
    pp: usize,
    to: usize,
    plain: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let media_after_prep = |t: usize| {
        v.has(t, Role::Media) && v.f(t)[..v.tags[t].prefix as usize].starts_with(['ل', 'ب'])
    };
    let k = (pp + 1..to.min(pp + 10)).find(|&t| !plain(t) || media_after_prep(t)).unwrap_or(to);
    let closes = k == to
        || v.is_punct(k, COMMAS)
        || v.has(k, Role::Comp)
        || media_after_prep(k)
        || v.tags[k].cue.is_some();
    if !closes || k > pp + 9 {
        return None;
    }
    // The phrase: at least one word, ending on a definite word; the name: 2–4 words, its first
    // without the article.
    let name = (pp + 2..k).find(|&s| definite(v.f(s - 1)) && !definite(v.f(s)))?;
    (k - name >= 2 && k - name <= 4 && (pp + 1..k).all(|t| v.is_word(t))).then_some(k - 1)
}

/// A subject written before the cue after كان (and قد): "وكان الرئيس … قد أكد".
fn subject_before(v: &View<'_>, cue: usize) -> Option<(usize, usize)> {
    let mut end = cue.checked_sub(1)?;
    if v.has(end, Role::Qad) {
        end = end.checked_sub(1)?;
    }
    let floor = v.sentence_start(cue);
    let mut j = end;
    while j > floor && end - j < 10 {
        if v.has(j, Role::Aux) {
            return (j < end).then_some((j + 1, end));
        }
        if !v.is_wordish(j) {
            return None;
        }
        j -= 1;
    }
    if v.has(j, Role::Aux) && j < end {
        return Some((j + 1, end));
    }
    None
}

/// "أما الخبير التربوي وليد حمدان فيرى أن …": after أما the topic is the subject of the verb that
/// takes ف.
fn topic_subject(v: &View<'_>, cue: usize) -> Option<(usize, usize)> {
    let p = v.tags[cue].prefix as usize;
    if p == 0 || !v.f(cue).starts_with('ف') {
        return None;
    }
    let floor = v.sentence_start(cue);
    let amma = (floor.max(cue.saturating_sub(12))..cue)
        .rev()
        .find(|&t| v.is_word(t) && v.f(t) == "اما")?;
    // The topic is a noun phrase: words (and the dots of abbreviations) only.
    let ok = amma + 1 < cue
        && (amma + 1..cue).all(|t| v.is_wordish(t) || v.is_punct(t, &['.']))
        && v.tags[amma + 1..cue].iter().all(|g| g.cue.is_none());
    ok.then_some((amma + 1, cue - 1))
}

/// A short subject opening the cue's clause: ": رئيس الحكومة أشار إلى أن".
fn clause_subject(v: &View<'_>, cue: usize) -> Option<(usize, usize)> {
    if v.tags[cue].prefix > 0 {
        return None;
    }
    let end = cue.checked_sub(1)?;
    let mut j = end;
    loop {
        if !v.is_wordish(j) {
            let boundary = v.is_punct(j, &[':', '،', ',']) || v.is_quote_mark(j);
            return (boundary && j < end).then_some((j + 1, end));
        }
        let bad = v.has(j, Role::Stop)
            || v.has(j, Role::Prep)
            || v.has(j, Role::Comp)
            || v.has(j, Role::Rel)
            || v.has(j, Role::Particle)
            || v.tags[j].cue.is_some()
            || end - j >= 5;
        if bad {
            return None;
        }
        if v.starts_sentence(j) {
            // "لكن العلي شدد": the conjunction opening the clause is no part of its subject.
            let s = if v.has(j, Role::Clause) && j < end { j + 1 } else { j };
            return Some((s, end));
        }
        j = j.checked_sub(1)?;
    }
}

/// A short line without final punctuation is a headline, except when it opens with a reporting
/// verb carrying و or ف ("وأضاف أن …") or in the past tense, after the first line: headlines do
/// not start that way, sloppy body paragraphs without a final period do.
fn body_line(v: &View<'_>, i: usize) -> bool {
    let first = v.paragraph_start(i);
    let Some(cue) = v.tags[first].cue else { return false };
    // Headlines put the subject first and the verb in the present ("الوزير يقول إن …"); a line
    // that opens with a past reporting verb ("قال الوزير إن …") is body text.
    let conj = v.tags[first].prefix > 0 && v.f(first).starts_with(['و', 'ف']);
    first > 0 && v.block(first) == isnad_core::Block::Main && (conj || cue.form == Form::ArPast)
}

/// True when the cue at `i` lies inside an author's-voice phrase (يُذكر أن، والجدير بالذكر).
fn in_author_voice(v: &View<'_>, i: usize) -> bool {
    let floor = i.saturating_sub(3);
    (floor..=i).any(|k| v.has(k, Role::Author) && v.tags[k].last as usize >= i)
}

/// Finds the claims of an Arabic document.
pub(crate) fn find(v: &View<'_>, cfg: &QuotesConfig) -> Vec<Draft> {
    let mut out = Vec::new();
    let min_words = cfg.min_quote_words as u32;
    for i in 0..v.len() {
        if cfg.skip_headings && v.paragraph(i).heading && !body_line(v, i) {
            continue;
        }
        if v.has(i, Role::AttribPrep) {
            if let Some(d) = by_preposition(v, i) {
                out.push(d);
            }
            continue;
        }
        if v.has(i, Role::TextOf) {
            if let Some(d) = text_of(v, i, cfg.max_quote_bytes) {
                out.push(d);
            }
            continue;
        }
        let Some(cue) = v.tags[i].cue else { continue };
        if in_author_voice(v, i) {
            continue;
        }
        // "والذي يُتوقع أن": a belief verb in a relative clause is the passive "is expected",
        // with no one holding the belief.
        if cue.class == Class::Belief && i > 0 && v.has(i - 1, Role::Rel) {
            continue;
        }
        let cue_last = v.tags[i].last as usize;
        let sent_end = v.sentence_end(i);
        // 2. the introducer.
        let mut intro = None;
        let mut k = cue_last + 1;
        while k <= sent_end && k - cue_last <= 32 {
            if v.has(k, Role::Comp) && v.tags[k].prefix == 0 {
                intro = Some(Intro::Comp(k));
                break;
            }
            // A nominal head right after the cue or its preposition ("شدد على ضرورة"), or after a
            // short subject ("أكد الوزير ضرورة"), but not inside a relative clause ("المصدر الذي
            // فضل عدم الكشف").
            // "نفى المصدر الأنباء التي …": a denial's object names what is denied.
            if cue.class == Class::Denial && v.has(k, Role::Reports) && k - cue_last <= 8 {
                intro = Some(Intro::Nominal(k));
                break;
            }
            // "نفت الهيئة ما تداولته مواقع التواصل", "أكد الوزير ما ذكرته الصحيفة": the object of a
            // denial (or of a confirmation of a report) is a relative ما clause, the content.
            // (A confirmation needs the verb of the ما clause to carry the pronoun that refers
            // back to ما, as reports do: ذكرته، نشرته، أوردتها.)
            if k - cue_last <= 8
                && relative_ma(v, k)
                && (cue.class == Class::Denial || resumptive(v, k + 1))
            {
                intro = Some(Intro::Nominal(k));
                break;
            }
            // (Not after a comma: "قال مصدر، طلب عدم الكشف عن اسمه، إن" is an aside.)
            if v.has(k, Role::Nominal)
                && (k == cue_last + 1
                    || v.has(k - 1, Role::Prep)
                        && !(cue_last + 1..k).any(|t| v.is_punct(t, COMMAS))
                    || (k - cue_last <= 6
                        && (cue_last + 1..k)
                            .all(|t| !v.has(t, Role::Rel) && !v.is_punct(t, COMMAS))))
            {
                intro = Some(Intro::Nominal(k));
                break;
            }
            if v.is_punct(k, &[':']) {
                // "قال لـ"الجريدة": إن …" — the colon only announces the complementiser.
                intro = Some(if k + 1 < v.len() && v.has(k + 1, Role::Comp) {
                    Intro::Comp(k + 1)
                } else {
                    Intro::Colon(k)
                });
                break;
            }
            if let Some(qi) = v.opening(k) {
                if let Some(qi) = speech_quote(v, k, min_words) {
                    intro = Some(Intro::Quote(qi));
                    break;
                }
                // A quoted name: step over it.
                k = v.quotes[qi as usize].close.unwrap_or(k) + 1;
                continue;
            }
            // Another reporting verb ends the search: its complementiser is its own. (A relative
            // clause does not: "وذكر التقرير الذي نشرته المنظمة أن …".)
            if (v.tags[k].cue.is_some() && k > cue_last + 1) || v.has(k, Role::Clause) {
                break;
            }
            k += 1;
        }
        // Participles continue the previous speaker: the introducer must follow at once.
        if cue.form == Form::ArParticiple {
            let near = match intro {
                Some(Intro::Comp(k)) => {
                    k == cue_last + 1 || (k == cue_last + 2 && v.has(cue_last + 1, Role::Prep))
                }
                Some(Intro::Nominal(k)) => {
                    k == cue_last + 1 || (k == cue_last + 2 && v.has(cue_last + 1, Role::Prep))
                }
                Some(Intro::Colon(k)) => k == cue_last + 1,
                Some(Intro::Quote(qi)) => v.quotes[qi].open == cue_last + 1,
                None => false,
            };
            if !near {
                continue;
            }
        }
        let Some(intro) = intro else {
            if cue.form != Form::ArParticiple
                && let Some(d) = postposed(v, i, cue_last, sent_end, min_words)
            {
                out.push(d);
            }
            continue;
        };
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
        // 3. speaker and medium.
        let mut speaker = None;
        if cue.form != Form::ArParticiple {
            speaker = speaker_np(v, cue_last + 1, stretch_end);
            if speaker.is_none() {
                speaker = subject_before(v, i)
                    .or_else(|| clause_subject(v, i))
                    .or_else(|| topic_subject(v, i));
            }
        }
        // "ونقلت وكالة رويترز عن مصدر حكومي قوله إن": the source is after عن, the agency is the
        // medium.
        let mut quoted_medium = None;
        if stretch_end >= cue_last + 3
            && v.is_word(stretch_end - 1)
            && v.f(stretch_end - 1).starts_with("قول")
            && let Some(a) =
                (cue_last + 1..stretch_end - 1).find(|&t| v.is_word(t) && v.f(t) == "عن")
            && a + 1 < stretch_end - 1
        {
            quoted_medium = speaker.map(|(x, y)| v.bytes(x, y));
            speaker = Some((a + 1, stretch_end - 2));
        }
        let sent_start = v.sentence_start(i);
        // Before the cue only a circumstance can hold the medium ("وفي تصريحات نقلتها وكالة …،
        // أوضح"): a media noun there may be the subject itself ("وكانت الصحيفة أوردت").
        let medium = medium(v, cue_last + 1, stretch_end).or_else(|| {
            (sent_start..i)
                .find(|&t| v.has(t, Role::Stop) && t + 1 < i && v.has(t + 1, Role::Media))
                .and_then(|t| medium(v, t + 1, i))
        });
        let medium = quoted_medium.or(medium);
        // 4. content.
        let (content, kind, confidence) = match intro {
            Intro::Comp(k) | Intro::Nominal(k) => {
                let s = if matches!(intro, Intro::Comp(_)) { k + 1 } else { k };
                if s >= v.len() || v.para[s] != v.para[i] {
                    continue;
                }
                let e = content_end(v, s);
                let (a, b) = trim_content(v, v.toks[s].span.start(), v.toks[e].span.end());
                let kind = if has_quote(v, a, b, 2) || starts_with_quote(v, s) {
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
                    continue;
                }
                if let Some(qi) = v.opening(s) {
                    let q = &v.quotes[qi as usize];
                    ((q.start, q.end), QuoteKind::Direct, 0.9)
                } else {
                    if v.para[s] != v.para[k] {
                        continue;
                    }
                    // An unmarked or half-marked quotation: up to a stray closing mark, else to
                    // the end of the paragraph.
                    let pe = v.paragraph_end(k);
                    let mut e = pe;
                    for t in s..=pe {
                        if v.is_quote_mark(t) && v.mark_of[t].is_none() && t > s {
                            e = t - 1;
                            break;
                        }
                    }
                    while s < e && v.is_quote_mark(s) {
                        s += 1;
                    }
                    let (a, b) = trim_content(v, v.toks[s].span.start(), v.toks[e].span.end());
                    ((a, b), QuoteKind::Direct, 0.7)
                }
            }
            Intro::Quote(qi) => {
                let q = &v.quotes[qi];
                ((q.start, q.end), QuoteKind::Direct, 0.9)
            }
        };
        if content.1 <= content.0 {
            continue;
        }
        let implicit = speaker.is_none() && cue.class != Class::Agentless;
        out.push(Draft {
            cue: (i, cue_last),
            content,
            kind,
            speaker,
            implicit,
            medium,
            confidence,
            class: cue.class,
            block: v.block(i),
        });
    }
    out
}

/// True when token `k` is the relative ما ("what") opening a clause: a bare ما followed by a
/// verb, not the negation of ما زال/ما دام, not "ما يلي" (the following) and not a ما after a
/// preposition.
fn relative_ma(v: &View<'_>, k: usize) -> bool {
    if !(v.is_word(k)
        && v.f(k) == "ما"
        && k + 1 < v.len()
        && v.is_word(k + 1)
        && v.sent[k] == v.sent[k + 1])
    {
        return false;
    }
    let blocked =
        [Role::NotRelative, Role::Stop, Role::Prep, Role::Comp].iter().any(|&r| v.has(k + 1, r));
    let after_prep = k > 0 && v.has(k - 1, Role::Prep);
    !(blocked || after_prep)
}

/// True when token `k` carries an object pronoun that refers back to a relative ما ("ما ذكرته
/// الصحيفة", "ما أوردتها الوكالة"): it ends in ه or ها as written (a ة folds to ه, so the original
/// text is read).
fn resumptive(v: &View<'_>, k: usize) -> bool {
    v.is_word(k) && v.o(k).ends_with('ه') && v.o(k).chars().count() > 3
}

fn starts_with_quote(v: &View<'_>, s: usize) -> bool {
    v.opening(s).is_some()
}

/// "… للمرة الأولى يفحص الاتحاد … تقول صحيفة يسرائيل هيوم." — a cue and a short noun phrase
/// closing a sentence report the sentence before them.
fn postposed(
    v: &View<'_>,
    i: usize,
    cue_last: usize,
    sent_end: usize,
    min_words: u32,
) -> Option<Draft> {
    // After a particle (قد، لن، لم، لا) the verb is the sentence's own predicate; after حسبما it
    // points back to a claim already made; with the future prefix (ستعلن) it is no report.
    if i > 0 && (v.has(i - 1, Role::Particle) || v.has(i - 1, Role::AttribPrep)) {
        return None;
    }
    if v.f(i)[..v.tags[i].prefix as usize].contains('س') {
        return None;
    }
    // A sentence that already reports something has its content there, not before this verb.
    if (v.sentence_start(i)..i).any(|t| v.tags[t].cue.is_some_and(|c| c.form != Form::ArParticiple))
    {
        return None;
    }
    // The speaker is a noun phrase: its first word takes no preposition (بالسيطرة، للصحيفة).
    if cue_last < sent_end && v.is_word(cue_last + 1) {
        let first = v.f(cue_last + 1);
        if first.starts_with(['ب', 'ل', 'ك']) && !first.starts_with("ال")
            || v.has(cue_last + 1, Role::Pronoun)
        {
            return None;
        }
    }
    let mut words = 0;
    for k in cue_last + 1..=sent_end {
        if v.is_wordish(k) {
            if v.has(k, Role::Stop)
                || v.has(k, Role::Prep)
                || v.has(k, Role::Comp)
                || v.tags[k].cue.is_some()
            {
                return None;
            }
            words += 1;
        } else if !(k == sent_end || v.is_punct(k, &['(', ')'])) {
            return None;
        }
    }
    if !(1..=6).contains(&words) {
        return None;
    }
    let mut s = v.sentence_start(i);
    // A dateline label ("الرابعة نيوز:") is not part of the content.
    for k in s..i.min(s + 5) {
        if v.is_punct(k, &[':']) {
            s = k + 1;
            break;
        }
    }
    let content_words = (s..i).filter(|&k| v.is_wordish(k)).count();
    if content_words < 4 || i == 0 || s >= i {
        return None;
    }
    let (a, b) = trim_content(v, v.toks[s].span.start(), v.toks[i - 1].span.end());
    let direct = v.quote_before(a).is_some_and(|q| q.end >= b && q.words >= min_words);
    let speaker_end = if v.is_wordish(sent_end) { sent_end } else { sent_end - 1 };
    Some(Draft {
        cue: (i, cue_last),
        content: (a, b),
        kind: if direct { QuoteKind::Direct } else { QuoteKind::Indirect },
        speaker: Some((cue_last + 1, speaker_end)),
        implicit: false,
        medium: None,
        confidence: 0.6,
        class: v.tags[i].cue.map_or(Class::Speech, |c| c.class),
        block: v.block(i),
    })
}

/// "بحسب وكالة …، …" / "…، وفقا للبيان": the noun phrase after the preposition is the source of
/// the rest of the sentence.
fn by_preposition(v: &View<'_>, i: usize) -> Option<Draft> {
    let last = v.tags[i].last as usize;
    let sent_start = v.sentence_start(i);
    let sent_end = v.sentence_end(i);
    let lead = (sent_start..i).all(|k| !v.is_wordish(k) || v.f(k) == "و");
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
        if s <= sent_end && matches!(v.f(s), "فان" | "فانه" | "فانها") {
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
        && (v.has(n, Role::Stop) && !v.has(n, Role::Time) || v.f(n) == "بتاريخ")
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

/// "وهذا نص البيان:" closing a paragraph: the paragraphs after it, up to the end of the article
/// body, are the statement quoted in full.
fn text_of(v: &View<'_>, i: usize, max_bytes: usize) -> Option<Draft> {
    let media = i + 1;
    if media >= v.len() || !v.has(media, Role::Media) {
        return None;
    }
    let colon = v.tags[media].last as usize + 1;
    if colon >= v.len() || !v.is_punct(colon, &[':']) || v.paragraph_end(colon) != colon {
        return None;
    }
    let first = colon + 1;
    if first >= v.len() || v.block(first) != v.block(i) {
        return None;
    }
    let start = v.toks[first].span.start();
    let mut last = v.paragraph_end(first);
    while last + 1 < v.len()
        && v.block(last + 1) == v.block(i)
        && v.toks[v.paragraph_end(last + 1)].span.end() - start <= max_bytes
    {
        last = v.paragraph_end(last + 1);
    }
    let (a, b) = trim_content(v, start, v.toks[last].span.end());
    Some(Draft {
        cue: (i, v.tags[media].last as usize),
        content: (a, b),
        kind: QuoteKind::Direct,
        speaker: None,
        implicit: true,
        medium: Some(v.bytes(media, v.tags[media].last as usize)),
        confidence: 0.7,
        class: Class::Speech,
        block: v.block(i),
    })
}
