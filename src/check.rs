//! `tiendo check`: everything a build validates (it renders the site in memory, exactly as a
//! build does, and writes nothing), plus what a reviewer wants to know before publishing:
//!
//! - internal links of every rendered page, relative, root-relative and absolute under
//!   `base_url`, with their `#fragment`s checked against the `id`s of the target page
//!   (errors: a reader would land nowhere);
//! - a translation report: each article and page, and each data field, that lacks a language;
//! - consistency warnings: a task `not_started` past its `due` date, a goal over 100 %, a group
//!   or plan that nothing uses, a goal whose title changed since the previous year.

use crate::date::Date;
use crate::diag::{line_col, Diagnostic, Diagnostics};
use crate::load::{self, read_source, SourceText};
use crate::model::{DocKind, Localized, Site, TaskStatus, Year};
use crate::render::{OutputFile, RenderStats};
use crate::urls::{self, Target};
use crate::yaml::Seg;
use crate::{render_in_memory, ypath, BuildOptions};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The result of `tiendo check`.
#[derive(Debug)]
pub struct CheckReport {
    /// Everything found: the build's diagnostics, broken links, consistency warnings.
    pub diags: Diagnostics,
    /// What lacks a language (only when the site built).
    pub translations: Option<TranslationReport>,
    /// What was rendered (only when the site built).
    pub stats: Option<RenderStats>,
    /// Internal links checked.
    pub links: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// Runs every check on the site of `opts.root`. Writes nothing.
pub fn check(opts: &BuildOptions) -> CheckReport {
    let start = Instant::now();
    let mut report = CheckReport {
        diags: Diagnostics::new(),
        translations: None,
        stats: None,
        links: 0,
        elapsed: Duration::ZERO,
    };
    let (files, stats, warnings) = match render_in_memory(opts) {
        Ok(r) => r,
        Err(diags) => {
            report.diags = diags;
            report.elapsed = start.elapsed();
            return report;
        }
    };
    report.diags.extend(warnings);
    report.stats = Some(stats);
    // The model, for what the rendered files do not tell: sources of pages, data for the
    // consistency checks. Loading again is cheap next to rendering, and keeps `check` calling
    // exactly what `build` calls.
    let (site, _) = load::load_site(&opts.load_options());
    if let Some(site) = site {
        let sources = Sources::new(&opts.root, &site);
        let (link_diags, n) = check_links(&files, &site.config.base_url, &sources);
        report.diags.extend(link_diags);
        report.links = n;
        report
            .diags
            .extend(consistency(&site, &sources, opts.today));
        report.translations = Some(translations(&site, &sources));
    }
    report.elapsed = start.elapsed();
    report
}

/// The source texts of the site's year files and documents, read once.
struct Sources {
    texts: HashMap<PathBuf, SourceText>,
    /// Output file (`tin-tuc/x/index.html`) → the Markdown file it comes from.
    page_source: HashMap<String, PathBuf>,
}

impl Sources {
    fn new(root: &Path, site: &Site) -> Sources {
        let mut texts = HashMap::new();
        let mut paths: Vec<&Path> = site.years.iter().map(|y| y.source.as_path()).collect();
        paths.extend(site.news.iter().map(|d| d.source.as_path()));
        paths.extend(site.pages.iter().map(|d| d.source.as_path()));
        paths.push(Path::new("content/site.yaml"));
        for p in paths {
            if let Ok(src) = read_source(root, p) {
                texts.insert(p.to_path_buf(), src);
            }
        }
        let cfg = &site.config;
        let mut page_source = HashMap::new();
        for d in &site.news {
            let path = urls::path(cfg, &d.lang, Target::Article(&d.slug));
            page_source.insert(urls::file_of(&path), d.source.clone());
        }
        // A page's own language first, then the fallbacks the other languages show.
        for d in &site.pages {
            let path = urls::path(cfg, &d.lang, Target::Page(&d.slug));
            page_source.insert(urls::file_of(&path), d.source.clone());
        }
        for lang in &cfg.languages {
            for d in &site.pages {
                if d.lang == cfg.default_lang() {
                    let path = urls::file_of(&urls::path(cfg, lang, Target::Page(&d.slug)));
                    page_source.entry(path).or_insert_with(|| d.source.clone());
                }
            }
        }
        Sources { texts, page_source }
    }

