//! Content diagnostics: what is wrong, where (file, line, column), and what to do about it.
//!
//! Loading and rendering never stop at the first problem: they push `Diagnostic`s into a
//! `Diagnostics` collector and go on, so one build reports everything. Any error means exit 1.

mod position;

pub use position::{column_letters, Position};

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build fails.
    Error,
    /// The build goes on; the reader may see fallback text.
    Warning,
}

/// One problem found in the site's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root (`content/years/2023.yaml`).
    pub path: PathBuf,
    /// Where in the file, where there is a place to point at.
    pub position: Option<Position>,
    /// What is wrong, lower-case, no trailing period.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The offending source line, shown with a caret under the column.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error in `path`, with no position yet.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            position: None,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// A warning in `path`, with no position yet.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Sets line and column (both 1-based).
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.position = Some(Position::Text {
            line,
            column: Some(column),
        });
        self
    }

    /// Sets the position from an optional `(line, column)` pair.
    pub fn at_opt(self, pos: Option<(usize, usize)>) -> Self {
        match pos {
            Some((l, c)) => self.at(l, c),
            None => self,
        }
    }

    /// Sets the position, where there is one (a line, or a workbook cell).
    pub fn at_position(mut self, pos: Option<Position>) -> Self {
        if pos.is_some() {
            self.position = pos;
        }
        self
    }

    /// The 1-based line, for a position in a text file.
    pub fn line(&self) -> Option<usize> {
        match self.position {
            Some(Position::Text { line, .. }) => Some(line),
            _ => None,
        }
    }

    /// The 1-based column (in characters), for a position in a text file.
    pub fn column(&self) -> Option<usize> {
        match self.position {
            Some(Position::Text { column, .. }) => column,
            _ => None,
        }
    }

    /// Where the problem is, as shown after `-->`: `content/years/2023.yaml:3:12`, or
    /// `content/years/2023.xlsx: goals!E7` for a cell, or the path alone.
    pub fn location(&self) -> String {
        let path = self.path.display();
        match &self.position {
            None => path.to_string(),
            Some(p @ Position::Text { .. }) => format!("{path}:{p}"),
            Some(p @ Position::Cell { .. }) => format!("{path}: {p}"),
        }
    }

    /// Adds a hint saying what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Copies the offending line out of `source`, so the message can show it.
    pub fn with_source(mut self, source: &str) -> Self {
        if let Some(line) = self.line() {
            self.snippet = source
                .lines()
                .nth(line.saturating_sub(1))
                .map(|s| s.trim_end().to_string());
        }
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_styled(f, false)
    }
}

/// True when diagnostics on stderr should be coloured: stderr is a terminal and `NO_COLOR` is
/// unset or empty (<https://no-color.org>).
pub fn stderr_color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A diagnostic shown with ANSI colours (or without, as `Display` does).
pub struct Styled<'a> {
    diag: &'a Diagnostic,
    color: bool,
}

impl fmt::Display for Styled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diag.write_styled(f, self.color)
    }
}

/// ANSI styles, written by hand: bold red, bold yellow, bold blue, bold, reset.
mod ansi {
    pub const RED: &str = "\x1b[1;31m";
    pub const YELLOW: &str = "\x1b[1;33m";
    pub const BLUE: &str = "\x1b[1;34m";
    pub const CYAN: &str = "\x1b[1;36m";
    pub const BOLD: &str = "\x1b[1m";
    pub const RESET: &str = "\x1b[0m";
}

impl Diagnostic {
    /// The diagnostic for a terminal: coloured when `color` is true, else as `Display` shows it.
    pub fn styled(&self, color: bool) -> Styled<'_> {
        Styled { diag: self, color }
    }

    fn write_styled(&self, f: &mut fmt::Formatter<'_>, color: bool) -> fmt::Result {
        let paint = |style: &'static str| if color { style } else { "" };
        let reset = paint(ansi::RESET);
        let (kind_style, kind) = match self.severity {
            Severity::Error => (paint(ansi::RED), "error"),
            Severity::Warning => (paint(ansi::YELLOW), "warning"),
        };
        let blue = paint(ansi::BLUE);
        let bold = paint(ansi::BOLD);
        writeln!(
            f,
            "{kind_style}{kind}{reset}{bold}: {}{reset}",
            clip(&printable(&self.message))
        )?;
        let loc = self.location();
        let loc = printable(&loc);
        let gutter = self.line().map(|l| l.to_string().len()).unwrap_or(1);
        let pad = " ".repeat(gutter);
        write!(f, "{pad}{blue}-->{reset} {loc}")?;
        if let (Some(line), Some(snippet)) = (self.line(), &self.snippet) {
            let (snippet, caret) = window(&snippet.replace('\t', " "), self.column());
            write!(f, "\n{pad} {blue}|{reset}\n{blue}{line} |{reset} {snippet}")?;
            if let Some(col) = caret {
                let spaces = " ".repeat(col.saturating_sub(1));
                write!(f, "\n{pad} {blue}|{reset} {spaces}{kind_style}^{reset}")?;
            }
        }
        if let Some(help) = &self.help {
            let cyan = paint(ansi::CYAN);
            let help = printable(help);
            let help = clip(&help);
            write!(f, "\n{pad} {blue}={reset} {cyan}help{reset}: {help}")?;
        }
        Ok(())
    }
}

