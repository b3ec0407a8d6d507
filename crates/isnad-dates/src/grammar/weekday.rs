//! Weekdays: "الخميس الماضي", "يوم الجمعة المقبل", "last Tuesday", "Monday, Feb 18".

use isnad_core::Grain;

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
        // Arabic relative after the weekday: الخميس الماضي، الجمعة المقبلة
        let mut post_rel = if self.is_arabic() { self.relative(j) } else { None };
        if post_rel.is_some() {
            j += 1;
        }
        // "of next week", "من الاسبوع الماضي", "الاسبوع الماضي" (construct), "next week"
        let mut week_rel: Option<(usize, i64)> = None;
        {
            let mut m = j;
            if self.connective(m, Connective::Of)
                || self.connective(m, Connective::From)
                || self.connective(m, Connective::In)
            {
                m += 1;
            }
            let m0 = m;
            let mut m = self.skip_filler(m);
            if !self.is_arabic() {
                if let Some(r) = self.relative(m)
                    && self.is_unit(m + 1, Unit::Week)
                {
                    week_rel = Some((m + 2, relative_steps(r)));
                }
                // "last week's sunday" handled in period_rel; "wednesday after next"
                if self.connective(m0, Connective::After)
                    && self.relative(m0 + 1) == Some(Relative::Next)
                {
                    week_rel = Some((m0 + 2, 2));
                    let _ = &mut m;
                }
            } else if self.is_unit(m, Unit::Week) && !self.is_dual(m) {
                if let Some(r) = self.relative(m + 1) {
                    week_rel = Some((m + 2, relative_steps(r)));
                }
            } else if self.relative(m) == Some(Relative::This) && self.is_unit(m + 1, Unit::Week) {
                week_rel = Some((m + 2, 0));
            }
        }
        if post_rel.is_none()
            && let Some((m, n)) = week_rel
        {
            let monday = truncate(a.now, Grain::Week).date();
            let d = add_days(monday, 7 * n + i64::from(wd) - 1);
            if !self.is_arabic() && self.connective(j, Connective::After) {
                // "friday after next": the one after next week's
                let nxt = add_days(a.today(), time::weekday_offset(a.today(), wdj, 1));
                return Some(Match {
                    end: m,
                    value: Spec { base: Some(TimeValue::day(add_days(nxt, 7))), ..Spec::default() },
                });
            }
            return Some(Match {
                end: m,
                value: Spec { base: Some(TimeValue::day(d)), ..Spec::default() },
            });
        }
        if self.is_arabic()
            && post_rel.is_none()
            && self.connective(j, Connective::From)
            && self.relative(j + 1) == Some(Relative::This)
        {
            // الثلاثاء ... من هذا الشهر: leave to the date rule below
            post_rel = None;
        }
        let rel = pre_rel.or(post_rel);
        if let Some(r) = rel {
            let d = match (r, self.lang) {
                (Relative::Last, _) => {
                    add_days(a.today(), time::weekday_offset(a.today(), wdj, -1))
                }
                // Arabic المقبل/القادم: the next such day; English "next X": X of next week (Duckling).
                (Relative::Next, Lang::Ar) => {
                    add_days(a.today(), time::weekday_offset(a.today(), wdj, 1))
                }
                (Relative::Next, Lang::En) => {
                    let monday = truncate(a.now, Grain::Week).date();
                    add_days(monday, 7 + i64::from(wd) - 1)
                }
                // "this monday", "هذا الاثنين": the coming one (Duckling)
                (Relative::This | Relative::Same, _) => {
                    add_days(a.today(), time::weekday_offset(a.today(), wdj, 1))
                }
            };
            if !self.is_arabic() && r == Relative::Next && self.connective(j, Connective::After) {
                return None;
            }
            return Some(Match {
                end: j,
                value: Spec { base: Some(TimeValue::day(d)), ..Spec::default() },
            });
        }
        if !self.is_arabic()
            && self.connective(j, Connective::After)
            && self.relative(j + 1) == Some(Relative::Next)
        {
            // "friday after next": the occurrence after the next one
            let nxt = add_days(a.today(), time::weekday_offset(a.today(), wdj, 1));
            return Some(Match {
                end: j + 2,
                value: Spec { base: Some(TimeValue::day(add_days(nxt, 7))), ..Spec::default() },
            });
        }
        // weekday followed by a date: "الاثنين 18 شباط", "Monday, Feb 18", "Tuesday the 19th"
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
        // weekday + day number only ("السبت السادس عشر", "Tuesday 19th", "Thu 15th")
        if let Some(Match { end: m2, value: d }) = self.day_num(m) {
            let at =
                if self.connective(m, Connective::Filler) && self.is_arabic() { m + 1 } else { m };
            let is_ord = self.ordinal(at).is_some();
            // "on Tuesday, the first increase in six years": a spelled-out English ordinal
            // followed by a noun counts that noun, it is no day of the month.
            let counts_noun = !self.is_arabic()
                && self.num(at).is_none()
                && self
                    .tok(m2)
                    .is_some_and(|t| matches!(t.kind, Kind::Word) || self.unit(m2).is_some());
            if is_ord && !counts_noun {
                let mut s = Spec { day: Some(d), weekday: Some(wd), ..Spec::default() };
                let mut m3 = m2;
                // "من هذا الشهر"
                if (self.connective(m3, Connective::From) || self.connective(m3, Connective::Of))
                    && self.relative(m3 + 1).is_some()
                    && self.is_unit(m3 + 2, Unit::Month)
                {
                    let (mm, r) = (m3 + 3, self.relative(m3 + 1)?);
                    let base = truncate(a.now, Grain::Month);
                    let mon = add_grain(base, Grain::Month, relative_steps(r));
                    s.month = Some(mon.month() as u8);
                    s.year = Some(i32::from(mon.year()));
                    m3 = mm;
                }
                return Some(Match { end: m3, value: s });
            }
        }
        let dotted = j > k + 1;
        // Arabic "أحد"/"اثنين" without the article are "one of"/"two": never a bare weekday
        if weak && (self.is_arabic() || !dotted && !self.context_before(i)) {
            return None;
        }
        Some(Match { end: j, value: Spec { weekday: Some(wd), ..Spec::default() } })
    }
}
