#![no_main]
//! See `isnad_runner::fuzzing::plugin_payload`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| isnad_runner::fuzzing::plugin_payload(data));
