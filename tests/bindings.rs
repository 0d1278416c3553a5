//! Generates the UI's TypeScript bindings from the Rust types that cross to
//! the web view (`ui/src/lib/bindings/types.ts`). CI runs this and fails when
//! the committed file differs, so the UI can never drift from the backend.

use std::path::Path;

use ts_rs::{Config, TS};

use memaudit::model::*;

macro_rules! decls {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$(<$t as TS>::decl($cfg)),*]
    };
}

fn generate() -> String {
    // Every integer crosses as a JSON number; none of ours exceeds 2^53.
    let cfg = Config::new().with_large_int("number");
    let cfg = &cfg;
    let declarations = decls![cfg;
        // Findings.
        Category, Priority, Confidence, Safety, Level, FindingSource, Impact, Tradeoffs, Finding,
        Skipped, AnalysisStats, Analysis, Heat, ColdKind, ProcessPerPass, FieldGrowth, Reach, Hunk, Edit,
        // Validation and report.
        Verdict, CheckStatus, Check, Answer, Assessment, ValidationIssue, Validation, Summary,
        QuickWin, MeasuredSummary, Basis, Figure, Recommendation, CrateFindingLine, CrateFindings, Deferred, Criterion, VerifiedSaving,
        SynthesisRecommendation, Synthesis, Report,
        // Scope.
        Reason, FileScope, FnScope, CrateScope, Excluded, Warning, Focus, PriorityFilter, ScopeOverrides,
        ForcedPriority, OverrideEffect, Scope,
        // Sessions.
        FindingState, DecisionKind, Decision, FocusRequest, RoundDecision, RoundStatus, Role,
        RoleRun, SessionInfo, FindingRecord, RoundRecord, Status, SessionExport,
        // What the compiler said about proposals' edits.
        FixStatus, CompileError, TestOutcome, CheckedFile, FixCheck, StoredFixCheck,
        AppliedFile, FixApplication,
        // The evidence behind a finding, as exports carry it.
        Workload, SiteFigures, RunFigures, Measured, VerificationEvidence, Evidence,
        memaudit::checks::CheckRequest, memaudit::checks::CheckProgress,
        memaudit::checks::CheckEventPayload, memaudit::checks::VerdictChange,
        memaudit::checks::CheckFigures, memaudit::checks::CheckOutcome,
        memaudit::checks::FixState, memaudit::checks::ApplyOutcome,
        // What the app opens a session with.
        FindingRow, ReportOverview, RoundOverview, SessionOverview,
        // Heap profiles.
        memaudit_profile::Tool, memaudit_profile::Target, memaudit_profile::SiteTotals,
        memaudit_profile::RunTotals, memaudit_profile::Outcome, memaudit_profile::Verification,
        memaudit::measured::MeasuredImpact, memaudit::measured::VerificationView,
        memaudit::measured::FindingPage, memaudit::measured::ProfileListing,
        memaudit::prompt::Handoff,
        memaudit::measured::SiteRow, memaudit::measured::ProfileView,
        memaudit::measured::ProfileSummaryView,
        // API layer.
        memaudit::RoundEvent, memaudit::watch::FilesChanged, memaudit::ErrorCode,
        memaudit::config::EngineKind, memaudit::config::ProviderChoice, memaudit::config::Settings,
        memaudit::workspaces::RecentWorkspace, memaudit::wire::StartOptions,
        memaudit::wire::DecideRequest, memaudit::wire::KeyStatus, memaudit::wire::AppInfo,
        memaudit::wire::ApiErrorPayload,
    ];
    let mut out = String::from(
        "// Generated from memaudit's Rust types by `cargo test -p memaudit --test bindings`.\n\
         // Do not edit: change the Rust types and run the test again.\n\n",
    );
    for d in declarations {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.push_str(
        "/** Provider names as the settings and the keychain spell them. */\n\
         export type Provider = ProviderChoice;\n\n\
         /** Export formats of `export_session`. */\n\
         export type ExportFormat = \"md\" | \"json\" | \"sarif\";\n\n\
         /** A watcher batch as the UI receives it (tagged like the round events). */\n\
         export type FilesChangedEvent = FilesChanged & { type: \"FilesChanged\" };\n\n\
         /** A fix check's progress as the UI receives it (tagged like the round events). */\n\
         export type CheckEvent = CheckEventPayload & { type: \"CheckEvent\" };\n\n\
         /** Everything the shell emits. */\n\
         export type AppEvent = RoundEvent | FilesChangedEvent | CheckEvent;\n",
    );
    out
}

#[test]
fn typescript_bindings_are_generated() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings/types.ts");
    let text = generate();
    assert!(
        text.contains("export type Finding"),
        "the model is exported"
    );
    let mut names: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("export type "))
        .filter_map(|l| l.split([' ', '<']).next())
        .collect();
    let all = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names.len(),
        all,
        "every type is declared once (a duplicate does not type-check)"
    );
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != text {
        std::fs::write(&path, &text).expect("writing the bindings");
    }
}
