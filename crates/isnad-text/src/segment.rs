//! Paragraphs, sentences and tokens.

use std::sync::LazyLock;

use isnad_core::{Block, Normalized, Paragraph, Sentence, Span, Token, TokenKind};

use crate::lexicon::{is_clitic_chain, Lexicon};
use crate::normalize::{fold, is_arabic_letter, is_word_char};

/// Characters that end a sentence. The Arabic comma does not: Arabic news runs whole arguments
/// together with commas, and a reporting verb is often separated from its content by one.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…' | '।')
}

/// Closing marks that stay with the sentence they close (`."`, `.»`, `?)`).
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '“')
}

/// English words that take a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "maj", "st", "jr", "sr", "inc", "co", "corp", "ltd", "llc", "vs", "etc", "e.g", "i.e",
    "u.s", "u.k", "u.n", "u.s.a", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat",
    "sun", "ave", "blvd", "mt", "ft", "gens", "reps", "sens", "supt", "det", "insp", "rev", "fr",
    "a.m", "p.m", "approx", "dept", "est", "fig", "al", "op", "ed", "vol", "pp",
];

/// Words that typically open an English sentence, for abbreviations that may also end one.
const SENTENCE_STARTERS: &[&str] = &[
    "He", "She", "It", "They", "We", "I", "You", "The", "This", "That", "These", "Those", "But", "And",
    "In", "On", "At", "A", "An", "His", "Her", "Their", "Its", "Our", "There", "Still", "However", "Meanwhile",
];

static BLOCK_MARKERS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    let entries = crate::data::lines(include_str!("../data/blocks.tsv")).map(|(_, f)| (f[0].to_string(), ()));
    Lexicon::new(entries).expect("data/blocks.tsv is a valid lexicon")
});

/// Splits `text` into paragraphs: non-blank lines, trimmed, with their block and heading flags.
///
/// A paragraph starting with a related-content marker (`data/blocks.tsv`) is furniture; when the
/// marker stands alone it heads a list and the rest of the document is furniture too.
pub fn paragraphs(text: &str, detect_blocks: bool) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut rest_related = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed_start = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        let s = start + trimmed_start;
        let span = Span::in_text(text, s, s + body.len()).expect("line trimmed on char boundaries");
        let mut block = if rest_related { Block::Related } else { Block::Main };
        if detect_blocks && !rest_related {
            match marker(body) {
                Some(MarkerScope::Rest) => {
                    rest_related = true;
                    block = Block::Related;
                }
                Some(MarkerScope::Line) => block = Block::Related,
                None => {}
            }
        }
        out.push(Paragraph { span, block, heading: is_heading(body) });
    }
    out
}

enum MarkerScope {
    Line,
    Rest,
}

fn marker(body: &str) -> Option<MarkerScope> {
    let lead = body.trim_start_matches(|c: char| !is_word_char(c));
    // Markers are short: fold only the start of the line, not the whole paragraph.
    let mut cut = lead.len().min(80);
    while !lead.is_char_boundary(cut) {
        cut -= 1;
    }
    let folded = fold(&lead[..cut]);
    if cut < lead.len() && folded.len() < 60 {
        // A marker cut off at 80 bytes cannot be complete and alone on its line; fall back.
        return marker_folded(&fold(lead));
    }
    marker_folded(&folded)
}

fn marker_folded(folded: &str) -> Option<MarkerScope> {
    let m = BLOCK_MARKERS.find_all(folded).into_iter().next()?;
    if m.start != 0 {
        return None;
    }
    let after = folded[m.end..].trim_start();
    let mut chars = after.chars();
    match chars.next() {
        None => Some(MarkerScope::Rest),
        Some(':' | '-' | '–' | '—' | '|' | '.' | '»' | '>' | '：') => {
            let tail = after.trim_start_matches([':', '-', '–', '—', '|', '.', '»', '>', '：', ' ']);
            if tail.is_empty() { Some(MarkerScope::Rest) } else { Some(MarkerScope::Line) }
        }
        Some(_) => None,
    }
}

/// A line that reads as a headline, label or list item title: short and without final punctuation.
fn is_heading(body: &str) -> bool {
    let words = body.split_whitespace().count();
    let last = body.trim_end_matches(|c: char| c.is_whitespace()).chars().next_back();
    words <= 14 && !last.is_some_and(|c| is_terminal(c) || matches!(c, ':' | '،' | ',' | '"' | '\'' | '»' | '”' | '’'))
}

