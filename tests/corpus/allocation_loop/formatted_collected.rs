//! Corpus: ALLOCATION_LOOP, pieces formatted one by one into temporary
//! `String`s only to be collected into one `String`. `// expect: CATEGORY`
//! marks the line a finding must start on; `// expect-none` marks a
//! look-alike that must stay silent.

pub struct Block {
    pub lines: Vec<String>,
}

// ---- positives ----

impl Block {
    pub fn trimmed(&self) -> String {
        self.lines // expect: ALLOCATION_LOOP
            .iter()
            .map(|line| format!("{} ", line.trim_start()))
            .collect::<String>()
    }
}

pub fn listed(names: &[&str]) -> String {
    let out: String = names.iter().map(|n| format!("- {n}\n")).collect(); // expect: ALLOCATION_LOOP
    out
}

// ---- negatives ----

/// The pieces are kept: a `Vec<String>` is the point.
pub fn pieces(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| format!("- {n}")).collect::<Vec<String>>() // expect-none
}

/// Pieces borrowed, not formatted: nothing temporary.
pub fn joined(names: &[&str]) -> String {
    names.iter().map(|n| n.trim()).collect::<String>() // expect-none
}
