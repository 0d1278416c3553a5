//! Corpus: ALLOCATION_LOOP findings and the Validator's verdicts on them.
//! `// expect: CATEGORY` marks the line a finding must start on (the
//! Analyst's corpus); `// verdict: VERDICT [rule]` on the line before marks
//! how the Validator must decide it (crates/review/tests/corpus_verdicts.rs).

use std::collections::HashSet;
use std::fmt::Write as _;

pub struct Attrs {
    pub bold: String,
    pub labels: Vec<String>,
}

pub fn label(name: impl Into<String>) -> usize {
    name.into().len()
}

pub fn show(text: &str) -> usize {
    text.len()
}

impl Attrs {
    /// The formatted code is stored in a field: it must own its memory.
    pub fn update(&mut self, codes: &[u32]) {
        for c in codes {
            // verdict: REJECTED value-escapes
            self.bold = format!("\x1B[{}m", c); // expect: ALLOCATION_LOOP
        }
    }

    /// Each label is kept in the collection the closure feeds.
    pub fn relabel(&mut self, ids: &[u32]) {
        self.labels = ids
            .iter()
            // Kept by the `collect()`: not raised (a reused buffer cannot
            // stand in); the Validator's `value-escapes` has unit tests.
            .map(|i| format!("#{i}")) // expect-none
            .collect();
    }
}

/// Only lent to `show`: one buffer hoisted above the loop would do.
pub fn lent(ids: &[u32]) -> usize {
    let mut n = 0;
    for i in ids {
        // verdict: APPROVED
        n += show(&format!("#{i}")); // expect: ALLOCATION_LOOP
    }
    n
}

/// `label` takes `impl Into<String>`: given `&buf` it copies it anyway.
pub fn into_string(ids: &[u32]) -> usize {
    let mut n = 0;
    for i in ids {
        // verdict: REJECTED sink-copies
        n += label(format!("#{i}")); // expect: ALLOCATION_LOOP
    }
    n
}

/// Built once, lazily: the branch runs the first time only.
pub fn padded(text: &str, width: usize) -> usize {
    let mut pad: Option<String> = None;
    let mut n = 0;
    for c in text.chars() {
        if c == ' ' {
            if pad.is_none() {
                // Stored in `Some(..)`: not raised (`lazy-once` has unit tests).
                pad = Some(format!("{width} ")); // expect-none
            }
            n += pad.as_ref().map_or(0, |p| p.len());
        }
    }
    n
}

/// The `&str`s borrow from `source`, made anew in each iteration.
pub fn counts(paths: &[String]) -> usize {
    let mut n = 0;
    for p in paths {
        let source = std::fs::read_to_string(p).unwrap_or_default();
        // verdict: REJECTED loop-local-owner
        let lines: Vec<&str> = source.lines().collect(); // expect: ALLOCATION_LOOP
        n += lines.len();
        n += lines.iter().filter(|l| l.is_empty()).count();
    }
    n
}

/// Only counted: the iterator's `count()` needs no `Vec` and no hoisting,
/// so the borrows of `source` never leave the iteration.
pub fn line_counts(paths: &[String]) -> usize {
    let mut n = 0;
    for p in paths {
        let source = std::fs::read_to_string(p).unwrap_or_default();
        // verdict: APPROVED
        let lines: Vec<&str> = source.lines().collect(); // expect: ALLOCATION_LOOP
        n += lines.len();
    }
    n
}

/// A rayon chain collected to be walked: the `Vec` hands the parallel
/// results to the sequential loop.
pub fn parallel_lengths(rows: &[Vec<u32>]) -> usize {
    let lens = rows.par_iter().map(|r| r.len()).collect::<Vec<_>>(); // expect-none
    let mut n = 0;
    for l in lens {
        n += l;
    }
    n
}

/// A set per iteration: the proposal must keep it a set.
pub fn distinct(rows: &[Vec<u32>]) -> usize {
    let mut n = 0;
    for row in rows {
        // verdict: REJECTED proposal-type-mismatch
        let mut seen = HashSet::new(); // expect: ALLOCATION_LOOP
        for v in row {
            seen.insert(*v);
        }
        n += seen.len();
    }
    n
}

/// In one arm of a match: approved, with the gain said for that arm only.
pub fn arms(rows: &[String]) -> usize {
    let mut n = 0;
    for r in rows {
        match r.len() {
            0 => n += 1,
            // verdict: APPROVED
            _ => n += show(&format!("{r}!")), // expect: ALLOCATION_LOOP
        }
    }
    n
}

