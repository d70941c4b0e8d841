//! The source texts of the site's files, and which Markdown file each rendered page comes from:
//! what `check` needs to place a finding on its line.

use super::place::printable_snippet;
use crate::diag::{Diagnostic, Position};
use crate::load::{is_workbook, read_source, workbook_locator, Locator, SheetLocator, SourceText};
use crate::model::{Doc, Site};
use crate::urls::{self, Target};
use crate::yaml::Seg;
use crate::ypath;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The source texts of the site's year files and documents, read once.
pub struct Sources {
    pub(super) texts: HashMap<PathBuf, SourceText>,
    /// Year files kept as workbooks → where each value is (its cell).
    sheets: HashMap<PathBuf, SheetLocator>,
    /// Output file (`tin-tuc/x/index.html`) → the Markdown file it comes from.
    pub(super) page_source: HashMap<String, PathBuf>,
    /// Markdown file → byte offset in its text where the body starts (after the front matter).
    pub(super) body_start: HashMap<PathBuf, usize>,
}

impl Sources {
    /// Reads the source text of every year file, article and page of `site`, and `site.yaml`.
    pub fn read(root: &Path, site: &Site) -> Sources {
        let mut texts = HashMap::new();
        let mut sheets = HashMap::new();
        let languages = &site.config.languages;
        for p in source_paths(site) {
            if is_workbook(p) {
                if let Some(loc) = workbook_locator(root, p, languages) {
                    sheets.insert(p.to_path_buf(), loc);
                }
            } else if let Ok(src) = read_source(root, p) {
                texts.insert(p.to_path_buf(), src);
            }
        }
        Sources {
            sheets,
            ..Sources::new(site, texts)
        }
    }

    /// The sources of `site` from texts already read (path relative to the root → text).
    pub fn new(site: &Site, texts: HashMap<PathBuf, SourceText>) -> Sources {
        let body_start = site
            .news
            .iter()
            .chain(&site.pages)
            .filter_map(|d| {
                let text = &texts.get(&d.source)?.text;
                Some((d.source.clone(), line_start(text, d.body_line)))
            })
            .collect();
        Sources {
            texts,
            sheets: HashMap::new(),
            page_source: page_sources(site),
            body_start,
        }
    }

    /// A warning placed where the value at `at` of `path` is written: its line, or its cell.
    pub(super) fn warning_at(&self, path: &Path, at: &[Seg], message: String) -> Diagnostic {
        if let Some(sheet) = self.sheets.get(path) {
            let loc: &dyn Locator = sheet;
            return printable_snippet(loc.warning(at, message));
        }
        match self.texts.get(path) {
            Some(src) => printable_snippet(src.warning_at(at, message)),
            None => Diagnostic::warning(path, message),
        }
    }

    /// Where to point, and what to say, for item `i` of `list` (`goals`, `tasks`) of the year
    /// file `path` whose `field` did not change at the latest review `review` (still `value`):
    /// to write the value as reported, or record that it did not change. A YAML file points at
    /// the item's `history`; a workbook has no `history` cell, so it points at the current
    /// value's and names the column `history.<review>`.
    pub(super) fn history_hint(
        &self,
        path: &Path,
        list: &str,
        i: usize,
        field: &str,
        review: &str,
        value: &str,
    ) -> ([Seg; 3], String) {
        if is_workbook(path) {
            let help = format!(
                "write its `{field}` as {review} reported it; if it truly did not change, say so with {value} in its column `history.{review}` (`Kỳ {review}`)"
            );
            (ypath![list, i, field], help)
        } else {
            let help = format!(
                "write its `{field}` as {review} reported it; if it truly did not change, say so with `{review}: {value}` in its `history`"
            );
            (ypath![list, i, "history"], help)
        }
    }

    /// Where the value at `at` of `path` is written: a line and column, or a cell.
    pub(super) fn locate(&self, path: &Path, at: &[Seg]) -> Option<Position> {
        if let Some(sheet) = self.sheets.get(path) {
            return sheet.value(at);
        }
        let (line, column) = crate::yaml::locate(&self.texts.get(path)?.text, at)?;
        Some(Position::Text {
            line,
            column: Some(column),
        })
    }
}

/// The byte offset where 1-based line `line` of `text` starts (the end for a line past it).
fn line_start(text: &str, line: usize) -> usize {
    text.split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum()
}

/// The files whose lines `check` may point at.
fn source_paths(site: &Site) -> Vec<&Path> {
    let mut paths: Vec<&Path> = site.years.iter().map(|y| y.source.as_path()).collect();
    paths.extend(site.news.iter().map(|d| d.source.as_path()));
    paths.extend(site.pages.iter().map(|d| d.source.as_path()));
    paths.push(Path::new("content/site.yaml"));
    paths
}

/// Output file → Markdown source, for every article and every standalone page in every
/// language it is shown in.
fn page_sources(site: &Site) -> HashMap<String, PathBuf> {
    let cfg = &site.config;
    let mut page_source = HashMap::new();
    for d in &site.news {
        let path = urls::path(cfg, &d.lang, Target::Article(&d.slug));
        page_source.insert(urls::file_of(&path), d.source.clone());
    }
    for lang in &cfg.languages {
        for d in pages_shown_in(site, lang) {
            let path = urls::path(cfg, lang, Target::Page(&d.slug));
            page_source
                .entry(urls::file_of(&path))
                .or_insert_with(|| d.source.clone());
        }
    }
    page_source
}

/// The standalone pages the site shows in `lang`: each page in `lang` itself, else its
/// default-language version.
///
/// This is check's one use of the page-language fallback; the renderer has its own rule (which
/// also falls back to any language), and the two are to become one at merge.
fn pages_shown_in<'a>(site: &'a Site, lang: &str) -> Vec<&'a Doc> {
    let default = site.config.default_lang();
    let mut shown: Vec<&Doc> = site.pages.iter().filter(|d| d.lang == lang).collect();
    shown.extend(site.pages.iter().filter(|d| {
        d.lang == default
            && !site
                .pages
                .iter()
                .any(|o| o.stem == d.stem && o.lang == lang)
    }));
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_start_on_char_boundaries() {
        let text = "---\nđ: ỗ\n---\nbody\n";
        assert_eq!(line_start(text, 1), 0);
        assert_eq!(&text[line_start(text, 4)..], "body\n");
        assert_eq!(line_start(text, 0), 0);
        assert_eq!(line_start(text, 99), text.len());
    }
}
