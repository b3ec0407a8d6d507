//! Pairing quotation marks into quotations.
//!
//! News text uses every style: « », “ ”, „ “, straight ", and marks turned the wrong way (the
//! seed article writes ”الاعتراف القانوني” with two closing marks). Glyph orientation is therefore
//! only a tie-breaker: a mark opens when it follows a space (or a one-letter Arabic proclitic such
//! as و or لـ) and precedes a letter, and closes in the mirror case. Straight marks glued on both
//! sides alternate.
//!
//! Architecture invariant: a quotation never crosses a paragraph break unless the next paragraph
//! opens with a mark (the convention for quotes running over several paragraphs), and never grows
//! past the configured byte limit, so an unbalanced mark cannot swallow a page.

use isnad_core::{Token, TokenKind};

/// A quotation: an opening mark and where its content ends.
#[derive(Clone, Debug)]
pub(crate) struct Quote {
    /// Token of the opening mark.
    pub open: usize,
    /// Token of the closing mark, when there is one.
    pub close: Option<usize>,
    /// One past the last token of the content.
    pub end_tok: usize,
    /// First byte of the content.
    pub start: usize,
    /// One past the last byte of the content.
    pub end: usize,
    /// Word tokens inside.
    pub words: u32,
}

impl Quote {
    /// The last token of the quotation: its closing mark, or the last token an unclosed one
    /// reaches.
    pub fn last_tok(&self) -> usize {
        self.close.unwrap_or(self.end_tok.saturating_sub(1))
    }
}

/// True for double quotation marks of any style.
pub(crate) fn is_double_mark(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '＂')
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Open,
    Close,
    Either,
}

fn opens_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | ':' | '،' | ',' | '؛' | ';' | '/')
}

fn closes_before(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ','
                | '،'
                | '؛'
                | ';'
                | ':'
                | '!'
                | '?'
                | '؟'
                | ')'
                | ']'
                | '}'
                | '…'
                | '-'
                | '—'
                | '–'
        )
}

/// One to three Arabic proclitic letters (و ف ب ل ك, with tatweel) standing as a word before the
/// mark: "و”الاعتراف" and "لـ"الجريدة"" open a quotation.
fn clitic_before(before: &str) -> bool {
    let mut letters = 0;
    for c in before.chars().rev() {
        match c {
            'و' | 'ف' | 'ب' | 'ل' | 'ك' => letters += 1,
            'ـ' => {}
            c if c.is_whitespace() || !isnad_text::normalize::is_word_char(c) => {
                return (1..=3).contains(&letters);
            }
            _ => return false,
        }
    }
    (1..=3).contains(&letters)
}

fn side(text: &str, s: usize, e: usize) -> Side {
    let before = &text[..s];
    let prev = before.chars().next_back();
    let next = text[e..].chars().next();
    let left_open = prev.is_none_or(opens_after) || clitic_before(before);
    let right_close = next.is_none_or(closes_before) || next.is_some_and(is_double_mark);
    match (left_open, right_close) {
        (true, false) => Side::Open,
        (false, true) => Side::Close,
        _ => match text[s..e].chars().next() {
            Some('«' | '„') => Side::Open,
            Some('»') => Side::Close,
            _ => Side::Either,
        },
    }
}

