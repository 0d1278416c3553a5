//! The built-in Coordinator (workflow spec 2.3 and 5.3): turns one round's
//! findings, validations and decisions into the [`Report`] struct, evaluates
//! the termination criteria and counts `status.md`.
//!
//! It must NOT render markdown (the render crate does), must NOT read files or
//! re-judge findings (the Validator's verdict and the user's decision are
//! taken as given), and must be deterministic: every list is sorted, scores
//! are rounded, and the same input always gives the same report.
//!
//! # Method
//!
//! - **Counts**: verdicts come from each record's validation; `new` counts
//!   findings whose fingerprint no earlier round has.
//! - **Estimated savings**: bytes saved and allocations avoided per pass are
//!   summed over *actionable* findings (APPROVED and not rejected or deferred
//!   by the user) that state them; findings without a number add nothing,
//!   and a sum nobody stated anything for is `None`, not `0`.
//! - **Measured figures**: with a heap profile, the newest profile's
//!   allocations, bytes and live maxima at the actionable findings' lines,
//!   read against the whole run's allocations and peak ([`MeasuredSummary`]).
//! - **Headline figures**: [`figures`] turns the above into what every front
//!   end shows, measured where a profile exists and labelled where not.
//! - **Allocation reduction (%)**: among findings whose Validator answered
//!   "hot path: YES" and that state an allocation count, the share of the
//!   counted allocations that actionable findings remove:
//!   `100 × Σ avoided (actionable, hot) ÷ Σ avoided (not rejected, hot)`.
//!   The denominator is only what the audit flagged, not every allocation of
//!   the hot paths, so the figure is an upper bound on the real reduction;
//!   it is `None` when no hot finding states a count, and only a heap profile
//!   can replace it with a measurement.
//! - **Quick wins**: actionable findings of MEDIUM or HIGH impact, ranked by
//!   `impact × safety ÷ effort` (weights 3/2/1; safety SAFE 3, NEEDS_REVIEW
//!   2, UNSAFE 1; effort from [`effort`]), top ten.
//! - **Architectural recommendations**: findings not rejected (by Validator or
//!   user) grouped by category and a normalised shape of their code (e.g.
//!   "`format!` in a loop"); a group of three or more gets one unified fix.
//! - **Deferred**: LOW-impact approved findings, NEEDS_WORK findings without a
//!   decision, and findings the user deferred — each with its reason.

use std::collections::{BTreeMap, BTreeSet};

mod figures;

use memaudit_model::{
    Answer, Category, CrateFindingLine, CrateFindings, Criterion, DecisionKind, Deferred, Finding,
    FindingRecord, FindingSource, FindingState, FocusRequest, Level, Priority, QuickWin,
    Recommendation, Report, RoundDecision, RoundRecord, Safety, Scope, Status, Summary, Verdict,
};
use memaudit_model::{MeasuredSummary, RunFigures, SiteFigures, Workload};

/// Everything the Coordinator needs for one round.
#[derive(Debug, Clone, Copy)]
pub struct CoordinatorInput<'a> {
    pub session: &'a str,
    pub round: u32,
    /// This round: finding + state + validation + decision.
    pub records: &'a [FindingRecord],
    pub scope: Option<&'a Scope>,
    pub earlier_rounds: &'a [RoundRecord],
    pub focus: &'a [FocusRequest],
    /// Allocations measured in a heap profile, by finding fingerprint.
    /// `None` when the session has no profile; with a profile, a finding
    /// missing from the map allocated nothing in the profiled workload.
    pub measured: Option<&'a std::collections::HashMap<String, u64>>,
    /// Fixes re-measured with a heap profile; reported apart from estimates.
    pub verified: &'a [memaudit_model::VerifiedSaving],
    /// The session's newest heap profile, the measured basis of the
    /// headline figures and the quick wins' gains.
    pub profile: Option<&'a ProfileEvidence>,
}

/// A heap profile as the Coordinator reads it: the workload, its whole-run
/// totals and what it measured at each finding's lines.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileEvidence {
    pub workload: Workload,
    pub run: RunFigures,
    /// By finding fingerprint; a finding missing allocated nothing at its
    /// lines in this workload.
    pub sites: std::collections::HashMap<String, SiteFigures>,
    /// Bytes at each measured finding's lines live at the run's global
    /// peak, by fingerprint; empty when the profile records no live figures,
    /// missing for measurements stored before memaudit kept the figure.
    pub at_peak: std::collections::HashMap<String, u64>,
}

