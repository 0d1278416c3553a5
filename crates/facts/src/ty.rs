//! Types as the code writes them: [`Ty`] keeps the path, the generic
//! arguments and the reference structure of a written (or inferred) type, so
//! that a later layer asks "is this a cheap handle?" or "what is the element
//! type?" of a value instead of re-parsing a string, and a proposal names the
//! type the code has (`HashSet<String>`, not "a map").
//!
//! [`View`] is the classification the rules branch on (owned string, vector,
//! map, box, reference-counted handle, …); [`Ty::layout`] estimates size and
//! alignment on a 64-bit target. Estimates are approximate (`repr(Rust)` does
//! not promise a layout) and answer `None` for anything unknown: callers must
//! read `None` as "do not claim a size". This module must NOT guess the type
//! of an expression — that is [`crate::infer`]'s job.

use std::fmt;
use std::sync::Arc;

use smol_str::SmolStr;
use syn::{GenericArgument, PathArguments, Type};

use crate::types::TypeTable;

/// A type as written: a path with generic arguments, a reference, a slice, …
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `String`, `Vec<u8>`, `std::io::Result<T>`, `T`.
    ///
    /// Shared, not boxed: a type is copied from signatures and tables into
    /// every binding, call and inferred expression that has it, and a copy
    /// of a shared path is a count, not a tree of allocations (they were a
    /// million and a half per million lines).
    Path(Arc<PathTy>),
    /// `&T` / `&mut T`.
    Ref { mutable: bool, inner: Box<Ty> },
    /// `*const T` / `*mut T`.
    Ptr(Box<Ty>),
    /// `[T]`.
    Slice(Box<Ty>),
    /// `[T; N]`, with `N` when it is a literal.
    Array(Box<Ty>, Option<u64>),
    /// `(A, B)`; `()` is the empty tuple.
    Tuple(Vec<Ty>),
    /// `dyn Trait + Send`: the trait names.
    Dyn(Vec<String>),
    /// `impl Trait`: the trait names (with generic arguments, e.g.
    /// `Into<String>`).
    Impl(Vec<String>),
    /// `fn(A) -> B`.
    FnPtr,
    /// `!`.
    Never,
    /// `_`.
    Infer,
    /// A type syn gives that none of the above describes (macros in type
    /// position, …).
    Unknown,
}

/// A path type: its segments and the last segment's generic type arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PathTy {
    /// `["std", "collections", "HashMap"]`; the last one is the name.
    /// (`SmolStr`: a type's segments are short names, kept inline rather
    /// than one heap block each — every binding, parameter and field holds
    /// a type until the call graph is built.)
    ///
    /// Boxed slices, not `Vec`s: with the `Arc`'s counts the whole stays in
    /// the heap block size a boxed `PathTy` of two `Vec`s took.
    pub segments: Box<[SmolStr]>,
    pub args: Box<[Ty]>,
    /// The last segment has a lifetime argument (`File<'_>`, `Cow<'a, str>`):
    /// a value of the type may borrow from something else.
    pub lifetime: bool,
}

