//! Corpus: CACHE_HOSTILE. `// expect: CATEGORY` marks the line a finding
//! must start on; `// expect-none` marks a look-alike that must stay silent.

use std::collections::LinkedList;

pub struct Circle {
    pub r: f64,
}

pub struct Particle {
    pub x: f32,
    pub y: f32,
    pub z: f32,
    pub mass: f32,
}

pub struct Pair {
    pub a: u32,
    pub b: u32,
}

pub struct FrameData {
    pub pixels: [u32; 64],
}

pub trait Draw {
    fn draw(&self);
}

fn show(_p: &Particle) {}

// ---- positives ----

pub enum Msg { // expect: CACHE_HOSTILE
    Ping,
    Data([u8; 512]),
    Ack(u32),
}

pub enum Event { // expect: CACHE_HOSTILE
    Key(u32),
    Frame(FrameData),
}

pub struct Scene {
    pub shapes: Vec<Box<Circle>>, // expect: CACHE_HOSTILE
    pub history: LinkedList<u32>, // expect: CACHE_HOSTILE
}

pub fn area(items: &Vec<Box<Circle>>) -> f64 { // expect: CACHE_HOSTILE
    items.iter().map(|c| c.r * c.r).sum()
}

pub fn queue() -> usize {
    let mut q = LinkedList::new(); // expect: CACHE_HOSTILE
    q.push_back(1u32);
    q.len()
}

pub fn total_mass(particles: &[Particle]) -> f32 {
    let mut total = 0.0;
    for p in particles { // expect: CACHE_HOSTILE
        total += p.mass;
    }
    total
}

pub fn sum_x(particles: &Vec<Particle>) -> f32 {
    particles.iter().map(|p| p.x).sum() // expect: CACHE_HOSTILE
}

#[repr(C)]
pub struct Header { // expect: CACHE_HOSTILE
    pub flag: u8,
    pub len: u64,
    pub kind: u8,
}

pub fn max_y(particles: &[Particle]) -> f32 {
    let mut m = f32::MIN;
    for p in particles.iter() { // expect: CACHE_HOSTILE
        if p.y > m {
            m = p.y;
        }
    }
    m
}

// ---- negatives ----

pub enum Shape { // expect-none
    Round(f64),
    Rect(f64, f64),
}

pub struct Widgets {
    pub items: Vec<Box<dyn Draw>>, // expect-none
    pub names: Vec<Box<str>>, // expect-none
}

pub struct Pool<T> {
    pub items: Vec<Box<T>>, // expect-none
}

pub fn energy(particles: &[Particle]) -> f32 {
    let mut e = 0.0;
    for p in particles { // expect-none
        e += p.x * p.mass;
    }
    e
}

pub fn show_all(particles: &[Particle]) {
    for p in particles { // expect-none
        show(p);
    }
}

pub fn sum_a(pairs: &[Pair]) -> u32 {
    let mut s = 0;
    for p in pairs { // expect-none
        s += p.a;
    }
    s
}

#[repr(C)]
pub struct Packed { // expect-none
    pub a: u64,
    pub b: u32,
    pub c: u32,
}

pub enum Value { // expect-none
    Small(u8),
    Big(ExternalType),
}

pub struct ExternalWrapper {
    pub v: Vec<ExternalType>, // expect-none
}

pub fn sum_list(items: &[u32]) -> u32 {
    let mut s = 0;
    for i in items { // expect-none
        s += i;
    }
    s
}

type ExternalType = std::string::String;
