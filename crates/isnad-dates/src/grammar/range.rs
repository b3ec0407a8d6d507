//! Ranges between two points, bounds on one side, and the closest day to a date.
//!
//! **Reads**: "from July 13 to 15", "July 13-15", "13-15 July", "between July 13 and 15",
//! "from 3 to 4 pm", "3-4pm", "Thursday from 9:30 to 11:00", "until 2pm", "since 2014", "by
//! the end of the month", "after 5 pm", "later than 9:30 but before 11:00", "the closest
//! Monday to Oct 5th", "من 13 إلى 15 يوليو", "بين 13 و15 يوليو", "من 13 وحتى 15 يوليو", "من
//! الساعة 3 إلى الساعة 4 عصرا", "منذ عام 2014", "حتى الساعة 2".
//!
//! **Ends**: TimeML tags each end of a range as its own TIMEX3; the range stays one expression
//! (its interval) and carries its two ends: each range read notes them in the sentence's table
//! of ranges, where [`Parser::range_ends`] looks up those of the intervals the parse kept
//! ("between 1985 and 1987": "1985" and "1987"; "13-15 July": "13" and "15 July"). A range of
//! times after their date ("Thursday from 9:30 to 11:00") has none.
//!
//! **Not**: "two to three", "5-6" (two bare numbers with nothing that makes them times),
//! scores, a right side before the left one.
//!
//! **Data**: `data/{ar,en}.tsv` senses `conn from|to|until|between|and|by|since|after|before`,
//! `closest`.
//!
//! **Fixture**: `tests/corpus/ar/range.txt`, `tests/corpus/en/range.txt`.

use isnad_core::{Calendar, Grain};
use jiff::civil::Date;

use super::*;
use crate::time::{self, Open, TimeValue, add_days, add_grain, truncate};
use crate::vocab::{Connective, Sense, features};

/// A range the rule read in the sentence: the token after it, its value and its two ends.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReadRange {
    pub(crate) end: usize,
    pub(crate) t: TimeValue,
    pub(crate) ends: RangeEnds,
}

/// The two ends of a range: each its first token, the token after it, and its value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct RangeEnds {
    pub(crate) left: (usize, usize, TimeValue),
    pub(crate) right: (usize, usize, TimeValue),
}

impl<'a, 'v> Parser<'a, 'v> {
    /// "من 13 إلى 15 يوليو", "13-15 July", "July 13-15", "بين 10 و12 فبراير", "3-4pm",
    /// "9:30 - 11:00 on Thursday", "من الساعة 3 الى الساعة 4 بعد العصر".
    ///
    /// Each range read also notes its two ends (see [`Parser::range_ends`]).
    ///
    /// (Inlined into the parse of every position with `range_from`, as they were before
    /// `range_ends` called them too: out of line they cost 2% of the stage's instructions.)
    #[inline(always)]
    pub(super) fn range(&self, i: usize) -> Option<Match<TimeValue>> {
        if fast_paths() && !self.is_arabic() && !self.range_may_start(i) {
            return None;
        }
        let mut k = i;
        let between = self.connective(k, Connective::Between);
        let from = self.connective(k, Connective::From);
        if between || from {
            k += 1;
        }
        k = self.skip_filler(k);
        // a leading date for time ranges: "Thursday from 9:30 to 11:00"
        let mut outer: Option<Spec> = None;
        let mut starts = [Some((k, None)), None];
        if !between
            && !from
            && let Some(Match { end: k2, value: d }) = self.date(k)
            && !d.has_time()
        {
            if self.connective(k2, Connective::From) || self.connective(k2, Connective::Between) {
                starts[1] = Some((k2 + 1, Some(d)));
            } else if self.num(k2).is_some() {
                starts[1] = Some((k2, Some(d)));
            }
        }
        let _ = &mut outer;
        let mut best: Option<Match<TimeValue>> = None;
        for (k, outer) in starts.into_iter().flatten() {
            keep_longest(&mut best, self.range_from(k, between, from, outer));
        }
        best
    }

