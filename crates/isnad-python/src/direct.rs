//! A record's [`Tape`] written straight from the processed document, on the worker.
//!
//! Writing the JSON line and reading it back (`tape.rs`) was most of what the dicts cost the
//! workers. This walks the document as the runner's JSON writer does (`isnad-runner`'s
//! `output.rs`, `write_record`: same keys, same order, same values) and pushes the values
//! instead: the texts of spans stay ranges of the document's text, which the tape then owns, so
//! nothing is copied; small values whose format belongs to serde (enums, the confidence, plugin
//! and metadata JSON) are written by serde_json and read back, as `json.loads` would read them.
//!
//! It also bounds the bytes the JSON line would have, because a record longer than the output
//! bound is cut down to its errors: a record that might be, and a document that could not be
//! read, are left to the runner's own line. `tests/test_records.py` holds these dicts equal to
//! `json.loads` of the lines, and `bench/python.py --check` does so over a whole corpus.

use isnad_core::{CharIndex, Claim, Document, Entity, Published, Span, Timex};
use isnad_runner::{
    DEFAULT_MAX_OUTPUT_RATIO, Item, Pipeline, Processed, process_item, processed_to_json,
};
use serde::Serialize;
use serde_json::Value;

use crate::tape::{KNOWN_MAX_LEN, Node, Tape, known_index};

/// An item's record, processed on the calling thread: its JSON line as it is (`as_json`), or
/// its values, straight from the document where it can be.
pub(crate) fn record(
    pipeline: &Pipeline,
    item: Item,
    published: Option<&Published>,
    as_json: bool,
) -> Tape {
    let processed = process_item(pipeline, item, published);
    if as_json {
        return Tape::unparsed(processed_to_json(processed).0);
    }
    tape(processed).unwrap_or_else(|processed| Tape::parse(processed_to_json(*processed).0))
}

/// The record of a processed document as a tape, or the document back when its record must be
/// the runner's line (it could not be read, or its record may be longer than the output bound).
fn tape(processed: Processed) -> Result<Tape, Box<Processed>> {
    let Some(doc) = &processed.doc else { return Err(Box::new(processed)) };
    if u32::try_from(doc.text.len()).is_err() {
        return Err(Box::new(processed));
    }
    let mut builder = Builder::new(doc);
    builder.record(doc, &processed.errors);
    let input = processed.bytes.max(doc.text.len());
    let limit = input.saturating_mul(DEFAULT_MAX_OUTPUT_RATIO).saturating_add(64 << 10);
    // At most: a span's text cannot hold more escapes than the whole text. When that bound is
    // over the limit (rare: a long text with many line breaks and spans), the runner's line
    // decides, exactly, at the cost of writing and reading it.
    let text_escapes = builder.text_escapes.unwrap_or(0);
    let most = builder.json.saturating_add(builder.spans.saturating_mul(text_escapes));
    if builder.failed || most > limit || u32::try_from(builder.strings.len()).is_err() {
        return Err(Box::new(processed));
    }
    let Builder { nodes, strings, .. } = builder;
    let text = processed.doc.map(|doc| doc.text).unwrap_or_default();
    Ok(Tape::from_parts(text, strings, nodes))
}

/// A container being written: where its node is, how many entries or items it has so far.
struct Open {
    slot: usize,
    len: u32,
    dict: bool,
}

struct Builder<'a> {
    text: &'a str,
    /// Code-point offsets, made at the first span.
    index: Option<CharIndex>,
    /// The bytes JSON's escapes add to the whole text, counted at the first span.
    text_escapes: Option<usize>,
    /// The spans whose texts are in the record: each adds at most `text_escapes` to `json`.
    spans: usize,
    nodes: Vec<Node>,
    /// Strings that are not ranges of the text.
    strings: String,
    open: Vec<Open>,
    /// The length of the JSON line so far, without the escapes in the texts of spans.
    json: usize,
    /// serde_json's output for a small value, reused.
    scratch: Vec<u8>,
    /// A value serde could not write (a bug): the record is left to the runner.
    failed: bool,
}

