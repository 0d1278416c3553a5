//! The keychain works at run time through keyring's pure-Rust Secret
//! Service client (zbus): `memaudit key set / status / delete` against a
//! real gnome-keyring in a private D-Bus session. Skipped, with the reason
//! printed, where `dbus-run-session` or `gnome-keyring-daemon` is missing.

#[cfg(target_os = "linux")]
#[test]
fn keys_round_trip_through_the_secret_service() {
    use std::process::Command;

    let bin = env!("CARGO_BIN_EXE_memaudit");
    for tool in ["dbus-run-session", "gnome-keyring-daemon"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            println!("skipped: `{tool}` is not installed");
            return;
        }
    }
    let home = tempfile::tempdir().unwrap();
    // A private session bus and an unlocked keyring in a throwaway HOME, so
    // the user's own keyring is never read or written.
    let script = format!(
        r#"printf 'memaudit\n' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
B='{bin}'
$B key status anthropic
printf %s sk-ant-test-123 | $B key set anthropic
$B key status anthropic
$B key delete anthropic
$B key status anthropic"#
    );
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", &script])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", home.path())
        .env("MEMAUDIT_KEYRING_SERVICE", "memaudit-keychain-test")
        .env_remove("ANTHROPIC_API_KEY")
        .output()
        .expect("dbus-run-session runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the key commands failed:\n{stdout}\n{stderr}"
    );
    let statuses: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("anthropic: "))
        .collect();
    assert_eq!(
        statuses,
        ["anthropic: none", "anthropic: keychain", "anthropic: none"],
        "stored, found, removed:\n{stdout}\n{stderr}"
    );
}
