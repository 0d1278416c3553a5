//! Applies the user's `scope.md` overrides to a scored scope: exclude, then
//! include (which wins over exclude and can add files discovery left out),
//! then force priority; records what each override did, including "matched
//! nothing", so a typo in `scope.md` is visible rather than silently ignored.
//!
//! Patterns are workspace-relative globs (`*` stays within one folder, `**`
//! crosses folders). A pattern matches a path exactly or anything below it,
//! so `crates/*/tests/` and `crates/critical_module` both cover a whole
//! folder. Must NOT parse `scope.md` (that is `scope_md`) or re-score files
//! it did not add.

use std::path::Path;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use memaudit_model::{Excluded, OverrideEffect, Priority, Reason, Scope, ScopeOverrides};

use crate::paths::{is_under, warning};
use crate::scoring::{score_file, sort_crates};
use crate::{files, DiscoverOptions};

/// A compiled override pattern.
pub(crate) struct Pattern {
    set: GlobSet,
}

impl Pattern {
    /// Compiles `raw` (backticks, `./` and a trailing `/` are ignored).
    pub(crate) fn new(raw: &str) -> Result<Pattern, globset::Error> {
        let p = clean(raw);
        let mut set = GlobSetBuilder::new();
        for glob in [p.clone(), format!("{p}/**")] {
            set.add(GlobBuilder::new(&glob).literal_separator(true).build()?);
        }
        Ok(Pattern { set: set.build()? })
    }

    pub(crate) fn matches(&self, path: &str) -> bool {
        self.set.is_match(path)
    }
}

fn clean(raw: &str) -> String {
    let p = raw.trim().trim_matches('`').trim();
    let p = p.strip_prefix("./").unwrap_or(p);
    let p = p.trim_end_matches('/');
    if p.is_empty() {
        "**".into()
    } else {
        p.to_string()
    }
}