/// Splits each paragraph into sentences.
pub fn sentences(text: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let body = p.span.slice(text);
        let base = p.span.start();
        let mut start = 0;
        let mut iter = body.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if !is_terminal(c) {
                continue;
            }
            // Take the run of terminal marks and closers ("?!", "...", '."').
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if is_terminal(d) || is_closer(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let next = body[end..].chars().next();
            if next.is_some_and(|n| !n.is_whitespace()) && !glued_arabic_sentence(&body[..i], &body[end..]) {
                continue; // "3.5", "U.S.", "example.com", "العربية.نت"
            }
            let after = body[end..].trim_start();
            // '"Go!" she said.': a lower-case continuation is never a new sentence.
            if after.starts_with(char::is_lowercase) {
                continue;
            }
            if c == '.' && !ends_sentence_at_period(&body[start..i], after) {
                continue;
            }
            push_sentence(text, &mut out, base + start, base + end, pi);
            start = end;
        }
        push_sentence(text, &mut out, base + start, base + body.len(), pi);
    }
    out
}

fn push_sentence(text: &str, out: &mut Vec<Sentence>, start: usize, end: usize, paragraph: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if body.is_empty() {
        return;
    }
    let span = Span::in_text(text, start + lead, start + lead + body.len()).expect("trimmed on boundaries");
    out.push(Sentence { span, paragraph });
}

/// A terminal mark glued between two Arabic words, as careless typing leaves it ("خطيرا.وقال"):
/// a sentence end when both sides are Arabic words and the next one is longer than two letters
/// (which keeps domain-like names such as "العربية.نت" together).
fn glued_arabic_sentence(before: &str, after: &str) -> bool {
    let prev_arabic = before.chars().next_back().is_some_and(is_arabic_letter);
    let next_word: String = after.chars().take_while(|&c| is_word_char(c)).collect();
    prev_arabic && next_word.chars().count() > 2 && next_word.chars().all(|c| is_arabic_letter(c) || !c.is_alphabetic())
}

/// Decides whether a period after `before` ends the sentence, given the text after it.
fn ends_sentence_at_period(before: &str, after: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|&c| c.is_alphanumeric() || c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lower = word.to_lowercase();
    let next = after.chars().next();
    // A lower-case continuation is never a new English sentence.
    if next.is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "Mr. Smith" goes on; "in the U.S. The" may end, but an abbreviation before a capital is far
        // more often a title, so keep going unless it is a sentence-final one.
        // Ones that also end sentences ("… in the U.S. He said") do so before a word that
        // typically starts one; "U.S. Army" and "Acme Inc. Chairman" go on.
        let next_word = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        return matches!(lower.as_str(), "etc" | "u.s" | "u.k" | "u.n" | "inc" | "ltd" | "co" | "corp" | "jr" | "sr")
            && SENTENCE_STARTERS.contains(&next_word);
    }
    // An initial or a one-letter abbreviation: one Latin capital ("J. Smith") or one Arabic letter
    // ("د. بول مرقص" for الدكتور, "م. أحمد" for المهندس).
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_uppercase() || is_arabic_letter(c) {
            return false;
        }
    }
    true
}

