//! The facts of one file: its functions (each with its [`FnFacts`]), types,
//! the types written in fields and signatures (`Box<T>` sites), `mod` and
//! `use` declarations, impls, and the uses of `self.field` and statics — all
//! gathered in one walk of a parsed file.
//!
//! Test code is recorded, not skipped: every function and type carries the
//! reason it is test code (`#[test]`, `#[cfg(test)]` on it or on an
//! enclosing module or impl, or a test reason the caller gives for the whole
//! file), so that consumers can say why they ignore it.
//!
//! This module must NOT decide priorities or findings and must NOT keep the
//! syntax tree: the [`Syntax`] table it fills is the only link to it.

use smol_str::SmolStr;
use syn::{Attribute, Item, Type};

use crate::body::{self, walk_fn, FnContext, FnFacts, GrowthUse, Syntax};
use crate::pos::{Pos, Range};
use crate::ty::{Ty, INDIRECT};
use crate::types::{derives, FnSig, TypeTable};

/// One function or method with a body.
#[derive(Debug, Clone, PartialEq)]
pub struct FnItem {
    pub name: SmolStr,
    /// The item path inside the file: inline modules, then the impl or
    /// trait type, then the name (`tests::helper`, `Printer::print_line`).
    pub path: String,
    /// Inline modules enclosing the function inside the file.
    pub module: Vec<SmolStr>,
    /// The impl's self type (last path segment).
    pub self_ty: Option<SmolStr>,
    /// The trait implemented (`impl Iterator for X` → `Iterator`), or the
    /// trait a default method belongs to.
    pub trait_name: Option<SmolStr>,
    /// A default method in a trait definition.
    pub in_trait_def: bool,
    pub public: bool,
    pub is_async: bool,
    /// An `async` runtime entry (`#[tokio::main]`, `#[actix_web::main]`, …).
    pub runtime_entry: bool,
    /// Why this is test code, when it is.
    pub test: Option<String>,
    /// `#[cold]` or `#[inline(never)] #[cold]`.
    pub cold_attr: bool,
    /// From the `fn` keyword (or the first attribute-free token) to the
    /// closing brace.
    pub range: Range,
    pub sig: FnSig,
    pub facts: FnFacts,
    /// The function this one is declared in, for nested functions.
    pub parent: Option<u32>,
    /// Generic type parameters in scope (the impl's and the function's)
    /// with their trait bounds, `where` clauses included.
    pub generics: Vec<(SmolStr, Vec<SmolStr>)>,
}

/// Generic type parameters with their trait bounds (last path segment),
/// from `<T: A + B>` and `where T: C`.
/// Whether the generic arguments of an `Arc`/`Rc` are one growable buffer
/// (`Vec<T>`, `String`, `PathBuf`, `OsString`), which sharing freezes.
fn shares_buffer(args: &syn::PathArguments) -> bool {
    let syn::PathArguments::AngleBracketed(a) = args else {
        return false;
    };
    let (1, Some(syn::GenericArgument::Type(Type::Path(p)))) = (a.args.len(), a.args.first())
    else {
        return false;
    };
    p.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "Vec" | "String" | "PathBuf" | "OsString"
        )
    })
}

