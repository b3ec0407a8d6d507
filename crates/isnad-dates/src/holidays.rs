//! Holidays: named days whose date in a given year follows from a rule in `data/holidays.tsv`.

use std::collections::HashMap;
use std::sync::Mutex;

use isnad_core::Calendar;
use jiff::civil::{Date, Weekday};

use crate::indian::{self, Bhadra, Moment};

use crate::time::{self, add_days};
use crate::vocab::HolidayNames;
use crate::{DatesError, HijriVariant};

#[derive(Clone, Debug)]
enum Rule {
    Fixed(i8, i8),
    Nth {
        month: i8,
        weekday: u8,
        n: i8,
    },
    After(usize, i64),
    Easter,
    OrthodoxEaster,
    Hijri(u8, u8),
    HijriMonth(u8),
    Hebrew(u8, u8),
    HebrewHaatzmaut(u8, u8),
    Chinese(u8, u8),
    Boss,
    JumuatulWida,
    Span(i8, i8, i8, i8),
    HebrewDeferred(u8, u8),
    KingsDay,
    /// Amanta month (0 = Chaitra), tithi (0..30), moment of the day it must prevail at, and
    /// for Purnima festivals how Bhadra is avoided.
    Lunar(u8, u8, Moment, Option<Bhadra>),
    /// The day a sidereal sign's sankranti is kept (0 = Mesha): by the sunset rule, or (`true`)
    /// the Hindu day it falls in.
    Sankranti(u8, bool),
    /// Day N of a Bengali solar month.
    Bengali(u8, u8),
    /// A nakshatra (0 = Ashwini) in a sidereal solar month.
    Nakshatra(u8, u8),
    /// A 365-day year without leap days, anchored on one of its new-year days.
    Vague(Date),
    /// From the day of one holiday to the day of another (exclusive).
    Between(usize, usize),
}

const LUNAR_MONTHS: [&str; 12] = [
    "chaitra",
    "vaishakha",
    "jyeshtha",
    "ashadha",
    "shravana",
    "bhadrapada",
    "ashvina",
    "kartika",
    "margashirsha",
    "pausha",
    "magha",
    "phalguna",
];
const SIGNS: [&str; 12] = [
    "mesha",
    "vrishabha",
    "mithuna",
    "karka",
    "simha",
    "kanya",
    "tula",
    "vrishchika",
    "dhanu",
    "makara",
    "kumbha",
    "mina",
];
const NAKSHATRAS: [&str; 27] = [
    "ashwini",
    "bharani",
    "krittika",
    "rohini",
    "mrigashira",
    "ardra",
    "punarvasu",
    "pushya",
    "ashlesha",
    "magha",
    "purva-phalguni",
    "uttara-phalguni",
    "hasta",
    "chitra",
    "swati",
    "vishakha",
    "anuradha",
    "jyeshtha",
    "mula",
    "purva-ashadha",
    "uttara-ashadha",
    "shravana",
    "dhanishta",
    "shatabhisha",
    "purva-bhadrapada",
    "uttara-bhadrapada",
    "revati",
];

fn index_of(names: &[&str], s: &str) -> Option<u8> {
    names.iter().position(|n| *n == s).map(|i| i as u8)
}

/// Whether a rule is computed astronomically (slow enough to be worth caching; none of them
/// depends on the Hijri variant, which the cache key leaves out).
fn is_astronomical(rule: &Rule) -> bool {
    matches!(rule, Rule::Lunar(..) | Rule::Sankranti(..) | Rule::Bengali(..) | Rule::Nakshatra(..))
}

/// The compiled holiday table.
pub(crate) struct Holidays {
    pub names: HolidayNames,
    rules: Vec<(Rule, Option<i64>)>,
    /// Astronomical dates already computed, per (rule address, year): about a tenth of a
    /// millisecond each, and the grammar asks for the same few again and again.
    cache: Mutex<HashMap<(usize, i16), Option<Date>>>,
}

