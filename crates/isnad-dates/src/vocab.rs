//! The date vocabulary of each language, read from `data/*.tsv` and compiled once into tables.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use isnad_text::normalize::is_word_char;

use crate::DatesError;
use crate::word_index::Words;

/// A unit of time as written in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// Directions of relative words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Relative {
    /// المقبل, next, coming
    Next,
    /// الماضي, last, previous
    Last,
    /// الجاري, this, current
    This,
    /// نفس (the same month as the one just named)
    Same,
}

/// Parts of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// First ten days of a month, first third of a year (أوائل, early).
    Early,
    /// The first day (بداية in Arabic), or the early part (beginning of, in English).
    Begin,
    /// The middle: the 15th in Arabic (منتصف), the middle ten days in English (mid).
    Mid,
    /// The middle ten days (أواسط).
    Middle,
    /// The last part (أواخر, late).
    Late,
    /// The end (نهاية, end of).
    End,
    /// The last one (آخر, last).
    Last,
    /// The part of a period before now ("earlier this year"): from its start to the day of
    /// publication. TimeML reads it as the early part (the year, `START`).
    Earlier,
    /// Abbreviations: end/beginning of month/year/day.
    Eom,
    Bom,
    Eoy,
    Boy,
    Eod,
}

/// Times of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DayPart {
    Dawn,
    Morning,
    Noon,
    Lunch,
    Afternoon,
    Evening,
    Night,
    Tonight,
    Midnight,
}

/// Function words that build expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Connective {
    From,
    To,
    Until,
    Between,
    And,
    In,
    Of,
    On,
    At,
    Filler,
    Ago,
    Hence,
    Since,
    By,
    Within,
    After,
    Before,
    Approx,
    For,
    Equiv,
    Except,
    Past,
    Tz,
    Asap,
}

/// A reference to no date in particular, only to a side of now (TimeML's `PAST_REF` and
/// `FUTURE_REF`): "recently", "in the future", "مؤخرا", "في المستقبل".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Vague {
    /// Before now.
    Past,
    /// After now.
    Future,
}

/// A bound before an amount of time ("more than four hours"): its TIMEX3 modifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bound {
    /// "more than", "over", "أكثر من": `MORE_THAN`.
    MoreThan,
    /// "less than", "under", "أقل من": `LESS_THAN`.
    LessThan,
    /// "at least", "ما لا يقل عن": `EQUAL_OR_MORE`.
    AtLeast,
    /// "up to", "at most": `EQUAL_OR_LESS`.
    AtMost,
    /// "nearly", "almost", "roughly": `APPROX`.
    Nearly,
}

/// The eras a year can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Era {
    Ad,
    Bc,
    Ah,
}

/// One sense of a vocabulary entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Sense {
    /// A Gregorian month (1-12); `weak` when the word is also an ordinary word ("may",
    /// "مارس") and needs company to count.
    Month { month: u8, weak: bool },
    /// A Hijri month (1-12); `weak` when the word is also an ordinary word ("صفر" = zero) or
    /// a name that is rarely the month alone ("رجب" as in Recep): it needs a number, a year,
    /// شهر or a relative word beside it; `name` when it is also a common given name or word
    /// ("رمضان", "شعبان", "محرم" = forbidden): alone it also counts after a preposition of time
    /// ("في رمضان", "خلال شعبان").
    HijriMonth { month: u8, weak: bool, name: bool },
    /// A weekday (1 = Monday … 7 = Sunday); `weak` for "أحد", "sun"; `plural` for "fridays".
    Weekday { day: u8, weak: bool, plural: bool },
    /// A cardinal; `weak` for the article "a"/"an" read as one.
    Num { value: u32, weak: bool },
    /// An ordinal ("third", "الثالث").
    Ord(u32),
    /// An ordinal suffix glued to digits ("st", "th").
    OrdSuffix,
    /// The Arabic teen word (عشر، عشرة).
    Teen,
    /// A unit of time; `count` 2 for Arabic duals (يومين).
    Unit { unit: Unit, count: u8 },
    /// A day relative to today (-1 yesterday, 1 tomorrow).
    Day(i8),
    /// "now"; `weak` when it needs "this" before it.
    Now { weak: bool },
    /// A relative word (next, last, this, same).
    Relative { relative: Relative, weak: bool },
    /// A part of a period (early, mid, end…).
    Part(Part),
    /// A time of day; `weak` when the word is also a name or an ordinary noun ("المغرب" =
    /// Morocco, "العصر" = the age): it needs a day or a clock beside it.
    DayPart { part: DayPart, weak: bool },
    /// "am" / "pm".
    AmPm { pm: bool },
    /// "o'clock".
    Hour,
    /// A fraction of an hour, in minutes (ربع = 15).
    Frac(u8),
    /// A function word.
    Connective(Connective),
    /// An era (AD, BC, AH).
    Era(Era),
    /// A holiday, by its index in `data/holidays.tsv`; `weak` for seasons and ordinary words.
    Holiday { id: u16, weak: bool },
    /// "weekend".
    Weekend,
    /// A time zone, in minutes east of UTC.
    Tz(i16),
    /// "closest", "nearest" (the closest Monday to a date).
    Closest,
    /// A side of now with no date ("recently", "soon", "مؤخرا").
    Vague(Vague),
    /// A recurrence by itself ("daily", "weekly", "سنويا"): every such unit.
    Recurring(Unit),
    /// A bound before an amount of time ("more than", "at least").
    Bound(Bound),
    /// A decade by its tens ("التسعينيات" = 9).
    Decade(u8),
    /// A span of years named by one word: a decade (10), a century (100).
    Years(u16),
}

