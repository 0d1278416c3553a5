//! The type of an expression, when the code tells it without a compiler:
//! literals, locals with a written or inferred type, `self`, fields of the
//! file's structs, constructors (`String::new()`, `Vec::with_capacity(n)`),
//! functions of the file with a return type, and the methods whose result
//! type std fixes (`to_string`, `clone` of a known type, `iter` of a vector).
//!
//! Every answer is `None` when unsure: a wrong type is worse than none. This
//! module must NOT walk bodies or record anything; [`crate::body`] asks it.

use syn::Expr;

use crate::body::{path_call, path_ident, strip};
use crate::macros::rewritten_name;
use crate::ty::{Ty, View};
use crate::types::TypeTable;

/// The local bindings visible where an expression is.
pub trait Locals {
    /// The type of the local binding `name` visible here.
    fn local_ty(&self, name: &str) -> Option<Ty>;
}

impl<F: Fn(&str) -> Option<Ty>> Locals for F {
    fn local_ty(&self, name: &str) -> Option<Ty> {
        self(name)
    }
}

/// What inference can look up.
pub struct Env<'e> {
    pub table: &'e TypeTable,
    pub self_ty: Option<&'e str>,
    pub locals: &'e dyn Locals,
}

const MAX_DEPTH: u32 = 8;

/// The type of `e`, when it can be told.
pub fn expr_type(e: &Expr, env: &Env<'_>, depth: u32) -> Option<Ty> {
    if depth > MAX_DEPTH {
        return None;
    }
    let e = strip(e);
    if let Some(m) = rewritten_name(e) {
        return match m {
            "vec" => Some(Ty::generic("Vec", vec![Ty::Unknown])),
            "format" => Some(Ty::named("String")),
            _ => None,
        };
    }
    match e {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Str(_) => Some(Ty::reference(Ty::named("str"))),
            syn::Lit::Int(i) => Some(Ty::named(match i.suffix() {
                "" => "i32",
                s => s,
            })),
            syn::Lit::Float(f) => Some(Ty::named(match f.suffix() {
                "" => "f64",
                s => s,
            })),
            syn::Lit::Bool(_) => Some(Ty::named("bool")),
            syn::Lit::Char(_) => Some(Ty::named("char")),
            syn::Lit::Byte(_) => Some(Ty::named("u8")),
            syn::Lit::ByteStr(_) => Some(Ty::reference(Ty::Slice(Box::new(Ty::named("u8"))))),
            _ => None,
        },
        Expr::Path(_) => {
            let id = path_ident(e)?.to_string();
            if id == "self" {
                return env.self_ty.map(Ty::named);
            }
            env.locals.local_ty(&id)
        }
        Expr::Field(f) => {
            let base = expr_type(&f.base, env, depth + 1)?;
            let name = match base.peel_refs().view() {
                View::Named(n, _) => n.to_owned(),
                View::Boxed(t) | View::Shared(t) => t.name()?.to_owned(),
                _ => return None,
            };
            let member = match &f.member {
                syn::Member::Named(n) => n.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            env.table.get(&name)?.field(&member).cloned()
        }
        Expr::Reference(r) => Some(Ty::Ref {
            mutable: r.mutability.is_some(),
            inner: Box::new(expr_type(&r.expr, env, depth + 1)?),
        }),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
            match expr_type(&u.expr, env, depth + 1)? {
                Ty::Ref { inner, .. } => Some(*inner),
                _ => None,
            }
        }
        Expr::Try(t) => {
            let inner = expr_type(&t.expr, env, depth + 1)?;
            match inner.name() {
                Some("Option" | "Result") => inner.args().first().cloned(),
                _ => None,
            }
        }
        Expr::Index(i) => {
            let base = expr_type(&i.expr, env, depth + 1)?;
            if matches!(&*i.index, Expr::Range(_)) {
                return None;
            }
            element_of(base.peel_refs())
        }
        Expr::MethodCall(m) => method_type(m, env, depth),
        Expr::Call(c) => call_type(c, env, depth),
        Expr::Struct(s) => {
            let name = s.path.segments.last()?.ident.to_string();
            if name == "Self" {
                return env.self_ty.map(Ty::named);
            }
            Some(Ty::named(&name))
        }
        Expr::Tuple(t) => {
            let mut out = Vec::with_capacity(t.elems.len());
            for x in &t.elems {
                out.push(expr_type(x, env, depth + 1)?);
            }
            Some(Ty::Tuple(out))
        }
        Expr::Cast(c) => Some(Ty::from_syn(&c.ty)),
        Expr::Range(_) => Some(Ty::named("Range")),
        _ => None,
    }
}

