//! End-to-end tests of the desktop app in its real window: the real binary,
//! driven by tauri-driver + WebKitWebDriver under a private Xvfb display,
//! with a real SQLite file and a real workspace in a temporary folder.
//!
//! Needs `Xvfb`, `WebKitWebDriver` (Debian: xvfb, webkit2gtk-driver),
//! `dbus-run-session` (dbus) and `tauri-driver` (`cargo install
//! tauri-driver --locked`); `scripts/test.sh` installs them. Screenshots of
//! every screen in both themes land in `screenshots/e2e/` (git-ignored).

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use memaudit::model::{DecisionKind, FindingState, RoundStatus};
use memaudit::store::Store;

const APP: &str = env!("CARGO_BIN_EXE_memaudit-app");
const WAIT: Duration = Duration::from_secs(90);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Xvfb on a display of its own choosing, stopped on drop.
struct Display {
    child: Child,
    name: String,
}

impl Display {
    fn start() -> Display {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1400x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb must be installed (apt-get install xvfb)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Display {
            child,
            name: format!(":{}", line.trim()),
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A private D-Bus session bus, so the app does not start one of its own
/// (with portals that would outlive the test). Stopped on drop.
struct Bus {
    child: Child,
    address: String,
}

impl Bus {
    fn start() -> Bus {
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon must be installed (apt-get install dbus)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Bus {
            child,
            address: line.trim().to_owned(),
        }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One run of the app under tauri-driver. tauri-driver is stopped with
/// SIGTERM so it takes WebKitWebDriver and the app down with it (SIGKILL
/// would orphan WebKitWebDriver, which then holds the test's output open).
struct App {
    driver: Child,
    client: Option<Client>,
    _bus: Bus,
}

impl App {
    async fn start(display: &Display, env: &Env) -> App {
        let port = free_port();
        let native = free_port();
        let bus = Bus::start();
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            // No accessibility bus: it would be one more daemon to reap.
            .env("NO_AT_BRIDGE", "1")
            .env("DISPLAY", &display.name)
            .env("MEMAUDIT_DB", &env.db)
            .env("MEMAUDIT_CONFIG", env.dir.path().join("config.toml"))
            .env("XDG_DATA_HOME", env.dir.path().join("xdg-data"))
            .env("XDG_CACHE_HOME", env.dir.path().join("xdg-cache"))
            .env("XDG_CONFIG_HOME", env.dir.path().join("xdg-config"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver must be installed (cargo install tauri-driver --locked)");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({
            "tauri:options": { "application": APP },
            "browserName": "wry",
        });
        let caps = caps.as_object().unwrap().clone();
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session opens on the app");
        App {
            driver,
            client: Some(client),
            _bus: bus,
        }
    }

    fn c(&self) -> &Client {
        self.client.as_ref().unwrap()
    }

    async fn stop(mut self) {
        if let Some(c) = self.client.take() {
            let _ = c.close().await;
        }
        terminate(&mut self.driver);
    }
}

fn terminate(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Drop for App {
    fn drop(&mut self) {
        terminate(&mut self.driver);
    }
}

struct Env {
    dir: tempfile::TempDir,
    ws: PathBuf,
    db: PathBuf,
}

impl Env {
    fn new(fixture: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("workspace");
        copy_dir(&repo().join("tests/fixtures/workspaces").join(fixture), &ws);
        let db = dir.path().join("memaudit.db");
        Env { dir, ws, db }
    }

    fn store(&self) -> Store {
        Store::open(&self.db).expect("the app's database opens")
    }
}

async fn body_text(c: &Client) -> String {
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap_or_default()
}

/// Waits until the page's text contains `needle`.
async fn wait_text(c: &Client, needle: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = body_text(c).await;
        if text.contains(needle) {
            return;
        }
        if Instant::now() > deadline {
            panic!("`{needle}` never appeared; the page says:\n{text}");
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

async fn click_text(c: &Client, tag: &str, text: &str) {
    let xpath = format!("//{tag}[contains(normalize-space(.), '{text}')]");
    let el = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no {tag} with `{text}`: {e}"));
    el.click().await.unwrap();
}

async fn press(c: &Client, keys: &str) {
    for ch in keys.chars() {
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: ch })
            .then(KeyAction::Up { value: ch });
        c.perform_actions(actions).await.unwrap();
        tokio::time::sleep(Duration::from_millis(120)).await;
    }
}

async fn go(c: &Client, hash: &str) {
    c.execute(&format!("location.hash = {hash:?}"), vec![])
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
}

/// Screenshots the current screen in both themes.
async fn shoot(c: &Client, name: &str) {
    let dir = repo().join("screenshots/e2e");
    std::fs::create_dir_all(&dir).unwrap();
    for theme in ["light", "dark"] {
        c.execute(
            &format!("document.documentElement.setAttribute('data-theme', '{theme}')"),
            vec![],
        )
        .await
        .unwrap();
        tokio::time::sleep(Duration::from_millis(250)).await;
        let png = c.screenshot().await.unwrap();
        std::fs::write(dir.join(format!("{name}-{theme}.png")), png).unwrap();
    }
    c.execute(
        "document.documentElement.removeAttribute('data-theme')",
        vec![],
    )
    .await
    .unwrap();
}

async fn wait_round(env: &Env, round: u32) {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Ok(store) = Store::open(&env.db) {
            if let Some(s) = store.list_sessions().unwrap().first() {
                if s.rounds >= round {
                    let r = store.round(s.id, round).unwrap();
                    if r.status == RoundStatus::AwaitingDecision {
                        return;
                    }
                }
            }
        }
        assert!(Instant::now() < deadline, "round {round} never finished");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

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
    wait_text(c, "Start audit").await;
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
