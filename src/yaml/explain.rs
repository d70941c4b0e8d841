//! A `serde_yaml` error → a diagnostic in plain words, with a hint, placed where the problem is
//! (the bracket left open, the second of two keys, the invisible character).

use super::{humanize_context, locate, locate_duplicate_key, locate_key, parse_context, Seg};
use crate::diag::{did_you_mean, Diagnostic};
use std::path::Path;

/// What to say and where: (message, help, 1-based line and column in the YAML text).
struct Explained {
    message: String,
    help: Option<String>,
    pos: Option<(usize, usize)>,
}

/// Turns a `serde_yaml` error into a diagnostic in plain words, with a hint.
pub fn error_to_diagnostic(
    err: &serde_yaml::Error,
    text: &str,
    path: &Path,
    line_offset: usize,
) -> Diagnostic {
    let full = err.to_string();
    let (context, core) = split_context(&full);
    let (message, help) = explain(&core);
    let mut e = Explained {
        message,
        help,
        pos: err.location().map(|l| (l.line(), l.column().max(1))),
    };
    control_character(&full, text, &mut e);
    unclosed_flow(&full, &mut e);
    if duplicated_key(&core).is_some() {
        second_key(context.as_deref(), &core, text, &mut e);
    }
    placed(e, context.as_deref(), (text, line_offset), path)
}

/// The diagnostic of an explained error: its message with the context in words, at its
/// position in the file (`line_offset` lines below the YAML text's first), with the line shown.
fn placed(
    e: Explained,
    context: Option<&str>,
    (text, line_offset): (&str, usize),
    path: &Path,
) -> Diagnostic {
    let message = match context {
        Some(ctx) => format!("{} (in {})", e.message, humanize_context(ctx)),
        None => e.message,
    };
    let mut d = Diagnostic::error(path, message);
    if let Some((line, col)) = e.pos {
        d = d.at(line.saturating_add(line_offset), col);
        // The snippet comes from the YAML text, whose lines are offset in the file.
        d.snippet = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|s| s.trim_end().to_string());
    }
    match e.help {
        Some(h) => d.help(h),
        None => d,
    }
}

/// The error of entry `index` of list `list` in `text`, found by reading that entry alone: in
/// the same words as [`error_to_diagnostic`], placed in the whole text by the entry's path,
/// since the entry's own positions are not the file's.
pub fn entry_error(
    err: &serde_yaml::Error,
    (list, index): (&str, usize),
    text: &str,
    path: &Path,
) -> Diagnostic {
    read_apart(err, Some(&format!("{list}[{index}]")), (text, 0), path)
}

/// The error of a part of `text` read apart from the rest (an entry of a list, whose path is
/// `prefix`; or what is left of the document once keys that failed are taken out, `None`): in
/// the same words as [`error_to_diagnostic`], placed in the whole text by its path, since the
/// part's own positions are not the file's.
pub fn read_apart(
    err: &serde_yaml::Error,
    prefix: Option<&str>,
    (text, line_offset): (&str, usize),
    path: &Path,
) -> Diagnostic {
    let full = err.to_string();
    let (inner, core) = split_context(&full);
    let (message, help) = explain(&core);
    let context = match (prefix, inner) {
        (Some(prefix), Some(inner)) => Some(format!("{prefix}.{inner}")),
        (Some(prefix), None) => Some(prefix.to_string()),
        (None, inner) => inner,
    };
    let target = context.as_deref().map(parse_context).unwrap_or_default();
    // No duplicate key reaches here: `yaml::document` reads a text with one without its second
    // writings.
    let pos = match backticked(&core).first() {
        Some(k) if core.starts_with("unknown field") => locate_key(
            text,
            &[target.clone(), vec![Seg::Key(k.to_string())]].concat(),
        ),
        // A key missing from the document itself: where the document starts.
        _ if target.is_empty() => core.starts_with("missing field").then_some((1, 1)),
        _ => locate(text, &target),
    }
    .or_else(|| prefix.and_then(|p| locate(text, &parse_context(p))));
    let e = Explained { message, help, pos };
    placed(e, context.as_deref(), (text, line_offset), path)
}

/// The key a whole document's error says is missing (`missing field `title``).
pub fn missing_key(err: &serde_yaml::Error) -> Option<String> {
    let full = err.to_string();
    let (context, core) = split_context(&full);
    let rest = core
        .strip_prefix("missing field ")
        .filter(|_| context.is_none())?;
    backticked(rest).first().map(|k| k.to_string())
}

/// Whether the error is a key written twice in its mapping.
pub fn is_duplicate_key(err: &serde_yaml::Error) -> bool {
    let full = err.to_string();
    let (_, core) = split_context(&full);
    duplicated_key(&core).is_some()
}

/// The key a core message says is written twice: a struct's field (`duplicate field `title``)
/// or a map's key, such as a language of a text (`duplicate entry with key `vi``).
fn duplicated_key(core: &str) -> Option<&str> {
    let rest = core
        .strip_prefix("duplicate field ")
        .or_else(|| core.strip_prefix("duplicate entry with key "))?;
    backticked(rest).first().copied()
}

