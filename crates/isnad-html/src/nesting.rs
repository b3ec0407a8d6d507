//! Overlapping spans to properly nested elements.
//!
//! A record's spans are ranges that may nest ("3 مارس" inside a claim's content, one claim inside
//! another's), coincide (a speaker mention shared by two claims) or cross (a medium that starts
//! inside one clause and ends in the next, or a quotation over two paragraphs). HTML elements must
//! nest. [`nest`] sweeps a paragraph from boundary to boundary; at each stretch it compares the
//! open elements with the marks covering the stretch, closes those that no longer apply (and any
//! opened inside them) and opens the missing ones. Marks are kept in one fixed order (earlier
//! start first, then longer first, then by [`Mark::rank`]), so nested ranges give one element each
//! and only crossing ranges are split. Every piece after a mark's first uses its
//! [`Mark::continued`] tag, so that an element id or a keyboard stop is not repeated.

use std::cmp::Reverse;
use std::ops::Range;

use serde::Serialize;

/// An element to lay over a byte range of the text.
#[derive(Debug, Clone)]
pub struct Mark {
    /// What it covers (bytes of the article text).
    pub range: Range<usize>,
    /// When two marks cover the same range, the lower rank is the outer element.
    pub rank: u8,
    /// The opening tag of its first piece.
    pub first: Tag,
    /// The opening tag of later pieces, where crossing marks or paragraph ends split it.
    pub continued: Tag,
}

/// An opening tag: element name and attributes (values are escaped by the template).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// Element name.
    pub name: &'static str,
    /// Attributes in order.
    pub attrs: Vec<Attr>,
}

/// One attribute of a [`Tag`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attr {
    /// Attribute name (always one of this crate's own).
    pub name: &'static str,
    /// Its value, unescaped.
    pub value: String,
}

impl Tag {
    /// A tag named `name` with `attrs`, leaving out attributes whose value is `None`.
    pub fn new(name: &'static str, attrs: Vec<(&'static str, Option<String>)>) -> Tag {
        let attrs = attrs
            .into_iter()
            .filter_map(|(name, value)| value.map(|value| Attr { name, value }))
            .collect();
        Tag { name, attrs }
    }
}

/// A piece of a paragraph's markup: text (unescaped), or an element opening or closing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Piece {
    /// Text of the article.
    Text(String),
    /// An element opens.
    Open(Tag),
    /// The innermost open element closes; its name.
    Close(&'static str),
}

