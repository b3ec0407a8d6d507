//! Units of the date the text named last.
//!
//! **Reads**: "that year", "that same day", "that month", "the following year", "the
//! following day", "the following weekend" (the weekend of the week after the date named). Narrative news places later events against the date it last named: after
//! "On May 22, 1995, he was promoted", "the following year" is 1996, not the year after
//! publication, and "that year" after "imports totaled $37 million in 1988" is 1988. The rule
//! marks the expression [`Reading::Named`]; the stage reads a document's expressions in order
//! and moves it to the unit of the last date named (`crate::reported`).
//!
//! **Not**: "that" before anything but a unit ("said that Friday's vote"), a plural ("that
//! years of work"), "the following three years" (an amount: `offset.rs`). Without a date named
//! before, "that year" is no date (nothing says which) and "the following year" is the one
//! after the publication's.
//!
//! **Data**: `data/en-classes.tsv` classes `same-as-named` ("that"), `after-named`
//! ("following", "the following"); "same" after "that" is read by the rule; `data/en.tsv` has
//! "that" (`rel same`, which no other English rule reads) so that a parse may start at it.
//!
//! **Fixture**: `tests/corpus/en/anaphor.txt`.

use super::*;
use crate::classes::Class;
use crate::time::{self, TimeValue, add_grain, truncate};
use crate::timex3::Reading;
use crate::vocab::{Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// "that year", "that same day", "the following month".
    pub(super) fn anaphor(&self, i: usize) -> Option<Match<TimeValue>> {
        // (a unit one or two tokens on first: most positions have none)
        let unit = features::UNIT | features::WEEKEND;
        if self.is_arabic() || !(self.has(i + 1, unit) || self.has(i + 2, unit)) {
            return None;
        }
        let class = |k: usize, c: Class| self.tok_text(k).is_some_and(|w| self.classes.has(w, c));
        let (steps, mut k) = if class(i, Class::SameAsNamed) {
            (0, i + 1)
        } else if class(i, Class::AfterNamed) {
            (1, i + 1)
        } else if self.tok_text(i) == Some("the") && class(i + 1, Class::AfterNamed) {
            (1, i + 2)
        } else {
            return None;
        };
        if steps == 0 && self.tok_text(k) == Some("same") {
            k += 1;
        }
        if self.has(k, features::WEEKEND) {
            // "the following weekend": the weekend after the date named last
            let t = self.weekend(steps.into()).read_as(Reading::NamedWeekend { steps });
            return Some(Match { end: k + 1, value: t });
        }
        let (u, 1) = self.unit(k)? else { return None };
        // (a quarter is the one reported, not the date named: `year_before.rs`)
        if u < Unit::Day || u > Unit::Year || u == Unit::Quarter {
            return None;
        }
        let g = time::unit_grain(u);
        let t = TimeValue::point(add_grain(truncate(self.anchor.now, g), g, steps.into()), g);
        Some(Match { end: k + 1, value: t.read_as(Reading::Named { steps }) })
    }
}
