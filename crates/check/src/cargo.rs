//! Running cargo in the scratch copy: `cargo check --message-format=json`
//! and `cargo test`, each in its own process group so that cancelling kills
//! cargo and every compiler or test process it started; reading the JSON
//! messages into errors and the test harness's lines into results.
//!
//! This module must NOT decide which edit an error belongs to (see
//! `batch.rs`); it reports what cargo said, with paths made relative to the
//! scratch copy's root.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cargo_metadata::diagnostic::DiagnosticLevel;
use cargo_metadata::Message;

use crate::error::{CheckError, Result};

pub use memaudit_process::CancelFlag;

/// Longest rendered diagnostic kept per error.
const RENDERED_MAX: usize = 2000;

/// One error as rustc reported it, paths relative to the scratch root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawError {
    pub code: Option<String>,
    pub message: String,
    /// The primary span's file and line; `None` for errors without a span
    /// (a failed build script, a linker error).
    pub at: Option<(String, u32)>,
    /// Every span's file and line (primary and labels), for attribution.
    pub spans: Vec<(String, u32)>,
    pub rendered: String,
    /// The package id (as `cargo metadata` spells it) of the package being
    /// compiled when the error was raised.
    pub package_id: String,
}

/// What one `cargo check` said.
#[derive(Debug, Clone)]
pub(crate) struct CheckOutput {
    pub success: bool,
    pub errors: Vec<RawError>,
    /// Package ids that produced (or had fresh) artifacts.
    pub built: Vec<String>,
    /// Source files the compiler read, relative to the root (from the
    /// artifacts' dep-info files): an edit elsewhere is not compiled.
    pub sources: std::collections::HashSet<String>,
    /// The end of cargo's stderr, for failures without compiler messages.
    pub stderr_tail: String,
    pub duration: Duration,
}

/// How cargo is run.
#[derive(Debug, Clone)]
pub(crate) struct Cargo {
    pub program: PathBuf,
    pub target_dir: PathBuf,
    pub offline: bool,
    /// Package name → the package id spec `-p` gets: a member named like
    /// another package in the build (its own crates.io release, a path or
    /// git dependency) is ambiguous to cargo by name once two `-p` are given.
    pub specs: std::collections::HashMap<String, String>,
}

impl Cargo {
    fn packages(&self, cmd: &mut Command, packages: &[String]) {
        for p in packages {
            cmd.args(["-p", self.specs.get(p).map_or(p.as_str(), String::as_str)]);
        }
    }

    fn command(&self, root: &Path, sub: &str) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.arg(sub)
            .current_dir(root)
            .env("CARGO_TARGET_DIR", &self.target_dir)
            .env("CARGO_TERM_COLOR", "never")
            .env_remove("RUSTC_WRAPPER")
            .stdin(Stdio::null());
        if self.offline {
            cmd.arg("--offline");
        }
        cmd
    }

    /// `cargo check --message-format=json [--all-targets] --keep-going -p …`.
    pub(crate) fn check(
        &self,
        root: &Path,
        packages: &[String],
        all_targets: bool,
        cancel: &CancelFlag,
    ) -> Result<CheckOutput> {
        let mut cmd = self.command(root, "check");
        cmd.args(["--message-format=json", "--keep-going"]);
        if all_targets {
            cmd.arg("--all-targets");
        }
        self.packages(&mut cmd, packages);
        let started = Instant::now();
        let (status, stdout, stderr) = run(cmd, cancel, None)?;
        let mut errors = Vec::new();
        let mut built = Vec::new();
        let mut sources = std::collections::HashSet::new();
        let mut success = status;
        for message in Message::parse_stream(BufReader::new(stdout.as_slice())).flatten() {
            match message {
                Message::CompilerMessage(m) if m.message.level == DiagnosticLevel::Error => {
                    let d = &m.message;
                    // "aborting due to N previous errors" carries no span.
                    if d.spans.is_empty() && d.message.starts_with("aborting due to") {
                        continue;
                    }
                    let primary = d.spans.iter().find(|s| s.is_primary);
                    let mut rendered = d.rendered.clone().unwrap_or_else(|| d.message.clone());
                    if rendered.len() > RENDERED_MAX {
                        let mut cut = RENDERED_MAX;
                        while !rendered.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        rendered.truncate(cut);
                        rendered.push_str("\n…");
                    }
                    errors.push(RawError {
                        code: d.code.as_ref().map(|c| c.code.clone()),
                        message: d.message.clone(),
                        at: primary.map(|s| (relative(root, &s.file_name), s.line_start as u32)),
                        spans: d
                            .spans
                            .iter()
                            .map(|s| (relative(root, &s.file_name), s.line_start as u32))
                            .collect(),
                        rendered,
                        package_id: m.package_id.repr.clone(),
                    });
                }
                Message::CompilerArtifact(a) => {
                    for f in &a.filenames {
                        read_dep_info(root, f.as_std_path(), &mut sources);
                    }
                    built.push(a.package_id.repr);
                }
                Message::BuildFinished(f) => success = success && f.success,
                _ => {}
            }
        }
        Ok(CheckOutput {
            success,
            errors,
            built,
            sources,
            stderr_tail: tail(&stderr, 30),
            duration: started.elapsed(),
        })
    }

    /// `cargo test --no-fail-fast -p …`, parsed from the harness's lines.
    pub(crate) fn test(
        &self,
        root: &Path,
        packages: &[String],
        cancel: &CancelFlag,
        timeout: Duration,
    ) -> Result<TestRun> {
        let mut cmd = self.command(root, "test");
        cmd.arg("--no-fail-fast");
        self.packages(&mut cmd, packages);
        let (status, stdout, stderr) = run(cmd, cancel, Some(timeout))?;
        let mut run = parse_tests(&String::from_utf8_lossy(&stdout));
        if !status && run.failed.is_empty() {
            run.error = Some(if run.timed_out(&stderr) {
                format!("the tests ran longer than {} s", timeout.as_secs())
            } else {
                format!(
                    "`cargo test` failed before running the tests:\n{}",
                    tail(&stderr, 20)
                )
            });
        }
        Ok(run)
    }
}

