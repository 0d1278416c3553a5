//! LIFETIME_EXTENSION: data kept alive longer than it is needed.
//!
//! Fires on:
//! - in an `async fn` or `async` block, a large value (a buffer, string or
//!   collection) whose last use comes before a later `.await` in the same
//!   scope: it stays in the future's state across the suspension;
//! - a map field or static used as a cache (named `cache`/`memo`/..., or
//!   looked up and filled by the same function: `get`, else compute and
//!   `insert`) that is only ever grown in this file: no `remove`, `clear`,
//!   `retain`, reassignment;
//! - in a parser, a list grown by `push` in a loop or closure and returned
//!   or stored in the node being built without `shrink_to_fit`: its growth
//!   slack lives as long as the tree (not lists of numbers, references or
//!   boxes: a parse's indexes, byte classes and argument slices are read by
//!   the caller and dropped, and their slots are a word or two);
//! - a collection field of a long-lived struct (a server, worker, state,
//!   context, ...) that is pushed to but never drained;
//! - a system's `Local<HashMap<..>>` (or set, `Vec`) parameter that the
//!   system grows and never shrinks: it lives as long as the app;
//! - in a decoder's (reader's, parser's) method, a buffer filled with a
//!   whole stream by `read_to_end` and moved into a field of the value
//!   built: the encoded input stays in memory as long as the decoder.
//!
//! Deliberately ignores: maps filled by one function and read by another
//! (registries and tables of definitions keep every entry by design; a
//! `Registry` or `Store` is not a long-lived accumulator), values moved
//! before the await (they are gone),
//! values dropped explicitly, values used after the await, values whose
//! last use is inside a loop that also awaits, `pub` fields (code elsewhere
//! may drain them), builders that hand their collections over (a move of
//! the field counts as draining it), and small values.

use memaudit_facts::body::{ident_in, path_call, strip, BindKind, Sink, UseKind};
use memaudit_facts::items::Growth;
use memaudit_facts::macros::rewritten_name;
use memaudit_facts::{Ty, View};
use memaudit_model::{Category, Confidence, Impact, Level, Safety};
use syn::{Expr, Item};

use super::{lines, FnCx, TypeCx};
use crate::emit::{Draft, Emitter};

/// Whether a binding holds a large value: by annotation or initialiser.
fn large(cx: &FnCx<'_, '_>, b: u32) -> Option<(&'static str, Option<u64>)> {
    let bd = &cx.facts.bindings[b as usize];
    if let Some(t) = &bd.written {
        return match t.view() {
            View::Vec(_) => Some(("vector", None)),
            View::OwnedStr => Some(("string", None)),
            View::Map(..) | View::Set(_) => Some(("map", None)),
            View::Array(inner, Some(n)) => {
                let size = inner.layout(cx.table).map(|(s, _)| s * n)?;
                (size >= 1024).then_some(("array", Some(size)))
            }
            _ => None,
        };
    }
    // See through `.await`, `?` and `unwrap`-like adaptors to the producer.
    let mut init = strip(cx.init(b)?);
    loop {
        init = match init {
            Expr::Await(a) => strip(&a.base),
            Expr::Try(t) => strip(&t.expr),
            Expr::MethodCall(m)
                if ident_in(
                    &m.method,
                    &[
                        "unwrap",
                        "expect",
                        "unwrap_or_default",
                        "unwrap_or",
                        "unwrap_or_else",
                    ],
                ) =>
            {
                strip(&m.receiver)
            }
            _ => break,
        };
    }
    if let Some(m) = rewritten_name(init) {
        return match m {
            "vec" => Some(("vector", None)),
            "format" => Some(("string", None)),
            _ => None,
        };
    }
    match init {
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            match name.as_str() {
                "collect" | "to_vec" => Some(("collection", None)),
                "read_to_end" | "read_to_string" | "text" | "bytes" | "to_bytes" => {
                    Some(("buffer", None))
                }
                _ => None,
            }
        }
        Expr::Call(c) => {
            let (ty, f) = path_call(&c.func)?;
            let ty = ty.to_string();
            let f = f.to_string();
            match (ty.as_str(), f.as_str()) {
                ("Vec" | "BytesMut" | "String", "with_capacity") => {
                    let n = match c.args.first().map(strip) {
                        Some(Expr::Lit(l)) => match &l.lit {
                            syn::Lit::Int(i) => i.base10_parse::<u64>().ok(),
                            _ => None,
                        },
                        _ => None,
                    };
                    Some(("buffer", n))
                }
                ("fs", "read" | "read_to_string") => Some(("file buffer", None)),
                _ => None,
            }
        }
        _ => None,
    }
}

