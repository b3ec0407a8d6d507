//! Exact shortcuts: where no expression can start, with the proof of each.

use super::*;
use crate::classes::Class;
use crate::tokenize::{Kind, Tok};
use crate::vocab::{Connective, Relative, Sense, features};

impl<'a, 'v> Parser<'a, 'v> {
    /// Whether an expression may start at token `i`: a number or a date word, or a function word
    /// ("في", "من", "at", "the") with one of those within the next three tokens. Function words
    /// are the commonest tokens of news text; skipping them early keeps the stage fast.
    ///
    /// With the fast paths, an article that begins nothing ([`Parser::idle_one`]) counts as no
    /// trigger, neither here nor for the function words before it ("in a statement"): see
    /// [`real_trigger`] for why that is exact.
    pub(super) fn can_start(&self, i: usize) -> bool {
        if self.is_trigger(i) {
            return true;
        }
        let leads = matches!(self.toks[i].kind, Kind::Lex(_) | Kind::Punct('@'));
        leads && (i + 1..(i + 4).min(self.toks.len())).any(|k| self.is_trigger(k))
    }

    /// [`real_trigger`] (or, without the fast paths, [`is_trigger`]) of token `i`.
    pub(super) fn is_trigger(&self, i: usize) -> bool {
        if fast_paths() {
            real_trigger(self.toks, self.text, self.lang, i)
        } else {
            is_trigger(&self.toks[i])
        }
    }

    /// [`idle_one`] of token `i`.
    pub(super) fn idle_one(&self, i: usize) -> bool {
        idle_one(self.toks, self.text, self.lang, i)
    }

    /// Whether an English [`Parser::date`] can find anything at `i`: every one of its rules
    /// reads a date word or a number first, at `i` or after "the" (`k`):
    /// - at `k`: an ordinal, a cardinal (words or digits), a unit, a deictic day, a relative, a
    ///   weekday, a month, a holiday, a Hijri month, a weekend, a part of a period, a decade
    ///   word ("the nineties": `decade`), or after/before ("after tomorrow"): `deictic`,
    ///   `weekday_expr`, `calendar_date`, `numeric_date`, `month_expr`, `period_rel`,
    ///   `year_expr`, `decade`, `nth_in`, `holiday`, `hijri_date`, `year_fraction`, `week_of`,
    ///   `part_of` (when `i` is "the", the rules that look at `i` itself find nothing there);
    /// - "q" at `i` (`period_rel`: "Q3");
    /// - "the", a word of class `latest` and a unit (`period_rel`: "the latest quarter");
    /// - at `k`, a word of class `final` and a unit or a fraction ("half"; `year_fraction`: "the
    ///   final quarter of 2025");
    /// - a word of class `same-as-named` or `after-named` and a unit or a time of day one or two
    ///   tokens on (`anaphor`: "that year", "that same day", "following year", "the following
    ///   morning");
    /// - at/in [the] and a part of a period (`part_of`: "in early March");
    /// - on [the] and an ordinal or a number (`day_only`: "on the 15th").
    ///
    /// Most parse starts are function words and numbers of other things: this spares them the
    /// fifteen rules. The unit test `guards_agree_with_the_rules` checks it at every token of
    /// the English test texts.
    pub(super) fn date_may_start(&self, i: usize) -> bool {
        const AT_K: u64 = features::ORD
            | features::NUM
            | features::UNIT
            | features::DAY
            | features::REL
            | features::WEEKDAY
            | features::MONTH
            | features::HOLIDAY
            | features::HMONTH
            | features::WEEKEND
            | features::PART
            | features::DECADE
            | features::connective(Connective::After)
            | features::connective(Connective::Before);
        let k = self.skip_filler(i);
        let number = |k: usize| self.has(k, features::ORD | features::NUM) || self.num(k).is_some();
        self.has(k, AT_K)
            || self.num(k).is_some()
            || self.tok_text(i) == Some("q")
            || self.tok_text(i) == Some("the")
                && self.tok_text(i + 1).is_some_and(|w| self.classes.has(w, Class::Latest))
                && self.has(i + 2, features::UNIT)
            || self.has(k + 1, features::UNIT | features::FRAC)
                && self.tok_text(k).is_some_and(|w| self.classes.has(w, Class::Final))
            || (self.has(i + 1, features::UNIT | features::DAYPART)
                || self.has(i + 2, features::UNIT | features::DAYPART))
                && self.tok_text(i).is_some_and(|w| {
                    self.classes.has(w, Class::SameAsNamed)
                        || self.classes.has(w, Class::AfterNamed)
                })
            || (self.punct(k, '\'') || self.punct(k, '’')) && self.num(k + 1).is_some()
            || (self.connective(k, Connective::At) || self.connective(k, Connective::In))
                && self.has(self.skip_filler(k + 1), features::PART)
            || self.connective(i, Connective::On)
                && number(if self.connective(i + 1, Connective::Filler) { i + 2 } else { i + 1 })
    }

