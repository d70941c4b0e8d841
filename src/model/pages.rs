//! Which version of a standalone page each language shows: the one rule that the renderer,
//! the loader's missing-translation warning and `tiendo check` share.
//!
//! A language shows a page in its own language; where the page has no version in it, the
//! default-language version, marked as a fallback (with its `lang` and a notice); a page that
//! exists in neither is not shown in that language.

use super::Doc;

/// A standalone page as one language shows it.
#[derive(Debug, Clone, Copy)]
pub struct ShownPage<'a> {
    /// The version shown.
    pub doc: &'a Doc,
    /// `doc` is the default-language version, shown because the page has none in this
    /// language.
    pub fallback: bool,
}

/// The version of one page (`versions`: its files, one per language) that `lang` shows.
pub fn shown_version<'a>(
    versions: &[&'a Doc],
    lang: &str,
    default_lang: &str,
) -> Option<ShownPage<'a>> {
    let find = |l: &str| versions.iter().find(|d| d.lang == l).copied();
    match find(lang) {
        Some(doc) => Some(ShownPage {
            doc,
            fallback: false,
        }),
        None => find(default_lang).map(|doc| ShownPage {
            doc,
            fallback: true,
        }),
    }
}

/// The standalone pages `lang` shows, in the order of their stems' first files in `pages`.
pub fn pages_in_language<'a>(
    pages: &'a [Doc],
    lang: &str,
    default_lang: &str,
) -> Vec<ShownPage<'a>> {
    let mut stems: Vec<&str> = Vec::new();
    for p in pages {
        if !stems.contains(&p.stem.as_str()) {
            stems.push(&p.stem);
        }
    }
    stems
        .into_iter()
        .filter_map(|stem| {
            let versions: Vec<&Doc> = pages.iter().filter(|p| p.stem == stem).collect();
            shown_version(&versions, lang, default_lang)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocKind;
    use std::path::PathBuf;

    fn page(stem: &str, lang: &str) -> Doc {
        Doc {
            kind: DocKind::Page,
            stem: stem.into(),
            lang: lang.into(),
            slug: format!("{stem}-{lang}"),
            title: stem.into(),
            date: None,
            author: None,
            summary: None,
            tags: Vec::new(),
            image: None,
            year: None,
            draft: false,
            body: String::new(),
            body_line: 1,
            front_matter: String::new(),
            explicit_slug: false,
            source: PathBuf::from(format!("content/pages/{stem}.{lang}.md")),
        }
    }

    fn shown(pages: &[Doc], lang: &str) -> Vec<(String, String, bool)> {
        pages_in_language(pages, lang, "vi")
            .into_iter()
            .map(|s| (s.doc.stem.clone(), s.doc.lang.clone(), s.fallback))
            .collect()
    }

    #[test]
    fn a_missing_page_falls_back_to_the_default_language_only() {
        let pages = [
            page("about", "en"),
            page("about", "vi"),
            page("only-en", "en"),
            page("only-vi", "vi"),
            page("only-fr", "fr"),
        ];
        let row = |s: &str, l: &str, f| (s.to_string(), l.to_string(), f);
        assert_eq!(
            shown(&pages, "vi"),
            [row("about", "vi", false), row("only-vi", "vi", false)]
        );
        assert_eq!(
            shown(&pages, "en"),
            [
                row("about", "en", false),
                row("only-en", "en", false),
                row("only-vi", "vi", true)
            ]
        );
        // A page in neither the language nor the default one is not shown there.
        assert_eq!(
            shown(&pages, "fr"),
            [
                row("about", "vi", true),
                row("only-vi", "vi", true),
                row("only-fr", "fr", false)
            ]
        );
    }
}
