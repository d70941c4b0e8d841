//! The Atom feeds of each language: all news (with the articles' texts), the news list's, and
//! one per tag (summaries only).

use crate::diag::Diagnostic;
use crate::model::Doc;
use crate::render::feeds::{atom, Feed, FeedEntry, FEED_LENGTH};
use crate::render::jobs::Rendered;
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::OutputFile;
use crate::urls::{self, Target};

/// What a feed is, besides its entries.
struct FeedSpec<'s> {
    /// Its own path.
    path: &'s str,
    /// Its title before the site's name; `None` for the language's main feed.
    title: Option<String>,
    /// The page it is the feed of.
    alternate: &'s str,
    /// Entries carry the article's text, not only its summary.
    full: bool,
}

impl Renderer<'_> {
    /// The language's Atom feed and the news list's, both with the latest articles' texts.
    pub(crate) fn feeds(&self, l: &LangData) -> Rendered {
        let home = self.path(&l.code, Target::Home);
        let news = self.path(&l.code, Target::News(1));
        let main = FeedSpec {
            path: &self.path(&l.code, Target::Feed),
            title: None,
            alternate: &home,
            full: true,
        };
        let news_feed = FeedSpec {
            path: &self.path(&l.code, Target::NewsFeed),
            title: Some(l.fmt().tr("news_heading", &[])),
            alternate: &news,
            full: true,
        };
        Ok(vec![
            self.feed_file(l, &main, &l.news)?,
            self.feed_file(l, &news_feed, &l.news)?,
        ])
    }

    /// The feed of tag `ti`. Tag feeds carry summaries only: sixty of them with full texts
    /// would mostly repeat.
    pub(crate) fn tag_feed(&self, l: &LangData, ti: usize) -> Result<OutputFile, Vec<Diagnostic>> {
        let tag = &l.tags[ti];
        let spec = FeedSpec {
            path: &self.path(&l.code, Target::TagFeed(&tag.slug)),
            title: Some(l.fmt().tr("tag_heading", &[("tag", &tag.name)])),
            alternate: &self.path(&l.code, Target::Tag(&tag.slug, 1)),
            full: false,
        };
        self.feed_file(l, &spec, &tag.docs)
    }

    /// An Atom feed of the latest `FEED_LENGTH` of `docs`, with absolute links where the site
    /// has a `base_url`.
    fn feed_file(
        &self,
        l: &LangData,
        spec: &FeedSpec,
        docs: &[&Doc],
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let cfg = &self.site.config;
        let dir = urls::dir_of(spec.path).to_string();
        let url = |p: &str| urls::absolute(cfg, p).unwrap_or_else(|| urls::relative(&dir, p));
        let entries = docs
            .iter()
            .take(FEED_LENGTH)
            .map(|d| self.feed_entry(l, d, spec.full, &dir, &url))
            .collect();
        let site_title = self.lt(&cfg.title, &l.code).text;
        let feed = Feed {
            lang: l.code.clone(),
            title: match &spec.title {
                Some(t) => format!("{t} – {site_title}"),
                None => site_title.clone(),
            },
            subtitle: cfg.description.as_ref().map(|d| self.lt(d, &l.code).text),
            self_url: url(spec.path),
            home_url: url(spec.alternate),
            author: cfg
                .organisation
                .as_ref()
                .map(|o| self.lt(o, &l.code).text)
                .unwrap_or(site_title),
            entries,
        };
        Ok(OutputFile::new(spec.path, atom(&feed)))
    }

    fn feed_entry(
        &self,
        l: &LangData,
        d: &Doc,
        full: bool,
        dir: &str,
        url: &dyn Fn(&str) -> String,
    ) -> FeedEntry {
        let cfg = &self.site.config;
        let root = if cfg.base_url.is_empty() {
            urls::relative(dir, "")
        } else {
            cfg.base_url.clone()
        };
        // Errors in the body are reported by the article's own page.
        let content_html = full.then(|| self.feed_html(l, d, &root).unwrap_or_default());
        FeedEntry {
            title: d.title.clone(),
            url: url(&self.path(&l.code, Target::Article(&d.slug))),
            published: d
                .date
                .as_ref()
                .map(|t| t.rfc3339.clone())
                .unwrap_or_default(),
            summary: d.summary.clone(),
            content_html,
            author: d.author.clone(),
            tags: d.tags.clone(),
        }
    }
}
