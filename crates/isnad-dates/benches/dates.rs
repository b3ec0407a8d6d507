//! Throughput of the dates stage on generated news-like text (no third-party text).
//!
//! `cargo bench -p isnad-dates` prints MB/s (bytes of article text) and expressions/s for
//! Arabic and English articles: the stage alone on pre-segmented documents, as in a pipeline.

use std::path::Path;

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use isnad_core::{Document, Lang, Stage};
use isnad_dates::{DatesConfig, DatesStage};
use isnad_text::{SegmentConfig, SegmentStage};

fn main() {
    divan::main();
}

const AR_FILLER: [&str; 6] = [
    "وقال المتحدث باسم الوزارة في بيان إن المفاوضات تسير في الاتجاه الصحيح وإن الطرفين اتفقا على مواصلة الحوار.",
    "وأضاف أن الحكومة ستعمل على تنفيذ الإصلاحات الاقتصادية التي أعلنت عنها، مشيرا إلى أهمية دعم القطاع الخاص.",
    "من جهته، أكد رئيس اللجنة أن التقرير النهائي سيصدر قريبا بعد مراجعة جميع الملاحظات المقدمة من الأعضاء.",
    "وأشارت مصادر مطلعة إلى أن الوفد سيزور عددا من العواصم العربية لبحث سبل التعاون في مجالات الطاقة والتجارة.",
    "ولفت إلى أن الأسعار ارتفعت بنسبة 12 في المئة خلال الفترة الأخيرة، وهو ما أثار قلق المستهلكين.",
    "وتابع: \"نحن ملتزمون بالعمل مع شركائنا لتحقيق الاستقرار في المنطقة\".",
];
const AR_DATES: [&str; 6] = [
    "وعقد الاجتماع أمس الثلاثاء في القاهرة.",
    "ومن المقرر أن تبدأ القمة يوم الجمعة المقبل وتستمر حتى 15 مارس 2025م الموافق 15 رمضان 1446هـ.",
    "وكان الوزير قد زار المدينة الخميس الماضي، قبل أسبوعين من الانتخابات.",
    "وتنعقد الدورة من 13 إلى 15 يوليو، على أن تعلن النتائج في أواخر الشهر المقبل.",
    "ووصل الرئيس الساعة 3 عصرا اليوم الأربعاء.",
    "وسيبدأ تطبيق القرار مطلع العام المقبل بعد عيد الفطر.",
];
const EN_FILLER: [&str; 6] = [
    "The spokesman for the ministry said in a statement that negotiations were moving in the right direction.",
    "He added that the government would carry out the economic reforms it had announced, stressing support for the private sector.",
    "The committee chairman said the final report would be released soon after all comments had been reviewed.",
    "Sources said the delegation would visit several capitals to discuss cooperation on energy and trade.",
    "Prices rose by 12 percent over the period, which worried consumers and analysts alike.",
    "\"We are committed to working with our partners to bring stability to the region,\" she said.",
];
const EN_DATES: [&str; 6] = [
    "The meeting was held on Tuesday in Cairo.",
    "The summit is due to start next Friday and run until March 15, 2025.",
    "The minister visited the city last Thursday, two weeks before the election.",
    "The session runs from July 13 to 15, with results expected at the end of next month.",
    "The president arrived at 3 pm today.",
    "The decision takes effect early next year, after Christmas.",
];

/// An article of about 30 KB: filler sentences with a date sentence every third line.
fn article(filler: &[&str], dates: &[&str]) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < 30_000 {
        s.push_str(filler[i % filler.len()]);
        s.push(' ');
        if i % 3 == 2 {
            s.push_str(dates[(i / 3) % dates.len()]);
            s.push('\n');
        }
        i += 1;
    }
    s
}

fn segmented(text: &str, lang: Lang) -> Document {
    let seg = SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap();
    let mut doc = Document::new("bench", text);
    doc.meta.lang = Some(lang);
    doc.meta.published = Some("2025-02-19".parse().unwrap());
    seg.process(&mut doc).unwrap();
    doc.layers.provided.extend(seg.provides().iter().cloned());
    doc
}

fn bench_stage(bencher: Bencher<'_, '_>, doc: Document) {
    let stage = DatesStage::new(DatesConfig::default(), Path::new(".")).unwrap();
    let mut probe = doc.clone();
    stage.process(&mut probe).unwrap();
    let n = probe.layers.timexes.len();
    bencher
        .counter(BytesCount::new(doc.text.len()))
        .counter(ItemsCount::new(n))
        .with_inputs(|| doc.clone())
        .bench_local_values(|mut d| {
            stage.process(&mut d).unwrap();
            d
        });
}

#[divan::bench]
fn arabic_article(bencher: Bencher<'_, '_>) {
    bench_stage(bencher, segmented(&article(&AR_FILLER, &AR_DATES), Lang::Ar));
}

#[divan::bench]
fn english_article(bencher: Bencher<'_, '_>) {
    bench_stage(bencher, segmented(&article(&EN_FILLER, &EN_DATES), Lang::En));
}

/// Indian festivals are computed from the positions of the sun and moon on first use and cached
/// in the stage: this measures a document naming five of them for a fresh stage (the cost a
/// process pays once per festival and year), the stage's construction left out.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn english_festivals_uncached(bencher: Bencher<'_, '_>) {
    let doc = segmented(
        "Sales peaked before Diwali 2023 and again ahead of Holi 2024. Schools closed for Onam 2024, \
         Raksha Bandhan 2025 and Makar Sankranti 2025.",
        Lang::En,
    );
    bencher
        .with_inputs(|| {
            (DatesStage::new(DatesConfig::default(), Path::new(".")).unwrap(), doc.clone())
        })
        .bench_local_values(|(stage, mut d)| {
            stage.process(&mut d).unwrap();
            assert_eq!(d.layers.timexes.len(), 5);
            d
        });
}
