//! All YAML parsing lives here: typed deserialisation (through `serde_yaml`, the maintained fork),
//! errors turned into diagnostics with a position and a hint, and a locator that finds the line of
//! a value for errors found after parsing (a duplicate id, an undefined group).
//!
//! - `explain.rs`: a `serde_yaml` error → a diagnostic in plain words, with a hint.
//! - `locate.rs`: the locator. It parses the text a second time with `yaml-rust2`'s event
//!   parser, which keeps marks; it runs only when there is an error to place, so a clean build
//!   pays nothing for it.
//! - `duplicates.rs`: keys written twice in one mapping, found with the same event parser and
//!   cut out of the text, so that the rest can be read and its other errors reported too.

mod duplicates;
mod explain;
mod locate;

pub use locate::{is_bare_null, locate, locate_duplicate_key, locate_key};

use crate::diag::Diagnostic;
use serde::de::DeserializeOwned;
use std::path::Path;

/// One step of a path into a YAML document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A mapping key.
    Key(String),
    /// A 0-based sequence index.
    Index(usize),
}

/// Builds a path from `goals[3].group`-like pieces.
#[macro_export]
macro_rules! ypath {
    ($($seg:expr),* $(,)?) => { [$($crate::yaml::IntoSeg::into_seg($seg)),*] };
}

/// Conversion into a path step, for `ypath!`.
pub trait IntoSeg {
    /// The step.
    fn into_seg(self) -> Seg;
}
impl IntoSeg for &str {
    fn into_seg(self) -> Seg {
        Seg::Key(self.to_string())
    }
}
impl IntoSeg for usize {
    fn into_seg(self) -> Seg {
        Seg::Index(self)
    }
}

/// Parses `text` (the contents of `path`) into `T`. `line_offset` is added to every line number,
/// for YAML that starts further down a file (front matter).
pub fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    line_offset: usize,
) -> Result<T, Box<Diagnostic>> {
    serde_yaml::from_str(text)
        .map_err(|e| Box::new(explain::error_to_diagnostic(&e, text, path, line_offset)))
}

/// The most errors of one document [`parse_each_key`] names: each key costs a parse of the
/// rest.
const MAX_KEY_ERRORS: usize = 20;

/// What [`parse_each_key`] reads next.
enum Next {
    /// What is left, as it is (after the keys written twice are read once).
    AsItIs,
    /// What is left without this key, whose value did not read.
    Without(String),
}

/// Parses `text` like [`parse`], but does not stop at the first key that does not read: it
/// takes that key out and reads the rest again, so that one run names every such key of the
/// document, and each key written twice. Gives the `T` of the keys that read, when they still
/// make one (not when a key it needs is missing), and an error for each key that did not, in
/// the order they were found.
pub fn parse_each_key<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    line_offset: usize,
) -> (Option<T>, Vec<Diagnostic>) {
    let first = match serde_yaml::from_str::<T>(text) {
        Ok(value) => return (Some(value), Vec::new()),
        Err(e) => e,
    };
    let first_said = explain::error_to_diagnostic(&first, text, path, line_offset);
    let Some(doc) = document(text) else {
        return (None, vec![first_said]);
    };
    let mut errors = doc.errors_with(first_said, text, path, line_offset);
    let mut next = match (explain::is_duplicate_key(&first), doc.duplicates.is_empty()) {
        (true, false) => Some(Next::AsItIs),
        // A key twice that only the typed reading sees: the rest would fail the same way.
        (true, true) => None,
        (false, _) => explain::failing_key(&first).map(Next::Without),
    };
    let (mut rest, mut taken_out) = (doc.map, Vec::new());
    while let Some(step) = next.take() {
        if let Next::Without(key) = step {
            // `shift_remove` keeps the order of the other keys: errors come in the file's order.
            if rest
                .shift_remove(serde_yaml::Value::String(key.clone()))
                .is_none()
            {
                break;
            }
            taken_out.push(key);
        }
        let Ok(rest_text) = serde_yaml::to_string(&rest) else {
            break;
        };
        let e = match serde_yaml::from_str::<T>(&rest_text) {
            Ok(value) => return (Some(value), errors),
            Err(e) => e,
        };
        // A key it needs, taken out above: that key's own error says it already.
        if explain::missing_key(&e).is_some_and(|k| taken_out.contains(&k)) {
            break;
        }
        if errors.len() == MAX_KEY_ERRORS {
            errors.push(
                Diagnostic::error(path, "more keys of this text do not read")
                    .help("fix the ones listed here, then build again to see the rest"),
            );
            break;
        }
        errors.push(explain::read_apart(&e, None, (text, line_offset), path));
        next = explain::failing_key(&e).map(Next::Without);
    }
    (None, errors)
}

