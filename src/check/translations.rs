//! The translation report: each article and page, and each data field, that lacks a language.

use super::printable;
use super::sources::Sources;
use crate::diag::Position;
use crate::model::{Doc, Localized, Site, Year};
use crate::yaml::Seg;
use crate::ypath;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// What lacks a language.
#[derive(Debug, Clone, Default)]
pub struct TranslationReport {
    /// The site's languages.
    pub languages: Vec<String>,
    /// Articles and pages: kind (`article`, `page`), stem, a file of it, missing languages.
    pub docs: Vec<(String, String, PathBuf, Vec<String>)>,
    /// Data fields: file, line, what, missing languages.
    pub fields: Vec<(PathBuf, Option<Position>, String, Vec<String>)>,
}

impl TranslationReport {
    /// True when everything is written in every language.
    pub fn is_complete(&self) -> bool {
        self.docs.is_empty() && self.fields.is_empty()
    }
}

impl fmt::Display for TranslationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let langs = self.languages.join(", ");
        if self.is_complete() {
            return writeln!(
                f,
                "translations: every article, page and data field is written in every language ({langs})"
            );
        }
        writeln!(f, "translations (site languages: {langs}):")?;
        self.fmt_docs(f)?;
        self.fmt_fields(f)
    }
}

impl TranslationReport {
    fn fmt_docs(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let articles = self.docs.iter().filter(|d| d.0 == "article").count();
        let pages = self.docs.len() - articles;
        writeln!(
            f,
            "  {articles} article{} and {pages} page{} lack a language{}",
            if articles == 1 { "" } else { "s" },
            if pages == 1 { "" } else { "s" },
            if self.docs.is_empty() { "" } else { ":" }
        )?;
        for (kind, stem, path, missing) in &self.docs {
            writeln!(
                f,
                "    {kind} `{}` ({}): no {}",
                printable(stem),
                printable(&path.display().to_string()),
                missing.join(", ")
            )?;
        }
        Ok(())
    }

    fn fmt_fields(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.fields.len();
        writeln!(
            f,
            "  {n} data field{} lack{} a language{}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" },
            if n == 0 { "" } else { ":" }
        )?;
        for (path, line, what, missing) in &self.fields {
            let loc = match line {
                Some(Position::Text { line, .. }) => format!("{}:{line}", path.display()),
                Some(cell) => format!("{} {cell}", path.display()),
                None => path.display().to_string(),
            };
            writeln!(
                f,
                "    {}: {}: no {}",
                printable(&loc),
                printable(what),
                missing.join(", ")
            )?;
        }
        Ok(())
    }
}

/// What lacks a language in `site`.
pub(super) fn translations(site: &Site, sources: &Sources) -> TranslationReport {
    let cfg = &site.config;
    let default = cfg.default_lang();
    let mut docs = missing_docs("article", &site.news, &cfg.languages, default);
    docs.extend(missing_docs("page", &site.pages, &cfg.languages, default));
    let mut fields = Fields {
        languages: &cfg.languages,
        default,
        sources,
        missing: Vec::new(),
    };
    fields.site(site);
    for y in &site.years {
        fields.year(y);
        fields.records(y);
    }
    TranslationReport {
        languages: cfg.languages.clone(),
        docs,
        fields: fields.missing,
    }
}

/// Articles or pages (`kind`) not written in every language: kind, stem, the file shown (the
/// default-language one where there is one), missing languages.
fn missing_docs(
    kind: &str,
    list: &[Doc],
    languages: &[String],
    default: &str,
) -> Vec<(String, String, PathBuf, Vec<String>)> {
    let mut by_stem: BTreeMap<&str, Vec<&Doc>> = BTreeMap::new();
    for d in list {
        by_stem.entry(d.stem.as_str()).or_default().push(d);
    }
    let mut out = Vec::new();
    for (stem, docs) in by_stem {
        let missing: Vec<String> = languages
            .iter()
            .filter(|l| !docs.iter().any(|d| &d.lang == *l))
            .cloned()
            .collect();
        let shown = docs.iter().find(|d| d.lang == default).or(docs.first());
        if let (false, Some(shown)) = (missing.is_empty(), shown) {
            out.push((kind.into(), stem.into(), shown.source.clone(), missing));
        }
    }
    out
}

/// The data fields of the site checked for every language.
struct Fields<'a> {
    languages: &'a [String],
    default: &'a str,
    sources: &'a Sources,
    /// File, line, what, missing languages.
    missing: Vec<(PathBuf, Option<Position>, String, Vec<String>)>,
}

impl Fields<'_> {
    /// Notes `value` (at `at` in `path`, described as `what`) if it lacks a language.
    fn field(&mut self, path: &Path, at: &[Seg], what: String, value: &Localized) {
        let missing: Vec<String> = self
            .languages
            .iter()
            .filter(|l| value.exact(l, self.default).is_none())
            .cloned()
            .collect();
        if !missing.is_empty() {
            let line = self.sources.locate(path, at);
            self.missing.push((path.to_path_buf(), line, what, missing));
        }
    }

    /// `site.yaml`: title, description, organisation.
    fn site(&mut self, site: &Site) {
        let cfg = &site.config;
        let p = Path::new("content/site.yaml");
        self.field(p, &ypath!["title"], "site title".into(), &cfg.title);
        if let Some(d) = &cfg.description {
            self.field(p, &ypath!["description"], "site description".into(), d);
        }
        if let Some(o) = &cfg.organisation {
            self.field(p, &ypath!["organisation"], "organisation".into(), o);
        }
    }

    /// A year's title and summary, its plans and groups.
    fn year(&mut self, y: &Year) {
        let p = y.source.as_path();
        if let Some(t) = &y.title {
            self.field(p, &ypath!["title"], "year title".into(), t);
        }
        if let Some(t) = &y.summary_md {
            self.field(p, &ypath!["summary"], "year summary".into(), t);
        }
        for (i, x) in y.plans.iter().enumerate() {
            if let Some(t) = &x.title {
                let what = format!("plan `{}` title", x.id);
                self.field(p, &ypath!["plans", i, "title"], what, t);
            }
        }
        for (i, x) in y.groups.iter().enumerate() {
            let what = format!("group `{}` name", x.id);
            self.field(p, &ypath!["groups", i, "name"], what, &x.name);
        }
    }

    /// A year's goals (title, unit, note), tasks (title, owner) and indicators (name).
    fn records(&mut self, y: &Year) {
        let p = y.source.as_path();
        for (i, x) in y.goals.iter().enumerate() {
            let what = |f: &str| format!("goal `{}` {f}", x.id);
            self.field(p, &ypath!["goals", i, "title"], what("title"), &x.title);
            if let Some(t) = &x.unit {
                self.field(p, &ypath!["goals", i, "unit"], what("unit"), t);
            }
            if let Some(t) = &x.note {
                self.field(p, &ypath!["goals", i, "note"], what("note"), t);
            }
        }
        for (i, x) in y.tasks.iter().enumerate() {
            let what = |f: &str| format!("task `{}` {f}", x.id);
            self.field(p, &ypath!["tasks", i, "title"], what("title"), &x.title);
            if let Some(t) = &x.owner {
                self.field(p, &ypath!["tasks", i, "owner"], what("owner"), t);
            }
        }
        for (i, x) in y.indicators.iter().enumerate() {
            let what = format!("indicator `{}` name", x.id);
            self.field(p, &ypath!["indicators", i, "name"], what, &x.name);
        }
    }
}
