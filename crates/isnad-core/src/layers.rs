//! The typed standoff layers stages add to a document.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Span;

/// The name of a layer, as used in `requires`/`provides` and pipeline validation.
///
/// Built-in layers have their own variants; plugins name theirs freely and get
/// [`Layer::Extension`], stored under [`Layers::extensions`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Layer {
    /// [`Layers::normalized`]: the matching form of the text with its map back to the original.
    Normalized,
    /// [`Layers::sentences`] and [`Layers::paragraphs`].
    Sentences,
    /// [`Layers::tokens`].
    Tokens,
    /// [`Layers::claims`]: attributed statements.
    Quotes,
    /// [`Layers::mentions`]: speaker mentions (people, organisations, pronouns, …).
    Mentions,
    /// [`Layers::entities`]: mentions linked into entities.
    Entities,
    /// [`Layers::timexes`]: resolved date and time expressions.
    Timexes,
    /// A plugin's own layer: a key of [`Layers::extensions`].
    Extension(String),
}

impl Layer {
    /// The built-in layers, in pipeline order of a typical news pipeline.
    pub const BUILTIN: [Layer; 7] = [
        Layer::Normalized,
        Layer::Sentences,
        Layer::Tokens,
        Layer::Timexes,
        Layer::Quotes,
        Layer::Mentions,
        Layer::Entities,
    ];

    /// The name used in pipeline files and messages.
    pub fn as_str(&self) -> &str {
        match self {
            Layer::Normalized => "normalized",
            Layer::Sentences => "sentences",
            Layer::Tokens => "tokens",
            Layer::Quotes => "quotes",
            Layer::Mentions => "mentions",
            Layer::Entities => "entities",
            Layer::Timexes => "timexes",
            Layer::Extension(name) => name,
        }
    }

    /// The layer for a name: a built-in one, or else an extension.
    pub fn from_name(name: &str) -> Layer {
        match name {
            "normalized" => Layer::Normalized,
            "sentences" => Layer::Sentences,
            "tokens" => Layer::Tokens,
            "quotes" | "claims" => Layer::Quotes,
            "mentions" => Layer::Mentions,
            "entities" => Layer::Entities,
            "timexes" => Layer::Timexes,
            other => Layer::Extension(other.to_string()),
        }
    }
}

impl From<String> for Layer {
    fn from(name: String) -> Layer {
        Layer::from_name(&name)
    }
}

impl From<Layer> for String {
    fn from(layer: Layer) -> String {
        layer.as_str().to_string()
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything the stages found in one document.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Layers {
    /// Which layers have been provided so far (an empty layer can still be provided).
    pub provided: BTreeSet<Layer>,
    /// The matching form of the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normalized: Option<Normalized>,
    /// Paragraphs, in text order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in text order, never overlapping.
    pub sentences: Vec<Sentence>,
    /// Tokens, in text order, never overlapping.
    pub tokens: Vec<Token>,
    /// Attributed statements, in text order of their content.
    pub claims: Vec<Claim>,
    /// Mentions of speakers and other participants.
    pub mentions: Vec<Mention>,
    /// Entities that mentions were linked to.
    pub entities: Vec<Entity>,
    /// Date and time expressions.
    pub timexes: Vec<Timex>,
    /// Plugin layers: JSON values under plugin-chosen keys.
    pub extensions: BTreeMap<String, serde_json::Value>,
}

impl Layers {
    /// True when an earlier stage provided `layer`.
    pub fn has(&self, layer: &Layer) -> bool {
        self.provided.contains(layer)
    }
}

/// The text folded for matching, with a map back to the original.
///
/// Lexicons match against `text` (Arabic letter variants unified, diacritics and tatweel removed,
/// Latin lower-cased, digits made ASCII, quote marks unified); every match is mapped back with
/// [`Normalized::to_original`], so offsets always point into the document as it was read.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// For each byte of `text` plus one past the end: the original byte offset it came from.
    pub map: Vec<u32>,
}

impl Normalized {
    /// The original byte range of the folded range `start..end`.
    ///
    /// A folded character that came from several original bytes maps to all of them; characters
    /// that were dropped in folding (diacritics) inside the range are covered too.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map[start] as usize;
        let e = if end == start { s } else { self.orig_end_of(end) };
        (s, e.max(s))
    }

    /// Original offset that ends a folded range ending at `end` (exclusive).
    fn orig_end_of(&self, end: usize) -> usize {
        self.map[end] as usize
    }
}

/// Whether a stretch of text belongs to the article or to page furniture around it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Block {
    /// The article body.
    #[default]
    Main,
    /// A list or teaser of other articles ("إقرأ أيضاً", "Read more", "Related", tags).
    Related,
}

