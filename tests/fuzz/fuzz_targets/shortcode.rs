//! The `shortcode` target: see tests/fuzz/targets/shortcode.rs and tests/FUZZING.md.
#![no_main]

#[path = "../targets/shortcode.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    body::run(data);
});
