//! Where a field is written: the seam between a file format and the rules.
//!
//! A format reader (YAML today, a workbook later) turns a file into plain values plus a
//! [`Locator`]; the rules, written once for every format, report through the locator, which
//! answers "where is `goals[3].target`?" with a line and column or a sheet and cell.

use super::SourceText;
use crate::diag::{Diagnostic, Position};
use crate::yaml::{self, Seg};
use std::path::Path;

/// Answers where a value of a parsed file is written, by its path (`goals[3].target`).
pub trait Locator {
    /// The file, relative to the site root.
    fn path(&self) -> &Path;

    /// Where the value at `at` is written, if it can be found.
    fn value(&self, at: &[Seg]) -> Option<Position>;

    /// Where the key of the entry at `at` is written (`title:` of `goals[3].title`). Formats
    /// without keys (a cell) answer with the value's place.
    fn key(&self, at: &[Seg]) -> Option<Position> {
        self.value(at)
    }

    /// Whether the value at `at` is written as a bare null (YAML's `null`, `~`), which a text
    /// field reads as the word itself.
    fn is_bare_null(&self, _at: &[Seg]) -> bool {
        false
    }

    /// Whether the file is a workbook, whose texts in several languages are columns
    /// (`title.vi`, `title.en`) rather than `{vi: …, en: …}`: hints say what to write.
    fn is_workbook(&self) -> bool {
        false
    }

    /// The source line to show under a message at `pos`, for text formats.
    fn snippet(&self, _pos: &Position) -> Option<String> {
        None
    }
}

impl dyn Locator + '_ {
    /// An error placed at the value at `at`.
    pub fn error(&self, at: &[Seg], message: impl Into<String>) -> Diagnostic {
        self.place(Diagnostic::error(self.path(), message), self.value(at))
    }

    /// A warning placed at the value at `at`.
    pub fn warning(&self, at: &[Seg], message: impl Into<String>) -> Diagnostic {
        self.place(Diagnostic::warning(self.path(), message), self.value(at))
    }

    /// An error placed at the key of the entry at `at`.
    pub fn error_at_key(&self, at: &[Seg], message: impl Into<String>) -> Diagnostic {
        self.place(Diagnostic::error(self.path(), message), self.key(at))
    }

    /// `d` placed at `pos`, with the source line shown where the format has lines.
    pub fn place(&self, d: Diagnostic, pos: Option<Position>) -> Diagnostic {
        let mut d = d;
        d.snippet = pos.as_ref().and_then(|p| self.snippet(p));
        d.at_position(pos)
    }
}

/// The locator of a YAML text: a whole file (a year file, `site.yaml`), or the front matter of
/// a Markdown file, whose lines start further down.
pub struct YamlLocator<'a> {
    path: &'a Path,
    yaml: &'a str,
    /// The whole file, for the line shown under a message.
    file: &'a str,
    /// Lines of the file before the YAML starts.
    line_offset: usize,
}

impl<'a> YamlLocator<'a> {
    /// A file that is all YAML.
    pub fn new(src: &'a SourceText) -> Self {
        YamlLocator {
            path: &src.path,
            yaml: &src.text,
            file: &src.text,
            line_offset: 0,
        }
    }

    /// The front matter `yaml` of `src`, which starts on the file's second line.
    pub fn front_matter(src: &'a SourceText, yaml: &'a str) -> Self {
        YamlLocator {
            path: &src.path,
            yaml,
            file: &src.text,
            line_offset: 1,
        }
    }

    /// As a `dyn Locator`, for its reporting helpers.
    pub fn as_dyn(&self) -> &(dyn Locator + 'a) {
        self
    }

    fn position(&self, found: Option<(usize, usize)>) -> Option<Position> {
        found.map(|(line, column)| Position::Text {
            line: line + self.line_offset,
            column: Some(column),
        })
    }
}

impl Locator for YamlLocator<'_> {
    fn path(&self) -> &Path {
        self.path
    }

    fn value(&self, at: &[Seg]) -> Option<Position> {
        self.position(yaml::locate(self.yaml, at))
    }

    fn key(&self, at: &[Seg]) -> Option<Position> {
        self.position(yaml::locate_key(self.yaml, at))
    }

    fn is_bare_null(&self, at: &[Seg]) -> bool {
        yaml::is_bare_null(self.yaml, at)
    }

    fn snippet(&self, pos: &Position) -> Option<String> {
        match pos {
            Position::Text { line, .. } => self
                .file
                .lines()
                .nth(line.saturating_sub(1))
                .map(|s| s.trim_end().to_string()),
            Position::Cell { .. } => None,
        }
    }
}
