// A map's keys copied into a list only so that the loop can remove entries
// while walking it: `retain` does it in place.

use std::collections::HashMap;

pub struct Panel {
    items: HashMap<u64, String>,
    order: Vec<u64>,
}

impl Panel {
    pub fn prune(&mut self, live: &HashMap<u64, ()>) -> bool {
        let mut changed = false;
        for id in self.items.keys().copied().collect::<Vec<_>>() { // expect: ALLOCATION_LOOP
            if !live.contains_key(&id) {
                changed = true;
                self.items.remove(&id);
            }
        }
        changed
    }

    pub fn reorder(&mut self) {
        // Not a removal; but the keys are walked once and the loop only
        // touches another field: the `Vec` is not needed.
        for id in self.items.keys().copied().collect::<Vec<_>>() { // expect: ALLOCATION_LOOP
            self.order.push(id);
        }
    }
}

pub fn prune_local(mut m: HashMap<u32, u32>, limit: u32) -> HashMap<u32, u32> {
    let keys: Vec<u32> = m.keys().cloned().collect(); // expect-none: bound first, not the loop's own list
    for k in keys {
        if k > limit {
            m.remove(&k);
        }
    }
    m
}
