//! One sentence through the grammar: the parses the bare-reference policy asks for, and how
//! their readings are put together.
//!
//! - With a publication date and the `tense` policy, the sentence is parsed as past; when no rule
//!   asked for the tense, that is the reading. Otherwise it is parsed again as future (reusing
//!   what did not depend on the tense), and each expression takes the reading of its own clause
//!   when the clause shows a tense, and the sentence's otherwise ("Workers will strike on Friday,
//!   the union said on Monday").
//! - With a publication date and another policy, one parse.
//! - Without one, the sentence is parsed against two unrelated references and only what
//!   resolves alike in both is kept: what needs no anchor.

use std::cell::OnceCell;

use isnad_core::Published;
use jiff::civil::{Date, DateTime, Time};

use crate::grammar::{Found, Memos, Parser, Tried, fast_paths};
use crate::language::{Lang, Language};
use crate::tense::{
    NameAt, ahead_marker_before, ahead_word_before, clause_around, infinitive_before,
    past_verb_before, tense,
};
use crate::time::Anchor;
use crate::tokenize::Tok;
use crate::vocab::{Connective, features};
use crate::{Bare, DatesStage};

/// A tokenized sentence and what its parses share.
pub(crate) struct Sentence<'a, 's> {
    pub(crate) stage: &'s DatesStage,
    pub(crate) language: &'s Language,
    pub(crate) folded: &'a str,
    pub(crate) toks: &'a [Tok<'s>],
    pub(crate) published: Option<&'a Published>,
    pub(crate) memo: &'a Memos,
    /// Whether the character at a byte of `folded` is a capital letter in the original text
    /// (`None` when the original is not at hand).
    capital_at: Option<NameAt<'a>>,
    /// The tense of the whole sentence, scanned at most once (a clause is often the whole
    /// sentence).
    tense: OnceCell<Option<bool>>,
}