    /// Whether an English [`Parser::top`] can find anything at `i`: a trigger (a number or a
    /// date word) may begin anything; otherwise the token must be one that a rule of `top`
    /// reads first: "now" (`now_expr`), a relative word, a part of a period or of the day, a
    /// preposition or hedge that leads an expression or bounds one (in, on, at, @, about, the,
    /// for, from, between, since, by, until, after, before, within, asap; "to" only first in the
    /// sentence), or the first token of a date, clock, range, offset or "closest" phrase
    /// (`date_may_start`, `clock_may_start`, `range_may_start`, `offset_may_start`). So "of",
    /// "and", "to" and "ago", function words that start a parse for the numbers near them, are
    /// no longer tried. Checked by `guards_agree_with_the_rules`.
    pub(super) fn top_may_start(&self, i: usize) -> bool {
        const FIRST: u64 = features::TRIGGER
            | features::NOW
            | features::REL
            | features::PART
            | features::DAYPART
            | features::CLOSEST
            | features::BOUND
            | features::connective(Connective::In)
            | features::connective(Connective::On)
            | features::connective(Connective::At)
            | features::connective(Connective::Approx)
            | features::connective(Connective::Filler)
            | features::connective(Connective::For)
            | features::connective(Connective::From)
            | features::connective(Connective::Between)
            | features::connective(Connective::Since)
            | features::connective(Connective::By)
            | features::connective(Connective::Until)
            | features::connective(Connective::After)
            | features::connective(Connective::Before)
            | features::connective(Connective::Within)
            | features::connective(Connective::Asap);
        // English "that" leads only "that year", "that evening" (`anaphor`): elsewhere, no rule
        // reads it
        const NAMED: u64 = features::UNIT | features::DAYPART;
        if self.has(i, features::REL)
            && !self.is_arabic()
            && !(self.has(i + 1, NAMED) || self.has(i + 2, NAMED))
            && self
                .senses(i)
                .iter()
                .all(|s| matches!(s, Sense::Relative { relative: Relative::Same, .. }))
        {
            return false;
        }
        self.has(i, FIRST)
            || self.punct(i, '@')
            || i == 0 && self.connective(i, Connective::To)
            || self.has(self.skip_filler(i), features::CLOSEST)
            || self.date_may_start(i)
            || self.clock_may_start(i)
            || self.range_may_start(i)
            || self.offset_may_start(i)
    }

    /// Whether an English [`Parser::range`] can find anything at `i`: after between/from and
    /// "the" (`k`), every side of a range begins with what begins a date-time (a date, a clock,
    /// a part of the day: `date_may_start`, `clock_may_start`, a part or relative word or time
    /// of day at `k`) or a bare day or hour number (digits, a cardinal or ordinal word); the
    /// leading date of "Thursday from 9:30" is a date at `k`. Checked by
    /// `guards_agree_with_the_rules`.
    pub(super) fn range_may_start(&self, i: usize) -> bool {
        let k = if self.connective(i, Connective::Between) || self.connective(i, Connective::From) {
            i + 1
        } else {
            i
        };
        let k = self.skip_filler(k);
        self.has(
            k,
            features::NUM
                | features::ORD
                | features::FRAC
                | features::DAYPART
                | features::PART
                | features::REL,
        ) || self.num(k).is_some()
            || self.date_may_start(k)
            || self.clock_may_start(k)
    }

    /// Whether an English [`Parser::offset`] can find anything at `i`: it begins with since/in
    /// ("in 3 days"), a relative word ("last 2 weeks"), "upcoming", a bound ("nearly four years
    /// ago"), or a quantity, which begins with about, a number (digits or words), a unit or a
    /// fraction ("half an hour").
    /// Checked by `guards_agree_with_the_rules`.
    pub(super) fn offset_may_start(&self, i: usize) -> bool {
        self.has(
            i,
            features::REL
                | features::NUM
                | features::UNIT
                | features::FRAC
                | features::BOUND
                | features::connective(Connective::Since)
                | features::connective(Connective::In)
                | features::connective(Connective::Approx),
        ) || self.num(i).is_some()
            || self.tok_text(i) == Some("upcoming")
    }

    /// Whether an English [`Parser::clock_in`] can find anything at `i`: after at/@/about it
    /// reads a number (digits or words, "a" of "a quarter" included), a fraction ("half
    /// past") or a time of day ("noon") first (`minutes_rel`, `hour_minute_in`, the noon/midnight
    /// step). Checked with [`Parser::date_may_start`] by `guards_agree_with_the_rules`.
    pub(super) fn clock_may_start(&self, i: usize) -> bool {
        let mut k = i;
        while self.connective(k, Connective::At)
            || self.punct(k, '@')
            || self.connective(k, Connective::Approx)
        {
            k += 1;
        }
        self.has(k, features::NUM | features::FRAC | features::DAYPART)
            || self.num(k).is_some()
            || self.tok_text(k) == Some("half")
    }
}

