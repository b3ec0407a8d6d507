//! Named holidays, with a year or a relative word, or bare.
//!
//! **Reads**: "Christmas", "Christmas 2025", "last Christmas", "Easter", "Thanksgiving",
//! "thanksgiving of next year", "Christmas in a year", "Eid al-Fitr 2025", "عيد الفطر", "عيد
//! الأضحى", "عيد الميلاد", "عيد الفطر المقبل"; a bare one is the next (future policy) or the
//! nearest (news policies).
//!
//! Also "the spring", "in the autumn", and a bare season after "by", "until" or "before" ("cut
//! by summer"): a season of the current year, as "this spring".
//!
//! **Not**: season names alone ("a summer of protests", "freezes in winter"), a holiday with a
//! Hijri year in the Gregorian sense.
//!
//! **Data**: `data/holidays.tsv` (one rule a holiday: fixed, n-th weekday, Easter, Hijri,
//! Hebrew, Chinese, Indian calendars; the calendar of each is read off its rule),
//! `data/{ar,en}.tsv` senses `holiday ID [weak]`, `rel`, `unit year`.
//!
//! **Fixture**: `tests/corpus/ar/holiday.txt`, `tests/corpus/en/holiday.txt`.

use isnad_core::Grain;
use jiff::civil::{Date, Time};

use super::*;
use crate::time::{self, Anchor, TimeValue};
use crate::timex3::{Reading, Season};
use crate::vocab::{Connective, Era, Relative, Sense, Unit};

impl<'a, 'v> Parser<'a, 'v> {
    /// Holidays, with a year or relative word: "عيد الفطر 2013", "easter 2010", "the summer of
    /// 1996", "last easter",
    /// "thanksgiving of next year", "MLK day of last year".
    pub(super) fn holiday(&self, i: usize) -> Option<Match<Spec>> {
        let mut k = i;
        let mut rel = None;
        if let Some(r) = self.relative(k)
            && (!self.is_arabic() || r == Relative::This)
        {
            rel = Some(r);
            k += 1;
        }
        let (id, weak) = self.senses(k).iter().find_map(|s| {
            if let Sense::Holiday { id, weak } = s { Some((*id as usize, *weak)) } else { None }
        })?;
        let season =
            weak || self.holidays.names.ids.get(id).is_some_and(|n| n.starts_with("season-"));
        let mut j = k + 1;
        let hv = self.anchor.hijri;
        let year_of = |y: i16| self.holidays.in_year(id, y, hv);
        let mut absolute = false;
        let y = if let Some(Match { end: j2, value: (y, era) }) = self.year(j).or_else(|| {
            // "easter in 2010", "the winter of 1994"
            let before_year = self.connective(j, Connective::In)
                || !self.is_arabic() && self.connective(j, Connective::Of);
            if before_year { self.year(j + 1) } else { None }
        }) {
            if era == Some(Era::Ah) {
                return None;
            }
            j = j2;
            absolute = true;
            y as i16
        } else if (self.connective(j, Connective::Of)
            || self.is_arabic() && self.connective(j, Connective::From))
            && self.relative(j + 1).is_some()
            && self.is_unit(j + 2, Unit::Year)
        {
            let r = self.relative(j + 1)?;
            j += 3;
            self.anchor.today().year() + relative_steps(r) as i16
        } else if self.is_arabic() && self.relative(j).is_some() {
            let r = self.relative(j)?;
            j += 1;
            self.pick_rel_year(r, &year_of)?
        } else if let Some(r) = rel.or_else(|| self.the_season(season, k)) {
            if season && r == Relative::This && self.policy() != crate::Bare::Future {
                // In news "this summer" is the current year's summer, over or to come ("this
                // summer was hard", written in October); a winter that began last December and
                // has not ended is still this winter.
                let y = self.anchor.today().year();
                let today = self.anchor.today();
                if year_of(y - 1).is_some_and(|(s, e, _)| s <= today && today < e) {
                    y - 1
                } else {
                    y
                }
            } else {
                self.pick_rel_year(r, &year_of)?
            }
        } else if let Some(Match { end: j2, value: t }) = self.holiday_offset(j) {
            // "thanksgiving in a year", "thanksgiving 3 months ago": the one in the shifted year
            j = j2;
            t.start.year()
        } else if season {
            // a bare season name is an ordinary word ("a summer of protests")
            return None;
        } else if k > 0 && self.connective(k - 1, Connective::Since) {
            // "since year-end", "since Christmas": what "since" starts from has begun
            let today = self.anchor.today();
            let y = today.year();
            if year_of(y).is_some_and(|(s, _, _)| s <= today) { y } else { y - 1 }
        } else {
            let a = self.anchor;
            // Duckling's convention is the next one; news (`past`, `nearest`, `tense`) the nearest
            let bare = if self.policy() == crate::Bare::Future {
                crate::Bare::Future
            } else {
                crate::Bare::Nearest
            };
            time::pick_year(&Anchor { bare, ..a }, false, |yy| {
                let (s, e, _) = year_of(yy)?;
                Some((s.to_datetime(Time::midnight()), e.to_datetime(Time::midnight())))
            })?
        };
        let (s, e, interval) = year_of(y)?;
        let cal = self.holidays.calendar(id);
        let mut t = if interval {
            TimeValue::interval(
                s.to_datetime(Time::midnight()),
                e.to_datetime(Time::midnight()),
                Grain::Day,
            )
        } else {
            TimeValue::day(s)
        };
        t.calendar = cal;
        if let Some(season) = self.season_of_holiday(id) {
            t.reading = Reading::Season(season);
        }
        Some(Match { end: j, value: Spec { base: Some(t), absolute, ..Spec::default() } })
    }

