//! `scope.md`: parses the user's overrides (workflow spec 1.3) and renders a
//! fresh file in the spec's 7.1 shape, keeping every section the user wrote.
//!
//! Parsing never fails: HTML-commented lines are ignored, and a malformed
//! line becomes a Warning carrying its line number. Rendering regenerates only
//! the title block and "Discovered Targets"; every other `##` section
//! ("User Overrides", "Include", "Focus Areas", anything the user added) is
//! copied verbatim, so rendering twice changes nothing the user wrote.
//! Must NOT read or write files: callers own I/O.

use std::fmt::Write as _;

use memaudit_model::{
    CrateScope, FileScope, ForcedPriority, Priority, Reason, Scope, ScopeOverrides, Warning,
};

use crate::overrides::Pattern;
use crate::paths::warning;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Preamble,
    Include,
    Exclude,
    ForcePriority,
    Focus,
    PriorityFilter,
    Other,
}

fn classify(heading: &str) -> Section {
    let mut h = heading.trim_start_matches('#').trim().to_ascii_lowercase();
    if let Some(i) = h.find('(') {
        h.truncate(i);
    }
    match h.trim().trim_end_matches(':').trim() {
        "include" | "force include" => Section::Include,
        "exclude" | "force exclude" => Section::Exclude,
        "force priority" | "priority" => Section::ForcePriority,
        "focus" => Section::Focus,
        "priority filter" => Section::PriorityFilter,
        _ => Section::Other,
    }
}

/// Removes `<!-- ... -->` spans from a line, tracking comments that span lines.
fn strip_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(i) => {
                    rest = &rest[i + 3..];
                    *in_comment = false;
                }
                None => return out,
            }
        } else {
            match rest.find("<!--") {
                Some(i) => {
                    out.push_str(&rest[..i]);
                    rest = &rest[i + 4..];
                    *in_comment = true;
                }
                None => {
                    out.push_str(rest);
                    return out;
                }
            }
        }
    }
}

fn bullet(line: &str) -> Option<&str> {
    let t = line.trim();
    t.strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .map(str::trim)
}

/// `Focus: arena`, `**Focus:** arena`, `- Priority Filter: P0-P1`.
fn key_value(line: &str) -> Option<(String, String)> {
    let t = bullet(line).unwrap_or(line.trim()).replace("**", "");
    let (key, value) = t.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    matches!(key.as_str(), "focus" | "priority filter")
        .then(|| (key, value.trim().trim_matches('`').to_string()))
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches('`').trim().to_string()
}

/// Parses the spec's scope.md format into overrides plus warnings for lines
/// that could not be understood.
pub fn parse(text: &str) -> (ScopeOverrides, Vec<Warning>) {
    let mut out = ScopeOverrides::default();
    let mut warnings = Vec::new();
    let mut section = Section::Preamble;
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let n = Some(i as u32 + 1);
        let line = strip_comments(raw, &mut in_comment);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('#') {
            section = classify(t);
            continue;
        }
        let mut warn = |msg: String| warnings.push(warning(None, n, msg));
        // A `Focus:` / `Priority Filter:` line counts wherever it stands,
        // unless it is a bullet of a pattern list.
        if let Some((key, value)) = key_value(t).filter(|_| bullet(t).is_none()) {
            set_setting(&mut out, key == "focus", &value, &mut warn);
            continue;
        }
        match section {
            Section::Include | Section::Exclude => match bullet(t) {
                Some(p) if !unquote(p).is_empty() => {
                    let p = unquote(p);
                    if let Err(e) = Pattern::new(&p) {
                        warn(format!("`{p}` is not a valid glob: {e}"));
                    } else if section == Section::Include {
                        out.include.push(p);
                    } else {
                        out.exclude.push(p);
                    }
                }
                _ => warn(format!("expected a `- path/or/glob` bullet, found `{t}`")),
            },
            Section::ForcePriority => {
                let parsed = bullet(t)
                    .and_then(|b| b.rsplit_once(':'))
                    .map(|(p, prio)| (unquote(p), prio.trim().parse::<Priority>()));
                match parsed {
                    Some((pattern, Ok(priority))) if !pattern.is_empty() => {
                        if let Err(e) = Pattern::new(&pattern) {
                            warn(format!("`{pattern}` is not a valid glob: {e}"));
                        } else {
                            out.force_priority
                                .push(ForcedPriority { pattern, priority });
                        }
                    }
                    Some((_, Err(e))) => warn(format!("{e} in `{t}`")),
                    _ => warn(format!("expected `- path/or/glob: P0`, found `{t}`")),
                }
            }
            Section::Focus | Section::PriorityFilter => {
                let value = key_value(t)
                    .map(|(_, v)| v)
                    .or_else(|| bullet(t).map(unquote))
                    .unwrap_or_else(|| unquote(t));
                set_setting(&mut out, section == Section::Focus, &value, &mut warn);
            }
            Section::Preamble | Section::Other => {
                if let Some((key, value)) = key_value(t) {
                    set_setting(&mut out, key == "focus", &value, &mut warn);
                }
            }
        }
    }
    (out, warnings)
}

