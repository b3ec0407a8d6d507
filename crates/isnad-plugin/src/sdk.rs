//! The Rust side of writing a plugin: implement [`Plugin`], then `export_stage!(MyPlugin);`.
//!
//! The glue functions here are what [`export_stage!`](crate::export_stage) puts in the vtable.
//! Each one runs its whole body under [`std::panic::catch_unwind`]: a panic that unwinds out of an
//! `extern "C"` function aborts the process, which would take every other document of the run down
//! with it. A caught panic becomes [`STATUS_PANIC`] with the panic message.

use std::any::Any;
use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};

use isnad_core::Document;
use serde::de::DeserializeOwned;

use crate::abi::{IsnadBuf, IsnadStatus, PluginVTable, STATUS_ERROR, STATUS_OK, STATUS_PANIC};
use crate::payload::{Patch, PluginInfo};

/// Any error a plugin reports; its `Display` is what the user sees.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A stage written in Rust and exported with [`export_stage!`](crate::export_stage).
///
/// The shape mirrors [`isnad_core::Stage`]: built once from its configuration, then `process` is
/// called **concurrently** from the host's worker threads on the same value (hence `Sync`).
/// `process` gets a whole [`Document`] holding the layers named in `requires`/`reads`; the SDK
/// sends back only what it added (a [`Patch`]), and refuses changes to anything that was already
/// there except claims' `ext` fields.
pub trait Plugin: Sized + Send + Sync + 'static {
    /// The stage's configuration, deserialised from the pipeline's `config` table (`{}` when
    /// absent). Use `#[serde(deny_unknown_fields, default)]` so typos are reported.
    type Config: DeserializeOwned;

    /// Name, version, layers read and added, config schema.
    fn info() -> PluginInfo;

    /// Builds the stage. An error is shown to the user as "config rejected".
    fn new(config: Self::Config) -> Result<Self, BoxError>;

    /// Processes one document. An error fails this document only.
    fn process(&self, doc: &mut Document) -> Result<(), BoxError>;
}

/// The message of a caught panic.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

thread_local! {
    /// Where the last panic on this thread happened, recorded by the hook of [`record_panics`].
    static PANIC_AT: std::cell::Cell<Option<String>> = const { std::cell::Cell::new(None) };
}

/// Installs (once) a panic hook that records the panic's location for the error record and then
/// runs the previous hook (by default: the message on stderr). A `cdylib` has its own copy of
/// `std`, so this hook sees the plugin's panics only.
fn record_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Some(at) = info.location() {
                PANIC_AT
                    .with(|p| p.set(Some(format!("{}:{}:{}", at.file(), at.line(), at.column()))));
            }
            previous(info);
        }));
    });
}

/// Runs `body` under `catch_unwind` and writes its bytes (result or message) into `out`.
fn guarded(out: *mut IsnadBuf, body: impl FnOnce() -> Result<Vec<u8>, String>) -> IsnadStatus {
    record_panics();
    PANIC_AT.with(|p| p.set(None));
    let (status, bytes) = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(bytes)) => (STATUS_OK, bytes),
        Ok(Err(message)) => (STATUS_ERROR, message.into_bytes()),
        Err(payload) => {
            let mut message = panic_message(&*payload);
            if let Some(at) = PANIC_AT.with(|p| p.take()) {
                message = format!("{message} (at {at})");
            }
            // Dropping a payload can itself panic (a payload whose Drop panics); never unwind.
            let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
            (STATUS_PANIC, message.into_bytes())
        }
    };
    if !out.is_null() {
        // SAFETY: the host passes a valid, writable out parameter.
        unsafe { out.write(IsnadBuf::from_vec(bytes)) };
    }
    status
}

/// Borrowed input bytes.
///
/// # Safety
/// `ptr` must be valid for `len` bytes, or `len` must be 0.
unsafe fn input<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: upheld by the caller (the host keeps the buffer alive for the call).
        unsafe { std::slice::from_raw_parts(ptr, len) }
    }
}

/// `info` entry point for `P`.
///
/// # Safety
/// `out` must be null or valid for a write.
pub unsafe extern "C" fn info<P: Plugin>(out: *mut IsnadBuf) -> IsnadStatus {
    guarded(out, || serde_json::to_vec(&P::info()).map_err(|e| e.to_string()))
}

/// `create` entry point for `P`.
///
/// # Safety
/// `config` must be valid for `config_len` bytes; `instance` and `out` valid for writes.
pub unsafe extern "C" fn create<P: Plugin>(
    config: *const u8,
    config_len: usize,
    instance: *mut *mut c_void,
    out: *mut IsnadBuf,
) -> IsnadStatus {
    guarded(out, || {
        // SAFETY: the host keeps the config bytes alive for this call.
        let bytes = unsafe { input(config, config_len) };
        let bytes: &[u8] = if bytes.is_empty() { b"{}" } else { bytes };
        let config: P::Config =
            serde_json::from_slice(bytes).map_err(|e| format!("invalid config: {e}"))?;
        let plugin = P::new(config).map_err(|e| e.to_string())?;
        let ptr = Box::into_raw(Box::new(plugin)) as *mut c_void;
        if instance.is_null() {
            // SAFETY: `ptr` was just made by Box::into_raw.
            drop(unsafe { Box::from_raw(ptr as *mut P) });
            return Err("host passed a null instance pointer".to_string());
        }
        // SAFETY: the host passes a valid out parameter for the instance.
        unsafe { instance.write(ptr) };
        Ok(Vec::new())
    })
}

