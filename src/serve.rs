//! `tiendo serve`: builds the site in memory, serves it over HTTP, watches `content/` and
//! `themes/`, rebuilds on change and reloads open pages through server-sent events.
//!
//! Nothing is written to disk: the files of the last good build live in a map behind a lock,
//! and every request is a lookup in that map after the path has been decoded and normalised,
//! so no request can reach a file outside the site (`..`, `%2e%2e`, encoded slashes, symlinks).
//! A failed rebuild keeps the last good site and shows the errors in the terminal and, as an
//! overlay, in every open page; the next good build clears it.
//!
//! The HTTP server is deliberately small: HTTP/1.1 with `Connection: close`, GET and HEAD, a
//! thread per connection with a bound on their number, a bound on the request head's size and
//! timeouts on reads and writes. Pages get a small script (serve mode only) that listens on
//! `/__tiendo/events` and reloads the page after a good rebuild.

use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{doc_kind, update_docs, DocChange};
use crate::model::{DocKind, Site};
use crate::render::escape_html;
use crate::render::{render_to_vec, OutputFile, Prepared, Scope};
use crate::theme::Theme;
use crate::{load_model, BuildOptions};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

/// The reserved path prefix of the preview server's own endpoints.
pub const RESERVED_PREFIX: &str = "__tiendo";
/// How often `content/` and `themes/` are scanned for changes where the system gives no file
/// events.
const POLL: Duration = Duration::from_millis(200);
/// How long the files must stay quiet after an event before rebuilding: one save often
/// makes several events.
const SETTLE_MS: u64 = 5;
/// How long editing must pause before the search index catches up with an incremental change.
const SEARCH_DELAY: Duration = Duration::from_millis(1500);
/// Connections served at the same time (page requests and event streams together).
const MAX_CONNECTIONS: usize = 64;
/// Event streams open at the same time (one per open tab).
const MAX_EVENT_STREAMS: usize = 32;
/// The longest request head accepted.
const MAX_HEAD: usize = 16 * 1024;
/// Read and write timeout of a connection.
const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// An event stream sends a comment this often, to notice closed tabs.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// What `tiendo serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The folder that holds `content/` (and optionally `themes/`).
    pub root: PathBuf,
    /// The address to listen on, such as `127.0.0.1`.
    pub bind: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Publish drafts and future-dated articles too.
    pub drafts: bool,
    /// Today's date, for holding back future-dated articles.
    pub today: Date,
}

/// Why the server could not start.
#[derive(Debug)]
pub struct ServeError {
    /// What went wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  = help: {}", self.message, self.help)
    }
}

/// The files of the last good build.
struct SiteFiles {
    /// Keys and contents are shared, so an incremental update copies the map cheaply.
    files: HashMap<Arc<str>, Arc<[u8]>>,
    /// The sub-path of `base_url`, such as `cds/`, or empty.
    base_path: String,
    /// Identifies this build, so a page knows whether it is stale.
    token: String,
    /// False until the first build succeeds.
    built: bool,
}

/// The state of the latest build, sent to the pages.
#[derive(Clone)]
struct Status {
    /// Counts every rebuild, good or bad.
    generation: u64,
    /// The latest build succeeded.
    ok: bool,
    /// Its errors (empty when `ok`).
    errors: Vec<Diagnostic>,
    /// The token of the site being served.
    site_token: String,
}

struct Shared {
    site: RwLock<Arc<SiteFiles>>,
    status: Mutex<Status>,
    changed: Condvar,
    connections: AtomicUsize,
    streams: AtomicUsize,
    /// Distinguishes this server's builds from those of an earlier run on the same port.
    instance: String,
}

