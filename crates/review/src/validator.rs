//! The built-in Validator (workflow spec 2.2): re-reads each finding's code
//! with syn, independently of the Analyst's reasoning, and decides APPROVED,
//! NEEDS_WORK or REJECTED with a safety analysis, an impact verification,
//! issues, conditions and — when rejecting — a concrete counterexample.
//!
//! It must NOT trust the finding's claims (its `safety`, `impact` and `code`
//! are checked against the file), must NOT panic or fail on a missing,
//! changed or unparsable file (that gives NEEDS_WORK with UNCLEAR checks and
//! an issue saying why), and must NOT keep syn spans: after each file the
//! thread's span table is invalidated.
//!
//! # How a finding is judged
//!
//! 1. The file is parsed and the code at `line_start..=line_end` is compared
//!    with the finding's snippet (whitespace and comments ignored, ±2 lines of
//!    slack). A mismatch means the file changed since the analysis.
//! 2. The *sites* in that range are located: clones for UNNECESSARY_CLONE,
//!    allocating expressions for ALLOCATION_LOOP / ARENA_CANDIDATE, `Box`
//!    types (wherever written: expressions, `let` annotations, fields, enum
//!    variants, parameter and return types) and allocations for
//!    HEAP_AVOIDABLE, struct/enum definitions and `Vec<Box<T>>` types for
//!    CACHE_HOSTILE, any of these for LIFETIME_EXTENSION. A pre-sizing
//!    finding (`Vec::new()` → `with_capacity`) is judged at the loop that
//!    fills the buffer, not at the `let`.
//! 3. Every site goes through the *false-positive rules*. If each site is a
//!    false positive the finding is REJECTED with that rule's counterexample;
//!    if only some are, the rest are judged and an issue asks to narrow it.
//! 4. The safety checks and impact questions are answered for the first
//!    remaining site, then the *finding rules* run: a REJECTED rule wins,
//!    otherwise every NEEDS_WORK rule that fires adds an issue and a
//!    condition. A finding no rule objects to is APPROVED with conditions.
//!
//! # Rules
//!
//! | id | verdict | applies to | fires when | why |
//! |----|---------|------------|------------|-----|
//! | `test-code` | REJECTED | all | the site is in a `#[test]` fn, a `#[cfg(test)]` item, or under `tests/` / `benches/` | test code never runs in production |
//! | `cold-path` | REJECTED | all | the site is inside `Err(..)`, a `map_err` / `ok_or_else` / `with_context` / `unwrap_or_else` closure, `panic!`-like macros, an assertion's message, an `if`/`else`/`let-else`/match arm that returns an error, an `Err(..)` arm, or a `#[cold]` fn | error paths are rare: no steady-state impact. Eager arguments (`ok_or(..)`, `expect(..)`) are *not* cold |
//! | `copy-clone` | REJECTED | all | the cloned value's type is `Copy` (primitives, shared references, tuples/arrays/`Option`s of them, `#[derive(Copy)]` types, `.len()` results, literals) | a `Copy` clone is a bitwise copy, no allocation |
//! | `refcount-clone-into-task` | REJECTED | all | an `Arc`/`Rc` (declared `Arc<..>`, built by `Arc::new` / `Arc::clone`, or an `Arc` field) is cloned and the clone moves into `thread::spawn` / `tokio::spawn` / a `move` closure or `async move` block | cloning an `Arc` is a refcount bump; the clone is needed to move ownership into the task |
//! | `refcount-clone` | REJECTED | all | any other `Arc`/`Rc` clone | a refcount bump allocates nothing, so there is nothing to save |
//! | `clone-needed-by-task` | REJECTED | all | a clone moves into a `'static` task (`thread::spawn`, `tokio::spawn`, …) and the source is used afterwards or the clone is in a loop | a spawned task needs owned data; a borrow cannot cross the spawn |
//! | `source-mutated-after-clone` | REJECTED | all | the clone's source is mutated later in the function (or anywhere in the enclosing loop) | a borrow would conflict with the mutation (E0502) |
//! | `source-moved-after-clone` | REJECTED | all | the clone's source is moved later (passed by value, returned, `into_*`) | a borrow cannot outlive the move (E0505) |
//! | `recursive-box` | REJECTED | all | a `Box<T>` in a struct/enum where `T` contains the type itself by value (directly or through other types of the file), and no `Vec`-like container already holds the box | without the box the type has infinite size (E0072) |
//! | `box-dyn` | REJECTED | all | a `Box<dyn Trait>` (type, or `Box::new` into a `Box<dyn ..>` binding or return type) | trait objects are unsized and need indirection |
//! | `unsafe-proposal` | REJECTED | all | the proposal uses `unsafe`, `transmute`, `set_len`, `from_raw_parts`, `assume_init` or `get_unchecked` without a `// SAFETY:` argument | the spec forbids unjustified unsafe optimisations |
//! | `not-worth-it` | REJECTED | all | impact LOW, effort HIGH and not on a hot path | the complexity is not worth the savings |
//! | `site-not-found` | NEEDS_WORK | all | no code of the finding's kind is found at its lines | the Validator cannot verify what it cannot see |
//! | `partly-false-positive` | NEEDS_WORK | all | some but not all sites are false positives | the finding must be narrowed |
//! | `not-in-loop` | NEEDS_WORK | all but CACHE_HOSTILE | the site is not inside a loop or per-element closure in its function (a pre-sizing finding is judged at the loop that fills the buffer instead), or a `Box` type in a field or signature (each value is one allocation, but no loop building values is shown) | a per-call allocation is only hot if a caller loops: show that caller |
//! | `presize-unproven` | NEEDS_WORK | ALLOCATION_LOOP | the finding proposes `with_capacity` for an empty buffer (`Vec::new()`, `vec![]`, `String::new()`) but no single loop of known length (a slice, array, `Vec`/map, range, or those through `iter`/`enumerate`/`map`/…) pushes into it exactly once per iteration, outside any branch or nested loop | pre-sizing with the wrong length over-reserves or still regrows |
//! | `cold-file` | NEEDS_WORK | all | the site is in a loop but the file is P2/P3 in the scope | a loop in a low-priority file is rarely a hot path: measure it |
//! | `unreached-function` | NEEDS_WORK | all | the site is in a loop in a P0/P1 file but its function is private and not called from an entry point in the file | the loop may run rarely or never: show the path from an entry point |
//! | `analyst-unsure` | NEEDS_WORK | all | the Analyst marked the finding NEEDS_REVIEW or UNSAFE and no rule of the Validator's own (`value-escapes`, `parallel-loop`) already explains the risk; the issue quotes the Analyst's stated risk and the Validator's checks | the Analyst's own doubt must be resolved |
//! | `low-confidence` | NEEDS_WORK | all | the Analyst's confidence is LOW | the pattern match is weak |
//! | `impact-unknown` | NEEDS_WORK | all | no allocation or byte count is given, or the category is CACHE_HOSTILE (layout effects need a profiler) | the estimate needs a measurement |
//! | `implausible-estimate` | NEEDS_WORK | all | the claimed allocations per unit exceed what the allocating expressions in range can produce (more than 2 × sites + 2), or there are none | the estimate does not match the code |
//! | `api-change` | NEEDS_WORK | all | the proposal, a prerequisite or a trade-off mentions an API / signature / callers change (a trade-off's "callers" of a `let` that never leaves its function do not count), or the site is a type in the signature of a `pub fn` or trait method | an API change needs its callers checked |
//! | `value-escapes` | NEEDS_WORK | all | the allocated or cloned value is stored, sent or returned (`.push`, `.insert`, `.send`, `return`, a struct literal, the result of a `map`-like closure) | a reused buffer would be overwritten, a borrow would need a lifetime |
//! | `parallel-loop` | NEEDS_WORK | all | the loop is a rayon parallel iterator and the proposal hoists a buffer out of it | one buffer would be shared by worker threads |
//! | `unproven-lifetime` | NEEDS_WORK | LIFETIME_EXTENSION, ARENA_CANDIDATE | the lifetime check is UNCLEAR for another reason | moving drop points is proven only by the borrow checker |
//! | `complexity-not-justified` | NEEDS_WORK | all | effort outweighs impact and the site is not hot | ask whether the change is worth it |
//!
//! The hot-path question answers YES only for a site inside a loop (or an
//! iterator closure) in a P0/P1 file (per the scope, else the finding's
//! priority) whose function is reachable from an entry point (`main`, a
//! `pub fn`, an `async fn`, a trait method, a spawned task, or a function
//! called from one of those in the same file).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};

use memaudit_model::{
    Answer, Assessment, Category, Check, CheckStatus, Confidence, Finding, Level, Priority, Safety,
    Scope, Validation, ValidationIssue, Verdict,
};

use crate::error::ReviewError;
use crate::facts::{self, FileFacts, FnFacts, Site, SiteKind, UseKind};
use crate::proposal;

/// Files larger than this are not parsed: no Rust source that a person
/// reviews is this big, and parsing it would blow the memory budget.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Re-reads each finding's file under `root` (independently of the Analyst's
/// reasoning) and validates it. A missing/changed/unparsable file gives
/// NEEDS_WORK with UNCLEAR checks and an issue saying why — never a panic.
///
/// Each file is read and parsed once however many findings point into it.
/// Validations come back in the order of `findings`.
///
/// This invalidates the calling thread's `proc-macro2` span table after each
/// file: do not call it while holding syn trees parsed on the same thread.
pub fn validate(root: &Path, findings: &[Finding], scope: Option<&Scope>) -> Vec<Validation> {
    validate_measured(root, findings, scope, None)
}

/// Allocations a heap profile must measure at a finding's lines for the
/// finding to count as hot whatever its file's priority.
pub const HOT_MEASURED: u64 = 100;

/// Like [`validate`], with the session's heap-profile evidence: allocations
/// measured at each finding's lines, by fingerprint (`None` when there is no
/// profile; with a profile, a missing fingerprint allocated nothing).
///
/// A finding measured at [`HOT_MEASURED`] allocations or more is on a hot
/// path whatever its file's priority (the measurement outranks the
/// heuristic); an approved finding that allocated nothing in the profiled
/// workload gets a condition saying so.
pub fn validate_measured(
    root: &Path,
    findings: &[Finding],
    scope: Option<&Scope>,
    measured: Option<&std::collections::HashMap<String, u64>>,
) -> Vec<Validation> {
    let mut by_file: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_file.entry(f.file.as_str()).or_default().push(i);
    }
    let mut out: Vec<Option<Validation>> = vec![None; findings.len()];
    for (file, indices) in by_file {
        let parsed = read_source(root, file).and_then(|source| {
            let facts = gather(&source, file);
            facts.map(|f| (source, f))
        });
        let lines: Vec<&str> = match &parsed {
            Ok((source, _)) => source.lines().collect(),
            Err(_) => Vec::new(),
        };
        for i in indices {
            let finding = &findings[i];
            out[i] = Some(match &parsed {
                Ok((_, facts)) => {
                    let m = measured.map(|m| m.get(&finding.fingerprint).copied().unwrap_or(0));
                    judge(&lines, facts, finding, scope, m)
                }
                Err(e) => unclear(finding, e),
            });
        }
    }
    out.into_iter().flatten().collect()
}

/// Validates one finding against the given file source.
///
/// Like [`validate`], this invalidates the calling thread's span table.
pub fn validate_in_source(source: &str, finding: &Finding, scope: Option<&Scope>) -> Validation {
    match gather(source, &finding.file) {
        Ok(facts) => {
            let lines: Vec<&str> = source.lines().collect();
            judge(&lines, &facts, finding, scope, None)
        }
        Err(e) => unclear(finding, &e),
    }
}

