//! TIMEX3: what TimeML calls a resolved expression (its type, value and modifier).
//!
//! Most expressions are places on the calendar, and their TIMEX3 is read off the value: the
//! start at its grain, a DATE ("2025-02-19", "2025-W08", "2025-Q1", "2025") or below a day a
//! TIME ("2025-02-19T15:00"). What the calendar value does not say travels with it as a
//! [`Reading`]: a time of day ("2025-02-19TMO"), a season ("2025-SU"), a weekend, a half, a
//! decade or century, a value kept at a coarser grain than the stretch it covers ("late
//! November" is `1999-11` with `END`), a reference to the present, past or future, an amount
//! of time (`P3M`) or a recurrence (`P1W`, `XXXX-WXX-1`); and a [`Mod`].

use isnad_core::{Grain, Timex3, Timex3Type};
use jiff::civil::DateTime;

use crate::time::{TimeValue, format};

/// A time of day as TimeML names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DayPartCode {
    /// Morning (`MO`).
    Morning,
    /// Midday (`MI`).
    Midday,
    /// Afternoon (`AF`).
    Afternoon,
    /// Evening (`EV`).
    Evening,
    /// Night (`NI`).
    Night,
}

/// A season as TimeML names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

/// The unit of an amount of time, as TimeML writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum DurationUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl DurationUnit {
    /// The unit a fraction of this one is written (and counted) in, and how many of it make one
    /// (none for weeks and quarters, whose halves are no whole days or months). The grammar
    /// counts "2.5 hours" in minutes by the same table.
    pub(crate) fn smaller(self) -> Option<(DurationUnit, u32)> {
        match self {
            DurationUnit::Year => Some((DurationUnit::Month, 12)),
            DurationUnit::Day => Some((DurationUnit::Hour, 24)),
            DurationUnit::Hour => Some((DurationUnit::Minute, 60)),
            DurationUnit::Minute => Some((DurationUnit::Second, 60)),
            _ => None,
        }
    }

    /// The TimeML letter, and whether it goes after the `T` of times.
    fn letter(self) -> (&'static str, bool) {
        match self {
            DurationUnit::Second => ("S", true),
            DurationUnit::Minute => ("M", true),
            DurationUnit::Hour => ("H", true),
            DurationUnit::Day => ("D", false),
            DurationUnit::Week => ("W", false),
            DurationUnit::Month => ("M", false),
            DurationUnit::Quarter => ("Q", false),
            DurationUnit::Year => ("Y", false),
            DurationUnit::Decade => ("E", false),
            DurationUnit::Century => ("C", false),
        }
    }
}

/// What TimeML says that the calendar value does not.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) enum Reading {
    /// The calendar value itself (its start, at its grain).
    #[default]
    Calendar,
    /// A calendar value other than the stretch's start: "by Friday" covers now to Friday and
    /// is Friday.
    At { start: DateTime, grain: Grain },
    /// The value at a coarser grain than the stretch: "late November" (`1999-11`, `END`), "the
    /// end of the year" (`1989`, `END`).
    AtGrain(Grain),
    /// A time of day on the value's day: "this morning" (`2025-02-19TMO`).
    DayPart(DayPartCode),
    /// A time of day on a day other than the stretch's start: "by Tuesday afternoon" covers now
    /// to Tuesday and is Tuesday afternoon.
    DayPartAt { start: DateTime, code: DayPartCode },
    /// A season of the value's year: "this summer" (`2025-SU`).
    Season(Season),
    /// The weekend of the value's week (`2025-W08-WE`).
    Weekend,
    /// A half of the value's year (`2025-H1`, `2025-H2`).
    Half,
    /// The decade of the value's year (`199`).
    Decade,
    /// The century of the value's year (`19`).
    Century,
    /// A reading of the value's start given on a stretch that starts elsewhere: "by the
    /// mid-1990s" covers now to 1997 and is the 1990s, "by the second half of 2027" now to the
    /// end of 2027 and is `2027-H2`.
    StartAt { start: DateTime, of: OfStart },
    /// "now", "currently" (`PRESENT_REF`).
    Present,
    /// "recently", "in the past" (`PAST_REF`).
    Past,
    /// "in the future", "soon" (`FUTURE_REF`).
    Future,
    /// An amount of time: `count` units (`None`: not said, `PXY`; in tenths for "2.5 hours").
    Duration { tenths: Option<u32>, unit: DurationUnit },
    /// An amount of time that also places a point or a stretch: "in two weeks" is `P2W` in
    /// TimeML (the preposition is the signal), its calendar value the day it ends; "after ten
    /// years" (`P10Y`) is the stretch after that day. Unlike [`Reading::Duration`], the stage
    /// keeps the calendar value.
    Placed { tenths: Option<u32>, unit: DurationUnit },
    /// Every `count` units (`P1W` for "every week", "weekly").
    Every { unit: DurationUnit },
    /// Every such weekday (`XXXX-WXX-1` for "every Monday", 1 = Monday).
    EveryWeekday(u8),
    /// Every such month (`XXXX-07` for "each July").
    EveryMonth(u8),
    /// Every such season (`XXXX-SP` for "every spring").
    EverySeason(Season),
    /// The unit of the date the text named last, `steps` after it ("that year": 0, "the
    /// following year": 1): the stage moves it there (`crate::reported`); read against the
    /// publication until then.
    Named { steps: i8 },
    /// The weekend of the week of the date the text named last, `steps` weeks after it ("the
    /// following weekend": 1), moved there as [`Reading::Named`] is; the publication's until
    /// then.
    NamedWeekend { steps: i8 },
    /// A time of day on the day of the date the text named last, `steps` days after it ("that
    /// evening": 0, "the next morning": 1), moved there as [`Reading::Named`] is; on the day of
    /// publication until then.
    NamedDayPart { steps: i8, code: DayPartCode },
    /// The period a year before the one a report is about ("a year earlier", "the year-ago
    /// quarter"): the stage moves it there (`crate::reported`); read at its own grain until then.
    YearBefore(crate::reported::YearBefore),
}

