//! Loading plugins and running them as [`isnad_core::Stage`]s (feature `host`).
//!
//! [`PluginStage::load`] is all a pipeline loader needs: it opens the library, checks the ABI
//! version before touching anything else, reads the plugin's info, builds an instance from the
//! stage's `config`, and returns a stage whose `name`/`requires`/`provides` come from the plugin.
//! [`resolve_plugin_path`] implements the search-path convention for the `plugin = "…"` key.
//!
//! # Libraries are never unloaded
//! A library handle is leaked on purpose. Unloading a Rust `cdylib` is unsound in practice
//! (thread-locals with destructors, `std` state, function pointers the host may still hold in a
//! panic message or a vtable); a pipeline is built once per process, so the cost is a few
//! kilobytes of address space.
//!
//! # Faults
//! Loading faults are [`PluginError`]s (the runner reports them with the pipeline line). Faults
//! while processing a document are [`ProcessError`]s, turned into a [`StageError`] for that
//! document only: a plugin that errors, panics, or returns malformed or offset-breaking JSON
//! fails that document's record and the run goes on.

use std::ffi::c_void;
use std::path::{Path, PathBuf};

use isnad_core::{Document, Layer, Stage, StageError};
use libloading::Library;
use thiserror::Error;

use crate::ABI_VERSION;
use crate::abi::{
    ABI_VERSION_SYMBOL, AbiVersionFn, IsnadBuf, IsnadStatus, PluginVTable, STATUS_ERROR, STATUS_OK,
    STATUS_PANIC, VTABLE_SYMBOL, VTableFn,
};
use crate::payload::{Patch, PatchError, PluginInfo, input_json};

/// Why a plugin could not be loaded or built.
#[derive(Debug, Error)]
pub enum PluginError {
    /// The path does not exist (after the search-path convention, when used).
    #[error("plugin file not found: {path}{}", tried_list(.tried))]
    FileMissing {
        /// The path as given (or resolved).
        path: PathBuf,
        /// Every place that was looked at.
        tried: Vec<PathBuf>,
    },
    /// The file exists but the system loader refused it.
    #[error("{path} is not a loadable plugin library: {reason}")]
    NotALibrary {
        /// The file.
        path: PathBuf,
        /// The system loader's message.
        reason: String,
    },
    /// A required `isnad_` symbol is not exported.
    #[error(
        "{path} does not export '{symbol}' ({reason}): is it an isnad plugin built with export_stage! or isnad_plugin.h?"
    )]
    SymbolMissing {
        /// The file.
        path: PathBuf,
        /// The symbol name.
        symbol: &'static str,
        /// The system loader's message.
        reason: String,
    },
    /// The plugin was built against another ABI version.
    #[error(
        "{path} was built for plugin ABI version {found}, this isnad speaks version {expected}: rebuild the plugin against this isnad-plugin"
    )]
    AbiMismatch {
        /// The file.
        path: PathBuf,
        /// The version the plugin reports.
        found: u32,
        /// [`ABI_VERSION`].
        expected: u32,
    },
    /// The vtable pointer is null or an entry is missing.
    #[error("{path} has an incomplete vtable: {entry} is null")]
    VTableIncomplete {
        /// The file.
        path: PathBuf,
        /// The missing entry (`vtable`, `info`, `create`, …).
        entry: &'static str,
    },
    /// The plugin's `info` failed or returned something unreadable.
    #[error("{path}: plugin info is unusable: {reason}")]
    BadInfo {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
    /// `create` refused the configuration (the plugin's own message).
    #[error("plugin '{plugin}' rejected its config: {message}")]
    ConfigRejected {
        /// The plugin name.
        plugin: String,
        /// The plugin's message.
        message: String,
    },
    /// `create` panicked.
    #[error("plugin '{plugin}' panicked while reading its config: {message}")]
    CreatePanicked {
        /// The plugin name.
        plugin: String,
        /// The panic message.
        message: String,
    },
}

fn tried_list(tried: &[PathBuf]) -> String {
    if tried.len() <= 1 {
        return String::new();
    }
    let list: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
    format!(" (looked in: {})", list.join(", "))
}

