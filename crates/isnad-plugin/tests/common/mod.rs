//! Building the example plugins from a test, into the same target directory as the test itself.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The profile directory the running test binary lives in (`<target>/debug`), found from the
/// executable's own path (`<target>/debug/deps/host-<hash>`), so that the nested `cargo build`
/// reuses everything already compiled, whatever `CARGO_TARGET_DIR` or `--target-dir` said.
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let deps = exe.parent().expect("deps dir");
    deps.parent().expect("profile dir").to_path_buf()
}

/// Builds the Rust example plugins once per test binary and returns the profile directory that
/// holds their libraries.
pub fn build_rust_plugins() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let profile = profile_dir();
        let target = profile.parent().expect("target dir");
        // CARGO is set by cargo for the test process; fall back to the one that compiled us.
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--quiet", "-p", "check-worthiness", "-p", "fault-injector"])
            .arg("--target-dir")
            .arg(target)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("CARGO_TARGET_DIR");
        match profile.file_name().and_then(|n| n.to_str()) {
            Some("debug") => {}
            Some("release") => {
                cmd.arg("--release");
            }
            Some(other) => {
                cmd.args(["--profile", other]);
            }
            None => {}
        }
        let status = cmd.status().expect("run cargo build for the example plugins");
        assert!(status.success(), "building the example plugins failed: {cmd:?}");
        profile
    })
}

/// The file name of a library on this platform (`libx.so`, `x.dll`, `libx.dylib`).
pub fn lib_name(crate_name: &str) -> String {
    format!("{}{}{}", std::env::consts::DLL_PREFIX, crate_name.replace('-', "_"), std::env::consts::DLL_SUFFIX)
}

/// The built library of a Rust example plugin.
pub fn rust_plugin(crate_name: &str) -> PathBuf {
    build_rust_plugins().join(lib_name(crate_name))
}

/// A fresh temporary directory under the target dir (no tempfile dependency needed).
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = profile_dir().join("isnad-plugin-tests").join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// Compiles the C example plugin with the system compiler (`$CC`, else `cc`).
pub fn c_plugin() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
            let src = root.join("plugins/c-example/length_tagger.c");
            let include = Path::new(env!("CARGO_MANIFEST_DIR")).join("include");
            let out = temp_dir("c-example").join(lib_name("length_tagger"));
            let cc = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
            let mut cmd = Command::new(cc);
            cmd.args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-O2", "-shared", "-fPIC", "-I"])
                .arg(&include)
                .arg("-o")
                .arg(&out)
                .arg(&src);
            let status = cmd.status().expect("run the C compiler");
            assert!(status.success(), "compiling the C plugin failed: {cmd:?}");
            out
        })
        .clone()
}
