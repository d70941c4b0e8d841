//! Disk → model: walks `content/`, parses every file, validates, and returns the `Site` with all
//! diagnostics. Content problems never abort the walk: each file's errors are collected.

mod config;
mod doc;
mod incremental;
mod year;

pub use config::normalize_base_url;
pub use incremental::{doc_kind, update_docs, DocChange};
// The in-memory entry points of the fuzz targets and property tests (`tiendo::fuzzing`).
#[doc(hidden)]
pub use doc::{finish_docs, parse_doc};
#[doc(hidden)]
pub use year::parse_year;

use crate::date::Date;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::fs;
use crate::model::{Doc, Localized, Site, StaticFile};
use crate::yaml::{locate, Seg};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What the loader needs to know besides the files.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The folder that holds `content/`.
    pub root: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Show drafts and future-dated articles.
    pub drafts: bool,
    /// The date against which future-dated articles are held back.
    pub today: Date,
}

/// A text file read from the site: its path relative to the root, and its text (BOM removed,
/// line endings made `\n`).
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
        Diagnostic::error(&self.path, message)
            .at_opt(locate(&self.text, at))
            .with_source(&self.text)
    }

    /// A warning placed at the YAML value at `at`.
    pub fn warning_at(&self, at: &[Seg], message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.path, message)
            .at_opt(locate(&self.text, at))
            .with_source(&self.text)
    }
}

/// The largest text file (site.yaml, a year file, an article or page) tiendo reads: hundreds of
/// times the size of a real one, and small enough that a mistaken or hostile file cannot make a
/// build take minutes or gigabytes. Static files have no limit: they are copied, not parsed.
pub const MAX_TEXT_FILE: u64 = 10 * 1024 * 1024;

/// Reads a text file of the site, reporting unreadable, oversized and non-UTF-8 files as
/// diagnostics.
pub fn read_source(root: &Path, rel: &Path) -> Result<SourceText, Box<Diagnostic>> {
    if let Ok(meta) = std::fs::metadata(root.join(rel)) {
        if meta.is_file() && meta.len() > MAX_TEXT_FILE {
            return Err(Box::new(
                Diagnostic::error(
                    rel,
                    format!(
                        "this file is {:.1} MB; tiendo reads text files of up to {} MB",
                        meta.len() as f64 / (1024.0 * 1024.0),
                        MAX_TEXT_FILE / (1024 * 1024)
                    ),
                )
                .help("a year file or an article this large is almost certainly a mistake (a pasted export, a binary file): check its contents, or split it"),
            ));
        }
    }
    let bytes = fs::read(&root.join(rel)).map_err(|e| {
        Box::new(
            Diagnostic::error(rel, format!("cannot read this file: {}", e.source))
                .help("check that the file exists and is readable"),
        )
    })?;
    let text = decode(rel, bytes)?;
    Ok(SourceText {
        path: rel.to_path_buf(),
        text,
    })
}

