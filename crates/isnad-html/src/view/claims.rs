//! Claims: what a reader is told about each, and the marks laid over the text for them.
//!
//! Every claim gives up to four marks: its content (a `<mark>`, the keyboard stop, carrying the
//! details the tooltip shows), its cue, its speaker mention and its medium. Cues, mentions and
//! media shared by several claims ("Tom Reyes, a spokesman …, adding …" names the speaker of two
//! claims once) are one element listing every claim. Dates are marks of their own.

use std::collections::HashMap;
use std::ops::Range;

use isnad_runner::{OutClaim, OutSpan, OutTimex, Record};
use serde::Serialize;

use super::speakers::Colours;
use crate::nesting::{Mark, Tag};
use crate::offsets::CodePoints;

/// Nesting ranks (outer first) when marks cover the same text.
const CLAIM: u8 = 0;
const MENTION: u8 = 1;
const MEDIUM: u8 = 2;
const CUE: u8 = 3;
const TIMEX: u8 = 4;

/// Words of a claim's content shown in the side list.
const EXCERPT_WORDS: usize = 14;

/// One claim as a reader is told about it.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    /// Element id of its content (`a0-c1`).
    pub anchor: String,
    /// The record's claim id (`c1`).
    pub id: String,
    /// Its speaker's key in the side list: the entity id, or `-` when no entity was linked.
    pub entity: String,
    /// Its speaker's colour class (`sp0` … `sp9`, `spx` without entity).
    pub colour: String,
    /// Who said it: the entity's name, else the mention, else why there is none.
    pub speaker: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// `speech`, `belief`, `intention` or `perception`.
    pub act: String,
    /// The cue's text.
    pub cue: String,
    /// The first words of the content.
    pub excerpt: String,
    /// The medium's text.
    pub medium: Option<String>,
    /// When it was said, for people ("2025-02-23", "2025-02-24 (publication date)").
    pub date: String,
    /// Confidence with two decimals.
    pub confidence: String,
    /// Whether it is in a related-article block.
    pub related: bool,
    /// Whether its content is highlighted in the text (false when its span did not fit).
    pub placed: bool,
}

/// The views of a record's claims, in record order (not yet placed).
pub(super) fn views(anchor: &str, record: &Record, colours: &Colours) -> Vec<ClaimView> {
    record.claims.iter().map(|c| view(anchor, c, colours)).collect()
}

fn view(anchor: &str, c: &OutClaim, colours: &Colours) -> ClaimView {
    let speaker = c
        .speaker
        .name
        .clone()
        .or_else(|| c.speaker.mention.as_ref().map(|m| m.text.clone()))
        .unwrap_or_else(|| {
            if c.speaker.implicit { "(implicit speaker)" } else { "(no speaker named)" }.into()
        });
    let mut date = match (&c.date, c.date_source.as_ref().map(name).as_deref()) {
        (Some(d), Some("published")) => format!("{d} (publication date)"),
        (Some(d), _) => d.clone(),
        (None, _) => "unknown".into(),
    };
    if c.date_before {
        date.push_str(", or earlier");
    }
    let mut words = c.content.text.split_whitespace();
    let mut excerpt: Vec<&str> = words.by_ref().take(EXCERPT_WORDS).collect();
    if words.next().is_some() {
        excerpt.push("\u{2026}");
    }
    let entity = c.speaker.entity.clone().unwrap_or_else(|| "-".into());
    ClaimView {
        anchor: format!("{anchor}-{}", element_id(&c.id)),
        id: c.id.clone(),
        colour: colours.class(&entity),
        entity,
        speaker,
        kind: name(&c.kind),
        act: name(&c.act),
        cue: c.cue.text.clone(),
        excerpt: excerpt.join(" "),
        medium: c.medium.as_ref().map(|m| m.text.clone()),
        date,
        confidence: format!("{:.2}", c.confidence),
        related: name(&c.block) == "related",
        placed: false,
    }
}

