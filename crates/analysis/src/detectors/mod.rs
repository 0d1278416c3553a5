//! The six detectors and what they share: the walk over a file's items
//! (module path, impl type, test and cold code), the per-function context
//! with expression typing, and impact estimates derived from loop nesting.
//!
//! Test code (`#[test]`, `#[cfg(test)]` modules) is never examined. Each
//! detector lives in its own module and must NOT emit findings of another
//! category.

mod allocation_loop;
mod arena_candidate;
mod cache_hostile;
mod heap_avoidable;
mod lifetime_extension;
mod unnecessary_clone;

use memaudit_model::{Impact, Level, Priority};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Item, Type};

use crate::emit::{join_path, Emitter};
use crate::facts::{self, path_call, path_ident, strip, FnFacts, LoopKind, Pos, UseKind};
use crate::macros::rewritten_name;
use crate::types::{FileTypes, Ty};

/// A struct, enum or static of the file with its item path.
pub(crate) struct TypeItem<'a> {
    pub item: &'a Item,
    pub path: String,
}

/// Uses of `self.field` per impl type and of statics, over the whole file.
#[derive(Default)]
pub(crate) struct Growth {
    /// (type or "" for statics, field or static name, kind)
    pub events: Vec<(String, String, facts::GrowthUse)>,
}

impl Growth {
    pub(crate) fn kinds(&self, owner: &str, name: &str) -> (bool, bool, bool) {
        let mut grow = false;
        let mut drain = false;
        let mut lookup = false;
        for (o, n, k) in &self.events {
            if o == owner && n == name {
                match k {
                    facts::GrowthUse::Grow => grow = true,
                    facts::GrowthUse::Drain => drain = true,
                    facts::GrowthUse::Lookup => lookup = true,
                }
            }
        }
        (grow, drain, lookup)
    }
}

pub(crate) fn run_file(file: &syn::File, table: &FileTypes<'_>, out: &mut Emitter<'_>) {
    let module = out.module.clone();
    let mut w = ItemWalk {
        table,
        types: Vec::new(),
        growth: Growth::default(),
    };
    w.items(&file.items, &module, out);
    let ItemWalk { types, growth, .. } = w;
    for t in &types {
        // Field types are checked wherever they are written.
        let (fields, generics): (Vec<&Type>, Vec<String>) = match t.item {
            Item::Struct(s) => (
                s.fields.iter().map(|f| &f.ty).collect(),
                s.generics
                    .type_params()
                    .map(|p| p.ident.to_string())
                    .collect(),
            ),
            Item::Enum(e) => (
                e.variants
                    .iter()
                    .flat_map(|v| v.fields.iter().map(|f| &f.ty))
                    .collect(),
                e.generics
                    .type_params()
                    .map(|p| p.ident.to_string())
                    .collect(),
            ),
            Item::Static(s) => (vec![&*s.ty], Vec::new()),
            _ => (Vec::new(), Vec::new()),
        };
        for ty in fields {
            check_type(ty, &t.path, &generics, table, out);
        }
        cache_hostile::check_item(t, table, out);
        heap_avoidable::check_item(t, table, out);
        arena_candidate::check_item(t, table, out);
        lifetime_extension::check_item(t, &growth, out);
    }
}

struct ItemWalk<'t, 'b> {
    table: &'t FileTypes<'b>,
    types: Vec<TypeItem<'t>>,
    growth: Growth,
}

fn is_test_attr(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        let p = a.path();
        if p.is_ident("test") || p.is_ident("bench") {
            return true;
        }
        if p.segments.last().is_some_and(|s| s.ident == "test") {
            // `#[tokio::test]`, `#[rstest::test]`.
            return true;
        }
        if p.is_ident("cfg") {
            let tokens = a.meta.to_token_stream().to_string();
            return tokens.contains("test") && !tokens.contains("not");
        }
        false
    })
}

fn has_attr(attrs: &[Attribute], name: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident(name))
}

fn type_name(t: &Type) -> String {
    match t {
        Type::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        Type::Reference(r) => type_name(&r.elem),
        _ => String::new(),
    }
}

