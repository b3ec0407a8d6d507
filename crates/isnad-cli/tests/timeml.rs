//! `isnad run --format timeml`, read back with a real XML parser.
//!
//! - The writer, on hand-made timex layers (`tests/fixtures/timeml/writer/*.json`: overlapping,
//!   nested and adjacent timexes, characters to escape, Arabic, plugin-style timexes): the
//!   output is well-formed, its `<TEXT>` stripped of tags is the document text exactly, and the
//!   TIMEX3 elements are those the fixture says, at its offsets.
//! - The command, on articles run through the default pipeline (`tests/fixtures/timeml/*.jsonl`):
//!   one `DIR/ID.tml` per document whose TIMEX3 elements are the JSON record's timexes, offsets
//!   and readings alike; where output goes and the errors when it cannot.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use isnad_core::{Document, Span, Timex};
use isnad_runner::Processed;
use serde_json::{Value, json};

mod common;
mod timeml_xml;
use common::{isnad, root};
use timeml_xml::Element;

fn fixtures() -> PathBuf {
    root().join("crates/isnad-cli/tests/fixtures/timeml")
}

/// The text as a TimeML reader gets it back: what XML 1.0 cannot hold is U+FFFD.
fn as_xml_can_hold(text: &str) -> String {
    text.chars()
        .map(|c| {
            let allowed = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
                || c >= '\u{10000}';
            if allowed { c } else { '\u{FFFD}' }
        })
        .collect()
}

/// A writer fixture: the document it describes, and the TIMEX3 elements its output must hold.
fn writer_case(path: &Path) -> (Document, Vec<Element>) {
    writer_case_with_notes(path).0
}

/// A writer fixture, and the comments it names (`notes`), each of which the output must hold.
fn writer_case_with_notes(path: &Path) -> ((Document, Vec<Element>), Vec<String>) {
    let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let text = case["text"].as_str().unwrap();
    let id = path.file_stem().unwrap().to_str().unwrap();
    let mut doc = Document::new(id, text);
    if let Some(published) = case["published"].as_str() {
        doc.meta.published = Some(published.parse().unwrap());
    }
    doc.meta.title = case["title"].as_str().map(String::from);
    let span_of = |timex: &Value| {
        let (start, end) = match timex["bytes"].as_array() {
            Some(b) => (b[0].as_u64().unwrap() as usize, b[1].as_u64().unwrap() as usize),
            None => {
                let at = timex["text"].as_str().unwrap();
                let start = text.find(at).unwrap_or_else(|| panic!("{at:?} not in the text"));
                (start, start + at.len())
            }
        };
        Span::new(start, end).unwrap()
    };
    for timex in case["timexes"].as_array().unwrap() {
        let timex3 = timex["type"].as_str().map(|kind| {
            let reading = json!({"type": kind, "value": timex["value"], "mod": timex["mod"]});
            serde_json::from_value(reading).unwrap()
        });
        let grain = timex.get("grain").cloned().unwrap_or(json!("day"));
        doc.layers.timexes.push(Timex {
            span: span_of(timex),
            kind: isnad_core::TimexKind::Value,
            grain: serde_json::from_value(grain).unwrap(),
            value: timex["value"].as_str().map(String::from),
            from: None,
            to: None,
            calendar: isnad_core::Calendar::Gregorian,
            timex3,
        });
    }
    let chars = |byte: usize| text[..byte].chars().count();
    let tagged = case["tagged"].as_array().unwrap().iter().enumerate();
    let expected = tagged
        .map(|(n, at)| {
            let at = at.as_str().unwrap();
            let timexes = case["timexes"].as_array().unwrap();
            let timex = timexes.iter().find(|t| t["text"] == at).unwrap();
            let span = span_of(timex);
            let mut attributes = BTreeMap::from([
                ("tid".to_string(), format!("t{}", n + 1)),
                (
                    "type".to_string(),
                    timex["type"].as_str().or(timex["expect_type"].as_str()).unwrap().to_string(),
                ),
                ("value".to_string(), timex["value"].as_str().unwrap().to_string()),
            ]);
            if let Some(modifier) = timex["mod"].as_str() {
                attributes.insert("mod".into(), modifier.into());
            }
            Element {
                start: chars(span.start()),
                end: chars(span.end()),
                text: as_xml_can_hold(at),
                attributes,
            }
        })
        .collect();
    let notes = case["notes"].as_array().map(|n| n.iter().map(|n| n.as_str().unwrap().to_string()));
    ((doc, expected), notes.into_iter().flatten().collect())
}

