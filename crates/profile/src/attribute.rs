//! Attribution: each program point of a profile is charged to its innermost
//! frame inside the workspace, and the figures are summed per `file:line`
//! ([`Site`]) and per enclosing function ([`FunctionTotals`]).
//!
//! Frame paths are mapped to workspace-relative paths by [`WorkspaceFiles`]:
//! - an **absolute** path (valgrind with `--fullpath-after=`) counts when it
//!   lies under the workspace root (as given or canonicalised), outside
//!   `target/` and `vendor/`; the root is stripped;
//! - a **relative** path (valgrind without `--fullpath-after=`, dhat-rs, which
//!   keeps only the last three components such as `mycrate/src/lib.rs`) counts
//!   when it equals a listed workspace file, or when one of the two is a
//!   whole-component suffix of the other; the longest such match wins and a tie
//!   between different files is ambiguous, so the frame is skipped. Because a
//!   short relative path like `core/src/lib.rs` would also match the
//!   workspace's `src/lib.rs`, a relative match additionally needs the frame's
//!   function to name a workspace crate (`mycrate::…`) when crate names are
//!   known. When several files still tie (valgrind without `--fullpath-after=`
//!   writes bare file names such as `lib.rs`), the file inside the directory of
//!   the crate the function names wins, if crate directories are known
//!   ([`WorkspaceFiles::with_crate_dirs`], set by `from_scope`).
//!
//! Frames of std, core, alloc, hashbrown, libtest and dependencies never
//! count: their paths are under `/rustc/…` or `~/.cargo/registry/…`, outside
//! the root, and their function names are checked too. Nor does the `main`
//! that libtest generates for a test binary, which debug info places on line
//! 1 of the crate root.
//!
//! `max_live_*` of a site is the sum of its program points' own maxima, an
//! upper bound of the site's live peak (the points may peak at different
//! times); the whole run's peak comes from `gb` (bytes live at the global
//! peak), which both writers emit. This module reads no files and runs nothing.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use memaudit_model::Scope;

use crate::dhat::{Profile, Tool};

/// Allocation figures at one workspace `file:line`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Site {
    /// Workspace-relative path with `/` separators.
    pub file: String,
    pub line: u32,
    /// The frame's function at this line (the one with the most bytes when
    /// several share the line, e.g. a closure and its parent).
    pub function: String,
    pub total_bytes: u64,
    pub total_blocks: u64,
    /// Sum of the program points' own maxima (an upper bound, see module doc).
    pub max_live_bytes: u64,
    pub max_live_blocks: u64,
    /// Bytes from this site live at the run's global peak.
    pub at_peak_bytes: u64,
    pub at_exit_bytes: u64,
    pub at_exit_blocks: u64,
    /// How many program points (distinct allocation stacks) landed here.
    pub program_points: u32,
}

/// Allocation figures summed over one enclosing function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionTotals {
    pub function: String,
    pub file: String,
    /// The lowest measured line in the function (where to look first).
    pub first_line: u32,
    pub total_bytes: u64,
    pub total_blocks: u64,
    pub max_live_bytes: u64,
    pub max_live_blocks: u64,
    pub at_exit_bytes: u64,
    pub at_exit_blocks: u64,
    pub program_points: u32,
}

/// A profile reduced to what memaudit keeps: whole-run totals plus sites and
/// functions in the workspace, heaviest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSummary {
    pub tool: Tool,
    pub command: String,
    pub total_bytes: u64,
    pub total_blocks: u64,
    /// Bytes live at the global peak (sum of `gb`), when the writer gave it.
    pub peak_live_bytes: Option<u64>,
    pub peak_live_blocks: Option<u64>,
    /// Bytes still live at exit (sum of `eb`), when the writer gave it.
    pub at_exit_bytes: Option<u64>,
    pub program_points: u64,
    /// Allocations with no frame in the workspace (std start-up, libtest,
    /// dependencies' own work).
    pub unattributed_bytes: u64,
    pub unattributed_blocks: u64,
    /// Sorted by total bytes, then blocks, descending; ties by file and line.
    pub sites: Vec<Site>,
    pub functions: Vec<FunctionTotals>,
}

