//! memaudit-profile: heap profiles as evidence for findings.
//!
//! The pipeline is import → attribute → tie → verify:
//! - [`dhat`] reads a DHAT JSON profile (valgrind `--tool=dhat` or dhat-rs)
//!   into compact typed data, with positioned errors for broken files;
//! - [`attribute`](mod@attribute) maps each program point to its innermost frame inside the
//!   workspace and sums the figures per `file:line` ([`Site`]) and per function;
//! - [`tie`] matches measured sites to findings, turns heavy sites nobody
//!   reported into [`FindingSource::Measurement`](memaudit_model::FindingSource)
//!   findings, and answers the Validator's "is this hot in this workload?";
//! - [`verify`] compares a before and an after profile for one finding;
//! - [`run`] builds a target with debug info and runs it under valgrind DHAT.
//!
//! Everything except [`run`] is pure: it reads files it is handed and never
//! executes code. [`run`] executes the audited workspace's code (it builds and
//! runs a test, bench or binary) and must only be called when the user asked
//! for a profile explicitly.
//!
//! This crate does not store anything and does not render anything: the
//! store persists the serialisable results defined here and the renderer and
//! shells show them.
//!
//! ```no_run
//! use std::path::Path;
//! use memaudit_profile::{attribute, compare, measure_findings, parse_file, WorkspaceFiles};
//!
//! # fn demo(scope: &memaudit_model::Scope, findings: &[memaudit_model::Finding])
//! #     -> Result<(), memaudit_profile::ProfileError> {
//! let workspace = WorkspaceFiles::from_scope(scope);
//! let before = attribute(&parse_file(Path::new("before.json"))?, &workspace);
//! for m in measure_findings(findings, &before.sites) {
//!     println!("{}: {} allocations, {} bytes", m.finding_id, m.allocations, m.bytes);
//! }
//! let after = attribute(&parse_file(Path::new("after.json"))?, &workspace);
//! let v = compare(&before, &after, &findings[0]);
//! println!("{:?}: {}", v.outcome, v.detail);
//! # Ok(())
//! # }
//! ```

pub mod attribute;
pub mod dhat;
mod error;
pub mod run;
pub mod tie;
pub mod verify;

pub use attribute::{attribute, FunctionTotals, ProfileSummary, Site, WorkspaceFiles};
pub use dhat::{parse_file, parse_reader, Frame, Profile, ProgramPoint, Tool};
pub use error::ProfileError;
pub use run::{profile_target, profile_target_with, CancelFlag, ProfileRun, RunOptions, Target};
pub use tie::{
    hot_in_workload, measure_findings, measure_findings_with, unexplained_sites, Measured,
    Threshold, TieOptions,
};
pub use verify::{compare, compare_moved, Outcome, RunTotals, SiteTotals, Verification};

/// The crate's result type.
pub type Result<T, E = ProfileError> = std::result::Result<T, E>;
