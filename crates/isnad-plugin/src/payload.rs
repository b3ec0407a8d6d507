//! The JSON that crosses the ABI: the plugin's info, the document going in, the patch coming out.
//!
//! # Going in: the document, with the layers the plugin asked for
//! The input is an [`isnad_core::Document`] serialised as JSON (`id`, `text`, `meta`, `layers`),
//! but its `layers` hold only what the plugin named in [`PluginInfo::requires`] and
//! [`PluginInfo::reads`]. Token and normalisation layers are many times larger than the text; a
//! check-worthiness scorer that only reads claims should not pay for them on every document.
//!
//! # Coming out: a patch of additions, never the document
//! The plugin answers with a [`Patch`]: fields to merge into claims' [`Claim::ext`], values for
//! its own keys of [`Layers::extensions`], metadata fields, and new claims, mentions, entities and
//! timexes. Because the text and the existing annotations are not sent back, a plugin *cannot*
//! change them; the host only has to check what was added ([`Patch::apply`]): every span fits
//! the text and falls on character boundaries, every claim named exists, ids stay unique,
//! extension keys are ones the plugin declared in `provides`. A patch that fails any check is
//! rejected as a whole and the document is left as it was.

use std::collections::{BTreeMap, BTreeSet};

use isnad_core::{
    Claim, Document, Entity, Layer, Layers, Mention, Meta, Normalized, Paragraph, Sentence, Span,
    SpanError, Timex, Token,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

/// What a plugin says about itself: returned by the `info` entry point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PluginInfo {
    /// The stage name shown in `isnad stages`, messages and error records (`check-worthiness`).
    pub name: String,
    /// The plugin's own version, for `isnad stages` and bug reports.
    #[serde(default)]
    pub version: String,
    /// One line saying what the stage adds.
    #[serde(default)]
    pub description: String,
    /// Layers an earlier stage must provide; they are sent to the plugin.
    #[serde(default)]
    pub requires: Vec<Layer>,
    /// Layers sent to the plugin when an earlier stage provided them, without being required
    /// (a scorer that uses timexes when the dates stage ran).
    #[serde(default)]
    pub reads: Vec<Layer>,
    /// Layers the plugin adds. Its keys of [`Layers::extensions`] must be listed here.
    #[serde(default)]
    pub provides: Vec<Layer>,
    /// A JSON Schema of the `config` table (e.g. from `schemars::schema_for!`), so that
    /// `isnad stages` can list the fields and their docs. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_schema: Option<Value>,
}

impl PluginInfo {
    /// Info with a name and nothing else; fill in the rest with the builder methods.
    pub fn new(name: impl Into<String>) -> PluginInfo {
        PluginInfo {
            name: name.into(),
            version: String::new(),
            description: String::new(),
            requires: Vec::new(),
            reads: Vec::new(),
            provides: Vec::new(),
            config_schema: None,
        }
    }

    /// Sets the version.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// Sets the required layers (by name: `quotes`, `tokens`, `my-layer`, …).
    pub fn requires<'a>(mut self, layers: impl IntoIterator<Item = &'a str>) -> Self {
        self.requires = layers.into_iter().map(Layer::from_name).collect();
        self
    }

    /// Sets the layers read when present.
    pub fn reads<'a>(mut self, layers: impl IntoIterator<Item = &'a str>) -> Self {
        self.reads = layers.into_iter().map(Layer::from_name).collect();
        self
    }

    /// Sets the provided layers.
    pub fn provides<'a>(mut self, layers: impl IntoIterator<Item = &'a str>) -> Self {
        self.provides = layers.into_iter().map(Layer::from_name).collect();
        self
    }

    /// Sets the config schema.
    pub fn config_schema(mut self, schema: Value) -> Self {
        self.config_schema = Some(schema);
        self
    }

    /// The layers sent to the plugin: `requires` then `reads`, without repeats.
    pub fn input_layers(&self) -> Vec<Layer> {
        let mut seen = BTreeSet::new();
        self.requires.iter().chain(&self.reads).filter(|l| seen.insert(*l)).cloned().collect()
    }

    /// Checks what the host relies on: a usable name.
    pub fn validate(&self) -> Result<(), String> {
        let ok = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.';
        if self.name.is_empty() || !self.name.chars().all(ok) {
            return Err(format!(
                "plugin name '{}' must be non-empty ASCII letters, digits, '-', '_' or '.'",
                self.name
            ));
        }
        Ok(())
    }
}

