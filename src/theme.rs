//! The theme: Tera templates, static assets and UI strings. The default theme is embedded in
//! the binary; a site's `themes/<name>/` folder overrides it file by file. This module decides,
//! in one place, which file wins.

use crate::diag::{Diagnostic, Diagnostics};
use crate::fs;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8])),*]
    };
}

/// The built-in theme, `themes/default/` of this repository.
pub const DEFAULT_FILES: &[(&str, &[u8])] = embed![
    "templates/base.html",
    "templates/home.html",
    "templates/year.html",
    "templates/years.html",
    "templates/news_list.html",
    "templates/tags.html",
    "templates/article.html",
    "templates/page.html",
    "templates/404.html",
    "templates/search.html",
    "templates/agencies.html",
    "templates/agency.html",
    "templates/goal.html",
    "templates/task.html",
    "templates/review.html",
    "templates/macros.html",
    "static/assets/style.css",
    "static/assets/favicon.svg",
    "static/assets/search.js",
    "static/assets/tables.js",
    "i18n/vi.yaml",
    "i18n/en.yaml",
    "report/style.yaml",
];

/// A theme's files after overriding.
#[derive(Debug)]
pub struct Theme {
    /// Theme name.
    pub name: String,
    files: BTreeMap<String, Vec<u8>>,
    overridden: BTreeSet<String>,
    /// UI strings parsed once per language (`tiendo serve` renders many times).
    strings_cache: std::sync::Mutex<BTreeMap<String, Strings>>,
}

/// A language's UI strings and the problems found reading them.
type Strings = (BTreeMap<String, String>, Diagnostics);

impl Clone for Theme {
    fn clone(&self) -> Self {
        Theme {
            name: self.name.clone(),
            files: self.files.clone(),
            overridden: self.overridden.clone(),
            strings_cache: Default::default(),
        }
    }
}

impl Theme {
    /// The built-in theme alone.
    pub fn builtin() -> Self {
        let files = DEFAULT_FILES
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        Theme {
            name: "default".into(),
            files,
            overridden: BTreeSet::new(),
            strings_cache: Default::default(),
        }
    }

    /// The built-in theme with the files of `root/themes/<name>/` laid over it.
    pub fn load(root: &Path, name: &str) -> (Option<Theme>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let mut theme = Theme::builtin();
        theme.name = name.to_string();
        let dir = root.join("themes").join(name);
        if !fs::is_dir(&dir) {
            if name != "default" {
                diags.push(
                    Diagnostic::error("content/site.yaml", format!("theme `{name}` not found: there is no folder `themes/{name}/`"))
                        .help("create the folder, or remove `theme:` from site.yaml to use the built-in theme"),
                );
                return (None, diags);
            }
            return (Some(theme), diags);
        }
        theme.overlay(&dir, &mut diags);
        (Some(theme), diags)
    }

    /// Lays the files of the theme folder `dir` over the theme's, but those tiendo ignores
    /// everywhere (`load::is_ignored`: hidden files, editor back-ups, system litter).
    fn overlay(&mut self, dir: &Path, diags: &mut Diagnostics) {
        let name = self.name.clone();
        for entry in WalkDir::new(dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        format!("themes/{name}"),
                        format!("cannot read the theme folder: {e}"),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel: PathBuf = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_path_buf();
            let key = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if crate::load::is_ignored(&rel) {
                continue;
            }
            match fs::read(entry.path()) {
                Ok(bytes) => {
                    self.overridden.insert(key.clone());
                    self.files.insert(key, bytes);
                }
                Err(e) => diags.push(Diagnostic::error(
                    format!("themes/{name}/{key}"),
                    format!("cannot read this file: {}", e.source),
                )),
            }
        }
    }

    /// Where a theme file came from, for messages.
    pub fn source_of(&self, key: &str) -> String {
        if self.overridden.contains(key) {
            format!("themes/{}/{key}", self.name)
        } else {
            format!("(built-in theme) themes/default/{key}")
        }
    }

    /// A theme file by its path in the theme (`report/style.yaml`).
    pub fn file(&self, key: &str) -> Option<&[u8]> {
        self.files.get(key).map(Vec::as_slice)
    }

    /// A theme file as text (UTF-8, BOM and line endings normalised, NFC), or the error that
    /// names it; `None` when the theme has no such file.
    pub fn text(&self, key: &str) -> Option<Result<String, Box<Diagnostic>>> {
        let bytes = self.file(key)?;
        Some(crate::load::decode(
            Path::new(&self.source_of(key)),
            bytes.to_vec(),
        ))
    }

    /// Templates as (name, source), such as (`year.html`, …).
    pub fn templates(&self) -> Vec<(String, String)> {
        self.files
            .iter()
            .filter_map(|(k, v)| {
                let name = k.strip_prefix("templates/")?;
                Some((name.to_string(), String::from_utf8_lossy(v).into_owned()))
            })
            .collect()
    }

