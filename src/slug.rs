//! URL-safe slugs: lower case, Vietnamese diacritics folded (`đ` → `d`), every run of other
//! characters one `-`, none at either end. Pure.

use unicode_normalization::UnicodeNormalization;

/// Folds diacritics away: `Chuyển đổi số` → `Chuyen doi so`. Keeps case.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            '\u{0300}'..='\u{036f}' => {}
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

/// The slug of `text`. Never empty: text with no Latin letter or digit becomes `u` followed by
/// the hex code points of its first characters, so it stays stable and URL-safe.
pub fn slugify(text: &str) -> String {
    let folded = fold(text).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    let mut pending_dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    if out.is_empty() {
        out.push('u');
        for c in text.chars().filter(|c| !c.is_whitespace()).take(8) {
            out.push_str(&format!("{:x}", c as u32));
        }
        if out.len() == 1 {
            out.push('0');
        }
    }
    shortened(out)
}

/// The longest slug: a folder name of the site, far under the 255 bytes a file system allows
/// (an agency written out in full, a tag that is a sentence), and still readable in an address.
pub const MAX_SLUG: usize = 120;

/// `slug` cut to [`MAX_SLUG`] bytes: the words that fit, then `-` and eight hex digits of a
/// hash of the whole slug, so that two long texts that start alike keep two addresses.
fn shortened(slug: String) -> String {
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    // `-` and eight hex digits.
    const HASH: usize = 9;
    // The slug is ASCII: every byte is a character. Cut at the last `-` that leaves room.
    let room = MAX_SLUG - HASH;
    let head = &slug[..room];
    let head = match head.rfind('-') {
        Some(dash) if dash > 0 => &head[..dash],
        _ => head,
    };
    format!("{head}-{:08x}", fnv1a(slug.as_bytes()))
}

/// FNV-1a, 32 bits: a hash that never changes between versions or machines, as an address must.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h: u32, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_examples() {
        for (input, expected) in [
            ("Đổi mới Sáng tạo 2025!", "doi-moi-sang-tao-2025"),
            ("Chuyển đổi số", "chuyen-doi-so"),
            ("  --Hello,  World--  ", "hello-world"),
            ("Ban Chỉ đạo", "ban-chi-dao"),
            ("ĐƯỜNG SẮT Bắc–Nam", "duong-sat-bac-nam"),
            ("tong-ket-2023", "tong-ket-2023"),
        ] {
            assert_eq!(slugify(input), expected, "{input}");
        }
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let nfd: String = "Chuyển đổi".nfd().collect();
        assert_eq!(slugify(&nfd), "chuyen-doi");
    }

    #[test]
    fn never_empty_and_idempotent() {
        for input in ["", "!!!", "中文", "  ", "ß", "a"] {
            let s = slugify(input);
            assert!(!s.is_empty(), "{input}");
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{s}"
            );
            assert_eq!(slugify(&s), s, "{input}");
        }
    }

    #[test]
    fn long_texts_get_short_distinct_slugs() {
        let agency = "Sở Thông tin và Truyền thông chủ trì; các sở, ban, ngành, UBND các huyện, thị xã, thành phố phối hợp thực hiện ";
        let long = slugify(&agency.repeat(3));
        assert!(long.len() <= MAX_SLUG, "{long}");
        assert!(
            long.starts_with("so-thong-tin-va-truyen-thong-chu-tri-cac-so-"),
            "{long}"
        );
        // Cut after a whole word, then the hash.
        let (head, hash) = long.rsplit_once('-').unwrap();
        assert_eq!(hash.len(), 8, "{long}");
        assert!(!head.ends_with('-'), "{long}");
        // Two long texts that differ only at their end keep two slugs, each stable.
        let other = slugify(&format!("{}khác", agency.repeat(3)));
        assert_ne!(long, other);
        assert_eq!(long, slugify(&agency.repeat(3)));
        // One word longer than a slug may be is cut inside the word.
        let id = slugify(&"G".repeat(300));
        assert_eq!(id.len(), MAX_SLUG);
        assert!(id.starts_with("gggg"), "{id}");
        // A slug of the longest length is kept as it is.
        let exact = "a".repeat(MAX_SLUG);
        assert_eq!(slugify(&exact), exact);
    }

    #[test]
    fn fold_keeps_case() {
        assert_eq!(fold("Tiến Độ"), "Tien Do");
    }

    fn is_slug(s: &str) -> bool {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Any text: the slug is `[a-z0-9-]+` without a dash at either end or two in a row,
        /// never empty, and slugging it again changes nothing.
        #[test]
        fn slugs_are_safe_nonempty_and_idempotent(text in "\\PC*|[ -~]*|[\\s\\S]{0,40}") {
            let s = slugify(&text);
            proptest::prop_assert!(is_slug(&s), "{text:?} -> {s:?}");
            proptest::prop_assert!(s.len() <= MAX_SLUG, "{text:?} -> {s:?}");
            proptest::prop_assert_eq!(slugify(&s), s.clone());
        }

        /// Long texts: a slug of at most MAX_SLUG bytes, which slugging again keeps.
        #[test]
        fn long_slugs_are_capped_and_idempotent(text in "([a-zđ]{1,15}[ ,;.-]{1,3}){5,40}") {
            let s = slugify(&text);
            proptest::prop_assert!(is_slug(&s), "{text:?} -> {s:?}");
            proptest::prop_assert!(s.len() <= MAX_SLUG, "{text:?} -> {s:?}");
            proptest::prop_assert_eq!(slugify(&s), s.clone());
        }

        /// Vietnamese titles, `..` and slashes included: no path can come out of a slug.
        #[test]
        fn vietnamese_and_path_like_text(
            text in "([A-Za-zĐđăâêôơưĂÂÊÔƠƯáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ0-9 ./\\\\-]|\\.\\.){0,30}"
        ) {
            let s = slugify(&text);
            proptest::prop_assert!(is_slug(&s), "{text:?} -> {s:?}");
            proptest::prop_assert!(!s.contains('/') && !s.contains('.'));
            proptest::prop_assert_eq!(slugify(&s), s.clone());
        }
    }
}
