//! Running a child process so that it can be stopped: memaudit starts cargo,
//! the user's tests and valgrind on the user's behalf (`memaudit check`,
//! `profile`, `verify`), and each must stop when the user cancels, when it
//! runs too long, or when memaudit itself dies.
//!
//! [`run`] starts the command in a process group of its own (so a kill
//! reaches cargo *and* every compiler or test process it started), drains
//! stdout and stderr on two threads (a chatty child never blocks on a full
//! pipe), and polls a [`CancelFlag`] and an optional timeout while it waits.
//! On Linux the child also dies with memaudit (`PR_SET_PDEATHSIG`).
//!
//! This crate must NOT interpret what a child printed: callers parse it.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Stops a run from another thread: the child in progress is killed with
/// its process group. Clones share the flag.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Two flags are equal when they are the same flag (clones of one another).
impl PartialEq for CancelFlag {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for CancelFlag {}

/// What a finished child left.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// The child ran past the timeout and was killed.
    pub timed_out: bool,
    pub duration: Duration,
}

/// Why a child did not finish.
#[derive(Debug)]
pub enum RunError {
    /// The flag was set before or while it ran; it was killed.
    Cancelled,
    /// It could not be started, or waiting for it failed.
    Io(std::io::Error),
}

/// How often a running child is looked at for cancellation and timeout.
const POLL: Duration = Duration::from_millis(50);

/// Runs `cmd` (stdin closed, stdout and stderr captured) in a process group
/// of its own until it exits, `cancel` is set (killed with its group:
/// [`RunError::Cancelled`]) or `timeout` passes (killed with its group:
/// `timed_out`).
pub fn run(
    mut cmd: Command,
    cancel: &CancelFlag,
    timeout: Option<Duration>,
) -> Result<Finished, RunError> {
    if cancel.is_cancelled() {
        return Err(RunError::Cancelled);
    }
    own_process_group(&mut cmd);
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(RunError::Io)?;
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => {
                kill_tree(&mut child);
                return Err(RunError::Io(e));
            }
        }
        if cancel.is_cancelled() {
            kill_tree(&mut child);
            let _ = out.join();
            let _ = err.join();
            return Err(RunError::Cancelled);
        }
        if timeout.is_some_and(|t| started.elapsed() > t) {
            timed_out = true;
            break kill_tree(&mut child);
        }
        std::thread::sleep(POLL);
    };
    Ok(Finished {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        timed_out,
        duration: started.elapsed(),
    })
}

fn drain(pipe: Option<Box<dyn Read + Send>>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut buf);
        }
        buf
    })
}

#[cfg(unix)]
fn own_process_group(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    cmd.process_group(0);
    // If memaudit itself is killed (no chance to cancel), the child dies
    // with it instead of building or running on in the background.
    #[cfg(target_os = "linux")]
    // SAFETY: runs in the forked child before exec; `prctl` is
    // async-signal-safe and touches no memory of the parent.
    unsafe {
        cmd.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn own_process_group(_cmd: &mut Command) {}

/// Kills the child and everything in its process group; returns its status.
fn kill_tree(child: &mut Child) -> ExitStatus {
    #[cfg(unix)]
    {
        if let Ok(pid) = i32::try_from(child.id()) {
            // SAFETY: `kill` takes plain integers and has no memory effects;
            // a negative pid addresses the process group the child leads
            // (it was started with `process_group(0)`).
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
    }
    let _ = child.kill();
    match child.wait() {
        Ok(status) => status,
        // Already reaped: report a failure, which is what a kill is.
        Err(_) => failed(),
    }
}

#[cfg(unix)]
fn failed() -> ExitStatus {
    use std::os::unix::process::ExitStatusExt;
    ExitStatus::from_raw(9)
}

#[cfg(not(unix))]
fn failed() -> ExitStatus {
    use std::os::windows::process::ExitStatusExt;
    ExitStatus::from_raw(1)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", script]);
        cmd
    }

    #[test]
    fn output_is_captured_in_full_even_past_a_pipe_buffer() {
        let done = run(
            sh("seq 1 100000; echo oops >&2"),
            &CancelFlag::default(),
            None,
        )
        .unwrap_or_else(|_| panic!("sh runs"));
        assert!(done.status.success() && !done.timed_out);
        assert_eq!(
            String::from_utf8_lossy(&done.stdout).lines().count(),
            100_000
        );
        assert_eq!(done.stderr, b"oops\n");
    }

    #[test]
    fn a_failing_child_is_a_finished_run_with_its_status() {
        let done =
            run(sh("exit 3"), &CancelFlag::default(), None).unwrap_or_else(|_| panic!("sh runs"));
        assert_eq!(done.status.code(), Some(3));
    }

    #[test]
    fn cancel_kills_the_child_and_its_children() {
        let cancel = CancelFlag::default();
        let flag = cancel.clone();
        let marker = std::env::temp_dir().join(format!("memaudit-process-{}", std::process::id()));
        let _ = std::fs::remove_file(&marker);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            flag.cancel();
        });
        // The grandchild would write the marker after 2 s if it survived.
        let script = format!("(sleep 2; touch {}) & sleep 60", marker.display());
        let started = Instant::now();
        let outcome = run(sh(&script), &cancel, None);
        assert!(matches!(outcome, Err(RunError::Cancelled)));
        assert!(started.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(2500));
        assert!(!marker.exists(), "the grandchild died with the group");
    }

    #[test]
    fn a_timeout_kills_and_says_so() {
        let done = run(
            sh("sleep 60"),
            &CancelFlag::default(),
            Some(Duration::from_millis(200)),
        )
        .unwrap_or_else(|_| panic!("sh runs"));
        assert!(done.timed_out && !done.status.success());
    }

    #[test]
    fn a_missing_program_is_an_io_error_and_a_set_flag_runs_nothing() {
        let missing = run(
            Command::new("memaudit-no-such-program"),
            &CancelFlag::default(),
            None,
        );
        assert!(matches!(missing, Err(RunError::Io(_))));
        let cancel = CancelFlag::default();
        cancel.cancel();
        assert!(matches!(
            run(sh("true"), &cancel, None),
            Err(RunError::Cancelled)
        ));
    }
}
