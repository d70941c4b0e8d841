//! Model → the site's files, in memory: every page in every language, the data files, and the
//! static assets. Pure: nothing here touches the disk. Pages are rendered in parallel; the
//! result is sorted by path, so the output does not depend on thread timing.

mod chart_views;
pub mod feeds;
mod records;
pub mod search;
mod shortcodes;
pub mod views;

use crate::diag::{Diagnostic, Diagnostics};
use crate::export;
use crate::format::Formatter;
use crate::load::DocChange;
use crate::markdown;
use crate::model::{Bucket, Doc, DocKind, Localized, Rule, Site, TaskStatus, Year};
use crate::slug::slugify;
use crate::theme::Theme;
use crate::urls::{self, Target};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use views::*;

/// Articles per page of the news list and tag pages.
pub const PER_PAGE: usize = 10;

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
    /// For HTML pages: what the sitemap needs to know.
    pub page: Option<PageInfo>,
}

impl OutputFile {
    /// A file that is not a page.
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        OutputFile {
            path: path.into(),
            bytes,
            page: None,
        }
    }
}

/// Sitemap facts of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageInfo {
    /// The page's URL path (a folder ending in `/`).
    pub path: String,
    /// Kind of page (`home`, `article`, …, `404`).
    pub kind: String,
    /// (language, path) of this page in every language where it exists, itself included.
    pub translations: Vec<(String, String)>,
    /// Last modification date (`YYYY-MM-DD`), where known.
    pub lastmod: Option<String>,
}

/// What a build rendered, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct RenderStats {
    /// HTML pages.
    pub pages: usize,
    /// Data files (JSON, CSV).
    pub data_files: usize,
    /// Copied static files.
    pub static_files: usize,
    /// Charts drawn (each also offered as an SVG file).
    pub charts: usize,
}

struct TagData<'a> {
    slug: String,
    name: String,
    docs: Vec<&'a Doc>,
}

struct LangData<'a> {
    code: String,
    strings: BTreeMap<String, String>,
    /// The UI strings the templates use (`t.key`), handed to every page.
    template_strings: serde_json::Value,
    news: Vec<&'a Doc>,
    tags: Vec<TagData<'a>>,
    /// Standalone pages in this language, or their fallback: (doc, is_fallback).
    pages: Vec<(&'a Doc, bool)>,
}

impl LangData<'_> {
    fn fmt(&self) -> Formatter<'_> {
        Formatter::new(&self.strings)
    }
}

struct Renderer<'a> {
    /// Theme assets by their plain path (`assets/style.css`) → fingerprinted path.
    assets: BTreeMap<String, String>,
    site: &'a Site,
    theme: &'a Theme,
    tera: &'a tera::Tera,
    langs: Vec<LangData<'a>>,
    summaries: HashMap<i32, serde_json::Value>,
    agencies: Vec<records::Agency<'a>>,
    goals: Vec<records::GoalTrack<'a>>,
    /// (stem, language) → the article, for language switches.
    news_by_stem: HashMap<(&'a str, &'a str), &'a Doc>,
}

