//! Pipeline files: TOML in, a validated [`Pipeline`] out, or every problem at once.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use isnad_core::{Layer, Stage};
use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::pipeline::{Language, Pipeline};
use crate::registry::{BuildError, Registry};

/// One problem in a pipeline file, located as precisely as the file allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The pipeline file (or `<default>` for the embedded one).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based stage number and its name, when the problem is in a stage.
    pub stage: Option<(usize, String)>,
    /// What is wrong, and what to do about it where that is known.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some((n, name)) = &self.stage {
            write!(f, " stage[{n}] ({name})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A pipeline file that cannot be used: every problem found, in file order.
#[derive(Debug, Error)]
pub struct PipelineError {
    /// The problems.
    pub problems: Vec<Problem>,
}

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// The `[pipeline]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Header {
    /// Name shown in messages and `isnad check`.
    name: String,
    /// `ar`, `en` or `auto`: the language assumed for documents that do not give one (`auto`:
    /// detect it).
    #[serde(default)]
    language: Option<String>,
    /// Free text for readers of the file.
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
}

/// Reads and validates a pipeline file. Relative paths inside it (plugins, gazetteers) are
/// resolved against the file's directory.
pub fn load_file(path: &Path, registry: &Registry) -> Result<Pipeline, PipelineError> {
    let file = path.display().to_string();
    let src = std::fs::read_to_string(path).map_err(|e| PipelineError {
        problems: vec![Problem {
            file: file.clone(),
            line: None,
            stage: None,
            message: format!("cannot read pipeline file: {e}"),
        }],
    })?;
    // "p.toml" has the parent "": its directory is the current one. Made absolute, so that a
    // plugin path in it names the file beside the pipeline whatever the loader searches.
    let base = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = std::path::absolute(&base).unwrap_or(base);
    load_str(&src, &file, &base, registry)
}

/// Reads and validates pipeline TOML given as a string; `file` names it in messages and `base_dir`
/// anchors its relative paths.
pub fn load_str(
    src: &str,
    file: &str,
    base_dir: &Path,
    registry: &Registry,
) -> Result<Pipeline, PipelineError> {
    let mut loader = Loader { src, file, problems: Vec::new() };
    let pipeline = loader.load(base_dir, registry);
    // In file order (a stage's fields are checked in the table's order, which is by name).
    loader.problems.sort_by_key(|p| p.line.unwrap_or(0));
    match pipeline {
        Some(p) if loader.problems.is_empty() => Ok(p),
        _ => Err(PipelineError { problems: loader.problems }),
    }
}

struct Loader<'a> {
    src: &'a str,
    file: &'a str,
    problems: Vec<Problem>,
}

impl<'a> Loader<'a> {
    fn line_of(&self, at: usize) -> usize {
        let at = at.min(self.src.len());
        self.src.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1
    }

