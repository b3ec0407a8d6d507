//! Throughput of the quote stage on generated news text (the segment stage runs in setup, so the
//! figure is for `quotes` alone). `cargo bench -p isnad-quotes` prints MB/s per language.

use std::path::Path;

use divan::Bencher;
use divan::counter::BytesCount;
use isnad_core::{Document, Lang, Stage};
use isnad_quotes::{QuotesConfig, QuotesStage};
use isnad_text::{SegmentConfig, SegmentStage};

fn main() {
    divan::main();
}

/// About 1 MB of Arabic news-like text built from varied paragraphs: reporting verbs with أن,
/// colons and quotations, participles, attribution by preposition, and plain narrative.
fn arabic() -> String {
    let names = [
        "الوزير أحمد سالم",
        "المتحدث باسم الحكومة خالد يوسف",
        "رئيس الوزراء",
        "مصدر مطلع",
        "الخارجية",
    ];
    let verbs = ["قال", "أكد", "أوضح", "أشار", "صرح"];
    let mut out = String::new();
    let mut n = 0usize;
    while out.len() < 1_000_000 {
        let name = names[n % names.len()];
        let verb = verbs[n % verbs.len()];
        out.push_str(&format!(
            "و{verb} {name}، في تصريحات لـ\"وكالة الأنباء\" يوم {n}، إن الحكومة ستواصل العمل على خطة الإصلاح الاقتصادي خلال العام المقبل، مشيرا إلى أن الموازنة الجديدة تتضمن زيادة في الإنفاق على التعليم والصحة.\n\n"
        ));
        out.push_str(
            "وأضاف: «لن نتراجع عن هذه الخطوات مهما كانت الظروف، والمواطن سيلمس النتائج قريبا».\n\n",
        );
        out.push_str("وشهدت الأسواق المحلية ارتفاعا ملحوظا في الأسعار خلال الأسبوع الماضي، بحسب بيانات الجهاز المركزي للإحصاء، فيما تراجعت قيمة العملة أمام الدولار.\n\n");
        n += 1;
    }
    out
}

/// About 1 MB of English news-like text with the common reporting constructions.
fn english() -> String {
    let names = ["Senator Jane Miller", "the spokesman", "Mr. Lee", "officials", "the White House"];
    let mut out = String::new();
    let mut n = 0usize;
    while out.len() < 1_000_000 {
        let name = names[n % names.len()];
        out.push_str(&format!(
            "{name} said on Tuesday that the budget would include new spending on schools and hospitals, adding that taxes would not rise before {n}.\n\n"
        ));
        out.push_str("“We are not going to back down from these reforms, whatever happens,” Miller told reporters. “People will see the results soon.”\n\n");
        out.push_str("Prices rose sharply in local markets last week, according to the statistics office, while the currency fell against the dollar.\n\n");
        n += 1;
    }
    out
}

fn prepared(text: String, lang: Lang) -> Document {
    let segment =
        SegmentStage::new(SegmentConfig::default(), Path::new(".")).expect("segment stage");
    let mut doc = Document::new("bench", text);
    doc.meta.lang = Some(lang);
    segment.process(&mut doc).expect("segment");
    doc
}

fn run(bencher: Bencher<'_, '_>, lang: Lang) {
    let stage = QuotesStage::new(QuotesConfig::default(), Path::new(".")).expect("quotes stage");
    let text = if lang == Lang::Ar { arabic() } else { english() };
    let doc = prepared(text, lang);
    let bytes = doc.text.len();
    bencher.counter(BytesCount::new(bytes)).with_inputs(|| doc.clone()).bench_local_values(
        |mut d| {
            stage.process(&mut d).expect("quotes");
            d
        },
    );
}

#[divan::bench]
fn quotes_arabic(bencher: Bencher<'_, '_>) {
    run(bencher, Lang::Ar);
}

#[divan::bench]
fn quotes_english(bencher: Bencher<'_, '_>) {
    run(bencher, Lang::En);
}
