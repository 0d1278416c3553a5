//! The items of a file (and, layered under it, of its crate) that type
//! questions need: structs and enums with their fields as [`Ty`], what they
//! derive, their `repr`, and function signatures by name.
//!
//! This module must NOT guess the type of an expression ([`crate::infer`]
//! does) and must NOT keep syntax trees: everything is copied into owned
//! values.

use std::collections::HashMap;
use std::sync::Arc;

use syn::{Fields, Item, Type};

use crate::ty::{c_layout, round_up, rust_layout, Ty};

/// The shape of a struct or enum.
#[derive(Debug, Clone, PartialEq)]
pub enum DefKind {
    /// Named fields by name; tuple fields as `"0"`, `"1"`, ….
    Struct(Vec<(String, Ty)>),
    /// Variants with their field types.
    Enum(Vec<(String, Vec<Ty>)>),
}

/// A struct or enum.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub kind: DefKind,
    pub copy: bool,
    pub clone: bool,
    pub repr_c: bool,
    /// 1-based line of the type's name.
    pub line: u32,
}

impl TypeDef {
    pub(crate) fn layout(&self, table: &TypeTable, depth: u32) -> Option<(u64, u64)> {
        match &self.kind {
            DefKind::Struct(fields) => {
                let mut parts = Vec::with_capacity(fields.len());
                for (_, t) in fields {
                    parts.push(t.layout_at(table, depth)?);
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
                        parts.push(t.layout_at(table, depth)?);
                    }
                    let l = rust_layout(&parts);
                    max = (max.0.max(l.0), max.1.max(l.1));
                }
                let tag = if variants.len() > 1 { max.1 } else { 0 };
                Some((round_up(max.0 + tag, max.1), max.1))
            }
        }
    }

    /// The type of a struct field.
    pub fn field(&self, name: &str) -> Option<&Ty> {
        match &self.kind {
            DefKind::Struct(f) => f.iter().find(|(n, _)| n == name).map(|(_, t)| t),
            DefKind::Enum(_) => None,
        }
    }

    pub fn field_count(&self) -> usize {
        match &self.kind {
            DefKind::Struct(f) => f.len(),
            DefKind::Enum(_) => 0,
        }
    }

    /// Type names the type holds by value in any field.
    pub fn by_value_names(&self) -> Vec<String> {
        let mut out = Vec::new();
        match &self.kind {
            DefKind::Struct(fields) => fields.iter().for_each(|(_, t)| t.by_value_names(&mut out)),
            DefKind::Enum(variants) => variants
                .iter()
                .flat_map(|(_, f)| f.iter())
                .for_each(|t| t.by_value_names(&mut out)),
        }
        out
    }
}

/// A function signature: parameter names and types, return type.
#[derive(Debug, Clone, PartialEq)]
pub struct FnSig {
    pub params: Vec<(String, Ty)>,
    pub ret: Option<Ty>,
    /// Generic parameters with their bounds as written (`T: Into<String>`).
    pub bounds: Vec<(String, Vec<String>)>,
    /// `Some(true)` for a `&mut self` method, `Some(false)` for `&self` or
    /// `self`, `None` without a receiver.
    pub self_mut: Option<bool>,
    /// The method takes `self` by value (`fn put(self, ..)`): a call moves
    /// its receiver.
    pub self_owned: bool,
}