fn set_setting(out: &mut ScopeOverrides, focus: bool, value: &str, warn: &mut impl FnMut(String)) {
    if focus {
        match value.parse() {
            Ok(f) => out.focus = Some(f),
            Err(e) => warn(format!("{e}")),
        }
    } else {
        match value.parse() {
            Ok(p) => out.priority_filter = Some(p),
            Err(e) => warn(format!("{e}")),
        }
    }
}

const TITLE: &str = "# Memory Audit Scope";
const GENERATED: [&str; 3] = ["session", "started", "auto-discovered"];
const MAX_FILES_PER_SECTION: usize = 40;
const FOCUS_HINT: &str = "<!-- **Focus:** full (or arena, clones) -->";
const FILTER_HINT: &str = "<!-- **Priority Filter:** all (or p0, p0-p1) -->";
const DEFAULT_USER_SECTIONS: &str = "## User Overrides (optional)
<!-- Uncomment to customize -->
<!-- ## Force Include -->
<!-- - path/to/specific/file.rs -->

<!-- ## Force Exclude -->
<!-- - **/tests/** -->

<!-- ## Force Priority -->
<!-- - crates/critical_module: P0 -->

## Focus Areas
- Arena opportunities in file processing
- Clone reduction in hot paths
- Allocation loops in batch processing";

/// The user's part of an existing file: preamble lines we do not generate,
/// and every `##` section except "Discovered Targets", verbatim.
struct UserParts {
    preamble: Vec<String>,
    has_focus: bool,
    has_filter: bool,
    sections: Vec<String>,
}

fn user_parts(existing: &str) -> UserParts {
    let mut parts = UserParts {
        preamble: Vec::new(),
        has_focus: false,
        has_filter: false,
        sections: Vec::new(),
    };
    let mut current: Option<(bool, Vec<&str>)> = None; // (keep, lines)
    let mut in_comment = false;
    for line in existing.lines() {
        let was_in_comment = in_comment;
        let visible = strip_comments(line, &mut in_comment);
        let is_h2 = !was_in_comment && line.starts_with("## ");
        if is_h2 {
            if let Some((true, lines)) = current.take() {
                parts.sections.push(lines.join("\n").trim_end().to_string());
            }
            let generated = line
                .trim_start_matches('#')
                .trim()
                .to_ascii_lowercase()
                .starts_with("discovered targets");
            current = Some((!generated, vec![line]));
            continue;
        }
        match &mut current {
            Some((_, lines)) => lines.push(line),
            None => {
                let t = visible.trim();
                if let Some((key, _)) = key_value(t) {
                    parts.has_focus |= key == "focus";
                    parts.has_filter |= key == "priority filter";
                    parts.preamble.push(line.to_string());
                    continue;
                }
                let key = t.replace("**", "");
                let key = key
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                if line.trim() == TITLE
                    || line.trim() == FOCUS_HINT
                    || line.trim() == FILTER_HINT
                    || GENERATED.contains(&key.as_str())
                    || (t.is_empty() && !line.trim().is_empty())
                {
                    continue;
                }
                parts.preamble.push(line.to_string());
            }
        }
    }
    if let Some((true, lines)) = current {
        parts.sections.push(lines.join("\n").trim_end().to_string());
    }
    while parts.preamble.last().is_some_and(|l| l.trim().is_empty()) {
        parts.preamble.pop();
    }
    while parts.preamble.first().is_some_and(|l| l.trim().is_empty()) {
        parts.preamble.remove(0);
    }
    parts
}

/// The most telling reasons first: weighted ones by weight, then rules.
fn top_reasons(reasons: &[Reason], n: usize) -> String {
    let mut sorted: Vec<&Reason> = reasons
        .iter()
        .filter(|r| r.signal != "code:hottest_file" || r.weight > 0)
        .collect();
    sorted.sort_by_key(|r| std::cmp::Reverse(r.weight));
    let shown: Vec<String> = sorted
        .iter()
        .take(n)
        .map(|r| match r.line {
            Some(l) => format!("{} (line {l})", r.detail),
            None => r.detail.clone(),
        })
        .collect();
    if shown.is_empty() {
        "no signals".into()
    } else {
        shown.join("; ")
    }
}

fn crate_line(c: &CrateScope) -> String {
    let mut line = format!(
        "- Crate `{}` (`{}`, score {}): {}",
        c.name,
        c.path,
        c.score,
        top_reasons(&c.reasons, 3)
    );
    if let Some(e) = &c.error {
        let _ = write!(line, " — manifest error: {e}");
    }
    line
}

fn file_line(f: &FileScope) -> String {
    let mut line = format!(
        "- `{}` (score {}): {}",
        f.path,
        f.score,
        top_reasons(&f.reasons, 3)
    );
    if let Some(o) = f
        .overridden
        .as_ref()
        .filter(|o| !f.reasons.iter().any(|r| &r.detail == *o))
    {
        let _ = write!(line, " [{o}]");
    }
    line
}

/// Renders a fresh scope.md in the spec's section 7.1 shape (discovered
/// targets filled in per priority with their top reasons), keeping the
/// user's sections from `existing` verbatim.
pub fn render(scope: &Scope, session: &str, started: &str, existing: Option<&str>) -> String {
    let user = existing.map(user_parts);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{TITLE}\n\n**Session:** {session}\n**Started:** {started}\n**Auto-discovered:** Yes"
    );
    // Focus and filter lines are the user's: a written one is kept (in the
    // preamble), an override is written out, otherwise a commented hint.
    if !user.as_ref().is_some_and(|u| u.has_focus) {
        match scope.overrides.focus {
            Some(f) => writeln!(out, "**Focus:** {}", f.as_str()),
            None => writeln!(out, "{FOCUS_HINT}"),
        }
        .ok();
    }
    if !user.as_ref().is_some_and(|u| u.has_filter) {
        match scope.overrides.priority_filter {
            Some(p) => writeln!(out, "**Priority Filter:** {}", p.as_str()),
            None => writeln!(out, "{FILTER_HINT}"),
        }
        .ok();
    }
    if let Some(u) = &user {
        for line in &u.preamble {
            let _ = writeln!(out, "{line}");
        }
    }
    out.push_str("\n## Discovered Targets (auto-prioritized)\n");
    let files = scope.files_by_priority();
    let groups: [(&str, &[Priority]); 3] = [
        ("P0 - Critical (processes user data)", &[Priority::P0]),
        ("P1 - High (scales with input)", &[Priority::P1]),
        ("P2/P3 - Lower priority", &[Priority::P2, Priority::P3]),
    ];
    for (title, levels) in groups {
        let _ = writeln!(out, "\n### {title}");
        let mut any = false;
        for c in scope.crates.iter().filter(|c| levels.contains(&c.priority)) {
            any = true;
            let prefix = if levels.len() > 1 {
                format!("{} ", c.priority)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{}",
                crate_line(c).replacen("- ", &format!("- {prefix}"), 1)
            );
        }
        // P3 files are many and rarely interesting; they are counted, not listed.
        let listed: Vec<&FileScope> = files
            .iter()
            .map(|(_, f)| *f)
            .filter(|f| levels.contains(&f.priority) && f.priority != Priority::P3)
            .collect();
        for f in listed.iter().take(MAX_FILES_PER_SECTION) {
            any = true;
            let prefix = if levels.len() > 1 {
                format!("{} ", f.priority)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{}",
                file_line(f).replacen("- ", &format!("- {prefix}"), 1)
            );
        }
        if listed.len() > MAX_FILES_PER_SECTION {
            let _ = writeln!(
                out,
                "- … and {} more files",
                listed.len() - MAX_FILES_PER_SECTION
            );
        }
        if levels.contains(&Priority::P3) {
            let p3 = files
                .iter()
                .filter(|(_, f)| f.priority == Priority::P3)
                .count();
            if p3 > 0 {
                any = true;
                let _ = writeln!(out, "- P3: {p3} files (tests, setup, no hot-path signals)");
            }
        }
        if !any {
            out.push_str("- (none)\n");
        }
    }
    if !scope.excluded.is_empty() {
        out.push_str("\n### Excluded\n");
        for e in scope.excluded.iter().take(MAX_FILES_PER_SECTION) {
            let _ = writeln!(out, "- `{}`: {}", e.path, e.reason);
        }
        if scope.excluded.len() > MAX_FILES_PER_SECTION {
            let _ = writeln!(
                out,
                "- … and {} more",
                scope.excluded.len() - MAX_FILES_PER_SECTION
            );
        }
    }
    let user_sections = user.map(|u| u.sections).filter(|s| !s.is_empty());
    match user_sections {
        Some(sections) => {
            for s in sections {
                let _ = write!(out, "\n{s}\n");
            }
        }
        None => {
            let _ = write!(out, "\n{DEFAULT_USER_SECTIONS}\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text`; compares the overrides (as JSON) and `line: message` warnings.
    fn check(text: &str, expected: serde_json::Value, expected_warnings: &[&str]) {
        let (overrides, warnings) = parse(text);
        assert_eq!(
            serde_json::to_value(&overrides).unwrap(),
            expected,
            "overrides of:\n{text}"
        );
        let got: Vec<String> = warnings
            .iter()
            .map(|w| format!("{}: {}", w.line.unwrap_or(0), w.message))
            .collect();
        assert_eq!(got, expected_warnings, "warnings of:\n{text}");
    }

    #[test]
    fn spec_section_1_3_example() {
        check(
            "# Optional: Override automatic target discovery\n\n## Include (even if low auto-priority)\n- crates/my_new_crate/src/hot_path.rs\n\n## Exclude (skip even if high auto-priority)\n- crates/*/tests/\n- crates/*/benches/\n\n## Force Priority\n- crates/critical_module: P0\n",
            serde_json::json!({
                "include": ["crates/my_new_crate/src/hot_path.rs"],
                "exclude": ["crates/*/tests/", "crates/*/benches/"],
                "force_priority": [{"pattern": "crates/critical_module", "priority": "P0"}]
            }),
            &[],
        );
    }

    #[test]
    fn commented_lines_are_ignored() {
        check(
            "## User Overrides (optional)\n<!-- Uncomment to customize -->\n<!-- ## Force Include -->\n<!-- - path/to/specific/file.rs -->\n<!--\n## Force Exclude\n- **/tests/**\n-->\n## Focus Areas\n- Arena opportunities in file processing\n",
            serde_json::json!({"include": [], "exclude": [], "force_priority": []}),
            &[],
        );
    }

    #[test]
    fn focus_and_filter_lines() {
        check(
            "**Focus:** arena\n**Priority Filter:** P0-P1\n## Force Include\n- `src/a.rs`\n",
            serde_json::json!({"include": ["src/a.rs"], "exclude": [], "force_priority": [], "focus": "arena", "priority_filter": "p0_p1"}),
            &[],
        );
        check(
            "## Focus\n- clones\n",
            serde_json::json!({"include": [], "exclude": [], "force_priority": [], "focus": "clones"}),
            &[],
        );
    }

    #[test]
    fn malformed_lines_become_warnings_with_line_numbers() {
        check(
            "## Exclude\nnot a bullet\n- crates/[oops\n## Force Priority\n- crates/a: P9\n- crates/b\nFocus: sideways\n",
            serde_json::json!({"include": [], "exclude": [], "force_priority": []}),
            &[
                "2: expected a `- path/or/glob` bullet, found `not a bullet`",
                "3: `crates/[oops` is not a valid glob: error parsing glob 'crates/[oops': unclosed character class; missing ']'",
                "5: `P9` is not a valid priority (P0-P3) in `- crates/a: P9`",
                "6: expected `- path/or/glob: P0`, found `- crates/b`",
                "7: `sideways` is not a valid focus (arena, clones, full)",
            ],
        );
    }
}
