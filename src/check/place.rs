//! Where a broken link is written: on its line of the Markdown file its page comes from, or,
//! for links of the theme, once per problem with the pages it is on.

use super::printable;
use super::sources::Sources;
use crate::diag::{line_col, Diagnostic, Diagnostics};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

/// A broken link found on a page.
pub(super) struct Broken {
    /// The output path of the page (`tin-tuc/x/index.html`).
    pub page: String,
    /// The link as the page has it.
    pub href: String,
    /// What to say about it, on its source's line.
    pub why: String,
    /// The same, without what depends on the page (the relative `href`), for theme links.
    pub generic: String,
    pub help: String,
    /// Root-relative form of the target, to find the link in a Markdown source.
    pub target_path: String,
    pub fragment: String,
}

/// The diagnostics for `broken`, in the order found: each placed in its Markdown source where
/// it is found there (one per place), the others reported once per problem.
pub(super) fn report(broken: Vec<Broken>, sources: &Sources) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut seen: HashSet<(PathBuf, Option<usize>, Option<usize>)> = HashSet::new();
    let mut finder = Finder::default();
    let mut generated = Generated::default();
    for b in broken {
        match finder.place(&b, sources) {
            Some(d) => {
                if seen.insert((d.path.clone(), d.line(), d.column())) {
                    diags.push(d);
                }
            }
            None => generated.add(b),
        }
    }
    generated.report(&mut diags);
    diags
}

/// Finds broken links in Markdown sources. The same link written twice on a page is broken
/// twice: the n-th finding of a page goes to the n-th place its text is written.
#[derive(Default)]
struct Finder {
    /// (page, text searched) → how many findings of that page it already placed.
    found: HashMap<(String, String), usize>,
}

impl Finder {
    /// The error for `b` at its line of the Markdown file its page comes from, if it is found
    /// there: in the body, else in the front matter (an `image:`).
    fn place(&mut self, b: &Broken, sources: &Sources) -> Option<Diagnostic> {
        let path = sources.page_source.get(&b.page)?;
        let src = sources.texts.get(path)?;
        let body_start = sources.body_start.get(path).copied().unwrap_or(0);
        let offset = self
            .find(b, &src.text, body_start)
            .or_else(|| self.find(b, &src.text, 0))?;
        let (line, col) = line_col(&src.text, offset);
        Some(printable_snippet(
            Diagnostic::error(&src.path, b.why.clone())
                .at(line, col)
                .with_source(&src.text)
                .help(b.help.clone()),
        ))
    }

    /// The byte offset in `text`, from `start` on, where `b` is written.
    fn find(&mut self, b: &Broken, text: &str, start: usize) -> Option<usize> {
        let region = text.get(start..)?;
        let (needle, places) = candidates(b)
            .into_iter()
            .filter(|c| !c.is_empty() && c.as_str() != "/")
            .map(|c| {
                let places = link_places(region, &c);
                (c, places)
            })
            .find(|(_, places)| !places.is_empty())?;
        let n = self.found.entry((b.page.clone(), needle)).or_insert(0);
        let at = places.get(*n).or(places.last()).copied()?;
        *n += 1;
        Some(start + at)
    }
}

/// The texts a link may be written as in Markdown, best first: as the page has it, then
/// root-relative (Markdown links are written so and rendered relative), then the fragment.
fn candidates(b: &Broken) -> [String; 5] {
    let frag = if b.fragment.is_empty() {
        String::new()
    } else {
        format!("#{}", b.fragment)
    };
    let root_rel = format!("/{}", b.target_path);
    [
        b.href.clone(),
        // Raw HTML writes `&` as `&amp;`.
        b.href.replace('&', "&amp;"),
        format!("{root_rel}{frag}"),
        format!("{}{frag}", root_rel.trim_end_matches('/')),
        frag,
    ]
}

/// The byte offsets in `body` where `needle` is written as the target of a link (`](x`,
/// `](<x`, `]: x`, `="x"`, `='x'`, `=x`), or, if it is nowhere so, anywhere.
fn link_places(body: &str, needle: &str) -> Vec<usize> {
    const BEFORE: [&str; 6] = ["](", "](<", "]: ", "=\"", "='", "="];
    let all: Vec<usize> = body.match_indices(needle).map(|(i, _)| i).collect();
    let as_link: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| {
            body.get(..i)
                .is_some_and(|before| BEFORE.iter().any(|b| before.ends_with(b)))
        })
        .collect();
    if as_link.is_empty() {
        all
    } else {
        as_link
    }
}

/// `d` with the control characters of its quoted source line escaped.
pub(super) fn printable_snippet(mut d: Diagnostic) -> Diagnostic {
    if let Some(s) = &d.snippet {
        d.snippet = Some(printable(s).into_owned());
    }
    d
}

/// Broken links not found in any Markdown file: they come from the theme, one report per
/// problem with the pages it is on.
#[derive(Default)]
struct Generated {
    pages: BTreeMap<String, Vec<String>>,
    help: HashMap<String, String>,
}

impl Generated {
    fn add(&mut self, b: Broken) {
        self.help.entry(b.generic.clone()).or_insert(b.help);
        self.pages.entry(b.generic).or_default().push(b.page);
    }

    fn report(mut self, diags: &mut Diagnostics) {
        for (why, mut pages) in self.pages {
            let help = self.help.remove(&why).unwrap_or_default();
            pages.sort();
            pages.dedup();
            let first = pages.first().cloned().unwrap_or_default();
            let shown = printable(&first);
            let message = if pages.len() == 1 {
                format!("{why} (in the generated page `{shown}`)")
            } else {
                format!(
                    "{why} (in {} generated pages, such as `{shown}`)",
                    pages.len()
                )
            };
            diags.push(Diagnostic::error(first, message).help(format!(
                "{help}; this link is not in a Markdown file, so it comes from the theme's templates (`themes/`) or from a page's front matter"
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_where_written_as_links() {
        let body =
            "See /nam/2099/ and [a](/nam/2099/).\n<a href=\"/nam/2099/\">b</a>\n[r]: /nam/2099/\n";
        let places = link_places(body, "/nam/2099/");
        assert_eq!(places.len(), 3);
        assert!(body[places[0]..].starts_with("/nam/2099/)"));
        assert!(body[places[1]..].starts_with("/nam/2099/\">"));
        // Nowhere as a link: anywhere.
        assert_eq!(link_places("text ../x/ text", "../x/"), [5]);
    }
}
