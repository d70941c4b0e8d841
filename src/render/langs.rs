//! What each language shows: its articles, its tags, its standalone pages (with the model's
//! fallback rule for a page missing in it), and its UI strings.

use super::templates;
use crate::diag::Diagnostics;
use crate::format::Formatter;
use crate::model::{pages_in_language, Doc, ShownPage, Site};
use crate::slug::slugify;
use crate::theme::Theme;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// A tag of one language and its articles, newest first.
pub(crate) struct TagData<'a> {
    pub slug: String,
    pub name: String,
    pub docs: Vec<&'a Doc>,
}

/// One language of the site and what it shows.
pub(crate) struct LangData<'a> {
    pub code: String,
    pub strings: BTreeMap<String, String>,
    /// What every page of this language starts from: the UI strings the templates use, as
    /// `t` (`t.key`). Made once and cloned, which is cheaper than serialising them per page.
    pub page_context: tera::Context,
    pub news: Vec<&'a Doc>,
    pub tags: Vec<TagData<'a>>,
    /// The slug of each tag text of this language's articles, made once (a card links every
    /// tag it shows, and an article is shown on many list pages).
    pub tag_slugs: FxHashMap<&'a str, String>,
    /// Standalone pages in this language, or their fallback (`model::pages_in_language`).
    pub pages: Vec<ShownPage<'a>>,
}

impl LangData<'_> {
    pub fn fmt(&self) -> Formatter<'_> {
        Formatter::new(&self.strings)
    }

    /// The slug of tag text `t`.
    pub fn tag_slug<'s>(&'s self, t: &str) -> std::borrow::Cow<'s, str> {
        match self.tag_slugs.get(t) {
            Some(slug) => slug.as_str().into(),
            None => slugify(t).into(),
        }
    }
}

/// What each of the site's languages shows, in its order; problems with the UI strings go
/// to `diags`. `used` are the strings the templates read.
pub(crate) fn languages<'a>(
    site: &'a Site,
    theme: &Theme,
    used: &BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> Vec<LangData<'a>> {
    let strings: Vec<(&str, BTreeMap<String, String>)> = site
        .config
        .languages
        .iter()
        .map(|code| {
            let (strings, d) = theme.strings(code);
            diags.extend(d);
            (code.as_str(), strings)
        })
        .collect();
    // The default language is the first; its strings stand in for missing ones.
    let Some((default, defaults)) = strings.first() else {
        return Vec::new();
    };
    let for_templates: Vec<serde_json::Value> = strings
        .iter()
        .map(|(code, s)| {
            templates::template_strings(theme, used, (code, s), (default, defaults), diags)
        })
        .collect();
    strings
        .into_iter()
        .zip(for_templates)
        .map(|((code, s), t)| lang_data(site, code, s, t))
        .collect()
}

/// Gathers what language `code` shows, with its UI strings and those of them the templates
/// read.
fn lang_data<'a>(
    site: &'a Site,
    code: &str,
    strings: BTreeMap<String, String>,
    template_strings: serde_json::Value,
) -> LangData<'a> {
    let news: Vec<&Doc> = site.news.iter().filter(|d| d.lang == code).collect();
    let (tags, tag_slugs) = tags_of(&news);
    let mut page_context = tera::Context::new();
    page_context.insert("t", &template_strings);
    LangData {
        code: code.to_string(),
        page_context,
        strings,
        tags,
        tag_slugs,
        news,
        pages: pages_in_language(&site.pages, code, site.config.default_lang()),
    }
}

/// The tags of a language's articles, by slug, and the slug of each tag text.
fn tags_of<'a>(news: &[&'a Doc]) -> (Vec<TagData<'a>>, FxHashMap<&'a str, String>) {
    let mut tags: BTreeMap<String, TagData> = BTreeMap::new();
    // A site has few distinct tags and many tagged articles: slugify each tag text once, and
    // look tags up without allocating.
    let mut slugs: FxHashMap<&'a str, String> = FxHashMap::default();
    for &d in news {
        for t in &d.tags {
            let slug = slugs.entry(t.as_str()).or_insert_with(|| slugify(t));
            match tags.get_mut(slug.as_str()) {
                // Docs arrive in order, so a repeat (two tags with one slug) is the last one.
                Some(entry) => {
                    if !entry.docs.last().is_some_and(|x| std::ptr::eq(*x, d)) {
                        entry.docs.push(d);
                    }
                }
                None => {
                    tags.insert(
                        slug.clone(),
                        TagData {
                            slug: slug.clone(),
                            name: t.clone(),
                            docs: vec![d],
                        },
                    );
                }
            }
        }
    }
    (tags.into_values().collect(), slugs)
}
