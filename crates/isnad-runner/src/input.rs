//! Reading documents from text files, JSONL, directories and standard input, lazily.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use isnad_core::{Document, Lang, Meta, Published};
use thiserror::Error;

/// Where documents come from, as named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file (`.txt` is one document; `.jsonl`/`.ndjson` is one document a line) or a directory.
    Path(PathBuf),
    /// Standard input (`-`): JSONL when it starts with `{`, otherwise one text document.
    Stdin,
}

impl Input {
    /// `-` is standard input; anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" { Input::Stdin } else { Input::Path(PathBuf::from(arg)) }
    }
}

/// An input that cannot be opened at all (as opposed to a bad document inside it).
#[derive(Debug, Error)]
pub enum InputError {
    /// The path does not exist or cannot be read.
    #[error("cannot read input {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A directory holds no file isnad reads.
    #[error("input directory {0} holds no .txt, .jsonl or .ndjson file")]
    EmptyDir(PathBuf),
}

/// One document as read: either a document, or the id it would have had and why it could not be
/// read. Either way it yields exactly one output record.
#[derive(Debug)]
pub struct Item {
    /// The document, when it could be read.
    pub doc: Option<Document>,
    /// Its id (also when unreadable: `file:line`).
    pub id: String,
    /// Problems found while reading (a bad `published` keeps the document but is reported).
    pub errors: Vec<String>,
    /// Bytes of input this item took (for progress and chunking).
    pub bytes: usize,
}

impl Item {
    fn failed(id: String, error: String, bytes: usize) -> Item {
        Item { doc: None, id, errors: vec![error], bytes }
    }
}

#[derive(Debug)]
enum Source {
    Text(PathBuf),
    Jsonl(PathBuf),
    Stdin,
    /// A directory entry that could not be read: one record with the reason.
    Unreadable(PathBuf, String),
}

/// Expands inputs into the list of files to read, checking up front that each exists, so that a
/// typo fails the run before any work is done. Directories are walked in sorted order, each real
/// directory once (a symbolic link back up the tree is not followed into a loop); an entry that
/// cannot be read becomes a record with the reason rather than stopping the run.
fn expand(inputs: &[Input]) -> Result<Vec<Source>, InputError> {
    let mut out = Vec::new();
    let mut seen = Visited::default();
    for input in inputs {
        match input {
            Input::Stdin => out.push(Source::Stdin),
            Input::Path(path) => {
                let meta = std::fs::metadata(path)
                    .map_err(|source| InputError::Io { path: path.clone(), source })?;
                if meta.is_dir() {
                    let before = out.len();
                    std::fs::read_dir(path)
                        .map_err(|source| InputError::Io { path: path.clone(), source })?;
                    walk(path, &mut out, &mut seen);
                    if out.len() == before {
                        return Err(InputError::EmptyDir(path.clone()));
                    }
                } else {
                    out.push(classify(path));
                }
            }
        }
    }
    Ok(out)
}

