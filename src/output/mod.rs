//! The only writer of the generated site. Files are written to a fresh staging folder beside
//! the output folder, as they are rendered, and the staging folder replaces the old output
//! only when everything was written: a failed build leaves the previous site untouched.
//!
//! Two rules ride on the record of what the previous build wrote (`record.rs`):
//! - a file whose bytes do not change is not written again but hard-linked from the old output,
//!   so it keeps its inode and modification time and a deploy by size and time skips it;
//! - a file of the output folder that tiendo did not write (a `CNAME`, a `.git/`, photos) is
//!   carried into the new output as it is (`carry.rs`); where this build would replace one, the
//!   build stops and names it.

mod carry;
mod record;
mod swap;

pub use swap::recover;

use crate::fs::{self, FsError};
use crate::render::OutputFile;
use rayon::prelude::*;
use record::{Entry, Record};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// What a build did to the output folder, for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Files the previous build wrote whose bytes changed.
    pub changed: usize,
    /// Files the previous build did not write.
    pub added: usize,
    /// Files the previous build wrote that this one does not.
    pub removed: usize,
    /// Files whose bytes did not change: they keep their inode and time.
    pub unchanged: usize,
    /// Files and empty folders tiendo did not write, carried over as they are.
    pub kept: usize,
}

/// Why the new site was not put in place.
#[derive(Debug)]
pub enum CommitError {
    /// Files that tiendo did not write are where this build writes (paths under the output
    /// folder, sorted): replacing them would lose them.
    NotOurs(Vec<String>),
    /// A file-system failure.
    Io(FsError),
}

impl From<FsError> for CommitError {
    fn from(e: FsError) -> Self {
        CommitError::Io(e)
    }
}

/// The folder that holds `out_dir` (`.` for a bare name).
pub(crate) fn parent_of(out_dir: &Path) -> &Path {
    out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The output folder's own name, which names the files tiendo keeps beside it.
pub(crate) fn name_of(out_dir: &Path) -> String {
    out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into())
}

/// The folder a build really writes: an output path that is a symbolic link (to a web root,
/// say) is written through, so the link stays a link.
pub fn real_folder(out_dir: &Path) -> Result<PathBuf, FsError> {
    match std::fs::symlink_metadata(out_dir) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(out_dir),
        _ => Ok(out_dir.to_path_buf()),
    }
}

/// Where the record of `out_dir`'s files lives (beside it), for messages.
pub fn record_name(out_dir: &Path) -> String {
    record::paths(out_dir).0.display().to_string()
}

/// Checks that an output path stays inside the output folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    if p.components().all(|c| matches!(c, Component::Normal(_))) && !path.is_empty() {
        Some(p.to_path_buf())
    } else {
        None
    }
}

/// What the old output holds at a path this build writes.
enum Old {
    /// Nothing (or a folder: what it holds is carried or dropped at commit).
    Nothing,
    /// The same bytes, with the old file's metadata.
    Same(std::fs::Metadata),
    /// Other bytes, in a file the previous build wrote.
    Ours,
    /// Other bytes, in a file tiendo did not write.
    NotOurs,
}

/// A build's output being written: a staging folder beside the output folder.
pub struct Staging {
    out_dir: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    previous: Record,
    /// Whether the output folder existed when the build began. A first build (every build of
    /// a CI job) has nothing to compare, and asks the file system nothing per file.
    old_exists: bool,
    written: Mutex<Vec<Entry>>,
    not_ours: Mutex<Vec<String>>,
    changed: AtomicUsize,
    added: AtomicUsize,
    unchanged: AtomicUsize,
}

