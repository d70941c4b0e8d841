//! Watching `content/` and `themes/`: file events where the system has them (inotify on
//! Linux), else a scan of modification times every [`POLL`]. Either way the result is a batch
//! of changed paths, relative to the site's root, without ignored files (the rule of
//! `load::is_ignored`) and without folders but `content` and `themes` themselves. The root is
//! watched too, for those two folders: one that appears or is replaced (`mv content old; cp
//! -r old content`) is watched again, and reported as changed, so the whole site is rebuilt.

use crate::load::is_ignored;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, SystemTime};

/// How often `content/` and `themes/` are scanned for changes where the system gives no file
/// events.
const POLL: Duration = Duration::from_millis(200);
/// How long the files must stay quiet after an event before rebuilding: one save often
/// makes several events.
const SETTLE: Duration = Duration::from_millis(5);
/// How long editing must pause before the search index catches up with an incremental change.
const SEARCH_DELAY: Duration = Duration::from_millis(1500);

/// What happened since the last call of [`Changes::next`].
pub(super) enum Batch {
    /// These files changed (relative to the root, sorted, never empty).
    Changed(Vec<PathBuf>),
    /// Nothing changed for a while, and the caller had work waiting for such a pause.
    Quiet,
    /// The file events stopped for good.
    Closed,
}

/// Where changes come from.
enum Source {
    /// File events; the watcher must stay alive for them to come.
    Events {
        rx: Receiver<PathBuf>,
        watcher: notify::RecommendedWatcher,
    },
    /// Scans of the watched folders, compared with the previous one.
    Poll {
        dirs: [PathBuf; 2],
        snapshot: Snapshot,
    },
}

/// The changes to the site's sources, one batch at a time.
pub(super) struct Changes {
    source: Source,
    /// The root as given, and its canonical form (events name absolute paths).
    root: PathBuf,
    root_abs: PathBuf,
}

impl Changes {
    /// Starts watching `root`'s `content/` and `themes/`; `root_abs` is its canonical form.
    pub(super) fn start(root: &Path, root_abs: PathBuf) -> Changes {
        let (tx, rx) = std::sync::mpsc::channel::<PathBuf>();
        let source = match start_watcher(&root_abs, tx) {
            Some(watcher) => Source::Events { rx, watcher },
            None => {
                eprintln!(
                    "note: file-change events are not available here; checking for changes every {} ms",
                    POLL.as_millis()
                );
                let dirs = [root.join("content"), root.join("themes")];
                let snapshot = scan(&dirs);
                Source::Poll { dirs, snapshot }
            }
        };
        Changes {
            source,
            root: root.to_path_buf(),
            root_abs,
        }
    }

    /// Waits for the next batch of changes. With `pending` work, a pause in editing of
    /// [`SEARCH_DELAY`] (or, when polling, one scan without changes) is a [`Batch::Quiet`].
    pub(super) fn next(&mut self, pending: bool) -> Batch {
        loop {
            let changed = match &mut self.source {
                Source::Events { rx, watcher } => match next_events(rx, pending) {
                    Ok(paths) => {
                        rewatch_replaced(watcher, &self.root_abs, &paths);
                        paths
                    }
                    Err(batch) => return batch,
                },
                Source::Poll { dirs, snapshot } => match next_scan(dirs, snapshot, pending) {
                    Some(paths) => paths,
                    None => return Batch::Quiet,
                },
            };
            let rel = self.relevant(&changed);
            if !rel.is_empty() {
                return Batch::Changed(rel);
            }
        }
    }

    /// The changed paths under `content/` and `themes/` relative to the root, without ignored
    /// files and folders but those two themselves.
    fn relevant(&self, changed: &[PathBuf]) -> Vec<PathBuf> {
        let mut rel: Vec<PathBuf> = changed
            .iter()
            .map(|p| {
                if p.is_absolute() {
                    crate::diag::rel(&self.root_abs, p)
                } else {
                    crate::diag::rel(&self.root, p)
                }
            })
            .filter(|p| {
                let top = p.components().next().map(|c| c.as_os_str());
                let watched = top.is_some_and(|t| WATCHED.iter().any(|w| t == *w));
                let folder = p.components().count() > 1 && self.root.join(p).is_dir();
                watched && !is_ignored(p) && !folder
            })
            .collect();
        rel.sort();
        rel.dedup();
        rel
    }
}

