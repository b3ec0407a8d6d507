//! Fuzzing harnesses: each takes arbitrary bytes, runs one part of isnad on them, and panics
//! when an invariant breaks. The `cargo fuzz` targets in `fuzz/` call them, and
//! `tests/fuzz_regressions.rs` runs them under `cargo test` on every saved input (the
//! corpus seeds and every crash found) and on a bounded number of generated ones.
//!
//! The invariants: nothing panics; one input document gives one record; every record is valid
//! JSON; and every span in a record (`start`, `end`, `text`) has the `text` of the document
//! sliced at those code-point offsets.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use isnad_core::{Document, Lang, Layer, Published};

use crate::{Input, Pipeline, Reader, Registry, load_str};

/// The stage prefixes `stages` chooses among: each stage with what it requires before it.
const PIPELINES: [&str; 4] = [
    "[pipeline]\nname = \"f\"\n[[stage]]\nuse = \"segment\"\n",
    "[pipeline]\nname = \"f\"\n[[stage]]\nuse = \"segment\"\n[[stage]]\nuse = \"dates\"\n",
    "[pipeline]\nname = \"f\"\n[[stage]]\nuse = \"segment\"\n[[stage]]\nuse = \"quotes\"\n",
    "[pipeline]\nname = \"f\"\n[[stage]]\nuse = \"segment\"\n[[stage]]\nuse = \"dates\"\n\
     [[stage]]\nuse = \"quotes\"\n[[stage]]\nuse = \"speakers\"\n",
];

fn pipelines() -> &'static [Pipeline] {
    static BUILT: OnceLock<Vec<Pipeline>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let registry = Registry::builtin();
        PIPELINES
            .iter()
            .map(|src| load_str(src, "fuzz", Path::new("."), &registry).expect("a valid pipeline"))
            .collect()
    })
}

/// A document from fuzz bytes: byte 0 picks the stages, byte 1 the language, bytes 2..7 a
/// publication date (any year 1..=9999, months and days out of range too), the rest the text
/// (invalid UTF-8 replaced).
fn document(data: &[u8]) -> (usize, Document) {
    let byte = |i: usize| data.get(i).copied().unwrap_or(0);
    let mut doc = Document::new("fuzz", String::from_utf8_lossy(data.get(7..).unwrap_or(&[])));
    doc.meta.lang = match byte(1) % 4 {
        0 => Some(Lang::Ar),
        1 => Some(Lang::En),
        2 => Some(Lang::Other("xx".into())),
        _ => None,
    };
    if byte(2) & 1 == 1 {
        let year = 1 + u16::from_le_bytes([byte(3), byte(4)]) % 9999;
        let date = format!("{year:04}-{:02}-{:02}", byte(5) % 14, byte(6) % 33);
        doc.meta.published = date.parse::<Published>().ok();
    }
    (usize::from(byte(0)) % PIPELINES.len(), doc)
}

/// Runs the stages picked by the input on its text and checks the record; returns how many
/// spans it checked.
pub fn stages(data: &[u8]) -> usize {
    let (which, mut doc) = document(data);
    let pipeline = &pipelines()[which];
    let errors = pipeline.process(&mut doc);
    check_record(&doc, &errors)
}

/// Serialises `doc` as a record and checks it: valid JSON, one object, every span's text equal
/// to the document's text at its code-point offsets. Returns how many spans it checked.
pub fn check_record(doc: &Document, errors: &[String]) -> usize {
    let mut line = Vec::new();
    crate::output::write_record(doc, errors, &mut line);
    let record: serde_json::Value = match serde_json::from_slice(&line) {
        Ok(v) => v,
        Err(e) => panic!("the record is not JSON ({e}): {}", String::from_utf8_lossy(&line)),
    };
    assert!(record.is_object(), "the record is not an object");
    let chars: Vec<char> = doc.text.chars().collect();
    check_spans(&record, &chars)
}

