//! Rebuilding the served site: in full, or (when only articles changed) just the pages that
//! show them, with the search index following when editing pauses. A good build is published
//! into the served map and the pages are told to reload; a failed one keeps the last good site
//! and shows its errors.

use super::ledger::Ledger;
use super::{Shared, SiteFiles, Status};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{doc_kind, DocChange};
use crate::model::DocKind;
use crate::pipeline::{self, Loaded, Rendered as Done};
use crate::render::{OutputFile, RenderStats, Scope};
use crate::urls::{base_path, percent_decode, percent_encode_path};
use crate::urls::{path, Target};
use crate::BuildOptions;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// The loaded site kept between rebuilds, for incremental ones.
struct Model {
    /// The site, its theme and compiled templates, as the pipeline loaded them.
    loaded: Loaded,
    build: BuildOptions,
    /// Languages whose search index is behind the pages.
    search_pending: Vec<String>,
    /// The planned files and the pages of the served site, for incremental rebuilds.
    ledger: Ledger,
}

/// Rebuilds the site on change and publishes it into the served map.
pub(super) struct Rebuilder {
    root: PathBuf,
    drafts: bool,
    today: crate::date::Date,
    /// Where the preview is served, such as `http://127.0.0.1:1111`.
    origin: String,
    shared: Arc<Shared>,
    /// The last good build, `None` when it failed.
    model: Option<Model>,
}

impl Rebuilder {
    pub(super) fn new(opts: &super::ServeOptions, origin: String, shared: &Arc<Shared>) -> Self {
        Rebuilder {
            root: opts.root.clone(),
            drafts: opts.drafts,
            today: opts.today,
            origin,
            shared: Arc::clone(shared),
            model: None,
        }
    }

    /// True when a search index waits for editing to pause.
    pub(super) fn search_pending(&self) -> bool {
        self.model
            .as_ref()
            .is_some_and(|m| !m.search_pending.is_empty())
    }

    /// Rebuilds after `changed` files (relative to the root) changed: only the pages that show
    /// them when all are articles of a loaded site, else everything.
    pub(super) fn apply(&mut self, changed: &[PathBuf]) {
        let description = match changed {
            [one] => one.display().to_string(),
            [first, ..] => format!("{} (and {} more)", first.display(), changed.len() - 1),
            [] => return,
        };
        let only_docs = changed.iter().all(|p| doc_kind(p).is_some());
        match self.model.take() {
            Some(m) if only_docs => self.incremental(m, changed, &description),
            _ => self.full(Some(&description)),
        }
    }

    /// Rebuilds the whole site in memory and tells the pages; keeps the loaded site for
    /// incremental rebuilds, or nothing when the build failed.
    pub(super) fn full(&mut self, change: Option<&str>) {
        let start = Instant::now();
        if let Some(c) = change {
            eprintln!("changed: {}", crate::diag::printable(c));
        }
        let base_path =
            base_path_of(&self.root).unwrap_or_else(|| self.shared.site().base_path.clone());
        let build = BuildOptions {
            root: self.root.clone(),
            output: None,
            base_url: Some(format!(
                "{}/{}",
                self.origin,
                percent_encode_path(&base_path)
            )),
            drafts: self.drafts,
            today: self.today,
        };
        let Ok((loaded, files, stats, warnings)) =
            load_and_render(&build).map_err(|diags| report_failure(&self.shared, &diags, start))
        else {
            self.model = None;
            return;
        };
        crate::diag::eprint_all(&warnings);
        let elapsed = start.elapsed().as_millis();
        let warnings = crate::diag::counted(warnings.warning_count(), "warning");
        let ledger = Ledger::of_full(stats.planned.clone(), &files);
        if publish_all(&self.shared, files, base_path) {
            eprintln!(
                "{} {} pages, {} charts, {} data files and {} static files in memory in {elapsed} ms ({warnings})",
                if change.is_some() { "rebuilt" } else { "built" },
                stats.pages,
                stats.charts,
                stats.data_files,
                stats.static_files,
            );
        } else {
            // Nothing the reader sees changed (a file saved as it was, a draft): no reload.
            eprintln!("rebuilt in {elapsed} ms: the site did not change ({warnings})");
        }
        self.model = Some(Model {
            loaded,
            build,
            search_pending: Vec::new(),
            ledger,
        });
    }

    /// Re-reads only the changed Markdown files and re-renders only the pages that show them;
    /// then, without reloading the pages, the search index of their languages.
    fn incremental(&mut self, mut model: Model, changed: &[PathBuf], description: &str) {
        let start = Instant::now();
        eprintln!("changed: {}", crate::diag::printable(description));
        let changes = match update_and_render_docs(&mut model, changed) {
            Rendered::Failed(diags) => {
                report_failure(&self.shared, &diags, start);
                self.model = Some(model);
                return;
            }
            Rendered::NeedsFull => return self.full(None),
            Rendered::Docs(mut files, mut stats, changes) => {
                let publish_phase = crate::timing::phase("publish");
                let planned = stats.planned.take();
                let followed = model.ledger.follow(&model.loaded, &files, planned);
                files.extend(followed.sitemap);
                let changed_files = publish(&self.shared, files, &followed.gone, true);
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
                changes
            }
        };
        // The search index follows later, when the files are quiet (see `reindex`).
        for c in changes {
            if !model.search_pending.contains(&c.lang) {
                model.search_pending.push(c.lang);
            }
        }
        self.model = Some(model);
    }

