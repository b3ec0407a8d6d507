//! Records count code points; slicing a Rust string takes bytes. This module turns a record's
//! spans back into byte ranges and checks each against the text it claims to cover.

use std::ops::Range;

use isnad_runner::OutSpan;

/// The byte offset of every code point of a text (and of its end).
#[derive(Debug, Clone)]
pub struct CodePoints {
    starts: Vec<usize>,
}

impl CodePoints {
    /// Indexes `text`.
    pub fn new(text: &str) -> CodePoints {
        let mut starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
        starts.push(text.len());
        CodePoints { starts }
    }

    /// The byte range of code points `start..end`, if both are inside the text and in order.
    pub fn bytes(&self, start: usize, end: usize) -> Option<Range<usize>> {
        if start > end {
            return None;
        }
        Some(*self.starts.get(start)?..*self.starts.get(end)?)
    }

    /// The byte range of `span` in `text`, or why it cannot be used: outside the text, or covering
    /// other words than its `text` says (records of another version of the article).
    ///
    /// `what` names the span in the message ("claim c3 content").
    pub fn span(&self, text: &str, span: &OutSpan, what: &str) -> Result<Range<usize>, String> {
        let Some(range) = self.bytes(span.start, span.end) else {
            return Err(format!(
                "{what} at {}..{} is outside the text ({} code points)",
                span.start,
                span.end,
                self.starts.len() - 1
            ));
        };
        let found = &text[range.clone()];
        if found != span.text {
            return Err(format!(
                "{what} at {}..{} reads \u{201c}{}\u{201d} in the text, the record says \u{201c}{}\u{201d}",
                span.start,
                span.end,
                shorten(found),
                shorten(&span.text)
            ));
        }
        Ok(range)
    }
}

/// At most 40 characters of `text`, for messages.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}\u{2026}", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, text: &str) -> OutSpan {
        OutSpan { start, end, text: text.into() }
    }

    #[test]
    fn code_points_not_bytes_nor_utf16() {
        // "🙂" is one code point, four bytes and two UTF-16 units.
        let text = "قال 🙂 «نعم»";
        let cp = CodePoints::new(text);
        assert_eq!(&text[cp.span(text, &span(0, 3, "قال"), "cue").unwrap()], "قال");
        assert_eq!(&text[cp.span(text, &span(4, 5, "🙂"), "x").unwrap()], "🙂");
        assert_eq!(&text[cp.span(text, &span(7, 10, "نعم"), "content").unwrap()], "نعم");
        assert_eq!(cp.bytes(11, 11), Some(text.len()..text.len()));
    }

    #[test]
    fn reports_spans_that_do_not_fit_the_text() {
        let text = "He said yes.";
        let cp = CodePoints::new(text);
        let outside = cp.span(text, &span(8, 40, "yes."), "claim c1 content").unwrap_err();
        assert_eq!(outside, "claim c1 content at 8..40 is outside the text (12 code points)");
        let moved = cp.span(text, &span(3, 7, "yes."), "claim c1 content").unwrap_err();
        assert!(moved.contains("reads \u{201c}said\u{201d} in the text"), "{moved}");
        assert!(cp.bytes(5, 4).is_none());
    }
}
