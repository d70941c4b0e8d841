//! Front matter + Markdown + shortcodes: the first byte picks news or page and `raw_html`; the
//! rest is the file. See tests/FUZZING.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tiendo::fuzzing::fuzz_doc(data);
});