fn generic_bounds(g: &syn::Generics) -> Vec<(SmolStr, Vec<SmolStr>)> {
    let bound_names =
        |bounds: &syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]>| {
            bounds
                .iter()
                .filter_map(|b| match b {
                    syn::TypeParamBound::Trait(t) => {
                        t.path.segments.last().map(|s| crate::ident::smol(&s.ident))
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
    let mut out: Vec<(SmolStr, Vec<SmolStr>)> = g
        .type_params()
        .map(|p| (crate::ident::smol(&p.ident), bound_names(&p.bounds)))
        .collect();
    if let Some(w) = &g.where_clause {
        for pred in &w.predicates {
            if let syn::WherePredicate::Type(pt) = pred {
                if let Type::Path(tp) = &pt.bounded_ty {
                    if let Some(id) = tp.path.get_ident() {
                        let name = crate::ident::smol(id);
                        let more = bound_names(&pt.bounds);
                        match out.iter_mut().find(|(n, _)| *n == name) {
                            Some((_, b)) => b.extend(more),
                            None => out.push((name, more)),
                        }
                    }
                }
            }
        }
    }
    out
}

/// A struct, enum, static or type alias.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeItem {
    pub name: SmolStr,
    pub path: String,
    pub kind: TypeItemKind,
    /// From the name to the end of the item.
    pub range: Range,
    pub test: Option<String>,
    pub public: bool,
    pub generics: Vec<SmolStr>,
    pub repr_c: bool,
    pub copy: bool,
    /// An enum's variants that carry one value of a named type
    /// (`Query(Query)`, `Binary(Box<BinaryExpr>)`), as (variant, type):
    /// what `Cmd::Query(cmd) => cmd.run()` calls. Kept in slimmed facts:
    /// the call graph reads them.
    pub payloads: Box<[(SmolStr, SmolStr)]>,
    /// `#[allow(clippy::large_enum_variant)]` (or `expect`) on the item:
    /// its authors chose to keep a large variant inline.
    pub allows_large_variant: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeItemKind {
    Struct,
    Enum,
    Static,
    Alias,
}

/// Where a type is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeOwner {
    /// A field (or tuple field, or enum variant field) of a type item.
    Field {
        item: u32,
        field: SmolStr,
    },
    /// A parameter of a function.
    Param {
        fn_idx: u32,
        name: SmolStr,
    },
    Return {
        fn_idx: u32,
    },
    /// A `let` annotation in a function.
    Let {
        fn_idx: u32,
        binding: SmolStr,
    },
    Static {
        item: u32,
    },
    Alias {
        item: u32,
    },
}

/// Which pointer-heavy type a [`TypeSite`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeSiteKind {
    Box,
    LinkedList,
    /// `Arc`/`Rc` of a growable buffer (`Vec<T>`, `String`, `PathBuf`,
    /// `OsString`): `inner` is the buffer.
    SharedBuffer,
}

/// A `Box<T>`, `LinkedList<T>` or `Arc<Vec<T>>`-like type written somewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeSite {
    pub kind: TypeSiteKind,
    pub range: Range,
    /// The whole type as written.
    pub ty: Ty,
    pub inner: Ty,
    /// `Box<dyn Trait>`.
    pub dyn_trait: bool,
    /// The path type the box is a generic argument of (`Vec` in `Vec<Box<T>>`).
    pub container: Option<SmolStr>,
    /// Some enclosing type already holds it behind a heap pointer.
    pub indirect: bool,
    pub owner: TypeOwner,
    pub test: Option<String>,
    pub syntax: u32,
}

/// `mod name;` without a body: the module lives in another file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModDecl {
    pub name: SmolStr,
    /// Inline modules enclosing the declaration.
    pub within: Vec<SmolStr>,
    /// `#[path = "…"]`.
    pub path_attr: Option<String>,
    /// Why the declared module is test code (`#[cfg(test)] mod tests;`).
    pub test: Option<String>,
    pub line: u32,
    /// `pub mod name;`: code outside the crate can name what it holds.
    pub public: bool,
}

/// One imported name: `use a::b::{c as d}` → alias `d`, path `a::b::c`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// Inline modules enclosing the `use`.
    pub within: Vec<SmolStr>,
    /// The name it is visible as; `*` for a glob.
    pub alias: SmolStr,
    pub path: Vec<SmolStr>,
}

/// An `impl` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImplBlock {
    pub self_ty: SmolStr,
    pub trait_name: Option<SmolStr>,
    /// The trait's full path as written (`std::fmt::Debug`).
    pub trait_path: Vec<SmolStr>,
    pub within: Vec<SmolStr>,
    pub test: Option<String>,
    pub line: u32,
}

/// Growth of a field or static: which type's field, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Growth {
    /// The impl type for fields, empty for statics.
    pub owner: SmolStr,
    pub name: SmolStr,
    pub kind: GrowthUse,
    /// The function (index into [`FileFacts::fns`]) the use is in.
    pub func: u32,
}

/// Everything gathered from one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileFacts {
    pub fns: Vec<FnItem>,
    pub types: Vec<TypeItem>,
    pub type_sites: Vec<TypeSite>,
    pub mods: Vec<ModDecl>,
    pub imports: Vec<Import>,
    /// Indexes into `imports` of `pub use` declarations: what the file
    /// re-exports for code outside the crate.
    pub reexports: Vec<u32>,
    /// Inline modules declared without `pub` (`mod detail { .. }`), as
    /// module paths inside the file: their `pub` items are not the crate's
    /// API unless re-exported.
    pub private_mods: Vec<Vec<SmolStr>>,
    pub impls: Vec<ImplBlock>,
    pub growth: Vec<Growth>,
    /// The file's own structs, enums and fn signatures.
    pub table: TypeTable,
    /// Lines in the file.
    pub lines: u32,
    /// Slimmed by [`FileFacts::slim`]: only what the call graph reads is
    /// left, so no finding's reach or verdict may be read from these facts.
    pub slim: bool,
}