impl Shared {
    fn site(&self) -> Arc<SiteFiles> {
        match self.site.read() {
            Ok(g) => Arc::clone(&g),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    fn status(&self) -> Status {
        match self.status.lock() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }
}

/// Builds, serves and watches until the process is interrupted (Ctrl-C).
pub fn serve(opts: &ServeOptions) -> Result<(), ServeError> {
    let listener = TcpListener::bind((opts.bind.as_str(), opts.port)).map_err(|e| ServeError {
        message: format!("cannot listen on {}:{}: {e}", opts.bind, opts.port),
        help: if e.kind() == std::io::ErrorKind::AddrInUse {
            "another program uses this port: pick another with `--port`, such as `--port 1112`"
                .into()
        } else {
            "check `--bind` (an address of this machine, such as 127.0.0.1) and `--port`".into()
        },
    })?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(opts.port);
    let host = url_host(&opts.bind);
    let instance = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos() % 1_000_000_000_000)
        .unwrap_or(0)
        .to_string();
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(SiteFiles {
            files: HashMap::new(),
            base_path: String::new(),
            token: format!("{instance}-0"),
            built: false,
        })),
        status: Mutex::new(Status {
            generation: 0,
            ok: true,
            errors: Vec::new(),
            site_token: format!("{instance}-0"),
        }),
        changed: Condvar::new(),
        connections: AtomicUsize::new(0),
        streams: AtomicUsize::new(0),
        instance,
    });

    let watched = [opts.root.join("content"), opts.root.join("themes")];
    let mut model = rebuild(opts, &host, port, &shared, None);
    let base_path = shared.site().base_path.clone();
    eprintln!(
        "serving the site at http://{host}:{port}/{base_path} (watching content/ and themes/; Ctrl-C to stop)"
    );

    {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("tiendo-accept".into())
            .spawn(move || accept_loop(listener, shared))
            .map_err(|e| ServeError {
                message: format!("cannot start the server thread: {e}"),
                help: "the system is short of resources; close some programs and try again".into(),
            })?;
    }

    let (tx, rx) = std::sync::mpsc::channel::<PathBuf>();
    // Events name absolute paths: watch the canonical folders so they can be made relative.
    let root_abs = std::fs::canonicalize(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let watcher = start_watcher(&[root_abs.join("content"), root_abs.join("themes")], tx);
    if watcher.is_none() {
        eprintln!(
            "note: file-change events are not available here; checking for changes every {} ms",
            POLL.as_millis()
        );
    }
    let mut snapshot = if watcher.is_none() {
        scan(&watched)
    } else {
        Snapshot::new()
    };
    loop {
        let changed: Vec<PathBuf> = if watcher.is_some() {
            // Block until a file changes (or, with a search index to redo, until editing
            // pauses), then gather the events of the same save.
            let pending = model.as_ref().is_some_and(|m| !m.search_pending.is_empty());
            let first = if pending {
                match rx.recv_timeout(SEARCH_DELAY) {
                    Ok(p) => p,
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                        if let Some(m) = model.as_mut() {
                            reindex(&shared, m);
                        }
                        continue;
                    }
                    Err(_) => return Ok(()),
                }
            } else {
                match rx.recv() {
                    Ok(p) => p,
                    Err(_) => return Ok(()),
                }
            };
            let mut paths = vec![first];
            let quiet = Duration::from_millis(SETTLE_MS);
            while let Ok(p) = rx.recv_timeout(quiet) {
                paths.push(p);
            }
            paths
        } else {
            std::thread::sleep(POLL);
            let now = scan(&watched);
            if now == snapshot {
                if let Some(m) = model.as_mut().filter(|m| !m.search_pending.is_empty()) {
                    reindex(&shared, m);
                }
                continue;
            }
            let mut settled = now;
            for _ in 0..10 {
                std::thread::sleep(Duration::from_millis(50));
                let again = scan(&watched);
                if again == settled {
                    break;
                }
                settled = again;
            }
            let mut paths: Vec<PathBuf> = settled
                .iter()
                .filter(|(p, v)| snapshot.get(*p) != Some(v))
                .map(|(p, _)| p.clone())
                .collect();
            paths.extend(
                snapshot
                    .keys()
                    .filter(|p| !settled.contains_key(*p))
                    .cloned(),
            );
            snapshot = settled;
            paths
        };
        let mut rel: Vec<PathBuf> = changed
            .iter()
            .map(|p| {
                if p.is_absolute() {
                    crate::diag::rel(&root_abs, p)
                } else {
                    crate::diag::rel(&opts.root, p)
                }
            })
            .filter(|p| !is_ignored(p) && !opts.root.join(p).is_dir())
            .collect();
        rel.sort();
        rel.dedup();
        if rel.is_empty() {
            continue;
        }
        let description = match rel.len() {
            1 => rel[0].display().to_string(),
            n => format!("{} (and {} more)", rel[0].display(), n - 1),
        };
        let only_docs = rel.iter().all(|p| doc_kind(p).is_some());
        model = match (model, only_docs) {
            (Some(m), true) => incremental(opts, &host, port, &shared, m, &rel, &description),
            _ => rebuild(opts, &host, port, &shared, Some(&description)),
        };
    }
}

/// Editor back-ups, swap files and hidden files never trigger a rebuild.
fn is_ignored(rel: &Path) -> bool {
    rel.iter().any(|c| {
        let c = c.to_string_lossy();
        c.starts_with('.') || c.ends_with('~') || c.ends_with(".swp") || c.ends_with(".tmp")
    })
}

/// Watches the folders for changes; `None` where the system offers no file events.
fn start_watcher(
    dirs: &[PathBuf],
    tx: std::sync::mpsc::Sender<PathBuf>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for p in event.paths {
                let _ = tx.send(p);
            }
        }
    })
    .ok()?;
    for d in dirs {
        if d.is_dir() {
            watcher.watch(d, notify::RecursiveMode::Recursive).ok()?;
        }
    }
    Some(watcher)
}

