//! HEAP_AVOIDABLE: small, fixed-size data put on the heap.
//!
//! Fires on: `Box<[T; N]>` of a small array (≤ 4 KiB); `Box<T>` fields of a
//! primitive or of a small (≤ 64 bytes) non-recursive struct of the crate;
//! `let b = Box::new(<literal or small struct literal>)` never moved;
//! `let v = vec![<literals>]` (≤ 32 elements) never grown or moved (an
//! array does); `let s = "literal".to_string()` (or `to_owned`,
//! `String::from`) never mutated or moved (a `&'static str` does);
//! `v.extend(vec![x; n])`, a temporary vector made only to be copied
//! (`iter::repeat_n` does); `&c.to_string()` of a `char`, lent and dropped
//! (`encode_utf8` into a 4-byte stack buffer does); `f(Box::new(it.map(..)))`,
//! an iterator boxed per call only to be drained by the callee (a
//! `&mut dyn Iterator` parameter does); `map.entry(key.to_vec())` (or
//! `to_string`, `to_owned`, `String::from`) per element, a heap copy of a
//! key made before the lookup (look up the borrowed key first, or keep
//! short keys inline); `c.extend(xs.iter().map(|s| s.to_string()))` into
//! a collection of `String`s, a copy of every borrowed string only to keep
//! it (store the borrows); `Arc<Vec<T>>`/`Rc<String>` fields and variants,
//! two heap blocks for a shared buffer that cannot grow (`Arc<[T]>`/
//! `Arc<str>` is one), unless the file changes or takes back what an `Arc`
//! shares (`make_mut`, `get_mut`, `try_unwrap`); an inherent or free
//! function returning `Box<dyn Trait + '_>` (a box that borrows its
//! arguments, made per call for a short use: `impl Trait + '_` or a
//! callback taking `&mut dyn Trait` needs no heap); a choice (`match` arms,
//! `if` branches) of which two or more arms copy a string literal into a
//! `String`, when it is an inherent function's result or a local that is
//! then only read (`Cow<'static, str>` borrows the literals); a newtype over
//! a `Vec` with a private field that no method of its file grows, shrinks
//! or lends mutably (`Box<[T]>` holds exactly its elements).
//!
//! Deliberately ignores: other `Box<dyn Trait>`s, `Box<str>`, `Box<[T]>`, boxes in
//! recursive types (a recursive type needs the indirection), boxes that are
//! moved (they may coerce to a trait object), values that are grown, mutated
//! or handed to another owner, cold paths and `main` one-time
//! initialisation.

use memaudit_facts::body::{strip, GrowthUse, Sink, Site, SiteKind, Syntax, UseKind};
use memaudit_facts::items::{TypeSite, TypeSiteKind};
use memaudit_facts::names::{is_in, DRAIN, GROW, READ_ONLY};
use memaudit_facts::types::{DefKind, TypeDef};
use memaudit_facts::{Pos, Ty, TypeTable, View};
use memaudit_model::{Category, Confidence, Impact, Level, Safety};
use syn::{Expr, Item};

use super::{lines, text, FnCx, FnRole, TypeCx};
use crate::emit::{Draft, Emitter};

/// `Box<[T; N]>` wherever a type is written.
pub(crate) fn check_type(
    site: &TypeSite,
    syntax: &Syntax<'_>,
    path: &str,
    table: &TypeTable,
    out: &mut Emitter<'_>,
) {
    if !out.wants(Category::HeapAvoidable) || site.kind != TypeSiteKind::Box {
        return;
    }
    let Some(t) = syntax.ty(site.syntax) else {
        return;
    };
    let inner = &site.inner;
    let View::Array(_, Some(n)) = inner.view() else {
        return;
    };
    let Some((size, _)) = inner.layout(table) else {
        return;
    };
    if size > 4096 {
        return;
    }
    let mut d = Draft::new(Category::HeapAvoidable, lines(t), path);
    d.confidence = Confidence::High;
    d.safety = Safety::Safe;
    d.issue = format!("`{}` puts a fixed {size}-byte array ({n} elements) behind a heap allocation; it fits inline.", text(t));
    let inner_ty = match t {
        syn::Type::Path(p) => match p.path.segments.last().map(|s| &s.arguments) {
            Some(syn::PathArguments::AngleBracketed(a)) => match a.args.first() {
                Some(syn::GenericArgument::Type(inner)) => inner,
                _ => return,
            },
            _ => return,
        },
        _ => return,
    };
    d.proposal = format!("{} // inline, no Box", text(inner_ty));
    d.impact = Impact {
        allocations_avoided: Some(1),
        bytes_saved: Some(16),
        unit: "value built".into(),
        applies_to: format!("every value of this type in `{path}`"),
        level: if size <= 256 {
            Level::Medium
        } else {
            Level::Low
        },
    };
    d.pros = vec!["No allocation, no pointer chase; the data sits with its owner.".into()];
    d.cons = vec![format!(
        "The owner grows by {size} bytes; moving it copies them."
    )];
    out.emit(d);
}

/// `fn handle(&mut self) -> Box<dyn Write + '_>`: a private or inherent
/// function that boxes a trait object borrowing its arguments. The box
/// cannot outlive the borrow, so it is made on every call for a short use
/// — a method call on it, a loop over it — and dropped: one allocation per
/// call for what `impl Trait + '_` (one concrete type) or a callback taking
/// `&mut dyn Trait` (several) gives without the heap. Trait methods keep
/// their signature (`dyn` compatibility), and so does a box of a `'static`
/// object, which may be stored.
pub(crate) fn check_borrowed_box_return(
    site: &TypeSite,
    syntax: &Syntax<'_>,
    fns: &[memaudit_facts::items::FnItem],
    path: &str,
    out: &mut Emitter<'_>,
) {
    use memaudit_facts::items::TypeOwner;
    if !out.wants(Category::HeapAvoidable)
        || site.kind != TypeSiteKind::Box
        || !site.dyn_trait
        || site.container.is_some()
        || site.indirect
        || site.test.is_some()
    {
        return;
    }
    let TypeOwner::Return { fn_idx } = site.owner else {
        return;
    };
    let Some(f) = fns.get(fn_idx as usize) else {
        return;
    };
    if f.trait_name.is_some() || f.in_trait_def || f.cold_attr || f.test.is_some() {
        return;
    }
    let Some(syn::Type::Path(p)) = syntax.ty(site.syntax) else {
        return;
    };
    let Some(syn::PathArguments::AngleBracketed(a)) = p.path.segments.last().map(|s| &s.arguments)
    else {
        return;
    };
    let Some(syn::GenericArgument::Type(syn::Type::TraitObject(obj))) = a.args.first() else {
        return;
    };
    let borrows = obj
        .bounds
        .iter()
        .any(|b| matches!(b, syn::TypeParamBound::Lifetime(l) if l.ident != "static"));
    let trait_name = obj.bounds.iter().find_map(|b| match b {
        syn::TypeParamBound::Trait(t) => t.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    });
    let (true, Some(trait_name)) = (borrows, trait_name) else {
        return;
    };
    let boxes: Vec<u32> = f
        .facts
        .sites
        .iter()
        .filter(|s| s.kind == SiteKind::BoxNew && s.closure_id == 0 && s.cold.is_none())
        .map(|s| s.range.end.line)
        .collect();
    let Some(last) = boxes.iter().max().copied() else {
        return;
    };
    let start = f.range.start.line;
    let mut d = Draft::new(Category::HeapAvoidable, (start, last.max(start)), path);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    let fname = f.name.as_str();
    d.issue = format!(
        "`{fname}` returns `{}`, a box that borrows its arguments and so cannot outlive the call that uses it: every call allocates a box ({} `Box::new` in the body) only for a short use of the `dyn {trait_name}` and drops it.",
        text(p),
        boxes.len()
    );
    d.proposal = format!(
        "// one concrete type on every path:
fn {fname}(..) -> impl {trait_name} + '_
// several types: hand the object to the caller's code instead of returning it
fn with_{fname}<R>(.., f: impl FnOnce(&mut dyn {trait_name}) -> R) -> R"
    );
    d.impact = Impact {
        allocations_avoided: Some(1),
        bytes_saved: None,
        unit: format!("call of `{fname}`"),
        applies_to: format!("every call of `{fname}`"),
        level: Level::Low,
    };
    d.pros = vec![
        "No allocation per call; the object stays on the stack (and a single type can be inlined)."
            .into(),
    ];
    d.cons = vec![
        "A callback changes every call site (`self.with_handle(|h| h.write(buf))`); `impl Trait` needs one concrete type on every path.".into(),
    ];
    out.emit(d);
}

