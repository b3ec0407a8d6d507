//! The output record: one JSON object per input document.
//!
//! Offsets in the output are **Unicode code points** (what Python's `text[start:end]` and most NLP
//! corpora count), not the byte offsets used inside; every span also carries its text so a reader
//! can check it. The schema is documented in `docs/output.md`.

use std::collections::BTreeMap;

use isnad_core::{
    Act, Block, Calendar, CharIndex, Claim, DateSource, Document, Entity, EntityKind, Grain,
    QuoteKind, Span, Timex, Timex3, TimexKind,
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
    /// Speech, belief, intention or perception (references written before the field: speech).
    #[serde(default)]
    pub act: Act,
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
    /// The TimeML reading: `{"type", "value", "mod"?}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timex3: Option<Timex3>,
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
            OutSpan {
                start: index.char_offset(s.start()),
                end: index.char_offset(s.end()),
                text: doc.slice(s).to_string(),
            }
        };
        Record {
            id: doc.id.clone(),
            lang: doc.meta.lang.as_ref().map(|l| l.code().to_string()),
            published: doc.meta.published.as_ref().map(|p| p.as_str().to_string()),
            meta: meta_map(doc),
            claims: doc.layers.claims.iter().map(|c| out_claim(c, &span)).collect(),
            entities: doc.layers.entities.iter().map(|e| out_entity(e, &span)).collect(),
            timexes: doc.layers.timexes.iter().map(|t| out_timex(t, &span)).collect(),
            extensions: doc.layers.extensions.clone().into_iter().collect(),
            errors,
        }
    }
}

