//! Producing a profile: build a test, bench or binary of the workspace with
//! debug info and run it under valgrind DHAT.
//!
//! **This runs the audited workspace's code** (its build scripts, proc macros
//! and the target itself). memaudit never calls it on its own: only an
//! explicit user request (`memaudit profile …`, the app's "Profile" button)
//! may. Everything else in this crate only reads files.
//!
//! The build goes to a separate target directory (by default
//! `<root>/target/memaudit-profile`, see [`RunOptions::target_dir`]) with the
//! debug-info switch set through cargo's `CARGO_PROFILE_<NAME>_DEBUG=true`
//! environment variables (and `…_STRIP=none`). `RUSTFLAGS` is left alone and
//! the user's own `target/debug` and `target/release` are untouched, so
//! profiling never invalidates the normal build cache; the price is one
//! extra build the first time. Tests build with the test profile (dev, as
//! `cargo test` does), benches with the bench profile, binaries with release:
//! what users ship is what gets measured.
//!
//! The executable's path comes from cargo's own `compiler-artifact` messages
//! (`--message-format=json`), never from guessing file names. The target runs
//! twice, plain and under `valgrind --tool=dhat --fullpath-after=` (absolute
//! source paths, which attribution maps to the workspace), both timed, so the
//! slowdown of profiling can be reported.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use memaudit_process::RunError;

use serde::{Deserialize, Serialize};

use crate::{ProfileError, Result};

/// What to build and run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A package's tests. `test_name` picks an integration test target
    /// (`tests/NAME.rs`, cargo's `--test NAME`); `None` means the library's
    /// unit tests (`--lib`). `filter` is passed to the test harness to run
    /// only matching tests.
    Test {
        package: String,
        test_name: Option<String>,
        filter: Option<String>,
    },
    /// A bench target (`benches/NAME.rs`), run with `--bench` plus `args`.
    Bench {
        package: Option<String>,
        name: String,
        args: Vec<String>,
    },
    /// A binary target, run with `args`.
    Bin {
        package: Option<String>,
        name: String,
        args: Vec<String>,
    },
}

/// Stops a profile run from another thread: the build, the plain run or the
/// valgrind run in progress is killed (with the processes it started) and
/// the run ends with [`ProfileError::Cancelled`]. Clones share the flag.
pub use memaudit_process::CancelFlag;

/// How to build and run; [`Default`] suits the CLI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOptions {
    /// Where cargo builds the profiled target. `None`: `<root>/target/memaudit-profile`.
    pub target_dir: Option<PathBuf>,
    /// The valgrind executable.
    pub valgrind: PathBuf,
    /// Whether to time a plain (unprofiled) run for the slowdown figure.
    pub plain_run: bool,
    /// Checked while each step runs; see [`CancelFlag`].
    pub cancel: CancelFlag,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            target_dir: None,
            valgrind: PathBuf::from("valgrind"),
            plain_run: true,
            cancel: CancelFlag::default(),
        }
    }
}

/// What a profiled run produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileRun {
    /// The DHAT JSON file written.
    pub profile: PathBuf,
    pub executable: PathBuf,
    /// The command run under valgrind (executable and arguments).
    pub command: Vec<String>,
    pub build_seconds: f64,
    /// Wall time of the plain run, when one was made.
    pub plain_seconds: Option<f64>,
    pub profiled_seconds: f64,
    /// `profiled_seconds / plain_seconds`.
    pub slowdown: Option<f64>,
}

/// [`profile_target_with`] with default options.
pub fn profile_target(root: &Path, target: Target, out: &Path) -> Result<ProfileRun> {
    profile_target_with(root, target, out, &RunOptions::default())
}

