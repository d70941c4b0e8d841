//! Articles, the news and tag lists, standalone pages and the search page.

use super::{LText, Link};
use serde::Serialize;

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleCard {
    /// Title.
    pub title: String,
    /// Relative URL.
    pub href: String,
    /// Date, formatted.
    pub date_text: String,
    /// Date-time, RFC 3339, for `<time datetime>`.
    pub date_iso: String,
    /// Summary.
    pub summary: Option<String>,
    /// Tags.
    pub tags: Vec<Link>,
    /// A draft or future-dated article shown because of `--drafts`.
    pub draft: bool,
}

/// Page numbers of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// 1-based current page.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page URL.
    pub prev: Option<String>,
    /// Next page URL.
    pub next: Option<String>,
    /// The page numbers to show: first, last, and the neighbours of the current page.
    pub pages: Vec<PagerItem>,
}

/// One page number.
#[derive(Debug, Clone, Serialize)]
pub struct PagerItem {
    /// Page number.
    pub number: usize,
    /// Relative URL.
    pub href: String,
    /// Current page.
    pub current: bool,
    /// A gap (…) between page numbers rather than a page.
    pub gap: bool,
}

/// A news list page or a tag page.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    /// Heading.
    pub heading: String,
    /// Articles on this page.
    pub articles: Vec<ArticleCard>,
    /// Page numbers.
    pub pager: Pager,
    /// For tag pages: link back to all tags.
    pub all_tags: Option<Link>,
}

/// A tag in the tag list.
#[derive(Debug, Clone, Serialize)]
pub struct TagItem {
    /// Tag text.
    pub name: String,
    /// Relative URL.
    pub href: String,
    /// Number of articles.
    pub count: usize,
    /// "3 articles".
    pub count_text: String,
}

/// An article page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Card data (title, date, tags, summary).
    pub card: ArticleCard,
    /// Author.
    pub author: Option<String>,
    /// Image URL.
    pub image: Option<String>,
    /// The report the article is about.
    pub year: Option<Link>,
    /// Body, as HTML.
    pub body_html: String,
}

/// A standalone page.
#[derive(Debug, Clone, Serialize)]
pub struct StandaloneView {
    /// Title.
    pub title: LText,
    /// Body, as HTML.
    pub body_html: String,
    /// Language of the body when it is a fallback.
    pub body_lang: Option<String>,
}

/// The search page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// Relative URL of the language's index folder.
    pub index: String,
    /// Relative URL of the search script.
    pub script: String,
}