/// Impact level from measured allocations per profiled run.
fn measured_level(allocations: u64) -> Level {
    match allocations {
        1000.. => Level::High,
        100..=999 => Level::Medium,
        _ => Level::Low,
    }
}

/// Effort to implement a finding, from the proposal's size and prerequisites
/// (and +2 points for an API change). See the [module docs](self).
pub fn effort(finding: &Finding) -> Level {
    crate::proposal::effort(finding)
}

/// How many quick wins a report lists.
const QUICK_WINS: usize = 10;
/// How many places make a pattern architectural.
const PATTERN_MIN: usize = 3;

/// Sort key that puts `F-2` before `F-10`.
fn id_key(id: &str) -> (u64, &str) {
    let digits: String = id.chars().filter(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), id)
}

/// The decision that applies to a record: its own, else the latest one taken
/// on the same fingerprint in an earlier round (a "reject" or "defer" holds
/// until the user changes it).
fn decision_of(record: &FindingRecord, earlier: &[RoundRecord]) -> Option<DecisionKind> {
    if let Some(d) = &record.decision {
        return Some(d.kind);
    }
    earlier
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r.number, f)))
        .filter(|(_, f)| f.finding.fingerprint == record.finding.fingerprint)
        .filter_map(|(n, f)| f.decision.as_ref().map(|d| (n, d.round, d.kind)))
        .max_by_key(|(n, round, _)| (*n, *round))
        .map(|(_, _, k)| k)
}

fn verdict_of(record: &FindingRecord) -> Option<Verdict> {
    record.validation.as_ref().map(|v| v.verdict)
}

/// APPROVED by the Validator, not rejected or deferred by the user, not fixed.
fn actionable(record: &FindingRecord, earlier: &[RoundRecord]) -> bool {
    let decided_away =
        decision_of(record, earlier).is_some_and(|d| d.is_rejection() || d == DecisionKind::Defer);
    verdict_of(record) == Some(Verdict::Approved)
        && !decided_away
        && record.state != FindingState::Fixed
}

fn rejected(record: &FindingRecord, earlier: &[RoundRecord]) -> bool {
    verdict_of(record) == Some(Verdict::Rejected)
        || decision_of(record, earlier).is_some_and(DecisionKind::is_rejection)
}

fn earlier_fingerprints(earlier: &[RoundRecord], round: u32) -> BTreeSet<&str> {
    earlier
        .iter()
        .filter(|r| r.number < round)
        .flat_map(|r| r.findings.iter().map(|f| f.finding.fingerprint.as_str()))
        .collect()
}

fn is_new(record: &FindingRecord, seen: &BTreeSet<&str>) -> bool {
    record.state != FindingState::Fixed && !seen.contains(record.finding.fingerprint.as_str())
}

fn hot(record: &FindingRecord) -> bool {
    record
        .validation
        .as_ref()
        .is_some_and(|v| v.hot_path.answer == Answer::Yes)
}

/// Whether a finding may be surfaced and is counted: everything but cold
/// code (tests, one-time setup, error paths, diagnostics) and LOW notes
/// (a sketch for a proposal), which are kept with their reason.
pub fn surfaces(record: &FindingRecord) -> bool {
    record.finding.reach.as_ref().is_none_or(|r| r.surfaces()) && !is_note(&record.finding)
}

/// A NEEDS_WORK finding without a decision that the next round should
/// rework. A LOW note keeps its question but is never counted, so it does
/// not hold a session open.
fn awaiting_rework(r: &FindingRecord, earlier: &[RoundRecord]) -> bool {
    verdict_of(r) == Some(Verdict::NeedsWork)
        && decision_of(r, earlier).is_none()
        && !is_note(&r.finding)
}

