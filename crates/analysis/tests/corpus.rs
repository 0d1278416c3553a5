//! Runs the built-in Analyst over `tests/corpus/<category>/*.rs` and scores
//! it against the inline expectations: `// expect: CATEGORY[, CATEGORY]` on
//! the line a finding must start on, `// expect-none` on look-alikes that
//! must stay silent. Prints precision and recall per category (always, as a
//! compact table) and fails when any category falls below 0.9.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use memaudit_analysis::{analyze_source, Category, FileContext};

#[derive(Default)]
struct Tally {
    tp: u32,
    fp: u32,
    fn_: u32,
    positives: u32,
    negatives: u32,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

fn expectations(line: &str) -> Vec<Category> {
    let Some(i) = line.find("// expect:") else {
        return Vec::new();
    };
    line[i + "// expect:".len()..]
        .split(',')
        .filter_map(|c| c.trim().parse().ok())
        .collect()
}

#[test]
fn corpus_precision_and_recall() {
    let mut tallies: BTreeMap<Category, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let dir_cat: Category = dir
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .parse()
            .expect("corpus folders are named after a category");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        {
            let source = std::fs::read_to_string(&file).unwrap();
            let rel = format!(
                "src/corpus/{}",
                file.strip_prefix(corpus_dir()).unwrap().display()
            );
            let all = analyze_source(&rel, &source, &FileContext::new("corpus"))
                .unwrap_or_else(|e| panic!("corpus file must analyse: {e}"));
            // Findings in test code are kept, marked cold with the reason;
            // the corpus scores the claims made about production code.
            let (in_tests, findings): (Vec<_>, Vec<_>) = all.into_iter().partition(|f| {
                f.reach
                    .as_ref()
                    .is_some_and(|r| r.cold == Some(memaudit_model::ColdKind::Test))
            });
            for f in &in_tests {
                assert!(
                    !f.reach.as_ref().is_some_and(|r| r.surfaces()),
                    "a finding in test code must never surface: {}",
                    f.location()
                );
            }
            let mut expected: Vec<(u32, Category)> = Vec::new();
            for (i, line) in source.lines().enumerate() {
                for c in expectations(line) {
                    expected.push((i as u32 + 1, c));
                }
                if line.contains("// expect-none") {
                    tallies.entry(dir_cat).or_default().negatives += 1;
                }
            }
            for &(line, c) in &expected {
                let t = tallies.entry(c).or_default();
                t.positives += 1;
                if findings
                    .iter()
                    .any(|f| f.category == c && f.line_start == line)
                {
                    t.tp += 1;
                } else {
                    t.fn_ += 1;
                    misses.push(format!("MISSED   {c} at {rel}:{line}"));
                }
            }
            for f in &findings {
                if !expected.contains(&(f.line_start, f.category)) {
                    tallies.entry(f.category).or_default().fp += 1;
                    misses.push(format!(
                        "SPURIOUS {} at {rel}:{} — {}",
                        f.category,
                        f.line_start,
                        f.summary()
                    ));
                }
            }
        }
    }
    println!("\ncategory             positives negatives   tp   fp   fn  precision  recall");
    let mut failed = Vec::new();
    for c in Category::ALL {
        let t = tallies.remove(&c).unwrap_or_default();
        let precision = if t.tp + t.fp == 0 {
            0.0
        } else {
            t.tp as f64 / (t.tp + t.fp) as f64
        };
        let recall = if t.tp + t.fn_ == 0 {
            0.0
        } else {
            t.tp as f64 / (t.tp + t.fn_) as f64
        };
        println!(
            "{:<20} {:>9} {:>9} {:>4} {:>4} {:>4} {:>10.2} {:>7.2}",
            c.as_str(),
            t.positives,
            t.negatives,
            t.tp,
            t.fp,
            t.fn_,
            precision,
            recall
        );
        if precision < 0.9 || recall < 0.9 {
            failed.push(format!("{c}: precision {precision:.2}, recall {recall:.2}"));
        }
        if t.negatives < 8 {
            failed.push(format!(
                "{c}: only {} negative cases in its corpus folder",
                t.negatives
            ));
        }
        if t.positives < 8 {
            failed.push(format!("{c}: only {} positive cases", t.positives));
        }
    }
    for m in &misses {
        println!("{m}");
    }
    assert!(
        failed.is_empty(),
        "corpus below the bar:\n{}",
        failed.join("\n")
    );
}