/// What `cargo test` reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TestRun {
    pub passed: u32,
    pub ignored: u32,
    pub failed: Vec<String>,
    pub error: Option<String>,
}

impl TestRun {
    fn timed_out(&self, stderr: &[u8]) -> bool {
        String::from_utf8_lossy(stderr).contains(TIMED_OUT)
    }
}

const TIMED_OUT: &str = "memaudit: timed out";

/// Reads the harness's `test NAME ... ok|FAILED|ignored` lines (cargo's
/// own `Running …` lines go to stderr, so tests are known by name only).
pub(crate) fn parse_tests(out: &str) -> TestRun {
    let mut run = TestRun::default();
    for line in out.lines() {
        let line = line.trim_end();
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, outcome)) = rest.rsplit_once(" ... ") else {
            continue;
        };
        match outcome.trim() {
            "ok" => run.passed += 1,
            o if o.starts_with("ignored") => run.ignored += 1,
            "FAILED" => run.failed.push(name.to_owned()),
            _ => {}
        }
    }
    run.failed.sort();
    run.failed.dedup();
    run
}

/// Adds the workspace sources listed in the dep-info file next to an
/// artifact (`deps/libfoo-HASH.rmeta` → `deps/foo-HASH.d`).
fn read_dep_info(root: &Path, artifact: &Path, out: &mut std::collections::HashSet<String>) {
    let (Some(dir), Some(stem)) = (artifact.parent(), artifact.file_stem()) else {
        return;
    };
    let stem = stem.to_string_lossy();
    let stem = stem.strip_prefix("lib").unwrap_or(&stem);
    let Ok(text) = std::fs::read_to_string(dir.join(format!("{stem}.d"))) else {
        return;
    };
    for line in text.lines() {
        let Some((_, deps)) = line.split_once(": ") else {
            continue;
        };
        // Spaces inside paths are written `\ `.
        let deps = deps.replace("\\ ", "\u{0}");
        for dep in deps.split(' ') {
            let dep = dep.replace('\u{0}', " ");
            // Members' sources are written relative to the workspace
            // root; anything else (the registry, std) is absolute.
            let p = Path::new(&dep);
            if p.is_relative() && dep.ends_with(".rs") {
                out.insert(crate::scratch::slash(p));
            } else if let Ok(rel) = p.strip_prefix(root) {
                out.insert(crate::scratch::slash(rel));
            }
        }
    }
}

fn relative(root: &Path, file: &str) -> String {
    let p = Path::new(file);
    let rel = p.strip_prefix(root).unwrap_or(p);
    crate::scratch::slash(rel)
}

fn tail(bytes: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// Runs `cmd` with [`memaudit_process::run`] (its own process group, killed
/// on cancel or timeout); a timed-out run is a failure with a marker on
/// stderr.
fn run(
    cmd: Command,
    cancel: &CancelFlag,
    timeout: Option<Duration>,
) -> Result<(bool, Vec<u8>, Vec<u8>)> {
    match memaudit_process::run(cmd, cancel, timeout) {
        Ok(done) => {
            let mut stderr = done.stderr;
            if done.timed_out {
                stderr.extend_from_slice(format!("\n{TIMED_OUT}\n").as_bytes());
            }
            Ok((
                done.status.success() && !done.timed_out,
                done.stdout,
                stderr,
            ))
        }
        Err(memaudit_process::RunError::Cancelled) => Err(CheckError::Cancelled),
        Err(memaudit_process::RunError::Io(e)) => Err(CheckError::CargoMissing {
            message: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_lines_are_counted_per_binary() {
        let out = "\
     Running unittests src/lib.rs (target/debug/deps/demo-1)

running 3 tests
test tests::a ... ok
test tests::b ... FAILED
test tests::c ... ignored, slow

     Running tests/it.rs (target/debug/deps/it-2)
test round_trip ... ok
   Doc-tests demo
test src/lib.rs - f (line 3) ... ok
";
        let run = parse_tests(out);
        assert_eq!(run.passed, 3);
        assert_eq!(run.ignored, 1);
        assert_eq!(run.failed, vec!["tests::b".to_owned()]);
    }
}
