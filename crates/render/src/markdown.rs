//! The workflow spec's markdown documents, rendered from the model:
//! `analyst.md` (spec 2.1), `validator.md` (2.2), `report.md` (2.3),
//! `status.md`, `decisions.md`, and one self-contained session export.
//!
//! Headings, bold labels, tables and checkbox lists follow the spec's output
//! formats to the letter, so that a reader (or a later workflow) who knows
//! the spec can parse them. Every piece is written by one function that takes
//! a heading offset, so the session export nests the same text one or two
//! levels deeper instead of keeping a second copy of each format.
//!
//! This module must not rank, count or judge findings (the Coordinator does
//! that), must not touch the file system, and must not print absolute paths:
//! the only one allowed is the workspace line of [`session_md`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use memaudit_model::{
    Assessment, Check, Decision, Evidence, Finding, FindingRecord, FindingState, QuickWin, Report,
    RoundDecision, RoundRecord, Scope, SessionExport, Status, Validation, Verdict,
};

use crate::evidence_md;

use crate::text::{block, bytes, cell, code_span, fence, heading, one_line};

/// Appends formatted text to a `String`. Writing to a `String` cannot fail,
/// so the `fmt::Result` is deliberately ignored.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// `round_001`-style number used in titles of the session folder.
fn round_dir(n: u32) -> String {
    format!("round_{n:03}")
}

// ---------------------------------------------------------------------------
// analyst.md
// ---------------------------------------------------------------------------

/// `round_NNN/analyst.md`: one `## Finding: F-001` section per finding in the
/// spec's format (2.1), under a short title naming the session and round.
pub fn analyst_md(session: &str, round: u32, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(1024 + findings.len() * 1024);
    out.push_str(&heading(1, &format!("Analyst Findings - Round {round}")));
    out.push('\n');
    w!(out, "**Session:** {}", one_line(session));
    w!(out, "**Round:** {} ({})", round, round_dir(round));
    w!(out, "**Findings:** {}", findings.len());
    if findings.is_empty() {
        out.push_str("\nNo findings in this round.\n");
    }
    for finding in findings {
        out.push('\n');
        write_finding(&mut out, 2, finding, &[]);
    }
    out
}

/// Whether a proposal reads as Rust code (fenced, as in the spec) rather
/// than prose (a paragraph). Proposals are "concrete code where possible",
/// but an LLM or a detector may also describe the change in words.
fn looks_like_code(s: &str) -> bool {
    s.lines().map(str::trim).any(|l| {
        l.ends_with(';')
            || l.ends_with('{')
            || l.ends_with('}')
            || l.starts_with("//")
            || l.starts_with("#[")
            || l.starts_with("let ")
            || l.starts_with("fn ")
            || l.starts_with("use ")
    })
}

/// One finding in the spec's format; `level` is the level of the
/// `Finding:` heading (2 in `analyst.md`). `extra` adds bold-label lines
/// after the spec's four (the session export adds state and fingerprint).
fn write_finding(out: &mut String, level: usize, f: &Finding, extra: &[(&str, String)]) {
    out.push_str(&heading(level, &format!("Finding: {}", f.id)));
    out.push('\n');
    w!(out, "**Category:** {}", f.category);
    w!(out, "**Location:** {}", code_span(&f.location()));
    w!(out, "**Confidence:** {}", f.confidence);
    w!(out, "**Safety:** {}", f.safety);
    for (label, value) in extra {
        w!(out, "**{label}:** {value}");
    }

    out.push('\n');
    out.push_str(&heading(level + 1, "Current Code"));
    out.push_str(&fence("rust", &f.code));

    out.push('\n');
    out.push_str(&heading(level + 1, "Issue"));
    w!(out, "{}", block(&f.issue, "Not described."));

    out.push('\n');
    out.push_str(&heading(level + 1, "Proposed Alternative"));
    if looks_like_code(&f.proposal) {
        out.push_str(&fence("rust", &f.proposal));
    } else {
        w!(out, "{}", block(&f.proposal, "None proposed."));
    }

    out.push('\n');
    out.push_str(&heading(level + 1, "Estimated Impact"));
    let per = if f.impact.unit.trim().is_empty() {
        String::new()
    } else {
        format!(" per {}", one_line(&f.impact.unit))
    };
    match f.impact.allocations_avoided {
        Some(n) => w!(out, "- Allocations avoided: ~{n}{per}"),
        None => w!(out, "- Allocations avoided: not estimated"),
    }
    match f.impact.bytes_saved {
        Some(n) => w!(out, "- Memory saved: ~{}{per}", bytes(n)),
        None => w!(out, "- Memory saved: not estimated"),
    }
    let applies = one_line(&f.impact.applies_to);
    if applies.is_empty() {
        w!(out, "- Applicable to: not stated");
    } else {
        w!(out, "- Applicable to: {applies}");
    }
    w!(out, "- Impact level: {}", f.impact.level);

    out.push('\n');
    out.push_str(&heading(level + 1, "Trade-offs"));
    let pros = f.tradeoffs.pros.iter().map(|p| ("Pro", p));
    let cons = f.tradeoffs.cons.iter().map(|c| ("Con", c));
    let mut any = false;
    for (label, text) in pros.chain(cons) {
        any = true;
        w!(out, "- {label}: {}", one_line(text));
    }
    if !any {
        w!(out, "- None stated.");
    }

    // The spec's example omits Prerequisites when there are none.
    if !f.prerequisites.is_empty() {
        out.push('\n');
        out.push_str(&heading(level + 1, "Prerequisites"));
        for p in &f.prerequisites {
            w!(out, "- [ ] Requires: {}", one_line(p));
        }
    }
}

