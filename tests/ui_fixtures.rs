//! Generates the UI fake backend's data from the real pipeline
//! (`ui/src/lib/backend/generated/`), so that the fake serves what the core
//! computes — findings, verdicts, the Coordinator's reports, session status,
//! finding rows and the report HTML — instead of a TypeScript copy of it.
//!
//! Two fixture workspaces are audited in a temporary SQLite store with the
//! built-in engines: `audit_demo` as the finished session of a workspace
//! that is gone (`/home/lead/src/legacy-etl`) and `ingest` as the active
//! session (`/home/lead/src/ingest`), whose workspace changes between its
//! rounds (a fix applied, new code added, a file changed after the round)
//! so that findings are new, persisting, fixed and stale. Decisions follow
//! the Validator's verdicts. What the fake simulates later (the active
//! session's next round, a new audit of `ingest`, the HTML of a round that
//! is still running or was cancelled) is run here too.
//!
//! Temporary paths become the fake's workspace paths and every timestamp a
//! fixed time derived from what it stamps, so the output is byte-stable; the
//! test generates everything twice and compares. CI fails when the committed
//! files differ (`scripts/test.sh`).

mod common;
use common::*;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use memaudit::documents::{self, APP_REPORT_LIMITS};
use memaudit::model::{
    Category, Decision, DecisionKind, FindingState, FocusRequest, RoleRun, RoundOverview,
    RoundRecord, RoundStatus, SessionExport, SessionInfo, SessionOverview, Status, Verdict,
};
use memaudit::rounds::{self, AuditOptions, Cancel, RoundOutcome};
use memaudit::sessions::{self, DecisionInput};
use memaudit::{RoundEvent, Store};
use serde::Serialize;

/// Where the fake says its workspaces are.
const INGEST: &str = "/home/lead/src/ingest";
const LEGACY: &str = "/home/lead/src/legacy-etl";

/// A round the fake installs when it simulates running it.
#[derive(Serialize)]
struct GeneratedRound {
    record: RoundRecord,
    overview: RoundOverview,
    /// The session and its status once the round finished.
    session: SessionInfo,
    status: Status,
    /// The report HTML's file in the generated folder.
    html: String,
}

#[derive(Serialize)]
struct GeneratedSession {
    /// As the store loads it (`load_finding` pages take their records from it).
    export: SessionExport,
    /// What `load_session` answers.
    overview: SessionOverview,
    /// The report HTML's file of each round, in round order.
    html: Vec<String>,
    /// Rounds after the last one, as the core ran them, for the fake's "next round".
    next: Vec<GeneratedRound>,
}

#[derive(Serialize)]
struct Placeholder {
    round: u32,
    running: String,
    interrupted: String,
}

#[derive(Serialize)]
struct Fixtures {
    /// What the fake starts with: the finished session, then the active one.
    sessions: Vec<GeneratedSession>,
    /// A new audit of `ingest` (the fake's "Start audit") before its first
    /// round has finished, then after it.
    fresh_started: SessionOverview,
    fresh: GeneratedSession,
    /// The report HTML of a round without a report yet, by round number.
    placeholders: Vec<Placeholder>,
}

/// Everything generated: file name → text.
type Files = Vec<(String, String)>;

/// The store, its file (rounds read it through a second connection while
/// they run) and the workspaces' temporary roots.
struct Gen {
    _dir: tempfile::TempDir,
    db: PathBuf,
    store: Store,
    ingest: PathBuf,
    legacy: PathBuf,
    /// HTML files by name, in the order they were made.
    html: Files,
}

fn options() -> AuditOptions {
    AuditOptions {
        // One analysis thread: the same order on every machine.
        threads: 1,
        write_files: false,
        ..AuditOptions::default()
    }
}

impl Gen {
    fn new() -> Gen {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let ingest = dir.path().join("ingest");
        let legacy = dir.path().join("legacy-etl");
        copy_dir(&fixture("ingest"), &ingest);
        copy_dir(&fixture("audit_demo"), &legacy);
        let db = dir.path().join("memaudit.db");
        let store = memaudit::open_database(&db).expect("the database opens");
        Gen {
            _dir: dir,
            db,
            store,
            ingest,
            legacy,
            html: Vec::new(),
        }
    }

    fn start(&self, workspace: &Path) -> SessionInfo {
        rounds::start_session(&self.store, workspace, &options()).expect("the session starts")
    }