/// The element a collection holds: `Vec<T>` → `T`, `[T; N]` → `T`.
fn element_of(t: &Ty) -> Option<Ty> {
    if let Ty::Impl(bounds) = t {
        return bounds.iter().find_map(|b| impl_item(b));
    }
    match t.view() {
        View::Vec(e) | View::Slice(e) | View::Array(e, _) => Some(e.clone()),
        View::OwnedStr | View::Str => None,
        View::Map(_, v) => v.cloned(),
        _ => None,
    }
}

/// The item of an `impl Iterator<Item = T>` (or `IntoIterator`,
/// `ExactSizeIterator`, `DoubleEndedIterator`) bound, as the type table
/// writes it: `T`.
fn impl_item(bound: &str) -> Option<Ty> {
    let (name, args) = bound.split_once('<')?;
    if !matches!(
        name,
        "Iterator" | "IntoIterator" | "ExactSizeIterator" | "DoubleEndedIterator"
    ) {
        return None;
    }
    let item = args.strip_suffix('>')?.strip_prefix("Item = ")?;
    let t = Ty::parse(item);
    (!t.is_unknown()).then_some(t)
}

/// The type each iteration yields when iterating `iter_expr` (a `for`
/// loop's expression or an adaptor's receiver), when it can be told.
pub fn iteration_item(iter_expr: &Expr, env: &Env<'_>) -> Option<Ty> {
    let e = strip(iter_expr);
    match e {
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            let recv = || expr_type(&m.receiver, env, 1);
            match name.as_str() {
                "iter" => {
                    let r = recv()?;
                    Some(Ty::reference(element_of(r.peel_refs())?))
                }
                "iter_mut" => {
                    let r = recv()?;
                    Some(Ty::Ref {
                        mutable: true,
                        inner: Box::new(element_of(r.peel_refs())?),
                    })
                }
                // `drain` hands out the owned elements even through a
                // `&mut` receiver.
                // (A map's `drain` yields pairs: not told here.)
                "drain" => match recv()?.peel_refs().view() {
                    View::Vec(e) => Some(e.clone()),
                    _ => None,
                },
                "into_iter" => {
                    let r = recv()?;
                    match &r {
                        Ty::Ref { mutable, inner } => Some(Ty::Ref {
                            mutable: *mutable,
                            inner: Box::new(element_of(inner)?),
                        }),
                        owned => element_of(owned),
                    }
                }
                "chars" => Some(Ty::named("char")),
                "bytes" => Some(Ty::named("u8")),
                "lines" | "split_whitespace" | "split" | "split_terminator" | "rsplit"
                | "splitn" => Some(Ty::reference(Ty::named("str"))),
                "keys" => {
                    let r = recv()?;
                    match r.peel_refs().view() {
                        View::Map(Some(k), _) | View::Set(Some(k)) => {
                            Some(Ty::reference(k.clone()))
                        }
                        _ => None,
                    }
                }
                "values" => {
                    let r = recv()?;
                    match r.peel_refs().view() {
                        View::Map(_, Some(v)) => Some(Ty::reference(v.clone())),
                        _ => None,
                    }
                }
                "enumerate" => Some(Ty::Tuple(vec![
                    Ty::named("usize"),
                    iteration_item(&m.receiver, env)?,
                ])),
                "cloned" | "copied" => match iteration_item(&m.receiver, env)? {
                    Ty::Ref { inner, .. } => Some(*inner),
                    other => Some(other),
                },
                // Each pair holds the receiver's item and the argument's
                // (unknown when it cannot be told).
                "zip" => Some(Ty::Tuple(vec![
                    iteration_item(&m.receiver, env)?,
                    m.args
                        .first()
                        .and_then(|a| iteration_item(a, env))
                        .unwrap_or(Ty::Unknown),
                ])),
                "rev" | "skip" | "take" | "step_by" | "peekable" | "filter" | "skip_while"
                | "take_while" | "inspect" | "chain" | "fuse" => iteration_item(&m.receiver, env),
                _ => None,
            }
        }
        Expr::Range(r) => {
            // An unsuffixed literal bound says less than the other bound.
            let unsuffixed = |e: &Expr| matches!(e, Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) if i.suffix().is_empty());
            let bounds = [r.start.as_deref(), r.end.as_deref()];
            let bound = bounds
                .iter()
                .flatten()
                .find(|b| !unsuffixed(b))
                .or_else(|| bounds.iter().flatten().next())?;
            expr_type(bound, env, 1)
        }
        Expr::Reference(r) => {
            let t = expr_type(&r.expr, env, 1)?;
            Some(Ty::Ref {
                mutable: r.mutability.is_some(),
                inner: Box::new(element_of(t.peel_refs())?),
            })
        }
        _ => {
            let t = expr_type(e, env, 1)?;
            match &t {
                Ty::Ref { mutable, inner } => Some(Ty::Ref {
                    mutable: *mutable,
                    inner: Box::new(element_of(inner)?),
                }),
                owned => element_of(owned),
            }
        }
    }
}