/// Text from a site (a file name, a YAML key, a title) made safe to print on a terminal:
/// every control character but a line break and a tab, and the bidirectional controls that
/// reorder a line (U+202A–U+202E, U+2066–U+2069), written as `\u{1b}`. Content can then never
/// move the cursor, change colours, retitle the terminal or hide text in what tiendo prints.
/// Every diagnostic goes through it; so does any other line that quotes content.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The most characters of a quoted line, or of a message, that a diagnostic shows: a value of
/// 100 KB on one line is shown around its column, not whole.
const SHOWN: usize = 240;

/// `text`, cut after `SHOWN * 4` characters with how many more there were.
fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    let limit = SHOWN * 4;
    match text.char_indices().nth(limit) {
        None => std::borrow::Cow::Borrowed(text),
        Some((at, _)) => {
            let more = text[at..].chars().count();
            std::borrow::Cow::Owned(format!("{}… ({more} more characters)", &text[..at]))
        }
    }
}

/// What is shown of a quoted `line` around `column` (1-based, in characters), made
/// printable: the whole line when it is short, else `SHOWN` characters with `…` where it is
/// cut; and the caret's column in what is shown.
fn window(line: &str, column: Option<usize>) -> (String, Option<usize>) {
    let chars: Vec<char> = line.chars().collect();
    let col = column.unwrap_or(1).clamp(1, chars.len() + 1);
    let start = if chars.len() <= SHOWN {
        0
    } else {
        (col - 1).saturating_sub(SHOWN / 2).min(chars.len() - SHOWN)
    };
    let end = (start + SHOWN).min(chars.len());
    let piece =
        |a: usize, b: usize| printable(&chars[a..b].iter().collect::<String>()).into_owned();
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let shown = format!("{lead}{}{tail}", piece(start, end));
    let caret = column.map(|_| lead.chars().count() + piece(start, col - 1).chars().count() + 1);
    (shown, caret)
}

/// A collector of diagnostics.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic, unless the same one is already there (a page rendered in two
    /// languages reports its error once).
    pub fn push(&mut self, d: Diagnostic) {
        if !self.items.contains(&d) {
            self.items.push(d);
        }
    }

    /// Moves all of `other` in.
    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d);
        }
    }

    /// True when at least one error was collected.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// `1 error, 2 warnings`: the counts in words, for a command's closing line.
    pub fn tally(&self) -> String {
        tally(self.error_count(), self.warning_count())
    }

    /// True when nothing was collected.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics sorted by file, line and column, errors before warnings at a tie.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (&a.path, &a.position, a.severity, &a.message).cmp(&(
                &b.path,
                &b.position,
                b.severity,
                &b.message,
            ))
        });
        v
    }

    /// All diagnostics, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// Prints every diagnostic to stderr, sorted, each followed by a blank line; coloured when
/// stderr is a terminal and `NO_COLOR` is not set.
pub fn eprint_all(diags: &Diagnostics) {
    use std::io::Write;
    let color = stderr_color();
    let mut err = std::io::stderr().lock();
    for d in diags.sorted() {
        let _ = writeln!(err, "{}\n", d.styled(color));
    }
}

/// Turns a byte offset in `text` into a 1-based (line, column), the column counted in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before
        .get(line_start..)
        .map(|s| s.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}

