//! The `dates` stage: finds date and time expressions in Arabic and English news and resolves
//! them to calendar values, anchored to the document's publication date.
//!
//! # Why it is built this way
//! News dates a statement relative to the article ("أكد أمس", "said on Tuesday"), so an
//! expression is only useful once resolved against `doc.meta.published`. The stage works in
//! three steps:
//!
//! 1. **Vocabulary** (`data/ar.tsv`, `data/en.tsv`): month names of every Arabic region
//!    (يناير / كانون الثاني / جانفي / يوليوز…), Hijri months, weekdays, number words, relative
//!    words (الماضي، المقبل، الجاري…), parts of periods, times of day, holidays. Each language's
//!    file is compiled once into a table of its entries by their first word (`words.rs`), looked
//!    up at each word of the text and after each Arabic clitic chain it begins with (بالأمس، وأمس):
//!    the same whole-word matches as an [`isnad_text::Lexicon`] automaton, at a fraction of the
//!    cost, since a whole-word match can only start and end at a word's edges.
//! 2. **Grammar** (`grammar.rs`): small recursive-descent rules over the token stream say which
//!    orders of words make a date ("12 فبراير الجاري", "الخميس الماضي", "من 13 إلى 15 يوليو",
//!    "a quarter past 3pm"); at every position the longest expression wins.
//! 3. **Resolution**: arithmetic with `jiff`, Hijri conversion with `icu_calendar` (Umm al-Qura
//!    by default), holidays from rules in `data/holidays.tsv` (fixed dates, n-th weekdays,
//!    Easter computus, Hijri, Hebrew and Chinese dates converted by icu_calendar).
//!
//! # Output semantics
//! Every value is local wall-clock time in the reference's offset, cut at its grain
//! (`2025-02-12`, `2025-W07`, `2025-02`, `2025-Q1`, `2025`, `2025-02-12T15`, `2025-02-12T15:30`).
//! Intervals have `from` and an exclusive `to` ("13-15 July" → `…-07-13` to `…-07-16`); an open
//! interval lacks one side ("until 2pm" has only `to`, "since 2014" only `from`). A Hijri date is
//! converted to Gregorian values and marked `calendar: hijri`. A time written with a zone ("8:00
//! GMT", "بتوقيت غرينتش") is converted to the reference's offset when the publication date carries
//! one (grain at most a minute); otherwise it is kept as written.
//!
//! # What is not a date
//! Ordinary words that are also date words need company to count: "مارس" (practised), "أحد"
//! (one of), "may", "march", "sun", "lent", "fall" count only next to a number, a year, a
//! preposition or a relative word; bare numbers are times only with a clock word (am/pm, o'clock,
//! الساعة, صباحا) or minutes; "at 3 schools", "about 1,000 people", "early-morning tweets", "the
//! 1990s", "in the coming years" and "خلال الأيام الماضية" give nothing.
//!
//! # Holidays
//! Computed for any year from rules: fixed and n-th-weekday days, Western and Orthodox Easter
//! (computus; Julian converted by icu_calendar), Islamic holidays and Ramadan (icu_calendar Hijri),
//! Jewish holidays from their eve (icu_calendar Hebrew), Chinese New Year (icu_calendar Chinese),
//! seasons, and Indian festivals from the Indian lunisolar and sidereal solar calendars, which no
//! well-kept crate provides and `indian.rs` computes from the sun's and the moon's positions
//! (Meeus's series, Lahiri ayanamsa, amanta months with adhika months, tithis observed at the
//! moment of the day each festival needs, sunrise and sunset at New Delhi in IST): Diwali, Holi,
//! Dussehra, Navaratri, Janmashtami, Raksha Bandhan, Ugadi, Sikh gurpurabs, Makar Sankranti,
//! Pongal, Vaisakhi, Onam, Rabindra Jayanti… Parsi New Year follows the 365-day Shahenshahi year.
//! Not covered: dates set by organisations rather than calendars (Earth Hour, Global Youth Service
//! Day) and Vesak, whose date differs between the countries that keep it.
//!
//! # Bare references
//! A weekday, month or date written without what anchors it ("الخميس", "on Thursday", "في مارس",
//! "15 July") is resolved by the [`Bare`] policy:
//! - `future`: the next one (Duckling's convention, for scheduling text): "Thursday" on a Tuesday is
//!   two days later, a month or day-month is this year's unless it is over.
//! - `past`: weekdays are the last one, the reference day included (an article published on a
//!   Saturday that says "on Saturday" means that day); months, day-months, Hijri months and
//!   holidays take the *nearest* occurrence, because news names both last January and next May
//!   without a year.
//! - `nearest`: the nearest occurrence of all of them, the reference day included.
//! - `tense`: `past` when the sentence has a past-tense reporting verb (قال، أكد، said, was…), else
//!   `future`.
//!
//! Relative words always win over the policy ("الخميس الماضي" is the last Thursday, "next March"
//! the coming one). Arabic المقبل/القادم on a weekday is the next such day ("يوم الجمعة المقبل"
//! written on a Wednesday is two days later); English "next Friday" is Friday of next week, as in
//! Duckling. Clock times without a day: English takes the next such time (compared at the hour, so
//! "at 4:23" at 4:30 is today), Arabic with a time-of-day word (صباحا، عصرا) the reference day.
//! A weekday given with a full date must agree with it ("الثلاثاء الثالث من أيلول 2014" is read
//! as the third Tuesday, not Wednesday 3 September).
//!
//! # Precision
//! Offsets are as precise as their unit allows, one step finer ("in 3 days" is an hour, "two
//! years ago" a month), but never finer than the reference: with a publication date only (the usual
//! news metadata), "منذ ثلاثة أيام" is a day.
//!
//! # Without a publication date
//! When `published` is absent only expressions that need no anchor are produced (a full date
//! "12 فبراير 2025", a year, a Hijri date with its year); relative ones ("أمس", "next week",
//! "12 فبراير") are left out rather than guessed, and no error is raised: a missing date is
//! ordinary metadata, not a broken document.
#![deny(missing_docs)]

