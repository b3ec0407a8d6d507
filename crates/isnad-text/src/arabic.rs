//! Arabic word shapes that more than one stage asks about, read from a word's original spelling
//! or its folded form.

/// True when `word`, as written in the text, begins with the madda «آ» after a conjunction (و,
/// ف). Folding writes «آ», «أ» and «إ» alike, so the given name «آن» (Anne) reads as the
/// complementiser «أن» and «آمر» (commander) as the verb «أمر»; no function word of the stages'
/// lexicons is spelled with a madda, so such a word is never one («ممثلة المنظمة، السيدة آن ماري
/// دوبوا، قولها إن …»).
pub fn madda_initial(word: &str) -> bool {
    word.trim_start_matches(['و', 'ف']).starts_with('آ')
}

/// True when the folded word `folded` is «لكن» carrying a subject pronoun, after a conjunction
/// or not («لكنه»، «ولكنها»، «لكنهم»): the pronoun stands for the subject of the clause before
/// («أبدى … ارتياحه للقرار، لكنه طالب الأمانة بـ …»). «إلا أنهم» is not one: أن there opens
/// another clause.
pub fn contrast_with_pronoun(folded: &str) -> bool {
    let rest = folded.trim_start_matches(['و', 'ف']);
    matches!(rest, "لكنه" | "لكنها" | "لكنهم" | "لكنهما")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn madda_after_a_conjunction_only() {
        for w in ["آن", "وآن", "فآمر"] {
            assert!(madda_initial(w), "{w}");
        }
        for w in ["أن", "إن", "بآن", "ان"] {
            assert!(!madda_initial(w), "{w}");
        }
    }

    #[test]
    fn contrast_carrying_its_subject() {
        for w in ["لكنه", "ولكنها", "فلكنهم", "لكنهما"] {
            assert!(contrast_with_pronoun(w), "{w}");
        }
        for w in ["لكن", "ولكن", "انهم", "لكنني"] {
            assert!(!contrast_with_pronoun(w), "{w}");
        }
    }
}