impl FileFacts {
    /// Gives back the room the lists grew into: an audit keeps every file's
    /// facts until the call graph is built, so their slack is most of an
    /// audit's peak memory above the largest file's tree.
    fn shrink_to_fit(&mut self) {
        self.fns.shrink_to_fit();
        for f in &mut self.fns {
            f.sig.params.shrink_to_fit();
            f.sig.bounds.shrink_to_fit();
            f.generics.shrink_to_fit();
        }
        self.types.shrink_to_fit();
        self.type_sites.shrink_to_fit();
        self.mods.shrink_to_fit();
        self.imports.shrink_to_fit();
        self.reexports.shrink_to_fit();
        self.private_mods.shrink_to_fit();
        self.impls.shrink_to_fit();
        self.growth.shrink_to_fit();
        self.table.shrink_to_fit();
    }

    /// Keeps only what the call graph, the hotness analysis and discovery's
    /// scoring read of a file whose code no finding points at: every
    /// function's item (name, path, signature, generics) with its slimmed
    /// [`FnFacts`] ([`FnFacts::slim`]), the types, impls, imports and `mod`
    /// declarations. The `Box` sites, the growth of fields and the type
    /// table go: merge the table into the workspace's first
    /// ([`crate::types::TableMerge`]). What reads a line's reach or a
    /// field's growth ([`crate::hotness::Hotness::reach_at_line`],
    /// [`crate::hotness::Hotness::field_growth`]) needs the whole facts of
    /// that line's file.
    pub fn slim(&mut self) {
        for f in &mut self.fns {
            f.facts.slim();
        }
        self.type_sites = Vec::new();
        self.growth = Vec::new();
        self.table = TypeTable::default();
        self.slim = true;
    }

    /// The innermost function whose range contains `line`.
    pub fn fn_at(&self, line: u32) -> Option<u32> {
        self.fns
            .iter()
            .enumerate()
            .filter(|(_, f)| f.range.start.line <= line && line <= f.range.end.line)
            .min_by_key(|(_, f)| f.range.end.line - f.range.start.line)
            .map(|(i, _)| i as u32)
    }

    /// The innermost type item whose range contains `line`.
    pub fn type_at(&self, line: u32) -> Option<u32> {
        self.types
            .iter()
            .enumerate()
            .filter(|(_, t)| t.range.start.line <= line && line <= t.range.end.line)
            .min_by_key(|(_, t)| t.range.end.line - t.range.start.line)
            .map(|(i, _)| i as u32)
    }
}

/// What the walk needs to know about the file.
#[derive(Debug, Clone, Default)]
pub struct FileContext {
    /// Why the whole file is test code (a module declared under
    /// `#[cfg(test)]`, a file under `tests/`), when it is.
    pub test: Option<String>,
    /// The crate's table, layered under the file's own items.
    pub crate_table: Option<std::sync::Arc<TypeTable>>,
}

/// Gathers the facts of a parsed file (with standard macros already
/// rewritten by [`crate::macros::expand_standard_macros`]).
pub fn gather<'a>(file: &'a syn::File, cx: &FileContext, syntax: &mut Syntax<'a>) -> FileFacts {
    let table = TypeTable::for_file(cx.crate_table.clone(), file);
    let mut w = ItemWalk {
        out: FileFacts::default(),
        table,
        syntax,
    };
    // `#![cfg(test)]` at the top of a file makes all of it test code.
    let test = cx.test.clone().or_else(|| {
        file.attrs
            .iter()
            .any(is_cfg_test)
            .then(|| "the file is `#![cfg(test)]`".to_owned())
    });
    let scope = Scope {
        module: Vec::new(),
        path: String::new(),
        test,
        parent_fn: None,
    };
    w.items(&file.items, &scope);
    let ItemWalk { mut out, table, .. } = w;
    out.table = table;
    out.shrink_to_fit();
    out
}

#[derive(Clone)]
struct Scope {
    module: Vec<SmolStr>,
    path: String,
    test: Option<String>,
    parent_fn: Option<u32>,
}

impl Scope {
    fn join(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_owned()
        } else {
            format!("{}::{name}", self.path)
        }
    }
}

struct ItemWalk<'a, 's> {
    out: FileFacts,
    table: TypeTable,
    syntax: &'s mut Syntax<'a>,
}

/// `#[cfg(test)]` (but not `#[cfg(not(test))]`).
pub fn is_cfg_test(attr: &Attribute) -> bool {
    if !attr.path().is_ident("cfg") {
        return false;
    }
    let tokens = body::compact(&attr.meta);
    tokens.contains("test") && !tokens.contains("not(")
}

