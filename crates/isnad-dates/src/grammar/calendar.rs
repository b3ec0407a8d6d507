//! Calendar dates: a day of a named month, with or without a year.
//!
//! **Reads**: "March 14", "14 March", "the 14th of March", "Mar. 14", "November 3, 2024",
//! "30-Jul-98", "on the 28th" (a day alone), "14 مارس", "14 آذار/مارس", "الرابع عشر من مارس",
//! "3 نوفمبر عام 2024", "12 فبراير الجاري", "30 يناير الماضي", "الـ 12 من نفس الشهر", "15 من
//! الشهر المقبل".
//!
//! **Not**: "October 2014" (a month: `month_year.rs`), "May" or "March" alone (words before
//! dates), "14th April 15:30" (the 15 is an hour), numbers with units ("the 3rd week").
//!
//! **Data**: `data/{ar,en}.tsv` senses `month N [weak]`, `ord`, `ordsuffix`, `num`, `era`,
//! `rel` (الجاري، الماضي), `unit month`, `conn of|from|in|filler`.
//!
//! **Fixture**: `tests/corpus/ar/calendar.txt`, `tests/corpus/en/calendar.txt`.

use isnad_core::Grain;

use super::*;
use crate::time::{add_grain, truncate};
use crate::tokenize::Kind;
use crate::vocab::{Connective, Era, Relative, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// "12 فبراير [2025] [م] [الجاري]", "15 of february", "the 1st of march", "march 3rd 2015",
    /// "الاول من شهر شباط", "Feb 18", "Jul 18, Fri".
    pub(super) fn calendar_date(&self, i: usize) -> Option<Match<Spec>> {
        let mut best = self.day_then_month(i);
        // month [the] day[th] — "march 3", "february the 15th", "يوليو 13" (Duckling AR)
        if let Some(Match { end: j, value: (m, _) }) = self.month(i) {
            let k = self.skip_filler(j);
            if let Some(Match { end: k2, value: d }) = self.day_num(k) {
                // not a year ("October 2014")
                if self.num(k).is_none_or(|(_, dg)| dg != 4) {
                    keep_longest(
                        &mut best,
                        Some(Match {
                            end: k2,
                            value: Spec { day: Some(d), month: Some(m), ..Spec::default() },
                        }),
                    );
                }
            }
        }
        let Match { end, value } = best?;
        self.date_year(end, value)
    }

    /// Day [of|من] [the] month: "12 فبراير", "15 of february", "31-Oct", "الـ 12 من نفس الشهر",
    /// "15 من الشهر الجاري", "the 3rd of next month". (`h24` marks a dash or slash between
    /// day and month, after which a year may follow the same way: "31-Oct-74".)
    fn day_then_month(&self, i: usize) -> Option<Match<Spec>> {
        let Match { end: j, value: d } = self.day_num(self.skip_filler(i))?;
        let mut k = j;
        if self.connective(k, Connective::Of)
            || self.connective(k, Connective::From)
            || self.connective(k, Connective::In)
        {
            k += 1;
        }
        k = self.skip_filler(k);
        let sep = self.punct(k, '-') || self.punct(k, '/');
        if sep {
            k += 1; // 31-Oct-74, 31/Oct/1974
        }
        if let Some(Match { end: k2, value: (m, _) }) = self.month(k) {
            return Some(Match {
                end: k2,
                value: Spec { day: Some(d), month: Some(m), h24: sep, ..Spec::default() },
            });
        }
        if self.is_arabic()
            && self.relative(k) == Some(Relative::Same)
            && self.is_unit(k + 1, Unit::Month)
        {
            // "الـ 12 من نفس الشهر": the month named before; without it, the anchor's
            return Some(Match { end: k + 2, value: Spec { day: Some(d), ..Spec::default() } });
        }
        // "الـ 12 من هذا الشهر", "15 من الشهر المقبل" (the connective was passed over)
        if self.is_arabic()
            && let Some(r) = self.relative(k)
            && self.is_unit(k + 1, Unit::Month)
        {
            return Some(Match { end: k + 2, value: self.day_of_relative_month(d, r) });
        }
        if self.is_unit(k, Unit::Month)
            && self.tok(k).is_some_and(|t| t.al)
            && let Some(r) = self.relative(k + 1)
        {
            return Some(Match { end: k + 2, value: self.day_of_relative_month(d, r) });
        }
        if !self.is_arabic()
            && k > j
            && let Some(r) = self.relative(k)
            && self.is_unit(k + 1, Unit::Month)
        {
            return Some(Match { end: k + 2, value: self.day_of_relative_month(d, r) });
        }
        None
    }

    /// Day `d` of the month `r` steps from this one ("the 3rd of next month").
    fn day_of_relative_month(&self, d: u8, r: Relative) -> Spec {
        let month =
            add_grain(truncate(self.anchor.now, Grain::Month), Grain::Month, relative_steps(r));
        Spec {
            day: Some(d),
            month: Some(month.month() as u8),
            year: Some(i32::from(month.year())),
            ..Spec::default()
        }
    }

    /// The year after a day and month at `j`: "[,] 2025", "of 2025", "عام 2025", "-74" after
    /// "31-Oct", a two-digit English year ("14th April 15"), then [`Self::date_tail`].
    fn date_year(&self, mut j: usize, mut s: Spec) -> Option<Match<Spec>> {
        let mut k = j;
        if self.punct(k, ',') || self.punct(k, '،') {
            k += 1;
        }
        if (self.connective(k, Connective::In)
            || self.connective(k, Connective::Of)
            || self.connective(k, Connective::From))
            && self.year(k + 1).is_some()
        {
            k += 1;
        }
        if s.h24
            && (self.punct(k, '-') || self.punct(k, '/'))
            && let Some((v, dg)) = self.num(k + 1)
            && (dg == 2 || dg == 4)
        {
            s.year = Some(if dg == 2 { two_digit_year(v) } else { v as i32 });
            s.h24 = false;
            s.absolute = true;
            j = k + 2;
            return self.date_tail(j, s);
        }
        s.h24 = false;
        if let Some(Match { end: k2, value: (y, era) }) = self.year(k) {
            s.year = Some(y);
            s.absolute = true;
            if era == Some(Era::Ah) {
                return None;
            }
            j = k2;
        } else if !self.is_arabic() && s.day.is_some() {
            // "14th April 15": a two-digit year after an English date
            if let Some((v, 2)) = self.num(k)
                && !self.punct(k + 1, ':')
                && !self.has(k + 1, features::AMPM | features::UNIT)
            {
                s.year = Some(two_digit_year(v));
                j = k + 1;
            }
        }
        self.date_tail(j, s)
    }

    /// After a date: الجاري/الماضي/المقبل on the month ("12 فبراير الجاري"), a trailing weekday
    /// ("Jul 18, Fri").
    pub(super) fn date_tail(&self, mut j: usize, mut s: Spec) -> Option<Match<Spec>> {
        if self.is_arabic()
            && s.year.is_none()
            && let Some(r) = self.relative(j)
            && let Some(m) = s.month
        {
            let a = self.anchor;
            let y = i32::from(a.today().year());
            let cur = a.today().month() as u8;
            s.year = Some(match r {
                Relative::This | Relative::Same => y,
                Relative::Last => {
                    if m <= cur {
                        y
                    } else {
                        y - 1
                    }
                }
                Relative::Next => {
                    if m >= cur {
                        y
                    } else {
                        y + 1
                    }
                }
            });
            j += 1;
        }
        if !self.is_arabic()
            && (self.punct(j, ','))
            && let Some((wd, _, false)) = self.weekday(j + 1)
        {
            s.weekday = Some(wd);
            j += 2;
        }
        Some(Match { end: j, value: s })
    }

    /// A day of the month alone, where English marks it as one: "on the 15th", "the 1st",
    /// "on 24th", "on the first" (the month is the policy's: this one or the next).
    pub(super) fn day_only(&self, i: usize) -> Option<Match<Spec>> {
        if self.is_arabic() {
            return None;
        }
        let on = self.connective(i, Connective::On);
        let k = if on { i + 1 } else { i };
        let the = self.connective(k, Connective::Filler);
        let k = if the { k + 1 } else { k };
        if !on && !the {
            return None;
        }
        let digits = self.num(k).is_some();
        let Match { end: j, value: d } = self.ordinal(k)?;
        if !(1..=31).contains(&d) || !(on || digits) {
            return None;
        }
        if self.unit(j).is_some()
            || self.connective(j, Connective::Of)
            || self.weekday(j).is_some()
            || self.month_word(j).is_some()
        {
            return None;
        }
        // a spelt-out ordinal before a word the vocabulary does not know qualifies it: "on the
        // second runway", "on the third floor" ("on the 2nd" keeps its digits)
        if !digits && self.tok(j).is_some_and(|t| matches!(t.kind, Kind::Word)) {
            return None;
        }
        Some(Match { end: j, value: Spec { day: Some(d as u8), ..Spec::default() } })
    }

    /// A month alone ("July" of "13-15 July"), as a date with only its month.
    pub(super) fn month_alone(&self, i: usize) -> Option<Match<Spec>> {
        let Match { end, value: (month, _) } = self.month(i)?;
        Some(Match { end, value: Spec { month: Some(month), ..Spec::default() } })
    }

    /// A month name, or شهر + number/name, or "الشهر الثالث".
    pub(super) fn month(&self, i: usize) -> Option<Match<(u8, bool)>> {
        if let Some((m, _)) = self.month_word(i) {
            // "آذار/مارس", "مارس (آذار)": the Levantine and the Egyptian name of one month
            // ("يوليو-تموز" with a hyphen)
            if (self.punct(i + 1, '/') || self.punct(i + 1, '-'))
                && self.month_word(i + 2).is_some_and(|(m2, _)| m2 == m)
            {
                return Some(Match { end: i + 3, value: (m, false) });
            }
            if self.punct(i + 1, '(')
                && self.month_word(i + 2).is_some_and(|(m2, _)| m2 == m)
                && self.punct(i + 3, ')')
            {
                return Some(Match { end: i + 4, value: (m, false) });
            }
        }
        if let Some((m, weak)) = self.month_word(i) {
            // "Sept. 11", "Oct. 5": the abbreviation's dot belongs to it
            let abbrev = !self.is_arabic() && self.tok_text(i).is_some_and(|w| w.len() <= 4);
            if abbrev
                && self.punct(i + 1, '.')
                && self.glued(i)
                && (self.num(i + 2).is_some() || self.ordinal(i + 2).is_some())
            {
                return Some(Match { end: i + 2, value: (m, false) });
            }
            return Some(Match { end: i + 1, value: (m, weak) });
        }
        if self.is_arabic() && self.is_unit(i, Unit::Month) && !self.is_dual(i) {
            let t = self.tok(i)?;
            if t.al {
                // الشهر الثالث / الشهر التاسع
                if let Some(Match { end: j, value: v }) = self.ordinal(i + 1)
                    && (1..=12).contains(&v)
                {
                    return Some(Match { end: j, value: (v as u8, false) });
                }
                return None;
            }
            if let Some((m, _)) = self.month_word(i + 1) {
                return Some(Match { end: i + 2, value: (m, false) });
            }
            if let Some(Match { end: j, value: v }) = self.number(i + 1)
                && (1..=12).contains(&v)
            {
                return Some(Match { end: j, value: (v as u8, false) });
            }
        }
        None
    }
}