impl Block {
    /// The block's name as the output writes it (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Block::Main => "main",
            Block::Related => "related",
        }
    }
}

/// A paragraph: a stretch of text between blank lines or line breaks.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Paragraph {
    /// Where it is.
    pub span: Span,
    /// Article body or page furniture.
    pub block: Block,
    /// True for a line that looks like a headline or a label (short, no final punctuation).
    pub heading: bool,
}

/// A sentence.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Sentence {
    /// Where it is.
    pub span: Span,
    /// Index into [`Layers::paragraphs`].
    pub paragraph: usize,
}

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (with inner apostrophes or hyphens).
    Word,
    /// Digits, in any script, with inner separators.
    Number,
    /// Punctuation, including quotation marks.
    Punct,
    /// Anything else (symbols, emoji).
    Symbol,
}

/// A token, with its folded form for lexicon matching.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Token {
    /// Where it is in the original text.
    pub span: Span,
    /// Byte range of its folded form in [`Normalized::text`].
    pub norm: (u32, u32),
    /// What it is made of.
    pub kind: TokenKind,
    /// For Arabic words: how many leading bytes of the folded form *may* be clitic prefixes
    /// (و ف ب ل ك ال and their combinations). It is an upper bound: "وزير" starts with و but is
    /// not و + زير, so a lexicon tries the whole form first and then each shorter stripping.
    pub clitic_max: u8,
}

/// Kinds of reported speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The speaker's words in quotation marks.
    Direct,
    /// Reported content ("قال إن …", "said that …").
    Indirect,
    /// Reported content with a quoted fragment inside.
    Mixed,
}

impl QuoteKind {
    /// The kind's name as the output writes it (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// What a claim attributes: something said, or a state of mind the article ascribes.
///
/// News attribution corpora (PolNeAR, PARC) count beliefs, intentions and perceptions as
/// attributions too ("she believes", "he plans to", "the poll found"); a fact-checker wants what
/// was said. The `quotes` stage classes each cue (`data/*-cues.tsv`) and keeps the acts its
/// `acts` setting names.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Act {
    /// Something said or written: said, told, announced, confirmed, denied, according to, قال،
    /// أكد، نفى، اعتبر.
    #[default]
    Speech,
    /// An opinion or expectation held, not said: thinks, believes, expects, fears, يعتقد.
    Belief,
    /// A plan, wish or decision: plans to, wants, intends, decided, refused.
    Intention,
    /// Something found, seen or known: found, shows, knows, learned, saw.
    Perception,
    /// Speech reported by its topic or target, with no statement in it: talked about the
    /// economy, discussed the plan, asked whether…, criticized the plan, thanked the volunteers.
    Topic,
}

impl Act {
    /// Every act, in order.
    pub const ALL: [Act; 5] =
        [Act::Speech, Act::Belief, Act::Intention, Act::Perception, Act::Topic];

    /// The act's name as the output and the pipeline files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Act::Speech => "speech",
            Act::Belief => "belief",
            Act::Intention => "intention",
            Act::Perception => "perception",
            Act::Topic => "topic",
        }
    }
}

/// Who made a claim.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Speaker {
    /// The noun phrase naming the speaker in this claim's clause, when there is one.
    pub mention: Option<Span>,
    /// True when the subject is not written ("وتابع:", "he added"): speaker linking resolves it.
    pub implicit: bool,
    /// The entity the speaker was linked to (an id in [`Layers::entities`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// That entity's name, for readers of the output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Where a claim's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A date expression in the claim's own clause.
    Timex,
    /// The document's publication date.
    Published,
}

impl DateSource {
    /// The source's name as the output writes it (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Timex => "timex",
            DateSource::Published => "published",
        }
    }
}

/// When a claim was made.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ClaimDate {
    /// The resolved value (a [`Timex::value`] or the publication day).
    pub value: String,
    /// Where it came from.
    pub source: DateSource,
    /// True when the text says the statement is older than the article ("في تصريحات سابقة",
    /// "earlier"): then `value` is an upper bound, not the day it was said.
    #[serde(default)]
    pub before: bool,
}

/// An attributed statement: who said what, through which outlet.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Claim {
    /// Identifier within the document (`c1`, `c2`, …).
    pub id: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Speech, or the belief, intention or perception the article ascribes.
    #[serde(default)]
    pub act: Act,
    /// The reporting verb or phrase (قال, أكد, said, according to).
    pub cue: Span,
    /// What was said.
    pub content: Span,
    /// Who said it.
    pub speaker: Speaker,
    /// The outlet or channel it came through ("وكالة تاس", "CNN", "بيان").
    pub medium: Option<Span>,
    /// Article body or page furniture.
    pub block: Block,
    /// How sure the stage is, from 0 to 1.
    pub confidence: f32,
    /// When it was said (set by speaker linking from timexes and the publication date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<ClaimDate>,
    /// Fields added by plugins (e.g. a check-worthiness score), written into the output claim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ext: BTreeMap<String, serde_json::Value>,
}

