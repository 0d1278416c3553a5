//! The real-fix corpus (`tests/realfix/cases.toml`) and the scoring of the
//! built-in Analyst against it.
//!
//! A case points at a maintainer's commit in a public Rust project that
//! removed an allocation, a copy or a layout waste: the repository, the
//! parent and fix commits, the file and the lines of the parent that the fix
//! changed, the category of the waste and a one-line summary in our words.
//! The benchmark (`src/bin/realfix.rs`) exports the parent's package from a
//! local git mirror, runs the Analyst on it and asks whether a finding
//! covers those lines.
//!
//! This module parses and checks the corpus, finds and exports a case's
//! package with `git`, and scores findings; it must NOT hold or copy any of
//! the projects' code (only pointers), reach the network, or run anything
//! from the exported sources.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use memaudit_model::{Category, Finding};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

/// Where the corpus lives, relative to the memaudit workspace root.
pub const CASES_PATH: &str = "tests/realfix/cases.toml";

/// The corpus must have at least this many cases …
pub const MIN_CASES: usize = 100;
/// … and at least this many in each category.
pub const MIN_PER_CATEGORY: usize = 10;

/// Which half of the corpus a case belongs to: detectors are tuned on
/// `tune`; `holdout` is only measured, so its figures say whether the tuning
/// generalises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Tune,
    Holdout,
}

impl Split {
    pub const ALL: [Split; 2] = [Split::Tune, Split::Holdout];

    pub fn as_str(self) -> &'static str {
        match self {
            Split::Tune => "tune",
            Split::Holdout => "holdout",
        }
    }
}

impl fmt::Display for Split {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One maintainer's fix, as a pointer into its repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: String,
    /// `owner/name` on GitHub.
    pub repo: String,
    /// The commit the fix was made on: the code the Analyst reads.
    pub parent: String,
    pub fix: String,
    /// Repository-relative path of the file in the parent, `/` separators.
    pub file: String,
    /// 1-based lines of the parent file that the fix changed or removed,
    /// sorted and without repeats.
    pub lines: Vec<u32>,
    pub category: Category,
    pub summary: String,
    pub split: Split,
    /// Line of the case's `[[case]]` entry in the corpus file, for messages.
    pub line: usize,
}

/// A corpus file that cannot be used; every variant names the file, and the
/// line and field when the problem is in one case.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("reading {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Malformed TOML, a missing or unknown field, or a value of the wrong
    /// form; `message` is the TOML parser's, with line, column and field.
    #[error("{path}: {message}")]
    Syntax { path: PathBuf, message: String },
    #[error("{path}:{line}: case `{id}`: {message}")]
    Case {
        path: PathBuf,
        line: usize,
        id: String,
        message: String,
    },
}

/// A 40-hex commit id, lower case.
struct CommitId(String);

impl<'de> Deserialize<'de> for CommitId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() == 40
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            Ok(CommitId(s))
        } else {
            Err(de::Error::custom(format!(
                "`{s}` is not a full commit id (40 lower-case hex digits)"
            )))
        }
    }
}

/// `owner/name`, as GitHub spells it.
struct RepoName(String);

impl<'de> Deserialize<'de> for RepoName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let ok_part = |p: &str| {
            !p.is_empty()
                && !p.starts_with('.')
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        };
        match s.split_once('/') {
            Some((owner, name)) if ok_part(owner) && ok_part(name) => Ok(RepoName(s)),
            _ => Err(de::Error::custom(format!(
                "`{s}` is not a repository as `owner/name`"
            ))),
        }
    }
}

/// A repository-relative `.rs` path with `/` separators and no `..`.
struct SourcePath(String);

impl<'de> Deserialize<'de> for SourcePath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let relative = !s.starts_with('/') && !s.contains('\\');
        let clean = s.split('/').all(|c| !c.is_empty() && c != "." && c != "..");
        if relative && clean && s.ends_with(".rs") {
            Ok(SourcePath(s))
        } else {
            Err(de::Error::custom(format!(
                "`{s}` is not a repository-relative `.rs` path with `/` separators"
            )))
        }
    }
}