/// True for the extensions of JSONL files, in any case (`.jsonl`, `.JSONL`, `.ndjson`).
fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// True for the files a directory walk reads: `.txt` and JSONL, in any case.
fn is_document_file(path: &Path) -> bool {
    is_jsonl(path)
        || path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn classify(path: &Path) -> Source {
    if is_jsonl(path) {
        Source::Jsonl(path.to_path_buf())
    } else {
        Source::Text(path.to_path_buf())
    }
}

/// The real directories walked so far.
#[derive(Default)]
struct Visited(std::collections::HashSet<DirId>);

#[cfg(unix)]
type DirId = (u64, u64);
#[cfg(not(unix))]
type DirId = PathBuf;

impl Visited {
    /// Records `dir`; false when it was walked before (under this or another name).
    fn first_visit(&mut self, dir: &Path, meta: &std::fs::Metadata) -> bool {
        #[cfg(unix)]
        let id = {
            use std::os::unix::fs::MetadataExt;
            let _ = dir;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let id = {
            let _ = meta;
            dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
        };
        self.0.insert(id)
    }
}

fn walk(dir: &Path, out: &mut Vec<Source>, seen: &mut Visited) {
    let unreadable = |path: &Path, e: io::Error| {
        Source::Unreadable(path.to_path_buf(), format!("cannot read {}: {e}", path.display()))
    };
    match std::fs::metadata(dir) {
        Ok(meta) if !seen.first_visit(dir, &meta) => return,
        Ok(_) => {}
        Err(e) => return out.push(unreadable(dir, e)),
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return out.push(unreadable(dir, e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(e) => out.push(unreadable(dir, e)),
        }
    }
    paths.sort();
    for path in paths {
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, out, seen),
            Ok(_) if is_document_file(&path) => out.push(classify(&path)),
            Ok(_) => {}
            // A dangling link or an entry without permission, named like a document: say so.
            Err(e) if is_document_file(&path) => out.push(unreadable(&path, e)),
            Err(_) => {}
        }
    }
}

/// The default of [`Reader::max_document_bytes`]: 64 MiB. A document of that size takes about 5
/// CPU seconds and 1.4 GB of memory with the default pipeline (news on one line).
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// Documents from all inputs, one [`Item`] at a time, never holding more than one line or file.
pub struct Reader {
    sources: std::vec::IntoIter<Source>,
    current: Option<Lines>,
    max_bytes: usize,
}

struct Lines {
    reader: Box<dyn BufRead + Send>,
    stem: String,
    line: usize,
    /// The current line, kept between lines so that its allocation is reused.
    buf: Vec<u8>,
}

impl Reader {
    /// Opens the inputs (fails if any path is missing).
    pub fn open(inputs: &[Input]) -> Result<Reader, InputError> {
        Ok(Reader {
            sources: expand(inputs)?.into_iter(),
            current: None,
            max_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
        })
    }

    /// The files the inputs name, in reading order (text files with their `.meta.json` beside
    /// them, JSONL files): what an output file must not be.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for source in self.sources.as_slice() {
            match source {
                Source::Text(path) => {
                    out.push(path.clone());
                    out.push(path.with_extension("meta.json"));
                }
                Source::Jsonl(path) => out.push(path.clone()),
                Source::Stdin | Source::Unreadable(..) => {}
            }
        }
        out
    }

    /// Refuses documents longer than `max` bytes (a `.txt` file, a JSONL line, standard input):
    /// each gives a record with an error saying so, without being read into memory whole.
    pub fn max_document_bytes(mut self, max: usize) -> Reader {
        self.max_bytes = max.max(1);
        self
    }

    fn next_line_item(&mut self) -> Option<Item> {
        let lines = self.current.as_mut()?;
        let mut buf = std::mem::take(&mut lines.buf);
        let item = loop {
            buf.clear();
            lines.line += 1;
            match read_line_bounded(&mut lines.reader, &mut buf, self.max_bytes) {
                Ok(Line::End) => {
                    self.current = None;
                    return None;
                }
                Ok(Line::TooLong { bytes, prefix }) => {
                    let id = id_in_prefix(&prefix)
                        .unwrap_or_else(|| format!("{}:{}", lines.stem, lines.line));
                    let error = too_long(&format!("line {}", lines.line), bytes, self.max_bytes);
                    break Item::failed(id, error, 0);
                }
                Ok(Line::Read(n)) => {
                    let trimmed = trim_ascii(&buf);
                    if trimmed.is_empty() {
                        continue; // blank lines separate nothing and hold no document
                    }
                    break parse_json_line(trimmed, &lines.stem, lines.line, n);
                }
                Err(e) => {
                    let id = format!("{}:{}", lines.stem, lines.line);
                    self.current = None;
                    return Some(Item::failed(id, format!("read error: {e}"), 0));
                }
            }
        };
        // A huge line should not keep its buffer for the rest of the file.
        if buf.capacity() <= 1 << 20 {
            lines.buf = buf;
        }
        Some(item)
    }
}

/// What [`read_line_bounded`] found.
enum Line {
    /// End of input.
    End,
    /// A line of this many bytes (newline included) is in the buffer.
    Read(usize),
    /// A line longer than the limit, passed over; its first bytes are kept for its id.
    TooLong { bytes: usize, prefix: Vec<u8> },
}

