//! Parts of a period: its beginning, middle or end.
//!
//! **Reads**: "early March", "earlier this year" (its start to today), "mid-March", "late
//! March", "the end of the month", "end of 2025", "late 2025", "EOM", "the beginning of next
//! week", "early summer", "the late summer of 2019" (a third of the season), "أوائل مارس", "منتصف
//! مارس" (the 15th), "أواخر الشهر المقبل", "نهاية العام الجاري", "بداية الشهر المقبل" (its first day), "مطلع الشهر
//! المقبل", "العشر الأواخر من رمضان", "منتصف شهر رمضان" (its 15th), "نهاية شوال" (its last
//! days).
//!
//! **Not**: "the end" alone, "late" before something else ("late payments"), "early-morning
//! tweets" (a compound adjective).
//!
//! **Data**: `data/{ar,en}.tsv` senses `part early|begin|mid|middle|late|end|last|eom|…`,
//! `teen` (العشر), and whatever names the period.
//!
//! **Fixture**: `tests/corpus/ar/part.txt`, `tests/corpus/en/part.txt`.

use isnad_core::{Calendar, Grain};
use jiff::civil::DateTime;

use super::*;
use crate::time::{self, TimeValue, add_grain, truncate};
use crate::timex3::{Mod, OfStart, Reading};
use crate::vocab::{Connective, Part, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// Parts of periods: "early March", "end of the month", "منتصف اذار", "أواخر الشهر الماضي",
    /// "beginning of this week", "end of 2012", "EOM", "نهاية العام".
    pub(super) fn part_of(&self, i: usize) -> Option<Match<Spec>> {
        let mut k = self.skip_filler(i);
        if self.connective(k, Connective::At) || self.connective(k, Connective::In) {
            k = self.skip_filler(k + 1);
        }
        let p = self.part(k)?;
        let a = self.anchor;
        // abbreviations
        let abbrev = |g: Grain, end: bool| {
            let base = truncate(a.now, g);
            part_interval(base, g, if end { Part::End } else { Part::Begin }, self.lang)
        };
        match p {
            Part::Eom => {
                return Some(Match {
                    end: k + 1,
                    value: Spec { base: Some(abbrev(Grain::Month, true)), ..Spec::default() },
                });
            }
            Part::Bom => {
                return Some(Match {
                    end: k + 1,
                    value: Spec { base: Some(abbrev(Grain::Month, false)), ..Spec::default() },
                });
            }
            Part::Eoy => {
                return Some(Match {
                    end: k + 1,
                    value: Spec { base: Some(abbrev(Grain::Year, true)), ..Spec::default() },
                });
            }
            Part::Boy => {
                return Some(Match {
                    end: k + 1,
                    value: Spec { base: Some(abbrev(Grain::Year, false)), ..Spec::default() },
                });
            }
            Part::Eod => {
                let d = truncate(a.now, Grain::Day);
                return Some(Match {
                    end: k + 1,
                    value: Spec {
                        base: Some(TimeValue::interval(d, add_grain(d, Grain::Day, 1), Grain::Day)),
                        ..Spec::default()
                    },
                });
            }
            Part::Last => return None,
            _ => {}
        }
        let mut m = k + 1;
        if self.connective(m, Connective::Of)
            || self.connective(m, Connective::In)
            || self.punct(m, '-') && self.glued(k)
        {
            m += 1;
        }
        m = self.skip_filler(m);
        if self.connective(m, Connective::Approx) {
            m += 1;
        }
        // a season: its first, middle or last third ("early summer", "the late spring of
        // 2019"); TimeML: the season, with where in it (`1989-SU`, `START`)
        if let Some(Match { end: m2, value: (season, absolute) }) = self.season_after_part(m)
            && let Reading::Season(name) = season.reading
            && p != Part::Earlier
        {
            let (s, e) = (season.start, season.end_exclusive());
            let third = (e.date() - s.date()).get_days() / 3;
            let at = |n: i64| add_grain(s, Grain::Day, n * i64::from(third));
            let (from, to) = match part_mod(p) {
                Mod::Start => (s, at(1)),
                Mod::Mid => (at(1), at(2)),
                _ => (at(2), e),
            };
            let t = TimeValue::interval(from, to, Grain::Day)
                .read_as(Reading::StartAt { start: s, of: OfStart::Season(name) })
                .with_mod(part_mod(p));
            return Some(Match {
                end: m2,
                value: Spec { base: Some(t), absolute, ..Spec::default() },
            });
        }
        // the period: a month expression, a year, or a relative period
        let Match { end: m2, value: spec } = self
            .month_expr(m)
            .or_else(|| self.month_alone(m))
            .or_else(|| self.period_rel(m))
            .or_else(|| self.year_expr(m))
            .or_else(|| {
                self.hijri_date(m).filter(|h| h.value.base.is_some_and(|b| b.end.is_some()))
            })
            .or_else(|| {
                // bare "month" / "year" / "week" / "الشهر" / "العام": the current one
                let (u, c) = self.unit(m)?;
                if u >= Unit::Week && u != Unit::Quarter && c == 1 {
                    let g = time::unit_grain(u);
                    let t = TimeValue::point(truncate(a.now, g), g);
                    Some(Match { end: m + 1, value: Spec { base: Some(t), ..Spec::default() } })
                } else {
                    None
                }
            })?;
        let period = self.resolve(&spec)?;
        // a Hijri month (a Hijri year is no month: left alone as before)
        if period.calendar == Calendar::Hijri && period.reading == Reading::AtGrain(Grain::Month) {
            let t = hijri_part(period, p)?;
            return Some(Match {
                end: m2,
                value: Spec { base: Some(t), absolute: spec.absolute, ..Spec::default() },
            });
        }
        let g = period.grain;
        if !matches!(g, Grain::Month | Grain::Year | Grain::Week) {
            return None;
        }
        let today = truncate(a.now, Grain::Day);
        let t = if p == Part::Earlier {
            // "earlier this month": its start to today (a period not begun has no earlier part)
            if period.start >= today || period.end_exclusive() < today {
                return None;
            }
            TimeValue::interval(period.start, today, Grain::Day)
        } else if self.is_arabic() && p == Part::Begin && g == Grain::Month {
            TimeValue::point(period.start, Grain::Day)
        } else if self.is_arabic() && p == Part::Mid && g == Grain::Month {
            TimeValue::point(add_grain(period.start, Grain::Day, 14), Grain::Day)
        } else {
            part_interval(period.start, g, p, self.lang)
        };
        // TimeML: the period itself, with where in it ("late November": 1999-11, END)
        let t = t.read_as(Reading::AtGrain(g)).with_mod(part_mod(p));
        Some(Match {
            end: m2,
            value: Spec { base: Some(t), absolute: spec.absolute, ..Spec::default() },
        })
    }

    /// "العشر الأواخر من رمضان", "العشر الأوائل من ذي الحجة": ten days at one end of a month.
    pub(super) fn ar_tens(&self, i: usize) -> Option<Match<Spec>> {
        if !self.is_arabic() || !self.tok(i)?.al || !self.has(i, features::TEEN) {
            return None;
        }
        let p = self.part(i + 1)?;
        let mut k = i + 2;
        if self.connective(k, Connective::From) {
            k += 1;
        }
        let Match { end: k2, value: spec } = self.hijri_date(k).or_else(|| self.month_expr(k))?;
        let period = self.resolve(&spec)?;
        let (s, e) = (period.start, period.end_exclusive());
        let day = |n: i64| add_grain(s, Grain::Day, n);
        let (from, to) = match p {
            Part::Early | Part::Begin => (s, day(10)),
            Part::Mid | Part::Middle => (day(10), day(20)),
            Part::Late | Part::End | Part::Last => (add_grain(e, Grain::Day, -10), e),
            _ => return None,
        };
        let mut t = TimeValue::interval(from, to, Grain::Day);
        t.calendar = period.calendar;
        if t.calendar == Calendar::Hijri {
            // TimeML has no Hijri values: the Gregorian month in which the ten days start
            t = t.read_as(Reading::AtGrain(Grain::Month));
        }
        Some(Match {
            end: k2,
            value: Spec { base: Some(t), absolute: spec.absolute, ..Spec::default() },
        })
    }
}

