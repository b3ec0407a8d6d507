//! Known people and organisations, from a user file.
//!
//! The format (TOML; JSON with the same structure works too, chosen by the file extension):
//!
//! ```toml
//! [[person]]
//! name = "Dmitry Peskov"                       # how the entry is known (not shown in output)
//! aliases = ["دميتري بيسكوف", "ديمتري بيسكوف", "Dmitry Peskov", "Peskov"]
//! roles = ["المتحدث باسم الكرملين", "Kremlin spokesman"]
//! id = "Q…"                                   # external id, e.g. a Wikidata QID (optional)
//! gender = "m"                                 # "m" or "f" (optional): helps pronouns and verbs
//!
//! [[organization]]
//! name = "Amnesty International"
//! aliases = ["منظمة العفو الدولية", "العفو الدولية", "أمنستي", "Amnesty"]
//! id = "Q42970"
//!
//! [[group]]
//! name = "E3"
//! aliases = ["الترويكا الأوروبية", "the E3"]
//! ```
//!
//! Names and aliases are matched whole, after folding (hamza, ta marbuta, alef maqsura,
//! diacritics, Persian letters and case do not matter) and without the Arabic article, so list
//! every spelling that is a *different word* ("بيسكوف" for the surname alone, "ديمتري" as well
//! as "دميتري") but not the variants folding already covers. A surname alone is only matched when
//! it is listed. Roles link a role mention ("المتحدث باسم الكرملين") to the entry only when the
//! entry is also named in the same article: roles change hands, names do not.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::SpeakersError;
use crate::ctx::Lang;
use crate::lexicon::{self, Agr};
use crate::mention::{RoleForm, name_keys, role_from_str};

/// One gazetteer entry as written in the file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GazetteerEntry {
    /// The name the entry is known by; matched like an alias.
    pub name: String,
    /// Other names and spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Roles and titles ("Kremlin spokesman").
    #[serde(default)]
    pub roles: Vec<String>,
    /// Identifier in an external knowledge base, copied to the entity's `kb_id`.
    #[serde(default)]
    pub id: Option<String>,
    /// Grammatical gender of a person: "m" or "f".
    #[serde(default)]
    pub gender: Option<String>,
}

/// A gazetteer file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GazetteerFile {
    /// People.
    #[serde(default)]
    pub person: Vec<GazetteerEntry>,
    /// Organisations, institutions, outlets.
    #[serde(default)]
    pub organization: Vec<GazetteerEntry>,
    /// Groups of people or bodies.
    #[serde(default)]
    pub group: Vec<GazetteerEntry>,
}

/// The kind of a gazetteer entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GazKind {
    Person,
    Organization,
    Group,
}

/// A compiled entry.
#[derive(Debug, Clone)]
pub(crate) struct GazItem {
    pub kind: GazKind,
    pub id: Option<String>,
    pub agr: Agr,
    pub roles: Vec<RoleForm>,
}

/// A compiled gazetteer: names by their key sequences, roles by head.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gazetteer {
    pub items: Vec<GazItem>,
    by_name: HashMap<Vec<String>, usize>,
}

