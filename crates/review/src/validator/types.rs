//! What the syntax says about the type of a place expression: its declared
//! type or initialiser, whether it is `Copy`, reference counted or unsized.
//!
//! It must NOT decide verdicts: rules ask it questions.

use super::*;

/// What is known about a place: its declared type and its initialiser.
#[derive(Default)]
pub(super) struct PlaceType {
    pub(super) ty: Option<String>,
    pub(super) init: Option<String>,
    pub(super) from: String,
}

pub(super) fn place_type(case: &Case, site: &Site, key: &str, depth: u8) -> Option<PlaceType> {
    let func = case.func(site)?;
    let mut parts = key.split('.');
    let root = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let base = if root == "self" {
        let ty = func.self_ty.clone()?;
        PlaceType {
            ty: Some(ty),
            init: None,
            from: "`self`".to_owned(),
        }
    } else if let Some(b) = func.bindings.iter().rev().find(|b| {
        // `let shared = shared.clone();` is not its own source: skip the
        // binding whose initialiser holds the site.
        let holds_site = b
            .init_span
            .is_some_and(|(s, e)| s <= site.start && site.end <= e);
        b.name == root && b.pos < site.start && !holds_site
    }) {
        let mut pt = PlaceType {
            ty: b.ty.clone(),
            init: b.init.clone(),
            from: format!("`let {}` at line {}", b.name, b.pos.line),
        };
        // `let b = a.clone()` has `a`'s type.
        if pt.ty.is_none() && depth < 3 {
            if let Some(src) = pt.init.as_deref().and_then(|i| i.strip_suffix(".clone()")) {
                if let Some(inner) = place_type(case, site, src, depth + 1) {
                    pt.ty = inner.ty;
                    pt.init = inner.init.or(pt.init);
                }
            }
        }
        pt
    } else if let Some((_, ty)) = func.params.iter().find(|(n, _)| n == root) {
        PlaceType {
            ty: Some(ty.clone()),
            init: None,
            from: format!("parameter `{root}: {ty}` of `fn {}`", func.name),
        }
    } else {
        return None;
    };
    let mut current = base;
    for field in rest {
        let ty_name = current.ty.as_deref().map(type_name)?;
        let item = case.facts.type_item(ty_name)?;
        let (_, fty) = item.fields.iter().find(|(n, _)| n == field)?;
        current = PlaceType {
            ty: Some(fty.clone()),
            init: None,
            from: format!("field `{ty_name}::{field}: {fty}`"),
        };
    }
    Some(current)
}

/// `&mut Foo<T>` → `Foo`.
pub(super) fn type_name(ty: &str) -> &str {
    let t = ty.trim_start_matches('&').trim_start_matches("mut");
    let t = t.split('<').next().unwrap_or(t);
    t.rsplit("::").next().unwrap_or(t)
}

pub(super) fn is_refcounted(pt: &PlaceType) -> bool {
    let ty_rc = pt.ty.as_deref().is_some_and(|t| {
        let t = t.trim_start_matches('&');
        ["Arc<", "Rc<", "sync::Arc<", "rc::Rc<"]
            .iter()
            .any(|p| t.starts_with(p) || t.contains(&format!("::{p}")))
    });
    let init_rc = pt.init.as_deref().is_some_and(|i| {
        [
            "Arc::new(",
            "Rc::new(",
            "Arc::clone(",
            "Rc::clone(",
            "Arc::from(",
            "Rc::from(",
        ]
        .iter()
        .any(|p| i.starts_with(p) || i.contains(&format!("::{p}")))
    });
    ty_rc || init_rc
}

pub(super) const COPY_PRIMITIVES: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64", "bool", "char",
];

pub(super) fn is_copy_type(ty: &str, facts: &FileFacts) -> bool {
    if let Some(rest) = ty.strip_prefix('&') {
        return !rest.starts_with("mut");
    }
    if COPY_PRIMITIVES.contains(&ty) {
        return true;
    }
    if let Some(inner) = ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        return is_copy_type(inner, facts);
    }
    if let Some(inner) = ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        return inner
            .rsplit_once(';')
            .is_some_and(|(elem, _)| is_copy_type(elem, facts));
    }
    if let Some(inner) = ty.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        return split_top_level(inner)
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .all(|p| is_copy_type(p, facts));
    }
    facts.type_item(ty).is_some_and(|t| t.copy)
}

pub(super) fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Unsized types that are not `Clone`: `.clone()` on a `&str` can only
/// resolve to the reference's own `Clone`.
pub(super) fn is_unsized_not_clone(ty: &str) -> bool {
    ty == "str"
        || ty.starts_with("dyn ")
        || (ty.starts_with('[') && !ty.contains(';'))
        || ["Path", "OsStr", "CStr"].contains(&type_name(ty))
}

/// Why `.clone()` on a receiver of type `ty` allocates nothing, if it does not.
///
/// Method resolution tries the receiver by value first: on `x: &T` the
/// candidate `T::clone(&self)` matches `&T` before `<&T as Clone>::clone`
/// (which needs `&&T`) is reached. So a clone of a `&String` binding is a
/// `String::clone` that allocates; only `&T` with `T: Copy`, `&&T`, or an
/// unsized `T` that is not `Clone` (`&str`, `&[U]`, `&dyn Trait`) copies.
pub(super) fn clone_copy_reason(ty: &str, facts: &FileFacts) -> Option<String> {
    let Some(rest) = ty.strip_prefix('&') else {
        return is_copy_type(ty, facts).then(|| "a `Copy` type".to_owned());
    };
    // `&'a T` → `T`; `&mut T` → `T` (`&mut T` is not `Clone`, so `T::clone` runs).
    let rest = match rest.strip_prefix('\'') {
        Some(r) => r.split_once(' ').map(|(_, t)| t).unwrap_or(r),
        None => rest,
    };
    let mutable = rest.starts_with("mut ");
    let inner = rest.strip_prefix("mut ").unwrap_or(rest).trim();
    if !mutable && inner.starts_with('&') {
        return Some("a reference to a reference: `.clone()` copies the outer reference".into());
    }
    if !mutable && is_unsized_not_clone(inner) {
        return Some(format!(
            "`{inner}` is not `Clone`, so `.clone()` copies the reference"
        ));
    }
    is_copy_type(inner, facts)
        .then(|| format!("`.clone()` resolves to `{inner}::clone`, and `{inner}` is `Copy`"))
}

