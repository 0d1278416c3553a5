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

pub fn paired(certs: impl Iterator<Item = Vec<u8>>, flags: &[bool]) -> Vec<(Vec<u8>, bool)> {
    certs
        .zip(flags.iter())
        .map(|(cert, f)| (cert.clone(), *f)) // expect: UNNECESSARY_CLONE
        .collect()
}

pub fn numbered(items: Vec<String>, out: &mut Vec<(usize, String)>) {
    for (i, item) in items.into_iter().enumerate() {
        out.push((i, item.clone())); // expect: UNNECESSARY_CLONE
    }
}

pub fn numbered_lent(items: &[String], out: &mut Vec<(usize, String)>) {
    for (i, item) in items.iter().enumerate() {
        out.push((i, item.clone())); // expect-none: `iter()` lends its items
    }
}

pub fn paired_lent(names: &[String], flags: &[bool], out: &mut Vec<String>) {
    for (name, f) in names.iter().zip(flags) {
        if *f {
            out.push(name.clone()); // expect-none: the pairs lend their names
        }
    }
}

pub fn sorted(rows: &mut Vec<(String, u32)>) {
    rows.sort_unstable_by_key(|(k, _)| k.clone()); // expect-none: a key closure gets a reference to the item
}

pub struct Jump {
    pub path: std::path::PathBuf,
    pub line: usize,
}

pub fn jump_to(items: Vec<(std::path::PathBuf, Vec<usize>)>, n: usize) -> Option<Jump> {
    let mut i = 0;
    for (path, lines) in items {
        for line in lines {
            i += 1;
            if i == n {
                let jump = Jump {
                    path: path.clone(), // expect-none: made once, in the branch that leaves the loop
                    line,
                };
                return Some(jump);
            }
        }
    }
    None
}
