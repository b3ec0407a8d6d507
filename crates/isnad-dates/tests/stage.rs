//! The stage inside a pipeline: segment + dates over whole documents.

use std::path::Path;

use isnad_core::{Document, Lang, Layer, Stage, TimexKind};
use isnad_dates::{Bare, DatesConfig, DatesStage, HijriVariant};
use isnad_text::{SegmentConfig, SegmentStage};

fn run(text: &str, lang: &str, published: Option<&str>, config: DatesConfig) -> Document {
    let seg = SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap();
    let dates = DatesStage::new(config, Path::new(".")).unwrap();
    let mut doc = Document::new("t", text);
    doc.meta.lang = Some(Lang::from_code(lang));
    doc.meta.published = published.map(|p| p.parse().unwrap());
    seg.process(&mut doc).unwrap();
    doc.layers.provided.extend(seg.provides().iter().cloned());
    dates.process(&mut doc).unwrap();
    doc
}

fn found(doc: &Document) -> Vec<(String, String)> {
    doc.layers
        .timexes
        .iter()
        .map(|t| {
            let v = match t.kind {
                TimexKind::Value => t.value.clone().unwrap_or_default(),
                TimexKind::Interval => format!(
                    "{}..{}",
                    t.from.clone().unwrap_or_default(),
                    t.to.clone().unwrap_or_default()
                ),
                TimexKind::Duration | TimexKind::Set => {
                    t.timex3.as_ref().map(|x| x.value.clone()).unwrap_or_default()
                }
            };
            (doc.slice(t.span).to_string(), v)
        })
        .collect()
}

#[test]
fn spans_point_into_the_original_text() {
    // diacritics, tatweel and Arabic-Indic digits are folded for matching, not in the spans
    let text = "وقالَ الوزيرُ أمسِ إنّ الاجتماعَ عُقد الخميـــس الماضي.\nوينتهي العقد في ١٥ مارس ٢٠٢٥.";
    let doc = run(text, "ar", Some("2025-02-19"), DatesConfig::default());
    assert_eq!(
        found(&doc),
        vec![
            ("أمسِ".to_string(), "2025-02-18".to_string()),
            ("الخميـــس الماضي".to_string(), "2025-02-13".to_string()),
            ("في ١٥ مارس ٢٠٢٥".to_string(), "2025-03-15".to_string()),
        ]
    );
}

#[test]
fn without_a_publication_date_only_absolute_values_are_given() {
    let text =
        "Talks resumed yesterday. The deal was signed on 12 February 2025 and runs until 2030.";
    let doc = run(text, "en", None, DatesConfig::default());
    assert_eq!(
        found(&doc),
        vec![
            ("on 12 February 2025".to_string(), "2025-02-12".to_string()),
            ("until 2030".to_string(), "..2030".to_string())
        ]
    );
}

#[test]
fn other_languages_are_left_alone() {
    let doc = run("Le 12 février 2025, hier.", "fr", Some("2025-02-19"), DatesConfig::default());
    assert!(doc.layers.timexes.is_empty());
}

#[test]
fn bare_policy_decides_bare_weekdays() {
    let text = "The vote is on Thursday.";
    let future = run(
        text,
        "en",
        Some("2025-02-19"),
        DatesConfig { bare: Bare::Future, ..DatesConfig::default() },
    );
    let past = run(
        text,
        "en",
        Some("2025-02-19"),
        DatesConfig { bare: Bare::Past, ..DatesConfig::default() },
    );
    let nearest = run(
        text,
        "en",
        Some("2025-02-19"),
        DatesConfig { bare: Bare::Nearest, ..DatesConfig::default() },
    );
    assert_eq!(found(&future)[0].1, "2025-02-20");
    assert_eq!(found(&past)[0].1, "2025-02-13");
    assert_eq!(found(&nearest)[0].1, "2025-02-20");
    // `tense`: a past-tense sentence reads the last one
    let tensed = run(
        "The minister said on Thursday that talks failed.",
        "en",
        Some("2025-02-19"),
        DatesConfig { bare: Bare::Tense, ..DatesConfig::default() },
    );
    assert_eq!(found(&tensed)[0].1, "2025-02-13");
}

#[test]
fn hijri_variant_is_configurable() {
    let text = "يبدأ الصيام في 1 رمضان 1446هـ.";
    let uaq = run(text, "ar", Some("2025-02-19"), DatesConfig::default());
    assert_eq!(found(&uaq)[0].1, "2025-03-01");
    let civil = run(
        text,
        "ar",
        Some("2025-02-19"),
        DatesConfig { hijri: HijriVariant::Civil, ..DatesConfig::default() },
    );
    assert!(!found(&civil).is_empty());
    assert_eq!(doc_calendar(&uaq), "hijri");
}

fn doc_calendar(doc: &Document) -> String {
    serde_json::to_value(doc.layers.timexes[0].calendar).unwrap().as_str().unwrap().to_string()
}

#[test]
fn config_is_kebab_case_and_strict() {
    let c: DatesConfig =
        serde_json::from_str(r#"{"hijri": "umm-al-qura", "bare": "nearest"}"#).unwrap();
    assert_eq!(c.bare, Bare::Nearest);
    assert!(serde_json::from_str::<DatesConfig>(r#"{"bare": "past", "policy": "x"}"#).is_err());
    let stage = DatesStage::new(DatesConfig::default(), Path::new(".")).unwrap();
    assert_eq!(stage.name(), "dates");
    assert_eq!(stage.requires(), &[Layer::Normalized, Layer::Sentences, Layer::Tokens]);
    assert_eq!(stage.provides(), &[Layer::Timexes]);
}

#[test]
fn tense_policy_reads_arabic_verbs() {
    let tense = || DatesConfig { bare: Bare::Tense, ..DatesConfig::default() };
    // published Wednesday 19 February 2025
    let past = run("وأكدت الوزارة الخميس أن الاتفاق جاهز.", "ar", Some("2025-02-19"), tense());
    assert_eq!(found(&past)[0].1, "2025-02-13");
    let future = run("تبدأ القمة الخميس في الرياض.", "ar", Some("2025-02-19"), tense());
    assert_eq!(found(&future)[0].1, "2025-02-20");
}

#[test]
fn tense_policy_sees_future_markers() {
    let tense = || DatesConfig { bare: Bare::Tense, ..DatesConfig::default() };
    // a past verb, but the event is announced for later
    let doc =
        run("وقال الوزير إنه من المقرر أن يزور الرياض الخميس.", "ar", Some("2025-02-19"), tense());
    assert_eq!(found(&doc)[0].1, "2025-02-20");
    let doc = run(
        "The minister said he will visit Riyadh on Thursday.",
        "en",
        Some("2025-02-19"),
        tense(),
    );
    assert_eq!(found(&doc)[0].1, "2025-02-20");
    // folded spellings of perfect verbs: التقى
    let doc = run("والتقى الرئيس الخميس وفدا من الكونغرس.", "ar", Some("2025-02-19"), tense());
    assert_eq!(found(&doc)[0].1, "2025-02-13");
}