    /// A season after a part of it ("early summer", "the late spring of 2019", "mid-winter"):
    /// after a part the season word is a time, never the ordinary word it may be alone ("a
    /// summer of protests"), so a bare one is the current year's, as "the spring" is (English).
    /// With whether its year was written.
    pub(super) fn season_after_part(&self, m: usize) -> Option<Match<(TimeValue, bool)>> {
        if self.is_arabic() {
            return None;
        }
        let id = self.senses(m).iter().find_map(|s| match s {
            Sense::Holiday { id, .. } => Some(*id as usize),
            _ => None,
        })?;
        let season = self.season_of_holiday(id)?;
        if let Some(Match { end, value: spec }) = self.holiday(m) {
            return Some(Match { end, value: (self.resolve(&spec)?, spec.absolute) });
        }
        // the current year's, unless the clause says otherwise: a past one not begun is last
        // year's ("fell in late winter", written in May), a coming one over is next year's
        let today = self.anchor.today();
        let in_year = |y: i16| self.holidays.in_year(id, y, self.anchor.hijri);
        let (mut s, mut e, _) = in_year(today.year())?;
        match self.policy() {
            crate::Bare::Past if s > today => (s, e, _) = in_year(today.year() - 1)?,
            crate::Bare::Future if e <= today => (s, e, _) = in_year(today.year() + 1)?,
            _ => {}
        }
        let t = TimeValue::interval(
            s.to_datetime(Time::midnight()),
            e.to_datetime(Time::midnight()),
            Grain::Day,
        );
        Some(Match { end: m + 1, value: (t.read_as(Reading::Season(season)), false) })
    }

    /// The season a holiday of `data/holidays.tsv` is (`season-summer`…), by its id.
    pub(super) fn season_of_holiday(&self, id: usize) -> Option<Season> {
        self.holidays.names.ids.get(id).and_then(|n| season_of(n))
    }

