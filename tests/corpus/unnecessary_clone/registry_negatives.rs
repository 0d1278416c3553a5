//! Corpus: false positives found in registry code, kept as negatives.

fn to_camel_case(s: &str) -> String {
    s.to_owned()
}

// `.clone()` on a `&str` copies the reference (Inflector's is_camel_case).
pub fn is_camel_case(test_string: &str) -> bool {
    to_camel_case(&test_string.clone()) == test_string // expect-none
}

pub fn slice_ref(items: &[u32]) -> usize {
    let copy = items.clone(); // expect-none
    copy.len()
}

// Each iteration needs its own, modified copy (specta-typescript's tuple_dt).
pub fn locations(location: &Vec<String>, n: usize) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut element_location = location.clone(); // expect-none
        element_location.push(i.to_string()); // expect: ALLOCATION_LOOP
        out.push(element_location);
    }
    out
}
