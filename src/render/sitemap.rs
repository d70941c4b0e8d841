//! `sitemap.xml`: every page but the 404 pages, with its language alternates. The sitemap
//! protocol allows 50,000 URLs and 50 MB in one file: a site beyond either is written as
//! parts (`sitemap-1.xml`, `sitemap-2.xml`, …) and `sitemap.xml` becomes their index, so
//! `robots.txt`, which names `sitemap.xml`, names the index. Pure: pages in, files out.

use super::feeds::xml_escape;
use super::views::PageKind;
use super::{OutputFile, PageInfo};

/// The most one sitemap file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitemapLimits {
    /// URLs in one file.
    pub urls: usize,
    /// Bytes of one file, uncompressed.
    pub bytes: usize,
}

impl SitemapLimits {
    /// The protocol's: 50,000 URLs and 50 MB (52,428,800 bytes).
    pub const PROTOCOL: SitemapLimits = SitemapLimits {
        urls: 50_000,
        bytes: 50 * 1024 * 1024,
    };

    /// The protocol's, or a smaller number of URLs from `TIENDO_SITEMAP_MAX_URLS`: a hidden
    /// knob, so that a test can split a small site. Never larger than the protocol's.
    pub fn from_env() -> SitemapLimits {
        let urls = std::env::var("TIENDO_SITEMAP_MAX_URLS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .map_or(Self::PROTOCOL.urls, |n| n.min(Self::PROTOCOL.urls));
        SitemapLimits {
            urls,
            ..Self::PROTOCOL
        }
    }
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
const URLSET: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_END: &str = "</urlset>\n";

/// The sitemap's files: `sitemap.xml` alone while it is within `limits`, else its parts and
/// `sitemap.xml` as their index.
pub fn sitemap_files(
    base_url: &str,
    pages: &[&PageInfo],
    limits: SitemapLimits,
) -> Vec<OutputFile> {
    let parts = parts(base_url, pages, limits);
    if parts.len() <= 1 {
        let body = parts.into_iter().next().map(|p| p.body).unwrap_or_default();
        return vec![OutputFile::new("sitemap.xml", urlset(&body))];
    }
    let mut files = Vec::with_capacity(parts.len() + 1);
    let mut index =
        format!("{HEAD}<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, part) in parts.into_iter().enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap>\n    <loc>{}</loc>\n",
            xml_escape(&format!("{base_url}{name}"))
        ));
        if let Some(d) = &part.lastmod {
            index.push_str(&format!("    <lastmod>{}</lastmod>\n", xml_escape(d)));
        }
        index.push_str("  </sitemap>\n");
        files.push(OutputFile::new(name, urlset(&part.body)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, OutputFile::new("sitemap.xml", index.into_bytes()));
    files
}

/// The entries of one sitemap file, and the latest `lastmod` among them.
#[derive(Default)]
struct Part {
    body: String,
    urls: usize,
    lastmod: Option<String>,
}

/// The entries, cut into parts that each stay within `limits` once wrapped.
fn parts(base_url: &str, pages: &[&PageInfo], limits: SitemapLimits) -> Vec<Part> {
    let frame = HEAD.len() + URLSET.len() + URLSET_END.len();
    let mut parts: Vec<Part> = Vec::new();
    let mut part = Part::default();
    for p in pages.iter().filter(|p| p.kind != PageKind::NotFound) {
        let entry = entry(base_url, p);
        let full = part.urls >= limits.urls || frame + part.body.len() + entry.len() > limits.bytes;
        if full && part.urls > 0 {
            parts.push(std::mem::take(&mut part));
        }
        part.body.push_str(&entry);
        part.urls += 1;
        if p.lastmod > part.lastmod {
            part.lastmod.clone_from(&p.lastmod);
        }
    }
    if part.urls > 0 {
        parts.push(part);
    }
    parts
}

/// One page's `<url>` entry.
fn entry(base_url: &str, p: &PageInfo) -> String {
    let e = xml_escape;
    let mut out = String::from("  <url>\n");
    out.push_str(&format!(
        "    <loc>{}</loc>\n",
        e(&format!("{base_url}{}", p.path))
    ));
    if let Some(d) = &p.lastmod {
        out.push_str(&format!("    <lastmod>{}</lastmod>\n", e(d)));
    }
    if p.translations.len() > 1 {
        for (lang, path) in &p.translations {
            out.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                e(lang),
                e(&format!("{base_url}{path}"))
            ));
        }
    }
    out.push_str("  </url>\n");
    out
}

