//! All YAML parsing lives here: typed deserialisation (through `serde_yaml`, the maintained fork),
//! errors turned into diagnostics with a position and a hint, and a locator that finds the line of
//! a value for errors found after parsing (a duplicate id, an undefined group).
//!
//! The locator parses the text a second time with `yaml-rust2`'s event parser, which keeps marks;
//! it runs only when there is an error to place, so a clean build pays nothing for it.

use crate::diag::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;
use yaml_rust2::parser::{Event, Parser};

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
        .map_err(|e| Box::new(error_to_diagnostic(&e, text, path, line_offset)))
}

/// The 1-based (line, column) of the value at `target` in `text`, if it can be found.
pub fn locate(text: &str, target: &[Seg]) -> Option<(usize, usize)> {
    walk(text, target, Find::Value)
}

/// Whether the value at `target` is written as a bare YAML null (`null`, `Null`, `NULL`, `~`),
/// which serde reads into a text field as the word itself: `title: null` would otherwise publish
/// an article titled "null".
pub fn is_bare_null(text: &str, target: &[Seg]) -> bool {
    let Some((line, col)) = locate(text, target) else {
        return false;
    };
    let Some(l) = text.lines().nth(line.saturating_sub(1)) else {
        return false;
    };
    let rest: String = l.chars().skip(col.saturating_sub(1)).collect();
    let word = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '}' | ']'))
        .next()
        .unwrap_or("");
    matches!(word, "null" | "Null" | "NULL" | "~")
}

/// The 1-based (line, column) of the key of the entry at `target` (`goals[3].title` → where
/// `title:` is written).
pub fn locate_key(text: &str, target: &[Seg]) -> Option<(usize, usize)> {
    walk(text, target, Find::Key(1))
}

/// Where the key of `target` is written for the second time in its mapping.
pub fn locate_duplicate_key(text: &str, target: &[Seg]) -> Option<(usize, usize)> {
    walk(text, target, Find::Key(2))
}

#[derive(Clone, Copy)]
enum Find {
    Value,
    /// The n-th occurrence of the key.
    Key(usize),
}

fn walk(text: &str, target: &[Seg], find: Find) -> Option<(usize, usize)> {
    enum Frame {
        Map {
            key: Option<String>,
            expect_key: bool,
        },
        Seq {
            index: usize,
        },
    }
    fn child_done(stack: &mut [Frame]) {
        match stack.last_mut() {
            Some(Frame::Map { expect_key, .. }) => *expect_key = true,
            Some(Frame::Seq { index }) => *index += 1,
            None => {}
        }
    }
    fn matches(stack: &[Frame], target: &[Seg]) -> bool {
        stack.len() == target.len()
            && stack.iter().zip(target).all(|(f, s)| match (f, s) {
                (Frame::Map { key: Some(k), .. }, Seg::Key(t)) => k == t,
                (Frame::Seq { index }, Seg::Index(t)) => index == t,
                _ => false,
            })
    }
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut key_seen = 0;
    // Guards against pathological input: the locator is only a nicety.
    for _ in 0..5_000_000 {
        let (event, mark) = parser.next_token().ok()?;
        let pos = (mark.line(), mark.col() + 1);
        match event {
            Event::StreamEnd => return None,
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::SequenceStart(..)
            | Event::MappingStart(..) => {
                if let Some(Frame::Map { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        *expect_key = false;
                        *key = match &event {
                            Event::Scalar(s, ..) => Some(s.clone()),
                            _ => None,
                        };
                        if let Find::Key(n) = find {
                            if matches(&stack, target) {
                                key_seen += 1;
                                if key_seen == n {
                                    return Some(pos);
                                }
                            }
                        }
                        match event {
                            // A complex key: skip over it as an anonymous container.
                            Event::SequenceStart(..) => {
                                stack.push(Frame::Seq { index: usize::MAX })
                            }
                            Event::MappingStart(..) => stack.push(Frame::Map {
                                key: None,
                                expect_key: true,
                            }),
                            _ => {}
                        }
                        continue;
                    }
                }
                if matches!(find, Find::Value) && matches(&stack, target) {
                    return Some(pos);
                }
                match event {
                    Event::SequenceStart(..) => stack.push(Frame::Seq { index: 0 }),
                    Event::MappingStart(..) => stack.push(Frame::Map {
                        key: None,
                        expect_key: true,
                    }),
                    _ => child_done(&mut stack),
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                child_done(&mut stack);
            }
            _ => {}
        }
    }
    None
}

/// Parses serde_yaml's position prefix (`goals[3].title`) into a path.
pub fn parse_context(ctx: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in ctx.split('.') {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(Seg::Key(rest[..i].to_string()));
            }
            rest = &rest[i..];
            while let Some(r) = rest.strip_prefix('[') {
                let Some(end) = r.find(']') else { break };
                if let Ok(n) = r[..end].parse() {
                    out.push(Seg::Index(n));
                }
                rest = &r[end + 1..];
            }
        } else if !rest.is_empty() {
            out.push(Seg::Key(rest.to_string()));
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
                parts.push(format!("{singular} #{}", n + 1));
            }
            Seg::Key(k) => parts.push(k),
        }
    }
    parts.join(", ")
}

