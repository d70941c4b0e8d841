//! The record of what a build wrote: `.<output>.tiendo-files`, beside the output folder (never
//! in it, so no server publishes it). It serves two rules at once: a build never deletes a file
//! it did not write (a file of the output folder that is not in the record is the user's), and
//! a file whose bytes do not change keeps its inode and modification time (the record holds
//! each file's hash, size and time, so the old bytes need not be read back).
//!
//! The record names the output folder it describes by its device and inode: a record written
//! for a staging folder becomes valid when that folder is swapped in, so a build killed between
//! the swap and the renaming of the record still leaves a record that matches the site. A
//! missing, foreign or corrupt record is no record: times are then found by comparing bytes,
//! and no file of the folder counts as tiendo's.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

/// First line of a record file, with its format version.
const HEADER: &str = "tiendo output record 1";

/// One file a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// xxh3-128 of the bytes.
    pub hash: u128,
    /// Length in bytes.
    pub size: u64,
    /// Modification time as the file system reports it.
    pub mtime: Duration,
}

/// The files of the previous build, by path; empty when there is no valid record.
#[derive(Debug, Default)]
pub struct Record {
    entries: HashMap<String, Entry>,
}

/// The hash the record keeps of a file's bytes.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// A file's modification time as a duration since the epoch (zero when unknown).
pub fn mtime_of(meta: &std::fs::Metadata) -> Duration {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .unwrap_or_default()
}

/// The identity of a folder (device, inode); `None` where the system has none to offer.
pub fn identity(dir: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::symlink_metadata(dir).ok()?;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Some((0, 0))
    }
}

/// Where the record of output folder `out_dir` lives, and where a new one waits for its swap.
pub fn paths(out_dir: &Path) -> (PathBuf, PathBuf) {
    let parent = super::parent_of(out_dir);
    let name = super::name_of(out_dir);
    (
        parent.join(format!(".{name}.tiendo-files")),
        parent.join(format!(".{name}.tiendo-files-new")),
    )
}

impl Record {
    /// The record of the build that made `out_dir`: the one a killed build left pending for
    /// the folder it had just swapped in, or else the settled one (also when the folder has
    /// been copied or moved since: the paths it names are still tiendo's). A pending record
    /// that describes no folder (its build was killed before the swap) is removed.
    pub fn load(out_dir: &Path) -> Record {
        let (settled, pending) = paths(out_dir);
        let here = identity(out_dir);
        if let Some((id, r)) = parse_file(&pending) {
            if Some(id) == here {
                let _ = std::fs::rename(&pending, &settled);
                return r;
            }
        }
        let _ = std::fs::remove_file(&pending);
        parse_file(&settled).map(|(_, r)| r).unwrap_or_default()
    }

    /// The previous build's entry for `path`.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    /// Whether the previous build wrote `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.entries.contains_key(path)
    }

    /// The paths the previous build wrote.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

fn parse_file(path: &Path) -> Option<((u64, u64), Record)> {
    let text = std::fs::read_to_string(path).ok()?;
    parse(&text)
}

/// Parses a record and the identity of the folder it was written for; `None` when corrupt.
fn parse(text: &str) -> Option<((u64, u64), Record)> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let folder = lines.next()?.strip_prefix("folder ")?;
    let (dev, ino) = folder.split_once(' ')?;
    let id = (dev.parse().ok()?, ino.parse().ok()?);
    let mut entries = HashMap::new();
    for line in lines {
        let e = parse_entry(line)?;
        entries.insert(e.path.clone(), e);
    }
    Some((id, Record { entries }))
}

fn parse_entry(line: &str) -> Option<Entry> {
    let mut parts = line.splitn(4, ' ');
    let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
    let size = parts.next()?.parse().ok()?;
    let (secs, nanos) = parts.next()?.split_once('.')?;
    let mtime = Duration::new(secs.parse().ok()?, nanos.parse().ok()?);
    let path = parts.next()?.to_string();
    (!path.is_empty()).then_some(Entry {
        path,
        hash,
        size,
        mtime,
    })
}

/// Writes the record of a staging folder (`id`) as the pending record of `out_dir`; the
/// entries are sorted, so the record of an unchanged site is unchanged too.
pub fn write_pending(out_dir: &Path, id: (u64, u64), entries: &mut [Entry]) -> std::io::Result<()> {
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let mut text = format!("{HEADER}\nfolder {} {}\n", id.0, id.1);
    for e in entries.iter() {
        text.push_str(&format!(
            "{:032x} {} {}.{:09} {}\n",
            e.hash,
            e.size,
            e.mtime.as_secs(),
            e.mtime.subsec_nanos(),
            e.path
        ));
    }
    let (_, pending) = paths(out_dir);
    let mut f = std::fs::File::create(&pending)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// Makes the pending record the settled one, once its folder is in place.
pub fn settle(out_dir: &Path) -> std::io::Result<()> {
    let (settled, pending) = paths(out_dir);
    std::fs::rename(pending, settled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str) -> Entry {
        Entry {
            path: path.into(),
            hash: hash(path.as_bytes()),
            size: path.len() as u64,
            mtime: Duration::new(1_700_000_000, 123_456_789),
        }
    }

    #[test]
    fn a_record_reads_back() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("output");
        std::fs::create_dir(&out).expect("mkdir");
        let id = identity(&out).expect("unix");
        let mut entries = vec![entry("nam/2023/index.html"), entry("a b/c d.txt")];
        write_pending(&out, id, &mut entries).expect("write");
        settle(&out).expect("settle");
        let r = Record::load(&out);
        assert_eq!(r.get("a b/c d.txt"), Some(&entry("a b/c d.txt")));
        assert!(r.contains("nam/2023/index.html"));
        assert!(!r.contains("index.html"));
    }

    #[test]
    fn corrupt_records_are_no_records() {
        assert!(parse("").is_none());
        assert!(parse("tiendo output record 1\nfolder 1\n").is_none());
        assert!(parse("tiendo output record 1\nfolder 1 2\nzz 1 1.0 x\n").is_none());
        assert!(parse("tiendo output record 1\nfolder 1 2\n00 1 1.0\n").is_none());
        assert!(parse("tiendo output record 1\nfolder 1 2\n").is_some_and(|(id, _)| id == (1, 2)));
        assert!(parse("tiendo output record 2\nfolder 1 2\n").is_none());
    }

    #[test]
    fn the_pending_record_wins_when_its_folder_was_swapped_in() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("output");
        std::fs::create_dir(&out).expect("mkdir");
        let id = identity(&out).expect("unix");
        write_pending(&out, id, &mut [entry("new.html")]).expect("write");
        let (settled, pending) = paths(&out);
        std::fs::write(&settled, "tiendo output record 1\nfolder 0 0\n").expect("old");
        assert!(Record::load(&out).contains("new.html"));
        assert!(!pending.exists() && settled.exists(), "settled on load");
        // A pending record of a folder never swapped in is thrown away.
        write_pending(&out, (0, 0), &mut [entry("lost.html")]).expect("write");
        assert!(!Record::load(&out).contains("lost.html"));
        assert!(!pending.exists());
    }
}