/// `Box<T>` fields of small, non-recursive types.
pub(crate) fn check_item(t: &TypeCx<'_>, table: &TypeTable, out: &mut Emitter<'_>) {
    if !out.wants(Category::HeapAvoidable) {
        return;
    }
    let Item::Struct(s) = t.item else { return };
    let me = s.ident.to_string();
    for field in &s.fields {
        let ty = Ty::from_syn(&field.ty);
        let View::Boxed(inner) = ty.view() else {
            continue;
        };
        let (confidence, size) = match inner.view() {
            View::Prim(n) => (Confidence::High, n),
            View::Named(n, _) if n != me => {
                let Some(def) = table.get(n) else { continue };
                if mentions_type(def, &me, table) || mentions_type(def, n, table) {
                    continue;
                }
                match inner.layout(table) {
                    Some((size, _)) if size <= 64 => (Confidence::Medium, size),
                    _ => continue,
                }
            }
            _ => continue,
        };
        let mut d = Draft::new(Category::HeapAvoidable, lines(field), &t.path);
        d.confidence = confidence;
        d.safety = Safety::NeedsReview;
        let inner_text = match &field.ty {
            syn::Type::Path(p) => match p.path.segments.last().map(|s| &s.arguments) {
                Some(syn::PathArguments::AngleBracketed(a)) => {
                    a.args.first().map(text).unwrap_or_default()
                }
                _ => String::new(),
            },
            _ => String::new(),
        };
        let fname = field
            .ident
            .as_ref()
            .map(|i| i.to_string())
            .unwrap_or_default();
        d.issue = format!("`{fname}: {}` boxes a {size}-byte value that is neither recursive nor a trait object; every `{me}` pays an allocation and a pointer chase for it.", text(&field.ty));
        d.proposal = format!("{fname}: {inner_text},");
        d.impact = Impact {
            allocations_avoided: Some(1),
            bytes_saved: Some(8),
            unit: format!("`{me}` built"),
            applies_to: format!("every `{me}` value"),
            level: Level::Low,
        };
        d.pros = vec!["One allocation fewer per value and better locality.".into()];
        d.cons = vec![format!("`{me}` grows by {} bytes; if the field is usually absent or the value is moved often, the box may be deliberate.", size.saturating_sub(8))];
        out.emit(d);
    }
}

/// Traits whose implementation lets code outside the type change its
/// buffer in place.
const MUT_ACCESS_TRAITS: &[&str] = &["DerefMut", "AsMut", "BorrowMut", "Extend", "IndexMut"];

