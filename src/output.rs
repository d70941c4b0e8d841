//! The only writer of the generated site. Files are written to a fresh staging folder beside
//! the output folder, as they are rendered, and the staging folder replaces the old output
//! only when everything was written: a failed build leaves the previous site untouched.

use crate::fs::{self, FsError};
use crate::render::OutputFile;
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// Checks that an output path stays inside the output folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    if p.components().all(|c| matches!(c, Component::Normal(_))) && !path.is_empty() {
        Some(p.to_path_buf())
    } else {
        None
    }
}

/// A build's output being written: a staging folder beside the output folder.
pub struct Staging {
    out_dir: PathBuf,
    dir: PathBuf,
    old: PathBuf,
}

impl Staging {
    /// Creates an empty staging folder for `out_dir`.
    pub fn create(out_dir: &Path) -> Result<Staging, FsError> {
        let parent = out_dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        clean_stale(parent, &name, out_dir);
        let dir = parent.join(format!(".{name}.tiendo-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.tiendo-old-{}", std::process::id()));
        fs::remove_dir_all(&dir)?;
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            dir,
            old,
        })
    }

    /// Writes one file into the staging folder. Safe to call from several threads.
    pub fn write(&self, f: &OutputFile) -> Result<(), FsError> {
        match safe_relative(&f.path) {
            Some(rel) => fs::write(&self.dir.join(rel), &f.bytes),
            None => Err(FsError {
                action: "write",
                path: PathBuf::from(&f.path),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "path leaves the output folder",
                ),
            }),
        }
    }

    /// Replaces the output folder by the staging folder. On Linux the two folders are swapped
    /// in one step (`renameat2` with `RENAME_EXCHANGE`), so the output folder exists, complete,
    /// at every instant; elsewhere, or where the file system cannot swap, it takes two renames.
    pub fn commit(self) -> Result<(), FsError> {
        if self.out_dir.exists() {
            match exchange(&self.dir, &self.out_dir) {
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

    /// Throws the staging folder away, leaving the output folder as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Swaps two folders atomically: `Ok(false)` where the system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated C strings that outlive the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

/// Swaps two folders atomically: not available here, so always `Ok(false)`.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Whether the process `pid` is running (or may be: when unsure, says yes).
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // SAFETY: signal 0 only checks that the process exists; nothing is sent.
        if unsafe { libc::kill(pid, 0) } == 0 {
            return true;
        }
        std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Cleans up after builds that were killed before they finished (see [`clean_stale`]). Runs at
/// the start of every build, before anything is loaded.
pub fn recover(out_dir: &Path) {
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Some(name) = out_dir.file_name() {
        clean_stale(parent, &name.to_string_lossy(), out_dir);
    }
}

/// Removes what builds that were killed left beside the output folder: staging folders
/// (`.<name>.tiendo-new-<pid>`) and old copies (`.<name>.tiendo-old-<pid>`), skipping those of
/// builds still running. A build killed between the two renames of the fallback swap leaves no
/// output folder: its old copy is put back first.
fn clean_stale(parent: &Path, name: &str, out_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.tiendo-");
    let mut stale: Vec<(bool, PathBuf)> = Vec::new();
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let (is_old, pid) = match (rest.strip_prefix("new-"), rest.strip_prefix("old-")) {
            (Some(pid), _) => (false, pid),
            (_, Some(pid)) => (true, pid),
            _ => continue,
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid != std::process::id() && process_alive(pid) {
            continue;
        }
        if std::fs::symlink_metadata(e.path()).is_ok_and(|m| m.is_dir()) {
            stale.push((is_old, e.path()));
        }
    }
    stale.sort();
    for (is_old, path) in stale.into_iter().rev() {
        if is_old
            && std::fs::symlink_metadata(out_dir).is_err()
            && fs::rename(&path, out_dir).is_ok()
        {
            continue;
        }
        let _ = fs::remove_dir_all(&path);
    }
}

/// Writes `files` as the new contents of `out_dir`, atomically with respect to failures.
pub fn write_site(out_dir: &Path, files: &[OutputFile]) -> Result<(), FsError> {
    let staging = Staging::create(out_dir)?;
    if let Err(e) = files.par_iter().try_for_each(|f| staging.write(f)) {
        staging.abort();
        return Err(e);
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
            let names: Vec<String> = std::fs::read_dir(tmp.path())
                .expect("ls")
                .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(names, ["output"], "round {round}");
            assert!(out.join(format!("r{round}/index.html")).is_file());
            assert!(round == 0 || !out.join(format!("r{}", round - 1)).exists());
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir_all(a.join("from-a")).expect("mkdir");
        std::fs::create_dir_all(b.join("from-b")).expect("mkdir");
        if exchange(&a, &b).expect("renameat2") {
            assert!(a.join("from-b").is_dir() && b.join("from-a").is_dir());
        }
    }

    #[test]
    fn stale_folders_of_dead_builds_go_and_live_ones_stay() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("site");
        let dead_new = tmp.path().join(".site.tiendo-new-4000000");
        let dead_old = tmp.path().join(".site.tiendo-old-4000001");
        let live = tmp
            .path()
            .join(format!(".site.tiendo-new-{}", std::process::id()));
        let other = tmp.path().join(".other.tiendo-new-4000000");
        for d in [&dead_new, &dead_old, &other] {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        std::fs::write(dead_old.join("index.html"), "old").expect("write");
        // No output folder: the old copy of a two-rename swap comes back.
        recover(&out);
        assert!(!dead_new.exists() && !dead_old.exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "old"
        );
        assert!(other.is_dir(), "another output's folders are not ours");
        // This process is alive, but its own pid's folder is always a leftover.
        std::fs::create_dir_all(&live).expect("mkdir");
        recover(&out);
        assert!(!live.exists());
        assert!(process_alive(std::process::id()));
        assert!(!process_alive(0));
    }
}