/// The workspace's files, used to decide which frames are "ours".
#[derive(Debug, Clone, Default)]
pub struct WorkspaceFiles {
    roots: Vec<String>,
    files: HashSet<String>,
    /// File name → listed files with that name, for suffix matching.
    by_name: HashMap<String, Vec<String>>,
    /// `name::` for each crate name with `-` turned into `_`, as crates
    /// appear in symbols.
    crates: Vec<String>,
    /// `(name::, directory)` of each crate, when known (from a scope): picks
    /// between same-named files when a frame path is only a file name.
    crate_dirs: Vec<(String, String)>,
}

impl WorkspaceFiles {
    /// `root` is the workspace root; `files` are workspace-relative paths;
    /// `crates` are the workspace's crate names (may be empty).
    pub fn new(
        root: &Path,
        files: impl IntoIterator<Item = String>,
        crates: impl IntoIterator<Item = String>,
    ) -> Self {
        let mut roots = vec![path_text(root)];
        if let Ok(canonical) = root.canonicalize() {
            let c = path_text(&canonical);
            if !roots.contains(&c) {
                roots.push(c);
            }
        }
        let files: HashSet<String> = files.into_iter().map(|f| f.replace('\\', "/")).collect();
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        for f in &files {
            let name = f.rsplit('/').next().unwrap_or(f);
            by_name.entry(name.to_owned()).or_default().push(f.clone());
        }
        WorkspaceFiles {
            roots,
            files,
            by_name,
            crates: crates
                .into_iter()
                .map(|c| format!("{}::", c.replace('-', "_")))
                .collect(),
            crate_dirs: Vec::new(),
        }
    }

    /// Adds each crate's workspace-relative directory (`.` for the root), so
    /// that a frame path that is only a file name (valgrind without
    /// `--fullpath-after=` prints `lib.rs:12`) can still be placed by the
    /// crate its function names.
    pub fn with_crate_dirs(mut self, dirs: impl IntoIterator<Item = (String, String)>) -> Self {
        self.crate_dirs = dirs
            .into_iter()
            .map(|(name, dir)| {
                let dir = dir.replace('\\', "/");
                let dir = dir.trim_end_matches('/');
                (format!("{}::", name.replace('-', "_")), dir.to_owned())
            })
            .collect();
        self
    }

    /// The files and crates of a discovered scope, rooted at `scope.workspace`.
    pub fn from_scope(scope: &Scope) -> Self {
        WorkspaceFiles::new(
            Path::new(&scope.workspace),
            scope
                .crates
                .iter()
                .flat_map(|c| c.files.iter().map(|f| f.path.clone())),
            scope.crates.iter().map(|c| c.name.clone()),
        )
        .with_crate_dirs(
            scope
                .crates
                .iter()
                .map(|c| (c.name.clone(), c.path.clone())),
        )
    }

    /// Maps a frame's file path to a workspace-relative path, or `None` when
    /// the frame is outside the workspace (see the module doc for the rules).
    pub fn resolve(&self, frame_path: &str, function: &str) -> Option<String> {
        let path = frame_path.replace('\\', "/");
        if is_absolute(&path) {
            let rel = self.roots.iter().find_map(|root| {
                path.strip_prefix(root.as_str())
                    .and_then(|r| r.strip_prefix('/'))
            })?;
            let first = rel.split('/').next().unwrap_or("");
            if rel.is_empty() || first == "target" || first == "vendor" {
                return None;
            }
            return Some(rel.to_owned());
        }
        let path = path.trim_start_matches("./");
        if !self.crates.is_empty() && !self.names_workspace_crate(function) {
            return None;
        }
        if self.files.contains(path) {
            return Some(path.to_owned());
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        let candidates: Vec<(usize, &String)> = self
            .by_name
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|c| suffix_match(path, c).map(|len| (len, c)))
            .collect();
        let longest = candidates.iter().map(|c| c.0).max()?;
        let tied: Vec<&String> = candidates
            .into_iter()
            .filter(|c| c.0 == longest)
            .map(|c| c.1)
            .collect();
        if let [only] = tied.as_slice() {
            return Some((*only).clone());
        }
        // Several files share the suffix: keep those in the crate the
        // function belongs to, if that settles it.
        let in_crate: Vec<&&String> = tied
            .iter()
            .filter(|f| self.in_function_crate(f, function))
            .collect();
        match in_crate.as_slice() {
            [only] => Some((**only).clone()),
            _ => None,
        }
    }