impl<'t> ItemWalk<'t, '_> {
    fn items(&mut self, items: &'t [Item], path: &str, out: &mut Emitter<'_>) {
        for item in items {
            self.item(item, path, out);
        }
    }

    fn item(&mut self, item: &'t Item, path: &str, out: &mut Emitter<'_>) {
        match item {
            Item::Mod(m) => {
                if is_test_attr(&m.attrs) || m.ident == "tests" {
                    return;
                }
                if let Some((_, items)) = &m.content {
                    let p = join_path(&[path, &m.ident.to_string()]);
                    self.items(items, &p, out);
                }
            }
            Item::Fn(f) => {
                if is_test_attr(&f.attrs) {
                    return;
                }
                let name = f.sig.ident.to_string();
                let cold = has_attr(&f.attrs, "cold");
                let p = join_path(&[path, &name]);
                let role = if name == "main" {
                    FnRole::Main
                } else if cold {
                    FnRole::Cold
                } else {
                    FnRole::Normal
                };
                self.function(&f.sig, &f.block, &p, None, role, out);
            }
            Item::Impl(i) => {
                if is_test_attr(&i.attrs) {
                    return;
                }
                let ty = type_name(&i.self_ty);
                let is_default = i
                    .trait_
                    .as_ref()
                    .and_then(|(_, p, _)| p.segments.last())
                    .is_some_and(|s| s.ident == "Default");
                let generics: Vec<String> = i
                    .generics
                    .type_params()
                    .map(|t| t.ident.to_string())
                    .collect();
                for ii in &i.items {
                    if let syn::ImplItem::Fn(f) = ii {
                        if is_test_attr(&f.attrs) {
                            continue;
                        }
                        let name = f.sig.ident.to_string();
                        let role = if is_default || name == "new" || name == "default" {
                            FnRole::Constructor
                        } else if has_attr(&f.attrs, "cold") {
                            FnRole::Cold
                        } else {
                            FnRole::Normal
                        };
                        let p = join_path(&[path, &ty, &name]);
                        let _ = &generics;
                        self.function(&f.sig, &f.block, &p, Some(&ty), role, out);
                    }
                }
            }
            Item::Trait(t) => {
                for ti in &t.items {
                    if let syn::TraitItem::Fn(f) = ti {
                        if let Some(body) = &f.default {
                            let name = f.sig.ident.to_string();
                            let p = join_path(&[path, &t.ident.to_string(), &name]);
                            self.function(&f.sig, body, &p, None, FnRole::Normal, out);
                        }
                    }
                }
            }
            Item::Struct(s) if !is_test_attr(&s.attrs) => {
                self.types.push(TypeItem {
                    item,
                    path: join_path(&[path, &s.ident.to_string()]),
                });
            }
            Item::Enum(e) if !is_test_attr(&e.attrs) => {
                self.types.push(TypeItem {
                    item,
                    path: join_path(&[path, &e.ident.to_string()]),
                });
            }
            Item::Static(s) => {
                self.types.push(TypeItem {
                    item,
                    path: join_path(&[path, &s.ident.to_string()]),
                });
            }
            _ => {}
        }
    }

    fn function(
        &mut self,
        sig: &'t syn::Signature,
        body: &'t syn::Block,
        path: &str,
        self_ty: Option<&str>,
        role: FnRole,
        out: &mut Emitter<'_>,
    ) {
        let facts = facts::walk_fn(sig, body);
        let generics: Vec<String> = sig
            .generics
            .type_params()
            .map(|t| t.ident.to_string())
            .collect();
        // Types in the signature.
        for input in &sig.inputs {
            if let syn::FnArg::Typed(t) = input {
                check_type(&t.ty, path, &generics, self.table, out);
            }
        }
        if let syn::ReturnType::Type(_, t) = &sig.output {
            check_type(t, path, &generics, self.table, out);
        }
        for b in &facts.bindings {
            if let (Some(t), facts::BindKind::Let) = (b.ty, b.kind) {
                check_type(t, path, &generics, self.table, out);
            }
        }
        let cx = FnCx {
            facts: &facts,
            table: self.table,
            path,
            self_ty,
            role,
            priority: out.priority(),
        };
        let mut claimed = Vec::new();
        unnecessary_clone::check(&cx, out, &mut claimed);
        heap_avoidable::check_fn(&cx, out, &mut claimed);
        allocation_loop::check(&cx, out, &claimed);
        lifetime_extension::check_fn(&cx, out);
        cache_hostile::check_fn(&cx, out);
        arena_candidate::check_fn(&cx, out);
        for e in &facts.events {
            let owner = if e.is_static {
                String::new()
            } else {
                self_ty.unwrap_or("").to_owned()
            };
            self.growth.events.push((owner, e.name.clone(), e.kind));
        }
        for item in &facts.nested_items {
            self.item(item, path, out);
        }
    }
}