    #[inline(always)]
    pub(super) fn range_from(
        &self,
        k: usize,
        between: bool,
        from: bool,
        outer: Option<Spec>,
    ) -> Option<Match<TimeValue>> {
        let mut best: Option<Match<TimeValue>> = None;
        for (l_end, left) in self.range_sides(k) {
            let mut m = l_end;
            let sep = if between {
                self.connective(m, Connective::And)
            } else {
                self.connective(m, Connective::To)
                    || self.connective(m, Connective::Until)
                    || self.punct(m, '-')
                    || (self.connective(m, Connective::And) && from)
                    || (self.punct(m, '/') && left.has_date() && left.hour.is_some())
            };
            if !sep {
                continue;
            }
            m += 1;
            // Arabic "وحتى": و + حتى; "إلى غاية"
            if self.connective(m, Connective::Until) || self.connective(m, Connective::To) {
                m += 1;
            }
            m = self.skip_filler(m);
            for (r_end, right) in self.range_sides(m) {
                let sides = [(k, l_end), (m, r_end)];
                keep_longest(&mut best, self.range_finish(left, right, sides, outer));
            }
        }
        best
    }

    /// The range of two sides at `sides` (token ranges): their value put together, with a
    /// date or month after them that both share ("13-15 July").
    pub(super) fn range_finish(
        &self,
        mut left: Spec,
        mut right: Spec,
        sides: [(usize, usize); 2],
        outer: Option<Spec>,
    ) -> Option<Match<TimeValue>> {
        let r_end = sides[1].1;
        let mut end = r_end;
        // trailing context: "on Thursday", "tomorrow", "من شهر ايلول", "of July"
        let mut k2 = end;
        if self.connective(k2, Connective::On)
            || self.connective(k2, Connective::Of)
            || self.connective(k2, Connective::From)
            || self.connective(k2, Connective::In)
        {
            k2 += 1;
        }
        let k2 = self.skip_filler(k2);
        let mut trail: Option<Spec> = None;
        if (right.has_time() && !right.has_date() || right.day.is_some() && right.month.is_none())
            && let Some(Match { end: k3, value: d }) =
                self.date(k2).or_else(|| self.month_alone(k2))
        {
            trail = Some(d);
            end = k3;
        }
        // share context
        if let Some(o) = outer.or(trail) {
            if right.has_time() && !right.has_date() {
                right.fill(&o);
                left.fill(&o);
            } else if right.day.is_some() && right.month.is_none() {
                right.month = o.month.or(right.month);
                right.year = o.year.or(right.year);
                right.hijri |= o.hijri;
                right.month?;
            }
        }
        if left.has_time() != right.has_time() && !(left.has_date() && right.has_date()) {
            return None;
        }
        // "two to three", "5-6": two bare numbers are no time range without am/pm, minutes or a
        // day part somewhere
        let bare = |s: &Spec| {
            s.hour.is_some()
                && s.minute.is_none()
                && s.pm.is_none()
                && s.daypart.is_none()
                && !s.h24
        };
        if bare(&left) && bare(&right) && outer.is_none() {
            return None;
        }
        let right_pm = right.pm;
        left.fill(&right);
        right.fill(&left);
        if right.hour.is_some() {
            right.pm = right_pm;
        }
        if left.day.is_some() && left.month.is_none()
            || right.day.is_some() && right.month.is_none()
        {
            return None;
        }
        let lt = self.resolve(&left)?;
        let mut rt = self.resolve(&right)?;
        if lt.grain >= Grain::Day && (left.hour.is_some() || right.hour.is_some()) {
            return None;
        }
        // "8am until 6", "11:30-1:30": an ambiguous right hour is the first one after the left
        while rt.start < lt.start
            && right.hour.is_some()
            && right.pm.is_none()
            && !right.h24
            && right.daypart.is_none()
        {
            rt.start = add_grain(rt.start, Grain::Hour, 12);
        }
        if rt.start < lt.start {
            return None;
        }
        let g = lt.grain.min(rt.grain);
        let end_t = if rt.end.is_some() { rt.end_exclusive() } else { add_grain(rt.start, g, 1) };
        let mut t = TimeValue::interval(lt.start, end_t, g);
        t.calendar =
            if lt.calendar == Calendar::Hijri { Calendar::Hijri } else { Calendar::Gregorian };
        // Its two ends go to the sentence's table, where the parse looks them up for the ranges
        // it keeps (see `Parser::range_ends`). (A range of times inside a date said before them,
        // "Thursday from 9:30 to 11:00", is one expression: its ends alone would lose the day.)
        if outer.is_none() {
            let ends =
                RangeEnds { left: (sides[0].0, sides[0].1, lt), right: (sides[1].0, end, rt) };
            self.memo.ranges.borrow_mut().push(ReadRange { end, t, ends });
        }
        Some(Match { end, value: t })
    }

