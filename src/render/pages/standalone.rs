//! A standalone page (about, methodology, open data): in the page's language, or the
//! default-language version (`model::pages_in_language`) marked with its `lang` and a notice.

use crate::diag::Diagnostic;
use crate::render::common::{PageSpec, Translations};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::views::{LText, PageKind, StandaloneView};
use crate::render::OutputFile;
use crate::urls::{self, Target};

impl Renderer<'_> {
    /// Standalone page `pi` of the language (an index into `LangData::pages`).
    pub(crate) fn standalone(
        &self,
        l: &LangData,
        pi: usize,
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let shown = l.pages[pi];
        let d = shown.doc;
        let path = self.path(&l.code, Target::Page(&d.slug));
        let dir = urls::dir_of(&path).to_string();
        let body_html = self.body_html(l, d, &dir, "page.html")?;
        let translation = |lang: &str| {
            self.langs
                .iter()
                .find(|x| x.code == lang)
                .and_then(|ol| ol.pages.iter().find(|p| p.doc.stem == d.stem))
                .map(|p| self.path(lang, Target::Page(&p.doc.slug)))
        };
        let mut common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Page,
                title: Some(&d.title),
                description: d.summary.as_deref(),
                translations: Translations::Some {
                    of: &translation,
                    fallback: Target::Home,
                },
            },
        );
        if shown.fallback {
            common.fallback_notice = Some(l.fmt().tr("fallback_notice", &[]));
        }
        let lang = shown.fallback.then(|| d.lang.clone());
        let view = StandaloneView {
            title: LText {
                text: d.title.clone(),
                lang: lang.clone(),
            },
            body_html,
            body_lang: lang,
        };
        self.page("page.html", &common, l, ("doc", &view))
    }
}
