// Newtypes over a `Vec` that nothing grows once built: a boxed slice holds
// exactly the elements, without a capacity word or slack.

use std::ops::DerefMut;

pub struct Specifier {
    pub op: u8,
    pub version: u64,
}

pub struct Specifiers(Vec<Specifier>); // expect: HEAP_AVOIDABLE

impl Specifiers {
    pub fn empty() -> Self {
        Self(Vec::new())
    }

    pub fn parse(text: &str) -> Self {
        let mut items: Vec<Specifier> = text
            .split(',')
            .map(|p| Specifier { op: 0, version: p.len() as u64 })
            .collect();
        items.sort_by_key(|s| s.version);
        Self(items)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Specifier> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

pub struct Batch(Vec<u64>); // expect-none: pushed to after it is built

impl Batch {
    pub fn add(&mut self, v: u64) {
        self.0.push(v);
    }

    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }
}

pub struct Window(Vec<u8>); // expect-none: truncated in place

impl Window {
    pub fn cut(&mut self, n: usize) {
        self.0.truncate(n);
    }
}

pub struct Public(pub Vec<u8>); // expect-none: a public field can be grown anywhere

impl Public {
    pub fn first(&self) -> Option<u8> {
        self.0.first().copied()
    }
}

pub struct Lent(Vec<u32>); // expect-none: hands out `&mut Vec`

impl Lent {
    pub fn items_mut(&mut self) -> &mut Vec<u32> {
        &mut self.0
    }
}

pub struct Derefs(Vec<u32>); // expect-none: `DerefMut` lets callers grow it

impl std::ops::Deref for Derefs {
    type Target = Vec<u32>;
    fn deref(&self) -> &Vec<u32> {
        &self.0
    }
}

impl DerefMut for Derefs {
    fn deref_mut(&mut self) -> &mut Vec<u32> {
        &mut self.0
    }
}