mod grammar;
mod holidays;
mod indian;
mod letters;
mod time;
mod tokenize;
mod vocab;
mod word_index;

/// The crate's own fixture articles, for the tests that hold a fast path to the rule it replaces
/// on real text.
#[cfg(test)]
pub(crate) const FIXTURE_TEXTS: [&str; 6] = [
    include_str!("../tests/fixtures/ar-news.txt"),
    include_str!("../tests/fixtures/ar-news-2.txt"),
    include_str!("../tests/fixtures/ar-families.txt"),
    include_str!("../tests/fixtures/en-news.txt"),
    include_str!("../tests/fixtures/en-duckling-style.txt"),
    include_str!("../tests/fixtures/en-festivals.txt"),
];

use std::path::Path;

use isnad_core::{Document, Grain, Lang, Layer, Stage, StageError, Timex, TimexKind};
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::grammar::{Parser, fast_paths};
use crate::holidays::Holidays;
use crate::letters::{ascii_letters_end, char_at, is_alphabetic};
use crate::time::{Anchor, Open};
use crate::vocab::Vocab;

/// How to resolve a bare weekday or month ("الخميس", "on Thursday", "in March").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Bare {
    /// The next one after the reference (Duckling's convention; scheduling text).
    #[default]
    Future,
    /// Weekdays: the last one, the reference day included; months, dates and holidays without a
    /// year: the nearest (what news reports usually mean).
    Past,
    /// The nearest one, the reference day included.
    Nearest,
    /// Past when the sentence reads as past (a past-tense verb or reporting cue), else future.
    Tense,
}

/// Which Hijri calendar variant converts Hijri dates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HijriVariant {
    /// Umm al-Qura, Saudi Arabia's official calendar (KACST tables), the usual reference in news.
    #[default]
    UmmAlQura,
    /// The arithmetic "civil" calendar (tabular, Friday epoch; CLDR `islamic-civil`).
    Civil,
    /// The tabular calendar with the astronomical Thursday epoch (CLDR `islamic-tbla`).
    Tabular,
}

/// Configuration of the `dates` stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct DatesConfig {
    /// Hijri calendar used to convert Hijri dates and Islamic holidays (`umm-al-qura`, `civil`,
    /// `tabular`). Umm al-Qura is what Gulf and most Arab news follow.
    pub hijri: HijriVariant,
    /// Policy for bare weekdays, months and dates (`future`, `past`, `nearest`, `tense`; see the
    /// crate docs). Duckling's corpus assumes `future`; news usually wants `tense` or `past`.
    pub bare: Bare,
}