fn effect(kind: &str, pattern: &str, matched: Vec<String>, summary: String) -> OverrideEffect {
    let summary = if matched.is_empty() && !summary.starts_with("invalid") {
        "matched nothing".to_string()
    } else {
        summary
    };
    OverrideEffect {
        kind: kind.into(),
        pattern: pattern.into(),
        matched,
        summary,
    }
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Applies overrides; records each override's effect in `scope.effects` and
/// moves excluded files to `scope.excluded`.
pub fn apply_overrides(scope: &mut Scope, overrides: &ScopeOverrides) {
    scope.overrides = overrides.clone();
    if let Some(focus) = overrides.focus {
        scope.focus = focus;
    }
    if let Some(filter) = overrides.priority_filter {
        scope.priority_filter = filter;
    }
    let mut compile = |kind: &str, raw: &str| match Pattern::new(raw) {
        Ok(p) => Some(p),
        Err(e) => {
            scope.warnings.push(warning(
                None,
                None,
                format!("{kind} pattern `{raw}` is not a valid glob: {e}"),
            ));
            scope.effects.push(effect(
                kind,
                raw,
                Vec::new(),
                format!("invalid pattern: {e}"),
            ));
            None
        }
    };
    let includes: Vec<(&str, Pattern)> = overrides
        .include
        .iter()
        .filter_map(|raw| Some((raw.as_str(), compile("include", raw)?)))
        .collect();
    let excludes: Vec<(&str, Pattern)> = overrides
        .exclude
        .iter()
        .filter_map(|raw| Some((raw.as_str(), compile("exclude", raw)?)))
        .collect();
    let forces: Vec<(&str, Priority, Pattern)> = overrides
        .force_priority
        .iter()
        .filter_map(|f| {
            Some((
                f.pattern.as_str(),
                f.priority,
                compile("force_priority", &f.pattern)?,
            ))
        })
        .collect();
    let included = |path: &str| includes.iter().any(|(_, p)| p.matches(path));

    for (raw, pattern) in &excludes {
        let (mut matched, mut kept, mut excluded) = (Vec::new(), 0, 0);
        let reason = format!("excluded by scope.md: `{raw}`");
        for c in &mut scope.crates {
            let mut keep = Vec::with_capacity(c.files.len());
            for f in std::mem::take(&mut c.files) {
                if !pattern.matches(&f.path) {
                    keep.push(f);
                } else if included(&f.path) {
                    kept += 1;
                    matched.push(f.path.clone());
                    keep.push(f);
                } else {
                    excluded += 1;
                    matched.push(f.path.clone());
                    scope.excluded.push(Excluded {
                        path: f.path,
                        reason: reason.clone(),
                    });
                }
            }
            c.files = keep;
        }
        // A crate whose folder the pattern covers is gone as a whole.
        let before = scope.crates.len();
        scope
            .crates
            .retain(|c| !(c.path != "." && pattern.matches(&c.path) && c.files.is_empty()));
        let crates_gone = before - scope.crates.len();
        let mut summary = format!("excluded {}", plural(excluded, "file"));
        if crates_gone > 0 {
            summary.push_str(&format!(" ({} removed)", plural(crates_gone, "crate")));
        }
        if kept > 0 {
            summary.push_str(&format!("; {kept} kept by Include"));
        }
        scope.effects.push(effect("exclude", raw, matched, summary));
    }

    for (raw, pattern) in &includes {
        let note = format!("included by scope.md: `{raw}`");
        let mut matched = Vec::new();
        for f in scope.crates.iter_mut().flat_map(|c| c.files.iter_mut()) {
            if pattern.matches(&f.path) {
                matched.push(f.path.clone());
                f.overridden.get_or_insert_with(|| note.clone());
            }
        }
        let mut added = 0;
        if matched.is_empty() {
            if let Some(path) = add_file(scope, &clean(raw), &note) {
                matched.push(path);
                added = 1;
            }
        }
        let summary = if added > 0 {
            "added 1 file that discovery had left out".to_string()
        } else {
            format!("kept {} in scope", plural(matched.len(), "file"))
        };
        scope.effects.push(effect("include", raw, matched, summary));
    }

    for (raw, priority, pattern) in &forces {
        let note = format!("scope.md forces {priority} (`{raw}`)");
        let mut matched = Vec::new();
        let mut crates_hit = 0;
        for c in &mut scope.crates {
            let whole = c.path != "." && pattern.matches(&c.path);
            if whole {
                c.priority = *priority;
                crates_hit += 1;
                matched.push(c.path.clone());
                c.reasons.push(override_reason(&c.path, &note));
            }
            for f in &mut c.files {
                if whole || pattern.matches(&f.path) {
                    f.priority = *priority;
                    f.overridden = Some(note.clone());
                    f.reasons.push(override_reason(&f.path, &note));
                    if !whole {
                        matched.push(f.path.clone());
                    }
                }
            }
        }
        let files = matched.len() - crates_hit;
        let summary = match crates_hit {
            0 => format!("set {} to {priority}", plural(files, "file")),
            n => format!("set {} and their files to {priority}", plural(n, "crate")),
        };
        scope
            .effects
            .push(effect("force_priority", raw, matched, summary));
    }
    sort_crates(&mut scope.crates);
}

fn override_reason(path: &str, note: &str) -> Reason {
    Reason {
        signal: "override:force_priority".into(),
        file: path.into(),
        line: None,
        weight: 0,
        detail: note.into(),
    }
}

/// Adds a literal `.rs` path that discovery did not list (not in a module
/// tree and git-ignored, say) to the crate whose folder holds it, scored
/// like any other file. Returns its path when added.
fn add_file(scope: &mut Scope, rel: &str, note: &str) -> Option<String> {
    if rel.contains(['*', '?', '[', '{'])
        || !rel.ends_with(".rs")
        || rel.split('/').any(|c| c == "..")
    {
        return None;
    }
    let abs = Path::new(&scope.workspace).join(rel);
    if !abs.is_file() {
        return None;
    }
    let krate = scope
        .crates
        .iter_mut()
        .filter(|c| is_under(rel, &c.path))
        .max_by_key(|c| if c.path == "." { 0 } else { c.path.len() })?;
    let place = files::Place {
        crate_name: &krate.name,
        module: &[],
        target: memaudit_facts::callgraph::TargetKind::guess(rel),
        test: None,
    };
    let parsed = files::parse(
        &abs,
        rel,
        DiscoverOptions::default().max_file_bytes,
        &place,
        &crate::NoVisit,
    );
    let within = if krate.path == "." {
        rel
    } else {
        &rel[krate.path.len() + 1..]
    };
    let mut file = score_file(rel, within, &parsed.signals, false);
    file.overridden = Some(note.to_string());
    krate.files.push(file);
    scope.warnings.extend(parsed.warnings);
    scope.excluded.retain(|e| e.path != rel);
    Some(rel.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(pattern: &str, path: &str, expected: bool) {
        let p = Pattern::new(pattern).expect("valid pattern");
        assert_eq!(p.matches(path), expected, "`{pattern}` vs {path}");
    }

    #[test]
    fn patterns_match_files_and_folders() {
        check("crates/*/tests/", "crates/a/tests/it.rs", true);
        check("crates/*/tests/", "crates/a/tests/deep/x.rs", true);
        check("crates/*/tests/", "crates/a/src/tests.rs", false);
        check(
            "crates/critical_module",
            "crates/critical_module/src/lib.rs",
            true,
        );
        check(
            "crates/critical_module",
            "crates/critical_module_two/src/lib.rs",
            false,
        );
        check("`crates/a/src/hot.rs`", "crates/a/src/hot.rs", true);
        check("./crates/a/src/hot.rs", "crates/a/src/hot.rs", true);
        check("**/tests/**", "x/tests/a.rs", true);
        check("crates/*", "crates/a/src/lib.rs", true);
        check("src/*.rs", "src/a/b.rs", false);
    }
}
