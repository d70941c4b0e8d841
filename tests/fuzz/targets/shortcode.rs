//! The `shortcode` fuzz target's body, shared with `cargo test`: the parser of a shortcode's
//! inside (`markdown::parse_shortcode`) and the expansion of every `{{ … }}` of a Markdown text
//! outside code (`markdown::expand_shortcodes`), through a host that answers like the
//! renderer's.
//!
//! Must hold for any text: no panic; a parsed shortcode has a name of letters, digits and `_`
//! and each argument once; text without `{{` comes back unchanged; every error is placed on a
//! line of the text.

use std::path::Path;
use tiendo::markdown::{self, Expansion, Shortcode, ShortcodeError, ShortcodeHost, Source};

struct Host;

impl ShortcodeHost for Host {
    fn expand(&self, code: &Shortcode) -> Result<Expansion, ShortcodeError> {
        match code.name.as_str() {
            "figure" => match code.args.iter().find(|(k, _)| k == "key") {
                Some((_, v)) => Ok(Expansion::Inline(v.as_str().to_string())),
                None => Err(ShortcodeError::new("no key", "add key=")),
            },
            _ => Ok(Expansion::Block("<table></table>\n".into())),
        }
    }
}

/// Runs one input.
pub fn run(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(code) = markdown::parse_shortcode(&text) {
        assert!(
            !code.name.is_empty()
                && code
                    .name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{text:?} → {code:?}"
        );
        for (i, (k, _)) in code.args.iter().enumerate() {
            assert!(!code.args[..i].iter().any(|(x, _)| x == k), "{code:?}");
        }
    }
    let src = Source {
        path: Path::new("content/news/fuzz.vi.md"),
        file_text: &text,
        first_line: 1,
    };
    match markdown::expand_shortcodes(&text, &Host, &src) {
        Ok(out) => {
            if !text.contains("{{") {
                assert_eq!(out, text.as_ref());
            }
        }
        Err(errors) => {
            let lines = text.split('\n').count();
            for e in errors {
                let line = e.line().expect("a shortcode error has a line");
                assert!((1..=lines).contains(&line), "{e:?} in {lines} lines");
            }
        }
    }
}