/// A part of a Hijri month (`month`, its Gregorian stretch): its first day (بداية), its 15th
/// (منتصف), or ten days at one end or in the middle, as the Gregorian parts are. TimeML has no
/// Hijri values: a day is its Gregorian day, a stretch the Gregorian month in which it starts
/// (as for the month itself, see `hijri.rs`).
fn hijri_part(month: TimeValue, p: Part) -> Option<TimeValue> {
    let (s, e) = (month.start, month.end_exclusive());
    let d = |n: i64| add_grain(s, Grain::Day, n);
    let t = match p {
        Part::Begin => return Some(TimeValue::point(s, Grain::Day).hijri()),
        Part::Mid => return Some(TimeValue::point(d(14), Grain::Day).hijri()),
        Part::Early => TimeValue::interval(s, d(10), Grain::Day),
        Part::Middle => TimeValue::interval(d(10), d(20), Grain::Day),
        Part::Late | Part::End => TimeValue::interval(d(20), e, Grain::Day),
        _ => return None,
    };
    Some(t.hijri().read_as(Reading::AtGrain(Grain::Month)))
}

/// Parts of a month, a year or a week as intervals (`to` exclusive).
pub(super) fn part_interval(start: DateTime, g: Grain, p: Part, lang: Lang) -> TimeValue {
    let _ = lang;
    match g {
        Grain::Month => {
            let d = |n: i64| add_grain(start, Grain::Day, n);
            let end = add_grain(start, Grain::Month, 1);
            let (s, e) = match p {
                Part::Early | Part::Begin => (d(0), d(10)),
                Part::Mid | Part::Middle => (d(10), d(20)),
                _ => (d(20), end),
            };
            TimeValue::interval(s, e, Grain::Day)
        }
        Grain::Year => {
            let m = |n: i64| add_grain(start, Grain::Month, n);
            let (s, e) = match p {
                Part::Early | Part::Begin => (m(0), m(3)),
                Part::Mid | Part::Middle => (m(3), m(9)),
                _ => (m(8), m(12)),
            };
            TimeValue::interval(s, e, Grain::Month)
        }
        _ => {
            let d = |n: i64| add_grain(start, Grain::Day, n);
            let (s, e) = match p {
                Part::Early | Part::Begin => (d(0), d(3)),
                Part::Mid | Part::Middle => (d(2), d(5)),
                _ => (d(4), d(7)),
            };
            TimeValue::interval(s, e, Grain::Day)
        }
    }
}

/// The TIMEX3 modifier of a part of a period.
pub(super) fn part_mod(p: Part) -> Mod {
    match p {
        Part::Early | Part::Begin | Part::Earlier | Part::Bom | Part::Boy => Mod::Start,
        Part::Mid | Part::Middle => Mod::Mid,
        Part::Late | Part::End | Part::Last | Part::Eom | Part::Eoy | Part::Eod => Mod::End,
    }
}