/// A LOW note: the finding's proposal is only a sketch of a category of
/// fixes ("consider interning, a `Cow` or an arena") or a template, not a
/// change to its code, or it only trims a finished list's spare capacity,
/// whose worth depends on how long the list is kept, or it only shares a
/// slice in place of a shared buffer (`Arc<[T]>` for `Arc<Vec<T>>`), whose
/// worth depends on how many values are built and read, or it moves a
/// recursive type's nodes into an arena or splits a type into a struct of
/// arrays, redesigns whose worth depends on how many values are built and
/// how they are read, or it only borrows the string literals a choice
/// copies or boxes a never-grown newtype's `Vec`, small savings whose worth
/// depends on how often the code runs or how many values are kept. Kept and
/// listed, never ranked or counted.
pub fn is_note(finding: &Finding) -> bool {
    crate::proposal::sketch(finding).is_some()
        || crate::proposal::capacity_trim(finding).is_some()
        || crate::proposal::shared_slice(finding).is_some()
        || crate::proposal::small_saving(finding).is_some()
        || crate::proposal::type_redesign(finding).is_some()
}

fn summary(input: &CoordinatorInput) -> Summary {
    let seen = earlier_fingerprints(input.earlier_rounds, input.round);
    let mut s = Summary::default();
    let mut t = figures::Tally::default();
    let mut measured = input.profile.map(|p| MeasuredSummary {
        workload: p.workload.clone(),
        run: p.run,
        findings: 0,
        allocations: 0,
        bytes: 0,
        allocation_share_pct: None,
        at_peak_bytes: p.run.peak_live_bytes.map(|_| 0),
    });
    for r in input.records {
        if r.finding.reach.as_ref().is_some_and(|r| !r.surfaces()) {
            s.cold += 1;
            continue;
        }
        if is_note(&r.finding) {
            s.notes += 1;
            continue;
        }
        // A fixed finding is gone from the code: it is not re-validated,
        // so counting it would show as "not yet validated".
        if r.state == FindingState::Fixed {
            continue;
        }
        s.total += 1;
        match verdict_of(r) {
            Some(Verdict::Approved) => s.approved += 1,
            Some(Verdict::NeedsWork) => s.needs_work += 1,
            Some(Verdict::Rejected) => s.rejected += 1,
            None => {}
        }
        if is_new(r, &seen) {
            s.new += 1;
        }
        let impact = &r.finding.impact;
        let act = actionable(r, input.earlier_rounds);
        if act {
            t.actionable += 1;
            if let Some(b) = impact.bytes_saved.filter(|&b| b > 0) {
                t.bytes = Some(t.bytes.unwrap_or(0).saturating_add(b));
                t.bytes_stated += 1;
            }
            if let Some(n) = impact.allocations_avoided.filter(|&n| n > 0) {
                t.allocations = Some(t.allocations.unwrap_or(0).saturating_add(n));
                t.allocations_stated += 1;
            }
            let site = input
                .profile
                .and_then(|p| p.sites.get(&r.finding.fingerprint));
            if let (Some(m), Some(p), Some(site)) = (measured.as_mut(), input.profile, site) {
                m.findings += 1;
                m.allocations = m.allocations.saturating_add(site.allocations);
                m.bytes = m.bytes.saturating_add(site.bytes);
                // One measured line without the figure (stored before it
                // was kept) leaves the sum unknown.
                let at_peak = p.at_peak.get(&r.finding.fingerprint).copied();
                m.at_peak_bytes = m
                    .at_peak_bytes
                    .zip(at_peak)
                    .map(|(a, b)| a.saturating_add(b));
            }
        }
        if let Some(n) = impact.allocations_avoided.filter(|_| hot(r)) {
            if !rejected(r, input.earlier_rounds) {
                t.hot_all = t.hot_all.saturating_add(n);
                if act {
                    t.hot_removed = t.hot_removed.saturating_add(n);
                }
            }
        }
    }
    if t.hot_all > 0 {
        t.reduction_pct = Some(pct(t.hot_removed, t.hot_all));
    }
    if let Some(m) = measured.as_mut() {
        m.allocation_share_pct =
            (m.run.allocations > 0).then(|| pct(m.allocations, m.run.allocations));
    }
    s.estimated_bytes_saved = t.bytes;
    s.estimated_allocations_avoided = t.allocations;
    s.estimated_allocation_reduction_pct = t.reduction_pct;
    s.figures = figures::figures(&t, measured.as_ref());
    s.measured = measured;
    s
}

