//! `isnad run --format table`: one line per claim for people reading a terminal.
//!
//! Terminals lay characters out left to right and most do not apply the Unicode bidirectional
//! algorithm, so Arabic would read backwards. In `visual` mode each cell is reordered with
//! `unicode-bidi` into display order before it is printed; `logical` keeps the text as stored
//! (for terminals that do their own bidi, and for files).

use std::io::{self, Write};

use isnad_runner::Record;
use unicode_bidi::BidiInfo;
use unicode_width::UnicodeWidthStr;

/// How right-to-left text is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Bidi {
    /// Visual order when standard output is a terminal, logical order otherwise.
    Auto,
    /// Reordered for display on terminals without bidi support.
    Visual,
    /// As stored.
    Logical,
}

const SPEAKER: usize = 26;
const CUE: usize = 12;
const DATE: usize = 13;
const CONTENT_WORDS: usize = 10;

/// Receives the JSON lines of a run and prints them as a table.
pub struct TableWriter<W: Write> {
    out: W,
    visual: bool,
    pending: Vec<u8>,
    header: bool,
}

impl<W: Write> TableWriter<W> {
    /// A table on `out`; `visual` reorders right-to-left text for display.
    pub fn new(out: W, visual: bool) -> TableWriter<W> {
        TableWriter { out, visual, pending: Vec::new(), header: false }
    }

    fn line(&mut self, line: &[u8]) -> io::Result<()> {
        let record: Record = serde_json::from_slice(line).map_err(io::Error::other)?;
        if !self.header {
            self.header = true;
            writeln!(
                self.out,
                "{}  {}  {}  content",
                pad("speaker", SPEAKER),
                pad("cue", CUE),
                pad("date", DATE)
            )?;
        }
        writeln!(
            self.out,
            "== {} ({}, published {})",
            record.id,
            record.lang.as_deref().unwrap_or("?"),
            record.published.as_deref().unwrap_or("unknown")
        )?;
        for e in &record.errors {
            writeln!(self.out, "   error: {e}")?;
        }
        for c in &record.claims {
            let speaker = c
                .speaker
                .name
                .clone()
                .or_else(|| c.speaker.mention.as_ref().map(|m| m.text.clone()))
                .unwrap_or_else(|| {
                    if c.speaker.implicit { "(implicit)".into() } else { "(unnamed)".into() }
                });
            let date = c.date.clone().unwrap_or_default();
            let mut words: Vec<&str> =
                c.content.text.split_whitespace().take(CONTENT_WORDS + 1).collect();
            let more = words.len() > CONTENT_WORDS;
            words.truncate(CONTENT_WORDS);
            let content = format!("{}{}", words.join(" "), if more { " …" } else { "" });
            let mark = match c.kind {
                isnad_core::QuoteKind::Direct => "«»",
                isnad_core::QuoteKind::Indirect => "~",
                isnad_core::QuoteKind::Mixed => "~«",
            };
            let related = if c.block == isnad_core::Block::Related { " [related]" } else { "" };
            writeln!(
                self.out,
                "{}  {}  {}  {} {}{}",
                pad(&self.show(&fit(&speaker, SPEAKER)), SPEAKER),
                pad(&self.show(&fit(&c.cue.text, CUE)), CUE),
                pad(&date, DATE),
                mark,
                self.show(&content),
                related
            )?;
        }
        Ok(())
    }

    fn show(&self, text: &str) -> String {
        if self.visual { visual(text) } else { text.to_string() }
    }
}

impl<W: Write> Write for TableWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(at) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=at).collect();
            self.line(&line[..line.len() - 1])?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            self.line(&line)?;
        }
        self.out.flush()
    }
}

/// The text in display order (lines are single cells here, so one paragraph).
pub(crate) fn visual(text: &str) -> String {
    let info = BidiInfo::new(text, None);
    match info.paragraphs.first() {
        Some(para) => info.reorder_line(para, para.range.clone()).into_owned(),
        None => text.to_string(),
    }
}

/// Cuts `text` to at most `width` terminal columns, marking the cut with "…".
pub(crate) fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if (out.clone() + &c.to_string()).width() >= width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Pads `text` with spaces to `width` terminal columns.
pub(crate) fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    if w >= width { text.to_string() } else { format!("{text}{}", " ".repeat(width - w)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_order_reverses_arabic_runs_only() {
        assert_eq!(visual("abc"), "abc");
        assert_eq!(visual("قال"), "لاق");
        assert_eq!(visual("بيسكوف 2025"), "2025 فوكسيب");
    }

    #[test]
    fn fits_and_pads_by_columns() {
        assert_eq!(fit("دميتري بيسكوف", 8), "دميتري …");
        assert_eq!(pad("قال", 5).width(), 5);
    }
}
