//! Scope: the crates and files of a workspace with their priorities and the
//! reasons behind them (workflow spec sections 1.2–1.4), plus the user's
//! overrides from `scope.md`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{ParseEnumError, Priority};

/// One signal that contributed to a priority score, with where it fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Reason {
    /// Machine-readable signal name, e.g. `name:worker`, `dep:tokio`,
    /// `code:async_file_open`, `code:loop_over_rows`, `code:render`.
    pub signal: String,
    /// Workspace-relative file where it fired (a `Cargo.toml` for name and
    /// dependency signals).
    pub file: String,
    /// 1-based line, when the signal has one.
    pub line: Option<u32>,
    /// What it added to the score (the spec's weights: file I/O ×3,
    /// iteration ×2, render ×1; name signals force a minimum).
    pub weight: i32,
    /// Human-readable explanation, e.g. "`async fn load` opens a file".
    #[serde(default)]
    pub detail: String,
}

/// A source file in scope with its priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FileScope {
    /// Workspace-relative path with `/` separators.
    pub path: String,
    pub priority: Priority,
    pub score: i32,
    pub reasons: Vec<Reason>,
    /// Lines of code, for sizing and progress.
    #[serde(default)]
    pub lines: u32,
    /// True when the file is reachable from a target root through `mod`
    /// declarations; false for stray `.rs` files found by walking.
    #[serde(default)]
    pub in_module_tree: bool,
    /// Set when an override changed this file's inclusion or priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overridden: Option<String>,
    /// The file's functions with how hot each runs and its priority, from
    /// the workspace call graph (empty when the file was not parsed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<FnScope>,
}

/// One function of a file: how hot it runs, its priority and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FnScope {
    /// Item path inside the file's module (`Printer::print_line`).
    pub name: String,
    /// 1-based line of the `fn`.
    pub line: u32,
    /// Last line of the body.
    pub end: u32,
    pub priority: Priority,
    pub heat: crate::Heat,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cold: Option<crate::ColdKind>,
    /// Why, as the call graph sees it: "called per line from `print_file`
    /// (src/printer.rs:120) ← entry: `fn main` (src/main.rs:12)".
    pub reason: String,
}

/// A crate in scope: its priority, the reasons, and its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CrateScope {
    pub name: String,
    /// Workspace-relative directory of the crate's `Cargo.toml` (`.` for the root).
    pub path: String,
    pub priority: Priority,
    pub score: i32,
    pub reasons: Vec<Reason>,
    pub files: Vec<FileScope>,
    /// Set when the crate's manifest could not be read; the crate is still
    /// listed so the user sees it, with no files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A path left out of the audit, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Excluded {
    pub path: String,
    pub reason: String,
}

/// A problem that did not stop discovery: a broken manifest, an unreadable
/// folder, a malformed `scope.md` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Warning {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{file}:{line}: {}", self.message),
            (Some(file), None) => write!(f, "{file}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

/// What the audit concentrates on (workflow spec step 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    /// Arena opportunities: ARENA_CANDIDATE, ALLOCATION_LOOP, LIFETIME_EXTENSION.
    Arena,
    /// Clone reduction: UNNECESSARY_CLONE (and clones inside loops).
    Clones,
    /// All six categories.
    #[default]
    Full,
}

impl Focus {
    pub fn as_str(self) -> &'static str {
        match self {
            Focus::Arena => "arena",
            Focus::Clones => "clones",
            Focus::Full => "full",
        }
    }

    /// Whether a category is examined under this focus.
    pub fn includes(self, category: crate::Category) -> bool {
        use crate::Category::*;
        match self {
            Focus::Full => true,
            Focus::Arena => matches!(
                category,
                ArenaCandidate | AllocationLoop | LifetimeExtension
            ),
            Focus::Clones => matches!(category, UnnecessaryClone | AllocationLoop),
        }
    }
}

