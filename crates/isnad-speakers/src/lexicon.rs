//! The language knowledge of the linker: `data/ar.tsv` and `data/en.tsv`, compiled once into
//! word tables.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

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
    /// Issuing a document; its author follows ("الصادر عن", "released by").
    Issued,
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

/// The compiled lexicon of one language, looked up word by word.
///
/// Why not one aho-corasick automaton over the text like the other stages: this lexicon is full
/// of one- and two-letter function words ("في", "من", "د", "آل" which folds to "ال", "he", "a"),
/// and an automaton reports every place they occur *inside* words before the word-boundary
/// check throws them away — measured at about 26 MB/s on news text. The segment stage already
/// cut the text into tokens with their folded forms, so a hash lookup per token (after the
/// clitic prefixes Arabic allows) is exact and several times faster. Multi-word entries are
/// indexed by their first word.
pub(crate) struct LangLex {
    /// First word of an entry → the one-word entry, and the longer entries starting with it
    /// (longest first). One hash lookup per candidate stem.
    words: HashMap<String, Slot>,
    /// Perfect verbs whose root ends in ت (Arabic only).
    pub tfinal: HashSet<String>,
    /// Common verbs among the words that end a name (`stop-verb`, Arabic): they open a clause.
    pub verbs: HashSet<String>,
    /// Titles that name someone by whom they speak for or advise ("المتحدث باسم", "مستشار"):
    /// a title right after one is another person's, and so is a name after that title.
    pub relational: HashSet<String>,
    /// Titles that are given names too («سلطان»): bare before a family name, the name.
    pub given: HashSet<String>,
    /// Particles of filiation written after a given name («ولد»، «منت»): the word before one is
    /// a name, even when it reads as an honorific («المزارع الشيخ ولد بيده»).
    pub filial: HashSet<String>,
    /// Heads of a news outlet's name («وكالة»، «صحيفة»): before a proper name without the
    /// article they are generic, and the outlet is named by the proper name («وكالة رويترز»).
    pub media: HashSet<String>,
    /// Abbreviated titles → their full form ("sen" → "senator"), for comparing role heads.
    pub full: HashMap<String, String>,
    /// True when every word after the first of a multi-word entry has a letter. A token without
    /// letters that is not a word token (punctuation, numbers) then neither starts nor continues
    /// an entry, so the text between two such tokens can be tagged on its own (see `Ctx`).
    pub rests_have_letters: bool,
}

/// A sequence of folded words: a tokenised document or the words of a phrase.
pub(crate) trait Words {
    /// Number of words.
    fn count(&self) -> usize;
    /// Word `i` (folded; punctuation as its own items).
    fn word(&self, i: usize) -> &str;
}

impl Words for [&str] {
    fn count(&self) -> usize {
        self.len()
    }

    fn word(&self, i: usize) -> &str {
        self[i]
    }
}

#[derive(Default)]
struct Slot {
    single: Option<Entry>,
    multi: Vec<(Vec<String>, Entry)>,
}

/// A lexicon entry found at a word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordMatch {
    pub entry: Entry,
    /// Number of words the entry covers.
    pub len: usize,
    /// Bytes of clitic prefix before the entry in the first word.
    pub prefix: usize,
}

