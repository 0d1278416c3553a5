//! The report's headline figures, each with its unit and its basis:
//! measured from the session's newest heap profile where there is one,
//! otherwise the Analyst's estimates labelled as such, otherwise "—" with the
//! reason. Front ends show [`Figure`]s as given, so the app, `report.md` and
//! the exports say the same thing about every number.
//!
//! Plain text only (the render crate turns it into markdown); deterministic.

use memaudit_model::{Basis, Figure, MeasuredSummary};

/// What the summary pass counted, the inputs of the figures.
#[derive(Debug, Default)]
pub(super) struct Tally {
    /// Actionable (approved, not decided away) findings.
    pub actionable: u32,
    /// Σ stated bytes and how many actionable findings stated one.
    pub bytes: Option<u64>,
    pub bytes_stated: u32,
    /// Σ stated per-pass allocations and how many findings stated one.
    pub allocations: Option<u64>,
    pub allocations_stated: u32,
    /// Hot-path allocation counts: all not rejected, and the actionable part.
    pub hot_all: u64,
    pub hot_removed: u64,
    pub reduction_pct: Option<f64>,
}

const PROFILE: &str = "Profile a workload (`memaudit profile`) to measure it.";

/// The three headline figures: memory impact and allocation reduction (the
/// workflow spec's two, in its order), then allocations.
pub(super) fn figures(t: &Tally, measured: Option<&MeasuredSummary>) -> Vec<Figure> {
    match measured {
        Some(m) => vec![
            measured_memory(t, m),
            measured_reduction(m),
            measured_allocations(m),
        ],
        None => vec![
            estimated_memory(t),
            estimated_reduction(t),
            estimated_allocations(t),
        ],
    }
}

fn workload(m: &MeasuredSummary) -> String {
    let date = m
        .workload
        .measured_at
        .get(..10)
        .unwrap_or(&m.workload.measured_at);
    format!(
        "heap profile #{} of `{}` ({date})",
        m.workload.profile_id, m.workload.command
    )
}

fn measured_reduction(m: &MeasuredSummary) -> Figure {
    let base = Figure {
        key: "allocation_reduction".into(),
        label: "Allocation reduction".into(),
        value: None,
        unit: String::new(),
        kind: Basis::Measured,
        basis: String::new(),
        action: None,
    };
    match m.allocation_share_pct {
        Some(pct) => Figure {
            value: Some(format!("{pct:.1}%")),
            unit: format!(
                "of the {} allocations of the profiled run",
                count(m.run.allocations)
            ),
            basis: format!(
                "Measured by the {}: {} of the run's {} allocations are at the lines of {} approved {}. \
                 Assumes each fix removes its lines' allocations; `memaudit verify` re-measures a fix.",
                workload(m),
                count(m.allocations),
                count(m.run.allocations),
                m.findings,
                plural(m.findings, "finding", "findings")
            ),
            ..base
        },
        None => Figure {
            unit: "the profiled run allocated nothing".into(),
            kind: Basis::Unknown,
            basis: format!("The {} recorded no allocation at all.", workload(m)),
            action: Some("Profile a workload that exercises the audited code.".into()),
            ..base
        },
    }
}

fn measured_memory(t: &Tally, m: &MeasuredSummary) -> Figure {
    let base = Figure {
        key: "memory_impact".into(),
        label: "Memory impact".into(),
        value: None,
        unit: String::new(),
        kind: Basis::Measured,
        basis: String::new(),
        action: None,
    };
    match (m.at_peak_bytes, m.run.peak_live_bytes) {
        (Some(live), Some(peak)) => Figure {
            value: Some(size(live)),
            unit: format!("of the {} peak is at approved lines", size(peak)),
            basis: format!(
                "Measured by the {}: bytes allocated at the approved findings' lines that were live at the \
                 run's peak heap ({}). Fixing them lowers that peak by at most this much; allocations that \
                 die before the peak do not raise it.",
                workload(m),
                size(peak)
            ),
            ..base
        },
        _ => {
            let why = format!(
                "The {} records no live-bytes figures, only allocations.",
                workload(m)
            );
            match t.bytes {
                Some(b) => Figure {
                    value: Some(format!("~{}", size(b))),
                    unit: "saved at peak".into(),
                    kind: Basis::Estimated,
                    basis: format!(
                        "{why} Not measured: the sum of the byte savings stated by {} of {} approved {}.",
                        t.bytes_stated,
                        t.actionable,
                        plural(t.actionable, "finding", "findings")
                    ),
                    action: Some(
                        "Profile with DHAT's heap mode (`memaudit profile`) to measure it.".into(),
                    ),
                    ..base
                },
                None => Figure {
                    unit: "not in the profile".into(),
                    kind: Basis::Unknown,
                    basis: why,
                    action: Some(
                        "Profile with DHAT's heap mode (`memaudit profile`) to measure it.".into(),
                    ),
                    ..base
                },
            }
        }
    }
}

