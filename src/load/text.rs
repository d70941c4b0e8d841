//! Unicode normalisation of everything read: NFC, the composed form the web and most editors
//! write. An editor on macOS may save Vietnamese decomposed (NFD: `ê` as `e` + U+0302 + U+0301),
//! which would otherwise make two spellings of one tag, a title the search cannot find, and a
//! page whose translations do not pair.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// `s` in NFC; text already composed (nearly all of it) is returned as it is, after one quick
/// scan.
pub fn nfc(s: String) -> String {
    if surely_nfc(&s) {
        return s;
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfc().collect(),
    }
}

/// Whether every character of `s` is below U+0300 or in Latin Extended Additional
/// (U+1E00–U+1EFF, where composed Vietnamese lives): characters that are NFC whatever
/// surrounds them (a test checks every one). A scan of bytes, several times faster than the
/// crate's quick check, which stays for everything else.
fn surely_nfc(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            // ASCII, a continuation byte, or the lead byte of U+0080–U+02FF.
            0x00..=0xCB => i += 1,
            // U+1E00–U+1EFF is E1 B8 80 – E1 BB BF.
            0xE1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => i += 2,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_check_passes_only_characters_that_are_always_nfc() {
        let fast = (0u32..0x300)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32);
        for c in fast {
            let one = c.to_string();
            assert!(surely_nfc(&one), "{c:?}");
            assert_eq!(is_nfc_quick(one.chars()), IsNormalized::Yes, "{c:?}");
            // Not a combining mark either, so no order of them can be wrong.
            let class = unicode_normalization::char::canonical_combining_class(c);
            assert_eq!(class, 0, "{c:?}");
        }
        for s in [
            "e\u{301}",
            "\u{300}",
            "\u{1F600}",
            "\u{3000}",
            "\u{1F00}",
            "\u{1DFF}",
        ] {
            assert!(!surely_nfc(s), "{s:?}");
        }
        assert!(surely_nfc("Chuyển đổi số: Tỷ lệ 85,5 %"));
    }

    #[test]
    fn decomposed_vietnamese_is_composed() {
        let composed = "Chuyển đổi số";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(decomposed, composed);
        assert_eq!(nfc(decomposed), composed);
        assert_eq!(nfc(composed.to_string()), composed);
    }
}
