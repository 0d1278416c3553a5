//! The parallel driver: streams the scope's files through worker threads
//! (read, pre-check, parse, detect, drop the tree, clear the span table) and
//! assembles one [`Analysis`].
//!
//! Workers pull file indexes from a shared counter over the files sorted by
//! priority, so P0 files are analysed first. Each worker has a 64 MiB stack
//! (syn and the detectors recurse over the tree) and catches panics per file,
//! so one pathological file becomes a `skipped` entry rather than an abort.
//! This module must NOT hold more than one syntax tree per worker.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use memaudit_model::{finding_id, Analysis, AnalysisStats, Finding, Priority, Scope, Skipped};

use crate::{
    analyze_source, AnalyzeError, AnalyzeOptions, AnalyzeProgress, FileContext, TypeTable,
};

/// Worker stack size: deep enough for any tree the pre-check lets through.
pub(crate) const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Files above this size are parsed by the first worker only. A syntax
/// tree takes tens of times its source size, and the allocator keeps each
/// thread's freed memory in that thread's arena: letting every worker build
/// multi-megabyte trees would multiply the peak by the number of threads.
const LARGE_FILE: u64 = 1024 * 1024;

struct Job<'s> {
    path: &'s str,
    crate_name: &'s str,
    priority: Priority,
}

enum Outcome {
    Done {
        findings: Vec<Finding>,
        lines: u64,
        bytes: u64,
    },
    Skipped {
        error: String,
        bytes: u64,
    },
}

/// Analyses every file of the scope admitted by the priority filter (or just
/// `opts.only_files`). Never fails: problems become `skipped` entries.
/// Findings are sorted by file priority, then file, then line, with ids
/// `F-001`.. in that order.
pub fn analyze(
    scope: &Scope,
    opts: &AnalyzeOptions,
    progress: &(dyn Fn(AnalyzeProgress) + Sync),
) -> Analysis {
    let started = Instant::now();
    let focus = opts.focus.unwrap_or(scope.focus);
    let filter = opts.priority.unwrap_or(scope.priority_filter);
    let jobs: Vec<Job<'_>> = scope
        .files_by_priority()
        .into_iter()
        .filter(|(_, f)| filter.admits(f.priority))
        .filter(|(_, f)| {
            opts.only_files
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| o == &f.path))
        })
        .map(|(c, f)| Job {
            path: &f.path,
            crate_name: &c.name,
            priority: f.priority,
        })
        .collect();
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        opts.threads
    }
    .clamp(1, jobs.len().max(1));
    let root = Path::new(&scope.workspace);
    let empty = Arc::new(TypeTable::default());
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let found = AtomicUsize::new(0);
    // Large files met by other workers wait here for the first worker.
    let large: Mutex<Vec<usize>> = Mutex::new(Vec::new());
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());

    let run_job = |i: usize| {
        let job = &jobs[i];
        let ctx = FileContext {
            crate_name: job.crate_name.to_owned(),
            priority: job.priority,
            types: Arc::clone(&empty),
            focus,
            module: None,
        };
        let outcome = one_file(root, job.path, opts.max_file_bytes, &ctx);
        let n = match &outcome {
            Outcome::Done { findings, .. } => findings.len(),
            Outcome::Skipped { .. } => 0,
        };
        let total_found = found.fetch_add(n, Ordering::Relaxed) + n;
        if let Ok(mut r) = results.lock() {
            r[i] = Some(outcome);
        }
        let files_done = done.fetch_add(1, Ordering::Relaxed) + 1;
        progress(AnalyzeProgress {
            files_done,
            files_total: jobs.len(),
            current: job.path.to_owned(),
            findings: total_found,
        });
    };
    let take_large = || large.lock().ok().and_then(|mut l| l.pop());
    let worker = |first: bool| loop {
        if first {
            if let Some(i) = take_large() {
                run_job(i);
                continue;
            }
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= jobs.len() {
            break;
        }
        if !first {
            let size = std::fs::metadata(root.join(jobs[i].path))
                .map(|m| m.len())
                .unwrap_or(0);
            if size > LARGE_FILE && size <= opts.max_file_bytes {
                if let Ok(mut l) = large.lock() {
                    l.push(i);
                    continue;
                }
            }
        }
        run_job(i);
    };

    std::thread::scope(|s| {
        let mut handles = Vec::with_capacity(threads);
        for n in 0..threads {
            let spawned = std::thread::Builder::new()
                .name(format!("memaudit-analyst-{n}"))
                .stack_size(WORKER_STACK)
                .spawn_scoped(s, move || worker(n == 0));
            match spawned {
                Ok(h) => handles.push(h),
                // Could not get a thread: the ones we have share the queue.
                Err(_) => break,
            }
        }
        if handles.is_empty() {
            worker(true);
        }
        for h in handles {
            let _ = h.join();
        }
        // Large files queued after the first worker finished.
        let rest = std::thread::Builder::new()
            .name("memaudit-analyst-large".to_owned())
            .stack_size(WORKER_STACK)
            .spawn_scoped(s, || {
                while let Some(i) = take_large() {
                    run_job(i);
                }
            });
        if let Ok(h) = rest {
            let _ = h.join();
        }
    });

    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut analysis = Analysis::default();
    let mut stats = AnalysisStats {
        threads,
        ..AnalysisStats::default()
    };
    // Jobs are already in priority order; a file's findings are in line order.
    for (job, outcome) in jobs.iter().zip(results) {
        match outcome {
            Some(Outcome::Done {
                findings,
                lines,
                bytes,
            }) => {
                stats.files += 1;
                stats.lines += lines;
                stats.bytes += bytes;
                analysis.findings.extend(findings);
            }
            Some(Outcome::Skipped { error, bytes }) => {
                stats.bytes += bytes;
                analysis.skipped.push(Skipped {
                    file: job.path.to_owned(),
                    error,
                });
            }
            None => analysis.skipped.push(Skipped {
                file: job.path.to_owned(),
                error: "not analysed: its worker thread stopped".to_owned(),
            }),
        }
    }
    for (i, f) in analysis.findings.iter_mut().enumerate() {
        f.id = finding_id(i as u32 + 1);
    }
    stats.findings = analysis.findings.len() as u64;
    stats.skipped = analysis.skipped.len() as u64;
    stats.duration_ms = started.elapsed().as_millis() as u64;
    analysis.stats = stats;
    analysis
}

