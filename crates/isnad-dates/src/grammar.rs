//! The date grammar: recognises expressions in a token stream and resolves them.
//!
//! The grammar is a set of small recursive-descent rules over [`Tok`]s. Each rule returns the
//! index after what it consumed and a partial [`Spec`] (calendar fields, clock fields, or an
//! already-resolved relative value); specs are merged (a range's two ends share month, year and
//! am/pm) and resolved against the [`Anchor`]. At every position the longest parse wins. Which
//! words mean what lives in the data files; which orders of words make a date lives here.

use isnad_core::{Calendar, Grain};
use jiff::civil::{Date, DateTime, Time};

use crate::holidays::Holidays;
use crate::scan::{Kind, Tok};
use crate::time::{self, Anchor, Open, T, add_days, add_grain, truncate};
use crate::vocab::{Conn, DayPart, Era, Part, Rel, Sem, Unit, feat};

/// Which language's word orders apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Ar,
    En,
}

/// A partially specified time, before resolution.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Spec {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    weekday: Option<u8>,
    hijri: bool,
    hour: Option<u8>,
    minute: Option<u8>,
    second: Option<u8>,
    pm: Option<bool>,
    daypart: Option<DayPart>,
    /// An already resolved value (relative days, weeks, holidays, offsets…).
    base: Option<T>,
    /// True when the value is a calendar date written in full (no anchor needed).
    absolute: bool,
    /// The hour is already on the 24-hour clock ("15h", "noon", "midnight").
    h24: bool,
    /// A time zone written after the time, as minutes east of UTC ("GMT", "بتوقيت غرينتش").
    tz: Option<i16>,
}

/// Adds to `cur` what `s` knows and `cur` does not.
fn merge(cur: &mut Spec, s: &Spec) {
    if s.base.is_some()
        && cur.base.is_none()
        && cur.year.is_none()
        && cur.month.is_none()
        && cur.day.is_none()
        && cur.weekday.is_none()
    {
        cur.base = s.base;
    }
    if cur.base.is_none() && s.base.is_none() {
        cur.year = cur.year.or(s.year);
        cur.month = cur.month.or(s.month);
        cur.day = cur.day.or(s.day);
        cur.weekday = cur.weekday.or(s.weekday);
        cur.hijri |= s.hijri;
    }
    // a relative day after an explicit-field clock ("9 tomorrow"): the day wins
    if cur.base.is_none() && s.base.is_some() && s.has_date() && !cur.has_date_fields() {
        cur.base = s.base;
    }
    cur.hour = cur.hour.or(s.hour);
    cur.minute = cur.minute.or(s.minute);
    cur.second = cur.second.or(s.second);
    cur.pm = cur.pm.or(s.pm);
    cur.daypart = cur.daypart.or(s.daypart);
    cur.absolute |= s.absolute;
    cur.h24 |= s.h24;
    cur.tz = cur.tz.or(s.tz);
}

impl Spec {
    fn has_date(&self) -> bool {
        self.year.is_some()
            || self.month.is_some()
            || self.day.is_some()
            || self.weekday.is_some()
            || self.base.is_some()
    }
    fn has_date_fields(&self) -> bool {
        self.year.is_some() || self.month.is_some() || self.day.is_some() || self.weekday.is_some()
    }
    fn has_time(&self) -> bool {
        self.hour.is_some() || self.daypart.is_some()
    }
    /// Fills fields missing here from `o`.
    fn fill(&mut self, o: &Spec) {
        if self.base.is_none()
            && self.day.is_none()
            && self.month.is_none()
            && self.weekday.is_none()
            && self.base.is_none()
        {
            self.base = o.base;
        }
        if self.base.is_none() {
            if self.month.is_none() && self.day.is_some() {
                self.month = o.month;
                self.hijri |= o.hijri;
            }
            if self.year.is_none() && (self.month.is_some() || self.day.is_some()) {
                self.year = o.year;
            }
            if !self.has_date() && self.has_time() {
                self.year = o.year;
                self.month = o.month;
                self.day = o.day;
                self.weekday = o.weekday;
                self.base = o.base;
                self.hijri = o.hijri;
            }
        }
        if self.hour.is_some() && self.pm.is_none() && self.daypart.is_none() {
            self.pm = o.pm;
            self.daypart = o.daypart;
        }
        if self.hour.is_some() && self.tz.is_none() {
            self.tz = o.tz;
        }
    }
}

/// An expression found in the text: token range and resolved value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub t: T,
}

/// Memo of a rule's result at each token, with whether computing it asked for the sentence's
/// tense, and the generation of [`Memos`] it was stored in (an older one: not computed yet).
type Memo<X> = std::cell::RefCell<Vec<(u32, R<X>, bool)>>;

/// What [`Parser::run_reusing`] found at each token where it tried a parse: the result, and whether it
/// depended on the sentence's tense (a parse under the other tense can reuse the others).
pub(crate) type Tried = Vec<Option<(R<T>, bool)>>;

pub(crate) struct Parser<'a, 'v> {
    toks: &'a [Tok<'v>],
    text: &'a str,
    lang: Lang,
    a: Anchor,
    known: bool,
    hol: &'a Holidays,
    past_tense: bool,
    /// Whether a rule asked for the sentence's tense ([`Parser::past`]): when none did, the parse
    /// under the other tense would find the same, and the stage skips it.
    tense_used: std::cell::Cell<bool>,
    /// Whether the computation under way asked for it (directly or through a memoised result).
    tense_dep: std::cell::Cell<bool>,
    /// [`Parser::date`] and [`Parser::datetime`] are asked for the same positions by many rules
    /// (ranges, bounds, leading prepositions): their results are kept per token.
    memo: &'a Memos,
    /// The generation of the memos of the parse under the other tense that this one follows
    /// (see [`Parser::run_reusing`]), or 0: its results that did not ask for the tense hold
    /// here too.
    reuse: u32,
}

/// The parser's memos, kept from one sentence to the next (see [`Parser::new`]).
///
/// Entries carry the generation they were stored in, so that emptying them for the next parse is
/// a counter increment, not a pass over them.
#[derive(Default)]
pub(crate) struct Memos {
    generation: std::cell::Cell<u32>,
    date: Memo<Spec>,
    datetime: Memo<Spec>,
    /// [`Parser::top`]'s results.
    top: Memo<T>,
    /// What a parse tried, for the one under the other tense (see [`Parser::run_reusing`]).
    pub(crate) tried: [std::cell::RefCell<Tried>; 2],
    /// Per token, the first [`real_trigger`] at or after it (the token count when none): see
    /// [`Parser::run_reusing`].
    next_trigger: std::cell::RefCell<Vec<u32>>,
}

thread_local! {
    /// Each thread's memos (a parse uses them from [`Parser::new`] to its end).
    pub(crate) static MEMOS: Memos = Memos::default();
}

impl Memos {
    /// Empties them for a sentence of `n` tokens.
    fn reset(&self, n: usize) {
        let mut generation = self.generation.get().wrapping_add(1);
        if generation == 0 {
            // (after 2^32 parses: forget the old entries for good)
            self.date.borrow_mut().clear();
            self.datetime.borrow_mut().clear();
            self.top.borrow_mut().clear();
            generation = 1;
        }
        self.generation.set(generation);
        for m in [&self.date, &self.datetime] {
            let mut m = m.borrow_mut();
            if m.len() < n + 1 {
                m.resize(n + 1, (0, None, false));
            }
        }
        let mut t = self.top.borrow_mut();
        if t.len() < n + 1 {
            t.resize(n + 1, (0, None, false));
        }
    }
}

type R<X> = Option<(usize, X)>;

/// Keeps in `best` the parse that reaches furthest; on a tie the one found first stays.
fn keep_longest<X>(best: &mut R<X>, r: R<X>) {
    if let Some((j, x)) = r
        && best.as_ref().is_none_or(|(b, _)| j > *b)
    {
        *best = Some((j, x));
    }
}