/// `read_until(b'\n')` that stops storing past `max` bytes and passes over the rest of the line.
fn read_line_bounded(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    let mut total = 0usize;
    let mut over = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (take, done) = match memchr_newline(chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !over && total + take > max + 1 {
            // Over the limit: keep only the first bytes, for the document's id.
            over = true;
            let keep = 4096usize.saturating_sub(buf.len()).min(take);
            buf.extend_from_slice(&chunk[..keep]);
            buf.truncate(4096);
        } else if !over {
            buf.extend_from_slice(&chunk[..take]);
        }
        total += take;
        reader.consume(take);
        if done {
            break;
        }
    }
    Ok(match (total, over) {
        (0, _) => Line::End,
        (n, false) => Line::Read(n),
        (n, true) => Line::TooLong { bytes: n, prefix: std::mem::take(buf) },
    })
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// The message of a document over the size limit.
fn too_long(what: &str, bytes: usize, max: usize) -> String {
    format!(
        "{what}: the document is {bytes} bytes, more than the limit of {max} \
         (--max-document-bytes): it was not read; split it or raise the limit"
    )
}

/// The `"id"` of a JSON object from the first bytes of its line, when it comes first.
fn id_in_prefix(prefix: &[u8]) -> Option<String> {
    let at = prefix.windows(4).position(|w| w == b"\"id\"")? + 4;
    let rest = prefix[at..].trim_ascii_start().strip_prefix(b":")?.trim_ascii_start();
    let body = rest.strip_prefix(b"\"")?;
    let mut escaped = false;
    let end = body.iter().position(|&b| {
        let end = b == b'"' && !escaped;
        escaped = b == b'\\' && !escaped;
        end
    })?;
    serde_json::from_slice::<String>(&rest[..end + 2]).ok().filter(|id| !id.is_empty())
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.current.is_some() {
                if let Some(item) = self.next_line_item() {
                    return Some(item);
                }
                continue;
            }
            match self.sources.next()? {
                Source::Text(path) => return Some(read_text_file(&path, self.max_bytes)),
                Source::Unreadable(path, reason) => {
                    return Some(Item::failed(path.display().to_string(), reason, 0));
                }
                Source::Jsonl(path) => match File::open(&path) {
                    Ok(f) => {
                        self.current = Some(Lines {
                            reader: Box::new(BufReader::with_capacity(1 << 20, f)),
                            stem: stem(&path),
                            line: 0,
                            buf: Vec::new(),
                        })
                    }
                    Err(e) => {
                        return Some(Item::failed(
                            stem(&path),
                            format!("cannot read {}: {e}", path.display()),
                            0,
                        ));
                    }
                },
                Source::Stdin => {
                    let mut stdin = BufReader::with_capacity(1 << 20, io::stdin());
                    let starts_json = match stdin.fill_buf() {
                        Ok(buf) => {
                            let buf = buf.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(buf);
                            trim_ascii(buf).first() == Some(&b'{')
                        }
                        Err(_) => false,
                    };
                    if starts_json {
                        self.current = Some(Lines {
                            reader: Box::new(stdin),
                            stem: "stdin".into(),
                            line: 0,
                            buf: Vec::new(),
                        });
                    } else {
                        let mut bytes = Vec::new();
                        let limit = self.max_bytes as u64 + 1;
                        return Some(match stdin.by_ref().take(limit).read_to_end(&mut bytes) {
                            Ok(n) if n as u64 == limit => Item::failed(
                                "stdin".into(),
                                too_long("standard input", n, self.max_bytes),
                                0,
                            ),
                            Ok(_) => text_item("stdin".into(), bytes, Meta::default()),
                            Err(e) => Item::failed(
                                "stdin".into(),
                                format!("cannot read standard input: {e}"),
                                0,
                            ),
                        });
                    }
                }
            }
        }
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

/// A `.txt` file is one document with the file stem as id; a `NAME.meta.json` beside it may give
/// its metadata (`published`, `lang`, `source`, …).
fn read_text_file(path: &Path, max_bytes: usize) -> Item {
    let id = stem(path);
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > max_bytes as u64
    {
        let error = too_long(&path.display().to_string(), meta.len() as usize, max_bytes);
        return Item::failed(id, error, 0);
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Item::failed(id, format!("cannot read {}: {e}", path.display()), 0),
    };
    let meta_path = path.with_extension("meta.json");
    let mut errors = Vec::new();
    let meta = if meta_path.exists() {
        match std::fs::read(&meta_path).map_err(|e| e.to_string()).and_then(|b| {
            serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&b)
                .map_err(|e| e.to_string())
        }) {
            Ok(map) => meta_from_map(map, &mut errors),
            Err(e) => {
                errors.push(format!("{}: invalid metadata: {e}", meta_path.display()));
                Meta::default()
            }
        }
    } else {
        Meta::default()
    };
    let mut item = text_item(id, bytes, meta);
    item.errors.extend(errors);
    item
}

fn text_item(id: String, bytes: Vec<u8>, meta: Meta) -> Item {
    let len = bytes.len();
    match decode(bytes) {
        Ok(text) => {
            let mut doc = Document::new(id.clone(), text);
            doc.meta = meta;
            Item { doc: Some(doc), id, errors: Vec::new(), bytes: len }
        }
        Err(e) => Item::failed(id, e, len),
    }
}

