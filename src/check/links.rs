//! Internal links of every rendered page, relative, root-relative and absolute under
//! `base_url`, with their `#fragment`s checked against the `id`s of the target page.

use super::html::{scan, PageScan};
use super::place::{self, Broken};
use super::printable;
use super::sources::Sources;
use crate::diag::Diagnostics;
use crate::render::OutputFile;
use crate::urls;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Where a link leads inside the site.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// Not a link into the site (another host, `mailto:`, …).
    External,
    /// A path under the site root (`nam/2023/`, `assets/style.css`) and a fragment.
    Internal { path: String, fragment: String },
    /// It climbs above the site root, or a root-relative link misses the base path.
    Outside,
    /// Its path or fragment has a `%` that does not start two hex digits: servers refuse it.
    Malformed,
}

/// Resolves `href`, found on the page at output path `page`, against the site.
fn resolve(href: &str, page: &str, base_url: &str) -> Resolved {
    let href = href.trim();
    if href.starts_with("//") {
        return Resolved::External;
    }
    let (before_frag, fragment) = href.split_once('#').unwrap_or((href, ""));
    let path_part = before_frag.split('?').next().unwrap_or_default();
    let has_scheme = has_scheme(path_part);
    let joined = if has_scheme {
        match under_base_url(path_part, base_url) {
            Some(rest) => rest,
            None => return Resolved::External,
        }
    } else if let Some(abs) = path_part.strip_prefix('/') {
        match under_base_path(abs, base_url) {
            Some(rest) => rest,
            None => return Resolved::Outside,
        }
    } else {
        format!("{}{}", urls::dir_of(page), path_part)
    };
    let (Some(decoded), Some(fragment)) = (decode(&joined), decode(fragment)) else {
        return Resolved::Malformed;
    };
    let Some(mut path) = normalise(&decoded) else {
        return Resolved::Outside;
    };
    // `href="#x"` and `href=""` stay on the page itself.
    if path_part.is_empty() && !has_scheme {
        path = page.to_string();
    }
    Resolved::Internal { path, fragment }
}

/// `s` with its `%XX` escapes decoded, `None` if one is malformed.
fn decode(s: &str) -> Option<String> {
    urls::percent_decode(s).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// True when `s` starts with a URL scheme (`https:`, `mailto:`).
fn has_scheme(s: &str) -> bool {
    s.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    })
}

/// The part of the absolute URL `url` after `base_url`, if it is under it.
fn under_base_url(url: &str, base_url: &str) -> Option<String> {
    if base_url.is_empty() {
        return None;
    }
    match url.strip_prefix(base_url) {
        Some(rest) => Some(rest.to_string()),
        None if format!("{url}/") == base_url => Some(String::new()),
        None => None,
    }
}

/// The part of the root-relative path `/abs` after the base path of `base_url`, if it is
/// under it.
fn under_base_path(abs: &str, base_url: &str) -> Option<String> {
    let base_path = urls::base_path(base_url);
    let abs = format!("/{abs}");
    match abs.strip_prefix(&base_path) {
        Some(rest) => Some(rest.to_string()),
        None if format!("{abs}/") == base_path => Some(String::new()),
        None => None,
    }
}

/// `a/./b/../c/` → `a/c/`; `None` when it climbs above the site root.
fn normalise(path: &str) -> Option<String> {
    let mut segs: Vec<&str> = Vec::new();
    let trailing = path.is_empty() || path.ends_with('/') || path.ends_with("/.");
    for s in path.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop()?;
            }
            s => segs.push(s),
        }
    }
    let mut out = segs.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// The rendered files by output path, and the `id`s of each HTML page.
struct Rendered<'a> {
    by_path: HashMap<&'a str, &'a OutputFile>,
    ids: HashMap<&'a str, HashSet<String>>,
}