/// Bits summing up the senses of a token, so that the grammar's many questions ("is this a
/// preposition of time?", "has it a unit sense?") are one mask test instead of a scan of the
/// senses. Bits 0-31: the [`Connective`] senses; bits 32-62: the kinds of the other senses; bit 63:
/// the token can anchor an expression (see `grammar::is_trigger`).
pub(crate) mod features {
    use super::{Connective, Sense};

    /// The token can anchor an expression: a number or a date word.
    pub(crate) const TRIGGER: u64 = 1 << 63;

    /// The bit of one function-word sense.
    #[inline(always)]
    pub(crate) const fn connective(c: Connective) -> u64 {
        1 << (c as u32)
    }

    /// Bits of the kinds of sense (all values of a kind share one).
    pub(crate) const MONTH: u64 = 1 << 32;
    pub(crate) const HMONTH: u64 = 1 << 33;
    pub(crate) const WEEKDAY: u64 = 1 << 34;
    pub(crate) const NUM: u64 = 1 << 35;
    pub(crate) const ORD: u64 = 1 << 36;
    pub(crate) const ORD_SUFFIX: u64 = 1 << 37;
    pub(crate) const TEEN: u64 = 1 << 38;
    pub(crate) const UNIT: u64 = 1 << 39;
    pub(crate) const DAY: u64 = 1 << 40;
    pub(crate) const NOW: u64 = 1 << 41;
    pub(crate) const REL: u64 = 1 << 42;
    pub(crate) const PART: u64 = 1 << 43;
    pub(crate) const DAYPART: u64 = 1 << 44;
    pub(crate) const AMPM: u64 = 1 << 45;
    pub(crate) const HOUR: u64 = 1 << 46;
    pub(crate) const FRAC: u64 = 1 << 47;
    pub(crate) const ERA: u64 = 1 << 48;
    pub(crate) const HOLIDAY: u64 = 1 << 49;
    pub(crate) const WEEKEND: u64 = 1 << 50;
    pub(crate) const TZ: u64 = 1 << 51;
    pub(crate) const CLOSEST: u64 = 1 << 52;
    /// The only sense is the weak number one: English "a", "an" (see `Parser::idle_one`).
    pub(crate) const ONE_WEAK: u64 = 1 << 53;
    pub(crate) const VAGUE: u64 = 1 << 54;
    pub(crate) const RECURRING: u64 = 1 << 55;
    pub(crate) const BOUND: u64 = 1 << 56;
    pub(crate) const DECADE: u64 = 1 << 57;
    pub(crate) const YEARS: u64 = 1 << 58;

    /// The bit of one sense.
    pub(crate) fn of(s: &Sense) -> u64 {
        match s {
            Sense::Month { .. } => MONTH,
            Sense::HijriMonth { .. } => HMONTH,
            Sense::Weekday { .. } => WEEKDAY,
            Sense::Num { .. } => NUM,
            Sense::Ord(_) => ORD,
            Sense::OrdSuffix => ORD_SUFFIX,
            Sense::Teen => TEEN,
            Sense::Unit { .. } => UNIT,
            Sense::Day(_) => DAY,
            Sense::Now { .. } => NOW,
            Sense::Relative { .. } => REL,
            Sense::Part(_) => PART,
            Sense::DayPart { .. } => DAYPART,
            Sense::AmPm { .. } => AMPM,
            Sense::Hour => HOUR,
            Sense::Frac(_) => FRAC,
            Sense::Connective(c) => connective(*c),
            Sense::Era(_) => ERA,
            Sense::Holiday { .. } => HOLIDAY,
            Sense::Weekend => WEEKEND,
            Sense::Tz(_) => TZ,
            Sense::Closest => CLOSEST,
            Sense::Vague(_) => VAGUE,
            Sense::Recurring(_) => RECURRING,
            Sense::Bound(_) => BOUND,
            Sense::Decade(_) => DECADE,
            Sense::Years(_) => YEARS,
        }
    }

