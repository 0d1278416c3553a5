//! Corpus: false positives found in registry code, kept as negatives.

fn record(_f: impl FnOnce() -> String) {}

pub struct Seg {
    pub base: usize,
}

pub struct Expr {
    pub base: Box<u32>, // expect: HEAP_AVOIDABLE
}

// A closure inside the loop runs lazily (jsonschema-value's `record`).
pub fn lazy_message(depth: usize) {
    let mut d = 0;
    loop {
        d += 1;
        record(|| format!("depth {d}")); // expect-none
        if d > depth {
            break;
        }
    }
}

// Boxes and vectors that are stored are the data structure (syn's parser).
pub fn build(mut e: u32, n: usize) -> Vec<Expr> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(Expr { base: Box::new(e) }); // expect-none
        e += 1;
    }
    out
}

pub fn segments(n: usize) -> Vec<Vec<Seg>> {
    let mut all = Vec::with_capacity(n);
    for i in 0..n {
        all.push(vec![Seg { base: i }]); // expect-none
    }
    all
}

// The buffer is handed over through a consuming method (addr2line): it
// cannot be hoisted out of the loop. Its final length is known (`r.len()`),
// so pre-sizing it is still right.
pub fn sequences(rows_in: &[Vec<u32>]) -> Vec<Box<[u32]>> {
    let mut seqs = Vec::with_capacity(rows_in.len());
    for r in rows_in {
        let mut rows = Vec::new(); // expect: ALLOCATION_LOOP
        for x in r {
            rows.push(*x);
        }
        seqs.push(rows.into_boxed_slice());
    }
    seqs
}
