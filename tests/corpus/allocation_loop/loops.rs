//! Corpus: ALLOCATION_LOOP. `// expect: CATEGORY` marks the line a finding
//! must start on; `// expect-none` marks a look-alike that must stay silent.

use std::collections::HashMap;
use std::io::BufRead;

pub struct Row {
    pub id: u32,
    pub name: String,
}

// ---- positives ----

pub fn labels(rows: &[Row]) -> usize {
    let mut total = 0;
    for row in rows {
        let label = format!("{}-{}", row.id, row.name); // expect: ALLOCATION_LOOP
        total += label.len();
    }
    total
}

pub fn names(rows: &[Row]) -> Vec<String> {
    rows.iter().map(|r| r.name.to_string()).collect() // expect: ALLOCATION_LOOP
}

pub fn widths(rows: &[Row]) -> usize {
    let mut widest = 0;
    for row in rows {
        let mut parts = Vec::new(); // expect: ALLOCATION_LOOP
        for p in row.name.split(',') {
            parts.push(p.len());
        }
        widest = widest.max(parts.len());
    }
    widest
}

pub fn token_counts(lines: &[String]) -> usize {
    let mut n = 0;
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect(); // expect: ALLOCATION_LOOP
        n += words.len();
    }
    n
}

pub fn boxed(values: &[u64]) -> u64 {
    let mut sum = 0;
    for v in values {
        let b = Box::new(*v); // expect: ALLOCATION_LOOP
        sum += *b;
    }
    sum
}

pub fn doubled(values: &[u64]) -> Vec<u64> {
    let mut out = Vec::new(); // expect: ALLOCATION_LOOP
    for v in values {
        out.push(v * 2);
    }
    out
}

// A `continue` before the push merges repeats: fewer pushes than values,
// so `values.len()` is only an upper bound.
pub fn deduped(values: &[u64]) -> Vec<u64> {
    let mut out = Vec::new(); // expect-none
    for v in values {
        if out.last() == Some(v) {
            continue;
        }
        out.push(*v);
    }
    out
}

pub fn index(rows: &[Row], map: &mut HashMap<String, u32>) {
    rows.iter().for_each(|r| {
        map.insert(r.name.to_owned(), r.id); // expect: ALLOCATION_LOOP
    });
}

pub fn read_all(mut input: impl BufRead) -> usize {
    let mut total = 0;
    loop {
        let mut line = String::new(); // expect: ALLOCATION_LOOP
        if input.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        total += line.len();
    }
    total
}

pub fn grid(rows: &[Row]) -> usize {
    let mut n = 0;
    for row in rows {
        for c in row.name.chars() {
            n += format!("{c}").len(); // expect: ALLOCATION_LOOP
        }
    }
    n
}

pub fn squares(n: usize) -> Vec<usize> {
    let mut out = vec![]; // expect: ALLOCATION_LOOP
    for i in 0..n {
        out.push(i * i);
    }
    out
}

// ---- negatives ----

pub fn reuse(rows: &[Row]) -> usize {
    let mut buf = String::new(); // expect-none
    let mut n = 0;
    for row in rows {
        buf.clear();
        buf.push_str(&row.name);
        n += buf.len();
    }
    n
}

pub fn validate(rows: &[Row]) -> Result<(), String> {
    for row in rows {
        if row.id == 0 {
            return Err(format!("row {} has no id", row.name)); // expect-none
        }
    }
    Ok(())
}

pub fn checked(rows: &[Row]) {
    for row in rows {
        assert!(row.id > 0, "bad row {}", row.name.to_string()); // expect-none
    }
}

pub fn first_name(rows: &[Row]) -> Option<String> {
    rows.first().map(|r| r.name.to_string()) // expect-none
}

pub fn groups(rows: &[Row]) -> Vec<Vec<u32>> {
    let mut all = Vec::with_capacity(rows.len());
    for row in rows {
        let mut g = Vec::new(); // expect-none
        g.push(row.id);
        all.push(g);
    }
    all
}

pub fn find(rows: &[Row], id: u32) -> Option<String> {
    for row in rows {
        if row.id == id {
            return Some(format!("{}", row.name)); // expect-none
        }
    }
    None
}

#[cold]
pub fn report(rows: &[Row]) -> String {
    let mut s = String::new();
    for row in rows {
        s += &format!("{};", row.name); // expect-none
    }
    s
}

pub fn sized(values: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(values.len()); // expect-none
    for v in values {
        out.push(*v);
    }
    out
}

pub fn evens(values: &[u64]) -> Vec<u64> {
    let mut out = Vec::new(); // expect-none
    for v in values {
        if v % 2 == 0 {
            out.push(*v);
        }
    }
    out
}

pub fn parse_all(items: &[&str]) -> Result<Vec<u32>, String> {
    let mut out = Vec::with_capacity(items.len());
    for s in items {
        let v: u32 = s.parse().map_err(|e| format!("{s}: {e}"))?; // expect-none
        out.push(v);
    }
    Ok(out)
}

pub fn copies(rows: &[Row]) -> Vec<String> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(r.name.clone()); // expect-none
    }
    out
}

pub fn lines_of(text: &str) -> Vec<usize> {
    let mut out = Vec::new(); // expect-none
    for l in text.lines() {
        out.push(l.len());
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn loops_in_tests() {
        for i in 0..3 {
            let _ = format!("{i}"); // expect-none
        }
    }
}

// ---- a known length behind a lock guard ----

pub struct Progress {
    steps: std::sync::RwLock<Vec<(String, u32)>>,
}

impl Progress {
    pub fn view(&self) -> Vec<u32> {
        let steps = self.steps.read().unwrap();
        let mut view = Vec::new(); // expect: ALLOCATION_LOOP
        for (_, total) in steps.iter() {
            view.push(*total * 2);
        }
        view
    }

    pub fn view_some(&self) -> Vec<u32> {
        let steps = self.steps.read().unwrap();
        let mut view = Vec::new(); // expect-none: one push per kept step, the count is not known
        for (_, total) in steps.iter() {
            if *total > 0 {
                view.push(*total);
            }
        }
        view
    }
}
