//! `tiendo serve`: builds the site in memory, serves it over HTTP, watches `content/` and
//! `themes/`, rebuilds on change and reloads open pages through server-sent events.
//!
//! Nothing is written to disk: the files of the last good build live in a map behind a lock,
//! and every request is a lookup in that map after the path has been decoded and normalised,
//! so no request can reach a file outside the site (`..`, `%2e%2e`, encoded slashes, symlinks).
//! A failed rebuild keeps the last good site and shows the errors in the terminal and, as an
//! overlay, in every open page; the next good build clears it.
//!
//! The rooms: `watch` (file events or polling → batches of changed paths), `rebuild` (full and
//! incremental rebuilds, publishing into the served map), `http` (the server), `route` (request
//! target → response, pure), `overlay` (what serve mode adds to pages: the reload script and
//! the error overlay).

mod http;
mod ledger;
mod overlay;
mod rebuild;
mod route;
mod watch;

#[doc(hidden)]
pub use route::fuzz_route;
pub use route::mime_type;

use crate::date::Date;
use crate::diag::Diagnostic;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

/// The reserved path prefix of the preview server's own endpoints.
pub const RESERVED_PREFIX: &str = "__tiendo";

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

/// The files of the last good build.
struct SiteFiles {
    /// Keys and contents are shared, so an incremental update copies the map cheaply.
    files: HashMap<Arc<str>, Arc<[u8]>>,
    /// The sub-path of `base_url`, decoded, such as `cds/`, or empty.
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

/// What the rebuilding side and the serving side share.
struct Shared {
    site: RwLock<Arc<SiteFiles>>,
    /// The latest build's state; event streams subscribe to it.
    status: tokio::sync::watch::Sender<Status>,
    /// Distinguishes this server's builds from those of an earlier run on the same port.
    instance: String,
}

impl Shared {
    fn new() -> Shared {
        let instance = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos() % 1_000_000_000_000)
            .unwrap_or(0)
            .to_string();
        Shared {
            site: RwLock::new(Arc::new(SiteFiles {
                files: HashMap::new(),
                base_path: String::new(),
                token: format!("{instance}-0"),
                built: false,
            })),
            status: tokio::sync::watch::Sender::new(Status {
                generation: 0,
                ok: true,
                errors: Vec::new(),
                site_token: format!("{instance}-0"),
            }),
            instance,
        }
    }

    fn site(&self) -> Arc<SiteFiles> {
        match self.site.read() {
            Ok(g) => Arc::clone(&g),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    fn set_site(&self, site: SiteFiles) {
        match self.site.write() {
            Ok(mut g) => *g = Arc::new(site),
            Err(p) => *p.into_inner() = Arc::new(site),
        }
    }

    fn status(&self) -> Status {
        self.status.borrow().clone()
    }

    /// Tells the pages about a new state.
    fn set_status(&self, status: Status) {
        self.status.send_replace(status);
    }
}

/// Builds, serves and watches until the process is interrupted (Ctrl-C). The errors are those
/// that stop the server from starting: a site folder that cannot be read, an address or port
/// that cannot be listened on.
pub fn serve(opts: &ServeOptions) -> Result<(), Box<Diagnostic>> {
    let root_abs = site_folder(&opts.root)?;
    let listener = listen(&opts.bind, opts.port)?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(opts.port);
    let host = url_host(&opts.bind);
    let shared = Arc::new(Shared::new());
    // Watch before the first build, so that no edit made while it runs is missed.
    let mut changes = watch::Changes::start(&opts.root, root_abs);
    let mut site = rebuild::Rebuilder::new(opts, format!("http://{host}:{port}"), &shared);
    site.full(None);
    eprintln!(
        "serving the site at http://{host}:{port}/{} (watching content/ and themes/; Ctrl-C to stop)",
        shared.site().base_path
    );
    http::start(listener, Arc::clone(&shared), http::Limits::default())?;
    loop {
        match changes.next(site.search_pending()) {
            watch::Batch::Changed(paths) => site.apply(&paths),
            watch::Batch::Quiet => site.reindex(),
            watch::Batch::Closed => return Ok(()),
        }
    }
}

/// The site's folder, absolute; an error when it cannot be read or holds no `content/`.
fn site_folder(root: &Path) -> Result<PathBuf, Box<Diagnostic>> {
    let abs = crate::fs::canonicalize(root).map_err(|e| {
        Box::new(
            Diagnostic::error(root, format!("cannot read the site's folder: {}", e.source))
                .help(crate::load::NO_CONTENT_HELP),
        )
    })?;
    match crate::load::no_content_folder(root) {
        Some(missing) => Err(Box::new(missing)),
        None => Ok(abs),
    }
}

/// Binds the listening socket; an error says why it could not, and what to try.
fn listen(bind: &str, port: u16) -> Result<std::net::TcpListener, Box<Diagnostic>> {
    std::net::TcpListener::bind((bind, port)).map_err(|e| {
        let help = if e.kind() == std::io::ErrorKind::AddrInUse {
            "another program uses this port: pick another with `--port`, such as `--port 1112`"
        } else {
            "check `--bind` (an address of this machine, such as 127.0.0.1) and `--port`"
        };
        Box::new(
            Diagnostic::error(
                format!("{bind}:{port}"),
                format!("cannot listen on {bind}:{port}: {e}"),
            )
            .help(help),
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_hosts() {
        assert_eq!(url_host("0.0.0.0"), "127.0.0.1");
        assert_eq!(url_host("::1"), "[::1]");
        assert_eq!(url_host("localhost"), "localhost");
    }
}
