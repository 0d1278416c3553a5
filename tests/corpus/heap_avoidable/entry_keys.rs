// A map key copied to the heap on every iteration before the lookup.

use std::collections::HashMap;

pub fn assign_ids(ids: &[&str]) -> HashMap<Vec<u8>, u32> {
    let mut known: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut next = 0;
    for id in ids {
        known.entry(id.as_bytes().to_vec()).or_insert_with(|| { // expect: HEAP_AVOIDABLE
            next += 1;
            next
        });
    }
    known
}

pub fn count_words(words: &[&str]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in words {
        let n = counts.entry(w.to_string()).or_insert(0); // expect: HEAP_AVOIDABLE
        *n += 1;
    }
    counts
}

pub fn tally(words: &[&str]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in words {
        *counts.entry(w.to_string()).or_insert(0) += 1; // expect: HEAP_AVOIDABLE
    }
    counts
}

pub fn count_owned(words: Vec<String>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in words {
        *counts.entry(w).or_insert(0) += 1; // expect-none: the key is moved, not copied
    }
    counts
}

pub fn first_key(word: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    counts.entry(word.to_string()).or_insert(1); // expect-none: once per call, not per element
    counts
}
