//! The period a year before the one a report is about.
//!
//! **Reads**: "a year earlier", "one year ago", "year-earlier" ("year-earlier sales"), "the
//! year-ago quarter", "the year-earlier period", "the comparable year-ago quarter", "the
//! year-earlier third quarter".
//!
//! Earnings reports compare a period with the same one a year before: after "third-quarter
//! profit rose", "from a year earlier" means last year's third quarter. The rule marks the
//! expression [`Reading::YearBefore`] and gives what the words say against the publication
//! date (a year before it, or for "the year-ago quarter" the last ended quarter a year before);
//! the stage then moves it a year before the last period the document named (`crate::reported`).
//!
//! **Not**: "a year before the war" (a year before a date, no report: no class word follows
//! "a year"); "the year-earlier nine months" (an amount of time).
//!
//! **Data**: `data/en-classes.tsv` classes `year-before` ("earlier", "ago"), `comparable`
//! ("comparable", "same"), `period` ("period").
//!
//! **Fixture**: `tests/corpus/en/year_before.txt`.

use isnad_core::Grain;
use jiff::civil::{Date, Time};

use super::*;
use crate::classes::Class;
use crate::reported::YearBefore;
use crate::time::{TimeValue, add_grain};
use crate::timex3::Reading;
use crate::vocab::Unit;

impl<'a, 'v> Parser<'a, 'v> {
    /// "a year earlier", "year-earlier", "the year-ago quarter", "the comparable year-earlier
    /// third quarter".
    pub(super) fn year_before(&self, i: usize) -> Option<Match<TimeValue>> {
        if self.is_arabic() {
            return None;
        }
        let class = |k: usize, c: Class| self.tok_text(k).is_some_and(|w| self.classes.has(w, c));
        // "a year earlier", "one year ago" (the words after the count first: they are rare)
        if self.is_unit(i + 1, Unit::Year)
            && class(i + 2, Class::YearBefore)
            && let Some(Match { end: j, value: (1, CountUnit::Unit(Unit::Year)) }) =
                self.quantity(i)
            && j == i + 2
            && class(j, Class::YearBefore)
        {
            let t = self.shift(self.anchor, -1, CountUnit::Unit(Unit::Year));
            let y = YearBefore { years: 1, grain: Grain::Year, quarters: false, quarter: None };
            return Some(Match { end: j + 1, value: t.read_as(Reading::YearBefore(y)) });
        }
        // "year-earlier", "the comparable year-ago quarter"
        let the = self.tok_text(i) == Some("the");
        let mut k = if the { i + 1 } else { i };
        if the && class(k, Class::Comparable) {
            k += 1;
        }
        if self.unit(k) != Some((Unit::Year, 1))
            || !self.punct(k + 1, '-')
            || !self.glued(k)
            || !self.glued(k + 1)
            || !class(k + 2, Class::YearBefore)
        {
            return None;
        }
        let j = k + 3;
        let today = self.anchor.today();
        let year_before = |grain, quarters, quarter, start| {
            let y = YearBefore { years: 1, grain, quarters, quarter };
            TimeValue::point(start, grain).read_as(Reading::YearBefore(y))
        };
        // "the year-earlier third quarter": that quarter, a year before
        if let Some(Match { end: k1, value: n }) = self.ordinal(j)
            && (1..=4).contains(&n)
            && self.is_unit(k1, Unit::Quarter)
        {
            let q = n as i8;
            let d = Date::new(today.year() - 1, 3 * (q - 1) + 1, 1).ok()?;
            let t = year_before(Grain::Quarter, true, Some(q), d.to_datetime(Time::midnight()));
            return Some(Match { end: k1 + 1, value: t });
        }
        // "the year-ago quarter": the quarter reported, a year before (without one, the last
        // that has ended)
        if self.unit(j) == Some((Unit::Quarter, 1)) {
            let this = Date::new(today.year(), (today.month() - 1) / 3 * 3 + 1, 1).ok()?;
            let last = add_grain(this.to_datetime(Time::midnight()), Grain::Quarter, -1);
            let t = year_before(Grain::Quarter, true, None, add_grain(last, Grain::Year, -1));
            return Some(Match { end: j + 1, value: t });
        }
        let end = if class(j, Class::Period) {
            j + 1
        } else if the {
            // "the year-earlier nine months": an amount of time, not this rule's
            return None;
        } else {
            j
        };
        let last_year = add_grain(self.anchor.now, Grain::Year, -1);
        Some(Match { end, value: year_before(Grain::Year, false, None, last_year) })
    }
}
