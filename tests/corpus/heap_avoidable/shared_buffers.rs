//! Corpus: HEAP_AVOIDABLE — a `Vec` or `String` kept behind an `Arc`/`Rc`
//! in a field: two heap blocks and two hops for a buffer that can no longer
//! grow; `Arc<[T]>`/`Arc<str>` is one block. `// expect: CATEGORY` marks
//! the line a finding must start on; `// expect-none` marks a look-alike
//! that must stay silent.

use std::rc::{Rc, Weak};
use std::sync::{Arc, Mutex};

// ---- positives ----

/// A buffer of bytes shared by every slice taken from it.
pub enum Backing {
    Owned(Arc<Vec<u8>>), // expect: HEAP_AVOIDABLE
    Static(&'static [u8]),
}

pub struct Scope {
    pub variable: Rc<String>, // expect: HEAP_AVOIDABLE
    pub depth: u32,
}

pub struct Blocks {
    pub blocks: Option<Arc<Vec<(u64, u32)>>>, // expect: HEAP_AVOIDABLE
}

// ---- negatives ----

pub struct AlreadySlices {
    pub data: Arc<[u8]>, // expect-none
    pub name: Rc<str>, // expect-none
}

/// Growing under a lock: the `Vec` is used as a `Vec`.
pub struct Queue {
    pub pending: Arc<Mutex<Vec<u32>>>, // expect-none
}

/// A weak handle does not own the buffer.
pub struct Parent {
    pub names: Weak<Vec<String>>, // expect-none
}

/// A map of shared buffers: each value is one allocation decision of the
/// map's user, not of this type.
pub struct Cache {
    pub entries: std::collections::HashMap<u32, Arc<Vec<u8>>>, // expect-none
}

impl Backing {
    pub fn len(&self) -> usize {
        match self {
            Backing::Owned(v) => v.len(),
            Backing::Static(s) => s.len(),
        }
    }
}
