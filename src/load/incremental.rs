//! Incremental reloading for `tiendo serve`: re-reads only the Markdown files that changed and
//! says what changed in each, so the renderer can redo only the pages that show it.

use super::doc::load_doc;
use super::publish::{is_published, names_a_year_with_a_file, sort_docs};
use super::LoadOptions;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs;
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
    let mut updates: Vec<Update> = Vec::new();
    for rel in changed {
        let Some(kind) = doc_kind(rel) else { continue };
        let published = reload(site, opts, rel, kind, &mut diags);
        if let Some(d) = &published {
            slug_taken(site, d, &mut diags);
        }
        updates.push(Update {
            rel: rel.clone(),
            kind,
            new: published,
        });
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let changes = updates.into_iter().filter_map(|u| apply(site, u)).collect();
    sort_docs(&mut site.news, &mut site.pages);
    Ok(changes)
}

/// One changed file: its new document, or `None` where it is gone or not published.
struct Update {
    rel: PathBuf,
    kind: DocKind,
    new: Option<Doc>,
}

/// The file's document as it is now, if it exists and is published.
fn reload(
    site: &Site,
    opts: &LoadOptions,
    rel: &Path,
    kind: DocKind,
    diags: &mut Diagnostics,
) -> Option<Doc> {
    if !fs::is_file(&opts.root.join(rel)) {
        return None;
    }
    let (doc, d) = load_doc(&opts.root, rel, kind, &site.config);
    diags.extend(d);
    let doc = doc?;
    let years: Vec<i32> = site.years.iter().map(|y| y.year).collect();
    (names_a_year_with_a_file(&doc, &years, diags) && is_published(&doc, opts)).then_some(doc)
}

/// Another file of the same list and language already has this slug.
fn slug_taken(site: &Site, d: &Doc, diags: &mut Diagnostics) {
    let list = if d.kind == DocKind::News {
        &site.news
    } else {
        &site.pages
    };
    let other = list
        .iter()
        .find(|x| x.lang == d.lang && x.slug == d.slug && x.source != d.source);
    if let Some(other) = other {
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

/// Puts the new document in place of the old one and says what changed.
fn apply(site: &mut Site, u: Update) -> Option<DocChange> {
    let list = if u.kind == DocKind::News {
        &mut site.news
    } else {
        &mut site.pages
    };
    let old = list
        .iter()
        .position(|x| x.source == u.rel)
        .map(|i| list.remove(i));
    let change = describe(u.kind, old.as_ref(), u.new.as_ref());
    list.extend(u.new);
    change
}

/// What changed between the old and the new version of a document (either may be missing).
fn describe(kind: DocKind, old: Option<&Doc>, new: Option<&Doc>) -> Option<DocChange> {
    let any = new.or(old)?;
    let both = || old.into_iter().chain(new);
    let mut tags: Vec<String> = both().flat_map(|d| d.tags.iter().cloned()).collect();
    tags.sort();
    tags.dedup();
    let mut years: Vec<i32> = both().filter_map(|d| d.year).collect();
    years.dedup();
    let (metadata, page_removed) = match (old, new) {
        (Some(a), Some(b)) => (!same_metadata(a, b), a.slug != b.slug),
        (Some(_), None) => (true, true),
        (None, Some(_)) => (true, false),
        (None, None) => (false, false),
    };
    Some(DocChange {
        kind,
        stem: any.stem.clone(),
        lang: any.lang.clone(),
        metadata,
        tags,
        years,
        page_removed,
    })
}