fn read_source(root: &Path, file: &str) -> Result<String, ReviewError> {
    let rel = Path::new(file);
    // Findings come from stored sessions that may have been edited: a path
    // must never lead outside the workspace.
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(ReviewError::Read {
            path: file.to_owned(),
            message: "the path is not inside the workspace".to_owned(),
        });
    }
    let path = root.join(rel);
    let read_err = |message: String| ReviewError::Read {
        path: file.to_owned(),
        message,
    };
    let meta = std::fs::metadata(&path).map_err(|e| read_err(e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(read_err(format!(
            "the file is {} bytes, more than the {MAX_FILE_BYTES} bytes the Validator parses",
            meta.len()
        )));
    }
    let bytes = std::fs::read(&path).map_err(|e| read_err(e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| read_err("the file is not UTF-8 text".to_owned()))
}

fn gather(source: &str, file: &str) -> Result<FileFacts, ReviewError> {
    let result = facts::gather(source).map_err(|e| ReviewError::Parse {
        path: file.to_owned(),
        line: u32::try_from(e.span().start().line).unwrap_or(0),
        message: e.to_string(),
    });
    // Positions were copied out as numbers; without this the span table
    // only grows (900 MB over 12M lines).
    proc_macro2::extra::invalidate_current_thread_spans();
    result
}

// ---------------------------------------------------------------------------
// Rules

/// What a rule found: the issue it raises and, for rejections, the
/// counterexample; optionally the checks it settles.
#[derive(Debug, Clone, Default)]
struct Fired {
    description: String,
    risk: String,
    suggestion: String,
    counterexample: Option<String>,
    lifetime: Option<Check>,
    thread_safety: Option<Check>,
    hot_path: Option<Assessment>,
    estimate: Option<Assessment>,
}

enum Eval {
    /// Judges one site: the false-positive rules.
    Site(fn(&Case, &Site) -> Option<Fired>),
    /// Judges the whole finding after the checks are computed.
    Finding(fn(&Case, &Review) -> Option<Fired>),
}

/// One Validator rule, as listed in the module documentation.
pub struct Rule {
    /// Stable id, cited in issues (`[rule: copy-clone]`).
    pub id: &'static str,
    pub verdict: Verdict,
    /// Categories the rule applies to; empty means all.
    pub categories: &'static [Category],
    /// When it fires.
    pub when: &'static str,
    eval: Eval,
}

impl Rule {
    fn applies(&self, c: Category) -> bool {
        self.categories.is_empty() || self.categories.contains(&c)
    }
}

/// The rule table, in evaluation order. False-positive (site) rules first;
/// the first that fires on a site decides it.
pub static RULES: &[Rule] = &[
    Rule {
        id: "test-code",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the site is test code",
        eval: Eval::Site(rule_test_code),
    },
    Rule {
        id: "cold-path",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the site is on an error or #[cold] path",
        eval: Eval::Site(rule_cold_path),
    },
    Rule {
        id: "copy-clone",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the cloned value is Copy",
        eval: Eval::Site(rule_copy_clone),
    },
    Rule {
        id: "refcount-clone-into-task",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "an Arc/Rc clone moves into a task or move closure",
        eval: Eval::Site(rule_refcount_into_task),
    },
    Rule {
        id: "refcount-clone",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "an Arc/Rc clone (a refcount bump)",
        eval: Eval::Site(rule_refcount_clone),
    },
    Rule {
        id: "clone-needed-by-task",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "a clone moves into a 'static task and the source is still needed",
        eval: Eval::Site(rule_clone_needed_by_task),
    },
    Rule {
        id: "source-mutated-after-clone",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the clone's source is mutated afterwards",
        eval: Eval::Site(rule_source_mutated),
    },
    Rule {
        id: "source-moved-after-clone",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the clone's source is moved afterwards",
        eval: Eval::Site(rule_source_moved),
    },
    Rule {
        id: "recursive-box",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the box breaks a recursive type",
        eval: Eval::Site(rule_recursive_box),
    },
    Rule {
        id: "box-dyn",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the box holds a trait object",
        eval: Eval::Site(rule_box_dyn),
    },
    Rule {
        id: "unsafe-proposal",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "the proposal uses unjustified unsafe code",
        eval: Eval::Finding(rule_unsafe_proposal),
    },
    Rule {
        id: "not-worth-it",
        verdict: Verdict::Rejected,
        categories: &[],
        when: "low impact, high effort, not hot",
        eval: Eval::Finding(rule_not_worth_it),
    },
    Rule {
        id: "site-not-found",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "no matching code at the finding's lines",
        eval: Eval::Finding(rule_site_not_found),
    },
    Rule {
        id: "partly-false-positive",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "some sites are false positives",
        eval: Eval::Finding(rule_partly_false_positive),
    },
    Rule {
        id: "not-in-loop",
        verdict: Verdict::NeedsWork,
        categories: &[
            Category::ArenaCandidate,
            Category::UnnecessaryClone,
            Category::HeapAvoidable,
            Category::LifetimeExtension,
            Category::AllocationLoop,
        ],
        when: "the site is not in a loop",
        eval: Eval::Finding(rule_not_in_loop),
    },
    Rule {
        id: "presize-unproven",
        verdict: Verdict::NeedsWork,
        categories: &[Category::AllocationLoop],
        when: "a pre-sizing claim is not borne out by the loop that fills the buffer",
        eval: Eval::Finding(rule_presize_unproven),
    },
    Rule {
        id: "cold-file",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the loop is in a P2/P3 file",
        eval: Eval::Finding(rule_cold_file),
    },
    Rule {
        id: "unreached-function",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the loop's function is not reached from an entry point",
        eval: Eval::Finding(rule_unreached),
    },
    Rule {
        id: "analyst-unsure",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the Analyst marked it NEEDS_REVIEW/UNSAFE",
        eval: Eval::Finding(rule_analyst_unsure),
    },
    Rule {
        id: "low-confidence",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "confidence LOW",
        eval: Eval::Finding(rule_low_confidence),
    },
    Rule {
        id: "impact-unknown",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "no count, or layout effects",
        eval: Eval::Finding(rule_impact_unknown),
    },
    Rule {
        id: "implausible-estimate",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the claimed count does not match the code",
        eval: Eval::Finding(rule_implausible_estimate),
    },
    Rule {
        id: "api-change",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the proposal changes an API",
        eval: Eval::Finding(rule_api_change),
    },
    Rule {
        id: "value-escapes",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "the value is stored, sent or returned",
        eval: Eval::Finding(rule_value_escapes),
    },
    Rule {
        id: "parallel-loop",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "a buffer would be hoisted out of a parallel loop",
        eval: Eval::Finding(rule_parallel_loop),
    },
    Rule {
        id: "unproven-lifetime",
        verdict: Verdict::NeedsWork,
        categories: &[Category::LifetimeExtension, Category::ArenaCandidate],
        when: "the lifetime check is UNCLEAR",
        eval: Eval::Finding(rule_unproven_lifetime),
    },
    Rule {
        id: "complexity-not-justified",
        verdict: Verdict::NeedsWork,
        categories: &[],
        when: "effort outweighs impact",
        eval: Eval::Finding(rule_complexity),
    },
];

// ---------------------------------------------------------------------------
// The case: a finding with the facts of its file

struct Case<'a> {
    finding: &'a Finding,
    facts: &'a FileFacts,
    /// The sites of the finding's kind in its line range.
    sites: Vec<&'a Site>,
    /// Sites that a false-positive rule decided, with the rule and why.
    false_positives: Vec<(&'a Site, &'static str, Fired)>,
    /// The first site no false-positive rule decided.
    main: Option<&'a Site>,
    priority: Priority,
    priority_source: String,
    /// For a pre-sizing finding (`Vec::new()` → `with_capacity`): the loop
    /// that grows the buffer, or why it was not shown.
    growth: Option<Result<Growth, String>>,
}

/// A buffer that a loop fills with one element per iteration.
struct Growth {
    binding: String,
    push_line: u32,
    /// The loop whose iterations push.
    grows_in: facts::LoopCtx,
    /// Why the number of iterations is known up front.
    length: String,
}

/// The answers computed for the main site.
struct Review {
    lifetime: Check,
    thread_safety: Check,
    no_ub: Check,
    estimate: Assessment,
    hot_path: Assessment,
    complexity: Assessment,
    in_loop: bool,
    escape: Option<String>,
    parallel: Option<String>,
    effort: Level,
}

fn check(status: CheckStatus, evidence: impl Into<String>) -> Check {
    Check {
        status,
        evidence: evidence.into(),
    }
}

fn assess(answer: Answer, evidence: impl Into<String>) -> Assessment {
    Assessment {
        answer,
        evidence: evidence.into(),
    }
}

impl<'a> Case<'a> {
    fn func(&self, site: &Site) -> Option<&'a FnFacts> {
        site.ctx.fn_idx.and_then(|i| self.facts.fns.get(i))
    }

    /// The clone a site stands for: its receiver and how it is cloned.
    fn clone_of(&self, site: &'a Site) -> Option<(&'a str, &'a str)> {
        let as_clone = |s: &'a Site| match &s.kind {
            SiteKind::Clone {
                receiver: Some(r),
                via,
            } => Some((r.as_str(), via.as_str())),
            _ => None,
        };
        as_clone(site).or_else(|| {
            self.facts
                .sites_in(site.start.line, site.start.line)
                .iter()
                .filter(|s| s.start == site.start && s.end == site.end)
                .find_map(as_clone)
        })
    }

    /// The `let` the site's value is bound to, if it is a whole initialiser.
    fn binding_of(&self, site: &Site) -> Option<&'a facts::Binding> {
        self.func(site)?
            .bindings
            .iter()
            .find(|b| b.init_span == Some((site.start, site.end)))
    }
}

// ---------------------------------------------------------------------------
// Types of place expressions

/// What is known about a place: its declared type and its initialiser.
#[derive(Default)]
struct PlaceType {
    ty: Option<String>,
    init: Option<String>,
    from: String,
}

fn place_type(case: &Case, site: &Site, key: &str, depth: u8) -> Option<PlaceType> {
    let func = case.func(site)?;
    let mut parts = key.split('.');
    let root = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let base = if root == "self" {
        let ty = func.self_ty.clone()?;
        PlaceType {
            ty: Some(ty),
            init: None,
            from: "`self`".to_owned(),
        }
    } else if let Some(b) = func.bindings.iter().rev().find(|b| {
        // `let shared = shared.clone();` is not its own source: skip the
        // binding whose initialiser holds the site.
        let holds_site = b
            .init_span
            .is_some_and(|(s, e)| s <= site.start && site.end <= e);
        b.name == root && b.pos < site.start && !holds_site
    }) {
        let mut pt = PlaceType {
            ty: b.ty.clone(),
            init: b.init.clone(),
            from: format!("`let {}` at line {}", b.name, b.pos.line),
        };
        // `let b = a.clone()` has `a`'s type.
        if pt.ty.is_none() && depth < 3 {
            if let Some(src) = pt.init.as_deref().and_then(|i| i.strip_suffix(".clone()")) {
                if let Some(inner) = place_type(case, site, src, depth + 1) {
                    pt.ty = inner.ty;
                    pt.init = inner.init.or(pt.init);
                }
            }
        }
        pt
    } else if let Some((_, ty)) = func.params.iter().find(|(n, _)| n == root) {
        PlaceType {
            ty: Some(ty.clone()),
            init: None,
            from: format!("parameter `{root}: {ty}` of `fn {}`", func.name),
        }
    } else {
        return None;
    };
    let mut current = base;
    for field in rest {
        let ty_name = current.ty.as_deref().map(type_name)?;
        let item = case.facts.types.get(ty_name)?;
        let (_, fty) = item.fields.iter().find(|(n, _)| n == field)?;
        current = PlaceType {
            ty: Some(fty.clone()),
            init: None,
            from: format!("field `{ty_name}::{field}: {fty}`"),
        };
    }
    Some(current)
}