/// Turns a `serde_yaml` error into a diagnostic in plain words, with a hint.
fn error_to_diagnostic(
    err: &serde_yaml::Error,
    text: &str,
    path: &Path,
    line_offset: usize,
) -> Diagnostic {
    let full = err.to_string();
    let mut msg = full.clone();
    if let Some(i) = msg.find(" at line ") {
        msg.truncate(i);
    }
    // serde_yaml prefixes the position in the document: `goals[3].status: unknown variant ...`.
    let (context, core) = match msg.split_once(": ") {
        Some((ctx, rest)) if !ctx.contains(' ') && !ctx.is_empty() => {
            (Some(ctx.to_string()), rest.to_string())
        }
        _ => (None, msg.clone()),
    };
    let (mut message, mut help) = explain(&core);
    let mut pos = err.location().map(|l| (l.line(), l.column().max(1)));
    // The scanner names a control character by its byte offset only.
    if let Some(i) = full.find("control characters are not allowed at position ") {
        let digits: String = full[i + "control characters are not allowed at position ".len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(offset) = digits.parse::<usize>() {
            let offset = offset.min(text.len());
            let offset = (0..=offset)
                .rev()
                .find(|o| text.is_char_boundary(*o))
                .unwrap_or(0);
            let code = text[offset..].chars().next().map_or(0, u32::from);
            message = format!("this line holds an invisible control character (U+{code:04X})");
            help = Some(
                "delete it (it often comes with text pasted from a PDF or a word processor); YAML allows only tabs and line breaks"
                    .into(),
            );
            pos = Some(crate::diag::line_col(text, offset));
        }
    }
    // An unclosed `{` or `[`: the parser notices on a later line; point at the bracket.
    if let Some(i) = full.find(", while parsing a flow ") {
        let what = &full[i + ", while parsing a flow ".len()..];
        if let Some(opened) = parse_at_line(what) {
            let bracket = if what.starts_with("sequence") {
                "["
            } else {
                "{"
            };
            let closing = if bracket == "[" { "]" } else { "}" };
            message = format!("this `{bracket}` is not closed");
            help = Some(format!(
                "close it with `{closing}` on the same line; text that contains `,`, `{{`, `}}`, `[`, `]` or `: ` must be in double quotes"
            ));
            pos = Some(opened);
        }
    }
    if core.starts_with("duplicate field") {
        // No context: the key is at the top level of the document.
        let p = context.as_deref().map(parse_context).unwrap_or_default();
        let field = backticked(&core)
            .first()
            .map(|s| s.to_string())
            .unwrap_or_default();
        let mut target = p.clone();
        target.push(Seg::Key(field));
        if let Some(second) = locate_duplicate_key(text, &target) {
            pos = Some(second);
        }
    }
    let message = match context {
        Some(ctx) => format!("{message} (in {})", humanize_context(&ctx)),
        None => message,
    };
    let mut d = Diagnostic::error(path, message);
    if let Some((line, col)) = pos {
        d = d.at(line + line_offset, col);
        // The snippet comes from the YAML text, whose lines are offset in the file.
        d.snippet = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|s| s.trim_end().to_string());
    }
    match help {
        Some(h) => d.help(h),
        None => d,
    }
}

