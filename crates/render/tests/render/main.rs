//! All integration tests of memaudit-render in one test binary, sharing one
//! fixture session (`fixture.rs`).

mod files;
mod fixture;
mod html;
mod markdown;
mod sarif;
