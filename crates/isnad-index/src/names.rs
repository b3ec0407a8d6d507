//! Is an entity's name a name? The keys an entity is linked across articles by.
//!
//! The speakers stage names an entity by the fullest name the article gives, which is sometimes
//! no name at all: "the agency", "مصدر أمني", "وكيل الوزارة", "The GOP nominee". Two articles'
//! "the agency" are rarely one body, so only a **proper name** links by itself:
//!
//! - its words are not titles, group heads, adjectives of roles, documents, pronouns or function
//!   words (the speaker lexicon's word classes, `isnad_speakers::classify_words`); honorifics in
//!   front are dropped ("Mr. Trump" is "Trump", «الدكتور هيثم الحاج» is «هيثم الحاج»);
//! - in Latin script every word but a particle begins with a capital letter;
//! - a person's name has two words or more ("Donald Trump"): one word alone ("Trump", «سلام») is
//!   a surname or a first name that many people share, and links only together with a role;
//! - an organisation's name may be one word ("Hamas", «الشاباك») when the speakers stage called it
//!   an organisation, or it begins with an organisation head and goes on («وزارة الخارجية
//!   الروسية»), but a bare head («الوزارة», "the ministry") never links.
//!
//! Entities whose kind is `group` never link by name ("officials", «مصادر»).

use isnad_core::EntityKind;
use isnad_speakers::{WordClass, classify_words};
use isnad_text::normalize::{is_arabic_letter, is_word_char};

use crate::search_text::strip_proclitics;

/// The keys of one entity: how the writer looks for the same entity in earlier articles, and
/// what it records for later ones. Every key is a string in the `link_keys` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkKeys {
    /// `kb:<id>` from a gazetteer.
    pub kb: Option<String>,
    /// `name:<folded name>` for the entity's name when it is a proper name that links by itself,
    /// then its aliases that are.
    pub names: Vec<(String, Origin)>,
    /// `surname:<folded word>`: the last word of a person's full name, or the one word of a
    /// person named by one word only.
    pub surname: Option<String>,
    /// True when the entity's only name is one word (it links by surname and role, never alone).
    pub one_word: bool,
    /// `role:<folded role>` for each role given in the article.
    pub roles: Vec<String>,
    /// `word:<folded word>` for each one-word name or alias: not used to link, but to find an
    /// actor by any of its names (`isnad query --speaker Peskov`).
    pub words: Vec<String>,
}

/// Where a name key came from: the entity's name or one of its aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The entity's (fullest) name.
    Name,
    /// One of its aliases.
    Alias,
}

impl Origin {
    /// As stored in `link_keys.origin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Name => "name",
            Origin::Alias => "alias",
        }
    }
}

/// The shape of one name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// A proper name: its folded words, honorifics dropped.
    Proper(Vec<String>),
    /// A description or something the stage could not read as a name.
    Description,
}

/// The link keys of an entity.
pub fn link_keys(
    name: &str,
    kind: EntityKind,
    aliases: &[String],
    roles: &[String],
    kb_id: Option<&str>,
) -> LinkKeys {
    let mut keys = LinkKeys { kb: kb_id.map(|id| format!("kb:{id}")), ..LinkKeys::default() };
    if kind == EntityKind::Group {
        return keys;
    }
    let folded_roles: Vec<String> = roles.iter().map(|r| isnad_text::fold(r)).collect();
    for role in folded_roles.iter().filter(|r| !r.is_empty()) {
        keys.roles.push(format!("role:{role}"));
        // The titles in it ("رئيس" of «رئيس الحكومة», "spokesman"), as roles of their own: the
        // same person is «رئيس الحكومة» in one article and «الرئيس» in the next.
        let arabic = role.chars().any(is_arabic_letter);
        for (word, class) in role.split(' ').zip(classify_words(role, arabic)) {
            let title = format!("role:{}", strip_proclitics(word));
            if class == WordClass::Title && !keys.roles.contains(&title) {
                keys.roles.push(title);
            }
        }
    }
    let mut full_name_seen = false;
    for (text, origin) in std::iter::once((name, Origin::Name))
        .chain(aliases.iter().map(|a| (a.as_str(), Origin::Alias)))
    {
        let Shape::Proper(words) = shape(text, kind, &folded_roles) else { continue };
        let key = words.join(" ");
        if words.len() == 1 {
            keys.words.push(format!("word:{key}"));
            if kind == EntityKind::Organization && origin == Origin::Name {
                keys.names.push((format!("name:{key}"), origin));
            }
            continue;
        }
        if !keys.names.iter().any(|(k, _)| k[5..] == key) {
            keys.names.push((format!("name:{key}"), origin));
        }
        if kind != EntityKind::Organization && !full_name_seen {
            full_name_seen = true;
            keys.surname = words.last().map(|w| format!("surname:{w}"));
        }
    }
    if !full_name_seen && kind != EntityKind::Organization {
        // Named by one word only: "Trump", «بيسكوف».
        if let Some(word) = keys.words.first() {
            keys.one_word = true;
            keys.surname = Some(format!("surname:{}", &word[5..]));
        }
    }
    keys
}

