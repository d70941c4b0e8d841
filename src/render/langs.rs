//! What each language shows: its articles, its tags, its standalone pages (with the model's
//! fallback rule for a page missing in it), and its UI strings.

use super::templates;
use crate::diag::Diagnostics;
use crate::format::Formatter;
use crate::model::{pages_in_language, Doc, ShownPage, Site};
use crate::slug::slugify;
use crate::theme::Theme;
use std::collections::{BTreeMap, HashMap};

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
    /// The UI strings the templates use (`t.key`), handed to every page.
    pub template_strings: serde_json::Value,
    pub news: Vec<&'a Doc>,
    pub tags: Vec<TagData<'a>>,
    /// Standalone pages in this language, or their fallback (`model::pages_in_language`).
    pub pages: Vec<ShownPage<'a>>,
}

impl LangData<'_> {
    pub fn fmt(&self) -> Formatter<'_> {
        Formatter::new(&self.strings)
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
    LangData {
        code: code.to_string(),
        template_strings,
        strings,
        tags: tags_of(&news),
        news,
        pages: pages_in_language(&site.pages, code, site.config.default_lang()),
    }
}

/// The tags of a language's articles, by slug.
fn tags_of<'a>(news: &[&'a Doc]) -> Vec<TagData<'a>> {
    let mut tags: BTreeMap<String, TagData> = BTreeMap::new();
    // A site has few distinct tags and many tagged articles: slugify each tag text once, and
    // look tags up without allocating.
    let mut slugs: HashMap<&str, String> = HashMap::new();
    for d in news {
        for t in &d.tags {
            let slug = slugs.entry(t.as_str()).or_insert_with(|| slugify(t));
            match tags.get_mut(slug.as_str()) {
                // Docs arrive in order, so a repeat (two tags with one slug) is the last one.
                Some(entry) => {
                    if !entry.docs.last().is_some_and(|x| std::ptr::eq(*x, *d)) {
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
    tags.into_values().collect()
}
