//! The speaker noun phrase of a verb-first claim, and subjects written before the cue.
//!
//! **Reads**: the noun phrase after the cue up to a preposition, a time word, a complementiser, a
//! media noun with لـ or بـ ("قال وزير الخارجية للصحيفة إن"); a role with its prepositional
//! phrase and the name in apposition ("رئيسة قسم الأوبئة في جامعة الخليج الطبية، نورة القحطاني،");
//! a subject after كان ("وكان الرئيس … قد أكد"), after أما ("أما الخبير … فيرى"), or opening the
//! cue's clause (": رئيس الحكومة أشار إلى"); a document's author written apart after لـ in quotes
//! ("تقرير سابق لـ"مرصد العدالة العمالية"").
//! **Not**: the circumstances after the subject ("في تصريحات"، "أمس"); a relative clause after it
//! ("المصدر، الذي طلب عدم الكشف عن هويته،").
//! **Data**: `stop`, `prep`, `time`, `comp`, `aux`, `qad` in `data/ar-function.tsv`; media nouns.
//! **Fixture**: `tests/fixtures/ar-role-pp-name.txt`, `ar-subject-before-cue.txt`,
//! `ar-relative-after-speaker.txt`.

use super::COMMAS;
use crate::lexicon::Role;
use crate::view::View;

/// The speaker noun phrase in tokens `from..to`: up to the first stop word.
pub(super) fn speaker_np(v: &View<'_>, from: usize, to: usize) -> Option<(usize, usize)> {
    let mut j = from;
    while j < to && v.is_punct(j, COMMAS) {
        j += 1;
    }
    // "وقال هذا المسؤول إن": the demonstrative points back; the noun after it is the mention.
    let demonstrative = j + 1 < to && v.has(j, Role::Demonstrative) && v.is_word(j + 1);
    if demonstrative {
        j += 1;
    }
    let start = j;
    let mut last = None;
    while j < to {
        // "حركة "حماس"", "وكتب "الطبطبائي" عبر حسابه", "الناطق باسم "الجيش" الرائد "يوسف
        // حمود"": a short quotation before the introducer is a name in the speaker phrase (a
        // quotation of speech would be the introducer itself).
        if let Some(close) = quoted_name(v, j)
            && close < to
        {
            last = Some(close);
            j = close + 1;
            continue;
        }
        // "وأشار تقرير سابق لـ"مرصد العدالة"": after a document, ل written apart before a
        // quoted name is the genitive of its author, not the medium told.
        if j > start
            && v.has(start, Role::Media)
            && v.tags[start].prefix == 0
            && v.folded(j) == "ل"
            && let Some(close) = quoted_name(v, j + 1)
            && close < to
        {
            last = Some(close);
            j = close + 1;
            continue;
        }
        // على folds to علي, which is also the name Ali: only the spelling with ى is the preposition.
        // "عدد من الخبراء": من after a quantifier is "of", inside the phrase.
        let partitive = j > start && v.has(j - 1, Role::Partitive) && v.folded(j) == "من";
        let prep = v.has(j, Role::Prep)
            && (v.folded(j) != "علي" || v.original(j).ends_with('ى'))
            && !partitive;
        let stop = v.has(j, Role::Stop)
            || prep
            // "وأضاف المصدر، الذي طلب عدم الكشف عن هويته، أن": a relative clause describes the
            // speaker; it is no part of the phrase naming them.
            || v.has(j, Role::Rel)
            // "وأعرب وكيل الوزارة، السفير …، وفقا للبيان عن": an attribution names the source
            // of the report, after the speaker phrase.
            || v.has(j, Role::AttribPrep)
            // "صرح جوتيريش للصحفيين بأن": the people told end the speaker phrase.
            || (v.has(j, Role::Hearer) && v.folded(j).starts_with('ل'))
            // "وطالبت وزارة الخارجية الكويتية قناة العربية بالاعتذار": after a definite word, an
            // organisation's head without the article starts another noun phrase, the object.
            || (last.is_some_and(|l| definite(v.folded(l)))
                && (v.has(j, Role::NameHead) || v.has(j, Role::Media))
                && !definite(v.folded(j))
                && v.tags[j].prefix == 0)
            || (j == start && v.has(j, Role::Time))
            // "واتهمت هذه الدول الشركة بـ": a demonstrative's noun phrase is definite words
            // only; a word without the article after them starts the object.
            || (demonstrative && j > start && v.is_word(j) && !definite(v.folded(j)))
            || v.has(j, Role::Comp)
            || (v.has(j, Role::Media)
                && v.folded(j)[..v.tags[j].prefix as usize].starts_with(['ل', 'ب']))
            || v.is_quote_mark(j)
            || v.is_punct(j, &[':', '؛'])
            // (a dash with spaces opens an aside; one glued between two words joins a name)
            || (v.is_punct(j, &['-', '–', '—']) && !glued(v, j))
            || (v.is_punct(j, &['.'])
                && !(j > from && v.is_word(j - 1) && v.folded(j - 1).chars().count() == 1))
            || v.tags[j].cue.is_some();
        if stop {
            // "رئيسة قسم الأوبئة في جامعة الخليج الطبية، نورة القحطاني،": a role with its
            // prepositional phrase, then the name in apposition, is one speaker phrase.
            if last.is_some()
                && v.has(j, Role::TitlePrep)
                && let Some(e) = role_pp_name(v, j, to)
            {
                last = Some(e);
            }
            break;
        }
        if v.is_wordish(j) || v.is_punct(j, &['(', ')']) {
            last = Some(j);
        } else if !v.is_punct(j, COMMAS) && !v.is_punct(j, &['.']) && !v.is_punct(j, &['-']) {
            // (a period that got here is an abbreviation's: "د. بول مرقص"; a dash, one glued
            // between two words: "ربيع شمعون-حداد")
            break;
        }
        if j - start > 14 {
            break;
        }
        j += 1;
    }
    last.map(|l| (start, l))
}