/// `&mut Foo<T>` → `Foo`.
fn type_name(ty: &str) -> &str {
    let t = ty.trim_start_matches('&').trim_start_matches("mut");
    let t = t.split('<').next().unwrap_or(t);
    t.rsplit("::").next().unwrap_or(t)
}

fn is_refcounted(pt: &PlaceType) -> bool {
    let ty_rc = pt.ty.as_deref().is_some_and(|t| {
        let t = t.trim_start_matches('&');
        ["Arc<", "Rc<", "sync::Arc<", "rc::Rc<"]
            .iter()
            .any(|p| t.starts_with(p) || t.contains(&format!("::{p}")))
    });
    let init_rc = pt.init.as_deref().is_some_and(|i| {
        [
            "Arc::new(",
            "Rc::new(",
            "Arc::clone(",
            "Rc::clone(",
            "Arc::from(",
            "Rc::from(",
        ]
        .iter()
        .any(|p| i.starts_with(p) || i.contains(&format!("::{p}")))
    });
    ty_rc || init_rc
}

const COPY_PRIMITIVES: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64", "bool", "char",
];

fn is_copy_type(ty: &str, facts: &FileFacts) -> bool {
    if let Some(rest) = ty.strip_prefix('&') {
        return !rest.starts_with("mut");
    }
    if COPY_PRIMITIVES.contains(&ty) {
        return true;
    }
    if let Some(inner) = ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        return is_copy_type(inner, facts);
    }
    if let Some(inner) = ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        return inner
            .rsplit_once(';')
            .is_some_and(|(elem, _)| is_copy_type(elem, facts));
    }
    if let Some(inner) = ty.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        return split_top_level(inner)
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .all(|p| is_copy_type(p, facts));
    }
    facts.types.get(ty).is_some_and(|t| t.copy)
}

fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Unsized types that are not `Clone`: `.clone()` on a `&str` can only
/// resolve to the reference's own `Clone`.
fn is_unsized_not_clone(ty: &str) -> bool {
    ty == "str"
        || ty.starts_with("dyn ")
        || (ty.starts_with('[') && !ty.contains(';'))
        || ["Path", "OsStr", "CStr"].contains(&type_name(ty))
}

/// Why `.clone()` on a receiver of type `ty` allocates nothing, if it does not.
///
/// Method resolution tries the receiver by value first: on `x: &T` the
/// candidate `T::clone(&self)` matches `&T` before `<&T as Clone>::clone`
/// (which needs `&&T`) is reached. So a clone of a `&String` binding is a
/// `String::clone` that allocates; only `&T` with `T: Copy`, `&&T`, or an
/// unsized `T` that is not `Clone` (`&str`, `&[U]`, `&dyn Trait`) copies.
fn clone_copy_reason(ty: &str, facts: &FileFacts) -> Option<String> {
    let Some(rest) = ty.strip_prefix('&') else {
        return is_copy_type(ty, facts).then(|| "a `Copy` type".to_owned());
    };
    // `&'a T` → `T`; `&mut T` → `T` (`&mut T` is not `Clone`, so `T::clone` runs).
    let rest = match rest.strip_prefix('\'') {
        Some(r) => r.split_once(' ').map(|(_, t)| t).unwrap_or(r),
        None => rest,
    };
    let mutable = rest.starts_with("mut ");
    let inner = rest.strip_prefix("mut ").unwrap_or(rest).trim();
    if !mutable && inner.starts_with('&') {
        return Some("a reference to a reference: `.clone()` copies the outer reference".into());
    }
    if !mutable && is_unsized_not_clone(inner) {
        return Some(format!(
            "`{inner}` is not `Clone`, so `.clone()` copies the reference"
        ));
    }
    is_copy_type(inner, facts)
        .then(|| format!("`.clone()` resolves to `{inner}::clone`, and `{inner}` is `Copy`"))
}

fn copy_evidence(pt: &PlaceType, facts: &FileFacts) -> Option<String> {
    if let Some(ty) = &pt.ty {
        return clone_copy_reason(ty, facts)
            .map(|why| format!("its type is `{ty}` ({}): {why}", pt.from));
    }
    let init = pt.init.as_deref()?;
    let literal = init == "true"
        || init == "false"
        || init.starts_with('\'')
        || init.starts_with(|c: char| c.is_ascii_digit());
    if literal {
        return Some(format!(
            "it is initialised with the literal `{init}` ({})",
            pt.from
        ));
    }
    if init.ends_with(".len()") || init.ends_with(".count()") {
        return Some(format!("it is a `usize` from `{init}` ({})", pt.from));
    }
    None
}

// ---------------------------------------------------------------------------
// Uses after a site

/// Whether two place keys overlap (`a` and `a.b`, or equal).
fn overlaps(a: &str, b: &str) -> bool {
    a == b || a.starts_with(&format!("{b}.")) || b.starts_with(&format!("{a}."))
}

/// The first mutation (or move, with `moves`) of `key` after the site: later
/// in the function, or anywhere in the innermost enclosing loop (the next
/// iteration comes after this one). A later `let` of the same name shadows
/// the source and stops the search.
fn later_use(case: &Case, site: &Site, key: &str, moves: bool) -> Option<(u32, String)> {
    let func = case.func(site)?;
    let root = key.split('.').next().unwrap_or(key);
    // A source of shared-reference type is copied, not moved, by value uses.
    if moves {
        let is_ref = place_type(case, site, key, 0)
            .and_then(|p| p.ty)
            .is_some_and(|t| t.starts_with('&'));
        if is_ref {
            return None;
        }
    }
    let shadow = func
        .bindings
        .iter()
        .filter(|b| b.name == root && b.pos > site.start)
        .map(|b| b.pos)
        .min();
    let in_loop = site.ctx.loops.last();
    func.uses.iter().find_map(|u| {
        let relevant = match &u.kind {
            UseKind::Mutate(how) => Some(how),
            UseKind::Move(how) if moves => Some(how),
            _ => None,
        }?;
        if !overlaps(&u.key, key) {
            return None;
        }
        let inside_site = u.pos >= site.start && u.pos <= site.end;
        let after = u.pos > site.end && shadow.is_none_or(|s| u.pos < s);
        let next_iteration = in_loop
            .is_some_and(|l| u.pos >= l.body_start && u.pos <= l.body_end && shadow.is_none());
        (!inside_site && (after || next_iteration)).then(|| (u.pos.line, relevant.clone()))
    })
}

/// Consumers that keep a value beyond the expression that made it.
fn is_escape(consumer: &str) -> bool {
    [
        ".push(",
        ".push_back(",
        ".push_front(",
        ".insert(",
        ".send(",
        ".try_send(",
        ".extend(",
        ".append(",
        "return",
        "struct `",
        "yielded by",
    ]
    .iter()
    .any(|p| consumer.starts_with(p))
}

/// Where the site's value goes when it outlives its expression.
fn escape_of(case: &Case, site: &Site) -> Option<String> {
    if let Some(sink) = site.sink.as_deref().filter(|s| is_escape(s)) {
        if sink.starts_with("yielded by") {
            return Some(format!(
                "it is the closure's result at line {}, {sink} to the iterator's consumer, which keeps it",
                site.start.line
            ));
        }
        return Some(format!("passed to `{sink}` at line {}", site.start.line));
    }
    let binding = case.binding_of(site)?;
    let func = case.func(site)?;
    let moved = func.uses.iter().find_map(|u| match &u.kind {
        UseKind::Move(how) if u.key == binding.name && u.pos > site.end && is_escape(how) => {
            Some(format!(
                "`{}` is passed to `{how}` at line {}",
                binding.name, u.pos.line
            ))
        }
        _ => None,
    });
    moved.or_else(|| {
        task_capture(case, site)
            .map(|(kind, line)| format!("`{}` is moved into {kind} at line {line}", binding.name))
    })
}

/// The `'static` task or `move` scope that captures the site's value.
fn task_capture(case: &Case, site: &Site) -> Option<(String, u32)> {
    if let Some(spawner) = &site.ctx.spawn_arg {
        return Some((spawner.clone(), site.start.line));
    }
    let binding = case.binding_of(site)?;
    let func = case.func(site)?;
    func.move_scopes
        .iter()
        .filter(|m| m.start > site.end && m.idents.contains(&binding.name))
        // A spawn's closure is recorded twice (as spawn argument and as a
        // `move` closure): prefer the spawn.
        .min_by_key(|m| (m.start, !m.static_task))
        .map(|m| (m.kind.clone(), m.start.line))
}

fn static_task_capture(case: &Case, site: &Site) -> Option<(String, u32, facts::Pos)> {
    if let Some(spawner) = &site.ctx.spawn_arg {
        return Some((spawner.clone(), site.start.line, site.end));
    }
    let binding = case.binding_of(site)?;
    let func = case.func(site)?;
    func.move_scopes
        .iter()
        .filter(|m| m.static_task && m.start > site.end && m.idents.contains(&binding.name))
        .min_by_key(|m| m.start)
        .map(|m| (m.kind.clone(), m.start.line, m.end))
}

fn fn_label(case: &Case, site: &Site) -> String {
    case.func(site)
        .map(|f| format!("`fn {}`", f.name))
        .unwrap_or_else(|| "the enclosing item".to_owned())
}

// ---------------------------------------------------------------------------
// Pre-sizing: a buffer that starts empty and grows in a loop

/// Buffers that start empty and grow by reallocating.
const EMPTY_BUFFERS: &[&str] = &[
    "Vec::new(..)",
    "String::new(..)",
    "vec![]",
    "VecDeque::new(..)",
];

/// An ALLOCATION_LOOP finding about an empty buffer that proposes
/// `with_capacity`: the cost is the growth in a later loop, not the
/// allocation at the finding's line.
fn is_presize(finding: &Finding, site: &Site) -> bool {
    finding.category == Category::AllocationLoop
        && finding.proposal.contains("with_capacity")
        && matches!(&site.kind, SiteKind::Alloc { what } if EMPTY_BUFFERS.contains(&what.as_str()))
}

/// Adaptors after which an iterator still knows its length
/// (`ExactSizeIterator`), and sources whose length is known.
const EXACT_ADAPTORS: &[&str] = &[
    "iter",
    "iter_mut",
    "into_iter",
    "enumerate",
    "rev",
    "copied",
    "cloned",
    "map",
    "inspect",
    "chunks",
    "chunks_exact",
    "windows",
    "keys",
    "values",
    "values_mut",
    "drain",
    "bytes",
];
const SIZED_COLLECTIONS: &[&str] = &[
    "Vec",
    "VecDeque",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "BinaryHeap",
];

