//! Markdown → HTML (CommonMark with tables, footnotes and strikethrough), with the data
//! shortcodes expanded first and root-relative links made relative, so an article's figures
//! always match the report and its links work under any sub-path. Pure.

use crate::diag::{did_you_mean, line_col, Diagnostic};
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
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

/// Expands shortcodes; implemented by the renderer, which knows the site's data.
pub trait ShortcodeHost {
    /// Expands one call, or says what is wrong (message, help).
    fn expand(&self, code: &Shortcode) -> Result<Expansion, (String, String)>;
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

/// Renders Markdown to HTML. `root` is the relative path from the page to the site root
/// (`../../`), used to rewrite root-relative links.
pub fn render(
    md: &str,
    root: &str,
    host: &dyn ShortcodeHost,
    src: &Source,
) -> Result<String, Vec<Diagnostic>> {
    let expanded = expand_shortcodes(md, host, src)?;
    Ok(render_plain(&expanded, root))
}

/// The Markdown extensions tiendo enables.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown that has no shortcodes.
pub fn render_plain(md: &str, root: &str) -> String {
    let events = add_heading_ids(
        Parser::new_ext(md, options())
            .map(|e| drop_controls(rewrite_link(e, root)))
            .collect(),
    );
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// Rewrites Markdown so that its raw HTML (blocks, inline tags, comments) shows as text: every
/// `<` that starts raw HTML becomes `&lt;`. Used for `raw_html: false` in site.yaml; shortcodes,
/// which are expanded later, still produce their tables.
pub fn escape_raw_html(md: &str) -> String {
    if !md.contains('<') {
        return md.to_string();
    }
    let mut text = md.to_string();
    // One pass nearly always does it; a rewrite can change how a later line parses, so check.
    for _ in 0..4 {
        let ranges: Vec<std::ops::Range<usize>> = Parser::new_ext(&text, options())
            .into_offset_iter()
            .filter(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
            .map(|(_, r)| r)
            .collect();
        if ranges.is_empty() {
            return text;
        }
        let mut out = String::with_capacity(text.len() + 16 * ranges.len());
        let mut last = 0;
        for r in ranges {
            if r.start < last || r.end > text.len() {
                continue;
            }
            out.push_str(&text[last..r.start]);
            out.push_str(&text[r.start..r.end].replace('<', "&lt;"));
            last = r.end;
        }
        out.push_str(&text[last..]);
        text = out;
    }
    // Still HTML after several passes (contrived input): no `<` can start any.
    text.replace('<', "&lt;")
}

/// A URL that would run script when followed or loaded: `javascript:`, `vbscript:`, and `data:`
/// except images. Browsers ignore spaces, tabs, line breaks and case in the scheme, and so does
/// this check.
pub fn is_script_url(url: &str, image: bool) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(11)
        .flat_map(char::to_lowercase)
        .collect();
    scheme.starts_with("javascript:")
        || scheme.starts_with("vbscript:")
        || (scheme.starts_with("data:") && !(image && scheme.starts_with("data:image")))
}

/// An invisible control character (C0 but tab and line breaks, and DEL): an HTML parse error,
/// and nothing a reader can see. Text pasted from a PDF or a terminal brings them.
fn is_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// Drops control characters from the text and code of a Markdown event.
fn drop_controls(e: Event<'_>) -> Event<'_> {
    let clean = |t: &str| -> CowStr<'static> {
        t.chars()
            .filter(|c| !is_control(*c))
            .collect::<String>()
            .into()
    };
    match e {
        Event::Text(t) if t.chars().any(is_control) => Event::Text(clean(&t)),
        Event::Code(t) if t.chars().any(is_control) => Event::Code(clean(&t)),
        e => e,
    }
}

fn rewrite_link<'a>(e: Event<'a>, root: &str) -> Event<'a> {
    let fix = |dest: CowStr<'a>| -> CowStr<'a> {
        if dest.starts_with('/') && !dest.starts_with("//") {
            let mut s = root.to_string();
            s.push_str(&dest[1..]);
            CowStr::from(s)
        } else {
            dest
        }
    };
    match e {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: if is_script_url(&dest_url, false) {
                CowStr::from("#")
            } else {
                fix(dest_url)
            },
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: if is_script_url(&dest_url, true) {
                CowStr::from("#")
            } else {
                fix(dest_url)
            },
            title,
            id,
        }),
        e => e,
    }
}

/// Gives every heading an `id` from its text (`## Kết quả` → `ket-qua`), unique in the page.
fn add_heading_ids(mut events: Vec<Event>) -> Vec<Event> {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = crate::slug::slugify(&text);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            if let Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) = std::mem::replace(&mut events[i], Event::Text("".into()))
            {
                events[i] = Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                });
            }
        }
        i += 1;
    }
    events
}

