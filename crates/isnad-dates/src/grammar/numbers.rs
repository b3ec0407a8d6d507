//! Numbers: cardinals in digits and words, ordinals, days of the month, years.

use super::*;
use crate::vocab::{Connective, Era, Sense, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// A cardinal number in digits or words ("3", "three", "twenty-three", "ثلاثة عشر", "خمس وأربعون").
    pub(super) fn number(&self, i: usize) -> Option<Match<u32>> {
        if let Some((v, _)) = self.num(i) {
            return Some(Match { end: i + 1, value: v });
        }
        let Match { end: mut j, value: mut v } = self.num_word(i)?;
        if self.is_arabic() {
            // teens: ثلاثة عشر; compound tens: ثلاث وعشرون
            if self.has(j, features::TEEN) && v < 10 {
                return Some(Match { end: j + 1, value: v + 10 });
            }
            if v < 10
                && self.tok(j).is_some_and(|t| t.conj)
                && let Some(Match { end: k, value: tens }) = self.num_word(j)
                && tens >= 20
                && tens % 10 == 0
            {
                return Some(Match { end: k, value: v + tens });
            }
            if self.has(i, features::TEEN) && !self.tok(i).is_some_and(|t| t.conj) {
                return Some(Match { end: i + 1, value: 10 });
            }
        } else if v >= 20 && v % 10 == 0 {
            let k = if self.punct(j, '-') { j + 1 } else { j };
            if let Some(Match { end: k2, value: u }) = self.num_word(k)
                && u < 10
            {
                j = k2;
                v += u;
            }
        }
        Some(Match { end: j, value: v })
    }

    pub(super) fn num_word(&self, i: usize) -> Option<Match<u32>> {
        let t = self.tok(i)?;
        for s in t.senses() {
            match s {
                Sense::Num { value, .. } => return Some(Match { end: i + 1, value: *value }),
                Sense::Teen if self.is_arabic() => return Some(Match { end: i + 1, value: 10 }),
                _ => {}
            }
        }
        None
    }

    /// An ordinal ("3rd", "third", "twenty first", "الثالث", "الثالث عشر", "الثالث والعشرون").
    pub(super) fn ordinal(&self, i: usize) -> Option<Match<u32>> {
        if let Some((v, _)) = self.num(i) {
            if self.glued(i) && self.has(i + 1, features::ORD_SUFFIX) {
                return Some(Match { end: i + 2, value: v });
            }
            return None;
        }
        let t = self.tok(i)?;
        // (the senses are looked through only for a word that has an ordinal one: this is
        // asked at most tokens a parse tries)
        let base = if t.features & features::ORD != 0 {
            t.senses().iter().find_map(|s| if let Sense::Ord(v) = s { Some(*v) } else { None })
        } else {
            None
        };
        if self.is_arabic() {
            if let Some(v) = base {
                if v < 10 && self.has(i + 1, features::TEEN) {
                    return Some(Match { end: i + 2, value: v + 10 });
                }
                if v < 10
                    && self.tok(i + 1).is_some_and(|t| t.conj)
                    && let Some(Match { end: k, value: tens }) = self.num_word(i + 1)
                    && tens >= 20
                    && tens % 10 == 0
                {
                    return Some(Match { end: k, value: v + tens });
                }
                return Some(Match { end: i + 1, value: v });
            }
            // العشرون / العاشر: a tens word with the article is an ordinal
            if t.al
                && let Some(Match { end: j, value: v }) = self.num_word(i)
                && v >= 20
                && v % 10 == 0
            {
                return Some(Match { end: j, value: v });
            }
            return None;
        }
        if let Some(v) = base {
            return Some(Match { end: i + 1, value: v });
        }
        // twenty first, twenty-first
        let Match { end: j, value: tens } = self.num_word(i)?;
        if tens >= 20 && tens % 10 == 0 {
            let k = if self.punct(j, '-') { j + 1 } else { j };
            let u = self
                .senses(k)
                .iter()
                .find_map(|s| if let Sense::Ord(v) = s { Some(*v) } else { None })?;
            if u < 10 {
                return Some(Match { end: k + 1, value: tens + u });
            }
        }
        None
    }

    /// A day of the month: digits (optionally ordinal) or an ordinal word; English also takes
    /// small number words after a month ("march third" is ordinal; "march 3").
    pub(super) fn day_num(&self, i: usize) -> Option<Match<u8>> {
        let i = if self.is_arabic() && self.connective(i, Connective::Filler) { i + 1 } else { i };
        if let Some(Match { end: j, value: v }) = self.ordinal(i) {
            if (1..=31).contains(&v) {
                return Some(Match { end: j, value: v as u8 });
            }
            return None;
        }
        let (v, d) = self.num(i)?;
        if (1..=31).contains(&v) && d <= 2 {
            return Some(Match { end: i + 1, value: v as u8 });
        }
        None
    }

    /// A year: four digits, or a number with an era, or عام/سنة + number.
    pub(super) fn year(&self, i: usize) -> Option<Match<(i32, Option<Era>)>> {
        // "the 1990s", "mid-1990s": a decade, which isnad does not resolve (better none than 1990)
        if self.num(i).is_some() && self.glued(i) && self.tok_text(i + 1) == Some("s") {
            return None;
        }
        let (mut j, mut y, explicit) = if self.is_unit(i, Unit::Year) && !self.is_dual(i) {
            // "the year two thousand": the year in words first, else a number ("year 5")
            let Match { end: j, value: y } = self.year_words(i + 1).or_else(|| {
                self.number(i + 1).map(|m| Match { end: m.end, value: m.value as i32 })
            })?;
            (j, y, true)
        } else if let Some((v, d)) = self.num(i) {
            if d != 4 && !(self.has(i + 1, features::ERA)) {
                return None;
            }
            (i + 1, v as i32, false)
        } else {
            let Match { end: j, value: y } = self.year_words(i)?;
            (j, y, false)
        };
        let mut era = None;
        if let Some(e) =
            self.senses(j).iter().find_map(|s| if let Sense::Era(e) = s { Some(*e) } else { None })
        {
            era = Some(e);
            j += 1;
        }
        if !explicit && era.is_none() && !(1000..=2999).contains(&y) {
            return None;
        }
        if era == Some(Era::Bc) {
            y = -y;
        }
        Some(Match { end: j, value: (y, era) })
    }

    /// A year in words: "two thousand (and) N", and as years are spoken, hundreds then the rest
    /// ("nineteen ninety-six", "twenty fifteen": both parts words, the rest 10 to 99, so "twenty
    /// five" stays a count).
    pub(super) fn year_words(&self, i: usize) -> Option<Match<i32>> {
        let Match { end: j, value: v } = self.num_word(i)?;
        if !self.is_arabic()
            && (v == 19 || v == 20)
            && self.num(j).is_none()
            && let Some(Match { end: k, value: r }) = self.number(j)
            && (10..100).contains(&r)
        {
            return Some(Match { end: k, value: (v * 100 + r) as i32 });
        }
        let t = self.tok(j)?;
        if self.text.get(t.start..t.end)? != "thousand" {
            return None;
        }
        let mut k = j + 1;
        if self.connective(k, Connective::And) {
            k += 1;
        }
        match self.number(k) {
            Some(Match { end: k2, value: r }) if r < 100 => {
                Some(Match { end: k2, value: (v * 1000 + r) as i32 })
            }
            _ => Some(Match { end: k, value: (v * 1000) as i32 }),
        }
    }
}

pub(super) fn two_digit_year(v: u32) -> i32 {
    // Two-digit years: 00-49 -> 2000s, 50-99 -> 1900s.
    if v < 50 { 2000 + v as i32 } else { 1900 + v as i32 }
}
