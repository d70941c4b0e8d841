//! `SiteTest`: copies a fixture site into a temporary folder, lets a test change files, runs
//! the real binary, and compares output with golden files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder of the fixture sites.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A site in a temporary folder.
pub struct SiteTest {
    /// Kept alive for the test's duration.
    pub dir: tempfile::TempDir,
}

/// The result of one run of the binary.
pub struct Run {
    /// Exit status code.
    pub code: i32,
    /// Standard error, as text.
    pub stderr: String,
    /// Standard output, as text.
    pub stdout: String,
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>/` (its `content/` and `themes/`, not `expected/`).
    pub fn fixture(name: &str) -> SiteTest {
        let dir = tempfile::tempdir().expect("temp dir");
        let src = fixtures().join(name);
        for sub in ["content", "themes"] {
            if src.join(sub).is_dir() {
                copy_dir(&src.join(sub), &dir.path().join(sub));
            }
        }
        SiteTest { dir }
    }

    /// A copy of the example site in `content/` at the repository root.
    pub fn example() -> SiteTest {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &dir.path().join("content"),
        );
        SiteTest { dir }
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file of the site.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
        self
    }

    /// Removes a file of the site.
    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.root().join(rel)).expect("remove");
        self
    }

    /// Reads a file of the site (or of its output) as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Replaces `from` by `to` in a file of the site; the text must be there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "`{from}` not found in {rel}");
        self.write(rel, text.replacen(from, to, 1))
    }

    /// Runs `tiendo <args>` in the site's root.
    pub fn run(&self, args: &[&str]) -> Run {
        let out: Output = Command::new(env!("CARGO_BIN_EXE_tiendo"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("run tiendo");
        Run {
            code: out.status.code().unwrap_or(-1),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        }
    }

    /// Runs `tiendo build` and asserts success.
    pub fn build_ok(&self) -> Run {
        let r = self.run(&["build"]);
        assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
        r
    }

    /// Runs `tiendo build` and asserts exit status 1.
    pub fn build_fails(&self) -> Run {
        let r = self.run(&["build"]);
        assert_eq!(r.code, 1, "expected exit 1, got {}:\n{}", r.code, r.stderr);
        r
    }

    /// Every file under `output/`, by path.
    pub fn output_files(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.root().join("output"))
    }
}

impl Run {
    /// Asserts that stderr contains `needle`.
    pub fn says(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks `{needle}`:\n{}",
            self.stderr
        );
        self
    }
}

/// All files under `dir`, keyed by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).expect("prefix");
            let key = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(key, std::fs::read(e.path()).expect("read"));
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk");
        let dest = to.join(e.path().strip_prefix(from).expect("prefix"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// Asset fingerprints (`style.0395d4ffce.css` → `style.HASH.css`) in a path or a text file, so
/// that a change to the stylesheet re-blesses the stylesheet, not every page that links it.
pub fn redact_fingerprints(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while i + 12 <= b.len() {
        let hash = &b[i + 1..i + 11];
        let after = &b[i + 11..];
        let is_fingerprint = b[i] == b'.'
            && hash
                .iter()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            && (after.starts_with(b".css") || after.starts_with(b".js"));
        if is_fingerprint {
            out.push_str(&s[copied..i]);
            out.push_str(".HASH");
            i += 11;
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[copied..]);
    out
}

/// The output as golden files hold it: fingerprints redacted in paths and in text files.
fn redacted(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .map(|(path, bytes)| {
            let bytes = match std::str::from_utf8(bytes) {
                Ok(text) => redact_fingerprints(text).into_bytes(),
                Err(_) => bytes.clone(),
            };
            (redact_fingerprints(path), bytes)
        })
        .collect()
}

/// Compares `actual` with the golden files in `tests/fixtures/<name>/expected/`. With
/// `UPDATE_GOLDEN=1` it rewrites them instead. Missing and stray golden files both fail.
pub fn check_golden(name: &str, actual: &BTreeMap<String, Vec<u8>>) {
    let actual = &redacted(actual);
    let dir = fixtures().join(name).join("expected");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        for (path, bytes) in actual {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, bytes).expect("write golden");
        }
        return;
    }
    let expected = read_tree(&dir);
    let mut problems = Vec::new();
    for path in expected.keys() {
        if !actual.contains_key(path) {
            problems.push(format!("missing from output (golden file exists): {path}"));
        }
    }
    for (path, bytes) in actual {
        match expected.get(path) {
            None => problems.push(format!("new output file without golden file: {path}")),
            Some(e) if e != bytes => {
                let (a, b) = (String::from_utf8_lossy(e), String::from_utf8_lossy(bytes));
                let line = a
                    .lines()
                    .zip(b.lines())
                    .position(|(x, y)| x != y)
                    .unwrap_or(0);
                problems.push(format!(
                    "{path} differs at line {}:\n  golden: {}\n  actual: {}",
                    line + 1,
                    a.lines().nth(line).unwrap_or(""),
                    b.lines().nth(line).unwrap_or("")
                ));
            }
            _ => {}
        }
    }
    assert!(
        problems.is_empty(),
        "golden files of `{name}` differ (UPDATE_GOLDEN=1 cargo test to bless):\n{}",
        problems.join("\n")
    );
}

#[test]
fn fingerprints_are_redacted_in_paths_and_links() {
    assert_eq!(
        redact_fingerprints("assets/style.0395d4ffce.css"),
        "assets/style.HASH.css"
    );
    assert_eq!(
        redact_fingerprints("<script src=\"../assets/search.c5875a755c.js\"></script>"),
        "<script src=\"../assets/search.HASH.js\"></script>"
    );
    assert_eq!(
        redact_fingerprints("nam/2023/data.json"),
        "nam/2023/data.json"
    );
    assert_eq!(
        redact_fingerprints("x.0395D4FFCE.css đ"),
        "x.0395D4FFCE.css đ"
    );
}