impl Claim {
    /// A claim with what every claim needs; the rest takes its plain default (no written speaker,
    /// no medium, main block, confidence 1, no date, no plugin fields, speech). Set other fields with
    /// struct update syntax: `Claim { confidence: 0.8, ..Claim::new(…) }`.
    pub fn new(id: impl Into<String>, kind: QuoteKind, cue: Span, content: Span) -> Claim {
        Claim {
            id: id.into(),
            kind,
            act: Act::Speech,
            cue,
            content,
            speaker: Speaker::default(),
            medium: None,
            block: Block::Main,
            confidence: 1.0,
            date: None,
            ext: BTreeMap::new(),
        }
    }
}

/// What a mention refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A named person ("دميتري بيسكوف").
    Person,
    /// An organisation ("وزارة الخارجية الروسية", "the State Department").
    Organization,
    /// Several people or bodies ("وزراء خارجية بريطانيا وألمانيا وفرنسا").
    Group,
    /// A title or role without a name ("المتحدث باسم الكرملين").
    Role,
    /// A pronoun ("he", "هو").
    Pronoun,
    /// An unwritten subject carried by the verb ("وتابع").
    Implicit,
    /// Something else or not known.
    Unknown,
}

/// A mention of a participant.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Mention {
    /// Where it is (for an implicit subject: the verb that carries it).
    pub span: Span,
    /// What it refers to.
    pub kind: MentionKind,
    /// The entity it was linked to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation, institution or outlet.
    Organization,
    /// Several people or bodies acting together.
    Group,
    /// Not known.
    Unknown,
}

impl EntityKind {
    /// The kind's name as the output writes it (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Group => "group",
            EntityKind::Unknown => "unknown",
        }
    }
}

/// A participant of the article, with every way it was mentioned.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    /// Identifier within the document (`e1`, `e2`, …).
    pub id: String,
    /// The fullest name used in the article.
    pub name: String,
    /// Person, organisation, group, unknown.
    pub kind: EntityKind,
    /// Other names used ("بيسكوف" for "دميتري بيسكوف").
    pub aliases: Vec<String>,
    /// Titles and roles given in apposition ("المتحدث باسم الكرملين").
    pub roles: Vec<String>,
    /// Every mention linked to it.
    pub mentions: Vec<Span>,
    /// An identifier in an external knowledge base (e.g. a Wikidata QID), from a gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
}

/// Whether a timex is a point at some grain, a stretch between two points, or (with no place
/// on the calendar) an amount of time or a recurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimexKind {
    /// One value at its grain ("12 فبراير" -> 2025-02-12).
    Value,
    /// From one point to another ("من 13 إلى 15 يوليو").
    Interval,
    /// An amount of time not anchored to the calendar ("for three years", "a five-hour
    /// meeting"): no value, from or to; its `timex3` says how long (`P3Y`).
    Duration,
    /// A recurrence ("every Monday", "كل أسبوع", "daily"): no value, from or to; its `timex3`
    /// says how often (`XXXX-WXX-1`, `P1W`).
    Set,
}

/// The TimeML (TIMEX3) type of a timex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Timex3Type {
    /// A calendar date or period, or a reference to the present, past or future.
    Date,
    /// A time of day.
    Time,
    /// An amount of time.
    Duration,
    /// A recurrence.
    Set,
}

/// A timex as TimeML writes it (the `TIMEX3` tag of TempEval, HeidelTime and SUTime), beside
/// isnad's own calendar fields: `{"type": "DATE", "value": "2013-Q1"}`,
/// `{"type": "DURATION", "value": "P3M"}`, `{"type": "DATE", "value": "1989", "mod": "END"}`.
///
/// Values follow the TimeML conventions: calendar values at their grain (`2013-03-22`,
/// `2013-W12`, `2013-Q1`, `199` for a decade, `19` for a century, `2013-SU` for a season,
/// `2013-W12-WE` for a weekend, `2013-H1` for a half), times with their day part
/// (`2013-03-22T15:00`, `2013-03-22TMO`), `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`, durations
/// (`P3Y`, `PT2H`, `PXD` when the count is not given) and recurrences (`P1D`, `XXXX-WXX-1`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex3 {
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: Timex3Type,
    /// The TIMEX3 value.
    pub value: String,
    /// The TIMEX3 modifier (`START`, `MID`, `END`, `APPROX`, `MORE_THAN`, `LESS_THAN`,
    /// `EQUAL_OR_LESS`, `EQUAL_OR_MORE`, `ON_OR_AFTER`, `ON_OR_BEFORE`, `BEFORE`, `AFTER`).
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

