//! A record's JSON line read into a flat list of values, on the worker that wrote it.
//!
//! The thread holding the GIL then only has to create Python objects from the list
//! (`records.rs`). The reader is written for this one job: strings without escapes (nearly all)
//! are ranges of the line, found with `memchr`, and the strings every record repeats (its keys,
//! "direct", "person", …) are recognised here, off the GIL. Built on serde_json's visitor it cost
//! a third of the stages' time; this costs a few percent. It reads any JSON (plugins put their
//! own values in records), and `tests/test_records.py` holds its dicts equal to `json.loads` of
//! the same lines.

use std::fmt;

/// One JSON line and its values in document order (pre-order: a list or dict, then its items).
pub(crate) struct Tape {
    line: String,
    /// Strings that held escapes, decoded (the others are ranges of `line`).
    unescaped: String,
    nodes: Vec<Node>,
}

/// One value of a [`Tape`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer above `i64::MAX` (an int still bigger becomes a float, unlike in `json.loads`).
    UInt(u64),
    Float(f64),
    /// One of the [`KNOWN`] strings, by index.
    Known(u8),
    /// A string as it stands in the line (no escapes): a byte range of the line.
    Raw {
        start: u32,
        len: u32,
    },
    /// A string that held escapes: a byte range of the decoded strings.
    Unescaped {
        start: u32,
        len: u32,
    },
    /// A list of this many values, which follow.
    List {
        len: u32,
    },
    /// A dict of this many entries, which follow as key, value, key, value, …
    Dict {
        len: u32,
    },
}

/// The strings every record repeats: the format's keys and the values of its enumerations
/// (docs/output.md). A string missing here is only converted a little more slowly.
pub(crate) const KNOWN: &[&str] = &[
    // Keys.
    "id",
    "lang",
    "published",
    "meta",
    "claims",
    "entities",
    "timexes",
    "extensions",
    "errors",
    "kind",
    "act",
    "cue",
    "content",
    "speaker",
    "mention",
    "implicit",
    "entity",
    "name",
    "medium",
    "block",
    "confidence",
    "date",
    "date_source",
    "date_before",
    "aliases",
    "roles",
    "mentions",
    "kb_id",
    "start",
    "end",
    "text",
    "grain",
    "value",
    "from",
    "to",
    "calendar",
    // Values.
    "direct",
    "indirect",
    "mixed",
    "speech",
    "belief",
    "intention",
    "perception",
    "topic",
    "main",
    "related",
    "timex",
    "person",
    "organization",
    "group",
    "unknown",
    "interval",
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "quarter",
    "year",
    "gregorian",
    "hijri",
    "ar",
    "en",
    "und",
];

/// The longest [`KNOWN`] string: longer strings are not looked up.
const KNOWN_MAX_LEN: usize = 12;

/// JSON nested deeper than this is refused (serde_json's limit too).
const MAX_DEPTH: usize = 128;

/// Why a line could not be read, and where.
#[derive(Debug)]
pub(crate) struct TapeError {
    at: usize,
    what: &'static str,
}

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.what, self.at)
    }
}

impl Tape {
    /// Reads a record's JSON line. Only a bug could make our own line unreadable: then the tape
    /// holds a record that says so, with the line, so that nothing is lost.
    pub(crate) fn parse(line: Vec<u8>) -> Tape {
        let line = match String::from_utf8(line) {
            Ok(line) => line,
            Err(e) => return Tape::unreadable(e.as_bytes(), &e.utf8_error().to_string()),
        };
        match Tape::read(line) {
            Ok(tape) => tape,
            Err((line, e)) => Tape::unreadable(line.as_bytes(), &e.to_string()),
        }
    }

    /// A line that will only be handed on as it is (`as_json`): not read.
    pub(crate) fn unparsed(line: Vec<u8>) -> Tape {
        let line = String::from_utf8(line)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Tape { line, unescaped: String::new(), nodes: Vec::new() }
    }

    /// Reads any JSON text holding one value (the line comes back with the error).
    pub(crate) fn read(line: String) -> Result<Tape, (String, TapeError)> {
        let mut reader = Reader {
            bytes: line.as_bytes(),
            at: 0,
            nodes: Vec::with_capacity(line.len() / 16),
            unescaped: String::new(),
        };
        let read = reader.value(0).and_then(|()| {
            reader.skip_whitespace();
            if reader.at == reader.bytes.len() {
                Ok(())
            } else {
                Err(reader.error("trailing text"))
            }
        });
        match read {
            Ok(()) => {
                let (nodes, unescaped) = (reader.nodes, reader.unescaped);
                Ok(Tape { line, unescaped, nodes })
            }
            Err(e) => Err((line, e)),
        }
    }

