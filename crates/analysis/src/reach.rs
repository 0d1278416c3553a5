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
        if let Some(name) = growth_subject(f) {
            reach.growth = hot.field_growth(file, f.line_start, name);
        }
        f.reach = Some(reach);
    }
}

/// The field or static whose growth a finding's reach must say: the name a
/// lifetime-extension finding declares (it claims the field keeps memory;
/// whether the workspace grows it without bound decides the claim). The
/// audit's scoring and [`annotate`] both ask this, so they cannot disagree.
pub fn growth_subject(f: &Finding) -> Option<&str> {
    (f.category == Category::LifetimeExtension)
        .then(|| declared_name(&f.code))
        .flatten()
}
