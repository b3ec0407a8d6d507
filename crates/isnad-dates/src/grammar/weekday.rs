//! Weekdays, bare or with a relative word, a week or a date.
//!
//! **Reads**: "Tuesday", "on Tuesday", "last Tuesday", "next Friday" (Friday of next week),
//! "this Sunday", "this coming Sunday" (the coming one),
//! "Friday of next week", "Wednesday after next", "Tuesday, Feb. 18", "Tuesday the 18th",
//! "الثلاثاء", "يوم الجمعة المقبل" (the next Friday), "الجمعة بعد القادم" (the one after it),
//! "الخميس قبل الماضي" (the one before the last),
//! "الخميس الماضي", "الخميس من الأسبوع الماضي", "الاثنين 17 فبراير", "الأحد 1 شوال 1446هـ" (a Hijri
//! date), "السبت السادس عشر من هذا
//! الشهر". A bare weekday follows the [`crate::Bare`] policy.
//!
//! **Not**: Arabic weekdays without the article unless a date follows ("أحد": one of; "اثنين":
//! two; "جمعة", "خميس": given names); English "sun", "sat", "wed" unless next to a date, a dot or
//! a preposition; plurals ("Fridays": `quantity.rs`); a weekday whose date disagrees with it.
//!
//! **Data**: `data/{ar,en}.tsv` senses `weekday N [weak] [plural]`, `rel`, `unit day|week`,
//! `conn of|from|in|after|equiv|filler`.
//!
//! **Fixture**: `tests/corpus/ar/weekday.txt`, `tests/corpus/en/weekday.txt`.

use isnad_core::Grain;
use jiff::civil::Date;

use super::*;
use crate::time::{self, TimeValue, add_days, add_grain, truncate};
use crate::tokenize::Kind;
use crate::vocab::{Connective, Relative, Unit};

impl<'a, 'v> Parser<'a, 'v> {
    /// Weekday expressions: "الخميس", "يوم الجمعة المقبل", "الخميس الماضي", "last tuesday",
    /// "wednesday of next week", "احد الاسبوع الماضي", with an optional date after them.
    pub(super) fn weekday_expr(&self, i: usize) -> Option<Match<Spec>> {
        let mut k = i;
        let mut pre_rel = None;
        if self.is_arabic()
            && self.is_unit(k, Unit::Day)
            && !self.tok(k)?.al
            && self.unit(k)?.1 == 1
        {
            k += 1; // يوم الجمعة
        }
        if let Some(r) = self.relative(k)
            && (!self.is_arabic() || r == Relative::This)
        {
            pre_rel = Some(r);
            k += 1;
            // "this coming Sunday", "this next Friday": the coming one, as "this Sunday"
            if !self.is_arabic() && r == Relative::This && self.relative(k) == Some(Relative::Next)
            {
                k += 1;
            }
        }
        let (wd, weak, plural) = self.weekday(k)?;
        if plural {
            return None;
        }
        let mut j = k + 1;
        if !self.is_arabic()
            && self.punct(j, '.')
            && self.glued(k)
            && self.tok_text(k).is_some_and(|w| w.len() <= 4)
        {
            j += 1; // "mon."
        }
        let a = self.anchor;
        let wdj = time::weekday_of(wd);
        let day = |d: Date| Spec { base: Some(TimeValue::day(d)), ..Spec::default() };
        // Arabic relative after the weekday: الخميس الماضي، الجمعة المقبلة
        let post_rel = if self.is_arabic() { self.relative(j) } else { None };
        if post_rel.is_some() {
            j += 1;
        }
        if post_rel.is_none()
            && let Some((m, n)) = self.week_of_weekday(j)
        {
            if !self.is_arabic() && self.connective(j, Connective::After) {
                // "friday after next": the one after next week's
                let nxt = add_days(a.today(), time::weekday_offset(a.today(), wdj, 1));
                return Some(Match { end: m, value: day(add_days(nxt, 7)) });
            }
            let monday = truncate(a.now, Grain::Week).date();
            return Some(Match { end: m, value: day(add_days(monday, 7 * n + i64::from(wd) - 1)) });
        }
        // (Arabic "الثلاثاء ... من هذا الشهر" has no relative of its own: the date rule below)
        if let Some(r) = pre_rel.or(post_rel) {
            if !self.is_arabic() && r == Relative::Next && self.connective(j, Connective::After) {
                return None;
            }
            return Some(Match { end: j, value: day(self.relative_weekday(r, wd)) });
        }
        if self.is_arabic()
            && self.connective(j, Connective::Before)
            && self.relative(j + 1) == Some(Relative::Last)
        {
            // "الخميس قبل الماضي": the occurrence before the last one
            let last = self.relative_weekday(Relative::Last, wd);
            return Some(Match { end: j + 2, value: day(add_days(last, -7)) });
        }
        if self.connective(j, Connective::After) && self.relative(j + 1) == Some(Relative::Next) {
            // "friday after next", "الجمعة بعد القادم": the occurrence after the next one
            let nxt = add_days(a.today(), time::weekday_offset(a.today(), wdj, 1));
            return Some(Match { end: j + 2, value: day(add_days(nxt, 7)) });
        }
        if let Some(dated) = self.weekday_then_date(j, wd) {
            return Some(dated);
        }
        let dotted = j > k + 1;
        // Arabic "أحد"/"اثنين" without the article are "one of"/"two": never a bare weekday
        if weak && (self.is_arabic() || !dotted && !self.context_before(i)) {
            return None;
        }
        Some(Match { end: j, value: Spec { weekday: Some(wd), ..Spec::default() } })
    }

