//! The `date` target: see tests/fuzz/targets/date.rs and tests/FUZZING.md.
#![no_main]

#[path = "../targets/date.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    body::run(data);
});