    /// The bits of a list of senses, with [`TRIGGER`] when one of them is a date word (anything
    /// but a function word, a relative word, an ordinal suffix or an era; "asap" counts).
    pub(crate) fn of_all(sems: &[Sense]) -> u64 {
        let mut f = sems.iter().fold(0, |f, s| f | of(s));
        if sems.iter().any(|s| {
            matches!(s, Sense::Connective(Connective::Asap))
                || !matches!(
                    s,
                    Sense::Connective(_)
                        | Sense::Relative { .. }
                        | Sense::OrdSuffix
                        | Sense::Era(_)
                        | Sense::Bound(_)
                )
        }) {
            f |= TRIGGER;
        }
        if sems == [Sense::Num { value: 1, weak: true }] {
            f |= ONE_WEAK;
        }
        f
    }
}

/// The senses of a vocabulary entry with their [`features`] bits.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The senses, in the data file's order.
    pub senses: Vec<Sense>,
    /// Their bits.
    pub features: u64,
}

impl Entry {
    fn new(senses: Vec<Sense>) -> Entry {
        let features = features::of_all(&senses);
        Entry { senses, features }
    }
}

/// A compiled vocabulary: a trie over the surface forms of a language (see [`Words`]), and a map
/// for the one- and two-letter words.
///
/// Why the split: a two-letter entry ("في", "in", "am") occurs inside most words of a text, and a
/// substring search reports every such occurrence for the word-boundary check to reject. The
/// scanner instead looks short words up whole (after Arabic clitics), which costs nothing.
pub(crate) struct Vocab {
    /// Entries of three letters or more, matched as whole words (with Arabic clitics).
    pub words: Words,
    /// The senses of each entry of `words`, by its index.
    pub values: Vec<Entry>,
    /// The entries of `words` by surface form, for words glued to digits ("3pm").
    index: FxHashMap<String, usize>,
    /// One- and two-letter entries.
    short: FxHashMap<u64, Entry>,
    /// The short entries of one or two ASCII letters by [`ascii_pair`] of the word: an index in
    /// `short_list`, or `u16::MAX` (most short words of English text are such, and a table is
    /// cheaper than hashing them).
    short_ascii: Vec<u16>,
    /// Those entries.
    short_list: Vec<Entry>,
    /// The longest short entry, in bytes: longer words need no lookup.
    short_max: usize,
    /// Every long entry begins with a letter that starts a word of the scanner, so that it can
    /// look them up as it goes (see `tokenize::tokenize`).
    pub fusable: bool,
}

impl Vocab {
    /// The senses of a whole word (a run no long entry matched), with its clitic prefix
    /// length for Arabic ("وفي" -> في with و).
    ///
    /// `glued`: the word touches a digit ("3pm", "14april"), so the whole-word lookup may have
    /// missed a long entry; otherwise only short entries can be missing.
    #[inline]
    pub(crate) fn word(&self, word: &str, glued: bool) -> Option<(&Entry, usize)> {
        // most words: not glued to a digit, longer than any short entry and not Arabic (no
        // clitic): none (what the steps below give them, without a call)
        if !glued
            && word.len() > self.short_max
            && word.as_bytes().first().is_some_and(|&b| b < 0x80)
        {
            return None;
        }
        self.word_lookup(word, glued)
    }