/// The readings [`Reading::StartAt`] carries: those whose value is read from the start of the
/// stretch they are given on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum OfStart {
    Season(Season),
    Weekend,
    Half,
    Decade,
    Century,
}

impl OfStart {
    /// The reading it is when the stretch starts at its start.
    fn reading(self) -> Reading {
        match self {
            OfStart::Season(s) => Reading::Season(s),
            OfStart::Weekend => Reading::Weekend,
            OfStart::Half => Reading::Half,
            OfStart::Decade => Reading::Decade,
            OfStart::Century => Reading::Century,
        }
    }
}

/// A TIMEX3 modifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mod {
    Start,
    Mid,
    End,
    Approx,
    MoreThan,
    LessThan,
    EqualOrLess,
    EqualOrMore,
}

impl Mod {
    fn name(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
            Mod::MoreThan => "MORE_THAN",
            Mod::LessThan => "LESS_THAN",
            Mod::EqualOrLess => "EQUAL_OR_LESS",
            Mod::EqualOrMore => "EQUAL_OR_MORE",
        }
    }
}

/// Whether the reading has no place on the calendar of its own (an amount of time or a
/// recurrence that nothing anchors).
pub(crate) fn is_free(r: Reading) -> bool {
    matches!(
        r,
        Reading::Duration { .. }
            | Reading::Every { .. }
            | Reading::EveryWeekday(_)
            | Reading::EveryMonth(_)
            | Reading::EverySeason(_)
    )
}

/// The TIMEX3 of a time of day on the day of `start` (`2025-02-19TMO`).
fn day_part(start: DateTime, code: DayPartCode) -> (Timex3Type, String) {
    let code = match code {
        DayPartCode::Morning => "MO",
        DayPartCode::Midday => "MI",
        DayPartCode::Afternoon => "AF",
        DayPartCode::Evening => "EV",
        DayPartCode::Night => "NI",
    };
    (Timex3Type::Time, format!("{}T{code}", format(start, Grain::Day)))
}

/// The TIMEX3 of a resolved value.
pub(crate) fn timex3(t: &TimeValue) -> Timex3 {
    let (kind, value) = match t.reading {
        Reading::Calendar => calendar(t.start, t.grain),
        Reading::AtGrain(g) => calendar(t.start, g),
        Reading::YearBefore(y) => calendar(t.start, y.grain),
        Reading::Named { .. } => calendar(t.start, t.grain),
        Reading::At { start, grain } => calendar(start, grain),
        Reading::DayPart(code) => day_part(t.start, code),
        Reading::DayPartAt { start, code } => day_part(start, code),
        Reading::NamedDayPart { code, .. } => day_part(t.start, code),
        Reading::Season(s) => {
            (Timex3Type::Date, format!("{}-{}", format(t.start, Grain::Year), season_code(s)))
        }
        Reading::Weekend | Reading::NamedWeekend { .. } => {
            (Timex3Type::Date, format!("{}-WE", format(t.start, Grain::Week)))
        }
        Reading::Half => {
            let half = if t.start.month() <= 6 { 1 } else { 2 };
            (Timex3Type::Date, format!("{}-H{half}", format(t.start, Grain::Year)))
        }
        Reading::Decade => {
            let y = format(t.start, Grain::Year);
            (Timex3Type::Date, y[..y.len() - 1].to_string())
        }
        Reading::Century => {
            let y = format(t.start, Grain::Year);
            (Timex3Type::Date, y[..y.len() - 2].to_string())
        }
        Reading::StartAt { start, of } => {
            let x = timex3(&TimeValue { start, reading: of.reading(), ..*t });
            (x.kind, x.value)
        }
        Reading::Present => (Timex3Type::Date, "PRESENT_REF".into()),
        Reading::Past => (Timex3Type::Date, "PAST_REF".into()),
        Reading::Future => (Timex3Type::Date, "FUTURE_REF".into()),
        Reading::Duration { tenths, unit } | Reading::Placed { tenths, unit } => {
            (Timex3Type::Duration, duration(tenths, unit))
        }
        Reading::Every { unit } => (Timex3Type::Set, duration(Some(10), unit)),
        Reading::EveryWeekday(d) => (Timex3Type::Set, format!("XXXX-WXX-{d}")),
        Reading::EveryMonth(m) => (Timex3Type::Set, format!("XXXX-{m:02}")),
        Reading::EverySeason(s) => (Timex3Type::Set, format!("XXXX-{}", season_code(s))),
    };
    Timex3 { kind, value, modifier: t.modifier.map(|m| m.name().to_string()) }
}