impl Rendered<'_> {
    /// The output file a resolved path is served from (`nam/2023/` → `nam/2023/index.html`).
    fn target_of(&self, path: &str) -> Option<String> {
        let key = urls::file_of(path);
        if self.by_path.contains_key(key.as_str()) {
            Some(key)
        } else if !path.ends_with('/')
            && self
                .by_path
                .contains_key(format!("{path}/index.html").as_str())
        {
            Some(format!("{path}/index.html"))
        } else {
            None
        }
    }

    fn has_id(&self, target: &str, id: &str) -> bool {
        self.ids.get(target).is_some_and(|ids| ids.contains(id))
    }
}

/// Checks every internal link of every HTML page; returns the problems and the number of
/// internal links checked.
pub(super) fn check_links(
    files: &[OutputFile],
    base_url: &str,
    sources: &Sources,
) -> (Diagnostics, usize) {
    // Each page is read once, in parallel; the order of the findings is the files' order.
    let pages: Vec<(&OutputFile, PageScan)> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f, scan(&f.bytes)))
        .collect();
    let mut rendered = Rendered {
        by_path: files.iter().map(|f| (f.path.as_str(), f)).collect(),
        ids: HashMap::new(),
    };
    let mut links = Vec::with_capacity(pages.len());
    for (f, page) in pages {
        rendered.ids.insert(f.path.as_str(), page.ids);
        links.push((f.path.as_str(), page.links));
    }
    let checked: Vec<(usize, Vec<Broken>)> = links
        .par_iter()
        .map(|(page, hrefs)| check_page(&rendered, page, hrefs, base_url))
        .collect();
    let count = checked.iter().map(|(n, _)| n).sum();
    let broken = checked.into_iter().flat_map(|(_, b)| b).collect();
    (place::report(broken, sources), count)
}

/// The internal links of one page (how many) and those that are broken.
fn check_page(
    rendered: &Rendered,
    page: &str,
    hrefs: &[String],
    base_url: &str,
) -> (usize, Vec<Broken>) {
    let mut count = 0;
    let mut broken = Vec::new();
    for href in hrefs {
        let resolved = resolve(href, page, base_url);
        if resolved != Resolved::External {
            count += 1;
        }
        broken.extend(check_link(rendered, page, href, resolved));
    }
    (count, broken)
}

/// What is wrong with the link `href` of `page`, if anything.
fn check_link(site: &Rendered, page: &str, href: &str, resolved: Resolved) -> Option<Broken> {
    let (path, fragment) = match resolved {
        Resolved::External => return None,
        Resolved::Outside => return Some(leads_outside(page, href)),
        Resolved::Malformed => return Some(malformed(page, href)),
        Resolved::Internal { path, fragment } => (path, fragment),
    };
    let Some(target) = site.target_of(&path) else {
        return Some(no_such_page(page, href, path, fragment));
    };
    if fragment.is_empty() || fragment == "top" || !target.ends_with(".html") {
        return None;
    }
    if site.has_id(&target, &fragment) {
        return None;
    }
    Some(no_such_anchor(page, href, &target, path, fragment))
}

fn leads_outside(page: &str, href: &str) -> Broken {
    let why = format!("the link `{}` leads outside the site", printable(href));
    Broken {
        page: page.to_string(),
        href: href.to_string(),
        why: why.clone(),
        generic: why,
        help: "link to pages of the site with a path from the site root, such as `/nam/2023/`: tiendo makes it work under any sub-path".into(),
        target_path: String::new(),
        fragment: String::new(),
    }
}

fn malformed(page: &str, href: &str) -> Broken {
    let why = format!(
        "broken link `{}`: the link has a malformed `%` escape",
        printable(href)
    );
    Broken {
        page: page.to_string(),
        href: href.to_string(),
        why: why.clone(),
        generic: why,
        help: "a `%` in a link starts an escape of two hex digits, such as `%20` for a space; write `%25` for a percent sign (web servers refuse a link with a bare `%`)".into(),
        target_path: String::new(),
        fragment: String::new(),
    }
}

