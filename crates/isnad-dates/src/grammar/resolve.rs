//! Resolution: a [`Spec`] to a [`TimeValue`] against the reference and the bare-reference policy.

use isnad_core::Grain;
use jiff::civil::{Date, DateTime, Time};

use super::*;
use crate::time::{self, TimeValue, add_days, add_grain, truncate};
use crate::timex3::{DayPartCode, Reading};

impl<'a, 'v> Parser<'a, 'v> {
    pub(super) fn resolve(&self, s: &Spec) -> Option<TimeValue> {
        let date_t = self.resolve_date(s)?;
        if !s.has_time() {
            return date_t;
        }
        let a = self.anchor;
        // day parts without a clock: an interval of that day
        if s.hour.is_none() {
            let dp = s.daypart?;
            // (a Hijri day keeps its calendar: "صباح الأحد 1 شوال")
            let calendar = date_t.as_ref().map(|t| t.calendar);
            let day = match date_t {
                Some(t) => t.date(),
                None => self.anchor.today(),
            };
            let (h1, h2) = daypart_hours(dp);
            let st = day.to_datetime(Time::midnight());
            let mut part = TimeValue::interval(
                add_grain(st, Grain::Hour, h1),
                add_grain(st, Grain::Hour, h2),
                Grain::Hour,
            );
            if let Some(c) = calendar {
                part.calendar = c;
            }
            return Some(part.read_as(Reading::DayPart(daypart_code(dp))));
        }
        let mut h = i64::from(s.hour?);
        let mi = i64::from(s.minute.unwrap_or(0));
        let se = i64::from(s.second.unwrap_or(0));
        let grain = if s.second.is_some() {
            Grain::Second
        } else if s.minute.is_some() {
            Grain::Minute
        } else {
            Grain::Hour
        };
        let explicit = s.pm.is_some() || s.daypart.is_some() || s.h24 || h > 12 || h == 0;
        if let Some(pm) = s.pm {
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        } else if let Some(dp) = s.daypart
            && !s.h24
        {
            h = daypart_hour(dp, h);
        }
        let at = |d: Date| {
            let st = d.to_datetime(Time::midnight());
            st.checked_add(jiff::Span::new().hours(h).minutes(mi).seconds(se)).ok()
        };
        let t = match date_t {
            Some(dt) => at(dt.date())?,
            None => {
                let today = a.today();
                let named = if explicit { self.day_for_clock() } else { None };
                if let Some(day) = named {
                    // "on Thursday between 2pm and 5pm" (`named_day.rs`)
                    at(day)?
                } else if self.is_arabic() && explicit {
                    at(today)?
                } else {
                    // the next such time: compared at the hour, so "at 4:23" at 4:30 is now-ish
                    let now_h = truncate(a.now, Grain::Hour);
                    let mut cands: Vec<DateTime> = Vec::new();
                    for dd in [0, 1] {
                        let d = add_days(today, dd);
                        cands.push(at(d)?);
                        if !explicit {
                            cands.push(add_grain(at(d)?, Grain::Hour, 12));
                        }
                    }
                    cands.sort();
                    *cands.iter().find(|c| truncate(**c, Grain::Hour) >= now_h)?
                }
            }
        };
        let (t, grain) = match (s.tz, a.offset) {
            (Some(z), Some(off)) => {
                let shifted =
                    t.checked_add(jiff::Span::new().minutes(i64::from(off) - i64::from(z))).ok()?;
                (shifted, grain.min(Grain::Minute))
            }
            _ => (t, grain),
        };
        Some(TimeValue::point(t, grain))
    }