    /// Where in the sentence's table of ranges read ([`Memos::ranges`]) the range that was
    /// kept at `i..j` as `t` is, if it is one ("between 1985 and 1987": "1985" and "1987",
    /// which TimeML tags as two TIMEX3s): a range read with that value whose left side starts
    /// in it (after a leading preposition or hedge) and that ends in it, the longest of those
    /// that start first. Only intervals, which few expressions are, ask.
    #[inline(never)]
    pub(super) fn range_ends(&self, i: usize, j: usize, t: &TimeValue) -> Option<u32> {
        let ranges = self.memo.ranges.borrow();
        let mut best: Option<(usize, &ReadRange)> = None;
        for (k, r) in ranges.iter().enumerate() {
            let start = r.ends.left.0;
            if !(i..j).contains(&start) || r.end > j || r.t != *t {
                continue;
            }
            let better = best.is_none_or(|(_, b)| {
                let b_start = b.ends.left.0;
                start < b_start || start == b_start && r.end > b.end
            });
            if better {
                best = Some((k, r));
            }
        }
        best.map(|(k, _)| k as u32)
    }

    /// The candidate sides of a range at `k`, longest first: a full date-time, a bare day number
    /// ("13" in "13-15 July") or a bare clock time ("3" in "3-4pm").
    ///
    /// (A fixed array, not a `Vec`: this runs at every token a parse starts from.)
    pub(super) fn range_sides(&self, k: usize) -> impl Iterator<Item = (usize, Spec)> {
        let mut v: [Option<(usize, Spec)>; 4] = [None; 4];
        let mut n = 0;
        // kept longest first, equally long ones in the order found (a stable sort)
        let mut push = |r: (usize, Spec)| {
            let at = v[..n].iter().position(|x| x.is_some_and(|(j, _)| j < r.0)).unwrap_or(n);
            v[at..=n].rotate_right(1);
            v[at] = Some(r);
            n += 1;
        };
        if let Some(r) = self.datetime(k) {
            push((r.end, r.value));
        }
        if let Some(Match { end: j, value: d }) = self.day_num(k) {
            let not_time = !self.punct(j, ':') && !self.has(j, features::AMPM | features::HOUR);
            if not_time {
                push((j, Spec { day: Some(d), ..Spec::default() }));
            }
        }
        if let Some(Match { end: j, value: c }) = self.clock(k) {
            push((j, c));
        }
        // a side of "3-4pm": a bare hour (not "250" in "10 to 250": a compact time needs its own
        // marker)
        let compact = self.num(k).is_some_and(|(_, digits)| digits >= 3);
        if let Some((j, c)) = self
            .hour_minute(k, ClockCue::Marked)
            .filter(|_| !compact)
            .map(|Match { end: j, value: s }| self.clock_suffix(j, s))
        {
            push((j, c));
        }
        v.into_iter().flatten()
    }

