//! Corpus: HEAP_AVOIDABLE. `// expect: CATEGORY` marks the line a finding
//! must start on; `// expect-none` marks a look-alike that must stay silent.

pub struct Meta {
    pub a: u32,
    pub b: u32,
}

pub struct Big {
    pub data: [u64; 32],
}

pub struct Circle {
    pub r: f64,
}

pub trait Shape {
    fn area(&self) -> f64;
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        self.r * self.r * 3.14
    }
}

fn draw(_s: Box<dyn Shape>) {}
fn consume(_s: String) {}

// ---- positives ----

pub struct Table {
    pub lut: Box<[u8; 16]>, // expect: HEAP_AVOIDABLE
    pub count: Box<u64>, // expect: HEAP_AVOIDABLE
    pub meta: Box<Meta>, // expect: HEAP_AVOIDABLE
}

pub fn checksum(block: Box<[u32; 4]>) -> u32 { // expect: HEAP_AVOIDABLE
    block.iter().sum()
}

pub fn boxed_literal() -> u64 {
    let b = Box::new(42u64); // expect: HEAP_AVOIDABLE
    *b + 1
}

pub fn weights() -> u32 {
    let weights = vec![1, 2, 3, 4]; // expect: HEAP_AVOIDABLE
    weights.iter().sum()
}

pub fn split_fields(line: &str) -> usize {
    let sep = ",".to_string(); // expect: HEAP_AVOIDABLE
    line.split(sep.as_str()).count()
}

pub fn write_header(out: &mut String) {
    let header = String::from("id,name"); // expect: HEAP_AVOIDABLE
    out.push_str(&header);
}

pub fn zero_sum() -> u32 {
    let zeros = vec![0u8; 32]; // expect: HEAP_AVOIDABLE
    zeros.iter().map(|&z| z as u32).sum()
}

pub fn boxed_struct() -> u32 {
    let p = Box::new(Meta { a: 1, b: 2 }); // expect: HEAP_AVOIDABLE
    p.a + p.b
}

pub fn label() -> usize {
    let name = "worker".to_owned(); // expect: HEAP_AVOIDABLE
    name.len()
}

// ---- negatives ----

pub struct Callbacks {
    pub on_done: Box<dyn Fn()>, // expect-none
    pub name: Box<str>, // expect-none
    pub bytes: Box<[u8]>, // expect-none
    pub huge: Box<[u8; 1_000_000]>, // expect-none
    pub big: Box<Big>, // expect-none
}

pub struct ListNode { // expect: ARENA_CANDIDATE
    pub value: u32,
    pub next: Option<Box<ListNode>>, // expect-none
}

pub fn grown() -> usize {
    let mut v = vec![1, 2, 3]; // expect-none
    v.push(4);
    v.len()
}

pub fn handed_over() {
    let s = "x".to_string(); // expect-none
    consume(s);
}

pub fn dyn_box() -> f64 {
    let b: Box<dyn Shape> = Box::new(Circle { r: 1.0 }); // expect-none
    b.area()
}

pub fn coerced() {
    let b = Box::new(Circle { r: 1.0 }); // expect-none
    draw(b);
}

pub fn error_path(ok: bool) -> Result<(), String> {
    if !ok {
        return Err("bad".to_string()); // expect-none
    }
    Ok(())
}

pub fn owned_needed() -> String {
    let s = "abc".to_string(); // expect-none
    s.clone() // expect: UNNECESSARY_CLONE
}

fn main() {
    let name = "app".to_string(); // expect-none
    println!("{name}");
}

// ---- temporaries made only to be copied or lent ----

pub fn pad(buf: &mut Vec<u8>, n: usize) {
    buf.extend(vec![0; n]); // expect: HEAP_AVOIDABLE
}

fn write_str(_s: &str) {}

pub fn write_char(c: char) {
    write_str(&c.to_string()); // expect: HEAP_AVOIDABLE
}

// Resizing in place allocates no temporary.
pub fn pad_in_place(buf: &mut Vec<u8>, n: usize) {
    buf.resize(buf.len() + n, 0); // expect-none
}

