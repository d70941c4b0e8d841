//! Reading a text file of the site: size limit, UTF-8 check, BOM and CRLF removal, NFC.

use crate::diag::{Diagnostic, Diagnostics};
use crate::fs;
use crate::yaml::Seg;
use std::path::{Path, PathBuf};

/// A text file read from the site: its path relative to the root, and its text (BOM removed,
/// line endings made `\n`, in NFC).
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Relative to the site root.
    pub path: PathBuf,
    /// The contents.
    pub text: String,
}

impl SourceText {
    /// An error placed at the YAML value at `at`, with the source line shown.
    pub fn error_at(&self, at: &[Seg], message: impl Into<String>) -> Diagnostic {
        super::YamlLocator::new(self).as_dyn().error(at, message)
    }

    /// A warning placed at the YAML value at `at`.
    pub fn warning_at(&self, at: &[Seg], message: impl Into<String>) -> Diagnostic {
        super::YamlLocator::new(self).as_dyn().warning(at, message)
    }
}

/// The largest text file (site.yaml, a year file, an article or page) tiendo reads: hundreds of
/// times the size of a real one, and small enough that a mistaken or hostile file cannot make a
/// build take minutes or gigabytes. Static files have no limit: they are copied, not parsed.
pub const MAX_TEXT_FILE: u64 = 10 * 1024 * 1024;

/// Reads a text file of the site, reporting unreadable, oversized and non-UTF-8 files as
/// diagnostics.
pub fn read_source(root: &Path, rel: &Path) -> Result<SourceText, Box<Diagnostic>> {
    let read = fs::read_at_most(&root.join(rel), MAX_TEXT_FILE).map_err(|e| {
        Box::new(
            Diagnostic::error(rel, format!("cannot read this file: {}", e.source))
                .help("check that the file exists and is readable"),
        )
    })?;
    let bytes = read.map_err(|len| Box::new(too_large(rel, len)))?;
    let text = decode(rel, bytes)?;
    Ok(SourceText {
        path: rel.to_path_buf(),
        text,
    })
}

fn too_large(rel: &Path, len: u64) -> Diagnostic {
    const MB: u64 = 1024 * 1024;
    Diagnostic::error(
        rel,
        format!(
            "this file is {:.1} MB; tiendo reads text files of up to {} MB",
            len as f64 / MB as f64,
            MAX_TEXT_FILE / MB
        ),
    )
    .help("a year file or an article this large is almost certainly a mistake (a pasted export, a binary file): check its contents, or split it")
}

/// UTF-8 check, BOM removal, line-ending normalisation, and NFC (see `text.rs`).
pub fn decode(rel: &Path, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(Box::new(not_utf8(rel, e))),
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(super::text::nfc(text))
}

fn not_utf8(rel: &Path, e: std::string::FromUtf8Error) -> Diagnostic {
    let good = e.utf8_error().valid_up_to();
    let bytes = e.into_bytes();
    let prefix = String::from_utf8_lossy(bytes.get(..good).unwrap_or_default());
    let (line, col) = crate::diag::line_col(&prefix, prefix.len());
    Diagnostic::error(rel, "this file is not valid UTF-8 text")
        .at(line, col)
        .help("save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)")
}

/// Pushes the error of a file that could not be read, and gives nothing.
pub fn or_push<T>(r: Result<T, Box<Diagnostic>>, diags: &mut Diagnostics) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(d) => {
            diags.push(*d);
            None
        }
    }
}