/// The precision of a resolved date or time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    /// A second.
    Second,
    /// A minute.
    Minute,
    /// An hour.
    Hour,
    /// A day.
    Day,
    /// An ISO week.
    Week,
    /// A month.
    Month,
    /// A quarter.
    Quarter,
    /// A year.
    Year,
}

impl Grain {
    /// The ISO 8601 / TIMEX3 text of `t` cut at this grain (`2025`, `2025-Q1`, `2025-02`,
    /// `2025-W07`, `2025-02-12`, `2025-02-12T15`, `2025-02-12T15:30`, `2025-02-12T15:30:00`): the
    /// notation of [`Timex::value`], shared by the date stage and its scorer.
    pub fn format(self, t: jiff::civil::DateTime) -> String {
        let y = t.year();
        let year = if y < 0 { format!("-{:04}", -i32::from(y)) } else { format!("{y:04}") };
        match self {
            Grain::Year => year,
            Grain::Quarter => format!("{year}-Q{}", (t.month() - 1) / 3 + 1),
            Grain::Month => format!("{year}-{:02}", t.month()),
            Grain::Week => {
                let w = t.date().iso_week_date();
                let wy = w.year();
                let wy =
                    if wy < 0 { format!("-{:04}", -i32::from(wy)) } else { format!("{wy:04}") };
                format!("{wy}-W{:02}", w.week())
            }
            Grain::Day => format!("{year}-{:02}-{:02}", t.month(), t.day()),
            Grain::Hour => format!("{year}-{:02}-{:02}T{:02}", t.month(), t.day(), t.hour()),
            Grain::Minute => {
                format!("{year}-{:02}-{:02}T{:02}:{:02}", t.month(), t.day(), t.hour(), t.minute())
            }
            Grain::Second => {
                format!(
                    "{year}-{:02}-{:02}T{:02}:{:02}:{:02}",
                    t.month(),
                    t.day(),
                    t.hour(),
                    t.minute(),
                    t.second()
                )
            }
        }
    }
}

/// The calendar an expression was written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    /// Gregorian (also for relative expressions).
    #[default]
    Gregorian,
    /// Hijri (Islamic) dates, converted to Gregorian values.
    Hijri,
}

/// A date or time expression resolved against the publication date.
///
/// Values are ISO 8601 / TIMEX3 strings cut at the grain (`2025-02-12`, `2025-W07`, `2025-02`,
/// `2025-Q1`, `2025`, `2025-02-12T15`, `2025-02-12T15:30`), as local wall-clock time. An interval
/// has `from` and an **exclusive** `to`; an open interval lacks one of them.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// Point or interval.
    pub kind: TimexKind,
    /// Precision.
    pub grain: Grain,
    /// The value of a point (for an interval: its start, so every timex sorts by `value`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// First instant of an interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// First instant after an interval (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The calendar the text used.
    pub calendar: Calendar,
    /// The same expression as TimeML writes it (the dates stage always gives one; layers built
    /// by other tools may not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timex3: Option<Timex3>,
    /// The two ends of a range as TimeML tags them: "between 1985 and 1987" is one timex (the
    /// interval, whose `timex3` is its start) and two TIMEX3s, "1985" and "1987". Empty for
    /// anything else. The TimeML output and the TempEval scoring use these in place of the
    /// whole; the JSON records of `isnad run` leave them out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ends: Vec<TimexEnd>,
}

/// One end of a range ("1987" in "between 1985 and 1987"): where it is and its TIMEX3.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TimexEnd {
    /// Where it is (inside the range's span).
    pub span: Span,
    /// Its TIMEX3.
    pub timex3: Timex3,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `as_str` is what serde writes: the database and the output spell enumerated values alike.
    #[test]
    fn names_are_serde_names() {
        fn serde_name<T: Serialize>(value: T) -> String {
            serde_json::to_value(value).unwrap().as_str().unwrap().to_string()
        }
        for v in [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed] {
            assert_eq!(v.as_str(), serde_name(v));
        }
        for v in [Block::Main, Block::Related] {
            assert_eq!(v.as_str(), serde_name(v));
        }
        for v in [DateSource::Timex, DateSource::Published] {
            assert_eq!(v.as_str(), serde_name(v));
        }
        for v in
            [EntityKind::Person, EntityKind::Organization, EntityKind::Group, EntityKind::Unknown]
        {
            assert_eq!(v.as_str(), serde_name(v));
        }
        for v in Act::ALL {
            assert_eq!(v.as_str(), serde_name(v));
        }
    }
}
