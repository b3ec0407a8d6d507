//! Snapshot tests over the team's own fixtures, one per phenomenon (`tests/fixtures/*.toml`).
//!
//! A fixture gives the text, the language, the publication date, and the claims as the quote
//! stage would give them: cue, content and (unless the subject is unwritten) speaker mention,
//! each as the first whole-word occurrence after the previous claim's cue and mention, plus
//! optional date expressions with their resolved values. The snapshot shows, per claim, who the
//! linker says spoke and when, and the entities it built.

use std::path::Path;

use isnad_core::{
    Calendar, Claim, Document, Grain, Lang, QuoteKind, Span, Speaker, Stage, Timex, TimexKind,
};
use isnad_speakers::{SpeakersConfig, SpeakersStage};
use isnad_text::{SegmentConfig, SegmentStage};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    lang: String,
    published: Option<String>,
    /// A gazetteer under `pipelines/gazetteers/`, by file name.
    gazetteer: Option<String>,
    /// The stage's `all-entities` option.
    #[serde(default)]
    all_entities: bool,
    text: String,
    #[serde(default)]
    claim: Vec<FixClaim>,
    #[serde(default)]
    timex: Vec<FixTimex>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixClaim {
    cue: String,
    content: String,
    mention: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixTimex {
    text: String,
    value: String,
}

/// The first whole-word occurrence of `needle` at or after byte `from`.
fn find(text: &str, needle: &str, from: usize, what: &str) -> Span {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let at = text[from..]
        .match_indices(needle)
        .map(|(i, _)| i + from)
        .find(|&i| {
            !word(text[..i].chars().next_back()) && !word(text[i + needle.len()..].chars().next())
        })
        .unwrap_or_else(|| panic!("{what} '{needle}' not found after byte {from}"));
    Span::new(at, at + needle.len()).unwrap()
}

fn run(path: &Path) -> serde_json::Value {
    let fx: Fixture = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let text = fx.text.trim().to_string();
    let mut doc = Document::new(path.file_stem().unwrap().to_string_lossy(), text.clone());
    doc.meta.lang = Some(Lang::from_code(&fx.lang));
    doc.meta.published = fx.published.as_deref().map(|p| p.parse().unwrap());
    SegmentStage::new(SegmentConfig::default(), Path::new(".")).unwrap().process(&mut doc).unwrap();
    let mut cursor = 0;
    for (n, c) in fx.claim.iter().enumerate() {
        let cue = find(&text, &c.cue, cursor, "cue");
        let content = find(&text, &c.content, cursor, "content");
        let mention = c.mention.as_deref().map(|m| find(&text, m, cursor, "mention"));
        // The next claim's spans come after this claim's cue and mention.
        cursor = [Some(cue), mention].into_iter().flatten().map(|s| s.end()).max().unwrap();
        doc.layers.claims.push(Claim {
            speaker: Speaker { mention, implicit: mention.is_none(), entity: None, name: None },
            ..Claim::new(format!("c{}", n + 1), QuoteKind::Indirect, cue, content)
        });
    }
    for t in &fx.timex {
        doc.layers.timexes.push(Timex {
            span: find(&text, &t.text, 0, "timex"),
            kind: TimexKind::Value,
            grain: Grain::Day,
            value: Some(t.value.clone()),
            from: None,
            to: None,
            calendar: Calendar::Gregorian,
            timex3: None,
            ends: Vec::new(),
        });
    }
    let gazetteer = fx.gazetteer.as_ref().map(|g| g.into());
    let config =
        SpeakersConfig { gazetteer, all_entities: fx.all_entities, ..SpeakersConfig::default() };
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../pipelines/gazetteers");
    let stage = SpeakersStage::new(config, &base).unwrap();
    stage.process(&mut doc).unwrap();
    let claims: Vec<_> = doc
        .layers
        .claims
        .iter()
        .map(|c| {
            json!({
                "cue": doc.slice(c.cue),
                "mention": c.speaker.mention.map(|m| doc.slice(m)),
                "speaker": c.speaker.name,
                "entity": c.speaker.entity,
                "date": c.date.as_ref().map(|d| format!("{} ({:?}{})", d.value, d.source, if d.before { ", before" } else { "" })),
            })
        })
        .collect();
    let entities: Vec<_> = doc
        .layers
        .entities
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": e.aliases,
                "roles": e.roles,
                "kb_id": e.kb_id,
                "mentions": e.mentions.iter().map(|&m| doc.slice(m)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "claims": claims, "entities": entities })
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*.toml", |path| {
        insta::assert_json_snapshot!(run(path));
    });
}
