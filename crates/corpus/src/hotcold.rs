//! Hot/cold labels (`tests/hotcold/labels.toml`) and how discovery's
//! priorities agree with them: a function or file labelled hot must come out
//! P0 or P1, one labelled cold P3 (or out of scope).
//!
//! This module must NOT tune anything: it reads labels, matches them to a
//! [`Scope`] and counts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use memaudit_model::{Priority, Scope};
use serde::Deserialize;

use crate::sources::{workspace_root, Split};

/// Which side of the line a label puts code on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Hot,
    Cold,
}

/// One label: a function (or `*` for the whole file) of a crate.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    #[serde(rename = "crate")]
    pub krate: String,
    pub file: String,
    pub item: String,
    pub line: u32,
    pub side: Side,
    pub why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelFile {
    #[serde(rename = "label", default)]
    labels: Vec<Label>,
}

pub fn labels_toml() -> PathBuf {
    workspace_root().join("tests/hotcold/labels.toml")
}

/// Reads the labels; a malformed file is an error naming it.
pub fn load_labels(path: &Path) -> anyhow::Result<Vec<Label>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
    let file: LabelFile =
        toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(file.labels)
}

/// How one label came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub label: Label,
    /// The priority discovery gave (None: not in scope, or the function was
    /// not found).
    pub got: Option<Priority>,
    /// Discovery's reason for it.
    pub reason: String,
    pub agrees: bool,
}

/// The last path segment of a label's item (`Printer for X::print_line` →
/// `print_line`).
fn short_name(item: &str) -> &str {
    item.rsplit("::").next().unwrap_or(item).trim()
}

/// Matches `labels` of one crate against its scope. File paths in labels
/// are relative to the crate folder; `crate_dir` is that folder relative to
/// the scope's workspace (`.` for a crate audited alone).
pub fn judge(labels: &[Label], scope: &Scope, crate_dir: &str) -> Vec<Outcome> {
    labels
        .iter()
        .map(|l| {
            let path = if crate_dir == "." {
                l.file.clone()
            } else {
                format!("{crate_dir}/{}", l.file)
            };
            let file = scope
                .crates
                .iter()
                .flat_map(|c| c.files.iter())
                .find(|f| f.path == path);
            let (got, reason) = match file {
                None => (None, "not in scope".to_owned()),
                Some(f) if l.item == "*" => (
                    Some(f.priority),
                    f.reasons
                        .first()
                        .map(|r| r.detail.clone())
                        .unwrap_or_default(),
                ),
                Some(f) => {
                    let name = short_name(&l.item);
                    let by_line = f
                        .functions
                        .iter()
                        .filter(|g| g.line.abs_diff(l.line) <= 3 && short_name(&g.name) == name)
                        .min_by_key(|g| g.line.abs_diff(l.line));
                    match by_line {
                        Some(g) => (
                            Some(g.priority),
                            format!("{} ({:?}): {}", g.name, g.heat, g.reason),
                        ),
                        None => (None, format!("no function `{name}` near line {}", l.line)),
                    }
                }
            };
            let agrees = match (l.side, got) {
                (Side::Hot, Some(p)) => p <= Priority::P1,
                (Side::Cold, Some(p)) => p == Priority::P3,
                // Out of scope counts as cold; a missing function is a miss.
                (Side::Cold, None) => file.is_none(),
                (Side::Hot, None) => false,
            };
            Outcome {
                label: l.clone(),
                got,
                reason,
                agrees,
            }
        })
        .collect()
}

/// Agreement per crate, with the crate's split.
pub type Rows = BTreeMap<String, (Split, Tally)>;

/// Fetches every listed crate (of `split`, or all), discovers and scores it
/// as a workspace of its own, and judges its labels. A crate that cannot be
/// fetched or discovered is an error naming it.
pub fn run(split: Option<Split>) -> anyhow::Result<(Rows, Vec<Outcome>)> {
    let labels = load_labels(&labels_toml())?;
    let crates = crate::sources::load_crates(&crate::sources::crates_toml())?;
    let mut rows = BTreeMap::new();
    let mut outcomes = Vec::new();
    for c in crates.iter().filter(|c| split.is_none_or(|s| s == c.split)) {
        let mine: Vec<Label> = labels
            .iter()
            .filter(|l| l.krate == c.name)
            .cloned()
            .collect();
        if mine.is_empty() {
            continue;
        }
        let dir = crate::sources::fetch_into(c, &crate::sources::cache_root())
            .map_err(|e| anyhow::anyhow!("fetching {}: {e}", c.id()))?;
        let opts = memaudit_discovery::DiscoverOptions {
            // The crates' own dependencies are not on this machine: read the
            // manifest instead of asking cargo to resolve them.
            use_cargo_metadata: false,
            ..memaudit_discovery::DiscoverOptions::default()
        };
        let scope = memaudit_discovery::load_scope(&dir, None, &opts)
            .map_err(|e| anyhow::anyhow!("discovering {}: {e}", c.id()))?;
        let judged = judge(&mine, &scope, ".");
        let mut t = Tally::default();
        for o in &judged {
            t.add(o);
        }
        rows.insert(c.name.clone(), (c.split, t));
        outcomes.extend(judged);
    }
    Ok((rows, outcomes))
}

