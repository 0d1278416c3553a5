//! Corpus: ARENA_CANDIDATE, a long-lived owner that frees the buffers of
//! its elements every cycle: frames owning maps popped off a scope stack,
//! a map of buffers cleared per frame. `// expect: CATEGORY` marks the line
//! a finding must start on; `// expect-none` marks a look-alike that must
//! stay silent.

use std::collections::HashMap;

pub struct Scope {
    bindings: HashMap<String, u32>,
    references: HashMap<String, u32>,
    depth: u32,
}

impl Scope {
    fn new(depth: u32) -> Self {
        Self { bindings: HashMap::new(), references: HashMap::new(), depth }
    }
}

pub struct PhaseBuffers {
    data: Vec<u8>,
    work: HashMap<u32, Vec<u32>>,
}

// ---- positives ----

pub struct ScopeTree {
    levels: Vec<Scope>,
}

impl ScopeTree {
    pub fn enter(&mut self, depth: u32) {
        self.levels.push(Scope::new(depth));
    }

    pub fn leave(&mut self) -> usize {
        let top = self.levels.pop(); // expect: ARENA_CANDIDATE
        top.map_or(0, |s| s.bindings.len() + s.references.len() + s.depth as usize)
    }
}

pub struct Batches {
    phases: HashMap<u32, PhaseBuffers>,
}

impl Batches {
    pub fn begin_frame(&mut self) {
        self.phases.clear(); // expect: ARENA_CANDIDATE
    }

    pub fn phase(&mut self, id: u32) -> usize {
        self.phases.get(&id).map_or(0, |p| p.data.len() + p.work.len())
    }
}

// ---- negatives ----

pub struct Plain {
    // Popped values of a `Copy` type own no buffer.
    depths: Vec<u32>,
    // Cleared `String`s are values, not buffers kept for reuse.
    names: Vec<String>,
    rows: Vec<Vec<u8>>,
    above: Vec<Vec<u8>>,
}

impl Plain {
    pub fn push(&mut self, d: u32, n: String) {
        self.depths.push(d);
        self.names.push(n);
        self.rows.push(Vec::new());
    }

    pub fn pop(&mut self) -> Option<u32> {
        self.depths.pop() // expect-none
    }

    pub fn reset(&mut self) {
        self.names.clear(); // expect-none
    }

    pub fn scroll(&mut self) {
        // The popped row moves on to another list: it is not dropped.
        if let Some(row) = self.rows.pop() { // expect-none
            self.above.push(row);
        }
    }
}

pub struct Unpushed {
    // Nothing in this file pushes frames: no cycle of allocations shows.
    stack: Vec<Scope>,
}

impl Unpushed {
    pub fn drop_top(&mut self) {
        self.stack.pop(); // expect-none
    }
}

// ---- scratch buffers of a value built on every call ----

pub struct Token {
    pub text: String,
}

pub struct SplitStream {
    cuts: Vec<usize>,
    parts: Vec<Token>,
    log: Vec<u32>,
}

impl SplitStream {
    fn split(&mut self, text: &str) {
        self.cuts.clear();
        self.parts.clear(); // expect-none: its tokens hold strings, values not buffers
        for (i, _) in text.match_indices('-') {
            self.cuts.push(i);
            self.parts.push(Token { text: String::new() });
        }
        self.log.push(self.cuts.len() as u32);
    }

    fn count(&self) -> usize {
        self.parts.len() + self.log.len()
    }
}

pub struct SplitFilter {
    limit: usize,
}

impl SplitFilter {
    pub fn stream(&mut self, text: &str) -> usize {
        let mut s = SplitStream {
            cuts: Vec::new(), // expect: ARENA_CANDIDATE
            parts: Vec::new(),
            log: Vec::new(),
        };
        s.split(text);
        s.count().min(self.limit)
    }
}

// A record whose list is only ever filled is its data, not scratch.
pub struct Record {
    items: Vec<u32>,
}

impl Record {
    fn add(&mut self, v: u32) {
        self.items.push(v);
    }
}

pub fn record(v: u32) -> usize {
    let mut r = Record {
        items: Vec::new(), // expect-none
    };
    r.add(v);
    r.items.len()
}
