//! `memaudit profile` and `memaudit verify`: argument structs and printing.
//!
//! Glue only: the behaviour lives in `memaudit::profiles`. Both commands may
//! run the workspace's own code; the library announces it through the
//! callback given here, which prints to stderr before anything runs. This
//! module must not run, parse or tie profiles itself.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{ArgGroup, Args, ValueEnum};

use memaudit::profiles::{self, MeasuredFinding, ProfileOutcome, VerifyOutcome};
use memaudit::profiles::{Outcome, Target};
use memaudit::CancelFlag;

use super::{open_store, print_json, print_text, resolve};

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

/// Arguments of `memaudit profile`.
#[derive(Args, Debug)]
#[command(
    group(ArgGroup::new("what").required(true).args(["test", "bench", "bin", "import"])),
    after_help = "--test, --bench and --bin build and RUN the workspace's own code (build \
        scripts, proc macros, the target) under valgrind --tool=dhat; --import only reads a \
        DHAT JSON file you made yourself (valgrind, or the dhat crate's dhat-heap.json)."
)]
pub struct ProfileArgs {
    /// Session folder name (memory_audit_001) or id from `memaudit sessions`.
    pub session: String,
    /// Profile this package's tests (its library's unit tests unless --test-name).
    #[arg(long, value_name = "PKG")]
    pub test: Option<String>,
    /// With --test: the integration test target (tests/NAME.rs).
    #[arg(long, value_name = "NAME", requires = "test")]
    pub test_name: Option<String>,
    /// With --test: only the tests whose name contains this (the harness's filter).
    #[arg(long, value_name = "F", requires = "test")]
    pub filter: Option<String>,
    /// Profile this bench target (benches/NAME.rs), run with --bench and ARGS.
    #[arg(long, value_name = "NAME")]
    pub bench: Option<String>,
    /// Profile this binary (release build with debug info), run with ARGS.
    #[arg(long, value_name = "NAME")]
    pub bin: Option<String>,
    /// With --bench or --bin: the package that has the target.
    #[arg(long, value_name = "PKG")]
    pub package: Option<String>,
    /// Import a DHAT JSON profile instead of running anything.
    #[arg(long, value_name = "FILE")]
    pub import: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Arguments for the bench or binary (after `--`).
    #[arg(last = true, value_name = "ARGS")]
    pub args: Vec<String>,
}

/// Arguments of `memaudit verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// Session folder name (memory_audit_001) or id from `memaudit sessions`.
    pub session: String,
    /// Finding id, e.g. F-007 (F7 and 7 work too).
    pub finding: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

impl ProfileArgs {
    /// The target to run, or `None` for `--import`.
    fn target(&self) -> Result<Option<Target>> {
        if !self.args.is_empty() && self.bench.is_none() && self.bin.is_none() {
            anyhow::bail!(
                "arguments after `--` go to a --bench or --bin target; for --test use --filter"
            );
        }
        if self.package.is_some() && self.bench.is_none() && self.bin.is_none() {
            anyhow::bail!("--package goes with --bench or --bin; --test names its package itself");
        }
        Ok(if let Some(package) = &self.test {
            Some(Target::Test {
                package: package.clone(),
                test_name: self.test_name.clone(),
                filter: self.filter.clone(),
            })
        } else if let Some(name) = &self.bench {
            Some(Target::Bench {
                package: self.package.clone(),
                name: name.clone(),
                args: self.args.clone(),
            })
        } else {
            self.bin.as_ref().map(|name| Target::Bin {
                package: self.package.clone(),
                name: name.clone(),
                args: self.args.clone(),
            })
        })
    }
}

/// Says, before anything runs, that the workspace's code is about to run.
fn announce(notice: &str) {
    eprintln!("{notice}");
}