fn one_file(root: &Path, rel: &str, max_bytes: u64, ctx: &FileContext) -> Outcome {
    let path = root.join(rel);
    let skipped = |e: AnalyzeError, bytes: u64| Outcome::Skipped {
        error: e.to_string(),
        bytes,
    };
    let size = match std::fs::metadata(&path) {
        Ok(m) => m.len(),
        Err(source) => {
            return skipped(
                AnalyzeError::Read {
                    file: rel.to_owned(),
                    source,
                },
                0,
            )
        }
    };
    if size > max_bytes {
        return skipped(
            AnalyzeError::TooLarge {
                file: rel.to_owned(),
                bytes: size,
                limit: max_bytes,
            },
            0,
        );
    }
    read_and_analyze(&path, rel, ctx)
}

fn read_and_analyze(path: &Path, rel: &str, ctx: &FileContext) -> Outcome {
    let skipped = |e: AnalyzeError, bytes: u64| Outcome::Skipped {
        error: e.to_string(),
        bytes,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(source) => {
            return skipped(
                AnalyzeError::Read {
                    file: rel.to_owned(),
                    source,
                },
                0,
            )
        }
    };
    let len = bytes.len() as u64;
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => {
            return skipped(
                AnalyzeError::NotText {
                    file: rel.to_owned(),
                },
                len,
            )
        }
    };
    let lines = source.lines().count() as u64;
    let result = catch_unwind(AssertUnwindSafe(|| analyze_source(rel, &source, ctx)));
    match result {
        Ok(Ok(mut findings)) => {
            // Ids are assigned over the whole run.
            for f in &mut findings {
                f.id.clear();
            }
            Outcome::Done {
                findings,
                lines,
                bytes: len,
            }
        }
        Ok(Err(e)) => skipped(e, len),
        Err(panic) => {
            proc_macro2::extra::invalidate_current_thread_spans();
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            skipped(
                AnalyzeError::Panicked {
                    file: rel.to_owned(),
                    message,
                },
                len,
            )
        }
    }
}
