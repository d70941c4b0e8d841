//! The search page of each language and the documents of its index: articles, standalone
//! pages, and every year's goals and tasks (each leading to its record page).

use crate::model::{Bucket, Localized, TaskStatus};
use crate::render::common::{PageSpec, Translations};
use crate::render::jobs::{Made, Rendered};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::search::{build_index, SearchDoc};
use crate::render::views::{PageKind, SearchView};
use crate::render::OutputFile;
use crate::slug::slugify;
use crate::urls::{self, Target};

use super::record_parts::year_anchor;
use std::collections::BTreeMap;

impl Renderer<'_> {
    /// The search page and the language's search index.
    pub(crate) fn search(&self, l: &LangData) -> Rendered {
        let mut docs = self.article_docs(l);
        docs.extend(self.record_docs(l));
        let mut out: Vec<OutputFile> = build_index(&docs, &search_labels(l))
            .into_iter()
            .map(|(f, bytes)| OutputFile::new(self.path(&l.code, Target::SearchIndex(&f)), bytes))
            .collect();
        let path = self.path(&l.code, Target::Search);
        let dir = urls::dir_of(&path).to_string();
        let title = l.fmt().tr("search_heading", &[]);
        let common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Search,
                title: Some(&title),
                description: None,
                translations: Translations::Everywhere(Target::Search),
            },
        );
        let view = SearchView {
            index: urls::relative(&dir, &self.path(&l.code, Target::SearchIndex(""))),
            script: urls::relative(&dir, &self.asset_path("assets/search.js")),
        };
        out.push(self.page("search.html", &common, l, ("search", &view))?);
        Ok(Made::from(out))
    }

    /// The language's articles and standalone pages as search documents.
    fn article_docs(&self, l: &LangData) -> Vec<SearchDoc> {
        let mut docs = Vec::new();
        for doc in &l.news {
            let mut texts = vec![(doc.title.clone(), 10), (strip_shortcodes(&doc.body), 1)];
            texts.extend(doc.tags.iter().map(|t| (t.clone(), 5)));
            texts.extend(doc.summary.iter().map(|s| (s.clone(), 3)));
            docs.push(SearchDoc {
                kind: "article",
                year: doc
                    .year
                    .or(doc.date.as_ref().map(|t| t.date.year()))
                    .unwrap_or(0),
                status: String::new(),
                title: doc.title.clone(),
                url: self.path(&l.code, Target::Article(&doc.slug)),
                texts,
            });
        }
        for doc in l.pages.iter().map(|p| p.doc) {
            docs.push(SearchDoc {
                kind: "page",
                year: 0,
                status: String::new(),
                title: doc.title.clone(),
                url: self.path(&l.code, Target::Page(&doc.slug)),
                texts: vec![(doc.title.clone(), 10), (strip_shortcodes(&doc.body), 1)],
            });
        }
        docs
    }

    /// Every year's goals and tasks as search documents, newest year first.
    fn record_docs(&self, l: &LangData) -> Vec<SearchDoc> {
        let d = self.default_lang();
        let text = |x: &Localized| x.resolve(&l.code, d).0.to_string();
        let mut docs = Vec::new();
        // Each entry leads to the record's page, at that year's section.
        let record = |target: Target, year: i32| {
            format!("{}#{}", self.path(&l.code, target), year_anchor(year))
        };
        for y in self.site.years.iter().rev() {
            for g in &y.goals {
                let mut texts = vec![(text(&g.title), 10), (g.id.clone(), 10)];
                texts.extend(
                    g.group
                        .as_deref()
                        .and_then(|id| y.group(id))
                        .map(|gr| (text(&gr.name), 2)),
                );
                texts.extend(g.note.as_ref().map(|n| (text(n), 1)));
                docs.push(SearchDoc {
                    kind: "goal",
                    year: y.year,
                    status: g.bucket.key().to_string(),
                    title: format!("{} {}", g.id, text(&g.title)),
                    url: record(Target::Goal(&slugify(&g.id)), y.year),
                    texts,
                });
            }
            for t in &y.tasks {
                let mut texts = vec![(text(&t.title), 10), (t.id.clone(), 10)];
                texts.extend(t.owner.as_ref().map(|o| (text(o), 3)));
                docs.push(SearchDoc {
                    kind: "task",
                    year: y.year,
                    status: t.status.key().to_string(),
                    title: format!("{} {}", t.id, text(&t.title)),
                    url: record(Target::Task(&slugify(&t.id)), y.year),
                    texts,
                });
            }
        }
        docs
    }
}

/// The labels the search script shows: document types, buckets and statuses, the count line.
fn search_labels(l: &LangData) -> BTreeMap<String, String> {
    let fmt = l.fmt();
    let mut labels = BTreeMap::new();
    for k in ["article", "page", "goal", "task"] {
        labels.insert(format!("type_{k}"), fmt.tr(&format!("type_{k}"), &[]));
    }
    for b in Bucket::ALL {
        labels.insert(
            format!("status_{}", b.key()),
            fmt.tr(&format!("bucket_{}", b.key()), &[]),
        );
    }
    for st in TaskStatus::ALL {
        labels.insert(
            format!("status_{}", st.key()),
            fmt.tr(&format!("status_{}", st.key()), &[]),
        );
    }
    labels.insert("count".into(), fmt.tr("search_count", &[]));
    labels
}

/// Markdown without its `{{ … }}` shortcodes, for the search index.
fn strip_shortcodes(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        match rest[i..].find("}}") {
            Some(j) => rest = &rest[i + j + 2..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