    fn warning_at(&self, path: &Path, at: &[Seg], message: String) -> Diagnostic {
        match self.texts.get(path) {
            Some(src) => src.warning_at(at, message),
            None => Diagnostic::warning(path, message),
        }
    }

    fn locate(&self, path: &Path, at: &[Seg]) -> Option<(usize, usize)> {
        self.texts
            .get(path)
            .and_then(|s| crate::yaml::locate(&s.text, at))
    }
}

// ---------------------------------------------------------------------------------------------
// Links.

/// One attribute of one tag, with the byte offset of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlAttr {
    /// Lower-case tag name.
    pub tag: String,
    /// Lower-case attribute name.
    pub name: String,
    /// The value, character references decoded.
    pub value: String,
}

/// Every attribute of every tag of `html` (outside comments, scripts and styles).
pub fn html_attrs(html: &str) -> Vec<HtmlAttr> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let find =
        |from: usize, pat: &str| html.get(from..).and_then(|s| s.find(pat)).map(|p| p + from);
    while let Some(lt) = find(i, "<") {
        i = lt + 1;
        if html[lt..].starts_with("<!--") {
            i = find(lt + 4, "-->").map(|p| p + 3).unwrap_or(b.len());
            continue;
        }
        if !b.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut j = lt + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let tag = html[lt + 1..j].to_ascii_lowercase();
        // Attributes until `>`.
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let name_start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !b"=>/".contains(&b[j]) {
                j += 1;
            }
            let name = html[name_start..j].to_ascii_lowercase();
            if name.is_empty() {
                j += 1;
                continue;
            }
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if b.get(j) != Some(&b'=') {
                out.push(HtmlAttr {
                    tag: tag.clone(),
                    name,
                    value: String::new(),
                });
                continue;
            }
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let (value, end) = match b.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let close = html[j + 1..]
                        .find(q as char)
                        .map(|p| p + j + 1)
                        .unwrap_or(b.len());
                    (&html[j + 1..close], (close + 1).min(b.len()))
                }
                _ => {
                    let mut k = j;
                    while k < b.len() && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                        k += 1;
                    }
                    (&html[j..k], k)
                }
            };
            out.push(HtmlAttr {
                tag: tag.clone(),
                name,
                value: decode_entities(value),
            });
            j = end;
        }
        i = j;
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            i = b[i..]
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map(|p| p + i)
                .unwrap_or(b.len());
        }
    }
    out
}

/// Decodes the character references tiendo's pages use (`&amp;`, `&#39;`, `&#x2F;`, …).
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where a link leads inside the site.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// Not a link into the site (another host, `mailto:`, …).
    External,
    /// A path under the site root (`nam/2023/`, `assets/style.css`) and a fragment.
    Internal { path: String, fragment: String },
    /// It climbs above the site root, or a root-relative link misses the base path.
    Outside,
}