/// Replaces every `{{ name(…) }}` outside code with its expansion.
pub fn expand_shortcodes(
    md: &str,
    host: &dyn ShortcodeHost,
    src: &Source,
) -> Result<String, Vec<Diagnostic>> {
    if !md.contains("{{") {
        return Ok(md.to_string());
    }
    let mut out = String::with_capacity(md.len());
    let mut errors = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut offset = 0;
    for line in md.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let fence_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        if let Some(c) = fence_char {
            let run = trimmed.chars().take_while(|x| *x == c).count();
            if run >= 3 {
                match fence {
                    None => fence = Some((c, run)),
                    Some((fc, fr))
                        if fc == c && run >= fr && trimmed.trim_end().chars().all(|x| x == c) =>
                    {
                        fence = None
                    }
                    _ => {}
                }
                out.push_str(line);
                continue;
            }
        }
        if fence.is_some() || !line.contains("{{") {
            out.push_str(line);
            continue;
        }
        expand_line(line, line_start, md, host, src, &mut out, &mut errors);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn expand_line(
    line: &str,
    line_start: usize,
    md: &str,
    host: &dyn ShortcodeHost,
    src: &Source,
    out: &mut String,
    errors: &mut Vec<Diagnostic>,
) {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut code_run = 0usize;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|b| **b == b'`').count();
            code_run = if code_run == 0 {
                run
            } else if code_run == run {
                0
            } else {
                code_run
            };
            out.push_str(&line[i..i + run]);
            i += run;
            continue;
        }
        if code_run == 0 && line[i..].starts_with("{{") {
            if let Some(end) = line[i + 2..].find("}}") {
                let inner = &line[i + 2..i + 2 + end];
                let ident: String = inner
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !ident.is_empty() {
                    let at = line_start + i;
                    let (l, c) = line_col(md, at);
                    let place = |msg: String, help: String| {
                        Diagnostic::error(src.path, msg)
                            .at(src.first_line + l - 1, c)
                            .with_source(src.file_text)
                            .help(help)
                    };
                    let whole_line = line.trim() == &line[i..i + 4 + end];
                    match parse_shortcode(inner) {
                        Err(why) => errors.push(place(
                            format!("malformed shortcode: {why}"),
                            "write it as `{{ figure(year=2023, key=\"goals.completed\") }}`".into(),
                        )),
                        Ok(code) if !SHORTCODES.contains(&code.name.as_str()) => {
                            let hint = match did_you_mean(&code.name, SHORTCODES.iter().copied()) {
                                Some(s) => format!("did you mean `{s}`? Shortcodes: {}", SHORTCODES.join(", ")),
                                None => format!("the shortcodes are: {}", SHORTCODES.join(", ")),
                            };
                            errors.push(place(format!("unknown shortcode `{}`", code.name), hint));
                        }
                        Ok(code) => match host.expand(&code) {
                            Ok(Expansion::Inline(text)) => out.push_str(&escape_md(&text)),
                            Ok(Expansion::Block(html)) if whole_line => {
                                out.push_str(&html);
                            }
                            Ok(Expansion::Block(_)) => errors.push(place(
                                format!("`{}` makes a block and must stand alone on its line", code.name),
                                "put the shortcode on a line of its own, with blank lines around it".into(),
                            )),
                            Err((msg, help)) => errors.push(place(msg, help)),
                        },
                    }
                    i += 4 + end;
                    continue;
                }
            } else {
                // `{{ name(` with no `}}` on the line: a shortcode left open, which would
                // otherwise be published as it is, braces and all.
                let rest = line[i + 2..].trim_start();
                let name_len = rest
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                    .count();
                if name_len > 0 && rest[name_len..].trim_start().starts_with('(') {
                    let (l, c) = line_col(md, line_start + i);
                    errors.push(
                        Diagnostic::error(src.path, "this shortcode is not closed: `}}` is missing")
                            .at(src.first_line + l - 1, c)
                            .with_source(src.file_text)
                            .help("end it with `}}` on the same line, as in `{{ figure(year=2023, key=\"goals.completed\") }}`"),
                    );
                    out.push_str(&line[i..]);
                    return;
                }
            }
        }
        let ch_len = line[i..].chars().next().map(char::len_utf8).unwrap_or(1);
        out.push_str(&line[i..i + ch_len]);
        i += ch_len;
    }
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

