//! In-memory entry points for the fuzz targets (`tests/fuzz/`) and property tests: they run the
//! real loader and renderer on bytes, on a small site that exists only in memory. Not an API.

use crate::diag::Diagnostics;
use crate::load::{decode, finish_docs, parse_doc, parse_year, LoadOptions, SourceText};
use crate::model::{DocKind, Localized, Site, SiteConfig, Year};
use std::path::{Path, PathBuf};

/// The year every fuzzed article can quote: two goals, two tasks, a group and a plan.
pub const BASE_YEAR: &str = "year: 2023\nplans:\n  - {id: P1, title: {vi: Kế hoạch, en: Plan}}\ngroups:\n  - {id: g, name: {vi: Nhóm, en: Group}}\ngoals:\n  - {id: G1, title: {vi: Một, en: One}, group: g, plan: P1, progress: 70}\n  - {id: G2, title: {vi: Hai, en: Two}, target: 10, actual: 12}\ntasks:\n  - {id: T1, title: {vi: Việc, en: Task}, status: done, owner: {vi: Sở, en: Dept}}\n  - {id: T2, title: Việc hai, status: not_started, due: 2023-12-31}\nindicators:\n  - {id: rank, name: {vi: Hạng, en: Rank}, value: 17, out_of: 63, better: lower}\n";

/// A site configuration: Vietnamese and English, with or without raw HTML.
pub fn config(raw_html: bool) -> SiteConfig {
    SiteConfig {
        title: Localized::plain("Fuzz"),
        description: None,
        base_url: "https://example.gov.vn/cds/".into(),
        languages: vec!["vi".into(), "en".into()],
        theme: "default".into(),
        organisation: None,
        raw_html,
    }
}

/// Parses a year file's text as `content/years/2023.yaml`, with its diagnostics.
pub fn year_from_text(text: &str, config: &SiteConfig) -> (Option<Year>, Diagnostics) {
    let src = SourceText {
        path: PathBuf::from("content/years/2023.yaml"),
        text: text.to_string(),
    };
    let mut diags = Diagnostics::new();
    let statics = crate::load::year::StaticPaths::default();
    let cx = crate::load::year::YearContext {
        config,
        static_files: &statics,
    };
    let year = parse_year(&src, cx, &mut diags);
    (year, diags)
}

/// Renders `site` with the built-in theme; every file goes to `check`.
pub fn render(site: &Site, check: &(dyn Fn(&crate::render::OutputFile) + Sync)) -> Diagnostics {
    let theme = crate::theme::Theme::builtin();
    let sink = |f: crate::render::OutputFile| -> Result<(), ()> {
        check(&f);
        Ok(())
    };
    match crate::render::render_site(site, &theme, &sink) {
        Ok((_, d)) => d,
        Err(()) => Diagnostics::new(),
    }
}

fn site(config: SiteConfig, years: Vec<Year>) -> Site {
    Site {
        config,
        years,
        news: Vec::new(),
        pages: Vec::new(),
        static_files: Vec::new(),
    }
}

/// Answers shortcodes as the renderer's host does (same errors for unknown names, a table
/// for block shortcodes), without a theme: the fast path of [`fuzz_doc`].
struct FuzzHost(serde_json::Value);

impl crate::markdown::ShortcodeHost for FuzzHost {
    fn expand(
        &self,
        code: &crate::markdown::Shortcode,
    ) -> Result<crate::markdown::Expansion, crate::markdown::ShortcodeError> {
        use crate::markdown::Expansion;
        let arg = |k: &str| {
            code.args
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.as_str())
        };
        match code.name.as_str() {
            "figure" => match arg("key").and_then(|k| crate::export::lookup(&self.0, k)) {
                Some(v) => Ok(Expansion::Inline(v.to_string())),
                None => Err(crate::markdown::ShortcodeError::new(
                    "no such figure",
                    "use goals.total",
                )),
            },
            _ => Ok(Expansion::Block(
                "<table><tr><td>1</td></tr></table>\n".into(),
            )),
        }
    }
}

