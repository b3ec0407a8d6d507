//! The day of a clock time and the year of a day of a month that name none: those the sentence
//! named before them.
//!
//! **Reads**: a clock time on the day named before it: "The council will hold a session on
//! Thursday between 2pm and 5pm" (2pm and 5pm on that Thursday, not today), "Polls open on
//! Sunday, October 4, and close at 8pm". A clock time alone is a time of the day the sentence
//! is about; before this rule it was the next such time after publication. A day of a month in
//! the year or season named before it in its clause: "A similar strike in the summer of 2019
//! lasted from June 3 to July 14" (2019's), "The plant closed in 2021 on March 3". Narrative
//! news places its dates in the year it names.
//!
//! **Not**: a day of a month in another clause than the year ("sales rose in 2025, the company
//! said on March 3"), after a year that is a bound or a stretch ("since 2019", "by 2028",
//! "between 2019 and 2021"), or a month alone ("profit in 2025 … fell in January"); a clock
//! time after a day right after a verb in the past ("said on Monday it would open at 9am": the
//! day of the saying, not of what was said), after a day part or a stretch of days ("Thursday
//! morning", "this week"), or without am/pm, a day part or a 24-hour form ("at 4", which may be
//! either half of the day and keeps its rule); Arabic (its clock times are read on the day of
//! publication).
//!
//! **Data**: none of its own (the days and years are the other rules' expressions); the verb
//! in the past before a day of saying is read as `tense.rs` reads it (`data/en-classes.tsv`,
//! class `past`, and "-ed" forms).
//!
//! **Fixture**: `tests/corpus/en/named_day.txt`.

use isnad_core::Grain;
use jiff::civil::Date;

use super::*;
use crate::tense::past_verb_before;
use crate::timex3::Reading;

impl<'a, 'v> Parser<'a, 'v> {
    /// Notes the expression `t` found at token `i` (`dep`: its reading asked for the tense) as
    /// the day later clock times of the sentence are on, when it is one day.
    pub(super) fn note_day(&self, i: usize, t: &TimeValue, dep: bool) {
        if self.is_arabic()
            || t.grain != Grain::Day
            || t.end.is_some()
            || t.open != Open::No
            || t.reading != Reading::Calendar
        {
            return;
        }
        self.day_named.set(Some((t.start.date(), i, dep)));
    }

    /// The day a clock time without a date is on, when the sentence named one before it (a
    /// day read under the tense makes the clock's reading depend on the tense too).
    pub(super) fn day_for_clock(&self) -> Option<Date> {
        let (day, i, dep) = self.day_named.get()?;
        // (asked here, not when the day is noted: few sentences have a clock time after it)
        // (the day of a saying: "said on Monday it would open at 9am"; no names are told here)
        if past_verb_before(self.text, self.toks[i].start, self.classes, &|_| false).is_some() {
            return None;
        }
        if dep {
            self.tense_dep.set(true);
        }
        Some(day)
    }
}

impl<'a, 'v> Parser<'a, 'v> {
    /// Notes the expression `t` ending before token `end` (`dep`: its reading asked for the
    /// tense) as the year later days of a month in its clause are in, when it is a year or a
    /// season of one.
    pub(super) fn note_year(&self, end: usize, t: &TimeValue, dep: bool) {
        let year = match t.reading {
            Reading::Calendar if t.grain == Grain::Year && t.end.is_none() => true,
            Reading::Season(_) => true,
            _ => false,
        };
        if self.is_arabic() || !year || t.open != Open::No {
            return;
        }
        self.year_named.set(Some((t.start.year(), self.toks[end - 1].end, dep)));
    }

    /// The year of a day of a month without one, when a year was named before it in its clause.
    pub(super) fn year_for_day(&self) -> Option<i16> {
        let (year, after, dep) = self.year_named.get()?;
        let start = self.toks.get(self.at.get())?.start;
        let between = self.text.get(after..start)?;
        if between.contains([',', ';', ':', '"', '\n']) {
            return None;
        }
        if dep {
            self.tense_dep.set(true);
        }
        Some(year)
    }
}
