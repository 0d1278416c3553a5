//! Corpus: ALLOCATION_LOOP — a set built per iteration only to be merged
//! into an accumulator. `// expect: CATEGORY` marks the line a finding must
//! start on; `// expect-none` a look-alike that must stay silent.

use std::ops::BitOrAssign;

pub struct Bitmap(Vec<u32>);

impl Bitmap {
    pub fn new() -> Bitmap {
        Bitmap(Vec::new())
    }
    pub fn from_sorted_iter(it: impl Iterator<Item = u32>) -> Result<Bitmap, ()> {
        Ok(Bitmap(it.collect()))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl BitOrAssign for Bitmap {
    fn bitor_assign(&mut self, other: Bitmap) {
        self.0.extend(other.0);
    }
}

// Each block becomes a whole bitmap only to be or-ed into the target.
pub fn merge(target: &mut Bitmap, blocks: &[Vec<u32>]) {
    for block in blocks {
        let iter = block.iter().copied();
        let block = Bitmap::from_sorted_iter(iter).unwrap(); // expect: ALLOCATION_LOOP
        *target |= block;
    }
}

// The block is also counted: it is more than a temporary for the merge.
pub fn merge_counted(target: &mut Bitmap, blocks: &[Vec<u32>]) -> usize {
    let mut n = 0;
    for block in blocks {
        let block = Bitmap::from_sorted_iter(block.iter().copied()).unwrap(); // expect-none: also read
        n += block.len();
        *target |= block;
    }
    n
}

// Built once, outside any loop.
pub fn merge_once(target: &mut Bitmap, items: &[u32]) {
    let all = Bitmap::from_sorted_iter(items.iter().copied()).unwrap(); // expect-none: not in a loop
    *target |= all;
}