    fn round(&self, session: &SessionInfo, focus: &[FocusRequest], note: &str) -> RoundOutcome {
        let cancel = Cancel::new();
        let outcome = if self.store.session(session.id).unwrap().rounds == 0 {
            rounds::run_round(&self.store, session.id, focus, &options(), &|_| {}, &cancel)
        } else {
            rounds::continue_session(
                &self.store,
                session.id,
                focus,
                note,
                &options(),
                &|_| {},
                &cancel,
            )
        }
        .expect("the round runs");
        assert_eq!(
            outcome.status,
            RoundStatus::AwaitingDecision,
            "round {} of {} finished: {:?}",
            outcome.round,
            session.name,
            outcome.warnings
        );
        outcome
    }

    fn decide(&self, session: &SessionInfo, id: &str, kind: DecisionKind, note: &str) {
        let until = (kind == DecisionKind::Defer)
            .then(|| self.store.session(session.id).unwrap().rounds + 2);
        rounds::decide(
            &self.store,
            session.id,
            &DecisionInput {
                finding_id: id.to_owned(),
                kind,
                note: note.to_owned(),
                defer_until_date: None,
                defer_until_round: until,
            },
        )
        .unwrap_or_else(|e| panic!("deciding {id} of {}: {e}", session.name));
    }

    /// Decides the latest round's open findings after the Validator's
    /// verdicts, skipping every `skip`-th one (0: none) so that some stay
    /// undecided for the triage screens.
    fn decide_by_verdict(&self, session: &SessionInfo, skip: usize) {
        let export = self.store.load_session(session.id).unwrap();
        let round = export.rounds.last().expect("a round");
        let open = round
            .findings
            .iter()
            .filter(|r| r.state != FindingState::Fixed && r.decision.is_none());
        for (i, r) in open.enumerate() {
            if skip > 0 && i % skip == skip - 1 {
                continue;
            }
            let (kind, note) = match r.validation.as_ref().map(|v| v.verdict) {
                Some(Verdict::Approved) => {
                    (DecisionKind::Implement, "Small change; do it this sprint.")
                }
                Some(Verdict::Rejected) => {
                    (DecisionKind::RejectFalsePositive, "The Validator is right.")
                }
                _ if i % 2 == 0 => (DecisionKind::Defer, "Measure with a heap profile first."),
                _ => (DecisionKind::RejectWontFix, "Not worth the API change."),
            };
            self.decide(session, &r.finding.id, kind, note);
        }
    }

    /// The report HTML of a round, as the app's `report_html` command renders it.
    fn report_html(&mut self, session: &SessionInfo, round: u32) -> String {
        let html = documents::report_html(&self.store, session.id, round, APP_REPORT_LIMITS)
            .expect("the report renders");
        let name = format!("report-s{}-r{round}.html", session.id);
        self.html.push((name.clone(), html));
        name
    }

    /// The session as the fake starts with it.
    fn snapshot(&mut self, session: &SessionInfo) -> GeneratedSession {
        let export = self.store.load_session(session.id).unwrap();
        let overview = sessions::overview(&self.store, session.id).unwrap();
        let html = (1..=export.rounds.len() as u32)
            .map(|r| self.report_html(session, r))
            .collect();
        GeneratedSession {
            export,
            overview,
            html,
            next: Vec::new(),
        }
    }

    /// The latest round of the session, for the fake to install when it
    /// simulates running it.
    fn latest_round(&mut self, session: &SessionInfo) -> GeneratedRound {
        let mut export = self.store.load_session(session.id).unwrap();
        let mut overview = sessions::overview(&self.store, session.id).unwrap();
        let record = export.rounds.pop().expect("a round");
        let html = self.report_html(session, record.number);
        GeneratedRound {
            overview: overview.rounds.pop().expect("a round"),
            session: overview.session,
            status: overview.status,
            record,
            html,
        }
    }