// ---------------------------------------------------------------------------
// validator.md
// ---------------------------------------------------------------------------

/// `round_NNN/validator.md`: one `## Validation: F-001` section per
/// validation in the spec's format (2.2).
pub fn validator_md(session: &str, round: u32, validations: &[Validation]) -> String {
    let mut out = String::with_capacity(512 + validations.len() * 768);
    out.push_str(&heading(1, &format!("Validator Review - Round {round}")));
    out.push('\n');
    w!(out, "**Session:** {}", one_line(session));
    w!(out, "**Round:** {} ({})", round, round_dir(round));
    w!(out, "**Validations:** {}", validations.len());
    if validations.is_empty() {
        out.push_str("\nNo validations in this round.\n");
    }
    for v in validations {
        out.push('\n');
        write_validation(&mut out, 2, v);
    }
    out
}

fn check_line(label: &str, c: &Check) -> String {
    let evidence = one_line(&c.evidence);
    if evidence.is_empty() {
        format!("- {label}: {}", c.status.as_str())
    } else {
        format!("- {label}: {} - {evidence}", c.status.as_str())
    }
}

fn assessment_line(label: &str, a: &Assessment) -> String {
    let answer = a.answer.as_str();
    let evidence = one_line(&a.evidence);
    if evidence.is_empty() {
        format!("- {label}: {answer}")
    } else {
        format!("- {label}: {answer} - {evidence}")
    }
}

/// One validation in the spec's format; `level` is the level of the
/// `Validation:` heading.
fn write_validation(out: &mut String, level: usize, v: &Validation) {
    out.push_str(&heading(level, &format!("Validation: {}", v.finding_id)));
    out.push('\n');
    w!(out, "**Verdict:** {}", v.verdict);
    if !v.engine.trim().is_empty() {
        w!(out, "**Engine:** {}", one_line(&v.engine));
    }
    if let Some(score) = v.score {
        match v.score_reason.as_deref().map(one_line) {
            Some(reason) if !reason.is_empty() => w!(out, "**Score:** {score}/10 - {reason}"),
            _ => w!(out, "**Score:** {score}/10"),
        }
    }

    out.push('\n');
    out.push_str(&heading(level + 1, "Safety Analysis"));
    w!(out, "{}", check_line("Lifetime correctness", &v.lifetime));
    w!(out, "{}", check_line("Thread safety", &v.thread_safety));
    w!(
        out,
        "{}",
        check_line("No undefined behavior", &v.no_undefined_behavior)
    );

    out.push('\n');
    out.push_str(&heading(level + 1, "Impact Verification"));
    w!(
        out,
        "{}",
        assessment_line("Estimate plausible", &v.estimate_plausible)
    );
    w!(out, "{}", assessment_line("Actual hot path", &v.hot_path));
    w!(
        out,
        "{}",
        assessment_line("Complexity justified", &v.complexity_justified)
    );

    out.push('\n');
    out.push_str(&heading(level + 1, "Issues Found"));
    if v.issues.is_empty() {
        w!(out, "None.");
    }
    for issue in &v.issues {
        w!(
            out,
            "- **{}**: {}",
            one_line(&issue.id),
            one_line(&issue.description)
        );
        w!(out, "  - Risk: {}", one_line(&issue.risk));
        w!(out, "  - Suggestion: {}", one_line(&issue.suggestion));
    }

    out.push('\n');
    out.push_str(&heading(level + 1, "Conditions for Approval"));
    if v.conditions.is_empty() {
        w!(out, "None.");
    }
    // As in the spec's example, an approved finding's conditions are shown
    // as met; otherwise they are still open.
    let mark = if v.verdict == Verdict::Approved {
        "x"
    } else {
        " "
    };
    for c in &v.conditions {
        w!(out, "- [{mark}] {}", one_line(c));
    }

    if v.verdict == Verdict::Rejected || v.counterexample.is_some() {
        out.push('\n');
        out.push_str(&heading(level + 1, "Counterexample (if rejecting)"));
        let text = v.counterexample.as_deref().unwrap_or("");
        w!(out, "{}", block(text, "None given."));
    }
}

// ---------------------------------------------------------------------------
// report.md
// ---------------------------------------------------------------------------

/// `round_NNN/report.md`: the Coordinator's report in the spec's format
/// (2.3), followed by a "Termination Criteria" checkbox list (spec 5.3).
pub fn report_md(session: &str, report: &Report) -> String {
    let mut out = String::with_capacity(4096);
    write_report(&mut out, 2, Some(session), report, None, ReportLimits::ALL);
    out
}

/// How much of a report's long lists to write. Files and exports write all
/// of it; a screen that has its own findings table shows the first few of
/// each list and says how many more there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportLimits {
    /// Lines per crate under "Findings by Crate".
    pub per_crate: usize,
    /// Finding ids and locations per recommendation, and deferred findings.
    pub per_list: usize,
}

impl ReportLimits {
    pub const ALL: ReportLimits = ReportLimits {
        per_crate: usize::MAX,
        per_list: usize::MAX,
    };
}

