//! What broke when isnad was used as a careless user or an attacker would (issue 17), one test
//! per case: the output written onto an input, directory loops and unreadable entries, closed
//! and full standard output, exit statuses, plugin paths, and the smaller cases.

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

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const DOC: &str =
    "{\"id\":\"x\",\"lang\":\"en\",\"text\":\"The minister said that talks would resume.\"}\n";

#[test]
fn output_onto_an_input_is_refused_and_the_input_kept() {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().to_path_buf();
    let input = dir.join("in.jsonl");
    std::fs::write(&input, DOC).unwrap();
    let out = isnad().arg("run").arg(&input).arg("-o").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("refusing to write the output onto the input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&input).unwrap(), DOC, "the input is untouched");
    // The same through a directory input and another name for the file.
    let link = dir.join("link.jsonl");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let out = isnad().arg("run").arg(&dir).arg("-o").arg(&link).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), DOC);
}

#[test]
fn output_is_written_whole_under_a_temporary_name_then_renamed() {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().to_path_buf();
    let input = dir.join("in.jsonl");
    std::fs::write(&input, DOC).unwrap();
    let target = dir.join("out").join("claims.jsonl");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, "old\n").unwrap();
    let out = isnad().arg("run").arg(&input).arg("-o").arg(&target).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("{\"id\":\"x\""), "{written}");
    let left: Vec<_> = std::fs::read_dir(target.parent().unwrap()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file left: {left:?}");
    // A device is written directly.
    let out = isnad().arg("run").arg(&input).args(["-o", "/dev/null"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_directory_loop_is_walked_once() {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().to_path_buf();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.jsonl"), DOC).unwrap();
    std::fs::write(dir.join("sub").join("b.txt"), "He said that it rains.").unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub").join("loop")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("again")).unwrap();
    let out = isnad().arg("run").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<String> = records(&out).iter().map(|r| r["id"].as_str().unwrap().into()).collect();
    assert_eq!(ids, ["x", "b"], "each file once");
    // `isnad test` walks the same way (documents and references).
    let out = isnad().args(["test", "--update"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = isnad().arg("test").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn unreadable_entries_become_error_records() {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().to_path_buf();
    std::fs::write(dir.join("a.jsonl"), DOC).unwrap();
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("broken.txt")).unwrap();
    let locked = dir.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::write(locked.join("c.txt"), "He said that it rains.").unwrap();
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let root_can_read = std::fs::read_dir(&locked).is_ok();
    let out = isnad().arg("run").arg(&dir).output().unwrap();
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let recs = records(&out);
    let errors: Vec<String> = recs.iter().map(|r| r["errors"].to_string()).collect();
    assert_eq!(recs[0]["id"], "x");
    assert!(errors[1].contains("broken.txt"), "{errors:?}");
    if root_can_read {
        eprintln!("skipped the unreadable directory: running as root, which reads it");
        assert_eq!(recs.len(), 3);
    } else {
        assert!(errors[2].contains("locked") && errors[2].contains("ermission"), "{errors:?}");
    }
}

#[test]
fn jsonl_in_capitals_is_jsonl() {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().to_path_buf();
    std::fs::write(dir.join("A.JSONL"), format!("{DOC}{DOC}")).unwrap();
    let out = isnad().arg("run").arg(dir.join("A.JSONL")).output().unwrap();
    assert_eq!(records(&out).len(), 2, "{}", stderr(&out));
    let out = isnad().arg("run").arg(&dir).output().unwrap();
    assert_eq!(records(&out).len(), 2, "found by a directory walk too");
}

#[test]
fn a_closed_stdout_is_no_panic_and_the_status_stays_true() {
    // Enough output (more than a pipe holds) that writing it must hit the closed pipe.
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().to_path_buf();
    let pipeline = dir.join("p.toml");
    std::fs::write(&pipeline, "[pipeline]\nname = \"p\"\n[[stage]]\nuse = \"segment\"\n").unwrap();
    let mut cmd = isnad();
    cmd.arg("check");
    for _ in 0..2000 {
        cmd.arg(&pipeline);
    }
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(0), "every pipeline is valid");

    // `isnad test` with a failing case: 1, whoever reads its output.
    let dir = scratch_dir.path().to_path_buf();
    std::fs::write(dir.join("a.txt"), "He said that it rains.").unwrap();
    let mut child = isnad()
        .arg("test")
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(1), "a document without reference fails the run");
}

#[test]
fn run_into_a_closed_pipe_stops_quietly_with_status_141() {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().to_path_buf();
    std::fs::write(dir.join("many.jsonl"), DOC.repeat(2000)).unwrap();
    let mut child = isnad()
        .arg("run")
        .arg(dir.join("many.jsonl"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(stderr(&out), "", "no message, no panic");
    assert_eq!(out.status.code(), Some(141), "the run did not finish: not 0");
}

#[test]
fn a_full_stdout_is_an_error_not_a_panic() {
    let Ok(full) = std::fs::File::create("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    for args in [&["check", "pipelines/news-en.toml"][..], &["stages"], &["run", "examples"]] {
        let out = isnad().args(args).stdout(full.try_clone().unwrap()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("No space left"), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{args:?}");
    }
}

#[test]
fn a_plugin_beside_a_bare_pipeline_name_is_found_and_the_loader_speaks() {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().to_path_buf();
    std::fs::write(dir.join("libx.so"), "not a library").unwrap();
    std::fs::write(
        dir.join("p.toml"),
        "[pipeline]\nname = \"p\"\n[[stage]]\nuse = \"segment\"\n[[stage]]\nplugin = \"libx.so\"\n",
    )
    .unwrap();
    let out = isnad().current_dir(&dir).args(["check", "p.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    // The file beside the pipeline was opened (not searched for on the system's library
    // path), and the system loader's own words follow libloading's "dlopen failed".
    let beside = std::fs::canonicalize(&dir).unwrap().join("libx.so");
    assert!(
        err.contains(&format!("{} is not a loadable plugin library", beside.display())),
        "{err}"
    );
    assert!(err.contains("dlopen failed: ") && err.matches("libx.so").count() >= 2, "{err}");
}

#[test]
fn os_errors_are_said_once() {
    let out = isnad().args(["run", "no-such-file.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).matches("os error 2").count(), 1, "{}", stderr(&out));
}

#[test]
fn an_unknown_language_is_an_error_in_its_record() {
    for lang in ["xx", "english"] {
        let line =
            format!("{{\"id\":\"l\",\"lang\":\"{lang}\",\"text\":\"He said that it rains.\"}}\n");
        let mut child = isnad()
            .args(["run", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), line.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let recs = records(&out);
        assert!(recs[0]["errors"][0].as_str().unwrap().contains("unsupported language"), "{lang}");
    }
}

#[test]
fn a_document_over_the_size_limit_gets_an_error_record_with_its_id() {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().to_path_buf();
    let big = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "word ".repeat(500));
    std::fs::write(dir.join("in.jsonl"), format!("{big}{DOC}")).unwrap();
    std::fs::write(dir.join("b.txt"), "word ".repeat(500)).unwrap();
    let out = isnad().arg("run").arg(&dir).args(["--max-document-bytes", "1K"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["b", "big", "x"]);
    for r in [&recs[0], &recs[1]] {
        assert!(r["errors"][0].as_str().unwrap().contains("--max-document-bytes"), "{r}");
    }
    assert!(recs[2]["errors"].as_array().unwrap().is_empty());
}

#[test]
fn test_update_refuses_duplicate_ids_and_takes_long_ones() {
    let scratch_dir = common::scratch();
    let dir = scratch_dir.path().to_path_buf();
    let line = |id: &str| {
        format!("{{\"id\":\"{id}\",\"lang\":\"en\",\"text\":\"He said that it rains.\"}}\n")
    };
    std::fs::write(dir.join("a.jsonl"), format!("{}{}", line("same"), line("same"))).unwrap();
    let out = isnad().args(["test", "--update"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("would share the reference"), "{}", stderr(&out));
    assert!(!dir.join("same.expected.json").exists(), "nothing written");

    let long = "x".repeat(300);
    std::fs::write(dir.join("a.jsonl"), format!("{}{}", line(&long), line("short"))).unwrap();
    let out = isnad().args(["test", "--update"]).arg(&dir).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stderr(&out),
        String::from_utf8_lossy(&out.stdout)
    );
    let out = isnad().arg("test").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}