/// At most two words collected per row.
pub fn last_words(rows: &[String]) -> usize {
    let mut n = 0;
    for r in rows {
        // verdict: REJECTED tiny-collection
        let last = r.split_whitespace().rev().take(2).collect::<Vec<_>>(); // expect: ALLOCATION_LOOP
        n += last.len();
    }
    n
}

/// Kept by the collection it is pushed onto.
pub fn collected(ids: &[u32], out: &mut Vec<String>) {
    for i in ids {
        // verdict: REJECTED value-escapes
        let s = format!("#{i}"); // expect: ALLOCATION_LOOP
        out.push(s);
    }
}

/// Moved into a struct that is kept; the vector of them can be pre-sized.
pub fn rows(ids: &[u32]) -> Vec<Attrs> {
    // verdict: APPROVED
    let mut out = Vec::new(); // expect: ALLOCATION_LOOP
    for i in ids {
        out.push(Attrs {
            // A struct field keeps it: not raised.
            bold: format!("#{i}"), // expect-none
            labels: Vec::new(),
        });
    }
    out
}

/// Passed by value to a function this crate does not show.
pub fn external(ids: &[u32]) {
    for i in ids {
        // verdict: NEEDS_WORK callee-unknown
        emitter::emit(format!("#{i}")); // expect: ALLOCATION_LOOP
    }
}

/// Formatted by `println!`, which only borrows.
pub fn printed(ids: &[u32]) {
    for i in ids {
        // verdict: APPROVED
        let s = format!("#{i}"); // expect: ALLOCATION_LOOP
        println!("{s}");
    }
}

/// Borrows of the loop's own item, which outlives the loop: hoisting works.
pub fn fields(rows: &[String]) -> usize {
    let mut n = 0;
    for r in rows {
        // verdict: APPROVED
        let parts: Vec<&str> = r.split(',').collect(); // expect: ALLOCATION_LOOP
        n += parts.len();
    }
    n
}

/// A buffer filled and read within the iteration.
pub fn joined(rows: &[Vec<u32>]) -> usize {
    let mut n = 0;
    for row in rows {
        // verdict: APPROVED
        let mut line = String::new(); // expect: ALLOCATION_LOOP
        for v in row {
            let _ = write!(line, "{v},");
        }
        n += line.len();
    }
    n
}

/// Bound first, then stored: the Analyst does not follow the binding, the
/// Validator does.
pub fn lazily_padded(text: &str, width: usize) -> usize {
    let mut pad: Option<String> = None;
    let mut n = 0;
    for c in text.chars() {
        if c == ' ' {
            if pad.is_none() {
                // verdict: REJECTED value-escapes
                let p = format!("{width} "); // expect: ALLOCATION_LOOP
                pad = Some(p);
            }
            n += pad.as_ref().map_or(0, |p| p.len());
        }
    }
    n
}

/// A path joined per candidate only to ask the file system about it.
pub fn present(dir: &std::path::Path, names: &[String]) -> usize {
    let mut n = 0;
    for name in names {
        // verdict: REJECTED beside-fs-query
        if dir.join(name).exists() { // expect: ALLOCATION_LOOP
            n += 1;
        }
    }
    n
}

pub struct Checker {
    seen: Vec<String>,
}

impl Checker {
    /// Each element costs a walk of `seen`: pre-sizing `checked` saves a
    /// few regrowths beside n walks.
    pub fn check(&mut self, items: &[String]) -> Vec<usize> {
        // verdict: REJECTED presize-beside-work
        let mut checked = Vec::new(); // expect: ALLOCATION_LOOP
        for item in items {
            checked.push(self.check_one(item));
        }
        checked
    }

    fn check_one(&mut self, item: &str) -> usize {
        let mut n = 0;
        for s in &self.seen {
            if s == item {
                n += 1;
            }
        }
        n
    }
}

/// `write` is a closure that takes its line as a `String`: a buffer reused
/// per row would have to be cloned for every call.
pub fn write_rows(rows: &[u32], write: &mut (dyn FnMut(String) + Send)) {
    for r in rows {
        // verdict: REJECTED value-escapes
        write(format!("row {r}")); // expect: ALLOCATION_LOOP
    }
}

pub struct Units {
    names: Vec<String>,
}

impl Units {
    /// Each prefixed name is lent to `taken`, which walks every registered
    /// name: one `String` per call is a fraction of that walk.
    pub fn add_prefixed(&self, name: &str, prefixes: &[&str]) -> usize {
        let mut n = 0;
        for p in prefixes {
            // verdict: REJECTED lent-beside-walk
            n += self.taken(&format!("{p}{name}")); // expect: ALLOCATION_LOOP
        }
        n
    }

    fn taken(&self, name: &str) -> usize {
        let mut n = 0;
        for u in &self.names {
            if u == name {
                n += 1;
            }
        }
        n
    }
}
