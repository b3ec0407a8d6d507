//! The period a report is about, carried from sentence to sentence.
//!
//! Expressions are parsed one sentence at a time, but "a year earlier" in an earnings report
//! means the period the report is about, a year before: after "Net income rose 8% in the third
//! quarter", "from $2 million a year earlier" is last year's third quarter. The rules mark such
//! expressions [`Reading::YearBefore`] (`grammar/year_before.rs`); the stage reads a document's
//! expressions in order through a [`Reported`], which notes each quarter or year named and
//! moves each marked expression a year before the last one. "The quarter" and "the latest
//! quarter" are marked too, zero years back: the quarter reported itself, when it has ended by
//! publication (results come out after a quarter; one under way is forecast), else the last
//! quarter that has ended, which then becomes the one reported.
//!
//! A report is about a recent period: any quarter named may be it, but a year only when it is
//! the year of publication, or the year before in the first quarter (when annual results come
//! out). An older year is a comparison ("up from 1988's $4 million"), and a year before it is
//! not what "a year earlier" means. A period that has not begun at publication is a forecast
//! ("losses through the third quarter of next year"), not the period reported.

use isnad_core::Grain;
use jiff::civil::{Date, DateTime, Time};

use crate::time::{Open, TimeValue, add_grain, truncate};
use crate::timex3::Reading;

/// An expression of the period reported, or of the same period some years before, as the words
/// say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct YearBefore {
    /// How many years before the period reported: 1 for "a year earlier", 0 for the period
    /// itself ("the latest period", "the quarter").
    pub years: i16,
    /// The grain its TIMEX3 is read at while no period is known.
    pub grain: Grain,
    /// Whether it names a quarter ("the year-ago quarter"): a year reported does not resolve it.
    pub quarters: bool,
    /// The quarter it names ("the year-earlier third quarter").
    pub quarter: Option<i8>,
}

/// The last period (a quarter or a year) a document named, as its expressions are read in order.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Reported {
    last: Option<TimeValue>,
    /// The last date named, a day to a year ("that year" is its year: `grammar/anaphor.rs`).
    named: Option<TimeValue>,
    /// The day of publication, when known.
    published: Option<Date>,
}

impl Reported {
    /// Nothing reported yet, in a document published on `published`.
    pub(crate) fn new(published: Option<Date>) -> Reported {
        Reported { last: None, named: None, published }
    }

    /// `t` as the document reads it at this point: a period a year before the one reported
    /// moves there; a quarter or a year on the calendar becomes the period reported; "that
    /// year", "the following year" move to the date named last (`None`: "that year" with no
    /// date named before, which says no date).
    pub(crate) fn read(&mut self, t: TimeValue) -> Option<TimeValue> {
        if let Reading::Named { steps } = t.reading {
            let g = t.grain;
            return match self.named.filter(|n| n.grain <= g) {
                Some(n) => {
                    let start = add_grain(truncate(n.start, g), g, i64::from(steps));
                    Some(TimeValue::point(start, g))
                }
                None if steps == 0 => None,
                None => Some(t.read_as(Reading::Calendar)),
            };
        }
        if let Reading::NamedDayPart { steps, code } = t.reading {
            // the same hours on the day named (the value holds them on the day of publication)
            let on = |day: DateTime| {
                let by = (day.date() - t.start.date()).get_days();
                let shift = |x: DateTime| add_grain(x, Grain::Day, i64::from(by));
                TimeValue { start: shift(t.start), end: t.end.map(shift), ..t }
                    .read_as(Reading::DayPart(code))
            };
            return match self.named.filter(|n| n.grain <= Grain::Day) {
                Some(n) => {
                    Some(on(add_grain(truncate(n.start, Grain::Day), Grain::Day, steps.into())))
                }
                None if steps == 0 => None,
                None => Some(t.read_as(Reading::DayPart(code))),
            };
        }
        if let Reading::NamedWeekend { steps } = t.reading {
            return match self.named.filter(|n| n.grain <= Grain::Week) {
                Some(n) => Some(weekend_of(n.start, steps)),
                None if steps == 0 => None,
                None => Some(t.read_as(Reading::Weekend)),
            };
        }
        if t.end.is_none()
            && t.open == Open::No
            && (Grain::Day..=Grain::Year).contains(&t.grain)
            && matches!(t.reading, Reading::Calendar | Reading::AtGrain(_) | Reading::DayPart(_))
        {
            self.named = Some(t);
        }
        Some(self.period(t))
    }

    /// `t` against the period reported (see [`Reported::read`]).
    fn period(&mut self, t: TimeValue) -> TimeValue {
        if let Reading::YearBefore(y) = t.reading {
            if let Some(moved) = self.year_before(y) {
                return moved;
            }
            if y.years > 0 {
                return t;
            }
            // "the quarter" before any is named: the last that has ended, now the one reported
            let t = t.read_as(Reading::Calendar);
            self.last = Some(t);
            return t;
        }
        if t.end.is_none()
            && t.open == Open::No
            && t.reading == Reading::Calendar
            // (a period still ahead is a forecast, never the one reported)
            && self.published.is_none_or(|p| t.start.date() <= p)
            && (t.grain == Grain::Quarter
                || t.grain == Grain::Year && self.recent_year(t.start.year()))
        {
            self.last = Some(t);
        }
        t
    }

    /// Whether a report published on its date can be about the year `y` (see the module's doc).
    fn recent_year(&self, y: i16) -> bool {
        self.published.is_none_or(|p| y == p.year() || y == p.year() - 1 && p.month() <= 3)
    }

    /// The period a year before the one reported, as `y` names it; `None` without one.
    fn year_before(&self, y: YearBefore) -> Option<TimeValue> {
        let p = self.last?;
        // "the quarter" itself is one whose results are out: not one under way
        if y.years == 0 && self.published.is_some_and(|d| add_grain(p.start, p.grain, 1).date() > d)
        {
            return None;
        }
        let start = add_grain(p.start, Grain::Year, -i64::from(y.years));
        match (y.quarter, p.grain) {
            (Some(q), _) => {
                let d = Date::new(start.year(), 3 * (q - 1) + 1, 1).ok()?;
                Some(TimeValue::point(d.to_datetime(Time::midnight()), Grain::Quarter))
            }
            (None, Grain::Quarter) => Some(TimeValue::point(start, Grain::Quarter)),
            (None, Grain::Year) if !y.quarters => Some(TimeValue::point(start, Grain::Year)),
            _ => None,
        }
    }
}

/// Friday 18:00 to Monday 00:00 of the week `steps` weeks after the week of `day` (as the
/// grammar reads "this weekend" against the publication).
fn weekend_of(day: DateTime, steps: i8) -> TimeValue {
    let monday = add_grain(truncate(day, Grain::Week), Grain::Week, i64::from(steps));
    let fri = add_grain(monday, Grain::Day, 4);
    let start = fri.with().hour(18).build().unwrap_or(fri);
    let end = add_grain(monday, Grain::Week, 1);
    TimeValue::interval(start, end, Grain::Hour).read_as(Reading::Weekend)
}