    /// Open and half-open bounds: "حتى الساعة 2:00", "by 2pm", "until 2pm", "after 2 pm",
    /// "since 2014", "before 11 am", "by the end of next month".
    pub(super) fn bounded(&self, i: usize) -> Option<Match<TimeValue>> {
        let a = self.anchor;
        let by = self.connective(i, Connective::By)
            || (self.is_arabic() && self.connective(i, Connective::Until));
        let until = !self.is_arabic() && self.connective(i, Connective::Until)
            || !self.is_arabic() && self.connective(i, Connective::To) && i == 0;
        let after = !self.is_arabic()
            && (self.connective(i, Connective::After)
                || self.connective(i, Connective::Since)
                || self.connective(i, Connective::From) && self.clock(i + 1).is_some())
            || self.is_arabic()
                && self.connective(i, Connective::Since)
                && self.quantity(i + 1).is_none();
        let before = !self.is_arabic() && self.connective(i, Connective::Before);
        if !(by || until || after || before) {
            return None;
        }
        if after && !self.connective(i, Connective::From) {
            // "after 5 days"
            if let Some(Match { end: j, value: (n, u) }) = self.quantity(i + 1) {
                let t = self.shift(a, n, u);
                let found = Match { end: j, value: TimeValue { open: Open::After, ..t } };
                // TimeML: "after ten years" marks the amount of time ("ten years", P10Y)
                if self.connective(i, Connective::After) {
                    return Some(self.as_amount(i + 1, found));
                }
                return Some(found);
            }
        }
        let Match { end: j, value: s } = self.datetime(i + 1)?;
        let mut t = self.resolve(&s)?;
        if self.connective(i, Connective::Since) && s.month_of_no_year() && t.start > a.now {
            // "since December", "since Dec. 31" (written in November): what "since" starts
            // from has begun, however near the coming one is: last year's
            t = TimeValue {
                start: add_grain(t.start, Grain::Year, -1),
                end: t.end.map(|e| add_grain(e, Grain::Year, -1)),
                ..t
            };
        }
        if self.connective(i, Connective::From)
            && let Some(r) = self.for_duration(j, t)
        {
            return Some(r);
        }
        if by && t.start <= a.now && t.end.is_none_or(|e| e <= a.now) {
            // "حتى عام 2022" in a 2025 article: an end in the past, not a deadline from now
            return Some(Match {
                end: j,
                value: TimeValue { end: Some(t.start), open: Open::Before, ..t },
            });
        }
        if by {
            let sg = a.cap(Grain::Second);
            // "by the end of next month": to the end of the period; "by 2pm": to that time
            let mut end = if t.end.is_some() { t.end_exclusive() } else { t.start };
            if truncate(end, sg) != end {
                // a reference known only to the day: the deadline's day is included
                end = add_grain(truncate(end, sg), sg, 1);
            }
            let deadline = TimeValue::interval(truncate(a.now, sg), end, sg);
            let deadline = TimeValue { modifier: t.modifier, ..deadline };
            return Some(Match { end: j, value: deadline.read_as(t.reading_of_start()) });
        }
        if until || before {
            return Some(Match {
                end: j,
                value: TimeValue { end: Some(t.start), open: Open::Before, ..t },
            });
        }
        Some(Match { end: j, value: TimeValue { end: None, open: Open::After, ..t } })
    }

    /// "X but before Y" after "later than"/"after": the stretch between them.
    pub(super) fn after_before(&self, k: usize) -> Option<Match<TimeValue>> {
        let Match { end: j, value: left } = self.datetime(k)?;
        let mut m = j;
        if matches!(self.tok_text(m), Some("but" | "and")) {
            m += 1;
        }
        if !self.connective(m, Connective::Before) {
            return None;
        }
        let Match { end, value: right } = self.datetime(m + 1)?;
        let mut left = left;
        left.fill(&right);
        let lt = self.resolve(&left)?;
        let rt = self.resolve(&right)?;
        if rt.start < lt.start {
            return None;
        }
        let g = lt.grain.min(rt.grain);
        Some(Match { end, value: TimeValue::interval(lt.start, add_grain(rt.start, g, 1), g) })
    }

    /// "the closest Monday to Oct 5th": the weekday nearest the date; "the second closest": the
    /// next nearest (ties go to the later day).
    pub(super) fn closest(&self, i: usize) -> Option<Match<TimeValue>> {
        let k = self.skip_filler(i);
        let (k, nth) = match self.ordinal(k) {
            Some(Match { end: k2, value: n }) => (k2, n),
            None => (k, 1),
        };
        if !self.has(k, features::CLOSEST) {
            return None;
        }
        // the thing: a weekday, or a holiday ("the closest xmas to today")
        let hol = self.senses(k + 1).iter().find_map(|s| {
            if let Sense::Holiday { id, .. } = s { Some(*id as usize) } else { None }
        });
        let wd = self.weekday(k + 1).filter(|w| !w.2).map(|w| w.0);
        if hol.is_none() && wd.is_none() {
            return None;
        }
        let mut j = k + 2;
        if self.punct(j, '.') {
            j += 1;
        }
        if !self.connective(j, Connective::To) {
            return None;
        }
        let Match { end, value: s } = self.date(j + 1)?;
        let d = self.resolve(&s)?.date();
        let mut cands: Vec<Date> = match (wd, hol) {
            (Some(wd), _) => {
                let w = time::weekday_of(wd);
                (-14..=14).map(|n| add_days(d, n)).filter(|x| x.weekday() == w).collect()
            }
            (None, Some(h)) => (-3..=3)
                .filter_map(|n| {
                    self.holidays.in_year(h, d.year() + n, self.anchor.hijri).map(|(s, _, _)| s)
                })
                .collect(),
            _ => return None,
        };
        cands.sort_by_key(|x| {
            let dist = i64::from(d.until(*x).map(|s| s.get_days()).unwrap_or(0));
            (dist.abs(), -dist)
        });
        let pick = *cands.get(nth.checked_sub(1)? as usize)?;
        Some(Match { end, value: TimeValue::day(pick) })
    }
}
