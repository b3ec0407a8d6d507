//! The tense of a clause, for the `tense` policy of bare references: does the text around an
//! expression look back (a reporting or event verb in the past) or ahead (a future marker)?
//!
//! The words are data (`data/{ar,en}-classes.tsv`: `past`, `past-stem`, `future`,
//! `future-before-to`); how a word shows a tense is here: English regular pasts by their "-ed",
//! Arabic perfects with their conjunction and person endings (وقال، وأكدت، فأعلنوا).

use crate::classes::{Class, WordClasses, bit};
use crate::language::Lang;
use crate::letters::{ascii_letters_end, char_at, is_alphabetic};

/// The person endings of the Arabic perfect a stem takes in the text (قالت، قالوا، قالا، قالتا).
const AR_PERSON_ENDINGS: [&str; 5] = ["", "ت", "وا", "ا", "تا"];

/// The clause around `start..end` of `folded`: from the clause boundary before it (a comma,
/// semicolon, colon or quotation mark) to the one after it.
///
/// Byte by byte, not char by char: the boundaries are ASCII or the Arabic comma and semicolon
/// (U+060C, U+061B: D8 8C, D8 9B), and a D8 byte always begins a character, so a pair D8 8C or
/// D8 9B is always one of them (a test compares with the char scan).
pub(crate) fn clause_around(folded: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = folded.as_bytes();
    let ascii = |b: u8| matches!(b, b',' | b';' | b':' | b'"' | b'\n');
    let arabic = |b: u8| matches!(b, 0x8C | 0x9B);
    let mut cs = 0;
    let mut k = start;
    while k > 0 {
        k -= 1;
        let b = bytes[k];
        if ascii(b) || arabic(b) && k > 0 && bytes[k - 1] == 0xD8 {
            cs = k + 1;
            break;
        }
    }
    let mut ce = folded.len();
    let mut k = end;
    while k < bytes.len() {
        let b = bytes[k];
        if ascii(b) || b == 0xD8 && bytes.get(k + 1).copied().is_some_and(arabic) {
            ce = k;
            break;
        }
        k += 1;
    }
    (cs, ce)
}

/// Whether the word at a byte of the folded text is a name: capitalised in the original text
/// and not the first word of its sentence ("Marsh United", "Leeds United"). An English word in
/// "-ed" that is a name is no verb in the past. Offsets are those of the text it is given with.
pub(crate) type NameAt<'n> = &'n dyn Fn(usize) -> bool;

/// The tense a stretch of text shows, for the `tense` policy: `Some(false)` with a future marker
/// (سوف، من المقرر، يعتزم، will, is expected to), else `Some(true)` with a reporting or event verb
/// in the perfect (Arabic, with its conjunction and person endings: وقال، وأكدت، فأعلنوا) or the
/// English past (a word in "-ed" that is a name, by `name_at`, is none), else `None`.
pub(crate) fn tense(
    folded: &str,
    lang: Lang,
    classes: &WordClasses,
    name_at: NameAt<'_>,
) -> Option<bool> {
    match lang {
        Lang::Ar => tense_ar(folded, classes),
        Lang::En => tense_en(folded, classes, name_at),
    }
}

/// Whether `folded[..start]` ends with a marker of the earliest moment of what follows ("as
/// soon as", "as early as": `future-before-as` in the classes file), which looks ahead whatever
/// the clause's tense ("said the team could leave as soon as Tuesday"). Only the expression
/// right after it is concerned: "gathered evidence in the October slaying to act as early as
/// next week" keeps October in the past.
pub(crate) fn ahead_marker_before(folded: &str, start: usize, classes: &WordClasses) -> bool {
    let Some(head) = folded[..start].trim_end().strip_suffix(" as") else { return false };
    let head = head.trim_end();
    let word = head.rsplit(|c: char| !is_alphabetic(c)).next().unwrap_or("");
    classes.has(word, Class::FutureBeforeAs)
}

