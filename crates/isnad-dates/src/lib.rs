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
//! 1990s", "in the coming years" and "خلال الأيام الماضية" give nothing. Date words in the name
//! of an outlet or a programme («صحيفة «الفجر الجديد»», «صحيفة «تركيا اليوم»», "told The Mail on
//! Sunday", "the Today programme") are part of the name (`titles.rs`).
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
//! # The period a report is about
//! Expressions are parsed one sentence at a time, but the stage reads a document's expressions in
//! order and keeps the last quarter, or recent year, named (`reported.rs`): "a year earlier",
//! "a year ago", "year-earlier", "the year-ago quarter" are the period a year before it ("Third-
//! quarter profit rose … from a year earlier": last year's third quarter). Before any, they are
//! read against the publication date ("a year ago": last year).
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

mod classes;
mod grammar;
mod holidays;
mod indian;
mod language;
mod letters;
mod reported;
mod sentence;
mod tense;
mod time;
mod timex3;
mod titles;
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
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::holidays::Holidays;
use crate::language::Language;
use crate::reported::Reported;
use crate::sentence::Sentence;
use crate::tense::NameAt;
use crate::time::Open;

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
    ar: Language,
    en: Language,
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
        let ar = Language::arabic(&holidays.names)?;
        let en = Language::english(&holidays.names)?;
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
        self.find_folded_cased(folded, lang, published, None)
    }

    /// [`DatesStage::find_folded`], told which characters of `folded` are capitals in the
    /// original text (a word in "-ed" with one inside a sentence is a name, no past).
    fn find_folded_cased(
        &self,
        folded: &str,
        lang: &Lang,
        published: Option<&isnad_core::Published>,
        capital_at: Option<NameAt<'_>>,
    ) -> Vec<Found> {
        let mut scratch = tokenize::Scratch::default();
        let mut reported = Reported::new(published.map(|p| p.date()));
        self.find_with(folded, lang, published, &mut scratch, &mut reported, capital_at)
    }

    /// [`DatesStage::find_folded`] with buffers kept from earlier sentences, and the period
    /// the document reported before this text (see `reported.rs`).
    fn find_with<'s>(
        &'s self,
        folded: &str,
        lang: &Lang,
        published: Option<&isnad_core::Published>,
        scratch: &mut tokenize::Scratch<'s>,
        reported: &mut Reported,
        capital_at: Option<NameAt<'_>>,
    ) -> Vec<Found> {
        let language = match lang {
            Lang::Ar => &self.ar,
            Lang::En => &self.en,
            Lang::Other(_) => return Vec::new(),
        };
        tokenize::tokenize(folded, &language.vocab, scratch);
        let toks = &scratch.toks[..];
        if !grammar::any_trigger(toks, folded, language.lang) {
            // every expression starts at or just before a number or a date word: none here, nothing
            // to parse and no tense to scan (most sentences of news text)
            return Vec::new();
        }
        // (the grammar's memos live as long as the thread: sized once for the longest sentence)
        grammar::MEMOS.with(|memo| {
            let found =
                Sentence::new(self, language, folded, toks, published, memo, capital_at).found();
            self.finish(folded, toks, found, &memo.ranges.borrow(), reported)
        })
    }

    /// The parser's expressions as byte ranges of `folded` with their timexes, read in order
    /// against the period reported.
    fn finish(
        &self,
        folded: &str,
        toks: &[tokenize::Tok<'_>],
        found: Vec<grammar::Found>,
        ranges: &[grammar::ReadRange],
        reported: &mut Reported,
    ) -> Vec<Found> {
        found
            .into_iter()
            .filter_map(|f| {
                let start = toks[f.start].start;
                let end = toks[f.end - 1].end;
                let span = isnad_core::Span::in_text(folded, start, end).ok()?;
                let mut timex = to_timex(span, &reported.read(f.t)?);
                timex.ends = ends_of(
                    folded,
                    toks,
                    f.ends.and_then(|k| ranges.get(k as usize)).map(|r| &r.ends),
                );
                Some(Found { start, end, timex })
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
        let capital_at = |k: usize| capital(text, n.map[k]);
        self.find_folded_cased(&n.text, lang, published, Some(&capital_at))
            .into_iter()
            .filter_map(|f| {
                let (s, e) = n.to_original(f.start, f.end);
                if self.in_name(text, s, e, lang) {
                    return None;
                }
                let span = isnad_core::Span::in_text(text, s, e).ok()?;
                let mut ends = f.timex.ends;
                for end in &mut ends {
                    let (es, ee) = n.to_original(end.span.start(), end.span.end());
                    end.span = isnad_core::Span::in_text(text, es, ee).ok()?;
                }
                Some(Found { start: s, end: e, timex: Timex { span, ends, ..f.timex } })
            })
            .collect()
    }
}

impl DatesStage {
    /// Whether the expression at `text[s..e]` (original text) is part of an outlet's or a
    /// programme's name (see `titles.rs`).
    fn in_name(&self, text: &str, s: usize, e: usize, lang: &Lang) -> bool {
        let language = match lang {
            Lang::Ar => &self.ar,
            Lang::En => &self.en,
            Lang::Other(_) => return false,
        };
        titles::in_name(text, s, e, language.lang, &language.classes)
    }
}

/// The two ends of a range as TimeML tags them, in bytes of `folded` (none when either end
/// has no words of its own).
fn ends_of(
    folded: &str,
    toks: &[tokenize::Tok<'_>],
    ends: Option<&grammar::RangeEnds>,
) -> Vec<isnad_core::TimexEnd> {
    let Some(ends) = ends else { return Vec::new() };
    let end = |(s, e, t): (usize, usize, time::TimeValue)| {
        if e <= s {
            return None;
        }
        // "from today" is one entry ("a week from today"): as the left end of a range, its
        // "from" is the range's word, no part of the TIMEX3 ("from today through Nov. 17")
        let mut start = toks[s].start;
        if toks[s].end > start + 5 && folded[start..].starts_with("from ") {
            start += 5;
        }
        let span = isnad_core::Span::in_text(folded, start, toks[e - 1].end).ok()?;
        Some(isnad_core::TimexEnd { span, timex3: timex3::timex3(&t) })
    };
    match (end(ends.left), end(ends.right)) {
        (Some(l), Some(r)) => vec![l, r],
        _ => Vec::new(),
    }
}

/// The timex of a resolved value: its calendar fields (a point, an interval, or for an amount
/// of time or a recurrence that nothing anchors, neither) and its TIMEX3.
fn to_timex(span: isnad_core::Span, t: &time::TimeValue) -> Timex {
    let g: Grain = t.grain;
    let timex3 = Some(timex3::timex3(t));
    let timex = |kind, value, from, to| Timex {
        span,
        kind,
        grain: g,
        value,
        from,
        to,
        calendar: t.calendar,
        timex3: timex3.clone(),
        ends: Vec::new(),
    };
    if timex3::is_free(t.reading) && t.end.is_none() && t.open == Open::No {
        let kind = match t.reading {
            timex3::Reading::Duration { .. } => TimexKind::Duration,
            _ => TimexKind::Set,
        };
        return timex(kind, None, None, None);
    }
    match (t.end, t.open) {
        (_, Open::Before) => timex(TimexKind::Interval, None, None, Some(time::format(t.start, g))),
        (_, Open::After) => {
            let start = time::format(t.start, g);
            timex(TimexKind::Interval, Some(start.clone()), Some(start), None)
        }
        (Some(e), Open::No) => {
            let start = time::format(t.start, g);
            timex(TimexKind::Interval, Some(start.clone()), Some(start), Some(time::format(e, g)))
        }
        (None, Open::No) => timex(TimexKind::Value, Some(time::format(t.start, g)), None, None),
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
        let mut reported = Reported::new(published.as_ref().map(|p| p.date()));
        for (fs, fe) in ranges {
            let (fs, fe) = (fs.min(norm.text.len()), fe.min(norm.text.len()));
            let Some(slice) = norm.text.get(fs..fe) else { continue };
            let capital_at = |k: usize| capital(&doc.text, norm.map[fs + k]);
            let (published, capital_at) = (published.as_ref(), Some(&capital_at as NameAt<'_>));
            for f in
                self.find_with(slice, &lang, published, &mut scratch, &mut reported, capital_at)
            {
                let (s, e) = norm.to_original(fs + f.start, fs + f.end);
                if self.in_name(&doc.text, s, e, &lang) {
                    continue;
                }
                let span = doc.span(s, e)?;
                let mut ends = f.timex.ends;
                for end in &mut ends {
                    let (es, ee) = norm.to_original(fs + end.span.start(), fs + end.span.end());
                    end.span = doc.span(es, ee)?;
                }
                out.push(Timex { span, ends, ..f.timex });
            }
        }
        doc.layers.timexes = out;
        Ok(())
    }
}

/// Whether the original character at byte `orig` of `text` is a capital letter.
fn capital(text: &str, orig: u32) -> bool {
    text.get(orig as usize..).and_then(|t| t.chars().next()).is_some_and(char::is_uppercase)
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