/// Reads `... at line L column C` out of a message.
fn parse_at_line(s: &str) -> Option<(usize, usize)> {
    let i = s.find(" at line ")?;
    let rest = &s[i + " at line ".len()..];
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

/// The words between backticks in `s`.
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn explain(core: &str) -> (String, Option<String>) {
    if let Some(rest) = core.strip_prefix("unknown field ") {
        let names = backticked(rest);
        let (field, allowed) = names
            .split_first()
            .map(|(f, a)| (*f, a.to_vec()))
            .unwrap_or(("", Vec::new()));
        let hint = match did_you_mean(field, allowed.iter().copied()) {
            Some(s) => format!(
                "did you mean `{s}`? Allowed keys here: {}",
                allowed.join(", ")
            ),
            None if allowed.is_empty() => "remove this key: no keys are allowed here".to_string(),
            None => format!(
                "remove it or use one of the allowed keys: {}",
                allowed.join(", ")
            ),
        };
        return (format!("unknown key `{field}`"), Some(hint));
    }
    if let Some(rest) = core.strip_prefix("unknown variant ") {
        let names = backticked(rest);
        let (value, allowed) = names
            .split_first()
            .map(|(f, a)| (*f, a.to_vec()))
            .unwrap_or(("", Vec::new()));
        let hint = match did_you_mean(value, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Allowed values: {}", allowed.join(", ")),
            None => format!("use one of: {}", allowed.join(", ")),
        };
        return (format!("`{value}` is not an allowed value"), Some(hint));
    }
    if let Some(rest) = core.strip_prefix("missing field ") {
        let field = backticked(rest).first().copied().unwrap_or("").to_string();
        return (
            format!("missing `{field}`"),
            Some(format!("add a `{field}:` line here")),
        );
    }
    if let Some(rest) = core.strip_prefix("duplicate field ") {
        let field = backticked(rest).first().copied().unwrap_or("").to_string();
        return (
            format!("`{field}` is given twice"),
            Some(format!("keep one `{field}:` line and delete the other")),
        );
    }
    if core.starts_with("duplicate entry") {
        return (
            core.to_string(),
            Some("a key may appear only once in a mapping: delete one of them".into()),
        );
    }
    if let Some(rest) = core.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        if expected.starts_with("struct ") {
            let found = match found {
                "sequence" => "a list",
                "unit value" => "nothing",
                f => f,
            };
            return (
                format!("expected `key: value` lines, found {found}"),
                Some("write one `key: value` per line, such as `title: …`; a list (`- …`) or a lone value cannot stand here".into()),
            );
        }
        let hint = if expected.contains("f64")
            || expected.contains("number")
            || expected.contains("i32")
            || expected.contains("integer")
        {
            "write a plain number such as `85` or `85.5`, without quotes, units or a `%` sign"
        } else if expected.contains("localised") {
            "write a text, or one text per language such as `{vi: \"…\", en: \"…\"}`"
        } else if expected.contains("string") {
            "write a text; put it in double quotes if it looks like a number, a date or `yes`/`no`"
        } else if expected.contains("sequence") {
            "write a list: one `- ` item per line, or `[a, b]`"
        } else if expected.contains("bool") {
            "write `true` or `false`"
        } else {
            "check the value against the format in the documentation"
        };
        let expected = expected
            .replace("f64", "a number")
            .replace("i32", "a whole number")
            .replace("u32", "a whole number");
        return (
            format!("expected {expected}, found {found}"),
            Some(hint.to_string()),
        );
    }
    if core.contains("tab character") || core.contains("cannot start any token") {
        return (
            "this line contains a character YAML cannot read here (often a tab)".into(),
            Some("indent with spaces, never tabs; put text starting with `@`, `` ` `` or `%` in double quotes".into()),
        );
    }
    if core.contains("mapping values are not allowed") {
        return (
            "unexpected `:` in a value".into(),
            Some(
                "put a value that contains `: ` in double quotes, or check this line's indentation"
                    .into(),
            ),
        );
    }
    if core.contains("did not find expected") || core.contains("could not find expected") {
        return (
            format!("YAML syntax error: {core}"),
            Some("check the indentation of this line and the one above it; list items start with `- `, and quotes must be closed".into()),
        );
    }
    if core.contains("recursion limit") || core.contains("repetition limit") {
        return (
            format!("YAML too deeply nested or too repetitive: {core}"),
            Some("remove the deep nesting or the repeated aliases (`*name`): tiendo's files need neither".into()),
        );
    }
    (
        core.to_string(),
        Some("check the YAML syntax on this line".into()),
    )
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
