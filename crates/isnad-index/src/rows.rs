//! One document as the rows it becomes: built on the worker threads, written by one writer.
//!
//! Everything that takes time and needs no database (code-point offsets, the search form of each
//! claim, the link keys of each entity) is computed here, in parallel, so that the writer thread
//! only inserts.

use std::cell::OnceCell;

use isnad_core::{Calendar, CharIndex, Document, Grain, MentionKind, Span, TimexKind};
use serde::Serialize;

use crate::names::{LinkKeys, link_keys};
use crate::search_text::{folded_span, search_form, search_form_of_folded};

/// A span as stored: code-point offsets into the document text, and the byte range of its text
/// there (the writer binds a slice of [`DocRows::text`]: no copy of each span's text to make and
/// drop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpanRow {
    pub start: i64,
    pub end: i64,
    pub bytes: std::ops::Range<usize>,
}

impl SpanRow {
    /// The span's text in its document's text.
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        &doc_text[self.bytes.clone()]
    }
}

/// A claim's row.
#[derive(Debug, Clone)]
pub(crate) struct ClaimRow {
    pub local_id: String,
    pub kind: &'static str,
    pub act: Option<&'static str>,
    pub cue: SpanRow,
    pub content: SpanRow,
    /// [`search_form`] of the content, for the full-text index.
    pub search: String,
    pub speaker: Option<SpanRow>,
    pub implicit: bool,
    pub speaker_name: Option<String>,
    /// Index into [`DocRows::entities`].
    pub entity: Option<usize>,
    pub medium: Option<SpanRow>,
    pub block: &'static str,
    pub confidence: f64,
    pub date: Option<String>,
    pub date_source: Option<&'static str>,
    pub date_before: bool,
    pub ext: Option<String>,
}

/// An entity's row, with the keys it links across documents by.
#[derive(Debug, Clone)]
pub(crate) struct EntityRow {
    pub local_id: String,
    pub name: String,
    pub kind: &'static str,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub kb_id: Option<String>,
    pub keys: LinkKeys,
}

/// A mention as stored in `documents.mentions`, a JSON array of these: `[entity, kind, start,
/// end, text]`, `entity` the entity's id in the record (`"e1"`) or null. Arrays, not objects:
/// half the bytes. The `mentions` view reads them back as rows.
#[derive(Serialize)]
struct MentionJson<'a>(Option<&'a str>, &'a MentionKind, i64, i64, &'a str);

/// A timex as stored in `documents.timexes`: `[start, end, text, kind, grain, value, from, to,
/// calendar]`. The `timexes` view reads them back as rows.
#[derive(Serialize)]
struct TimexJson<'a>(
    i64,
    i64,
    &'a str,
    &'a TimexKind,
    &'a Grain,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    &'a Calendar,
);

/// One input document as database rows: what [`crate::Index::write`] takes.
///
/// Build it with [`DocRows::from_document`] after the pipeline (on a worker thread: it does the
/// per-document work of indexing), or [`DocRows::unreadable`] for an input that could not be read.
#[derive(Debug, Clone)]
pub struct DocRows {
    pub(crate) doc_id: String,
    pub(crate) lang: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) meta: Option<String>,
    pub(crate) errors: Vec<String>,
    pub(crate) text: String,
    pub(crate) claims: Vec<ClaimRow>,
    pub(crate) entities: Vec<EntityRow>,
    /// The mention layer, a JSON array of [`MentionJson`] (`None` when empty).
    pub(crate) mentions: Option<String>,
    /// The timex layer, a JSON array of [`TimexJson`] (`None` when empty).
    pub(crate) timexes: Option<String>,
}

impl DocRows {
    /// Bytes of the document's text (for callers that bound the memory of a batch).
    pub fn text_bytes(&self) -> usize {
        self.text.len()
    }

    /// The document id.
    pub fn doc_id(&self) -> &str {
        &self.doc_id
    }

    /// The rows of an input that could not be read: the document with its errors and no text, so
    /// that the database, like the output, holds one entry per input.
    pub fn unreadable(id: String, errors: Vec<String>) -> DocRows {
        DocRows {
            doc_id: id,
            lang: None,
            published: None,
            outlet: None,
            url: None,
            title: None,
            meta: None,
            errors,
            text: String::new(),
            claims: Vec::new(),
            entities: Vec::new(),
            mentions: None,
            timexes: None,
        }
    }