/// Target 1: front matter + Markdown + shortcodes. The first byte's bits pick news or page
/// (1), `raw_html: false` (2); `0xff` also renders the whole site around the article (slow,
/// so rare: one input in 256); the rest is the file.
/// Loads it like `content/news/fuzz.vi.md`, expands its shortcodes and renders it, and
/// checks that `raw_html: false` leaves no raw HTML and no script URL survives in a link.
pub fn fuzz_doc(bytes: &[u8]) {
    let Some((&flags, bytes)) = bytes.split_first() else {
        return;
    };
    let kind = if flags & 1 == 0 {
        DocKind::News
    } else {
        DocKind::Page
    };
    let config = config(flags & 2 == 0);
    let rel = Path::new(if kind == DocKind::News {
        "content/news/fuzz.vi.md"
    } else {
        "content/pages/fuzz.vi.md"
    });
    let Ok(text) = decode(rel, bytes.to_vec()) else {
        return;
    };
    let src = SourceText {
        path: rel.to_path_buf(),
        text,
    };
    let mut diags = Diagnostics::new();
    let Some(doc) = parse_doc(&src, kind, &config, &mut diags) else {
        return;
    };
    check_markdown(&doc.body);
    let (year, _) = year_from_text(BASE_YEAR, &config);
    if flags != 0xff {
        let summary = year
            .as_ref()
            .map(|y| crate::export::summary_value(&site(config.clone(), vec![]), y))
            .unwrap_or_default();
        let source = crate::markdown::Source {
            path: &src.path,
            file_text: &src.text,
            first_line: doc.body_line,
        };
        if let Ok(html) = crate::markdown::render(&doc.body, "../../", &FuzzHost(summary), &source)
        {
            let _ = crate::render::feeds::xml_escape(&html);
        }
        return;
    }
    let mut site = site(config, year.into_iter().collect());
    let today = crate::date::Date::parse("2024-01-01").expect("a date");
    let opts = LoadOptions::new(".", today).drafts(true);
    let (news, pages) = finish_docs(vec![doc], &[2023], &site.config, &opts, &mut diags);
    if diags.has_errors() {
        return;
    }
    site.news = news;
    site.pages = pages;
    render(&site, &|_| {});
}

/// The security invariants of Markdown rendering, for any text: with its raw HTML escaped
/// (`raw_html: false`), the HTML has no tag but those Markdown makes, no event-handler
/// attribute, and no `href`/`src` that runs script.
pub fn check_markdown(md: &str) {
    let escaped = crate::markdown::escape_raw_html(md);
    let html = crate::markdown::render_plain(&escaped, "../../");
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or(tag);
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        assert!(
            MARKDOWN_TAGS.contains(&name.as_str()),
            "raw HTML survived `raw_html: false` (<{tag}>): {md:?} -> {html:?}"
        );
        // Attribute names and values, with the quoted values taken out.
        let mut outside = String::new();
        for (i, part) in tag.split('"').enumerate() {
            if i % 2 == 0 {
                outside.push_str(part);
            } else if outside.ends_with("href=") || outside.ends_with("src=") {
                let value = part.replace("&amp;", "&");
                assert!(
                    !crate::markdown::is_script_url(&value, outside.ends_with("src=")),
                    "a script URL survived in a Markdown link: {md:?} -> {html:?}"
                );
            }
        }
        assert!(
            !outside.split_whitespace().any(|a| a.starts_with("on")),
            "an event handler in <{tag}>: {md:?} -> {html:?}"
        );
    }
}

/// The tags that pulldown-cmark makes from Markdown (tables, footnotes, strikethrough).
const MARKDOWN_TAGS: &[&str] = &[
    "p",
    "a",
    "img",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "div",
    "input",
    "span",
    "section",
    "dl",
    "dt",
    "dd",
];

/// Target 2: a year file, loaded like `content/years/2023.yaml`; when it loads, the data
/// files are made and `data.json` is read back and compared with the model, and the whole
/// site is rendered when the first byte is `0xff` (slow, so rare: one input in 256).
pub fn fuzz_year(bytes: &[u8]) {
    let Some((&flags, bytes)) = bytes.split_first() else {
        return;
    };
    let config = config(true);
    let rel = Path::new("content/years/2023.yaml");
    let Ok(text) = decode(rel, bytes.to_vec()) else {
        return;
    };
    let (year, _) = year_from_text(&text, &config);
    let Some(year) = year else {
        return;
    };
    let site = site(config, vec![year]);
    let year = &site.years[0];
    for lang in ["vi", "en"] {
        let json = crate::export::data_json(&site, year, lang);
        let v: serde_json::Value = serde_json::from_slice(&json).expect("data.json parses");
        let goals = v["goals"].as_array().expect("goals");
        assert_eq!(goals.len(), year.goals.len());
        for (g, j) in year.goals.iter().zip(goals) {
            assert_eq!(j["id"].as_str(), Some(g.id.as_str()));
            assert_eq!(j["bucket"].as_str(), Some(g.bucket.key()));
        }
        assert_eq!(v["tasks"].as_array().map(Vec::len), Some(year.tasks.len()));
        let _ = crate::export::goals_csv(&site, year, lang);
        let _ = crate::export::tasks_csv(&site, year, lang);
    }
    for text in year.goals.iter().filter_map(|g| g.note.as_ref()) {
        for lang in ["vi", "en"] {
            check_markdown(text.resolve(lang, "vi").0);
        }
    }
    if flags == 0xff {
        render(&site, &|_| {});
    }
}
