//! Hijri dates and months, converted to Gregorian values and marked `hijri`.
//!
//! **Reads**: "15 رمضان 1446هـ", "15 رمضان 1446 هـ", "15 رمضان", "غرة شهر ذي الحجة" (its first
//! day), "شهر رمضان", "في رمضان", "رمضان المقبل", "رمضان الماضي", "شهر رمضان لعام 1445هـ",
//! "رمضان 2019" (the Ramadan that starts in Gregorian 2019), "20 شعبان 1446هـ".
//!
//! **Not**: weak month names alone ("رجب" as a given name, "صفر" as zero); month names that
//! are also given names or words ("رمضان", "شعبان", "محرم" = forbidden) alone without a
//! preposition of time before them ("التقى رمضان عبد الله", "الأمر محرم"); a Gregorian year
//! with `هـ`.
//!
//! **TIMEX3**: TimeML has no Hijri values. A Hijri month without a day is the Gregorian stretch
//! it covers (`from`/`to`), and its TIMEX3 is the Gregorian month in which it starts (Dhu
//! al-Qa'da 1441, 22 Jun - 21 Jul 2020, is `2020-06`), the convention of our gold; a day is its
//! Gregorian day.
//!
//! **Data**: `data/{ar,en}.tsv` senses `hmonth N [weak|name]`, `era ah`, `rel`, `unit month`,
//! `ord 1` (غرة); the calendar variant of [`crate::HijriVariant`].
//!
//! **Fixture**: `tests/corpus/ar/hijri.txt` (the names and words: the negatives, `not-dates.txt`).

use isnad_core::Grain;
use jiff::civil::Time;

use super::*;
use crate::classes::Class;
use crate::time::{self, TimeValue};
use crate::timex3::Reading;
use crate::vocab::{Connective, Era, Relative, Unit};

/// How much company a Hijri month name needs to be read as the month (see
/// [`crate::vocab::Sense::HijriMonth`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Strength {
    /// Always the month ("شوال", "ذو الحجة").
    Strong,
    /// Also a given name or word: alone, only after a preposition of time ("في رمضان").
    Name,
    /// Only with a number, a year, شهر or a relative word ("27 رجب").
    Weak,
}

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
        let Match { end: mut j, value: (m, strength) } = self.hmonth(k)?;
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
        } else if day.is_none() {
            match strength {
                Strength::Weak => return None,
                Strength::Name if !self.time_word_before(k) => return None,
                _ => {}
            }
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
                    .hijri()
                    .read_as(Reading::AtGrain(Grain::Month)),
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

    /// Whether a preposition of time ("في", "خلال", "منذ", "قبل", "بعد", "حتى", or ب/ل on the
    /// word: «برمضان»), a part of a period ("منتصف", "العشر الأواخر من") or a word of the class
    /// `hijri-company` («حلول رمضان», «رمضان المبارك») stands beside the month name at `i`:
    /// what lets a month name that is also a given name be the month.
    fn time_word_before(&self, i: usize) -> bool {
        let company = |k: usize| {
            self.tok_text(k).is_some_and(|w| {
                let w = w.strip_prefix('و').unwrap_or(w);
                self.classes.has(w, Class::HijriCompany)
            })
        };
        // «برمضان», «لرمضان»: a preposition on the word itself; «رمضان المبارك»
        if self.tok(i).is_some_and(|t| t.clitic && !t.conj && !t.al) || company(i + 1) {
            return true;
        }
        let Some(p) = i.checked_sub(1) else { return false };
        if company(p) {
            return true;
        }
        [
            Connective::In,
            Connective::Within,
            Connective::Since,
            Connective::Before,
            Connective::After,
            Connective::Until,
        ]
        .into_iter()
        .any(|c| self.connective(p, c))
            || self.part(p).is_some()
            || self.connective(p, Connective::From) && p > 0 && self.part(p - 1).is_some()
    }

    /// A Hijri month name, or شهر + a Hijri month name ("شهر رمضان").
    pub(super) fn hmonth(&self, i: usize) -> Option<Match<(u8, Strength)>> {
        if let Some((m, strength)) = self.hmonth_word(i) {
            return Some(Match { end: i + 1, value: (m, strength) });
        }
        if self.is_arabic()
            && self.is_unit(i, Unit::Month)
            && !self.tok(i)?.al
            && let Some((m, _)) = self.hmonth_word(i + 1)
        {
            return Some(Match { end: i + 2, value: (m, Strength::Strong) });
        }
        None
    }
}