/// The word right before `folded[..end]`, where it begins and the word.
fn word_before(folded: &str, end: usize) -> Option<(usize, &str)> {
    let head = folded[..end].trim_end_matches(' ');
    // (after the character that ends the word before, whatever its length: "finish —")
    let from = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_alphabetic(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    (from < head.len()).then(|| (from, &head[from..]))
}

/// [`word_before`], or the word before that when it is "on" ("said on Monday", "to peak on
/// Friday").
fn word_before_on(folded: &str, end: usize) -> Option<(usize, &str)> {
    match word_before(folded, end)? {
        (from, "on") => word_before(folded, from),
        w => Some(w),
    }
}

/// A form in "-ed" long enough to be a verb in the past ("owned", not "bed" or "red").
fn ed_form(word: &str) -> bool {
    word.len() >= 5 && word.ends_with("ed")
}

/// Whether the English word right before `folded[start..]`, or before a "for", "on", "until"
/// or "by" there, looks ahead at it (`ahead-before` in the classes file): "The ruling is
/// expected Monday", "talks are scheduled for Monday morning", "the hearing was adjourned until
/// Friday". What is expected, scheduled or put off is to come, though the participle's "-ed"
/// reads the clause as past. Words of `ahead-before-for` do only before "for" and after a
/// present "is" / "are" ("is set for March", "are planned for February 25").
pub(crate) fn ahead_word_before(folded: &str, start: usize, classes: &WordClasses) -> bool {
    let Some((from, word)) = word_before(folded, start) else { return false };
    let (at, word, after_for) = match word {
        "for" | "on" | "until" | "by" => match word_before(folded, from) {
            Some((at, before)) => (at, before, word == "for"),
            None => return false,
        },
        // (an expression may begin with its "for": "set [for March]")
        _ => (from, word, folded.get(start..).is_some_and(|r| r.starts_with("for "))),
    };
    if classes.has(word, Class::AheadBefore) {
        return true;
    }
    // "set", "planned" after a present "is" / "are" ("the vote is set for March"); "The
    // original fixture, set for February 21, was called off" is past
    after_for
        && classes.has(word, Class::AheadBeforeFor)
        && matches!(word_before(folded, at), Some((_, "is" | "are")))
}

/// Where the "to" of an English infinitive right before `folded[start..]`, or before an "on"
/// there, begins ("Heatwave to peak on Friday", "talks to resume Monday"): what is still to be
/// done looks ahead, in a headline or a plan, unless the clause is past before the "to"
/// ("flew to Paris on Friday": the caller asks). A name after "to" is no verb ("countries to
/// accede to NATO on Friday": `name_at`); "from Monday to Friday" has no word between.
pub(crate) fn infinitive_before(folded: &str, start: usize, name_at: NameAt<'_>) -> Option<usize> {
    let (from, word) = word_before_on(folded, start)?;
    let (to, before) = word_before(folded, from)?;
    (before == "to" && word != "to" && !name_at(from)).then_some(to)
}

/// Where the English past-tense verb right before `folded[start..]` begins, when there is one
/// ("said", "announced"; an "on" between them is skipped: "said on Monday"): an expression
/// right after a verb in the past says when that verb's event was ("The company said Monday it
/// will cut 500 jobs": the Monday before, though "will" follows). Not a `future-before-to` word
/// ("is expected Monday" looks ahead), nor a name in "-ed" ("Rovers host Marsh United on
/// Saturday": `name_at`).
pub(crate) fn past_verb_before(
    folded: &str,
    start: usize,
    classes: &WordClasses,
    name_at: NameAt<'_>,
) -> Option<usize> {
    let (from, word) = word_before_on(folded, start)?;
    let past = ed_form(word) && !name_at(from) || classes.has(word, Class::Past);
    let ahead = classes.list(Class::FutureBeforeTo).iter().any(|f| word.ends_with(&**f));
    (past && !ahead).then_some(from)
}

/// [`tense`] of Arabic text. (The prefix سـ of سيعقد cannot be told from سياسة by its letters:
/// only explicit future markers count.)
fn tense_ar(folded: &str, classes: &WordClasses) -> Option<bool> {
    let future = classes.list(Class::Future).iter().any(|m| folded.contains(&**m));
    if future {
        return Some(false);
    }
    let mut words = folded.split(|c: char| !is_alphabetic(c)).filter(|w| !w.is_empty());
    let mut scratch = String::new();
    let past = words.any(|w| {
        // the word itself, then without a conjunction: "وصل" is a verb, not و + صل
        let bare = w.strip_prefix('و').or_else(|| w.strip_prefix('ف'));
        [Some(w), bare].into_iter().flatten().any(|w| perfect(w, classes, &mut scratch))
    });
    past.then_some(true)
}

/// Whether `w` is a listed verb in the perfect with a person ending: "قالت", "أكدوا"; a verb
/// whose stem ends in a long vowel drops it before ت and وا ("نفى": "نفت", "نفوا"; "دعا":
/// "دعت"). (`scratch` holds the stem with its vowel back.)
fn perfect(w: &str, classes: &WordClasses, scratch: &mut String) -> bool {
    AR_PERSON_ENDINGS.iter().any(|ending| {
        w.strip_suffix(ending).is_some_and(|stem| {
            classes.has(stem, Class::PastStem)
                || matches!(*ending, "ت" | "وا" | "تا")
                    && ["ي", "ا"].iter().any(|v| {
                        scratch.clear();
                        scratch.push_str(stem);
                        scratch.push_str(v);
                        classes.has(scratch, Class::PastStem)
                    })
        })
    })
}

/// [`tense`] of English text, in one pass over the words (a future marker settles it);
/// "expected to" and the like are found at the end of their first word, as a word ending so
/// and going on with " to".
fn tense_en(folded: &str, classes: &WordClasses, name_at: NameAt<'_>) -> Option<bool> {
    let mut past = false;
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(folded, i);
        if !is_alphabetic(c) {
            i += len;
            continue;
        }
        let start = i;
        loop {
            // (ASCII letters eight at a time; other characters one by one)
            i = ascii_letters_end(bytes, i);
            if i >= bytes.len() || bytes[i] < 0x80 {
                break;
            }
            let (c, len) = char_at(folded, i);
            if !is_alphabetic(c) {
                break;
            }
            i += len;
        }
        let w = &folded[start..i];
        let bits = classes.bits(w);
        if bits & bit(Class::Future) != 0
            || folded[i..].starts_with(" to")
                && classes.list(Class::FutureBeforeTo).iter().any(|f| w.ends_with(&**f))
        {
            return Some(false);
        }
        past = past
            || bits & bit(Class::Past) != 0
            || ed_form(w) && !name_at(start) && !participle_opens_clause(folded, start, i, classes);
    }
    past.then_some(true)
}