/// The loaded site kept between rebuilds, for incremental ones.
struct Model {
    site: Site,
    theme: Theme,
    build: BuildOptions,
    /// Languages whose search index is behind the pages.
    search_pending: Vec<String>,
    /// The compiled templates, kept between incremental rebuilds.
    prepared: Option<Prepared>,
}

/// Re-reads only the changed Markdown files and re-renders only the pages that show them;
/// then, without reloading the pages, the search index of their languages.
fn incremental(
    opts: &ServeOptions,
    host: &str,
    port: u16,
    shared: &Shared,
    mut model: Model,
    changed: &[PathBuf],
    description: &str,
) -> Option<Model> {
    let start = Instant::now();
    eprintln!("changed: {description}");
    let load_opts = model.build.load_options();
    let update_phase = crate::timing::phase("update docs");
    let updated = update_docs(&mut model.site, &load_opts, changed);
    drop(update_phase);
    let changes: Vec<DocChange> = match updated {
        Ok(c) => c,
        Err(diags) => {
            report_failure(shared, &diags, start);
            return Some(model);
        }
    };
    // A page's title shows in every page's footer, and a page that disappears must leave the
    // served site: those need everything redone.
    if changes
        .iter()
        .any(|c| (c.kind == DocKind::Page && c.metadata) || c.page_removed)
    {
        return rebuild(opts, host, port, shared, None);
    }
    if model.prepared.is_none() {
        model.prepared = Prepared::new(&model.theme).ok();
    }
    let Some(prepared) = model.prepared.as_ref() else {
        return rebuild(opts, host, port, shared, None);
    };
    let (files, stats, diags) = render_to_vec(
        &model.site,
        &model.theme,
        Some(prepared),
        Scope::Docs(&changes),
    );
    if diags.has_errors() {
        report_failure(shared, &diags, start);
        return Some(model);
    }
    let publish_phase = crate::timing::phase("publish");
    let changed_files = publish(shared, files, true);
    drop(publish_phase);
    eprintln!(
        "rebuilt {} pages in memory in {} ms{}",
        stats.pages,
        start.elapsed().as_millis(),
        if changed_files == 0 {
            ": the site did not change"
        } else {
            ""
        }
    );
    // The search index follows later, when the files are quiet (see `reindex`).
    for c in &changes {
        if !model.search_pending.contains(&c.lang) {
            model.search_pending.push(c.lang.clone());
        }
    }
    Some(model)
}

/// Rebuilds the search index of the languages whose articles changed, without reloading the
/// pages: it costs more than the pages themselves, so it waits until editing pauses.
fn reindex(shared: &Shared, model: &mut Model) {
    let langs = std::mem::take(&mut model.search_pending);
    let (files, _, _) = render_to_vec(
        &model.site,
        &model.theme,
        model.prepared.as_ref(),
        Scope::Search(&langs),
    );
    publish(shared, files, false);
}

/// Puts rendered files into the served site; `reload` tells open pages when something
/// changed. Returns how many files changed.
fn publish(shared: &Shared, files: Vec<OutputFile>, reload: bool) -> usize {
    let mut status = match shared.status.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    let old = shared.site();
    let mut map = old.files.clone();
    let mut changed = 0;
    for f in files {
        if map.get(f.path.as_str()).map(|b| &b[..]) != Some(&f.bytes[..]) {
            changed += 1;
            map.insert(Arc::from(f.path), Arc::from(f.bytes));
        }
    }
    if changed == 0 && status.ok {
        return 0;
    }
    let generation = status.generation + 1;
    let token = if reload {
        format!("{}-{generation}", shared.instance)
    } else {
        old.token.clone()
    };
    let site = SiteFiles {
        files: map,
        base_path: old.base_path.clone(),
        token: token.clone(),
        built: true,
    };
    match shared.site.write() {
        Ok(mut g) => *g = Arc::new(site),
        Err(p) => *p.into_inner() = Arc::new(site),
    }
    if reload || !status.ok {
        *status = Status {
            generation,
            ok: true,
            errors: Vec::new(),
            site_token: token,
        };
        drop(status);
        shared.changed.notify_all();
    }
    changed
}

/// Shows a failed rebuild in the terminal and in the pages, keeping the last good site.
fn report_failure(shared: &Shared, diags: &Diagnostics, start: Instant) {
    crate::diag::eprint_all(diags);
    let kept = if shared.site().built {
        "still serving the last good site"
    } else {
        "nothing to serve until the errors are fixed"
    };
    eprintln!(
        "build failed in {} ms: {} errors, {} warnings; {kept}",
        start.elapsed().as_millis(),
        diags.error_count(),
        diags.warning_count()
    );
    let mut status = match shared.status.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    let generation = status.generation + 1;
    *status = Status {
        generation,
        ok: false,
        errors: errors_of(diags),
        site_token: status.site_token.clone(),
    };
    drop(status);
    shared.changed.notify_all();
}