/// A borrowed view of a document with only some layers, serialised as the plugin's input.
#[derive(Serialize)]
struct DocView<'a> {
    id: &'a str,
    text: &'a str,
    meta: &'a Meta,
    layers: LayersView<'a>,
}

#[derive(Serialize)]
struct LayersView<'a> {
    provided: Vec<&'a Layer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    normalized: Option<&'a Normalized>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    paragraphs: &'a [Paragraph],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    sentences: &'a [Sentence],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tokens: &'a [Token],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    claims: &'a [Claim],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    mentions: &'a [Mention],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    entities: &'a [Entity],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    timexes: &'a [Timex],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extensions: BTreeMap<&'a str, &'a Value>,
}

/// Serialises `doc` as a plugin's input, keeping only the layers in `layers` (see
/// [`PluginInfo::input_layers`]).
pub fn input_json(doc: &Document, layers: &[Layer]) -> Vec<u8> {
    let l = &doc.layers;
    let want = |layer: Layer| layers.contains(&layer);
    let mut view = LayersView {
        provided: l.provided.iter().filter(|p| layers.contains(p)).collect(),
        normalized: None,
        paragraphs: &[],
        sentences: &[],
        tokens: &[],
        claims: &[],
        mentions: &[],
        entities: &[],
        timexes: &[],
        extensions: BTreeMap::new(),
    };
    if want(Layer::Normalized) {
        view.normalized = l.normalized.as_ref();
    }
    if want(Layer::Sentences) {
        view.paragraphs = &l.paragraphs;
        view.sentences = &l.sentences;
    }
    if want(Layer::Tokens) {
        view.tokens = &l.tokens;
    }
    if want(Layer::Quotes) {
        view.claims = &l.claims;
    }
    if want(Layer::Mentions) {
        view.mentions = &l.mentions;
    }
    if want(Layer::Entities) {
        view.entities = &l.entities;
    }
    if want(Layer::Timexes) {
        view.timexes = &l.timexes;
    }
    for layer in layers {
        if let Layer::Extension(key) = layer
            && let Some((k, v)) = l.extensions.get_key_value(key)
        {
            view.extensions.insert(k, v);
        }
    }
    let view = DocView { id: &doc.id, text: &doc.text, meta: &doc.meta, layers: view };
    // Serialising borrowed core types into a Vec cannot fail (no non-string map keys).
    serde_json::to_vec(&view).expect("a document always serialises")
}

/// What a plugin adds to one document. Every field may be left out of the JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Patch {
    /// Fields merged into [`Claim::ext`], by claim id (`{"c1": {"check_worthiness": 0.8}}`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub claim_ext: BTreeMap<String, Map<String, Value>>,
    /// Values set in [`Layers::extensions`]; each key must be declared in `provides`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, Value>,
    /// Fields merged into [`Meta::extra`] (not the named metadata fields).
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub meta: Map<String, Value>,
    /// Claims appended to [`Layers::claims`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Mentions appended to [`Layers::mentions`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention>,
    /// Entities appended to [`Layers::entities`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    /// Timexes appended to [`Layers::timexes`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timexes: Vec<Timex>,
}

/// Why a patch was rejected. The document is left unchanged.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PatchError {
    /// A span does not fit the document text (past its end or inside a UTF-8 character).
    #[error("offset-breaking output: {what}: {source}")]
    Span {
        /// Which span (`mentions[2].span`).
        what: String,
        /// What is wrong with it.
        source: SpanError,
    },
    /// `claim_ext` names a claim the document does not have.
    #[error("claim_ext names claim '{0}', which the document does not have")]
    UnknownClaim(String),
    /// An added claim or entity reuses an id.
    #[error("{kind} id '{id}' is already used in the document")]
    DuplicateId {
        /// `claim` or `entity`.
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// An extension key that the plugin did not declare in `provides`.
    #[error("extension '{key}' is not declared in the plugin's provides ({declared})")]
    UndeclaredExtension {
        /// The key.
        key: String,
        /// The declared layers, comma-separated.
        declared: String,
    },
    /// A `meta` field that would shadow a named metadata field.
    #[error("meta field '{0}' is reserved; plugins may only add other fields")]
    ReservedMeta(String),
    /// The plugin changed something it may not (only the Rust SDK detects this, before sending).
    #[error("{0}")]
    Forbidden(String),
}

