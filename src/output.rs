//! The only writer of the generated site. Files are written to a fresh folder beside the output
//! folder, which replaces the old one only when everything was written: a failed build leaves
//! the previous site untouched.

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

/// Writes `files` as the new contents of `out_dir`, atomically with respect to failures.
pub fn write_site(out_dir: &Path, files: &[OutputFile]) -> Result<(), FsError> {
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let staging = parent.join(format!(".{name}.tiendo-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.tiendo-old-{}", std::process::id()));
    fs::remove_dir_all(&staging)?;
    fs::create_dir_all(&staging)?;
    let result = files
        .par_iter()
        .try_for_each(|f| match safe_relative(&f.path) {
            Some(rel) => fs::write(&staging.join(rel), &f.bytes),
            None => Err(FsError {
                action: "write",
                path: PathBuf::from(&f.path),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "path leaves the output folder",
                ),
            }),
        });
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_old = out_dir.exists();
    if had_old {
        fs::remove_dir_all(&old)?;
        fs::rename(out_dir, &old)?;
    }
    if let Err(e) = fs::rename(&staging, out_dir) {
        if had_old {
            let _ = fs::rename(&old, out_dir);
        }
        return Err(e);
    }
    if had_old {
        fs::remove_dir_all(&old)?;
    }
    Ok(())
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
}