/// The top-level mapping of a YAML text, read loosely (no type): what [`entry_errors`] reads
/// each list of. A key written twice in a mapping is read once, its first writing; the others
/// are kept to be reported.
pub struct Document {
    map: serde_yaml::Mapping,
    duplicates: Vec<duplicates::Duplicate>,
}

/// The top-level mapping of `text`, or `None` when it is not YAML or not a mapping.
pub fn document(text: &str) -> Option<Document> {
    let mapping = |t: &str| match serde_yaml::from_str(t) {
        Ok(serde_yaml::Value::Mapping(map)) => Some(map),
        _ => None,
    };
    if let Some(map) = mapping(text) {
        return Some(Document {
            map,
            duplicates: Vec::new(),
        });
    }
    let duplicates = duplicates::find(text);
    if duplicates.is_empty() {
        return None;
    }
    let map = mapping(&duplicates::without(text, &duplicates))?;
    Some(Document { map, duplicates })
}

impl Document {
    /// `first`, the error that stopped the typed reading of `text` (the contents of `path`,
    /// `line_offset` lines below the file's first), and an error for each other key written a
    /// second time in its mapping, placed at that writing (`first` may be one of them).
    pub fn errors_with(
        &self,
        first: Diagnostic,
        text: &str,
        path: &Path,
        line_offset: usize,
    ) -> Vec<Diagnostic> {
        let twice: Vec<Diagnostic> = self
            .duplicates
            .iter()
            .map(|d| explain::duplicate_key(&d.path, d.pos, (text, line_offset), path))
            .filter(|d| d.position != first.position)
            .collect();
        std::iter::once(first).chain(twice).collect()
    }
}

/// An entry of a list that does not read on its own: its index, and why.
pub struct EntryError {
    /// 0-based, in its list.
    pub index: usize,
    error: serde_yaml::Error,
}

impl EntryError {
    /// The error in words, placed in `text` (the contents of `path`) by the path of entry
    /// `index` of `list`.
    pub fn explain(&self, list: &str, text: &str, path: &Path) -> Diagnostic {
        explain::entry_error(&self.error, (list, self.index), text, path)
    }
}

/// The entries of list `list` of `doc` that do not read as a `T` on their own. A parse of the
/// whole file stops at its first error; this finds the errors of the other entries, so that
/// one run can report them all. Nothing when `doc` has no such list.
pub fn entry_errors<T: DeserializeOwned>(doc: &Document, list: &str) -> Vec<EntryError> {
    let Some(serde_yaml::Value::Sequence(entries)) = doc.map.get(list) else {
        return Vec::new();
    };
    entries
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| {
            let alone = serde_yaml::to_string(entry).ok()?;
            let error = serde_yaml::from_str::<T>(&alone).err()?;
            Some(EntryError { index, error })
        })
        .collect()
}

/// Parses serde_yaml's position prefix (`goals[3].title`) into a path.
pub fn parse_context(ctx: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in ctx.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Seg::Key(key.to_string()));
        }
        // `3]`, `3][1]`: each index up to its `]`.
        while let Some((index, after)) = rest.split_once(']') {
            if let Ok(n) = index.parse() {
                out.push(Seg::Index(n));
            }
            rest = after.strip_prefix('[').unwrap_or("");
        }
    }
    out
}