/// The record's `meta`: source, url and title when given, and the extra fields.
fn meta_map(doc: &Document) -> serde_json::Map<String, serde_json::Value> {
    let mut meta = serde_json::Map::new();
    for (key, value) in
        [("source", &doc.meta.source), ("url", &doc.meta.url), ("title", &doc.meta.title)]
    {
        if let Some(v) = value {
            meta.insert(key.to_string(), serde_json::Value::String(v.clone()));
        }
    }
    meta.extend(doc.meta.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
    meta
}

/// Confidence in the output: three decimals are all it means.
fn round_confidence(confidence: f32) -> f32 {
    (confidence * 1000.0).round() / 1000.0
}

fn out_claim(c: &Claim, span: &impl Fn(Span) -> OutSpan) -> OutClaim {
    OutClaim {
        id: c.id.clone(),
        kind: c.kind,
        act: c.act,
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
        confidence: round_confidence(c.confidence),
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
        timex3: t.timex3.clone(),
    }
}

/// Writes the record of a processed document to `out` as one line of JSON (without the newline):
/// the same bytes as `serde_json::to_writer(out, &Record::from_document(doc, errors))`.
///
/// Why not just that: building a [`Record`] copies the text of every span (claim contents are
/// whole sentences) only to serialise and drop it, and serde_json escapes strings a byte at a
/// time. This writes straight from the document and escapes eight bytes at a time. Small values
/// whose format belongs to serde (enums, floats, plugin JSON, metadata) still go through
/// serde_json. The unit tests check both paths give the same bytes.
pub(crate) fn write_record(doc: &Document, errors: &[String], out: &mut Vec<u8>) {
    let index = std::cell::OnceCell::new();
    // The fields of a span, without braces (a timex writes its own beside them).
    let span_fields = |out: &mut Vec<u8>, s: Span| {
        let index = index.get_or_init(|| CharIndex::new(&doc.text));
        out.extend_from_slice(b"\"start\":");
        write_usize(out, index.char_offset(s.start()));
        out.extend_from_slice(b",\"end\":");
        write_usize(out, index.char_offset(s.end()));
        out.extend_from_slice(b",\"text\":");
        write_str(out, doc.slice(s));
    };
    let span = |out: &mut Vec<u8>, s: Span| {
        out.push(b'{');
        span_fields(out, s);
        out.push(b'}');
    };
    let opt_span = |out: &mut Vec<u8>, s: Option<Span>| match s {
        Some(s) => span(out, s),
        None => out.extend_from_slice(b"null"),
    };
    out.extend_from_slice(b"{\"id\":");
    write_str(out, &doc.id);
    out.extend_from_slice(b",\"lang\":");
    write_opt_str(out, doc.meta.lang.as_ref().map(|l| l.code()));
    out.extend_from_slice(b",\"published\":");
    write_opt_str(out, doc.meta.published.as_ref().map(|p| p.as_str()));
    if doc.meta.source.is_some()
        || doc.meta.url.is_some()
        || doc.meta.title.is_some()
        || !doc.meta.extra.is_empty()
    {
        out.extend_from_slice(b",\"meta\":");
        write_serde(out, &meta_map(doc));
    }
    out.extend_from_slice(b",\"claims\":");
    write_array(out, &doc.layers.claims, |out, c| {
        out.extend_from_slice(b"{\"id\":");
        write_str(out, &c.id);
        out.extend_from_slice(b",\"kind\":");
        write_serde(out, &c.kind);
        out.extend_from_slice(b",\"act\":");
        write_serde(out, &c.act);
        out.extend_from_slice(b",\"cue\":");
        span(out, c.cue);
        out.extend_from_slice(b",\"content\":");
        span(out, c.content);
        out.extend_from_slice(b",\"speaker\":{\"mention\":");
        opt_span(out, c.speaker.mention);
        out.extend_from_slice(if c.speaker.implicit {
            b",\"implicit\":true"
        } else {
            b",\"implicit\":false"
        });
        out.extend_from_slice(b",\"entity\":");
        write_opt_str(out, c.speaker.entity.as_deref());
        out.extend_from_slice(b",\"name\":");
        write_opt_str(out, c.speaker.name.as_deref());
        out.extend_from_slice(b"},\"medium\":");
        opt_span(out, c.medium);
        out.extend_from_slice(b",\"block\":");
        write_serde(out, &c.block);
        out.extend_from_slice(b",\"confidence\":");
        write_serde(out, &round_confidence(c.confidence));
        if let Some(d) = &c.date {
            out.extend_from_slice(b",\"date\":");
            write_str(out, &d.value);
            out.extend_from_slice(b",\"date_source\":");
            write_serde(out, &d.source);
            if d.before {
                out.extend_from_slice(b",\"date_before\":true");
            }
        }
        for (key, value) in &c.ext {
            out.push(b',');
            write_str(out, key);
            out.push(b':');
            write_serde(out, value);
        }
        out.push(b'}');
    });
    out.extend_from_slice(b",\"entities\":");
    write_array(out, &doc.layers.entities, |out, e| {
        out.extend_from_slice(b"{\"id\":");
        write_str(out, &e.id);
        out.extend_from_slice(b",\"name\":");
        write_str(out, &e.name);
        out.extend_from_slice(b",\"kind\":");
        write_serde(out, &e.kind);
        out.extend_from_slice(b",\"aliases\":");
        write_strs(out, &e.aliases);
        out.extend_from_slice(b",\"roles\":");
        write_strs(out, &e.roles);
        out.extend_from_slice(b",\"mentions\":");
        write_array(out, &e.mentions, |out, &m| span(out, m));
        if let Some(kb) = &e.kb_id {
            out.extend_from_slice(b",\"kb_id\":");
            write_str(out, kb);
        }
        out.push(b'}');
    });
    out.extend_from_slice(b",\"timexes\":");
    write_array(out, &doc.layers.timexes, |out, t| {
        // A timex is flat: its span's fields beside its value.
        out.push(b'{');
        span_fields(out, t.span);
        out.extend_from_slice(b",\"kind\":");
        write_serde(out, &t.kind);
        out.extend_from_slice(b",\"grain\":");
        write_serde(out, &t.grain);
        for (key, value) in
            [(&b",\"value\":"[..], &t.value), (b",\"from\":", &t.from), (b",\"to\":", &t.to)]
        {
            if let Some(v) = value {
                out.extend_from_slice(key);
                write_str(out, v);
            }
        }
        out.extend_from_slice(b",\"calendar\":");
        write_serde(out, &t.calendar);
        if let Some(x) = &t.timex3 {
            out.extend_from_slice(b",\"timex3\":");
            write_serde(out, x);
        }
        out.push(b'}');
    });
    if !doc.layers.extensions.is_empty() {
        out.extend_from_slice(b",\"extensions\":");
        write_serde(out, &doc.layers.extensions);
    }
    out.extend_from_slice(b",\"errors\":");
    write_strs(out, errors);
    out.push(b'}');
}

/// A small value in serde_json's format (enums, floats, JSON values). Writing our own types and
/// JSON values to a `Vec` cannot fail.
fn write_serde<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(&mut *out, value).expect("serialising to a Vec cannot fail");
}