fn no_such_page(page: &str, href: &str, path: String, fragment: String) -> Broken {
    let shown = printable(&path);
    Broken {
        page: page.to_string(),
        href: href.to_string(),
        why: format!(
            "broken link `{}`: the site has no `/{shown}`",
            printable(href)
        ),
        generic: format!("broken link to `/{shown}`, which the site does not have"),
        help: "correct the address (the site's pages are listed in the README), or remove the link"
            .into(),
        target_path: path,
        fragment,
    }
}

fn no_such_anchor(page: &str, href: &str, target: &str, path: String, fragment: String) -> Broken {
    let shown = if target == page {
        "this page".to_string()
    } else {
        format!("`/{}`", printable(&path))
    };
    let id = printable(&fragment);
    let generic = format!(
        "broken anchor `#{id}`: `/{}` has no element with `id=\"{id}\"`",
        printable(urls::dir_of(target))
    );
    Broken {
        page: page.to_string(),
        href: href.to_string(),
        why: format!("broken anchor `#{id}`: {shown} has no element with `id=\"{id}\"`"),
        generic,
        help: "headings get ids from their text (`## Kết quả` → `#ket-qua`); link to one of them, or drop the `#…` part".into(),
        target_path: path,
        fragment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_page_and_base() {
        let base = "https://example.gov.vn/cds/";
        let int = |p: &str, f: &str| Resolved::Internal {
            path: p.into(),
            fragment: f.into(),
        };
        assert_eq!(
            resolve("../../nam/2023/", "tin-tuc/x/index.html", base),
            int("nam/2023/", "")
        );
        assert_eq!(
            resolve("data.json", "nam/2023/index.html", base),
            int("nam/2023/data.json", "")
        );
        assert_eq!(
            resolve("#ket-qua", "tin-tuc/x/index.html", base),
            int("tin-tuc/x/index.html", "ket-qua")
        );
        assert_eq!(
            resolve("/cds/assets/s.css", "404.html", base),
            int("assets/s.css", "")
        );
        assert_eq!(resolve("/cds/", "en/404.html", base), int("", ""));
        assert_eq!(resolve("/cds", "en/404.html", base), int("", ""));
        assert_eq!(resolve("/other/", "404.html", base), Resolved::Outside);
        assert_eq!(resolve("../../..", "a/index.html", base), Resolved::Outside);
        assert_eq!(
            resolve("https://example.gov.vn/cds/en/news/", "x", base),
            int("en/news/", "")
        );
        assert_eq!(
            resolve("https://example.gov.vn/cds", "x", base),
            int("", "")
        );
        assert_eq!(resolve("https://other.org/", "x", base), Resolved::External);
        assert_eq!(resolve("mailto:a@b.c", "x", base), Resolved::External);
        assert_eq!(resolve("//cdn.org/x.js", "x", base), Resolved::External);
        assert_eq!(resolve("./", "nam/index.html", base), int("nam/", ""));
        assert_eq!(resolve("/nam/%C4%91/", "x", ""), int("nam/đ/", ""));
        assert_eq!(resolve("a#%C4%91", "x/", ""), int("x/a", "đ"));
    }

    #[test]
    fn a_malformed_percent_escape_is_a_broken_link() {
        let base = "https://example.gov.vn/cds/";
        for href in [
            "/cds/nam/2023/%",
            "../x%zz/",
            "a/%4",
            "#ket-%qua",
            "/cds/%C4%9",
        ] {
            assert_eq!(
                resolve(href, "tin-tuc/x/index.html", base),
                Resolved::Malformed,
                "{href}"
            );
        }
        // Outside the site it is not ours to judge.
        assert_eq!(
            resolve("https://other.org/%zz", "x", base),
            Resolved::External
        );
        assert_eq!(
            resolve("/cds/50%25/", "x", base),
            Resolved::Internal {
                path: "50%/".into(),
                fragment: String::new()
            }
        );
    }
}
