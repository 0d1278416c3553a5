//! Realness labels: findings on real crates judged by reading the code, and
//! the scoring that turns an audit's findings plus the labels into figures.
//!
//! A label is keyed by crate, file, category and the trimmed text of the
//! source line at the finding's first line, never by a finding id (ids are
//! per session) nor by the line number alone (it moves when the engine
//! changes where a finding starts); the line number only breaks ties between
//! labels with the same key and points people at the place.
//!
//! - REAL: a reviewer would accept the proposed change: it removes a real
//!   allocation or copy on a path that runs more than once, and the proposal
//!   is correct for this code.
//! - TRIVIAL: true, but not worth a change (runs once, tiny, gain is noise).
//! - WRONG: a false claim, or a proposal that does not compile or changes
//!   behaviour.
//!
//! This module must NOT run an audit or read crate sources itself: the
//! benchmark binary does that and hands it findings and source lines, so the
//! scoring stays a pure function that tests can drive with small inputs.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use memaudit_model::{Category, Verdict};
use serde::{Deserialize, Serialize};

use crate::sources::{CrateRef, Split};

/// A label's judgement of one finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Judgement {
    Real,
    Trivial,
    Wrong,
}

impl Judgement {
    pub fn as_str(self) -> &'static str {
        match self {
            Judgement::Real => "REAL",
            Judgement::Trivial => "TRIVIAL",
            Judgement::Wrong => "WRONG",
        }
    }
}

impl fmt::Display for Judgement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One judged finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// Path inside the crate, with `/`.
    pub file: String,
    pub category: Category,
    /// The finding's first line when it was judged: a hint for people and
    /// for ties, not part of the identity.
    pub line: u32,
    /// The trimmed source line at the finding's first line.
    pub code: String,
    pub verdict: Judgement,
    /// One line: why, concretely.
    pub why: String,
    /// The crate's split, repeated so a reader of the labels sees which
    /// ones are holdout; must agree with the crate list.
    pub split: Split,
}

impl Label {
    fn key(&self) -> Key {
        Key {
            crate_name: self.crate_name.clone(),
            file: self.file.clone(),
            category: self.category,
            code: self.code.clone(),
        }
    }
}