/// "في جامعة الخليج الطبية، نورة القحطاني،", "والعلاقات مع البرلمان، الحسين ولد مدو،": the
/// prepositional phrase at `pp` (a few words without
/// another stop) up to a comma, then a name of two to four words closed by a comma: its last
/// token. A name carries no article on its first word and no function word or cue.
/// Without the commas ("مدير التعليم في المحافظة إياد سليمان للصحيفة إن", or a comma only after
/// the name), the phrase ends on a definite word and the name (two to four words, the first without the article) runs up to
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
            // ("، طلب عدم ذكر اسمه،": an aside about the speaker, no name)
            && !v.has(t, Role::GovernsNoun)
            && v.tags[t].cue.is_none()
    };
    let c1 = (pp + 1..to.min(pp + 9)).find(|&t| !plain(t));
    if c1.is_none_or(|c| !v.is_punct(c, COMMAS)) {
        return pp_name_no_comma(v, pp, to, &plain);
    }
    let c1 = c1?;
    if c1 < pp + 2 {
        return None;
    }
    let apposed = || {
        let c2 = (c1 + 1..to.min(c1 + 6)).find(|&t| !plain(t))?;
        let words = c2 - c1 - 1;
        // (a name may open with the article, "الحسين ولد مدو", but not two words of it:
        // "الأمين العام" is a role)
        let role_like = definite(v.folded(c1 + 1)) && definite(v.folded(c1 + 2));
        ((2..=4).contains(&words) && v.is_punct(c2, COMMAS) && !role_like).then_some(c2 - 1)
    };
    // "في حكومة تصريف الأعمال الدكتور فراس الأبيض، بعد لقائه …،": the name inside the phrase,
    // the comma opening a circumstance.
    apposed().or_else(|| pp_name_no_comma(v, pp, to, &plain))
}

/// True when punctuation token `j` is glued to the words on both sides ("آل-ثاني").
fn glued(v: &View<'_>, j: usize) -> bool {
    j > 0
        && j + 1 < v.len()
        && v.is_word(j - 1)
        && v.is_word(j + 1)
        && v.toks[j - 1].span.end() == v.toks[j].span.start()
        && v.toks[j].span.end() == v.toks[j + 1].span.start()
}

/// The closing mark of a short quoted name opening at `j` (at most four words).
fn quoted_name(v: &View<'_>, j: usize) -> Option<usize> {
    let q = &v.quotes[v.opening(j)? as usize];
    (q.words <= 4).then_some(q.close?)
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
        v.has(t, Role::Media) && v.folded(t)[..v.tags[t].prefix as usize].starts_with(['ل', 'ب'])
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
    let name = (pp + 2..k).find(|&s| definite(v.folded(s - 1)) && !definite(v.folded(s)))?;
    (k - name >= 2 && k - name <= 4 && (pp + 1..k).all(|t| v.is_word(t))).then_some(k - 1)
}

