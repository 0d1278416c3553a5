//! Corpus: false positives found in registry code, kept as negatives.

pub enum Part {
    Text(String),
    Call(String, String),
}

pub enum Content {
    Text(String),
    Call(String, String),
}

// Values built per element flow into the output: they are not temporaries
// (rig-core's telemetry conversion).
pub fn parts(content: &[Content]) -> Vec<Part> {
    content
        .iter()
        .flat_map(|c| match c { // expect-none
            Content::Text(t) => vec![Part::Text(t.clone())],
            Content::Call(a, b) => vec![Part::Call(a.to_string(), b.to_string())], // expect: ALLOCATION_LOOP
        })
        .collect()
}