/// Resolves `href`, found on the page at output path `page`, against the site.
fn resolve(href: &str, page: &str, base_url: &str) -> Resolved {
    let href = href.trim();
    let (before_frag, fragment) = match href.split_once('#') {
        Some((a, f)) => (a, percent_decode(f)),
        None => (href, String::new()),
    };
    let path_part = before_frag.split('?').next().unwrap_or_default();
    let base_path = base_url
        .split_once("://")
        .and_then(|(_, r)| r.find('/').map(|i| r[i..].to_string()))
        .unwrap_or_else(|| "/".to_string());
    let joined: String;
    if href.starts_with("//") {
        return Resolved::External;
    }
    let has_scheme = path_part.find(':').is_some_and(|i| {
        let s = &path_part[..i];
        !s.is_empty()
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if has_scheme {
        match (!base_url.is_empty())
            .then(|| path_part.strip_prefix(base_url))
            .flatten()
        {
            Some(rest) => joined = rest.to_string(),
            None if !base_url.is_empty() && format!("{path_part}/") == base_url => {
                joined = String::new()
            }
            None => return Resolved::External,
        }
    } else if let Some(abs) = path_part.strip_prefix('/') {
        let abs = format!("/{abs}");
        match abs.strip_prefix(&base_path) {
            Some(rest) => joined = rest.to_string(),
            None if format!("{abs}/") == base_path => joined = String::new(),
            None => return Resolved::Outside,
        }
    } else {
        joined = format!("{}{}", urls::dir_of(page), path_part);
    }
    let decoded = percent_decode(&joined);
    let mut segs: Vec<&str> = Vec::new();
    let trailing = decoded.is_empty() || decoded.ends_with('/') || decoded.ends_with("/.");
    for s in decoded.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                if segs.pop().is_none() {
                    return Resolved::Outside;
                }
            }
            s => segs.push(s),
        }
    }
    let mut path = segs.join("/");
    if trailing && !path.is_empty() {
        path.push('/');
    }
    // `href="#x"` and `href=""` stay on the page itself.
    if path_part.is_empty() && !has_scheme {
        path = page.to_string();
    }
    Resolved::Internal { path, fragment }
}

/// A broken link found on a page.
struct Broken {
    page: String,
    href: String,
    /// What to say about it, on its source's line.
    why: String,
    /// The same, without what depends on the page (the relative `href`), for theme links.
    generic: String,
    help: String,
    /// Root-relative form of the target, to find the link in a Markdown source.
    target_path: String,
    fragment: String,
}

/// Checks every internal link of every HTML page; returns the problems and the number of
/// internal links checked.
fn check_links(files: &[OutputFile], base_url: &str, sources: &Sources) -> (Diagnostics, usize) {
    let by_path: HashMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut ids_cache: HashMap<String, HashSet<String>> = HashMap::new();
    let mut ids_of = |key: &str| -> HashSet<String> {
        if let Some(ids) = ids_cache.get(key) {
            return ids.clone();
        }
        let ids: HashSet<String> = by_path
            .get(key)
            .map(|f| {
                html_attrs(&String::from_utf8_lossy(&f.bytes))
                    .into_iter()
                    .filter(|a| a.name == "id" || (a.tag == "a" && a.name == "name"))
                    .map(|a| a.value)
                    .collect()
            })
            .unwrap_or_default();
        ids_cache.insert(key.to_string(), ids.clone());
        ids
    };
    let mut broken = Vec::new();
    let mut count = 0;
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&f.bytes);
        for a in html_attrs(&html) {
            if a.name != "href" && a.name != "src" {
                continue;
            }
            let (path, fragment) = match resolve(&a.value, &f.path, base_url) {
                Resolved::External => continue,
                Resolved::Outside => {
                    count += 1;
                    broken.push(Broken {
                        page: f.path.clone(),
                        href: a.value.clone(),
                        why: format!("the link `{}` leads outside the site", a.value),
                        generic: format!("the link `{}` leads outside the site", a.value),
                        help: "link to pages of the site with a path from the site root, such as `/nam/2023/`: tiendo makes it work under any sub-path".into(),
                        target_path: String::new(),
                        fragment: String::new(),
                    });
                    continue;
                }
                Resolved::Internal { path, fragment } => (path, fragment),
            };
            count += 1;
            let key = urls::file_of(&path);
            let target = if by_path.contains_key(key.as_str()) {
                Some(key)
            } else if !path.ends_with('/')
                && by_path.contains_key(format!("{path}/index.html").as_str())
            {
                Some(format!("{path}/index.html"))
            } else {
                None
            };
            let Some(target) = target else {
                let shown = if path.is_empty() {
                    "/".to_string()
                } else {
                    format!("/{path}")
                };
                broken.push(Broken {
                    page: f.path.clone(),
                    href: a.value.clone(),
                    why: format!("broken link `{}`: the site has no `{shown}`", a.value),
                    generic: format!("broken link to `{shown}`, which the site does not have"),
                    help: "correct the address (the site's pages are listed in the README), or remove the link".into(),
                    target_path: path.clone(),
                    fragment: fragment.clone(),
                });
                continue;
            };
            if fragment.is_empty() || fragment == "top" || !target.ends_with(".html") {
                continue;
            }
            if !ids_of(&target).contains(&fragment) {
                let shown = if target == f.path {
                    "this page".to_string()
                } else {
                    format!("`/{}`", path)
                };
                let generic = format!(
                    "broken anchor `#{fragment}`: `/{}` has no element with `id=\"{fragment}\"`",
                    urls::dir_of(&target)
                );
                broken.push(Broken {
                    page: f.path.clone(),
                    href: a.value.clone(),
                    why: format!("broken anchor `#{fragment}`: {shown} has no element with `id=\"{fragment}\"`"),
                    generic,
                    help: "headings get ids from their text (`## Kết quả` → `#ket-qua`); link to one of them, or drop the `#…` part".into(),
                    target_path: path.clone(),
                    fragment: fragment.clone(),
                });
            }
        }
    }
    (group_broken(broken, sources), count)
}