impl Gazetteer {
    /// Reads and compiles a gazetteer file (TOML, or JSON when the name ends in `.json`).
    pub fn load(path: &Path) -> Result<Gazetteer, SpeakersError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| SpeakersError::Io { path: path.to_path_buf(), source })?;
        let file: GazetteerFile =
            if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
                serde_json::from_str(&text).map_err(|e| SpeakersError::Gazetteer {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                })?
            } else {
                toml::from_str(&text).map_err(|e| SpeakersError::Gazetteer {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                })?
            };
        Gazetteer::compile(file)
            .map_err(|message| SpeakersError::Gazetteer { path: path.to_path_buf(), message })
    }

    /// Compiles parsed entries.
    pub fn compile(file: GazetteerFile) -> Result<Gazetteer, String> {
        let mut g = Gazetteer::default();
        let all = file
            .person
            .into_iter()
            .map(|e| (GazKind::Person, e))
            .chain(file.organization.into_iter().map(|e| (GazKind::Organization, e)))
            .chain(file.group.into_iter().map(|e| (GazKind::Group, e)));
        for (kind, e) in all {
            let idx = g.items.len();
            let agr = match e.gender.as_deref() {
                None => Agr::NONE,
                Some("m") => Agr::M,
                Some("f") => Agr::F,
                Some(other) => {
                    return Err(format!(
                        "entry '{}': gender must be \"m\" or \"f\", not '{other}'",
                        e.name
                    ));
                }
            };
            let mut roles = Vec::new();
            for r in &e.roles {
                let lang = if r.chars().any(isnad_text::normalize::is_arabic_letter) {
                    Lang::Ar
                } else {
                    Lang::En
                };
                let lex = match lang {
                    Lang::Ar => lexicon::arabic(),
                    Lang::En => lexicon::english(),
                }
                .map_err(|e| e.to_string())?;
                match role_from_str(r, lang, lex) {
                    Some(rf) => roles.push(rf),
                    None => {
                        return Err(format!(
                            "entry '{}': role '{r}' has no known title word (see data/*.tsv)",
                            e.name
                        ));
                    }
                }
            }
            for alias in std::iter::once(&e.name).chain(&e.aliases) {
                let folded = isnad_text::fold(alias);
                let keys = name_keys(folded.split(' ').filter(|w| !w.is_empty()));
                if keys.is_empty() {
                    return Err(format!("entry '{}': alias '{alias}' is empty", e.name));
                }
                g.by_name.entry(keys).or_insert(idx);
            }
            g.items.push(GazItem { kind, id: e.id, agr, roles });
        }
        Ok(g)
    }

    /// The entry named by these keys.
    pub fn lookup(&self, keys: &[String]) -> Option<usize> {
        self.by_name.get(keys).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn toml_and_json_load_alike() {
        let dir = tempfile::tempdir().unwrap();
        let toml = write(
            &dir,
            "g.toml",
            "[[person]]\nname = \"Dmitry Peskov\"\naliases = [\"دميتري بيسكوف\", \"بيسكوف\"]\nroles = [\"المتحدث باسم الكرملين\"]\ngender = \"m\"\n",
        );
        let json = write(
            &dir,
            "g.json",
            r#"{"person": [{"name": "Dmitry Peskov", "aliases": ["دميتري بيسكوف", "بيسكوف"], "roles": ["المتحدث باسم الكرملين"], "gender": "m"}]}"#,
        );
        for path in [toml, json] {
            let g = Gazetteer::load(&path).unwrap();
            assert_eq!(g.items.len(), 1);
            // Folding and the article do not matter; the surname matches because it is listed.
            // A spelling that is not listed does not match.
            assert_eq!(g.lookup(&name_keys(["ديمتري", "بيسكوف"])), None);
            assert_eq!(g.lookup(&name_keys(isnad_text::fold("دميتري بيسكوف").split(' '))), Some(0));
            assert_eq!(g.lookup(&name_keys(["بيسكوف"])), Some(0));
            assert_eq!(g.items[0].roles.len(), 1);
            assert_eq!(g.items[0].agr, Agr::M);
        }
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        let unknown = write(&dir, "u.toml", "[[person]]\nname = \"X\"\nqid = \"Q1\"\n");
        let e = Gazetteer::load(&unknown).unwrap_err().to_string();
        assert!(e.contains("u.toml") && e.contains("qid"), "{e}");
        let gender = write(&dir, "gd.toml", "[[person]]\nname = \"X\"\ngender = \"x\"\n");
        let e = Gazetteer::load(&gender).unwrap_err().to_string();
        assert!(e.contains("gender"), "{e}");
        let role = write(&dir, "r.toml", "[[person]]\nname = \"X\"\nroles = [\"قال\"]\n");
        let e = Gazetteer::load(&role).unwrap_err().to_string();
        assert!(e.contains("title word"), "{e}");
        let missing = dir.path().join("no-such-gazetteer.toml");
        let e = Gazetteer::load(&missing).unwrap_err().to_string();
        assert!(e.contains("cannot read gazetteer"), "{e}");
    }
}