    /// Whether `file` lies in the directory of a crate that `function` names.
    fn in_function_crate(&self, file: &str, function: &str) -> bool {
        let under = |dir: &str| dir == "." || file.starts_with(&format!("{dir}/"));
        self.crate_dirs.iter().any(|(needle, dir)| {
            names(function, needle)
                && under(dir)
                // A crate does not own the files of a crate nested in it
                // (the root crate `.` contains every other crate's folder).
                && !self.crate_dirs.iter().any(|(_, nested)| {
                    nested.len() > dir.len() && nested != "." && under(nested)
                })
        })
    }

    fn names_workspace_crate(&self, function: &str) -> bool {
        self.crates.iter().any(|needle| names(function, needle))
    }
}

/// Whether `function` contains `needle` (`name::`) as a whole path segment.
fn names(function: &str, needle: &str) -> bool {
    function.match_indices(needle).any(|(i, _)| {
        function[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
    })
}

fn path_text(p: &Path) -> String {
    p.to_string_lossy()
        .replace('\\', "/")
        .trim_end_matches('/')
        .to_owned()
}

fn is_absolute(p: &str) -> bool {
    p.starts_with('/') || (p.len() > 2 && p.as_bytes()[1] == b':' && p.as_bytes()[2] == b'/')
}

/// When one path is a whole-component suffix of the other, the number of
/// components they share.
fn suffix_match(a: &str, b: &str) -> Option<usize> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let ok = long == short
        || (long.ends_with(short) && long.as_bytes()[long.len() - short.len() - 1] == b'/');
    ok.then(|| short.split('/').count())
}

/// Symbols of the standard library, the test harness, allocators and the
/// profiler itself: never a workspace frame, whatever their path says.
fn is_foreign_function(function: &str) -> bool {
    const FOREIGN: [&str; 10] = [
        "std::",
        "core::",
        "alloc::",
        "hashbrown::",
        "test::",
        "dhat::",
        "backtrace::",
        "__rust",
        "__rdl",
        "__rg",
    ];
    let f = function.trim_start_matches('<');
    FOREIGN.iter().any(|p| f.starts_with(p))
        || matches!(f, "malloc" | "calloc" | "realloc" | "free" | "memalign")
}

/// The `main` libtest generates for a test binary carries the span of the
/// crate root's first line; charging libtest's own allocations to `lib.rs:1`
/// would invent a site, so that frame never counts.
fn is_test_harness_main(function: &str, line: u32) -> bool {
    line == 1 && (function == "main" || function.ends_with("::main"))
}

