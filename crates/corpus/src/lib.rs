//! memaudit's real-code instruments: the corpora that measure the engine on
//! code it did not write, and the benchmarks that print the figures.
//!
//! - hot/cold labels (`tests/hotcold/`): which functions and files of real
//!   crates run per element of the data and which run once, in tests or on
//!   error paths;
//! - realness labels (`tests/realness/`): findings on real crates judged
//!   REAL, TRIVIAL or WRONG by reading the code;
//! - real fixes (`tests/realfix/`): maintainers' commits that removed an
//!   allocation, a copy or a layout waste, to measure recall.
//!
//! The corpora hold labels and pointers (crate and version, or repository and
//! commit, file, line), never copies of other projects' code: sources are
//! fetched when a test or benchmark runs. This crate must NOT be a dependency
//! of the product: it is an instrument, built only for tests and benchmarks.

pub mod hotcold;
pub mod realfix;
pub mod realness;
pub mod sources;