/// `100 × part ÷ whole`, rounded to one decimal so the figure is stable
/// across platforms.
fn pct(part: u64, whole: u64) -> f64 {
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

fn safety_weight(s: Safety) -> u32 {
    match s {
        Safety::Safe => 3,
        Safety::NeedsReview => 2,
        Safety::Unsafe => 1,
    }
}

/// `crates/worker/src/bridge.rs` in crate `worker` → `worker/bridge.rs`.
fn short_location(f: &Finding) -> String {
    match f.file.rsplit_once("/src/") {
        Some((_, rest)) => format!("{}/{rest}", f.crate_name),
        None => match f.file.strip_prefix("src/") {
            Some(rest) => format!("{}/{rest}", f.crate_name),
            None => f.file.clone(),
        },
    }
}

fn quick_wins(input: &CoordinatorInput) -> Vec<QuickWin> {
    let mut wins: Vec<QuickWin> = input
        .records
        .iter()
        .filter(|r| actionable(r, input.earlier_rounds) && surfaces(r))
        .filter_map(|r| {
            let f = &r.finding;
            // Where a profile exists its numbers rank the finding; a finding
            // that allocated nothing in the profiled workload is no quick win.
            let measured = input
                .measured
                .map(|m| m.get(&f.fingerprint).copied().unwrap_or(0));
            let impact = match measured {
                Some(0) => return None,
                Some(n) => measured_level(n),
                None => f.impact.level,
            };
            if impact == Level::Low {
                return None;
            }
            let effort = effort(f);
            let raw = f64::from(impact.weight() * safety_weight(f.safety))
                / f64::from(crate::proposal::effort_cost(effort));
            Some(QuickWin {
                finding_id: f.id.clone(),
                location: short_location(f),
                category: f.category,
                impact,
                effort,
                score: (raw * 100.0).round() / 100.0,
                measured: measured.is_some() || f.source == FindingSource::Measurement,
                at: f.location(),
                summary: one_line(f.summary()),
                validation: validation_line(r),
                gain: gain_line(f, measured, input.profile),
                diff: f.edit.as_ref().map(memaudit_model::Edit::diff),
                proposal: f.proposal.trim().to_owned(),
            })
        })
        .collect();
    let allocations = |id: &str| -> u64 {
        input
            .records
            .iter()
            .find(|r| r.finding.id == id)
            .and_then(|r| {
                input
                    .measured
                    .and_then(|m| m.get(&r.finding.fingerprint).copied())
            })
            .unwrap_or(0)
    };
    wins.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.impact.cmp(&b.impact))
            .then(allocations(&b.finding_id).cmp(&allocations(&a.finding_id)))
            .then(id_key(&a.finding_id).cmp(&id_key(&b.finding_id)))
    });
    wins.truncate(QUICK_WINS);
    wins
}

/// Whitespace runs (newlines included) collapsed to one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence of a Validator's evidence, at most about 160
/// characters; a cut never leaves an inline-code span open.
fn first_sentence(s: &str) -> String {
    let s = one_line(s);
    let sentence = s.find(". ").map_or(s.len(), |i| i + 1);
    let limit = s.char_indices().nth(160).map_or(s.len(), |(i, _)| i);
    let mut end = sentence.min(limit);
    if s[..end].matches('`').count() % 2 == 1 {
        end = s[..end].rfind('`').unwrap_or(end);
    }
    let mut out = s[..end].trim_end().to_owned();
    if end < sentence && !out.ends_with('.') {
        out.push('…');
    }
    out
}

/// The Validator's answer in one line: verdict, whether the code is hot and
/// why, and the safety checks.
fn validation_line(r: &FindingRecord) -> String {
    let Some(v) = &r.validation else {
        return "not validated".into();
    };
    let engine = if v.engine.is_empty() {
        String::new()
    } else {
        format!(" ({})", v.engine)
    };
    let why = first_sentence(&v.hot_path.evidence);
    let why = if why.is_empty() {
        String::new()
    } else {
        format!(" — {why}")
    };
    format!(
        "{}{engine}: hot path {}{why}; lifetime {}, thread safety {}, no UB {}",
        v.verdict,
        v.hot_path.answer.as_str(),
        v.lifetime.status.as_str(),
        v.thread_safety.status.as_str(),
        v.no_undefined_behavior.status.as_str()
    )
}

