//! Corpus: false positives found in registry code, kept as negatives.

// tokio's intrusive `LinkedList` is not `std::collections::LinkedList`.
mod util {
    pub struct LinkedList<T> {
        pub head: Option<T>,
    }
}

use util::LinkedList;

pub struct Wheel {
    pub pending: LinkedList<u64>, // expect-none
}

// A name from elsewhere may alias a trait object (keyring's `Credential`).
pub fn creds() -> usize {
    let creds: Vec<Box<Credential>> = Vec::new(); // expect-none
    creds.len()
}
