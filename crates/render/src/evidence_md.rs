//! A finding's evidence in markdown: what a heap profile measured at its
//! lines and with which workload, the latest re-measurement of its fix, and
//! the compiler's check of its edit with the edit itself.
//!
//! Figures nobody measured are written as "—" with the reason, never as 0.
//! Pure text; the reasons themselves come from the API layer.

use memaudit_model::{Edit, Evidence, Measured, RunFigures, SiteFigures, VerificationEvidence};

use crate::text::{bytes, cell, code_span, fence, one_line};

/// "—" and why, for a figure that is not there.
pub(crate) fn missing(reason: &str) -> String {
    format!("— ({})", one_line(reason))
}

/// `2026-01-14` from an RFC 3339 timestamp (the text itself otherwise).
fn date(timestamp: &str) -> &str {
    timestamp
        .get(..10)
        .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-')
        .unwrap_or(timestamp)
}

fn live(v: Option<u64>, what: &str) -> String {
    match v {
        Some(b) => format!("{what} {}", bytes(b)),
        None => format!("{what} — (not recorded by the profile)"),
    }
}

fn site(s: &SiteFigures) -> String {
    format!(
        "{} allocations, {}, {}",
        s.allocations,
        bytes(s.bytes),
        live(s.max_live_bytes, "max live")
    )
}

fn run(r: &RunFigures) -> String {
    format!(
        "{} allocations, {}, {}",
        r.allocations,
        bytes(r.bytes),
        live(r.peak_live_bytes, "peak live")
    )
}

/// The measured cell of the Quick Wins table: short, the reason for a
/// missing figure is in the evidence list below the table.
pub(crate) fn measured_cell(evidence: Option<&Evidence>) -> String {
    match evidence.and_then(|e| e.measured.as_ref()) {
        Some(m) => format!(
            "{} allocs, {} (profile #{})",
            m.site.allocations,
            bytes(m.site.bytes),
            m.workload.profile_id
        ),
        None => "—".to_owned(),
    }
}

/// One line: the measurement with its workload, or "—" and why.
pub(crate) fn measured_line(e: &Evidence) -> String {
    match &e.measured {
        Some(m) => measured_text(m),
        None => missing(e.unmeasured.as_deref().unwrap_or("not measured")),
    }
}

fn measured_text(m: &Measured) -> String {
    format!(
        "{} at these lines — workload {} (profile #{}, {}); whole run: {}",
        site(&m.site),
        code_span(&m.workload.command),
        m.workload.profile_id,
        date(&m.workload.measured_at),
        run(&m.run)
    )
}

/// One line: the latest verification, or "—" and how to make one.
pub(crate) fn verification_line(e: &Evidence) -> String {
    match &e.verification {
        Some(v) => verification_text(v),
        None => missing("not verified; `memaudit verify` re-measures a fix"),
    }
}

fn profile_ref(id: Option<i64>) -> String {
    id.map_or_else(|| "?".to_owned(), |id| format!("#{id}"))
}

fn verification_text(v: &VerificationEvidence) -> String {
    format!(
        "{} ({}, profiles {} → {}): at these lines {} → {} allocations, {} → {}; whole run {} → {} allocations, {} → {}. {}",
        v.outcome.replace('_', " "),
        date(&v.verified_at),
        profile_ref(v.before_profile),
        profile_ref(v.after_profile),
        v.site_before.allocations,
        v.site_after.allocations,
        bytes(v.site_before.bytes),
        bytes(v.site_after.bytes),
        v.run_before.allocations,
        v.run_after.allocations,
        bytes(v.run_before.bytes),
        bytes(v.run_after.bytes),
        one_line(&v.detail)
    )
}

/// One line: the compiler's verdict on the edit, or "—" and why.
pub(crate) fn check_line(e: &Evidence, has_edit: bool) -> String {
    match &e.fix_check {
        Some(c) => format!(
            "{} — {} ({})",
            one_line(&c.check.summary()),
            code_span(&c.check.command),
            date(&c.checked_at)
        ),
        None if has_edit => missing("not checked; `memaudit check` compiles the edit"),
        None => missing("no edit: the proposal is a design change"),
    }
}

/// The edit as a diff of its hunks (the files themselves are not read
/// here): each hunk's original text, then its replacement.
pub(crate) fn edit_diff(edit: &Edit) -> String {
    fence("diff", &edit.diff())
}

/// The evidence list of one finding: measured, verification, fix check (with
/// the checked edit as a diff).
pub(crate) fn write_evidence(out: &mut String, e: &Evidence, has_edit: bool) {
    out.push_str(&format!("- **Measured:** {}\n", measured_line(e)));
    out.push_str(&format!("- **Verification:** {}\n", verification_line(e)));
    out.push_str(&format!("- **Fix check:** {}\n", check_line(e, has_edit)));
    if let Some(c) = &e.fix_check {
        out.push('\n');
        out.push_str(&format!(
            "Checked edit ({}):\n\n",
            cell(&c.check.edit.summary)
        ));
        out.push_str(&edit_diff(&c.check.edit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_figures_are_a_dash_with_the_reason() {
        let e = Evidence {
            unmeasured: Some("no heap profile of this session yet".into()),
            ..Evidence::default()
        };
        assert_eq!(measured_line(&e), "— (no heap profile of this session yet)");
        assert_eq!(measured_cell(Some(&e)), "—");
        assert!(verification_line(&e).starts_with("— ("));
        assert!(check_line(&e, false).contains("design change"));
        assert_eq!(
            live(None, "max live"),
            "max live — (not recorded by the profile)"
        );
        assert_eq!(
            live(Some(0), "max live"),
            "max live 0 bytes",
            "a measured zero stays"
        );
    }

    #[test]
    fn dates_are_cut_from_timestamps() {
        assert_eq!(date("2026-01-14T09:00:00Z"), "2026-01-14");
        assert_eq!(date("now"), "now");
    }
}
