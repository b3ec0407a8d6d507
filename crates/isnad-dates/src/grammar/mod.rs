//! The date grammar: recognises expressions in a token stream and resolves them.
//!
//! The grammar is a set of small recursive-descent rules over [`Tok`]s. Each rule returns a
//! [`Match`]: the token after what it read and a partial [`Spec`] (calendar fields, clock
//! fields, or an already resolved value); specs are merged (a range's two ends share month,
//! year and am/pm) and resolved against the [`Anchor`]. At every position the longest parse
//! wins; of two equally long ones, the one tried first. Which words mean what lives in the data
//! files; which orders of words make a date lives here.
//!
//! # Code map, in the order the families are tried
//!
//! At a token, [`Parser::top`] tries, in this order:
//! 1. `deictic.rs`: "now" (and through `date`, "today", "أمس", "بعد غد");
//! 2. a date-time ([`Parser::datetime`]): up to one date, one time of day and one clock time, in
//!    any order ("Saturday morning at 9", "مساء الأحد"), the date being the longest of, in order:
//!    `deictic.rs`, `weekday.rs` ("الخميس الماضي", "last Tuesday"), `calendar.rs` ("12 فبراير
//!    2025", "the 1st of March"), `numeric.rs` ("15/02/2025"), `month_year.rs` (the month
//!    expressions), `period.rs` ("this week", "العام المقبل", "the third quarter"),
//!    `month_year.rs` (years), `part.rs` ("early March", "نهاية العام"), `nth.rs` ("the first
//!    Tuesday of March"), `holiday.rs` ("عيد الفطر", "Christmas 2025"), `hijri.rs` ("15 رمضان
//!    1446هـ"), `calendar.rs` (a day alone: "on the 15th"), `period.rs` (halves and quarters of
//!    years, "the week of"), `part.rs` ("العشر الأواخر من رمضان"); then "… الموافق …" (dual
//!    dating); the clock is `clock/` ("3pm", "الساعة الثالثة عصرا") and the time of day
//!    `daypart.rs` ("this morning", "صباح اليوم");
//! 3. `range.rs`: ranges ("من 13 إلى 15 يوليو", "3-4pm");
//! 4. `offset.rs`: offsets ("منذ ثلاثة أيام", "in 3 days", "3 days ago"), with amounts of time
//!    read by `quantity.rs`; "within two weeks";
//! 5. `range.rs`: bounds ("until 2pm", "since 2014", "حتى نهاية الشهر"), "later than … but
//!    before …", "the closest Monday to …";
//! 6. a leading preposition or hedge ("in", "في", "at", "about", "حوالي") and the same at the
//!    next token.
//!
//! Beside the families: `tokens.rs` (what a token is: senses, connectives, punctuation),
//! `numbers.rs` (cardinals, ordinals, days of the month, years), `spec.rs` (a partly specified
//! time and how two combine), `resolve.rs` (a spec to a value under the bare-reference
//! policy), `memo.rs` (results kept per token), `fast_path.rs` (where no expression can start,
//! with the proof of each shortcut), `tests.rs` (the shortcuts held to the rules).
//!
//! Each family's file opens with what it reads, what it must leave alone, the data it uses and
//! its corpus (`tests/corpus/{ar,en}/<family>.txt`).

mod anaphor;
mod calendar;
mod clock;
mod daypart;
mod decade;
mod deictic;
mod duration;
mod fast_path;
mod hijri;
mod holiday;
mod memo;
mod month_year;
mod named_day;
mod nth;
mod numbers;
mod numeric;
mod offset;
mod part;
mod period;
mod quantity;
mod range;
mod resolve;
mod set;
mod spec;
#[cfg(test)]
pub(crate) mod tests;
mod tokens;
mod weekday;
mod year_before;

use clock::ClockCue;
use daypart::{daypart_hour, daypart_hours};
#[cfg(test)]
pub(crate) use fast_path::SLOW_PATHS;
use fast_path::real_trigger;
pub(crate) use fast_path::{any_trigger, fast_paths};
pub(crate) use memo::Memos;
use memo::memoised;
pub(crate) use memo::{MEMOS, Tried};
use numbers::two_digit_year;
use offset::{relative_steps, stretch};
use quantity::CountUnit;
pub(crate) use range::{RangeEnds, ReadRange};
use spec::{Spec, merge};

use isnad_core::Grain;

