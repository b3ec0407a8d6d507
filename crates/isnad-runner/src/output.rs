//! The output record: one JSON object per input document.
//!
//! Offsets in the output are **Unicode code points** (what Python's `text[start:end]` and most NLP
//! corpora count), not the byte offsets used inside; every span also carries its text so a reader
//! can check it. The schema is documented in `docs/output.md`.

use std::collections::BTreeMap;

use isnad_core::{
    Block, Calendar, CharIndex, Claim, DateSource, Document, Entity, EntityKind, Grain, QuoteKind, Span, Timex,
    TimexKind,
};
use serde::{Deserialize, Serialize};

/// A span in the output: code-point offsets and the text they cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// Who made a claim, in the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutSpeaker {
    /// The speaker's noun phrase in the claim's clause.
    pub mention: Option<OutSpan>,
    /// True when the subject is not written ("وتابع:", "he added").
    pub implicit: bool,
    /// The linked entity's id.
    #[serde(default)]
    pub entity: Option<String>,
    /// The linked entity's name.
    #[serde(default)]
    pub name: Option<String>,
}

/// A claim in the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutClaim {
    /// `c1`, `c2`, …
    pub id: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The reporting verb or phrase.
    pub cue: OutSpan,
    /// What was said.
    pub content: OutSpan,
    /// Who said it.
    pub speaker: OutSpeaker,
    /// The outlet or channel.
    pub medium: Option<OutSpan>,
    /// Article body or page furniture.
    pub block: Block,
    /// From 0 to 1.
    pub confidence: f32,
    /// When it was said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the date came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<DateSource>,
    /// True when the text says it was said before publication ("in earlier remarks").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_before: bool,
    /// Plugin fields.
    #[serde(flatten)]
    pub ext: BTreeMap<String, serde_json::Value>,
}

/// An entity in the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutEntity {
    /// `e1`, `e2`, …
    pub id: String,
    /// Fullest name.
    pub name: String,
    /// Person, organisation, group or unknown.
    pub kind: EntityKind,
    /// Other names used.
    pub aliases: Vec<String>,
    /// Titles and roles.
    pub roles: Vec<String>,
    /// Every mention.
    pub mentions: Vec<OutSpan>,
    /// External id from a gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
}

/// A timex in the output (flat: its span fields beside its value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutTimex {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The expression.
    pub text: String,
    /// Point or interval.
    pub kind: TimexKind,
    /// Precision.
    pub grain: Grain,
    /// Value (for intervals: the start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Interval start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Interval end, exclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Calendar of the text.
    pub calendar: Calendar,
}

/// One output record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The document id.
    pub id: String,
    /// Its language (given or detected).
    pub lang: Option<String>,
    /// Its publication date as given.
    pub published: Option<String>,
    /// Other metadata given with the document (source, url, title, extra fields).
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub meta: serde_json::Map<String, serde_json::Value>,
    /// Attributed statements.
    pub claims: Vec<OutClaim>,
    /// Speakers and other participants.
    pub entities: Vec<OutEntity>,
    /// Date expressions.
    pub timexes: Vec<OutTimex>,
    /// Plugin layers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
    /// What went wrong (empty when all went well).
    pub errors: Vec<String>,
}

impl Record {
    /// The record of a document that could not be read.
    pub fn failed(id: String, errors: Vec<String>) -> Record {
        Record {
            id,
            lang: None,
            published: None,
            meta: Default::default(),
            claims: Vec::new(),
            entities: Vec::new(),
            timexes: Vec::new(),
            extensions: Default::default(),
            errors,
        }
    }

    /// The record of a processed document.
    pub fn from_document(doc: &Document, errors: Vec<String>) -> Record {
        // Built on the first span only: documents without claims, entities or timexes need none.
        let index = std::cell::OnceCell::new();
        let span = |s: Span| {
            let index = index.get_or_init(|| CharIndex::new(&doc.text));
            OutSpan { start: index.char_offset(s.start()), end: index.char_offset(s.end()), text: doc.slice(s).to_string() }
        };
        let mut meta = serde_json::Map::new();
        for (key, value) in [("source", &doc.meta.source), ("url", &doc.meta.url), ("title", &doc.meta.title)] {
            if let Some(v) = value {
                meta.insert(key.to_string(), serde_json::Value::String(v.clone()));
            }
        }
        meta.extend(doc.meta.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        Record {
            id: doc.id.clone(),
            lang: doc.meta.lang.as_ref().map(|l| l.code().to_string()),
            published: doc.meta.published.as_ref().map(|p| p.as_str().to_string()),
            meta,
            claims: doc.layers.claims.iter().map(|c| out_claim(c, &span)).collect(),
            entities: doc.layers.entities.iter().map(|e| out_entity(e, &span)).collect(),
            timexes: doc.layers.timexes.iter().map(|t| out_timex(t, &span)).collect(),
            extensions: doc.layers.extensions.clone().into_iter().collect(),
            errors,
        }
    }
}

fn out_claim(c: &Claim, span: &impl Fn(Span) -> OutSpan) -> OutClaim {
    OutClaim {
        id: c.id.clone(),
        kind: c.kind,
        cue: span(c.cue),
        content: span(c.content),
        speaker: OutSpeaker {
            mention: c.speaker.mention.map(span),
            implicit: c.speaker.implicit,
            entity: c.speaker.entity.clone(),
            name: c.speaker.name.clone(),
        },
        medium: c.medium.map(span),
        block: c.block,
        confidence: (c.confidence * 1000.0).round() / 1000.0,
        date: c.date.as_ref().map(|d| d.value.clone()),
        date_source: c.date.as_ref().map(|d| d.source),
        date_before: c.date.as_ref().is_some_and(|d| d.before),
        ext: c.ext.clone(),
    }
}

fn out_entity(e: &Entity, span: &impl Fn(Span) -> OutSpan) -> OutEntity {
    OutEntity {
        id: e.id.clone(),
        name: e.name.clone(),
        kind: e.kind,
        aliases: e.aliases.clone(),
        roles: e.roles.clone(),
        mentions: e.mentions.iter().copied().map(span).collect(),
        kb_id: e.kb_id.clone(),
    }
}

fn out_timex(t: &Timex, span: &impl Fn(Span) -> OutSpan) -> OutTimex {
    let s = span(t.span);
    OutTimex {
        start: s.start,
        end: s.end,
        text: s.text,
        kind: t.kind,
        grain: t.grain,
        value: t.value.clone(),
        from: t.from.clone(),
        to: t.to.clone(),
        calendar: t.calendar,
    }
}
