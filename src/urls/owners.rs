//! Who writes each output path. Every file of the site has one owner: a second claim on a path,
//! a file where another owner writes a folder (`nam` beside `nam/2023/`), or a file inside a
//! folder another owner keeps whole (the search index), is a collision, reported as an error
//! that names both owners. The renderer claims every path its jobs will write before it
//! renders anything (`render/claims.rs`), so a collision never overwrites a file; the files
//! whose names only rendering knows (the search index's shards, the sitemap's parts) are
//! claimed as they come, before the site's own static files, the last to be written.
//!
//! Cost: one map entry per page or file, and a lookup per folder level of each path (about
//! 30 ms at 10,000 articles in two languages, less than a percent of the build).

use super::{path, Target};
use crate::diag::{Diagnostic, Position};
use crate::model::SiteConfig;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// What claims a path, as messages name it and where they point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// What it is: "the article `tong-ket`", "goal `G01`", "the list of tags of `vi`". An
    /// owner with a file names no language: its URL says which.
    pub what: String,
    /// The file a user wrote that makes the claim, where there is one (an article, a year
    /// file, `site.yaml`, a static file): the error is shown there.
    pub file: Option<PathBuf>,
    /// Where in `file`.
    pub position: Option<Position>,
    /// What to do when this owner is the one the error is shown on.
    pub fix: &'static str,
}

impl Owner {
    /// An owner made by tiendo itself (a section, a feed), with nothing a user wrote behind it.
    pub fn generated(what: impl Into<String>) -> Owner {
        Owner {
            what: what.into(),
            file: None,
            position: None,
            fix: "",
        }
    }

    /// An owner that a file of the site makes, with the fix its error suggests.
    pub fn from_file(
        what: impl Into<String>,
        file: impl Into<PathBuf>,
        fix: &'static str,
    ) -> Owner {
        Owner {
            what: what.into(),
            file: Some(file.into()),
            position: None,
            fix,
        }
    }

    /// Sets where in its file the claim is written.
    pub fn at(mut self, position: Option<Position>) -> Owner {
        self.position = position;
        self
    }

    /// What it is, with its file: "the page `a` (vi) (`content/pages/a.vi.md`)".
    fn named(&self) -> String {
        match &self.file {
            Some(f) => format!("{} (`{}`)", self.what, f.display()),
            None => self.what.clone(),
        }
    }

    /// Who it is, whatever language it claims a path in (the `what` of an owner with a file
    /// names no language): two claims of one owner in two languages are one collision.
    fn identity(&self) -> String {
        let at = self
            .position
            .as_ref()
            .map(|p| p.to_string())
            .unwrap_or_default();
        let file = self
            .file
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_default();
        format!("{file}:{at}:{}", self.what)
    }
}

/// How a claim holds its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hold {
    /// The one file at the path (a page's `index.html`, a feed, a data file).
    File,
    /// Every file under the folder (`search/vi/`).
    Folder,
}

/// How two claims collide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// Both write the one file at the path.
    Same,
    /// The path would be a file of one and a folder of the other: `first_is_file` says which.
    FileAndFolder {
        /// The first claim is the file, the second writes inside the folder.
        first_is_file: bool,
    },
    /// The first keeps the folder whole; the second would write inside it.
    InsideKept,
}

/// A collision: a path, the owner that claimed it first, the one that claimed it again.
#[derive(Debug, Clone)]
pub struct Collision {
    /// The output path, as the site shows it (`/the/`, `/nam/2023/data.json`).
    pub url: String,
    /// How they collide.
    pub clash: Clash,
    /// The first claim.
    pub first: Owner,
    /// The claim that collides with it.
    pub second: Owner,
}

impl Collision {
    /// The error: shown on the claim that a user wrote (the later one when both were),
    /// naming both, with that claim's fix.
    pub fn diagnostic(&self) -> Diagnostic {
        let (shown, other) = if self.second.file.is_some() || self.first.file.is_none() {
            (&self.second, &self.first)
        } else {
            (&self.first, &self.second)
        };
        let file = shown
            .file
            .clone()
            .unwrap_or_else(|| PathBuf::from("content"));
        let url = &self.url;
        let (first, second) = (self.first.named(), self.second.named());
        let message = match self.clash {
            Clash::Same => format!(
                "`{url}` would be written twice: by {} and by {}",
                other.named(),
                shown.named()
            ),
            Clash::FileAndFolder { first_is_file } => {
                let (file, folder) = if first_is_file {
                    (first, second)
                } else {
                    (second, first)
                };
                format!("`{url}` would be both a file and a folder: {file} is the file, and {folder} is written inside the folder")
            }
            Clash::InsideKept => {
                format!("`{url}` is kept whole for {first}: {second} cannot be written inside it")
            }
        };
        let d = Diagnostic::error(file, message).at_position(shown.position.clone());
        match (shown.fix, other.fix) {
            ("", "") => d.help("rename one of them: every page and file of the site has one owner"),
            ("", fix) | (fix, _) => d.help(fix),
        }
    }
}