/// Runs `plugin` on an input document JSON and returns the patch JSON.
fn process_bytes<P: Plugin>(plugin: &P, input: &[u8]) -> Result<Vec<u8>, String> {
    let before: Document = serde_json::from_slice(input)
        .map_err(|e| format!("the host sent an unreadable document: {e}"))?;
    let mut doc = before.clone();
    plugin.process(&mut doc).map_err(|e| e.to_string())?;
    let patch = Patch::diff(&before, &doc).map_err(|e| e.to_string())?;
    serde_json::to_vec(&patch).map_err(|e| e.to_string())
}

/// `process` entry point for `P`.
///
/// # Safety
/// `instance` must come from [`create`] for the same `P`; `doc` valid for `doc_len` bytes; `out`
/// valid for a write.
pub unsafe extern "C" fn process<P: Plugin>(
    instance: *mut c_void,
    doc: *const u8,
    doc_len: usize,
    out: *mut IsnadBuf,
) -> IsnadStatus {
    guarded(out, || {
        if instance.is_null() {
            return Err("host passed a null instance".to_string());
        }
        // SAFETY: made by `create::<P>`, alive until `destroy`, only shared (`P: Sync`).
        let plugin = unsafe { &*(instance as *const P) };
        // SAFETY: the host keeps the document bytes alive for this call.
        process_bytes(plugin, unsafe { input(doc, doc_len) })
    })
}

/// `destroy` entry point for `P`.
///
/// # Safety
/// `instance` must come from [`create`] for the same `P` and not be used afterwards.
pub unsafe extern "C" fn destroy<P: Plugin>(instance: *mut c_void) {
    if instance.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: made by Box::into_raw in `create::<P>`, destroyed once.
        drop(unsafe { Box::from_raw(instance as *mut P) });
    }));
}

/// `free_buf` entry point (shared by all Rust plugins).
///
/// # Safety
/// `buf` must come from this library's `IsnadBuf::from_vec` and be freed once.
pub unsafe extern "C" fn free_buf(buf: IsnadBuf) {
    // SAFETY: upheld by the caller.
    let _ = catch_unwind(AssertUnwindSafe(|| unsafe { buf.free_boxed() }));
}

/// The vtable of `P`, for [`export_stage!`](crate::export_stage).
pub const fn vtable<P: Plugin>() -> PluginVTable {
    PluginVTable {
        info: Some(info::<P>),
        create: Some(create::<P>),
        process: Some(process::<P>),
        destroy: Some(destroy::<P>),
        free_buf: Some(free_buf),
    }
}

/// Exports a [`Plugin`] type from a `cdylib`: the two `isnad_` symbols and a static vtable.
///
/// ```
/// use isnad_plugin::isnad_core::Document;
/// use isnad_plugin::{BoxError, Plugin, PluginInfo, serde_json::json};
///
/// /// Stores the word count of each document in the `word-count` layer.
/// struct WordCount;
///
/// impl Plugin for WordCount {
///     type Config = serde_json::Value; // no configuration to speak of
///     fn info() -> PluginInfo {
///         PluginInfo::new("word-count").provides(["word-count"])
///     }
///     fn new(_config: Self::Config) -> Result<Self, BoxError> {
///         Ok(WordCount)
///     }
///     fn process(&self, doc: &mut Document) -> Result<(), BoxError> {
///         let words = doc.text.split_whitespace().count();
///         doc.layers.extensions.insert("word-count".into(), json!(words));
///         Ok(())
///     }
/// }
///
/// isnad_plugin::export_stage!(WordCount);
/// # use isnad_plugin::serde_json;
/// # let mut doc = Document::new("d", "three short words");
/// # isnad_plugin::sdk::testing::run(&WordCount, &mut doc).unwrap();
/// # assert_eq!(doc.layers.extensions["word-count"], json!(3));
/// ```
/// Use it once per library. The crate must be built with `crate-type = ["cdylib"]` (add `"rlib"`
/// too to unit-test the type directly) and with the default `panic = "unwind"`, or
/// `catch_unwind` cannot catch anything.
#[macro_export]
macro_rules! export_stage {
    ($plugin:ty) => {
        /// The ABI version this plugin was built against (checked by the host first).
        #[unsafe(no_mangle)]
        pub extern "C" fn isnad_plugin_abi_version() -> u32 {
            $crate::ABI_VERSION
        }

        /// The plugin's entry points.
        #[unsafe(no_mangle)]
        pub extern "C" fn isnad_plugin_vtable() -> *const $crate::abi::PluginVTable {
            static VTABLE: $crate::abi::PluginVTable = $crate::sdk::vtable::<$plugin>();
            &VTABLE
        }
    };
}

/// Runs a plugin type in-process through the same JSON path the host uses (input view, patch,
/// host-side checks), without building a library: for unit and snapshot tests of a plugin.
pub mod testing {
    use super::*;
    use crate::payload::input_json;

    /// Builds `P` from a config JSON value, or returns the "config rejected" message.
    pub fn build<P: Plugin>(config: serde_json::Value) -> Result<P, String> {
        let config: P::Config =
            serde_json::from_value(config).map_err(|e| format!("invalid config: {e}"))?;
        P::new(config).map_err(|e| e.to_string())
    }

    /// Processes `doc` exactly as a loaded plugin would be (only the declared layers go in, only
    /// the checked patch comes out) and returns the error message on failure.
    pub fn run<P: Plugin>(plugin: &P, doc: &mut Document) -> Result<(), String> {
        let info = P::info();
        let input = input_json(doc, &info.input_layers());
        let patch = process_bytes(plugin, &input)?;
        let patch: Patch = serde_json::from_slice(&patch).map_err(|e| e.to_string())?;
        patch.apply(doc, &info.provides).map_err(|e| e.to_string())
    }
}
