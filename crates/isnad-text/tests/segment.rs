//! Segmentation and folding of the fixtures under `tests/fixtures/segment/`, as a readable
//! snapshot: paragraphs (block, heading), sentences, and the folded form of each paragraph.

use std::fmt::Write;
use std::path::Path;

use isnad_core::{Document, Stage};
use isnad_text::{SegmentConfig, SegmentStage};

#[test]
fn segmentation() {
    let stage = SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap();
    insta::glob!("../../../tests/fixtures/segment", "*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let mut doc = Document::new("fixture", text);
        stage.process(&mut doc).unwrap();
        let norm = doc.layers.normalized.as_ref().unwrap();
        let mut out = String::new();
        writeln!(out, "lang: {}", doc.meta.lang.as_ref().unwrap()).unwrap();
        for (pi, p) in doc.layers.paragraphs.iter().enumerate() {
            let flags = format!("{:?}{}", p.block, if p.heading { ", heading" } else { "" });
            writeln!(out, "\nparagraph {pi} [{flags}]").unwrap();
            let (ns, ne) = (
                norm.map.partition_point(|&o| (o as usize) < p.span.start()),
                norm.map.partition_point(|&o| (o as usize) < p.span.end()),
            );
            writeln!(out, "  folded: {}", &norm.text[ns..ne.min(norm.text.len())]).unwrap();
            for s in doc.layers.sentences.iter().filter(|s| s.paragraph == pi) {
                writeln!(out, "  - {}", doc.slice(s.span)).unwrap();
            }
        }
        let words =
            doc.layers.tokens.iter().filter(|t| t.kind == isnad_core::TokenKind::Word).count();
        writeln!(out, "\ntokens: {} ({} words)", doc.layers.tokens.len(), words).unwrap();
        insta::assert_snapshot!(out);
    });
}
