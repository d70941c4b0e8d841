//! `news/<stem>.<lang>.md` and `pages/<stem>.<lang>.md` → `Doc`: front matter, language from the
//! file name, slug, title, date, image and tags. The rules across documents (drafts, future
//! dates, slugs) are `publish.rs`'s.

use super::source::or_push;
use super::{read_source, Locator, SourceText, YamlLocator};
use crate::date::Timestamp;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::model::{Doc, DocKind, SiteConfig};
use crate::slug::slugify;
use crate::yaml;
use crate::ypath;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    date: Option<String>,
    author: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    image: Option<String>,
    year: Option<i32>,
    #[serde(default)]
    draft: bool,
    slug: Option<String>,
}

/// Reads and parses one Markdown file.
pub fn load_doc(
    root: &Path,
    rel: &Path,
    kind: DocKind,
    config: &SiteConfig,
) -> (Option<Doc>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let doc = match read_source(root, rel) {
        Ok(src) => parse_doc(&src, kind, config, &mut diags),
        Err(d) => {
            diags.push(*d);
            None
        }
    };
    (doc, diags)
}

/// Splits `---` front matter from the body: (yaml, body, 1-based line where the body starts).
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| if text == "---" { Some("") } else { None })?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + yaml.matches('\n').count() + 1;
            return Some((yaml, body, body_line));
        }
        offset += line.len();
    }
    None
}

/// Parses the text of a Markdown document.
pub fn parse_doc(
    src: &SourceText,
    kind: DocKind,
    config: &SiteConfig,
    diags: &mut Diagnostics,
) -> Option<Doc> {
    let (stem, lang) = or_push(stem_and_language(&src.path, config), diags)?;
    let (fm_text, body, body_line) = or_push(front_matter(src), diags)?;
    let errors = diags.error_count();
    let fm = parse_front_matter(src, fm_text, diags)?;
    let loc = YamlLocator::front_matter(src, fm_text);
    check_title(&fm, &loc, diags);
    check_no_shortcode(&fm, &loc, diags);
    check_slug(&fm, &loc, diags);
    check_image(&fm, &loc, diags);
    let date = date(&fm, &loc, diags);
    // A `date:` that did not read is its own error, not also a missing one.
    if kind == DocKind::News && fm.date.is_none() && loc.key(&ypath!["date"]).is_none() {
        diags.push(
            Diagnostic::error(&src.path, "a news article needs a `date`")
                .at(2, 1)
                .with_source(&src.text)
                .help("add `date: YYYY-MM-DD` to the front matter"),
        );
    }
    let tags = tags(&fm, &loc, diags);
    if diags.error_count() > errors {
        return None;
    }
    Some(Doc {
        kind,
        slug: slugify(fm.slug.as_deref().unwrap_or(&stem)),
        stem,
        lang,
        title: fm.title.trim().to_string(),
        date,
        author: fm.author.filter(|s| !s.trim().is_empty()),
        summary: fm.summary.filter(|s| !s.trim().is_empty()),
        tags,
        image: fm.image.filter(|s| !s.trim().is_empty()),
        year: fm.year,
        draft: fm.draft,
        body: if config.raw_html {
            body.to_string()
        } else {
            crate::markdown::escape_raw_html(body)
        },
        body_line,
        front_matter: fm_text.to_string(),
        explicit_slug: fm.slug.is_some(),
        source: src.path.clone(),
    })
}

/// The stem and language of `<stem>.<lang>.md` (a name without a language is in the default
/// one).
fn stem_and_language(
    path: &Path,
    config: &SiteConfig,
) -> Result<(String, String), Box<Diagnostic>> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = file_name.trim_end_matches(".md");
    let (stem, lang) = match base.rsplit_once('.') {
        Some((stem, code)) if config.languages.iter().any(|l| l == code) => {
            (stem.to_string(), code.to_string())
        }
        // `b.VI.md`: a site language in capitals, which would otherwise read as part of the
        // stem of a default-language file.
        Some((stem, code))
            if config
                .languages
                .iter()
                .any(|l| l.eq_ignore_ascii_case(code)) =>
        {
            let lower = code.to_ascii_lowercase();
            return Err(Box::new(
                Diagnostic::error(
                    path,
                    format!("the language `{code}` in the file name is in capitals"),
                )
                .help(format!(
                    "rename the file `{stem}.{lower}.md`: languages are written in lower case"
                )),
            ));
        }
        Some((_, code))
            if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) =>
        {
            let hint = match did_you_mean(code, config.languages.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `.{s}.md`? Or add `{code}` to `languages` in site.yaml"),
                None => format!("name the file `<stem>.<lang>.md` with one of: {} — or add `{code}` to `languages` in site.yaml", config.languages.join(", ")),
            };
            return Err(Box::new(
                Diagnostic::error(
                    path,
                    format!("`{code}` in the file name is not a site language"),
                )
                .help(hint),
            ));
        }
        _ => (base.to_string(), config.default_lang().to_string()),
    };
    if stem.is_empty() {
        return Err(Box::new(
            Diagnostic::error(path, "the file name has no stem")
                .help("name it `<stem>.<lang>.md`, such as `tong-ket-2023.vi.md`"),
        ));
    }
    // File names too may come decomposed (macOS): translations pair by stem.
    Ok((super::text::nfc(stem), lang))
}

