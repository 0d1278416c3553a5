//! Turns a detector's draft into a complete [`Finding`]: the exact source
//! lines of the snippet, the stable fingerprint, crate, priority and source.
//!
//! This module must NOT judge code; it only fills in and filters (focus,
//! duplicates at the same line and category).

use std::collections::HashMap;

use memaudit_model::{
    Category, Confidence, Finding, FindingSource, Impact, Level, Safety, Tradeoffs,
};

use crate::FileContext;

/// Longest snippet copied into a finding; longer items are cut with a marker.
const MAX_SNIPPET_LINES: usize = 40;

/// What a detector knows about one finding.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub category: Category,
    pub lines: (u32, u32),
    pub item_path: String,
    pub confidence: Confidence,
    pub safety: Safety,
    pub issue: String,
    pub proposal: String,
    pub impact: Impact,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub prerequisites: Vec<String>,
}

impl Draft {
    pub(crate) fn new(category: Category, lines: (u32, u32), item_path: &str) -> Draft {
        Draft {
            category,
            lines,
            item_path: item_path.to_owned(),
            confidence: Confidence::Medium,
            safety: Safety::NeedsReview,
            issue: String::new(),
            proposal: String::new(),
            impact: Impact {
                level: Level::Low,
                ..Impact::default()
            },
            pros: Vec::new(),
            cons: Vec::new(),
            prerequisites: Vec::new(),
        }
    }
}

pub(crate) struct Emitter<'s> {
    rel_path: &'s str,
    source: &'s str,
    ctx: &'s FileContext,
    /// Byte offset of each line start, built on the first finding.
    line_starts: Vec<usize>,
    out: Vec<Finding>,
    seen: HashMap<String, u32>,
    /// (line, category) already reported, to keep one finding per place.
    taken: Vec<(u32, Category)>,
    pub(crate) module: String,
}

impl<'s> Emitter<'s> {
    pub(crate) fn new(rel_path: &'s str, source: &'s str, ctx: &'s FileContext) -> Self {
        Emitter {
            rel_path,
            source,
            ctx,
            line_starts: Vec::new(),
            out: Vec::new(),
            seen: HashMap::new(),
            taken: Vec::new(),
            module: ctx.module.clone().unwrap_or_else(|| module_path(rel_path)),
        }
    }

    pub(crate) fn wants(&self, c: Category) -> bool {
        self.ctx.focus.includes(c)
    }

    pub(crate) fn priority(&self) -> memaudit_model::Priority {
        self.ctx.priority
    }

    pub(crate) fn emit(&mut self, d: Draft) {
        if !self.wants(d.category) || self.taken.contains(&(d.lines.0, d.category)) {
            return;
        }
        self.taken.push((d.lines.0, d.category));
        let code = self.snippet(d.lines.0, d.lines.1);
        let mut fp = crate::fingerprint(d.category, &d.item_path, &code);
        // The same code twice in one item gets a distinct, still stable, id.
        let n = self.seen.entry(fp.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            fp = crate::fingerprint(d.category, &d.item_path, &format!("{code}\u{0}#{n}"));
        }
        self.out.push(Finding {
            id: String::new(),
            fingerprint: fp,
            category: d.category,
            file: self.rel_path.to_owned(),
            line_start: d.lines.0,
            line_end: d.lines.1.max(d.lines.0),
            crate_name: self.ctx.crate_name.clone(),
            priority: self.ctx.priority,
            item_path: d.item_path,
            confidence: d.confidence,
            safety: d.safety,
            code,
            issue: d.issue,
            proposal: d.proposal,
            impact: d.impact,
            tradeoffs: Tradeoffs {
                pros: d.pros,
                cons: d.cons,
            },
            prerequisites: d.prerequisites,
            source: FindingSource::Builtin,
            reach: None,
            edit: None,
        });
    }

    /// The exact source lines `start..=end` (1-based).
    pub(crate) fn snippet(&mut self, start: u32, end: u32) -> String {
        if self.line_starts.is_empty() {
            self.line_starts.push(0);
            self.line_starts
                .extend(memchr_newlines(self.source.as_bytes()).map(|i| i + 1));
        }
        let n = self.line_starts.len();
        let s = (start.max(1) as usize - 1).min(n - 1);
        let e = (end.max(start) as usize).min(n);
        let cut = e - s > MAX_SNIPPET_LINES;
        let e2 = if cut { s + MAX_SNIPPET_LINES } else { e };
        let from = self.line_starts[s];
        let to = self
            .line_starts
            .get(e2)
            .copied()
            .unwrap_or(self.source.len());
        let mut text = self.source[from..to]
            .trim_end_matches(['\n', '\r'])
            .to_owned();
        if cut {
            text.push_str("\n    // … (snippet cut)");
        }
        text
    }

    pub(crate) fn finish(mut self) -> Vec<Finding> {
        self.out.sort_by_key(|a| (a.line_start, a.category));
        self.out
    }
}

fn memchr_newlines(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    b.iter()
        .enumerate()
        .filter(|(_, &c)| c == b'\n')
        .map(|(i, _)| i)
}

/// `crates/foo/src/worker/bridge.rs` → `worker::bridge`; `src/lib.rs` → ``.
pub(crate) fn module_path(rel: &str) -> String {
    let rel = rel.trim_end_matches(".rs");
    let after_src = match rel.rfind("src/") {
        Some(i) if i == 0 || rel[..i].ends_with('/') => &rel[i + 4..],
        _ => rel.rsplit('/').next().unwrap_or(rel),
    };
    let parts: Vec<&str> = after_src
        .split('/')
        .filter(|p| !p.is_empty() && !matches!(*p, "lib" | "main" | "mod"))
        .collect();
    parts.join("::")
}

/// `module::Type::method` from the parts that are known.
pub(crate) fn join_path(parts: &[&str]) -> String {
    let mut s = String::new();
    for p in parts.iter().filter(|p| !p.is_empty()) {
        if !s.is_empty() {
            s.push_str("::");
        }
        s.push_str(p);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths_follow_the_file_layout() {
        let cases = [
            ("crates/foo/src/worker/bridge.rs", "worker::bridge"),
            ("src/lib.rs", ""),
            ("src/worker/mod.rs", "worker"),
            ("crates/a/src/main.rs", ""),
            ("tools/gen.rs", "gen"),
        ];
        for (rel, want) in cases {
            assert_eq!(module_path(rel), want, "module path of {rel}");
        }
    }

    #[test]
    fn snippets_are_exact_lines() {
        let ctx = FileContext::new("c");
        let src = "a\n  b\nc\n";
        let mut e = Emitter::new("src/x.rs", src, &ctx);
        assert_eq!(e.snippet(2, 3), "  b\nc");
        assert_eq!(e.snippet(3, 3), "c");
        assert_eq!(
            e.snippet(9, 9),
            "",
            "past the end yields nothing rather than panicking"
        );
    }
}
