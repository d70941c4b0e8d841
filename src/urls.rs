//! The one table of output paths, per page kind and language, and relative links between them.
//!
//! Paths are relative to the output root, with `/` separators; a page's path is a folder ending
//! in `/` (written as `<folder>/index.html`), the home page's is the empty string. Links between
//! pages are relative, so the site works under any sub-path of `base_url` and on any server.
//!
//! Record pages and review pages are named by slugs of ids (`slug::slugify`: `G01` → `g01`,
//! `Q1` → `q1`). Clash rules:
//! - one goal id, or one task id, written the same in several years is one record: the record
//!   page lists it year by year (a goal id is meant to stay the same across years, and this is
//!   how it is followed); two ids written differently that slug alike (`G01` and `g01`, `G 01`
//!   and `G-01`) would share that page, and are an error naming both (`owners`);
//! - a goal and a task may share an id: they live in different sections (`muc-tieu/`,
//!   `nhiem-vu/`);
//! - a review's folder sits beside the year's files (`nam/2023/q1/` next to
//!   `nam/2023/data.json`): a slug has no `.`, so it never equals one of those file names;
//!   two review ids that slug alike in one year are the loader's error.
//!
//! `owners` keeps the table honest: every output path has one owner, claimed before rendering.

mod owners;

pub use owners::{Clash, Collision, Owner, Owners};

use crate::model::SiteConfig;

/// First path segments of generated sections in every language: a page slug may not take them.
pub const RESERVED: &[&str] = &[
    "tim-kiem", "search", "co-quan", "agencies", "muc-tieu", "goals", "nhiem-vu", "tasks", "nam",
    "tin-tuc", "the", "years", "news", "tags", "assets", "page", "404", "data",
];

/// The section names of one language's URLs.
#[derive(Debug, Clone, Copy)]
pub struct Sections {
    /// Year reports: `nam` / `years`.
    pub years: &'static str,
    /// News: `tin-tuc` / `news`.
    pub news: &'static str,
    /// Tags: `the` / `tags`.
    pub tags: &'static str,
}

/// Section names: Vietnamese ones for `vi`, English ones for every other language.
pub fn sections(lang: &str) -> Sections {
    if lang == "vi" {
        Sections {
            years: "nam",
            news: "tin-tuc",
            tags: "the",
        }
    } else {
        Sections {
            years: "years",
            news: "news",
            tags: "tags",
        }
    }
}

