//! Corpus: LIFETIME_EXTENSION. `// expect: CATEGORY` marks the line a finding
//! must start on; `// expect-none` marks a look-alike that must stay silent.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub struct Sink;

impl Sink {
    pub async fn flush(&self) {}
    pub async fn send(&self, _data: Vec<u8>) {}
}

async fn tick() {}
fn fill(_b: &mut Vec<u8>) {}
fn checksum(_b: &[u8]) -> u32 {
    0
}
fn log(_s: &str) {}

pub struct Row {
    pub id: u32,
}

// ---- positives ----

pub async fn upload(path: &str, sink: &Sink) -> usize {
    let data = std::fs::read(path).unwrap_or_default(); // expect: LIFETIME_EXTENSION
    let n = data.len();
    sink.flush().await;
    n
}

pub async fn digest(sink: &Sink) -> u32 {
    let mut buf: Vec<u8> = Vec::with_capacity(65536); // expect: LIFETIME_EXTENSION
    fill(&mut buf);
    let sum = checksum(&buf);
    sink.flush().await;
    sum
}

pub async fn greet(name: &str) {
    let msg = format!("hello {name}"); // expect: LIFETIME_EXTENSION
    log(&msg);
    tick().await;
}

pub async fn total(rows: &[Row]) -> u32 {
    let ids: Vec<u32> = rows.iter().map(|r| r.id).collect(); // expect: LIFETIME_EXTENSION, ALLOCATION_LOOP
    let total = ids.iter().sum::<u32>();
    tick().await;
    total
}

pub fn spawnable() -> impl std::future::Future<Output = usize> {
    async move {
        let big = vec![0u8; 4096]; // expect: LIFETIME_EXTENSION
        let n = checksum(&big) as usize;
        tick().await;
        n
    }
}

pub struct Resolver {
    cache: HashMap<String, u32>, // expect: LIFETIME_EXTENSION
}

impl Resolver {
    pub fn resolve(&mut self, k: &str) -> u32 {
        if let Some(v) = self.cache.get(k) {
            return *v;
        }
        let v = k.len() as u32;
        self.cache.insert(k.to_owned(), v);
        v
    }
}

pub struct Lookup {
    results: HashMap<u64, u64>, // expect: LIFETIME_EXTENSION
}

impl Lookup {
    pub fn square(&mut self, x: u64) -> u64 {
        if let Some(v) = self.results.get(&x) {
            return *v;
        }
        self.results.insert(x, x * x);
        x * x
    }
}

static CACHE: OnceLock<Mutex<HashMap<u32, String>>> = OnceLock::new(); // expect: LIFETIME_EXTENSION

pub fn name_of(id: u32) -> String {
    let mut map = CACHE.get_or_init(Default::default).lock().unwrap();
    map.entry(id).or_insert_with(|| id.to_string()).clone()
}

pub fn remember(id: u32, s: String) {
    CACHE.get_or_init(Default::default).lock().unwrap().insert(id, s);
}

pub struct Server {
    log: Vec<String>, // expect: LIFETIME_EXTENSION
}

impl Server {
    pub fn handle(&mut self, request: &str) {
        self.log.push(request.to_owned());
    }
}

// ---- negatives ----

pub async fn moved_first(sink: &Sink) {
    let data = vec![1u8, 2, 3]; // expect-none
    sink.send(data).await;
}

pub async fn dropped(path: &str, sink: &Sink) -> usize {
    let data = std::fs::read(path).unwrap_or_default(); // expect-none
    let n = data.len();
    drop(data);
    sink.flush().await;
    n
}

pub async fn used_after(sink: &Sink) -> usize {
    let buf = vec![0u8; 1024]; // expect-none
    sink.flush().await;
    buf.len()
}

pub async fn small(sink: &Sink) -> u32 {
    let n: u32 = 5; // expect-none
    sink.flush().await;
    n
}

pub fn not_async() -> usize {
    let buf = vec![0u8; 1024]; // expect-none
    buf.len()
}

pub async fn in_loop(sink: &Sink, rounds: usize) -> usize {
    let buf = vec![0u8; 1024]; // expect-none
    let mut n = 0;
    for _ in 0..rounds {
        n += buf.len();
        sink.flush().await;
    }
    n
}

pub struct Bounded {
    cache: HashMap<String, u32>, // expect-none
}

impl Bounded {
    pub fn put(&mut self, k: String, v: u32) {
        if self.cache.len() > 100 {
            self.cache.clear();
        }
        self.cache.insert(k, v);
    }
}

pub struct Builder {
    items: Vec<u32>, // expect-none
}

impl Builder {
    pub fn add(&mut self, x: u32) {
        self.items.push(x);
    }
    pub fn build(self) -> Vec<u32> {
        self.items
    }
}

pub struct Worker {
    pub queue: Vec<u32>, // expect-none
}

impl Worker {
    pub fn enqueue(&mut self, x: u32) {
        self.queue.push(x);
    }
}

pub struct Dispatcher {
    pending: Vec<u32>, // expect-none
}

impl Dispatcher {
    pub fn submit(&mut self, x: u32) {
        self.pending.push(x);
    }
    pub fn run(&mut self) -> u32 {
        self.pending.drain(..).sum()
    }
}

pub struct Context {
    seen: HashMap<u32, u32>, // expect-none
}

impl Context {
    pub fn count(&mut self, k: u32) {
        *self.seen.entry(k).or_insert(0) += 1;
        self.seen.retain(|_, v| *v < 10);
    }
}

// ---- memoization without the name, and registries that keep every entry ----

pub struct Resolver {
    resolved: HashMap<String, u64>, // expect: LIFETIME_EXTENSION
}

impl Resolver {
    pub fn resolve(&mut self, path: &str) -> u64 {
        if let Some(v) = self.resolved.get(path) {
            return *v;
        }
        let v = path.len() as u64;
        self.resolved.insert(path.to_owned(), v);
        v
    }
}

pub struct HelperRegistry {
    helpers: HashMap<String, fn(&str) -> String>, // expect-none: filled by `register`, read by `get`: a registry keeps its entries
}

impl HelperRegistry {
    pub fn register(&mut self, name: &str, f: fn(&str) -> String) {
        self.helpers.insert(name.to_owned(), f);
    }

    pub fn get(&self, name: &str) -> Option<&fn(&str) -> String> {
        self.helpers.get(name)
    }
}
