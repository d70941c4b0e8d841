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
    "templates/macros.html",
    "static/assets/style.css",
    "static/assets/favicon.svg",
    "static/assets/search.js",
    "static/assets/tables.js",
    "i18n/vi.yaml",
    "i18n/en.yaml",
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
        for entry in WalkDir::new(&dir).sort_by_file_name() {
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
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .to_path_buf();
            let key = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if key.split('/').any(|p| p.starts_with('.')) {
                continue;
            }
            match fs::read(entry.path()) {
                Ok(bytes) => {
                    theme.overridden.insert(key.clone());
                    theme.files.insert(key, bytes);
                }
                Err(e) => diags.push(Diagnostic::error(
                    format!("themes/{name}/{key}"),
                    format!("cannot read this file: {}", e.source),
                )),
            }
        }
        (Some(theme), diags)
    }

    /// Where a theme file came from, for messages.
    pub fn source_of(&self, key: &str) -> String {
        if self.overridden.contains(key) {
            format!("themes/{}/{key}", self.name)
        } else {
            format!("(built-in theme) themes/default/{key}")
        }
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
        let builtin = DEFAULT_FILES.iter().find(|(p, _)| *p == key).or_else(|| {
            diags.push(
                Diagnostic::warning(format!("themes/{}/i18n/{lang}.yaml", self.name), format!("the theme has no UI strings for `{lang}`; English ones are used"))
                    .help(format!("copy `i18n/en.yaml` of the default theme to `themes/{}/i18n/{lang}.yaml` and translate it", self.name)),
            );
            DEFAULT_FILES.iter().find(|(p, _)| *p == "i18n/en.yaml")
        });
        let mut map = BTreeMap::new();
        if let Some((p, bytes)) = builtin {
            map = parse_strings(p, bytes, &mut diags);
        }
        if self.overridden.contains(&key) {
            if let Some(bytes) = self.files.get(&key) {
                map.extend(parse_strings(
                    &format!("themes/{}/{key}", self.name),
                    bytes,
                    &mut diags,
                ));
            }
        }
        (map, diags)
    }
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