/// What kind of function this is, for cold-path rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FnRole {
    Normal,
    /// `fn main`: allocations outside loops are one-time initialisation.
    Main,
    /// `new`, `default`, `impl Default`: run once per value built.
    Constructor,
    /// `#[cold]`.
    Cold,
}

/// One function under analysis.
pub(crate) struct FnCx<'a, 'f> {
    pub facts: &'f FnFacts<'a>,
    pub table: &'f FileTypes<'f>,
    pub path: &'f str,
    pub self_ty: Option<&'f str>,
    pub role: FnRole,
    pub priority: Priority,
}

impl<'a> FnCx<'a, '_> {
    /// The binding a plain path expression refers to.
    pub(crate) fn binding_of(&self, e: &Expr) -> Option<u32> {
        let id = path_ident(e)?;
        let pos = Pos::of(id.span());
        self.facts
            .uses
            .iter()
            .find(|u| u.pos == pos && *id == self.facts.bindings[u.binding as usize].name)
            .map(|u| u.binding)
    }

    /// A binding's type: its annotation, else inferred from its initialiser.
    pub(crate) fn binding_ty(&self, b: u32, depth: u32) -> Option<Ty> {
        let bd = &self.facts.bindings[b as usize];
        if bd.kind == facts::BindKind::SelfParam {
            return self.self_ty.map(|t| Ty::Named(t.to_owned(), Vec::new()));
        }
        if let Some(t) = bd.ty {
            return Some(Ty::from_syn(t));
        }
        self.infer(bd.init?, depth + 1)
    }

    /// The type of an expression, when it can be told without a compiler.
    pub(crate) fn type_of(&self, e: &Expr, depth: u32) -> Option<Ty> {
        if depth > 6 {
            return None;
        }
        let e = strip(e);
        match e {
            Expr::Lit(l) => match &l.lit {
                syn::Lit::Str(_) => Some(Ty::Ref(Box::new(Ty::Unsized))),
                syn::Lit::Int(_)
                | syn::Lit::Float(_)
                | syn::Lit::Bool(_)
                | syn::Lit::Char(_)
                | syn::Lit::Byte(_) => Some(Ty::Prim(8)),
                _ => None,
            },
            Expr::Path(_) => {
                let id = path_ident(e)?;
                if id == "self" {
                    return self.self_ty.map(|t| Ty::Named(t.to_owned(), Vec::new()));
                }
                self.binding_ty(self.binding_of(e)?, depth)
            }
            Expr::Field(f) => {
                let base = self.type_of(&f.base, depth + 1)?;
                let name = match deref(&base) {
                    Ty::Named(n, _) => n.clone(),
                    _ => return None,
                };
                let member = match &f.member {
                    syn::Member::Named(n) => n.to_string(),
                    syn::Member::Unnamed(i) => i.index.to_string(),
                };
                self.table.get(&name)?.field(&member).cloned()
            }
            Expr::Reference(r) => Some(Ty::Ref(Box::new(self.type_of(&r.expr, depth + 1)?))),
            _ => self.infer(e, depth + 1),
        }
    }

    /// The type an initialiser produces.
    pub(crate) fn infer(&self, e: &Expr, depth: u32) -> Option<Ty> {
        if depth > 6 {
            return None;
        }
        let e = strip(e);
        if let Some(m) = rewritten_name(e) {
            return match m {
                "vec" => Some(Ty::Vec(Box::new(Ty::Unknown))),
                "format" => Some(Ty::OwnedStr),
                _ => None,
            };
        }
        match e {
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                match name.as_str() {
                    "clone" | "to_owned" => {
                        let t = self.type_of(&m.receiver, depth + 1)?;
                        Some(match deref(&t) {
                            Ty::Unsized => Ty::OwnedStr,
                            other => other.clone(),
                        })
                    }
                    "to_string" | "to_uppercase" | "to_lowercase" | "replace"
                    | "to_string_lossy" => Some(Ty::OwnedStr),
                    "to_vec" => Some(Ty::Vec(Box::new(Ty::Unknown))),
                    "to_path_buf" => Some(Ty::OwnedStr),
                    "collect" => m
                        .turbofish
                        .as_ref()
                        .and_then(|t| t.args.first())
                        .and_then(|a| match a {
                            syn::GenericArgument::Type(t) => Some(Ty::from_syn(t)),
                            _ => None,
                        }),
                    _ => None,
                }
            }
            Expr::Call(c) => {
                if let Some(f) = path_ident(&c.func) {
                    return self.table.fn_sig(&f.to_string())?.ret.clone();
                }
                let (ty, f) = path_call(&c.func)?;
                let ty = ty.to_string();
                let f = f.to_string();
                match (ty.as_str(), f.as_str()) {
                    ("Arc" | "Rc", _) => Some(Ty::Shared(Box::new(Ty::Unknown))),
                    ("String" | "PathBuf", "new" | "from" | "with_capacity") => Some(Ty::OwnedStr),
                    ("Vec" | "VecDeque", _) => Some(Ty::Vec(Box::new(Ty::Unknown))),
                    ("HashMap" | "HashSet" | "BTreeMap" | "BTreeSet", _) => Some(Ty::Map),
                    ("LinkedList", _) => Some(Ty::LinkedList),
                    ("Box", "new") => Some(Ty::Boxed(Box::new(
                        self.type_of(c.args.first()?, depth + 1)
                            .unwrap_or(Ty::Unknown),
                    ))),
                    (t, "new" | "default") if self.table.get(t).is_some() => {
                        Some(Ty::Named(t.to_owned(), Vec::new()))
                    }
                    _ => None,
                }
            }
            Expr::Struct(s) => {
                let name = s.path.segments.last()?.ident.to_string();
                if name == "Self" {
                    return self.self_ty.map(|t| Ty::Named(t.to_owned(), Vec::new()));
                }
                Some(Ty::Named(name, Vec::new()))
            }
            Expr::Lit(_) | Expr::Reference(_) | Expr::Path(_) | Expr::Field(_) => {
                self.type_of(e, depth + 1)
            }
            _ => None,
        }
    }

    /// Whether a binding is used (in any way) after `pos`.
    pub(crate) fn used_after(&self, b: u32, pos: Pos) -> bool {
        self.facts.uses(b).any(|u| u.pos > pos)
    }

    /// Whether any use of a binding moves it.
    pub(crate) fn moved(&self, b: u32) -> bool {
        self.facts.uses(b).any(|u| u.kind == UseKind::Move)
    }

    /// Impact of removing `allocs` allocations from the loop `loop_id`.
    pub(crate) fn loop_impact(&self, loop_id: u32, allocs: u64, bytes: Option<u64>) -> Impact {
        let l = &self.facts.loops[loop_id as usize];
        let unit = describe_loop(self.facts, loop_id);
        let data = l.iter.map(is_data_source).unwrap_or(false);
        let mut level = if l.depth >= 2 || data {
            Level::High
        } else {
            Level::Medium
        };
        if self.priority == Priority::P3 {
            level = Level::Low;
        }
        let applies_to = if l.depth >= 2 {
            let outer = describe_loop(self.facts, l.parent);
            format!(
                "{unit}, nested {} loops deep (inside {outer}) in `{}`",
                l.depth, self.path
            )
        } else {
            format!("every call of `{}`", self.path)
        };
        Impact {
            allocations_avoided: Some(allocs),
            bytes_saved: bytes,
            unit,
            applies_to,
            level,
        }
    }

    /// Impact of a fix outside loops: once per call.
    pub(crate) fn call_impact(&self, allocs: u64, bytes: Option<u64>) -> Impact {
        Impact {
            allocations_avoided: Some(allocs),
            bytes_saved: bytes,
            unit: format!("call of `{}`", self.path),
            applies_to: format!("every call of `{}`", self.path),
            level: if self.priority <= Priority::P1 {
                Level::Medium
            } else {
                Level::Low
            },
        }
    }

    /// Lines of an expression.
    pub(crate) fn lines_of(&self, e: &Expr) -> (u32, u32) {
        let s = e.span();
        (Pos::of(s).line, Pos::end_of(s).line)
    }
}

