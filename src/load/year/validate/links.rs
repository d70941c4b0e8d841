//! The rules of documents: a review's `document` and every `evidence` entry name a file of
//! `content/static/` by its path under the site root (`/ke-hoach/bien-ban-q1.pdf`), which must
//! exist, or an `http(s)://` address, which is not followed.

use super::{Checker, Item};
use crate::load::year::raw::RawEvidence;
use crate::model::{Evidence, Link};
use crate::yaml::Seg;
use crate::ypath;
use std::collections::BTreeSet;

/// The files of `content/static/`, by their path under the site root without its leading `/`
/// (`ke-hoach/bien-ban-q1.pdf`), in NFC: what a [`Link::Static`] may name.
#[derive(Debug, Clone, Default)]
pub struct StaticPaths(BTreeSet<String>);

impl StaticPaths {
    /// The set of these paths.
    pub fn new(paths: impl IntoIterator<Item = String>) -> Self {
        StaticPaths(paths.into_iter().collect())
    }

    /// Whether `path` (under the site root, without its leading `/`) is one of them.
    pub fn contains(&self, path: &str) -> bool {
        self.0.contains(path)
    }
}

/// What is wrong with a link as written, and what to do.
struct Bad {
    message: String,
    help: String,
}

/// The link `url` says, or why it is not one. `Ok(Static)` only for a file that exists.
fn parse_link(url: &str, statics: &StaticPaths) -> Result<Link, Bad> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|s| lower.strip_prefix(s))
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if host.is_empty() || url.chars().any(char::is_whitespace) {
            return Err(Bad {
                message: format!("`{url}` is not a web address"),
                help: "write the whole address, such as `https://laocai.gov.vn/bien-ban.pdf`, with no spaces (write a space as `%20`)".into(),
            });
        }
        return Ok(Link::External(url.to_string()));
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return static_file(url, statics).map(|()| Link::Static(url.to_string()));
    }
    Err(Bad {
        message: format!("`{url}` is neither a file of the site nor a web address"),
        help: not_a_link_hint(url),
    })
}

/// A path under the site root must name a file of `content/static/`.
fn static_file(url: &str, statics: &StaticPaths) -> Result<(), Bad> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let decoded = crate::urls::percent_decode(path)
        .and_then(|b| String::from_utf8(b).ok())
        .map(crate::load::text::nfc);
    let Some(decoded) = decoded else {
        return Err(Bad {
            message: format!("`{url}` has a `%` that does not start an escape"),
            help: "write `%` as `%25`, or the character itself".into(),
        });
    };
    let rel = decoded.trim_start_matches('/');
    if statics.contains(rel) {
        return Ok(());
    }
    Err(Bad {
        message: format!("`{url}` names no file of `content/static/`"),
        help: format!(
            "add the file as `content/static/{rel}`, or correct the path (it is the file's path under `content/static/`, starting with `/`)"
        ),
    })
}

fn not_a_link_hint(url: &str) -> String {
    let site = "a file of the site is written by its path under the site root, such as `/ke-hoach/bien-ban.pdf` for `content/static/ke-hoach/bien-ban.pdf`";
    if let Some(rest) = url.strip_prefix("content/static/") {
        format!("write `/{rest}`: {site}")
    } else if url.starts_with("www.") {
        format!("write `https://{url}`: a web address starts with `https://` or `http://`")
    } else if url.starts_with("//") || url.contains("://") {
        "a web address starts with `https://` or `http://`".to_string()
    } else if url.is_empty() {
        format!("give the document's address: {site}, or a web address starting with `https://`")
    } else {
        format!("start it with `/`: {site}; a web address starts with `https://`")
    }
}

impl Checker<'_> {
    /// A document link (`document:`, an evidence's `url:`) at `at`, reported when bad.
    pub(super) fn link(&mut self, url: &str, at: &[Seg]) -> Option<Link> {
        match parse_link(url, self.statics) {
            Ok(link) => Some(link),
            Err(bad) => {
                let d = self.loc.error(at, bad.message).help(bad.help);
                self.diags.push(d);
                None
            }
        }
    }

    /// The `evidence:` of a record: each entry's title (in the site's languages) and link.
    pub(super) fn evidence(&mut self, item: Item<'_>, raw: Vec<RawEvidence>) -> Vec<Evidence> {
        let mut out = Vec::new();
        for (i, e) in raw.into_iter().enumerate() {
            let at = |field: &str| ypath![item.list, item.index, "evidence", i, field];
            let what = format!(
                "the title of evidence #{} of {} `{}`",
                i + 1,
                item.what,
                item.id
            );
            self.missing.check(&e.title, &at("title"), what, self.diags);
            if let Some(link) = self.link(&e.url, &at("url")) {
                out.push(Evidence {
                    title: e.title,
                    link,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statics() -> StaticPaths {
        StaticPaths::new(["ke-hoach/biên-bản q1.txt".to_string(), "a.pdf".to_string()])
    }

    #[test]
    fn links_are_static_files_that_exist_or_web_addresses() {
        let s = statics();
        assert_eq!(
            parse_link("/a.pdf#page=2", &s).ok(),
            Some(Link::Static("/a.pdf#page=2".into()))
        );
        assert!(parse_link("/ke-hoach/bi%C3%AAn-b%E1%BA%A3n%20q1.txt", &s).is_ok());
        assert!(parse_link("/ke-hoach/biên-bản q1.txt", &s).is_ok());
        assert_eq!(
            parse_link("https://laocai.gov.vn/x", &s).ok(),
            Some(Link::External("https://laocai.gov.vn/x".into()))
        );
        for (bad, says) in [
            ("/b.pdf", "names no file"),
            ("/a%zz.pdf", "does not start an escape"),
            ("https://", "not a web address"),
            ("https://a b", "not a web address"),
            ("ftp://x", "neither"),
            ("//cdn/x", "neither"),
            ("a.pdf", "neither"),
            ("", "neither"),
        ] {
            let err = parse_link(bad, &s).err().unwrap_or_else(|| panic!("{bad}"));
            assert!(err.message.contains(says), "{bad}: {}", err.message);
        }
        assert!(not_a_link_hint("content/static/a.pdf").contains("write `/a.pdf`"));
        assert!(not_a_link_hint("www.x.vn").contains("`https://www.x.vn`"));
    }
}