/// Non-empty list of 1-based line numbers.
struct Lines(Vec<u32>);

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut v = Vec::<u32>::deserialize(d)?;
        if v.is_empty() {
            return Err(de::Error::custom("at least one line is needed"));
        }
        if v.contains(&0) {
            return Err(de::Error::custom("lines are 1-based: 0 is not a line"));
        }
        v.sort_unstable();
        v.dedup();
        Ok(Lines(v))
    }
}

/// A one-line, non-empty text.
struct OneLine(String);

impl<'de> Deserialize<'de> for OneLine {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.trim().is_empty() || s.contains('\n') {
            Err(de::Error::custom("must be one non-empty line"))
        } else {
            Ok(OneLine(s))
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    id: toml::Spanned<String>,
    repo: RepoName,
    parent: CommitId,
    fix: CommitId,
    file: SourcePath,
    lines: Lines,
    category: Category,
    summary: OneLine,
    split: Split,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorpus {
    #[serde(rename = "case", default)]
    cases: Vec<RawCase>,
}

/// Reads and checks the corpus file.
pub fn load(path: &Path) -> Result<Vec<Case>, CorpusError> {
    let text = std::fs::read_to_string(path).map_err(|source| CorpusError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text, path)
}

/// Parses corpus text; `path` only names the file in errors. Each field is
/// checked where it is read, so a bad value is reported with its line and
/// field; then ids must be unique and the parent must differ from the fix.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Case>, CorpusError> {
    let raw: RawCorpus = toml::from_str(text).map_err(|e| CorpusError::Syntax {
        path: path.to_path_buf(),
        message: e.to_string().trim_end().to_string(),
    })?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut cases = Vec::with_capacity(raw.cases.len());
    for rc in raw.cases {
        let line = line_of(text, rc.id.span().start);
        let id = rc.id.into_inner();
        let fail = |message: String| CorpusError::Case {
            path: path.to_path_buf(),
            line,
            id: id.clone(),
            message,
        };
        if id.trim().is_empty() || id.contains(char::is_whitespace) {
            return Err(fail("field `id`: must be a non-empty word".into()));
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            return Err(fail(format!(
                "field `id`: the same id is already used at line {first}"
            )));
        }
        if rc.parent.0 == rc.fix.0 {
            return Err(fail(
                "fields `parent` and `fix`: the parent must differ from the fix".into(),
            ));
        }
        cases.push(Case {
            id,
            repo: rc.repo.0,
            parent: rc.parent.0,
            fix: rc.fix.0,
            file: rc.file.0,
            lines: rc.lines.0,
            category: rc.category,
            summary: rc.summary.0,
            split: rc.split,
            line,
        });
    }
    Ok(cases)
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// What is wrong with the corpus as a whole (size, balance of categories and
/// splits); empty when it is fit to measure with.
pub fn balance_problems(cases: &[Case]) -> Vec<String> {
    let mut problems = Vec::new();
    if cases.len() < MIN_CASES {
        problems.push(format!(
            "{} cases, at least {MIN_CASES} are needed",
            cases.len()
        ));
    }
    for c in Category::ALL {
        let of: Vec<&Case> = cases.iter().filter(|k| k.category == c).collect();
        if of.len() < MIN_PER_CATEGORY {
            problems.push(format!(
                "{}: {} cases, at least {MIN_PER_CATEGORY} are needed",
                c.as_str(),
                of.len()
            ));
        }
        // Every category needs holdout cases, or its holdout figure means
        // nothing; a fifth of 10 is 2.
        let held = of.iter().filter(|k| k.split == Split::Holdout).count();
        if !of.is_empty() && (held < 2 || held * 3 > of.len()) {
            problems.push(format!(
                "{}: {held} of {} cases are holdout, about a fifth is wanted (at least 2, at most a third)",
                c.as_str(),
                of.len()
            ));
        }
    }
    let held = cases.iter().filter(|k| k.split == Split::Holdout).count();
    let share = held as f64 / cases.len().max(1) as f64;
    if !(0.15..=0.25).contains(&share) {
        problems.push(format!(
            "{held} of {} cases are holdout ({:.0}%), about a fifth is wanted",
            cases.len(),
            share * 100.0
        ));
    }
    problems
}

/// A git failure or a case that does not match its repository.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("running git {args}: {source}")]
    Spawn {
        args: String,
        source: std::io::Error,
    },
    #[error("git {args} failed: {stderr}")]
    Git { args: String, stderr: String },
    #[error("commit {commit} is not in the mirror of {repo}")]
    NoCommit { repo: String, commit: String },
    #[error("{file} does not exist at {commit}")]
    NoFile { file: String, commit: String },
    #[error("no Cargo.toml above {file} at {commit}")]
    NoPackage { file: String, commit: String },
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("unpacking {commit}:{dir} with tar: {message}")]
    Unpack {
        commit: String,
        dir: String,
        message: String,
    },
}