/// Places each broken link in its Markdown source where it can be found there; links that come
/// from the theme are reported once per target, with the number of pages.
fn group_broken(broken: Vec<Broken>, sources: &Sources) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut seen: HashSet<(PathBuf, Option<usize>, String)> = HashSet::new();
    let mut generated: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut generated_help: HashMap<String, String> = HashMap::new();
    for b in broken {
        let placed = sources
            .page_source
            .get(&b.page)
            .and_then(|src| sources.texts.get(src))
            .and_then(|src| {
                let frag = if b.fragment.is_empty() {
                    String::new()
                } else {
                    format!("#{}", b.fragment)
                };
                let root_rel = format!("/{}", b.target_path);
                let candidates = [
                    b.href.clone(),
                    format!("{root_rel}{frag}"),
                    format!("{}{frag}", root_rel.trim_end_matches('/')),
                    frag.clone(),
                ];
                candidates
                    .iter()
                    .filter(|c| !c.is_empty() && c.as_str() != "/")
                    .find_map(|c| src.text.find(c.as_str()))
                    .map(|off| (src, line_col(&src.text, off)))
            });
        match placed {
            Some((src, (line, col))) => {
                if seen.insert((src.path.clone(), Some(line), b.href.clone())) {
                    diags.push(
                        Diagnostic::error(&src.path, b.why)
                            .at(line, col)
                            .with_source(&src.text)
                            .help(b.help),
                    );
                }
            }
            None => {
                generated_help.entry(b.generic.clone()).or_insert(b.help);
                generated.entry(b.generic).or_default().push(b.page);
            }
        }
    }
    for (why, mut pages) in generated {
        let help = generated_help.remove(&why).unwrap_or_default();
        pages.sort();
        pages.dedup();
        let first = pages.first().cloned().unwrap_or_default();
        let message = if pages.len() == 1 {
            format!("{why} (in the generated page `{first}`)")
        } else {
            format!(
                "{why} (in {} generated pages, such as `{first}`)",
                pages.len()
            )
        };
        diags.push(Diagnostic::error(first, message).help(format!(
            "{help}; this link is not in a Markdown file, so it comes from the theme's templates (`themes/`) or from a page's front matter"
        )));
    }
    diags
}

// ---------------------------------------------------------------------------------------------
// Consistency.

