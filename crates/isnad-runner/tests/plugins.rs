//! Plugins in real pipelines: the example plugins are built, named in a pipeline file, and run
//! through the runner like built-in stages.

use std::path::{Path, PathBuf};

use isnad_plugin::host::testing::{build_plugins, library_file_name};
use isnad_runner::{Input, Reader, Record, Registry, RunOptions, load_file, run};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes a pipeline file into a fresh directory beside copies of nothing: plugin paths are
/// absolute here, as a user's may be. The directory is removed when the first value is dropped.
fn pipeline(name: &str, body: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new().prefix("isnad-runner-plugins-").tempdir().unwrap();
    let path = dir.path().join(format!("{name}.toml"));
    std::fs::write(&path, body).unwrap();
    (dir, path)
}

fn run_records(pipeline: &Path, inputs: &[Input]) -> Vec<Record> {
    let registry = Registry::builtin();
    let pipeline = load_file(pipeline, &registry).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    run(&pipeline, Reader::open(inputs).unwrap(), &mut out, &RunOptions::default(), &mut |_| {})
        .unwrap();
    String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn check_worthiness_scores_every_claim() {
    let dir = build_plugins(&["check-worthiness"]).unwrap();
    let lib = dir.join(library_file_name("check-worthiness"));
    let (_dir, path) = pipeline(
        "checkworthy",
        &format!(
            "[pipeline]\nname = \"checkworthy\"\n\n[[stage]]\nuse = \"segment\"\n\n[[stage]]\nuse = \"dates\"\n\n\
             [[stage]]\nuse = \"quotes\"\n\n[[stage]]\nuse = \"speakers\"\n\n[[stage]]\nplugin = {:?}\nconfig = {{ threshold = 0.5 }}\n",
            lib.display().to_string()
        ),
    );
    let inputs = [
        Input::Path(repo().join("examples/ar-water-talks.txt")),
        Input::Path(repo().join("examples/en-port-strike.txt")),
    ];
    let records = run_records(&path, &inputs);
    assert_eq!(records.len(), 2);
    for r in &records {
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert!(!r.claims.is_empty(), "{} has claims", r.id);
        for c in &r.claims {
            let score = c
                .ext
                .get("check_worthiness")
                .and_then(|v| v.as_f64())
                .expect("every claim is scored");
            assert!((0.0..=1.0).contains(&score));
        }
    }
}

#[test]
fn a_failing_plugin_fails_only_its_document() {
    let dir = build_plugins(&["fault-injector"]).unwrap();
    let lib = dir.join(library_file_name("fault-injector"));
    let (_dir, path) = pipeline(
        "faulty",
        &format!(
            "[pipeline]\nname = \"faulty\"\n\n[[stage]]\nuse = \"segment\"\n\n\
             [[stage]]\nplugin = {:?}\nconfig = {{ fault = \"panic\", trigger = \"fail\" }}\n",
            lib.display().to_string()
        ),
    );
    let jsonl = path.with_file_name("docs.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"ok-1\",\"text\":\"The minister said the talks went well.\"}\n\
         {\"id\":\"fail-2\",\"text\":\"This one makes the plugin panic.\"}\n\
         {\"id\":\"ok-3\",\"text\":\"قال الوزير إن المحادثات جيدة.\"}\n",
    )
    .unwrap();
    let records = run_records(&path, &[Input::Path(jsonl)]);
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["ok-1", "fail-2", "ok-3"]);
    assert!(records[0].errors.is_empty() && records[2].errors.is_empty());
    assert_eq!(records[1].errors.len(), 1);
    assert!(records[1].errors[0].contains("panicked"), "{}", records[1].errors[0]);
}

#[test]
fn a_rejected_config_is_a_pipeline_problem_with_its_line() {
    let dir = build_plugins(&["fault-injector"]).unwrap();
    let lib = dir.join(library_file_name("fault-injector"));
    let (_dir, path) = pipeline(
        "rejected",
        &format!(
            "[pipeline]\nname = \"rejected\"\n\n[[stage]]\nuse = \"segment\"\n\n\
             [[stage]]\nplugin = {:?}\nconfig = {{ reject = \"threshold must be below 1\" }}\n",
            lib.display().to_string()
        ),
    );
    let err = load_file(&path, &Registry::builtin()).unwrap_err().to_string();
    assert!(err.contains("rejected.toml:8 stage[2]"), "{err}");
    assert!(err.contains("threshold must be below 1"), "{err}");
}