/// "MM-DD" as (month, day).
fn month_day(s: &str) -> Option<(u8, u8)> {
    let (m, d) = s.split_once('-')?;
    Some((m.parse().ok()?, d.parse().ok()?))
}

impl Holidays {
    pub(crate) fn parse(data: &str) -> Result<Holidays, DatesError> {
        let lines: Vec<(usize, Vec<&str>)> = isnad_text::data::lines(data).collect();
        let ids: Vec<String> = lines.iter().map(|(_, f)| f[0].to_string()).collect();
        let mut rules = Vec::new();
        for (line, f) in &lines {
            let bad = |m: &str| DatesError::Data {
                file: "holidays.tsv".into(),
                line: *line,
                message: m.into(),
            };
            let spec: Vec<&str> =
                f.get(1).ok_or_else(|| bad("missing rule"))?.split_whitespace().collect();
            let arg = |i: usize| spec.get(i).copied().ok_or_else(|| bad("missing rule argument"));
            let rule = match spec.first().copied().unwrap_or("") {
                "fixed" => {
                    let (m, d) = month_day(arg(1)?).ok_or_else(|| bad("expected MM-DD"))?;
                    Rule::Fixed(m as i8, d as i8)
                }
                "nth" => Rule::Nth {
                    month: arg(1)?.parse().map_err(|_| bad("bad month"))?,
                    weekday: arg(2)?.parse().map_err(|_| bad("bad weekday"))?,
                    n: arg(3)?.parse().map_err(|_| bad("bad n"))?,
                },
                "after" => {
                    let name = arg(1)?;
                    let base =
                        ids.iter().position(|i| i == name).ok_or_else(|| bad("unknown holiday"))?;
                    Rule::After(base, arg(2)?.parse().map_err(|_| bad("bad offset"))?)
                }
                "easter" => Rule::Easter,
                "orthodox-easter" => Rule::OrthodoxEaster,
                "hijri" => {
                    let (m, d) = month_day(arg(1)?).ok_or_else(|| bad("expected MM-DD"))?;
                    Rule::Hijri(m, d)
                }
                "hijri-month" => Rule::HijriMonth(arg(1)?.parse().map_err(|_| bad("bad month"))?),
                "hebrew" => {
                    let (m, d) = month_day(arg(1)?).ok_or_else(|| bad("expected MM-DD"))?;
                    Rule::Hebrew(m, d)
                }
                "hebrew-haatzmaut" => {
                    let (m, d) = month_day(arg(1)?).ok_or_else(|| bad("expected MM-DD"))?;
                    Rule::HebrewHaatzmaut(m, d)
                }
                "chinese" => {
                    let (m, d) = month_day(arg(1)?).ok_or_else(|| bad("expected MM-DD"))?;
                    Rule::Chinese(m, d)
                }
                "span" => {
                    let (m1, d1) = month_day(arg(1)?).ok_or_else(|| bad("expected MM-DD"))?;
                    let (m2, d2) = month_day(arg(2)?).ok_or_else(|| bad("expected MM-DD"))?;
                    Rule::Span(m1 as i8, d1 as i8, m2 as i8, d2 as i8)
                }
                "hebrew-deferred" => {
                    let (m, d) = month_day(arg(1)?).ok_or_else(|| bad("expected MM-DD"))?;
                    Rule::HebrewDeferred(m, d)
                }
                "kings-day" => Rule::KingsDay,
                "lunar" => {
                    let month = index_of(&LUNAR_MONTHS, arg(1)?)
                        .ok_or_else(|| bad("unknown lunar month"))?;
                    let n: u8 = arg(3)?.parse().map_err(|_| bad("bad tithi"))?;
                    if !(1..=15).contains(&n) {
                        return Err(bad("tithi out of 1..=15"));
                    }
                    let tithi = match arg(2)? {
                        "shukla" => n - 1,
                        "krishna" => 14 + n,
                        _ => return Err(bad("paksha is shukla or krishna")),
                    };
                    let moment = match spec.get(4) {
                        Some(m) => Moment::parse(m).ok_or_else(|| bad("unknown moment"))?,
                        None => Moment::Sunrise,
                    };
                    let bhadra = match spec.get(5).copied() {
                        None => None,
                        Some("bhadra") if tithi == 14 => Some(Bhadra {
                            next_share: arg(6)?.parse().map_err(|_| bad("bad share of the day"))?,
                            until: match spec.get(7) {
                                Some(m) => {
                                    Some(Moment::parse(m).ok_or_else(|| bad("unknown moment"))?)
                                }
                                None => None,
                            },
                        }),
                        Some(_) => {
                            return Err(bad("only Shukla Purnima takes `bhadra SHARE [UNTIL]`"));
                        }
                    };
                    Rule::Lunar(month, tithi, moment, bhadra)
                }
                "sankranti" | "sankranti-day" => Rule::Sankranti(
                    index_of(&SIGNS, arg(1)?).ok_or_else(|| bad("unknown sign"))?,
                    spec[0] == "sankranti-day",
                ),
                "bengali" => Rule::Bengali(
                    index_of(&SIGNS, arg(1)?).ok_or_else(|| bad("unknown sign"))?,
                    arg(2)?.parse().map_err(|_| bad("bad day"))?,
                ),
                "nakshatra" => Rule::Nakshatra(
                    index_of(&SIGNS, arg(1)?).ok_or_else(|| bad("unknown sign"))?,
                    index_of(&NAKSHATRAS, arg(2)?).ok_or_else(|| bad("unknown nakshatra"))?,
                ),
                "vague-year" => {
                    Rule::Vague(arg(1)?.parse().map_err(|_| bad("expected YYYY-MM-DD"))?)
                }
                "between" => {
                    let pos = |name: &str| {
                        ids.iter().position(|i| i == name).ok_or_else(|| bad("unknown holiday"))
                    };
                    Rule::Between(pos(arg(1)?)?, pos(arg(2)?)?)
                }
                "boss" => Rule::Boss,
                "jumuatul-wida" => Rule::JumuatulWida,
                _ => return Err(bad("unknown rule")),
            };
            let days = match f.get(2) {
                Some(s) => Some(s.parse::<i64>().map_err(|_| bad("bad length"))?),
                None => None,
            };
            rules.push((rule, days));
        }
        Ok(Holidays { names: HolidayNames { ids }, rules, cache: Mutex::new(HashMap::new()) })
    }

