//! The one orchestration of config → load → model → render → sink, which `build`, `serve` and
//! `check` all call. What changes per command is the sink (the staging folder of `build`, the
//! memory of `serve` and `check`) and the scope of the render (the whole site, the pages of
//! changed articles, the search index), nothing else. Each phase is timed here
//! (`TIENDO_TIMINGS=1`), so the modules it calls print nothing.

use crate::diag::Diagnostics;
use crate::load::{self, LoadOptions};
use crate::model::{DocChange, Site};
use crate::render::{self, OutputFile, Prepared, RenderStats, Scope, Sink};
use crate::theme::Theme;
use crate::timing;
use std::path::PathBuf;

/// A site ready to render: the model, its theme and the theme's compiled templates, with the
/// warnings loading gave.
pub struct Loaded {
    /// The model.
    pub site: Site,
    /// The theme, built-in files overridden by the site's.
    pub theme: Theme,
    /// The compiled templates, kept between renders.
    pub prepared: Prepared,
    /// Warnings of loading (the site loaded despite them).
    pub warnings: Diagnostics,
}

/// A render that went through: its counts and its warnings.
#[derive(Debug)]
pub struct Rendered {
    /// What was rendered.
    pub stats: RenderStats,
    /// Warnings of rendering.
    pub warnings: Diagnostics,
}

/// Why a render did not go through.
#[derive(Debug)]
pub enum RenderFailed<E> {
    /// Content errors (with the warnings found beside them).
    Content(Diagnostics),
    /// The sink failed.
    Sink(E),
}

/// Loads the site and its theme and compiles the templates, or gives the diagnostics that
/// stop here.
pub fn load(opts: &LoadOptions) -> Result<Loaded, Diagnostics> {
    let phase = timing::phase("load");
    let (site, mut diags) = load::load_site(opts);
    let theme = site.as_ref().and_then(|s| {
        let (t, d) = Theme::load(opts.root(), &s.config.theme);
        diags.extend(d);
        t
    });
    drop(phase);
    let (Some(site), Some(theme)) = (site, theme) else {
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    let phase = timing::phase("compile templates");
    let prepared = Prepared::new(&theme).map_err(|d| {
        let mut diags = diags.clone();
        diags.push(*d);
        diags
    })?;
    drop(phase);
    Ok(Loaded {
        site,
        theme,
        prepared,
        warnings: diags,
    })
}

/// Renders `scope` of a loaded site, each file to `sink` as soon as it is made.
pub fn render<E: Send>(
    loaded: &Loaded,
    scope: Scope,
    sink: &Sink<E>,
) -> Result<Rendered, RenderFailed<E>> {
    let phase = timing::phase("render");
    let result =
        render::render_prepared(&loaded.site, &loaded.theme, &loaded.prepared, scope, sink);
    drop(phase);
    let (stats, diags) = result.map_err(RenderFailed::Sink)?;
    if diags.has_errors() {
        return Err(RenderFailed::Content(diags));
    }
    Ok(Rendered {
        stats,
        warnings: diags,
    })
}

/// Renders `scope` into memory: the files sorted by path.
pub fn render_in_memory(
    loaded: &Loaded,
    scope: Scope,
) -> Result<(Vec<OutputFile>, Rendered), Diagnostics> {
    let files = std::sync::Mutex::new(Vec::new());
    let sink = |f: OutputFile| -> Result<(), std::convert::Infallible> {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    };
    let rendered = match render(loaded, scope, &sink) {
        Ok(r) => r,
        Err(RenderFailed::Content(diags)) => return Err(diags),
        Err(RenderFailed::Sink(never)) => match never {},
    };
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, rendered))
}

/// Re-reads the `changed` article files into the loaded site (for `serve`), and says what
/// changed in each, for a render of `Scope::Docs`.
pub fn update(
    loaded: &mut Loaded,
    opts: &LoadOptions,
    changed: &[PathBuf],
) -> Result<Vec<DocChange>, Diagnostics> {
    let _phase = timing::phase("update docs");
    load::update_docs(&mut loaded.site, opts, changed)
}