/// [`report_md`] with long lists cut to `limits`, each cut list ending in
/// "… and N more".
pub fn report_md_limited(session: &str, report: &Report, limits: ReportLimits) -> String {
    let mut out = String::with_capacity(4096);
    write_report(&mut out, 2, Some(session), report, None, limits);
    out
}

/// The first `limit` items joined, plus "and N more" when some were cut.
fn joined_limited(items: &[String], limit: usize) -> String {
    let mut text = items
        .iter()
        .take(limit)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > limit {
        text.push_str(&format!(" … and {} more", items.len() - limit));
    }
    text
}

/// `records`, the round's findings, add the evidence: the Quick Wins table
/// gets its estimated and measured columns and an evidence list.
fn write_report(
    out: &mut String,
    level: usize,
    session: Option<&str>,
    r: &Report,
    records: Option<&[FindingRecord]>,
    limits: ReportLimits,
) {
    out.push_str(&heading(
        level,
        &format!("Memory Audit Report - Round {}", r.round),
    ));
    if let Some(session) = session {
        out.push('\n');
        w!(out, "**Session:** {}", one_line(session));
    }

    let s = &r.summary;
    out.push('\n');
    out.push_str(&heading(level + 1, "Executive Summary"));
    w!(out, "- Total findings: {}", s.total);
    w!(out, "- Approved (ready to implement): {}", s.approved);
    w!(out, "- Needs work: {}", s.needs_work);
    w!(out, "- Rejected: {}", s.rejected);
    let unvalidated = s
        .total
        .saturating_sub(s.approved + s.needs_work + s.rejected);
    if unvalidated > 0 {
        w!(out, "- Not yet validated: {unvalidated}");
    }
    w!(out, "- New this round: {}", s.new);
    if s.cold > 0 {
        w!(
            out,
            "- In cold code (tests, one-time setup, error paths, diagnostics): {} — kept with the reason, not counted above",
            s.cold
        );
    }
    if s.notes > 0 {
        w!(
            out,
            "- LOW notes (the proposal is only a sketch, or only trims spare capacity): {} — kept, not counted above",
            s.notes
        );
    }
    write_figures(out, s);
    if let Some(syn) = &r.synthesis {
        // The model's prose comes after the counts and is labelled as its
        // own: the figures above are the built-in Coordinator's.
        out.push('\n');
        w!(
            out,
            "{}",
            block(&syn.executive_summary, "(no summary given)")
        );
        out.push('\n');
        let dropped = if syn.discarded > 0 {
            format!(
                " {} item(s) of its answer cited findings that do not exist and were dropped.",
                syn.discarded
            )
        } else {
            String::new()
        };
        w!(
            out,
            "*Summary by the LLM Coordinator ({}); counts and rankings are the built-in Coordinator's.{dropped}*",
            one_line(&syn.engine)
        );
    }

    out.push('\n');
    out.push_str(&heading(level + 1, "Quick Wins (Implement First)"));
    if r.quick_wins.is_empty() {
        w!(out, "None this round.");
    } else if let Some(records) =
        records.filter(|recs| recs.iter().any(|rec| rec.evidence.is_some()))
    {
        // Only a session loaded with its evidence gets the columns: a
        // "—" must always come with its reason.
        write_quick_wins_with_evidence(out, r, records);
    } else {
        w!(out, "| ID | Location | Category | Impact | Effort |");
        w!(out, "|----|----------|----------|--------|--------|");
        for q in &r.quick_wins {
            w!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&q.finding_id),
                cell(&q.location),
                q.category,
                impact_cell(q),
                q.effort
            );
        }
    }
    write_top_five(out, r);

    out.push('\n');
    out.push_str(&heading(level + 1, "Architectural Recommendations"));
    if r.recommendations.is_empty() && llm_recs_empty(r) {
        w!(out, "None this round.");
    }
    for (i, rec) in r.recommendations.iter().enumerate() {
        let n = rec.locations.len().max(rec.finding_ids.len());
        let noun = if n == 1 { "location" } else { "locations" };
        w!(
            out,
            "{}. **{}**: Found in {n} {noun}.",
            i + 1,
            one_line(&rec.pattern)
        );
        w!(out, "   - Category: {}", rec.category);
        if !rec.finding_ids.is_empty() {
            w!(
                out,
                "   - Findings: {}",
                one_line(&joined_limited(&rec.finding_ids, limits.per_list))
            );
        }
        let locations: Vec<String> = rec
            .locations
            .iter()
            .take(limits.per_list)
            .map(|l| code_span(l))
            .collect();
        let mut text = locations.join(", ");
        if rec.locations.len() > limits.per_list {
            text.push_str(&format!(
                " … and {} more",
                rec.locations.len() - limits.per_list
            ));
        }
        w!(out, "   - Locations: {text}");
        w!(out, "   - Unified solution: {}", one_line(&rec.unified_fix));
    }
    let llm_recs = r
        .synthesis
        .as_ref()
        .filter(|syn| !syn.recommendations.is_empty());
    if let Some(syn) = llm_recs {
        out.push('\n');
        w!(
            out,
            "Cross-cutting patterns seen by the LLM Coordinator ({}):",
            one_line(&syn.engine)
        );
        out.push('\n');
        for (i, rec) in syn.recommendations.iter().enumerate() {
            let n = rec.finding_ids.len();
            let noun = if n == 1 { "finding" } else { "findings" };
            w!(
                out,
                "{}. **{}**: {n} {noun}.",
                i + 1,
                one_line(&rec.pattern)
            );
            w!(
                out,
                "   - Findings: {}",
                one_line(&rec.finding_ids.join(", "))
            );
            if !rec.locations.is_empty() {
                let locations: Vec<String> = rec.locations.iter().map(|l| code_span(l)).collect();
                w!(out, "   - Locations: {}", locations.join(", "));
            }
            w!(
                out,
                "   - Recommendation: {}",
                one_line(&rec.recommendation)
            );
        }
    }

    out.push('\n');
    out.push_str(&heading(level + 1, "Findings by Crate"));
    if r.by_crate.is_empty() {
        w!(out, "No findings.");
    }
    for c in &r.by_crate {
        out.push('\n');
        out.push_str(&heading(
            level + 2,
            &format!("{} ({})", c.crate_name, c.priority),
        ));
        if c.findings.len() > limits.per_crate {
            // Cut lists say so up front: the reader must not take the
            // first lines for the whole crate.
            w!(
                out,
                "_First {} of {} findings; the findings table lists all of them._\n",
                limits.per_crate,
                c.findings.len()
            );
        }
        for line in c.findings.iter().take(limits.per_crate) {
            let verdict = line.verdict.map_or("NOT_VALIDATED", Verdict::as_str);
            w!(
                out,
                "- {}: {} - {} ({})",
                one_line(&line.finding_id),
                one_line(&line.summary),
                verdict,
                line.state
            );
        }
    }

    out.push('\n');
    out.push_str(&heading(level + 1, "Deferred (Low ROI)"));
    if r.deferred.is_empty() {
        w!(out, "None.");
    }
    for d in r.deferred.iter().take(limits.per_list) {
        w!(
            out,
            "- {}: {}",
            one_line(&d.finding_id),
            one_line(&d.reason)
        );
    }
    if r.deferred.len() > limits.per_list {
        w!(out, "- … and {} more", r.deferred.len() - limits.per_list);
    }

    if !r.verified.is_empty() {
        // Measured before and after a fix: kept apart from the estimates.
        out.push('\n');
        out.push_str(&heading(level + 1, "Verified Savings (measured)"));
        w!(
            out,
            "| ID | Outcome | Allocations before | after | Bytes before | after |"
        );
        w!(
            out,
            "|----|---------|-------------------:|------:|-------------:|------:|"
        );
        for v in &r.verified {
            w!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&v.finding_id),
                cell(&v.outcome.replace('_', " ")),
                v.allocations_before,
                v.allocations_after,
                v.bytes_before,
                v.bytes_after
            );
        }
        for v in &r.verified {
            w!(
                out,
                "- {}: {}",
                one_line(&v.finding_id),
                one_line(&v.detail)
            );
        }
    }

    out.push('\n');
    out.push_str(&heading(level + 1, "Next Round Focus"));
    let llm_focus: &[String] = r.synthesis.as_ref().map_or(&[], |syn| &syn.next_focus);
    if r.next_focus.is_empty() && llm_focus.is_empty() {
        w!(out, "None.");
    }
    for f in &r.next_focus {
        w!(out, "- {}", one_line(f));
    }
    for f in llm_focus {
        w!(out, "- {} (suggested by the LLM Coordinator)", one_line(f));
    }

    out.push('\n');
    out.push_str(&heading(level + 1, "Termination Criteria"));
    if r.termination.is_empty() {
        w!(out, "Not evaluated.");
    }
    for c in &r.termination {
        let mark = if c.met { "x" } else { " " };
        let detail = one_line(&c.detail);
        if detail.is_empty() {
            w!(out, "- [{mark}] {}", one_line(&c.name));
        } else {
            w!(out, "- [{mark}] {} - {detail}", one_line(&c.name));
        }
    }
}

