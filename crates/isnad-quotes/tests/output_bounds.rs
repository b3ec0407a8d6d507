//! The output of one document stays a small multiple of its input, whatever the text repeats
//! (issue #17: a colon with unmarked speech, repeated on one line, made 705 MB of claims from
//! 352 KB; "قال إن " 15,000 times made 1.35 GB).

use std::path::Path;

use isnad_core::{Document, Lang, Stage};
use isnad_quotes::{QuotesConfig, QuotesStage};
use isnad_text::{SegmentConfig, SegmentStage};

/// Bytes the claims of `text` take in a record: their JSON (offsets, kinds, speakers) plus the
/// text of every span, as the output record writes it.
fn output_bytes(text: &str) -> (usize, usize) {
    let segment = SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap();
    let quotes = QuotesStage::new(QuotesConfig::default(), Path::new(".")).unwrap();
    let mut doc = Document::new("repeat", text);
    doc.meta.lang = Some(Lang::Ar);
    segment.process(&mut doc).unwrap();
    quotes.process(&mut doc).unwrap();
    let claims = &doc.layers.claims;
    let mut bytes = serde_json::to_string(claims).unwrap().len();
    for c in claims {
        bytes += doc.slice(c.cue).len() + doc.slice(c.content).len();
        bytes += c.speaker.mention.map_or(0, |m| doc.slice(m).len());
        bytes += c.medium.map_or(0, |m| doc.slice(m).len());
    }
    (bytes, claims.len())
}

fn assert_bounded(unit: &str, times: usize) {
    let text = unit.repeat(times);
    let (bytes, claims) = output_bytes(&text);
    assert!(
        bytes <= 6 * text.len(),
        "{unit:?} × {times}: {bytes} bytes of claims ({claims}) from {} bytes",
        text.len()
    );
}

#[test]
fn colon_speech_repeated_on_one_line() {
    assert_bounded(
        "وقال وزير الخارجية: نحن منفتحون على الحوار مع جميع الأطراف. وأضاف أن الجولة المقبلة ستعقد في \
         الشهر القادم. ",
        2000,
    );
    // Without periods, and with an opening mark that never closes.
    assert_bounded(
        "وقال وزير الخارجية: نحن منفتحون على الحوار وأضاف أن الجولة المقبلة قريبة ",
        2000,
    );
    assert_bounded("وقال وزير الخارجية: «نحن منفتحون على الحوار مع جميع الأطراف ", 2000);
}

#[test]
fn reporting_clauses_repeated_without_end() {
    // ("إن قال" is the conditional: no complementiser, no claim. Chains of real reporting
    // clauses, "قال إن الوزير قال إن …", are bounded by the nesting depth of the stage.)
    assert_bounded("قال إن ", 15_000);
}

#[test]
fn colon_speech_still_found() {
    // The bound does not lose the claims: each sentence is one.
    let (_, claims) = output_bytes(
        &"وقال وزير الخارجية: نحن منفتحون على الحوار. وأضاف أن الجولة المقبلة قريبة. ".repeat(10),
    );
    assert_eq!(claims, 20);
}
