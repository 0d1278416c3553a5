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
