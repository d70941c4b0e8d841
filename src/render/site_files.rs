//! The files of a whole-site render besides the jobs' pages: `robots.txt`, `sitemap.xml`,
//! the theme's static files and the site's own (`content/static/`), written last. The files
//! whose names only rendering knew are claimed here (`urls::Owners`, filled before rendering
//! by `claims.rs`), so a static file that takes the path of any generated file, or of one of
//! its folders, is refused with an error naming both, and never written.

use super::feeds;
use super::jobs::Kept;
use super::renderer::Renderer;
use super::sitemap::{sitemap_files, SitemapLimits};
use super::{OutputFile, PageInfo, RenderStats, Sink};
use crate::diag::Diagnostics;
use crate::urls::{Owner, Owners};
use std::collections::HashSet;
use std::path::Path;

impl Renderer<'_> {
    /// Hands the site-wide files to `sink` and counts everything rendered. `owners` are the
    /// claims made before rendering.
    pub(crate) fn site_files<E>(
        &self,
        mut kept: Vec<Kept>,
        mut owners: Owners,
        sink: &Sink<E>,
        diags: &mut Diagnostics,
    ) -> Result<RenderStats, E> {
        kept.sort_by(|a, b| a.path.cmp(&b.path));
        let mut stats = RenderStats {
            pages: kept.iter().filter(|f| f.is_page()).count(),
            data_files: kept.iter().filter(|f| !f.is_page()).count(),
            static_files: 0,
            charts: kept.iter().filter(|f| f.path.ends_with(".svg")).count(),
            planned: None,
        };
        let mut extra = self.robots_and_sitemap(&kept);
        stats.data_files += extra.len();
        let claimed = owners.collisions().len();
        // The static files were claimed before rendering, with the files whose names were
        // known then: a generated file on a static file's path is claimed again, to collide.
        let statics: HashSet<&str> = self
            .site
            .static_files
            .iter()
            .map(|s| s.dest.as_str())
            .collect();
        let late = kept
            .iter()
            .map(|f| &f.path)
            .chain(extra.iter().map(|f| &f.path));
        for path in late {
            if statics.contains(path.as_str()) || !owners.owns(path) {
                owners.claim_file(
                    path.clone(),
                    Owner::generated("a file that tiendo generates there"),
                );
            }
        }
        // A collision now is a static file's (the generated files were claimed before).
        let refused: HashSet<&Path> = owners.collisions()[claimed..]
            .iter()
            .flat_map(|c| [&c.first.file, &c.second.file])
            .filter_map(|f| f.as_deref())
            .collect();
        owners.collisions()[claimed..]
            .iter()
            .for_each(|c| diags.push(c.diagnostic()));
        stats.static_files = self.static_files(&refused, &mut extra);
        for f in extra {
            sink(f)?;
        }
        Ok(stats)
    }

    /// `robots.txt`, and the sitemap (its index and parts, when it is large) where the site
    /// has a `base_url`.
    fn robots_and_sitemap(&self, kept: &[Kept]) -> Vec<OutputFile> {
        let base = &self.site.config.base_url;
        let mut out = vec![OutputFile::new("robots.txt", feeds::robots(base))];
        if !base.is_empty() {
            // In path order, as `serve` keeps them between rebuilds.
            let mut pages: Vec<&PageInfo> = kept.iter().filter_map(|f| f.page.as_ref()).collect();
            pages.sort_by(|a, b| a.path.cmp(&b.path));
            out.extend(sitemap_files(base, &pages, SitemapLimits::from_env()));
        }
        out
    }

    /// Adds the theme's static files and the site's own, but the `refused` ones, to `out`;
    /// returns how many were added.
    fn static_files(&self, refused: &HashSet<&Path>, out: &mut Vec<OutputFile>) -> usize {
        let mut count = 0;
        for (dest, bytes) in self.theme.static_files() {
            out.push(OutputFile::new(self.asset_path(dest), bytes.to_vec()));
            count += 1;
        }
        for s in &self.site.static_files {
            if !refused.contains(s.source.as_path()) {
                out.push(OutputFile::new(s.dest.clone(), s.bytes.clone()));
                count += 1;
            }
        }
        count
    }
}