/// A folder of bare git mirrors. The layouts tried for `owner/name`, in
/// order: `owner+name/repo` (what the mirror tool writes), `owner+name.git`,
/// `owner+name`, `owner/name.git`, `owner/name`.
#[derive(Debug, Clone)]
pub struct Mirror {
    pub root: PathBuf,
}

impl Mirror {
    pub fn git_dir(&self, repo: &str) -> Option<PathBuf> {
        let (owner, name) = repo.split_once('/')?;
        let flat = format!("{owner}+{name}");
        [
            self.root.join(&flat).join("repo"),
            self.root.join(format!("{flat}.git")),
            self.root.join(&flat),
            self.root.join(owner).join(format!("{name}.git")),
            self.root.join(owner).join(name),
        ]
        .into_iter()
        .find(|p| p.join("HEAD").is_file() && p.join("objects").is_dir())
    }
}

fn git(git_dir: &Path, args: &[&str]) -> Result<std::process::Output, SourceError> {
    Command::new("git")
        .arg("--git-dir")
        .arg(git_dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|source| SourceError::Spawn {
            args: args.join(" "),
            source,
        })
}

fn exists(git_dir: &Path, object: &str) -> Result<bool, SourceError> {
    Ok(git(git_dir, &["cat-file", "-e", object])?.status.success())
}

/// The case's package at its parent: the nearest ancestor folder of `file`
/// with a `Cargo.toml` (`""` for the repository root). Checks that the parent
/// commit and the file exist.
pub fn package_dir(git_dir: &Path, case: &Case) -> Result<String, SourceError> {
    if !exists(git_dir, &format!("{}^{{commit}}", case.parent))? {
        return Err(SourceError::NoCommit {
            repo: case.repo.clone(),
            commit: case.parent.clone(),
        });
    }
    if !exists(git_dir, &format!("{}:{}", case.parent, case.file))? {
        return Err(SourceError::NoFile {
            file: case.file.clone(),
            commit: case.parent.clone(),
        });
    }
    let mut dir = Path::new(&case.file).parent();
    while let Some(d) = dir {
        let d = d.to_str().unwrap_or_default();
        let manifest = if d.is_empty() {
            "Cargo.toml".to_string()
        } else {
            format!("{d}/Cargo.toml")
        };
        if exists(git_dir, &format!("{}:{manifest}", case.parent))? {
            return Ok(d.to_string());
        }
        dir = Path::new(d).parent();
    }
    Err(SourceError::NoPackage {
        file: case.file.clone(),
        commit: case.parent.clone(),
    })
}

