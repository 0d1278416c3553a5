//! Code that does not run in production or not in steady state: test code,
//! error and `#[cold]` paths, and what the call graph says is cold.
//!
//! It must NOT guess hotness from loops: that is `hot`'s business.

use super::*;

pub(super) fn path_is_test(file: &str) -> bool {
    let f = format!("/{file}");
    f.contains("/tests/")
        || f.contains("/benches/")
        || f.ends_with("/tests.rs")
        || f.ends_with("_test.rs")
        || f.ends_with("_tests.rs")
}

pub(super) fn rule_test_code(case: &Case, site: &Site) -> Option<Fired> {
    let reason = site.ctx.test.clone().or_else(|| {
        path_is_test(&case.finding.file)
            .then(|| format!("`{}` is a test or bench file", case.finding.file))
    })?;
    Some(Fired {
        description: format!("{} is test code: {reason}.", site.label()),
        risk: "Optimising it changes nothing for users and makes tests harder to read.".into(),
        suggestion: "Exclude test code from the audit (`tests/` and `#[cfg(test)]`).".into(),
        counterexample: Some(format!(
            "{reason}: it runs only under `cargo test` or `cargo bench`, never in a release \
             build, so the allocation at line {} costs production nothing.",
            site.start.line
        )),
        hot_path: Some(assess(Answer::No, format!("test code: {reason}"))),
        ..Fired::default()
    })
}

pub(super) fn rule_cold_reach(case: &Case, _site: &Site) -> Option<Fired> {
    let reach = case.finding.reach.as_ref().filter(|r| !r.surfaces())?;
    let kind = reach.cold.map_or("cold code", |k| k.label());
    let chain = reach.reasons.join(" ← ");
    Some(Fired {
        description: format!("The code runs in {kind}: {chain}."),
        risk: "An optimisation there saves nothing the user of the program feels.".into(),
        suggestion: "Keep it as it is; look at the hot paths instead.".into(),
        counterexample: Some(format!(
            "{chain}: the allocation at line {} runs {}, not per item of the program's data.",
            case.finding.line_start,
            match reach.cold {
                Some(memaudit_model::ColdKind::Setup) => "once per process",
                Some(memaudit_model::ColdKind::ErrorPath) => "only when something fails",
                Some(memaudit_model::ColdKind::Test) => "only under `cargo test`",
                Some(memaudit_model::ColdKind::DevTool | memaudit_model::ColdKind::Build) => {
                    "only at build or development time"
                }
                Some(memaudit_model::ColdKind::Diagnostics) => "only when diagnostics are printed",
                Some(memaudit_model::ColdKind::NotCompiled) => "never: no target compiles the file",
                None => "rarely",
            }
        )),
        hot_path: Some(assess(Answer::No, format!("{kind}: {chain}"))),
        ..Fired::default()
    })
}

pub(super) fn rule_cold_path(_case: &Case, site: &Site) -> Option<Fired> {
    let reason = site.ctx.cold.clone()?;
    Some(Fired {
        description: format!("{} is on a cold path: {reason}.", site.label()),
        risk: "No steady-state impact; the change only adds noise to error handling.".into(),
        suggestion: "Leave error-path allocations alone; look at the success path.".into(),
        counterexample: Some(format!(
            "{} at line {} runs only when the operation fails ({reason}). Error paths are \
             rare by design: this is a cold path with no steady-state impact, so removing the \
             allocation saves nothing measurable.",
            site.label(),
            site.start.line
        )),
        hot_path: Some(assess(Answer::No, format!("cold path: {reason}"))),
        estimate: Some(assess(
            Answer::No,
            "an error path executes rarely; a per-iteration count does not apply",
        )),
        ..Fired::default()
    })
}