/// `goals[2].title` → `goal #3, title`: the words a press officer uses, counting from 1.
pub fn humanize_context(ctx: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for seg in parse_context(ctx) {
        match seg {
            Seg::Index(n) => {
                let last = parts.pop().unwrap_or_default();
                let singular = last.strip_suffix('s').unwrap_or(&last).to_string();
                parts.push(format!("{singular} #{}", n.saturating_add(1)));
            }
            Seg::Key(k) => parts.push(k),
        }
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        title: String,
    }

    #[test]
    fn locate_finds_nested_values() {
        let text = "year: 2023\ngoals:\n  - id: G01\n    title: a\n  - id: G02\n    group: dgov\n";
        assert_eq!(
            locate(text, &ypath!["goals", 1usize, "group"]),
            Some((6, 12))
        );
        assert_eq!(locate(text, &ypath!["goals", 0usize, "id"]), Some((3, 9)));
        assert_eq!(locate(text, &ypath!["year"]), Some((1, 7)));
        assert_eq!(locate(text, &ypath!["nope"]), None);
    }

    #[test]
    fn locate_handles_flow_style() {
        let text = "goals: [{id: G01, title: {vi: a, en: b}}, {id: G02}]\n";
        assert_eq!(locate(text, &ypath!["goals", 1usize, "id"]), Some((1, 48)));
        assert_eq!(
            locate(text, &ypath!["goals", 0usize, "title", "en"]),
            Some((1, 38))
        );
    }

    #[test]
    fn complex_keys_are_skipped_without_overflow() {
        // A sequence as a key is walked as an anonymous list, whose index must not overflow.
        let text = "? [a, b, c]\n: 1\nk: v\n? {x: [y]}\n: 2\nm: [w]\n";
        assert_eq!(locate(text, &ypath!["k"]), Some((3, 4)));
        assert_eq!(locate_key(text, &ypath!["k"]), Some((3, 1)));
        assert_eq!(locate(text, &ypath!["m", 0usize]), Some((6, 5)));
    }

    #[test]
    fn unknown_key_gets_a_did_you_mean() {
        let text = "id: a\ntitel: b\n";
        let d = parse::<Item>(text, Path::new("x.yaml"), 0).unwrap_err();
        assert_eq!((d.line(), d.column()), (Some(2), Some(1)));
        assert!(d.message.contains("unknown key `titel`"), "{}", d.message);
        assert!(
            d.help
                .as_deref()
                .unwrap_or("")
                .contains("did you mean `title`"),
            "{:?}",
            d.help
        );
    }

    /// Each error's line, column and message.
    fn placed(errors: &[Diagnostic]) -> Vec<(Option<usize>, Option<usize>, &str)> {
        errors
            .iter()
            .map(|d| (d.line(), d.column(), d.message.as_str()))
            .collect()
    }

    #[test]
    fn each_key_that_does_not_read_is_named_and_the_rest_still_reads() {
        #[derive(Debug, Deserialize, PartialEq)]
        #[serde(deny_unknown_fields)]
        struct Fm {
            title: String,
            year: Option<i32>,
            #[serde(default)]
            tags: Vec<String>,
        }
        let text = "title: a\nyear: abc\ntitel: b\ntags: 5\n";
        let (fm, errors) = parse_each_key::<Fm>(text, Path::new("x.md"), 1);
        let fm = fm.expect("title, the one key needed, reads");
        assert_eq!((fm.title.as_str(), fm.year, fm.tags.len()), ("a", None, 0));
        let found = placed(&errors);
        assert_eq!(
            found,
            [
                (
                    Some(3),
                    Some(7),
                    "expected a whole number, found the text \"abc\" (in year)"
                ),
                (Some(4), Some(1), "unknown key `titel`"),
                (
                    Some(5),
                    Some(7),
                    "expected a list, found the number `5` (in tags)"
                ),
            ],
            "{errors:?}"
        );
        // Without the key it needs there is no value, but every error is still named.
        let (fm, errors) = parse_each_key::<Fm>("year: abc\ntags: 5\n", Path::new("x.md"), 0);
        assert!(fm.is_none());
        let messages: Vec<_> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[2].contains("missing `title`"), "{messages:?}");
        assert_eq!((errors[2].line(), errors[2].column()), (Some(1), Some(1)));
        // A text that is not YAML stops at its one error.
        let (fm, errors) = parse_each_key::<Fm>("title: [a\n", Path::new("x.md"), 0);
        assert!(fm.is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn a_language_written_twice_is_one_error_at_its_second_writing() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Fm {
            title: crate::model::Localized,
            tags: Vec<String>,
        }
        let text = "title: {vi: a, vi: b, en: c}\ntags: 5\n";
        let (fm, errors) = parse_each_key::<Fm>(text, Path::new("x.md"), 0);
        assert!(fm.is_none());
        let found = placed(&errors);
        assert_eq!(
            found,
            [
                (Some(1), Some(16), "`vi` is given twice (in title)"),
                (
                    Some(2),
                    Some(7),
                    "expected a list, found the number `5` (in tags)"
                ),
            ],
            "{errors:?}"
        );
    }

    #[test]
    fn a_document_with_many_bad_keys_names_the_first_twenty() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Empty {}
        let text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        let (fm, errors) = parse_each_key::<Empty>(&text, Path::new("x.md"), 0);
        assert!(fm.is_none());
        assert_eq!(errors.len(), MAX_KEY_ERRORS + 1);
        assert_eq!(errors[19].line(), Some(20));
        assert_eq!(errors[20].message, "more keys of this text do not read");
    }

    #[test]
    fn line_offset_moves_positions() {
        let d = parse::<Item>("id: a\ntitle: [1\n", Path::new("x.md"), 1).unwrap_err();
        assert!(d.line().unwrap() >= 2, "{d:?}");
    }

    #[test]
    fn unclosed_brackets_point_at_the_bracket() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct T {
            title: std::collections::BTreeMap<String, String>,
            id: String,
        }
        let d = parse::<T>(
            "title: {vi: \"x\", en: \"y\"\nid: b\n",
            Path::new("x.yaml"),
            0,
        )
        .unwrap_err();
        assert_eq!((d.line(), d.column()), (Some(1), Some(8)), "{d:?}");
        assert!(d.message.contains("`{` is not closed"), "{}", d.message);
    }

    #[test]
    fn duplicate_keys_point_at_the_second() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct L {
            goals: Vec<Item>,
        }
        let d = parse::<L>(
            "goals:\n  - id: a\n    title: x\n    id: b\n",
            Path::new("x.yaml"),
            0,
        )
        .unwrap_err();
        assert_eq!((d.line(), d.column()), (Some(4), Some(5)), "{d:?}");
        assert!(d.message.contains("(in goal #1)"), "{}", d.message);
    }

    #[test]
    fn contexts_read_like_words() {
        assert_eq!(humanize_context("goals[2].title"), "goal #3, title");
        assert_eq!(
            parse_context("a[0][1].b"),
            vec![
                Seg::Key("a".into()),
                Seg::Index(0),
                Seg::Index(1),
                Seg::Key("b".into())
            ]
        );
        assert_eq!(locate_key("a:\n  b: 1\n", &ypath!["a", "b"]), Some((2, 3)));
    }

    #[test]
    fn tabs_are_explained() {
        let d = parse::<Item>("id: a\n\ttitle: b\n", Path::new("x.yaml"), 0).unwrap_err();
        assert!(d.help.unwrap().contains("tabs"));
    }
}
