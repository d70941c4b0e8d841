//! `tiendo new article`, `tiendo new year` and `tiendo init`: files a writer starts from.
//!
//! These are the only commands besides `build` that write, and they only ever create files:
//! an existing file is never overwritten. YAML is written by hand, every string quoted as a
//! JSON string (which is also a valid double-quoted YAML scalar), so any title survives.
//!
//! `article.rs`: `new article`; `year.rs`: `new year` and what it carries over; `year_xlsx.rs`:
//! `new year --xlsx`, the same as a template workbook; `convert.rs`: `convert`, a year file
//! from YAML to a workbook and back; `init.rs`: `init` and the example site it writes. Here:
//! what they share.

mod article;
mod convert;
mod init;
mod year;
mod year_xlsx;

pub use article::new_article;
pub use convert::convert;
pub use init::init;
pub use year::new_year;
pub use year_xlsx::new_year_xlsx;

use crate::diag::{Diagnostic, Diagnostics};
use crate::fs::{self, FsError};
use crate::load;
use crate::model::Localized;
use std::path::{Path, PathBuf};

/// Why nothing was created.
#[derive(Debug)]
pub enum ScaffoldError {
    /// A file exists already, or the site is not in a state to scaffold from: exit status 1.
    Refused(Diagnostics),
    /// A file could not be written: exit status 2.
    Io(FsError),
}

impl From<Box<Diagnostic>> for ScaffoldError {
    fn from(d: Box<Diagnostic>) -> Self {
        ScaffoldError::from(*d)
    }
}

impl From<Diagnostic> for ScaffoldError {
    fn from(d: Diagnostic) -> Self {
        let mut diags = Diagnostics::new();
        diags.push(d);
        ScaffoldError::Refused(diags)
    }
}

/// What was created.
#[derive(Debug)]
pub struct Created {
    /// The new files, relative to the current folder as given (`--root` joined).
    pub paths: Vec<PathBuf>,
    /// One line about what was done, for the terminal.
    pub note: String,
}

/// A string as a double-quoted YAML scalar.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A number as YAML reads it back: `80`, `85.5`; `1e300` rather than 301 digits; `.inf`,
/// `-.inf` and `.nan` for what is not finite (Rust's `inf` and `NaN` would read as text).
fn num(x: f64) -> String {
    if x.is_nan() {
        return ".nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { ".inf" } else { "-.inf" }.into();
    }
    let plain = format!("{x}");
    if plain.len() <= 20 {
        plain
    } else {
        format!("{x:e}")
    }
}

