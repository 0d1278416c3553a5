//! Recall of the built-in Analyst on maintainers' real fixes.
//!
//! `cargo run --release -p memaudit-corpus --bin realfix -- [--mirror DIR] [--json FILE]
//! [--split tune|holdout|all] [--category C]… [--id ID]… [--verbose]`
//!
//! For each case of `tests/realfix/cases.toml` it exports the parent
//! commit's package (the nearest folder above the case's file with a
//! `Cargo.toml`) from the git mirror into a cache, runs the Analyst on it as
//! `memaudit analyze PACKAGE --format json` does, and asks whether a finding
//! in the case's file covers a line the fix changed (found) and has the
//! case's category (category found). Prints, per split and category, the
//! cases, recall, category recall and findings per case; `--verbose` adds
//! each case with the finding nearest to it.
//!
//! Must NOT: fetch anything (it reads only the mirror), run code from the
//! exported sources, or change the corpus.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Parser, ValueEnum};
use memaudit::model::{Analysis, Category, Scope};
use memaudit_corpus::realfix::{
    self, export, file_in_package, package_dir, score, Case, Mirror, Outcome, Split, Table, Tally,
};
use serde::Serialize;

#[derive(Parser, Debug)]
#[command(about = "Recall of the built-in Analyst on real fix commits")]
struct Args {
    /// The corpus file.
    #[arg(long, default_value_os_t = workspace_root().join(realfix::CASES_PATH))]
    cases: PathBuf,
    /// Folder of git mirrors: `owner+name/repo` (the mirror tool's layout),
    /// `owner+name.git` or `owner/name.git`.
    #[arg(long, env = "MEMAUDIT_MIRROR", default_value = "/work/.mirror")]
    mirror: PathBuf,
    /// Where exported packages are kept between runs (default:
    /// `$CARGO_TARGET_DIR/corpus-cache/realfix`, else `target/corpus-cache/realfix`).
    #[arg(long)]
    cache: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Which::All)]
    split: Which,
    /// Only these categories (repeatable), e.g. HEAP_AVOIDABLE.
    #[arg(long = "category")]
    categories: Vec<Category>,
    /// Only these case ids (repeatable).
    #[arg(long = "id")]
    ids: Vec<String>,
    /// Analyst threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// List every case, found or missed, with the finding nearest to it.
    #[arg(long)]
    verbose: bool,
    /// Also write every case's outcome and the tables as JSON to this file,
    /// so two runs can be compared case by case.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Also write every finding of every analysed package, one JSON object
    /// a line (repository, parent, package, file, lines, category, issue),
    /// so two runs can be compared finding by finding.
    #[arg(long)]
    findings: Option<PathBuf>,
}

/// One case's line in the `--json` output.
#[derive(Serialize)]
struct CaseRecord<'a> {
    id: &'a str,
    split: Split,
    category: Category,
    repo: &'a str,
    file: &'a str,
    lines: &'a [u32],
    #[serde(flatten)]
    outcome: &'a Outcome,
    /// Where the file stood when no finding is in it.
    status: String,
}

#[derive(Serialize)]
struct Tables {
    split: Split,
    total: Tally,
    categories: BTreeMap<&'static str, Tally>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Tune,
    Holdout,
    All,
}