// A number's text is not one char: the `String` is needed.
pub fn write_number(n: u64) {
    write_str(&n.to_string()); // expect-none
}

// Kept: the vector is stored, not copied.
pub fn stored(rows: &mut Vec<Vec<u8>>, n: usize) {
    rows.push(vec![0; n]); // expect-none
}

// ---- fixed scratch buffers: a stack array does ----

pub fn read_masks(r: &mut impl std::io::Read, alpha: bool) -> std::io::Result<u32> {
    let size = if alpha { 16 } else { 12 };
    let mut masks = vec![0u8; size]; // expect: HEAP_AVOIDABLE
    r.read_exact(&mut masks)?;
    Ok(u32::from_le_bytes([masks[0], masks[1], masks[2], masks[3]]))
}

pub fn read_tag(r: &mut impl std::io::Read) -> std::io::Result<u8> {
    let mut tag = vec![0u8; 8]; // expect: HEAP_AVOIDABLE
    r.read_exact(&mut tag)?;
    Ok(tag.iter().fold(0, |a, b| a ^ b))
}

pub fn read_payload(r: &mut impl std::io::Read, len: usize) -> std::io::Result<u8> {
    let mut payload = vec![0u8; len]; // expect-none: the length is the caller's, unbounded
    r.read_exact(&mut payload)?;
    Ok(payload[0])
}

pub fn read_rest(r: &mut impl std::io::Read) -> std::io::Result<usize> {
    let mut rest = vec![0u8; 16]; // expect-none: `read_to_end` grows it
    r.read_to_end(&mut rest)
}

pub fn read_owned(r: &mut impl std::io::Read) -> std::io::Result<Vec<u8>> {
    let mut owned = vec![0u8; 32]; // expect-none: returned to the caller
    r.read_exact(&mut owned)?;
    Ok(owned)
}

pub fn read_grown(r: &mut impl std::io::Read) -> std::io::Result<usize> {
    let mut grown = vec![0u8; 4]; // expect-none: grown after the read
    r.read_exact(&mut grown)?;
    grown.push(0);
    Ok(grown.len())
}

pub fn read_huge(r: &mut impl std::io::Read) -> std::io::Result<u8> {
    let mut huge = vec![0u8; 1 << 20]; // expect-none: a megabyte does not belong on the stack
    r.read_exact(&mut huge)?;
    Ok(huge[0])
}

// ---- iterators boxed per call only to be drained by the callee ----

pub struct Queue {
    pending: Vec<(u32, u64)>,
}

pub struct Buffer {
    id: u32,
    len: u64,
}

impl Queue {
    fn submit_all(&mut self, items: Box<dyn Iterator<Item = (u32, u64)> + '_>) {
        self.pending.extend(items);
    }

    pub fn submit(&mut self, buffers: Vec<Buffer>) {
        self.submit_all(Box::new(buffers.into_iter().map(|b| (b.id, b.len)))); // expect: HEAP_AVOIDABLE
    }
}

fn total(items: Box<dyn Iterator<Item = u64> + '_>) -> u64 {
    items.sum()
}

pub fn total_len(buffers: &[Buffer]) -> u64 {
    total(Box::new(buffers.iter().map(|b| b.len))) // expect: HEAP_AVOIDABLE
}

pub struct Source {
    rows: Option<Box<dyn Iterator<Item = u64>>>,
}

// Stored: the box is the value kept, not a temporary.
pub fn keep(rows: Vec<u64>) -> Source {
    Source {
        rows: Some(Box::new(rows.into_iter().map(|r| r + 1))), // expect-none
    }
}

pub fn queue_rows(queue: &mut Vec<Box<dyn Iterator<Item = u64>>>, rows: Vec<u64>) {
    queue.push(Box::new(rows.into_iter().filter(|r| *r > 0))); // expect-none
}

// Not an iterator: a boxed shape handed to a callee is the trait object it wants.
pub fn draw_circle(r: f64) {
    draw(Box::new(Circle { r })); // expect-none
}
