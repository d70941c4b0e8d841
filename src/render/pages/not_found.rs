//! The not-found page of each language. A server shows it at any depth, so its links are
//! absolute paths from the site root rather than relative ones.

use crate::diag::Diagnostic;
use crate::render::common::{PageSpec, Translations, NAV};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::views::PageKind;
use crate::render::OutputFile;
use crate::urls::Target;

impl Renderer<'_> {
    pub(crate) fn not_found(&self, l: &LangData) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::NotFound);
        let title = l.fmt().tr("not_found_heading", &[]);
        let mut common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::NotFound,
                title: Some(&title),
                description: None,
                translations: Translations::Everywhere(Target::NotFound),
            },
        );
        let base = crate::urls::base_path(&self.site.config.base_url);
        let abs = |p: &str| format!("{base}{p}");
        common.root = base.clone();
        common.css = abs(&self.asset_path("assets/style.css"));
        common.favicon = abs(&self.asset_path("assets/favicon.svg"));
        common.feed = abs(&self.path(&l.code, Target::Feed));
        common.home = abs(&self.path(&l.code, Target::Home));
        for (item, (_, _, target)) in common.nav.iter_mut().zip(NAV) {
            item.href = abs(&self.path(&l.code, target));
        }
        for lang in common.languages.iter_mut() {
            lang.href = abs(&self.path(&lang.code, Target::Home));
        }
        for (link, p) in common.pages.iter_mut().zip(&l.pages) {
            link.href = abs(&self.path(&l.code, Target::Page(&p.doc.slug)));
        }
        self.page("404.html", &common, l, ("nothing", &()))
    }
}