/// The host part of the preview's URL: an unspecified address is shown as the loopback one.
fn url_host(bind: &str) -> String {
    match bind {
        "0.0.0.0" => "127.0.0.1".into(),
        "::" | "[::]" => "[::1]".into(),
        b if b.contains(':') && !b.starts_with('[') => format!("[{b}]"),
        b => b.to_string(),
    }
}

type Snapshot = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// Modification times and sizes of every file under the watched folders.
fn scan(dirs: &[PathBuf]) -> Snapshot {
    let mut out = BTreeMap::new();
    for dir in dirs {
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker.flatten() {
            if entry.file_type().is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            if name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") {
                continue;
            }
            if let Ok(meta) = entry.metadata() {
                out.insert(
                    entry.path().to_path_buf(),
                    (meta.modified().ok(), meta.len()),
                );
            }
        }
    }
    out
}

/// The sub-path of the site's `base_url` (`cds/`), read leniently from `site.yaml`.
fn base_path_of(root: &Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Partial {
        base_url: Option<String>,
    }
    let rel = Path::new("content/site.yaml");
    let src = crate::load::read_source(root, rel).ok()?;
    let partial: Partial = crate::yaml::parse(&src.text, rel, 0).ok()?;
    let url = partial.base_url.unwrap_or_default();
    if url.trim().is_empty() {
        return Some(String::new());
    }
    let url = crate::load::normalize_base_url(&url).ok()?;
    let after_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(&url);
    let path = after_scheme
        .split_once('/')
        .map(|(_, p)| p)
        .unwrap_or_default();
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(&percent_decode(s).unwrap_or_default()).into_owned())
        .collect();
    Some(segments.iter().map(|s| format!("{s}/")).collect())
}

/// Rebuilds the whole site in memory and tells the pages. Returns the loaded site, kept for
/// incremental rebuilds, or `None` when the build failed.
fn rebuild(
    opts: &ServeOptions,
    host: &str,
    port: u16,
    shared: &Shared,
    change: Option<&str>,
) -> Option<Model> {
    let start = Instant::now();
    let base_path = base_path_of(&opts.root).unwrap_or_else(|| shared.site().base_path.clone());
    let build = BuildOptions {
        root: opts.root.clone(),
        output: None,
        base_url: Some(format!("http://{host}:{port}/{base_path}")),
        drafts: opts.drafts,
        today: opts.today,
    };
    if let Some(c) = change {
        eprintln!("changed: {c}");
    }
    let (site, theme, mut warnings) = match load_model(&build) {
        Ok(m) => m,
        Err(diags) => {
            report_failure(shared, &diags, start);
            return None;
        }
    };
    let (files, stats, d) = render_to_vec(&site, &theme, None, Scope::All);
    warnings.extend(d);
    if warnings.has_errors() {
        report_failure(shared, &warnings, start);
        return None;
    }
    let elapsed = start.elapsed().as_millis();
    crate::diag::eprint_all(&warnings);
    let files: HashMap<Arc<str>, Arc<[u8]>> = files
        .into_iter()
        .map(|f| (Arc::from(f.path), Arc::from(f.bytes)))
        .collect();
    let mut status = match shared.status.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    let generation = status.generation + 1;
    let old = shared.site();
    if status.ok && old.built && old.files == files && old.base_path == base_path {
        // Nothing the reader sees changed (a file saved as it was, a draft): no reload.
        eprintln!(
            "rebuilt in {elapsed} ms: the site did not change ({} warnings)",
            warnings.warning_count()
        );
        return Some(Model {
            site,
            theme,
            build,
            search_pending: Vec::new(),
            prepared: None,
        });
    }
    let token = format!("{}-{generation}", shared.instance);
    let served = SiteFiles {
        files,
        base_path,
        token: token.clone(),
        built: true,
    };
    match shared.site.write() {
        Ok(mut g) => *g = Arc::new(served),
        Err(p) => *p.into_inner() = Arc::new(served),
    }
    eprintln!(
        "{} {} pages, {} charts, {} data files and {} static files in memory in {elapsed} ms ({} warnings)",
        if change.is_some() { "rebuilt" } else { "built" },
        stats.pages,
        stats.charts,
        stats.data_files,
        stats.static_files,
        warnings.warning_count()
    );
    *status = Status {
        generation,
        ok: true,
        errors: Vec::new(),
        site_token: token,
    };
    drop(status);
    shared.changed.notify_all();
    Some(Model {
        site,
        theme,
        build,
        search_pending: Vec::new(),
        prepared: None,
    })
}