/// What a label is found by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub crate_name: String,
    pub file: String,
    pub category: Category,
    pub code: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LabelError {
    #[error("reading the labels {path}")]
    Read { path: PathBuf, source: io::Error },
    #[error("the labels {path} are not valid TOML labels: {message}")]
    Invalid { path: PathBuf, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelFile {
    #[serde(rename = "label", default)]
    labels: Vec<Label>,
}

/// `tests/realness/labels.toml` in memaudit's workspace.
pub fn labels_toml() -> PathBuf {
    crate::sources::workspace_root().join("tests/realness/labels.toml")
}

pub fn load_labels(path: &Path) -> Result<Vec<Label>, LabelError> {
    let text = fs::read_to_string(path).map_err(|source| LabelError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_labels(&text).map_err(|message| LabelError::Invalid {
        path: path.to_owned(),
        message,
    })
}

pub fn parse_labels(text: &str) -> Result<Vec<Label>, String> {
    let file: LabelFile = toml::from_str(text).map_err(|e| e.to_string())?;
    Ok(file.labels)
}

/// Problems that make a label file unusable as an instrument: unknown
/// crates, a split that disagrees with the crate list, empty reasons or code,
/// keys (with line) given twice. Empty when the file is sound.
pub fn check_labels(labels: &[Label], crates: &[CrateRef]) -> Vec<String> {
    let splits: HashMap<&str, Split> = crates.iter().map(|c| (c.name.as_str(), c.split)).collect();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for l in labels {
        let at = format!("{} {}:{} {}", l.crate_name, l.file, l.line, l.category);
        match splits.get(l.crate_name.as_str()) {
            None => problems.push(format!(
                "{at}: crate `{}` is not in the crate list",
                l.crate_name
            )),
            Some(split) if *split != l.split => problems.push(format!(
                "{at}: split is `{}` but the crate list says `{split}`",
                l.split
            )),
            Some(_) => {}
        }
        if l.why.trim().is_empty() {
            problems.push(format!("{at}: `why` is empty; say in one line why"));
        }
        if l.why.contains('\n') {
            problems.push(format!("{at}: `why` must be one line"));
        }
        if l.code.trim().is_empty() || l.code.trim() != l.code {
            problems.push(format!(
                "{at}: `code` must be the trimmed, non-empty source line"
            ));
        }
        if l.file.is_empty() || l.file.contains('\\') || l.file.starts_with('/') {
            problems.push(format!(
                "{at}: `file` must be a crate-relative path with `/`"
            ));
        }
        if l.line == 0 {
            problems.push(format!("{at}: lines start at 1"));
        }
        if !seen.insert((l.key(), l.line)) {
            problems.push(format!("{at}: this key and line are labelled twice"));
        }
    }
    problems
}

/// One finding of an audit as the scoring sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub key: Key,
    pub line: u32,
    pub verdict: Option<Verdict>,
    pub quick_win: bool,
    /// The report counts it as a finding: not in cold code, not a LOW note
    /// (a finding whose proposal is only a sketch or a capacity trim).
    pub counted: bool,
}

impl Scored {
    /// Surfaced: in the Quick Wins or APPROVED.
    pub fn surfaced(&self) -> bool {
        self.quick_win || self.verdict == Some(Verdict::Approved)
    }
}

/// Pairs each finding with its label, if any: per key, a single finding and
/// a single label match whatever their lines; otherwise findings and labels
/// are paired one to one in line order, the extras left unlabeled. Returns,
/// per finding (same order), the index of its label.
pub fn match_labels(findings: &[Scored], labels: &[Label]) -> Vec<Option<usize>> {
    let mut by_key: BTreeMap<Key, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_key.entry(f.key.clone()).or_default().0.push(i);
    }
    for (i, l) in labels.iter().enumerate() {
        if let Some(group) = by_key.get_mut(&l.key()) {
            group.1.push(i);
        }
    }
    let mut out = vec![None; findings.len()];
    for (mut fs, mut ls) in by_key.into_values() {
        fs.sort_by_key(|&i| findings[i].line);
        ls.sort_by_key(|&i| labels[i].line);
        for (f, l) in fs.into_iter().zip(ls) {
            out[f] = Some(l);
        }
    }
    out
}

/// REAL / labelled over one set of findings, with the other judgements.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Precision {
    pub labelled: u32,
    pub real: u32,
    pub trivial: u32,
    pub wrong: u32,
    /// Findings of the set without a label.
    pub unlabeled: u32,
}

impl Precision {
    fn add(&mut self, judgement: Option<Judgement>) {
        match judgement {
            None => self.unlabeled += 1,
            Some(j) => {
                self.labelled += 1;
                match j {
                    Judgement::Real => self.real += 1,
                    Judgement::Trivial => self.trivial += 1,
                    Judgement::Wrong => self.wrong += 1,
                }
            }
        }
    }

    fn merge(&mut self, o: &Precision) {
        self.labelled += o.labelled;
        self.real += o.real;
        self.trivial += o.trivial;
        self.wrong += o.wrong;
        self.unlabeled += o.unlabeled;
    }

    /// REAL share of the labelled ones, `None` when none is labelled.
    pub fn ratio(&self) -> Option<f64> {
        (self.labelled > 0).then(|| f64::from(self.real) / f64::from(self.labelled))
    }
}

/// One crate's (or a total's) figures. `findings` and the verdict counts
/// are those the report counts (cold code and LOW notes are kept apart);
/// `raised` is everything the Analyst raised.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub raised: u32,
    pub findings: u32,
    pub lines: u64,
    pub approved: u32,
    pub needs_work: u32,
    pub rejected: u32,
    pub quick_wins: Precision,
    pub approved_p: Precision,
    pub surfaced: Precision,
    /// Over the findings the report counts.
    pub counted: Precision,
    /// Over everything raised.
    pub all: Precision,
}

impl Tally {
    pub fn per_kloc(&self) -> f64 {
        if self.lines == 0 {
            0.0
        } else {
            f64::from(self.findings) * 1000.0 / self.lines as f64
        }
    }

