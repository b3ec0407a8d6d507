//! The n-th of something inside a period.
//!
//! **Reads**: "the first Tuesday of March", "the last Monday of March", "the third day of
//! March", "the first week of March", "the third last week of 2018", "the third Tuesday after
//! Christmas 2014", "أول ثلاثاء من شهر مارس", "الاثنين الأخير من مارس", "آخر اثنين من شهر آذار",
//! "اليوم الثالث من مارس", "الأسبوع الأول من مارس".
//!
//! **Not**: "the first increase in six years" (an ordinal that counts something else), "the
//! third quarter" (`period.rs`).
//!
//! **Data**: `data/{ar,en}.tsv` senses `ord`, `part last`, `rel last`, `weekday`, `unit
//! day|week|month|year`, `weekend`, `conn of|in|from|after`.
//!
//! **Fixture**: `tests/corpus/ar/nth.txt`, `tests/corpus/en/nth.txt`.

use isnad_core::Grain;
use jiff::civil::{Date, Time};

use super::*;
use crate::time::{self, TimeValue, add_days, add_grain, truncate};
use crate::timex3::Reading;
use crate::vocab::{Connective, Part, Relative, Unit, features};

/// What an ordinal counts inside a period.
#[derive(Clone, Copy)]
enum Counted {
    /// A weekday (1 = Monday): "the first Tuesday of October".
    Weekday(u8),
    /// Days: "the third day of October".
    Day,
    /// Weeks: "the first week of October".
    Week,
    /// Weekends: "the last weekend of May".
    Weekend,
}

impl<'a, 'v> Parser<'a, 'v> {
    /// Ordinals inside a period: "first tuesday of october", "last Monday of March",
    /// "اخر اثنين من شهر اذار", "الثلاثاء الاخير من شهر مارس", "third day of october",
    /// "اليوم الثالث من اكتوبر", "first week of october 2014", "last day of october 2015".
    pub(super) fn nth_in(&self, i: usize) -> Option<Match<Spec>> {
        let (n, what, j) = self.nth_head(i)?;
        // of/in/من/في/ب + period
        let mut m = j;
        if self.connective(m, Connective::Of)
            || self.connective(m, Connective::In)
            || self.connective(m, Connective::From)
        {
            m += 1;
        } else if self.is_arabic() && self.tok(m).is_some_and(|t| t.clitic) {
            // بشهر / بايلول
        } else if self.connective(m, Connective::After) {
            // "third tuesday after christmas 2014"
            let Match { end: m2, value: h } = self.holiday(m + 1)?;
            let base = self.resolve(&h)?;
            if let Counted::Weekday(wd) = what {
                let off = time::weekday_offset(base.date(), time::weekday_of(wd), 1);
                let d = add_days(base.date(), off + 7 * i64::from(n.max(1) - 1));
                return Some(Match {
                    end: m2,
                    value: Spec { base: Some(TimeValue::day(d)), ..Spec::default() },
                });
            }
            return None;
        } else {
            return None;
        }
        let Match { end: m2, value: spec } = self.nth_period(self.skip_filler(m))?;
        let period = self.resolve(&spec)?;
        let (ps, pe) = (period.start.date(), period.end_exclusive().date());
        Some(Match {
            end: m2,
            value: Spec {
                base: Some(nth_of(what, n, ps, pe)),
                absolute: spec.absolute,
                ..Spec::default()
            },
        })
    }

    /// The ordinal and what it counts, in either order ("the third Tuesday", "الثلاثاء
    /// الاخير", "third last week"): `n` (negative from the end), the thing, the token after.
    fn nth_head(&self, i: usize) -> Option<(i32, Counted, usize)> {
        let k = self.skip_filler(i);
        let mut n: i32;
        let what: Counted;
        let mut j;
        if self.part(k) == Some(Part::Last)
            || (self.relative(k) == Some(Relative::Last) && !self.is_arabic())
        {
            n = -1;
            j = k + 1;
        } else if let Some(Match { end: j2, value: v }) = self.ordinal(k) {
            n = v as i32;
            j = j2;
        } else {
            n = 0;
            j = k;
        }
        // "third last week of 2018", "5th last day of May"
        if n > 0 && self.part(j) == Some(Part::Last) {
            n = -n;
            j += 1;
        }
        let jj = if self.is_arabic() && self.is_unit(j, Unit::Day) && self.weekday(j + 1).is_some()
        {
            j + 1
        } else {
            j
        };
        if let Some((wd, _, _)) = self.weekday(jj) {
            what = Counted::Weekday(wd);
            j = jj + 1;
        } else if self.is_unit(j, Unit::Day) && !self.is_dual(j) {
            what = Counted::Day;
            j += 1;
        } else if self.is_unit(j, Unit::Week) && !self.is_dual(j) {
            what = Counted::Week;
            j += 1;
        } else if self.has(j, features::WEEKEND) {
            what = Counted::Weekend;
            j += 1;
        } else {
            return None;
        }
        if n == 0 {
            // Arabic order: noun then ordinal ("الثلاثاء الاخير", "الاسبوع الاول", "اليوم الثالث")
            if let Some(Match { end: j2, value: v }) = self.ordinal(j) {
                n = v as i32;
                j = j2;
            } else if self.part(j) == Some(Part::Last) {
                n = -1;
                j += 1;
            } else {
                return None;
            }
        }
        Some((n, what, j))
    }