fn attr_last_is(attr: &Attribute, names: &[&str]) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| crate::ident::is_one_of(&s.ident, names))
}

/// Why an item is test code by its own attributes.
// `what` is formatted only for test code (most items are not): the callers
// pass `format_args!`, not a `String` built per item.
pub fn test_reason(attrs: &[Attribute], what: impl std::fmt::Display) -> Option<String> {
    if attrs.iter().any(is_cfg_test) {
        return Some(format!("{what} is under `#[cfg(test)]`"));
    }
    if attrs.iter().any(|a| {
        attr_last_is(
            a,
            &[
                "test",
                "bench",
                "rstest",
                "quickcheck",
                "proptest",
                "test_case",
            ],
        )
    }) {
        return Some(format!("{what} is a `#[test]` function"));
    }
    None
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn path_attr(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| {
        if !a.path().is_ident("path") {
            return None;
        }
        match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        }
    })
}

fn type_name(t: &Type) -> SmolStr {
    match t {
        Type::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| crate::ident::smol(&s.ident))
            .unwrap_or_default(),
        Type::Reference(r) => type_name(&r.elem),
        other => SmolStr::new(body::compact(other)),
    }
}

pub(crate) fn flatten_use(
    tree: &syn::UseTree,
    prefix: &mut Vec<SmolStr>,
    within: &[SmolStr],
    out: &mut Vec<Import>,
) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(crate::ident::smol(&p.ident));
            flatten_use(&p.tree, prefix, within, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = crate::ident::smol(&n.ident);
            let mut path = prefix.clone();
            if name == "self" {
                let alias = path.last().cloned().unwrap_or_default();
                out.push(Import {
                    within: within.to_vec(),
                    alias,
                    path,
                });
            } else {
                path.push(name.clone());
                out.push(Import {
                    within: within.to_vec(),
                    alias: name,
                    path,
                });
            }
        }
        syn::UseTree::Rename(r) => {
            let mut path = prefix.clone();
            if r.ident != "self" {
                path.push(crate::ident::smol(&r.ident));
            }
            out.push(Import {
                within: within.to_vec(),
                alias: crate::ident::smol(&r.rename),
                path,
            });
        }
        syn::UseTree::Glob(_) => out.push(Import {
            within: within.to_vec(),
            alias: SmolStr::new("*"),
            path: prefix.clone(),
        }),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten_use(t, prefix, within, out);
            }
        }
    }
}

fn is_runtime_entry(attrs: &[Attribute]) -> bool {
    // Asked of every attribute of every function, doc comments included:
    // compared in place, no `String` per segment.
    attrs.iter().any(|a| {
        let segs = &a.path().segments;
        segs.len() == 2 && segs[1].ident == "main"
    })
}

