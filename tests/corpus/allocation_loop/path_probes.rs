//! Corpus: ALLOCATION_LOOP — a `PathBuf` joined per probe only to ask the
//! file system one question. `// expect: CATEGORY` marks the line a finding
//! must start on; `// expect-none` a look-alike that must stay silent.

use std::path::{Path, PathBuf};

pub struct Scan<'a> {
    pub path: &'a Path,
    pub files: Vec<String>,
    pub folders: Vec<String>,
}

impl<'a> Scan<'a> {
    // Every candidate name is joined onto every ancestor, one `PathBuf`
    // per probe.
    pub fn scan(&self) -> Option<&'a Path> {
        for dir in self.path.ancestors() {
            if self.files.iter().any(|name| dir.join(name).is_file()) { // expect: ALLOCATION_LOOP
                return Some(dir);
            }
        }
        None
    }

    pub fn first_folder(&self, dir: &Path) -> Option<&str> {
        for name in &self.folders {
            if dir.join(name).is_dir() { // expect: ALLOCATION_LOOP
                return Some(name);
            }
        }
        None
    }

    // The joined paths are kept: the allocation is the result.
    pub fn existing(&self, dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for name in &self.files {
            let p = dir.join(name); // expect-none: the path is kept
            if p.exists() {
                out.push(p);
            }
        }
        out
    }

    // One probe, not in a loop.
    pub fn has_manifest(&self) -> bool {
        self.path.join("Cargo.toml").is_file() // expect-none: not in a loop
    }

    // A slice join in a loop feeds a string kept by the caller.
    pub fn lines(&self, rows: &[Vec<String>]) -> Vec<String> {
        rows.iter().map(|r| r.join(",")).collect() // expect-none: not a path probe
    }
}
