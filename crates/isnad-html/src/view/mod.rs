//! The view model: what the templates print about an article, as plain strings.
//!
//! - `mod.rs`: [`ArticleView`] and its paragraphs, built from a record and its text.
//! - `claims.rs`: per claim what a reader is told ([`ClaimView`]) and the marks laid over the
//!   text (content, cue, speaker mention, medium, dates).
//! - `speakers.rs`: the side list, claims grouped by speaker entity, with one colour each.
//!
//! Nothing here is escaped: the templates escape every value they print.

mod claims;
mod speakers;

use isnad_runner::Record;
use serde::Serialize;

use crate::nesting::{Piece, nest};
use crate::offsets::CodePoints;
use crate::paragraphs::{self, Layout};
pub use claims::ClaimView;
pub use speakers::SpeakerView;

/// One article as the templates show it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// The element id of the article (`a0`, `a1`, … in report order): record ids can hold any
    /// character, element ids and URL fragments should not.
    pub anchor: String,
    /// The record's id.
    pub id: String,
    /// `meta.title`, when the input gave one.
    pub title: Option<String>,
    /// `meta.source` (the outlet), when the input gave one.
    pub source: Option<String>,
    /// `meta.url`, only when it is an `http:` or `https:` address (a link to anything else could
    /// run script).
    pub url: Option<String>,
    /// The publication date as given.
    pub published: Option<String>,
    /// The record's language (`ar`, `en`, `und`), if known.
    pub language: Option<String>,
    /// `lang` of the article element (empty when unknown).
    pub lang: String,
    /// `dir` of the article element.
    pub dir: &'static str,
    /// The record's own errors (a document that failed in a stage).
    pub errors: Vec<String>,
    /// Spans that could not be shown because they do not fit the text.
    pub problems: Vec<String>,
    /// Whether the text was given (without it the claims are only listed in the side list).
    pub has_text: bool,
    /// The paragraphs, with their marks.
    pub paragraphs: Vec<ParagraphView>,
    /// The side list: speakers in order of their first claim, each with their claims.
    pub speakers: Vec<SpeakerView>,
    /// Number of claims.
    pub claims: usize,
    /// Number of claims in related-article blocks.
    pub related: usize,
    /// Number of date expressions.
    pub timexes: usize,
}

/// One paragraph: its layout and its markup pieces.
#[derive(Debug, Clone, Serialize)]
pub struct ParagraphView {
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    /// Its language (empty when unknown).
    pub lang: String,
    /// Text and element boundaries, in order.
    pub pieces: Vec<Piece>,
}

impl ArticleView {
    /// The view of `record` over `text`; `index` is the article's position in the report.
    pub fn build(index: usize, record: &Record, text: Option<&str>) -> ArticleView {
        let anchor = format!("a{index}");
        let layout = Layout::of_article(record.lang.as_deref(), text.unwrap_or(""));
        let meta = |key: &str| record.meta.get(key).and_then(|v| v.as_str()).map(str::to_string);
        let url = meta("url").filter(|u| {
            let lower = u.trim_start().to_ascii_lowercase();
            lower.starts_with("http://") || lower.starts_with("https://")
        });
        let colours = speakers::Colours::of(record);
        let mut problems = Vec::new();
        let mut claims = claims::views(&anchor, record, &colours);
        let paragraphs = match text {
            Some(text) => {
                let points = CodePoints::new(text);
                let marks = claims::marks(text, &points, record, &mut claims, &mut problems);
                let mut opened = vec![false; marks.len()];
                paragraphs::split(text)
                    .into_iter()
                    .map(|range| {
                        let own = Layout::of_paragraph(&text[range.clone()], &layout);
                        ParagraphView {
                            dir: own.dir,
                            lang: own.lang,
                            pieces: nest(text, range, &marks, &mut opened),
                        }
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let related = claims.iter().filter(|c| c.related).count();
        ArticleView {
            anchor,
            id: record.id.clone(),
            title: meta("title"),
            source: meta("source"),
            url,
            published: record.published.clone(),
            language: record.lang.clone(),
            lang: layout.lang,
            dir: layout.dir,
            errors: record.errors.clone(),
            problems,
            has_text: text.is_some(),
            paragraphs,
            claims: claims.len(),
            related,
            timexes: record.timexes.len(),
            speakers: speakers::side_list(record, claims, &colours),
        }
    }
}
