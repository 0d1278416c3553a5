//! Measures discovery + scoring on a large tree and prints the figures.
//!
//! ```text
//! cargo run --release -p memaudit-discovery --example bench_discovery -- PATH [--no-cargo]
//! ```
//!
//! PATH is a Cargo workspace or crate, or a folder of crate folders (such as
//! `~/.cargo/registry/src/index.crates.io-*/`): then a temporary workspace is
//! made whose members are symlinks to every crate folder, so the whole folder
//! is discovered and scored as one workspace. `--no-cargo` skips
//! `cargo metadata` and reads the manifests directly.

use std::path::{Path, PathBuf};
use std::time::Instant;

use memaudit_discovery::{discover, score, DiscoverOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: bench_discovery PATH [--no-cargo]");
        std::process::exit(2);
    };
    let opts = DiscoverOptions {
        use_cargo_metadata: !args.iter().any(|a| a == "--no-cargo"),
        ..DiscoverOptions::default()
    };
    let path = PathBuf::from(path);
    let _temp; // keeps the generated workspace alive until the end
    let target = if path.join("Cargo.toml").is_file() {
        path
    } else {
        match crate_folder_workspace(&path) {
            Ok((dir, members)) => {
                println!(
                    "made a workspace of {members} crate folders from {}",
                    path.display()
                );
                let root = dir.path().to_path_buf();
                _temp = dir;
                root
            }
            Err(e) => {
                eprintln!("cannot build a workspace from {}: {e}", path.display());
                std::process::exit(1);
            }
        }
    };

    let start = Instant::now();
    let ws = match discover(&target, &opts) {
        Ok(ws) => ws,
        Err(e) => {
            eprintln!("discovery failed: {e}");
            std::process::exit(1);
        }
    };
    let discovered = start.elapsed();
    let scope = score(&ws);
    let total = start.elapsed();

    let files: usize = scope.crates.iter().map(|c| c.files.len()).sum();
    let lines: u64 = scope
        .crates
        .iter()
        .flat_map(|c| &c.files)
        .map(|f| u64::from(f.lines))
        .sum();
    let bytes: u64 = ws
        .crates
        .iter()
        .flat_map(|c| &c.files)
        .map(|f| f.bytes)
        .sum();
    let secs = total.as_secs_f64();
    let mut by_priority = [0usize; 4];
    for (_, f) in scope.files_by_priority() {
        by_priority[f.priority as usize] += 1;
    }
    println!(
        "cargo metadata:  {}",
        if opts.use_cargo_metadata { "on" } else { "off" }
    );
    println!(
        "threads:         {}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("crates:          {}", scope.crates.len());
    println!("files:           {files}");
    println!("lines:           {lines}");
    println!("bytes:           {:.1} MiB", bytes as f64 / 1048576.0);
    println!("warnings:        {}", scope.warnings.len());
    println!("files P0/P1/P2/P3: {by_priority:?}");
    println!("discover:        {:.3} s", discovered.as_secs_f64());
    println!(
        "score:           {:.3} s",
        (total - discovered).as_secs_f64()
    );
    println!("wall time:       {secs:.3} s");
    println!("files/s:         {:.0}", files as f64 / secs);
    println!("lines/s:         {:.0}", lines as f64 / secs);
    println!(
        "peak RSS:        {}",
        peak_rss().unwrap_or_else(|| "unknown (no /proc/self/status)".into())
    );
}

/// A temp folder with a `Cargo.toml` whose members are symlinks to every
/// sub-folder of `dir` that has a `Cargo.toml`.
fn crate_folder_workspace(dir: &Path) -> std::io::Result<(tempfile::TempDir, usize)> {
    let temp = tempfile::tempdir()?;
    let mut crates: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    crates.sort();
    let mut members = Vec::new();
    for (i, krate) in crates.iter().enumerate() {
        let name = format!("m{i:05}");
        symlink_dir(krate, &temp.path().join(&name))?;
        members.push(format!("\"{name}\""));
    }
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(temp.path().join("Cargo.toml"), manifest)?;
    Ok((temp, crates.len()))
}

#[cfg(unix)]
fn symlink_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(from, to)
}

#[cfg(not(unix))]
fn symlink_dir(_from: &Path, _to: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(
        "crate-folder mode needs symlinks (unix)",
    ))
}

/// `VmHWM` from `/proc/self/status`: the peak resident set size.
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.1} MiB", kib / 1024.0))
}