/// The gain with its unit: measured at the finding's lines in a named
/// workload when a profile reached them, else the Analyst's estimate per
/// pass, else why there is none.
fn gain_line(f: &Finding, measured: Option<u64>, profile: Option<&ProfileEvidence>) -> String {
    if let Some(p) = profile {
        if let Some(site) = p.sites.get(&f.fingerprint) {
            return format!(
                "{} allocations ({}) at its lines, measured in `{}` (heap profile #{})",
                figures::count(site.allocations),
                figures::size(site.bytes),
                p.workload.command,
                p.workload.profile_id
            );
        }
    }
    if let Some(n) = measured {
        return format!(
            "{} allocations at its lines, measured by a heap profile",
            figures::count(n)
        );
    }
    let unit = f.impact.unit.trim();
    let per = if unit.is_empty() {
        String::new()
    } else {
        format!(" per {unit}")
    };
    match (f.impact.allocations_avoided, f.impact.bytes_saved) {
        (Some(n), Some(b)) => format!(
            "~{} {} and ~{}{per} (estimate, not measured)",
            figures::count(n),
            if n == 1 { "allocation" } else { "allocations" },
            figures::size(b)
        ),
        (Some(n), None) => format!(
            "~{} {}{per} (estimate, not measured)",
            figures::count(n),
            if n == 1 { "allocation" } else { "allocations" }
        ),
        (None, Some(b)) => format!("~{}{per} (estimate, not measured)", figures::size(b)),
        (None, None) => {
            "— not estimated; profile a workload (`memaudit profile`) to measure it".into()
        }
    }
}

/// A finding's code reduced to the shape that makes it one pattern, with the
/// fix that serves every place the shape occurs.
fn shape(f: &Finding) -> (String, String) {
    let code: String = f.code.chars().filter(|c| !c.is_whitespace()).collect();
    let looped = matches!(
        f.category,
        Category::AllocationLoop | Category::ArenaCandidate
    );
    let has = |p: &str| code.contains(p);
    let (pattern, fix) = if has("format!(") && looped {
        (
            "`format!` in a loop",
            "Write into one reusable `String` with `write!` after `clear()`; where buffers cross functions, a small `BufferPool` hands them out and takes them back.",
        )
    } else if (has("Vec::new(") || has("Vec::with_capacity(") || has("vec![")) && looped {
        (
            "per-iteration `Vec` allocation",
            "Hoist one `Vec` above the loop and `clear()` it per iteration (capacity is kept); share a `BufferPool` where the loop spans functions.",
        )
    } else if (has("String::new(")
        || has("String::with_capacity(")
        || has(".to_string()")
        || has(".to_owned()")
        || has("String::from("))
        && looped
    {
        (
            "per-iteration `String` allocation",
            "Reuse one `String` buffer per loop (`clear()` + `push_str`/`write!`), or borrow `&str` where the value is only read.",
        )
    } else if has(".collect") && looped {
        (
            "intermediate `collect` in a loop",
            "Iterate lazily instead of collecting, or collect into a buffer reused across iterations (`extend` after `clear()`).",
        )
    } else if f.category == Category::UnnecessaryClone && has(".clone()") {
        (
            "`.clone()` where a borrow suffices",
            "Pass `&T` (or `Cow<'_, T>` where ownership is sometimes needed) through the call chain instead of cloning at each call site.",
        )
    } else if f.category == Category::HeapAvoidable && (has("Box<") || has("Box::new(")) {
        (
            "small value boxed",
            "Store the value inline (or in a `SmallVec`/array) and box only where size or recursion require it.",
        )
    } else if f.category == Category::HeapAvoidable && (has("Vec<") || has("vec![")) {
        (
            "small bounded `Vec`",
            "Use `SmallVec<[T; N]>` (or an array) sized for the common case.",
        )
    } else {
        return (
            format!("{} ({})", f.category.description(), f.category),
            default_fix(f.category).to_owned(),
        );
    };
    (pattern.to_owned(), fix.to_owned())
}

fn default_fix(c: Category) -> &'static str {
    match c {
        Category::ArenaCandidate => {
            "Introduce one arena (`bumpalo::Bump`) per unit of work and allocate the batch from it."
        }
        Category::UnnecessaryClone => {
            "Borrow instead of cloning; use `Cow` where ownership is occasional."
        }
        Category::HeapAvoidable => {
            "Keep small fixed-size data inline (`SmallVec`, arrays, `ArrayString`)."
        }
        Category::LifetimeExtension => {
            "Drop large values before `.await` and bound caches with eviction."
        }
        Category::CacheHostile => {
            "Split hot and cold fields; iterate structs-of-arrays in batch code."
        }
        Category::AllocationLoop => "Hoist allocations out of loops and reuse cleared buffers.",
    }
}

