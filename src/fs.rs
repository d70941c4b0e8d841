//! The only wrappers over `std::fs`: each failure names the file it was about.

use std::fmt;
use std::path::{Path, PathBuf};

/// An I/O failure, with the path and what was being done.
#[derive(Debug)]
pub struct FsError {
    /// What tiendo was doing (`read`, `write`, ...).
    pub action: &'static str,
    /// The file or folder.
    pub path: PathBuf,
    /// The operating system's reason.
    pub source: std::io::Error,
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "failed to {} `{}`: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for FsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Result of a file-system operation.
pub type FsResult<T> = Result<T, FsError>;

fn ctx<T>(action: &'static str, path: &Path, r: std::io::Result<T>) -> FsResult<T> {
    r.map_err(|source| FsError {
        action,
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> FsResult<Vec<u8>> {
    ctx("read", path, std::fs::read(path))
}

/// Reads a whole file of at most `max` bytes; `Ok(Err(length))` when it is longer (then
/// nothing more is read). One open and one status call, where a size check before `read`
/// makes two status calls: a site has tens of thousands of files.
pub fn read_at_most(path: &Path, max: u64) -> FsResult<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let read = || -> std::io::Result<Result<Vec<u8>, u64>> {
        let file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        if len > max {
            return Ok(Err(len));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        // A file that grows while it is read, or a device, stops one byte past the limit.
        file.take(max + 1).read_to_end(&mut bytes)?;
        let read = bytes.len() as u64;
        Ok(if read > max { Err(read) } else { Ok(bytes) })
    };
    ctx("read", path, read())
}

/// Writes a whole file, creating its parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> FsResult<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    ctx("write", path, std::fs::write(path, bytes))
}

/// The names of a folder's entries, sorted.
pub fn read_dir_names(path: &Path) -> FsResult<Vec<std::ffi::OsString>> {
    let names = std::fs::read_dir(path)
        .and_then(|entries| entries.map(|e| e.map(|e| e.file_name())).collect());
    let mut names: Vec<std::ffi::OsString> = ctx("read folder", path, names)?;
    names.sort();
    Ok(names)
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> FsResult<()> {
    ctx("create folder", path, std::fs::create_dir_all(path))
}

/// Removes a folder and everything in it; a missing folder is fine.
pub fn remove_dir_all(path: &Path) -> FsResult<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        r => ctx("remove folder", path, r),
    }
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> FsResult<()> {
    ctx("rename", from, std::fs::rename(from, to))
}

/// True when `path` exists (following symlinks).
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// Metadata without following symlinks.
pub fn symlink_metadata(path: &Path) -> FsResult<std::fs::Metadata> {
    ctx("inspect", path, std::fs::symlink_metadata(path))
}

/// The canonical absolute form of `path`.
pub fn canonicalize(path: &Path) -> FsResult<PathBuf> {
    ctx("resolve", path, std::fs::canonicalize(path))
}

/// Metadata, following symlinks.
pub fn metadata(path: &Path) -> FsResult<std::fs::Metadata> {
    ctx("inspect", path, std::fs::metadata(path))
}

/// True when `path` is a file (following symlinks); false when it is not or cannot be read.
pub fn is_file(path: &Path) -> bool {
    path.is_file()
}

/// True when `path` is a folder (following symlinks); false when it is not or cannot be read.
pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// Reads a whole file as UTF-8 text.
pub fn read_to_string(path: &Path) -> FsResult<String> {
    ctx("read", path, std::fs::read_to_string(path))
}

/// The entries of a folder, sorted by name (so that whatever uses them is deterministic).
pub fn read_dir(path: &Path) -> FsResult<Vec<PathBuf>> {
    let entries = ctx("list folder", path, std::fs::read_dir(path))?;
    let mut out = Vec::new();
    for e in entries {
        out.push(ctx("list folder", path, e)?.path());
    }
    out.sort();
    Ok(out)
}

/// Writes a new file, creating its parent folders; fails (`AlreadyExists`) rather than replace
/// a file that is there, whatever happens meanwhile.
pub fn write_new(path: &Path, bytes: &[u8]) -> FsResult<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let mut file = ctx(
        "create",
        path,
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path),
    )?;
    ctx("write", path, file.write_all(bytes))
}

/// Copies a file.
pub fn copy(from: &Path, to: &Path) -> FsResult<u64> {
    ctx("copy", from, std::fs::copy(from, to))
}

/// Removes a file.
pub fn remove_file(path: &Path) -> FsResult<()> {
    ctx("remove", path, std::fs::remove_file(path))
}

/// A walk of `dir` and everything under it, sorted by file name, not following symbolic links
/// (they are reported as such). Each entry's error names its path.
pub fn walk(dir: &Path) -> walkdir::IntoIter {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(false)
        .into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_at_most_reads_up_to_the_limit_and_gives_the_length_past_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_at_most(&path, 5).unwrap(), Ok(b"12345".to_vec()));
        assert_eq!(read_at_most(&path, 4).unwrap(), Err(5));
        let missing = read_at_most(&dir.path().join("none.md"), 5).unwrap_err();
        assert_eq!(missing.source.kind(), std::io::ErrorKind::NotFound);
        // A device with no length stops one byte past the limit.
        if Path::new("/dev/zero").exists() {
            assert_eq!(read_at_most(Path::new("/dev/zero"), 100).unwrap(), Err(101));
        }
    }
}