/// Why the stage could not be built.
#[derive(Debug, Error)]
pub enum DatesError {
    /// A vocabulary or holiday data file is malformed (a bug in the shipped data).
    #[error("data file {file}:{line}: {message}")]
    Data {
        /// The data file.
        file: String,
        /// 1-based line (0 for the whole file).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The compiled stage: vocabularies for both languages and the holiday table.
pub struct DatesStage {
    config: DatesConfig,
    ar: Vocab,
    en: Vocab,
    holidays: Holidays,
}

const REQUIRES: [Layer; 3] = [Layer::Normalized, Layer::Sentences, Layer::Tokens];
const PROVIDES: [Layer; 1] = [Layer::Timexes];

/// A resolved expression over a string, in byte offsets of that string (see [`DatesStage::find`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The resolved value (its `span` covers `start..end`).
    pub timex: Timex,
}

impl DatesStage {
    /// Builds the stage; `base_dir` is unused (all data is compiled in).
    pub fn new(config: DatesConfig, base_dir: &Path) -> Result<DatesStage, DatesError> {
        let _ = base_dir;
        let holidays = Holidays::parse(include_str!("../data/holidays.tsv"))?;
        let ar = Vocab::build("ar.tsv", include_str!("../data/ar.tsv"), &holidays.names)?;
        let en = Vocab::build("en.tsv", include_str!("../data/en.tsv"), &holidays.names)?;
        Ok(DatesStage { config, ar, en, holidays })
    }

    /// Finds and resolves the expressions of an already folded text (see [`isnad_text::fold`])
    /// against `published`. Offsets are bytes of `folded`. This is the stage without the document
    /// plumbing: the stage calls it per sentence and maps offsets back to the original text.
    pub fn find_folded(
        &self,
        folded: &str,
        lang: &Lang,
        published: Option<&isnad_core::Published>,
    ) -> Vec<Found> {
        self.find_with(folded, lang, published, &mut tokenize::Scratch::default())
    }

