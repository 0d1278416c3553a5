//! All integration tests of memaudit-render in one test binary, sharing one
//! fixture session (`fixture.rs`).

mod evidence;
mod files;
mod fixture;
mod html;
mod json;
mod markdown;
mod sarif;
