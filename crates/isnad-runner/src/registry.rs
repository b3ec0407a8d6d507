//! The explicit list of stages a pipeline file can name.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use isnad_core::{Layer, Stage};
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Builds a stage from its already-deserialised configuration.
type Build = Box<
    dyn Fn(toml::de::ValueDeserializer<'_>, &Path) -> Result<Box<dyn Stage>, BuildError>
        + Send
        + Sync,
>;

/// Why a stage could not be built from its table.
#[derive(Debug)]
pub(crate) enum BuildError {
    /// The table does not fit the stage's configuration type (with the TOML error's position).
    Config(toml::de::Error),
    /// The configuration was read but the stage refused it (missing file, bad value).
    Stage(String),
}

/// Reads one field of a stage's table (the others left at their defaults), for a problem per
/// field rather than one per stage.
type CheckField =
    Box<dyn Fn(toml::de::ValueDeserializer<'_>) -> Result<(), toml::de::Error> + Send + Sync>;

/// One built-in stage: how to build it and what to tell users about it.
pub struct StageEntry {
    name: &'static str,
    summary: &'static str,
    build: Build,
    check_field: CheckField,
    describe: fn() -> StageDoc,
}

/// What `isnad stages` shows for a stage.
#[derive(Debug, Clone, Serialize)]
pub struct StageDoc {
    /// Registered name.
    pub name: String,
    /// One line on what it does.
    pub summary: String,
    /// Layers it needs.
    pub requires: Vec<String>,
    /// Layers it adds.
    pub provides: Vec<String>,
    /// Its configuration fields.
    pub fields: Vec<FieldDoc>,
}

/// One configuration field of a stage.
#[derive(Debug, Clone, Serialize)]
pub struct FieldDoc {
    /// Name as written in the pipeline file.
    pub name: String,
    /// Type, as JSON Schema names it (string, boolean, number, array, …) or its allowed values.
    pub ty: String,
    /// Default value, as TOML would write it.
    pub default: Option<String>,
    /// The field's doc comment.
    pub doc: String,
}

/// The stages a pipeline file can name with `use = "…"`.
///
/// Explicit rather than discovered (no inventory or linker tricks): the list is in one place,
/// [`Registry::builtin`], and a program embedding the runner can add its own with
/// [`Registry::register`].
#[derive(Default)]
pub struct Registry {
    entries: BTreeMap<&'static str, StageEntry>,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.entries.keys()).finish()
    }
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// The registry with every stage that ships with isnad.
    pub fn builtin() -> Registry {
        let mut r = Registry::new();
        r.register(
            "segment",
            "normalisation for matching, paragraphs (with page-furniture blocks), sentences, tokens; language detection",
            |c: isnad_text::SegmentConfig, base| isnad_text::SegmentStage::new(c, base),
        );
        r.register(
            "dates",
            "date and time expressions (Arabic and English, Gregorian and Hijri, holidays) resolved against the publication date",
            |c: isnad_dates::DatesConfig, base| isnad_dates::DatesStage::new(c, base),
        );
        r.register(
            "quotes",
            "attributed statements: direct, indirect and mixed quotations with cue, speaker mention, outlet and block",
            |c: isnad_quotes::QuotesConfig, base| isnad_quotes::QuotesStage::new(c, base),
        );
        r.register(
            "speakers",
            "speaker linking: mentions to entities (names, short forms, roles, organisations, pronouns, implicit subjects), gazetteer ids, claim dates",
            |c: isnad_speakers::SpeakersConfig, base| isnad_speakers::SpeakersStage::new(c, base),
        );
        r
    }

    /// Adds a stage type under `name`. `C` is its configuration (deserialised from the stage's
    /// table, documented for `isnad stages` through its JSON schema) and `make` builds it; the
    /// default configuration must build, because that instance tells what the stage requires and
    /// provides.
    pub fn register<C, S, E, F>(&mut self, name: &'static str, summary: &'static str, make: F)
    where
        C: DeserializeOwned + JsonSchema + Default + 'static,
        S: Stage + 'static,
        E: fmt::Display,
        F: Fn(C, &Path) -> Result<S, E> + Send + Sync + Copy + 'static,
    {
        let build: Build = Box::new(move |de, base| {
            let config = C::deserialize(de).map_err(BuildError::Config)?;
            let stage = make(config, base).map_err(|e| BuildError::Stage(e.to_string()))?;
            Ok(Box::new(stage) as Box<dyn Stage>)
        });
        fn describe<C: JsonSchema + Default>() -> StageDoc {
            StageDoc {
                name: String::new(),
                summary: String::new(),
                requires: vec![],
                provides: vec![],
                fields: fields_of::<C>(),
            }
        }
        let check_field: CheckField = Box::new(|de| C::deserialize(de).map(|_| ()));
        self.entries.insert(
            name,
            StageEntry { name, summary, build, check_field, describe: describe::<C> },
        );
    }

    /// Registered names, sorted.
    pub fn names(&self) -> Vec<&'static str> {
        self.entries.keys().copied().collect()
    }

    pub(crate) fn get(&self, name: &str) -> Option<&StageEntry> {
        self.entries.get(name)
    }

    pub(crate) fn default_stage(&self, name: &str) -> Option<Box<dyn Stage>> {
        let entry = self.entries.get(name)?;
        let empty = toml::de::ValueDeserializer::parse("{}").ok()?;
        (entry.build)(empty, Path::new(".")).ok()
    }

    /// Documentation of every registered stage.
    pub fn docs(&self) -> Vec<StageDoc> {
        self.entries
            .values()
            .map(|e| {
                let mut doc = (e.describe)();
                doc.name = e.name.to_string();
                doc.summary = e.summary.to_string();
                if let Some(stage) = self.default_stage(e.name) {
                    doc.requires = stage.requires().iter().map(Layer::to_string).collect();
                    doc.provides = stage.provides().iter().map(Layer::to_string).collect();
                }
                doc
            })
            .collect()
    }

    /// Names of the registered stages that provide `layer` (for error messages).
    pub fn providers_of(&self, layer: &Layer) -> Vec<&'static str> {
        self.entries
            .keys()
            .filter(|name| self.default_stage(name).is_some_and(|s| s.provides().contains(layer)))
            .copied()
            .collect()
    }
}