    /// [`DatesStage::find_folded`] with buffers kept from earlier sentences.
    fn find_with<'s>(
        &'s self,
        folded: &str,
        lang: &Lang,
        published: Option<&isnad_core::Published>,
        scratch: &mut tokenize::Scratch<'s>,
    ) -> Vec<Found> {
        let (vocab, glang) = match lang {
            Lang::Ar => (&self.ar, grammar::Lang::Ar),
            Lang::En => (&self.en, grammar::Lang::En),
            Lang::Other(_) => return Vec::new(),
        };
        tokenize::tokenize(folded, vocab, scratch);
        let toks = &scratch.toks[..];
        if !grammar::any_trigger(toks, folded, glang) {
            // every expression starts at or just before a number or a date word: none here, nothing
            // to parse and no tense to scan (most sentences of news text)
            return Vec::new();
        }
        // (the grammar's memos live as long as the thread: sized once for the longest sentence)
        grammar::MEMOS.with(|memo| {
            let tense_policy = self.config.bare == Bare::Tense;
            // the sentence's tense, asked for only when a parse depends on it (the tense scan reads
            // the whole sentence)
            // (scanned once: a clause is often the whole sentence)
            let sentence_tense = std::cell::OnceCell::new();
            let tense_of = |cs: usize, ce: usize| {
                if fast_paths() && cs == 0 && ce == folded.len() {
                    *sentence_tense.get_or_init(|| tense(folded, glang))
                } else {
                    tense(&folded[cs..ce], glang)
                }
            };
            let past = || tense_policy && tense_of(0, folded.len()) == Some(true);
            let (mut tried, mut tried_again) =
                (memo.tried[0].borrow_mut(), memo.tried[1].borrow_mut());
            let parse_with = |now: jiff::civil::DateTime,
                              has_time: bool,
                              known: bool,
                              past: bool,
                              tried: &mut grammar::Tried,
                              earlier: Option<&grammar::Tried>| {
                let offset = published.and_then(|p| p.offset()).map(|o| o.seconds() / 60);
                let anchor = Anchor {
                    now,
                    has_time,
                    bare: self.config.bare,
                    hijri: self.config.hijri,
                    offset,
                };
                let mut parser =
                    Parser::new(toks, folded, glang, anchor, known, &self.holidays, memo);
                parser.set_past_tense(past);
                let found = parser.run_reusing(earlier, tried);
                (found, parser.tense_used())
            };
            let found = match published {
                Some(p) if tense_policy => {
                    // A sentence can mix tenses ("Workers will strike on Friday, the union said on
                    // Monday"): each expression takes the tense of its own clause when that clause
                    // shows one, and the sentence's otherwise.
                    let (now, has_time) = (p.datetime(), p.time().is_some());
                    let (as_past, used) = parse_with(now, has_time, true, true, &mut tried, None);
                    if !used {
                        // no rule asked for the tense: the future reading is the same
                        return self.finish(folded, toks, as_past);
                    }
                    // (what did not depend on the tense is taken from the first parse)
                    let as_future =
                        parse_with(now, has_time, true, false, &mut tried_again, Some(&*tried)).0;
                    if as_past
                        .iter()
                        .map(|x| (x.start, x.end, &x.t))
                        .eq(as_future.iter().map(|x| (x.start, x.end, &x.t)))
                    {
                        as_past
                    } else {
                        let by_span = |list: &[grammar::Found], s: usize, e: usize| {
                            list.iter().find(|x| x.start == s && x.end == e).cloned()
                        };
                        // The expressions of the sentence's reading, each with its clause's reading
                        // when the two differ. When both readings cover the same spans, the
                        // sentence's reading is its own expression at each span, so its tense is
                        // asked for only where a clause shows none (the scan of the whole sentence
                        // is often not needed).
                        let same_spans = fast_paths()
                            && as_past
                                .iter()
                                .map(|x| (x.start, x.end))
                                .eq(as_future.iter().map(|x| (x.start, x.end)));
                        let sentence = if same_spans || past() { &as_past } else { &as_future };
                        sentence
                            .iter()
                            .map(|x| {
                                let (p, f) = (
                                    by_span(&as_past, x.start, x.end),
                                    by_span(&as_future, x.start, x.end),
                                );
                                let own = |x: &grammar::Found| {
                                    if same_spans && !past() { f.unwrap_or(*x) } else { *x }
                                };
                                if p.is_some_and(|p| p.t == x.t) && f.is_some_and(|f| f.t == x.t) {
                                    // both tenses read it alike: no need for the clause's
                                    return *x;
                                }
                                let (cs, ce) =
                                    clause_around(folded, toks[x.start].start, toks[x.end - 1].end);
                                match tense_of(cs, ce) {
                                    Some(true) => p.unwrap_or(*x),
                                    Some(false) => f.unwrap_or(*x),
                                    None => own(x),
                                }
                            })
                            .collect()
                    }
                }
                Some(p) => {
                    parse_with(p.datetime(), p.time().is_some(), true, false, &mut tried, None).0
                }
                None => {
                    // Without a reference, keep what does not depend on one: parse against two
                    // unrelated references and keep the expressions that resolve alike in both.
                    let mid = jiff::civil::Time::midnight();
                    let past = past();
                    let a = parse_with(
                        Date::constant(2001, 3, 14).to_datetime(mid),
                        false,
                        false,
                        past,
                        &mut tried,
                        None,
                    )
                    .0;
                    let b = parse_with(
                        Date::constant(2010, 10, 2).to_datetime(mid),
                        false,
                        false,
                        past,
                        &mut tried,
                        None,
                    )
                    .0;
                    a.into_iter()
                        .filter(|x| {
                            b.iter().any(|y| y.start == x.start && y.end == x.end && y.t == x.t)
                        })
                        .collect()
                }
            };
            self.finish(folded, toks, found)
        })
    }

