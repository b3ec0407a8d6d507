//! The stage must never panic nor swallow a page, whatever the marks and punctuation: run it over
//! pseudo-random soups of reporting words, quotation marks of every style, punctuation, line
//! breaks and Arabic clitics, and over degenerate documents.

use std::path::Path;

use isnad_core::{Document, Lang, Stage};
use isnad_quotes::{QuotesConfig, QuotesStage};
use isnad_text::{SegmentConfig, SegmentStage};

const PIECES: &[&str] = &[
    "قال",
    "وأضاف",
    "مشيرا",
    "إلى",
    "أن",
    "إن",
    "بأن",
    "على",
    "ضرورة",
    "الوزير",
    "لـ",
    "و",
    "بحسب",
    "نص",
    "البيان",
    "كان",
    "قد",
    "الذي",
    "يُذكر",
    "said",
    "says",
    "told",
    "that",
    "according",
    "to",
    "he",
    "The",
    "Mr.",
    "who",
    "saying",
    "and",
    "«",
    "»",
    "“",
    "”",
    "„",
    "\"",
    "'",
    "‘",
    "’",
    ":",
    "،",
    ",",
    ".",
    "؟",
    "?",
    "!",
    "؛",
    "(",
    ")",
    "-",
    "\n",
    "\n\n",
    " ",
    " ",
    " ",
    "ـ",
    "\u{200f}",
    "١٢",
    "3.5",
];

fn soup(seed: u64, len: usize) -> String {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut out = String::new();
    for _ in 0..len {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        out.push_str(PIECES[(x >> 33) as usize % PIECES.len()]);
        if !(x >> 20).is_multiple_of(3) {
            out.push(' ');
        }
    }
    out
}

fn stages() -> (SegmentStage, QuotesStage) {
    (
        SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap(),
        QuotesStage::new(QuotesConfig::default(), Path::new(".")).unwrap(),
    )
}

fn run((segment, quotes): &(SegmentStage, QuotesStage), text: String, lang: Lang) -> Document {
    let mut doc = Document::new("soup", text);
    doc.meta.lang = Some(lang);
    segment.process(&mut doc).unwrap();
    quotes.process(&mut doc).unwrap();
    doc
}

#[test]
fn random_soups_never_panic_and_claims_are_well_formed() {
    let st = stages();
    for seed in 0..300 {
        for lang in [Lang::Ar, Lang::En] {
            let doc = run(&st, soup(seed, 40 + (seed as usize % 7) * 30), lang.clone());
            for (n, c) in doc.layers.claims.iter().enumerate() {
                assert_eq!(c.id, format!("c{}", n + 1));
                assert!(!c.content.is_empty(), "seed {seed}: empty content");
                c.content.check(&doc.text).unwrap();
                c.cue.check(&doc.text).unwrap();
                assert!(
                    c.content.len() <= QuotesConfig::default().max_quote_bytes + 2000,
                    "seed {seed}: content too long"
                );
            }
        }
    }
}

#[test]
fn degenerate_documents() {
    let st = stages();
    for text in [
        "",
        " ",
        "\n\n",
        "«",
        "»»»««",
        "\"\"\"",
        "قال",
        "قال:",
        "said",
        "“",
        "قال إن",
        "he said that",
        "، ، ،",
    ] {
        for lang in [Lang::Ar, Lang::En] {
            run(&st, text.to_string(), lang);
        }
    }
}