/// The words of a name as keys hold them: folded, cut at every character that is not a word
/// character ("El-Adly" is "el adly").
pub fn folded_words(text: &str) -> Vec<String> {
    text.split(|c: char| !is_word_char(c)).map(isnad_text::fold).filter(|w| !w.is_empty()).collect()
}

/// Is `text` a proper name, and which words make it up?
fn shape(text: &str, kind: EntityKind, folded_roles: &[String]) -> Shape {
    let whole = isnad_text::fold(text);
    if whole.is_empty() || folded_roles.contains(&whole) {
        return Shape::Description;
    }
    // Words of the original, each folded on its own so the two stay aligned; a possessive
    // "'s" is no part of a name.
    let text = text.trim_end_matches("'s").trim_end_matches("\u{2019}s");
    let (original, folded): (Vec<&str>, Vec<String>) = text
        .split(|c: char| !is_word_char(c))
        .filter_map(|w| Some((w, isnad_text::fold(w))).filter(|(_, f)| !f.is_empty()))
        .unzip();
    let arabic = whole.chars().any(is_arabic_letter);
    let classes = classify_words(&folded.join(" "), arabic);
    let words: Vec<Word<'_>> = original
        .iter()
        .zip(&folded)
        .zip(&classes)
        .map(|((&original, folded), &class)| Word { original, folded, class })
        .collect();
    let kept = if arabic { arabic_name(&words, kind) } else { latin_name(&words, kind) };
    match kept {
        Some(kept) if !kept.is_empty() => Shape::Proper(kept),
        _ => Shape::Description,
    }
}

/// One word of a name: as written, folded, and what the speaker lexicon says of it.
struct Word<'a> {
    original: &'a str,
    folded: &'a str,
    class: WordClass,
}