#[derive(Clone, Copy)]
enum Job<'a> {
    Home(usize),
    Years(usize),
    Year(usize, &'a Year),
    News(usize, usize),
    Article(usize, &'a Doc),
    Tags(usize),
    Tag(usize, usize, usize),
    Page(usize, usize),
    NotFound(usize),
    Feed(usize),
    TagFeed(usize, usize),
    Search(usize),
    Agencies(usize),
    Agency(usize, usize),
    GoalPage(usize, usize),
}

/// Which part of the site to render.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'c> {
    /// Everything.
    All,
    /// Only the pages that show what changed in these documents (for `tiendo serve`); the
    /// search index, sitemap and static files are left out.
    Docs(&'c [DocChange]),
    /// Only the search index and search page of these languages.
    Search(&'c [String]),
}

/// Renders the whole site.
pub fn render_site<E: Send>(
    site: &Site,
    theme: &Theme,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(RenderStats, Diagnostics), E> {
    render_scope(site, theme, Scope::All, sink)
}

/// Renders the part of the site in `scope`.
///
/// Each file goes to `sink` as soon as it is rendered (from several threads at once), so a
/// build never holds the whole site in memory; the sink decides whether files go to disk or
/// to a map. A sink error stops the rendering and is returned.
pub fn render_scope<E: Send>(
    site: &Site,
    theme: &Theme,
    scope: Scope,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(RenderStats, Diagnostics), E> {
    match Prepared::new(theme) {
        Ok(p) => render_prepared(site, theme, &p, scope, sink),
        Err(d) => {
            let mut diags = Diagnostics::new();
            diags.push(*d);
            Ok((RenderStats::default(), diags))
        }
    }
}

/// Renders the part of the site in `scope` into memory, sorted by path. `prepared` saves
/// compiling the templates again.
pub fn render_to_vec(
    site: &Site,
    theme: &Theme,
    prepared: Option<&Prepared>,
    scope: Scope,
) -> (Vec<OutputFile>, RenderStats, Diagnostics) {
    let files = std::sync::Mutex::new(Vec::new());
    let sink = |f: OutputFile| -> Result<(), std::convert::Infallible> {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    };
    let Ok((stats, diags)) = match prepared {
        Some(p) => render_prepared(site, theme, p, scope, &sink),
        None => render_scope(site, theme, scope, &sink),
    };
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, stats, diags)
}

/// A theme made ready to render: compiled templates and the UI strings they use. `tiendo
/// serve` keeps one between rebuilds.
pub struct Prepared {
    tera: tera::Tera,
    used: std::collections::BTreeSet<String>,
}

impl Prepared {
    /// Compiles the theme's templates.
    pub fn new(theme: &Theme) -> Result<Prepared, Box<Diagnostic>> {
        Ok(Prepared {
            tera: build_tera(theme)?,
            used: template_string_keys(theme),
        })
    }
}

/// `render_scope` with a theme already prepared.
pub fn render_prepared<E: Send>(
    site: &Site,
    theme: &Theme,
    prepared: &Prepared,
    scope: Scope,
    sink: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
) -> Result<(RenderStats, Diagnostics), E> {
    let mut diags = Diagnostics::new();
    let setup = crate::timing::phase("renderer setup");
    let tera = &prepared.tera;
    let used = &prepared.used;
    let mut langs = Vec::new();
    for code in &site.config.languages {
        let (strings, d) = theme.strings(code);
        diags.extend(d);
        let mut l = lang_data(site, code, strings);
        // Only the strings the templates name go into each page's context: every page
        // would otherwise copy the whole table.
        let subset: serde_json::Map<String, serde_json::Value> = l
            .strings
            .iter()
            .filter(|(k, _)| used.contains(k.as_str()))
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        l.template_strings = serde_json::Value::Object(subset);
        langs.push(l);
    }
    let summaries = site
        .years
        .iter()
        .map(|y| (y.year, export::summary_value(site, y)))
        .collect();
    let assets = theme
        .static_files()
        .map(|(dest, bytes)| (dest.to_string(), fingerprint(dest, bytes)))
        .collect();
    let r = Renderer {
        news_by_stem: site
            .news
            .iter()
            .map(|d| ((d.stem.as_str(), d.lang.as_str()), d))
            .collect(),
        agencies: records::agencies(&site.years, site.config.default_lang()),
        goals: records::goal_tracks(&site.years),
        assets,
        site,
        theme,
        tera,
        langs,
        summaries,
    };

    drop(setup);
    let mut jobs = r.jobs();
    if !matches!(scope, Scope::All) {
        jobs.retain(|j| r.in_scope(j, scope));
    }
    let jobs_phase = crate::timing::phase("render pages");
    // What the sitemap and the summary need of each file, kept after the file itself is gone.
    type Kept = (String, Option<PageInfo>);
    type JobResult = Result<Vec<Kept>, Vec<Diagnostic>>;
    let results: Vec<Result<JobResult, E>> = jobs
        .par_iter()
        .map(|j| match r.render_job(*j) {
            Ok(files) => {
                let mut kept = Vec::with_capacity(files.len());
                for mut f in files {
                    kept.push((f.path.clone(), f.page.take()));
                    sink(f)?;
                }
                Ok(Ok(kept))
            }
            Err(ds) => Ok(Err(ds)),
        })
        .collect();
    let mut kept: Vec<Kept> = Vec::new();
    for res in results {
        match res? {
            Ok(k) => kept.extend(k),
            Err(ds) => ds.into_iter().for_each(|d| diags.push(d)),
        }
    }
    drop(jobs_phase);
    if !matches!(scope, Scope::All) {
        let stats = RenderStats {
            pages: kept.iter().filter(|f| f.0.ends_with(".html")).count(),
            ..RenderStats::default()
        };
        return Ok((stats, diags));
    }
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    let mut stats = RenderStats {
        pages: kept.iter().filter(|f| f.0.ends_with(".html")).count(),
        data_files: kept.iter().filter(|f| !f.0.ends_with(".html")).count(),
        static_files: 0,
        charts: kept.iter().filter(|f| f.0.ends_with(".svg")).count(),
    };
    let base = &site.config.base_url;
    let mut extra = vec![OutputFile::new("robots.txt", feeds::robots(base))];
    if !base.is_empty() {
        let pages: Vec<&PageInfo> = kept.iter().filter_map(|f| f.1.as_ref()).collect();
        extra.push(OutputFile::new("sitemap.xml", feeds::sitemap(base, &pages)));
    }
    stats.data_files += extra.len();
    let mut taken: HashMap<String, String> = kept
        .iter()
        .map(|f| (f.0.clone(), "a generated page".to_string()))
        .collect();
    for f in &extra {
        taken.insert(f.path.clone(), "a generated file".to_string());
    }
    for (dest, bytes) in theme.static_files() {
        let path = r.asset_path(dest);
        taken.insert(path.clone(), theme.source_of(&format!("static/{dest}")));
        extra.push(OutputFile::new(path, bytes.to_vec()));
        stats.static_files += 1;
    }
    for s in &site.static_files {
        if let Some(other) = taken.get(&s.dest) {
            diags.push(
                Diagnostic::error(
                    &s.source,
                    format!("this file would overwrite `{}` ({other})", s.dest),
                )
                .help("rename the file or move it into a sub-folder of `content/static/`"),
            );
            continue;
        }
        extra.push(OutputFile::new(s.dest.clone(), s.bytes.clone()));
        stats.static_files += 1;
    }
    for f in extra {
        sink(f)?;
    }
    Ok((stats, diags))
}

fn lang_data<'a>(site: &'a Site, code: &str, strings: BTreeMap<String, String>) -> LangData<'a> {
    let news: Vec<&Doc> = site.news.iter().filter(|d| d.lang == code).collect();
    let mut tags: BTreeMap<String, TagData> = BTreeMap::new();
    // A site has few distinct tags and many tagged articles: slugify each tag text once, and
    // look tags up without allocating.
    let mut slugs: HashMap<&str, String> = HashMap::new();
    for d in &news {
        for t in &d.tags {
            let slug = slugs.entry(t.as_str()).or_insert_with(|| slugify(t));
            match tags.get_mut(slug.as_str()) {
                // Docs arrive in order, so a repeat (two tags with one slug) is the last one.
                Some(entry) => {
                    if !entry.docs.last().is_some_and(|x| std::ptr::eq(*x, *d)) {
                        entry.docs.push(d);
                    }
                }
                None => {
                    tags.insert(
                        slug.clone(),
                        TagData {
                            slug: slug.clone(),
                            name: t.clone(),
                            docs: vec![d],
                        },
                    );
                }
            }
        }
    }
    let default = site.config.default_lang();
    let mut pages = Vec::new();
    let mut stems: Vec<&str> = site.pages.iter().map(|p| p.stem.as_str()).collect();
    stems.dedup();
    for stem in stems {
        let variants: Vec<&Doc> = site.pages.iter().filter(|p| p.stem == stem).collect();
        let chosen = variants
            .iter()
            .find(|p| p.lang == code)
            .map(|p| (*p, false))
            .or_else(|| {
                variants
                    .iter()
                    .find(|p| p.lang == default)
                    .map(|p| (*p, true))
            })
            .or_else(|| variants.first().map(|p| (*p, true)));
        pages.extend(chosen);
    }
    LangData {
        code: code.to_string(),
        template_strings: serde_json::Value::Null,
        strings,
        news,
        tags: tags.into_values().collect(),
        pages,
    }
}

/// The keys the templates read from `t` (`t.skip_link`, `t["nav_home"]`).
fn template_string_keys(theme: &Theme) -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    for (_, src) in theme.templates() {
        let bytes = src.as_bytes();
        for (i, _) in src.match_indices("t.") {
            if i > 0
                && (bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'_'
                    || bytes[i - 1] == b'.')
            {
                continue;
            }
            let key: String = src[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            keys.insert(key);
        }
        for (i, _) in src.match_indices("t[\"") {
            let key: String = src[i + 3..].chars().take_while(|c| *c != '"').collect();
            keys.insert(key);
        }
    }
    keys
}

/// Compiles the theme's templates, with tiendo's filters.
fn build_tera(theme: &Theme) -> Result<tera::Tera, Box<Diagnostic>> {
    let mut tera = tera::Tera::default();
    tera.set_escape_fn(escape_html);
    tera.register_filter("loc", loc_filter);
    tera.add_raw_templates(theme.templates())
        .map_err(|e| Box::new(tera_diag(theme, "", &e)))?;
    Ok(tera)
}

fn tera_diag(theme: &Theme, template: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    let path = if template.is_empty() {
        format!("themes/{}/templates", theme.name)
    } else {
        theme.source_of(&format!("templates/{template}"))
    };
    Diagnostic::error(path, format!("template error: {msg}")).help("fix the template; the built-in templates in the tiendo repository show the available variables")
}

/// Escapes text for HTML text and quoted attributes, and drops control characters. Unlike
/// Tera's default it leaves `/` alone, so URLs stay readable in the page source.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            // Control characters are not allowed in HTML text: drop them.
            0..=8 | 11 | 12 | 14..=31 | 127 => "",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out
}

/// `{{ x | loc | safe }}`: an `LText` as escaped HTML, in a `<span lang>` when it is a fallback.
fn loc_filter(value: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let (text, lang) = match value {
        tera::Value::String(s) => (s.as_str(), None),
        tera::Value::Object(m) => (
            m.get("text").and_then(|v| v.as_str()).unwrap_or(""),
            m.get("lang").and_then(|v| v.as_str()),
        ),
        tera::Value::Null => ("", None),
        _ => return Err(tera::Error::msg("`loc` expects a text")),
    };
    let esc = escape_html(text);
    Ok(tera::Value::String(match lang {
        Some(l) => format!("<span lang=\"{}\">{esc}</span>", escape_html(l)),
        None => esc,
    }))
}

impl<'a> Renderer<'a> {
    fn default_lang(&self) -> &str {
        self.site.config.default_lang()
    }