fn errors_of(diags: &Diagnostics) -> Vec<Diagnostic> {
    diags
        .sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The browser side: the reload script and the error overlay.

/// The overlay listing the errors of the latest build, HTML-escaped; empty when there are none.
fn overlay_html(errors: &[Diagnostic]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let mut s = String::from(
        "<div id=\"__tiendo-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;\
         background:rgba(25,25,25,.94);color:#f5f5f5;font:15px/1.5 system-ui,sans-serif;padding:2rem\">\
         <div style=\"max-width:60rem;margin:0 auto\">",
    );
    let n = errors.len();
    s.push_str(&format!(
        "<h2 style=\"color:#ff8a80;margin:0 0 .5rem\">The site has {n} error{} \u{2013} this page shows the last good version</h2>\
         <p style=\"margin:0 0 1rem\">Fix the file{}; this page reloads by itself when the site builds again.</p><ol style=\"padding-left:1.5rem\">",
        if n == 1 { "" } else { "s" },
        if n == 1 { " below" } else { "s below" },
    ));
    for d in errors {
        let loc = d.location();
        s.push_str("<li style=\"margin:0 0 1.25rem\"><div style=\"font-family:ui-monospace,monospace;color:#80d8ff\">");
        s.push_str(&escape_html(&loc));
        s.push_str("</div><div style=\"font-weight:bold\">");
        s.push_str(&escape_html(&d.message));
        s.push_str("</div>");
        if let (Some(line), Some(snippet)) = (d.line(), &d.snippet) {
            let mut pre = format!("{line} | {snippet}");
            if let Some(c) = d.column() {
                pre.push_str(&format!(
                    "\n{} | {}^",
                    " ".repeat(line.to_string().len()),
                    " ".repeat(c.saturating_sub(1))
                ));
            }
            s.push_str("<pre style=\"background:#000;color:#eee;padding:.5rem;overflow:auto;margin:.25rem 0\">");
            s.push_str(&escape_html(&pre));
            s.push_str("</pre>");
        }
        if let Some(h) = &d.help {
            s.push_str("<div>help: ");
            s.push_str(&escape_html(h));
            s.push_str("</div>");
        }
        s.push_str("</li>");
    }
    s.push_str("</ol><button type=\"button\" onclick=\"this.closest('#__tiendo-overlay').remove()\">Hide</button></div></div>");
    s
}

/// The script every HTML page gets in serve mode. `token` is the build the page comes from.
fn reload_script(token: &str) -> String {
    format!(
        "<script>/* tiendo serve: live reload */(function(){{if(!window.EventSource)return;\
var token=\"{token}\",es=new EventSource(\"/{RESERVED_PREFIX}/events\");\
function overlay(s){{var o=document.getElementById(\"__tiendo-overlay\");if(o)o.remove();\
if(s.overlay)document.body.insertAdjacentHTML(\"beforeend\",s.overlay);}}\
es.addEventListener(\"hello\",function(e){{var s=JSON.parse(e.data);\
if(s.ok&&s.site!==token){{location.reload();}}else{{overlay(s);}}}});\
es.addEventListener(\"reload\",function(){{location.reload();}});\
es.addEventListener(\"errors\",function(e){{overlay(JSON.parse(e.data));}});}})();</script>\n"
    )
}

/// The state sent to pages: `{"generation", "ok", "errors", "site", "overlay", "messages"}`.
fn state_json(status: &Status) -> String {
    let messages: Vec<serde_json::Value> = status
        .errors
        .iter()
        .map(|d| {
            serde_json::json!({
                "path": d.path.display().to_string(),
                "line": d.line(),
                "column": d.column(),
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    serde_json::json!({
        "generation": status.generation,
        "ok": status.ok,
        "errors": status.errors.len(),
        "site": status.site_token,
        "overlay": overlay_html(&status.errors),
        "messages": messages,
    })
    .to_string()
}

/// Inserts `snippet` before the last `</body>` of `html` (or at its end).
fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let needle = b"</body";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

// ---------------------------------------------------------------------------------------------
// HTTP.

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else {
            // A failed accept (a reset connection, too many open files): go on.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        if shared.connections.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = write_response(
                &mut stream,
                &Response::text(503, "too many connections; try again"),
                false,
            );
            continue;
        }
        shared.connections.fetch_add(1, Ordering::SeqCst);
        let guard = CountGuard(Arc::clone(&shared), Counter::Connections);
        let spawned = std::thread::Builder::new()
            .name("tiendo-conn".into())
            .spawn(move || {
                let g = guard;
                handle(stream, &g.0);
            });
        // On failure the closure (and the guard inside it) is dropped, which decrements.
        drop(spawned);
    }
}

#[derive(Clone, Copy)]
enum Counter {
    Connections,
    Streams,
}

/// Decrements a connection counter when a connection ends, however it ends.
struct CountGuard(Arc<Shared>, Counter);

impl Drop for CountGuard {
    fn drop(&mut self) {
        let c = match self.1 {
            Counter::Connections => &self.0.connections,
            Counter::Streams => &self.0.streams,
        };
        c.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A parsed request line.
struct Request {
    method: String,
    target: String,
}

enum HeadError {
    /// The connection closed or timed out: nothing to answer.
    Gone,
    Bad,
    TooLarge,
}

fn read_head(stream: &mut TcpStream) -> Result<Request, HeadError> {
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    // A deadline for the whole head, so a client sending a byte now and then cannot hold a
    // connection (and its thread) for long.
    let deadline = Instant::now() + IO_TIMEOUT;
    loop {
        if Instant::now() > deadline {
            return Err(HeadError::Gone);
        }
        let n = stream.read(&mut chunk).map_err(|_| HeadError::Gone)?;
        if n == 0 {
            return Err(if buf.is_empty() {
                HeadError::Gone
            } else {
                HeadError::Bad
            });
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") || buf.windows(2).any(|w| w == b"\n\n") {
            break;
        }
        if buf.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
    }
    let line_end = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
    let line = std::str::from_utf8(&buf[..line_end]).map_err(|_| HeadError::Bad)?;
    let mut parts = line.trim_end_matches('\r').split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Bad);
    };
    let method_ok = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    if !method_ok || target.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(HeadError::Bad);
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
    })
}

