//! Prints how long rendering takes for a large session (thousands of
//! findings): every markdown document, the HTML of the session export, JSON
//! and SARIF. Run with `cargo bench -p memaudit-render`. It prints figures;
//! it asserts nothing about time.

use std::time::Instant;

use memaudit_model::{finding_id, SessionExport};
use memaudit_render::{html, json, markdown, sarif};

#[path = "../tests/render/fixture.rs"]
#[allow(dead_code)]
mod fixture;

/// The fixture session with its latest round grown to `n` findings.
fn large_session(n: usize) -> SessionExport {
    let mut export = fixture::export();
    let last = export.rounds.len() - 1;
    let template = export.rounds[last].findings.clone();
    let mut records = Vec::with_capacity(n);
    for i in 0..n {
        let mut r = template[i % template.len()].clone();
        let id = finding_id(u32::try_from(i + 1).unwrap_or(u32::MAX));
        r.finding.id = id.clone();
        r.finding.fingerprint = format!("fp{i:08}");
        r.finding.file = format!("crates/c{}/src/m{}.rs", i % 40, i % 97);
        if let Some(v) = &mut r.validation {
            v.finding_id = id.clone();
        }
        if let Some(d) = &mut r.decision {
            d.finding_id = id;
        }
        records.push(r);
    }
    export.rounds[last].findings = records;
    export
}

fn time<T>(label: &str, bytes: impl Fn(&T) -> usize, f: impl Fn() -> T) {
    const RUNS: u32 = 5;
    let mut best = f64::MAX;
    let mut size = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed().as_secs_f64());
        size = bytes(&out);
    }
    println!(
        "{label:<28} {:>9.2} ms  {:>8.1} KiB  {:>7.1} MiB/s",
        best * 1e3,
        size as f64 / 1024.0,
        size as f64 / (1024.0 * 1024.0) / best
    );
}

fn main() {
    for n in [1_000, 5_000] {
        let export = large_session(n);
        let round = export.rounds.last().expect("the fixture has rounds");
        let findings: Vec<_> = round.findings.iter().map(|r| r.finding.clone()).collect();
        let validations: Vec<_> = round
            .findings
            .iter()
            .filter_map(|r| r.validation.clone())
            .collect();
        println!("-- {n} findings (best of 5 runs)");
        time("analyst_md", String::len, || {
            markdown::analyst_md("s", 2, &findings)
        });
        time("validator_md", String::len, || {
            markdown::validator_md("s", 2, &validations)
        });
        time("decisions_md", String::len, || {
            markdown::decisions_md(&export)
        });
        time("session_md", String::len, || markdown::session_md(&export));
        let md = markdown::session_md(&export);
        time("markdown_to_html(session)", String::len, || {
            html::markdown_to_html(&md)
        });
        time("session_json", String::len, || json::session_json(&export));
        time(
            "session_sarif",
            |s: &Result<String, _>| s.as_ref().map_or(0, String::len),
            || sarif::session_sarif(&export),
        );
    }
}
