//! Disk → model: walks `content/`, parses every file, validates, and returns the `Site` with all
//! diagnostics. Content problems never abort the walk: each file's errors are collected.

mod config;
mod doc;
mod incremental;
mod locate;
mod publish;
mod source;
pub mod text;
mod translations;
pub mod year;

pub use crate::model::DocChange;
pub use config::normalize_base_url;
pub use incremental::{doc_kind, update_docs};
pub use locate::{Locator, YamlLocator};
pub use source::{decode, read_source, SourceText, MAX_TEXT_FILE};
pub use translations::{check_localized, Languages, MissingTranslations};
// The in-memory entry points of the fuzz targets and property tests (`tiendo::fuzzing`).
#[doc(hidden)]
pub use config::parse_config;
#[doc(hidden)]
pub use doc::parse_doc;
#[doc(hidden)]
pub use publish::finish_docs;
#[doc(hidden)]
pub use year::parse_year;
pub use year::{workbook_locator, xlsx::SheetLocator};

use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs;
use crate::model::{Doc, Localized, Site, StaticFile};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What the loader needs to know besides the files. Made by [`LoadOptions::new`] and its
/// setters, the one way to build it.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The folder that holds `content/`.
    root: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    base_url: Option<String>,
    /// Show drafts and future-dated articles.
    drafts: bool,
    /// The date against which future-dated articles are held back.
    today: Date,
}

impl LoadOptions {
    /// The site in `root`, on `today`: `base_url` from `site.yaml`, drafts held back.
    pub fn new(root: impl Into<PathBuf>, today: Date) -> Self {
        LoadOptions {
            root: root.into(),
            base_url: None,
            drafts: false,
            today,
        }
    }

    /// Overrides `base_url` of `site.yaml` (`--base-url`), where `Some`.
    pub fn base_url(mut self, base_url: Option<String>) -> Self {
        self.base_url = base_url;
        self
    }

    /// Publishes drafts and future-dated articles too (`--drafts`).
    pub fn drafts(mut self, drafts: bool) -> Self {
        self.drafts = drafts;
        self
    }

    /// The folder that holds `content/`.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// What to say when `root` holds no `content/` folder (a mistyped `--root`, or tiendo run
/// from the wrong folder): every command that reads the site says it the same way.
pub fn no_content_folder(root: &Path) -> Option<Diagnostic> {
    if fs::is_dir(&root.join("content")) {
        return None;
    }
    Some(
        Diagnostic::error(
            "content",
            format!("no `content/` folder in `{}`", root.display()),
        )
        .help(NO_CONTENT_HELP),
    )
}

/// The hint for a site folder tiendo cannot use.
pub const NO_CONTENT_HELP: &str = "run tiendo in the folder that holds `content/`, or pass `--root DIR`; `tiendo init DIR` creates a new site";

/// Loads and validates the whole site.
pub fn load_site(opts: &LoadOptions) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::new();
    if let Some(missing) = no_content_folder(&opts.root) {
        diags.push(missing);
        return (None, diags);
    }
    let config = load_config(opts, &mut diags);
    let files = list_content(&opts.root, &mut diags);
    // Without a usable site.yaml the other files are still checked, against the default
    // languages, so that one run reports every problem.
    let config_ok = config.is_some();
    let config = config.unwrap_or_else(fallback_config);
    let static_paths = year::StaticPaths::new(files.statics.iter().map(|rel| static_dest(rel)));
    let cx = year::YearContext {
        config: &config,
        static_files: &static_paths,
    };
    let years = load_years(&opts.root, &files.years, cx, &mut diags);
    let (news, pages) = load_docs(opts, &files, &config, &mut diags);
    let static_files = read_static_files(&opts.root, files.statics, &mut diags);
    if !config_ok {
        return (None, diags);
    }
    let site = Site {
        config,
        years,
        news,
        pages,
        static_files,
    };
    (Some(site), diags)
}

/// The site's settings and one of its year files (`content/years/2023.xlsx`), read and
/// validated without the rest of the site: what `tiendo convert` needs.
pub fn load_one_year(
    root: &Path,
    rel: &Path,
) -> (
    Option<(crate::model::SiteConfig, crate::model::Year)>,
    Diagnostics,
) {
    let mut diags = Diagnostics::new();
    if let Some(missing) = no_content_folder(root) {
        diags.push(missing);
        return (None, diags);
    }
    let opts = LoadOptions::new(root, Date::from_days_since_epoch(0));
    let Some(config) = load_config(&opts, &mut diags) else {
        return (None, diags);
    };
    // The static files, which evidence links may name; the listing's warnings are the build's.
    let files = list_content(root, &mut Diagnostics::new());
    let static_paths = year::StaticPaths::new(files.statics.iter().map(|rel| static_dest(rel)));
    let cx = year::YearContext {
        config: &config,
        static_files: &static_paths,
    };
    let (year, year_diags) = year::load_year(root, rel, cx);
    diags.extend(year_diags);
    (year.map(|y| (config, y)), diags)
}