/// Every object with numeric `start` and `end` and a string `text` is a span of the text.
fn check_spans(value: &serde_json::Value, chars: &[char]) -> usize {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(start), Some(end), Some(text)) = (
                map.get("start").and_then(|v| v.as_u64()),
                map.get("end").and_then(|v| v.as_u64()),
                map.get("text").and_then(|v| v.as_str()),
            ) {
                let (start, end) = (start as usize, end as usize);
                assert!(start <= end && end <= chars.len(), "span {start}..{end} out of the text");
                let slice: String = chars[start..end].iter().collect();
                assert_eq!(slice, text, "span {start}..{end}");
                return 1 + map.values().map(|v| check_spans(v, chars)).sum::<usize>();
            }
            map.values().map(|v| check_spans(v, chars)).sum()
        }
        serde_json::Value::Array(items) => items.iter().map(|v| check_spans(v, chars)).sum(),
        _ => 0,
    }
}

/// Loads arbitrary bytes as a pipeline file: errors are fine, panics are not. Files naming a
/// plugin by a path are left out (loading runs the library's code).
pub fn pipeline_toml(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else { return };
    if src.contains("plugin") && (src.contains('/') || src.contains('\\') || src.contains('.')) {
        return;
    }
    let registry = Registry::builtin();
    if let Err(e) = load_str(src, "fuzz.toml", Path::new("/nonexistent-isnad-fuzz"), &registry) {
        assert!(!e.problems.is_empty(), "an error without a problem");
        let _ = e.to_string();
    }
}

/// Reads arbitrary bytes as a JSONL file (byte 0 even) or a text file: one item per non-blank
/// line, or exactly one; every readable one's record checks.
pub fn reader(data: &[u8]) {
    let jsonl = data.first().is_some_and(|b| b % 2 == 0);
    let body = data.get(1..).unwrap_or(&[]);
    let path = scratch(if jsonl { "jsonl" } else { "txt" });
    std::fs::write(&path, body).expect("a scratch file");
    let items: Vec<_> = Reader::open(&[Input::Path(path.clone())])
        .expect("an existing file")
        .max_document_bytes(1 << 16)
        .collect();
    std::fs::remove_file(&path).ok();
    let expected = if jsonl {
        body.split(|&b| b == b'\n').filter(|l| !l.trim_ascii().is_empty()).count()
    } else {
        1
    };
    assert_eq!(items.len(), expected, "one item per document");
    for item in items {
        assert!(!item.id.is_empty(), "an item without an id");
        if let Some(doc) = &item.doc {
            check_record(doc, &item.errors);
        } else {
            assert!(!item.errors.is_empty(), "an unreadable item without a reason");
        }
    }
}

/// Decodes arbitrary bytes as a plugin's patch and applies it to a processed document: a bad
/// patch is refused (the document unchanged), a good one leaves a document whose record checks.
/// The bytes are also decoded as the document a plugin receives.
pub fn plugin_payload(data: &[u8]) {
    let _ = serde_json::from_slice::<Document>(data);
    let Ok(patch) = serde_json::from_slice::<isnad_plugin::Patch>(data) else { return };
    static BASE: OnceLock<Document> = OnceLock::new();
    let base = BASE.get_or_init(|| {
        let mut doc = Document::new(
            "payload",
            "وقال الوزير إن «الجولة المقبلة» ستعقد غدا. He said that talks would resume on Monday.",
        );
        doc.meta.published = "2025-02-19".parse().ok();
        let _ = pipelines()[3].process(&mut doc);
        doc
    });
    let mut doc = base.clone();
    let provides = [Layer::Quotes, Layer::Extension("x".into()), Layer::Extension("score".into())];
    match patch.apply(&mut doc, &provides) {
        Ok(()) => {
            check_record(&doc, &[]);
        }
        Err(_) => {
            let mut before = Vec::new();
            let mut after = Vec::new();
            crate::output::write_record(base, &[], &mut before);
            crate::output::write_record(&doc, &[], &mut after);
            assert_eq!(before, after, "a refused patch changed the document");
        }
    }
}

/// A scratch file of this thread, in memory where the system has a RAM disk.
fn scratch(ext: &str) -> PathBuf {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() };
    let thread = format!("{:?}", std::thread::current().id())
        .replace(|c: char| !c.is_ascii_alphanumeric(), "");
    dir.join(format!("isnad-fuzz-{}-{thread}.{ext}", std::process::id()))
}