/// Exports the Rust sources, manifests and `.gitignore` files of `dir` (a
/// package folder, `""` for the whole tree) at `commit` into
/// `cache/<owner+name>/<commit>/<dir>/` and returns the package's folder
/// there. An export already complete in the cache is reused; a partial one
/// (a run killed while unpacking) is never, because the folder only gets
/// its final name once tar has finished.
pub fn export(
    git_dir: &Path,
    repo: &str,
    commit: &str,
    dir: &str,
    cache: &Path,
) -> Result<PathBuf, SourceError> {
    let key = if dir.is_empty() {
        "root".to_string()
    } else {
        dir.replace('/', "+")
    };
    let base = cache.join(repo.replace('/', "+")).join(commit).join(&key);
    let package = if dir.is_empty() {
        base.clone()
    } else {
        base.join(dir)
    };
    if base.is_dir() {
        return Ok(package);
    }
    let partial = base.with_extension(format!("partial-{}", std::process::id()));
    let io = |action, path: &Path| {
        let path = path.to_path_buf();
        move |source| SourceError::Io {
            action,
            path,
            source,
        }
    };
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(io("removing", &partial))?;
    }
    std::fs::create_dir_all(&partial).map_err(io("creating", &partial))?;
    // Only what the Analyst reads: sources, manifests and ignore files.
    // Test data and snapshots, often most of a package's bytes, stay out.
    let mut list_args = vec!["ls-tree", "-r", "-z", "--name-only", commit];
    if !dir.is_empty() {
        list_args.extend(["--", dir]);
    }
    let listed = git(git_dir, &list_args)?;
    if !listed.status.success() {
        return Err(SourceError::Git {
            args: list_args.join(" "),
            stderr: String::from_utf8_lossy(&listed.stderr).trim().to_string(),
        });
    }
    let wanted: Vec<&str> = listed
        .stdout
        .split(|&b| b == 0)
        .filter_map(|p| std::str::from_utf8(p).ok())
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            name.ends_with(".rs") || name == "Cargo.toml" || name == ".gitignore"
        })
        .collect();
    let mut archive = Command::new("git");
    archive
        .arg("--git-dir")
        .arg(git_dir)
        .args(["archive", "--format=tar", commit, "--"])
        .args(&wanted);
    let args = format!("archive {commit} -- {dir}");
    let mut producer = archive
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| SourceError::Spawn {
            args: args.clone(),
            source,
        })?;
    let Some(stdout) = producer.stdout.take() else {
        return Err(SourceError::Git {
            args,
            stderr: "no output pipe".into(),
        });
    };
    let untar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(&partial)
        .stdin(stdout)
        .stderr(Stdio::piped())
        .output()
        .map_err(|source| SourceError::Unpack {
            commit: commit.into(),
            dir: dir.into(),
            message: source.to_string(),
        })?;
    let produced = producer
        .wait_with_output()
        .map_err(|source| SourceError::Spawn {
            args: args.clone(),
            source,
        })?;
    if !produced.status.success() {
        let _ = std::fs::remove_dir_all(&partial);
        return Err(SourceError::Git {
            args,
            stderr: String::from_utf8_lossy(&produced.stderr).trim().to_string(),
        });
    }
    if !untar.status.success() {
        let _ = std::fs::remove_dir_all(&partial);
        return Err(SourceError::Unpack {
            commit: commit.into(),
            dir: dir.into(),
            message: String::from_utf8_lossy(&untar.stderr).trim().to_string(),
        });
    }
    std::fs::rename(&partial, &base).map_err(io("renaming", &partial))?;
    Ok(package)
}

/// The case's file as the Analyst names it when run on the package folder
/// (paths relative to the package, which is the workspace it sees).
pub fn file_in_package(case: &Case, package_dir: &str) -> String {
    if package_dir.is_empty() {
        case.file.clone()
    } else {
        case.file
            .strip_prefix(package_dir)
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or(&case.file)
            .to_string()
    }
}

/// A finding near a case, for the verbose listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Near {
    pub category: Category,
    pub line_start: u32,
    pub line_end: u32,
    /// Lines between the finding and the nearest case line; 0 when they
    /// intersect.
    pub distance: u32,
    pub issue: String,
}

