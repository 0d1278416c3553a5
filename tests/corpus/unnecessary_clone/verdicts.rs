//! Corpus: UNNECESSARY_CLONE findings and the Validator's verdicts on them.
//! `// expect: CATEGORY` marks the line a finding must start on (the
//! Analyst's corpus); `// verdict: VERDICT [rule]` on the line before marks
//! how the Validator must decide it (crates/review/tests/corpus_verdicts.rs).

use std::sync::Arc;

pub struct Handlers {
    pub sender: std::sync::mpsc::Sender<u32>,
    pub shared: Arc<[u8]>,
}

pub struct Machine {
    pub line: String,
    pub state: u8,
    pub out: Vec<u8>,
}

pub fn consume(_: Vec<u8>) {}

pub fn count(_: &[u8]) -> usize {
    0
}

/// A channel sender's clone moved into a task started by a macro.
pub fn serve(handlers: &Handlers, items: &[u32]) {
    for i in items {
        let tx = handlers.sender.clone(); // expect-none
        let i = *i;
        my_runtime::spawn_detached!(move || {
            tx.send(i).ok();
        });
    }
}

impl Machine {
    /// A copy lent to one call ends with its statement; moving the
    /// original afterwards is fine.
    pub fn open(&mut self, input: Vec<u8>) -> usize {
        // verdict: APPROVED
        let n = count(&input.clone()); // expect: UNNECESSARY_CLONE
        consume(input);
        n
    }

    /// A copy of a field of `self` kept across `self.emit(..)`: the Analyst
    /// leaves it alone.
    pub fn blame(&mut self) -> usize {
        let line = self.line.to_owned(); // expect-none
        let n = line.len();
        self.emit(n);
        n + line.len()
    }

    fn paint(&mut self, n: usize) {
        self.state = n as u8;
    }
}

/// Only read afterwards: a borrow does.
pub fn names(rows: &[Machine]) -> usize {
    let mut n = 0;
    for r in rows {
        // verdict: APPROVED
        let line = r.line.clone(); // expect: UNNECESSARY_CLONE
        n += line.len();
    }
    n
}

/// The last use of `rows`: moving it does.
pub fn handed_over(rows: Vec<Machine>) -> usize {
    // verdict: APPROVED
    let all = rows.clone(); // expect: UNNECESSARY_CLONE
    take_all(all)
}

pub fn take_all(rows: Vec<Machine>) -> usize {
    rows.len()
}

/// `data` is a borrowed slice: moving it gives no owned `Vec`.
pub fn sorted(data: &[u32]) -> Vec<u32> {
    // verdict: REJECTED move-of-borrow
    let mut data = data.to_vec(); // expect: UNNECESSARY_CLONE
    data.sort();
    data
}

/// The copy runs once per file read, after it: the read's system calls
/// and bytes are the cost, not the path.
pub fn find_module(roots: &[std::path::PathBuf], name: &str) -> Option<(String, std::path::PathBuf)> {
    for root in roots {
        let mut path = root.join(name);
        path.set_extension("mod");
        if let Ok(code) = std::fs::read_to_string(&path) {
            // verdict: REJECTED beside-file-read
            return Some((code, path.to_owned())); // expect: UNNECESSARY_CLONE
        }
    }
    None
}

pub struct Token {
    pub span: std::ops::Range<usize>,
}

/// A `Range<usize>` is two integers: its clone allocates nothing.
pub fn token_text(tokens: &[Token], text: &str) -> usize {
    let mut n = 0;
    for t in tokens {
        // verdict: REJECTED heapless-clone
        let span = t.span.clone(); // expect: UNNECESSARY_CLONE
        n += text[span].len();
    }
    n
}

/// `Utf8Path::join` makes a path, not a `String`: its `to_string()` is a
/// conversion, and moving `result` in its place would be another type.
pub fn joined(base: &str, with: &str, and: &[String]) -> Result<String, String> {
    let mut result = camino::Utf8Path::new(base).join(with);
    for arg in and {
        result.push(arg);
    }
    Ok(result.to_string()) // expect-none
}

/// `[String]::join` makes a `String`: a copy of it is a copy.
pub fn joined_words(words: &[String]) -> usize {
    let all = words.join(" ");
    // verdict: APPROVED
    let copy = all.to_string(); // expect: UNNECESSARY_CLONE
    copy.len()
}
