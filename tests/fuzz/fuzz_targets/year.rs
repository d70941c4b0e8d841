//! A year file: the first byte says whether to render the whole site too; the rest is the
//! file. See tests/FUZZING.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tiendo::fuzzing::fuzz_year(data);
});