/// The headline figures, each with its unit and how it stands (measured,
/// estimate, or "—" with the reason), then a numbered note per figure with
/// its basis. Superscript numbers rather than footnote links: the app shows
/// this document under a hash router, where `#fn-1` would navigate away.
fn write_figures(out: &mut String, s: &memaudit_model::Summary) {
    const MARKS: [&str; 9] = ["¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"];
    if s.figures.is_empty() {
        // A report stored by an earlier memaudit: its figures had no basis
        // to show, so none is shown as a number.
        w!(
            out,
            "- Headline figures: — (this report predates measured and labelled figures; run the Coordinator again to compute them)"
        );
        return;
    }
    for (i, f) in s.figures.iter().enumerate() {
        let mark = MARKS.get(i).copied().unwrap_or("*");
        // The workflow spec's keys for estimates, so a manager reading
        // report.md finds them; a measurement is never called an estimate.
        let measured = f.kind == memaudit_model::Basis::Measured;
        let label = match (f.key.as_str(), measured) {
            ("memory_impact", false) => "Estimated memory impact",
            ("memory_impact", true) => "Measured memory impact",
            ("allocation_reduction", false) => "Estimated allocation reduction",
            ("allocation_reduction", true) => "Measured allocation reduction",
            _ => f.label.as_str(),
        };
        let stands = match f.kind {
            memaudit_model::Basis::Measured => "measured",
            memaudit_model::Basis::Estimated => "estimate, not measured",
            memaudit_model::Basis::Unknown => "not measured",
        };
        match &f.value {
            Some(v) => w!(
                out,
                "- {}: {} {} ({stands}){mark}",
                one_line(label),
                one_line(v),
                one_line(&f.unit)
            ),
            None => w!(
                out,
                "- {}: — ({}){mark}",
                one_line(label),
                one_line(&f.unit)
            ),
        }
    }
    out.push('\n');
    for (i, f) in s.figures.iter().enumerate() {
        let mark = MARKS.get(i).copied().unwrap_or("*");
        let action = f
            .action
            .as_deref()
            .map(|a| format!(" {}", one_line(a)))
            .unwrap_or_default();
        w!(out, "{mark} {}{action}", one_line(&f.basis));
    }
}

