//! tiendo ("tiến độ": progress) turns a public body's yearly goals and tasks (YAML) and its news
//! (Markdown) into a bilingual progress-report website.
//!
//! The pipeline, in this order and in this file only: config → load → model → render → write.
//! See ARCHITECTURE.md for the module map and its invariants.

#![warn(missing_docs)]

pub mod charts;
pub mod check;
pub mod date;
pub mod diag;
pub mod export;
pub mod format;
pub mod fs;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod timing;
pub mod urls;
pub mod yaml;

use diag::{Diagnostic, Diagnostics};
use render::{OutputFile, RenderStats};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `tiendo build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder that holds `content/` (and optionally `themes/`).
    pub root: PathBuf,
    /// Where the site goes; default `<root>/output`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Publish drafts and future-dated articles too.
    pub drafts: bool,
    /// Today's date, for holding back future-dated articles.
    pub today: date::Date,
}

impl BuildOptions {
    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("output"))
    }

    /// What the loader is told.
    pub fn load_options(&self) -> load::LoadOptions {
        load::LoadOptions::new(&self.root, self.today)
            .base_url(self.base_url.clone())
            .drafts(self.drafts)
    }
}

/// A successful build.
#[derive(Debug)]
pub struct BuildReport {
    /// Where the site was written.
    pub output: PathBuf,
    /// What was rendered.
    pub stats: RenderStats,
    /// Warnings (the build succeeded despite them).
    pub warnings: Diagnostics,
    /// Wall time.
    pub elapsed: Duration,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildFailed {
    /// Problems in the site's files: exit status 1.
    Content(Diagnostics),
    /// The output could not be written.
    Io(fs::FsError),
}

/// Loads the site and its theme, or returns the diagnostics that stop the build.
pub fn load_model(
    opts: &BuildOptions,
) -> Result<(model::Site, theme::Theme, Diagnostics), Diagnostics> {
    let load_opts = opts.load_options();
    let load_phase = timing::phase("load");
    let (site, mut diags) = load::load_site(&load_opts);
    drop(load_phase);
    let theme = site.as_ref().and_then(|s| {
        let (t, d) = theme::Theme::load(&opts.root, &s.config.theme);
        diags.extend(d);
        t
    });
    match (site, theme) {
        (Some(site), Some(theme)) if !diags.has_errors() => Ok((site, theme, diags)),
        _ => Err(diags),
    }
}

/// Loads and renders the site in memory, writing nothing. Files are sorted by path.
pub fn render_in_memory(
    opts: &BuildOptions,
) -> Result<(Vec<OutputFile>, RenderStats, Diagnostics), Diagnostics> {
    let (site, theme, mut diags) = load_model(opts)?;
    let render_phase = timing::phase("render");
    let (files, stats, d) = render::render_to_vec(&site, &theme, None, render::Scope::All);
    drop(render_phase);
    diags.extend(d);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((files, stats, diags))
}

/// Builds the site into the output folder. Pages are written to a staging folder as they are
/// rendered; the old output stays untouched unless the whole build succeeds.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailed> {
    let start = Instant::now();
    let out_dir = opts.output_dir();
    if let Some(d) = check_output_dir(&opts.root, &out_dir) {
        let mut diags = Diagnostics::new();
        diags.push(d);
        return Err(BuildFailed::Content(diags));
    }
    output::recover(&out_dir);
    let (site, theme, mut diags) = load_model(opts).map_err(BuildFailed::Content)?;
    let staging = output::Staging::create(&out_dir).map_err(BuildFailed::Io)?;
    let render_phase = timing::phase("render and write");
    let result = render::render_site(&site, &theme, &|f| staging.write(&f));
    drop(render_phase);
    let (stats, d) = match result {
        Ok(r) => r,
        Err(e) => {
            staging.abort();
            return Err(BuildFailed::Io(e));
        }
    };
    diags.extend(d);
    if diags.has_errors() {
        staging.abort();
        return Err(BuildFailed::Content(diags));
    }
    let commit_phase = timing::phase("swap in");
    staging.commit().map_err(BuildFailed::Io)?;
    drop(commit_phase);
    Ok(BuildReport {
        output: out_dir,
        stats,
        warnings: diags,
        elapsed: start.elapsed(),
    })
}

/// Refuses output folders whose replacement would destroy the site's own files.
fn check_output_dir(root: &Path, out: &Path) -> Option<Diagnostic> {
    let abs = |p: &Path| {
        fs::canonicalize(p)
            .ok()
            .or_else(|| std::env::current_dir().ok().map(|c| c.join(p)))
    };
    let root_abs = abs(root)?;
    let out_abs = abs(out)?;
    let content = root_abs.join("content");
    let themes = root_abs.join("themes");
    let display = out.display().to_string();
    if out_abs.is_file() {
        return Some(
            Diagnostic::error(&display, "the output path is a file, not a folder")
                .help("remove the file or choose another `--output` folder"),
        );
    }
    if root_abs.starts_with(&out_abs)
        || out_abs.starts_with(&content)
        || out_abs.starts_with(&themes)
    {
        return Some(
            Diagnostic::error(&display, "the output folder would replace the site's own files")
                .help("choose an output folder outside `content/` and `themes/`, such as the default `output/`"),
        );
    }
    if out_abs.is_dir() {
        let mut entries = match std::fs::read_dir(&out_abs) {
            Ok(e) => e,
            Err(_) => return None,
        };
        let empty = entries.next().is_none();
        if !empty && !out_abs.join("index.html").is_file() {
            return Some(
                Diagnostic::error(&display, "the output folder holds files that tiendo did not generate")
                    .help("tiendo replaces the whole output folder: empty it, or choose another `--output` folder"),
            );
        }
    }
    None
}

/// In-memory entry points for the fuzz targets (`tests/fuzz/`) and property tests: they run the
/// real loader and renderer on bytes, on a small site that exists only in memory. Not an API.
#[doc(hidden)]
pub mod fuzzing {
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
        let year = parse_year(&src, config, &mut diags);
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
        ) -> Result<crate::markdown::Expansion, (String, String)> {
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
                    None => Err(("no such figure".into(), "use goals.total".into())),
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
            if let Ok(html) =
                crate::markdown::render(&doc.body, "../../", &FuzzHost(summary), &source)
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
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
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
}
