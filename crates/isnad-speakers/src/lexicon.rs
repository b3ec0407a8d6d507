//! The language knowledge of the linker: `data/ar.tsv` and `data/en.tsv`, compiled once.

use std::collections::HashSet;
use std::sync::OnceLock;

use isnad_text::{Lexicon, LexiconError};

/// What a lexicon entry says about a word (see the header of `data/ar.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Cat {
    Title,
    Honorific,
    Org,
    OrgName,
    Group,
    Anaphor,
    Document,
    Pronoun,
    Adj,
    Particle,
    Stop,
    Before,
}

/// Grammatical gender as far as agreement shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Gender {
    Masc,
    Fem,
    /// English "it": a thing, not a person.
    Neuter,
}

/// Agreement features: what verbs and pronouns referring to something look like.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Agr {
    pub gender: Option<Gender>,
    /// `Some(true)` for a plural of people (قالوا, they).
    pub plural: Option<bool>,
}

impl Agr {
    pub const NONE: Agr = Agr { gender: None, plural: None };
    pub const M: Agr = Agr { gender: Some(Gender::Masc), plural: Some(false) };
    pub const F: Agr = Agr { gender: Some(Gender::Fem), plural: Some(false) };
    pub const N: Agr = Agr { gender: Some(Gender::Neuter), plural: Some(false) };
    pub const PL: Agr = Agr { gender: None, plural: Some(true) };

    fn parse(s: &str) -> Option<Agr> {
        match s {
            "" | "-" => Some(Agr::NONE),
            "m" => Some(Agr::M),
            "f" => Some(Agr::F),
            "n" => Some(Agr::N),
            "pl" => Some(Agr::PL),
            _ => None,
        }
    }

    /// Fills what `self` does not know from `other`.
    pub fn merge(self, other: Agr) -> Agr {
        Agr { gender: self.gender.or(other.gender), plural: self.plural.or(other.plural) }
    }
}

/// One lexicon entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub cat: Cat,
    pub agr: Agr,
}

/// The compiled lexicon of one language.
pub(crate) struct LangLex {
    pub lex: Lexicon<Entry>,
    /// Perfect verbs whose root ends in ت (Arabic only).
    pub tfinal: HashSet<String>,
}

const AR: &str = include_str!("../data/ar.tsv");
const EN: &str = include_str!("../data/en.tsv");

fn cat_of(name: &str) -> Option<Cat> {
    Some(match name {
        "title" => Cat::Title,
        "honorific" => Cat::Honorific,
        "org" => Cat::Org,
        "orgname" => Cat::OrgName,
        "group" => Cat::Group,
        "anaphor" => Cat::Anaphor,
        "document" => Cat::Document,
        "pronoun" => Cat::Pronoun,
        "adj" => Cat::Adj,
        "particle" => Cat::Particle,
        "stop" => Cat::Stop,
        "before" => Cat::Before,
        _ => return None,
    })
}

/// An error in a built-in data file (caught by the crate's tests, reported if it ever slips).
#[derive(Debug, thiserror::Error)]
pub(crate) enum DataError {
    #[error("data/{file}:{line}: {message}")]
    Line { file: &'static str, line: usize, message: String },
    #[error("data/{file}: {source}")]
    Lexicon { file: &'static str, source: LexiconError },
}

fn compile(file: &'static str, text: &str) -> Result<LangLex, DataError> {
    let mut entries = Vec::new();
    let mut tfinal = HashSet::new();
    for (line, fields) in isnad_text::data::lines(text) {
        let bad = |message: String| DataError::Line { file, line, message };
        let form = fields.first().copied().unwrap_or("");
        let cat = fields.get(1).copied().unwrap_or("");
        let agr = Agr::parse(fields.get(2).copied().unwrap_or("-"))
            .ok_or_else(|| bad(format!("unknown agreement '{}'", fields[2])))?;
        if cat == "tfinal" {
            tfinal.insert(isnad_text::fold(form));
            continue;
        }
        let cat = cat_of(cat).ok_or_else(|| bad(format!("unknown category '{cat}'")))?;
        entries.push((form.to_string(), Entry { cat, agr }));
    }
    let lex = Lexicon::new(entries).map_err(|source| DataError::Lexicon { file, source })?;
    Ok(LangLex { lex, tfinal })
}

/// The Arabic lexicon, compiled on first use.
pub(crate) fn arabic() -> Result<&'static LangLex, &'static DataError> {
    static LEX: OnceLock<Result<LangLex, DataError>> = OnceLock::new();
    LEX.get_or_init(|| compile("ar.tsv", AR)).as_ref()
}

/// The English lexicon, compiled on first use.
pub(crate) fn english() -> Result<&'static LangLex, &'static DataError> {
    static LEX: OnceLock<Result<LangLex, DataError>> = OnceLock::new();
    LEX.get_or_init(|| compile("en.tsv", EN)).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_compile() {
        assert!(arabic().unwrap().lex.len() > 300);
        assert!(english().unwrap().lex.len() > 150);
        assert!(arabic().unwrap().tfinal.contains("لفت"));
    }
}