pub(crate) fn check_fn(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    if !out.wants(Category::LifetimeExtension) || cx.facts.awaits.is_empty() {
        return;
    }
    for (b, bd) in cx.facts.bindings.iter().enumerate() {
        let b = b as u32;
        if bd.async_id == 0 || bd.kind != BindKind::Let {
            continue;
        }
        let Some((what, bytes)) = large(cx, b) else {
            continue;
        };
        let uses: Vec<_> = cx.facts.uses_of(b).collect();
        if uses.iter().any(|u| u.kind.moves()) {
            continue; // moved (or dropped) somewhere: not held to the scope end
        }
        let last = uses.iter().map(|u| u.pos).max().unwrap_or(bd.pos);
        let Some(aw) = cx.facts.awaits.iter().find(|a| {
            a.async_id == bd.async_id
                && a.closure_id == bd.closure_id
                && a.base_start > last
                && a.pos < bd.scope_end
                // An await in a loop that also uses the value runs between uses.
                && !uses.iter().any(|u| a.loop_id != 0 && a.loop_id != bd.loop_id && cx.facts.loop_within(u.loop_id, a.loop_id))
        }) else {
            continue;
        };
        let mut d = Draft::new(Category::LifetimeExtension, bd.stmt_lines, cx.path);
        d.confidence = if bd.written.is_some() || bytes.is_some() {
            Confidence::High
        } else {
            Confidence::Medium
        };
        d.safety = Safety::Safe;
        d.issue = format!(
            "The {what} `{}` is last used on line {} but stays alive across the `.await` on line {}: it is kept in the future's state while the task is suspended.",
            bd.name, last.line, aw.pos.line
        );
        d.proposal = format!(
            "// After the last use of `{0}` (line {1}):\ndrop({0});\n// or confine it to a block that ends before the `.await`",
            bd.name, last.line
        );
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: bytes,
            unit: format!("suspended call of `{}`", cx.path),
            applies_to: format!("peak memory of every concurrent `{}` task", cx.path),
            level: if bytes.is_some_and(|b| b >= 64 * 1024) {
                Level::High
            } else {
                Level::Medium
            },
        };
        d.pros = vec!["Lower peak memory per in-flight task; smaller futures.".into()];
        d.cons = vec!["An explicit `drop` must move if the code later reuses the value.".into()];
        out.emit(d);
    }
}

/// Collections a system keeps in its `Local` state.
const LOCAL_COLLECTIONS: &[&str] = &[
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "IndexMap",
    "IndexSet",
    "Vec",
    "VecDeque",
    "EntityHashMap",
    "EntityHashSet",
];