/// A key written a second time in its mapping, at `path`, in the words of
/// [`error_to_diagnostic`], placed at `pos` (the second writing) in `text`.
pub fn duplicate_key(
    path: &[Seg],
    pos: (usize, usize),
    (text, line_offset): (&str, usize),
    file: &Path,
) -> Diagnostic {
    let (parent, key) = match path.split_last() {
        Some((Seg::Key(k), parent)) => (parent, k.as_str()),
        _ => (path, ""),
    };
    let (message, help) = explain(&format!("duplicate field `{key}`"));
    let context = context_of(parent);
    let e = Explained {
        message,
        help,
        pos: Some(pos),
    };
    placed(
        e,
        (!context.is_empty()).then_some(&*context),
        (text, line_offset),
        file,
    )
}

/// `goals[6].title`: a path in serde_yaml's words, which [`humanize_context`] reads.
fn context_of(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The top-level key an error of a whole document is in: the first step of its context
/// (`tags: invalid type…`), or the unknown key (`unknown field `x``). `None` when the error is
/// not in one key (the syntax, a missing key).
pub fn failing_key(err: &serde_yaml::Error) -> Option<String> {
    let full = err.to_string();
    let (context, core) = split_context(&full);
    match context
        .as_deref()
        .map(parse_context)
        .and_then(|c| c.into_iter().next())
    {
        Some(Seg::Key(k)) => Some(k),
        Some(Seg::Index(_)) => None,
        None if core.starts_with("unknown field") => {
            backticked(&core).first().map(|k| k.to_string())
        }
        None => None,
    }
}

/// serde_yaml prefixes the position in the document (`goals[3].status: unknown variant ...`)
/// and appends ` at line L column C`: the context, if any, and the core message.
fn split_context(full: &str) -> (Option<String>, String) {
    let msg = full.split(" at line ").next().unwrap_or(full);
    match msg.split_once(": ") {
        Some((ctx, rest)) if !ctx.contains(' ') && !ctx.is_empty() => {
            (Some(ctx.to_string()), rest.to_string())
        }
        _ => (None, msg.to_string()),
    }
}

/// The scanner names a control character by its byte offset only: name it and find its line.
fn control_character(full: &str, text: &str, e: &mut Explained) {
    const SAYS: &str = "control characters are not allowed at position ";
    let Some((_, after)) = full.split_once(SAYS) else {
        return;
    };
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let Ok(offset) = digits.parse::<usize>() else {
        return;
    };
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|o| text.is_char_boundary(*o))
        .unwrap_or(0);
    let code = text
        .get(offset..)
        .and_then(|t| t.chars().next())
        .map_or(0, u32::from);
    e.message = format!("this line holds an invisible control character (U+{code:04X})");
    e.help = Some(
        "delete it (it often comes with text pasted from a PDF or a word processor); YAML allows only tabs and line breaks"
            .into(),
    );
    e.pos = Some(crate::diag::line_col(text, offset));
}

/// An unclosed `{` or `[`: the parser notices on a later line; point at the bracket.
fn unclosed_flow(full: &str, e: &mut Explained) {
    let Some((_, what)) = full.split_once(", while parsing a flow ") else {
        return;
    };
    let Some(opened) = parse_at_line(what) else {
        return;
    };
    let (bracket, closing) = if what.starts_with("sequence") {
        ("[", "]")
    } else {
        ("{", "}")
    };
    e.message = format!("this `{bracket}` is not closed");
    e.help = Some(format!(
        "close it with `{closing}` on the same line; text that contains `,`, `{{`, `}}`, `[`, `]` or `: ` must be in double quotes"
    ));
    e.pos = Some(opened);
}

/// A key given twice: point at the second.
fn second_key(context: Option<&str>, core: &str, text: &str, e: &mut Explained) {
    // No context: the key is at the top level of the document.
    let mut target = context.map(parse_context).unwrap_or_default();
    let field = backticked(core).first().map(|s| s.to_string());
    target.push(Seg::Key(field.unwrap_or_default()));
    if let Some(second) = locate_duplicate_key(text, &target) {
        e.pos = Some(second);
    }
}