    /// The calendar a holiday is kept by, as its rule in `data/holidays.tsv` says: the Islamic
    /// ones (`hijri`, `hijri-month`, `jumuatul-wida`) are Hijri dates, which the output marks.
    pub(crate) fn calendar(&self, id: usize) -> Calendar {
        match self.rules.get(id) {
            Some((Rule::Hijri(..) | Rule::HijriMonth(_) | Rule::JumuatulWida, _)) => {
                Calendar::Hijri
            }
            _ => Calendar::Gregorian,
        }
    }

    /// The holiday's first day and exclusive end in Gregorian year `y`, and whether it is a
    /// stretch of days (an interval) rather than one day.
    pub(crate) fn in_year(
        &self,
        id: usize,
        y: i16,
        hv: HijriVariant,
    ) -> Option<(Date, Date, bool)> {
        let (rule, days) = self.rules.get(id)?;
        let start = self.start(rule, y, hv)?;
        if let Rule::Between(_, to) = *rule {
            let end = self.start(&self.rules.get(to)?.0, y, hv)?;
            return (end > start).then_some((start, end, true));
        }
        if let Rule::Span(_, _, m2, d2) = *rule {
            let mut end = Date::new(y, m2, d2).ok()?;
            if end <= start {
                end = Date::new(y + 1, m2, d2).ok()?;
            }
            return Some((start, end, true));
        }
        if let Rule::HijriMonth(m) = rule {
            let (hy, _, _) = time::greg_to_hijri(hv, start)?;
            let (s, e) = time::hijri_month(hv, hy, *m)?;
            return Some((s, e, true));
        }
        match days {
            Some(n) => Some((start, add_days(start, *n), true)),
            None => Some((start, add_days(start, 1), false)),
        }
    }

