//! A whole built-in audit (discovery, facts, call graph, Analyst, Validator,
//! Coordinator, store) of ≥ 1M lines of real Rust, against the syn
//! parse-only floor on the same files and threads, with each side's peak RSS
//! measured in a process of its own.
//!
//! `cargo run --release --example bench_audit -- ~/.cargo/registry/src/index.crates.io-*/ [--lines N] [--threads T] [--keep DIR]`
//!
//! Crates are copied (sorted by name, until `--lines` is reached) into a
//! temporary Cargo workspace so discovery sees a real multi-crate workspace
//! (`--keep DIR` builds it in `DIR` and leaves it there, to profile or
//! compare runs on it: `bench_audit --child-audit DIR/ws --threads 1`).
//! Each side prints its wall time, its CPU time (user + system, all
//! threads; less noisy than wall time on a shared machine) and its peak RSS.
//! Figures print; nothing is asserted.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let threads: usize = value("--threads").map_or(Ok(2), |v| v.parse())?;
    if let Some(ws) = value("--child-floor") {
        return child_floor(Path::new(&ws), threads);
    }
    if let Some(ws) = value("--child-audit") {
        return child_audit(Path::new(&ws), threads);
    }
    let Some(src) = args.first().filter(|a| !a.starts_with("--")) else {
        bail!("usage: bench_audit REGISTRY_SRC_DIR [--lines N] [--threads T] [--keep DIR]");
    };
    let want: usize = value("--lines").map_or(Ok(1_000_000), |v| v.parse())?;
    let dir = tempfile::tempdir()?;
    let ws = match value("--keep") {
        Some(keep) => PathBuf::from(keep).join("ws"),
        None => dir.path().join("ws"),
    };
    let (crates, lines, files) = build_workspace(Path::new(src), &ws, want)?;
    println!("workspace: {crates} crates, {files} files, {lines} lines; {threads} threads");
    let me = std::env::current_exe()?;
    for (name, flag) in [
        ("syn parse-only floor", "--child-floor"),
        ("whole audit", "--child-audit"),
    ] {
        let out = Command::new(&me)
            .arg(flag)
            .arg(&ws)
            .args(["--threads", &threads.to_string()])
            .output()
            .with_context(|| format!("running the {name}"))?;
        if !out.status.success() {
            bail!("{name} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        print!("{name:<22} {}", String::from_utf8_lossy(&out.stdout));
    }
    Ok(())
}

/// Copies registry crates into `ws/crates/` under a workspace manifest.
fn build_workspace(src: &Path, ws: &Path, want: usize) -> Result<(usize, usize, usize)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(src)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    dirs.sort();
    let (mut lines, mut files, mut members) = (0, 0, Vec::new());
    for d in dirs {
        if lines >= want {
            break;
        }
        let name = d
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("x")
            .to_owned();
        let manifest = std::fs::read_to_string(d.join("Cargo.toml"))?;
        if manifest.contains("[workspace]") {
            continue;
        }
        let dest = ws.join("crates").join(&name);
        let (l, f) = copy_rs_tree(&d, &dest)?;
        if f == 0 {
            continue;
        }
        std::fs::write(dest.join("Cargo.toml"), manifest)?;
        lines += l;
        files += f;
        members.push(format!("\"crates/{name}\""));
    }
    std::fs::write(
        ws.join("Cargo.toml"),
        format!("[workspace]\nmembers = [{}]\n", members.join(", ")),
    )?;
    Ok((members.len(), lines, files))
}

fn copy_rs_tree(from: &Path, to: &Path) -> Result<(usize, usize)> {
    let (mut lines, mut files) = (0, 0);
    for entry in ignore::WalkBuilder::new(from).hidden(false).build() {
        let entry = entry?;
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "rs") && p.is_file() {
            let rel = p.strip_prefix(from)?;
            let dest = to.join(rel);
            std::fs::create_dir_all(dest.parent().context("a file has a parent")?)?;
            let text = std::fs::read(p)?;
            lines += text.iter().filter(|b| **b == b'\n').count();
            files += 1;
            std::fs::write(dest, text)?;
        }
    }
    Ok((lines, files))
}

fn rs_files(ws: &Path) -> Vec<PathBuf> {
    ignore::WalkBuilder::new(ws)
        .build()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

/// Reading and parsing every file with syn, nothing else: the floor.
fn child_floor(ws: &Path, threads: usize) -> Result<()> {
    let files = rs_files(ws);
    let started = Instant::now();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let parsed = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(f) = files.get(i) else { break };
                if let Ok(text) = std::fs::read_to_string(f) {
                    if syn::parse_file(&text).is_ok() {
                        parsed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
                proc_macro2::extra::invalidate_current_thread_spans();
            });
        }
    });
    report(started, &format!("{} files parsed", parsed.into_inner()));
    Ok(())
}

/// A whole audit as `memaudit audit --no-files` runs it.
fn child_audit(ws: &Path, threads: usize) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let store = memaudit_store::Store::open(&dir.path().join("db.sqlite"))?;
    let opts = memaudit::rounds::AuditOptions {
        threads,
        ..Default::default()
    };
    let started = Instant::now();
    let info = memaudit::rounds::start_session(&store, ws, &opts)?;
    let outcome = memaudit::rounds::run_round(
        &store,
        info.id,
        &[],
        &opts,
        &|_| {},
        &memaudit::rounds::Cancel::new(),
    )?;
    report(started, &format!("{} findings", outcome.findings));
    Ok(())
}

fn report(started: Instant, what: &str) {
    let secs = started.elapsed().as_secs_f64();
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or_else(|| "?".to_owned(), |kb| format!("{:.0} MiB", kb / 1024.0));
    let cpu = cpu_seconds().map_or_else(
        || "?".to_owned(),
        |(user, sys)| format!("{user:.2} s user + {sys:.2} s sys"),
    );
    println!("{secs:>7.2} s   cpu {cpu}   peak RSS {peak:>8}   {what}");
}

/// This process's user and system CPU time so far, all threads
/// (`/proc/self/stat`, in the kernel's fixed 100 ticks per second).
fn cpu_seconds() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which may hold spaces: state is the
    // first, utime the 12th, stime the 13th.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok().map(|t| t / 100.0);
    Some((ticks(11)?, ticks(12)?))
}
