//! Tying measurements to findings: which findings' lines allocated in the
//! profiled run ([`measure_findings`]), which heavy sites nobody reported
//! ([`unexplained_sites`]), and whether a finding is hot in this workload
//! ([`hot_in_workload`]).
//!
//! A site belongs to a finding when it is in the finding's file and its line
//! lies in `line_start - widen ..= line_end + widen`. The widening
//! ([`TieOptions::widen`], 0 by default) lets a caller cover an enclosing loop
//! header or a finding reported on the `let` above the allocating call.
//!
//! [`unexplained_sites`] reads the site's source file (never executes it) to
//! name a category: a line inside a `for`/`while`/`loop` body or inside a
//! closure passed to an iterator adapter (`map`, `for_each`, …) is an
//! ALLOCATION_LOOP with MEDIUM confidence; any other line that allocated many
//! blocks is still an ALLOCATION_LOOP (the line ran many times, so a loop
//! further up the stack drives it) with LOW confidence; a line with few but
//! large blocks is a LIFETIME_EXTENSION candidate with LOW confidence. The
//! reason is spelled out in the finding's issue text.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use memaudit_model::{
    finding_id, Category, Confidence, Finding, FindingSource, Impact, Level, Priority, Safety,
    Scope, Tradeoffs,
};

use crate::Site;

/// Options of [`measure_findings_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieOptions {
    /// Lines added on both sides of a finding's range when matching sites.
    pub widen: u32,
}

/// What the profile measured inside one finding's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measured {
    pub finding_id: String,
    /// Blocks allocated at the finding's sites in the profiled run.
    pub allocations: u64,
    pub bytes: u64,
    pub max_live_bytes: u64,
    /// Bytes from these sites live at the run's global peak (DHAT's `gb`,
    /// exact, unlike the per-site maxima).
    pub at_peak_bytes: u64,
    pub at_exit_bytes: u64,
    /// The measured `(file, line)` sites inside the finding, heaviest first.
    pub sites: Vec<(String, u32)>,
}

/// When a site counts as heavy for [`unexplained_sites`]: at least
/// `min_blocks` blocks or at least `min_bytes` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threshold {
    pub min_blocks: u64,
    pub min_bytes: u64,
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold {
            min_blocks: 1_000,
            min_bytes: 1 << 20,
        }
    }
}

/// A finding is hot in a workload when its lines allocated at least this many
/// blocks…
pub const HOT_MIN_BLOCKS: u64 = 100;
/// …or at least this share (in percent) of all blocks attributed to the
/// workspace.
pub const HOT_MIN_SHARE_PERCENT: u64 = 1;

fn in_finding(finding: &Finding, site: &Site, widen: u32) -> bool {
    site.file == finding.file
        && site.line.saturating_add(widen) >= finding.line_start
        && site.line <= finding.line_end.saturating_add(widen)
}

/// Sums that saturate: figures come from a file the user handed us.
fn saturating_sum(values: impl Iterator<Item = u64>) -> u64 {
    values.fold(0, u64::saturating_add)
}

/// [`measure_findings_with`] without widening.
pub fn measure_findings(findings: &[Finding], sites: &[Site]) -> Vec<Measured> {
    measure_findings_with(findings, sites, &TieOptions::default())
}

/// The findings whose (widened) line range contains measured sites, with the
/// sums of those sites, in the findings' order. Findings with no measured
/// site are left out.
pub fn measure_findings_with(
    findings: &[Finding],
    sites: &[Site],
    options: &TieOptions,
) -> Vec<Measured> {
    findings
        .iter()
        .filter_map(|f| {
            let mut hits: Vec<&Site> = sites
                .iter()
                .filter(|s| in_finding(f, s, options.widen))
                .collect();
            if hits.is_empty() {
                return None;
            }
            hits.sort_by(|a, b| {
                b.total_blocks
                    .cmp(&a.total_blocks)
                    .then(a.line.cmp(&b.line))
            });
            Some(Measured {
                finding_id: f.id.clone(),
                allocations: saturating_sum(hits.iter().map(|s| s.total_blocks)),
                bytes: saturating_sum(hits.iter().map(|s| s.total_bytes)),
                max_live_bytes: saturating_sum(hits.iter().map(|s| s.max_live_bytes)),
                at_peak_bytes: saturating_sum(hits.iter().map(|s| s.at_peak_bytes)),
                at_exit_bytes: saturating_sum(hits.iter().map(|s| s.at_exit_bytes)),
                sites: hits.iter().map(|s| (s.file.clone(), s.line)).collect(),
            })
        })
        .collect()
}

