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

    /// Replaces the output folder by the staging folder.
    pub fn commit(self) -> Result<(), FsError> {
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
}
