//! Model → the site's files, in memory: every page in every language, the data files, and the
//! static assets. Pure: nothing here touches the disk, reads the clock or prints (the caller
//! times the phases it runs). Pages are rendered in parallel; each file goes to a sink as
//! soon as it is made, so the output does not depend on thread timing.
//!
//! The rooms: `jobs` (what to render, and what a `Scope` redoes), `renderer` and `langs` (the
//! data every page reads, set up once), `templates` (Tera and its filters), `common` (what
//! every page has), `parts` (pieces several pages show), `pages/` (one file per page family),
//! `records` (agencies and goals across the years), `chart_views/` (each chart's data and
//! sentence), `shortcodes` (the data shortcodes and the Markdown bodies), `feeds` (Atom,
//! sitemap, robots), `search` (the index), `site_files` (what a full render adds: sitemap,
//! robots, static files) and `views/` (the only types templates see).

mod chart_views;
mod claims;
mod common;
pub mod feeds;
mod jobs;
mod langs;
mod pages;
mod parts;
mod records;
mod renderer;
mod reviews;
pub mod search;
mod shortcodes;
mod site_files;
mod sitemap;
mod template_errors;
mod templates;
#[cfg(test)]
mod testing;
pub mod views;

pub use pages::report_view;
pub use sitemap::{sitemap_files, SitemapLimits};
pub use templates::escape_html;

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::HeadingIds;
use crate::model::{DocChange, Site};
use crate::theme::Theme;
use renderer::Renderer;
use std::collections::{BTreeMap, BTreeSet};
use views::PageKind;

/// Articles per page of the news list and tag pages.
pub const PER_PAGE: usize = 10;

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
    /// For HTML pages: what the sitemap needs to know.
    pub page: Option<PageInfo>,
}

impl OutputFile {
    /// A file that is not a page.
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        OutputFile {
            path: path.into(),
            bytes,
            page: None,
        }
    }
}

/// Sitemap facts of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageInfo {
    /// The page's URL path (a folder ending in `/`).
    pub path: String,
    /// Kind of page.
    pub kind: PageKind,
    /// (language, path) of this page in every language where it exists, itself included.
    pub translations: Vec<(String, String)>,
    /// Last modification date (`YYYY-MM-DD`), where known.
    pub lastmod: Option<String>,
}

/// What a build rendered, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct RenderStats {
    /// HTML pages.
    pub pages: usize,
    /// Data files (JSON, CSV).
    pub data_files: usize,
    /// Copied static files.
    pub static_files: usize,
    /// Charts drawn (each also offered as an SVG file).
    pub charts: usize,
    /// The output files of a full render whose paths are known before rendering (every page,
    /// feed, data file and static file; not the charts, the search index's shards and the
    /// sitemap's parts), when this render claimed them: a full one, or an incremental one of
    /// more than bodies. `serve` takes the files it served before and no longer in this set as
    /// gone (a renamed tag's page and feed).
    pub planned: Option<BTreeSet<String>>,
}

/// Which part of the site to render.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'c> {
    /// Everything.
    All,
    /// Only the pages that show what changed in these documents (for `tiendo serve`); the
    /// search index, sitemap and static files are left out.
    Docs(&'c [DocChange]),
    /// Only the search index and search page of these languages.
    Search(&'c [String]),
}

/// A file sink: receives each file as soon as it is rendered, from several threads at once.
pub type Sink<'s, E> = dyn Fn(OutputFile) -> Result<(), E> + Sync + 's;

/// Renders the whole site.
pub fn render_site<E: Send>(
    site: &Site,
    theme: &Theme,
    sink: &Sink<E>,
) -> Result<(RenderStats, Diagnostics), E> {
    render_scope(site, theme, Scope::All, sink)
}

/// Renders the part of the site in `scope`.
///
/// Each file goes to `sink` as soon as it is rendered (from several threads at once), so a
/// build never holds the whole site in memory; the sink decides whether files go to disk or
/// to a map. A sink error stops the rendering and is returned.
pub fn render_scope<E: Send>(
    site: &Site,
    theme: &Theme,
    scope: Scope,
    sink: &Sink<E>,
) -> Result<(RenderStats, Diagnostics), E> {
    match Prepared::new(theme) {
        Ok(p) => render_prepared(site, theme, &p, scope, sink),
        Err(d) => {
            let mut diags = Diagnostics::new();
            diags.push(*d);
            Ok((RenderStats::default(), diags))
        }
    }
}

/// Renders the part of the site in `scope` into memory, sorted by path. `prepared` saves
/// compiling the templates again.
pub fn render_to_vec(
    site: &Site,
    theme: &Theme,
    prepared: Option<&Prepared>,
    scope: Scope,
) -> (Vec<OutputFile>, RenderStats, Diagnostics) {
    let files = std::sync::Mutex::new(Vec::new());
    let sink = |f: OutputFile| -> Result<(), std::convert::Infallible> {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    };
    let Ok((stats, diags)) = match prepared {
        Some(p) => render_prepared(site, theme, p, scope, &sink),
        None => render_scope(site, theme, scope, &sink),
    };
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, stats, diags)
}

/// A theme made ready to render: compiled templates and the UI strings they use. `tiendo
/// serve` keeps one between rebuilds.
pub struct Prepared {
    tera: tera::Tera,
    /// The UI strings the templates read, each with the first template that reads it.
    used: BTreeMap<String, String>,
    /// Per template, the ids its pages use (`templates::template_ids`).
    ids: BTreeMap<String, HeadingIds>,
}

impl Prepared {
    /// Compiles the theme's templates.
    pub fn new(theme: &Theme) -> Result<Prepared, Box<Diagnostic>> {
        Ok(Prepared {
            tera: templates::build_tera(theme)?,
            used: templates::template_string_keys(theme),
            ids: templates::template_ids(theme),
        })
    }
}

/// `render_scope` with a theme already prepared.
pub fn render_prepared<E: Send>(
    site: &Site,
    theme: &Theme,
    prepared: &Prepared,
    scope: Scope,
    sink: &Sink<E>,
) -> Result<(RenderStats, Diagnostics), E> {
    let mut diags = Diagnostics::new();
    let r = Renderer::new(site, theme, prepared, &mut diags);
    // Every path has one owner before anything is rendered (`claims.rs`); an edit of more than
    // a body may make a collision (a slug taken twice), so an incremental render asks then too.
    let owners = match scope {
        Scope::All => Some(r.claims()),
        Scope::Docs(changes) if changes.iter().any(|c| c.metadata || c.page_removed) => {
            Some(r.claims())
        }
        Scope::Docs(_) | Scope::Search(_) => None,
    };
    if let Some(o) = owners.as_ref().filter(|o| !o.collisions().is_empty()) {
        o.diagnostics().into_iter().for_each(|d| diags.push(d));
        return Ok((RenderStats::default(), diags));
    }
    let planned = owners
        .as_ref()
        .map(|o| o.files().map(str::to_string).collect());
    let made = r.run_jobs(scope, sink, &mut diags)?;
    let mut stats = match (scope, owners) {
        (Scope::All, Some(owners)) => r.site_files(made, owners, sink, &mut diags)?,
        _ => RenderStats {
            pages: made.iter().filter(|f| f.is_page()).count(),
            ..RenderStats::default()
        },
    };
    stats.planned = planned;
    Ok((stats, diags))
}
