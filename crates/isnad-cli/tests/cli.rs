//! End-to-end tests of the `isnad` binary: bad inputs never lose a record, exit codes, messages.

use std::io::Write;
use std::process::{Output, Stdio};

mod common;
use common::isnad;

fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

fn errors(r: &serde_json::Value) -> usize {
    r["errors"].as_array().unwrap().len()
}

#[test]
fn jsonl_with_bad_lines_keeps_every_record_in_order() {
    let scratch_dir = common::scratch();
    let path = scratch_dir.path().join("mixed.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(
        b"{\"id\":\"good-en\",\"text\":\"The minister said on Monday that talks would resume.\"}\n",
    )
    .unwrap();
    f.write_all(b"{\"id\":\"broken\",\"text\":\"unterminated\n").unwrap();
    f.write_all(b"{\"id\":\"latin1\",\"text\":\"caf\xe9 au lait\"}\n").unwrap();
    f.write_all(b"{\"id\":\"empty\",\"text\":\"\"}\n").unwrap();
    f.write_all("{\"id\":\"good-ar\",\"text\":\"قال الوزير أمس إن المحادثات ستستأنف.\",\"published\":\"2025-02-19\"}\n".as_bytes()).unwrap();
    drop(f);
    let out = isnad().args(["run"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a failed document makes the exit status 1");
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["good-en", "mixed:2", "latin1", "empty", "good-ar"]);
    let errs: Vec<usize> = recs.iter().map(errors).collect();
    assert_eq!(errs, [0, 1, 1, 0, 0]);
    assert!(recs[1]["errors"][0].as_str().unwrap().contains("invalid JSON"));
    assert!(recs[2]["errors"][0].as_str().unwrap().contains("invalid UTF-8"));
    assert_eq!(recs[4]["lang"], "ar");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 of 5 documents had errors"), "{stderr}");
}

#[test]
fn bom_and_crlf_keep_offsets_into_the_text() {
    let scratch_dir = common::scratch();
    let path = scratch_dir.path().join("crlf.txt");
    std::fs::write(&path, "\u{feff}First line.\r\nقال الوزير أمس إن الاتفاق قريب.\r\n").unwrap();
    let out = isnad().args(["run", "--published", "2025-02-19"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "crlf");
    // Offsets are code points into the text without its BOM, with CRLF kept.
    let text: Vec<char> = "First line.\r\nقال الوزير أمس إن الاتفاق قريب.\r\n".chars().collect();
    for t in recs[0]["timexes"].as_array().unwrap() {
        let (s, e) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
        assert_eq!(text[s..e].iter().collect::<String>(), t["text"].as_str().unwrap());
    }
}

#[test]
fn huge_one_line_document_gets_its_record() {
    let scratch_dir = common::scratch();
    let path = scratch_dir.path().join("huge.txt");
    let sentence = "قال المتحدث إن الاجتماع سيعقد غدا، وأضاف أن الوفود وصلت. The spokesman said talks went well. ";
    let mut text = String::with_capacity(50 << 20);
    while text.len() < 50 << 20 {
        text.push_str(sentence);
    }
    std::fs::write(&path, &text).unwrap();
    let out = isnad()
        .args(["run", "--pipeline", "tests/fixtures/pipelines/segment-only.toml"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(errors(&recs[0]), 0);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn stdin_text_and_jsonl() {
    let run = |input: &str| {
        let mut child = isnad()
            .args(["run", "--published", "2025-02-19", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run("The minister said yesterday that the deal was close.");
    let recs = records(&out);
    assert_eq!((recs.len(), recs[0]["id"].as_str()), (1, Some("stdin")));
    assert_eq!(recs[0]["published"], "2025-02-19");
    let out = run(
        "{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\",\"text\":\"y\",\"published\":\"2024-01-01\"}\n",
    );
    let recs = records(&out);
    assert_eq!(recs.iter().map(|r| r["id"].as_str().unwrap()).collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(recs[1]["published"], "2024-01-01", "the document's own date wins over --published");
}

#[test]
fn missing_input_and_bad_arguments_exit_2() {
    let out = isnad().args(["run", "no/such/file.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read input no/such/file.txt"));
    let out = isnad()
        .args(["run", "--published", "19/02/2025", "examples/en-port-strike.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = isnad().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_reports_field_line_and_known_stages() {
    let out = isnad()
        .args(["check", "tests/fixtures/config-errors/unknown-field.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("unknown-field.toml:7 stage[1] (segment): unknown field 'detect-languages'"),
        "{stderr}"
    );
    let out = isnad()
        .args(["check", "tests/fixtures/config-errors/unknown-stage.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("known stages: ") && stderr.contains("segment"), "{stderr}");
    let out = isnad()
        .args([
            "check",
            "pipelines/news-ar.toml",
            "pipelines/news-en.toml",
            "pipelines/default.toml",
            "pipelines/attribution-en.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn stages_lists_config_fields_with_docs() {
    let out = isnad().args(["stages", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let docs: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let segment = docs.iter().find(|d| d["name"] == "segment").unwrap();
    assert_eq!(segment["provides"], serde_json::json!(["normalized", "sentences", "tokens"]));
    let field = segment["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "detect-language")
        .unwrap();
    assert_eq!(field["default"], "true");
    assert!(field["doc"].as_str().unwrap().contains("language"));
}

#[test]
fn readme_example_runs() {
    let out = isnad()
        .args(["run", "examples/ar-water-talks.txt", "examples/en-port-strike.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(
        recs[0]["published"], "2025-02-24",
        "metadata comes from the .meta.json beside the file"
    );
    assert_eq!(recs[1]["lang"], "en");
}

#[test]
fn table_format_one_line_per_claim() {
    let out = isnad()
        .args([
            "run",
            "--format",
            "table",
            "--bidi",
            "logical",
            "examples/en-port-strike.txt",
            "examples/ar-water-talks.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("speaker"), "{text}");
    assert!(text.contains("== en-port-strike (en, published 2025-02-24T09:30:00+01:00)"), "{text}");
    assert!(text.lines().any(|l| l.contains("Maria Okafor") && l.contains("told")), "{text}");
    assert!(
        text.lines().any(|l| l.contains("ليلى حداد") && l.contains("قالت")),
        "logical order keeps Arabic as stored: {text}"
    );
    let visual = isnad()
        .args(["run", "--format", "table", "--bidi", "visual", "examples/ar-water-talks.txt"])
        .output()
        .unwrap();
    let visual = String::from_utf8(visual.stdout).unwrap();
    assert!(
        visual.contains("دادح ىليل"),
        "visual order reverses Arabic runs for terminals: {visual}"
    );
}