/// `mut cache: Local<HashMap<K, V>>` in an ECS system that inserts into it
/// (`insert`, `entry`, `push`, …) and never removes, clears, retains or
/// replaces it: the system's local state lives as long as the app, so
/// every key ever seen (and the value it keeps alive, often an asset
/// handle) stays. Evicting entries when what they key is removed, or
/// clearing it per run, bounds it.
pub(crate) fn check_local_growth(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    use memaudit_facts::names::{is_in, DRAIN, GROW};
    if !out.wants(Category::LifetimeExtension) || cx.item.test.is_some() {
        return;
    }
    for (b, bd) in cx.facts.bindings.iter().enumerate() {
        if bd.kind != BindKind::Param || !bd.mutable {
            continue;
        }
        let Some(t) = bd.written.as_ref() else {
            continue;
        };
        let Some(inner) = (t.name() == Some("Local"))
            .then(|| t.args().first())
            .flatten()
        else {
            continue;
        };
        let Some(coll) = inner.name().filter(|n| is_in(n, LOCAL_COLLECTIONS)) else {
            continue;
        };
        // A map to ids (`CachedRenderPipelineId`) keyed by a bounded set of
        // pipeline keys stays small; what matters is a value kept alive.
        if inner
            .args()
            .last()
            .and_then(|v| v.name())
            .is_some_and(|n| n.ends_with("Id") || n.ends_with("ID"))
        {
            continue;
        }
        let mut grows = None;
        let mut shrinks = false;
        for u in cx.facts.uses_of(b as u32) {
            match &u.kind {
                UseKind::MutRecv(m) | UseKind::Recv(m) if is_in(m, GROW) => {
                    grows.get_or_insert(u.pos.line);
                }
                UseKind::MutRecv(m) | UseKind::Recv(m) if is_in(m, DRAIN) => shrinks = true,
                // Replaced (`*cache = ..`), handed away or lent mutably:
                // what happens to it is not seen here.
                UseKind::Mutate(_) | UseKind::Move(_) => shrinks = true,
                _ => {}
            }
        }
        let Some(grow_line) = grows else { continue };
        if shrinks {
            continue;
        }
        let line = bd.pos.line;
        let mut d = Draft::new(Category::LifetimeExtension, (line, line), cx.path);
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "`{}` (a `Local<{coll}>`) is the system's own state, kept for as long as the app runs: `{}` adds to it (line {grow_line}) but nothing removes from it, so every entry ever added — and whatever it keeps alive — stays.",
            bd.name, cx.item.name
        );
        d.proposal = format!(
            "// Evict entries whose key is gone (e.g. on the asset's or entity's removal event):\n{}.retain(|key, _| /* still in use */ true);\n// or `{}.clear()` at the start of each run if it is only per-run scratch",
            bd.name, bd.name
        );
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: None,
            unit: format!("run of `{}`", cx.path),
            applies_to: format!("memory held by `{}` for the app's lifetime", cx.path),
            level: Level::Medium,
        };
        d.pros = vec!["Memory bounded by what is in use, not by everything ever seen.".into()];
        d.cons = vec![
            "Eviction needs a signal that an entry is stale (a removal event, a generation)."
                .into(),
        ];
        out.emit(d);
    }
}

/// Types that turn a stream into something else: the stream's bytes are
/// input to them, not the data they hold.
const STREAM_CONSUMERS: &[&str] = &["Decoder", "Reader", "Parser", "Deserializer"];

/// `let mut input = Vec::new(); r.read_to_end(&mut input)?; Ok(JpegDecoder
/// { input, .. })` in a method of a `…Decoder`/`…Reader`/`…Parser`: the
/// whole encoded stream is read into memory and kept in a field for the
/// decoder's life, beside whatever it decodes into. Reading from the
/// stream as decoding goes (or dropping the bytes once parsed) frees it.
pub(crate) fn check_read_whole(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    if !out.wants(Category::LifetimeExtension) {
        return;
    }
    let Some(owner) = cx.self_ty else { return };
    if !STREAM_CONSUMERS.iter().any(|s| owner.ends_with(s)) {
        return;
    }
    for (pos, callee) in &cx.facts.lent_mut {
        if !matches!(callee.as_str(), "read_to_end" | "read_to_string") {
            continue;
        }
        let Some(u) = cx.facts.uses.iter().find(|u| u.pos == *pos) else {
            continue;
        };
        let bd = &cx.facts.bindings[u.binding as usize];
        if bd.kind != BindKind::Let || u.loop_id != 0 {
            continue;
        }
        // Emptied after the read (`buffer.clear()`): what is stored is a
        // scratch buffer, not the input.
        let emptied = cx.facts.uses_of(u.binding).any(|m| {
            m.pos > *pos && matches!(&m.kind, UseKind::MutRecv(op) if matches!(op.as_str(), "clear" | "truncate" | "drain"))
        });
        if emptied {
            continue;
        }
        let Some(field) = cx.facts.uses_of(u.binding).find_map(|m| match &m.kind {
            UseKind::Move(Sink::Struct(f)) if m.pos > *pos => Some(f.clone()),
            _ => None,
        }) else {
            continue;
        };
        let mut d = Draft::new(
            Category::LifetimeExtension,
            (bd.stmt_lines.0, pos.line),
            cx.path,
        );
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "`{}` holds the whole input read by `{callee}` (line {}) and is stored in `{owner}.{field}`: the encoded stream stays in memory for as long as the `{owner}` lives, beside what it decodes.",
            bd.name, pos.line
        );
        d.proposal = format!(
            "// Keep the reader in `{owner}` and decode from it as needed,\n// or drop the bytes once the parts still needed are parsed out of them."
        );
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: None,
            unit: format!("`{owner}` value"),
            applies_to: format!("peak memory of every live `{owner}`: the size of its whole input"),
            level: Level::Medium,
        };
        d.pros = vec!["Peak memory drops by the size of the encoded input.".into()];
        d.cons = vec![
            "Decoding from the stream needs a seekable reader or the parts kept that later calls read again.".into(),
        ];
        out.emit(d);
    }
}