    fn start(&self, rule: &Rule, y: i16, hv: HijriVariant) -> Option<Date> {
        if is_astronomical(rule) {
            // rules live in `self.rules`, never moved after parsing: the address names the rule
            let key = (std::ptr::from_ref(rule) as usize, y);
            if let Ok(cache) = self.cache.lock()
                && let Some(d) = cache.get(&key)
            {
                return *d;
            }
            let d = self.compute(rule, y, hv);
            if let Ok(mut cache) = self.cache.lock() {
                cache.insert(key, d);
            }
            return d;
        }
        self.compute(rule, y, hv)
    }

    fn compute(&self, rule: &Rule, y: i16, hv: HijriVariant) -> Option<Date> {
        match *rule {
            Rule::Lunar(month, tithi, moment, bhadra) => {
                indian::lunar_in_year(y, month, tithi, moment, bhadra)
            }
            Rule::Sankranti(sign, false) => indian::sankranti_day(y, sign),
            Rule::Sankranti(sign, true) => indian::sankranti_hindu_day(y, sign),
            Rule::Bengali(sign, n) => indian::bengali_day(y, sign, n),
            Rule::Nakshatra(sign, nak) => indian::nakshatra_in_solar_month(y, sign, nak),
            Rule::Vague(anchor) => {
                let n = i64::from(y - anchor.year());
                let d = add_days(anchor, 365 * n);
                // the date drifts back a day every four years: step to the occurrence in `y`
                Some(if d.year() > y {
                    add_days(d, -365)
                } else if d.year() < y {
                    add_days(d, 365)
                } else {
                    d
                })
            }
            Rule::Between(from, _) => self.start(&self.rules.get(from)?.0, y, hv),
            Rule::Fixed(m, d) | Rule::Span(m, d, _, _) => Date::new(y, m, d).ok(),
            Rule::Nth { month, weekday, n } => {
                let wd = time::weekday_of(weekday);
                let first = Date::new(y, month, 1).ok()?;
                if n > 0 {
                    let off = time::weekday_offset(add_days(first, -1), wd, 1);
                    Some(add_days(add_days(first, -1), off + 7 * i64::from(n - 1)))
                } else {
                    let last = first.last_of_month();
                    let off = time::weekday_offset(add_days(last, 1), wd, -1);
                    Some(add_days(add_days(last, 1), off))
                }
            }
            Rule::After(base, n) => Some(add_days(self.start(&self.rules.get(base)?.0, y, hv)?, n)),
            Rule::Easter => time::easter(y),
            Rule::OrthodoxEaster => time::orthodox_easter(y),
            Rule::Hijri(m, d) => hijri_in_year(y, |hy| time::hijri_to_greg(hv, hy, m, d)),
            Rule::HijriMonth(m) => hijri_in_year(y, |hy| time::hijri_to_greg(hv, hy, m, 1)),
            Rule::Hebrew(m, d) => {
                let y32 = i32::from(y);
                [y32 + 3760, y32 + 3761]
                    .into_iter()
                    .filter_map(|hy| time::hebrew_to_greg(hy, m, d))
                    .map(|g| add_days(g, -1))
                    .find(|g| g.year() == y)
            }
            Rule::HebrewHaatzmaut(m, d) => {
                let y32 = i32::from(y);
                let day = [y32 + 3760, y32 + 3761]
                    .into_iter()
                    .filter_map(|hy| time::hebrew_to_greg(hy, m, d))
                    .find(|g| g.year() == y)?;
                let moved = match day.weekday() {
                    Weekday::Friday => add_days(day, -1),
                    Weekday::Saturday => add_days(day, -2),
                    Weekday::Monday => add_days(day, 1),
                    _ => day,
                };
                Some(add_days(moved, -1))
            }
            Rule::HebrewDeferred(m, d) => {
                let y32 = i32::from(y);
                let day = [y32 + 3760, y32 + 3761]
                    .into_iter()
                    .filter_map(|hy| time::hebrew_to_greg(hy, m, d))
                    .find(|g| g.year() == y)?;
                let kept = if day.weekday() == Weekday::Saturday { add_days(day, 1) } else { day };
                Some(add_days(kept, -1))
            }
            Rule::KingsDay => {
                let d = Date::new(y, 4, 27).ok()?;
                Some(if d.weekday() == Weekday::Sunday { add_days(d, -1) } else { d })
            }
            Rule::Chinese(m, d) => time::chinese_to_greg(i32::from(y), m, d),
            Rule::Boss => {
                let d = Date::new(y, 10, 16).ok()?;
                Some(match d.weekday() {
                    Weekday::Saturday => add_days(d, -1),
                    Weekday::Sunday => add_days(d, 1),
                    _ => d,
                })
            }
            Rule::JumuatulWida => {
                let first = hijri_in_year(y, |hy| time::hijri_to_greg(hv, hy, 10, 1))?;
                let off = time::weekday_offset(first, Weekday::Friday, -1);
                Some(add_days(first, off))
            }
        }
    }
}