    fn unreadable(line: &[u8], error: &str) -> Tape {
        let record = serde_json::json!({
            "id": null, "claims": [], "entities": [], "timexes": [],
            "errors": [format!("isnad could not read its own record ({error}; a bug, please report it): {}",
                String::from_utf8_lossy(line))],
        });
        Tape::parse(record.to_string().into_bytes())
    }

    /// The JSON line itself.
    pub(crate) fn into_line(self) -> String {
        self.line
    }

    /// The values, in document order.
    pub(crate) fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The text of a string node (`""` for any other).
    pub(crate) fn str(&self, node: Node) -> &str {
        let (text, start, len) = match node {
            Node::Known(k) => return KNOWN.get(usize::from(k)).copied().unwrap_or_default(),
            Node::Raw { start, len } => (&self.line, start, len),
            Node::Unescaped { start, len } => (&self.unescaped, start, len),
            _ => return "",
        };
        // The ranges were cut at ASCII quotes or pushed as whole strings: on char boundaries.
        text.get(start as usize..(start + len) as usize).unwrap_or_default()
    }
}

/// The index of a [`KNOWN`] string, from its bytes. A `match` on byte strings compiles to a
/// switch on the length and a few comparisons: cheaper than hashing, for the hundreds of keys of
/// a record. `StringCache::new` checks in debug builds that it agrees with [`KNOWN`].
pub(crate) fn known_index(s: &[u8]) -> Option<u8> {
    Some(match s {
        b"id" => 0,
        b"lang" => 1,
        b"published" => 2,
        b"meta" => 3,
        b"claims" => 4,
        b"entities" => 5,
        b"timexes" => 6,
        b"extensions" => 7,
        b"errors" => 8,
        b"kind" => 9,
        b"act" => 10,
        b"cue" => 11,
        b"content" => 12,
        b"speaker" => 13,
        b"mention" => 14,
        b"implicit" => 15,
        b"entity" => 16,
        b"name" => 17,
        b"medium" => 18,
        b"block" => 19,
        b"confidence" => 20,
        b"date" => 21,
        b"date_source" => 22,
        b"date_before" => 23,
        b"aliases" => 24,
        b"roles" => 25,
        b"mentions" => 26,
        b"kb_id" => 27,
        b"start" => 28,
        b"end" => 29,
        b"text" => 30,
        b"grain" => 31,
        b"value" => 32,
        b"from" => 33,
        b"to" => 34,
        b"calendar" => 35,
        b"direct" => 36,
        b"indirect" => 37,
        b"mixed" => 38,
        b"speech" => 39,
        b"belief" => 40,
        b"intention" => 41,
        b"perception" => 42,
        b"topic" => 43,
        b"main" => 44,
        b"related" => 45,
        b"timex" => 46,
        b"person" => 47,
        b"organization" => 48,
        b"group" => 49,
        b"unknown" => 50,
        b"interval" => 51,
        b"second" => 52,
        b"minute" => 53,
        b"hour" => 54,
        b"day" => 55,
        b"week" => 56,
        b"month" => 57,
        b"quarter" => 58,
        b"year" => 59,
        b"gregorian" => 60,
        b"hijri" => 61,
        b"ar" => 62,
        b"en" => 63,
        b"und" => 64,
        _ => return None,
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    nodes: Vec<Node>,
    unescaped: String,
}

impl Reader<'_> {
    fn error(&self, what: &'static str) -> TapeError {
        TapeError { at: self.at, what }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<(), TapeError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.skip_whitespace();
        match self.bytes.get(self.at) {
            Some(b'{') => self.container(depth, b'}'),
            Some(b'[') => self.container(depth, b']'),
            Some(b'"') => self.string(),
            Some(b't') => self.word("true", Node::Bool(true)),
            Some(b'f') => self.word("false", Node::Bool(false)),
            Some(b'n') => self.word("null", Node::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
            None => Err(self.error("unexpected end")),
        }
    }

    /// A dict (`close` is `}`) or a list (`]`), its length written once its items are read.
    fn container(&mut self, depth: usize, close: u8) -> Result<(), TapeError> {
        let slot = self.nodes.len();
        self.nodes.push(Node::Null);
        self.at += 1;
        let mut len = 0u32;
        self.skip_whitespace();
        if self.bytes.get(self.at) == Some(&close) {
            self.at += 1;
        } else {
            loop {
                if close == b'}' {
                    self.skip_whitespace();
                    if self.bytes.get(self.at) != Some(&b'"') {
                        return Err(self.error("expected a key"));
                    }
                    self.string()?;
                    self.skip_whitespace();
                    if self.bytes.get(self.at) != Some(&b':') {
                        return Err(self.error("expected ':'"));
                    }
                    self.at += 1;
                }
                self.value(depth + 1)?;
                len += 1;
                self.skip_whitespace();
                match self.bytes.get(self.at) {
                    Some(b',') => self.at += 1,
                    Some(&b) if b == close => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(self.error("expected ',' or the end of the container")),
                }
            }
        }
        self.nodes[slot] = if close == b'}' { Node::Dict { len } } else { Node::List { len } };
        Ok(())
    }

    fn word(&mut self, word: &str, node: Node) -> Result<(), TapeError> {
        if !self.bytes[self.at..].starts_with(word.as_bytes()) {
            return Err(self.error("unexpected word"));
        }
        self.at += word.len();
        self.nodes.push(node);
        Ok(())
    }

    fn number(&mut self) -> Result<(), TapeError> {
        let start = self.at;
        let mut float = false;
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'0'..=b'9' | b'-' | b'+' => {}
                b'.' | b'e' | b'E' => float = true,
                _ => break,
            }
            self.at += 1;
        }
        // Digits, signs, dots and exponents only: ASCII.
        let text = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or_default();
        let integer = match (float, text.parse::<i64>()) {
            (true, _) => None,
            (false, Ok(n)) => Some(Node::Int(n)),
            (false, Err(_)) => text.parse::<u64>().ok().map(Node::UInt),
        };
        let node = match integer {
            Some(node) => node,
            // Rust and Python both round decimal text to the nearest double.
            None => Node::Float(
                text.parse::<f64>().map_err(|_| TapeError { at: start, what: "invalid number" })?,
            ),
        };
        self.nodes.push(node);
        Ok(())
    }

    fn string(&mut self) -> Result<(), TapeError> {
        let start = self.at + 1;
        let Some(stop) = memchr::memchr2(b'"', b'\\', &self.bytes[start..]) else {
            return Err(self.error("unterminated string"));
        };
        let end = start + stop;
        if self.bytes[end] == b'"' {
            self.at = end + 1;
            let raw = Node::Raw { start: start as u32, len: (end - start) as u32 };
            let node = match end - start <= KNOWN_MAX_LEN {
                true => known_index(&self.bytes[start..end]).map_or(raw, Node::Known),
                false => raw,
            };
            self.nodes.push(node);
            return Ok(());
        }
        self.escaped_string(start)
    }

    /// A string with escapes, decoded into `unescaped`; `start` is its first byte.
    fn escaped_string(&mut self, start: usize) -> Result<(), TapeError> {
        let first = self.unescaped.len();
        let mut at = start;
        loop {
            let Some(stop) = memchr::memchr2(b'"', b'\\', &self.bytes[at..]) else {
                return Err(TapeError { at: start, what: "unterminated string" });
            };
            // Cut at an ASCII byte, so on a char boundary of the (UTF-8) line.
            let run = std::str::from_utf8(&self.bytes[at..at + stop]).unwrap_or_default();
            self.unescaped.push_str(run);
            at += stop;
            if self.bytes[at] == b'"' {
                break;
            }
            at = self.escape(at)?;
        }
        self.at = at + 1;
        let len = self.unescaped.len() - first;
        self.nodes.push(Node::Unescaped { start: first as u32, len: len as u32 });
        Ok(())
    }

    /// Decodes the escape at `at` (a backslash) and returns the position after it.
    fn escape(&mut self, at: usize) -> Result<usize, TapeError> {
        let bad = TapeError { at, what: "invalid escape" };
        let decoded =
            match self.bytes.get(at + 1).ok_or(TapeError { at, what: "invalid escape" })? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let unit = self.hex4(at + 2).ok_or(bad)?;
                    // A high surrogate followed by an escaped low one is one character; a lone
                    // surrogate cannot be a Rust char and becomes U+FFFD, as in serde_json's lossy
                    // mode.
                    if (0xD800..0xDC00).contains(&unit)
                        && self.bytes.get(at + 6..at + 8) == Some(b"\\u")
                        && let Some(low @ 0xDC00..0xE000) = self.hex4(at + 8)
                    {
                        let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        self.unescaped.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                        return Ok(at + 12);
                    }
                    self.unescaped.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
                    return Ok(at + 6);
                }
                _ => return Err(bad),
            };
        self.unescaped.push(decoded);
        Ok(at + 2)
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = std::str::from_utf8(self.bytes.get(at..at + 4)?).ok()?;
        u32::from_str_radix(digits, 16).ok()
    }
}
