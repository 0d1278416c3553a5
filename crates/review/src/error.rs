//! Why the Validator could not look at a finding's code. These errors never
//! escape the crate's public functions as `Err`: a finding whose file cannot
//! be read or parsed still gets a validation (NEEDS_WORK, UNCLEAR checks),
//! and the error's text becomes the issue that says why. This module must not
//! carry anything but plain data (no spans, no I/O handles).

use thiserror::Error;

/// A problem with the audited file behind a finding.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ReviewError {
    #[error("cannot read `{path}`: {message}")]
    Read { path: String, message: String },
    #[error("cannot parse `{path}` at line {line}: {message}")]
    Parse {
        path: String,
        line: u32,
        message: String,
    },
    #[error("`{path}` has {lines} lines; the finding points at lines {start}-{end}")]
    OutOfRange {
        path: String,
        lines: u32,
        start: u32,
        end: u32,
    },
    #[error("the code at `{path}:{start}-{end}` no longer matches the finding's snippet (the file changed since the analysis)")]
    Changed { path: String, start: u32, end: u32 },
}