impl LangLex {
    /// Number of distinct entries.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.words.values().map(|s| usize::from(s.single.is_some()) + s.multi.len()).sum()
    }

    /// The entry starting at `words[i]` (folded words; punctuation as its own items), trying
    /// the whole word first and then without each Arabic clitic chain (و ف ب ك ل ال), and for
    /// English without a possessive "'s". Function words take at most a conjunction.
    // (`#[inline]` here and on `lookup`: this runs for every word; with the code the h-en18i round
    // added to the crate LLVM stopped inlining the word table's hash lookup, +4 % for the stage.)
    #[inline]
    pub fn match_at<W: Words + ?Sized>(&self, words: &W, i: usize) -> Option<WordMatch> {
        let word = words.word(i);
        if let Some(m) = self.lookup(words, i, word, 0) {
            return Some(m);
        }
        if word.is_ascii() {
            return word.strip_suffix("'s").and_then(|base| self.lookup(words, i, base, 0));
        }
        // Arabic clitic chains are made of these letters; try each cut that leaves two letters.
        for (cut, _) in word.char_indices().skip(1).take(4) {
            if !matches!(
                word[..cut].chars().next_back(),
                Some('و' | 'ف' | 'ب' | 'ك' | 'ل' | 'ا' | 'س')
            ) {
                break;
            }
            let prefix = &word[..cut];
            let stem = &word[cut..];
            if stem.chars().nth(1).is_none() {
                break;
            }
            if isnad_text::is_clitic_chain(prefix)
                && let Some(m) = self.lookup(words, i, stem, cut)
            {
                return Some(m);
            }
        }
        self.title_with_possessive(words, i, word)
    }

    /// "رئيسها", "أمينها العام", "نائبه", "رئيستها": a title with a possessive pronoun ("its
    /// president", after the organisation was named) is still a title. Only titles: a
    /// pronoun on a name or an organisation head means something else. (Folding writes ة as ه,
    /// and before a pronoun it is written ت.)
    fn title_with_possessive<W: Words + ?Sized>(
        &self,
        words: &W,
        i: usize,
        word: &str,
    ) -> Option<WordMatch> {
        // Every word of the document comes here that the lexicon lacks, so the common case
        // leaves on two byte tests: each pronoun has ه as one of its last three letters (two
        // bytes each), and a noun with a pronoun has no article (most words ending in ه are a ة
        // with one).
        let b = word.as_bytes();
        let h_at = |k: usize| b.len() >= 2 * k && b[b.len() - 2 * k..][..2] == [0xD9, 0x87];
        if !(h_at(1) || h_at(2) || h_at(3)) || b.len() > 16 {
            return None;
        }
        let bare = word.trim_start_matches(['و', 'ف']);
        if bare.starts_with("ال") {
            return None;
        }
        for pronoun in ["هما", "هم", "ها", "ه"] {
            let Some(stem) = word.strip_suffix(pronoun) else { continue };
            if stem.chars().nth(2).is_none() {
                continue;
            }
            let feminine = stem.strip_suffix('ت').map(|b| format!("{b}ه"));
            let found = std::iter::once(stem)
                .chain(feminine.as_deref())
                .filter_map(|s| self.lookup(words, i, s, 0))
                .find(|m| m.entry.cat == Cat::Title);
            if found.is_some() {
                return found;
            }
        }
        None
    }

    #[inline]
    pub(crate) fn lookup<W: Words + ?Sized>(
        &self,
        words: &W,
        i: usize,
        stem: &str,
        prefix: usize,
    ) -> Option<WordMatch> {
        let slot = self.words.get(stem)?;
        let allowed = |e: &Entry| {
            !matches!(
                e.cat,
                Cat::Honorific
                    | Cat::Stop
                    | Cat::Pronoun
                    | Cat::Particle
                    | Cat::Anaphor
                    | Cat::Before
            ) || prefix == 0
                || matches!(&words.word(i)[..prefix], "و" | "ف")
        };
        for (rest, entry) in &slot.multi {
            if allowed(entry)
                && words.count() > i + rest.len()
                && rest.iter().enumerate().all(|(k, r)| {
                    let w = words.word(i + 1 + k);
                    w == r || (k + 1 == rest.len() && w.strip_suffix("'s") == Some(r.as_str()))
                })
            {
                return Some(WordMatch { entry: *entry, len: 1 + rest.len(), prefix });
            }
        }
        slot.single.filter(allowed).map(|e| WordMatch { entry: e, len: 1, prefix })
    }

    /// Every entry in a folded phrase, leftmost-longest, as (first word, words covered, entry).
    #[cfg(test)]
    pub fn find_in_phrase(&self, folded: &str) -> Vec<(usize, usize, Entry)> {
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        self.find_in_words(&words)
    }

    /// Every entry in a sequence of folded words, leftmost-longest.
    pub fn find_in_words(&self, words: &[&str]) -> Vec<(usize, usize, Entry)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.match_at(words, i) {
                Some(m) => {
                    out.push((i, m.len, m.entry));
                    i += m.len;
                }
                None => i += 1,
            }
        }
        out
    }
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
        "issued" => Cat::Issued,
        _ => return None,
    })
}

