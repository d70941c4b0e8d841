//! `content/site.yaml` → `SiteConfig`.

use super::{check_localized, SourceText};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Localized, SiteConfig};
use crate::yaml::{self, locate};
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
    if src.text.trim().is_empty() {
        diags.push(
            Diagnostic::error(&src.path, "`site.yaml` is empty")
                .help("give the site at least a title, for example: `title: {vi: \"Tiến độ\", en: \"Progress\"}`"),
        );
        return None;
    }
    let raw: SiteRaw = match yaml::parse(&src.text, &src.path, 0) {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let mut ok = true;
    let languages = raw
        .languages
        .unwrap_or_else(|| vec!["vi".to_string(), "en".to_string()]);
    if languages.is_empty() {
        diags.push(
            src.error_at(&ypath!["languages"], "`languages` is empty")
                .help("list the site's languages, the default first: `languages: [vi, en]`"),
        );
        ok = false;
    }
    for (i, code) in languages.iter().enumerate() {
        let valid = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
        if !valid {
            diags.push(
                src.error_at(
                    &ypath!["languages", i],
                    format!("`{code}` is not a language code"),
                )
                .help("use two- or three-letter lower-case codes such as `vi` or `en`"),
            );
            ok = false;
        } else if languages[..i].contains(code) {
            diags.push(
                src.error_at(
                    &ypath!["languages", i],
                    format!("language `{code}` is listed twice"),
                )
                .help("list each language once"),
            );
            ok = false;
        }
    }
    let base_url = match base_url_override.map(str::to_string).or(raw.base_url) {
        Some(url) => match normalize_base_url(&url) {
            Ok(u) => u,
            Err(why) => {
                let d = Diagnostic::error(&src.path, format!("`base_url` {why}"))
                    .at_opt(locate(&src.text, &ypath!["base_url"]))
                    .with_source(&src.text)
                    .help("write the absolute address where the site will live, such as `https://example.gov.vn/cds/`");
                diags.push(d);
                ok = false;
                String::new()
            }
        },
        None => String::new(),
    };
    let theme = raw.theme.unwrap_or_else(|| "default".to_string());
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        diags.push(
            src.error_at(&ypath!["theme"], format!("`{theme}` is not a theme name"))
                .help("name a folder under `themes/`, such as `default`"),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let default = languages[0].clone();
    check_localized(
        src,
        &languages,
        &default,
        &raw.title,
        &ypath!["title"],
        "site title",
        diags,
    );
    if let Some(d) = &raw.description {
        check_localized(
            src,
            &languages,
            &default,
            d,
            &ypath!["description"],
            "site description",
            diags,
        );
    }
    if let Some(o) = &raw.organisation {
        check_localized(
            src,
            &languages,
            &default,
            o,
            &ypath!["organisation"],
            "organisation",
            diags,
        );
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
