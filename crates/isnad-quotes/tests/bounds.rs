//! Bounded work and output on degenerate documents: a chain of reporting clauses with no full
//! stop ("قال إن قال إن …", "He said that He said that …") and a long quotation that never
//! closes. Before the bounds, every cue read the whole run-on sentence (quadratic work) and each
//! Arabic claim repeated the rest of it (quadratic output: 1.6 GB for 200 KB).

use std::path::Path;

use isnad_core::{Document, Lang, Stage};
use isnad_quotes::{QuotesConfig, QuotesStage};
use isnad_text::{SegmentConfig, SegmentStage};

fn claims(text: &str, lang: Lang, cfg: QuotesConfig) -> Vec<(usize, usize)> {
    let segment = SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap();
    let quotes = QuotesStage::new(cfg, Path::new(".")).unwrap();
    let mut doc = Document::new("bounds", text);
    doc.meta.lang = Some(lang);
    segment.process(&mut doc).unwrap();
    quotes.process(&mut doc).unwrap();
    doc.layers.claims.iter().map(|c| (c.content.start(), c.content.end())).collect()
}

/// Total content bytes of the claims of `unit` repeated `n` times, and the text length.
fn content_bytes(unit: &str, n: usize, lang: Lang) -> (usize, usize) {
    let text = unit.repeat(n);
    let total = claims(&text, lang, QuotesConfig::default()).iter().map(|(s, e)| e - s).sum();
    (total, text.len())
}

#[test]
fn a_chain_of_reporting_clauses_gives_output_linear_in_the_text() {
    for (unit, lang) in [("قال إن ", Lang::Ar), ("He said that ", Lang::En)] {
        let (small, small_len) = content_bytes(unit, 1500, lang.clone());
        let (large, large_len) = content_bytes(unit, 6000, lang);
        assert!(large <= 4 * large_len, "{unit:?}: {large} content bytes for {large_len}");
        // Four times the text, at most five times the content (it was sixteen times).
        assert!(large <= 5 * small.max(1), "{unit:?}: {small} -> {large} content bytes");
        assert!(small_len * 4 == large_len);
    }
}

#[test]
fn nesting_depth_keeps_that_many_levels() {
    // A subject before each inner verb: a bare "قال إن قال إن" chain no longer nests (a content
    // ends before the next verb-first reporting clause).
    let text = format!("قال الوزير إن {}الاتفاق قريب.", "المسؤول أكد أن ".repeat(20));
    for depth in [1, 2, 3, 5] {
        let cfg = QuotesConfig { nesting_depth: depth, ..QuotesConfig::default() };
        let found = claims(&text, Lang::Ar, cfg);
        // Each claim of the chain holds the next one: one kept per level.
        assert_eq!(found.len(), depth, "depth {depth}: {found:?}");
    }
}

#[test]
fn contents_are_cut_at_max_content_bytes_on_a_token_end() {
    let text = format!("قال الوزير: «{}", "نحن منفتحون على الحوار ".repeat(800));
    let cfg = QuotesConfig { max_content_bytes: 500, ..QuotesConfig::default() };
    let found = claims(&text, Lang::Ar, cfg);
    assert!(!found.is_empty());
    for (s, e) in found {
        assert!(e - s <= 500, "{s}..{e}");
        assert!(text[..e].ends_with(|c: char| c.is_alphabetic()), "cut inside a word: {s}..{e}");
    }
}

#[test]
fn a_sentence_longer_than_the_window_is_read_in_windows() {
    // 10,000 tokens without a full stop: claims are still found in every window.
    let text = "He said that it rains and ".repeat(2000);
    let cfg = QuotesConfig { max_sentence_tokens: 100, ..QuotesConfig::default() };
    let found = claims(&text, Lang::En, cfg);
    assert!(found.len() >= 50, "{} claims", found.len());
    for (s, e) in found {
        assert!(text[s..e].split_whitespace().count() <= 100, "{s}..{e}");
    }
}