/// Charges every program point to its innermost workspace frame and sums the
/// figures per site and per function.
pub fn attribute(profile: &Profile, workspace: &WorkspaceFiles) -> ProfileSummary {
    // Resolve each frame once; many program points share frames.
    let mut file_cache: HashMap<(u32, bool), Option<u32>> = HashMap::new();
    let mut rel_files: Vec<String> = Vec::new();
    let mut rel_index: HashMap<String, u32> = HashMap::new();
    let frame_site: Vec<Option<u32>> = profile
        .frames
        .iter()
        .map(|frame| {
            let file = frame.file?;
            if frame.line == 0
                || is_foreign_function(&frame.function)
                || is_test_harness_main(&frame.function, frame.line)
            {
                return None;
            }
            // The crate-name guard depends on the function, so cache per
            // (file, names-a-workspace-crate) rather than per file alone.
            let names_crate = workspace.names_workspace_crate(&frame.function);
            *file_cache.entry((file, names_crate)).or_insert_with(|| {
                let raw = profile.files.get(file as usize)?;
                let rel = workspace.resolve(raw, &frame.function)?;
                let next = rel_files.len() as u32;
                let idx = *rel_index.entry(rel.clone()).or_insert(next);
                if idx == next {
                    rel_files.push(rel);
                }
                Some(idx)
            })
        })
        .collect();

    // Sums are kept with interned ids and turned into strings once at the
    // end: a large profile has tens of thousands of sites.
    #[derive(Default, Clone, Copy)]
    struct Figures {
        total_bytes: u64,
        total_blocks: u64,
        max_live_bytes: u64,
        max_live_blocks: u64,
        at_peak_bytes: u64,
        at_exit_bytes: u64,
        at_exit_blocks: u64,
        program_points: u32,
    }
    impl Figures {
        fn add(&mut self, o: &Figures) {
            self.total_bytes = self.total_bytes.saturating_add(o.total_bytes);
            self.total_blocks = self.total_blocks.saturating_add(o.total_blocks);
            self.max_live_bytes = self.max_live_bytes.saturating_add(o.max_live_bytes);
            self.max_live_blocks = self.max_live_blocks.saturating_add(o.max_live_blocks);
            self.at_peak_bytes = self.at_peak_bytes.saturating_add(o.at_peak_bytes);
            self.at_exit_bytes = self.at_exit_bytes.saturating_add(o.at_exit_bytes);
            self.at_exit_blocks = self.at_exit_blocks.saturating_add(o.at_exit_blocks);
            self.program_points = self.program_points.saturating_add(o.program_points);
        }
    }
    #[derive(Default)]
    struct Acc {
        figures: Figures,
        /// (function id, bytes): usually a single entry.
        functions: Vec<(u32, u64)>,
    }
    let mut function_ids: HashMap<&str, u32> = HashMap::new();
    let mut function_names: Vec<&str> = Vec::new();
    let mut sites: HashMap<(u32, u32), Acc> = HashMap::new();
    let mut summary = ProfileSummary {
        tool: profile.tool,
        command: profile.command.clone(),
        total_bytes: 0,
        total_blocks: 0,
        peak_live_bytes: None,
        peak_live_blocks: None,
        at_exit_bytes: None,
        program_points: profile.program_points.len() as u64,
        unattributed_bytes: 0,
        unattributed_blocks: 0,
        sites: Vec::new(),
        functions: Vec::new(),
    };
    for pp in &profile.program_points {
        // Sums saturate: a crafted profile must not overflow (and panic).
        summary.total_bytes = summary.total_bytes.saturating_add(pp.total_bytes);
        summary.total_blocks = summary.total_blocks.saturating_add(pp.total_blocks);
        add_opt(&mut summary.peak_live_bytes, pp.at_peak_bytes);
        add_opt(&mut summary.peak_live_blocks, pp.at_peak_blocks);
        add_opt(&mut summary.at_exit_bytes, pp.at_exit_bytes);
        let hit = pp.frames.iter().find_map(|&f| {
            let file = (*frame_site.get(f as usize)?)?;
            Some((f, file))
        });
        let Some((frame_idx, file)) = hit else {
            summary.unattributed_bytes = summary.unattributed_bytes.saturating_add(pp.total_bytes);
            summary.unattributed_blocks =
                summary.unattributed_blocks.saturating_add(pp.total_blocks);
            continue;
        };
        let frame = &profile.frames[frame_idx as usize];
        let next = function_names.len() as u32;
        let function = *function_ids.entry(frame.function.as_str()).or_insert(next);
        if function == next {
            function_names.push(frame.function.as_str());
        }
        let acc = sites.entry((file, frame.line)).or_default();
        acc.figures.add(&Figures {
            total_bytes: pp.total_bytes,
            total_blocks: pp.total_blocks,
            max_live_bytes: pp.max_bytes.unwrap_or(0),
            max_live_blocks: pp.max_blocks.unwrap_or(0),
            at_peak_bytes: pp.at_peak_bytes.unwrap_or(0),
            at_exit_bytes: pp.at_exit_bytes.unwrap_or(0),
            at_exit_blocks: pp.at_exit_blocks.unwrap_or(0),
            program_points: 1,
        });
        match acc.functions.iter_mut().find(|(f, _)| *f == function) {
            Some((_, bytes)) => *bytes = bytes.saturating_add(pp.total_bytes.max(1)),
            None => acc.functions.push((function, pp.total_bytes.max(1))),
        }
    }

    let mut functions: HashMap<(u32, u32), (u32, Figures)> = HashMap::new();
    summary.sites.reserve(sites.len());
    for ((file, line), acc) in sites {
        // The heaviest function wins; ties by name so the result is stable.
        let function = acc
            .functions
            .iter()
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| function_names[b.0 as usize].cmp(function_names[a.0 as usize]))
            })
            .map(|&(f, _)| f)
            .unwrap_or(0);
        let entry = functions
            .entry((file, function))
            .or_insert((line, Figures::default()));
        entry.0 = entry.0.min(line);
        entry.1.add(&acc.figures);
        let f = acc.figures;
        summary.sites.push(Site {
            file: rel_files[file as usize].clone(),
            line,
            function: function_names
                .get(function as usize)
                .map(|s| (*s).to_owned())
                .unwrap_or_default(),
            total_bytes: f.total_bytes,
            total_blocks: f.total_blocks,
            max_live_bytes: f.max_live_bytes,
            max_live_blocks: f.max_live_blocks,
            at_peak_bytes: f.at_peak_bytes,
            at_exit_bytes: f.at_exit_bytes,
            at_exit_blocks: f.at_exit_blocks,
            program_points: f.program_points,
        });
    }
    summary.sites.sort_by(|a, b| {
        (b.total_bytes, b.total_blocks)
            .cmp(&(a.total_bytes, a.total_blocks))
            .then_with(|| (&a.file, a.line).cmp(&(&b.file, b.line)))
    });
    summary.functions = functions
        .into_iter()
        .map(|((file, function), (first_line, f))| FunctionTotals {
            function: function_names
                .get(function as usize)
                .map(|s| (*s).to_owned())
                .unwrap_or_default(),
            file: rel_files[file as usize].clone(),
            first_line,
            total_bytes: f.total_bytes,
            total_blocks: f.total_blocks,
            max_live_bytes: f.max_live_bytes,
            max_live_blocks: f.max_live_blocks,
            at_exit_bytes: f.at_exit_bytes,
            at_exit_blocks: f.at_exit_blocks,
            program_points: f.program_points,
        })
        .collect();
    summary.functions.sort_by(|a, b| {
        (b.total_bytes, b.total_blocks)
            .cmp(&(a.total_bytes, a.total_blocks))
            .then_with(|| (&a.file, &a.function).cmp(&(&b.file, &b.function)))
    });
    summary
}