/// Whether the finding's lines allocated enough in this workload to matter:
/// at least [`HOT_MIN_BLOCKS`] blocks, or at least [`HOT_MIN_SHARE_PERCENT`]
/// of all blocks in `sites`. `false` backs the Validator's "not hot in this
/// workload" note.
pub fn hot_in_workload(finding: &Finding, sites: &[Site]) -> bool {
    let all = saturating_sum(sites.iter().map(|s| s.total_blocks));
    let mine = saturating_sum(
        sites
            .iter()
            .filter(|s| in_finding(finding, s, 0))
            .map(|s| s.total_blocks),
    );
    mine > 0
        && (mine >= HOT_MIN_BLOCKS
            || mine.saturating_mul(100) >= all.saturating_mul(HOT_MIN_SHARE_PERCENT))
}

/// Heavy sites (per `threshold`) that no finding covers, as new findings with
/// `source: Measurement`. Ids continue after the highest `F-NNN` in
/// `findings`. Source files are read from `scope.workspace` to name the
/// category and the enclosing item; an unreadable or unparsable file falls
/// back to the LOW-confidence defaults (see the module doc).
pub fn unexplained_sites(
    scope: &Scope,
    findings: &[Finding],
    sites: &[Site],
    threshold: &Threshold,
) -> Vec<Finding> {
    let mut next = findings
        .iter()
        .filter_map(|f| f.id.strip_prefix("F-")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    let heavy: Vec<&Site> = sites
        .iter()
        .filter(|s| s.total_blocks >= threshold.min_blocks || s.total_bytes >= threshold.min_bytes)
        .filter(|s| !findings.iter().any(|f| in_finding(f, s, 0)))
        .collect();
    // Parse each file once for all its sites.
    let mut by_file: BTreeMap<&str, Vec<&Site>> = BTreeMap::new();
    for s in &heavy {
        by_file.entry(s.file.as_str()).or_default().push(s);
    }
    let mut contexts: BTreeMap<(&str, u32), LineContext> = BTreeMap::new();
    for (file, file_sites) in by_file {
        let lines: Vec<u32> = file_sites.iter().map(|s| s.line).collect();
        for (line, ctx) in
            lines
                .iter()
                .zip(read_contexts(Path::new(&scope.workspace), file, &lines))
        {
            contexts.insert((file, *line), ctx);
        }
    }
    heavy
        .into_iter()
        .map(|site| {
            next = next.saturating_add(1);
            let ctx = contexts
                .remove(&(site.file.as_str(), site.line))
                .unwrap_or_default();
            measurement_finding(scope, site, ctx, finding_id(next))
        })
        .collect()
}

/// What the source says about one line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct LineContext {
    /// e.g. "a `for` loop body", "a closure passed to `.map()`".
    repeated_by: Option<String>,
    item_path: String,
    code: String,
    /// Why the context could not be read, if it could not.
    problem: Option<String>,
}

fn read_contexts(root: &Path, file: &str, lines: &[u32]) -> Vec<LineContext> {
    let text = match std::fs::read_to_string(root.join(file)) {
        Ok(t) => t,
        Err(e) => {
            let ctx = LineContext {
                problem: Some(format!("the source could not be read: {e}")),
                ..LineContext::default()
            };
            return vec![ctx; lines.len()];
        }
    };
    contexts_in(&text, lines)
}