    /// What the report screen shows for round 1..=`rounds` while it runs
    /// and after it was cancelled: a throwaway session whose rounds are
    /// read through a second connection as the Validator starts, then
    /// cancelled there and resumed.
    fn placeholders(&mut self, rounds: u32) -> Vec<Placeholder> {
        let session = self.start(&self.legacy.clone());
        let reader = Mutex::new(memaudit::open_database(&self.db).unwrap());
        let mut out = Vec::new();
        for number in 1..=rounds {
            if number > 1 {
                sessions::decide_round_continue(&self.store, session.id, &[], "").unwrap();
            }
            let cancel = Cancel::new();
            let running = Mutex::new(None);
            let emit = |e: RoundEvent| {
                if let RoundEvent::RoleStarted {
                    role: memaudit::model::Role::Validator,
                    ..
                } = e
                {
                    let store = reader.lock().unwrap();
                    let html =
                        documents::report_html(&store, session.id, number, APP_REPORT_LIMITS)
                            .expect("a running round's report renders");
                    *running.lock().unwrap() = Some(html);
                    cancel.cancel();
                }
            };
            let stopped =
                rounds::run_round(&self.store, session.id, &[], &options(), &emit, &cancel);
            assert!(
                matches!(stopped, Err(memaudit::ApiError::Cancelled)),
                "the round stops when cancelled: {stopped:?}"
            );
            let interrupted =
                documents::report_html(&self.store, session.id, number, APP_REPORT_LIMITS).unwrap();
            let running = running
                .into_inner()
                .unwrap()
                .expect("the Validator started");
            for (status, html) in [("running", &running), ("interrupted", &interrupted)] {
                assert!(
                    html.contains(&format!("Round {number}")) && html.contains(status),
                    "the placeholder names the round and its status: {html}"
                );
                self.html
                    .push((format!("report-r{number}-{status}.html"), html.clone()));
            }
            out.push(Placeholder {
                round: number,
                running: format!("report-r{number}-running.html"),
                interrupted: format!("report-r{number}-interrupted.html"),
            });
            rounds::resume_round(&self.store, session.id, &options(), &|_| {}, &Cancel::new())
                .expect("the round resumes");
        }
        out
    }
}

/// Rewrites a file of a workspace copy: `from` must occur once.
fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{file} must contain the edited text once: {from}"
    );
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

/// Runs the sessions and collects the fixtures.
fn run() -> (Fixtures, Gen) {
    let mut g = Gen::new();

    // The finished session of a workspace that is gone: two rounds, every
    // finding decided, terminated.
    let legacy = g.start(&g.legacy.clone());
    g.round(&legacy, &[], "");
    g.decide_by_verdict(&legacy, 3);
    g.round(&legacy, &[], "Everything once more after the fixes.");
    g.decide_by_verdict(&legacy, 0);
    rounds::terminate(&g.store, legacy.id, "Enough for this quarter.").unwrap();
    let legacy = g.snapshot(&legacy);

    // The active session: round 1 decided, a fix applied and new code added,
    // round 2 partly decided, then a file changed after it.
    let active = g.start(&g.ingest.clone());
    g.round(&active, &[], "");
    g.decide_by_verdict(&active, 4);
    edit(
        &g.ingest,
        "crates/worker/src/bridge.rs",
        "            let schema = self.schema.clone();\n            let bytes = encode_row(&schema.names, row);",
        "            let bytes = encode_row(&self.schema.names, row);",
    );
    edit(
        &g.ingest,
        "crates/scan/src/walk.rs",
        "/// Names every found file for the log.",
        "/// The found files with their sizes and depths, for the progress line.\n\
         pub fn sizes(found: &[String]) -> Vec<(String, u64, usize)> {\n    \
             let mut out = Vec::new();\n    \
             for f in found {\n        \
                 let name = f.clone();\n        \
                 let len = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);\n        \
                 let parts: Vec<&str> = f.split('/').collect();\n        \
                 out.push((name, len, parts.len()));\n    \
             }\n    \
             out\n\
         }\n\n\
         /// Names every found file for the log.",
    );
    g.round(&active, &[], "Look again after the bridge fix.");
    g.decide_by_verdict(&active, 2);
    let changed = memaudit::watch::FilesChanged {
        workspace: active.workspace.clone(),
        files: vec!["crates/worker/src/batch.rs".into()],
        manifests: Vec::new(),
        scope_files: Vec::new(),
        stale_findings: 0,
    };
    assert!(
        sessions::mark_changed(&g.store, &changed).unwrap() > 0,
        "the changed file had findings to mark stale"
    );
    let mut active_snapshot = g.snapshot(&active);
    // The fake's "next round" of the active session.
    g.round(
        &active,
        &[FocusRequest::Crate("ingest-worker".into())],
        "Look deeper at the worker.",
    );
    active_snapshot.next.push(g.latest_round(&active));

    // The fake's "Start audit" of `ingest`, and that session's next round.
    let fresh = g.start(&g.ingest.clone());
    let fresh_started = sessions::overview(&g.store, fresh.id).unwrap();
    g.round(&fresh, &[], "");
    let mut fresh_snapshot = g.snapshot(&fresh);
    g.round(&fresh, &[], "");
    fresh_snapshot.next.push(g.latest_round(&fresh));

    let placeholders = g.placeholders(3);
    let fixtures = Fixtures {
        sessions: vec![legacy, active_snapshot],
        fresh_started,
        fresh: fresh_snapshot,
        placeholders,
    };
    (fixtures, g)
}