/// TimeML's two letters for a season.
fn season_code(s: Season) -> &'static str {
    match s {
        Season::Spring => "SP",
        Season::Summer => "SU",
        Season::Fall => "FA",
        Season::Winter => "WI",
    }
}

/// A calendar value at a grain: a DATE, or below a day a TIME (the hour with its minutes).
fn calendar(start: DateTime, grain: Grain) -> (Timex3Type, String) {
    match grain {
        Grain::Hour => (Timex3Type::Time, format!("{}:00", format(start, Grain::Hour))),
        Grain::Minute | Grain::Second => (Timex3Type::Time, format(start, grain)),
        _ => (Timex3Type::Date, format(start, grain)),
    }
}

/// `P3Y`, `PT2H`, `PXD`; a fraction as TimeBank writes it, in the next smaller unit when that
/// makes a whole number (`P2Y6M`, `PT5H30M`, `PT30M` for half an hour), else as a decimal
/// (`P1.5W`).
fn duration(tenths: Option<u32>, unit: DurationUnit) -> String {
    let (letter, time) = unit.letter();
    let t_mark = |time: bool| if time { "T" } else { "" };
    let count = match tenths {
        None => "X".to_string(),
        Some(t) if t % 10 == 0 => (t / 10).to_string(),
        Some(t) => {
            if let Some((smaller, per)) = unit.smaller()
                && (t % 10 * per) % 10 == 0
            {
                let (whole, part) = (t / 10, t % 10 * per / 10);
                let (small, small_time) = smaller.letter();
                let whole = if whole > 0 { format!("{whole}{letter}") } else { String::new() };
                // the `T` goes before the first unit of time
                let mark = if time { "" } else { t_mark(small_time) };
                return format!("P{}{whole}{mark}{part}{small}", t_mark(time));
            }
            format!("{}.{}", t / 10, t % 10)
        }
    };
    format!("P{}{count}{letter}", t_mark(time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn values_follow_timeml() {
        let day = TimeValue::day(date(2025, 2, 19));
        assert_eq!(timex3(&day).value, "2025-02-19");
        let t = TimeValue { reading: Reading::DayPart(DayPartCode::Morning), ..day };
        assert_eq!(
            timex3(&t),
            Timex3 { kind: Timex3Type::Time, value: "2025-02-19TMO".into(), modifier: None }
        );
        let t = TimeValue { reading: Reading::Decade, ..day };
        assert_eq!(timex3(&t).value, "202");
        let t = TimeValue { reading: Reading::Weekend, ..day };
        assert_eq!(timex3(&t).value, "2025-W08-WE");
        let t =
            TimeValue { reading: Reading::AtGrain(Grain::Month), modifier: Some(Mod::End), ..day };
        assert_eq!(timex3(&t).value, "2025-02");
        assert_eq!(timex3(&t).modifier.as_deref(), Some("END"));
        let hour = TimeValue::point(date(2025, 2, 19).at(15, 0, 0, 0), Grain::Hour);
        assert_eq!(
            timex3(&hour),
            Timex3 { kind: Timex3Type::Time, value: "2025-02-19T15:00".into(), modifier: None }
        );
        assert_eq!(duration(Some(30), DurationUnit::Year), "P3Y");
        assert_eq!(duration(Some(20), DurationUnit::Hour), "PT2H");
        assert_eq!(duration(Some(25), DurationUnit::Hour), "PT2H30M");
        assert_eq!(duration(Some(5), DurationUnit::Hour), "PT30M");
        assert_eq!(duration(Some(25), DurationUnit::Year), "P2Y6M");
        assert_eq!(duration(Some(15), DurationUnit::Day), "P1DT12H");
        assert_eq!(duration(Some(15), DurationUnit::Week), "P1.5W");
        assert_eq!(duration(None, DurationUnit::Day), "PXD");
    }
}