fn consistency(site: &Site, sources: &Sources, today: Date) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let default = site.config.default_lang();
    for y in &site.years {
        let src = &y.source;
        for (i, t) in y.tasks.iter().enumerate() {
            if let (TaskStatus::NotStarted, Some(due)) = (t.status, t.due) {
                if due < today {
                    let days = today.days_since_epoch() - due.days_since_epoch();
                    diags.push(
                        sources
                            .warning_at(
                                src,
                                &ypath!["tasks", i, "due"],
                                format!(
                                    "task `{}` is not started, but was due on {due}, {days} days before today ({today})",
                                    t.id
                                ),
                            )
                            .help("update its `status`, or its `due` date if the deadline moved"),
                    );
                }
            }
        }
        for (i, g) in y.goals.iter().enumerate() {
            if g.completion > 100.0 {
                let field = match g.rule {
                    crate::model::Rule::Progress(_) => "progress",
                    crate::model::Rule::Target { .. } => "actual",
                };
                diags.push(
                    sources
                        .warning_at(
                            src,
                            &ypath!["goals", i, field],
                            format!(
                                "goal `{}` is at {} % of its target, over 100 %",
                                g.id,
                                fmt_num(g.completion)
                            ),
                        )
                        .help("if the goal was exceeded this is right (the site counts it as completed); otherwise check its figures"),
                );
            }
        }
        unused(y, sources, &mut diags);
        if let Some(prev) = site.year(y.year - 1) {
            for (i, g) in y.goals.iter().enumerate() {
                let Some(old) = prev.goals.iter().find(|o| o.id == g.id) else {
                    continue;
                };
                let now_t = title(&g.title, default);
                let old_t = title(&old.title, default);
                if now_t != old_t {
                    diags.push(
                        sources
                            .warning_at(
                                src,
                                &ypath!["goals", i, "title"],
                                format!(
                                    "goal `{}` has another title than in {}: “{old_t}” became “{now_t}”",
                                    g.id, prev.year
                                ),
                            )
                            .help(format!(
                                "an id should name the same goal every year, so readers can follow it; if this is a new goal, give it a new id; if only the wording changed, write the title as in {}",
                                prev.year
                            )),
                    );
                }
            }
        }
    }
    diags
}

fn title(l: &Localized, default: &str) -> String {
    l.resolve(default, default).0.trim().to_string()
}

