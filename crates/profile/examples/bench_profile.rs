//! Bench for memaudit-profile: prints figures, asserts nothing.
//!
//! 1. Writes a synthetic valgrind-format DHAT profile of about 50 MB (many
//!    program points, a large frame table with std, dependency and workspace
//!    frames), then times `parse_file` + `attribute` and prints the process's
//!    peak RSS (VmHWM) before and after.
//! 2. Profiles the `alloc_fixture` crate's test under real valgrind DHAT and
//!    prints the plain and profiled wall times and the slowdown.
//!
//! Run: `cargo run --release -p memaudit-profile --example bench_profile [PPS]`

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use memaudit_profile::{
    attribute, parse_file, profile_target_with, RunOptions, Target, WorkspaceFiles,
};

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

const CRATES: usize = 40;
const FILES_PER_CRATE: usize = 25;

/// Writes the profile line by line, valgrind's layout, without holding it.
fn write_profile(path: &Path, pps: usize) -> std::io::Result<u64> {
    let frames = pps * 2;
    let mut w = BufWriter::new(File::create(path)?);
    writeln!(w, "{{\"dhatFileVersion\":2\n,\"mode\":\"heap\",\"verb\":\"Allocated\"\n,\"bklt\":true,\"bkacc\":true\n,\"tu\":\"instrs\",\"Mtu\":\"Minstr\"\n,\"tuth\":500\n,\"cmd\":\"/bench/ws/target/debug/deps/app-0123 --test-threads=1\"\n,\"pid\":1\n,\"te\":123456789\n,\"tg\":12345678\n,\"pps\":")?;
    // A cheap deterministic generator, so runs are comparable.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..pps {
        let r = next();
        let tbk = 1 + r % 5000;
        let tb = tbk * (8 + r % 120);
        write!(
            w,
            " {}{{\"tb\":{tb},\"tbk\":{tbk}\n  ,\"tl\":{}\n  ,\"mb\":{},\"mbk\":{}\n  ,\"gb\":{},\"gbk\":{}\n  ,\"eb\":0,\"ebk\":0\n  ,\"rb\":{},\"wb\":{}\n  ,\"acc\":[-{},1]\n  ,\"fs\":[",
            if i == 0 { '[' } else { ',' },
            r % 1_000_000,
            tb / 4,
            tbk / 4,
            tb / 8,
            tbk / 8,
            tb,
            tb,
            tb.min(64)
        )?;
        // Allocator frames, then a workspace frame or two, then callers.
        let depth = 12 + (r % 12) as usize;
        for d in 0..depth {
            let f = 1 + (next() as usize % (frames - 1));
            let f = if d < 3 { 2 + 4 * d } else { f };
            write!(w, "{}{f}", if d == 0 { "" } else { "," })?;
        }
        writeln!(w, "]\n  }}")?;
    }
    writeln!(w, " ]\n,\"ftbl\":\n [\"[root]\"")?;
    for i in 1..frames {
        let r = next();
        match i % 4 {
            0 | 1 => {
                let c = r as usize % CRATES;
                let m = (r >> 16) as usize % FILES_PER_CRATE;
                writeln!(
                    w,
                    " ,\"0x{:X}: c{c}::m{m}::func_{i} (/bench/ws/crates/c{c}/src/m{m}.rs:{})\"",
                    r % 0xFFFFFF,
                    1 + (r >> 32) % 900
                )?;
            }
            2 => writeln!(
                w,
                " ,\"0x{:X}: alloc::raw_vec::RawVecInner<A>::with_capacity_in_{i} (/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/alloc/src/raw_vec/mod.rs:{})\"",
                r % 0xFFFFFF,
                1 + (r >> 32) % 900
            )?,
            _ => writeln!(
                w,
                " ,\"0x{:X}: <serde_json::de::Deserializer<R>>::parse_{i} (in /bench/ws/target/debug/deps/app-0123)\"",
                r % 0xFFFFFF
            )?,
        }
    }
    writeln!(w, " ]\n}}")?;
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pps: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("big.json");
    let t = Instant::now();
    let size = write_profile(&path, pps)?;
    println!(
        "generated {:.1} MB profile ({pps} program points, {} frames) in {:.2} s",
        size as f64 / 1e6,
        pps * 2,
        t.elapsed().as_secs_f64()
    );
    let baseline = vm_hwm_kib();
    let files = (0..CRATES)
        .flat_map(|c| (0..FILES_PER_CRATE).map(move |m| format!("crates/c{c}/src/m{m}.rs")));
    let workspace = WorkspaceFiles::new(
        Path::new("/bench/ws"),
        files,
        (0..CRATES).map(|c| format!("c{c}")),
    );

    let t = Instant::now();
    let profile = parse_file(&path)?;
    let parse_s = t.elapsed().as_secs_f64();
    let after_parse = vm_hwm_kib();
    let t = Instant::now();
    let summary = attribute(&profile, &workspace);
    let attr_s = t.elapsed().as_secs_f64();
    println!(
        "parse: {parse_s:.2} s ({:.0} MB/s); attribute: {attr_s:.2} s; {} sites, {} functions, {} of {} blocks attributed",
        size as f64 / 1e6 / parse_s,
        summary.sites.len(),
        summary.functions.len(),
        summary.total_blocks - summary.unattributed_blocks,
        summary.total_blocks
    );
    println!(
        "peak RSS (VmHWM): {:.1} MB before parsing, {:.1} MB after parsing, {:.1} MB after attribution",
        baseline as f64 / 1024.0,
        after_parse as f64 / 1024.0,
        vm_hwm_kib() as f64 / 1024.0
    );
    drop(profile);

    // The slowdown of a real profiled run of the fixture's test.
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/profile/alloc_fixture");
    let scratch = tempfile::tempdir()?;
    let root = scratch.path().join("alloc_fixture");
    for f in [
        "Cargo.toml",
        "src/lib.rs",
        "src/bin/alloc_bin.rs",
        "benches/alloc_bench.rs",
    ] {
        std::fs::create_dir_all(root.join(f).parent().unwrap_or(&root))?;
        std::fs::copy(fixture.join(f), root.join(f))?;
    }
    let options = RunOptions {
        target_dir: Some(scratch.path().join("target")),
        ..RunOptions::default()
    };
    let target = Target::Test {
        package: "alloc_fixture".to_owned(),
        test_name: None,
        filter: None,
    };
    match profile_target_with(&root, target, &scratch.path().join("fx.json"), &options) {
        Ok(run) => println!(
            "fixture test: build {:.2} s, plain run {:.3} s, under DHAT {:.3} s, slowdown {:.0}×",
            run.build_seconds,
            run.plain_seconds.unwrap_or(0.0),
            run.profiled_seconds,
            run.slowdown.unwrap_or(0.0)
        ),
        Err(e) => println!("fixture profile skipped: {e}"),
    }
    Ok(())
}
