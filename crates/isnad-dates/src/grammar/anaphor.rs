//! Units of the date the text named last.
//!
//! **Reads**: "that year", "that same day", "that month", "the following year", "the
//! following day", "the next day", "the following weekend" (the weekend of the week after the
//! date named), "that evening", "the next morning" (a time of day on the day named, or the day
//! after it). Narrative news places later events against the date it last named: after
//! "On May 22, 1995, he was promoted", "the following year" is 1996, not the year after
//! publication, and "that year" after "imports totaled $37 million in 1988" is 1988. The rule
//! marks the expression [`Reading::Named`]; the stage reads a document's expressions in order
//! and moves it to the unit of the last date named (`crate::reported`).
//!
//! **Not**: "that" before anything but a unit or a time of day ("said that Friday's vote"), a
//! plural ("that years of work"), "the following three years" (an amount: `offset.rs`). Without
//! a date named before, "that year" is no date (nothing says which) and "the following year" is
//! the one after the publication's.
//!
//! **Data**: `data/en-classes.tsv` classes `same-as-named` ("that"), `after-named`
//! ("following", "the following"); "same" after "that" is read by the rule; `data/en.tsv` has
//! "that" (`rel same`, which no other English rule reads) so that a parse may start at it.
//!
//! **Fixture**: `tests/corpus/en/anaphor.txt`.

use super::*;
use crate::classes::Class;
use crate::time::{self, TimeValue, add_days, add_grain, truncate};
use crate::timex3::Reading;
use crate::vocab::{DayPart, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// "that year", "that same day", "the following month".
    pub(super) fn anaphor(&self, i: usize) -> Option<Match<TimeValue>> {
        // (a unit one or two tokens on first: most positions have none)
        let unit = features::UNIT | features::WEEKEND | features::DAYPART;
        if self.is_arabic() || !(self.has(i + 1, unit) || self.has(i + 2, unit)) {
            return None;
        }
        let class = |k: usize, c: Class| self.tok_text(k).is_some_and(|w| self.classes.has(w, c));
        // "the next day", "the next morning": the day after the date named ("next" without
        // "the" is the one after now: "next week")
        let the_next = self.tok_text(i) == Some("the") && self.tok_text(i + 1) == Some("next");
        let (steps, mut k) = if class(i, Class::SameAsNamed) {
            (0, i + 1)
        } else if class(i, Class::AfterNamed) {
            (1, i + 1)
        } else if self.tok_text(i) == Some("the") && class(i + 1, Class::AfterNamed) || the_next {
            (1, i + 2)
        } else {
            return None;
        };
        if steps == 0 && self.tok_text(k) == Some("same") {
            k += 1;
        }
        if let Some(found) = self.named_daypart(k, steps) {
            return Some(found);
        }
        if self.has(k, features::WEEKEND) {
            // "the following weekend": the weekend after the date named last
            let t = self.weekend(steps.into()).read_as(Reading::NamedWeekend { steps });
            return Some(Match { end: k + 1, value: t });
        }
        let (u, 1) = self.unit(k)? else { return None };
        // (a quarter is the one reported, not the date named: `year_before.rs`; "the next
        // week", "the next year" are as often the ones after now: only "the next day" is read)
        if u < Unit::Day || u > Unit::Year || u == Unit::Quarter || the_next && u != Unit::Day {
            return None;
        }
        let g = time::unit_grain(u);
        let t = TimeValue::point(add_grain(truncate(self.anchor.now, g), g, steps.into()), g);
        Some(Match { end: k + 1, value: t.read_as(Reading::Named { steps }) })
    }

    /// "that evening", "the following morning", "the next night": a time of day on the day of
    /// the date named last, or the day after it.
    fn named_daypart(&self, k: usize, steps: i8) -> Option<Match<TimeValue>> {
        let dp = self.daypart(k)?;
        if !matches!(dp, DayPart::Morning | DayPart::Afternoon | DayPart::Evening | DayPart::Night)
        {
            return None;
        }
        let day = add_days(self.anchor.today(), steps.into());
        let s = Spec { daypart: Some(dp), base: Some(TimeValue::day(day)), ..Spec::default() };
        let t = self.resolve(&s)?;
        let Reading::DayPart(code) = t.reading else { return None };
        Some(Match { end: k + 1, value: t.read_as(Reading::NamedDayPart { steps, code }) })
    }
}
