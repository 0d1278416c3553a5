// The item a loop owns — `for x in v` and `v.into_iter().map(|x| ..)` over
// an owned `Vec`, `drain(..)` — cloned at its last use in the body: each
// iteration's item is dropped right after the copy, so a move does.

use std::sync::Arc;

pub struct Label {
    pub text: String,
}

pub fn labels(items: Vec<String>, out: &mut Vec<Label>) {
    for item in items {
        out.push(Label {
            text: item.clone(), // expect: UNNECESSARY_CLONE
        });
    }
}

pub fn mapped(items: Vec<String>) -> Vec<Label> {
    items
        .into_iter()
        .map(|s| Label { text: s.clone() }) // expect: UNNECESSARY_CLONE
        .collect()
}

pub fn drained(buf: &mut Vec<Vec<u8>>, out: &mut Vec<Vec<u8>>) {
    for chunk in buf.drain(..) {
        out.push(chunk.clone()); // expect: UNNECESSARY_CLONE
    }
}

pub fn borrowed(items: &[String], out: &mut Vec<String>) {
    for item in items {
        out.push(item.clone()); // expect-none: the loop lends its items
    }
}

pub fn walked(items: &Vec<String>, out: &mut Vec<String>) {
    for item in items.iter() {
        out.push(item.clone()); // expect-none: `iter()` lends its items
    }
}

pub fn used_after(items: Vec<String>, out: &mut Vec<String>) -> usize {
    let mut n = 0;
    for item in items {
        out.push(item.clone()); // expect-none: the item is read after the copy
        n += item.len();
    }
    n
}

pub fn counts(items: Vec<u32>, out: &mut Vec<u32>) {
    for n in items {
        out.push(n.clone()); // expect-none: a `Copy` item costs nothing to copy
    }
}

pub fn handles(items: Vec<Arc<String>>, out: &mut Vec<Arc<String>>) {
    for h in items {
        out.push(h.clone()); // expect-none: a shared handle, not a deep copy
    }
}

pub fn matched(v: &Option<String>) -> String {
    match v {
        Some(s) => s.clone(), // expect-none: a `match` binding borrows its scrutinee
        None => String::new(),
    }
}

pub fn shadowed(items: &[std::path::PathBuf], out: &mut Vec<std::path::PathBuf>) {
    for path in items.iter() {
        let path: std::path::PathBuf = path.clone(); // expect-none: the loop lends its items (the `let` shadows the name)
        out.push(path);
    }
}