    /// Static files as (output path, bytes).
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("static/")?, v.as_slice())))
    }

    /// The UI strings of `lang`: the built-in file, then the site theme's on top; English where a
    /// language has no file at all.
    pub fn strings(&self, lang: &str) -> (BTreeMap<String, String>, Diagnostics) {
        let mut cache = self.strings_cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = cache.get(lang) {
            return hit.clone();
        }
        let parsed = self.parse_strings_of(lang);
        cache.insert(lang.to_string(), parsed.clone());
        parsed
    }

    fn parse_strings_of(&self, lang: &str) -> (BTreeMap<String, String>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let key = format!("i18n/{lang}.yaml");
        let own = self
            .files
            .get(&key)
            .filter(|_| self.overridden.contains(&key));
        let builtin = DEFAULT_FILES.iter().find(|(p, _)| *p == key);
        let english = || DEFAULT_FILES.iter().find(|(p, _)| *p == "i18n/en.yaml");
        if builtin.is_none() && own.is_none() {
            diags.push(
                Diagnostic::warning(format!("themes/{}/{key}", self.name), format!("the theme has no UI strings for `{lang}`; English ones are used"))
                    .help(format!("copy `i18n/en.yaml` of the default theme to `themes/{}/{key}` and translate it", self.name)),
            );
        }
        let mut map = match builtin.or_else(english) {
            Some((p, bytes)) => parse_strings(p, bytes, &mut diags),
            None => BTreeMap::new(),
        };
        if let Some(bytes) = own {
            let path = format!("themes/{}/{key}", self.name);
            let errors = diags.error_count();
            let theirs = parse_strings(&path, bytes, &mut diags);
            // A language tiendo does not ship is all in the theme's file: what it lacks is
            // shown in English, and said so. (Over a built-in file, a theme's file need only
            // hold the strings it changes.)
            if builtin.is_none() && diags.error_count() == errors {
                let missing: Vec<&str> = map
                    .keys()
                    .filter(|k| !theirs.contains_key(*k))
                    .map(String::as_str)
                    .collect();
                if let Some(d) = missing_strings(&path, lang, &missing) {
                    diags.push(d);
                }
            }
            map.extend(theirs);
        }
        (map, diags)
    }
}

/// The warning for the UI strings a theme's own language file lacks, if it lacks any.
fn missing_strings(path: &str, lang: &str, missing: &[&str]) -> Option<Diagnostic> {
    let first = missing.first()?;
    let listed: Vec<String> = missing.iter().take(5).map(|k| format!("`{k}`")).collect();
    let more = if missing.len() > 5 { ", …" } else { "" };
    Some(
        Diagnostic::warning(
            path,
            format!(
                "missing translation: {} UI string{} without `{lang}` text ({}{more}); the English ones are shown",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                listed.join(", ")
            ),
        )
        .help(format!("add them to the file, as `{first}: \"…\"`; `i18n/en.yaml` of the default theme has every string")),
    )
}

fn parse_strings(path: &str, bytes: &[u8], diags: &mut Diagnostics) -> BTreeMap<String, String> {
    let text = match crate::load::decode(Path::new(path), bytes.to_vec()) {
        Ok(t) => t,
        Err(d) => {
            diags.push(*d);
            return BTreeMap::new();
        }
    };
    match crate::yaml::parse::<BTreeMap<String, String>>(&text, Path::new(path), 0) {
        Ok(m) => m,
        Err(d) => {
            diags.push(*d);
            BTreeMap::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Theme {
        /// The theme with `key` (`i18n/fr.yaml`) overridden by `bytes`.
        fn with_file(mut self, key: &str, bytes: &[u8]) -> Theme {
            self.overridden.insert(key.to_string());
            self.files.insert(key.to_string(), bytes.to_vec());
            self
        }
    }

    fn english() -> &'static [u8] {
        DEFAULT_FILES
            .iter()
            .find(|(p, _)| *p == "i18n/en.yaml")
            .map(|(_, b)| *b)
            .expect("the built-in English strings")
    }

    #[test]
    fn a_language_tiendo_does_not_ship_says_which_strings_it_lacks() {
        let theme = Theme::builtin().with_file("i18n/fr.yaml", b"nav_home: \"Accueil\"\n");
        let (strings, diags) = theme.strings("fr");
        assert_eq!(strings["nav_home"], "Accueil");
        assert_eq!(strings["nav_news"], "News");
        let all: Vec<&Diagnostic> = diags.iter().collect();
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(!all[0].is_error());
        assert!(all[0].path.ends_with("i18n/fr.yaml"), "{:?}", all[0].path);
        assert!(
            all[0].message.contains("UI strings without `fr` text"),
            "{}",
            all[0].message
        );
        // A complete file says nothing; no file at all says that English is used.
        let full = Theme::builtin().with_file("i18n/fr.yaml", english());
        assert!(full.strings("fr").1.is_empty());
        let none = Theme::builtin().strings("fr").1;
        assert!(none
            .iter()
            .any(|d| d.message.contains("no UI strings for `fr`")));
        // Over a built-in language, a theme's file holds only what it changes.
        let vi = Theme::builtin().with_file("i18n/vi.yaml", "nav_home: \"Nhà\"\n".as_bytes());
        let (strings, diags) = vi.strings("vi");
        assert_eq!(strings["nav_home"], "Nhà");
        assert!(diags.is_empty() && strings.contains_key("nav_news"));
    }
}