    fn jobs(&self) -> Vec<Job<'a>> {
        let mut jobs = Vec::new();
        for (li, l) in self.langs.iter().enumerate() {
            jobs.push(Job::Home(li));
            jobs.push(Job::Years(li));
            jobs.extend(self.site.years.iter().map(|y| Job::Year(li, y)));
            for p in 1..=l.news.len().div_ceil(PER_PAGE).max(1) {
                jobs.push(Job::News(li, p));
            }
            jobs.extend(l.news.iter().map(|d| Job::Article(li, d)));
            jobs.push(Job::Tags(li));
            for (ti, t) in l.tags.iter().enumerate() {
                for p in 1..=t.docs.len().div_ceil(PER_PAGE).max(1) {
                    jobs.push(Job::Tag(li, ti, p));
                }
                jobs.push(Job::TagFeed(li, ti));
            }
            jobs.extend((0..l.pages.len()).map(|pi| Job::Page(li, pi)));
            jobs.push(Job::NotFound(li));
            jobs.push(Job::Feed(li));
            jobs.push(Job::Search(li));
            self.record_jobs(li, &mut jobs);
        }
        jobs
    }

    /// Whether a job shows something that changed (see `Scope`).
    fn in_scope(&self, job: &Job, scope: Scope) -> bool {
        let changes = match scope {
            Scope::All => return true,
            Scope::Search(langs) => {
                return matches!(job, Job::Search(li) if langs.contains(&self.langs[*li].code))
            }
            Scope::Docs(c) => c,
        };
        let lang = |li: &usize| self.langs[*li].code.as_str();
        let news_in = |li: &usize, metadata: bool| {
            changes
                .iter()
                .any(|c| c.kind == DocKind::News && c.lang == lang(li) && (c.metadata || !metadata))
        };
        match job {
            // The article itself; its translations' language switch and hreflang use its slug.
            Job::Article(li, d) => changes.iter().any(|c| {
                c.kind == DocKind::News && c.stem == d.stem && (c.lang == lang(li) || c.metadata)
            }),
            Job::Page(li, pi) => {
                let stem = &self.langs[*li].pages[*pi].0.stem;
                changes
                    .iter()
                    .any(|c| c.kind == DocKind::Page && &c.stem == stem)
            }
            // Feeds carry the latest 20 articles' texts.
            Job::Feed(li) => {
                news_in(li, true)
                    || self.langs[*li].news.iter().take(20).any(|d| {
                        changes.iter().any(|c| {
                            c.kind == DocKind::News && c.stem == d.stem && c.lang == d.lang
                        })
                    })
            }
            Job::Home(li) | Job::News(li, _) | Job::Tags(li) => news_in(li, true),
            Job::Tag(li, ti, _) | Job::TagFeed(li, ti) => {
                let slug = &self.langs[*li].tags[*ti].slug;
                changes.iter().any(|c| {
                    c.metadata && c.lang == lang(li) && c.tags.iter().any(|t| &slugify(t) == slug)
                })
            }
            Job::Year(li, y) => changes
                .iter()
                .any(|c| c.metadata && c.lang == lang(li) && c.years.contains(&y.year)),
            _ => false,
        }
    }

    fn path(&self, lang: &str, t: Target) -> String {
        urls::path(&self.site.config, lang, t)
    }

    fn lt(&self, l: &Localized, lang: &str) -> LText {
        let (text, fallback) = l.resolve(lang, self.default_lang());
        LText {
            text: text.to_string(),
            lang: fallback.map(str::to_string),
        }
    }

    fn render_job(&self, job: Job) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        match job {
            Job::Home(li) => self.home(&self.langs[li]).map(|f| vec![f]),
            Job::Years(li) => self.years_page(&self.langs[li]).map(|f| vec![f]),
            Job::Year(li, y) => self.year_page(&self.langs[li], y),
            Job::News(li, p) => self.news_page(&self.langs[li], p).map(|f| vec![f]),
            Job::Article(li, d) => self.article(&self.langs[li], d).map(|f| vec![f]),
            Job::Tags(li) => self.tags_page(&self.langs[li]).map(|f| vec![f]),
            Job::Tag(li, ti, p) => self.tag_page(&self.langs[li], ti, p).map(|f| vec![f]),
            Job::Page(li, pi) => self.standalone(&self.langs[li], pi).map(|f| vec![f]),
            Job::NotFound(li) => self.not_found(&self.langs[li]).map(|f| vec![f]),
            Job::Feed(li) => self.feed(&self.langs[li]),
            Job::TagFeed(li, ti) => self.tag_feed(&self.langs[li], ti).map(|f| vec![f]),
            Job::Search(li) => self.search(&self.langs[li]),
            Job::Agencies(li) => self.agencies_page(&self.langs[li]).map(|f| vec![f]),
            Job::Agency(li, i) => self.agency_page(&self.langs[li], i).map(|f| vec![f]),
            Job::GoalPage(li, i) => self.goal_page(&self.langs[li], i).map(|f| vec![f]),
        }
    }

    /// Renders `template` with the common page data and `extra` (name, value) pairs.
    fn page<T: Serialize + ?Sized>(
        &self,
        path: &str,
        template: &str,
        common: &PageCommon,
        l: &LangData,
        (name, value): (&str, &T),
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let mut ctx = tera::Context::new();
        ctx.insert("page", common);
        ctx.insert("t", &l.template_strings);
        ctx.insert(name, value);
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| vec![tera_diag(self.theme, template, &e)])?;
        Ok(OutputFile {
            path: urls::file_of(path),
            bytes: html.into_bytes(),
            page: Some(PageInfo {
                path: path.to_string(),
                kind: common.kind.clone(),
                translations: common.translations.clone(),
                lastmod: common.lastmod.clone(),
            }),
        })
    }

    /// The output path of a theme asset, fingerprinted for CSS and JavaScript.
    fn asset_path(&self, dest: &str) -> String {
        self.assets
            .get(dest)
            .cloned()
            .unwrap_or_else(|| dest.to_string())
    }

    /// The data every page has. `translation(lang)` gives the path of this page in `lang`, if
    /// it exists there; `fallback(lang)` the path the language switch leads to otherwise.
    #[allow(clippy::too_many_arguments)]
    fn common(
        &self,
        l: &LangData,
        path: &str,
        kind: &str,
        title: Option<&str>,
        description: Option<&str>,
        translation: &dyn Fn(&str) -> Option<String>,
        fallback: &dyn Fn(&str) -> String,
    ) -> PageCommon {
        let cfg = &self.site.config;
        let dir = urls::dir_of(path);
        let rel = |to: &str| urls::relative(dir, to);
        let fmt = l.fmt();
        let site_title = self.lt(&cfg.title, &l.code);
        let doc_title = match title {
            Some(t) if !t.is_empty() => format!("{t} – {}", site_title.text),
            _ => site_title.text.clone(),
        };
        let section = match kind {
            "year" | "years" => "years",
            "news" | "article" => "news",
            "tags" | "tag" => "tags",
            k => k,
        };
        let nav = [
            (
                "home",
                fmt.tr("nav_home", &[]),
                self.path(&l.code, Target::Home),
            ),
            (
                "years",
                fmt.tr("nav_years", &[]),
                self.path(&l.code, Target::Years),
            ),
            (
                "news",
                fmt.tr("nav_news", &[]),
                self.path(&l.code, Target::News(1)),
            ),
            (
                "tags",
                fmt.tr("nav_tags", &[]),
                self.path(&l.code, Target::Tags),
            ),
            (
                "search",
                fmt.tr("nav_search", &[]),
                self.path(&l.code, Target::Search),
            ),
        ]
        .into_iter()
        .map(|(k, label, p)| NavItem {
            href: rel(&p),
            label,
            current: k == section,
        })
        .collect();
        let mut languages = Vec::new();
        let mut alternates = Vec::new();
        let mut translations = Vec::new();
        for other in &self.langs {
            let tr = if other.code == l.code {
                Some(path.to_string())
            } else {
                translation(&other.code)
            };
            if let Some(p) = &tr {
                translations.push((other.code.clone(), p.clone()));
                let href = urls::absolute(cfg, p).unwrap_or_else(|| rel(p));
                alternates.push(Alternate {
                    hreflang: other.code.clone(),
                    href,
                });
            }
            let target = tr.clone().unwrap_or_else(|| fallback(&other.code));
            languages.push(LangLink {
                code: other.code.clone(),
                name: other
                    .strings
                    .get("language_name")
                    .cloned()
                    .unwrap_or_else(|| other.code.clone()),
                href: rel(&target),
                current: other.code == l.code,
                translated: tr.is_some(),
            });
        }
        let description = description
            .map(str::to_string)
            .or_else(|| cfg.description.as_ref().map(|d| self.lt(d, &l.code).text))
            .unwrap_or_default();
        let og_title = title
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| site_title.text.clone());
        PageCommon {
            favicon: rel(&self.asset_path("assets/favicon.svg")),
            tables_js: rel(&self.asset_path("assets/tables.js")),
            feed: rel(&self.path(
                &l.code,
                if kind == "news" {
                    Target::NewsFeed
                } else {
                    Target::Feed
                },
            )),
            og_title,
            og_type: if kind == "article" {
                "article"
            } else {
                "website"
            }
            .to_string(),
            og_locale: fmt.tr("og_locale", &[]),
            og_image: None,
            translations,
            lastmod: None,
            lang: l.code.clone(),
            kind: kind.to_string(),
            title: doc_title,
            description,
            site_title,
            organisation: cfg.organisation.as_ref().map(|o| self.lt(o, &l.code)),
            root: rel(""),
            home: rel(&self.path(&l.code, Target::Home)),
            css: rel(&self.asset_path("assets/style.css")),
            nav,
            languages,
            alternates,
            canonical: urls::absolute(cfg, path),
            pages: l
                .pages
                .iter()
                .map(|(d, _)| Link {
                    href: rel(&self.path(&l.code, Target::Page(&d.slug))),
                    label: d.title.clone(),
                })
                .collect(),
            fallback_notice: None,
        }
    }

    fn home_of(&self) -> impl Fn(&str) -> String + '_ {
        move |lang: &str| self.path(lang, Target::Home)
    }

    fn year_summary(&self, l: &LangData, y: &Year, from_dir: &str) -> YearSummaryView {
        let fmt = l.fmt();
        let s = &y.summary;
        let buckets = Bucket::ALL
            .iter()
            .map(|b| {
                count_row(
                    &fmt,
                    b.key(),
                    &fmt.tr(&format!("bucket_{}", b.key()), &[]),
                    s.goals.get(*b),
                    s.goals.total,
                )
            })
            .collect();
        let statuses = TaskStatus::ALL
            .iter()
            .map(|st| {
                count_row(
                    &fmt,
                    st.key(),
                    &fmt.tr(&format!("status_{}", st.key()), &[]),
                    s.tasks.get(*st),
                    s.tasks.total,
                )
            })
            .collect();
        let year_s = y.year.to_string();
        YearSummaryView {
            year: y.year,
            href: urls::relative(from_dir, &self.path(&l.code, Target::Year(y.year))),
            title: y
                .title
                .as_ref()
                .map(|t| self.lt(t, &l.code))
                .unwrap_or_else(|| LText {
                    text: fmt.tr("year_title", &[("year", &year_s)]),
                    lang: None,
                }),
            headline: (s.goals.total > 0).then(|| {
                fmt.tr(
                    "headline_goals",
                    &[
                        ("completed", &fmt.count(s.goals.completed)),
                        ("total", &fmt.count(s.goals.total)),
                    ],
                )
            }),
            tasks_headline: (s.tasks.total > 0).then(|| {
                fmt.tr(
                    "headline_tasks",
                    &[
                        ("done", &fmt.count(s.tasks.done)),
                        ("total", &fmt.count(s.tasks.total)),
                    ],
                )
            }),
            goals_total: s.goals.total,
            tasks_total: s.tasks.total,
            buckets,
            statuses,
            link_text: fmt.tr("view_report", &[("year", &year_s)]),
        }
    }

    fn indicator_view(
        &self,
        l: &LangData,
        y: &Year,
        ind: &crate::model::Indicator,
    ) -> IndicatorView {
        let fmt = l.fmt();
        let value_text = match (ind.value, ind.out_of) {
            (Some(v), Some(o)) => fmt.tr(
                "indicator_of",
                &[("value", &fmt.number(v, 2)), ("out_of", &fmt.number(o, 2))],
            ),
            (Some(v), None) => fmt.number(v, 2),
            (None, _) => fmt.tr("not_assessed", &[]),
        };
        let change = self.site.indicator_change(y.year, &ind.id);
        let is_rank = ind.out_of.is_some() && ind.better == crate::model::Better::Lower;
        let (change_text, trend) = match &change {
            None => (None, None),
            Some(c) => {
                let n = fmt.number(c.improvement.abs(), 2);
                let since = c.previous_year.to_string();
                let key = match (c.improvement > 0.0, c.improvement < 0.0, is_rank) {
                    (true, _, true) => "change_rank_up",
                    (_, true, true) => "change_rank_down",
                    (true, _, false) => "change_better",
                    (_, true, false) => "change_worse",
                    _ => "change_same",
                };
                let mut text = fmt.tr(key, &[("n", &n), ("year", &since)]);
                if !c.not_assessed.is_empty() {
                    let years: Vec<String> = c.not_assessed.iter().map(i32::to_string).collect();
                    text.push(' ');
                    text.push_str(&fmt.tr("not_assessed_in", &[("years", &years.join(", "))]));
                }
                let trend = if c.improvement > 0.0 {
                    "up"
                } else if c.improvement < 0.0 {
                    "down"
                } else {
                    "same"
                };
                (Some(text), Some(trend.to_string()))
            }
        };
        IndicatorView {
            id: ind.id.clone(),
            name: self.lt(&ind.name, &l.code),
            value_text,
            change_text,
            trend,
            better_text: fmt.tr(
                if ind.better == crate::model::Better::Lower {
                    "lower_is_better"
                } else {
                    "higher_is_better"
                },
                &[],
            ),
            year: y.year,
        }
    }

    fn card(&self, l: &LangData, d: &Doc, from_dir: &str) -> ArticleCard {
        let fmt = l.fmt();
        let date = d.date.as_ref();
        ArticleCard {
            title: d.title.clone(),
            href: urls::relative(from_dir, &self.path(&l.code, Target::Article(&d.slug))),
            date_text: date.map(|t| fmt.date(t.date)).unwrap_or_default(),
            date_iso: date
                .map(|t| {
                    if t.has_time {
                        t.rfc3339.clone()
                    } else {
                        t.date.to_string()
                    }
                })
                .unwrap_or_default(),
            summary: d.summary.clone(),
            tags: d
                .tags
                .iter()
                .map(|t| Link {
                    href: urls::relative(
                        from_dir,
                        &self.path(&l.code, Target::Tag(&slugify(t), 1)),
                    ),
                    label: t.clone(),
                })
                .collect(),
            draft: d.draft,
        }
    }

    fn home(&self, l: &LangData) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Home);
        let common = self.common(
            l,
            &path,
            "home",
            None,
            None,
            &|lang| Some(self.path(lang, Target::Home)),
            &self.home_of(),
        );
        let dir = urls::dir_of(&path);
        let headline = self.site.years.iter().rev().find(|y| !y.goals.is_empty());
        let upcoming = self
            .site
            .years
            .iter()
            .filter(|y| {
                y.goals.is_empty()
                    && !y.tasks.is_empty()
                    && headline.is_none_or(|h| y.year > h.year)
            })
            .map(|y| self.year_summary(l, y, dir))
            .collect();
        let mut indicators: Vec<IndicatorView> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for y in self.site.years.iter().rev() {
            for ind in &y.indicators {
                if ind.value.is_some() && !seen.contains(&ind.id.as_str()) {
                    seen.push(&ind.id);
                    indicators.push(self.indicator_view(l, y, ind));
                }
            }
        }
        let view = HomeView {
            intro: self
                .site
                .config
                .description
                .as_ref()
                .map(|d| self.lt(d, &l.code)),
            headline_year: headline.map(|y| self.year_summary(l, y, dir)),
            goals_chart: headline.and_then(|y| self.goals_chart(l, y, dir, "home")),
            upcoming,
            indicators,
            latest_news: l
                .news
                .iter()
                .take(5)
                .map(|d| self.card(l, d, dir))
                .collect(),
            news_href: urls::relative(dir, &self.path(&l.code, Target::News(1))),
            years_href: urls::relative(dir, &self.path(&l.code, Target::Years)),
        };
        self.page(&path, "home.html", &common, l, ("home", &view))
    }

    fn years_page(&self, l: &LangData) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Years);
        let title = l.fmt().tr("years_heading", &[]);
        let common = self.common(
            l,
            &path,
            "years",
            Some(&title),
            None,
            &|lang| Some(self.path(lang, Target::Years)),
            &self.home_of(),
        );
        let dir = urls::dir_of(&path);
        let years: Vec<YearSummaryView> = self
            .site
            .years
            .iter()
            .rev()
            .map(|y| self.year_summary(l, y, dir))
            .collect();
        let fmt = l.fmt();
        let trend_rows = self
            .site
            .years
            .iter()
            .filter(|y| y.summary.goals.total > 0)
            .map(|y| {
                (
                    y.year,
                    fmt.share(y.summary.goals.completed, y.summary.goals.total),
                )
            })
            .collect();
        let mut ids: Vec<&str> = Vec::new();
        for y in &self.site.years {
            for i in &y.indicators {
                if !ids.contains(&i.id.as_str()) {
                    ids.push(&i.id);
                }
            }
        }
        let indicators = ids
            .iter()
            .filter_map(|id| {
                let entries: Vec<(&Year, &crate::model::Indicator)> = self
                    .site
                    .years
                    .iter()
                    .filter_map(|y| y.indicators.iter().find(|i| i.id == *id).map(|i| (y, i)))
                    .collect();
                let (ly, last) = entries.last()?;
                let view = self.indicator_view(l, ly, last);
                Some(IndicatorTrend {
                    name: view.name,
                    chart: self.indicator_chart(l, id, dir),
                    rows: entries
                        .iter()
                        .map(|(y, i)| (y.year, self.indicator_view(l, y, i).value_text))
                        .collect(),
                    better_text: view.better_text,
                })
            })
            .collect();
        let view = YearsView {
            years,
            trend: self.trend_chart(l, dir),
            trend_rows,
            indicators,
        };
        self.page(&path, "years.html", &common, l, ("years", &view))
    }

    fn year_page(&self, l: &LangData, y: &Year) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Year(y.year));
        let dir = urls::dir_of(&path).to_string();
        let fmt = l.fmt();
        let summary = self.year_summary(l, y, &dir);
        let desc = summary.headline.clone().or(summary.tasks_headline.clone());
        let common = self.common(
            l,
            &path,
            "year",
            Some(&summary.title.text.clone()),
            desc.as_deref(),
            &|lang| Some(self.path(lang, Target::Year(y.year))),
            &self.home_of(),
        );
        let root = urls::relative(&dir, "");
        let md = |m: &Localized| {
            markdown::render_plain(m.resolve(&l.code, self.default_lang()).0, &root)
        };
        let unit_value = |v: f64, unit: &Option<Localized>| -> String {
            match unit.as_ref().map(|u| self.lt(u, &l.code).text) {
                Some(u) if u == "%" => fmt.percent(v, 2),
                Some(u) if !u.is_empty() => format!("{} {u}", fmt.number(v, 2)),
                _ => fmt.number(v, 2),
            }
        };
        let goal_view = |g: &crate::model::Goal| {
            let (target_text, actual_text, baseline_text) = match g.rule {
                Rule::Progress(_) => (None, None, None),
                Rule::Target {
                    target,
                    actual,
                    baseline,
                } => (
                    Some(unit_value(target, &g.unit)),
                    Some(unit_value(actual, &g.unit)),
                    baseline.map(|b| unit_value(b, &g.unit)),
                ),
            };
            GoalView {
                id: g.id.clone(),
                title: self.lt(&g.title, &l.code),
                completion_text: fmt.completion(g.completion),
                bar: format!("{:.2}", g.completion.clamp(0.0, 100.0)),
                completion: g.completion,
                bucket: g.bucket.key().to_string(),
                bucket_label: fmt.tr(&format!("bucket_{}", g.bucket.key()), &[]),
                target_text,
                actual_text,
                baseline_text,
                plan: g.plan.clone(),
                note_html: g.note.as_ref().map(md),
                href: self.goal_href(l, &g.id, &dir),
            }
        };
        let mut groups: Vec<GoalGroupView> = Vec::new();
        let mut group_ids: Vec<Option<&str>> =
            y.groups.iter().map(|g| Some(g.id.as_str())).collect();
        group_ids.push(None);
        for gid in group_ids {
            let goals: Vec<GoalView> = y
                .goals
                .iter()
                .filter(|g| g.group.as_deref() == gid)
                .map(goal_view)
                .collect();
            if goals.is_empty() {
                continue;
            }
            let done = goals.iter().filter(|g| g.bucket == "completed").count();
            let name = match gid.and_then(|id| y.group(id)) {
                Some(gr) => self.lt(&gr.name, &l.code),
                None => LText {
                    text: fmt.tr("no_group", &[]),
                    lang: None,
                },
            };
            groups.push(GoalGroupView {
                id: gid.unwrap_or("").to_string(),
                name,
                summary: fmt.tr(
                    "group_summary",
                    &[
                        ("completed", &fmt.count(done)),
                        ("total", &fmt.count(goals.len())),
                    ],
                ),
                goals,
            });
        }
        let task_statuses = TaskStatus::ALL
            .iter()
            .filter_map(|st| {
                let tasks: Vec<TaskView> = y
                    .tasks
                    .iter()
                    .filter(|t| t.status == *st)
                    .map(|t| TaskView {
                        id: t.id.clone(),
                        title: self.lt(&t.title, &l.code),
                        status: st.key().to_string(),
                        status_label: fmt.tr(&format!("status_{}", st.key()), &[]),
                        owner: t.owner.as_ref().map(|o| self.lt(o, &l.code)),
                        owner_href: t.owner.as_ref().map(|o| self.agency_href(l, o, &dir)),
                        due_text: t.due.map(|d| fmt.date(d)),
                        due_iso: t.due.map(|d| d.to_string()),
                        group: t
                            .group
                            .as_deref()
                            .and_then(|id| y.group(id))
                            .map(|g| self.lt(&g.name, &l.code)),
                        plan: t.plan.clone(),
                    })
                    .collect();
                (!tasks.is_empty()).then(|| TaskStatusView {
                    key: st.key().to_string(),
                    label: fmt.tr(&format!("status_{}", st.key()), &[]),
                    count_text: fmt.count(tasks.len()),
                    tasks,
                })
            })
            .collect();
        let plans = y
            .plans
            .iter()
            .zip(&y.summary.plans)
            .map(|(p, c)| PlanView {
                id: p.id.clone(),
                title: p.title.as_ref().map(|t| self.lt(t, &l.code)),
                date_text: p.date.map(|d| fmt.date(d)),
                date_iso: p.date.map(|d| d.to_string()),
                goals: c.goals,
                tasks: c.tasks,
                counts_text: fmt.tr(
                    "plan_counts",
                    &[
                        ("goals", &fmt.count(c.goals)),
                        ("tasks", &fmt.count(c.tasks)),
                    ],
                ),
            })
            .collect();
        let charts = YearCharts {
            goals: self.goals_chart(l, y, &dir, "year"),
            tasks: self.tasks_chart(l, y, &dir, "year"),
            groups: self.groups_chart(l, y, &dir, "year"),
        };
        let png = self.year_png(l, y);
        let mut year_files = vec!["data.json", "goals.csv", "tasks.csv"];
        for (present, file) in [
            (charts.goals.is_some(), "goals.svg"),
            (charts.tasks.is_some(), "tasks.svg"),
            (charts.groups.is_some(), "groups.svg"),
            (png.is_some(), "summary.png"),
        ] {
            if present {
                year_files.push(file);
            }
        }
        let downloads = year_files
            .iter()
            .map(|f| Link {
                href: urls::relative(&dir, &self.path(&l.code, Target::YearFile(y.year, f))),
                label: fmt.tr(&format!("download_{}", f.replace('.', "_")), &[]),
            })
            .collect();
        let idx = self
            .site
            .years
            .iter()
            .position(|x| x.year == y.year)
            .unwrap_or(0);
        let neighbour = |o: Option<&Year>| {
            o.map(|n| Link {
                href: urls::relative(&dir, &self.path(&l.code, Target::Year(n.year))),
                label: n.year.to_string(),
            })
        };
        let view = YearView {
            summary,
            intro_html: y.summary_md.as_ref().map(md),
            groups,
            task_statuses,
            indicators: y
                .indicators
                .iter()
                .map(|i| self.indicator_view(l, y, i))
                .collect(),
            plans,
            articles: l
                .news
                .iter()
                .filter(|d| d.year == Some(y.year))
                .map(|d| self.card(l, d, &dir))
                .collect(),
            articles_heading: fmt.tr("articles_about_year", &[("year", &y.year.to_string())]),
            downloads,
            group_rows: y
                .groups
                .iter()
                .zip(&y.summary.groups)
                .filter(|(_, c)| c.goals > 0)
                .map(|(gr, c)| GroupRow {
                    name: self.lt(&gr.name, &l.code),
                    completed_text: format!("{}/{}", fmt.count(c.completed), fmt.count(c.goals)),
                    share_text: fmt.share(c.completed, c.goals),
                })
                .collect(),
            charts: charts.clone(),
            agencies: Link {
                href: urls::relative(&dir, &self.path(&l.code, Target::Agencies)),
                label: fmt.tr("by_agency", &[]),
            },
            prev: neighbour(idx.checked_sub(1).and_then(|i| self.site.years.get(i))),
            next: neighbour(self.site.years.get(idx + 1)),
        };
        let mut common = common;
        if png.is_some() {
            common.og_image = urls::absolute(
                &self.site.config,
                &self.path(&l.code, Target::YearFile(y.year, "summary.png")),
            );
        }
        let mut out = vec![self.page(&path, "year.html", &common, l, ("year", &view))?];
        for (chart, file) in [
            (&charts.goals, "goals.svg"),
            (&charts.tasks, "tasks.svg"),
            (&charts.groups, "groups.svg"),
        ] {
            if let Some(c) = chart {
                let svg = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{}\n", c.svg);
                out.push(OutputFile::new(
                    self.path(&l.code, Target::YearFile(y.year, file)),
                    svg.into_bytes(),
                ));
            }
        }
        if let Some(png) = png {
            out.push(OutputFile::new(
                self.path(&l.code, Target::YearFile(y.year, "summary.png")),
                png,
            ));
        }
        out.push(OutputFile::new(
            self.path(&l.code, Target::YearFile(y.year, "data.json")),
            export::data_json(self.site, y, &l.code),
        ));
        out.push(OutputFile::new(
            self.path(&l.code, Target::YearFile(y.year, "goals.csv")),
            export::goals_csv(self.site, y, &l.code),
        ));
        out.push(OutputFile::new(
            self.path(&l.code, Target::YearFile(y.year, "tasks.csv")),
            export::tasks_csv(self.site, y, &l.code),
        ));
        Ok(out)
    }

    fn pager(
        &self,
        dir: &str,
        current: usize,
        total_items: usize,
        page_path: &dyn Fn(usize) -> String,
    ) -> Pager {
        let total = total_items.div_ceil(PER_PAGE).max(1);
        let href = |n: usize| urls::relative(dir, &page_path(n));
        Pager {
            current,
            total,
            prev: (current > 1).then(|| href(current - 1)),
            next: (current < total).then(|| href(current + 1)),
            pages: pager_window(current, total)
                .into_iter()
                .map(|n| match n {
                    Some(n) => PagerItem {
                        number: n,
                        href: href(n),
                        current: n == current,
                        gap: false,
                    },
                    None => PagerItem {
                        number: 0,
                        href: String::new(),
                        current: false,
                        gap: true,
                    },
                })
                .collect(),
        }
    }

    fn news_page(&self, l: &LangData, page: usize) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::News(page));
        let dir = urls::dir_of(&path).to_string();
        let fmt = l.fmt();
        let heading = fmt.tr("news_heading", &[]);
        let title = if page > 1 {
            format!(
                "{heading} ({})",
                fmt.tr("page_n", &[("n", &page.to_string())])
            )
        } else {
            heading.clone()
        };
        let common = self.common(
            l,
            &path,
            "news",
            Some(&title),
            None,
            &|lang| Some(self.path(lang, Target::News(1))),
            &|lang| self.path(lang, Target::News(1)),
        );
        let view = ListView {
            heading,
            articles: l
                .news
                .iter()
                .skip((page - 1) * PER_PAGE)
                .take(PER_PAGE)
                .map(|d| self.card(l, d, &dir))
                .collect(),
            pager: self.pager(&dir, page, l.news.len(), &|n| {
                self.path(&l.code, Target::News(n))
            }),
            all_tags: None,
        };
        self.page(&path, "news_list.html", &common, l, ("list", &view))
    }

    fn tags_page(&self, l: &LangData) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Tags);
        let dir = urls::dir_of(&path).to_string();
        let title = l.fmt().tr("tags_heading", &[]);
        let common = self.common(
            l,
            &path,
            "tags",
            Some(&title),
            None,
            &|lang| Some(self.path(lang, Target::Tags)),
            &self.home_of(),
        );
        let tags: Vec<TagItem> = l
            .tags
            .iter()
            .map(|t| TagItem {
                name: t.name.clone(),
                href: urls::relative(&dir, &self.path(&l.code, Target::Tag(&t.slug, 1))),
                count: t.docs.len(),
                count_text: l
                    .fmt()
                    .tr("tag_count", &[("count", &l.fmt().count(t.docs.len()))]),
            })
            .collect();
        self.page(&path, "tags.html", &common, l, ("tags", &tags))
    }

    fn tag_page(
        &self,
        l: &LangData,
        ti: usize,
        page: usize,
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let tag = &l.tags[ti];
        let path = self.path(&l.code, Target::Tag(&tag.slug, page));
        let dir = urls::dir_of(&path).to_string();
        let fmt = l.fmt();
        let heading = fmt.tr("tag_heading", &[("tag", &tag.name)]);
        let title = if page > 1 {
            format!(
                "{heading} ({})",
                fmt.tr("page_n", &[("n", &page.to_string())])
            )
        } else {
            heading.clone()
        };
        let mut common = self.common(l, &path, "tag", Some(&title), None, &|_| None, &|lang| {
            self.path(lang, Target::Tags)
        });
        common.feed = urls::relative(&dir, &self.path(&l.code, Target::TagFeed(&tag.slug)));
        let view = ListView {
            heading,
            articles: tag
                .docs
                .iter()
                .skip((page - 1) * PER_PAGE)
                .take(PER_PAGE)
                .map(|d| self.card(l, d, &dir))
                .collect(),
            pager: self.pager(&dir, page, tag.docs.len(), &|n| {
                self.path(&l.code, Target::Tag(&tag.slug, n))
            }),
            all_tags: Some(Link {
                href: urls::relative(&dir, &self.path(&l.code, Target::Tags)),
                label: fmt.tr("all_tags", &[]),
            }),
        };
        self.page(&path, "news_list.html", &common, l, ("list", &view))
    }

    fn body_html(&self, l: &LangData, d: &Doc, dir: &str) -> Result<String, Vec<Diagnostic>> {
        let root = urls::relative(dir, "");
        let draw = |y: &Year, kind: &str| {
            let chart = match kind {
                "goals" => self.goals_chart(l, y, dir, "sc"),
                "tasks" => self.tasks_chart(l, y, dir, "sc"),
                _ => self.groups_chart(l, y, dir, "sc"),
            };
            chart.map(|c| c.svg)
        };
        let host = shortcodes::Host {
            site: self.site,
            summaries: &self.summaries,
            fmt: l.fmt(),
            lang: &l.code,
            charts: Some(&draw),
        };
        // The file's text is needed only for error snippets: a missing one just drops them.
        let file_text = format!("{}{}", "\n".repeat(d.body_line.saturating_sub(1)), d.body);
        let src = markdown::Source {
            path: Path::new(&d.source),
            file_text: &file_text,
            first_line: d.body_line,
        };
        markdown::render(&d.body, &root, &host, &src)
    }

    fn article(&self, l: &LangData, d: &Doc) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Article(&d.slug));
        let dir = urls::dir_of(&path).to_string();
        let body_html = self.body_html(l, d, &dir)?;
        let translation = |lang: &str| {
            self.news_by_stem
                .get(&(d.stem.as_str(), lang))
                .map(|x| self.path(lang, Target::Article(&x.slug)))
        };
        let common = self.common(
            l,
            &path,
            "article",
            Some(&d.title),
            d.summary.as_deref(),
            &translation,
            &|lang| self.path(lang, Target::News(1)),
        );
        let mut common = common;
        common.lastmod = d.date.as_ref().map(|t| t.date.to_string());
        if let Some(y) = d.year.and_then(|y| self.site.year(y)) {
            if y.summary.goals.total > 0 || y.summary.tasks.total > 0 {
                common.og_image = urls::absolute(
                    &self.site.config,
                    &self.path(&l.code, Target::YearFile(y.year, "summary.png")),
                );
            }
        }
        let fmt = l.fmt();
        let view = ArticleView {
            card: self.card(l, d, &dir),
            author: d.author.clone(),
            image: d.image.as_ref().map(|i| {
                if i.starts_with('/') && !i.starts_with("//") {
                    urls::relative(&dir, &i[1..])
                } else {
                    i.clone()
                }
            }),
            year: d.year.map(|y| Link {
                href: urls::relative(&dir, &self.path(&l.code, Target::Year(y))),
                label: fmt.tr("see_year_report", &[("year", &y.to_string())]),
            }),
            body_html,
        };
        self.page(&path, "article.html", &common, l, ("article", &view))
    }

    fn standalone(&self, l: &LangData, pi: usize) -> Result<OutputFile, Vec<Diagnostic>> {
        let (d, is_fallback) = l.pages[pi];
        let path = self.path(&l.code, Target::Page(&d.slug));
        let dir = urls::dir_of(&path).to_string();
        let body_html = self.body_html(l, d, &dir)?;
        let translation = |lang: &str| {
            self.langs
                .iter()
                .find(|x| x.code == lang)
                .and_then(|ol| ol.pages.iter().find(|(p, _)| p.stem == d.stem))
                .map(|(p, _)| self.path(lang, Target::Page(&p.slug)))
        };
        let mut common = self.common(
            l,
            &path,
            "page",
            Some(&d.title),
            d.summary.as_deref(),
            &translation,
            &self.home_of(),
        );
        if is_fallback {
            common.fallback_notice = Some(l.fmt().tr("fallback_notice", &[]));
        }
        let lang = is_fallback.then(|| d.lang.clone());
        let view = StandaloneView {
            title: LText {
                text: d.title.clone(),
                lang: lang.clone(),
            },
            body_html,
            body_lang: lang,
        };
        self.page(&path, "page.html", &common, l, ("doc", &view))
    }

    /// The search page and the language's search index.
    fn search(&self, l: &LangData) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        let _t = crate::timing::phase("search index (1 lang)");
        let d = self.default_lang();
        let text = |x: &Localized| x.resolve(&l.code, d).0.to_string();
        let mut docs = Vec::new();
        for doc in &l.news {
            let body: String = strip_shortcodes(&doc.body);
            let mut texts = vec![(doc.title.clone(), 10), (body, 1)];
            texts.extend(doc.tags.iter().map(|t| (t.clone(), 5)));
            texts.extend(doc.summary.iter().map(|s| (s.clone(), 3)));
            docs.push(search::SearchDoc {
                kind: "article",
                year: doc
                    .year
                    .or(doc.date.as_ref().map(|t| t.date.year()))
                    .unwrap_or(0),
                status: String::new(),
                title: doc.title.clone(),
                url: self.path(&l.code, Target::Article(&doc.slug)),
                texts,
            });
        }
        for (doc, _) in &l.pages {
            docs.push(search::SearchDoc {
                kind: "page",
                year: 0,
                status: String::new(),
                title: doc.title.clone(),
                url: self.path(&l.code, Target::Page(&doc.slug)),
                texts: vec![(doc.title.clone(), 10), (strip_shortcodes(&doc.body), 1)],
            });
        }
        for y in self.site.years.iter().rev() {
            let page = self.path(&l.code, Target::Year(y.year));
            for g in &y.goals {
                let mut texts = vec![(text(&g.title), 10), (g.id.clone(), 10)];
                texts.extend(
                    g.group
                        .as_deref()
                        .and_then(|id| y.group(id))
                        .map(|gr| (text(&gr.name), 2)),
                );
                texts.extend(g.note.as_ref().map(|n| (text(n), 1)));
                docs.push(search::SearchDoc {
                    kind: "goal",
                    year: y.year,
                    status: g.bucket.key().to_string(),
                    title: format!("{} {}", g.id, text(&g.title)),
                    url: format!("{page}#goal-{}", g.id),
                    texts,
                });
            }
            for t in &y.tasks {
                let mut texts = vec![(text(&t.title), 10), (t.id.clone(), 10)];
                texts.extend(t.owner.as_ref().map(|o| (text(o), 3)));
                docs.push(search::SearchDoc {
                    kind: "task",
                    year: y.year,
                    status: t.status.key().to_string(),
                    title: format!("{} {}", t.id, text(&t.title)),
                    url: format!("{page}#task-{}", t.id),
                    texts,
                });
            }
        }
        let fmt = l.fmt();
        let mut labels = BTreeMap::new();
        for k in ["article", "page", "goal", "task"] {
            labels.insert(format!("type_{k}"), fmt.tr(&format!("type_{k}"), &[]));
        }
        for b in Bucket::ALL {
            labels.insert(
                format!("status_{}", b.key()),
                fmt.tr(&format!("bucket_{}", b.key()), &[]),
            );
        }
        for st in TaskStatus::ALL {
            labels.insert(
                format!("status_{}", st.key()),
                fmt.tr(&format!("status_{}", st.key()), &[]),
            );
        }
        labels.insert("count".into(), fmt.tr("search_count", &[]));
        let mut out: Vec<OutputFile> = search::build_index(&docs, &labels)
            .into_iter()
            .map(|(f, bytes)| OutputFile::new(self.path(&l.code, Target::SearchIndex(&f)), bytes))
            .collect();
        let path = self.path(&l.code, Target::Search);
        let dir = urls::dir_of(&path).to_string();
        let title = fmt.tr("search_heading", &[]);
        let common = self.common(
            l,
            &path,
            "search",
            Some(&title),
            None,
            &|lang| Some(self.path(lang, Target::Search)),
            &self.home_of(),
        );
        #[derive(Serialize)]
        struct SearchView {
            index: String,
            script: String,
        }
        let view = SearchView {
            index: urls::relative(&dir, &self.path(&l.code, Target::SearchIndex(""))),
            script: urls::relative(&dir, &self.asset_path("assets/search.js")),
        };
        out.push(self.page(&path, "search.html", &common, l, ("search", &view))?);
        Ok(out)
    }

    /// The language's Atom feed: the latest 20 articles, with absolute links where the site
    /// has a `base_url`.
    fn feed(&self, l: &LangData) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        let home = self.path(&l.code, Target::Home);
        let news = self.path(&l.code, Target::News(1));
        Ok(vec![
            self.feed_file(
                l,
                &self.path(&l.code, Target::Feed),
                None,
                &l.news,
                true,
                &home,
            ),
            self.feed_file(
                l,
                &self.path(&l.code, Target::NewsFeed),
                Some(l.fmt().tr("news_heading", &[])),
                &l.news,
                true,
                &news,
            ),
        ])
    }

    fn tag_feed(&self, l: &LangData, ti: usize) -> Result<OutputFile, Vec<Diagnostic>> {
        let tag = &l.tags[ti];
        let title = l.fmt().tr("tag_heading", &[("tag", &tag.name)]);
        let page = self.path(&l.code, Target::Tag(&tag.slug, 1));
        // Tag feeds carry summaries only: sixty of them with full texts would mostly repeat.
        Ok(self.feed_file(
            l,
            &self.path(&l.code, Target::TagFeed(&tag.slug)),
            Some(title),
            &tag.docs,
            false,
            &page,
        ))
    }

    /// An Atom feed of the latest 20 of `docs`, with absolute links where the site has a
    /// `base_url`; `full` puts each article's text in, else only its summary.
    fn feed_file(
        &self,
        l: &LangData,
        path: &str,
        title: Option<String>,
        docs: &[&Doc],
        full: bool,
        alternate: &str,
    ) -> OutputFile {
        let cfg = &self.site.config;
        let dir = urls::dir_of(path).to_string();
        let url = |p: &str| urls::absolute(cfg, p).unwrap_or_else(|| urls::relative(&dir, p));
        let root = if cfg.base_url.is_empty() {
            urls::relative(&dir, "")
        } else {
            cfg.base_url.clone()
        };
        let mut entries = Vec::new();
        for d in docs.iter().take(20) {
            let content_html = if full {
                let host = shortcodes::Host {
                    site: self.site,
                    summaries: &self.summaries,
                    fmt: l.fmt(),
                    lang: &l.code,
                    charts: None,
                };
                let file_text = String::new();
                let src = markdown::Source {
                    path: Path::new(&d.source),
                    file_text: &file_text,
                    first_line: d.body_line,
                };
                // Errors in the body are reported by the article's own page.
                Some(markdown::render(&d.body, &root, &host, &src).unwrap_or_default())
            } else {
                None
            };
            entries.push(feeds::FeedEntry {
                title: d.title.clone(),
                url: url(&self.path(&l.code, Target::Article(&d.slug))),
                published: d
                    .date
                    .as_ref()
                    .map(|t| t.rfc3339.clone())
                    .unwrap_or_default(),
                summary: d.summary.clone(),
                content_html,
                author: d.author.clone(),
                tags: d.tags.clone(),
            });
        }
        let site_title = self.lt(&cfg.title, &l.code).text;
        let feed = feeds::Feed {
            lang: l.code.clone(),
            title: match title {
                Some(t) => format!("{t} – {site_title}"),
                None => site_title.clone(),
            },
            subtitle: cfg.description.as_ref().map(|d| self.lt(d, &l.code).text),
            self_url: url(path),
            home_url: url(alternate),
            author: cfg
                .organisation
                .as_ref()
                .map(|o| self.lt(o, &l.code).text)
                .unwrap_or(site_title),
            entries,
        };
        OutputFile::new(path, feeds::atom(&feed))
    }

    fn not_found(&self, l: &LangData) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::NotFound);
        let title = l.fmt().tr("not_found_heading", &[]);
        let mut common = self.common(
            l,
            &path,
            "404",
            Some(&title),
            None,
            &|lang| Some(self.path(lang, Target::NotFound)),
            &self.home_of(),
        );
        // A server shows the 404 page at any depth: links must not be relative to its folder.
        let base = crate::urls::base_path(&self.site.config.base_url);
        let abs = |p: &str| format!("{base}{p}");
        common.root = base.clone();
        common.css = abs(&self.asset_path("assets/style.css"));
        common.favicon = abs(&self.asset_path("assets/favicon.svg"));
        common.feed = abs(&self.path(&l.code, Target::Feed));
        common.home = abs(&self.path(&l.code, Target::Home));
        let paths: Vec<String> = [
            Target::Home,
            Target::Years,
            Target::News(1),
            Target::Tags,
            Target::Search,
        ]
        .iter()
        .map(|t| self.path(&l.code, *t))
        .collect();
        for (item, p) in common.nav.iter_mut().zip(&paths) {
            item.href = abs(p);
        }
        for lang in common.languages.iter_mut() {
            lang.href = abs(&self.path(&lang.code, Target::Home));
        }
        for (link, (d, _)) in common.pages.iter_mut().zip(&l.pages) {
            link.href = abs(&self.path(&l.code, Target::Page(&d.slug)));
        }
        self.page(&path, "404.html", &common, l, ("nothing", &()))
    }
}