pub fn run_profile(db: Option<PathBuf>, args: ProfileArgs) -> Result<ExitCode> {
    let target = args.target()?;
    let store = open_store(db)?;
    let info = resolve(&store, &args.session)?;
    let outcome = match (&args.import, target) {
        (Some(path), _) => profiles::import_profile(&store, info.id, path)
            .with_context(|| format!("importing {} into {}", path.display(), info.name))?,
        (None, Some(target)) => {
            profiles::profile_session(&store, info.id, target, &announce, &CancelFlag::default())
                .with_context(|| format!("profiling {}", info.name))?
        }
        (None, None) => anyhow::bail!("one of --test, --bench, --bin or --import is required"),
    };
    match args.format {
        Format::Json => print_json(&outcome)?,
        Format::Table => print_text(&profile_table(&outcome))?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_verify(db: Option<PathBuf>, args: VerifyArgs) -> Result<ExitCode> {
    let store = open_store(db)?;
    let info = resolve(&store, &args.session)?;
    let outcome = profiles::verify_finding(
        &store,
        info.id,
        &args.finding,
        &announce,
        &CancelFlag::default(),
    )
    .with_context(|| format!("verifying {} of {}", args.finding, info.name))?;
    match args.format {
        Format::Json => print_json(&outcome)?,
        Format::Table => print_text(&verify_table(&outcome))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn profile_table(o: &ProfileOutcome) -> String {
    let mut s = String::new();
    let peak = o
        .peak_live_bytes
        .map(|b| format!(", peak live {b} bytes"))
        .unwrap_or_default();
    s += &format!(
        "Profile {} of {} (round {}): {} blocks, {} bytes{peak}; {} blocks outside the workspace\n",
        o.profile_id, o.session, o.round, o.total_blocks, o.total_bytes, o.unattributed_blocks
    );
    if let Some(run) = &o.run {
        let slowdown = run
            .slowdown
            .map(|x| format!(" ({x:.0}× slower than plain)"))
            .unwrap_or_default();
        s += &format!(
            "Built in {:.1} s, profiled run {:.1} s{slowdown}\n",
            run.build_seconds, run.profiled_seconds
        );
    }
    s += &format!("Raw profile: {}\n\n", o.profile_path.display());

    s += "Top allocation sites\n";
    if o.top_sites.is_empty() {
        s += "  (no allocation in the workspace's own code)\n";
    } else {
        let rows: Vec<[String; 5]> = o
            .top_sites
            .iter()
            .map(|site| {
                [
                    format!("{}:{}", site.file, site.line),
                    site.function.clone(),
                    site.total_blocks.to_string(),
                    site.total_bytes.to_string(),
                    site.max_live_bytes.to_string(),
                ]
            })
            .collect();
        s += &table(["site", "function", "blocks", "bytes", "max live"], &rows);
    }

    s += "\nMeasured findings\n";
    if o.measured.is_empty() {
        s += "  (no finding's lines allocated in this run)\n";
    } else {
        let rows: Vec<[String; 5]> = o.measured.iter().map(measured_row).collect();
        s += &table(
            ["finding", "lines", "measured allocs", "bytes", "estimated"],
            &rows,
        );
    }
    if !o.new_findings.is_empty() {
        s += "\nNew findings from the measurement (no finding explained these sites)\n";
        for f in &o.new_findings {
            s += &format!(
                "  {} {} {}:{} — {}\n",
                f.id,
                f.category.as_str(),
                f.file,
                f.line_start,
                f.item_path
            );
        }
    }
    s
}

fn measured_row(m: &MeasuredFinding) -> [String; 5] {
    let estimate = match m.estimated_allocations {
        Some(n) if m.estimate_unit.is_empty() => n.to_string(),
        Some(n) => format!("{n} per {}", m.estimate_unit),
        None => "—".to_owned(),
    };
    [
        m.finding_id.clone(),
        format!("{}:{}-{}", m.file, m.line_start, m.line_end),
        m.allocations.to_string(),
        m.bytes.to_string(),
        estimate,
    ]
}

fn verify_table(o: &VerifyOutcome) -> String {
    let v = &o.verification;
    let outcome = match v.outcome {
        Outcome::Verified => "verified",
        Outcome::NoEffect => "no effect",
        Outcome::Worse => "worse",
    };
    let peak = |p: Option<u64>| p.map(|b| b.to_string()).unwrap_or_else(|| "—".to_owned());
    let rows = vec![
        [
            format!(
                "{} ({}:{}-{})",
                o.finding.id, o.finding.file, o.finding.line_start, o.finding.line_end
            ),
            format!("{} → {}", v.before.allocations, v.after.allocations),
            format!("{} → {}", v.before.bytes, v.after.bytes),
            format!("{} → {}", v.before.max_live_bytes, v.after.max_live_bytes),
        ],
        [
            "whole run".to_owned(),
            format!(
                "{} → {}",
                v.whole_run_before.allocations, v.whole_run_after.allocations
            ),
            format!("{} → {}", v.whole_run_before.bytes, v.whole_run_after.bytes),
            format!(
                "{} → {} (peak)",
                peak(v.whole_run_before.peak_live_bytes),
                peak(v.whole_run_after.peak_live_bytes)
            ),
        ],
    ];
    format!(
        "{} of {}: {outcome}\n{}\n{}",
        o.finding.id,
        o.session,
        v.detail,
        table(["", "allocations", "bytes", "live bytes"], &rows)
    )
}

/// Left-aligned text columns, two spaces apart.
fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::from("  ");
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            out += cell;
            if i + 1 < N {
                out += &" ".repeat(w - cell.chars().count() + 2);
            }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut s = line(header.to_vec());
    for row in rows {
        s += &line(row.iter().map(String::as_str).collect());
    }
    s
}