const RESERVED_META: [&str; 5] = ["lang", "published", "source", "url", "title"];

impl Patch {
    /// True when the patch adds nothing.
    pub fn is_empty(&self) -> bool {
        *self == Patch::default()
    }

    /// Checks the patch against `doc` and applies it; on error `doc` is unchanged.
    ///
    /// `provides` is the plugin's declared output: extension keys must be among its
    /// [`Layer::Extension`] names.
    pub fn apply(self, doc: &mut Document, provides: &[Layer]) -> Result<(), PatchError> {
        self.check(doc, provides)?;
        let l = &mut doc.layers;
        for (id, fields) in self.claim_ext {
            // `check` proved the claim exists.
            if let Some(claim) = l.claims.iter_mut().find(|c| c.id == id) {
                claim.ext.extend(fields);
            }
        }
        l.extensions.extend(self.extensions);
        doc.meta.extra.extend(self.meta);
        l.claims.extend(self.claims);
        l.mentions.extend(self.mentions);
        l.entities.extend(self.entities);
        l.timexes.extend(self.timexes);
        Ok(())
    }

    /// Every check [`Patch::apply`] makes, without changing anything.
    pub fn check(&self, doc: &Document, provides: &[Layer]) -> Result<(), PatchError> {
        let text = &doc.text;
        let fits = |span: &Span, what: &dyn Fn() -> String| {
            span.check(text).map_err(|source| PatchError::Span { what: what(), source })
        };
        let claim_ids: BTreeSet<&str> = doc.layers.claims.iter().map(|c| c.id.as_str()).collect();
        for id in self.claim_ext.keys() {
            if !claim_ids.contains(id.as_str()) {
                return Err(PatchError::UnknownClaim(id.clone()));
            }
        }
        let mut ids = claim_ids;
        for (i, c) in self.claims.iter().enumerate() {
            if !ids.insert(&c.id) {
                return Err(PatchError::DuplicateId { kind: "claim", id: c.id.clone() });
            }
            fits(&c.cue, &|| format!("claims[{i}].cue"))?;
            fits(&c.content, &|| format!("claims[{i}].content"))?;
            if let Some(m) = &c.speaker.mention {
                fits(m, &|| format!("claims[{i}].speaker.mention"))?;
            }
            if let Some(m) = &c.medium {
                fits(m, &|| format!("claims[{i}].medium"))?;
            }
        }
        for (i, m) in self.mentions.iter().enumerate() {
            fits(&m.span, &|| format!("mentions[{i}].span"))?;
        }
        let mut entity_ids: BTreeSet<&str> =
            doc.layers.entities.iter().map(|e| e.id.as_str()).collect();
        for (i, e) in self.entities.iter().enumerate() {
            if !entity_ids.insert(&e.id) {
                return Err(PatchError::DuplicateId { kind: "entity", id: e.id.clone() });
            }
            for (j, m) in e.mentions.iter().enumerate() {
                fits(m, &|| format!("entities[{i}].mentions[{j}]"))?;
            }
        }
        for (i, t) in self.timexes.iter().enumerate() {
            fits(&t.span, &|| format!("timexes[{i}].span"))?;
        }
        for key in self.extensions.keys() {
            if !provides.iter().any(|p| matches!(p, Layer::Extension(name) if name == key)) {
                let declared = provides.iter().map(Layer::as_str).collect::<Vec<_>>().join(", ");
                return Err(PatchError::UndeclaredExtension { key: key.clone(), declared });
            }
        }
        for key in self.meta.keys() {
            if RESERVED_META.contains(&key.as_str()) {
                return Err(PatchError::ReservedMeta(key.clone()));
            }
        }
        Ok(())
    }

