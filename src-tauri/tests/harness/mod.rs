//! Shared harness for driving the real app: a private Xvfb display, a private
//! D-Bus session bus, tauri-driver + WebKitWebDriver, a fantoccini client,
//! and helpers that wait for text, click, type and take screenshots. Used by
//! the end-to-end tests and by the app benchmark.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::error::NewSessionError;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use memaudit::model::RoundStatus;
use memaudit::Store;

pub const APP: &str = env!("CARGO_BIN_EXE_memaudit-app");
pub const WAIT: Duration = Duration::from_secs(90);

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn copy_dir(from: &Path, to: &Path) {
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

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Xvfb on a display of its own choosing, stopped on drop.
pub struct Display {
    child: Child,
    pub name: String,
    // One app at a time: three WebKit apps on two cores make every wait a
    // race. Held for the test's whole life (the display outlives the app).
    _serial: std::sync::MutexGuard<'static, ()>,
}

static ONE_APP_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Display {
    pub fn start() -> Display {
        // A test that failed while holding the lock must not fail the others.
        let serial = ONE_APP_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
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
            _serial: serial,
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
pub struct Bus {
    child: Child,
    address: String,
}

impl Bus {
    pub fn start() -> Bus {
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
pub struct App {
    driver: Child,
    client: Option<Client>,
    _bus: Bus,
}

impl App {
    pub async fn start(display: &Display, env: &Env) -> App {
        // Opening a session can fail at the connection level when the
        // machine is loaded: tauri-driver answers before WebKitWebDriver
        // does, and drops the proxied request. Such a failure says nothing
        // about the app, so the whole driver is restarted a few times; any
        // other error (or the last attempt's) fails the test.
        let mut attempt = 1;
        loop {
            let bus = Bus::start();
            let (mut driver, port, native) = spawn_driver(display, env, &bus);
            match open_session(port, native).await {
                Ok(client) => {
                    return App {
                        driver,
                        client: Some(client),
                        _bus: bus,
                    };
                }
                Err(e) if attempt < 3 && is_transient(&e) => {
                    eprintln!(
                        "WebDriver session attempt {attempt} failed ({e}); restarting tauri-driver"
                    );
                    terminate(&mut driver);
                    attempt += 1;
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                Err(e) => panic!("a WebDriver session opens on the app: {e:?}"),
            }
        }
    }

    pub fn c(&self) -> &Client {
        self.client.as_ref().unwrap()
    }

    pub async fn stop(mut self) {
        if let Some(c) = self.client.take() {
            let _ = c.close().await;
        }
        terminate(&mut self.driver);
    }
}

pub fn terminate(child: &mut Child) {
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

/// tauri-driver on two free ports: (child, the port it serves, the port of
/// its WebKitWebDriver).
fn spawn_driver(display: &Display, env: &Env, bus: &Bus) -> (Child, u16, u16) {
    let port = free_port();
    let native = free_port();
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
    (driver, port, native)
}

/// Waits for tauri-driver and its WebKitWebDriver to listen, then asks for
/// a session on the app.
async fn open_session(port: u16, native: u16) -> Result<Client, NewSessionError> {
    let deadline = Instant::now() + Duration::from_secs(30);
    for p in [port, native] {
        while TcpStream::connect(("127.0.0.1", p)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not start (port {p})"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    let caps = json!({
        "tauri:options": { "application": APP },
        "browserName": "wry",
    });
    let caps = caps.as_object().unwrap().clone();
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
}

/// A session request that never got an answer (as opposed to one the
/// driver refused with a WebDriver error).
fn is_transient(e: &NewSessionError) -> bool {
    matches!(
        e,
        NewSessionError::Failed(_) | NewSessionError::FailedC(_) | NewSessionError::Lost(_)
    )
}

impl Drop for App {
    fn drop(&mut self) {
        terminate(&mut self.driver);
    }
}

pub struct Env {
    pub dir: tempfile::TempDir,
    pub ws: PathBuf,
    pub db: PathBuf,
}

impl Env {
    pub fn new(fixture: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("workspace");
        copy_dir(&repo().join("tests/fixtures/workspaces").join(fixture), &ws);
        let db = dir.path().join("memaudit.db");
        Env { dir, ws, db }
    }

    pub fn store(&self) -> Store {
        Store::open(&self.db).expect("the app's database opens")
    }
}

pub async fn body_text(c: &Client) -> String {
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap_or_default()
}

/// Waits until the page's text contains `needle`.
pub async fn wait_text(c: &Client, needle: &str) {
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

/// Waits until the document's text content (including cells the page lays
/// out but WebKitWebDriver's visible-text view leaves out, such as table
/// rows of a scrolled grid) contains `needle`.
pub async fn wait_content(c: &Client, needle: &str) {
    let deadline = Instant::now() + WAIT;
    let script = format!(
        "return document.body.textContent.includes({})",
        serde_json::to_string(needle).unwrap()
    );
    loop {
        if c.execute(&script, vec![])
            .await
            .is_ok_and(|v| v == serde_json::Value::Bool(true))
        {
            return;
        }
        if Instant::now() > deadline {
            panic!(
                "`{needle}` never appeared; the page says:\n{}",
                body_text(c).await
            );
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

pub async fn click_text(c: &Client, tag: &str, text: &str) {
    let xpath = format!("//{tag}[contains(normalize-space(.), '{text}')]");
    let el = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no {tag} with `{text}`: {e}"));
    el.click().await.unwrap();
}

pub async fn press(c: &Client, keys: &str) {
    for ch in keys.chars() {
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: ch })
            .then(KeyAction::Up { value: ch });
        c.perform_actions(actions).await.unwrap();
        tokio::time::sleep(Duration::from_millis(120)).await;
    }
}

pub async fn go(c: &Client, hash: &str) {
    c.execute(&format!("location.hash = {hash:?}"), vec![])
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
}

/// Screenshots the current screen in both themes.
pub async fn shoot(c: &Client, name: &str) {
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

pub async fn wait_round(env: &Env, round: u32) {
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
