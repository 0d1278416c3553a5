//! The `memaudit` command: the same engine as the desktop app, headless.
//!
//! Exit codes: 0 success, 1 failure (the message says what and where),
//! 2 usage error, 3 when `--fail-on` finds what it gates on.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
