//! `content/site.yaml` → `SiteConfig`.

use super::{check_localized, Languages, Locator, SourceText, YamlLocator};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Localized, SiteConfig};
use crate::yaml;
use crate::ypath;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteRaw {
    title: Localized,
    description: Option<Localized>,
    base_url: Option<String>,
    languages: Option<Vec<String>>,
    theme: Option<String>,
    organisation: Option<Localized>,
    raw_html: Option<bool>,
}

/// Parses `site.yaml`. `base_url_override` comes from `--base-url`.
pub fn parse_config(
    src: &SourceText,
    base_url_override: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<SiteConfig> {
    let raw = read_raw(src, diags)?;
    let yaml = YamlLocator::new(src);
    let loc = yaml.as_dyn();
    let languages = languages(raw.languages, loc, diags);
    let base_url = base_url(
        base_url_override.map(str::to_string).or(raw.base_url),
        loc,
        diags,
    );
    let theme = theme(raw.theme, loc, diags);
    let (Some(languages), Some(base_url), Some(theme)) = (languages, base_url, theme) else {
        return None;
    };
    let langs = Languages {
        all: &languages,
        default: &languages[0],
    };
    let texts = [
        (Some(&raw.title), "title", "site title"),
        (raw.description.as_ref(), "description", "site description"),
        (raw.organisation.as_ref(), "organisation", "organisation"),
    ];
    for (value, key, what) in texts {
        if let Some(v) = value {
            check_localized(loc, langs, v, &ypath![key], what, diags);
        }
    }
    if !title_is_written(&raw.title, langs, loc, diags) {
        return None;
    }
    Some(SiteConfig {
        title: raw.title,
        description: raw.description,
        base_url,
        languages,
        theme,
        organisation: raw.organisation,
        raw_html: raw.raw_html.unwrap_or(true),
    })
}

/// The site's title names every page: it may not be empty, in any language it is written in.
fn title_is_written(
    title: &Localized,
    langs: Languages<'_>,
    loc: &dyn Locator,
    diags: &mut Diagnostics,
) -> bool {
    let default = title.resolve(langs.default, langs.default).0;
    let empty: Vec<&String> = langs
        .all
        .iter()
        .filter(|l| {
            title
                .exact(l, langs.default)
                .is_some_and(|t| t.trim().is_empty())
        })
        .collect();
    if default.trim().is_empty() {
        diags.push(
            loc.error(&ypath!["title"], "the site's title is empty")
                .help("the title names every page and feed: write it, such as `title: {vi: \"Tiến độ\", en: \"Progress\"}`"),
        );
        return false;
    }
    for lang in &empty {
        diags.push(
            loc.error(
                &ypath!["title", lang.as_str()],
                format!("the site's title in `{lang}` is empty"),
            )
            .help(format!(
                "write it, or remove `{lang}:` to show the `{}` title there",
                langs.default
            )),
        );
    }
    empty.is_empty()
}

fn read_raw(src: &SourceText, diags: &mut Diagnostics) -> Option<SiteRaw> {
    if src.text.trim().is_empty() {
        diags.push(
            Diagnostic::error(&src.path, "`site.yaml` is empty")
                .help("give the site at least a title, for example: `title: {vi: \"Tiến độ\", en: \"Progress\"}`"),
        );
        return None;
    }
    // Every key that does not read is named, but the site is not built on the rest: a setting
    // taken out would bring errors of its own in other files.
    let (raw, errors) = yaml::parse_each_key(&src.text, &src.path, 0);
    let read = errors.is_empty();
    for e in errors {
        diags.push(e);
    }
    raw.filter(|_| read)
}

/// The site's languages, the default first (`vi`, `en` when not given): two- or three-letter
/// lower-case codes, each once.
fn languages(
    written: Option<Vec<String>>,
    loc: &dyn Locator,
    diags: &mut Diagnostics,
) -> Option<Vec<String>> {
    let languages = written.unwrap_or_else(|| vec!["vi".to_string(), "en".to_string()]);
    let mut ok = true;
    if languages.is_empty() {
        diags.push(
            loc.error(&ypath!["languages"], "`languages` is empty")
                .help("list the site's languages, the default first: `languages: [vi, en]`"),
        );
        ok = false;
    }
    for (i, code) in languages.iter().enumerate() {
        let valid = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
        let at = ypath!["languages", i];
        if !valid {
            diags.push(
                loc.error(&at, format!("`{code}` is not a language code"))
                    .help("use two- or three-letter lower-case codes such as `vi` or `en`"),
            );
            ok = false;
        } else if languages[..i].contains(code) {
            diags.push(
                loc.error(&at, format!("language `{code}` is listed twice"))
                    .help("list each language once"),
            );
            ok = false;
        }
    }
    ok.then_some(languages)
}

fn base_url(written: Option<String>, loc: &dyn Locator, diags: &mut Diagnostics) -> Option<String> {
    let Some(url) = written else {
        return Some(String::new());
    };
    match normalize_base_url(&url) {
        Ok(u) => Some(u),
        Err(why) => {
            diags.push(loc.error(&ypath!["base_url"], format!("`base_url` {why}")).help(
                "write the absolute address where the site will live, such as `https://example.gov.vn/cds/`",
            ));
            None
        }
    }
}

fn theme(written: Option<String>, loc: &dyn Locator, diags: &mut Diagnostics) -> Option<String> {
    let theme = written.unwrap_or_else(|| "default".to_string());
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        diags.push(
            loc.error(&ypath!["theme"], format!("`{theme}` is not a theme name"))
                .help("name a folder under `themes/`, such as `default`"),
        );
        return None;
    }
    Some(theme)
}

