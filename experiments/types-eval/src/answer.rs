//! The questions the Validator asks about types at a candidate site, and
//! the shape of an answer, shared by the syntax side (memaudit's facts) and
//! the semantic side (rust-analyzer) so the two can be compared field by
//! field.
//!
//! This module must NOT compute answers: it only names them.

use serde::Serialize;

/// What is asked at a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Question {
    /// `x.clone()`, `Arc::clone(&x)`, `x.to_owned()`: what does the copy
    /// cost (a bitwise copy, a refcount bump, or a heap copy)?
    CloneCost,
    /// The site's value is passed by value to a call: does the callee keep
    /// it (owned parameter, a constructor, `Into<String>` that copies
    /// anyway) or only borrow it? Does the callee diverge (`-> !`)?
    Sink,
    /// `let x = <site>`: the binding's type (a proposal must name it).
    Binding,
    /// The element each iteration of the enclosing loop yields.
    LoopItem,
    /// The receiver of an iterator adaptor whose closure the facts treat as
    /// a loop body: an iterator (runs per element) or an `Option`/`Result`
    /// (runs at most once)?
    LoopReceiver,
    /// The argument of a conversion (`PathBuf::from(a)`, `String::from(a)`):
    /// is it already owned (the conversion moves the buffer) or borrowed
    /// (the conversion allocates)?
    ConversionArg,
}

/// What cloning a value costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CloneCost {
    /// `Copy`: a bitwise copy (shared references included).
    Copy,
    /// `Arc`/`Rc`/`Weak`, channel senders, `Bytes`, or a type whose derived
    /// `Clone` only copies such fields: a refcount bump, no heap copy.
    Cheap,
    /// A heap copy: `String`, `Vec`, `Box`, maps, or a type holding one.
    Owned,
    /// The type, or what its `Clone` does, is not known.
    Unknown,
}

/// How a callee takes the argument at the site's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParamKind {
    /// An owned parameter (`String`, `Vec<T>`, `Option<String>`, `T` by
    /// value), a collection insert, a tuple struct or enum variant: the
    /// value is kept, so one reused buffer cannot replace it.
    Owned,
    /// `impl Into<String>`, `T: Into<..>`/`ToString`/`Display`: the callee
    /// converts (copies a borrowed argument anyway).
    Converts,
    /// `&str`, `&T`, `AsRef<..>`, `Borrow<..>`: a borrow would do.
    Borrowed,
    /// A generic parameter with other or no bounds.
    Generic,
    /// The callee returns `!`: the call is an exit or error path.
    Diverges,
    Unknown,
}

/// Whether a value is owned or borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ownership {
    Owned,
    Borrowed,
    Unknown,
}

/// One side's answer to one question.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Answer {
    /// The type as that side writes it, when it has one.
    pub ty: Option<String>,
    /// The classification the rules would branch on (`copy`, `owned`, …);
    /// `None` when that side cannot tell.
    pub class: Option<String>,
    /// Why, in a few words (the callee's name, the impl that decided, …).
    pub detail: String,
}

impl Answer {
    pub fn unknown(detail: impl Into<String>) -> Answer {
        Answer {
            ty: None,
            class: None,
            detail: detail.into(),
        }
    }
}

pub fn clone_class(c: CloneCost) -> Option<String> {
    match c {
        CloneCost::Unknown => None,
        CloneCost::Copy => Some("copy".into()),
        CloneCost::Cheap => Some("cheap".into()),
        CloneCost::Owned => Some("owned".into()),
    }
}

pub fn param_class(p: ParamKind) -> Option<String> {
    match p {
        ParamKind::Unknown => None,
        ParamKind::Owned => Some("owned".into()),
        ParamKind::Converts => Some("converts".into()),
        ParamKind::Borrowed => Some("borrowed".into()),
        ParamKind::Generic => Some("generic".into()),
        ParamKind::Diverges => Some("diverges".into()),
    }
}

pub fn ownership_class(o: Ownership) -> Option<String> {
    match o {
        Ownership::Unknown => None,
        Ownership::Owned => Some("owned".into()),
        Ownership::Borrowed => Some("borrowed".into()),
    }
}

/// The outer type's name with references peeled and generic arguments
/// dropped (`&mut HashSet<String>` → `HashSet`): what a proposal must name.
pub fn head_name(ty: &str) -> String {
    let t = ty.trim_start_matches(['&', ' ']);
    let t = t.strip_prefix("mut ").unwrap_or(t);
    let t = t.strip_prefix("'_ ").unwrap_or(t);
    let end = t.find('<').unwrap_or(t.len());
    let path = &t[..end];
    path.rsplit("::").next().unwrap_or(path).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::head_name;

    #[test]
    fn head_names_drop_references_paths_and_arguments() {
        for (ty, want) in [
            ("&mut HashSet<String>", "HashSet"),
            ("std::collections::HashMap<u8, u8>", "HashMap"),
            ("String", "String"),
            ("&str", "str"),
        ] {
            assert_eq!(head_name(ty), want, "head of {ty}");
        }
    }
}
