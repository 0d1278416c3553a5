//! What the compiler said about a finding's edit: whether the edit, applied in
//! a scratch copy of the workspace, compiles (`cargo check`), which errors it
//! raised, whether the package's tests still pass, and which files (by
//! content hash) it was checked against — so that applying it later can
//! refuse when the workspace no longer matches.
//!
//! Plain data only: hashing, running cargo and parsing its output live in
//! `memaudit-check`; deciding what a result means for a verdict lives in
//! `memaudit-review`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Edit;

/// The outcome of checking one edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FixStatus {
    /// `cargo check` accepted the workspace with the edit applied.
    Compiles,
    /// The edit makes the package fail to compile; see the errors.
    Fails,
    /// The edit could not be judged: the workspace does not build as it is,
    /// the edit no longer applies, the check was cancelled, …
    NotChecked,
}

impl FixStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FixStatus::Compiles => "compiles",
            FixStatus::Fails => "fails",
            FixStatus::NotChecked => "not_checked",
        }
    }
}

impl fmt::Display for FixStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One compiler error the edit caused, as rustc reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CompileError {
    /// `E0597`, or `None` for errors without a code.
    pub code: Option<String>,
    /// rustc's one-line message: "`owned` does not live long enough".
    pub message: String,
    /// Workspace-relative file of the primary span.
    pub file: String,
    /// 1-based line of the primary span in the file *with the edit applied*.
    pub line: u32,
    /// 1-based line in the file as analysed, when the span is outside the
    /// edit's hunks (lines inside replaced text have no original line).
    pub original_line: Option<u32>,
    /// rustc's rendered diagnostic (with the edited code it points at), cut
    /// to a bounded length.
    pub rendered: String,
}

impl CompileError {
    /// `E0597: `x` does not live long enough (src/lib.rs:12)`.
    pub fn headline(&self) -> String {
        match &self.code {
            Some(c) => format!("{c}: {} ({}:{})", self.message, self.file, self.line),
            None => format!("{} ({}:{})", self.message, self.file, self.line),
        }
    }
}

/// The package's tests run with the edit applied.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct TestOutcome {
    /// The packages whose tests ran (`cargo test -p …`).
    pub packages: Vec<String>,
    pub passed: u32,
    /// Full names of the tests that failed with the edit and passed without it.
    pub failed: Vec<String>,
    /// Tests that already failed without the edit: not held against it.
    pub failing_before: Vec<String>,
    pub ignored: u32,
    /// Why the tests could not run (they did not build, the run timed out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<String>,
}

impl TestOutcome {
    /// True when the tests ran and none failed because of the edit.
    pub fn pass(&self) -> bool {
        self.error.is_none() && self.failed.is_empty()
    }
}

/// A file the edit was checked against: applying refuses when the file's
/// content hash differs now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CheckedFile {
    /// Workspace-relative path with `/`.
    pub file: String,
    /// blake3 of the file's bytes (hex) when it was checked.
    pub hash: String,
}

/// The compiler's verdict on one finding's edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FixCheck {
    pub finding_id: String,
    pub fingerprint: String,
    /// Identifies the edit that was checked (hash of its hunks): a result
    /// holds only for exactly that edit.
    pub edit_hash: String,
    /// The edit that was checked: applying the fix writes exactly this.
    pub edit: Edit,
    pub status: FixStatus,
    /// The errors the edit caused (empty unless `status` is `fails`).
    pub errors: Vec<CompileError>,
    /// The tests, when they were asked for and the edit compiled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub tests: Option<TestOutcome>,
    /// Why the edit was not checked (with `not_checked`), or a remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
    /// The packages checked, and how: `cargo check --all-targets -p csv`.
    pub command: String,
    /// The files the edit touches, as they were when checked.
    pub files: Vec<CheckedFile>,
    /// Wall time spent on this edit: its share of the batches it was in,
    /// plus any run of its own.
    pub duration_ms: u64,
    /// How many other edits were compiled with it in its last build (0 when
    /// it was built alone).
    pub batched_with: u32,
}

