//! Throughput and memory benchmark of the built-in Analyst.
//!
//! `cargo run --release -p memaudit-analysis --example bench_analysis -- DIR [--threads N] [--sample N]`
//!
//! Walks every `.rs` file under DIR, then for 1 and 2 threads (or just N)
//! measures, each in a fresh child process so that peak RSS figures do not
//! mix: reading only, syn parse only (parse + span invalidation), and the
//! full analysis through `analyze` with a hand-built scope (all files P2).
//! Prints a table. `--sample N` also prints N findings spread evenly over
//! the run, for reading by hand.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use memaudit_analysis::{analyze, AnalyzeOptions, Priority, Scope};
use memaudit_model::{CrateScope, FileScope};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        let p = e.path();
        if ft.is_dir() {
            if p.file_name().is_some_and(|n| n == "target" || n == ".git") {
                continue;
            }
            walk(&p, out);
        } else if ft.is_file() && p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn vm_hwm_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// Runs `f` on each file over `threads` workers with big stacks.
fn parallel(
    files: &[PathBuf],
    threads: usize,
    f: &(dyn Fn(&Path) -> (u64, u64) + Sync),
) -> (u64, u64) {
    let next = AtomicUsize::new(0);
    let lines = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            std::thread::Builder::new()
                .stack_size(64 * 1024 * 1024)
                .spawn_scoped(s, || loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(p) = files.get(i) else { break };
                    let (l, b) = f(p);
                    lines.fetch_add(l as usize, Ordering::Relaxed);
                    bytes.fetch_add(b as usize, Ordering::Relaxed);
                })
                .expect("spawn worker");
        }
    });
    (lines.into_inner() as u64, bytes.into_inner() as u64)
}