/// The owners of the output paths, claimed one by one.
#[derive(Debug, Default)]
pub struct Owners {
    /// Path → (its owner, how it holds the path). A folder's path ends with `/`; a page's is
    /// its `index.html`.
    paths: BTreeMap<String, (Owner, Hold)>,
    collisions: Vec<Collision>,
    /// Pairs of owners already reported (a collision in every language is reported once).
    reported: HashSet<(String, String)>,
}

impl Owners {
    /// No claims yet.
    pub fn new() -> Owners {
        Owners::default()
    }

    /// Claims the path of `target` in `lang` (a page claims its `index.html`).
    pub fn claim(&mut self, config: &SiteConfig, lang: &str, target: Target, owner: Owner) {
        let p = super::file_of(&path(config, lang, target));
        self.claim_file(p, owner);
    }

    /// Claims one file, by its output path.
    pub fn claim_file(&mut self, path: String, owner: Owner) {
        self.insert(path, owner, Hold::File);
    }

    /// Claims every file under a folder (`search/vi/`): nothing else may be written there.
    pub fn claim_folder(&mut self, folder: String, owner: Owner) {
        let folder = if folder.ends_with('/') {
            folder
        } else {
            format!("{folder}/")
        };
        self.insert(folder, owner, Hold::Folder);
    }

    /// Whether `path` is claimed, as a file or inside a claimed folder.
    pub fn owns(&self, path: &str) -> bool {
        self.paths.contains_key(path) || self.folder_over(path).is_some()
    }

    /// The claimed folder (`Hold::Folder`) that `path` lies in, if any.
    fn folder_over(&self, path: &str) -> Option<&(Owner, Hold)> {
        path.match_indices('/')
            .filter_map(|(i, _)| self.paths.get(&path[..=i]))
            .find(|(_, h)| *h == Hold::Folder)
    }

    fn insert(&mut self, path: String, owner: Owner, hold: Hold) {
        if let Some((first, _)) = self.paths.get(&path) {
            let first = first.clone();
            self.collide(&path, Clash::Same, first, owner);
            return;
        }
        // A folder on the way is a file of another owner, or a folder kept whole.
        let blocked = path
            .match_indices('/')
            .find_map(|(i, _)| {
                let above = &path[..i];
                let file = self.paths.get(above).map(|(o, _)| {
                    (
                        above,
                        Clash::FileAndFolder {
                            first_is_file: true,
                        },
                        o,
                    )
                });
                let kept = self
                    .paths
                    .get(&path[..=i])
                    .filter(|(_, h)| *h == Hold::Folder && path.len() > i + 1)
                    .map(|(o, _)| (&path[..=i], Clash::InsideKept, o));
                file.or(kept)
            })
            .map(|(at, clash, o)| (at.to_string(), clash, o.clone()));
        if let Some((at, clash, first)) = blocked {
            self.collide(&at, clash, first, owner);
            return;
        }
        // This is a file where others write under a folder of that name, or a folder kept
        // whole that already has files of others.
        let (below, clash) = match hold {
            Hold::File => (
                format!("{path}/"),
                Clash::FileAndFolder {
                    first_is_file: false,
                },
            ),
            Hold::Folder => (path.clone(), Clash::InsideKept),
        };
        let under = self
            .paths
            .range(below.clone()..)
            .next()
            .filter(|(p, _)| p.starts_with(&below))
            .map(|(_, (o, _))| o.clone());
        if let Some(first) = under {
            // A folder kept whole over files already there: the folder's owner comes first
            // in the message, whose error is shown on the file that is in the way.
            match hold {
                Hold::File => self.collide(&path, clash, first, owner),
                Hold::Folder => self.collide(&path, clash, owner, first),
            }
            return;
        }
        self.paths.insert(path, (owner, hold));
    }

