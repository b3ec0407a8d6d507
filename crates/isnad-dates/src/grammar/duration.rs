//! Amounts of time with no place on the calendar (TimeML DURATION).
//!
//! **Reads**: "three years", "for two days", "a week", "45 minutes", "nearly forty years"
//! (`APPROX`), "more than four hours" (`MORE_THAN`), "at least 30 days", "up to 180 days", "a
//! five-year plan", "a 10-hour shift", "an 8-month-old truce", "day-long talks", "several
//! years", "a few minutes", "for years", "two decades", "centuries", "ثلاثة أيام", "لمدة
//! أسبوعين", "عدة سنوات". Its value is the amount (`P3Y`, `PT10H`, `PXY` when the count is not
//! said); the words before it that bound it give its modifier.
//!
//! **Not**: "three years ago", "in three days", "منذ ثلاثة أيام" (offsets: `offset.rs`), "the
//! past three months" (a stretch counted back from now, also `offset.rs`), "3 days a week"
//! (`set.rs`), a count of something else ("three yearly reports").
//!
//! **Data**: `data/{ar,en}.tsv` senses `unit`, `num`, `frac`, `conn approx|for`,
//! `bound` (the words before the amount that bound it: "more than", "at least", "أكثر من");
//! `years` (decade, century); `data/{ar,en}-classes.tsv` classes `vague-count` ("several",
//! "عدة"), `over`, `times`.
//!
//! **Fixture**: `tests/corpus/ar/duration.txt`, `tests/corpus/en/duration.txt`.

