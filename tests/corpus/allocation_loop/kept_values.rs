//! Corpus: ALLOCATION_LOOP. Values handed straight to what keeps them: one
//! reused buffer cannot stand in for a `String` pushed, inserted, stored in
//! a field or yielded to a `collect()`, so the Analyst raises nothing there.
//! A `Vec` collected inside `flat_map` is walked and dropped: it is raised.

use std::collections::HashMap;

pub struct Label {
    pub id: u32,
    pub text: String,
}

// ---- positives ----

pub fn all_words(lines: &[String]) -> usize {
    lines
        .iter()
        .flat_map(|l| l.split(',').map(str::trim).collect::<Vec<_>>()) // expect: ALLOCATION_LOOP
        .filter(|w| !w.is_empty())
        .count()
}

// ---- negatives ----

pub fn pushed(ids: &[u32]) -> Vec<String> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(format!("id-{id}")); // expect-none
    }
    out
}

pub fn converted_and_pushed(dir: &str, names: &[&str]) -> Vec<(std::path::PathBuf, bool)> {
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        out.push((format!("{dir}/{name}").into(), false)); // expect-none
    }
    out
}

pub fn fields(ids: &[u32]) -> Vec<Label> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(Label {
            id: *id,
            text: format!("label {id}"), // expect-none
        });
    }
    out
}

pub fn yielded(ids: &[u32]) -> Vec<String> {
    ids.iter().map(|id| format!("#{id}")).collect() // expect-none
}

pub fn inserted(ids: &[u32]) -> HashMap<String, u32> {
    let mut m = HashMap::with_capacity(ids.len());
    for id in ids {
        m.insert(format!("k{id}"), *id); // expect-none
    }
    m
}

pub fn rows_of_words(lines: &[String]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| l.split(',').map(str::to_owned).collect()) // expect-none
        .collect()
}