/// What a type is, for the questions the rules ask.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum View<'a> {
    /// An integer, float, `bool` or `char`, with its size (= alignment).
    Prim(u64),
    /// `str`.
    Str,
    /// `String`, `PathBuf`, `OsString`, `CString`: an owned heap buffer.
    OwnedStr,
    /// `Vec<T>`, `VecDeque<T>`, `BinaryHeap<T>`.
    Vec(&'a Ty),
    /// `HashMap`, `BTreeMap`, `IndexMap`, … (key, value).
    Map(Option<&'a Ty>, Option<&'a Ty>),
    /// `HashSet`, `BTreeSet`, `IndexSet`, ….
    Set(Option<&'a Ty>),
    LinkedList,
    Boxed(&'a Ty),
    /// `Arc`, `Rc`, `Weak`: cloning bumps a counter.
    Shared(&'a Ty),
    /// Handles whose `Clone` is cheap and shares state: channel senders,
    /// `Bytes`, runtime handles, cancellation tokens.
    Handle,
    /// `RefCell`, `Cell`, `Mutex`, `RwLock`, ….
    Cell(&'a Ty),
    Option(&'a Ty),
    Cow(&'a Ty),
    Ref(&'a Ty),
    Slice(&'a Ty),
    Array(&'a Ty, Option<u64>),
    Tuple(&'a [Ty]),
    /// `dyn Trait`, `impl Trait`.
    Opaque,
    /// Any other path type (a struct or enum of the workspace, a generic
    /// parameter, a type from a dependency), by name.
    Named(&'a str, &'a [Ty]),
    Unknown,
}

/// Type names of cheap shared handles: their `Clone` copies a pointer and
/// bumps a count (or copies a small id), never the data behind it.
pub const HANDLE_TYPES: &[&str] = &[
    "Sender",
    "SyncSender",
    "UnboundedSender",
    "WeakSender",
    "WeakUnboundedSender",
    "Receiver",
    "Bytes",
    "Handle",
    "CancellationToken",
    "Notify",
    "Span",
    "Waker",
    "Client",
    "Pool",
    "EventLoopProxy",
    "Signal",
    "Semaphore",
];

const MAP_TYPES: &[&str] = &[
    "HashMap",
    "BTreeMap",
    "IndexMap",
    "FxHashMap",
    "AHashMap",
    "DashMap",
];
const SET_TYPES: &[&str] = &["HashSet", "BTreeSet", "IndexSet", "FxHashSet", "AHashSet"];

fn prim_size(name: &str) -> Option<u64> {
    Some(match name {
        "u8" | "i8" | "bool" => 1,
        "u16" | "i16" => 2,
        "u32" | "i32" | "f32" | "char" => 4,
        "u64" | "i64" | "f64" | "usize" | "isize" => 8,
        "u128" | "i128" => 16,
        _ => return None,
    })
}

impl Ty {
    /// A path type with no generic arguments: `Ty::named("String")`.
    pub fn named(name: &str) -> Ty {
        Ty::Path(Arc::new(PathTy {
            segments: Box::new([SmolStr::new(name)]),
            args: Box::default(),
            lifetime: false,
        }))
    }

    /// A path type with generic arguments: `Ty::generic("Vec", vec![u8])`.
    pub fn generic(name: &str, args: Vec<Ty>) -> Ty {
        Ty::Path(Arc::new(PathTy {
            segments: Box::new([SmolStr::new(name)]),
            args: args.into_boxed_slice(),
            lifetime: false,
        }))
    }

    /// `&inner`.
    pub fn reference(inner: Ty) -> Ty {
        Ty::Ref {
            mutable: false,
            inner: Box::new(inner),
        }
    }

    pub fn from_syn(t: &Type) -> Ty {
        match t {
            Type::Path(p) => {
                // Sized first: collected, a one-segment list would take a
                // block for four and then shrink into its box (a realloc).
                let mut segments = Vec::with_capacity(p.path.segments.len());
                segments.extend(p.path.segments.iter().map(|s| crate::ident::smol(&s.ident)));
                let segments = segments.into_boxed_slice();
                let generics = match p.path.segments.last().map(|s| &s.arguments) {
                    Some(PathArguments::AngleBracketed(a)) => Some(a),
                    _ => None,
                };
                let lifetime = generics.is_some_and(|a| {
                    a.args
                        .iter()
                        .any(|g| matches!(g, GenericArgument::Lifetime(_)))
                });
                let args: Box<[Ty]> = match generics.map(|a| &a.args) {
                    Some(args) => {
                        // Sized first: collected from a filter, the list
                        // would grow and then shrink into its box.
                        let n = args
                            .iter()
                            .filter(|g| matches!(g, GenericArgument::Type(_)))
                            .count();
                        let mut out = Vec::with_capacity(n);
                        out.extend(args.iter().filter_map(|g| match g {
                            GenericArgument::Type(t) => Some(Ty::from_syn(t)),
                            _ => None,
                        }));
                        out.into_boxed_slice()
                    }
                    None => Box::default(),
                };
                if segments.is_empty() {
                    return Ty::Unknown;
                }
                Ty::Path(Arc::new(PathTy {
                    segments,
                    args,
                    lifetime,
                }))
            }
            Type::Reference(r) => Ty::Ref {
                mutable: r.mutability.is_some(),
                inner: Box::new(Ty::from_syn(&r.elem)),
            },
            Type::Ptr(p) => Ty::Ptr(Box::new(Ty::from_syn(&p.elem))),
            Type::Array(a) => {
                let len = match &a.len {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Int(i),
                        ..
                    }) => i.base10_parse::<u64>().ok(),
                    _ => None,
                };
                Ty::Array(Box::new(Ty::from_syn(&a.elem)), len)
            }
            Type::Tuple(t) => Ty::Tuple(t.elems.iter().map(Ty::from_syn).collect()),
            Type::Paren(p) => Ty::from_syn(&p.elem),
            Type::Group(g) => Ty::from_syn(&g.elem),
            Type::Slice(s) => Ty::Slice(Box::new(Ty::from_syn(&s.elem))),
            Type::TraitObject(o) => Ty::Dyn(bound_names(o.bounds.iter())),
            Type::ImplTrait(i) => Ty::Impl(bound_names(i.bounds.iter())),
            Type::BareFn(_) => Ty::FnPtr,
            Type::Never(_) => Ty::Never,
            Type::Infer(_) => Ty::Infer,
            _ => Ty::Unknown,
        }
    }

    /// The parameter types of a closure this type describes: `dyn FnMut(String)`,
    /// `impl Fn(&str, u8)`, behind references or a `Box`; `None` for other
    /// types.
    pub fn closure_inputs(&self) -> Option<Vec<Ty>> {
        let t = self.peel_refs();
        let bounds = match t {
            Ty::Dyn(b) | Ty::Impl(b) => b,
            Ty::Path(p) if p.segments.last().is_some_and(|s| s == "Box") => {
                return p.args.first()?.closure_inputs()
            }
            _ => return None,
        };
        bounds.iter().find_map(|b| closure_bound_inputs(b))
    }

    /// Parses a type written as text (`"Vec<u8>"`); `Unknown` when it is not
    /// a type.
    pub fn parse(text: &str) -> Ty {
        match syn::parse_str::<Type>(text) {
            Ok(t) => Ty::from_syn(&t),
            Err(_) => Ty::Unknown,
        }
    }

    /// The last path segment (`HashMap` for `std::collections::HashMap<K, V>`),
    /// looking through references; `None` for other shapes.
    pub fn name(&self) -> Option<&str> {
        match self {
            Ty::Path(p) => p.segments.last().map(SmolStr::as_str),
            Ty::Ref { inner, .. } => inner.name(),
            _ => None,
        }
    }

    /// The generic type arguments of a path type.
    pub fn args(&self) -> &[Ty] {
        match self {
            Ty::Path(p) => &p.args,
            _ => &[],
        }
    }

    /// `&T` and `&mut T` → `T`, repeatedly.
    pub fn peel_refs(&self) -> &Ty {
        match self {
            Ty::Ref { inner, .. } => inner.peel_refs(),
            other => other,
        }
    }

    pub fn is_ref(&self) -> bool {
        matches!(self, Ty::Ref { .. })
    }

    /// Whether the type as written may hold a borrow: a reference, or a
    /// lifetime argument anywhere in it (`Vec<File<'_>>`, `Cow<'a, str>`).
    pub fn may_borrow(&self) -> bool {
        match self {
            Ty::Ref { .. } => true,
            Ty::Path(p) => p.lifetime || p.args.iter().any(Ty::may_borrow),
            Ty::Slice(t) | Ty::Array(t, _) | Ty::Ptr(t) => t.may_borrow(),
            Ty::Tuple(ts) => ts.iter().any(Ty::may_borrow),
            _ => false,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Ty::Unknown | Ty::Infer)
    }

    /// Classifies the type (without looking through references).
    pub fn view(&self) -> View<'_> {
        match self {
            Ty::Path(p) => {
                let name = p.segments.last().map(SmolStr::as_str).unwrap_or("");
                let arg = |i: usize| p.args.get(i);
                let first = || arg(0).unwrap_or(&Ty::Unknown);
                if let Some(size) = prim_size(name) {
                    return View::Prim(size);
                }
                match name {
                    "str" => View::Str,
                    "String" | "PathBuf" | "OsString" | "CString" => View::OwnedStr,
                    "Vec" | "VecDeque" | "BinaryHeap" => View::Vec(first()),
                    "LinkedList" => View::LinkedList,
                    "Box" => View::Boxed(first()),
                    "Arc" | "Rc" | "Weak" => View::Shared(first()),
                    "RefCell" | "Cell" | "Mutex" | "RwLock" | "OnceCell" | "OnceLock" => {
                        View::Cell(first())
                    }
                    "Option" => View::Option(first()),
                    "Cow" => View::Cow(first()),
                    n if MAP_TYPES.contains(&n) => View::Map(arg(0), arg(1)),
                    n if SET_TYPES.contains(&n) => View::Set(arg(0)),
                    n if HANDLE_TYPES.contains(&n) => View::Handle,
                    n => View::Named(n, &p.args),
                }
            }
            Ty::Ref { inner, .. } | Ty::Ptr(inner) => View::Ref(inner),
            Ty::Slice(t) => View::Slice(t),
            Ty::Array(t, n) => View::Array(t, *n),
            Ty::Tuple(ts) => View::Tuple(ts),
            Ty::Dyn(_) | Ty::Impl(_) => View::Opaque,
            Ty::FnPtr => View::Prim(8),
            Ty::Never | Ty::Infer | Ty::Unknown => View::Unknown,
        }
    }

    /// Cloning copies a pointer and bumps a count (or copies bits): `Arc`,
    /// `Rc`, channel senders and other handles, `Copy` types, references.
    pub fn clone_is_cheap(&self, table: &TypeTable) -> bool {
        match self.view() {
            View::Shared(_) | View::Handle | View::Ref(_) => true,
            _ => self.is_copy(table),
        }
    }

    /// Owns a heap buffer, so that its clone allocates.
    pub fn is_heap_owned(&self, table: &TypeTable) -> bool {
        match self.view() {
            View::OwnedStr
            | View::Vec(_)
            | View::Map(..)
            | View::Set(_)
            | View::LinkedList
            | View::Boxed(_) => true,
            View::Option(t) | View::Cow(t) => t.is_heap_owned(table),
            View::Named(n, _) => table.get(n).is_some_and(|d| !d.copy),
            View::Tuple(ts) => ts.iter().any(|t| t.is_heap_owned(table)),
            View::Array(t, _) => t.is_heap_owned(table),
            _ => false,
        }
    }

    /// `Copy` as far as the code shows: primitives, shared references,
    /// arrays/tuples/`Option`s of `Copy` types, `#[derive(Copy)]` types.
    pub fn is_copy(&self, table: &TypeTable) -> bool {
        match self {
            Ty::Ref { mutable, .. } => !mutable,
            Ty::Ptr(_) | Ty::FnPtr | Ty::Never => true,
            _ => match self.view() {
                View::Prim(_) => true,
                View::Array(t, _) | View::Option(t) => t.is_copy(table),
                View::Tuple(ts) => ts.iter().all(|t| t.is_copy(table)),
                View::Named(n, _) => table.get(n).is_some_and(|d| d.copy),
                _ => false,
            },
        }
    }

    /// Size and alignment in bytes on a 64-bit target, when known.
    pub fn layout(&self, table: &TypeTable) -> Option<(u64, u64)> {
        self.layout_at(table, 0)
    }

    pub(crate) fn layout_at(&self, table: &TypeTable, depth: u32) -> Option<(u64, u64)> {
        if depth > 8 {
            return None;
        }
        // Pointers to unsized data carry a length or a vtable.
        let fat = |inner: &Ty| {
            matches!(inner, Ty::Slice(_) | Ty::Dyn(_)) || matches!(inner.view(), View::Str)
        };
        match self.view() {
            View::Prim(s) => Some((s, s)),
            View::OwnedStr | View::Vec(_) | View::LinkedList => Some((24, 8)),
            // A B-tree is a root pointer, a height and a length; a hash
            // table is 32 bytes plus its hasher's state (std's `RandomState`
            // is two `u64`s, `FxBuildHasher` none).
            View::Map(..) | View::Set(_) => match self.name() {
                Some("BTreeMap" | "BTreeSet") => Some((24, 8)),
                Some("FxHashMap" | "FxHashSet") => Some((32, 8)),
                _ => Some((48, 8)),
            },
            View::Boxed(inner) | View::Shared(inner) | View::Ref(inner) => {
                if fat(inner) {
                    Some((16, 8))
                } else {
                    Some((8, 8))
                }
            }
            View::Cell(inner) => {
                let (s, a) = inner.layout_at(table, depth + 1)?;
                let a = a.max(8);
                Some((round_up(s + 8, a), a))
            }
            View::Option(inner) => match inner.view() {
                View::Boxed(_) | View::Shared(_) | View::Ref(_) | View::OwnedStr | View::Vec(_) => {
                    inner.layout_at(table, depth + 1)
                }
                // `None` takes a value the inner type never has: a `bool`'s
                // or `char`'s spare bit patterns, an enum tag's unused values.
                _ if niche(inner, table) => inner.layout_at(table, depth + 1),
                _ => {
                    let (s, a) = inner.layout_at(table, depth + 1)?;
                    Some((round_up(s + a, a), a))
                }
            },
            View::Array(t, Some(n)) => {
                let (s, a) = t.layout_at(table, depth + 1)?;
                Some((s * n, a))
            }
            View::Tuple(ts) => {
                let mut parts = Vec::with_capacity(ts.len());
                for t in ts {
                    parts.push(t.layout_at(table, depth + 1)?);
                }
                Some(rust_layout(&parts))
            }
            View::Named(n, _) => table.get(n)?.layout(table, depth + 1),
            // A handle's name (`Span`, `Handle`) declared in the workspace
            // is the workspace's own type, sized by its declaration.
            View::Handle => table.get(self.name()?)?.layout(table, depth + 1),
            _ => None,
        }
    }

    /// Type names held by value (not behind a pointer or a heap container):
    /// the "contains" relation that decides whether a type is recursive.
    pub fn by_value_names(&self, out: &mut Vec<String>) {
        match self {
            Ty::Path(p) => {
                let Some(name) = p.segments.last() else {
                    return;
                };
                if INDIRECT.contains(&name.as_str()) {
                    return;
                }
                out.push(name.to_string());
                for a in &p.args {
                    a.by_value_names(out);
                }
            }
            Ty::Tuple(ts) => ts.iter().for_each(|t| t.by_value_names(out)),
            Ty::Array(t, _) => t.by_value_names(out),
            _ => {}
        }
    }
}

/// Whether `t` has bit patterns no value uses, where `Option<t>` keeps its
/// `None` at no extra size: `bool`, `char`, and an enum of the table with
/// a tag (2 to 255 variants) whose unused values the compiler takes.
fn niche(t: &Ty, table: &TypeTable) -> bool {
    match t.name() {
        Some("bool" | "char") => true,
        Some(n) => matches!(
            table.get(n).map(|d| &d.kind),
            Some(crate::types::DefKind::Enum(v)) if (2..=255).contains(&v.len())
        ),
        None => false,
    }
}

/// Containers and pointers that hold their contents behind a heap pointer,
/// so a type inside them does not count towards the outer type's size.
pub const INDIRECT: &[&str] = &[
    "Box",
    "Vec",
    "Rc",
    "Arc",
    "Weak",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "VecDeque",
    "LinkedList",
    "BinaryHeap",
    "String",
    "Cow",
    "PhantomData",
    "IndexMap",
    "IndexSet",
];

/// The inputs of a closure bound as the facts write it (`FnMut(String, &str)`
/// → `[String, &str]`); `None` for a bound that is not `Fn`, `FnMut` or
/// `FnOnce` with its parameters.
pub fn closure_bound_inputs(bound: &str) -> Option<Vec<Ty>> {
    let open = bound.find('(')?;
    if !matches!(&bound[..open], "Fn" | "FnMut" | "FnOnce") {
        return None;
    }
    let inner = bound[open + 1..].strip_suffix(')')?;
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    // The inputs as a tuple type: commas inside generic arguments stay
    // inside their element.
    match Ty::parse(&format!("({inner},)")) {
        Ty::Tuple(ts) => Some(ts),
        _ => None,
    }
}

fn bound_names<'a>(bounds: impl Iterator<Item = &'a syn::TypeParamBound>) -> Vec<String> {
    bounds
        .filter_map(|b| match b {
            syn::TypeParamBound::Trait(t) => {
                let last = t.path.segments.last()?;
                let mut name = last.ident.to_string();
                if let PathArguments::AngleBracketed(a) = &last.arguments {
                    let args: Vec<String> = a
                        .args
                        .iter()
                        .filter_map(|g| match g {
                            GenericArgument::Type(t) => Some(Ty::from_syn(t).to_string()),
                            // `Iterator<Item = T>`: what an `impl Iterator`
                            // parameter yields.
                            GenericArgument::AssocType(a) => {
                                Some(format!("{} = {}", a.ident, Ty::from_syn(&a.ty)))
                            }
                            _ => None,
                        })
                        .collect();
                    if !args.is_empty() {
                        name = format!("{name}<{}>", args.join(", "));
                    }
                }
                // `FnMut(String)`: a closure bound keeps its inputs, which
                // say whether a call takes its arguments owned.
                if let PathArguments::Parenthesized(p) = &last.arguments {
                    let inputs: Vec<String> = p
                        .inputs
                        .iter()
                        .map(|t| Ty::from_syn(t).to_string())
                        .collect();
                    name = format!("{name}({})", inputs.join(", "));
                }
                Some(name)
            }
            _ => None,
        })
        .collect()
}

pub(crate) fn round_up(n: u64, align: u64) -> u64 {
    if align == 0 {
        n
    } else {
        n.div_ceil(align) * align
    }
}

/// `repr(Rust)` reorders fields; approximate it as sorted by alignment.
pub fn rust_layout(parts: &[(u64, u64)]) -> (u64, u64) {
    let align = parts.iter().map(|p| p.1).max().unwrap_or(1);
    let size: u64 = parts.iter().map(|p| p.0).sum();
    (round_up(size, align), align)
}

/// `repr(C)` keeps declaration order: the size with padding, and the size
/// the same fields would take sorted by alignment (largest first).
pub fn c_layout(parts: &[(u64, u64)]) -> (u64, u64) {
    let place = |parts: &mut dyn Iterator<Item = (u64, u64)>| {
        let mut off = 0;
        let mut align = 1;
        for (s, a) in parts {
            off = round_up(off, a) + s;
            align = align.max(a);
        }
        round_up(off, align)
    };
    let declared = place(&mut parts.iter().copied());
    let mut sorted = parts.to_vec();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.1));
    let best = place(&mut sorted.into_iter());
    (declared, best)
}

impl fmt::Display for Ty {
    /// Rust syntax: `HashSet<String>`, `&mut [u8]`, `Box<dyn Stage>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Path(p) => {
                f.write_str(&p.segments.join("::"))?;
                if !p.args.is_empty() {
                    f.write_str("<")?;
                    for (i, a) in p.args.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{a}")?;
                    }
                    f.write_str(">")?;
                }
                Ok(())
            }
            Ty::Ref { mutable, inner } => {
                write!(f, "&{}{inner}", if *mutable { "mut " } else { "" })
            }
            Ty::Ptr(inner) => write!(f, "*const {inner}"),
            Ty::Slice(t) => write!(f, "[{t}]"),
            Ty::Array(t, Some(n)) => write!(f, "[{t}; {n}]"),
            Ty::Array(t, None) => write!(f, "[{t}; _]"),
            Ty::Tuple(ts) => {
                f.write_str("(")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                if ts.len() == 1 {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
            Ty::Dyn(b) => write!(f, "dyn {}", b.join(" + ")),
            Ty::Impl(b) => write!(f, "impl {}", b.join(" + ")),
            Ty::FnPtr => f.write_str("fn(..)"),
            Ty::Never => f.write_str("!"),
            Ty::Infer => f.write_str("_"),
            Ty::Unknown => f.write_str("?"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(s: &str) -> Ty {
        Ty::parse(s)
    }

    #[test]
    fn lifetimes_say_a_value_may_borrow() {
        for (text, borrows) in [
            ("Vec<File<'_>>", true),
            ("Vec<&str>", true),
            ("Cow<'a, str>", true),
            ("(u32, Token<'src>)", true),
            ("Vec<String>", false),
            ("HashMap<u32, Vec<u8>>", false),
            ("Vec<_>", false),
        ] {
            assert_eq!(ty(text).may_borrow(), borrows, "{text}");
        }
        // The lifetime does not change how the type reads.
        assert_eq!(ty("Vec<File<'_>>").to_string(), "Vec<File>");
    }

    #[test]
    fn types_keep_their_names_and_arguments() {
        for text in [
            "HashSet<String>",
            "std::collections::HashMap<u32, Vec<u8>>",
            "&mut [u8]",
            "Box<dyn Stage + Send>",
            "Option<(u8, String)>",
            "[u32; 8]",
            "impl Into<String>",
        ] {
            assert_eq!(ty(text).to_string(), text, "{text} displays as written");
        }
        assert_eq!(ty("HashSet<String>").name(), Some("HashSet"));
        assert!(
            matches!(ty("HashSet<String>").view(), View::Set(Some(_))),
            "a set stays a set"
        );
    }

    #[test]
    fn cheap_clones_are_told_apart() {
        let table = TypeTable::default();
        for cheap in [
            "Arc<Vec<u8>>",
            "Rc<str>",
            "mpsc::Sender<Event>",
            "UnboundedSender<Msg>",
            "Bytes",
            "&String",
            "u64",
            "(u8, char)",
        ] {
            assert!(ty(cheap).clone_is_cheap(&table), "{cheap} clones cheaply");
        }
        for dear in ["String", "Vec<u8>", "HashMap<u8, u8>", "Option<String>"] {
            assert!(
                !ty(dear).clone_is_cheap(&table),
                "{dear} clones its heap data"
            );
            assert!(ty(dear).is_heap_owned(&table), "{dear} owns heap data");
        }
    }

    #[test]
    fn sizes_follow_64_bit_layouts() {
        let table = TypeTable::default();
        let cases = [
            ("u8", Some((1, 1))),
            ("String", Some((24, 8))),
            ("Box<dyn Fn()>", Some((16, 8))),
            ("Box<[u8]>", Some((16, 8))),
            ("Option<Box<u8>>", Some((8, 8))),
            ("[u32; 8]", Some((32, 4))),
            ("(u8, u64)", Some((16, 8))),
            ("HashMap<String, u8>", Some((48, 8))),
            ("BTreeMap<String, u8>", Some((24, 8))),
            ("FxHashSet<u32>", Some((32, 8))),
            ("Unknown", None),
        ];
        for (text, want) in cases {
            assert_eq!(ty(text).layout(&table), want, "layout of {text}");
        }
    }

    #[test]
    fn a_handle_name_declared_in_the_workspace_is_sized_by_its_declaration() {
        // `Span` reads as a cheap handle (tracing's), but a workspace that
        // declares its own is sized by the declaration; an undeclared one
        // stays unknown.
        assert_eq!(ty("Span").layout(&TypeTable::default()), None);
        let file = syn::parse_file("pub struct Span { start: u32, end: u32 }").unwrap();
        let table = TypeTable::for_file(None, &file);
        assert_eq!(ty("Span").layout(&table), Some((8, 4)));
        assert_eq!(ty("(Span, u8)").layout(&table), Some((12, 4)));
    }

    #[test]
    fn repr_c_padding_is_measured() {
        let (declared, best) = c_layout(&[(1, 1), (8, 8), (1, 1)]);
        assert_eq!(
            (declared, best),
            (24, 16),
            "u8,u64,u8 pads to 24 but packs to 16"
        );
    }

    #[test]
    fn by_value_names_stop_at_pointers() {
        let mut out = Vec::new();
        ty("(Node, Option<Leaf>, Box<Node>, Vec<Node>)").by_value_names(&mut out);
        assert_eq!(out, vec!["Node", "Option", "Leaf"]);
    }

    #[test]
    fn closure_types_keep_their_inputs() {
        let t = Ty::parse("&mut (dyn FnMut(String) + Send)");
        assert_eq!(t.to_string(), "&mut dyn FnMut(String) + Send");
        assert_eq!(t.closure_inputs(), Some(vec![Ty::named("String")]));
        let b = Ty::parse("Box<dyn Fn(&str, Vec<(u8, u16)>) -> bool>");
        let inputs = b.closure_inputs().unwrap();
        assert_eq!(inputs.len(), 2);
        assert!(inputs[0].is_ref());
        assert_eq!(inputs[1].to_string(), "Vec<(u8, u16)>");
        assert_eq!(
            Ty::parse("impl FnOnce()").closure_inputs(),
            Some(Vec::new())
        );
        assert_eq!(Ty::parse("dyn Display").closure_inputs(), None);
        assert_eq!(Ty::parse("String").closure_inputs(), None);
    }
}