use crate::classes::{Class, WordClasses};
use crate::holidays::Holidays;
pub(crate) use crate::language::{Lang, Language};
use crate::time::{Anchor, Open, TimeValue, truncate};
use crate::tokenize::{Kind, Tok};
use crate::vocab::{Connective, DayPart};

/// An expression found in the text: token range and resolved value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub t: TimeValue,
    /// For a range, where it is in the sentence's table of the ranges read ([`Memos::ranges`],
    /// with its two ends, which TimeML tags each). Few expressions are ranges: an index
    /// keeps `Found` small and `Copy` for the many that are not.
    pub ends: Option<u32>,
}

/// The parser of one sentence: its tokens, the reference, and the memos of the rules.
pub(crate) struct Parser<'a, 'v> {
    toks: &'a [Tok<'v>],
    text: &'a str,
    lang: Lang,
    /// The words the rules ask about by name (superlatives, hedges…).
    classes: &'a WordClasses,
    /// The reference time and the options that resolve against it.
    anchor: Anchor,
    /// Whether the document has a publication date (without one the stage parses against two
    /// unrelated references and keeps what resolves alike, so rules may always ask for
    /// `anchor`; a few readings that only a real date can settle look at this).
    has_published: bool,
    holidays: &'a Holidays,
    past_tense: bool,
    /// Whether a rule asked for the sentence's tense ([`Parser::past`]): when none did, the parse
    /// under the other tense would find the same, and the stage skips it.
    tense_used: std::cell::Cell<bool>,
    /// Whether the computation under way asked for it (directly or through a memoised result).
    tense_dep: std::cell::Cell<bool>,
    /// [`Parser::date`] and [`Parser::datetime`] are asked for the same positions by many rules
    /// (ranges, bounds, leading prepositions): their results are kept per token.
    memo: &'a Memos,
    /// The day of the last expression of a single day read so far in the sentence, the token
    /// it begins at, and whether its reading asked for the tense: a clock time without a date
    /// is on it ("on Thursday between 2pm and 5pm", `Parser::day_for_clock`).
    day_named: std::cell::Cell<Option<(jiff::civil::Date, usize, bool)>>,
    /// The year of the last year or season of a year read so far in the sentence, where its
    /// expression ends in the text, and whether its reading asked for the tense: a day of a
    /// month without a year in the same clause is in it ("in the summer of 2019 lasted from
    /// June 3 to July 14", `Parser::year_for_day`).
    year_named: std::cell::Cell<Option<(i16, usize, bool)>>,
    /// The token the run is at (where the expression being read begins).
    at: std::cell::Cell<usize>,
    /// The generation of the memos of the parse under the other tense that this one follows
    /// (see [`Parser::run_reusing`]), or 0: its results that did not ask for the tense hold
    /// here too.
    reuse: u32,
}

/// What a rule read: the token after the expression, and its value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Match<X> {
    /// The token after the expression.
    pub(crate) end: usize,
    /// What it says.
    pub(crate) value: X,
}

/// Keeps in `best` the parse that reaches furthest; on a tie the one found first stays.
pub(super) fn keep_longest<X>(best: &mut Option<Match<X>>, r: Option<Match<X>>) {
    if let Some(Match { end: j, value: x }) = r
        && best.as_ref().is_none_or(|Match { end: b, value: _ }| j > *b)
    {
        *best = Some(Match { end: j, value: x });
    }
}

