//! Building the example plugins from a test (see `isnad_plugin::host::testing`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use isnad_plugin::host::testing;

/// The file name of a library on this platform (`libx.so`, `x.dll`, `libx.dylib`).
pub fn lib_name(crate_name: &str) -> String {
    testing::library_file_name(crate_name)
}

/// The built library of a Rust example plugin (built on first use).
pub fn rust_plugin(crate_name: &str) -> PathBuf {
    let dir = testing::build_plugins(&["check-worthiness", "fault-injector"])
        .expect("build the example plugins");
    dir.join(lib_name(crate_name))
}

/// A fresh temporary directory under the target dir (no tempfile dependency needed).
pub fn temp_dir(name: &str) -> PathBuf {
    let profile = testing::profile_dir().expect("profile dir");
    let dir = profile.join("isnad-plugin-tests").join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// The C example plugin, compiled with the system compiler.
pub fn c_plugin() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let src = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../plugins/c-example/length_tagger.c");
            testing::compile_c(&src, &temp_dir("c-example")).expect("compile the C plugin")
        })
        .clone()
}
