//! Corpus: ARENA_CANDIDATE, collection fields swapped for a fresh buffer on
//! every cycle. `// expect: CATEGORY` marks the line a finding must start
//! on; `// expect-none` marks a look-alike that must stay silent.

pub struct Event {
    pub code: u32,
}

pub struct Frame {
    pending: Vec<Event>,
    log: Vec<u32>,
}

impl Frame {
    pub fn record(&mut self, e: Event) {
        self.pending.push(e);
        self.log.push(0);
    }

    // ---- positives ----

    pub fn flush(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.pending) // expect: ARENA_CANDIDATE
    }

    pub fn restart(&mut self) {
        self.log = Vec::new(); // expect: ARENA_CANDIDATE
    }
}

pub struct Inner {
    queue: Vec<u32>,
}

pub struct Outer(Inner);

impl Outer {
    pub fn add(&mut self, v: u32) {
        self.0.queue.push(v);
    }

    pub fn finish(&mut self) -> Vec<u32> {
        core::mem::replace(&mut self.0.queue, Vec::new()) // expect: ARENA_CANDIDATE
    }
}

// ---- negatives ----

fn consume(parts: Vec<String>) -> usize {
    parts.len()
}

pub struct Builder {
    parts: Vec<String>,
    name: Option<String>,
    spare: Vec<u8>,
}

impl Builder {
    pub fn new() -> Self {
        let mut b = Builder {
            parts: Vec::new(),
            name: None,
            spare: Vec::new(),
        };
        b.parts = Vec::new(); // expect-none
        b
    }

    pub fn part(&mut self, p: String) {
        self.parts.push(p);
    }

    /// Consumes the builder: nothing is refilled afterwards.
    pub fn build(mut self) -> Vec<String> {
        std::mem::take(&mut self.parts) // expect-none
    }

    /// The taken buffer is owned by the call it is passed to.
    pub fn hand_over(&mut self) -> usize {
        let parts = std::mem::take(&mut self.parts); // expect-none
        consume(parts)
    }

    /// A field that is never filled by push/insert/extend.
    pub fn take_name(&mut self) -> Option<String> {
        std::mem::take(&mut self.name) // expect-none
    }

    /// Cleared in place: the allocation is kept.
    pub fn reset(&mut self) {
        self.parts.clear(); // expect-none
        self.spare = vec![0; 4]; // expect-none
    }
}