/// The page numbers a pager shows: the first, the last, and two on each side of the current
/// one, with `None` for a gap. A list of 1,000 pages then links 7 of them, not 1,000.
fn pager_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let lo = current.saturating_sub(2).max(1);
    let hi = (current + 2).min(total);
    if lo > 1 {
        out.push(Some(1));
        if lo > 2 {
            out.push(None);
        }
    }
    out.extend((lo..=hi).map(Some));
    if hi < total {
        if hi + 1 < total {
            out.push(None);
        }
        out.push(Some(total));
    }
    out
}

/// Markdown without its `{{ … }}` shortcodes, for the search index.
fn strip_shortcodes(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        match rest[i..].find("}}") {
            Some(j) => rest = &rest[i + j + 2..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `assets/style.css` → `assets/style.<hash>.css` for CSS and JavaScript, so browsers never
/// keep a stale copy; other files keep their names.
fn fingerprint(dest: &str, bytes: &[u8]) -> String {
    let Some((stem, ext)) = dest.rsplit_once('.') else {
        return dest.to_string();
    };
    if ext != "css" && ext != "js" {
        return dest.to_string();
    }
    // FNV-1a, 64 bits: stable across platforms and versions, enough to tell versions apart.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{stem}.{:010x}.{ext}", h >> 24)
}

fn count_row(fmt: &Formatter, key: &str, label: &str, count: usize, total: usize) -> CountRow {
    let share = if total == 0 {
        0.0
    } else {
        count as f64 * 100.0 / total as f64
    };
    CountRow {
        key: key.to_string(),
        label: label.to_string(),
        count,
        count_text: fmt.count(count),
        share_text: fmt.share(count, total),
        share: format!("{share:.2}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_drops_control_characters() {
        assert_eq!(
            escape_html("A\u{1}B\u{1b}[31mC<\"&'>\tD"),
            "AB[31mC&lt;&quot;&amp;&#39;&gt;\tD"
        );
    }

    #[test]
    fn pager_windows() {
        assert_eq!(pager_window(1, 1), vec![Some(1)]);
        assert_eq!(pager_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            pager_window(500, 1000),
            vec![
                Some(1),
                None,
                Some(498),
                Some(499),
                Some(500),
                Some(501),
                Some(502),
                None,
                Some(1000)
            ]
        );
        assert_eq!(
            pager_window(4, 6),
            vec![Some(1), Some(2), Some(3), Some(4), Some(5), Some(6)]
        );
        assert_eq!(
            pager_window(1000, 1000),
            vec![Some(1), None, Some(998), Some(999), Some(1000)]
        );
    }

    #[test]
    fn loc_marks_fallback_language() {
        let v = serde_json::json!({"text": "Chính quyền <số>", "lang": "vi"});
        let out = loc_filter(&v, &HashMap::new()).unwrap();
        assert_eq!(
            out.as_str().unwrap(),
            "<span lang=\"vi\">Chính quyền &lt;số&gt;</span>"
        );
        let v = serde_json::json!({"text": "Digital", "lang": null});
        assert_eq!(
            loc_filter(&v, &HashMap::new()).unwrap().as_str().unwrap(),
            "Digital"
        );
    }
}