/// `&T` → `T`.
pub(crate) fn deref(t: &Ty) -> &Ty {
    match t {
        Ty::Ref(inner) => deref(inner),
        other => other,
    }
}

/// Names that suggest user data: rows, files, records, lines, ...
pub(crate) fn is_data_source(e: &Expr) -> bool {
    const DATA: &[&str] = &[
        "row", "file", "record", "line", "entr", "item", "chunk", "batch", "event", "request",
        "message", "packet", "path", "doc", "node", "byte", "column", "cell", "field", "token",
        "word", "key", "value", "element", "frame", "block", "page", "sample", "point",
    ];
    let text = e.to_token_stream().to_string().to_ascii_lowercase();
    DATA.iter().any(|d| text.contains(d))
}

/// `iteration of `for row in rows`` and the like.
pub(crate) fn describe_loop(f: &FnFacts<'_>, loop_id: u32) -> String {
    let l = &f.loops[loop_id as usize];
    match l.kind {
        LoopKind::For => {
            let pat = l
                .pat
                .map(|p| tidy(p.to_token_stream().to_string()))
                .unwrap_or_default();
            let it = l
                .iter
                .map(|e| tidy(e.to_token_stream().to_string()))
                .unwrap_or_default();
            format!("iteration of `for {pat} in {}`", shorten(&it))
        }
        LoopKind::IterClosure => {
            let it = l
                .iter
                .map(|e| tidy(e.to_token_stream().to_string()))
                .unwrap_or_default();
            let adaptor = l.adaptor.map(|a| a.to_string()).unwrap_or_default();
            format!("element of `{}.{adaptor}(..)`", shorten(&it))
        }
        LoopKind::While => format!("iteration of the `while` loop at line {}", l.start.line),
        LoopKind::Loop => format!("iteration of the `loop` at line {}", l.start.line),
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 48 {
        let cut: String = s.chars().take(45).collect();
        format!("{cut}...")
    } else {
        s.to_owned()
    }
}

/// Token text with the spaces `to_string` puts around punctuation removed.
pub(crate) fn tidy(s: String) -> String {
    let mut out = s;
    for (from, to) in [
        (" . ", "."),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        ("& ", "&"),
        (" ,", ","),
        (" :: ", "::"),
        (" !", "!"),
        (" [", "["),
        ("[ ", "["),
        (" ]", "]"),
        (" ?", "?"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" ; ", "; "),
        (" :", ":"),
    ] {
        out = out.replace(from, to);
    }
    out
}

/// Source-like text of an expression for messages.
pub(crate) fn text(e: &impl ToTokens) -> String {
    shorten(&tidy(e.to_token_stream().to_string()))
}

/// Type-level checks that apply wherever a type is written: struct fields,
/// fn signatures, `let` annotations.
pub(crate) fn check_type(
    ty: &Type,
    path: &str,
    generics: &[String],
    table: &FileTypes<'_>,
    out: &mut Emitter<'_>,
) {
    let mut stack = vec![ty];
    while let Some(t) = stack.pop() {
        heap_avoidable::check_type(t, path, table, out);
        cache_hostile::check_type(t, path, generics, table, out);
        match t {
            Type::Path(p) => {
                for seg in &p.path.segments {
                    if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                        for g in &a.args {
                            if let syn::GenericArgument::Type(inner) = g {
                                stack.push(inner);
                            }
                        }
                    }
                }
            }
            Type::Reference(r) => stack.push(&r.elem),
            Type::Array(a) => stack.push(&a.elem),
            Type::Slice(s) => stack.push(&s.elem),
            Type::Tuple(tu) => stack.extend(tu.elems.iter()),
            Type::Paren(pa) => stack.push(&pa.elem),
            _ => {}
        }
    }
}

/// The lines a syntax node spans.
pub(crate) fn lines(node: &impl Spanned) -> (u32, u32) {
    let s = node.span();
    (Pos::of(s).line, Pos::end_of(s).line)
}