/// A file-system path type: std's `Path`/`PathBuf` and the UTF-8 ones of
/// camino-like crates (`Utf8Path`, `Utf8PathBuf`).
fn is_path_type(t: &Ty) -> bool {
    matches!(
        t.name(),
        Some("Path" | "PathBuf" | "Utf8Path" | "Utf8PathBuf")
    )
}

/// The owned path a `join` on `t` returns.
fn path_buf_of(t: &Ty) -> Ty {
    match t.name() {
        Some("Utf8Path" | "Utf8PathBuf") => Ty::named("Utf8PathBuf"),
        _ => Ty::named("PathBuf"),
    }
}

fn method_type(m: &syn::ExprMethodCall, env: &Env<'_>, depth: u32) -> Option<Ty> {
    let name = m.method.to_string();
    match name.as_str() {
        "clone" | "to_owned" => {
            let t = expr_type(&m.receiver, env, depth + 1)?;
            Some(match t.peel_refs().view() {
                View::Str => Ty::named("String"),
                View::Slice(e) => Ty::generic("Vec", vec![e.clone()]),
                _ => t.peel_refs().clone(),
            })
        }
        // `Path::join` makes a path; `[S]::join` (and `concat`) a `String`.
        "join" => Some(match expr_type(&m.receiver, env, depth + 1) {
            Some(t) if is_path_type(t.peel_refs()) => path_buf_of(t.peel_refs()),
            _ => Ty::named("String"),
        }),
        "to_string" | "to_uppercase" | "to_lowercase" | "replace" | "repeat" | "concat" => {
            Some(Ty::named("String"))
        }
        "to_string_lossy" => Some(Ty::generic("Cow", vec![Ty::named("str")])),
        "to_vec" => {
            let t = expr_type(&m.receiver, env, depth + 1)?;
            Some(Ty::generic(
                "Vec",
                vec![element_of(t.peel_refs()).unwrap_or(Ty::Unknown)],
            ))
        }
        "to_path_buf" => Some(Ty::named("PathBuf")),
        "len" | "count" | "capacity" => Some(Ty::named("usize")),
        "is_empty" | "is_some" | "is_none" | "is_ok" | "is_err" | "contains" | "starts_with"
        | "ends_with" | "contains_key" => Some(Ty::named("bool")),
        "as_str" | "trim" | "trim_start" | "trim_end" => Some(Ty::reference(Ty::named("str"))),
        "as_bytes" => Some(Ty::reference(Ty::Slice(Box::new(Ty::named("u8"))))),
        "collect" => m
            .turbofish
            .as_ref()
            .and_then(|t| t.args.first())
            .and_then(|a| match a {
                syn::GenericArgument::Type(t) => Some(Ty::from_syn(t)),
                _ => None,
            }),
        "unwrap" | "expect" | "unwrap_or_default" => {
            let t = expr_type(&m.receiver, env, depth + 1)?;
            match t.name() {
                Some("Option" | "Result") => t.args().first().cloned(),
                // `lock()`/`read()`/`write()` are typed as the guarded value
                // (their `LockResult` looked through): the unwrap keeps it.
                _ if matches!(strip(&m.receiver), Expr::MethodCall(r) if r.method == "lock" || r.method == "read" || r.method == "write") => {
                    Some(t)
                }
                _ => None,
            }
        }
        "get" | "first" | "last" => {
            let t = expr_type(&m.receiver, env, depth + 1)?;
            let e = element_of(t.peel_refs())?;
            Some(Ty::generic("Option", vec![Ty::reference(e)]))
        }
        "lock" | "read" | "write" | "borrow" | "borrow_mut" => {
            // `Mutex<T>::lock()` → a guard that derefs to `T`; callers
            // only use it to reach fields, so `T` is the useful answer.
            let t = expr_type(&m.receiver, env, depth + 1)?;
            match t.peel_refs().view() {
                View::Cell(inner) => Some(inner.clone()),
                View::Shared(inner) => match inner.view() {
                    View::Cell(x) => Some(x.clone()),
                    _ => None,
                },
                _ => None,
            }
        }
        _ => {
            // A method of the file's own types with a written return type.
            let recv = expr_type(&m.receiver, env, depth + 1)?;
            recv.peel_refs().name()?;
            let sig = env.table.fn_sig(&name)?;
            sig.ret.clone().filter(|r| r.name() != Some("Self"))
        }
    }
}

