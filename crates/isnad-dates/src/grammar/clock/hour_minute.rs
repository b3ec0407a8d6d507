//! Hours and minutes: "15:30", "3h18", "1030", "three twenty", "الثالثة".

use crate::grammar::*;
use crate::tokenize::Kind;
use crate::vocab::{Connective, Relative, Sense, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// Hours and minutes: "3", "15:30", "15:23:24", "3h18", "15h", "1030" (with at/ish), words.
    pub(in crate::grammar) fn hm(&self, k: usize, marked: bool) -> R<Spec> {
        self.hm_sure(k, marked, false)
    }

    pub(in crate::grammar) fn hm_sure(&self, k: usize, marked: bool, sure: bool) -> R<Spec> {
        let mut s = Spec::default();
        if let Some((h, dh)) = self.num(k) {
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
                    return Some((j, s));
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
                    return Some((k + 3, s));
                }
                s.minute = Some(0);
                return Some((k + 2, s));
            }
            // 1030 / 730 with a marker or am/pm ("at 1030", "330 p.m.")
            let phone =
                (self.punct(k + 1, '.') || self.punct(k + 1, '-')) && self.num(k + 2).is_some();
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
                let ctx = marked
                    || has_ampm
                    || self.connective(k.wrapping_sub(1), Connective::Approx)
                    || self.is_ish(k + 1);
                let daypart_after = self.daypart(k + 1).is_some()
                    || self.connective(k + 1, Connective::In) && self.daypart(k + 2).is_some();
                if ctx || daypart_after {
                    s.hour = Some((h / 100) as u8);
                    s.minute = Some((h % 100) as u8);
                    return Some((k + 1, s));
                }
                return None;
            }
            if dh > 2 || h > 24 {
                return None;
            }
            s.hour = Some(h as u8);
            // "at 3 15": hour then minutes
            if !self.is_arabic()
                && marked
                && let Some((m, 2)) = self.num(k + 1)
                && m < 60
            {
                s.minute = Some(m as u8);
                return Some((k + 2, s));
            }
            // a bare number is a time only with a marker or a suffix
            let suffix = self.senses(k + 1).iter().any(|x| {
                matches!(x, Sense::AmPm { .. } | Sense::Hour | Sense::DayPart(_) | Sense::Tz(_))
            }) || (self.relative(k + 1) == Some(Relative::This)
                && self.daypart(k + 2).is_some())
                || (!self.is_arabic()
                    && self.senses(k + 1).iter().any(|x| matches!(x, Sense::Day(_))))
                || (self.is_arabic()
                    && self.tok(k + 1).is_some_and(|t| t.conj)
                    && self.ar_minutes(k + 1).is_some())
                || self.is_ish(k + 1)
                || (!self.is_arabic()
                    && self.connective(k + 1, Connective::In)
                    && self.daypart(k + 2).is_some());
            if !suffix && (!marked || then_word) {
                return None;
            }
            return Some((k + 1, s));
        }
        // word hours: "three", "الثالثة", "ثلاثة", "twelve oh three"
        let (j, h) = if self.is_arabic() {
            let ordr = self.ordinal(k).filter(|(_, v)| (1..=12).contains(v)).or_else(|| {
                // "الرابعة واربعون دقيقة": the tens belong to the minutes
                let v = self
                    .senses(k)
                    .iter()
                    .find_map(|s| if let Sense::Ord(v) = s { Some(*v) } else { None })?;
                (1..=12).contains(&v).then_some((k + 1, v))
            });
            match ordr {
                Some((j, v)) => {
                    // a bare ordinal is an hour only in the feminine with the article (الثالثة)
                    let t = self.tok(k)?;
                    let fem = self.text.get(t.start..t.end).is_some_and(|w| w.ends_with('ه'));
                    if !(marked || t.al && fem) {
                        return None;
                    }
                    // "الثالثة فجرا", "الثامنة هذه الليلة", "الثالثة وربع": a bare ordinal needs a
                    // time of day or minutes after it ("المرحلة الثانية" is no time)
                    let timed = self.daypart(j).is_some()
                        || self.relative(j) == Some(Relative::This)
                            && self.daypart(j + 1).is_some()
                        || self.ar_minutes(j).is_some()
                        || self.connective(j, Connective::Tz);
                    if !marked && !timed {
                        return None;
                    }
                    (j, v)
                }
                None => {
                    if !marked {
                        return None;
                    }
                    let (j, v) = self.number(k)?;
                    (j, v)
                }
            }
        } else {
            if self.senses(k).iter().any(|s| matches!(s, Sense::Num { weak: true, .. })) {
                return None;
            }
            let (j, v) = self.number(k)?;
            (j, v)
        };
        if !(1..=24).contains(&h) {
            return None;
        }
        s.hour = Some(h as u8);
        // English "three twenty", "ten thirty", "twelve oh three", "four twenty-three"
        if !self.is_arabic() {
            let mut m = j;
            if self.punct(m, '-') {
                m += 1;
            }
            let t = self.tok_text(m);
            let mut end = j;
            if matches!(t, Some("oh" | "o" | "ou" | "zero")) {
                let mut m2 = m + 1;
                if self.punct(m2, '-') {
                    m2 += 1;
                }
                if let Some((m3, mm)) = self.num_word(m2)
                    && mm < 10
                {
                    s.minute = Some(mm as u8);
                    // "twelve oh three" is clock talk by itself
                    return Some((m3, s));
                }
            } else if let Some((m2, mm)) = self.number(m)
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
            if !(suffix || sure || marked && s.minute.is_some()) {
                return None;
            }
            return Some((end, s));
        }
        Some((j, s))
    }
}