fn fmt_num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn unused(y: &Year, sources: &Sources, diags: &mut Diagnostics) {
    for (i, g) in y.groups.iter().enumerate() {
        let used = y.goals.iter().any(|x| x.group.as_deref() == Some(&g.id))
            || y.tasks.iter().any(|x| x.group.as_deref() == Some(&g.id));
        if !used {
            diags.push(
                sources
                    .warning_at(
                        &y.source,
                        &ypath!["groups", i, "id"],
                        format!(
                            "group `{}` is defined but no goal or task of {} names it",
                            g.id, y.year
                        ),
                    )
                    .help(format!(
                        "remove it, or set `group: {}` on its goals and tasks",
                        g.id
                    )),
            );
        }
    }
    for (i, p) in y.plans.iter().enumerate() {
        let used = y.goals.iter().any(|x| x.plan.as_deref() == Some(&p.id))
            || y.tasks.iter().any(|x| x.plan.as_deref() == Some(&p.id));
        if !used {
            diags.push(
                sources
                    .warning_at(
                        &y.source,
                        &ypath!["plans", i, "id"],
                        format!(
                            "plan `{}` is defined but no goal or task of {} names it",
                            p.id, y.year
                        ),
                    )
                    .help(format!(
                        "remove it, or set `plan: \"{}\"` on the goals and tasks it set",
                        p.id
                    )),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Translations.

/// What lacks a language.
#[derive(Debug, Clone, Default)]
pub struct TranslationReport {
    /// The site's languages.
    pub languages: Vec<String>,
    /// Articles and pages: kind (`article`, `page`), stem, a file of it, missing languages.
    pub docs: Vec<(String, String, PathBuf, Vec<String>)>,
    /// Data fields: file, line, what, missing languages.
    pub fields: Vec<(PathBuf, Option<usize>, String, Vec<String>)>,
}

impl TranslationReport {
    /// True when everything is written in every language.
    pub fn is_complete(&self) -> bool {
        self.docs.is_empty() && self.fields.is_empty()
    }
}

impl fmt::Display for TranslationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let langs = self.languages.join(", ");
        if self.is_complete() {
            return writeln!(
                f,
                "translations: every article, page and data field is written in every language ({langs})"
            );
        }
        writeln!(f, "translations (site languages: {langs}):")?;
        let articles = self.docs.iter().filter(|d| d.0 == "article").count();
        let pages = self.docs.len() - articles;
        writeln!(
            f,
            "  {articles} article{} and {pages} page{} lack a language{}",
            if articles == 1 { "" } else { "s" },
            if pages == 1 { "" } else { "s" },
            if self.docs.is_empty() { "" } else { ":" }
        )?;
        for (kind, stem, path, missing) in &self.docs {
            writeln!(
                f,
                "    {kind} `{stem}` ({}): no {}",
                path.display(),
                missing.join(", ")
            )?;
        }
        writeln!(
            f,
            "  {} data field{} lack{} a language{}",
            self.fields.len(),
            if self.fields.len() == 1 { "" } else { "s" },
            if self.fields.len() == 1 { "s" } else { "" },
            if self.fields.is_empty() { "" } else { ":" }
        )?;
        for (path, line, what, missing) in &self.fields {
            let loc = match line {
                Some(l) => format!("{}:{l}", path.display()),
                None => path.display().to_string(),
            };
            writeln!(f, "    {loc}: {what}: no {}", missing.join(", "))?;
        }
        Ok(())
    }
}

fn translations(site: &Site, sources: &Sources) -> TranslationReport {
    let cfg = &site.config;
    let default = cfg.default_lang();
    let mut report = TranslationReport {
        languages: cfg.languages.clone(),
        ..Default::default()
    };
    for (kind, list) in [("article", &site.news), ("page", &site.pages)] {
        let mut by_stem: BTreeMap<&str, Vec<&crate::model::Doc>> = BTreeMap::new();
        for d in list.iter() {
            by_stem.entry(d.stem.as_str()).or_default().push(d);
        }
        for (stem, docs) in by_stem {
            let missing: Vec<String> = cfg
                .languages
                .iter()
                .filter(|l| !docs.iter().any(|d| &d.lang == *l))
                .cloned()
                .collect();
            if !missing.is_empty() {
                let shown = docs.iter().find(|d| d.lang == default).unwrap_or(&docs[0]);
                debug_assert!(matches!(shown.kind, DocKind::News | DocKind::Page));
                report
                    .docs
                    .push((kind.into(), stem.into(), shown.source.clone(), missing));
            }
        }
    }
    let mut field = |path: &Path, at: &[Seg], what: String, value: &Localized| {
        let missing: Vec<String> = cfg
            .languages
            .iter()
            .filter(|l| value.exact(l, default).is_none())
            .cloned()
            .collect();
        if !missing.is_empty() {
            let line = sources.locate(path, at).map(|(l, _)| l);
            report
                .fields
                .push((path.to_path_buf(), line, what, missing));
        }
    };
    let site_yaml = Path::new("content/site.yaml");
    field(site_yaml, &ypath!["title"], "site title".into(), &cfg.title);
    if let Some(d) = &cfg.description {
        field(
            site_yaml,
            &ypath!["description"],
            "site description".into(),
            d,
        );
    }
    if let Some(o) = &cfg.organisation {
        field(site_yaml, &ypath!["organisation"], "organisation".into(), o);
    }
    for y in &site.years {
        let p = y.source.as_path();
        if let Some(t) = &y.title {
            field(p, &ypath!["title"], "year title".into(), t);
        }
        if let Some(t) = &y.summary_md {
            field(p, &ypath!["summary"], "year summary".into(), t);
        }
        for (i, x) in y.plans.iter().enumerate() {
            if let Some(t) = &x.title {
                field(
                    p,
                    &ypath!["plans", i, "title"],
                    format!("plan `{}` title", x.id),
                    t,
                );
            }
        }
        for (i, x) in y.groups.iter().enumerate() {
            field(
                p,
                &ypath!["groups", i, "name"],
                format!("group `{}` name", x.id),
                &x.name,
            );
        }
        for (i, x) in y.goals.iter().enumerate() {
            field(
                p,
                &ypath!["goals", i, "title"],
                format!("goal `{}` title", x.id),
                &x.title,
            );
            if let Some(t) = &x.unit {
                field(
                    p,
                    &ypath!["goals", i, "unit"],
                    format!("goal `{}` unit", x.id),
                    t,
                );
            }
            if let Some(t) = &x.note {
                field(
                    p,
                    &ypath!["goals", i, "note"],
                    format!("goal `{}` note", x.id),
                    t,
                );
            }
        }
        for (i, x) in y.tasks.iter().enumerate() {
            field(
                p,
                &ypath!["tasks", i, "title"],
                format!("task `{}` title", x.id),
                &x.title,
            );
            if let Some(t) = &x.owner {
                field(
                    p,
                    &ypath!["tasks", i, "owner"],
                    format!("task `{}` owner", x.id),
                    t,
                );
            }
        }
        for (i, x) in y.indicators.iter().enumerate() {
            field(
                p,
                &ypath!["indicators", i, "name"],
                format!("indicator `{}` name", x.id),
                &x.name,
            );
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_found_outside_comments_and_scripts() {
        let html = r#"<a href="x/?a=1&amp;b=2#h">x</a><!-- <a href="no"> --><script>var s = "<a href='no'>";</script>
<IMG SRC=../img.png alt='a > b'><h2 id="ket-qua">K</h2><br/><input disabled>"#;
        let attrs = html_attrs(html);
        let v: Vec<(&str, &str, &str)> = attrs
            .iter()
            .map(|a| (a.tag.as_str(), a.name.as_str(), a.value.as_str()))
            .collect();
        assert!(v.contains(&("a", "href", "x/?a=1&b=2#h")));
        assert!(v.contains(&("img", "src", "../img.png")));
        assert!(v.contains(&("img", "alt", "a > b")));
        assert!(v.contains(&("h2", "id", "ket-qua")));
        assert!(v.contains(&("input", "disabled", "")));
        assert!(!v.iter().any(|x| x.2 == "no"), "{v:?}");
    }

    #[test]
    fn links_resolve_against_page_and_base() {
        let base = "https://example.gov.vn/cds/";
        let int = |p: &str, f: &str| Resolved::Internal {
            path: p.into(),
            fragment: f.into(),
        };
        assert_eq!(
            resolve("../../nam/2023/", "tin-tuc/x/index.html", base),
            int("nam/2023/", "")
        );
        assert_eq!(
            resolve("data.json", "nam/2023/index.html", base),
            int("nam/2023/data.json", "")
        );
        assert_eq!(
            resolve("#ket-qua", "tin-tuc/x/index.html", base),
            int("tin-tuc/x/index.html", "ket-qua")
        );
        assert_eq!(
            resolve("/cds/assets/s.css", "404.html", base),
            int("assets/s.css", "")
        );
        assert_eq!(resolve("/cds/", "en/404.html", base), int("", ""));
        assert_eq!(resolve("/cds", "en/404.html", base), int("", ""));
        assert_eq!(resolve("/other/", "404.html", base), Resolved::Outside);
        assert_eq!(resolve("../../..", "a/index.html", base), Resolved::Outside);
        assert_eq!(
            resolve("https://example.gov.vn/cds/en/news/", "x", base),
            int("en/news/", "")
        );
        assert_eq!(
            resolve("https://example.gov.vn/cds", "x", base),
            int("", "")
        );
        assert_eq!(resolve("https://other.org/", "x", base), Resolved::External);
        assert_eq!(resolve("mailto:a@b.c", "x", base), Resolved::External);
        assert_eq!(resolve("//cdn.org/x.js", "x", base), Resolved::External);
        assert_eq!(resolve("./", "nam/index.html", base), int("nam/", ""));
        assert_eq!(resolve("/nam/%C4%91/", "x", ""), int("nam/đ/", ""));
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("a&amp;b&#39;c&#x2F;&bogus;"),
            "a&b'c/&bogus;"
        );
    }
}
