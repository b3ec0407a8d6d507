//! Reads a TimeML document back with a real XML parser (quick-xml), for the tests of
//! `isnad run --format timeml`: fails on anything that is not well-formed, and gives the text of
//! `<TEXT>` as a TimeML tool sees it (references resolved, line ends normalised as XML 1.0 does)
//! with each TIMEX3 element at its code-point offsets in that text.

use std::collections::BTreeMap;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

/// A TIMEX3 element: where it is in the `<TEXT>` (code points), what it covers, its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub attributes: BTreeMap<String, String>,
}

/// What a test needs of a TimeML document.
#[derive(Debug, Default)]
pub struct TimeMl {
    pub docid: String,
    /// The TIMEX3 inside `<DCT>` (offsets into the DCT's own text).
    pub dct: Option<Element>,
    /// The content of `<TEXT>`, tags stripped.
    pub text: String,
    /// The TIMEX3 elements inside `<TEXT>`, in document order.
    pub timexes: Vec<Element>,
    /// Every comment's text.
    pub comments: Vec<String>,
}

/// Parses `xml`: one `<TimeML>` root, nothing but white space and comments outside it, no element
/// inside a TIMEX3, no element in `<TEXT>` but TIMEX3.
pub fn read(xml: &str) -> Result<TimeMl, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut doc = TimeMl::default();
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    // The open TIMEX3: its start and attributes.
    let mut open: Option<(usize, BTreeMap<String, String>)> = None;
    let mut dct_text = String::new();
    loop {
        let at = reader.buffer_position();
        let event =
            reader.read_event().map_err(|e| format!("not well-formed at byte {at}: {e}"))?;
        // The text this event adds, wherever it is.
        let text: Option<String> = match &event {
            Event::Text(t) => Some(t.xml10_content().into_owned()),
            Event::GeneralRef(r) => {
                Some(match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.xml10_content();
                        resolve_predefined_entity(&name)
                            .ok_or_else(|| format!("undeclared entity &{name};"))?
                            .to_string()
                    }
                })
            }
            Event::CData(_) => return Err("CDATA section: isnad writes none".into()),
            _ => None,
        };
        if let Some(text) = text {
            match stack.last().map(String::as_str) {
                None if !text.trim().is_empty() => {
                    return Err(format!("text outside the root: {text:?}"));
                }
                Some("TEXT") | Some("TIMEX3") if stack.contains(&"TEXT".to_string()) => {
                    doc.text.push_str(&text)
                }
                Some("DOCID") => doc.docid.push_str(&text),
                Some("TIMEX3") => dct_text.push_str(&text),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                let name = name_of(&e);
                if stack.is_empty() {
                    roots += 1;
                    if name != "TimeML" || roots > 1 {
                        return Err(format!("root element {name}: expected one TimeML"));
                    }
                }
                if name == "TIMEX3" {
                    if open.is_some() {
                        return Err("a TIMEX3 inside a TIMEX3".into());
                    }
                    let start = if stack.last().is_some_and(|p| p == "TEXT") {
                        doc.text.chars().count()
                    } else {
                        0
                    };
                    open = Some((start, attributes(&e)?));
                } else if stack.last().is_some_and(|p| p == "TEXT" || p == "TIMEX3") {
                    return Err(format!("element {name} inside {}", stack.last().unwrap()));
                }
                stack.push(name);
            }
            Event::End(_) => {
                let name = stack.pop().ok_or("an end tag without a start")?;
                if name == "TIMEX3" {
                    let (start, attributes) = open.take().expect("an open TIMEX3");
                    if stack.last().is_some_and(|p| p == "TEXT") {
                        let text: String = doc.text.chars().skip(start).collect();
                        let end = doc.text.chars().count();
                        doc.timexes.push(Element { start, end, text, attributes });
                    } else {
                        let text = std::mem::take(&mut dct_text);
                        let end = text.chars().count();
                        doc.dct = Some(Element { start: 0, end, text, attributes });
                    }
                }
            }
            Event::Empty(e) => {
                return Err(format!("empty element {}: isnad writes none", name_of(&e)));
            }
            Event::Comment(c) => doc.comments.push(c.xml10_content().into_owned()),
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() || roots != 1 {
        return Err(format!("the document ends inside {stack:?}"));
    }
    Ok(doc)
}

fn name_of(e: &BytesStart<'_>) -> String {
    e.name().as_ref().to_string()
}

fn attributes(e: &BytesStart<'_>) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for attribute in e.attributes() {
        let attribute = attribute.map_err(|e| format!("bad attribute: {e}"))?;
        let key = attribute.key.as_ref().to_string();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| format!("bad value of {key}: {e}"))?;
        out.insert(key, value.into_owned());
    }
    Ok(out)
}
