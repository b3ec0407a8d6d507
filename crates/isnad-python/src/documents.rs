//! Documents handed in from Python, read as `isnad run` reads a JSONL line.
//!
//! A `str` is a document's text. A dict holds the fields of a JSONL line (`id`, `text`, `lang`,
//! `published`, `source`, `url`, `title`, anything else kept as metadata) and goes through the
//! runner's own [`Item::from_object`], so that a dict gives the record its JSON line would give.
//! Anything else still gives one record, whose `errors` say what was wrong: one input, one
//! output, also from Python.

use isnad_core::Document;
use isnad_runner::Item;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// Nesting deeper than this in a field's value is refused (a list that contains itself would
/// otherwise recurse for ever).
const MAX_DEPTH: usize = 64;

/// The document at `position` (counted from 0, its id when it gives none).
pub(crate) fn item(obj: &Bound<'_, PyAny>, position: usize) -> Item {
    let fallback_id = position.to_string();
    if let Ok(text) = obj.cast::<PyString>() {
        return match text.extract::<String>() {
            Ok(text) => {
                let bytes = text.len();
                let doc = Document::new(fallback_id.clone(), text);
                Item { doc: Some(doc), id: fallback_id, errors: Vec::new(), bytes }
            }
            Err(e) => failed(fallback_id, format!("the text is not valid Unicode: {e}")),
        };
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        return object_item(dict.iter(), fallback_id);
    }
    if let Ok(mapping) = obj.cast::<PyMapping>() {
        return match mapping.items() {
            Ok(items) => {
                object_item(items.iter().filter_map(|pair| pair.extract().ok()), fallback_id)
            }
            Err(e) => failed(fallback_id, format!("cannot read the mapping's items: {e}")),
        };
    }
    let kind = type_name(obj);
    failed(fallback_id, format!("expected a str (the text) or a dict with \"text\", not {kind}"))
}

fn failed(id: String, error: String) -> Item {
    Item { doc: None, id, errors: vec![error], bytes: 0 }
}

/// A dict's fields as a JSONL object. A field whose value is no JSON is left out and reported in
/// the record (the document is still processed); a text that cannot be read fails the record.
fn object_item<'py>(
    fields: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    fallback_id: String,
) -> Item {
    let mut map = Map::new();
    let mut errors = Vec::new();
    let mut text_error = None;
    for (key, value) in fields {
        let Ok(key) = key.extract::<String>() else {
            errors.push(format!("a field name must be a str, not {}", type_name(&key)));
            continue;
        };
        match json_value(&value, 0) {
            Ok(value) => {
                map.insert(key, value);
            }
            Err(e) if key == "text" => text_error = Some(format!("\"text\": {e}")),
            Err(e) => errors.push(format!("\"{key}\": {e}")),
        }
    }
    let mut item = Item::from_object(map, fallback_id);
    if let Some(e) = text_error {
        // `from_object` said the text is missing; say why instead.
        item.doc = None;
        item.errors = vec![e];
    }
    item.errors.extend(errors);
    item
}

/// A Python value as JSON: None, bool, int, float, str, lists and tuples, dicts with str keys,
/// and anything with an `isoformat()` (dates and times, pandas timestamps) as that string.
fn json_value(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested more than {MAX_DEPTH} levels deep"));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .extract::<String>()
            .map(Value::String)
            .map_err(|e| format!("not valid Unicode: {e}"));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(n) = obj.extract::<i64>() {
            return Ok(Value::from(n));
        }
        return obj
            .extract::<u64>()
            .map(Value::from)
            .map_err(|_| "an int too large for JSON".to_string());
    }
    if let Ok(x) = obj.cast::<PyFloat>() {
        return Number::from_f64(x.value())
            .map(Value::Number)
            .ok_or_else(|| format!("{} is not a JSON number", x.value()));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return list.iter().map(|v| json_value(&v, depth + 1)).collect::<Result<_, _>>();
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return tuple.iter().map(|v| json_value(&v, depth + 1)).collect::<Result<_, _>>();
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, value) in dict.iter() {
            let key = key
                .extract::<String>()
                .map_err(|_| format!("a key must be a str, not {}", type_name(&key)))?;
            map.insert(key, json_value(&value, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(iso) = obj.call_method0("isoformat")
        && let Ok(iso) = iso.extract::<String>()
    {
        return Ok(Value::String(iso));
    }
    Err(format!("{} cannot be written as JSON", type_name(obj)))
}

/// "a float", "an int", "a Foo": the value's type for messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    let name = obj
        .get_type()
        .name()
        .and_then(|n| n.extract::<String>())
        .unwrap_or_else(|_| "object".to_string());
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {name}")
}