/// UTF-8 check, BOM removal and line-ending normalisation.
pub fn decode(rel: &Path, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let (line, col) = crate::diag::line_col(&prefix, prefix.len());
            return Err(Box::new(
                Diagnostic::error(rel, "this file is not valid UTF-8 text")
                    .at(line, col)
                    .help(
                        "save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)",
                    ),
            ));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// Checks a localised text: every language it names must be a site language (error), and every
/// site language should have a text (a warning, gathered per file by the caller).
pub fn check_localized(
    src: &SourceText,
    languages: &[String],
    default_lang: &str,
    value: &Localized,
    at: &[Seg],
    what: &str,
    diags: &mut Diagnostics,
) -> usize {
    for l in value.map_langs() {
        if !languages.iter().any(|x| x == l) {
            let mut at2 = at.to_vec();
            at2.push(Seg::Key(l.to_string()));
            let hint = match did_you_mean(l, languages.iter().map(String::as_str)) {
                Some(s) => format!(
                    "did you mean `{s}`? The site's languages are: {}",
                    languages.join(", ")
                ),
                None => format!(
                    "the site's languages are: {} (set in `site.yaml`)",
                    languages.join(", ")
                ),
            };
            let pos = crate::yaml::locate_key(&src.text, &at2);
            diags.push(
                Diagnostic::error(
                    &src.path,
                    format!("{what} has a text for `{l}`, which is not a site language"),
                )
                .at_opt(pos)
                .with_source(&src.text)
                .help(hint),
            );
        }
    }
    languages
        .iter()
        .filter(|l| value.exact(l, default_lang).is_none())
        .count()
}

/// Gathers the missing translations of one file into a single warning.
#[derive(Default)]
pub struct MissingTranslations {
    count: usize,
    first: Option<(Vec<Seg>, String)>,
}

impl MissingTranslations {
    /// Checks `value` and remembers the first field that lacks a language.
    #[allow(clippy::too_many_arguments)]
    pub fn check(
        &mut self,
        src: &SourceText,
        languages: &[String],
        default_lang: &str,
        value: &Localized,
        at: &[Seg],
        what: String,
        diags: &mut Diagnostics,
    ) {
        let missing = check_localized(src, languages, default_lang, value, at, &what, diags);
        if missing > 0 {
            self.count += 1;
            if self.first.is_none() {
                self.first = Some((at.to_vec(), what));
            }
        }
    }

    /// Emits the warning, if anything was missing.
    pub fn finish(self, src: &SourceText, languages: &[String], diags: &mut Diagnostics) {
        if let Some((at, what)) = self.first {
            let others = if self.count > 1 {
                format!(" and {} more", self.count - 1)
            } else {
                String::new()
            };
            diags.push(
                src.warning_at(&at, format!("missing translation: {what}{others} not written in every language ({})", languages.join(", ")))
                    .help("write the text as `{vi: \"…\", en: \"…\"}`; until then the page shows the default-language text, marked with its `lang`"),
            );
        }
    }
}

/// Loads and validates the whole site.
pub fn load_site(opts: &LoadOptions) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let content = opts.root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", format!("no `content/` folder in `{}`", opts.root.display()))
                .help("run tiendo in the folder that holds `content/`, or pass `--root DIR`; `tiendo init DIR` creates a new site"),
        );
        return (None, diags);
    }
    let site_path = PathBuf::from("content/site.yaml");
    let config = match read_source(&opts.root, &site_path) {
        Ok(src) => config::parse_config(&src, opts.base_url.as_deref(), &mut diags),
        Err(_) if !opts.root.join(&site_path).exists() => {
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
    };
    let files = list_content(&opts.root, &mut diags);
    // Without a usable site.yaml the other files are still checked, against the default
    // languages, so that one run reports every problem.
    let config_ok = config.is_some();
    let config = config.unwrap_or_else(|| crate::model::SiteConfig {
        title: Localized::plain(""),
        description: None,
        base_url: String::new(),
        languages: vec!["vi".to_string(), "en".to_string()],
        theme: "default".to_string(),
        organisation: None,
        raw_html: true,
    });

    let year_results: Vec<_> = files
        .years
        .par_iter()
        .map(|rel| year::load_year(&opts.root, rel, &config))
        .collect();
    let mut years = Vec::new();
    for (y, d) in year_results {
        diags.extend(d);
        years.extend(y);
    }
    years.sort_by_key(|y| y.year);

    let doc_results: Vec<_> = files
        .docs
        .par_iter()
        .map(|(rel, kind)| doc::load_doc(&opts.root, rel, *kind, &config))
        .collect();
    let mut docs: Vec<Doc> = Vec::new();
    for (d, dg) in doc_results {
        diags.extend(dg);
        docs.extend(d);
    }
    let year_files: Vec<i32> = files
        .years
        .iter()
        .filter_map(|p| p.file_stem()?.to_str()?.parse().ok())
        .collect();
    let (news, pages) = doc::finish_docs(docs, &year_files, &config, opts, &mut diags);

    let mut static_files = Vec::new();
    for rel in files.statics {
        match fs::read(&opts.root.join(&rel)) {
            Ok(bytes) => {
                let dest = rel
                    .strip_prefix("content/static")
                    .unwrap_or(&rel)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                static_files.push(StaticFile {
                    dest,
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

struct ContentFiles {
    years: Vec<PathBuf>,
    docs: Vec<(PathBuf, crate::model::DocKind)>,
    statics: Vec<PathBuf>,
}

/// Files tiendo never reads and whose changes never trigger a rebuild: hidden files, editor
/// back-ups and swap files, system litter. The one rule for the walk of `content/` and `serve`.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "Thumbs.db"
}

/// Whether any component of `rel` is ignored (see [`is_ignored_name`]).
pub fn is_ignored(rel: &Path) -> bool {
    rel.iter().any(|c| is_ignored_name(&c.to_string_lossy()))
}

/// Lists the site's files, sorted, with a diagnostic for each file that tiendo does not use.
fn list_content(root: &Path, diags: &mut Diagnostics) -> ContentFiles {
    use crate::model::DocKind;
    let mut out = ContentFiles {
        years: Vec::new(),
        docs: Vec::new(),
        statics: Vec::new(),
    };
    let content = root.join("content");
    let walker = WalkDir::new(&content)
        .sort_by_file_name()
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
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
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let parts: Vec<String> = rel
            .components()
            .skip(1)
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = parts.last().cloned().unwrap_or_default();
        match parts.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["site.yaml"] => {}
            ["years", _] if name.ends_with(".yaml") || name.ends_with(".yml") => out.years.push(rel),
            ["news", _] if name.ends_with(".md") => out.docs.push((rel, DocKind::News)),
            ["pages", _] if name.ends_with(".md") => out.docs.push((rel, DocKind::Page)),
            ["static", ..] => out.statics.push(rel),
            _ => diags.push(Diagnostic::warning(&rel, "tiendo does not use this file").help(
                "content/ holds site.yaml, years/<YYYY>.yaml, news/<stem>.<lang>.md, pages/<stem>.<lang>.md and static/**; move or remove it",
            )),
        }
    }
    out
}
