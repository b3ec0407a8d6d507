//! Shared by the tests: fixtures written as TOML with spans given by their words, turned into
//! records as `isnad run` writes them.
//!
//! A fixture has `text`, the record's `id`, `lang`, `published`, `[meta]`, `[[claims]]`,
//! `[[entities]]` and `[[timexes]]`. A span is given as the words it covers (their first
//! occurrence; `"said@2"` for the second), or as `{ start, end, text }` in code points, taken as
//! is (for records that do not fit their text). `no_text = true` renders the record without its
//! text.
#![allow(dead_code)]

use std::path::Path;

use isnad_html::Article;
use serde_json::{Value, json};

/// The article a fixture file describes.
pub fn fixture(path: &Path) -> Article {
    let source = std::fs::read_to_string(path).unwrap();
    let table: toml::Table =
        toml::from_str(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    article(&table)
}

/// The article a fixture table describes.
pub fn article(table: &toml::Table) -> Article {
    let text = table["text"].as_str().expect("a fixture has a text").to_string();
    let s = |key: &str| table.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let list = |key: &str| table.get(key).and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let claims: Vec<Value> = list("claims")
        .iter()
        .enumerate()
        .map(|(i, c)| claim(i, c.as_table().unwrap(), &text))
        .collect();
    let entities: Vec<Value> =
        list("entities").iter().map(|e| entity(e.as_table().unwrap())).collect();
    let timexes: Vec<Value> =
        list("timexes").iter().map(|t| timex(t.as_table().unwrap(), &text)).collect();
    let meta = table.get("meta").map(|m| serde_json::to_value(m).unwrap()).unwrap_or(json!({}));
    let record = json!({
        "id": s("id").unwrap_or_else(|| "fixture".into()),
        "lang": s("lang"),
        "published": s("published"),
        "meta": meta,
        "claims": claims,
        "entities": entities,
        "timexes": timexes,
        "errors": list("errors"),
    });
    let no_text = table.get("no_text").and_then(|v| v.as_bool()).unwrap_or(false);
    Article {
        record: serde_json::from_value(record).expect("a fixture makes a valid record"),
        text: (!no_text).then_some(text),
    }
}

fn claim(i: usize, c: &toml::Table, text: &str) -> Value {
    let s = |key: &str| c.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let span_of = |key: &str| c.get(key).map(|v| span(v, text));
    let mut out = json!({
        "id": format!("c{}", i + 1),
        "kind": s("kind").unwrap_or_else(|| "indirect".into()),
        "cue": span_of("cue").expect("a claim has a cue"),
        "content": span_of("content").expect("a claim has a content"),
        "speaker": {
            "mention": span_of("mention"),
            "implicit": c.get("implicit").and_then(|v| v.as_bool()).unwrap_or(false),
            "entity": s("entity"),
            "name": s("name"),
        },
        "medium": span_of("medium"),
        "block": s("block").unwrap_or_else(|| "main".into()),
        "confidence": c.get("confidence").and_then(|v| v.as_float()).unwrap_or(0.9),
    });
    for key in ["date", "date_source", "act"] {
        if let Some(value) = s(key) {
            out[key] = json!(value);
        }
    }
    if c.get("date_before").and_then(|v| v.as_bool()) == Some(true) {
        out["date_before"] = json!(true);
    }
    out
}

fn entity(e: &toml::Table) -> Value {
    json!({
        "id": e["id"].as_str(),
        "name": e["name"].as_str(),
        "kind": e.get("kind").and_then(|v| v.as_str()).unwrap_or("unknown"),
        "aliases": e.get("aliases").map(|v| serde_json::to_value(v).unwrap()).unwrap_or(json!([])),
        "roles": e.get("roles").map(|v| serde_json::to_value(v).unwrap()).unwrap_or(json!([])),
        "mentions": [],
    })
}

fn timex(t: &toml::Table, text: &str) -> Value {
    let words = t["text"].as_str().unwrap();
    let (start, end) = match t.get("start").and_then(|v| v.as_integer()) {
        Some(start) => (start as usize, start as usize + words.chars().count()),
        None => find(text, words),
    };
    let mut out = json!({
        "start": start, "end": end, "text": words,
        "kind": t.get("kind").and_then(|v| v.as_str()).unwrap_or("value"),
        "grain": t["grain"].as_str(),
        "value": t.get("value").and_then(|v| v.as_str()),
        "calendar": t.get("calendar").and_then(|v| v.as_str()).unwrap_or("gregorian"),
    });
    for key in ["from", "to"] {
        if let Some(v) = t.get(key).and_then(|v| v.as_str()) {
            out[key] = json!(v);
        }
    }
    out
}

/// A span given as words (`"said@2"`: the second occurrence) or as `{start, end, text}`.
fn span(value: &toml::Value, text: &str) -> Value {
    match value {
        toml::Value::String(words) => {
            let (start, end) = find(text, words);
            let (words, _) = words
                .rsplit_once('@')
                .filter(|(_, n)| n.parse::<usize>().is_ok())
                .unwrap_or((words, ""));
            json!({ "start": start, "end": end, "text": words })
        }
        toml::Value::Table(t) => serde_json::to_value(t).unwrap(),
        other => panic!("a span is words or a table, not {other}"),
    }
}

/// Code-point offsets of the n-th occurrence of `words` (`words@n`, default the first).
fn find(text: &str, words: &str) -> (usize, usize) {
    let (words, nth) = match words.rsplit_once('@') {
        Some((w, n)) if n.parse::<usize>().is_ok() => (w, n.parse::<usize>().unwrap()),
        _ => (words, 1),
    };
    let byte = text
        .match_indices(words)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("{words:?} (occurrence {nth}) is not in the text"))
        .0;
    let start = text[..byte].chars().count();
    (start, start + words.chars().count())
}

/// The tags of `html` (what is between `<` and `>`), in order, with the raw text of `<script>`
/// and `<style>` skipped.
pub fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').expect("a tag ends");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        out.push(tag);
        for raw in ["script", "style"] {
            if tag.starts_with(raw) {
                let close = format!("</{raw}>");
                let at = rest.find(&close).expect("raw text ends");
                rest = &rest[at..];
            }
        }
    }
    out
}

/// Panics unless every element of `html` is closed in order (void elements, comments and the
/// doctype aside).
pub fn assert_well_nested(html: &str) {
    const VOID: &[&str] = &["meta", "br", "img", "input", "link", "hr", "wbr"];
    let mut stack: Vec<String> = Vec::new();
    for tag in tags(html) {
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(open, name, "</{name}> closes <{open}>");
            continue;
        }
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(!name.is_empty(), "a bare `<` in the markup: <{tag}>");
        if !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
}
