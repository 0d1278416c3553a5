//! Prints how fast the built-in Validator judges findings: a synthetic file
//! of N functions (each with a hot `format!` loop, an Arc clone moved into a
//! thread and an error-path allocation) and one finding per site.
//!
//! Run: `cargo run --release -p memaudit-review --example validate_bench -- 2000`

use std::time::Instant;

use memaudit_model::*;
use memaudit_review::validator::validate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let dir = std::env::temp_dir().join(format!("memaudit-review-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut src = String::from("use std::sync::Arc;\nuse std::thread;\n");
    let mut sites = Vec::new();
    for i in 0..n {
        let base = src.lines().count() as u32;
        src.push_str(&format!(
            "pub fn render_{i}(rows: &[String], shared: Arc<Vec<u8>>) -> Result<String, String> {{\n\
             \x20   let mut out = String::new();\n\
             \x20   for row in rows {{\n\
             \x20       let line = format!(\"{{row}}\\n\");\n\
             \x20       out.push_str(&line);\n\
             \x20       let s = shared.clone();\n\
             \x20       thread::spawn(move || s.len());\n\
             \x20       if row.is_empty() {{ return Err(format!(\"empty row in {i}\")); }}\n\
             \x20   }}\n\
             \x20   Ok(out)\n\
             }}\n"
        ));
        sites.push((
            base + 4,
            Category::AllocationLoop,
            "let line = format!(\"{row}\\n\");",
        ));
        sites.push((
            base + 6,
            Category::UnnecessaryClone,
            "let s = shared.clone();",
        ));
        sites.push((base + 8, Category::AllocationLoop, "return Err(format!("));
    }
    std::fs::write(dir.join("big.rs"), &src)?;
    let findings: Vec<Finding> = sites
        .iter()
        .enumerate()
        .map(|(k, (line, category, code))| Finding {
            id: finding_id(k as u32 + 1),
            fingerprint: format!("fp{k}"),
            category: *category,
            file: "big.rs".into(),
            line_start: *line,
            line_end: *line,
            crate_name: "bench".into(),
            priority: Priority::P0,
            item_path: "bench".into(),
            confidence: Confidence::High,
            safety: Safety::Safe,
            code: (*code).into(),
            issue: "x".into(),
            proposal: "buf.clear();".into(),
            impact: Impact {
                allocations_avoided: Some(1),
                level: Level::High,
                unit: "iteration".into(),
                ..Impact::default()
            },
            tradeoffs: Tradeoffs::default(),
            prerequisites: Vec::new(),
            source: FindingSource::Builtin,
            reach: None,
            edit: None,
        })
        .collect();
    let started = Instant::now();
    let out = validate(&dir, &findings, None);
    let elapsed = started.elapsed();
    let count = |v: Verdict| out.iter().filter(|x| x.verdict == v).count();
    println!(
        "{} lines, {} findings validated in {:.1} ms ({:.0} findings/s, {:.0} lines/s)",
        src.lines().count(),
        out.len(),
        elapsed.as_secs_f64() * 1000.0,
        out.len() as f64 / elapsed.as_secs_f64(),
        src.lines().count() as f64 / elapsed.as_secs_f64(),
    );
    println!(
        "verdicts: {} approved, {} needs work, {} rejected",
        count(Verdict::Approved),
        count(Verdict::NeedsWork),
        count(Verdict::Rejected)
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