/// Pairs the double quotation marks of a document.
pub(crate) fn pair(text: &str, toks: &[Token], para: &[u32], max_bytes: usize) -> Vec<Quote> {
    let mut out = Vec::new();
    // A mark is one token, or two adjacent apostrophes standing for a double mark (''…'', as
    // some outlets and the New York Times archive write them): (first token, last token).
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.kind != TokenKind::Word {
            let c = t.span.slice(text).chars().next();
            if c.is_some_and(is_double_mark) {
                marks.push((i, i));
            } else if matches!(c, Some('\'' | '’' | '‘'))
                && i + 2 < toks.len()
                && toks[i + 1].span.start() == t.span.end()
                && toks[i + 2].span.start() == toks[i + 1].span.end()
                && toks[i + 1].span.slice(text) == t.span.slice(text)
                && toks[i + 2].span.slice(text) == t.span.slice(text)
            {
                // "… one of us,'''": a nested single mark closing, then the double one.
                marks.push((i + 1, i + 2));
                i += 2;
            } else if matches!(c, Some('\'' | '’' | '‘'))
                && t.span.len() == 1
                && i + 1 < toks.len()
                && toks[i + 1].span.start() == t.span.end()
                && toks[i + 1].span.slice(text) == t.span.slice(text)
            {
                marks.push((i, i + 1));
                i += 1;
            }
        }
        i += 1;
    }
    let emit = |open: (usize, usize),
                close: Option<(usize, usize)>,
                last_inner: usize,
                out: &mut Vec<Quote>| {
        let start = toks[open.1].span.end();
        let (end, end_tok) = match close {
            Some((c, _)) => (toks[c].span.start(), c),
            None => (toks[last_inner].span.end().max(start), last_inner + 1),
        };
        if end <= start || end - start > max_bytes || end_tok <= open.1 {
            return;
        }
        let words =
            toks[open.1 + 1..end_tok].iter().filter(|t| t.kind == TokenKind::Word).count() as u32;
        out.push(Quote { open: open.0, close: close.map(|c| c.1), end_tok, start, end, words });
    };
    let mut stack: Vec<(usize, usize)> = Vec::new();
    // The paragraph the open quotation has reached so far.
    let mut quote_para = 0u32;
    let last_of_para = |p: u32| para.partition_point(|&x| x <= p).saturating_sub(1);
    for &(first, last) in &marks {
        let i = first;
        let sd = side(text, toks[first].span.start(), toks[last].span.end());
        if let Some(&outer) = stack.first()
            && quote_para != para[i]
        {
            let first_of_para = i == 0 || para[i - 1] != para[i];
            if first_of_para && sd != Side::Close && quote_para + 1 == para[i] && stack.len() == 1 {
                // A quotation running on into this paragraph: its opening mark repeats here.
                quote_para = para[i];
                continue;
            }
            stack.clear();
            emit(outer, None, last_of_para(quote_para), &mut out);
        }
        match (stack.is_empty(), sd) {
            (true, Side::Open | Side::Either) => {
                stack.push((first, last));
                quote_para = para[i];
            }
            (true, Side::Close) => {}
            (false, Side::Close | Side::Either) => {
                let o = stack.pop().expect("not empty");
                if stack.is_empty() {
                    emit(o, Some((first, last)), i, &mut out);
                }
            }
            (false, Side::Open) => stack.push((first, last)),
        }
    }
    if let Some(&outer) = stack.first() {
        emit(outer, None, last_of_para(quote_para), &mut out);
    }
    out.sort_by_key(|q| q.open);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::normalize;
    use isnad_text::segment;

    fn quotes(text: &str) -> Vec<String> {
        let ps = segment::paragraphs(text, false);
        let norm = normalize(text);
        let toks = segment::tokens(text, &ps, &norm);
        let mut para = Vec::new();
        let mut pi = 0;
        for t in &toks {
            while ps[pi].span.end() <= t.span.start() {
                pi += 1;
            }
            para.push(pi as u32);
        }
        pair(text, &toks, &para, 5000)
            .into_iter()
            .map(|q| text[q.start..q.end].to_string())
            .collect()
    }

    #[test]
    fn styles_and_orientation() {
        assert_eq!(
            quotes("قال «نعم هنا» ثم “لا” و”الاعتراف القانوني” الذي"),
            ["نعم هنا", "لا", "الاعتراف القانوني"]
        );
        assert_eq!(
            quotes("لـ\"الجريدة\": إن \"التسريبات كبيرة\". وأضاف"),
            ["الجريدة", "التسريبات كبيرة"]
        );
        assert_eq!(quotes("He said: „Nein, danke“ and left."), ["Nein, danke"]);
    }

    #[test]
    fn unbalanced_marks_stay_in_their_paragraph() {
        let text =
            "وكانت وسائل أوردت أن \"وفدا وصل إلى هنا.\n\nوذكرت الوسائل أن الوفد \"بحث الأمر\".";
        assert_eq!(quotes(text), ["وفدا وصل إلى هنا.", "بحث الأمر"]);
    }

    #[test]
    fn quotes_run_over_paragraphs_when_the_mark_repeats() {
        let text = "“We will win.\n\n“And we will win again,” he said.";
        assert_eq!(quotes(text), ["We will win.\n\n“And we will win again,"]);
    }

    #[test]
    fn doubled_apostrophes_are_a_double_mark() {
        assert_eq!(quotes("He said, ''We will win.'' Then he left."), ["We will win."]);
        assert_eq!(
            quotes("''I would use the word 'old-school,''' said Mr. Slayton."),
            ["I would use the word 'old-school,'"]
        );
    }

    #[test]
    fn apostrophes_and_nested_quotes() {
        let text = "“Clinton’s plan ‘works’ well,” she said. «قال “نعم” هنا»";
        assert_eq!(quotes(text), ["Clinton’s plan ‘works’ well,", "قال “نعم” هنا"]);
    }
}