/// Why a plugin failed one document. The document is left as it was before the plugin ran.
#[derive(Debug, Error)]
pub enum ProcessError {
    /// The plugin reported an error (status 1).
    #[error("plugin '{plugin}' failed: {message}")]
    Failed {
        /// The plugin name.
        plugin: String,
        /// Its message.
        message: String,
    },
    /// The plugin panicked (status 2); the panic was caught at its boundary.
    #[error("plugin '{plugin}' panicked: {message}")]
    Panicked {
        /// The plugin name.
        plugin: String,
        /// The panic message.
        message: String,
    },
    /// A status code outside the ABI.
    #[error("plugin '{plugin}' returned unknown status {status}: {message}")]
    BadStatus {
        /// The plugin name.
        plugin: String,
        /// The status.
        status: IsnadStatus,
        /// Whatever was in the buffer.
        message: String,
    },
    /// The output is not a valid patch (not JSON, not UTF-8, unknown fields, wrong types).
    #[error("plugin '{plugin}' returned malformed JSON: {reason}")]
    Malformed {
        /// The plugin name.
        plugin: String,
        /// The parser's message.
        reason: String,
    },
    /// The patch parsed but breaks the document (offsets outside the text or inside a
    /// character, unknown claims, duplicate ids, undeclared extensions).
    #[error("plugin '{plugin}' returned a rejected patch: {source}")]
    Rejected {
        /// The plugin name.
        plugin: String,
        /// What the check found.
        source: PatchError,
    },
}

impl From<ProcessError> for StageError {
    fn from(e: ProcessError) -> StageError {
        StageError::Failed(e.to_string())
    }
}

/// The vtable with every entry checked non-null.
#[derive(Clone, Copy)]
struct Entries {
    create: unsafe extern "C" fn(*const u8, usize, *mut *mut c_void, *mut IsnadBuf) -> IsnadStatus,
    process: unsafe extern "C" fn(*mut c_void, *const u8, usize, *mut IsnadBuf) -> IsnadStatus,
    destroy: unsafe extern "C" fn(*mut c_void),
    free_buf: unsafe extern "C" fn(IsnadBuf),
}

/// A buffer from the plugin, handed back through its `free_buf` when dropped.
struct PluginBuf {
    buf: IsnadBuf,
    free: unsafe extern "C" fn(IsnadBuf),
}

impl PluginBuf {
    fn bytes(&self) -> &[u8] {
        // SAFETY: the plugin guarantees ptr/len describe its buffer until free_buf.
        unsafe { self.buf.as_slice() }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(self.bytes()).into_owned()
    }
}

impl Drop for PluginBuf {
    fn drop(&mut self) {
        if !self.buf.ptr.is_null() {
            let buf = std::mem::replace(&mut self.buf, IsnadBuf::EMPTY);
            // SAFETY: the buffer came from this plugin and is freed exactly once.
            unsafe { (self.free)(buf) };
        }
    }
}

/// A plugin library loaded and instantiated as a pipeline stage.
pub struct PluginStage {
    info: PluginInfo,
    path: PathBuf,
    entries: Entries,
    instance: *mut c_void,
    input_layers: Vec<Layer>,
}

// SAFETY: the ABI requires `process` to be safe to call concurrently on one instance (documented
// in `abi` and `isnad_plugin.h`; the Rust SDK enforces it with `Plugin: Sync`). The instance
// pointer is only passed back to the plugin, never dereferenced by the host.
unsafe impl Send for PluginStage {}
// SAFETY: as above.
unsafe impl Sync for PluginStage {}

impl std::fmt::Debug for PluginStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginStage").field("info", &self.info).field("path", &self.path).finish()
    }
}

/// Opens a library and leaks the handle (libraries are never unloaded).
fn open(path: &Path) -> Result<&'static Library, PluginError> {
    if !path.is_file() {
        return Err(PluginError::FileMissing {
            path: path.to_path_buf(),
            tried: vec![path.to_path_buf()],
        });
    }
    // SAFETY: loading runs the library's initialisers. That is inherent to plugins: only paths
    // the user named in a pipeline are loaded.
    // A path without a directory part would make the system loader search its own library
    // path instead of opening this file.
    let path_for_loader = if path.parent().is_some_and(|p| p.as_os_str().is_empty()) {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    };
    let lib = unsafe { Library::new(&path_for_loader) }.map_err(|e| PluginError::NotALibrary {
        path: path.to_path_buf(),
        reason: loader_message(&e),
    })?;
    Ok(Box::leak(Box::new(lib)))
}