/// An Arabic name: a person's words are all unknown to the lexicon or particles («بن», «آل»)
/// after an optional honorific; an organisation begins with its head («وزارة») and goes on, or
/// is one word the lexicon does not know or knows as an organisation's name («الشاباك»).
fn arabic_name(words: &[Word<'_>], kind: EntityKind) -> Option<Vec<String>> {
    let start = words.iter().take_while(|w| w.class == WordClass::Honorific).count();
    let words = &words[start..];
    let first = words.first()?;
    let is_org = kind == EntityKind::Organization;
    let ok = if is_org && first.class == WordClass::OrgHead {
        // «وزارة الخارجية» is every country's: a name needs a word of its own («العفو») or one
        // that says whose it is («الروسية»).
        let specific =
            words[1..].iter().any(|w| matches!(w.class, WordClass::Unknown | WordClass::Adjective));
        specific
            && words[1..].iter().all(|w| {
                matches!(
                    w.class,
                    WordClass::Unknown
                        | WordClass::OrgName
                        | WordClass::Adjective
                        | WordClass::Function
                        | WordClass::OrgHead
                        | WordClass::Particle
                )
            })
    } else {
        words.iter().all(|w| {
            matches!(w.class, WordClass::Unknown | WordClass::Particle)
                || (is_org && w.class == WordClass::OrgName)
        })
    };
    ok.then(|| words.iter().map(|w| w.folded.to_string()).collect())
}

/// A name in Latin script: every word capitalised but particles and, inside an organisation's
/// name, function words ("Bank of England"); no pronoun, document or group head; a leading
/// "the" of an organisation, honorifics, and capitalised titles before a name ("Gov. Mike
/// Pence") are left out ("President Obama" is then the one word "Obama").
fn latin_name(words: &[Word<'_>], kind: EntityKind) -> Option<Vec<String>> {
    let is_org = kind == EntityKind::Organization;
    let mut start = 0;
    if is_org && words.first().is_some_and(|w| w.folded == "the") {
        start = 1;
    }
    start += words[start..]
        .iter()
        .take_while(|w| {
            w.class == WordClass::Honorific
                || (!is_org
                    && matches!(w.class, WordClass::Title | WordClass::Adjective)
                    && capitalised(w.original))
        })
        .count();
    let mut words = &words[start..];
    // "UN Secretary-General Antonio Guterres": a person's name is what follows the last title.
    if !is_org
        && let Some(title) = words.iter().rposition(|w| w.class == WordClass::Title)
        && title + 1 < words.len()
    {
        words = &words[title + 1..];
    }
    let last = words.len().checked_sub(1)?;
    for (i, w) in words.iter().enumerate() {
        let inner = i > 0 && i < last;
        let ok = match w.class {
            WordClass::Unknown | WordClass::OrgName => capitalised(w.original),
            WordClass::Particle => true,
            WordClass::Function => is_org && inner && !capitalised(w.original),
            WordClass::OrgHead | WordClass::Title | WordClass::Adjective => {
                is_org && capitalised(w.original)
            }
            _ => false,
        };
        if !ok {
            return None;
        }
    }
    Some(words.iter().map(|w| w.folded.to_string()).collect())
}

/// True when a word begins with an upper-case letter or a digit.
fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(name: &str, kind: EntityKind, aliases: &[&str], roles: &[&str]) -> LinkKeys {
        let aliases: Vec<String> = aliases.iter().map(|s| s.to_string()).collect();
        let roles: Vec<String> = roles.iter().map(|s| s.to_string()).collect();
        link_keys(name, kind, &aliases, &roles, None)
    }

    #[test]
    fn full_names_link_descriptions_do_not() {
        use EntityKind::*;
        // (name, kind, aliases, roles, name keys, surname)
        type Case<'a> =
            (&'a str, EntityKind, &'a [&'a str], &'a [&'a str], &'a [&'a str], Option<&'a str>);
        let cases: &[Case<'_>] = &[
            (
                "Donald Trump",
                Person,
                &["Trump"],
                &[],
                &["name:donald trump"],
                Some("surname:trump"),
            ),
            ("Mr. Trump", Unknown, &[], &[], &[], Some("surname:trump")),
            (
                "دميتري بيسكوف",
                Person,
                &["بيسكوف"],
                &["المتحدث باسم الكرملين"],
                &["name:دميتري بيسكوف"],
                Some("surname:بيسكوف"),
            ),
            ("the agency", Organization, &[], &[], &[], None),
            ("The GOP nominee", Person, &[], &["GOP nominee"], &[], None),
            ("مصدر أمني", Person, &[], &["مصدر أمني"], &[], None),
            ("وكيل الوزارة", Person, &[], &[], &[], None),
            ("الوزارة", Organization, &[], &[], &[], None),
            (
                "وزارة الخارجية الروسية",
                Organization,
                &["الخارجية الروسية"],
                &[],
                &["name:وزاره الخارجيه الروسيه"],
                None,
            ),
            ("Hamas", Organization, &[], &[], &["name:hamas"], None),
            ("وزارة الخارجية", Organization, &[], &[], &[], None),
            (
                "UN Secretary-General Antonio Guterres",
                Person,
                &[],
                &[],
                &["name:antonio guterres"],
                Some("surname:guterres"),
            ),
            ("experts", Group, &[], &[], &[], None),
            (
                "سلمان بن عبدالعزيز آل سعود",
                Person,
                &["سلمان"],
                &["الملك"],
                &["name:سلمان بن عبدالعزيز ال سعود"],
                Some("surname:سعود"),
            ),
        ];
        for &(name, kind, aliases, roles, want_names, want_surname) in cases {
            let k = keys(name, kind, aliases, roles);
            let names: Vec<&str> = k.names.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, want_names, "{name}");
            assert_eq!(k.surname.as_deref(), want_surname, "{name}");
        }
    }
}