/// Shows `path` relative to `root` where it lies inside it.
pub fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    let word_len = word.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let len = c.chars().count();
        let limit = (len.max(word_len) / 3).max(1);
        // The distance is at least the difference in length: a 100 KB word is compared with
        // no key (it would cost a table of its length times the key's).
        if len.abs_diff(word_len) > limit {
            continue;
        }
        let d = levenshtein(&word_l, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Edit distance where swapping two neighbouring letters counts as one edit (`titel` → `title`).
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

/// `1 error, 2 warnings`: counts of errors and warnings in words.
pub fn tally(errors: usize, warnings: usize) -> String {
    format!(
        "{}, {}",
        counted(errors, "error"),
        counted(warnings, "warning")
    )
}

/// `1 warning`, `0 warnings`, `3 warnings`: a count and its noun (a plain `s` plural).
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_words() {
        assert_eq!(tally(1, 0), "1 error, 0 warnings");
        assert_eq!(tally(2, 1), "2 errors, 1 warning");
        assert_eq!(counted(0, "warning"), "0 warnings");
    }

    #[test]
    fn long_lines_and_messages_are_shown_in_part() {
        let line = format!("key: \"{}\" end", "a".repeat(100_000));
        let (shown, caret) = window(&line, Some(50_000));
        assert!(shown.chars().count() <= SHOWN + 2, "{}", shown.len());
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(caret, Some(SHOWN / 2 + 2));
        assert_eq!(window("abc", Some(2)), ("abc".to_string(), Some(2)));
        // An escape before the column moves the caret by what it is shown as.
        assert_eq!(
            window("\u{1b}b", Some(2)),
            ("\\u{1b}b".to_string(), Some(7))
        );
        let d = Diagnostic::error("x", "y".repeat(5000));
        assert!(d.to_string().contains("… (4040 more characters)"), "{d}");
    }

    #[test]
    fn printable_escapes_control_and_reordering_characters_only() {
        assert_eq!(printable("Tiến độ: `a`\n\tb"), "Tiến độ: `a`\n\tb");
        assert_eq!(printable("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(
            printable("\u{9b}2J\u{202e}\u{2066}\r"),
            "\\u{9b}2J\\u{202e}\\u{2066}\\u{d}"
        );
        let d = Diagnostic::error("content/x\u{1b}.md", "key `\u{1b}]0;t\u{7}`")
            .at(1, 1)
            .with_source("\u{1b}[2J")
            .help("\u{1b}");
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert!(!d.styled(true).to_string().contains("\u{1b}[2J"));
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a: 1\nđổi: x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        let off = text.find('x').unwrap();
        assert_eq!(line_col(text, off), (2, 6));
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let keys = ["title", "target", "actual", "progress"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("progres", keys), Some("progress"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn colour_only_when_asked() {
        let d = Diagnostic::warning("a.yaml", "odd")
            .at(1, 2)
            .with_source("x: y\n");
        let plain = d.styled(false).to_string();
        assert_eq!(plain, d.to_string());
        assert!(!plain.contains('\x1b'));
        let coloured = d.styled(true).to_string();
        assert!(coloured.contains("\x1b[1;33mwarning\x1b[0m"), "{coloured}");
        let stripped: String = {
            let mut out = String::new();
            let mut chars = coloured.chars();
            while let Some(c) = chars.next() {
                if c == '\x1b' {
                    for c in chars.by_ref() {
                        if c == 'm' {
                            break;
                        }
                    }
                } else {
                    out.push(c);
                }
            }
            out
        };
        assert_eq!(stripped, plain);
    }

    #[test]
    fn a_cell_is_shown_as_sheet_and_cell() {
        let d = Diagnostic::error("content/years/2023.xlsx", "goal `G1` has `target: 0`")
            .at_position(Some(Position::cell("goals", 7, 5)))
            .help("give the real target");
        let s = d.to_string();
        assert!(
            s.contains(" --> content/years/2023.xlsx: goals!E7\n"),
            "{s}"
        );
        assert!(s.ends_with(" = help: give the real target"), "{s}");
        assert_eq!((d.line(), d.column()), (None, None));
        assert_eq!(
            Position::cell("Mục tiêu", 12, 28).to_string(),
            "'Mục tiêu'!AB12"
        );
        assert_eq!(Position::cell("it's", 1, 1).to_string(), "'it''s'!A1");
        assert_eq!(Position::cell("goals", 3, 1).phrase(), "in cell goals!A3");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(16_384), "XFD");
    }

    #[test]
    fn cells_sort_after_lines_and_by_row() {
        let mut all = Diagnostics::new();
        for (row, col) in [(10, 1), (7, 5), (7, 2)] {
            all.push(
                Diagnostic::error("a.xlsx", "x")
                    .at_position(Some(Position::cell("goals", row, col))),
            );
        }
        let order: Vec<String> = all.sorted().iter().map(|d| d.location()).collect();
        assert_eq!(
            order,
            ["a.xlsx: goals!B7", "a.xlsx: goals!E7", "a.xlsx: goals!A10"]
        );
    }

    #[test]
    fn display_shows_location_snippet_and_help() {
        let d = Diagnostic::error(
            "content/years/2023.yaml",
            "goal G07 names group `dgov`, which is not defined",
        )
        .at(3, 12)
        .help("define it under `groups:`")
        .with_source("a\nb\n    group: dgov\n");
        let s = d.to_string();
        assert!(s.contains("--> content/years/2023.yaml:3:12"), "{s}");
        assert!(s.contains("3 |     group: dgov"), "{s}");
        assert!(s.contains("  |            ^"), "{s}");
        assert!(s.contains("= help: define it"), "{s}");
    }
}