    /// [`Vocab::word`] for the words it does not settle at once.
    fn word_lookup(&self, word: &str, glued: bool) -> Option<(&Entry, usize)> {
        if glued && let Some(&i) = self.index.get(word) {
            return Some((&self.values[i], 0));
        }
        if let Some(k) = ascii_pair(word) {
            // (a word of ASCII letters takes no clitic: its short entry or none)
            let e = self.short_ascii[k];
            return (e != u16::MAX).then(|| (&self.short_list[usize::from(e)], 0));
        }
        // short entries, alone or after Arabic clitics (at most three letters of them); a word
        // longer than any short entry that does not start with an Arabic letter (a clitic) has
        // none, which is most words
        if word.len() <= self.short_max
            && let Some(s) = self.short.get(&short_key(word))
        {
            return Some((s, 0));
        }
        // (a clitic chain is Arabic, at most three letters of two bytes here)
        if word.as_bytes().first().is_none_or(|&b| b < 0x80) || word.len() > self.short_max + 6 {
            return None;
        }
        for (i, _) in word.char_indices().skip(1).take(3) {
            let (pre, rest) = word.split_at(i);
            if rest.len() <= self.short_max
                && self.words.chains.is_chain(pre)
                && let Some(s) = self.short.get(&short_key(rest))
            {
                return Some((s, i));
            }
        }
        None
    }
}

/// A word of one or two ASCII letters as an index of a table of 53 x 53 (0 for none, 1-26 for
/// a-z, 27-52 for A-Z), or `None` for any other word.
#[inline]
fn ascii_pair(word: &str) -> Option<usize> {
    let no = |b: u8| match b {
        b'a'..=b'z' => Some(usize::from(b - b'a') + 1),
        b'A'..=b'Z' => Some(usize::from(b - b'A') + 27),
        _ => None,
    };
    match *word.as_bytes() {
        [a] => Some(no(a)? * 53),
        [a, b] => Some(no(a)? * 53 + no(b)?),
        _ => None,
    }
}

/// A short entry or word (at most seven bytes, which `Vocab::build` checks) as a number: its
/// bytes and its length, so that a lookup hashes one integer.
#[inline]
fn short_key(s: &str) -> u64 {
    let mut k = s.len() as u64;
    for (i, &b) in s.as_bytes().iter().take(7).enumerate() {
        k |= u64::from(b) << (8 * (i + 1));
    }
    k
}

/// Holiday identifiers, in the order of `data/holidays.tsv`.
pub(crate) struct HolidayNames {
    pub ids: Vec<String>,
}

fn parse_unit(s: &str) -> Option<Unit> {
    Some(match s {
        "second" => Unit::Second,
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        _ => return None,
    })
}

/// Reads the relative word of `rel` ("next", "last", "this", "same").
fn parse_relative(word: &str) -> Option<Relative> {
    Some(match word {
        "next" => Relative::Next,
        "last" => Relative::Last,
        "this" => Relative::This,
        "same" => Relative::Same,
        _ => return None,
    })
}

/// Reads the part of a period of `part` ("early", "mid", "end", …).
fn parse_part(word: &str) -> Option<Part> {
    Some(match word {
        "early" => Part::Early,
        "begin" => Part::Begin,
        "mid" => Part::Mid,
        "middle" => Part::Middle,
        "late" => Part::Late,
        "end" => Part::End,
        "last" => Part::Last,
        "earlier" => Part::Earlier,
        "eom" => Part::Eom,
        "bom" => Part::Bom,
        "eoy" => Part::Eoy,
        "boy" => Part::Boy,
        "eod" => Part::Eod,
        _ => return None,
    })
}

/// Reads the part of the day of `daypart` ("dawn", "morning", …).
fn parse_day_part(word: &str) -> Option<DayPart> {
    Some(match word {
        "dawn" => DayPart::Dawn,
        "morning" => DayPart::Morning,
        "noon" => DayPart::Noon,
        "lunch" => DayPart::Lunch,
        "afternoon" => DayPart::Afternoon,
        "evening" => DayPart::Evening,
        "night" => DayPart::Night,
        "tonight" => DayPart::Tonight,
        "midnight" => DayPart::Midnight,
        _ => return None,
    })
}

/// Reads the connective of `conn` ("from", "until", "ago", …).
fn parse_connective(word: &str) -> Option<Connective> {
    Some(match word {
        "from" => Connective::From,
        "to" => Connective::To,
        "until" => Connective::Until,
        "between" => Connective::Between,
        "and" => Connective::And,
        "in" => Connective::In,
        "of" => Connective::Of,
        "on" => Connective::On,
        "at" => Connective::At,
        "filler" => Connective::Filler,
        "ago" => Connective::Ago,
        "hence" => Connective::Hence,
        "since" => Connective::Since,
        "by" => Connective::By,
        "within" => Connective::Within,
        "after" => Connective::After,
        "before" => Connective::Before,
        "approx" => Connective::Approx,
        "for" => Connective::For,
        "equiv" => Connective::Equiv,
        "except" => Connective::Except,
        "past" => Connective::Past,
        "tz" => Connective::Tz,
        "asap" => Connective::Asap,
        _ => return None,
    })
}