/// A newtype over a `Vec` whose buffer nothing grows or shrinks once it is
/// built: `struct Specifiers(Vec<Specifier>)` with a private field that no
/// method of the file pushes to, extends, drains or truncates, no
/// `DerefMut`/`AsMut`/`Extend` implementation and no method handing out
/// `&mut Vec`. Such wrappers (parsed lists, interned tuples) are built once
/// and then kept, often by the thousand: a `Vec` keeps a capacity word and
/// whatever slack its growth left; `Box<[T]>` holds exactly the elements
/// (`into_boxed_slice()` where it is built, `into_vec()` where it is taken
/// apart).
pub(crate) fn check_frozen_newtype(
    t: &TypeCx<'_>,
    facts: &memaudit_facts::items::FileFacts,
    out: &mut Emitter<'_>,
) {
    if !out.wants(Category::HeapAvoidable) {
        return;
    }
    let Item::Struct(s) = t.item else { return };
    let syn::Fields::Unnamed(fields) = &s.fields else {
        return;
    };
    if fields.unnamed.len() != 1 {
        return;
    }
    let Some(field) = fields.unnamed.first() else {
        return;
    };
    // A public field can be grown by code this file does not show.
    if !matches!(field.vis, syn::Visibility::Inherited) {
        return;
    }
    let ty = Ty::from_syn(&field.ty);
    if ty.name() != Some("Vec") {
        return;
    }
    if !matches!(ty.view(), View::Vec(_)) {
        return;
    }
    let me = s.ident.to_string();
    let owner = me.as_str();
    // The file must show the type's methods: a newtype without any is
    // changed elsewhere, or not at all worth a word.
    let methods: Vec<&memaudit_facts::items::FnItem> = facts
        .fns
        .iter()
        .filter(|f| f.self_ty.as_deref() == Some(owner) && f.test.is_none())
        .collect();
    if methods.is_empty() {
        return;
    }
    // Grown, shrunk or lent mutably (`&mut self.0` may reach a `push`);
    // taking it apart by value (`into_iter`, a move) or replacing it whole
    // (`self.0 = ..`) works on a boxed slice too.
    let changed = methods.iter().any(|f| {
        f.facts.events.iter().any(|e| {
            !e.is_static
                && e.name == "0"
                && match e.kind {
                    GrowthUse::Grow => true,
                    GrowthUse::Drain => !matches!(e.method.as_str(), "into_iter" | "=" | ""),
                    GrowthUse::Lookup => false,
                }
        })
    });
    let mut_access = facts.impls.iter().any(|i| {
        i.self_ty == owner
            && i.trait_name
                .as_deref()
                .is_some_and(|n| MUT_ACCESS_TRAITS.contains(&n))
    });
    let lends_vec = methods.iter().any(|f| {
        f.sig.ret.as_ref().is_some_and(|r| {
            matches!(r, Ty::Ref { mutable: true, inner } if matches!(inner.view(), View::Vec(_)))
        })
    });
    if changed || mut_access || lends_vec {
        return;
    }
    let elem_text = match &field.ty {
        syn::Type::Path(p) => match p.path.segments.last().map(|s| &s.arguments) {
            Some(syn::PathArguments::AngleBracketed(a)) => {
                a.args.first().map(text).unwrap_or_default()
            }
            _ => String::new(),
        },
        _ => String::new(),
    };
    let mut d = Draft::new(Category::HeapAvoidable, lines(s), &t.path);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{me}` wraps a `Vec<{elem_text}>` that no method of this file grows or shrinks after it is built: every `{me}` keeps a capacity word and whatever slack the building left, for a list that is fixed from then on."
    );
    d.proposal = format!(
        "struct {me}(Box<[{elem_text}]>);
// where it is built:    {me}(items.into_boxed_slice())
// where it is consumed: self.0.into_vec().into_iter()"
    );
    d.impact = Impact {
        allocations_avoided: None,
        bytes_saved: Some(8),
        unit: format!("`{me}` kept"),
        applies_to: format!("every `{me}` value"),
        level: Level::Low,
    };
    d.pros = vec![format!(
        "`{me}` shrinks by a word and holds no spare capacity; reads are unchanged (a boxed slice derefs to `&[{elem_text}]`)."
    )];
    d.cons = vec![
        "Building it calls `into_boxed_slice()`, which reallocates when the `Vec` has spare capacity; code that later wants to push must convert back.".into(),
    ];
    out.emit(d);
}

/// `Arc<Vec<T>>`, `Rc<String>` (and `Option` of them) in a field or an
/// enum variant: two heap blocks and two pointer hops for a buffer that,
/// being shared, can no longer grow. `Arc<[T]>`/`Arc<str>` holds the
/// count and the data in one block. Left alone when the file reaches into
/// a shared buffer to change or take it back (`make_mut`, `get_mut`,
/// `try_unwrap`, `into_inner`, `unwrap_or_clone`): then the `Vec` inside
/// is used as one.
pub(crate) fn check_shared_buffers(t: &TypeCx<'_>, unshared: bool, out: &mut Emitter<'_>) {
    if !out.wants(Category::HeapAvoidable) || unshared {
        return;
    }
    let (me, fields): (String, Vec<&syn::Field>) = match t.item {
        Item::Struct(s) => (s.ident.to_string(), s.fields.iter().collect()),
        Item::Enum(e) => (
            e.ident.to_string(),
            e.variants.iter().flat_map(|v| v.fields.iter()).collect(),
        ),
        _ => return,
    };
    for field in fields {
        let Some((handle, buffer, slice)) = shared_buffer(&field.ty) else {
            continue;
        };
        let mut d = Draft::new(Category::HeapAvoidable, lines(field), &t.path);
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        let fname = field
            .ident
            .as_ref()
            .map(|i| format!("`{i}: {}`", text(&field.ty)))
            .unwrap_or_else(|| format!("`{}`", text(&field.ty)));
        d.issue = format!(
            "{fname} in `{me}` puts a `{buffer}` behind an `{handle}`: two heap blocks (the counts with the `{buffer}`'s pointer, length and capacity, then the data) and two pointer hops per read, for a buffer that cannot grow once it is shared."
        );
        d.proposal = format!(
            "{handle}<{slice}> // one block: counts and data together; build it with `{handle}::from(buffer)` (or `.into()`)"
        );
        d.impact = Impact {
            allocations_avoided: Some(1),
            bytes_saved: Some(8),
            unit: "value shared".into(),
            applies_to: format!("every `{me}` that holds one"),
            level: Level::Low,
        };
        d.pros = vec![
            "One allocation instead of two per shared buffer, one pointer hop fewer on every read, and no spare capacity kept.".into(),
        ];
        d.cons = vec![format!(
            "Converting a `{buffer}` into `{handle}<{slice}>` copies the data once, unless it is built straight into the `{handle}`; the buffer can no longer be taken back out as a `{buffer}`."
        )];
        out.emit(d);
    }
}

/// `Arc<Vec<T>>`/`Rc<String>`/… (or `Option` of one): the handle, the
/// buffer type and the slice type that replaces it.
fn shared_buffer(ty: &syn::Type) -> Option<(String, String, String)> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let first_arg = |seg: &syn::PathSegment| match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => match a.args.first() {
            Some(syn::GenericArgument::Type(t)) if a.args.len() == 1 => Some(t.clone()),
            _ => None,
        },
        _ => None,
    };
    let handle = last.ident.to_string();
    if handle == "Option" {
        return shared_buffer(&first_arg(last)?);
    }
    if handle != "Arc" && handle != "Rc" {
        return None;
    }
    let syn::Type::Path(inner) = first_arg(last)? else {
        return None;
    };
    let buf = inner.path.segments.last()?;
    let name = buf.ident.to_string();
    let (buffer, slice) = if name == "Vec" {
        let elem = first_arg(buf)?;
        (text(&inner), format!("[{}]", text(&elem)))
    } else {
        let slice = memaudit_facts::names::borrowed_form(&name)?;
        (name, slice.to_owned())
    };
    Some((handle, buffer, slice))
}

/// Whether `def` (transitively, through the crate's types) mentions `name`.
fn mentions_type(def: &TypeDef, name: &str, table: &TypeTable) -> bool {
    fn walk(t: &Ty, name: &str, table: &TypeTable, depth: u32) -> bool {
        if depth > 6 {
            return false;
        }
        match t.view() {
            View::Named(n, args) => {
                n == name
                    || args.iter().any(|a| walk(a, name, table, depth + 1))
                    || table
                        .get(n)
                        .is_some_and(|d| fields(d).iter().any(|f| walk(f, name, table, depth + 1)))
            }
            View::Vec(i)
            | View::Boxed(i)
            | View::Shared(i)
            | View::Cell(i)
            | View::Option(i)
            | View::Cow(i)
            | View::Ref(i)
            | View::Slice(i)
            | View::Array(i, _) => walk(i, name, table, depth + 1),
            View::Map(k, v) => [k, v]
                .into_iter()
                .flatten()
                .any(|x| walk(x, name, table, depth + 1)),
            View::Set(Some(k)) => walk(k, name, table, depth + 1),
            View::Tuple(ts) => ts.iter().any(|x| walk(x, name, table, depth + 1)),
            _ => t.args().iter().any(|a| walk(a, name, table, depth + 1)),
        }
    }
    fields(def).iter().any(|f| walk(f, name, table, 0))
}

fn fields(def: &TypeDef) -> Vec<Ty> {
    match &def.kind {
        DefKind::Struct(f) => f.iter().map(|(_, t)| t.clone()).collect(),
        DefKind::Enum(v) => v.iter().flat_map(|(_, f)| f.iter().cloned()).collect(),
    }
}

fn is_literal(e: &Expr) -> bool {
    match strip(e) {
        Expr::Lit(_) => true,
        Expr::Unary(u) => is_literal(&u.expr),
        _ => false,
    }
}

fn str_literal(e: &Expr) -> Option<String> {
    match strip(e) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// Whether a use only reads its binding: a read, a borrow, a field or a
/// read-only method other than `copies` (conversions to an owned value,
/// which mean one is needed after all).
fn only_reads(u: &memaudit_facts::body::Use, copies: &[&str]) -> bool {
    match &u.kind {
        UseKind::Read | UseKind::Ref | UseKind::Field(_) => true,
        UseKind::Recv(m) => is_in(m, READ_ONLY) && !is_in(m, copies),
        _ => false,
    }
}

/// Locals: boxed literals, literal `vec!`s and literal `String`s.
pub(crate) fn check_fn(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    if !out.wants(Category::HeapAvoidable) || matches!(cx.role, FnRole::Cold | FnRole::Main) {
        return;
    }
    temporaries(cx, out, claimed);
    literal_choices(cx, out, claimed);
    entry_keys(cx, out, claimed);
    stored_str_copies(cx, out, claimed);
    for site in &cx.facts.sites {
        let Some(b) = site.let_binding else { continue };
        if site.cold.is_some() || site.in_macro {
            continue;
        }
        let Some(expr) = cx.expr(site) else { continue };
        let bd = &cx.facts.bindings[b as usize];
        let uses: Vec<_> = cx.facts.uses_of(b).collect();
        if uses.is_empty() || uses.iter().any(|u| u.closure_id != bd.closure_id) {
            continue;
        }
        // Only reads: a conversion to an owned copy (`clone`, `to_string`)
        // means an owned value is needed after all.
        let untouched = uses.iter().all(|u| {
            only_reads(
                u,
                &["clone", "to_owned", "to_string", "to_vec", "into_iter"],
            )
        });
        let mut d = Draft::new(Category::HeapAvoidable, bd.stmt_lines, cx.path);
        d.impact = cx.impact_at(site.loop_id, 1, None);
        d.safety = Safety::Safe;
        d.confidence = Confidence::High;
        match site.kind {
            SiteKind::ToString | SiteKind::ToOwned | SiteKind::StringFrom => {
                let lit = match expr {
                    Expr::MethodCall(m) => str_literal(&m.receiver),
                    Expr::Call(c) => c.args.first().and_then(str_literal),
                    _ => None,
                };
                let Some(lit) = lit else { continue };
                if !untouched {
                    continue;
                }
                d.issue = format!("`{}` copies a string literal to the heap but is never changed or handed over; the literal itself is a `&'static str`.", bd.name);
                d.proposal = format!("let {}: &str = {:?};", bd.name, lit);
                d.impact.bytes_saved = Some(lit.len() as u64);
                d.pros = vec!["No allocation, no copy.".into()];
                d.cons =
                    vec!["Callers that need a `String` must convert at the point of use.".into()];
            }
            SiteKind::VecMacro => {
                let Expr::Call(c) = expr else { continue };
                let n = c.args.len();
                let ok = match c.args.first().map(strip) {
                    Some(Expr::Repeat(r)) => {
                        is_literal(&r.expr) && int_literal(&r.len).is_some_and(|v| v <= 256)
                    }
                    Some(_) => n <= 32 && c.args.iter().all(is_literal),
                    None => false,
                };
                if !ok || !untouched {
                    if let Some(d) = scratch_buffer(cx, b, c, &uses, d) {
                        claimed.push(site.range.start);
                        out.emit(d);
                    }
                    continue;
                }
                let body = c.args.iter().map(text).collect::<Vec<_>>().join(", ");
                d.issue = format!("`{}` is a fixed list of literals that is never grown; a `Vec` puts it on the heap for nothing.", bd.name);
                d.proposal = format!("let {} = [{body}];", bd.name);
                d.pros = vec!["No allocation; the data lives on the stack (or in read-only memory with `const`).".into()];
                d.cons = vec!["Functions taking `Vec<T>` need `&[T]` instead.".into()];
            }
            SiteKind::BoxNew => {
                let Expr::Call(c) = expr else { continue };
                let Some(arg) = c.args.first() else { continue };
                let small = is_literal(arg)
                    || matches!(strip(arg), Expr::Struct(_))
                        && cx
                            .type_of(arg)
                            .and_then(|t| t.layout(cx.table))
                            .is_some_and(|(s, _)| s <= 128);
                let dyn_annotation = bd
                    .written
                    .as_ref()
                    .is_some_and(|t| matches!(t.view(), View::Boxed(i) if matches!(i.view(), View::Opaque | View::Str)));
                if !small || !untouched || dyn_annotation {
                    continue;
                }
                d.issue = format!("`{}` boxes a small value that never leaves this function; it can live on the stack.", bd.name);
                d.proposal = format!("let {} = {};", bd.name, text(arg));
                d.pros = vec!["No allocation and no indirection.".into()];
                d.cons = vec!["Uses of `*".to_owned() + &bd.name + "` lose the `*`."];
            }
            _ => continue,
        }
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// The most bytes (elements, when the element size is not written) a fixed
/// buffer may have to be proposed for the stack: small enough that no
/// reviewer worries about the frame.
const STACK_BUFFER_MAX: u64 = 512;

