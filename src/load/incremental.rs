//! Incremental reloading for `tiendo serve`: re-reads only the Markdown files that changed and
//! says what changed in each, so the renderer can redo only the pages that show it.

use super::doc::{load_doc, sort_docs};
use super::LoadOptions;
use crate::diag::{Diagnostic, Diagnostics};
pub use crate::model::DocChange;
use crate::model::{Doc, DocKind, Site};
use std::path::{Path, PathBuf};

/// The kind of a content path (`content/news/x.vi.md`), if it is a Markdown document.
pub fn doc_kind(rel: &Path) -> Option<DocKind> {
    let parts: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
    match parts.as_slice() {
        ["content", "news", name] if name.ends_with(".md") && !name.starts_with('.') => {
            Some(DocKind::News)
        }
        ["content", "pages", name] if name.ends_with(".md") && !name.starts_with('.') => {
            Some(DocKind::Page)
        }
        _ => None,
    }
}

fn same_metadata(a: &Doc, b: &Doc) -> bool {
    a.title == b.title
        && a.date == b.date
        && a.summary == b.summary
        && a.tags == b.tags
        && a.slug == b.slug
        && a.year == b.year
        && a.draft == b.draft
        && a.image == b.image
        && a.author == b.author
}

/// Re-reads the changed Markdown files (paths relative to the root) into `site`. On an error
/// the site is left as it was and the diagnostics are returned.
pub fn update_docs(
    site: &mut Site,
    opts: &LoadOptions,
    changed: &[PathBuf],
) -> Result<Vec<DocChange>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut updates: Vec<(PathBuf, DocKind, Option<Doc>)> = Vec::new();
    for rel in changed {
        let Some(kind) = doc_kind(rel) else { continue };
        let new = if opts.root.join(rel).is_file() {
            let (doc, d) = load_doc(&opts.root, rel, kind, &site.config);
            diags.extend(d);
            doc
        } else {
            None
        };
        let published = new.filter(|d| {
            if let Some(y) = d.year {
                if site.year(y).is_none() {
                    diags.push(
                        Diagnostic::error(
                            &d.source,
                            format!("`year: {y}` names a year with no `content/years/{y}.yaml`"),
                        )
                        .help("add the year file, or remove `year:`"),
                    );
                    return false;
                }
            }
            let future = d.date.as_ref().is_some_and(|t| t.date > opts.today);
            opts.drafts || !(d.draft || future)
        });
        if let Some(d) = &published {
            let list = if kind == DocKind::News {
                &site.news
            } else {
                &site.pages
            };
            if let Some(other) = list
                .iter()
                .find(|x| x.lang == d.lang && x.slug == d.slug && x.source != d.source)
            {
                diags.push(
                    Diagnostic::error(
                        &d.source,
                        format!(
                            "the slug `{}` is also used by `{}`",
                            d.slug,
                            other.source.display()
                        ),
                    )
                    .help("give one of them another `slug:` in its front matter"),
                );
            }
        }
        updates.push((rel.clone(), kind, published));
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let mut changes = Vec::new();
    for (rel, kind, new) in updates {
        let list = if kind == DocKind::News {
            &mut site.news
        } else {
            &mut site.pages
        };
        let old = list
            .iter()
            .position(|x| x.source == rel)
            .map(|i| list.remove(i));
        let metadata = match (&old, &new) {
            (Some(a), Some(b)) => !same_metadata(a, b),
            (None, None) => false,
            _ => true,
        };
        let Some(any) = new.as_ref().or(old.as_ref()) else {
            continue;
        };
        let mut tags: Vec<String> = old
            .iter()
            .chain(new.iter())
            .flat_map(|d| d.tags.iter().cloned())
            .collect();
        tags.sort();
        tags.dedup();
        let mut years: Vec<i32> = old
            .iter()
            .chain(new.iter())
            .filter_map(|d| d.year)
            .collect();
        years.dedup();
        let page_removed = match (&old, &new) {
            (Some(a), Some(b)) => a.slug != b.slug,
            (Some(_), None) => true,
            _ => false,
        };
        changes.push(DocChange {
            kind,
            stem: any.stem.clone(),
            lang: any.lang.clone(),
            metadata,
            tags,
            years,
            page_removed,
        });
        list.extend(new);
    }
    sort_docs(&mut site.news, &mut site.pages);
    Ok(changes)
}