use super::*;
use crate::classes::Class;
use crate::time::{self, TimeValue};
use crate::timex3::{DurationUnit, Mod, Reading};
use crate::tokenize::Kind;
use crate::vocab::{Bound, Connective, Sense, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// An amount of time at `i`, with the bound before it: "three years", "a five-year plan",
    /// "several years", "more than four hours", "nearly forty years".
    pub(super) fn duration(&self, i: usize) -> Option<Match<TimeValue>> {
        let (k, modifier) = match self.senses(i).iter().find_map(|s| match s {
            Sense::Bound(b) => Some(*b),
            _ => None,
        }) {
            Some(b) => (i + 1, Some(bound_mod(b))),
            None if self.connective(i, Connective::Approx) => (i, Some(Mod::Approx)),
            None => (i, None),
        };
        let (end, tenths, unit) = self
            .compound_duration(k)
            .or_else(|| self.counted_duration(k))
            .or_else(|| self.uncounted_duration(k))?;
        let grain = time::unit_grain(match unit {
            DurationUnit::Second => Unit::Second,
            DurationUnit::Minute => Unit::Minute,
            DurationUnit::Hour => Unit::Hour,
            DurationUnit::Day => Unit::Day,
            DurationUnit::Week => Unit::Week,
            DurationUnit::Month => Unit::Month,
            DurationUnit::Quarter => Unit::Quarter,
            _ => Unit::Year,
        });
        let mut t =
            TimeValue::point(self.anchor.now, grain).read_as(Reading::Duration { tenths, unit });
        t.start = self.anchor.now;
        t.modifier = modifier;
        Some(Match { end, value: t })
    }

    /// "a five-year plan", "a 10-hour shift", "an 8-month-old truce", "day-long talks": a
    /// number and a unit joined by a hyphen (a compound adjective), or a unit and "-long".
    fn compound_duration(&self, i: usize) -> Option<(usize, Option<u32>, DurationUnit)> {
        if self.is_arabic() {
            return None;
        }
        if let Some((u, 1)) = self.unit(i)
            && self.punct(i + 1, '-')
            && self.glued(i)
            && self.tok_text(i + 2) == Some("long")
        {
            return Some((i + 3, Some(10), duration_unit(u)));
        }
        let Match { end: j, value: n } = self.number(i)?;
        if !(self.punct(j, '-') && self.glued(j - 1) && self.glued(j)) {
            return None;
        }
        let (u, 1) = self.unit(j + 1)? else { return None };
        let end = j + 2;
        // "a 6-year-old boy": an age, no amount of time TimeML marks
        if self.punct(end, '-') && self.glued(end - 1) {
            return None;
        }
        Some((end, Some(n.checked_mul(10)?), duration_unit(u)))
    }

    /// A counted amount: "three years", "two days", "a week", "45 minutes", "2.5 hours", "a
    /// couple of years", "a few minutes" (a vague count: `PXM`), "two decades", "ثلاثة أيام",
    /// "يومين".
    fn counted_duration(&self, i: usize) -> Option<(usize, Option<u32>, DurationUnit)> {
        let start = if self.connective(i, Connective::Approx) { i + 1 } else { i };
        let vague = self.tok_text(start).is_some_and(|w| self.classes.has(w, Class::VagueCount));
        if let Some(Match { end, value: (n, CountUnit::Unit(u)) }) = self.quantity(i) {
            // (a fraction is counted in the next smaller unit: the unit said is the one written)
            let said = (start..end).find_map(|k| self.unit(k)).map(|(said, _)| said);
            if !self.is_amount(start, end, said.unwrap_or(u)) {
                return None;
            }
            let tenths = if vague { None } else { u32::try_from(n).ok()?.checked_mul(10) };
            // "2 1/2 years" was counted in months (30): TimeML keeps the unit said, `P2Y6M`
            if let Some(said) = said.filter(|s| *s != u)
                && let Some((smaller, per)) = quantity::smaller_unit(said)
                && smaller == u
                && let Some(t) = tenths.filter(|t| t % per == 0)
            {
                return Some((end, Some(t / per), duration_unit(said)));
            }
            return Some((end, tenths, duration_unit(u)));
        }
        if let Some(decimal) = self.decimal_duration(start) {
            return Some(decimal);
        }
        // "two decades", "centuries"
        let (j, n) = match self.number(start) {
            Some(Match { end, value }) => (end, Some(value)),
            None => (start, None),
        };
        let (years, unit) = match self.senses(j).iter().find_map(|s| match s {
            Sense::Years(n) => Some(*n),
            _ => None,
        })? {
            10 => (10, DurationUnit::Decade),
            100 => (100, DurationUnit::Century),
            _ => return None,
        };
        if n.is_none() && j == i {
            return None;
        }
        match n.filter(|_| !vague) {
            Some(n) => Some((j + 1, n.checked_mul(years * 10), DurationUnit::Year)),
            None => Some((j + 1, None, unit)),
        }
    }

    /// "1.5 weeks", "2.5 months": a decimal of a unit that TimeML counts in no smaller one, which
    /// [`Parser::quantity`] cannot count (`P1.5W`; without it, "5 weeks" was read after the
    /// point).
    fn decimal_duration(&self, i: usize) -> Option<(usize, Option<u32>, DurationUnit)> {
        // (digits only: this is tried wherever an amount is, and most tokens are no digits)
        let (n, _) = self.num(i)?;
        let j = i + 1;
        if !(self.punct(j, '.') && self.glued(i) && self.glued(j)) {
            return None;
        }
        let (d, 1) = self.num(j + 1)? else { return None };
        let (u, c) = self.unit(j + 2)?;
        if c > 1 || !self.is_amount(i, j + 3, u) {
            return None;
        }
        Some((j + 3, Some(n.checked_mul(10)?.checked_add(d)?), duration_unit(u)))
    }

    /// Whether the quantity `start..end` of unit `u` is an amount of time, not an age ("52 years
    /// old"), a rate ("3% a year", "twice a day"), an ordinal ("a second term") or a share ("a
    /// quarter of the vote").
    fn is_amount(&self, start: usize, end: usize, u: Unit) -> bool {
        let article = self.has(start, features::ONE_WEAK);
        // a mark read as a unit ("3'", "20\"") makes an amount only glued to digits: «الثلاث"» is
        // a word before a closing quotation mark
        let mark = self.tok(end - 1).is_some_and(|t| matches!(t.kind, Kind::Punct(_)));
        if mark && !(self.num(end - 2).is_some() && self.glued(end - 2)) {
            return false;
        }
        if self.tok_text(end) == Some("old") || self.punct(end, '-') && self.glued(end - 1) {
            return false;
        }
        if article {
            // a count or a price just before ("3% a year", "$14 more a month", "twice a day")
            let counted = |p: usize| {
                self.num(p).is_some()
                    || self.punct(p, '%')
                    || self.has(p, features::NUM)
                    || self.tok_text(p).is_some_and(|w| self.classes.has(w, Class::Times))
            };
            let rate = (1..=2).filter_map(|back| start.checked_sub(back)).any(counted);
            if rate
                || u == Unit::Second
                || u == Unit::Quarter && self.connective(end, Connective::Of)
            {
                return false;
            }
        }
        true
    }

    /// An uncounted amount: a plural unit after a vague count or a preposition that takes
    /// amounts ("several years", "for years", "over months", "عدة سنوات"); the amount starts at
    /// the count when it is a date word ("a few minutes" is counted), else at the unit.
    fn uncounted_duration(&self, i: usize) -> Option<(usize, Option<u32>, DurationUnit)> {
        let (u, 0) = self.unit(i)? else { return None };
        let before = i.checked_sub(1);
        let cue = before.is_some_and(|p| {
            self.connective(p, Connective::For)
                || self.tok_text(p).is_some_and(|w| {
                    self.classes.has(w, Class::VagueCount) || self.classes.has(w, Class::Over)
                })
        });
        if !cue {
            return None;
        }
        Some((i + 1, None, duration_unit(u)))
    }
}

/// The TIMEX3 modifier of a bound before an amount.
fn bound_mod(b: Bound) -> Mod {
    match b {
        Bound::MoreThan => Mod::MoreThan,
        Bound::LessThan => Mod::LessThan,
        Bound::AtLeast => Mod::EqualOrMore,
        Bound::AtMost => Mod::EqualOrLess,
        Bound::Nearly => Mod::Approx,
    }
}

/// The TimeML unit of a unit of time (a fortnight counts its days).
fn duration_unit(u: Unit) -> DurationUnit {
    offset::duration_unit(u)
}