/// Methods and functions that fill a `&mut [T]` they are lent, without
/// being able to resize a `Vec` (std's `Read`, `FileExt`, `UdpSocket`,
/// slices, and the `rand` fillers).
const SLICE_FILLERS: &[&str] = &[
    "read",
    "read_exact",
    "read_at",
    "read_exact_at",
    "recv",
    "recv_from",
    "peek",
    "fill",
    "fill_bytes",
    "try_fill_bytes",
    "copy_to_slice",
];

/// `let mut buf = vec![0u8; N]` where `N` is a small literal, or a local
/// that is one of a few literals (`if alpha { 16 } else { 12 }`), and the
/// buffer is only read, lent or written in place — never grown, shrunk,
/// moved or returned: a stack array of the largest length does the same.
fn scratch_buffer(
    cx: &FnCx<'_, '_>,
    b: u32,
    vec: &syn::ExprCall,
    uses: &[&memaudit_facts::body::Use],
    mut d: Draft,
) -> Option<Draft> {
    let Some(Expr::Repeat(r)) = vec.args.first().map(strip) else {
        return None;
    };
    if vec.args.len() != 1 || !is_literal(&r.expr) {
        return None;
    }
    let bd = &cx.facts.bindings[b as usize];
    let (max, len_name) = match strip(&r.len) {
        e @ Expr::Lit(_) => (int_literal(e)?, None),
        e @ Expr::Path(_) => {
            let lb = cx.binding_of(e)?;
            let lbd = &cx.facts.bindings[lb as usize];
            // The length must be the value the `let` gave it, still.
            if lbd.mutable || cx.facts.uses_of(lb).any(|u| u.kind.mutates()) {
                return None;
            }
            (literal_bound(cx.init(lb)?)?, Some(lbd.name.clone()))
        }
        _ => return None,
    };
    let elem_bytes = literal_size(&r.expr);
    // A future keeps the array in its state (and moves it when polled or
    // spawned): in `async` code the heap buffer is the better trade.
    if max == 0 || max * elem_bytes.unwrap_or(1) > STACK_BUFFER_MAX || bd.async_id != 0 {
        return None;
    }
    let fixed_length = uses.iter().all(|u| match &u.kind {
        UseKind::Read | UseKind::Ref | UseKind::Field(_) => true,
        // `read_exact(&mut buf)` lends it as a slice to be filled (a
        // callee taking `&mut Vec<_>` could grow it: not accepted);
        // `buf[i] = x` writes in place.
        UseKind::Mutate(op) if op == "&mut" => cx
            .facts
            .lent_mut
            .iter()
            .any(|(p, callee)| *p == u.pos && is_in(callee, SLICE_FILLERS)),
        // `buf = ..` and `buf[i] = ..` are not told apart: neither accepted.
        UseKind::Mutate(_) => false,
        UseKind::Recv(m) | UseKind::MutRecv(m) => {
            !is_in(m, GROW)
                && !is_in(m, DRAIN)
                && !is_in(
                    m,
                    &[
                        "clone",
                        "to_owned",
                        "to_vec",
                        "into_boxed_slice",
                        "resize",
                        "reserve",
                        "shrink_to_fit",
                        "leak",
                        "split_off",
                        "dedup_by_key",
                    ],
                )
        }
        UseKind::Move(_) => false,
    });
    if !fixed_length {
        return None;
    }
    let elem = text(&r.expr);
    let name = bd.name.as_str();
    let mutable = if bd.mutable { "mut " } else { "" };
    d.safety = Safety::Safe;
    d.confidence = Confidence::High;
    d.impact.bytes_saved = elem_bytes.map(|s| s * max);
    match &len_name {
        None => {
            d.issue = format!(
                "`{name}` is a fixed buffer of {max} elements that is never grown, shrunk or handed over, yet `vec!` puts it on the heap on every call."
            );
            d.proposal = format!("let {mutable}{name} = [{elem}; {max}];");
            d.cons = vec![
                "Uses that need a `Vec` (rare for a fixed buffer) take `&{name}[..]` instead."
                    .into(),
            ];
        }
        Some(len) => {
            d.issue = format!(
                "`{name}` is a buffer of `{len}` elements, and `{len}` is at most {max}; it is never grown, shrunk or handed over, yet `vec!` puts it on the heap on every call."
            );
            d.proposal = format!(
                "let mut {name}_storage = [{elem}; {max}];\nlet {name} = &mut {name}_storage[..{len}];\n// `{name}` is now a `&mut [_]`: lend it as `{name}` (or `&*{name}`) where the code wrote `&mut {name}` / `&{name}`"
            );
            d.cons = vec![format!(
                "The stack frame grows by the largest length ({max} elements) even when `{len}` is smaller."
            )];
        }
    }
    d.pros =
        vec!["No allocation and no free per call; the buffer lives in the stack frame.".into()];
    Some(d)
}