fn symbol<T: Copy>(
    lib: &'static Library,
    path: &Path,
    name: &'static [u8],
) -> Result<T, PluginError> {
    // SAFETY: `T` is the documented type of the symbol; the library outlives the copy (leaked).
    unsafe { lib.get::<T>(name) }.map(|s| *s).map_err(|e| PluginError::SymbolMissing {
        path: path.to_path_buf(),
        symbol: std::str::from_utf8(&name[..name.len() - 1]).unwrap_or("?"),
        reason: loader_message(&e),
    })
}

/// The system loader's own message: `libloading` says "dlopen failed" and keeps what the
/// loader said (`dlerror()`: "cannot open shared object file", "invalid ELF header", …) as the
/// error's source.
fn loader_message(e: &libloading::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message = format!("{message}: {text}");
        }
        source = cause.source();
    }
    message
}

/// Opens the library, checks the ABI version (before anything else), the vtable, and reads the
/// info. The library stays loaded for good.
fn open_plugin(path: &Path) -> Result<(Entries, PluginInfo), PluginError> {
    let lib = open(path)?;
    let version: AbiVersionFn = symbol(lib, path, ABI_VERSION_SYMBOL)?;
    let vtable_fn: VTableFn = symbol(lib, path, VTABLE_SYMBOL)?;
    // SAFETY: the symbol has the documented signature (a plugin that lies is beyond help).
    let found = unsafe { version() };
    if found != ABI_VERSION {
        return Err(PluginError::AbiMismatch {
            path: path.to_path_buf(),
            found,
            expected: ABI_VERSION,
        });
    }
    // SAFETY: as above; the vtable is static in the (never unloaded) library.
    let vtable: Option<&'static PluginVTable> = unsafe { vtable_fn().as_ref() };
    let missing = |entry| PluginError::VTableIncomplete { path: path.to_path_buf(), entry };
    let vtable = *vtable.ok_or_else(|| missing("vtable"))?;
    let info_fn = vtable.info.ok_or_else(|| missing("info"))?;
    let entries = Entries {
        create: vtable.create.ok_or_else(|| missing("create"))?,
        process: vtable.process.ok_or_else(|| missing("process"))?,
        destroy: vtable.destroy.ok_or_else(|| missing("destroy"))?,
        free_buf: vtable.free_buf.ok_or_else(|| missing("free_buf"))?,
    };

    let bad_info = |reason: String| PluginError::BadInfo { path: path.to_path_buf(), reason };
    let mut out = IsnadBuf::EMPTY;
    // SAFETY: `out` is a valid out parameter.
    let status = unsafe { info_fn(&mut out) };
    let buf = PluginBuf { buf: out, free: entries.free_buf };
    if status != STATUS_OK {
        return Err(bad_info(format!("info returned status {status}: {}", buf.text())));
    }
    let info: PluginInfo =
        serde_json::from_slice(buf.bytes()).map_err(|e| bad_info(e.to_string()))?;
    drop(buf);
    info.validate().map_err(bad_info)?;
    Ok((entries, info))
}

impl PluginStage {
    /// Loads the plugin library at `path` and builds an instance from `config` (the stage's
    /// `config` table as JSON; `Value::Null` is sent as `{}`).
    ///
    /// `path` is used as given: resolve a pipeline's `plugin = "…"` with
    /// [`resolve_plugin_path`] first. The ABI version is checked before the vtable is touched.
    pub fn load(path: &Path, config: serde_json::Value) -> Result<PluginStage, PluginError> {
        let (entries, info) = open_plugin(path)?;
        let config = if config.is_null() { serde_json::json!({}) } else { config };
        let config = serde_json::to_vec(&config).expect("a JSON value always serialises");
        let mut instance: *mut c_void = std::ptr::null_mut();
        let mut out = IsnadBuf::EMPTY;
        // SAFETY: config bytes live across the call; out parameters are valid.
        let status =
            unsafe { (entries.create)(config.as_ptr(), config.len(), &mut instance, &mut out) };
        let buf = PluginBuf { buf: out, free: entries.free_buf };
        let plugin = info.name.clone();
        match status {
            STATUS_OK => {}
            STATUS_PANIC => {
                return Err(PluginError::CreatePanicked { plugin, message: buf.text() });
            }
            _ => return Err(PluginError::ConfigRejected { plugin, message: buf.text() }),
        }
        let input_layers = info.input_layers();
        Ok(PluginStage { info, path: path.to_path_buf(), entries, instance, input_layers })
    }