fn recommendations(input: &CoordinatorInput) -> Vec<Recommendation> {
    let mut groups: BTreeMap<(Category, String), (String, Vec<&Finding>)> = BTreeMap::new();
    for r in input.records {
        if rejected(r, input.earlier_rounds) || r.state == FindingState::Fixed {
            continue;
        }
        let (pattern, fix) = shape(&r.finding);
        groups
            .entry((r.finding.category, pattern))
            .or_insert_with(|| (fix, Vec::new()))
            .1
            .push(&r.finding);
    }
    let mut out: Vec<Recommendation> = groups
        .into_iter()
        .filter(|(_, (_, fs))| fs.len() >= PATTERN_MIN)
        .map(|((category, pattern), (fix, mut fs))| {
            fs.sort_by(|a, b| id_key(&a.id).cmp(&id_key(&b.id)));
            let mut locations: Vec<String> = fs.iter().map(|f| f.location()).collect();
            locations.sort();
            locations.dedup();
            Recommendation {
                pattern,
                category,
                finding_ids: fs.iter().map(|f| f.id.clone()).collect(),
                locations,
                unified_fix: fix,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.finding_ids
            .len()
            .cmp(&a.finding_ids.len())
            .then(a.category.cmp(&b.category))
            .then(a.pattern.cmp(&b.pattern))
    });
    out
}

fn by_crate(input: &CoordinatorInput) -> Vec<CrateFindings> {
    let mut crates: BTreeMap<&str, Vec<&FindingRecord>> = BTreeMap::new();
    for r in input.records {
        crates
            .entry(r.finding.crate_name.as_str())
            .or_default()
            .push(r);
    }
    let mut out: Vec<CrateFindings> = crates
        .into_iter()
        .map(|(name, mut records)| {
            let from_scope = input
                .scope
                .and_then(|s| s.crates.iter().find(|c| c.name == name))
                .map(|c| c.priority);
            let priority = from_scope.unwrap_or_else(|| {
                records
                    .iter()
                    .map(|r| r.finding.priority)
                    .min()
                    .unwrap_or(Priority::P3)
            });
            records.sort_by(|a, b| id_key(&a.finding.id).cmp(&id_key(&b.finding.id)));
            CrateFindings {
                crate_name: name.to_owned(),
                priority,
                findings: records
                    .iter()
                    .map(|r| CrateFindingLine {
                        finding_id: r.finding.id.clone(),
                        summary: r.finding.summary().to_owned(),
                        verdict: verdict_of(r),
                        state: r.state,
                    })
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.priority, &a.crate_name).cmp(&(b.priority, &b.crate_name)));
    out
}

fn deferred(input: &CoordinatorInput) -> Vec<Deferred> {
    let mut out = Vec::new();
    for r in input.records {
        if r.state == FindingState::Fixed {
            continue;
        }
        let f = &r.finding;
        let decision = decision_of(r, input.earlier_rounds);
        let reason = match (decision, verdict_of(r)) {
            (Some(DecisionKind::Defer), _) => {
                let d = r.decision.as_ref();
                let note = d.map(|d| d.note.trim()).filter(|n| !n.is_empty());
                let until = d
                    .and_then(|d| {
                        d.defer_until_round
                            .map(|n| format!(" until round {n}"))
                            .or_else(|| d.defer_until_date.as_ref().map(|t| format!(" until {t}")))
                    })
                    .unwrap_or_default();
                Some(match note {
                    Some(n) => format!("deferred by the user{until}: {n}"),
                    None => format!("deferred by the user{until}"),
                })
            }
            (Some(k), _) if k.is_rejection() || k == DecisionKind::Implement => None,
            (None, Some(Verdict::NeedsWork)) => {
                let first = r
                    .validation
                    .as_ref()
                    .and_then(|v| v.issues.first())
                    .map(|i| i.description.clone())
                    .unwrap_or_else(|| "the Validator asked for more work".to_owned());
                Some(format!("NEEDS_WORK: {first}"))
            }
            (_, Some(Verdict::Approved)) if f.impact.level == Level::Low => Some(format!(
                "LOW impact ({})",
                if f.impact.unit.is_empty() {
                    "small saving".to_owned()
                } else {
                    format!("per {}", f.impact.unit)
                }
            )),
            _ => None,
        };
        if let Some(reason) = reason {
            out.push(Deferred {
                finding_id: f.id.clone(),
                reason,
            });
        }
    }
    out.sort_by(|a, b| id_key(&a.finding_id).cmp(&id_key(&b.finding_id)));
    out
}

/// Crates of priority ≤ P1 that no round analysed: outside the priority
/// filter, or with no files the analysis could read.
fn unanalysed_crates(scope: &Scope, max: Priority) -> Vec<(&str, Priority, String)> {
    let mut out: Vec<_> = scope
        .crates
        .iter()
        .filter(|c| c.priority <= max)
        .filter_map(|c| {
            if !scope.priority_filter.admits(c.priority) {
                Some((
                    c.name.as_str(),
                    c.priority,
                    format!(
                        "outside the priority filter `{}`",
                        scope.priority_filter.as_str()
                    ),
                ))
            } else if let Some(e) = &c.error {
                Some((
                    c.name.as_str(),
                    c.priority,
                    format!("its manifest could not be read: {e}"),
                ))
            } else if c.files.is_empty() {
                Some((
                    c.name.as_str(),
                    c.priority,
                    "no source files in scope".to_owned(),
                ))
            } else {
                None
            }
        })
        .collect();
    out.sort();
    out
}

fn next_focus(input: &CoordinatorInput) -> Vec<String> {
    let mut out = Vec::new();
    let mut focus: Vec<&FocusRequest> = input.focus.iter().collect();
    focus.sort_by_key(|f| f.to_string());
    focus.dedup();
    for f in focus {
        out.push(format!("User request: look deeper at {f}"));
    }
    if let Some(scope) = input.scope {
        for (name, p, why) in unanalysed_crates(scope, Priority::P1) {
            out.push(format!("Analyse crate `{name}` ({p}): {why}"));
        }
    }
    let mut needs: BTreeMap<Category, Vec<&str>> = BTreeMap::new();
    for r in input.records {
        if awaiting_rework(r, input.earlier_rounds) {
            needs
                .entry(r.finding.category)
                .or_default()
                .push(&r.finding.id);
        }
    }
    for (category, mut ids) in needs {
        ids.sort_by_key(|id| id_key(id));
        out.push(format!(
            "Rework {} NEEDS_WORK finding(s) in {category}: {}",
            ids.len(),
            ids.join(", ")
        ));
    }
    out
}

/// The workflow spec's termination criteria (5.3), evaluated: all P0 crates
/// analysed, no new HIGH-impact finding in the last round, no findings
/// awaiting rework (NEEDS_WORK without decision), actionable report generated
/// (≥1 approved or all decided), user satisfied (terminated by the user) —
/// each with met + detail.
pub fn termination(input: &CoordinatorInput) -> Vec<Criterion> {
    let earlier = input.earlier_rounds;
    let mut out = Vec::new();

    out.push(match input.scope {
        None => Criterion {
            name: "All P0 crates analysed".to_owned(),
            met: false,
            detail: "no scope was given, so the P0 crates are unknown".to_owned(),
        },
        Some(scope) => {
            let p0: Vec<&str> = scope
                .crates
                .iter()
                .filter(|c| c.priority == Priority::P0)
                .map(|c| c.name.as_str())
                .collect();
            let missing = unanalysed_crates(scope, Priority::P0);
            Criterion {
                name: "All P0 crates analysed".to_owned(),
                met: missing.is_empty(),
                detail: if !missing.is_empty() {
                    missing
                        .iter()
                        .map(|(n, _, why)| format!("`{n}` not analysed: {why}"))
                        .collect::<Vec<_>>()
                        .join("; ")
                } else if p0.is_empty() {
                    "the scope has no P0 crate".to_owned()
                } else {
                    format!("{} P0 crate(s) analysed: {}", p0.len(), p0.join(", "))
                },
            }
        }
    });

    let seen = earlier_fingerprints(earlier, input.round);
    let mut new_high: Vec<&str> = input
        .records
        .iter()
        .filter(|r| is_new(r, &seen) && r.finding.impact.level == Level::High)
        .filter(|r| !rejected(r, earlier))
        .map(|r| r.finding.id.as_str())
        .collect();
    new_high.sort_by_key(|id| id_key(id));
    out.push(Criterion {
        name: "No new HIGH-impact findings in the last round".to_owned(),
        met: new_high.is_empty(),
        detail: if new_high.is_empty() {
            format!("round {} found no new HIGH-impact finding", input.round)
        } else {
            format!(
                "round {} found {} new HIGH-impact finding(s): {}",
                input.round,
                new_high.len(),
                new_high.join(", ")
            )
        },
    });

    let mut rework: Vec<&str> = input
        .records
        .iter()
        .filter(|r| awaiting_rework(r, earlier))
        .map(|r| r.finding.id.as_str())
        .collect();
    rework.sort_by_key(|id| id_key(id));
    out.push(Criterion {
        name: "No findings awaiting rework".to_owned(),
        met: rework.is_empty(),
        detail: if rework.is_empty() {
            "every NEEDS_WORK finding has a decision".to_owned()
        } else {
            format!(
                "{} NEEDS_WORK finding(s) without a decision: {}",
                rework.len(),
                rework.join(", ")
            )
        },
    });

    let approved = input
        .records
        .iter()
        .filter(|r| actionable(r, earlier))
        .count();
    let undecided = input
        .records
        .iter()
        .filter(|r| verdict_of(r) != Some(Verdict::Rejected) && decision_of(r, earlier).is_none())
        .count();
    out.push(Criterion {
        name: "Actionable report generated".to_owned(),
        met: approved > 0 || undecided == 0,
        detail: if approved > 0 {
            format!("{approved} approved finding(s) ready to implement")
        } else if undecided == 0 {
            "every finding is rejected or decided".to_owned()
        } else {
            format!("no approved finding and {undecided} undecided")
        },
    });

    let terminated = earlier
        .iter()
        .filter(|r| matches!(r.decision, Some(RoundDecision::Terminate { .. })))
        .map(|r| r.number)
        .max();
    out.push(Criterion {
        name: "User satisfied with coverage".to_owned(),
        met: terminated.is_some(),
        detail: match terminated {
            Some(n) => format!("the user terminated the session in round {n}"),
            None => "the user has not terminated the session".to_owned(),
        },
    });
    out
}

/// Builds the round's report (workflow spec 2.3). Deterministic.
pub fn coordinate(input: &CoordinatorInput) -> Report {
    Report {
        round: input.round,
        summary: summary(input),
        quick_wins: quick_wins(input),
        recommendations: recommendations(input),
        by_crate: by_crate(input),
        deferred: deferred(input),
        next_focus: next_focus(input),
        termination: termination(input),
        verified: input.verified.to_vec(),
        // The LLM Coordinator, when chosen, adds its synthesis afterwards.
        synthesis: None,
    }
}

/// status.md counts for a session from its rounds. Counts are for the
/// latest round; a finding without its own decision takes the latest
/// decision on its fingerprint from an earlier round.
pub fn status(session: &str, rounds: &[RoundRecord]) -> Status {
    let mut s = Status {
        session: session.to_owned(),
        rounds: u32::try_from(rounds.len()).unwrap_or(u32::MAX),
        ..Status::default()
    };
    let Some(current) = rounds.iter().max_by_key(|r| r.number) else {
        return s;
    };
    s.current_round = current.number;
    s.round_status = current.status.as_str().to_owned();
    let earlier: Vec<RoundRecord> = rounds
        .iter()
        .filter(|r| r.number < current.number)
        .cloned()
        .collect();
    for r in &current.findings {
        s.total_findings += 1;
        match verdict_of(r) {
            Some(Verdict::Approved) => s.approved += 1,
            Some(Verdict::NeedsWork) => s.needs_work += 1,
            Some(Verdict::Rejected) => s.rejected += 1,
            None => {}
        }
        match r.state {
            FindingState::New => s.new += 1,
            FindingState::Persisting => s.persisting += 1,
            FindingState::Fixed => s.fixed += 1,
            FindingState::Stale => s.stale += 1,
        }
        match decision_of(r, &earlier) {
            Some(DecisionKind::Implement) => s.decided_implement += 1,
            Some(DecisionKind::Defer) => s.decided_defer += 1,
            Some(k) if k.is_rejection() => s.decided_reject += 1,
            _ => s.undecided += 1,
        }
    }
    s
}

#[cfg(test)]
mod tests;
