//! `news/<stem>.<lang>.md` and `pages/<stem>.<lang>.md` → `Doc`: front matter, language from the
//! file name, slug, and the publication rules (drafts, future dates).

use super::{read_source, LoadOptions, SourceText};
use crate::date::Timestamp;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::model::{shown_version, Doc, DocKind, SiteConfig};
use crate::slug::slugify;
use crate::yaml::{self, locate};
use crate::ypath;
use serde::Deserialize;
use std::collections::HashMap;
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
    let file_name = src
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = file_name.trim_end_matches(".md");
    let (stem, lang) = match base.rsplit_once('.') {
        Some((stem, code)) if config.languages.iter().any(|l| l == code) => {
            (stem.to_string(), code.to_string())
        }
        Some((_, code))
            if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) =>
        {
            let hint = match did_you_mean(code, config.languages.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `.{s}.md`? Or add `{code}` to `languages` in site.yaml"),
                None => format!("name the file `<stem>.<lang>.md` with one of: {} — or add `{code}` to `languages` in site.yaml", config.languages.join(", ")),
            };
            diags.push(
                Diagnostic::error(
                    &src.path,
                    format!("`{code}` in the file name is not a site language"),
                )
                .help(hint),
            );
            return None;
        }
        _ => (base.to_string(), config.default_lang().to_string()),
    };
    if stem.is_empty() {
        diags.push(
            Diagnostic::error(&src.path, "the file name has no stem")
                .help("name it `<stem>.<lang>.md`, such as `tong-ket-2023.vi.md`"),
        );
        return None;
    }
    let Some((fm_text, body, body_line)) = split_front_matter(&src.text) else {
        let msg = if src.text.starts_with("---") {
            "the front matter is not closed"
        } else {
            "this file has no front matter"
        };
        diags.push(
            Diagnostic::error(&src.path, msg)
                .at(1, 1)
                .with_source(&src.text)
                .help("start the file with a `---` line, then `title: …` (and `date: YYYY-MM-DD` for news), then a closing `---` line"),
        );
        return None;
    };
    let fm: FrontMatter = match yaml::parse(fm_text, &src.path, 1) {
        Ok(f) => f,
        Err(d) => {
            let mut d = *d;
            if fm_text.trim().is_empty() {
                d = Diagnostic::error(&src.path, "the front matter is empty")
                    .at(1, 1)
                    .help("add at least `title: …` between the `---` lines");
            }
            diags.push(d);
            return None;
        }
    };
    let pos = |key: &str| locate(fm_text, &ypath![key]).map(|(l, c)| (l + 1, c));
    let err_at = |key: &str, msg: String| {
        Diagnostic::error(&src.path, msg)
            .at_opt(pos(key))
            .with_source(&src.text)
    };
    let mut ok = true;
    let key_at = |key: &str| {
        yaml::locate_key(fm_text, &ypath![key])
            .map(|(l, c)| (l + 1, c))
            .or_else(|| pos(key))
    };
    if fm.title.trim().is_empty() {
        diags.push(
            Diagnostic::error(&src.path, "the title is empty")
                .at_opt(key_at("title"))
                .with_source(&src.text)
                .help("write the title after `title:`"),
        );
        ok = false;
    } else if matches!(fm.title.trim(), "null" | "Null" | "NULL" | "~")
        && yaml::is_bare_null(fm_text, &ypath!["title"])
    {
        diags.push(
            err_at(
                "title",
                format!("`title: {}` means no title in YAML", fm.title.trim()),
            )
            .help(
                "write the title after `title:`; to use the word itself, put it in double quotes",
            ),
        );
        ok = false;
    }
    let image = fm.image.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(why) = image.and_then(image_problem) {
        diags.push(err_at("image", why).help(
            "give a file of `content/static/` from the site root, such as `/img/hoi-nghi.jpg`, or an `https://` address",
        ));
        ok = false;
    }
    let date = match fm.date.as_deref() {
        Some(d) => {
            match Timestamp::parse(d) {
                Ok(t) => Some(t),
                Err(why) => {
                    diags.push(err_at("date", format!("bad date: {why}")).help("write `date: 2024-01-15`, or with a time: `date: 2024-01-15T09:00:00+07:00`"));
                    ok = false;
                    None
                }
            }
        }
        None => None,
    };
    if kind == DocKind::News && fm.date.is_none() {
        diags.push(
            Diagnostic::error(&src.path, "a news article needs a `date`")
                .at(2, 1)
                .with_source(&src.text)
                .help("add `date: YYYY-MM-DD` to the front matter"),
        );
        ok = false;
    }
    let slug = slugify(fm.slug.as_deref().unwrap_or(&stem));
    let mut tags: Vec<String> = Vec::new();
    for (i, t) in fm.tags.iter().enumerate() {
        let t = t.trim();
        if t.is_empty() {
            let p = locate(fm_text, &ypath!["tags", i]).map(|(l, c)| (l + 1, c));
            diags.push(
                Diagnostic::error(&src.path, "an empty tag")
                    .at_opt(p)
                    .with_source(&src.text)
                    .help("remove the empty item from `tags`"),
            );
            ok = false;
        } else if !tags.iter().any(|x| x == t) {
            tags.push(t.to_string());
        }
    }
    if !ok {
        return None;
    }
    Some(Doc {
        kind,
        stem,
        lang,
        slug,
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

/// Why an `image:` value cannot be used: a script address, or a path that climbs out of the
/// site with `..`. `None` when it is fine.
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
    let path = image.split(['?', '#']).next().unwrap_or("");
    if !is_url && path.split(['/', '\\']).any(|seg| seg == ".." || seg == ".") {
        return Some(format!(
            "`image: {image}` uses `.` or `..`, which can point outside the site"
        ));
    }
    None
}

/// Where a front-matter key's value is written in the file (the YAML starts on line 2).
fn fm_position(doc: &Doc, key: &str) -> Option<(usize, usize)> {
    locate(&doc.front_matter, &ypath![key]).map(|(l, c)| (l + 1, c))
}

/// Applies the publication rules and cross-file checks; returns (news newest first, pages).
/// `years` are the years that have a file, whether or not it loaded without errors.
pub fn finish_docs(
    docs: Vec<Doc>,
    years: &[i32],
    config: &SiteConfig,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> (Vec<Doc>, Vec<Doc>) {
    let reserved = reserved_slugs(config);
    let mut news = Vec::new();
    let mut pages = Vec::new();
    for doc in docs {
        if let Some(y) = doc.year {
            if !years.contains(&y) {
                let known: Vec<String> = years.iter().map(|x| x.to_string()).collect();
                diags.push(
                    Diagnostic::error(
                        &doc.source,
                        format!("`year: {y}` names a year with no `content/years/{y}.yaml`"),
                    )
                    .at_opt(fm_position(&doc, "year"))
                    .help(if known.is_empty() {
                        "add the year file, or remove `year:`".to_string()
                    } else {
                        format!("the site's years are: {}", known.join(", "))
                    }),
                );
                continue;
            }
        }
        let future = doc.date.as_ref().is_some_and(|d| d.date > opts.today);
        if (doc.draft || future) && !opts.drafts {
            continue;
        }
        if doc.kind == DocKind::Page && reserved.contains(&doc.slug) {
            diags.push(
                Diagnostic::error(
                    &doc.source,
                    format!(
                        "the page slug `{}` is taken by a section of the site",
                        doc.slug
                    ),
                )
                .at_opt(fm_position(&doc, "slug").or(Some((1, 1))))
                .help("set another `slug:` in the front matter"),
            );
            continue;
        }
        match doc.kind {
            DocKind::News => news.push(doc),
            DocKind::Page => pages.push(doc),
        }
    }
    let mut stems: Vec<&str> = pages.iter().map(|p| p.stem.as_str()).collect();
    stems.sort_unstable();
    stems.dedup();
    for stem in stems {
        let variants: Vec<&Doc> = pages.iter().filter(|p| p.stem == stem).collect();
        for lang in &config.languages {
            if !variants.iter().any(|p| &p.lang == lang) {
                let add = format!("add `content/pages/{stem}.{lang}.md`");
                let (file, help) = match shown_version(&variants, lang, config.default_lang()) {
                    Some(s) => (&s.doc.source, format!("{add}; until then the `{lang}` site shows this page in `{}`, marked with its `lang`", s.doc.lang)),
                    None => (&variants[0].source, format!("{add}; until then the `{lang}` site does not show this page")),
                };
                diags.push(
                    Diagnostic::warning(
                        file,
                        format!("missing translation: page `{stem}` has no `{lang}` version"),
                    )
                    .help(help),
                );
            }
        }
    }
    for list in [&news, &pages] {
        let mut seen: HashMap<(&str, &str), &Doc> = HashMap::new();
        for d in list.iter() {
            if let Some(first) = seen.insert((d.lang.as_str(), d.slug.as_str()), d) {
                // Blame the file that chose the slug explicitly, else the later one.
                let (culprit, other) = if first.explicit_slug && !d.explicit_slug {
                    (first, d)
                } else {
                    (d, first)
                };
                diags.push(
                    Diagnostic::error(
                        &culprit.source,
                        format!(
                            "the slug `{}` is also used by `{}`",
                            culprit.slug,
                            other.source.display()
                        ),
                    )
                    .at_opt(fm_position(culprit, "slug").or(Some((1, 1))))
                    .help("give one of them another `slug:` in its front matter"),
                );
            }
        }
    }
    sort_docs(&mut news, &mut pages);
    (news, pages)
}

/// News newest first (ties by slug, then language); pages by stem, then language.
pub fn sort_docs(news: &mut [Doc], pages: &mut [Doc]) {
    news.sort_by(|a, b| {
        let ka = a.date.as_ref().map(|d| d.epoch_seconds).unwrap_or(0);
        let kb = b.date.as_ref().map(|d| d.epoch_seconds).unwrap_or(0);
        kb.cmp(&ka)
            .then_with(|| a.slug.cmp(&b.slug))
            .then_with(|| a.lang.cmp(&b.lang))
    });
    pages.sort_by(|a, b| a.stem.cmp(&b.stem).then_with(|| a.lang.cmp(&b.lang)));
}

/// First path segments that belong to generated sections, which a page slug may not take.
fn reserved_slugs(config: &SiteConfig) -> Vec<String> {
    let mut v: Vec<String> = crate::urls::RESERVED
        .iter()
        .map(|s| s.to_string())
        .collect();
    v.extend(config.languages.iter().cloned());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

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