/// Why the number of iterations over `source` is known before the loop.
fn known_length(case: &Case, site: &Site, source: &str) -> Result<String, String> {
    let src = source.trim_start_matches("&mut ").trim_start_matches('&');
    if let Some((a, b)) = src.split_once("..") {
        if !a.contains('(') && !b.contains('(') {
            return Ok(format!("`{source}` is a range: its length is known"));
        }
    }
    let parts = split_method_chain(src);
    // The root is the place before the first call: `self.types` in
    // `self.types.values()`.
    let calls = parts
        .iter()
        .position(|p| p.contains('('))
        .unwrap_or(parts.len());
    let root_len = parts[..calls].iter().map(|p| p.len() + 1).sum::<usize>();
    let root = &src[..root_len.saturating_sub(1).min(src.len())];
    let methods = &parts[calls..];
    if root.is_empty() {
        return Err(format!("`{source}` is not a named collection"));
    }
    for m in methods {
        let name = m.split('(').next().unwrap_or(m);
        if !EXACT_ADAPTORS.contains(&name) {
            return Err(format!(
                "`{source}` has no length known up front: `.{name}(..)` yields an unknown number of items"
            ));
        }
    }
    let Some(pt) = place_type(case, site, root, 0) else {
        return Err(format!(
            "the type of `{root}` is not declared, so the length of `{source}` is not known"
        ));
    };
    let Some(ty) = pt.ty.as_deref() else {
        return Err(format!(
            "the type of `{root}` is not declared ({}), so the length of `{source}` is not known",
            pt.from
        ));
    };
    let bare = ty.trim_start_matches('&').trim_start_matches("mut ");
    let bare = bare
        .strip_prefix('\'')
        .map_or(bare, |r| r.split_once(' ').map_or(r, |(_, t)| t));
    let known = bare.starts_with('[')
        || bare.starts_with("Box<[")
        || SIZED_COLLECTIONS.contains(&type_name(bare));
    if known {
        Ok(format!(
            "`{root}` is a `{ty}` ({}), so `{source}` yields exactly `{root}.len()` items",
            pt.from
        ))
    } else {
        Err(format!(
            "`{root}` is a `{ty}` ({}): its length is not known up front",
            pt.from
        ))
    }
}

