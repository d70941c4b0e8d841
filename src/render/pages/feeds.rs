//! The Atom feeds of each language: the main one (all news with the articles' texts, and each
//! review of the committee with its figures), the news list's, and one per tag (summaries
//! only).

use crate::diag::Diagnostic;
use crate::model::Doc;
use crate::render::chart_views::Items;
use crate::render::escape_html;
use crate::render::feeds::{atom, Feed, FeedEntry, FEED_LENGTH};
use crate::render::jobs::{Made, Rendered};
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
    /// The committee's reviews are entries too.
    reviews: bool,
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
            reviews: true,
        };
        let news_feed = FeedSpec {
            path: &self.path(&l.code, Target::NewsFeed),
            title: Some(l.fmt().tr("news_heading", &[])),
            alternate: &news,
            full: true,
            reviews: false,
        };
        Ok(Made::from(vec![
            self.feed_file(l, &main, &l.news)?,
            self.feed_file(l, &news_feed, &l.news)?,
        ]))
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
            reviews: false,
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
        // (time, entry): the latest articles, and the reviews where the feed has them.
        let mut entries: Vec<(i64, FeedEntry)> = Vec::new();
        let mut errors = Vec::new();
        for d in docs.iter().take(FEED_LENGTH) {
            match self.feed_entry(l, d, spec.full, &dir, &url) {
                Ok(e) => entries.push((d.date.as_ref().map_or(0, |t| t.epoch_seconds), e)),
                Err(ds) => errors.extend(ds),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if spec.reviews {
            entries.extend(self.review_entries(l, &url));
            // Newest first; a stable sort keeps an article before a review of the same time.
            entries.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
            entries.truncate(FEED_LENGTH);
        }
        let entries = entries.into_iter().map(|(_, e)| e).collect();
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

    /// An article as a feed entry. A Markdown error in its text is an error here too, the one
    /// its own page reports (the same diagnostic, so it is shown once): a feed with an empty
    /// entry would be published silently wrong.
    fn feed_entry(
        &self,
        l: &LangData,
        d: &Doc,
        full: bool,
        dir: &str,
        url: &dyn Fn(&str) -> String,
    ) -> Result<FeedEntry, Vec<Diagnostic>> {
        let cfg = &self.site.config;
        let root = if cfg.base_url.is_empty() {
            urls::relative(dir, "")
        } else {
            cfg.base_url.clone()
        };
        let content_html = if full {
            Some(self.feed_html(l, d, &root)?)
        } else {
            None
        };
        Ok(FeedEntry {
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
        })
    }
}

impl Renderer<'_> {
    /// Every review of every year as a feed entry, with its time: its title, its date, and
    /// the figures at that review. The entry's id is its page's URL, which stays the same.
    fn review_entries(&self, l: &LangData, url: &dyn Fn(&str) -> String) -> Vec<(i64, FeedEntry)> {
        let fmt = l.fmt();
        let mut out = Vec::new();
        for y in &self.site.years {
            for r in &y.reviews {
                let title = self.review_title(l, r).text;
                let figures: Vec<String> = [
                    self.review_goals_text(l, &r.summary),
                    self.review_tasks_text(l, &r.summary),
                ]
                .into_iter()
                .flatten()
                .collect();
                let mut html = String::new();
                for (items, total) in [
                    (Items::Goals, r.summary.goals.total),
                    (Items::Tasks, r.summary.tasks.total),
                ] {
                    if total > 0 {
                        let sentence = self.review_sentence(l, r, items);
                        html.push_str(&format!("<p>{}</p>", escape_html(&sentence)));
                    }
                }
                out.push((
                    r.date.days_since_epoch() * 86_400,
                    FeedEntry {
                        title: fmt.tr(
                            "review_page_title",
                            &[("title", &title), ("year", &y.year.to_string())],
                        ),
                        url: url(&self.path(&l.code, Target::Review(y.year, &r.slug))),
                        published: format!("{}T00:00:00Z", r.date),
                        summary: Some(figures.join("; ")),
                        content_html: Some(html),
                        author: None,
                        tags: Vec::new(),
                    },
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Diagnostics;
    use crate::render::renderer::Renderer;
    use crate::render::{render_to_vec, testing, Prepared, Scope};
    use crate::theme::Theme;

    #[test]
    fn a_markdown_error_in_a_feed_entry_is_the_articles_error_reported_once() {
        let body = "Năm nay: {{ figur(year=2023) }}.";
        let site = testing::site(vec![testing::article("tin", "vi", body)]);
        let theme = Theme::builtin();
        let prepared = Prepared::new(&theme).expect("the built-in templates compile");
        let mut diags = Diagnostics::new();
        let r = Renderer::new(&site, &theme, &prepared, &mut diags);
        let l = &r.langs[0];
        let in_feed = r.feeds(l).expect_err("the feed reports the error");
        let on_page = r.article(l, &site.news[0]).expect_err("the page too");
        assert!(in_feed[0].message.contains("unknown shortcode `figur`"));
        assert_eq!(in_feed[0], on_page[0]);
        let (_, _, diags) = render_to_vec(&site, &theme, Some(&prepared), Scope::All);
        let shown: Vec<_> = diags
            .iter()
            .filter(|d| d.message.contains("figur"))
            .collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
    }
}
