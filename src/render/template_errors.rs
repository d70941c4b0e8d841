//! A Tera error as a diagnostic on the template file that holds the mistake, at its line: a
//! parse error's ` --> line:column`; a render error's variable, filter or function found in
//! the template where it happened (`error happened in 'base.html'`, not the page's own
//! template), so one mistake in `base.html` is one error, not one per page.

use crate::diag::Diagnostic;
use crate::theme::Theme;

/// The diagnostic of `e`, raised rendering (or, with `template` empty, compiling) `template`.
pub(crate) fn tera_diag(theme: &Theme, template: &str, e: &tera::Error) -> Diagnostic {
    let chain = chain(e);
    let file = quoted_after(&chain, "error happened in '")
        .or_else(|| quoted_after(&chain, "Failed to parse '"))
        .or_else(|| quoted_after(&chain, "Failed to render '"))
        .unwrap_or(template);
    let path = if file.is_empty() {
        format!("themes/{}/templates", theme.name)
    } else {
        theme.source_of(&format!("templates/{file}"))
    };
    let source = theme
        .templates()
        .into_iter()
        .find(|(name, _)| name == file)
        .map(|(_, src)| src);
    let (message, position) = match parse_position(&chain) {
        Some(pos) => (parse_message(&chain), Some(pos)),
        None => {
            // The page it happened on is not the mistake: one error for every page.
            let last = chain.last().map(String::as_str).unwrap_or_default();
            let message = last
                .split(" while rendering '")
                .next()
                .unwrap_or(last)
                .to_string();
            let pos = source.as_deref().and_then(|s| find_named(s, &message));
            (message, pos)
        }
    };
    let what = if file.is_empty() {
        String::new()
    } else {
        format!(" in `{file}`")
    };
    let d = Diagnostic::error(path, format!("template error{what}: {message}"))
        .at_opt(position)
        .help("fix the template; the built-in templates in the tiendo repository show the available variables");
    match &source {
        Some(src) => d.with_source(src),
        None => d,
    }
}

/// The messages of `e` and of its sources, outermost first.
fn chain(e: &tera::Error) -> Vec<String> {
    let mut out = vec![e.to_string()];
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        out.push(s.to_string());
        src = s.source();
    }
    out
}

/// The text between `'` after the last `marker` in `chain` (the innermost).
fn quoted_after<'c>(chain: &'c [String], marker: &str) -> Option<&'c str> {
    chain.iter().rev().find_map(|m| {
        let rest = &m[m.rfind(marker)? + marker.len()..];
        rest.split('\'').next()
    })
}

/// A parse error's ` --> line:column`.
fn parse_position(chain: &[String]) -> Option<(usize, usize)> {
    chain.iter().find_map(|m| {
        let rest = &m[m.find("--> ")? + 4..];
        let (line, rest) = rest.split_once(':')?;
        let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse().ok()?, col.parse().ok()?))
    })
}

/// A parse error's own words: its `= expected …` lines, without Tera's drawing of the line.
fn parse_message(chain: &[String]) -> String {
    let said: Vec<&str> = chain
        .iter()
        .flat_map(|m| m.lines())
        .filter_map(|l| l.trim_start().strip_prefix("= "))
        .collect();
    if said.is_empty() {
        "the template cannot be read".to_string()
    } else {
        said.join("; ")
    }
}

/// The first place in `source` where the name that `message` quotes (`` `page.x` ``, `'f'`)
/// is written.
fn find_named(source: &str, message: &str) -> Option<(usize, usize)> {
    let quoted = |q: char| message.split(q).nth(1).filter(|n| !n.is_empty());
    let name = quoted('`').or_else(|| quoted('\''))?;
    // `page.nosuch.field` is written as such; a filter or function by its bare name.
    source.lines().enumerate().find_map(|(i, line)| {
        let col = line.find(name)?;
        Some((i + 1, line[..col].chars().count() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_names_from_teras_words() {
        let chain = vec![
            "Failed to render 'years.html' (error happened in 'base.html').".to_string(),
            "Variable `page.nosuch` not found in context while rendering 'years.html'".to_string(),
        ];
        assert_eq!(
            quoted_after(&chain, "error happened in '"),
            Some("base.html")
        );
        assert_eq!(parse_position(&chain), None);
        let src = "<html>\n  <p>{{ page.nosuch }}</p>\n";
        assert_eq!(find_named(src, &chain[1]), Some((2, 9)));
        let src = "a\nb {{ x | nofilter }}\n";
        assert_eq!(
            find_named(src, "Filter 'nofilter' not found"),
            Some((2, 10))
        );
        let parse = vec![
            "Failed to parse 'base.html'".to_string(),
            " --> 8:7\n  |\n8 | {% if %}\n  |       ^---\n  |\n  = expected a value that can be negated".to_string(),
        ];
        assert_eq!(parse_position(&parse), Some((8, 7)));
        assert_eq!(
            parse_message(&parse),
            "expected a value that can be negated"
        );
    }
}