/// An integer literal's value.
fn int_literal(e: &Expr) -> Option<u64> {
    match strip(e) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse().ok(),
        _ => None,
    }
}

/// The largest value an expression can have when every way through it
/// ends in an integer literal: `16`, `if a { 16 } else { 12 }`,
/// `match k { A => 8, _ => 4 }`.
fn literal_bound(e: &Expr) -> Option<u64> {
    fn block_value(b: &syn::Block) -> Option<u64> {
        match b.stmts.as_slice() {
            [syn::Stmt::Expr(e, None)] => literal_bound(e),
            _ => None,
        }
    }
    match strip(e) {
        e @ Expr::Lit(_) => int_literal(e),
        Expr::If(i) => {
            let then = block_value(&i.then_branch)?;
            let (_, els) = i.else_branch.as_ref()?;
            Some(then.max(literal_bound(els)?))
        }
        Expr::Block(b) => block_value(&b.block),
        Expr::Match(m) => m
            .arms
            .iter()
            .map(|a| literal_bound(&a.body))
            .try_fold(0, |acc, v| Some(acc.max(v?))),
        _ => None,
    }
}

/// Bytes of a suffixed numeric literal (`0u8`, `0.0f32`), a `bool`, a
/// byte or a `char`: the size of the primitive its suffix names.
fn literal_size(e: &Expr) -> Option<u64> {
    let Expr::Lit(l) = strip(e) else { return None };
    let ty = match &l.lit {
        syn::Lit::Int(i) => i.suffix(),
        syn::Lit::Float(f) => f.suffix(),
        syn::Lit::Bool(_) => "bool",
        syn::Lit::Byte(_) => "u8",
        syn::Lit::Char(_) => "char",
        _ => return None,
    };
    match Ty::named(ty).view() {
        View::Prim(size) => Some(size),
        _ => None,
    }
}