/// English "a"/"an" (a token whose only sense is the weak number one) that begins no
/// expression, told by the token after it: [`Parser::top`] gives nothing there, so it is not
/// asked. About a third of English parse starts are such articles ("a new law").
///
/// Why this is exact, rule by rule, for such a token at `i` (no other sense, and none of
/// the texts that rules compare at the first token: "half", "q", "upcoming"): it is no
/// preposition, relative, part, unit, weekday, month, day, holiday, ordinal or digit, so
/// `now_expr`, `deictic`, `weekday_expr`, `calendar_date`, `numeric_date`, `month_expr`,
/// `period_rel`, `part_of`, `nth_in`, `holiday`, `hijri_date`, `day_only`,
/// `year_fraction` (an ordinal first in English), `week_of`, `daypart_phrase`, `closest`,
/// `within`, `bounded`, the leading-preposition step and the English `hour_minute_in` (a weak number
/// word is never an hour) give nothing at once. What is left reads it as the number one and
/// needs the next token to be:
/// - `minutes_rel` ("a quarter past 3pm", "a minute to noon"): a fraction, a minute unit, or
///   past / after / hence / to (its "except" sense) / before;
/// - `year_words` ("a thousand AD"): the word "thousand";
/// - `offset`'s "a upcoming week": the word "upcoming";
/// - `duration`'s "a decade", "a century": a span of years;
/// - `quantity` (in `offset`: "a week ago", "a day after Easter", "a half hour from now"): a
///   fraction, a unit, a weekday ("a fridays"), "of" / "more" before the unit, "and" ("a and
///   a half hours"), or a mark glued to it (decimal ".", "/", minutes "'", seconds "\"").
///
/// `datetime` and `range` at `i` are made of `clock_in` (`minutes_rel`, `hour_minute_in`) and `date`
/// (only `year_expr` through `year_words` here), so they need the same. The unit test
/// `idle_articles_give_nothing` checks the rules at every such token of the fixtures and of
/// "a"/"an" before every vocabulary entry.
pub(crate) fn idle_one(toks: &[Tok<'_>], text: &str, lang: Lang, i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    if lang == Lang::Ar || t.features & features::ONE_WEAK == 0 {
        return false;
    }
    let Some(n) = toks.get(i + 1) else { return true };
    const GOES_ON: u64 = features::FRAC
        | features::UNIT
        | features::YEARS
        | features::WEEKDAY
        | features::connective(Connective::Past)
        | features::connective(Connective::After)
        | features::connective(Connective::Hence)
        | features::connective(Connective::Except)
        | features::connective(Connective::Before)
        | features::connective(Connective::And)
        | features::connective(Connective::Of);
    if n.features & GOES_ON != 0
        || !n.space && matches!(n.kind, Kind::Punct('.' | '/' | '\'' | '"'))
    {
        return false;
    }
    !matches!(text.get(n.start..n.end), Some("thousand" | "upcoming" | "more"))
        && !matches!(text.get(t.start..t.end), Some("half" | "q" | "upcoming"))
}

/// A trigger ([`is_trigger`]) that is no article beginning nothing ([`idle_one`]).
///
/// Why idle articles can be left out wherever triggers are asked for (the sentence has one;
/// a function word has one within three tokens), with the same result: every expression holds
/// a trigger, and an idle article is never the first trigger an expression takes in. Rules read
/// a token whose only sense is the weak one (through `number`, `num_word`, `quantity`'s "a",
/// `minutes_rel`'s "a quarter") only where they begin at it, which needs the next token
/// [`idle_one`] lists, or after a trigger they have already taken in ("twenty a", "twelve oh
/// a", a glued "5a" for a.m.). So an expression from a function word whose next three tokens
/// hold no other trigger would have to go past the article before its first trigger: there
/// is none; and a sentence whose only triggers are idle articles has no expression.
#[inline]
pub(crate) fn real_trigger(toks: &[Tok<'_>], text: &str, lang: Lang, i: usize) -> bool {
    let f = toks[i].features;
    // (most triggers are no article: one test of the bits)
    f & features::TRIGGER != 0 && (f & features::ONE_WEAK == 0 || !idle_one(toks, text, lang, i))
}

/// Whether some token of the sentence can anchor an expression ([`real_trigger`], or
/// [`is_trigger`] without the fast paths): without one, there is nothing to parse.
pub(crate) fn any_trigger(toks: &[Tok<'_>], text: &str, lang: Lang) -> bool {
    if fast_paths() {
        (0..toks.len()).any(|i| real_trigger(toks, text, lang, i))
    } else {
        toks.iter().any(is_trigger)
    }
}

/// Whether the exact fast paths are on (tests turn them off to compare with the rules).
#[inline(always)]
pub(crate) fn fast_paths() -> bool {
    #[cfg(test)]
    {
        !SLOW_PATHS.with(std::cell::Cell::get)
    }
    #[cfg(not(test))]
    {
        true
    }
}

/// Whether a token can anchor an expression: a number or a date word (see `Parser::can_start`).
/// Every expression [`Parser::run_reusing`] finds holds one, so a sentence without any has nothing to
/// parse: the stage checks this first and skips the parses and the tense scan.
pub(crate) fn is_trigger(t: &Tok<'_>) -> bool {
    // (numbers and date words carry the bit: see `features::of_all`)
    t.features & features::TRIGGER != 0
}

#[cfg(test)]
thread_local! {
    /// Set by tests to run the rules without the fast paths.
    pub(crate) static SLOW_PATHS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
