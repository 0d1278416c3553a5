//! Where code runs hot, measured on real crates: every hot/cold label of
//! `tests/hotcold/labels.toml` against the priorities discovery gives the
//! crate (hot → P0/P1, cold → P3 or out of scope). Prints the table for the
//! tune and holdout halves and fails below 90% agreement overall.
//!
//! The crates are downloaded from static.crates.io (checked against their
//! sha256) into `target/corpus-cache` on first run.

use memaudit_corpus::hotcold;

#[test]
fn hot_and_cold_code_gets_the_right_side() {
    let (rows, outcomes) =
        hotcold::run(None).expect("the corpus crates can be fetched and discovered");
    println!("\n{}", hotcold::table(&rows));
    let wrong: Vec<_> = outcomes.iter().filter(|o| !o.agrees).collect();
    for o in &wrong {
        println!(
            "WRONG {:?} {} {} {} -> {:?}: {}",
            o.label.side, o.label.krate, o.label.file, o.label.item, o.got, o.reason
        );
    }
    let right = outcomes.iter().filter(|o| o.agrees).count();
    let share = right as f64 / outcomes.len().max(1) as f64;
    assert!(outcomes.len() >= 60, "at least 60 labels are judged");
    assert!(
        share >= 0.9,
        "{right}/{} labels on the right side ({share:.2}); the bar is 0.90",
        outcomes.len()
    );
}
