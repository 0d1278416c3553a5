//! The semantic knowledge syn lacks: a table of the structs, enums and fn
//! signatures of a file (and, when the caller supplies one, of its crate),
//! a simplified type model, and size/alignment estimates for 64-bit targets.
//!
//! Estimates are deliberately approximate (layout rules of `repr(Rust)` are
//! not guaranteed) and return `None` whenever a type is unknown; callers must
//! treat `None` as "do not claim a size". This module must NOT guess types of
//! expressions — that is the fact walker's job.

use std::collections::HashMap;

use syn::{Fields, GenericArgument, Item, PathArguments, Type};

/// A simplified type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    /// Primitive with its size (= alignment).
    Prim(u64),
    /// `String`, `PathBuf`, `OsString`: a 24-byte owned heap buffer.
    OwnedStr,
    /// `Vec<T>` and `VecDeque<T>`.
    Vec(Box<Ty>),
    /// Maps and sets.
    Map,
    LinkedList,
    Boxed(Box<Ty>),
    /// `Arc`, `Rc`, `Weak` and other handles whose clone is cheap.
    Shared(Box<Ty>),
    RefCell(Box<Ty>),
    Option(Box<Ty>),
    Ref(Box<Ty>),
    Array(Box<Ty>, Option<u64>),
    Tuple(Vec<Ty>),
    /// `dyn Trait`, `impl Trait`, `str`.
    Unsized,
    /// `[T]`.
    Slice(Box<Ty>),
    Named(String, Vec<Ty>),
    Unknown,
}

/// Cheap-to-clone handle types (reference counted or internally shared).
const SHARED: &[&str] = &[
    "Arc",
    "Rc",
    "Weak",
    "Bytes",
    "Sender",
    "SyncSender",
    "UnboundedSender",
    "Handle",
    "CancellationToken",
];