/// Reads the era of `era` ("ad", "bc", "ah").
fn parse_era(word: &str) -> Option<Era> {
    Some(match word {
        "ad" => Era::Ad,
        "bc" => Era::Bc,
        "ah" => Era::Ah,
        _ => return None,
    })
}

/// Reads the bound of `bound` ("more", "less", "least", "most", "nearly").
fn parse_bound(word: &str) -> Option<Bound> {
    Some(match word {
        "more" => Bound::MoreThan,
        "less" => Bound::LessThan,
        "least" => Bound::AtLeast,
        "most" => Bound::AtMost,
        "nearly" => Bound::Nearly,
        _ => return None,
    })
}

/// Reads the side of now of `vague` ("past", "future").
fn parse_vague(word: &str) -> Option<Vague> {
    Some(match word {
        "past" => Vague::Past,
        "future" => Vague::Future,
        _ => return None,
    })
}

/// Parses the senses of one line ("month 3 weak", "rel last part last", "unit day 2").
fn parse_senses(spec: &str, holidays: &HolidayNames) -> Option<Vec<Sense>> {
    let words: Vec<&str> = spec.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let num = |w: Option<&&str>| w.and_then(|w| w.parse::<i64>().ok());
    while i < words.len() {
        let kind = words[i];
        let arg = words.get(i + 1);
        let weak = words.get(i + 2) == Some(&"weak") || (arg == Some(&"weak"));
        let (sem, used) = match kind {
            "month" => (Sense::Month { month: num(arg)? as u8, weak }, 2),
            "hmonth" => {
                let name = words.get(i + 2) == Some(&"name");
                (Sense::HijriMonth { month: num(arg)? as u8, weak, name }, 2)
            }
            "weekday" => {
                let plural = words.get(i + 2) == Some(&"plural");
                (Sense::Weekday { day: num(arg)? as u8, weak, plural }, 2)
            }
            "num" => (Sense::Num { value: num(arg)? as u32, weak }, 2),
            "ord" => (Sense::Ord(num(arg)? as u32), 2),
            "ordsuffix" => (Sense::OrdSuffix, 1),
            "teen" => (Sense::Teen, 1),
            "unit" => {
                let unit = parse_unit(arg?)?;
                match num(words.get(i + 2)) {
                    Some(n) => (Sense::Unit { unit, count: n as u8 }, 3),
                    None => (Sense::Unit { unit, count: 1 }, 2),
                }
            }
            "day" => (Sense::Day(num(arg)? as i8), 2),
            "now" => (Sense::Now { weak: arg == Some(&"weak") }, 1),
            "rel" => (Sense::Relative { relative: parse_relative(arg?)?, weak }, 2),
            "part" => (Sense::Part(parse_part(arg?)?), 2),
            "daypart" => (Sense::DayPart { part: parse_day_part(arg?)?, weak }, 2),
            "ampm" => (Sense::AmPm { pm: *arg? == "pm" }, 2),
            "hour" => (Sense::Hour, 1),
            "frac" => (Sense::Frac(num(arg)? as u8), 2),
            "conn" => (Sense::Connective(parse_connective(arg?)?), 2),
            "era" => (Sense::Era(parse_era(arg?)?), 2),
            "holiday" => {
                let name = *arg?;
                let id = holidays.ids.iter().position(|h| h == name)?;
                (Sense::Holiday { id: id as u16, weak }, 2)
            }
            "weekend" => (Sense::Weekend, 1),
            "closest" => (Sense::Closest, 1),
            "recurring" => (Sense::Recurring(parse_unit(arg?)?), 2),
            "decade" => (Sense::Decade(num(arg)? as u8), 2),
            "years" => (Sense::Years(num(arg)? as u16), 2),
            "bound" => (Sense::Bound(parse_bound(arg?)?), 2),
            "vague" => (Sense::Vague(parse_vague(arg?)?), 2),
            "tz" => (Sense::Tz(num(arg)? as i16), 2),
            "weak" | "plural" | "name" => {
                i += 1;
                continue;
            }
            _ => return None,
        };
        out.push(sem);
        i += used;
    }
    Some(out)
}