    fn problem(
        &mut self,
        span: Option<Range<usize>>,
        stage: Option<(usize, String)>,
        message: impl Into<String>,
    ) {
        let line = span.map(|s| self.line_of(s.start));
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            stage,
            message: message.into(),
        });
    }

    fn load(&mut self, base_dir: &Path, registry: &Registry) -> Option<Pipeline> {
        let (root, errors) = DeTable::parse_recoverable(self.src);
        if !errors.is_empty() {
            for e in errors {
                self.problem(e.span(), None, format!("invalid TOML: {}", e.message()));
            }
            return None;
        }
        let root = root.into_inner();
        let mut header = None;
        let mut stages: Vec<Spanned<DeValue<'_>>> = Vec::new();
        for (key, value) in root {
            match key.get_ref().as_ref() {
                "pipeline" => header = Some(value),
                "stage" => match value.into_inner() {
                    DeValue::Array(items) => stages = items.into_iter().collect(),
                    _ => self.problem(
                        Some(key.span()),
                        None,
                        "'stage' must be an array of tables: write each stage as [[stage]]",
                    ),
                },
                other => self.problem(
                    Some(key.span()),
                    None,
                    format!(
                        "unknown top-level key '{other}': expected [pipeline] and [[stage]] tables"
                    ),
                ),
            }
        }
        let header = match header {
            None => {
                self.problem(
                    Some(0..0),
                    None,
                    "missing [pipeline] table (with at least name = \"…\")",
                );
                None
            }
            Some(value) => {
                let span = value.span();
                match Header::deserialize(ValueDeserializer::from(value)) {
                    Ok(h) => Some(h),
                    Err(e) => {
                        self.problem(
                            e.span().or(Some(span)),
                            None,
                            format!("[pipeline]: {}", e.message().replace('`', "'")),
                        );
                        None
                    }
                }
            }
        };
        let language = match header.as_ref().and_then(|h| h.language.as_deref()) {
            None | Some("auto") => Some(Language::Auto),
            Some(code) => match isnad_core::Lang::from_code(code) {
                isnad_core::Lang::Other(_) => {
                    self.problem(Some(0..0), None, format!("[pipeline]: unsupported language '{code}': use \"ar\", \"en\" or \"auto\""));
                    None
                }
                lang => Some(Language::Fixed(lang)),
            },
        };
        if stages.is_empty() {
            self.problem(
                Some(self.src.len()..self.src.len()),
                None,
                "the pipeline has no stages: add a [[stage]] table, e.g. with use = \"segment\"",
            );
        }
        let mut built: Vec<(usize, usize, Box<dyn Stage>)> = Vec::new();
        for (i, value) in stages.into_iter().enumerate() {
            if let Some((at, stage)) = self.stage(i + 1, value, base_dir, registry) {
                built.push((i + 1, at, stage));
            }
        }
        self.check_layers(&built, registry);
        let header = header?;
        let language = language?;
        Some(Pipeline::new(header.name, language, built.into_iter().map(|(_, _, s)| s).collect()))
    }

    fn stage(
        &mut self,
        n: usize,
        value: Spanned<DeValue<'a>>,
        base_dir: &Path,
        registry: &Registry,
    ) -> Option<(usize, Box<dyn Stage>)> {
        let span = value.span();
        let DeValue::Table(table) = value.into_inner() else {
            self.problem(
                Some(span),
                Some((n, "?".into())),
                "a stage must be a table: write it as [[stage]]",
            );
            return None;
        };
        let mut use_name: Option<Spanned<String>> = None;
        let mut plugin: Option<Spanned<String>> = None;
        let mut rest = DeTable::new();
        let mut plugin_config: Option<Spanned<DeValue<'a>>> = None;
        for (key, val) in table {
            let vspan = val.span();
            match key.get_ref().as_ref() {
                "use" | "plugin" => {
                    let is_use = key.get_ref().as_ref() == "use";
                    match val.get_ref() {
                        DeValue::String(s) => {
                            let s = Spanned::new(vspan, s.to_string());
                            if is_use { use_name = Some(s) } else { plugin = Some(s) }
                        }
                        _ => self.problem(
                            Some(vspan),
                            Some((n, "?".into())),
                            format!("'{}' must be a string", key.get_ref()),
                        ),
                    }
                }
                "config" => plugin_config = Some(val),
                _ => {
                    rest.insert(key, val);
                }
            }
        }
        match (use_name, plugin) {
            (Some(_), Some(p)) => {
                self.problem(Some(p.span()), Some((n, "?".into())), "a stage has either `use` (a built-in stage) or `plugin` (a library path), not both");
                None
            }
            (None, None) => {
                self.problem(
                    Some(span),
                    Some((n, "?".into())),
                    format!(
                        "missing `use = \"<stage>\"` or `plugin = \"<path>\"`; built-in stages: {}",
                        registry.names().join(", ")
                    ),
                );
                None
            }
            (Some(name), None) => {
                let stage_id = Some((n, name.get_ref().clone()));
                if let Some(cfg) = plugin_config {
                    self.problem(Some(cfg.span()), stage_id.clone(), "`config` belongs to plugin stages: write a built-in stage's fields directly in its [[stage]] table");
                }
                let Some(entry) = registry.get(name.get_ref()) else {
                    let suggestion = closest(name.get_ref(), &registry.names());
                    self.problem(
                        Some(name.span()),
                        stage_id,
                        format!(
                            "unknown stage '{}'{}; known stages: {}",
                            name.get_ref(),
                            suggestion
                                .map(|s| format!(" (did you mean '{s}'?)"))
                                .unwrap_or_default(),
                            registry.names().join(", ")
                        ),
                    );
                    return None;
                };
                if !self.check_fields(entry, &rest, &stage_id) {
                    return None;
                }
                let de = ValueDeserializer::from(Spanned::new(span.clone(), DeValue::Table(rest)));
                match entry.build(de, base_dir) {
                    Ok(stage) => Some((span.start, stage)),
                    Err(BuildError::Config(e)) => {
                        self.problem(
                            e.span().or(Some(span)),
                            stage_id,
                            e.message().replace('`', "'"),
                        );
                        None
                    }
                    Err(BuildError::Stage(msg)) => {
                        self.problem(Some(span), stage_id, msg);
                        None
                    }
                }
            }
            (None, Some(path)) => {
                let stage_id = Some((n, path.get_ref().clone()));
                if let Some((key, _)) = rest.iter().next() {
                    let key_name = key.get_ref().to_string();
                    self.problem(Some(key.span()), stage_id.clone(), format!(
                        "unknown field '{key_name}' for a plugin stage: plugin settings go in `config = {{ … }}`"
                    ));
                }
                let config = match plugin_config {
                    None => serde_json::Value::Object(Default::default()),
                    Some(cfg) => match serde_json::Value::deserialize(ValueDeserializer::from(cfg))
                    {
                        Ok(v) => v,
                        Err(e) => {
                            self.problem(e.span(), stage_id, format!("config: {}", e.message()));
                            return None;
                        }
                    },
                };
                match crate::plugins::load(path.get_ref(), base_dir, config) {
                    Ok(stage) => Some((span.start, stage)),
                    Err(msg) => {
                        self.problem(Some(path.span()), stage_id, msg);
                        None
                    }
                }
            }
        }
    }

    /// Reads each field of a built-in stage's table on its own, so that every unknown or
    /// mistyped field is reported (serde stops at the first), each naming its field and, for a
    /// field with a fixed set of values, the values it takes. True when all fields read.
    fn check_fields(
        &mut self,
        entry: &crate::registry::StageEntry,
        table: &DeTable<'a>,
        stage_id: &Option<(usize, String)>,
    ) -> bool {
        let fields = entry.fields();
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        let mut ok = true;
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let Some(field) = fields.iter().find(|f| f.name == name) else {
                let hint = closest(name, &names)
                    .map(|s| format!(" (did you mean '{s}'?)"))
                    .unwrap_or_default();
                let known = if names.is_empty() {
                    "this stage takes no settings".to_string()
                } else {
                    format!("known fields: {}", names.join(", "))
                };
                self.problem(
                    Some(key.span()),
                    stage_id.clone(),
                    format!("unknown field '{name}'{hint}; {known}"),
                );
                ok = false;
                continue;
            };
            let mut one = DeTable::new();
            one.insert(key.clone(), value.clone());
            let de = ValueDeserializer::from(Spanned::new(value.span(), DeValue::Table(one)));
            if let Err(e) = entry.check_field(de) {
                let message = e.message().replace('`', "'");
                let values = if field.ty.contains(" | ") && !message.contains("one of") {
                    format!(" (one of {})", field.ty)
                } else {
                    String::new()
                };
                self.problem(
                    e.span().or(Some(value.span())),
                    stage_id.clone(),
                    format!("'{name}': {message}{values}"),
                );
                ok = false;
            }
        }
        ok
    }

    /// Checks that every stage's `requires` is provided by an earlier stage (one problem per stage).
    fn check_layers(&mut self, built: &[(usize, usize, Box<dyn Stage>)], registry: &Registry) {
        let mut provided: Vec<Layer> = Vec::new();
        for (n, at, stage) in built {
            let missing: Vec<&Layer> =
                stage.requires().iter().filter(|l| !provided.contains(l)).collect();
            if !missing.is_empty() {
                let mut providers: Vec<&str> =
                    missing.iter().flat_map(|l| registry.providers_of(l)).collect();
                providers.sort_unstable();
                providers.dedup();
                let names: Vec<String> = missing.iter().map(|l| format!("'{l}'")).collect();
                let (noun, verb) = if missing.len() == 1 {
                    ("layer", "provides")
                } else {
                    ("layers", "provides them")
                };
                let hint = if providers.is_empty() {
                    "no built-in stage provides it (a plugin may)".to_string()
                } else {
                    format!("add a stage that {verb} before this one: {}", providers.join(", "))
                };
                self.problem(
                    Some(*at..*at),
                    Some((*n, stage.name().to_string())),
                    format!(
                        "requires {noun} {}, which no earlier stage provides; {hint}",
                        names.join(", ")
                    ),
                );
            }
            provided.extend(stage.provides().iter().cloned());
        }
    }
}

/// The known name nearest to a misspelt one (edit distance at most 2).
fn closest<'n>(name: &str, known: &[&'n str]) -> Option<&'n str> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
