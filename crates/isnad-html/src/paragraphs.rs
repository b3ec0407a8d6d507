//! Paragraphs of an article and the direction and language each is laid out in.
//!
//! A paragraph is a line of the text (news text puts one paragraph a line, often with blank
//! lines between). Its direction comes from its own letters, not from the article's language: an
//! English quotation or a "Read more" line in an Arabic article is left to right, an Arabic
//! quotation in an English article right to left. Within a paragraph the browser's bidirectional
//! algorithm places Latin names, numbers and punctuation; it needs the right base direction to do
//! so, which is what `dir` gives it (`dir="auto"` would look at the first strong letter only, and
//! "CNN قالت …" starts with a Latin one).

use std::ops::Range;

use isnad_core::Lang;
use isnad_text::normalize::is_arabic_letter;

/// Which script a stretch of text is written in, by majority of its letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// More Arabic letters than Latin ones.
    Arabic,
    /// More Latin letters than Arabic ones.
    Latin,
    /// No letters of either (numbers, punctuation): the surrounding direction applies.
    Neutral,
}

impl Script {
    /// The script of `text`.
    pub fn of(text: &str) -> Script {
        let (mut arabic, mut latin) = (0usize, 0usize);
        for c in text.chars() {
            if is_arabic_letter(c) {
                arabic += 1;
            } else if c.is_ascii_alphabetic() || (c.is_alphabetic() && (c as u32) < 0x0250) {
                latin += 1;
            }
        }
        match (arabic, latin) {
            (0, 0) => Script::Neutral,
            (a, l) if a >= l => Script::Arabic,
            _ => Script::Latin,
        }
    }
}

/// How a block of text is laid out: its `dir` and `lang` attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    /// A BCP 47 tag, or empty when unknown (`lang=""` tells the browser so).
    pub lang: String,
}

impl Layout {
    /// An article's layout from its record's language, or from its script when the record's
    /// language is unknown or not one isnad knows.
    pub fn of_article(lang: Option<&str>, text: &str) -> Layout {
        match lang {
            Some("ar") => Layout { dir: "rtl", lang: "ar".into() },
            Some("en") => Layout { dir: "ltr", lang: "en".into() },
            _ => match Script::of(text) {
                Script::Arabic => Layout { dir: "rtl", lang: "ar".into() },
                _ => Layout { dir: "ltr", lang: String::new() },
            },
        }
    }

    /// A paragraph's layout inside an article laid out as `article`.
    ///
    /// Arabic-script paragraphs are Arabic (the only Arabic-script language isnad knows); a
    /// Latin-script paragraph takes the article's language when the article is in Latin script,
    /// and is English when `isnad_text::lang::detect` says so, unknown otherwise.
    pub fn of_paragraph(text: &str, article: &Layout) -> Layout {
        match Script::of(text) {
            Script::Neutral => article.clone(),
            Script::Arabic if article.dir == "rtl" => article.clone(),
            Script::Arabic => Layout { dir: "rtl", lang: "ar".into() },
            Script::Latin if article.dir == "ltr" => article.clone(),
            Script::Latin => {
                let english = isnad_text::lang::detect(text) == Lang::En;
                Layout { dir: "ltr", lang: if english { "en".into() } else { String::new() } }
            }
        }
    }
}

/// The paragraphs of `text` as byte ranges: its lines, without line ends, blank lines left out.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            out.push(start..start + body.len());
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_lines_without_blank_ones_or_line_ends() {
        let text = "one\r\n\r\n  \ntwo\nthree";
        let parts: Vec<&str> = split(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(parts, ["one", "two", "three"]);
        assert!(split("").is_empty());
    }

    #[test]
    fn direction_follows_each_paragraph_letters() {
        let ar = Layout::of_article(Some("ar"), "");
        assert_eq!(ar.dir, "rtl");
        // An Arabic paragraph that opens with a Latin name is still right to left.
        assert_eq!(Layout::of_paragraph("CNN قالت الوزارة إن 40% من الواردات", &ar), ar);
        let read_more =
            Layout::of_paragraph("Read more: the minister said that the talks failed", &ar);
        assert_eq!(read_more, Layout { dir: "ltr", lang: "en".into() });
        let other = Layout::of_paragraph("Le ministre a parlé", &ar);
        assert_eq!(other, Layout { dir: "ltr", lang: String::new() });
        let en = Layout::of_article(Some("en"), "");
        assert_eq!(Layout::of_paragraph("قال الوزير", &en), ar);
        assert_eq!(Layout::of_paragraph("2025 - 40%", &en), en);
        assert_eq!(Layout::of_article(None, "قال الوزير").dir, "rtl");
        assert_eq!(Layout::of_article(Some("und"), "1 2 3").lang, "");
    }
}