fn writer_cases() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures().join("writer"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 4, "the writer fixtures are missing");
    paths
}

fn timeml_of(doc: Document, errors: Vec<String>) -> String {
    let processed = Processed { id: doc.id.clone(), bytes: doc.text.len(), doc: Some(doc), errors };
    isnad_runner::timeml_document(&processed)
}

#[test]
fn written_timeml_gives_back_the_text_and_the_timexes() {
    for path in writer_cases() {
        let name = path.display();
        let ((doc, expected), notes_expected) = writer_case_with_notes(&path);
        let (text, timexes, published) =
            (doc.text.clone(), doc.layers.timexes.len(), doc.meta.published.clone());
        let xml = timeml_of(doc, Vec::new());
        let read = timeml_xml::read(&xml).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"));
        assert_eq!(read.text, as_xml_can_hold(&text), "{name}: the text of <TEXT>");
        assert_eq!(read.timexes, expected, "{name}: the TIMEX3 elements\n{xml}");
        let notes = read.comments.iter().filter(|c| c.contains("isnad: not tagged")).count();
        assert_eq!(notes, timexes - expected.len(), "{name}: each timex left out is named\n{xml}");
        for note in notes_expected {
            assert!(
                read.comments.iter().any(|c| c.trim() == note),
                "{name}: no comment {note:?}\n{xml}"
            );
        }
        match published {
            Some(published) => {
                let dct = read.dct.unwrap_or_else(|| panic!("{name}: no DCT"));
                assert_eq!(dct.attributes["value"], published.date().to_string(), "{name}");
                assert_eq!(dct.attributes["functionInDocument"], "CREATION_TIME", "{name}");
                assert_eq!(dct.attributes["tid"], "t0", "{name}");
            }
            None => assert!(read.dct.is_none(), "{name}: a DCT without a publication date"),
        }
        assert_eq!(read.docid, path.file_stem().unwrap().to_str().unwrap());
    }
}

