//! Loading `plugin = "…"` stages with the host side of `isnad-plugin`.

use std::path::Path;

use isnad_core::Stage;
use isnad_plugin::host::{PluginStage, resolve_plugin_path};

/// Loads a plugin stage named in a pipeline file: the path is resolved against the pipeline's
/// directory and `$ISNAD_PLUGIN_DIR` (see `docs/plugins.md`), the ABI version is checked, and the
/// stage's `config` table is handed to the plugin, whose refusal comes back as the message.
pub(crate) fn load(
    spec: &str,
    base_dir: &Path,
    config: serde_json::Value,
) -> Result<Box<dyn Stage>, String> {
    let search = std::env::var_os("ISNAD_PLUGIN_DIR");
    let path = resolve_plugin_path(spec, base_dir, search.as_deref()).map_err(|e| e.to_string())?;
    let stage = PluginStage::load(&path, config).map_err(|e| e.to_string())?;
    Ok(Box::new(stage))
}