impl<'a> ItemWalk<'a, '_> {
    fn items(&mut self, items: &'a [Item], scope: &Scope) {
        for item in items {
            self.item(item, scope);
        }
    }

    fn item(&mut self, item: &'a Item, scope: &Scope) {
        match item {
            Item::Mod(m) => {
                let name = crate::ident::smol(&m.ident);
                let test = scope
                    .test
                    .clone()
                    .or_else(|| test_reason(&m.attrs, format_args!("`mod {name}`")));
                match &m.content {
                    Some((_, items)) => {
                        let mut inner = scope.clone();
                        inner.module.push(name.clone());
                        if !is_pub(&m.vis) {
                            self.out.private_mods.push(inner.module.clone());
                        }
                        inner.path = scope.join(&name);
                        inner.test = test;
                        self.items(items, &inner);
                    }
                    None => self.out.mods.push(ModDecl {
                        name,
                        within: scope.module.clone(),
                        path_attr: path_attr(&m.attrs),
                        test,
                        line: Pos::of(m.ident.span()).line,
                        public: is_pub(&m.vis),
                    }),
                }
            }
            Item::Use(u) => {
                let mut prefix = Vec::new();
                let first = self.out.imports.len();
                flatten_use(&u.tree, &mut prefix, &scope.module, &mut self.out.imports);
                if is_pub(&u.vis) {
                    let end = self.out.imports.len();
                    self.out
                        .reexports
                        .extend((first..end).filter_map(|i| u32::try_from(i).ok()));
                }
            }
            Item::Fn(f) => {
                let name = f.sig.ident.to_string();
                let test = scope
                    .test
                    .clone()
                    .or_else(|| test_reason(&f.attrs, format_args!("`fn {name}`")));
                self.function(
                    FnDecl {
                        impl_generics: Vec::new(),
                        attrs: &f.attrs,
                        sig: &f.sig,
                        block: &f.block,
                        public: is_pub(&f.vis),
                        self_ty: None,
                        self_ref: false,
                        trait_name: None,
                        in_trait_def: false,
                        test,
                        start: Pos::of(f.sig.fn_token.span),
                    },
                    scope,
                );
            }
            Item::Impl(i) => {
                let self_ty = type_name(&i.self_ty);
                let trait_path: Vec<SmolStr> = i
                    .trait_
                    .as_ref()
                    .map(|(_, p, _)| {
                        p.segments
                            .iter()
                            .map(|s| crate::ident::smol(&s.ident))
                            .collect()
                    })
                    .unwrap_or_default();
                let trait_name = trait_path.last().cloned();
                let test = scope
                    .test
                    .clone()
                    .or_else(|| test_reason(&i.attrs, "the `impl`"));
                self.out.impls.push(ImplBlock {
                    self_ty: self_ty.clone(),
                    trait_name: trait_name.clone(),
                    trait_path,
                    within: scope.module.clone(),
                    test: test.clone(),
                    line: Pos::of(i.impl_token.span).line,
                });
                let mut inner = scope.clone();
                inner.path = scope.join(&self_ty);
                for ii in &i.items {
                    if let syn::ImplItem::Fn(f) = ii {
                        let name = f.sig.ident.to_string();
                        let test = test
                            .clone()
                            .or_else(|| test_reason(&f.attrs, format_args!("`fn {name}`")));
                        // Trait methods are as public as the trait.
                        let public = is_pub(&f.vis) || trait_name.is_some();
                        self.function(
                            FnDecl {
                                impl_generics: generic_bounds(&i.generics),
                                attrs: &f.attrs,
                                sig: &f.sig,
                                block: &f.block,
                                public,
                                self_ty: Some(self_ty.clone()),
                                self_ref: matches!(&*i.self_ty, syn::Type::Reference(_)),
                                trait_name: trait_name.clone(),
                                in_trait_def: false,
                                test,
                                start: Pos::of(f.sig.fn_token.span),
                            },
                            &inner,
                        );
                    }
                }
            }
            Item::Trait(t) => {
                let tname = crate::ident::smol(&t.ident);
                let test = scope
                    .test
                    .clone()
                    .or_else(|| test_reason(&t.attrs, format_args!("`trait {tname}`")));
                let mut inner = scope.clone();
                inner.path = scope.join(&tname);
                for ti in &t.items {
                    if let syn::TraitItem::Fn(f) = ti {
                        if let Some(block) = &f.default {
                            self.function(
                                FnDecl {
                                    impl_generics: generic_bounds(&t.generics),
                                    attrs: &f.attrs,
                                    sig: &f.sig,
                                    block,
                                    public: true,
                                    self_ty: Some(tname.clone()),
                                    self_ref: false,
                                    trait_name: Some(tname.clone()),
                                    in_trait_def: true,
                                    test: test.clone(),
                                    start: Pos::of(f.sig.fn_token.span),
                                },
                                &inner,
                            );
                        }
                    }
                }
            }
            Item::Struct(s) => {
                let idx = self.type_item(
                    &s.ident,
                    TypeItemKind::Struct,
                    &s.attrs,
                    is_pub(&s.vis),
                    &s.generics,
                    Range {
                        start: Pos::of(s.ident.span()),
                        end: Pos::end(s),
                    },
                    scope,
                );
                for (i, field) in s.fields.iter().enumerate() {
                    let fname = field
                        .ident
                        .as_ref()
                        .map(crate::ident::smol)
                        .unwrap_or_else(|| SmolStr::new(i.to_string()));
                    let test = self.out.types[idx as usize].test.clone();
                    self.type_sites(
                        &field.ty,
                        TypeOwner::Field {
                            item: idx,
                            field: fname,
                        },
                        test,
                    );
                }
            }
            Item::Enum(e) => {
                let idx = self.type_item(
                    &e.ident,
                    TypeItemKind::Enum,
                    &e.attrs,
                    is_pub(&e.vis),
                    &e.generics,
                    Range {
                        start: Pos::of(e.ident.span()),
                        end: Pos::end(e),
                    },
                    scope,
                );
                let test = self.out.types[idx as usize].test.clone();
                let payloads: Vec<(SmolStr, SmolStr)> = e
                    .variants
                    .iter()
                    .filter_map(|v| {
                        let mut fields = v.fields.iter();
                        let (Some(only), None) = (fields.next(), fields.next()) else {
                            return None;
                        };
                        let ty = Ty::from_syn(&only.ty);
                        let mut t = ty.peel_refs();
                        while let crate::View::Boxed(inner) | crate::View::Shared(inner) = t.view()
                        {
                            t = inner.peel_refs();
                        }
                        let name = t.name()?;
                        name.starts_with(char::is_uppercase)
                            .then(|| (crate::ident::smol(&v.ident), SmolStr::new(name)))
                    })
                    .collect();
                self.out.types[idx as usize].payloads = payloads.into_boxed_slice();
                for v in &e.variants {
                    for field in &v.fields {
                        let fname = crate::ident::smol(&v.ident);
                        self.type_sites(
                            &field.ty,
                            TypeOwner::Field {
                                item: idx,
                                field: fname,
                            },
                            test.clone(),
                        );
                    }
                }
            }
            Item::Static(s) => {
                let idx = self.type_item(
                    &s.ident,
                    TypeItemKind::Static,
                    &s.attrs,
                    is_pub(&s.vis),
                    &syn::Generics::default(),
                    Range {
                        start: Pos::of(s.ident.span()),
                        end: Pos::end(s),
                    },
                    scope,
                );
                let test = self.out.types[idx as usize].test.clone();
                self.type_sites(&s.ty, TypeOwner::Static { item: idx }, test);
            }
            Item::Type(t) => {
                let idx = self.type_item(
                    &t.ident,
                    TypeItemKind::Alias,
                    &t.attrs,
                    is_pub(&t.vis),
                    &t.generics,
                    Range {
                        start: Pos::of(t.ident.span()),
                        end: Pos::end(t),
                    },
                    scope,
                );
                let test = self.out.types[idx as usize].test.clone();
                self.type_sites(&t.ty, TypeOwner::Alias { item: idx }, test);
            }
            _ => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn type_item(
        &mut self,
        ident: &syn::Ident,
        kind: TypeItemKind,
        attrs: &[Attribute],
        public: bool,
        generics: &syn::Generics,
        range: Range,
        scope: &Scope,
    ) -> u32 {
        let name = crate::ident::smol(ident);
        let d = derives(attrs);
        let test = scope
            .test
            .clone()
            .or_else(|| test_reason(attrs, format_args!("`{name}`")));
        self.out.types.push(TypeItem {
            path: scope.join(&name),
            name,
            kind,
            range,
            test,
            public,
            generics: generics
                .type_params()
                .map(|p| crate::ident::smol(&p.ident))
                .collect(),
            repr_c: d.repr_c,
            copy: d.copy,
            payloads: Box::default(),
            allows_large_variant: attrs.iter().any(|a| match &a.meta {
                syn::Meta::List(l) => {
                    (l.path.is_ident("allow") || l.path.is_ident("expect"))
                        && l.tokens.to_string().contains("large_enum_variant")
                }
                _ => false,
            }),
        });
        (self.out.types.len() - 1) as u32
    }

    /// Records every `Box<..>`, `LinkedList<..>` and shared buffer
    /// (`Arc<Vec<T>>`, `Rc<String>`, …) written in `ty`.
    fn type_sites(&mut self, ty: &'a Type, owner: TypeOwner, test: Option<String>) {
        let mut stack: Vec<(&'a Type, Option<SmolStr>, bool)> = vec![(ty, None, false)];
        while let Some((t, container, indirect)) = stack.pop() {
            match t {
                Type::Path(p) => {
                    let Some(last) = p.path.segments.last() else {
                        continue;
                    };
                    let name = crate::ident::smol(&last.ident);
                    let kind = match name.as_str() {
                        "Box" => Some(TypeSiteKind::Box),
                        "LinkedList" => Some(TypeSiteKind::LinkedList),
                        "Arc" | "Rc" if shares_buffer(&last.arguments) => {
                            Some(TypeSiteKind::SharedBuffer)
                        }
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                            if let Some(syn::GenericArgument::Type(inner)) = args.args.first() {
                                let syntax = self.syntax.add_ty(t);
                                self.out.type_sites.push(TypeSite {
                                    kind,
                                    range: Range::of(t),
                                    ty: Ty::from_syn(t),
                                    inner: Ty::from_syn(inner),
                                    dyn_trait: matches!(inner, Type::TraitObject(_)),
                                    container: container.clone(),
                                    indirect,
                                    owner: owner.clone(),
                                    test: test.clone(),
                                    syntax,
                                });
                            }
                        }
                    }
                    let ind = indirect || INDIRECT.contains(&name.as_str());
                    for seg in &p.path.segments {
                        if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                            for g in &a.args {
                                if let syn::GenericArgument::Type(inner) = g {
                                    stack.push((inner, Some(name.clone()), ind));
                                }
                            }
                        }
                    }
                }
                Type::Reference(r) => stack.push((&r.elem, container, true)),
                Type::Ptr(r) => stack.push((&r.elem, container, true)),
                Type::Array(a) => stack.push((&a.elem, container, indirect)),
                Type::Slice(s) => stack.push((&s.elem, container, indirect)),
                Type::Tuple(tu) => {
                    for e in &tu.elems {
                        stack.push((e, container.clone(), indirect));
                    }
                }
                Type::Paren(pa) => stack.push((&pa.elem, container, indirect)),
                Type::Group(g) => stack.push((&g.elem, container, indirect)),
                _ => {}
            }
        }
    }

    fn function(&mut self, d: FnDecl<'a>, scope: &Scope) {
        let name = crate::ident::smol(&d.sig.ident);
        let cold_attr = d.attrs.iter().any(|a| a.path().is_ident("cold"));
        let cx = FnContext {
            table: &self.table,
            self_ty: d.self_ty.as_deref(),
            self_ref: d.self_ref,
        };
        let cold = cold_attr.then(|| format!("`fn {name}` is marked `#[cold]`"));
        let mut facts = walk_fn(d.sig, d.block, cold, &cx, self.syntax);
        // A `use` inside the body names what the body calls
        // (`use crate::disks::zfs; zfs::stats()`): the file's imports take
        // it, in the function's module.
        for mut i in std::mem::take(&mut facts.local_imports) {
            i.within = scope.module.clone();
            self.out.imports.push(i);
        }
        let idx = self.out.fns.len() as u32;
        for e in &facts.events {
            self.out.growth.push(Growth {
                owner: if e.is_static {
                    SmolStr::default()
                } else {
                    d.self_ty.clone().unwrap_or_default()
                },
                name: e.name.clone(),
                kind: e.kind,
                func: idx,
            });
        }
        let path = match &d.self_ty {
            Some(_) => scope.join(&name),
            None => scope.join(&name),
        };
        self.out.fns.push(FnItem {
            name: name.clone(),
            path: path.clone(),
            module: scope.module.clone(),
            self_ty: d.self_ty.clone(),
            trait_name: d.trait_name.clone(),
            in_trait_def: d.in_trait_def,
            public: d.public,
            is_async: d.sig.asyncness.is_some(),
            runtime_entry: is_runtime_entry(d.attrs),
            test: d.test.clone(),
            cold_attr,
            range: Range {
                start: d.start,
                end: Pos::end_of(d.block.brace_token.span.close()),
            },
            sig: FnSig::from_syn(d.sig),
            facts,
            parent: scope.parent_fn,
            generics: {
                let mut g = d.impl_generics.clone();
                g.extend(generic_bounds(&d.sig.generics));
                g
            },
        });
        // Types in the signature and in `let` annotations.
        for input in &d.sig.inputs {
            if let syn::FnArg::Typed(t) = input {
                let pname = match &*t.pat {
                    syn::Pat::Ident(i) => crate::ident::smol(&i.ident),
                    _ => SmolStr::new("_"),
                };
                self.type_sites(
                    &t.ty,
                    TypeOwner::Param {
                        fn_idx: idx,
                        name: pname,
                    },
                    d.test.clone(),
                );
            }
        }
        if let syn::ReturnType::Type(_, t) = &d.sig.output {
            self.type_sites(t, TypeOwner::Return { fn_idx: idx }, d.test.clone());
        }
        let lets: Vec<(u32, SmolStr)> = self.out.fns[idx as usize]
            .facts
            .bindings
            .iter()
            .filter(|b| b.kind == body::BindKind::Let)
            .filter_map(|b| Some((b.ty_syntax?, b.name.clone())))
            .collect();
        for (ty_id, binding) in lets {
            if let Some(t) = self.syntax.ty(ty_id) {
                self.type_sites(
                    t,
                    TypeOwner::Let {
                        fn_idx: idx,
                        binding,
                    },
                    d.test.clone(),
                );
            }
        }
        // Items nested in the body are functions and types of their own.
        let mut inner = scope.clone();
        inner.path = path;
        inner.parent_fn = Some(idx);
        inner.test = d.test;
        for item in body::nested_items(d.block) {
            self.item(item, &inner);
        }
    }
}