/// The first five quick wins in full: where, what the Validator said, the
/// gain with its unit, effort, and the edit as a diff (or the proposal in
/// words), so a lead can work through them without another screen.
fn write_top_five(out: &mut String, r: &Report) {
    let top: Vec<&QuickWin> = r
        .quick_wins
        .iter()
        .take(5)
        .filter(|q| !q.at.is_empty())
        .collect();
    if top.is_empty() {
        return;
    }
    out.push('\n');
    w!(out, "The first {} in full:", top.len());
    for (i, q) in top.iter().enumerate() {
        out.push('\n');
        w!(
            out,
            "**{}. {}** {} — {} · {} · effort {}",
            i + 1,
            one_line(&q.finding_id),
            code_span(&q.at),
            one_line(&q.summary),
            q.category,
            q.effort
        );
        w!(out, "- Validation: {}", one_line(&q.validation));
        w!(out, "- Gain: {}", one_line(&q.gain));
        match &q.diff {
            Some(diff) => {
                w!(out, "- Edit:");
                out.push('\n');
                out.push_str(&fence("diff", diff));
            }
            // Code on one line would turn its own `// …` comments into
            // a comment over the rest of it.
            None if q.proposal.trim().contains('\n') => {
                w!(out, "- Proposal:");
                out.push('\n');
                out.push_str(&fence("rust", q.proposal.trim()));
            }
            None => w!(out, "- Proposal: {}", one_line(&q.proposal)),
        }
    }
}

fn impact_cell(q: &QuickWin) -> String {
    if q.measured {
        format!("{} (measured)", q.impact)
    } else {
        q.impact.to_string()
    }
}

/// The Analyst's estimate in a table cell: "~N allocs per <unit>", or "—"
/// and why.
fn estimate_cell(f: &Finding) -> String {
    let per = if f.impact.unit.trim().is_empty() {
        String::new()
    } else {
        format!(" per {}", f.impact.unit)
    };
    let allocs = |n: u64| if n == 1 { "alloc" } else { "allocs" };
    match (f.impact.allocations_avoided, f.impact.bytes_saved) {
        (Some(n), Some(b)) => cell(&format!("~{n} {}, ~{}{per}", allocs(n), bytes(b))),
        (Some(n), None) => cell(&format!("~{n} {}{per}", allocs(n))),
        (None, Some(b)) => cell(&format!("~{}{per}", bytes(b))),
        (None, None) => evidence_md::missing("not estimated"),
    }
}

/// The Quick Wins table with the estimate beside the measurement, then each
/// quick win's evidence (the reason for every "—" is there).
fn write_quick_wins_with_evidence(out: &mut String, r: &Report, records: &[FindingRecord]) {
    let by_id: BTreeMap<&str, &FindingRecord> = records
        .iter()
        .map(|rec| (rec.finding.id.as_str(), rec))
        .collect();
    w!(
        out,
        "| ID | Location | Category | Impact | Effort | Estimated (Analyst) | Measured (heap profile) |"
    );
    w!(
        out,
        "|----|----------|----------|--------|--------|---------------------|-------------------------|"
    );
    for q in &r.quick_wins {
        let rec = by_id.get(q.finding_id.as_str());
        let estimate = rec.map_or_else(
            || evidence_md::missing("finding not in this round"),
            |rec| estimate_cell(&rec.finding),
        );
        let measured = evidence_md::measured_cell(rec.and_then(|rec| rec.evidence.as_ref()));
        w!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&q.finding_id),
            cell(&q.location),
            q.category,
            impact_cell(q),
            q.effort,
            estimate,
            measured
        );
    }
    let with_evidence: Vec<(&QuickWin, &FindingRecord, &Evidence)> = r
        .quick_wins
        .iter()
        .filter_map(|q| {
            let rec = *by_id.get(q.finding_id.as_str())?;
            Some((q, rec, rec.evidence.as_ref()?))
        })
        .collect();
    if with_evidence.is_empty() {
        return;
    }
    out.push('\n');
    w!(out, "Evidence behind the quick wins:");
    for (q, rec, e) in with_evidence {
        out.push('\n');
        w!(
            out,
            "**{}** ({})",
            one_line(&q.finding_id),
            code_span(&rec.finding.location())
        );
        out.push('\n');
        evidence_md::write_evidence(out, e, rec.finding.edit.is_some());
    }
}

fn llm_recs_empty(r: &Report) -> bool {
    r.synthesis
        .as_ref()
        .is_none_or(|syn| syn.recommendations.is_empty())
}