    /// The period an ordinal counts in: a month (with the year after it: "من شهر ايلول من عام
    /// 2014", "بعام 2014", "السنة القادمة"), a relative period, a year, or "the month".
    fn nth_period(&self, m: usize) -> Option<Match<Spec>> {
        let Match { end: mut m2, value: mut spec } = self
            .month_expr(m)
            .or_else(|| self.month_alone(m))
            .or_else(|| self.period_rel(m))
            .or_else(|| self.year_expr(m))
            .or_else(|| {
                let (u, _) = self.unit(m)?;
                if matches!(u, Unit::Month | Unit::Year) {
                    let g = time::unit_grain(u);
                    Some(Match {
                        end: m + 1,
                        value: Spec {
                            base: Some(TimeValue::point(truncate(self.anchor.now, g), g)),
                            ..Spec::default()
                        },
                    })
                } else {
                    None
                }
            })?;
        // a year after the month: "من شهر ايلول من عام 2014", "بعام 2014", "في سنة 2014", "لعام 2014"
        if spec.year.is_none() && spec.base.is_none() {
            let mut y = m2;
            if self.connective(y, Connective::From)
                || self.connective(y, Connective::In)
                || self.connective(y, Connective::Of)
            {
                y += 1;
            }
            if let Some(Match { end: y2, value: (yy, _) }) = self.year(y) {
                spec.year = Some(yy);
                m2 = y2;
            } else if self.is_arabic()
                && self.is_unit(y, Unit::Year)
                && self.relative(y + 1).is_some()
            {
                // "السنة القادمة"
                let a = self.anchor;
                spec.year = Some(
                    i32::from(a.today().year()) + relative_steps(self.relative(y + 1)?) as i32,
                );
                m2 = y + 2;
            }
        }
        Some(Match { end: m2, value: spec })
    }
}

/// The `n`-th (from the end when negative) of `what` in the period of days `[ps, pe)`.
fn nth_of(what: Counted, n: i32, ps: Date, pe: Date) -> TimeValue {
    match what {
        Counted::Weekday(wd) => {
            let w = time::weekday_of(wd);
            if n > 0 {
                let first =
                    add_days(add_days(ps, -1), time::weekday_offset(add_days(ps, -1), w, 1));
                TimeValue::day(add_days(first, 7 * i64::from(n - 1)))
            } else {
                let last = add_days(pe, time::weekday_offset(pe, w, -1));
                TimeValue::day(add_days(last, 7 * i64::from(n + 1)))
            }
        }
        Counted::Weekend => {
            // a weekend is Friday 18:00 to Monday 00:00, counted by its Friday
            let fri = jiff::civil::Weekday::Friday;
            let d = if n > 0 {
                add_days(
                    add_days(add_days(ps, -1), time::weekday_offset(add_days(ps, -1), fri, 1)),
                    7 * i64::from(n - 1),
                )
            } else {
                add_days(add_days(pe, time::weekday_offset(pe, fri, -1)), 7 * i64::from(n + 1))
            };
            let st = d.to_datetime(Time::midnight());
            TimeValue::interval(
                add_grain(st, Grain::Hour, 18),
                add_grain(st, Grain::Day, 3),
                Grain::Hour,
            )
            .read_as(Reading::Weekend)
        }
        Counted::Day => {
            if n > 0 {
                TimeValue::day(add_days(ps, i64::from(n - 1)))
            } else {
                TimeValue::day(add_days(pe, i64::from(n)))
            }
        }
        Counted::Week => {
            // weeks (Monday to Sunday) that start inside the period, counted from its start;
            // from its end, weeks that end inside it
            if n > 0 {
                let first = add_days(
                    add_days(ps, -1),
                    time::weekday_offset(add_days(ps, -1), jiff::civil::Weekday::Monday, 1),
                );
                TimeValue::point(
                    add_days(first, 7 * i64::from(n - 1)).to_datetime(Time::midnight()),
                    Grain::Week,
                )
            } else {
                let last_sunday =
                    add_days(pe, time::weekday_offset(pe, jiff::civil::Weekday::Sunday, -1));
                let last = add_days(last_sunday, -6);
                TimeValue::point(
                    add_days(last, 7 * i64::from(n + 1)).to_datetime(Time::midnight()),
                    Grain::Week,
                )
            }
        }
    }
}