/// A page or file of the generated site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// The home page.
    Home,
    /// The list of all years.
    Years,
    /// A year report.
    Year(i32),
    /// A data file of a year (`data.json`, `goals.csv`, `tasks.csv`).
    YearFile(i32, &'a str),
    /// A year's printed report: `bao-cao-<year>.pdf` in Vietnamese, `report-<year>.pdf` in
    /// every other language, in the year's folder.
    YearReport(i32),
    /// A review of a year, by year and slug of the review's id.
    Review(i32, &'a str),
    /// A data file of a review (`data.json`, `goals.csv`, `tasks.csv`): year, review slug, file.
    ReviewFile(i32, &'a str, &'a str),
    /// The news list, 1-based page number.
    News(usize),
    /// An article by slug.
    Article(&'a str),
    /// The list of tags.
    Tags,
    /// A tag page by tag slug, 1-based page number.
    Tag(&'a str, usize),
    /// A standalone page by slug.
    Page(&'a str),
    /// The not-found page (a file, `404.html`).
    NotFound,
    /// A file under the output root, the same in every language (an asset).
    Asset(&'a str),
    /// The language's Atom feed.
    Feed,
    /// The news list's Atom feed.
    NewsFeed,
    /// A tag's Atom feed, by tag slug.
    TagFeed(&'a str),
    /// The search page.
    Search,
    /// The list of responsible agencies.
    Agencies,
    /// An agency's tasks, by slug.
    Agency(&'a str),
    /// A goal across the years, by slug of its id.
    Goal(&'a str),
    /// A task across the years, by slug of its id.
    Task(&'a str),
    /// A file of the search index (`meta.json`, `s/ch.json`, …).
    SearchIndex(&'a str),
}

/// The output path of `target` in `lang`.
pub fn path(config: &SiteConfig, lang: &str, target: Target) -> String {
    let prefix = if lang == config.default_lang() {
        String::new()
    } else {
        format!("{lang}/")
    };
    let s = sections(lang);
    let paged = |base: String, page: usize| {
        if page <= 1 {
            base
        } else {
            format!("{base}page/{page}/")
        }
    };
    match target {
        Target::Home => prefix,
        Target::Years => format!("{prefix}{}/", s.years),
        Target::Year(y) => format!("{prefix}{}/{y}/", s.years),
        Target::YearFile(y, f) => format!("{prefix}{}/{y}/{f}", s.years),
        Target::YearReport(y) => {
            let name = if lang == "vi" { "bao-cao" } else { "report" };
            format!("{prefix}{}/{y}/{name}-{y}.pdf", s.years)
        }
        Target::Review(y, r) => format!("{prefix}{}/{y}/{r}/", s.years),
        Target::ReviewFile(y, r, f) => format!("{prefix}{}/{y}/{r}/{f}", s.years),
        Target::News(p) => paged(format!("{prefix}{}/", s.news), p),
        Target::Article(slug) => format!("{prefix}{}/{slug}/", s.news),
        Target::Tags => format!("{prefix}{}/", s.tags),
        Target::Tag(slug, p) => paged(format!("{prefix}{}/{slug}/", s.tags), p),
        Target::Page(slug) => format!("{prefix}{slug}/"),
        Target::NotFound => format!("{prefix}404.html"),
        Target::Asset(p) => p.to_string(),
        Target::Feed => format!("{prefix}atom.xml"),
        Target::NewsFeed => format!("{prefix}{}/atom.xml", s.news),
        Target::TagFeed(slug) => format!("{prefix}{}/{slug}/atom.xml", s.tags),
        Target::Search => format!(
            "{prefix}{}/",
            if lang == "vi" { "tim-kiem" } else { "search" }
        ),
        Target::SearchIndex(f) => format!("search/{lang}/{f}"),
        Target::Agencies => format!(
            "{prefix}{}/",
            if lang == "vi" { "co-quan" } else { "agencies" }
        ),
        Target::Agency(slug) => format!(
            "{prefix}{}/{slug}/",
            if lang == "vi" { "co-quan" } else { "agencies" }
        ),
        Target::Goal(slug) => format!(
            "{prefix}{}/{slug}/",
            if lang == "vi" { "muc-tieu" } else { "goals" }
        ),
        Target::Task(slug) => format!(
            "{prefix}{}/{slug}/",
            if lang == "vi" { "nhiem-vu" } else { "tasks" }
        ),
    }
}

/// The file a page path is written to: folders get `index.html`.
pub fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The folder part of an output path (`en/news/x/` for itself, `en/` for `en/404.html`).
pub fn dir_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "",
    }
}

/// A relative link from a page in folder `from_dir` to output path `to`.
pub fn relative(from_dir: &str, to: &str) -> String {
    // Walk down the folders the two share; every folder of `from_dir` left is a `../`. One
    // allocation: a list page makes dozens of these links.
    let mut from = from_dir.split('/').filter(|s| !s.is_empty());
    let (mut rest, mut up) = (to, 0);
    while let Some(dir) = from.next() {
        match rest.split_once('/') {
            Some((first, after)) if first == dir => rest = after,
            _ => {
                up = 1 + from.count();
                break;
            }
        }
    }
    let mut out = String::with_capacity(3 * up + rest.len().max(2));
    for _ in 0..up {
        out.push_str("../");
    }
    out.push_str(rest);
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

/// The absolute URL of an output path, when the site has a `base_url`.
pub fn absolute(config: &SiteConfig, path: &str) -> Option<String> {
    if config.base_url.is_empty() {
        None
    } else {
        Some(format!("{}{path}", config.base_url))
    }
}

/// The path part of `base_url`, always starting and ending with `/`
/// (`https://example.gov.vn/cds/` → `/cds/`; no `base_url` → `/`). The one reading of it that
/// the renderer (404 page), `serve` (its sub-path) and `check` (root-relative links) share.
pub fn base_path(base_url: &str) -> String {
    let rest = base_url.split_once("://").map(|(_, r)| r).unwrap_or("");
    match rest.find('/') {
        Some(i) => {
            let p = &rest[i..];
            if p.ends_with('/') {
                p.to_string()
            } else {
                format!("{p}/")
            }
        }
        None => "/".to_string(),
    }
}

/// Decodes the `%XX` escapes of a URL path or fragment. Strict, as a server is: `None` when a
/// `%` does not start two hex digits (`serve` answers 400 and `check` reports the link broken).
pub fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let malformed = b.iter().enumerate().any(|(i, &c)| {
        c == b'%'
            && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if malformed {
        return None;
    }
    Some(percent_encoding::percent_decode(b).collect())
}

/// The bytes a URL path may hold unescaped (RFC 3986 `pchar` and `/`); the rest is escaped.
const PATH_ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Escapes a path for a URL (a `Location` header, a sitemap entry): UTF-8 bytes and every
/// character a path may not hold become `%XX`.
pub fn percent_encode_path(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, PATH_ESCAPED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Localized;

    fn cfg() -> SiteConfig {
        SiteConfig {
            title: Localized::plain("t"),
            description: None,
            base_url: "https://example.gov.vn/cds/".into(),
            languages: vec!["vi".into(), "en".into()],
            theme: "default".into(),
            organisation: None,
            raw_html: true,
        }
    }

    #[test]
    fn contract_paths() {
        let c = cfg();
        assert_eq!(path(&c, "vi", Target::Home), "");
        assert_eq!(path(&c, "en", Target::Home), "en/");
        assert_eq!(path(&c, "vi", Target::Year(2023)), "nam/2023/");
        assert_eq!(path(&c, "en", Target::Year(2023)), "en/years/2023/");
        assert_eq!(
            path(&c, "vi", Target::YearFile(2023, "data.json")),
            "nam/2023/data.json"
        );
        assert_eq!(path(&c, "vi", Target::News(1)), "tin-tuc/");
        assert_eq!(path(&c, "vi", Target::News(2)), "tin-tuc/page/2/");
        assert_eq!(path(&c, "en", Target::Article("x")), "en/news/x/");
        assert_eq!(path(&c, "vi", Target::Tag("so", 3)), "the/so/page/3/");
        assert_eq!(path(&c, "en", Target::Tags), "en/tags/");
        assert_eq!(path(&c, "vi", Target::Page("gioi-thieu")), "gioi-thieu/");
        assert_eq!(path(&c, "en", Target::NotFound), "en/404.html");
        assert_eq!(path(&c, "vi", Target::Review(2023, "q1")), "nam/2023/q1/");
        assert_eq!(
            path(&c, "en", Target::Review(2023, "q1")),
            "en/years/2023/q1/"
        );
        assert_eq!(
            path(&c, "vi", Target::ReviewFile(2023, "q1", "goals.csv")),
            "nam/2023/q1/goals.csv"
        );
        assert_eq!(path(&c, "vi", Target::Goal("g01")), "muc-tieu/g01/");
        assert_eq!(path(&c, "en", Target::Goal("g01")), "en/goals/g01/");
        assert_eq!(path(&c, "vi", Target::Task("t01")), "nhiem-vu/t01/");
        assert_eq!(path(&c, "en", Target::Task("t01")), "en/tasks/t01/");
    }

    /// The former implementation (split, compare, join), which the one above must match.
    fn relative_by_joining(from_dir: &str, to: &str) -> String {
        let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
        let to_parts: Vec<&str> = to.split('/').collect();
        let to_dirs = &to_parts[..to_parts.len() - 1];
        let common = from
            .iter()
            .zip(to_dirs.iter())
            .take_while(|(a, b)| a == b)
            .count();
        let mut out = "../".repeat(from.len() - common);
        out.push_str(&to_parts[common..].join("/"));
        if out.is_empty() {
            out.push_str("./");
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn relative_links_match_the_joining_implementation(
            from in "(/|a/|b/|ab/|c//){0,5}",
            to in "(a/|b/|ab/|/|c){0,5}(x\\.html|/)?",
        ) {
            proptest::prop_assert_eq!(relative(&from, &to), relative_by_joining(&from, &to));
        }
    }

    #[test]
    fn relative_links() {
        assert_eq!(relative("", "tin-tuc/"), "tin-tuc/");
        assert_eq!(relative("", ""), "./");
        assert_eq!(relative("en/years/2023/", "en/news/x/"), "../../news/x/");
        assert_eq!(
            relative("en/years/2023/", "nam/2023/"),
            "../../../nam/2023/"
        );
        assert_eq!(relative("nam/2023/", "nam/2023/data.json"), "data.json");
        assert_eq!(relative("nam/2023/", "nam/2023/"), "./");
        assert_eq!(
            relative("tin-tuc/x/", "assets/style.css"),
            "../../assets/style.css"
        );
        assert_eq!(relative("en/", ""), "../");
    }

    #[test]
    fn absolute_urls_use_base_url() {
        assert_eq!(
            absolute(&cfg(), "en/news/").as_deref(),
            Some("https://example.gov.vn/cds/en/news/")
        );
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://example.gov.vn/cds/"), "/cds/");
        assert_eq!(base_path("https://example.gov.vn/cds"), "/cds/");
        assert_eq!(base_path("https://example.gov.vn/"), "/");
        assert_eq!(base_path("https://example.gov.vn"), "/");
        assert_eq!(base_path(""), "/");
    }

    #[test]
    fn percent_codec() {
        assert_eq!(percent_decode("a%20b").as_deref(), Some(&b"a b"[..]));
        assert_eq!(percent_decode("%C4%91").as_deref(), Some("đ".as_bytes()));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%2"), None);
        assert_eq!(percent_decode("x%"), None);
        assert_eq!(percent_decode("%é"), None);
        assert_eq!(
            percent_encode_path("/cds/tin tức/"),
            "/cds/tin%20t%E1%BB%A9c/"
        );
        assert_eq!(percent_encode_path("/a-b_c.~d/"), "/a-b_c.~d/");
    }
}