    /// The patch that turns `before` into `after`, for SDKs that hand the plugin a whole
    /// document: only additions (and `ext` fields) are allowed, anything else is an error.
    pub fn diff(before: &Document, after: &Document) -> Result<Patch, PatchError> {
        let forbid = |what: &str| {
            Err(PatchError::Forbidden(format!("the plugin changed {what}; plugins may only add")))
        };
        if before.text != after.text {
            return forbid("the document text");
        }
        if before.id != after.id {
            return forbid("the document id");
        }
        let (b, a) = (&before.meta, &after.meta);
        if (&b.lang, &b.published, &b.source, &b.url, &b.title)
            != (&a.lang, &a.published, &a.source, &a.url, &a.title)
        {
            return forbid("named metadata (lang, published, source, url, title)");
        }
        let mut patch = Patch::default();
        for (k, v) in &a.extra {
            if b.extra.get(k) != Some(v) {
                if b.extra.contains_key(k) {
                    return forbid(&format!("meta field '{k}'"));
                }
                patch.meta.insert(k.clone(), v.clone());
            }
        }
        if b.extra.keys().any(|k| !a.extra.contains_key(k)) {
            return forbid("metadata (a field was removed)");
        }
        let (bl, al): (&Layers, &Layers) = (&before.layers, &after.layers);
        if bl.provided != al.provided {
            return forbid("layers.provided (the host sets it)");
        }
        fn norm(l: &Layers) -> Option<(&str, &[u32])> {
            l.normalized.as_ref().map(|n| (n.text.as_str(), n.map.as_slice()))
        }
        if norm(bl) != norm(al)
            || bl.paragraphs != al.paragraphs
            || bl.sentences != al.sentences
            || bl.tokens != al.tokens
        {
            return forbid("the segmentation layers");
        }
        if al.claims.len() < bl.claims.len() {
            return forbid("claims (some were removed)");
        }
        for (old, new) in bl.claims.iter().zip(&al.claims) {
            if !same_but_ext(old, new) {
                return forbid(&format!("claim '{}' (only its ext fields may change)", old.id));
            }
            let mut fields = Map::new();
            for (k, v) in &new.ext {
                if old.ext.get(k) != Some(v) {
                    fields.insert(k.clone(), v.clone());
                }
            }
            if old.ext.keys().any(|k| !new.ext.contains_key(k)) {
                return forbid(&format!("claim '{}' (an ext field was removed)", old.id));
            }
            if !fields.is_empty() {
                patch.claim_ext.insert(new.id.clone(), fields);
            }
        }
        patch.claims = al.claims[bl.claims.len()..].to_vec();
        patch.mentions = appended(&bl.mentions, &al.mentions, "mentions")?;
        patch.entities = appended(&bl.entities, &al.entities, "entities")?;
        patch.timexes = appended(&bl.timexes, &al.timexes, "timexes")?;
        for (k, v) in &al.extensions {
            if bl.extensions.get(k) != Some(v) {
                patch.extensions.insert(k.clone(), v.clone());
            }
        }
        if bl.extensions.keys().any(|k| !al.extensions.contains_key(k)) {
            return forbid("layers.extensions (a key was removed)");
        }
        Ok(patch)
    }
}

/// True when two claims agree in everything but `ext`.
fn same_but_ext(a: &Claim, b: &Claim) -> bool {
    (&a.id, a.kind, a.cue, a.content, &a.speaker, a.medium, a.block, a.confidence, &a.date)
        == (&b.id, b.kind, b.cue, b.content, &b.speaker, b.medium, b.block, b.confidence, &b.date)
}

