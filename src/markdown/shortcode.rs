//! Shortcodes, `{{ name(key=value, …) }}`: parsing, and expansion outside code before the
//! Markdown is rendered. The scan is linear in the text, however many braces it holds, and
//! what is code (code blocks, indented or fenced and however nested, and code spans, over
//! several lines too) is found by the Markdown parser itself, so a shortcode shown as code
//! stays as it is written.

use super::call::parse_shortcode;
use super::options;
use crate::diag::{did_you_mean, line_col, Diagnostic};
use pulldown_cmark::{Event, Parser, Tag};
use std::ops::Range;
use std::path::Path;

/// A parsed shortcode call: `{{ name(key=value, …) }}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    /// `figure`, `goals_summary`, `chart`.
    pub name: String,
    /// Arguments in order.
    pub args: Vec<(String, ArgValue)>,
}

/// A shortcode argument.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    /// A quoted string.
    Str(String),
    /// A bare number or word.
    Bare(String),
}

impl ArgValue {
    /// The text of the value.
    pub fn as_str(&self) -> &str {
        match self {
            ArgValue::Str(s) | ArgValue::Bare(s) => s,
        }
    }
}

/// What a shortcode expands to.
pub enum Expansion {
    /// Inline text (escaped by the caller).
    Inline(String),
    /// A block of HTML, which must stand on its own line.
    Block(String),
}

/// Why a shortcode could not be expanded: what is wrong and what to do about it. The
/// Markdown renderer turns it into a `Diagnostic` placed on the shortcode's line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcodeError {
    /// What is wrong, lower-case, no trailing period.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl ShortcodeError {
    /// A failure with its hint.
    pub fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        ShortcodeError {
            message: message.into(),
            help: help.into(),
        }
    }

    /// The diagnostic of this failure at byte `at` of `md`, the Markdown that `src` describes.
    fn placed(self, md: &str, at: usize, src: &Source) -> Diagnostic {
        let (l, c) = line_col(md, at);
        Diagnostic::error(src.path, self.message)
            .at(src.first_line + l - 1, c)
            .with_source(src.file_text)
            .help(self.help)
    }
}

/// Expands shortcodes; implemented by the renderer, which knows the site's data.
pub trait ShortcodeHost {
    /// Expands one call, or says what is wrong.
    fn expand(&self, code: &Shortcode) -> Result<Expansion, ShortcodeError>;
}

/// Where the Markdown came from, for error positions.
pub struct Source<'a> {
    /// File, relative to the site root.
    pub path: &'a Path,
    /// The whole file's text, for snippets.
    pub file_text: &'a str,
    /// 1-based line of the file where the Markdown starts.
    pub first_line: usize,
}

/// Names of the shortcodes tiendo knows.
pub const SHORTCODES: &[&str] = &["figure", "goals_summary", "chart"];

/// Problems reported in one text before the rest of it is left unread: a text full of
/// broken shortcodes (pasted from elsewhere, say) says enough with these.
pub const MAX_SHORTCODE_ERRORS: usize = 20;

/// The shape every message about a shortcode's syntax points to.
const EXAMPLE: &str = "{{ figure(year=2023, key=\"goals.completed\") }}";

/// Replaces every `{{ name(…) }}` outside code with its expansion.
pub fn expand_shortcodes(
    md: &str,
    host: &dyn ShortcodeHost,
    src: &Source,
) -> Result<String, Vec<Diagnostic>> {
    if !md.contains("{{") {
        return Ok(md.to_string());
    }
    let mut x = Expander {
        md,
        host,
        src,
        code: code_ranges(md),
        next_code: 0,
        out: String::with_capacity(md.len()),
        errors: Vec::new(),
    };
    let mut offset = 0;
    for line in md.split_inclusive('\n') {
        if line.contains("{{") {
            x.line(line, offset);
        } else {
            x.out.push_str(line);
        }
        offset += line.len();
        if x.errors.len() >= MAX_SHORTCODE_ERRORS {
            x.errors.push(
                Diagnostic::error(src.path, format!("more than {MAX_SHORTCODE_ERRORS} shortcode problems: the rest of this text was not read"))
                    .help("fix the problems above, then build again"),
            );
            break;
        }
    }
    if x.errors.is_empty() {
        Ok(x.out)
    } else {
        Err(x.errors)
    }
}

/// The byte ranges of `md` that are code, in order: code blocks (indented or fenced, however
/// nested in quotes and lists) and code spans.
fn code_ranges(md: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Parser::new_ext(md, options())
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, r)| r)
        .collect();
    out.sort_by_key(|r| r.start);
    out
}

/// The state of one expansion.
struct Expander<'m> {
    md: &'m str,
    host: &'m dyn ShortcodeHost,
    src: &'m Source<'m>,
    /// The code of `md`, in order.
    code: Vec<Range<usize>>,
    /// The first range of `code` that does not end before the scan.
    next_code: usize,
    out: String,
    errors: Vec<Diagnostic>,
}

/// A line of the text being scanned.
struct Line<'l> {
    text: &'l str,
    /// Its first byte in the whole text.
    start: usize,
    /// Its first and past-the-last bytes that are not white space.
    first: usize,
    end: usize,
}

/// What the scan found at a `{{`.
enum Found {
    /// Not a shortcode: the braces are text.
    Text,
    /// A shortcode ending at this byte of its line; its expansion, or `None` after an error.
    Call(usize, Option<String>),
    /// A shortcode left open: the rest of the line is text.
    Unclosed,
}

