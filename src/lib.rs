//! tiendo ("tiến độ": progress) turns a public body's yearly goals and tasks (YAML) and its news
//! (Markdown) into a bilingual progress-report website.
//!
//! The pipeline, in this order and in this file only: config → load → model → render → write.
//! See ARCHITECTURE.md for the module map and its invariants.

#![warn(missing_docs)]

pub mod charts;
pub mod check;
pub mod date;
pub mod diag;
pub mod export;
pub mod format;
pub mod fs;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod timing;
pub mod urls;
pub mod yaml;

use diag::{Diagnostic, Diagnostics};
use render::RenderStats;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `tiendo build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder that holds `content/` (and optionally `themes/`).
    pub root: PathBuf,
    /// Where the site goes; default `<root>/output`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Publish drafts and future-dated articles too.
    pub drafts: bool,
    /// Today's date, for holding back future-dated articles.
    pub today: date::Date,
}

impl BuildOptions {
    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("output"))
    }

    /// What the loader is told.
    pub fn load_options(&self) -> load::LoadOptions {
        load::LoadOptions::new(&self.root, self.today)
            .base_url(self.base_url.clone())
            .drafts(self.drafts)
    }
}

/// A successful build.
#[derive(Debug)]
pub struct BuildReport {
    /// Where the site was written.
    pub output: PathBuf,
    /// What was rendered.
    pub stats: RenderStats,
    /// Warnings (the build succeeded despite them).
    pub warnings: Diagnostics,
    /// Wall time.
    pub elapsed: Duration,
    /// What changed in the output folder.
    pub changes: output::Changes,
}

impl BuildReport {
    /// The closing line of `tiendo build`: what was built, and what changed on disk (the
    /// figures a deploy by size and time cares about).
    pub fn summary(&self) -> String {
        let s = &self.stats;
        let c = &self.changes;
        let n = thousands;
        let mut line = format!(
            "built {} pages, {} charts, {} data files and {} static files into `{}` in {} ms ({}): {} changed, {} added, {} removed, {} unchanged",
            s.pages,
            s.charts,
            s.data_files,
            s.static_files,
            self.output.display(),
            self.elapsed.as_millis(),
            diag::counted(self.warnings.warning_count(), "warning"),
            n(c.changed),
            n(c.added),
            n(c.removed),
            n(c.unchanged),
        );
        if c.kept > 0 {
            line.push_str(&format!(
                "; kept {} files that tiendo did not write",
                n(c.kept)
            ));
        }
        line
    }
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildFailed {
    /// Problems in the site's files: exit status 1.
    Content(Diagnostics),
    /// The output could not be written.
    Io(fs::FsError),
}

/// Builds the site into the output folder. Pages are written to a staging folder as they are
/// rendered; the old output stays untouched unless the whole build succeeds.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailed> {
    let start = Instant::now();
    let given = opts.output_dir();
    if let Some(d) = check_output_dir(&opts.root, &given) {
        let mut diags = Diagnostics::new();
        diags.push(d);
        return Err(BuildFailed::Content(diags));
    }
    let out_dir = output::real_folder(&given).map_err(BuildFailed::Io)?;
    output::recover(&out_dir);
    let loaded = pipeline::load(&opts.load_options()).map_err(BuildFailed::Content)?;
    let staging = output::Staging::create(&out_dir).map_err(BuildFailed::Io)?;
    let rendered = match pipeline::render(&loaded, render::Scope::All, &|f| staging.write(&f)) {
        Ok(r) => r,
        Err(failed) => {
            staging.abort();
            return Err(match failed {
                pipeline::RenderFailed::Sink(e) => BuildFailed::Io(e),
                pipeline::RenderFailed::Content(diags) => {
                    let mut all = loaded.warnings;
                    all.extend(diags);
                    BuildFailed::Content(all)
                }
            });
        }
    };
    let mut diags = loaded.warnings;
    diags.extend(rendered.warnings);
    let commit_phase = timing::phase("swap in");
    let changes = staging.commit().map_err(|e| match e {
        output::CommitError::Io(e) => BuildFailed::Io(e),
        output::CommitError::NotOurs(paths) => {
            let mut diags = Diagnostics::new();
            diags.push(not_ours_diagnostic(&out_dir, &paths));
            BuildFailed::Content(diags)
        }
    })?;
    drop(commit_phase);
    Ok(BuildReport {
        output: out_dir,
        stats: rendered.stats,
        warnings: diags,
        elapsed: start.elapsed(),
        changes,
    })
}

/// `29338` → `29,338`, for the summary line (which is in English, like every message).
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The error for files of the output folder that tiendo did not write and this build would
/// replace: it names them (the first ten) and says what to do.
fn not_ours_diagnostic(out_dir: &Path, paths: &[String]) -> Diagnostic {
    let shown: Vec<String> = paths.iter().take(10).map(|p| format!("`{p}`")).collect();
    let more = match paths.len().saturating_sub(10) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    Diagnostic::error(
        out_dir.display().to_string(),
        format!(
            "the output folder holds files that tiendo did not write, where this build writes: {}{more}",
            shown.join(", ")
        ),
    )
    .help(format!(
        "tiendo never replaces a file it did not write: move these files away, or choose another `--output` folder. If tiendo made them (an older version, or its record `{}` beside the folder was deleted), delete them and build again",
        output::record_name(out_dir)
    ))
}

/// Refuses output folders whose replacement would destroy the site's own files.
fn check_output_dir(root: &Path, out: &Path) -> Option<Diagnostic> {
    let abs = |p: &Path| {
        fs::canonicalize(p)
            .ok()
            .or_else(|| std::env::current_dir().ok().map(|c| c.join(p)))
    };
    let root_abs = abs(root)?;
    let out_abs = abs(out)?;
    let content = root_abs.join("content");
    let themes = root_abs.join("themes");
    let display = out.display().to_string();
    if out_abs.is_file() {
        return Some(
            Diagnostic::error(&display, "the output path is a file, not a folder")
                .help("remove the file or choose another `--output` folder"),
        );
    }
    if root_abs.starts_with(&out_abs)
        || out_abs.starts_with(&content)
        || out_abs.starts_with(&themes)
    {
        return Some(
            Diagnostic::error(&display, "the output folder would replace the site's own files")
                .help("choose an output folder outside `content/` and `themes/`, such as the default `output/`"),
        );
    }
    None
}

/// In-memory entry points for the fuzz targets (`tests/fuzz/`) and property tests. Not an API.
#[doc(hidden)]
pub mod fuzzing;
