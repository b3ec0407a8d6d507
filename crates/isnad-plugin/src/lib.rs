//! The isnad plugin contract: how a stage built outside isnad is loaded into a pipeline.
//!
//! A plugin is a shared library (`cdylib`, or C built with `cc -shared`) that exports two
//! `extern "C"` symbols, `isnad_plugin_abi_version` and `isnad_plugin_vtable` (see [`abi`]).
//! Only UTF-8 JSON bytes cross the boundary ([`payload`]): Rust types have no stable layout, and
//! JSON lets a plugin be written in C, C++, Zig or Go as easily as in Rust, against
//! `include/isnad_plugin.h`. The price is a serialise/parse per document, measured by the
//! `overhead` benchmark (see `docs/plugins.md`).
//!
//! - Plugin authors in Rust implement [`Plugin`] and call [`export_stage!`]; nothing else from
//!   this crate is needed. [`sdk::testing`] runs the plugin in-process through the same JSON path
//!   for unit and snapshot tests.
//! - The host side (`PluginStage::load`, a [`isnad_core::Stage`]) sits behind the `host` feature
//!   so that plugins do not link `libloading`.
//!
//! # Why a patch comes back instead of the document
//! The plugin returns only what it added ([`Patch`]). The host can then prove the invariants of
//! the document model cheaply: the text cannot have changed (it is not sent back), and every
//! added span is checked against it. A plugin that breaks an offset fails that one document, not
//! the output writer three stages later.
//!
//! # Faults never take the run down
//! Every entry point made by [`export_stage!`] runs under `catch_unwind`; the host turns an error
//! (status 1), a panic (status 2), malformed JSON or a rejected patch into an error for that
//! document only.
#![deny(missing_docs)]

pub mod abi;
pub mod payload;
pub mod sdk;

#[cfg(feature = "host")]
pub mod host;

pub use isnad_core;
pub use payload::{Patch, PatchError, PluginInfo};
pub use sdk::{BoxError, Plugin};
pub use serde_json;

/// The version of the ABI *and* of the JSON payloads. The host loads a plugin only when the
/// plugin's `isnad_plugin_abi_version()` returns exactly this value.
///
/// Bump it on any incompatible change to [`abi`], `include/isnad_plugin.h`, [`PluginInfo`],
/// [`Patch`] or the serialised form of [`isnad_core::Document`].
pub const ABI_VERSION: u32 = 1;
