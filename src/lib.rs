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
use render::{OutputFile, RenderStats};
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
            "built {} pages, {} charts, {} data files and {} static files into `{}` in {} ms ({} warnings): {} changed, {} added, {} removed, {} unchanged",
            s.pages,
            s.charts,
            s.data_files,
            s.static_files,
            self.output.display(),
            self.elapsed.as_millis(),
            self.warnings.warning_count(),
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

/// Loads the site and its theme, or returns the diagnostics that stop the build.
pub fn load_model(
    opts: &BuildOptions,
) -> Result<(model::Site, theme::Theme, Diagnostics), Diagnostics> {
    let load_opts = load::LoadOptions {
        root: opts.root.clone(),
        base_url: opts.base_url.clone(),
        drafts: opts.drafts,
        today: opts.today,
    };
    let load_phase = timing::phase("load");
    let (site, mut diags) = load::load_site(&load_opts);
    drop(load_phase);
    let theme = site.as_ref().and_then(|s| {
        let (t, d) = theme::Theme::load(&opts.root, &s.config.theme);
        diags.extend(d);
        t
    });
    match (site, theme) {
        (Some(site), Some(theme)) if !diags.has_errors() => Ok((site, theme, diags)),
        _ => Err(diags),
    }
}

/// Loads and renders the site in memory, writing nothing. Files are sorted by path.
pub fn render_in_memory(
    opts: &BuildOptions,
) -> Result<(Vec<OutputFile>, RenderStats, Diagnostics), Diagnostics> {
    let (site, theme, mut diags) = load_model(opts)?;
    let render_phase = timing::phase("render");
    let (files, stats, d) = render::render_to_vec(&site, &theme, None, render::Scope::All);
    drop(render_phase);
    diags.extend(d);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((files, stats, diags))
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
    let (site, theme, mut diags) = load_model(opts).map_err(BuildFailed::Content)?;
    let staging = output::Staging::create(&out_dir).map_err(BuildFailed::Io)?;
    let render_phase = timing::phase("render and write");
    let result = render::render_site(&site, &theme, &|f| staging.write(&f));
    drop(render_phase);
    let (stats, d) = match result {
        Ok(r) => r,
        Err(e) => {
            staging.abort();
            return Err(BuildFailed::Io(e));
        }
    };
    diags.extend(d);
    if diags.has_errors() {
        staging.abort();
        return Err(BuildFailed::Content(diags));
    }
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
        stats,
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