/// The pieces of `paragraph` (a byte range of `text` on character boundaries) with every mark
/// that overlaps it. `opened[i]` says whether mark `i` already had its first piece (in an earlier
/// paragraph); it is updated. Marks must lie on character boundaries; empty ones are left out.
pub fn nest(
    text: &str,
    paragraph: Range<usize>,
    marks: &[Mark],
    opened: &mut [bool],
) -> Vec<Piece> {
    let mut inside: Vec<usize> = (0..marks.len())
        .filter(|&i| {
            let r = &marks[i].range;
            r.start < r.end && r.start < paragraph.end && r.end > paragraph.start
        })
        .collect();
    inside.sort_by_key(|&i| (marks[i].range.start, Reverse(marks[i].range.end), marks[i].rank, i));
    let mut bounds = vec![paragraph.start, paragraph.end];
    for &i in &inside {
        let r = &marks[i].range;
        bounds.push(r.start.clamp(paragraph.start, paragraph.end));
        bounds.push(r.end.clamp(paragraph.start, paragraph.end));
    }
    bounds.sort_unstable();
    bounds.dedup();

    let mut pieces = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for stretch in bounds.windows(2) {
        let (from, to) = (stretch[0], stretch[1]);
        let covering: Vec<usize> = inside
            .iter()
            .copied()
            .filter(|&i| marks[i].range.start <= from && marks[i].range.end >= to)
            .collect();
        let kept = stack.iter().zip(&covering).take_while(|(a, b)| a == b).count();
        while stack.len() > kept {
            let i = stack.pop().expect("longer than kept");
            pieces.push(Piece::Close(marks[i].first.name));
        }
        for &i in &covering[kept..] {
            let tag = if opened[i] { &marks[i].continued } else { &marks[i].first };
            opened[i] = true;
            pieces.push(Piece::Open(tag.clone()));
            stack.push(i);
        }
        pieces.push(Piece::Text(text[from..to].to_string()));
    }
    while let Some(i) = stack.pop() {
        pieces.push(Piece::Close(marks[i].first.name));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(range: Range<usize>, rank: u8, name: &str) -> Mark {
        let tag = |class: String| Tag::new("span", vec![("class", Some(class))]);
        Mark { range, rank, first: tag(name.into()), continued: tag(format!("{name} cont")) }
    }

    /// The pieces as compact markup: `[name` opens, `]` closes.
    fn show(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Open(tag) => format!("[{}|", tag.attrs[0].value),
                Piece::Close(_) => "]".into(),
            })
            .collect()
    }

    fn render(text: &str, marks: &[Mark]) -> String {
        let mut opened = vec![false; marks.len()];
        crate::paragraphs::split(text)
            .into_iter()
            .map(|p| show(&nest(text, p, marks, &mut opened)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn nested_coinciding_and_crossing_spans() {
        let text = "he said the talks start on 3 March";
        // A date inside a claim's content: one element inside the other.
        let marks = [mark(8..34, 0, "claim"), mark(27..34, 4, "timex"), mark(3..7, 3, "cue")];
        assert_eq!(
            render(text, &marks),
            "he [cue|said] [claim|the talks start on [timex|3 March]]"
        );
        // The same range twice: rank decides which is outside.
        let marks = [mark(0..2, 3, "cue"), mark(0..2, 1, "mention")];
        assert_eq!(render("he said", &marks), "[mention|[cue|he]] said");
        // Crossing ranges: the later one is split where the earlier one ends.
        let marks = [mark(0..7, 0, "a"), mark(3..10, 0, "b")];
        assert_eq!(render("he said it ok", &marks), "[a|he [b|said]][b cont| it] ok");
    }

    #[test]
    fn a_span_over_two_paragraphs_continues_in_the_second() {
        let text = "“One,\n\ntwo,” she said.";
        let start = text.find('O').unwrap();
        let marks = [mark(start..text.find('”').unwrap(), 0, "claim")];
        assert_eq!(render(text, &marks), "“[claim|One,]\n[claim cont|two,]” she said.");
    }

    /// Any set of marks gives balanced markup that keeps the text, and puts each byte inside an
    /// element of exactly the marks whose range holds it.
    #[test]
    fn random_marks_always_nest_and_cover_their_ranges() {
        let text = "ab cd ef\ngh ij kl mn\nop";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..500 {
            let marks: Vec<Mark> = (0..next(7))
                .map(|i| {
                    let (a, b) = (next(text.len() + 1), next(text.len() + 1));
                    mark(a.min(b)..a.max(b), next(5) as u8, &i.to_string())
                })
                .collect();
            let mut opened = vec![false; marks.len()];
            for paragraph in crate::paragraphs::split(text) {
                let pieces = nest(text, paragraph.clone(), &marks, &mut opened);
                let (mut at, mut open) = (paragraph.start, Vec::<usize>::new());
                for p in &pieces {
                    match p {
                        Piece::Open(tag) => {
                            let class = &tag.attrs[0].value;
                            open.push(class.split(' ').next().unwrap().parse().unwrap());
                        }
                        Piece::Close(_) => {
                            open.pop().expect("a close without an open");
                        }
                        Piece::Text(t) => {
                            assert_eq!(&text[at..at + t.len()], t);
                            for byte in at..at + t.len() {
                                let mut inside = open.clone();
                                inside.sort_unstable();
                                let expected: Vec<usize> = (0..marks.len())
                                    .filter(|&i| marks[i].range.contains(&byte))
                                    .collect();
                                assert_eq!(inside, expected, "byte {byte} of {marks:?}");
                            }
                            at += t.len();
                        }
                    }
                }
                assert_eq!((at, open.len()), (paragraph.end, 0), "{marks:?}");
            }
            for (i, m) in marks.iter().enumerate() {
                let has_text = crate::paragraphs::split(text)
                    .iter()
                    .any(|p| m.range.start.max(p.start) < m.range.end.min(p.end));
                assert_eq!(opened[i], has_text, "mark {i} got a first piece iff it covers text");
            }
        }
    }
}
