//! End to end: `isnad test` writes references with `--update`, passes on them, and fails with a
//! per-claim diff once the pipeline changes; `--accept NAME` takes one document's new output.

use std::process::{Command, Output};

mod common;
use common::root;

fn isnad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isnad")).current_dir(root()).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A scratch directory with three fixture articles in `docs/` and a speech-only pipeline.
fn setup() -> tempfile::TempDir {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path();
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    for f in
        ["en-beliefs.txt", "en-direct-double.txt", "en-time-of-day.txt", "en-time-of-day.meta.json"]
    {
        std::fs::copy(root().join("tests/fixtures/en").join(f), dir.join("docs").join(f)).unwrap();
    }
    // The same pipeline as attribution-en.toml, but counting speech only (no "believes",
    // "found"), as news-en.toml does.
    let all = std::fs::read_to_string(root().join("pipelines/attribution-en.toml")).unwrap();
    let changed = all.replace("\nacts = [", "\n# acts = [");
    assert_ne!(all, changed, "attribution-en.toml lists its acts");
    std::fs::write(dir.join("speech-only.toml"), changed).unwrap();
    scratch_dir
}

#[test]
fn update_then_pass_then_fail_after_a_pipeline_change() {
    let scratch_dir = setup();
    let dir = scratch_dir.path().to_path_buf();
    let docs = dir.join("docs");
    let docs = docs.to_str().unwrap();
    let pipeline = "pipelines/attribution-en.toml";
    let args = |extra: &[&'static str]| -> Vec<String> {
        let mut v: Vec<String> = vec![
            "test".into(),
            "--pipeline".into(),
            pipeline.into(),
            "--published".into(),
            "2025-03-12".into(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v.push(docs.into());
        v
    };
    let run = |a: Vec<String>| isnad(&a.iter().map(String::as_str).collect::<Vec<_>>());

    // No references yet: each document is reported missing, exit 1.
    let out = run(args(&[]));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("MISSING  en-beliefs"), "{}", stdout(&out));

    // --update writes them; then the same pipeline passes.
    let out = run(args(&["--update"]));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("3 references written"), "{}", stdout(&out));
    let reference = std::fs::read_to_string(dir.join("docs/en-beliefs.expected.json")).unwrap();
    assert!(reference.contains("\"believes\""), "{reference}");
    let out = run(args(&[]));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("ok       en-beliefs"));
    assert!(stdout(&out).contains("3 documents match their references"));

    // A pipeline change (quotes stage with speech only) fails, naming the claims it removed.
    let changed = dir.join("speech-only.toml");
    let changed_args = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = vec![
            "test".into(),
            "--pipeline".into(),
            changed.to_str().unwrap().into(),
            "--published".into(),
            "2025-03-12".into(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v.push(docs.into());
        v
    };
    let out = run(changed_args(&[]));
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("FAIL     en-beliefs"), "{text}");
    let removed = text
        .lines()
        .find(|l| l.starts_with("    - c1 indirect belief | Chloe Barrett"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(removed.contains("| cue «believes» |"), "{text}");
    assert!(text.contains("cue «found»"), "{text}");
    assert!(text.contains("ok       en-direct-double"), "{text}");
    assert!(text.contains("1 of 3 documents differ from their references"), "{text}");

    // --accept takes the new output of that one document; the changed pipeline then passes.
    let out = run(changed_args(&["--accept", "en-beliefs"]));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("updated  en-beliefs"), "{}", stdout(&out));
    let out = run(changed_args(&[]));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // And the original pipeline now differs: the claims come back as additions.
    let out = run(args(&[]));
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("    + c1 indirect belief | Chloe Barrett"), "{text}");

    // A reference whose document is gone is reported, not ignored.
    std::fs::remove_file(dir.join("docs/en-direct-double.txt")).unwrap();
    let out = run(changed_args(&[]));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("ORPHAN") && stdout(&out).contains("en-direct-double.expected.json"),
        "{}",
        stdout(&out)
    );

    // An unknown name for --accept is a usage error.
    let out = run(changed_args(&["--accept", "no-such-doc"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--accept no-such-doc: no such document")
    );
}

#[test]
fn a_changed_speaker_and_date_show_as_field_changes() {
    let scratch_dir = setup();
    let dir = scratch_dir.path().to_path_buf();
    let docs = dir.join("docs");
    let out = isnad(&[
        "test",
        "--pipeline",
        "pipelines/news-en.toml",
        "--update",
        docs.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // Edit the document: another speaker, another day. The claim stays at the same place.
    let path = docs.join("en-time-of-day.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Sophie Laurent said the runway", "Sophie Lorrain said on Monday that the runway");
    std::fs::write(&path, text).unwrap();
    let out = isnad(&["test", "--pipeline", "pipelines/news-en.toml", docs.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("FAIL     en-time-of-day"), "{text}");
    assert!(text.contains("    ~ c1 (cue «said»):"), "{text}");
    assert!(text.contains("speaker: Sophie Laurent -> Sophie Lorrain"), "{text}");
    assert!(text.contains("date: 2025-03-12 (published) -> 2025-03-10 (timex)"), "{text}");
    assert!(text.contains("* timex added: «on Monday» 2025-03-10 day"), "{text}");
}