impl FixCheck {
    /// One line for reports: "compiles, 212 tests pass", "does not compile:
    /// E0597 …", "not checked: …".
    pub fn summary(&self) -> String {
        match self.status {
            FixStatus::Compiles => match &self.tests {
                None => "the edit compiles (cargo check)".to_owned(),
                Some(t) if t.pass() => format!(
                    "the edit compiles (cargo check) and {} test(s) of {} pass",
                    t.passed,
                    t.packages.join(", ")
                ),
                Some(t) => match &t.error {
                    Some(e) => {
                        format!("the edit compiles (cargo check); its tests did not run: {e}")
                    }
                    None => format!(
                        "the edit compiles (cargo check) but {} test(s) fail with it: {}",
                        t.failed.len(),
                        t.failed.join(", ")
                    ),
                },
            },
            FixStatus::Fails => match self.errors.first() {
                Some(e) => format!("the edit does not compile: {}", e.headline()),
                None => "the edit does not compile".to_owned(),
            },
            FixStatus::NotChecked => format!(
                "the edit was not checked: {}",
                self.note.as_deref().unwrap_or("no reason recorded")
            ),
        }
    }

    /// True when the edit compiled and no test it ran failed because of it.
    pub fn good(&self) -> bool {
        self.status == FixStatus::Compiles && self.tests.as_ref().is_none_or(TestOutcome::pass)
    }
}

/// A stored check result with where and when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StoredFixCheck {
    pub id: i64,
    pub round: u32,
    /// RFC 3339 UTC.
    pub checked_at: String,
    pub check: FixCheck,
}

/// A file as an applied fix changed it: enough to undo the change exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AppliedFile {
    pub file: String,
    /// The file's text before the fix was written.
    pub before: String,
    /// blake3 (hex) of the text the fix wrote: undo refuses when the file no
    /// longer has it.
    pub after_hash: String,
}

/// An edit written into the user's workspace on request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FixApplication {
    pub id: i64,
    pub finding_id: String,
    /// The check that allowed it.
    pub check_id: i64,
    pub files: Vec<AppliedFile>,
    /// RFC 3339 UTC.
    pub applied_at: String,
    /// When the user undid it, if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub undone_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(status: FixStatus) -> FixCheck {
        FixCheck {
            finding_id: "F-001".into(),
            fingerprint: "fp".into(),
            edit_hash: "h".into(),
            edit: Edit {
                summary: "drop the `.clone()`".into(),
                hunks: Vec::new(),
            },
            status,
            errors: Vec::new(),
            tests: None,
            note: None,
            command: "cargo check --all-targets -p demo".into(),
            files: Vec::new(),
            duration_ms: 10,
            batched_with: 0,
        }
    }

    #[test]
    fn summaries_say_what_the_compiler_said() {
        let mut c = check(FixStatus::Compiles);
        assert_eq!(c.summary(), "the edit compiles (cargo check)");
        c.tests = Some(TestOutcome {
            packages: vec!["demo".into()],
            passed: 212,
            ..TestOutcome::default()
        });
        assert_eq!(
            c.summary(),
            "the edit compiles (cargo check) and 212 test(s) of demo pass"
        );
        assert!(c.good(), "compiled and tested is good");
        c.tests.as_mut().unwrap().failed = vec!["tests::a".into()];
        assert!(!c.good(), "a test failing because of the edit is not good");
        assert!(c.summary().contains("1 test(s) fail"), "{}", c.summary());

        let mut f = check(FixStatus::Fails);
        f.errors.push(CompileError {
            code: Some("E0597".into()),
            message: "`owned` does not live long enough".into(),
            file: "src/lib.rs".into(),
            line: 12,
            original_line: Some(11),
            rendered: String::new(),
        });
        assert_eq!(
            f.summary(),
            "the edit does not compile: E0597: `owned` does not live long enough (src/lib.rs:12)"
        );
        let mut n = check(FixStatus::NotChecked);
        n.note = Some("the workspace does not build as it is".into());
        assert!(n.summary().ends_with("does not build as it is"));
        assert_eq!(
            serde_json::to_string(&FixStatus::NotChecked).unwrap(),
            "\"not_checked\""
        );
    }
}