fn urlset(body: &str) -> Vec<u8> {
    format!("{HEAD}{URLSET}{body}{URLSET_END}").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, lastmod: Option<&str>) -> PageInfo {
        PageInfo {
            path: path.into(),
            kind: PageKind::Home,
            translations: vec![],
            lastmod: lastmod.map(String::from),
        }
    }

    fn text(f: &OutputFile) -> String {
        String::from_utf8(f.bytes.clone()).unwrap()
    }

    #[test]
    fn sitemap_lists_alternates_and_skips_404() {
        let a = PageInfo {
            path: "".into(),
            kind: PageKind::Home,
            translations: vec![("vi".into(), "".into()), ("en".into(), "en/".into())],
            lastmod: None,
        };
        let b = PageInfo {
            path: "404.html".into(),
            kind: PageKind::NotFound,
            translations: vec![],
            lastmod: None,
        };
        let files = sitemap_files("https://x.vn/cds/", &[&a, &b], SitemapLimits::PROTOCOL);
        assert_eq!(files.len(), 1);
        let s = text(&files[0]);
        assert!(s.contains("<loc>https://x.vn/cds/</loc>"));
        assert!(s.contains("hreflang=\"en\" href=\"https://x.vn/cds/en/\""));
        assert!(!s.contains("404"));
    }

    #[test]
    fn split_at_the_url_limit_with_an_index() {
        let pages: Vec<PageInfo> = (0..5)
            .map(|i| page(&format!("p{i}/"), Some(&format!("2023-0{}-01", i + 1))))
            .collect();
        let refs: Vec<&PageInfo> = pages.iter().collect();
        let limits = SitemapLimits {
            urls: 2,
            ..SitemapLimits::PROTOCOL
        };
        let files = sitemap_files("https://x.vn/", &refs, limits);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = text(&files[0]);
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(index
            .contains("<loc>https://x.vn/sitemap-3.xml</loc>\n    <lastmod>2023-05-01</lastmod>"));
        assert!(index
            .contains("<loc>https://x.vn/sitemap-1.xml</loc>\n    <lastmod>2023-02-01</lastmod>"));
        assert_eq!(text(&files[1]).matches("<url>").count(), 2);
        assert_eq!(text(&files[3]).matches("<url>").count(), 1);
        // Exactly at the limit: one file.
        let files = sitemap_files("https://x.vn/", &refs[..2], limits);
        assert_eq!(files.len(), 1);
        assert!(text(&files[0]).contains("<urlset"));
    }

    #[test]
    fn split_at_the_byte_limit() {
        let pages: Vec<PageInfo> = (0..10).map(|i| page(&format!("{i:0>40}/"), None)).collect();
        let refs: Vec<&PageInfo> = pages.iter().collect();
        let one = entry("https://x.vn/", &pages[0]).len();
        let frame = HEAD.len() + URLSET.len() + URLSET_END.len();
        let limits = SitemapLimits {
            urls: 1000,
            bytes: frame + 3 * one,
        };
        let files = sitemap_files("https://x.vn/", &refs, limits);
        assert_eq!(files.len(), 1 + 4);
        assert!(files[1..].iter().all(|f| f.bytes.len() <= limits.bytes));
    }

    #[test]
    fn an_empty_site_has_an_empty_sitemap() {
        let files = sitemap_files("https://x.vn/", &[], SitemapLimits::PROTOCOL);
        assert_eq!(text(&files[0]), format!("{HEAD}{URLSET}{URLSET_END}"));
    }
}