    /// Rebuilds the search index of the languages whose articles changed, without reloading
    /// the pages: it costs more than the pages themselves, so it waits until editing pauses.
    pub(super) fn reindex(&mut self) {
        if let Some(model) = self.model.as_mut() {
            let langs = std::mem::take(&mut model.search_pending);
            let files = render_search(model, &langs);
            // The shards of the index that the new one does not have are gone.
            let folders: Vec<String> = langs
                .iter()
                .map(|l| path(&model.loaded.site.config, l, Target::SearchIndex("")))
                .collect();
            let shared_site = self.shared.site();
            let gone: Vec<String> = shared_site
                .files
                .keys()
                .filter(|p| folders.iter().any(|f| p.starts_with(f.as_str())))
                .filter(|p| !files.iter().any(|f| f.path == p.as_ref()))
                .map(|p| p.to_string())
                .collect();
            publish(&self.shared, files, &gone, false);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Serve's use of the one pipeline (`crate::pipeline`): its sink is memory.

/// Loads the whole site and renders every file.
fn load_and_render(
    build: &BuildOptions,
) -> Result<(Loaded, Vec<OutputFile>, RenderStats, Diagnostics), Diagnostics> {
    let loaded = pipeline::load(&build.load_options())?;
    match pipeline::render_in_memory(&loaded, Scope::All) {
        Ok((files, Done { stats, warnings })) => {
            let mut all = loaded.warnings.clone();
            all.extend(warnings);
            Ok((loaded, files, stats, all))
        }
        Err(diags) => {
            let mut all = loaded.warnings;
            all.extend(diags);
            Err(all)
        }
    }
}

/// What an incremental render gave.
enum Rendered {
    /// The pages that show the changed articles, and what changed in them.
    Docs(Vec<OutputFile>, RenderStats, Vec<DocChange>),
    /// A change the incremental render cannot follow.
    NeedsFull,
    /// The changed files have errors.
    Failed(Diagnostics),
}

/// Re-reads the `changed` articles into `model` and renders the pages that show them.
fn update_and_render_docs(model: &mut Model, changed: &[PathBuf]) -> Rendered {
    let load_opts = model.build.load_options();
    let changes = match pipeline::update(&mut model.loaded, &load_opts, changed) {
        Ok(c) => c,
        Err(diags) => return Rendered::Failed(diags),
    };
    // A page's title shows in every page's footer, and a page that disappears must leave the
    // served site: those need everything redone.
    if changes
        .iter()
        .any(|c| (c.kind == DocKind::Page && c.metadata) || c.page_removed)
    {
        return Rendered::NeedsFull;
    }
    match pipeline::render_in_memory(&model.loaded, Scope::Docs(&changes)) {
        Ok((files, done)) => Rendered::Docs(files, done.stats, changes),
        Err(diags) => Rendered::Failed(diags),
    }
}

/// Renders the search index of `langs`.
fn render_search(model: &Model, langs: &[String]) -> Vec<OutputFile> {
    pipeline::render_in_memory(&model.loaded, Scope::Search(langs))
        .map(|(files, _)| files)
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Publishing into the served site.

/// Replaces the served site by a full build's `files` and tells the pages, unless nothing the
/// reader sees changed. Returns whether it changed.
fn publish_all(shared: &Shared, files: Vec<OutputFile>, base_path: String) -> bool {
    let files: HashMap<Arc<str>, Arc<[u8]>> = files
        .into_iter()
        .map(|f| (Arc::from(f.path), Arc::from(f.bytes)))
        .collect();
    let status = shared.status();
    let old = shared.site();
    if status.ok && old.built && old.files == files && old.base_path == base_path {
        return false;
    }
    let generation = status.generation + 1;
    let token = format!("{}-{generation}", shared.instance);
    shared.set_site(SiteFiles {
        files,
        base_path,
        token: token.clone(),
        built: true,
    });
    shared.set_status(Status {
        generation,
        ok: true,
        errors: Vec::new(),
        site_token: token,
    });
    true
}

/// Puts rendered files into the served site and takes the `gone` ones out; `reload` tells open
/// pages when something changed. Returns how many files changed.
fn publish(shared: &Shared, files: Vec<OutputFile>, gone: &[String], reload: bool) -> usize {
    let status = shared.status();
    let old = shared.site();
    let mut map = old.files.clone();
    let mut changed = 0;
    for path in gone {
        if map.remove(path.as_str()).is_some() {
            changed += 1;
        }
    }
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
    shared.set_site(SiteFiles {
        files: map,
        base_path: old.base_path.clone(),
        token: token.clone(),
        built: true,
    });
    if reload || !status.ok {
        shared.set_status(Status {
            generation,
            ok: true,
            errors: Vec::new(),
            site_token: token,
        });
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
        "build failed in {} ms: {}; {kept}",
        start.elapsed().as_millis(),
        diags.tally()
    );
    let status = shared.status();
    shared.set_status(Status {
        generation: status.generation + 1,
        ok: false,
        errors: errors_of(diags),
        site_token: status.site_token,
    });
}

fn errors_of(diags: &Diagnostics) -> Vec<Diagnostic> {
    diags
        .sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect()
}

/// The sub-path of the site's `base_url`, decoded (`cds/`), read leniently from `site.yaml`:
/// `None` when it cannot be read (the build then reports why).
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
    let segments = base_path(&url)
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match percent_decode(s) {
            Some(bytes) => format!("{}/", String::from_utf8_lossy(&bytes)),
            None => format!("{s}/"),
        })
        .collect();
    Some(segments)
}
