//! Times of day as stretches of a day.
//!
//! **Reads**: "this morning", "tonight", "this evening", "last night", "tomorrow morning",
//! "Monday afternoon", "late last night", "the morning of the 15th", "صباح اليوم", "هذا
//! الصباح", "مساء اليوم", "الليلة", "مساء أمس", "مساء الثلاثاء".
//!
//! **Not**: "early-morning tweets", "late-night calls" (compound adjectives); a bare "morning"
//! in running text; a weak word without a day ("الجزائر والمغرب": Morocco; "العصر الحديث": the
//! age; "الشيخ صباح": a name).
//!
//! **Data**: `data/{ar,en}.tsv` senses `daypart P [weak]`, `part early|late`, `rel`, `conn of`.
//!
//! **Fixture**: `tests/corpus/ar/daypart.txt`, `tests/corpus/en/daypart.txt`.

use super::*;
use crate::time::{TimeValue, add_days};
use crate::vocab::{Connective, DayPart, Part, Relative};

impl<'a, 'v> Parser<'a, 'v> {
    /// A day-part phrase: "this morning", "tonight", "late last night", "مساء الأحد", "صباح اليوم",
    /// "هذه الليلة"; after a date (`attached`) just the part: "tomorrow evening", "monday early
    /// morning", "february the 15th in the morning".
    pub(super) fn daypart_phrase(&self, i: usize, attached: bool) -> Option<Match<Spec>> {
        // "early-morning tweets", "late-night calls": a compound adjective, no time
        if i > 0 && self.punct(i - 1, '-') && !self.tok(i)?.space {
            return None;
        }
        let mut k = i;
        let late = self.part(k) == Some(Part::Late);
        let early = self.part(k) == Some(Part::Early);
        if late || early {
            k += 1;
        }
        if let Some(r) = self.relative(k) {
            let dp = self.daypart(k + 1)?;
            if attached {
                return None;
            }
            let a = self.anchor;
            let day = match r {
                Relative::Last if matches!(dp, DayPart::Night | DayPart::Evening) => {
                    add_days(a.today(), -1)
                }
                // English "this morning at 3": the part of day steers the clock, the day follows it
                Relative::This if !self.is_arabic() && self.clock_after(k + 2) => {
                    return Some(Match {
                        end: k + 2,
                        value: Spec { daypart: Some(adjust(dp, late, early)), ..Spec::default() },
                    });
                }
                Relative::This => a.today(),
                _ => return None,
            };
            return Some(Match {
                end: k + 2,
                value: Spec {
                    daypart: Some(adjust(dp, late, early)),
                    base: Some(TimeValue::day(day)),
                    ..Spec::default()
                },
            });
        }
        let dp = self.daypart(k)?;
        if matches!(dp, DayPart::Noon | DayPart::Midnight)
            && !(self.is_arabic() && !attached && self.date(k + 1).is_some())
        {
            return None;
        }
        let mut j = k + 1;
        let mut s = Spec { daypart: Some(adjust(dp, late, early)), ..Spec::default() };
        if dp == DayPart::Tonight
            || self.is_arabic() && dp == DayPart::Night && self.tok(k)?.al && !attached
        {
            s.daypart = Some(adjust(dp, late, early));
            if !attached {
                s.base = Some(TimeValue::day(self.anchor.today()));
            }
            return Some(Match { end: j, value: s });
        }
        if attached {
            if self.tok_text(j) == Some("ish") {
                j += 1;
            }
            return Some(Match { end: j, value: s });
        }
        // "مساء الأحد", "صباح اليوم", "morning of xmas", "morning of the 15th of february"
        let m = if self.connective(j, Connective::Of) { j + 1 } else { j };
        if (self.is_arabic() || m > j)
            && let Some(Match { end: m2, value: d }) = self.date(m)
            && !d.has_time()
        {
            merge(&mut s, &d);
            return Some(Match { end: m2, value: s });
        }
        // "المغرب" without a day is Morocco, "العصر" the age: a weak word is a time only with a
        // day ("مغرب اليوم", above), a clock, or "since"/"at" before it ("منذ الفجر", "عند
        // المغرب"; not "في المغرب", in Morocco)
        if self.daypart_weak(k)
            && !(i > 0
                && (self.connective(i - 1, Connective::Since)
                    || self.connective(i - 1, Connective::At)))
        {
            return None;
        }
        if self.is_arabic()
            && !self.tok(k)?.clitic
            && !matches!(dp, DayPart::Evening | DayPart::Morning)
        {
            return None;
        }
        if !self.is_arabic() && !attached && self.clock_after(j) {
            return Some(Match { end: j, value: s });
        }
        if !self.is_arabic()
            && i == k
            && !self.context_before(i)
            && !self.connective(j, Connective::At)
            && !self.punct(j, '@')
        {
            // a bare "morning" is latent in Duckling; news rarely means today by it
            if self.tok(i.wrapping_sub(1)).is_some() || self.tok(j).is_some() {
                return None;
            }
        }
        s.base = Some(TimeValue::day(self.anchor.today()));
        Some(Match { end: j, value: s })
    }
}

pub(super) fn adjust(dp: DayPart, late: bool, early: bool) -> DayPart {
    let _ = early;
    if late && matches!(dp, DayPart::Night | DayPart::Tonight) {
        return DayPart::Midnight;
    }
    if early && dp == DayPart::Morning {
        return DayPart::Dawn;
    }
    dp
}

/// Hours `[from, to)` of a day part, as an interval of the day.
pub(super) fn daypart_hours(dp: DayPart) -> (i64, i64) {
    match dp {
        DayPart::Dawn => (0, 9),
        DayPart::Morning => (0, 12),
        DayPart::Noon | DayPart::Lunch => (12, 14),
        DayPart::Afternoon => (12, 19),
        DayPart::Evening | DayPart::Night | DayPart::Tonight => (18, 24),
        // "late tonight"
        DayPart::Midnight => (21, 24),
    }
}

/// The 24-hour hour of a 12-hour clock reading in a day part ("3 عصرا" = 15, "12 ظهرا" = 12).
pub(super) fn daypart_hour(dp: DayPart, h: i64) -> i64 {
    match dp {
        DayPart::Dawn | DayPart::Morning => {
            if h == 12 {
                0
            } else {
                h
            }
        }
        DayPart::Noon | DayPart::Lunch => {
            if h < 6 {
                h + 12
            } else {
                h
            }
        }
        DayPart::Afternoon => {
            if h < 12 {
                h + 12
            } else {
                h
            }
        }
        DayPart::Evening | DayPart::Tonight => {
            if h < 12 {
                h + 12
            } else if h == 12 {
                24
            } else {
                h
            }
        }
        DayPart::Night => {
            if (5..12).contains(&h) {
                h + 12
            } else if h == 12 {
                24
            } else {
                h
            }
        }
        DayPart::Midnight => h,
    }
}
