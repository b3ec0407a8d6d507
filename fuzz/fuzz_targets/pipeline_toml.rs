#![no_main]
//! See `isnad_runner::fuzzing::pipeline_toml`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| isnad_runner::fuzzing::pipeline_toml(data));