fn child(dir: &Path, mode: &str, threads: usize, sample: usize) {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    let start = Instant::now();
    let (files_n, lines, bytes, extra) = match mode {
        "read" => {
            let (l, b) = parallel(&files, threads, &|p| {
                let s = std::fs::read(p).unwrap_or_default();
                (memchr_count(&s), s.len() as u64)
            });
            (files.len(), l, b, String::new())
        }
        "parse" => {
            let failed = AtomicUsize::new(0);
            let (l, b) = parallel(&files, threads, &|p| {
                let s = std::fs::read_to_string(p).unwrap_or_default();
                if syn::parse_file(&s).is_err() {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
                proc_macro2::extra::invalidate_current_thread_spans();
                (memchr_count(s.as_bytes()), s.len() as u64)
            });
            (
                files.len(),
                l,
                b,
                format!("parse failures: {}", failed.into_inner()),
            )
        }
        _ => {
            let rel: Vec<FileScope> = files
                .iter()
                .filter_map(|p| p.strip_prefix(dir).ok())
                .map(|p| FileScope {
                    path: p.to_string_lossy().replace('\\', "/"),
                    priority: Priority::P2,
                    score: 1,
                    reasons: Vec::new(),
                    lines: 0,
                    in_module_tree: true,
                    overridden: None,
                    functions: Vec::new(),
                })
                .collect();
            let scope = Scope {
                workspace: dir.display().to_string(),
                crates: vec![CrateScope {
                    name: "bench".into(),
                    path: ".".into(),
                    priority: Priority::P2,
                    score: 1,
                    reasons: Vec::new(),
                    files: rel,
                    error: None,
                }],
                ..Scope::default()
            };
            let a = analyze(
                &scope,
                &AnalyzeOptions {
                    threads,
                    ..AnalyzeOptions::default()
                },
                &|_| {},
            );
            let mut by_cat = std::collections::BTreeMap::new();
            for f in &a.findings {
                *by_cat.entry(f.category.as_str()).or_insert(0) += 1;
            }
            let mut reasons = std::collections::BTreeMap::new();
            for s in &a.skipped {
                let kind = if s.error.contains("does not parse") {
                    "parse"
                } else if s.error.contains("limit") {
                    "too large"
                } else if s.error.contains("nest") || s.error.contains("operators") {
                    "too deep"
                } else {
                    "other"
                };
                *reasons.entry(kind).or_insert(0) += 1;
            }
            // The sample leaves out test, bench and example code, which
            // discovery keeps out of a real audit's scope.
            let product: Vec<_> = a
                .findings
                .iter()
                .filter(|f| {
                    !["/tests/", "/benches/", "/examples/", "test"]
                        .iter()
                        .any(|t| f.file.contains(t))
                })
                .collect();
            if sample > 0 && !product.is_empty() {
                let step = (product.len() / sample).max(1);
                for f in product.iter().step_by(step).take(sample) {
                    eprintln!(
                        "=== {} {} {} [{} {}] {}\n{}\n--- {}\n",
                        f.id,
                        f.category,
                        f.location(),
                        f.confidence,
                        f.safety,
                        f.item_path,
                        f.code,
                        f.issue
                    );
                }
            }
            (
                a.stats.files as usize + a.skipped.len(),
                a.stats.lines,
                a.stats.bytes,
                format!(
                    "findings: {} {:?}; skipped: {} {:?}",
                    a.findings.len(),
                    by_cat,
                    a.skipped.len(),
                    reasons
                ),
            )
        }
    };
    let secs = start.elapsed().as_secs_f64();
    println!(
        "RESULT {files_n} {lines} {bytes} {secs:.4} {:.1} {extra}",
        vm_hwm_mb()
    );
}

fn memchr_count(b: &[u8]) -> u64 {
    b.iter().filter(|&&c| c == b'\n').count() as u64
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1).filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: bench_analysis DIR [--threads N] [--sample N]");
        std::process::exit(2);
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    let sample = flag("--sample").unwrap_or(0);
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let mode = args.get(i + 1).cloned().unwrap_or_default();
        child(
            Path::new(dir),
            &mode,
            flag("--threads").unwrap_or(1),
            sample,
        );
        return;
    }
    let threads: Vec<usize> = match flag("--threads") {
        Some(n) => vec![n],
        None => vec![1, 2],
    };
    let exe = std::env::current_exe().expect("own path");
    println!("bench_analysis over {dir}");
    println!(
        "{:<7} {:<6} {:>7} {:>10} {:>8} {:>9} {:>12} {:>8} {:>9}  notes",
        "threads", "mode", "files", "lines", "MB", "secs", "lines/s", "MB/s", "peak MB"
    );
    for &t in &threads {
        let mut parse_rate = 0.0;
        for mode in ["read", "parse", "full"] {
            let mut cmd = Command::new(&exe);
            cmd.args([dir.as_str(), "--child", mode, "--threads", &t.to_string()]);
            if mode == "full" && sample > 0 && t == threads[0] {
                cmd.args(["--sample", &sample.to_string()]);
            }
            let out = cmd.output().expect("run child");
            if sample > 0 {
                eprint!("{}", String::from_utf8_lossy(&out.stderr));
            }
            let text = String::from_utf8_lossy(&out.stdout);
            let Some(line) = text.lines().find(|l| l.starts_with("RESULT ")) else {
                println!(
                    "{t:<7} {mode:<6} child failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                continue;
            };
            let parts: Vec<&str> = line.splitn(7, ' ').collect();
            let files: u64 = parts[1].parse().unwrap_or(0);
            let lines: f64 = parts[2].parse().unwrap_or(0.0);
            let mb = parts[3].parse::<f64>().unwrap_or(0.0) / 1e6;
            let secs: f64 = parts[4].parse().unwrap_or(1.0);
            let peak = parts[5];
            let notes = parts.get(6).copied().unwrap_or("");
            let rate = lines / secs;
            let mut note = notes.to_owned();
            if mode == "parse" {
                parse_rate = rate;
            }
            if mode == "full" && parse_rate > 0.0 {
                note = format!("{:.2}x parse-only time; {note}", parse_rate / rate);
            }
            println!("{t:<7} {mode:<6} {files:>7} {lines:>10.0} {mb:>8.1} {secs:>9.2} {rate:>12.0} {:>8.0} {peak:>9}  {note}", mb / secs);
        }
    }
}
