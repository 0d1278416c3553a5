//! Corpus: ARENA_CANDIDATE, a local buffer declared before a loop, filled
//! in it and replaced by a new, empty collection on every pass, where
//! clearing it (or walking it with `drain(..)`) would keep one allocation
//! for the whole loop. `// expect: CATEGORY` marks the line a finding must
//! start on; `// expect-none` marks a look-alike that must stay silent.

pub struct Event {
    pub text: String,
    pub end: bool,
}

fn check(_text: &str, _at: usize) {}

fn emit(_line: &str) {}

// ---- positives ----

/// The pending texts are checked and dropped at every paragraph's end,
/// then a new list is grown for the next paragraph.
pub fn check_paragraphs(events: &[Event]) {
    let mut pending: Vec<(String, usize)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if e.end {
            for (text, at) in pending {
                check(&text, at);
            }
            pending = Vec::new(); // expect: ARENA_CANDIDATE
        } else {
            pending.push((e.text.clone(), i));
        }
    }
}

/// A line buffer emitted by reference, then replaced.
pub fn wrap(words: &[&str], width: usize) {
    let mut line = String::new();
    for w in words {
        if line.len() + w.len() > width {
            emit(&line);
            line = String::new(); // expect: ARENA_CANDIDATE
        }
        line.push_str(w);
        line.push(' ');
    }
    emit(&line);
}

/// A map of counts per group, read and replaced at every group's end.
pub fn group_counts(keys: &[(u32, bool)]) -> usize {
    let mut seen = std::collections::HashMap::new();
    let mut total = 0;
    for &(k, last) in keys {
        *seen.entry(k).or_insert(0) += 1;
        seen.insert(k + 1, 0);
        if last {
            total += seen.len();
            seen = std::collections::HashMap::new(); // expect: ARENA_CANDIDATE
        }
    }
    total
}

// ---- negatives ----

/// The filled batch is handed on: the next pass needs a buffer of its own.
pub fn batches(items: &[u32]) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for &x in items {
        if x > 0 {
            current.push(x);
        }
        if current.len() == 8 {
            out.push(current);
            current = Vec::new(); // expect-none
        }
    }
    out.push(current);
    out
}

/// Moved into a `let` and passed on later.
pub fn chunks(items: &[u32]) -> usize {
    let mut n = 0;
    let mut current = Vec::new();
    for &x in items {
        if x > 1 {
            current.push(x);
        }
        if x == 0 {
            let done = current;
            current = Vec::new(); // expect-none
            n += consume(done);
        }
    }
    n
}

fn consume(v: Vec<u32>) -> usize {
    v.len()
}

/// Reset in a loop that never fills it: nothing to keep.
pub fn never_filled(items: &[u32]) -> usize {
    let mut v: Vec<u32> = vec![1, 2];
    let mut n = 0;
    for &x in items {
        n += v.len() + x as usize;
        v = Vec::new(); // expect-none
    }
    n
}

/// Reset once, outside any loop.
pub fn once(items: &[u32]) -> usize {
    let mut v = Vec::new();
    for &x in items {
        if x > 0 {
            v.push(x);
        }
    }
    let n = v.len();
    v = Vec::new(); // expect-none
    n + v.len()
}
