//! What every page has (`PageCommon`): titles, the main navigation, the language switch and
//! alternates, the footer's pages, asset links and Open Graph data.

use super::langs::LangData;
use super::renderer::Renderer;
use super::views::{Alternate, LangLink, Link, NavItem, PageCommon, PageKind};
use crate::urls::{self, Target};

/// The main navigation: (section, UI string of its label, its list page).
pub(crate) const NAV: [(PageKind, &str, Target<'static>); 5] = [
    (PageKind::Home, "nav_home", Target::Home),
    (PageKind::Years, "nav_years", Target::Years),
    (PageKind::News, "nav_news", Target::News(1)),
    (PageKind::Tags, "nav_tags", Target::Tags),
    (PageKind::Search, "nav_search", Target::Search),
];

/// What a page is, for its common data.
pub(crate) struct PageSpec<'s> {
    /// Its path in this language.
    pub path: &'s str,
    pub kind: PageKind,
    /// Its own title (the document title adds the site's name); `None` for the home page.
    pub title: Option<&'s str>,
    /// Its meta description; `None` for the site's.
    pub description: Option<&'s str>,
    pub translations: Translations<'s>,
}

/// Where a page is in the other languages.
#[derive(Clone, Copy)]
pub(crate) enum Translations<'s> {
    /// At this target in every language.
    Everywhere(Target<'s>),
    /// Where `of(lang)` gives a path; in other languages the language switch leads to
    /// `fallback` instead.
    Some {
        of: &'s dyn Fn(&str) -> Option<String>,
        fallback: Target<'s>,
    },
}

/// The language switch, the alternates and the sitemap's translations of a page.
struct LanguageLinks {
    languages: Vec<LangLink>,
    alternates: Vec<Alternate>,
    translations: Vec<(String, String)>,
}

impl Renderer<'_> {
    /// The data every page has.
    pub(crate) fn common(&self, l: &LangData, spec: &PageSpec) -> PageCommon {
        let cfg = &self.site.config;
        let dir = urls::dir_of(spec.path);
        let rel = |to: &str| urls::relative(dir, to);
        let site_title = self.lt(&cfg.title, &l.code);
        let links = self.language_links(l, spec);
        let own_title = spec.title.filter(|t| !t.is_empty());
        PageCommon {
            favicon: rel(&self.asset_path("assets/favicon.svg")),
            tables_js: rel(&self.asset_path("assets/tables.js")),
            feed: rel(&self.path(
                &l.code,
                if spec.kind == PageKind::News {
                    Target::NewsFeed
                } else {
                    Target::Feed
                },
            )),
            og_title: own_title.unwrap_or(&site_title.text).to_string(),
            og_type: if spec.kind == PageKind::Article {
                "article"
            } else {
                "website"
            }
            .to_string(),
            og_locale: l.fmt().tr("og_locale", &[]),
            og_image: None,
            path: spec.path.to_string(),
            translations: links.translations,
            lastmod: None,
            lang: l.code.clone(),
            kind: spec.kind,
            title: match own_title {
                Some(t) => format!("{t} – {}", site_title.text),
                None => site_title.text.clone(),
            },
            description: spec
                .description
                .map(str::to_string)
                .or_else(|| cfg.description.as_ref().map(|d| self.lt(d, &l.code).text))
                .unwrap_or_default(),
            site_title,
            organisation: cfg.organisation.as_ref().map(|o| self.lt(o, &l.code)),
            root: rel(""),
            home: rel(&self.path(&l.code, Target::Home)),
            css: rel(&self.asset_path("assets/style.css")),
            nav: self.nav(l, spec.kind, dir),
            languages: links.languages,
            alternates: links.alternates,
            canonical: urls::absolute(cfg, spec.path),
            pages: self.footer_pages(l, dir),
            fallback_notice: None,
        }
    }

    /// The main navigation, with the page's section marked.
    fn nav(&self, l: &LangData, kind: PageKind, dir: &str) -> Vec<NavItem> {
        let fmt = l.fmt();
        NAV.iter()
            .map(|(section, label, target)| NavItem {
                href: urls::relative(dir, &self.path(&l.code, *target)),
                label: fmt.tr(label, &[]),
                current: *section == kind.section(),
            })
            .collect()
    }

    /// The standalone pages, for the footer.
    fn footer_pages(&self, l: &LangData, dir: &str) -> Vec<Link> {
        l.pages
            .iter()
            .map(|p| Link {
                href: urls::relative(dir, &self.path(&l.code, Target::Page(&p.doc.slug))),
                label: p.doc.title.clone(),
            })
            .collect()
    }

    /// The path of the page in `lang`, where it exists there.
    fn translation(&self, spec: &PageSpec, lang: &str) -> Option<String> {
        match spec.translations {
            Translations::Everywhere(target) => Some(self.path(lang, target)),
            Translations::Some { of, .. } => of(lang),
        }
    }

    fn language_links(&self, l: &LangData, spec: &PageSpec) -> LanguageLinks {
        let cfg = &self.site.config;
        let rel = |to: &str| urls::relative(urls::dir_of(spec.path), to);
        let mut links = LanguageLinks {
            languages: Vec::new(),
            alternates: Vec::new(),
            translations: Vec::new(),
        };
        for other in &self.langs {
            let tr = if other.code == l.code {
                Some(spec.path.to_string())
            } else {
                self.translation(spec, &other.code)
            };
            if let Some(p) = &tr {
                links.translations.push((other.code.clone(), p.clone()));
                links.alternates.push(Alternate {
                    hreflang: other.code.clone(),
                    href: urls::absolute(cfg, p).unwrap_or_else(|| rel(p)),
                });
            }
            let target = tr.clone().unwrap_or_else(|| match spec.translations {
                Translations::Everywhere(_) => self.path(&other.code, Target::Home),
                Translations::Some { fallback, .. } => self.path(&other.code, fallback),
            });
            links.languages.push(LangLink {
                code: other.code.clone(),
                name: other
                    .strings
                    .get("language_name")
                    .cloned()
                    .unwrap_or_else(|| other.code.clone()),
                href: rel(&target),
                current: other.code == l.code,
                translated: tr.is_some(),
            });
        }
        links
    }
}
