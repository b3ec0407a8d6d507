//! Minutes around an hour: "وربع", "إلا ثلث", "20 past 3", "a quarter to noon".

use super::ClockCue;
use crate::grammar::*;
use crate::vocab::{Connective, DayPart, Sense, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// Arabic minutes after an hour: "و 18 دقيقة", "وثمانية عشر دقيقة", "وربع", "ونصف", "وثلث",
    /// "الا ربع", "إلا ثلث", "وخمس واربعون دقيقة". Returns minutes to add (negative for إلا).
    pub(in crate::grammar) fn ar_minutes(&self, j: usize) -> Option<Match<i32>> {
        let minus = self.connective(j, Connective::Except);
        let conj = self.tok(j).is_some_and(|t| t.conj) || self.connective(j, Connective::And);
        if !minus && !conj {
            return None;
        }
        let k = if self.connective(j, Connective::And) || minus { j + 1 } else { j };
        // fraction
        if let Some(f) =
            self.senses(k).iter().find_map(|s| if let Sense::Frac(f) = s { Some(*f) } else { None })
        {
            let mut e = k + 1;
            if self.tok_text(e).is_some_and(|w| w == "ا") {
                e += 1;
            }
            return Some(Match { end: e, value: if minus { -i32::from(f) } else { i32::from(f) } });
        }
        let Match { end: mut e, value: v } = self.number(k)?;
        if v >= 60 {
            return None;
        }
        if self.is_unit(e, Unit::Minute) {
            e += 1;
        } else if self.num(k).is_none() && v < 10 {
            // "الثالثة وخمسة" without دقيقة is rare and ambiguous
            return None;
        }
        Some(Match { end: e, value: if minus { -(v as i32) } else { v as i32 } })
    }

    /// English "a quarter past 3pm", "20 past 3pm", "15 minutes past noon", "a quarter to noon",
    /// "20 minutes to 2pm", "half past three pm", "half three", "twenty after 3pm",
    /// "15 minutes from 1pm".
    pub(in crate::grammar) fn minutes_rel(&self, k: usize) -> Option<Match<Spec>> {
        let mut j = k;
        let mins: u32;
        if self.tok_text(j) == Some("half") {
            mins = 30;
            j += 1;
        } else {
            let kk = if self
                .senses(j)
                .iter()
                .any(|s| matches!(s, Sense::Num { value: 1, weak: true }))
            {
                j + 1
            } else {
                j
            };
            if let Some(f) = self
                .senses(kk)
                .iter()
                .find_map(|s| if let Sense::Frac(f) = s { Some(*f) } else { None })
            {
                mins = u32::from(f);
                j = kk + 1;
            } else {
                let Match { end: j2, value: v } = self.number(j)?;
                if v >= 60 {
                    return None;
                }
                mins = v;
                j = j2;
                if self.is_unit(j, Unit::Minute) {
                    j += 1;
                }
            }
        }
        let plain = !self.is_unit(j.wrapping_sub(1), Unit::Minute)
            && self.tok_text(k) != Some("half")
            && !self.has(j.wrapping_sub(1), features::FRAC);
        let past = self.connective(j, Connective::Past)
            || self.connective(j, Connective::After)
            || self.connective(j, Connective::Hence)
            || (!plain && self.connective(j, Connective::From));
        let to = self.connective(j, Connective::Except) || self.connective(j, Connective::Before);
        let half_three = mins == 30 && self.tok_text(k) == Some("half") && !past && !to;
        let h_at = if half_three {
            j
        } else if past || to {
            j + 1
        } else {
            return None;
        };
        let (h_end, hs) = if let Some(dp) = self.daypart(h_at) {
            if dp == DayPart::Noon {
                (h_at + 1, Spec { hour: Some(12), h24: true, ..Spec::default() })
            } else if dp == DayPart::Midnight {
                (h_at + 1, Spec { hour: Some(24), h24: true, ..Spec::default() })
            } else {
                return None;
            }
        } else {
            let Match { end: e, value: s } = self.hour_minute(h_at, ClockCue::Certain)?;
            if s.minute.is_some() && s.minute != Some(0) {
                return None;
            }
            let (e2, s2) = self.clock_suffix(e, s);
            (e2, s2)
        };
        if plain && to && !(hs.pm.is_some() || hs.h24) {
            return None;
        }
        if plain
            && past
            && !(hs.pm.is_some() || hs.h24 || self.connective(k.wrapping_sub(1), Connective::At))
        {
            return None;
        }
        let mut s = hs;
        let h = i32::from(s.hour?);
        let total = if to { h * 60 - mins as i32 } else { h * 60 + mins as i32 };
        s.hour = Some(total.div_euclid(60) as u8);
        s.minute = Some(total.rem_euclid(60) as u8);
        Some(Match { end: h_end, value: s })
    }
}
