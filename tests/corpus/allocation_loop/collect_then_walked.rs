//! Corpus: ALLOCATION_LOOP — `collect::<Vec<_>>()` whose result is walked
//! again at once (`.into_iter()`, `.iter()`) or only counted (`.len()`,
//! `.is_empty()`) in the same expression: the chain serves that use itself.
//! `// expect: CATEGORY` marks the line a finding must start on;
//! `// expect-none` marks a look-alike that must stay silent.

use std::cell::RefCell;
use std::collections::HashSet;

pub struct Import {
    pub module: String,
    pub field: String,
}

pub struct Table;

impl Table {
    pub fn entries(&self) -> std::slice::Iter<'_, (String, String)> {
        [].iter()
    }
}

pub struct Module {
    pub table: Table,
    pub imports: Vec<Import>,
    pub seen: RefCell<Vec<u32>>,
}

// ---- positives ----

impl Module {
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.imports.iter().map(|i| i.field.as_str()).collect::<Vec<_>>().into_iter() // expect: ALLOCATION_LOOP
    }

    pub fn count_from(&self, module: &str) -> usize {
        self.imports.iter().filter(|i| i.module == module).collect::<Vec<_>>().len() // expect: ALLOCATION_LOOP
    }

    pub fn entry_names(&self) -> impl Iterator<Item = String> + '_ {
        self.table.entries().map(|(m, f)| format!("{m}::{f}")).collect::<Vec<_>>().into_iter() // expect: ALLOCATION_LOOP
    }

    pub fn print_fields(&self, out: &mut Vec<String>) {
        for f in self.imports.iter().map(|i| i.field.to_uppercase()).collect::<Vec<_>>() { // expect: ALLOCATION_LOOP
            out.push(f);
        }
    }

    pub fn total_len(&self) -> usize {
        self.imports.iter().map(|i| i.field.len()).collect::<Vec<_>>().iter().sum() // expect: ALLOCATION_LOOP
    }
}

// ---- negatives ----

impl Module {
    /// Walked backwards: the `Vec` gives `rev()` to a forward-only chain.
    pub fn last_fields(&self) -> Vec<String> {
        self.imports.iter().map(|i| i.field.clone()).collect::<Vec<_>>().into_iter().rev().collect() // expect-none
    }

    /// Distinct count: a set, not a `Vec`, and not what `count()` gives.
    pub fn distinct_modules(&self) -> usize {
        self.imports.iter().map(|i| i.module.as_str()).collect::<HashSet<_>>().len() // expect-none
    }

    /// A snapshot: the source changes while the items are walked.
    pub fn drain_short(&mut self) {
        for f in self.imports.iter().map(|i| i.field.clone()).collect::<Vec<_>>().into_iter() { // expect-none
            self.imports.retain(|i| i.field != f);
        }
    }

    /// The owner of the source changes as a whole in the loop.
    pub fn retire_all(&mut self) {
        for f in self.imports.iter().map(|i| i.field.clone()).collect::<Vec<_>>() { // expect-none
            self.retire(&f);
        }
    }

    fn retire(&mut self, field: &str) {
        self.imports.retain(|i| i.field != field);
    }

    /// Through a `RefCell` guard, which the `Vec` releases.
    pub fn seen_twice(&self) -> Vec<u32> {
        self.seen.borrow().iter().copied().collect::<Vec<_>>().into_iter().filter(|s| *s > 1).collect() // expect-none
    }

    /// Kept: the `Vec` is the result.
    pub fn fields(&self) -> Vec<&str> {
        self.imports.iter().map(|i| i.field.as_str()).collect::<Vec<_>>() // expect-none
    }
}
