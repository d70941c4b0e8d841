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
//! Findings are placed on their line of the source files: `sources.rs` holds the texts and
//! knows which Markdown file each page comes from, `place.rs` finds a broken link's line.

mod consistency;
mod html;
mod links;
mod place;
mod sources;
mod translations;

pub use sources::Sources;
pub use translations::TranslationReport;

use crate::date::Date;
use crate::diag::Diagnostics;
use crate::model::Site;
use crate::pipeline::{self, Loaded, Rendered};
use crate::render::{OutputFile, RenderStats, Scope};
use crate::{timing, BuildOptions};
use std::borrow::Cow;
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

/// What `check` finds in a site that built.
#[derive(Debug)]
pub struct SiteCheck {
    /// Broken links and anchors (errors), consistency warnings.
    pub diags: Diagnostics,
    /// What lacks a language.
    pub translations: TranslationReport,
    /// Internal links checked.
    pub links: usize,
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
    match load_and_render(opts) {
        Err(diags) => report.diags = diags,
        Ok((loaded, files, rendered)) => {
            let site = &loaded.site;
            let sources = Sources::read(&opts.root, site);
            let found = check_site(site, &files, &sources, opts.today);
            report.diags = loaded.warnings;
            report.diags.extend(rendered.warnings);
            report.diags.extend(found.diags);
            report.translations = Some(found.translations);
            report.stats = Some(rendered.stats);
            report.links = found.links;
        }
    }
    report.elapsed = start.elapsed();
    report
}

/// The one pipeline with `check`'s sink: loads the site once and renders all of it in memory,
/// exactly as a build does.
fn load_and_render(
    opts: &BuildOptions,
) -> Result<(Loaded, Vec<OutputFile>, Rendered), Diagnostics> {
    let loaded = pipeline::load(&opts.load_options())?;
    match pipeline::render_in_memory(&loaded, Scope::All) {
        Ok((files, rendered)) => Ok((loaded, files, rendered)),
        Err(diags) => {
            let mut all = loaded.warnings;
            all.extend(diags);
            Err(all)
        }
    }
}

/// Checks a site that built: the links of its rendered `files`, the consistency of its data
/// (as of `today`), its translations. Reads and writes nothing; `sources` places the findings.
pub fn check_site(site: &Site, files: &[OutputFile], sources: &Sources, today: Date) -> SiteCheck {
    let phase = timing::phase("check links");
    let (mut diags, links) = links::check_links(files, &site.config.base_url, sources);
    drop(phase);
    diags.extend(consistency::consistency(site, sources, today));
    SiteCheck {
        diags,
        translations: translations::translations(site, sources),
        links,
    }
}

/// `s` as it may be printed on a terminal: control characters (an escape sequence in a file, a
/// line break inside a link) are written as `\u{1b}`, `\n`, never sent raw. Tabs stay.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    let escaped = |c: char| c.is_control() && c != '\t';
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_when_quoted() {
        assert_eq!(printable("/x\u{1b}[31m/\n"), "/x\\u{1b}[31m/\\n");
        assert_eq!(printable("\u{9b}31m"), "\\u{9b}31m");
        assert!(matches!(printable("Kết quả\tx"), Cow::Borrowed(_)));
    }
}
