//! One fixture per phenomenon (`tests/fixtures/{ar,en}-*.txt`, written for these tests), run
//! through the segment and quote stages with every act (`acts` lists them all); the claims are
//! printed with their text so that a reviewer reads each snapshot as a list of who said what
//! (an act other than speech follows the confidence). Lines of a fixture that start with `#` are
//! notes for the reader (what a paragraph tests; `# wrong:` for a known error the snapshot keeps),
//! not text.

use std::fmt::Write;
use std::path::Path;

use isnad_core::{Act, Document, Lang, Stage};
use isnad_quotes::{QuotesConfig, QuotesStage};
use isnad_text::{SegmentConfig, SegmentStage};

fn render(doc: &Document) -> String {
    let mut out = String::new();
    for c in &doc.layers.claims {
        let kind = format!("{:?}", c.kind).to_lowercase();
        let block = format!("{:?}", c.block).to_lowercase();
        let act = if c.act == Act::Speech { String::new() } else { format!(" {}", c.act.as_str()) };
        writeln!(out, "{} {kind} {block} confidence={:.2}{act}", c.id, c.confidence).unwrap();
        writeln!(out, "  cue:     {}", doc.slice(c.cue)).unwrap();
        let speaker = match (c.speaker.mention, c.speaker.implicit) {
            (Some(m), _) => doc.slice(m).to_string(),
            (None, true) => "(implicit)".to_string(),
            (None, false) => "(none)".to_string(),
        };
        writeln!(out, "  speaker: {speaker}").unwrap();
        if let Some(m) = c.medium {
            writeln!(out, "  medium:  {}", doc.slice(m)).unwrap();
        }
        writeln!(out, "  content: {}", doc.slice(c.content)).unwrap();
    }
    if !doc.layers.mentions.is_empty() {
        writeln!(out, "mentions:").unwrap();
        for m in &doc.layers.mentions {
            let kind = format!("{:?}", m.kind).to_lowercase();
            writeln!(out, "  {kind}: {}", doc.slice(m.span)).unwrap();
        }
    }
    out
}

/// The fixture without its `#` note lines.
fn without_notes(text: &str) -> String {
    text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n")
}

#[test]
fn fixtures() {
    let segment = SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap();
    let all_acts = QuotesConfig { acts: Act::ALL.to_vec(), ..QuotesConfig::default() };
    let quotes = QuotesStage::new(all_acts, Path::new(".")).unwrap();
    insta::glob!("fixtures/*.txt", |path| {
        let text = without_notes(&std::fs::read_to_string(path).unwrap());
        let name = path.file_name().unwrap().to_string_lossy();
        let mut doc = Document::new(name.to_string(), text);
        doc.meta.lang = Some(if name.starts_with("ar-") { Lang::Ar } else { Lang::En });
        segment.process(&mut doc).unwrap();
        quotes.process(&mut doc).unwrap();
        insta::assert_snapshot!(render(&doc));
    });
}

#[test]
fn other_languages_are_left_alone() {
    let segment = SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap();
    let quotes = QuotesStage::new(QuotesConfig::default(), Path::new(".")).unwrap();
    let mut doc = Document::new("fr", "Le ministre a dit que « la réforme passera ».");
    doc.meta.lang = Some(Lang::from_code("fr"));
    segment.process(&mut doc).unwrap();
    quotes.process(&mut doc).unwrap();
    assert!(doc.layers.claims.is_empty());
}

#[test]
fn a_stray_mark_never_swallows_the_page() {
    let segment = SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap();
    let quotes = QuotesStage::new(QuotesConfig::default(), Path::new(".")).unwrap();
    let para = "وقال المسؤول إن \"الوضع مستقر في المدينة.\n\n";
    let filler = "وشهدت الأسواق حركة عادية خلال اليوم مع ارتفاع طفيف في الأسعار.\n\n".repeat(200);
    let mut doc = Document::new("stray", format!("{para}{filler}"));
    doc.meta.lang = Some(Lang::Ar);
    segment.process(&mut doc).unwrap();
    quotes.process(&mut doc).unwrap();
    assert_eq!(doc.layers.claims.len(), 1);
    let content = doc.slice(doc.layers.claims[0].content);
    assert!(content.len() < para.len(), "{content}");
}

#[test]
fn missing_layers_are_an_error() {
    let quotes = QuotesStage::new(QuotesConfig::default(), Path::new(".")).unwrap();
    let mut doc = Document::new("raw", "قال الوزير إن الأمر انتهى.");
    doc.meta.lang = Some(Lang::Ar);
    assert!(quotes.process(&mut doc).is_err());
}