impl Which {
    fn admits(self, s: Split) -> bool {
        match self {
            Which::Tune => s == Split::Tune,
            Which::Holdout => s == Split::Holdout,
            Which::All => true,
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn default_cache() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("corpus-cache")
        .join("realfix")
}

/// Cases sharing one export and one analysis: same repository, parent and
/// package.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Group {
    repo: String,
    parent: String,
    package: String,
}

/// Where the case's file stood in the Analyst's run.
fn file_status(scope: &Scope, analysis: &Analysis, rel: &str) -> String {
    if let Some(s) = analysis.skipped.iter().find(|s| s.file == rel) {
        return format!("file skipped by the Analyst: {}", s.error);
    }
    let listed = scope
        .crates
        .iter()
        .flat_map(|c| c.files.iter())
        .find(|f| f.path == rel);
    match listed {
        Some(f) => format!("file analysed ({}), no finding in it", f.priority.as_str()),
        None => match scope
            .excluded
            .iter()
            .find(|e| rel == e.path || rel.starts_with(&format!("{}/", e.path)))
        {
            Some(e) => format!("file not in scope: {}", e.reason),
            None => "file not in scope".to_string(),
        },
    }
}

fn main() -> Result<()> {
    let args = Args::parse();
    let cases = realfix::load(&args.cases)?;
    let cases: Vec<Case> = cases
        .into_iter()
        .filter(|c| args.split.admits(c.split))
        .filter(|c| args.categories.is_empty() || args.categories.contains(&c.category))
        .filter(|c| args.ids.is_empty() || args.ids.contains(&c.id))
        .collect();
    if cases.is_empty() {
        bail!(
            "no case of {} matches the --split/--category/--id given",
            args.cases.display()
        );
    }
    if !args.mirror.is_dir() {
        bail!(
            "the mirror folder {} does not exist (give --mirror DIR or MEMAUDIT_MIRROR; tests/realfix/README.md lists the repositories)",
            args.mirror.display()
        );
    }
    let cache = args.cache.clone().unwrap_or_else(default_cache);
    let mirror = Mirror {
        root: args.mirror.clone(),
    };

    let mut no_source: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unusable: Vec<(String, String)> = Vec::new();
    let mut groups: BTreeMap<Group, Vec<&Case>> = BTreeMap::new();
    let mut git_dirs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for case in &cases {
        let Some(git_dir) = mirror.git_dir(&case.repo) else {
            no_source
                .entry(case.repo.clone())
                .or_default()
                .push(case.id.clone());
            continue;
        };
        match package_dir(&git_dir, case) {
            Ok(package) => {
                git_dirs.insert(case.repo.clone(), git_dir);
                groups
                    .entry(Group {
                        repo: case.repo.clone(),
                        parent: case.parent.clone(),
                        package,
                    })
                    .or_default()
                    .push(case);
            }
            Err(e) => unusable.push((case.id.clone(), e.to_string())),
        }
    }

    let started = Instant::now();
    let mut table = Table::default();
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut outcomes: Vec<(&Case, Outcome, String)> = Vec::new();
    let total = groups.len();
    for (i, (group, members)) in groups.iter().enumerate() {
        let t0 = Instant::now();
        let git_dir = &git_dirs[&group.repo];
        let dir = match export(git_dir, &group.repo, &group.parent, &group.package, &cache) {
            Ok(dir) => dir,
            Err(e) => {
                for c in members {
                    unusable.push((c.id.clone(), format!("exporting the package: {e}")));
                }
                continue;
            }
        };
        // The same single pass `memaudit analyze` runs (one parse per file,
        // the call graph's reach on every finding).
        let pass = match memaudit::audit::pass(
            &dir,
            &memaudit::audit::PassOptions {
                analyze: true,
                threads: args.threads,
                no_workspace_scope_md: true,
                slim_facts: true,
                ..Default::default()
            },
            &|_| {},
        ) {
            Ok(pass) => pass,
            Err(e) => {
                for c in members {
                    unusable.push((c.id.clone(), format!("discovering {}: {e}", dir.display())));
                }
                continue;
            }
        };
        let (scope, analysis) = (pass.scope, pass.analysis);
        if let Some(path) = &args.findings {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("opening {}", path.display()))?;
            for x in &analysis.findings {
                let line = serde_json::json!({
                    "repo": group.repo,
                    "parent": group.parent,
                    "package": group.package,
                    "file": x.file,
                    "line_start": x.line_start,
                    "line_end": x.line_end,
                    "category": x.category,
                    "issue": x.issue,
                });
                writeln!(f, "{line}").with_context(|| format!("writing {}", path.display()))?;
            }
        }
        eprintln!(
            "[{}/{total}] {} {} {}: {} files, {} findings, {:.1}s",
            i + 1,
            group.repo,
            &group.parent[..10],
            if group.package.is_empty() {
                "."
            } else {
                &group.package
            },
            analysis.stats.files,
            analysis.findings.len(),
            t0.elapsed().as_secs_f64()
        );
        for case in members {
            let rel = file_in_package(case, &group.package);
            let outcome = score(case, &rel, &analysis.findings);
            table.add(case, &outcome);
            let status = file_status(&scope, &analysis, &rel);
            if args.verbose {
                lines.push((case.id.clone(), describe(case, &outcome, &status)));
            }
            outcomes.push((case, outcome, status));
        }
    }

    unusable.sort();
    for split in Split::ALL {
        if args.split.admits(split) && table.total(split).cases > 0 {
            println!("{}", table.render(split));
        }
    }
    println!(
        "found/cat: cases found / found with the category; recall = found / cases; findings = mean findings per case over its package; {:.0}s",
        started.elapsed().as_secs_f64()
    );
    if args.verbose {
        lines.sort();
        println!();
        for (_, line) in &lines {
            println!("{line}");
        }
    }
    if let Some(path) = &args.json {
        outcomes.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let cases: Vec<CaseRecord<'_>> = outcomes
            .iter()
            .map(|(case, outcome, status)| CaseRecord {
                id: &case.id,
                split: case.split,
                category: case.category,
                repo: &case.repo,
                file: &case.file,
                lines: &case.lines,
                outcome,
                status: status.clone(),
            })
            .collect();
        let tables: Vec<Tables> = Split::ALL
            .into_iter()
            .filter(|s| table.total(*s).cases > 0)
            .map(|split| Tables {
                split,
                total: table.total(split),
                categories: table
                    .cells
                    .iter()
                    .filter(|((s, _), _)| *s == split)
                    .map(|((_, c), t)| (c.as_str(), *t))
                    .collect(),
            })
            .collect();
        let doc = serde_json::json!({
            "cases": cases,
            "tables": tables,
            "no_source": no_source,
            "not_counted": unusable.iter().map(|(id, why)| serde_json::json!({"id": id, "why": why})).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&doc)?;
        std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    if !no_source.is_empty() {
        println!("\nno source (repository not in {}):", args.mirror.display());
        for (repo, ids) in &no_source {
            println!("  {repo}: {}", ids.join(", "));
        }
    }
    if !unusable.is_empty() {
        println!("\nnot counted (the case does not match its repository):");
        for (id, why) in &unusable {
            println!("  {id}: {why}");
        }
    }
    Ok(())
}

fn describe(case: &Case, o: &Outcome, status: &str) -> String {
    let mark = match (o.found, o.category_found) {
        (true, true) => "FOUND ",
        (true, false) => "found~",
        _ => "missed",
    };
    let lines = case
        .lines
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let near = match &o.nearest {
        Some(n) => {
            let issue: String = n.issue.chars().take(90).collect();
            let at = if n.distance == 0 {
                "on the lines".to_string()
            } else {
                format!("{} lines away", n.distance)
            };
            format!(
                "{} {}-{} {at} ({} in the file): {issue}",
                n.category.as_str(),
                n.line_start,
                n.line_end,
                o.in_file
            )
        }
        None => status.to_string(),
    };
    format!(
        "{mark} {:<16} {:<8} {:<18} {}:{lines}\n       {}\n       → {near}",
        case.id,
        case.split.as_str(),
        case.category.as_str(),
        case.file,
        case.summary
    )
}
