//! Months and years.
//!
//! **Reads**: "in March", "next March", "last October", "October 2024", "October of 2024",
//! "March after next", "in 2014", "2014" standing alone, "مارس المقبل", "أكتوبر الماضي", "شهر
//! مارس المقبل", "عام 2014", "العام 2014", "2014م", "للعام 1444هـ 2023م" (the Gregorian twin of a
//! Hijri year), "1444هـ" (the Gregorian span of the Hijri year).
//!
//! Also a year after an Arabic noun of an event or a season («الحج 2023», «مونديال 2022»).
//!
//! **Not**: "March", "May" alone (verbs and names); a four-digit number that is a count ("2014
//! people", «المعرض 2000 زائر»), outside 1900-2100 without an era or a year word (but for an
//! English one from 1000 after "in" or "since" at the end of its clause: "from Spain in 1898.");
//! "the 1990s" (a decade).
//!
//! **Data**: `data/{ar,en}.tsv` senses `month N [weak]`, `unit year`, `era ad|bc|ah`, `rel`,
//! `conn of|in|from|after`.
//!
//! **Fixture**: `tests/corpus/ar/month_year.txt`, `tests/corpus/en/month_year.txt`.

use isnad_core::Grain;
use jiff::civil::Time;

use super::*;
use crate::classes::Class;
use crate::time::{self, TimeValue};
use crate::timex3::Reading;
use crate::tokenize::{Kind, Tok};
use crate::vocab::{Connective, Era, Relative, Unit};

impl<'a, 'v> Parser<'a, 'v> {
    /// Month expressions: "March", "October 2014", "next March", "June last year", "يونيو
    /// الماضى"; "الشهر المقبل" is in [`Self::period_rel`].
    pub(super) fn month_expr(&self, i: usize) -> Option<Match<Spec>> {
        let mut k = i;
        let mut pre = None;
        if !self.is_arabic()
            && let Some(r) = self.relative(k)
        {
            pre = Some(r);
            k += 1;
        }
        let Match { end: mut j, value: (m, weak) } = self.month(k)?;
        let mut s = Spec { month: Some(m), ..Spec::default() };
        let mut k2 = j;
        if self.punct(k2, ',') {
            k2 += 1;
        }
        if (self.connective(k2, Connective::Of)
            || self.connective(k2, Connective::In)
            || self.connective(k2, Connective::From))
            && self.year(k2 + 1).is_some()
        {
            k2 += 1;
        }
        let mut strong = !weak || pre.is_some() || self.context_before(i) || self.planned_for(i);
        if let Some(Match { end: k3, value: (y, era) }) = self.year(k2) {
            if era == Some(Era::Ah) {
                return None;
            }
            s.year = Some(y);
            s.absolute = true;
            j = k3;
            strong = true;
        } else if !self.is_arabic()
            && pre.is_none()
            && let Some(r) = self.relative(j)
            && self.unit(j + 1) == Some((Unit::Year, 1))
        {
            // "June last year", "January this year", "March next year": that month of the year
            // the relative names (a weak month still needs its context: "the tour may last year
            // round" is no date)
            let y = i32::from(self.anchor.today().year());
            s.year = Some(match r {
                Relative::This | Relative::Same => y,
                Relative::Last => y - 1,
                Relative::Next => y + 1,
            });
            j += 2;
        } else if let Some(r) =
            pre.or_else(|| if self.is_arabic() { self.relative(j) } else { None })
        {
            if pre.is_none() {
                j += 1;
            }
            strong = true;
            let a = self.anchor;
            let y = i32::from(a.today().year());
            let cur = a.today().month() as u8;
            s.year = Some(match r {
                Relative::This | Relative::Same => y,
                Relative::Last => {
                    if m < cur || (self.is_arabic() && m <= cur) {
                        y
                    } else {
                        y - 1
                    }
                }
                Relative::Next => {
                    if m > cur || (self.is_arabic() && m >= cur) {
                        y
                    } else {
                        y + 1
                    }
                }
            });
            // "March after next"
            if !self.is_arabic()
                && r == Relative::Next
                && self.connective(j, Connective::After)
                && self.relative(j + 1) == Some(Relative::Next)
            {
                s.year = Some(s.year? + 1);
                j += 2;
            }
        } else if !self.is_arabic()
            && self.connective(j, Connective::In)
            && self.quantity(j + 1).is_some_and(|Match { end: _, value: (_, u) }| {
                matches!(u, CountUnit::Unit(Unit::Year))
            })
        {
            // "March in 1 year": that month of the year so many years ahead
            let Match { end: k3, value: (n, _) } = self.quantity(j + 1)?;
            s.year = Some(i32::from(self.anchor.today().year()) + n as i32);
            j = k3;
            strong = true;
        } else if !self.is_arabic()
            && self.connective(j, Connective::After)
            && self.relative(j + 1) == Some(Relative::Next)
        {
            let a = self.anchor;
            let y = i32::from(a.today().year());
            let cur = a.today().month() as u8;
            s.year = Some(if m > cur { y + 1 } else { y + 2 });
            j += 2;
            strong = true;
        }
        if !strong {
            return None;
        }
        Some(Match { end: j, value: s })
    }

