//! What one language brings to the stage: its date vocabulary (`data/{ar,en}.tsv`), its word
//! classes (`data/{ar,en}-classes.tsv`) and which word orders of the grammar apply.

use crate::DatesError;
use crate::classes::WordClasses;
use crate::vocab::{HolidayNames, Vocab};

/// Which language's word orders apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Ar,
    En,
}

/// A language's compiled data.
pub(crate) struct Language {
    /// Which one.
    pub(crate) lang: Lang,
    /// Its date words, by which the text is cut into tokens.
    pub(crate) vocab: Vocab,
    /// The other words its rules ask about by name.
    pub(crate) classes: WordClasses,
}

impl Language {
    /// Arabic, from the shipped data.
    pub(crate) fn arabic(holidays: &HolidayNames) -> Result<Language, DatesError> {
        Ok(Language {
            lang: Lang::Ar,
            vocab: Vocab::build("ar.tsv", include_str!("../data/ar.tsv"), holidays)?,
            classes: WordClasses::parse("ar-classes.tsv", include_str!("../data/ar-classes.tsv"))?,
        })
    }

    /// English, from the shipped data.
    pub(crate) fn english(holidays: &HolidayNames) -> Result<Language, DatesError> {
        Ok(Language {
            lang: Lang::En,
            vocab: Vocab::build("en.tsv", include_str!("../data/en.tsv"), holidays)?,
            classes: WordClasses::parse("en-classes.tsv", include_str!("../data/en-classes.tsv"))?,
        })
    }
}
