//! `tiendo serve`'s routing: one flag byte (method, sub-path, build state), then a request
//! target, answered from a small site in memory. See tests/FUZZING.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tiendo::serve::fuzz_route(data);
});
