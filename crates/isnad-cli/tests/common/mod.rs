//! What every integration test of the `isnad` binary starts from: the binary, run from the
//! workspace root so that paths like `examples/…` and `pipelines/…` read as in the README.

// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `isnad` binary built for these tests, run from the workspace root.
pub fn isnad() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_isnad"));
    cmd.current_dir(root());
    cmd
}

/// A directory of one test's own, removed with everything in it when the value is dropped,
/// whether the test passes or panics (a path under the system temporary directory named by
/// the process id was left behind by every run).
pub fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("isnad-test-").tempdir().expect("a temporary directory")
}