struct FnDecl<'a> {
    /// The impl's generic parameters, when the function is in an impl.
    impl_generics: Vec<(SmolStr, Vec<SmolStr>)>,
    attrs: &'a [Attribute],
    sig: &'a syn::Signature,
    block: &'a syn::Block,
    public: bool,
    self_ty: Option<SmolStr>,
    /// The impl is for a reference type (`impl Add for &Quantity`): `self`
    /// and parameters typed `Self` are references.
    self_ref: bool,
    trait_name: Option<SmolStr>,
    in_trait_def: bool,
    test: Option<String>,
    start: Pos,
}

/// The name a field or static declaration declares (`results` of
/// `pub(crate) results: Vec<R>,`, `CACHE` of `static CACHE: Mutex<..> = ..;`),
/// read from its code; attribute and comment lines before it are skipped.
pub fn declared_name(code: &str) -> Option<&str> {
    let line = code
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("#[") && !l.starts_with("//"))?;
    let head = line.split(':').next()?.trim();
    let name = head.rsplit(char::is_whitespace).next()?;
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gather_src(src: &str, f: impl FnOnce(&FileFacts)) {
        let mut file = syn::parse_file(src).unwrap();
        crate::macros::expand_standard_macros(&mut file);
        let mut syntax = Syntax::with_source(src);
        let facts = gather(&file, &FileContext::default(), &mut syntax);
        f(&facts);
        proc_macro2::extra::invalidate_current_thread_spans();
    }

    #[test]
    fn functions_carry_their_identity_and_test_reason() {
        gather_src(
            "use std::io::{self, Read as R};\nmod inner { pub fn f() {} }\nstruct P;\nimpl Iterator for P { type Item = u8; fn next(&mut self) -> Option<u8> { None } }\n#[cfg(test)]\nmod tests { #[test] fn t() {} }\n#[cfg(test)] mod more;\nmod real;\n",
            |f| {
                let names: Vec<_> = f.fns.iter().map(|f| f.path.as_str()).collect();
                assert_eq!(names, vec!["inner::f", "P::next", "tests::t"]);
                let next = &f.fns[1];
                assert_eq!(next.trait_name.as_deref(), Some("Iterator"));
                assert!(next.public, "trait methods are public");
                assert!(f.fns[2].test.is_some(), "in a cfg(test) module");
                assert_eq!(f.mods.len(), 2);
                assert!(f.mods[0].test.is_some() && f.mods[1].test.is_none());
                let aliases: Vec<_> = f.imports.iter().map(|i| (i.alias.as_str(), i.path.join("::"))).collect();
                assert_eq!(aliases, vec![("io", "std::io".to_owned()), ("R", "std::io::Read".to_owned())]);
            },
        );
    }

    #[test]
    fn boxes_are_found_wherever_written() {
        gather_src(
            "struct N { next: Option<Box<N>>, kids: Vec<Box<N>> }\nfn f(b: Box<[u8; 8]>) -> Box<dyn Fn()> { let x: Box<u8> = Box::new(1); todo!() }\n",
            |f| {
                let sites: Vec<_> = f
                    .type_sites
                    .iter()
                    .map(|s| (s.inner.to_string(), s.container.clone(), s.indirect))
                    .collect();
                assert!(sites.contains(&("N".into(), Some("Option".into()), false)), "{sites:?}");
                assert!(sites.contains(&("N".into(), Some("Vec".into()), true)), "{sites:?}");
                assert!(sites.iter().any(|s| s.0 == "[u8; 8]"), "{sites:?}");
                assert!(f.type_sites.iter().any(|s| s.dyn_trait), "{sites:?}");
                assert!(sites.iter().any(|s| s.0 == "u8"), "let annotations too: {sites:?}");
            },
        );
    }

    #[test]
    fn shared_buffers_are_type_sites() {
        gather_src(
            "struct S { a: Arc<Vec<u32>>, b: Option<Rc<String>>, c: Arc<[u8]>, d: Arc<Mutex<Vec<u8>>>, e: Rc<str> }\n",
            |f| {
                let shared: Vec<_> = f
                    .type_sites
                    .iter()
                    .filter(|s| s.kind == TypeSiteKind::SharedBuffer)
                    .map(|s| s.inner.to_string())
                    .collect();
                assert_eq!(shared, vec!["Vec<u32>", "String"], "only a buffer right inside the handle");
            },
        );
    }

    #[test]
    fn nested_functions_are_items_of_their_own() {
        gather_src(
            "fn outer() { fn inner() { let v = vec![1]; } inner(); }",
            |f| {
                assert_eq!(f.fns.len(), 2);
                assert_eq!(f.fns[1].path, "outer::inner");
                assert_eq!(f.fns[1].parent, Some(0));
                assert_eq!(
                    f.fns[0].facts.sites.len(),
                    0,
                    "the nested fn's vec! is its own"
                );
                assert_eq!(f.fns[1].facts.sites.len(), 1);
            },
        );
    }
}
