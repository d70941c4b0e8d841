//! The `site` target: see tests/fuzz/targets/site.rs and tests/FUZZING.md.
#![no_main]

#[path = "../targets/site.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    body::run(data);
});