/// Reads `... at line L column C` out of a message.
fn parse_at_line(s: &str) -> Option<(usize, usize)> {
    let (_, rest) = s.split_once(" at line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

/// The words between backticks in `s`.
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// The first backticked word of `s`, and the others (a list of what is allowed).
fn word_and_allowed(s: &str) -> (&str, Vec<&str>) {
    let names = backticked(s);
    names
        .split_first()
        .map(|(f, a)| (*f, a.to_vec()))
        .unwrap_or(("", Vec::new()))
}

/// A core message in plain words, and a hint.
fn explain(core: &str) -> (String, Option<String>) {
    let (message, help) = if let Some(rest) = core.strip_prefix("unknown field ") {
        unknown_key(rest)
    } else if let Some(rest) = core.strip_prefix("unknown variant ") {
        unknown_value(rest)
    } else if let Some(rest) = core.strip_prefix("missing field ") {
        let field = backticked(rest).first().copied().unwrap_or("");
        (
            format!("missing `{field}`"),
            format!("add a `{field}:` line here"),
        )
    } else if let Some(field) = duplicated_key(core) {
        (
            format!("`{field}` is given twice"),
            format!("keep one `{field}:` line and delete the other"),
        )
    } else if core.starts_with("duplicate entry") {
        (
            core.to_string(),
            "a key may appear only once in a mapping: delete one of them".into(),
        )
    } else if let Some(rest) = core.strip_prefix("invalid type: ") {
        invalid_type(rest)
    } else {
        syntax(core)
    };
    (message, Some(help))
}

fn unknown_key(rest: &str) -> (String, String) {
    let (field, allowed) = word_and_allowed(rest);
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
    (format!("unknown key `{field}`"), hint)
}

fn unknown_value(rest: &str) -> (String, String) {
    let (value, allowed) = word_and_allowed(rest);
    let hint = match did_you_mean(value, allowed.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? Allowed values: {}", allowed.join(", ")),
        None => format!("use one of: {}", allowed.join(", ")),
    };
    (format!("`{value}` is not an allowed value"), hint)
}

fn invalid_type(rest: &str) -> (String, String) {
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
            "write one `key: value` per line, such as `title: …`; a list (`- …`) or a lone value cannot stand here".into(),
        );
    }
    let is = |words: &[&str]| words.iter().any(|w| expected.contains(w));
    let hint = if is(&["i32", "i64", "u32", "u64", "integer"]) {
        "write a whole number such as `2023`, without quotes or units"
    } else if is(&["f64", "number"]) {
        "write a plain number such as `85` or `85.5`, without quotes, units or a `%` sign"
    } else if is(&["localised"]) {
        "write a text, or one text per language such as `{vi: \"…\", en: \"…\"}`"
    } else if is(&["string"]) {
        "write a text; put it in double quotes if it looks like a number, a date or `yes`/`no`"
    } else if is(&["sequence"]) {
        "write a list: one `- ` item per line, or `[a, b]`"
    } else if is(&["bool"]) {
        "write `true` or `false`"
    } else {
        "check the value against the format in the documentation"
    };
    (
        format!(
            "expected {}, found {}",
            plain_expected(expected),
            plain_found(found)
        ),
        hint.to_string(),
    )
}

/// What serde says it expected, in a reader's words: `i32` is "a whole number".
fn plain_expected(expected: &str) -> String {
    let word = |w: &str| match w.trim_start_matches("a ").trim_start_matches("an ") {
        "f32" | "f64" | "number" => "a number".to_string(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128"
        | "usize" | "integer" => "a whole number".to_string(),
        "bool" | "boolean" => "`true` or `false`".to_string(),
        "sequence" => "a list".to_string(),
        "map" => "`key: value` lines".to_string(),
        "string" | "str" | "char" => "a text".to_string(),
        _ => w.to_string(),
    };
    let words: Vec<String> = expected.split(" or ").map(word).collect();
    words.join(" or ")
}

/// What serde says it found (`floating point `2026.5``, `integer `9…9` as u128`), in a
/// reader's words.
fn plain_found(found: &str) -> String {
    // `integer `N` as u128`: a whole number too large for the field.
    let (found, too_large) = match found.split_once(" as ") {
        Some((f, _)) => (f, ", which is too large"),
        None => (found, ""),
    };
    let value = |kind: &str| found.strip_prefix(kind).map(str::trim);
    if let Some(v) = value("floating point").or_else(|| value("integer")) {
        return format!("the number {v}{too_large}");
    }
    if let Some(v) = value("boolean") {
        return v.to_string();
    }
    if let Some(v) = value("string").or_else(|| value("character")) {
        return format!("the text {v}");
    }
    match found {
        "sequence" => "a list".to_string(),
        "map" => "`key: value` lines".to_string(),
        "unit value" | "Option value" => "nothing".to_string(),
        f => f.to_string(),
    }
}

/// Errors of the YAML syntax itself.
fn syntax(core: &str) -> (String, String) {
    let (message, hint) = if core.contains("tab character")
        || core.contains("cannot start any token")
    {
        (
            "this line contains a character YAML cannot read here (often a tab)".into(),
            "indent with spaces, never tabs; put text starting with `@`, `` ` `` or `%` in double quotes",
        )
    } else if core.contains("mapping values are not allowed") {
        (
            "unexpected `:` in a value".into(),
            "put a value that contains `: ` in double quotes, or check this line's indentation",
        )
    } else if core.contains("did not find expected") || core.contains("could not find expected") {
        (
            format!("YAML syntax error: {core}"),
            "check the indentation of this line and the one above it; list items start with `- `, and quotes must be closed",
        )
    } else if core.contains("recursion limit") || core.contains("repetition limit") {
        (
            format!("YAML too deeply nested or too repetitive: {core}"),
            "remove the deep nesting or the repeated aliases (`*name`): tiendo's files need neither",
        )
    } else {
        (core.to_string(), "check the YAML syntax on this line")
    };
    (message, hint.to_string())
}