fn load_config(opts: &LoadOptions, diags: &mut Diagnostics) -> Option<crate::model::SiteConfig> {
    let site_path = PathBuf::from("content/site.yaml");
    match read_source(&opts.root, &site_path) {
        Ok(src) => config::parse_config(&src, opts.base_url.as_deref(), diags),
        Err(_) if !fs::exists(&opts.root.join(&site_path)) => {
            diags.push(
                Diagnostic::error(&site_path, "`content/site.yaml` is missing")
                    .help("create it with at least `title:` and `languages: [vi, en]`"),
            );
            None
        }
        Err(d) => {
            diags.push(*d);
            None
        }
    }
}

/// The settings the other files are checked against when `site.yaml` is unusable.
fn fallback_config() -> crate::model::SiteConfig {
    crate::model::SiteConfig {
        title: Localized::plain(""),
        description: None,
        base_url: String::new(),
        languages: vec!["vi".to_string(), "en".to_string()],
        theme: "default".to_string(),
        organisation: None,
        raw_html: true,
    }
}

/// Every year file, in parallel; the years that loaded, ascending.
fn load_years(
    root: &Path,
    files: &[PathBuf],
    cx: year::YearContext<'_>,
    diags: &mut Diagnostics,
) -> Vec<crate::model::Year> {
    let results: Vec<_> = files
        .par_iter()
        .map(|rel| year::load_year(root, rel, cx))
        .collect();
    let mut years = Vec::new();
    for (y, d) in results {
        diags.extend(d);
        years.extend(y);
    }
    years.sort_by_key(|y| y.year);
    years
}

/// Every article and page, in parallel, with the publication rules applied.
fn load_docs(
    opts: &LoadOptions,
    files: &ContentFiles,
    config: &crate::model::SiteConfig,
    diags: &mut Diagnostics,
) -> (Vec<Doc>, Vec<Doc>) {
    let results: Vec<_> = files
        .docs
        .par_iter()
        .map(|(rel, kind)| doc::load_doc(&opts.root, rel, *kind, config))
        .collect();
    let mut docs: Vec<Doc> = Vec::new();
    for (d, dg) in results {
        diags.extend(dg);
        docs.extend(d);
    }
    // The years that have a file, whether or not it loaded without errors.
    let year_files: Vec<i32> = files
        .years
        .iter()
        .filter_map(|p| p.file_stem()?.to_str()?.parse().ok())
        .collect();
    publish::finish_docs(docs, &year_files, config, opts, diags)
}

/// Where a file of `content/static/` goes, relative to the output root, with `/` separators;
/// in NFC, as the links to it in the (normalised) Markdown and year files are.
fn static_dest(rel: &Path) -> String {
    text::nfc(
        rel.strip_prefix("content/static")
            .unwrap_or(rel)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// The files of `content/static/`, to be copied as they are.
fn read_static_files(root: &Path, files: Vec<PathBuf>, diags: &mut Diagnostics) -> Vec<StaticFile> {
    let mut out = Vec::new();
    for rel in files {
        match fs::read(&root.join(&rel)) {
            Ok(bytes) => {
                out.push(StaticFile {
                    dest: static_dest(&rel),
                    bytes,
                    source: rel,
                });
            }
            Err(e) => diags.push(
                Diagnostic::error(&rel, format!("cannot read this file: {}", e.source))
                    .help("check its permissions"),
            ),
        }
    }
    out
}

struct ContentFiles {
    years: Vec<PathBuf>,
    docs: Vec<(PathBuf, crate::model::DocKind)>,
    statics: Vec<PathBuf>,
}

/// The hidden names a web server reads, copied from `static/` like any other file:
/// `/.well-known/` (RFC 8615: `security.txt`, a certificate's proof of the domain) and Apache's
/// `.htaccess`.
pub const WEB_DOT_NAMES: &[&str] = &[".well-known", ".htaccess"];

/// Files tiendo never reads and whose changes never trigger a rebuild: hidden files (but
/// [`WEB_DOT_NAMES`] in `content/static/`, see [`is_ignored`]), editor
/// back-ups and swap files, system litter, and the lock files office programs leave beside an
/// open workbook (Excel's `~$2023.xlsx`; LibreOffice's `.~lock.2023.xlsx#` is hidden). The one
/// rule for the walk of `content/` and `serve`.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "Thumbs.db"
}

/// Whether `rel` (from the site's root) is ignored: one of its components is (see
/// [`is_ignored_name`]), but for [`WEB_DOT_NAMES`] under `content/static/`.
pub fn is_ignored(rel: &Path) -> bool {
    let parts: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
    let in_static = parts.len() > 2 && parts[0] == "content" && parts[1] == "static";
    parts.iter().enumerate().any(|(i, c)| {
        is_ignored_name(c) && !(in_static && i >= 2 && WEB_DOT_NAMES.contains(&c.as_ref()))
    })
}

/// Whether `path` is a year kept as a workbook: its extension is `xlsx`, in any case
/// (`2023.XLSX` too). The name alone decides; an office lock file (`~$2023.xlsx`) is told
/// apart by [`is_ignored`], not here. The one rule for loading, `check` and `convert`.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Lists the site's files, sorted, with a diagnostic for each file that tiendo does not use.
fn list_content(root: &Path, diags: &mut Diagnostics) -> ContentFiles {
    let mut out = ContentFiles {
        years: Vec::new(),
        docs: Vec::new(),
        statics: Vec::new(),
    };
    let walker = fs::walk(&root.join("content"))
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&crate::diag::rel(root, e.path())));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e
                    .path()
                    .map(|p| crate::diag::rel(root, p))
                    .unwrap_or_else(|| PathBuf::from("content"));
                diags.push(
                    Diagnostic::error(p, format!("cannot read this folder: {e}"))
                        .help("check its permissions"),
                );
                continue;
            }
        };
        let rel = crate::diag::rel(root, entry.path());
        if entry.file_type().is_symlink() {
            diags.push(
                Diagnostic::warning(&rel, "symbolic links are not followed; this one is ignored")
                    .help("copy the file into `content/` instead of linking to it"),
            );
        } else if entry.file_type().is_file() {
            out.sort_in(rel, diags);
        }
    }
    out.one_file_per_year(diags);
    out
}