fn handle(mut stream: TcpStream, shared: &Arc<Shared>) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let req = match read_head(&mut stream) {
        Ok(r) => r,
        Err(HeadError::Gone) => return,
        Err(HeadError::Bad) => {
            let _ = write_response(&mut stream, &Response::text(400, "bad request"), false);
            return;
        }
        Err(HeadError::TooLarge) => {
            let _ = write_response(
                &mut stream,
                &Response::text(431, "request header too large"),
                false,
            );
            return;
        }
    };
    let head_only = req.method == "HEAD";
    if req.method != "GET" && !head_only {
        let mut r = Response::text(405, "only GET and HEAD are served");
        r.headers.push(("Allow".into(), "GET, HEAD".into()));
        let _ = write_response(&mut stream, &r, false);
        return;
    }
    match route(shared, &req.target) {
        Routed::Response(r) => {
            let _ = write_response(&mut stream, &r, head_only);
        }
        Routed::Events => {
            if head_only {
                let _ = write_response(&mut stream, &Response::text(200, ""), true);
                return;
            }
            if shared.streams.load(Ordering::SeqCst) >= MAX_EVENT_STREAMS {
                let _ = write_response(
                    &mut stream,
                    &Response::text(503, "too many open pages"),
                    false,
                );
                return;
            }
            shared.streams.fetch_add(1, Ordering::SeqCst);
            let _guard = CountGuard(Arc::clone(shared), Counter::Streams);
            let _ = event_stream(&mut stream, shared);
        }
    }
}

/// Sends the build state now and after every rebuild, until the page goes away.
fn event_stream(stream: &mut TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
          Cache-Control: no-store\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n\
          retry: 1000\n\n",
    )?;
    let mut status = shared.status();
    let mut seen = status.generation;
    stream.write_all(format!("event: hello\ndata: {}\n\n", state_json(&status)).as_bytes())?;
    stream.flush()?;
    loop {
        {
            let guard = match shared.status.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            let (guard, _) = match shared
                .changed
                .wait_timeout_while(guard, HEARTBEAT, |s| s.generation == seen)
            {
                Ok(r) => r,
                Err(p) => p.into_inner(),
            };
            status = guard.clone();
        }
        if status.generation == seen {
            stream.write_all(b": keep-alive\n\n")?;
        } else {
            seen = status.generation;
            let event = if status.ok { "reload" } else { "errors" };
            stream.write_all(
                format!("event: {event}\ndata: {}\n\n", state_json(&status)).as_bytes(),
            )?;
        }
        stream.flush()?;
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    fn redirect(status: u16, location: String) -> Response {
        let body = format!("moved to {location}");
        let mut r = Response::text(status, &body);
        r.headers.push(("Location".into(), location));
        r
    }
}

enum Routed {
    Response(Response),
    Events,
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

fn write_response(stream: &mut TcpStream, r: &Response, head_only: bool) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    for (k, v) in &r.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        r.body.len()
    ));
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&r.body)?;
    }
    stream.flush()
}

/// The MIME type of a file, by its extension.
pub fn mime_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` when an escape is malformed.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Escapes a path for a `Location` header.
fn percent_encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A request path, decoded and split: its segments (no empty ones) and whether it ends in `/`.
#[derive(Debug, PartialEq, Eq)]
struct CleanPath {
    segments: Vec<String>,
    trailing_slash: bool,
    query: Option<String>,
}

/// Decodes and normalises a request target, refusing anything that could leave the site:
/// `..` segments (also encoded, also behind an encoded slash), backslashes and NUL bytes are a
/// 403; a malformed escape is a 400.
fn clean_path(target: &str) -> Result<CleanPath, u16> {
    let mut t = target;
    // The absolute form (`GET http://host/path`), which HTTP/1.1 servers must accept.
    for scheme in ["http://", "https://"] {
        if let Some(rest) = t.strip_prefix(scheme) {
            t = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
        }
    }
    if !t.starts_with('/') {
        return Err(400);
    }
    let t = t.split('#').next().unwrap_or_default();
    let (path, query) = match t.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (t, None),
    };
    let decoded = percent_decode(path).ok_or(400u16)?;
    let decoded = String::from_utf8(decoded).map_err(|_| 404u16)?;
    if decoded.contains(['\0', '\\']) {
        return Err(403);
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Err(403),
            s => segments.push(s.to_string()),
        }
    }
    Ok(CleanPath {
        trailing_slash: decoded.ends_with('/'),
        segments,
        query,
    })
}

