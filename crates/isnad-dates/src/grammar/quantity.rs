//! Amounts of time, read for the offsets, durations and stretches that count them (no family
//! of its own: its fixtures are `offset`'s).
//!
//! Reads "3 days", "three days", "ثلاثة أيام", "يومين" (a dual), "أسبوع" (a bare unit is one),
//! "a week", "a fortnight", "half an hour", "2.5 hours", "5 1/2 hours", "a minute and a half",
//! "15'", "3 fridays", "four consecutive quarters". A fraction is counted in the next smaller
//! unit ("2 1/2 years": 30 months); the duration rule gives it back its own unit for TimeML
//! (`P2Y6M`).

use super::*;
use crate::classes::Class;
use crate::vocab::{Connective, Sense, Unit};

impl<'a, 'v> Parser<'a, 'v> {
    /// "3 days", "ثلاثة أيام", "يومين", "a week", "two weeks", "a fortnight", "3 fridays".
    pub(super) fn quantity(&self, i: usize) -> Option<Match<(i64, CountUnit)>> {
        // "about a week", "نحو أسبوع"
        let i = if self.connective(i, Connective::Approx) { i + 1 } else { i };
        // "الشهرين": a definite noun names given periods, it is no amount of time
        if self.is_arabic() && self.unit(i).is_some() && self.tok(i)?.al {
            return None;
        }
        // dual: يومين
        if let Some((u, 2)) = self.unit(i) {
            if u == Unit::Week && !self.is_arabic() {
                return Some(Match { end: i + 1, value: (2, CountUnit::Unit(u)) });
            }
            if self.is_arabic() {
                return Some(Match { end: i + 1, value: (2, CountUnit::Unit(u)) });
            }
        }
        // Arabic: a bare unit means one ("قبل اسبوع", "بعد ساعة")
        if self.is_arabic()
            && let Some((u, 1)) = self.unit(i)
            && !self.tok(i)?.al
            && self.num(i + 1).is_none()
            && self.number(i + 1).is_none()
            // "شهر رمضان" names the month, it is no amount
            && self.hmonth_word(i + 1).is_none()
        {
            // and "ساعة واحدة"
            let j = if self.senses(i + 1).iter().any(|s| matches!(s, Sense::Num { value: 1, .. })) {
                i + 2
            } else {
                i + 1
            };
            return Some(Match { end: j, value: (1, CountUnit::Unit(u)) });
        }
        let is_a = |k: usize| {
            self.senses(k).iter().any(|s| matches!(s, Sense::Num { value: 1, weak: true }))
        };
        let frac_at = |k: usize| {
            self.senses(k).iter().find_map(|s| if let Sense::Frac(f) = s { Some(*f) } else { None })
        };
        // fractions of an hour: "half an hour", "a quarter of an hour", "three-quarters of an hour"
        {
            let mut k = i;
            let mut mult = 1.0;
            if let Some(Match { end: k2, value: v }) = self.number(k).filter(|_| !is_a(k)) {
                if self.punct(k2, '-') && frac_at(k2 + 1).is_some() {
                    mult = f64::from(v);
                    k = k2 + 1;
                }
            } else if is_a(k) && frac_at(k + 1).is_some() {
                k += 1;
            }
            if let Some(f) = frac_at(k) {
                let mut m = k + 1;
                if self.tok_text(m) == Some("s") {
                    m += 1;
                }
                if self.connective(m, Connective::Of) {
                    m += 1;
                }
                if is_a(m) {
                    m += 1;
                }
                if self.is_unit(m, Unit::Hour) {
                    return Some(Match {
                        end: m + 1,
                        value: ((mult * f64::from(f)) as i64, CountUnit::Unit(Unit::Minute)),
                    });
                }
            }
        }
        let Match { end: mut j, value: n } = self.number(i)?;
        let mut n = f64::from(n);
        // decimals and fractions: "2.5 hours", "1/4h", "2 and an half hours"
        if self.punct(j, '.') && self.glued(j - 1) {
            if let Some((d, dg)) = self.num(j + 1) {
                n += f64::from(d) / 10f64.powi(i32::from(dg));
                j += 2;
            }
        } else if self.punct(j, '/') && self.glued(j - 1) {
            let (d, _) = self.num(j + 1)?;
            if d == 0 || !self.is_unit(j + 2, Unit::Hour) {
                return None;
            }
            n /= f64::from(d);
            j += 2;
        } else if self.connective(j, Connective::And) && is_a(j + 1) && frac_at(j + 2).is_some() {
            n += f64::from(frac_at(j + 2)?) / 60.0;
            j += 3;
        } else if self.num(j) == Some((1, 1))
            && self.punct(j + 1, '/')
            && self.glued(j)
            && self.glued(j + 1)
            && self.num(j + 2) == Some((2, 1))
        {
            // a mixed number: "5 1/2 hours"
            n += 0.5;
            j += 3;
        }
        // "15'" = minutes, "1\"" = seconds (not a year before a closing quotation mark:
        // "for 1989\"")
        let year_like = n >= 1000.0;
        if self.glued(j - 1) && self.punct(j, '\'') && !year_like {
            return Some(Match { end: j + 1, value: (n as i64, CountUnit::Unit(Unit::Minute)) });
        }
        if self.glued(j - 1) && self.punct(j, '"') && !year_like {
            return Some(Match { end: j + 1, value: (n as i64, CountUnit::Unit(Unit::Second)) });
        }
        let j = self.after_count(j);
        if let Some(wd) = self.weekday(j).filter(|w| w.2) {
            return Some(Match { end: j + 1, value: (n as i64, CountUnit::Weekday(wd.0)) });
        }
        let (u, c) = self.unit(j)?;
        // "the 1988 quarter", "its 2024 season": a year before a singular unit names a period and
        // counts nothing (an amount of that many takes the plural)
        if !self.is_arabic()
            && j == i + 1
            && self.num(i).is_some_and(|(v, digits)| digits == 4 && (1000..=2199).contains(&v))
            && !self.tok_text(j).is_some_and(|w| w.ends_with('s'))
        {
            return None;
        }
        let mut n = n * f64::from(c.max(1));
        let mut end = j + 1;
        // "a minute and a half", "two years and a half"
        if n.fract() == 0.0
            && self.connective(end, Connective::And)
            && is_a(end + 1)
            && frac_at(end + 2) == Some(30)
        {
            n += 0.5;
            end += 3;
        }
        if n.fract() != 0.0 {
            // "2.5 hours", "2 1/2 years": counted in the next smaller unit (150 minutes, 30
            // months) when that makes a whole number
            let (smaller, per) = smaller_unit(u)?;
            let m = n * f64::from(per);
            if m.fract() != 0.0 {
                return None;
            }
            return Some(Match { end, value: (m as i64, CountUnit::Unit(smaller)) });
        }
        Some(Match { end, value: (n as i64, CountUnit::Unit(u)) })
    }
}