/// The fixed time of day `day` of March 2025, `seconds` after 09:30.
fn at(day: u32, seconds: u32) -> String {
    let (h, m, s) = (
        9 + (30 * 60 + seconds) / 3600,
        (30 + seconds / 60) % 60,
        seconds % 60,
    );
    format!("2025-03-{day:02}T{h:02}:{m:02}:{s:02}.000Z")
}

/// Role runs take these fixed durations (ms).
fn role_duration(run: &RoleRun) -> u64 {
    match run.role {
        Some(memaudit::model::Role::Analyst) => 820,
        Some(memaudit::model::Role::Validator) => 340,
        Some(memaudit::model::Role::Coordinator) => 45,
        None => 10,
    }
}

/// Fixed times for a session whose round `n` ran on day `first + 2(n-1)`:
/// a round starts at 09:30, its roles run one after another, a decision is
/// made at 10:00 plus the finding's number in minutes.
struct Clock {
    first: u32,
}

impl Clock {
    fn day(&self, round: u32) -> u32 {
        self.first + 2 * (round.max(1) - 1)
    }

    fn round(
        &self,
        number: u32,
        started: &mut String,
        finished: &mut Option<String>,
        runs: &mut [RoleRun],
    ) {
        let day = self.day(number);
        *started = at(day, 0);
        let mut t = 0u64;
        for run in runs {
            let ms = role_duration(run);
            run.started_at = format!("{}{:03}Z", &at(day, (t / 1000) as u32)[..20], t % 1000);
            t += ms;
            if run.finished_at.is_some() {
                run.finished_at = Some(format!(
                    "{}{:03}Z",
                    &at(day, (t / 1000) as u32)[..20],
                    t % 1000
                ));
                run.duration_ms = Some(ms);
            }
        }
        if finished.is_some() {
            *finished = Some(at(day, 2));
        }
    }

    fn decision(&self, d: &mut Decision) {
        let number: u32 = d.finding_id.trim_start_matches("F-").parse().unwrap_or(0);
        d.decided_at = at(self.day(d.round), 30 * 60 + 60 * number);
    }

    fn info(&self, info: &mut SessionInfo) {
        info.created_at = at(self.first, 0);
        info.updated_at = at(self.day(info.rounds), 7 * 3600);
    }

    fn export(&self, e: &mut SessionExport) {
        self.info(&mut e.session);
        for r in &mut e.rounds {
            self.round(
                r.number,
                &mut r.started_at,
                &mut r.finished_at,
                &mut r.role_runs,
            );
            for f in &mut r.findings {
                if let Some(d) = &mut f.decision {
                    self.decision(d);
                }
            }
        }
    }

    fn overview(&self, o: &mut SessionOverview) {
        self.info(&mut o.session);
        for r in &mut o.rounds {
            self.round_overview(r);
        }
    }

    fn round_overview(&self, r: &mut RoundOverview) {
        self.round(
            r.number,
            &mut r.started_at,
            &mut r.finished_at,
            &mut r.role_runs,
        );
        for f in &mut r.findings {
            if let Some(d) = &mut f.decision {
                self.decision(d);
            }
        }
    }

    fn session(&self, s: &mut GeneratedSession) {
        self.export(&mut s.export);
        self.overview(&mut s.overview);
        for n in &mut s.next {
            let r = &mut n.record;
            self.round(
                r.number,
                &mut r.started_at,
                &mut r.finished_at,
                &mut r.role_runs,
            );
            for f in &mut r.findings {
                if let Some(d) = &mut f.decision {
                    self.decision(d);
                }
            }
            self.round_overview(&mut n.overview);
            self.info(&mut n.session);
        }
    }
}

