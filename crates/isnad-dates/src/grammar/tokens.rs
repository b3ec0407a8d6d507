//! Token accessors: senses, connectives, punctuation, numbers, glued tokens.

use super::hijri::Strength;
use super::*;
use crate::tokenize::Tok;
use crate::vocab::{Connective, DayPart, Part, Relative, Sense, Unit, features};

impl<'a, 'v> Parser<'a, 'v> {
    pub(super) fn tok(&self, i: usize) -> Option<&Tok<'v>> {
        isnad_core::work::tick();
        self.toks.get(i)
    }

    pub(super) fn senses(&self, i: usize) -> &'v [Sense] {
        self.toks.get(i).map(|t| t.senses()).unwrap_or(&[])
    }

    /// The [`features`] bits of token `i` (none past the end).
    #[inline(always)]
    pub(super) fn features(&self, i: usize) -> u64 {
        isnad_core::work::tick();
        self.toks.get(i).map_or(0, |t| t.features)
    }

    /// Token `i` has a sense of one of the kinds in `bits`.
    #[inline(always)]
    pub(super) fn has(&self, i: usize, bits: u64) -> bool {
        self.features(i) & bits != 0
    }

    pub(super) fn connective(&self, i: usize, c: Connective) -> bool {
        self.has(i, features::connective(c))
    }

    pub(super) fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i).and_then(|t| t.punct()) == Some(c)
    }

    pub(super) fn num(&self, i: usize) -> Option<(u32, u8)> {
        self.tok(i).and_then(|t| t.num())
    }

    /// Tokens `i` and `i+1` touch (no space between).
    pub(super) fn glued(&self, i: usize) -> bool {
        self.tok(i + 1).is_some_and(|t| !t.space)
    }

    pub(super) fn tok_text(&self, i: usize) -> Option<&str> {
        let t = self.tok(i)?;
        self.text.get(t.start..t.end)
    }

    pub(super) fn relative(&self, i: usize) -> Option<Relative> {
        if !self.has(i, features::REL) {
            return None;
        }
        self.senses(i).iter().find_map(|s| match s {
            // (English "that" is `same` only to lead "that year": `anaphor.rs`)
            Sense::Relative { relative: Relative::Same, .. } if !self.is_arabic() => None,
            Sense::Relative { relative, .. } => Some(*relative),
            _ => None,
        })
    }

    pub(super) fn unit(&self, i: usize) -> Option<(Unit, u8)> {
        if !self.has(i, features::UNIT) {
            return None;
        }
        self.senses(i).iter().find_map(|s| match s {
            Sense::Unit { unit, count } => Some((*unit, *count)),
            _ => None,
        })
    }

    pub(super) fn is_unit(&self, i: usize, u: Unit) -> bool {
        self.unit(i).is_some_and(|(x, _)| x == u)
    }

    pub(super) fn is_dual(&self, i: usize) -> bool {
        self.unit(i).is_some_and(|(_, n)| n == 2)
    }

    pub(super) fn part(&self, i: usize) -> Option<Part> {
        if !self.has(i, features::PART) {
            return None;
        }
        self.senses(i).iter().find_map(|s| match s {
            Sense::Part(p) => Some(*p),
            _ => None,
        })
    }

    pub(super) fn daypart(&self, i: usize) -> Option<DayPart> {
        if !self.has(i, features::DAYPART) {
            return None;
        }
        self.senses(i).iter().find_map(|s| match s {
            Sense::DayPart { part, .. } => Some(*part),
            _ => None,
        })
    }

    /// Whether the time-of-day word at `i` is weak: also a name or an ordinary noun
    /// ("المغرب" = Morocco, "العصر" = the age), a time only with a day or a clock beside it.
    pub(super) fn daypart_weak(&self, i: usize) -> bool {
        self.has(i, features::DAYPART)
            && self.senses(i).iter().any(|s| matches!(s, Sense::DayPart { weak: true, .. }))
    }

    pub(super) fn weekday(&self, i: usize) -> Option<(u8, bool, bool)> {
        if !self.has(i, features::WEEKDAY) {
            return None;
        }
        self.senses(i).iter().find_map(|s| match s {
            Sense::Weekday { day, weak, plural } => {
                Some((*day, *weak && !self.toks[i].al, *plural))
            }
            _ => None,
        })
    }

    pub(super) fn month_word(&self, i: usize) -> Option<(u8, bool)> {
        if !self.has(i, features::MONTH) {
            return None;
        }
        self.senses(i).iter().find_map(|s| match s {
            Sense::Month { month, weak } => Some((*month, *weak)),
            _ => None,
        })
    }

    pub(super) fn hmonth_word(&self, i: usize) -> Option<(u8, Strength)> {
        if !self.has(i, features::HMONTH) {
            return None;
        }
        self.senses(i).iter().find_map(|s| match s {
            Sense::HijriMonth { month, weak: true, .. } => Some((*month, Strength::Weak)),
            Sense::HijriMonth { month, name: true, .. } => Some((*month, Strength::Name)),
            Sense::HijriMonth { month, .. } => Some((*month, Strength::Strong)),
            _ => None,
        })
    }

    /// Skips the English article and Arabic standalone article ("the", "الـ").
    pub(super) fn skip_filler(&self, mut i: usize) -> usize {
        while self.connective(i, Connective::Filler) {
            i += 1;
        }
        i
    }

    pub(super) fn is_ish(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space && self.text.get(t.start..t.end) == Some("ish"))
    }

    /// True when the word before `i` is a preposition that takes a date ("on", "في", "منذ").
    pub(super) fn context_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let p = i - 1;
        self.connective(p, Connective::On)
            || self.part(p).is_some()
            || self.punct(p, '-') && p > 0 && self.part(p - 1).is_some()
            || self.connective(p, Connective::In)
            || self.connective(p, Connective::To)
            || self.connective(p, Connective::After)
            || self.connective(p, Connective::Before)
            || self.connective(p, Connective::Since)
            || self.connective(p, Connective::Until)
            || self.connective(p, Connective::By)
            || self.connective(p, Connective::From)
    }

    pub(super) fn is_arabic(&self) -> bool {
        self.lang == Lang::Ar
    }

    /// The bare-reference policy with `tense` decided for this sentence.
    pub(super) fn policy(&self) -> crate::Bare {
        match self.anchor.bare {
            crate::Bare::Tense if self.past() => crate::Bare::Past,
            crate::Bare::Tense => crate::Bare::Future,
            b => b,
        }
    }
}