/// UTF-8 without its byte-order mark. Invalid UTF-8 is an error naming the first bad byte: guessing
/// an encoding would silently shift every offset.
fn decode(mut bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("invalid UTF-8 at byte {at}: the text must be UTF-8 encoded")
    })
}

fn parse_json_line(line: &[u8], stem: &str, lineno: usize, bytes: usize) -> Item {
    let fallback_id = format!("{stem}:{lineno}");
    let line = line.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(line);
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => {
            // Keep the document's own id when the rest of the line is readable JSON.
            let lossy = String::from_utf8_lossy(line);
            let id = serde_json::from_str::<serde_json::Value>(&lossy)
                .ok()
                .and_then(|v| v.get("id").and_then(|id| id.as_str().map(str::to_string)))
                // (An empty id is no id, as on a valid line: found by fuzzing.)
                .filter(|id| !id.is_empty())
                .unwrap_or(fallback_id);
            return Item::failed(
                id,
                format!(
                    "line {lineno}: invalid UTF-8 at byte {}: the text must be UTF-8 encoded",
                    e.valid_up_to()
                ),
                bytes,
            );
        }
    };
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Item::failed(fallback_id, format!("line {lineno}: invalid JSON: {e}"), bytes);
        }
    };
    let serde_json::Value::Object(map) = value else {
        return Item::failed(
            fallback_id,
            format!("line {lineno}: expected a JSON object with \"id\" and \"text\""),
            bytes,
        );
    };
    object_item(map, fallback_id, &format!("line {lineno}: "), bytes)
}

impl Item {
    /// A document given as the fields of a JSON object, as on a JSONL line (`id`, `text`, `lang`,
    /// `published`, `source`, `url`, `title`, anything else kept as metadata): what the Python
    /// package's `process_many` makes of a dict, so that it reads documents as `isnad run` does.
    /// `fallback_id` is the id when the object has none; a missing or non-string `text` gives an
    /// item without a document, whose record says why.
    pub fn from_object(
        map: serde_json::Map<String, serde_json::Value>,
        fallback_id: String,
    ) -> Item {
        let bytes = match map.get("text") {
            Some(serde_json::Value::String(text)) => text.len(),
            _ => 0,
        };
        object_item(map, fallback_id, "", bytes)
    }
}

/// The document of a JSON object; `at` starts the messages of a missing or bad `text` ("line 3: ").
fn object_item(
    mut map: serde_json::Map<String, serde_json::Value>,
    fallback_id: String,
    at: &str,
    bytes: usize,
) -> Item {
    let id = match map.remove("id") {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let text = match map.remove("text") {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => return Item::failed(id, format!("{at}\"text\" must be a string"), bytes),
        None => return Item::failed(id, format!("{at}missing \"text\""), bytes),
    };
    let mut errors = Vec::new();
    let meta = meta_from_map(map, &mut errors);
    let mut doc = Document::new(id.clone(), text);
    doc.meta = meta;
    Item { doc: Some(doc), id, errors, bytes }
}

/// Builds metadata from an object's remaining fields. A `published` that does not parse is
/// reported and left out (the document is still processed, with relative dates unresolved).
fn meta_from_map(
    mut map: serde_json::Map<String, serde_json::Value>,
    errors: &mut Vec<String>,
) -> Meta {
    let mut meta = Meta::default();
    if let Some(v) = map.remove("lang") {
        match v {
            serde_json::Value::String(s) if !s.trim().is_empty() => {
                meta.lang = Some(Lang::from_code(&s))
            }
            serde_json::Value::Null => {}
            other => errors.push(format!("\"lang\" must be a language code, not {other}")),
        }
    }
    if let Some(v) = map.remove("published") {
        match v {
            serde_json::Value::String(s) => match s.parse::<Published>() {
                Ok(p) => meta.published = Some(p),
                Err(e) => errors.push(e.to_string()),
            },
            serde_json::Value::Null => {}
            other => errors.push(format!("\"published\" must be a date string, not {other}")),
        }
    }
    for (key, slot) in
        [("source", &mut meta.source), ("url", &mut meta.url), ("title", &mut meta.title)]
    {
        match map.remove(key) {
            Some(serde_json::Value::String(s)) => *slot = Some(s),
            Some(serde_json::Value::Null) | None => {}
            Some(other) => errors.push(format!("\"{key}\" must be a string, not {other}")),
        }
    }
    meta.extra = map;
    meta
}
