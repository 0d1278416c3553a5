// Borrowed strings copied into owned sets only to be kept there.

use std::collections::HashSet;

pub struct Namer {
    keywords: HashSet<String>,
    prefixes: Vec<String>,
    lengths: Vec<usize>,
}

impl Namer {
    pub fn reset(&mut self, keywords: &[&str], prefixes: &[&str]) {
        self.keywords.clear();
        self.keywords
            .extend(keywords.iter().map(|k| k.to_string())); // expect: HEAP_AVOIDABLE
        self.prefixes.clear();
        self.prefixes
            .extend(prefixes.iter().map(|p| String::from(*p))); // expect: HEAP_AVOIDABLE
    }

    pub fn reset_upper(&mut self, keywords: &[&str]) {
        self.keywords.clear();
        self.keywords
            .extend(keywords.iter().map(|k| k.to_uppercase())); // expect-none: a new text, not a copy
    }

    pub fn measure(&mut self, words: &[&str]) {
        self.lengths.extend(words.iter().map(|w| w.len())); // expect-none: no copy at all
    }
}
