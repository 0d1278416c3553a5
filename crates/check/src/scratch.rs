//! The scratch copy: the user's workspace mirrored under memaudit's cache,
//! every file a hard link (a copy when linking is not possible), so that
//! making it costs directory entries, not bytes. Edits are written into the
//! copy as *new* files — the link is removed first — so the user's files are
//! never opened for writing.
//!
//! Cargo decides freshness by modification time. A file that was ever
//! edited in a scratch copy is listed in `edited-files` under the cache
//! before it is written; the next copy gives such files a private copy with
//! a fresh time, so the build cache never mistakes an artifact compiled
//! from an edit for one compiled from the original. This module must NOT
//! write anywhere but the scratch folder and that list.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{CheckError, Result};

/// Folders never mirrored: build output and version control.
const SKIPPED_DIRS: &[&str] = &["target", ".git", ".hg", ".svn", ".jj"];

/// Files always copied, never linked: cargo may rewrite a lock file in
/// place, which would write through a link into the user's file.
const ALWAYS_COPIED: &[&str] = &["Cargo.lock"];

/// A mirrored workspace. Dropping it removes the folder.
#[derive(Debug)]
pub(crate) struct Scratch {
    pub root: PathBuf,
    /// Bytes of the files copied when mirroring.
    copied_bytes: u64,
    /// Sizes of the files written since (edits, restored originals), by
    /// workspace-relative path: they replace links or copies.
    written: std::collections::HashMap<String, u64>,
    pub linked: u64,
    pub copied: u64,
    pub dirs: u64,
    /// Bytes the copy occupies at its largest: copies, folders, edits.
    pub peak_bytes: u64,
    edited_list: PathBuf,
    edited: BTreeSet<String>,
    /// The user's linked files with their length and modification time when
    /// linked, to notice a build that wrote through a link.
    linked_files: Vec<(PathBuf, u64, Option<std::time::SystemTime>)>,
    /// blake3 of every mirrored file's path, length and modification time
    /// (and every link's target): equal fingerprints, the same workspace.
    pub fingerprint: String,
    hasher: blake3::Hasher,
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// Rough size of a folder entry on disk.
const DIR_BYTES: u64 = 4096;

impl Scratch {
    /// Mirrors `workspace` into `root` (removed first if a killed check left
    /// it), skipping `skip` (the cache itself, when it lies inside).
    pub(crate) fn create(workspace: &Path, root: &Path, cache: &Path) -> Result<Scratch> {
        if root.exists() {
            fs::remove_dir_all(root).map_err(|e| {
                CheckError::io(
                    format!("removing the old scratch copy {}", root.display()),
                    e,
                )
            })?;
        }
        fs::create_dir_all(root)
            .map_err(|e| CheckError::io(format!("creating {}", root.display()), e))?;
        let edited_list = cache.join("edited-files");
        let edited: BTreeSet<String> = fs::read_to_string(&edited_list)
            .map(|t| t.lines().map(str::to_owned).collect())
            .unwrap_or_default();
        let mut s = Scratch {
            root: root.to_path_buf(),
            copied_bytes: 0,
            linked: 0,
            copied: 0,
            dirs: 1,
            peak_bytes: DIR_BYTES,
            written: std::collections::HashMap::new(),
            edited_list,
            edited,
            linked_files: Vec::new(),
            fingerprint: String::new(),
            hasher: blake3::Hasher::new(),
        };
        let skip = [cache.to_path_buf(), root.to_path_buf()];
        s.mirror(workspace, workspace, &skip)?;
        s.fingerprint = s.hasher.finalize().to_hex().to_string();
        s.peak_bytes = s.copied_bytes + s.dirs * DIR_BYTES;
        Ok(s)
    }

    fn mirror(&mut self, workspace: &Path, dir: &Path, skip: &[PathBuf]) -> Result<()> {
        let entries = fs::read_dir(dir)
            .map_err(|e| CheckError::io(format!("reading {}", dir.display()), e))?;
        for entry in entries {
            let entry =
                entry.map_err(|e| CheckError::io(format!("reading {}", dir.display()), e))?;
            let path = entry.path();
            if skip.contains(&path) {
                continue;
            }
            let name = entry.file_name();
            let rel = path.strip_prefix(workspace).unwrap_or(&path).to_path_buf();
            self.hash_entry(&rel, &path);
            let dest = self.root.join(&rel);
            let kind = entry
                .file_type()
                .map_err(|e| CheckError::io(format!("reading {}", path.display()), e))?;
            if kind.is_dir() {
                if SKIPPED_DIRS.iter().any(|d| name == *d) || path.join("CACHEDIR.TAG").is_file() {
                    continue;
                }
                fs::create_dir(&dest)
                    .map_err(|e| CheckError::io(format!("creating {}", dest.display()), e))?;
                self.dirs += 1;
                self.mirror(workspace, &path, skip)?;
            } else if kind.is_symlink() {
                let target = fs::read_link(&path)
                    .map_err(|e| CheckError::io(format!("reading {}", path.display()), e))?;
                symlink(&target, &dest)
                    .map_err(|e| CheckError::io(format!("linking {}", dest.display()), e))?;
            } else {
                let rel_s = slash(&rel);
                let private =
                    ALWAYS_COPIED.iter().any(|n| name == *n) || self.edited.contains(&rel_s);
                if !private && fs::hard_link(&path, &dest).is_ok() {
                    self.linked += 1;
                    let meta = fs::metadata(&path).ok();
                    self.linked_files.push((
                        path.clone(),
                        meta.as_ref().map_or(0, |m| m.len()),
                        meta.and_then(|m| m.modified().ok()),
                    ));
                } else {
                    let n = fs::copy(&path, &dest)
                        .map_err(|e| CheckError::io(format!("copying {}", path.display()), e))?;
                    self.copied += 1;
                    self.copied_bytes += n;
                }
            }
        }
        Ok(())
    }

