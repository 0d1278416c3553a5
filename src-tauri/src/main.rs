// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    limit_malloc_arenas();
    memaudit_app::run()
}

/// glibc gives every thread that allocates its own malloc arena (up to
/// eight per core) and keeps freed pages in it. Commands run on tokio's
/// blocking pool, so each thread that once serialised a large session kept
/// its pages: opening a 10,000-finding session five times left 77 MiB of
/// heap, 48 MiB with two arenas (`docs/benchmarks.md`, desktop app). The
/// app's allocations are not contended enough for more arenas to matter.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only sets an allocator parameter; it is called before
    // any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
