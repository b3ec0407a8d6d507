//! Offsets from now, and stretches of whole periods before or after this one.
//!
//! **Reads**: "three days ago", "in 3 days", "two weeks ago", "a year ago", "two years hence",
//! "a week from now", "three days after Easter", "within two weeks", "the last two weeks",
//! "the next two weeks", "upcoming two weeks", "منذ ثلاثة أيام", "قبل يومين", "بعد 3 أيام",
//! "قبل أسبوع", "منذ ثلاثة أشهر", "خلال أسبوعين", "الأسابيع الثلاثة القادمة". An offset is as
//! precise as its unit, one step finer ("a year ago" is a month), never finer than the
//! reference.
//!
//! **Not**: "the first increase in six years", "the highest level in a decade" (after a
//! superlative "in N years" looks back); "الشهرين" with the article (given periods, no amount).
//!
//! **Data**: `data/{ar,en}.tsv` senses `unit`, `num`, `frac`, `rel`, `conn
//! since|in|before|after|from|ago|hence|within`; `data/en-classes.tsv` class `superlative`.
//! Amounts of time are read by `quantity.rs`.
//!
//! **Fixture**: `tests/corpus/ar/offset.txt`, `tests/corpus/en/offset.txt`.

use isnad_core::Grain;

use super::*;
use crate::classes::Class;
use crate::time::{self, Anchor, TimeValue, add_days, add_grain, truncate};
use crate::timex3::{DurationUnit, Mod, Reading};
use crate::vocab::{Bound, Connective, Relative, Sense, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// "منذ ثلاثة أيام", "قبل أسبوعين", "بعد يومين", "3 days ago", "in 2 minutes", "two years hence",
    /// "a week from now", "3 fridays from now", "last 2 weeks", "الاسابيع الثلاثة القادمة".
    pub(super) fn offset(&self, i: usize) -> Option<Match<TimeValue>> {
        if fast_paths() && !self.is_arabic() && !self.offset_may_start(i) {
            return None;
        }
        // prefix forms
        let back = self.connective(i, Connective::Since)
            || self.is_arabic()
                && (self.connective(i, Connective::Before) || self.connective(i, Connective::From));
        let ahead = if self.is_arabic() {
            self.connective(i, Connective::After)
        } else {
            self.connective(i, Connective::In)
        };
        if back || ahead {
            return self.offset_after_preposition(i, if back { -1 } else { 1 });
        }
        if let Some(found) = self.upcoming(i) {
            return Some(found);
        }
        // "last/past/next N units" intervals
        if let Some(r) = self.relative(i)
            && let Some(Match { end: j, value: (n, u) }) = self.quantity(i + 1)
            && (n > 1 || self.num(i + 1).is_some() || self.num_word(i + 1).is_some())
        {
            let counted = !self.vague_count_in(i + 1, j);
            return self.n_periods(j, r, n, u, counted);
        }
        // "nearly four years ago", "almost a decade ago": an approximate offset
        if !self.is_arabic()
            && self.senses(i).iter().any(|s| matches!(s, Sense::Bound(Bound::Nearly)))
            && let Some(Match { end: j, value: t }) = self.offset_before_word(i + 1)
            && self.connective(j - 1, Connective::Ago)
        {
            return Some(Match { end: j, value: t.with_mod(Mod::Approx) });
        }
        // Arabic "الاسابيع الثلاثة القادمة", "الشهرين الماضيين"
        if self.is_arabic() {
            if let Some((u, 2)) = self.unit(i)
                && self.tok(i)?.al
                && let Some(r) = self.relative(i + 1)
            {
                return self.n_periods(i + 2, r, 2, CountUnit::Unit(u), true);
            }
            if let Some((u, _)) = self.unit(i)
                && self.tok(i)?.al
                && let Some(Match { end: j, value: n }) = self.number(i + 1)
                && let Some(r) = self.relative(j)
            {
                return self.n_periods(j + 1, r, i64::from(n), CountUnit::Unit(u), true);
            }
        }
        self.offset_before_word(i)
    }

    /// A quantity after a preposition at `i` that sets the direction `dir`: "منذ ثلاثة أيام",
    /// "قبل أسبوعين", "بعد يومين" (back or ahead), "in 2 minutes" (ahead; English "since" takes
    /// a date, not a quantity).
    fn offset_after_preposition(&self, i: usize, dir: i64) -> Option<Match<TimeValue>> {
        let Match { end: j, value: (n, u) } = self.quantity(i + 1)?;
        if self.connective(i, Connective::Since) && !self.is_arabic() {
            return None;
        }
        // "the first increase in six years", "the highest level in a decade": after a
        // superlative, "in N years" is the stretch of time looked back over, no date ahead.
        if dir > 0
            && !self.is_arabic()
            && (i.saturating_sub(4)..i)
                .any(|k| self.tok_text(k).is_some_and(|w| self.classes.has(w, Class::Superlative)))
        {
            return None;
        }
        let t = self.shift(self.anchor, n * dir, u);
        // "in 7 days at 5pm", "in 4 years at 5pm"
        let found = self.then_clock(j, t);
        // TimeML: English "in two weeks" marks the amount of time ("two weeks", P2W), the
        // preposition being the signal that places it; the calendar value stays
        if dir > 0 && !self.is_arabic() && found.end == j {
            return Some(self.as_amount(i + 1, found));
        }
        Some(found)
    }

    /// The same match read in TimeML as the amount of time it counts (`P2W`, `PXD` for "a few
    /// days"), its calendar value kept: "in two weeks", "after ten years", "within 14 days".
    pub(super) fn as_amount(&self, i: usize, m: Match<TimeValue>) -> Match<TimeValue> {
        let Some(Match { end: _, value: (n, CountUnit::Unit(u)) }) = self.quantity(i) else {
            return m;
        };
        let tenths = if self.vague_count_in(i, m.end) {
            None
        } else {
            match u32::try_from(n).ok().and_then(|n| n.checked_mul(10)) {
                Some(t) => Some(t),
                None => return m,
            }
        };
        let reading = Reading::Placed { tenths, unit: duration_unit(u) };
        Match { end: m.end, value: m.value.read_as(reading) }
    }

    /// Whether a word of `i..j` is a count that says no number ("a few", "several"): TimeML
    /// writes its amount `X` ("the next few years": `PXY`).
    pub(super) fn vague_count_in(&self, i: usize, j: usize) -> bool {
        (i..j).any(|k| self.tok_text(k).is_some_and(|w| self.classes.has(w, Class::VagueCount)))
    }

    /// "upcoming two weeks", "2 upcoming weeks": the unit that many periods ahead.
    fn upcoming(&self, i: usize) -> Option<Match<TimeValue>> {
        let up = |k: usize| self.tok_text(k) == Some("upcoming");
        let (j, n, u) = if up(i) {
            let Match { end: j, value: n } = self.number(i + 1)?;
            self.unit(j).map(|(u, _)| (j + 1, n, u))?
        } else {
            let Match { end: j, value: n } = self.number(i)?;
            if !up(j) {
                return None;
            }
            self.unit(j + 1).map(|(u, _)| (j + 2, n, u))?
        };
        let g = time::unit_grain(u);
        let now = truncate(self.anchor.now, g);
        Some(Match { end: j, value: TimeValue::point(add_grain(now, g, i64::from(n)), g) })
    }

    /// A quantity before the word that sets its direction: "3 days ago", "two years hence", "a
    /// week from now", "a year from today", "three days after Easter", "a year from Christmas".
    pub(super) fn offset_before_word(&self, i: usize) -> Option<Match<TimeValue>> {
        let a = self.anchor;
        let Some(Match { end: j, value: (n, u) }) = self.quantity(i) else {
            return self.decades_ago(i);
        };
        if self.connective(j, Connective::Ago) {
            return Some(Match { end: j + 1, value: self.shift(a, -n, u) });
        }
        if self.connective(j, Connective::Hence) {
            let mut t = self.shift(a, n, u);
            if self.tok_text(j).is_some_and(|w| w.ends_with("today")) {
                if let CountUnit::Unit(unit) = u {
                    t = TimeValue::point(add_grain(a.now, time::unit_grain(unit), n), Grain::Day);
                }
            } else if self.tok_text(j).is_some_and(|w| w.ends_with("right now"))
                && let CountUnit::Unit(unit) = u
            {
                t = TimeValue::point(
                    add_grain(a.now, time::unit_grain(unit), n),
                    a.cap(Grain::Second),
                );
            }
            return Some(Match { end: j + 1, value: t });
        }
        // an offset from a date; a holiday named bare here is its nearest occurrence (the one
        // the speaker has in mind)
        if self.is_arabic()
            || !(self.connective(j, Connective::After) || self.connective(j, Connective::From))
        {
            return None;
        }
        let CountUnit::Unit(unit) = u else { return None };
        let base = self.holiday_nearest(j + 1).or_else(|| {
            let Match { end: k, value: s } = self.date(j + 1)?;
            Some(Match { end: k, value: self.resolve(&s)? })
        });
        let Match { end: k, value: t } = base?;
        if unit < Unit::Day {
            return None;
        }
        let day = TimeValue::point(add_grain(t.start, time::unit_grain(unit), n), Grain::Day);
        Some(Match { end: k, value: day })
    }

    /// "a decade ago", "two decades ago", "a century ago": the year that many years back, as
    /// "ten years ago" is (TimeML's `DATE`; a decade is counted in years, `years 10` in
    /// `data/en.tsv`, which [`Parser::quantity`] does not count, so the amount alone was read).
    fn decades_ago(&self, i: usize) -> Option<Match<TimeValue>> {
        // (the features first: most tokens here are followed by no such word)
        if self.is_arabic()
            || !(self.has(i + 1, features::YEARS) || self.has(i + 2, features::YEARS))
        {
            return None;
        }
        let Match { end: j, value: n } = self.number(i)?;
        let years = self.senses(j).iter().find_map(|s| match s {
            Sense::Years(y) => Some(i64::from(*y)),
            _ => None,
        })?;
        if !self.connective(j + 1, Connective::Ago) {
            return None;
        }
        let back = i64::from(n) * years;
        Some(Match {
            end: j + 2,
            value: self.shift(self.anchor, -back, CountUnit::Unit(Unit::Year)),
        })
    }

    /// "in 7 days at 5pm": the clock time on the day of the offset, when one follows.
    pub(super) fn then_clock(&self, j: usize, t: TimeValue) -> Match<TimeValue> {
        let unchanged = Match { end: j, value: t };
        let k = if self.connective(j, Connective::At) { j + 1 } else { return unchanged };
        if let Some(Match { end: k2, value: mut c }) = self.clock(k) {
            c.base = Some(TimeValue::day(t.date()));
            if let Some(r) = self.resolve(&c) {
                return Match { end: k2, value: r };
            }
        }
        unchanged
    }

    pub(super) fn shift(&self, a: Anchor, n: i64, u: CountUnit) -> TimeValue {
        match u {
            CountUnit::Unit(u) => {
                let g = time::unit_grain(u);
                let fg = a.cap(time::finer(g));
                let t = add_grain(a.now, g, n);
                // TimeML gives the day of "two weeks ago" and the year of "two years ago"
                let x3 = if g == Grain::Week { Grain::Day } else { g };
                TimeValue::point(t, fg).read_as(Reading::AtGrain(a.cap(x3)))
            }
            CountUnit::Weekday(wd) => {
                let w = time::weekday_of(wd);
                let dir: i64 = if n < 0 { -1 } else { 1 };
                let first = add_days(a.today(), time::weekday_offset(a.today(), w, dir as i8));
                let d = add_days(first, 7 * (n - dir));
                TimeValue::day(d)
            }
        }
    }

    pub(super) fn n_periods(
        &self,
        j: usize,
        r: Relative,
        n: i64,
        u: CountUnit,
        counted: bool,
    ) -> Option<Match<TimeValue>> {
        let CountUnit::Unit(u) = u else { return None };
        let a = self.anchor;
        let g = a.cap(time::unit_grain(u));
        let base = truncate(a.now, g);
        let t = match r {
            Relative::Last => TimeValue::interval(add_grain(base, g, -n), base, g),
            Relative::Next => {
                TimeValue::interval(add_grain(base, g, 1), add_grain(base, g, n + 1), g)
            }
            _ => return None,
        };
        // TimeML: "the past three months" is an amount of time, P3M ("the next few years": PXY)
        let tenths = u32::try_from(n).ok()?.checked_mul(10)?;
        let tenths = counted.then_some(tenths);
        Some(Match {
            end: j,
            value: t.read_as(Reading::Duration { tenths, unit: duration_unit(u) }),
        })
    }

    /// "خلال اسبوعين", "within 2 weeks": from now to the end of the span.
    pub(super) fn within(&self, i: usize) -> Option<Match<TimeValue>> {
        if !self.connective(i, Connective::Within) {
            return None;
        }
        let Match { end: j, value: (n, u) } = self.quantity(i + 1)?;
        let CountUnit::Unit(u) = u else { return None };
        let a = self.anchor;
        let g = time::unit_grain(u);
        let end = truncate(add_grain(a.now, g, n), time::finer(g).max(Grain::Day));
        let sg = a.cap(Grain::Second);
        let stretch = TimeValue::interval(truncate(a.now, sg), end, sg);
        // TimeML: "within 14 days" is the amount of time, at most (`P14D`, `EQUAL_OR_LESS`)
        let Match { end: j, value: t } = self.as_amount(i + 1, Match { end: j, value: stretch });
        let t = if matches!(t.reading, Reading::Placed { .. }) {
            t.with_mod(Mod::EqualOrLess)
        } else {
            t
        };
        Some(Match { end: j, value: t })
    }

    /// "for N units" after a time: the stretch from it.
    pub(super) fn for_duration(&self, j: usize, t: TimeValue) -> Option<Match<TimeValue>> {
        if self.is_arabic() || !self.connective(j, Connective::For) || t.end.is_some() {
            return None;
        }
        let Match { end: k, value: (n, u) } = self.quantity(j + 1)?;
        let CountUnit::Unit(u) = u else { return None };
        Some(Match { end: k, value: stretch(t, n, u) })
    }
}

/// `[t, t + n units]` at the finer of the two grains, the end counted inclusively as Duckling
/// does ("4pm for 30 mins" -> 16:00 to 16:31 exclusive).
pub(super) fn stretch(t: TimeValue, n: i64, u: Unit) -> TimeValue {
    let g = t.grain.min(time::unit_grain(u));
    let end = add_grain(add_grain(t.start, time::unit_grain(u), n), g, 1);
    TimeValue::interval(t.start, end, g)
}

pub(super) fn relative_steps(r: Relative) -> i64 {
    match r {
        Relative::Next => 1,
        Relative::Last => -1,
        Relative::This | Relative::Same => 0,
    }
}

/// The TimeML unit of a unit of time.
pub(super) fn duration_unit(u: Unit) -> DurationUnit {
    match u {
        Unit::Second => DurationUnit::Second,
        Unit::Minute => DurationUnit::Minute,
        Unit::Hour => DurationUnit::Hour,
        Unit::Day => DurationUnit::Day,
        Unit::Week => DurationUnit::Week,
        Unit::Month => DurationUnit::Month,
        Unit::Quarter => DurationUnit::Quarter,
        Unit::Year => DurationUnit::Year,
    }
}
