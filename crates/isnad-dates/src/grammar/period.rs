//! Periods counted from now: weeks, months, quarters, years, halves, weekends.
//!
//! **Reads**: "this week", "last week", "next month", "last year", "the third quarter", "the
//! 4th quarter of 2024", "the 1988 second quarter", "in Q4 2024", "18q4", "the first half of
//! 2025", "the second half" (this year's), "this weekend", "over the weekend", "last week's
//! Sunday", "the week of October 6th", "the fiscal year", "the full year" (the year under
//! way), "full-year earnings" (the same), "the latest fiscal year" (the last one ended),
//! "هذا الأسبوع", "الأسبوع الماضي", "الشهر الجاري", "العام المقبل", "السنة القادمة", "العام
//! الحالي", "الأسبوع قبل الماضي" (the week before last), "الشهر بعد المقبل", "الربع الأول من
//! العام الجاري", "النصف الثاني من عام 2024".
//!
//! **Not**: "the past two weeks" (a stretch of whole periods: `offset.rs`), "a week" (an
//! amount), "quarter past three" (a clock).
//!
//! **Data**: `data/{ar,en}.tsv` senses `rel`, `unit week|month|quarter|year`, `weekend`, `ord`,
//! `conn of|from|in|filler|before|after`.
//!
//! **Fixture**: `tests/corpus/ar/period.txt`, `tests/corpus/en/period.txt`.

use isnad_core::Grain;
use jiff::civil::{Date, Time};

