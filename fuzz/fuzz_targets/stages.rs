#![no_main]
//! See `isnad_runner::fuzzing::stages`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    isnad_runner::fuzzing::stages(data);
});