    pub fn needs_work_share(&self) -> f64 {
        if self.findings == 0 {
            0.0
        } else {
            f64::from(self.needs_work) / f64::from(self.findings)
        }
    }

    pub fn merge(&mut self, o: &Tally) {
        self.raised += o.raised;
        self.findings += o.findings;
        self.lines += o.lines;
        self.approved += o.approved;
        self.needs_work += o.needs_work;
        self.rejected += o.rejected;
        self.quick_wins.merge(&o.quick_wins);
        self.approved_p.merge(&o.approved_p);
        self.surfaced.merge(&o.surfaced);
        self.counted.merge(&o.counted);
        self.all.merge(&o.all);
    }
}

/// Scores one crate's findings against the labels.
pub fn tally(findings: &[Scored], labels: &[Label], lines: u64) -> Tally {
    let matched = match_labels(findings, labels);
    let mut t = Tally {
        lines,
        ..Tally::default()
    };
    for (f, m) in findings.iter().zip(&matched) {
        let judgement = m.map(|i| labels[i].verdict);
        t.raised += 1;
        t.all.add(judgement);
        if !f.counted {
            continue;
        }
        t.findings += 1;
        t.counted.add(judgement);
        match f.verdict {
            Some(Verdict::Approved) => t.approved += 1,
            Some(Verdict::NeedsWork) => t.needs_work += 1,
            Some(Verdict::Rejected) => t.rejected += 1,
            None => {}
        }
        if f.quick_win {
            t.quick_wins.add(judgement);
        }
        if f.verdict == Some(Verdict::Approved) {
            t.approved_p.add(judgement);
        }
        if f.surfaced() {
            t.surfaced.add(judgement);
        }
    }
    t
}