fn write_usize(out: &mut Vec<u8>, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn write_strs(out: &mut Vec<u8>, items: &[String]) {
    write_array(out, items, |out, s| write_str(out, s));
}

/// A JSON array: `[`, each item written by `item`, separated by commas, `]`.
fn write_array<T>(
    out: &mut Vec<u8>,
    items: impl IntoIterator<Item = T>,
    mut item: impl FnMut(&mut Vec<u8>, T),
) {
    out.push(b'[');
    for (i, x) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

/// A JSON string escaped exactly as serde_json does: `"` and `\` backslashed, the control
/// characters below U+0020 as `\b \t \n \f \r` or `\u00xx` (lower-case hex), everything else
/// (U+007F and all non-ASCII) as it is. Runs without any of those are found eight bytes at a time.
fn write_str(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        if i + 8 <= bytes.len() {
            let w = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
            // High bit set in each byte that is below 0x20, '"' or a backslash (the lowest flagged byte
            // is always a true one; bytes of 0x80 and above never are).
            let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
            let flags = (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
                | has_zero(w ^ (ONES * b'"' as u64))
                | has_zero(w ^ (ONES * b'\\' as u64));
            if flags == 0 {
                i += 8;
                continue;
            }
            i += (flags.trailing_zeros() / 8) as usize;
        }
        let b = bytes[i];
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0C => b"\\f",
            b'\r' => b"\\r",
            0x00..=0x1F => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&bytes[run..i]);
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(b >> 4) as usize],
                    HEX[(b & 0xF) as usize],
                ]);
                i += 1;
                run = i;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[run..i]);
        out.extend_from_slice(escape);
        i += 1;
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use isnad_core::{ClaimDate, Lang, Speaker};

    use super::*;

    fn serde_line(doc: &Document, errors: &[String]) -> String {
        serde_json::to_string(&Record::from_document(doc, errors.to_vec())).unwrap()
    }

    fn direct_line(doc: &Document, errors: &[String]) -> String {
        let mut out = Vec::new();
        write_record(doc, errors, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_escape_like_serde_json() {
        let mut samples: Vec<String> = (0u8..0x80).map(|b| (b as char).to_string()).collect();
        samples.extend(
            [
                "",
                "plain",
                "قال «الوزير» \"نعم\"\n",
                "a\\b\"c\u{7f}\u{1f}😀\u{2028}",
                "\t\r\n\u{8}\u{c}",
            ]
            .map(String::from),
        );
        // Every position of an escape around the eight-byte words.
        for len in 0..20 {
            for at in 0..len {
                for c in ['"', '\\', '\n', '\u{1}', '\u{1f}', ' ', 'ق', '\u{80}'] {
                    let mut s: String = "abcdefghijklmnopqrstuvwxyz".chars().take(len).collect();
                    s.insert(at, c);
                    samples.push(s);
                }
            }
        }
        for s in samples {
            let mut out = Vec::new();
            write_str(&mut out, &s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn written_records_equal_serialised_records() {
        let text = "قال الوزير \"نعم\"\tلا.\nHe said: “fine”, on Monday\\Tuesday 😀 x.";
        let mut doc = Document::new("doc-\"1\"\n", text);
        let span = |a: &str| {
            let at = text.find(a).unwrap();
            doc_span(text, at, at + a.len())
        };
        let errors = vec!["stage 'x': bad \"input\"\u{1}".to_string()];
        // A bare document: no metadata, no layers.
        assert_eq!(direct_line(&doc, &[]), serde_line(&doc, &[]));
        doc.meta.lang = Some(Lang::Ar);
        doc.meta.published = Some("2025-02-12".parse().unwrap());
        doc.meta.title = Some("T \"q\"".into());
        doc.meta.extra.insert("zeta".into(), serde_json::json!({"k": [1, 2.5, null]}));
        doc.meta.extra.insert("alpha".into(), serde_json::json!("a\nb"));
        let mut ext = BTreeMap::new();
        ext.insert("score".to_string(), serde_json::json!(0.25));
        ext.insert("tag".to_string(), serde_json::json!("x\"y"));
        doc.layers.claims = vec![
            Claim::new("c1", QuoteKind::Direct, span("قال"), span("\"نعم\"")),
            Claim {
                speaker: Speaker {
                    mention: Some(span("He")),
                    implicit: true,
                    entity: Some("e1".into()),
                    name: Some("Mr \"He\"".into()),
                },
                medium: Some(span("Monday")),
                block: Block::Related,
                confidence: 0.123_456,
                date: Some(ClaimDate {
                    value: "2025-02-10".into(),
                    source: DateSource::Timex,
                    before: true,
                }),
                ext,
                ..Claim::new("c2", QuoteKind::Mixed, span("said"), span("“fine”"))
            },
            Claim {
                date: Some(ClaimDate {
                    value: "2025-02-12".into(),
                    source: DateSource::Published,
                    before: false,
                }),
                confidence: f32::NAN,
                act: Act::Intention,
                ..Claim::new("c3", QuoteKind::Indirect, span("said"), span("x."))
            },
        ];
        doc.layers.entities = vec![
            Entity {
                id: "e1".into(),
                name: "He \"Him\"".into(),
                kind: EntityKind::Person,
                aliases: vec!["a\tb".into(), "c".into()],
                roles: vec![],
                mentions: vec![span("He"), span("😀")],
                kb_id: Some("Q1".into()),
            },
            Entity {
                id: "e2".into(),
                name: "الوزير".into(),
                kind: EntityKind::Unknown,
                aliases: vec![],
                roles: vec!["وزير".into()],
                mentions: vec![],
                kb_id: None,
            },
        ];
        doc.layers.timexes = vec![
            Timex {
                span: span("Monday"),
                kind: TimexKind::Value,
                grain: Grain::Day,
                value: Some("2025-02-10".into()),
                from: None,
                to: None,
                calendar: Calendar::Gregorian,
                timex3: Some(isnad_core::Timex3 {
                    kind: isnad_core::Timex3Type::Date,
                    value: "2025-02-10".into(),
                    modifier: None,
                }),
                ends: Vec::new(),
            },
            Timex {
                span: span("Tuesday"),
                kind: TimexKind::Interval,
                grain: Grain::Day,
                value: None,
                from: Some("2025-02-11".into()),
                to: Some("2025-02-12".into()),
                calendar: Calendar::Hijri,
                timex3: None,
                ends: Vec::new(),
            },
        ];
        assert_eq!(direct_line(&doc, &errors), serde_line(&doc, &errors));
        doc.layers.extensions.insert("plugin".into(), serde_json::json!({"b": 1, "a": "\u{0}"}));
        doc.meta = Default::default();
        doc.meta.url = Some("https://example.invalid/?a=\"1\"".into());
        assert_eq!(direct_line(&doc, &[]), serde_line(&doc, &[]));
    }

    fn doc_span(text: &str, start: usize, end: usize) -> Span {
        Span::in_text(text, start, end).unwrap()
    }

    #[test]
    fn written_records_equal_serialised_records_on_fixtures() {
        let pipeline = crate::default_pipeline(&crate::Registry::builtin()).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut seen = 0;
        for lang in ["ar", "en", "gold"] {
            for entry in std::fs::read_dir(root.join(lang)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let mut doc = Document::new(
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                );
                doc.meta.published = Some("2025-02-12".parse().unwrap());
                let errors = pipeline.process(&mut doc);
                assert_eq!(
                    direct_line(&doc, &errors),
                    serde_line(&doc, &errors),
                    "{}",
                    path.display()
                );
                seen += doc.layers.claims.len();
            }
        }
        assert!(seen > 50, "the fixtures should give claims to compare ({seen})");
    }
}