/// The extensions of spreadsheets tiendo does not read as a year, and what to do instead.
const OTHER_SPREADSHEETS: &[(&str, &str)] = &[
    ("ods", "an OpenDocument spreadsheet (.ods)"),
    ("xls", "an old Excel 97–2003 workbook (.xls)"),
    ("xlsb", "an Excel binary workbook (.xlsb)"),
    ("xlsm", "an Excel workbook with macros (.xlsm)"),
    ("csv", "a CSV file"),
];

impl ContentFiles {
    /// A year kept in two files (`2023.yaml` and `2023.xlsx`) is an error naming both, and
    /// neither is read: which one holds the truth is not tiendo's to guess.
    fn one_file_per_year(&mut self, diags: &mut Diagnostics) {
        let stem = |p: &PathBuf| p.file_stem().map(|s| s.to_os_string());
        let mut twice = Vec::new();
        for pair in self.years.windows(2) {
            if let [a, b] = pair {
                if stem(a) == stem(b) {
                    twice.push((a.clone(), b.clone()));
                }
            }
        }
        for (a, b) in twice {
            let d = Diagnostic::error(
                &b,
                format!(
                    "the year is kept in two files, `{}` and `{}`",
                    a.display(),
                    b.display()
                ),
            )
            .help("keep one of them: move or delete the other (`tiendo convert` turns one into the other)");
            diags.push(d);
            self.years.retain(|p| stem(p) != stem(&a));
        }
    }

    /// Files a file of `content/` under what it is, or warns that tiendo does not use it.
    fn sort_in(&mut self, rel: PathBuf, diags: &mut Diagnostics) {
        use crate::model::DocKind;
        let parts: Vec<String> = rel
            .components()
            .skip(1)
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = parts.last().map(String::as_str).unwrap_or_default();
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        let ext = ext.as_deref().unwrap_or("");
        let year_file = matches!(ext, "yaml" | "yml" | "xlsx");
        let other_sheet = OTHER_SPREADSHEETS.iter().find(|(e, _)| *e == ext);
        match parts.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["site.yaml"] => {}
            ["years", _] if year_file => self.years.push(rel),
            ["years", _] if other_sheet.is_some() => {
                let what = other_sheet.map_or("", |(_, w)| *w);
                diags.push(
                    Diagnostic::error(&rel, format!("the file is {what}: tiendo reads a year as `.yaml` or `.xlsx`"))
                        .help("open it in Excel or LibreOffice Calc and save it as Excel Workbook (.xlsx), then remove this file"),
                );
            }
            ["news", _] if name.ends_with(".md") => self.docs.push((rel, DocKind::News)),
            ["pages", _] if name.ends_with(".md") => self.docs.push((rel, DocKind::Page)),
            ["static", ..] => self.statics.push(rel),
            _ => diags.push(Diagnostic::warning(&rel, "tiendo does not use this file").help(
                "content/ holds site.yaml, years/<YYYY>.yaml (or .xlsx), news/<stem>.<lang>.md, pages/<stem>.<lang>.md and static/**; move or remove it",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_is_told_by_its_extension_in_any_case() {
        assert!(is_workbook(Path::new("content/years/2023.xlsx")));
        assert!(is_workbook(Path::new("content/years/2023.XLSX")));
        assert!(is_workbook(Path::new("2023.Xlsx")));
        assert!(!is_workbook(Path::new("content/years/2023.yaml")));
        assert!(!is_workbook(Path::new("content/years/2023.xls")));
        assert!(!is_workbook(Path::new("content/years/2023.xlsm")));
        assert!(!is_workbook(Path::new("content/years/2023")));
        assert!(!is_workbook(Path::new("content/years/xlsx")));
        assert!(!is_workbook(Path::new("")));
    }
}