/// A stable 64-bit hash of a crate name, so each crate's sample depends on
/// the seed and its name only, not on which other crates run.
pub fn name_seed(seed: u64, name: &str) -> u64 {
    // FNV-1a: fixed across platforms and Rust versions, unlike DefaultHasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Which findings to judge next: every unlabeled surfaced one, plus `sample`
/// unlabeled others drawn with `seed` (the order of `findings` must be
/// deterministic). Indexes in `findings`, surfaced ones first.
pub fn to_judge(
    findings: &[Scored],
    matched: &[Option<usize>],
    sample: usize,
    seed: u64,
) -> Vec<usize> {
    let mut picked: Vec<usize> = (0..findings.len())
        .filter(|&i| matched[i].is_none() && findings[i].surfaced())
        .collect();
    let mut rest: Vec<usize> = (0..findings.len())
        .filter(|&i| matched[i].is_none() && !findings[i].surfaced())
        .collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    rng.shuffle(&mut rest);
    rest.truncate(sample);
    rest.sort_unstable();
    picked.extend(rest);
    picked
}

/// A `[[label]]` stub for `finding`, with `verdict` and `why` left empty
/// for a person to fill in (it does not parse until they are).
pub fn stub(finding: &Scored, split: Split) -> String {
    format!(
        "[[label]]\ncrate = {}\nfile = {}\ncategory = \"{}\"\nline = {}\ncode = {}\n\
         verdict = \"\"\nwhy = \"\"\nsplit = \"{}\"\n",
        toml_string(&finding.key.crate_name),
        toml_string(&finding.key.file),
        finding.key.category,
        finding.line,
        toml_string(&finding.key.code),
        split
    )
}

/// Escapes `s` as a TOML basic string.
pub fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(file: &str, line: u32, code: &str, verdict: Judgement) -> Label {
        Label {
            crate_name: "bat".into(),
            file: file.into(),
            category: Category::AllocationLoop,
            line,
            code: code.into(),
            verdict,
            why: "because".into(),
            split: Split::Tune,
        }
    }

    fn finding(file: &str, line: u32, code: &str, verdict: Verdict, quick_win: bool) -> Scored {
        Scored {
            key: Key {
                crate_name: "bat".into(),
                file: file.into(),
                category: Category::AllocationLoop,
                code: code.into(),
            },
            line,
            verdict: Some(verdict),
            quick_win,
            counted: true,
        }
    }

    fn crate_list() -> Vec<CrateRef> {
        vec![CrateRef {
            name: "bat".into(),
            version: "0.24.0".into(),
            sha256: "a".repeat(64),
            split: Split::Tune,
            shape: String::new(),
        }]
    }

    #[test]
    fn a_label_matches_by_code_line_even_when_the_line_moved() {
        let labels = [label("src/a.rs", 10, "let s = x.clone();", Judgement::Real)];
        let findings = [finding(
            "src/a.rs",
            14,
            "let s = x.clone();",
            Verdict::Approved,
            false,
        )];
        assert_eq!(
            match_labels(&findings, &labels),
            vec![Some(0)],
            "a single finding and label with one key match whatever the line"
        );
    }

    #[test]
    fn same_code_twice_pairs_in_line_order() {
        let labels = [
            label("src/a.rs", 50, "v.push(s.clone());", Judgement::Trivial),
            label("src/a.rs", 10, "v.push(s.clone());", Judgement::Real),
        ];
        let findings = [
            finding(
                "src/a.rs",
                52,
                "v.push(s.clone());",
                Verdict::NeedsWork,
                false,
            ),
            finding(
                "src/a.rs",
                11,
                "v.push(s.clone());",
                Verdict::NeedsWork,
                false,
            ),
            finding(
                "src/a.rs",
                90,
                "v.push(s.clone());",
                Verdict::NeedsWork,
                false,
            ),
        ];
        assert_eq!(
            match_labels(&findings, &labels),
            vec![Some(0), Some(1), None],
            "earliest finding takes earliest label; the third stays unlabeled"
        );
    }

    #[test]
    fn another_file_or_category_does_not_match() {
        let labels = [label("src/a.rs", 10, "let s = x.clone();", Judgement::Real)];
        let mut other_cat = finding(
            "src/a.rs",
            10,
            "let s = x.clone();",
            Verdict::Approved,
            false,
        );
        other_cat.key.category = Category::UnnecessaryClone;
        let other_file = finding(
            "src/b.rs",
            10,
            "let s = x.clone();",
            Verdict::Approved,
            false,
        );
        assert_eq!(
            match_labels(&[other_cat, other_file], &labels),
            vec![None, None]
        );
    }

    #[test]
    fn tally_counts_precision_per_surface() {
        let labels = [
            label("src/a.rs", 1, "a", Judgement::Real),
            label("src/a.rs", 2, "b", Judgement::Wrong),
            label("src/a.rs", 3, "c", Judgement::Trivial),
        ];
        let findings = [
            finding("src/a.rs", 1, "a", Verdict::Approved, true),
            finding("src/a.rs", 2, "b", Verdict::Approved, false),
            finding("src/a.rs", 3, "c", Verdict::NeedsWork, false),
            finding("src/a.rs", 4, "d", Verdict::NeedsWork, true),
        ];
        let mut findings = findings.to_vec();
        let mut note = finding("src/a.rs", 5, "e", Verdict::Rejected, false);
        note.counted = false;
        findings.push(note);
        let t = tally(&findings, &labels, 2000);
        assert_eq!(
            (t.raised, t.findings, t.approved, t.needs_work),
            (5, 4, 2, 2)
        );
        assert_eq!(t.rejected, 0, "a note or cold finding is not counted");
        assert_eq!(t.per_kloc(), 2.0);
        assert_eq!(t.needs_work_share(), 0.5);
        assert_eq!(
            (
                t.quick_wins.labelled,
                t.quick_wins.real,
                t.quick_wins.unlabeled
            ),
            (1, 1, 1),
            "the unlabeled quick win is counted apart, not as a miss"
        );
        assert_eq!((t.approved_p.real, t.approved_p.wrong), (1, 1));
        assert_eq!(t.approved_p.ratio(), Some(0.5));
        assert_eq!(t.surfaced.unlabeled, 1, "quick wins ∪ approved");
        assert_eq!((t.all.labelled, t.all.trivial), (3, 1));
    }

    #[test]
    fn the_sample_is_seeded_and_takes_every_surfaced_one() {
        let findings: Vec<Scored> = (0..40)
            .map(|i| {
                finding(
                    "src/a.rs",
                    i,
                    &format!("l{i}"),
                    Verdict::NeedsWork,
                    i % 10 == 0,
                )
            })
            .collect();
        let matched = vec![None; findings.len()];
        let a = to_judge(&findings, &matched, 5, 7);
        let b = to_judge(&findings, &matched, 5, 7);
        let c = to_judge(&findings, &matched, 5, 8);
        assert_eq!(a, b, "the same seed draws the same sample");
        assert_ne!(a, c, "another seed draws another sample");
        assert_eq!(&a[..4], &[0, 10, 20, 30], "all surfaced ones come first");
        assert_eq!(a.len(), 9);
    }

    #[test]
    fn check_catches_each_kind_of_mistake() {
        let good = label("src/a.rs", 3, "let s = x.clone();", Judgement::Real);
        assert!(check_labels(std::slice::from_ref(&good), &crate_list()).is_empty());
        let check = |edit: &dyn Fn(&mut Label), expect: &str| {
            let mut l = good.clone();
            edit(&mut l);
            let problems = check_labels(&[l], &crate_list());
            assert!(
                problems.iter().any(|p| p.contains(expect)),
                "expected a problem containing `{expect}`, got {problems:?}"
            );
        };
        check(
            &|l| l.crate_name = "ripgrep".into(),
            "not in the crate list",
        );
        check(&|l| l.split = Split::Holdout, "split is");
        check(&|l| l.why = "  ".into(), "`why` is empty");
        check(&|l| l.code = " let s = x.clone();".into(), "trimmed");
        check(&|l| l.file = "/abs.rs".into(), "crate-relative");
        let twice = check_labels(&[good.clone(), good.clone()], &crate_list());
        assert!(twice.iter().any(|p| p.contains("twice")), "{twice:?}");
    }

    #[test]
    fn unknown_verdicts_and_categories_do_not_parse() {
        let base = |verdict: &str, category: &str| {
            format!(
                "[[label]]\ncrate = \"bat\"\nfile = \"src/a.rs\"\ncategory = \"{category}\"\n\
                 line = 1\ncode = \"x\"\nverdict = \"{verdict}\"\nwhy = \"w\"\nsplit = \"tune\"\n"
            )
        };
        assert!(parse_labels(&base("REAL", "ALLOCATION_LOOP")).is_ok());
        assert!(parse_labels(&base("MAYBE", "ALLOCATION_LOOP")).is_err());
        assert!(parse_labels(&base("REAL", "SLOW_CODE")).is_err());
    }

    #[test]
    fn a_filled_in_stub_is_a_sound_label_that_matches_its_finding() {
        let f = finding(
            "src/a.rs",
            7,
            r#"let s = format!("{{\"{x}\"}}", x = '\\');"#,
            Verdict::NeedsWork,
            false,
        );
        let stub = stub(&f, Split::Tune);
        assert!(
            parse_labels(&stub).is_err(),
            "an unjudged stub must not pass for a label"
        );
        let filled = stub
            .replace("verdict = \"\"", "verdict = \"TRIVIAL\"")
            .replace("why = \"\"", "why = \"runs once\"");
        let labels = parse_labels(&filled).expect("a filled-in stub parses");
        assert!(check_labels(&labels, &crate_list()).is_empty());
        assert_eq!(
            match_labels(std::slice::from_ref(&f), &labels),
            vec![Some(0)],
            "the code line survives escaping, so the label finds its finding again"
        );
    }

    #[test]
    fn toml_strings_round_trip() {
        let s = "let s = \"a\\\\b\";";
        let doc = format!("v = {}", toml_string(s));
        let back: toml::Table = toml::from_str(&doc).unwrap();
        assert_eq!(back["v"].as_str(), Some(s));
    }

    #[test]
    fn the_committed_labels_are_sound() {
        let crates = crate::sources::load_crates(&crate::sources::crates_toml())
            .expect("the crate list loads");
        let labels = load_labels(&labels_toml()).expect("tests/realness/labels.toml parses");
        let problems = check_labels(&labels, &crates);
        assert!(
            problems.is_empty(),
            "tests/realness/labels.toml has problems:\n{}",
            problems.join("\n")
        );
    }
}
