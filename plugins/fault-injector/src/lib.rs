//! A trivial plugin that counts a document's bytes and claims into a `fault-probe` extension,
//! and can be configured to misbehave in each way the host must survive.
//!
//! It exists for the host's fault tests and for the overhead benchmark (its normal work is so
//! small that what is measured is the JSON crossing). Faults trigger only for documents whose id
//! contains `trigger` (default `"fail"`), so a test can run several documents and check that
//! only the faulty one fails.
#![deny(missing_docs)]

use isnad_plugin::isnad_core::Document;
use isnad_plugin::serde_json::{self, json};
use isnad_plugin::{BoxError, Plugin, PluginInfo};
use serde::Deserialize;

/// The fault to inject.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fault {
    /// Behave.
    #[default]
    None,
    /// Return an error (status 1) from `process`.
    Error,
    /// Panic in `process` (caught at the boundary: status 2).
    Panic,
    /// Panic in `create`.
    PanicInCreate,
    /// Return bytes that are not JSON.
    MalformedJson,
    /// Return a mention whose span reaches past the end of the text.
    SpanPastEnd,
    /// Return a mention whose span ends inside a UTF-8 character.
    SpanMidChar,
    /// Write an extension key not declared in `provides`.
    UndeclaredExtension,
    /// Try to change the text (the SDK refuses before anything is sent).
    ChangeText,
}

/// Configuration.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Which fault to inject.
    pub fault: Fault,
    /// Inject it only into documents whose id contains this.
    pub trigger: String,
    /// Refuse to be built, with this message (tests the "config rejected" path).
    pub reject: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config { fault: Fault::None, trigger: "fail".to_string(), reject: None }
    }
}

/// The plugin.
pub struct FaultInjector {
    config: Config,
}

/// Marker that makes the SDK return non-JSON bytes: see [`FaultInjector::process`].
const MALFORMED: &str = "malformed-json";

impl Plugin for FaultInjector {
    type Config = Config;

    fn info() -> PluginInfo {
        PluginInfo::new("fault-injector")
            .version(env!("CARGO_PKG_VERSION"))
            .description("counts bytes and claims; injects faults on request")
            .reads(["quotes"])
            .provides(["fault-probe"])
    }

    fn new(config: Config) -> Result<Self, BoxError> {
        if let Some(message) = &config.reject {
            return Err(message.clone().into());
        }
        if config.fault == Fault::PanicInCreate {
            panic!("fault-injector: panic in create, as configured");
        }
        Ok(FaultInjector { config })
    }

    fn process(&self, doc: &mut Document) -> Result<(), BoxError> {
        let fault =
            if doc.id.contains(&self.config.trigger) { self.config.fault } else { Fault::None };
        let probe = json!({ "bytes": doc.text.len(), "claims": doc.layers.claims.len() });
        doc.layers.extensions.insert("fault-probe".to_string(), probe);
        match fault {
            Fault::None | Fault::PanicInCreate => {}
            Fault::Error => {
                return Err(format!("fault-injector: error on document {}", doc.id).into());
            }
            Fault::Panic => panic!("fault-injector: panic on document {}", doc.id),
            Fault::MalformedJson => {
                // The SDK always writes valid JSON, so the malformed case goes through the raw
                // ABI: see `process_raw` below, which this value tells to garble its output.
                doc.meta.extra.insert(MALFORMED.to_string(), json!(true));
            }
            Fault::SpanPastEnd => add_mention(doc, doc.text.len(), doc.text.len() + 10)?,
            Fault::SpanMidChar => {
                // The end of the first multi-byte character, minus one byte.
                let (at, ch) = doc
                    .text
                    .char_indices()
                    .find(|(_, c)| c.len_utf8() > 1)
                    .ok_or("no multi-byte character")?;
                add_mention(doc, at, at + ch.len_utf8() - 1)?;
            }
            Fault::UndeclaredExtension => {
                doc.layers.extensions.insert("not-declared".to_string(), json!(1));
            }
            Fault::ChangeText => doc.text.push_str(" (changed)"),
        }
        Ok(())
    }
}

/// Appends a mention with an unchecked span (what a buggy plugin would do).
fn add_mention(doc: &mut Document, start: usize, end: usize) -> Result<(), BoxError> {
    let mention: isnad_plugin::isnad_core::Mention = serde_json::from_value(
        json!({ "span": { "start": start, "end": end }, "kind": "person" }),
    )?;
    doc.layers.mentions.push(mention);
    Ok(())
}

// Exported by hand instead of with `export_stage!`, to wrap `process` so that it can return
// bytes that are not JSON (the SDK never would). This is also what a plugin that needs its own
// boundary code looks like: the SDK's entry points are public.

/// The ABI version this plugin was built against.
#[unsafe(no_mangle)]
pub extern "C" fn isnad_plugin_abi_version() -> u32 {
    isnad_plugin::ABI_VERSION
}

/// The entry points: the SDK's, with `process` wrapped.
#[unsafe(no_mangle)]
pub extern "C" fn isnad_plugin_vtable() -> *const isnad_plugin::abi::PluginVTable {
    static VTABLE: isnad_plugin::abi::PluginVTable = isnad_plugin::abi::PluginVTable {
        process: Some(process_raw),
        ..isnad_plugin::sdk::vtable::<FaultInjector>()
    };
    &VTABLE
}

/// The SDK's `process`, whose output is garbled when the patch carries the malformed marker.
///
/// # Safety
/// As [`isnad_plugin::sdk::process`].
unsafe extern "C" fn process_raw(
    instance: *mut std::ffi::c_void,
    doc: *const u8,
    doc_len: usize,
    out: *mut isnad_plugin::abi::IsnadBuf,
) -> isnad_plugin::abi::IsnadStatus {
    // SAFETY: forwarded unchanged from the host.
    let status =
        unsafe { isnad_plugin::sdk::process::<FaultInjector>(instance, doc, doc_len, out) };
    if status == isnad_plugin::abi::STATUS_OK && !out.is_null() {
        // SAFETY: `out` was just written by the SDK with a buffer of this library.
        let buf = unsafe { out.read() };
        // SAFETY: as above.
        let garble =
            unsafe { buf.as_slice() }.windows(MALFORMED.len()).any(|w| w == MALFORMED.as_bytes());
        if garble {
            // SAFETY: freed once, then replaced.
            unsafe { buf.free_boxed() };
            let bytes = b"{\"claim_ext\": {\"c1\": [truncated".to_vec();
            // SAFETY: `out` is valid for writes.
            unsafe { out.write(isnad_plugin::abi::IsnadBuf::from_vec(bytes)) };
        } else {
            // SAFETY: put back untouched.
            unsafe { out.write(buf) };
        }
    }
    status
}