#[test]
fn a_document_with_errors_says_so_and_keeps_its_timexes() {
    let (doc, expected) = writer_case(&fixtures().join("writer/ar-dates.json"));
    let xml = timeml_of(doc, vec!["stage 'quotes': failed -- badly <here>".into()]);
    let read = timeml_xml::read(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(read.comments.len(), 1, "{xml}");
    assert!(read.comments[0].contains("isnad: error: stage 'quotes': failed - - badly <here>"));
    assert_eq!(read.timexes, expected);
}

#[test]
fn a_document_that_could_not_be_read_has_an_empty_text() {
    let processed = Processed {
        id: "feed:3".into(),
        doc: None,
        errors: vec!["invalid JSON: EOF while parsing".into()],
        bytes: 10,
    };
    let xml = isnad_runner::timeml_document(&processed);
    let read = timeml_xml::read(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!((read.docid.as_str(), read.text.as_str()), ("feed:3", ""));
    assert!(read.comments[0].contains("invalid JSON"), "{xml}");
}

#[test]
fn snapshot_of_a_small_document() {
    let (doc, _) = writer_case(&fixtures().join("writer/en-escaping.json"));
    insta::assert_snapshot!(timeml_of(doc, Vec::new()));
}

/// `isnad run --quiet --format timeml` with these arguments.
fn run_timeml<const N: usize>(args: [&OsStr; N]) -> Output {
    isnad().args(["run", "--quiet", "--format", "timeml"]).args(args).output().unwrap()
}

/// The files of a directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// A record timex as the TIMEX3 element it must give, numbered `tid`.
fn element_of(timex: &Value, tid: usize) -> Element {
    let reading = &timex["timex3"];
    let mut attributes = BTreeMap::from([
        ("tid".to_string(), format!("t{tid}")),
        ("type".to_string(), reading["type"].as_str().unwrap().to_string()),
        ("value".to_string(), reading["value"].as_str().unwrap().to_string()),
    ]);
    if let Some(modifier) = reading["mod"].as_str() {
        attributes.insert("mod".into(), modifier.into());
    }
    Element {
        start: timex["start"].as_u64().unwrap() as usize,
        end: timex["end"].as_u64().unwrap() as usize,
        text: timex["text"].as_str().unwrap().to_string(),
        attributes,
    }
}

#[test]
fn one_file_per_document_with_the_records_timexes_at_their_offsets() {
    let input = fixtures().join("articles.jsonl");
    let run = isnad().args(["run", "--quiet"]).arg(&input).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let records: Vec<Value> = String::from_utf8(run.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let inputs: Vec<Value> = std::fs::read_to_string(&input)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().join("articles");
    let out = run_timeml(["-o".as_ref(), dir.as_ref(), input.as_ref()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.contains("the ids of 3 documents were changed to make file names"), "{stderr}");
    let names = ["ar-empty.tml", "ar_politics-1.tml", "en_markets-1.tml", "en_no-date.tml"];
    assert_eq!(listing(&dir), names);
    let mut tagged = 0;
    for (record, input) in records.iter().zip(&inputs) {
        let id = record["id"].as_str().unwrap();
        let file = dir.join(format!("{}.tml", id.replace(['/', ':'], "_")));
        let xml = std::fs::read_to_string(&file).unwrap();
        let read = timeml_xml::read(&xml).unwrap_or_else(|e| panic!("{id}: {e}\n{xml}"));
        assert_eq!(read.docid, id);
        assert_eq!(read.text, input["text"].as_str().unwrap(), "{id}: the text of <TEXT>");
        let dct = read.dct.as_ref().map(|d| d.attributes["value"].as_str());
        let published = record["published"].as_str().map(|p| &p[..10]);
        assert_eq!(dct, published, "{id}: the DCT");
        // Each element is the next record timex it can be (those left out are named).
        let timexes = record["timexes"].as_array().unwrap();
        let mut rest = timexes.iter();
        for (n, element) in read.timexes.iter().enumerate() {
            let found = rest.by_ref().any(|t| element_of(t, n + 1) == *element);
            assert!(found, "{id}: {element:?} is no record timex\n{xml}");
        }
        let notes = read.comments.iter().filter(|c| c.contains("isnad: not tagged")).count();
        assert_eq!(read.timexes.len() + notes, timexes.len(), "{id}\n{xml}");
        tagged += read.timexes.len();
    }
    assert!(tagged >= 10, "the articles should give timexes to check ({tagged})");
}

#[test]
fn one_document_goes_to_standard_output_or_a_tml_file() {
    let scratch_dir = common::scratch();
    let input = scratch_dir.path().join("one.txt");
    std::fs::write(&input, "Talks resumed on Monday & ended <early>.\n").unwrap();
    let out = isnad()
        .args(["run", "--quiet", "--format", "timeml", "--published", "2025-02-19"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let xml = String::from_utf8(out.stdout).unwrap();
    let read = timeml_xml::read(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!((read.docid.as_str(), read.timexes.len()), ("one", 1), "{xml}");
    let file = scratch_dir.path().join("one-out.tml");
    let out = isnad()
        .args(["run", "--quiet", "--format", "timeml", "--published", "2025-02-19", "-o"])
        .arg(&file)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), xml);
}

#[test]
fn several_documents_need_a_directory() {
    let input = fixtures().join("articles.jsonl");
    let out = isnad().args(["run", "--quiet", "--format", "timeml"]).arg(&input).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("give -o DIRECTORY"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing is written");
    let scratch_dir = common::scratch();
    let file = scratch_dir.path().join("all.tml");
    let out = run_timeml(["-o".as_ref(), file.as_ref(), input.as_ref()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("one document to the file {}", file.display())), "{stderr}");
    assert!(!file.exists(), "nothing is written");
    let existing = scratch_dir.path().join("records.txt");
    std::fs::write(&existing, "keep me").unwrap();
    let out = run_timeml(["-o".as_ref(), existing.as_ref(), input.as_ref()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is a file: --format timeml writes a directory"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
}

#[test]
fn every_input_document_has_its_file_also_when_it_failed_or_its_id_repeats() {
    let scratch_dir = common::scratch();
    let input = scratch_dir.path().join("feed.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"a/b\",\"text\":\"Rates rose in 2024.\"}\n\
         {\"id\":\"a/b\",\"text\":\"unterminated\n\
         {\"id\":\"a:b\",\"text\":\"Rates fell in 2023.\"}\n\
         {\"id\":\"A_B\",\"text\":\"\"}\n",
    )
    .unwrap();
    let dir = scratch_dir.path().join("feed");
    let out = run_timeml(["-o".as_ref(), dir.as_ref(), input.as_ref()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("1 of 4 documents had errors"), "{stderr}");
    assert_eq!(listing(&dir), ["A_B-3.tml", "a_b-2.tml", "a_b.tml", "feed_2.tml"]);
    let read = |name: &str| {
        let xml = std::fs::read_to_string(dir.join(name)).unwrap();
        timeml_xml::read(&xml).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"))
    };
    let ids: Vec<String> =
        ["a_b.tml", "feed_2.tml", "a_b-2.tml", "A_B-3.tml"].map(|n| read(n).docid).to_vec();
    assert_eq!(ids, ["a/b", "feed:2", "a:b", "A_B"]);
    let failed = read("feed_2.tml");
    assert_eq!(failed.text, "");
    assert!(failed.comments.iter().any(|c| c.contains("isnad: error: ")), "{:?}", failed.comments);
    assert_eq!(read("a_b-2.tml").text, "Rates fell in 2023.");
}

/// `isnad eval dates --json ARGS…`'s report.
fn eval_dates_json<const N: usize>(args: [&OsStr; N]) -> Value {
    let out = isnad().args(["eval", "dates", "--json"]).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn eval_dates_scores_timeml_files_as_it_scores_the_pipeline() {
    let gold = fixtures().join("tempeval-gold.jsonl");
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().join("predicted");
    let pipeline = root().join("pipelines/news-en.toml");
    let out = run_timeml([
        "--pipeline".as_ref(),
        pipeline.as_ref(),
        "-o".as_ref(),
        dir.as_ref(),
        gold.as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let from_files = eval_dates_json(["--predictions".as_ref(), dir.as_ref(), gold.as_ref()]);
    let from_pipeline = eval_dates_json([gold.as_ref()]);
    assert_eq!(from_files, from_pipeline, "the TimeML files hold the pipeline's timexes");
    assert!(from_files["result"]["all"]["all"]["predicted"].as_u64().unwrap() >= 6);
}

#[test]
fn eval_dates_reads_timeml_without_a_text_element() {
    // As HeidelTime writes it: the text in the root, a line break around it, no DOCID (the
    // file name is the id). One gold article has no file: its timexes are all missed.
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().join("foreign");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("wire-0907.tml"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE TimeML SYSTEM \"TimeML.dtd\">\n<TimeML>\n\
         Exports fell 2% in <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2023-08\">August</TIMEX3> \
         from a year earlier, the agency said <TIMEX3 tid=\"t2\" type=\"DATE\" \
         value=\"PRESENT_REF\">today</TIMEX3>. Shipments recover every spring &amp; &lt;slow&gt; \
         in <TIMEX3 tid=\"t3\" type=\"DATE\" value=\"XXXX-WI\">winter</TIMEX3>.\n</TimeML>\n",
    )
    .unwrap();
    let gold = fixtures().join("tempeval-gold.jsonl");
    let report = eval_dates_json(["--predictions".as_ref(), dir.as_ref(), gold.as_ref()]);
    let all = &report["result"]["all"]["all"];
    let counts =
        ["gold", "predicted", "found", "strict_found", "value_right"].map(|k| all[k].as_u64());
    assert_eq!(counts, [8, 3, 2, 2, 1].map(Some), "{all}");
}

#[test]
fn a_tml_input_is_never_overwritten() {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().join("in-place");
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("story.tml");
    std::fs::write(&input, "Talks resumed on Monday.\n").unwrap();
    let out = run_timeml(["-o".as_ref(), dir.as_ref(), input.as_ref()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("refusing to write the output onto the input"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "Talks resumed on Monday.\n");
}
