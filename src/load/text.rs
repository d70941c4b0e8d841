//! Unicode normalisation of everything read: NFC, the composed form the web and most editors
//! write. An editor on macOS may save Vietnamese decomposed (NFD: `ê` as `e` + U+0302 + U+0301),
//! which would otherwise make two spellings of one tag, a title the search cannot find, and a
//! page whose translations do not pair.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// `s` in NFC; text already composed (nearly all of it) is returned as it is, after one quick
/// scan.
pub fn nfc(s: String) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfc().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_is_composed() {
        let composed = "Chuyển đổi số";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(decomposed, composed);
        assert_eq!(nfc(decomposed), composed);
        assert_eq!(nfc(composed.to_string()), composed);
    }
}