fn measured_allocations(m: &MeasuredSummary) -> Figure {
    Figure {
        key: "allocations".into(),
        label: "Allocations at approved lines".into(),
        value: Some(count(m.allocations)),
        unit: format!("in the profiled run, {}", size(m.bytes)),
        kind: Basis::Measured,
        basis: format!(
            "Measured by the {}: heap blocks allocated at the lines of {} approved {} over the whole run ({} in all).",
            workload(m),
            m.findings,
            plural(m.findings, "finding", "findings"),
            size(m.bytes)
        ),
        action: None,
    }
}

fn estimated_reduction(t: &Tally) -> Figure {
    let base = Figure {
        key: "allocation_reduction".into(),
        label: "Allocation reduction".into(),
        value: None,
        unit: String::new(),
        kind: Basis::Estimated,
        basis: String::new(),
        action: Some(PROFILE.into()),
    };
    match t.reduction_pct {
        Some(pct) => Figure {
            value: Some(format!("~{pct:.0}%")),
            unit: "of the allocations flagged in hot code".into(),
            basis: format!(
                "Not measured. Hot-path findings state {} {} per pass through their code; approved findings \
                 remove {} of them. Only what the audit flagged is counted, not the program's allocations: \
                 this is not the share of its allocations a program would lose.",
                count(t.hot_all),
                plural_u64(t.hot_all, "allocation", "allocations"),
                count(t.hot_removed)
            ),
            ..base
        },
        None => Figure {
            unit: "not estimated".into(),
            kind: Basis::Unknown,
            basis: "No hot-path finding states an allocation count, and the session has no heap profile."
                .into(),
            ..base
        },
    }
}

fn estimated_memory(t: &Tally) -> Figure {
    let base = Figure {
        key: "memory_impact".into(),
        label: "Memory impact".into(),
        value: None,
        unit: String::new(),
        kind: Basis::Estimated,
        basis: String::new(),
        action: Some(PROFILE.into()),
    };
    match t.bytes {
        Some(b) => Figure {
            value: Some(format!("~{}", size(b))),
            unit: "saved at peak".into(),
            basis: format!(
                "Not measured: the sum of the byte savings stated by {} of {} approved {}.",
                t.bytes_stated,
                t.actionable,
                plural(t.actionable, "finding", "findings")
            ),
            ..base
        },
        None => Figure {
            unit: "not estimated".into(),
            kind: Basis::Unknown,
            basis: "No approved finding states a byte saving, and the session has no heap profile."
                .into(),
            ..base
        },
    }
}

fn estimated_allocations(t: &Tally) -> Figure {
    let base = Figure {
        key: "allocations".into(),
        label: "Allocations removed per pass".into(),
        value: None,
        unit: String::new(),
        kind: Basis::Estimated,
        basis: String::new(),
        action: Some(PROFILE.into()),
    };
    match t.allocations {
        Some(n) => Figure {
            value: Some(format!("~{}", count(n))),
            unit: format!(
                "summed over {} approved {}",
                t.allocations_stated,
                plural(t.allocations_stated, "finding", "findings")
            ),
            basis: format!(
                "Each approved finding states the allocations one pass through its code (one loop iteration \
                 or call) would no longer make; this sums them over {} {}. Not a count over a run: how often \
                 each pass runs is unknown without a profile.",
                t.allocations_stated,
                plural(t.allocations_stated, "finding", "findings")
            ),
            ..base
        },
        None => Figure {
            unit: "not estimated".into(),
            kind: Basis::Unknown,
            basis: "No approved finding states an allocation count.".into(),
            ..base
        },
    }
}

