//! `isnad html`: a report from the pipeline or from earlier records, exit codes and messages.
//! (What the page looks like and does is tested in a browser: `crates/isnad-html/tests/browser.rs`.)

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::isnad;

const EXAMPLES: [&str; 2] = ["examples/ar-water-talks.txt", "examples/en-port-strike.txt"];

/// The claims of the examples as `isnad run` finds them, as (article, claim id) pairs.
fn claims_of_run(records: &Path) -> Vec<(usize, String)> {
    let out = isnad().arg("run").args(EXAMPLES).arg("-o").arg(records).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::read_to_string(records)
        .unwrap()
        .lines()
        .enumerate()
        .flat_map(|(n, line)| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let ids: Vec<String> = record["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_string())
                .collect();
            ids.into_iter().map(move |id| (n, id))
        })
        .collect()
}

/// Every claim's content element in a report, as (article, claim id) pairs.
fn claims_in_report(html: &str) -> Vec<(usize, String)> {
    html.split("<mark id=\"a")
        .skip(1)
        .map(|rest| {
            let id = &rest[..rest.find('"').unwrap()];
            let (article, claim) = id.split_once('-').unwrap();
            (article.parse().unwrap(), claim.to_string())
        })
        .collect()
}

fn run(cmd: &mut Command) -> (Output, String) {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stderr)
}

#[test]
fn report_from_the_pipeline_marks_every_claim_of_the_examples() {
    let scratch_dir = common::scratch();
    let expected = claims_of_run(&scratch_dir.path().join("run.jsonl"));
    assert!(expected.len() >= 10, "the examples have claims: {expected:?}");
    let report = scratch_dir.path().join("examples.html");
    let (out, stderr) = run(isnad().arg("html").args(EXAMPLES).arg("-o").arg(&report));
    assert!(out.status.success(), "{stderr}");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(claims_in_report(&html), expected);
    assert!(html.contains("<article id=\"a0\" class=\"article\" lang=\"ar\" dir=\"rtl\""));
    // Standard output by default, with a title of one's own.
    let (out, _) = run(isnad().args(["html", "--title", "Water & ports"]).args(EXAMPLES));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("<title>Water &amp; ports</title>"), "{}", &stdout[..400]);
}

#[test]
fn report_from_records_takes_texts_from_the_inputs_by_id() {
    let scratch_dir = common::scratch();
    let records = scratch_dir.path().join("records.jsonl");
    let expected = claims_of_run(&records);
    let report = scratch_dir.path().join("from-records.html");
    // Inputs in another order than the records: matched by id, shown in record order.
    let (out, stderr) = run(isnad()
        .args(["html", "--records"])
        .arg(&records)
        .args([EXAMPLES[1], EXAMPLES[0]])
        .arg("-o")
        .arg(&report));
    assert!(out.status.success(), "{stderr}");
    let html = std::fs::read_to_string(&report).unwrap();
    assert_eq!(claims_in_report(&html), expected);

    // Without the texts: claims listed, nothing placed, not an error.
    let (out, stderr) =
        run(isnad().args(["html", "--records"]).arg(&records).arg("-o").arg(&report));
    assert!(out.status.success(), "{stderr}");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(claims_in_report(&html).is_empty());
    assert_eq!(html.matches("The article text was not given").count(), 2);
    assert!(html.contains("جولة المفاوضات الجديدة"), "claims are listed");
}

#[test]
fn records_that_do_not_fit_their_text_or_parse_are_shown_and_fail_the_run() {
    let scratch_dir = common::scratch();
    let records = scratch_dir.path().join("fit.jsonl");
    claims_of_run(&records);
    // The same id with an edited text, and a line that is no record.
    let edited = scratch_dir.path().join("en-port-strike.txt");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/en-port-strike.txt"),
    )
    .unwrap();
    std::fs::write(&edited, format!("Breaking: {text}")).unwrap();
    let mut lines = std::fs::read_to_string(&records).unwrap();
    lines.push_str("{\"id\": \"broken\"\n");
    std::fs::write(&records, lines).unwrap();
    let report = scratch_dir.path().join("misfit.html");
    let (out, stderr) = run(isnad()
        .args(["html", "--records"])
        .arg(&records)
        .arg(EXAMPLES[0])
        .arg(&edited)
        .arg("-o")
        .arg(&report));
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("1 of 3 articles had errors"), "{stderr}");
    assert!(stderr.contains("in 1 of 3 articles some spans do not fit the text"), "{stderr}");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("not an isnad record"), "the bad line is an article with its error");
    assert!(html.contains("in the text, the record says"), "the misfit spans are told");
}

#[test]
fn a_missing_input_or_no_input_is_a_usage_error() {
    let (out, stderr) = run(isnad().args(["html", "no/such/file.txt"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
    let (out, stderr) = run(isnad().args(["html"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("INPUTS"), "{stderr}");
    let (out, stderr) = run(isnad().args(["html", "--records", "no/such/records.jsonl"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("cannot read records file no/such/records.jsonl"), "{stderr}");
}
