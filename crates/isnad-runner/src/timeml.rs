//! A processed document as a TimeML document: its text with each timex written inline as a
//! `<TIMEX3>` element, the form HeidelTime writes and TempEval's scorers read.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <TimeML xmlns:xsi="…" xsi:noNamespaceSchemaLocation="…">
//! <DOCID>en-budget</DOCID>
//! <DCT><TIMEX3 tid="t0" type="DATE" value="2025-02-19" temporalFunction="false" functionInDocument="CREATION_TIME">2025-02-19</TIMEX3></DCT>
//! <TEXT>The minister spoke on <TIMEX3 tid="t1" type="DATE" value="2025-02-17">Monday</TIMEX3>.</TEXT>
//! </TimeML>
//! ```
//!
//! Why it is written from the [`Document`] and not from the JSON [`crate::Record`]: the record
//! does not carry the document's text (only the text of each span), and carrying it would double
//! every record for the users who never ask for TimeML. [`crate::run_each`] hands each
//! [`Processed`] document, text included, to its caller, which writes it here.
//!
//! The rules (also in `docs/output.md`, *TimeML*):
//! - `<TEXT>` holds the document text exactly: stripped of its tags and unescaped it gives back
//!   the text, so the elements sit at the record's offsets. `&`, `<` and `>` are escaped, and a
//!   carriage return is written `&#13;` (an XML parser would otherwise turn `\r\n` into `\n`). The
//!   few characters XML 1.0 cannot hold at all (control characters other than tab, newline and
//!   carriage return; U+FFFE, U+FFFF) are written as U+FFFD, one for one, so code-point offsets
//!   still hold.
//! - TIMEX3 elements do not nest in TimeML. Timexes are taken in text order (the longer first
//!   at the same start); one that overlaps or lies inside a timex already written is left out
//!   of the text and named in a comment (`<!-- isnad: not tagged … -->`) before `<DOCID>`, with
//!   its span and TIMEX3 reading, so nothing is lost. Adjacent timexes are both written.
//! - A range is written as TimeML annotates it, each end its own TIMEX3 ("between
//!   <TIMEX3>1985</TIMEX3> and <TIMEX3>1987</TIMEX3>"), from the timex's `ends`.
//! - `tid`s are `t1`, `t2`, … in text order; `t0` is the DCT, from the publication date when the
//!   document has one (its day, type DATE, as TimeBank writes it; the date as given is its text).
//! - A document with errors says so in a comment (`<!-- isnad: error: … -->`) and keeps what the
//!   stages found; one that could not be read at all has an empty `<TEXT>`.

use isnad_core::{CharIndex, Document, Grain, Timex, Timex3, Timex3Type};

use crate::Processed;

/// The TimeML document of one processed input (a UTF-8 XML document ending in a newline).
pub fn timeml_document(processed: &Processed) -> String {
    let mut out = String::with_capacity(processed.doc.as_ref().map_or(0, |d| d.text.len()) + 512);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n",
    );
    for error in &processed.errors {
        push_comment(&mut out, &format!("isnad: error: {error}"));
    }
    let Some(doc) = &processed.doc else {
        push_element(&mut out, "DOCID", &processed.id);
        out.push_str("<TEXT></TEXT>\n</TimeML>\n");
        return out;
    };
    let placed = place(doc);
    if !placed.left_out.is_empty() {
        let index = CharIndex::new(&doc.text);
        for (timex, why) in &placed.left_out {
            push_comment(&mut out, &left_out_note(doc, &index, timex, why));
        }
    }
    push_element(&mut out, "DOCID", &doc.id);
    if let Some(published) = &doc.meta.published {
        out.push_str("<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"");
        push_attribute_value(&mut out, &published.date().to_string());
        out.push_str("\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">");
        push_text(&mut out, published.as_str());
        out.push_str("</TIMEX3></DCT>\n");
    }
    if let Some(title) = &doc.meta.title {
        push_element(&mut out, "TITLE", title);
    }
    out.push_str("<TEXT>");
    let mut at = 0;
    for (n, tagged) in placed.tagged.iter().enumerate() {
        push_text(&mut out, &doc.text[at..tagged.start]);
        out.push_str("<TIMEX3 tid=\"t");
        out.push_str(&(n + 1).to_string());
        out.push_str("\" type=\"");
        out.push_str(tagged.kind);
        out.push_str("\" value=\"");
        push_attribute_value(&mut out, &tagged.value);
        if let Some(modifier) = tagged.modifier {
            out.push_str("\" mod=\"");
            push_attribute_value(&mut out, modifier);
        }
        out.push_str("\">");
        push_text(&mut out, &doc.text[tagged.start..tagged.end]);
        out.push_str("</TIMEX3>");
        at = tagged.end;
    }
    push_text(&mut out, &doc.text[at..]);
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}

/// A timex written inline: its byte span and its TIMEX3 attributes.
struct Tagged<'d> {
    start: usize,
    end: usize,
    kind: &'static str,
    value: String,
    modifier: Option<&'d str>,
}

