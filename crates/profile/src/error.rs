//! The one error type of memaudit-profile; every variant names the file (and
//! position, when there is one) so the CLI can print it without guessing.
//!
//! Callers branch on the variant, never on the message text.

use std::path::PathBuf;

/// Why a profile could not be read, produced or compared.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("reading profile {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The JSON is broken or truncated, or a field has the wrong type.
    /// `line` and `column` are 1-based positions in the file (0 when the
    /// problem is not tied to one position).
    #[error("{path}:{line}:{column}: malformed DHAT profile: {detail}")]
    Malformed {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },

    /// `dhatFileVersion` is not 2. Version 1 (`aps` instead of `pps`, written
    /// by valgrind before 3.15) is not read: re-run the program under a
    /// current valgrind or dhat-rs.
    #[error(
        "{path}: DHAT file version {version} is not supported (memaudit reads version 2, \
         written by valgrind ≥ 3.15 and dhat-rs); re-profile with a current valgrind or dhat-rs"
    )]
    UnsupportedVersion { path: PathBuf, version: u32 },

    /// The profile counts something other than heap blocks (`ad-hoc`,
    /// `rust-ad-hoc`, `copy`): its numbers are not allocations.
    #[error(
        "{path}: DHAT mode `{mode}` is not a heap profile; run with `--mode=heap` (valgrind) \
         or `dhat::Profiler::new_heap()` (dhat-rs)"
    )]
    UnsupportedMode { path: PathBuf, mode: String },

    #[error("valgrind was not found ({detail}). Install it (Debian/Ubuntu: `apt-get install valgrind`, Fedora: `dnf install valgrind`), \
             or on platforms without valgrind (macOS, Windows) profile with the dhat crate \
             (`dhat::Profiler` in the program, `cargo run --features dhat-heap`) and import the \
             `dhat-heap.json` it writes")]
    ValgrindMissing { detail: String },

    #[error("running `{command}` in {dir}: {source}")]
    Spawn {
        command: String,
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("building the profile target failed (`{command}` exited with {status}):\n{output}")]
    BuildFailed {
        command: String,
        status: String,
        output: String,
    },

    #[error("`{command}` produced no executable matching {wanted}")]
    NoExecutable { command: String, wanted: String },

    #[error("the profiled program failed (`{command}` exited with {status}):\n{output}")]
    TargetFailed {
        command: String,
        status: String,
        output: String,
    },

    /// The user stopped the run; `command` is the step that was killed.
    #[error("profiling was cancelled during `{command}`; nothing was stored")]
    Cancelled { command: String },
}