    /// The rows of a processed document and the errors its record carries. The document moves
    /// in: its text becomes the stored text without a copy.
    pub fn from_document(mut doc: Document, errors: Vec<String>) -> DocRows {
        let text = std::mem::take(&mut doc.text);
        let index = OnceCell::new();
        let span = |s: Span| {
            let index = index.get_or_init(|| CharIndex::new(&text));
            SpanRow {
                start: index.char_offset(s.start()) as i64,
                end: index.char_offset(s.end()) as i64,
                bytes: s.start()..s.end(),
            }
        };
        let normalized = doc.layers.normalized.take();
        // A claim's search form from its slice of the folded text the segment stage made, not by
        // folding its content again (a third of the time of the search forms, Arabic).
        let search = |content: &SpanRow| {
            let folded = normalized
                .as_ref()
                .and_then(|n| folded_span(&n.text, &n.map, text.len(), content.bytes.clone()));
            let form = match folded {
                Some(folded) => search_form_of_folded(folded),
                None => search_form(content.text(&text)),
            };
            // Replacing the document gives the full-text index this form again, made from the
            // stored content (`writer::forget_search_forms`): the two must never differ.
            debug_assert_eq!(form, search_form(content.text(&text)), "search form of a claim");
            form
        };
        // The mention and timex layers first: they read the entities, which move into their rows
        // below, as the claims do (the document is ours: its strings are moved, not copied).
        let (mentions, timexes) = layers_json(
            &doc,
            &|s| {
                let index = index.get_or_init(|| CharIndex::new(&text));
                (index.char_offset(s.start()) as i64, index.char_offset(s.end()) as i64)
            },
            &text,
        );
        let claims = std::mem::take(&mut doc.layers.claims)
            .into_iter()
            .map(|c| {
                let content = span(c.content);
                let entity = c
                    .speaker
                    .entity
                    .as_ref()
                    .and_then(|id| doc.layers.entities.iter().position(|e| &e.id == id));
                let (date, date_source, date_before) = match c.date {
                    Some(d) => (Some(d.value), Some(d.source.as_str()), d.before),
                    None => (None, None, false),
                };
                ClaimRow {
                    kind: c.kind.as_str(),
                    act: Some(c.act.as_str()),
                    cue: span(c.cue),
                    search: search(&content),
                    content,
                    speaker: c.speaker.mention.map(span),
                    implicit: c.speaker.implicit,
                    speaker_name: c.speaker.name,
                    entity,
                    medium: c.medium.map(span),
                    block: c.block.as_str(),
                    // Three decimals, as in the output record (rounded in f64: an f32 0.9 is 0.8999…).
                    confidence: (f64::from(c.confidence) * 1000.0).round() / 1000.0,
                    date,
                    date_source,
                    date_before,
                    ext: (!c.ext.is_empty())
                        .then(|| serde_json::to_string(&c.ext).unwrap_or_default()),
                    local_id: c.id,
                }
            })
            .collect();
        let entities = std::mem::take(&mut doc.layers.entities)
            .into_iter()
            .map(|e| EntityRow {
                keys: link_keys(&e.name, e.kind, &e.aliases, &e.roles, e.kb_id.as_deref()),
                kind: e.kind.as_str(),
                local_id: e.id,
                name: e.name,
                aliases: e.aliases,
                roles: e.roles,
                kb_id: e.kb_id,
            })
            .collect();
        let meta = &doc.meta;
        let outlet = meta
            .source
            .clone()
            .or_else(|| meta.extra.get("outlet").and_then(|o| o.as_str()).map(str::to_string));
        DocRows {
            doc_id: doc.id.clone(),
            lang: meta.lang.as_ref().map(|l| l.code().to_string()),
            published: meta.published.as_ref().map(|p| p.as_str().to_string()),
            outlet,
            url: meta.url.clone(),
            title: meta.title.clone(),
            meta: (!meta.extra.is_empty())
                .then(|| serde_json::to_string(&meta.extra).unwrap_or_default()),
            errors,
            claims,
            entities,
            mentions,
            timexes,
            text,
        }
    }
}

/// The mention and timex layers of a document as JSON arrays (`None` when a layer is empty);
/// `offsets` turns a span into code-point offsets into `text`.
fn layers_json(
    doc: &Document,
    offsets: &dyn Fn(Span) -> (i64, i64),
    text: &str,
) -> (Option<String>, Option<String>) {
    let layers = &doc.layers;
    let mut mentions: Vec<MentionJson<'_>> = layers
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = offsets(m.span);
            MentionJson(
                m.entity.as_deref(),
                &m.kind,
                start,
                end,
                &text[m.span.start()..m.span.end()],
            )
        })
        .collect();
    // The entities' mentions that the mention layer does not hold (a stage that links without
    // listing mentions): kept, of unknown kind.
    for e in &layers.entities {
        for &s in &e.mentions {
            if !layers.mentions.iter().any(|m| m.span == s) {
                let (start, end) = offsets(s);
                mentions.push(MentionJson(
                    Some(&e.id),
                    &MentionKind::Unknown,
                    start,
                    end,
                    &text[s.start()..s.end()],
                ));
            }
        }
    }
    let timexes: Vec<TimexJson<'_>> = layers
        .timexes
        .iter()
        .map(|t| {
            let (start, end) = offsets(t.span);
            TimexJson(
                start,
                end,
                &text[t.span.start()..t.span.end()],
                &t.kind,
                &t.grain,
                t.value.as_deref(),
                t.from.as_deref(),
                t.to.as_deref(),
                &t.calendar,
            )
        })
        .collect();
    let json = |empty: bool, value: serde_json::Result<String>| {
        (!empty).then(|| value.unwrap_or_default())
    };
    (
        json(mentions.is_empty(), serde_json::to_string(&mentions)),
        json(timexes.is_empty(), serde_json::to_string(&timexes)),
    )
}
