//! Clock times, with their am/pm, day parts and time zones.
//!
//! **Reads**: "3pm", "at 3 pm", "3 p.m.", "15:30", "at three in the afternoon", "3 o'clock",
//! "half past 3pm", "a quarter to three in the afternoon", "at noon", "8:00 GMT", "الساعة 3
//! عصرا", "الساعة الثالثة عصرا", "الثالثة والنصف عصرا", "الساعة التاسعة والربع صباحا", "الساعة
//! التاسعة إلا ثلث مساء", "الساعة 9 و15 دقيقة", "09:39 م", "بتوقيت غرينتش".
//!
//! **Not**: bare numbers ("3 schools", "at two schools", "one point"), "المرحلة الثانية" (an
//! ordinal that is no hour), "3-4" without am/pm, scores and phone numbers.
//!
//! **Data**: `data/{ar,en}.tsv` senses `num`, `ord`, `ampm`, `hour` (o'clock), `daypart`,
//! `frac` (ربع، نصف، quarter), `tz`, `conn at|approx|except|past|and|tz`, `unit hour|minute`;
//! `data/en-classes.tsv` class `clock-zero` ("twelve oh three").
//!
//! **Fixture**: `tests/corpus/ar/clock.txt`, `tests/corpus/en/clock.txt`.

use crate::grammar::*;

mod hour_minute;
mod minutes;

/// How sure the words before a number already are that it is a clock time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ClockCue {
    /// Nothing before it: a bare number needs a suffix to be a time ("3pm", "3 o'clock").
    Bare,
    /// "at", "@", "الساعة" or a day part before it make a number a time ("Saturday morning at
    /// 9", "tonight 815").
    Marked,
    /// A day part before it makes it a time whatever it looks like ("in the evening at eight").
    Certain,
}

impl ClockCue {
    /// Marked or certain.
    pub(crate) fn is_marked(self) -> bool {
        self != ClockCue::Bare
    }
}
use crate::time::TimeValue;
use crate::vocab::{Connective, DayPart, Relative, Sense, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// A clock time with its hedges and day parts: "3pm", "15:30", "الساعة 3 عصرا",
    /// "الثالثة وربع بعد الظهر", "a quarter past 3pm", "half three", "at noon", "الساعة 12 الا ربع".
    pub(in crate::grammar) fn clock(&self, i: usize) -> Option<Match<Spec>> {
        self.clock_in(i, ClockCue::Bare)
    }

    /// [`Self::clock`] after words that already make a number a time (see [`ClockCue`]).
    pub(in crate::grammar) fn clock_in(&self, i: usize, cue: ClockCue) -> Option<Match<Spec>> {
        if fast_paths() && !self.is_arabic() && !self.clock_may_start(i) {
            return None;
        }
        let mut k = i;
        let mut cue = cue; // الساعة / at / @
        while self.connective(k, Connective::At)
            || self.punct(k, '@')
            || self.connective(k, Connective::Approx)
        {
            // ("about 13" is a number; "at about 1" a time)
            if !self.connective(k, Connective::Approx) {
                cue = cue.max(ClockCue::Marked);
            }
            k += 1;
        }
        if self.is_arabic() && self.unit(k) == Some((Unit::Hour, 1)) && self.tok(k)?.al {
            k += 1;
            cue = cue.max(ClockCue::Marked);
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
            return Some(Match { end: k + 1, value: s });
        }
        let Match { end: mut j, value: mut s } = self.hour_minute(k, cue)?;
        // minutes and fractions after the hour: "و 18 دقيقة", "وربع", "الا ربع", "and a half"
        if self.is_arabic()
            && let Some(Match { end: j2, value: add }) = self.ar_minutes(j)
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
        Some(Match { end: j, value: s })
    }

    /// A clock time follows (after "at", "@" or directly).
    pub(in crate::grammar) fn clock_after(&self, j: usize) -> bool {
        let (k, at) = self.skip_joiners(j);
        self.clock_in(k, if at { ClockCue::Marked } else { ClockCue::Bare }).is_some()
    }

    /// am/pm and day-part words after a time: "3pm", "3 in the afternoon", "الساعة 3 عصرا",
    /// "8 tonight", "9 tomorrow morning", "بتوقيت GMT".
    pub(in crate::grammar) fn clock_suffix(&self, j: usize, s: Spec) -> (usize, Spec) {
        let (mut j, mut s) = self.ampm_or_daypart(j, s);
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

    pub(in crate::grammar) fn ampm_or_daypart(&self, mut j: usize, mut s: Spec) -> (usize, Spec) {
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
