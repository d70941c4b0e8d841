//! Swapping the staging folder in, and cleaning up after builds that were killed.

use crate::fs;
use std::path::{Path, PathBuf};

/// Swaps two folders atomically: `Ok(false)` where the system or file system cannot.
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
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
pub(super) fn exchange(_a: &Path, _b: &Path) -> std::io::Result<bool> {
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
    clean_stale(super::parent_of(out_dir), &super::name_of(out_dir), out_dir);
}

/// Removes what builds that were killed left beside the output folder: staging folders
/// (`.<name>.tiendo-new-<pid>`) and old copies (`.<name>.tiendo-old-<pid>`), skipping those of
/// builds still running. A build killed between the two renames of the fallback swap leaves no
/// output folder: its old copy is put back first.
pub(super) fn clean_stale(parent: &Path, name: &str, out_dir: &Path) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