/// Checks an absolute http(s) URL and writes it as every page will: the host in ASCII (an
/// international name in its `xn--` form, by IDNA), the path percent-encoded, a final `/`.
/// Refused: another scheme, no host, a user name or password (every reader would see them),
/// `?` or `#`, and a path with `.`, `..` (also written `%2e%2e`) or an empty segment (`//`).
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let scheme_end = url.find("://").unwrap_or(0);
    let scheme = url[..scheme_end].to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(format!(
            "must start with `https://` or `http://`, found `{url}`"
        ));
    }
    let rest = &url[scheme_end + 3..];
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if authority.is_empty() {
        return Err(format!("has no host name: `{url}`"));
    }
    if url.contains(['?', '#', ' ', '"', '<', '>', '\\']) || url.chars().any(char::is_control) {
        return Err(format!(
            "must be a plain address without spaces, quotes, `\\`, `?` or `#`: `{url}`"
        ));
    }
    if authority.contains('@') {
        return Err(format!(
            "must not hold a user name or password (`user:password@`), which every reader of the site would see: `{url}`"
        ));
    }
    path_problem(path).map_or(Ok(()), |why| Err(format!("{why}: `{url}`")))?;
    let parsed =
        url::Url::parse(url).map_err(|e| format!("is not a valid address ({e}): `{url}`"))?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("has no host name: `{url}`"));
    }
    let mut u = parsed.to_string();
    if !u.ends_with('/') {
        u.push('/');
    }
    Ok(u)
}

/// Why the path of a `base_url` cannot be a site's folder: `.` or `..` (decoded first, so
/// `%2e%2e` too), an empty segment, a `%` that starts no escape.
fn path_problem(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.split('/').collect();
    // The last segment may be empty: `/cds/`.
    let inner = &segments[..segments.len().saturating_sub(1)];
    if inner.iter().any(|s| s.is_empty()) {
        return Some("has an empty folder (`//`) in its path");
    }
    for s in &segments {
        let Some(decoded) = crate::urls::percent_decode(s) else {
            return Some("has a `%` that does not start an escape such as `%20` in its path");
        };
        if decoded == b".." || decoded == b"." {
            return Some("has `.` or `..` in its path");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            normalize_base_url("https://example.gov.vn/cds").unwrap(),
            "https://example.gov.vn/cds/"
        );
        assert_eq!(
            normalize_base_url("http://localhost:1111/").unwrap(),
            "http://localhost:1111/"
        );
        assert!(normalize_base_url("example.gov.vn").is_err());
        assert!(normalize_base_url("https:///x").is_err());
        assert_eq!(
            normalize_base_url("HTTPS://Example.gov.vn:443/a").unwrap(),
            "https://example.gov.vn/a/"
        );
        assert_eq!(
            normalize_base_url("https://bộ.vn/tiến-độ/").unwrap(),
            "https://xn--b-8xm.vn/ti%E1%BA%BFn-%C4%91%E1%BB%99/"
        );
        assert_eq!(
            normalize_base_url("http://[::1]:1111").unwrap(),
            "http://[::1]:1111/"
        );
        for bad in [
            "https://user:pw@example.gov.vn/",
            "https://user@example.gov.vn/",
            "https://example.gov.vn/a/../b/",
            "https://example.gov.vn/a/%2e%2e/b/",
            "https://example.gov.vn/./",
            "https://example.gov.vn//a/",
            "https://example.gov.vn/a//b/",
            "https://example.gov.vn/50%/",
            "https://exa mple.gov.vn/",
            "https://example.gov.vn:99999/",
            "https://ex\\ample.gov.vn/",
            "ftp://example.gov.vn/",
            "//example.gov.vn/",
        ] {
            assert!(normalize_base_url(bad).is_err(), "{bad}");
        }
    }
}
