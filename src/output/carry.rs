//! Carrying the files tiendo did not write from the old output folder into the new one: each
//! file is hard-linked (or copied with its time), each symbolic link made again as it was, each
//! empty folder made again; nothing is followed out of the folder.

use crate::fs::FsError;
use std::path::Path;

/// What carrying found.
#[derive(Debug, Default)]
pub struct Carried {
    /// Files, links and empty folders carried over.
    pub kept: usize,
    /// Paths of the user's that this build's files stand in the way of.
    pub blocked: Vec<String>,
}

/// Carries every entry of `out_dir` that `is_tiendos` does not claim into `staging`.
pub fn user_files(
    out_dir: &Path,
    staging: &Path,
    is_tiendos: &dyn Fn(&str) -> bool,
) -> Result<Carried, FsError> {
    let mut carried = Carried::default();
    if !out_dir.is_dir() {
        return Ok(carried);
    }
    let walk = walkdir::WalkDir::new(out_dir)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name();
    for entry in walk {
        let entry = entry.map_err(|e| walk_error(out_dir, e))?;
        let Some(rel) = relative(out_dir, entry.path()) else {
            continue;
        };
        let file_type = entry.file_type();
        let is_empty_dir = file_type.is_dir() && is_empty(entry.path());
        if (file_type.is_dir() && !is_empty_dir) || is_tiendos(&rel) {
            continue;
        }
        if !make_parents(out_dir, staging, &rel)? || staging.join(&rel).symlink_metadata().is_ok() {
            carried.blocked.push(rel);
            continue;
        }
        carry_one(entry.path(), &staging.join(&rel), file_type)?;
        carried.kept += 1;
    }
    Ok(carried)
}

/// `path` under `root` as a `/`-separated string, when it is valid UTF-8.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

fn walk_error(out_dir: &Path, e: walkdir::Error) -> FsError {
    FsError {
        action: "read folder",
        path: e.path().unwrap_or(out_dir).to_path_buf(),
        source: e
            .into_io_error()
            .unwrap_or_else(|| std::io::Error::other("a folder loop")),
    }
}

fn io_error<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(std::io::Error) -> FsError + 'a {
    move |source| FsError {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Makes the folders above `rel` in `staging`, with the old folders' permissions; `false`
/// when one of them is a file of this build's.
fn make_parents(out_dir: &Path, staging: &Path, rel: &str) -> Result<bool, FsError> {
    let mut sub = String::new();
    let parents: Vec<&str> = rel.split('/').collect();
    for part in &parents[..parents.len() - 1] {
        if !sub.is_empty() {
            sub.push('/');
        }
        sub.push_str(part);
        let dest = staging.join(&sub);
        match dest.symlink_metadata() {
            Ok(m) if m.is_dir() => continue,
            Ok(_) => return Ok(false),
            Err(_) => {}
        }
        std::fs::create_dir(&dest).map_err(io_error("create folder", &dest))?;
        if let Ok(m) = out_dir.join(&sub).symlink_metadata() {
            let _ = std::fs::set_permissions(&dest, m.permissions());
        }
    }
    Ok(true)
}

/// Carries one entry: a folder (empty), a symbolic link, or anything else by a hard link
/// (a copy with the old time where the file system refuses links).
fn carry_one(from: &Path, to: &Path, file_type: std::fs::FileType) -> Result<(), FsError> {
    if file_type.is_dir() {
        std::fs::create_dir(to).map_err(io_error("create folder", to))?;
        if let Ok(m) = from.symlink_metadata() {
            let _ = std::fs::set_permissions(to, m.permissions());
        }
        return Ok(());
    }
    if file_type.is_symlink() {
        let target = std::fs::read_link(from).map_err(io_error("read link", from))?;
        return make_symlink(&target, to).map_err(io_error("create link", to));
    }
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to).map_err(io_error("copy", from))?;
    if let Ok(t) = from.symlink_metadata().and_then(|m| m.modified()) {
        let _ = std::fs::File::options()
            .write(true)
            .open(to)
            .and_then(|f| f.set_modified(t));
    }
    Ok(())
}

#[cfg(unix)]
fn make_symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn make_symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::fs::copy(target, link).map(|_| ())
}
