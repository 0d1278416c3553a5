//! Corpus: HEAP_AVOIDABLE — a function that returns a boxed trait object
//! borrowing its arguments (`Box<dyn Write + '_>`): the box cannot outlive
//! the call that uses it, so one is allocated per call only to be dropped.
//! `// expect: CATEGORY` marks the line a finding must start on;
//! `// expect-none` marks a look-alike that must stay silent.

use std::io::{self, Write};

pub struct Stdout {
    lock: Option<io::StdoutLock<'static>>,
    enabled: bool,
}

// ---- positives ----

impl Stdout {
    fn handle(&mut self) -> Box<dyn Write + '_> { // expect: HEAP_AVOIDABLE
        match self.lock.as_mut() {
            Some(lock) => Box::new(lock),
            None => Box::new(io::stdout()),
        }
    }

    pub fn print(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.enabled {
            self.handle().write_all(buf)
        } else {
            Ok(())
        }
    }
}

fn words<'a>(text: &'a str, trim: bool) -> Box<dyn Iterator<Item = &'a str> + 'a> { // expect: HEAP_AVOIDABLE
    if trim {
        Box::new(text.split_whitespace())
    } else {
        Box::new(text.split(' '))
    }
}

pub fn count_words(lines: &[String]) -> usize {
    lines.iter().map(|l| words(l, true).count()).sum()
}

// ---- negatives ----

pub trait Source {
    fn items(&self) -> Box<dyn Iterator<Item = u32> + '_>;
}

pub struct Numbers {
    values: Vec<u32>,
}

// A trait method keeps its signature: `dyn Source` needs the box.
impl Source for Numbers {
    fn items(&self) -> Box<dyn Iterator<Item = u32> + '_> { // expect-none
        Box::new(self.values.iter().copied())
    }
}

// A `'static` box may be stored by the caller: the box is the value.
pub fn sink(to_stderr: bool) -> Box<dyn Write + Send> { // expect-none
    if to_stderr {
        Box::new(io::stderr())
    } else {
        Box::new(io::stdout())
    }
}

pub struct Pipeline {
    stages: Vec<Box<dyn Fn(u32) -> u32>>,
}

// Hands out a box made elsewhere: nothing is allocated here.
impl Pipeline {
    pub fn take_first(&mut self) -> Option<Box<dyn Fn(u32) -> u32>> { // expect-none
        if self.stages.is_empty() {
            None
        } else {
            Some(self.stages.remove(0))
        }
    }
}