/// `rows.iter().map(f)` → `["rows", "iter()", "map(f)"]`, splitting only
/// at top-level dots.
fn split_method_chain(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '<' | '{' => depth += 1,
            ')' | ']' | '>' | '}' => depth -= 1,
            '.' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Checks the pre-sizing claim against the code: the buffer is bound by a
/// `let`, exactly one push per iteration of one loop (not in a nested loop
/// or a branch) grows it, and that loop's length is known.
fn growth(case: &Case, site: &Site) -> Result<Growth, String> {
    let label = site.label();
    let line = site.start.line;
    let binding = case
        .binding_of(site)
        .ok_or_else(|| format!("{label} at line {line} is not bound by a `let`"))?;
    let func = case
        .func(site)
        .ok_or_else(|| format!("{label} at line {line} is not inside a function"))?;
    let name = binding.name.as_str();
    let pushes: Vec<&facts::Push> = func
        .pushes
        .iter()
        .filter(|p| p.key == name && p.pos > site.end)
        .collect();
    let first = pushes
        .first()
        .ok_or_else(|| format!("nothing is pushed into `{name}` after line {line}"))?;
    let depth = site.ctx.loops.len();
    let rel = |p: &facts::Push| p.loops.get(depth..).unwrap_or_default().to_vec();
    let Some(grows_in) = rel(first).first().cloned() else {
        return Err(format!(
            "`{name}.{}(..)` at line {} runs once per call, not in a loop",
            first.method, first.pos.line
        ));
    };
    for p in &pushes {
        let r = rel(p);
        let at = p.pos.line;
        match r.as_slice() {
            [] => {
                return Err(format!(
                    "`{name}.{}(..)` at line {at} is outside the {}",
                    p.method,
                    grows_in.describe()
                ))
            }
            [l] if *l != grows_in => {
                return Err(format!(
                    "`{name}` is grown in two loops (the {} and the {})",
                    grows_in.describe(),
                    l.describe()
                ))
            }
            [_] => {}
            [_, inner, ..] => {
                return Err(format!(
                    "`{name}.{}(..)` at line {at} is inside the {} nested in the {}: the number \
                     of pushes is not the number of iterations",
                    p.method,
                    inner.describe(),
                    grows_in.describe()
                ))
            }
        }
        if let Some(b) = p.branch.filter(|b| *b >= grows_in.body_start) {
            return Err(format!(
                "`{name}.{}(..)` at line {at} is inside a branch at line {}: not every iteration \
                 pushes, so the capacity may be more than is used",
                p.method, b.line
            ));
        }
    }
    if pushes.len() > 1 {
        return Err(format!(
            "`{name}` receives {} pushes per iteration of the {}, not one",
            pushes.len(),
            grows_in.describe()
        ));
    }
    if grows_in.source.is_empty() {
        return Err(format!(
            "the {} has no iterated collection, so its number of iterations is not known up front",
            grows_in.describe()
        ));
    }
    let length = known_length(case, site, &grows_in.source)?;
    Ok(Growth {
        binding: name.to_owned(),
        push_line: first.pos.line,
        grows_in,
        length,
    })
}

// ---------------------------------------------------------------------------
// False-positive rules (per site)

fn path_is_test(file: &str) -> bool {
    let f = format!("/{file}");
    f.contains("/tests/")
        || f.contains("/benches/")
        || f.ends_with("/tests.rs")
        || f.ends_with("_test.rs")
        || f.ends_with("_tests.rs")
}

fn rule_test_code(case: &Case, site: &Site) -> Option<Fired> {
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

fn rule_cold_path(_case: &Case, site: &Site) -> Option<Fired> {
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

fn rule_copy_clone(case: &Case, site: &Site) -> Option<Fired> {
    let (key, via) = case.clone_of(site)?;
    if via != ".clone()" {
        return None;
    }
    let pt = place_type(case, site, key, 0)?;
    let why = copy_evidence(&pt, case.facts)?;
    Some(Fired {
        description: format!("`{key}` is `Copy`: {why}."),
        risk: "None — but also no gain.".into(),
        suggestion:
            "Drop `.clone()` for style (`clippy::clone_on_copy`); it is not a memory finding."
                .into(),
        counterexample: Some(format!(
            "`{key}.clone()` at line {} copies a `Copy` value ({why}): a bitwise copy on the \
             stack with no heap allocation, exactly what `{key}` alone does. Removing it saves \
             zero allocations and zero bytes.",
            site.start.line
        )),
        estimate: Some(assess(
            Answer::No,
            "cloning a `Copy` value allocates nothing",
        )),
        ..Fired::default()
    })
}

fn refcounted_clone<'a>(case: &Case<'a>, site: &'a Site) -> Option<(&'a str, String)> {
    let (key, via) = case.clone_of(site)?;
    if via == "Arc::clone" || via == "Rc::clone" {
        return Some((key, format!("it is cloned with `{via}`")));
    }
    if via != ".clone()" {
        return None;
    }
    let pt = place_type(case, site, key, 0)?;
    is_refcounted(&pt).then(|| {
        let what = pt
            .ty
            .as_deref()
            .map(|t| format!("`{t}`"))
            .or_else(|| pt.init.as_deref().map(|i| format!("built by `{i}`")))
            .unwrap_or_default();
        (
            key,
            format!("it is reference counted ({what}, {})", pt.from),
        )
    })
}

fn rule_refcount_into_task(case: &Case, site: &Site) -> Option<Fired> {
    let (key, why) = refcounted_clone(case, site)?;
    let (task, line) = task_capture(case, site)?;
    Some(Fired {
        description: format!(
            "`{key}` is an `Arc`/`Rc` ({why}) and its clone moves into {task} at line {line}."
        ),
        risk: "Borrowing instead does not compile; removing the clone breaks the task.".into(),
        suggestion: "Keep the clone: cloning an Arc is a refcount bump; the clone is needed to move ownership into the task.".into(),
        counterexample: Some(format!(
            "Replace the clone at line {} with a borrow of `{key}`: {task} at line {line} needs \
             to own what it captures (a spawned task may outlive the spawning function), so \
             rustc rejects the borrow (E0373/E0597). Cloning an Arc is a refcount bump, not a \
             heap allocation; the clone is needed to move ownership into the task.",
            site.start.line
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("a borrow of `{key}` cannot be moved into {task} at line {line}"),
        )),
        thread_safety: Some(check(
            CheckStatus::Pass,
            format!("the clone gives {task} its own counted reference; sharing is already safe"),
        )),
        estimate: Some(assess(
            Answer::No,
            "an Arc/Rc clone increments a counter and allocates nothing",
        )),
        ..Fired::default()
    })
}

fn rule_refcount_clone(case: &Case, site: &Site) -> Option<Fired> {
    let (key, why) = refcounted_clone(case, site)?;
    Some(Fired {
        description: format!("`{key}` is reference counted: {why}."),
        risk: "The finding claims savings that do not exist.".into(),
        suggestion: "Drop the finding; if the atomic increment matters, measure it first.".into(),
        counterexample: Some(format!(
            "`{key}` at line {} is an Arc/Rc ({why}): `.clone()` increments a reference count \
             and copies one pointer. No bytes are allocated, so the claimed allocations avoided \
             do not exist.",
            site.start.line
        )),
        estimate: Some(assess(
            Answer::No,
            "an Arc/Rc clone increments a counter and allocates nothing",
        )),
        ..Fired::default()
    })
}

fn rule_clone_needed_by_task(case: &Case, site: &Site) -> Option<Fired> {
    let (key, _) = case.clone_of(site)?;
    let (task, line, end) = static_task_capture(case, site)?;
    let func = case.func(site)?;
    let root = key.split('.').next().unwrap_or(key);
    // `let data = data.clone();` shadows the source: later uses of `data`
    // are uses of the clone.
    let shadowed = case.binding_of(site).is_some_and(|b| b.name == root);
    let used_after = func
        .uses
        .iter()
        .filter(|_| !shadowed)
        .find(|u| overlaps(&u.key, key) && u.pos > end)
        .map(|u| format!("`{key}` is used again at line {}", u.pos.line));
    let looped = site.ctx.loops.last().map(|l| {
        format!(
            "the clone is inside the {} (one task per iteration)",
            l.describe()
        )
    });
    let why = used_after.or(looped)?;
    Some(Fired {
        description: format!("The clone of `{key}` moves into {task} at line {line} and {why}."),
        risk: "Borrowing does not compile; moving the original breaks its later uses.".into(),
        suggestion: format!(
            "Keep the clone; if `{key}` is large, share it as `Arc<_>` instead of copying it."
        ),
        counterexample: Some(format!(
            "{task} at line {line} requires `'static` data, so it cannot borrow `{key}`; and \
             {why}, so `{key}` itself cannot be moved in either. The clone is the only way to \
             give the task its own copy."
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("a borrow of `{key}` cannot cross {task}"),
        )),
        ..Fired::default()
    })
}

fn rule_source_mutated(case: &Case, site: &Site) -> Option<Fired> {
    let (key, _) = case.clone_of(site)?;
    let (line, how) = later_use(case, site, key, false)?;
    Some(Fired {
        description: format!(
            "`{key}` is mutated by `{how}` at line {line}, after the clone at line {}.",
            site.start.line
        ),
        risk: "Borrowing instead does not compile, or observes the mutated value.".into(),
        suggestion: "Keep the clone: it is a snapshot of a value that changes afterwards.".into(),
        counterexample: Some(format!(
            "With a borrow `&{key}` in place of the clone at line {}, the mutation `{how}` at \
             line {line} needs `&mut {key}` while that borrow is still alive — the borrow would \
             conflict with the later mutation (E0502). The clone is a snapshot taken before \
             `{key}` changes.",
            site.start.line
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("`{key}` is mutated at line {line} while a borrow would still be alive"),
        )),
        ..Fired::default()
    })
}

fn rule_source_moved(case: &Case, site: &Site) -> Option<Fired> {
    let (key, _) = case.clone_of(site)?;
    let (line, how) = later_use(case, site, key, true)?;
    Some(Fired {
        description: format!(
            "`{key}` is moved into `{how}` at line {line}, after the clone at line {}.",
            site.start.line
        ),
        risk: "Borrowing instead does not compile.".into(),
        suggestion: "Keep the clone, or restructure so the move happens last.".into(),
        counterexample: Some(format!(
            "`{how}` at line {line} takes `{key}` by value; a borrow taken at line {} in place of \
             the clone cannot outlive that move (E0505). Both the copy and the original are \
             needed.",
            site.start.line
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("`{key}` is moved at line {line}; a borrow cannot outlive it"),
        )),
        ..Fired::default()
    })
}

/// Whether `names` reach `target` through types held by value in this file.
fn contains_by_value(facts: &FileFacts, names: &[String], target: &str) -> Option<Vec<String>> {
    let mut seen = BTreeSet::new();
    let mut queue: Vec<(String, Vec<String>)> =
        names.iter().map(|n| (n.clone(), vec![n.clone()])).collect();
    while let Some((name, path)) = queue.pop() {
        if name == target || name == "Self" {
            return Some(path);
        }
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(item) = facts.types.get(&name) {
            for next in &item.by_value {
                let mut p = path.clone();
                p.push(next.clone());
                queue.push((next.clone(), p));
            }
        }
    }
    None
}

fn rule_recursive_box(case: &Case, site: &Site) -> Option<Fired> {
    let SiteKind::BoxType {
        inner,
        by_value,
        indirect,
        ..
    } = &site.kind
    else {
        return None;
    };
    // In `Vec<Box<T>>` the `Vec` already holds `T` behind a pointer: the box
    // is not what gives the type a size.
    if *indirect {
        return None;
    }
    let item = site.ctx.item.as_deref()?;
    let path = contains_by_value(case.facts, by_value, item)?;
    let chain = if path.len() > 1 {
        format!(" (through {})", path.join(" → "))
    } else {
        String::new()
    };
    Some(Fired {
        description: format!("`Box<{inner}>` at line {} is the indirection that makes `{item}` recursive{chain}.", site.start.line),
        risk: "Removing the box does not compile.".into(),
        suggestion: "Keep the box; to cut allocations, consider an arena of nodes with indices instead.".into(),
        counterexample: Some(format!(
            "Without the box, `{item}` contains `{inner}` by value, which contains `{item}` again{chain}: \
             `{item}` would have infinite size (E0072 \"recursive type has infinite size\"). \
             The box is what gives it a size."
        )),
        lifetime: Some(check(CheckStatus::Fail, format!("`{item}` cannot hold itself inline"))),
        ..Fired::default()
    })
}

fn rule_box_dyn(case: &Case, site: &Site) -> Option<Fired> {
    let inner = match &site.kind {
        SiteKind::BoxType {
            inner, dyn_trait, ..
        } if *dyn_trait => inner.clone(),
        SiteKind::Alloc { what } if what.starts_with("Box::new") => {
            let binding_ty = case.binding_of(site).and_then(|b| b.ty.clone());
            let ret_ty = (site.sink.as_deref() == Some("return"))
                .then(|| case.func(site).and_then(|f| f.ret.clone()))
                .flatten();
            let ty = binding_ty.or(ret_ty)?;
            let start = ty.find("Box<dyn")?;
            ty[start + 4..].trim_end_matches('>').to_owned()
        }
        _ => return None,
    };
    Some(Fired {
        description: format!(
            "`Box<{inner}>` at line {} holds a trait object.",
            site.start.line
        ),
        risk: "Removing the box does not compile; replacing it is a redesign.".into(),
        suggestion: "Keep the box; if dispatch is hot, consider an enum of the concrete types."
            .into(),
        counterexample: Some(format!(
            "`{inner}` is unsized: its size is only known at run time, so it cannot be stored \
             inline in a field, a `Vec` slot or a local: trait objects need indirection. The \
             alternatives (an enum of the concrete types, a generic parameter) change the design, \
             not an allocation."
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("`{inner}` has no static size"),
        )),
        ..Fired::default()
    })
}

// ---------------------------------------------------------------------------
// Finding rules

const DANGEROUS: &[&str] = &[
    "unsafe",
    "transmute",
    "set_len",
    "from_raw_parts",
    "assume_init",
    "get_unchecked",
    "static mut",
];

fn rule_unsafe_proposal(_: &Case, review: &Review) -> Option<Fired> {
    if review.no_ub.status != CheckStatus::Fail {
        return None;
    }
    Some(Fired {
        description: format!("The proposal is not safe Rust: {}.", review.no_ub.evidence),
        risk: "Undefined behaviour if any invariant of the unsafe code is broken.".into(),
        suggestion: "Propose a safe alternative, or justify every unsafe block with a `// SAFETY:` argument.".into(),
        counterexample: Some(format!(
            "{}: if the invariant it relies on is broken (an uninitialised element, a length \
             past the allocation, an aliasing `&mut`), the program has undefined behaviour. \
             The workflow never accepts an unsafe optimisation without an explicit justification.",
            review.no_ub.evidence
        )),
        ..Fired::default()
    })
}

fn rule_not_worth_it(case: &Case, review: &Review) -> Option<Fired> {
    let low = case.finding.impact.level == Level::Low;
    if !(low && review.effort == Level::High && review.hot_path.answer != Answer::Yes) {
        return None;
    }
    Some(Fired {
        description: "LOW impact, HIGH effort, and not on a hot path.".into(),
        risk: "Complexity without a measurable gain.".into(),
        suggestion: "Drop the finding unless a heap profile shows this site.".into(),
        counterexample: Some(format!(
            "{}; the site is not hot ({}). The change costs more review and maintenance than \
             the allocations it saves.",
            proposal::effort_evidence(case.finding),
            review.hot_path.evidence
        )),
        ..Fired::default()
    })
}

fn needs(description: String, risk: &str, suggestion: String) -> Option<Fired> {
    Some(Fired {
        description,
        risk: risk.to_owned(),
        suggestion,
        ..Fired::default()
    })
}

fn rule_site_not_found(case: &Case, _: &Review) -> Option<Fired> {
    if !case.sites.is_empty() {
        return None;
    }
    let f = case.finding;
    needs(
        format!(
            "No {} code was found at lines {}-{} of `{}`.",
            site_kind_words(f.category),
            f.line_start,
            f.line_end,
            f.file
        ),
        "The finding may describe code that is not there, or code inside a macro the Validator cannot see.",
        "Point the finding at the exact lines of the allocation, clone or type.".into(),
    )
}

fn rule_partly_false_positive(case: &Case, _: &Review) -> Option<Fired> {
    if case.false_positives.is_empty() || case.main.is_none() {
        return None;
    }
    let list = case
        .false_positives
        .iter()
        .map(|(s, id, _)| format!("{} at line {} ({id})", s.label(), s.start.line))
        .collect::<Vec<_>>()
        .join(", ");
    needs(
        format!("Part of the range is a false positive: {list}."),
        "Applying the proposal to every site in the range would break the ones that are needed.",
        "Narrow the finding to the sites that are real.".into(),
    )
}

fn rule_not_in_loop(case: &Case, review: &Review) -> Option<Fired> {
    let site = case.main?;
    // A pre-sizing finding is about the loop that fills the buffer, which
    // `presize-unproven` checks.
    if review.in_loop || case.growth.is_some() || matches!(site.kind, SiteKind::Item { .. }) {
        return None;
    }
    if let SiteKind::BoxType { .. } = &site.kind {
        let place = box_place(site)?;
        return needs(
            format!(
                "{} at line {} is a type in {place}: each value is one allocation, but no loop \
                 that builds values of it is shown.",
                site.label(),
                site.start.line
            ),
            "A box built once per call or per long-lived value is not a hot allocation.",
            "Show the loop that builds these values (or a heap profile of them).".into(),
        );
    }
    needs(
        format!(
            "{} at line {} is not inside a loop or per-element closure in {}.",
            site.label(),
            site.start.line,
            fn_label(case, site)
        ),
        "A once-per-call allocation is only hot if the function is called in a loop.",
        format!(
            "Show the caller that runs {} per item (or a heap profile of it).",
            fn_label(case, site)
        ),
    )
}

fn rule_presize_unproven(case: &Case, _: &Review) -> Option<Fired> {
    let Some(Err(why)) = &case.growth else {
        return None;
    };
    needs(
        format!("Pre-sizing is not shown to fit: {why}."),
        "`with_capacity` with the wrong length over-reserves memory or still regrows.",
        "Point the finding at a buffer that one loop of known length fills, one push per iteration."
            .into(),
    )
}

fn rule_cold_file(case: &Case, review: &Review) -> Option<Fired> {
    if !review.in_loop || case.priority <= Priority::P1 {
        return None;
    }
    needs(
        format!(
            "The loop is in a {} file ({}).",
            case.priority, case.priority_source
        ),
        "Low-priority files rarely process user data at scale.",
        "Measure it (heap profile) or raise the file's priority in scope.md if it is hot.".into(),
    )
}

fn rule_unreached(case: &Case, review: &Review) -> Option<Fired> {
    let site = case.main?;
    if !review.in_loop || case.priority > Priority::P1 || review.hot_path.answer == Answer::Yes {
        return None;
    }
    needs(
        format!("The hot path is not shown: {}.", review.hot_path.evidence),
        "The loop may run rarely, or never (dead code).",
        format!(
            "Show how {} is reached from `main`, a public API or a task (or a heap profile of it).",
            fn_label(case, site)
        ),
    )
}

fn rule_analyst_unsure(case: &Case, review: &Review) -> Option<Fired> {
    let s = case.finding.safety;
    if s == Safety::Safe {
        return None;
    }
    // When the Validator's own reading of the code finds the risk (the value
    // is stored, the loop is parallel), that rule's issue says why; repeating
    // the Analyst's label adds nothing.
    if review.escape.is_some() || review.parallel.is_some() {
        return None;
    }
    let stated = case
        .finding
        .tradeoffs
        .cons
        .first()
        .map(|c| format!(" (its stated risk: \"{}\")", c.trim()))
        .unwrap_or_default();
    needs(
        format!(
            "The Analyst marked the change {s}{stated}; the Validator's reading of the code does \
             not settle it: lifetime {}, thread safety {}.",
            review.lifetime.status.as_str(),
            review.thread_safety.status.as_str()
        ),
        "The Analyst saw a risk the finding does not resolve.",
        "State the risk and show why it does not apply, or narrow the proposal.".into(),
    )
}

fn rule_low_confidence(case: &Case, _: &Review) -> Option<Fired> {
    if case.finding.confidence != Confidence::Low {
        return None;
    }
    needs(
        "The Analyst's confidence is LOW.".into(),
        "The pattern match may be wrong.",
        "Confirm the pattern by reading the callers, or measure.".into(),
    )
}

fn rule_impact_unknown(_: &Case, review: &Review) -> Option<Fired> {
    if review.estimate.answer != Answer::NeedsMeasurement {
        return None;
    }
    needs(
        format!(
            "The impact is not established: {}.",
            review.estimate.evidence
        ),
        "Effort may be spent on a change that saves nothing measurable.",
        "Give allocations avoided or bytes saved per unit, or attach a heap profile.".into(),
    )
}

fn rule_implausible_estimate(_: &Case, review: &Review) -> Option<Fired> {
    if review.estimate.answer != Answer::No {
        return None;
    }
    needs(
        format!(
            "The estimate does not match the code: {}.",
            review.estimate.evidence
        ),
        "The report would overstate the savings.",
        "Recount the allocations per unit from the code.".into(),
    )
}

/// A change to a type in the signature of a public function is an API change,
/// whatever the finding's text says.
fn signature_change(case: &Case) -> Option<String> {
    let site = case.main?;
    let sig = site.ctx.sig.as_deref()?;
    let func = case.func(site)?;
    (func.public || func.trait_impl).then(|| {
        format!(
            "{} is written in {sig}, and `{}` is {}: removing the box changes its signature",
            site.label(),
            func.name,
            if func.public {
                "public"
            } else {
                "a trait method"
            }
        )
    })
}

fn rule_api_change(case: &Case, review: &Review) -> Option<Fired> {
    // "Callers" in a trade-off about a `let` that never leaves its function
    // are the binding's own uses, not an API.
    let local = case.main.is_some_and(|s| {
        case.binding_of(s).is_some() && s.ctx.sig.is_none() && review.escape.is_none()
    });
    let why = proposal::api_change(case.finding)
        .filter(|w| {
            let lower = w.to_lowercase();
            let names_api = lower.contains("api") || lower.contains("signature");
            !(local && w.starts_with("trade-off") && !names_api)
        })
        .or_else(|| signature_change(case))?;
    needs(
        format!("The proposal changes an API: {why}."),
        "Every caller changes too; a public API change is a breaking release.",
        "List the callers and show the new signature, or find a change local to the function."
            .into(),
    )
}

fn rule_value_escapes(case: &Case, review: &Review) -> Option<Fired> {
    let escape = review.escape.as_ref()?;
    let site = case.main?;
    let (risk, suggestion) = match case.finding.category {
        Category::UnnecessaryClone => (
            "A borrow stored there ties the container to the source's lifetime.",
            "Show that the consumer can hold a reference (or `Cow`), or keep the clone.",
        ),
        _ => (
            "A buffer reused across iterations would be overwritten while still referenced.",
            "Keep one allocation per value (pre-size the container) or use an arena for values that live together.",
        ),
    };
    let consequence = match case.finding.category {
        Category::UnnecessaryClone => "a borrow stored there must outlive the source".to_owned(),
        _ => format!(
            "every value kept there must own its heap memory, so one reused buffer \
             (`clear()` + `write!`) cannot replace {}",
            site.label()
        ),
    };
    needs(
        format!(
            "{} does not stay local: {escape}; {consequence}.",
            site.label()
        ),
        risk,
        suggestion.to_owned(),
    )
}

fn rule_parallel_loop(_: &Case, review: &Review) -> Option<Fired> {
    let p = review.parallel.as_ref()?;
    needs(
        format!("The loop runs on several threads: {p}."),
        "One hoisted buffer would be shared by worker threads (does not compile, or needs a lock).",
        "Use one buffer per worker (`map_init` / `for_each_init`, or `thread_local!`).".into(),
    )
}

fn rule_unproven_lifetime(_: &Case, review: &Review) -> Option<Fired> {
    if review.lifetime.status != CheckStatus::Unclear || review.escape.is_some() {
        return None;
    }
    needs(
        format!("Lifetime not proven: {}.", review.lifetime.evidence),
        "A value could be dropped while still referenced, or kept alive as before.",
        "Apply the change on a branch and run `cargo check` and the tests.".into(),
    )
}

fn rule_complexity(case: &Case, review: &Review) -> Option<Fired> {
    if review.complexity.answer != Answer::No || case.finding.impact.level == Level::Low {
        return None;
    }
    needs(
        format!("Complexity not justified: {}.", review.complexity.evidence),
        "The change costs more than it saves.",
        "Find a smaller change, or show a larger saving.".into(),
    )
}

/// Containers whose `Box` elements are one allocation each.
fn is_vec_like(container: &str) -> bool {
    matches!(container, "Vec" | "VecDeque")
}

/// Where a `Box<T>` type is written, for evidence: "the return type of
/// `fn f`", "a field of `Header`", or None for a `let` annotation.
fn box_place(site: &Site) -> Option<String> {
    site.ctx
        .sig
        .clone()
        .or_else(|| site.ctx.item.as_ref().map(|i| format!("a field of `{i}`")))
}

fn site_kind_words(category: Category) -> &'static str {
    match category {
        Category::UnnecessaryClone => "clone",
        Category::AllocationLoop => "allocating",
        Category::ArenaCandidate => "allocating or recursive type",
        Category::HeapAvoidable => {
            "`Box` type (expression, `let`, field or signature) or allocating"
        }
        Category::CacheHostile => "struct, enum or `Vec<Box<T>>`",
        Category::LifetimeExtension => "allocating or cloning",
    }
}

// ---------------------------------------------------------------------------
// Judging

/// The priority of the finding's file: the scope's, else the crate's, else
/// what the Analyst reported.
fn priority_of(finding: &Finding, scope: Option<&Scope>) -> (Priority, String) {
    if let Some(scope) = scope {
        for c in &scope.crates {
            if let Some(f) = c.files.iter().find(|f| f.path == finding.file) {
                return (f.priority, format!("scope: `{}` is {}", f.path, f.priority));
            }
        }
        if let Some(c) = scope.crates.iter().find(|c| c.name == finding.crate_name) {
            return (
                c.priority,
                format!("scope: crate `{}` is {}", c.name, c.priority),
            );
        }
    }
    (
        finding.priority,
        format!("the Analyst reported {}", finding.priority),
    )
}

fn relevant(category: Category, kind: &SiteKind) -> bool {
    match category {
        Category::UnnecessaryClone => matches!(kind, SiteKind::Clone { .. }),
        Category::AllocationLoop => matches!(kind, SiteKind::Alloc { .. }),
        // Arena findings point at loops of allocations or at recursive types
        // whose nodes are boxed one by one.
        // (Not the boxes themselves: an arena reference breaks the recursion
        // as the box did, so `recursive-box` does not argue against it.)
        Category::ArenaCandidate => {
            matches!(kind, SiteKind::Alloc { .. } | SiteKind::Item { .. })
        }
        Category::HeapAvoidable => {
            matches!(kind, SiteKind::BoxType { .. } | SiteKind::Alloc { .. })
        }
        Category::CacheHostile => {
            matches!(
                kind,
                SiteKind::Item { .. }
                    | SiteKind::BoxType {
                        container: Some(_),
                        ..
                    }
            ) && !matches!(kind, SiteKind::BoxType { container: Some(c), .. } if !is_vec_like(c))
        }
        Category::LifetimeExtension => {
            matches!(kind, SiteKind::Alloc { .. } | SiteKind::Clone { .. })
        }
    }
}

/// Whether the finding's snippet is still at its lines.
fn snippet_matches(lines: &[&str], finding: &Finding) -> bool {
    let norm = |s: &str| -> String {
        let code = s.split("//").next().unwrap_or("");
        code.chars().filter(|c| !c.is_whitespace()).collect()
    };
    let significant: Vec<String> = finding
        .code
        .lines()
        .map(norm)
        .filter(|l| {
            !l.is_empty() && l.chars().any(|c| c.is_alphanumeric()) && !l.starts_with("```")
        })
        .collect();
    if significant.is_empty() {
        return true;
    }
    let from = (finding.line_start as usize).saturating_sub(3);
    let to = (finding.line_end as usize + 2).min(lines.len());
    let window: String = lines[from.min(to)..to].iter().map(|l| norm(l)).collect();
    let hits = significant
        .iter()
        .filter(|l| window.contains(l.as_str()))
        .count();
    hits * 2 >= significant.len()
}

fn judge(
    lines: &[&str],
    facts: &FileFacts,
    finding: &Finding,
    scope: Option<&Scope>,
    measured: Option<u64>,
) -> Validation {
    let n = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    if finding.line_start == 0 || finding.line_end < finding.line_start || finding.line_end > n {
        return unclear(
            finding,
            &ReviewError::OutOfRange {
                path: finding.file.clone(),
                lines: n,
                start: finding.line_start,
                end: finding.line_end,
            },
        );
    }
    if !snippet_matches(lines, finding) {
        return unclear(
            finding,
            &ReviewError::Changed {
                path: finding.file.clone(),
                start: finding.line_start,
                end: finding.line_end,
            },
        );
    }

    let mut sites: Vec<&Site> = facts
        .sites_in(finding.line_start, finding.line_end)
        .iter()
        .filter(|s| relevant(finding.category, &s.kind))
        .collect();
    // An allocation and the clone it is recorded as are one site.
    sites.dedup_by(|a, b| a.start == b.start && a.end == b.end);
    let (mut priority, mut priority_source) = priority_of(finding, scope);
    if let Some(n) = measured.filter(|n| *n >= HOT_MEASURED) {
        priority = Priority::P0;
        priority_source =
            format!("measured: {n} allocations at these lines in the session's heap profile");
    }
    let mut case = Case {
        finding,
        facts,
        sites,
        false_positives: Vec::new(),
        main: None,
        priority,
        priority_source,
        growth: None,
    };

    for site in case.sites.clone() {
        let fired = RULES.iter().find_map(|rule| match rule.eval {
            Eval::Site(f) if rule.applies(finding.category) => {
                f(&case, site).map(|fired| (rule.id, fired))
            }
            _ => None,
        });
        match fired {
            Some((id, fired)) => case.false_positives.push((site, id, fired)),
            None if case.main.is_none() => case.main = Some(site),
            // An allocation-in-loop finding is about the site in the loop:
            // `errs.iter().map(|e| e.to_string()).collect()` is judged at the
            // `to_string`, not the `collect` before it on the line.
            None if finding.category == Category::AllocationLoop
                && case.main.is_some_and(|m| m.ctx.loops.is_empty())
                && !site.ctx.loops.is_empty() =>
            {
                case.main = Some(site)
            }
            None => {}
        }
    }
    // A test file is test code even when no site was located.
    if case.sites.is_empty() && path_is_test(&finding.file) {
        let pseudo = Site {
            kind: SiteKind::Item {
                name: finding.item_path.clone(),
            },
            start: facts::Pos {
                line: finding.line_start,
                col: 0,
            },
            end: facts::Pos {
                line: finding.line_end,
                col: 0,
            },
            ctx: facts::Ctx::default(),
            sink: None,
        };
        if let Some(fired) = rule_test_code(&case, &pseudo) {
            return reject(finding, &case, "test-code", fired);
        }
    }

    if case.main.is_none() && !case.false_positives.is_empty() {
        let (_, id, fired) = case.false_positives[0].clone();
        return reject(finding, &case, id, fired);
    }
    if let Some(site) = case.main.filter(|s| is_presize(finding, s)) {
        case.growth = Some(growth(&case, site));
    }

    let review = review(&case);
    for rule in RULES.iter().filter(|r| r.applies(finding.category)) {
        if let (Eval::Finding(f), Verdict::Rejected) = (&rule.eval, rule.verdict) {
            if let Some(fired) = f(&case, &review) {
                let mut v = reject(finding, &case, rule.id, fired);
                v.lifetime = review.lifetime.clone();
                v.thread_safety = review.thread_safety.clone();
                v.no_undefined_behavior = review.no_ub.clone();
                v.hot_path = review.hot_path.clone();
                v.complexity_justified = review.complexity.clone();
                return v;
            }
        }
    }
    let mut issues = Vec::new();
    let mut conditions = Vec::new();
    for rule in RULES.iter().filter(|r| r.applies(finding.category)) {
        if let (Eval::Finding(f), Verdict::NeedsWork) = (&rule.eval, rule.verdict) {
            if let Some(fired) = f(&case, &review) {
                conditions.push(fired.suggestion.clone());
                issues.push(issue(finding, issues.len() + 1, rule.id, fired));
            }
        }
    }
    let verdict = if issues.is_empty() {
        conditions = approval_conditions(&case, &review);
        if measured == Some(0) {
            conditions.push(
                "Not hot in this workload: the session's heap profile measured no allocation at these lines; profile the workload that matters before spending effort here."
                    .to_owned(),
            );
        }
        Verdict::Approved
    } else {
        Verdict::NeedsWork
    };
    Validation {
        finding_id: finding.id.clone(),
        fingerprint: finding.fingerprint.clone(),
        verdict,
        lifetime: review.lifetime,
        thread_safety: review.thread_safety,
        no_undefined_behavior: review.no_ub,
        estimate_plausible: review.estimate,
        hot_path: review.hot_path,
        complexity_justified: review.complexity,
        issues,
        conditions,
        counterexample: None,
        score: None,
        score_reason: None,
        engine: "builtin".to_owned(),
    }
}

fn issue(finding: &Finding, n: usize, rule: &str, fired: Fired) -> ValidationIssue {
    ValidationIssue {
        id: format!("{}-I{n}", finding.id),
        description: format!("{} [rule: {rule}]", fired.description),
        risk: fired.risk,
        suggestion: fired.suggestion,
    }
}

fn reject(finding: &Finding, case: &Case, rule: &str, fired: Fired) -> Validation {
    let site = case.false_positives.first().map(|(s, _, _)| *s);
    let fn_text = site
        .map(|s| fn_label(case, s))
        .unwrap_or_else(|| "the code".to_owned());
    let na = |what: &str| check(CheckStatus::NotApplicable, what.to_owned());
    let counterexample = fired.counterexample.clone();
    let lifetime = fired.lifetime.clone().unwrap_or_else(|| {
        na(&format!(
            "not assessed: the finding is rejected by rule `{rule}`"
        ))
    });
    let thread_safety = fired
        .thread_safety
        .clone()
        .unwrap_or_else(|| na(&format!("not assessed: {fn_text} needs no change")));
    let hot_path = fired.hot_path.clone().unwrap_or_else(|| {
        assess(
            Answer::Maybe,
            format!("not assessed: rule `{rule}` rejects the finding first"),
        )
    });
    let estimate = fired.estimate.clone().unwrap_or_else(|| {
        assess(
            Answer::No,
            "the claimed saving cannot be realised: the code is needed as written",
        )
    });
    Validation {
        finding_id: finding.id.clone(),
        fingerprint: finding.fingerprint.clone(),
        verdict: Verdict::Rejected,
        lifetime,
        thread_safety,
        no_undefined_behavior: check(
            CheckStatus::NotApplicable,
            "nothing to change: the code stays as it is",
        ),
        estimate_plausible: estimate,
        hot_path,
        complexity_justified: assess(Answer::No, "no saving to pay for the change"),
        issues: vec![issue(finding, 1, rule, fired)],
        conditions: Vec::new(),
        counterexample,
        score: None,
        score_reason: None,
        engine: "builtin".to_owned(),
    }
}

/// NEEDS_WORK with UNCLEAR checks: the code could not be examined.
fn unclear(finding: &Finding, error: &ReviewError) -> Validation {
    let why = error.to_string();
    let u = |what: &str| check(CheckStatus::Unclear, format!("{what}: {why}"));
    Validation {
        finding_id: finding.id.clone(),
        fingerprint: finding.fingerprint.clone(),
        verdict: Verdict::NeedsWork,
        lifetime: u("cannot check lifetimes"),
        thread_safety: u("cannot check thread safety"),
        no_undefined_behavior: u("cannot check the proposal against the code"),
        estimate_plausible: assess(Answer::NeedsMeasurement, format!("cannot verify: {why}")),
        hot_path: assess(Answer::Maybe, format!("cannot verify: {why}")),
        complexity_justified: assess(Answer::Maybe, format!("cannot verify: {why}")),
        issues: vec![ValidationIssue {
            id: format!("{}-I1", finding.id),
            description: format!("The Validator could not examine the code: {why}."),
            risk: "An unverified finding may be stale or wrong.".to_owned(),
            suggestion: "Re-run the analysis on the current code, then validate again.".to_owned(),
        }],
        conditions: vec![
            "Re-analyse the file so the finding points at the current code.".to_owned(),
        ],
        counterexample: None,
        score: None,
        score_reason: None,
        engine: "builtin".to_owned(),
    }
}

// ---------------------------------------------------------------------------
// Safety checks and impact questions for the main site

fn review(case: &Case) -> Review {
    let site = case.main;
    let finding = case.finding;
    let grown = case.growth.as_ref().and_then(|g| g.as_ref().ok());
    let in_loop = site.is_some_and(|s| !s.ctx.loops.is_empty()) || grown.is_some();
    // Pre-sizing keeps the buffer's ownership as it is: where it goes
    // afterwards does not matter.
    let escape = site
        .filter(|_| case.growth.is_none())
        .filter(|s| matches!(s.kind, SiteKind::Alloc { .. } | SiteKind::Clone { .. }))
        .and_then(|s| escape_of(case, s));
    let hoists = matches!(
        finding.category,
        Category::AllocationLoop | Category::ArenaCandidate
    );
    let parallel = site
        .and_then(|s| s.ctx.loops.iter().rev().find(|l| l.parallel))
        .filter(|_| hoists)
        .map(|l| format!("the {} is a rayon parallel iterator", l.describe()));
    let effort = proposal::effort(finding);
    let hot_path = hot_path(case, site);
    Review {
        lifetime: lifetime(case, site, escape.as_deref()),
        thread_safety: thread_safety(case, site, parallel.as_deref()),
        no_ub: no_ub(finding),
        estimate: estimate(case, in_loop),
        complexity: complexity(finding, effort, &hot_path),
        hot_path,
        in_loop,
        escape,
        parallel,
        effort,
    }
}

fn lifetime(case: &Case, site: Option<&Site>, escape: Option<&str>) -> Check {
    let finding = case.finding;
    if finding.category == Category::CacheHostile {
        return check(
            CheckStatus::NotApplicable,
            "a layout change moves no ownership",
        );
    }
    let Some(site) = site else {
        return check(
            CheckStatus::Unclear,
            "the code the finding describes was not located",
        );
    };
    let label = site.label();
    let line = site.start.line;
    if let Some(g) = &case.growth {
        let name = g
            .as_ref()
            .map(|g| g.binding.clone())
            .unwrap_or_else(|_| "the buffer".to_owned());
        return check(
            CheckStatus::Pass,
            format!(
                "`with_capacity` changes only the initial capacity of `{name}` (line {line}); its \
                 owner, its pushes and where it goes afterwards stay as they are"
            ),
        );
    }
    match finding.category {
        Category::LifetimeExtension => check(
            CheckStatus::Unclear,
            format!(
                "moving the drop point of {label} (line {line}) is proven only by the borrow checker"
            ),
        ),
        _ if escape.is_some() => check(
            CheckStatus::Unclear,
            format!("{label} at line {line} outlives its expression: {}", escape.unwrap_or_default()),
        ),
        Category::UnnecessaryClone => {
            let key = case.clone_of(site).map(|(k, _)| k).unwrap_or("the source");
            check(
                CheckStatus::Pass,
                format!(
                    "`{key}` is neither mutated nor moved after line {line} in {}, so a borrow \
                     can stand in for the clone",
                    fn_label(case, site)
                ),
            )
        }
        Category::ArenaCandidate
            if matches!(site.kind, SiteKind::Item { .. } | SiteKind::BoxType { .. }) =>
        {
            check(
                CheckStatus::Unclear,
                format!(
                    "allocating the nodes of {label} (line {line}) in an arena adds a lifetime \
                     parameter or indices to the type and to everything that holds it; only the \
                     borrow checker proves that no node outlives the arena"
                ),
            )
        }
        Category::ArenaCandidate => {
            let returns_ref = case
                .func(site)
                .and_then(|f| f.ret.as_deref())
                .is_some_and(|r| r.contains('\''));
            if returns_ref {
                check(
                    CheckStatus::Unclear,
                    format!("{} returns a reference; arena values could escape", fn_label(case, site)),
                )
            } else {
                check(
                    CheckStatus::Pass,
                    format!(
                        "values allocated at line {line} are not stored, sent or returned: an \
                         arena scoped to {} outlives them",
                        fn_label(case, site)
                    ),
                )
            }
        }
        Category::HeapAvoidable => match &site.kind {
            SiteKind::BoxType { inner, .. } => check(
                CheckStatus::Pass,
                format!("`{inner}` is sized and does not contain its container: it can live inline"),
            ),
            _ => check(
                CheckStatus::Pass,
                format!("{label} at line {line} has a bounded size and stays local"),
            ),
        },
        _ => {
            let where_ = site
                .ctx
                .loops
                .last()
                .map(|l| format!("one iteration of the {}", l.describe()))
                .unwrap_or_else(|| format!("one call of {}", fn_label(case, site)));
            check(
                CheckStatus::Pass,
                format!(
                    "{label} at line {line} is used within {where_} and not stored, sent or \
                     returned: a buffer hoisted outside and cleared per use lives long enough"
                ),
            )
        }
    }
}

fn word_in(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let w = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !w(before) && !w(after)
    })
}

