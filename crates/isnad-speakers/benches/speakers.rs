//! Throughput of the speaker stage on generated news text (segment and quotes run in setup, so
//! the figure is for `speakers` alone). `cargo bench -p isnad-speakers` prints MB/s per language.
//! Each document is one news-sized article (~6 KB); the counter is the bytes of all of them.

use std::path::Path;

use divan::Bencher;
use divan::counter::BytesCount;
use isnad_core::{Document, Lang, Stage};
use isnad_quotes::{QuotesConfig, QuotesStage};
use isnad_speakers::{SpeakersConfig, SpeakersStage};
use isnad_text::{SegmentConfig, SegmentStage};

fn main() {
    divan::main();
}

/// An Arabic article: titled speakers, surnames, organisations, implicit subjects, narrative.
fn arabic(n: usize) -> String {
    let people = [
        ("وزير الخارجية أحمد سالم", "سالم"),
        ("المتحدث باسم الحكومة، خالد يوسف", "يوسف"),
        ("رئيسة الهيئة ليلى منصور", "منصور"),
    ];
    let mut out = String::new();
    let mut k = 0;
    while out.len() < 6_000 {
        let (full, short) = people[(n + k) % people.len()];
        out.push_str(&format!(
            "قال {full} إن الحكومة ستواصل العمل على خطة الإصلاح خلال العام المقبل، مشيرا إلى أن الموازنة تتضمن زيادة في الإنفاق.\n\n\
             وأضاف {short} أن \"المواطن سيلمس النتائج قريبا\".\n\n\
             وأكدت وزارة المالية في بيان أن العجز سينخفض، وأضافت الوزارة أن الإيرادات ارتفعت.\n\n\
             وتابع: «لن نتراجع عن هذه الخطوات».\n\n\
             وشهدت الأسواق ارتفاعا في الأسعار خلال الأسبوع الماضي بحسب بيانات الجهاز المركزي للإحصاء.\n\n"
        ));
        k += 1;
    }
    out
}

/// An English article with the same constructions.
fn english(n: usize) -> String {
    let people =
        [("Senator Jane Miller", "Miller"), ("Thomas Reed, a spokesman for the agency,", "Reed")];
    let mut out = String::new();
    let mut k = 0;
    while out.len() < 6_000 {
        let (full, short) = people[(n + k) % people.len()];
        out.push_str(&format!(
            "{full} said on Tuesday that the budget would include new spending on schools, adding that taxes would not rise.\n\n\
             \"We are not going to back down,\" {short} told reporters. \"People will see the results soon,\" she said.\n\n\
             The State Department said it was monitoring the situation. The department added that no warning had been issued.\n\n\
             Prices rose sharply last week, according to the statistics office.\n\n"
        ));
        k += 1;
    }
    out
}

fn prepared(lang: Lang) -> Vec<Document> {
    let base = Path::new(".");
    let segment = SegmentStage::new(SegmentConfig::default(), base).expect("segment stage");
    let quotes = QuotesStage::new(QuotesConfig::default(), base).expect("quotes stage");
    (0..160)
        .map(|n| {
            let text = if lang == Lang::Ar { arabic(n) } else { english(n) };
            let mut doc = Document::new(format!("bench{n}"), text);
            doc.meta.lang = Some(lang.clone());
            doc.meta.published = Some("2024-06-10".parse().expect("date"));
            segment.process(&mut doc).expect("segment");
            quotes.process(&mut doc).expect("quotes");
            doc
        })
        .collect()
}

fn run(bencher: Bencher<'_, '_>, lang: Lang) {
    let stage =
        SpeakersStage::new(SpeakersConfig::default(), Path::new(".")).expect("speakers stage");
    let docs = prepared(lang);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).with_inputs(|| docs.clone()).bench_local_values(
        |mut docs| {
            for d in &mut docs {
                stage.process(d).expect("speakers");
            }
            docs
        },
    );
}

#[divan::bench]
fn speakers_arabic(bencher: Bencher<'_, '_>) {
    run(bencher, Lang::Ar);
}

#[divan::bench]
fn speakers_english(bencher: Bencher<'_, '_>) {
    run(bencher, Lang::En);
}