/// Builds `target` in the workspace at `root` with debug info, runs it plain
/// (if asked) and under valgrind DHAT, and writes the profile to `out`.
/// Runs the workspace's code: call only on the user's explicit request.
pub fn profile_target_with(
    root: &Path,
    target: Target,
    out: &Path,
    options: &RunOptions,
) -> Result<ProfileRun> {
    check_valgrind(&options.valgrind)?;
    let out = absolute(out);
    let target_dir = options
        .target_dir
        .clone()
        .unwrap_or_else(|| root.join("target").join("memaudit-profile"));

    let started = Instant::now();
    let built = build(root, &target, &target_dir, &options.cancel)?;
    let build_seconds = started.elapsed().as_secs_f64();

    let mut args: Vec<String> = Vec::new();
    match &target {
        Target::Test { filter, .. } => args.extend(filter.iter().cloned()),
        Target::Bench { args: a, .. } => {
            args.push("--bench".to_owned());
            args.extend(a.iter().cloned());
        }
        Target::Bin { args: a, .. } => args.extend(a.iter().cloned()),
    }
    let exe_text = built.executable.to_string_lossy().into_owned();

    let plain_seconds = if options.plain_run {
        let mut cmd = Command::new(&built.executable);
        cmd.args(&args).current_dir(&built.dir);
        let (seconds, _) = timed(cmd, &exe_text, &built.dir, &options.cancel)?;
        Some(seconds)
    } else {
        None
    };

    let mut cmd = Command::new(&options.valgrind);
    cmd.arg("--tool=dhat")
        .arg(format!("--dhat-out-file={}", out.display()))
        .arg("--fullpath-after=")
        .arg(&built.executable)
        .args(&args)
        .current_dir(&built.dir);
    let described = format!("{} --tool=dhat … {}", options.valgrind.display(), exe_text);
    let (profiled_seconds, _) = timed(cmd, &described, &built.dir, &options.cancel)?;

    let mut command = vec![exe_text];
    command.extend(args);
    Ok(ProfileRun {
        profile: out,
        executable: built.executable,
        command,
        build_seconds,
        plain_seconds,
        profiled_seconds,
        slowdown: plain_seconds
            .filter(|&p| p > 0.0)
            .map(|p| profiled_seconds / p),
    })
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_owned()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_owned())
    }
}

/// Fails early, with the install hint, when valgrind cannot be started.
fn check_valgrind(valgrind: &Path) -> Result<()> {
    match Command::new(valgrind)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(ProfileError::ValgrindMissing {
            detail: format!("`{} --version` exited with {status}", valgrind.display()),
        }),
        Err(e) => Err(ProfileError::ValgrindMissing {
            detail: format!("`{}`: {e}", valgrind.display()),
        }),
    }
}

/// Runs a command to completion, returning its wall time; a failure carries
/// the end of its output.
fn timed(cmd: Command, described: &str, dir: &Path, cancel: &CancelFlag) -> Result<(f64, Output)> {
    let started = Instant::now();
    let output = output_unless_cancelled(cmd, cancel).map_err(|e| match e {
        RunError::Cancelled => ProfileError::Cancelled {
            command: described.to_owned(),
        },
        RunError::Io(source) => ProfileError::Spawn {
            command: described.to_owned(),
            dir: dir.to_owned(),
            source,
        },
    })?;
    let seconds = started.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(ProfileError::TargetFailed {
            command: described.to_owned(),
            status: output.status.to_string(),
            output: tail(&output.stdout, &output.stderr),
        });
    }
    Ok((seconds, output))
}

/// `Command::output`, but the child (and every process it started) is
/// killed as soon as `cancel` is set.
fn output_unless_cancelled(cmd: Command, cancel: &CancelFlag) -> Result<Output, RunError> {
    let done = memaudit_process::run(cmd, cancel, None)?;
    Ok(Output {
        status: done.status,
        stdout: done.stdout,
        stderr: done.stderr,
    })
}

/// The last lines of a command's output, enough to see why it failed.
fn tail(stdout: &[u8], stderr: &[u8]) -> String {
    let mut text = String::from_utf8_lossy(stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(stderr));
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(40);
    lines[start..].join("\n")
}

struct Built {
    executable: PathBuf,
    /// The package directory: cargo runs tests there, and so do we.
    dir: PathBuf,
}

#[derive(Deserialize)]
struct CargoMessage {
    reason: String,
    #[serde(default)]
    executable: Option<PathBuf>,
    #[serde(default)]
    manifest_path: Option<PathBuf>,
    #[serde(default)]
    target: Option<ArtifactTarget>,
    #[serde(default)]
    profile: Option<ArtifactProfile>,
    #[serde(default)]
    message: Option<CompilerMessage>,
}

#[derive(Deserialize)]
struct ArtifactTarget {
    name: String,
    #[serde(default)]
    kind: Vec<String>,
}

#[derive(Deserialize)]
struct ArtifactProfile {
    #[serde(default)]
    test: bool,
}

#[derive(Deserialize)]
struct CompilerMessage {
    #[serde(default)]
    level: String,
    #[serde(default)]
    rendered: Option<String>,
}