fn add_opt(total: &mut Option<u64>, value: Option<u64>) {
    if let Some(v) = value {
        *total = Some(total.unwrap_or(0).saturating_add(v));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dhat::parse_reader;

    fn workspace() -> WorkspaceFiles {
        WorkspaceFiles::new(
            Path::new("/ws"),
            [
                "src/lib.rs".to_owned(),
                "crates/a/src/lib.rs".to_owned(),
                "crates/b/src/lib.rs".to_owned(),
                "crates/a/src/io.rs".to_owned(),
            ],
            ["ws".to_owned(), "a".to_owned(), "b".to_owned()],
        )
    }

    fn check_resolve(path: &str, function: &str, expected: Option<&str>) {
        assert_eq!(
            workspace().resolve(path, function).as_deref(),
            expected,
            "frame path {path:?} in {function:?}"
        );
    }

    #[test]
    fn frame_paths_map_to_workspace_files() {
        check_resolve(
            "/ws/crates/a/src/io.rs",
            "io::{closure#0}",
            Some("crates/a/src/io.rs"),
        );
        check_resolve("/ws/tests/cli.rs", "cli::t", Some("tests/cli.rs"));
        check_resolve("/ws/target/debug/build/x/out.rs", "a::f", None);
        check_resolve("/wsx/src/lib.rs", "a::f", None);
        check_resolve(
            "/rustc/abc/library/alloc/src/vec/mod.rs",
            "alloc::vec::f",
            None,
        );
        check_resolve("a/src/lib.rs", "a::f", Some("crates/a/src/lib.rs"));
        check_resolve("src/io.rs", "a::io::f", Some("crates/a/src/io.rs"));
        check_resolve("ws/src/lib.rs", "ws::f", Some("src/lib.rs"));
        // `src/lib.rs` is listed as-is, so an exact match wins over suffixes.
        check_resolve("src/lib.rs", "ws::f", Some("src/lib.rs"));
        check_resolve("core/src/lib.rs", "core::f", None);
        check_resolve("serde_json-1.0.1/src/lib.rs", "serde_json::f", None);
        check_resolve("x/y/io.rs", "a::f", None);
    }

    #[test]
    fn bare_file_names_are_placed_by_the_functions_crate() {
        let ws = workspace().with_crate_dirs([
            ("ws".to_owned(), ".".to_owned()),
            ("a".to_owned(), "crates/a".to_owned()),
            ("b".to_owned(), "crates/b/".to_owned()),
        ]);
        let check = |path: &str, function: &str, expected: Option<&str>| {
            assert_eq!(
                ws.resolve(path, function).as_deref(),
                expected,
                "{path} in {function}"
            );
        };
        check("lib.rs", "b::parse", Some("crates/b/src/lib.rs"));
        check("lib.rs", "<b::Row as a::Trait>::f", None);
        check("lib.rs", "ws::run", Some("src/lib.rs"));
        check("io.rs", "a::io::read", Some("crates/a/src/io.rs"));
        // Without crate directories a shared file name stays ambiguous.
        assert_eq!(workspace().resolve("lib.rs", "b::parse"), None);
    }

    #[test]
    fn suffix_matches_need_whole_components() {
        assert_eq!(suffix_match("b/src/lib.rs", "crates/b/src/lib.rs"), Some(3));
        assert_eq!(suffix_match("crates/ab/src/lib.rs", "b/src/lib.rs"), None);
        assert_eq!(suffix_match("src/lib.rs", "src/lib.rs"), Some(2));
    }

    const PROFILE: &str = r#"{"dhatFileVersion":2,"mode":"heap","tu":"instrs","cmd":"t",
      "pps":[
        {"tb":160,"tbk":10,"mb":160,"mbk":10,"gb":160,"gbk":10,"eb":0,"ebk":0,"fs":[1,2,3]},
        {"tb":40,"tbk":1,"mb":40,"mbk":1,"gb":0,"gbk":0,"eb":40,"ebk":1,"fs":[1,4,3]},
        {"tb":8,"tbk":2,"mb":8,"mbk":2,"gb":0,"gbk":0,"eb":0,"ebk":0,"fs":[1,5,3]},
        {"tb":1000,"tbk":1,"mb":1000,"mbk":1,"gb":1000,"gbk":1,"eb":0,"ebk":0,"fs":[1,6]}
      ],
      "ftbl":["[root]",
        "0x1: malloc (in /usr/libexec/valgrind/vgpreload_dhat-amd64-linux.so)",
        "0x2: a::parse (/ws/crates/a/src/lib.rs:12)",
        "0x3: a::main (/ws/crates/a/src/lib.rs:40)",
        "0x4: a::parse (/ws/crates/a/src/lib.rs:14)",
        "0x5: a::parse (/ws/crates/a/src/lib.rs:12)",
        "0x6: std::rt::lang_start (/rustc/x/library/std/src/rt.rs:9)"]}"#;

    #[test]
    fn huge_figures_saturate_instead_of_overflowing() {
        let text = r#"{"dhatFileVersion":2,"pps":[
            {"tb":18446744073709551615,"tbk":18446744073709551615,"gb":18446744073709551615,"fs":[1]},
            {"tb":5,"tbk":5,"gb":5,"fs":[1]}],
            "ftbl":["[root]","0x1: a::f (/ws/crates/a/src/lib.rs:3)"]}"#;
        let profile = parse_reader(text.as_bytes(), Path::new("big.json")).unwrap();
        let s = attribute(&profile, &workspace());
        assert_eq!(s.total_blocks, u64::MAX, "whole-run sums saturate");
        assert_eq!(s.peak_live_bytes, Some(u64::MAX));
        assert_eq!(s.sites[0].total_bytes, u64::MAX, "site sums saturate");
        assert_eq!(
            s.functions[0].total_blocks,
            u64::MAX,
            "function sums saturate"
        );
    }

    #[test]
    fn program_points_land_on_their_innermost_workspace_line() {
        let profile = parse_reader(PROFILE.as_bytes(), Path::new("t.json")).unwrap();
        let s = attribute(&profile, &workspace());
        assert_eq!(
            (s.total_bytes, s.total_blocks),
            (1208, 14),
            "whole-run totals"
        );
        assert_eq!(s.peak_live_bytes, Some(1160), "peak is the sum of gb");
        assert_eq!((s.unattributed_bytes, s.unattributed_blocks), (1000, 1));
        let lines: Vec<_> = s
            .sites
            .iter()
            .map(|x| {
                (
                    x.file.as_str(),
                    x.line,
                    x.total_bytes,
                    x.total_blocks,
                    x.program_points,
                )
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                ("crates/a/src/lib.rs", 12, 168, 12, 2),
                ("crates/a/src/lib.rs", 14, 40, 1, 1),
            ],
            "two stacks share line 12; the caller's line 40 is never charged"
        );
        assert_eq!(s.sites[1].at_exit_bytes, 40);
        assert_eq!(s.functions.len(), 1, "both lines are in a::parse");
        assert_eq!(s.functions[0].total_blocks, 13);
        assert_eq!(s.functions[0].first_line, 12);
    }
}