impl Ty {
    pub(crate) fn from_syn(t: &Type) -> Ty {
        match t {
            Type::Path(p) => {
                let Some(seg) = p.path.segments.last() else {
                    return Ty::Unknown;
                };
                let args: Vec<Ty> = match &seg.arguments {
                    PathArguments::AngleBracketed(a) => a
                        .args
                        .iter()
                        .filter_map(|g| match g {
                            GenericArgument::Type(t) => Some(Ty::from_syn(t)),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let first = || Box::new(args.first().cloned().unwrap_or(Ty::Unknown));
                let name = seg.ident.to_string();
                match name.as_str() {
                    "u8" | "i8" | "bool" => Ty::Prim(1),
                    "u16" | "i16" => Ty::Prim(2),
                    "u32" | "i32" | "f32" | "char" => Ty::Prim(4),
                    "u64" | "i64" | "f64" | "usize" | "isize" => Ty::Prim(8),
                    "u128" | "i128" => Ty::Prim(16),
                    "String" | "PathBuf" | "OsString" => Ty::OwnedStr,
                    "str" => Ty::Unsized,
                    "Vec" | "VecDeque" | "BinaryHeap" => Ty::Vec(first()),
                    "HashMap" | "HashSet" | "BTreeMap" | "BTreeSet" | "IndexMap" | "IndexSet" => {
                        Ty::Map
                    }
                    "LinkedList" => Ty::LinkedList,
                    "Box" => Ty::Boxed(first()),
                    "RefCell" | "Cell" | "Mutex" | "RwLock" => Ty::RefCell(first()),
                    "Option" => Ty::Option(first()),
                    n if SHARED.contains(&n) => Ty::Shared(first()),
                    _ => Ty::Named(name, args),
                }
            }
            Type::Reference(r) => Ty::Ref(Box::new(Ty::from_syn(&r.elem))),
            Type::Ptr(p) => Ty::Ref(Box::new(Ty::from_syn(&p.elem))),
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
            Type::TraitObject(_) | Type::ImplTrait(_) => Ty::Unsized,
            _ => Ty::Unknown,
        }
    }

    pub(crate) fn is_shared(&self) -> bool {
        matches!(self, Ty::Shared(_))
    }

    /// Owns a heap buffer whose clone allocates.
    pub(crate) fn is_heap_owned(&self, table: &FileTypes<'_>) -> bool {
        match self {
            Ty::OwnedStr | Ty::Vec(_) | Ty::Map | Ty::LinkedList | Ty::Boxed(_) => true,
            Ty::Option(t) => t.is_heap_owned(table),
            Ty::Named(n, _) => table.get(n).is_some_and(|d| !d.copy),
            _ => false,
        }
    }

    pub(crate) fn is_copy(&self, table: &FileTypes<'_>) -> bool {
        match self {
            Ty::Prim(_) => true,
            Ty::Ref(inner) => inner.is_copy(table),
            Ty::Array(t, _) | Ty::Option(t) => t.is_copy(table),
            Ty::Tuple(ts) => ts.iter().all(|t| t.is_copy(table)),
            Ty::Named(n, _) => table.get(n).is_some_and(|d| d.copy),
            _ => false,
        }
    }

    /// Size and alignment in bytes on a 64-bit target, when known.
    pub(crate) fn layout(&self, table: &FileTypes<'_>, depth: u32) -> Option<(u64, u64)> {
        if depth > 8 {
            return None;
        }
        match self {
            Ty::Prim(s) => Some((*s, *s)),
            Ty::OwnedStr | Ty::Vec(_) => Some((24, 8)),
            Ty::Map => Some((48, 8)),
            Ty::LinkedList => Some((24, 8)),
            Ty::Boxed(inner) | Ty::Shared(inner) | Ty::Ref(inner) => {
                if matches!(**inner, Ty::Unsized | Ty::Slice(_)) {
                    Some((16, 8))
                } else {
                    Some((8, 8))
                }
            }
            Ty::RefCell(inner) => {
                let (s, a) = inner.layout(table, depth + 1)?;
                let a = a.max(8);
                Some((round_up(s + 8, a), a))
            }
            Ty::Option(inner) => match &**inner {
                Ty::Boxed(_) | Ty::Shared(_) | Ty::Ref(_) | Ty::OwnedStr | Ty::Vec(_) => {
                    inner.layout(table, depth + 1)
                }
                other => {
                    let (s, a) = other.layout(table, depth + 1)?;
                    Some((round_up(s + a, a), a))
                }
            },
            Ty::Array(t, Some(n)) => {
                let (s, a) = t.layout(table, depth + 1)?;
                Some((s * n, a))
            }
            Ty::Tuple(ts) => {
                let mut parts = Vec::with_capacity(ts.len());
                for t in ts {
                    parts.push(t.layout(table, depth + 1)?);
                }
                Some(rust_layout(&parts))
            }
            Ty::Named(n, _) => table.get(n)?.layout(table, depth + 1),
            _ => None,
        }
    }
}

fn round_up(n: u64, align: u64) -> u64 {
    if align == 0 {
        n
    } else {
        n.div_ceil(align) * align
    }
}

/// `repr(Rust)` reorders fields; approximate it as sorted by alignment.
pub(crate) fn rust_layout(parts: &[(u64, u64)]) -> (u64, u64) {
    let align = parts.iter().map(|p| p.1).max().unwrap_or(1);
    let size: u64 = parts.iter().map(|p| p.0).sum();
    (round_up(size, align), align)
}

/// `repr(C)` keeps declaration order: size with padding, and the size the
/// same fields would take sorted by alignment (largest first).
pub(crate) fn c_layout(parts: &[(u64, u64)]) -> (u64, u64) {
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

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DefKind {
    Struct(Vec<(String, Ty)>),
    Enum(Vec<(String, Vec<Ty>)>),
}

/// A struct or enum of the crate.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub(crate) kind: DefKind,
    pub(crate) copy: bool,
    pub(crate) clone: bool,
    pub(crate) repr_c: bool,
}

impl TypeDef {
    fn layout(&self, table: &FileTypes<'_>, depth: u32) -> Option<(u64, u64)> {
        match &self.kind {
            DefKind::Struct(fields) => {
                let mut parts = Vec::with_capacity(fields.len());
                for (_, t) in fields {
                    parts.push(t.layout(table, depth)?);
                }
                if self.repr_c {
                    let (s, _) = c_layout(&parts);
                    Some((s, parts.iter().map(|p| p.1).max().unwrap_or(1)))
                } else {
                    Some(rust_layout(&parts))
                }
            }
            DefKind::Enum(variants) => {
                let mut max = (0, 1);
                for (_, fields) in variants {
                    let mut parts = Vec::with_capacity(fields.len());
                    for t in fields {
                        parts.push(t.layout(table, depth)?);
                    }
                    let l = rust_layout(&parts);
                    max = (max.0.max(l.0), max.1.max(l.1));
                }
                let tag = if variants.len() > 1 { max.1 } else { 0 };
                Some((round_up(max.0 + tag, max.1), max.1))
            }
        }
    }

    pub(crate) fn field(&self, name: &str) -> Option<&Ty> {
        match &self.kind {
            DefKind::Struct(f) => f.iter().find(|(n, _)| n == name).map(|(_, t)| t),
            DefKind::Enum(_) => None,
        }
    }

    pub(crate) fn field_count(&self) -> usize {
        match &self.kind {
            DefKind::Struct(f) => f.len(),
            DefKind::Enum(_) => 0,
        }
    }
}

/// A fn signature: parameter names and types, return type.
#[derive(Debug, Clone, PartialEq)]
pub struct FnSig {
    pub(crate) params: Vec<Ty>,
    pub(crate) ret: Option<Ty>,
}

/// Structs, enums and fn signatures by name. Build one per crate with
/// [`TypeTable::add_file`] to give detectors cross-file knowledge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeTable {
    pub(crate) types: HashMap<String, TypeDef>,
    pub(crate) fns: HashMap<String, FnSig>,
}

impl TypeTable {
    /// Adds the items of one parsed file (inline modules included).
    pub fn add_file(&mut self, file: &syn::File) {
        self.add_items(&file.items);
    }

    /// Parses `source` and adds its items; a file that does not parse adds nothing.
    pub fn add_source(&mut self, source: &str) {
        if let Ok(file) = syn::parse_file(source) {
            self.add_file(&file);
        }
        proc_macro2::extra::invalidate_current_thread_spans();
    }

    pub fn len(&self) -> usize {
        self.types.len() + self.fns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn add_items(&mut self, items: &[Item]) {
        for item in items {
            match item {
                Item::Struct(s) => {
                    let fields = match &s.fields {
                        Fields::Named(n) => n
                            .named
                            .iter()
                            .map(|f| {
                                (
                                    f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default(),
                                    Ty::from_syn(&f.ty),
                                )
                            })
                            .collect(),
                        Fields::Unnamed(u) => u
                            .unnamed
                            .iter()
                            .enumerate()
                            .map(|(i, f)| (i.to_string(), Ty::from_syn(&f.ty)))
                            .collect(),
                        Fields::Unit => Vec::new(),
                    };
                    let (copy, clone, repr_c) = derives(&s.attrs);
                    self.types.insert(
                        s.ident.to_string(),
                        TypeDef {
                            kind: DefKind::Struct(fields),
                            copy,
                            clone,
                            repr_c,
                        },
                    );
                }
                Item::Enum(e) => {
                    let variants = e
                        .variants
                        .iter()
                        .map(|v| {
                            (
                                v.ident.to_string(),
                                v.fields.iter().map(|f| Ty::from_syn(&f.ty)).collect(),
                            )
                        })
                        .collect();
                    let (copy, clone, repr_c) = derives(&e.attrs);
                    self.types.insert(
                        e.ident.to_string(),
                        TypeDef {
                            kind: DefKind::Enum(variants),
                            copy,
                            clone,
                            repr_c,
                        },
                    );
                }
                Item::Fn(f) => {
                    self.fns.insert(f.sig.ident.to_string(), sig(&f.sig));
                }
                Item::Impl(i) => {
                    for ii in &i.items {
                        if let syn::ImplItem::Fn(f) = ii {
                            self.fns.insert(f.sig.ident.to_string(), sig(&f.sig));
                        }
                    }
                    // `impl Copy for T {}` marks T as Copy too.
                    if let (Some((_, path, _)), Type::Path(tp)) = (&i.trait_, &*i.self_ty) {
                        if path.segments.last().is_some_and(|s| s.ident == "Copy") {
                            if let Some(seg) = tp.path.segments.last() {
                                if let Some(d) = self.types.get_mut(&seg.ident.to_string()) {
                                    d.copy = true;
                                }
                            }
                        }
                    }
                }
                Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        self.add_items(items);
                    }
                }
                _ => {}
            }
        }
    }

    pub(crate) fn for_file<'a>(base: &'a TypeTable, file: &syn::File) -> FileTypes<'a> {
        let mut local = TypeTable::default();
        local.add_file(file);
        let std_linked_list = file.items.iter().any(|i| match i {
            Item::Use(u) => use_names_std_list(&u.tree, false),
            _ => false,
        });
        let ffi = file.items.iter().any(|i| match i {
            Item::ForeignMod(_) => true,
            Item::Fn(f) => f.sig.abi.is_some(),
            Item::Macro(m) => m
                .mac
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "link"),
            _ => false,
        });
        FileTypes {
            base,
            local,
            std_linked_list,
            ffi,
        }
    }
}

