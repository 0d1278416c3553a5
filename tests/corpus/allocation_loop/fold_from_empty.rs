// A `fold` whose accumulator starts as an empty `String` or `Vec` and is
// grown by every step: it reallocates on its way to a size the parts tell.

use std::fmt::Write;

pub struct Fragment {
    pub doc: String,
}

fn add_fragment(out: &mut String, f: &Fragment) {
    out.push_str(&f.doc);
    out.push('\n');
}

pub fn joined(fragments: &[Fragment]) -> String {
    fragments.iter().fold(String::new(), |mut acc, f| { // expect: ALLOCATION_LOOP
        add_fragment(&mut acc, f);
        acc
    })
}

pub fn trimmed(lines: &[String]) -> String {
    lines.iter().fold(String::new(), |mut acc, line| { // expect: ALLOCATION_LOOP
        acc.push_str(line.trim_start());
        acc.push(' ');
        acc
    })
}

pub fn written(ids: &[u32]) -> String {
    ids.iter().fold(String::new(), |mut out, id| { // expect: ALLOCATION_LOOP
        let _ = write!(out, "${id}");
        out
    })
}

pub fn flattened(groups: Vec<Vec<u32>>) -> Vec<u32> {
    groups.into_iter().fold(Vec::new(), |mut all, mut g| { // expect: ALLOCATION_LOOP
        all.append(&mut g);
        all
    })
}

pub fn counted(lines: &[String]) -> usize {
    lines.iter().fold(0, |n, l| n + l.len()) // expect-none: the accumulator is a number
}

pub fn longest(lines: &[String]) -> String {
    lines.iter().fold(String::new(), |best, l| { // expect-none: the accumulator is replaced, never grown
        if l.len() > best.len() {
            l.clone()
        } else {
            best
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn joins() {
        let s = ["a", "b"].iter().fold(String::new(), |mut acc, x| { // expect-none: test code
            acc.push_str(x);
            acc
        });
        assert_eq!(s, "ab");
    }
}
