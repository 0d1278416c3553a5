//! The real OS keychain store. Headless Linux has no Secret Service, so the
//! test re-runs itself inside a private kernel keyring session
//! (`keyctl session - …`, apt package `keyutils`) and uses the keyutils
//! backend there. Without `keyctl` it says so loudly in the output.

use std::process::Command;

use memaudit_providers::{KeyStore, KeyringStore, ProviderKind, Secret};

const CHILD: &str = "MEMAUDIT_KEYRING_CHILD";

#[test]
fn real_keyring_store_sets_gets_and_deletes_keys() {
    if std::env::var_os(CHILD).is_some() {
        return exercise_store();
    }
    let has_keyctl = Command::new("keyctl")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_keyctl {
        println!(
            "NOT RUN: `keyctl` is not installed (apt install keyutils); the real keychain \
             store was not exercised"
        );
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("keyctl")
        .args(["session", "-"])
        .arg(exe)
        .args([
            "keyring_store::real_keyring_store_sets_gets_and_deletes_keys",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the keyring test inside `keyctl session` failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("keyutils store exercised"),
        "the child really ran: {stdout}"
    );
}

fn exercise_store() {
    // The kernel keyring of this private session; the Secret Service needs a
    // D-Bus session that a headless test does not have.
    keyring::set_default_credential_builder(keyring::keyutils::default_credential_builder());
    let store = KeyringStore::with_service(format!("memaudit-test-{}", std::process::id()));
    let p = ProviderKind::OpenAi;
    assert!(store.get(p).unwrap().is_none(), "starts empty");
    store.set(p, &Secret::new("sk-real-store-1")).unwrap();
    assert_eq!(store.get(p).unwrap().unwrap().expose(), "sk-real-store-1");
    assert!(
        store.get(ProviderKind::Anthropic).unwrap().is_none(),
        "keys are per provider"
    );
    store.set(p, &Secret::new("sk-real-store-2")).unwrap();
    assert_eq!(
        store.get(p).unwrap().unwrap().expose(),
        "sk-real-store-2",
        "set replaces"
    );
    store.delete(p).unwrap();
    assert!(store.get(p).unwrap().is_none(), "deleted");
    store.delete(p).unwrap();
    println!("keyutils store exercised");
}
