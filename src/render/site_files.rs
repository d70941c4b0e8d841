//! The files of a whole-site render besides the jobs' pages: `robots.txt`, `sitemap.xml`,
//! the theme's static files and the site's own (`content/static/`), which may not take the
//! path of a generated file.

use super::feeds;
use super::jobs::Kept;
use super::renderer::Renderer;
use super::{OutputFile, PageInfo, RenderStats, Sink};
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::HashMap;

impl Renderer<'_> {
    /// Hands the site-wide files to `sink` and counts everything rendered.
    pub(crate) fn site_files<E>(
        &self,
        mut kept: Vec<Kept>,
        sink: &Sink<E>,
        diags: &mut Diagnostics,
    ) -> Result<RenderStats, E> {
        kept.sort_by(|a, b| a.path.cmp(&b.path));
        let mut stats = RenderStats {
            pages: kept.iter().filter(|f| f.is_page()).count(),
            data_files: kept.iter().filter(|f| !f.is_page()).count(),
            static_files: 0,
            charts: kept.iter().filter(|f| f.path.ends_with(".svg")).count(),
        };
        let mut extra = self.robots_and_sitemap(&kept);
        stats.data_files += extra.len();
        let mut taken: HashMap<String, String> = kept
            .iter()
            .map(|f| (f.path.clone(), "a generated page".to_string()))
            .collect();
        for f in &extra {
            taken.insert(f.path.clone(), "a generated file".to_string());
        }
        stats.static_files = self.static_files(&mut taken, &mut extra, diags);
        for f in extra {
            sink(f)?;
        }
        Ok(stats)
    }

    /// `robots.txt`, and the sitemap where the site has a `base_url`.
    fn robots_and_sitemap(&self, kept: &[Kept]) -> Vec<OutputFile> {
        let base = &self.site.config.base_url;
        let mut out = vec![OutputFile::new("robots.txt", feeds::robots(base))];
        if !base.is_empty() {
            let pages: Vec<&PageInfo> = kept.iter().filter_map(|f| f.page.as_ref()).collect();
            out.push(OutputFile::new("sitemap.xml", feeds::sitemap(base, &pages)));
        }
        out
    }

    /// Adds the theme's and the site's static files to `out`, refusing a site file whose path
    /// is `taken` (by what, the value says); returns how many were added.
    fn static_files(
        &self,
        taken: &mut HashMap<String, String>,
        out: &mut Vec<OutputFile>,
        diags: &mut Diagnostics,
    ) -> usize {
        let mut count = 0;
        for (dest, bytes) in self.theme.static_files() {
            let path = self.asset_path(dest);
            taken.insert(
                path.clone(),
                self.theme.source_of(&format!("static/{dest}")),
            );
            out.push(OutputFile::new(path, bytes.to_vec()));
            count += 1;
        }
        for s in &self.site.static_files {
            if let Some(other) = taken.get(&s.dest) {
                diags.push(
                    Diagnostic::error(
                        &s.source,
                        format!("this file would overwrite `{}` ({other})", s.dest),
                    )
                    .help("rename the file or move it into a sub-folder of `content/static/`"),
                );
                continue;
            }
            out.push(OutputFile::new(s.dest.clone(), s.bytes.clone()));
            count += 1;
        }
        count
    }
}