impl Expander<'_> {
    /// Expands the shortcodes of `line`, which starts at byte `start` of the text.
    fn line(&mut self, line: &str, start: usize) {
        let line = Line {
            text: line,
            start,
            first: line.len() - line.trim_start().len(),
            end: line.trim_end().len(),
        };
        let mut closes = NextClose::default();
        let mut copied = 0;
        let mut i = 0;
        while let Some(k) = line.text[i..].find("{{") {
            let at = i + k;
            i = at + 1;
            if self.in_code(start + at) {
                continue;
            }
            match self.call_at(&line, at, &mut closes) {
                Found::Text => {}
                Found::Call(end, expansion) => {
                    self.out.push_str(&line.text[copied..at]);
                    self.out.push_str(expansion.as_deref().unwrap_or(""));
                    copied = end;
                    i = end;
                }
                Found::Unclosed => break,
            }
            if self.errors.len() >= MAX_SHORTCODE_ERRORS {
                break;
            }
        }
        self.out.push_str(&line.text[copied..]);
    }

    /// Whether byte `at` is code. The scan moves forward only, and so does the cursor.
    fn in_code(&mut self, at: usize) -> bool {
        while self.code.get(self.next_code).is_some_and(|r| r.end <= at) {
            self.next_code += 1;
        }
        self.code.get(self.next_code).is_some_and(|r| r.start <= at)
    }

    /// Reads the `{{` at byte `at` of `line`.
    fn call_at(&mut self, line: &Line, at: usize, closes: &mut NextClose) -> Found {
        let start = line.start;
        let Some(close) = closes.after(line.text, at + 2) else {
            // `{{ name(` with no `}}` on the line: a shortcode left open, which would
            // otherwise be published as it is, braces and all.
            if !opens_call(&line.text[at + 2..]) {
                return Found::Text;
            }
            let e = ShortcodeError::new(
                "this shortcode is not closed: `}}` is missing",
                format!("end it with `}}}}` on the same line, as in `{EXAMPLE}`"),
            );
            self.errors.push(e.placed(self.md, start + at, self.src));
            return Found::Unclosed;
        };
        let inner = &line.text[at + 2..close];
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        if !inner.trim_start().starts_with(ident) {
            return Found::Text;
        }
        let end = close + 2;
        match self.expand(inner, at == line.first && end == line.end) {
            Ok(text) => Found::Call(end, Some(text)),
            Err(e) => {
                self.errors.push(e.placed(self.md, start + at, self.src));
                Found::Call(end, None)
            }
        }
    }

    /// The expansion of the shortcode `{{inner}}`; `whole_line` when it stands alone there.
    fn expand(&self, inner: &str, whole_line: bool) -> Result<String, ShortcodeError> {
        let code = parse_shortcode(inner).map_err(|why| {
            ShortcodeError::new(
                format!("malformed shortcode: {why}"),
                format!("write it as `{EXAMPLE}`"),
            )
        })?;
        if !SHORTCODES.contains(&code.name.as_str()) {
            let hint = match did_you_mean(&code.name, SHORTCODES.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? Shortcodes: {}", SHORTCODES.join(", ")),
                None => format!("the shortcodes are: {}", SHORTCODES.join(", ")),
            };
            return Err(ShortcodeError::new(
                format!("unknown shortcode `{}`", code.name),
                hint,
            ));
        }
        match self.host.expand(&code)? {
            Expansion::Inline(text) => Ok(escape_md(&text)),
            Expansion::Block(html) if whole_line => Ok(html),
            Expansion::Block(_) => Err(ShortcodeError::new(
                format!(
                    "`{}` makes a block and must stand alone on its line",
                    code.name
                ),
                "put the shortcode on a line of its own, with blank lines around it",
            )),
        }
    }
}

/// Finds the `}}` closing a shortcode, remembering the last answer: the scan asks for
/// positions that only grow, so the line is searched once, not once per `{{`.
#[derive(Default)]
struct NextClose {
    /// The last search: where it started and what it found.
    last: Option<(usize, Option<usize>)>,
}

impl NextClose {
    /// The first `}}` at or after byte `from` of `line`.
    fn after(&mut self, line: &str, from: usize) -> Option<usize> {
        match self.last {
            Some((_, Some(p))) if p >= from => return Some(p),
            Some((searched, None)) if from >= searched => return None,
            _ => {}
        }
        let found = line
            .get(from..)
            .and_then(|t| t.find("}}"))
            .map(|p| from + p);
        self.last = Some((from, found));
        found
    }
}

/// The first shortcode call written in `text` (`{{ figure(…) }}`, up to its `}}` or the end of
/// its line): for a text where none is expanded (an article's title, a goal's note), which must
/// not be published braces and all.
pub fn shortcode_in(text: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(k) = text[from..].find("{{") {
        let at = from + k;
        if opens_call(&text[at + 2..]) {
            let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
            let end = text[at..line_end]
                .find("}}")
                .map_or(line_end, |e| at + e + 2);
            return Some(&text[at..end]);
        }
        from = at + 2;
    }
    None
}

/// Whether `rest` (after a `{{`) starts like a call: a name, then `(`.
fn opens_call(rest: &str) -> bool {
    let rest = rest.trim_start();
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    name_len > 0 && rest[name_len..].trim_start().starts_with('(')
}

/// Escapes text so Markdown shows it as it is.
fn escape_md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_{}[]<>()#+-.!|&".contains(c) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}
