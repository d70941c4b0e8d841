//! Markdown → HTML (CommonMark with tables, footnotes and strikethrough), with the data
//! shortcodes expanded first and root-relative links made relative, so an article's figures
//! always match the report and its links work under any sub-path. Pure.
//!
//! `shortcode` finds and expands the shortcodes, `call` parses one, `ids` gives headings
//! their ids.

mod call;
mod ids;
mod shortcode;

pub use call::parse_shortcode;
pub use ids::HeadingIds;
pub use shortcode::{
    expand_shortcodes, shortcode_in, ArgValue, Expansion, Shortcode, ShortcodeError, ShortcodeHost,
    Source, MAX_SHORTCODE_ERRORS, SHORTCODES,
};

use crate::diag::Diagnostic;
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

/// Renders Markdown to HTML. `root` is the relative path from the page to the site root
/// (`../../`), used to rewrite root-relative links.
pub fn render(
    md: &str,
    root: &str,
    host: &dyn ShortcodeHost,
    src: &Source,
) -> Result<String, Vec<Diagnostic>> {
    render_with(md, root, host, src, &mut HeadingIds::new())
}

/// `render` onto a page that already uses `ids` (and takes the headings' ids too).
pub fn render_with(
    md: &str,
    root: &str,
    host: &dyn ShortcodeHost,
    src: &Source,
    ids: &mut HeadingIds,
) -> Result<String, Vec<Diagnostic>> {
    let expanded = expand_shortcodes(md, host, src)?;
    Ok(render_plain_with(&expanded, root, ids))
}

/// The Markdown extensions tiendo enables.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown that has no shortcodes.
pub fn render_plain(md: &str, root: &str) -> String {
    render_plain_with(md, root, &mut HeadingIds::new())
}

/// `render_plain` onto a page that already uses `ids` (and takes the headings' ids too).
pub fn render_plain_with(md: &str, root: &str, ids: &mut HeadingIds) -> String {
    let events = ids.assign(
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
        Event::Text(t) if has_control(&t) => Event::Text(clean(&t)),
        Event::Code(t) if has_control(&t) => Event::Code(clean(&t)),
        e => e,
    }
}

/// Whether `t` holds a control character. They are all ASCII, and no byte of a longer UTF-8
/// sequence is, so a scan of bytes (much faster than of characters) gives the same answer.
fn has_control(t: &str) -> bool {
    t.bytes()
        .any(|b| (b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_shortcode_written_in_a_text_is_found_up_to_its_braces() {
        let call = "{{ figure(year=2023, key=\"goals.total\") }}";
        assert_eq!(shortcode_in(&format!("Có {call} mục tiêu")), Some(call));
        assert_eq!(
            shortcode_in("a {{ chart(year=2023\nb"),
            Some("{{ chart(year=2023")
        );
        assert_eq!(shortcode_in("{{ nope() }}"), Some("{{ nope() }}"));
        // Braces that open no call are text.
        assert_eq!(shortcode_in("{{ 5 }} and {{x}} and {{"), None);
        assert_eq!(shortcode_in("plain"), None);
    }

    struct Host;
    impl ShortcodeHost for Host {
        fn expand(&self, code: &Shortcode) -> Result<Expansion, ShortcodeError> {
            match code.name.as_str() {
                "figure" => Ok(Expansion::Inline("20".into())),
                "goals_summary" => Ok(Expansion::Block(
                    "<table><tr><td>x</td></tr></table>\n".into(),
                )),
                _ => Err(ShortcodeError::new("no such year", "use 2023")),
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

    const FIGURE: &str = "{{ figure(year=2023, key=\"goals.completed\") }}";

    #[test]
    fn a_megabyte_of_braces_is_read_in_one_pass() {
        // Quadratic scanning took 14 s for 150 KB of `{{`; this must finish at once.
        let md = "{{".repeat(500_000);
        assert_eq!(
            expand_shortcodes(&md, &Host, &src()).ok().as_ref(),
            Some(&md)
        );
        assert_eq!(
            render(&md, "", &Host, &src()).unwrap(),
            format!("<p>{md}</p>\n")
        );
        let closed = "{{}}".repeat(250_000);
        assert_eq!(expand_shortcodes(&closed, &Host, &src()).unwrap(), closed);
        let open = "{{ a(".repeat(200_000);
        assert_eq!(
            expand_shortcodes(&open, &Host, &src()).unwrap_err().len(),
            1
        );
        let in_code = format!("`{}`", "{{".repeat(500_000));
        assert_eq!(expand_shortcodes(&in_code, &Host, &src()).unwrap(), in_code);
    }

    #[test]
    fn a_megabyte_of_broken_shortcodes_reports_the_first_ones() {
        let md = "{{ figure }}".repeat(90_000);
        let errs = expand_shortcodes(&md, &Host, &src()).unwrap_err();
        assert_eq!(errs.len(), MAX_SHORTCODE_ERRORS + 1);
        assert!(
            errs[0].message.contains("malformed shortcode"),
            "{:?}",
            errs[0]
        );
        assert!(errs[MAX_SHORTCODE_ERRORS].message.contains("not read"));
    }

    #[test]
    fn shortcodes_inside_any_code_stay_as_written() {
        let cases = [
            ("an indented code block", format!("Text.\n\n    {FIGURE}\n")),
            (
                "a fence in a block quote",
                format!("> ```\n> {FIGURE}\n> ```\n"),
            ),
            (
                "a fence in a list item",
                format!("- item\n\n  ```\n  {FIGURE}\n  ```\n"),
            ),
            (
                "indented code in a list item",
                format!("1. item\n\n       {FIGURE}\n"),
            ),
            (
                "a code span over lines",
                format!("A `code\n{FIGURE}\nspan` here.\n"),
            ),
            ("a fence of tildes", format!("~~~~\n{FIGURE}\n~~~~\n")),
        ];
        for (what, md) in cases {
            assert_eq!(expand_shortcodes(&md, &Host, &src()).unwrap(), md, "{what}");
            let html = render(&md, "", &Host, &src()).unwrap();
            assert!(html.contains("<code>"), "{what}: {html}");
            assert!(html.contains(FIGURE), "{what}: {html}");
        }
        // A backtick that opens no code span hides nothing.
        let md = format!("A ` and {FIGURE}.\n");
        assert_eq!(
            expand_shortcodes(&md, &Host, &src()).unwrap(),
            "A ` and 20.\n"
        );
    }

    #[test]
    fn heading_ids_never_repeat_an_id_of_the_page() {
        let mut ids = HeadingIds::new();
        ids.reserve("main");
        let md = "## Main\n\n## 1\n\nSee[^1].\n\n[^1]: A note.\n\n<div id=\"chart\"></div>\n\n## Chart\n\n## A\n\n## A\n\n## A 2\n";
        let html = render_plain_with(md, "", &mut ids);
        for id in ["main-2", "1-2", "chart-2", "a", "a-2", "a-2-2"] {
            assert!(html.contains(&format!("<h2 id=\"{id}\">")), "{id}: {html}");
        }
        assert!(
            html.contains("id=\"1\""),
            "the footnote keeps its id: {html}"
        );
        // A second text on the same page goes on from there.
        let more = render_plain_with("## A\n\n## Main\n", "", &mut ids);
        assert!(
            more.contains("<h2 id=\"a-3\">") && more.contains("<h2 id=\"main-3\">"),
            "{more}"
        );
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