/// How the Analyst did on one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Some finding in the case's file covers one of its lines.
    pub found: bool,
    /// … and has the case's category.
    pub category_found: bool,
    /// Every finding the Analyst reported for the package.
    pub findings: usize,
    /// Findings in the case's file.
    pub in_file: usize,
    /// The best finding for the case: one with the right category on the
    /// lines if any, else any on the lines, else the closest in the file.
    pub nearest: Option<Near>,
}

/// Scores `findings` (the Analyst's output for the case's package) against
/// the case; `rel_file` is the case's file relative to the package.
pub fn score(case: &Case, rel_file: &str, findings: &[Finding]) -> Outcome {
    let distance = |f: &Finding| -> u32 {
        case.lines
            .iter()
            .map(|&l| {
                if l < f.line_start {
                    f.line_start - l
                } else {
                    l.saturating_sub(f.line_end)
                }
            })
            .min()
            .unwrap_or(u32::MAX)
    };
    let in_file: Vec<&Finding> = findings.iter().filter(|f| f.file == rel_file).collect();
    let found = in_file.iter().any(|f| distance(f) == 0);
    let category_found = in_file
        .iter()
        .any(|f| distance(f) == 0 && f.category == case.category);
    let nearest = in_file
        .iter()
        .min_by_key(|f| (distance(f), f.category != case.category, f.line_start))
        .map(|f| Near {
            category: f.category,
            line_start: f.line_start,
            line_end: f.line_end,
            distance: distance(f),
            issue: f.issue.clone(),
        });
    Outcome {
        found,
        category_found,
        findings: findings.len(),
        in_file: in_file.len(),
        nearest,
    }
}

/// Counts for one cell of the results table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub cases: usize,
    pub found: usize,
    pub category_found: usize,
    pub findings: usize,
}

impl Tally {
    pub fn add(&mut self, o: &Outcome) {
        self.cases += 1;
        self.found += usize::from(o.found);
        self.category_found += usize::from(o.category_found);
        self.findings += o.findings;
    }

    pub fn recall(&self) -> f64 {
        ratio(self.found, self.cases)
    }

    pub fn category_recall(&self) -> f64 {
        ratio(self.category_found, self.cases)
    }

    pub fn findings_per_case(&self) -> f64 {
        ratio(self.findings, self.cases)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Tallies per split and category.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub cells: BTreeMap<(Split, Category), Tally>,
}

impl Table {
    pub fn add(&mut self, case: &Case, o: &Outcome) {
        self.cells
            .entry((case.split, case.category))
            .or_default()
            .add(o);
    }

    /// The split's tally over every category.
    pub fn total(&self, split: Split) -> Tally {
        let mut t = Tally::default();
        for ((s, _), c) in &self.cells {
            if *s == split {
                t.cases += c.cases;
                t.found += c.found;
                t.category_found += c.category_found;
                t.findings += c.findings;
            }
        }
        t
    }

    /// A plain-text table of one split: a row per category and a total.
    pub fn render(&self, split: Split) -> String {
        let mut out = format!(
            "{:<20} {:>5} {:>9} {:>8} {:>10} {:>9}\n",
            split.as_str().to_uppercase(),
            "cases",
            "found/cat",
            "recall",
            "cat.recall",
            "findings"
        );
        let row = |name: &str, t: &Tally| {
            format!(
                "{:<20} {:>5} {:>9} {:>7.0}% {:>9.0}% {:>9.1}\n",
                name,
                t.cases,
                format!("{}/{}", t.found, t.category_found),
                t.recall() * 100.0,
                t.category_recall() * 100.0,
                t.findings_per_case()
            )
        };
        for c in Category::ALL {
            if let Some(t) = self.cells.get(&(split, c)) {
                out.push_str(&row(c.as_str(), t));
            }
        }
        out.push_str(&row("total", &self.total(split)));
        out
    }
}

#[cfg(test)]
mod tests;
