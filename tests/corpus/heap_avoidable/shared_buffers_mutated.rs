//! Corpus: HEAP_AVOIDABLE — a shared `Vec` that the file changes through
//! `Arc::make_mut` (copy-on-write) is used as a `Vec`: it must grow, so
//! `Arc<[T]>` would not do. `// expect-none` marks a look-alike that must
//! stay silent.

use std::sync::Arc;

pub struct Frame {
    items: Arc<Vec<(u32, u32)>>, // expect-none
}

impl Frame {
    pub fn push(&mut self, item: (u32, u32)) {
        Arc::make_mut(&mut self.items).push(item);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }
}