const CACHE_NAMES: &[&str] = &["cache", "memo", "seen", "intern", "lookup", "visited"];
const LONG_LIVED: &[&str] = &[
    "Server",
    "Worker",
    "Service",
    "Manager",
    "Pool",
    "Engine",
    "Processor",
    "Handler",
    "Session",
    "Client",
    "Runtime",
    "Daemon",
    "Watcher",
    "Cache",
    "Executor",
    "Scheduler",
    "Listener",
    "Router",
    "Actor",
    "Monitor",
    "Tracker",
];

/// Whether one function both looks the field (or static) up and grows it:
/// the shape of memoization (`get`, else compute and `insert`). A map
/// filled by one function (`register`, `set_param`) and read by another is
/// a registry or a table of definitions, which keeps its entries by design.
fn memoized(growth: &[Growth], owner: &str, name: &str) -> bool {
    use memaudit_facts::body::GrowthUse;
    let of = |kind: GrowthUse| {
        growth
            .iter()
            .filter(move |g| g.owner == owner && g.name == name && g.kind == kind)
            .map(|g| g.func)
    };
    of(GrowthUse::Lookup).any(|f| of(GrowthUse::Grow).any(|h| h == f))
}

/// (grown, drained, looked up) for a field of `owner` or a static (owner "").
fn kinds(growth: &[Growth], owner: &str, name: &str) -> (bool, bool, bool) {
    use memaudit_facts::body::GrowthUse;
    let mut out = (false, false, false);
    for g in growth.iter().filter(|g| g.owner == owner && g.name == name) {
        match g.kind {
            GrowthUse::Grow => out.0 = true,
            GrowthUse::Drain => out.1 = true,
            GrowthUse::Lookup => out.2 = true,
        }
    }
    out
}

pub(crate) fn check_item(t: &TypeCx<'_>, growth: &[Growth], out: &mut Emitter<'_>) {
    if !out.wants(Category::LifetimeExtension) {
        return;
    }
    match t.item {
        Item::Struct(s) => {
            let me = s.ident.to_string();
            let long_lived = LONG_LIVED.iter().any(|n| me.contains(n));
            for field in &s.fields {
                if !matches!(field.vis, syn::Visibility::Inherited) {
                    continue;
                }
                let Some(name) = field.ident.as_ref().map(|i| i.to_string()) else {
                    continue;
                };
                let written = Ty::from_syn(&field.ty);
                let ty = match written.view() {
                    View::Cell(inner) | View::Shared(inner) => inner.clone(),
                    _ => written.clone(),
                };
                let (grow, drain, _) = kinds(growth, &me, &name);
                if !grow || drain {
                    continue;
                }
                let lower = name.to_ascii_lowercase();
                let cache_named = CACHE_NAMES.iter().any(|c| lower.contains(c));
                match ty.view() {
                    View::Map(..) | View::Set(_) if cache_named || memoized(growth, &me, &name) => {
                        emit_cache(t, field, &name, &me, out)
                    }
                    View::Vec(_) | View::OwnedStr | View::Map(..) | View::Set(_) if long_lived => {
                        emit_growing(t, field, &name, &me, out)
                    }
                    _ => {}
                }
            }
        }
        Item::Static(st) => {
            let name = st.ident.to_string();
            let (grow, drain, _) = kinds(growth, "", &name);
            let lower = name.to_ascii_lowercase();
            if grow
                && !drain
                && (memoized(growth, "", &name) || CACHE_NAMES.iter().any(|c| lower.contains(c)))
            {
                let mut d = Draft::new(Category::LifetimeExtension, lines(st), &t.path);
                fill_cache(&mut d, &name, "static");
                out.emit(d);
            }
        }
        _ => {}
    }
}

