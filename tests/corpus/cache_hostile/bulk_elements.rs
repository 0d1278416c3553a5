//! Corpus: CACHE_HOSTILE, `Copy` elements over a cache line held in a row.
//! `// expect: CATEGORY` marks the line a finding must start on;
//! `// expect-none` marks a look-alike that must stay silent.

use std::collections::{HashMap, VecDeque};

#[derive(Clone, Copy, Default)]
pub struct Styles {
    pub fg: Option<u32>,
    pub bg: Option<u32>,
    pub underline: Option<u32>,
    pub strike: Option<u32>,
    pub bold: Option<u32>,
    pub dim: Option<u32>,
    pub italic: Option<u32>,
}

// ---- positives ----

#[derive(Clone, Copy)]
pub struct Cell { // expect: CACHE_HOSTILE
    pub character: char,
    pub styles: Styles,
    pub width: usize,
}

pub struct Row {
    pub columns: VecDeque<Cell>,
}

// ---- negatives ----

// Small enough: one cache line holds it.
#[derive(Clone, Copy)]
pub struct SmallCell { // expect-none
    pub character: char,
    pub width: u8,
    pub fg: Option<u32>,
}

// Over a line, but not held in a row by any type: one value, not a grid.
#[derive(Clone, Copy)]
pub struct Cursor { // expect-none
    pub styles: Styles,
    pub x: usize,
    pub y: usize,
}

// A fixed C layout (a GPU or file format) is not the rule's to change.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Vertex { // expect-none
    pub position: [f32; 4],
    pub normal: [f32; 4],
    pub uv: [f32; 4],
    pub color: [f32; 4],
    pub extra: [f32; 4],
}

// Not `Copy`, and only a map's values: left to the other rules.
#[derive(Clone)]
pub struct Entry { // expect-none
    pub styles: Styles,
    pub name: String,
    pub count: usize,
}

pub struct Screen {
    pub smalls: Vec<SmallCell>,
    pub cursor: Cursor,
    pub vertices: Vec<Vertex>,
    pub entries: HashMap<u32, Entry>,
}
