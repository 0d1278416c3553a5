//! End-to-end tests of the desktop app in its real window: the real binary,
//! driven by tauri-driver + WebKitWebDriver under a private Xvfb display,
//! with a real SQLite file and a real workspace in a temporary folder.
//!
//! Needs `Xvfb`, `WebKitWebDriver` (Debian: xvfb, webkit2gtk-driver),
//! `dbus-daemon` and `tauri-driver` (`cargo install tauri-driver --locked`);
//! `scripts/test.sh` installs them. Screenshots of every screen in both
//! themes land in `screenshots/e2e/` (git-ignored).

mod harness;

use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::json;

use harness::*;
use memaudit::model::{DecisionKind, FindingState};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_decide_next_round_stale_export_restart() {
    let display = Display::start();
    let env = Env::new("audit_demo");
    let app = App::start(&display, &env).await;
    let c = app.c();

    // Home.
    wait_text(c, "New audit").await;
    shoot(c, "01-home-empty").await;

    // A folder that is not a workspace gets a clear message on Home.
    let not_ws = env.dir.path().join("not-a-workspace");
    std::fs::create_dir_all(&not_ws).unwrap();
    let input = c.find(Locator::Id("ws-path")).await.unwrap();
    input.send_keys(not_ws.to_str().unwrap()).await.unwrap();
    click_text(c, "button", "Open").await;
    wait_text(c, "Cargo.toml").await;
    shoot(c, "02-home-not-a-workspace").await;

    // Open the real workspace: the Scope screen shows crates with reasons.
    let input = c.find(Locator::Id("ws-path")).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(env.ws.to_str().unwrap()).await.unwrap();
    click_text(c, "button", "Open").await;
    wait_text(c, "ingest_worker").await;
    wait_text(c, "Start audit").await;
    shoot(c, "03-scope").await;

    // Run round 1 and watch it finish.
    click_text(c, "button", "Start audit").await;
    wait_text(c, "Coordinator").await;
    wait_round(&env, 1).await;
    wait_text(c, "Open report").await;
    shoot(c, "04-run-finished").await;

    // The report.
    click_text(c, "a", "Open report").await;
    wait_text(c, "Memory Audit Report - Round 1").await;
    shoot(c, "05-report-overview").await;
    // Without a profile, no headline figure claims to be measured, and an
    // unknown one is a dash, not a number.
    let figures = figure_tiles(c).await;
    assert_eq!(figures.len(), 3, "{figures:?}");
    for (kind, value) in &figures {
        assert_ne!(kind, "measured", "{figures:?}");
        if kind == "not measured" {
            assert_eq!(value, "—", "{figures:?}");
        }
    }
    let store = env.store();
    let session = store.list_sessions().unwrap().remove(0);
    go(c, &format!("#/s/{}/report?tab=findings", session.id)).await;
    wait_text(c, "F-001").await;
    shoot(c, "06-report-findings").await;

    // Decide three findings: two by keyboard, one with the mouse.
    go(c, &format!("#/s/{}/decide", session.id)).await;
    wait_text(c, "Finish round").await;
    shoot(c, "07-decide").await;
    press(c, "i").await;
    press(c, "\u{E007}").await; // Enter: save and move on
    press(c, "f").await;
    press(c, "n").await;
    press(c, "cold path").await;
    press(c, "\u{E007}").await;
    click_text(c, "label", "Defer").await;
    click_text(c, "button", "Save").await;
    let deadline = Instant::now() + WAIT;
    let decided = loop {
        let known = store.known_findings(session.id).unwrap();
        let decided: Vec<_> = known
            .iter()
            .filter(|k| k.decision.is_some())
            .cloned()
            .collect();
        if decided.len() >= 3 {
            break decided;
        }
        assert!(
            Instant::now() < deadline,
            "three decisions were not stored: {decided:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let kinds: Vec<_> = decided.iter().filter_map(|k| k.decision).collect();
    assert!(kinds.contains(&DecisionKind::Implement), "{kinds:?}");
    assert!(
        kinds.contains(&DecisionKind::RejectFalsePositive),
        "{kinds:?}"
    );
    assert!(kinds.contains(&DecisionKind::Defer), "{kinds:?}");
    let rejected = decided
        .iter()
        .find(|k| k.decision == Some(DecisionKind::RejectFalsePositive))
        .unwrap()
        .fingerprint
        .clone();

    // Round 2 respects the decisions.
    click_text(c, "button", "Finish round").await;
    click_text(c, "button", "Run round 2").await;
    wait_round(&env, 2).await;
    let export = store.load_session(session.id).unwrap();
    let r2 = &export.rounds[1];
    assert!(
        r2.findings
            .iter()
            .all(|r| r.finding.fingerprint != rejected),
        "the rejected finding is not raised again in round 2"
    );
    assert!(
        r2.findings
            .iter()
            .filter(|r| r.state == FindingState::Persisting)
            .any(|r| r.decision.as_ref().map(|d| d.kind) == Some(DecisionKind::Implement)),
        "the implement decision carries into round 2"
    );

    // Editing a file shows the stale banner.
    go(c, &format!("#/s/{}/report", session.id)).await;
    wait_text(c, "Memory Audit Report - Round 2").await;
    let lib = env.ws.join("crates/ingest_worker/src/lib.rs");
    let mut text = std::fs::read_to_string(&lib).unwrap();
    text.push_str("\n// edited while the app is open\n");
    std::fs::write(&lib, text).unwrap();
    wait_text(c, "changed since round").await;
    shoot(c, "08-report-stale").await;

    // Export markdown to a file.
    go(c, &format!("#/s/{}/export", session.id)).await;
    wait_text(c, "SARIF").await;
    let out = env.dir.path().join("report.md");
    let path = c.find(Locator::Id("export-path")).await.unwrap();
    path.send_keys(out.to_str().unwrap()).await.unwrap();
    click_text(c, "button", "Save").await;
    wait_text(c, "Exported to").await;
    shoot(c, "09-export").await;
    let md = std::fs::read_to_string(&out).expect("the export file is written");
    assert!(
        md.contains("memory_audit_001"),
        "the markdown export names the session"
    );

    go(c, "#/settings").await;
    wait_text(c, "Settings").await;
    shoot(c, "10-settings").await;
    drop(store);
    app.stop().await;

    // Restart: the session is still there.
    let app = App::start(&display, &env).await;
    let c = app.c();
    wait_text(c, "memory_audit_001").await;
    shoot(c, "11-home-after-restart").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_code_is_rendered_inert() {
    let display = Display::start();
    let env = Env::new("hostile");
    let app = App::start(&display, &env).await;
    let c = app.c();
    wait_text(c, "New audit").await;
    let input = c.find(Locator::Id("ws-path")).await.unwrap();
    input.send_keys(env.ws.to_str().unwrap()).await.unwrap();
    click_text(c, "button", "Open").await;
    // The button exists before the scope has loaded, disabled until then.
    wait_text(c, "hostile_worker").await;
    click_text(c, "button", "Start audit").await;
    wait_round(&env, 1).await;
    let store = env.store();
    let session = store.list_sessions().unwrap().remove(0);
    let export = store.load_session(session.id).unwrap();
    let finding = &export.rounds[0].findings[0].finding;
    assert!(
        finding.code.contains("onerror"),
        "the hostile code reached a finding"
    );

    go(c, &format!("#/s/{}/report", session.id)).await;
    wait_text(c, "Memory Audit Report - Round 1").await;
    go(
        c,
        &format!("#/s/{}/report?tab=findings&f={}", session.id, finding.id),
    )
    .await;
    wait_text(c, "onerror").await;
    shoot(c, "12-hostile-finding").await;
    let xss = c
        .execute(
            "return window.__xss === undefined ? null : String(window.__xss)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        xss,
        serde_json::Value::Null,
        "no script from the audited code ran"
    );
    let injected = c
        .execute(
            "return document.querySelectorAll('img[onerror], a[href^=\"javascript:\"], script:not([type=module])').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        injected,
        json!(0),
        "no hostile element made it into the DOM"
    );
    drop(store);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_database_is_reported_and_left_alone() {
    let display = Display::start();
    let env = Env::new("single");
    std::fs::write(
        &env.db,
        b"not a database, only text that fills the header page...",
    )
    .unwrap();
    let before = std::fs::read(&env.db).unwrap();
    let app = App::start(&display, &env).await;
    let c = app.c();
    // The app starts, and says what is wrong and where the file is.
    wait_text(c, "New audit").await;
    wait_text(c, env.db.to_str().unwrap()).await;
    shoot(c, "13-corrupt-database").await;
    app.stop().await;
    assert_eq!(
        std::fs::read(&env.db).unwrap(),
        before,
        "a corrupt database is never modified"
    );
}

/// Issue 7 in the real window: a profile measured by real valgrind shows on
/// the profile screen and on its finding's page; after the fix, "Verify
/// fix…" asks first, re-runs the profile and shows before → after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profile_screen_and_verify_in_the_real_window() {
    let display = Display::start();
    let (env, info, measured) = profiled_alloc_fixture();
    let store = env.store();
    memaudit::sessions::decide(
        &store,
        info.id,
        &memaudit::sessions::DecisionInput {
            finding_id: measured.clone(),
            kind: DecisionKind::Implement,
            note: "hoist it".into(),
            defer_until_date: None,
            defer_until_round: None,
        },
    )
    .unwrap();
    drop(store);

    let app = App::start(&display, &env).await;
    let c = app.c();
    wait_text(c, "New audit").await;
    go(c, &format!("#/s/{}/profile", info.id)).await;
    wait_text(c, "Heaviest allocation sites").await;
    shoot(c, "13-profile").await;
    wait_content(c, "alloc_fixture::label_lengths").await;

    // The report's first page: measured figures, named workload.
    go(c, &format!("#/s/{}/report?tab=overview", info.id)).await;
    wait_content(c, "of the profiled run").await;
    let figures = figure_tiles(c).await;
    assert!(
        figures.iter().any(|(kind, _)| kind == "measured"),
        "a profile makes the figures measurements: {figures:?}"
    );
    wait_content(c, "at its lines, measured in cargo test -p alloc_fixture").await;
    shoot(c, "13b-report-measured").await;

    // The finding's page: measured next to the estimate.
    go(
        c,
        &format!("#/s/{}/report?tab=findings&f={measured}", info.id),
    )
    .await;
    wait_content(c, "1,000 allocations").await;
    shoot(c, "14-finding-measured").await;

    // The fix, then Verify: nothing runs before the confirm.
    let lib = env.ws.join("src/lib.rs");
    let code = std::fs::read_to_string(&lib).unwrap();
    let fixed = code.replace(
        "    for i in 0..n {\n        let mut s = String::with_capacity(16);\n",
        "    let mut s = String::with_capacity(16);\n    for i in 0..n {\n        s.clear();\n",
    );
    assert_ne!(fixed, code);
    std::fs::write(&lib, fixed).unwrap();
    click_text(c, "button", "Verify fix").await;
    wait_text(c, "Run and verify").await;
    wait_text(c, "cargo test -p alloc_fixture --lib").await;
    shoot(c, "15-verify-confirm").await;
    assert!(
        env.store().verifications(info.id).unwrap().is_empty(),
        "nothing ran before the confirm"
    );
    click_text(c, "button", "Run and verify").await;
    wait_content(c, "Verified").await;
    wait_content(c, "1,000 → 1").await;
    shoot(c, "16-finding-verified").await;
    let verifications = env.store().verifications(info.id).unwrap();
    assert_eq!(verifications.len(), 1);
    assert_eq!(verifications[0].outcome, "verified");
    app.stop().await;
}

/// Issue 14 in the real window: "Check fixes…" asks first, builds the
/// workspace in a scratch copy and reports; the finding's page shows its
/// checked edit as a diff, "Apply fix" writes exactly that edit, and the
/// existing "Verify fix…" re-measures it with the session's profile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_apply_then_verify_in_the_real_window() {
    let display = Display::start();
    let (env, info, measured) = profiled_alloc_fixture();
    let store = env.store();
    let record = store.round(info.id, 1).unwrap();
    assert!(
        record
            .findings
            .iter()
            .any(|r| r.finding.id == measured && r.finding.edit.is_some()),
        "the hoisting proposal is an edit"
    );
    drop(store);
    let lib = env.ws.join("src/lib.rs");
    let original = std::fs::read_to_string(&lib).unwrap();

    let app = App::start(&display, &env).await;
    let c = app.c();
    wait_text(c, "New audit").await;
    go(c, &format!("#/s/{}/report", info.id)).await;
    click_text(c, "button", "Check fixes").await;
    wait_text(c, "build scripts and proc macros run").await;
    shoot(c, "17-check-fixes-confirm").await;
    assert!(
        env.store().latest_fix_checks(info.id).unwrap().is_empty(),
        "nothing is built before the confirm"
    );
    click_text(c, "button", "Build and check").await;
    wait_text(c, "Fixes checked").await;
    wait_text(c, "1 compile").await;
    shoot(c, "18-check-fixes-done").await;
    click_text(c, "button", "Close").await;
    assert_eq!(
        std::fs::read_to_string(&lib).unwrap(),
        original,
        "checking never writes the workspace"
    );

    // The finding's page: the diff, the result, Apply.
    go(
        c,
        &format!("#/s/{}/report?tab=findings&f={measured}", info.id),
    )
    .await;
    wait_content(c, "compiles").await;
    wait_content(c, "s.clear();").await;
    shoot(c, "19-finding-checked-fix").await;
    click_text(c, "button", "Apply fix").await;
    wait_text(c, "Applied to src/lib.rs").await;
    wait_text(c, "Undo fix").await;
    c.execute(
        "document.querySelector('[aria-label=\"Checked fix\"]').scrollIntoView()",
        vec![],
    )
    .await
    .unwrap();
    shoot(c, "20-fix-applied").await;
    let applied = std::fs::read_to_string(&lib).unwrap();
    assert_eq!(
        applied,
        original.replace(
            "    for i in 0..n {\n        let mut s = String::with_capacity(16);\n",
            "    let mut s = String::with_capacity(16);\n    for i in 0..n {\n        s.clear();\n",
        ),
        "exactly the checked edit is written"
    );

    // Then the existing Verify: it asks first, re-runs the profile.
    click_text(c, "button", "Verify fix").await;
    wait_text(c, "Run and verify").await;
    click_text(c, "button", "Run and verify").await;
    wait_content(c, "Verified").await;
    wait_content(c, "1,000 → 1").await;
    shoot(c, "21-applied-and-verified").await;
    let verifications = env.store().verifications(info.id).unwrap();
    assert_eq!(verifications.len(), 1);
    assert_eq!(verifications[0].outcome, "verified");
    app.stop().await;
}

/// The report overview's headline figures as (kind, value) pairs.
async fn figure_tiles(c: &fantoccini::Client) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for tile in c
        .find_all(fantoccini::Locator::Css(".figures .figure"))
        .await
        .unwrap()
    {
        let kind = match tile.find(fantoccini::Locator::Css(".kind")).await {
            Ok(k) => k.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        let value = tile
            .find(fantoccini::Locator::Css(".value"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap_or_default();
        out.push((kind.trim().to_lowercase(), value.trim().to_owned()));
    }
    out
}

/// The profile fixture in a fresh workspace with round 1 run and a real
/// valgrind profile of its tests stored, through the API: the environment,
/// the session and the id of the finding that measured the 1,000 strings.
fn profiled_alloc_fixture() -> (Env, memaudit::model::SessionInfo, String) {
    let env = Env::new("empty");
    std::fs::remove_dir_all(&env.ws).unwrap();
    copy_dir(
        &repo().join("tests/fixtures/profile/alloc_fixture"),
        &env.ws,
    );
    let _ = std::fs::remove_dir_all(env.ws.join("target"));

    // Round 1 and a real profile of the fixture's tests, through the API.
    let store = env.store();
    let opts = memaudit::AuditOptions::default();
    let info = memaudit::rounds::start_session(&store, &env.ws, &opts).unwrap();
    memaudit::rounds::run_round(
        &store,
        info.id,
        &[],
        &opts,
        &|_| {},
        &memaudit::rounds::Cancel::new(),
    )
    .unwrap();
    let target = memaudit::profiles::Target::Test {
        package: "alloc_fixture".into(),
        test_name: None,
        filter: None,
    };
    let outcome = memaudit::profiles::profile_session(
        &store,
        info.id,
        target,
        &|_| {},
        &memaudit::CancelFlag::default(),
    )
    .unwrap();
    let measured = outcome
        .measured
        .iter()
        .find(|m| m.allocations == 1_000)
        .expect("the 1,000 strings are tied to a finding")
        .finding_id
        .clone();
    drop(store);
    (env, info, measured)
}