impl<'a, 'v> Parser<'a, 'v> {
    /// Past the words between a count and what it counts at `j`: "couple of", "2 more
    /// minutes", "four consecutive quarters", "three straight days" (`in-a-row` in the classes
    /// file).
    fn after_count(&self, mut j: usize) -> usize {
        if self.connective(j, Connective::Of) || self.tok_text(j) == Some("more") {
            j += 1;
        }
        // (a unit after the word first: most numbers have none there)
        if !self.is_arabic()
            && self.unit(j + 1).is_some()
            && self.tok_text(j).is_some_and(|w| self.classes.has(w, Class::InARow))
        {
            j += 1;
        }
        j
    }
}

/// The unit below `u` that a fraction of it is counted in, and how many of it make one `u`:
/// TimeML's table ([`crate::timex3::DurationUnit::smaller`]), read back in the grammar's units.
pub(super) fn smaller_unit(u: Unit) -> Option<(Unit, u32)> {
    const UNITS: [Unit; 8] = [
        Unit::Second,
        Unit::Minute,
        Unit::Hour,
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Year,
    ];
    let (smaller, per) = offset::duration_unit(u).smaller()?;
    UNITS.into_iter().find(|&s| offset::duration_unit(s) == smaller).map(|s| (s, per))
}

/// What a quantity counts: units of time ("3 days") or weekdays ("3 fridays from now").
#[derive(Clone, Copy, Debug)]
pub(super) enum CountUnit {
    /// Units of time.
    Unit(Unit),
    /// A weekday (1 = Monday).
    Weekday(u8),
}
