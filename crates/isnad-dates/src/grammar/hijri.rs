//! Hijri dates and months, converted to Gregorian values and marked `hijri`.
//!
//! **Reads**: "15 رمضان 1446هـ", "15 رمضان 1446 هـ", "15 رمضان", "رمضان", "شهر رمضان", "رمضان
//! المقبل", "رمضان الماضي", "شهر رمضان لعام 1445هـ", "رمضان 2019" (the Ramadan that starts in
//! Gregorian 2019), "20 شعبان 1446هـ".
//!
//! **Not**: weak month names alone ("رجب" as a given name, "صفر" as zero), a Gregorian year
//! with `هـ`.
//!
//! **Data**: `data/{ar,en}.tsv` senses `hmonth N [weak]`, `era ah`, `rel`, `unit month`; the
//! calendar variant of [`crate::HijriVariant`].
//!
//! **Fixture**: `tests/corpus/ar/hijri.txt`.

use isnad_core::Grain;
use jiff::civil::Time;

use super::*;
use crate::time::{self, TimeValue};
use crate::vocab::{Connective, Era, Relative, Unit};

impl<'a, 'v> Parser<'a, 'v> {
    /// Hijri dates: "15 رمضان 1446هـ", "رمضان المقبل", "شهر رمضان لعام 1445هـ", "رمضان 2019".
    pub(super) fn hijri_date(&self, i: usize) -> Option<Match<Spec>> {
        let hv = self.anchor.hijri;
        let mut k = i;
        let day = self.day_num(k);
        if let Some(Match { end: k2, value: _ }) = day {
            k = k2;
            if self.connective(k, Connective::From) {
                k += 1;
            }
        }
        let Match { end: mut j, value: (m, weak) } = self.hmonth(k)?;
        let mut hy: Option<i32> = None;
        let mut gy: Option<i32> = None;
        let mut rel = None;
        let mut y = j;
        if self.connective(y, Connective::From) || self.connective(y, Connective::In) {
            y += 1;
        }
        if let Some(Match { end: y2, value: (yy, era) }) = self.year(y) {
            if era == Some(Era::Ah) || (yy > 1300 && yy < 1600) {
                hy = Some(yy);
            } else {
                gy = Some(yy);
            }
            j = y2;
            // the Gregorian twin: "1446هـ 2025م"
            if let Some(Match { end: y3, value: (_, e2) }) = self.year(j)
                && e2 != Some(Era::Ah)
            {
                j = y3;
            }
        } else if let Some(r) = self.relative(j).filter(|_| self.unit(j + 1).is_none()) {
            rel = Some(r);
            j += 1;
        } else if weak && day.is_none() {
            return None;
        }
        let year = match (hy, gy) {
            (Some(h), _) => h,
            (None, Some(g)) => {
                // the Hijri year whose month m starts in Gregorian year g
                let approx = ((g - 622) as f64 * 33.0 / 32.0) as i32;
                (approx - 1..=approx + 2).find(|&h| {
                    time::hijri_month(hv, h, m).is_some_and(|(s, _)| i32::from(s.year()) == g)
                })?
            }
            (None, None) => self.hijri_year_unwritten(m, day.map(|d| d.value), rel)?,
        };
        let mut s = Spec { absolute: hy.is_some() || gy.is_some(), ..Spec::default() };
        match day {
            Some(Match { end: _, value: d }) => {
                let g = time::hijri_to_greg(hv, year, m, d)?;
                s.base = Some(TimeValue::day(g).hijri());
            }
            None => {
                let (st, en) = time::hijri_month(hv, year, m)?;
                s.base = Some(
                    TimeValue::interval(
                        st.to_datetime(Time::midnight()),
                        en.to_datetime(Time::midnight()),
                        Grain::Day,
                    )
                    .hijri(),
                );
            }
        }
        Some(Match { end: j, value: s })
    }

    /// The Hijri year of month `m` (day `day`) written without one: by its relative word
    /// ("رمضان المقبل", "رمضان الماضي"), else by the bare-reference policy (future: this year's
    /// unless it is over; past and nearest: the nearest, as for Gregorian months).
    fn hijri_year_unwritten(&self, m: u8, day: Option<u8>, rel: Option<Relative>) -> Option<i32> {
        let hv = self.anchor.hijri;
        let today = self.anchor.today();
        let (cy, cm, cd) = time::greg_to_hijri(hv, today)?;
        Some(match rel {
            Some(Relative::Last) => {
                if m < cm {
                    cy
                } else {
                    cy - 1
                }
            }
            Some(Relative::Next) => {
                if m > cm {
                    cy
                } else {
                    cy + 1
                }
            }
            Some(Relative::This | Relative::Same) => cy,
            None => match self.policy() {
                crate::Bare::Past | crate::Bare::Nearest => {
                    let dist = |hy: i32| {
                        let (s, e) = time::hijri_month(hv, hy, m)?;
                        let d = if today < s {
                            today.until(s).ok()?.get_days()
                        } else if today >= e {
                            e.until(today).ok()?.get_days() + 1
                        } else {
                            0
                        };
                        Some(d)
                    };
                    [cy - 1, cy, cy + 1]
                        .into_iter()
                        .min_by_key(|&hy| dist(hy).unwrap_or(i32::MAX))
                        .unwrap_or(cy)
                }
                _ => {
                    let over = m < cm || m == cm && day.unwrap_or(30) < cd;
                    if over { cy + 1 } else { cy }
                }
            },
        })
    }

    /// A Hijri month name, or شهر + a Hijri month name ("شهر رمضان").
    pub(super) fn hmonth(&self, i: usize) -> Option<Match<(u8, bool)>> {
        if let Some((m, weak)) = self.hmonth_word(i) {
            return Some(Match { end: i + 1, value: (m, weak) });
        }
        if self.is_arabic()
            && self.is_unit(i, Unit::Month)
            && !self.tok(i)?.al
            && let Some((m, _)) = self.hmonth_word(i + 1)
        {
            return Some(Match { end: i + 2, value: (m, false) });
        }
        None
    }
}
