//! Decades and centuries.
//!
//! **Reads**: "the 1990s", "1990s", "the '80s", "the nineties", "the early 1980s" (`START`),
//! "the mid-1990s" (`MID`), "the late '80s" (`END`), "the 20th century", "the nineteenth
//! century", "this century", "the last century", "التسعينيات", "تسعينيات القرن الماضي",
//! "الثمانينات", "القرن العشرين", "القرن الماضي", "القرن الحادي والعشرين". A decade is `199` in
//! TimeML, a century `19`; their calendar value is the stretch of years.
//!
//! **Not**: "in his 90s", "in her nineties" (an age: a two-digit or spelt-out decade needs "the"
//! or an apostrophe), "90s" of a score, "highs in the nineties", "temperatures climbed into the
//! upper 90s" (degrees: a two-digit or spelt-out decade up to five words after a word of
//! temperature), "centuries" alone (an amount of time: `duration.rs`).
//!
//! **Data**: `data/{ar,en}.tsv` sense `decade N` (التسعينيات, "nineties" = 9); `data/{ar,en}.tsv`
//! senses `years 100` (century, قرن), `part`, `ord`, `rel`.
//!
//! **Fixture**: `tests/corpus/ar/decade.txt`, `tests/corpus/en/decade.txt`.

use isnad_core::Grain;
use jiff::civil::{Date, Time};

use super::*;
use crate::classes::Class;
use crate::time::TimeValue;
use crate::timex3::{Mod, Reading};
use crate::vocab::{Part, Relative, Sense};

impl<'a, 'v> Parser<'a, 'v> {
    /// A decade or a century, with its part ("the early 1980s").
    pub(super) fn decade(&self, i: usize) -> Option<Match<Spec>> {
        let k = self.skip_filler(i);
        // "the early 1980s", "the mid-1990s"
        let (part, k) = match self.part(k) {
            Some(
                p @ (Part::Early | Part::Begin | Part::Mid | Part::Middle | Part::Late | Part::End),
            ) => {
                let k = if self.punct(k + 1, '-') { k + 2 } else { k + 1 };
                (Some(p), k)
            }
            _ => (None, k),
        };
        let filler = self.connective(i, Connective::Filler);
        let (end, first_year, years, reading) =
            self.decade_en(k, filler).or_else(|| self.decade_ar(k)).or_else(|| self.century(k))?;
        let (from, to) = match part {
            None => (0, years),
            Some(Part::Early | Part::Begin) => (0, years * 3 / 10),
            Some(Part::Mid | Part::Middle) => (years * 3 / 10, years * 7 / 10),
            _ => (years * 7 / 10, years),
        };
        let year = |y: i32| {
            Some(Date::new(i16::try_from(y).ok()?, 1, 1).ok()?.to_datetime(Time::midnight()))
        };
        let mut t =
            TimeValue::interval(year(first_year + from)?, year(first_year + to)?, Grain::Year)
                .read_as(reading);
        t.modifier = part.map(|p| match p {
            Part::Early | Part::Begin => Mod::Start,
            Part::Mid | Part::Middle => Mod::Mid,
            _ => Mod::End,
        });
        // (the TIMEX3 value is read off the start: the decade or century whatever part of it)
        Some(Match { end, value: Spec { base: Some(t), absolute: true, ..Spec::default() } })
    }

    /// "1990s", "'80s", "the 90s", "the nineties": the end, the first year, ten and the decade
    /// reading.
    fn decade_en(&self, k: usize, filler: bool) -> Option<(usize, i32, i32, Reading)> {
        if self.is_arabic() {
            return None;
        }
        // "'80s", "the 90s", "the nineties": the century of the reference when not ahead of it
        let in_century = |tens: i32| {
            let this_year = i32::from(self.anchor.today().year());
            let y = this_year / 100 * 100 + tens;
            if y > this_year { y - 100 } else { y }
        };
        // "highs in the nineties": degrees, not years
        let degrees = || {
            (k.saturating_sub(5)..k)
                .any(|j| self.tok_text(j).is_some_and(|w| self.classes.has(w, Class::Temperature)))
        };
        // "the nineties" (a decade word alone is an age: "in her nineties")
        if let Some(tens) = self.senses(k).iter().find_map(|s| match s {
            Sense::Decade(n) => Some(i32::from(*n)),
            _ => None,
        }) {
            return (filler && !degrees())
                .then(|| (k + 1, in_century(tens * 10), 10, Reading::Decade));
        }
        let apostrophe = self.punct(k, '\'') || self.punct(k, '’');
        let at = if apostrophe { k + 1 } else { k };
        let (v, digits) = self.num(at)?;
        if !(self.glued(at) && self.tok_text(at + 1) == Some("s")) || v % 10 != 0 {
            return None;
        }
        let first = match digits {
            4 if (1000..=2990).contains(&v) => v as i32,
            2 if (apostrophe || filler) && !degrees() => in_century(v as i32),
            _ => return None,
        };
        Some((at + 2, first, 10, Reading::Decade))
    }

    /// "التسعينيات", "تسعينيات القرن الماضي", "الثمانينات من القرن العشرين".
    fn decade_ar(&self, k: usize) -> Option<(usize, i32, i32, Reading)> {
        if !self.is_arabic() {
            return None;
        }
        let tens = self.senses(k).iter().find_map(|s| match s {
            Sense::Decade(n) => Some(i32::from(*n)),
            _ => None,
        })?;
        let mut end = k + 1;
        let this_year = i32::from(self.anchor.today().year());
        let mut century = this_year / 100 * 100;
        // "… القرن الماضي", "… من القرن العشرين"
        let c = if self.connective(end, Connective::From) { end + 1 } else { end };
        if let Some((c_end, first, _, _)) = self.century(c) {
            century = first;
            end = c_end;
        } else if century + tens * 10 > this_year {
            century -= 100;
        }
        Some((end, century + tens * 10, 10, Reading::Decade))
    }

    /// "the 20th century", "this century", "the last century", "القرن العشرين", "القرن
    /// الماضي": the end, the first year, a hundred and the century reading.
    fn century(&self, k: usize) -> Option<(usize, i32, i32, Reading)> {
        let this_century = i32::from(self.anchor.today().year()) / 100;
        let is_century = |j: usize| self.senses(j).contains(&Sense::Years(100));
        let k = self.skip_filler(k);
        // English "the 20th century", "this century"; Arabic "القرن العشرين", "القرن الماضي"
        let (n, end) = if self.is_arabic() {
            if !is_century(k) {
                return None;
            }
            if let Some(r) = self.relative(k + 1) {
                (this_century + 1 + relative_steps(r) as i32, k + 2)
            } else {
                let Match { end, value } = self.ordinal(k + 1)?;
                (value as i32, end)
            }
        } else if let Some(r) = self.relative(k) {
            if !is_century(k + 1) || r == Relative::Same {
                return None;
            }
            (this_century + 1 + relative_steps(r) as i32, k + 2)
        } else {
            let Match { end, value } = self.ordinal(k)?;
            if !is_century(end) {
                return None;
            }
            (value as i32, end + 1)
        };
        if !(1..=30).contains(&n) {
            return None;
        }
        Some((end, (n - 1) * 100, 100, Reading::Century))
    }
}