/// What `isnad stages --plugin PATH` shows for a plugin library: its own description, layers and
/// configuration schema, read without building an instance. `spec` is resolved like a pipeline's
/// `plugin = "…"` relative to the current directory and `$ISNAD_PLUGIN_DIR`.
pub fn plugin_doc(spec: &str) -> Result<StageDoc, String> {
    use isnad_plugin::host::{PluginStage, resolve_plugin_path};
    let search = std::env::var_os("ISNAD_PLUGIN_DIR");
    let path =
        resolve_plugin_path(spec, Path::new("."), search.as_deref()).map_err(|e| e.to_string())?;
    let info = PluginStage::inspect(&path).map_err(|e| e.to_string())?;
    let summary = if info.version.is_empty() {
        format!("{} (plugin {})", info.description, path.display())
    } else {
        format!("{} (plugin {} version {})", info.description, path.display(), info.version)
    };
    Ok(StageDoc {
        name: info.name.clone(),
        summary,
        requires: info.requires.iter().map(Layer::to_string).collect(),
        provides: info.provides.iter().map(Layer::to_string).collect(),
        fields: info.config_schema.as_ref().map(fields_from_schema).unwrap_or_default(),
    })
}

impl StageEntry {
    /// The stage's configuration fields (names, types with their allowed values, docs).
    pub(crate) fn fields(&self) -> Vec<FieldDoc> {
        (self.describe)().fields
    }

    /// Deserialises a table holding one field of the configuration (see [`CheckField`]).
    pub(crate) fn check_field(
        &self,
        de: toml::de::ValueDeserializer<'_>,
    ) -> Result<(), toml::de::Error> {
        (self.check_field)(de)
    }

    pub(crate) fn build(
        &self,
        de: toml::de::ValueDeserializer<'_>,
        base: &Path,
    ) -> Result<Box<dyn Stage>, BuildError> {
        (self.build)(de, base)
    }
}

/// Reads field names, types, defaults and doc comments from a configuration's JSON schema.
fn fields_of<C: JsonSchema>() -> Vec<FieldDoc> {
    fields_from_schema(schemars::schema_for!(C).as_value())
}

/// The same from a JSON schema value (a plugin's `config_schema`).
fn fields_from_schema(value: &serde_json::Value) -> Vec<FieldDoc> {
    let Some(props) = value.get("properties").and_then(|p| p.as_object()) else {
        return Vec::new();
    };
    let defs = value.get("$defs");
    props
        .iter()
        .map(|(name, prop)| {
            let resolved = prop
                .get("$ref")
                .and_then(|r| r.as_str())
                .and_then(|r| r.strip_prefix("#/$defs/"))
                .and_then(|key| defs.and_then(|d| d.get(key)))
                .unwrap_or(prop);
            let doc = prop
                .get("description")
                .or_else(|| resolved.get("description"))
                .and_then(|d| d.as_str())
                .unwrap_or("")
                .to_string();
            FieldDoc {
                name: name.clone(),
                ty: type_of(resolved),
                default: prop.get("default").map(toml_like),
                doc,
            }
        })
        .collect()
}

fn type_of(schema: &serde_json::Value) -> String {
    if let Some(values) = schema.get("enum").and_then(|e| e.as_array()) {
        return values.iter().map(toml_like).collect::<Vec<_>>().join(" | ");
    }
    if let Some(one_of) = schema.get("oneOf").and_then(|e| e.as_array()) {
        let names: Vec<String> = one_of
            .iter()
            .filter_map(|v| v.get("const").or_else(|| v.get("enum").and_then(|e| e.get(0))))
            .map(toml_like)
            .collect();
        if !names.is_empty() {
            return names.join(" | ");
        }
    }
    match schema.get("type") {
        Some(serde_json::Value::String(t)) => t.clone(),
        Some(serde_json::Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str())
            .filter(|t| *t != "null")
            .collect::<Vec<_>>()
            .join(" | "),
        _ => "value".to_string(),
    }
}

fn toml_like(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "(none)".to_string(),
        other => other.to_string(),
    }
}