    pub(super) fn resolve_date(&self, s: &Spec) -> Option<Option<TimeValue>> {
        if let Some(b) = s.base {
            return Some(Some(b));
        }
        if !s.has_date() {
            return Some(None);
        }
        if let (Some(y), Some(m), Some(d)) = (s.year, s.month, s.day) {
            let date = Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()?;
            if s.weekday.is_some_and(|w| time::weekday_of(w) != date.weekday()) {
                return None;
            }
            return Some(Some(TimeValue::day(date)));
        }
        if let (Some(y), Some(m)) = (s.year, s.month) {
            let date = Date::new(i16::try_from(y).ok()?, m as i8, 1).ok()?;
            return Some(Some(TimeValue::point(date.to_datetime(Time::midnight()), Grain::Month)));
        }
        if let (Some(y), None, None) = (s.year, s.month, s.day) {
            let date = Date::new(i16::try_from(y).ok()?, 1, 1).ok()?;
            return Some(Some(TimeValue::point(date.to_datetime(Time::midnight()), Grain::Year)));
        }
        let a = self.anchor;
        // weekday with a partial date: the first match going forward (or back, with `past`)
        if let Some(wd) = s.weekday {
            let w = time::weekday_of(wd);
            match (s.month, s.day) {
                (Some(m), Some(d)) => {
                    let y0 = a.today().year();
                    let years: Vec<i16> = match self.policy() {
                        crate::Bare::Past => (0..28).map(|k| y0 - k).collect(),
                        _ => (0..28).map(|k| y0 + k).collect(),
                    };
                    for y in years {
                        if let Ok(date) = Date::new(y, m as i8, d as i8)
                            && date.weekday() == w
                        {
                            return Some(Some(TimeValue::day(date)));
                        }
                    }
                    return None;
                }
                (None, Some(d)) => {
                    let mut mon = truncate(a.now, Grain::Month).date();
                    for _ in 0..24 {
                        if let Ok(date) = Date::new(mon.year(), mon.month(), d as i8)
                            && date.weekday() == w
                            && (date >= a.today() || self.policy() == crate::Bare::Past)
                        {
                            return Some(Some(TimeValue::day(date)));
                        }
                        mon = if self.policy() == crate::Bare::Past {
                            mon.checked_sub(jiff::Span::new().months(1)).ok()?
                        } else {
                            mon.checked_add(jiff::Span::new().months(1)).ok()?
                        };
                    }
                    return None;
                }
                _ => {
                    return Some(Some(TimeValue::day(time::bare_weekday(&a, w, self.past()))));
                }
            }
        }
        match (s.month, s.day) {
            (Some(m), Some(d)) => {
                // a day of the current month stays in it ("الأول من شباط" written on 12 February)
                let y = if let Some(y) = self.year_for_day() {
                    // "in the summer of 2019 … from June 3" (`named_day.rs`)
                    y
                } else if m as i8 == a.today().month() && self.policy() == crate::Bare::Future {
                    a.today().year()
                } else {
                    time::pick_year(&a, self.past(), |yy| {
                        let date = Date::new(yy, m as i8, d as i8).ok()?;
                        let st = date.to_datetime(Time::midnight());
                        Some((st, add_grain(st, Grain::Day, 1)))
                    })?
                };
                let date = Date::new(y, m as i8, d as i8).ok()?;
                Some(Some(TimeValue::day(date)))
            }
            (Some(m), None) => {
                let y = time::pick_year(&a, self.past(), |yy| {
                    let st = Date::new(yy, m as i8, 1).ok()?.to_datetime(Time::midnight());
                    Some((st, add_grain(st, Grain::Month, 1)))
                })?;
                let date = Date::new(y, m as i8, 1).ok()?;
                Some(Some(TimeValue::point(date.to_datetime(Time::midnight()), Grain::Month)))
            }
            (None, Some(d)) => {
                // day of month alone: this month's, else the next (future) or previous (past)
                let cur = truncate(a.now, Grain::Month).date();
                let this = Date::new(cur.year(), cur.month(), d as i8).ok();
                let today = a.today();
                let date = match self.policy() {
                    crate::Bare::Past => match this {
                        Some(x) if x <= today => x,
                        _ => {
                            let p = cur.checked_sub(jiff::Span::new().months(1)).ok()?;
                            Date::new(p.year(), p.month(), d as i8).ok()?
                        }
                    },
                    _ => match this {
                        Some(x) if x >= today => x,
                        _ => {
                            let n = cur.checked_add(jiff::Span::new().months(1)).ok()?;
                            Date::new(n.year(), n.month(), d as i8).ok()?
                        }
                    },
                };
                Some(Some(TimeValue::day(date)))
            }
            _ => Some(None),
        }
    }
}

/// The TimeML code of a time of day.
fn daypart_code(dp: DayPart) -> DayPartCode {
    match dp {
        DayPart::Dawn | DayPart::Morning => DayPartCode::Morning,
        DayPart::Noon | DayPart::Lunch => DayPartCode::Midday,
        DayPart::Afternoon => DayPartCode::Afternoon,
        DayPart::Evening => DayPartCode::Evening,
        DayPart::Night | DayPart::Tonight | DayPart::Midnight => DayPartCode::Night,
    }
}