/// Blocks until a file changes (or, with work `pending`, until editing pauses), then gathers
/// the events of the same save.
fn next_events(rx: &Receiver<PathBuf>, pending: bool) -> Result<Vec<PathBuf>, Batch> {
    let first = if pending {
        match rx.recv_timeout(SEARCH_DELAY) {
            Ok(p) => p,
            Err(RecvTimeoutError::Timeout) => return Err(Batch::Quiet),
            Err(RecvTimeoutError::Disconnected) => return Err(Batch::Closed),
        }
    } else {
        rx.recv().map_err(|_| Batch::Closed)?
    };
    let mut paths = vec![first];
    while let Ok(p) = rx.recv_timeout(SETTLE) {
        paths.push(p);
    }
    Ok(paths)
}

/// Scans until something changed and the files are quiet again; returns what changed, or
/// `None` after one scan without changes when work is `pending`.
fn next_scan(dirs: &[PathBuf], snapshot: &mut Snapshot, pending: bool) -> Option<Vec<PathBuf>> {
    let now = loop {
        std::thread::sleep(POLL);
        let now = scan(dirs);
        if now != *snapshot {
            break now;
        }
        if pending {
            return None;
        }
    };
    let mut settled = now;
    for _ in 0..10 {
        std::thread::sleep(Duration::from_millis(50));
        let again = scan(dirs);
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
    *snapshot = settled;
    Some(paths)
}

/// The folders of the root that are watched.
const WATCHED: [&str; 2] = ["content", "themes"];

/// Watches `content/` and `themes/` of `root` for changes, and `root` itself for those two
/// folders appearing or being replaced; `None` where the system offers no file events.
fn start_watcher(root: &Path, tx: Sender<PathBuf>) -> Option<notify::RecommendedWatcher> {
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
    watcher
        .watch(root, notify::RecursiveMode::NonRecursive)
        .ok()?;
    for d in WATCHED {
        let d = root.join(d);
        if d.is_dir() {
            watcher.watch(&d, notify::RecursiveMode::Recursive).ok()?;
        }
    }
    Some(watcher)
}

/// Watches `content/` or `themes/` again when an event names the folder itself: it was
/// created, or replaced by another folder of that name, which the old watch does not follow.
fn rewatch_replaced(watcher: &mut notify::RecommendedWatcher, root: &Path, paths: &[PathBuf]) {
    use notify::Watcher;
    for d in WATCHED {
        let d = root.join(d);
        if paths.contains(&d) {
            let _ = watcher.unwatch(&d);
            if d.is_dir() {
                if let Err(e) = watcher.watch(&d, notify::RecursiveMode::Recursive) {
                    eprintln!("warning: cannot watch `{}` again: {e}; restart `tiendo serve` to see its changes", d.display());
                }
            }
        }
    }
}

type Snapshot = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// Modification times and sizes of every file under the watched folders, ignored ones left out.
fn scan(dirs: &[PathBuf]) -> Snapshot {
    let mut out = BTreeMap::new();
    for dir in dirs {
        // `content` and `themes` are folders of the site's root: paths from there are what
        // `is_ignored` reads.
        let site_root = dir.parent().unwrap_or(dir);
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !is_ignored(e.path().strip_prefix(site_root).unwrap_or(e.path()))
            });
        for entry in walker.flatten() {
            if entry.file_type().is_dir() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignored_files_make_no_batch() {
        let changes = Changes {
            source: Source::Poll {
                dirs: [
                    PathBuf::from("/nonexistent/a"),
                    PathBuf::from("/nonexistent/b"),
                ],
                snapshot: Snapshot::new(),
            },
            root: PathBuf::from("/nonexistent"),
            root_abs: PathBuf::from("/site"),
        };
        let rel = changes.relevant(&[
            PathBuf::from("/site/content/Thumbs.db"),
            PathBuf::from("/site/content/news/.x.vi.md.swp"),
            PathBuf::from("/site/content/news/x.vi.md~"),
            PathBuf::from("/site/content/.git/index"),
            PathBuf::from("/site/content/news/b.vi.md"),
            PathBuf::from("/site/content/news/a.vi.md"),
            PathBuf::from("/site/content/news/a.vi.md"),
        ]);
        assert_eq!(
            rel,
            [
                PathBuf::from("content/news/a.vi.md"),
                PathBuf::from("content/news/b.vi.md")
            ]
        );
    }
}
