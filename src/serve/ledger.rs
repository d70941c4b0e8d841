//! What the served site holds beyond its bytes, so that an incremental rebuild leaves what a
//! full one would: the files a full render plans (`RenderStats::planned`) and every page's
//! sitemap facts. After an incremental render, the files planned before and no longer (a
//! renamed tag's page and feed) are gone, and the sitemap is written again from the pages.

use crate::pipeline::Loaded;
use crate::render::{sitemap_files, OutputFile, PageInfo, SitemapLimits};
use crate::urls::file_of;
use std::collections::{BTreeMap, BTreeSet};

/// The served site's plan and pages, as of the last render.
pub(super) struct Ledger {
    /// The files a full render of the loaded site plans.
    planned: BTreeSet<String>,
    /// URL path → the page's sitemap facts.
    pages: BTreeMap<String, PageInfo>,
    /// The sitemap's files last written (`sitemap.xml`, and its parts when it has them).
    sitemap: Vec<String>,
}

/// What an incremental render changes besides its own files.
pub(super) struct Followed {
    /// Paths that are no longer part of the site.
    pub gone: Vec<String>,
    /// The sitemap, written again.
    pub sitemap: Vec<OutputFile>,
}

impl Ledger {
    /// The ledger of a full render's `files` and `planned` files.
    pub(super) fn of_full(planned: Option<BTreeSet<String>>, files: &[OutputFile]) -> Ledger {
        let pages = files
            .iter()
            .filter_map(|f| f.page.clone())
            .map(|p| (p.path.clone(), p))
            .collect();
        let sitemap = files
            .iter()
            .filter(|f| is_sitemap_file(&f.path))
            .map(|f| f.path.clone())
            .collect();
        Ledger {
            planned: planned.unwrap_or_default(),
            pages,
            sitemap,
        }
    }

    /// Takes in an incremental render's `files` of `loaded` and the files it `planned`: what is
    /// gone since, and the sitemap as a full render would write it now. A render of bodies
    /// alone plans nothing (`None`): it moves no page and changes no sitemap entry, so nothing
    /// is gone and the sitemap stays.
    pub(super) fn follow(
        &mut self,
        loaded: &Loaded,
        files: &[OutputFile],
        planned: Option<BTreeSet<String>>,
    ) -> Followed {
        let Some(planned) = planned else {
            return Followed {
                gone: Vec::new(),
                sitemap: Vec::new(),
            };
        };
        let mut gone: Vec<String> = self.planned.difference(&planned).cloned().collect();
        self.planned = planned;
        let gone_pages: std::collections::HashSet<&str> = gone.iter().map(String::as_str).collect();
        self.pages
            .retain(|path, _| !gone_pages.contains(file_of(path).as_str()));
        for page in files.iter().filter_map(|f| f.page.as_ref()) {
            self.pages.insert(page.path.clone(), page.clone());
        }
        let _phase = crate::timing::phase("sitemap");
        let base = &loaded.site.config.base_url;
        let sitemap = if base.is_empty() {
            Vec::new()
        } else {
            let pages: Vec<&PageInfo> = self.pages.values().collect();
            sitemap_files(base, &pages, SitemapLimits::from_env())
        };
        let written: Vec<String> = sitemap.iter().map(|f| f.path.clone()).collect();
        gone.extend(
            self.sitemap
                .iter()
                .filter(|p| !written.contains(p))
                .cloned(),
        );
        self.sitemap = written;
        Followed { gone, sitemap }
    }
}

/// `sitemap.xml` or one of its parts (`sitemap-2.xml`).
fn is_sitemap_file(path: &str) -> bool {
    path == "sitemap.xml"
        || path
            .strip_prefix("sitemap-")
            .and_then(|p| p.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_files_by_name() {
        assert!(is_sitemap_file("sitemap.xml"));
        assert!(is_sitemap_file("sitemap-12.xml"));
        assert!(!is_sitemap_file("sitemap-.xml"));
        assert!(!is_sitemap_file("sitemap-a.xml"));
        assert!(!is_sitemap_file("en/sitemap.xml"));
    }
}