/// The context of each line in one file's text.
fn contexts_in(text: &str, lines: &[u32]) -> Vec<LineContext> {
    let source_lines: Vec<&str> = text.lines().collect();
    let parsed = syn::parse_file(text);
    let result = lines
        .iter()
        .map(|&line| {
            let code = source_lines
                .get(line.saturating_sub(1) as usize)
                .map(|l| l.trim().to_owned())
                .unwrap_or_default();
            match &parsed {
                Ok(ast) => {
                    let mut finder = ContextFinder {
                        line,
                        path: Vec::new(),
                        item_path: String::new(),
                        repeated_by: None,
                    };
                    finder.visit_file(ast);
                    LineContext {
                        repeated_by: finder.repeated_by,
                        item_path: finder.item_path,
                        code,
                        problem: None,
                    }
                }
                Err(e) => LineContext {
                    code,
                    problem: Some(format!("the source does not parse: {e}")),
                    ..LineContext::default()
                },
            }
        })
        .collect();
    // Span positions are kept per thread until invalidated; drop them so
    // that classifying many files does not grow memory.
    drop(parsed);
    proc_macro2::extra::invalidate_current_thread_spans();
    result
}

/// Iterator adapters whose closures run once per element.
const ITERATOR_METHODS: [&str; 16] = [
    "map",
    "for_each",
    "filter_map",
    "flat_map",
    "filter",
    "fold",
    "try_for_each",
    "try_fold",
    "scan",
    "take_while",
    "skip_while",
    "map_while",
    "inspect",
    "any",
    "all",
    "find_map",
];

struct ContextFinder {
    line: u32,
    path: Vec<String>,
    item_path: String,
    repeated_by: Option<String>,
}

impl ContextFinder {
    fn contains(&self, span: proc_macro2::Span) -> bool {
        span.start().line as u32 <= self.line && self.line <= span.end().line as u32
    }

    /// A loop body counts from the line after its `{` (unless the loop
    /// keyword is on an earlier line), so an allocation in the loop header,
    /// evaluated once, is not called repeated.
    fn in_body(&self, keyword_line: usize, body: &syn::Block) -> bool {
        let open = body.brace_token.span.open().start().line;
        let close = body.brace_token.span.close().end().line;
        let first = if open == keyword_line { open + 1 } else { open };
        (first as u32) <= self.line && self.line <= close as u32
    }

    fn enter(&mut self, name: String, span: proc_macro2::Span) -> bool {
        if !self.contains(span) {
            return false;
        }
        self.path.push(name);
        self.item_path = self.path.join("::");
        true
    }
}

impl<'ast> Visit<'ast> for ContextFinder {
    fn visit_item_mod(&mut self, i: &'ast syn::ItemMod) {
        if self.enter(i.ident.to_string(), i.span()) {
            visit::visit_item_mod(self, i);
            self.path.pop();
        }
    }
    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        if self.enter(i.sig.ident.to_string(), i.span()) {
            visit::visit_item_fn(self, i);
            self.path.pop();
        }
    }
    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let name = match &*i.self_ty {
            syn::Type::Path(p) => p
                .path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default(),
            _ => "impl".to_owned(),
        };
        if self.enter(name, i.span()) {
            visit::visit_item_impl(self, i);
            self.path.pop();
        }
    }
    fn visit_impl_item_fn(&mut self, i: &'ast syn::ImplItemFn) {
        if self.enter(i.sig.ident.to_string(), i.span()) {
            visit::visit_impl_item_fn(self, i);
            self.path.pop();
        }
    }
    fn visit_expr_for_loop(&mut self, e: &'ast syn::ExprForLoop) {
        if self.in_body(e.for_token.span.start().line, &e.body) {
            self.repeated_by = Some("a `for` loop body".to_owned());
        }
        visit::visit_expr_for_loop(self, e);
    }
    fn visit_expr_while(&mut self, e: &'ast syn::ExprWhile) {
        if self.in_body(e.while_token.span.start().line, &e.body) {
            self.repeated_by = Some("a `while` loop body".to_owned());
        }
        visit::visit_expr_while(self, e);
    }
    fn visit_expr_loop(&mut self, e: &'ast syn::ExprLoop) {
        let open = e.body.brace_token.span.open().start().line as u32;
        let close = e.body.brace_token.span.close().end().line as u32;
        if open <= self.line && self.line <= close {
            self.repeated_by = Some("a `loop` body".to_owned());
        }
        visit::visit_expr_loop(self, e);
    }
    fn visit_expr_method_call(&mut self, e: &'ast syn::ExprMethodCall) {
        let method = e.method.to_string();
        if ITERATOR_METHODS.contains(&method.as_str()) {
            for arg in &e.args {
                if let syn::Expr::Closure(c) = arg {
                    if self.contains(c.body.span()) {
                        self.repeated_by = Some(format!("a closure passed to `.{method}()`"));
                    }
                }
            }
        }
        visit::visit_expr_method_call(self, e);
    }
}