/// Agreement per crate and per split.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub labels: u32,
    pub agree: u32,
    pub hot: u32,
    pub hot_agree: u32,
    pub cold: u32,
    pub cold_agree: u32,
}

impl Tally {
    pub fn add(&mut self, o: &Outcome) {
        self.labels += 1;
        self.agree += o.agrees as u32;
        match o.label.side {
            Side::Hot => {
                self.hot += 1;
                self.hot_agree += o.agrees as u32;
            }
            Side::Cold => {
                self.cold += 1;
                self.cold_agree += o.agrees as u32;
            }
        }
    }

    pub fn share(&self) -> f64 {
        if self.labels == 0 {
            0.0
        } else {
            self.agree as f64 / self.labels as f64
        }
    }
}

/// A printable table: crate rows, then tune, holdout and total.
pub fn table(rows: &Rows) -> String {
    let mut out =
        String::from("crate              split    labels  right   hot right  cold right  share\n");
    let mut tune = Tally::default();
    let mut hold = Tally::default();
    let line = |name: &str, split: &str, t: &Tally| {
        format!(
            "{name:<18} {split:<8} {:>6} {:>6} {:>5}/{:<5} {:>5}/{:<5} {:>5.2}\n",
            t.labels,
            t.agree,
            t.hot_agree,
            t.hot,
            t.cold_agree,
            t.cold,
            t.share()
        )
    };
    for (name, (split, t)) in rows {
        out.push_str(&line(name, split.as_str(), t));
        let sum = if *split == Split::Tune {
            &mut tune
        } else {
            &mut hold
        };
        for f in [
            (&mut sum.labels, t.labels),
            (&mut sum.agree, t.agree),
            (&mut sum.hot, t.hot),
            (&mut sum.hot_agree, t.hot_agree),
            (&mut sum.cold, t.cold),
            (&mut sum.cold_agree, t.cold_agree),
        ] {
            *f.0 += f.1;
        }
    }
    let mut all = tune;
    for f in [
        (&mut all.labels, hold.labels),
        (&mut all.agree, hold.agree),
        (&mut all.hot, hold.hot),
        (&mut all.hot_agree, hold.hot_agree),
        (&mut all.cold, hold.cold),
        (&mut all.cold_agree, hold.cold_agree),
    ] {
        *f.0 += f.1;
    }
    out.push_str(&line("tune", "", &tune));
    out.push_str(&line("holdout", "", &hold));
    out.push_str(&line("total", "", &all));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_labels_are_well_formed() {
        let labels = load_labels(&labels_toml()).expect("tests/hotcold/labels.toml parses");
        assert!(labels.len() >= 60, "the issue asks for at least 60 labels");
        let crates = crate::sources::load_crates(&crate::sources::crates_toml()).unwrap();
        for l in &labels {
            assert!(
                crates.iter().any(|c| c.name == l.krate),
                "label crate {} is listed in crates.toml",
                l.krate
            );
            assert!(
                !l.why.trim().is_empty(),
                "{}:{} has a reason",
                l.file,
                l.line
            );
            assert!(l.line >= 1);
        }
    }

    #[test]
    fn labels_match_functions_by_name_near_their_line() {
        use memaudit_model::{CrateScope, FileScope, FnScope, Heat};
        let f = |name: &str, line: u32, priority: Priority| FnScope {
            name: name.into(),
            line,
            end: line + 5,
            priority,
            heat: Heat::Hot,
            cold: None,
            reason: String::new(),
        };
        let scope = Scope {
            crates: vec![CrateScope {
                name: "c".into(),
                path: ".".into(),
                priority: Priority::P0,
                score: 0,
                reasons: vec![],
                error: None,
                files: vec![FileScope {
                    path: "src/a.rs".into(),
                    priority: Priority::P0,
                    score: 0,
                    reasons: vec![],
                    lines: 10,
                    in_module_tree: true,
                    overridden: None,
                    functions: vec![
                        f("P::next", 10, Priority::P0),
                        f("helper", 30, Priority::P3),
                    ],
                }],
            }],
            ..Scope::default()
        };
        let label = |item: &str, line: u32, side: Side| Label {
            krate: "c".into(),
            file: "src/a.rs".into(),
            item: item.into(),
            line,
            side,
            why: "x".into(),
        };
        let out = judge(
            &[
                label("Iterator for P::next", 11, Side::Hot),
                label("helper", 30, Side::Hot),
                label("gone", 50, Side::Cold),
            ],
            &scope,
            ".",
        );
        assert!(out[0].agrees, "hot label, P0 function");
        assert!(!out[1].agrees, "hot label, P3 function");
        assert!(
            !out[2].agrees,
            "a function that is not found is not agreement"
        );
    }
}