/// The front matter, the body and the body's first line, or why there is no front matter.
fn front_matter(src: &SourceText) -> Result<(&str, &str, usize), Box<Diagnostic>> {
    split_front_matter(&src.text).ok_or_else(|| {
        let msg = if src.text.starts_with("---") {
            "the front matter is not closed"
        } else {
            "this file has no front matter"
        };
        Box::new(
            Diagnostic::error(&src.path, msg)
                .at(1, 1)
                .with_source(&src.text)
                .help("start the file with a `---` line, then `title: …` (and `date: YYYY-MM-DD` for news), then a closing `---` line"),
        )
    })
}

/// The front matter, read on past a key that does not read so that every such key is named
/// in one run (the checks below then run on the keys that did). `None` when it is empty, is
/// not YAML, or what is left is no front matter (its title is missing).
fn parse_front_matter(
    src: &SourceText,
    fm_text: &str,
    diags: &mut Diagnostics,
) -> Option<FrontMatter> {
    if fm_text.trim().is_empty() {
        diags.push(
            Diagnostic::error(&src.path, "the front matter is empty")
                .at(1, 1)
                .help("add at least `title: …` between the `---` lines"),
        );
        return None;
    }
    let (fm, errors) = yaml::parse_each_key(fm_text, &src.path, 1);
    for e in errors {
        diags.push(e);
    }
    fm
}

/// The title is not empty, and not YAML's null read as a word.
fn check_title(fm: &FrontMatter, loc: &YamlLocator<'_>, diags: &mut Diagnostics) {
    let title = fm.title.trim();
    let at = ypath!["title"];
    if title.is_empty() {
        let pos = loc.key(&at).or_else(|| loc.value(&at));
        let d = Diagnostic::error(loc.path(), "the title is empty")
            .help("write the title after `title:`");
        diags.push(loc.as_dyn().place(d, pos));
    } else if matches!(title, "null" | "Null" | "NULL" | "~") && loc.is_bare_null(&at) {
        diags.push(
            loc.as_dyn()
                .error(&at, format!("`title: {title}` means no title in YAML"))
                .help(
                    "write the title after `title:`; to use the word itself, put it in double quotes",
                ),
        );
    }
}

/// The title, summary and author are shown as written (in lists, feeds and the page's head):
/// a shortcode there would be published braces and all.
fn check_no_shortcode(fm: &FrontMatter, loc: &YamlLocator<'_>, diags: &mut Diagnostics) {
    let fields = [
        ("title", Some(fm.title.as_str())),
        ("summary", fm.summary.as_deref()),
        ("author", fm.author.as_deref()),
    ];
    for (key, text) in fields {
        let Some(call) = text.and_then(crate::markdown::shortcode_in) else {
            continue;
        };
        diags.push(
            loc.as_dyn()
                .error(
                    &ypath![key],
                    format!("the `{key}` holds the shortcode `{call}`, which is not expanded there"),
                )
                .help("shortcodes work in the body, below the closing `---`; write the text itself here"),
        );
    }
}

/// An explicit `slug:` makes an address: not empty, with a letter or a digit (a slug is
/// `[a-z0-9-]+`, so `slug: "!!!"` would give none).
fn check_slug(fm: &FrontMatter, loc: &YamlLocator<'_>, diags: &mut Diagnostics) {
    let Some(slug) = fm.slug.as_deref() else {
        return;
    };
    let why = if slug.trim().is_empty() {
        "`slug:` is empty".to_string()
    } else if !crate::slug::fold(slug)
        .chars()
        .any(|c| c.is_ascii_alphanumeric())
    {
        format!("`slug: {slug}` has no letter or digit to make an address of")
    } else {
        return;
    };
    diags.push(loc.as_dyn().error(&ypath!["slug"], why).help(
        "write the address with letters, digits and `-`, such as `slug: tong-ket-2023`, or remove `slug:` to use the file's name",
    ));
}

