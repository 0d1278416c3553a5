//! How often a finding's code runs: [`Hotness::reach_at_line`] for each
//! finding's first line.
//!
//! This module must NOT change what a finding claims; it only fills
//! [`Finding::reach`].

use memaudit_facts::hotness::Hotness;
use memaudit_model::Finding;

/// Fills the reach of findings of file `file` (an index into the graph's
/// files).
pub fn annotate(findings: &mut [Finding], hot: &Hotness<'_>, file: u32) {
    for f in findings {
        f.reach = Some(hot.reach_at_line(file, f.line_start));
    }
}