fn build(root: &Path, target: &Target, target_dir: &Path, cancel: &CancelFlag) -> Result<Built> {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    let (wanted, debug_profiles): (String, &[&str]) = match target {
        Target::Test {
            package, test_name, ..
        } => {
            cmd.args(["test", "--no-run", "-p", package]);
            match test_name {
                Some(t) => cmd.args(["--test", t]),
                None => cmd.arg("--lib"),
            };
            (format!("test executable of `{package}`"), &["DEV", "TEST"])
        }
        Target::Bench { package, name, .. } => {
            cmd.args(["bench", "--no-run", "--bench", name]);
            if let Some(p) = package {
                cmd.args(["-p", p]);
            }
            (format!("bench `{name}`"), &["RELEASE", "BENCH"])
        }
        Target::Bin { package, name, .. } => {
            cmd.args(["build", "--release", "--bin", name]);
            if let Some(p) = package {
                cmd.args(["-p", p]);
            }
            (format!("binary `{name}`"), &["RELEASE"])
        }
    };
    cmd.arg("--message-format=json")
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for p in debug_profiles {
        cmd.env(format!("CARGO_PROFILE_{p}_DEBUG"), "true");
        cmd.env(format!("CARGO_PROFILE_{p}_STRIP"), "none");
    }
    let described = format!("{cmd:?}");
    let output = output_unless_cancelled(cmd, cancel).map_err(|e| match e {
        RunError::Cancelled => ProfileError::Cancelled {
            command: described.clone(),
        },
        RunError::Io(source) => ProfileError::Spawn {
            command: described.clone(),
            dir: root.to_owned(),
            source,
        },
    })?;

    let mut found: Option<Built> = None;
    let mut errors: Vec<String> = Vec::new();
    for line in output.stdout.lines() {
        let Ok(line) = line else { continue };
        let Ok(msg) = serde_json::from_str::<CargoMessage>(&line) else {
            continue;
        };
        match msg.reason.as_str() {
            "compiler-message" => {
                if let Some(m) = msg.message.filter(|m| m.level == "error") {
                    errors.extend(m.rendered);
                }
            }
            "compiler-artifact" => {
                let (Some(exe), Some(t)) = (msg.executable, msg.target) else {
                    continue;
                };
                let is_test = msg.profile.is_some_and(|p| p.test);
                let fits = match target {
                    Target::Test { test_name, .. } => {
                        is_test
                            && match test_name {
                                Some(n) => t.name == *n && t.kind.iter().any(|k| k == "test"),
                                None => t.kind.iter().any(|k| k.contains("lib")),
                            }
                    }
                    Target::Bench { name, .. } => {
                        t.name == *name && t.kind.iter().any(|k| k == "bench")
                    }
                    Target::Bin { name, .. } => {
                        t.name == *name && t.kind.iter().any(|k| k == "bin")
                    }
                };
                if fits {
                    let dir = msg
                        .manifest_path
                        .as_deref()
                        .and_then(Path::parent)
                        .map(Path::to_owned)
                        .unwrap_or_else(|| root.to_owned());
                    found = Some(Built {
                        executable: exe,
                        dir,
                    });
                }
            }
            _ => {}
        }
    }
    if !output.status.success() {
        let mut text = errors.join("\n");
        if text.is_empty() {
            text = tail(&[], &output.stderr);
        }
        return Err(ProfileError::BuildFailed {
            command: described,
            status: output.status.to_string(),
            output: text,
        });
    }
    found.ok_or(ProfileError::NoExecutable {
        command: described,
        wanted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_step_is_killed_and_says_so() {
        let cancel = CancelFlag::default();
        let other = cancel.clone();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(200));
            other.cancel();
        });
        let mut cmd = Command::new("sleep");
        cmd.arg("600");
        let err = timed(cmd, "sleep 600", Path::new("."), &cancel)
            .expect_err("a 10-minute sleep is cancelled");
        stopper.join().unwrap();
        assert!(
            matches!(&err, ProfileError::Cancelled { command } if command == "sleep 600"),
            "{err}"
        );
        assert!(err.to_string().contains("nothing was stored"), "{err}");

        // A set flag stops the next step before it starts.
        let mut cmd = Command::new("true");
        cmd.arg("ignored");
        assert!(matches!(
            timed(cmd, "true", Path::new("."), &cancel),
            Err(ProfileError::Cancelled { .. })
        ));
    }

    #[test]
    fn an_uncancelled_step_keeps_all_its_output() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "seq 1 100000; echo done >&2"]);
        let (_, out) = timed(cmd, "seq", Path::new("."), &CancelFlag::default()).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).lines().count(),
            100_000
        );
        assert_eq!(String::from_utf8_lossy(&out.stderr), "done\n");
    }

    #[test]
    fn a_missing_valgrind_names_the_install_and_the_dhat_rs_routes() {
        let err = check_valgrind(Path::new("/nonexistent/valgrind-for-memaudit"))
            .expect_err("a missing valgrind must be an error");
        assert!(
            matches!(err, ProfileError::ValgrindMissing { .. }),
            "{err:?}"
        );
        let text = err.to_string();
        assert!(
            text.contains("apt-get install valgrind"),
            "install hint in {text}"
        );
        assert!(text.contains("dhat"), "dhat-rs route in {text}");
    }
}
