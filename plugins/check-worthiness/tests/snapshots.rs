//! Data-driven snapshots: every line of `fixtures/*.txt` is scored as a claim of one document,
//! through the same JSON path a loaded plugin takes (`isnad_plugin::sdk::testing`).

use check_worthiness::CheckWorthiness;
use isnad_plugin::isnad_core::{Claim, Document, Lang, Layer, QuoteKind};
use isnad_plugin::sdk::testing;
use isnad_plugin::serde_json::json;

fn document(lang: Lang, lines: &[&str]) -> Document {
    let text = lines.join("\n");
    let mut doc = Document::new("fixture", text.clone());
    doc.meta.lang = Some(lang);
    let mut at = 0;
    for (i, line) in lines.iter().enumerate() {
        doc.layers.claims.push(Claim::new(
            format!("c{}", i + 1),
            QuoteKind::Indirect,
            doc.span(at, at).unwrap(),
            doc.span(at, at + line.len()).unwrap(),
        ));
        at += line.len() + 1;
    }
    doc.layers.provided.insert(Layer::Quotes);
    doc
}

#[test]
fn scores() {
    let plugin: CheckWorthiness = testing::build(json!({})).unwrap();
    insta::glob!("fixtures/*.txt", |path| {
        let source = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> =
            source.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        let lang = Lang::from_code(path.file_stem().unwrap().to_str().unwrap());
        let mut doc = document(lang, &lines);
        testing::run(&plugin, &mut doc).unwrap();
        let mut out = String::new();
        for (claim, line) in doc.layers.claims.iter().zip(&lines) {
            let ext = &claim.ext;
            let features: Vec<&str> = ext["check_worthiness_features"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            out.push_str(&format!(
                "{:.3} {} [{}] {line}\n",
                ext["check_worthiness"].as_f64().unwrap(),
                if ext["check_worthy"] == json!(true) { "WORTHY" } else { "-     " },
                features.join(",")
            ));
        }
        insta::assert_snapshot!(out);
    });
}
