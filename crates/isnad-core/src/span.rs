//! Byte-offset spans with checked invariants.

use serde::{Deserialize, Serialize};

use crate::SpanError;

/// A half-open range `start..end` of **byte** offsets into a document's text.
///
/// The fields are private so that every `Span` in a document was checked once: `start <= end`
/// always, and [`Span::in_text`] (used by [`crate::Document::span`]) also checks that both ends lie
/// on UTF-8 character boundaries inside the text. Slicing a text with a checked span can therefore
/// never panic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawSpan", into = "RawSpan")]
pub struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize, Deserialize)]
struct RawSpan {
    start: usize,
    end: usize,
}

impl TryFrom<RawSpan> for Span {
    type Error = SpanError;
    fn try_from(raw: RawSpan) -> Result<Self, SpanError> {
        Span::new(raw.start, raw.end)
    }
}

impl From<Span> for RawSpan {
    fn from(span: Span) -> Self {
        RawSpan { start: span.start, end: span.end }
    }
}

impl Span {
    /// A span from `start` to `end`; fails when `start > end`.
    ///
    /// This does not know the text, so it cannot check character boundaries: use
    /// [`Span::in_text`] or [`crate::Document::span`] when the text is at hand.
    pub fn new(start: usize, end: usize) -> Result<Span, SpanError> {
        if start > end {
            return Err(SpanError::Reversed { start, end });
        }
        Ok(Span { start, end })
    }

    /// A span checked against `text`: ordered, inside it and on character boundaries.
    pub fn in_text(text: &str, start: usize, end: usize) -> Result<Span, SpanError> {
        let span = Span::new(start, end)?;
        span.check(text)?;
        Ok(span)
    }

    /// Checks that this span fits `text` (used on spans that came from outside, e.g. a plugin).
    pub fn check(&self, text: &str) -> Result<(), SpanError> {
        if self.end > text.len() {
            return Err(SpanError::OutOfBounds {
                start: self.start,
                end: self.end,
                len: text.len(),
            });
        }
        for at in [self.start, self.end] {
            if !text.is_char_boundary(at) {
                return Err(SpanError::NotCharBoundary { at });
            }
        }
        Ok(())
    }

    /// First byte.
    pub fn start(&self) -> usize {
        self.start
    }

    /// One past the last byte.
    pub fn end(&self) -> usize {
        self.end
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers. Panics only if the span was not checked against `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_reversed_and_mid_char_spans() {
        let text = "قال";
        assert!(Span::new(3, 1).is_err());
        assert!(Span::in_text(text, 0, 2).is_ok());
        assert_eq!(Span::in_text(text, 0, 1), Err(SpanError::NotCharBoundary { at: 1 }));
        assert!(matches!(Span::in_text(text, 0, 99), Err(SpanError::OutOfBounds { .. })));
        assert_eq!(Span::in_text(text, 0, 6).unwrap().slice(text), "قال");
    }

    #[test]
    fn deserialising_checks_order() {
        assert!(serde_json::from_str::<Span>(r#"{"start":4,"end":2}"#).is_err());
        let span: Span = serde_json::from_str(r#"{"start":2,"end":4}"#).unwrap();
        assert_eq!((span.start(), span.end()), (2, 4));
    }
}