/// Fixed times and paths, then the files: the TypeScript module with the
/// sessions and one HTML file per rendered report.
fn generate() -> Files {
    let (mut fixtures, g) = run();
    // The legacy session ran on 2 and 4 March, the active one on 10, 12
    // (and its next round on 14), the fresh audit on 16 and 18.
    Clock { first: 2 }.session(&mut fixtures.sessions[0]);
    Clock { first: 10 }.session(&mut fixtures.sessions[1]);
    Clock { first: 16 }.session(&mut fixtures.fresh);
    Clock { first: 16 }.overview(&mut fixtures.fresh_started);

    let mut roots: Vec<(String, &str)> = Vec::new();
    for (tmp, fake) in [(&g.ingest, INGEST), (&g.legacy, LEGACY)] {
        roots.push((tmp.display().to_string(), fake));
        if let Ok(c) = tmp.canonicalize() {
            roots.push((c.display().to_string(), fake));
        }
    }
    let fix_paths = |text: String| {
        roots
            .iter()
            .fold(text, |t, (tmp, fake)| t.replace(tmp.as_str(), fake))
    };

    let json = serde_json::to_string_pretty(&fixtures).expect("the fixtures serialise");
    let mut module = String::from(
        "// Generated from memaudit's real pipeline by `cargo test -p memaudit --test ui_fixtures`\n\
         // (tests/ui_fixtures.rs audits tests/fixtures/workspaces/ingest and audit_demo).\n\
         // Do not edit: change the fixture workspaces or the core and run the test again.\n\n\
         import type { RoundOverview, RoundRecord, SessionExport, SessionInfo, SessionOverview, Status } from '../../bindings/types';\n\n\
         /** A round the fake installs when it simulates running it. */\n\
         export interface GeneratedRound {\n  record: RoundRecord;\n  overview: RoundOverview;\n  \
         /** The session and its status once the round finished. */\n  session: SessionInfo;\n  status: Status;\n  \
         /** The report HTML's file in this folder. */\n  html: string;\n}\n\n\
         export interface GeneratedSession {\n  \
         /** As the store loads it (finding pages take their records from it). */\n  export: SessionExport;\n  \
         /** What `load_session` answers. */\n  overview: SessionOverview;\n  \
         /** The report HTML's file of each round, in round order. */\n  html: string[];\n  \
         /** Rounds after the last one, as the core ran them. */\n  next: GeneratedRound[];\n}\n\n\
         /** The report HTML of a round without a report yet. */\n\
         export interface Placeholder {\n  round: number;\n  running: string;\n  interrupted: string;\n}\n\n\
         export interface Fixtures {\n  \
         /** What the fake starts with: the finished session, then the active one. */\n  sessions: GeneratedSession[];\n  \
         /** A new audit of the ingest workspace before its first round has finished, then after it. */\n  \
         fresh_started: SessionOverview;\n  fresh: GeneratedSession;\n  \
         /** By round number. */\n  placeholders: Placeholder[];\n}\n\n\
         export const FIXTURES: Fixtures = ",
    );
    module.push_str(&json);
    module.push_str(";\n");

    let mut files: Files = vec![("sessions.ts".into(), fix_paths(module))];
    for (name, html) in &g.html {
        files.push((name.clone(), fix_paths(html.clone())));
    }
    files
}

#[test]
fn ui_fixtures_are_generated_from_the_pipeline() {
    let files = generate();
    let again = generate();
    assert_eq!(files.len(), again.len(), "the same files every run");
    for ((name, text), (_, second)) in files.iter().zip(&again) {
        assert!(
            text == second,
            "{name} must be byte-stable between runs (a path or a time escaped normalising)"
        );
    }

    let sessions = &files[0].1;
    let today = &sessions::now()[..10];
    for (name, text) in &files {
        assert!(
            !text.contains(today) && !text.contains("/tmp/"),
            "{name} keeps no real time or temporary path"
        );
    }
    for needle in [
        "\"state\": \"fixed\"",
        "\"state\": \"stale\"",
        "\"state\": \"persisting\"",
        "\"verdict\": \"APPROVED\"",
        "\"verdict\": \"NEEDS_WORK\"",
        "\"verdict\": \"REJECTED\"",
        "\"kind\": \"defer\"",
        "\"kind\": \"reject_wont_fix\"",
    ] {
        assert!(
            sessions.contains(needle),
            "the fixtures show every state, verdict and decision the screens draw: {needle}"
        );
    }
    let categories: BTreeSet<&str> = Category::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| sessions.contains(&format!("\"category\": \"{c}\"")))
        .collect();
    assert_eq!(
        categories.len(),
        Category::ALL.len(),
        "every category has a finding: {categories:?}"
    );

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/backend/generated");
    std::fs::create_dir_all(&dir).expect("creating the generated folder");
    let keep: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !keep.contains(name.as_str()) {
            std::fs::remove_file(dir.join(&name)).expect("removing a file no longer generated");
        }
    }
    for (name, text) in &files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).expect("writing a generated file");
        }
    }
}
