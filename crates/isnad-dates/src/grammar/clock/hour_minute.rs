//! Hours and minutes: "15:30", "6.30pm", "3h18", "1030", "three twenty", "الثالثة".

use super::ClockCue;
use crate::classes::Class;
use crate::grammar::*;
use crate::tokenize::Kind;
use crate::vocab::{Connective, Relative, Sense, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// Hours and minutes: "3", "15:30", "15:23:24", "3h18", "15h", "1030" (with at/ish), and in
    /// words ("three twenty", "الثالثة"); how much a bare number needs around it to be a time
    /// depends on the `cue` before it.
    pub(in crate::grammar) fn hour_minute(&self, k: usize, cue: ClockCue) -> Option<Match<Spec>> {
        if let Some((h, digits)) = self.num(k) {
            return self.hour_minute_digits(k, h, digits, cue);
        }
        let Match { end, value: hour } =
            if self.is_arabic() { self.word_hour_ar(k, cue)? } else { self.word_hour_en(k)? };
        if !(1..=24).contains(&hour) {
            return None;
        }
        let s = Spec { hour: Some(hour as u8), ..Spec::default() };
        if self.is_arabic() {
            return Some(Match { end, value: s });
        }
        self.word_minutes_en(end, s, cue)
    }

    /// An hour in digits at `k` ("15:30", "3h18", "1030", "3"): `h` and its number of digits.
    fn hour_minute_digits(&self, k: usize, h: u32, dh: u8, cue: ClockCue) -> Option<Match<Spec>> {
        let mut s = Spec::default();
        // h:mm[:ss]
        if self.punct(k + 1, ':') && self.glued(k) {
            if let Some((m, 2)) = self.num(k + 2) {
                if h > 24 || m > 59 {
                    return None;
                }
                s.hour = Some(h as u8);
                s.minute = Some(m as u8);
                let mut j = k + 3;
                if self.punct(j, ':')
                    && let Some((sec, 2)) = self.num(j + 1)
                {
                    if sec > 59 {
                        return None;
                    }
                    s.second = Some(sec as u8);
                    j += 2;
                }
                return Some(Match { end: j, value: s });
            }
            return None;
        }
        // 3h18, 15h, 15h00
        if self.glued(k) && self.tok_text(k + 1) == Some("h") && h <= 24 {
            s.hour = Some(h as u8);
            s.h24 = true;
            if self.glued(k + 1)
                && let Some((m, 2)) = self.num(k + 2)
            {
                if m > 59 {
                    return None;
                }
                s.minute = Some(m as u8);
                return Some(Match { end: k + 3, value: s });
            }
            s.minute = Some(0);
            return Some(Match { end: k + 2, value: s });
        }
        // "6.30pm", "9.15 a.m.": a dot for the colon, as British papers write it; only before
        // am/pm ("6.30" alone is a decimal)
        if !self.is_arabic()
            && self.punct(k + 1, '.')
            && self.glued(k)
            && self.glued(k + 1)
            && let Some((m, 2)) = self.num(k + 2)
            && (1..=12).contains(&h)
            && m < 60
            && self.has(k + 3, features::AMPM)
        {
            s.hour = Some(h as u8);
            s.minute = Some(m as u8);
            return Some(Match { end: k + 3, value: s });
        }
        // 1030 / 730 with a marker or am/pm ("at 1030", "330 p.m.")
        let phone = (self.punct(k + 1, '.') || self.punct(k + 1, '-')) && self.num(k + 2).is_some();
        if phone && !(self.punct(k + 1, '-') && dh <= 2) {
            return None;
        }
        let then_word = self.tok(k + 1).is_some_and(|t| matches!(t.kind, Kind::Word))
            && !self.is_ish(k + 1)
            && !(self.glued(k) && matches!(self.tok_text(k + 1), Some("p" | "a" | "h")));
        if (dh == 3 || dh == 4) && h % 100 < 60 && h / 100 <= 24 {
            if then_word {
                return None;
            }
            let has_ampm = self.has(k + 1, features::AMPM);
            let ctx = cue.is_marked()
                || has_ampm
                || self.connective(k.wrapping_sub(1), Connective::Approx)
                || self.is_ish(k + 1);
            let daypart_after = self.daypart(k + 1).is_some()
                || self.connective(k + 1, Connective::In) && self.daypart(k + 2).is_some();
            if ctx || daypart_after {
                s.hour = Some((h / 100) as u8);
                s.minute = Some((h % 100) as u8);
                return Some(Match { end: k + 1, value: s });
            }
            return None;
        }
        if dh > 2 || h > 24 {
            return None;
        }
        s.hour = Some(h as u8);
        // "at 3 15": hour then minutes
        if !self.is_arabic()
            && cue.is_marked()
            && let Some((m, 2)) = self.num(k + 1)
            && m < 60
        {
            s.minute = Some(m as u8);
            return Some(Match { end: k + 2, value: s });
        }
        // a bare number is a time only with a marker or a suffix
        let suffix = self.senses(k + 1).iter().any(|x| {
            matches!(x, Sense::AmPm { .. } | Sense::Hour | Sense::DayPart { .. } | Sense::Tz(_))
        }) || (self.relative(k + 1) == Some(Relative::This)
            && self.daypart(k + 2).is_some())
            || (!self.is_arabic() && self.senses(k + 1).iter().any(|x| matches!(x, Sense::Day(_))))
            || (self.is_arabic()
                && self.tok(k + 1).is_some_and(|t| t.conj)
                && self.ar_minutes(k + 1).is_some())
            || self.is_ish(k + 1)
            || (!self.is_arabic()
                && self.connective(k + 1, Connective::In)
                && self.daypart(k + 2).is_some());
        if !suffix && (!cue.is_marked() || then_word) {
            return None;
        }
        Some(Match { end: k + 1, value: s })
    }

    /// An Arabic hour in words: "الثالثة" (the feminine ordinal with the article, followed by a
    /// time of day or minutes), or after الساعة any number ("الساعة ثلاث").
    fn word_hour_ar(&self, k: usize, cue: ClockCue) -> Option<Match<u32>> {
        let ordr = self
            .ordinal(k)
            .filter(|Match { end: _, value: v }| (1..=12).contains(v))
            .or_else(|| {
                // "الرابعة واربعون دقيقة": the tens belong to the minutes
                let v = self
                    .senses(k)
                    .iter()
                    .find_map(|s| if let Sense::Ord(v) = s { Some(*v) } else { None })?;
                (1..=12).contains(&v).then_some(Match { end: k + 1, value: v })
            });
        match ordr {
            Some(Match { end: j, value: v }) => {
                // a bare ordinal is an hour only in the feminine with the article (الثالثة)
                let t = self.tok(k)?;
                let fem = self.text.get(t.start..t.end).is_some_and(|w| w.ends_with('ه'));
                if !(cue.is_marked() || t.al && fem) {
                    return None;
                }
                // "الثالثة فجرا", "الثامنة هذه الليلة", "الثالثة وربع": a bare ordinal needs a
                // time of day or minutes after it ("المرحلة الثانية" is no time)
                let timed = self.daypart(j).is_some()
                    || self.relative(j) == Some(Relative::This) && self.daypart(j + 1).is_some()
                    || self.ar_minutes(j).is_some()
                    || self.connective(j, Connective::Tz);
                if !cue.is_marked() && !timed {
                    return None;
                }
                Some(Match { end: j, value: v })
            }
            None => {
                if !cue.is_marked() {
                    return None;
                }
                self.number(k)
            }
        }
    }

    /// An English hour in words ("three"); never the article "a".
    fn word_hour_en(&self, k: usize) -> Option<Match<u32>> {
        if self.senses(k).iter().any(|s| matches!(s, Sense::Num { weak: true, .. })) {
            return None;
        }
        self.number(k)
    }

    /// Minutes in words after an English word hour at `j` ("three twenty", "ten thirty",
    /// "twelve oh three", "four twenty-three"), and whether the whole is a time at all.
    fn word_minutes_en(&self, j: usize, mut s: Spec, cue: ClockCue) -> Option<Match<Spec>> {
        // English "three twenty", "ten thirty", "twelve oh three", "four twenty-three"
        let mut m = j;
        if self.punct(m, '-') {
            m += 1;
        }
        let t = self.tok_text(m);
        let mut end = j;
        if t.is_some_and(|w| self.classes.has(w, Class::ClockZero)) {
            let mut m2 = m + 1;
            if self.punct(m2, '-') {
                m2 += 1;
            }
            if let Some(Match { end: m3, value: mm }) = self.num_word(m2)
                && mm < 10
            {
                s.minute = Some(mm as u8);
                // "twelve oh three" is clock talk by itself
                return Some(Match { end: m3, value: s });
            }
        } else if let Some(Match { end: m2, value: mm }) = self.number(m)
            && (10..60).contains(&mm)
            && self.num(m).is_none()
        {
            s.minute = Some(mm as u8);
            end = m2;
        }
        let suffix = self
            .senses(end)
            .iter()
            .any(|x| matches!(x, Sense::AmPm { .. } | Sense::Hour | Sense::Tz(_)))
            || (self.connective(end, Connective::In) && self.daypart(end + 1).is_some())
            || self.daypart(end).is_some()
            || (self.relative(end) == Some(Relative::This) && self.daypart(end + 1).is_some())
            || self.senses(end).iter().any(|x| matches!(x, Sense::Day(_)));
        // "at one point", "at two schools": a word number after "at" is a time only with
        // minutes or an am/pm, o'clock or day-part word
        if !(suffix || cue == ClockCue::Certain || cue.is_marked() && s.minute.is_some()) {
            return None;
        }
        Some(Match { end, value: s })
    }
}
