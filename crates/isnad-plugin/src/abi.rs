//! The C ABI: the only thing that crosses between the host and a plugin library.
//!
//! Everything here is `#[repr(C)]` and mirrored one to one in `include/isnad_plugin.h`; change
//! one, change the other and bump [`ABI_VERSION`](crate::ABI_VERSION).
//!
//! # Entry points
//! A plugin library exports two symbols:
//! - [`ABI_VERSION_SYMBOL`] — `uint32_t isnad_plugin_abi_version(void)`. The host calls it
//!   first and refuses the library unless it returns [`crate::ABI_VERSION`]. Nothing else about
//!   the library is trusted before that.
//! - [`VTABLE_SYMBOL`] — `const IsnadPluginVTable *isnad_plugin_vtable(void)`: a pointer to a
//!   static [`PluginVTable`] that lives as long as the library (which the host never unloads).
//!
//! # Buffers: whoever allocates frees
//! - Input bytes (config JSON, document JSON) are allocated by the host and *borrowed* by the
//!   plugin for the duration of one call only. The plugin must not keep the pointer.
//! - Output bytes ([`IsnadBuf`]) are allocated by the plugin with whatever allocator it likes.
//!   The host reads them and hands each one back exactly once through
//!   [`PluginVTable::free_buf`], also when the status was an error. A zero-length buffer may have
//!   a null pointer; `free_buf` must accept it.
//!
//! # Status codes
//! Every fallible entry point returns an [`IsnadStatus`]: [`STATUS_OK`], [`STATUS_ERROR`] (the
//! output buffer holds a UTF-8 message) or [`STATUS_PANIC`] (the plugin caught a panic or an
//! exception at its boundary; the buffer holds its message). Any other value is treated as an
//! error by the host.
//!
//! # Threads
//! The host builds one instance per pipeline stage with `create` and then calls `process` on that
//! one instance **from several threads at once** (the runner's rayon pool). `process` must
//! therefore be safe to call concurrently: keep the instance read-only after `create`, or guard
//! mutable state with a lock or atomics. `info`, `create` and `destroy` are never called
//! concurrently with `process` on the same instance.

use std::ffi::c_void;

/// A status returned by an entry point.
pub type IsnadStatus = i32;

/// Success: the output buffer holds the result.
pub const STATUS_OK: IsnadStatus = 0;
/// A reported failure: the output buffer holds a UTF-8 message for the user.
pub const STATUS_ERROR: IsnadStatus = 1;
/// A panic (or a C++ exception) caught at the plugin's boundary: the buffer holds its message.
pub const STATUS_PANIC: IsnadStatus = 2;

/// Name of the exported ABI version function (`uint32_t (void)`), NUL-terminated for `dlsym`.
pub const ABI_VERSION_SYMBOL: &[u8] = b"isnad_plugin_abi_version\0";
/// Name of the exported vtable function (`const IsnadPluginVTable *(void)`), NUL-terminated.
pub const VTABLE_SYMBOL: &[u8] = b"isnad_plugin_vtable\0";

/// Type of the exported ABI version function.
pub type AbiVersionFn = unsafe extern "C" fn() -> u32;
/// Type of the exported vtable function.
pub type VTableFn = unsafe extern "C" fn() -> *const PluginVTable;

/// Bytes owned by the plugin that made them: returned to it through [`PluginVTable::free_buf`].
#[repr(C)]
#[derive(Debug)]
pub struct IsnadBuf {
    /// First byte; may be null when `len` is 0.
    pub ptr: *mut u8,
    /// Number of bytes.
    pub len: usize,
}

impl IsnadBuf {
    /// The empty buffer, which every output parameter holds before a call.
    pub const EMPTY: IsnadBuf = IsnadBuf { ptr: std::ptr::null_mut(), len: 0 };

    /// Hands the bytes of `bytes` over to C; [`IsnadBuf::free_boxed`] takes them back.
    ///
    /// This is the allocation scheme of the Rust SDK. A boxed slice is used (not a `Vec`) so that
    /// the capacity need not travel through the ABI.
    pub fn from_vec(bytes: Vec<u8>) -> IsnadBuf {
        let boxed = bytes.into_boxed_slice();
        let len = boxed.len();
        let ptr = Box::into_raw(boxed) as *mut u8;
        IsnadBuf { ptr, len }
    }

    /// Frees a buffer made by [`IsnadBuf::from_vec`].
    ///
    /// # Safety
    /// `self` must come from `from_vec` in the same library and not have been freed before.
    pub unsafe fn free_boxed(self) {
        if self.ptr.is_null() {
            return;
        }
        let slice = std::ptr::slice_from_raw_parts_mut(self.ptr, self.len);
        // SAFETY: the caller guarantees this is the Box<[u8]> leaked by `from_vec`.
        drop(unsafe { Box::from_raw(slice) });
    }

    /// The bytes, borrowed.
    ///
    /// # Safety
    /// `ptr` must be valid for `len` bytes (or `len` must be 0) for the lifetime of the borrow.
    pub unsafe fn as_slice(&self) -> &[u8] {
        if self.ptr.is_null() || self.len == 0 {
            &[]
        } else {
            // SAFETY: upheld by the caller.
            unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
        }
    }
}

/// The entry points of a plugin. Every field must be set (the host rejects a vtable with a null
/// entry, which is why they are `Option`s on this side).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct PluginVTable {
    /// Writes the plugin's [`PluginInfo`](crate::PluginInfo) as JSON into `*out`. Called once,
    /// right after the ABI check.
    pub info: Option<unsafe extern "C" fn(out: *mut IsnadBuf) -> IsnadStatus>,
    /// Builds an instance from the stage's configuration (`config`, `config_len`: a JSON value,
    /// `{}` when the pipeline gives none). On success stores an opaque pointer in `*instance`
    /// (a stateless plugin may leave it null: `process` then gets null and `destroy` is not
    /// called); on error writes the reason into `*out` (shown to the user with the pipeline line).
    pub create: Option<
        unsafe extern "C" fn(
            config: *const u8,
            config_len: usize,
            instance: *mut *mut c_void,
            out: *mut IsnadBuf,
        ) -> IsnadStatus,
    >,
    /// Processes one document (`doc`, `doc_len`: the input JSON, see [`crate::payload`]) and writes
    /// a [`Patch`](crate::Patch) as JSON into `*out`, or the error message. Called concurrently.
    pub process: Option<
        unsafe extern "C" fn(
            instance: *mut c_void,
            doc: *const u8,
            doc_len: usize,
            out: *mut IsnadBuf,
        ) -> IsnadStatus,
    >,
    /// Frees an instance made by `create`. Called at most once per instance, after every
    /// `process` call on it has returned.
    pub destroy: Option<unsafe extern "C" fn(instance: *mut c_void)>,
    /// Frees a buffer this plugin wrote into an `out` parameter.
    pub free_buf: Option<unsafe extern "C" fn(buf: IsnadBuf)>,
}