impl<'a> Builder<'a> {
    fn new(doc: &'a Document) -> Builder<'a> {
        Builder {
            text: &doc.text,
            index: None,
            text_escapes: None,
            spans: 0,
            nodes: Vec::with_capacity(64 + doc.layers.claims.len() * 48),
            strings: String::new(),
            open: Vec::new(),
            json: 0,
            scratch: Vec::new(),
            failed: false,
        }
    }

    /// The record, in `write_record`'s order.
    fn record(&mut self, doc: &Document, errors: &[String]) {
        self.begin(true);
        self.key("id");
        self.str(&doc.id);
        self.key("lang");
        self.opt_str(doc.meta.lang.as_ref().map(|l| l.code()));
        self.key("published");
        self.opt_str(doc.meta.published.as_ref().map(|p| p.as_str()));
        if doc.meta.source.is_some()
            || doc.meta.url.is_some()
            || doc.meta.title.is_some()
            || !doc.meta.extra.is_empty()
        {
            self.key("meta");
            self.serde(&meta_map(doc));
        }
        self.key("claims");
        self.begin(false);
        doc.layers.claims.iter().for_each(|c| self.claim(c));
        self.end();
        self.key("entities");
        self.begin(false);
        doc.layers.entities.iter().for_each(|e| self.entity(e));
        self.end();
        self.key("timexes");
        self.begin(false);
        doc.layers.timexes.iter().for_each(|t| self.timex(t));
        self.end();
        if !doc.layers.extensions.is_empty() {
            self.key("extensions");
            self.serde(&doc.layers.extensions);
        }
        self.key("errors");
        self.strs(errors);
        self.end();
    }

    fn claim(&mut self, c: &Claim) {
        self.begin(true);
        self.key("id");
        self.str(&c.id);
        self.key("kind");
        self.serde(&c.kind);
        self.key("act");
        self.serde(&c.act);
        self.key("cue");
        self.span(c.cue);
        self.key("content");
        self.span(c.content);
        self.key("speaker");
        self.begin(true);
        self.key("mention");
        self.opt_span(c.speaker.mention);
        self.key("implicit");
        self.bool(c.speaker.implicit);
        self.key("entity");
        self.opt_str(c.speaker.entity.as_deref());
        self.key("name");
        self.opt_str(c.speaker.name.as_deref());
        self.end();
        self.key("medium");
        self.opt_span(c.medium);
        self.key("block");
        self.serde(&c.block);
        self.key("confidence");
        self.serde(&round_confidence(c.confidence));
        if let Some(d) = &c.date {
            self.key("date");
            self.str(&d.value);
            self.key("date_source");
            self.serde(&d.source);
            if d.before {
                self.key("date_before");
                self.bool(true);
            }
        }
        for (key, value) in &c.ext {
            self.key(key);
            self.serde(value);
        }
        self.end();
    }

    fn entity(&mut self, e: &Entity) {
        self.begin(true);
        self.key("id");
        self.str(&e.id);
        self.key("name");
        self.str(&e.name);
        self.key("kind");
        self.serde(&e.kind);
        self.key("aliases");
        self.strs(&e.aliases);
        self.key("roles");
        self.strs(&e.roles);
        self.key("mentions");
        self.begin(false);
        e.mentions.iter().for_each(|&m| self.span(m));
        self.end();
        if let Some(kb) = &e.kb_id {
            self.key("kb_id");
            self.str(kb);
        }
        self.end();
    }

    fn timex(&mut self, t: &Timex) {
        // A timex is flat: its span's fields beside its value.
        self.begin(true);
        self.span_fields(t.span);
        self.key("kind");
        self.serde(&t.kind);
        self.key("grain");
        self.serde(&t.grain);
        for (key, value) in [("value", &t.value), ("from", &t.from), ("to", &t.to)] {
            if let Some(v) = value {
                self.key(key);
                self.str(v);
            }
        }
        self.key("calendar");
        self.serde(&t.calendar);
        if let Some(x) = &t.timex3 {
            self.key("timex3");
            self.serde(x);
        }
        self.end();
    }

    fn span(&mut self, s: Span) {
        self.begin(true);
        self.span_fields(s);
        self.end();
    }

    fn opt_span(&mut self, s: Option<Span>) {
        match s {
            Some(s) => self.span(s),
            None => self.null(),
        }
    }

    /// `start` and `end` in code points, and the text as a range of the document's.
    fn span_fields(&mut self, s: Span) {
        let text = self.text;
        self.text_escapes.get_or_insert_with(|| escaped(text.as_bytes()));
        let index = self.index.get_or_insert_with(|| CharIndex::new(text));
        let (start, end) = (index.char_offset(s.start()), index.char_offset(s.end()));
        self.key("start");
        self.uint(start);
        self.key("end");
        self.uint(end);
        self.key("text");
        self.item();
        self.json += 2 + s.len();
        self.spans += 1;
        // The text is under 4 GiB (`tape` checked), so are its offsets.
        self.nodes.push(Node::Raw { start: s.start() as u32, len: s.len() as u32 });
    }

    /// Opens a dict or a list.
    fn begin(&mut self, dict: bool) {
        self.item();
        self.open.push(Open { slot: self.nodes.len(), len: 0, dict });
        self.nodes.push(Node::Null);
        self.json += 2;
    }

    /// Closes the innermost dict or list.
    fn end(&mut self) {
        let Some(Open { slot, len, dict }) = self.open.pop() else { return };
        self.nodes[slot] = if dict { Node::Dict { len } } else { Node::List { len } };
        self.json += (len as usize).saturating_sub(1);
    }

    /// Counts a value in the list it is written into (a dict counts its keys).
    fn item(&mut self) {
        if let Some(open) = self.open.last_mut()
            && !open.dict
        {
            open.len += 1;
        }
    }

    /// A key: the format's own (all of them [`KNOWN`](crate::tape::KNOWN)) or a plugin's.
    fn key(&mut self, key: &str) {
        if let Some(open) = self.open.last_mut() {
            open.len += 1;
        }
        self.json += 3 + key.len() + escaped(key.as_bytes());
        self.push_str(key);
    }

    fn str(&mut self, s: &str) {
        self.item();
        self.json += 2 + s.len() + escaped(s.as_bytes());
        self.push_str(s);
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    fn strs(&mut self, items: &[String]) {
        self.begin(false);
        items.iter().for_each(|s| self.str(s));
        self.end();
    }

    fn null(&mut self) {
        self.item();
        self.json += 4;
        self.nodes.push(Node::Null);
    }

    fn bool(&mut self, b: bool) {
        self.item();
        self.json += if b { 4 } else { 5 };
        self.nodes.push(Node::Bool(b));
    }

    fn uint(&mut self, n: usize) {
        self.item();
        self.json += n.checked_ilog10().map_or(1, |digits| digits as usize + 1);
        self.nodes.push(i64::try_from(n).map_or(Node::UInt(n as u64), Node::Int));
    }

    /// A string node: a known string by index, any other copied into `strings`.
    fn push_str(&mut self, s: &str) {
        if s.len() <= KNOWN_MAX_LEN
            && let Some(k) = known_index(s.as_bytes())
        {
            self.nodes.push(Node::Known(k));
            return;
        }
        let start = self.strings.len() as u32;
        self.strings.push_str(s);
        self.nodes.push(Node::Unescaped { start, len: s.len() as u32 });
    }

    /// A value as serde_json writes it, read back by the tape's reader as `json.loads` reads it
    /// (an `f32` becomes the float its shortest decimal names, as in Python).
    fn serde<T: Serialize + ?Sized>(&mut self, value: &T) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        if serde_json::to_writer(&mut scratch, value).is_err() {
            self.failed = true;
            return;
        }
        self.json += scratch.len();
        self.item();
        if let [b'"', inner @ .., b'"'] = &scratch[..]
            && !inner.contains(&b'\\')
        {
            // An enum's name: a plain string.
            self.push_str(std::str::from_utf8(inner).unwrap_or_default());
            self.scratch = scratch;
            return;
        }
        let Ok(line) = String::from_utf8(scratch) else {
            self.failed = true;
            return;
        };
        let line = match Tape::read(line) {
            Ok(tape) => {
                for &node in tape.nodes() {
                    match node {
                        Node::Raw { .. } | Node::Unescaped { .. } => self.push_str(tape.str(node)),
                        other => self.nodes.push(other),
                    }
                }
                tape.into_line()
            }
            Err((line, _)) => {
                self.failed = true;
                line
            }
        };
        self.scratch = line.into_bytes();
    }
}

/// The metadata as `write_record` writes it (its `meta_map`): source, url and title when given,
/// then the other fields of the input.
fn meta_map(doc: &Document) -> serde_json::Map<String, Value> {
    let mut meta = serde_json::Map::new();
    for (key, value) in
        [("source", &doc.meta.source), ("url", &doc.meta.url), ("title", &doc.meta.title)]
    {
        if let Some(v) = value {
            meta.insert(key.to_string(), Value::String(v.clone()));
        }
    }
    meta.extend(doc.meta.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
    meta
}

/// The confidence as the record gives it: three decimals (`output.rs`'s `round_confidence`).
fn round_confidence(confidence: f32) -> f32 {
    (confidence * 1000.0).round() / 1000.0
}

/// The bytes JSON's escapes add to a string: `"`, `\` and the control characters with a short
/// escape (`\n`) one, the other control characters (`\u00xx`) five.
fn escape_cost(b: u8) -> u32 {
    match b {
        b'"' | b'\\' | 0x08 | b'\t' | b'\n' | 0x0C | b'\r' => 1,
        0x00..=0x1F => 5,
        _ => 0,
    }
}

/// The bytes JSON's escapes add to `bytes`. Runs of eight bytes without any byte to escape are
/// skipped at once, as in the runner's `write_str`.
fn escaped(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let cost = |bytes: &[u8]| bytes.iter().map(|&b| escape_cost(b) as usize).sum::<usize>();
    let mut words = bytes.chunks_exact(8);
    let mut total = 0;
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // A high bit in a byte below 0x20, or one that is '"' or a backslash (never a byte of
        // 0x80 or above; a false one only above a true one).
        let flags = (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
            | has_zero(w ^ (ONES * u64::from(b'"')))
            | has_zero(w ^ (ONES * u64::from(b'\\')));
        if flags != 0 {
            total += cost(word);
        }
    }
    total + cost(words.remainder())
}