fn fill_cache(d: &mut Draft, name: &str, owner: &str) {
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{name}` ({owner}) is used as a cache but entries are only ever inserted: nothing in this file removes, clears or bounds it, so it grows for as long as its owner lives."
    );
    d.proposal = "// Bound the cache: evict on insert once a limit is reached, e.g.\nif cache.len() >= MAX_ENTRIES {\n    cache.clear(); // or an LRU (`lru` crate) / `retain` by age\n}\ncache.insert(key, value);".to_owned();
    d.impact = Impact {
        allocations_avoided: None,
        bytes_saved: None,
        unit: "distinct key seen".into(),
        applies_to: format!("memory held by `{name}` over the process lifetime"),
        level: Level::High,
    };
    d.pros = vec!["Memory stays bounded on long runs and large inputs.".into()];
    d.cons = vec!["Evicted entries are recomputed; a limit must be chosen.".into()];
    d.prerequisites =
        vec!["Check other files of the crate for eviction before changing it.".into()];
}

fn emit_cache(t: &TypeCx<'_>, field: &syn::Field, name: &str, me: &str, out: &mut Emitter<'_>) {
    let mut d = Draft::new(Category::LifetimeExtension, lines(field), &t.path);
    fill_cache(&mut d, name, &format!("field of `{me}`"));
    out.emit(d);
}

fn emit_growing(t: &TypeCx<'_>, field: &syn::Field, name: &str, me: &str, out: &mut Emitter<'_>) {
    let mut d = Draft::new(Category::LifetimeExtension, lines(field), &t.path);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{me}` looks long-lived and its field `{name}` is filled (push/insert/extend) but never drained, cleared or handed over in this file: everything ever added stays in memory."
    );
    d.proposal = format!(
        "// Drain what has been processed, e.g.\nfor item in self.{name}.drain(..) {{ /* handle */ }}\n// or cap it: `if self.{name}.len() > LIMIT {{ self.{name}.clear(); }}`"
    );
    d.impact = Impact {
        allocations_avoided: None,
        bytes_saved: None,
        unit: format!("element added to `{name}`"),
        applies_to: format!("memory held by every `{me}` over its lifetime"),
        level: Level::Medium,
    };
    d.pros = vec!["Memory no longer grows with the number of operations.".into()];
    d.cons = vec!["Callers relying on the full history need another place to keep it.".into()];
    d.prerequisites = vec!["Confirm no other file drains the field.".into()];
    out.emit(d);
}

/// Methods that append to a collection one element (or run) at a time and
/// so leave the doubling slack of its last growth behind.
const APPENDS: &[&str] = &["push", "push_back", "extend", "extend_from_slice", "insert"];

/// Methods that give the slack back (or prove the size was known).
const FITS: &[&str] = &[
    "shrink_to_fit",
    "shrink_to",
    "into_boxed_slice",
    "into_boxed_str",
    "reserve_exact",
];

/// Whether the function belongs to a parser: a method of a `*Parser` type or
/// a `parse*` function. Its results are syntax trees that live as long as
/// the parsed document, so every node list built by `push` keeps its slack
/// for that long.
fn in_parser(cx: &FnCx<'_, '_>) -> bool {
    cx.self_ty.is_some_and(|t| t.ends_with("Parser"))
        || (cx.self_ty.is_some() && cx.item.name.starts_with("parse"))
}