    fn hash_entry(&mut self, rel: &Path, path: &Path) {
        let rel = slash(rel);
        self.hasher.update(&(rel.len() as u64).to_le_bytes());
        self.hasher.update(rel.as_bytes());
        if let Ok(meta) = fs::symlink_metadata(path) {
            self.hasher.update(&meta.len().to_le_bytes());
            let nanos = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            self.hasher.update(&nanos.to_le_bytes());
        }
        if let Ok(target) = fs::read_link(path) {
            self.hasher.update(target.to_string_lossy().as_bytes());
        }
    }

    /// Writes `text` as the scratch copy's `rel` without touching the file
    /// it was linked to: the link is removed and a new file created. Records
    /// `rel` in the cache's edited-files list first.
    pub(crate) fn write(&mut self, rel: &str, text: &str) -> Result<()> {
        if self.edited.insert(rel.to_owned()) {
            let mut list = fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.edited_list)
                .map_err(|e| {
                    CheckError::io(format!("writing {}", self.edited_list.display()), e)
                })?;
            writeln!(list, "{rel}").map_err(|e| {
                CheckError::io(format!("writing {}", self.edited_list.display()), e)
            })?;
        }
        let path = self.root.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(CheckError::io(format!("replacing {}", path.display()), e)),
        }
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| CheckError::io(format!("writing {}", path.display()), e))?;
        f.write_all(text.as_bytes())
            .map_err(|e| CheckError::io(format!("writing {}", path.display()), e))?;
        self.written.insert(rel.to_owned(), text.len() as u64);
        let now = self.copied_bytes + self.written.values().sum::<u64>() + self.dirs * DIR_BYTES;
        self.peak_bytes = self.peak_bytes.max(now);
        Ok(())
    }

    /// Puts the original text back (as a new private file, so its time is
    /// newer than any artifact built from the edit).
    pub(crate) fn restore(&mut self, rel: &str, text: &str) -> Result<()> {
        self.write(rel, text)
    }

    /// The user's files whose length or modification time changed since they
    /// were linked: a build script that wrote into its source folder.
    pub(crate) fn changed_originals(&self) -> Vec<PathBuf> {
        self.linked_files
            .iter()
            .filter(|(p, len, time)| {
                let meta = fs::metadata(p).ok();
                meta.as_ref().map(|m| m.len()) != Some(*len)
                    || meta.and_then(|m| m.modified().ok()) != *time
            })
            .map(|(p, _, _)| p.clone())
            .collect()
    }
}

#[cfg(unix)]
fn symlink(target: &Path, dest: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, dest)
}

#[cfg(not(unix))]
fn symlink(target: &Path, dest: &Path) -> std::io::Result<()> {
    if target.is_dir() {
        std::os::windows::fs::symlink_dir(target, dest)
    } else {
        std::os::windows::fs::symlink_file(target, dest)
    }
}

/// A relative path with `/` separators.
pub(crate) fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Total bytes of the files under `dir` (for the build cache's size).
pub(crate) fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut n = 0;
    for e in entries.flatten() {
        match e.file_type() {
            Ok(t) if t.is_dir() => n += dir_bytes(&e.path()),
            Ok(t) if t.is_file() => n += e.metadata().map_or(0, |m| m.len()),
            _ => {}
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_never_reach_the_linked_original() {
        let ws = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        fs::create_dir_all(ws.path().join("src")).unwrap();
        fs::create_dir_all(ws.path().join("target/debug")).unwrap();
        fs::write(ws.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        fs::write(ws.path().join("Cargo.lock"), "# lock\n").unwrap();
        fs::write(ws.path().join("src/lib.rs"), "pub fn f() {}\n").unwrap();
        fs::write(ws.path().join("target/debug/big"), "artifact").unwrap();
        let root = cache.path().join("scratch");
        let mut s = Scratch::create(ws.path(), &root, cache.path()).unwrap();
        assert!(!root.join("target").exists(), "target/ is never mirrored");
        assert_eq!(s.linked, 2, "Cargo.toml and src/lib.rs are links");
        assert_eq!(
            s.copied, 1,
            "Cargo.lock is copied: cargo may rewrite it in place"
        );
        s.write("src/lib.rs", "pub fn f() { edited }\n").unwrap();
        assert_eq!(
            fs::read_to_string(ws.path().join("src/lib.rs")).unwrap(),
            "pub fn f() {}\n",
            "writing the scratch copy must not write through the hard link"
        );
        assert_eq!(
            fs::read_to_string(root.join("src/lib.rs")).unwrap(),
            "pub fn f() { edited }\n"
        );
        assert!(s.changed_originals().is_empty());
        drop(s);
        assert!(!root.exists(), "dropping the copy removes it");
        // The next copy gives the once-edited file a private copy.
        let s = Scratch::create(ws.path(), &root, cache.path()).unwrap();
        assert_eq!(
            s.linked, 1,
            "src/lib.rs was edited before: copied, not linked"
        );
        assert_eq!(s.copied, 2);
    }
}