fn thread_safety(case: &Case, site: Option<&Site>, parallel: Option<&str>) -> Check {
    let p = &case.finding.proposal;
    if word_in(p, "static mut") || p.contains("static mut") {
        return check(
            CheckStatus::Fail,
            "the proposal introduces `static mut`: unsynchronised shared state",
        );
    }
    if let Some(par) = parallel {
        return check(
            CheckStatus::Fail,
            format!("{par}: one buffer hoisted above it would be shared by worker threads"),
        );
    }
    if case.finding.category == Category::CacheHostile {
        return check(
            CheckStatus::NotApplicable,
            "reordering fields changes no sharing between threads",
        );
    }
    let Some(site) = site else {
        return check(CheckStatus::Unclear, "the code was not located");
    };
    let func = case.func(site);
    let concurrent = site
        .ctx
        .task
        .clone()
        .or(site.ctx.spawn_arg.clone())
        .or_else(|| {
            func.and_then(|f| {
                if f.is_async {
                    Some(format!("`async fn {}`", f.name))
                } else {
                    f.move_scopes
                        .iter()
                        .find(|m| m.static_task)
                        .map(|m| format!("{} at line {}", m.kind, m.start.line))
                }
            })
        });
    let uses_rc = word_in(p, "Rc") || p.contains("Rc<") || p.contains("RefCell");
    match concurrent {
        Some(c) if uses_rc => check(
            CheckStatus::Fail,
            format!("the proposal uses `Rc`/`RefCell`, which are not `Send`/`Sync`, in code that runs concurrently ({c})"),
        ),
        Some(c) => check(
            CheckStatus::Pass,
            format!("the change stays local to one task ({c}) and introduces no shared mutable state"),
        ),
        None => check(
            CheckStatus::NotApplicable,
            format!(
                "{} neither spawns nor runs in a task: the change is single-threaded",
                fn_label(case, site)
            ),
        ),
    }
}