/// Whether a `use` tree imports `collections::LinkedList`.
fn use_names_std_list(t: &syn::UseTree, under_collections: bool) -> bool {
    match t {
        syn::UseTree::Path(p) => {
            use_names_std_list(&p.tree, under_collections || p.ident == "collections")
        }
        syn::UseTree::Name(n) => under_collections && n.ident == "LinkedList",
        syn::UseTree::Rename(r) => under_collections && r.ident == "LinkedList",
        syn::UseTree::Group(g) => g
            .items
            .iter()
            .any(|i| use_names_std_list(i, under_collections)),
        syn::UseTree::Glob(_) => under_collections,
    }
}

fn sig(s: &syn::Signature) -> FnSig {
    FnSig {
        params: s
            .inputs
            .iter()
            .filter_map(|a| match a {
                syn::FnArg::Typed(t) => Some(Ty::from_syn(&t.ty)),
                syn::FnArg::Receiver(_) => None,
            })
            .collect(),
        ret: match &s.output {
            syn::ReturnType::Type(_, t) => Some(Ty::from_syn(t)),
            syn::ReturnType::Default => None,
        },
    }
}

/// (derives Copy, derives Clone, repr(C)).
pub(crate) fn derives(attrs: &[syn::Attribute]) -> (bool, bool, bool) {
    let mut copy = false;
    let mut clone = false;
    let mut repr_c = false;
    for a in attrs {
        let is_derive = a.path().is_ident("derive");
        let is_repr = a.path().is_ident("repr");
        if !is_derive && !is_repr {
            continue;
        }
        let _ = a.parse_nested_meta(|m| {
            if is_derive && m.path.is_ident("Copy") {
                copy = true;
            } else if is_derive && m.path.is_ident("Clone") {
                clone = true;
            } else if is_repr && m.path.is_ident("C") {
                repr_c = true;
            }
            // Skip any arguments such as `align(8)`.
            if m.input.peek(syn::token::Paren) {
                let _content;
                syn::parenthesized!(_content in m.input);
            }
            Ok(())
        });
    }
    (copy, clone, repr_c)
}

