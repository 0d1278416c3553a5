//! Corpus: ARENA_CANDIDATE. `// expect: CATEGORY` marks the line a finding
//! must start on; `// expect-none` marks a look-alike that must stay silent.
//! Loops with several allocations are also ALLOCATION_LOOP findings, one per
//! allocation, and are marked so.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

pub struct Request {
    pub path: String,
    pub id: u32,
    pub body: Vec<u8>,
}

pub struct Config {
    pub level: u8,
}

pub trait Visitor {
    fn visit(&self);
}

// ---- positives ----

pub struct TreeNode { // expect: ARENA_CANDIDATE
    pub value: i32,
    pub children: Vec<TreeNode>,
}

pub enum Ast { // expect: ARENA_CANDIDATE
    Num(i64),
    Neg(Box<Ast>),
    Add(Box<Ast>, Box<Ast>),
}

pub struct ListNode { // expect: ARENA_CANDIDATE
    pub val: u32,
    pub next: Option<Box<ListNode>>,
}

pub struct GraphNode { // expect: ARENA_CANDIDATE
    pub id: u32,
    pub edges: Vec<Rc<RefCell<GraphNode>>>,
}

pub struct Parented { // expect: ARENA_CANDIDATE
    pub parent: Option<Weak<RefCell<Parented>>>,
    pub kids: Vec<Rc<RefCell<Parented>>>,
}

pub fn process(rows: &[String]) -> usize {
    let mut total = 0;
    for row in rows { // expect: ARENA_CANDIDATE
        let fields: Vec<&str> = row.split(',').collect(); // expect: ALLOCATION_LOOP
        let label = format!("{}:{}", fields[0], fields.len()); // expect: ALLOCATION_LOOP
        let owned = fields[1].to_string(); // expect: UNNECESSARY_CLONE
        total += label.len() + owned.len();
    }
    total
}

pub fn handle(requests: &[Request]) -> usize {
    requests
        .iter()
        .map(|r| { // expect: ARENA_CANDIDATE
            let a = r.path.to_string(); // expect: UNNECESSARY_CLONE
            let b = format!("{}", r.id); // expect: ALLOCATION_LOOP
            let c: Vec<u8> = r.body.to_vec(); // expect: ALLOCATION_LOOP
            a.len() + b.len() + c.len()
        })
        .sum()
}

pub fn per_file(paths: &mut Vec<String>) -> usize {
    let mut n = 0;
    while let Some(p) = paths.pop() { // expect: ARENA_CANDIDATE
        let lines: Vec<String> = p.lines().map(String::from).collect(); // expect: ALLOCATION_LOOP
        let boxed = Box::new(lines.len()); // expect: ALLOCATION_LOOP
        let title = format!("{p}: {boxed}"); // expect: ALLOCATION_LOOP
        let upper = p.to_owned(); // expect: UNNECESSARY_CLONE
        n += title.len() + upper.len();
    }
    n
}

// ---- negatives ----

pub struct Flat { // expect-none
    pub values: Vec<u32>,
}

pub struct IdxNode { // expect-none
    pub children: Vec<usize>,
}

pub struct Shared { // expect-none
    pub cfg: Rc<RefCell<Config>>,
}

pub struct Borrowed<'a> { // expect-none
    pub parent: Option<&'a Borrowed<'a>>,
}

pub struct Visitors { // expect-none
    pub inner: Vec<Box<dyn Visitor>>,
}

pub fn two_allocs(rows: &[String]) -> usize {
    let mut n = 0;
    for row in rows { // expect-none
        let a = row.to_uppercase();
        let b = format!("{a}!"); // expect: ALLOCATION_LOOP
        n += b.len();
    }
    n
}

pub fn cold_allocs(rows: &[String]) -> Result<usize, String> {
    let mut n = 0;
    for row in rows { // expect-none
        if row.is_empty() {
            let a = format!("empty");
            let b = a.to_string();
            return Err(format!("{a}{b}"));
        }
        n += row.len();
    }
    Ok(n)
}

pub fn empty_vecs(rows: &[String]) -> usize {
    let mut n = 0;
    for row in rows { // expect-none
        let a: Vec<u8> = Vec::new();
        let b: Vec<u8> = Vec::new();
        let c: Vec<u8> = Vec::new();
        n += row.len() + a.len() + b.len() + c.len();
    }
    n
}

pub fn once(rows: &[String]) -> usize {
    let a = rows.join(","); // expect-none
    let b = format!("{a}");
    let c = b.to_owned(); // expect: UNNECESSARY_CLONE
    c.len()
}

// ---- allocations in exclusive arms: at most one per iteration ----

pub enum Part {
    Text(String),
    Int(i64),
    Float(f64),
    Flag(bool),
}

pub fn concat(parts: &[Part]) -> usize {
    let mut total = 0;
    for p in parts { // expect-none: each iteration takes one arm, so makes one allocation
        match p {
            Part::Text(t) => {
                let s = t.to_uppercase();
                total += s.len();
            }
            Part::Int(i) => {
                let s = format!("{i}");
                total += s.len();
            }
            Part::Float(f) => {
                let s = f.to_string();
                total += s.len();
            }
            Part::Flag(b) => {
                let s = b.to_string();
                total += s.len();
            }
        }
    }
    total
}

pub fn concat_all(parts: &[Part]) -> usize {
    let mut total = 0;
    for p in parts { // expect: ARENA_CANDIDATE
        if let Part::Text(t) = p {
            let upper = t.to_owned();
            let quoted = format!("'{upper}'");
            let line: String = quoted.chars().rev().collect();
            total += line.len() + upper.len() + quoted.len();
        }
    }
    total
}

pub fn concat_some(parts: &[Part], upper: bool) -> usize {
    let mut total = 0;
    for p in parts { // expect: ARENA_CANDIDATE
        if upper {
            match p {
                Part::Text(t) => {
                    let a = t.to_owned(); // expect: UNNECESSARY_CLONE
                    let b = format!("{a}!");
                    let c: String = b.chars().rev().collect(); // expect: ALLOCATION_LOOP
                    total += a.len() + b.len() + c.len();
                }
                _ => total += 1,
            }
        }
    }
    total
}

/// An arena holds bumpalo's `String`/`Vec` and `alloc`'d values only: a std
/// map, an `Rc` and the `String` that `.join(..)` or `.to_uppercase()`
/// returns come from the global allocator whatever arena is in scope.
pub fn std_only(rows: &[Vec<String>]) -> usize {
    let mut total = 0;
    for row in rows { // expect-none: none of these temporaries can live in a bump arena
        let mut seen = std::collections::HashMap::new(); // expect: ALLOCATION_LOOP
        seen.insert(row.len(), 1u8);
        let shared = std::rc::Rc::new(row.len());
        let line = row.join(",");
        let upper = line.to_uppercase();
        total += seen.len() + *shared + line.len() + upper.len();
    }
    total
}