fn check_image(fm: &FrontMatter, loc: &YamlLocator<'_>, diags: &mut Diagnostics) {
    let image = fm.image.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(why) = image.and_then(image_problem) {
        diags.push(loc.as_dyn().error(&ypath!["image"], why).help(
            "give a file of `content/static/` from the site root, such as `/img/hoi-nghi.jpg`, or an `https://` address",
        ));
    }
}

fn date(fm: &FrontMatter, loc: &YamlLocator<'_>, diags: &mut Diagnostics) -> Option<Timestamp> {
    match Timestamp::parse(fm.date.as_deref()?) {
        Ok(t) => Some(t),
        Err(why) => {
            diags.push(
                loc.as_dyn()
                    .error(&ypath!["date"], format!("bad date: {why}"))
                    .help("write `date: 2024-01-15`, or with a time: `date: 2024-01-15T09:00:00+07:00`"),
            );
            None
        }
    }
}

/// The tags, trimmed, each once; an empty one is an error.
fn tags(fm: &FrontMatter, loc: &YamlLocator<'_>, diags: &mut Diagnostics) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for (i, t) in fm.tags.iter().enumerate() {
        let t = t.trim();
        if t.is_empty() {
            diags.push(
                loc.as_dyn()
                    .error(&ypath!["tags", i], "an empty tag")
                    .help("remove the empty item from `tags`"),
            );
        } else if !tags.iter().any(|x| x == t) {
            tags.push(t.to_string());
        }
    }
    tags
}

/// Why an `image:` value cannot be used: a script address, a protocol-relative address
/// (`//host/x.png`, which makes every page ask a third party), another scheme, or a path that
/// climbs out of the site with `.` or `..` (decoded first: `%2e%2e` is `..` to a browser).
/// `None` when it is fine.
fn image_problem(image: &str) -> Option<String> {
    if crate::markdown::is_script_url(image, true) && !image.starts_with('/') {
        return Some(format!(
            "`image: {image}` is a script address, not an image"
        ));
    }
    let lower = image.to_ascii_lowercase();
    let is_url = lower.starts_with("http://") || lower.starts_with("https://");
    let scheme = image
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.contains(['/', '?', '#']));
    if !is_url && !lower.starts_with("data:image") && scheme.is_some() {
        return Some(format!(
            "`image: {image}` is neither a file of the site nor an http(s) address"
        ));
    }
    // Browsers read `\` as `/`: `/\host/x.png` is `//host/x.png`.
    let slashes = image
        .chars()
        .take_while(|c| matches!(c, '/' | '\\'))
        .count();
    if !is_url && slashes >= 2 {
        return Some(format!(
            "`image: {image}` is an address on another server without its `https:`, which every page would ask for"
        ));
    }
    let path = image.split(['?', '#']).next().unwrap_or("");
    if is_url {
        return None;
    }
    let Some(decoded) = crate::urls::percent_decode(path) else {
        return Some(format!(
            "`image: {image}` has a `%` that does not start an escape (write `%25` for a `%`)"
        ));
    };
    let decoded = String::from_utf8_lossy(&decoded);
    if decoded
        .split(['/', '\\'])
        .any(|seg| seg == ".." || seg == ".")
    {
        return Some(format!(
            "`image: {image}` uses `.` or `..`, which can point outside the site"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_addresses() {
        for ok in [
            "/img/a.png",
            "img/a.png",
            "https://example.gov.vn/a.png",
            "/img/t%E1%BA%BFt.png",
            "data:image/png;base64,AA",
        ] {
            assert_eq!(image_problem(ok), None, "{ok}");
        }
        for bad in [
            "//evil.example/x.png",
            "/\\evil.example/x.png",
            "\\\\evil.example/x.png",
            "/img/../../x.png",
            "/img/%2e%2e/%2E%2E/x.png",
            "/img/%2e/x.png",
            "/img/.%2e/x.png",
            "/img/50%.png",
            "javascript:alert(1)",
            "file:///etc/passwd",
        ] {
            assert!(image_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn front_matter_split() {
        let (fm, body, line) =
            split_front_matter("---\ntitle: a\ndate: 2023-01-01\n---\nHello\n").unwrap();
        assert_eq!(fm, "title: a\ndate: 2023-01-01\n");
        assert_eq!(body, "Hello\n");
        assert_eq!(line, 5);
        assert!(split_front_matter("title: a\n").is_none());
        assert!(split_front_matter("---\ntitle: a\n").is_none());
        let (fm, body, _) = split_front_matter("---\n---\nx").unwrap();
        assert_eq!((fm, body), ("", "x"));
    }
}