/// What stands in for `report.md` while a round has no report yet
/// (running, interrupted or failed before the Coordinator finished).
fn write_missing_report(out: &mut String, level: usize, round: &RoundRecord, workspace: &str) {
    out.push_str(&heading(
        level,
        &format!("Memory Audit Report - Round {}", round.number),
    ));
    out.push('\n');
    w!(
        out,
        "No report yet: the round is {}.",
        round.status.as_str().replace('_', " ")
    );
    if let Some(err) = &round.error {
        w!(out, "\n**Error:** {}", one_line(&scrub(err, workspace)));
    }
}

/// `report.md` for a round, or a placeholder saying why there is none.
/// The Quick Wins table carries the estimate beside what was measured, and
/// each quick win's evidence when the round's findings have it attached.
pub fn round_report_md(session: &str, round: &RoundRecord, workspace: &str) -> String {
    match &round.report {
        Some(report) => {
            let mut out = String::with_capacity(4096);
            write_report(
                &mut out,
                2,
                Some(session),
                report,
                Some(&round.findings),
                ReportLimits::ALL,
            );
            out
        }
        None => {
            let mut out = String::new();
            write_missing_report(&mut out, 2, round, workspace);
            out
        }
    }
}

// ---------------------------------------------------------------------------
// status.md
// ---------------------------------------------------------------------------

/// `status.md`: the counts as one two-column table whose keys are the
/// [`Status`] field names, so a workflow manager can read it back without
/// guessing (spec 8: "standard format parseable by manager").
pub fn status_md(status: &Status) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str(&heading(1, "Memory Audit Status"));
    out.push('\n');
    write_status_table(&mut out, status);
    out
}

fn write_status_table(out: &mut String, s: &Status) {
    let rows: [(&str, String); 16] = [
        ("session", cell(&s.session)),
        ("rounds", s.rounds.to_string()),
        ("current_round", s.current_round.to_string()),
        ("round_status", cell(&s.round_status)),
        ("total_findings", s.total_findings.to_string()),
        ("approved", s.approved.to_string()),
        ("needs_work", s.needs_work.to_string()),
        ("rejected", s.rejected.to_string()),
        ("new", s.new.to_string()),
        ("persisting", s.persisting.to_string()),
        ("fixed", s.fixed.to_string()),
        ("stale", s.stale.to_string()),
        ("decided_implement", s.decided_implement.to_string()),
        ("decided_defer", s.decided_defer.to_string()),
        ("decided_reject", s.decided_reject.to_string()),
        ("undecided", s.undecided.to_string()),
    ];
    w!(out, "| Key | Value |");
    w!(out, "|-----|-------|");
    for (key, value) in rows {
        w!(out, "| {key} | {value} |");
    }
}

// ---------------------------------------------------------------------------
// decisions.md
// ---------------------------------------------------------------------------

/// `decisions.md`: per round, the user's decision on each finding (id,
/// location, decision, note, date, defer-until) and the round decision
/// (continue with focus requests, or terminate).
pub fn decisions_md(export: &SessionExport) -> String {
    let mut out = String::with_capacity(2048);
    out.push_str(&heading(1, &format!("Decisions - {}", export.session.name)));
    let by_round = decisions_by_round(export);
    let mut numbers: BTreeSet<u32> = export.rounds.iter().map(|r| r.number).collect();
    numbers.extend(by_round.keys().copied());
    if numbers.is_empty() {
        out.push_str("\nNo rounds yet.\n");
    }
    for n in numbers {
        out.push('\n');
        out.push_str(&heading(2, &format!("Round {n}")));
        let round = export.rounds.iter().find(|r| r.number == n);
        write_round_decisions(&mut out, 3, round, by_round.get(&n).map(Vec::as_slice));
    }
    out
}

/// Every decision in the export once, grouped by the round it was taken in,
/// with the location of the finding it is about. A decision is recorded on
/// the finding in the round it was taken and may be repeated on later
/// rounds' records; it is listed once.
fn decisions_by_round(export: &SessionExport) -> BTreeMap<u32, Vec<(String, &Decision)>> {
    let mut seen = BTreeSet::new();
    let mut by_round: BTreeMap<u32, Vec<(String, &Decision)>> = BTreeMap::new();
    for round in &export.rounds {
        for record in &round.findings {
            if let Some(d) = &record.decision {
                if seen.insert((d.finding_id.as_str(), d.round, d.decided_at.as_str())) {
                    by_round
                        .entry(d.round)
                        .or_default()
                        .push((record.finding.location(), d));
                }
            }
        }
    }
    for list in by_round.values_mut() {
        list.sort_by(|a, b| a.1.finding_id.cmp(&b.1.finding_id));
    }
    by_round
}

fn until(d: &Decision) -> String {
    match (&d.defer_until_date, d.defer_until_round) {
        (Some(date), Some(round)) => format!("{} or round {round}", one_line(date)),
        (Some(date), None) => one_line(date),
        (None, Some(round)) => format!("round {round}"),
        (None, None) => String::new(),
    }
}

/// The date part of an RFC 3339 timestamp (what a reader needs in a table).
fn date_of(timestamp: &str) -> &str {
    match timestamp.get(..10) {
        Some(d) if d.bytes().all(|b| b.is_ascii_digit() || b == b'-') => d,
        _ => timestamp,
    }
}