fn plural(n: u32, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn plural_u64(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// `1234567` → `1,234,567`.
pub(super) fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes in binary units with one decimal above a KiB (`1.5 MiB`).
pub(super) fn size(b: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if b < 1024 {
        return format!("{b} B");
    }
    let mut v = b as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;
    use memaudit_model::{RunFigures, Workload};

    fn measured(at_peak: Option<u64>, peak: Option<u64>) -> MeasuredSummary {
        MeasuredSummary {
            workload: Workload {
                profile_id: 3,
                command: "cargo test -p csv".into(),
                measured_at: "2026-11-30T10:00:00Z".into(),
            },
            run: RunFigures {
                allocations: 200_000,
                bytes: 9_000_000,
                peak_live_bytes: peak,
            },
            findings: 2,
            allocations: 5_000,
            bytes: 80_000,
            allocation_share_pct: Some(2.5),
            at_peak_bytes: at_peak,
        }
    }

    #[test]
    fn numbers_read_with_separators_and_binary_units() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(size(1023), "1023 B");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(3 * 1024 * 1024), "3.0 MiB");
    }

    #[test]
    fn every_figure_without_a_value_says_why_and_what_would_measure_it() {
        for f in figures(&Tally::default(), None) {
            assert_eq!(f.value, None, "{}: nothing stated, nothing shown", f.key);
            assert_eq!(f.kind, Basis::Unknown);
            assert!(!f.unit.is_empty() && !f.basis.is_empty());
            assert!(f.action.is_some(), "{}: says how to measure it", f.key);
        }
    }

    #[test]
    fn estimates_say_they_are_estimates_and_count_only_what_was_flagged() {
        let t = Tally {
            actionable: 3,
            bytes: Some(4096),
            bytes_stated: 1,
            allocations: Some(2),
            allocations_stated: 2,
            hot_all: 10,
            hot_removed: 2,
            reduction_pct: Some(20.0),
        };
        let f = figures(&t, None);
        assert_eq!(f[1].value.as_deref(), Some("~20%"));
        assert_eq!(f[1].unit, "of the allocations flagged in hot code");
        assert!(f[1].basis.starts_with("Not measured."));
        assert!(f[1].basis.contains("state 10 allocations per pass"));
        assert_eq!(f[0].value.as_deref(), Some("~4.0 KiB"));
        assert!(f[0].basis.contains("1 of 3 approved findings"));
        assert_eq!(f[2].unit, "summed over 2 approved findings");
        assert!(f.iter().all(|f| f.kind == Basis::Estimated));
    }

    #[test]
    fn a_profile_turns_the_figures_into_measurements_of_a_named_workload() {
        let f = figures(
            &Tally::default(),
            Some(&measured(Some(2048), Some(1 << 20))),
        );
        assert!(f.iter().all(|f| f.kind == Basis::Measured));
        assert_eq!(f[1].value.as_deref(), Some("2.5%"));
        assert_eq!(f[1].unit, "of the 200,000 allocations of the profiled run");
        assert!(f[1]
            .basis
            .contains("heap profile #3 of `cargo test -p csv` (2026-11-30)"));
        assert_eq!(f[0].value.as_deref(), Some("2.0 KiB"));
        assert_eq!(f[0].unit, "of the 1.0 MiB peak is at approved lines");
        assert_eq!(f[2].value.as_deref(), Some("5,000"));
    }

    #[test]
    fn a_profile_without_live_figures_leaves_memory_unknown_not_zero() {
        let f = figures(&Tally::default(), Some(&measured(None, None)));
        assert_eq!(f[0].value, None);
        assert_eq!(f[0].kind, Basis::Unknown);
        assert!(f[0].basis.contains("records no live-bytes figures"));
        let mut m = measured(None, None);
        m.allocation_share_pct = None;
        let f = figures(&Tally::default(), Some(&m));
        assert_eq!(f[1].value, None, "a run without allocations has no share");
    }
}