impl<'a, 'v> Parser<'a, 'v> {
    pub(crate) fn new(
        toks: &'a [Tok<'v>],
        text: &'a str,
        language: &'a Language,
        anchor: Anchor,
        has_published: bool,
        holidays: &'a Holidays,
        memo: &'a Memos,
    ) -> Self {
        Parser {
            toks,
            text,
            lang: language.lang,
            classes: &language.classes,
            anchor,
            has_published,
            holidays,
            past_tense: false,
            tense_used: std::cell::Cell::new(false),
            tense_dep: std::cell::Cell::new(false),
            day_named: std::cell::Cell::new(None),
            year_named: std::cell::Cell::new(None),
            at: std::cell::Cell::new(0),
            memo: {
                memo.reset(toks.len());
                memo
            },
            reuse: 0,
        }
    }

    /// The memos' generation, and the one whose tense-free results may be reused.
    #[inline(always)]
    fn generations(&self) -> (u32, u32) {
        (self.memo.generation.get(), self.reuse)
    }

    /// All expressions, left to right, longest first at each position.
    ///
    /// The result at a token is taken from `earlier` (what a parser of the same tokens and
    /// anchor under the other tense tried) when it did not depend on the tense; what this one
    /// tries is noted into `tried`. That parser must be the last one made before this one: the
    /// results of its memos that did not depend on the tense are reused as well (with its memos
    /// emptied, the parses that asked for the tense recomputed every date under them).
    pub(crate) fn run_reusing(&mut self, earlier: Option<&Tried>, tried: &mut Tried) -> Vec<Found> {
        if earlier.is_some() && fast_paths() {
            self.reuse = self.memo.generation.get().wrapping_sub(1);
        }
        tried.clear();
        tried.resize(self.toks.len(), None);
        let mut out = Vec::new();
        let n = self.toks.len();
        // With the fast paths, where parses may start is read off the first real trigger at or
        // after each token, computed once (`can_start` tests up to four tokens at every function
        // word, and most positions of a sentence are far from any trigger): with `t` that
        // trigger, `i` may start when `i == t`, or when it leads and `t < i + 4` (not being a
        // trigger itself, the first trigger after it is `t` too); every position before `t - 3`
        // is neither, and is stepped over at once.
        let mut next = self.memo.next_trigger.borrow_mut();
        let skip = fast_paths();
        if skip {
            next.clear();
            next.resize(n + 1, n as u32);
            for k in (0..n).rev() {
                next[k] = if real_trigger(self.toks, self.text, self.lang, k) {
                    k as u32
                } else {
                    next[k + 1]
                };
            }
        }
        let mut i = 0;
        while i < n {
            if skip {
                // (debug builds, the tests, check every decision against `can_start`)
                let t = next[i] as usize;
                if t == n {
                    debug_assert!((i..n).all(|k| !self.can_start(k)));
                    break;
                }
                if t > i + 3 {
                    debug_assert!((i..t - 3).all(|k| !self.can_start(k)));
                    i = t - 3;
                }
                let may = i == t
                    || matches!(self.toks[i].kind, Kind::Lex(_) | Kind::Punct('@')) && t < i + 4;
                debug_assert_eq!(may, self.can_start(i));
                if !may {
                    i += 1;
                    continue;
                }
            } else if !self.can_start(i) {
                i += 1;
                continue;
            }
            let (r, dep) = match earlier.and_then(|e| e.get(i).copied().flatten()) {
                Some((r, false)) => (r, false),
                _ => {
                    self.at.set(i);
                    let outer = self.tense_dep.replace(false);
                    let r = self.top(i);
                    let dep = self.tense_dep.get();
                    self.tense_dep.set(outer || dep);
                    tried[i] = Some((r, dep));
                    (r, dep)
                }
            };
            if let Some(Match { end: j, value: t }) = r
                && j > i
            {
                self.note_day(i, &t, dep);
                self.note_year(j, &t, dep);
                // (only intervals may be ranges: the rest skip the call)
                let interval = t.end.is_some() && t.open == Open::No;
                let ends = if interval { self.range_ends(i, j, &t) } else { None };
                out.push(Found { start: i, end: j, t, ends });
                i = j;
                continue;
            }
            i += 1;
        }
        out
    }

    pub(crate) fn set_past_tense(&mut self, past: bool) {
        self.past_tense = past;
    }

    /// Whether the last [`Parser::run_reusing`] depended on the tense set by [`Parser::set_past_tense`].
    pub(crate) fn tense_used(&self) -> bool {
        self.tense_used.get()
    }

    /// The sentence's tense, noting that it was asked for (see [`Parser::tense_used`]).
    fn past(&self) -> bool {
        self.tense_used.set(true);
        self.tense_dep.set(true);
        self.past_tense
    }

    fn top(&self, i: usize) -> Option<Match<TimeValue>> {
        if fast_paths() && (self.idle_one(i) || !self.is_arabic() && !self.top_may_start(i)) {
            return None;
        }
        // (run() asks again at the token after a leading preposition that gave nothing)
        memoised(&self.memo.top, self.generations(), &self.tense_dep, i, || self.top_uncached(i))
    }

    fn top_uncached(&self, i: usize) -> Option<Match<TimeValue>> {
        let mut best: Option<Match<TimeValue>> = None;
        let mut consider = |r: Option<Match<TimeValue>>| keep_longest(&mut best, r);
        consider(self.now_expr(i));
        consider(self.vague(i));
        // (before the dates: "the following year" is not the one after the publication's, and
        // "each Thursday" is every Thursday, not one)
        consider(self.anaphor(i));
        consider(self.recurrence(i));
        if let Some(Match { end: j, value: s }) = self.datetime(i)
            && let Some(t) = self.resolve(&s)
        {
            consider(Some(Match { end: j, value: t }));
            // "4pm for 30 mins", "18th Dec for 10 days": a stretch from that time
            consider(self.for_duration(j, t));
        }
        consider(self.range(i));
        // (before the offsets: "a year ago" in a report is the period a year before its own)
        consider(self.year_before(i));
        consider(self.offset(i));
        consider(self.within(i));
        consider(self.bounded(i));
        consider(self.duration(i));
        if self.connective(i, Connective::Asap) {
            let a = self.anchor;
            let g = a.cap(Grain::Second);
            consider(Some(Match {
                end: i + 1,
                value: TimeValue { open: Open::After, ..TimeValue::point(truncate(a.now, g), g) },
            }));
        }
        // "today in one hour": the day is redundant with the offset
        if let Some(Match { end: j, value: 0 }) = self.deictic_word(i) {
            consider(
                self.offset(j)
                    .filter(|Match { end: _, value: t }| t.start.date() == self.anchor.today()),
            );
        }
        // "later than 9:30 but before 11:00 on Thursday"
        if !self.is_arabic() && self.connective(i, Connective::After) {
            consider(self.after_before(i + 1));
        }
        // "the closest Monday to Oct 5th", "the second closest Mon to October fifth"
        consider(self.closest(i));
        // "from 18th Dec for 10 days"
        if !self.is_arabic()
            && self.connective(i, Connective::From)
            && let Some(Match { end: j, value: s }) = self.datetime(i + 1)
            && let Some(t) = self.resolve(&s)
        {
            consider(self.for_duration(j, t));
        }
        // "for 10 days from 18th Dec", "for 30' starting from 4pm"
        if !self.is_arabic()
            && self.connective(i, Connective::For)
            && let Some(Match { end: j, value: (n, CountUnit::Unit(u)) }) = self.quantity(i + 1)
        {
            let mut k = j;
            if self.tok_text(k) == Some("starting") {
                k += 1;
            }
            if self.connective(k, Connective::From)
                && let Some(Match { end: k2, value: s }) = self.datetime(k + 1)
                && let Some(t) = self.resolve(&s)
            {
                consider(Some(Match { end: k2, value: stretch(t, n, u) }));
            }
        }
        // Leading prepositions and hedges belong to the expression ("in 2014", "حوالي الساعة 3").
        let lead = self.connective(i, Connective::In)
            || self.connective(i, Connective::On)
            || self.connective(i, Connective::At)
            || self.connective(i, Connective::Approx)
            || self.connective(i, Connective::Filler)
            || self.connective(i, Connective::For)
            || self.punct(i, '@');
        if lead {
            keep_longest(&mut best, self.top(i + 1));
        }
        let Match { end: j, value: t } = best?;
        // Trailing hedges: "3pm approximately", "3ish".
        let mut j = j;
        while self.is_ish(j)
            || self.connective(j, Connective::Approx)
                && !self.tok_text(j).is_some_and(|w| self.classes.has(w, Class::LeadingHedge))
        {
            j += 1;
        }
        Some(Match { end: j, value: t })
    }

    /// A date, a time, or both, in any of the usual orders: up to one date, one day part and one
    /// clock time, joined by commas or at/on/in ("Saturday morning at 9", "9 tomorrow morning",
    /// "at 7:30 PM on Fri, Sep 20", "يوم السبت 21/09 الساعة 1:30 بعد الظهر", "مساء الأحد").
    fn datetime(&self, i: usize) -> Option<Match<Spec>> {
        memoised(&self.memo.datetime, self.generations(), &self.tense_dep, i, || {
            self.datetime_uncached(i)
        })
    }

    fn datetime_uncached(&self, i: usize) -> Option<Match<Spec>> {
        let mut best: Option<Match<Spec>> = None;
        let mut cur = Spec::default();
        let (mut has_d, mut has_dp, mut has_c) = (false, false, false);
        let mut k = i;
        let mut first = true;
        loop {
            let (k0, at) = if first { (k, false) } else { self.skip_joiners(k) };
            // the longest of a clock, a day part and a date here (of equally long ones, the first)
            let mut cand: Option<(usize, Spec, u8)> = None;
            let mut offer = |c: (usize, Spec, u8)| {
                if cand.is_none_or(|b| c.0 > b.0) {
                    cand = Some(c);
                }
            };
            // a comma ends a day part's hold on a bare number: "this evening, one aide said"
            let comma = (k..k0).any(|t| self.punct(t, ',') || self.punct(t, '،'));
            if !has_c
                && let Some(Match { end: j, value: c }) = self.clock_in(
                    k0,
                    if has_dp && !comma {
                        ClockCue::Certain
                    } else if at {
                        ClockCue::Marked
                    } else {
                        ClockCue::Bare
                    },
                )
            {
                offer((j, c, 0));
            }
            if !has_dp && let Some(Match { end: j, value: d }) = self.daypart_phrase(k0, !first) {
                offer((j, d, 1));
            }
            if !has_d && let Some(Match { end: j, value: d }) = self.date(k0) {
                offer((j, d, 2));
            }
            let Some((j, s, what)) = cand else { break };
            match what {
                0 => has_c = true,
                1 => has_dp = true,
                _ => has_d = true,
            }
            if s.has_date() {
                has_d = true;
            }
            if s.daypart.is_some() {
                has_dp = true;
            }
            merge(&mut cur, &s);
            k = j;
            first = false;
            best = Some(Match { end: k, value: cur });
        }
        best
    }

    /// Skips commas and at/on/in between the parts of a date-time; tells whether "at" (or "@",
    /// "الساعة" is part of the clock itself) was among them, which makes a bare number a time.
    fn skip_joiners(&self, mut j: usize) -> (usize, bool) {
        let mut at = false;
        loop {
            let is_at = self.punct(j, '@') || self.connective(j, Connective::At);
            // "الساعة الخامسة من مساء اليوم"
            let of_daypart = self.is_arabic()
                && self.connective(j, Connective::From)
                && self.daypart(j + 1).is_some();
            let joiner = is_at
                || of_daypart
                || self.punct(j, ',')
                || self.punct(j, '،')
                || self.connective(j, Connective::On)
                || self.connective(j, Connective::In)
                || self.connective(j, Connective::For)
                || self.connective(j, Connective::Filler);
            if !joiner {
                return (j, at);
            }
            at |= is_at;
            j += 1;
        }
    }

    /// Any date-level expression.
    fn date(&self, i: usize) -> Option<Match<Spec>> {
        if fast_paths() && !self.is_arabic() && !self.date_may_start(i) {
            return None;
        }
        memoised(&self.memo.date, self.generations(), &self.tense_dep, i, || self.date_uncached(i))
    }

    fn date_uncached(&self, i: usize) -> Option<Match<Spec>> {
        let mut best: Option<Match<Spec>> = None;
        let mut take = |r: Option<Match<Spec>>| keep_longest(&mut best, r);
        take(self.deictic(i));
        take(self.weekday_expr(i));
        take(self.calendar_date(i));
        take(self.numeric_date(i));
        take(self.month_expr(i));
        take(self.period_rel(i));
        take(self.year_expr(i));
        take(self.decade(i));
        take(self.part_of(i));
        take(self.nth_in(i));
        take(self.holiday(i));
        take(self.hijri_date(i));
        take(self.day_only(i));
        take(self.year_fraction(i));
        take(self.ar_tens(i));
        take(self.week_of(i));
        let Match { end: j, value: s } = best?;
        // Dual dating: "… الموافق 13 رمضان 1446هـ" / "الموافق: 12/04/2023" — one expression.
        if self.connective(j, Connective::Equiv) {
            let k = if self.punct(j + 1, ':') { j + 2 } else { j + 1 };
            let k = self.skip_filler(k);
            if let Some(Match { end: k2, value: other }) = self.date(k) {
                // The more specific side wins; a bare weekday defers to the date.
                let keep = if s.day.is_none() && s.base.is_none()
                    || s.weekday.is_some() && s.day.is_none()
                {
                    let mut o = other;
                    if o.weekday.is_none() {
                        o.weekday = s.weekday;
                    }
                    o
                } else {
                    s
                };
                return Some(Match { end: k2, value: keep });
            }
        }
        Some(Match { end: j, value: s })
    }
}
