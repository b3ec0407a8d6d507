//! The document: text, metadata and layers.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Layers, Published, Span, SpanError};

/// One article. `text` never changes once read; stages only add [`Layers`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Document {
    /// Identifier, unique within a run (a file stem, or the `id` of a JSONL line).
    pub id: String,
    /// The article text, exactly as read (after decoding, BOM removal and newline normalisation).
    pub text: String,
    /// What is known about the article besides its text.
    #[serde(default)]
    pub meta: Meta,
    /// Everything the stages found.
    #[serde(default)]
    pub layers: Layers,
}

impl Document {
    /// A document with empty metadata and no layers.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            meta: Meta::default(),
            layers: Layers::default(),
        }
    }

    /// A span of this document's text, checked (order, bounds, character boundaries).
    pub fn span(&self, start: usize, end: usize) -> Result<Span, SpanError> {
        Span::in_text(&self.text, start, end)
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}

/// Metadata of a document. Unknown input fields are kept in `extra` and written back out.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Meta {
    /// Language of the text; detected by the `segment` stage when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Publication date: the anchor for relative dates ("yesterday", "الجمعة الماضية").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    /// The outlet that published the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the article was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The article's headline, when given apart from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Any other input fields, kept as they came.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A document language. isnad has language knowledge for Arabic and English; any other code is
/// kept so that it round-trips, and language-specific stages leave such documents alone.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Lang {
    /// Arabic (`ar`), any regional variety of news Arabic.
    Ar,
    /// English (`en`).
    En,
    /// Any other language code, lower-cased.
    Other(String),
}

impl Lang {
    /// The language for an ISO 639 code (`ar`, `ara`, `en`, `eng`, `en-GB`, …).
    pub fn from_code(code: &str) -> Lang {
        let code = code.trim().to_ascii_lowercase();
        let base = code.split(['-', '_']).next().unwrap_or("");
        match base {
            "ar" | "ara" | "arb" => Lang::Ar,
            "en" | "eng" => Lang::En,
            _ => Lang::Other(code),
        }
    }

    /// The code written in output.
    pub fn code(&self) -> &str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Other(code) => code,
        }
    }
}

impl From<String> for Lang {
    fn from(code: String) -> Lang {
        Lang::from_code(&code)
    }
}

impl From<Lang> for String {
    fn from(lang: Lang) -> String {
        lang.code().to_string()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