fn impact_level(blocks: u64, bytes: u64) -> Level {
    if blocks >= 100_000 || bytes >= 100 << 20 {
        Level::High
    } else if blocks >= 10_000 || bytes >= 10 << 20 {
        Level::Medium
    } else {
        Level::Low
    }
}

/// The same fingerprint as the built-in Analyst's: category, item path and
/// whitespace-normalised code, never line numbers.
fn fingerprint(category: Category, item_path: &str, code: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(category.as_str().as_bytes());
    hasher.update(b"\0");
    hasher.update(item_path.as_bytes());
    hasher.update(b"\0");
    let normalised: Vec<&str> = code.split_whitespace().collect();
    hasher.update(normalised.join(" ").as_bytes());
    hasher.finalize().to_hex()[..16].to_owned()
}

fn measurement_finding(scope: &Scope, site: &Site, ctx: LineContext, id: String) -> Finding {
    let measured = format!(
        "The heap profile measured {} allocations ({} bytes) at this line",
        site.total_blocks, site.total_bytes
    );
    let (category, confidence, issue, proposal) =
        match (&ctx.repeated_by, &ctx.problem) {
            (Some(repeated_by), _) => (
                Category::AllocationLoop,
                Confidence::Medium,
                format!("{measured}, inside {repeated_by}: a fresh allocation on every iteration."),
                "Hoist the allocation out of the loop and reuse it (`clear()` per iteration), \
             or size it once with `with_capacity` before the loop."
                    .to_owned(),
            ),
            (None, problem) if site.total_blocks >= 2 => (
                Category::AllocationLoop,
                Confidence::Low,
                format!(
                "{measured}. The line is not inside a loop of its own{}, so it runs many times \
                 because a caller repeats it: look at the callers' loops.",
                problem.as_deref().map(|p| format!(" ({p})")).unwrap_or_default()
            ),
                "Pass a reusable buffer down from the calling loop, or cache the result."
                    .to_owned(),
            ),
            (None, problem) => (
                Category::LifetimeExtension,
                Confidence::Low,
                format!(
                "{measured}: few but large blocks{}. Check that the buffer does not live longer \
                 than the work that needs it.",
                problem.as_deref().map(|p| format!(" ({p})")).unwrap_or_default()
            ),
                "Drop or shrink the buffer as soon as the work that needs it ends.".to_owned(),
            ),
        };
    let item_path = if ctx.item_path.is_empty() {
        site.function.clone()
    } else {
        ctx.item_path
    };
    let krate = scope.crate_of(&site.file);
    let priority = krate
        .and_then(|c| c.files.iter().find(|f| f.path == site.file))
        .map(|f| f.priority)
        .unwrap_or(Priority::P2);
    Finding {
        id,
        fingerprint: fingerprint(category, &item_path, &ctx.code),
        category,
        file: site.file.clone(),
        line_start: site.line,
        line_end: site.line,
        crate_name: krate.map(|c| c.name.clone()).unwrap_or_default(),
        priority,
        item_path,
        confidence,
        safety: Safety::NeedsReview,
        code: ctx.code,
        issue,
        proposal,
        impact: Impact {
            allocations_avoided: Some(site.total_blocks),
            bytes_saved: Some(site.total_bytes),
            unit: "profiled run".to_owned(),
            applies_to: format!("`{}` in the profiled workload", site.function),
            level: impact_level(site.total_blocks, site.total_bytes),
        },
        tradeoffs: Tradeoffs::default(),
        prerequisites: Vec::new(),
        source: FindingSource::Measurement,
        reach: None,
        edit: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"
mod io {
    pub fn read_all(rows: &[&str]) -> usize {
        let header = String::from("h");
        let mut n = header.len();
        for row in rows {
            let s = row.to_string();
            n += s.len();
        }
        while n < 10 {
            n += vec![1u8].len();
        }
        n += rows.iter().map(|r| r.to_owned().len()).sum::<usize>();
        loop { let _b = Box::new(1); break; }
        n
    }
}
struct Cache;
impl Cache {
    fn fill(&self) -> Vec<u8> { Vec::with_capacity(4096) }
}
"#;

    fn check_context(line: u32, repeated_by: Option<&str>, item_path: &str) {
        let ctx = contexts_in(SOURCE, &[line]).remove(0);
        assert_eq!(
            (ctx.repeated_by.as_deref(), ctx.item_path.as_str()),
            (repeated_by, item_path),
            "line {line}: `{}`",
            ctx.code
        );
    }

    #[test]
    fn lines_inside_loops_and_iterator_closures_are_repeated() {
        check_context(4, None, "io::read_all");
        check_context(6, None, "io::read_all");
        check_context(7, Some("a `for` loop body"), "io::read_all");
        check_context(11, Some("a `while` loop body"), "io::read_all");
        check_context(13, Some("a closure passed to `.map()`"), "io::read_all");
        check_context(14, Some("a `loop` body"), "io::read_all");
        check_context(20, None, "Cache::fill");
    }

    #[test]
    fn unparsable_source_keeps_the_code_and_says_why() {
        let ctx = contexts_in("fn f( {\n let x = 1;\n", &[2]).remove(0);
        assert_eq!(ctx.code, "let x = 1;");
        assert!(
            ctx.problem
                .as_deref()
                .is_some_and(|p| p.contains("does not parse")),
            "{ctx:?}"
        );
    }

    fn site(file: &str, line: u32, blocks: u64, bytes: u64) -> Site {
        Site {
            file: file.to_owned(),
            line,
            function: "a::f".to_owned(),
            total_bytes: bytes,
            total_blocks: blocks,
            max_live_bytes: bytes,
            max_live_blocks: blocks,
            at_peak_bytes: 0,
            at_exit_bytes: 0,
            at_exit_blocks: 0,
            program_points: 1,
        }
    }

    fn finding(id: &str, file: &str, start: u32, end: u32) -> Finding {
        Finding {
            id: id.to_owned(),
            fingerprint: String::new(),
            category: Category::AllocationLoop,
            file: file.to_owned(),
            line_start: start,
            line_end: end,
            crate_name: "a".to_owned(),
            priority: Priority::P1,
            item_path: "f".to_owned(),
            confidence: Confidence::High,
            safety: Safety::Safe,
            code: String::new(),
            issue: String::new(),
            proposal: String::new(),
            impact: Impact::default(),
            tradeoffs: Tradeoffs::default(),
            prerequisites: Vec::new(),
            source: FindingSource::Builtin,
            reach: None,
            edit: None,
        }
    }

    #[test]
    fn sites_tie_to_findings_by_file_and_widened_range() {
        let sites = [
            site("src/a.rs", 10, 500, 8000),
            site("src/a.rs", 12, 5, 80),
            site("src/b.rs", 10, 7, 70),
        ];
        let findings = [
            finding("F-001", "src/a.rs", 11, 12),
            finding("F-002", "src/c.rs", 1, 99),
        ];
        let narrow = measure_findings(&findings, &sites);
        assert_eq!(narrow.len(), 1, "F-002's file has no site");
        assert_eq!(
            (narrow[0].allocations, narrow[0].bytes),
            (5, 80),
            "only line 12 is inside 11-12"
        );
        let wide = measure_findings_with(&findings, &sites, &TieOptions { widen: 1 });
        assert_eq!(
            wide[0].allocations, 505,
            "widening by one line takes line 10 in"
        );
        assert_eq!(
            wide[0].sites,
            vec![("src/a.rs".to_owned(), 10), ("src/a.rs".to_owned(), 12)],
            "heaviest site first"
        );
    }

    fn scope_at(root: &Path) -> Scope {
        Scope {
            workspace: root.to_string_lossy().into_owned(),
            ..Scope::default()
        }
    }

    #[test]
    fn unexplained_sites_get_a_category_from_the_code() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/io.rs"), SOURCE).unwrap();
        std::fs::write(
            dir.path().join("src/bad.rs"),
            "fn f( {\n  let v = vec![1];\n",
        )
        .unwrap();
        let sites = [
            site("src/io.rs", 7, 5_000, 80_000),
            site("src/io.rs", 4, 3_000, 48_000),
            site("src/io.rs", 20, 1, 8 << 20),
            site("src/bad.rs", 2, 2_000, 100),
            site("src/gone.rs", 9, 2_000, 100),
            site("src/io.rs", 5, 10, 100),
        ];
        let existing = [finding("F-041", "src/other.rs", 1, 1)];
        let found = unexplained_sites(
            &scope_at(dir.path()),
            &existing,
            &sites,
            &Threshold::default(),
        );
        let got: Vec<_> = found
            .iter()
            .map(|f| {
                (
                    f.id.as_str(),
                    f.line_start,
                    f.category,
                    f.confidence,
                    f.item_path.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "F-042",
                    7,
                    Category::AllocationLoop,
                    Confidence::Medium,
                    "io::read_all"
                ),
                (
                    "F-043",
                    4,
                    Category::AllocationLoop,
                    Confidence::Low,
                    "io::read_all"
                ),
                (
                    "F-044",
                    20,
                    Category::LifetimeExtension,
                    Confidence::Low,
                    "Cache::fill"
                ),
                (
                    "F-045",
                    2,
                    Category::AllocationLoop,
                    Confidence::Low,
                    "a::f"
                ),
                (
                    "F-046",
                    9,
                    Category::AllocationLoop,
                    Confidence::Low,
                    "a::f"
                ),
            ],
            "heavy sites only, ids after F-041, category from the code"
        );
        assert!(
            found[3].issue.contains("does not parse"),
            "{}",
            found[3].issue
        );
        assert!(
            found[4].issue.contains("could not be read"),
            "{}",
            found[4].issue
        );
        assert!(found.iter().all(|f| f.source == FindingSource::Measurement));
        assert_eq!(found[0].code, "let s = row.to_string();");
        assert_eq!(found[0].impact.allocations_avoided, Some(5_000));
        assert_eq!(
            found[0].fingerprint,
            fingerprint(
                Category::AllocationLoop,
                "io::read_all",
                "let  s = row.to_string();"
            ),
            "fingerprints ignore whitespace like the Analyst's"
        );
    }

    #[test]
    fn hot_means_enough_blocks_or_a_real_share() {
        let sites = [site("src/a.rs", 10, 30, 1), site("src/a.rs", 20, 4000, 1)];
        assert!(
            !hot_in_workload(&finding("F-1", "src/a.rs", 10, 10), &sites),
            "30 of 4030 is under 1%"
        );
        assert!(hot_in_workload(&finding("F-2", "src/a.rs", 20, 20), &sites));
        let few = [site("src/a.rs", 10, 50, 1), site("src/a.rs", 20, 60, 1)];
        assert!(
            hot_in_workload(&finding("F-3", "src/a.rs", 10, 10), &few),
            "45% of the run"
        );
        assert!(
            !hot_in_workload(&finding("F-4", "src/a.rs", 30, 40), &few),
            "nothing measured"
        );
    }
}