fn no_ub(finding: &Finding) -> Check {
    let p = &finding.proposal;
    let found: Vec<&str> = DANGEROUS
        .iter()
        .copied()
        .filter(|w| word_in(p, w))
        .collect();
    if found.is_empty() {
        return check(
            CheckStatus::Pass,
            "the proposal is safe Rust: no `unsafe`, `transmute` or raw parts",
        );
    }
    let list = found
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if p.contains("SAFETY:") {
        check(
            CheckStatus::Unclear,
            format!(
                "the proposal uses {list} with a `// SAFETY:` argument that needs a human review"
            ),
        )
    } else {
        check(
            CheckStatus::Fail,
            format!("the proposal uses {list} without a `// SAFETY:` argument"),
        )
    }
}

/// Entry points: `main`, `pub fn`, `async fn`, trait methods, functions that
/// spawn tasks; then everything they call by name in this file.
fn reachable(facts: &FileFacts, idx: usize) -> Option<String> {
    let is_entry = |f: &FnFacts| {
        if f.name == "main" {
            Some("`fn main`".to_owned())
        } else if f.public {
            Some(format!("`pub fn {}`", f.name))
        } else if f.is_async {
            Some(format!("`async fn {}`", f.name))
        } else if f.trait_impl {
            Some(format!("trait method `{}`", f.name))
        } else {
            None
        }
    };
    let target = &facts.fns[idx];
    if let Some(e) = is_entry(target) {
        return Some(format!("{e} is an entry point"));
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut queue: Vec<(&FnFacts, String)> = facts
        .fns
        .iter()
        .filter_map(|f| is_entry(f).map(|e| (f, e)))
        .collect();
    while let Some((f, origin)) = queue.pop() {
        if !seen.insert(f.name.as_str()) {
            continue;
        }
        if f.calls.contains(&target.name) {
            return Some(format!("called from {origin}"));
        }
        for g in facts.fns.iter().filter(|g| f.calls.contains(&g.name)) {
            queue.push((g, origin.clone()));
        }
    }
    None
}

fn hot_path(case: &Case, site: Option<&Site>) -> Assessment {
    let Some(site) = site else {
        return assess(Answer::Maybe, "the code was not located");
    };
    if let (SiteKind::BoxType { .. }, Some(place)) = (&site.kind, box_place(site)) {
        let per = if site.ctx.sig.is_some() {
            "one allocation per call; how hot depends on how often callers call it"
        } else {
            "one allocation per value built; how hot depends on how many values are built"
        };
        return assess(
            Answer::Maybe,
            format!(
                "a type in {place}, in a {} file ({}): {per}",
                case.priority, case.priority_source
            ),
        );
    }
    if matches!(site.kind, SiteKind::Item { .. }) {
        return assess(
            Answer::Maybe,
            format!(
                "a type definition in a {} file ({}); how hot depends on how many values are built",
                case.priority, case.priority_source
            ),
        );
    }
    let hot_file = case.priority <= Priority::P1;
    let reach = if site.ctx.task.is_some() {
        Some("runs in a spawned task".to_owned())
    } else {
        site.ctx.fn_idx.and_then(|i| reachable(case.facts, i))
    };
    let reach_text = reach.clone().unwrap_or_else(|| {
        format!(
            "{} is private and not called from an entry point in this file",
            fn_label(case, site)
        )
    });
    let file_text = format!("{} file ({})", case.priority, case.priority_source);
    let grows_in = case
        .growth
        .as_ref()
        .and_then(|g| g.as_ref().ok())
        .map(|g| &g.grows_in);
    match site.ctx.loops.last().or(grows_in) {
        Some(l) if hot_file && reach.is_some() => assess(
            Answer::Yes,
            format!("inside the {} in a {file_text}; {reach_text}", l.describe()),
        ),
        Some(l) => assess(
            Answer::Maybe,
            format!("inside the {} in a {file_text}; {reach_text}", l.describe()),
        ),
        None if hot_file => assess(
            Answer::Maybe,
            format!(
                "not in a loop in {}; once per call in a {file_text}; {reach_text}",
                fn_label(case, site)
            ),
        ),
        None => assess(Answer::No, format!("not in a loop, in a {file_text}")),
    }
}

fn estimate(case: &Case, in_loop: bool) -> Assessment {
    let f = case.finding;
    if let Some(a) = case.main.and_then(|s| box_type_estimate(case, s)) {
        return a;
    }
    if f.category == Category::CacheHostile {
        return assess(
            Answer::NeedsMeasurement,
            "layout and cache effects show only under a profiler (cache misses), not in the syntax",
        );
    }
    if let Some(g) = &case.growth {
        return match g {
            Ok(g) => assess(
                Answer::Yes,
                format!(
                    "`{}` grows from empty by one push per iteration of the {} (line {}); {}: \
                     that is ~log2(n) reallocations with copies per call, and `with_capacity` \
                     makes it one allocation",
                    g.binding,
                    g.grows_in.describe(),
                    g.push_line,
                    g.length
                ),
            ),
            Err(why) => assess(Answer::Maybe, format!("the saving is not shown: {why}")),
        };
    }
    let counted: BTreeSet<_> = case
        .facts
        .sites_in(f.line_start, f.line_end)
        .iter()
        .filter(|s| s.ctx.cold.is_none() && s.ctx.test.is_none())
        .filter(|s| matches!(s.kind, SiteKind::Alloc { .. }))
        .map(|s| (s.start, s.end))
        .collect();
    let c = counted.len() as u64;
    let unit = if f.impact.unit.is_empty() {
        "unit".to_owned()
    } else {
        f.impact.unit.clone()
    };
    match (f.impact.allocations_avoided, f.impact.bytes_saved) {
        (Some(n), _) if n > 0 && c == 0 => assess(
            Answer::No,
            format!(
                "claims {n} allocation(s) per {unit} but no allocating expression is at lines {}-{}",
                f.line_start, f.line_end
            ),
        ),
        (Some(n), _) if n > 2 * c + 2 => assess(
            Answer::No,
            format!(
                "claims {n} allocation(s) per {unit}; lines {}-{} hold {c} allocating expression(s)",
                f.line_start, f.line_end
            ),
        ),
        (Some(n), _) => assess(
            Answer::Yes,
            format!(
                "{n} allocation(s) per {unit} against {c} allocating expression(s) at lines {}-{}{}",
                f.line_start,
                f.line_end,
                if in_loop { ", each run once per iteration" } else { "" }
            ),
        ),
        (None, Some(b)) => assess(Answer::Yes, format!("{b} bytes per {unit} as stated")),
        (None, None) => assess(
            Answer::NeedsMeasurement,
            "the finding gives no allocation or byte count",
        ),
    }
}

/// A `Box<T>` type site: each value of it is one heap allocation, so a
/// claim of one allocation per value (or per element of `Vec<Box<T>>`) is
/// what the type says.
fn box_type_estimate(case: &Case, site: &Site) -> Option<Assessment> {
    let SiteKind::BoxType {
        inner, container, ..
    } = &site.kind
    else {
        return None;
    };
    let f = case.finding;
    let unit = if f.impact.unit.is_empty() {
        "value"
    } else {
        f.impact.unit.as_str()
    };
    let in_vec = container.as_deref().is_some_and(is_vec_like);
    if f.category == Category::CacheHostile && in_vec {
        let name = type_name(inner);
        if !case.facts.types.contains_key(name) {
            return Some(assess(
                Answer::NeedsMeasurement,
                format!(
                    "`{inner}` is not defined in this file: it may be unsized (an alias of a \
                     trait object), and its size decides whether storing it inline pays"
                ),
            ));
        }
    }
    let what = if in_vec {
        format!(
            "every element of `{}<Box<{inner}>>` is its own heap allocation",
            container.as_deref().unwrap_or("Vec")
        )
    } else {
        format!("every `Box<{inner}>` value is one heap allocation")
    };
    Some(match f.impact.allocations_avoided {
        Some(n) if n > 1 => assess(
            Answer::No,
            format!("claims {n} allocation(s) per {unit}, but {what}: at most 1"),
        ),
        Some(n) => assess(Answer::Yes, format!("{n} allocation(s) per {unit}: {what}")),
        None => match f.impact.bytes_saved {
            Some(b) => assess(
                Answer::Yes,
                format!("{b} bytes per {unit} as stated; {what}"),
            ),
            None => assess(Answer::Yes, format!("{what}; the finding gives no count")),
        },
    })
}

fn complexity(finding: &Finding, effort: Level, hot: &Assessment) -> Assessment {
    let impact = finding.impact.level;
    let evidence = format!(
        "impact {impact} against {}",
        proposal::effort_evidence(finding)
    );
    // Impact weight (High 3) against effort cost (High 3).
    let worth = impact.weight() >= proposal::effort_cost(effort)
        || (hot.answer == Answer::Yes && impact != Level::Low);
    assess(if worth { Answer::Yes } else { Answer::No }, evidence)
}

fn approval_conditions(case: &Case, review: &Review) -> Vec<String> {
    let f = case.finding;
    let mut out = Vec::new();
    let site = case.main;
    let loop_text = site
        .and_then(|s| s.ctx.loops.last())
        .map(|l| l.describe())
        .unwrap_or_else(|| "loop".to_owned());
    match f.category {
        Category::UnnecessaryClone => {
            let key = site
                .and_then(|s| case.clone_of(s))
                .map(|(k, _)| k)
                .unwrap_or("the source");
            out.push(format!(
                "`{key}` is not mutated or moved while the borrow is alive"
            ));
            out.push(
                "every consumer of the value accepts a reference (`&T`, `&str`, `&[T]`)".to_owned(),
            );
        }
        Category::AllocationLoop if case.growth.is_some() => {
            if let Some(Ok(g)) = &case.growth {
                out.push(format!(
                    "`{}` is created with the length of `{}` as its capacity",
                    g.binding, g.grows_in.source
                ));
                out.push(format!(
                    "every iteration of the {} still pushes exactly once (no `continue` or early \
                     `break` before the push at line {})",
                    g.grows_in.describe(),
                    g.push_line
                ));
            }
        }
        Category::AllocationLoop => {
            out.push(format!(
                "the buffer is created once above the {loop_text} and `clear()`ed at the start of each iteration"
            ));
            out.push("the buffer is not stored, sent or returned from the loop body".to_owned());
        }
        Category::ArenaCandidate => {
            out.push("no arena reference escapes the function that owns the arena".to_owned());
            out.push("the arena is reset or dropped per unit of work (file, batch)".to_owned());
        }
        Category::HeapAvoidable => {
            out.push("the inline size stays small (check `size_of` of the new type)".to_owned());
        }
        Category::LifetimeExtension | Category::CacheHostile => {}
    }
    if review.thread_safety.status == CheckStatus::Pass {
        out.push("the reused value stays local to one task (no sharing across threads)".to_owned());
    }
    out.extend(f.prerequisites.iter().map(|p| format!("prerequisite: {p}")));
    if f.impact.level == Level::Low {
        out.push("LOW impact: implement alongside other changes to this code".to_owned());
    }
    out.push("the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations".to_owned());
    out
}

#[cfg(test)]
mod tests;
