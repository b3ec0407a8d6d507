//! The side list: an article's speakers in order of their first claim, each with their claims,
//! and the colour that marks them in the text.

use isnad_runner::Record;
use serde::Serialize;

use super::claims::{ClaimView, name};

/// Colours in the palette (`sp0` … `sp9` in `templates/report.css`); an article with more speakers
/// starts over, and the side list still tells them apart by name.
const PALETTE: usize = 10;

/// One speaker of an article and what they said in it.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerView {
    /// The entity id, or `-` for claims without a linked speaker (what the filter buttons send).
    pub key: String,
    /// Colour class.
    pub colour: String,
    /// The entity's name.
    pub name: String,
    /// `person`, `organization`, `group`, `unknown`; none for claims without entity.
    pub kind: Option<String>,
    /// Roles the article gives them ("وزير الموارد المائية").
    pub roles: Vec<String>,
    /// Other names the article uses.
    pub aliases: Vec<String>,
    /// Their claims, in text order.
    pub claims: Vec<ClaimView>,
}

/// Which colour each speaker gets: entities in order of their first claim.
#[derive(Debug, Default)]
pub(super) struct Colours {
    keys: Vec<String>,
}

impl Colours {
    pub(super) fn of(record: &Record) -> Colours {
        let mut keys: Vec<String> = Vec::new();
        for entity in record.claims.iter().filter_map(|c| c.speaker.entity.as_ref()) {
            if !keys.contains(entity) {
                keys.push(entity.clone());
            }
        }
        Colours { keys }
    }

    /// The colour class of a speaker key (`spx` for claims without entity).
    pub(super) fn class(&self, key: &str) -> String {
        match self.keys.iter().position(|k| k == key) {
            Some(i) => format!("sp{}", i % PALETTE),
            None => "spx".into(),
        }
    }
}

/// The side list of `record`: one entry per speaker entity, then one for claims without entity.
pub(super) fn side_list(
    record: &Record,
    claims: Vec<ClaimView>,
    colours: &Colours,
) -> Vec<SpeakerView> {
    let mut out: Vec<SpeakerView> = colours
        .keys
        .iter()
        .map(|key| {
            let entity = record.entities.iter().find(|e| &e.id == key);
            SpeakerView {
                key: key.clone(),
                colour: colours.class(key),
                name: entity.map(|e| e.name.clone()).unwrap_or_else(|| key.clone()),
                kind: entity.map(|e| name(&e.kind)),
                roles: entity.map(|e| e.roles.clone()).unwrap_or_default(),
                aliases: entity.map(|e| e.aliases.clone()).unwrap_or_default(),
                claims: Vec::new(),
            }
        })
        .collect();
    let mut unlinked = SpeakerView {
        key: "-".into(),
        colour: "spx".into(),
        name: "No linked speaker".into(),
        kind: None,
        roles: Vec::new(),
        aliases: Vec::new(),
        claims: Vec::new(),
    };
    for claim in claims {
        match out.iter_mut().find(|s| s.key == claim.entity) {
            Some(speaker) => speaker.claims.push(claim),
            None => unlinked.claims.push(claim),
        }
    }
    if !unlinked.claims.is_empty() {
        out.push(unlinked);
    }
    out
}