    /// Reads a plugin's info without building an instance (no config needed): for listing a
    /// library in `isnad stages`. Makes every check `load` makes up to `create`.
    pub fn inspect(path: &Path) -> Result<PluginInfo, PluginError> {
        open_plugin(path).map(|(_, info)| info)
    }

    /// What the plugin says about itself (name, version, description, layers, config schema):
    /// everything `isnad stages` can show.
    pub fn info(&self) -> &PluginInfo {
        &self.info
    }

    /// The library file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Processes one document, with the fault typed. On error `doc` is unchanged.
    pub fn try_process(&self, doc: &mut Document) -> Result<(), ProcessError> {
        let input = input_json(doc, &self.input_layers);
        let mut out = IsnadBuf::EMPTY;
        // SAFETY: the instance is alive (destroyed only in Drop); input lives across the call;
        // concurrent calls are allowed by the ABI contract.
        let status =
            unsafe { (self.entries.process)(self.instance, input.as_ptr(), input.len(), &mut out) };
        let buf = PluginBuf { buf: out, free: self.entries.free_buf };
        let plugin = || self.info.name.clone();
        match status {
            STATUS_OK => {}
            STATUS_ERROR => {
                return Err(ProcessError::Failed { plugin: plugin(), message: buf.text() });
            }
            STATUS_PANIC => {
                return Err(ProcessError::Panicked { plugin: plugin(), message: buf.text() });
            }
            status => {
                return Err(ProcessError::BadStatus {
                    plugin: plugin(),
                    status,
                    message: buf.text(),
                });
            }
        }
        let patch: Patch = serde_json::from_slice(buf.bytes())
            .map_err(|e| ProcessError::Malformed { plugin: plugin(), reason: e.to_string() })?;
        drop(buf);
        patch
            .apply(doc, &self.info.provides)
            .map_err(|source| ProcessError::Rejected { plugin: plugin(), source })
    }
}

impl Drop for PluginStage {
    fn drop(&mut self) {
        if !self.instance.is_null() {
            // SAFETY: made by this plugin's create; `&mut self` proves no process call is running.
            unsafe { (self.entries.destroy)(self.instance) };
        }
    }
}

impl Stage for PluginStage {
    fn name(&self) -> &str {
        &self.info.name
    }

    fn requires(&self) -> &[Layer] {
        &self.info.requires
    }

    fn provides(&self) -> &[Layer] {
        &self.info.provides
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        self.try_process(doc).map_err(StageError::from)
    }
}

/// The environment variable listing directories of installed plugins (like `PATH`).
pub const PLUGIN_DIR_VAR: &str = "ISNAD_PLUGIN_DIR";

/// Resolves a pipeline's `plugin = "…"` value to a file.
///
/// - an absolute path is used as it is;
/// - a path with a directory part (`target/release/libx.so`, `../plugins/x.so`) is relative to
///   `base_dir`, the directory of the pipeline file;
/// - a bare file name (`libcheck_worthiness.so`) is looked for in `base_dir`, then in each
///   directory of `search_path` (the value of `$ISNAD_PLUGIN_DIR`, split like `PATH`). A bare
///   name without an extension (`check_worthiness`) is also tried as the platform's library file
///   name (`libcheck_worthiness.so`, `check_worthiness.dll`, `libcheck_worthiness.dylib`).
///
/// Fails with [`PluginError::FileMissing`] listing every place looked at.
pub fn resolve_plugin_path(
    spec: &str,
    base_dir: &Path,
    search_path: Option<&std::ffi::OsStr>,
) -> Result<PathBuf, PluginError> {
    let given = Path::new(spec);
    if given.is_absolute() {
        return if given.is_file() {
            Ok(given.to_path_buf())
        } else {
            Err(PluginError::FileMissing {
                path: given.to_path_buf(),
                tried: vec![given.to_path_buf()],
            })
        };
    }
    let bare = given.components().count() == 1;
    if !bare {
        let path = base_dir.join(given);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(PluginError::FileMissing { path: path.clone(), tried: vec![path] })
        };
    }
    let mut names = vec![spec.to_string()];
    if given.extension().is_none() {
        names.push(format!(
            "{}{spec}{}",
            std::env::consts::DLL_PREFIX,
            std::env::consts::DLL_SUFFIX
        ));
    }
    let mut dirs = vec![base_dir.to_path_buf()];
    if let Some(search) = search_path {
        dirs.extend(std::env::split_paths(search).filter(|d| !d.as_os_str().is_empty()));
    }
    let mut tried = Vec::new();
    for dir in &dirs {
        for name in &names {
            let path = dir.join(name);
            if path.is_file() {
                return Ok(path);
            }
            tried.push(path);
        }
    }
    Err(PluginError::FileMissing { path: given.to_path_buf(), tried })
}

