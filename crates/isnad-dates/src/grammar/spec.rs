//! A partly specified time, before resolution, and how two parts combine.

use super::*;

/// A partially specified time, before resolution.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Spec {
    pub(super) year: Option<i32>,
    pub(super) month: Option<u8>,
    pub(super) day: Option<u8>,
    pub(super) weekday: Option<u8>,
    pub(super) hijri: bool,
    pub(super) hour: Option<u8>,
    pub(super) minute: Option<u8>,
    pub(super) second: Option<u8>,
    pub(super) pm: Option<bool>,
    pub(super) daypart: Option<DayPart>,
    /// An already resolved value (relative days, weeks, holidays, offsets…).
    pub(super) base: Option<TimeValue>,
    /// True when the value is a calendar date written in full (no anchor needed).
    pub(super) absolute: bool,
    /// The hour is already on the 24-hour clock ("15h", "noon", "midnight").
    pub(super) h24: bool,
    /// A time zone written after the time, as minutes east of UTC ("GMT", "بتوقيت غرينتش").
    pub(super) tz: Option<i16>,
}

/// Adds to `cur` what `s` knows and `cur` does not.
pub(super) fn merge(cur: &mut Spec, s: &Spec) {
    if s.base.is_some()
        && cur.base.is_none()
        && cur.year.is_none()
        && cur.month.is_none()
        && cur.day.is_none()
        && cur.weekday.is_none()
    {
        cur.base = s.base;
    }
    if cur.base.is_none() && s.base.is_none() {
        cur.year = cur.year.or(s.year);
        cur.month = cur.month.or(s.month);
        cur.day = cur.day.or(s.day);
        cur.weekday = cur.weekday.or(s.weekday);
        cur.hijri |= s.hijri;
    }
    // a relative day after an explicit-field clock ("9 tomorrow"): the day wins
    if cur.base.is_none() && s.base.is_some() && s.has_date() && !cur.has_date_fields() {
        cur.base = s.base;
    }
    cur.hour = cur.hour.or(s.hour);
    cur.minute = cur.minute.or(s.minute);
    cur.second = cur.second.or(s.second);
    cur.pm = cur.pm.or(s.pm);
    cur.daypart = cur.daypart.or(s.daypart);
    cur.absolute |= s.absolute;
    cur.h24 |= s.h24;
    cur.tz = cur.tz.or(s.tz);
}

impl Spec {
    /// A month or a day of a month without its year or weekday ("December", "Dec. 31"): its
    /// year comes from the reference.
    pub(super) fn month_of_no_year(&self) -> bool {
        self.month.is_some()
            && self.year.is_none()
            && self.weekday.is_none()
            && self.base.is_none()
            && !self.absolute
            && !self.hijri
    }

    pub(super) fn has_date(&self) -> bool {
        self.year.is_some()
            || self.month.is_some()
            || self.day.is_some()
            || self.weekday.is_some()
            || self.base.is_some()
    }
    pub(super) fn has_date_fields(&self) -> bool {
        self.year.is_some() || self.month.is_some() || self.day.is_some() || self.weekday.is_some()
    }
    pub(super) fn has_time(&self) -> bool {
        self.hour.is_some() || self.daypart.is_some()
    }
    /// Fills fields missing here from `o`.
    pub(super) fn fill(&mut self, o: &Spec) {
        if self.base.is_none()
            && self.day.is_none()
            && self.month.is_none()
            && self.weekday.is_none()
            && self.base.is_none()
        {
            self.base = o.base;
        }
        if self.base.is_none() {
            if self.month.is_none() && self.day.is_some() {
                self.month = o.month;
                self.hijri |= o.hijri;
            }
            if self.year.is_none() && (self.month.is_some() || self.day.is_some()) {
                self.year = o.year;
            }
            if !self.has_date() && self.has_time() {
                self.year = o.year;
                self.month = o.month;
                self.day = o.day;
                self.weekday = o.weekday;
                self.base = o.base;
                self.hijri = o.hijri;
            }
        }
        if self.hour.is_some() && self.pm.is_none() && self.daypart.is_none() {
            self.pm = o.pm;
            self.daypart = o.daypart;
        }
        if self.hour.is_some() && self.tz.is_none() {
            self.tz = o.tz;
        }
    }
}
