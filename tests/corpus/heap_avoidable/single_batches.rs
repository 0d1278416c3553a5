//! Corpus: HEAP_AVOIDABLE — a channel of batches fed one item at a time.
//! `// expect: CATEGORY` marks the line a finding must start on;
//! `// expect-none` marks a look-alike that must stay silent.

use std::sync::mpsc::{Receiver, SyncSender};

pub struct AddOperation {
    pub opstamp: u64,
    pub text: String,
}

pub struct Writer {
    sender: SyncSender<Vec<AddOperation>>,
}

impl Writer {
    // Every document goes to the worker as a heap `Vec` of one.
    pub fn add(&self, opstamp: u64, text: String) -> bool {
        let op = AddOperation { opstamp, text };
        self.sender.send(vec![op]).is_ok() // expect: HEAP_AVOIDABLE
    }

    // A real batch: the `Vec` is the message's payload.
    pub fn run(&self, ops: Vec<AddOperation>) -> bool {
        self.sender.send(ops).is_ok() // expect-none: a batch built by the caller
    }

    // Two items: a batch, not a single item wrapped.
    pub fn pair(&self, a: AddOperation, b: AddOperation) -> bool {
        self.sender.send(vec![a, b]).is_ok() // expect-none: more than one item
    }
}

pub fn drain(rx: &Receiver<Vec<AddOperation>>) -> usize {
    rx.iter().map(|batch| batch.len()).sum()
}
