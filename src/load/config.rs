//! `content/site.yaml` → `SiteConfig`.

use super::source::or_push;
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

fn read_raw(src: &SourceText, diags: &mut Diagnostics) -> Option<SiteRaw> {
    if src.text.trim().is_empty() {
        diags.push(
            Diagnostic::error(&src.path, "`site.yaml` is empty")
                .help("give the site at least a title, for example: `title: {vi: \"Tiến độ\", en: \"Progress\"}`"),
        );
        return None;
    }
    or_push(yaml::parse(&src.text, &src.path, 0), diags)
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

/// Checks an absolute http(s) URL and makes it end with `/`.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("must start with `https://` or `http://`, found `{url}`"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("has no host name: `{url}`"));
    }
    if url.contains(['?', '#', ' ', '"', '<', '>']) {
        return Err(format!(
            "must be a plain address without spaces, quotes, `?` or `#`: `{url}`"
        ));
    }
    let mut u = url.to_string();
    if !u.ends_with('/') {
        u.push('/');
    }
    Ok(u)
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
    }
}
