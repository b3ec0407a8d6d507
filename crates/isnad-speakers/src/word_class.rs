//! The speaker lexicon's word classes, for tools that judge names outside the stage.
//!
//! The claims database (`isnad-index`) links people across articles by their names, and must
//! tell a name ("Dmitry Peskov", "وزارة الخارجية الروسية") from a description that stands in
//! for one ("the agency", "مصدر أمني", "وكيل الوزارة"): two articles' "the agency" are rarely
//! the same body. The words that make a description are the ones this stage already knows
//! (titles, group heads, adjectives of roles, function words), so they are offered here rather
//! than listed a second time.

use crate::lexicon::{self, Cat};

/// What the lexicon says of one word of a phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WordClass {
    /// Head of a role or office ("رئيس", "spokesman").
    Title,
    /// A form of address ("الدكتور", "Mr").
    Honorific,
    /// Head of an organisation's name ("وزارة", "ministry").
    OrgHead,
    /// A name that stands for an organisation by itself ("الكرملين").
    OrgName,
    /// Head of a plural ("مصادر", "officials").
    Group,
    /// A document ("البيان", "the report").
    Document,
    /// A pronoun.
    Pronoun,
    /// An adjective of a role ("رفيع", "senior").
    Adjective,
    /// Part of a name ("بن", "آل", "al", "von").
    Particle,
    /// A function word or another word the lexicon marks as ending a name.
    Function,
    /// A word the lexicon does not know: a name, as far as it can tell.
    Unknown,
}

/// The class of each word of `folded` (text folded with `isnad_text::fold`, words separated by
/// spaces), in order; a multi-word lexicon entry gives its class to each of its words. Arabic
/// clitics (و ف ب ل ك ال) are allowed before a word, as in the stage.
pub fn classify_words(folded: &str, arabic: bool) -> Vec<WordClass> {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut classes = vec![WordClass::Unknown; words.len()];
    let lexicon = if arabic { lexicon::arabic() } else { lexicon::english() };
    let Ok(lexicon) = lexicon else { return classes };
    for (first, len, entry) in lexicon.find_in_words(&words) {
        let class = match entry.cat {
            Cat::Title => WordClass::Title,
            Cat::Honorific => WordClass::Honorific,
            Cat::Org => WordClass::OrgHead,
            Cat::OrgName => WordClass::OrgName,
            Cat::Group => WordClass::Group,
            Cat::Document => WordClass::Document,
            Cat::Pronoun => WordClass::Pronoun,
            Cat::Adj => WordClass::Adjective,
            Cat::Particle => WordClass::Particle,
            Cat::Anaphor | Cat::Stop | Cat::Before | Cat::Issued => WordClass::Function,
        };
        for c in &mut classes[first..(first + len).min(words.len())] {
            *c = class;
        }
    }
    classes
}

#[cfg(test)]
mod tests {
    use super::*;
    use WordClass::*;

    #[test]
    fn names_and_descriptions() {
        let cases: &[(&str, bool, &[WordClass])] = &[
            ("دميتري بيسكوف", true, &[Unknown, Unknown]),
            ("مصدر امني", true, &[Title, Adjective]),
            ("وزاره الخارجيه الروسيه", true, &[OrgHead, OrgName, Adjective]),
            ("سلمان بن عبدالعزيز", true, &[Unknown, Particle, Unknown]),
            ("mr trump", false, &[Honorific, Unknown]),
            ("the agency", false, &[Function, OrgHead]),
        ];
        for (text, arabic, want) in cases {
            let got = classify_words(&isnad_text::fold(text), *arabic);
            assert_eq!(&got, want, "{text}");
        }
    }
}