fn write_round_decisions(
    out: &mut String,
    level: usize,
    round: Option<&RoundRecord>,
    decisions: Option<&[(String, &Decision)]>,
) {
    out.push('\n');
    out.push_str(&heading(level, "Finding Decisions"));
    match decisions {
        Some(list) if !list.is_empty() => {
            w!(out, "| ID | Location | Decision | Note | Date | Until |");
            w!(out, "|----|----------|----------|------|------|-------|");
            for (location, d) in list {
                w!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    cell(&d.finding_id),
                    cell(&code_span(location)),
                    d.kind,
                    cell(&d.note),
                    cell(date_of(&d.decided_at)),
                    cell(&until(d))
                );
            }
        }
        _ => w!(out, "No finding decisions in this round."),
    }
    if let Some(round) = round {
        let undecided: Vec<&str> = round
            .findings
            .iter()
            .filter(|r| r.decision.is_none() && r.state != FindingState::Fixed)
            .map(|r| r.finding.id.as_str())
            .collect();
        if !undecided.is_empty() {
            w!(out, "\n**Undecided:** {}", one_line(&undecided.join(", ")));
        }
    }

    out.push('\n');
    out.push_str(&heading(level, "Round Decision"));
    match round.and_then(|r| r.decision.as_ref()) {
        Some(RoundDecision::Continue { focus, note }) => {
            w!(out, "**Decision:** Continue");
            if !note.trim().is_empty() {
                w!(out, "**Note:** {}", one_line(note));
            }
            if !focus.is_empty() {
                w!(out, "\n**Focus requests:**\n");
                for f in focus {
                    w!(out, "- {}", one_line(&f.to_string()));
                }
            }
        }
        Some(RoundDecision::Terminate { note }) => {
            w!(out, "**Decision:** Terminate");
            if !note.trim().is_empty() {
                w!(out, "**Note:** {}", one_line(note));
            }
        }
        None => w!(out, "**Decision:** pending"),
    }
}

// ---------------------------------------------------------------------------
// The whole session in one document
// ---------------------------------------------------------------------------

/// Replaces the workspace's absolute path in free text (error messages,
/// warnings) with workspace-relative spelling, so an exported document does
/// not reveal where the code lived.
fn scrub(text: &str, workspace: &str) -> String {
    let ws = workspace.trim_end_matches(['/', '\\']);
    if ws.is_empty() {
        return text.to_owned();
    }
    text.replace(&format!("{ws}/"), "")
        .replace(&format!("{ws}\\"), "")
        .replace(ws, ".")
}

/// The whole session as one markdown document: identity, status counts,
/// scope, and for every round its report, findings with their verdicts, and
/// decisions. Readable on GitHub and self-contained (the code snippets are
/// included), so it can be pasted into planning docs and PRs.
pub fn session_md(export: &SessionExport) -> String {
    let info = &export.session;
    let ws = info.workspace.as_str();
    let mut out = String::with_capacity(8192 + export.rounds.len() * 8192);
    out.push_str(&heading(1, &format!("Memory Audit Session: {}", info.name)));
    out.push('\n');
    // The one absolute path allowed in rendered documents: where the audit ran.
    w!(out, "**Workspace:** {}", code_span(ws));
    w!(out, "**Created:** {}", one_line(&info.created_at));
    w!(out, "**Updated:** {}", one_line(&info.updated_at));
    w!(out, "**Status:** {}", one_line(&info.status));
    w!(out, "**Rounds:** {}", info.rounds);
    w!(out, "**Findings:** {}", info.findings);

    out.push('\n');
    out.push_str(&heading(2, "Status"));
    out.push('\n');
    write_status_table(&mut out, &export.status);

    if let Some(scope) = &export.scope {
        out.push('\n');
        write_scope(&mut out, 2, scope);
    }

    let by_round = decisions_by_round(export);
    for round in &export.rounds {
        out.push('\n');
        write_round(&mut out, round, ws, by_round.get(&round.number));
    }
    out
}

fn write_scope(out: &mut String, level: usize, scope: &Scope) {
    let ws = scope.workspace.as_str();
    out.push_str(&heading(level, "Scope"));
    out.push('\n');
    w!(out, "**Focus:** {}", scope.focus.as_str());
    w!(
        out,
        "**Priority filter:** {}",
        scope.priority_filter.as_str()
    );
    w!(out, "**Crates:** {}", scope.crates.len());
    w!(
        out,
        "**Files:** {}",
        scope.crates.iter().map(|c| c.files.len()).sum::<usize>()
    );
    if !scope.crates.is_empty() {
        out.push('\n');
        w!(out, "| Crate | Path | Priority | Score | Files |");
        w!(out, "|-------|------|----------|-------|-------|");
        for c in &scope.crates {
            w!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&c.name),
                cell(&code_span(&scrub(&c.path, ws))),
                c.priority,
                c.score,
                c.files.len()
            );
        }
    }
    let o = &scope.overrides;
    if !o.is_empty() {
        out.push('\n');
        out.push_str(&heading(level + 1, "Overrides"));
        for p in &o.include {
            w!(out, "- Include: {}", code_span(p));
        }
        for p in &o.exclude {
            w!(out, "- Exclude: {}", code_span(p));
        }
        for f in &o.force_priority {
            w!(
                out,
                "- Force priority: {}: {}",
                code_span(&f.pattern),
                f.priority
            );
        }
        if let Some(focus) = o.focus {
            w!(out, "- Focus: {}", focus.as_str());
        }
        if let Some(filter) = o.priority_filter {
            w!(out, "- Priority filter: {}", filter.as_str());
        }
    }
    if !scope.warnings.is_empty() {
        out.push('\n');
        out.push_str(&heading(level + 1, "Warnings"));
        for warning in &scope.warnings {
            w!(out, "- {}", one_line(&scrub(&warning.to_string(), ws)));
        }
    }
}

