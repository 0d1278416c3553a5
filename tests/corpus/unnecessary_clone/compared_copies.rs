//! Corpus: UNNECESSARY_CLONE, an owned copy made only to be compared
//! (`==`, `!=`, `<`, …): the comparison reads both sides by reference, so
//! the copy is dropped right after. `// expect: CATEGORY` marks the line a
//! finding must start on; `// expect-none` marks a look-alike that must
//! stay silent.

#[derive(Clone, PartialEq, PartialOrd)]
pub struct Version {
    pub parts: Vec<u64>,
}

pub struct Options {
    pub topic: Option<String>,
    pub name: String,
    pub current: Version,
}

fn parse(s: &str) -> String {
    s.trim().to_lowercase()
}

// ---- positives ----

pub fn topic_is_config(o: &Options) -> bool {
    o.topic == Some("config".to_owned()) // expect: UNNECESSARY_CLONE
}

pub fn named(o: &Options, name: &str) -> bool {
    o.name == name.to_string() // expect: UNNECESSARY_CLONE
}

pub fn not_default(o: &Options, name: &str) -> bool {
    name.to_owned() != o.name // expect: UNNECESSARY_CLONE
}

pub fn newer(o: &Options, v: &Version) -> bool {
    v.clone() > o.current // expect: UNNECESSARY_CLONE
}

pub fn same_parts(o: &Options, parts: &[u64]) -> bool {
    o.current.parts == parts.to_vec() // expect: UNNECESSARY_CLONE
}

// ---- negatives ----

/// The compared value is computed, not a copy: the call is needed.
pub fn parsed_is(o: &Options, raw: &str) -> bool {
    o.name == parse(raw) // expect-none
}

/// A number rendered as text: no borrowed text to compare instead.
pub fn count_is_zero(n: u64) -> bool {
    n.to_string() == "0" // expect-none
}

/// The copy is kept, not only compared.
pub fn remember(o: &Options, seen: &mut Vec<String>) -> bool {
    let copy = o.name.clone(); // expect-none
    let fresh = copy != "x";
    seen.push(copy);
    fresh
}

/// An empty literal made a `String` allocates nothing.
pub fn no_topic(o: &Options) -> bool {
    o.topic == Some("".to_string()) // expect-none
}