/// A localised text in the form it was written: a plain string, or `{vi: "…", en: "…"}`.
fn loc(l: &Localized, default: &str) -> String {
    let keys: Vec<&str> = l.map_langs().collect();
    if keys.is_empty() {
        return q(l.exact(default, default).unwrap_or_default());
    }
    let parts: Vec<String> = keys
        .iter()
        .map(|k| {
            let key = if ["y", "n", "no", "yes", "on", "off"].contains(k) {
                q(k)
            } else {
                (*k).to_string()
            };
            format!("{key}: {}", q(l.exact(k, default).unwrap_or_default()))
        })
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// The site's languages, read leniently from `content/site.yaml` (default first).
fn site_languages(root: &Path) -> Result<Vec<String>, Box<Diagnostic>> {
    #[derive(serde::Deserialize)]
    struct Partial {
        languages: Option<Vec<String>>,
    }
    let rel = Path::new("content/site.yaml");
    if !root.join(rel).is_file() {
        return Err(Box::new(Diagnostic::error(
            rel,
            format!("no `content/site.yaml` in `{}`: this is not a tiendo site", root.display()),
        )
        .help("run the command in the folder that holds `content/`, or pass `--root DIR`; `tiendo init DIR` creates a new site")));
    }
    let src = load::read_source(root, rel)?;
    let partial: Partial = crate::yaml::parse(&src.text, rel, 0)?;
    let langs = partial
        .languages
        .unwrap_or_else(|| vec!["vi".into(), "en".into()]);
    let valid = !langs.is_empty()
        && langs
            .iter()
            .all(|c| (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_lowercase()));
    if !valid {
        return Err(Box::new(
            Diagnostic::error(rel, "`languages` is not a list of language codes")
                .help("write `languages: [vi, en]`, the default language first"),
        ));
    }
    Ok(langs)
}

/// Creates `files` under `root`, or none of them if any exists already. Each is created only
/// if it does not exist at that moment (`fs::write_new`), so not even a file made meanwhile is
/// overwritten.
fn write_new<T: AsRef<[u8]>>(
    root: &Path,
    files: &[(PathBuf, T)],
) -> Result<Vec<PathBuf>, ScaffoldError> {
    let existing: Vec<&PathBuf> = files
        .iter()
        .map(|(p, _)| p)
        .filter(|p| fs::symlink_metadata(&root.join(p)).is_ok())
        .collect();
    if !existing.is_empty() {
        let mut diags = Diagnostics::new();
        for p in existing {
            diags.push(
                Diagnostic::error(p, "this file exists already; tiendo never overwrites it")
                    .help("choose another name, or edit the existing file"),
            );
        }
        return Err(ScaffoldError::Refused(diags));
    }
    let mut out = Vec::new();
    for (rel, text) in files {
        let p = root.join(rel);
        fs::write_new(&p, text.as_ref()).map_err(ScaffoldError::Io)?;
        out.push(if root == Path::new(".") {
            rel.clone()
        } else {
            p
        });
    }
    Ok(out)
}

/// The errors of `diags`, and `why` they stop the command (printed among them, in file order,
/// so it never says "above" or "below").
fn refused_for_errors(
    diags: &crate::diag::Diagnostics,
    why: crate::diag::Diagnostic,
) -> ScaffoldError {
    let mut errors = crate::diag::Diagnostics::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        errors.push(d.clone());
    }
    errors.push(why);
    ScaffoldError::Refused(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_are_quoted_safely() {
        assert_eq!(q("a: \"b\" # c\n"), r#""a: \"b\" # c\n""#);
        let l = Localized::from_pairs(vec![
            ("vi".into(), "Chữ \"ký\"".into()),
            ("no".into(), "x".into()),
        ]);
        assert_eq!(loc(&l, "vi"), r#"{vi: "Chữ \"ký\"", "no": "x"}"#);
        assert_eq!(loc(&Localized::plain("- x"), "vi"), r#""- x""#);
        assert_eq!(num(80.0), "80");
        assert_eq!(num(85.5), "85.5");
    }

    #[test]
    fn numbers_read_back_as_the_same_number_whatever_their_size() {
        for x in [
            80.0,
            -3.25,
            1e300,
            -5e299,
            1.5e-9,
            f64::MAX,
            f64::MIN_POSITIVE,
            123_456_789.125,
        ] {
            let text = num(x);
            assert!(text.len() <= 24, "{text}");
            let back: f64 = serde_yaml::from_str(&text).expect("a YAML number");
            assert_eq!(back, x, "{text}");
        }
        assert_eq!(num(1e300), "1e300");
        let back: f64 = serde_yaml::from_str(&num(f64::INFINITY)).expect("YAML .inf");
        assert_eq!(back, f64::INFINITY);
        assert_eq!(num(f64::NEG_INFINITY), "-.inf");
        let back: f64 = serde_yaml::from_str(&num(f64::NAN)).expect("YAML .nan");
        assert!(back.is_nan());
    }

    #[test]
    fn a_file_that_appears_meanwhile_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = vec![(PathBuf::from("content/news/a.vi.md"), "new".to_string())];
        write_new(dir.path(), &files).expect("created");
        // Past the check for existing files (as if another program wrote it in between).
        let p = dir.path().join("content/news/a.vi.md");
        std::fs::write(&p, "mine").expect("write");
        let err = fs::write_new(&p, b"new").expect_err("refused");
        assert_eq!(err.source.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "mine");
        assert!(matches!(
            write_new(dir.path(), &files),
            Err(ScaffoldError::Refused(_))
        ));
    }
}