impl FnSig {
    pub fn from_syn(s: &syn::Signature) -> FnSig {
        let bounds = s
            .generics
            .type_params()
            .map(|p| {
                let names = p
                    .bounds
                    .iter()
                    .filter_map(|b| match b {
                        syn::TypeParamBound::Trait(t) => Some(
                            Ty::from_syn(&Type::Path(syn::TypePath {
                                qself: None,
                                path: t.path.clone(),
                            }))
                            .to_string(),
                        ),
                        _ => None,
                    })
                    .collect();
                (p.ident.to_string(), names)
            })
            .collect();
        let self_mut = s.receiver().map(|r| match &*r.ty {
            Type::Reference(rt) => rt.mutability.is_some(),
            _ => false,
        });
        let self_owned = s
            .receiver()
            .is_some_and(|r| r.reference.is_none() && matches!(&*r.ty, Type::Path(_)));
        FnSig {
            self_mut,
            self_owned,
            params: s
                .inputs
                .iter()
                .filter_map(|a| match a {
                    syn::FnArg::Typed(t) => {
                        let name = match &*t.pat {
                            syn::Pat::Ident(i) => i.ident.to_string(),
                            _ => "_".to_owned(),
                        };
                        Some((name, Ty::from_syn(&t.ty)))
                    }
                    syn::FnArg::Receiver(_) => None,
                })
                .collect(),
            ret: match &s.output {
                syn::ReturnType::Type(_, t) => Some(Ty::from_syn(t)),
                syn::ReturnType::Default => None,
            },
            bounds,
        }
    }