impl Staging {
    /// Creates an empty staging folder for `out_dir` (a real folder, see [`real_folder`]) and
    /// reads the record of the previous build.
    pub fn create(out_dir: &Path) -> Result<Staging, FsError> {
        let parent = parent_of(out_dir);
        fs::create_dir_all(parent)?;
        let name = name_of(out_dir);
        swap::clean_stale(parent, &name, out_dir);
        let dir = parent.join(format!(".{name}.tiendo-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.tiendo-old-{}", std::process::id()));
        fs::remove_dir_all(&dir)?;
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            previous: Record::load(out_dir),
            old_exists: out_dir.is_dir(),
            out_dir: out_dir.to_path_buf(),
            dir,
            old,
            written: Mutex::new(Vec::new()),
            not_ours: Mutex::new(Vec::new()),
            changed: AtomicUsize::new(0),
            added: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        })
    }

    /// Writes one file into the staging folder, or links the old one when its bytes are the
    /// same. Safe to call from several threads.
    pub fn write(&self, f: &OutputFile) -> Result<(), FsError> {
        let Some(rel) = safe_relative(&f.path) else {
            return Err(FsError {
                action: "write",
                path: PathBuf::from(&f.path),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "path leaves the output folder",
                ),
            });
        };
        let (old, dest) = (self.out_dir.join(&rel), self.dir.join(&rel));
        let hash = record::hash(&f.bytes);
        let mtime = match self.compare(&f.path, &old, hash, &f.bytes) {
            Old::Same(meta) => {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                keep_old(&old, &dest, &f.bytes, &meta)?
            }
            Old::NotOurs => {
                lock(&self.not_ours).push(f.path.clone());
                return Ok(());
            }
            Old::Ours => {
                self.changed.fetch_add(1, Ordering::Relaxed);
                write_new(&dest, &f.bytes)?
            }
            Old::Nothing => {
                self.added.fetch_add(1, Ordering::Relaxed);
                write_new(&dest, &f.bytes)?
            }
        };
        lock(&self.written).push(Entry {
            path: f.path.clone(),
            hash,
            size: f.bytes.len() as u64,
            mtime,
        });
        Ok(())
    }

    /// What the old output holds at `path`, judged by the record, or by the bytes themselves
    /// where the record does not describe the file as it is.
    fn compare(&self, path: &str, old: &Path, hash: u128, bytes: &[u8]) -> Old {
        if !self.old_exists {
            return Old::Nothing;
        }
        let Ok(meta) = std::fs::symlink_metadata(old) else {
            return Old::Nothing;
        };
        if meta.is_dir() {
            return Old::Nothing;
        }
        if !meta.is_file() {
            return Old::NotOurs;
        }
        let same = match self.previous.get(path) {
            Some(e) if e.size == meta.len() && e.mtime == record::mtime_of(&meta) => {
                e.hash == hash && e.size == bytes.len() as u64
            }
            _ => same_bytes(old, &meta, bytes),
        };
        match (same, self.previous.contains(path)) {
            (true, _) => Old::Same(meta),
            (false, true) => Old::Ours,
            (false, false) => Old::NotOurs,
        }
    }

    /// Puts the new site in place: carries over the files tiendo did not write, records what
    /// this build wrote, and swaps the staging folder in. On Linux the two folders are swapped
    /// in one step (`renameat2` with `RENAME_EXCHANGE`), so the output folder exists, complete,
    /// at every instant; elsewhere, or where the file system cannot swap, it takes two renames.
    pub fn commit(self) -> Result<Changes, CommitError> {
        let mut not_ours = std::mem::take(&mut *lock(&self.not_ours));
        let mut written = std::mem::take(&mut *lock(&self.written));
        let generated: HashSet<&str> = written.iter().map(|e| e.path.as_str()).collect();
        let removed = self
            .previous
            .paths()
            .filter(|p| !generated.contains(p))
            .count();
        let kept = match carry::user_files(&self.out_dir, &self.dir, &|rel| {
            generated.contains(rel) || self.previous.contains(rel)
        }) {
            Ok(c) => {
                not_ours.extend(c.blocked);
                c.kept
            }
            Err(e) => return Err(self.abort_with(CommitError::Io(e))),
        };
        drop(generated);
        if !not_ours.is_empty() {
            not_ours.sort();
            not_ours.dedup();
            return Err(self.abort_with(CommitError::NotOurs(not_ours)));
        }
        if let Some(id) = record::identity(&self.dir) {
            let (_, pending) = record::paths(&self.out_dir);
            if let Err(source) = record::write_pending(&self.out_dir, id, &mut written) {
                let e = FsError {
                    action: "write",
                    path: pending,
                    source,
                };
                return Err(self.abort_with(CommitError::Io(e)));
            }
        }
        let changes = Changes {
            changed: self.changed.load(Ordering::Relaxed),
            added: self.added.load(Ordering::Relaxed),
            removed,
            unchanged: self.unchanged.load(Ordering::Relaxed),
            kept,
        };
        self.swap_in()?;
        // A record left pending is settled by the next build's `Record::load`.
        let _ = record::settle(&self.out_dir);
        Ok(changes)
    }

    fn swap_in(&self) -> Result<(), FsError> {
        if self.out_dir.exists() {
            match swap::exchange(&self.dir, &self.out_dir) {
                Ok(true) => {
                    // The staging path now holds the old site. A failure to delete it leaves a
                    // stale folder, which the next build removes: the new site is in place.
                    let _ = fs::remove_dir_all(&self.dir);
                    return Ok(());
                }
                Ok(false) => {}
                Err(source) => {
                    return Err(FsError {
                        action: "swap in",
                        path: self.out_dir.clone(),
                        source,
                    })
                }
            }
        }
        let had_old = self.out_dir.exists();
        if had_old {
            fs::remove_dir_all(&self.old)?;
            fs::rename(&self.out_dir, &self.old)?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out_dir) {
            if had_old {
                let _ = fs::rename(&self.old, &self.out_dir);
            }
            return Err(e);
        }
        if had_old {
            fs::remove_dir_all(&self.old)?;
        }
        Ok(())
    }

    fn abort_with(&self, e: CommitError) -> CommitError {
        let _ = fs::remove_dir_all(&self.dir);
        e
    }

    /// Throws the staging folder away, leaving the output folder as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Locks a mutex, also after another writer panicked (the data is a plain list).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether the file at `old` (with metadata `meta`) holds exactly `bytes`.
