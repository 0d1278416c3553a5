// Texts chosen among arms where several arms copy a string literal into a
// `String`: the result of a function, or a local that is then only read.

use std::fmt;

pub enum Tag {
    None,
    Stable,
    Legacy,
    CPython { major: u8, minor: u8 },
}

impl Tag {
    pub fn pretty(&self) -> Option<String> {
        match self {
            Tag::None => None,
            Tag::Stable => Some("stable ABI".to_string()), // expect: HEAP_AVOIDABLE
            Tag::Legacy => Some(String::from("legacy ABI")),
            Tag::CPython { major, minor } => Some(format!("CPython {major}.{minor}")),
        }
    }

    pub fn label(&self) -> String {
        match self {
            Tag::None => "none".to_owned(), // expect: HEAP_AVOIDABLE
            Tag::Stable => "stable".to_owned(),
            Tag::Legacy => "legacy".to_owned(),
            Tag::CPython { major, .. } => format!("cp{major}"),
        }
    }

    pub fn one_literal(&self) -> String {
        match self {
            Tag::None => "none".to_string(), // expect-none: a single literal arm
            _ => format!("tag"),
        }
    }

    pub fn empty_arms(&self) -> String {
        match self {
            Tag::None => "".to_string(), // expect-none: an empty String does not allocate
            Tag::Stable => "".to_string(),
            _ => "x".repeat(2),
        }
    }
}

// A trait fixes the signature: nothing to propose.
pub trait Named {
    fn name(&self) -> String;
}

impl Named for Tag {
    fn name(&self) -> String {
        match self {
            Tag::None => "none".to_string(), // expect-none: the trait fixes the return type
            Tag::Stable => "stable".to_string(),
            _ => "other".to_string(),
        }
    }
}

pub fn triple(arch: &str, os: &str) -> String {
    let arch_name = match arch {
        "x86" => "i686".to_string(), // expect: HEAP_AVOIDABLE
        "riscv64" => "riscv64gc".to_string(),
        other => other.to_uppercase(),
    };
    format!("{arch_name}-{os}")
}

pub fn kept(arch: &str, out: &mut Vec<String>) {
    let arch_name = match arch {
        "x86" => "i686".to_string(), // expect-none: the String is handed over
        "riscv64" => "riscv64gc".to_string(),
        other => other.to_uppercase(),
    };
    out.push(arch_name);
}

pub fn grown(arch: &str) -> usize {
    let mut arch_name = match arch {
        "x86" => "i686".to_string(), // expect-none: the String is grown afterwards
        "riscv64" => "riscv64gc".to_string(),
        other => other.to_uppercase(),
    };
    arch_name.push_str("-linux");
    arch_name.len()
}

pub struct Shown(pub Tag);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.label())
    }
}