/// Whether the word in "-ed" at `folded[start..end]` opens its clause (the text or a clause
/// boundary before it, as [`clause_around`] has them) and an `after-participle` preposition
/// follows it: a participle ("papers come first, followed by mathematics on Thursday
/// afternoon", "on sale at noon on Saturday, priced at £95", "Based in Leeds, the firm …"),
/// which says nothing of the clause's tense. A finite verb in the past opens no clause
/// without its subject, but after a relative clause ("The ministry, which runs the hospitals,
/// announced on Monday"): "on" is no such preposition, and a verb right before its
/// expression is read by [`past_verb_before`] anyway.
fn participle_opens_clause(folded: &str, start: usize, end: usize, classes: &WordClasses) -> bool {
    let opens = folded[..start]
        .trim_end_matches(' ')
        .bytes()
        .next_back()
        .is_none_or(|b| matches!(b, b',' | b';' | b':' | b'"' | b'\n'));
    let Some(rest) = folded[end..].strip_prefix(' ').filter(|_| opens) else { return false };
    let next = rest.split(|c: char| !is_alphabetic(c)).next().unwrap_or("");
    classes.list(Class::AfterParticiple).iter().any(|p| **p == *next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(lang: &str) -> WordClasses {
        match lang {
            "ar" => WordClasses::parse("ar-classes.tsv", include_str!("../data/ar-classes.tsv")),
            _ => WordClasses::parse("en-classes.tsv", include_str!("../data/en-classes.tsv")),
        }
        .unwrap()
    }

    /// A text with `{` where an expression starts: the text without it, and that offset.
    fn braced(text: &str) -> (String, usize) {
        (text.replace('{', ""), text.find('{').unwrap())
    }

    /// "as soon as", "as early as" right before an expression look ahead at it, not further.
    #[test]
    fn ahead_markers_concern_the_expression_after_them() {
        let en = classes("en");
        let at = |text: &str| {
            let (text, start) = braced(text);
            ahead_marker_before(&text, start, &en)
        };
        assert!(at("they could leave as soon as {tuesday"));
        assert!(at("as early as  {next week"));
        assert!(at("as early as {"));
        assert!(!at("as early as next week, in {october"));
        assert!(!at("as {tuesday"));
        assert!(!at("{tuesday"));
        assert!(!at("reason as {tuesday"));
        assert!(!at("nearly as {tuesday"));
        assert!(!at("as soon {tuesday"));
    }

    /// The words that look ahead, right before an expression or its preposition; any
    /// character may end the word before them ("finish — if": a dash of three bytes).
    #[test]
    fn ahead_words_look_at_the_expression_after_them() {
        let en = classes("en");
        let at = |text: &str| {
            let (text, start) = braced(text);
            ahead_word_before(&text, start, &en)
        };
        assert!(at("the ruling is expected {monday"));
        assert!(at("talks are scheduled for {monday morning"));
        assert!(at("the hearing was adjourned until {friday"));
        assert!(at("payment is due by {monday"));
        assert!(!at("the record high set on {monday"));
        assert!(!at("as previously planned {saturday night"));
        assert!(!at("expected a loss in {march"));
        assert!(!at("{monday"));
        assert!(!at("finish — {friday"));
        assert!(!at("— {friday"));
        assert!(!at("finish —{friday"));
        assert!(!at("é {friday"));
        for text in ["finish — if not better —", "a — b", "—", " —", "é", "ééé é"] {
            for end in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                let _ = ahead_word_before(text, end, &en);
                let _ = past_verb_before(text, end, &en, &|_| false);
            }
        }
    }

    /// The one-pass English tense scan says what the definition says: a future marker anywhere
    /// (a `future` word, or a `future-before-to` word ending a word before " to"), else a past
    /// form (a `past` word, or a word of five letters or more in "-ed").
    #[test]
    fn english_tense_agrees_with_its_definition() {
        let en = classes("en");
        let listed = |class| en.list(class).iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let (past_words, future_words, before_to) =
            (listed(Class::Past), listed(Class::Future), listed(Class::FutureBeforeTo));
        assert!(past_words.len() > 30 && future_words.len() >= 2 && before_to.len() >= 3);
        let definition = |folded: &str| {
            let words = || {
                folded.split(|c: char| !crate::letters::is_alphabetic(c)).filter(|w| !w.is_empty())
            };
            let future = words().any(|w| future_words.iter().any(|f| f == w))
                || before_to.iter().any(|b| folded.contains(&format!("{b} to")));
            // (a participle opening its clause before a preposition is no past: "…, followed by")
            let preps = listed(Class::AfterParticiple);
            let participle = |w: &str| {
                folded.split([',', ';', ':', '"', '\n']).any(|clause| {
                    let mut ws = clause.trim_start_matches(' ').split(' ');
                    let first = ws.next();
                    let next = ws
                        .next()
                        .and_then(|n| n.split(|c: char| !crate::letters::is_alphabetic(c)).next());
                    first == Some(w) && next.is_some_and(|n| preps.iter().any(|p| **p == *n))
                })
            };
            let past = words().any(|w| {
                past_words.iter().any(|p| p == w)
                    || w.len() >= 5 && w.ends_with("ed") && !participle(w)
            });
            if future { Some(false) } else { past.then_some(true) }
        };
        for w in ["said", "told", "was", "shot"] {
            assert!(en.has(w, Class::Past), "{w}");
        }
        for w in ["sai", "saids", "Said", "wa", "the", "shots", "hits", ""] {
            assert!(!en.has(w, Class::Past), "{w}");
        }
        for text in [
            "he said it will rain",
            "it was unexpected tomorrow",
            "the ongoing to-do list",
            "rescheduled to friday",
            "expected  to",
            "expectedto",
            "going to",
            "we are going",
            "wills and shalls",
            "bed",
            "owned",
            "الطقس said",
            "مexpected to",
            "said, expected",
            "scheduled\nto",
            "the talks ended",
            "red",
            "",
            "was. will",
            "the café closed",
            "caféd",
            "wasé",
            "willé",
            "éwill",
            "saidé",
            "naïve and unrelated",
            "résuméd",
            "a long unexpectedly worded text",
            "abcdefghijklmnopqed",
            "expectedé to",
            "wil—l",
            "will—",
            "—said",
            "papers come first, followed by maths on thursday",
            "on sale at noon on saturday, priced at £95",
            "based in leeds, the firm",
            "the firm, which runs, announced on monday",
        ]
        .into_iter()
        .map(str::to_string)
        .chain(
            crate::grammar::tests::article_texts(false).into_iter().map(|t| isnad_text::fold(&t)),
        ) {
            let text = text.as_str();
            assert_eq!(tense(text, Lang::En, &en, &|_| false), definition(text), "{text:?}");
        }
    }

    /// Arabic perfects with their conjunction and person endings, and future markers anywhere.
    #[test]
    fn arabic_tense_reads_perfects_and_future_markers() {
        let ar = classes("ar");
        let read = |text: &str| tense(&isnad_text::fold(text), Lang::Ar, &ar, &|_| false);
        for past in [
            "وقال الوزير",
            "أكدت الوزارة",
            "فأعلنوا النتائج",
            "التقى الوفد أمس",
            "ونفى ذلك",
            "وصل الوفد",
            "ووصلوا",
            "نفت الوزارة",
            "ودعت اللجنة",
            "فانتهوا",
            "جرتا",
        ] {
            assert_eq!(read(past), Some(true), "{past}");
        }
        for future in ["سوف يعقد", "ومن المقرر أن", "تعتزم الحكومة", "قال إنه سوف يعود"]
        {
            assert_eq!(read(future), Some(false), "{future}");
        }
        for neither in ["يقول الوزير", "قالتهم", "الاجتماع اليوم", "صل", "نفوس", "دعوة", ""]
        {
            assert_eq!(read(neither), None, "{neither}");
        }
    }

    /// The byte scan for clause boundaries finds what the char scan finds, from every place of
    /// the test texts and of Arabic and mixed text full of near misses.
    #[test]
    fn clause_around_agrees_with_the_char_scan() {
        let by_char = |folded: &str, start: usize, end: usize| {
            let boundary = |c: char| matches!(c, ',' | '،' | ';' | '؛' | ':' | '"' | '\n');
            let cs = folded[..start]
                .char_indices()
                .rev()
                .find(|&(_, c)| boundary(c))
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(0);
            let ce = folded[end..].find(boundary).map(|i| end + i).unwrap_or(folded.len());
            (cs, ce)
        };
        let mut texts: Vec<String> = crate::grammar::tests::article_texts(false)
            .iter()
            .map(|t| isnad_text::fold(t))
            .collect();
        texts.extend(
            [
                "قال، امس؛ \"غدا\": وبعد\nذلك ،؛ ̌ ܌ ܛ ،x؛ — «» ‹› ; : , ؟ ٌ ،",
                "ČŒ ،،؛؛ ،a،b؛c؛ ،؛",
                "plain text without any boundary at all",
                "",
                "،",
            ]
            .map(String::from),
        );
        let mut checked = 0;
        for text in &texts {
            let at: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            for (k, &s) in at.iter().enumerate() {
                for &e in &at[k..(k + 3).min(at.len())] {
                    assert_eq!(clause_around(text, s, e), by_char(text, s, e), "{text:?} {s}..{e}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