/// A `Vec`-like initialiser the function then grows: `Vec::new()`,
/// `ThinVec::new()`, `Suite::new()`, `vec![..]`, `X::with_capacity(..)`.
fn grown_init(init: &Expr) -> bool {
    if let Some(m) = rewritten_name(init) {
        return m == "vec";
    }
    match init {
        Expr::Call(c) if c.args.len() <= 1 => {
            path_call(&c.func).is_some_and(|(_, f)| f == "new" || f == "with_capacity")
        }
        _ => false,
    }
}

/// In a parser, a list built element by element in a loop (or in a closure
/// handed to a list-parsing helper) and then returned or stored in the node
/// being built keeps up to half its capacity unused for the life of the
/// tree: `shrink_to_fit()` before handing it over gives the slack back.
/// Whether `t` is a list (or a tuple of lists, for a returned tuple) whose
/// slots are known to be a number, a reference or a box.
fn small_slots(t: &Ty) -> bool {
    match t.view() {
        View::Vec(e) => {
            matches!(e.view(), View::Prim(_) | View::Ref(_) | View::Boxed(_))
        }
        View::Tuple(parts) => {
            let lists: Vec<&Ty> = parts
                .iter()
                .filter(|p| matches!(p.view(), View::Vec(_)))
                .collect();
            !lists.is_empty() && lists.iter().all(|p| small_slots(p))
        }
        _ => false,
    }
}

pub(crate) fn check_slack(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    if !out.wants(Category::LifetimeExtension) || !in_parser(cx) {
        return;
    }
    for (b, bd) in cx.facts.bindings.iter().enumerate() {
        let b = b as u32;
        if bd.kind != BindKind::Let || !bd.mutable {
            continue;
        }
        if let Some(t) = bd.ty.as_ref().or(bd.written.as_ref()) {
            // A `Vec`, or a list type of another crate (`ThinVec`, an alias
            // such as `Suite`) that the facts only know by name.
            if !matches!(t.view(), View::Vec(_) | View::Named(..) | View::Unknown) {
                continue;
            }
        }
        let Some(init) = cx.init(b).map(strip) else {
            continue;
        };
        if !grown_init(init) {
            continue;
        }
        let uses: Vec<_> = cx.facts.uses_of(b).collect();
        // Grown repeatedly: an append inside a loop or a closure that the
        // binding's own statement does not contain.
        let repeated = uses.iter().any(|u| {
            matches!(&u.kind, UseKind::MutRecv(m) if APPENDS.contains(&m.as_str()))
                && ((u.loop_id != bd.loop_id && cx.facts.loop_within(u.loop_id, bd.loop_id))
                    || u.closure_id != bd.closure_id)
        });
        if !repeated {
            continue;
        }
        if uses.iter().any(|u| {
            matches!(&u.kind, UseKind::Recv(m) | UseKind::MutRecv(m) if FITS.contains(&m.as_str()))
        }) {
            continue;
        }
        let Some(kept) = uses.iter().find(|u| {
            matches!(&u.kind, UseKind::Move(Sink::Return | Sink::Struct(_)))
                && u.loop_id == bd.loop_id
                && u.closure_id == bd.closure_id
        }) else {
            continue;
        };
        // Slack matters per slot: a list of numbers, bytes or borrowed
        // slices (a word or two a slot) is a parse's small by-product —
        // indexes, a byte class, argument slices — which its caller reads
        // and drops, not a child list of the tree.
        let returned_ty = match &kept.kind {
            UseKind::Move(Sink::Return) => cx.item.sig.ret.as_ref(),
            _ => None,
        };
        if [bd.ty.as_ref(), bd.written.as_ref(), returned_ty]
            .into_iter()
            .flatten()
            .any(small_slots)
        {
            continue;
        }
        let into = match &kept.kind {
            UseKind::Move(Sink::Struct(s)) => {
                format!("stored in the `{s}` node")
            }
            _ => "returned".to_owned(),
        };
        let mut d = Draft::new(
            Category::LifetimeExtension,
            (bd.stmt_lines.0, kept.pos.line.max(bd.stmt_lines.1)),
            cx.path,
        );
        d.confidence = Confidence::Medium;
        d.safety = Safety::Safe;
        d.issue = format!(
            "`{0}` is grown one element at a time and then {into} on line {1}: a parser's output lives as long as the parsed tree, and each list keeps the spare capacity of its last doubling (up to half of it unused) for that whole time.",
            bd.name, kept.pos.line
        );
        d.proposal = format!(
            "// Once `{0}` is complete, before line {1}:\n{0}.shrink_to_fit();",
            bd.name, kept.pos.line
        );
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: None,
            unit: format!("list built by `{}`", cx.path),
            applies_to: "memory held by every parsed tree for as long as it is kept".to_owned(),
            level: Level::Medium,
        };
        d.pros = vec!["Trees held for a whole session hold no growth slack.".into()];
        d.cons = vec![
            "`shrink_to_fit` may reallocate and copy once per list (cheap next to parsing it)."
                .into(),
        ];
        out.emit(d);
    }
}