fn same_bytes(old: &Path, meta: &std::fs::Metadata, bytes: &[u8]) -> bool {
    meta.len() == bytes.len() as u64 && std::fs::read(old).is_ok_and(|b| b == bytes)
}

fn create_parent(dest: &Path) -> Result<(), FsError> {
    match dest.parent() {
        Some(p) => fs::create_dir_all(p),
        None => Ok(()),
    }
}

/// Writes a new file; returns its modification time.
fn write_new(dest: &Path, bytes: &[u8]) -> Result<std::time::Duration, FsError> {
    create_parent(dest)?;
    let io = |source| FsError {
        action: "write",
        path: dest.to_path_buf(),
        source,
    };
    let mut f = std::fs::File::create(dest).map_err(io)?;
    f.write_all(bytes).map_err(io)?;
    Ok(f.metadata()
        .map(|m| record::mtime_of(&m))
        .unwrap_or_default())
}

/// Puts the old file, unchanged, into the staging folder: a hard link (same inode and time),
/// or where the file system refuses one, a copy given the old time.
fn keep_old(
    old: &Path,
    dest: &Path,
    bytes: &[u8],
    meta: &std::fs::Metadata,
) -> Result<std::time::Duration, FsError> {
    create_parent(dest)?;
    let mtime = record::mtime_of(meta);
    if std::fs::hard_link(old, dest).is_ok() {
        return Ok(mtime);
    }
    write_new(dest, bytes)?;
    let set = std::fs::File::options()
        .write(true)
        .open(dest)
        .and_then(|f| f.set_modified(std::time::UNIX_EPOCH + mtime));
    Ok(if set.is_ok() {
        mtime
    } else {
        std::fs::symlink_metadata(dest)
            .map(|m| record::mtime_of(&m))
            .unwrap_or_default()
    })
}

/// Writes `files` as the new contents of `out_dir`, atomically with respect to failures.
pub fn write_site(out_dir: &Path, files: &[OutputFile]) -> Result<Changes, CommitError> {
    let staging = Staging::create(out_dir)?;
    if let Err(e) = files.par_iter().try_for_each(|f| staging.write(f)) {
        staging.abort();
        return Err(CommitError::Io(e));
    }
    staging.commit()
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside() {
        assert!(safe_relative("a/b/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert!(safe_relative("").is_none());
    }

    #[test]
    fn commit_replaces_the_output_and_leaves_nothing_beside_it() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("output");
        for round in 0..3 {
            let files = vec![OutputFile::new(format!("r{round}/index.html"), vec![b'x'])];
            write_site(&out, &files).expect("write");
            let mut names: Vec<String> = std::fs::read_dir(tmp.path())
                .expect("ls")
                .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            assert_eq!(names, [".output.tiendo-files", "output"], "round {round}");
            assert!(out.join(format!("r{round}/index.html")).is_file());
            assert!(round == 0 || !out.join(format!("r{}", round - 1)).exists());
        }
    }
}