/// The crate table with the file's own items layered on top.
pub(crate) struct FileTypes<'a> {
    base: &'a TypeTable,
    local: TypeTable,
    /// The file imports `std::collections::LinkedList` (crates such as tokio
    /// define intrusive lists of the same name).
    pub(crate) std_linked_list: bool,
    /// The file declares or calls foreign functions: its `repr(C)` layouts
    /// are a contract, not a choice.
    pub(crate) ffi: bool,
}

impl FileTypes<'_> {
    pub(crate) fn get(&self, name: &str) -> Option<&TypeDef> {
        self.local
            .types
            .get(name)
            .or_else(|| self.base.types.get(name))
    }

    pub(crate) fn fn_sig(&self, name: &str) -> Option<&FnSig> {
        self.local.fns.get(name).or_else(|| self.base.fns.get(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout_of(items: &str, ty: &str) -> Option<(u64, u64)> {
        let file = syn::parse_file(items).unwrap();
        let base = TypeTable::default();
        let table = TypeTable::for_file(&base, &file);
        let t: Type = syn::parse_str(ty).unwrap();
        Ty::from_syn(&t).layout(&table, 0)
    }

    #[test]
    fn sizes_follow_64_bit_layouts() {
        let cases = [
            ("u8", Some((1, 1))),
            ("String", Some((24, 8))),
            ("Box<dyn Fn()>", Some((16, 8))),
            ("Option<Box<u8>>", Some((8, 8))),
            ("[u32; 8]", Some((32, 4))),
            ("(u8, u64)", Some((16, 8))),
            ("P", Some((16, 8))),
            ("Unknown", None),
        ];
        for (ty, want) in cases {
            assert_eq!(
                layout_of("struct P { a: u64, b: u8 }", ty),
                want,
                "layout of {ty}"
            );
        }
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
    fn derives_are_read() {
        let file =
            syn::parse_file("#[derive(Clone, Copy)] #[repr(C, align(8))] struct A;").unwrap();
        let syn::Item::Struct(s) = &file.items[0] else {
            panic!()
        };
        assert_eq!(derives(&s.attrs), (true, true, true));
    }
}
