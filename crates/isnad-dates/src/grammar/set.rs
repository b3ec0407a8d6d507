//! Recurrences (TimeML SET).
//!
//! **Reads**: "every Monday" (`XXXX-WXX-1`), "each July" (`XXXX-07`), "every day", "each
//! month", "every quarter" (`P1D`, `P1M`, `P1Q`), "every spring" (`XXXX-SP`), "daily",
//! "weekly", "annually", "hourly", "كل يوم", "كل أسبوع", "كل شهر", "كل يوم اثنين", "كل اثنين",
//! "يوميا", "أسبوعيا", "سنويا".
//! The word that makes a recurrence ("every", "كل") stands before the expression; the span is
//! the unit or name it repeats.
//!
//! **Not**: "every one of them", "كل الدول" (no unit of time after the word), "the daily
//! newspaper"? (read as a recurrence all the same: TimeML marks it so).
//!
//! **Data**: `data/{ar,en}.tsv` senses `recurring U` ("daily"), `unit`, `weekday`, `month`,
//! `holiday season-…` (seasons);
//! `data/{ar,en}-classes.tsv` class `every`.
//!
//! **Fixture**: `tests/corpus/ar/set.txt`, `tests/corpus/en/set.txt`.

use super::*;
use crate::classes::Class;
use crate::time::{self, TimeValue};
use crate::timex3::Reading;
use crate::vocab::{Sense, Unit};

impl<'a, 'v> Parser<'a, 'v> {
    /// A recurrence at `i`: a word that repeats by itself ("daily"), or a unit, weekday or month
    /// after "every", "each", "كل".
    pub(super) fn recurrence(&self, i: usize) -> Option<Match<TimeValue>> {
        let a = self.anchor;
        let set = |reading: Reading, grain: Grain, end: usize| {
            let mut t = TimeValue::point(a.now, grain).read_as(reading);
            t.start = a.now;
            Some(Match { end, value: t })
        };
        if let Some(u) = self.senses(i).iter().find_map(|s| match s {
            Sense::Recurring(u) => Some(*u),
            _ => None,
        }) {
            return set(
                Reading::Every { unit: offset::duration_unit(u) },
                time::unit_grain(u),
                i + 1,
            );
        }
        let every = i
            .checked_sub(1)
            .and_then(|p| self.tok_text(p))
            .is_some_and(|w| self.classes.has(w, Class::Every));
        if !every {
            return None;
        }
        // "كل يوم اثنين", "every Monday"
        let k = if self.is_unit(i, Unit::Day) && self.weekday(i + 1).is_some() { i + 1 } else { i };
        if let Some((day, _, _)) = self.weekday(k) {
            return set(Reading::EveryWeekday(day), Grain::Day, k + 1);
        }
        if let Some((month, _)) = self.month_word(i) {
            return set(Reading::EveryMonth(month), Grain::Month, i + 1);
        }
        // "every spring" (`XXXX-SP`): a season repeats as a month does
        if let Some(season) = self.senses(i).iter().find_map(|s| match s {
            Sense::Holiday { id, .. } => self.season_of_holiday(*id as usize),
            _ => None,
        }) {
            return set(Reading::EverySeason(season), Grain::Month, i + 1);
        }
        match self.unit(i)? {
            (u, 1) if !self.tok(i)?.al => {
                set(Reading::Every { unit: offset::duration_unit(u) }, time::unit_grain(u), i + 1)
            }
            _ => None,
        }
    }
}
