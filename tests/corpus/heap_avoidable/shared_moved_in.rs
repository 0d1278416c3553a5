//! Corpus: HEAP_AVOIDABLE — an `Arc<PathBuf>` that the file only ever
//! builds by moving an owned `PathBuf` in. The finding is raised (two heap
//! blocks per value), and the Validator rejects it: `Arc::<Path>::from`
//! would copy each buffer into a new block, one allocation either way.

use std::path::PathBuf;
use std::sync::Arc;

pub struct Root {
    // verdict: REJECTED shared-buffer-moved-in
    pub path: Arc<PathBuf>, // expect: HEAP_AVOIDABLE
    pub index: usize,
}

pub fn roots(paths: Vec<PathBuf>) -> Vec<Root> {
    let mut out = Vec::with_capacity(paths.len());
    for (index, path) in paths.into_iter().enumerate() {
        out.push(Root {
            path: Arc::new(path),
            index,
        });
    }
    out
}