/// Building plugins from tests: the example plugins of a workspace, or a C plugin.
///
/// A plugin is a `cdylib`, which cargo cannot hand to a test as a dependency. These helpers run
/// the `cargo` that is running the test (`$CARGO`) on the same target directory and profile as the
/// test binary itself, so nothing is compiled twice and it works under a plain
/// `cargo test --workspace`, whatever `CARGO_TARGET_DIR` says.
pub mod testing {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};
    use std::process::Command;
    use std::sync::Mutex;

    /// The directory holding `isnad_plugin.h`, for `cc -I`.
    pub const C_INCLUDE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/include");

    /// The profile directory of the running test binary (`<target>/debug` for
    /// `<target>/debug/deps/name-hash`).
    pub fn profile_dir() -> Result<PathBuf, String> {
        let exe = std::env::current_exe().map_err(|e| format!("no test executable path: {e}"))?;
        exe.parent()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .ok_or_else(|| format!("{} has no profile directory", exe.display()))
    }

    /// The file name of a library crate's `cdylib` on this platform (`libx_y.so` for `x-y`).
    pub fn library_file_name(crate_name: &str) -> String {
        let stem = crate_name.replace('-', "_");
        format!("{}{stem}{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX)
    }

    /// Builds the given workspace packages (once per test binary) and returns the directory
    /// holding their libraries; `dir.join(library_file_name("my-plugin"))` is the file to load.
    ///
    /// Runs in `$CARGO_MANIFEST_DIR` (set by cargo for tests), so the packages must belong to
    /// the workspace of the crate under test.
    pub fn build_plugins(packages: &[&str]) -> Result<PathBuf, String> {
        static BUILT: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
        let profile = profile_dir()?;
        let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
        let missing: Vec<&str> = packages.iter().copied().filter(|p| !built.contains(*p)).collect();
        if missing.is_empty() {
            return Ok(profile);
        }
        let target = profile.parent().ok_or("the profile directory has no parent")?;
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--quiet"]);
        for p in &missing {
            cmd.args(["-p", p]);
        }
        cmd.arg("--target-dir").arg(target).env_remove("CARGO_TARGET_DIR");
        if let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
            cmd.current_dir(dir);
        }
        match profile.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => {}
            Some("release") => {
                cmd.arg("--release");
            }
            Some(other) => {
                cmd.args(["--profile", other]);
            }
        }
        let status = cmd.status().map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err(format!("building plugins failed ({status}): {cmd:?}"));
        }
        built.extend(missing.iter().map(|p| p.to_string()));
        Ok(profile)
    }

    /// Compiles a C plugin with the system compiler (`$CC`, else `cc`) into `out_dir` and returns
    /// the library: `cc -std=c99 -Wall -Wextra -Werror -O2 -shared -fPIC -I <include> -o … src`.
    pub fn compile_c(source: &Path, out_dir: &Path) -> Result<PathBuf, String> {
        let stem =
            source.file_stem().and_then(|s| s.to_str()).ok_or("the C source has no file name")?;
        let out = out_dir.join(library_file_name(stem));
        let cc = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
        let mut cmd = Command::new(cc);
        cmd.args([
            "-std=c99",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-O2",
            "-shared",
            "-fPIC",
            "-I",
            C_INCLUDE_DIR,
            "-o",
        ])
        .arg(&out)
        .arg(source);
        let status = cmd.status().map_err(|e| format!("cannot run the C compiler: {e}"))?;
        if !status.success() {
            return Err(format!("compiling {} failed ({status}): {cmd:?}", source.display()));
        }
        Ok(out)
    }
}
