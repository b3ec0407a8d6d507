//! A document from the database as the record `isnad html` renders.
//!
//! The database keeps what the record had (spans in code points, kinds, dates); the record is
//! rebuilt as JSON and read with the record's own deserialiser, so fields the record gains later
//! keep their defaults here instead of breaking this conversion.

use std::collections::HashMap;

use isnad_html::Article;
use isnad_index::{ClaimHit, DocumentView, SpanText};
use isnad_runner::Record;
use serde_json::{Map, Value, json};

/// The article of `doc`: its record and its text.
pub(crate) fn article(doc: &DocumentView) -> Article {
    let record = match serde_json::from_value::<Record>(record_json(doc)) {
        Ok(record) => record,
        Err(e) => Record::failed(
            doc.id.clone(),
            vec![format!("the database's record of this article cannot be read: {e}")],
        ),
    };
    Article { record, text: Some(doc.text.clone()) }
}

fn record_json(doc: &DocumentView) -> Value {
    // Claims name the corpus actor; the article's own entity of that actor is what colours them.
    let mut entity_of_actor: HashMap<i64, &str> = HashMap::new();
    for e in &doc.entities {
        entity_of_actor.entry(e.actor).or_insert(&e.id);
    }
    let claims: Vec<Value> = doc
        .claims
        .iter()
        .map(|c| claim(c, c.actor.and_then(|a| entity_of_actor.get(&a).copied())))
        .collect();
    let entities: Vec<Value> = doc
        .entities
        .iter()
        .map(|e| {
            json!({
                "id": e.id, "name": e.name, "kind": e.kind, "aliases": e.aliases,
                "roles": e.roles, "mentions": [], "kb_id": e.kb_id,
            })
        })
        .collect();
    let timexes: Vec<Value> = doc
        .timexes
        .iter()
        .map(|t| {
            json!({
                "start": t.span.start, "end": t.span.end, "text": t.span.text, "kind": t.kind,
                "grain": t.grain, "value": t.value, "from": t.from, "to": t.to,
                "calendar": t.calendar,
            })
        })
        .collect();
    let mut meta = match &doc.meta {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    for (key, value) in [("title", &doc.title), ("source", &doc.outlet), ("url", &doc.url)] {
        if let Some(value) = value {
            meta.entry(key).or_insert_with(|| json!(value));
        }
    }
    json!({
        "id": doc.id, "lang": doc.lang, "published": doc.published, "meta": meta,
        "claims": claims, "entities": entities, "timexes": timexes, "errors": doc.errors,
    })
}

fn claim(c: &ClaimHit, entity: Option<&str>) -> Value {
    let mut out = json!({
        "id": c.claim,
        "kind": c.kind,
        "cue": span(&c.cue),
        "content": span(&c.content),
        "speaker": {
            "mention": c.speaker_mention.as_ref().map(span),
            // Not kept in the database: a linked speaker without a written mention was carried over.
            "implicit": c.speaker_mention.is_none() && c.speaker.is_some(),
            "entity": entity,
            "name": c.speaker,
        },
        "medium": c.medium.as_ref().map(span),
        "block": c.block,
        "confidence": c.confidence,
        "date": c.date,
        "date_source": c.date_source,
        "date_before": c.date_before,
    });
    if let Some(act) = &c.act {
        out["act"] = json!(act);
    }
    out
}

fn span(s: &SpanText) -> Value {
    json!({ "start": s.start, "end": s.end, "text": s.text })
}