/// The marks of a record over its text; claims whose content fits are marked `placed`, spans
/// that do not fit are told in `problems`.
pub(super) fn marks(
    text: &str,
    points: &CodePoints,
    record: &Record,
    views: &mut [ClaimView],
    problems: &mut Vec<String>,
) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut shared = Shared::default();
    for (c, view) in record.claims.iter().zip(views.iter_mut()) {
        let mut place = |span: &OutSpan, part: &str| {
            points
                .span(text, span, &format!("claim {} {part}", c.id))
                .map_err(|p| problems.push(p))
                .ok()
        };
        if let Some(range) = place(&c.content, "content") {
            view.placed = true;
            marks.push(content_mark(range, view));
        }
        if let Some(range) = place(&c.cue, "cue") {
            shared.add(CUE, range, "cue", view);
        }
        if let Some(mention) = &c.speaker.mention
            && let Some(range) = place(mention, "speaker mention")
        {
            shared.add(MENTION, range, "mention", view);
        }
        if let Some(medium) = &c.medium
            && let Some(range) = place(medium, "medium")
        {
            shared.add(MEDIUM, range, "medium", view);
        }
    }
    marks.extend(shared.into_marks());
    for (i, t) in record.timexes.iter().enumerate() {
        let span = OutSpan { start: t.start, end: t.end, text: t.text.clone() };
        match points.span(text, &span, &format!("date expression {}", i + 1)) {
            Ok(range) => marks.push(timex_mark(range, t)),
            Err(p) => problems.push(p),
        }
    }
    marks
}

/// The content of a claim: the element that carries everything the tooltip shows.
fn content_mark(range: Range<usize>, v: &ClaimView) -> Mark {
    let class = format!("claim {} {}{}", v.colour, v.kind, if v.related { " related" } else { "" });
    let data = |class: String| {
        vec![
            ("class", Some(class)),
            ("data-claim", Some(v.id.clone())),
            ("data-entity", Some(v.entity.clone())),
            ("data-speaker", Some(v.speaker.clone())),
            ("data-kind", Some(v.kind.clone())),
            ("data-act", Some(v.act.clone())),
            ("data-cue", Some(v.cue.clone())),
            ("data-medium", v.medium.clone()),
            ("data-date", Some(v.date.clone())),
            ("data-confidence", Some(v.confidence.clone())),
            ("data-block", Some(if v.related { "related" } else { "main" }.into())),
        ]
    };
    let mut first = vec![("id", Some(v.anchor.clone())), ("tabindex", Some("0".into()))];
    first.extend(data(class.clone()));
    Mark {
        range,
        rank: CLAIM,
        first: Tag::new("mark", first),
        continued: Tag::new("mark", data(format!("{class} cont"))),
    }
}

fn timex_mark(range: Range<usize>, t: &OutTimex) -> Mark {
    let data = |class: &str| {
        vec![
            ("class", Some(class.to_string())),
            ("data-value", t.value.clone()),
            ("data-from", t.from.clone()),
            ("data-to", t.to.clone()),
            ("data-grain", Some(name(&t.grain))),
            ("data-timex", Some(name(&t.kind))),
            ("data-calendar", Some(name(&t.calendar))),
            ("data-timex3", t.timex3.as_ref().map(|x| x.value.clone())),
        ]
    };
    let mut first = vec![("tabindex", Some("0".into()))];
    first.extend(data("timex"));
    Mark {
        range,
        rank: TIMEX,
        first: Tag::new("span", first),
        continued: Tag::new("span", data("timex cont")),
    }
}

/// Cues, mentions and media, one element per range and role even when several claims share it.
#[derive(Default)]
struct Shared {
    marks: Vec<SharedMark>,
    by_range: HashMap<(u8, usize, usize), usize>,
}

struct SharedMark {
    rank: u8,
    range: Range<usize>,
    class: String,
    entity: String,
    /// Claim ids, separated by spaces.
    claims: String,
}

impl Shared {
    fn add(&mut self, rank: u8, range: Range<usize>, role: &str, v: &ClaimView) {
        let key = (rank, range.start, range.end);
        if let Some(&at) = self.by_range.get(&key) {
            let claims = &mut self.marks[at].claims;
            claims.push(' ');
            claims.push_str(&v.id);
            return;
        }
        self.by_range.insert(key, self.marks.len());
        // A medium is the outlet's, not the speaker's: it does not take the speaker's colour.
        let class = if rank == MEDIUM { role.to_string() } else { format!("{role} {}", v.colour) };
        self.marks.push(SharedMark {
            rank,
            range,
            class,
            entity: v.entity.clone(),
            claims: v.id.clone(),
        });
    }

    fn into_marks(self) -> impl Iterator<Item = Mark> {
        self.marks.into_iter().map(|m| {
            let tag = |class: String| {
                Tag::new(
                    "span",
                    vec![
                        ("class", Some(class)),
                        ("data-claim", Some(m.claims.clone())),
                        ("data-entity", Some(m.entity.clone())),
                    ],
                )
            };
            Mark {
                range: m.range,
                rank: m.rank,
                first: tag(m.class.clone()),
                continued: tag(format!("{} cont", m.class)),
            }
        })
    }
}

/// The name an enum of the record is written with in JSON (`direct`, `related`, `day`).
pub(super) fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// `id` with characters that do not belong in an element id or URL fragment replaced by `_`.
pub(super) fn element_id(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect()
}