/// Splits the text of each paragraph into tokens and links them to the folded text.
pub fn tokens(text: &str, paragraphs: &[Paragraph], norm: &Normalized) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for p in paragraphs {
        let body = p.span.slice(text);
        let base = p.span.start();
        let mut iter = body.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c.is_whitespace() {
                continue;
            }
            let kind;
            let mut end = i + c.len_utf8();
            if is_digit(c) {
                kind = TokenKind::Number;
                while let Some(&(j, d)) = iter.peek() {
                    // Digits, and separators between digits ("3.5", "12:30", "1,000", "١٢٫٥").
                    let separator = matches!(d, '.' | ',' | ':' | '/' | '٫' | '٬')
                        && body[j + d.len_utf8()..].chars().next().is_some_and(is_digit);
                    if is_digit(d) || separator {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
            } else if is_word_char(c) {
                kind = TokenKind::Word;
                while let Some(&(j, d)) = iter.peek() {
                    let joiner = matches!(d, '\'' | '’' | '-' | '\u{200C}')
                        && !is_arabic_letter(c)
                        && body[j + d.len_utf8()..].chars().next().is_some_and(|n| n.is_alphabetic() && !is_arabic_letter(n));
                    if (is_word_char(d) && !is_digit(d)) || joiner {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
            } else if c.is_ascii_punctuation() || is_punct(c) {
                kind = TokenKind::Punct;
            } else {
                kind = TokenKind::Symbol;
            }
            let span = Span::in_text(text, base + i, base + end).expect("token on char boundaries");
            let ns = norm.map.partition_point(|&o| (o as usize) < span.start());
            let ne = norm.map.partition_point(|&o| (o as usize) < span.end()).max(ns);
            let ne = ne.min(norm.text.len());
            let folded = &norm.text[ns..ne];
            let clitic_max = if kind == TokenKind::Word && folded.starts_with(is_arabic_letter) {
                clitic_max(folded)
            } else {
                0
            };
            out.push(Token { span, norm: (ns as u32, ne as u32), kind, clitic_max });
        }
    }
    out
}

/// Digits of any script, with the common ones decided without the Unicode tables.
#[inline]
fn is_digit(c: char) -> bool {
    match c {
        '0'..='9' | '٠'..='٩' | '۰'..='۹' => true,
        '\0'..='\u{7F}' | '\u{0600}'..='\u{065F}' | '\u{066A}'..='\u{06EF}' => false,
        _ => c.is_numeric(),
    }
}

fn is_punct(c: char) -> bool {
    matches!(c, '،' | '؛' | '؟' | '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '…' | '–' | '—' | '٪' | '•' | '·')
        || c.is_ascii_punctuation()
}

/// The longest clitic chain a folded Arabic word may start with, leaving at least two letters.
fn clitic_max(folded: &str) -> u8 {
    let chars: Vec<(usize, char)> = folded.char_indices().take(5).collect();
    let total = folded.chars().count();
    let mut best = 0;
    for (n, &(at, _)) in chars.iter().enumerate().skip(1) {
        if total - n < 2 {
            break;
        }
        if is_clitic_chain(&folded[..at]) {
            best = at;
        }
    }
    best as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn sents(text: &str) -> Vec<&str> {
        let ps = paragraphs(text, true);
        sentences(text, &ps).iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn english_sentences() {
        assert_eq!(
            sents("Mr. Smith paid $3.50 in the U.S. on Jan. 5. He left. \"Go!\" she said. J. Doe agreed."),
            vec!["Mr. Smith paid $3.50 in the U.S. on Jan. 5.", "He left.", "\"Go!\" she said.", "J. Doe agreed."]
        );
        assert_eq!(
            sents("Troops left the U.S. He said the U.S. Army and Acme Inc. Chairman Lee agreed."),
            vec!["Troops left the U.S.", "He said the U.S. Army and Acme Inc. Chairman Lee agreed."]
        );
    }

    #[test]
    fn arabic_sentences() {
        assert_eq!(
            sents("قال بيسكوف، إن الاتصال مهم. وأضاف: «سنتحدث عن السلام»؛ ثم غادر؟ نعم\nسطر جديد"),
            vec!["قال بيسكوف، إن الاتصال مهم.", "وأضاف: «سنتحدث عن السلام»؛", "ثم غادر؟", "نعم", "سطر جديد"]
        );
        assert_eq!(
            sents("لفت الوزير د. بول مرقص إلى أن الوضع خطير.وقال المصدر إن موقع العربية.نت نشر الخبر."),
            vec!["لفت الوزير د. بول مرقص إلى أن الوضع خطير.", "وقال المصدر إن موقع العربية.نت نشر الخبر."]
        );
    }

    #[test]
    fn related_blocks() {
        let text = "قال الوزير إن الأمر مهم.\nاقرأ أيضا: عنوان آخر\nوأضاف أنه سيعود.\nإقرأ أيضاً:\nعنوان\nعنوان ثان";
        let blocks: Vec<Block> = paragraphs(text, true).iter().map(|p| p.block).collect();
        use Block::*;
        assert_eq!(blocks, vec![Main, Related, Main, Related, Related, Related]);
    }

    #[test]
    fn tokens_with_clitics() {
        let text = "وقال بيسكوف: ١٢٫٥% U.S.-backed don't";
        let ps = paragraphs(text, true);
        let n = normalize(text);
        let toks = tokens(text, &ps, &n);
        let shown: Vec<(&str, &str, u8)> = toks
            .iter()
            .map(|t| (t.span.slice(text), &n.text[t.norm.0 as usize..t.norm.1 as usize], t.clitic_max))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("وقال", "وقال", 2),
                ("بيسكوف", "بيسكوف", 2),
                (":", ":", 0),
                ("١٢٫٥", "12٫5", 0),
                ("%", "%", 0),
                ("U", "u", 0),
                (".", ".", 0),
                ("S", "s", 0),
                (".", ".", 0),
                ("-", "-", 0),
                ("backed", "backed", 0),
                ("don't", "don't", 0),
            ]
        );
    }
}
