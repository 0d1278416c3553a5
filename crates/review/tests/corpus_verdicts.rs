//! The Validator on the detector corpus: the built-in Analyst runs over
//! `tests/corpus/<category>/*.rs` as in a round, and every finding whose
//! line is preceded by a `// verdict: VERDICT [rule-id]` comment must get
//! that verdict (and, when given, from that rule). Every marked line must
//! hold a finding. Prints the verdicts per rule.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use memaudit_analysis::{analyze_source, FileContext};
use memaudit_model::Verdict;
use memaudit_review::validator::validate_in_source;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// `// verdict: REJECTED value-escapes` → (REJECTED, Some("value-escapes")).
fn expectation(line: &str) -> Option<(Verdict, Option<String>)> {
    let rest = line.trim().strip_prefix("// verdict:")?.trim();
    let mut words = rest.split_whitespace();
    let verdict: Verdict = words.next()?.parse().ok()?;
    Some((verdict, words.next().map(str::to_owned)))
}

#[test]
fn marked_findings_get_their_verdicts() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut by_rule: BTreeMap<String, u32> = BTreeMap::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("a corpus folder reads")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        files.sort();
        for file in files {
            let source = std::fs::read_to_string(&file).expect("a corpus file reads");
            let lines: Vec<&str> = source.lines().collect();
            let marks: Vec<(u32, Verdict, Option<String>)> = lines
                .iter()
                .enumerate()
                .filter_map(|(i, l)| expectation(l).map(|(v, r)| (i as u32 + 2, v, r)))
                .collect();
            if marks.is_empty() {
                continue;
            }
            let rel = format!(
                "src/corpus/{}",
                file.strip_prefix(corpus_dir()).unwrap_or(&file).display()
            );
            let findings = analyze_source(&rel, &source, &FileContext::new("corpus"))
                .unwrap_or_else(|e| panic!("{rel} must analyse: {e}"));
            for (line, want, rule) in marks {
                let Some(f) = findings.iter().find(|f| f.line_start == line) else {
                    failures.push(format!("{rel}:{line}: no finding to judge"));
                    continue;
                };
                checked += 1;
                let v = validate_in_source(&source, f, None);
                let rules: Vec<String> = v
                    .issues
                    .iter()
                    .filter_map(|i| {
                        let at = i.description.rfind("[rule: ")?;
                        Some(i.description[at + 7..].trim_end_matches(']').to_owned())
                    })
                    .collect();
                let fired = rules
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "(approved)".to_owned());
                *by_rule.entry(format!("{} {fired}", v.verdict)).or_default() += 1;
                let rule_ok = rule.as_ref().is_none_or(|r| rules.contains(r));
                if v.verdict != want || !rule_ok {
                    failures.push(format!(
                        "{rel}:{line}: expected {want}{}, got {} {fired}: {}",
                        rule.map(|r| format!(" by {r}")).unwrap_or_default(),
                        v.verdict,
                        v.issues
                            .first()
                            .map(|i| i.description.as_str())
                            .unwrap_or("")
                    ));
                }
            }
        }
    }
    println!("\nverdict and rule              findings");
    for (k, n) in &by_rule {
        println!("{k:<30} {n:>8}");
    }
    assert!(
        failures.is_empty(),
        "the Validator must decide the corpus cases as marked:\n{}",
        failures.join("\n")
    );
    assert!(
        checked >= 20,
        "the corpus marks at least 20 findings, found {checked}"
    );
}