/// Heap temporaries inside an expression, made only to be copied or lent:
/// `v.extend(vec![x; n])` and `&c.to_string()` of a `char`.
/// `map.entry(key.to_vec())` (or `to_string`, `to_owned`, `String::from`)
/// per iteration: the key is copied to the heap before the map is looked
/// up, so a key already present costs an allocation thrown away at once,
/// and every new key is one more small heap block. A lookup with the
/// borrowed key first, or keys stored inline (small-string / small-vector
/// types), avoids the heap for them — the loop itself is not the waste.
fn entry_keys(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    for site in &cx.facts.sites {
        if site.loop_id == 0
            || site.cold.is_some()
            || site.in_macro
            || site.parent != memaudit_facts::body::Parent::Arg
            || claimed.contains(&site.range.start)
            || !matches!(
                site.kind,
                SiteKind::ToVec | SiteKind::ToString | SiteKind::ToOwned | SiteKind::StringFrom
            )
        {
            continue;
        }
        let Some(Expr::MethodCall(call)) = cx.enclosing_call(site) else {
            continue;
        };
        if call.method != "entry" || call.args.len() != 1 {
            continue;
        }
        let Some(expr) = cx.expr(site).map(strip) else {
            continue;
        };
        if Pos::start(strip(&call.args[0])) != Pos::start(expr) {
            continue;
        }
        let key = match expr {
            Expr::MethodCall(m) => super::code(&m.receiver),
            Expr::Call(c) if c.args.len() == 1 => super::code(&c.args[0]),
            _ => continue,
        };
        let map = super::code(&call.receiver);
        let mut d = Draft::new(Category::HeapAvoidable, cx.site_lines(site), cx.path);
        d.impact = cx.loop_impact(site.loop_id, 1, None);
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "`{map}.entry(..)` is given a heap copy of `{key}` on every {}: when the key is already present the copy is dropped unused, and every new key is one more small heap allocation kept by the map.",
            cx.facts.loops[site.loop_id as usize].unit()
        );
        d.proposal = format!(
            "// Look the borrowed key up first and copy it only for a new entry:
match {map}.get_mut({key}) {{
    Some(v) => {{ /* the occupied case */ }}
    None => {{ {map}.insert({key}.to_owned(), /* the vacant case */); }}
}}
// or store short keys inline (`SmartString`, `CompactString`, `SmallVec<[u8; 24]>`)"
        );
        d.pros = vec![
            "No allocation for keys already in the map; inline keys avoid one heap block per entry.".into(),
        ];
        d.cons = vec![
            "A lookup then an insert hashes a new key twice; inline key types add a dependency."
                .into(),
        ];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// `self.names.extend(words.iter().map(|w| w.to_string()))`: every
/// borrowed `&str` of a slice is copied into a new `String` only to be kept
/// in a collection of owned strings. The copies are the stored values, so
/// no buffer can be hoisted out of the loop; what avoids the heap is
/// keeping the borrowed strings (`HashSet<&'a str>`, `&'static str` when
/// the inputs are literals) or interning them.
fn stored_str_copies(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    for site in &cx.facts.sites {
        if site.loop_id == 0
            || site.cold.is_some()
            || site.in_macro
            || claimed.contains(&site.range.start)
            || !matches!(
                site.kind,
                SiteKind::ToString | SiteKind::ToOwned | SiteKind::StringFrom
            )
        {
            continue;
        }
        let l = &cx.facts.loops[site.loop_id as usize];
        if !matches!(&l.kind, memaudit_facts::body::LoopKind::Iter(m) if m == "map")
            || l.body_closure != site.closure_id
        {
            continue;
        }
        // The map's closure is `|s| s.to_string()` (or `String::from(*s)`).
        let (Some(Expr::MethodCall(map)), Some(Expr::MethodCall(store))) = (
            cx.enclosing_call(site),
            site.outer_call.and_then(|id| cx.syn.expr(id)),
        ) else {
            continue;
        };
        let Some(Expr::Closure(c)) = map.args.first().map(strip) else {
            continue;
        };
        let (Some(syn::Pat::Ident(param)), Some(expr)) = (c.inputs.first(), cx.expr(site)) else {
            continue;
        };
        if Pos::start(strip(&c.body)) != Pos::start(strip(expr)) {
            continue;
        }
        let copied = match strip(expr) {
            Expr::MethodCall(m) => strip(&m.receiver),
            Expr::Call(call) if call.args.len() == 1 => strip(&call.args[0]),
            _ => continue,
        };
        let copied = match copied {
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => strip(&u.expr),
            e => e,
        };
        if !matches!(copied, Expr::Path(p) if p.path.is_ident(&param.ident)) {
            continue;
        }
        // Handed to `extend` on a collection of `String`s.
        if store.method != "extend"
            || store.args.len() != 1
            || Pos::start(strip(&store.args[0])) != Pos::start(&*map.receiver)
        {
            continue;
        }
        let strings =
            cx.type_of(strip(&store.receiver))
                .is_some_and(|t| match t.peel_refs().view() {
                    View::Set(Some(e)) | View::Vec(e) => matches!(e.view(), View::OwnedStr),
                    _ => false,
                });
        if !strings {
            continue;
        }
        let target = super::code(&store.receiver);
        let source = super::code(&map.receiver);
        let mut d = Draft::new(Category::HeapAvoidable, cx.site_lines(site), cx.path);
        d.impact = cx.loop_impact(site.loop_id, 1, None);
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "Every borrowed string of `{source}` is copied into a new `String` only to be kept in `{target}`: one heap allocation per element, each a copy of text that already exists."
        );
        d.proposal = format!(
            "// Keep the borrowed strings instead of owned copies:
// `{target}`: HashSet<&'a str> (or `&'static str` when the inputs are literals)
{target}.extend({source}.copied());"
        );
        d.pros = vec!["No allocation per element, and no copy of the text.".into()];
        d.cons = vec![
            "The collection borrows its inputs: they must outlive it, which adds a lifetime (or needs `'static` inputs).".into(),
        ];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// The text of a non-empty string literal copied into a `String` by a site:
/// `"x".to_string()`, `"x".to_owned()`, `String::from("x")`. (`""` copies
/// nothing: an empty `String` does not allocate.)
fn copied_literal(cx: &FnCx<'_, '_>, site: &Site) -> Option<String> {
    if !matches!(
        site.kind,
        SiteKind::ToString | SiteKind::ToOwned | SiteKind::StringFrom
    ) || site.cold.is_some()
        || site.in_macro
    {
        return None;
    }
    let lit = match cx.expr(site)? {
        Expr::MethodCall(m) => str_literal(&m.receiver),
        Expr::Call(c) if site.kind == SiteKind::StringFrom && c.args.len() == 1 => {
            let from_string = matches!(&*c.func, Expr::Path(p) if p.path.segments.first().is_some_and(|s| s.ident == "String"));
            if !from_string {
                return None;
            }
            c.args.first().and_then(str_literal)
        }
        _ => None,
    }?;
    (!lit.is_empty()).then_some(lit)
}

fn is_string(t: &Ty) -> bool {
    matches!(t.view(), View::OwnedStr) && t.name() == Some("String")
}

/// A choice between texts — the arms of a `match`, the branches of an
/// `if` — that gives a `String` where several arms are string literals
/// copied to the heap: the function's result (`-> String`,
/// `-> Option<String>`, `-> Result<String, _>`), or a local that is then
/// only read. Every call pays an allocation and a copy for text that
/// already lives in the binary; `Cow<'static, str>` borrows the literals
/// and allocates only for the texts it computes (`&'static str` when every
/// arm is a literal). Methods of a trait implementation are left alone:
/// the trait fixes their signature.
fn literal_choices(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    if cx.item.test.is_some() {
        return;
    }
    let literal_sites: Vec<(&Site, String)> = cx
        .facts
        .sites
        .iter()
        .filter(|s| s.branch.is_some() && !claimed.contains(&s.range.start))
        .filter_map(|s| copied_literal(cx, s).map(|l| (s, l)))
        .collect();
    if literal_sites.len() < 2 {
        return;
    }
    // The function's result.
    let ret_string = cx.item.trait_name.is_none()
        && !cx.item.in_trait_def
        && cx.item.sig.ret.as_ref().is_some_and(|t| match t.view() {
            View::Option(inner) => is_string(inner),
            View::Named("Result", args) => args.first().is_some_and(is_string),
            _ => is_string(t),
        });
    if ret_string {
        let returned: Vec<_> = literal_sites
            .iter()
            .filter(|(s, _)| s.returned && s.closure_id == 0)
            .collect();
        if returned.len() >= 2 {
            let sites: Vec<&Site> = returned.iter().map(|(s, _)| *s).collect();
            let lits: Vec<&str> = returned.iter().map(|(_, l)| l.as_str()).collect();
            let what = format!("`{}`", cx.item.name);
            emit_literal_choice(cx, out, claimed, &sites, &lits, &what, true);
        }
    }
    // A local chosen by a `match` or `if` and then only read.
    let mut locals: Vec<(u32, Vec<&Site>, Vec<&str>)> = Vec::new();
    for (s, lit) in &literal_sites {
        let Some(Sink::Let(name)) = &s.sink else {
            continue;
        };
        if s.let_binding.is_some() {
            continue;
        }
        let line = s.range.start.line;
        // The outermost `let` of that name whose statement holds the site.
        let Some(b) = cx
            .facts
            .bindings
            .iter()
            .enumerate()
            .filter(|(_, b)| &b.name == name && b.stmt_lines.0 <= line && line <= b.stmt_lines.1)
            .min_by_key(|(_, b)| b.stmt_lines.0)
            .map(|(i, _)| i as u32)
        else {
            continue;
        };
        match locals.iter_mut().find(|(x, _, _)| *x == b) {
            Some((_, ss, ls)) => {
                ss.push(s);
                ls.push(lit);
            }
            None => locals.push((b, vec![s], vec![lit])),
        }
    }
    for (b, sites, lits) in locals {
        if sites.len() < 2 {
            continue;
        }
        let bd = &cx.facts.bindings[b as usize];
        let uses: Vec<_> = cx.facts.uses_of(b).collect();
        let only_read = !uses.is_empty()
            && uses.iter().all(|u| {
                only_reads(
                    u,
                    &["clone", "to_owned", "to_string", "into_iter", "into_bytes"],
                )
            });
        if !only_read || bd.mutable {
            continue;
        }
        let what = format!("`{}`", bd.name);
        emit_literal_choice(cx, out, claimed, &sites, &lits, &what, false);
    }
}

fn emit_literal_choice(
    cx: &FnCx<'_, '_>,
    out: &mut Emitter<'_>,
    claimed: &mut Vec<Pos>,
    sites: &[&Site],
    lits: &[&str],
    what: &str,
    result: bool,
) {
    let start = sites.iter().map(|s| s.range.start.line).min().unwrap_or(0);
    let end = sites
        .iter()
        .map(|s| s.range.end.line)
        .max()
        .unwrap_or(start);
    let loop_id = sites.iter().map(|s| s.loop_id).max().unwrap_or(0);
    let mut d = Draft::new(Category::HeapAvoidable, (start, end), cx.path);
    d.impact = cx.impact_at(loop_id, 1, None);
    d.impact.bytes_saved = lits.iter().map(|l| l.len() as u64).max();
    d.safety = Safety::NeedsReview;
    d.confidence = Confidence::Medium;
    let shown: Vec<String> = lits.iter().take(3).map(|l| format!("{l:?}")).collect();
    let more = if lits.len() > 3 { ", …" } else { "" };
    d.issue = if result {
        format!(
            "{what} returns a `String`, and {} of its arms copy a string literal ({}{more}) to the heap on every call: text that already lives in the binary.",
            lits.len(),
            shown.join(", ")
        )
    } else {
        format!(
            "{what} is chosen among texts, {} of them string literals ({}{more}) copied to the heap each time, and is then only read.",
            lits.len(),
            shown.join(", ")
        )
    };
    let first = lits.first().copied().unwrap_or_default();
    d.proposal = if result {
        format!(
            "// Return `Cow<'static, str>` (or `&'static str` when every arm is a literal):
fn {}(..) -> Cow<'static, str> {{
    // literal arms:  Cow::Borrowed({first:?})
    // computed arms: Cow::Owned(format!(..))
}}",
            cx.item.name
        )
    } else {
        format!(
            "// Borrow the literals; own only the computed texts:
let {}: Cow<'_, str> = match .. {{
    .. => Cow::Borrowed({first:?}),
    .. => Cow::Owned(..),
}};",
            what.trim_matches('`')
        )
    };
    d.pros = vec!["No allocation for the literal arms.".into()];
    d.cons = vec![if result {
        "Callers that keep the text call `.into_owned()`; the signature changes.".into()
    } else {
        "The arms that compute a text wrap it in `Cow::Owned`.".into()
    }];
    for s in sites {
        claimed.push(s.range.start);
    }
    out.emit(d);
}

