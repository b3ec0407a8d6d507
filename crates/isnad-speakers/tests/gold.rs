//! Speaker linking measured on the team's gold files in `../shared/corpus`, independently of
//! quote detection: claims are built from the gold content spans, with the cue and speaker
//! mention found in the text next to them, and the linker's `speaker.name` is compared with the
//! gold speaker and its aliases (after folding). A gold speaker of `null` (an anonymous source)
//! is right when the linker names none of the article's named speakers.
//!
//! Says "skipped" on standard error when `../shared` is absent. Prints every miss.

use std::path::{Path, PathBuf};

use isnad_core::{Claim, Document, Lang, QuoteKind, Span, Speaker, Stage};
use isnad_speakers::{SpeakersConfig, SpeakersStage};
use isnad_text::{SegmentConfig, SegmentStage, fold};
use serde_json::Value;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if !p.is_dir() {
        eprintln!("skipped: ../shared not found");
    }
    p.is_dir().then_some(p)
}

fn byte_of(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b)
}

/// Occurrences of `needle` in `text` (byte offsets).
fn find_all(text: &str, needle: &str) -> Vec<usize> {
    text.match_indices(needle).map(|(i, _)| i).collect()
}

fn key(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

struct Score {
    right: usize,
    total: usize,
    /// Each gold file with the document as the linker left it.
    docs: Vec<(Value, Document)>,
}

fn run_dir(dir: &Path) -> Score {
    let mut score = Score { right: 0, total: 0, docs: Vec::new() };
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let segment = SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap();
    let stage = SpeakersStage::new(SpeakersConfig::default(), Path::new(".")).unwrap();
    for gold_path in files.iter().filter(|p| p.to_string_lossy().ends_with(".gold.json")) {
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
        let txt = gold_path.to_string_lossy().replace(".gold.json", ".txt");
        let text = std::fs::read_to_string(&txt).unwrap();
        let mut doc = Document::new(gold["document"]["id"].as_str().unwrap(), text.clone());
        doc.meta.lang = Some(Lang::Ar);
        doc.meta.published = gold["document"]["published"].as_str().and_then(|p| p.parse().ok());
        segment.process(&mut doc).unwrap();
        let gclaims = gold["claims"].as_array().unwrap();
        for (n, g) in gclaims.iter().enumerate() {
            let cs = byte_of(&text, g["content_span"][0].as_u64().unwrap() as usize);
            let ce = byte_of(&text, g["content_span"][1].as_u64().unwrap() as usize);
            let cue_text = g["cue"].as_str().unwrap();
            // The cue nearest the content, before it preferably.
            let cue_at = find_all(&text, cue_text)
                .into_iter()
                .min_by_key(|&i| {
                    if i + cue_text.len() <= cs {
                        cs - i - cue_text.len()
                    } else {
                        i.saturating_sub(ce) + 400
                    }
                })
                .expect("cue in text");
            let cue = Span::new(cue_at, cue_at + cue_text.len()).unwrap();
            let mention = g["speaker_mention"].as_str().map(|m| {
                let at = find_all(&text, m)
                    .into_iter()
                    .filter(|&i| i + m.len() <= cs || i >= ce)
                    .min_by_key(|&i| i.abs_diff(cue_at))
                    .expect("mention in text");
                Span::new(at, at + m.len()).unwrap()
            });
            doc.layers.claims.push(Claim {
                speaker: Speaker { mention, implicit: mention.is_none(), entity: None, name: None },
                ..Claim::new(
                    format!("c{}", n + 1),
                    QuoteKind::Indirect,
                    cue,
                    Span::new(cs, ce).unwrap(),
                )
            });
        }
        stage.process(&mut doc).unwrap();
        let speakers = gold["speakers"].as_object().cloned().unwrap_or_default();
        let all_named: Vec<String> = speakers
            .iter()
            .flat_map(|(k, v)| {
                std::iter::once(key(k)).chain(
                    v["aliases"].as_array().into_iter().flatten().map(|a| key(a.as_str().unwrap())),
                )
            })
            .collect();
        for (g, c) in gclaims.iter().zip(&doc.layers.claims) {
            let predicted = c.speaker.name.as_deref().map(key);
            let ok = match g["speaker"].as_str() {
                Some(s) => {
                    let mut names = vec![key(s)];
                    if let Some(v) = speakers.get(s) {
                        names.extend(
                            v["aliases"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .map(|a| key(a.as_str().unwrap())),
                        );
                    }
                    predicted.as_ref().is_some_and(|p| names.contains(p))
                }
                None => predicted.as_ref().is_none_or(|p| !all_named.contains(p)),
            };
            score.total += 1;
            if ok {
                score.right += 1;
            } else {
                eprintln!(
                    "MISS {} {}: cue {:?} mention {:?}: gold {:?}, got {:?}",
                    doc.id,
                    c.id,
                    g["cue"].as_str().unwrap(),
                    g["speaker_mention"].as_str(),
                    g["speaker"].as_str(),
                    c.speaker.name
                );
            }
        }
        if std::env::var_os("SPEAKERS_DUMP").is_some() {
            eprintln!("{}", serde_json::to_string_pretty(&doc.layers.entities).unwrap());
        }
        score.docs.push((gold, doc));
    }
    score
}

#[test]
fn seed_gold_speaker_accuracy() {
    let Some(root) = shared() else { return };
    let s = run_dir(&root.join("ar"));
    let acc = s.right as f64 / s.total as f64;
    eprintln!("seed: {}/{} = {:.1}%", s.right, s.total, acc * 100.0);
    assert!(acc >= 0.95, "seed speaker accuracy {acc:.3} < 0.95");
}

#[test]
fn ar_dev_gold_speaker_accuracy() {
    let Some(root) = shared() else { return };
    let s = run_dir(&root.join("ar-dev"));
    let acc = s.right as f64 / s.total as f64;
    eprintln!("ar-dev: {}/{} = {:.1}%", s.right, s.total, acc * 100.0);
    assert!(acc >= 0.90, "ar-dev speaker accuracy {acc:.3} < 0.90");
}

/// Issue 4: "the seed's `speakers` table comes out as its entities (aliases and roles)": every
/// gold speaker is an entity of that name, its gold aliases are among the entity's names and its
/// gold roles among the entity's roles (compared folded).
#[test]
fn seed_speakers_table_as_entities() {
    let Some(root) = shared() else { return };
    let s = run_dir(&root.join("ar"));
    for (gold, doc) in &s.docs {
        for (name, entry) in gold["speakers"].as_object().into_iter().flatten() {
            let e = doc
                .layers
                .entities
                .iter()
                .find(|e| key(&e.name) == key(name))
                .unwrap_or_else(|| panic!("no entity named {name}: {:?}", doc.layers.entities));
            let names: Vec<String> =
                std::iter::once(&e.name).chain(&e.aliases).map(|a| key(a)).collect();
            for a in entry["aliases"].as_array().into_iter().flatten() {
                assert!(
                    names.contains(&key(a.as_str().unwrap())),
                    "{name}: alias {a} not in {names:?}"
                );
            }
            let roles: Vec<String> = e.roles.iter().map(|r| key(r)).collect();
            for r in entry["roles"].as_array().into_iter().flatten() {
                assert!(
                    roles.contains(&key(r.as_str().unwrap())),
                    "{name}: role {r} not in {roles:?}"
                );
            }
        }
    }
}