/// Parses the inside of `{{ … }}`.
pub fn parse_shortcode(inner: &str) -> Result<Shortcode, String> {
    let s = inner.trim();
    let open = s.find('(').ok_or("expected `(` after the name")?;
    let name = s[..open].trim().to_string();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("`{name}` is not a shortcode name"));
    }
    let rest = s[open + 1..].trim_end();
    let body = rest.strip_suffix(')').ok_or("expected `)` at the end")?;
    let mut args = Vec::new();
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    loop {
        skip_ws(&mut i);
        if i >= chars.len() {
            break;
        }
        let key: String = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
            .collect();
        if key.is_empty() {
            return Err(format!(
                "expected an argument name at `{}`",
                chars[i..].iter().collect::<String>()
            ));
        }
        i += key.chars().count();
        skip_ws(&mut i);
        if chars.get(i) != Some(&'=') {
            return Err(format!("expected `=` after `{key}`"));
        }
        i += 1;
        skip_ws(&mut i);
        let value = match chars.get(i) {
            Some(q @ ('"' | '\'')) => {
                let q = *q;
                i += 1;
                let mut v = String::new();
                loop {
                    match chars.get(i) {
                        None => return Err(format!("the text of `{key}` has no closing {q}")),
                        Some('\\') if chars.get(i + 1).is_some() => {
                            v.push(chars[i + 1]);
                            i += 2;
                        }
                        Some(c) if *c == q => {
                            i += 1;
                            break;
                        }
                        Some(c) => {
                            v.push(*c);
                            i += 1;
                        }
                    }
                }
                ArgValue::Str(v)
            }
            _ => {
                let v: String = chars[i..]
                    .iter()
                    .take_while(|c| !c.is_whitespace() && **c != ',')
                    .collect();
                if v.is_empty() {
                    return Err(format!("`{key}` has no value"));
                }
                i += v.chars().count();
                ArgValue::Bare(v)
            }
        };
        if args.iter().any(|(k, _): &(String, ArgValue)| *k == key) {
            return Err(format!("`{key}` is given twice"));
        }
        args.push((key, value));
        skip_ws(&mut i);
        match chars.get(i) {
            Some(',') => i += 1,
            None => break,
            Some(c) => return Err(format!("expected `,` or `)`, found `{c}`")),
        }
    }
    Ok(Shortcode { name, args })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Host;
    impl ShortcodeHost for Host {
        fn expand(&self, code: &Shortcode) -> Result<Expansion, (String, String)> {
            match code.name.as_str() {
                "figure" => Ok(Expansion::Inline("20".into())),
                "goals_summary" => Ok(Expansion::Block(
                    "<table><tr><td>x</td></tr></table>\n".into(),
                )),
                _ => Err(("no such year".into(), "use 2023".into())),
            }
        }
    }

    fn src() -> Source<'static> {
        Source {
            path: Path::new("content/news/a.vi.md"),
            file_text: "",
            first_line: 5,
        }
    }

    #[test]
    fn shortcode_syntax() {
        let s = parse_shortcode(" figure(year=2023, key=\"goals.completed\") ").unwrap();
        assert_eq!(s.name, "figure");
        assert_eq!(s.args[0], ("year".into(), ArgValue::Bare("2023".into())));
        assert_eq!(s.args[1].1.as_str(), "goals.completed");
        assert!(parse_shortcode("figure(year=)").is_err());
        assert!(parse_shortcode("figure year=1").is_err());
        assert!(
            parse_shortcode("figure(key='a\\'b')").unwrap().args[0]
                .1
                .as_str()
                == "a'b"
        );
    }

    #[test]
    fn expands_outside_code_only() {
        let md = "We did {{ figure(year=2023, key=\"goals.completed\") }} goals.\n\n`{{ figure(x=1) }}`\n\n```\n{{ figure(x=1) }}\n```\n";
        let out = expand_shortcodes(md, &Host, &src()).unwrap();
        assert!(out.starts_with("We did 20 goals."), "{out}");
        assert_eq!(out.matches("{{ figure(x=1) }}").count(), 2, "{out}");
    }

    #[test]
    fn errors_name_the_file_line() {
        let md = "line one\n\nsee {{ figur(year=2023) }}\n";
        let errs = expand_shortcodes(md, &Host, &src()).unwrap_err();
        assert_eq!(errs[0].line(), Some(7));
        assert_eq!(errs[0].column(), Some(5));
        assert!(errs[0]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `figure`"));
        let errs =
            expand_shortcodes("x {{ goals_summary(year=2023) }} y\n", &Host, &src()).unwrap_err();
        assert!(errs[0].message.contains("stand alone"));
    }

    #[test]
    fn links_and_headings() {
        let html = render_plain(
            "## Kết quả\n\n## Kết quả\n\n[a](/tin-tuc/x/) [b](https://e.vn/) ![i](/img/a.png)\n",
            "../../",
        );
        assert!(html.contains("<h2 id=\"ket-qua\">"), "{html}");
        assert!(html.contains("<h2 id=\"ket-qua-2\">"), "{html}");
        assert!(html.contains("href=\"../../tin-tuc/x/\""), "{html}");
        assert!(html.contains("href=\"https://e.vn/\""), "{html}");
        assert!(html.contains("src=\"../../img/a.png\""), "{html}");
    }

    #[test]
    fn gfm_extensions() {
        let html = render_plain(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n[^1]: note\n",
            "",
        );
        assert!(
            html.contains("<table>")
                && html.contains("<del>old</del>")
                && html.contains("footnote"),
            "{html}"
        );
    }

    #[test]
    fn script_urls_are_neutralised_in_links_and_images() {
        let html = render_plain(
            "[a](javascript:alert(1)) [b](<JaVa\tScRiPt:alert(1)>) <javascript:alert(1)> ![c](vbscript:x) [d](data:text/html,x) ![e](data:image/png;base64,AA) [f][r]\n\n[r]: javascript&#58;alert(1)\n",
            "",
        );
        let lower = html.to_ascii_lowercase();
        assert!(
            !lower.contains("=\"javascript") && !lower.contains("=\"vbscript"),
            "{html}"
        );
        assert!(!html.contains("data:text"), "{html}");
        assert!(html.contains("src=\"data:image/png;base64,AA\""), "{html}");
        assert_eq!(html.matches("href=\"#\"").count(), 5, "{html}");
    }

    #[test]
    fn control_characters_are_dropped_from_text() {
        let html = render_plain("a\u{1}b \u{1b}[31mred `c\u{7f}d`\n", "");
        assert_eq!(html, "<p>ab [31mred <code>cd</code></p>\n");
    }

    #[test]
    fn raw_html_can_be_shown_as_text() {
        let md = "<script>alert(1)</script>\n\nText <b onclick=\"x\">bold</b> <!-- c -->\n\n<div>\n*x*\n</div>\n\n`<code>` and\n\n    <pre>\n";
        let html = render_plain(&escape_raw_html(md), "");
        assert!(
            !html.contains("<script") && !html.contains("<b ") && !html.contains("<div"),
            "{html}"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("<code>&lt;code&gt;</code>"), "{html}");
        assert!(html.contains("&lt;pre&gt;"), "{html}");
        // By default raw HTML is published as it is.
        assert!(render_plain(md, "").contains("<b onclick=\"x\">bold</b>"));
    }

    #[test]
    fn an_unclosed_shortcode_is_an_error() {
        let errs = expand_shortcodes(
            "x {{ figure(year=2023, key=\"goals.total\")\n",
            &Host,
            &src(),
        )
        .unwrap_err();
        assert!(errs[0].message.contains("not closed"), "{:?}", errs[0]);
        assert_eq!((errs[0].line(), errs[0].column()), (Some(5), Some(3)));
        // Braces that are not a shortcode stay text.
        assert!(expand_shortcodes("a {{ b\n{{\n", &Host, &src()).is_ok());
    }

    /// Markdown pieces, shortcodes (good and broken) and hostile HTML, for the property tests.
    fn markdown_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            "\\PC{0,12}",
            "[\\s\\S]{0,6}",
            Just("{{ figure(year=2023, key=\"goals.completed\") }}".to_string()),
            Just("{{ goals_summary(year=2023) }}\n".to_string()),
            Just("{{ figur(".to_string()),
            Just("{{ figure(year=2023, year=1) }}".to_string()),
            Just("{{ figure(key='a\\'b\") }}".to_string()),
            Just("}}".to_string()),
            Just("`".to_string()),
            Just("\n```\n".to_string()),
            Just("\n    ".to_string()),
            Just("<script>alert(1)</script>".to_string()),
            Just("<img src=x onerror=alert(1)>".to_string()),
            Just("<!--".to_string()),
            Just("[a](javascript:alert(1))".to_string()),
            Just("![i](/img/a.png)".to_string()),
            Just("\n| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
            Just("[^1]\n\n[^1]: n\n".to_string()),
            Just("\n## Kết quả\n".to_string()),
            Just("> ".to_string()),
            Just("- ".to_string()),
            Just("\u{0}\u{1}\u{1b}\r".to_string()),
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Rendering never panics, shortcodes or not, and with raw HTML escaped no tag but
        /// Markdown's, no event handler and no script URL comes out.
        #[test]
        fn rendering_never_panics_and_stays_safe(md in markdown_text()) {
            let _ = render(&md, "../../", &Host, &src());
            let _ = render(&escape_raw_html(&md), "", &Host, &src());
            crate::fuzzing::check_markdown(&md);
            let escaped = escape_raw_html(&md);
            proptest::prop_assert_eq!(escape_raw_html(&escaped), escaped.clone());
        }
    }
}