/// Why a timex is not written inline.
enum LeftOut {
    /// It overlaps or lies inside the timex written before it (TIMEX3 elements do not nest).
    Overlaps { start: usize, end: usize },
    /// It has neither a TIMEX3 reading nor a value to write.
    NoValue,
    /// Its span does not fit the text (a plugin's mistake).
    BadSpan,
}

/// The document's timexes, split into those written inline (in text order, none overlapping)
/// and those left out with the reason.
struct Placement<'d> {
    tagged: Vec<Tagged<'d>>,
    left_out: Vec<(&'d Timex, LeftOut)>,
}

fn place(doc: &Document) -> Placement<'_> {
    let mut timexes: Vec<&Timex> = doc.layers.timexes.iter().collect();
    // The longer first at the same start: "from 3 to 5 May" before the "3" inside it.
    timexes.sort_by_key(|t| (t.span.start(), std::cmp::Reverse(t.span.end())));
    let mut placement = Placement { tagged: Vec::new(), left_out: Vec::new() };
    for timex in timexes {
        let (start, end) = (timex.span.start(), timex.span.end());
        if timex.span.check(&doc.text).is_err() {
            placement.left_out.push((timex, LeftOut::BadSpan));
            continue;
        }
        if let Some(last) = placement.tagged.last().filter(|last| start < last.end) {
            let why = LeftOut::Overlaps { start: last.start, end: last.end };
            placement.left_out.push((timex, why));
            continue;
        }
        if timex.ends.iter().all(|e| e.span.check(&doc.text).is_ok()) && !timex.ends.is_empty() {
            // a range: TimeML tags each end ("between <TIMEX3>1985</TIMEX3> and
            // <TIMEX3>1987</TIMEX3>")
            for e in &timex.ends {
                let (kind, value, modifier) = reading_attributes(&e.timex3);
                placement.tagged.push(Tagged {
                    start: e.span.start(),
                    end: e.span.end(),
                    kind,
                    value,
                    modifier,
                });
            }
            continue;
        }
        let Some((kind, value, modifier)) = attributes(timex) else {
            placement.left_out.push((timex, LeftOut::NoValue));
            continue;
        };
        placement.tagged.push(Tagged { start, end, kind, value, modifier });
    }
    placement
}

/// A timex's TIMEX3 type, value and modifier: its `timex3` reading, or for a timex without one
/// (from a plugin) its value, typed TIME below a day and DATE otherwise.
fn attributes(timex: &Timex) -> Option<(&'static str, String, Option<&str>)> {
    if let Some(reading) = &timex.timex3 {
        return Some(reading_attributes(reading));
    }
    let value = timex.value.as_ref().or(timex.from.as_ref())?;
    let kind = match timex.grain {
        Grain::Second | Grain::Minute | Grain::Hour => "TIME",
        _ => "DATE",
    };
    Some((kind, value.clone(), None))
}

/// A TIMEX3 reading's type, value and modifier as attributes.
fn reading_attributes(reading: &Timex3) -> (&'static str, String, Option<&str>) {
    let kind = match reading.kind {
        Timex3Type::Date => "DATE",
        Timex3Type::Time => "TIME",
        Timex3Type::Duration => "DURATION",
        Timex3Type::Set => "SET",
    };
    (kind, reading.value.clone(), reading.modifier.as_deref())
}