/// An error in a built-in data file (caught by the crate's tests, reported if it ever slips).
#[derive(Debug, thiserror::Error)]
pub(crate) enum DataError {
    #[error("data/{file}:{line}: {message}")]
    Line { file: &'static str, line: usize, message: String },
    #[error("data/{file}: entry '{form}' is empty once folded")]
    Empty { file: &'static str, form: String },
}

fn compile(file: &'static str, text: &str) -> Result<LangLex, DataError> {
    let mut entries = Vec::new();
    let mut tfinal = HashSet::default();
    let mut verbs = HashSet::default();
    let mut relational = HashSet::default();
    let mut given = HashSet::default();
    let mut filial = HashSet::default();
    let mut media = HashSet::default();
    let mut full = HashMap::default();
    for (line, fields) in isnad_text::data::lines(text) {
        let bad = |message: String| DataError::Line { file, line, message };
        let form = fields.first().copied().unwrap_or("");
        let cat = fields.get(1).copied().unwrap_or("");
        let agr = Agr::parse(fields.get(2).copied().unwrap_or("-"))
            .ok_or_else(|| bad(format!("unknown agreement '{}'", fields[2])))?;
        // The categories that only list words for one question each (no lexicon entry).
        let listed = match cat {
            "tfinal" => Some(&mut tfinal),
            "relational" => Some(&mut relational),
            "given" => Some(&mut given),
            "filial" => Some(&mut filial),
            "media" => Some(&mut media),
            _ => None,
        };
        if let Some(set) = listed {
            set.insert(isnad_text::fold(form));
            continue;
        }
        let cat = if cat == "stop-verb" {
            verbs.insert(isnad_text::fold(form));
            "stop"
        } else {
            cat
        };
        let cat = cat_of(cat).ok_or_else(|| bad(format!("unknown category '{cat}'")))?;
        if let Some(f) = fields.get(3).filter(|f| !f.is_empty()) {
            full.insert(isnad_text::fold(form), isnad_text::fold(f));
        }
        entries.push((form.to_string(), Entry { cat, agr }));
    }
    let mut words: HashMap<String, Slot> = HashMap::default();
    for (form, entry) in entries {
        let folded = isnad_text::fold(&form);
        let mut parts = folded.split(' ').map(str::to_string);
        let first = parts.next().unwrap_or_default();
        let rest: Vec<String> = parts.collect();
        if first.is_empty() {
            return Err(DataError::Empty { file, form });
        }
        let slot = words.entry(first).or_default();
        if rest.is_empty() {
            slot.single.get_or_insert(entry);
        } else if !slot.multi.iter().any(|(r, _)| *r == rest) {
            slot.multi.push((rest, entry));
        }
    }
    for slot in words.values_mut() {
        slot.multi.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
    }
    let rests_have_letters = words.values().all(|s| {
        s.multi.iter().all(|(rest, _)| rest.iter().all(|r| r.chars().any(char::is_alphabetic)))
    });
    Ok(LangLex { words, tfinal, verbs, relational, given, filial, media, full, rests_have_letters })
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
        assert!(arabic().unwrap().len() > 300);
        assert!(english().unwrap().len() > 150);
        assert!(arabic().unwrap().tfinal.contains("لفت"));
        // Otherwise every token is tagged up front: still right, only slower.
        assert!(arabic().unwrap().rests_have_letters && english().unwrap().rests_have_letters);
    }
}

#[cfg(test)]
mod match_tests {
    use super::*;

    fn cats(lex: &LangLex, text: &str) -> Vec<(usize, usize, Cat)> {
        lex.find_in_phrase(&isnad_text::fold(text))
            .into_iter()
            .map(|(i, n, e)| (i, n, e.cat))
            .collect()
    }

    #[test]
    fn clitics_multiword_and_function_words() {
        let ar = arabic().unwrap();
        assert_eq!(cats(ar, "والرئيس"), vec![(0, 1, Cat::Title)]);
        assert_eq!(cats(ar, "للأمين العام"), vec![(0, 1, Cat::Title)]);
        assert_eq!(cats(ar, "الأمين العام لحلف"), vec![(0, 2, Cat::Title), (2, 1, Cat::Org)]);
        assert_eq!(cats(ar, "في تصريحات سابقة"), vec![(0, 3, Cat::Before)]);
        // A function word takes only a conjunction: "بمن" is no "من".
        assert_eq!(cats(ar, "ومن بمن"), vec![(0, 1, Cat::Stop)]);
        // Words that merely start with an entry are not it.
        assert_eq!(cats(ar, "رئيسية وزيرات"), vec![]);
        let en = english().unwrap();
        assert_eq!(
            cats(en, "the prime minister's office"),
            vec![(0, 1, Cat::Stop), (1, 2, Cat::Title), (3, 1, Cat::Org)]
        );
        assert_eq!(cats(en, "he's"), vec![(0, 1, Cat::Pronoun)]);
    }
}
