//! The cost of the plugin boundary: the same trivial stage built in and loaded as a plugin.
//!
//! The work itself (count bytes and claims, store them in an extension) is nearly free, so the
//! difference between `builtin` and `plugin` is the JSON crossing: serialise the input view,
//! parse it in the plugin, diff, serialise the patch, parse and check it in the host.
//! `input_json` shows why only declared layers are sent: the same document serialised with all
//! its layers versus with the claims alone.
//!
//! Run: `cargo bench -p isnad-plugin --bench overhead`

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::OnceLock;

use divan::Bencher;
use isnad_core::{
    Claim, Document, Layer, Normalized, QuoteKind, Sentence, Stage, StageError, Token, TokenKind,
};
use isnad_plugin::host::PluginStage;
use isnad_plugin::payload::input_json;
use serde_json::json;

fn main() {
    // The payload sizes behind the timings, for the note.
    let all = [Layer::Normalized, Layer::Sentences, Layer::Tokens, Layer::Quotes];
    for p in SIZES {
        let doc = document(p);
        eprintln!(
            "paragraphs={p}: text {} B, claims {}, input JSON claims-only {} B, all layers {} B",
            doc.text.len(),
            doc.layers.claims.len(),
            input_json(&doc, &[Layer::Quotes]).len(),
            input_json(&doc, &all).len()
        );
    }
    divan::main();
}

/// A document of `paragraphs` paragraphs of Arabic news prose, with a claim per paragraph and
/// the segmentation layers a real pipeline would have added by then.
fn document(paragraphs: usize) -> Document {
    let para = "وقال المتحدث باسم الوزارة في مؤتمر صحفي إن معدل التضخم ارتفع إلى 12 بالمئة خلال العام الماضي، \
                مقارنة بنحو 9 بالمئة في العام الذي سبقه، مشيراً إلى أن الحكومة ستعلن إجراءات جديدة.\n";
    let text = para.repeat(paragraphs);
    let mut doc = Document::new("bench", text.clone());
    let mut at = 0;
    for (i, p) in text.split_inclusive('\n').enumerate() {
        let content_start = at + p.find("معدل").unwrap();
        let content_end = at + p.find('،').unwrap();
        doc.layers.claims.push(Claim {
            confidence: 0.8,
            ..Claim::new(
                format!("c{}", i + 1),
                QuoteKind::Indirect,
                doc.span(at + "و".len(), at + "وقال".len()).unwrap(),
                doc.span(content_start, content_end).unwrap(),
            )
        });
        doc.layers
            .sentences
            .push(Sentence { span: doc.span(at, at + p.len()).unwrap(), paragraph: i });
        at += p.len();
    }
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                doc.layers.tokens.push(Token {
                    span: doc.span(s, i).unwrap(),
                    norm: (s as u32, i as u32),
                    kind: TokenKind::Word,
                    clitic_max: 0,
                });
                start = None;
            }
            _ => {}
        }
    }
    doc.layers.normalized =
        Some(Normalized { text: text.clone(), map: (0..=text.len() as u32).collect() });
    for layer in [Layer::Normalized, Layer::Sentences, Layer::Tokens, Layer::Quotes] {
        doc.layers.provided.insert(layer);
    }
    doc
}

/// The built-in twin of the fault-injector plugin's normal work.
struct Probe;

impl Stage for Probe {
    fn name(&self) -> &str {
        "probe"
    }
    fn requires(&self) -> &[Layer] {
        &[]
    }
    fn provides(&self) -> &[Layer] {
        &[]
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let probe = json!({ "bytes": doc.text.len(), "claims": doc.layers.claims.len() });
        doc.layers.extensions.insert("fault-probe".to_string(), probe);
        Ok(())
    }
}

fn plugin() -> &'static PluginStage {
    static STAGE: OnceLock<PluginStage> = OnceLock::new();
    STAGE.get_or_init(|| {
        PluginStage::load(&common::rust_plugin("fault-injector"), serde_json::Value::Null)
            .expect("load plugin")
    })
}

/// Paragraphs per document: ~0.3 KB (small) and ~30 KB (large) of text.
const SIZES: [usize; 2] = [1, 100];

#[divan::bench(args = SIZES)]
fn builtin(bencher: Bencher<'_, '_>, paragraphs: usize) {
    let doc = document(paragraphs);
    bencher
        .counter(divan::counter::BytesCount::new(doc.text.len()))
        .with_inputs(|| doc.clone())
        .bench_local_refs(|d| {
            Probe.process(d).unwrap();
        });
}

#[divan::bench(args = SIZES)]
fn plugin_stage(bencher: Bencher<'_, '_>, paragraphs: usize) {
    let doc = document(paragraphs);
    let stage = plugin();
    bencher
        .counter(divan::counter::BytesCount::new(doc.text.len()))
        .with_inputs(|| doc.clone())
        .bench_local_refs(|d| {
            stage.try_process(d).unwrap();
        });
}

#[divan::bench(args = SIZES)]
fn input_json_claims_only(bencher: Bencher<'_, '_>, paragraphs: usize) {
    let doc = document(paragraphs);
    bencher.bench_local(|| input_json(&doc, &[Layer::Quotes]).len());
}

#[divan::bench(args = SIZES)]
fn input_json_all_layers(bencher: Bencher<'_, '_>, paragraphs: usize) {
    let doc = document(paragraphs);
    let all = [Layer::Normalized, Layer::Sentences, Layer::Tokens, Layer::Quotes];
    bencher.bench_local(|| input_json(&doc, &all).len());
}