    /// A year: "2014", "in 2014 AD", "عام 2006", "للعام 1444هـ 2023 م" (Hijri year with its
    /// Gregorian twin: the Gregorian year), "1444هـ" alone (the Gregorian span of the Hijri year).
    /// Not a bare number before a currency or a measure («إلى 1950 دولارا»).
    pub(super) fn year_expr(&self, i: usize) -> Option<Match<Spec>> {
        let Match { end: j, value: (y, era) } = self.year(i)?;
        if era == Some(Era::Ah) {
            // a Gregorian year right after wins
            if let Some(Match { end: k, value: (gy, gera) }) = self.year(j)
                && gera != Some(Era::Ah)
            {
                return Some(Match {
                    end: k,
                    value: Spec { year: Some(gy), absolute: true, ..Spec::default() },
                });
            }
            let (s, _) = time::hijri_month(self.anchor.hijri, y, 1)?;
            let (_, e) = time::hijri_month(self.anchor.hijri, y, 12)?;
            let t = TimeValue::interval(
                s.to_datetime(Time::midnight()),
                e.to_datetime(Time::midnight()),
                Grain::Day,
            )
            .hijri()
            // TimeML has no Hijri values: the Gregorian year in which it starts (as a Hijri
            // month is the Gregorian month in which it starts, see `hijri.rs`)
            .read_as(Reading::AtGrain(Grain::Year));
            return Some(Match {
                end: j,
                value: Spec { base: Some(t), absolute: true, ..Spec::default() },
            });
        }
        // a bare 4-digit number is a year only in a plausible range, and only after a preposition
        // ("in 2014", "منذ 2011") or standing alone between punctuation (a headline "2023")
        let explicit = self.is_unit(i, Unit::Year) || era.is_some();
        let edge =
            |k: Option<&Tok<'v>>| k.is_none_or(|t| matches!(t.kind, Kind::Punct(_) | Kind::Break));
        // an English year before 1900 after "in" or "since", closing its clause ("independence
        // from Spain in 1898.", "founded in 1750, the town …"); a count after the preposition
        // goes on to what it counts ("in 1500 homes"), and one after "by", "to", "from" is an
        // amount ("grew by 1200.")
        let old_year = !self.is_arabic()
            && (1000..1900).contains(&y)
            && edge(self.tok(j))
            && i > 0
            && (self.connective(i - 1, Connective::In)
                || self.connective(i - 1, Connective::Since));
        if !explicit && !(1900..=2100).contains(&y) && !old_year {
            return None;
        }
        if !explicit {
            let alone = edge(i.checked_sub(1).and_then(|p| self.tok(p))) && edge(self.tok(j));
            if !alone
                && !self.context_before(i)
                && !self.connective(i.wrapping_sub(1), Connective::Of)
                && !self.connective(i.wrapping_sub(1), Connective::Approx)
                && !self.year_slot(i, j)
                && !self.ar_event_year(i, j)
            {
                return None;
            }
            if self.counts(j) {
                return None;
            }
        }
        Some(Match { end: j, value: Spec { year: Some(y), absolute: true, ..Spec::default() } })
    }

