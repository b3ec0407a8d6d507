//! Loading `plugin = "…"` stages.

use std::path::Path;

use isnad_core::Stage;

/// Loads a plugin stage named in a pipeline file.
pub(crate) fn load(path: &str, _base_dir: &Path, _config: serde_json::Value) -> Result<Box<dyn Stage>, String> {
    Err(format!("cannot load plugin '{path}': this build of isnad has no plugin support yet"))
}
