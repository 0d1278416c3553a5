//! How often code runs: the call graph's answer for a function, a file or a
//! finding (workflow spec 1.2 "Build call graph to identify hot paths").
//!
//! A [`Reach`] says how hot the code is ([`Heat`]), why it is cold when it is
//! ([`ColdKind`]), and the chain of reasons a person can follow ("called per
//! line from `print_line` (src/printer.rs:120) ← per file from `run`").
//! Findings in cold code are kept and shown with their reason, but never
//! surfaced: not APPROVED, not in Quick Wins, not counted in the summary.

use serde::{Deserialize, Serialize};

/// How often a piece of code runs relative to the work the program does.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Heat {
    /// Runs per element of the data: inside a loop or an iterator chain, per
    /// event of an event loop, per request, per frame — or is called from
    /// such code.
    Hot,
    /// Runs per call of an entry point (a public function, a trait method
    /// that std or a framework calls) with no loop known around it.
    Warm,
    /// Runs once per process or only at build/test time, or only on an
    /// error path: see [`ColdKind`].
    Cold,
    /// No caller is known (a private function nobody in the workspace calls,
    /// or calls that could not be resolved).
    Unknown,
}

impl Heat {
    pub fn as_str(self) -> &'static str {
        match self {
            Heat::Hot => "hot",
            Heat::Warm => "warm",
            Heat::Cold => "cold",
            Heat::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for Heat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why code is cold.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum ColdKind {
    /// `#[test]`, `#[cfg(test)]` items and the files of modules declared
    /// under `#[cfg(test)]`, `tests/` targets, test-support crates.
    Test,
    /// Benchmarks, examples, fuzz targets, `xtask` and other developer tools.
    DevTool,
    /// `build.rs` and what only it reaches.
    Build,
    /// Error and panic paths, and what is reachable only from them.
    ErrorPath,
    /// `Debug` impls, help, usage, man pages, shell completions, version text.
    Diagnostics,
    /// Command-line parsing and one-time initialisation before the main loop.
    Setup,
    /// A file in no module tree of its crate: no target compiles it.
    NotCompiled,
}

impl ColdKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ColdKind::Test => "test",
            ColdKind::DevTool => "dev_tool",
            ColdKind::Build => "build",
            ColdKind::ErrorPath => "error_path",
            ColdKind::Diagnostics => "diagnostics",
            ColdKind::Setup => "setup",
            ColdKind::NotCompiled => "not_compiled",
        }
    }

    /// How a report names it: "test code", "an error path", ….
    pub fn label(self) -> &'static str {
        match self {
            ColdKind::Test => "test code",
            ColdKind::DevTool => "a developer tool, benchmark or example",
            ColdKind::Build => "a build script",
            ColdKind::ErrorPath => "an error or panic path",
            ColdKind::Diagnostics => "diagnostics (Debug, help, usage)",
            ColdKind::Setup => "one-time setup",
            ColdKind::NotCompiled => "code no target compiles",
        }
    }
}

/// The call graph's verdict on how often a function (or the code of a
/// finding) runs, with the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Reach {
    pub heat: Heat,
    /// Set when `heat` is [`Heat::Cold`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cold: Option<ColdKind>,
    /// Loop nesting around the code along the hottest known path (0 when
    /// not in a loop anywhere on it).
    #[serde(default)]
    pub loop_depth: u32,
    /// The chain a person can follow, innermost first: "called per line from
    /// `print_line` (src/printer.rs:120)", "← per file from `run` (src/main.rs:40)".
    #[serde(default)]
    pub reasons: Vec<String>,
    /// A loop up the chain whose every pass also starts a child process,
    /// when there is one: work beside a process start is measured against
    /// its cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub process_per_pass: Option<ProcessPerPass>,
    /// For a field or static declaration: where the workspace grows it and
    /// whether any of that growth can go on without bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub growth: Option<FieldGrowth>,
}

/// Where a field or static collection grows, by the call graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FieldGrowth {
    /// Each place that grows it, with how often it runs:
    /// "`Scheduler::run_benchmarks` (src/benchmark/scheduler.rs:34): per
    /// iteration of `for cmd in commands` ← called once per call from `main`".
    pub sites: Vec<String>,
    /// Why one of them may grow it without bound (per pass of an event loop,
    /// per call of a library's API, per request, no caller known); `None`
    /// when every site runs a bounded number of times per process: once,
    /// or per element of collections walked from `main` or setup.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unbounded: Option<String>,
}

/// A loop that repeats the code and starts a child process on every pass
/// (a benchmark runner's loop over the runs of a command, a build tool's
/// loop over the compiler calls).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProcessPerPass {
    /// The loop's unit of work: "iteration of `for i in 0..runs`".
    pub unit: String,
    /// Where the loop starts: "src/benchmark/mod.rs:295".
    pub at: String,
    /// Where the process is started: "src/timer/mod.rs:93".
    pub start: String,
    /// The loops between that loop and the code, innermost first, by unit.
    #[serde(default)]
    pub inner: Vec<String>,
}

impl Reach {
    /// Code a report may surface (APPROVED, Quick Wins, the summary's counts):
    /// everything but cold code.
    pub fn surfaces(&self) -> bool {
        self.heat != Heat::Cold
    }

    /// One line: "hot: called per line from `print_line` (src/printer.rs:120)".
    pub fn summary(&self) -> String {
        let what = match (self.heat, self.cold) {
            (Heat::Cold, Some(kind)) => format!("cold ({})", kind.label()),
            (heat, _) => heat.as_str().to_owned(),
        };
        match self.reasons.first() {
            Some(r) => format!("{what}: {r}"),
            None => what,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cold_code_never_surfaces_and_says_why() {
        let r = Reach {
            heat: Heat::Cold,
            cold: Some(ColdKind::Test),
            loop_depth: 0,
            reasons: vec!["in `mod tests` (#[cfg(test)])".into()],
            process_per_pass: None,
            growth: None,
        };
        assert!(!r.surfaces(), "cold code must never be surfaced");
        assert_eq!(
            r.summary(),
            "cold (test code): in `mod tests` (#[cfg(test)])"
        );
        let hot = Reach {
            heat: Heat::Hot,
            cold: None,
            loop_depth: 1,
            reasons: vec![],
            process_per_pass: None,
            growth: None,
        };
        assert!(hot.surfaces());
        assert_eq!(hot.summary(), "hot");
    }

    #[test]
    fn reach_round_trips_and_old_json_decodes() {
        let r = Reach {
            heat: Heat::Cold,
            cold: Some(ColdKind::ErrorPath),
            loop_depth: 2,
            reasons: vec!["a".into(), "b".into()],
            process_per_pass: None,
            growth: None,
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Reach>(&json).unwrap(), r);
        let bare: Reach = serde_json::from_str(r#"{"heat":"hot"}"#).unwrap();
        assert_eq!(bare.heat, Heat::Hot);
        assert!(bare.reasons.is_empty());
    }
}