/// A list of errors or warnings: empty for almost every input, so it has
/// no slack worth giving back.
fn diagnostics(field: &str, t: &Ty) -> bool {
    let words = ["error", "warning", "diagnostic"];
    let field = field.to_ascii_lowercase();
    let elem = t.to_string().to_ascii_lowercase();
    words.iter().any(|w| field.contains(w) || elem.contains(w))
}

/// Types that turn source text into a front end's output (tokens, trees)
/// and hand it over when done.
const FRONT_ENDS: &[&str] = &["Parser", "Lexer", "Tokenizer", "TokenSource", "Scanner"];

/// `fn finish(self) -> (Vec<Token>, ..) { .. (self.tokens, ..) }` in a
/// lexer or parser whose methods `push` into that field: the list is handed
/// to the caller with the spare capacity of its last doubling, and a front
/// end's output (the tokens of a module, its tree) lives as long as the
/// parsed document. `shrink_to_fit()` on the way out gives the slack back.
/// The local-list form is [`check_slack`]'s.
pub(crate) fn check_field_slack(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    if !out.wants(Category::LifetimeExtension) || !cx.item.sig.self_owned {
        return;
    }
    let Some(me) = cx.self_ty else { return };
    if !FRONT_ENDS.iter().any(|f| me.ends_with(f)) {
        return;
    }
    let Some(def) = cx.table.get(me) else { return };
    let Some(this) = cx.facts.bindings.iter().position(|b| b.name == "self") else {
        return;
    };
    for u in cx.facts.uses_of(this as u32) {
        if u.loop_id != 0 || u.closure_id != 0 {
            continue;
        }
        if !matches!(
            &u.kind,
            UseKind::Move(Sink::Return | Sink::Element | Sink::Struct(_))
        ) {
            continue;
        }
        let Some(field) = u.place.strip_prefix("self.") else {
            continue;
        };
        if field.contains('.') {
            continue;
        }
        let Some(fty) = def.field(field) else {
            continue;
        };
        if !matches!(fty.view(), View::Vec(_)) || small_slots(fty) || diagnostics(field, fty) {
            continue;
        }
        // Grown element by element by the type's own methods, and never
        // fitted to its length anywhere in the file.
        let place = u.place.as_str();
        let on_field = |m: &[&str]| {
            cx.fns
                .iter()
                .filter(|f| f.self_ty.as_deref() == Some(me))
                .flat_map(|f| f.facts.uses.iter())
                .any(|v| {
                    v.place == place
                        && matches!(&v.kind, UseKind::MutRecv(n) | UseKind::Recv(n) if m.contains(&n.as_str()))
                })
        };
        if !on_field(&["push", "push_back"]) || on_field(FITS) {
            continue;
        }
        let mut d = Draft::new(
            Category::LifetimeExtension,
            (u.pos.line, u.pos.line),
            cx.path,
        );
        d.confidence = Confidence::Medium;
        d.safety = Safety::Safe;
        d.issue = format!(
            "`{place}` (a `{fty}`) is grown one `push` at a time by `{me}`'s methods and handed over by `{}` with the spare capacity of its last doubling (up to half of it unused); a front end's output lives as long as the parsed document.",
            cx.item.name
        );
        d.proposal = format!(
            "// Before handing it over on line {}:\n{place}.shrink_to_fit();",
            u.pos.line
        );
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: None,
            unit: format!("`{fty}` handed over by `{}`", cx.path),
            applies_to: "memory held by every parsed document for as long as it is kept".to_owned(),
            level: Level::Medium,
        };
        d.pros = vec!["The output holds no growth slack for its whole life.".into()];
        d.cons = vec![
            "`shrink_to_fit` may reallocate and copy once per document (cheap next to lexing it)."
                .into(),
        ];
        out.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use memaudit_model::Category;

    use crate::{analyze_source, FileContext};

    fn slack_lines(src: &str) -> Vec<u32> {
        analyze_source("src/x.rs", src, &FileContext::new("demo"))
            .unwrap()
            .into_iter()
            .filter(|f| f.category == Category::LifetimeExtension)
            .map(|f| f.line_start)
            .collect()
    }

    const LEXER: &str = "pub struct Tok { pub a: u32, pub b: u32, pub c: u32 }
pub struct Lexer { toks: Vec<Tok> }
impl Lexer {
    pub fn bump(&mut self) { self.toks.push(Tok { a: 0, b: 0, c: 0 }); }
    pub fn finish(self) -> Vec<Tok> {
        self.toks
    }
}";

    #[test]
    fn a_lexers_pushed_list_handed_over_by_value_keeps_its_slack() {
        assert_eq!(slack_lines(LEXER), vec![6]);
    }

    #[test]
    fn a_list_of_small_slots_or_one_never_pushed_is_left_alone() {
        // Slots of a number: a by-product, not the tree.
        let small = LEXER.replace("Vec<Tok>", "Vec<u32>").replace(
            "self.toks.push(Tok { a: 0, b: 0, c: 0 })",
            "self.toks.push(0)",
        );
        assert!(slack_lines(&small).is_empty());
        // Filled whole elsewhere (`extend`), not by `push`.
        let whole = LEXER.replace(
            "self.toks.push(Tok { a: 0, b: 0, c: 0 })",
            "self.toks = Vec::new()",
        );
        assert!(slack_lines(&whole).is_empty());
        // A `&self` accessor does not hand the list over.
        let lent = LEXER
            .replace("finish(self) -> Vec<Tok>", "finish(&self) -> &[Tok]")
            .replace("        self.toks\n", "        &self.toks\n");
        assert!(slack_lines(&lent).is_empty());
        // A list of errors is empty for almost every input.
        let errors = LEXER.replace("toks", "errors");
        assert!(slack_lines(&errors).is_empty());
    }

    #[test]
    fn a_decoder_keeping_its_whole_input_is_reported() {
        let src = "use std::io::Read;
pub struct GifDecoder { input: Vec<u8> }
impl GifDecoder {
    pub fn new(mut r: impl Read) -> std::io::Result<Self> {
        let mut input = Vec::new();
        r.read_to_end(&mut input)?;
        Ok(GifDecoder { input })
    }
}";
        assert_eq!(slack_lines(src), vec![5]);
        // Not a decoder: a file's bytes kept on purpose.
        assert!(slack_lines(&src.replace("GifDecoder", "GifFile")).is_empty());
        // Emptied before it is stored.
        let cleared = src.replace("Ok(GifDecoder", "input.clear();\n        Ok(GifDecoder");
        assert!(slack_lines(&cleared).is_empty());
    }

    #[test]
    fn a_systems_local_map_that_only_grows_is_reported() {
        let src = "use std::collections::HashMap;
pub fn system(items: Query<u32>, mut seen: Local<HashMap<u32, u32>>) {
    for i in items.iter() {
        seen.insert(*i, 0);
    }
}";
        assert_eq!(slack_lines(src), vec![2]);
        let cleared = src.replace("    for i", "    seen.clear();\n    for i");
        assert!(slack_lines(&cleared).is_empty());
    }
}
