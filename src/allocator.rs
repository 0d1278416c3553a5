//! The heap allocator of memaudit's own command-line binaries (`memaudit`,
//! the `bench_audit` benchmark): mimalloc, set to give freed memory back to
//! the system at once. Each binary names it as its `#[global_allocator]`
//! and calls [`configure`] first thing in `main`.
//!
//! Why: an audit builds and frees a syntax tree and a function's facts per
//! file, millions of small blocks; with glibc's malloc a third of its CPU
//! time went to `malloc`, `free` and their free-list upkeep
//! (`unlink_chunk`, `malloc_consolidate`). On the 1M-line benchmark
//! workspace mimalloc takes the audit's user CPU down by about a quarter
//! at the same peak RSS (`docs/benchmarks.md`, "Pass perf7").
//!
//! The desktop app keeps glibc's allocator with two arenas: its idle and
//! per-session memory were measured that way.

/// The allocator type to name in `#[global_allocator]`.
pub use mimalloc::MiMalloc as Allocator;

/// mimalloc's `mi_option_purge_delay`: how long freed memory waits before
/// it goes back to the system (mimalloc's `mi_option_t`, the same number in
/// its versions 2 and 3).
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

extern "C" {
    // Part of mimalloc's C library, which the `mimalloc` crate links in.
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}

/// Sets mimalloc to give freed memory back at once. By default it waits a
/// second (ten for whole arenas), and an audit's parse frees a syntax tree
/// per file: kept, those pages raised the peak RSS of the 1M-line audit
/// from 238 to 300–330 MiB. Given back at once it stays at glibc's.
pub fn configure() {
    // SAFETY: mi_option_set only stores an option's value; it takes no
    // pointers and may be called at any time.
    unsafe {
        mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}