impl Vocab {
    /// Compiles one language's data file.
    pub(crate) fn build(
        name: &str,
        data: &str,
        holidays: &HolidayNames,
    ) -> Result<Vocab, DatesError> {
        let mut senses: HashMap<String, Vec<Sense>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (line, fields) in isnad_text::data::lines(data) {
            let bad = |why: &str| DatesError::Data {
                file: name.to_string(),
                line,
                message: why.to_string(),
            };
            if fields.len() < 2 {
                return Err(bad("expected: surface <TAB> sense"));
            }
            let surface = isnad_text::fold(fields[0]);
            let sems = parse_senses(fields[1], holidays).ok_or_else(|| bad("unknown sense"))?;
            match senses.get_mut(&surface) {
                Some(v) => v.extend(sems),
                None => {
                    order.push(surface.clone());
                    senses.insert(surface, sems);
                }
            }
        }
        let mut short = FxHashMap::default();
        let mut short_words: Vec<(String, Vec<Sense>)> = Vec::new();
        let mut short_max = 0;
        let mut patterns: Vec<String> = Vec::new();
        let mut values = Vec::new();
        let mut index = FxHashMap::default();
        for s in order {
            let v = senses.remove(&s).unwrap_or_default();
            if s.chars().count() <= 2 {
                if s.len() > 7 {
                    return Err(DatesError::Data {
                        file: name.to_string(),
                        line: 0,
                        message: format!("short entry '{s}' is longer than seven bytes"),
                    });
                }
                short_max = short_max.max(s.len());
                short_words.push((s.clone(), v.clone()));
                short.insert(short_key(&s), Entry::new(v));
            } else {
                // as the lexicon did: entries are folded again, and of two that fold alike the
                // first is kept
                let folded = isnad_text::fold(&s);
                if folded.is_empty() {
                    return Err(DatesError::Data {
                        file: name.to_string(),
                        line: 0,
                        message: format!("entry '{s}' is empty once folded"),
                    });
                }
                if index.contains_key(&folded) {
                    continue;
                }
                index.insert(folded.clone(), patterns.len());
                patterns.push(folded);
                values.push(Entry::new(v));
            }
        }
        let words = Words::new(&patterns);
        let fusable = words.all_begin_with(|c| crate::letters::is_letter(c) && is_word_char(c));
        let mut short_ascii = vec![u16::MAX; 53 * 53];
        let mut short_list = Vec::new();
        for (s, sems) in short_words {
            if let Some(k) = ascii_pair(&s) {
                short_ascii[k] = short_list.len() as u16;
                short_list.push(Entry::new(sems));
            }
        }
        Ok(Vocab { words, values, index, short, short_ascii, short_list, short_max, fusable })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of one- and two-letter ASCII words answers what the map of short entries
    /// answers (such a word takes no clitic), in both vocabularies, for every such word.
    #[test]
    fn short_ascii_table_agrees_with_the_map() {
        let holidays =
            crate::holidays::Holidays::parse(include_str!("../data/holidays.tsv")).unwrap();
        let ar = Vocab::build("ar.tsv", include_str!("../data/ar.tsv"), &holidays.names).unwrap();
        let en = Vocab::build("en.tsv", include_str!("../data/en.tsv"), &holidays.names).unwrap();
        let letters: Vec<char> = ('a'..='z').chain('A'..='Z').collect();
        let mut words: Vec<String> = letters.iter().map(|c| c.to_string()).collect();
        for a in &letters {
            for b in &letters {
                words.push(format!("{a}{b}"));
            }
        }
        let mut found = 0;
        for vocab in [&ar, &en] {
            for w in &words {
                let map =
                    (w.len() <= vocab.short_max).then(|| vocab.short.get(&short_key(w))).flatten();
                let table = vocab.word(w, false).map(|(e, pre)| (e.senses.clone(), pre));
                assert_eq!(table, map.map(|e| (e.senses.clone(), 0)), "{w}");
                found += usize::from(map.is_some());
            }
        }
        assert!(found >= 10, "{found}");
        // and the quick answer for long words is the lookup's, over the words of the fixtures
        let texts = crate::FIXTURE_TEXTS;
        let mut n = 0;
        for text in texts {
            let folded = isnad_text::fold(text);
            for w in folded.split(|c: char| !crate::letters::is_letter(c)).filter(|w| !w.is_empty())
            {
                for vocab in [&ar, &en] {
                    for glued in [false, true] {
                        let key =
                            |r: Option<(&Entry, usize)>| r.map(|(e, pre)| (e.senses.clone(), pre));
                        assert_eq!(
                            key(vocab.word(w, glued)),
                            key(vocab.word_lookup(w, glued)),
                            "{w}"
                        );
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 1000, "{n}");
    }
}
