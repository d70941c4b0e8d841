//! The template contract: the only types templates see. Every field is documented here as the
//! theme API; all texts are already in the page's language and all numbers and dates already
//! formatted, so templates stay free of logic.

mod news;
mod records;
mod reviews;
mod year;

pub use news::*;
pub use records::*;
pub use reviews::*;
pub use year::*;

use serde::Serialize;

/// A text that may be in another language than the page (a fallback): templates print it with
/// `{{ x | loc | safe }}`, which adds `<span lang="…">` where needed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LText {
    /// The text.
    pub text: String,
    /// The language of the text when it differs from the page's, else `None`.
    pub lang: Option<String>,
}

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Relative URL.
    pub href: String,
    /// Link text.
    pub label: String,
}

/// An entry of the main navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Relative URL.
    pub href: String,
    /// Label.
    pub label: String,
    /// This is the current section.
    pub current: bool,
}

/// One language in the language switch.
#[derive(Debug, Clone, Serialize)]
pub struct LangLink {
    /// Language code.
    pub code: String,
    /// The language's own name ("Tiếng Việt", "English").
    pub name: String,
    /// Relative URL of this page in that language, or of that language's home (or news list).
    pub href: String,
    /// This is the page's language.
    pub current: bool,
    /// `href` is this very page, translated.
    pub translated: bool,
}

/// A `<link rel="alternate" hreflang>`.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// Language code.
    pub hreflang: String,
    /// Absolute URL where `base_url` is set, else relative.
    pub href: String,
}

/// Kind of page, given to templates as its key (`page.kind == "year"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// The home page: `home`.
    Home,
    /// The list of years: `years`.
    Years,
    /// A year report: `year`.
    Year,
    /// A page of the news list: `news`.
    News,
    /// A news article: `article`.
    Article,
    /// The list of tags: `tags`.
    Tags,
    /// A page of a tag's articles: `tag`.
    Tag,
    /// A standalone page: `page`.
    Page,
    /// The not-found page: `404`.
    #[serde(rename = "404")]
    NotFound,
    /// The search page: `search`.
    Search,
    /// The list of responsible agencies: `agencies`.
    Agencies,
    /// An agency's tasks: `agency`.
    Agency,
    /// A goal across the years: `goal`.
    Goal,
    /// A task across the years: `task`.
    Task,
    /// A review of a year: `review`.
    Review,
}

impl PageKind {
    /// The section of the main navigation the page belongs to, named by its list page.
    pub fn section(self) -> PageKind {
        match self {
            PageKind::Year | PageKind::Review => PageKind::Years,
            PageKind::Article => PageKind::News,
            PageKind::Tag => PageKind::Tags,
            k => k,
        }
    }
}

/// What every page has.
#[derive(Debug, Clone, Serialize)]
pub struct PageCommon {
    /// Page language code, for `<html lang>`.
    pub lang: String,
    /// Kind of page.
    pub kind: PageKind,
    /// Document title (`<title>`), plain text.
    pub title: String,
    /// Meta description, plain text.
    pub description: String,
    /// Site name.
    pub site_title: LText,
    /// Publishing body.
    pub organisation: Option<LText>,
    /// Relative path to the site root (`../../`), ends in `/` or is `./`.
    pub root: String,
    /// Relative URL of the home page in this language.
    pub home: String,
    /// Relative URL of the stylesheet.
    pub css: String,
    /// Main navigation.
    pub nav: Vec<NavItem>,
    /// Language switch.
    pub languages: Vec<LangLink>,
    /// Alternate-language links of this page.
    pub alternates: Vec<Alternate>,
    /// Absolute canonical URL, where `base_url` is set.
    pub canonical: Option<String>,
    /// Standalone pages, for the footer.
    pub pages: Vec<Link>,
    /// Set when the page's main text is shown in another language (a missing translation):
    /// the notice to show.
    pub fallback_notice: Option<String>,
    /// Relative URL of the favicon.
    pub favicon: String,
    /// Relative URL of the script that sorts tables and filters goals (year and agency pages).
    pub tables_js: String,
    /// Relative URL of this language's Atom feed.
    pub feed: String,
    /// Open Graph: the page's own title (without the site name).
    pub og_title: String,
    /// Open Graph type: `website` or `article`.
    pub og_type: String,
    /// Open Graph locale (`vi_VN`, `en_US`).
    pub og_locale: String,
    /// Absolute URL of the page's share image, where there is one.
    pub og_image: Option<String>,
    /// The page's own path (a folder ending in `/`). Not for templates.
    #[serde(skip)]
    pub path: String,
    /// (language, path) of this page in every language where it exists. Not for templates.
    #[serde(skip)]
    pub translations: Vec<(String, String)>,
    /// Last modification date, for the sitemap. Not for templates.
    #[serde(skip)]
    pub lastmod: Option<String>,
}

/// A chart, drawn as inline SVG, with the sentence that states what it shows.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// The SVG element (trusted markup: print with `| safe`).
    pub svg: String,
    /// The generated description, also the SVG's `<desc>`.
    pub desc: String,
    /// Relative URL of the chart as a standalone SVG file, for the press.
    pub download: Option<String>,
}