    /// The parser's expressions as byte ranges of `folded` with their timexes.
    fn finish(
        &self,
        folded: &str,
        toks: &[tokenize::Tok<'_>],
        found: Vec<grammar::Found>,
    ) -> Vec<Found> {
        found
            .into_iter()
            .filter_map(|f| {
                let start = toks[f.start].start;
                let end = toks[f.end - 1].end;
                let span = isnad_core::Span::in_text(folded, start, end).ok()?;
                Some(Found { start, end, timex: to_timex(span, &f.t) })
            })
            .collect()
    }

    /// Finds and resolves the expressions of a plain string (folding it first); offsets are
    /// bytes of `text`. Convenient for tests and tools; the stage itself reuses the document's
    /// normalized layer.
    pub fn find(
        &self,
        text: &str,
        lang: &Lang,
        published: Option<&isnad_core::Published>,
    ) -> Vec<Found> {
        let n = isnad_text::normalize(text);
        self.find_folded(&n.text, lang, published)
            .into_iter()
            .filter_map(|f| {
                let (s, e) = n.to_original(f.start, f.end);
                let span = isnad_core::Span::in_text(text, s, e).ok()?;
                Some(Found { start: s, end: e, timex: Timex { span, ..f.timex } })
            })
            .collect()
    }
}

/// The clause around `start..end` of `folded`: from the clause boundary before it (a comma,
/// semicolon, colon or quotation mark) to the one after it.
///
/// Byte by byte, not char by char: the boundaries are ASCII or the Arabic comma and semicolon
/// (U+060C, U+061B: D8 8C, D8 9B), and a D8 byte always begins a character, so a pair D8 8C or
/// D8 9B is always one of them (a test compares with the char scan).
fn clause_around(folded: &str, start: usize, end: usize) -> (usize, usize) {
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

/// The tense a stretch of text shows, for the `tense` policy: `Some(false)` with a future marker
/// (سوف، من المقرر، يعتزم، will, is expected to), else `Some(true)` with a reporting or event verb
/// in the perfect (Arabic, with its conjunction and person endings: وقال، وأكدت، فأعلنوا) or the
/// English past, else `None`.
fn tense(folded: &str, lang: grammar::Lang) -> Option<bool> {
    const AR: [&str; 40] = [
        // folded spellings (ى -> ي, أ -> ا), as the text is matched folded
        "قال",
        "اكد",
        "اعلن",
        "ذكر",
        "اضاف",
        "اوضح",
        "صرح",
        "كان",
        "جري",
        "عقد",
        "وقع",
        "اشار",
        "افاد",
        "نفي",
        "حذر",
        "شدد",
        "التقي",
        "زار",
        "وصل",
        "غادر",
        "استقبل",
        "بحث",
        "ناقش",
        "شارك",
        "افتتح",
        "اجري",
        "اتصل",
        "تراس",
        "اعتبر",
        "طالب",
        "دعا",
        "رحب",
        "انتقد",
        "قتل",
        "اصيب",
        "سقط",
        "اندلع",
        "شهد",
        "جاء",
        "انتهي",
    ];
    let words = || folded.split(|c: char| !is_alphabetic(c)).filter(|w| !w.is_empty());
    match lang {
        grammar::Lang::Ar => {
            // (the prefix سـ of سيعقد cannot be told from سياسة by its letters: only explicit markers)
            let future = ["سوف", "المقرر", "يعتزم", "تعتزم"].iter().any(|m| folded.contains(m));
            let past = words().any(|w| {
                let w = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')).unwrap_or(w);
                AR.iter().any(|v| {
                    w.strip_prefix(v)
                        .is_some_and(|rest| matches!(rest, "" | "ت" | "وا" | "ا" | "تا"))
                })
            });
            if future { Some(false) } else { past.then_some(true) }
        }
        grammar::Lang::En => {
            // one pass over the words (a future marker settles it); "expected to" and the like are
            // found at the end of their first word, as a word ending so and going on with " to"
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
                if matches!(w, "will" | "shall")
                    || (w.ends_with("expected") || w.ends_with("going") || w.ends_with("scheduled"))
                        && folded[i..].starts_with(" to")
                {
                    return Some(false);
                }
                past = past || w.len() >= 5 && w.ends_with("ed") || irregular_past(w);
            }
            past.then_some(true)
        }
    }
}

/// English irregular past forms (regular ones are caught by their "-ed"); a `match`, which
/// compares by length first, rather than a scan of a list for every word.
fn irregular_past(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "told"
            | "was"
            | "were"
            | "met"
            | "held"
            | "took"
            | "came"
            | "went"
            | "gave"
            | "made"
            | "won"
            | "lost"
            | "began"
            | "fought"
            | "left"
            | "sent"
            | "saw"
            | "knew"
            | "thought"
            | "brought"
            | "spoke"
            | "wrote"
            | "rose"
            | "fell"
            | "had"
            | "did"
            | "got"
            | "put"
            | "paid"
            | "ran"
            | "struck"
            | "hit"
            | "shot"
    )
}