/// Channel methods that send one message.
const SENDS: &[&str] = &["send", "try_send", "send_timeout", "blocking_send"];

/// The item of `tx.send(vec![item])`: a one-element `vec![..]` that is the
/// whole message of a channel send.
fn one_item_batch(call: &syn::ExprMethodCall, vec: &Expr) -> Option<String> {
    if !SENDS.iter().any(|s| call.method == s) || call.args.is_empty() {
        return None;
    }
    let Expr::Call(c) = vec else { return None };
    let item = match c.args.iter().collect::<Vec<_>>()[..] {
        [one] if !matches!(strip(one), Expr::Repeat(_)) => super::code(one),
        _ => return None,
    };
    // An error reported as a batch of one is sent once per failure, not
    // per item of the data.
    let lower = item.to_ascii_lowercase();
    if lower.contains("error") || lower.contains("diagnostic") {
        return None;
    }
    Some(item)
}

/// `tx.send(vec![item])` on every call: the channel carries `Vec` batches,
/// and this path sends a batch of one, a heap allocation (and a free on the
/// receiving side) per item. A small inline vector as the message type
/// (`SmallVec<[T; N]>`) carries small batches without the heap.
fn single_batch(
    cx: &FnCx<'_, '_>,
    site: &Site,
    item: &str,
    tx: &str,
    method: &str,
    out: &mut Emitter<'_>,
) {
    let mut d = Draft::new(Category::HeapAvoidable, cx.site_lines(site), cx.path);
    d.impact = cx.impact_at(site.loop_id, 1, None);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{tx}.{method}(vec![{item}])` allocates a one-element `Vec` for every message: the channel carries batches, and this path sends a batch of one, which the receiver frees after one item."
    );
    d.proposal = format!(
        "// A small inline vector as the channel's message type keeps short batches off the heap:\ntype Batch = smallvec::SmallVec<[_; 4]>;\n{tx}.{method}(smallvec::smallvec![{item}])"
    );
    d.pros = vec!["No allocation per message for single items and small batches.".into()];
    d.cons = vec![
        "Changes the channel's message type (every sender and receiver), adds a dependency, and makes each message as large as the inline capacity.".into(),
    ];
    out.emit(d);
}

fn temporaries(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    let mut single_batches: Vec<(&Site, String, String, String)> = Vec::new();
    for site in &cx.facts.sites {
        if site.cold.is_some() || site.in_macro || claimed.contains(&site.range.start) {
            continue;
        }
        let Some(expr) = cx.expr(site).map(strip) else {
            continue;
        };
        let (issue, proposal) = match (site.kind, site.parent) {
            (SiteKind::VecMacro, memaudit_facts::body::Parent::Arg) => {
                let Some(Expr::MethodCall(call)) = cx.enclosing_call(site) else {
                    continue;
                };
                let repeat = match expr {
                    Expr::Call(c) if c.args.len() == 1 => match strip(&c.args[0]) {
                        Expr::Repeat(r) => Some((super::code(&r.expr), super::code(&r.len))),
                        _ => None,
                    },
                    _ => None,
                };
                // `tx.send(vec![item])`: a channel of batches fed one item
                // at a time allocates a one-element `Vec` per message.
                if let Some(item) = one_item_batch(call, expr) {
                    let tx = super::code(&call.receiver);
                    let method = call.method.to_string();
                    single_batches.push((site, item, tx, method));
                    continue;
                }
                let Some((elem, len)) = repeat else { continue };
                if call.method != "extend" || call.args.len() != 1 {
                    continue;
                }
                let target = super::code(&call.receiver);
                (
                    format!(
                        "`vec![{elem}; {len}]` allocates a temporary vector only for `{target}.extend(..)` to copy it and drop it."
                    ),
                    format!("{target}.extend(std::iter::repeat_n({elem}, {len}));"),
                )
            }
            (SiteKind::ToString, memaudit_facts::body::Parent::Ref) => {
                let Expr::MethodCall(m) = expr else { continue };
                let is_char = cx
                    .type_of(strip(&m.receiver))
                    .is_some_and(|t| matches!(t.peel_refs(), Ty::Path(p) if p.segments.len() == 1 && p.segments[0] == "char"));
                if !is_char {
                    continue;
                }
                let c = super::code(&m.receiver);
                (
                    format!(
                        "`{c}.to_string()` allocates a `String` for one `char` only to lend it as `&str`; a `char` is at most 4 bytes of UTF-8."
                    ),
                    format!("{c}.encode_utf8(&mut [0u8; 4]) // a `&mut str` on the stack, in place of `&{c}.to_string()`"),
                )
            }
            (SiteKind::BoxNew, memaudit_facts::body::Parent::Arg) => {
                let Some((callee, chain)) = boxed_iterator_arg(cx, site, expr) else {
                    continue;
                };
                (
                    format!(
                        "`Box::new({chain_short})` allocates on every call only to hand `{callee}` an iterator as a `Box<dyn Iterator>`, which it drains and drops; the iterator itself can live on the caller's stack.",
                        chain_short = text(chain)
                    ),
                    format!(
                        "{callee}(/* .. */ &mut {chain_full} /* .. */)\n// with the parameter `&mut dyn Iterator<Item = ..>` (or `impl Iterator<Item = ..>`) in place of `Box<dyn Iterator<Item = ..>>`",
                        chain_full = super::code(chain)
                    ),
                )
            }
            _ => continue,
        };
        let boxed_iter = site.kind == SiteKind::BoxNew;
        let mut d = Draft::new(Category::HeapAvoidable, cx.site_lines(site), cx.path);
        d.impact = cx.impact_at(site.loop_id, 1, None);
        d.confidence = Confidence::High;
        d.safety = Safety::Safe;
        d.issue = issue;
        d.proposal = proposal;
        d.pros = vec!["No heap allocation for a value that only passes through.".into()];
        d.cons = vec!["None.".into()];
        if boxed_iter {
            // The callee's signature changes, and a callee that keeps the
            // iterator past the call needs it owned.
            d.confidence = Confidence::Medium;
            d.safety = Safety::NeedsReview;
            d.cons = vec![
                "Changes the callee's parameter type (every implementation, for a trait method); a callee that stores the iterator needs the box.".into(),
            ];
        }
        claimed.push(site.range.start);
        out.emit(d);
    }
    for (site, item, tx, method) in single_batches {
        single_batch(cx, site, &item, &tx, &method, out);
        claimed.push(site.range.start);
    }
}

/// Iterator adaptors and sources whose value is a lazy iterator: a
/// `Box::new` of a chain ending in one boxes an iterator.
const ITERATOR_LINKS: &[&str] = &[
    "iter",
    "iter_mut",
    "into_iter",
    "map",
    "filter",
    "filter_map",
    "flat_map",
    "flatten",
    "chain",
    "zip",
    "enumerate",
    "cloned",
    "copied",
    "rev",
    "skip",
    "take",
    "skip_while",
    "take_while",
    "map_while",
    "peekable",
    "inspect",
    "step_by",
];

/// `f(.., Box::new(xs.into_iter().map(..)), ..)`: an iterator boxed only to
/// be passed to a function or method as a trait object, which drains it
/// during the call. The callee (name) and the boxed chain, or `None` when
/// the box is stored (`push`, `insert`, a struct or variant constructor,
/// `Some`/`Ok`) or is not an iterator chain.
fn boxed_iterator_arg<'e>(
    cx: &FnCx<'_, '_>,
    site: &Site,
    expr: &'e Expr,
) -> Option<(String, &'e Expr)> {
    let Expr::Call(c) = expr else { return None };
    let [arg] = c.args.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let Expr::MethodCall(chain) = strip(arg) else {
        return None;
    };
    if !ITERATOR_LINKS.contains(&chain.method.to_string().as_str()) {
        return None;
    }
    let callee = match cx.enclosing_call(site)? {
        Expr::Call(call) => {
            let Expr::Path(p) = strip(&call.func) else {
                return None;
            };
            p.path.segments.last()?.ident.to_string()
        }
        Expr::MethodCall(call) => call.method.to_string(),
        _ => return None,
    };
    // Constructors (`Some`, `Ok`, `Wrapper(..)`, `Variant(..)`) and
    // collection inserts keep the box: it is the stored value.
    let stores = callee.starts_with(|ch: char| ch.is_ascii_uppercase())
        || is_in(
            &callee,
            &[
                "new",
                "from",
                "push",
                "push_back",
                "push_front",
                "insert",
                "extend",
                "send",
                "set",
                "replace",
                "store",
                "spawn",
                "pin",
            ],
        );
    (!stores).then_some((callee, arg))
}

#[cfg(test)]
mod tests {
    use memaudit_model::Category;

    use crate::{analyze_source, FileContext};

    fn heap_lines(src: &str) -> Vec<u32> {
        analyze_source("src/x.rs", src, &FileContext::new("demo"))
            .unwrap()
            .into_iter()
            .filter(|f| f.category == Category::HeapAvoidable)
            .map(|f| f.line_start)
            .collect()
    }

    #[test]
    fn a_one_item_batch_sent_per_call_is_reported() {
        let src = "pub fn add(tx: &std::sync::mpsc::Sender<Vec<String>>, s: String) {
    let _ = tx.send(vec![s]);
}";
        assert_eq!(heap_lines(src), vec![2]);
    }

    #[test]
    fn a_batch_or_a_one_item_vec_given_elsewhere_is_not() {
        let batch = "pub fn add(tx: &std::sync::mpsc::Sender<Vec<String>>, a: String, b: String) {
    let _ = tx.send(vec![a, b]);
}";
        assert!(heap_lines(batch).is_empty());
        let other = "pub fn add(out: &mut Vec<Vec<String>>, s: String) {
    out.push(vec![s]);
}";
        assert!(heap_lines(other).is_empty());
        let error = "pub fn fail(tx: &std::sync::mpsc::Sender<Vec<String>>, e: &str) {
    let _ = tx.send(vec![format!(\"error: {e}\")]);
}";
        assert!(heap_lines(error).is_empty());
    }

    #[test]
    fn literal_arms_of_a_returned_string_are_reported_once() {
        let src = "pub enum K { A, B, C(u8) }
impl K {
    pub fn name(&self) -> Option<String> {
        match self {
            K::A => Some(\"alpha\".to_string()),
            K::B => Some(String::from(\"beta\")),
            K::C(n) => Some(format!(\"c{n}\")),
        }
    }
}";
        assert_eq!(heap_lines(src), vec![5]);
    }

    #[test]
    fn a_trait_method_or_a_single_literal_arm_is_not() {
        let src = "pub enum K { A, B }
impl std::fmt::Display for K {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(\"k\") }
}
pub trait Named { fn name(&self) -> String; }
impl Named for K {
    fn name(&self) -> String {
        match self { K::A => \"a\".to_string(), K::B => \"b\".to_string() }
    }
}
impl K {
    pub fn one(&self) -> String {
        match self { K::A => \"a\".to_string(), K::B => self.name().to_uppercase() }
    }
}";
        assert!(heap_lines(src).is_empty());
    }

    #[test]
    fn a_private_vec_newtype_never_grown_is_reported() {
        let src = "pub struct Specs(Vec<u32>);
impl Specs {
    pub fn new(v: Vec<u32>) -> Self { Self(v) }
    pub fn len(&self) -> usize { self.0.len() }
}";
        assert_eq!(heap_lines(src), vec![1]);
        let grown = "pub struct Specs(Vec<u32>);
impl Specs {
    pub fn add(&mut self, v: u32) { self.0.push(v) }
}";
        assert!(heap_lines(grown).is_empty());
    }
}