/// The comment naming a timex left out of the text.
fn left_out_note(doc: &Document, index: &CharIndex, timex: &Timex, why: &LeftOut) -> String {
    let (start, end) = (timex.span.start(), timex.span.end());
    if let LeftOut::BadSpan = why {
        return format!(
            "isnad: not tagged: a timex at bytes {start}-{end}, which do not fit the text"
        );
    }
    let chars = |byte| index.char_offset(byte);
    let reading = match attributes(timex) {
        Some((kind, value, modifier)) => {
            let modifier = modifier.map(|m| format!(" mod={m}")).unwrap_or_default();
            format!("type={kind} value={value}{modifier}")
        }
        None => "no TIMEX3 reading".to_string(),
    };
    let reason = match why {
        LeftOut::Overlaps { start, end } => format!(
            "it overlaps the timex at {}-{} \"{}\" (TIMEX3 elements do not nest)",
            chars(*start),
            chars(*end),
            &doc.text[*start..*end]
        ),
        LeftOut::NoValue => "it has no value to write".to_string(),
        LeftOut::BadSpan => unreachable!("handled above"),
    };
    format!(
        "isnad: not tagged: \"{}\" at {}-{} ({reading}): {reason}",
        &doc.text[start..end],
        chars(start),
        chars(end)
    )
}

/// `<NAME>text</NAME>` and a newline.
fn push_element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_text(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// Character data: `&`, `<`, `>` escaped, `\r` as a character reference (kept through the
/// parser's end-of-line handling), characters XML cannot hold as U+FFFD.
fn push_text(out: &mut String, text: &str) {
    let mut run = 0;
    for (at, c) in text.char_indices() {
        let escape = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '\r' => "&#13;",
            c if !is_xml_char(c) => "\u{FFFD}",
            _ => continue,
        };
        out.push_str(&text[run..at]);
        out.push_str(escape);
        run = at + c.len_utf8();
    }
    out.push_str(&text[run..]);
}

/// An attribute value between double quotes: as text, plus `"` and the white space a parser
/// would turn into spaces (tab, newline) as character references.
fn push_attribute_value(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c => push_text(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

/// `<!-- text -->` and a newline, with what a comment cannot hold changed: `--` becomes `- -`
/// and a closing `-` gets a space after it.
fn push_comment(out: &mut String, text: &str) {
    out.push_str("<!-- ");
    let mut previous = ' ';
    for c in text.chars() {
        let c = if is_xml_char(c) { c } else { '\u{FFFD}' };
        if c == '-' && previous == '-' {
            out.push(' ');
        }
        out.push(c);
        previous = c;
    }
    out.push_str(" -->\n");
}

/// True for the characters XML 1.0 allows in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(f: fn(&mut String, &str), text: &str) -> String {
        let mut out = String::new();
        f(&mut out, text);
        out
    }

    #[test]
    fn text_escapes_markup_and_keeps_carriage_returns() {
        let cases = [
            ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
            ("قال: «نعم» & \"لا\"", "قال: «نعم» &amp; \"لا\""),
            ("line\r\nnext", "line&#13;\nnext"),
            ("bell\u{7}tab\t\u{FFFF}", "bell\u{FFFD}tab\t\u{FFFD}"),
            ("]]>", "]]&gt;"),
        ];
        for (text, want) in cases {
            assert_eq!(escaped(push_text, text), want, "{text:?}");
        }
    }

    #[test]
    fn attribute_values_escape_quotes_and_white_space() {
        assert_eq!(escaped(push_attribute_value, "a\"b\tc\nd<&"), "a&quot;b&#9;c&#10;d&lt;&amp;");
    }

    #[test]
    fn comments_never_hold_a_double_hyphen_or_end_in_one() {
        for text in ["a--b", "---", "ends-", "x -- y --> z", "\u{1}"] {
            let out = escaped(push_comment, text);
            let inner = out.strip_prefix("<!--").unwrap().strip_suffix("-->\n").unwrap();
            assert!(!inner.contains("--"), "{out:?}");
            assert!(!inner.ends_with('-'), "{out:?}");
            assert!(!inner.contains('\u{1}'), "{out:?}");
        }
    }
}
