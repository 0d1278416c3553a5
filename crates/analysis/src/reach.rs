//! How often a finding's code runs: [`Hotness::reach_at_line`] for each
//! finding's first line.
//!
//! This module must NOT change what a finding claims; it only fills
//! [`Finding::reach`].

use memaudit_facts::hotness::Hotness;
use memaudit_facts::items::declared_name;
use memaudit_model::{Category, Finding};

/// Fills the reach of findings of file `file` (an index into the graph's
/// files); a finding on a field or static said to keep memory also gets
/// where the workspace grows it.
pub fn annotate(findings: &mut [Finding], hot: &Hotness<'_>, file: u32) {
    for f in findings {
        let mut reach = hot.reach_at_line(file, f.line_start);
        if f.category == Category::LifetimeExtension {
            if let Some(name) = declared_name(&f.code) {
                reach.growth = hot.field_growth(file, f.line_start, name);
            }
        }
        f.reach = Some(reach);
    }
}