pub(super) fn copy_evidence(pt: &PlaceType, facts: &FileFacts) -> Option<String> {
    if let Some(ty) = &pt.ty {
        return clone_copy_reason(ty, facts)
            .map(|why| format!("its type is `{ty}` ({}): {why}", pt.from));
    }
    let init = pt.init.as_deref()?;
    let literal = init == "true"
        || init == "false"
        || init.starts_with('\'')
        || init.starts_with(|c: char| c.is_ascii_digit());
    if literal {
        return Some(format!(
            "it is initialised with the literal `{init}` ({})",
            pt.from
        ));
    }
    if init.ends_with(".len()") || init.ends_with(".count()") {
        return Some(format!("it is a `usize` from `{init}` ({})", pt.from));
    }
    None
}

/// The type of a place expression from the shared facts: the binding the
/// root names at the site (written or inferred type), then each field
/// through the crate's type table. With where the type comes from.
pub(super) fn place_ty(
    case: &Case,
    site: &Site,
    key: &str,
) -> Option<(memaudit_facts::Ty, String)> {
    let (item, s) = case.raw(site)?;
    if s.receiver.as_deref() == Some(key) {
        if let Some(t) = s.receiver_ty.clone().filter(|t| !t.is_unknown()) {
            return Some((
                t,
                format!("the type of `{key}` at line {}", s.range.start.line),
            ));
        }
    }
    let mut parts = key.split('.');
    let root = parts.next()?;
    let b = item
        .facts
        .bindings
        .get(source_binding(case, site, key)? as usize)?;
    let unwrapped = || unwrapped_ty(case, item, b);
    let mut ty =
        b.ty.clone()
            .filter(|t| !t.is_unknown())
            .or_else(unwrapped)?;
    let mut from = match b.kind {
        memaudit_facts::body::BindKind::Let => format!("`let {root}` at line {}", b.stmt_lines.0),
        memaudit_facts::body::BindKind::SelfParam => "`self`".to_owned(),
        _ => format!("`{root}: {ty}`"),
    };
    for field in parts {
        let name = ty.peel_refs().name()?.to_owned();
        let def = case.facts.raw.table.get(&name)?;
        ty = def.field(field)?.clone();
        from = format!("field `{name}::{field}: {ty}`");
    }
    Some((ty, from))
}

/// The type of a binding that unwraps a place (`if let Some(d) =
/// &self.deletion`), read with the workspace's types: the place's type is
/// `Option<T>` or `Result<T, E>`, and the binding holds a `T` (a borrow of
/// one, which is the same for what a clone of it costs). Its file alone
/// may not know the fields of a type declared elsewhere.
fn unwrapped_ty(
    case: &Case,
    item: &memaudit_facts::FnItem,
    b: &memaudit_facts::body::Binding,
) -> Option<memaudit_facts::Ty> {
    let place = b.unwraps.as_deref()?;
    let mut parts = place.split('.');
    let root = parts.next()?;
    let base = item
        .facts
        .bindings
        .iter()
        .filter(|r| r.name == root && r.pos < b.pos)
        .max_by_key(|r| r.pos)?;
    let mut ty = base.ty.clone().filter(|t| !t.is_unknown())?;
    for field in parts {
        let name = ty.peel_refs().name()?.to_owned();
        ty = case.facts.raw.table.get(&name)?.field(field)?.clone();
    }
    let ty = ty.peel_refs();
    matches!(ty.name(), Some("Option" | "Result"))
        .then(|| ty.args().first().cloned())
        .flatten()
}

/// Why cloning a value of type `ty` copies a pointer or bumps a count
/// rather than copying data, if it does: `Arc`/`Rc`, channel senders and
/// other handles of any crate, and the crate's own structs that hold only
/// such handles (their derived `Clone` clones each handle).
pub(super) fn cheap_clone_reason(
    ty: &memaudit_facts::Ty,
    table: &memaudit_facts::TypeTable,
    depth: u8,
) -> Option<String> {
    use memaudit_facts::View;
    let ty = ty.peel_refs();
    match ty.view() {
        View::Shared(_) => Some(format!(
            "`{ty}` is reference counted: its clone bumps a count"
        )),
        View::Handle => Some(format!(
            "`{ty}` is a handle (a channel sender, `Bytes`, a runtime handle, …): its clone \
             copies a pointer and bumps a count"
        )),
        View::Option(t) => cheap_clone_reason(t, table, depth),
        View::Named(n, _) if depth < 3 => {
            let def = table.get(n)?;
            let memaudit_facts::types::DefKind::Struct(fields) = &def.kind else {
                return None;
            };
            if fields.is_empty() || def.copy {
                return None;
            }
            let all_cheap = fields.iter().all(|(_, t)| {
                t.is_copy(table) || cheap_clone_reason(t, table, depth + 1).is_some()
            });
            all_cheap.then(|| {
                let list = fields
                    .iter()
                    .map(|(f, t)| format!("`{f}: {t}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("`{n}` holds only cheap handles ({list}): its clone bumps their counts")
            })
        }
        _ => None,
    }
}
