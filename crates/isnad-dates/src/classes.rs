//! Word classes the rules ask about by name: past-tense forms and future markers (the tense
//! policy), superlatives, leading hedges, clock zeros. They live in `data/{ar,en}-classes.tsv`,
//! one word and class a line, and are looked up whole in the folded text; they are not date
//! words, so the tokenizer never sees them.

use rustc_hash::FxHashMap;

use crate::DatesError;

/// A class of words (the second column of the data file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// An irregular English past form ("said", "was").
    Past,
    /// An Arabic perfect stem that takes و/ف before it and a person ending after it ("قال").
    PastStem,
    /// A future marker ("will", "سوف").
    Future,
    /// A future marker when " to" follows ("expected to").
    FutureBeforeTo,
    /// Between "as" and "as" right before an expression, a marker of what is ahead ("as soon
    /// as Tuesday").
    FutureBeforeAs,
    /// A word that looks ahead at the expression right after it, or after its "for", "on",
    /// "until" or "by" ("is expected Monday", "scheduled for Monday morning", "adjourned until
    /// Friday"), whatever the clause's tense.
    AheadBefore,
    /// Words that look ahead at an expression only after their "for" ("set for March", "is
    /// planned for February 25"); without it they are pasts ("set Friday as the deadline").
    AheadBeforeFor,
    /// An adjective between a count and its unit that leaves the amount as it is ("four
    /// consecutive quarters", "three straight days").
    InARow,
    /// A word of temperature ("highs", "temperatures", "degrees"): a two-digit decade after it
    /// is a reading of the thermometer ("highs in the nineties", "into the 90s").
    Temperature,
    /// A superlative that makes "in N years" a look back ("the highest level in a decade").
    Superlative,
    /// A hedge that only leads an expression ("about 3pm", never "3pm about").
    LeadingHedge,
    /// A word read as 0 before the minutes of a word clock ("twelve oh three").
    ClockZero,
    /// A count that says no number ("several", "a few", "عدة"): the amount is `PX…`.
    VagueCount,
    /// A preposition before an amount of time ("over", "throughout"): "over months".
    Over,
    /// Words that make the unit after them a recurrence ("every", "each", "كل").
    Every,
    /// Counts of times ("twice", "three times"): "twice a day" is a rate, no amount of time.
    Times,
    /// Words of a side of now that count only before a plural unit ("recent years").
    BeforeUnit,
    /// Words after which a bare four-digit number is a year used as a modifier ("the 1996
    /// campaign", "its 1990 invasion", "for 1988").
    BeforeYear,
    /// Words that join years ("between 1994 and 1997", "1990 or 1991").
    JoinsYears,
    /// Words that make "the quarter" the last one reported ("the latest quarter").
    Latest,
    /// Words that stand for the last ordinal before a half or a quarter of a year named after
    /// it ("the last half of 1989": the second, "the final quarter of 2025": the fourth).
    Final,
    /// Words after "a year" or "year-" that make it the period a year before the one reported
    /// ("a year earlier", "the year-ago quarter").
    YearBefore,
    /// Words between "the" and "year-ago" that keep its sense ("the comparable year-ago quarter").
    Comparable,
    /// Nouns of a reported period after "year-earlier" ("the year-earlier period").
    Period,
    /// A noun naming an outlet whose name follows it in the construct state («صحيفة الفجر»,
    /// "the newspaper Today"): a date word there is part of the name.
    Outlet,
    /// A noun naming an outlet or a programme whose name comes before it ("the Today
    /// programme").
    OutletAfter,
    /// A joiner that, capitalised after a date word and before a capitalised word, shows a
    /// title ("Sunday With Laura Kuenssberg").
    TitleJoiner,
    /// The weekday weekly editions are named for ("The Mail on Sunday").
    EditionDay,
    /// A word that makes the unit after it the one of the date the text named last ("that
    /// year", "that same day").
    SameAsNamed,
    /// A word that makes the unit after it the one after the date the text named last ("the
    /// following year").
    AfterNamed,
    /// An Arabic noun a number counts: currencies and measures («1950 دولارا»: a price, no
    /// year).
    Counted,
    /// An Arabic word beside a Hijri month name that is also a given name which makes it the
    /// month: a time noun before it («حلول رمضان», «طوال رمضان») or an epithet after it
    /// («رمضان المبارك»).
    HijriCompany,
    /// A preposition after which an English word in "-ed" that opens its clause is a
    /// participle, no verb in the past ("…, followed by", "…, priced at", "Based in London, …").
    /// Kept in its list only ([`WordClasses::list`]), not in the word map: `has` says no.
    AfterParticiple,
}