fn to_timex(span: isnad_core::Span, t: &time::TimeValue) -> Timex {
    let g: Grain = t.grain;
    match (t.end, t.open) {
        (_, Open::Before) => Timex {
            span,
            kind: TimexKind::Interval,
            grain: g,
            value: None,
            from: None,
            to: Some(time::format(t.start, g)),
            calendar: t.calendar,
        },
        (_, Open::After) => {
            let start = time::format(t.start, g);
            Timex {
                span,
                kind: TimexKind::Interval,
                grain: g,
                value: Some(start.clone()),
                from: Some(start),
                to: None,
                calendar: t.calendar,
            }
        }
        (Some(e), Open::No) => {
            let start = time::format(t.start, g);
            Timex {
                span,
                kind: TimexKind::Interval,
                grain: g,
                value: Some(start.clone()),
                from: Some(start),
                to: Some(time::format(e, g)),
                calendar: t.calendar,
            }
        }
        (None, Open::No) => Timex {
            span,
            kind: TimexKind::Value,
            grain: g,
            value: Some(time::format(t.start, g)),
            from: None,
            to: None,
            calendar: t.calendar,
        },
    }
}

impl Stage for DatesStage {
    fn name(&self) -> &str {
        "dates"
    }

    fn requires(&self) -> &[Layer] {
        &REQUIRES
    }

    fn provides(&self) -> &[Layer] {
        &PROVIDES
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let lang = match &doc.meta.lang {
            Some(l) => l.clone(),
            None => return Ok(()),
        };
        if matches!(lang, Lang::Other(_)) {
            return Ok(());
        }
        let norm = doc
            .layers
            .normalized
            .as_ref()
            .ok_or_else(|| StageError::MissingLayer("normalized".into()))?;
        let published = doc.meta.published.clone();
        let mut out = Vec::new();
        // Expressions never cross sentences; each sentence is parsed on its folded range.
        let ranges: Vec<(usize, usize)> = if doc.layers.sentences.is_empty() {
            vec![(0, norm.text.len())]
        } else {
            // sentences come in order: each search goes on from the last one
            let mut from = 0;
            let mut at = |orig: usize| folded_at(&norm.map, orig, &mut from);
            doc.layers.sentences.iter().map(|s| (at(s.span.start()), at(s.span.end()))).collect()
        };
        let mut scratch = tokenize::Scratch::default();
        for (fs, fe) in ranges {
            let (fs, fe) = (fs.min(norm.text.len()), fe.min(norm.text.len()));
            let Some(slice) = norm.text.get(fs..fe) else { continue };
            for f in self.find_with(slice, &lang, published.as_ref(), &mut scratch) {
                let (s, e) = norm.to_original(fs + f.start, fs + f.end);
                let span = doc.span(s, e)?;
                out.push(Timex { span, ..f.timex });
            }
        }
        doc.layers.timexes = out;
        Ok(())
    }
}