    /// "The spring", "in the autumn": an English season after the article is one of the current
    /// year, as "this spring" is (news says "the spring" of the year it writes in; a season of
    /// another year has its year or a relative word: "the spring of 2019", "the following
    /// spring"); so is a bare season after "by", "until" or "before", which end a stretch at a
    /// time, no ordinary word ("Central bank signals cut by summer"; "a summer of protests",
    /// "in summer the lake freezes" stay none). Under the `tense` policy in a clause that looks
    /// ahead too ("will be announced in the autumn"); not under the future policy itself
    /// (Duckling's convention), whose bare seasons stay ordinary words, nor for "the fall", in
    /// news a decline ("the fall was driven by hiring") more than the autumn.
    fn the_season(&self, season: bool, k: usize) -> Option<Relative> {
        let deadline = |w: usize| {
            [Connective::By, Connective::Until, Connective::Before]
                .into_iter()
                .any(|c| self.connective(w, c))
        };
        let the = season
            && !self.is_arabic()
            && self.anchor.bare != crate::Bare::Future
            && k > 0
            && (self.tok_text(k - 1).is_some_and(|w| w.eq_ignore_ascii_case("the"))
                || deadline(k - 1))
            && !self.tok_text(k).is_some_and(|w| w.eq_ignore_ascii_case("fall"));
        the.then_some(Relative::This)
    }

    /// An offset after a holiday name: "in 9 months", "9 months from now", "1 year ago".
    pub(super) fn holiday_offset(&self, j: usize) -> Option<Match<TimeValue>> {
        if self.is_arabic() {
            return None;
        }
        let a = self.anchor;
        if self.connective(j, Connective::In) {
            let Match { end: k, value: (n, u) } = self.quantity(j + 1)?;
            return Some(Match { end: k, value: self.shift(a, n, u) });
        }
        let Match { end: k, value: (n, u) } = self.quantity(j)?;
        if self.connective(k, Connective::Ago) {
            return Some(Match { end: k + 1, value: self.shift(a, -n, u) });
        }
        if self.connective(k, Connective::Hence) {
            return Some(Match { end: k + 1, value: self.shift(a, n, u) });
        }
        None
    }

    /// The year of a holiday named with a relative word: "last Easter" is the last one that is
    /// over, "next Easter" the next one that has not started, "this Easter" the one under way
    /// or the next.
    pub(super) fn pick_rel_year(
        &self,
        r: Relative,
        year_of: &dyn Fn(i16) -> Option<(Date, Date, bool)>,
    ) -> Option<i16> {
        let a = self.anchor;
        let y = a.today().year();
        let today = a.today();
        let contains = |yy: i16| year_of(yy).is_some_and(|(s, e, _)| s <= today && today < e);
        Some(match r {
            Relative::Last => {
                // the last one that is over
                if year_of(y).is_some_and(|(_, e, _)| e <= today) {
                    y
                } else if year_of(y - 1).is_some_and(|(_, e, _)| e <= today) {
                    y - 1
                } else {
                    y - 2
                }
            }
            Relative::This | Relative::Same if contains(y - 1) => y - 1,
            Relative::This | Relative::Same => {
                if year_of(y).is_some_and(|(_, e, _)| e > today) {
                    y
                } else {
                    y + 1
                }
            }
            Relative::Next => {
                // the next one that has not started
                if year_of(y).is_some_and(|(s, _, _)| s > today) { y } else { y + 1 }
            }
        })
    }

    /// A bare holiday name at `k`, resolved to its occurrence nearest the reference.
    pub(super) fn holiday_nearest(&self, k: usize) -> Option<Match<TimeValue>> {
        let k = self.skip_filler(k);
        let h = self.senses(k).iter().find_map(|s| {
            if let Sense::Holiday { id, weak: false } = s { Some(*id as usize) } else { None }
        })?;
        if self.year(k + 1).is_some() {
            return None;
        }
        let today = self.anchor.today();
        let best = (-1..=1)
            .filter_map(|n| self.holidays.in_year(h, today.year() + n, self.anchor.hijri))
            .min_by_key(|(s, e, _)| {
                if today < *s {
                    i64::from(today.until(*s).map(|x| x.get_days()).unwrap_or(i32::MAX))
                } else if today >= *e {
                    i64::from(e.until(today).map(|x| x.get_days()).unwrap_or(i32::MAX))
                } else {
                    0
                }
            })?;
        Some(Match { end: k + 1, value: TimeValue::day(best.0) })
    }
}

/// The season a holiday id of `data/holidays.tsv` names (`season-summer`…).
fn season_of(id: &str) -> Option<Season> {
    Some(match id.strip_prefix("season-")? {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" => Season::Fall,
        "winter" => Season::Winter,
        _ => return None,
    })
}