fn call_type(c: &syn::ExprCall, env: &Env<'_>, depth: u32) -> Option<Ty> {
    if let Some(f) = path_ident(&c.func) {
        let f = f.to_string();
        if f == "Some" {
            return Some(Ty::generic(
                "Option",
                vec![expr_type(c.args.first()?, env, depth + 1).unwrap_or(Ty::Unknown)],
            ));
        }
        return env.table.fn_sig(&f)?.ret.clone();
    }
    let (ty, f) = path_call(&c.func)?;
    let ty = ty.to_string();
    let f = f.to_string();
    match (ty.as_str(), f.as_str()) {
        ("Arc" | "Rc", "new" | "from") => Some(Ty::generic(
            &ty,
            vec![c
                .args
                .first()
                .and_then(|a| expr_type(a, env, depth + 1))
                .unwrap_or(Ty::Unknown)],
        )),
        ("Arc" | "Rc", "clone") => {
            let t = expr_type(c.args.first()?, env, depth + 1)?;
            Some(t.peel_refs().clone())
        }
        ("String", "new" | "from" | "with_capacity" | "from_utf8_lossy") => {
            Some(Ty::named("String"))
        }
        ("PathBuf", _) => Some(Ty::named("PathBuf")),
        ("Vec" | "VecDeque", "new" | "with_capacity") => Some(Ty::generic(&ty, vec![Ty::Unknown])),
        (
            "HashMap" | "HashSet" | "BTreeMap" | "BTreeSet" | "IndexMap" | "IndexSet",
            "new" | "with_capacity" | "default",
        ) => Some(Ty::named(&ty)),
        ("Box", "new") => Some(Ty::generic(
            "Box",
            vec![expr_type(c.args.first()?, env, depth + 1).unwrap_or(Ty::Unknown)],
        )),
        ("Self", _) => {
            let self_ty = env.self_ty?;
            let sig = env.table.fn_sig(&f)?;
            match &sig.ret {
                Some(r) if r.name() == Some("Self") => Some(Ty::named(self_ty)),
                other => other.clone(),
            }
        }
        (t, "new" | "default" | "with_capacity") if env.table.get(t).is_some() => {
            Some(Ty::named(t))
        }
        // Constructors by convention return their type, wherever the type
        // is defined.
        (t, f)
            if t.starts_with(char::is_uppercase)
                && env.table.fn_sig(f).is_none()
                && (f == "new"
                    || f == "default"
                    || f.starts_with("with_")
                    || f.starts_with("from_")) =>
        {
            Some(Ty::named(t))
        }
        (t, _) if t.starts_with(char::is_uppercase) => {
            let sig = env.table.fn_sig(&f)?;
            match &sig.ret {
                Some(r) if r.name() == Some("Self") => Some(Ty::named(t)),
                other => other.clone(),
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(items: &str, locals: &[(&str, &str)], expr: &str, expected: Option<&str>) {
        let file = syn::parse_file(items).unwrap();
        let table = TypeTable::for_file(None, &file);
        let locals: Vec<(String, Ty)> = locals
            .iter()
            .map(|(n, t)| (n.to_string(), Ty::parse(t)))
            .collect();
        let lookup = |n: &str| locals.iter().find(|(l, _)| l == n).map(|(_, t)| t.clone());
        let env = Env {
            table: &table,
            self_ty: Some("Me"),
            locals: &lookup,
        };
        let e: Expr = syn::parse_str(expr).unwrap();
        assert_eq!(
            expr_type(&e, &env, 0).map(|t| t.to_string()).as_deref(),
            expected,
            "type of `{expr}`"
        );
    }

    #[test]
    fn types_are_told_from_the_code() {
        let items = "struct Me { name: String, ids: Vec<u32> } fn load() -> Vec<Row> { todo!() }";
        check(items, &[], "self.name", Some("String"));
        check(items, &[], "self.name.clone()", Some("String"));
        check(items, &[("s", "&str")], "s.to_owned()", Some("String"));
        check(items, &[("v", "&[u8]")], "v.to_vec()", Some("Vec<u8>"));
        check(items, &[], "load()", Some("Vec<Row>"));
        check(items, &[], "String::with_capacity(8)", Some("String"));
        check(items, &[], "self.ids.len()", Some("usize"));
        check(
            items,
            &[("x", "Option<String>")],
            "x.unwrap()",
            Some("String"),
        );
        check(items, &[], "unknown.thing()", None);
        // `join` on a path makes a path, on a slice of strings a `String`.
        check(items, &[("p", "&Path")], "p.join(name)", Some("PathBuf"));
        check(
            items,
            &[],
            "Utf8Path::new(base).join(with)",
            Some("Utf8PathBuf"),
        );
        check(
            items,
            &[("v", "Vec<String>")],
            "v.join(\", \")",
            Some("String"),
        );
        check(
            items,
            &[("m", "Arc<Mutex<Me>>")],
            "m.lock().unwrap().name",
            Some("String"),
        );
    }

    #[test]
    fn iteration_items_follow_the_iterator() {
        let file = syn::parse_file("").unwrap();
        let table = TypeTable::for_file(None, &file);
        let locals = [
            ("v", Ty::parse("Vec<String>")),
            ("m", Ty::parse("&HashMap<u32, Row>")),
            ("s", Ty::parse("&str")),
            ("w", Ty::parse("&mut Vec<Row>")),
            ("it", Ty::parse("impl Iterator<Item = Row>")),
        ];
        let lookup = |n: &str| locals.iter().find(|(l, _)| *l == n).map(|(_, t)| t.clone());
        let env = Env {
            table: &table,
            self_ty: None,
            locals: &lookup,
        };
        for (expr, want) in [
            ("v.iter()", Some("&String")),
            ("&v", Some("&String")),
            ("v", Some("String")),
            ("v.iter().enumerate()", Some("(usize, &String)")),
            ("m.values()", Some("&Row")),
            ("s.lines()", Some("&str")),
            ("s.bytes()", Some("u8")),
            ("0..10usize", Some("usize")),
            // `drain` hands out owned elements through a `&mut` receiver;
            // `into_iter` on a reference lends them.
            ("w.drain(..)", Some("Row")),
            ("w.into_iter()", Some("&mut Row")),
            ("m.drain()", None),
            // An `impl Iterator` parameter yields its `Item`; `zip` pairs.
            ("it", Some("Row")),
            ("it.zip(v.iter())", Some("(Row, &String)")),
            ("it.zip(unknown)", Some("(Row, ?)")),
            ("v.into_iter().enumerate()", Some("(usize, String)")),
        ] {
            let e: Expr = syn::parse_str(expr).unwrap();
            assert_eq!(
                iteration_item(&e, &env).map(|t| t.to_string()).as_deref(),
                want,
                "item of `{expr}`"
            );
        }
    }
}