/// The first folded byte whose original offset is at or after `orig` (the map is monotonic).
///
/// `from` is where the last call's search ended (0 at first): when `orig` is not before that
/// call's, the answer is not before it either, and a short forward scan from there finds it
/// (a binary search over the whole map missed the cache at every step, for every sentence).
fn folded_at(map: &[u32], orig: usize, from: &mut usize) -> usize {
    let mut i = *from;
    if i > 0 && (map[i - 1] as usize) >= orig {
        i = map.partition_point(|&o| (o as usize) < orig);
    } else {
        // (the map is monotonic: when the last of 32 entries is before `orig`, all are)
        while i + 32 <= map.len() && (map[i + 31] as usize) < orig {
            i += 32;
        }
        while i < map.len() && (map[i] as usize) < orig {
            i += 1;
        }
    }
    *from = i;
    // stay on a folded char boundary: the map repeats an offset for every byte of a character
    while i > 0 && i < map.len() && map[i - 1] == map[i] {
        i -= 1;
    }
    i.min(map.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::folded_at;

    /// The one-pass English tense scan says what the definition says: a future marker anywhere
    /// (will, shall, or "expected to", "going to", "scheduled to" as substrings), else a past form.
    #[test]
    fn english_tense_agrees_with_its_definition() {
        const EN: [&str; 34] = [
            "said", "told", "was", "were", "met", "held", "took", "came", "went", "gave", "made",
            "won", "lost", "began", "fought", "left", "sent", "saw", "knew", "thought", "brought",
            "spoke", "wrote", "rose", "fell", "had", "did", "got", "put", "paid", "ran", "struck",
            "hit", "shot",
        ];
        let definition = |folded: &str| {
            let words = || {
                folded.split(|c: char| !crate::letters::is_alphabetic(c)).filter(|w| !w.is_empty())
            };
            let future = words().any(|w| matches!(w, "will" | "shall"))
                || folded.contains("expected to")
                || folded.contains("going to")
                || folded.contains("scheduled to");
            let past = words().any(|w| EN.contains(&w) || w.len() >= 5 && w.ends_with("ed"));
            if future { Some(false) } else { past.then_some(true) }
        };
        for w in EN {
            assert!(super::irregular_past(w), "{w}");
        }
        for w in ["sai", "saids", "Said", "wa", "the", "shots", "hits", ""] {
            assert!(!super::irregular_past(w), "{w}");
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
        ]
        .into_iter()
        .map(str::to_string)
        .chain(
            crate::grammar::tests::article_texts(false).into_iter().map(|t| isnad_text::fold(&t)),
        ) {
            let text = text.as_str();
            assert_eq!(super::tense(text, super::grammar::Lang::En), definition(text), "{text:?}");
        }
    }

    /// The stage finds the same with the grammar's fast paths as with its rules alone, under
    /// each policy, with and without a publication date (and time).
    #[test]
    fn fast_paths_agree_with_the_rules() {
        use super::{Bare, DatesConfig, DatesStage};
        use isnad_core::Lang;
        let (few, all) = (
            crate::grammar::tests::article_texts(false),
            crate::grammar::tests::article_texts(true),
        );
        let published: Vec<Option<isnad_core::Published>> = vec![
            Some("2025-02-19".parse().unwrap()),
            Some("2024-12-30T16:45:00+03:00".parse().unwrap()),
            None,
        ];
        let mut found = 0;
        for bare in [Bare::Tense, Bare::Future, Bare::Past] {
            let stage = DatesStage::new(
                DatesConfig { bare, ..DatesConfig::default() },
                std::path::Path::new("."),
            )
            .unwrap();
            // (every entry under the news policy with a publication date; the handmade texts under all)
            for (k, p) in published.iter().enumerate() {
                let texts = if bare == Bare::Tense && k == 0 { &all } else { &few };
                for text in texts {
                    let run = |slow: bool| {
                        crate::grammar::SLOW_PATHS.with(|s| s.set(slow));
                        let r = stage.find(text, &Lang::En, p.as_ref());
                        crate::grammar::SLOW_PATHS.with(|s| s.set(false));
                        r
                    };
                    let fast = run(false);
                    assert_eq!(fast, run(true), "{text:?} ({bare:?}, {p:?})");
                    found += fast.len();
                }
            }
        }
        assert!(found > 10_000, "{found}");
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
                    assert_eq!(
                        super::clause_around(text, s, e),
                        by_char(text, s, e),
                        "{text:?} {s}..{e}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// The forward scan gives what a binary search from scratch gives, in order or not.
    #[test]
    fn folded_at_agrees_with_a_fresh_search() {
        let fresh = |map: &[u32], orig: usize| folded_at(map, orig, &mut 0);
        let mut map: Vec<u32> = vec![0, 1, 1, 2, 4, 4, 4, 7, 8, 8, 12];
        map.extend((13..200).flat_map(|o| [o, o]));
        let mut from = 0;
        for orig in [
            0, 1, 1, 3, 4, 2, 5, 9, 13, 0, 7, 8, 12, 6, 20, 50, 51, 120, 121, 199, 200, 250, 40,
            199,
        ] {
            assert_eq!(folded_at(&map, orig, &mut from), fresh(&map, orig), "orig {orig}");
            let p = map.partition_point(|&o| (o as usize) < orig);
            assert_eq!(from, p);
        }
        // every step forward from every place (each offset of the window, the end of the map)
        for start in 0..=200 {
            for orig in start..=205 {
                let mut from = map.partition_point(|&o| (o as usize) < start);
                let p = map.partition_point(|&o| (o as usize) < orig);
                assert_eq!(
                    folded_at(&map, orig, &mut from),
                    fresh(&map, orig),
                    "{start} -> {orig}"
                );
                assert_eq!(from, p, "{start} -> {orig}");
            }
        }
    }
}
