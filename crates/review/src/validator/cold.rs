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

/// How usage text starts, as a literal the code writes.
const USAGE_MARKS: &[&str] = &["\"Usage:", "\"usage:", "\"USAGE:"];

/// Verbs that name a function whose work is text for a person.
const SHOWS: &[&str] = &[
    "print_", "show_", "display_", "render_", "write_", "format_",
];

/// The line of the site's function that writes usage text: a string
/// literal that starts with "Usage:" (`paint("Usage:")`, `"usage: {}"`).
/// Read from the lines as written: the facts keep no literals. Only a
/// function whose work is text — a `fmt` of a formatting trait, or one
/// named for showing text (`print_info`) — is the usage text's formatter:
/// a `main` or `run` that prints "Usage:" on bad arguments and then
/// processes its input is not.
fn writes_usage(case: &Case, site: &Site) -> Option<u32> {
    let (item, _) = case.raw(site)?;
    let name = item.name.as_str();
    if name != "fmt" && !SHOWS.iter().any(|v| name.starts_with(v)) {
        return None;
    }
    let (first, last) = (item.range.start.line, item.range.end.line);
    (first..=last).find(|&n| {
        n.checked_sub(1)
            .and_then(|i| case.lines.get(i as usize))
            .is_some_and(|l| USAGE_MARKS.iter().any(|m| l.contains(m)))
    })
}

/// Code that formats a command's usage text (a function that writes
/// "Usage:"): a program prints it when a person asks for it (`--help`,
/// `--usage`) or mistypes a command, once per run, however the call graph
/// reaches the formatter (a `Display` impl is "called per value").
pub(super) fn rule_usage_text(case: &Case, _: &Review) -> Option<Fired> {
    if !hot::COUNTED.contains(&case.finding.category)
        || case.measured.is_some_and(|n| n >= HOT_MEASURED)
    {
        return None;
    }
    let site = case.main?;
    let line = writes_usage(case, site)?;
    let f = fn_label(case, site);
    Some(Fired {
        description: format!(
            "{f} writes usage text (\"Usage:\" at line {line}): it runs when a person asks for \
             the usage or mistypes a command, once per run."
        ),
        risk: "An allocation in text printed once for a person to read saves nothing anyone \
               notices."
            .into(),
        suggestion: "Leave it; look at the code that runs per item of the program's data.".into(),
        counterexample: Some(format!(
            "{} at line {} is in {f}, which formats usage text (\"Usage:\" at line {line}): \
             printed on request or on a usage error, a few times per process at most.",
            site.label(),
            site.start.line
        )),
        hot_path: Some(assess(
            Answer::No,
            format!("usage text (\"Usage:\" at line {line}), printed once per request"),
        )),
        ..Fired::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use memaudit_model::{Category, Verdict};

    #[test]
    fn usage_text_is_printed_once_per_request() {
        let src = r##"
use std::fmt;
pub struct Usage<'a> { pub doc: Option<&'a str>, pub name: &'a str }
impl fmt::Display for Usage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if let Some(doc) = self.doc {
            for line in doc.lines() {
                writeln!(f, "{}", paint(&format!("# {line}")))?; // usage
            }
        }
        write!(f, "{} {}", paint("Usage:"), self.name)
    }
}
pub struct Row<'a> { pub cells: &'a [String] }
impl fmt::Display for Row<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for c in self.cells {
            write!(f, "{}", paint(&format!("[{c}]")))?; // row
        }
        Ok(())
    }
}
fn paint(s: &str) -> String { s.to_owned() }
"##;
        let reuse = "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"# {line}\").unwrap();";
        check(
            &Given::new(src, Category::AllocationLoop, "// usage")
                .proposal(reuse)
                .hot(),
            Verdict::Rejected,
            &["[rule: usage-text]", "\"Usage:\" at line 11"],
        );
        let v = validate(
            &Given::new(src, Category::AllocationLoop, "// row")
                .proposal(reuse)
                .hot(),
        );
        assert!(!said(&v).contains("usage-text"), "{}", said(&v));
        // A program that prints its usage on bad arguments, then works.
        let run = r#"
pub fn run(args: &[String], lines: &[String]) -> usize {
    if args.is_empty() {
        eprintln!("Usage: demo FILE");
        return 0;
    }
    let mut n = 0;
    for line in lines {
        n += format!("{line}!").len(); // work
    }
    n
}
"#;
        let v = validate(
            &Given::new(run, Category::AllocationLoop, "// work")
                .proposal(reuse)
                .hot(),
        );
        assert!(!said(&v).contains("usage-text"), "{}", said(&v));
    }
}