/// A subject written before the cue after كان (and قد): "وكان الرئيس … قد أكد".
pub(super) fn subject_before(v: &View<'_>, cue: usize) -> Option<(usize, usize)> {
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
pub(super) fn topic_subject(v: &View<'_>, cue: usize) -> Option<(usize, usize)> {
    let p = v.tags[cue].prefix as usize;
    if p == 0 || !v.folded(cue).starts_with('ف') {
        return None;
    }
    let floor = v.sentence_start(cue);
    let amma = (floor.max(cue.saturating_sub(12))..cue)
        .rev()
        .find(|&t| v.is_word(t) && v.folded(t) == "اما")?;
    // The topic is a noun phrase: words (and the dots of abbreviations) only.
    let ok = amma + 1 < cue
        && (amma + 1..cue).all(|t| v.is_wordish(t) || v.is_punct(t, &['.']))
        && v.tags[amma + 1..cue].iter().all(|g| g.cue.is_none());
    ok.then_some((amma + 1, cue - 1))
}

/// A short subject opening the cue's clause: ": رئيس الحكومة أشار إلى أن".
pub(super) fn clause_subject(v: &View<'_>, cue: usize) -> Option<(usize, usize)> {
    if v.tags[cue].prefix > 0 {
        return None;
    }
    let end = cue.checked_sub(1)?;
    let mut j = end;
    loop {
        if !v.is_wordish(j) {
            let boundary = v.is_punct(j, &[':', '،', ',']) || v.is_quote_mark(j);
            // "، لكن العلي شدد": the conjunction is no part of the subject; "، لكنها حذرت": a
            // pronoun on it is, and is no name (the subject is then unwritten).
            let conjunction = |t: usize| v.has(t, Role::Clause) || v.has(t, Role::Contrast);
            let start = if conjunction(j + 1) { j + 2 } else { j + 1 };
            return (boundary && start <= end).then_some((start, end));
        }
        let bad = v.has(j, Role::Stop)
            || v.has(j, Role::Prep)
            || v.has(j, Role::Comp)
            || v.has(j, Role::Rel)
            || v.has(j, Role::Particle)
            // ("كما أشار إلى أن": a connective alone is no subject)
            || (j == end && v.has(j, Role::Subordinator))
            || v.tags[j].cue.is_some()
            || end - j >= 5;
        if bad {
            return None;
        }
        if v.starts_sentence(j) {
            // "لكن العلي شدد": the conjunction opening the clause is no part of its subject;
            // "لكنها حذرت": a pronoun on the conjunction is, and is no name (the subject is
            // then unwritten).
            if v.has(j, Role::Clause) {
                return (j < end).then_some((j + 1, end));
            }
            return Some((j, end));
        }
        j = j.checked_sub(1)?;
    }
}

/// A subject between a complementiser and the cue, in the subject-first order of a clause after
/// أنّ/إنّ: "إلا أن مسؤول الإعلام بالمفوضية في القدس شادي عثمان نفى ذلك", "قال إن الجار قال
/// إن …". The complementiser is the bare أن/إن (with a pronoun on it, "أنه قال", the subject is
/// that pronoun), at most twelve words before the cue, with no clause boundary between.
pub(super) fn subject_after_complementiser(v: &View<'_>, cue: usize) -> Option<(usize, usize)> {
    if v.tags[cue].prefix > 0 {
        return None;
    }
    let end = cue.checked_sub(1)?;
    let floor = v.sentence_start(cue);
    let mut j = end;
    while j > floor && end - j < 18 {
        // "غير أن المتحدث باسم الوزارة، يوسف العلمي، رفض": a name in apposition between commas.
        if let Some(open) = apposition_start(v, j, floor) {
            j = open - 1;
            continue;
        }
        let boundary = !v.is_wordish(j) && !v.is_punct(j, &['.', '(', ')']) && !v.is_quote_mark(j);
        let clause = v.tags[j].cue.is_some()
            || v.has(j, Role::Rel)
            || v.has(j, Role::Particle)
            || v.has(j, Role::Clause);
        if boundary || clause {
            return None;
        }
        if v.has(j, Role::Comp) {
            let bare = v.tags[j].prefix == 0 && v.folded(j) == "ان";
            // (the closing comma of an apposition right before the cue is no part of it)
            let last = if v.is_punct(end, COMMAS) { end - 1 } else { end };
            return (bare && j < last && v.is_word(j + 1)).then_some((j + 1, last));
        }
        j -= 1;
    }
    None
}

/// The opening comma of a name in apposition whose closing comma is `close` (one to four words
/// between, none of them a function word or a cue), after `floor`.
fn apposition_start(v: &View<'_>, close: usize, floor: usize) -> Option<usize> {
    if !v.is_punct(close, COMMAS) {
        return None;
    }
    let open = (floor..close).rev().take(5).find(|&t| !v.is_word(t) || v.tags[t].roles != 0)?;
    let words = close - open - 1;
    let name = (open + 1..close).all(|t| v.tags[t].cue.is_none());
    (v.is_punct(open, COMMAS) && (1..=4).contains(&words) && name && open > floor).then_some(open)
}