impl Class {
    const ALL: [(&'static str, Class); 33] = [
        ("past", Class::Past),
        ("past-stem", Class::PastStem),
        ("future", Class::Future),
        ("future-before-to", Class::FutureBeforeTo),
        ("future-before-as", Class::FutureBeforeAs),
        ("ahead-before", Class::AheadBefore),
        ("ahead-before-for", Class::AheadBeforeFor),
        ("in-a-row", Class::InARow),
        ("temperature", Class::Temperature),
        ("superlative", Class::Superlative),
        ("leading-hedge", Class::LeadingHedge),
        ("clock-zero", Class::ClockZero),
        ("vague-count", Class::VagueCount),
        ("over", Class::Over),
        ("every", Class::Every),
        ("times", Class::Times),
        ("before-unit", Class::BeforeUnit),
        ("before-year", Class::BeforeYear),
        ("joins-years", Class::JoinsYears),
        ("latest", Class::Latest),
        ("final", Class::Final),
        ("year-before", Class::YearBefore),
        ("comparable", Class::Comparable),
        ("period", Class::Period),
        ("outlet", Class::Outlet),
        ("outlet-after", Class::OutletAfter),
        ("title-joiner", Class::TitleJoiner),
        ("edition-day", Class::EditionDay),
        ("counted", Class::Counted),
        ("hijri-company", Class::HijriCompany),
        ("same-as-named", Class::SameAsNamed),
        ("after-named", Class::AfterNamed),
        ("after-participle", Class::AfterParticiple),
    ];

    fn bit(self) -> u64 {
        1 << (self as u8)
    }
}

/// The word classes of one language.
pub(crate) struct WordClasses {
    /// Each folded word with the bits of its classes.
    words: FxHashMap<Box<str>, u64>,
    /// The words of each class, in the file's order (for the classes matched inside words).
    lists: [Vec<Box<str>>; Class::ALL.len()],
    /// A bit in 4096 per (first byte, last byte, length) of the words ([`filter_key`]): nearly
    /// every word of a text misses it and is answered without hashing (the tense scan asks at
    /// every word).
    filter: Box<[u64; 64]>,
}

/// The bit of a word in [`WordClasses::filter`].
#[inline(always)]
fn filter_key(word: &[u8]) -> Option<usize> {
    let (&first, &last) = (word.first()?, word.last()?);
    let key = u32::from(first) | u32::from(last) << 8 | (word.len() as u32) << 16;
    Some((key.wrapping_mul(0x9E37_79B1) >> 20) as usize)
}

impl WordClasses {
    /// Reads a classes file (`name` for errors).
    pub(crate) fn parse(name: &str, data: &str) -> Result<WordClasses, DatesError> {
        let mut out = WordClasses {
            words: FxHashMap::default(),
            lists: std::array::from_fn(|_| Vec::new()),
            filter: Box::new([0; 64]),
        };
        for (line, fields) in isnad_text::data::lines(data) {
            let bad = |message: &str| DatesError::Data {
                file: name.to_string(),
                line,
                message: message.to_string(),
            };
            let [word, class] = fields[..] else { return Err(bad("expected: word <TAB> class")) };
            let Some(&(_, class)) = Class::ALL.iter().find(|(n, _)| *n == class) else {
                return Err(bad("unknown class"));
            };
            let word: Box<str> = isnad_text::fold(word).into();
            if word.is_empty() {
                return Err(bad("empty word"));
            }
            if class == Class::AfterParticiple {
                // (list only: common prepositions in the map would make the tense scan look
                // up every "in" and "at"; the list is asked after a rare word in "-ed")
                out.lists[class as usize].push(word);
                continue;
            }
            if let Some(k) = filter_key(word.as_bytes()) {
                out.filter[k / 64] |= 1 << (k % 64);
            }
            *out.words.entry(word.clone()).or_default() |= class.bit();
            out.lists[class as usize].push(word);
        }
        Ok(out)
    }

    /// Whether `word` (folded) is of `class`.
    #[inline]
    pub(crate) fn has(&self, word: &str, class: Class) -> bool {
        self.bits(word) & class.bit() != 0
    }

    /// The bits of the classes of `word` (folded), for several questions at one lookup.
    #[inline]
    pub(crate) fn bits(&self, word: &str) -> u64 {
        match filter_key(word.as_bytes()) {
            Some(k) if self.filter[k / 64] & (1 << (k % 64)) != 0 => {
                self.words.get(word).copied().unwrap_or(0)
            }
            _ => 0,
        }
    }

    /// The words of `class`, in the file's order.
    pub(crate) fn list(&self, class: Class) -> &[Box<str>] {
        &self.lists[class as usize]
    }
}

/// The bit of `class` in [`WordClasses::bits`].
#[inline]
pub(crate) fn bit(class: Class) -> u64 {
    class.bit()
}