impl<'a, 'v> Parser<'a, 'v> {
    pub(crate) fn new(
        toks: &'a [Tok<'v>],
        text: &'a str,
        lang: Lang,
        a: Anchor,
        known: bool,
        hol: &'a Holidays,
        memo: &'a Memos,
    ) -> Self {
        Parser {
            toks,
            text,
            lang,
            a,
            known,
            hol,
            past_tense: false,
            tense_used: std::cell::Cell::new(false),
            tense_dep: std::cell::Cell::new(false),
            memo: {
                memo.reset(toks.len());
                memo
            },
            reuse: 0,
        }
    }

    /// The memos' generation, and the one whose tense-free results may be reused.
    #[inline(always)]
    fn generations(&self) -> (u32, u32) {
        (self.memo.generation.get(), self.reuse)
    }

    /// All expressions, left to right, longest first at each position.
    ///
    /// The result at a token is taken from `earlier` (what a parser of the same tokens and
    /// anchor under the other tense tried) when it did not depend on the tense; what this one
    /// tries is noted into `tried`. That parser must be the last one made before this one: the
    /// results of its memos that did not depend on the tense are reused as well (with its memos
    /// emptied, the parses that asked for the tense recomputed every date under them).
    pub(crate) fn run_reusing(&mut self, earlier: Option<&Tried>, tried: &mut Tried) -> Vec<Found> {
        if earlier.is_some() && fast_paths() {
            self.reuse = self.memo.generation.get().wrapping_sub(1);
        }
        tried.clear();
        tried.resize(self.toks.len(), None);
        let mut out = Vec::new();
        let n = self.toks.len();
        // With the fast paths, where parses may start is read off the first real trigger at or
        // after each token, computed once (`can_start` tests up to four tokens at every function
        // word, and most positions of a sentence are far from any trigger): with `t` that
        // trigger, `i` may start when `i == t`, or when it leads and `t < i + 4` (not being a
        // trigger itself, the first trigger after it is `t` too); every position before `t - 3`
        // is neither, and is stepped over at once.
        let mut next = self.memo.next_trigger.borrow_mut();
        let skip = fast_paths();
        if skip {
            next.clear();
            next.resize(n + 1, n as u32);
            for k in (0..n).rev() {
                next[k] = if real_trigger(self.toks, self.text, self.lang, k) {
                    k as u32
                } else {
                    next[k + 1]
                };
            }
        }
        let mut i = 0;
        while i < n {
            if skip {
                // (debug builds, the tests, check every decision against `can_start`)
                let t = next[i] as usize;
                if t == n {
                    debug_assert!((i..n).all(|k| !self.can_start(k)));
                    break;
                }
                if t > i + 3 {
                    debug_assert!((i..t - 3).all(|k| !self.can_start(k)));
                    i = t - 3;
                }
                let may = i == t
                    || matches!(self.toks[i].kind, Kind::Lex(_) | Kind::Punct('@')) && t < i + 4;
                debug_assert_eq!(may, self.can_start(i));
                if !may {
                    i += 1;
                    continue;
                }
            } else if !self.can_start(i) {
                i += 1;
                continue;
            }
            let r = match earlier.and_then(|e| e.get(i).copied().flatten()) {
                Some((r, false)) => r,
                _ => {
                    let outer = self.tense_dep.replace(false);
                    let r = self.top(i);
                    let dep = self.tense_dep.get();
                    self.tense_dep.set(outer || dep);
                    tried[i] = Some((r, dep));
                    r
                }
            };
            if let Some((j, t)) = r
                && j > i
            {
                out.push(Found { start: i, end: j, t });
                i = j;
                continue;
            }
            i += 1;
        }
        out
    }

    pub(crate) fn set_past_tense(&mut self, past: bool) {
        self.past_tense = past;
    }

    /// Whether the last [`Parser::run_reusing`] depended on the tense set by [`Parser::set_past_tense`].
    pub(crate) fn tense_used(&self) -> bool {
        self.tense_used.get()
    }

    /// The sentence's tense, noting that it was asked for (see [`Parser::tense_used`]).
    fn past(&self) -> bool {
        self.tense_used.set(true);
        self.tense_dep.set(true);
        self.past_tense
    }

    /// Whether an expression may start at token `i`: a number or a date word, or a function word
    /// ("في", "من", "at", "the") with one of those within the next three tokens. Function words
    /// are the commonest tokens of news text; skipping them early keeps the stage fast.
    ///
    /// With the fast paths, an article that begins nothing ([`Parser::idle_one`]) counts as no
    /// trigger, neither here nor for the function words before it ("in a statement"): see
    /// [`real_trigger`] for why that is exact.
    fn can_start(&self, i: usize) -> bool {
        if self.is_trigger(i) {
            return true;
        }
        let leads = matches!(self.toks[i].kind, Kind::Lex(_) | Kind::Punct('@'));
        leads && (i + 1..(i + 4).min(self.toks.len())).any(|k| self.is_trigger(k))
    }

    /// [`real_trigger`] (or, without the fast paths, [`is_trigger`]) of token `i`.
    fn is_trigger(&self, i: usize) -> bool {
        if fast_paths() {
            real_trigger(self.toks, self.text, self.lang, i)
        } else {
            is_trigger(&self.toks[i])
        }
    }

    /// [`idle_one`] of token `i`.
    fn idle_one(&self, i: usize) -> bool {
        idle_one(self.toks, self.text, self.lang, i)
    }

    // ------------------------------------------------------------------ token helpers

    fn tok(&self, i: usize) -> Option<&Tok<'v>> {
        isnad_core::work::tick();
        self.toks.get(i)
    }
    fn sems(&self, i: usize) -> &'v [Sem] {
        self.toks.get(i).map(|t| t.sems()).unwrap_or(&[])
    }
    /// The [`feat`] bits of token `i` (none past the end).
    #[inline(always)]
    fn feat(&self, i: usize) -> u64 {
        isnad_core::work::tick();
        self.toks.get(i).map_or(0, |t| t.feat)
    }
    /// Token `i` has a sense of one of the kinds in `bits`.
    #[inline(always)]
    fn has(&self, i: usize, bits: u64) -> bool {
        self.feat(i) & bits != 0
    }
    fn conn(&self, i: usize, c: Conn) -> bool {
        self.has(i, feat::conn(c))
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i).and_then(|t| t.punct()) == Some(c)
    }
    fn num(&self, i: usize) -> Option<(u32, u8)> {
        self.tok(i).and_then(|t| t.num())
    }
    /// Tokens `i` and `i+1` touch (no space between).
    fn glued(&self, i: usize) -> bool {
        self.tok(i + 1).is_some_and(|t| !t.space)
    }
    fn rel(&self, i: usize) -> Option<Rel> {
        if !self.has(i, feat::REL) {
            return None;
        }
        self.sems(i).iter().find_map(|s| match s {
            Sem::Rel(r, _) => Some(*r),
            _ => None,
        })
    }
    fn unit(&self, i: usize) -> Option<(Unit, u8)> {
        if !self.has(i, feat::UNIT) {
            return None;
        }
        self.sems(i).iter().find_map(|s| match s {
            Sem::Unit(u, n) => Some((*u, *n)),
            _ => None,
        })
    }
    fn part(&self, i: usize) -> Option<Part> {
        if !self.has(i, feat::PART) {
            return None;
        }
        self.sems(i).iter().find_map(|s| match s {
            Sem::Part(p) => Some(*p),
            _ => None,
        })
    }
    fn daypart(&self, i: usize) -> Option<DayPart> {
        if !self.has(i, feat::DAYPART) {
            return None;
        }
        self.sems(i).iter().find_map(|s| match s {
            Sem::DayPart(p) => Some(*p),
            _ => None,
        })
    }
    fn weekday(&self, i: usize) -> Option<(u8, bool, bool)> {
        if !self.has(i, feat::WEEKDAY) {
            return None;
        }
        self.sems(i).iter().find_map(|s| match s {
            Sem::Weekday(d, weak, pl) => Some((*d, *weak && !self.toks[i].al, *pl)),
            _ => None,
        })
    }
    fn month_word(&self, i: usize) -> Option<(u8, bool)> {
        if !self.has(i, feat::MONTH) {
            return None;
        }
        self.sems(i).iter().find_map(|s| match s {
            Sem::Month(m, weak) => Some((*m, *weak)),
            _ => None,
        })
    }
    fn hmonth_word(&self, i: usize) -> Option<(u8, bool)> {
        if !self.has(i, feat::HMONTH) {
            return None;
        }
        self.sems(i).iter().find_map(|s| match s {
            Sem::HMonth(m, weak) => Some((*m, *weak)),
            _ => None,
        })
    }
    fn is_unit(&self, i: usize, u: Unit) -> bool {
        self.unit(i).is_some_and(|(x, _)| x == u)
    }
    /// Skips the English article and Arabic standalone article ("the", "الـ").
    fn skip_filler(&self, mut i: usize) -> usize {
        while self.conn(i, Conn::Filler) {
            i += 1;
        }
        i
    }
    /// The bare-reference policy with `tense` decided for this sentence.
    fn policy(&self) -> crate::Bare {
        match self.a.bare {
            crate::Bare::Tense if self.past() => crate::Bare::Past,
            crate::Bare::Tense => crate::Bare::Future,
            b => b,
        }
    }

    /// The reference time. (Without a publication date the stage parses against two unrelated
    /// references and keeps what resolves alike, so rules may always ask for it.)
    fn anchor(&self) -> Anchor {
        self.a
    }
    fn ar(&self) -> bool {
        self.lang == Lang::Ar
    }

    // ------------------------------------------------------------------ numbers

    /// A cardinal number in digits or words ("3", "three", "twenty-three", "ثلاثة عشر", "خمس وأربعون").
    fn number(&self, i: usize) -> R<u32> {
        if let Some((v, _)) = self.num(i) {
            return Some((i + 1, v));
        }
        let (mut j, mut v) = self.num_word(i)?;
        if self.ar() {
            // teens: ثلاثة عشر; compound tens: ثلاث وعشرون
            if self.has(j, feat::TEEN) && v < 10 {
                return Some((j + 1, v + 10));
            }
            if v < 10
                && self.tok(j).is_some_and(|t| t.conj)
                && let Some((k, tens)) = self.num_word(j)
                && tens >= 20
                && tens % 10 == 0
            {
                return Some((k, v + tens));
            }
            if self.has(i, feat::TEEN) && !self.tok(i).is_some_and(|t| t.conj) {
                return Some((i + 1, 10));
            }
        } else if v >= 20 && v % 10 == 0 {
            let k = if self.punct(j, '-') { j + 1 } else { j };
            if let Some((k2, u)) = self.num_word(k)
                && u < 10
            {
                j = k2;
                v += u;
            }
        }
        Some((j, v))
    }

    fn num_word(&self, i: usize) -> R<u32> {
        let t = self.tok(i)?;
        for s in t.sems() {
            match s {
                Sem::Num(v, _) => return Some((i + 1, *v)),
                Sem::Teen if self.ar() => return Some((i + 1, 10)),
                _ => {}
            }
        }
        None
    }

    /// An ordinal ("3rd", "third", "twenty first", "الثالث", "الثالث عشر", "الثالث والعشرون").
    fn ordinal(&self, i: usize) -> R<u32> {
        if let Some((v, _)) = self.num(i) {
            if self.glued(i) && self.has(i + 1, feat::ORD_SUFFIX) {
                return Some((i + 2, v));
            }
            return None;
        }
        let t = self.tok(i)?;
        let base = t.sems().iter().find_map(|s| if let Sem::Ord(v) = s { Some(*v) } else { None });
        if self.ar() {
            if let Some(v) = base {
                if v < 10 && self.has(i + 1, feat::TEEN) {
                    return Some((i + 2, v + 10));
                }
                if v < 10
                    && self.tok(i + 1).is_some_and(|t| t.conj)
                    && let Some((k, tens)) = self.num_word(i + 1)
                    && tens >= 20
                    && tens % 10 == 0
                {
                    return Some((k, v + tens));
                }
                return Some((i + 1, v));
            }
            // العشرون / العاشر: a tens word with the article is an ordinal
            if t.al
                && let Some((j, v)) = self.num_word(i)
                && v >= 20
                && v % 10 == 0
            {
                return Some((j, v));
            }
            return None;
        }
        if let Some(v) = base {
            return Some((i + 1, v));
        }
        // twenty first, twenty-first
        let (j, tens) = self.num_word(i)?;
        if tens >= 20 && tens % 10 == 0 {
            let k = if self.punct(j, '-') { j + 1 } else { j };
            let u = self
                .sems(k)
                .iter()
                .find_map(|s| if let Sem::Ord(v) = s { Some(*v) } else { None })?;
            if u < 10 {
                return Some((k + 1, tens + u));
            }
        }
        None
    }

    /// A day of the month: digits (optionally ordinal) or an ordinal word; English also takes
    /// small number words after a month ("march third" is ordinal; "march 3").
    fn day_num(&self, i: usize) -> R<u8> {
        let i = if self.ar() && self.conn(i, Conn::Filler) { i + 1 } else { i };
        if let Some((j, v)) = self.ordinal(i) {
            if (1..=31).contains(&v) {
                return Some((j, v as u8));
            }
            return None;
        }
        let (v, d) = self.num(i)?;
        if (1..=31).contains(&v) && d <= 2 {
            return Some((i + 1, v as u8));
        }
        None
    }

    /// A year: four digits, or a number with an era, or عام/سنة + number.
    fn year(&self, i: usize) -> R<(i32, Option<Era>)> {
        // "the 1990s", "mid-1990s": a decade, which isnad does not resolve (better none than 1990)
        if self.num(i).is_some() && self.glued(i) && self.tok_text(i + 1) == Some("s") {
            return None;
        }
        let (mut j, mut y, explicit) = if self.is_unit(i, Unit::Year) && !self.is_dual(i) {
            let (j, y) = self.number(i + 1)?;
            (j, y as i32, true)
        } else if let Some((v, d)) = self.num(i) {
            if d != 4 && !(self.has(i + 1, feat::ERA)) {
                return None;
            }
            (i + 1, v as i32, false)
        } else {
            let (j, y) = self.year_words(i)?;
            (j, y, false)
        };
        let mut era = None;
        if let Some(e) =
            self.sems(j).iter().find_map(|s| if let Sem::Era(e) = s { Some(*e) } else { None })
        {
            era = Some(e);
            j += 1;
        }
        if !explicit && era.is_none() && !(1000..=2999).contains(&y) {
            return None;
        }
        if era == Some(Era::Bc) {
            y = -y;
        }
        Some((j, (y, era)))
    }

    /// "two thousand ten", "nineteen seventy-four" is not handled; "two thousand (and) N".
    fn year_words(&self, i: usize) -> R<i32> {
        let (j, v) = self.num_word(i)?;
        let t = self.tok(j)?;
        if self.text.get(t.start..t.end)? != "thousand" {
            return None;
        }
        let mut k = j + 1;
        if self.conn(k, Conn::And) {
            k += 1;
        }
        match self.number(k) {
            Some((k2, r)) if r < 100 => Some((k2, (v * 1000 + r) as i32)),
            _ => Some((k, (v * 1000) as i32)),
        }
    }

    fn is_dual(&self, i: usize) -> bool {
        self.unit(i).is_some_and(|(_, n)| n == 2)
    }

    /// A month name, or شهر + number/name, or "الشهر الثالث".
    fn month(&self, i: usize) -> R<(u8, bool)> {
        if let Some((m, _)) = self.month_word(i) {
            // "آذار/مارس", "مارس (آذار)": the Levantine and the Egyptian name of one month
            if self.punct(i + 1, '/') && self.month_word(i + 2).is_some_and(|(m2, _)| m2 == m) {
                return Some((i + 3, (m, false)));
            }
            if self.punct(i + 1, '(')
                && self.month_word(i + 2).is_some_and(|(m2, _)| m2 == m)
                && self.punct(i + 3, ')')
            {
                return Some((i + 4, (m, false)));
            }
        }
        if let Some((m, weak)) = self.month_word(i) {
            // "Sept. 11", "Oct. 5": the abbreviation's dot belongs to it
            let abbrev = !self.ar() && self.tok_text(i).is_some_and(|w| w.len() <= 4);
            if abbrev
                && self.punct(i + 1, '.')
                && self.glued(i)
                && (self.num(i + 2).is_some() || self.ordinal(i + 2).is_some())
            {
                return Some((i + 2, (m, false)));
            }
            return Some((i + 1, (m, weak)));
        }
        if self.ar() && self.is_unit(i, Unit::Month) && !self.is_dual(i) {
            let t = self.tok(i)?;
            if t.al {
                // الشهر الثالث / الشهر التاسع
                if let Some((j, v)) = self.ordinal(i + 1)
                    && (1..=12).contains(&v)
                {
                    return Some((j, (v as u8, false)));
                }
                return None;
            }
            if let Some((m, _)) = self.month_word(i + 1) {
                return Some((i + 2, (m, false)));
            }
            if let Some((j, v)) = self.number(i + 1)
                && (1..=12).contains(&v)
            {
                return Some((j, (v as u8, false)));
            }
        }
        None
    }

    fn hmonth(&self, i: usize) -> R<(u8, bool)> {
        if let Some((m, weak)) = self.hmonth_word(i) {
            return Some((i + 1, (m, weak)));
        }
        if self.ar()
            && self.is_unit(i, Unit::Month)
            && !self.tok(i)?.al
            && let Some((m, _)) = self.hmonth_word(i + 1)
        {
            return Some((i + 2, (m, false)));
        }
        None
    }

    // ------------------------------------------------------------------ top level

    fn top(&self, i: usize) -> R<T> {
        if fast_paths() && (self.idle_one(i) || !self.ar() && !self.top_may_start(i)) {
            return None;
        }
        // (run() asks again at the token after a leading preposition that gave nothing)
        memoised(&self.memo.top, self.generations(), &self.tense_dep, i, || self.top_uncached(i))
    }

    fn top_uncached(&self, i: usize) -> R<T> {
        let mut best: R<T> = None;
        let mut consider = |r: R<T>| keep_longest(&mut best, r);
        consider(self.now_expr(i));
        if let Some((j, s)) = self.datetime(i)
            && let Some(t) = self.resolve(&s)
        {
            consider(Some((j, t)));
            // "4pm for 30 mins", "18th Dec for 10 days": a stretch from that time
            consider(self.for_duration(j, t));
        }
        consider(self.range(i));
        consider(self.offset(i));
        consider(self.within(i));
        consider(self.bounded(i));
        if self.conn(i, Conn::Asap) {
            let a = self.anchor();
            let g = a.cap(Grain::Second);
            consider(Some((
                i + 1,
                T {
                    start: truncate(a.now, g),
                    grain: g,
                    end: None,
                    open: Open::After,
                    cal: Calendar::Gregorian,
                },
            )));
        }
        // "today in one hour": the day is redundant with the offset
        if let Some((j, 0)) = self.deictic_word(i) {
            consider(self.offset(j).filter(|(_, t)| t.start.date() == self.anchor().today()));
        }
        // "later than 9:30 but before 11:00 on Thursday"
        if !self.ar() && self.conn(i, Conn::After) {
            consider(self.after_before(i + 1));
        }
        // "the closest Monday to Oct 5th", "the second closest Mon to October fifth"
        consider(self.closest(i));
        // "from 18th Dec for 10 days"
        if !self.ar()
            && self.conn(i, Conn::From)
            && let Some((j, s)) = self.datetime(i + 1)
            && let Some(t) = self.resolve(&s)
        {
            consider(self.for_duration(j, t));
        }
        // "for 10 days from 18th Dec", "for 30' starting from 4pm"
        if !self.ar()
            && self.conn(i, Conn::For)
            && let Some((j, (n, QUnit::U(u)))) = self.quantity(i + 1)
        {
            let mut k = j;
            if self.tok_text(k) == Some("starting") {
                k += 1;
            }
            if self.conn(k, Conn::From)
                && let Some((k2, s)) = self.datetime(k + 1)
                && let Some(t) = self.resolve(&s)
            {
                consider(Some((k2, stretch(t, n, u))));
            }
        }
        // Leading prepositions and hedges belong to the expression ("in 2014", "حوالي الساعة 3").
        let lead = self.conn(i, Conn::In)
            || self.conn(i, Conn::On)
            || self.conn(i, Conn::At)
            || self.conn(i, Conn::Approx)
            || self.conn(i, Conn::Filler)
            || self.conn(i, Conn::For)
            || self.punct(i, '@');
        if lead {
            keep_longest(&mut best, self.top(i + 1));
        }
        let (j, t) = best?;
        // Trailing hedges: "3pm approximately", "3ish".
        let mut j = j;
        while self.is_ish(j)
            || self.conn(j, Conn::Approx)
                && !matches!(self.tok_text(j), Some("about" | "around" | "حوالي" | "نحو"))
        {
            j += 1;
        }
        Some((j, t))
    }

    /// "now", "right now", "الآن", "حالا", "في هذه اللحظة".
    fn now_expr(&self, i: usize) -> R<T> {
        let strong = |k: usize| self.sems(k).iter().any(|s| matches!(s, Sem::Now(false)));
        let any = |k: usize| self.has(k, feat::NOW);
        let j = if strong(i) {
            i + 1
        } else if self.rel(i) == Some(Rel::This) && any(i + 1) {
            i + 2
        } else {
            return None;
        };
        let a = self.anchor();
        Some((j, T::point(a.now, a.cap(Grain::Second))))
    }

    /// "X but before Y" after "later than"/"after": the stretch between them.
    fn after_before(&self, k: usize) -> R<T> {
        let (j, left) = self.datetime(k)?;
        let mut m = j;
        if matches!(self.tok_text(m), Some("but" | "and")) {
            m += 1;
        }
        if !self.conn(m, Conn::Before) {
            return None;
        }
        let (end, right) = self.datetime(m + 1)?;
        let mut left = left;
        left.fill(&right);
        let lt = self.resolve(&left)?;
        let rt = self.resolve(&right)?;
        if rt.start < lt.start {
            return None;
        }
        let g = lt.grain.min(rt.grain);
        Some((end, T::interval(lt.start, add_grain(rt.start, g, 1), g)))
    }

    /// "the closest Monday to Oct 5th": the weekday nearest the date; "the second closest": the
    /// next nearest (ties go to the later day).
    fn closest(&self, i: usize) -> R<T> {
        let k = self.skip_filler(i);
        let (k, nth) = match self.ordinal(k) {
            Some((k2, n)) => (k2, n),
            None => (k, 1),
        };
        if !self.has(k, feat::CLOSEST) {
            return None;
        }
        // the thing: a weekday, or a holiday ("the closest xmas to today")
        let hol = self
            .sems(k + 1)
            .iter()
            .find_map(|s| if let Sem::Holiday(h, _) = s { Some(*h as usize) } else { None });
        let wd = self.weekday(k + 1).filter(|w| !w.2).map(|w| w.0);
        if hol.is_none() && wd.is_none() {
            return None;
        }
        let mut j = k + 2;
        if self.punct(j, '.') {
            j += 1;
        }
        if !self.conn(j, Conn::To) {
            return None;
        }
        let (end, s) = self.date(j + 1)?;
        let d = self.resolve(&s)?.date();
        let mut cands: Vec<Date> = match (wd, hol) {
            (Some(wd), _) => {
                let w = time::weekday_of(wd);
                (-14..=14).map(|n| add_days(d, n)).filter(|x| x.weekday() == w).collect()
            }
            (None, Some(h)) => (-3..=3)
                .filter_map(|n| self.hol.in_year(h, d.year() + n, self.a.hijri).map(|(s, _, _)| s))
                .collect(),
            _ => return None,
        };
        cands.sort_by_key(|x| {
            let dist = i64::from(d.until(*x).map(|s| s.get_days()).unwrap_or(0));
            (dist.abs(), -dist)
        });
        let pick = *cands.get(nth.checked_sub(1)? as usize)?;
        Some((end, T::day(pick)))
    }

    /// A clock time follows (after "at", "@" or directly).
    fn clock_after(&self, j: usize) -> bool {
        let (k, at) = self.skip_joiners(j);
        self.clock_m(k, at, false).is_some()
    }

    /// "for N units" after a time: the stretch from it.
    fn for_duration(&self, j: usize, t: T) -> R<T> {
        if self.ar() || !self.conn(j, Conn::For) || t.end.is_some() {
            return None;
        }
        let (k, (n, u)) = self.quantity(j + 1)?;
        let QUnit::U(u) = u else { return None };
        Some((k, stretch(t, n, u)))
    }

    fn is_ish(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space && self.text.get(t.start..t.end) == Some("ish"))
    }

    // ------------------------------------------------------------------ date-time points

    /// A date, a time, or both, in any of the usual orders: up to one date, one day part and one
    /// clock time, joined by commas or at/on/in ("Saturday morning at 9", "9 tomorrow morning",
    /// "at 7:30 PM on Fri, Sep 20", "يوم السبت 21/09 الساعة 1:30 بعد الظهر", "مساء الأحد").
    fn datetime(&self, i: usize) -> R<Spec> {
        memoised(&self.memo.datetime, self.generations(), &self.tense_dep, i, || {
            self.datetime_uncached(i)
        })
    }

    fn datetime_uncached(&self, i: usize) -> R<Spec> {
        let mut best: R<Spec> = None;
        let mut cur = Spec::default();
        let (mut has_d, mut has_dp, mut has_c) = (false, false, false);
        let mut k = i;
        let mut first = true;
        loop {
            let (k0, at) = if first { (k, false) } else { self.skip_joiners(k) };
            // the longest of a clock, a day part and a date here (of equally long ones, the first)
            let mut cand: Option<(usize, Spec, u8)> = None;
            let mut offer = |c: (usize, Spec, u8)| {
                if cand.is_none_or(|b| c.0 > b.0) {
                    cand = Some(c);
                }
            };
            if !has_c && let Some((j, c)) = self.clock_m(k0, at || has_dp, has_dp) {
                offer((j, c, 0));
            }
            if !has_dp && let Some((j, d)) = self.daypart_phrase(k0, !first) {
                offer((j, d, 1));
            }
            if !has_d && let Some((j, d)) = self.date(k0) {
                offer((j, d, 2));
            }
            let Some((j, s, what)) = cand else { break };
            match what {
                0 => has_c = true,
                1 => has_dp = true,
                _ => has_d = true,
            }
            if s.has_date() {
                has_d = true;
            }
            if s.daypart.is_some() {
                has_dp = true;
            }
            merge(&mut cur, &s);
            k = j;
            first = false;
            best = Some((k, cur));
        }
        best
    }

    /// Skips commas and at/on/in between the parts of a date-time; tells whether "at" (or "@",
    /// "الساعة" is part of the clock itself) was among them, which makes a bare number a time.
    fn skip_joiners(&self, mut j: usize) -> (usize, bool) {
        let mut at = false;
        loop {
            let is_at = self.punct(j, '@') || self.conn(j, Conn::At);
            // "الساعة الخامسة من مساء اليوم"
            let of_daypart = self.ar() && self.conn(j, Conn::From) && self.daypart(j + 1).is_some();
            let joiner = is_at
                || of_daypart
                || self.punct(j, ',')
                || self.punct(j, '،')
                || self.conn(j, Conn::On)
                || self.conn(j, Conn::In)
                || self.conn(j, Conn::For)
                || self.conn(j, Conn::Filler);
            if !joiner {
                return (j, at);
            }
            at |= is_at;
            j += 1;
        }
    }

    /// Any date-level expression.
    fn date(&self, i: usize) -> R<Spec> {
        if fast_paths() && !self.ar() && !self.date_may_start(i) {
            return None;
        }
        memoised(&self.memo.date, self.generations(), &self.tense_dep, i, || self.date_uncached(i))
    }

    /// Whether an English [`Parser::date`] can find anything at `i`: every one of its rules
    /// reads a date word or a number first, at `i` or after "the" (`k`):
    /// - at `k`: an ordinal, a cardinal (words or digits), a unit, a deictic day, a relative, a
    ///   weekday, a month, a holiday, a Hijri month, a weekend, a part of a period, or
    ///   after/before ("after tomorrow"): `deictic`, `weekday_expr`, `calendar_date`,
    ///   `numeric_date`, `month_expr`, `period_rel`, `year_expr`, `nth_in`, `holiday`,
    ///   `hijri_date`, `year_fraction`, `week_of`, `part_of` (when `i` is "the", the rules that
    ///   look at `i` itself find nothing there);
    /// - "q" at `i` (`period_rel`: "Q3");
    /// - at/in [the] and a part of a period (`part_of`: "in early March");
    /// - on [the] and an ordinal or a number (`day_only`: "on the 15th").
    ///
    /// Most parse starts are function words and numbers of other things: this spares them the
    /// fifteen rules. The unit test `guards_agree_with_the_rules` checks it at every token of
    /// the English test texts.
    fn date_may_start(&self, i: usize) -> bool {
        const AT_K: u64 = feat::ORD
            | feat::NUM
            | feat::UNIT
            | feat::DAY
            | feat::REL
            | feat::WEEKDAY
            | feat::MONTH
            | feat::HOLIDAY
            | feat::HMONTH
            | feat::WEEKEND
            | feat::PART
            | feat::conn(Conn::After)
            | feat::conn(Conn::Before);
        let k = self.skip_filler(i);
        let number = |k: usize| self.has(k, feat::ORD | feat::NUM) || self.num(k).is_some();
        self.has(k, AT_K)
            || self.num(k).is_some()
            || self.tok_text(i) == Some("q")
            || (self.conn(k, Conn::At) || self.conn(k, Conn::In))
                && self.has(self.skip_filler(k + 1), feat::PART)
            || self.conn(i, Conn::On)
                && number(if self.conn(i + 1, Conn::Filler) { i + 2 } else { i + 1 })
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
    fn top_may_start(&self, i: usize) -> bool {
        const FIRST: u64 = feat::TRIGGER
            | feat::NOW
            | feat::REL
            | feat::PART
            | feat::DAYPART
            | feat::CLOSEST
            | feat::conn(Conn::In)
            | feat::conn(Conn::On)
            | feat::conn(Conn::At)
            | feat::conn(Conn::Approx)
            | feat::conn(Conn::Filler)
            | feat::conn(Conn::For)
            | feat::conn(Conn::From)
            | feat::conn(Conn::Between)
            | feat::conn(Conn::Since)
            | feat::conn(Conn::By)
            | feat::conn(Conn::Until)
            | feat::conn(Conn::After)
            | feat::conn(Conn::Before)
            | feat::conn(Conn::Within)
            | feat::conn(Conn::Asap);
        self.has(i, FIRST)
            || self.punct(i, '@')
            || i == 0 && self.conn(i, Conn::To)
            || self.has(self.skip_filler(i), feat::CLOSEST)
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
    fn range_may_start(&self, i: usize) -> bool {
        let k = if self.conn(i, Conn::Between) || self.conn(i, Conn::From) { i + 1 } else { i };
        let k = self.skip_filler(k);
        self.has(k, feat::NUM | feat::ORD | feat::FRAC | feat::DAYPART | feat::PART | feat::REL)
            || self.num(k).is_some()
            || self.date_may_start(k)
            || self.clock_may_start(k)
    }

    /// Whether an English [`Parser::offset`] can find anything at `i`: it begins with since/in
    /// ("in 3 days"), a relative word ("last 2 weeks"), "upcoming", or a quantity, which
    /// begins with about, a number (digits or words), a unit or a fraction ("half an hour").
    /// Checked by `guards_agree_with_the_rules`.
    fn offset_may_start(&self, i: usize) -> bool {
        self.has(
            i,
            feat::REL
                | feat::NUM
                | feat::UNIT
                | feat::FRAC
                | feat::conn(Conn::Since)
                | feat::conn(Conn::In)
                | feat::conn(Conn::Approx),
        ) || self.num(i).is_some()
            || self.tok_text(i) == Some("upcoming")
    }

    /// Whether an English [`Parser::clock_m`] can find anything at `i`: after at/@/about it
    /// reads a number (digits or words, "a" of "a quarter" included), a fraction ("half
    /// past") or a time of day ("noon") first (`minutes_rel`, `hm_sure`, the noon/midnight
    /// step). Checked with [`Parser::date_may_start`] by `guards_agree_with_the_rules`.
    fn clock_may_start(&self, i: usize) -> bool {
        let mut k = i;
        while self.conn(k, Conn::At) || self.punct(k, '@') || self.conn(k, Conn::Approx) {
            k += 1;
        }
        self.has(k, feat::NUM | feat::FRAC | feat::DAYPART)
            || self.num(k).is_some()
            || self.tok_text(k) == Some("half")
    }

    fn date_uncached(&self, i: usize) -> R<Spec> {
        let mut best: R<Spec> = None;
        let mut take = |r: R<Spec>| keep_longest(&mut best, r);
        take(self.deictic(i));
        take(self.weekday_expr(i));
        take(self.calendar_date(i));
        take(self.numeric_date(i));
        take(self.month_expr(i));
        take(self.period_rel(i));
        take(self.year_expr(i));
        take(self.part_of(i));
        take(self.nth_in(i));
        take(self.holiday(i));
        take(self.hijri_date(i));
        take(self.day_only(i));
        take(self.year_fraction(i));
        take(self.ar_tens(i));
        take(self.week_of(i));
        let (j, s) = best?;
        // Dual dating: "… الموافق 13 رمضان 1446هـ" / "الموافق: 12/04/2023" — one expression.
        if self.conn(j, Conn::Equiv) {
            let k = if self.punct(j + 1, ':') { j + 2 } else { j + 1 };
            let k = self.skip_filler(k);
            if let Some((k2, other)) = self.date(k) {
                // The more specific side wins; a bare weekday defers to the date.
                let keep = if s.day.is_none() && s.base.is_none()
                    || s.weekday.is_some() && s.day.is_none()
                {
                    let mut o = other;
                    if o.weekday.is_none() {
                        o.weekday = s.weekday;
                    }
                    o
                } else {
                    s
                };
                return Some((k2, keep));
            }
        }
        Some((j, s))
    }

    /// A day of the month alone, where English marks it as one: "on the 15th", "the 1st",
    /// "on 24th", "on the first" (the month is the policy's: this one or the next).
    fn day_only(&self, i: usize) -> R<Spec> {
        if self.ar() {
            return None;
        }
        let on = self.conn(i, Conn::On);
        let k = if on { i + 1 } else { i };
        let the = self.conn(k, Conn::Filler);
        let k = if the { k + 1 } else { k };
        if !on && !the {
            return None;
        }
        let digits = self.num(k).is_some();
        let (j, d) = self.ordinal(k)?;
        if !(1..=31).contains(&d) || !(on || digits) {
            return None;
        }
        if self.unit(j).is_some()
            || self.conn(j, Conn::Of)
            || self.weekday(j).is_some()
            || self.month_word(j).is_some()
        {
            return None;
        }
        Some((j, Spec { day: Some(d as u8), ..Spec::default() }))
    }

    /// "العشر الأواخر من رمضان", "العشر الأوائل من ذي الحجة": ten days at one end of a month.
    fn ar_tens(&self, i: usize) -> R<Spec> {
        if !self.ar() || !self.tok(i)?.al || !self.has(i, feat::TEEN) {
            return None;
        }
        let p = self.part(i + 1)?;
        let mut k = i + 2;
        if self.conn(k, Conn::From) {
            k += 1;
        }
        let (k2, spec) = self.hijri_date(k).or_else(|| self.month_expr(k))?;
        let period = self.resolve(&spec)?;
        let (s, e) = (period.start, period.end_excl());
        let day = |n: i64| add_grain(s, Grain::Day, n);
        let (from, to) = match p {
            Part::Early | Part::Begin => (s, day(10)),
            Part::Mid | Part::Middle => (day(10), day(20)),
            Part::Late | Part::End | Part::Last => (add_grain(e, Grain::Day, -10), e),
            _ => return None,
        };
        let mut t = T::interval(from, to, Grain::Day);
        t.cal = period.cal;
        Some((k2, Spec { base: Some(t), absolute: spec.absolute, ..Spec::default() }))
    }

    /// Quarters and halves of a year: "the first half of 2024", "الربع الأول من العام الجاري",
    /// "النصف الثاني من عام 2023".
    fn year_fraction(&self, i: usize) -> R<Spec> {
        let frac = |k: usize| {
            if self.is_unit(k, Unit::Quarter)
                || self.tok_text(k).is_some_and(|w| w.ends_with("ربع"))
            {
                Some(4)
            } else if self.tok_text(k).is_some_and(|w| w == "half" || w.ends_with("نصف")) {
                Some(2)
            } else {
                None
            }
        };
        let k = self.skip_filler(i);
        let (n, parts, mut j) = if self.ar() {
            let parts = frac(k)?;
            let (j, n) = self.ordinal(k + 1)?;
            (n, parts, j)
        } else {
            let (j, n) = self.ordinal(k)?;
            let parts = frac(j)?;
            if parts == 4 {
                return None; // "the third quarter [of 2024]" is in period_rel
            }
            (n, parts, j + 1)
        };
        if n == 0 || n > parts {
            return None;
        }
        if self.conn(j, Conn::Of) || self.conn(j, Conn::From) || self.conn(j, Conn::In) {
            j += 1;
        }
        j = self.skip_filler(j);
        let (j2, year) = match self.period_rel(j).or_else(|| self.year_expr(j)) {
            Some((j2, s)) => {
                let t = self.resolve(&s)?;
                if t.grain != Grain::Year {
                    return None;
                }
                (j2, t.start)
            }
            None => {
                // "the first half of the year", "من العام": the current one
                if self.unit(j) != Some((Unit::Year, 1)) {
                    return None;
                }
                (j + 1, truncate(self.anchor().now, Grain::Year))
            }
        };
        let months = 12 / i64::from(parts);
        let from = add_grain(year, Grain::Month, months * i64::from(n - 1));
        let t = if parts == 4 {
            T::point(from, Grain::Quarter)
        } else {
            T::interval(from, add_grain(from, Grain::Month, months), Grain::Month)
        };
        Some((j2, Spec { base: Some(t), ..Spec::default() }))
    }

    /// "the week of october 6th": the (Monday-based) week that holds the date.
    fn week_of(&self, i: usize) -> R<Spec> {
        let k = self.skip_filler(i);
        if !self.is_unit(k, Unit::Week) || !self.conn(k + 1, Conn::Of) {
            return None;
        }
        let (j, s) = self.calendar_date(self.skip_filler(k + 2))?;
        let t = self.resolve(&s)?;
        // "the week of" names the week that starts around the date: a Sunday starts the next
        // (Monday-based) week, as in American usage
        let d = if t.date().weekday() == jiff::civil::Weekday::Sunday {
            add_days(t.date(), 1)
        } else {
            t.date()
        };
        Some((
            j,
            Spec {
                base: Some(T::point(d.to_datetime(Time::midnight()), Grain::Week)),
                ..Spec::default()
            },
        ))
    }

    /// اليوم، أمس، غدا، أول أمس، بعد غد، today, yesterday, the day after tomorrow… with an optional
    /// weekday and date after them ("أمس الثلاثاء", "غدا الثلاثاء 17 أكتوبر الجاري").
    fn deictic(&self, i: usize) -> R<Spec> {
        let (j, off) = self.deictic_word(i)?;
        let a = self.anchor();
        let mut d = add_days(a.today(), off);
        let mut j = j;
        let k = if self.punct(j, ',') || self.punct(j, '،') { j + 1 } else { j };
        if let Some((wd, _, false)) = self.weekday(k) {
            // The weekday names the day itself: trust it over the anchor, near the deictic day.
            let off = time::weekday_offset(d, time::weekday_of(wd), 0);
            d = add_days(d, off);
            j = k + 1;
            // and a full date after it
            if let Some((k2, s)) = self.calendar_date(j) {
                let mut s = s;
                s.weekday = None;
                return Some((k2, s));
            }
        }
        Some((j, Spec { base: Some(T::day(d)), ..Spec::default() }))
    }

    fn deictic_word(&self, i: usize) -> R<i64> {
        let t = self.tok(i)?;
        let day = |k: usize| {
            self.sems(k)
                .iter()
                .find_map(|s| if let Sem::Day(n) = s { Some(i64::from(*n)) } else { None })
        };
        // أول أمس / أول من أمس
        if self.sems(i).contains(&Sem::Ord(1)) {
            let k = if self.conn(i + 1, Conn::From) { i + 2 } else { i + 1 };
            if day(k) == Some(-1) {
                return Some((k + 1, -2));
            }
        }
        // (اليوم|يوم) (الذي|الي)? (بعد|قبل) (غد|امس|البارحه) ; بعد غد ; قبل امس
        {
            let mut k = i;
            if self.is_unit(k, Unit::Day) && !self.is_dual(k) {
                k += 1;
                if self.conn(k, Conn::Filler) || self.conn(k, Conn::To) && self.ar() {
                    k += 1;
                }
            }
            let after = self.conn(k, Conn::After);
            let before =
                self.conn(k, Conn::Before) || self.rel(k) == Some(Rel::Last) && self.ar() && k > i;
            if (after || before)
                && let Some(n) = day(k + 1)
            {
                if after && n == 1 {
                    return Some((k + 2, 2));
                }
                if before && n == -1 {
                    return Some((k + 2, -2));
                }
            }
            // English: the day after tomorrow / the day before yesterday
            if !self.ar()
                && self.is_unit(i, Unit::Day)
                && (after || before)
                && let Some(n) = day(k + 1)
            {
                return Some((k + 2, n + if after { 1 } else { -1 }));
            }
        }
        if let Some(n) = day(i) {
            // "أمس الأول": the day before yesterday (Gulf usage)
            if self.ar()
                && n == -1
                && self.tok(i + 1).is_some_and(|t| t.al)
                && self.sems(i + 1).contains(&Sem::Ord(1))
            {
                return Some((i + 2, -2));
            }
            return Some((i + 1, n));
        }
        // "يوم غد", "يوم أمس"
        if self.ar()
            && self.is_unit(i, Unit::Day)
            && !t.al
            && let Some(n) = day(i + 1)
        {
            return Some((i + 2, n));
        }
        if self.ar() && self.unit(i) == Some((Unit::Day, 1)) && t.al {
            // اليوم الماضي / السابق / المنصرم = yesterday (Duckling, and news usage of "the previous day")
            match self.rel(i + 1) {
                Some(Rel::Last) => return Some((i + 2, -1)),
                Some(Rel::Next) => return Some((i + 2, 1)),
                Some(Rel::This) => return Some((i + 2, 0)),
                _ => {}
            }
            // "اليوم" = today, unless it is "the Nth day of" (handled elsewhere)
            if self.ordinal(i + 1).is_none()
                && !self.sems(i).iter().any(|s| matches!(s, Sem::Unit(Unit::Day, 2)))
            {
                return Some((i + 1, 0));
            }
        }
        // "هذا اليوم" / "this day"
        if self.rel(i) == Some(Rel::This)
            && self.is_unit(i + 1, Unit::Day)
            && self.unit(i + 1).is_some_and(|(_, n)| n == 1)
        {
            return Some((i + 2, 0));
        }
        None
    }

    /// Weekday expressions: "الخميس", "يوم الجمعة المقبل", "الخميس الماضي", "last tuesday",
    /// "wednesday of next week", "احد الاسبوع الماضي", with an optional date after them.
    fn weekday_expr(&self, i: usize) -> R<Spec> {
        let mut k = i;
        let mut pre_rel = None;
        if self.ar() && self.is_unit(k, Unit::Day) && !self.tok(k)?.al && self.unit(k)?.1 == 1 {
            k += 1; // يوم الجمعة
        }
        if let Some(r) = self.rel(k)
            && (!self.ar() || r == Rel::This)
        {
            pre_rel = Some(r);
            k += 1;
        }
        let (wd, weak, plural) = self.weekday(k)?;
        if plural {
            return None;
        }
        let mut j = k + 1;
        if !self.ar()
            && self.punct(j, '.')
            && self.glued(k)
            && self.tok_text(k).is_some_and(|w| w.len() <= 4)
        {
            j += 1; // "mon."
        }
        let a = self.anchor();
        let wdj = time::weekday_of(wd);
        // Arabic relative after the weekday: الخميس الماضي، الجمعة المقبلة
        let mut post_rel = if self.ar() { self.rel(j) } else { None };
        if post_rel.is_some() {
            j += 1;
        }
        // "of next week", "من الاسبوع الماضي", "الاسبوع الماضي" (construct), "next week"
        let mut week_rel: Option<(usize, i64)> = None;
        {
            let mut m = j;
            if self.conn(m, Conn::Of) || self.conn(m, Conn::From) || self.conn(m, Conn::In) {
                m += 1;
            }
            let m0 = m;
            let mut m = self.skip_filler(m);
            if !self.ar() {
                if let Some(r) = self.rel(m)
                    && self.is_unit(m + 1, Unit::Week)
                {
                    week_rel = Some((m + 2, rel_n(r)));
                }
                // "last week's sunday" handled in period_rel; "wednesday after next"
                if self.conn(m0, Conn::After) && self.rel(m0 + 1) == Some(Rel::Next) {
                    week_rel = Some((m0 + 2, 2));
                    let _ = &mut m;
                }
            } else if self.is_unit(m, Unit::Week) && !self.is_dual(m) {
                if let Some(r) = self.rel(m + 1) {
                    week_rel = Some((m + 2, rel_n(r)));
                }
            } else if self.rel(m) == Some(Rel::This) && self.is_unit(m + 1, Unit::Week) {
                week_rel = Some((m + 2, 0));
            }
        }
        if post_rel.is_none()
            && let Some((m, n)) = week_rel
        {
            let monday = truncate(a.now, Grain::Week).date();
            let d = add_days(monday, 7 * n + i64::from(wd) - 1);
            if !self.ar() && self.conn(j, Conn::After) {
                // "friday after next": the one after next week's
                let nxt = add_days(a.today(), time::weekday_offset(a.today(), wdj, 1));
                return Some((m, Spec { base: Some(T::day(add_days(nxt, 7))), ..Spec::default() }));
            }
            return Some((m, Spec { base: Some(T::day(d)), ..Spec::default() }));
        }
        if self.ar()
            && post_rel.is_none()
            && self.conn(j, Conn::From)
            && self.rel(j + 1) == Some(Rel::This)
        {
            // الثلاثاء ... من هذا الشهر: leave to the date rule below
            post_rel = None;
        }
        let rel = pre_rel.or(post_rel);
        if let Some(r) = rel {
            let d = match (r, self.lang) {
                (Rel::Last, _) => add_days(a.today(), time::weekday_offset(a.today(), wdj, -1)),
                // Arabic المقبل/القادم: the next such day; English "next X": X of next week (Duckling).
                (Rel::Next, Lang::Ar) => {
                    add_days(a.today(), time::weekday_offset(a.today(), wdj, 1))
                }
                (Rel::Next, Lang::En) => {
                    let monday = truncate(a.now, Grain::Week).date();
                    add_days(monday, 7 + i64::from(wd) - 1)
                }
                // "this monday", "هذا الاثنين": the coming one (Duckling)
                (Rel::This | Rel::Same, _) => {
                    add_days(a.today(), time::weekday_offset(a.today(), wdj, 1))
                }
            };
            if !self.ar() && r == Rel::Next && self.conn(j, Conn::After) {
                return None;
            }
            return Some((j, Spec { base: Some(T::day(d)), ..Spec::default() }));
        }
        if !self.ar() && self.conn(j, Conn::After) && self.rel(j + 1) == Some(Rel::Next) {
            // "friday after next": the occurrence after the next one
            let nxt = add_days(a.today(), time::weekday_offset(a.today(), wdj, 1));
            return Some((j + 2, Spec { base: Some(T::day(add_days(nxt, 7))), ..Spec::default() }));
        }
        // weekday followed by a date: "الاثنين 18 شباط", "Monday, Feb 18", "Tuesday the 19th"
        let mut m = j;
        if self.punct(m, ',') || self.punct(m, '،') {
            m += 1;
        }
        if self.conn(m, Conn::Equiv) || self.conn(m, Conn::In) || self.conn(m, Conn::Filler) {
            m += 1;
            if self.punct(m, ':') {
                m += 1;
            }
        }
        if let Some((m2, mut s)) = self.calendar_date(m).or_else(|| self.numeric_date(m)) {
            s.weekday = Some(wd);
            // the weekday must agree with the date: "الثلاثاء الثالث من شهر ايلول 2014" is the
            // third Tuesday, not Wednesday 3 September
            if self.resolve_date(&s).flatten().is_some() {
                return Some((m2, s));
            }
        }
        // weekday + day number only ("السبت السادس عشر", "Tuesday 19th", "Thu 15th")
        if let Some((m2, d)) = self.day_num(m) {
            let at = if self.conn(m, Conn::Filler) && self.ar() { m + 1 } else { m };
            let is_ord = self.ordinal(at).is_some();
            // "on Tuesday, the first increase in six years": a spelled-out English ordinal
            // followed by a noun counts that noun, it is no day of the month.
            let counts_noun = !self.ar()
                && self.num(at).is_none()
                && self
                    .tok(m2)
                    .is_some_and(|t| matches!(t.kind, Kind::Word) || self.unit(m2).is_some());
            if is_ord && !counts_noun {
                let mut s = Spec { day: Some(d), weekday: Some(wd), ..Spec::default() };
                let mut m3 = m2;
                // "من هذا الشهر"
                if (self.conn(m3, Conn::From) || self.conn(m3, Conn::Of))
                    && self.rel(m3 + 1).is_some()
                    && self.is_unit(m3 + 2, Unit::Month)
                {
                    let (mm, r) = (m3 + 3, self.rel(m3 + 1)?);
                    let base = truncate(a.now, Grain::Month);
                    let mon = add_grain(base, Grain::Month, rel_n(r));
                    s.month = Some(mon.month() as u8);
                    s.year = Some(i32::from(mon.year()));
                    m3 = mm;
                }
                return Some((m3, s));
            }
        }
        let dotted = j > k + 1;
        // Arabic "أحد"/"اثنين" without the article are "one of"/"two": never a bare weekday
        if weak && (self.ar() || !dotted && !self.context_before(i)) {
            return None;
        }
        Some((j, Spec { weekday: Some(wd), ..Spec::default() }))
    }

    /// True when the word before `i` is a preposition that takes a date ("on", "في", "منذ").
    fn context_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let p = i - 1;
        self.conn(p, Conn::On)
            || self.part(p).is_some()
            || self.punct(p, '-') && p > 0 && self.part(p - 1).is_some()
            || self.conn(p, Conn::In)
            || self.conn(p, Conn::To)
            || self.conn(p, Conn::After)
            || self.conn(p, Conn::Before)
            || self.conn(p, Conn::Since)
            || self.conn(p, Conn::Until)
            || self.conn(p, Conn::By)
            || self.conn(p, Conn::From)
    }

    /// "12 فبراير [2025] [م] [الجاري]", "15 of february", "the 1st of march", "march 3rd 2015",
    /// "الاول من شهر شباط", "Feb 18", "Jul 18, Fri".
    fn calendar_date(&self, i: usize) -> R<Spec> {
        let mut best: R<Spec> = None;
        // day [of|من] [the] month
        if let Some((j, d)) = self.day_num(self.skip_filler(i)) {
            let mut k = j;
            if self.conn(k, Conn::Of) || self.conn(k, Conn::From) || self.conn(k, Conn::In) {
                k += 1;
            }
            k = self.skip_filler(k);
            let sep = self.punct(k, '-') || self.punct(k, '/');
            if sep {
                k += 1; // 31-Oct-74, 31/Oct/1974
            }
            if let Some((k2, (m, _))) = self.month(k) {
                best =
                    Some((k2, Spec { day: Some(d), month: Some(m), h24: sep, ..Spec::default() }));
            } else if self.ar()
                && self.rel(k) == Some(Rel::Same)
                && self.is_unit(k + 1, Unit::Month)
            {
                // "الـ 12 من نفس الشهر": the month named before; without it, the anchor's
                best = Some((k + 2, Spec { day: Some(d), ..Spec::default() }));
            } else if self.ar() && self.rel(k).is_some() && self.is_unit(k + 1, Unit::Month) {
                let a = self.anchor();
                let mon =
                    add_grain(truncate(a.now, Grain::Month), Grain::Month, rel_n(self.rel(k)?));
                best = Some((
                    k + 2,
                    Spec {
                        day: Some(d),
                        month: Some(mon.month() as u8),
                        year: Some(i32::from(mon.year())),
                        ..Spec::default()
                    },
                ));
            } else if self.is_unit(k, Unit::Month)
                && self.tok(k).is_some_and(|t| t.al)
                && self.rel(k + 1).is_some()
            {
                let a = self.anchor();
                let mon =
                    add_grain(truncate(a.now, Grain::Month), Grain::Month, rel_n(self.rel(k + 1)?));
                best = Some((
                    k + 2,
                    Spec {
                        day: Some(d),
                        month: Some(mon.month() as u8),
                        year: Some(i32::from(mon.year())),
                        ..Spec::default()
                    },
                ));
            } else if !self.ar()
                && k > j
                && self.rel(k).is_some()
                && self.is_unit(k + 1, Unit::Month)
            {
                let a = self.anchor();
                let mon =
                    add_grain(truncate(a.now, Grain::Month), Grain::Month, rel_n(self.rel(k)?));
                best = Some((
                    k + 2,
                    Spec {
                        day: Some(d),
                        month: Some(mon.month() as u8),
                        year: Some(i32::from(mon.year())),
                        ..Spec::default()
                    },
                ));
            }
        }
        // month [the] day[th] — "march 3", "february the 15th", "يوليو 13" (Duckling AR)
        if let Some((j, (m, _))) = self.month(i) {
            let k = self.skip_filler(j);
            let day = self.day_num(k).or({
                // "march first", "march third"
                None
            });
            if let Some((k2, d)) = day {
                // not a year ("October 2014")
                if self.num(k).is_none_or(|(_, dg)| dg != 4) {
                    keep_longest(
                        &mut best,
                        Some((k2, Spec { day: Some(d), month: Some(m), ..Spec::default() })),
                    );
                }
            }
        }
        let (mut j, mut s) = best?;
        // glued "Feb13": fine. Year: [,] year | سنة/عام year
        let mut k = j;
        if self.punct(k, ',') || self.punct(k, '،') {
            k += 1;
        }
        if (self.conn(k, Conn::In) || self.conn(k, Conn::Of) || self.conn(k, Conn::From))
            && self.year(k + 1).is_some()
        {
            k += 1;
        }
        if s.h24
            && (self.punct(k, '-') || self.punct(k, '/'))
            && let Some((v, dg)) = self.num(k + 1)
            && (dg == 2 || dg == 4)
        {
            s.year = Some(if dg == 2 { two_digit_year(v) } else { v as i32 });
            s.h24 = false;
            s.absolute = true;
            j = k + 2;
            return self.date_tail(j, s);
        }
        s.h24 = false;
        if let Some((k2, (y, era))) = self.year(k) {
            s.year = Some(y);
            s.absolute = true;
            if era == Some(Era::Ah) {
                return None;
            }
            j = k2;
        } else if !self.ar() && s.day.is_some() {
            // "14th April 15": a two-digit year after an English date
            if let Some((v, 2)) = self.num(k)
                && !self.punct(k + 1, ':')
                && !self.has(k + 1, feat::AMPM | feat::UNIT)
            {
                s.year = Some(two_digit_year(v));
                j = k + 1;
            }
        }
        self.date_tail(j, s)
    }

    /// After a date: الجاري/الماضي/المقبل on the month ("12 فبراير الجاري"), a trailing weekday
    /// ("Jul 18, Fri").
    fn date_tail(&self, mut j: usize, mut s: Spec) -> R<Spec> {
        if self.ar()
            && s.year.is_none()
            && let Some(r) = self.rel(j)
            && let Some(m) = s.month
        {
            let a = self.anchor();
            let y = i32::from(a.today().year());
            let cur = a.today().month() as u8;
            s.year = Some(match r {
                Rel::This | Rel::Same => y,
                Rel::Last => {
                    if m <= cur {
                        y
                    } else {
                        y - 1
                    }
                }
                Rel::Next => {
                    if m >= cur {
                        y
                    } else {
                        y + 1
                    }
                }
            });
            j += 1;
        }
        if !self.ar()
            && (self.punct(j, ','))
            && let Some((wd, _, false)) = self.weekday(j + 1)
        {
            s.weekday = Some(wd);
            j += 2;
        }
        Some((j, s))
    }

    /// Numeric dates: 15/02/2025, 15-02-2011, 2015-03-03, 2/2013, 2014-10, 10.31.1974, 2/15.
    fn numeric_date(&self, i: usize) -> R<Spec> {
        let (a, da) = self.num(i)?;
        let sep_c = self.tok(i + 1)?.punct()?;
        if !matches!(sep_c, '/' | '-' | '.') {
            return None;
        }
        let (b, db) = self.num(i + 2)?;
        let spaced = self.tok(i + 1)?.space || self.tok(i + 2)?.space;
        // third component?
        let third = if self.punct(i + 3, sep_c) && !spaced { self.num(i + 4) } else { None };
        let mut s = Spec::default();
        let end;
        if let Some((c, dc)) = third {
            end = i + 5;
            if da == 4 {
                // y-m-d
                s.year = Some(a as i32);
                s.month = Some(b as u8);
                s.day = Some(c as u8);
            } else {
                let y = if dc == 4 {
                    c as i32
                } else if dc == 2 {
                    two_digit_year(c)
                } else {
                    return None;
                };
                // d/m/y in Arabic and British usage; m/d/y when the first cannot be a day-month
                let (d, m) = if self.ar() {
                    (a, b)
                } else if a <= 12 && b > 12 {
                    (b, a)
                } else if b <= 12 && a > 12 {
                    (a, b)
                } else if self.known && a != b {
                    // both readings possible (12/02/2025): the one nearer the publication date
                    let today = self.a.today();
                    let dist = |d: u32, m: u32| {
                        Date::new(y as i16, m as i8, d as i8)
                            .ok()
                            .and_then(|x| today.until(x).ok())
                            .map(|s| i64::from(s.get_days()).abs())
                    };
                    match (dist(b, a), dist(a, b)) {
                        (Some(us), Some(eu)) if eu < us => (a, b),
                        _ => (b, a),
                    }
                } else {
                    (b, a)
                };
                s.year = Some(y);
                s.month = Some(m as u8);
                s.day = Some(d as u8);
            }
            s.absolute = true;
        } else {
            end = i + 3;
            if db == 4 && da <= 2 {
                // m/y
                s.month = Some(a as u8);
                s.year = Some(b as i32);
                s.absolute = true;
                if self.ar() {
                    // Duckling AR reads "2/2013" as the first day of the month
                    s.day = Some(1);
                }
            } else if da == 4 && db <= 2 {
                // "2014-10", "2014/10"; spaced ("2025 - 12") is arithmetic or a range of numbers
                if sep_c == '.' || spaced {
                    return None;
                }
                s.year = Some(a as i32);
                s.month = Some(b as u8);
                s.absolute = true;
            } else if da <= 2 && db <= 2 && sep_c != '.' {
                // day-month without year: "21/09" in Arabic (d/m), "2/15" in English (m/d)
                let (d, m) = if self.ar() || a > 12 { (a, b) } else { (b, a) };
                // "3-4pm" and "9:30 - 11:00" are not dates
                if self.has(i + 3, feat::AMPM) || self.punct(i + 3, ':') {
                    return None;
                }
                s.month = Some(m as u8);
                s.day = Some(d as u8);
            } else {
                return None;
            }
        }
        if let Some(m) = s.month
            && !(1..=12).contains(&m)
        {
            return None;
        }
        if let Some(d) = s.day
            && !(1..=31).contains(&d)
        {
            return None;
        }
        // Not a phone number or a longer numeric run ("650-650-6500").
        if self.punct(end, sep_c) && self.num(end + 1).is_some() {
            return None;
        }
        Some((end, s))
    }

    /// Month expressions: "March", "October 2014", "next March", "يونيو الماضى", "الشهر المقبل"
    /// is in [`Self::period_rel`].
    fn month_expr(&self, i: usize) -> R<Spec> {
        let mut k = i;
        let mut pre = None;
        if !self.ar()
            && let Some(r) = self.rel(k)
        {
            pre = Some(r);
            k += 1;
        }
        let (mut j, (m, weak)) = self.month(k)?;
        let mut s = Spec { month: Some(m), ..Spec::default() };
        let mut k2 = j;
        if self.punct(k2, ',') {
            k2 += 1;
        }
        if (self.conn(k2, Conn::Of) || self.conn(k2, Conn::In) || self.conn(k2, Conn::From))
            && self.year(k2 + 1).is_some()
        {
            k2 += 1;
        }
        let mut strong = !weak || pre.is_some() || self.context_before(i);
        if let Some((k3, (y, era))) = self.year(k2) {
            if era == Some(Era::Ah) {
                return None;
            }
            s.year = Some(y);
            s.absolute = true;
            j = k3;
            strong = true;
        } else if let Some(r) = pre.or_else(|| if self.ar() { self.rel(j) } else { None }) {
            if pre.is_none() {
                j += 1;
            }
            strong = true;
            let a = self.anchor();
            let y = i32::from(a.today().year());
            let cur = a.today().month() as u8;
            s.year = Some(match r {
                Rel::This | Rel::Same => y,
                Rel::Last => {
                    if m < cur || (self.ar() && m <= cur) {
                        y
                    } else {
                        y - 1
                    }
                }
                Rel::Next => {
                    if m > cur || (self.ar() && m >= cur) {
                        y
                    } else {
                        y + 1
                    }
                }
            });
            // "March after next"
            if !self.ar()
                && r == Rel::Next
                && self.conn(j, Conn::After)
                && self.rel(j + 1) == Some(Rel::Next)
            {
                s.year = Some(s.year? + 1);
                j += 2;
            }
        } else if !self.ar()
            && self.conn(j, Conn::In)
            && self.quantity(j + 1).is_some_and(|(_, (_, u))| matches!(u, QUnit::U(Unit::Year)))
        {
            // "March in 1 year": that month of the year so many years ahead
            let (k3, (n, _)) = self.quantity(j + 1)?;
            s.year = Some(i32::from(self.anchor().today().year()) + n as i32);
            j = k3;
            strong = true;
        } else if !self.ar() && self.conn(j, Conn::After) && self.rel(j + 1) == Some(Rel::Next) {
            let a = self.anchor();
            let y = i32::from(a.today().year());
            let cur = a.today().month() as u8;
            s.year = Some(if m > cur { y + 1 } else { y + 2 });
            j += 2;
            strong = true;
        }
        if !strong {
            return None;
        }
        Some((j, s))
    }

    /// "this/next/last week|month|quarter|year", "الاسبوع الماضي", "العام المقبل", "هذا العام",
    /// "this week-end", "the third quarter", "4th quarter 2018", "18q4".
    fn period_rel(&self, i: usize) -> R<Spec> {
        let a_now = |p: &Self| p.anchor().now;
        // English / Arabic "this X" (rel before unit)
        let mut best: R<Spec> = None;
        if let Some(r) = self.rel(i) {
            let k = self.skip_filler(i + 1);
            if let Some((u, 1)) = self.unit(k)
                && u >= Unit::Week
                && (!self.ar() || r == Rel::This)
            {
                let g = time::unit_grain(u);
                let base = truncate(a_now(self), g);
                let t = T::point(add_grain(base, g, rel_n(r)), g);
                best = Some((k + 1, Spec { base: Some(t), ..Spec::default() }));
            }
            if self.has(k, feat::WEEKEND) {
                best =
                    Some((k + 1, Spec { base: Some(self.weekend(rel_n(r))), ..Spec::default() }));
            }
        }
        // "over the weekend": the bare policy decides which one
        if !self.ar()
            && self.conn(i, Conn::Filler)
            && self.has(i + 1, feat::WEEKEND)
            && best.is_none()
        {
            let a = self.anchor();
            let wd = a.today().weekday().to_monday_zero_offset();
            let past = self.policy() == crate::Bare::Past;
            // Friday evening to Sunday is "this weekend" whatever the policy
            let n = if wd >= 4 {
                0
            } else if past {
                -1
            } else {
                0
            };
            best = Some((i + 2, Spec { base: Some(self.weekend(n)), ..Spec::default() }));
        }
        // "last week's sunday"
        if let Some((j, Spec { base: Some(w), .. })) = best
            && w.grain == Grain::Week
            && self.punct(j, '\'')
            && self.tok_text(j + 1) == Some("s")
            && let Some((wd, _, false)) = self.weekday(j + 2)
        {
            let d = add_days(w.date(), i64::from(wd) - 1);
            best = Some((j + 3, Spec { base: Some(T::day(d)), ..Spec::default() }));
        }
        // Arabic unit + rel: الأسبوع الماضي، الشهر المقبل، العام الحالي، السنة القادمة
        if self.ar()
            && let Some((u, 1)) = self.unit(i)
            && u >= Unit::Week
            && self.tok(i)?.al
            && let Some(r) = self.rel(i + 1)
        {
            let g = time::unit_grain(u);
            let base = truncate(a_now(self), g);
            let t = T::point(add_grain(base, g, rel_n(r)), g);
            best = Some((i + 2, Spec { base: Some(t), ..Spec::default() }));
        }
        // quarters: "third quarter", "the 3rd qtr", "4th quarter 2018", "the 4th qtr of 2018"
        if !self.ar() {
            let k = self.skip_filler(i);
            if let Some((k2, n)) = self.ordinal(k)
                && self.is_unit(k2, Unit::Quarter)
                && (1..=4).contains(&n)
            {
                let mut k3 = k2 + 1;
                let mut y = None;
                let k4 = if self.conn(k3, Conn::Of) { k3 + 1 } else { k3 };
                if let Some((k5, (yy, _))) = self.year(k4) {
                    y = Some(yy);
                    k3 = k5;
                }
                let year = match y {
                    Some(y) => y,
                    None => i32::from(self.anchor().today().year()),
                };
                let d = Date::new(year as i16, (3 * (n - 1) + 1) as i8, 1).ok()?;
                let t = T::point(d.to_datetime(Time::midnight()), Grain::Quarter);
                let s = Spec { base: Some(t), absolute: y.is_some(), ..Spec::default() };
                keep_longest(&mut best, Some((k3, s)));
            }
            // "Q3", "Q4 2023", "Q1 of 2024": business quarters (this year's without a year)
            if self.tok_text(i) == Some("q")
                && self.glued(i)
                && let Some((q, 1)) = self.num(i + 1)
                && (1..=4).contains(&q)
                && !self.glued(i + 1)
            {
                let mut j = i + 2;
                let k = if self.conn(j, Conn::Of) { j + 1 } else { j };
                let year = match self.year(k) {
                    Some((k2, (y, _))) => {
                        j = k2;
                        Some(y)
                    }
                    None => None,
                };
                let y = year.unwrap_or_else(|| i32::from(self.anchor().today().year()));
                let d = Date::new(y as i16, (3 * (q - 1) + 1) as i8, 1).ok()?;
                let t = T::point(d.to_datetime(Time::midnight()), Grain::Quarter);
                best =
                    Some((j, Spec { base: Some(t), absolute: year.is_some(), ..Spec::default() }));
            }
            // 18q4 / 2018q4
            if let Some((y, dg)) = self.num(i)
                && self.glued(i)
                && self.text.get(self.tok(i + 1)?.start..self.tok(i + 1)?.end) == Some("q")
                && self.glued(i + 1)
                && let Some((q, 1)) = self.num(i + 2)
            {
                let year = if dg == 2 { two_digit_year(y) } else { y as i32 };
                if (1..=4).contains(&q) {
                    let d = Date::new(year as i16, (3 * (q - 1) + 1) as i8, 1).ok()?;
                    let t = T::point(d.to_datetime(Time::midnight()), Grain::Quarter);
                    best = Some((i + 3, Spec { base: Some(t), absolute: true, ..Spec::default() }));
                }
            }
        }
        best
    }

    fn weekend(&self, n: i64) -> T {
        // Friday 18:00 to Monday 00:00 of the week `n` weeks from this one.
        let a = self.anchor();
        let monday = truncate(a.now, Grain::Week);
        let fri = add_grain(add_grain(monday, Grain::Week, n), Grain::Day, 4);
        let s = fri.with().hour(18).build().unwrap_or(fri);
        let e = add_grain(monday, Grain::Week, n + 1);
        T::interval(s, e, Grain::Hour)
    }

    /// A year: "2014", "in 2014 AD", "عام 2006", "للعام 1444هـ 2023 م" (Hijri year with its
    /// Gregorian twin: the Gregorian year), "1444هـ" alone (the Gregorian span of the Hijri year).
    fn year_expr(&self, i: usize) -> R<Spec> {
        let (j, (y, era)) = self.year(i)?;
        if era == Some(Era::Ah) {
            // a Gregorian year right after wins
            if let Some((k, (gy, gera))) = self.year(j)
                && gera != Some(Era::Ah)
            {
                return Some((k, Spec { year: Some(gy), absolute: true, ..Spec::default() }));
            }
            let (s, _) = time::hijri_month(self.a.hijri, y, 1)?;
            let (_, e) = time::hijri_month(self.a.hijri, y, 12)?;
            let t = T::interval(
                s.to_datetime(Time::midnight()),
                e.to_datetime(Time::midnight()),
                Grain::Day,
            )
            .hijri();
            return Some((j, Spec { base: Some(t), absolute: true, ..Spec::default() }));
        }
        // a bare 4-digit number is a year only in a plausible range, and only after a preposition
        // ("in 2014", "منذ 2011") or standing alone between punctuation (a headline "2023")
        let explicit = self.is_unit(i, Unit::Year) || era.is_some();
        if !explicit && !(1900..=2100).contains(&y) {
            return None;
        }
        if !explicit {
            let edge = |k: Option<&Tok<'v>>| {
                k.is_none_or(|t| matches!(t.kind, Kind::Punct(_) | Kind::Break))
            };
            let alone = edge(i.checked_sub(1).and_then(|p| self.tok(p))) && edge(self.tok(j));
            if !alone
                && !self.context_before(i)
                && !self.conn(i.wrapping_sub(1), Conn::Of)
                && !self.conn(i.wrapping_sub(1), Conn::Approx)
            {
                return None;
            }
        }
        Some((j, Spec { year: Some(y), absolute: true, ..Spec::default() }))
    }

    /// Parts of periods: "early March", "end of the month", "منتصف اذار", "أواخر الشهر الماضي",
    /// "beginning of this week", "end of 2012", "EOM", "نهاية العام".
    fn part_of(&self, i: usize) -> R<Spec> {
        let mut k = self.skip_filler(i);
        if self.conn(k, Conn::At) || self.conn(k, Conn::In) {
            k = self.skip_filler(k + 1);
        }
        let p = self.part(k)?;
        let a = self.anchor();
        // abbreviations
        let abbrev = |g: Grain, end: bool| {
            let base = truncate(a.now, g);
            part_interval(base, g, if end { Part::End } else { Part::Begin }, self.lang)
        };
        match p {
            Part::Eom => {
                return Some((
                    k + 1,
                    Spec { base: Some(abbrev(Grain::Month, true)), ..Spec::default() },
                ));
            }
            Part::Bom => {
                return Some((
                    k + 1,
                    Spec { base: Some(abbrev(Grain::Month, false)), ..Spec::default() },
                ));
            }
            Part::Eoy => {
                return Some((
                    k + 1,
                    Spec { base: Some(abbrev(Grain::Year, true)), ..Spec::default() },
                ));
            }
            Part::Boy => {
                return Some((
                    k + 1,
                    Spec { base: Some(abbrev(Grain::Year, false)), ..Spec::default() },
                ));
            }
            Part::Eod => {
                let d = truncate(a.now, Grain::Day);
                return Some((
                    k + 1,
                    Spec {
                        base: Some(T::interval(d, add_grain(d, Grain::Day, 1), Grain::Day)),
                        ..Spec::default()
                    },
                ));
            }
            Part::Last => return None,
            _ => {}
        }
        let mut m = k + 1;
        if self.conn(m, Conn::Of) || self.conn(m, Conn::In) || self.punct(m, '-') && self.glued(k) {
            m += 1;
        }
        m = self.skip_filler(m);
        if self.conn(m, Conn::Approx) {
            m += 1;
        }
        // the period: a month expression, a year, or a relative period
        let (m2, spec) = self
            .month_expr(m)
            .or_else(|| {
                self.month(m).map(|(j, (mm, _))| (j, Spec { month: Some(mm), ..Spec::default() }))
            })
            .or_else(|| self.period_rel(m))
            .or_else(|| self.year_expr(m))
            .or_else(|| {
                // bare "month" / "year" / "week" / "الشهر" / "العام": the current one
                let (u, c) = self.unit(m)?;
                if u >= Unit::Week && u != Unit::Quarter && c == 1 {
                    let g = time::unit_grain(u);
                    let t = T::point(truncate(a.now, g), g);
                    Some((m + 1, Spec { base: Some(t), ..Spec::default() }))
                } else {
                    None
                }
            })?;
        let period = self.resolve(&spec)?;
        let g = period.grain;
        if !matches!(g, Grain::Month | Grain::Year | Grain::Week) {
            return None;
        }
        let t = if self.ar() && p == Part::Begin && g == Grain::Month {
            T::point(period.start, Grain::Day)
        } else if self.ar() && p == Part::Mid && g == Grain::Month {
            T::point(add_grain(period.start, Grain::Day, 14), Grain::Day)
        } else {
            part_interval(period.start, g, p, self.lang)
        };
        Some((m2, Spec { base: Some(t), absolute: spec.absolute, ..Spec::default() }))
    }

    /// Ordinals inside a period: "first tuesday of october", "last Monday of March",
    /// "اخر اثنين من شهر اذار", "الثلاثاء الاخير من شهر مارس", "third day of october",
    /// "اليوم الثالث من اكتوبر", "first week of october 2014", "last day of october 2015".
    fn nth_in(&self, i: usize) -> R<Spec> {
        let k = self.skip_filler(i);
        // what: (n, kind) where kind = weekday(wd) | day | week
        #[derive(Clone, Copy)]
        enum What {
            Wd(u8),
            Day,
            Week,
            Weekend,
        }
        let mut n: i32;
        let what: What;
        let mut j;
        if self.part(k) == Some(Part::Last) || (self.rel(k) == Some(Rel::Last) && !self.ar()) {
            n = -1;
            j = k + 1;
        } else if let Some((j2, v)) = self.ordinal(k) {
            n = v as i32;
            j = j2;
        } else {
            n = 0;
            j = k;
        }
        // "third last week of 2018", "5th last day of May"
        if n > 0 && self.part(j) == Some(Part::Last) {
            n = -n;
            j += 1;
        }
        let jj = if self.ar() && self.is_unit(j, Unit::Day) && self.weekday(j + 1).is_some() {
            j + 1
        } else {
            j
        };
        if let Some((wd, _, _)) = self.weekday(jj) {
            what = What::Wd(wd);
            j = jj + 1;
        } else if self.is_unit(j, Unit::Day) && !self.is_dual(j) {
            what = What::Day;
            j += 1;
        } else if self.is_unit(j, Unit::Week) && !self.is_dual(j) {
            what = What::Week;
            j += 1;
        } else if self.has(j, feat::WEEKEND) {
            what = What::Weekend;
            j += 1;
        } else {
            return None;
        }
        if n == 0 {
            // Arabic order: noun then ordinal ("الثلاثاء الاخير", "الاسبوع الاول", "اليوم الثالث")
            if let Some((j2, v)) = self.ordinal(j) {
                n = v as i32;
                j = j2;
            } else if self.part(j) == Some(Part::Last) {
                n = -1;
                j += 1;
            } else {
                return None;
            }
        }
        // of/in/من/في/ب + period
        let mut m = j;
        if self.conn(m, Conn::Of) || self.conn(m, Conn::In) || self.conn(m, Conn::From) {
            m += 1;
        } else if self.ar() && self.tok(m).is_some_and(|t| t.clitic) {
            // بشهر / بايلول
        } else if self.conn(m, Conn::After) {
            // "third tuesday after christmas 2014"
            let (m2, h) = self.holiday(m + 1)?;
            let base = self.resolve(&h)?;
            if let What::Wd(wd) = what {
                let off = time::weekday_offset(base.date(), time::weekday_of(wd), 1);
                let d = add_days(base.date(), off + 7 * i64::from(n.max(1) - 1));
                return Some((m2, Spec { base: Some(T::day(d)), ..Spec::default() }));
            }
            return None;
        } else {
            return None;
        }
        m = self.skip_filler(m);
        let (mut m2, spec) = self
            .month_expr(m)
            .or_else(|| {
                self.month(m).map(|(j, (mm, _))| (j, Spec { month: Some(mm), ..Spec::default() }))
            })
            .or_else(|| self.period_rel(m))
            .or_else(|| self.year_expr(m))
            .or_else(|| {
                let (u, _) = self.unit(m)?;
                if matches!(u, Unit::Month | Unit::Year) {
                    let g = time::unit_grain(u);
                    Some((
                        m + 1,
                        Spec {
                            base: Some(T::point(truncate(self.anchor().now, g), g)),
                            ..Spec::default()
                        },
                    ))
                } else {
                    None
                }
            })?;
        let mut spec = spec;
        // a year after the month: "من شهر ايلول من عام 2014", "بعام 2014", "في سنة 2014", "لعام 2014"
        if spec.year.is_none() && spec.base.is_none() {
            let mut y = m2;
            if self.conn(y, Conn::From) || self.conn(y, Conn::In) || self.conn(y, Conn::Of) {
                y += 1;
            }
            if let Some((y2, (yy, _))) = self.year(y) {
                spec.year = Some(yy);
                m2 = y2;
            } else if self.ar() && self.is_unit(y, Unit::Year) && self.rel(y + 1).is_some() {
                // "السنة القادمة"
                let a = self.anchor();
                spec.year = Some(i32::from(a.today().year()) + rel_n(self.rel(y + 1)?) as i32);
                m2 = y + 2;
            }
        }
        let period = self.resolve(&spec)?;
        let (ps, pe) = (period.start.date(), period.end_excl().date());
        let t = match what {
            What::Wd(wd) => {
                let w = time::weekday_of(wd);
                if n > 0 {
                    let first =
                        add_days(add_days(ps, -1), time::weekday_offset(add_days(ps, -1), w, 1));
                    T::day(add_days(first, 7 * i64::from(n - 1)))
                } else {
                    let last = add_days(pe, time::weekday_offset(pe, w, -1));
                    T::day(add_days(last, 7 * i64::from(n + 1)))
                }
            }
            What::Weekend => {
                // a weekend is Friday 18:00 to Monday 00:00, counted by its Friday
                let fri = jiff::civil::Weekday::Friday;
                let d = if n > 0 {
                    add_days(
                        add_days(add_days(ps, -1), time::weekday_offset(add_days(ps, -1), fri, 1)),
                        7 * i64::from(n - 1),
                    )
                } else {
                    add_days(add_days(pe, time::weekday_offset(pe, fri, -1)), 7 * i64::from(n + 1))
                };
                let st = d.to_datetime(Time::midnight());
                T::interval(
                    add_grain(st, Grain::Hour, 18),
                    add_grain(st, Grain::Day, 3),
                    Grain::Hour,
                )
            }
            What::Day => {
                if n > 0 {
                    T::day(add_days(ps, i64::from(n - 1)))
                } else {
                    T::day(add_days(pe, i64::from(n)))
                }
            }
            What::Week => {
                // weeks that start (on Monday) inside the period
                // weeks (Monday to Sunday) that lie wholly inside the period
                if n > 0 {
                    let first = add_days(
                        add_days(ps, -1),
                        time::weekday_offset(add_days(ps, -1), jiff::civil::Weekday::Monday, 1),
                    );
                    T::point(
                        add_days(first, 7 * i64::from(n - 1)).to_datetime(Time::midnight()),
                        Grain::Week,
                    )
                } else {
                    let last_sunday =
                        add_days(pe, time::weekday_offset(pe, jiff::civil::Weekday::Sunday, -1));
                    let last = add_days(last_sunday, -6);
                    T::point(
                        add_days(last, 7 * i64::from(n + 1)).to_datetime(Time::midnight()),
                        Grain::Week,
                    )
                }
            }
        };
        Some((m2, Spec { base: Some(t), absolute: spec.absolute, ..Spec::default() }))
    }

    /// Holidays, with a year or relative word: "عيد الفطر 2013", "easter 2010", "last easter",
    /// "thanksgiving of next year", "MLK day of last year".
    fn holiday(&self, i: usize) -> R<Spec> {
        let mut k = i;
        let mut rel = None;
        if let Some(r) = self.rel(k)
            && (!self.ar() || r == Rel::This)
        {
            rel = Some(r);
            k += 1;
        }
        let (id, weak) = self.sems(k).iter().find_map(|s| {
            if let Sem::Holiday(h, w) = s { Some((*h as usize, *w)) } else { None }
        })?;
        let season = weak || self.hol.names.ids.get(id).is_some_and(|n| n.starts_with("season-"));
        let mut j = k + 1;
        let hv = self.a.hijri;
        let year_of = |y: i16| self.hol.in_year(id, y, hv);
        let mut absolute = false;
        let y = if let Some((j2, (y, era))) =
            self.year(j).or_else(|| if self.conn(j, Conn::In) { self.year(j + 1) } else { None })
        {
            if era == Some(Era::Ah) {
                return None;
            }
            j = j2;
            absolute = true;
            y as i16
        } else if (self.conn(j, Conn::Of) || self.ar() && self.conn(j, Conn::From))
            && self.rel(j + 1).is_some()
            && self.is_unit(j + 2, Unit::Year)
        {
            let r = self.rel(j + 1)?;
            j += 3;
            self.anchor().today().year() + rel_n(r) as i16
        } else if self.ar() && self.rel(j).is_some() {
            let r = self.rel(j)?;
            j += 1;
            self.pick_rel_year(r, &year_of)?
        } else if let Some(r) = rel {
            self.pick_rel_year(r, &year_of)?
        } else if let Some((j2, t)) = self.holiday_offset(j) {
            // "thanksgiving in a year", "thanksgiving 3 months ago": the one in the shifted year
            j = j2;
            t.start.year()
        } else if season {
            // a bare season name is an ordinary word ("a summer of protests")
            return None;
        } else {
            let a = self.anchor();
            // Duckling's convention is the next one; news (`past`, `nearest`, `tense`) the nearest
            let bare = if self.policy() == crate::Bare::Future {
                crate::Bare::Future
            } else {
                crate::Bare::Nearest
            };
            time::pick_year(&Anchor { bare, ..a }, false, |yy| {
                let (s, e, _) = year_of(yy)?;
                Some((s.to_datetime(Time::midnight()), e.to_datetime(Time::midnight())))
            })?
        };
        let (s, e, interval) = year_of(y)?;
        let cal = if matches!(self.hol_kind(id), HolKind::Hijri) {
            Calendar::Hijri
        } else {
            Calendar::Gregorian
        };
        let mut t = if interval {
            T::interval(
                s.to_datetime(Time::midnight()),
                e.to_datetime(Time::midnight()),
                Grain::Day,
            )
        } else {
            T::day(s)
        };
        t.cal = cal;
        Some((j, Spec { base: Some(t), absolute, ..Spec::default() }))
    }

    /// An offset after a holiday name: "in 9 months", "9 months from now", "1 year ago".
    fn holiday_offset(&self, j: usize) -> R<T> {
        if self.ar() {
            return None;
        }
        let a = self.anchor();
        if self.conn(j, Conn::In) {
            let (k, (n, u)) = self.quantity(j + 1)?;
            return Some((k, self.shift(a, n, u)));
        }
        let (k, (n, u)) = self.quantity(j)?;
        if self.conn(k, Conn::Ago) {
            return Some((k + 1, self.shift(a, -n, u)));
        }
        if self.conn(k, Conn::Hence) {
            return Some((k + 1, self.shift(a, n, u)));
        }
        None
    }

    fn hol_kind(&self, id: usize) -> HolKind {
        let name = self.hol.names.ids.get(id).map(String::as_str).unwrap_or("");
        match name {
            "eid-al-fitr" | "eid-al-adha" | "arafat" | "islamic-new-year" | "ashura" | "mawlid"
            | "isra-miraj" | "laylat-al-qadr" | "ramadan" | "jumuatul-wida" | "mid-shaban"
            | "tarwiyah" | "tashreeq" => HolKind::Hijri,
            _ => HolKind::Other,
        }
    }

    fn pick_rel_year(
        &self,
        r: Rel,
        year_of: &dyn Fn(i16) -> Option<(Date, Date, bool)>,
    ) -> Option<i16> {
        let a = self.anchor();
        let y = a.today().year();
        let today = a.today();
        let contains = |yy: i16| year_of(yy).is_some_and(|(s, e, _)| s <= today && today < e);
        Some(match r {
            Rel::Last => {
                // the last one that is over
                if year_of(y).is_some_and(|(_, e, _)| e <= today) {
                    y
                } else if year_of(y - 1).is_some_and(|(_, e, _)| e <= today) {
                    y - 1
                } else {
                    y - 2
                }
            }
            Rel::This | Rel::Same if contains(y - 1) => y - 1,
            Rel::This | Rel::Same => {
                if year_of(y).is_some_and(|(_, e, _)| e > today) {
                    y
                } else {
                    y + 1
                }
            }
            Rel::Next => {
                // the next one that has not started
                if year_of(y).is_some_and(|(s, _, _)| s > today) { y } else { y + 1 }
            }
        })
    }

    /// Hijri dates: "15 رمضان 1446هـ", "رمضان المقبل", "شهر رمضان لعام 1445هـ", "رمضان 2019".
    fn hijri_date(&self, i: usize) -> R<Spec> {
        let hv = self.a.hijri;
        let mut k = i;
        let day = self.day_num(k);
        if let Some((k2, _)) = day {
            k = k2;
            if self.conn(k, Conn::From) {
                k += 1;
            }
        }
        let (mut j, (m, weak)) = self.hmonth(k)?;
        let mut hy: Option<i32> = None;
        let mut gy: Option<i32> = None;
        let mut rel = None;
        let mut y = j;
        if self.conn(y, Conn::From) || self.conn(y, Conn::In) {
            y += 1;
        }
        if let Some((y2, (yy, era))) = self.year(y) {
            if era == Some(Era::Ah) || (yy > 1300 && yy < 1600) {
                hy = Some(yy);
            } else {
                gy = Some(yy);
            }
            j = y2;
            // the Gregorian twin: "1446هـ 2025م"
            if let Some((y3, (_, e2))) = self.year(j)
                && e2 != Some(Era::Ah)
            {
                j = y3;
            }
        } else if let Some(r) = self.rel(j).filter(|_| self.unit(j + 1).is_none()) {
            rel = Some(r);
            j += 1;
        } else if weak && day.is_none() {
            return None;
        }
        let a = self.anchor();
        let year = match (hy, gy) {
            (Some(h), _) => h,
            (None, Some(g)) => {
                // the Hijri year whose month m starts in Gregorian year g
                let approx = ((g - 622) as f64 * 33.0 / 32.0) as i32;
                (approx - 1..=approx + 2).find(|&h| {
                    time::hijri_month(hv, h, m).is_some_and(|(s, _)| i32::from(s.year()) == g)
                })?
            }
            (None, None) => {
                let (cy, cm, cd) = time::greg_to_hijri(hv, a.today())?;
                let cur_after = |mm: u8, dd: u8| (m, dd) > (mm, cd) || (m == mm && dd >= cd);
                let _ = cur_after;
                match rel {
                    Some(Rel::Last) => {
                        if m < cm {
                            cy
                        } else {
                            cy - 1
                        }
                    }
                    Some(Rel::Next) => {
                        if m > cm {
                            cy
                        } else {
                            cy + 1
                        }
                    }
                    Some(Rel::This | Rel::Same) => cy,
                    None => {
                        // bare: the policy (future: this year's unless it is over)
                        let dday = day.map(|(_, d)| d).unwrap_or(30);
                        let over = m < cm || m == cm && dday < cd;
                        match self.policy() {
                            // `past`, like Gregorian months, reads the nearest one
                            crate::Bare::Past | crate::Bare::Nearest => {
                                let today = a.today();
                                let dist = |hy: i32| {
                                    let (s, e) = time::hijri_month(hv, hy, m)?;
                                    let d = if today < s {
                                        today.until(s).ok()?.get_days()
                                    } else if today >= e {
                                        e.until(today).ok()?.get_days() + 1
                                    } else {
                                        0
                                    };
                                    Some(d)
                                };
                                [cy - 1, cy, cy + 1]
                                    .into_iter()
                                    .min_by_key(|&hy| dist(hy).unwrap_or(i32::MAX))
                                    .unwrap_or(cy)
                            }
                            _ => {
                                if over {
                                    cy + 1
                                } else {
                                    cy
                                }
                            }
                        }
                    }
                }
            }
        };
        let mut s = Spec { absolute: hy.is_some() || gy.is_some(), ..Spec::default() };
        match day {
            Some((_, d)) => {
                let g = time::hijri_to_greg(hv, year, m, d)?;
                s.base = Some(T::day(g).hijri());
            }
            None => {
                let (st, en) = time::hijri_month(hv, year, m)?;
                s.base = Some(
                    T::interval(
                        st.to_datetime(Time::midnight()),
                        en.to_datetime(Time::midnight()),
                        Grain::Day,
                    )
                    .hijri(),
                );
            }
        }
        Some((j, s))
    }

    // ------------------------------------------------------------------ clock times

    /// A clock time with its hedges and day parts: "3pm", "15:30", "الساعة 3 عصرا",
    /// "الثالثة وربع بعد الظهر", "a quarter past 3pm", "half three", "at noon", "الساعة 12 الا ربع".
    fn clock(&self, i: usize) -> R<Spec> {
        self.clock_m(i, false, false)
    }

    /// [`Self::clock`], where `marked` says that the context already makes a number a time
    /// (after "at" or a day part: "Saturday morning at 9", "tonight 815").
    /// `sure` says the context already makes it a time whatever the number looks like (a day part
    /// before it: "in the evening at eight").
    fn clock_m(&self, i: usize, marked: bool, sure: bool) -> R<Spec> {
        if fast_paths() && !self.ar() && !self.clock_may_start(i) {
            return None;
        }
        let mut k = i;
        let mut marked = marked; // الساعة / at / @
        while self.conn(k, Conn::At) || self.punct(k, '@') || self.conn(k, Conn::Approx) {
            k += 1;
            marked = true;
        }
        if self.ar() && self.unit(k) == Some((Unit::Hour, 1)) && self.tok(k)?.al {
            k += 1;
            marked = true;
        }
        // "a quarter past 3pm", "20 past 3", "15 minutes past noon", "a quarter to noon", "15 to noon"
        if !self.ar()
            && let Some(r) = self.minutes_rel(k)
        {
            return Some(r);
        }
        // "noon", "midnight", "midday"
        if let Some(dp) = self.daypart(k)
            && matches!(dp, DayPart::Noon | DayPart::Midnight)
            && (!self.ar() || matches!(dp, DayPart::Midnight))
        {
            let h = if dp == DayPart::Noon { 12 } else { 24 };
            let s = Spec { hour: Some(h), h24: true, ..Spec::default() };
            return Some((k + 1, s));
        }
        let (mut j, mut s) = self.hm_sure(k, marked, sure)?;
        // minutes and fractions after the hour: "و 18 دقيقة", "وربع", "الا ربع", "and a half"
        if self.ar()
            && let Some((j2, add)) = self.ar_minutes(j)
        {
            if s.minute.is_none() {
                s.minute = Some(0);
            }
            let total = i32::from(s.hour?) * 60 + i32::from(s.minute?) + add;
            s.hour = Some((total.div_euclid(60)) as u8);
            s.minute = Some(total.rem_euclid(60) as u8);
            j = j2;
        }
        // "o'clock", "3ish pm"
        if self.has(j, feat::HOUR) || self.is_ish(j) {
            j += 1;
        }
        // am/pm, day parts, time zones
        let (j2, s2) = self.clock_suffix(j, s);
        j = j2;
        s = s2;
        Some((j, s))
    }

    /// Hours and minutes: "3", "15:30", "15:23:24", "3h18", "15h", "1030" (with at/ish), words.
    fn hm(&self, k: usize, marked: bool) -> R<Spec> {
        self.hm_sure(k, marked, false)
    }

    fn hm_sure(&self, k: usize, marked: bool, sure: bool) -> R<Spec> {
        let mut s = Spec::default();
        if let Some((h, dh)) = self.num(k) {
            // h:mm[:ss]
            if self.punct(k + 1, ':') && self.glued(k) {
                if let Some((m, 2)) = self.num(k + 2) {
                    if h > 24 || m > 59 {
                        return None;
                    }
                    s.hour = Some(h as u8);
                    s.minute = Some(m as u8);
                    let mut j = k + 3;
                    if self.punct(j, ':')
                        && let Some((sec, 2)) = self.num(j + 1)
                    {
                        if sec > 59 {
                            return None;
                        }
                        s.second = Some(sec as u8);
                        j += 2;
                    }
                    return Some((j, s));
                }
                return None;
            }
            // 3h18, 15h, 15h00
            if self.glued(k) && self.tok_text(k + 1) == Some("h") && h <= 24 {
                s.hour = Some(h as u8);
                s.h24 = true;
                if self.glued(k + 1)
                    && let Some((m, 2)) = self.num(k + 2)
                {
                    if m > 59 {
                        return None;
                    }
                    s.minute = Some(m as u8);
                    return Some((k + 3, s));
                }
                s.minute = Some(0);
                return Some((k + 2, s));
            }
            // 1030 / 730 with a marker or am/pm ("at 1030", "330 p.m.")
            let phone =
                (self.punct(k + 1, '.') || self.punct(k + 1, '-')) && self.num(k + 2).is_some();
            if phone && !(self.punct(k + 1, '-') && dh <= 2) {
                return None;
            }
            let then_word = self.tok(k + 1).is_some_and(|t| matches!(t.kind, Kind::Word))
                && !self.is_ish(k + 1)
                && !(self.glued(k) && matches!(self.tok_text(k + 1), Some("p" | "a" | "h")));
            if (dh == 3 || dh == 4) && h % 100 < 60 && h / 100 <= 24 {
                if then_word {
                    return None;
                }
                let has_ampm = self.has(k + 1, feat::AMPM);
                let ctx = marked
                    || has_ampm
                    || self.conn(k.wrapping_sub(1), Conn::Approx)
                    || self.is_ish(k + 1);
                let daypart_after = self.daypart(k + 1).is_some()
                    || self.conn(k + 1, Conn::In) && self.daypart(k + 2).is_some();
                if ctx || daypart_after {
                    s.hour = Some((h / 100) as u8);
                    s.minute = Some((h % 100) as u8);
                    return Some((k + 1, s));
                }
                return None;
            }
            if dh > 2 || h > 24 {
                return None;
            }
            s.hour = Some(h as u8);
            // "at 3 15": hour then minutes
            if !self.ar()
                && marked
                && let Some((m, 2)) = self.num(k + 1)
                && m < 60
            {
                s.minute = Some(m as u8);
                return Some((k + 2, s));
            }
            // a bare number is a time only with a marker or a suffix
            let suffix = self
                .sems(k + 1)
                .iter()
                .any(|x| matches!(x, Sem::AmPm(_) | Sem::Hour | Sem::DayPart(_) | Sem::Tz(_)))
                || (self.rel(k + 1) == Some(Rel::This) && self.daypart(k + 2).is_some())
                || (!self.ar() && self.sems(k + 1).iter().any(|x| matches!(x, Sem::Day(_))))
                || (self.ar()
                    && self.tok(k + 1).is_some_and(|t| t.conj)
                    && self.ar_minutes(k + 1).is_some())
                || self.is_ish(k + 1)
                || (!self.ar() && self.conn(k + 1, Conn::In) && self.daypart(k + 2).is_some());
            if !suffix && (!marked || then_word) {
                return None;
            }
            return Some((k + 1, s));
        }
        // word hours: "three", "الثالثة", "ثلاثة", "twelve oh three"
        let (j, h) = if self.ar() {
            let ordr = self.ordinal(k).filter(|(_, v)| (1..=12).contains(v)).or_else(|| {
                // "الرابعة واربعون دقيقة": the tens belong to the minutes
                let v = self
                    .sems(k)
                    .iter()
                    .find_map(|s| if let Sem::Ord(v) = s { Some(*v) } else { None })?;
                (1..=12).contains(&v).then_some((k + 1, v))
            });
            match ordr {
                Some((j, v)) => {
                    // a bare ordinal is an hour only in the feminine with the article (الثالثة)
                    let t = self.tok(k)?;
                    let fem = self.text.get(t.start..t.end).is_some_and(|w| w.ends_with('ه'));
                    if !(marked || t.al && fem) {
                        return None;
                    }
                    // "الثالثة فجرا", "الثامنة هذه الليلة", "الثالثة وربع": a bare ordinal needs a
                    // time of day or minutes after it ("المرحلة الثانية" is no time)
                    let timed = self.daypart(j).is_some()
                        || self.rel(j) == Some(Rel::This) && self.daypart(j + 1).is_some()
                        || self.ar_minutes(j).is_some()
                        || self.conn(j, Conn::Tz);
                    if !marked && !timed {
                        return None;
                    }
                    (j, v)
                }
                None => {
                    if !marked {
                        return None;
                    }
                    let (j, v) = self.number(k)?;
                    (j, v)
                }
            }
        } else {
            if self.sems(k).iter().any(|s| matches!(s, Sem::Num(_, true))) {
                return None;
            }
            let (j, v) = self.number(k)?;
            (j, v)
        };
        if !(1..=24).contains(&h) {
            return None;
        }
        s.hour = Some(h as u8);
        // English "three twenty", "ten thirty", "twelve oh three", "four twenty-three"
        if !self.ar() {
            let mut m = j;
            if self.punct(m, '-') {
                m += 1;
            }
            let t = self.tok_text(m);
            let mut end = j;
            if matches!(t, Some("oh" | "o" | "ou" | "zero")) {
                let mut m2 = m + 1;
                if self.punct(m2, '-') {
                    m2 += 1;
                }
                if let Some((m3, mm)) = self.num_word(m2)
                    && mm < 10
                {
                    s.minute = Some(mm as u8);
                    // "twelve oh three" is clock talk by itself
                    return Some((m3, s));
                }
            } else if let Some((m2, mm)) = self.number(m)
                && (10..60).contains(&mm)
                && self.num(m).is_none()
            {
                s.minute = Some(mm as u8);
                end = m2;
            }
            let suffix =
                self.sems(end).iter().any(|x| matches!(x, Sem::AmPm(_) | Sem::Hour | Sem::Tz(_)))
                    || (self.conn(end, Conn::In) && self.daypart(end + 1).is_some())
                    || self.daypart(end).is_some()
                    || (self.rel(end) == Some(Rel::This) && self.daypart(end + 1).is_some())
                    || self.sems(end).iter().any(|x| matches!(x, Sem::Day(_)));
            // "at one point", "at two schools": a word number after "at" is a time only with
            // minutes or an am/pm, o'clock or day-part word
            if !(suffix || sure || marked && s.minute.is_some()) {
                return None;
            }
            return Some((end, s));
        }
        Some((j, s))
    }

    fn tok_text(&self, i: usize) -> Option<&str> {
        let t = self.tok(i)?;
        self.text.get(t.start..t.end)
    }

    /// Arabic minutes after an hour: "و 18 دقيقة", "وثمانية عشر دقيقة", "وربع", "ونصف", "وثلث",
    /// "الا ربع", "إلا ثلث", "وخمس واربعون دقيقة". Returns minutes to add (negative for إلا).
    fn ar_minutes(&self, j: usize) -> R<i32> {
        let minus = self.conn(j, Conn::Except);
        let conj = self.tok(j).is_some_and(|t| t.conj) || self.conn(j, Conn::And);
        if !minus && !conj {
            return None;
        }
        let k = if self.conn(j, Conn::And) || minus { j + 1 } else { j };
        // fraction
        if let Some(f) =
            self.sems(k).iter().find_map(|s| if let Sem::Frac(f) = s { Some(*f) } else { None })
        {
            let mut e = k + 1;
            if self.tok_text(e).is_some_and(|w| w == "ا") {
                e += 1;
            }
            return Some((e, if minus { -i32::from(f) } else { i32::from(f) }));
        }
        let (mut e, v) = self.number(k)?;
        if v >= 60 {
            return None;
        }
        if self.is_unit(e, Unit::Minute) {
            e += 1;
        } else if self.num(k).is_none() && v < 10 {
            // "الثالثة وخمسة" without دقيقة is rare and ambiguous
            return None;
        }
        Some((e, if minus { -(v as i32) } else { v as i32 }))
    }

    /// English "a quarter past 3pm", "20 past 3pm", "15 minutes past noon", "a quarter to noon",
    /// "20 minutes to 2pm", "half past three pm", "half three", "twenty after 3pm",
    /// "15 minutes from 1pm".
    fn minutes_rel(&self, k: usize) -> R<Spec> {
        let mut j = k;
        let mins: u32;
        if self.tok_text(j) == Some("half") {
            mins = 30;
            j += 1;
        } else {
            let kk =
                if self.sems(j).iter().any(|s| matches!(s, Sem::Num(1, true))) { j + 1 } else { j };
            if let Some(f) = self
                .sems(kk)
                .iter()
                .find_map(|s| if let Sem::Frac(f) = s { Some(*f) } else { None })
            {
                mins = u32::from(f);
                j = kk + 1;
            } else {
                let (j2, v) = self.number(j)?;
                if v >= 60 {
                    return None;
                }
                mins = v;
                j = j2;
                if self.is_unit(j, Unit::Minute) {
                    j += 1;
                }
            }
        }
        let plain = !self.is_unit(j.wrapping_sub(1), Unit::Minute)
            && self.tok_text(k) != Some("half")
            && !self.has(j.wrapping_sub(1), feat::FRAC);
        let past = self.conn(j, Conn::Past)
            || self.conn(j, Conn::After)
            || self.conn(j, Conn::Hence)
            || (!plain && self.conn(j, Conn::From));
        let to = self.conn(j, Conn::Except) || self.conn(j, Conn::Before);
        let half_three = mins == 30 && self.tok_text(k) == Some("half") && !past && !to;
        let h_at = if half_three {
            j
        } else if past || to {
            j + 1
        } else {
            return None;
        };
        let (h_end, hs) = if let Some(dp) = self.daypart(h_at) {
            if dp == DayPart::Noon {
                (h_at + 1, Spec { hour: Some(12), h24: true, ..Spec::default() })
            } else if dp == DayPart::Midnight {
                (h_at + 1, Spec { hour: Some(24), h24: true, ..Spec::default() })
            } else {
                return None;
            }
        } else {
            let (e, s) = self.hm_sure(h_at, true, true)?;
            if s.minute.is_some() && s.minute != Some(0) {
                return None;
            }
            let (e2, s2) = self.clock_suffix(e, s);
            (e2, s2)
        };
        if plain && to && !(hs.pm.is_some() || hs.h24) {
            return None;
        }
        if plain && past && !(hs.pm.is_some() || hs.h24 || self.conn(k.wrapping_sub(1), Conn::At)) {
            return None;
        }
        let mut s = hs;
        let h = i32::from(s.hour?);
        let total = if to { h * 60 - mins as i32 } else { h * 60 + mins as i32 };
        s.hour = Some(total.div_euclid(60) as u8);
        s.minute = Some(total.rem_euclid(60) as u8);
        Some((h_end, s))
    }

    /// am/pm and day-part words after a time: "3pm", "3 in the afternoon", "الساعة 3 عصرا",
    /// "8 tonight", "9 tomorrow morning", "بتوقيت GMT".
    fn clock_suffix(&self, j: usize, s: Spec) -> (usize, Spec) {
        let (mut j, mut s) = self.clock_suffix0(j, s);
        // a time zone: "GMT", "(BST)", "بتوقيت GMT"
        let mut k = j;
        if self.conn(k, Conn::Tz) {
            k += 1;
        }
        let paren = self.punct(k, '(');
        if paren {
            k += 1;
        }
        if let Some(z) =
            self.sems(k).iter().find_map(|x| if let Sem::Tz(z) = x { Some(*z) } else { None })
        {
            k += 1;
            if paren && self.punct(k, ')') {
                k += 1;
            }
            s.tz = Some(z);
            j = k;
        }
        (j, s)
    }

    fn clock_suffix0(&self, mut j: usize, mut s: Spec) -> (usize, Spec) {
        // Arabic datelines abbreviate صباحا/مساء as ص/م after a clock ("09:39 م")
        if self.ar() && s.minute.is_some() && matches!(self.tok_text(j), Some("ص" | "م")) {
            s.pm = Some(self.tok_text(j) == Some("م"));
            return (j + 1, s);
        }
        if let Some(pm) =
            self.sems(j).iter().find_map(|x| if let Sem::AmPm(p) = x { Some(*p) } else { None })
        {
            s.pm = Some(pm);
            j += 1;
        } else if !self.ar() && self.conn(j, Conn::In) && self.daypart(j + 1).is_some() {
            s.daypart = self.daypart(j + 1);
            j += 2;
        } else if let Some(dp) = self.daypart(j) {
            if !matches!(dp, DayPart::Lunch) {
                s.daypart = Some(dp);
                if matches!(dp, DayPart::Tonight)
                    || self.ar() && self.tok(j).is_some_and(|t| t.al) && dp == DayPart::Night
                {
                    s.base = Some(T::day(self.anchor().today()));
                }
                j += 1;
            }
        } else if self.ar() && self.rel(j) == Some(Rel::This) && self.daypart(j + 1).is_some() {
            // "هذا الصباح", "هذه الليلة"
            s.daypart = self.daypart(j + 1);
            s.base = Some(T::day(self.anchor().today()));
            j += 2;
        } else if !self.ar() && self.rel(j) == Some(Rel::This) && self.daypart(j + 1).is_some() {
            s.daypart = self.daypart(j + 1);
            s.base = Some(T::day(self.anchor().today()));
            j += 2;
        } else if self.tok_text(j) == Some("a") && self.glued(j.wrapping_sub(1)) {
            s.pm = Some(false);
            j += 1;
        } else if self.tok_text(j) == Some("p") && self.glued(j.wrapping_sub(1)) {
            s.pm = Some(true);
            j += 1;
            if self.punct(j, '.') {
                j += 1;
            }
        }
        (j, s)
    }

    /// A day-part phrase: "this morning", "tonight", "late last night", "مساء الأحد", "صباح اليوم",
    /// "هذه الليلة"; after a date (`attached`) just the part: "tomorrow evening", "monday early
    /// morning", "february the 15th in the morning".
    fn daypart_phrase(&self, i: usize, attached: bool) -> R<Spec> {
        // "early-morning tweets", "late-night calls": a compound adjective, no time
        if i > 0 && self.punct(i - 1, '-') && !self.tok(i)?.space {
            return None;
        }
        let mut k = i;
        let late = self.part(k) == Some(Part::Late);
        let early = self.part(k) == Some(Part::Early);
        if late || early {
            k += 1;
        }
        if let Some(r) = self.rel(k) {
            let dp = self.daypart(k + 1)?;
            if attached {
                return None;
            }
            let a = self.anchor();
            let day = match r {
                Rel::Last if matches!(dp, DayPart::Night | DayPart::Evening) => {
                    add_days(a.today(), -1)
                }
                // English "this morning at 3": the part of day steers the clock, the day follows it
                Rel::This if !self.ar() && self.clock_after(k + 2) => {
                    return Some((
                        k + 2,
                        Spec { daypart: Some(adjust(dp, late, early)), ..Spec::default() },
                    ));
                }
                Rel::This => a.today(),
                _ => return None,
            };
            return Some((
                k + 2,
                Spec {
                    daypart: Some(adjust(dp, late, early)),
                    base: Some(T::day(day)),
                    ..Spec::default()
                },
            ));
        }
        let dp = self.daypart(k)?;
        if matches!(dp, DayPart::Noon | DayPart::Midnight)
            && !(self.ar() && !attached && self.date(k + 1).is_some())
        {
            return None;
        }
        let mut j = k + 1;
        let mut s = Spec { daypart: Some(adjust(dp, late, early)), ..Spec::default() };
        if dp == DayPart::Tonight
            || self.ar() && dp == DayPart::Night && self.tok(k)?.al && !attached
        {
            s.daypart = Some(adjust(dp, late, early));
            if !attached {
                s.base = Some(T::day(self.anchor().today()));
            }
            return Some((j, s));
        }
        if attached {
            if self.tok_text(j) == Some("ish") {
                j += 1;
            }
            return Some((j, s));
        }
        // "مساء الأحد", "صباح اليوم", "morning of xmas", "morning of the 15th of february"
        let m = if self.conn(j, Conn::Of) { j + 1 } else { j };
        if (self.ar() || m > j)
            && let Some((m2, d)) = self.date(m)
            && !d.has_time()
        {
            merge(&mut s, &d);
            return Some((m2, s));
        }
        if self.ar() && !self.tok(k)?.clitic && !matches!(dp, DayPart::Evening | DayPart::Morning) {
            return None;
        }
        if !self.ar() && !attached && self.clock_after(j) {
            return Some((j, s));
        }
        if !self.ar()
            && i == k
            && !self.context_before(i)
            && !self.conn(j, Conn::At)
            && !self.punct(j, '@')
        {
            // a bare "morning" is latent in Duckling; news rarely means today by it
            if self.tok(i.wrapping_sub(1)).is_some() || self.tok(j).is_some() {
                return None;
            }
        }
        s.base = Some(T::day(self.anchor().today()));
        Some((j, s))
    }

    // ------------------------------------------------------------------ relative offsets

    /// "منذ ثلاثة أيام", "قبل أسبوعين", "بعد يومين", "3 days ago", "in 2 minutes", "two years hence",
    /// "a week from now", "3 fridays from now", "last 2 weeks", "الاسابيع الثلاثة القادمة".
    fn offset(&self, i: usize) -> R<T> {
        if fast_paths() && !self.ar() && !self.offset_may_start(i) {
            return None;
        }
        let a = self.anchor();
        // prefix forms
        let back = self.conn(i, Conn::Since)
            || self.ar() && (self.conn(i, Conn::Before) || self.conn(i, Conn::From));
        let ahead = if self.ar() { self.conn(i, Conn::After) } else { self.conn(i, Conn::In) };
        let pre = if back {
            Some(-1)
        } else if ahead {
            Some(1)
        } else {
            None
        };
        if let Some(dir) = pre {
            let (j, (n, u)) = self.quantity(i + 1)?;
            if self.conn(i, Conn::Since) && !self.ar() {
                return None;
            }
            // "the first increase in six years", "the highest level in a decade": after a
            // superlative, "in N years" is the stretch of time looked back over, no date ahead.
            if ahead
                && !self.ar()
                && (i.saturating_sub(4)..i).any(|k| self.tok_text(k).is_some_and(superlative))
            {
                return None;
            }
            let t = self.shift(a, n * dir, u);
            // "in 7 days at 5pm", "in 4 years at 5pm"
            return Some(self.then_clock(j, t));
        }
        // "upcoming two weeks", "2 upcoming weeks": the unit that many periods ahead
        {
            let up = |k: usize| self.tok_text(k) == Some("upcoming");
            let found = if up(i) {
                self.number(i + 1).and_then(|(j, n)| self.unit(j).map(|(u, _)| (j + 1, n, u)))
            } else if let Some((j, n)) = self.number(i) {
                if up(j) { self.unit(j + 1).map(|(u, _)| (j + 2, n, u)) } else { None }
            } else {
                None
            };
            if let Some((j, n, u)) = found {
                let g = time::unit_grain(u);
                return Some((j, T::point(add_grain(truncate(a.now, g), g, i64::from(n)), g)));
            }
        }
        // "last/past/next N units" intervals
        if let Some(r) = self.rel(i)
            && let Some((j, (n, u))) = self.quantity(i + 1)
            && (n > 1 || self.num(i + 1).is_some() || self.num_word(i + 1).is_some())
        {
            return self.n_periods(j, r, n, u);
        }
        // Arabic "الاسابيع الثلاثة القادمة", "الشهرين الماضيين"
        if self.ar() {
            if let Some((u, 2)) = self.unit(i)
                && self.tok(i)?.al
                && let Some(r) = self.rel(i + 1)
            {
                return self.n_periods(i + 2, r, 2, QUnit::U(u));
            }
            if let Some((u, _)) = self.unit(i)
                && self.tok(i)?.al
                && let Some((j, n)) = self.number(i + 1)
                && let Some(r) = self.rel(j)
            {
                return self.n_periods(j + 1, r, i64::from(n), QUnit::U(u));
            }
        }
        // suffix forms: "N units ago|hence|from now"
        let (j, (n, u)) = self.quantity(i)?;
        if self.conn(j, Conn::Ago) {
            return Some((j + 1, self.shift(a, -n, u)));
        }
        if self.conn(j, Conn::Hence) {
            let mut t = self.shift(a, n, u);
            if self.tok_text(j).is_some_and(|w| w.ends_with("today")) {
                if let QUnit::U(unit) = u {
                    t = T::point(add_grain(a.now, time::unit_grain(unit), n), Grain::Day);
                }
            } else if self.tok_text(j).is_some_and(|w| w.ends_with("right now"))
                && let QUnit::U(unit) = u
            {
                t = T::point(add_grain(a.now, time::unit_grain(unit), n), a.cap(Grain::Second));
            }
            return Some((j + 1, t));
        }
        // "three days after Easter", "a year from Christmas": an offset from a date; a holiday
        // named bare here is its nearest occurrence (the one the speaker has in mind)
        if !self.ar() && (self.conn(j, Conn::After) || self.conn(j, Conn::From)) {
            let QUnit::U(unit) = u else { return None };
            let base = self.holiday_nearest(j + 1).or_else(|| {
                let (k, s) = self.date(j + 1)?;
                Some((k, self.resolve(&s)?))
            });
            if let Some((k, t)) = base
                && unit >= Unit::Day
            {
                return Some((
                    k,
                    T::point(add_grain(t.start, time::unit_grain(unit), n), Grain::Day),
                ));
            }
        }
        None
    }

    /// A bare holiday name at `k`, resolved to its occurrence nearest the reference.
    fn holiday_nearest(&self, k: usize) -> R<T> {
        let k = self.skip_filler(k);
        let h = self
            .sems(k)
            .iter()
            .find_map(|s| if let Sem::Holiday(h, false) = s { Some(*h as usize) } else { None })?;
        if self.year(k + 1).is_some() {
            return None;
        }
        let today = self.anchor().today();
        let best = (-1..=1)
            .filter_map(|n| self.hol.in_year(h, today.year() + n, self.a.hijri))
            .min_by_key(|(s, e, _)| {
                if today < *s {
                    i64::from(today.until(*s).map(|x| x.get_days()).unwrap_or(i32::MAX))
                } else if today >= *e {
                    i64::from(e.until(today).map(|x| x.get_days()).unwrap_or(i32::MAX))
                } else {
                    0
                }
            })?;
        Some((k + 1, T::day(best.0)))
    }

    fn then_clock(&self, j: usize, t: T) -> (usize, T) {
        let k = if self.conn(j, Conn::At) { j + 1 } else { return (j, t) };
        if let Some((k2, mut c)) = self.clock(k) {
            c.base = Some(T::day(t.date()));
            if let Some(r) = self.resolve(&c) {
                return (k2, r);
            }
        }
        (j, t)
    }

    /// "3 days", "ثلاثة أيام", "يومين", "a week", "two weeks", "a fortnight", "3 fridays".
    fn quantity(&self, i: usize) -> R<(i64, QUnit)> {
        // "about a week", "نحو أسبوع"
        let i = if self.conn(i, Conn::Approx) { i + 1 } else { i };
        // "الشهرين": a definite noun names given periods, it is no amount of time
        if self.ar() && self.unit(i).is_some() && self.tok(i)?.al {
            return None;
        }
        // dual: يومين
        if let Some((u, 2)) = self.unit(i) {
            if u == Unit::Week && !self.ar() {
                return Some((i + 1, (2, QUnit::U(u))));
            }
            if self.ar() {
                return Some((i + 1, (2, QUnit::U(u))));
            }
        }
        // Arabic: a bare unit means one ("قبل اسبوع", "بعد ساعة")
        if self.ar()
            && let Some((u, 1)) = self.unit(i)
            && !self.tok(i)?.al
            && self.num(i + 1).is_none()
            && self.number(i + 1).is_none()
        {
            // and "ساعة واحدة"
            let j = if self.sems(i + 1).iter().any(|s| matches!(s, Sem::Num(1, _))) {
                i + 2
            } else {
                i + 1
            };
            return Some((j, (1, QUnit::U(u))));
        }
        let is_a = |k: usize| self.sems(k).iter().any(|s| matches!(s, Sem::Num(1, true)));
        let frac_at = |k: usize| {
            self.sems(k).iter().find_map(|s| if let Sem::Frac(f) = s { Some(*f) } else { None })
        };
        // fractions of an hour: "half an hour", "a quarter of an hour", "three-quarters of an hour"
        {
            let mut k = i;
            let mut mult = 1.0;
            if let Some((k2, v)) = self.number(k).filter(|_| !is_a(k)) {
                if self.punct(k2, '-') && frac_at(k2 + 1).is_some() {
                    mult = f64::from(v);
                    k = k2 + 1;
                }
            } else if is_a(k) && frac_at(k + 1).is_some() {
                k += 1;
            }
            if let Some(f) = frac_at(k) {
                let mut m = k + 1;
                if self.tok_text(m) == Some("s") {
                    m += 1;
                }
                if self.conn(m, Conn::Of) {
                    m += 1;
                }
                if is_a(m) {
                    m += 1;
                }
                if self.is_unit(m, Unit::Hour) {
                    return Some((m + 1, ((mult * f64::from(f)) as i64, QUnit::U(Unit::Minute))));
                }
            }
        }
        let (mut j, n) = self.number(i)?;
        let mut n = f64::from(n);
        // decimals and fractions: "2.5 hours", "1/4h", "2 and an half hours"
        if self.punct(j, '.') && self.glued(j - 1) {
            if let Some((d, dg)) = self.num(j + 1) {
                n += f64::from(d) / 10f64.powi(i32::from(dg));
                j += 2;
            }
        } else if self.punct(j, '/') && self.glued(j - 1) {
            let (d, _) = self.num(j + 1)?;
            if d == 0 || !self.is_unit(j + 2, Unit::Hour) {
                return None;
            }
            n /= f64::from(d);
            j += 2;
        } else if self.conn(j, Conn::And) && is_a(j + 1) && frac_at(j + 2).is_some() {
            n += f64::from(frac_at(j + 2)?) / 60.0;
            j += 3;
        }
        // "15'" = minutes, "1\"" = seconds
        if self.glued(j - 1) && self.punct(j, '\'') {
            return Some((j + 1, (n as i64, QUnit::U(Unit::Minute))));
        }
        if self.glued(j - 1) && self.punct(j, '"') {
            return Some((j + 1, (n as i64, QUnit::U(Unit::Second))));
        }
        // "couple of", "2 more minutes"
        if self.conn(j, Conn::Of) || self.tok_text(j) == Some("more") {
            j += 1;
        }
        if let Some(wd) = self.weekday(j).filter(|w| w.2) {
            return Some((j + 1, (n as i64, QUnit::Wd(wd.0))));
        }
        let (u, c) = self.unit(j)?;
        let n = n * f64::from(c.max(1));
        if n.fract() != 0.0 {
            // 2.5 hours -> minutes
            if u == Unit::Hour {
                return Some((j + 1, ((n * 60.0).round() as i64, QUnit::U(Unit::Minute))));
            }
            return None;
        }
        Some((j + 1, (n as i64, QUnit::U(u))))
    }

    fn shift(&self, a: Anchor, n: i64, u: QUnit) -> T {
        match u {
            QUnit::U(u) => {
                let g = time::unit_grain(u);
                let fg = a.cap(time::finer(g));
                let t = add_grain(a.now, g, n);
                T::point(t, fg)
            }
            QUnit::Wd(wd) => {
                let w = time::weekday_of(wd);
                let dir: i64 = if n < 0 { -1 } else { 1 };
                let first = add_days(a.today(), time::weekday_offset(a.today(), w, dir as i8));
                let d = add_days(first, 7 * (n - dir));
                T::day(d)
            }
        }
    }

    fn n_periods(&self, j: usize, r: Rel, n: i64, u: QUnit) -> R<T> {
        let QUnit::U(u) = u else { return None };
        let a = self.anchor();
        let g = a.cap(time::unit_grain(u));
        let base = truncate(a.now, g);
        let t = match r {
            Rel::Last => T::interval(add_grain(base, g, -n), base, g),
            Rel::Next => T::interval(add_grain(base, g, 1), add_grain(base, g, n + 1), g),
            _ => return None,
        };
        Some((j, t))
    }

    /// "خلال اسبوعين", "within 2 weeks": from now to the end of the span.
    fn within(&self, i: usize) -> R<T> {
        if !self.conn(i, Conn::Within) {
            return None;
        }
        let (j, (n, u)) = self.quantity(i + 1)?;
        let QUnit::U(u) = u else { return None };
        let a = self.anchor();
        let g = time::unit_grain(u);
        let end = truncate(add_grain(a.now, g, n), time::finer(g).max(Grain::Day));
        let sg = a.cap(Grain::Second);
        Some((j, T::interval(truncate(a.now, sg), end, sg)))
    }

    /// Open and half-open bounds: "حتى الساعة 2:00", "by 2pm", "until 2pm", "after 2 pm",
    /// "since 2014", "before 11 am", "by the end of next month".
    fn bounded(&self, i: usize) -> R<T> {
        let a = self.anchor();
        let by = self.conn(i, Conn::By) || (self.ar() && self.conn(i, Conn::Until));
        let until = !self.ar() && self.conn(i, Conn::Until)
            || !self.ar() && self.conn(i, Conn::To) && i == 0;
        let after = !self.ar()
            && (self.conn(i, Conn::After)
                || self.conn(i, Conn::Since)
                || self.conn(i, Conn::From) && self.clock(i + 1).is_some())
            || self.ar() && self.conn(i, Conn::Since) && self.quantity(i + 1).is_none();
        let before = !self.ar() && self.conn(i, Conn::Before);
        if !(by || until || after || before) {
            return None;
        }
        if after && !self.conn(i, Conn::From) {
            // "after 5 days"
            if let Some((j, (n, u))) = self.quantity(i + 1) {
                let t = self.shift(a, n, u);
                return Some((j, T { open: Open::After, ..t }));
            }
        }
        let (j, s) = self.datetime(i + 1)?;
        let t = self.resolve(&s)?;
        if self.conn(i, Conn::From)
            && let Some(r) = self.for_duration(j, t)
        {
            return Some(r);
        }
        if by && t.start <= a.now && t.end.is_none_or(|e| e <= a.now) {
            // "حتى عام 2022" in a 2025 article: an end in the past, not a deadline from now
            return Some((
                j,
                T {
                    start: t.start,
                    grain: t.grain,
                    end: Some(t.start),
                    open: Open::Before,
                    cal: t.cal,
                },
            ));
        }
        if by {
            let sg = a.cap(Grain::Second);
            // "by the end of next month": to the end of the period; "by 2pm": to that time
            let mut end = if t.end.is_some() { t.end_excl() } else { t.start };
            if truncate(end, sg) != end {
                // a reference known only to the day: the deadline's day is included
                end = add_grain(truncate(end, sg), sg, 1);
            }
            return Some((j, T::interval(truncate(a.now, sg), end, sg)));
        }
        if until || before {
            return Some((
                j,
                T {
                    start: t.start,
                    grain: t.grain,
                    end: Some(t.start),
                    open: Open::Before,
                    cal: t.cal,
                },
            ));
        }
        Some((j, T { start: t.start, grain: t.grain, end: None, open: Open::After, cal: t.cal }))
    }

    // ------------------------------------------------------------------ ranges

    /// "من 13 إلى 15 يوليو", "13-15 July", "July 13-15", "بين 10 و12 فبراير", "3-4pm",
    /// "9:30 - 11:00 on Thursday", "من الساعة 3 الى الساعة 4 بعد العصر".
    fn range(&self, i: usize) -> R<T> {
        if fast_paths() && !self.ar() && !self.range_may_start(i) {
            return None;
        }
        let mut k = i;
        let between = self.conn(k, Conn::Between);
        let from = self.conn(k, Conn::From);
        if between || from {
            k += 1;
        }
        k = self.skip_filler(k);
        // a leading date for time ranges: "Thursday from 9:30 to 11:00"
        let mut outer: Option<Spec> = None;
        let mut starts = [Some((k, None)), None];
        if !between
            && !from
            && let Some((k2, d)) = self.date(k)
            && !d.has_time()
        {
            if self.conn(k2, Conn::From) || self.conn(k2, Conn::Between) {
                starts[1] = Some((k2 + 1, Some(d)));
            } else if self.num(k2).is_some() {
                starts[1] = Some((k2, Some(d)));
            }
        }
        let _ = &mut outer;
        let mut best: R<T> = None;
        for (k, outer) in starts.into_iter().flatten() {
            keep_longest(&mut best, self.range_from(k, between, from, outer));
        }
        best
    }

    fn range_from(&self, k: usize, between: bool, from: bool, outer: Option<Spec>) -> R<T> {
        let mut best: R<T> = None;
        for (l_end, left) in self.range_sides(k) {
            let mut m = l_end;
            let sep = if between {
                self.conn(m, Conn::And)
            } else {
                self.conn(m, Conn::To)
                    || self.conn(m, Conn::Until)
                    || self.punct(m, '-')
                    || (self.conn(m, Conn::And) && from)
                    || (self.punct(m, '/') && left.has_date() && left.hour.is_some())
            };
            if !sep {
                continue;
            }
            m += 1;
            // Arabic "وحتى": و + حتى; "إلى غاية"
            if self.conn(m, Conn::Until) || self.conn(m, Conn::To) {
                m += 1;
            }
            m = self.skip_filler(m);
            for (r_end, right) in self.range_sides(m) {
                keep_longest(&mut best, self.range_finish(left, right, r_end, outer));
            }
        }
        best
    }

    fn range_finish(
        &self,
        mut left: Spec,
        mut right: Spec,
        r_end: usize,
        outer: Option<Spec>,
    ) -> R<T> {
        let mut end = r_end;
        // trailing context: "on Thursday", "tomorrow", "من شهر ايلول", "of July"
        let mut k2 = end;
        if self.conn(k2, Conn::On)
            || self.conn(k2, Conn::Of)
            || self.conn(k2, Conn::From)
            || self.conn(k2, Conn::In)
        {
            k2 += 1;
        }
        let k2 = self.skip_filler(k2);
        let mut trail: Option<Spec> = None;
        if (right.has_time() && !right.has_date() || right.day.is_some() && right.month.is_none())
            && let Some((k3, d)) = self.date(k2).or_else(|| {
                self.month(k2).map(|(j, (mm, _))| (j, Spec { month: Some(mm), ..Spec::default() }))
            })
        {
            trail = Some(d);
            end = k3;
        }
        // share context
        if let Some(o) = outer.or(trail) {
            if right.has_time() && !right.has_date() {
                right.fill(&o);
                left.fill(&o);
            } else if right.day.is_some() && right.month.is_none() {
                right.month = o.month.or(right.month);
                right.year = o.year.or(right.year);
                right.hijri |= o.hijri;
                right.month?;
            }
        }
        if left.has_time() != right.has_time() && !(left.has_date() && right.has_date()) {
            return None;
        }
        // "two to three", "5-6": two bare numbers are no time range without am/pm, minutes or a
        // day part somewhere
        let bare = |s: &Spec| {
            s.hour.is_some()
                && s.minute.is_none()
                && s.pm.is_none()
                && s.daypart.is_none()
                && !s.h24
        };
        if bare(&left) && bare(&right) && outer.is_none() {
            return None;
        }
        let right_pm = right.pm;
        left.fill(&right);
        right.fill(&left);
        if right.hour.is_some() {
            right.pm = right_pm;
        }
        if left.day.is_some() && left.month.is_none()
            || right.day.is_some() && right.month.is_none()
        {
            return None;
        }
        let lt = self.resolve(&left)?;
        let mut rt = self.resolve(&right)?;
        if lt.grain >= Grain::Day && (left.hour.is_some() || right.hour.is_some()) {
            return None;
        }
        // "8am until 6", "11:30-1:30": an ambiguous right hour is the first one after the left
        while rt.start < lt.start
            && right.hour.is_some()
            && right.pm.is_none()
            && !right.h24
            && right.daypart.is_none()
        {
            rt.start = add_grain(rt.start, Grain::Hour, 12);
        }
        if rt.start < lt.start {
            return None;
        }
        let g = lt.grain.min(rt.grain);
        let end_t = if rt.end.is_some() { rt.end_excl() } else { add_grain(rt.start, g, 1) };
        let mut t = T::interval(lt.start, end_t, g);
        t.cal = if lt.cal == Calendar::Hijri { Calendar::Hijri } else { Calendar::Gregorian };
        Some((end, t))
    }

    /// The candidate sides of a range at `k`, longest first: a full date-time, a bare day number
    /// ("13" in "13-15 July") or a bare clock time ("3" in "3-4pm").
    ///
    /// (A fixed array, not a `Vec`: this runs at every token a parse starts from.)
    fn range_sides(&self, k: usize) -> impl Iterator<Item = (usize, Spec)> {
        let mut v: [Option<(usize, Spec)>; 4] = [None; 4];
        let mut n = 0;
        // kept longest first, equally long ones in the order found (a stable sort)
        let mut push = |r: (usize, Spec)| {
            let at = v[..n].iter().position(|x| x.is_some_and(|(j, _)| j < r.0)).unwrap_or(n);
            v[at..=n].rotate_right(1);
            v[at] = Some(r);
            n += 1;
        };
        if let Some(r) = self.datetime(k) {
            push(r);
        }
        if let Some((j, d)) = self.day_num(k) {
            let not_time = !self.punct(j, ':') && !self.has(j, feat::AMPM | feat::HOUR);
            if not_time {
                push((j, Spec { day: Some(d), ..Spec::default() }));
            }
        }
        if let Some((j, c)) = self.clock(k) {
            push((j, c));
        }
        if let Some((j, c)) = self.hm(k, true).map(|(j, s)| self.clock_suffix(j, s)) {
            push((j, c));
        }
        v.into_iter().flatten()
    }

    // ------------------------------------------------------------------ resolution

    pub(crate) fn resolve(&self, s: &Spec) -> Option<T> {
        let date_t = self.resolve_date(s)?;
        if !s.has_time() {
            return date_t;
        }
        let a = if s.absolute { self.a } else { self.anchor() };
        // day parts without a clock: an interval of that day
        if s.hour.is_none() {
            let dp = s.daypart?;
            let day = match date_t {
                Some(t) => t.date(),
                None => self.anchor().today(),
            };
            let (h1, h2) = daypart_hours(dp);
            let st = day.to_datetime(Time::midnight());
            return Some(T::interval(
                add_grain(st, Grain::Hour, h1),
                add_grain(st, Grain::Hour, h2),
                Grain::Hour,
            ));
        }
        let mut h = i64::from(s.hour?);
        let mi = i64::from(s.minute.unwrap_or(0));
        let se = i64::from(s.second.unwrap_or(0));
        let grain = if s.second.is_some() {
            Grain::Second
        } else if s.minute.is_some() {
            Grain::Minute
        } else {
            Grain::Hour
        };
        let explicit = s.pm.is_some() || s.daypart.is_some() || s.h24 || h > 12 || h == 0;
        if let Some(pm) = s.pm {
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        } else if let Some(dp) = s.daypart
            && !s.h24
        {
            h = daypart_hour(dp, h);
        }
        let at = |d: Date| {
            let st = d.to_datetime(Time::midnight());
            st.checked_add(jiff::Span::new().hours(h).minutes(mi).seconds(se)).ok()
        };
        let t = match date_t {
            Some(dt) => at(dt.date())?,
            None => {
                let today = a.today();
                if self.ar() && explicit {
                    at(today)?
                } else {
                    // the next such time: compared at the hour, so "at 4:23" at 4:30 is now-ish
                    let now_h = truncate(a.now, Grain::Hour);
                    let mut cands: Vec<DateTime> = Vec::new();
                    for dd in [0, 1] {
                        let d = add_days(today, dd);
                        cands.push(at(d)?);
                        if !explicit {
                            cands.push(add_grain(at(d)?, Grain::Hour, 12));
                        }
                    }
                    cands.sort();
                    *cands.iter().find(|c| truncate(**c, Grain::Hour) >= now_h)?
                }
            }
        };
        let (t, grain) = match (s.tz, a.offset) {
            (Some(z), Some(off)) => {
                let shifted =
                    t.checked_add(jiff::Span::new().minutes(i64::from(off) - i64::from(z))).ok()?;
                (shifted, grain.min(Grain::Minute))
            }
            _ => (t, grain),
        };
        Some(T::point(t, grain))
    }

    fn resolve_date(&self, s: &Spec) -> Option<Option<T>> {
        if let Some(b) = s.base {
            return Some(Some(b));
        }
        if !s.has_date() {
            return Some(None);
        }
        let a = if s.absolute { self.a } else { self.anchor() };
        if let (Some(y), Some(m), Some(d)) = (s.year, s.month, s.day) {
            let date = Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()?;
            if s.weekday.is_some_and(|w| time::weekday_of(w) != date.weekday()) {
                return None;
            }
            return Some(Some(T::day(date)));
        }
        if let (Some(y), Some(m)) = (s.year, s.month) {
            let date = Date::new(i16::try_from(y).ok()?, m as i8, 1).ok()?;
            return Some(Some(T::point(date.to_datetime(Time::midnight()), Grain::Month)));
        }
        if let (Some(y), None, None) = (s.year, s.month, s.day) {
            let date = Date::new(i16::try_from(y).ok()?, 1, 1).ok()?;
            return Some(Some(T::point(date.to_datetime(Time::midnight()), Grain::Year)));
        }
        let a = {
            let _ = a;
            self.anchor()
        };
        // weekday with a partial date: the first match going forward (or back, with `past`)
        if let Some(wd) = s.weekday {
            let w = time::weekday_of(wd);
            match (s.month, s.day) {
                (Some(m), Some(d)) => {
                    let y0 = a.today().year();
                    let years: Vec<i16> = match self.policy() {
                        crate::Bare::Past => (0..28).map(|k| y0 - k).collect(),
                        _ => (0..28).map(|k| y0 + k).collect(),
                    };
                    for y in years {
                        if let Ok(date) = Date::new(y, m as i8, d as i8)
                            && date.weekday() == w
                        {
                            return Some(Some(T::day(date)));
                        }
                    }
                    return None;
                }
                (None, Some(d)) => {
                    let mut mon = truncate(a.now, Grain::Month).date();
                    for _ in 0..24 {
                        if let Ok(date) = Date::new(mon.year(), mon.month(), d as i8)
                            && date.weekday() == w
                            && (date >= a.today() || self.policy() == crate::Bare::Past)
                        {
                            return Some(Some(T::day(date)));
                        }
                        mon = if self.policy() == crate::Bare::Past {
                            mon.checked_sub(jiff::Span::new().months(1)).ok()?
                        } else {
                            mon.checked_add(jiff::Span::new().months(1)).ok()?
                        };
                    }
                    return None;
                }
                _ => {
                    return Some(Some(T::day(time::bare_weekday(&a, w, self.past()))));
                }
            }
        }
        match (s.month, s.day) {
            (Some(m), Some(d)) => {
                // a day of the current month stays in it ("الأول من شباط" written on 12 February)
                let y = if m as i8 == a.today().month() && self.policy() == crate::Bare::Future {
                    a.today().year()
                } else {
                    time::pick_year(&a, self.past(), |yy| {
                        let date = Date::new(yy, m as i8, d as i8).ok()?;
                        let st = date.to_datetime(Time::midnight());
                        Some((st, add_grain(st, Grain::Day, 1)))
                    })?
                };
                let date = Date::new(y, m as i8, d as i8).ok()?;
                Some(Some(T::day(date)))
            }
            (Some(m), None) => {
                let y = time::pick_year(&a, self.past(), |yy| {
                    let st = Date::new(yy, m as i8, 1).ok()?.to_datetime(Time::midnight());
                    Some((st, add_grain(st, Grain::Month, 1)))
                })?;
                let date = Date::new(y, m as i8, 1).ok()?;
                Some(Some(T::point(date.to_datetime(Time::midnight()), Grain::Month)))
            }
            (None, Some(d)) => {
                // day of month alone: this month's, else the next (future) or previous (past)
                let cur = truncate(a.now, Grain::Month).date();
                let this = Date::new(cur.year(), cur.month(), d as i8).ok();
                let today = a.today();
                let date = match self.policy() {
                    crate::Bare::Past => match this {
                        Some(x) if x <= today => x,
                        _ => {
                            let p = cur.checked_sub(jiff::Span::new().months(1)).ok()?;
                            Date::new(p.year(), p.month(), d as i8).ok()?
                        }
                    },
                    _ => match this {
                        Some(x) if x >= today => x,
                        _ => {
                            let n = cur.checked_add(jiff::Span::new().months(1)).ok()?;
                            Date::new(n.year(), n.month(), d as i8).ok()?
                        }
                    },
                };
                Some(Some(T::day(date)))
            }
            _ => Some(None),
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum QUnit {
    U(Unit),
    Wd(u8),
}

enum HolKind {
    Hijri,
    Other,
}

/// `[t, t + n units]` at the finer of the two grains, the end counted inclusively as Duckling
/// does ("4pm for 30 mins" -> 16:00 to 16:31 exclusive).
fn stretch(t: T, n: i64, u: Unit) -> T {
    let g = t.grain.min(time::unit_grain(u));
    let end = add_grain(add_grain(t.start, time::unit_grain(u), n), g, 1);
    T::interval(t.start, end, g)
}

/// English superlatives (and "first", "only") that make "in N years" a look back: "the first
/// increase in six years", "its lowest level in a decade".
fn superlative(w: &str) -> bool {
    matches!(
        w,
        "first"
            | "only"
            | "highest"
            | "lowest"
            | "biggest"
            | "largest"
            | "smallest"
            | "longest"
            | "shortest"
            | "worst"
            | "best"
            | "fastest"
            | "slowest"
            | "strongest"
            | "weakest"
            | "deadliest"
            | "busiest"
            | "hottest"
            | "coldest"
            | "warmest"
            | "sharpest"
            | "steepest"
            | "heaviest"
            | "most"
            | "least"
    )
}

fn rel_n(r: Rel) -> i64 {
    match r {
        Rel::Next => 1,
        Rel::Last => -1,
        Rel::This | Rel::Same => 0,
    }
}

fn two_digit_year(v: u32) -> i32 {
    // Two-digit years: 00-49 -> 2000s, 50-99 -> 1900s.
    if v < 50 { 2000 + v as i32 } else { 1900 + v as i32 }
}

fn adjust(dp: DayPart, late: bool, early: bool) -> DayPart {
    let _ = early;
    if late && matches!(dp, DayPart::Night | DayPart::Tonight) {
        return DayPart::Midnight;
    }
    if early && dp == DayPart::Morning {
        return DayPart::Dawn;
    }
    dp
}

/// Hours `[from, to)` of a day part, as an interval of the day.
fn daypart_hours(dp: DayPart) -> (i64, i64) {
    match dp {
        DayPart::Dawn => (0, 9),
        DayPart::Morning => (0, 12),
        DayPart::Noon | DayPart::Lunch => (12, 14),
        DayPart::Afternoon => (12, 19),
        DayPart::Evening | DayPart::Night | DayPart::Tonight => (18, 24),
        // "late tonight"
        DayPart::Midnight => (21, 24),
    }
}

/// The 24-hour hour of a 12-hour clock reading in a day part ("3 عصرا" = 15, "12 ظهرا" = 12).
fn daypart_hour(dp: DayPart, h: i64) -> i64 {
    match dp {
        DayPart::Dawn | DayPart::Morning => {
            if h == 12 {
                0
            } else {
                h
            }
        }
        DayPart::Noon | DayPart::Lunch => {
            if h < 6 {
                h + 12
            } else {
                h
            }
        }
        DayPart::Afternoon => {
            if h < 12 {
                h + 12
            } else {
                h
            }
        }
        DayPart::Evening | DayPart::Tonight => {
            if h < 12 {
                h + 12
            } else if h == 12 {
                24
            } else {
                h
            }
        }
        DayPart::Night => {
            if (5..12).contains(&h) {
                h + 12
            } else if h == 12 {
                24
            } else {
                h
            }
        }
        DayPart::Midnight => h,
    }
}

/// Parts of a month, a year or a week as intervals (`to` exclusive).
fn part_interval(start: DateTime, g: Grain, p: Part, lang: Lang) -> T {
    let _ = lang;
    match g {
        Grain::Month => {
            let d = |n: i64| add_grain(start, Grain::Day, n);
            let end = add_grain(start, Grain::Month, 1);
            let (s, e) = match p {
                Part::Early | Part::Begin => (d(0), d(10)),
                Part::Mid | Part::Middle => (d(10), d(20)),
                _ => (d(20), end),
            };
            T::interval(s, e, Grain::Day)
        }
        Grain::Year => {
            let m = |n: i64| add_grain(start, Grain::Month, n);
            let (s, e) = match p {
                Part::Early | Part::Begin => (m(0), m(3)),
                Part::Mid | Part::Middle => (m(3), m(9)),
                _ => (m(8), m(12)),
            };
            T::interval(s, e, Grain::Month)
        }
        _ => {
            let d = |n: i64| add_grain(start, Grain::Day, n);
            let (s, e) = match p {
                Part::Early | Part::Begin => (d(0), d(3)),
                Part::Mid | Part::Middle => (d(2), d(5)),
                _ => (d(4), d(7)),
            };
            T::interval(s, e, Grain::Day)
        }
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
/// `within`, `bounded`, the leading-preposition step and the English `hm_sure` (a weak number
/// word is never an hour) give nothing at once. What is left reads it as the number one and
/// needs the next token to be:
/// - `minutes_rel` ("a quarter past 3pm", "a minute to noon"): a fraction, a minute unit, or
///   past / after / hence / to (its "except" sense) / before;
/// - `year_words` ("a thousand AD"): the word "thousand";
/// - `offset`'s "a upcoming week": the word "upcoming";
/// - `quantity` (in `offset`: "a week ago", "a day after Easter", "a half hour from now"): a
///   fraction, a unit, a weekday ("a fridays"), "of" / "more" before the unit, "and" ("a and
///   a half hours"), or a mark glued to it (decimal ".", "/", minutes "'", seconds "\"").
///
/// `datetime` and `range` at `i` are made of `clock_m` (`minutes_rel`, `hm_sure`) and `date`
/// (only `year_expr` through `year_words` here), so they need the same. The unit test
/// `idle_articles_give_nothing` checks the rules at every such token of the fixtures and of
/// "a"/"an" before every vocabulary entry.
pub(crate) fn idle_one(toks: &[Tok<'_>], text: &str, lang: Lang, i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    if lang == Lang::Ar || t.feat & feat::ONE_WEAK == 0 {
        return false;
    }
    let Some(n) = toks.get(i + 1) else { return true };
    const GOES_ON: u64 = feat::FRAC
        | feat::UNIT
        | feat::WEEKDAY
        | feat::conn(Conn::Past)
        | feat::conn(Conn::After)
        | feat::conn(Conn::Hence)
        | feat::conn(Conn::Except)
        | feat::conn(Conn::Before)
        | feat::conn(Conn::And)
        | feat::conn(Conn::Of);
    if n.feat & GOES_ON != 0 || !n.space && matches!(n.kind, Kind::Punct('.' | '/' | '\'' | '"')) {
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
    let f = toks[i].feat;
    // (most triggers are no article: one test of the bits)
    f & feat::TRIGGER != 0 && (f & feat::ONE_WEAK == 0 || !idle_one(toks, text, lang, i))
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

#[cfg(test)]
thread_local! {
    /// Set by tests to run the rules without the fast paths.
    pub(crate) static SLOW_PATHS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a token can anchor an expression: a number or a date word (see `Parser::can_start`).
/// Every expression [`Parser::run_reusing`] finds holds one, so a sentence without any has nothing to
/// parse: the stage checks this first and skips the parses and the tense scan.
pub(crate) fn is_trigger(t: &Tok<'_>) -> bool {
    // (numbers and date words carry the bit: see `feat::of_all`)
    t.feat & feat::TRIGGER != 0
}

/// The result at token `i` from `memo`, computed with `compute` and stored the first time.
/// (The parser asks for the same date or date-time at a token many times while it tries
/// alternatives.) The borrow is released before `compute` runs, which may recurse.
///
/// `generations`: the current one, and one whose entries that did not depend on the tense are
/// good too (0: none; see [`Parser::run_reusing`]).
fn memoised<X: Copy>(
    memo: &Memo<X>,
    (generation, reuse): (u32, u32),
    dep: &std::cell::Cell<bool>,
    i: usize,
    compute: impl FnOnce() -> R<X>,
) -> R<X> {
    if let Some(&(g, r, d)) = memo.borrow().get(i)
        && (g == generation || reuse != 0 && g == reuse && !d)
    {
        // a result that asked for the tense makes what uses it depend on the tense too
        if d {
            dep.set(true);
        }
        return r;
    }
    let outer = dep.replace(false);
    let r = compute();
    let d = dep.get();
    dep.set(outer || d);
    if let Some(slot) = memo.borrow_mut().get_mut(i) {
        *slot = (generation, r, d);
    }
    r
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::vocab::Vocab;

    /// English texts where the articles are tricky: the crate's fixtures, the project's English
    /// fixtures (when the crate sits in its workspace), and (with `every_entry`) "a"/"an" before
    /// every entry of the English vocabulary with what could follow it.
    pub(crate) fn article_texts(every_entry: bool) -> Vec<String> {
        let mut texts: Vec<String> = [
            include_str!("../tests/fixtures/en-news.txt"),
            include_str!("../tests/fixtures/en-news-2.txt"),
            include_str!("../tests/fixtures/en-datelines.txt"),
            include_str!("../tests/fixtures/en-duckling-style.txt"),
            include_str!("../tests/fixtures/en-festivals.txt"),
        ]
        .iter()
        .flat_map(|t| t.lines().map(str::to_string))
        .collect();
        let project =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/en");
        if let Ok(dir) = std::fs::read_dir(project) {
            for f in dir.flatten() {
                if f.path().extension().is_some_and(|e| e == "txt") {
                    texts.extend(
                        std::fs::read_to_string(f.path())
                            .unwrap_or_default()
                            .lines()
                            .map(str::to_string),
                    );
                }
            }
        }
        texts.extend(
            [
                "a half",
                "a half hour ago",
                "half an hour later",
                "a quarter past 3pm",
                "a quarter to noon",
                "a.m.",
                "at 5 a.m.",
                "at 5a.m. and 6 a.m",
                "at 5a and 6a",
                "a few days ago",
                "a few",
                "a couple of weeks ago",
                "a couple of",
                "a couple",
                "a pair of days ago",
                "an hour and a half",
                "in an hour and a half",
                "a week from Tuesday",
                "a day after Easter",
                "a year from christmas",
                "a thousand AD",
                "a thousand and 5 BC",
                "a thousand years ago",
                "a upcoming week",
                "a more minutes ago",
                "a of days ago",
                "a and a half hours ago",
                "a.5 hours ago",
                "a/2 h ago",
                "a' ago",
                "a\" ago",
                "a hence 3 pm",
                "a from now noon",
                "a minute past noon",
                "a minute after 3pm",
                "a minute to 4pm",
                "a minute before 4pm",
                "a fridays from now",
                "3 fridays from now",
                "aish",
                "a.",
                "a .5",
                "a / 2 h",
                "it was a 2014 deal",
                "a may day",
                "a march 3 rally",
                "a 5 pm",
                "at a 5",
                "for a week",
                "in a week",
                "about a week ago",
                "within a day",
                "after a day",
                "since a year",
                "by a day",
                "the day after a week",
                "a week",
                "a day later",
                "an hour",
                "a second time",
                "a second ago",
                "a quarter",
                "a quarter of an hour",
                "a third of the vote",
                "a twenty",
                "a and",
                "a to z",
                "a past life",
                "a hence",
                "a before",
                "a after",
                "a more",
                "a thousand",
                "a weekend",
                "a summer",
                "a monday meeting",
                "a lot of days ago",
                "a ago",
                "a a week ago",
                "an an hour",
                "the a",
                "a the day",
                "a \"great\" week ago",
                "a 'day' ago",
                "in a statement on monday",
                "at a rally at 5pm",
                "for an hour a day",
                "to a new record in 2014",
                "since a 2014 deal",
                "by a 3-2 vote",
                "from a to b",
                "between a and b",
                "at a quarter past 3",
                "at a the 5pm",
                "in the a 2014",
                "the a 15th",
                "at about a 5 pm",
                "in a a week",
                "twenty a",
                "twelve oh a",
                "at 5a",
                "at 5 a",
                "for a few days",
                "on a monday",
                "in a year or two",
                "a year ago today",
                "Workers will strike on Friday, the union said on Monday.",
                "The union said on Monday it will strike on Friday.",
                "On Tuesday, officials said the vote would be held on Friday; it will be close.",
                "He arrived on Monday and will leave on Friday",
                "Talks resume Monday, he said.",
                "In March, the plan was approved: it starts in May",
                "said on 12 March that it will end in May",
                "the expected date is March 3, the minister said",
                "We met in June. We will meet in June.",
                "Monday: talks; Friday: vote",
            ]
            .map(str::to_string),
        );
        let tails = [
            "",
            "ago",
            "from now",
            "hence",
            "past 3pm",
            "to noon",
            "after Easter",
            "from Tuesday",
            "of an hour",
            "AD",
            "3",
            "2014",
            "before 5 pm",
            "after next",
            "in the morning",
            "a half hours ago",
            "days ago",
            "quarter past 3 pm",
        ];
        let entries = if every_entry { include_str!("../data/en.tsv") } else { "" };
        // and after the function words that lead expressions (with fewer tails)
        let leads = [
            "in a",
            "for an",
            "at a",
            "about a",
            "the a",
            "from a",
            "between a",
            "since an",
            "by a",
            "until a",
            "after a",
            "within a",
            "on a",
            "@ a",
            "to a",
        ];
        for (_, fields) in isnad_text::data::lines(entries) {
            for article in ["a", "an"] {
                for tail in tails {
                    texts.push(format!("He said {article} {} {tail}.", fields[0]));
                }
            }
            for lead in leads {
                for tail in ["", "ago", "past 3pm", "5pm", "2014", "from now"] {
                    texts.push(format!("{lead} {} {tail}", fields[0]));
                }
            }
        }
        texts
    }

    /// Where the English guards say that `top`, `date`, `clock_m`, `range` or `offset` finds nothing, the rules find
    /// nothing, at every token of the English test texts, under several references and both
    /// tenses.
    #[test]
    fn guards_agree_with_the_rules() {
        let hol = Holidays::parse(include_str!("../data/holidays.tsv")).unwrap();
        let en = Vocab::build("en.tsv", include_str!("../data/en.tsv"), &hol.names).unwrap();
        let memos = Memos::default();
        let mut scratch = crate::scan::Scratch::default();
        let anchors = [
            (DateTime::constant(2025, 2, 19, 0, 0, 0, 0), false, crate::Bare::Tense),
            (DateTime::constant(2025, 12, 30, 16, 45, 0, 0), true, crate::Bare::Future),
        ];
        let mut texts = article_texts(true);
        texts.extend(
            [
                "the the weekend",
                "over the weekend",
                "at the end of the month",
                "in early march",
                "in the middle of 2014",
                "on the 15th",
                "on 15",
                "on the first",
                "the 1st of may",
                "q3 2024",
                "Q1 of 2024",
                "18q4",
                "2018q4",
                "the day after tomorrow",
                "after tomorrow",
                "before yesterday",
                "the week of october 6th",
                "the third quarter",
                "the first half of 2024",
                "the closest monday to oct 5th",
                "last week's sunday",
                "at about half past three",
                "@ 5pm",
                "about noon",
                "at a quarter to noon",
                "at twelve oh three",
                "in a half hour",
                "at 1030",
                "at 3 15",
                "twenty after 3pm",
                "half three",
                "at the end",
                "in mid-march",
                "mid-1990s",
                "the 1990s",
                "in the",
                "on the",
                "on",
                "the",
                "at",
                "at at at 5",
                "about about 3pm",
                "from 13 to 15 july",
                "between 10 and 12 february",
                "3-4pm",
                "9:30 - 11:00 on thursday",
                "from the 3rd to the 5th",
                "thursday from 9:30 to 11:00",
                "from noon to 2pm",
                "from tomorrow until friday",
                "between the two",
                "from a to b",
                "from early march to late april",
                "from this morning to tonight",
                "from half past three to four",
                "in 3 days",
                "since 2 weeks",
                "last 2 weeks",
                "upcoming two weeks",
                "2 upcoming weeks",
                "about a week ago",
                "half an hour from now",
                "a quarter of an hour ago",
                "three days after easter",
                "in a year",
                "hours ago",
                "the 3rd of may to the 5th",
                "from q3 to q4",
                "between the 1990s and 2000s",
                "8am until 6",
                "11:30-1:30",
                "at 5-6pm",
                "@ 3 - 4 pm",
                "about 3-4pm",
                "at noon to 2pm",
                "to 5pm",
                "to tuesday",
                "until 5 pm",
                "of 5 pm",
                "and 3 days ago",
                "ago 3 days",
                "to the end of may",
                "the closest monday to oct 5th",
                "closest xmas to today",
                "this now",
                "right now",
                "asap",
                "within 2 weeks",
                "by 2pm",
                "before 11 am",
                "after 2 pm",
                "since 2014",
            ]
            .map(str::to_string),
        );
        let (mut date_skips, mut clock_skips, mut range_skips, mut offset_skips, mut top_skips) =
            (0, 0, 0, 0, 0);
        for text in texts {
            let folded = isnad_text::fold(&text);
            crate::scan::scan(&folded, &en, &mut scratch);
            let toks = &scratch.toks[..];
            for &(now, has_time, bare) in &anchors {
                for past in [false, true] {
                    let a = Anchor {
                        now,
                        has_time,
                        bare,
                        hijri: crate::HijriVariant::UmmAlQura,
                        offset: None,
                    };
                    let mut p = Parser::new(toks, &folded, Lang::En, a, true, &hol, &memos);
                    p.set_past_tense(past);
                    SLOW_PATHS.with(|s| s.set(true));
                    for i in 0..=toks.len() {
                        if !p.date_may_start(i) {
                            date_skips += 1;
                            assert!(p.date(i).is_none(), "{text:?}: date at {i}");
                        }
                        if !p.top_may_start(i) {
                            top_skips += 1;
                            assert!(p.top(i).is_none(), "{text:?}: top at {i}");
                        }
                        if !p.range_may_start(i) {
                            range_skips += 1;
                            assert!(p.range(i).is_none(), "{text:?}: range at {i}");
                        }
                        if !p.offset_may_start(i) {
                            offset_skips += 1;
                            assert!(p.offset(i).is_none(), "{text:?}: offset at {i}");
                        }
                        if !p.clock_may_start(i) {
                            clock_skips += 1;
                            for (marked, sure) in
                                [(false, false), (true, false), (true, true), (false, true)]
                            {
                                assert!(
                                    p.clock_m(i, marked, sure).is_none(),
                                    "{text:?}: clock at {i}"
                                );
                            }
                        }
                    }
                    SLOW_PATHS.with(|s| s.set(false));
                }
            }
        }
        assert!(date_skips > 50_000 && clock_skips > 50_000, "{date_skips} {clock_skips}");
        assert!(
            range_skips > 50_000 && offset_skips > 50_000 && top_skips > 20_000,
            "{range_skips} {offset_skips} {top_skips}"
        );
    }

    /// Where the fast paths skip a parse start (an article that begins nothing, a function word
    /// whose only triggers near it are such articles, a sentence with only those), the rules
    /// themselves give nothing.
    #[test]
    fn idle_articles_give_nothing() {
        let hol = Holidays::parse(include_str!("../data/holidays.tsv")).unwrap();
        let en = Vocab::build("en.tsv", include_str!("../data/en.tsv"), &hol.names).unwrap();
        let memos = Memos::default();
        let mut scratch = crate::scan::Scratch::default();
        let anchors = [
            (DateTime::constant(2025, 2, 19, 0, 0, 0, 0), false, crate::Bare::Tense),
            (DateTime::constant(2025, 12, 30, 16, 45, 0, 0), true, crate::Bare::Future),
            (DateTime::constant(2024, 6, 1, 0, 0, 0, 0), false, crate::Bare::Past),
        ];
        let (mut idle, mut busy, mut leads, mut sentences) = (0, 0, 0, 0);
        let slow = |on: bool| SLOW_PATHS.with(|s| s.set(on));
        for text in article_texts(true) {
            let folded = isnad_text::fold(&text);
            crate::scan::scan(&folded, &en, &mut scratch);
            let toks = &scratch.toks[..];
            let (fast_any, slow_any) = (any_trigger(toks, &folded, Lang::En), {
                slow(true);
                let a = any_trigger(toks, &folded, Lang::En);
                slow(false);
                a
            });
            assert!(slow_any || !fast_any);
            for &(now, has_time, bare) in &anchors {
                for past in [false, true] {
                    let a = Anchor {
                        now,
                        has_time,
                        bare,
                        hijri: crate::HijriVariant::UmmAlQura,
                        offset: None,
                    };
                    let mut p = Parser::new(toks, &folded, Lang::En, a, true, &hol, &memos);
                    p.set_past_tense(past);
                    let fast_can: Vec<bool> = (0..toks.len()).map(|i| p.can_start(i)).collect();
                    slow(true);
                    for (i, &fast_can) in fast_can.iter().enumerate() {
                        let skipped = p.has(i, feat::ONE_WEAK) && p.idle_one(i)
                            || !fast_can && p.can_start(i)
                            || !fast_any;
                        if p.has(i, feat::ONE_WEAK) && !p.idle_one(i) {
                            busy += 1;
                        }
                        if !skipped || !p.can_start(i) {
                            continue;
                        }
                        if p.has(i, feat::ONE_WEAK) {
                            idle += 1;
                        } else if fast_any {
                            leads += 1;
                        } else {
                            sentences += 1;
                        }
                        if let Some((j, t)) = p.top(i) {
                            assert!(j <= i, "{text:?}: a start skipped at {i} gives {t:?} to {j}");
                        }
                    }
                    slow(false);
                }
            }
        }
        assert!(
            idle > 10_000 && busy > 10_000 && leads > 2_000 && sentences > 5_000,
            "{idle} {busy} {leads} {sentences}"
        );
    }
}
