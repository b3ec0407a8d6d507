//! Deictic days: the day of writing and its neighbours.
//!
//! **Reads**: "now", "right now", "today", "yesterday", "tomorrow", "the day after tomorrow",
//! "اليوم", "الآن", "أمس", "بالأمس", "البارحة", "غدا", "يوم غد", "بعد غد", "أول أمس", "أمس الأول",
//! "اليوم الماضي", with a weekday and a date after them ("أمس الثلاثاء", "غدا الخميس 20 فبراير").
//!
//! **Not**: "اليوم الثالث من أكتوبر" (the n-th day: `nth.rs`), "the day" without a deictic word,
//! the dual "اليومين".
//!
//! **Data**: `data/{ar,en}.tsv` senses `day N` (أمس = -1), `now`, `unit day`, `rel`, `ord 1`
//! (أول), `conn after|before|from|filler`.
//!
//! **Fixture**: `tests/corpus/ar/deictic.txt`, `tests/corpus/en/deictic.txt`.

use isnad_core::Grain;

use super::*;
use crate::classes::Class;
use crate::time::{self, Open, TimeValue, add_days};
use crate::timex3::Reading;
use crate::vocab::{Connective, Relative, Sense, Unit, Vague, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// "now", "right now", "الآن", "حالا", "في هذه اللحظة".
    pub(super) fn now_expr(&self, i: usize) -> Option<Match<TimeValue>> {
        let strong =
            |k: usize| self.senses(k).iter().any(|s| matches!(s, Sense::Now { weak: false }));
        let any = |k: usize| self.has(k, features::NOW);
        let j = if strong(i) {
            i + 1
        } else if self.relative(i) == Some(Relative::This) && any(i + 1) {
            i + 2
        } else {
            return None;
        };
        let a = self.anchor;
        let now = TimeValue::point(a.now, a.cap(Grain::Second));
        Some(Match { end: j, value: now.read_as(Reading::Present) })
    }

    /// A side of now with no date (TimeML's `PAST_REF`, `FUTURE_REF`): "recently",
    /// "the past", "soon", "the future", "future quarters", "the near term", "مؤخرا", "في
    /// الآونة الأخيرة", "سابقا", "في المستقبل", "قريبا". Its calendar value is the open stretch
    /// before or after now.
    pub(super) fn vague(&self, i: usize) -> Option<Match<TimeValue>> {
        let past_word =
            |k: usize| self.relative(k) == Some(Relative::Last) && self.tok_text(k) == Some("past");
        let k = self.skip_filler(i);
        let (side, mut j) = match self.senses(k).iter().find_map(|s| match s {
            Sense::Vague(v) => Some(*v),
            _ => None,
        }) {
            // a relative word ("past") is a side of now only after the article: "in the past",
            // not "walked past the house" (nor "the past two weeks": a stretch, `offset.rs`)
            Some(_) if self.relative(k).is_some() && k == i => return None,
            Some(v) => (v, k + 1),
            None => return None,
        };
        if (self.num(j).is_some() || self.number(j).is_some() || self.unit(j).is_some())
            && side == Vague::Past
            && past_word(k)
        {
            return None;
        }
        // "future quarters", "recent years": the plural unit belongs to it; after a word that
        // counts only before one, the stretch looking back is an amount of unsaid length, as
        // TimeML reads it ("in recent years": `PXY`)
        if !self.is_arabic()
            && let Some((u, 0)) = self.unit(j)
        {
            if side == Vague::Past
                && self.tok_text(k).is_some_and(|w| self.classes.has(w, Class::BeforeUnit))
            {
                let unit = offset::duration_unit(u);
                let t = TimeValue::point(self.anchor.now, time::unit_grain(u))
                    .read_as(Reading::Duration { tenths: None, unit });
                return Some(Match { end: j + 1, value: t });
            }
            j += 1;
        } else if self.tok_text(k).is_some_and(|w| self.classes.has(w, Class::BeforeUnit)) {
            return None;
        }
        let a = self.anchor;
        let now = TimeValue::point(a.now, a.cap(Grain::Second));
        let value = match side {
            Vague::Past => {
                TimeValue { end: Some(now.start), open: Open::Before, ..now }.read_as(Reading::Past)
            }
            Vague::Future => TimeValue { open: Open::After, ..now }.read_as(Reading::Future),
        };
        Some(Match { end: j, value })
    }

    /// اليوم، أمس، غدا، أول أمس، بعد غد، today, yesterday, the day after tomorrow… with an optional
    /// weekday and date after them ("أمس الثلاثاء", "غدا الثلاثاء 17 أكتوبر الجاري").
    pub(super) fn deictic(&self, i: usize) -> Option<Match<Spec>> {
        let Match { end: j, value: off } = self.deictic_word(i)?;
        let a = self.anchor;
        let mut d = add_days(a.today(), off);
        let mut j = j;
        let k = if self.punct(j, ',') || self.punct(j, '،') { j + 1 } else { j };
        if let Some((wd, _, false)) = self.weekday(k) {
            // The weekday names the day itself: trust it over the anchor, near the deictic day.
            let off = time::weekday_offset(d, time::weekday_of(wd), 0);
            d = add_days(d, off);
            j = k + 1;
            // and a full date after it
            if let Some(Match { end: k2, value: s }) = self.calendar_date(j) {
                let mut s = s;
                s.weekday = None;
                return Some(Match { end: k2, value: s });
            }
        }
        Some(Match { end: j, value: Spec { base: Some(TimeValue::day(d)), ..Spec::default() } })
    }

    pub(super) fn deictic_word(&self, i: usize) -> Option<Match<i64>> {
        let t = self.tok(i)?;
        let day = |k: usize| {
            self.senses(k)
                .iter()
                .find_map(|s| if let Sense::Day(n) = s { Some(i64::from(*n)) } else { None })
        };
        // أول أمس / أول من أمس
        if self.senses(i).contains(&Sense::Ord(1)) {
            let k = if self.connective(i + 1, Connective::From) { i + 2 } else { i + 1 };
            if day(k) == Some(-1) {
                return Some(Match { end: k + 1, value: -2 });
            }
        }
        // (اليوم|يوم) (الذي|الي)? (بعد|قبل) (غد|امس|البارحه) ; بعد غد ; قبل امس
        {
            let mut k = i;
            if self.is_unit(k, Unit::Day) && !self.is_dual(k) {
                k += 1;
                if self.connective(k, Connective::Filler)
                    || self.connective(k, Connective::To) && self.is_arabic()
                {
                    k += 1;
                }
            }
            let after = self.connective(k, Connective::After);
            let before = self.connective(k, Connective::Before)
                || self.relative(k) == Some(Relative::Last) && self.is_arabic() && k > i;
            if (after || before)
                && let Some(n) = day(k + 1)
            {
                if after && n == 1 {
                    return Some(Match { end: k + 2, value: 2 });
                }
                if before && n == -1 {
                    return Some(Match { end: k + 2, value: -2 });
                }
            }
            // English: the day after tomorrow / the day before yesterday
            if !self.is_arabic()
                && self.is_unit(i, Unit::Day)
                && (after || before)
                && let Some(n) = day(k + 1)
            {
                return Some(Match { end: k + 2, value: n + if after { 1 } else { -1 } });
            }
        }
        if let Some(n) = day(i) {
            // "أمس الأول": the day before yesterday (Gulf usage)
            if self.is_arabic()
                && n == -1
                && self.tok(i + 1).is_some_and(|t| t.al)
                && self.senses(i + 1).contains(&Sense::Ord(1))
            {
                return Some(Match { end: i + 2, value: -2 });
            }
            return Some(Match { end: i + 1, value: n });
        }
        // "يوم غد", "يوم أمس"
        if self.is_arabic()
            && self.is_unit(i, Unit::Day)
            && !t.al
            && let Some(n) = day(i + 1)
        {
            return Some(Match { end: i + 2, value: n });
        }
        if self.is_arabic() && self.unit(i) == Some((Unit::Day, 1)) && t.al {
            // اليوم الماضي / السابق / المنصرم = yesterday (Duckling, and news usage of "the previous day")
            match self.relative(i + 1) {
                Some(Relative::Last) => return Some(Match { end: i + 2, value: -1 }),
                Some(Relative::Next) => return Some(Match { end: i + 2, value: 1 }),
                Some(Relative::This) => return Some(Match { end: i + 2, value: 0 }),
                _ => {}
            }
            // "اليوم" = today, unless it is "the Nth day of" (handled elsewhere)
            if self.ordinal(i + 1).is_none()
                && !self
                    .senses(i)
                    .iter()
                    .any(|s| matches!(s, Sense::Unit { unit: Unit::Day, count: 2 }))
            {
                return Some(Match { end: i + 1, value: 0 });
            }
        }
        // "هذا اليوم" / "this day"
        if self.relative(i) == Some(Relative::This)
            && self.is_unit(i + 1, Unit::Day)
            && self.unit(i + 1).is_some_and(|(_, n)| n == 1)
        {
            return Some(Match { end: i + 2, value: 0 });
        }
        None
    }
}