    fn collide(&mut self, path: &str, clash: Clash, first: Owner, second: Owner) {
        if first == second {
            return;
        }
        let key = (first.identity(), second.identity());
        if !self.reported.insert(key) {
            return;
        }
        self.collisions.push(Collision {
            url: format!("/{}", path.strip_suffix("index.html").unwrap_or(path)),
            clash,
            first,
            second,
        });
    }

    /// The paths claimed as one file each, in path order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.paths
            .iter()
            .filter(|(_, (_, h))| *h == Hold::File)
            .map(|(p, _)| p.as_str())
    }

    /// The collisions found so far, in the order they were found.
    pub fn collisions(&self) -> &[Collision] {
        &self.collisions
    }

    /// The errors of the collisions found so far.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.collisions.iter().map(Collision::diagnostic).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gen(what: &str) -> Owner {
        Owner::generated(what)
    }

    fn file(what: &str, f: &str) -> Owner {
        Owner::from_file(what, f, "rename it")
    }

    #[test]
    fn one_path_two_owners_is_one_collision_shown_on_the_file_a_user_wrote() {
        let mut o = Owners::new();
        o.claim_file("the/index.html".into(), gen("the list of tags (vi)"));
        o.claim_file(
            "the/index.html".into(),
            file("the home page of language `the`", "content/site.yaml"),
        );
        let d = o.diagnostics();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, PathBuf::from("content/site.yaml"));
        assert!(
            d[0].message.contains("`/the/` would be written twice"),
            "{}",
            d[0].message
        );
        assert!(d[0].message.contains("the list of tags (vi)"));
        assert_eq!(d[0].help.as_deref(), Some("rename it"));
    }

    #[test]
    fn a_file_where_a_folder_is_written_collides_either_way_round() {
        let mut o = Owners::new();
        o.claim_file("nam/2023/index.html".into(), gen("the report of 2023"));
        o.claim_file("nam".into(), file("the file", "content/static/nam"));
        assert_eq!(o.collisions().len(), 1);
        assert_eq!(o.collisions()[0].url, "/nam");

        let mut o = Owners::new();
        o.claim_file("atom.xml".into(), gen("the feed"));
        o.claim_file(
            "atom.xml/x.png".into(),
            file("the file", "content/static/atom.xml/x.png"),
        );
        assert_eq!(o.collisions().len(), 1);
        assert_eq!(o.collisions()[0].url, "/atom.xml");
    }

    #[test]
    fn a_folder_kept_whole_admits_no_other_file() {
        let mut o = Owners::new();
        o.claim_folder("search/vi".into(), gen("the search index (vi)"));
        o.claim_file(
            "search/vi/s/ch.json".into(),
            file("f", "content/static/search/vi/s/ch.json"),
        );
        o.claim_file(
            "search/en.json".into(),
            file("g", "content/static/search/en.json"),
        );
        assert_eq!(o.collisions().len(), 1);
        assert!(o.owns("search/vi/meta.json"));
        assert!(o.owns("search/en.json"));
        assert!(!o.owns("search/fr/meta.json"));
        // A folder claimed after files of others were put in it.
        let mut o = Owners::new();
        o.claim_file(
            "data/x.json".into(),
            file("f", "content/static/data/x.json"),
        );
        o.claim_folder("data/".into(), gen("the data"));
        assert_eq!(o.collisions().len(), 1);
    }

    #[test]
    fn one_pair_of_owners_is_reported_once_whatever_the_languages() {
        let mut o = Owners::new();
        for lang in ["", "en/"] {
            o.claim_file(
                format!("{lang}muc-tieu/g01/index.html"),
                file("goal `G01`", "content/years/2023.yaml"),
            );
            o.claim_file(
                format!("{lang}muc-tieu/g01/index.html"),
                file("goal `g01`", "content/years/2024.yaml"),
            );
        }
        assert_eq!(o.collisions().len(), 1);
    }

    #[test]
    fn distinct_paths_never_collide() {
        let mut o = Owners::new();
        o.claim_file("tin-tuc/index.html".into(), gen("a"));
        o.claim_file("tin-tuc/page/2/index.html".into(), gen("b"));
        o.claim_file("tin-tuc/page/index.html".into(), gen("c"));
        o.claim_file("tin-tuc-cu/index.html".into(), gen("d"));
        o.claim_folder("search/vi/".into(), gen("e"));
        o.claim_folder("search/en/".into(), gen("f"));
        assert!(o.collisions().is_empty(), "{:?}", o.collisions());
    }
}
