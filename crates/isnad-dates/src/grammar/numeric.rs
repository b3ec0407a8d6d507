//! Numeric dates written with separators.
//!
//! **Reads**: "2025-03-07", "7/3/2025" (day first in Arabic and British use), "3/7/2025" (an
//! English date whose first part cannot be a day is month first; when both readings are
//! possible, the one nearer the publication date), "25-12-2024", "2/2013", "2014-10", "21/09",
//! "04/23 17:33" (a dateline whose second part cannot be a month: month first).
//!
//! **Not**: phone numbers and longer runs ("650-650-6500"), times and scores ("3-4pm", "9:30 -
//! 11:00", "بنتيجة 3-1": a day-month with a hyphen needs a preposition of time before it),
//! arithmetic ("2025 - 12"), decimals ("3.5", "1.8300": a month and a point need a year of
//! our era after them).
//!
//! **Data**: none (digits and punctuation only).
//!
//! **Fixture**: `tests/corpus/ar/numeric.txt`, `tests/corpus/en/numeric.txt`.

use jiff::civil::Date;

use super::*;
use crate::vocab::features;

impl<'a, 'v> Parser<'a, 'v> {
    /// Numeric dates: 15/02/2025, 15-02-2011, 2015-03-03, 2/2013, 2014-10, 10.31.1974, 2/15.
    pub(super) fn numeric_date(&self, i: usize) -> Option<Match<Spec>> {
        let (a, da) = self.num(i)?;
        let sep_c = self.tok(i + 1)?.punct()?;
        if !matches!(sep_c, '/' | '-' | '.') {
            return None;
        }
        let (b, db) = self.num(i + 2)?;
        let spaced = self.tok(i + 1)?.space || self.tok(i + 2)?.space;
        // third component?
        let third = if self.punct(i + 3, sep_c) && !spaced { self.num(i + 4) } else { None };
        let mut s = Spec::default();
        let end;
        if let Some((c, dc)) = third {
            end = i + 5;
            if da == 4 {
                // y-m-d
                s.year = Some(a as i32);
                s.month = Some(b as u8);
                s.day = Some(c as u8);
            } else {
                let y = if dc == 4 {
                    c as i32
                } else if dc == 2 {
                    two_digit_year(c)
                } else {
                    return None;
                };
                // d/m/y in Arabic and British usage; m/d/y when the first cannot be a day-month
                let (d, m) = if self.is_arabic() {
                    (a, b)
                } else if a <= 12 && b > 12 {
                    (b, a)
                } else if b <= 12 && a > 12 {
                    (a, b)
                } else if self.has_published && a != b {
                    // both readings possible (12/02/2025): the one nearer the publication date
                    let today = self.anchor.today();
                    let dist = |d: u32, m: u32| {
                        Date::new(y as i16, m as i8, d as i8)
                            .ok()
                            .and_then(|x| today.until(x).ok())
                            .map(|s| i64::from(s.get_days()).abs())
                    };
                    match (dist(b, a), dist(a, b)) {
                        (Some(us), Some(eu)) if eu < us => (a, b),
                        _ => (b, a),
                    }
                } else {
                    (b, a)
                };
                s.year = Some(y);
                s.month = Some(m as u8);
                s.day = Some(d as u8);
            }
            s.absolute = true;
        } else {
            end = i + 3;
            if db == 4 && da <= 2 {
                // m/y; "1.8300" and "1.5765" are decimals (exchange rates), whose "year" no
                // news date has
                if sep_c == '.' && !(1000..=2199).contains(&b) {
                    return None;
                }
                s.month = Some(a as u8);
                s.year = Some(b as i32);
                s.absolute = true;
                if self.is_arabic() {
                    // Duckling AR reads "2/2013" as the first day of the month
                    s.day = Some(1);
                }
            } else if da == 4 && db <= 2 {
                // "2014-10", "2014/10"; spaced ("2025 - 12") is arithmetic or a range of numbers
                if sep_c == '.' || spaced {
                    return None;
                }
                s.year = Some(a as i32);
                s.month = Some(b as u8);
                s.absolute = true;
            } else if da <= 2 && db <= 2 && sep_c != '.' {
                // day-month without year: "21/09" in Arabic (d/m), "2/15" in English (m/d); an
                // Arabic one whose second part cannot be a month is month first when it heads a
                // line or a clock follows (a dateline "04/23 17:33")
                let month_first = if self.is_arabic() {
                    a <= 12 && b > 12 && (i == 0 || self.clock_after(i + 3))
                } else {
                    a <= 12
                };
                let (d, m) = if month_first { (b, a) } else { (a, b) };
                // "3-4pm" and "9:30 - 11:00" are not dates
                if self.has(i + 3, features::AMPM) || self.punct(i + 3, ':') {
                    return None;
                }
                // English news writes a day without its year in words: "3/4" and "6-3" are a
                // fraction and a score unless a preposition of time asks for a date ("on 3/4")
                let asked = i == 0 || self.context_before(i);
                if (!self.is_arabic() || sep_c == '-') && !asked {
                    // (Arabic too with a hyphen: "بنتيجة 3-1" is a score)
                    return None;
                }
                s.month = Some(m as u8);
                s.day = Some(d as u8);
            } else {
                return None;
            }
        }
        if let Some(m) = s.month
            && !(1..=12).contains(&m)
        {
            return None;
        }
        if let Some(d) = s.day
            && !(1..=31).contains(&d)
        {
            return None;
        }
        // Not a phone number or a longer numeric run ("650-650-6500").
        if self.punct(end, sep_c) && self.num(end + 1).is_some() {
            return None;
        }
        Some(Match { end, value: s })
    }
}
