//! The news: the paginated list, the list of tags, each tag's pages, and each article.

use crate::diag::Diagnostic;
use crate::model::Doc;
use crate::render::common::{PageSpec, Translations};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::views::{ArticleView, Link, ListView, PageKind, TagItem};
use crate::render::{OutputFile, PER_PAGE};
use crate::urls::{self, Target};

impl Renderer<'_> {
    /// Page `page` (1-based) of the news list.
    pub(crate) fn news_page(
        &self,
        l: &LangData,
        page: usize,
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::News(page));
        let dir = urls::dir_of(&path).to_string();
        let heading = l.fmt().tr("news_heading", &[]);
        let title = paged_title(l, &heading, page);
        let common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::News,
                title: Some(&title),
                description: None,
                translations: Translations::Everywhere(Target::News(1)),
            },
        );
        let view = ListView {
            heading,
            articles: self.cards_of_page(l, &l.news, page, &dir),
            pager: self.pager(&dir, page, l.news.len(), &|n| {
                self.path(&l.code, Target::News(n))
            }),
            all_tags: None,
        };
        self.page("news_list.html", &common, l, ("list", &view))
    }

    pub(crate) fn tags_page(&self, l: &LangData) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Tags);
        let dir = urls::dir_of(&path).to_string();
        let fmt = l.fmt();
        let title = fmt.tr("tags_heading", &[]);
        let common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Tags,
                title: Some(&title),
                description: None,
                translations: Translations::Everywhere(Target::Tags),
            },
        );
        let tags: Vec<TagItem> = l
            .tags
            .iter()
            .map(|t| TagItem {
                name: t.name.clone(),
                href: urls::relative(&dir, &self.path(&l.code, Target::Tag(&t.slug, 1))),
                count: t.docs.len(),
                count_text: fmt.tr("tag_count", &[("count", &fmt.count(t.docs.len()))]),
            })
            .collect();
        self.page("tags.html", &common, l, ("tags", &tags))
    }

    /// Page `page` (1-based) of the articles of tag `ti`. Tags are per language, so a tag page
    /// has no translation.
    pub(crate) fn tag_page(
        &self,
        l: &LangData,
        ti: usize,
        page: usize,
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let tag = &l.tags[ti];
        let path = self.path(&l.code, Target::Tag(&tag.slug, page));
        let dir = urls::dir_of(&path).to_string();
        let fmt = l.fmt();
        let heading = fmt.tr("tag_heading", &[("tag", &tag.name)]);
        let title = paged_title(l, &heading, page);
        let mut common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Tag,
                title: Some(&title),
                description: None,
                translations: Translations::Some {
                    of: &|_| None,
                    fallback: Target::Tags,
                },
            },
        );
        common.feed = urls::relative(&dir, &self.path(&l.code, Target::TagFeed(&tag.slug)));
        let view = ListView {
            heading,
            articles: self.cards_of_page(l, &tag.docs, page, &dir),
            pager: self.pager(&dir, page, tag.docs.len(), &|n| {
                self.path(&l.code, Target::Tag(&tag.slug, n))
            }),
            all_tags: Some(Link {
                href: urls::relative(&dir, &self.path(&l.code, Target::Tags)),
                label: fmt.tr("all_tags", &[]),
            }),
        };
        self.page("news_list.html", &common, l, ("list", &view))
    }

    /// The cards of page `page` (1-based) of a list.
    fn cards_of_page(
        &self,
        l: &LangData,
        docs: &[&Doc],
        page: usize,
        dir: &str,
    ) -> Vec<crate::render::views::ArticleCard> {
        docs.iter()
            .skip((page - 1) * PER_PAGE)
            .take(PER_PAGE)
            .map(|d| self.card(l, d, dir))
            .collect()
    }

    pub(crate) fn article(&self, l: &LangData, d: &Doc) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Article(&d.slug));
        let dir = urls::dir_of(&path).to_string();
        let body_html = self.body_html(l, d, &dir, "article.html")?;
        let translation = |lang: &str| {
            self.news_by_stem
                .get(&(d.stem.as_str(), lang))
                .map(|x| self.path(lang, Target::Article(&x.slug)))
        };
        let mut common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Article,
                title: Some(&d.title),
                description: d.summary.as_deref(),
                translations: Translations::Some {
                    of: &translation,
                    fallback: Target::News(1),
                },
            },
        );
        common.lastmod = d.date.as_ref().map(|t| t.date.to_string());
        if let Some(y) = d.year.and_then(|y| self.site.year(y)) {
            if y.summary.goals.total > 0 || y.summary.tasks.total > 0 {
                common.og_image = urls::absolute(
                    &self.site.config,
                    &self.path(&l.code, Target::YearFile(y.year, "summary.png")),
                );
            }
        }
        let view = ArticleView {
            card: self.card(l, d, &dir),
            author: d.author.clone(),
            image: d.image.as_ref().map(|i| {
                if i.starts_with('/') && !i.starts_with("//") {
                    urls::relative(&dir, &i[1..])
                } else {
                    i.clone()
                }
            }),
            year: d.year.map(|y| Link {
                href: urls::relative(&dir, &self.path(&l.code, Target::Year(y))),
                label: l.fmt().tr("see_year_report", &[("year", &y.to_string())]),
            }),
            body_html,
        };
        self.page("article.html", &common, l, ("article", &view))
    }
}

/// A list's title, with "(page 2)" after the first page.
fn paged_title(l: &LangData, heading: &str, page: usize) -> String {
    if page > 1 {
        let n = l.fmt().tr("page_n", &[("n", &page.to_string())]);
        format!("{heading} ({n})")
    } else {
        heading.to_string()
    }
}
