//! The `memaudit` binary links no system library beyond the C runtime, so
//! `cargo install --path .` works on a fresh machine with nothing but Rust
//! and a C linker (no libdbus, no OpenSSL): the keychain reaches the Secret
//! Service over zbus and TLS is rustls with ring, both pure Rust or built
//! from vendored sources.

/// Shared objects every Rust binary on Linux may link: the C runtime, the
/// dynamic loader and the kernel's vDSO.
#[cfg(target_os = "linux")]
const C_RUNTIME: &[&str] = &[
    "linux-vdso",
    "linux-gate",
    "ld-linux",
    "libc.so",
    "libm.so",
    "libgcc_s.so",
    "libpthread.so",
    "libdl.so",
    "librt.so",
];

#[cfg(target_os = "linux")]
#[test]
fn the_cli_links_only_the_c_runtime() {
    let bin = env!("CARGO_BIN_EXE_memaudit");
    let out = match std::process::Command::new("ldd").arg(bin).output() {
        Ok(out) => out,
        Err(e) => {
            println!("skipped: `ldd` could not run ({e})");
            return;
        }
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "ldd {bin} failed: {}{}",
        text,
        String::from_utf8_lossy(&out.stderr)
    );
    let libraries: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        libraries.iter().any(|l| l.starts_with("libc.so")),
        "ldd's output lists libc for a dynamically linked binary: {text}"
    );
    let foreign: Vec<&str> = libraries
        .iter()
        .copied()
        .filter(|l| {
            let name = l.rsplit('/').next().unwrap_or(l);
            !C_RUNTIME.iter().any(|c| name.starts_with(c))
        })
        .collect();
    assert!(
        foreign.is_empty(),
        "a fresh machine would need these system libraries to run memaudit: {foreign:?}\n{text}"
    );
}