/// Answers one request from the in-memory site.
fn route(shared: &Shared, target: &str) -> Routed {
    let path = match clean_path(target) {
        Ok(p) => p,
        Err(400) => return Routed::Response(Response::text(400, "bad request")),
        Err(code) => return Routed::Response(Response::text(code, "forbidden")),
    };
    if path.segments.first().map(String::as_str) == Some(RESERVED_PREFIX) {
        return match path.segments.get(1).map(String::as_str) {
            Some("events") if path.segments.len() == 2 => Routed::Events,
            Some("state") if path.segments.len() == 2 => {
                let mut r = Response::text(200, &state_json(&shared.status()));
                r.headers[0].1 = "application/json".into();
                Routed::Response(r)
            }
            _ => Routed::Response(Response::text(404, "not found")),
        };
    }
    let site = shared.site();
    let status = shared.status();
    Routed::Response(site_response(&site, &status, &path))
}

fn site_response(site: &SiteFiles, status: &Status, path: &CleanPath) -> Response {
    let base: Vec<&str> = site
        .base_path
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let query = path
        .query
        .as_ref()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let base_url_path = format!("/{}", site.base_path);
    let starts_with_base =
        path.segments.len() >= base.len() && path.segments.iter().zip(&base).all(|(a, b)| a == b);
    if !starts_with_base {
        if path.segments.is_empty() {
            // `/` of a site that lives under a sub-path.
            return Response::redirect(302, percent_encode_path(&base_url_path));
        }
        return not_found(site, status, &[]);
    }
    let rest = &path.segments[base.len()..];
    if rest.is_empty() && !path.trailing_slash && !base.is_empty() {
        return Response::redirect(
            301,
            format!("{}{query}", percent_encode_path(&base_url_path)),
        );
    }
    if !site.built {
        let mut body = String::from(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>tiendo: the site has errors</title></head>\
             <body><p>The site could not be built yet.</p></body></html>",
        );
        body = String::from_utf8_lossy(&inject(body.as_bytes(), &page_extras(site, status)))
            .into_owned();
        return Response {
            status: 503,
            headers: vec![("Content-Type".into(), mime_type("x.html").into())],
            body: body.into_bytes(),
        };
    }
    let rel = rest.join("/");
    let key = if rest.is_empty() {
        "index.html".to_string()
    } else if path.trailing_slash {
        format!("{rel}/index.html")
    } else {
        rel.clone()
    };
    if let Some(bytes) = site.files.get(key.as_str()) {
        return file_response(site, status, &key, bytes, 200);
    }
    if !path.trailing_slash
        && site
            .files
            .contains_key(format!("{rel}/index.html").as_str())
    {
        let location = format!("{base_url_path}{rel}/");
        return Response::redirect(301, format!("{}{query}", percent_encode_path(&location)));
    }
    not_found(site, status, rest)
}

/// What serve mode adds to every page: the reload script, and the overlay when the latest build
/// failed (so that it shows even without JavaScript).
fn page_extras(site: &SiteFiles, status: &Status) -> String {
    let mut s = overlay_html(&status.errors);
    s.push_str(&reload_script(&site.token));
    s
}

fn file_response(
    site: &SiteFiles,
    status: &Status,
    key: &str,
    bytes: &[u8],
    code: u16,
) -> Response {
    let mime = mime_type(key);
    let body = if mime.starts_with("text/html") {
        inject(bytes, &page_extras(site, status))
    } else {
        bytes.to_vec()
    };
    Response {
        status: code,
        headers: vec![("Content-Type".into(), mime.into())],
        body,
    }
}