use super::*;
use crate::classes::Class;
use crate::reported::YearBefore;
use crate::time::{self, TimeValue, add_days, add_grain, truncate};
use crate::timex3::Reading;
use crate::vocab::{Connective, Relative, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// "this/next/last week|month|quarter|year", "الاسبوع الماضي", "العام المقبل", "هذا العام",
    /// "this week-end", "the third quarter", "4th quarter 2018", "18q4".
    pub(super) fn period_rel(&self, i: usize) -> Option<Match<Spec>> {
        let a_now = |p: &Self| p.anchor.now;
        // English / Arabic "this X" (rel before unit)
        let mut best: Option<Match<Spec>> = None;
        if let Some(r) = self.relative(i) {
            let k = self.skip_filler(i + 1);
            if let Some((u, 1)) = self.unit(k)
                && u >= Unit::Week
                && (!self.is_arabic() || r == Relative::This)
            {
                let g = time::unit_grain(u);
                let base = truncate(a_now(self), g);
                let t = TimeValue::point(add_grain(base, g, relative_steps(r)), g);
                best = Some(Match { end: k + 1, value: Spec { base: Some(t), ..Spec::default() } });
            }
            if self.has(k, features::WEEKEND) {
                best = Some(Match {
                    end: k + 1,
                    value: Spec { base: Some(self.weekend(relative_steps(r))), ..Spec::default() },
                });
            }
        }
        // "over the weekend": the bare policy decides which one
        if !self.is_arabic()
            && self.connective(i, Connective::Filler)
            && self.has(i + 1, features::WEEKEND)
            && best.is_none()
        {
            let a = self.anchor;
            let wd = a.today().weekday().to_monday_zero_offset();
            let past = self.policy() == crate::Bare::Past;
            // Friday evening to Sunday is "this weekend" whatever the policy
            let n = if wd >= 4 {
                0
            } else if past {
                -1
            } else {
                0
            };
            best = Some(Match {
                end: i + 2,
                value: Spec { base: Some(self.weekend(n)), ..Spec::default() },
            });
        }
        // "last week's sunday"
        if let Some(Match { end: j, value: Spec { base: Some(w), .. } }) = best
            && w.grain == Grain::Week
            && self.punct(j, '\'')
            && self.tok_text(j + 1) == Some("s")
            && let Some((wd, _, false)) = self.weekday(j + 2)
        {
            let d = add_days(w.date(), i64::from(wd) - 1);
            best = Some(Match {
                end: j + 3,
                value: Spec { base: Some(TimeValue::day(d)), ..Spec::default() },
            });
        }
        // Arabic unit + rel: الأسبوع الماضي، الشهر المقبل، العام الحالي، السنة القادمة; one
        // further with قبل/بعد: الأسبوع قبل الماضي، الشهر بعد المقبل
        if self.is_arabic()
            && let Some((u, 1)) = self.unit(i)
            && u >= Unit::Week
            && self.tok(i)?.al
            && let Some((steps, end)) = match self.relative(i + 1) {
                Some(r) => Some((relative_steps(r), i + 2)),
                None => self.one_further(i + 1).map(|n| (n, i + 3)),
            }
        {
            let g = time::unit_grain(u);
            let base = truncate(a_now(self), g);
            let t = TimeValue::point(add_grain(base, g, steps), g);
            best = Some(Match { end, value: Spec { base: Some(t), ..Spec::default() } });
        }
        if !self.is_arabic() {
            self.quarter_en(i, &mut best)?;
            // "full-year earnings": the hyphenated adjective ("a full year" is an amount)
            keep_longest(&mut best, self.year_of_accounts(i, '-', false));
        }
        best
    }

    /// Arabic "قبل الماضي" (before the last: -2) and "بعد المقبل/القادم" (after the next: +2)
    /// at `j`.
    pub(super) fn one_further(&self, j: usize) -> Option<i64> {
        match self.relative(j + 1)? {
            Relative::Last if self.connective(j, Connective::Before) => Some(-2),
            Relative::Next if self.connective(j, Connective::After) => Some(2),
            _ => None,
        }
    }

    /// English quarters into `best`: "third quarter", "the 3rd qtr", "4th quarter 2018", "the
    /// 4th qtr of 2018", "the 1988 third quarter", "next year's first quarter", "Q3", "Q4 2023",
    /// "Q1 of 2024" (business quarters: this year's without a year), "18q4", "2018q4". `None`
    /// when a quarter names no date (the whole rule gives none).
    fn quarter_en(&self, i: usize, best: &mut Option<Match<Spec>>) -> Option<()> {
        let k = self.skip_filler(i);
        // "the 1988 third quarter", "next year's first quarter", "1988's second quarter": the
        // year before the ordinal says whose quarter
        let possessive = |p: usize| {
            (self.punct(p, '\'') || self.punct(p, '’'))
                && self.glued(p - 1)
                && self.glued(p)
                && self.tok_text(p + 1) == Some("s")
        };
        let this_year = i32::from(self.anchor.today().year());
        let (k, lead_year) = match (self.num(k), self.relative(k)) {
            (Some((y, 4)), _) if (1000..=2199).contains(&y) => {
                if self.ordinal(k + 1).is_some() {
                    (k + 1, Some(y as i32))
                } else if possessive(k + 1) && self.ordinal(k + 3).is_some() {
                    (k + 3, Some(y as i32))
                } else {
                    (k, None)
                }
            }
            (None, Some(r))
                if !self.is_arabic()
                    && self.is_unit(k + 1, Unit::Year)
                    && possessive(k + 2)
                    && self.ordinal(k + 4).is_some() =>
            {
                (k + 4, Some(this_year + relative_steps(r) as i32))
            }
            _ => (k, None),
        };
        if let Some(Match { end: k1, value: n }) = self.ordinal(k)
            // "third-quarter earnings": the hyphen of a compound adjective
            && let k2 = if self.punct(k1, '-') && self.glued(k1 - 1) && self.glued(k1) { k1 + 1 } else { k1 }
            && self.is_unit(k2, Unit::Quarter)
            && (1..=4).contains(&n)
        {
            let mut k3 = k2 + 1;
            let mut y = lead_year;
            let k4 = if self.connective(k3, Connective::Of) { k3 + 1 } else { k3 };
            if lead_year.is_none()
                && let Some(Match { end: k5, value: (yy, _) }) = self.year(k4)
            {
                y = Some(yy);
                k3 = k5;
            }
            let today = self.anchor.today();
            let year = match y {
                Some(y) => y,
                // a quarter still ahead, in a report that looks back, is last year's ("posted
                // fourth-quarter results" in February)
                None if (3 * (n - 1) + 1) as i8 > today.month()
                    && self.policy() == crate::Bare::Past =>
                {
                    i32::from(today.year()) - 1
                }
                None => i32::from(today.year()),
            };
            let d = Date::new(year as i16, (3 * (n - 1) + 1) as i8, 1).ok()?;
            let t = TimeValue::point(d.to_datetime(Time::midnight()), Grain::Quarter);
            let s = Spec { base: Some(t), absolute: y.is_some(), ..Spec::default() };
            keep_longest(best, Some(Match { end: k3, value: s }));
        }
        // "the quarter", "the latest quarter": in a report, the quarter reported
        // (`crate::reported`; until one is named, the last that has ended)
        if self.tok_text(i) == Some("the") {
            let class =
                |k: usize, c: Class| self.tok_text(k).is_some_and(|w| self.classes.has(w, c));
            let latest = class(i + 1, Class::Latest);
            let q = if latest { i + 2 } else { i + 1 };
            if self.unit(q) == Some((Unit::Quarter, 1))
                && !self.connective(q + 1, Connective::Of)
                && !self.punct(q + 1, '-')
            {
                let today = self.anchor.today();
                let this = Date::new(today.year(), (today.month() - 1) / 3 * 3 + 1, 1).ok()?;
                let last = add_grain(this.to_datetime(Time::midnight()), Grain::Quarter, -1);
                let reported =
                    YearBefore { years: 0, grain: Grain::Quarter, quarters: true, quarter: None };
                let t =
                    TimeValue::point(last, Grain::Quarter).read_as(Reading::YearBefore(reported));
                keep_longest(
                    best,
                    Some(Match { end: q + 1, value: Spec { base: Some(t), ..Spec::default() } }),
                );
            }
            keep_longest(best, self.year_of_accounts(q, ' ', latest));
        }
        // "Q3", "Q4 2023", "Q1 of 2024": business quarters (this year's without a year)
        if self.tok_text(i) == Some("q")
            && self.glued(i)
            && let Some((q, 1)) = self.num(i + 1)
            && (1..=4).contains(&q)
            && !self.glued(i + 1)
        {
            let mut j = i + 2;
            let k = if self.connective(j, Connective::Of) { j + 1 } else { j };
            let year = match self.year(k) {
                Some(Match { end: k2, value: (y, _) }) => {
                    j = k2;
                    Some(y)
                }
                None => None,
            };
            let y = year.unwrap_or_else(|| i32::from(self.anchor.today().year()));
            let d = Date::new(y as i16, (3 * (q - 1) + 1) as i8, 1).ok()?;
            let t = TimeValue::point(d.to_datetime(Time::midnight()), Grain::Quarter);
            *best = Some(Match {
                end: j,
                value: Spec { base: Some(t), absolute: year.is_some(), ..Spec::default() },
            });
        }
        // 18q4 / 2018q4
        if let Some((y, dg)) = self.num(i)
            && self.glued(i)
            && self.text.get(self.tok(i + 1)?.start..self.tok(i + 1)?.end) == Some("q")
            && self.glued(i + 1)
            && let Some((q, 1)) = self.num(i + 2)
        {
            let year = if dg == 2 { two_digit_year(y) } else { y as i32 };
            if (1..=4).contains(&q) {
                let d = Date::new(year as i16, (3 * (q - 1) + 1) as i8, 1).ok()?;
                let t = TimeValue::point(d.to_datetime(Time::midnight()), Grain::Quarter);
                *best = Some(Match {
                    end: i + 3,
                    value: Spec { base: Some(t), absolute: true, ..Spec::default() },
                });
            }
        }
        Some(())
    }

    /// A year of accounts at `q`: "the fiscal year", "the full year" (after "the"), "full-year
    /// earnings" (the adjective): the year under way; "the latest fiscal year" (`latest`): the
    /// last one ended. Only a year unit of the data whose words are joined by `joiner` (a space:
    /// "fiscal year", "full year"; a hyphen: "full-year") is read so: "the year" alone is as
    /// often an amount ("the year ended in June") as a date, and stays unread.
    fn year_of_accounts(&self, q: usize, joiner: char, latest: bool) -> Option<Match<Spec>> {
        if self.unit(q) != Some((Unit::Year, 1)) || !self.tok_text(q)?.contains(joiner) {
            return None;
        }
        let this = truncate(self.anchor.now, Grain::Year);
        let year = if latest { add_grain(this, Grain::Year, -1) } else { this };
        let t = TimeValue::point(year, Grain::Year);
        Some(Match { end: q + 1, value: Spec { base: Some(t), ..Spec::default() } })
    }

    /// Friday 18:00 to Monday 00:00 of the week `n` weeks from this one.
    pub(super) fn weekend(&self, n: i64) -> TimeValue {
        // Friday 18:00 to Monday 00:00 of the week `n` weeks from this one.
        let a = self.anchor;
        let monday = truncate(a.now, Grain::Week);
        let fri = add_grain(add_grain(monday, Grain::Week, n), Grain::Day, 4);
        let s = fri.with().hour(18).build().unwrap_or(fri);
        let e = add_grain(monday, Grain::Week, n + 1);
        TimeValue::interval(s, e, Grain::Hour).read_as(Reading::Weekend)
    }

    /// "the week of october 6th": the (Monday-based) week that holds the date.
    pub(super) fn week_of(&self, i: usize) -> Option<Match<Spec>> {
        let k = self.skip_filler(i);
        if !self.is_unit(k, Unit::Week) || !self.connective(k + 1, Connective::Of) {
            return None;
        }
        let Match { end: j, value: s } = self.calendar_date(self.skip_filler(k + 2))?;
        let t = self.resolve(&s)?;
        // "the week of" names the week that starts around the date: a Sunday starts the next
        // (Monday-based) week, as in American usage
        let d = if t.date().weekday() == jiff::civil::Weekday::Sunday {
            add_days(t.date(), 1)
        } else {
            t.date()
        };
        Some(Match {
            end: j,
            value: Spec {
                base: Some(TimeValue::point(d.to_datetime(Time::midnight()), Grain::Week)),
                ..Spec::default()
            },
        })
    }

    /// Quarters and halves of a year: "the first half of 2024", "الربع الأول من العام الجاري",
    /// "النصف الثاني من عام 2023".
    pub(super) fn year_fraction(&self, i: usize) -> Option<Match<Spec>> {
        let mut final_of = false;
        let frac = |k: usize| {
            if self.is_unit(k, Unit::Quarter)
                || self.tok_text(k).is_some_and(|w| w.ends_with("ربع"))
            {
                Some(4)
            } else if self.tok_text(k).is_some_and(|w| w == "half" || w.ends_with("نصف")) {
                Some(2)
            } else {
                None
            }
        };
        let k = self.skip_filler(i);
        let (n, parts, mut j) = if self.is_arabic() {
            let parts = frac(k)?;
            let Match { end: j, value: n } = self.ordinal(k + 1)?;
            (n, parts, j)
        } else if let Some(Match { end: j, value: n }) = self.ordinal(k) {
            let parts = frac(j)?;
            if parts == 4 {
                return None; // "the third quarter [of 2024]" is in period_rel
            }
            (n, parts, j + 1)
        } else {
            // "the last half of 1989", "the final quarter of 2025": the last of the year named
            // after it ("the last quarter" alone is the one before this one: `period_rel`)
            // (the features first: most tokens here are no such word)
            if !self.has(k + 1, features::UNIT | features::FRAC) {
                return None;
            }
            final_of = self.tok_text(k).is_some_and(|w| self.classes.has(w, Class::Final));
            let parts = frac(k + 1).filter(|_| final_of)?;
            (parts, parts, k + 2)
        };
        if n == 0 || n > parts {
            return None;
        }
        let linked = self.connective(j, Connective::Of)
            || self.connective(j, Connective::From)
            || self.connective(j, Connective::In);
        if linked {
            j += 1;
        }
        if final_of && !linked {
            return None;
        }
        let bare = j;
        j = self.skip_filler(j);
        let (j2, year) = match self.period_rel(j).or_else(|| self.year_expr(j)) {
            Some(Match { end: j2, value: s }) => {
                let t = self.resolve(&s)?;
                if t.grain != Grain::Year {
                    return None;
                }
                (j2, t.start)
            }
            None if self.unit(j) == Some((Unit::Year, 1)) => {
                // "the first half of the year", "من العام": the current one
                (j + 1, truncate(self.anchor.now, Grain::Year))
            }
            None if !linked && k > i && !self.is_arabic() => {
                // "the first half" alone: this year's, as "the third quarter" is (a half of
                // something else says of what: "the first half of the match")
                (bare, truncate(self.anchor.now, Grain::Year))
            }
            None => return None,
        };
        let months = 12 / i64::from(parts);
        let from = add_grain(year, Grain::Month, months * i64::from(n - 1));
        let t = if parts == 4 {
            TimeValue::point(from, Grain::Quarter)
        } else {
            TimeValue::interval(from, add_grain(from, Grain::Month, months), Grain::Month)
                .read_as(Reading::Half)
        };
        Some(Match { end: j2, value: Spec { base: Some(t), ..Spec::default() } })
    }
}
