//! The `memaudit` command: the same engine as the desktop app, headless.
//!
//! Exit codes: 0 success, 1 failure (the message says what and where),
//! 2 usage error, 3 when `--fail-on` finds what it gates on.

mod cli;

#[global_allocator]
static ALLOCATOR: memaudit::allocator::Allocator = memaudit::allocator::Allocator;

fn main() -> std::process::ExitCode {
    memaudit::allocator::configure();
    cli::main()
}
