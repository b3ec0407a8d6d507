//! `isnad eval dates --predictions DIR`: the timexes of TimeML files (what `isnad run --format
//! timeml -o DIR` writes, or another TimeML tool's output) scored instead of a pipeline's.
//!
//! Each `.tml` file is matched to a gold article by its `<DOCID>`, or by its file name without
//! `.tml` when it has none. Its TIMEX3 elements are those of `<TEXT>` (or of the root, for tools
//! that write no `<TEXT>`), at their code-point offsets in that text; the text must be the gold
//! article's (white space at its ends aside), or the offsets would mean nothing: a file whose
//! text differs scores no timexes and is named on standard error.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use isnad_core::{Calendar, Document, Grain, Span, Timex, Timex3, TimexKind};
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

/// The TimeML files of a directory, by document id.
pub struct TimemlPredictions(HashMap<String, Predicted>);

/// One file: the text of its `<TEXT>`, its TIMEX3 elements, and where it came from.
struct Predicted {
    text: String,
    /// Code-point offsets into `text` and the TIMEX3 reading.
    timexes: Vec<(usize, usize, Timex3)>,
    file: String,
}

impl TimemlPredictions {
    /// Reads every `.tml` file of `dir`.
    pub fn load(dir: &Path) -> Result<TimemlPredictions> {
        if !dir.is_dir() {
            bail!(
                "--predictions for dates is a directory of TimeML files (.tml), as `isnad run \
                 --format timeml -o DIR` writes; {} is not one",
                dir.display()
            );
        }
        let mut map = HashMap::new();
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_none_or(|e| !e.eq_ignore_ascii_case("tml")) {
                continue;
            }
            let xml = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let (docid, predicted) = read(&xml, path.display().to_string())
                .with_context(|| format!("{}: not a TimeML document", path.display()))?;
            let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            map.insert(docid.unwrap_or(stem), predicted);
        }
        if map.is_empty() {
            bail!("{} holds no .tml file", dir.display());
        }
        Ok(TimemlPredictions(map))
    }

    /// The document with the timexes of its file (none when there is no file, or when the file's
    /// text is not the document's).
    pub fn process(&self, mut doc: Document) -> Document {
        let Some(predicted) = self.0.get(&doc.id) else { return doc };
        // Tools that write the text straight in the root put a line break around it: white space
        // at the ends is allowed to differ, and the offsets are moved by the difference.
        let lead = |t: &str| t.chars().take_while(|c| c.is_whitespace()).count();
        let shift = lead(&predicted.text) as isize - lead(&doc.text) as isize;
        if predicted.text.trim() != doc.text.trim() {
            eprintln!(
                "isnad: {}: its text is not the gold text of {}, so its offsets cannot be used: \
                 no timexes scored",
                predicted.file, doc.id
            );
            return doc;
        }
        let bytes: Vec<usize> =
            doc.text.char_indices().map(|(b, _)| b).chain([doc.text.len()]).collect();
        let byte = |chars: usize| {
            let at = chars.checked_add_signed(-shift)?;
            bytes.get(at).copied()
        };
        for (start, end, reading) in &predicted.timexes {
            let (Some(start), Some(end)) = (byte(*start), byte(*end)) else { continue };
            let Ok(span) = Span::new(start, end) else { continue };
            doc.layers.timexes.push(Timex {
                span,
                kind: TimexKind::Value,
                grain: Grain::Day,
                value: None,
                from: None,
                to: None,
                calendar: Calendar::Gregorian,
                timex3: Some(reading.clone()),
                ends: Vec::new(),
            });
        }
        doc
    }
}

/// A TimeML document's `<DOCID>` and its text and timexes.
fn read(xml: &str, file: String) -> Result<(Option<String>, Predicted)> {
    // The element holding the text: TEXT, or the root for tools that write none (HeidelTime).
    let container = if xml.contains("<TEXT>") { "TEXT" } else { "TimeML" };
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut predicted = Predicted { text: String::new(), timexes: Vec::new(), file };
    let mut chars = 0;
    let mut docid: Option<String> = None;
    // The TIMEX3 elements open in the text: their start and attributes.
    let mut open: Vec<(usize, Option<Timex3>)> = Vec::new();
    loop {
        let event = reader.read_event()?;
        let text = match &event {
            Event::Text(t) => Some(t.xml10_content().into_owned()),
            Event::GeneralRef(r) => Some(match r.resolve_char_ref()? {
                Some(c) => c.to_string(),
                None => resolve_predefined_entity(&r.xml10_content())
                    .context("an undeclared entity")?
                    .to_string(),
            }),
            _ => None,
        };
        let in_text = stack.iter().any(|s| s == container)
            && !stack.iter().any(|s| matches!(s.as_str(), "DOCID" | "DCT" | "TITLE" | "EXTRAINFO"));
        if let Some(text) = text {
            if in_text {
                chars += text.chars().count();
                predicted.text.push_str(&text);
            } else if stack.last().is_some_and(|s| s == "DOCID") {
                docid.get_or_insert_with(String::new).push_str(text.trim());
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "TIMEX3" && in_text {
                    open.push((chars, reading(&e)?));
                }
                stack.push(name);
            }
            Event::End(_) => {
                if stack.pop().is_some_and(|s| s == "TIMEX3")
                    && stack.iter().any(|s| s == container)
                    && let Some((start, Some(reading))) = open.pop()
                {
                    predicted.timexes.push((start, chars, reading));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((docid, predicted))
}

/// A TIMEX3 element's type, value and mod (`None` without a type or value a scorer can use).
fn reading(e: &BytesStart<'_>) -> Result<Option<Timex3>> {
    let mut fields: HashMap<String, String> = HashMap::new();
    for attribute in e.attributes() {
        let attribute = attribute?;
        let value = attribute.normalized_value(XmlVersion::Implicit1_0)?;
        fields.insert(attribute.key.as_ref().to_string(), value.into_owned());
    }
    let (Some(kind), Some(value)) = (fields.remove("type"), fields.remove("value")) else {
        return Ok(None);
    };
    let Ok(kind) = serde_json::from_value(serde_json::Value::String(kind)) else {
        return Ok(None);
    };
    Ok(Some(Timex3 { kind, value, modifier: fields.remove("mod") }))
}
