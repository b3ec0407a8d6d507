//! When the `dates` stage ran before, its time expressions end a source phrase after بحسب: the
//! date is when the report came out, not part of the report's name.

use std::path::Path;

use isnad_core::{Document, Lang, Stage, Timex};
use isnad_quotes::{QuotesConfig, QuotesStage};
use isnad_text::{SegmentConfig, SegmentStage};

fn speaker(text: &str, timex: Option<&str>) -> String {
    let mut doc = Document::new("t", text);
    doc.meta.lang = Some(Lang::Ar);
    SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap().process(&mut doc).unwrap();
    if let Some(t) = timex {
        let start = text.find(t).unwrap();
        let json = format!(
            r#"{{"span": {{"start": {start}, "end": {}}}, "kind": "value", "grain": "month", "value": "2025-11", "calendar": "gregorian"}}"#,
            start + t.len()
        );
        doc.layers.timexes.push(serde_json::from_str::<Timex>(&json).unwrap());
    }
    QuotesStage::new(QuotesConfig::default(), Path::new(".")).unwrap().process(&mut doc).unwrap();
    let c = doc.layers.claims.first().expect("a claim");
    doc.slice(c.speaker.mention.expect("a speaker mention")).to_string()
}

#[test]
fn a_timex_after_the_dating_participle_ends_the_source() {
    let text =
        "وبحسب تقرير المنظمة الصادر في نوفمبر الماضي، فإن الأسعار ارتفعت بشكل كبير في المنطقة.";
    assert_eq!(speaker(text, Some("نوفمبر الماضي")), "تقرير المنظمة");
    // Without the dates stage a month name is not known here: the phrase runs on (bounded).
    assert_ne!(speaker(text, None), "تقرير المنظمة");
}

#[test]
fn a_timex_right_after_the_source_ends_it() {
    let text = "وبحسب بيان وزارة الصحة نهاية الشهر الماضي، فإن عدد الإصابات تراجع بشكل ملحوظ.";
    assert_eq!(speaker(text, Some("نهاية الشهر الماضي")), "بيان وزارة الصحة");
}
