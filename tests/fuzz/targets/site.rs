//! The `site` fuzz target's body, shared with `cargo test`: `content/site.yaml`, from bytes to
//! `SiteConfig` (UTF-8 check, BOM/CRLF, `serde_norway`, the `yaml-rust2` locator, every check of
//! `load::parse_config`), with `--base-url` given when the first byte is odd.
//!
//! Must hold for any input: no panic; an accepted configuration has languages that are two or
//! three lower-case letters, each once, a `base_url` that is empty or ends in `/`, and a theme
//! name that stays inside `themes/`; every diagnostic prints.

use std::path::Path;
use tiendo::diag::Diagnostics;
use tiendo::load::{decode, parse_config, SourceText};

/// Runs one input.
pub fn run(bytes: &[u8]) {
    let Some((&flags, bytes)) = bytes.split_first() else {
        return;
    };
    let path = Path::new("content/site.yaml");
    let mut diags = Diagnostics::new();
    let base_url = (flags & 1 == 1).then_some("https://example.gov.vn/cds");
    let config = match decode(path, bytes.to_vec()) {
        Ok(text) => {
            let src = SourceText {
                path: path.to_path_buf(),
                text,
            };
            parse_config(&src, base_url, &mut diags)
        }
        Err(d) => {
            diags.push(*d);
            None
        }
    };
    for d in diags.iter() {
        let shown = d.to_string();
        assert!(shown.contains("content/site.yaml"), "{shown}");
    }
    let Some(c) = config else {
        assert!(diags.has_errors(), "refused without an error");
        return;
    };
    assert!(!c.languages.is_empty());
    for (i, l) in c.languages.iter().enumerate() {
        assert!(
            (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()),
            "{l:?}"
        );
        assert!(!c.languages[..i].contains(l), "{l} twice");
    }
    assert!(
        c.base_url.is_empty() || c.base_url.ends_with('/'),
        "{:?}",
        c.base_url
    );
    assert!(!c.theme.is_empty() && !c.theme.contains(['/', '\\']) && !c.theme.starts_with('.'));
}