impl FromStr for Focus {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "arena" | "arena-heavy" => Ok(Focus::Arena),
            "clones" | "clone" | "clone-reduction" => Ok(Focus::Clones),
            "full" | "all" => Ok(Focus::Full),
            _ => Err(ParseEnumError::new("focus (arena, clones, full)", s)),
        }
    }
}

/// Which priorities are analysed (workflow spec 6.3: P0 only | P0-P1 | all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PriorityFilter {
    P0,
    P0P1,
    #[default]
    All,
}

impl PriorityFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            PriorityFilter::P0 => "p0",
            PriorityFilter::P0P1 => "p0-p1",
            PriorityFilter::All => "all",
        }
    }

    pub fn admits(self, p: Priority) -> bool {
        match self {
            PriorityFilter::P0 => p == Priority::P0,
            PriorityFilter::P0P1 => p <= Priority::P1,
            PriorityFilter::All => true,
        }
    }
}

impl FromStr for PriorityFilter {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '_'], "-")
            .as_str()
        {
            "p0" | "p0-only" => Ok(PriorityFilter::P0),
            "p0-p1" | "p0p1" => Ok(PriorityFilter::P0P1),
            "all" => Ok(PriorityFilter::All),
            _ => Err(ParseEnumError::new("priority filter (p0, p0-p1, all)", s)),
        }
    }
}

/// The user's overrides from `scope.md` (workflow spec section 1.3). Patterns
/// are workspace-relative globs; a pattern ending in `/` matches everything
/// below that folder.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct ScopeOverrides {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub force_priority: Vec<ForcedPriority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_filter: Option<PriorityFilter>,
}

impl ScopeOverrides {
    pub fn is_empty(&self) -> bool {
        self.include.is_empty()
            && self.exclude.is_empty()
            && self.force_priority.is_empty()
            && self.focus.is_none()
            && self.priority_filter.is_none()
    }
}

/// `crates/critical_module: P0`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ForcedPriority {
    pub pattern: String,
    pub priority: Priority,
}

/// What one override did, so the user can see it took effect (or did not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct OverrideEffect {
    /// `include`, `exclude` or `force_priority`.
    pub kind: String,
    pub pattern: String,
    /// Workspace-relative paths the override matched.
    pub matched: Vec<String>,
    /// e.g. "excluded 3 files", "matched nothing".
    pub summary: String,
}

/// A workspace's scope: discovery + scoring + overrides. Serialises to the
/// documented `memaudit scope --format json` shape.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Scope {
    /// Absolute path of the workspace root, as discovered.
    pub workspace: String,
    /// Crates, highest priority first.
    pub crates: Vec<CrateScope>,
    pub excluded: Vec<Excluded>,
    pub warnings: Vec<Warning>,
    #[serde(default)]
    pub overrides: ScopeOverrides,
    #[serde(default)]
    pub effects: Vec<OverrideEffect>,
    #[serde(default)]
    pub focus: Focus,
    #[serde(default)]
    pub priority_filter: PriorityFilter,
    /// The `scope.md` whose overrides were applied (workspace-relative, or
    /// absolute when outside the workspace); `None` when none was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub scope_md: Option<String>,
}

impl Scope {
    /// Every file in scope with its crate, highest priority first, ties by path.
    pub fn files_by_priority(&self) -> Vec<(&CrateScope, &FileScope)> {
        let mut files: Vec<_> = self
            .crates
            .iter()
            .flat_map(|c| c.files.iter().map(move |f| (c, f)))
            .collect();
        files.sort_by(|a, b| {
            (a.1.priority, std::cmp::Reverse(a.1.score), &a.1.path).cmp(&(
                b.1.priority,
                std::cmp::Reverse(b.1.score),
                &b.1.path,
            ))
        });
        files
    }

    /// The crate a workspace-relative file belongs to, if any.
    pub fn crate_of(&self, file: &str) -> Option<&CrateScope> {
        self.crates
            .iter()
            .find(|c| c.files.iter().any(|f| f.path == file))
    }
}