impl<'a, 's> Sentence<'a, 's> {
    pub(crate) fn new(
        stage: &'s DatesStage,
        language: &'s Language,
        folded: &'a str,
        toks: &'a [Tok<'s>],
        published: Option<&'a Published>,
        memo: &'a Memos,
        capital_at: Option<NameAt<'a>>,
    ) -> Self {
        let tense = OnceCell::new();
        Sentence { stage, language, folded, toks, published, memo, capital_at, tense }
    }

    /// Whether the word at byte `k` of the sentence is a name: capitalised, and not the first
    /// word of the sentence (which any word may begin with a capital).
    fn name_at(&self, k: usize) -> bool {
        self.capital_at.is_some_and(|capital| capital(k))
            && self.folded[..k].chars().any(crate::letters::is_alphabetic)
    }

    /// The expressions of the sentence under the stage's policy.
    pub(crate) fn found(&self) -> Vec<Found> {
        self.memo.new_sentence();
        let (mut tried, mut tried_again) =
            (self.memo.tried[0].borrow_mut(), self.memo.tried[1].borrow_mut());
        let tense_policy = self.stage.config.bare == Bare::Tense;
        match self.published {
            Some(p) if tense_policy => {
                let (now, has_time) = (p.datetime(), p.time().is_some());
                let (as_past, used) = self.parse(now, has_time, true, true, &mut tried, None);
                if !used {
                    // no rule asked for the tense: the future reading is the same
                    return as_past;
                }
                // (what did not depend on the tense is taken from the first parse)
                let as_future =
                    self.parse(now, has_time, true, false, &mut tried_again, Some(&*tried)).0;
                self.by_clause(as_past, as_future)
            }
            Some(p) => {
                self.parse(p.datetime(), p.time().is_some(), true, false, &mut tried, None).0
            }
            None => self.without_reference(&mut tried),
        }
    }

    /// One parse of the sentence against `now`.
    fn parse(
        &self,
        now: DateTime,
        has_time: bool,
        has_published: bool,
        past: bool,
        tried: &mut Tried,
        earlier: Option<&Tried>,
    ) -> (Vec<Found>, bool) {
        let offset = self.published.and_then(|p| p.offset()).map(|o| o.seconds() / 60);
        let config = &self.stage.config;
        let anchor = Anchor { now, has_time, bare: config.bare, hijri: config.hijri, offset };
        let mut parser = Parser::new(
            self.toks,
            self.folded,
            self.language,
            anchor,
            has_published,
            &self.stage.holidays,
            self.memo,
        );
        parser.set_past_tense(past);
        let found = parser.run_reusing(earlier, tried);
        (found, parser.tense_used())
    }

    /// The tense of `folded[cs..ce]` (the whole sentence's is scanned once).
    fn tense_of(&self, cs: usize, ce: usize) -> Option<bool> {
        let lang = self.language.lang;
        let classes = &self.language.classes;
        if fast_paths() && cs == 0 && ce == self.folded.len() {
            *self.tense.get_or_init(|| tense(self.folded, lang, classes, &|k| self.name_at(k)))
        } else {
            tense(&self.folded[cs..ce], lang, classes, &|k| self.name_at(cs + k))
        }
    }

    /// Whether the policy reads the whole sentence as past.
    fn past(&self) -> bool {
        self.stage.config.bare == Bare::Tense && self.tense_of(0, self.folded.len()) == Some(true)
    }

    /// The past and the future readings put together: each expression takes its clause's reading
    /// when the two differ.
    fn by_clause(&self, as_past: Vec<Found>, as_future: Vec<Found>) -> Vec<Found> {
        if as_past
            .iter()
            .map(|x| (x.start, x.end, &x.t))
            .eq(as_future.iter().map(|x| (x.start, x.end, &x.t)))
        {
            return as_past;
        }
        self.each_by_clause(&as_past, &as_future)
    }

    /// [`Sentence::by_clause`] when the two readings differ.
    fn each_by_clause<'f>(&self, as_past: &'f [Found], as_future: &'f [Found]) -> Vec<Found> {
        let by_span = |list: &'f [Found], s: usize, e: usize| {
            list.iter().find(|x| x.start == s && x.end == e)
        };
        // The expressions of the sentence's reading, each with its clause's reading when the
        // two differ. When both readings cover the same spans, the sentence's reading is its own
        // expression at each span, so its tense is asked for only where a clause shows none (the
        // scan of the whole sentence is often not needed).
        let same_spans = fast_paths()
            && as_past
                .iter()
                .map(|x| (x.start, x.end))
                .eq(as_future.iter().map(|x| (x.start, x.end)));
        let sentence = if same_spans || self.past() { as_past } else { as_future };
        sentence
            .iter()
            .map(|x| {
                let (p, f) = (by_span(as_past, x.start, x.end), by_span(as_future, x.start, x.end));
                let own =
                    |x: &'f Found| if same_spans && !self.past() { f.unwrap_or(x) } else { x };
                if p.is_some_and(|p| p.t == x.t) && f.is_some_and(|f| f.t == x.t) {
                    // both tenses read it alike: no need for the clause's
                    return *x;
                }
                let start = self.toks[x.start].start;
                if ahead_marker_before(self.folded, start, &self.language.classes)
                    || self.language.lang == Lang::En
                        && ahead_word_before(self.folded, start, &self.language.classes)
                {
                    // "as soon as Tuesday", "is expected Monday", "scheduled for Monday morning"
                    return *f.unwrap_or(x);
                }
                if self.language.lang == Lang::En
                    && self.toks[x.start].features & features::connective(Connective::Since) != 0
                {
                    // "on patrol since March and scheduled to return": what "since" starts from
                    // is behind, whatever the clause's tense
                    return *p.unwrap_or(x);
                }
                let (cs, ce) = clause_around(self.folded, start, self.toks[x.end - 1].end);
                if self.language.lang == Lang::En
                    && let Some(to) = infinitive_before(self.folded, start, &|k| self.name_at(k))
                    && cs <= to
                    && self.tense_of(cs, to) != Some(true)
                {
                    // "Heatwave to peak on Friday": to come (not "flew to Paris on Friday")
                    return *f.unwrap_or(x);
                }
                if self.language.lang == Lang::En
                    && let Some(verb) =
                        past_verb_before(self.folded, start, &self.language.classes, &|k| {
                            self.name_at(k)
                        })
                    && cs <= verb
                    && self.tense_of(cs, verb) != Some(false)
                {
                    // "said Monday it will cut jobs": the verb's own time, before "will"
                    return *p.unwrap_or(x);
                }
                match self.tense_of(cs, ce) {
                    Some(true) => *p.unwrap_or(x),
                    Some(false) => *f.unwrap_or(x),
                    None => *own(x),
                }
            })
            .collect()
    }

    /// Without a reference, what does not depend on one: the expressions that resolve alike
    /// against two unrelated references.
    fn without_reference(&self, tried: &mut Tried) -> Vec<Found> {
        let mid = Time::midnight();
        let past = self.past();
        let a = self
            .parse(Date::constant(2001, 3, 14).to_datetime(mid), false, false, past, tried, None)
            .0;
        let b = self
            .parse(Date::constant(2010, 10, 2).to_datetime(mid), false, false, past, tried, None)
            .0;
        a.into_iter()
            .filter(|x| b.iter().any(|y| y.start == x.start && y.end == x.end && y.t == x.t))
            .collect()
    }
}
