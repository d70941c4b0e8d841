//! The publication rules and the checks across documents: a `year:` needs its year file, drafts
//! and future-dated documents wait for `--drafts`, a page may not take a section's slug, two
//! documents may not share a slug, and a page should exist in every language.

use super::LoadOptions;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{shown_version, Doc, DocKind, SiteConfig};
use crate::yaml::locate;
use crate::ypath;
use std::collections::HashMap;

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
        if !names_a_year_with_a_file(&doc, years, diags) || !is_published(&doc, opts) {
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
    missing_page_translations(&pages, config, diags);
    duplicate_slugs(&news, diags);
    duplicate_slugs(&pages, diags);
    sort_docs(&mut news, &mut pages);
    (news, pages)
}

/// Whether the article's `year:` has a year file; an error on its line if not (the one rule
/// for a full load and for serve's re-read of an article).
pub(super) fn names_a_year_with_a_file(doc: &Doc, years: &[i32], diags: &mut Diagnostics) -> bool {
    let Some(y) = doc.year else { return true };
    if years.contains(&y) {
        return true;
    }
    let known: Vec<String> = years.iter().map(|x| x.to_string()).collect();
    diags.push(
        Diagnostic::error(
            &doc.source,
            format!("`year: {y}` names a year with no `content/years/{y}.yaml` (or `.xlsx`)"),
        )
        .at_opt(fm_position(doc, "year"))
        .help(if known.is_empty() {
            "add the year file, or remove `year:`".to_string()
        } else {
            format!("the site's years are: {}", known.join(", "))
        }),
    );
    false
}

/// Drafts and future-dated documents are published only with `--drafts`.
pub fn is_published(doc: &Doc, opts: &LoadOptions) -> bool {
    let future = doc.date.as_ref().is_some_and(|d| d.date > opts.today);
    opts.drafts || !(doc.draft || future)
}

/// A warning for each page that lacks a site language.
fn missing_page_translations(pages: &[Doc], config: &SiteConfig, diags: &mut Diagnostics) {
    let mut stems: Vec<&str> = pages.iter().map(|p| p.stem.as_str()).collect();
    stems.sort_unstable();
    stems.dedup();
    for stem in stems {
        let variants: Vec<&Doc> = pages.iter().filter(|p| p.stem == stem).collect();
        let Some(first) = variants.first() else {
            continue;
        };
        for lang in &config.languages {
            if !variants.iter().any(|p| &p.lang == lang) {
                let add = format!("add `content/pages/{stem}.{lang}.md`");
                let (file, help) = match shown_version(&variants, lang, config.default_lang()) {
                    Some(s) => (&s.doc.source, format!("{add}; until then the `{lang}` site shows this page in `{}`, marked with its `lang`", s.doc.lang)),
                    None => (&first.source, format!("{add}; until then the `{lang}` site does not show this page")),
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
}

/// Two documents of one list and language with one slug: an error on the one that chose the
/// slug explicitly, else on the later one.
fn duplicate_slugs(list: &[Doc], diags: &mut Diagnostics) {
    let mut seen: HashMap<(&str, &str), &Doc> = HashMap::new();
    for d in list {
        let Some(first) = seen.insert((d.lang.as_str(), d.slug.as_str()), d) else {
            continue;
        };
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