    /// The week a weekday is named in, after it at `j`: "of next week", "من الاسبوع الماضي",
    /// "الاسبوع الماضي" (construct), "هذا الاسبوع", "after next": the token after and the
    /// number of weeks from this one.
    fn week_of_weekday(&self, j: usize) -> Option<(usize, i64)> {
        let mut week_rel: Option<(usize, i64)> = None;
        let mut m = j;
        if self.connective(m, Connective::Of)
            || self.connective(m, Connective::From)
            || self.connective(m, Connective::In)
        {
            m += 1;
        }
        let after_of = m;
        let m = self.skip_filler(m);
        if !self.is_arabic() {
            if let Some(r) = self.relative(m)
                && self.is_unit(m + 1, Unit::Week)
            {
                week_rel = Some((m + 2, relative_steps(r)));
            }
            // "last week's sunday" handled in period_rel; "wednesday after next"
            if self.connective(after_of, Connective::After)
                && self.relative(after_of + 1) == Some(Relative::Next)
            {
                week_rel = Some((after_of + 2, 2));
            }
        } else if self.is_unit(m, Unit::Week) && !self.is_dual(m) {
            if let Some(r) = self.relative(m + 1) {
                week_rel = Some((m + 2, relative_steps(r)));
            }
        } else if self.relative(m) == Some(Relative::This) && self.is_unit(m + 1, Unit::Week) {
            week_rel = Some((m + 2, 0));
        }
        week_rel
    }

    /// The day of a weekday with a relative word: "last Tuesday", "الخميس الماضي" (the last one
    /// before today); Arabic "الجمعة المقبلة" (the next one) but English "next Friday" (Friday of
    /// next week, as Duckling reads it); "this Monday", "هذا الاثنين" (the coming one).
    fn relative_weekday(&self, r: Relative, wd: u8) -> Date {
        let a = self.anchor;
        let wdj = time::weekday_of(wd);
        match (r, self.lang) {
            (Relative::Last, _) => add_days(a.today(), time::weekday_offset(a.today(), wdj, -1)),
            (Relative::Next, Lang::Ar) => {
                add_days(a.today(), time::weekday_offset(a.today(), wdj, 1))
            }
            (Relative::Next, Lang::En) => {
                let monday = truncate(a.now, Grain::Week).date();
                add_days(monday, 7 + i64::from(wd) - 1)
            }
            (Relative::This | Relative::Same, _) => {
                add_days(a.today(), time::weekday_offset(a.today(), wdj, 1))
            }
        }
    }

    /// A weekday followed by its date at `j`: "الاثنين 18 شباط", "Monday, Feb 18", "Tuesday the
    /// 19th", "السبت السادس عشر من هذا الشهر"; the weekday must agree with the date.
    fn weekday_then_date(&self, j: usize, wd: u8) -> Option<Match<Spec>> {
        let mut m = j;
        if self.punct(m, ',') || self.punct(m, '،') {
            m += 1;
        }
        if self.connective(m, Connective::Equiv)
            || self.connective(m, Connective::In)
            || self.connective(m, Connective::Filler)
        {
            m += 1;
            if self.punct(m, ':') {
                m += 1;
            }
        }
        if let Some(Match { end: m2, value: mut s }) =
            self.calendar_date(m).or_else(|| self.numeric_date(m))
        {
            s.weekday = Some(wd);
            // the weekday must agree with the date: "الثلاثاء الثالث من شهر ايلول 2014" is the
            // third Tuesday, not Wednesday 3 September
            if self.resolve_date(&s).flatten().is_some() {
                return Some(Match { end: m2, value: s });
            }
        }
        // "الأحد 1 شوال 1446هـ": a Hijri day, which the weekday must fall on too
        if self.is_arabic()
            && let Some(hit) = self.hijri_date(m)
            && let Some(base) = hit.value.base.as_ref().filter(|b| b.grain == Grain::Day)
        {
            if base.start.date().weekday() == time::weekday_of(wd) {
                return Some(hit);
            }
            return None;
        }
        // weekday + day number only ("السبت السادس عشر", "Tuesday 19th", "Thu 15th")
        let Match { end: m2, value: d } = self.day_num(m)?;
        let at = if self.connective(m, Connective::Filler) && self.is_arabic() { m + 1 } else { m };
        let is_ord = self.ordinal(at).is_some();
        // "on Tuesday, the first increase in six years": a spelled-out English ordinal
        // followed by a noun counts that noun, it is no day of the month.
        let counts_noun = !self.is_arabic()
            && self.num(at).is_none()
            && self
                .tok(m2)
                .is_some_and(|t| matches!(t.kind, Kind::Word) || self.unit(m2).is_some());
        if !is_ord || counts_noun {
            return None;
        }
        let mut s = Spec { day: Some(d), weekday: Some(wd), ..Spec::default() };
        let mut m3 = m2;
        // "من هذا الشهر"
        if (self.connective(m3, Connective::From) || self.connective(m3, Connective::Of))
            && self.relative(m3 + 1).is_some()
            && self.is_unit(m3 + 2, Unit::Month)
        {
            let (mm, r) = (m3 + 3, self.relative(m3 + 1)?);
            let base = truncate(self.anchor.now, Grain::Month);
            let mon = add_grain(base, Grain::Month, relative_steps(r));
            s.month = Some(mon.month() as u8);
            s.year = Some(i32::from(mon.year()));
            m3 = mm;
        }
        Some(Match { end: m3, value: s })
    }
}