/// The site's 404 page in the language of the path (`/en/…` → `en/404.html`), status 404.
fn not_found(site: &SiteFiles, status: &Status, rest: &[String]) -> Response {
    let localized = rest
        .first()
        .map(|lang| format!("{lang}/404.html"))
        .filter(|k| site.files.contains_key(k.as_str()));
    let key = localized.unwrap_or_else(|| "404.html".to_string());
    match site.files.get(key.as_str()) {
        Some(bytes) => file_response(site, status, &key, bytes, 404),
        None => Response::text(404, "not found"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base_path: &str) -> SiteFiles {
        let files = [
            ("index.html", "<html><body>home</body></html>"),
            ("404.html", "<html><body>vi 404</body></html>"),
            ("en/404.html", "<html><body>en 404</body></html>"),
            ("en/index.html", "<html><body>en home</body></html>"),
            ("nam/2023/index.html", "<html><BODY>year</BODY></html>"),
            ("nam/2023/data.json", "{}"),
            ("assets/style.css", "body{}"),
        ];
        SiteFiles {
            files: files
                .iter()
                .map(|(k, v)| (Arc::from(*k), Arc::from(v.as_bytes())))
                .collect(),
            base_path: base_path.into(),
            token: "t-1".into(),
            built: true,
        }
    }

    fn ok_status() -> Status {
        Status {
            generation: 1,
            ok: true,
            errors: Vec::new(),
            site_token: "t-1".into(),
        }
    }

    fn get(site: &SiteFiles, target: &str) -> Response {
        match clean_path(target) {
            Ok(p) => site_response(site, &ok_status(), &p),
            Err(code) => Response::text(code, ""),
        }
    }

    fn header<'a>(r: &'a Response, name: &str) -> &'a str {
        r.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    #[test]
    fn traversal_is_refused() {
        for t in [
            "/../Cargo.toml",
            "/%2e%2e/content/site.yaml",
            "/%2E%2E/x",
            "/..%2fcontent",
            "/nam/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/a\\..\\b",
            "/%5c..%5cx",
            "/x%00",
        ] {
            assert_eq!(clean_path(t).err(), Some(403), "{t}");
        }
        assert_eq!(clean_path("/%zz").err(), Some(400));
        assert_eq!(clean_path("*").err(), Some(400));
        assert_eq!(clean_path("/%ff").err(), Some(404));
    }

    #[test]
    fn paths_are_normalised() {
        let p = clean_path("http://h:1/nam//2023/?x=1#y").unwrap();
        assert_eq!(p.segments, ["nam", "2023"]);
        assert!(p.trailing_slash);
        assert_eq!(p.query.as_deref(), Some("x=1"));
        assert_eq!(clean_path("/").unwrap().segments, Vec::<String>::new());
    }

    #[test]
    fn routes_files_folders_and_404s() {
        let s = site("");
        let r = get(&s, "/");
        assert_eq!(r.status, 200);
        assert!(String::from_utf8_lossy(&r.body).contains("home<script>"));
        let r = get(&s, "/nam/2023/");
        assert_eq!(r.status, 200);
        assert!(String::from_utf8_lossy(&r.body).contains("year<script>"));
        let r = get(&s, "/nam/2023");
        assert_eq!((r.status, header(&r, "Location")), (301, "/nam/2023/"));
        let r = get(&s, "/nam/2023/data.json");
        assert_eq!(
            (r.status, header(&r, "Content-Type")),
            (200, "application/json")
        );
        assert_eq!(r.body, b"{}");
        let r = get(&s, "/nam/");
        assert_eq!(r.status, 404, "no directory listing");
        assert!(String::from_utf8_lossy(&r.body).contains("vi 404"));
        let r = get(&s, "/en/nothing/");
        assert_eq!(r.status, 404);
        assert!(String::from_utf8_lossy(&r.body).contains("en 404"));
    }

    #[test]
    fn sub_path_sites() {
        let s = site("cds/");
        let r = get(&s, "/");
        assert_eq!((r.status, header(&r, "Location")), (302, "/cds/"));
        let r = get(&s, "/cds");
        assert_eq!((r.status, header(&r, "Location")), (301, "/cds/"));
        assert_eq!(get(&s, "/cds/").status, 200);
        let r = get(&s, "/cds/nam/2023");
        assert_eq!(header(&r, "Location"), "/cds/nam/2023/");
        assert_eq!(get(&s, "/nam/2023/").status, 404);
        assert_eq!(get(&s, "/cds/assets/style.css").status, 200);
    }

    #[test]
    fn overlay_escapes_everything() {
        let d = Diagnostic::error("content/news/<x>.vi.md", "bad <script>alert(1)</script>")
            .at(2, 3)
            .help("use \"quotes\" & <b>")
            .with_source("a\n<img src=x onerror=alert(1)>\n");
        let html = overlay_html(&[d]);
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("content/news/&lt;x&gt;.vi.md:2:3"));
        assert!(html.contains("use &quot;quotes&quot; &amp; &lt;b&gt;"));
        assert!(overlay_html(&[]).is_empty());
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(mime_type("x.svg"), "image/svg+xml");
        assert_eq!(mime_type("x.woff2"), "font/woff2");
        assert_eq!(mime_type("x"), "application/octet-stream");
    }

    #[test]
    fn inject_before_last_body() {
        assert_eq!(
            inject(b"<body>a</body></html>", "S"),
            b"<body>aS</body></html>"
        );
        assert_eq!(inject(b"no body", "S"), b"no bodyS");
    }

    #[test]
    fn url_hosts() {
        assert_eq!(url_host("0.0.0.0"), "127.0.0.1");
        assert_eq!(url_host("::1"), "[::1]");
        assert_eq!(url_host("localhost"), "localhost");
    }
}