    /// Whether the English token before `i` is a "for" after a word that looks ahead at it
    /// (`ahead-before`, `ahead-before-for`): "the vote is set for March", "talks are scheduled
    /// for May" name the month ("voted for May" does not).
    fn planned_for(&self, i: usize) -> bool {
        let ahead = |w: &str| {
            self.classes.has(w, Class::AheadBefore) || self.classes.has(w, Class::AheadBeforeFor)
        };
        !self.is_arabic()
            && i >= 2
            && self.connective(i - 1, Connective::For)
            && self.tok_text(i - 2).is_some_and(ahead)
    }

    /// Whether the bare number `i..j` is the year of an event or a season named by the Arabic
    /// noun before it («الحج 2023», «مونديال 2022 في قطر», «موسم 2024»): the noun is of the class
    /// `before-year` (with its clitics and article), and no other word follows the number
    /// («المعرض 2000 زائر» counts visitors).
    fn ar_event_year(&self, i: usize, j: usize) -> bool {
        if !self.is_arabic() || i == 0 || self.tok(j).is_some_and(|t| matches!(t.kind, Kind::Word))
        {
            return false;
        }
        let Some(w) = self.tok_text(i - 1) else { return false };
        let mut rest = w;
        for _ in 0..3 {
            if self.classes.has(rest, Class::BeforeYear) {
                return true;
            }
            rest = match rest.strip_prefix("ال") {
                Some(r) => r,
                None => match rest.chars().next().filter(|c| "وفبلك".contains(*c)) {
                    Some(c) => &rest[c.len_utf8()..],
                    None => return false,
                },
            };
        }
        self.classes.has(rest, Class::BeforeYear)
    }

    /// Whether the Arabic word at `j` is a noun a number before it counts: a currency or a
    /// measure, with the accusative ending («إلى 1950 دولارا») or in the plural («2000 دولار»،
    /// «1500 طن»).
    fn counts(&self, j: usize) -> bool {
        self.is_arabic()
            && self.tok_text(j).is_some_and(|w| {
                let w = w.strip_suffix('ا').unwrap_or(w);
                self.classes.has(w, Class::Counted)
            })
    }

    /// Whether the bare number `i..j` stands where English writes a year as a modifier: after
    /// a determiner, a possessive or a preposition that takes a year ("the 1996 campaign", "its
    /// 1990 invasion", "Kopp's 1998 trial", "for 1988", "into 1990"), or joined to another year
    /// ("between 1994 and 1997", "1990 and 1991", "1994, 1995 and 1997"). ("the 1,600 troops"
    /// has a comma and is no year; the joined one must be a four-digit number in range.)
    fn year_slot(&self, i: usize, j: usize) -> bool {
        if self.is_arabic() || i == 0 {
            return false;
        }
        let class = |k: usize, c: Class| self.tok_text(k).is_some_and(|w| self.classes.has(w, c));
        let year_at = |k: usize| {
            self.num(k).is_some_and(|(v, digits)| digits == 4 && (1900..=2100).contains(&v))
                && (!self.glued(k)
                    || self.tok(k + 1).is_some_and(|t| matches!(t.kind, Kind::Punct(_))))
        };
        let joined = |k: usize| class(k, Class::JoinsYears) || self.punct(k, ',');
        let p = i - 1;
        let possessive = p > 0
            && self.tok_text(p) == Some("s")
            && (self.punct(p - 1, '\'') || self.punct(p - 1, '’'));
        class(p, Class::BeforeYear)
            || possessive
            || joined(p) && p > 0 && year_at(p - 1)
            || joined(j) && year_at(j + 1)
            || self.punct(j, ',') && class(j + 1, Class::JoinsYears) && year_at(j + 2)
    }
}