/// The Gregorian date in year `y` of a yearly Hijri date (the Hijri year drifts: try the
/// candidates around it; in the rare years with two occurrences the first is taken).
fn hijri_in_year(y: i16, f: impl Fn(i32) -> Option<Date>) -> Option<Date> {
    let approx = ((i32::from(y) - 622) as f64 * 33.0 / 32.0) as i32;
    (approx - 1..=approx + 2).filter_map(f).find(|g| g.year() == y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn table() -> Holidays {
        Holidays::parse(include_str!("../data/holidays.tsv")).unwrap()
    }

    fn day(h: &Holidays, name: &str, y: i16) -> (Date, Date, bool) {
        let id = h.names.ids.iter().position(|n| n == name).unwrap();
        h.in_year(id, y, HijriVariant::UmmAlQura).unwrap()
    }

    #[test]
    fn rules_give_known_dates() {
        let h = table();
        assert_eq!(day(&h, "thanksgiving", 2013).0, date(2013, 11, 28));
        assert_eq!(day(&h, "black-friday", 2017).0, date(2017, 11, 24));
        assert_eq!(day(&h, "mlk", 2014).0, date(2014, 1, 20));
        assert_eq!(day(&h, "memorial-day", 2025).0, date(2025, 5, 26));
        assert_eq!(day(&h, "good-friday", 2025).0, date(2025, 4, 18));
        assert_eq!(day(&h, "boss-day", 2021).0, date(2021, 10, 15));
        assert_eq!(day(&h, "kings-day", 2014).0, date(2014, 4, 26));
        assert_eq!(day(&h, "presidents-day", 2025).0, date(2025, 2, 17));
        assert_eq!(day(&h, "sham-el-nessim", 2025).0, date(2025, 4, 21));
        assert_eq!(day(&h, "arafat", 2025).0, date(2025, 6, 5));
        // Islamic holidays through icu_calendar (Umm al-Qura)
        assert_eq!(day(&h, "eid-al-fitr", 2025).0, date(2025, 3, 30));
        assert_eq!(day(&h, "eid-al-adha", 2025).0, date(2025, 6, 6));
        let (s, e, interval) = day(&h, "ramadan", 2024);
        assert_eq!((s, e, interval), (date(2024, 3, 11), date(2024, 4, 10), true));
        // Jewish holidays begin on the eve; Hanukkah 5779 lasts eight days
        assert_eq!(day(&h, "yom-kippur", 2018).0, date(2018, 9, 18));
        assert_eq!(day(&h, "hanukkah", 2018), (date(2018, 12, 2), date(2018, 12, 10), true));
        assert_eq!(day(&h, "chinese-new-year", 2014).0, date(2014, 1, 31));
        // Indian festivals from the lunisolar calendar (New Delhi panchang conventions)
        assert_eq!(day(&h, "diwali", 2023).0, date(2023, 11, 12));
        assert_eq!(day(&h, "holika-dahan", 2024).0, date(2024, 3, 24));
        assert_eq!(day(&h, "holi", 2024).0, date(2024, 3, 25));
        assert_eq!(day(&h, "raksha-bandhan", 2023).0, date(2023, 8, 30));
        // Bhadra: in 2025 Purnima's first half covered the afternoon of 8 August, and Purnima
        // lasted into the next forenoon; in 2023 Holika Dahan's Bhadra ran past midnight
        assert_eq!(day(&h, "raksha-bandhan", 2025).0, date(2025, 8, 9));
        assert_eq!(day(&h, "holi", 2023).0, date(2023, 3, 8));
        assert_eq!(day(&h, "holika-dahan", 2022).0, date(2022, 3, 17));
        // Shashthi at sunrise on 19 November 2023, not at the sunset before
        assert_eq!(day(&h, "chhath", 2023).0, date(2023, 11, 19));
        // Chaturthi held at no moonrise in 2025: the day it held at sunrise
        assert_eq!(day(&h, "karva-chauth", 2025).0, date(2025, 10, 10));
        assert_eq!(day(&h, "dhanteras", 2024).0, date(2024, 10, 29));
        // pradosha is a window: Trayodashi began 19:08 on 25 October 2019, inside it
        assert_eq!(day(&h, "dhanteras", 2019).0, date(2019, 10, 25));
        assert_eq!(day(&h, "diwali", 2022).0, date(2022, 10, 24));
        assert_eq!(day(&h, "vasant-panchami", 2024).0, date(2024, 2, 14));
        assert_eq!(day(&h, "rabindra-jayanti", 2024).0, date(2024, 5, 8));
        assert_eq!(day(&h, "pohela-boishakh", 2023).0, date(2023, 4, 15));
        assert_eq!(day(&h, "akshaya-tritiya", 2024).0, date(2024, 5, 10));
        // the full moon's night vigil on 16 October 2024, Valmiki Jayanti at sunrise the day after
        assert_eq!(day(&h, "sharad-purnima", 2024).0, date(2024, 10, 16));
        assert_eq!(day(&h, "valmiki-jayanti", 2024).0, date(2024, 10, 17));
        assert_eq!(day(&h, "mahalaya", 2024).0, date(2024, 10, 2));
        assert_eq!(day(&h, "dussehra", 2023).0, date(2023, 10, 24));
        assert_eq!(day(&h, "ganesh-chaturthi", 2023).0, date(2023, 9, 19));
        assert_eq!(day(&h, "maha-shivaratri", 2024).0, date(2024, 3, 8));
        assert_eq!(day(&h, "guru-nanak-jayanti", 2023).0, date(2023, 11, 27));
        assert_eq!(day(&h, "onam", 2024).0, date(2024, 9, 15));
        // solar ones: Makar Sankranti after sunset on 14 January 2019 is kept on the 15th
        assert_eq!(day(&h, "makar-sankranti", 2019).0, date(2019, 1, 15));
        assert_eq!(day(&h, "lohri", 2024).0, date(2024, 1, 14));
        assert_eq!(day(&h, "vaisakhi", 2024).0, date(2024, 4, 13));
        // the Shahenshahi year of 365 days: Navroz moves back a day after each leap day
        assert_eq!(day(&h, "parsi-new-year", 2024).0, date(2024, 8, 15));
        assert_eq!(day(&h, "parsi-new-year", 2023).0, date(2023, 8, 16));
        assert_eq!(day(&h, "parsi-new-year", 2028).0, date(2028, 8, 14));
        // Navaratri: Ghatasthapana to Vijayadashami
        assert_eq!(day(&h, "navaratri", 2023), (date(2023, 10, 15), date(2023, 10, 24), true));
        // seasons cross the new year
        assert_eq!(day(&h, "season-winter", 2012), (date(2012, 12, 21), date(2013, 3, 21), true));
    }
}
