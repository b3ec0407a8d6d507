//! Clock times: "3pm", "15:30", "الساعة 3 عصرا", "a quarter past 3", with zones.

use crate::grammar::*;

mod hour_minute;
mod minutes;
use crate::time::TimeValue;
use crate::vocab::{Connective, DayPart, Relative, Sense, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// A clock time with its hedges and day parts: "3pm", "15:30", "الساعة 3 عصرا",
    /// "الثالثة وربع بعد الظهر", "a quarter past 3pm", "half three", "at noon", "الساعة 12 الا ربع".
    pub(in crate::grammar) fn clock(&self, i: usize) -> R<Spec> {
        self.clock_m(i, false, false)
    }

    /// [`Self::clock`], where `marked` says that the context already makes a number a time
    /// (after "at" or a day part: "Saturday morning at 9", "tonight 815").
    /// `sure` says the context already makes it a time whatever the number looks like (a day part
    /// before it: "in the evening at eight").
    pub(in crate::grammar) fn clock_m(&self, i: usize, marked: bool, sure: bool) -> R<Spec> {
        if fast_paths() && !self.is_arabic() && !self.clock_may_start(i) {
            return None;
        }
        let mut k = i;
        let mut marked = marked; // الساعة / at / @
        while self.connective(k, Connective::At)
            || self.punct(k, '@')
            || self.connective(k, Connective::Approx)
        {
            k += 1;
            marked = true;
        }
        if self.is_arabic() && self.unit(k) == Some((Unit::Hour, 1)) && self.tok(k)?.al {
            k += 1;
            marked = true;
        }
        // "a quarter past 3pm", "20 past 3", "15 minutes past noon", "a quarter to noon", "15 to noon"
        if !self.is_arabic()
            && let Some(r) = self.minutes_rel(k)
        {
            return Some(r);
        }
        // "noon", "midnight", "midday"
        if let Some(dp) = self.daypart(k)
            && matches!(dp, DayPart::Noon | DayPart::Midnight)
            && (!self.is_arabic() || matches!(dp, DayPart::Midnight))
        {
            let h = if dp == DayPart::Noon { 12 } else { 24 };
            let s = Spec { hour: Some(h), h24: true, ..Spec::default() };
            return Some((k + 1, s));
        }
        let (mut j, mut s) = self.hm_sure(k, marked, sure)?;
        // minutes and fractions after the hour: "و 18 دقيقة", "وربع", "الا ربع", "and a half"
        if self.is_arabic()
            && let Some((j2, add)) = self.ar_minutes(j)
        {
            if s.minute.is_none() {
                s.minute = Some(0);
            }
            let total = i32::from(s.hour?) * 60 + i32::from(s.minute?) + add;
            s.hour = Some((total.div_euclid(60)) as u8);
            s.minute = Some(total.rem_euclid(60) as u8);
            j = j2;
        }
        // "o'clock", "3ish pm"
        if self.has(j, features::HOUR) || self.is_ish(j) {
            j += 1;
        }
        // am/pm, day parts, time zones
        let (j2, s2) = self.clock_suffix(j, s);
        j = j2;
        s = s2;
        Some((j, s))
    }

    /// A clock time follows (after "at", "@" or directly).
    pub(in crate::grammar) fn clock_after(&self, j: usize) -> bool {
        let (k, at) = self.skip_joiners(j);
        self.clock_m(k, at, false).is_some()
    }

    /// am/pm and day-part words after a time: "3pm", "3 in the afternoon", "الساعة 3 عصرا",
    /// "8 tonight", "9 tomorrow morning", "بتوقيت GMT".
    pub(in crate::grammar) fn clock_suffix(&self, j: usize, s: Spec) -> (usize, Spec) {
        let (mut j, mut s) = self.clock_suffix0(j, s);
        // a time zone: "GMT", "(BST)", "بتوقيت GMT"
        let mut k = j;
        if self.connective(k, Connective::Tz) {
            k += 1;
        }
        let paren = self.punct(k, '(');
        if paren {
            k += 1;
        }
        if let Some(z) =
            self.senses(k).iter().find_map(|x| if let Sense::Tz(z) = x { Some(*z) } else { None })
        {
            k += 1;
            if paren && self.punct(k, ')') {
                k += 1;
            }
            s.tz = Some(z);
            j = k;
        }
        (j, s)
    }

    pub(in crate::grammar) fn clock_suffix0(&self, mut j: usize, mut s: Spec) -> (usize, Spec) {
        // Arabic datelines abbreviate صباحا/مساء as ص/م after a clock ("09:39 م")
        if self.is_arabic() && s.minute.is_some() && matches!(self.tok_text(j), Some("ص" | "م")) {
            s.pm = Some(self.tok_text(j) == Some("م"));
            return (j + 1, s);
        }
        if let Some(pm) = self
            .senses(j)
            .iter()
            .find_map(|x| if let Sense::AmPm { pm } = x { Some(*pm) } else { None })
        {
            s.pm = Some(pm);
            j += 1;
        } else if !self.is_arabic()
            && self.connective(j, Connective::In)
            && self.daypart(j + 1).is_some()
        {
            s.daypart = self.daypart(j + 1);
            j += 2;
        } else if let Some(dp) = self.daypart(j) {
            if !matches!(dp, DayPart::Lunch) {
                s.daypart = Some(dp);
                if matches!(dp, DayPart::Tonight)
                    || self.is_arabic() && self.tok(j).is_some_and(|t| t.al) && dp == DayPart::Night
                {
                    s.base = Some(TimeValue::day(self.anchor.today()));
                }
                j += 1;
            }
        } else if self.is_arabic()
            && self.relative(j) == Some(Relative::This)
            && self.daypart(j + 1).is_some()
        {
            // "هذا الصباح", "هذه الليلة"
            s.daypart = self.daypart(j + 1);
            s.base = Some(TimeValue::day(self.anchor.today()));
            j += 2;
        } else if !self.is_arabic()
            && self.relative(j) == Some(Relative::This)
            && self.daypart(j + 1).is_some()
        {
            s.daypart = self.daypart(j + 1);
            s.base = Some(TimeValue::day(self.anchor.today()));
            j += 2;
        } else if self.tok_text(j) == Some("a") && self.glued(j.wrapping_sub(1)) {
            s.pm = Some(false);
            j += 1;
        } else if self.tok_text(j) == Some("p") && self.glued(j.wrapping_sub(1)) {
            s.pm = Some(true);
            j += 1;
            if self.punct(j, '.') {
                j += 1;
            }
        }
        (j, s)
    }
}