fn write_round(
    out: &mut String,
    round: &RoundRecord,
    ws: &str,
    decisions: Option<&Vec<(String, &Decision)>>,
) {
    out.push_str(&heading(2, &format!("Round {}", round.number)));
    out.push('\n');
    w!(out, "**Status:** {}", round.status.as_str());
    w!(out, "**Started:** {}", one_line(&round.started_at));
    if let Some(finished) = &round.finished_at {
        w!(out, "**Finished:** {}", one_line(finished));
    }
    if let Some(err) = &round.error {
        w!(out, "**Error:** {}", one_line(&scrub(err, ws)));
    }
    if !round.focus.is_empty() {
        let focus: Vec<String> = round.focus.iter().map(ToString::to_string).collect();
        w!(out, "**Focus requests:** {}", one_line(&focus.join(", ")));
    }

    if !round.role_runs.is_empty() {
        out.push('\n');
        out.push_str(&heading(3, "Role Runs"));
        w!(
            out,
            "| Role | Engine | Status | Duration | Tokens in | Tokens out | Cost (USD) |"
        );
        w!(
            out,
            "|------|--------|--------|----------|-----------|------------|------------|"
        );
        for run in &round.role_runs {
            let role = run.role.map_or("-", |r| r.as_str());
            let duration = run
                .duration_ms
                .map_or_else(|| "-".to_owned(), |ms| format!("{ms} ms"));
            let mut status = one_line(&run.status);
            if let Some(err) = &run.error {
                status = format!("{status}: {}", one_line(&scrub(err, ws)));
            }
            w!(
                out,
                "| {role} | {} | {} | {duration} | {} | {} | {:.4} |",
                cell(&run.engine),
                cell(&status),
                run.tokens_in,
                run.tokens_out,
                run.cost_usd
            );
        }
    }

    out.push('\n');
    match &round.report {
        Some(report) => write_report(
            out,
            3,
            None,
            report,
            Some(&round.findings),
            ReportLimits::ALL,
        ),
        None => write_missing_report(out, 3, round, ws),
    }

    out.push('\n');
    out.push_str(&heading(3, "Findings"));
    if round.findings.is_empty() {
        w!(out, "No findings in this round.");
    }
    for record in &round.findings {
        out.push('\n');
        write_record(out, 4, record);
    }

    out.push('\n');
    out.push_str(&heading(3, "Decisions"));
    write_round_decisions(out, 4, Some(round), decisions.map(Vec::as_slice));
}

/// A finding as it stands in a round: the finding, then its validation.
fn write_record(out: &mut String, level: usize, record: &FindingRecord) {
    let f = &record.finding;
    let mut extra = vec![
        ("State", record.state.as_str().to_owned()),
        (
            "Crate",
            format!("{} ({})", one_line(&f.crate_name), f.priority),
        ),
        ("Fingerprint", code_span(&f.fingerprint)),
    ];
    if let Some(d) = &record.decision {
        extra.push(("Decision", d.kind.as_str().to_owned()));
    }
    write_finding(out, level, f, &extra);
    out.push('\n');
    match &record.validation {
        Some(v) => write_validation(out, level, v),
        None => {
            out.push_str(&heading(level, &format!("Validation: {}", f.id)));
            w!(out, "\nNot validated.");
        }
    }
    if let Some(e) = &record.evidence {
        out.push('\n');
        out.push_str(&heading(level, &format!("Evidence: {}", f.id)));
        out.push('\n');
        evidence_md::write_evidence(out, e, f.edit.is_some());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposals_that_read_as_code_are_fenced() {
        let check = |input: &str, expected: bool| {
            assert_eq!(looks_like_code(input), expected, "input: {input:?}");
        };
        check("let mut buf = Vec::with_capacity(n);", true);
        check("for x in xs {\n    f(x)\n}", true);
        check("// reuse the buffer", true);
        check("Borrow the name instead of cloning it.", false);
        check("", false);
    }

    #[test]
    fn workspace_paths_are_scrubbed() {
        let check = |text: &str, ws: &str, expected: &str| {
            assert_eq!(
                scrub(text, ws),
                expected,
                "text: {text:?}, workspace: {ws:?}"
            );
        };
        check(
            "cannot read /w/a/src/x.rs: denied",
            "/w/a",
            "cannot read src/x.rs: denied",
        );
        check("cannot read /w/a: denied", "/w/a/", "cannot read .: denied");
        check("nothing to do", "", "nothing to do");
    }

    #[test]
    fn dates_are_cut_from_timestamps() {
        assert_eq!(date_of("2026-01-14T09:00:00Z"), "2026-01-14");
        assert_eq!(date_of("yesterday"), "yesterday", "non-dates are kept");
    }
}