fn appended<T: Clone + PartialEq>(
    before: &[T],
    after: &[T],
    what: &str,
) -> Result<Vec<T>, PatchError> {
    if after.len() < before.len() || before != &after[..before.len()] {
        return Err(PatchError::Forbidden(format!(
            "the plugin changed existing {what}; plugins may only append"
        )));
    }
    Ok(after[before.len()..].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_core::QuoteKind;
    use serde_json::json;

    fn doc() -> Document {
        let mut doc = Document::new("d", "قال الوزير إن الأسعار ارتفعت");
        let content = doc.span("قال الوزير إن ".len(), doc.text.len()).unwrap();
        doc.layers.claims.push(Claim {
            confidence: 0.9,
            ..Claim::new("c1", QuoteKind::Indirect, doc.span(0, "قال".len()).unwrap(), content)
        });
        doc
    }

    fn patch(value: Value) -> Patch {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn applies_claim_fields_extensions_and_meta() {
        let mut d = doc();
        let p = patch(json!({
            "claim_ext": { "c1": { "score": 0.5 } },
            "extensions": { "mine": [1] },
            "meta": { "desk": "economy" },
            "timexes": [{ "span": { "start": 0, "end": 6 }, "kind": "value", "grain": "day", "calendar": "gregorian" }]
        }));
        p.apply(&mut d, &[Layer::Extension("mine".into())]).unwrap();
        assert_eq!(d.layers.claims[0].ext["score"], json!(0.5));
        assert_eq!(d.layers.extensions["mine"], json!([1]));
        assert_eq!(d.meta.extra["desk"], json!("economy"));
        assert_eq!(d.layers.timexes.len(), 1);
    }

    #[test]
    fn rejects_whole_patches() {
        let d = doc();
        let check = |v: Value| patch(v).check(&d, &[]).unwrap_err().to_string();
        assert_eq!(
            check(json!({ "claim_ext": { "c9": {} } })),
            "claim_ext names claim 'c9', which the document does not have"
        );
        assert_eq!(
            check(json!({ "meta": { "lang": "en" } })),
            "meta field 'lang' is reserved; plugins may only add other fields"
        );
        assert_eq!(
            check(json!({ "extensions": { "x": 1 } })),
            "extension 'x' is not declared in the plugin's provides ()"
        );
        let dup = serde_json::to_value(&d.layers.claims[0]).unwrap();
        assert_eq!(
            check(json!({ "claims": [dup] })),
            "claim id 'c1' is already used in the document"
        );
        assert_eq!(
            check(json!({ "mentions": [{ "span": { "start": 1, "end": 2 }, "kind": "person" }] })),
            "offset-breaking output: mentions[0].span: span offset 1 falls inside a UTF-8 character"
        );
        // A reversed span or an unknown field does not even parse: the host calls that malformed.
        assert!(
            serde_json::from_value::<Patch>(
                json!({ "mentions": [{ "span": { "start": 2, "end": 1 }, "kind": "person" }] })
            )
            .is_err()
        );
        assert!(serde_json::from_value::<Patch>(json!({ "claim-ext": {} })).is_err());
    }

    #[test]
    fn a_failed_check_leaves_the_document_alone() {
        let mut d = doc();
        let before = serde_json::to_value(&d).unwrap();
        let p = patch(
            json!({ "claim_ext": { "c1": { "score": 1 } }, "mentions": [{ "span": { "start": 0, "end": 999 }, "kind": "person" }] }),
        );
        assert!(p.apply(&mut d, &[]).is_err());
        assert_eq!(serde_json::to_value(&d).unwrap(), before);
    }

    #[test]
    fn diff_keeps_additions_and_refuses_changes() {
        let before = doc();
        let mut after = before.clone();
        after.layers.claims[0].ext.insert("score".into(), json!(0.7));
        after.layers.extensions.insert("mine".into(), json!(true));
        let p = Patch::diff(&before, &after).unwrap();
        assert_eq!(
            serde_json::to_value(&p).unwrap(),
            json!({ "claim_ext": { "c1": { "score": 0.7 } }, "extensions": { "mine": true } })
        );
        assert!(Patch::diff(&before, &before).unwrap().is_empty());

        let mut changed = before.clone();
        changed.layers.claims[0].confidence = 0.1;
        assert_eq!(
            Patch::diff(&before, &changed).unwrap_err().to_string(),
            "the plugin changed claim 'c1' (only its ext fields may change); plugins may only add"
        );
        let mut removed = before.clone();
        removed.layers.claims.clear();
        assert!(Patch::diff(&before, &removed).is_err());
        let mut provided = before.clone();
        provided.layers.provided.insert(Layer::Tokens);
        assert!(Patch::diff(&before, &provided).is_err());
    }

    #[test]
    fn input_holds_only_the_declared_layers() {
        let mut d = doc();
        d.layers.provided.insert(Layer::Quotes);
        d.layers.provided.insert(Layer::Tokens);
        d.layers.extensions.insert("a".into(), json!(1));
        d.layers.extensions.insert("b".into(), json!(2));
        let input: Value =
            serde_json::from_slice(&input_json(&d, &[Layer::Quotes, Layer::Extension("b".into())]))
                .unwrap();
        assert_eq!(input["layers"]["provided"], json!(["quotes"]));
        assert_eq!(input["layers"]["extensions"], json!({ "b": 2 }));
        assert_eq!(input["layers"]["claims"][0]["id"], json!("c1"));
        let round: Document = serde_json::from_value(input).unwrap();
        assert_eq!(round.text, d.text);
        let empty: Value = serde_json::from_slice(&input_json(&d, &[])).unwrap();
        assert_eq!(empty["layers"], json!({ "provided": [] }));
    }
}