    /// The bounds of a generic parameter used as a parameter type, or those
    /// of an `impl Trait` parameter: what the callee accepts.
    pub fn accepts(&self, index: usize) -> Vec<String> {
        let Some((_, ty)) = self.params.get(index) else {
            return Vec::new();
        };
        match ty {
            Ty::Impl(b) => b.clone(),
            Ty::Path(p) if p.segments.len() == 1 && p.args.is_empty() => self
                .bounds
                .iter()
                .find(|(n, _)| *n == p.segments[0])
                .map(|(_, b)| b.clone())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// Structs, enums and fn signatures by name: a file's own items, layered
/// over an optional parent table (the crate's).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeTable {
    types: HashMap<String, TypeDef>,
    fns: HashMap<String, FnSig>,
    /// The functions with a receiver (`&self`, `&mut self`, `self`) alone,
    /// for method calls (`q.unit()`): a free function of the same name
    /// (`fn unit(text)`) cannot be called that way, so it does not make the
    /// method's name ambiguous.
    methods: HashMap<String, FnSig>,
    parent: Option<Arc<TypeTable>>,
    /// The file imports `std::collections::LinkedList` (crates define
    /// intrusive lists of the same name).
    pub std_linked_list: bool,
    /// The file declares or calls foreign functions: its `repr(C)` layouts
    /// are a contract, not a choice.
    pub ffi: bool,
}

impl TypeTable {
    /// The table of one file's items over `parent`.
    pub fn for_file(parent: Option<Arc<TypeTable>>, file: &syn::File) -> TypeTable {
        let mut t = TypeTable {
            parent,
            ..TypeTable::default()
        };
        t.add_items(&file.items);
        t.std_linked_list = file.items.iter().any(|i| match i {
            Item::Use(u) => use_names_std_list(&u.tree, false),
            _ => false,
        });
        t.ffi = file.items.iter().any(|i| match i {
            Item::ForeignMod(_) => true,
            Item::Fn(f) => f.sig.abi.is_some(),
            _ => false,
        });
        t
    }

    /// One table of every type and fn signature `tables` define — a
    /// workspace's, gathered from each file's table after the single pass,
    /// for the questions a file alone cannot answer (is a type declared in
    /// another file `Copy`? does it own heap data?). A name defined
    /// differently in two places (two `Node`s in two modules) is left out:
    /// which one a use means is not known. [`TableMerge`] does the same one
    /// table at a time.
    pub fn merged<'t>(tables: impl IntoIterator<Item = &'t TypeTable>) -> TypeTable {
        let mut m = TableMerge::default();
        for t in tables {
            m.add(t);
        }
        m.finish()
    }

    /// Layers this table over `parent` (a file's table over its
    /// workspace's), replacing any parent it had.
    pub fn set_parent(&mut self, parent: Arc<TypeTable>) {
        self.parent = Some(parent);
    }

    /// Adds the items of one parsed file (inline modules included).
    pub fn add_file(&mut self, file: &syn::File) {
        self.add_items(&file.items);
    }

    pub fn len(&self) -> usize {
        self.types.len() + self.fns.len()
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.types.shrink_to_fit();
        self.fns.shrink_to_fit();
        self.methods.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .get(name)
            .or_else(|| self.parent.as_ref()?.get(name))
    }

    /// The signature of the method `name` (a function with a receiver),
    /// for a method call `x.name(..)`; else [`TypeTable::fn_sig`]'s answer.
    pub fn method_sig(&self, name: &str) -> Option<&FnSig> {
        self.own_method(name).or_else(|| self.fn_sig(name))
    }

    /// Whether the method `name`, as the workspace defines it, takes
    /// `&mut self`: a call of it changes its receiver.
    pub fn method_takes_mut_self(&self, name: &str) -> bool {
        self.method_sig(name)
            .is_some_and(|sig| sig.self_mut == Some(true))
    }

    fn own_method(&self, name: &str) -> Option<&FnSig> {
        self.methods
            .get(name)
            .or_else(|| self.parent.as_ref()?.own_method(name))
    }

    pub fn fn_sig(&self, name: &str) -> Option<&FnSig> {
        self.fns
            .get(name)
            .or_else(|| self.parent.as_ref()?.fn_sig(name))
    }

    /// Size and alignment in bytes of the type `name` on a 64-bit target,
    /// when every field's layout is known.
    pub fn size_of(&self, name: &str) -> Option<(u64, u64)> {
        self.get(name)?.layout(self, 0)
    }

    /// Names of the types defined in this table (not the parent's).
    pub fn own_types(&self) -> impl Iterator<Item = (&str, &TypeDef)> {
        self.types.iter().map(|(n, d)| (n.as_str(), d))
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
                    let d = derives(&s.attrs);
                    self.types.insert(
                        s.ident.to_string(),
                        TypeDef {
                            kind: DefKind::Struct(fields),
                            copy: d.copy,
                            clone: d.clone,
                            repr_c: d.repr_c,
                            line: crate::pos::Pos::of(s.ident.span()).line,
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
                    let d = derives(&e.attrs);
                    self.types.insert(
                        e.ident.to_string(),
                        TypeDef {
                            kind: DefKind::Enum(variants),
                            copy: d.copy,
                            clone: d.clone,
                            repr_c: d.repr_c,
                            line: crate::pos::Pos::of(e.ident.span()).line,
                        },
                    );
                }
                Item::Fn(f) => {
                    self.fns
                        .insert(f.sig.ident.to_string(), FnSig::from_syn(&f.sig));
                }
                Item::Impl(i) => {
                    for ii in &i.items {
                        if let syn::ImplItem::Fn(f) = ii {
                            let sig = FnSig::from_syn(&f.sig);
                            if f.sig.receiver().is_some() {
                                self.methods.insert(f.sig.ident.to_string(), sig.clone());
                            }
                            self.fns.insert(f.sig.ident.to_string(), sig);
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

/// What a `#[derive]` / `#[repr]` says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Derives {
    pub copy: bool,
    pub clone: bool,
    pub debug: bool,
    pub repr_c: bool,
}

pub fn derives(attrs: &[syn::Attribute]) -> Derives {
    let mut d = Derives::default();
    for a in attrs {
        let is_derive = a.path().is_ident("derive");
        let is_repr = a.path().is_ident("repr");
        if !is_derive && !is_repr {
            continue;
        }
        let _ = a.parse_nested_meta(|m| {
            let last = m.path.segments.last().map(|s| s.ident.to_string());
            match (is_derive, last.as_deref()) {
                (true, Some("Copy")) => d.copy = true,
                (true, Some("Clone")) => d.clone = true,
                (true, Some("Debug")) => d.debug = true,
                (false, Some("C")) => d.repr_c = true,
                _ => {}
            }
            // Skip any arguments such as `align(8)`.
            if m.input.peek(syn::token::Paren) {
                let _content;
                syn::parenthesized!(_content in m.input);
            }
            Ok(())
        });
    }
    d
}

/// The workspace's table ([`TypeTable::merged`]) built one file's table at
/// a time, as each file is parsed, so that a file's own table need not be
/// kept until every file is: the result does not depend on the order the
/// tables come in.
#[derive(Debug, Default)]
pub struct TableMerge {
    out: TypeTable,
    ambiguous_types: std::collections::HashSet<String>,
    ambiguous_fns: std::collections::HashSet<String>,
    ambiguous_methods: std::collections::HashSet<String>,
}

impl TableMerge {
    /// Adds one table's types and fn signatures.
    pub fn add(&mut self, t: &TypeTable) {
        /// Adds `from`'s entries to `into`; a name seen with two different
        /// values goes to `ambiguous` and out of `into` for good. Of two
        /// values that are `same`, `keep` says which stays, so that the
        /// order of the tables does not show.
        fn absorb<V: Clone>(
            into: &mut HashMap<String, V>,
            from: &HashMap<String, V>,
            ambiguous: &mut std::collections::HashSet<String>,
            same: impl Fn(&V, &V) -> bool,
            keep_new: impl Fn(&V, &V) -> bool,
        ) {
            use std::collections::hash_map::Entry;
            for (name, v) in from {
                if ambiguous.contains(name) {
                    continue;
                }
                match into.entry(name.clone()) {
                    Entry::Vacant(e) => {
                        e.insert(v.clone());
                    }
                    Entry::Occupied(mut e) => {
                        if !same(e.get(), v) {
                            e.remove();
                            ambiguous.insert(name.clone());
                        } else if keep_new(e.get(), v) {
                            e.insert(v.clone());
                        }
                    }
                }
            }
        }
        // The line a type is declared on differs between two copies of
        // one definition; everything else must match. The first line
        // stays, whichever table came first.
        absorb(
            &mut self.out.types,
            &t.types,
            &mut self.ambiguous_types,
            |a, b| (&a.kind, a.copy, a.clone, a.repr_c) == (&b.kind, b.copy, b.clone, b.repr_c),
            |old, new| new.line < old.line,
        );
        absorb(
            &mut self.out.fns,
            &t.fns,
            &mut self.ambiguous_fns,
            |a, b| a == b,
            |_, _| false,
        );
        absorb(
            &mut self.out.methods,
            &t.methods,
            &mut self.ambiguous_methods,
            |a, b| a == b,
            |_, _| false,
        );
    }

    /// The merged table.
    pub fn finish(self) -> TypeTable {
        let mut out = self.out;
        out.types.shrink_to_fit();
        out.fns.shrink_to_fit();
        out.methods.shrink_to_fit();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The workspace's table does not depend on the order of the files'
    /// tables: a type defined alike twice stays (at its first line), a
    /// function defined differently twice goes.
    #[test]
    fn merging_is_order_free() {
        let table = |src: &str| {
            let file = syn::parse_file(src).unwrap();
            TypeTable::for_file(None, &file)
        };
        let a = table("\n\nstruct P { x: u32 }\nfn f(a: u32) {}\nfn g() {}");
        let b = table("struct P { x: u32 }\nfn f(a: String) {}\nfn g() {}");
        let ab = TypeTable::merged([&a, &b]);
        let ba = TypeTable::merged([&b, &a]);
        assert_eq!(ab, ba);
        assert_eq!(ab.get("P").map(|d| d.line), Some(1));
        assert!(ab.fn_sig("f").is_none() && ab.fn_sig("g").is_some());
    }

    #[test]
    fn struct_layouts_use_the_table() {
        let file = syn::parse_file("struct P { a: u64, b: u8 }").unwrap();
        let table = TypeTable::for_file(None, &file);
        assert_eq!(Ty::named("P").layout(&table), Some((16, 8)));
        assert_eq!(
            table.get("P").and_then(|d| d.field("b")),
            Some(&Ty::named("u8"))
        );
    }

    #[test]
    fn an_option_of_a_tagged_enum_bool_or_char_takes_its_none_from_a_niche() {
        let file = syn::parse_file(
            "enum Code { On, Rgb((u8, u8, u8)), Index(u8) }
             enum One { Only(u32) }
             struct Styles { fg: Option<Code>, bg: Option<Code>, bold: Option<bool>, c: Option<char> }
             struct Plain { n: Option<u32>, one: Option<One> }",
        )
        .unwrap();
        let table = TypeTable::for_file(None, &file);
        assert_eq!(table.size_of("Code"), Some((4, 1)));
        // 4 + 4 + 1 + 4 (no extra tag byte for any `None`), aligned to 4.
        assert_eq!(table.size_of("Styles"), Some((16, 4)));
        // No spare bit patterns: `None` needs its own tag.
        assert_eq!(table.size_of("Plain"), Some((16, 4)));
    }

    #[test]
    fn derives_are_read() {
        let file = syn::parse_file("#[derive(Clone, Copy, Debug)] #[repr(C, align(8))] struct A;")
            .unwrap();
        let syn::Item::Struct(s) = &file.items[0] else {
            panic!("a struct")
        };
        let d = derives(&s.attrs);
        assert!(d.copy && d.clone && d.debug && d.repr_c, "{d:?}");
    }

    #[test]
    fn generic_bounds_say_what_a_callee_accepts() {
        let file = syn::parse_file(
            "fn a<S: Into<String>>(s: S) {} fn b(s: impl AsRef<str>) {} fn c(s: &str) {}",
        )
        .unwrap();
        let t = TypeTable::for_file(None, &file);
        assert_eq!(t.fn_sig("a").unwrap().accepts(0), vec!["Into<String>"]);
        assert_eq!(t.fn_sig("b").unwrap().accepts(0), vec!["AsRef<str>"]);
        assert!(t.fn_sig("c").unwrap().accepts(0).is_empty());
    }

    #[test]
    fn a_parent_table_is_consulted() {
        let crate_file = syn::parse_file("struct Row { name: String }").unwrap();
        let parent = Arc::new(TypeTable::for_file(None, &crate_file));
        let file = syn::parse_file("struct Local;").unwrap();
        let t = TypeTable::for_file(Some(parent), &file);
        assert!(t.get("Row").is_some() && t.get("Local").is_some());
    }

    #[test]
    fn a_method_is_not_hidden_by_a_free_function_of_its_name() {
        let a = TypeTable::for_file(
            None,
            &syn::parse_file(
                "struct Unit; struct Q { u: Unit } impl Q { fn unit(&self) -> &Unit { &self.u } }",
            )
            .unwrap(),
        );
        let b = TypeTable::for_file(
            None,
            &syn::parse_file("struct Markup; fn unit(text: &str) -> Markup { Markup }").unwrap(),
        );
        let ws = TypeTable::merged([&a, &b]);
        assert!(ws.fn_sig("unit").is_none(), "two different `unit`s by name");
        let m = ws.method_sig("unit").expect("the method");
        assert_eq!(
            m.ret.as_ref().and_then(|t| t.peel_refs().name()),
            Some("Unit")
        );
        assert!(ws.method_sig("missing").is_none());
    }

    #[test]
    fn a_merged_table_drops_names_defined_twice_differently() {
        let a = TypeTable::for_file(
            None,
            &syn::parse_file("#[derive(Clone, Copy)] struct Point { x: u32 } struct Node { id: u32 } fn load() -> u8 { 0 }").unwrap(),
        );
        let b = TypeTable::for_file(
            None,
            &syn::parse_file("\n\n#[derive(Clone, Copy)] struct Point { x: u32 } struct Node { name: String } fn load() -> u16 { 0 }").unwrap(),
        );
        let ws = Arc::new(TypeTable::merged([&a, &b]));
        // The same definition twice (on other lines) is one type.
        assert!(ws.get("Point").is_some_and(|d| d.copy));
        // Two different `Node`s, two different `load`s: neither is trusted.
        assert!(ws.get("Node").is_none());
        assert!(ws.fn_sig("load").is_none());
        let mut file = TypeTable::for_file(None, &syn::parse_file("struct Local;").unwrap());
        assert!(file.get("Point").is_none());
        file.set_parent(ws);
        assert!(file.get("Point").is_some() && file.get("Local").is_some());
    }
}
