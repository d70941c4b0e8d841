//! `tiendo check`: everything a build validates (it renders the site in memory, exactly as a
//! build does, and writes nothing), plus what a reviewer wants to know before publishing:
//!
//! - internal links of every rendered page, relative, root-relative and absolute under
//!   `base_url`, with their `#fragment`s checked against the `id`s of the target page
//!   (errors: a reader would land nowhere): `links.rs`, over the pages as `html.rs` reads them;
//! - a translation report: each article and page, and each data field, that lacks a language
//!   (`translations.rs`);
//! - consistency warnings: a task `not_started` past its `due` date, a goal over 100 %, a group
//!   or plan that nothing uses, a goal whose title changed since the previous year
//!   (`consistency.rs`).
//!
//! Findings are placed on their line of the source files (`sources.rs`).

mod consistency;
mod html;
mod links;
mod sources;
mod translations;

pub use sources::Sources;
pub use translations::TranslationReport;

use crate::diag::Diagnostics;
use crate::load::{self, LoadOptions};
use crate::render::RenderStats;
use crate::{render_in_memory, BuildOptions};
use std::time::{Duration, Instant};

/// The result of `tiendo check`.
#[derive(Debug)]
pub struct CheckReport {
    /// Everything found: the build's diagnostics, broken links, consistency warnings.
    pub diags: Diagnostics,
    /// What lacks a language (only when the site built).
    pub translations: Option<TranslationReport>,
    /// What was rendered (only when the site built).
    pub stats: Option<RenderStats>,
    /// Internal links checked.
    pub links: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// Runs every check on the site of `opts.root`. Writes nothing.
pub fn check(opts: &BuildOptions) -> CheckReport {
    let start = Instant::now();
    let mut report = CheckReport {
        diags: Diagnostics::new(),
        translations: None,
        stats: None,
        links: 0,
        elapsed: Duration::ZERO,
    };
    let (files, stats, warnings) = match render_in_memory(opts) {
        Ok(r) => r,
        Err(diags) => {
            report.diags = diags;
            report.elapsed = start.elapsed();
            return report;
        }
    };
    report.diags.extend(warnings);
    report.stats = Some(stats);
    // The model, for what the rendered files do not tell: sources of pages, data for the
    // consistency checks. Loading again is cheap next to rendering, and keeps `check` calling
    // exactly what `build` calls.
    let (site, _) = load::load_site(&LoadOptions {
        root: opts.root.clone(),
        base_url: opts.base_url.clone(),
        drafts: opts.drafts,
        today: opts.today,
    });
    if let Some(site) = site {
        let sources = Sources::read(&opts.root, &site);
        let (link_diags, n) = links::check_links(&files, &site.config.base_url, &sources);
        report.diags.extend(link_diags);
        report.links = n;
        report
            .diags
            .extend(consistency::consistency(&site, &sources, opts.today));
        report.translations = Some(translations::translations(&site, &sources));
    }
    report.elapsed = start.elapsed();
    report
}
